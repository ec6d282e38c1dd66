/* Keeps stored objects inside the rules when their context changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/edit.h"
#include "store_impl.h"

struct pending {
	struct sc_object old, neu;
	struct sc_msgs why;
};

struct scan {
	const struct sc_optreg *reg;
	struct sc_store *st;
	const char *cluster;
	int cver;
	struct pending *items;
	size_t n, cap;
	bool oom;
};

/* Collects the objects that need a change; they are written after the scan
 * so that the scan's statement is not reset under it. */
static int collect(const struct sc_object *o, void *arg)
{
	struct scan *sc = arg;
	struct sc_cluster c;
	struct sc_err err;
	if (sc->cluster && strcmp(o->cluster, sc->cluster))
		return 0;
	if (store_cluster_get(sc->st, o->cluster, &c, &err))
		return 0;
	if (sc->cver >= 0 && (int)c.version != sc->cver)
		return 0;
	struct sc_ctx ctx;
	sc_ctx_init(&ctx, sc->reg, c.version);
	struct pending p = {.old = *o, .neu = *o};
	sc_edit_changed(&p.neu, &ctx, &p.why);
	if (p.why.n == 0)
		return 0;
	if (sc->n == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 16;
		struct pending *x = realloc(sc->items, cap * sizeof *x);
		if (!x)
			return sc->oom = true, 1;
		sc->items = x;
		sc->cap = cap;
	}
	sc->items[sc->n++] = p;
	return 0;
}

int store_reconcile(struct sc_store *st, const struct sc_optreg *reg, const char *cluster,
		    int cver, struct sc_msgs *msgs, long *changed, struct sc_err *err)
{
	struct scan sc = {.reg = reg, .st = st, .cluster = cluster, .cver = cver};
	*changed = 0;
	int rc = store_begin(st, err);
	/* the options as stored in this transaction (with the change that
	 * called for this), which the writes below are checked against */
	if (!rc && (rc = store_rules_load(st, err)) == 0)
		sc.reg = st->rules;
	for (int k = SC_VM; k <= SC_POOL && !rc; k++)
		rc = store_object_scan(st, (enum sc_kind)k, cluster, 0, -1, collect, &sc, err);
	if (!rc && sc.oom)
		rc = sc_fail(err, SC_ERUNTIME, "out of memory");
	for (size_t i = 0; i < sc.n && !rc; i++) {
		struct pending *p = &sc.items[i];
		rc = store_object_update(st, &p->old, &p->neu, err);
		for (int m = 0; m < p->why.n && !rc; m++)
			sc_msgs_add(msgs, p->why.m[m].field, "%s '%s': %s",
				    sc_kind_name(p->old.kind), p->old.name, p->why.m[m].text);
	}
	if (!rc)
		*changed = (long)sc.n;
	free(sc.items);
	return rc ? (store_rollback(st), rc) : store_commit(st, err);
}

/* A cluster's new version brings its objects back into the rules in the
 * same transaction; reconcile builds on the row writer, never the reverse. */
int store_cluster_update(struct sc_store *st, const struct sc_optreg *reg,
			 const struct sc_cluster *old, struct sc_cluster *neu,
			 struct store_changes *changes, struct sc_err *err)
{
	struct store_changes ignored;
	if (store_begin(st, err))
		return err->status;
	int rc = store_cluster_write(st, old, neu, err);
	if (!rc && old->version != neu->version) {
		if (!changes)
			changes = &ignored;
		memset(changes, 0, sizeof *changes);
		rc = store_reconcile(st, reg, neu->name, -1, &changes->msgs, &changes->objects, err);
	}
	return store_finish(st, rc, err);
}
