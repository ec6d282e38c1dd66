/* Site option values, the audit log and drafts in the store. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "../model/field.h"
#include "../model/utf8.h"
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

/* A filter of three characters or more is answered from the log's
 * indexes (schema.h, AUDIT_STEP): the rows whose object holds it (its
 * trigram index), whose user or field value holds it (each distinct
 * value tested once, found by a skip along its index, its rows read by
 * the same index).  The probe reads their ids up to a limit; when they
 * are fewer (most filters: an object, a user's rare field), each page,
 * count and place reads those rows by id and tests them as the scan
 * does, so the rows are the same.  A broad filter (as many rows or more)
 * and a shorter one (no trigram) walk the log newest first, testing each
 * row, which finds their pages soon; their count is capped. */
#define VALUES_OF(col, t)                                                                  \
	t "(v) AS (SELECT min(" col ") FROM audit UNION ALL SELECT (SELECT min(" col ")"        \
	" FROM audit WHERE " col " > " t ".v) FROM " t " WHERE " t ".v IS NOT NULL)"
#define AUDIT_VALUES "WITH RECURSIVE " VALUES_OF("who", "wv") ", " VALUES_OF("field", "fv")
/* The ids of the rows that hold the filter ($1, its pattern; ?2 the
 * trigram index's phrase), a row once per way that finds it, at most ?3. */
static const char SQL_AUDIT_PROBE_LITE[] = AUDIT_VALUES
	" SELECT rowid FROM audit_fts WHERE audit_fts MATCH ?2"
	" UNION ALL SELECT a.id FROM wv JOIN audit a ON a.who = wv.v"
	" WHERE lower(wv.v) LIKE ?1 ESCAPE '\\'"
	" UNION ALL SELECT a.id FROM fv JOIN audit a ON a.field = fv.v"
	" WHERE lower(fv.v) LIKE ?1 ESCAPE '\\' LIMIT ?3";
/* PostgreSQL: the same from the GIN index of lower(object); each value's
 * rows read along its index up to the limit ($2). */
static const char SQL_AUDIT_PROBE_PG[] = AUDIT_VALUES
	" SELECT id FROM (SELECT id FROM audit WHERE lower(object) LIKE $1 ESCAPE '\\' LIMIT $2) o"
	" UNION ALL SELECT a.id FROM wv CROSS JOIN LATERAL"
	" (SELECT id FROM audit WHERE who = wv.v LIMIT $2) a WHERE lower(wv.v) LIKE $1 ESCAPE '\\'"
	" UNION ALL SELECT a.id FROM fv CROSS JOIN LATERAL"
	" (SELECT id FROM audit WHERE field = fv.v LIMIT $2) a WHERE lower(fv.v) LIKE $1 ESCAPE '\\'"
	" LIMIT $2";
/* The probe's ids ($2): a JSON array on SQLite, an array on PostgreSQL. */
#define IDS_LITE " AND id IN (SELECT value FROM json_each($2))"
#define IDS_PG " AND id = ANY(CAST($2 AS BIGINT[]))"
#define AUDIT_IDS_SEEK(ids, cond, dir)                                                     \
	"SELECT id, at, who, object, field, old, new FROM audit WHERE (" AUDIT_FILTER_EXPR ")" \
	ids cond " ORDER BY id " dir " LIMIT $4 OFFSET $5"
#define AUDIT_IDS_SEEKS(ids)                                                               \
	{{AUDIT_IDS_SEEK(ids, " AND id < $3", "DESC"), AUDIT_IDS_SEEK(ids, " AND id <= $3", "DESC")}, \
	 {AUDIT_IDS_SEEK(ids, " AND id > $3", "ASC"), AUDIT_IDS_SEEK(ids, " AND id >= $3", "ASC")}}
static const char *const SQL_AUDIT_IDS_SEEK[2][2][2] = {AUDIT_IDS_SEEKS(IDS_LITE),
							 AUDIT_IDS_SEEKS(IDS_PG)};
#define AUDIT_IDS_COUNT(ids) "SELECT count(*) FROM audit WHERE (" AUDIT_FILTER_EXPR ")" ids
static const char *const SQL_AUDIT_IDS_COUNT[2] = {AUDIT_IDS_COUNT(IDS_LITE),
						   AUDIT_IDS_COUNT(IDS_PG)};
/* The rows before an id, newest first (oldest first: before it). */
static const char *const SQL_AUDIT_IDS_RANK[2][2] = {
	{AUDIT_IDS_COUNT(IDS_LITE) " AND id > $3", AUDIT_IDS_COUNT(IDS_LITE) " AND id < $3"},
	{AUDIT_IDS_COUNT(IDS_PG) " AND id > $3", AUDIT_IDS_COUNT(IDS_PG) " AND id < $3"}};
/* The ids of the probe's rows that hold the filter. */
#define AUDIT_IDS_LIST(ids) "SELECT id FROM audit WHERE (" AUDIT_FILTER_EXPR ")" ids
static const char *const SQL_AUDIT_IDS_LIST[2] = {AUDIT_IDS_LIST(IDS_LITE),
						  AUDIT_IDS_LIST(IDS_PG)};
/* At most $2 rows of a filter, newest first. */
static const char SQL_AUDIT_COUNT_UPTO[] = "SELECT count(*) FROM (SELECT 1 FROM audit WHERE "
	AUDIT_FILTER_EXPR " ORDER BY id DESC LIMIT $2) x";

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

/* Whether the filter can be asked of the indexes: three characters or
 * more (a trigram), valid UTF-8. */
static bool audit_indexed(const char *filter)
{
	int chars = 0;
	if (!filter || !sc_utf8_text_ok(filter, false))
		return false;
	for (const char *p = filter; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	return chars >= 3;
}

/* A statement over the probe's rows, its filter and ids bound ($1, $2). */
static struct db_stmt *ids_prep(struct sc_store *st, const char *lite, const char *pg,
				const char *filter, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, db_kind(st->db) == DB_SQLITE ? lite : pg, err);
	if (s) {
		bind_filter(s, filter);
		db_bind_text(s, 2, st->audit_ids);
	}
	return s;
}

/* Whether the probe before (prev, kept) found few rows, with the store as
 * it stands now (now: the probe about to be made) and the same limit, for
 * a filter the new one holds (ASCII case folded, as the LIKE folds it):
 * the rows that hold the new filter are among those, the filter being
 * typed on.  Then they are read by id, at the same cost at any size,
 * instead of asking the indexes again. */
static bool prev_holds(const struct count_cache *prev, const struct count_cache *now, long cap,
		       const char *filter)
{
	if (!prev->kept || prev->kind != (int)cap || prev->n >= cap ||
	    prev->data_version != now->data_version || prev->changes != now->changes ||
	    !audit_indexed(prev->filter))
		return false;
	char a[256], b[sizeof prev->filter];
	store_lower_ascii(filter, a, sizeof a);
	store_lower_ascii(prev->filter, b, sizeof b);
	return strlen(filter) < sizeof a && strstr(a, b) != NULL;
}

/* Whether the indexes found fewer rows for the filter than
 * store_by_id_limit() (*few; their ids then in st->audit_ids), asked of
 * them once per filter and state of the store.  Each row is found at
 * most once by each of the three ways: a probe that stops short of three
 * times the limit found every row. */
static int audit_probe(struct sc_store *st, const char *filter, bool *few, struct sc_err *err)
{
	*few = false;
	if (!audit_indexed(filter))
		return 0;
	long cap = store_by_id_limit(), n;
	struct count_cache prev = st->audit_probe;
	int c = store_count_cached(st, &st->audit_probe, (int)cap, filter, &n);
	if (c > 0) {
		*few = n < cap;
		return 0;
	}
	bool lite = db_kind(st->db) == DB_SQLITE;
	bool narrow = c == 0 && prev_holds(&prev, &st->audit_probe, cap, filter);
	struct db_stmt *s = narrow ? ids_prep(st, SQL_AUDIT_IDS_LIST[0], SQL_AUDIT_IDS_LIST[1],
					      filter, err)
			    : store_prep(st, lite ? SQL_AUDIT_PROBE_LITE : SQL_AUDIT_PROBE_PG, err);
	if (!s)
		return err->status;
	if (!narrow)
		bind_filter(s, filter);
	if (lite && !narrow)
		store_bind_fts(s, 2, filter);
	struct id_list l = {0};
	long rows, limit = 3 * (cap - 1) + 1;
	if (store_ids_run(st, s, narrow ? 3 : lite ? 3 : 2, limit, &l, &rows, err)) {
		free(l.v);
		return err->status;
	}
	n = cap;
	if (rows < limit) {
		store_ids_unique(&l, 0);
		if ((long)l.n < cap)
			n = (long)l.n;
	}
	free(st->audit_ids);
	st->audit_ids = n < cap ? store_ids_text(&l, l.n, lite ? "[]" : "{}") : NULL;
	free(l.v);
	if (n < cap && !st->audit_ids) {
		st->audit_probe.kept = false;
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	}
	store_count_keep(st, &st->audit_probe, c, n);
	*few = n < cap;
	return 0;
}

int store_audit_seek(struct sc_store *st, const char *filter, const struct store_seek *sk,
		     long limit, store_audit_cb cb, void *arg, struct sc_err *err)
{
	int k = 2, at = sk->key && sk->at;
	bool few;
	if (audit_probe(st, filter, &few, err))
		return err->status;
	struct db_stmt *s = few ? ids_prep(st, SQL_AUDIT_IDS_SEEK[0][sk->desc][at],
					   SQL_AUDIT_IDS_SEEK[1][sk->desc][at], filter, err)
				: store_prep(st, SQL_AUDIT_SEEK[sk->desc][at], err);
	if (!s)
		return err->status;
	if (few)
		k = 3;
	else
		bind_filter(s, filter);
	/* from the start: past the newest (or before the oldest) row */
	db_bind_int64(s, k, sk->key ? sk->key->num : sk->desc ? INT64_MIN : INT64_MAX);
	db_bind_int64(s, k + 1, limit < 0 ? STORE_NO_LIMIT : limit);
	db_bind_int64(s, k + 2, sk->offset);
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
	return store_count_step(st, s, "count the audit log", out, err);
}

/* Counted once per filter and state of the store: History asks at every
 * full draw, and the log only grows (a million rows take 50-100 ms). */
int store_audit_count(struct sc_store *st, const char *filter, long *out, struct sc_err *err)
{
	int c = store_count_cached(st, &st->audit_count, 0, filter, out);
	if (c > 0)
		return 0;
	bool few;
	if (audit_probe(st, filter, &few, err))
		return err->status;
	if (few) { /* the probe's rows, by id */
		struct db_stmt *s = ids_prep(st, SQL_AUDIT_IDS_COUNT[0], SQL_AUDIT_IDS_COUNT[1],
					     filter, err);
		if (!s)
			return err->status;
		if (store_count_step(st, s, "count the audit log", out, err))
			return err->status;
	} else if (audit_count_sql(st, SQL_AUDIT_COUNT, filter, NULL, out, err)) {
		return err->status;
	}
	store_count_keep(st, &st->audit_count, c, *out);
	return 0;
}

/* A filter the probe found few rows for is counted exactly (by id); a
 * broader one up to cap, newest first, which stops soon (kept as the
 * exact count is). */
int store_audit_count_upto(struct sc_store *st, const char *filter, long cap, long *out,
			   bool *more, struct sc_err *err)
{
	bool few;
	*more = false;
	if (!filter || !*filter)
		return store_audit_count(st, filter, out, err);
	if (audit_probe(st, filter, &few, err))
		return err->status;
	if (few)
		return store_audit_count(st, filter, out, err);
	if (audit_indexed(filter) && cap < store_by_id_limit()) {
		*out = cap; /* the probe found more than cap */
		*more = true;
		return 0;
	}
	int c = store_count_cached(st, &st->audit_upto, (int)cap, filter, out);
	if (c <= 0) {
		struct db_stmt *s = store_prep(st, SQL_AUDIT_COUNT_UPTO, err);
		if (!s)
			return err->status;
		bind_filter(s, filter);
		db_bind_int64(s, 2, cap + 1);
		if (store_count_step(st, s, "count the audit log", out, err))
			return err->status;
		store_count_keep(st, &st->audit_upto, c, *out);
	}
	if (*out > cap) {
		*out = cap;
		*more = true;
	}
	return 0;
}

/* A row's place counts the rows before it in the order shown; when the
 * row is nearer the other end of the log (End, or a jump into the older
 * half), the rows from it on are fewer to count, and its place is the
 * log's count (kept, above) less those. */
int store_audit_rank(struct sc_store *st, const char *filter, bool desc, int64_t id,
		     long *out, struct sc_err *err)
{
	bool few;
	if (audit_probe(st, filter, &few, err))
		return err->status;
	struct db_stmt *s;
	if (few) { /* the probe's rows before it, by id */
		if (!(s = ids_prep(st, SQL_AUDIT_IDS_RANK[0][desc], SQL_AUDIT_IDS_RANK[1][desc],
				   filter, err)))
			return err->status;
		db_bind_int64(s, 3, id);
		return store_count_step(st, s, "count the audit log", out, err);
	}
	s = store_prep(st, SQL_AUDIT_ENDS, err);
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

int store_audit_plan(struct sc_store *st, const char *filter, char *out, size_t n)
{
	out[0] = '\0';
	bool lite = db_kind(st->db) == DB_SQLITE;
	const char *const sql[] = {lite ? SQL_AUDIT_PROBE_LITE : SQL_AUDIT_PROBE_PG,
				   SQL_AUDIT_IDS_SEEK[!lite][0][0], SQL_AUDIT_IDS_COUNT[!lite]};
	static const char *const title[] = {"probe", "page by id", "count by id"};
	/* statements are cached by the address of their text: one each */
	static char text[2][3][2048];
	struct sc_err err;
	bool few;
	if (audit_probe(st, filter, &few, &err) || !few)
		return -1;
	size_t len = 0;
	for (int i = 0; i < 3 && len < n; i++) {
		len += (size_t)snprintf(out + len, n - len, "-- %s\n", title[i]);
		snprintf(text[!lite][i], sizeof text[0][0], "%s %s",
			 lite ? "EXPLAIN QUERY PLAN" : "EXPLAIN", sql[i]);
		struct db_stmt *s = db_prep(st->db, text[!lite][i]);
		if (!s)
			return -1;
		bind_filter(s, filter);
		if (i == 0 && lite)
			store_bind_fts(s, 2, filter);
		else if (i > 0)
			db_bind_text(s, 2, st->audit_ids);
		db_bind_int64(s, i == 0 ? 3 - !lite : 3, i == 0 ? 10 : INT64_MAX);
		if (i == 1) {
			db_bind_int64(s, 4, 20);
			db_bind_int64(s, 5, 0);
		}
		int rc;
		while ((rc = db_step(s)) == DB_ROW && len < n)
			len += (size_t)snprintf(out + len, n - len, "%s\n",
						db_col_text(s, lite ? 3 : 0));
		db_reset(s);
		if (rc == DB_ERROR)
			return -1;
	}
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
