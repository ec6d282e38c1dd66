/* Wide-character text output: everything on screen is measured in columns
 * with wcwidth(), so names and descriptions in any script line up. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tui.h"

/* The character at s, or '?' standing for one malformed byte; returns the
 * bytes it takes. */
static int next_char(const char *s, size_t avail, wchar_t *c)
{
	uint32_t v;
	int n = sc_utf8_decode(s, avail, &v);
	*c = n ? (wchar_t)v : L'?';
	return n ? n : 1;
}

int tui_utf8_encode(wchar_t wc, char *out)
{
	unsigned c = (unsigned)wc;
	if (c < 0x80)
		return out[0] = (char)c, 1;
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Columns of one character as the terminal shows it; control and
 * unprintable characters are drawn as '?'. */
static int cell_width(wchar_t c, wchar_t *shown)
{
	int w = wcwidth(c);
	if (w < 0 || c < 0x20) {
		*shown = L'?';
		return 1;
	}
	*shown = c;
	return w;
}

int tui_text_width(const char *s)
{
	int cols = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		wchar_t c, shown;
		int n = next_char(s + i, len - i, &c);
		cols += cell_width(c, &shown);
		i += (size_t)n;
	}
	return cols;
}

int tui_put(WINDOW *w, int y, int x, const char *s, int width, bool pad)
{
	int cols = 0;
	size_t len = strlen(s);
	if (width <= 0)
		return 0;
	wmove(w, y, x);
	for (size_t i = 0; i < len;) {
		wchar_t c, shown;
		int n = next_char(s + i, len - i, &c);
		int cw = cell_width(c, &shown);
		if (cols + cw > width)
			break;
		if (cw > 0)
			waddnwstr(w, &shown, 1);
		cols += cw;
		i += (size_t)n;
	}
	for (; pad && cols < width; cols++)
		waddch(w, ' ');
	return cols;
}

/* SPEC §11: text that does not fit is never cut silently; its last column
 * shows … (~ where the locale cannot show …). */
int tui_put_fit(WINDOW *w, int y, int x, const char *s, int width, bool pad)
{
	if (width <= 0)
		return 0;
	if (tui_text_width(s) <= width)
		return tui_put(w, y, x, s, width, pad);
	int cols = tui_put(w, y, x, s, width - 1, false);
	wchar_t mark = wcwidth(L'\u2026') == 1 ? L'\u2026' : L'~';
	waddnwstr(w, &mark, 1);
	cols++;
	for (; pad && cols < width; cols++)
		waddch(w, ' ');
	return cols;
}

const char *tui_skip_cols(const char *s, int cols)
{
	size_t len = strlen(s);
	while (cols > 0 && *s) {
		wchar_t c, shown;
		int n = next_char(s, len, &c);
		cols -= cell_width(c, &shown);
		s += n;
		len -= (size_t)n;
	}
	return s;
}

int tui_putf(WINDOW *w, int y, int x, int width, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return tui_put(w, y, x, buf, width, true);
}

/* Splits at spaces so that each line fits width columns; a word longer
 * than a line is cut. */
int tui_wrap(const char *s, int width, char *buf, size_t bufsz, const char **lines, int max)
{
	int n = 0;
	size_t out = 0;
	if (width < 1)
		width = 1;
	while (*s && n < max && out + 2 < bufsz) {
		const char *start = s, *brk = NULL;
		int cols = 0;
		while (*s && *s != '\n') {
			wchar_t c, shown;
			int len = next_char(s, strlen(s), &c);
			int cw = cell_width(c, &shown);
			if (cols + cw > width)
				break;
			if (*s == ' ')
				brk = s;
			cols += cw;
			s += len;
		}
		const char *end = s;
		if (*s && *s != '\n' && brk && brk > start)
			end = brk, s = brk + 1;
		else if (*s == '\n')
			s++;
		size_t l = (size_t)(end - start);
		if (out + l + 1 > bufsz)
			l = bufsz - out - 1;
		memcpy(buf + out, start, l);
		buf[out + l] = '\0';
		lines[n++] = buf + out;
		out += l + 1;
	}
	return n;
}

bool tui_cursor_in(WINDOW *w, int cy, int cx, int *y, int *x)
{
	int wy, wx;
	getbegyx(w, wy, wx);
	*y = wy + cy;
	*x = wx + cx;
	return true;
}

void tui_frame(const struct tui *t, WINDOW *w, const char *title)
{
	int cols = getmaxx(w);
	box(w, 0, 0);
	if (title && *title && cols > 6) {
		tui_wattr(t, w, TUI_C_TITLE);
		mvwaddch(w, 0, 2, ' ');
		tui_put(w, 0, 3, title, cols - 6, false);
		waddch(w, ' ');
		tui_wattr(t, w, TUI_C_DIALOG);
	}
}
