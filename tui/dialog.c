/* Small overlay screens: a message with buttons (confirm, conflict, draft
 * restore), a one-line text prompt and the dropdown chooser.  Each hands
 * its answer to the screen below through the reply it was given. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

#define DLG_BUTTONS 4

struct dialog {
	struct tui_screen base;
	WINDOW *win;
	char title[96];
	char *msg;   /* owned; as long as it needs to be */
	char *wbuf;  /* msg wrapped at the window (owned) */
	const char **wlines;
	int nw, top, body; /* wrapped lines, the first shown, how many fit */
	char buttons[DLG_BUTTONS][24];
	int nbuttons, focus;
	/* prompt */
	bool prompt, live;
	char label[96];
	struct tui_line line;
	char text[TUI_LINE_MAX * 4];
	int bx0; /* column of the first button, for the cursor */
};

/* Wraps the message at width; a long one (a cascade's list of changes)
 * scrolls with PgUp/PgDn inside the dialog. */
static void wrap_msg(struct dialog *d, int width)
{
	size_t len = strlen(d->msg);
	size_t bufsz = len * 2 + 16;
	int max = (int)len + 1;
	free(d->wbuf);
	free(d->wlines);
	d->wbuf = malloc(bufsz);
	d->wlines = malloc((size_t)max * sizeof *d->wlines);
	d->nw = d->wbuf && d->wlines ? tui_wrap(d->msg, width, d->wbuf, bufsz, d->wlines, max) : 0;
}

static void dialog_layout(struct tui_screen *s, struct tui *t)
{
	struct dialog *d = (struct dialog *)s;
	(void)t;
	int w = COLS - 4 < 64 ? COLS - 4 : 64;
	if (w < 12)
		w = 12;
	wrap_msg(d, w - 4);
	int extra = 4 + (d->prompt ? 2 : 0);
	int h = d->nw + extra;
	if (h > LINES - 2)
		h = LINES - 2;
	if (h < extra + 1)
		h = extra + 1;
	d->body = h - extra;
	if (d->top > d->nw - d->body)
		d->top = d->nw - d->body > 0 ? d->nw - d->body : 0;
	if (d->win)
		delwin(d->win);
	d->win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
}

static void draw_buttons(struct dialog *d, struct tui *t, int y, int w)
{
	int total = 0;
	for (int i = 0; i < d->nbuttons; i++)
		total += tui_text_width(d->buttons[i]) + 5;
	int x = total < w ? (w - total) / 2 : 1;
	d->bx0 = x;
	for (int i = 0; i < d->nbuttons; i++) {
		char label[40];
		snprintf(label, sizeof label, "[ %s ]", d->buttons[i]);
		tui_wattr(t, d->win, i == d->focus ? TUI_C_BUTTON : TUI_C_DIALOG);
		x += tui_put(d->win, y, x, label, w - x - 1 > 0 ? w - x - 1 : 0, false);
		tui_wattr(t, d->win, TUI_C_DIALOG);
		x++;
	}
}

static void dialog_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct dialog *d = (struct dialog *)s;
	int h = getmaxy(d->win), w = getmaxx(d->win);
	(void)what;
	wbkgdset(d->win, ' ' | tui_attr(t, TUI_C_DIALOG));
	werase(d->win);
	tui_wattr(t, d->win, TUI_C_DIALOG);
	tui_frame(t, d->win, d->title);
	int y = 1;
	for (int i = d->top; i < d->nw && i < d->top + d->body; i++)
		tui_put(d->win, y++, 2, d->wlines[i], w - 4, false);
	if (d->nw > d->body) { /* where in the list, on the frame */
		char where[48];
		snprintf(where, sizeof where, " lines %d-%d of %d, PgUp/PgDn ", d->top + 1,
		         d->top + d->body, d->nw);
		int ww = tui_text_width(where);
		if (ww < w - 2)
			tui_put(d->win, h - 1, w - 1 - ww, where, ww, false);
	}
	if (d->prompt) {
		if (d->label[0])
			tui_put(d->win, y, 2, d->label, w - 4, false);
		y++;
		tui_line_draw(&d->line, d->win, y, 2, w - 4, tui_attr(t, TUI_C_FOCUS));
		tui_wattr(t, d->win, TUI_C_DIALOG);
		y++;
	}
	draw_buttons(d, t, h - 2, w);
	touchwin(d->win); /* drawn over the screen below: copy every line */
	wnoutrefresh(d->win);
}

static int answer(struct dialog *d, int choice)
{
	d->base.answer.choice = choice;
	if (d->prompt)
		tui_line_get(&d->line, d->text, sizeof d->text);
	return TUI_R_CLOSE;
}

static int hotkey(struct dialog *d, int key)
{
	if (key >= 0x80 || key < 0x20)
		return -1;
	for (int i = 0; i < d->nbuttons; i++) {
		int c = (unsigned char)d->buttons[i][0];
		if ((c | 0x20) == (key | 0x20))
			return i;
	}
	return -1;
}

static int dialog_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct dialog *d = (struct dialog *)s;
	if (d->prompt && action != TUI_A_CHOOSE && action != TUI_A_BACK && action != TUI_A_HELP &&
	    tui_line_key(&d->line, key)) {
		if (d->live && d->base.reply.fn && d->base.below) {
			tui_line_get(&d->line, d->text, sizeof d->text);
			struct tui_answer a = {TUI_ANSWER_LIVE, d->text};
			d->base.reply.fn(d->base.below, t, &a, d->base.reply.arg);
		}
		return TUI_R_DRAW;
	}
	switch (action) {
	case TUI_A_BACK:
		return answer(d, -1);
	case TUI_A_CHOOSE:
		return answer(d, d->focus);
	case TUI_A_SAVE:
		return d->prompt ? answer(d, 0) : TUI_R_NONE;
	case TUI_A_NEXT_FIELD:
	case TUI_A_NEXT_VALUE:
		d->focus = (d->focus + 1) % d->nbuttons;
		return TUI_R_DRAW;
	case TUI_A_PREV_FIELD:
	case TUI_A_PREV_VALUE:
		d->focus = (d->focus + d->nbuttons - 1) % d->nbuttons;
		return TUI_R_DRAW;
	case TUI_A_PAGE_DOWN:
	case TUI_A_PAGE_UP: {
		int step = d->body > 1 ? d->body - 1 : 1;
		int top = d->top + (action == TUI_A_PAGE_DOWN ? step : -step);
		if (top > d->nw - d->body)
			top = d->nw - d->body;
		d->top = top < 0 ? 0 : top;
		return TUI_R_DRAW;
	}
	default:
		break;
	}
	if (key == TUI_K_MOUSE) { /* a click on a button presses it */
		MEVENT ev;
		if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) ||
		    !wenclose(d->win, ev.y, ev.x))
			return TUI_R_NONE;
		int wy, wx;
		getbegyx(d->win, wy, wx);
		if (ev.y - wy != getmaxy(d->win) - 2)
			return TUI_R_NONE;
		for (int i = 0, x = d->bx0; i < d->nbuttons; i++) {
			int w = tui_text_width(d->buttons[i]) + 4;
			if (ev.x - wx >= x && ev.x - wx < x + w)
				return answer(d, i);
			x += w + 1;
		}
		return TUI_R_NONE;
	}
	int h = d->prompt ? -1 : hotkey(d, key);
	if (h >= 0)
		return answer(d, h);
	return action == TUI_A_NONE ? TUI_R_NONE : TUI_R_IGNORED;
}

static bool dialog_cursor(struct tui_screen *s, struct tui *t, int *y, int *x)
{
	struct dialog *d = (struct dialog *)s;
	(void)t;
	int wy, wx;
	getbegyx(d->win, wy, wx);
	if (d->prompt) {
		int n = d->nw < d->body ? d->nw : d->body;
		*y = wy + 1 + n + 1;
		*x = wx + d->line.curx;
		return true;
	}
	*y = wy + getmaxy(d->win) - 2;
	*x = wx + d->bx0 + 2;
	return true;
}

static const char *dialog_help(struct tui_screen *s, struct tui *t)
{
	(void)t;
	(void)s;
	return "dialogs";
}

static void dialog_destroy(struct tui_screen *s, struct tui *t)
{
	struct dialog *d = (struct dialog *)s;
	(void)t;
	if (d->win)
		delwin(d->win);
	free(d->msg);
	free(d->wbuf);
	free(d->wlines);
	free(d);
}

static bool destructive(const char *label)
{
	static const char *const words[] = {"Remove", "Discard", "Overwrite", "Reload", "Apply"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(label, words[i]))
			return true;
	return false;
}

static const struct tui_screen_ops dialog_ops = {
    .name = "dialog",
    .ctx = TUI_CTX_DIALOG,
    .layout = dialog_layout,
    .draw = dialog_draw,
    .key = dialog_key,
    .cursor = dialog_cursor,
    .help_topic = dialog_help,
    .destroy = dialog_destroy,
};

struct tui_screen *tui_dialog_new(struct tui *t, const char *title, const char *msg,
                                  const char *const *buttons, int nbuttons,
                                  struct tui_reply reply)
{
	struct dialog *d = calloc(1, sizeof *d);
	(void)t;
	if (!d)
		return NULL;
	d->base.ops = &dialog_ops;
	d->base.overlay = true;
	d->base.reply = reply;
	d->base.answer.choice = -1;
	d->base.answer.text = d->text; /* "" unless a prompt is answered */
	sc_strlcpy(d->title, title, sizeof d->title);
	if (!(d->msg = strdup(msg)))
		return free(d), NULL;
	d->nbuttons = nbuttons > DLG_BUTTONS ? DLG_BUTTONS : nbuttons;
	for (int i = 0; i < d->nbuttons; i++)
		sc_strlcpy(d->buttons[i], buttons[i], sizeof d->buttons[i]);
	/* SPEC §11: a destructive button never has the focus when a dialog
	 * opens (Enter or a stray key must not remove, discard or reset) */
	for (int i = d->nbuttons - 1; i >= 0; i--)
		if (!destructive(d->buttons[i]))
			d->focus = i;
	return &d->base;
}

struct tui_screen *tui_prompt_new(struct tui *t, const char *title, const char *label,
                                  const char *initial, struct tui_reply reply)
{
	static const char *const ok[] = {"OK", "Cancel"};
	struct tui_screen *s = tui_dialog_new(t, title, "", ok, 2, reply);
	if (!s)
		return NULL;
	struct dialog *d = (struct dialog *)s;
	d->prompt = true;
	sc_strlcpy(d->label, label, sizeof d->label);
	tui_line_set(&d->line, initial, 4096);
	return s;
}

void tui_prompt_set_live(struct tui_screen *s)
{
	((struct dialog *)s)->live = true;
}

/* ---- the dropdown ---- */


struct chooser {
	struct tui_screen base;
	WINDOW *win;
	char title[64];
	char (*labels)[80];
	int n, sel, top;
	char typed[4 * SC_NAME_MAX + 1]; /* what was typed to jump (UTF-8) */
	int y, x; /* where the field is */
};

static void chooser_layout(struct tui_screen *s, struct tui *t)
{
	struct chooser *c = (struct chooser *)s;
	(void)t;
	int w = tui_text_width(c->title) + 6;
	for (int i = 0; i < c->n; i++)
		if (tui_text_width(c->labels[i]) + 4 > w)
			w = tui_text_width(c->labels[i]) + 4;
	if (w > COLS - 2)
		w = COLS - 2;
	int h = c->n + 2;
	if (h > LINES - 2)
		h = LINES - 2;
	int y = c->y + 1, x = c->x;
	if (y + h > LINES - 1)
		y = LINES - 1 - h;
	if (y < 0)
		y = 0;
	if (x + w > COLS)
		x = COLS - w;
	if (x < 0)
		x = 0;
	if (c->win)
		delwin(c->win);
	c->win = newwin(h, w, y, x);
}

static void chooser_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct chooser *c = (struct chooser *)s;
	int h = getmaxy(c->win) - 2, w = getmaxx(c->win);
	(void)what;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + h)
		c->top = c->sel - h + 1;
	wbkgdset(c->win, ' ' | tui_attr(t, TUI_C_DIALOG));
	werase(c->win);
	tui_wattr(t, c->win, TUI_C_DIALOG);
	tui_frame(t, c->win, c->title);
	for (int i = 0; i < h && c->top + i < c->n; i++) {
		int k = c->top + i;
		tui_wattr(t, c->win, k == c->sel ? TUI_C_SELECTED : TUI_C_DIALOG);
		tui_putf(c->win, 1 + i, 1, w - 2, " %s", c->labels[k]);
	}
	if (c->typed[0] && w > 8) { /* on the bottom edge, as the title is on the top */
		tui_wattr(t, c->win, TUI_C_DIALOG);
		tui_putf(c->win, h + 1, 2, w - 4, " %s ", c->typed);
	}
	touchwin(c->win);
	wnoutrefresh(c->win);
}

static int chooser_pick(struct chooser *c, int choice)
{
	c->base.answer.choice = choice;
	return TUI_R_CLOSE;
}

static bool label_starts(const char *label, const char *typed)
{
	for (; *typed; typed++, label++)
		if (!*label || tolower((unsigned char)*label) != tolower((unsigned char)*typed))
			return false;
	return true;
}

/* The first value from sel on (after it when next), round to the top,
 * that starts with the typed text; -1 if none. */
static int find_typed(const struct chooser *c, bool next)
{
	for (int i = next; i <= c->n; i++) {
		int k = (c->sel + i) % c->n;
		if (label_starts(c->labels[k], c->typed))
			return k;
	}
	return -1;
}

/* Typing jumps to the first value that starts with what was typed (any
 * case); a character typed again alone goes on to the next value starting
 * with it, as a letter did before: "c" "c" "c" walks the values in c.  A
 * character that no value continues with is not taken. */
static int jump(struct chooser *c, int key)
{
	size_t len = strlen(c->typed);
	char ch[8];
	int n = tui_utf8_encode((wchar_t)key, ch);
	if (n <= 0 || len + (size_t)n >= sizeof c->typed)
		return TUI_R_NONE;
	bool same = true; /* only this character typed so far */
	for (size_t i = 0; i < len; i += (size_t)n)
		same = same && !memcmp(c->typed + i, ch, (size_t)n);
	memcpy(c->typed + len, ch, (size_t)n);
	c->typed[len + (size_t)n] = '\0';
	int k = len ? find_typed(c, false) : -1;
	if (k < 0 && same) { /* the one character again: its next value */
		memcpy(c->typed, ch, (size_t)n);
		c->typed[n] = '\0';
		k = find_typed(c, true);
	}
	if (k < 0) {
		c->typed[len] = '\0';
		return TUI_R_DRAW;
	}
	c->sel = k;
	return TUI_R_DRAW;
}

static int chooser_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct chooser *c = (struct chooser *)s;
	int page = getmaxy(c->win) - 2;
	(void)t;
	if (key == TUI_K_BACKSPACE && c->typed[0]) {
		size_t len = strlen(c->typed);
		while (len > 0 && ((unsigned char)c->typed[len - 1] & 0xc0) == 0x80)
			len--; /* a whole character */
		c->typed[len > 0 ? len - 1 : 0] = '\0';
		int k = c->typed[0] ? find_typed(c, false) : -1;
		if (k >= 0)
			c->sel = k;
		return TUI_R_DRAW;
	}
	/* j, k, g and G move (as in the lists) until something is typed */
	bool move = action == TUI_A_UP || action == TUI_A_DOWN || action == TUI_A_FIRST ||
	            action == TUI_A_LAST;
	if (key > 0x20 && key < TUI_KC_FLAG && key != 127 && (c->typed[0] || !move))
		return jump(c, key);
	c->typed[0] = '\0'; /* a move starts the typing afresh */
	switch (action) {
	case TUI_A_UP:
		if (c->sel > 0)
			c->sel--;
		return TUI_R_DRAW;
	case TUI_A_DOWN:
		if (c->sel < c->n - 1)
			c->sel++;
		return TUI_R_DRAW;
	case TUI_A_PAGE_UP:
		c->sel = c->sel > page ? c->sel - page : 0;
		return TUI_R_DRAW;
	case TUI_A_PAGE_DOWN:
		c->sel = c->sel + page < c->n ? c->sel + page : c->n - 1;
		return TUI_R_DRAW;
	case TUI_A_FIRST:
		c->sel = 0;
		return TUI_R_DRAW;
	case TUI_A_LAST:
		c->sel = c->n - 1;
		return TUI_R_DRAW;
	case TUI_A_CHOOSE:
		return chooser_pick(c, c->sel);
	case TUI_A_BACK:
		return chooser_pick(c, -1);
	case TUI_A_HELP:
	case TUI_A_REDRAW:
		return TUI_R_IGNORED;
	default:
		break;
	}
	if (key == ' ')
		return chooser_pick(c, c->sel);
	return TUI_R_NONE;
}

static bool chooser_cursor(struct tui_screen *s, struct tui *t, int *y, int *x)
{
	struct chooser *c = (struct chooser *)s;
	(void)t;
	return tui_cursor_in(c->win, 1 + c->sel - c->top, 1, y, x);
}

static void chooser_destroy(struct tui_screen *s, struct tui *t)
{
	struct chooser *c = (struct chooser *)s;
	(void)t;
	if (c->win)
		delwin(c->win);
	free(c->labels);
	free(c);
}

static const struct tui_screen_ops chooser_ops = {
    .name = "chooser",
    .ctx = TUI_CTX_CHOOSER,
    .layout = chooser_layout,
    .draw = chooser_draw,
    .key = chooser_key,
    .cursor = chooser_cursor,
    .destroy = chooser_destroy,
};

int tui_names_add(struct tui_names *nm, const char *name)
{
	if (nm->n == nm->cap) {
		int cap = nm->cap ? nm->cap * 2 : 64;
		void *x = realloc(nm->name, (size_t)cap * sizeof nm->name[0]);
		if (!x)
			return nm->failed = true, 1;
		nm->name = x;
		nm->cap = cap;
	}
	sc_strlcpy(nm->name[nm->n++], name, SC_NAME_MAX + 1);
	return 0;
}

static int add_cluster_name(const struct sc_cluster *c, void *arg)
{
	return tui_names_add(arg, c->name);
}

void tui_names_clusters(struct tui *t, struct tui_names *nm, struct sc_err *e)
{
	store_cluster_scan(t->st, NULL, 0, -1, add_cluster_name, nm, e);
}

struct tui_screen *tui_chooser_new(struct tui *t, const char *title, const char *const *labels,
                                   int n, int current, int y, int x,
                                   struct tui_reply reply)
{
	struct chooser *c = calloc(1, sizeof *c);
	(void)t;
	if (!c || n <= 0 || !(c->labels = calloc((size_t)n, sizeof *c->labels))) {
		free(c);
		return NULL;
	}
	c->base.ops = &chooser_ops;
	c->base.overlay = true;
	c->base.reply = reply;
	c->base.answer.choice = -1;
	c->base.answer.text = "";
	sc_strlcpy(c->title, title, sizeof c->title);
	c->n = n;
	for (int i = 0; i < c->n; i++)
		sc_strlcpy(c->labels[i], labels[i], sizeof c->labels[i]);
	c->sel = current >= 0 && current < c->n ? current : 0;
	c->y = y;
	c->x = x;
	return &c->base;
}
