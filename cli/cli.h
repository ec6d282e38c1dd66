/* The command-line front end: shared state and the commands. */
#ifndef SC_CLI_H
#define SC_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

#include "../model/err.h"
#include "../model/options.h"
#include "../store/session.h"
#include "../store/store.h"

struct cli {
	struct sc_session ses;  /* --db, --config, preferences, options, store */
	bool quiet;             /* --quiet: no informational stderr lines */
	/* The session's registry and store, as the commands use them. */
	struct sc_optreg *reg;
	struct sc_store *st;    /* set by cli_open_store() */
};

/* Opens the session's store (and loads option values into cli->reg). */
int cli_open_store(struct cli *cli, struct sc_err *err);

/* Prints "spicecfg: MESSAGE" on stderr; returns the exit code for status. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_fail_err(const struct sc_err *err);
/* "spicecfg: PREFIX TEXT" on stderr, control characters in text escaped. */
void cli_say(const char *prefix, const char *text);
/* "spicecfg: warning: ..." on stderr (unless quiet). */
void cli_warn(const struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One warning per object a change brought back into the rules. */
/* Prints what a change did (or, with dry_run, would do) and frees the list. */
void cli_warn_changes(const struct cli *cli, struct store_changes *ch);

/* A progress bar on stderr when it is a terminal (and not --quiet). */
struct cli_bar {
	bool on, shown;
	const char *unit; /* "files", "domains" */
	double start, last;
};
void cli_bar_init(struct cli_bar *b, const struct cli *cli, const char *unit);
void cli_bar_draw(struct cli_bar *b, int done, int total);
/* Takes the bar off the line before other output. */
void cli_bar_clear(struct cli_bar *b);

/* Each command gets argv starting at its own name; returns the exit code. */
int cmd_object(struct cli *cli, int argc, char **argv);  /* cluster|vm|template|pool */
int cmd_config(struct cli *cli, int argc, char **argv);
int cmd_usb_options(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_host(struct cli *cli, int argc, char **argv);
int cmd_pull(struct cli *cli, int argc, char **argv);
int cmd_diff(struct cli *cli, int argc, char **argv);
int cmd_apply(struct cli *cli, int argc, char **argv);

/* `vm show`'s lines about the vm's host domain (none when it is not linked). */
void cli_show_link(struct cli *cli, const struct sc_object *o);
/* `vm set NAME host=H`: links o (whose domain on H has its name) or, with
 * host "", unlinks it, in the caller's transaction (see cli/host.c). */
struct cli_link;
int cli_link_prepare(struct cli *cli, const char *host, const char *domain_name,
		     struct cli_link **out);
int cli_link_finish(struct cli *cli, struct cli_link *l, const struct sc_object *o);

/* The command table (cli/main.c): dispatch, --help, the unknown-command
 * message and shell completion all read it. */
struct compl; /* a completion request (cli/complete.c) */
struct cli_command {
	const char *name;
	int (*fn)(struct cli *, int, char **);
	const char *usage; /* lines for --help; NULL: those of the command before */
	/* prints the candidates for the word after the command's own words */
	void (*complete)(struct compl *c);
};

/* `spicecfg __complete CWORD WORD...` (argv from CWORD on): candidates for
 * the shell's current word, one per line; see cli/complete.c. */
int cli_complete(struct cli *cli, int argc, char **argv, const struct cli_command *cmds,
		 size_t ncmds);
void complete_object(struct compl *c);
void complete_usb_options(struct compl *c);
void complete_config(struct compl *c);
void complete_export(struct compl *c);
void complete_import(struct compl *c);
void complete_demo(struct compl *c);
void complete_host(struct compl *c);

/* The verbs of cluster, vm, template and pool, NULL-terminated. */
extern const char *const cli_object_verbs[];

/* `spicecfg --version`: ours and the libraries' versions. */
int cli_version(FILE *out);

#endif
