/* The session both fronts work in: the store chosen by the precedence of
 * SPEC §5, the option registry (definitions and the store's values) and the
 * user's preferences.  cli/main.c fills it and hands it to the TUI. */
#ifndef SC_SESSION_H
#define SC_SESSION_H

#include "../model/err.h"
#include "../model/options.h"
#include "config.h"
#include "store.h"

struct sc_session {
	const char *db_arg;     /* --db, or NULL */
	const char *config_arg; /* --config, or NULL: the default preferences file */
	struct sc_prefs prefs;
	struct sc_optreg *reg;  /* given by the caller (it is large) */
	struct sc_store *st;    /* opened by session_open() */
};

/* Reads the preferences and the option definitions ($SPICECFG_OPTIONS, else
 * the installed file, else the built-in copy). */
int session_load(struct sc_session *s, struct sc_err *err);

/* The store path: --db, else $SPICECFG_DB, else the preferences' db, else
 * $XDG_DATA_HOME/spicecfg/spicecfg.db (~/.local/share/...), whose directory
 * is created. */
int session_store_path(const struct sc_session *s, char *buf, size_t n, struct sc_err *err);

/* Opens the store once and loads the option values into reg. */
int session_open(struct sc_session *s, struct sc_err *err);

void session_close(struct sc_session *s);

#endif
