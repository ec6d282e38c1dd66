/* libconfig files: the shipped option definitions and user preferences. */
#ifndef SC_CONFIG_H
#define SC_CONFIG_H

#include <stdbool.h>

#include "../model/err.h"
#include "../model/options.h"

/* Loads option definitions: from path if given, else the installed file,
 * else the copy built into the program.  Errors say file:line. */
int config_load_optdefs(struct sc_optreg *reg, const char *path, struct sc_err *err);

struct sc_prefs {
	char db[4096];    /* "" = default store path */
	bool color;       /* false: monochrome */
	char theme[32];   /* "default" */
};

/* Reads preferences from path, or the default location when path is NULL
 * (a missing default file is not an error). */
int config_load_prefs(struct sc_prefs *prefs, const char *path, struct sc_err *err);

#endif
