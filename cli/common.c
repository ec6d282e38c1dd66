/* What every command shares: the session's store, and the way errors and
 * warnings reach stderr ("spicecfg: ..."). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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
	if (session_open(&cli->ses, err))
		return err->status;
	cli->st = cli->ses.st;
	return 0;
}
