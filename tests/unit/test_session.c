/* The session below both fronts: the store path precedence of SPEC §5
 * (--db, $SPICECFG_DB, the preferences' db, the XDG default) and opening
 * the store with the option values loaded. */
/* cmocka.h needs these headers first. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/session.h"

static struct sc_optreg reg;
static char tmp[256];

static void path_is(struct sc_session *s, const char *want)
{
	char path[4096];
	struct sc_err err = {0};
	assert_int_equal(session_store_path(s, path, sizeof path, &err), 0);
	assert_string_equal(path, want);
}

static void precedence(void **state)
{
	(void)state;
	char want[512];
	struct sc_session s = {.reg = &reg};
	setenv("HOME", tmp, 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("SPICECFG_DB");
	snprintf(want, sizeof want, "%s/.local/share/spicecfg/spicecfg.db", tmp);
	path_is(&s, want);
	struct stat sb;
	snprintf(want, sizeof want, "%s/.local/share/spicecfg", tmp);
	assert_int_equal(stat(want, &sb), 0); /* its directory is made */
	char xdg[512];
	snprintf(xdg, sizeof xdg, "%s/a-file", tmp);
	FILE *f = fopen(xdg, "w");
	assert_non_null(f);
	fclose(f);
	setenv("XDG_DATA_HOME", xdg, 1); /* XDG wins over HOME */
	struct sc_err err = {0};
	char path[4096];
	/* the directory cannot be made: the error names it */
	assert_int_equal(session_store_path(&s, path, sizeof path, &err), SC_ERUNTIME);
	assert_non_null(strstr(err.msg, "a-file/spicecfg"));
	unsetenv("HOME");
	strcpy(s.prefs.db, "/prefs.db");
	path_is(&s, "/prefs.db");
	setenv("SPICECFG_DB", "/env.db", 1);
	path_is(&s, "/env.db");
	setenv("SPICECFG_DB", "", 1); /* empty = not set */
	path_is(&s, "/prefs.db");
	setenv("SPICECFG_DB", "/env.db", 1);
	s.db_arg = "/arg.db";
	path_is(&s, "/arg.db");
	s.prefs.db[0] = '\0';
	unsetenv("SPICECFG_DB");
	unsetenv("XDG_DATA_HOME");
	s.db_arg = NULL;
	assert_int_equal(session_store_path(&s, path, sizeof path, &err), SC_EUSAGE);
	assert_non_null(strstr(err.msg, "no store path"));
}

static void opens_once_with_options(void **state)
{
	(void)state;
	char db[512];
	snprintf(db, sizeof db, "%s/s.db", tmp);
	struct sc_session s = {.reg = &reg, .db_arg = db};
	struct sc_err err = {0};
	struct store_changes ch = {0};
	assert_int_equal(session_open(&s, &err), 0);
	struct sc_store *st = s.st;
	assert_non_null(st);
	assert_int_equal(store_option_set(st, &reg, "WANColorDepth", -1, "32", &ch,
	                                  &err),
	                 0);
	store_changes_free(&ch);
	assert_int_equal(session_open(&s, &err), 0);
	assert_ptr_equal(s.st, st); /* already open: the same store */
	session_close(&s);
	assert_null(s.st);
	reg.values[sc_opt_find(&reg, "WANColorDepth")][SC_OPT_GENERAL][0] = '\0';
	assert_int_equal(session_open(&s, &err), 0);
	assert_string_equal(reg.values[sc_opt_find(&reg, "WANColorDepth")][SC_OPT_GENERAL], "32");
	session_close(&s);
}

static int setup(void **state)
{
	(void)state;
	struct sc_session s = {.reg = &reg, .config_arg = NULL};
	struct sc_err err = {0};
	strcpy(tmp, "/tmp/test_session.XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	setenv("HOME", tmp, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("SPICECFG_OPTIONS");
	return session_load(&s, &err);
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(precedence),
	    cmocka_unit_test(opens_once_with_options),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
