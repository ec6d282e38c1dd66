/* The command-line front end: shared state and the commands. */
#ifndef SC_CLI_H
#define SC_CLI_H

#include <stdbool.h>

#include "../model/err.h"
#include "../model/options.h"
#include "../store/config.h"
#include "../store/store.h"

struct cli {
	const char *db_arg;     /* --db */
	const char *config_arg; /* --config */
	bool quiet;             /* --quiet: no informational stderr lines */
	struct sc_prefs prefs;
	struct sc_optreg *reg;  /* option definitions and values */
	struct sc_store *st;    /* opened by cli_open_store() */
};

/* Opens the store (and loads option values into cli->reg). */
int cli_open_store(struct cli *cli, struct sc_err *err);

/* Prints "spicecfg: MESSAGE" on stderr; returns the exit code for status. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_fail_err(const struct sc_err *err);
/* "spicecfg: PREFIX TEXT" on stderr, control characters in text escaped. */
void cli_say(const char *prefix, const char *text);
/* "spicecfg: warning: ..." on stderr (unless quiet). */
void cli_warn(const struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One warning per object a change brought back into the rules. */
void cli_warn_changes(const struct cli *cli, const struct store_changes *ch);

/* Each command gets argv starting at its own name; returns the exit code. */
int cmd_object(struct cli *cli, int argc, char **argv);  /* cluster|vm|template|pool */
int cmd_config(struct cli *cli, int argc, char **argv);
int cmd_usb_options(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);

/* The interactive program (tui/); script = --script FILE or NULL. */
int tui_main(struct cli *cli, const char *script);

#endif
