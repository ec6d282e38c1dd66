/* The UsbFilter rule editor: one row per usbredir rule (class with its USB
 * name, vendor, product, version, allow/block), rules added, removed and
 * moved, each cell checked as it is typed.  The rules are read and written
 * by model/usbfilter.c and the result is stored by store_option_set(), the
 * same call as `spicecfg config -s UsbFilter=...`. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/usbfilter.h"
#include "tui.h"

struct ruleedit {
	struct tui_screen base;
	WINDOW *win;
	int opt;
	struct sc_usbrule r[SC_USBFILTER_MAX], orig[SC_USBFILTER_MAX];
	int n, norig;
	int row, col, top;
	char msg[900];
	bool msg_error;
	int cur_y, cur_x;
};

/* Column offsets inside the window and widths (the class has its name). */
static const int col_x[SC_UR_COUNT] = {6, 29, 38, 47, 56};
static const int col_w[SC_UR_COUNT] = {22, 8, 8, 8, 6};
static const char *const col_title[SC_UR_COUNT] = {"Class", "Vendor", "Product", "Version",
						   "Action"};
#define HEAD_Y 3
#define LIST_Y 4
/* rows below the list: message (2), hints (2), border */
#define BELOW 5

static const struct sc_optdef *def(const struct ruleedit *o, const struct tui *t)
{
	return &t->reg->defs[o->opt];
}

static int list_rows(const struct ruleedit *o)
{
	int h = o->win ? getmaxy(o->win) : LINES;
	int rows = h - LIST_Y - BELOW;
	return rows < 1 ? 1 : rows;
}

static void say(struct ruleedit *o, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(struct ruleedit *o, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(o->msg, sizeof o->msg, fmt, ap);
	va_end(ap);
	o->msg_error = error;
}

static void re_layout(struct tui_screen *s, struct tui *t)
{
	struct ruleedit *o = (struct ruleedit *)s;
	(void)t;
	int w = COLS - 2 < 70 ? COLS - 2 : 70;
	int h = LIST_Y + BELOW + (o->n < 4 ? 4 : o->n);
	if (h > LINES - 2)
		h = LINES - 2;
	if (o->win)
		delwin(o->win);
	o->win = newwin(h, w, (LINES - 1 - h) / 2, (COLS - w) / 2);
}

static void draw_rule(struct ruleedit *o, struct tui *t, int i, int y, int w)
{
	char cell[64];
	tui_wattr(t, o->win, i == o->row ? TUI_C_SELECTED : TUI_C_DIALOG);
	tui_putf(o->win, y, 1, w - 2, "%3d", i + 1);
	for (int c = 0; c < SC_UR_COUNT && col_x[c] < w - 1; c++) {
		int cw = col_x[c] + col_w[c] > w - 1 ? w - 1 - col_x[c] : col_w[c];
		bool focus = i == o->row && c == o->col;
		sc_usbrule_cell_text(&o->r[i], (enum sc_usbrule_col)c, cell, sizeof cell);
		tui_wattr(t, o->win, focus ? TUI_C_FOCUS : i == o->row ? TUI_C_SELECTED : TUI_C_DIALOG);
		tui_put_fit(o->win, y, col_x[c], cell, cw, true);
		if (focus)
			o->cur_y = y, o->cur_x = col_x[c];
	}
	tui_wattr(t, o->win, TUI_C_DIALOG);
}

static void re_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct ruleedit *o = (struct ruleedit *)s;
	int h = getmaxy(o->win), w = getmaxx(o->win), rows = list_rows(o);
	char title[128], buf[1200];
	const char *lines[2];
	(void)what;
	snprintf(title, sizeof title, "%s (general): %d rule%s", def(o, t)->key, o->n,
		 o->n == 1 ? "" : "s");
	wbkgdset(o->win, ' ' | tui_attr(t, TUI_C_DIALOG));
	werase(o->win);
	tui_wattr(t, o->win, TUI_C_DIALOG);
	tui_frame(t, o->win, title);
	tui_put_fit(o->win, 1, 2, "The first rule that matches a device decides; any = -1.",
		    w - 4, false);
	for (int c = 0; c < SC_UR_COUNT && col_x[c] < w - 1; c++)
		tui_put(o->win, HEAD_Y, col_x[c], col_title[c], w - 1 - col_x[c], false);
	tui_put(o->win, HEAD_Y, 2, "#", 2, false);
	if (o->row < o->top)
		o->top = o->row;
	if (o->row >= o->top + rows)
		o->top = o->row - rows + 1;
	o->cur_y = LIST_Y, o->cur_x = col_x[0];
	if (o->n == 0)
		tui_put(o->win, LIST_Y, 2, "No rules: Insert adds one", w - 4, false);
	for (int i = 0; i < rows && o->top + i < o->n; i++)
		draw_rule(o, t, o->top + i, LIST_Y + i, w);
	if (o->msg[0]) {
		tui_wattr(t, o->win, o->msg_error ? TUI_C_ERROR : TUI_C_DIALOG);
		int nl = tui_wrap(o->msg, w - 4, buf, sizeof buf, lines, 2);
		for (int i = 0; i < nl; i++)
			tui_put(o->win, h - 5 + i, 2, lines[i], w - 4, true);
		tui_wattr(t, o->win, TUI_C_DIALOG);
	}
	static const struct tui_hint edit[] = {{1, {TUI_A_CHOOSE}, "edit"},
					       {1, {TUI_A_TOGGLE}, "toggle/next class"},
					       {2, {TUI_A_ADD_RULE, TUI_A_REMOVE_RULE}, "add/remove"}},
				     move[] = {{2, {TUI_A_MOVE_UP, TUI_A_MOVE_DOWN}, "move"},
					       {1, {TUI_A_SAVE}, "save"},
					       {1, {TUI_A_BACK}, "cancel"}};
	tui_hint_text(buf, sizeof buf, edit, 3);
	tui_put_fit(o->win, h - 3, 2, buf, w - 4, false);
	tui_hint_text(buf, sizeof buf, move, 3);
	tui_put_fit(o->win, h - 2, 2, buf, w - 4, false);
	touchwin(o->win);
	wnoutrefresh(o->win);
}

static bool changed(const struct ruleedit *o)
{
	return o->n != o->norig || memcmp(o->r, o->orig, sizeof o->r[0] * (size_t)o->n) != 0;
}

static void apply_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
			 int arg);

/* As the option editor: a value that resets other objects is shown first
 * (SPEC §11); what the store refuses stays in the editor with the reason. */
static int save(struct ruleedit *o, struct tui *t, bool confirmed)
{
	char val[SC_OPT_VALUE_MAX];
	struct sc_err e = {0};
	const char *key = def(o, t)->key;
	if (!changed(o))
		return tui_status(t, "%s unchanged", key), TUI_R_CLOSE | TUI_R_ALL;
	if (sc_usbfilter_format(o->r, o->n, val, sizeof val) < 0) {
		say(o, true, "Not saved: %d rules do not fit in %s (at most %d bytes); remove some",
		    o->n, key, SC_OPT_VALUE_MAX - 1);
		return TUI_R_DRAW;
	}
	struct store_changes ch = {.dry_run = !confirmed};
	int rc = store_option_set(t->st, t->reg, key, -1, val, &ch, &e);
	if (rc == SC_OK && !confirmed) {
		if (ch.n == 0) {
			store_changes_free(&ch);
			return save(o, t, true);
		}
		char intro[SC_OPT_VALUE_MAX + 200];
		snprintf(intro, sizeof intro, "Set %s to %s?", key, val);
		tui_confirm_changes(t, &ch, intro, (struct tui_reply){apply_answer, 0});
		return TUI_R_NONE;
	}
	if (rc != SC_OK) {
		store_changes_free(&ch);
		say(o, true, "Not saved: %s", e.msg);
		return TUI_R_DRAW;
	}
	tui_status_changes(t, &ch, "%s set to %s", key, val);
	store_changes_free(&ch);
	return TUI_R_CLOSE | TUI_R_ALL;
}

static void apply_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
			 int arg)
{
	(void)arg;
	if (a->choice == 0 && (save((struct ruleedit *)to, t, true) & TUI_R_CLOSE))
		to->pending |= TUI_R_CLOSE;
	to->pending |= TUI_R_DRAW;
}

/* A typed cell: checked by the model, kept only when valid. */
static void cell_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
			int col)
{
	struct ruleedit *o = (struct ruleedit *)to;
	struct sc_err e = {0};
	int v;
	(void)t;
	to->pending |= TUI_R_DRAW;
	if (a->choice != 0 || o->row >= o->n)
		return;
	if (sc_usbrule_cell((enum sc_usbrule_col)col, a->text, &v, &e)) {
		say(o, true, "Rule %d not changed: %s", o->row + 1, e.msg);
		return;
	}
	int *cells[4] = {&o->r[o->row].cls, &o->r[o->row].vendor, &o->r[o->row].product,
			 &o->r[o->row].version};
	*cells[col] = v;
	o->msg[0] = '\0';
}

static void prompt_cell(struct ruleedit *o, struct tui *t)
{
	static const char *const labels[4] = {
		"Class: any, or 0x00..0xff (e.g. 0x03 HID, 0x08 mass storage)",
		"Vendor id: any, or 0x0000..0xffff", "Product id: any, or 0x0000..0xffff",
		"Device version (BCD): any, or 0x0000..0xffff"};
	char cur[32];
	const struct sc_usbrule *r = &o->r[o->row];
	const int v[4] = {r->cls, r->vendor, r->product, r->version};
	if (v[o->col] < 0)
		snprintf(cur, sizeof cur, "any");
	else
		snprintf(cur, sizeof cur, "0x%0*x", o->col == SC_UR_CLASS ? 2 : 4, v[o->col]);
	char title[48];
	snprintf(title, sizeof title, "Rule %d", o->row + 1);
	tui_push(t, tui_prompt_new(t, title, labels[o->col], cur,
				   (struct tui_reply){cell_answer, o->col}));
}

/* The class dropdown: any, each named class, then a typed code. */
static void class_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
			 int arg)
{
	struct ruleedit *o = (struct ruleedit *)to;
	(void)arg;
	to->pending |= TUI_R_DRAW;
	if (a->choice < 0 || o->row >= o->n)
		return;
	if (a->choice == 0)
		o->r[o->row].cls = -1;
	else if (a->choice <= sc_usb_nclasses)
		o->r[o->row].cls = sc_usb_classes[a->choice - 1].code;
	else
		prompt_cell(o, t);
	o->msg[0] = '\0';
}

static int choose_class(struct ruleedit *o, struct tui *t)
{
	char text[64][48];
	const char *labels[64];
	int n = 0, cur = 0;
	snprintf(text[n], sizeof text[n], "any class (-1)");
	labels[n] = text[n];
	n++;
	for (int i = 0; i < sc_usb_nclasses && n < 63; i++, n++) {
		snprintf(text[n], sizeof text[n], "0x%02x %s", sc_usb_classes[i].code,
			 sc_usb_classes[i].name);
		labels[n] = text[n];
		if (sc_usb_classes[i].code == o->r[o->row].cls)
			cur = n;
	}
	snprintf(text[n], sizeof text[n], "another code...");
	labels[n] = text[n];
	n++;
	tui_push(t, tui_chooser_new(t, "USB class", labels, n, cur, getbegy(o->win) + o->cur_y,
				    getbegx(o->win) + o->cur_x, (struct tui_reply){class_answer, 0}));
	return TUI_R_NONE;
}

/* Space on the class: the next named class (after the last, any). */
static void next_class(struct sc_usbrule *r)
{
	for (int i = 0; i < sc_usb_nclasses; i++)
		if (sc_usb_classes[i].code > r->cls) {
			r->cls = sc_usb_classes[i].code;
			return;
		}
	r->cls = -1;
}

static int edit_cell(struct ruleedit *o, struct tui *t, bool toggle)
{
	if (o->row >= o->n)
		return TUI_R_NONE;
	o->msg[0] = '\0';
	if (o->col == SC_UR_ALLOW) {
		o->r[o->row].allow = !o->r[o->row].allow;
		return TUI_R_DRAW;
	}
	if (toggle && o->col == SC_UR_CLASS) {
		next_class(&o->r[o->row]);
		return TUI_R_DRAW;
	}
	if (toggle)
		return TUI_R_NONE;
	if (o->col == SC_UR_CLASS)
		return choose_class(o, t);
	prompt_cell(o, t);
	return TUI_R_NONE;
}

static int add_rule(struct ruleedit *o, struct tui *t)
{
	if (o->n >= SC_USBFILTER_MAX) {
		say(o, true, "At most %d rules", SC_USBFILTER_MAX);
		return TUI_R_DRAW;
	}
	int at = o->n ? o->row : 0;
	memmove(&o->r[at + 1], &o->r[at], sizeof o->r[0] * (size_t)(o->n - at));
	o->r[at] = (struct sc_usbrule){-1, -1, -1, -1, true};
	o->n++;
	o->row = at;
	o->col = SC_UR_CLASS;
	say(o, false, "Rule %d added (any device, allow)", at + 1);
	re_layout(&o->base, t);
	return TUI_R_ALL;
}

static int remove_rule(struct ruleedit *o, struct tui *t)
{
	if (o->n == 0)
		return TUI_R_NONE;
	memmove(&o->r[o->row], &o->r[o->row + 1], sizeof o->r[0] * (size_t)(o->n - o->row - 1));
	o->n--;
	say(o, false, "Rule %d removed", o->row + 1);
	if (o->row >= o->n && o->row > 0)
		o->row--;
	re_layout(&o->base, t);
	return TUI_R_ALL;
}

static int move_rule(struct ruleedit *o, int dir)
{
	int to = o->row + dir;
	if (o->n == 0 || to < 0 || to >= o->n)
		return TUI_R_NONE;
	struct sc_usbrule tmp = o->r[to];
	o->r[to] = o->r[o->row];
	o->r[o->row] = tmp;
	o->row = to;
	say(o, false, "Rule moved to place %d", to + 1);
	return TUI_R_DRAW;
}

/* As the form: unsaved rules are not lost to a stray Esc. */
static void discard_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
			   int arg)
{
	(void)arg;
	if (a->choice == 0)
		to->pending |= TUI_R_CLOSE;
	else if (a->choice == 2 && (save((struct ruleedit *)to, t, false) & TUI_R_CLOSE))
		to->pending |= TUI_R_CLOSE;
	to->pending |= TUI_R_DRAW;
}

static int ask_discard(struct ruleedit *o, struct tui *t)
{
	static const char *const buttons[] = {"Discard", "Keep editing", "Save"};
	if (!changed(o))
		return TUI_R_CLOSE;
	tui_push(t, tui_dialog_new(t, "Unsaved changes",
				   "The rules have unsaved changes. Discard them?", buttons, 3,
				   (struct tui_reply){discard_answer, 0}));
	return TUI_R_NONE;
}

static int re_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct ruleedit *o = (struct ruleedit *)s;
	int page = list_rows(o);
	(void)key;
	switch (action) {
	case TUI_A_BACK:
		return ask_discard(o, t);
	case TUI_A_SAVE:
		return save(o, t, false);
	case TUI_A_CHOOSE:
		return edit_cell(o, t, false);
	case TUI_A_TOGGLE:
		return edit_cell(o, t, true);
	case TUI_A_UP:
	case TUI_A_DOWN:
	case TUI_A_PAGE_UP:
	case TUI_A_PAGE_DOWN: {
		int d = action == TUI_A_UP ? -1 : action == TUI_A_DOWN ? 1
			: action == TUI_A_PAGE_UP ? -page : page;
		int r = o->row + d;
		o->row = r < 0 ? 0 : r >= o->n ? (o->n ? o->n - 1 : 0) : r;
		return TUI_R_DRAW;
	}
	case TUI_A_FIRST:
		o->row = 0;
		return TUI_R_DRAW;
	case TUI_A_LAST:
		o->row = o->n ? o->n - 1 : 0;
		return TUI_R_DRAW;
	case TUI_A_NEXT_COLUMN:
		o->col = (o->col + 1) % SC_UR_COUNT;
		return TUI_R_DRAW;
	case TUI_A_PREV_COLUMN:
		o->col = (o->col + SC_UR_COUNT - 1) % SC_UR_COUNT;
		return TUI_R_DRAW;
	case TUI_A_ADD_RULE:
		return add_rule(o, t);
	case TUI_A_REMOVE_RULE:
		return remove_rule(o, t);
	case TUI_A_MOVE_UP:
	case TUI_A_MOVE_DOWN:
		return move_rule(o, action == TUI_A_MOVE_UP ? -1 : 1);
	case TUI_A_HELP: {
		/* the class names come from the model's one table */
		char extra[2048];
		int len = snprintf(extra, sizeof extra, "USB classes a rule can name:\n");
		for (int i = 0; i < sc_usb_nclasses && len < (int)sizeof extra; i++)
			len += snprintf(extra + len, sizeof extra - (size_t)len, "  0x%02x %s\n",
					sc_usb_classes[i].code, sc_usb_classes[i].name);
		tui_push(t, tui_help_new(t, def(o, t)->key, extra));
		return TUI_R_NONE;
	}
	default:
		return action == TUI_A_NONE ? TUI_R_NONE : TUI_R_IGNORED;
	}
}

static bool re_cursor(struct tui_screen *s, struct tui *t, int *y, int *x)
{
	struct ruleedit *o = (struct ruleedit *)s;
	(void)t;
	return tui_cursor_in(o->win, o->cur_y, o->cur_x, y, x);
}

static const char *re_help(struct tui_screen *s, struct tui *t)
{
	return def((struct ruleedit *)s, t)->key;
}

static void re_destroy(struct tui_screen *s, struct tui *t)
{
	struct ruleedit *o = (struct ruleedit *)s;
	(void)t;
	if (o->win)
		delwin(o->win);
	free(o);
}

static const struct tui_screen_ops ruleedit_ops = {
    .name = "rules",
    .ctx = TUI_CTX_RULES,
    .layout = re_layout,
    .draw = re_draw,
    .key = re_key,
    .cursor = re_cursor,
    .help_topic = re_help,
    .destroy = re_destroy,
};

struct tui_screen *tui_ruleedit_new(struct tui *t, int opt)
{
	struct ruleedit *o = calloc(1, sizeof *o);
	if (!o || opt < 0 || opt >= t->reg->n) {
		free(o);
		return NULL;
	}
	o->base.ops = &ruleedit_ops;
	o->base.overlay = true;
	o->opt = opt;
	struct sc_err e = {0};
	const char *val = sc_opt_value(t->reg, opt, SC_CVER_30);
	if (sc_usbfilter_parse(val ? val : "", o->orig, SC_USBFILTER_MAX, &o->norig, &e)) {
		/* a stored value the rules cannot read: start from none, say why */
		o->norig = 0;
		say(o, true, "The stored value cannot be read (%s); saving replaces it", e.msg);
	}
	memcpy(o->r, o->orig, sizeof o->r);
	o->n = o->norig;
	return &o->base;
}
