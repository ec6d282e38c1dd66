/* New / Edit cluster: a name, a compatibility version and the SPICE proxy
 * of its objects.  The version is what the USB rules read, so changing it
 * is audited like any change; the proxy is checked as the CLI checks it. */
#include <stdlib.h>
#include <string.h>

#include "../model/console.h"
#include "../model/field.h"
#include "tui.h"

enum { CL_NAME, CL_VERSION, CL_PROXY, CL_FIELDS };

struct cluster_dlg {
	struct tui_screen base;
	WINDOW *win;
	bool is_new;
	struct sc_cluster orig, c;
	struct tui_line name, proxy;
	int focus; /* CL_NAME, CL_VERSION, CL_PROXY */
	char msg[900];
	int cur_y, cur_x;
};

static void cl_layout(struct tui_screen *s, struct tui *t)
{
	struct cluster_dlg *d = (struct cluster_dlg *)s;
	(void)t;
	int w = COLS - 4 < 72 ? COLS - 4 : 72, h = 14;
	if (d->win)
		delwin(d->win);
	d->win = newwin(h, w, (LINES - 1 - h) / 2, (COLS - w) / 2);
}

static void cl_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct cluster_dlg *d = (struct cluster_dlg *)s;
	int w = getmaxx(d->win);
	(void)what;
	wbkgdset(d->win, ' ' | tui_attr(t, TUI_C_DIALOG));
	werase(d->win);
	tui_wattr(t, d->win, TUI_C_DIALOG);
	tui_frame(t, d->win, d->is_new ? "New cluster" : "Edit cluster");
	tui_put(d->win, 2, 2, "Name", 10, false);
	tui_line_draw(&d->name, d->win, 2, 14, w - 18,
	              tui_attr(t, d->focus == CL_NAME ? TUI_C_FOCUS : TUI_C_FIELD));
	tui_wattr(t, d->win, TUI_C_DIALOG);
	tui_put(d->win, 4, 2, "Version", 10, false);
	tui_wattr(t, d->win, d->focus == CL_VERSION ? TUI_C_FOCUS : TUI_C_FIELD);
	tui_putf(d->win, 4, 14, 8, "%s v", sc_cver_name(d->c.version));
	tui_wattr(t, d->win, TUI_C_DIALOG);
	tui_put(d->win, 6, 2, "SPICE proxy", 11, false);
	tui_line_draw(&d->proxy, d->win, 6, 14, w - 18,
	              tui_attr(t, d->focus == CL_PROXY ? TUI_C_FOCUS : TUI_C_FIELD));
	tui_wattr(t, d->win, TUI_C_DIALOG);
	/* what an empty proxy inherits (SPEC §9: pool, cluster, site option) */
	const char *site = sc_opt_get(t->reg, "SpiceProxyDefault", d->c.version);
	char inherit[SC_OPT_VALUE_MAX + 64];
	snprintf(inherit, sizeof inherit, "empty: SpiceProxyDefault (%s)",
	         site && *site ? site : "none");
	tui_put_fit(d->win, 7, 14, inherit, w - 16, false);
	char buf[1000];
	const char *lines[3];
	tui_wattr(t, d->win, TUI_C_ERROR);
	int n = tui_wrap(d->msg, w - 4, buf, sizeof buf, lines, 3);
	for (int i = 0; i < n; i++)
		tui_put(d->win, 9 + i, 2, lines[i], w - 4, true);
	tui_wattr(t, d->win, TUI_C_DIALOG);
	tui_put(d->win, 12, 2, "Space: next version  Enter/F2: save  Esc: cancel", w - 4, false);
	d->cur_y = d->focus == CL_NAME ? 2 : d->focus == CL_VERSION ? 4 : 6;
	d->cur_x = d->focus == CL_NAME ? d->name.curx : d->focus == CL_VERSION ? 14 : d->proxy.curx;
	touchwin(d->win);
	wnoutrefresh(d->win);
}

static void cl_apply_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                            int arg);

/* SPEC §11: a new version that resets objects is shown first (a dry run)
 * and applied only when the user says so. */
static int cl_save(struct cluster_dlg *d, struct tui *t, bool confirmed)
{
	struct sc_err e = {0};
	char name[SC_NAME_MAX * 4 + 1];
	tui_line_get(&d->name, name, sizeof name);
	if (sc_name_check("name", name, &e)) {
		snprintf(d->msg, sizeof d->msg, "%s", e.msg);
		return TUI_R_DRAW;
	}
	char proxy[SC_PROXY_MAX * 4 + 1];
	tui_line_get(&d->proxy, proxy, sizeof proxy);
	if (sc_proxy_check("spice_proxy", proxy, &e)) {
		snprintf(d->msg, sizeof d->msg, "Not saved: %s", e.msg);
		return TUI_R_DRAW;
	}
	sc_strlcpy(d->c.name, name, sizeof d->c.name);
	sc_strlcpy(d->c.spice_proxy, proxy, sizeof d->c.spice_proxy);
	struct sc_cluster neu = d->c;
	struct store_changes ch = {.dry_run = !confirmed};
	int rc = d->is_new ? store_cluster_add(t->st, &neu, &e)
	                   : store_cluster_update(t->st, t->reg, &d->orig, &neu, &ch, &e);
	if (rc == SC_OK && !confirmed && !d->is_new) {
		if (ch.n == 0) {
			store_changes_free(&ch);
			return cl_save(d, t, true);
		}
		char intro[200];
		snprintf(intro, sizeof intro, "Change cluster %s to version %s?", d->orig.name,
		         sc_cver_name(d->c.version));
		tui_confirm_changes(t, &ch, intro, (struct tui_reply){cl_apply_answer, 0});
		return TUI_R_NONE;
	}
	if (rc != SC_OK) {
		store_changes_free(&ch);
		snprintf(d->msg, sizeof d->msg, "Not saved: %s", e.msg);
		return TUI_R_DRAW;
	}
	tui_status_changes(t, &ch, "Saved cluster %s", neu.name);
	store_changes_free(&ch);
	if (d->is_new) {
		sc_strlcpy(t->created, neu.name, sizeof t->created);
		t->created_kind = SC_CLUSTER;
	}
	return TUI_R_CLOSE | TUI_R_ALL;
}

static void cl_apply_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                            int arg)
{
	(void)arg;
	if (a->choice == 0 && (cl_save((struct cluster_dlg *)to, t, true) & TUI_R_CLOSE))
		to->pending |= TUI_R_CLOSE;
	to->pending |= TUI_R_DRAW;
}

static int cl_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct cluster_dlg *d = (struct cluster_dlg *)s;
	struct tui_line *line = d->focus == CL_NAME ? &d->name : d->focus == CL_PROXY ? &d->proxy
	                                                                             : NULL;
	if (line && action != TUI_A_CHOOSE && action != TUI_A_SAVE && action != TUI_A_BACK &&
	    action != TUI_A_NEXT_FIELD && action != TUI_A_PREV_FIELD && action != TUI_A_HELP &&
	    tui_line_key(line, key))
		return TUI_R_DRAW;
	switch (action) {
	case TUI_A_BACK:
		return TUI_R_CLOSE;
	case TUI_A_CHOOSE:
	case TUI_A_SAVE:
		return cl_save(d, t, d->is_new);
	case TUI_A_NEXT_FIELD:
		d->focus = (d->focus + 1) % CL_FIELDS;
		return TUI_R_DRAW;
	case TUI_A_PREV_FIELD:
		d->focus = (d->focus + CL_FIELDS - 1) % CL_FIELDS;
		return TUI_R_DRAW;
	case TUI_A_TOGGLE:
	case TUI_A_NEXT_VALUE:
	case TUI_A_PREV_VALUE:
		if (d->focus == CL_VERSION) {
			int dir = action == TUI_A_PREV_VALUE ? SC_CVER_COUNT - 1 : 1;
			d->c.version = (enum sc_cver)((d->c.version + dir) % SC_CVER_COUNT);
		}
		return TUI_R_DRAW;
	default:
		return action == TUI_A_NONE ? TUI_R_NONE : TUI_R_IGNORED;
	}
}

static bool cl_cursor(struct tui_screen *s, struct tui *t, int *y, int *x)
{
	struct cluster_dlg *d = (struct cluster_dlg *)s;
	(void)t;
	return tui_cursor_in(d->win, d->cur_y, d->cur_x, y, x);
}

static const char *cl_help(struct tui_screen *s, struct tui *t)
{
	(void)t;
	return ((struct cluster_dlg *)s)->focus == CL_PROXY ? "spice_proxy" : "clusters";
}

static void cl_destroy(struct tui_screen *s, struct tui *t)
{
	struct cluster_dlg *d = (struct cluster_dlg *)s;
	(void)t;
	if (d->win)
		delwin(d->win);
	free(d);
}

static const struct tui_screen_ops cluster_ops = {
    .name = "cluster",
    .ctx = TUI_CTX_DIALOG,
    .layout = cl_layout,
    .draw = cl_draw,
    .key = cl_key,
    .cursor = cl_cursor,
    .help_topic = cl_help,
    .destroy = cl_destroy,
};

struct tui_screen *tui_cluster_new(struct tui *t, const struct sc_cluster *c)
{
	struct cluster_dlg *d = calloc(1, sizeof *d);
	(void)t;
	if (!d)
		return NULL;
	d->base.ops = &cluster_ops;
	d->base.overlay = true;
	d->is_new = !c;
	if (c)
		d->orig = d->c = *c;
	else
		d->c.version = SC_CVER_31;
	tui_line_set(&d->name, d->c.name, SC_NAME_MAX);
	tui_line_set(&d->proxy, d->c.spice_proxy, SC_PROXY_MAX);
	tui_line_select(&d->name);
	tui_line_select(&d->proxy);
	return &d->base;
}
