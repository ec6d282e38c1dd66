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

/* One line per field changed, however many (SPEC §11): object, field,
 * old -> new, and the rule's message where there is one. */
static void change_line(const struct store_change *c, char *buf, size_t n)
{
	size_t len = (size_t)snprintf(buf, n, "%s: ", c->object);
	if (c->field[0] && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s: %s -> %s", c->field, c->old, c->neu);
	if (c->why[0] && len < n)
		snprintf(buf + len, n - len, "%s%s", c->field[0] ? "; " : "", c->why);
}

void cli_warn_changes(const struct cli *cli, struct store_changes *ch)
{
	if (ch->dry_run) {
		char line[1024], shown[4096];
		for (size_t i = 0; i < ch->n; i++) {
			change_line(&ch->list[i], line, sizeof line);
			sc_escape(line, shown, sizeof shown);
			puts(shown);
		}
		printf("dry run: %ld object%s would change; nothing was changed\n", ch->objects,
		       ch->objects == 1 ? "" : "s");
	} else if (!cli->quiet) {
		char line[1024];
		for (size_t i = 0; i < ch->n; i++) {
			change_line(&ch->list[i], line, sizeof line);
			cli_say("warning: ", line);
		}
		if (ch->objects)
			cli_warn(cli, "%ld object%s changed", ch->objects, ch->objects == 1 ? "" : "s");
	}
	store_changes_free(ch);
}

int cli_open_store(struct cli *cli, struct sc_err *err)
{
	if (session_open(&cli->ses, err))
		return err->status;
	cli->st = cli->ses.st;
	return 0;
}
