/* Site option values, the audit log and drafts in the store. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "../model/field.h"
#include "fileio.h"
#include "store_impl.h"

#define col_text db_col_text

/* ---- options ---- */

static const char SQL_OPT_ALL[] = "SELECT option_name, option_value, version FROM vdc_options";

int store_options_read(struct sc_store *st, struct sc_optreg *reg, struct sc_msgs *notes,
		       struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_OPT_ALL, err);
	if (!s)
		return err->status;
	memset(reg->values, 0, sizeof reg->values);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int i = sc_opt_find(reg, col_text(s, 0));
		const char *ver = col_text(s, 2);
		int slot = strcmp(ver, "general") == 0 ? SC_OPT_GENERAL : sc_cver_parse(ver);
		bool is_version = strcmp(ver, "general") != 0;
		/* rows of unknown options or versions (a newer spicecfg) are kept, unused */
		if (i < 0 || slot < 0 || is_version != reg->defs[i].per_version)
			continue;
		/* a value written around spicecfg is checked as one written through it */
		char norm[SC_OPT_VALUE_MAX];
		struct sc_err e;
		if (sc_opt_validate(&reg->defs[i], col_text(s, 1), norm, sizeof norm, &e)) {
			if (notes)
				sc_msgs_add(notes, -1, "the store's site option %s (version %s) is not "
					    "used: %.500s; the default %s applies",
					    reg->defs[i].key, ver, e.msg,
					    reg->defs[i].defaults[slot]);
			continue;
		}
		sc_strlcpy(reg->values[i][slot], norm, sizeof reg->values[i][slot]);
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "read site options");
	db_reset(s);
	return 0;
}

int store_options_load(struct sc_store *st, struct sc_optreg *reg, struct sc_err *err)
{
	if (store_options_read(st, reg, &st->notes, err))
		return err->status;
	if (!st->rules && !(st->rules = malloc(sizeof *st->rules)))
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	memcpy(st->rules, reg, sizeof *reg);
	st->rules_fresh = false; /* read again by the next check */
	return 0;
}

int store_rules_load(struct sc_store *st, struct sc_err *err)
{
	if (!st->rules)
		return sc_fail(err, SC_ERUNTIME,
			       "the site option definitions are not loaded; cannot check the rules");
	if (st->rules_fresh && st->tx_depth > 0)
		return 0;
	if (store_options_read(st, st->rules, NULL, err))
		return err->status;
	for (int v = 0; v < SC_CVER_COUNT; v++)
		sc_ctx_init(&st->rules_ctx[v], st->rules, (enum sc_cver)v);
	/* kept until the transaction ends: no one else can change them */
	st->rules_fresh = st->tx_depth > 0;
	return 0;
}

/* ---- audit ---- */

#define AUDIT_FILTER                                                                      \
	" WHERE CAST($1 AS TEXT) IS NULL OR lower(object) LIKE $1 ESCAPE '\\'"                \
	" OR lower(who) LIKE $1 ESCAPE '\\' OR lower(field) LIKE $1 ESCAPE '\\'"
static const char SQL_AUDIT_SCAN[] = "SELECT id, at, who, object, field, old, new FROM audit"
	AUDIT_FILTER " ORDER BY id DESC LIMIT $2 OFFSET $3";
/* Keyset pages of the log, newest first (reversed: oldest first), from the
 * id of the row before (and past sk->offset rows, for a jump): the primary
 * key serves the seek. */
#define AUDIT_SEEK(cond, dir)                                                              \
	"SELECT id, at, who, object, field, old, new FROM audit WHERE (" AUDIT_FILTER_EXPR ")" \
	cond " ORDER BY id " dir " LIMIT $3 OFFSET $4"
#define AUDIT_FILTER_EXPR                                                                 \
	"CAST($1 AS TEXT) IS NULL OR lower(object) LIKE $1 ESCAPE '\\'"                      \
	" OR lower(who) LIKE $1 ESCAPE '\\' OR lower(field) LIKE $1 ESCAPE '\\'"
static const char *const SQL_AUDIT_SEEK[2][2] = {
	{AUDIT_SEEK(" AND id < $2", "DESC"), AUDIT_SEEK(" AND id <= $2", "DESC")},
	{AUDIT_SEEK(" AND id > $2", "ASC"), AUDIT_SEEK(" AND id >= $2", "ASC")},
};
static const char SQL_AUDIT_SINCE[] = "SELECT id, at, who, object, field, old, new FROM audit"
	" WHERE id > $1 ORDER BY id LIMIT 1000";
static const char SQL_AUDIT_MAX[] = "SELECT coalesce(max(id), 0) FROM audit";
static const char SQL_AUDIT_COUNT[] = "SELECT count(*) FROM audit" AUDIT_FILTER;
/* The rows before an id in the log's order: newer ones (oldest first: older
 * ones), a range of the primary key. */
static const char *const SQL_AUDIT_RANK[2] = {
	"SELECT count(*) FROM audit WHERE (" AUDIT_FILTER_EXPR ") AND id > $2",
	"SELECT count(*) FROM audit WHERE (" AUDIT_FILTER_EXPR ") AND id < $2",
};
/* The rows from an id on, the other way: with the log's count, the place
 * of a row nearer the far end than the near one. */
static const char *const SQL_AUDIT_RANK_REST[2] = {
	"SELECT count(*) FROM audit WHERE (" AUDIT_FILTER_EXPR ") AND id <= $2",
	"SELECT count(*) FROM audit WHERE (" AUDIT_FILTER_EXPR ") AND id >= $2",
};
/* The ends of the log (one seek of the primary key each). */
static const char SQL_AUDIT_ENDS[] =
	"SELECT (SELECT coalesce(min(id), 0) FROM audit), (SELECT coalesce(max(id), 0) FROM audit)";

static void bind_filter(struct db_stmt *s, const char *filter)
{
	char pat[256];
	if (filter && *filter) {
		store_like_pattern(filter, pat, sizeof pat);
		db_bind_text(s, 1, pat);
	} else {
		db_bind_text(s, 1, NULL);
	}
}

static void read_audit(struct db_stmt *s, struct store_audit *a)
{
	a->id = db_col_int64(s, 0);
	sc_strlcpy(a->at, col_text(s, 1), sizeof a->at);
	sc_strlcpy(a->who, col_text(s, 2), sizeof a->who);
	sc_strlcpy(a->object, col_text(s, 3), sizeof a->object);
	sc_strlcpy(a->field, col_text(s, 4), sizeof a->field);
	a->old = db_col_null(s, 5) ? NULL : col_text(s, 5);
	a->neu = db_col_null(s, 6) ? NULL : col_text(s, 6);
}

/* Hands each row of a bound audit statement to cb until it says stop. */
static int walk_audit(struct sc_store *st, struct db_stmt *s, store_audit_cb cb, void *arg,
		      struct sc_err *err)
{
	int rc;
	struct store_audit a;
	while ((rc = db_step(s)) == DB_ROW) {
		read_audit(s, &a);
		if (cb(&a, arg)) {
			rc = DB_DONE;
			break;
		}
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "read the audit log");
	db_reset(s);
	return 0;
}

int store_audit_scan(struct sc_store *st, const char *filter, long offset, long limit,
		     store_audit_cb cb, void *arg, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_AUDIT_SCAN, err);
	if (!s)
		return err->status;
	bind_filter(s, filter);
	db_bind_int64(s, 2, limit < 0 ? STORE_NO_LIMIT : limit);
	db_bind_int64(s, 3, offset);
	return walk_audit(st, s, cb, arg, err);
}

int store_audit_seek(struct sc_store *st, const char *filter, const struct store_seek *sk,
		     long limit, store_audit_cb cb, void *arg, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_AUDIT_SEEK[sk->desc][sk->key && sk->at], err);
	if (!s)
		return err->status;
	bind_filter(s, filter);
	/* from the start: past the newest (or before the oldest) row */
	db_bind_int64(s, 2, sk->key ? sk->key->num : sk->desc ? INT64_MIN : INT64_MAX);
	db_bind_int64(s, 3, limit < 0 ? STORE_NO_LIMIT : limit);
	db_bind_int64(s, 4, sk->offset);
	return walk_audit(st, s, cb, arg, err);
}

/* One count of the log (SQL with the filter and, past it, an id). */
static int audit_count_sql(struct sc_store *st, const char *sql, const char *filter,
			   const int64_t *id, long *out, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, sql, err);
	if (!s)
		return err->status;
	bind_filter(s, filter);
	if (id)
		db_bind_int64(s, 2, *id);
	if (db_step(s) != DB_ROW)
		return store_sql_fail(st, err, "count the audit log");
	*out = (long)db_col_int64(s, 0);
	db_reset(s);
	return 0;
}

/* Counted once per filter and state of the store: History asks at every
 * full draw, and the log only grows (a million rows take 50-100 ms). */
int store_audit_count(struct sc_store *st, const char *filter, long *out, struct sc_err *err)
{
	int c = store_count_cached(st, &st->audit_count, 0, filter, out);
	if (c > 0)
		return 0;
	if (audit_count_sql(st, SQL_AUDIT_COUNT, filter, NULL, out, err))
		return err->status;
	store_count_keep(st, &st->audit_count, c, *out);
	return 0;
}

/* A row's place counts the rows before it in the order shown; when the
 * row is nearer the other end of the log (End, or a jump into the older
 * half), the rows from it on are fewer to count, and its place is the
 * log's count (kept, above) less those. */
int store_audit_rank(struct sc_store *st, const char *filter, bool desc, int64_t id,
		     long *out, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_AUDIT_ENDS, err);
	if (!s)
		return err->status;
	if (db_step(s) != DB_ROW)
		return store_sql_fail(st, err, "read the audit log");
	int64_t lo = db_col_int64(s, 0), hi = db_col_int64(s, 1);
	db_reset(s);
	/* newest first (!desc), the rows before id are those above it */
	int64_t near = desc ? id - lo : hi - id, far = desc ? hi - id : id - lo;
	long all, rest;
	if (near <= far)
		return audit_count_sql(st, SQL_AUDIT_RANK[desc], filter, &id, out, err);
	if (store_audit_count(st, filter, &all, err) ||
	    audit_count_sql(st, SQL_AUDIT_RANK_REST[desc], filter, &id, &rest, err))
		return err->status;
	*out = all - rest;
	return 0;
}

int store_watch_fd(struct sc_store *st) { return db_notify_fd(st->db); }

int store_poll_changes(struct sc_store *st, store_audit_cb cb, void *arg, struct sc_err *err)
{
	int notes = db_notify_drain(st->db);
	if (notes < 0)
		return store_sql_fail(st, err, "read change notifications");
	/* With notifications (PostgreSQL) the audit log is read only when a
	 * session committed something: idle screens cost the server nothing. */
	if (db_notify_fd(st->db) >= 0 && st->seen_audit_id != 0 && notes == 0)
		return 0;
	struct db_stmt *s;
	if (st->seen_audit_id == 0) {
		if (!(s = store_prep(st, SQL_AUDIT_MAX, err)))
			return err->status;
		if (db_step(s) != DB_ROW)
			return store_sql_fail(st, err, "read the audit log");
		st->seen_audit_id = db_col_int64(s, 0);
		db_reset(s);
		if (st->seen_audit_id == 0)
			st->seen_audit_id = -1; /* empty log: start before the first row */
		return 0;
	}
	if (!(s = store_prep(st, SQL_AUDIT_SINCE, err)))
		return err->status;
	db_bind_int64(s, 1, st->seen_audit_id < 0 ? 0 : st->seen_audit_id);
	int rc;
	struct store_audit a;
	while ((rc = db_step(s)) == DB_ROW) {
		read_audit(s, &a);
		st->seen_audit_id = a.id;
		if (cb && cb(&a, arg))
			break;
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "read the audit log");
	db_reset(s);
	return 0;
}

/* ---- drafts ---- */

static const char SQL_DRAFT_ADD[] =
	"INSERT INTO drafts(at, who, orig_name, orig_rowver, data) VALUES ($1, $2, $3, $4, $5)";
static const char SQL_DRAFT_LATEST[] = "SELECT id, at, who, orig_name, orig_rowver, data "
				       "FROM drafts WHERE who = $1 ORDER BY id DESC LIMIT 1";
static const char SQL_DRAFT_RM[] = "DELETE FROM drafts WHERE id = $1";

/* A draft is "key=value" lines: kind, every field, and the chosen migration
 * (the form keeps it even while native USB pins the effective one). */
static void draft_encode(const struct sc_object *o, char *buf, size_t n)
{
	size_t len = (size_t)snprintf(buf, n, "kind=%s\nmigration_choice=%s\nuuid=%s\n",
				      sc_kind_name(o->kind), sc_migration_name(o->migration),
				      o->uuid);
	char v[SC_DESC_MAX + 1];
	for (int f = 0; f < SC_F_COUNT && len < n; f++) {
		if (!sc_field_applies(f, o->kind) || f == SC_F_MIGRATION)
			continue;
		sc_field_get(o, f, v, sizeof v);
		len += (size_t)snprintf(buf + len, n - len, "%s=%s\n", sc_field_info(f)->key, v);
	}
}

static void draft_decode(const char *data, struct sc_object *o)
{
	char line[SC_DESC_MAX + 64];
	sc_field_defaults(o, SC_VM); /* the "kind" line sets the kind */
	for (const char *p = data; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len < sizeof line) {
			memcpy(line, p, len);
			line[len] = '\0';
			char *eq = strchr(line, '=');
			if (eq) {
				*eq = '\0';
				int f = sc_field_lookup(line), k;
				if (strcmp(line, "kind") == 0 && (k = sc_kind_parse(eq + 1)) > 0)
					o->kind = (enum sc_kind)k;
				else if (strcmp(line, "uuid") == 0)
					sc_strlcpy(o->uuid, eq + 1, sizeof o->uuid);
				else if (strcmp(line, "migration_choice") == 0)
					sc_field_set(o, SC_F_MIGRATION, eq + 1, NULL);
				else if (f >= 0 && f != SC_F_MIGRATION)
					sc_field_set(o, f, eq + 1, NULL); /* a bad line is dropped */
			}
		}
		p += len + (nl ? 1 : 0);
	}
}

/* A draft that cannot reach the store (a PostgreSQL server gone away) is kept
 * in a local file until the store is back: $XDG_DATA_HOME/spicecfg/draft.local. */
static int local_draft_path(char *buf, size_t n)
{
	const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	int w = x && *x ? snprintf(buf, n, "%s/spicecfg/draft.local", x)
		: h && *h ? snprintf(buf, n, "%s/.local/share/spicecfg/draft.local", h)
			  : -1;
	return w < 0 || (size_t)w >= n ? -1 : 0;
}

static int save_local_draft(struct sc_store *st, const struct store_draft *d, const char *at,
			    const char *data, struct sc_err *err)
{
	char path[4096], *buf;
	if (local_draft_path(path, sizeof path) || store_mkdirs(path, err))
		return sc_fail(err, SC_ERUNTIME, "no place for a local draft");
	size_t n = strlen(data) + strlen(st->path) + 512;
	if (!(buf = malloc(n)))
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	int len = snprintf(buf, n, "store=%s\nwho=%s\nat=%s\norig_name=%s\norig_rowver=%lld\n%s",
			   st->path, st->who, at, d->orig_name, (long long)d->orig_rowver, data);
	int rc = fileio_write(path, buf, (size_t)len, 0600, err);
	free(buf);
	return rc;
}

/* The local draft of this store and user, if there is one (id -1). */
static int load_local_draft(struct sc_store *st, struct store_draft *out)
{
	char path[4096], *data, *body;
	size_t len;
	struct sc_err e;
	if (local_draft_path(path, sizeof path) ||
	    fileio_read(path, 1 << 16, &data, &len, &e) != SC_OK)
		return -1;
	char store[4096] = "", who[64] = "", name[SC_NAME_MAX + 1] = "", at[32] = "";
	long long rowver = 0;
	int ok = sscanf(data, "store=%4095[^\n]\nwho=%63[^\n]\nat=%31[^\n]\norig_name=%64[^\n]\n",
			store, who, at, name) >= 3;
	body = strstr(data, "\norig_rowver=");
	if (!ok || !body || strcmp(store, st->path) || strcmp(who, st->who)) {
		free(data);
		return -1;
	}
	rowver = strtoll(body + 13, &body, 10);
	memset(out, 0, sizeof *out);
	out->id = -1;
	sc_strlcpy(out->at, at, sizeof out->at);
	sc_strlcpy(out->who, who, sizeof out->who);
	sc_strlcpy(out->orig_name, name, sizeof out->orig_name);
	out->orig_rowver = rowver;
	draft_decode(body, &out->obj);
	free(data);
	return 0;
}

int store_draft_save(struct sc_store *st, const struct store_draft *d, struct sc_err *err)
{
	char data[SC_DESC_MAX + 2048], at[32];
	draft_encode(&d->obj, data, sizeof data);
	store_now(at, sizeof at);
	int rc = store_begin(st, err);
	struct db_stmt *s = rc ? NULL : store_prep(st, SQL_DRAFT_ADD, err);
	if (!rc && !s)
		rc = err->status;
	if (!rc) {
		db_bind_text(s, 1, at);
		db_bind_text(s, 2, st->who);
		db_bind_text(s, 3, d->orig_name);
		db_bind_int64(s, 4, d->orig_rowver);
		db_bind_text(s, 5, data);
		if (db_step(s) != DB_DONE)
			rc = store_sql_fail(st, err, "save a draft");
	}
	rc = store_finish(st, rc, err);
	if (rc && db_errkind(st->db) == DB_E_CONN)
		return save_local_draft(st, d, at, data, err);
	return rc;
}

int store_draft_latest(struct sc_store *st, struct store_draft *out, struct sc_err *err)
{
	if (load_local_draft(st, out) == 0)
		return 0;
	struct db_stmt *s = store_prep(st, SQL_DRAFT_LATEST, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, st->who);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return sc_fail(err, SC_ENOTFOUND, "no draft");
	if (rc != DB_ROW)
		return store_sql_fail(st, err, "read drafts");
	memset(out, 0, sizeof *out);
	out->id = db_col_int64(s, 0);
	sc_strlcpy(out->at, col_text(s, 1), sizeof out->at);
	sc_strlcpy(out->who, col_text(s, 2), sizeof out->who);
	sc_strlcpy(out->orig_name, col_text(s, 3), sizeof out->orig_name);
	out->orig_rowver = db_col_int64(s, 4);
	draft_decode(col_text(s, 5), &out->obj);
	db_reset(s);
	return 0;
}

int store_draft_delete(struct sc_store *st, int64_t id, struct sc_err *err)
{
	if (id == -1) {
		char path[4096];
		if (local_draft_path(path, sizeof path) == 0 && unlink(path) < 0 && errno != ENOENT)
			return sc_fail(err, SC_ERUNTIME, "cannot remove %s: %s", path, strerror(errno));
		return 0;
	}
	struct db_stmt *s = store_prep(st, SQL_DRAFT_RM, err);
	if (!s)
		return err->status;
	db_bind_int64(s, 1, id);
	if (db_step(s) != DB_DONE)
		return store_sql_fail(st, err, "delete a draft");
	return 0;
}
