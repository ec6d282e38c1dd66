/* One-line text editor for form fields and prompts.  It keeps wide
 * characters, so the cursor moves by character and the view scrolls by
 * columns: a CJK character takes two cells and is never split. */
#include <string.h>

#include "tui.h"

void tui_line_set(struct tui_line *l, const char *s, int max_bytes)
{
	size_t len = strlen(s);
	l->len = l->cur = l->scroll = 0;
	l->selected = false;
	l->max_bytes = max_bytes;
	for (size_t i = 0; i < len && l->len < TUI_LINE_MAX - 1;) {
		uint32_t c;
		int n = sc_utf8_decode(s + i, len - i, &c);
		if (n == 0)
			c = 0xfffd, n = 1; /* keep going: never drop the rest of a value */
		l->buf[l->len++] = (wchar_t)c;
		i += (size_t)n;
	}
	l->cur = l->len;
}

void tui_line_get(const struct tui_line *l, char *out, size_t n)
{
	size_t o = 0;
	for (int i = 0; i < l->len; i++) {
		char tmp[4];
		int k = tui_utf8_encode(l->buf[i], tmp);
		if (o + (size_t)k + 1 > n)
			break;
		memcpy(out + o, tmp, (size_t)k);
		o += (size_t)k;
	}
	if (n)
		out[o] = '\0';
}

static int bytes(const struct tui_line *l)
{
	char tmp[4];
	int b = 0;
	for (int i = 0; i < l->len; i++)
		b += tui_utf8_encode(l->buf[i], tmp);
	return b;
}

static bool insert(struct tui_line *l, wchar_t c)
{
	char tmp[4];
	if (l->len >= TUI_LINE_MAX - 1 || bytes(l) + tui_utf8_encode(c, tmp) > l->max_bytes) {
		beep(); /* full: the value stays as it was */
		return true;
	}
	memmove(l->buf + l->cur + 1, l->buf + l->cur, (size_t)(l->len - l->cur) * sizeof(wchar_t));
	l->buf[l->cur++] = c;
	l->len++;
	return true;
}

static void delete_at(struct tui_line *l, int at, int count)
{
	memmove(l->buf + at, l->buf + at + count, (size_t)(l->len - at - count) * sizeof(wchar_t));
	l->len -= count;
}

void tui_line_select(struct tui_line *l)
{
	l->selected = l->len > 0;
}

static bool printable(int key)
{
	return key >= 0x20 && key < TUI_KC_FLAG && key != 127 && wcwidth((wchar_t)key) >= 0;
}

/* A key on a selected value: what replaces or clears it does so at once;
 * any other key only drops the selection. */
static bool replace_selected(struct tui_line *l, int key)
{
	l->selected = false;
	switch (key) {
	case TUI_K_BACKSPACE:
	case 127:
	case TUI_CTRL('H'):
	case TUI_K_DC:
	case TUI_CTRL('D'):
		l->len = l->cur = l->scroll = 0;
		return true;
	default:
		if (!printable(key))
			return false;
		l->len = l->cur = l->scroll = 0;
		return insert(l, (wchar_t)key);
	}
}

bool tui_line_key(struct tui_line *l, int key)
{
	if (l->selected && replace_selected(l, key))
		return true;
	switch (key) {
	case TUI_K_LEFT:
		if (l->cur > 0)
			l->cur--;
		return true;
	case TUI_K_RIGHT:
		if (l->cur < l->len)
			l->cur++;
		return true;
	case TUI_K_HOME:
	case TUI_CTRL('A'):
		l->cur = 0;
		return true;
	case TUI_K_END:
	case TUI_CTRL('E'):
		l->cur = l->len;
		return true;
	case TUI_K_BACKSPACE:
	case 127:
	case TUI_CTRL('H'):
		if (l->cur > 0)
			delete_at(l, --l->cur, 1);
		return true;
	case TUI_K_DC:
	case TUI_CTRL('D'):
		if (l->cur < l->len)
			delete_at(l, l->cur, 1);
		return true;
	case TUI_CTRL('U'):
		delete_at(l, 0, l->cur);
		l->cur = 0;
		return true;
	case TUI_CTRL('K'):
		l->len = l->cur;
		return true;
	default:
		if (printable(key))
			return insert(l, (wchar_t)key);
		return false;
	}
}

static int width_of(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

void tui_line_draw(struct tui_line *l, WINDOW *w, int y, int x, int width, attr_t attr)
{
	if (width < 2)
		width = 2;
	/* Scroll so that the cursor cell fits, keeping one column for it at the end. */
	if (l->cur < l->scroll)
		l->scroll = l->cur;
	for (;;) {
		int cols = 0;
		for (int i = l->scroll; i < l->cur; i++)
			cols += width_of(l->buf[i]);
		if (cols < width || l->scroll >= l->cur)
			break;
		l->scroll++;
	}
	wattrset(w, l->selected ? attr ^ A_REVERSE : attr);
	wmove(w, y, x);
	int cols = 0;
	l->curx = x;
	for (int i = l->scroll; i < l->len; i++) {
		int cw = width_of(l->buf[i]);
		if (cols + cw > width)
			break;
		if (i == l->cur)
			l->curx = x + cols;
		wchar_t c = wcwidth(l->buf[i]) < 0 ? L'?' : l->buf[i];
		waddnwstr(w, &c, 1);
		cols += cw;
	}
	wattrset(w, attr);
	if (l->cur >= l->len || l->cur < l->scroll)
		l->curx = x + cols;
	for (; cols < width; cols++)
		waddch(w, ' ');
	if (l->curx >= x + width)
		l->curx = x + width - 1;
}
