/* Keeps stored objects inside the rules when their context changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/edit.h"
#include "../model/field.h"
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

void store_changes_free(struct store_changes *ch)
{
	free(ch->list);
	ch->list = NULL;
	ch->n = ch->cap = 0;
}

/* Starts a change's report, keeping what the caller asked for. */
static void changes_reset(struct store_changes *ch)
{
	bool dry = ch->dry_run;
	free(ch->list);
	memset(ch, 0, sizeof *ch);
	ch->dry_run = dry;
}

static int change_add(struct store_changes *ch, const struct pending *p, int field,
		      const char *why)
{
	if (ch->n == ch->cap) {
		size_t cap = ch->cap ? ch->cap * 2 : 16;
		struct store_change *x = realloc(ch->list, cap * sizeof *x);
		if (!x)
			return -1;
		ch->list = x;
		ch->cap = cap;
	}
	struct store_change *c = &ch->list[ch->n++];
	snprintf(c->object, sizeof c->object, "%s '%s'", sc_kind_name(p->old.kind), p->old.name);
	sc_strlcpy(c->field, field >= 0 ? sc_field_info(field)->key : "", sizeof c->field);
	c->old[0] = c->neu[0] = '\0';
	if (field >= 0) {
		sc_field_get(&p->old, field, c->old, sizeof c->old);
		sc_field_get(&p->neu, field, c->neu, sizeof c->neu);
	}
	sc_strlcpy(c->why, why ? why : "", sizeof c->why);
	return 0;
}

/* One row per message of the rules, then one per other field that moved. */
static int changes_note(struct store_changes *ch, const struct pending *p)
{
	unsigned told = 0;
	for (int m = 0; m < p->why.n; m++) {
		int f = p->why.m[m].field;
		if (change_add(ch, p, f, p->why.m[m].text))
			return -1;
		if (f >= 0 && f < 32)
			told |= 1u << f;
	}
	for (int f = 0; f < SC_F_COUNT; f++) {
		char a[64], b[64];
		if ((f < 32 && (told & (1u << f))) || !sc_field_applies(f, p->old.kind))
			continue;
		sc_field_get(&p->old, f, a, sizeof a);
		sc_field_get(&p->neu, f, b, sizeof b);
		if (strcmp(a, b) && change_add(ch, p, f, NULL))
			return -1;
	}
	return 0;
}

int store_reconcile(struct sc_store *st, const struct sc_optreg *reg, const char *cluster,
		    int cver, struct store_changes *out, long *changed, struct sc_err *err)
{
	struct sc_msgs *msgs = &out->msgs;
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
		if (!rc && changes_note(out, p))
			rc = sc_fail(err, SC_ERUNTIME, "out of memory");
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
	struct store_changes ignored = {0};
	if (!changes)
		changes = &ignored;
	changes_reset(changes); /* also when the version stays */
	if (store_begin(st, err))
		return err->status;
	int rc = store_cluster_write(st, old, neu, err);
	if (!rc && old->version != neu->version)
		rc = store_reconcile(st, reg, neu->name, -1, changes, &changes->objects, err);
	if (!rc && changes->dry_run) {
		store_rollback(st);
	} else {
		rc = store_finish(st, rc, err);
	}
	if (changes == &ignored)
		store_changes_free(&ignored);
	return rc;
}

/* ---- a site option set, and the objects it takes a value from ---- */

static const char SQL_OPT_SET[] =
	"INSERT INTO vdc_options(option_name, option_value, version) VALUES ($1, $2, $3)"
	" ON CONFLICT(option_name, version) DO UPDATE SET option_value = excluded.option_value";

/* After a value the rules depend on changed, objects of the affected
 * versions that it took a value from are brought back into the rules. */
static int reconcile_versions(struct sc_store *st, const struct sc_optreg *reg,
			      const struct sc_site before[SC_CVER_COUNT],
			      struct store_changes *changes, struct sc_err *err)
{
	struct sc_site after;
	for (int v = 0; v < SC_CVER_COUNT; v++) {
		sc_site_load(reg, (enum sc_cver)v, &after);
		if (!sc_site_rules_differ(&before[v], &after))
			continue;
		long n = 0;
		if (store_reconcile(st, reg, NULL, v, changes, &n, err))
			return err->status;
		changes->objects += n;
	}
	return 0;
}

int store_option_set(struct sc_store *st, struct sc_optreg *reg, const char *key, int cver,
		     const char *value, struct store_changes *changes, struct sc_err *err)
{
	struct store_changes ignored = {0};
	struct sc_site before[SC_CVER_COUNT];
	if (!changes)
		changes = &ignored;
	changes_reset(changes);
	int i = sc_opt_find(reg, key);
	if (i < 0)
		return sc_fail(err, SC_EUSAGE, "unknown option '%s' (see: spicecfg config -l)", key);
	const struct sc_optdef *d = &reg->defs[i];
	if (d->per_version && cver < 0)
		return sc_fail(err, SC_EUSAGE,
			       "%s is set per cluster version: add --cver 3.0, 3.1 or 3.2", key);
	if (!d->per_version && cver >= 0)
		return sc_fail(err, SC_EUSAGE,
			       "%s is a general option: use no --cver (or --cver general)", key);
	char norm[SC_OPT_VALUE_MAX], obj[96];
	if (sc_opt_validate(d, value, norm, sizeof norm, err))
		return err->status;
	enum sc_cver v = cver < 0 ? SC_CVER_30 : (enum sc_cver)cver;
	int slot = d->per_version ? cver : SC_OPT_GENERAL;
	const char *ver = d->per_version ? sc_cver_name(v) : "general";
	char old[SC_OPT_VALUE_MAX];
	if (store_begin(st, err))
		return err->status;
	/* what the other options are now, not when the caller read them: the
	 * objects they allow are checked against them below */
	int rc = store_options_read(st, reg, NULL, err);
	sc_strlcpy(old, sc_opt_value(reg, i, v), sizeof old);
	struct db_stmt *s = rc ? NULL : store_prep(st, SQL_OPT_SET, err);
	if (!rc && !s)
		rc = err->status;
	if (s) {
		db_bind_text(s, 1, key);
		db_bind_text(s, 2, norm);
		db_bind_text(s, 3, ver);
		if (db_step(s) != DB_DONE)
			rc = store_sql_fail(st, err, "set an option");
		st->rules_fresh = false; /* the next check reads the new value */
	}
	snprintf(obj, sizeof obj, "option:%s", key);
	if (!rc && strcmp(old, norm))
		rc = store_audit_note(st, obj, ver, old, norm, err);
	char prev[SC_OPT_VALUE_MAX];
	sc_strlcpy(prev, reg->values[i][slot], sizeof prev);
	if (!rc) {
		for (int k = 0; k < SC_CVER_COUNT; k++)
			sc_site_load(reg, (enum sc_cver)k, &before[k]);
		sc_strlcpy(reg->values[i][slot], norm, sizeof reg->values[i][slot]);
		rc = reconcile_versions(st, reg, before, changes, err);
	}
	store_changes_free(&ignored);
	if (!rc && changes->dry_run) {
		store_rollback(st);
		rc = -1; /* restore the registry below; nothing was written */
	} else {
		rc = store_finish(st, rc, err);
	}
	if (rc) /* the registry shows what the store holds */
		sc_strlcpy(reg->values[i][slot], prev, sizeof reg->values[i][slot]);
	return rc < 0 ? 0 : rc;
}

/* ---- a template's pools follow it to its new cluster ---- */

struct pools {
	const char *tmpl;
	struct pending *items;
	size_t n, cap;
	bool oom;
};

static int collect_pool(const struct sc_object *o, void *arg)
{
	struct pools *p = arg;
	if (strcmp(o->tmpl, p->tmpl))
		return 0;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		struct pending *x = realloc(p->items, cap * sizeof *x);
		if (!x)
			return p->oom = true, 1;
		p->items = x;
		p->cap = cap;
	}
	p->items[p->n++] = (struct pending){.old = *o, .neu = *o};
	return 0;
}

/* A pool runs in the cluster of its template (model/edit.c): a template
 * moved to another cluster takes its pools along, and the new cluster's
 * rules reset what they no longer allow. */
static int follow_template(struct sc_store *st, const struct sc_object *tmpl,
			   struct store_changes *out, struct sc_err *err)
{
	struct pools ps = {.tmpl = tmpl->name};
	int rc = store_object_scan(st, SC_POOL, NULL, 0, -1, collect_pool, &ps, err);
	if (!rc && ps.oom)
		rc = sc_fail(err, SC_ERUNTIME, "out of memory");
	for (size_t i = 0; i < ps.n && !rc; i++) {
		struct pending *p = &ps.items[i];
		struct sc_ctx ctx;
		sc_edit_template(&p->neu, tmpl, false);
		rc = store_rules_ctx(st, p->neu.cluster, &ctx, err);
		if (rc)
			break;
		sc_edit_changed(&p->neu, &ctx, &p->why);
		rc = store_object_update(st, &p->old, &p->neu, err);
		if (!rc && changes_note(out, p))
			rc = sc_fail(err, SC_ERUNTIME, "out of memory");
		for (int m = 0; m < p->why.n && !rc; m++)
			sc_msgs_add(&out->msgs, p->why.m[m].field, "%s '%s': %s",
				    sc_kind_name(p->old.kind), p->old.name, p->why.m[m].text);
	}
	if (!rc)
		out->objects += (long)ps.n;
	free(ps.items);
	return rc;
}

int store_object_save(struct sc_store *st, const struct sc_object *old, struct sc_object *neu,
		      struct store_changes *changes, struct sc_err *err)
{
	struct store_changes ignored = {0};
	if (!changes)
		changes = &ignored;
	changes_reset(changes);
	if (store_begin(st, err))
		return err->status;
	int rc = store_object_update(st, old, neu, err);
	if (!rc && neu->kind == SC_TEMPLATE && strcmp(old->cluster, neu->cluster))
		rc = follow_template(st, neu, changes, err);
	if (!rc && changes->dry_run)
		store_rollback(st);
	else
		rc = store_finish(st, rc, err);
	store_changes_free(&ignored);
	return rc;
}
