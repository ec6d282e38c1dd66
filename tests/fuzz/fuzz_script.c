/* libFuzzer target: the TUI's --script parser (tui/script.h).
 *
 * Properties: no crash or leak; a parsed script's events are in file order,
 * name a real line and carry values in their documented ranges; a refusal
 * says "NAME:LINE: why" with a line that exists.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/script.h"

static void die(const char *what, int line)
{
	fprintf(stderr, "script parser: %s (line %d)\n", what, line);
	abort();
}

static void check_events(const struct tui_script *s, int lines)
{
	int prev = 1;
	for (int i = 0; i < s->n; i++) {
		const struct tui_script_ev *e = &s->ev[i];
		if (e->line < prev || e->line > lines)
			die("event line out of order or beyond the file", e->line);
		prev = e->line;
		switch (e->op) {
		case TUI_S_KEY:
			if (e->key < 0)
				die("negative key", e->line);
			break;
		case TUI_S_DUMP:
			if (!e->path || !e->path[0])
				die("dump without a path", e->line);
			break;
		case TUI_S_SLEEP:
			if (e->ms < 0 || e->ms > 60000)
				die("sleep out of range", e->line);
			break;
		case TUI_S_RESIZE:
			if (e->cols < 1 || e->cols > 1000 || e->rows < 1 || e->rows > 1000)
				die("resize out of range", e->line);
			break;
		default:
			die("unknown event", e->line);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char name[] = "fuzz.script";
	int lines = 0;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (size && data[size - 1] != '\n')
		lines++;
	struct tui_script *s = NULL;
	char err[512] = "";
	if (tui_script_parse(name, (const char *)data, size, &s, err, sizeof err) == 0) {
		if (!s)
			die("success without a script", 0);
		check_events(s, lines);
		tui_script_free(s);
		return 0;
	}
	int line = -1, used = 0;
	if (strncmp(err, name, sizeof name - 1) != 0 ||
	    sscanf(err + sizeof name - 1, ":%d:%n", &line, &used) != 1 || used == 0 ||
	    line < 1 || line > lines)
		die(err, line);
	return 0;
}
