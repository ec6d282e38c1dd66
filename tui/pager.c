/* A text page: help and preview.  Help wraps at the window's edge;
 * preview keeps lines whole (XML is read line by line) and scrolls sideways.
 * Up/Down/PgUp/PgDn scroll. */
#include "pager.h"

#include <stdlib.h>
#include <string.h>

/* Splits src into display lines: at newlines, and where help text would
 * pass the window's edge.  Runs again when the window is resized. */
static void build(struct tui_pager *p)
{
	int width = p->win ? getmaxx(p->win) - 2 : COLS - 2;
	size_t len = strlen(p->src), cap = 1;
	for (const char *c = p->src; *c; c++)
		cap += *c == '\n';
	if (p->wrap) /* each line may become len/width + 1 lines */
		cap += len / (size_t)(width > 10 ? width / 2 : 5) + 1;
	free(p->text);
	free(p->lines);
	p->text = malloc(len * 2 + cap + 2);
	p->lines = calloc(cap + 1, sizeof *p->lines);
	p->nlines = 0;
	if (!p->text || !p->lines)
		return;
	size_t out = 0;
	for (const char *c = p->src; (*c || p->nlines == 0) && (size_t)p->nlines < cap;) {
		size_t l = strcspn(c, "\n");
		char *line = strndup(c, l);
		const char *parts[256];
		int k = 1;
		if (line && p->wrap && *line)
			k = tui_wrap(line, width, p->text + out, len * 2 + cap + 2 - out, parts,
			             256);
		else
			parts[0] = strcpy(p->text + out, line ? line : "");
		for (int i = 0; i < k && (size_t)p->nlines < cap; i++)
			p->lines[p->nlines++] = (char *)parts[i];
		const char *last = parts[k > 0 ? k - 1 : 0];
		out = (size_t)(last - p->text) + strlen(last) + 1;
		free(line);
		c += l;
		if (!*c || !*++c)
			break;
	}
}

void tui_pager_set_text(struct tui_pager *p, const char *title, const char *text)
{
	free(p->src);
	p->src = strdup(text ? text : "");
	p->top = p->left = 0;
	sc_strlcpy(p->title, title, sizeof p->title);
	if (p->src)
		build(p);
}

static int rows(const struct tui_pager *p)
{
	return p->win ? getmaxy(p->win) - 2 : 1;
}

static void pager_layout(struct tui_screen *s, struct tui *t)
{
	struct tui_pager *p = (struct tui_pager *)s;
	(void)t;
	if (p->win)
		delwin(p->win);
	p->win = newwin(LINES - 1, COLS, 0, 0);
	if (p->wrap && p->src)
		build(p);
}

static void pager_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct tui_pager *p = (struct tui_pager *)s;
	int h = rows(p);
	(void)what;
	if (p->top > p->nlines - h)
		p->top = p->nlines - h;
	if (p->top < 0)
		p->top = 0;
	tui_wattr(t, p->win, TUI_C_TAB_ACTIVE);
	tui_putf(p->win, 0, 0, COLS, " %s", p->title);
	tui_wattr(t, p->win, TUI_C_NORMAL);
	for (int i = 0; i < h; i++) {
		int k = p->top + i;
		const char *line = k < p->nlines ? tui_skip_cols(p->lines[k], p->left) : "";
		tui_put(p->win, 1 + i, 1, line, COLS - 1, true);
	}
	tui_wattr(t, p->win, TUI_C_STATUS);
	int end = p->top + h < p->nlines ? p->top + h : p->nlines;
	tui_putf(p->win, h + 1, 0, COLS, " lines %d-%d of %d", p->nlines ? p->top + 1 : 0, end,
	         p->nlines);
	wnoutrefresh(p->win);
}

static int pager_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct tui_pager *p = (struct tui_pager *)s;
	int h = rows(p);
	if (p->extra) {
		int r = p->extra(p, t, key, action);
		if (r != TUI_R_IGNORED)
			return r;
	}
	switch (action) {
	case TUI_A_UP:
		p->top--;
		return TUI_R_DRAW;
	case TUI_A_DOWN:
		p->top++;
		return TUI_R_DRAW;
	case TUI_A_PAGE_UP:
		p->top -= h;
		return TUI_R_DRAW;
	case TUI_A_PAGE_DOWN:
		p->top += h;
		return TUI_R_DRAW;
	case TUI_A_FIRST:
		p->top = 0;
		return TUI_R_DRAW;
	case TUI_A_LAST:
		p->top = p->nlines;
		return TUI_R_DRAW;
	case TUI_A_SCROLL_LEFT:
		p->left = p->left > 8 ? p->left - 8 : 0;
		return TUI_R_DRAW;
	case TUI_A_SCROLL_RIGHT:
		p->left += 8;
		return TUI_R_DRAW;
	case TUI_A_BACK:
	case TUI_A_QUIT:
		return TUI_R_CLOSE;
	case TUI_A_HELP:
		return p->topic && strcmp(p->topic, "help") == 0 ? TUI_R_NONE : TUI_R_IGNORED;
	default:
		return action == TUI_A_NONE ? TUI_R_NONE : TUI_R_IGNORED;
	}
}

static const char *pager_help(struct tui_screen *s, struct tui *t)
{
	(void)t;
	return ((struct tui_pager *)s)->topic;
}

static unsigned pager_bar(struct tui_screen *s, struct tui *t)
{
	(void)t;
	return ((struct tui_pager *)s)->extra ? TUI_CTX_PREVIEW : TUI_CTX_PAGER;
}

static void pager_destroy(struct tui_screen *s, struct tui *t)
{
	struct tui_pager *p = (struct tui_pager *)s;
	(void)t;
	if (p->free_data)
		p->free_data(p);
	if (p->win)
		delwin(p->win);
	free(p->src);
	free(p->text);
	free(p->lines);
	free(p);
}

static const struct tui_screen_ops pager_ops = {
    .name = "pager",
    .ctx = TUI_CTX_PAGER,
    .layout = pager_layout,
    .draw = pager_draw,
    .key = pager_key,
    .help_topic = pager_help,
    .bar_ctx = pager_bar,
    .destroy = pager_destroy,
};

struct tui_pager *tui_pager_create(const char *title, const char *text, const char *topic,
                                   bool wrap)
{
	struct tui_pager *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->base.ops = &pager_ops;
	p->topic = topic;
	p->wrap = wrap;
	tui_pager_set_text(p, title, text);
	return p;
}
