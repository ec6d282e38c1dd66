/* spicecfg: entry point, global options and command dispatch. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../tui/app.h"

static struct sc_optreg registry;

/* The interactive program: its errors are printed here, as every command's. */
static int interactive(struct cli *cli, const char *script)
{
	struct sc_err err;
	int sig = 0;
	if (tui_main(&cli->ses, script, &sig, &err))
		return cli_fail_err(&err);
	return sig ? 128 + sig : 0;
}

/* The commands: dispatch, --help and the unknown-command message are read
 * from this one table. */
static const struct cli_command commands[] = {
    {"cluster", cmd_object,
     "  OBJECT list [--format table|tsv|json] [--filter TEXT] [--sort FIELD]\n"
     "  OBJECT show NAME [--format text|json]\n"
     "  OBJECT add NAME KEY=VALUE...\n"
     "  OBJECT set NAME KEY=VALUE... [--dry-run (cluster, template)]\n"
     "  OBJECT rm NAME\n",
     complete_object},
    {"vm", cmd_object, NULL, complete_object},
    {"template", cmd_object, NULL, complete_object},
    {"pool", cmd_object, NULL, complete_object},
    {"usb-options", cmd_usb_options,
     "  usb-options --cver 3.0|3.1|3.2 --os OS [--display spice|vnc] [--format text|json]\n",
     complete_usb_options},
    {"config", cmd_config, "  config -l | -a | -g KEY [--cver V] | -s KEY=VALUE [--cver V]\n"
     "         (-l, -a and -g also take --format text|json)\n",
     complete_config},
    {"export", cmd_export, "  export ovf|domxml|vv|api NAME [-o FILE]\n", complete_export},
    {"import", cmd_import, "  import ovf|api PATH... [--cluster C] [--name N] [--keep-going]\n"
     "         [--format text|json]\n",
     complete_import},
    {"demo", cmd_demo, "  demo [--vms N]\n", complete_demo},
    {"host", cmd_host,
     "  host add NAME uri=URI cluster=C | set NAME KEY=VALUE... | rm NAME [--unlink]\n"
     "  host list [--format table|tsv|json] | show NAME | check NAME|URI\n",
     complete_host},
    {"pull", cmd_pull, "  pull HOST [DOMAIN...]\n", NULL},
    {"diff", cmd_diff, "  diff [vm NAME... | --host H]\n", NULL},
    {"apply", cmd_apply,
     "  apply [vm NAME... | --host H] [--dry-run] [--keep-going] [--jobs N] [--force]\n", NULL},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* "cluster, vm, template or pool": the commands sharing usage lines i. */
static void print_shared(FILE *out, size_t i)
{
	size_t n = 1;
	while (i + n < NCOMMANDS && !commands[i + n].usage)
		n++;
	if (n == 1)
		return;
	fputs("        OBJECT is ", out);
	for (size_t k = 0; k < n; k++)
		fprintf(out, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ", commands[i + k].name);
	fputc('\n', out);
}

static void usage(FILE *out)
{
	fputs("usage: spicecfg [--db PATH] [--config FILE] [--quiet] [COMMAND ...]\n"
	      "\n"
	      "Without a command, starts the interactive program (needs a terminal;\n"
	      "--script FILE reads keystrokes from FILE instead).\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (commands[i].usage) {
			fputs(commands[i].usage, out);
			print_shared(out, i);
		}
	fputs("  --version | --help\n"
	      "\n"
	      "Store: --db, else $SPICECFG_DB, else the preference file's db, else\n"
	      "$XDG_DATA_HOME/spicecfg/spicecfg.db.  See spicecfg(1).\n",
	      out);
}

static int unknown_command(const char *name)
{
	char valid[256];
	size_t len = 0;
	for (size_t i = 0; i < NCOMMANDS && len < sizeof valid; i++)
		len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", i ? ", " : "",
		                        commands[i].name);
	return cli_fail(SC_EUSAGE, "unknown command '%s'; valid: %s (see spicecfg --help)", name,
	                valid);
}

/* Takes the global options out of argv wherever they stand. */
static int global_options(struct cli *cli, int *argc, char **argv, const char **script)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char **dst = strcmp(a, "--db") == 0       ? &cli->ses.db_arg
				   : strcmp(a, "--config") == 0 ? &cli->ses.config_arg
				   : strcmp(a, "--script") == 0 ? script
								: NULL;
		if (dst) {
			if (i + 1 >= *argc)
				return cli_fail(SC_EUSAGE, "%s needs a value", a);
			*dst = argv[++i];
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			cli->quiet = true;
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct sc_err err;
	const char *script = NULL;
	/* the shell's completion: its words are not ours to take options from */
	if (argc > 1 && strcmp(argv[1], "__complete") == 0)
		return cli_complete(cli, argc - 2, argv + 2, commands, NCOMMANDS);
	int rc = global_options(cli, &argc, argv, &script);
	if (rc)
		return rc;
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return usage(stdout), 0;
	if (argc > 1 && strcmp(argv[1], "--version") == 0)
		return cli_version(stdout);
	if (session_load(&cli->ses, &err))
		return cli_fail_err(&err);
	if (argc == 1)
		return interactive(cli, script);
	if (script)
		return cli_fail(SC_EUSAGE, "--script is for the interactive program; it takes no "
				"command");
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(cli, argc - 1, argv + 1);
	return unknown_command(argv[1]);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cli cli = {.ses.reg = &registry, .reg = &registry};
	int rc = run(&cli, argc, argv);
	/* values the store held outside their definitions, and what was used */
	struct sc_msgs notes;
	if (cli.st && store_take_notes(cli.st, &notes))
		for (int i = 0; i < notes.n; i++)
			cli_warn(&cli, "%s", notes.m[i].text);
	if (fflush(stdout) != 0 && rc == 0)
		rc = cli_fail(SC_ERUNTIME, "cannot write output");
	session_close(&cli.ses);
	return rc;
}
