/* The site option editor: one widget per option type (number with its
 * range, on/off toggle, value list, multi-select checklist, text).  The
 * value is checked and stored by store_option_set(), the same call as
 * `spicecfg config -s`, so the form refuses exactly what the CLI refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

enum widget { W_NUMBER, W_TOGGLE, W_LIST, W_CHECK, W_TEXT };

#define ITEMS_MAX (SC_OPT_CHOICES_MAX + 8)

struct optedit {
	struct tui_screen base;
	WINDOW *win;
	int opt, cver; /* cver -1: general */
	enum widget widget;
	struct tui_line line;
	char items[ITEMS_MAX][32];
	bool on[ITEMS_MAX];
	int nitems, sel;
	char msg[900];
	char valid[256];
	int cur_y, cur_x;
};

static const struct sc_optdef *def(const struct optedit *o, const struct tui *t)
{
	return &t->reg->defs[o->opt];
}

static bool listed(const char *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		if (len == n && strncmp(p, item, n) == 0)
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

static void add_item(struct optedit *o, const char *s, bool on)
{
	if (o->nitems >= ITEMS_MAX)
		return;
	sc_strlcpy(o->items[o->nitems], s, sizeof o->items[0]);
	o->on[o->nitems++] = on;
}

/* Picks the widget from the definition and loads the current value. */
static void setup(struct optedit *o, struct tui *t)
{
	const struct sc_optdef *d = def(o, t);
	const char *val =
	    sc_opt_value(t->reg, o->opt, o->cver < 0 ? SC_CVER_30 : (enum sc_cver)o->cver);
	val = val ? val : "";
	sc_opt_valid_text(d, o->valid, sizeof o->valid);
	switch (d->type) {
	case SC_OPT_BOOLEAN:
		o->widget = W_TOGGLE;
		add_item(o, strcmp(val, "true") == 0 ? "on (true)" : "off (false)",
		         strcmp(val, "true") == 0);
		break;
	case SC_OPT_INTEGER:
		if (d->nchoices) {
			o->widget = W_LIST;
			for (int i = 0; i < d->nchoices; i++) {
				add_item(o, d->choices[i], strcmp(d->choices[i], val) == 0);
				if (o->on[i])
					o->sel = i;
			}
		} else {
			o->widget = W_NUMBER;
		}
		break;
	case SC_OPT_INTEGER_MULTIPLE:
		o->widget = W_CHECK;
		if (d->nchoices) {
			for (int i = 0; i < d->nchoices; i++)
				add_item(o, d->choices[i], listed(val, d->choices[i]));
		} else {
			for (int v = d->min; v <= d->max && o->nitems < ITEMS_MAX; v++) {
				char s[16];
				snprintf(s, sizeof s, "%d", v);
				add_item(o, s, listed(val, s));
			}
		}
		break;
	case SC_OPT_STRING_MULTIPLE:
		o->widget = W_CHECK;
		for (int i = 0; i < d->nchoices; i++)
			add_item(o, d->choices[i], listed(val, d->choices[i]));
		break;
	default:
		o->widget = W_TEXT;
		break;
	}
	tui_line_set(&o->line, val, SC_OPT_VALUE_MAX - 1);
}

static void value(const struct optedit *o, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	switch (o->widget) {
	case W_TOGGLE:
		snprintf(buf, n, "%s", o->on[0] ? "true" : "false");
		break;
	case W_LIST:
		snprintf(buf, n, "%s", o->items[o->sel]);
		break;
	case W_CHECK:
		for (int i = 0; i < o->nitems; i++)
			if (o->on[i] && len < n)
				len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? "," : "",
				                        o->items[i]);
		break;
	default:
		tui_line_get(&o->line, buf, n);
		break;
	}
}

static int widget_rows(const struct optedit *o)
{
	return o->widget == W_NUMBER || o->widget == W_TEXT ? 1 : o->nitems;
}

static void optedit_layout(struct tui_screen *s, struct tui *t)
{
	struct optedit *o = (struct optedit *)s;
	(void)t;
	int w = COLS - 4 < 72 ? COLS - 4 : 72;
	/* border, description (2), type, valid (2), gap, widget, gap, message (4),
	 * hint, border */
	int h = 14 + widget_rows(o);
	if (h > LINES - 2)
		h = LINES - 2;
	if (o->win)
		delwin(o->win);
	o->win = newwin(h, w, (LINES - 1 - h) / 2, (COLS - w) / 2);
}

static void draw_widget(struct optedit *o, struct tui *t, int y, int w)
{
	if (o->widget == W_NUMBER || o->widget == W_TEXT) {
		tui_line_draw(&o->line, o->win, y, 2, o->widget == W_NUMBER ? 12 : w - 4,
		              tui_attr(t, TUI_C_FOCUS));
		o->cur_y = y, o->cur_x = o->line.curx;
		return;
	}
	/* The message area (4 rows above the hint) may shrink on small screens,
	 * the items may not. */
	for (int i = 0; i < o->nitems && y + i < getmaxy(o->win) - 2; i++) {
		const char *mark = o->widget == W_LIST ? (i == o->sel ? "(*)" : "( )")
		                   : o->on[i]          ? "[x]"
		                                       : "[ ]";
		bool focus = o->widget == W_LIST ? i == o->sel : i == o->sel;
		tui_wattr(t, o->win, focus ? TUI_C_FOCUS : TUI_C_DIALOG);
		tui_putf(o->win, y + i, 2, w - 4, "%s %s", mark, o->items[i]);
		if (focus)
			o->cur_y = y + i, o->cur_x = 3;
	}
	tui_wattr(t, o->win, TUI_C_DIALOG);
}

/* The keys line of the widget, from the action table. */
static void hint(const struct optedit *o, char *buf, int n)
{
	static const struct tui_hint toggle[] = {{1, {TUI_A_TOGGLE}, "toggle"},
	                                         {2, {TUI_A_CHOOSE, TUI_A_SAVE}, "save"},
	                                         {1, {TUI_A_BACK}, "cancel"}},
	                             number[] = {{2, {TUI_A_INCREASE, TUI_A_DECREASE}, "step"},
	                                         {2, {TUI_A_CHOOSE, TUI_A_SAVE}, "save"},
	                                         {1, {TUI_A_BACK}, "cancel"}};
	if (o->widget == W_CHECK || o->widget == W_TOGGLE)
		tui_hint_text(buf, n, toggle, 3);
	else if (o->widget == W_NUMBER)
		tui_hint_text(buf, n, number, 3);
	else
		tui_hint_text(buf, n, toggle + 1, 2);
}

static void optedit_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct optedit *o = (struct optedit *)s;
	const struct sc_optdef *d = def(o, t);
	int h = getmaxy(o->win), w = getmaxx(o->win);
	char title[128], buf[1200];
	const char *lines[4];
	(void)what;
	snprintf(title, sizeof title, "%s (%s)", d->key,
	         o->cver < 0 ? "general" : sc_cver_name((enum sc_cver)o->cver));
	wbkgdset(o->win, ' ' | tui_attr(t, TUI_C_DIALOG));
	werase(o->win);
	tui_wattr(t, o->win, TUI_C_DIALOG);
	tui_frame(t, o->win, title);
	int n = tui_wrap(d->description, w - 4, buf, sizeof buf, lines, 2);
	for (int i = 0; i < n; i++)
		tui_put(o->win, 1 + i, 2, lines[i], w - 4, false);
	tui_putf(o->win, 3, 2, w - 4, "Type: %s", sc_opt_type_name(d->type));
	char valid[400];
	snprintf(valid, sizeof valid, "Valid: %s", o->valid);
	n = tui_wrap(valid, w - 4, buf, sizeof buf, lines, 2);
	for (int i = 0; i < n; i++)
		tui_put(o->win, 4 + i, 2, lines[i], w - 4, false);
	int wy = 7, my = wy + widget_rows(o) + 1;
	if (o->msg[0] && my < h - 2) {
		tui_wattr(t, o->win, TUI_C_ERROR);
		n = tui_wrap(o->msg, w - 4, buf, sizeof buf, lines, 4);
		for (int i = 0; i < n && my + i < h - 2; i++)
			tui_put(o->win, my + i, 2, lines[i], w - 4, true);
		tui_wattr(t, o->win, TUI_C_DIALOG);
	}
	draw_widget(o, t, wy, w);
	hint(o, buf, sizeof buf);
	tui_put(o->win, h - 2, 2, buf, w - 4, false);
	touchwin(o->win);
	wnoutrefresh(o->win);
}

static void apply_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                         int arg);

/* SPEC §11: a value that resets other objects is shown first (a dry run
 * of the same change) and applied only when the user says so. */
static int save(struct optedit *o, struct tui *t, bool confirmed)
{
	char val[SC_OPT_VALUE_MAX];
	struct sc_err e = {0};
	value(o, val, sizeof val);
	const char *key = def(o, t)->key;
	struct store_changes ch = {.dry_run = !confirmed};
	int rc = store_option_set(t->st, t->reg, key, o->cver, val, &ch, &e);
	if (rc == SC_OK && !confirmed) {
		if (ch.n == 0) {
			store_changes_free(&ch);
			return save(o, t, true);
		}
		char intro[SC_OPT_VALUE_MAX + 200];
		snprintf(intro, sizeof intro, "Set %s to %s (%s)?", key, val[0] ? val : "(empty)",
		         o->cver < 0 ? "general" : sc_cver_name((enum sc_cver)o->cver));
		tui_confirm_changes(t, &ch, intro, (struct tui_reply){apply_answer, 0});
		return TUI_R_NONE;
	}
	if (rc != SC_OK) {
		store_changes_free(&ch);
		snprintf(o->msg, sizeof o->msg, "Not saved: %s", e.msg);
		return TUI_R_DRAW;
	}
	tui_status_changes(t, &ch, "%s set to %s (%s)", key, val[0] ? val : "(empty)",
	                   o->cver < 0 ? "general" : sc_cver_name((enum sc_cver)o->cver));
	store_changes_free(&ch);
	return TUI_R_CLOSE | TUI_R_ALL;
}

static void apply_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                         int arg)
{
	(void)arg;
	if (a->choice == 0 && (save((struct optedit *)to, t, true) & TUI_R_CLOSE))
		to->pending |= TUI_R_CLOSE;
	to->pending |= TUI_R_DRAW;
}

static int toggle(struct optedit *o)
{
	if (o->widget == W_LIST)
		return TUI_R_DRAW; /* the highlighted value is the choice */
	if (o->widget == W_TOGGLE) { /* the label says what the box shows */
		o->on[0] = !o->on[0];
		sc_strlcpy(o->items[0], o->on[0] ? "on (true)" : "off (false)", sizeof o->items[0]);
	}
	else if (o->widget == W_CHECK && o->nitems)
		o->on[o->sel] = !o->on[o->sel];
	return TUI_R_DRAW;
}

/* + and - step a number within its range, as in htop's setup screens. */
static int step(struct optedit *o, struct tui *t, int dir)
{
	const struct sc_optdef *d = def(o, t);
	char buf[32];
	tui_line_get(&o->line, buf, sizeof buf);
	long v = strtol(buf, NULL, 10) + dir;
	v = v < d->min ? d->min : v > d->max ? d->max : v;
	snprintf(buf, sizeof buf, "%ld", v);
	tui_line_set(&o->line, buf, SC_OPT_VALUE_MAX - 1);
	o->msg[0] = '\0';
	return TUI_R_DRAW;
}

static int optedit_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct optedit *o = (struct optedit *)s;
	bool typed = o->widget == W_NUMBER || o->widget == W_TEXT;
	if (o->widget == W_NUMBER && (action == TUI_A_INCREASE || action == TUI_A_DECREASE))
		return step(o, t, action == TUI_A_INCREASE ? 1 : -1);
	if (typed && action != TUI_A_CHOOSE && action != TUI_A_SAVE && action != TUI_A_BACK &&
	    action != TUI_A_HELP && tui_line_key(&o->line, key)) {
		o->msg[0] = '\0';
		return TUI_R_DRAW;
	}
	switch (action) {
	case TUI_A_BACK:
		return TUI_R_CLOSE;
	case TUI_A_CHOOSE:
	case TUI_A_SAVE:
		return save(o, t, false);
	case TUI_A_TOGGLE:
		return toggle(o);
	case TUI_A_NEXT_FIELD:
		if (o->nitems && o->widget != W_TOGGLE)
			o->sel = (o->sel + 1) % o->nitems;
		return TUI_R_DRAW;
	case TUI_A_PREV_FIELD:
		if (o->nitems && o->widget != W_TOGGLE)
			o->sel = (o->sel + o->nitems - 1) % o->nitems;
		return TUI_R_DRAW;
	case TUI_A_NEXT_VALUE:
	case TUI_A_PREV_VALUE:
		return o->widget == W_TOGGLE ? toggle(o) : TUI_R_NONE;
	case TUI_A_HELP:
		tui_push(t, tui_help_new(t, def(o, t)->key, NULL));
		return TUI_R_NONE;
	default:
		return action == TUI_A_NONE ? TUI_R_NONE : TUI_R_IGNORED;
	}
}

static bool optedit_cursor(struct tui_screen *s, struct tui *t, int *y, int *x)
{
	struct optedit *o = (struct optedit *)s;
	(void)t;
	return tui_cursor_in(o->win, o->cur_y, o->cur_x, y, x);
}

static const char *optedit_help(struct tui_screen *s, struct tui *t)
{
	return def((struct optedit *)s, t)->key;
}

static void optedit_destroy(struct tui_screen *s, struct tui *t)
{
	struct optedit *o = (struct optedit *)s;
	(void)t;
	if (o->win)
		delwin(o->win);
	free(o);
}

static const struct tui_screen_ops optedit_ops = {
    .name = "option",
    .ctx = TUI_CTX_DIALOG,
    .layout = optedit_layout,
    .draw = optedit_draw,
    .key = optedit_key,
    .cursor = optedit_cursor,
    .help_topic = optedit_help,
    .destroy = optedit_destroy,
};

struct tui_screen *tui_optedit_new(struct tui *t, int opt, int cver)
{
	if (opt >= 0 && opt < t->reg->n && t->reg->defs[opt].format == SC_OPTF_USBFILTER)
		return tui_ruleedit_new(t, opt);
	struct optedit *o = calloc(1, sizeof *o);
	if (!o || opt < 0 || opt >= t->reg->n) {
		free(o);
		return NULL;
	}
	o->base.ops = &optedit_ops;
	o->base.overlay = true;
	o->opt = opt;
	o->cver = t->reg->defs[opt].per_version ? cver : -1;
	setup(o, t);
	return &o->base;
}
