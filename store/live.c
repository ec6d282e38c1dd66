/* Which linked vms a diff or apply works on, what an apply records, and
 * pull's write of one domain (store/live.h). */
#include "live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* every monitor count counts as valid when reading back what apply wrote */
#define ANY_MONITORS 0x1eu

struct pick {
	struct store_live *l;
	int cap;
	struct sc_err *err;
};

static int add_target(const struct store_link *k, void *arg)
{
	struct pick *p = arg;
	struct store_live *l = p->l;
	if (l->n == p->cap) {
		int cap = p->cap ? 2 * p->cap : 16;
		struct lx_target *t = realloc(l->t, (size_t)cap * sizeof *t);
		if (!t)
			return sc_fail(p->err, SC_ERUNTIME, "out of memory");
		l->t = t;
		p->cap = cap;
	}
	struct lx_target *t = &l->t[l->n++];
	memset(t, 0, sizeof *t);
	t->object_id = k->object_id;
	sc_strlcpy(t->vm, k->vm, sizeof t->vm);
	sc_strlcpy(t->domain, k->domain, sizeof t->domain);
	sc_strlcpy(t->seen, k->seen, sizeof t->seen);
	t->pending = k->pending;
	/* the host's name waits in msg until the targets are grouped */
	sc_strlcpy(t->msg, k->host, sizeof t->msg);
	return 0;
}

static int by_host_then_vm(const void *a, const void *b)
{
	const struct lx_target *x = a, *y = b;
	int c = strcmp(x->msg, y->msg);
	return c ? c : strcmp(x->vm, y->vm);
}

static int pick(struct sc_store *st, const char *host, int nvms, char *const *vms,
		struct pick *p, struct sc_err *err)
{
	if (host) {
		struct sc_host h;
		if (store_host_get(st, host, &h, err))
			return err->status;
	}
	if (!nvms) {
		if (store_link_scan(st, host, add_target, p, err))
			return err->status;
		return p->l->n ? 0
			       : sc_fail(err, SC_ENOTFOUND,
					 "no vm is linked to %s%s (link vms with: spicecfg pull HOST)",
					 host ? "host " : "a host", host ? host : "");
	}
	for (int i = 0; i < nvms; i++) {
		struct sc_object o;
		struct store_link k;
		if (store_object_get(st, SC_VM, vms[i], &o, err))
			return err->status;
		if (store_link_get(st, o.id, &k, err))
			return sc_fail(err, SC_EUSAGE,
				       "vm '%s' is not linked to a host domain (link it with: "
				       "spicecfg vm set %s host=HOST, or spicecfg pull HOST %s)",
				       vms[i], vms[i], vms[i]);
		if (add_target(&k, p))
			return err->status;
	}
	return 0;
}

int store_live_select(struct sc_store *st, const struct sc_optreg *reg, const char *host,
		      int nvms, char *const *vms, struct store_live *out, struct sc_err *err)
{
	memset(out, 0, sizeof *out);
	struct pick p = {out, 0, err};
	if (pick(st, host, nvms, vms, &p, err))
		return err->status;
	qsort(out->t, (size_t)out->n, sizeof *out->t, by_host_then_vm);
	for (int i = 0; i < out->n; i++) {
		struct lx_target *t = &out->t[i];
		struct sc_object o;
		struct sc_ctx ctx;
		if (i > 0 && !strcmp(t->vm, out->t[i - 1].vm))
			return sc_fail(err, SC_EUSAGE, "vm '%s' is named twice", t->vm);
		if (store_object_get(st, SC_VM, t->vm, &o, err) ||
		    store_object_ctx(st, reg, &o, &ctx, err))
			return err->status;
		lx_console_for(&o, &ctx, &t->con);
		if (!out->nhosts || strcmp(out->hosts[out->nhosts - 1].host, t->msg)) {
			struct lx_hostwork *hw =
			    realloc(out->hosts, (size_t)(out->nhosts + 1) * sizeof *hw);
			if (!hw)
				return sc_fail(err, SC_ERUNTIME, "out of memory");
			out->hosts = hw;
			hw = &out->hosts[out->nhosts++];
			memset(hw, 0, sizeof *hw);
			struct sc_host h;
			if (store_host_get(st, t->msg, &h, err))
				return err->status;
			sc_strlcpy(hw->host, h.name, sizeof hw->host);
			sc_strlcpy(hw->uri, h.uri, sizeof hw->uri);
			hw->t = t;
		}
		out->hosts[out->nhosts - 1].n++;
	}
	for (int i = 0; i < out->n; i++)
		out->t[i].msg[0] = '\0';
	return 0;
}

void store_live_free(struct store_live *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->t[i].diff);
		free(l->t[i].before);
		free(l->t[i].after_xml);
	}
	free(l->t);
	free(l->hosts);
	memset(l, 0, sizeof *l);
}

static const char *yes(bool b)
{
	return b ? "true" : "false";
}

int store_live_applied(struct sc_store *st, const char *host, const struct lx_target *t,
		       struct sc_err *err)
{
	struct lx_domain a, b;
	struct xmlio_notes notes = {0};
	struct sc_err e;
	char obj[SC_NAME_MAX * 6];
	snprintf(obj, sizeof obj, "domain:%s/%s", host, t->name[0] ? t->name : t->vm);
	int ra = lx_pull(t->before, strlen(t->before), "before", ANY_MONITORS, &a, &notes, &e);
	int rb = lx_pull(t->after_xml, strlen(t->after_xml), "after", ANY_MONITORS, &b, &notes,
			 &e);
	xmlio_notes_free(&notes);
	if (ra || rb || !a.has_console)
		memset(&a.con, 0, sizeof a.con);
	char x[32], y[32];
	struct {
		const char *key, *old, *neu;
		int oi, ni;
	} f[] = {
		{"display", a.has_console ? sc_display_name(a.con.display) : "none",
		 sc_display_name(b.con.display), 0, 0},
		{"monitors", NULL, NULL, a.con.monitors, b.con.monitors},
		{"usb", sc_usb_name(a.con.usb), sc_usb_name(b.con.usb), 0, 0},
		{"usb_slots", NULL, NULL, a.con.usb_slots, b.con.usb_slots},
		{"smartcard", yes(a.con.smartcard), yes(b.con.smartcard), 0, 0},
		{"copy_paste", yes(a.con.copy_paste), yes(b.con.copy_paste), 0, 0},
		{"file_transfer", yes(a.con.file_transfer), yes(b.con.file_transfer), 0, 0},
		{"vdagent", yes(a.con.vdagent), yes(b.con.vdagent), 0, 0},
	};
	int written = 0;
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		const char *o = f[i].old, *n = f[i].neu;
		if (!o) {
			snprintf(x, sizeof x, "%d", f[i].oi);
			snprintf(y, sizeof y, "%d", f[i].ni);
			o = x, n = y;
		}
		if (strcmp(o, n)) {
			if (store_audit_note(st, obj, f[i].key, o, n, err))
				return err->status;
			written++;
		}
	}
	/* a change outside these settings (the filter, the video model...) */
	if (!written && store_audit_note(st, obj, "console", "as before", "rewritten", err))
		return err->status;
	/* a stopped domain boots with what it has now: nothing waits */
	if (t->running != t->pending &&
	    store_link_set_pending(st, t->object_id, t->running, err))
		return err->status;
	return store_link_set_seen(st, t->object_id, t->after, err);
}

/* ---- pull ---- */

int store_pull_host(struct sc_store *st, const struct sc_optreg *reg, const struct sc_host *h,
		    const char *hyper, const char *caps, struct sc_ctx *ctx, struct sc_err *err)
{
	if (store_host_set_caps(st, h->name, hyper, caps, err) ||
	    store_ctx(st, reg, h->cluster, ctx, err))
		return err->status;
	ctx->host.linked = true;
	sc_strlcpy(ctx->host.host, h->name, sizeof ctx->host.host);
	if (!caps)
		return 0;
	struct lx_caps lc;
	if (lx_caps_parse(caps, strlen(caps), "domain capabilities", &lc, err))
		return err->status;
	lx_caps_rules(&lc, &ctx->host);
	return 0;
}

static bool same_object(const struct sc_object *a, const struct sc_object *b)
{
	return a->os == b->os && a->memory == b->memory && a->cpus == b->cpus &&
	       a->display == b->display && a->monitors == b->monitors && a->usb == b->usb &&
	       a->smartcard == b->smartcard && a->wan == b->wan &&
	       a->copy_paste == b->copy_paste && a->file_transfer == b->file_transfer;
}

int store_pull_domain(struct sc_store *st, const struct sc_host *h, const struct sc_ctx *hctx,
		      const struct lx_domain *d, bool running, struct xmlio_notes *notes,
		      enum store_pulled *what, char *why, size_t why_size, struct sc_err *err)
{
	struct sc_err e = {0};
	why[0] = '\0';
	if (!d->has_console) {
		*what = STORE_PULL_SKIPPED;
		snprintf(why, why_size, "no graphics device");
		return 0;
	}
	*what = STORE_PULL_REFUSED;
	/* the vm linked to the domain, else the unlinked vm of its name, else a new one */
	struct sc_object old, neu;
	bool exists = false;
	struct store_link link;
	if (store_object_get(st, SC_VM, d->name, &old, &e) == 0) {
		exists = true;
		if (store_link_get(st, old.id, &link, &e) == 0 &&
		    (strcmp(link.host, h->name) || strcmp(link.domain, d->uuid)))
			snprintf(why, why_size,
				 "vm '%s' is linked to domain %s of host %s; rename one of them",
				 old.name, link.domain, link.host);
	} else if (!sc_name_valid(d->name)) {
		snprintf(why, why_size, "its name is not a valid spicecfg name (" SC_NAME_RULE ")");
	}
	if (exists) {
		neu = old;
	} else {
		sc_object_defaults(&neu, SC_VM, hctx);
		sc_strlcpy(neu.name, d->name, sizeof neu.name);
		sc_strlcpy(neu.cluster, h->cluster, sizeof neu.cluster);
		sc_strlcpy(neu.uuid, d->uuid, sizeof neu.uuid);
	}
	lx_to_object(d, hctx, &neu, notes);
	struct sc_msgs errs = {0};
	if (!why[0] && sc_validate(&neu, hctx, &errs))
		snprintf(why, why_size, "%s", errs.m[0].text);
	if (why[0])
		return 0;
	bool linked = exists && store_link_get(st, old.id, &link, &e) == 0;
	*what = !exists ? STORE_PULL_CREATED
		: same_object(&old, &neu) ? STORE_PULL_UNCHANGED
					  : STORE_PULL_UPDATED;
	if (!(linked && *what == STORE_PULL_UNCHANGED) &&
	    store_pull_write(st, h->name, d->uuid, exists ? &old : NULL, &neu, err))
		return err->status;
	char line[256];
	lx_console_line(d, line, sizeof line);
	struct store_link now;
	if (store_link_get(st, neu.id ? neu.id : old.id, &now, err) ||
	    (strcmp(now.seen, line) && store_link_set_seen(st, now.object_id, line, err)))
		return err->status;
	/* a domain that is not running has booted whatever was applied */
	if (linked && link.pending && !running &&
	    store_link_set_pending(st, old.id, false, err))
		return err->status;
	return 0;
}
