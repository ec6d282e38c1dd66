/* libFuzzer target: `config -s KEY=VALUE` value validation, for every option
 * of the shipped registry.
 *
 * Properties: a value is either refused with a message naming the key, or
 * accepted with a canonical spelling that is itself accepted and maps to
 * itself (the store only ever holds canonical values).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/options.h"
#include "store/config.h"

static struct sc_optreg *reg;

static void check(const struct sc_optdef *d, const char *v)
{
	char norm[SC_OPT_VALUE_MAX], norm2[SC_OPT_VALUE_MAX];
	struct sc_err err = {0};
	if (sc_opt_validate(d, v, norm, sizeof norm, &err) != 0) {
		if (err.status != SC_EUSAGE || !strstr(err.msg, d->key)) {
			fprintf(stderr, "%s: refusal of '%s' does not name the key: %s\n", d->key,
				v, err.msg);
			abort();
		}
		return;
	}
	if (sc_opt_validate(d, norm, norm2, sizeof norm2, &err) != 0) {
		fprintf(stderr, "%s: canonical '%s' of '%s' is refused: %s\n", d->key, norm, v,
			err.msg);
		abort();
	}
	if (strcmp(norm, norm2) != 0) {
		fprintf(stderr, "%s: canonical form not stable: '%s' -> '%s' -> '%s'\n", d->key, v,
			norm, norm2);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!reg) {
		struct sc_err err;
		reg = calloc(1, sizeof *reg);
		if (!reg || config_load_optdefs(reg, NULL, &err) != 0 || reg->n == 0) {
			fprintf(stderr, "cannot load the option definitions\n");
			abort();
		}
	}
	char *v = malloc(size + 1);
	if (!v)
		return 0;
	memcpy(v, data, size);
	v[size] = '\0';
	for (int i = 0; i < reg->n; i++)
		check(&reg->defs[i], v);
	free(v);
	return 0;
}
