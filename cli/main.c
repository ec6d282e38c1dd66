/* spicecfg: entry point, global options and command dispatch. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
	"usage: spicecfg [--db PATH] [--config FILE] [--quiet] [COMMAND ...]\n"
	"\n"
	"Without a command, starts the interactive program (needs a terminal;\n"
	"--script FILE reads keystrokes from FILE instead).\n"
	"\n"
	"Commands:\n"
	"  OBJECT list [--format table|tsv|json] [--filter TEXT]\n"
	"  OBJECT show NAME\n"
	"  OBJECT add NAME KEY=VALUE...\n"
	"  OBJECT set NAME KEY=VALUE...\n"
	"  OBJECT rm NAME\n"
	"        OBJECT is cluster, vm, template or pool\n"
	"  usb-options --cver 3.0|3.1|3.2 --os OS [--display spice|vnc]\n"
	"  config -l | -a | -g KEY [--cver V] | -s KEY=VALUE [--cver V]\n"
	"  export ovf|domxml|vv|api NAME [-o FILE]\n"
	"  import ovf|api PATH... [--cluster C] [--name N] [--keep-going]\n"
	"  demo [--vms N]\n"
	"  --version | --help\n"
	"\n"
	"Store: --db, else $SPICECFG_DB, else the preference file's db, else\n"
	"$XDG_DATA_HOME/spicecfg/spicecfg.db.  See spicecfg(1).\n";

static struct sc_optreg registry;

/* One message line on stderr; what it quotes from outside (file names,
 * names read from files, $USER) cannot reach the terminal raw. */
void cli_say(const char *prefix, const char *text)
{
	size_t n = strlen(text) * 4 + 4;
	char *shown = malloc(n);
	if (shown)
		sc_escape(text, shown, n);
	fprintf(stderr, "spicecfg: %s%s\n", prefix, shown ? shown : "out of memory");
	free(shown);
}

static void vsay(const char *prefix, const char *fmt, va_list ap)
{
	char *text = NULL;
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	cli_say(prefix, text ? text : "out of memory");
	free(text);
}

int cli_fail(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay("", fmt, ap);
	va_end(ap);
	return sc_exit_code(status);
}

int cli_fail_err(const struct sc_err *err)
{
	return cli_fail(err->status, "%s", err->msg);
}

void cli_warn(const struct cli *cli, const char *fmt, ...)
{
	if (cli->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsay("warning: ", fmt, ap);
	va_end(ap);
}

void cli_warn_changes(const struct cli *cli, const struct store_changes *ch)
{
	for (int i = 0; i < ch->msgs.n; i++)
		cli_warn(cli, "%s", ch->msgs.m[i].text);
	if (ch->objects > ch->msgs.n)
		cli_warn(cli, "%ld objects changed in all", ch->objects);
}

int cli_open_store(struct cli *cli, struct sc_err *err)
{
	char path[4096];
	if (cli->st)
		return 0;
	const char *env = getenv("SPICECFG_DB");
	if (cli->db_arg)
		sc_strlcpy(path, cli->db_arg, sizeof path);
	else if (!(env && *env) && cli->prefs.db[0])
		sc_strlcpy(path, cli->prefs.db, sizeof path);
	else if (store_default_path(path, sizeof path, err))
		return err->status;
	if (store_open(path, &cli->st, err))
		return err->status;
	return store_options_load(cli->st, cli->reg, err);
}

static const struct {
	const char *name;
	int (*fn)(struct cli *, int, char **);
} commands[] = {
	{"cluster", cmd_object},   {"vm", cmd_object},       {"template", cmd_object},
	{"pool", cmd_object},      {"config", cmd_config},   {"usb-options", cmd_usb_options},
	{"demo", cmd_demo},        {"export", cmd_export},   {"import", cmd_import},
};

/* Takes the global options out of argv wherever they stand. */
static int global_options(struct cli *cli, int *argc, char **argv, const char **script)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char **dst = strcmp(a, "--db") == 0       ? &cli->db_arg
				   : strcmp(a, "--config") == 0 ? &cli->config_arg
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
	int rc = global_options(cli, &argc, argv, &script);
	if (rc)
		return rc;
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return fputs(USAGE, stdout), 0;
	if (argc > 1 && strcmp(argv[1], "--version") == 0)
		return printf("spicecfg %s\n", SPICECFG_VERSION), 0;
	if (config_load_prefs(&cli->prefs, cli->config_arg, &err))
		return cli_fail_err(&err);
	if (config_load_optdefs(cli->reg, getenv("SPICECFG_OPTIONS"), &err))
		return cli_fail_err(&err);
	if (argc == 1)
		return tui_main(cli, script);
	if (script)
		return cli_fail(SC_EUSAGE, "--script is for the interactive program; it takes no "
				"command");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(cli, argc - 1, argv + 1);
	return cli_fail(SC_EUSAGE,
			"unknown command '%s'; valid: cluster, vm, template, pool, usb-options, "
			"config, export, import, demo (see spicecfg --help)",
			argv[1]);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cli cli = {.reg = &registry};
	int rc = run(&cli, argc, argv);
	if (fflush(stdout) != 0 && rc == 0)
		rc = cli_fail(SC_ERUNTIME, "cannot write output");
	store_close(cli.st);
	return rc;
}
