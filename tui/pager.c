/* A text page: help and preview.  Help wraps at the window's edge;
 * preview keeps lines whole (XML is read line by line) and scrolls sideways.
 * Up/Down/PgUp/PgDn scroll. */
#include "pager.h"

#include <stdlib.h>
#include <string.h>

/* Splits src into display lines: at newlines, and where help text would
 * pass the window's edge.  Runs again when the window is resized. */
/* Continuation lines of "  F2, Insert       Create ..." line up under
 * "Create": the column after the first run of two spaces past the indent. */
static int hanging_indent(const char *line, int width)
{
	int lead = (int)strspn(line, " ");
	const char *gap = strstr(line + lead, "  ");
	if (!gap)
		return lead;
	int hang = (int)(gap - line) + (int)strspn(gap, " ");
	return hang < width / 2 ? hang : lead;
}

struct sink {
	struct tui_pager *p;
	char *buf;
	size_t out, size, cap;
};

static void emit(struct sink *k, const char *piece, int indent)
{
	size_t need = (size_t)indent + strlen(piece) + 1;
	if ((size_t)k->p->nlines >= k->cap || k->out + need > k->size)
		return;
	char *dst = k->buf + k->out;
	memset(dst, ' ', (size_t)indent);
	strcpy(dst + indent, piece);
	k->p->lines[k->p->nlines++] = dst;
	k->out += need;
}

static void add_line(struct sink *k, const char *line, int width)
{
	char tmp[4096];
	const char *parts[128];
	if (!k->p->wrap || !*line || tui_text_width(line) <= width) {
		emit(k, line, 0);
		return;
	}
	int hang = hanging_indent(line, width);
	if (tui_wrap(line, width, tmp, sizeof tmp, parts, 1) < 1)
		return;
	emit(k, parts[0], 0);
	const char *rest = line + strlen(parts[0]);
	rest += strspn(rest, " ");
	int n = tui_wrap(rest, width - hang, tmp, sizeof tmp, parts, 128);
	for (int i = 0; i < n; i++)
		emit(k, parts[i], hang);
}

/* Splits src into display lines: at newlines, and where help text would
 * pass the window's edge.  Runs again when the window is resized. */
static void build(struct tui_pager *p)
{
	int width = (p->win ? getmaxx(p->win) : COLS) - 2;
	size_t len = strlen(p->src), cap = 2;
	width = width < 8 ? 8 : width;
	for (const char *c = p->src; *c; c++)
		cap += *c == '\n';
	if (p->wrap) /* a wrapped line holds at least width/2 - indent columns */
		cap += len / 4 + 1;
	free(p->text);
	free(p->lines);
	struct sink k = {p, NULL, 0, len * 2 + cap * ((size_t)width + 2) + 2, cap};
	p->text = k.buf = malloc(k.size);
	p->lines = calloc(cap + 1, sizeof *p->lines);
	p->nlines = 0;
	if (!p->text || !p->lines)
		return;
	for (const char *c = p->src;;) {
		size_t l = strcspn(c, "\n");
		char *line = strndup(c, l);
		if (line)
			add_line(&k, line, width);
		free(line);
		c += l;
		if (!*c || !*++c)
			break;
	}
	if (p->nlines == 0)
		emit(&k, "", 0);
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

/* Every place the searched word shows on a line drawn at row y is marked
 * as the list marks its filter's match (also without colors). */
static void mark_found(struct tui_pager *p, struct tui *t, int y, const char *line)
{
	attr_t a = tui_attr(t, TUI_C_MATCH);
	size_t n = strlen(p->search);
	for (const char *m = strcasestr(line, p->search); m; m = strcasestr(m + n, p->search)) {
		char pre[4096], hit[sizeof p->search];
		snprintf(pre, sizeof pre, "%.*s", (int)(m - line), line);
		snprintf(hit, sizeof hit, "%.*s", (int)n, m);
		int x = 1 + tui_text_width(pre), w = tui_text_width(hit);
		if (x >= COLS)
			break;
		if (x + w > COLS)
			w = COLS - x;
		mvwchgat(p->win, y, x, w, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
	}
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
		if (p->found >= 0)
			mark_found(p, t, 1 + i, line);
	}
	tui_wattr(t, p->win, TUI_C_STATUS);
	int end = p->top + h < p->nlines ? p->top + h : p->nlines;
	char line[512];
	snprintf(line, sizeof line, " lines %d-%d of %d%s%s", p->nlines ? p->top + 1 : 0, end,
	         p->nlines, p->note[0] ? " | " : "", p->note);
	tui_put_fit(p->win, h + 1, 0, line, COLS, true);
	wnoutrefresh(p->win);
}

/* The first display line from `from` on that holds the word, any case. */
static int find_line(const struct tui_pager *p, int from)
{
	for (int i = from < 0 ? 0 : from; i < p->nlines; i++)
		if (strcasestr(p->lines[i], p->search))
			return i;
	return -1;
}

/* Shows the next line holding the search word (from the first again
 * after the last), or says that none does. */
static void search_next(struct tui_pager *p, int from)
{
	if (!p->search[0]) {
		snprintf(p->note, sizeof p->note, "Nothing searched for yet: / asks for a word");
		return;
	}
	int at = find_line(p, from);
	bool wrapped = at < 0 && from > 0;
	if (wrapped)
		at = find_line(p, 0);
	p->found = at;
	if (at < 0) {
		snprintf(p->note, sizeof p->note, "'%s' is not on this page", p->search);
		return;
	}
	p->top = at;
	snprintf(p->note, sizeof p->note, "'%s' on line %d%s; n: next", p->search, at + 1,
	         wrapped ? " (from the top again)" : "");
}

static void search_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                          int arg)
{
	struct tui_pager *p = (struct tui_pager *)to;
	(void)t;
	(void)arg;
	if (a->choice != 0 || !a->text[0])
		return;
	sc_strlcpy(p->search, a->text, sizeof p->search);
	search_next(p, p->top);
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
	case TUI_A_SEARCH:
		tui_push(t, tui_prompt_new(t, "Search the help", "Word:", p->search,
		                           (struct tui_reply){search_answer, 0}));
		return TUI_R_NONE;
	case TUI_A_SEARCH_NEXT:
		search_next(p, p->found >= 0 ? p->found + 1 : p->top);
		return TUI_R_DRAW;
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

static bool pager_offers(struct tui_screen *s, struct tui *t, int action)
{
	struct tui_pager *p = (struct tui_pager *)s;
	(void)t;
	return !p->offers || p->offers(p, action);
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
    .offers = pager_offers,
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
	p->found = -1;
	tui_pager_set_text(p, title, text);
	return p;
}
