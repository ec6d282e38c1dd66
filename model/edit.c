/* The edit sequence (see edit.h). */
#include "edit.h"

#include "field.h"

/* sc_edit_req.given holds one bit per field. */
_Static_assert(SC_F_COUNT <= 32, "more fields than bits in sc_edit_req.given");

bool sc_edit_template(struct sc_object *o, const struct sc_object *t, bool is_new)
{
	if (o->kind == SC_TEMPLATE)
		return false;
	if (is_new) {
		sc_inherit_template(o, t); /* as oVirt's dialogs do */
		return true;
	}
	if (o->kind == SC_POOL) /* a pool runs in the cluster of its template */
		sc_strlcpy(o->cluster, t->cluster, sizeof o->cluster);
	return false;
}

void sc_edit_changed(struct sc_object *o, const struct sc_ctx *ctx, struct sc_msgs *changes)
{
	sc_apply(o, ctx, changes);
}

static bool named(const struct sc_edit_req *r, int field)
{
	return (r->given >> field) & 1u;
}

/* A named field that is locked, or whose value the rules refuse. */
static void refuse_named(const struct sc_object *o, const struct sc_edit_req *r,
			 struct sc_msgs *errs)
{
	/* a locked field whose value in force differs from the stored one
	 * (migration pinned by native USB, clipboard off on VNC) may be named
	 * only with the value in force */
	const char *why;
	for (int f = 0; f < SC_F_COUNT; f++) {
		const struct sc_field_info *fi = sc_field_info(f);
		why = fi->shown ? sc_lock_reason(f, o, r->ctx) : NULL;
		if (why && named(r, f) && sc_field_stored_int(o, f) != fi->shown(o))
			sc_msgs_add(errs, f, "%s is locked: %s", fi->key, why);
	}
	why = sc_lock_reason(SC_F_CLUSTER, o, r->ctx);
	if (why && named(r, SC_F_CLUSTER))
		sc_msgs_add(errs, SC_F_CLUSTER, "cluster is locked: %s", why);
	struct sc_msgs bad = {0};
	sc_validate(o, r->ctx, &bad);
	for (int i = 0; i < bad.n; i++)
		if (named(r, bad.m[i].field))
			sc_msgs_add(errs, bad.m[i].field, "%s", bad.m[i].text);
}

int sc_edit_finish(struct sc_object *o, const struct sc_edit_req *r, struct sc_msgs *changes,
		   struct sc_msgs *notices, struct sc_msgs *errs)
{
	int before = errs->n;
	if (r->is_new && !r->tmpl_named && !named(r, SC_F_USB))
		o->usb = sc_usb_default(o->display, r->ctx->cver, o->os, &r->ctx->site);
	refuse_named(o, r, errs);
	if (errs->n > before)
		return errs->n - before;
	sc_edit_changed(o, r->ctx, changes);
	if (sc_edit_check(o, r->ctx, errs))
		return errs->n - before;
	/* a newly chosen native or legacy policy comes with its notice */
	if (o->usb != r->before->usb || r->is_new) {
		struct sc_msgs all = {0};
		sc_notices(o, &all);
		for (int i = 0; i < all.n; i++)
			if (all.m[i].field == SC_F_USB)
				sc_msgs_add(notices, SC_F_USB, "%s", all.m[i].text);
	}
	return 0;
}

int sc_edit_check(const struct sc_object *o, const struct sc_ctx *ctx, struct sc_msgs *errs)
{
	return sc_validate(o, ctx, errs);
}
