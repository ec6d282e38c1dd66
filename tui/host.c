/* New / Edit host (SPEC §10): a name, a libvirt connection URI and the
 * cluster whose rules its domains follow.  Saving runs the checks of
 * `spicecfg host add` and `host set` (the same functions, so the same
 * words) and writes through the same store calls, audited, with the
 * row's version checked.  Nothing here connects: libvirt stays unloaded.
 * A stored password is never shown: the URI field holds the redacted URI,
 * and leaving it as shown keeps the stored one. */
#include <stdlib.h>
#include <string.h>

#include "../model/field.h"
#include "../model/uri.h"
#include "tui.h"

enum { HO_NAME, HO_URI, HO_CLUSTER, HO_FIELDS };

#define HO_INFO_LINES 5

struct host_dlg {
	struct tui_screen base;
	WINDOW *win;
	bool is_new;
	struct sc_host orig;
	char uri_shown[SC_URI_MAX + 1]; /* the stored URI as the field first showed it */
	bool hidden;                    /* the stored URI holds a password shown as *** */
	char cluster[SC_NAME_MAX + 1];
	struct tui_line name, uri;
	int focus;
	struct tui_names clusters; /* what the dropdown offers */
	char msg[900];
	char info[1500]; /* edit: what is stored and known of the host */
	int cur_y, cur_x;
};

/* The clusters, in name order, read again each time they are offered (one
 * may have been added or removed since). */
static bool load_clusters(struct host_dlg *d, struct tui *t)
{
	struct sc_err e = {0};
	d->clusters.n = 0;
	d->clusters.failed = false;
	tui_names_clusters(t, &d->clusters, &e);
	if (d->clusters.failed || e.msg[0]) {
		snprintf(d->msg, sizeof d->msg, "%s",
		         e.msg[0] ? e.msg : "Out of memory: the clusters cannot be listed");
		return false;
	}
	if (!d->clusters.n) {
		snprintf(d->msg, sizeof d->msg,
		         "No clusters in the store yet: create one on the Clusters tab first");
		return false;
	}
	return true;
}

static int cluster_index(const struct host_dlg *d)
{
	for (int i = 0; i < d->clusters.n; i++)
		if (!strcmp(d->clusters.name[i], d->cluster))
			return i;
	return -1;
}

static void ho_layout(struct tui_screen *s, struct tui *t)
{
	struct host_dlg *d = (struct host_dlg *)s;
	(void)t;
	int w = COLS - 4 < 72 ? COLS - 4 : 72;
	int h = d->is_new ? 15 : 15 + HO_INFO_LINES + 1;
	if (h > LINES - 1)
		h = LINES - 1;
	if (d->win)
		delwin(d->win);
	d->win = newwin(h, w, (LINES - 1 - h) / 2, (COLS - w) / 2);
}

/* Wrapped text from row y, at most max lines (and none on the frame or
 * the hint line). */
static void put_wrapped(WINDOW *win, int y, const char *text, int max)
{
	int w = getmaxx(win), h = getmaxy(win);
	char buf[3200];
	const char *lines[HO_INFO_LINES + 3];
	if (max > (int)(sizeof lines / sizeof *lines))
		max = (int)(sizeof lines / sizeof *lines);
	int n = tui_wrap(text, w - 4, buf, sizeof buf, lines, max);
	for (int i = 0; i < n && y + i < h - 2; i++)
		tui_put(win, y + i, 2, lines[i], w - 4, true);
}

static void ho_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct host_dlg *d = (struct host_dlg *)s;
	int w = getmaxx(d->win), h = getmaxy(d->win);
	(void)what;
	wbkgdset(d->win, ' ' | tui_attr(t, TUI_C_DIALOG));
	werase(d->win);
	tui_wattr(t, d->win, TUI_C_DIALOG);
	tui_frame(t, d->win, d->is_new ? "New host" : "Edit host");
	tui_put(d->win, 2, 2, "Name", 10, false);
	tui_line_draw(&d->name, d->win, 2, 12, w - 16,
	              tui_attr(t, d->focus == HO_NAME ? TUI_C_FOCUS : TUI_C_FIELD));
	tui_wattr(t, d->win, TUI_C_DIALOG);
	tui_put(d->win, 4, 2, "URI", 10, false);
	tui_line_draw(&d->uri, d->win, 4, 12, w - 16,
	              tui_attr(t, d->focus == HO_URI ? TUI_C_FOCUS : TUI_C_FIELD));
	tui_wattr(t, d->win, TUI_C_DIALOG);
	if (d->hidden)
		tui_put_fit(d->win, 5, 12, "password hidden (***): kept while the URI is as shown",
		            w - 14, false);
	tui_put(d->win, 6, 2, "Cluster", 10, false);
	tui_wattr(t, d->win, d->focus == HO_CLUSTER ? TUI_C_FOCUS : TUI_C_FIELD);
	char shown[SC_NAME_MAX + 8];
	snprintf(shown, sizeof shown, "%s v", d->cluster[0] ? d->cluster : "(none)");
	tui_put_fit(d->win, 6, 12, shown, w - 16, false);
	tui_wattr(t, d->win, TUI_C_ERROR);
	put_wrapped(d->win, 8, d->msg, 4);
	tui_wattr(t, d->win, TUI_C_DIALOG);
	if (!d->is_new)
		put_wrapped(d->win, 13, d->info, HO_INFO_LINES);
	static const struct tui_hint text[] = {
	    {2, {TUI_A_CHOOSE, TUI_A_SAVE}, "save"},
	    {1, {TUI_A_NEXT_FIELD}, "next field"},
	    {1, {TUI_A_BACK}, "cancel"},
	};
	static const struct tui_hint ref[] = {
	    {2, {TUI_A_CHOOSE, TUI_A_TOGGLE}, "clusters"},
	    {1, {TUI_A_SAVE}, "save"},
	    {1, {TUI_A_BACK}, "cancel"},
	};
	char hint[200];
	tui_hint_text(hint, sizeof hint, d->focus == HO_CLUSTER ? ref : text, 3);
	tui_put(d->win, h - 2, 2, hint, w - 4, false);
	d->cur_y = d->focus == HO_NAME ? 2 : d->focus == HO_URI ? 4 : 6;
	d->cur_x = d->focus == HO_NAME ? d->name.curx : d->focus == HO_URI ? d->uri.curx : 12;
	touchwin(d->win);
	wnoutrefresh(d->win);
}

/* The URI to store: the stored one while the field shows it unchanged. */
static int uri_to_store(struct host_dlg *d, char *out, size_t n, struct sc_err *e)
{
	char typed[SC_URI_MAX * 4 + 1];
	tui_line_get(&d->uri, typed, sizeof typed);
	if (!d->is_new && !strcmp(typed, d->uri_shown)) {
		sc_strlcpy(out, d->orig.uri, n);
		return 0;
	}
	if (d->hidden && strstr(typed, "***"))
		return sc_fail(e, SC_EUSAGE,
		               "the URI still holds *** where the stored password is hidden; "
		               "type the new URI whole, with its password, or put back the URI "
		               "as it was shown to keep the stored one");
	if (sc_uri_check(typed, e))
		return e->status;
	sc_strlcpy(out, typed, n);
	return 0;
}

static int ho_save(struct host_dlg *d, struct tui *t)
{
	struct sc_err e = {0};
	struct sc_host h = d->orig;
	char name[SC_NAME_MAX * 4 + 1];
	tui_line_get(&d->name, name, sizeof name);
	int rc = sc_name_check("name", name, &e);
	if (!rc)
		rc = uri_to_store(d, h.uri, sizeof h.uri, &e);
	if (!rc && !d->cluster[0])
		rc = sc_fail(&e, SC_EUSAGE,
		             "a host needs a cluster: create one on the Clusters "
		             "tab first");
	if (!rc) {
		sc_strlcpy(h.name, name, sizeof h.name);
		sc_strlcpy(h.cluster, d->cluster, sizeof h.cluster);
		if (!d->is_new && !strcmp(h.name, d->orig.name) && !strcmp(h.uri, d->orig.uri) &&
		    !strcmp(h.cluster, d->orig.cluster)) {
			tui_status(t, "Host %s unchanged", h.name);
			return TUI_R_CLOSE | TUI_R_ALL;
		}
		rc = d->is_new ? store_host_add(t->st, &h, &e)
		               : store_host_update(t->st, &d->orig, &h, &e);
	}
	if (rc) {
		snprintf(d->msg, sizeof d->msg, "Not saved: %s", e.msg);
		return TUI_R_DRAW;
	}
	tui_status(t, "%s host %s", d->is_new ? "Added" : "Saved", h.name);
	sc_strlcpy(t->created, h.name, sizeof t->created);
	t->created_kind = TUI_CREATED_HOST;
	return TUI_R_CLOSE | TUI_R_ALL;
}

static void chosen(struct tui_screen *to, struct tui *t, const struct tui_answer *a, int arg)
{
	struct host_dlg *d = (struct host_dlg *)to;
	(void)t;
	(void)arg;
	if (a->choice >= 0 && a->choice < d->clusters.n)
		sc_strlcpy(d->cluster, d->clusters.name[a->choice], sizeof d->cluster);
	to->pending |= TUI_R_DRAW;
}

static int open_clusters(struct host_dlg *d, struct tui *t)
{
	if (!load_clusters(d, t))
		return TUI_R_DRAW;
	const char **labels = malloc((size_t)d->clusters.n * sizeof *labels);
	if (!labels) {
		snprintf(d->msg, sizeof d->msg, "Out of memory: the clusters cannot be listed");
		return TUI_R_DRAW;
	}
	for (int i = 0; i < d->clusters.n; i++)
		labels[i] = d->clusters.name[i];
	int wy, wx;
	getbegyx(d->win, wy, wx);
	tui_push(t, tui_chooser_new(t, "Cluster", labels, d->clusters.n, cluster_index(d), wy + 6,
	                            wx + 12, (struct tui_reply){chosen, 0}));
	free(labels); /* the chooser keeps copies */
	return TUI_R_DRAW;
}

/* Left/Right on the cluster: the one before or after it by name. */
static int step_cluster(struct host_dlg *d, struct tui *t, int dir)
{
	if (!load_clusters(d, t))
		return TUI_R_DRAW;
	int i = cluster_index(d);
	i = i < 0 ? 0 : (i + dir + d->clusters.n) % d->clusters.n;
	sc_strlcpy(d->cluster, d->clusters.name[i], sizeof d->cluster);
	return TUI_R_DRAW;
}

static int ho_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct host_dlg *d = (struct host_dlg *)s;
	struct tui_line *line = d->focus == HO_NAME  ? &d->name
	                        : d->focus == HO_URI ? &d->uri
	                                             : NULL;
	if (line && action != TUI_A_CHOOSE && action != TUI_A_SAVE && action != TUI_A_BACK &&
	    action != TUI_A_NEXT_FIELD && action != TUI_A_PREV_FIELD && action != TUI_A_HELP &&
	    tui_line_key(line, key))
		return TUI_R_DRAW;
	switch (action) {
	case TUI_A_BACK:
		return TUI_R_CLOSE;
	case TUI_A_CHOOSE:
		return d->focus == HO_CLUSTER ? open_clusters(d, t) : ho_save(d, t);
	case TUI_A_SAVE:
		return ho_save(d, t);
	case TUI_A_NEXT_FIELD:
		d->focus = (d->focus + 1) % HO_FIELDS;
		return TUI_R_DRAW;
	case TUI_A_PREV_FIELD:
		d->focus = (d->focus + HO_FIELDS - 1) % HO_FIELDS;
		return TUI_R_DRAW;
	case TUI_A_TOGGLE:
		return d->focus == HO_CLUSTER ? open_clusters(d, t) : TUI_R_NONE;
	case TUI_A_NEXT_VALUE:
	case TUI_A_PREV_VALUE:
		if (d->focus != HO_CLUSTER)
			return TUI_R_NONE;
		return step_cluster(d, t, action == TUI_A_NEXT_VALUE ? 1 : -1);
	default:
		return action == TUI_A_NONE ? TUI_R_NONE : TUI_R_IGNORED;
	}
}

static bool ho_cursor(struct tui_screen *s, struct tui *t, int *y, int *x)
{
	struct host_dlg *d = (struct host_dlg *)s;
	(void)t;
	return tui_cursor_in(d->win, d->cur_y, d->cur_x, y, x);
}

static const char *ho_help(struct tui_screen *s, struct tui *t)
{
	(void)s;
	(void)t;
	return "host";
}

static void ho_destroy(struct tui_screen *s, struct tui *t)
{
	struct host_dlg *d = (struct host_dlg *)s;
	(void)t;
	if (d->win)
		delwin(d->win);
	free(d->clusters.name);
	free(d);
}

static const struct tui_screen_ops host_ops = {
    .name = "host",
    .ctx = TUI_CTX_DIALOG,
    .layout = ho_layout,
    .draw = ho_draw,
    .key = ho_key,
    .cursor = ho_cursor,
    .help_topic = ho_help,
    .destroy = ho_destroy,
};

/* What is stored of the host beyond its fields, and what this session
 * found when it connected; text from the host is escaped. */
static void host_info(struct host_dlg *d, struct tui *t)
{
	const struct sc_host *h = &d->orig;
	const struct tui_hostinfo *hi = tui_live_host(t, h->name);
	char raw[1200];
	int n = snprintf(raw, sizeof raw, "Linked vms: %ld. Hypervisor: %s. Capabilities read: %s.",
	                 h->links, h->hypervisor[0] ? h->hypervisor : "never",
	                 h->caps_at[0] ? h->caps_at : "never");
	if (n < 0 || n >= (int)sizeof raw)
		n = (int)strlen(raw);
	if (!hi || !hi->checked)
		snprintf(raw + n, sizeof raw - (size_t)n,
		         "\nNot checked in this session: F5 on the list connects to every host.");
	else if (!hi->reachable)
		snprintf(raw + n, sizeof raw - (size_t)n, "\nNot reachable: %s", hi->msg);
	else
		snprintf(raw + n, sizeof raw - (size_t)n,
		         "\nReachable: %d domains; %d linked vms differ from their domain.",
		         hi->domains, hi->differ);
	char *p = d->info, *end = d->info + sizeof d->info;
	for (const char *line = raw; *line && end - p > 2;) {
		size_t len = strcspn(line, "\n");
		char one[1200];
		snprintf(one, sizeof one, "%.*s", (int)len, line);
		sc_escape(one, p, (size_t)(end - p) - 1);
		p += strlen(p);
		*p++ = '\n';
		*p = '\0';
		line += len + (line[len] == '\n');
	}
}

struct tui_screen *tui_host_new(struct tui *t, const struct sc_host *h, const char *cluster)
{
	struct host_dlg *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->base.ops = &host_ops;
	d->base.overlay = true;
	d->is_new = !h;
	if (h) {
		d->orig = *h;
		sc_uri_redact(h->uri, d->uri_shown, sizeof d->uri_shown);
		d->hidden = strcmp(d->uri_shown, h->uri) != 0;
		sc_strlcpy(d->cluster, h->cluster, sizeof d->cluster);
		host_info(d, t);
	} else if (load_clusters(d, t)) { /* the selected row's cluster, else the first */
		sc_strlcpy(d->cluster, cluster && *cluster ? cluster : d->clusters.name[0],
		           sizeof d->cluster);
		if (cluster_index(d) < 0)
			sc_strlcpy(d->cluster, d->clusters.name[0], sizeof d->cluster);
	}
	tui_line_set(&d->name, d->orig.name, SC_NAME_MAX);
	tui_line_set(&d->uri, d->uri_shown, SC_URI_MAX);
	tui_line_select(&d->name);
	tui_line_select(&d->uri);
	return &d->base;
}
