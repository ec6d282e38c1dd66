/* The main screen: tabs over the store.  Each list is a window over a store
 * query: only the visible rows are read (offset/limit), so a store of 100k
 * VMs costs what 24 rows cost.  A cursor move redraws two rows. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../model/console.h"
#include "../model/edit.h"
#include "../model/field.h"
#include "../model/uri.h"
#include "../model/utf8.h"
#include "tui.h"

enum tab {
	TAB_CLUSTERS,
	TAB_VMS,
	TAB_TEMPLATES,
	TAB_POOLS,
	TAB_HOSTS,
	TAB_OPTIONS,
	TAB_HISTORY,
	TAB_COUNT
};

#define NCOLS    9
#define CELL     160
#define PAGE_MAX 1000 /* rows on the tallest screen a script may ask for */

struct column {
	const char *title;
	int width; /* 0: the rest of the line */
	int sort;  /* the field the store orders this column by, or NOSORT */
	int field; /* object tabs: the field shown */
};
#define NOSORT (-1)
#define HOST_COLUMN (-2) /* the VMs tab's Host column: the vm's link, not a field */

/* What a tab does with its rows: one ops table per kind of tab (below). */
struct tab_ops;
static const struct tab_ops cluster_tab, object_tab, host_tab, option_tab, history_tab;

/* The columns of the VM, template and pool tabs come from the field table
 * (object_columns()). */
static struct tabdef {
	const char *title;
	int kind; /* enum sc_kind, or -1 */
	const char *topic;
	const struct tab_ops *ops;
	struct column cols[NCOLS];
} tabs[TAB_COUNT] = {
    [TAB_CLUSTERS] = {"Clusters",
                      SC_CLUSTER,
                      "clusters",
                      &cluster_tab,
                      {{"Name", 32, SC_F_NAME}, {"Version", 0, NOSORT}}},
    [TAB_VMS] = {"VMs", SC_VM, "main", &object_tab},
    [TAB_TEMPLATES] = {"Templates", SC_TEMPLATE, "main", &object_tab},
    [TAB_POOLS] = {"Pools", SC_POOL, "pools", &object_tab},
    [TAB_HOSTS] = {"Hosts",
                   -1,
                   "hosts",
                   &host_tab,
                   {{"Name", 12, NOSORT},
                    {"URI", 24, NOSORT},
                    {"Cluster", 10, NOSORT},
                    {"Reachable", 9, NOSORT},
                    {"Domains", 7, NOSORT},
                    {"Differ", 0, NOSORT}}},
    [TAB_OPTIONS] = {"Site options",
                     -1,
                     "options",
                     &option_tab,
                     {{"Option", 22, NOSORT}, {"Version", 8, NOSORT}, {"Value", 0, NOSORT}}},
    [TAB_HISTORY] = {"History",
                     -1,
                     "history",
                     &history_tab,
                     {{"When (UTC)", 20, NOSORT},
                      {"Who", 9, NOSORT},
                      {"Object", 18, NOSORT},
                      {"Field", 13, NOSORT},
                      {"Old -> New", 0, NOSORT}}},
};

struct host_any {
	bool found;
};

static int first_host(const struct sc_host *h, void *arg)
{
	(void)h;
	((struct host_any *)arg)->found = true;
	return 1;
}

/* The object tabs' columns as the field table lists them for the TUI; the
 * last takes the rest of the line. */
static void object_columns(void)
{
	for (int tab = 0; tab < TAB_COUNT; tab++) {
		if (tabs[tab].ops != &object_tab)
			continue;
		int f[NCOLS];
		int n = sc_field_columns((enum sc_kind)tabs[tab].kind, SC_LIST_TUI, f, NCOLS);
		for (int c = 0; c < n; c++) {
			const struct sc_field_info *fi = sc_field_info(f[c]);
			tabs[tab].cols[c] = (struct column){fi->tui_list.title,
			                                    c + 1 < n ? fi->tui_list.width : 0,
			                                    fi->sortable ? f[c] : NOSORT, f[c]};
		}
	}
}

/* The VMs tab ends with a Host column while the store has hosts: a vm's
 * link, the columns before it keeping their places (and sort indexes). */
static void host_column(struct tui *t)
{
	static int n = -1; /* the field table's columns, the last one's width */
	static int last_width;
	struct column *cols = tabs[TAB_VMS].cols;
	if (n < 0) {
		for (n = 0; n < NCOLS && cols[n].title;)
			n++;
		last_width = n ? sc_field_info(cols[n - 1].field)->tui_list.width : 0;
	}
	if (n == 0 || n >= NCOLS)
		return;
	struct host_any any = {0};
	struct sc_err e = {0};
	store_host_scan(t->st, first_host, &any, &e);
	if (any.found) {
		cols[n - 1].width = last_width ? last_width : 12;
		cols[n] = (struct column){"Host", 0, NOSORT, HOST_COLUMN};
	} else {
		cols[n - 1].width = 0;
		cols[n] = (struct column){0};
	}
}

/* The field a column sorts by, or NOSORT (columns past the last have none). */
static int sort_field(int tab, int col)
{
	if (col < 0 || col >= NCOLS || !tabs[tab].cols[col].title)
		return NOSORT;
	return tabs[tab].cols[col].sort;
}

/* How many columns of a tab s can order by. */
static int sortable_columns(int tab)
{
	int n = 0;
	for (int c = 0; c < NCOLS; c++)
		n += sort_field(tab, c) >= 0;
	return n;
}

struct row {
	char cell[NCOLS][CELL];
	char name[SC_NAME_MAX + 1];
	int opt, cver;    /* options tab */
	char detail[600]; /* history: full old and new values */
	struct store_key key; /* where the row stands in its order (keyset tabs) */
	char object[96], field[64], old[SC_OPT_VALUE_MAX]; /* history: what u reverts */
	bool has_old;
};

struct tabstate {
	long sel, top;
	char filter[128];
	int sortcol; /* the column the rows are ordered by */
	bool desc;
};

struct list {
	struct tui_screen base;
	WINDOW *tabs, *head, *body, *status;
	int tab;
	struct tabstate ts[TAB_COUNT];
	long count;
	/* count is a lower bound: a filter holding at least COUNT_CAP rows is
	 * counted to the end only when the list is taken past them, for the
	 * filter named in exact_filter (a new filter is counted cheaply again) */
	bool count_more;
	char exact_filter[TAB_COUNT][128];
	int64_t written[2]; /* the store's write stamp at the last full draw */
	struct row *page; /* rows top .. top+npage-1 */
	int npage;
	long page_top;
	bool page_valid;
	/* The order the page's rows (and their keys) were read in: another
	 * tab, sort or filter cannot seek from them. */
	struct tabstate page_order;
	int page_tab;
	long drawn_sel; /* row shown highlighted, for two-row redraws */
	int colw[NCOLS]; /* columns' widths on this terminal, with the gap after */
	char import_path[1024]; /* between the import action's two prompts */
	char pending_delete[SC_NAME_MAX + 1];
	char filter_before[128]; /* what Esc in the / prompt goes back to */
	bool esc_armed; /* a first Esc with nothing to clear: the next one quits */
	/* Quick search: what is typed, as UTF-8, and the key that started it
	 * (it goes on to the next row; 0 before a key has) */
	bool qs_on;
	char qs[4 * SC_NAME_MAX + 1];
	int qs_key;
	struct { /* a site option's or cluster's revert waiting for its confirm */
		char key[64], value[SC_OPT_VALUE_MAX];
		int cver;
		char field[64]; /* a cluster's: version, spice_proxy or name */
	} revert;
	/* Marked rows of each object tab, by name: a mark stays while the
	 * list scrolls, sorts or filters (as htop's tags do). */
	struct marks {
		char (*name)[SC_NAME_MAX + 1];
		int n, cap;
	} marks[TAB_COUNT];
};

#define MARK_PREFIX "* "

static int mark_index(const struct marks *m, const char *name)
{
	for (int i = 0; i < m->n; i++)
		if (!strcmp(m->name[i], name))
			return i;
	return -1;
}

/* Marks name, or unmarks it; false when out of memory. */
static bool mark_toggle(struct marks *m, const char *name)
{
	int i = mark_index(m, name);
	if (i >= 0) {
		memmove(m->name[i], m->name[i + 1], (size_t)(m->n - i - 1) * sizeof m->name[0]);
		m->n--;
		return true;
	}
	if (m->n == m->cap) {
		int cap = m->cap ? m->cap * 2 : 16;
		void *x = realloc(m->name, (size_t)cap * sizeof m->name[0]);
		if (!x)
			return false;
		m->name = x;
		m->cap = cap;
	}
	sc_strlcpy(m->name[m->n++], name, sizeof m->name[0]);
	return true;
}

static int body_rows(const struct list *l)
{
	return l->body ? getmaxy(l->body) : 1;
}

static const char *filter_arg(const struct tabstate *ts)
{
	return ts->filter[0] ? ts->filter : NULL;
}

/* ---- rows from the store ---- */

struct fill {
	struct list *l;
	int n, max;
	struct tui *t;
};

static struct row *next_row(struct fill *f)
{
	if (f->n >= f->max)
		return NULL;
	struct row *r = &f->l->page[f->n++];
	memset(r, 0, sizeof *r);
	return r;
}

static int fill_cluster(const struct sc_cluster *c, void *arg)
{
	struct row *r = next_row(arg);
	if (!r)
		return 1;
	sc_strlcpy(r->name, c->name, sizeof r->name);
	sc_strlcpy(r->cell[0], c->name, CELL);
	sc_strlcpy(r->cell[1], sc_cver_name(c->version), CELL);
	return 0;
}

/* The host a vm is linked to, marked when its domain was last seen to
 * differ from it. */
static void host_cell(struct tui *t, const struct sc_object *o, char *cell)
{
	struct store_link k;
	struct sc_err e = {0};
	if (store_link_get(t->st, o->id, &k, &e) != SC_OK)
		return;
	snprintf(cell, CELL, "%s%s", k.host, tui_live_differs(t, o, &k) == 1 ? " differs" : "");
}

static int fill_object(const struct sc_object *o, void *arg)
{
	struct row *r = next_row(arg);
	if (!r)
		return 1;
	const struct list *l = ((struct fill *)arg)->l;
	const struct tabdef *td = &tabs[l->tab];
	char buf[SC_DESC_MAX + 1];
	sc_strlcpy(r->name, o->name, sizeof r->name);
	for (int c = 0; c < NCOLS && td->cols[c].title; c++) {
		if (td->cols[c].field == HOST_COLUMN) {
			host_cell(((struct fill *)arg)->t, o, r->cell[c]);
			continue;
		}
		sc_field_get(o, td->cols[c].field, buf, sizeof buf);
		sc_strlcpy(r->cell[c], buf, CELL);
	}
	if (mark_index(&l->marks[l->tab], o->name) >= 0) { /* the mark shows as mc's does */
		snprintf(buf, sizeof buf, MARK_PREFIX "%s", r->cell[0]);
		sc_strlcpy(r->cell[0], buf, CELL);
	}
	return 0;
}

static int fill_object_key(const struct sc_object *o, const struct store_key *k, void *arg)
{
	struct fill *f = arg;
	if (fill_object(o, arg))
		return 1;
	f->l->page[f->n - 1].key = *k;
	return 0;
}

static int fill_audit(const struct store_audit *a, void *arg)
{
	struct row *r = next_row(arg);
	if (!r)
		return 1;
	const char *o = a->old ? a->old : "", *n = a->neu ? a->neu : "";
	/* a host's URI may hold a password: shown redacted, as on the Hosts tab */
	char *red = NULL;
	size_t rn = strlen(o) + strlen(n) + 8; /* "***" may stand for a shorter password */
	if (!strncmp(a->object, "host:", 5) && !strcmp(a->field, "uri") &&
	    (red = malloc(2 * rn))) {
		sc_uri_redact(o, red, rn);
		sc_uri_redact(n, red + rn, rn);
		o = red;
		n = red + rn;
	}
	r->key.num = a->id;
	snprintf(r->cell[0], CELL, "%.19s", a->at);
	char who[CELL * 4];
	sc_escape(a->who, who, sizeof who); /* rows written before names were escaped */
	sc_strlcpy(r->cell[1], who, CELL);
	sc_strlcpy(r->cell[2], a->object, CELL);
	sc_strlcpy(r->cell[3], a->field, CELL);
	snprintf(r->cell[4], CELL, "%s -> %s", a->old ? o : "(none)", a->neu ? n : "(none)");
	sc_strlcpy(r->object, a->object, sizeof r->object);
	sc_strlcpy(r->field, a->field, sizeof r->field);
	sc_strlcpy(r->old, o, sizeof r->old);
	r->has_old = a->old != NULL;
	snprintf(r->detail, sizeof r->detail, "%s by %.120s\n%s %s\nold: %s\nnew: %s", a->at, who,
	         a->object, a->field, a->old ? o : "(none)", a->neu ? n : "(none)");
	free(red);
	return 0;
}

/* Site options are the registry, not a store query: one row per general
 * option, one per version for per-version ones. */
static long option_rows(struct tui *t, const char *filter, long offset, struct fill *f)
{
	long idx = 0;
	for (int i = 0; i < t->reg->n; i++) {
		const struct sc_optdef *d = &t->reg->defs[i];
		if (filter && !strcasestr(d->key, filter))
			continue;
		int nv = d->per_version ? SC_CVER_COUNT : 1;
		for (int v = 0; v < nv; v++, idx++) {
			if (!f || idx < offset)
				continue;
			struct row *r = next_row(f);
			if (!r)
				continue;
			r->opt = i;
			r->cver = d->per_version ? v : -1;
			sc_strlcpy(r->name, d->key, sizeof r->name);
			sc_strlcpy(r->cell[0], d->key, CELL);
			sc_strlcpy(r->cell[1],
			           d->per_version ? sc_cver_name((enum sc_cver)v) : "general",
			           CELL);
			const char *val = sc_opt_value(t->reg, i, (enum sc_cver)v);
			bool set = t->reg->values[i][d->per_version ? v : SC_OPT_GENERAL][0];
			snprintf(r->cell[2], CELL, "%s%s", val ? val : "",
			         set ? "" : "  (default)");
		}
	}
	return idx;
}

/* ---- the tabs' ops ---- */

struct tab_ops {
	/* Rows that match filter. */
	long (*count)(const struct tabdef *td, struct tui *t, const char *filter,
	              struct sc_err *e);
	/* Optional: the rows of a filter up to cap, *more when there are more
	 * (a broad filter is counted to the end only when the list goes there). */
	long (*count_upto)(const struct tabdef *td, struct tui *t, const char *filter, long cap,
	                   bool *more, struct sc_err *e);
	/* Rows [off, off+lim) in the order of field sort (NOSORT: the tab's own). */
	void (*fetch)(const struct tabdef *td, struct tui *t, const char *filter, int sort,
	              long off, long lim, struct fill *f, struct sc_err *e);
	/* Rows from sk in its scan order, each with its key; NULL: the tab
	 * pages by offset (a short list). */
	void (*seek)(const struct tabdef *td, struct tui *t, const char *filter, int sort,
	             const struct store_seek *sk, long lim, struct fill *f, struct sc_err *e);
	/* Optional, with seek: the rows before key in that order. */
	int (*rank)(const struct tabdef *td, struct tui *t, const char *filter, int sort, bool desc,
	            const struct store_key *key, long *out, struct sc_err *e);
	/* Enter or F4 on row r; returns what to redraw. */
	int (*edit)(const struct tabdef *td, struct tui *t, const struct row *r, struct sc_err *e);
	/* F2 (cluster: the selected row's); NULL: nothing is created on this tab. */
	void (*create)(const struct tabdef *td, struct tui *t, const char *cluster);
	/* The confirmed F8; NULL: nothing is removed on this tab.  done holds
	 * "Removed KIND NAME" for the status line; remove may add to it. */
	int (*remove)(const struct tabdef *td, struct tui *t, const char *name, char *done,
	              size_t n, struct sc_err *e);
	/* Optional: F8's question about row r (default: the kind and name). */
	void (*ask_remove)(const struct tabdef *td, struct tui *t, const struct row *r, char *msg,
	                   size_t n);
	/* The object of row r, for the preview; NULL: the tab has none. */
	int (*object)(const struct tabdef *td, struct tui *t, const struct row *r,
	              struct sc_object *o, struct sc_err *e);
	/* The cluster an import started on row r goes to; NULL: none. */
	void (*cluster_of)(const struct tabdef *td, struct tui *t, const struct row *r, char *out,
	                   size_t n);
	/* F1 on row r; NULL: the tab's topic. */
	const char *(*row_topic)(struct tui *t, const struct row *r);
	unsigned ctx; /* the key bar's context */
	const char *noun; /* what a row is, where the tab has no kind ("host") */
};

static long count_objects(const struct tabdef *td, struct tui *t, const char *filter,
                          struct sc_err *e)
{
	long n = 0;
	store_count(t->st, (enum sc_kind)td->kind, filter, &n, e);
	return n;
}

static long count_objects_upto(const struct tabdef *td, struct tui *t, const char *filter,
                               long cap, bool *more, struct sc_err *e)
{
	long n = 0;
	store_count_upto(t->st, (enum sc_kind)td->kind, filter, cap, &n, more, e);
	return n;
}

static void fetch_clusters(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                           long off, long lim, struct fill *f, struct sc_err *e)
{
	(void)td;
	(void)sort;
	store_cluster_scan(t->st, filter, off, lim, fill_cluster, f, e);
}

static int edit_cluster(const struct tabdef *td, struct tui *t, const struct row *r,
                        struct sc_err *e)
{
	struct sc_cluster c;
	(void)td;
	if (store_cluster_get(t->st, r->name, &c, e) == SC_OK)
		tui_push(t, tui_cluster_new(t, &c));
	return TUI_R_DRAW;
}

static void new_cluster(const struct tabdef *td, struct tui *t, const char *cluster)
{
	(void)td;
	(void)cluster;
	tui_push(t, tui_cluster_new(t, NULL));
}

static int remove_cluster(const struct tabdef *td, struct tui *t, const char *name,
                          char *done, size_t n, struct sc_err *e)
{
	(void)td;
	(void)done;
	(void)n;
	return store_cluster_rm(t->st, name, e);
}

static void cluster_itself(const struct tabdef *td, struct tui *t, const struct row *r,
                           char *out, size_t n)
{
	(void)td;
	(void)t;
	sc_strlcpy(out, r->name, n);
}

static const struct tab_ops cluster_tab = {
    .count = count_objects,
    .fetch = fetch_clusters,
    .edit = edit_cluster,
    .create = new_cluster,
    .remove = remove_cluster,
    .cluster_of = cluster_itself,
    .ctx = TUI_CTX_LIST,
};

static void fetch_objects(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                          long off, long lim, struct fill *f, struct sc_err *e)
{
	store_object_scan_by(t->st, (enum sc_kind)td->kind, filter, sort, off, lim, fill_object, f,
	                     e);
}

static void seek_objects(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                         const struct store_seek *sk, long lim, struct fill *f, struct sc_err *e)
{
	store_object_seek(t->st, (enum sc_kind)td->kind, filter, sort, sk, lim, fill_object_key, f,
	                  e);
}

static int rank_object(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                       bool desc, const struct store_key *key, long *out, struct sc_err *e)
{
	return store_object_rank(t->st, (enum sc_kind)td->kind, filter, sort, desc, key, out, e);
}

static int get_object(const struct tabdef *td, struct tui *t, const struct row *r,
                      struct sc_object *o, struct sc_err *e)
{
	return store_object_get(t->st, (enum sc_kind)td->kind, r->name, o, e);
}

static int edit_object(const struct tabdef *td, struct tui *t, const struct row *r,
                       struct sc_err *e)
{
	struct sc_object o;
	if (get_object(td, t, r, &o, e) == SC_OK)
		tui_push(t, tui_form_new(t, (enum sc_kind)td->kind, &o));
	return TUI_R_DRAW;
}

static void new_object(const struct tabdef *td, struct tui *t, const char *cluster)
{
	tui_push(t, tui_form_new_in(t, (enum sc_kind)td->kind, NULL, cluster));
}

static int remove_object(const struct tabdef *td, struct tui *t, const char *name,
                         char *done, size_t n, struct sc_err *e)
{
	(void)done;
	(void)n;
	return store_object_rm(t->st, (enum sc_kind)td->kind, name, e);
}

static void object_cluster(const struct tabdef *td, struct tui *t, const struct row *r,
                           char *out, size_t n)
{
	struct sc_object o;
	struct sc_err e = {0};
	if (get_object(td, t, r, &o, &e) == SC_OK)
		sc_strlcpy(out, o.cluster, n);
}

static const struct tab_ops object_tab = {
    .count = count_objects,
    .count_upto = count_objects_upto,
    .fetch = fetch_objects,
    .seek = seek_objects,
    .rank = rank_object,
    .edit = edit_object,
    .create = new_object,
    .remove = remove_object,
    .object = get_object,
    .cluster_of = object_cluster,
    .ctx = TUI_CTX_LIST,
};

/* ---- hosts: few, read whole and filtered here ---- */

struct host_scan {
	struct tui *t;
	const char *filter;
	long n, off;
	struct fill *f;
};

static bool host_matches(const struct sc_host *h, const char *filter)
{
	return !filter || strcasestr(h->name, filter) || strcasestr(h->uri, filter) ||
	       strcasestr(h->cluster, filter);
}

static int scan_host(const struct sc_host *h, void *arg)
{
	struct host_scan *hs = arg;
	if (!host_matches(h, hs->filter) || hs->n++ < hs->off || !hs->f)
		return 0;
	struct row *r = next_row(hs->f);
	if (!r)
		return 1;
	const struct tui_hostinfo *hi = tui_live_host(hs->t, h->name);
	sc_strlcpy(r->name, h->name, sizeof r->name);
	sc_strlcpy(r->cell[0], h->name, CELL);
	char uri[SC_URI_MAX + 1];
	sc_uri_redact(h->uri, uri, sizeof uri);
	sc_strlcpy(r->cell[1], uri, CELL);
	sc_strlcpy(r->cell[2], h->cluster, CELL);
	bool known = hi && hi->checked;
	sc_strlcpy(r->cell[3], !known ? "?" : hi->reachable ? "yes" : "no", CELL);
	if (known && hi->domains >= 0)
		snprintf(r->cell[4], CELL, "%d", hi->domains);
	else
		sc_strlcpy(r->cell[4], "?", CELL);
	/* a count only when every linked vm was compared */
	if (known && hi->reachable && hi->compared >= h->links)
		snprintf(r->cell[5], CELL, "%d of %ld linked", hi->differ, h->links);
	else
		snprintf(r->cell[5], CELL, "? of %ld linked", h->links);
	return 0;
}

static long count_hosts(const struct tabdef *td, struct tui *t, const char *filter,
                        struct sc_err *e)
{
	struct host_scan hs = {t, filter, 0, 0, NULL};
	(void)td;
	store_host_scan(t->st, scan_host, &hs, e);
	return hs.n;
}

static void fetch_hosts(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                        long off, long lim, struct fill *f, struct sc_err *e)
{
	struct host_scan hs = {t, filter, 0, off, f};
	(void)td;
	(void)sort;
	(void)lim;
	store_host_scan(t->st, scan_host, &hs, e);
}

/* Enter or F4: the host dialog, with what is stored and what this session
 * found of the host below its fields. */
static int edit_host(const struct tabdef *td, struct tui *t, const struct row *r,
                     struct sc_err *e)
{
	struct sc_host h;
	(void)td;
	if (store_host_get(t->st, r->name, &h, e) == SC_OK)
		tui_push(t, tui_host_new(t, &h, NULL));
	return TUI_R_DRAW;
}

static void new_host(const struct tabdef *td, struct tui *t, const char *cluster)
{
	(void)td;
	tui_push(t, tui_host_new(t, NULL, cluster));
}

static void host_cluster(const struct tabdef *td, struct tui *t, const struct row *r,
                         char *out, size_t n)
{
	struct sc_host h;
	struct sc_err e = {0};
	(void)td;
	if (store_host_get(t->st, r->name, &h, &e) == SC_OK)
		sc_strlcpy(out, h.cluster, n);
}

/* F8 says what `host rm --unlink` does: the vms linked to the host's
 * domains stay, without their links. */
static void ask_remove_host(const struct tabdef *td, struct tui *t, const struct row *r,
                            char *msg, size_t n)
{
	struct sc_host h;
	struct sc_err e = {0};
	(void)td;
	long links = store_host_get(t->st, r->name, &h, &e) == SC_OK ? h.links : 0;
	if (links)
		snprintf(msg, n,
		         "Remove host %s? Its %ld linked vms are unlinked: the vms stay, without "
		         "their links to its domains. Nothing on the host changes.",
		         r->name, links);
	else
		snprintf(msg, n, "Remove host %s? No vm is linked to it. Nothing on the host changes.",
		         r->name);
}

static int remove_host(const struct tabdef *td, struct tui *t, const char *name, char *done,
                       size_t n, struct sc_err *e)
{
	long unlinked = 0;
	(void)td;
	int rc = store_host_rm(t->st, name, true, &unlinked, e);
	size_t len = strlen(done);
	if (!rc && unlinked && len < n)
		snprintf(done + len, n - len, "; %ld vms are no longer linked to it", unlinked);
	return rc;
}

static const struct tab_ops host_tab = {
    .count = count_hosts,
    .fetch = fetch_hosts,
    .edit = edit_host,
    .create = new_host,
    .remove = remove_host,
    .ask_remove = ask_remove_host,
    .cluster_of = host_cluster,
    .ctx = TUI_CTX_LIST,
    .noun = "host",
};

static long count_options(const struct tabdef *td, struct tui *t, const char *filter,
                          struct sc_err *e)
{
	(void)td;
	(void)e;
	return option_rows(t, filter, 0, NULL);
}

static void fetch_options(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                          long off, long lim, struct fill *f, struct sc_err *e)
{
	(void)td;
	(void)sort;
	(void)lim;
	(void)e;
	option_rows(t, filter, off, f);
}

static int edit_option(const struct tabdef *td, struct tui *t, const struct row *r,
                       struct sc_err *e)
{
	(void)td;
	(void)e;
	tui_push(t, tui_optedit_new(t, r->opt, r->cver));
	return TUI_R_NONE;
}

static const char *option_topic(struct tui *t, const struct row *r)
{
	return t->reg->defs[r->opt].key;
}

static const struct tab_ops option_tab = {
    .count = count_options,
    .fetch = fetch_options,
    .edit = edit_option,
    .row_topic = option_topic,
    .ctx = TUI_CTX_OPTIONS,
};

static long count_audit(const struct tabdef *td, struct tui *t, const char *filter,
                        struct sc_err *e)
{
	long n = 0;
	(void)td;
	store_audit_count(t->st, filter, &n, e);
	return n;
}

static long count_audit_upto(const struct tabdef *td, struct tui *t, const char *filter,
                             long cap, bool *more, struct sc_err *e)
{
	long n = 0;
	(void)td;
	store_audit_count_upto(t->st, filter, cap, &n, more, e);
	return n;
}

static void fetch_audit(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                        long off, long lim, struct fill *f, struct sc_err *e)
{
	(void)td;
	(void)sort;
	store_audit_scan(t->st, filter, off, lim, fill_audit, f, e);
}

static void seek_audit(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                       const struct store_seek *sk, long lim, struct fill *f, struct sc_err *e)
{
	(void)td;
	(void)sort;
	store_audit_seek(t->st, filter, sk, lim, fill_audit, f, e);
}

static int rank_audit(const struct tabdef *td, struct tui *t, const char *filter, int sort,
                      bool desc, const struct store_key *key, long *out, struct sc_err *e)
{
	(void)td;
	(void)sort;
	return store_audit_rank(t->st, filter, desc, key->num, out, e);
}

static int show_audit(const struct tabdef *td, struct tui *t, const struct row *r,
                      struct sc_err *e)
{
	static const char *const ok[] = {"OK"};
	(void)td;
	(void)e;
	tui_push(t, tui_dialog_new(t, "Change", r->detail, ok, 1, TUI_NO_REPLY));
	return TUI_R_NONE;
}

static const struct tab_ops history_tab = {
    .count = count_audit,
    .count_upto = count_audit_upto,
    .fetch = fetch_audit,
    .seek = seek_audit,
    .rank = rank_audit,
    .edit = show_audit,
    .ctx = TUI_CTX_LIST,
};

#define COUNT_CAP 1000

static void count_rows(struct list *l, struct tui *t)
{
	if (l->tab == TAB_VMS)
		host_column(t);
	const struct tabstate *ts = &l->ts[l->tab];
	struct sc_err e = {0};
	const struct tabdef *td = &tabs[l->tab];
	const char *f = filter_arg(ts);
	bool exact = !f || !td->ops->count_upto || !strcmp(l->exact_filter[l->tab], f);
	l->count_more = false;
	long n = exact ? td->ops->count(td, t, f, &e)
	               : td->ops->count_upto(td, t, f, COUNT_CAP, &l->count_more, &e);
	if (e.msg[0])
		sc_strlcpy(t->status, e.msg, sizeof t->status);
	l->count = n;
}

/* Before the selection goes to row target: the whole count, if the list
 * goes past the rows counted so far. */
static void count_to(struct list *l, struct tui *t, long target)
{
	const char *f = filter_arg(&l->ts[l->tab]);
	if (!l->count_more || !f || target < l->count - 1)
		return;
	sc_strlcpy(l->exact_filter[l->tab], f, sizeof l->exact_filter[l->tab]);
	count_rows(l, t);
}

static void reverse_rows(struct list *l, int n)
{
	for (int i = 0; i < n / 2; i++) {
		struct row tmp = l->page[i];
		l->page[i] = l->page[n - 1 - i];
		l->page[n - 1 - i] = tmp;
	}
}

/* Reads rows [top, top+h) in display order by offset; with a reversed sort
 * that is the store's rows [count-top-h, count-top) backwards. */
static int fetch_by_offset(struct list *l, struct tui *t, int h, struct sc_err *e)
{
	struct tabstate *ts = &l->ts[l->tab];
	const struct tabdef *td = &tabs[l->tab];
	if (td->ops->rank) { /* the rows with their keys, for the pages after */
		struct store_seek sk = {.desc = ts->desc, .offset = ts->top};
		struct fill f = {l, 0, h, t};
		td->ops->seek(td, t, filter_arg(ts), sort_field(l->tab, ts->sortcol), &sk, h, &f, e);
		return f.n;
	}
	long off = ts->top, lim = h;
	if (ts->desc) {
		off = l->count - ts->top - h;
		if (off < 0) {
			lim = h + off;
			off = 0;
		}
	}
	struct fill f = {l, 0, lim > 0 ? (int)lim : 0, t};
	if (lim > 0)
		td->ops->fetch(td, t, filter_arg(ts), sort_field(l->tab, ts->sortcol), off, lim, &f, e);
	if (ts->desc)
		reverse_rows(l, f.n);
	return f.n;
}

/* Whether the rows in the page were read in the order now shown. */
static bool page_in_order(const struct list *l)
{
	const struct tabstate *ts = &l->ts[l->tab], *p = &l->page_order;
	return l->npage > 0 && l->page_tab == l->tab && p->sortcol == ts->sortcol &&
	       p->desc == ts->desc && !strcmp(p->filter, ts->filter);
}

/* Reads rows [top, top+h) by key: the first and the last page directly, a
 * page next to the one shown from the key of a row in it, nothing by
 * counting rows.  A jump far from the page (none of the keys above) still
 * reads by offset. */
static int fetch_by_key(struct list *l, struct tui *t, int h, struct sc_err *e)
{
	struct tabstate *ts = &l->ts[l->tab];
	const struct tabdef *td = &tabs[l->tab];
	long top = ts->top, p = l->page_top, n = page_in_order(l) ? l->npage : 0;
	struct store_key key;
	struct store_seek sk = {.desc = ts->desc, .key = &key};
	long lim = h;
	bool back = false;
	if (top == 0) {
		sk.key = NULL;
	} else if (top + h >= l->count) { /* the last rows: from the end */
		sk.key = NULL;
		back = true;
		lim = l->count - top;
	} else if (top - 1 >= p && top - 1 < p + n) { /* after a row shown */
		key = l->page[top - 1 - p].key;
	} else if (top >= p && top < p + n) { /* again from the top row */
		key = l->page[top - p].key;
		sk.at = true;
	} else if (top + h >= p && top + h < p + n) { /* before a row shown */
		key = l->page[top + h - p].key;
		back = true;
	} else {
		return fetch_by_offset(l, t, h, e);
	}
	if (back)
		sk.desc = !sk.desc;
	struct fill f = {l, 0, lim > 0 ? (int)lim : 0, t};
	if (lim > 0)
		td->ops->seek(td, t, filter_arg(ts), sort_field(l->tab, ts->sortcol), &sk, lim, &f, e);
	if (back)
		reverse_rows(l, f.n);
	return f.n;
}

static void fetch_page(struct list *l, struct tui *t)
{
	struct tabstate *ts = &l->ts[l->tab];
	int h = body_rows(l);
	if (h > PAGE_MAX)
		h = PAGE_MAX;
	struct sc_err e = {0};
	bool keyed = tabs[l->tab].ops->seek != NULL;
	l->npage = keyed ? fetch_by_key(l, t, h, &e) : fetch_by_offset(l, t, h, &e);
	if (e.msg[0])
		sc_strlcpy(t->status, e.msg, sizeof t->status);
	l->page_top = ts->top;
	l->page_valid = true;
	l->page_order = *ts;
	l->page_tab = l->tab;
}

static const struct row *row_at(struct list *l, long i)
{
	long k = i - l->page_top;
	return k >= 0 && k < l->npage ? &l->page[k] : NULL;
}

/* ---- drawing ---- */

static void draw_tabs(struct list *l, struct tui *t)
{
	WINDOW *w = l->tabs;
	werase(w);
	int x = 0;
	for (int i = 0; i < TAB_COUNT && x < COLS; i++) {
		tui_wattr(t, w, i == l->tab ? TUI_C_TAB_ACTIVE : TUI_C_TAB);
		char label[64];
		snprintf(label, sizeof label, " %s ", tabs[i].title);
		x += tui_put(w, 0, x, label, COLS - x, false);
		tui_wattr(t, w, TUI_C_TAB);
		if (x < COLS)
			x += tui_put(w, 0, x, "|", COLS - x, false);
	}
	const char *name = "spicecfg";
	if (x + 10 < COLS) {
		tui_wattr(t, w, TUI_C_TITLE);
		tui_put(w, 0, COLS - 9, name, 8, false);
	}
	wnoutrefresh(w);
}

/* SPEC §11: columns take their widths from the terminal.  Each is as wide
 * as its header and the rows on the page need; when that leaves the last
 * column (which takes the rest of the line) less than it needs (at most a
 * third of the line, at least LAST_MIN), columns wider than the table's
 * width give way, the widest first.  What still does not fit ends with a
 * mark. */
#define LAST_MIN 12

static void column_widths(struct list *l, const char (*head)[CELL])
{
	const struct tabdef *td = &tabs[l->tab];
	int n = 0, need[NCOLS], sum = 0;
	while (n < NCOLS && td->cols[n].title)
		n++;
	for (int c = 0; c + 1 < n; c++) {
		need[c] = tui_text_width(head[c]);
		for (int i = 0; i < l->npage; i++) {
			int w = tui_text_width(l->page[i].cell[c]);
			if (w > need[c])
				need[c] = w;
		}
		need[c]++; /* the gap */
		l->colw[c] = need[c];
		sum += need[c];
	}
	int last = n > 0 ? tui_text_width(head[n - 1]) : 0;
	for (int i = 0; n > 0 && i < l->npage; i++) {
		int w = tui_text_width(l->page[i].cell[n - 1]);
		if (w > last)
			last = w;
	}
	int keep = COLS / 3 > LAST_MIN ? COLS / 3 : LAST_MIN;
	if (last + 1 < keep)
		keep = last + 1; /* the last column's width includes a gap too */
	for (int over = sum + keep - COLS; over > 0; over--) {
		int widest = -1, most = 0;
		for (int c = 0; c + 1 < n; c++)
			if (l->colw[c] - td->cols[c].width > most)
				most = l->colw[c] - td->cols[c].width, widest = c;
		if (widest < 0)
			break;
		l->colw[widest]--;
	}
	if (n > 0)
		l->colw[n - 1] = 0;
}

/* The filter's text in a cell drawn at y,x in width columns, marked: where
 * the objects' filter rule matches it (a short filter at the start only),
 * else (history) the first place it occurs. */
static void mark_match(WINDOW *w, const struct tui *t, int y, int x, int width, const char *cell,
                       const char *filter, bool objects)
{
	const char *m = !filter || !filter[0] ? NULL
			: objects	      ? sc_filter_find(cell, filter)
					      : strcasestr(cell, filter);
	if (!m)
		return;
	char pre[CELL], hit[CELL];
	snprintf(pre, sizeof pre, "%.*s", (int)(m - cell), cell);
	snprintf(hit, sizeof hit, "%.*s", (int)strlen(filter), m);
	int from = tui_text_width(pre), n = tui_text_width(hit);
	if (tui_text_width(cell) > width) /* the mark takes the last column */
		width--;
	if (from >= width)
		return;
	if (from + n > width)
		n = width - from;
	attr_t a = tui_attr(t, TUI_C_MATCH);
	mvwchgat(w, y, x + from, n, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
}

static void draw_cells(WINDOW *w, int y, const struct list *l, const char (*cell)[CELL],
                       const struct tui *t, const char *filter)
{
	const struct tabdef *td = &tabs[l->tab];
	int x = 0;
	for (int c = 0; c < NCOLS && td->cols[c].title && x < COLS; c++) {
		int width = l->colw[c] ? l->colw[c] : COLS - x;
		if (x + width > COLS)
			width = COLS - x;
		tui_put_fit(w, y, x, cell[c], width - 1 > 0 ? width - 1 : width, true);
		if (t)
			mark_match(w, t, y, x, width - 1 > 0 ? width - 1 : width, cell[c], filter,
				   td->kind >= 0);
		x += width - 1 > 0 ? width - 1 : width;
		if (x < COLS && l->colw[c])
			x += tui_put(w, y, x, " ", 1, false);
	}
	for (; x < COLS; x++)
		mvwaddch(w, y, x, ' ');
}

static void draw_head(struct list *l, struct tui *t)
{
	char cells[NCOLS][CELL] = {{0}};
	const struct tabdef *td = &tabs[l->tab];
	for (int c = 0; c < NCOLS && td->cols[c].title; c++)
		sc_strlcpy(cells[c], td->cols[c].title, CELL);
	const struct tabstate *ts = &l->ts[l->tab];
	if (sort_field(l->tab, ts->sortcol) >= 0)
		strcat(cells[ts->sortcol], ts->desc ? " v" : " ^");
	column_widths(l, (const char(*)[CELL])cells);
	/* the sort marker always shows: a narrow column's title gives way */
	int sc = ts->sortcol;
	if (sort_field(l->tab, sc) >= 0) {
		int x = 0;
		for (int c = 0; c < sc; c++)
			x += l->colw[c];
		int avail = (l->colw[sc] ? l->colw[sc] : COLS - x) - 1;
		if (avail >= 2 && tui_text_width(cells[sc]) > avail) {
			char title[CELL - 2];
			sc_strlcpy(title, td->cols[sc].title, sizeof title);
			while (title[0] && tui_text_width(title) > avail - 1)
				title[strlen(title) - 1] = '\0'; /* titles are ASCII */
			snprintf(cells[sc], CELL, "%s%s", title, ts->desc ? "v" : "^");
		}
	}
	tui_wattr(t, l->head, TUI_C_HEADER);
	draw_cells(l->head, 0, l, (const char(*)[CELL])cells, NULL, NULL);
	wnoutrefresh(l->head);
}

static void draw_row(struct list *l, struct tui *t, long i)
{
	long y = i - l->ts[l->tab].top;
	if (y < 0 || y >= body_rows(l))
		return;
	const struct row *r = row_at(l, i);
	tui_wattr(t, l->body, i == l->ts[l->tab].sel && r ? TUI_C_SELECTED : TUI_C_NORMAL);
	if (r) {
		draw_cells(l->body, (int)y, l, r->cell, t, filter_arg(&l->ts[l->tab]));
	} else {
		wmove(l->body, (int)y, 0);
		wclrtoeol(l->body);
	}
}

static void draw_status(struct list *l, struct tui *t)
{
	const struct tabstate *ts = &l->ts[l->tab];
	char left[256];
	int n = snprintf(left, sizeof left, " %s: %ld%s", tabs[l->tab].title, l->count,
	                 l->count_more ? "+" : "");
	if (l->count)
		n += snprintf(left + n, sizeof left - (size_t)n, " (%ld)", ts->sel + 1);
	if (l->marks[l->tab].n)
		n += snprintf(left + n, sizeof left - (size_t)n, "  %d marked",
		              l->marks[l->tab].n);
	if (ts->filter[0])
		snprintf(left + n, sizeof left - (size_t)n, "  filter: %s", ts->filter);
	tui_wattr(t, l->status, TUI_C_STATUS);
	char line[1024]; /* a message that does not fit ends with a mark, never cut silently */
	snprintf(line, sizeof line, "%s | %s%s%s", left, t->status, t->status[0] ? " | " : "",
	         store_path(t->st));
	tui_put_fit(l->status, 0, 0, line, COLS, true);
	wnoutrefresh(l->status);
}

static void clamp(struct list *l)
{
	struct tabstate *ts = &l->ts[l->tab];
	int h = body_rows(l);
	if (ts->sel >= l->count)
		ts->sel = l->count - 1;
	if (ts->sel < 0)
		ts->sel = 0;
	if (ts->top > ts->sel)
		ts->top = ts->sel;
	if (ts->sel >= ts->top + h)
		ts->top = ts->sel - h + 1;
	if (ts->top < 0)
		ts->top = 0;
}

/* After other sessions (or this one) changed rows: the page shown keeps
 * its top row, whose position is counted again, so that the status line
 * does not drift from the rows added or removed before it. */
static void keep_place(struct list *l, struct tui *t)
{
	struct tabstate *ts = &l->ts[l->tab];
	const struct tabdef *td = &tabs[l->tab];
	long p = l->page_top, r;
	if (!td->ops->rank || !page_in_order(l) || ts->top == 0 || ts->top < p ||
	    ts->top >= p + l->npage)
		return;
	struct sc_err e = {0};
	if (td->ops->rank(td, t, filter_arg(ts), sort_field(l->tab, ts->sortcol), ts->desc,
	                  &l->page[ts->top - p].key, &r, &e)) {
		sc_strlcpy(t->status, e.msg, sizeof t->status);
		return;
	}
	ts->sel += r - ts->top;
	ts->top = l->page_top = r;
	count_to(l, t, ts->sel + body_rows(l)); /* a broad filter's count past the page */
}

static void list_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct list *l = (struct list *)s;
	struct tabstate *ts = &l->ts[l->tab];
	if (what & TUI_R_DRAW) {
		long before = l->count;
		int64_t now[2];
		bool stamped = store_written(t->st, now) == 0;
		count_rows(l, t); /* full draws re-read: other admins may have changed rows */
		if (stamped ? memcmp(now, l->written, sizeof now) != 0 : l->count != before)
			keep_place(l, t);
		if (stamped)
			memcpy(l->written, now, sizeof now);
		l->page_valid = false;
	}
	clamp(l);
	if (!l->page_valid || l->page_top != ts->top) {
		fetch_page(l, t);
		what = TUI_R_DRAW;
	}
	if (what & TUI_R_DRAW) {
		draw_tabs(l, t);
		draw_head(l, t);
		for (long i = ts->top; i < ts->top + body_rows(l); i++)
			draw_row(l, t, i);
	} else {
		draw_row(l, t, l->drawn_sel);
		draw_row(l, t, ts->sel);
	}
	l->drawn_sel = ts->sel;
	wnoutrefresh(l->body);
	draw_status(l, t);
}

static void list_layout(struct tui_screen *s, struct tui *t)
{
	struct list *l = (struct list *)s;
	(void)t;
	WINDOW **wins[] = {&l->tabs, &l->head, &l->body, &l->status};
	for (int i = 0; i < 4; i++)
		if (*wins[i])
			delwin(*wins[i]);
	l->tabs = newwin(1, COLS, 0, 0);
	l->head = newwin(1, COLS, 1, 0);
	l->body = newwin(LINES - 4, COLS, 2, 0);
	l->status = newwin(1, COLS, LINES - 2, 0);
	l->page_valid = false;
}

/* ---- actions ---- */

static int move_to(struct list *l, long sel)
{
	struct tabstate *ts = &l->ts[l->tab];
	ts->sel = sel;
	long top = ts->top;
	clamp(l);
	return ts->top == top ? TUI_R_PART : TUI_R_DRAW;
}

/* Keys of one batch act before the next draw: read what they act on now. */
static void reload_rows(struct list *l, struct tui *t)
{
	count_rows(l, t);
	clamp(l);
	fetch_page(l, t);
}

static const struct row *selected(struct list *l, struct tui *t)
{
	if (!l->page_valid || l->page_top != l->ts[l->tab].top)
		reload_rows(l, t);
	return l->count ? row_at(l, l->ts[l->tab].sel) : NULL;
}

static int open_edit(struct list *l, struct tui *t)
{
	const struct row *r = selected(l, t);
	const struct tabdef *td = &tabs[l->tab];
	struct sc_err e = {0};
	if (!r) {
		if (!td->ops->create)
			return TUI_R_NONE;
		tui_status(t, "Nothing to edit: press F2 to create one");
		return TUI_R_DRAW;
	}
	const struct marks *m = &l->marks[l->tab];
	if (m->n > 0 && td->ops->object) {
		tui_push(t, tui_form_new_many(t, (enum sc_kind)td->kind,
		                              (const char(*)[SC_NAME_MAX + 1])m->name, m->n));
		return TUI_R_DRAW;
	}
	int rc = td->ops->edit(td, t, r, &e);
	if (e.msg[0])
		tui_status(t, "%s", e.msg);
	return rc;
}

/* Space: the selected row is marked (or unmarked) and the cursor goes on,
 * as in mc and htop. */
static int toggle_mark(struct list *l, struct tui *t)
{
	const struct tabdef *td = &tabs[l->tab];
	if (!td->ops->object) {
		tui_status(t, "Space marks VMs, templates and pools; F4 edits the marked ones");
		return TUI_R_DRAW;
	}
	const struct row *r = selected(l, t);
	if (!r)
		return TUI_R_NONE;
	struct marks *m = &l->marks[l->tab];
	if (!mark_toggle(m, r->name)) {
		tui_status(t, "Cannot mark: out of memory");
		return TUI_R_DRAW;
	}
	if (m->n)
		tui_status(t, "%d marked: F4 edits them in one form, Esc unmarks all", m->n);
	else
		tui_status(t, "No rows marked");
	l->page_valid = false; /* the mark is in the row's text */
	move_to(l, l->ts[l->tab].sel + 1);
	return TUI_R_DRAW;
}

static int open_new(struct list *l, struct tui *t)
{
	const struct tabdef *td = &tabs[l->tab];
	if (!td->ops->create) {
		tui_status(t, "Nothing to create on this tab");
		return TUI_R_DRAW;
	}
	char cluster[SC_NAME_MAX + 1] = ""; /* a new object starts where the cursor is */
	const struct row *r = l->count ? selected(l, t) : NULL;
	if (r && td->ops->cluster_of)
		td->ops->cluster_of(td, t, r, cluster, sizeof cluster);
	td->ops->create(td, t, cluster);
	return TUI_R_NONE;
}

/* What a row of the tab is: "vm", "cluster", "host". */
static const char *row_noun(const struct tabdef *td)
{
	return td->ops->noun ? td->ops->noun : sc_kind_name((enum sc_kind)td->kind);
}

static void do_delete(struct list *l, struct tui *t)
{
	struct sc_err e = {0};
	const struct tabdef *td = &tabs[l->tab];
	char done[sizeof t->status];
	snprintf(done, sizeof done, "Removed %s %s", row_noun(td), l->pending_delete);
	if (td->ops->remove(td, t, l->pending_delete, done, sizeof done, &e)) {
		static const char *const ok[] = {"OK"};
		tui_status(t, "Not removed");
		tui_push(t, tui_dialog_new(t, "Not removed", e.msg, ok, 1, TUI_NO_REPLY));
	} else {
		struct marks *m = &l->marks[l->tab];
		if (mark_index(m, l->pending_delete) >= 0) /* a removed object is no longer marked */
			mark_toggle(m, l->pending_delete);
		tui_status(t, "%s", done);
	}
}

static void delete_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a, int arg)
{
	(void)arg;
	if (a->choice == 0)
		do_delete((struct list *)to, t);
}

static int ask_delete(struct list *l, struct tui *t)
{
	static const char *const buttons[] = {"Remove", "Cancel"};
	const struct row *r = selected(l, t);
	const struct tabdef *td = &tabs[l->tab];
	if (!td->ops->remove) {
		tui_status(t, "Nothing can be removed on the %s tab", tabs[l->tab].title);
		return TUI_R_DRAW;
	}
	if (!r)
		return TUI_R_NONE;
	char msg[400];
	if (td->ops->ask_remove)
		td->ops->ask_remove(td, t, r, msg, sizeof msg);
	else
		snprintf(msg, sizeof msg, "Remove %s '%s'? This cannot be undone.", row_noun(td),
		         r->name);
	sc_strlcpy(l->pending_delete, r->name, sizeof l->pending_delete);
	tui_push(t, tui_dialog_new(t, "Remove", msg, buttons, 2, (struct tui_reply){delete_answer, 0}));
	return TUI_R_NONE;
}

static int preview(struct list *l, struct tui *t)
{
	const struct row *r = selected(l, t);
	const struct tabdef *td = &tabs[l->tab];
	struct sc_object o;
	struct sc_err e = {0};
	if (!r || !td->ops->object) {
		tui_status(t, "Preview shows VMs, templates and pools");
		return TUI_R_DRAW;
	}
	if (td->ops->object(td, t, r, &o, &e) != SC_OK) {
		tui_status(t, "%s", e.msg);
		return TUI_R_DRAW;
	}
	tui_push(t, tui_preview_new(t, &o));
	return TUI_R_NONE;
}

static int switch_tab(struct list *l, struct tui *t, int tab)
{
	l->tab = (tab + TAB_COUNT) % TAB_COUNT;
	reload_rows(l, t);
	t->bar_drawn = 0;
	return TUI_R_DRAW;
}

static int back(struct list *l, struct tui *t, int key, bool armed)
{
	struct tabstate *ts = &l->ts[l->tab];
	if (ts->filter[0]) {
		ts->filter[0] = '\0';
		reload_rows(l, t);
		tui_status(t, "Filter cleared");
		return TUI_R_DRAW;
	}
	if (l->marks[l->tab].n) {
		l->marks[l->tab].n = 0;
		reload_rows(l, t);
		tui_status(t, "Marks cleared");
		return TUI_R_DRAW;
	}
	/* A stray Esc (one meant for a dialog already closed) does not end the
	 * session: Esc twice does, as F10, q and Ctrl-C do at once. */
	if (key == TUI_KESC && !armed) {
		l->esc_armed = true;
		tui_status(t, "Esc again, q or F10 quits");
		return TUI_R_DRAW;
	}
	return TUI_R_QUIT;
}

/* The cluster to offer for an import: the selected object's, else the first. */
static void import_cluster_guess(struct list *l, struct tui *t, char *out, size_t n)
{
	const struct row *r = selected(l, t);
	const struct tabdef *td = &tabs[l->tab];
	if (r && td->ops->cluster_of)
		td->ops->cluster_of(td, t, r, out, n);
}

static void filter_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a, int arg)
{
	struct list *l = (struct list *)to;
	struct tabstate *ts = &l->ts[l->tab];
	(void)t;
	(void)arg;
	/* live: the rows follow the typing; Enter keeps it, Esc goes back */
	const char *f = a->choice == -1 ? l->filter_before : a->text;
	if (strcmp(f, ts->filter)) {
		sc_strlcpy(ts->filter, f, sizeof ts->filter);
		ts->sel = ts->top = 0;
	}
	to->pending |= TUI_R_DRAW;
}

static void import_cluster_answer(struct tui_screen *to, struct tui *t,
                                  const struct tui_answer *a, int arg)
{
	(void)arg;
	if (a->choice == 0)
		tui_import_run(t, ((struct list *)to)->import_path, a->text);
}

/* The file is named: ask for the cluster next. */
static void import_path_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                               int arg)
{
	struct list *l = (struct list *)to;
	(void)arg;
	if (a->choice != 0 || !a->text[0])
		return;
	sc_strlcpy(l->import_path, a->text, sizeof l->import_path);
	char cluster[SC_NAME_MAX + 1] = "";
	import_cluster_guess(l, t, cluster, sizeof cluster);
	tui_push(t, tui_prompt_new(t, "Import", "Into cluster (empty: as each file names):", cluster,
	                           (struct tui_reply){import_cluster_answer, 0}));
}

/* ---- u on History: a change reverted through the rules (SPEC §11) ---- */

static int revert_option(struct list *l, struct tui *t, bool confirmed);

static void revert_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                          int arg)
{
	(void)arg;
	if (a->choice == 0)
		revert_option((struct list *)to, t, true);
	to->pending |= TUI_R_DRAW;
}

/* The old value goes back through store_option_set, the same call as the
 * option editor's: checked, audited, and shown first when it resets
 * objects. */
static int revert_option(struct list *l, struct tui *t, bool confirmed)
{
	struct sc_err e = {0};
	struct store_changes ch = {.dry_run = !confirmed};
	const char *key = l->revert.key, *val = l->revert.value;
	int cver = l->revert.cver;
	if (store_option_set(t->st, t->reg, key, cver, val, &ch, &e) != SC_OK) {
		store_changes_free(&ch);
		tui_status(t, "Not reverted: %s", e.msg);
		return TUI_R_DRAW;
	}
	if (!confirmed && ch.n > 0) {
		char intro[SC_OPT_VALUE_MAX + 200];
		snprintf(intro, sizeof intro, "Revert %s (%s) to %s?", key,
		         cver < 0 ? "general" : sc_cver_name((enum sc_cver)cver), val[0] ? val : "(empty)");
		tui_confirm_changes(t, &ch, intro, (struct tui_reply){revert_answer, 0});
		return TUI_R_NONE;
	}
	store_changes_free(&ch);
	if (!confirmed)
		return revert_option(l, t, true);
	tui_status_changes(t, &ch, "Reverted %s (%s) to %s", key,
	                   cver < 0 ? "general" : sc_cver_name((enum sc_cver)cver),
	                   val[0] ? val : "(empty)");
	reload_rows(l, t);
	return TUI_R_ALL;
}

static int revert_cluster(struct list *l, struct tui *t, bool confirmed);

static void revert_cluster_answer(struct tui_screen *to, struct tui *t,
                                  const struct tui_answer *a, int arg)
{
	(void)arg;
	if (a->choice == 0)
		revert_cluster((struct list *)to, t, true);
	to->pending |= TUI_R_DRAW;
}

/* A cluster's field goes back through store_cluster_update, as the cluster
 * dialog saves it: a version that resets objects is shown first. */
static int revert_cluster(struct list *l, struct tui *t, bool confirmed)
{
	struct sc_err e = {0};
	struct sc_cluster old, c;
	const char *name = l->revert.key, *field = l->revert.field, *val = l->revert.value;
	int rc = store_cluster_get(t->st, name, &old, &e);
	c = old;
	if (!rc && !strcmp(field, "version")) {
		int v = sc_cver_parse(val);
		if (v < 0)
			rc = sc_fail(&e, SC_EUSAGE, "invalid version '%s'; valid: 3.0, 3.1, 3.2", val);
		else
			c.version = (enum sc_cver)v;
	} else if (!rc && !strcmp(field, "spice_proxy")) {
		if (!(rc = sc_proxy_check("spice_proxy", val, &e)))
			sc_strlcpy(c.spice_proxy, val, sizeof c.spice_proxy);
	} else if (!rc && !strcmp(field, "name")) {
		if (!(rc = sc_name_check("name", val, &e)))
			sc_strlcpy(c.name, val, sizeof c.name);
	} else if (!rc) {
		rc = sc_fail(&e, SC_EUSAGE, "%s is not a field of a cluster", field);
	}
	struct store_changes ch = {.dry_run = !confirmed};
	if (!rc)
		rc = store_cluster_update(t->st, t->reg, &old, &c, &ch, &e);
	if (rc) {
		store_changes_free(&ch);
		tui_status(t, "Not reverted: %s", e.msg);
		return TUI_R_DRAW;
	}
	if (!confirmed && ch.n > 0) {
		char intro[SC_OPT_VALUE_MAX + 200];
		snprintf(intro, sizeof intro, "Revert cluster %s %s to %s?", name, field,
		         val[0] ? val : "(empty)");
		tui_confirm_changes(t, &ch, intro, (struct tui_reply){revert_cluster_answer, 0});
		return TUI_R_NONE;
	}
	if (!confirmed) {
		store_changes_free(&ch);
		return revert_cluster(l, t, true);
	}
	tui_status_changes(t, &ch, "Reverted cluster %s %s to %s", name, field,
	                   val[0] ? val : "(empty)");
	store_changes_free(&ch);
	reload_rows(l, t);
	return TUI_R_ALL;
}

/* An object's field: the old value is set as if the user typed it, and
 * the object goes through the same edit sequence and checks as any edit,
 * in one transaction. */
static int revert_field(struct list *l, struct tui *t, enum sc_kind kind, const char *name,
                        const struct row *r)
{
	struct sc_err e = {0};
	int f = sc_field_lookup(r->field);
	if (f < 0 || !sc_field_applies(f, kind)) {
		tui_status(t, "Not reverted: %s is not a field of a %s", r->field, sc_kind_name(kind));
		return TUI_R_DRAW;
	}
	struct sc_object old, o;
	struct sc_ctx ctx;
	struct sc_msgs changes = {0}, notices = {0}, errs = {0};
	int rc = store_begin(t->st, &e);
	if (!rc)
		rc = store_object_get(t->st, kind, name, &old, &e);
	o = old;
	if (!rc && sc_field_set(&o, f, r->old, &e))
		rc = e.status ? e.status : SC_EUSAGE;
	if (!rc)
		rc = store_ctx(t->st, t->reg, o.cluster, &ctx, &e);
	if (!rc) {
		struct sc_edit_req req = {&old, false, f == SC_F_TEMPLATE, 1u << f, &ctx};
		if (sc_edit_finish(&o, &req, &changes, &notices, &errs) > 0) {
			snprintf(e.msg, sizeof e.msg, "%s", errs.m[0].text);
			rc = SC_EUSAGE;
		}
	}
	if (!rc)
		rc = store_object_update(t->st, &old, &o, &e);
	if (!rc)
		rc = store_commit(t->st, &e);
	if (rc) {
		store_rollback(t->st);
		tui_status(t, "Not reverted: %s", e.msg);
		return TUI_R_DRAW;
	}
	tui_status(t, "Reverted %s '%s' %s to %s%s%s", sc_kind_name(kind), name, r->field,
	           r->old[0] ? r->old : "(empty)", changes.n ? "; " : "",
	           changes.n ? changes.m[0].text : "");
	reload_rows(l, t);
	return TUI_R_ALL;
}

static int revert(struct list *l, struct tui *t)
{
	if (l->tab != TAB_HISTORY) {
		tui_status(t, "u reverts a change on the History tab");
		return TUI_R_DRAW;
	}
	const struct row *r = selected(l, t);
	if (!r)
		return TUI_R_NONE;
	const char *colon = strchr(r->object, ':');
	if (!colon || !strcmp(r->field, "*") || !r->has_old) {
		tui_status(t, "Not reverted: a creation or removal is not undone here");
		return TUI_R_DRAW;
	}
	char what[32];
	snprintf(what, sizeof what, "%.*s", (int)(colon - r->object), r->object);
	const char *name = colon + 1;
	if (!strcmp(what, "option")) {
		int cver = -1;
		if (strcmp(r->field, "general") && (cver = sc_cver_parse(r->field)) < 0) {
			tui_status(t, "Not reverted: unknown version '%s'", r->field);
			return TUI_R_DRAW;
		}
		sc_strlcpy(l->revert.key, name, sizeof l->revert.key);
		sc_strlcpy(l->revert.value, r->old, sizeof l->revert.value);
		l->revert.cver = cver;
		return revert_option(l, t, false);
	}
	if (!strcmp(what, "cluster")) {
		sc_strlcpy(l->revert.key, name, sizeof l->revert.key);
		sc_strlcpy(l->revert.field, r->field, sizeof l->revert.field);
		sc_strlcpy(l->revert.value, r->old, sizeof l->revert.value);
		return revert_cluster(l, t, false);
	}
	for (int k = SC_VM; k <= SC_POOL; k++)
		if (!strcmp(what, sc_kind_name((enum sc_kind)k)))
			return revert_field(l, t, (enum sc_kind)k, name, r);
	tui_status(t, "Not reverted: a %s change is undone in its own dialog (Enter on its tab)",
	           what);
	return TUI_R_DRAW;
}

/* a, p and F5: the live hosts (tui/live.c) */
static int live_action(struct list *l, struct tui *t, int action)
{
	bool vms = l->tab == TAB_VMS, hosts = l->tab == TAB_HOSTS;
	if (action == TUI_A_REFRESH && (vms || hosts)) {
		tui_live_refresh(t);
		return TUI_R_ALL;
	}
	if (action == TUI_A_PULL && !hosts) {
		tui_status(t, "p pulls a host on the Hosts tab");
		return TUI_R_DRAW;
	}
	if (!vms && !hosts) {
		tui_status(t, "%s works on the VMs and Hosts tabs",
		           action == TUI_A_APPLY ? "a" : "F5");
		return TUI_R_DRAW;
	}
	const struct row *r = selected(l, t);
	if (!r) {
		tui_status(t, "Nothing selected");
		return TUI_R_DRAW;
	}
	char name[SC_NAME_MAX + 1];
	sc_strlcpy(name, r->name, sizeof name);
	if (action == TUI_A_PULL)
		tui_live_pull(t, name);
	else
		tui_live_apply(t, hosts ? name : NULL, vms ? name : NULL);
	reload_rows(l, t);
	return TUI_R_ALL;
}

/* A click on a tab switches to it, on a row selects it; a double click
 * edits the row; the wheel moves three rows. */
static int list_mouse(struct list *l, struct tui *t)
{
	MEVENT ev;
	struct tabstate *ts = &l->ts[l->tab];
	if (getmouse(&ev) != OK)
		return TUI_R_NONE;
	if (ev.bstate & BUTTON4_PRESSED)
		return move_to(l, ts->sel - 3);
	if (ev.bstate & BUTTON5_PRESSED)
		return move_to(l, ts->sel + 3);
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)))
		return TUI_R_NONE;
	if (ev.y == 0) { /* the tabs, laid out as draw_tabs() does */
		int x = 0;
		for (int i = 0; i < TAB_COUNT; i++) {
			int w = tui_text_width(tabs[i].title) + 2;
			if (ev.x >= x && ev.x < x + w)
				return switch_tab(l, t, i);
			x += w + 1;
		}
		return TUI_R_NONE;
	}
	int by = ev.y - 2; /* the body starts under the tabs and the header */
	if (by < 0 || by >= body_rows(l) || ts->top + by >= l->count)
		return TUI_R_NONE;
	int r = move_to(l, ts->top + by);
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		return r | open_edit(l, t);
	return r;
}

/* ---- quick search (mc's Ctrl-S, htop's and tig's incremental search) ---- */

static bool starts_nocase(const char *name, const char *prefix)
{
	for (; *prefix; prefix++, name++)
		if (!*name || tolower((unsigned char)*name) != tolower((unsigned char)*prefix))
			return false;
	return true;
}

/* A short tab (clusters, hosts): its rows are read a page at a time and
 * the first match after from (-1: from the top) in display order, else
 * the first one, is taken. */
static long find_in_rows(struct list *l, struct tui *t, long from)
{
	const struct tabstate *ts = &l->ts[l->tab];
	const struct tabdef *td = &tabs[l->tab];
	long first = -1, after = -1;
	for (long off = 0;; off += PAGE_MAX) {
		struct fill f = {l, 0, PAGE_MAX, t};
		struct sc_err e = {0};
		td->ops->fetch(td, t, filter_arg(ts), sort_field(l->tab, ts->sortcol), off, PAGE_MAX,
		               &f, &e);
		for (int i = 0; i < f.n; i++) {
			if (!starts_nocase(l->page[i].name, l->qs))
				continue;
			long d = ts->desc ? l->count - 1 - (off + i) : off + i;
			if (first < 0 || d < first)
				first = d;
			if (d > from && (after < 0 || d < after))
				after = d;
		}
		if (f.n < PAGE_MAX || e.msg[0])
			break;
	}
	l->page_valid = false; /* the page served as scratch */
	return after >= 0 ? after : first;
}

/* The row at pos, whose key is key, is selected: on the page shown it is a
 * cursor move; elsewhere the page starts at it, read from its key (no row
 * before it is read). */
static int jump_to(struct list *l, struct tui *t, long pos, const struct store_key *key)
{
	struct tabstate *ts = &l->ts[l->tab];
	const struct tabdef *td = &tabs[l->tab];
	int h = body_rows(l);
	count_to(l, t, pos);
	if (!key || (pos >= ts->top && pos < ts->top + h))
		return move_to(l, pos);
	if (pos + h >= l->count) { /* the last page, which is read from the end */
		ts->sel = pos;
		ts->top = l->count - h > 0 ? l->count - h : 0;
		l->page_valid = false;
		return TUI_R_DRAW;
	}
	struct store_key at = *key; /* the page it is read into holds it */
	struct store_seek sk = {.desc = ts->desc, .key = &at, .at = true};
	struct fill f = {l, 0, h < PAGE_MAX ? h : PAGE_MAX, t};
	struct sc_err e = {0};
	td->ops->seek(td, t, filter_arg(ts), sort_field(l->tab, ts->sortcol), &sk, f.max, &f, &e);
	if (e.msg[0])
		sc_strlcpy(t->status, e.msg, sizeof t->status);
	ts->sel = ts->top = pos;
	l->npage = f.n;
	l->page_top = pos;
	l->page_valid = true;
	l->page_order = *ts;
	l->page_tab = l->tab;
	return TUI_R_DRAW;
}

/* Goes to the first row starting with the typed text, or with next to the
 * one after the selected row (the first again after the last). */
static int qs_find(struct list *l, struct tui *t, bool next)
{
	struct tabstate *ts = &l->ts[l->tab];
	const struct tabdef *td = &tabs[l->tab];
	if (!l->qs[0]) {
		tui_status(t, "Quick search: type the start of a name");
		return TUI_R_DRAW;
	}
	long pos = -1;
	struct store_key key;
	const struct row *cur = next && l->count ? selected(l, t) : NULL;
	if (td->ops->rank) {
		struct store_key after;
		struct sc_err e = {0};
		bool found = false;
		int sort = sort_field(l->tab, ts->sortcol);
		if (cur)
			after = cur->key;
		if (store_object_find(t->st, (enum sc_kind)td->kind, filter_arg(ts), sort, ts->desc,
		                      l->qs, cur ? &after : NULL, &key, &found, &e) == SC_OK &&
		    !found && cur) /* past the last one: from the top again */
			store_object_find(t->st, (enum sc_kind)td->kind, filter_arg(ts), sort,
			                  ts->desc, l->qs, NULL, &key, &found, &e);
		/* a row on the page shown is where it stands there; another is
		 * counted from the index */
		for (int i = 0; found && page_in_order(l) && i < l->npage && pos < 0; i++)
			if (!strcmp(l->page[i].name, key.name))
				pos = l->page_top + i;
		if (found && pos < 0 &&
		    td->ops->rank(td, t, filter_arg(ts), sort, ts->desc, &key, &pos, &e))
			pos = -1;
		if (e.msg[0]) {
			tui_status(t, "%s", e.msg);
			return TUI_R_DRAW;
		}
	} else {
		pos = find_in_rows(l, t, cur ? ts->sel : -1);
	}
	if (pos < 0) {
		tui_status(t, "Quick search: no row starts with %s", l->qs);
		return TUI_R_DRAW;
	}
	tui_status(t, "Quick search: %s", l->qs);
	return jump_to(l, t, pos, td->ops->rank ? &key : NULL) | TUI_R_DRAW;
}

static int qs_start(struct list *l, struct tui *t, int key)
{
	if (l->tab == TAB_HISTORY) {
		tui_status(t, "History is in time order: / filters it by object or field");
		return TUI_R_DRAW;
	}
	l->qs_on = true;
	l->qs_key = key;
	l->qs[0] = '\0';
	if (key & TUI_ALT_FLAG)
		l->qs[tui_utf8_encode((wchar_t)(key & ~TUI_ALT_FLAG), l->qs)] = '\0';
	return qs_find(l, t, false);
}

static int qs_end(struct list *l, struct tui *t)
{
	l->qs_on = false;
	tui_status(t, "%s", "");
	return TUI_R_DRAW;
}

/* A key while the quick search is on: TUI_R_IGNORED when it ends the
 * search and then acts as it always does. */
static int qs_key(struct list *l, struct tui *t, int key, int action)
{
	size_t len = strlen(l->qs);
	if (action == TUI_A_QSEARCH)
		return key == l->qs_key || key == TUI_CTRL('S') ? qs_find(l, t, true)
		                                                : qs_start(l, t, key);
	if (key == TUI_K_BACKSPACE) {
		while (len > 0 && ((unsigned char)l->qs[len - 1] & 0xc0) == 0x80)
			len--; /* a whole character */
		l->qs[len > 0 ? len - 1 : 0] = '\0';
		return qs_find(l, t, false);
	}
	if (key == TUI_KENTER || key == TUI_KESC)
		return qs_end(l, t);
	if (key >= ' ' && key < TUI_KC_FLAG && key != 127) {
		char c[8];
		int n = tui_utf8_encode((wchar_t)key, c);
		if (n > 0 && len + (size_t)n < sizeof l->qs) {
			memcpy(l->qs + len, c, (size_t)n);
			l->qs[len + (size_t)n] = '\0';
		}
		return qs_find(l, t, false);
	}
	qs_end(l, t);
	return TUI_R_IGNORED;
}

static int list_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct list *l = (struct list *)s;
	struct tabstate *ts = &l->ts[l->tab];
	int page = body_rows(l);
	bool armed = l->esc_armed;
	l->esc_armed = false;
	if (l->qs_on) {
		int r = qs_key(l, t, key, action);
		if (!(r & TUI_R_IGNORED))
			return r;
		s->pending |= TUI_R_DRAW;
	}
	if (key == TUI_K_MOUSE)
		return list_mouse(l, t);
	switch (action) {
	case TUI_A_UP:
		return move_to(l, ts->sel - 1);
	case TUI_A_DOWN:
		count_to(l, t, ts->sel + 1);
		return move_to(l, ts->sel + 1);
	case TUI_A_PAGE_UP:
		return move_to(l, ts->sel - page);
	case TUI_A_PAGE_DOWN:
		count_to(l, t, ts->sel + page);
		return move_to(l, ts->sel + page);
	case TUI_A_FIRST:
		return move_to(l, 0);
	case TUI_A_LAST:
		count_to(l, t, l->count - 1);
		return move_to(l, l->count - 1);
	case TUI_A_NEXT_TAB:
		return switch_tab(l, t, l->tab + 1);
	case TUI_A_PREV_TAB:
		return switch_tab(l, t, l->tab - 1);
	case TUI_A_OPTIONS:
		return switch_tab(l, t, TAB_OPTIONS);
	case TUI_A_EDIT:
		return open_edit(l, t);
	case TUI_A_NEW:
		return open_new(l, t);
	case TUI_A_DELETE:
		return ask_delete(l, t);
	case TUI_A_PREVIEW:
		return preview(l, t);
	case TUI_A_REVERT:
		return revert(l, t);
	case TUI_A_MARK:
		return toggle_mark(l, t);
	case TUI_A_QSEARCH:
		return qs_start(l, t, key);
	case TUI_A_APPLY:
	case TUI_A_PULL:
	case TUI_A_REFRESH:
		return live_action(l, t, action);
	case TUI_A_SORT:
		if (sort_field(l->tab, 0) < 0) {
			tui_status(t, "This list has a fixed order");
			return TUI_R_DRAW;
		}
		if (sortable_columns(l->tab) < 2) {
			tui_status(t, "The %s list is ordered by %s only; r reverses it",
			           tabs[l->tab].title, tabs[l->tab].cols[0].title);
			return TUI_R_DRAW;
		}
		/* the next column that sorts, ascending (column 0 always does) */
		for (int c = ts->sortcol + 1;; c++) {
			if (c >= NCOLS || !tabs[l->tab].cols[c].title)
				c = 0;
			if (sort_field(l->tab, c) >= 0) {
				ts->sortcol = c;
				break;
			}
		}
		ts->desc = false;
		ts->sel = ts->top = 0;
		tui_status(t, "Sorted by %s", tabs[l->tab].cols[ts->sortcol].title);
		reload_rows(l, t);
		return TUI_R_DRAW;
	case TUI_A_REVERSE:
		if (sort_field(l->tab, ts->sortcol) < 0)
			return TUI_R_NONE;
		ts->desc = !ts->desc;
		ts->sel = ts->top = 0;
		reload_rows(l, t);
		return TUI_R_DRAW;
	case TUI_A_IMPORT:
		tui_push(t, tui_prompt_new(t, "Import", "OVF or API XML file, or a directory:",
		                           l->import_path, (struct tui_reply){import_path_answer, 0}));
		return TUI_R_NONE;
	case TUI_A_FILTER: {
		sc_strlcpy(l->filter_before, ts->filter, sizeof l->filter_before);
		/* the objects' rule: one or two characters match at the start */
		const char *q = tabs[l->tab].kind >= 0
		                        ? "Show rows containing (1-2 characters: starting with):"
		                        : "Show rows containing (empty: all):";
		struct tui_screen *p = tui_prompt_new(t, "Filter", q, ts->filter,
		                                      (struct tui_reply){filter_answer, 0});
		if (p)
			tui_prompt_set_live(p);
		tui_push(t, p);
		return TUI_R_NONE;
	}
	case TUI_A_BACK:
		return back(l, t, key, armed);
	case TUI_A_QUIT:
		return TUI_R_QUIT;
	default:
		return TUI_R_IGNORED;
	}
}

/* Where name stands in the tab's order and filter, or -1 when the filter
 * hides it.  Read a page at a time, as far as the row (a one-off after a
 * New form, not a per-key cost). */
static long find_row(struct list *l, struct tui *t, const char *name)
{
	const struct tabstate *ts = &l->ts[l->tab];
	const struct tabdef *td = &tabs[l->tab];
	long found = -1;
	for (long off = 0; found < 0; off += PAGE_MAX) {
		struct fill f = {l, 0, PAGE_MAX, t};
		struct sc_err e = {0};
		td->ops->fetch(td, t, filter_arg(ts), sort_field(l->tab, ts->sortcol), off, PAGE_MAX,
		               &f, &e);
		for (int i = 0; i < f.n && found < 0; i++)
			if (!strcmp(l->page[i].name, name))
				found = off + i;
		if (f.n < PAGE_MAX || e.msg[0])
			break;
	}
	l->page_valid = false; /* the page served as scratch */
	if (found >= 0 && ts->desc) {
		count_to(l, t, l->count);
		found = l->count - 1 - found;
	}
	return found;
}

/* After a New form: the new object is selected, wherever the order puts
 * it; a filter that hides it is named on the status line. */
static void select_created(struct list *l, struct tui *t)
{
	const struct tabdef *td = &tabs[l->tab];
	int kind = l->tab == TAB_HOSTS ? TUI_CREATED_HOST : td->kind;
	if (!t->created[0] || kind != t->created_kind || !td->ops->fetch)
		return;
	long i = find_row(l, t, t->created);
	if (i >= 0) {
		count_to(l, t, i);
		move_to(l, i);
	} else {
		char saved[sizeof t->status];
		sc_strlcpy(saved, t->status, sizeof saved);
		tui_status(t, "%s, which the filter hides (Esc clears it)", saved);
	}
	t->created[0] = '\0';
	reload_rows(l, t);
}

/* Whatever closed above the list may have changed the store. */
static void list_uncovered(struct tui_screen *s, struct tui *t)
{
	reload_rows((struct list *)s, t);
	select_created((struct list *)s, t);
	s->pending |= TUI_R_DRAW;
}

static bool list_cursor(struct tui_screen *s, struct tui *t, int *y, int *x)
{
	struct list *l = (struct list *)s;
	(void)t;
	/* On the selected row, as tig and mutt do, for screen readers. */
	*y = 2 + (int)(l->ts[l->tab].sel - l->ts[l->tab].top);
	*x = 0;
	return l->count > 0;
}

static const char *list_help(struct tui_screen *s, struct tui *t)
{
	struct list *l = (struct list *)s;
	const struct tabdef *td = &tabs[l->tab];
	if (td->ops->row_topic && l->count) {
		const struct row *r = selected(l, t);
		if (r)
			return td->ops->row_topic(t, r);
	}
	return td->topic;
}

/* The key bar offers only what works on the tab. */
static bool list_offers(struct tui_screen *s, struct tui *t, int action)
{
	(void)t;
	int tab = ((struct list *)s)->tab;
	const struct tab_ops *ops = tabs[tab].ops;
	switch (action) {
	case TUI_A_NEW:
		return ops->create != NULL;
	case TUI_A_DELETE:
		return ops->remove != NULL;
	case TUI_A_PREVIEW:
		return ops->object != NULL;
	case TUI_A_SORT:
		return sortable_columns(tab) > 1;
	case TUI_A_REVERT:
		return tab == TAB_HISTORY;
	case TUI_A_MARK:
		return ops->object != NULL;
	case TUI_A_APPLY:
	case TUI_A_REFRESH:
		return tab == TAB_VMS || tab == TAB_HOSTS;
	case TUI_A_PULL:
		return tab == TAB_HOSTS;
	case TUI_A_OPTIONS: /* F9 still works there: 80 columns keep a, p and F5 instead */
		return tab != TAB_HOSTS;
	default:
		return true;
	}
}

static unsigned list_bar(struct tui_screen *s, struct tui *t)
{
	(void)t;
	return tabs[((struct list *)s)->tab].ops->ctx;
}

static void list_destroy(struct tui_screen *s, struct tui *t)
{
	struct list *l = (struct list *)s;
	(void)t;
	WINDOW *wins[] = {l->tabs, l->head, l->body, l->status};
	for (int i = 0; i < 4; i++)
		if (wins[i])
			delwin(wins[i]);
	for (int i = 0; i < TAB_COUNT; i++)
		free(l->marks[i].name);
	free(l->page);
	free(l);
}

static const struct tui_screen_ops list_ops = {
    .name = "main",
    .ctx = TUI_CTX_LIST,
    .layout = list_layout,
    .draw = list_draw,
    .key = list_key,
    .cursor = list_cursor,
    .help_topic = list_help,
    .bar_ctx = list_bar,
    .offers = list_offers,
    .destroy = list_destroy,
    .uncovered = list_uncovered,
};

struct tui_screen *tui_list_new(struct tui *t)
{
	struct list *l = calloc(1, sizeof *l);
	object_columns();
	(void)t;
	if (!l || !(l->page = calloc(PAGE_MAX, sizeof *l->page))) {
		free(l);
		return NULL;
	}
	l->base.ops = &list_ops;
	l->tab = TAB_VMS;
	return &l->base;
}
