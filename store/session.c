/* The session: store path precedence, option registry and preferences. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>

#include "store_impl.h"

int session_load(struct sc_session *s, struct sc_err *err)
{
	if (config_load_prefs(&s->prefs, s->config_arg, err))
		return err->status;
	return config_load_optdefs(s->reg, getenv("SPICECFG_OPTIONS"), err);
}

/* The place a store goes when nothing names one. */
static int xdg_path(char *buf, size_t n, struct sc_err *err)
{
	const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	int w;
	if (x && *x)
		w = snprintf(buf, n, "%s/spicecfg/spicecfg.db", x);
	else if (h && *h)
		w = snprintf(buf, n, "%s/.local/share/spicecfg/spicecfg.db", h);
	else
		return sc_fail(err, SC_EUSAGE,
			       "no store path: set --db, SPICECFG_DB, XDG_DATA_HOME or HOME");
	if (w < 0 || (size_t)w >= n)
		return sc_fail(err, SC_EUSAGE, "store path too long");
	return store_mkdirs(buf, err);
}

int session_store_path(const struct sc_session *s, char *buf, size_t n, struct sc_err *err)
{
	const char *env = getenv("SPICECFG_DB");
	/* a path cut to fit would name another file */
	if (s->db_arg) {
		if (sc_strlcpy(buf, s->db_arg, n) < 0)
			return sc_fail(err, SC_EUSAGE, "--db is longer than %zu bytes", n - 1);
	} else if (env && *env) {
		if (sc_strlcpy(buf, env, n) < 0)
			return sc_fail(err, SC_EUSAGE, "SPICECFG_DB is longer than %zu bytes", n - 1);
	} else if (s->prefs.db[0]) {
		if (sc_strlcpy(buf, s->prefs.db, n) < 0)
			return sc_fail(err, SC_EUSAGE,
				       "the preference file's db is longer than %zu bytes", n - 1);
	} else {
		return xdg_path(buf, n, err);
	}
	return 0;
}

int session_open(struct sc_session *s, struct sc_err *err)
{
	char path[4096];
	if (s->st)
		return 0;
	if (session_store_path(s, path, sizeof path, err) || store_open(path, &s->st, err))
		return err->status;
	return store_options_load(s->st, s->reg, err);
}

void session_close(struct sc_session *s)
{
	store_close(s->st);
	s->st = NULL;
}
