/* Live hosts in the interactive program (SPEC §10): what the Hosts tab and
 * the VMs tab's Host column know of each host and linked vm, F5's check of
 * every host, `a` (the diff in a scrollable window, a confirmation, then
 * apply) and `p` (pull), each with a progress window.  The work is done by
 * hosts/ and the store as for the commands; libvirt is loaded only when
 * one of these runs, never for the first frame. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../hosts/hosts.h"
#include "../hosts/live.h"
#include "../model/sbuf.h"
#include "../store/live.h"
#include "pager.h"

/* What this session learnt of a linked vm's domain (cheap to keep: the
 * last check, diff, apply or pull says; a new session starts unknowing). */
struct vmstate {
	char vm[SC_NAME_MAX + 1];
	char host[SC_NAME_MAX + 1];
	bool differs;
};

struct tui_live {
	struct tui_hostinfo *hosts;
	int nhosts;
	struct vmstate *vms;
	int nvms;
	/* the apply under review, between the diff and the confirmation */
	char host[SC_NAME_MAX + 1], vm[SC_NAME_MAX + 1];
	char *result; /* what the apply did, shown when the review closes */
};

static struct tui_live *live(struct tui *t)
{
	if (!t->live)
		t->live = calloc(1, sizeof *t->live);
	return t->live;
}

void tui_live_free(struct tui *t)
{
	if (!t->live)
		return;
	free(t->live->hosts);
	free(t->live->vms);
	free(t->live->result);
	free(t->live);
	t->live = NULL;
}

static struct tui_hostinfo *host_slot(struct tui *t, const char *name)
{
	struct tui_live *L = live(t);
	if (!L)
		return NULL;
	for (int i = 0; i < L->nhosts; i++)
		if (!strcmp(L->hosts[i].name, name))
			return &L->hosts[i];
	struct tui_hostinfo *h = realloc(L->hosts, (size_t)(L->nhosts + 1) * sizeof *h);
	if (!h)
		return NULL;
	L->hosts = h;
	h = &L->hosts[L->nhosts++];
	memset(h, 0, sizeof *h);
	sc_strlcpy(h->name, name, sizeof h->name);
	return h;
}

static void set_vm(struct tui *t, const char *host, const char *vm, bool differs)
{
	struct tui_live *L = live(t);
	if (!L)
		return;
	struct vmstate *v = NULL;
	for (int i = 0; i < L->nvms && !v; i++)
		if (!strcmp(L->vms[i].vm, vm))
			v = &L->vms[i];
	if (!v) {
		v = realloc(L->vms, (size_t)(L->nvms + 1) * sizeof *v);
		if (!v)
			return;
		L->vms = v;
		v = &L->vms[L->nvms++];
		sc_strlcpy(v->vm, vm, sizeof v->vm);
	}
	sc_strlcpy(v->host, host, sizeof v->host);
	v->differs = differs;
}

/* A pull rewrote the host's vms: what was known of them no longer holds. */
static void forget_host_vms(struct tui *t, const char *host)
{
	struct tui_live *L = t->live;
	for (int i = 0; L && i < L->nvms; i++)
		if (!strcmp(L->vms[i].host, host))
			L->vms[i--] = L->vms[--L->nvms];
}

const struct tui_hostinfo *tui_live_host(struct tui *t, const char *name)
{
	struct tui_live *L = t->live;
	for (int i = 0; L && i < L->nhosts; i++) {
		struct tui_hostinfo *h = &L->hosts[i];
		if (strcmp(h->name, name))
			continue;
		h->differ = h->compared = 0;
		for (int k = 0; k < L->nvms; k++)
			if (!strcmp(L->vms[k].host, name)) {
				h->compared++;
				h->differ += L->vms[k].differs;
			}
		return h;
	}
	return NULL;
}

int tui_live_differs(struct tui *t, const struct sc_object *vm, const struct store_link *k)
{
	struct tui_live *L = t->live;
	for (int i = 0; L && i < L->nvms; i++)
		if (!strcmp(L->vms[i].vm, vm->name))
			return L->vms[i].differs;
	if (!k->seen[0])
		return -1;
	/* what the last pull or apply saw on the host against what the vm
	 * would write: no connection needed */
	struct sc_ctx ctx;
	struct sc_err e = {0};
	struct dx_console con;
	char line[256];
	if (store_object_ctx(t->st, t->reg, vm, &ctx, &e) != SC_OK)
		return -1;
	lx_console_for(vm, &ctx, &con);
	lx_console_line_of(&con, line, sizeof line);
	return strcmp(line, k->seen) != 0;
}

/* ---- the progress window ---- */

struct progress {
	struct tui *t;
	WINDOW *w;
	long last; /* ms of the last draw: a few a second are enough */
};

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void progress_draw(struct progress *p, int done, int total, const char *unit)
{
	long now = now_ms();
	if (!p->w || (done > 0 && done < total && now - p->last < 100))
		return;
	p->last = now;
	int width = getmaxx(p->w) - 4, fill = total ? (int)((long)done * width / total) : width;
	tui_wattr(p->t, p->w, TUI_C_DIALOG);
	tui_putf(p->w, 2, 2, width, "%d of %d %s, %d%%", done, total, unit,
	         total ? (int)((long)done * 100 / total) : 100);
	for (int x = 0; x < width; x++)
		mvwaddch(p->w, 3, 2 + x, x < fill ? '#' : '.');
	wnoutrefresh(p->w);
	doupdate();
}

static void progress_open(struct progress *p, struct tui *t, const char *title, const char *what)
{
	int h = 6, w = COLS < 60 ? COLS : 60;
	p->t = t;
	p->last = 0;
	p->w = LINES >= h && w >= 20 ? newwin(h, w, (LINES - h) / 2, (COLS - w) / 2) : NULL;
	if (!p->w)
		return;
	tui_wattr(t, p->w, TUI_C_DIALOG);
	werase(p->w);
	tui_frame(t, p->w, title);
	tui_putf(p->w, 1, 2, w - 4, "%s", what);
	wnoutrefresh(p->w);
	doupdate();
}

static void progress_close(struct progress *p)
{
	if (!p->w)
		return;
	delwin(p->w);
	p->w = NULL;
	clearok(curscr, TRUE); /* repaint what the window covered */
}

/* Runs j with its progress in a window: no key is read until it ends. */
static void run_job(struct tui *t, struct hv_job *j, const char *title, const char *what)
{
	struct progress p;
	progress_open(&p, t, title, what);
	hv_job_start(j, 8);
	for (;;) {
		int done = hv_job_done(j);
		progress_draw(&p, done, j->total, "domains");
		if (done >= j->total)
			break;
		napms(50);
	}
	hv_job_wait(j);
	progress_close(&p);
}

/* What a job found, kept for the lists. */
static void note_job(struct tui *t, const struct hv_job *j)
{
	for (int h = 0; h < j->nhosts; h++) {
		const struct lx_hostwork *hw = &j->hosts[h];
		struct tui_hostinfo *hi = host_slot(t, hw->host);
		if (hi) {
			hi->checked = true;
			hi->reachable = !hw->failed;
			if (j->count)
				hi->domains = hw->failed ? -1 : hw->ndomains;
			sc_strlcpy(hi->msg, hw->failed ? hw->msg : "", sizeof hi->msg);
		}
		for (int i = 0; i < hw->n; i++) {
			const struct lx_target *tg = &hw->t[i];
			if (tg->result == LX_UNCHANGED || tg->result == LX_APPLIED)
				set_vm(t, hw->host, tg->vm, false);
			else if (tg->result == LX_WOULD)
				set_vm(t, hw->host, tg->vm, true);
		}
	}
}

/* Text from hosts and domains goes to the screen with control characters
 * escaped, line by line. */
static void put_escaped(struct sbuf *b, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		char *line = strndup(text, n), *out = line ? malloc(n * 4 + 1) : NULL;
		if (out) {
			sc_escape(line, out, n * 4 + 1);
			sbuf_puts(b, out);
		}
		free(line);
		free(out);
		sbuf_puts(b, "\n");
		text += n + (text[n] == '\n');
	}
}

static void show_text(struct tui *t, const char *title, struct sbuf *b)
{
	static const char *const ok[] = {"OK"};
	struct sc_err e = {0};
	char *text = sbuf_finish(b, NULL, &e);
	tui_push(t, tui_dialog_new(t, title, text ? text : e.msg, ok, 1, TUI_NO_REPLY));
	free(text);
}

/* ---- F5: check every host ---- */

struct hostlist {
	struct sc_host *h;
	int n;
};

static int add_host(const struct sc_host *h, void *arg)
{
	struct hostlist *l = arg;
	struct sc_host *x = realloc(l->h, (size_t)(l->n + 1) * sizeof *x);
	if (!x)
		return 1;
	l->h = x;
	l->h[l->n++] = *h;
	return 0;
}

void tui_live_refresh(struct tui *t)
{
	struct sc_err e = {0};
	struct hostlist hl = {0};
	struct store_live sel = {0};
	if (store_host_scan(t->st, add_host, &hl, &e)) {
		tui_status(t, "Hosts not checked: %s", e.msg);
		free(hl.h);
		return;
	}
	if (!hl.n) {
		tui_status(t, "No hosts to check: add one with spicecfg host add NAME uri=URI "
		              "cluster=C");
		return;
	}
	if (store_live_select(t->st, t->reg, NULL, 0, NULL, &sel, &e) &&
	    e.status != SC_ENOTFOUND) {
		tui_status(t, "Hosts not checked: %s", e.msg);
		store_live_free(&sel);
		free(hl.h);
		return;
	}
	struct lx_hostwork *hw = calloc((size_t)hl.n, sizeof *hw);
	if (!hw) {
		store_live_free(&sel);
		free(hl.h);
		return;
	}
	for (int i = 0; i < hl.n; i++) {
		sc_strlcpy(hw[i].host, hl.h[i].name, sizeof hw[i].host);
		sc_strlcpy(hw[i].uri, hl.h[i].uri, sizeof hw[i].uri);
		for (int k = 0; k < sel.nhosts; k++)
			if (!strcmp(sel.hosts[k].host, hw[i].host)) {
				hw[i].t = sel.hosts[k].t;
				hw[i].n = sel.hosts[k].n;
			}
	}
	struct hv_job j = {.hosts = hw, .nhosts = hl.n, .count = true, .keep_going = true};
	char what[64];
	snprintf(what, sizeof what, "%d hosts, %d linked domains", hl.n, sel.n);
	run_job(t, &j, "Check hosts", what);
	note_job(t, &j);
	int up = 0, differ = 0;
	for (int i = 0; i < hl.n; i++) {
		up += !hw[i].failed;
		for (int k = 0; k < hw[i].n; k++)
			differ += hw[i].t[k].result == LX_WOULD;
	}
	tui_status(t, "Checked %d hosts: %d reachable, %d linked domains differ", hl.n, up, differ);
	tui_redraw_all(t);
	free(hw);
	store_live_free(&sel);
	free(hl.h);
}

/* ---- a: review, confirm, apply ---- */

static void apply_now(struct tui *t)
{
	struct tui_live *L = live(t);
	struct sc_err e = {0};
	struct store_live sel;
	char *vms[1] = {L->vm};
	struct sbuf b = {0};
	if (store_live_select(t->st, t->reg, L->host[0] ? L->host : NULL, L->vm[0] ? 1 : 0,
	                      L->vm[0] ? vms : NULL, &sel, &e)) {
		tui_status(t, "Nothing applied: %s", e.msg);
		store_live_free(&sel);
		return;
	}
	struct hv_job j = {.hosts = sel.hosts, .nhosts = sel.nhosts, .define = true};
	run_job(t, &j, "Apply", L->vm[0] ? L->vm : L->host);
	note_job(t, &j);
	int applied = 0, unchanged = 0, failed = 0, notrun = 0, rc = store_begin(t->st, &e);
	for (int h = 0; h < sel.nhosts; h++) {
		const struct lx_hostwork *hw = &sel.hosts[h];
		if (hw->failed)
			sbuf_printf(&b, "%s\n", hw->msg);
		for (int i = 0; i < hw->n; i++) {
			const struct lx_target *tg = &hw->t[i];
			switch (tg->result) {
			case LX_FAILED:
				failed++;
				if (!hw->failed)
					sbuf_printf(&b, "%s/%s: %s\n", hw->host, tg->vm, tg->msg);
				break;
			case LX_APPLIED:
				applied++;
				sbuf_printf(&b, "%s/%s: applied%s\n", hw->host, tg->vm,
				            tg->running ? " (running: at its next boot)" : "");
				if (!rc)
					rc = store_live_applied(t->st, hw->host, tg, &e);
				break;
			case LX_NOTRUN:
				notrun++;
				sbuf_printf(&b, "%s/%s: not applied (stopped after a failure)\n",
				            hw->host, tg->vm);
				break;
			default:
				unchanged++;
				sbuf_printf(&b, "%s/%s: unchanged\n", hw->host, tg->vm);
			}
		}
	}
	if (!rc)
		rc = store_commit(t->st, &e);
	if (rc) {
		store_rollback(t->st);
		sbuf_printf(&b, "Not recorded in the store: %s\n", e.msg);
	}
	char sum[200];
	snprintf(sum, sizeof sum, "%d applied, %d unchanged, %d failed", applied, unchanged, failed);
	if (notrun)
		snprintf(sum + strlen(sum), sizeof sum - strlen(sum), ", %d not applied", notrun);
	tui_status(t, "%s", sum);
	struct sbuf out = {0};
	sbuf_printf(&out, "%s\n\n", sum);
	char *lines = sbuf_finish(&b, NULL, &e);
	if (lines)
		put_escaped(&out, lines);
	free(lines);
	store_live_free(&sel);
	tui_redraw_all(t);
	free(L->result);
	L->result = sbuf_finish(&out, NULL, &e);
}

static void confirm_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                           int arg)
{
	(void)arg;
	if (a->choice != 0)
		return;
	apply_now(t);
	/* the review closes; the result shows over the list */
	to->pending |= TUI_R_CLOSE;
}

static void review_closed(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                          int arg)
{
	static const char *const ok[] = {"OK"};
	struct tui_live *L = t->live;
	(void)to;
	(void)a;
	(void)arg;
	if (!L || !L->result)
		return;
	tui_push(t, tui_dialog_new(t, "Apply", L->result, ok, 1, TUI_NO_REPLY));
	free(L->result);
	L->result = NULL;
}

static int review_key(struct tui_pager *p, struct tui *t, int key, int action)
{
	static const char *const buttons[] = {"Apply", "Cancel"};
	struct tui_live *L = live(t);
	(void)key;
	if (action != TUI_A_APPLY)
		return TUI_R_IGNORED;
	char msg[400];
	snprintf(msg, sizeof msg,
	         "Write these console settings into the persistent definition of %s%s? "
	         "A running domain takes them at its next boot.",
	         L->vm[0] ? "the domain of vm " : "the domains of host ",
	         L->vm[0] ? L->vm : L->host);
	tui_push(t, tui_dialog_new(t, "Apply", msg, buttons, 2, (struct tui_reply){confirm_answer, 0}));
	(void)p;
	return TUI_R_NONE;
}

static bool review_offers(struct tui_pager *p, int action)
{
	(void)p;
	return action != TUI_A_WRITE && action != TUI_A_FORMAT;
}

void tui_live_apply(struct tui *t, const char *host, const char *vm)
{
	struct tui_live *L = live(t);
	struct sc_err e = {0};
	struct store_live sel;
	char *vms[1] = {(char *)vm};
	if (!L)
		return;
	if (store_live_select(t->st, t->reg, host, vm ? 1 : 0, vm ? vms : NULL, &sel, &e)) {
		tui_status(t, "Nothing to apply: %s", e.msg);
		store_live_free(&sel);
		return;
	}
	sc_strlcpy(L->host, host ? host : "", sizeof L->host);
	sc_strlcpy(L->vm, vm ? vm : "", sizeof L->vm);
	struct hv_job j = {.hosts = sel.hosts, .nhosts = sel.nhosts, .want_diff = true,
	                   .keep_going = true};
	run_job(t, &j, "Compare", vm ? vm : host);
	note_job(t, &j);
	struct sbuf b = {0};
	int differ = 0, failed = 0;
	for (int h = 0; h < sel.nhosts; h++) {
		const struct lx_hostwork *hw = &sel.hosts[h];
		if (hw->failed)
			sbuf_printf(&b, "%s\n", hw->msg);
		for (int i = 0; i < hw->n; i++) {
			const struct lx_target *tg = &hw->t[i];
			failed += tg->result == LX_FAILED;
			differ += tg->result == LX_WOULD;
			if (tg->result == LX_FAILED && !hw->failed)
				sbuf_printf(&b, "%s/%s: %s\n", hw->host, tg->vm, tg->msg);
			if (tg->result == LX_WOULD && tg->drifted)
				sbuf_printf(&b, "%s/%s: changed on the host since spicecfg last read it "
				                "(then: %s; now: %s); apply will refuse it: pull it again "
				                "first\n",
				            hw->host, tg->vm, tg->seen, tg->now);
		}
	}
	for (int i = 0; i < sel.n; i++)
		if (sel.t[i].diff)
			sbuf_puts(&b, sel.t[i].diff);
	char *text = sbuf_finish(&b, NULL, &e);
	struct sbuf shown = {0};
	put_escaped(&shown, text ? text : e.msg);
	free(text);
	tui_redraw_all(t);
	store_live_free(&sel);
	if (!differ) {
		char head[300];
		snprintf(head, sizeof head, "Nothing to apply: %s%s %s as spicecfg has it%s\n\n",
		         vm ? "the domain of vm " : "the domains of host ", vm ? vm : host,
		         vm ? "is" : "are", failed ? ", apart from the failures below" : "");
		struct sbuf out = {0};
		sbuf_puts(&out, head);
		char *rest = sbuf_finish(&shown, NULL, &e);
		if (rest)
			sbuf_puts(&out, rest);
		free(rest);
		tui_status(t, "Nothing to apply to %s", vm ? vm : host);
		show_text(t, "Apply", &out);
		return;
	}
	text = sbuf_finish(&shown, NULL, &e);
	char title[200];
	snprintf(title, sizeof title, "Apply to %s: %d domain%s differ%s   (a: apply, Esc: cancel)",
	         vm ? vm : host, differ, differ == 1 ? "" : "s", differ == 1 ? "s" : "");
	struct tui_pager *p = tui_pager_create(title, text ? text : e.msg, "apply", false);
	free(text);
	if (!p)
		return;
	p->extra = review_key;
	p->offers = review_offers;
	p->base.reply = (struct tui_reply){review_closed, 0};
	tui_push(t, &p->base);
}

/* ---- p: pull ---- */

static const char *const PULLED[] = {"created", "updated", "unchanged"};

void tui_live_pull(struct tui *t, const char *name)
{
	struct sc_err e = {0};
	struct sc_host h;
	struct hv_conn *c = NULL;
	struct hv_domain *doms = NULL;
	int ndoms = 0;
	if (store_host_get(t->st, name, &h, &e)) {
		tui_status(t, "Not pulled: %s", e.msg);
		return;
	}
	struct progress p;
	progress_open(&p, t, "Pull", h.name);
	struct tui_hostinfo *hi = host_slot(t, h.name);
	int rc = hv_open(h.name, h.uri, false, &c, &e);
	if (!rc)
		rc = hv_list(c, &doms, &ndoms, &e);
	if (hi) {
		hi->checked = true;
		hi->reachable = !rc;
		hi->domains = rc ? -1 : ndoms;
		sc_strlcpy(hi->msg, rc ? e.msg : "", sizeof hi->msg);
	}
	char hyper[128], *caps = NULL;
	struct sc_ctx ctx;
	bool begun = false;
	memset(&ctx, 0, sizeof ctx);
	if (!rc && !(rc = hv_read_caps(c, hyper, sizeof hyper, &caps, &e)) &&
	    !(rc = store_begin(t->st, &e))) {
		begun = true;
		rc = store_pull_host(t->st, t->reg, &h, hyper, caps, &ctx, &e);
	}
	free(caps);
	struct sbuf b = {0};
	int n[5] = {0};
	for (int i = 0; !rc && i < ndoms; i++) {
		progress_draw(&p, i, ndoms, "domains");
		struct lx_domain d;
		struct xmlio_notes notes = {0};
		struct sc_err de = {0};
		enum store_pulled what = STORE_PULL_REFUSED;
		char why[512] = "";
		if (hv_pull_read(c, &doms[i], ctx.site.monitors_mask, &d, &notes, &de))
			snprintf(why, sizeof why, "%.500s", de.msg);
		else if (store_pull_domain(t->st, &h, &ctx, &d, doms[i].running, &notes, &what,
		                           why, sizeof why, &e))
			rc = e.status ? e.status : SC_ERUNTIME;
		n[what]++;
		if (what == STORE_PULL_SKIPPED || what == STORE_PULL_REFUSED) {
			sbuf_printf(&b, "domain %s: %s: %s\n", doms[i].name,
			            what == STORE_PULL_SKIPPED ? "skipped" : "refused", why);
		} else {
			sbuf_printf(&b, "domain %s: mapped to vm %s (%s)\n", doms[i].name, d.name,
			            PULLED[what]);
			for (int k = 0; k < notes.n; k++)
				sbuf_printf(&b, "  %s\n", notes.line[k]);
		}
		xmlio_notes_free(&notes);
	}
	progress_draw(&p, ndoms, ndoms, "domains");
	if (!rc)
		rc = store_commit(t->st, &e);
	if (rc && begun)
		store_rollback(t->st);
	if (c)
		hv_close(c);
	free(doms);
	progress_close(&p);
	forget_host_vms(t, h.name);
	struct sbuf out = {0};
	char *lines = sbuf_finish(&b, NULL, &e);
	if (rc) {
		tui_status(t, "Nothing pulled from %s", h.name);
		sbuf_printf(&out, "Nothing was pulled from host %s:\n", h.name);
		put_escaped(&out, e.msg);
	} else {
		char sum[200];
		snprintf(sum, sizeof sum, "%d created, %d updated, %d unchanged, %d skipped, %d refused",
		         n[STORE_PULL_CREATED], n[STORE_PULL_UPDATED], n[STORE_PULL_UNCHANGED],
		         n[STORE_PULL_SKIPPED], n[STORE_PULL_REFUSED]);
		tui_status(t, "Pulled %s: %s", h.name, sum);
		sbuf_printf(&out, "%s\n\n", sum);
		if (lines)
			put_escaped(&out, lines);
	}
	free(lines);
	tui_redraw_all(t);
	show_text(t, "Pull", &out);
}
