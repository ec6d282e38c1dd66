/* What every command shares: the session's store, and the way errors and
 * warnings reach stderr ("spicecfg: ..."). */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

int cli_fail(int status, const char *fmt, ...)
{
	va_list ap;
	fputs("spicecfg: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
	fputs("spicecfg: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
