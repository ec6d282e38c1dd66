/* A text page: help and preview.  Long lines are cut at the screen edge
 * (XML is read line by line); Up/Down/PgUp/PgDn scroll. */
#include "pager.h"

#include <stdlib.h>
#include <string.h>

void tui_pager_set_text(struct tui_pager *p, const char *title, const char *text)
{
	free(p->text);
	free(p->lines);
	p->text = strdup(text ? text : "");
	p->nlines = 0;
	p->top = 0;
	sc_strlcpy(p->title, title, sizeof p->title);
	int cap = 1;
	for (const char *c = p->text; c && *c; c++)
		cap += *c == '\n';
	p->lines = calloc((size_t)cap + 1, sizeof *p->lines);
	if (!p->text || !p->lines)
		return;
	char *c = p->text;
	while (*c || p->nlines == 0) {
		p->lines[p->nlines++] = c;
		char *nl = strchr(c, '\n');
		if (!nl)
			break;
		*nl = '\0';
		c = nl + 1;
		if (!*c)
			break;
	}
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
		tui_put(p->win, 1 + i, 1, k < p->nlines ? p->lines[k] : "", COLS - 1, true);
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

struct tui_pager *tui_pager_create(const char *title, const char *text, const char *topic)
{
	struct tui_pager *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->base.ops = &pager_ops;
	p->topic = topic;
	tui_pager_set_text(p, title, text);
	return p;
}
