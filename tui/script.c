/* The --script parser: whole file first, so a bad line stops the program
 * before the terminal is touched. */
#include "script.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../model/types.h"
#include "../model/utf8.h"
#include "../store/fileio.h"
#include "actions.h"

#define SCRIPT_MAX_BYTES  (4 << 20)
#define SCRIPT_MAX_REPEAT 1000

static int fail(char *err, size_t n, const char *name, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail(char *err, size_t n, const char *name, int line, const char *fmt, ...)
{
	int w = snprintf(err, n, "%s:%d: ", name, line);
	va_list ap;
	va_start(ap, fmt);
	if (w >= 0 && (size_t)w < n)
		vsnprintf(err + w, n - (size_t)w, fmt, ap);
	va_end(ap);
	return -1;
}

static struct tui_script_ev *push(struct tui_script *s, enum tui_script_op op, int line)
{
	if (s->n >= TUI_SCRIPT_MAX_EVENTS)
		return NULL;
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 64;
		void *p = realloc(s->ev, (size_t)cap * sizeof *s->ev);
		if (!p)
			return NULL;
		s->ev = p;
		s->cap = cap;
	}
	struct tui_script_ev *e = &s->ev[s->n++];
	memset(e, 0, sizeof *e);
	e->op = op;
	e->line = line;
	return e;
}

/* Why push() failed, as a script error. */
static int no_room(const struct tui_script *s, char *err, size_t errsz, const char *name, int line)
{
	if (s->n >= TUI_SCRIPT_MAX_EVENTS)
		return fail(err, errsz, name, line,
		            "the script expands to more than %d events (keys, typed characters, "
		            "repeats, commands); split it",
		            TUI_SCRIPT_MAX_EVENTS);
	return fail(err, errsz, name, line, "out of memory");
}

static int add_text(struct tui_script *s, const char *t, size_t len, int line)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int w = sc_utf8_decode(t + i, len - i, &cp);
		if (w == 0)
			return -2;
		struct tui_script_ev *e = push(s, TUI_S_KEY, line);
		if (!e)
			return -1;
		e->key = (int)cp;
		i += (size_t)w;
	}
	return 0;
}

/* "<Name>" or "<Name>*N" */
static int parse_key_line(struct tui_script *s, const char *name, char *ln, int line, char *err,
                          size_t errsz)
{
	char *close = strchr(ln, '>');
	long rep = 1;
	if (!close || close == ln + 1)
		return fail(err, errsz, name, line, "bad key line '%s'; write <Name>, e.g. <Down>",
		            ln);
	if (close[1]) {
		if (close[1] != '*' || sc_parse_long(close + 2, 10, &rep) || rep < 1 ||
		    rep > SCRIPT_MAX_REPEAT)
			return fail(err, errsz, name, line,
			            "bad key line '%s'; valid: <Name> or <Name>*N with N 1..%d", ln,
			            SCRIPT_MAX_REPEAT);
	}
	*close = '\0';
	int key = tui_key_parse(ln + 1);
	if (key < 0)
		return fail(err, errsz, name, line,
		            "unknown key <%s>; valid: Up Down Left Right Home End PgUp PgDn Enter "
		            "Esc Tab BTab Backspace Delete Insert Space F1..F12 C-a..C-z lt gt",
		            ln + 1);
	for (long i = 0; i < rep; i++) {
		struct tui_script_ev *e = push(s, TUI_S_KEY, line);
		if (!e)
			return no_room(s, err, errsz, name, line);
		e->key = key;
	}
	return 0;
}

static int parse_number(const char *s, long lo, long hi, long *out)
{
	long v;
	if (sc_parse_long(s, 10, &v) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_command(struct tui_script *s, const char *name, char *ln, int line, char *err,
                         size_t errsz)
{
	char *arg = strchr(ln, ' ');
	if (arg)
		*arg++ = '\0';
	struct tui_script_ev *e;
	long v;
	if (strcmp(ln, ":#") == 0)
		return 0;
	if (strcmp(ln, ":text") == 0) {
		int r = arg ? add_text(s, arg, strlen(arg), line) : 0;
		if (r == -1)
			return no_room(s, err, errsz, name, line);
		return r ? fail(err, errsz, name, line, "text is not valid UTF-8") : 0;
	}
	if (strcmp(ln, ":dump") == 0) {
		if (!arg || !*arg)
			return fail(err, errsz, name, line, ":dump needs a file name");
		if (!(e = push(s, TUI_S_DUMP, line)))
			return no_room(s, err, errsz, name, line);
		if (!(e->path = strdup(arg)))
			return fail(err, errsz, name, line, "out of memory");
		return 0;
	}
	if (strcmp(ln, ":sleep") == 0) {
		if (!arg || parse_number(arg, 0, 60000, &v) < 0)
			return fail(err, errsz, name, line,
			            ":sleep needs milliseconds; valid: 0..60000");
		if (!(e = push(s, TUI_S_SLEEP, line)))
			return no_room(s, err, errsz, name, line);
		e->ms = (int)v;
		return 0;
	}
	if (strcmp(ln, ":resize") == 0) {
		int cols, rows, used = 0;
		if (!arg || sscanf(arg, "%dx%d%n", &cols, &rows, &used) != 2 || arg[used] ||
		    cols < 1 || cols > 1000 || rows < 1 || rows > 1000)
			return fail(err, errsz, name, line,
			            ":resize needs COLSxROWS, e.g. 80x24; valid: 1..1000 each");
		if (!(e = push(s, TUI_S_RESIZE, line)))
			return no_room(s, err, errsz, name, line);
		e->cols = cols;
		e->rows = rows;
		return 0;
	}
	return fail(err, errsz, name, line,
	            "unknown command '%s'; valid: :dump PATH, :sleep MS, :resize COLSxROWS, "
	            ":text TEXT, :# comment",
	            ln);
}

static int parse_line(struct tui_script *s, const char *name, char *ln, int line, char *err,
                      size_t errsz)
{
	if (!*ln)
		return 0;
	if (ln[0] == '<' && strchr(ln + 1, '>'))
		return parse_key_line(s, name, ln, line, err, errsz);
	if (ln[0] == ':')
		return parse_command(s, name, ln, line, err, errsz);
	for (const char *p = ln; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t')
			return fail(err, errsz, name, line,
			            "control character %#x in text; use a key name like <C-l>",
			            (unsigned)*p);
	int r = add_text(s, ln, strlen(ln), line);
	if (r == -1)
		return no_room(s, err, errsz, name, line);
	return r ? fail(err, errsz, name, line, "text is not valid UTF-8") : 0;
}

int tui_script_parse(const char *name, const char *text, size_t len, struct tui_script **out,
                     char *err, size_t errsz)
{
	struct tui_script *s = calloc(1, sizeof *s);
	if (!s)
		return fail(err, errsz, name, 0, "out of memory");
	int line = 0;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		line++;
		size_t l = j - i;
		if (l && text[i + l - 1] == '\r')
			l--;
		char *ln = strndup(text + i, l);
		if (!ln || memchr(text + i, '\0', l)) {
			const char *why = ln ? "NUL byte in line" : "out of memory";
			free(ln);
			tui_script_free(s);
			return fail(err, errsz, name, line, "%s", why);
		}
		int r = parse_line(s, name, ln, line, err, errsz);
		free(ln);
		if (r < 0) {
			tui_script_free(s);
			return -1;
		}
		i = j + 1;
	}
	*out = s;
	return 0;
}

int tui_script_load(const char *path, struct tui_script **out, char *err, size_t errsz)
{
	/* never a FIFO or a device: the open does not block, the size is bounded */
	struct sc_err e;
	char *buf;
	size_t len;
	if (fileio_read(path, SCRIPT_MAX_BYTES, &buf, &len, &e) != SC_OK)
		return snprintf(err, errsz, "%s", e.msg), -1;
	int r = tui_script_parse(path, buf, len, out, err, errsz);
	free(buf);
	return r;
}

void tui_script_free(struct tui_script *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		free(s->ev[i].path);
	free(s->ev);
	free(s);
}
