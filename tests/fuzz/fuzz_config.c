/* libFuzzer target: the libconfig loaders, the option definitions file
 * (config_load_optdefs) and the preferences file (config_load_prefs).
 *
 * Properties: no crash; a failure carries a message naming the file; a
 * loaded registry only holds definitions whose defaults pass their own
 * validation, and keys are unique.
 *
 * libconfig's @include directive reads whatever file the input names (and
 * /dev/zero never ends), so inputs using it are skipped here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "model/options.h"
#include "store/config.h"

/* libconfig 1.5 loses the buffer of a string token when a parse error
 * stops the parser mid-string; that leak is the library's, not ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libconfig.so\n"; }

static char path[64];
static struct sc_optreg *reg;

static int write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, size, f);
	return fclose(f) == 0 && w == size ? 0 : -1;
}

static int has_include(const uint8_t *data, size_t size)
{
	static const char word[] = "include";
	for (size_t i = 0; i + sizeof word - 1 <= size; i++)
		if (strncasecmp((const char *)data + i, word, sizeof word - 1) == 0)
			return 1;
	return 0;
}

static void check_registry(void)
{
	for (int i = 0; i < reg->n; i++) {
		struct sc_err e;
		if (sc_optdef_check(&reg->defs[i], &e) != 0) {
			fprintf(stderr, "loaded an invalid definition: %s\n", e.msg);
			abort();
		}
		for (int j = 0; j < i; j++)
			if (strcmp(reg->defs[i].key, reg->defs[j].key) == 0) {
				fprintf(stderr, "duplicate key %s loaded\n", reg->defs[i].key);
				abort();
			}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/fuzz_config.%ld.conf", (long)getpid());
		reg = calloc(1, sizeof *reg);
		if (!reg)
			abort();
	}
	if (has_include(data, size) || write_input(data, size) != 0)
		return 0;
	struct sc_err err = {0};
	if (config_load_optdefs(reg, path, &err) == 0)
		check_registry();
	else if (!strstr(err.msg, path)) {
		fprintf(stderr, "optdefs error does not name the file: %s\n", err.msg);
		abort();
	}
	struct sc_prefs prefs;
	memset(&err, 0, sizeof err);
	if (config_load_prefs(&prefs, path, &err) == 0) {
		if (strnlen(prefs.db, sizeof prefs.db) == sizeof prefs.db ||
		    strnlen(prefs.theme, sizeof prefs.theme) == sizeof prefs.theme)
			abort();
	} else if (!strstr(err.msg, path) || err.status != SC_EUSAGE) {
		fprintf(stderr, "prefs error does not name the file or is not a usage error (%d): %s\n",
			err.status, err.msg);
		abort();
	}
	unlink(path);
	return 0;
}
