/* Clusters, VMs, templates and pools in the store. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../model/edit.h"
#include "../model/field.h"
#include "../model/utf8.h"
#include "store_impl.h"

/* ---- helpers ---- */

#define col_text db_col_text

/* Whether a filter is answered from the substring index: three characters
 * or more (the trigrams' least; shorter ones scan). */
/* Every filter is answered from an index: one of three characters or more
 * from the substring index, a shorter one (which matches at the start
 * only, sc_filter_is_prefix) from the indexes on name, OS and cluster. */
static bool filter_indexed(const char *filter)
{
	return filter && *filter;
}

/* Binds the filter as the phrase the names' trigram index is asked for
 * ($i): its rows are those whose name holds the text, case folded, a
 * superset of those the LIKE of the filter keeps by name. */
int store_bind_fts(struct db_stmt *s, int i, const char *filter)
{
	char q[2 * SC_NAME_MAX + 24];
	size_t k = 0;
	q[k++] = '"';
	for (const char *p = filter; *p && k + 4 < sizeof q; p++) {
		if (*p == '"')
			q[k++] = '"';
		q[k++] = *p;
	}
	q[k++] = '"';
	q[k] = '\0';
	db_bind_text(s, i, q);
	return i + 1;
}

/* A short filter: its spellings with each ASCII letter in
 * either case (the names are ASCII; the filter test folds ASCII only),
 * each once; returns how many (1, 2 or 4). */
enum { PREFIX_SPELLINGS = 4 };
static int prefix_spellings(const char *filter, char out[PREFIX_SPELLINGS][16])
{
	size_t n = strlen(filter);
	if (n >= sizeof out[0])
		n = sizeof out[0] - 1;
	size_t letters[2];
	int nl = 0;
	for (size_t k = 0; k < n && nl < 2; k++)
		if ((filter[k] >= 'a' && filter[k] <= 'z') || (filter[k] >= 'A' && filter[k] <= 'Z'))
			letters[nl++] = k;
	for (int v = 0; v < 1 << nl; v++) {
		memcpy(out[v], filter, n);
		out[v][n] = '\0';
		for (int j = 0; j < nl; j++) {
			char c = (char)(out[v][letters[j]] | 0x20);
			out[v][letters[j]] = v & (1 << j) ? (char)(c - 32) : c;
		}
	}
	return 1 << nl;
}

/* SQLite, a filter shorter than three characters: the ranges of the
 * (kind, name) and (kind, os, name) indexes that hold the texts starting
 * with it in each letter case ($2..$9: four [from, to) pairs, at most two
 * letters).  Returns the next $n. */
enum { PREFIX_RANGES = PREFIX_SPELLINGS };
static int bind_prefix(struct db_stmt *s, const char *filter)
{
	char lo[PREFIX_SPELLINGS][16], hi[16];
	int nsp = prefix_spellings(filter, lo);
	for (int v = 0; v < PREFIX_RANGES; v++) {
		const char *from = lo[v % nsp]; /* the spellings repeat past nsp */
		size_t n = strlen(from);
		/* the first text past the prefix: its last byte below 0xff, plus one */
		memcpy(hi, from, n + 1);
		size_t e = n;
		while (e > 0 && (unsigned char)hi[e - 1] == 0xff)
			hi[--e] = '\0';
		if (e > 0)
			hi[e - 1]++;
		db_bind_text(s, 2 + 2 * v, from);
		db_bind_text(s, 3 + 2 * v, e > 0 ? hi : NULL);
	}
	return 2 + 2 * PREFIX_RANGES;
}

/* Binds a filter as a LIKE pattern, or NULL for "everything".  A short
 * filter matches at the start only: no leading '%'. */
static void bind_filter(struct db_stmt *s, int i, const char *filter)
{
	char pat[2 * SC_NAME_MAX + 8];
	if (filter && *filter) {
		store_like_pattern(filter, pat, sizeof pat);
		db_bind_text(s, i, pat + sc_filter_is_prefix(filter));
	} else {
		db_bind_text(s, i, NULL);
	}
}

static int step_done(struct sc_store *st, struct db_stmt *s, const char *what,
		     struct sc_err *err)
{
	return db_step(s) == DB_ERROR ? store_sql_fail(st, err, what) : 0;
}

static void new_uuid(char out[SC_UUID_LEN + 1])
{
	unsigned char b[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, b, sizeof b) : -1;
	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)sizeof b) {
		static unsigned seed;
		if (!seed)
			seed = (unsigned)time(NULL) ^ (unsigned)getpid();
		for (size_t i = 0; i < sizeof b; i++)
			b[i] = (unsigned char)rand_r(&seed);
	}
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, SC_UUID_LEN + 1,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
		 b[15]);
}

static int unique_fail(struct sc_store *st, const char *kind, const char *name,
		       const char *what, struct sc_err *err)
{
	if (db_errkind(st->db) == DB_E_UNIQUE)
		return sc_fail(err, SC_EEXIST, "%s '%s' already exists", kind, name);
	return store_sql_fail(st, err, what);
}

static int conflict(const char *kind, const char *name, struct sc_err *err)
{
	return sc_fail(err, SC_ECONFLICT,
		       "%s '%s' was changed by someone else since it was read; nothing was saved "
		       "(reload it and apply your change again)",
		       kind, name);
}

/* "count, example" of the rows that still refer to a row being removed */
#define USERS_SQL(col) \
	"SELECT count(*), min(kind || ' ''' || name || '''') FROM objects WHERE " col " = $1"

static int refuse_if_used(struct sc_store *st, const char *sql, int64_t id, const char *what,
			  const char *name, const char *advice, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, sql, err);
	if (!s)
		return err->status;
	db_bind_int64(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "look up references");
	if (rc == DB_ROW && db_col_int64(s, 0) > 0)
		rc = sc_fail(err, SC_ERUNTIME, "%s '%s' %s %lld objects (e.g. %s); %s", what, name,
			     !strcmp(what, "cluster") ? "still holds" : "is used by",
			     (long long)db_col_int64(s, 0), col_text(s, 1), advice);
	else
		rc = 0;
	db_reset(s);
	return rc;
}

/* ---- clusters ---- */

static const char SQL_CL_GET[] =
	"SELECT id, rowver, name, version, spice_proxy FROM clusters WHERE name = $1";
static const char SQL_CL_ADD[] =
	"INSERT INTO clusters(name, version, spice_proxy) VALUES ($1, $2, $3) RETURNING id";
static const char SQL_CL_UPD[] = "UPDATE clusters SET name = $1, version = $2, spice_proxy = $3,"
				 " rowver = rowver + 1"
				 " WHERE id = $4 AND rowver = $5 RETURNING rowver";
static const char SQL_CL_USERS[] = USERS_SQL("cluster_id");
static const char SQL_CL_RM[] = "DELETE FROM clusters WHERE id = $1";
#define CL_FILTER " WHERE CAST($1 AS TEXT) IS NULL OR lower(name) LIKE $1 ESCAPE '\\'"
static const char SQL_CL_SCAN[] = "SELECT id, rowver, name, version, spice_proxy FROM clusters"
				  CL_FILTER
				  " ORDER BY name LIMIT $2 OFFSET $3";
static const char SQL_CL_COUNT[] = "SELECT count(*) FROM clusters" CL_FILTER;
static const char SQL_CL_NAMES[] = "SELECT name FROM clusters ORDER BY name LIMIT 20";

static void read_cluster(struct db_stmt *s, struct sc_cluster *c)
{
	c->id = db_col_int64(s, 0);
	c->rowver = db_col_int64(s, 1);
	sc_strlcpy(c->name, col_text(s, 2), sizeof c->name);
	int v = sc_cver_parse(col_text(s, 3));
	c->version = v < 0 ? SC_CVER_30 : (enum sc_cver)v;
	sc_strlcpy(c->spice_proxy, col_text(s, 4), sizeof c->spice_proxy);
}

static int no_cluster(struct sc_store *st, const char *name, struct sc_err *err)
{
	struct sc_err e2;
	struct db_stmt *s = store_prep(st, SQL_CL_NAMES, &e2);
	char names[1024] = "";
	size_t len = 0;
	while (s && db_step(s) == DB_ROW && len < sizeof names)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", len ? ", " : "",
					col_text(s, 0));
	if (s)
		db_reset(s);
	return sc_fail(err, SC_ENOTFOUND, "cluster '%s' does not exist; existing clusters: %s",
		       name, *names ? names : "none (add one with: spicecfg cluster add NAME "
					      "version=3.1)");
}

int store_cluster_get(struct sc_store *st, const char *name, struct sc_cluster *out,
		      struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_CL_GET, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, name);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		read_cluster(s, out);
		db_reset(s); /* a statement left open would pin this read's snapshot */
		return 0;
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "read a cluster");
	return no_cluster(st, name, err);
}

static int cluster_audit(struct sc_store *st, const struct sc_cluster *old,
			 const struct sc_cluster *neu, struct sc_err *err)
{
	char obj[96];
	snprintf(obj, sizeof obj, "cluster:%s", neu->name);
	if (!old)
		return store_audit_note(st, obj, "*", NULL, "created", err);
	if (strcmp(old->name, neu->name) &&
	    store_audit_note(st, obj, "name", old->name, neu->name, err))
		return err->status;
	if (old->version != neu->version &&
	    store_audit_note(st, obj, "version", sc_cver_name(old->version),
			     sc_cver_name(neu->version), err))
		return err->status;
	if (strcmp(old->spice_proxy, neu->spice_proxy) &&
	    store_audit_note(st, obj, "spice_proxy", old->spice_proxy, neu->spice_proxy, err))
		return err->status;
	return 0;
}

int store_cluster_add(struct sc_store *st, struct sc_cluster *c, struct sc_err *err)
{
	if (store_begin(st, err))
		return err->status;
	int rc = 0;
	struct db_stmt *s = store_prep(st, SQL_CL_ADD, err);
	if (!s)
		return store_finish(st, err->status, err);
	db_bind_text(s, 1, c->name);
	db_bind_text(s, 2, sc_cver_name(c->version));
	db_bind_text(s, 3, c->spice_proxy);
	if (db_step(s) != DB_ROW)
		rc = unique_fail(st, "cluster", c->name, "add a cluster", err);
	if (!rc) {
		c->id = db_col_int64(s, 0);
		db_reset(s);
		c->rowver = 1;
		rc = cluster_audit(st, NULL, c, err);
	}
	return store_finish(st, rc, err);
}

int store_cluster_write(struct sc_store *st, const struct sc_cluster *old,
			struct sc_cluster *neu, struct sc_err *err)
{
	st->last_cluster[0] = '\0';
	if (store_begin(st, err))
		return err->status;
	int rc = 0;
	struct db_stmt *s = store_prep(st, SQL_CL_UPD, err);
	if (!s)
		return store_finish(st, err->status, err);
	db_bind_text(s, 1, neu->name);
	db_bind_text(s, 2, sc_cver_name(neu->version));
	db_bind_text(s, 3, neu->spice_proxy);
	db_bind_int64(s, 4, old->id);
	db_bind_int64(s, 5, old->rowver);
	int step = db_step(s);
	if (step == DB_ERROR)
		rc = unique_fail(st, "cluster", neu->name, "update a cluster", err);
	else if (step == DB_DONE)
		rc = conflict("cluster", old->name, err);
	db_reset(s);
	if (!rc) {
		neu->id = old->id;
		neu->rowver = old->rowver + 1;
		rc = cluster_audit(st, old, neu, err);
	}
	return store_finish(st, rc, err);
}

int store_cluster_rm(struct sc_store *st, const char *name, struct sc_err *err)
{
	struct sc_cluster c;
	st->last_cluster[0] = '\0';
	if (store_begin(st, err))
		return err->status;
	int rc = store_cluster_get(st, name, &c, err);
	if (!rc)
		rc = refuse_if_used(st, SQL_CL_USERS, c.id, "cluster", name,
				    "remove or move them first", err);
	if (!rc)
		rc = store_cluster_hosts_refuse(st, c.id, name, err);
	struct db_stmt *s = rc ? NULL : store_prep(st, SQL_CL_RM, err);
	if (!rc && !s)
		rc = err->status;
	if (!rc) {
		db_bind_int64(s, 1, c.id);
		rc = step_done(st, s, "remove a cluster", err);
	}
	if (!rc) {
		char obj[96];
		snprintf(obj, sizeof obj, "cluster:%s", name);
		rc = store_audit_note(st, obj, "*", sc_cver_name(c.version), "deleted", err);
	}
	return store_finish(st, rc, err);
}

int store_cluster_scan(struct sc_store *st, const char *filter, long offset, long limit,
		       store_cluster_cb cb, void *arg, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_CL_SCAN, err);
	if (!s)
		return err->status;
	bind_filter(s, 1, filter);
	db_bind_int64(s, 2, limit < 0 ? STORE_NO_LIMIT : limit);
	db_bind_int64(s, 3, offset);
	int rc;
	struct sc_cluster c;
	while ((rc = db_step(s)) == DB_ROW) {
		read_cluster(s, &c);
		if (cb(&c, arg))
			break;
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "list clusters");
	db_reset(s);
	return 0;
}

/* ---- objects ---- */

/* The statements on objects are written from the field table at first use:
 * the fixed columns (id, rowver, uuid, kind) and then one column per field,
 * in the table's order.  A reference (cluster, template) is stored as the
 * row id and read as the name it joins to. */
#define OBJ_FROM                                                                          \
	" FROM objects o JOIN clusters c ON c.id = o.cluster_id "                            \
	"LEFT JOIN objects t ON t.id = o.template_id "
#define OBJ_FILTER                                                                        \
	"WHERE o.kind = $1 AND (CAST($2 AS TEXT) IS NULL OR lower(o.name) LIKE $2 ESCAPE '\\'" \
	" OR lower(o.os) LIKE $2 ESCAPE '\\' OR lower(c.name) LIKE $2 ESCAPE '\\') "
/* SQLite: the OS values of kind k that hold the LIKE pattern p, one seek
 * of the (kind, os, name) index per distinct value (a few dozen at most:
 * the OS is a choice); the ids of the rows of kind k with those OS, and
 * of those in a cluster whose name holds p (the clusters are few), each
 * group along its index. */
#define OS_HOLDING_LITE(k, p)                                                             \
	"WITH RECURSIVE d(os) AS (SELECT min(os) FROM objects WHERE kind = " k " UNION ALL"    \
	" SELECT (SELECT min(os) FROM objects WHERE kind = " k " AND os > d.os) FROM d"        \
	" WHERE d.os IS NOT NULL) SELECT os FROM d WHERE lower(os) LIKE " p " ESCAPE '\\'"
#define OS_ROWS_LITE(k, p)                                                                \
	"SELECT p.id FROM (" OS_HOLDING_LITE(k, p) ") h CROSS JOIN objects p"                 \
	" ON p.kind = " k " AND p.os = h.os"
#define CLUSTER_ROWS_LITE(k, p)                                                           \
	"SELECT p.id FROM clusters c2 CROSS JOIN objects p ON p.kind = " k                    \
	" AND p.cluster_id = c2.id WHERE lower(c2.name) LIKE " p " ESCAPE '\\'"
/* The same rows on SQLite, found first from the names' trigram index
 * ($2) and the OS values and clusters that hold the filter ($3).  Few of
 * them are read by id and sorted ("+" keeps the planner off the index on
 * kind, which would test every row of the kind against the list); many
 * are found by walking the order's index until a page is full. */
#define OBJ_FILTER_FTS_TAIL                                                               \
	" AND o.id IN (SELECT rowid FROM names_fts WHERE names_fts MATCH $2 UNION ALL "        \
	OS_ROWS_LITE("$1", "$3") " UNION ALL " CLUSTER_ROWS_LITE("$1", "$3") ")"              \
	" AND (lower(o.name) LIKE $3 ESCAPE '\\'"                                             \
	" OR lower(o.os) LIKE $3 ESCAPE '\\' OR lower(c.name) LIKE $3 ESCAPE '\\') "
#define OBJ_FILTER_FTS "WHERE o.kind = $1" OBJ_FILTER_FTS_TAIL
#define OBJ_FILTER_FTS_BY_ID "WHERE +o.kind = $1" OBJ_FILTER_FTS_TAIL
/* PostgreSQL, a filter that no cluster's name holds (pg_trgm_only): the
 * name and OS tests alone, which pg_trgm's GIN indexes serve and whose
 * selectivity the planner estimates from them, so that it reads a few
 * matching rows by a bitmap scan and sorts them, or walks the order's
 * index for a filter that many rows hold.  (The ids of all matching rows
 * gathered first cost a second at a million rows for a broad filter.)  A
 * filter that a cluster's name holds takes OBJ_FILTER: every row of that
 * cluster matches, many rows, found along the order's index. */
#define OBJ_FILTER_TRGM                                                                   \
	"WHERE o.kind = $1 AND (lower(o.name) LIKE $2 ESCAPE '\\'"                            \
	" OR lower(o.os) LIKE $2 ESCAPE '\\') "
/* The same in the order of the OS, when the probe (filter_few) found the
 * least and the greatest OS of the rows that hold the filter ($3, $4):
 * a page starts at the first OS that can hold a row, not at the first of
 * the index (the Windows rows are at its end, after half a million). */
#define OBJ_FILTER_TRGM_OS OBJ_FILTER_TRGM "AND o.os >= $3 AND o.os <= $4 "
/* SQLite, the same for a filter answered along the order's index: the
 * bounds found by os_bounds_lite ($3, $4). */
#define OBJ_FILTER_OS OBJ_FILTER "AND o.os >= $3 AND o.os <= $4 "
/* SQLite, a short filter (bind_prefix): the ids in the ranges of names and
 * OS, and of the clusters whose name starts with it ($10), then the rows
 * read by id and tested as in OBJ_FILTER.  (PostgreSQL answers the short
 * prefix pattern from the trigram indexes: OBJ_FILTER_TRGM.) */
#define PREFIX_VALUES "(VALUES ($2, $3), ($4, $5), ($6, $7), ($8, $9)) v"
#define OBJ_PREFIX_IDS                                                                    \
	"SELECT p.id FROM " PREFIX_VALUES " JOIN objects p ON p.kind = $1"                    \
	" AND p.name >= v.column1 AND p.name < v.column2 UNION ALL SELECT p.id FROM "         \
	PREFIX_VALUES " JOIN objects p ON p.kind = $1 AND p.os >= v.column1"                  \
	" AND p.os < v.column2 UNION ALL SELECT p.id FROM clusters c2 CROSS JOIN objects p"    \
	" WHERE lower(c2.name) LIKE $10 ESCAPE '\\' AND p.kind = $1 AND p.cluster_id = c2.id"
#define OBJ_FILTER_PREFIX                                                                 \
	"WHERE +o.kind = $1 AND o.id IN (" OBJ_PREFIX_IDS ") AND (lower(o.name) LIKE $10"     \
	" ESCAPE '\\' OR lower(o.os) LIKE $10 ESCAPE '\\' OR lower(c.name) LIKE $10 ESCAPE '\\') "
/* SQLite, the ids the last probe found for its filter (filter_few,
 * fill_ids), when they were few: the rows read by id without asking the
 * index again for every page and count. */
#define OBJ_FILTER_IDS                                                                    \
	"WHERE +o.kind = $1 AND o.id IN temp.filter_ids AND (lower(o.name) LIKE $2 ESCAPE '\\'" \
	" OR lower(o.os) LIKE $2 ESCAPE '\\' OR lower(c.name) LIKE $2 ESCAPE '\\') "
/* PostgreSQL, the same from the ids the trigram indexes found for a
 * filter that no cluster's name holds (filter_few), bound as an array
 * ($2): each id is a row whose name or OS held the filter when the write
 * stamp was what it still is, so no row is tested again. */
#define OBJ_FILTER_ARRAY "WHERE o.kind = $1 AND o.id = ANY(CAST($2 AS BIGINT[])) "
/* How a filter is answered: by a scan, from the index in the order's
 * index, from the index by id, or (PostgreSQL) from the trigram indexes;
 * a short one on SQLite by id from the prefix ranges; the ids kept (in a
 * table on SQLite, an array on PostgreSQL). */
enum {
	FILT_SCAN,
	FILT_FTS,
	FILT_FTS_BY_ID,
	FILT_TRGM,
	FILT_TRGM_OS,
	FILT_PREFIX_BY_ID,
	FILT_IDS,
	FILT_ARRAY,
	FILT_SCAN_OS,
	FILT_WAYS
};
/* PostgreSQL: the way a filter is answered, FILT_TRGM when no cluster's
 * name holds it (OBJ_FILTER_TRGM), else FILT_SCAN (also when the clusters
 * cannot be read: the scan is right for any filter). */
static const char SQL_CL_HOLDS[] = "SELECT count(*) FROM clusters WHERE lower(name) LIKE $1 ESCAPE '\\'";

static int pg_filter_way(struct sc_store *st, const char *filter)
{
	struct sc_err e;
	struct db_stmt *s = store_prep(st, SQL_CL_HOLDS, &e);
	if (!s)
		return FILT_SCAN;
	bind_filter(s, 1, filter);
	bool none = db_step(s) == DB_ROW && db_col_int64(s, 0) == 0;
	db_reset(s);
	return none ? FILT_TRGM : FILT_SCAN;
}

/* Below this many rows found, a page reads them by id and sorts them;
 * from this many on, it walks the order's index testing each row.  The
 * index is asked for at most this many rows, once per filter and state of
 * the store (filter_few), so the first step of a keystroke costs the
 * same on a store of a thousand rows and of a million. */
static long fts_by_id_max = 1001;

void store_filter_by_id_max(long n) { fts_by_id_max = n; }
long store_by_id_limit(void) { return fts_by_id_max; }
enum { COL_ID, COL_ROWVER, COL_UUID, COL_KIND, COL_FIELDS };
enum { BIND_KIND = 1, BIND_UUID, BIND_FIELDS }; /* $n of INSERT and UPDATE */

/* A field in SQL: its column, or the name a reference joins to. */
static void field_expr(int f, char *buf, size_t n)
{
	const struct sc_field_info *fi = sc_field_info(f);
	if (fi->kind == SC_FK_REF)
		snprintf(buf, n, "%c.name", fi->ref == SC_CLUSTER ? 'c' : 't');
	else
		snprintf(buf, n, "o.%s", fi->column);
}

/* What a list orders by: the value shown.  The migration policy in force is
 * pinned while native USB is on (SPEC §2), which the table's accessor says
 * for a row in memory and this expression for rows in the store. */
static void sort_expr(int f, char *buf, size_t n)
{
	if (f == SC_F_MIGRATION)
		snprintf(buf, n, "CASE WHEN o.usb = 'native' THEN 'pinned' ELSE o.migration END");
	else if (f == SC_F_TEMPLATE) /* no template sorts first on both backends */
		snprintf(buf, n, "COALESCE(t.name, '')");
	else
		field_expr(f, buf, n);
}

#define SQL_MAX 2048
/* How a seek starts: at the first row of its direction, after the key,
 * or at the key itself. */
enum { SEEK_START, SEEK_AFTER, SEEK_AT, SEEK_KEYS };
static struct obj_sql {
	bool built;
	char get[SQL_MAX], add[SQL_MAX], upd[SQL_MAX];
	char add_lite[SQL_MAX]; /* add without RETURNING (store_object_add) */
	/* one per sort order, scan direction, key test and filter by the
	 * substring index or not (cached by address) */
	char seek[SC_F_COUNT][2][SEEK_KEYS][FILT_WAYS][SQL_MAX];
	/* PostgreSQL's Cluster and Template orders, unfiltered (build_group_pg) */
	char group_pg[2][2][SEEK_KEYS][SQL_MAX];
	/* the Template order's rows without a template */
	char seek_none[2][SEEK_KEYS][FILT_WAYS][SQL_MAX];
	/* the same, only rows whose name starts with a pattern (quick search) */
	char named[SC_F_COUNT][2][SEEK_KEYS][FILT_WAYS][SQL_MAX];
	char named_none[2][SEEK_KEYS][FILT_WAYS][SQL_MAX];
	/* the rows before a key in each order and direction (its position) */
	char rank[SC_F_COUNT][2][FILT_WAYS + 1][SQL_MAX]; /* the last: no filter */
	int nbind;                          /* $n of the fields */
} objsql;

static size_t cat(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static size_t cat(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int w = len < SQL_MAX ? vsnprintf(buf + len, SQL_MAX - len, fmt, ap) : 0;
	va_end(ap);
	return len + (w > 0 ? (size_t)w : 0);
}

/* A page in the order of field f (then name, which is unique per kind):
 * rows compared with the key ($3, $4) as a row value, which both backends
 * answer from an index on (kind, value, name) without reading the rows
 * before it.  The sort value is the last column: the next page's key. */
/* The WHERE clause of a page, count or rank whose filter is answered the
 * way fts says (FILT_*), and the $n of the key after that clause's own. */
static const char *filter_where(int fts)
{
	switch (fts) {
	case FILT_FTS_BY_ID: return OBJ_FILTER_FTS_BY_ID;
	case FILT_FTS: return OBJ_FILTER_FTS;
	case FILT_TRGM: return OBJ_FILTER_TRGM;
	case FILT_TRGM_OS: return OBJ_FILTER_TRGM_OS;
	case FILT_PREFIX_BY_ID: return OBJ_FILTER_PREFIX;
	case FILT_IDS: return OBJ_FILTER_IDS;
	case FILT_ARRAY: return OBJ_FILTER_ARRAY;
	case FILT_SCAN_OS: return OBJ_FILTER_OS;
	default: return OBJ_FILTER;
	}
}

static int key_param(int fts)
{
	return fts == FILT_FTS || fts == FILT_FTS_BY_ID ? 4
	       : fts == FILT_PREFIX_BY_ID		  ? 11
	       : fts == FILT_TRGM_OS || fts == FILT_SCAN_OS ? 5
							  : 3;
}

/* A quick search's condition on the name: its pattern comes before the
 * limit and the offset, which move one $n on (SQLite numbers the $n in
 * the order they appear). */
static size_t cat_named(char *buf, size_t n, bool named, int lim)
{
	return named ? cat(buf, n, "AND lower(o.name) LIKE $%d ESCAPE '\\' ", lim) : n;
}

static void build_seek(char *buf, const char *cols, int f, int desc, int key, int fts,
		       bool named)
{
	const char *filt = filter_where(fts);
	int k1 = key_param(fts);
	static const char *const cmp[2][SEEK_KEYS] = {{"", ">", ">="}, {"", "<", "<="}};
	const char *dir = desc ? " DESC" : "";
	char expr[128];
	sort_expr(f, expr, sizeof expr);
	size_t n;
	int lim = key == SEEK_START ? k1 : k1 + 2;
	if (f == SC_F_CLUSTER) {
		/* The few clusters in name order, each one's rows by the index on
		 * (kind, cluster_id, name): a page without sorting every row.  In
		 * the key's cluster the names start after the key's name; in the
		 * others after '' or before '~' (past every valid name). */
		n = cat(buf, 0, "SELECT %s, c.name FROM clusters c CROSS JOIN objects o "
			"LEFT JOIN objects t ON t.id = o.template_id %s"
			"AND c.id = o.cluster_id ", cols, filt);
		if (key != SEEK_START)
			n = cat(buf, n, "AND c.name %s $%d AND o.name %s CASE WHEN c.name = $%d THEN $%d "
				"ELSE '%s' END ", cmp[desc][SEEK_AT], k1, cmp[desc][key], k1, k1 + 1,
				desc ? "~" : "");
		n = cat_named(buf, n, named, lim);
	} else if (f == SC_F_TEMPLATE) {
		/* The rows that have a template (those without: build_seek_none),
		 * the templates in name order, each one's rows by the index on
		 * (kind, template_id, name), as for clusters. */
		n = cat(buf, 0, "SELECT %s, tt.name FROM objects tt CROSS JOIN objects o "
			"JOIN clusters c ON c.id = o.cluster_id "
			"LEFT JOIN objects t ON t.id = o.template_id %s"
			"AND tt.kind = 'template' AND o.template_id = tt.id ", cols, filt);
		if (key != SEEK_START)
			n = cat(buf, n, "AND tt.name %s $%d AND o.name %s CASE WHEN tt.name = $%d THEN $%d "
				"ELSE '%s' END ", cmp[desc][SEEK_AT], k1, cmp[desc][key], k1, k1 + 1,
				desc ? "~" : "");
		n = cat_named(buf, n, named, lim);
		n = cat(buf, n, "ORDER BY tt.name%s, o.name%s", dir, dir);
		cat(buf, n, " LIMIT $%d OFFSET $%d", lim + named, lim + named + 1);
		return;
	} else {
		n = cat(buf, 0, "SELECT %s, %s" OBJ_FROM "%s", cols, expr, filt);
		if (key != SEEK_START)
			n = cat(buf, n, "AND (%s, o.name) %s ($%d, $%d) ", expr, cmp[desc][key], k1,
				k1 + 1);
		n = cat_named(buf, n, named, lim);
	}
	if (f == SC_F_NAME)
		n = cat(buf, n, "ORDER BY o.name%s", dir);
	else
		n = cat(buf, n, "ORDER BY %s%s, o.name%s", expr, dir, dir);
	cat(buf, n, " LIMIT $%d OFFSET $%d", lim + named, lim + named + 1);
}

/* PostgreSQL, the Cluster and Template orders: its planner does not walk
 * the clusters (templates) in name order and each one's rows along the
 * index on (kind, cluster_id, name) as SQLite's does, but sorts every row.
 * Each group's first rows are read in a LATERAL subquery instead (at most
 * a page and the rows skipped), and only those are sorted. */
static void build_group_pg(char *buf, const char *cols, int f, int desc, int key)
{
	static const char *const cmp[2][SEEK_KEYS] = {{"", ">", ">="}, {"", "<", "<="}};
	const char *dir = desc ? " DESC" : "";
	bool cl = f == SC_F_CLUSTER;
	const char *g = cl ? "c" : "tt";
	int k1 = 3, lim = key == SEEK_START ? k1 : k1 + 2;
	size_t n;
	if (cl)
		n = cat(buf, 0, "SELECT %s, c.name FROM clusters c CROSS JOIN LATERAL (SELECT o.*"
			" FROM objects o " OBJ_FILTER "AND c.id = o.cluster_id ", cols);
	else
		n = cat(buf, 0, "SELECT %s, tt.name FROM objects tt CROSS JOIN LATERAL (SELECT o.*"
			" FROM objects o JOIN clusters c ON c.id = o.cluster_id " OBJ_FILTER
			"AND o.template_id = tt.id ", cols);
	if (key != SEEK_START)
		n = cat(buf, n, "AND %s.name %s $%d AND o.name %s CASE WHEN %s.name = $%d THEN $%d "
			"ELSE '%s' END ", g, cmp[desc][SEEK_AT], k1, cmp[desc][key], g, k1, k1 + 1,
			desc ? "~" : "");
	n = cat(buf, n, "ORDER BY o.name%s LIMIT CASE WHEN $%d > 4611686018427387903 THEN NULL "
		"ELSE $%d + $%d END) o ", dir, lim, lim, lim + 1);
	if (!cl)
		n = cat(buf, n, "JOIN clusters c ON c.id = o.cluster_id ");
	n = cat(buf, n, "LEFT JOIN objects t ON t.id = o.template_id %s"
		"ORDER BY %s.name%s, o.name%s LIMIT $%d OFFSET $%d",
		cl ? "" : "WHERE tt.kind = 'template' ", g, dir, dir, lim, lim + 1);
}

/* The rows without a template in the Template order (they come first, their
 * sort value ''): by name along the index on (kind, template_id, name).  A
 * key here is one of them ($k1 is '', named only to keep the $n). */
static void build_seek_none(char *buf, const char *cols, int desc, int key, int fts,
			    bool named)
{
	const char *filt = filter_where(fts);
	int k1 = key_param(fts);
	static const char *const cmp[2][SEEK_KEYS] = {{"", ">", ">="}, {"", "<", "<="}};
	const char *dir = desc ? " DESC" : "";
	int lim = key == SEEK_START ? k1 : k1 + 2;
	size_t n = cat(buf, 0, "SELECT %s, ''" OBJ_FROM "%sAND o.template_id IS NULL ", cols, filt);
	if (key != SEEK_START)
		n = cat(buf, n, "AND CAST($%d AS TEXT) IS NOT NULL AND o.name %s $%d ", k1,
			cmp[desc][key], k1 + 1);
	n = cat_named(buf, n, named, lim);
	n = cat(buf, n, "ORDER BY o.name%s", dir);
	cat(buf, n, " LIMIT $%d OFFSET $%d", lim + named, lim + named + 1);
}

/* The rows that come before the key ($k1, $k1 + 1) in the order of field
 * f: those the backwards seek from it reads, counted from the same index
 * (the same $n as the seek, up to the key). */
static void build_rank(char *buf, int f, int desc, int fts)
{
	const char *filt = filter_where(fts);
	int k1 = key_param(fts);
	char expr[128];
	sort_expr(f, expr, sizeof expr);
	size_t n;
	if (fts < 0) { /* no filter: only the joins the order needs, an index alone */
		n = cat(buf, 0, "SELECT count(*) FROM objects o %sWHERE o.kind = $1 ",
			f == SC_F_CLUSTER    ? "JOIN clusters c ON c.id = o.cluster_id "
			: f == SC_F_TEMPLATE ? "LEFT JOIN objects t ON t.id = o.template_id "
					     : "");
		k1 = 2;
	} else {
		n = cat(buf, 0, "SELECT count(*)" OBJ_FROM "%s", filt);
	}
	cat(buf, n, "AND (%s, o.name) %s ($%d, $%d)", expr, desc ? ">" : "<", k1, k1 + 1);
}

static void read_order_init(void);

static void build_sql(void)
{
	read_order_init();
	char cols[SQL_MAX], expr[128];
	size_t nc = cat(cols, 0, "o.id, o.rowver, o.uuid, o.kind");
	size_t na = cat(objsql.add, 0, "INSERT INTO objects(kind, uuid");
	size_t nu = cat(objsql.upd, 0, "UPDATE objects SET kind = $%d, uuid = $%d", BIND_KIND,
			BIND_UUID);
	char values[256];
	size_t nv = cat(values, 0, "$%d, $%d", BIND_KIND, BIND_UUID);
	int b = BIND_FIELDS;
	for (int f = 0; f < SC_F_COUNT; f++, b++) {
		const char *col = sc_field_info(f)->column;
		field_expr(f, expr, sizeof expr);
		nc = cat(cols, nc, ", %s", expr);
		na = cat(objsql.add, na, ", %s", col);
		nv = cat(values, nv, ", $%d", b);
		nu = cat(objsql.upd, nu, ", %s = $%d", col, b);
	}
	objsql.nbind = b;
	memcpy(objsql.add_lite, objsql.add, na);
	cat(objsql.add_lite, na, ") VALUES (%s)", values);
	cat(objsql.add, na, ") VALUES (%s) RETURNING id", values);
	cat(objsql.upd, nu, ", rowver = rowver + 1 WHERE id = $%d AND rowver = $%d RETURNING rowver",
	    b, b + 1);
	cat(objsql.get, 0, "SELECT %s" OBJ_FROM "WHERE o.kind = $1 AND o.name = $2", cols);
	for (int f = 0; f < SC_F_COUNT; f++)
		if (sc_field_info(f)->sortable)
			for (int d = 0; d < 2; d++)
				for (int k = 0; k < SEEK_KEYS; k++)
					for (int x = 0; x < FILT_WAYS; x++)
						for (int m = 0; m < 2; m++)
							build_seek(m ? objsql.named[f][d][k][x]
								     : objsql.seek[f][d][k][x],
								   cols, f, d, k, x, m);
	for (int d = 0; d < 2; d++)
		for (int k = 0; k < SEEK_KEYS; k++) {
			build_group_pg(objsql.group_pg[0][d][k], cols, SC_F_CLUSTER, d, k);
			build_group_pg(objsql.group_pg[1][d][k], cols, SC_F_TEMPLATE, d, k);
		}
	for (int d = 0; d < 2; d++)
		for (int k = 0; k < SEEK_KEYS; k++)
			for (int x = 0; x < FILT_WAYS; x++)
				for (int m = 0; m < 2; m++)
					build_seek_none(m ? objsql.named_none[d][k][x]
							  : objsql.seek_none[d][k][x],
							cols, d, k, x, m);
	for (int f = 0; f < SC_F_COUNT; f++)
		if (sc_field_info(f)->sortable)
			for (int d = 0; d < 2; d++)
				for (int x = 0; x < FILT_WAYS; x++)
					build_rank(objsql.rank[f][d][x], f, d, x);
	for (int f = 0; f < SC_F_COUNT; f++)
		if (sc_field_info(f)->sortable)
			for (int d = 0; d < 2; d++)
				build_rank(objsql.rank[f][d][FILT_WAYS], f, d, -1);
	objsql.built = true;
}

static const struct obj_sql *obj_sql(void)
{
	if (!objsql.built)
		build_sql();
	return &objsql;
}

static const char SQL_OBJ_COUNT[] =
	"SELECT count(*) FROM objects o JOIN clusters c ON c.id = o.cluster_id " OBJ_FILTER;
static const char SQL_OBJ_COUNT_FTS[] =
	"SELECT count(*) FROM objects o JOIN clusters c ON c.id = o.cluster_id " OBJ_FILTER_FTS_BY_ID;
static const char SQL_OBJ_COUNT_TRGM[] =
	"SELECT count(*) FROM objects o JOIN clusters c ON c.id = o.cluster_id " OBJ_FILTER_TRGM;
/* At most $3 rows of a filter, along the kind's index. */
static const char SQL_OBJ_COUNT_UPTO[] =
	"SELECT count(*) FROM (SELECT 1 FROM objects o JOIN clusters c ON c.id = o.cluster_id "
	OBJ_FILTER "LIMIT $3) x";
static const char SQL_OBJ_COUNT_UPTO_TRGM[] =
	"SELECT count(*) FROM (SELECT 1 FROM objects o JOIN clusters c ON c.id = o.cluster_id "
	OBJ_FILTER_TRGM "LIMIT $3) x";
static const char SQL_OBJ_COUNT_IDS[] =
	"SELECT count(*) FROM objects o JOIN clusters c ON c.id = o.cluster_id " OBJ_FILTER_IDS;
static const char SQL_OBJ_COUNT_ARRAY[] =
	"SELECT count(*) FROM objects o JOIN clusters c ON c.id = o.cluster_id " OBJ_FILTER_ARRAY;
/* PostgreSQL, the ids of the rows whose name or OS holds the filter, as
 * OBJ_FILTER_TRGM tests them, from btrees whose scans stop at the LIMIT
 * (a trigram index is read whole into a bitmap first).  The OS: the
 * kind's few values, one step of the (kind, os, name) index each, those
 * that hold the filter; then at most $3 rows of each of those along the
 * same index (the order by name keeps the planner on it: a sequential
 * scan reads every row for a value few rows have). */
static const char SQL_OS_HOLDS_PG[] =
	"WITH RECURSIVE d(os) AS (SELECT min(os) FROM objects WHERE kind = $1 UNION ALL"
	" SELECT (SELECT min(os) FROM objects WHERE kind = $1 AND os > d.os) FROM d"
	" WHERE d.os IS NOT NULL) SELECT os FROM d WHERE lower(os) LIKE $2 ESCAPE '\\'";
static const char SQL_OS_IDS_PG[] =
	"SELECT id FROM objects WHERE kind = $1 AND os = $2 ORDER BY name LIMIT $3";
/* How many, up to $3, from the index alone (no row read): an OS that many
 * rows have makes the filter a broad one without its ids. */
static const char SQL_OS_COUNT_PG[] =
	"SELECT count(*) FROM (SELECT 1 FROM objects WHERE kind = $1 AND os = $2 LIMIT $3) x";
/* The least and the greatest OS of the rows of the kind among ids ($2)
 * and of the bounds so far ($3, $4, NULL for none), in the order of the
 * OS's index. */
static const char SQL_OS_BOUNDS_PG[] =
	"SELECT least(min(os), CAST($3 AS TEXT)), greatest(max(os), CAST($4 AS TEXT)) FROM objects"
	" WHERE kind = $1 AND id = ANY(CAST($2 AS BIGINT[]))";
/* A short filter, which matches at the start only (probe_prefix_pg): the
 * OS values as for a long one, and the rows of the kind whose name starts
 * with one spelling of it in letter case ($2, in the names' C order), at
 * most $3, a range of the (kind, name) index that the LIMIT stops.  (The
 * trigram indexes read every posting of the filter's padded trigrams into
 * a bitmap first, and give no OS bounds.) */
static const char SQL_PREFIX_NAME_IDS_PG[] =
	"SELECT id FROM objects WHERE kind = $1 AND name >= $2 AND name < $2 || chr(1114111)"
	" ORDER BY name LIMIT $3";
/* The least and the greatest OS of the rows of the kind that hold a short
 * filter ($2, its pattern): the OS values that hold it, and those that
 * have a row whose name starts with one of its spellings ($3..$6), each
 * one step of the (kind, os, name) index, and one more per spelling to
 * the first name at or past it in that OS: exact however many names hold
 * it.  (An EXISTS of the range let the planner scan the table for an OS
 * that few rows have, 0.2 s each at a million rows; a subquery per
 * spelling took 2-3 ms to plan, this one 0.5 ms.) */
static const char SQL_PREFIX_OS_BOUNDS_PG[] =
	"WITH RECURSIVE d(os) AS (SELECT min(os) FROM objects WHERE kind = $1 UNION ALL"
	" SELECT (SELECT min(os) FROM objects WHERE kind = $1 AND os > d.os) FROM d"
	" WHERE d.os IS NOT NULL) SELECT min(os), max(os) FROM d WHERE lower(os) LIKE $2"
	" ESCAPE '\\' OR EXISTS (SELECT 1 FROM (VALUES ($3), ($4), ($5), ($6)) v(s) WHERE"
	" (SELECT p.name FROM objects p WHERE p.kind = $1 AND p.os = d.os AND p.name >= v.s"
	" ORDER BY p.os, p.name LIMIT 1) < v.s || chr(1114111))";
/* The name: at most $2 suffixes (schema.h) that start with the filter
 * lower-cased ($1, literal), of names of any kind; an id comes once per
 * place its name holds the filter. */
static const char SQL_NAME_IDS_PG[] =
	"SELECT id FROM name_suffixes WHERE suf >= $1 AND suf < $1 || chr(1114111) ORDER BY suf"
	" LIMIT $2";
static const char SQL_OBJ_COUNT_PREFIX[] =
	"SELECT count(*) FROM objects o JOIN clusters c ON c.id = o.cluster_id " OBJ_FILTER_PREFIX;
/* SQLite numbers $n parameters in the order they first appear in the
 * text: $1 is named first. */
static const char SQL_PREFIX_FEW[] =
	"WITH first(kind) AS (SELECT $1) SELECT count(*) FROM (" OBJ_PREFIX_IDS " LIMIT $11)";
/* The rows that hold a filter, kept for the pages: at most ?4 each of
 * those whose name holds it (?1, from the names' trigram index, of any
 * kind: the index alone, no row read), of kind ?2 whose OS holds it (?3,
 * the LIKE pattern) and in a cluster whose name holds it; each id once.
 * (SQLite's own statements, numbered ?n: each number is its place
 * whatever the order the parameters appear in.) */
static const char SQL_IDS_CREATE[] =
	"CREATE TEMP TABLE IF NOT EXISTS filter_ids(id INTEGER PRIMARY KEY)";
static const char SQL_IDS_CLEAR[] = "DELETE FROM temp.filter_ids";
static const char *const SQL_IDS_FILL[] = {
	"INSERT OR IGNORE INTO temp.filter_ids SELECT rowid FROM names_fts"
	" WHERE names_fts MATCH ?1 LIMIT ?4",
	"INSERT OR IGNORE INTO temp.filter_ids " OS_ROWS_LITE("?2", "?3") " LIMIT ?4",
	"INSERT OR IGNORE INTO temp.filter_ids " CLUSTER_ROWS_LITE("?2", "?3") " LIMIT ?4"};
enum { IDS_PARTS = sizeof SQL_IDS_FILL / sizeof *SQL_IDS_FILL };
static const char SQL_IDS_COUNT[] = "SELECT count(*) FROM temp.filter_ids";
/* At most $2 rows whose name holds a filter, of any kind. */
static const char SQL_FTS_FEW[] =
	"SELECT count(*) FROM (SELECT 1 FROM names_fts WHERE names_fts MATCH $1 LIMIT $2)";
/* How many rows the three ways of SQL_IDS_FILL find, each id once, each
 * way at most ?4 of them. */
static const char SQL_IDS_UPTO[] =
	"SELECT count(*) FROM (SELECT * FROM (SELECT rowid FROM names_fts WHERE names_fts"
	" MATCH ?1 LIMIT ?4) UNION SELECT * FROM (" OS_ROWS_LITE("?2", "?3") " LIMIT ?4)"
	" UNION SELECT * FROM (" CLUSTER_ROWS_LITE("?2", "?3") " LIMIT ?4))";

/* Binds the four ?n of SQL_IDS_FILL and SQL_IDS_UPTO. */
static void bind_ids_way(struct db_stmt *s, enum sc_kind kind, const char *filter, long limit)
{
	store_bind_fts(s, 1, filter);
	db_bind_text(s, 2, sc_kind_name(kind));
	bind_filter(s, 3, filter);
	db_bind_int64(s, 4, limit);
}
/* At most $2 rows of the other kinds than $1 (two ranges of the index on
 * (kind, name)). */
static const char SQL_OTHER_KINDS[] =
	"SELECT count(*) FROM (SELECT 1 FROM objects WHERE kind < $1 UNION ALL"
	" SELECT 1 FROM objects WHERE kind > $1 LIMIT $2)";
static const char SQL_LAST_ID[] = "SELECT last_insert_rowid()";
static const char SQL_OBJ_COUNT_ALL[] = "SELECT count(*) FROM objects WHERE kind = $1";
/* VMs are nearly all the rows: the whole table's count (which SQLite takes
 * from the b-tree without reading rows) minus the few other rows costs a
 * fraction of counting 100k index entries one by one. */
static const char SQL_VM_COUNT[] =
	"SELECT (SELECT count(*) FROM objects) - (SELECT count(*) FROM objects WHERE kind < $1)"
	" - (SELECT count(*) FROM objects WHERE kind > $1)";
static const char SQL_TMPL_ID[] = "SELECT id FROM objects WHERE kind = 'template' AND name = $1";
static const char SQL_OBJ_USERS[] = USERS_SQL("template_id");
static const char SQL_OBJ_RM[] = "DELETE FROM objects WHERE id = $1";

static int enum_col(struct db_stmt *s, int i, int (*parse)(const char *))
{
	int v = parse(col_text(s, i));
	return v < 0 ? 0 : v;
}

static void add_note(struct sc_store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One note per distinct text: an object read again says it once. */
static void add_note(struct sc_store *st, const char *fmt, ...)
{
	char text[sizeof st->notes.m[0].text];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	for (int i = 0; i < st->notes.n; i++)
		if (strcmp(st->notes.m[i].text, text) == 0)
			return;
	if (st->notes.n < SC_MSGS_MAX - 1)
		sc_msgs_add(&st->notes, -1, "%s", text);
	else if (st->notes.n == SC_MSGS_MAX - 1) /* the last one says there are more */
		sc_msgs_add(&st->notes, -1, "more values in the store are outside their "
			    "definitions; their defaults are used");
}

/* A value outside its definition, replaced by the table's default, with
 * a note naming the row, the field and what is valid. */
static void bad_field(struct sc_store *st, struct sc_object *o, int f, struct sc_err *e)
{
	const struct sc_field_info *fi = sc_field_info(f);
	sc_field_set(o, f, fi->dflt, NULL);
	/* a long list of valid values ends at a whole value */
	if (strlen(e->msg) > 140) {
		e->msg[136] = '\0';
		char *comma = strrchr(e->msg, ',');
		if (comma)
			strcpy(comma, ", ...");
	}
	add_note(st, "%s '%s' in the store: %s used for %s: %.140s", sc_kind_name(o->kind),
		 o->name, *fi->dflt ? fi->dflt : "empty text", fi->key, e->msg);
}

/* A row is checked against the field definitions as a value typed by a
 * user would be: one written around spicecfg (sqlite3, psql) and outside
 * them is not trusted but replaced by the table's default, with a note.
 * (Names and references are the store's own; check boxes are 0 or not.)
 * The values spicecfg writes are checked cheaply: a number stored as an
 * integer against its range, a choice against its names as written; any
 * other form goes through the parser a typed value does. */
static void read_field(struct sc_store *st, struct db_stmt *s, struct sc_object *o, int f)
{
	const struct sc_field_info *fi = sc_field_info(f);
	int col = COL_FIELDS + f;
	struct sc_err e;
	if (fi->kind == SC_FK_NAME || fi->kind == SC_FK_REF) {
		sc_field_set_raw(o, f, col_text(s, col));
		return;
	}
	if (fi->kind == SC_FK_BOOL) {
		sc_field_set_int(o, f, db_col_int64(s, col) != 0);
		return;
	}
	if (!sc_field_applies(f, o->kind))
		return;
	if (fi->type == SC_FT_INT && !fi->names && db_col_is_int(s, col)) {
		int64_t v = db_col_int64(s, col);
		if (v >= fi->min && v <= fi->max) {
			sc_field_set_int(o, f, (int)v);
			return;
		}
	} else if (fi->names) {
		const char *t = col_text(s, col);
		for (int i = 0; i < fi->nnames; i++)
			if (!strcmp(fi->names[i], t)) {
				sc_field_set_int(o, f, i);
				return;
			}
	}
	if (sc_field_set(o, f, col_text(s, col), &e) != SC_OK)
		bad_field(st, o, f, &e);
}

/* The fields in the order a row is read: names first (the notes name the
 * row), then choices, numbers, text. */
static int read_order[SC_F_COUNT];

static void read_order_init(void)
{
	static const enum sc_fkind order[] = {SC_FK_NAME, SC_FK_REF, SC_FK_BOOL,
					      SC_FK_ENUM, SC_FK_INT, SC_FK_TEXT};
	int n = 0;
	for (size_t k = 0; k < sizeof order / sizeof *order; k++)
		for (int f = 0; f < SC_F_COUNT; f++)
			if (sc_field_info(f)->kind == order[k])
				read_order[n++] = f;
}

static void read_object(struct sc_store *st, struct db_stmt *s, struct sc_object *o)
{
	memset(o, 0, sizeof *o);
	o->id = db_col_int64(s, COL_ID);
	o->rowver = db_col_int64(s, COL_ROWVER);
	sc_strlcpy(o->uuid, col_text(s, COL_UUID), sizeof o->uuid);
	o->kind = (enum sc_kind)enum_col(s, COL_KIND, sc_kind_parse);
	for (int k = 0; k < SC_F_COUNT; k++)
		read_field(st, s, o, read_order[k]);
}

int store_object_get(struct sc_store *st, enum sc_kind kind, const char *name,
		     struct sc_object *out, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, obj_sql()->get, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, sc_kind_name(kind));
	db_bind_text(s, 2, name);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		read_object(st, s, out);
		db_reset(s);
		return 0;
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "read an object");
	return sc_fail(err, SC_ENOTFOUND, "%s '%s' does not exist", sc_kind_name(kind), name);
}

/* Resolves the cluster and template names of o into row ids. */
static int resolve_refs(struct sc_store *st, const struct sc_object *o, int64_t *cid,
			int64_t *tid, struct sc_err *err)
{
	if (strcmp(st->last_cluster, o->cluster) != 0 || !st->last_cluster[0]) {
		struct sc_cluster c;
		if (store_cluster_get(st, o->cluster, &c, err))
			return err->status;
		st->last_cluster_id = c.id;
		st->last_cluster_version = c.version;
		sc_strlcpy(st->last_cluster, o->cluster, sizeof st->last_cluster);
	}
	*cid = st->last_cluster_id;
	*tid = 0;
	if (!o->tmpl[0] || o->kind == SC_TEMPLATE)
		return 0;
	struct db_stmt *s = store_prep(st, SQL_TMPL_ID, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, o->tmpl);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		*tid = db_col_int64(s, 0);
		db_reset(s);
		return 0;
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "look up a template");
	return sc_fail(err, SC_ENOTFOUND, "template '%s' does not exist (see: spicecfg template "
		       "list)", o->tmpl);
}

/* The rules checked inside the write: o as the options and its cluster's
 * version stand now (resolve_refs read the cluster in this transaction). */
static int check_rules(struct sc_store *st, const struct sc_object *o, struct sc_err *err)
{
	if (store_rules_load(st, err))
		return err->status;
	struct sc_msgs errs = {0};
	struct sc_ctx ctx = st->rules_ctx[st->last_cluster_version];
	if (store_link_rules(st, o, &ctx.host, err))
		return err->status;
	if (sc_edit_check(o, &ctx, &errs) == 0)
		return 0;
	return sc_fail(err, SC_EUSAGE, "%s '%s' not saved: %s", sc_kind_name(o->kind), o->name,
		       errs.m[0].text);
}

/* Binds o to the statement's kind, uuid and field parameters. */
static void bind_object(struct db_stmt *s, const struct sc_object *o, int64_t cid, int64_t tid)
{
	char v[SC_DESC_MAX + 1];
	db_bind_text(s, BIND_KIND, sc_kind_name(o->kind));
	db_bind_text(s, BIND_UUID, o->uuid);
	for (int f = 0; f < SC_F_COUNT; f++) {
		const struct sc_field_info *fi = sc_field_info(f);
		int i = BIND_FIELDS + f;
		int64_t id = fi->ref == SC_CLUSTER ? cid : tid;
		if (fi->kind == SC_FK_REF && id)
			db_bind_int64(s, i, id);
		else if (fi->kind == SC_FK_REF)
			db_bind_text(s, i, NULL);
		else if (fi->type != SC_FT_TEXT && !fi->names)
			db_bind_int64(s, i, sc_field_stored_int(o, f));
		else {
			sc_field_stored_text(o, f, v, sizeof v);
			db_bind_text(s, i, v);
		}
	}
}

static void audit_name(const struct sc_object *o, char *buf, size_t n)
{
	snprintf(buf, n, "%s:%s", sc_kind_name(o->kind), o->name);
}

int store_object_add(struct sc_store *st, struct sc_object *o, struct sc_err *err)
{
	int64_t cid, tid;
	if (!o->uuid[0])
		new_uuid(o->uuid);
	if (store_begin(st, err))
		return err->status;
	int rc = resolve_refs(st, o, &cid, &tid, err);
	if (!rc)
		rc = check_rules(st, o, err);
	/* SQLite runs RETURNING as a trigger program over a temporary table:
	 * some 30% of an insert's cost (an import adds a row per file).  The
	 * id is the connection's last rowid there; PostgreSQL returns it. */
	bool lite = db_kind(st->db) == DB_SQLITE;
	struct db_stmt *s =
		rc ? NULL : store_prep(st, lite ? obj_sql()->add_lite : obj_sql()->add, err);
	if (!rc && !s)
		rc = err->status;
	if (!rc) {
		bind_object(s, o, cid, tid);
		if (db_step(s) != (lite ? DB_DONE : DB_ROW))
			rc = unique_fail(st, sc_kind_name(o->kind), o->name, "add an object", err);
	}
	if (!rc && lite) {
		db_reset(s);
		s = store_prep(st, SQL_LAST_ID, err);
		if (!s)
			rc = err->status;
		else if (db_step(s) != DB_ROW)
			rc = store_sql_fail(st, err, "read the new object's id");
	}
	if (!rc) {
		o->id = db_col_int64(s, 0);
		db_reset(s);
		o->rowver = 1;
		if (!st->bulk) {
			char obj[96];
			audit_name(o, obj, sizeof obj);
			rc = store_audit_note(st, obj, "*", NULL, "created", err);
		}
	}
	return store_finish(st, rc, err);
}

static int audit_changes(struct sc_store *st, const struct sc_object *old,
			 const struct sc_object *neu, struct sc_err *err)
{
	char obj[96], a[SC_DESC_MAX + 1], b[SC_DESC_MAX + 1];
	audit_name(neu, obj, sizeof obj);
	for (int f = 0; f < SC_F_COUNT; f++) {
		if (!sc_field_applies(f, neu->kind))
			continue;
		sc_field_get(old, f, a, sizeof a);
		sc_field_get(neu, f, b, sizeof b);
		if (strcmp(a, b) && store_audit_note(st, obj, sc_field_info(f)->key, a, b, err))
			return err->status;
	}
	return 0;
}

int store_object_update(struct sc_store *st, const struct sc_object *old,
			struct sc_object *neu, struct sc_err *err)
{
	int64_t cid, tid;
	if (store_begin(st, err))
		return err->status;
	neu->kind = old->kind;
	int rc = resolve_refs(st, neu, &cid, &tid, err);
	if (!rc)
		rc = check_rules(st, neu, err);
	struct db_stmt *s = rc ? NULL : store_prep(st, obj_sql()->upd, err);
	if (!rc && !s)
		rc = err->status;
	if (!rc) {
		if (!neu->uuid[0])
			sc_strlcpy(neu->uuid, old->uuid, sizeof neu->uuid);
		bind_object(s, neu, cid, tid);
		db_bind_int64(s, objsql.nbind, old->id);
		db_bind_int64(s, objsql.nbind + 1, old->rowver);
		int step = db_step(s);
		if (step == DB_ERROR)
			rc = unique_fail(st, sc_kind_name(neu->kind), neu->name, "save an object",
					 err);
		else if (step == DB_DONE)
			rc = conflict(sc_kind_name(old->kind), old->name, err);
		db_reset(s);
	}
	if (!rc) {
		neu->id = old->id;
		neu->rowver = old->rowver + 1;
		rc = audit_changes(st, old, neu, err);
	}
	return store_finish(st, rc, err);
}

int store_object_rm(struct sc_store *st, enum sc_kind kind, const char *name,
		    struct sc_err *err)
{
	struct sc_object o;
	if (store_begin(st, err))
		return err->status;
	int rc = store_object_get(st, kind, name, &o, err);
	if (!rc && kind == SC_TEMPLATE)
		rc = refuse_if_used(st, SQL_OBJ_USERS, o.id, "template", name, "remove them first",
				    err);
	struct db_stmt *s = rc ? NULL : store_prep(st, SQL_OBJ_RM, err);
	if (!rc && !s)
		rc = err->status;
	if (!rc) {
		db_bind_int64(s, 1, o.id);
		rc = step_done(st, s, "remove an object", err);
	}
	if (!rc) {
		char obj[96];
		audit_name(&o, obj, sizeof obj);
		rc = store_audit_note(st, obj, "*", NULL, "deleted", err);
	}
	return store_finish(st, rc, err);
}

struct by_object {
	store_object_cb cb;
	void *arg;
};

static int by_object_cb(const struct sc_object *o, const struct store_key *k, void *arg)
{
	const struct by_object *b = arg;
	(void)k;
	return b->cb(o, b->arg);
}

int store_object_scan(struct sc_store *st, enum sc_kind kind, const char *filter,
		      long offset, long limit, store_object_cb cb, void *arg,
		      struct sc_err *err)
{
	return store_object_scan_by(st, kind, filter, SC_F_NAME, offset, limit, cb, arg, err);
}

int store_object_scan_by(struct sc_store *st, enum sc_kind kind, const char *filter,
			 int sort_field, long offset, long limit, store_object_cb cb, void *arg,
			 struct sc_err *err)
{
	struct store_seek sk = {.offset = offset};
	struct by_object b = {cb, arg};
	return store_object_seek(st, kind, filter, sort_field, &sk, limit, by_object_cb, &b, err);
}

int store_object_stream(struct sc_store *st, enum sc_kind kind, const char *filter,
			int sort_field, store_object_cb cb, void *arg, struct sc_err *err)
{
	struct store_seek sk = {.stream = true};
	struct by_object b = {cb, arg};
	return store_object_seek(st, kind, filter, sort_field, &sk, -1, by_object_cb, &b, err);
}

/* SQLite: whether the indexes find fewer than fts_by_id_max rows for a
 * filter (ids counted up to that many, from the names' trigram index and
 * the OS values and clusters that hold it, or from the prefix ranges; the
 * indexes alone, no row read).  Asked once per filter and
 * state of the store, however many statements of a keystroke need it. */
/* A stamp that changes whenever a session commits a change.  SQLite: the
 * file's data_version (another connection's commit) and total_changes()
 * (this one's writes, rolled back or not, less those to its own temporary
 * ids, which change nothing anyone sees).  PostgreSQL: the server's
 * snapshot, its xmax (every commit of a transaction that started after
 * the last snapshot moves it) and the sum of the transactions still in
 * progress below it (a commit among those takes its id out; none comes
 * in while xmax stays): two cheap numbers instead of a count. */
static const char SQL_WRITTEN[] =
	"SELECT (SELECT data_version FROM pragma_data_version), total_changes()";
static const char SQL_WRITTEN_PG[] =
	"SELECT txid_snapshot_xmax(s), CAST(coalesce((SELECT sum(x) FROM txid_snapshot_xip(s) x), 0)"
	" AS BIGINT) FROM txid_current_snapshot() s";

static bool read_stamp(struct sc_store *st, int64_t *dv, int64_t *tc)
{
	bool lite = db_kind(st->db) == DB_SQLITE;
	struct db_stmt *w = db_prep(st->db, lite ? SQL_WRITTEN : SQL_WRITTEN_PG);
	if (!w)
		return false;
	bool ok = db_step(w) == DB_ROW;
	*dv = ok ? db_col_int64(w, 0) : -1;
	*tc = ok ? db_col_int64(w, 1) - (lite ? st->hidden_changes : 0) : -1;
	db_reset(w);
	return ok;
}

/* The ids of the rows that hold a filter (SQL_IDS_FILL), in the
 * connection's temporary table, until fts_by_id_max of them; returns how
 * many.  Each way stops at that many, so fewer means every row that holds
 * it is there (with rows whose name only folds to it, and of other kinds,
 * which the pages test again). */
static int fill_ids(struct sc_store *st, enum sc_kind kind, const char *filter, long *found,
		    struct sc_err *err)
{
	int64_t dv, before, after;
	bool stamped = read_stamp(st, &dv, &before);
	if (store_exec(st, SQL_IDS_CREATE, "keep the filter's rows", err) ||
	    store_exec(st, SQL_IDS_CLEAR, "keep the filter's rows", err))
		return err->status;
	*found = 0;
	for (int i = 0; i < IDS_PARTS && *found < fts_by_id_max; i++) {
		struct db_stmt *s = store_prep(st, SQL_IDS_FILL[i], err);
		if (!s)
			return err->status;
		bind_ids_way(s, kind, filter, fts_by_id_max);
		if (db_step(s) == DB_ERROR)
			return store_sql_fail(st, err, "keep the filter's rows");
		db_reset(s);
		if (!(s = store_prep(st, SQL_IDS_COUNT, err)))
			return err->status;
		if (db_step(s) != DB_ROW)
			return store_sql_fail(st, err, "count rows");
		*found = (long)db_col_int64(s, 0);
		db_reset(s);
	}
	if (stamped && read_stamp(st, &dv, &after))
		st->hidden_changes += after - before;
	return 0;
}

/* The filter with its ASCII letters lower-cased, as store_like_pattern
 * folds them (the names' suffixes are compared with it, literally). */
void store_lower_ascii(const char *filter, char *buf, size_t n)
{
	size_t k = 0;
	for (const char *p = filter; *p && k + 1 < n; p++)
		buf[k++] = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
	buf[k] = '\0';
}

static int ids_add(struct id_list *l, int64_t id)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 1024;
		int64_t *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = id;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Drops the ids from the from-th on that are repeated or among the first
 * from (sorted, each once, and kept as they are); the others sorted. */
void store_ids_unique(struct id_list *l, size_t from)
{
	if (l->n <= from)
		return;
	int64_t *v = l->v + from;
	size_t n = l->n - from, k = 0;
	qsort(v, n, sizeof *v, cmp_id);
	for (size_t i = 0; i < n; i++)
		if (!(k > 0 && v[i] == v[k - 1]) &&
		    !(from && bsearch(&v[i], l->v, from, sizeof *v, cmp_id)))
			v[k++] = v[i];
	l->n = from + k;
}

/* Runs a probe statement (bound but for its last $n, the limit) and adds
 * its ids; *rows: how many it gave. */
int store_ids_run(struct sc_store *st, struct db_stmt *s, int lim_param, long limit,
		   struct id_list *l, long *rows, struct sc_err *err)
{
	db_bind_int64(s, lim_param, limit);
	int rc;
	*rows = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		if (ids_add(l, db_col_int64(s, 0))) {
			db_reset(s);
			return sc_fail(err, SC_ERUNTIME, "out of memory");
		}
		++*rows;
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "keep the filter's rows");
	db_reset(s);
	return 0;
}

/* PostgreSQL: the ids of the rows of the kind whose OS holds the filter,
 * or *many when there are cap of them or more; the least and the greatest
 * of those OS values in the probe cache (os_lo empty: none). */
static int os_ids_pg(struct sc_store *st, enum sc_kind kind, const char *filter, long cap,
		     struct id_list *l, bool *many, struct sc_err *err)
{
	struct probe_cache *pc = &st->probe_cache;
	pc->os_lo[0] = pc->os_hi[0] = '\0';
	struct db_stmt *s = store_prep(st, SQL_OS_HOLDS_PG, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, sc_kind_name(kind));
	bind_filter(s, 2, filter);
	/* the values, one after the other with their NULs */
	char *vals = NULL;
	size_t len = 0;
	int n = 0, rc;
	while ((rc = db_step(s)) == DB_ROW) {
		const char *v = col_text(s, 0);
		char *more = realloc(vals, len + strlen(v) + 1);
		if (!more) {
			free(vals);
			db_reset(s);
			return sc_fail(err, SC_ERUNTIME, "out of memory");
		}
		vals = more;
		memcpy(vals + len, v, strlen(v) + 1);
		len += strlen(v) + 1;
		n++;
		/* in ascending order: the first is the least */
		if (n == 1)
			sc_strlcpy(pc->os_lo, v, sizeof pc->os_lo);
		sc_strlcpy(pc->os_hi, v, sizeof pc->os_hi);
		pc->os_bounded = pc->os_bounded && strlen(v) < sizeof pc->os_lo;
	}
	if (rc == DB_ERROR) {
		free(vals);
		return store_sql_fail(st, err, "keep the filter's rows");
	}
	db_reset(s);
	rc = 0;
	/* counted first: cap rows or more need no ids (*many) */
	long total = 0;
	const char *v = vals;
	for (int i = 0; i < n && total < cap && !rc; i++, v += strlen(v) + 1) {
		if (!(s = store_prep(st, SQL_OS_COUNT_PG, err))) {
			rc = err->status;
			break;
		}
		db_bind_text(s, 1, sc_kind_name(kind));
		db_bind_text(s, 2, v);
		db_bind_int64(s, 3, cap - total);
		if (db_step(s) != DB_ROW) {
			rc = store_sql_fail(st, err, "count rows");
			break;
		}
		total += (long)db_col_int64(s, 0);
		db_reset(s);
	}
	*many = total >= cap;
	v = vals;
	for (int i = 0; i < n && !*many && !rc; i++, v += strlen(v) + 1) {
		long rows;
		if (!(s = store_prep(st, SQL_OS_IDS_PG, err))) {
			rc = err->status;
			break;
		}
		db_bind_text(s, 1, sc_kind_name(kind));
		db_bind_text(s, 2, v);
		rc = store_ids_run(st, s, 3, cap, l, &rows, err);
	}
	free(vals);
	return rc;
}

/* PostgreSQL: the ids of rows (of any kind) whose name holds the filter,
 * each once, at most cap of them; *all when they are all of them.  A name
 * that holds the filter in several places gives its id as often: the
 * suffixes are read in growing batches until cap ids or the last one. */
static int name_ids_pg(struct sc_store *st, const char *filter, long cap, struct id_list *l,
		       bool *all, struct sc_err *err)
{
	char low[2 * SC_NAME_MAX + 8];
	store_lower_ascii(filter, low, sizeof low);
	for (long batch = 4 * cap;; batch *= 8) {
		long rows;
		l->n = 0;
		struct db_stmt *s = store_prep(st, SQL_NAME_IDS_PG, err);
		if (!s)
			return err->status;
		db_bind_text(s, 1, low);
		if (store_ids_run(st, s, 2, batch, l, &rows, err))
			return err->status;
		store_ids_unique(l, 0);
		*all = rows < batch && (long)l->n < cap;
		if (rows < batch || (long)l->n >= cap)
			return 0;
	}
}

/* Widens the probe cache's OS bounds to the OS of the rows of the kind
 * among the ids. */
static int os_bounds_add(struct sc_store *st, enum sc_kind kind, const struct id_list *ids,
			 struct sc_err *err)
{
	struct probe_cache *pc = &st->probe_cache;
	size_t cap = 24 * ids->n + 3, len = 0;
	char *arr = malloc(cap);
	if (!arr)
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	arr[len++] = '{';
	for (size_t i = 0; i < ids->n; i++)
		len += (size_t)snprintf(arr + len, cap - len, "%s%lld", i ? "," : "",
					(long long)ids->v[i]);
	arr[len++] = '}';
	arr[len] = '\0';
	struct db_stmt *s = store_prep(st, SQL_OS_BOUNDS_PG, err);
	if (!s) {
		free(arr);
		return err->status;
	}
	db_bind_text(s, 1, sc_kind_name(kind));
	db_bind_text(s, 2, arr);
	db_bind_text(s, 3, pc->os_lo[0] ? pc->os_lo : NULL);
	db_bind_text(s, 4, pc->os_hi[0] ? pc->os_hi : NULL);
	int rc = db_step(s);
	free(arr);
	if (rc != DB_ROW)
		return store_sql_fail(st, err, "keep the filter's rows");
	if (!db_col_null(s, 0)) {
		const char *lo = col_text(s, 0), *hi = col_text(s, 1);
		pc->os_bounded = pc->os_bounded && strlen(lo) < sizeof pc->os_lo &&
				 strlen(hi) < sizeof pc->os_hi;
		sc_strlcpy(pc->os_lo, lo, sizeof pc->os_lo);
		sc_strlcpy(pc->os_hi, hi, sizeof pc->os_hi);
	}
	db_reset(s);
	return 0;
}

static bool os_widen(struct probe_cache *pc, const char *v);

/* PostgreSQL, the least and the greatest OS of the rows of the kind that
 * hold a short filter into the probe cache (os_bounded; false when no row
 * does or a value does not fit). */
static int prefix_os_bounds_pg(struct sc_store *st, enum sc_kind kind, const char *filter,
			       char sp[PREFIX_SPELLINGS][16], int nsp, struct sc_err *err)
{
	struct probe_cache *pc = &st->probe_cache;
	struct db_stmt *s = store_prep(st, SQL_PREFIX_OS_BOUNDS_PG, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, sc_kind_name(kind));
	bind_filter(s, 2, filter);
	for (int v = 0; v < PREFIX_SPELLINGS; v++) /* the spellings repeat past nsp */
		db_bind_text(s, 3 + v, sp[v % nsp]);
	if (db_step(s) != DB_ROW)
		return store_sql_fail(st, err, "keep the filter's rows");
	pc->os_lo[0] = pc->os_hi[0] = '\0';
	pc->os_bounded = !db_col_null(s, 0) && os_widen(pc, col_text(s, 0)) &&
			 os_widen(pc, col_text(s, 1));
	db_reset(s);
	return 0;
}

/* PostgreSQL: the names' ids added to the OS's (the first by_os of l,
 * sorted), unless there are many; l is then sorted with no id twice.
 * Takes names; rc is the status so far, returned. */
static int ids_merge_names(struct id_list *l, size_t by_os, struct id_list *names, bool many,
			   int rc, struct sc_err *err)
{
	for (size_t i = 0; i < names->n && !rc && !many; i++)
		if (ids_add(l, names->v[i]))
			rc = sc_fail(err, SC_ERUNTIME, "out of memory");
	free(names->v);
	names->v = NULL;
	if (!rc && !many)
		store_ids_unique(l, by_os);
	return rc;
}

/* PostgreSQL, a short filter (at the start of a name, OS or cluster):
 * the ids of the rows of the kind whose OS or name starts with it, at
 * most cap of them, each once, or *many when there are more; with many,
 * the bounds of their OS (probe_cache.os_bounded), which a page in the
 * order of the OS starts and ends at. */
static int probe_prefix_pg(struct sc_store *st, enum sc_kind kind, const char *filter,
			   long cap, struct id_list *l, bool *many, struct sc_err *err)
{
	char sp[PREFIX_SPELLINGS][16];
	int nsp = prefix_spellings(filter, sp);
	if (os_ids_pg(st, kind, filter, cap, l, many, err))
		return err->status;
	size_t by_os = l->n; /* each row has one OS: no id twice */
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, cmp_id);
	/* the spellings' ranges hold no name twice */
	struct id_list names = {0};
	int rc = 0;
	for (int v = 0; v < nsp && !*many && (long)names.n < cap && !rc; v++) {
		long rows;
		struct db_stmt *s = store_prep(st, SQL_PREFIX_NAME_IDS_PG, err);
		if (!s) {
			rc = err->status;
			break;
		}
		db_bind_text(s, 1, sc_kind_name(kind));
		db_bind_text(s, 2, sp[v]);
		rc = store_ids_run(st, s, 3, cap - (long)names.n, &names, &rows, err);
	}
	if ((rc = ids_merge_names(l, by_os, &names, *many, rc, err)))
		return rc;
	if (*many || (long)l->n >= cap)
		rc = prefix_os_bounds_pg(st, kind, filter, sp, nsp, err);
	return rc;
}

/* PostgreSQL: the ids of rows whose OS (of the kind) or name (of any
 * kind) holds the filter, at most cap of them, each once, or *many when
 * there are more; and, when the names' ids are all known, the bounds of
 * the OS of the rows that hold it (probe_cache.os_bounded). */
static int probe_ids_pg(struct sc_store *st, enum sc_kind kind, const char *filter, long cap,
			struct id_list *l, bool *many, struct sc_err *err)
{
	*many = false;
	st->probe_cache.os_bounded = false;
	if (sc_filter_is_prefix(filter))
		return probe_prefix_pg(st, kind, filter, cap, l, many, err);
	st->probe_cache.os_bounded = true; /* until a value does not fit */
	if (os_ids_pg(st, kind, filter, cap, l, many, err))
		return err->status;
	size_t by_os = l->n;
	store_ids_unique(l, 0); /* each row has one OS: sorted, no id twice */
	struct id_list names = {0};
	bool all = false;
	int rc = name_ids_pg(st, filter, cap, &names, &all, err);
	if (!rc && all && names.n)
		rc = os_bounds_add(st, kind, &names, err);
	st->probe_cache.os_bounded = st->probe_cache.os_bounded && all && !rc;
	return ids_merge_names(l, by_os, &names, *many, rc, err);
}

/* PostgreSQL: the ids of at most fts_by_id_max rows holding the filter,
 * kept as an array's text in the probe cache; returns how many. */
static int fill_ids_pg(struct sc_store *st, enum sc_kind kind, const char *filter, long *found,
		       struct sc_err *err)
{
	struct id_list l = {0};
	bool many;
	if (probe_ids_pg(st, kind, filter, fts_by_id_max, &l, &many, err)) {
		free(l.v);
		return err->status;
	}
	size_t n = l.n < (size_t)fts_by_id_max ? l.n : (size_t)fts_by_id_max;
	if (many) /* no ids needed: too many to read by id */
		n = 0;
	char *ids = store_ids_text(&l, n, "{}");
	free(l.v);
	if (!ids)
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	free(st->probe_cache.ids);
	st->probe_cache.ids = ids;
	*found = many ? fts_by_id_max : (long)n;
	return 0;
}

char *store_ids_text(const struct id_list *l, size_t n, const char *brackets)
{
	size_t cap = 24 * n + 3, len = 0;
	char *ids = malloc(cap);
	if (!ids)
		return NULL;
	ids[len++] = brackets[0];
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(ids + len, cap - len, "%s%lld", i ? "," : "",
					(long long)l->v[i]);
	ids[len++] = brackets[1];
	ids[len] = '\0';
	return ids;
}

/* Whether k holds the answer for kind, filter and limit with the store as
 * it stands; else it is dropped, and stamp says where the store stands
 * now (*stamped false when that cannot be read) for kept_note. */
static bool kept_hit(struct sc_store *st, struct kept_key *k, int kind, const char *filter,
		     long limit, int64_t stamp[2], bool *stamped)
{
	*stamped = read_stamp(st, &stamp[0], &stamp[1]);
	if (*stamped && k->kept && k->kind == kind && k->limit == limit &&
	    k->data_version == stamp[0] && k->changes == stamp[1] && !strcmp(k->filter, filter))
		return true;
	k->kept = false;
	return false;
}

/* Keeps k for the answer just found, with the store as it stood before it
 * (never inside a write: see store_count); whether it is kept. */
static bool kept_note(struct sc_store *st, struct kept_key *k, int kind, const char *filter,
		      long limit, const int64_t stamp[2], bool stamped)
{
	k->kept = stamped && st->tx_depth == 0 && strlen(filter) < sizeof k->filter;
	if (k->kept) {
		k->kind = kind;
		k->limit = limit;
		k->data_version = stamp[0];
		k->changes = stamp[1];
		sc_strlcpy(k->filter, filter, sizeof k->filter);
	}
	return k->kept;
}

/* Whether the indexes find fewer than fts_by_id_max rows for a filter
 * (SQLite: ids counted up to that many, from the names' trigram index and
 * the OS values and clusters that hold it, whose ids are then kept, or
 * from the prefix ranges; the indexes alone, no row read.
 * PostgreSQL: the ids from the trigram indexes, kept).  Asked once per
 * filter and state of the store, however many statements of a keystroke
 * need it. */
static int filter_few(struct sc_store *st, enum sc_kind kind, const char *filter, bool *few,
		      struct sc_err *err)
{
	bool prefix = sc_filter_is_prefix(filter);
	int64_t stamp[2];
	bool stamped;
	struct probe_cache *pc = &st->probe_cache;
	if (kept_hit(st, &pc->key, (int)kind, filter, fts_by_id_max, stamp, &stamped)) {
		*few = pc->found < pc->key.limit;
		return 0;
	}
	long found = 0;
	pc->os_probed = false;
	if (db_kind(st->db) != DB_SQLITE) {
		if (fill_ids_pg(st, kind, filter, &found, err))
			return err->status;
	} else if (!prefix) {
		if (fill_ids(st, kind, filter, &found, err))
			return err->status;
	} else {
		struct db_stmt *c = store_prep(st, SQL_PREFIX_FEW, err);
		if (!c)
			return err->status;
		db_bind_text(c, 1, sc_kind_name(kind));
		bind_filter(c, bind_prefix(c, filter), filter);
		db_bind_int64(c, 2 + 2 * PREFIX_RANGES + 1, fts_by_id_max);
		if (db_step(c) != DB_ROW)
			return store_sql_fail(st, err, "count rows");
		found = (long)db_col_int64(c, 0);
		db_reset(c);
	}
	*few = found < fts_by_id_max;
	pc->found = found;
	kept_note(st, &pc->key, (int)kind, filter, fts_by_id_max, stamp, stamped);
	return 0;
}

/* PostgreSQL, how a filter is answered: FILT_SCAN when a cluster's name
 * holds it, else from the kept ids when they are few (FILT_ARRAY), else
 * FILT_TRGM. */
static int pg_way(struct sc_store *st, enum sc_kind kind, const char *filter, int *way,
		  struct sc_err *err)
{
	bool few = false;
	*way = pg_filter_way(st, filter);
	if (*way == FILT_TRGM && filter_few(st, kind, filter, &few, err))
		return err->status;
	if (few)
		*way = FILT_ARRAY;
	return 0;
}

/* Binds the filter's $n: its LIKE pattern (and the OS bounds), or the
 * kept ids; returns the next $n. */
static int bind_way(struct sc_store *st, struct db_stmt *s, int i, int way, const char *filter)
{
	if (way == FILT_ARRAY) {
		db_bind_text(s, i, st->probe_cache.ids);
		return i + 1;
	}
	bind_filter(s, i, filter);
	if (way != FILT_TRGM_OS && way != FILT_SCAN_OS)
		return i + 1;
	db_bind_text(s, i + 1, st->probe_cache.os_lo);
	db_bind_text(s, i + 2, st->probe_cache.os_hi);
	return i + 3;
}

/* PostgreSQL, a filter answered along the order's index: in the order of
 * the OS, from the first OS a row holding it can have when the probe
 * knows it (FILT_TRGM_OS). */
static int pg_way_sorted(struct sc_store *st, int way, int sort_field)
{
	return way == FILT_TRGM && sort_field == SC_F_OS && st->probe_cache.os_bounded
		       ? FILT_TRGM_OS
		       : way;
}

/* SQLite: the OS values of the kind one by one, each the least past the
 * one before ($3; the first: past none) from the (kind, os, name) index,
 * and whether it holds the filter ($1) as OBJ_FILTER tests it. */
static const char SQL_OS_FIRST_LITE[] =
	"SELECT m, lower(m) LIKE $1 ESCAPE '\\' FROM (SELECT min(os) AS m FROM objects"
	" WHERE kind = $2)";
static const char SQL_OS_NEXT_LITE[] =
	"SELECT m, lower(m) LIKE $1 ESCAPE '\\' FROM (SELECT min(os) AS m FROM objects"
	" WHERE kind = $2 AND os > $3)";
/* SQLite: the least and the greatest OS of the rows of the kind ($1)
 * among those the names' trigram index finds ($2). */
static const char SQL_NAME_OS_LITE[] =
	"SELECT min(os), max(os) FROM objects WHERE +kind = $1"
	" AND id IN (SELECT rowid FROM names_fts WHERE names_fts MATCH $2)";

/* SQLite, a short filter: the least and the greatest OS of the rows of
 * the kind ($1) whose name starts with it in a letter case (the name
 * ranges of bind_prefix, each once), and how many, up to $10. */
static const char SQL_PREFIX_NAME_OS_LITE[] =
	"WITH first(kind) AS (SELECT $1) SELECT min(os), max(os), count(*) FROM (SELECT p.os"
	" FROM (SELECT DISTINCT * FROM " PREFIX_VALUES ") w JOIN objects p ON p.kind = $1"
	" AND p.name >= w.column1 AND p.name < w.column2 LIMIT $10)";

/* Widens [lo, hi] (empty: none yet) to v; false when v does not fit. */
static bool os_widen(struct probe_cache *pc, const char *v)
{
	if (strlen(v) >= sizeof pc->os_lo)
		return false;
	if (!pc->os_lo[0] || strcmp(v, pc->os_lo) < 0)
		sc_strlcpy(pc->os_lo, v, sizeof pc->os_lo);
	if (!pc->os_hi[0] || strcmp(v, pc->os_hi) > 0)
		sc_strlcpy(pc->os_hi, v, sizeof pc->os_hi);
	return true;
}

/* SQLite, the OS values of the kind that hold the filter into the bounds:
 * a few seeks of the (kind, os, name) index, one per distinct value;
 * false when there are too many values, or one does not fit. */
static int os_values_lite(struct sc_store *st, enum sc_kind kind, const char *filter,
			  bool *ok, struct sc_err *err)
{
	enum { OS_VALUES_MAX = 64 };
	char prev[sizeof st->probe_cache.os_lo] = "";
	*ok = false;
	for (int i = 0; i <= OS_VALUES_MAX; i++) {
		struct db_stmt *s = store_prep(st, i ? SQL_OS_NEXT_LITE : SQL_OS_FIRST_LITE, err);
		if (!s)
			return err->status;
		bind_filter(s, 1, filter);
		db_bind_text(s, 2, sc_kind_name(kind));
		if (i)
			db_bind_text(s, 3, prev);
		if (db_step(s) != DB_ROW)
			return store_sql_fail(st, err, "read the OS values");
		bool last = db_col_null(s, 0);
		const char *v = last ? "" : col_text(s, 0);
		bool fits = strlen(v) < sizeof prev;
		if (!last && fits)
			sc_strlcpy(prev, v, sizeof prev);
		if (!last && fits && db_col_int64(s, 1))
			fits = os_widen(&st->probe_cache, v);
		db_reset(s);
		if (last || !fits) {
			*ok = last;
			return 0;
		}
	}
	return 0;
}

/* SQLite, the OS of the rows of the kind whose name holds the filter into
 * the bounds, when the names' trigram index finds fewer than
 * fts_by_id_max of them (of any kind; a short filter: the names of the
 * kind that start with it); *ok false otherwise. */
static int name_os_lite(struct sc_store *st, enum sc_kind kind, const char *filter, bool *ok,
			struct sc_err *err)
{
	*ok = false;
	struct db_stmt *s;
	if (sc_filter_is_prefix(filter)) { /* the names that start with it, of the kind */
		if (!(s = store_prep(st, SQL_PREFIX_NAME_OS_LITE, err)))
			return err->status;
		db_bind_text(s, 1, sc_kind_name(kind));
		db_bind_int64(s, bind_prefix(s, filter), fts_by_id_max);
		if (db_step(s) != DB_ROW)
			return store_sql_fail(st, err, "read the OS values");
		*ok = db_col_int64(s, 2) < fts_by_id_max;
		if (*ok && !db_col_null(s, 0))
			*ok = os_widen(&st->probe_cache, col_text(s, 0)) &&
			      os_widen(&st->probe_cache, col_text(s, 1));
		db_reset(s);
		return 0;
	}
	s = store_prep(st, SQL_FTS_FEW, err);
	if (!s)
		return err->status;
	store_bind_fts(s, 1, filter);
	db_bind_int64(s, 2, fts_by_id_max);
	if (db_step(s) != DB_ROW)
		return store_sql_fail(st, err, "count rows");
	bool few = db_col_int64(s, 0) < fts_by_id_max;
	db_reset(s);
	if (!few)
		return 0;
	if (!(s = store_prep(st, SQL_NAME_OS_LITE, err)))
		return err->status;
	db_bind_text(s, 1, sc_kind_name(kind));
	store_bind_fts(s, 2, filter);
	if (db_step(s) != DB_ROW)
		return store_sql_fail(st, err, "read the OS values");
	*ok = true;
	if (!db_col_null(s, 0))
		*ok = os_widen(&st->probe_cache, col_text(s, 0)) &&
		      os_widen(&st->probe_cache, col_text(s, 1));
	db_reset(s);
	return 0;
}

/* SQLite, a filter that more rows hold than the kept ids (a short one:
 * than its prefix ranges find): the least and the greatest OS of the rows
 * that hold it (the OS values that hold it, and the OS of the rows whose
 * name does; a short filter at their start),
 * once per filter and state of the store (after filter_few).  Unknown
 * (os_bounded false) when a cluster's name holds it (every row of that
 * cluster does), or the names that hold it are many. */
static int os_bounds_lite(struct sc_store *st, enum sc_kind kind, const char *filter,
			  struct sc_err *err)
{
	struct probe_cache *pc = &st->probe_cache;
	if (pc->os_probed)
		return 0;
	pc->os_bounded = false;
	pc->os_lo[0] = pc->os_hi[0] = '\0';
	bool ok = pg_filter_way(st, filter) != FILT_SCAN;
	if (ok && os_values_lite(st, kind, filter, &ok, err))
		return err->status;
	if (ok && name_os_lite(st, kind, filter, &ok, err))
		return err->status;
	/* no row holds it: the scan finds none either (never reached: the
	 * kept ids would be few) */
	pc->os_bounded = ok && pc->os_lo[0];
	pc->os_probed = true;
	return 0;
}

/* SQLite, a filter answered along the order's index (FILT_SCAN, many
 * rows) in the order of the OS: from the least to the greatest OS of the
 * rows that hold it when they are known (FILT_SCAN_OS). */
static int lite_way_sorted(struct sc_store *st, enum sc_kind kind, const char *filter,
			   int sort_field, int *way, struct sc_err *err)
{
	if (*way != FILT_SCAN || sort_field != SC_F_OS)
		return 0;
	if (os_bounds_lite(st, kind, filter, err))
		return err->status;
	if (st->probe_cache.os_bounded)
		*way = FILT_SCAN_OS;
	return 0;
}

/* Whether more than cap rows of the kind hold the filter, from the
 * indexes alone (SQL_IDS_UPTO): every text the filter is tested on
 * (names, OS and cluster names) is ASCII, in which the trigram index's
 * case folding and the filter's are the same, so each row found of the
 * kind holds the filter; of the rows found by name, at most "others" are
 * of the other kinds.  False when it cannot tell (a filter with other
 * characters, many rows of other kinds). */
static int fts_more_than(struct sc_store *st, enum sc_kind kind, const char *filter, long cap,
			 bool *more, struct sc_err *err)
{
	enum { OTHERS_MAX = 10000 };
	*more = false;
	for (const char *p = filter; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return 0;
	struct db_stmt *s = store_prep(st, SQL_OTHER_KINDS, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, sc_kind_name(kind));
	db_bind_int64(s, 2, OTHERS_MAX + 1);
	if (db_step(s) != DB_ROW)
		return store_sql_fail(st, err, "count rows");
	long others = (long)db_col_int64(s, 0);
	db_reset(s);
	if (others > OTHERS_MAX)
		return 0;
	if (!(s = store_prep(st, SQL_IDS_UPTO, err)))
		return err->status;
	bind_ids_way(s, kind, filter, cap + 1 + others);
	if (db_step(s) != DB_ROW)
		return store_sql_fail(st, err, "count rows");
	*more = db_col_int64(s, 0) - others > cap;
	db_reset(s);
	return 0;
}

/* Whether the sort value of field f is stored as a number. */
static bool sort_is_int(int f)
{
	const struct sc_field_info *fi = sc_field_info(f);
	return fi->kind != SC_FK_REF && f != SC_F_MIGRATION && fi->type != SC_FT_TEXT && !fi->names;
}

/* One statement of a seek; split (the Template order's two parts): the
 * offset and the limit are counted here across the parts. */
struct seek_run {
	enum sc_kind kind;
	const char *filter;
	int way;
	bool num;
	const struct store_key *key;
	bool stream;
	store_seek_cb cb;
	void *arg;
	long skip, limit; /* split: rows still to skip and to hand over (-1: all) */
	bool split, done;
	const char *named; /* the LIKE pattern of a quick search, or NULL */
};

static int seek_part(struct sc_store *st, const char *sql, struct seek_run *r, long offset,
		     long limit, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, sql, err);
	if (!s)
		return err->status;
	int way = r->way;
	const char *filter = r->filter;
	const struct store_key *k = r->key;
	db_bind_text(s, 1, sc_kind_name(r->kind));
	int b = way == FILT_FTS || way == FILT_FTS_BY_ID ? store_bind_fts(s, 2, filter)
		: way == FILT_PREFIX_BY_ID		 ? bind_prefix(s, filter)
							 : 2;
	b = bind_way(st, s, b, way, filter);
	if (k) {
		if (r->num)
			db_bind_int64(s, b++, k->num);
		else
			db_bind_text(s, b++, k->text);
		db_bind_text(s, b++, k->name);
	}
	if (r->split) /* the rows to skip are read and passed over */
		limit = r->limit < 0 ? -1 : r->skip + r->limit;
	if (r->named)
		db_bind_text(s, b++, r->named);
	db_bind_int64(s, b++, limit < 0 ? STORE_NO_LIMIT : limit);
	db_bind_int64(s, b, offset);

	if (r->stream)
		db_stream(s);
	int rc;
	struct sc_object o;
	struct store_key next;
	const int kc = COL_FIELDS + SC_F_COUNT;
	while ((rc = db_step(s)) == DB_ROW) {
		if (r->split && r->skip > 0) {
			r->skip--;
			continue;
		}
		read_object(st, s, &o);
		next.num = r->num ? db_col_int64(s, kc) : 0;
		sc_strlcpy(next.text, r->num ? "" : col_text(s, kc), sizeof next.text);
		sc_strlcpy(next.name, col_text(s, COL_FIELDS + SC_F_NAME), sizeof next.name);
		if (r->split && r->limit > 0)
			r->limit--;
		if (r->cb(&o, &next, r->arg) || (r->split && r->limit == 0)) {
			r->done = true;
			rc = DB_DONE;
			break;
		}
	}
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "list objects");
	db_reset(s);
	return 0;
}

/* The statement of a page in order f; on PostgreSQL the Cluster and
 * Template orders of an unfiltered list read each group's first rows
 * (build_group_pg). */
static const char *seek_sql(struct sc_store *st, int f, int desc, int key, int way, bool named)
{
	const struct obj_sql *q = obj_sql();
	if (named) /* a quick search's step */
		return q->named[f][desc][key][way];
	if (db_kind(st->db) != DB_SQLITE && way == FILT_SCAN &&
	    (f == SC_F_CLUSTER || f == SC_F_TEMPLATE))
		return q->group_pg[f == SC_F_TEMPLATE][desc][key];
	return q->seek[f][desc][key][way];
}

int store_object_seek(struct sc_store *st, enum sc_kind kind, const char *filter,
		      int sort_field, const struct store_seek *sk, long limit, store_seek_cb cb,
		      void *arg, struct sc_err *err)
{
	if (sort_field < 0 || sort_field >= SC_F_COUNT || !sc_field_info(sort_field)->sortable)
		sort_field = SC_F_NAME;
	bool num = sort_is_int(sort_field);
	const struct store_key *k = sk->key;
	int key = !k ? SEEK_START : sk->at ? SEEK_AT : SEEK_AFTER;
	bool prefix = filter_indexed(filter) && sc_filter_is_prefix(filter);
	int way = !filter_indexed(filter) ? FILT_SCAN : prefix ? FILT_PREFIX_BY_ID : FILT_FTS;
	if (way != FILT_SCAN && db_kind(st->db) != DB_SQLITE) {
		if (pg_way(st, kind, filter, &way, err))
			return err->status;
		way = pg_way_sorted(st, way, sort_field);
	} else if (way == FILT_FTS || way == FILT_PREFIX_BY_ID) {
		/* few rows found: read by id; many: along the order's index, the
		 * filter tested on each row until the page is full (reading the
		 * many ids first would cost what the count of them costs) */
		bool few;
		if (filter_few(st, kind, filter, &few, err))
			return err->status;
		way = !few ? FILT_SCAN : prefix ? FILT_PREFIX_BY_ID : FILT_IDS;
		if (lite_way_sorted(st, kind, filter, sort_field, &way, err))
			return err->status;
	}
	char pat[2 * SC_NAME_MAX + 8];
	if (sk->name_prefix) /* "%prefix%" less its first % */
		store_like_pattern(sk->name_prefix, pat, sizeof pat);
	struct seek_run r = {kind, filter, way, num, k, sk->stream, cb, arg, sk->offset,
	                     limit, false, false, sk->name_prefix ? pat + 1 : NULL};
	const struct obj_sql *q = obj_sql();
	bool named = sk->name_prefix != NULL;
	const char(*none)[SEEK_KEYS][FILT_WAYS][SQL_MAX] = named ? q->named_none : q->seek_none;
	if (sort_field != SC_F_TEMPLATE)
		return seek_part(st, seek_sql(st, sort_field, sk->desc, key, way, named), &r,
				 sk->offset, limit, err);
	/* The Template order in two parts: the rows without a template (sort
	 * value '') first, then those with one; backwards the other way round.
	 * A key names the part it is in; the offset and the limit run on
	 * across both. */
	bool none_key = k && !k->text[0];
	const char *first, *second;
	if (!sk->desc) {
		first = !k || none_key ? none[0][key][way] : NULL;
		second = seek_sql(st, SC_F_TEMPLATE, 0, none_key ? SEEK_START : key, way, named);
	} else {
		first = none_key ? NULL : seek_sql(st, SC_F_TEMPLATE, 1, key, way, named);
		second = none_key ? none[1][key][way] : none[1][SEEK_START][way];
	}
	r.split = true;
	if (first) {
		r.key = !k || (sk->desc ? !none_key : none_key) ? k : NULL;
		if (seek_part(st, first, &r, 0, -1, err))
			return err->status;
	}
	if (r.done || r.limit == 0)
		return 0;
	r.key = (!sk->desc && !none_key) || (sk->desc && none_key) ? k : NULL;
	return seek_part(st, second, &r, 0, -1, err);
}

static int plan_of(struct sc_store *st, int sort_field, bool desc, bool after, bool named,
		   char *out, size_t n)
{
	if (sort_field < 0 || sort_field >= SC_F_COUNT || !sc_field_info(sort_field)->sortable)
		sort_field = SC_F_NAME;
	out[0] = '\0';
	if (db_kind(st->db) != DB_SQLITE)
		return -1;
	const struct obj_sql *q = obj_sql();
	int key = after ? SEEK_AFTER : SEEK_START;
	const char(*seek)[2][SEEK_KEYS][FILT_WAYS][SQL_MAX] = named ? q->named : q->seek;
	const char(*none)[SEEK_KEYS][FILT_WAYS][SQL_MAX] = named ? q->named_none : q->seek_none;
	const char *sql[2] = {seek[sort_field][desc][key][FILT_SCAN],
			      sort_field == SC_F_TEMPLATE ? none[desc][key][FILT_SCAN] : NULL};
	size_t len = 0;
	for (int i = 0; i < 2 && sql[i]; i++) {
		char text[SQL_MAX + 32];
		snprintf(text, sizeof text, "EXPLAIN QUERY PLAN %s", sql[i]);
		struct db_stmt *s = db_prep(st->db, text);
		if (!s)
			return -1;
		while (db_step(s) == DB_ROW && len < n)
			len += (size_t)snprintf(out + len, n - len, "%s\n", db_col_text(s, 3));
		db_reset(s);
	}
	return 0;
}

int store_seek_plan(struct sc_store *st, int sort_field, bool desc, bool after, char *out,
		    size_t n)
{
	return plan_of(st, sort_field, desc, after, false, out, n);
}

int store_find_plan(struct sc_store *st, int sort_field, bool desc, bool after, char *out,
		    size_t n)
{
	return plan_of(st, sort_field, desc, after, true, out, n);
}

/* ---- quick search ---- */

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static char ascii_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
}

static bool starts_nocase(const char *name, const char *prefix)
{
	for (; *prefix; prefix++, name++)
		if (ascii_lower(*name) != ascii_lower(*prefix))
			return false;
	return true;
}

/* The next spelling of prefix (any case) in the scan's direction after
 * name, which does not start with prefix in any case: name's longest part
 * that matches, then the next case variant; false when name is past the
 * last variant.  Upper case sorts before lower case, so going up a
 * variant's first spelling is upper case and its last lower case; going
 * down (back) the other way round, and the result is a bound: the variant
 * followed by '~', which sorts after every name character. */
static bool beyond(unsigned char x, unsigned char c, bool back)
{
	return back ? c && x < c : !c || x > c;
}

static bool variant_next(const char *name, const char *prefix, bool back, char *out, size_t n)
{
	char (*first)(char) = back ? ascii_lower : ascii_upper;
	char (*last)(char) = back ? ascii_upper : ascii_lower;
	size_t k = strlen(prefix), i = 0;
	while (i < k && name[i] && ascii_lower(name[i]) == ascii_lower(prefix[i]))
		i++;
	unsigned char c = (unsigned char)name[i];
	char pick = 0;
	if (beyond((unsigned char)first(prefix[i]), c, back))
		pick = first(prefix[i]);
	else if (beyond((unsigned char)last(prefix[i]), c, back))
		pick = last(prefix[i]);
	size_t j = i;
	while (!pick) { /* back to the last letter that can take its other case */
		if (j == 0)
			return false;
		j--;
		if (name[j] != last(prefix[j]))
			pick = last(prefix[j]);
	}
	if (k + 1 > n)
		return false;
	memcpy(out, name, j);
	out[j] = pick;
	for (size_t m = j + 1; m < k; m++)
		out[m] = first(prefix[m]);
	out[k] = '\0';
	if (back && k + 2 <= n) /* a name of the longest length needs no bound past it */
		out[k] = '~', out[k + 1] = '\0';
	return true;
}

struct first_row {
	bool got;
	struct store_key key;
};

static int take_first(const struct sc_object *o, const struct store_key *k, void *arg)
{
	struct first_row *f = arg;
	(void)o;
	f->got = true;
	f->key = *k;
	return 1;
}

/* In name order: seek to the first variant of the prefix in the scan's
 * direction; a row there that does not start with it names the next
 * variant to seek to. */
static int find_by_name(struct sc_store *st, enum sc_kind kind, const char *filter, bool desc,
			const char *prefix, const struct store_key *after, struct store_key *out,
			bool *found, struct sc_err *err)
{
	struct store_key k = {0};
	struct store_seek sk = {.desc = desc, .key = &k, .at = true};
	size_t len = strlen(prefix);
	if (after) {
		k = *after;
		sk.at = false;
	} else {
		for (size_t i = 0; i < len; i++)
			k.name[i] = desc ? ascii_lower(prefix[i]) : ascii_upper(prefix[i]);
		if (desc && len < SC_NAME_MAX)
			k.name[len] = '~';
		sc_strlcpy(k.text, k.name, sizeof k.text);
	}
	for (;;) {
		struct first_row f = {0};
		if (store_object_seek(st, kind, filter, SC_F_NAME, &sk, 1, take_first, &f, err))
			return err->status;
		if (!f.got)
			return 0;
		if (starts_nocase(f.key.name, prefix)) {
			*out = f.key;
			*found = true;
			return 0;
		}
		if (!variant_next(f.key.name, prefix, desc, k.name, sizeof k.name))
			return 0;
		sc_strlcpy(k.text, k.name, sizeof k.text);
		sk.at = true;
	}
}

int store_object_find(struct sc_store *st, enum sc_kind kind, const char *filter,
		      int sort_field, bool desc, const char *prefix, const struct store_key *key,
		      struct store_key *out, bool *found, struct sc_err *err)
{
	*found = false;
	if (!prefix[0] || strlen(prefix) > SC_NAME_MAX)
		return 0;
	for (const char *p = prefix; *p; p++) /* no name holds another character */
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	if (sort_field < 0 || sort_field >= SC_F_COUNT || !sc_field_info(sort_field)->sortable)
		sort_field = SC_F_NAME;
	if (sort_field == SC_F_NAME)
		return find_by_name(st, kind, filter, desc, prefix, key, out, found, err);
	struct store_key any;
	if (find_by_name(st, kind, filter, false, prefix, NULL, &any, found, err))
		return err->status;
	if (!*found)
		return 0;
	*found = false;
	struct first_row f = {0};
	struct store_seek sk = {.desc = desc, .key = key, .name_prefix = prefix};
	if (store_object_seek(st, kind, filter, sort_field, &sk, 1, take_first, &f, err))
		return err->status;
	if (f.got) {
		*out = f.key;
		*found = true;
	}
	return 0;
}

/* Appends an EXPLAIN's lines to out (*len long): the plan's text is
 * column col (SQLite's EXPLAIN QUERY PLAN: 3; PostgreSQL's EXPLAIN: 0). */
static int explain_into(struct db_stmt *s, int col, char *out, size_t n, size_t *len)
{
	int rc;
	while ((rc = db_step(s)) == DB_ROW && *len < n)
		*len += (size_t)snprintf(out + *len, n - *len, "%s\n", db_col_text(s, col));
	db_reset(s);
	return rc == DB_ERROR ? -1 : 0;
}

int store_filter_plan(struct sc_store *st, char *out, size_t n)
{
	out[0] = '\0';
	struct sc_err err;
	if (db_kind(st->db) != DB_SQLITE || store_exec(st, SQL_IDS_CREATE, "plan", &err))
		return -1;
	const struct {
		const char *title, *sql;
	} q[] = {{"probe: names", SQL_IDS_FILL[0]},
		 {"probe: OS values", SQL_IDS_FILL[1]},
		 {"probe: clusters", SQL_IDS_FILL[2]},
		 {"probe: how many", SQL_IDS_UPTO},
		 {"other kinds", SQL_OTHER_KINDS},
		 {"count by id", SQL_OBJ_COUNT_IDS},
		 {"page by id", obj_sql()->seek[SC_F_NAME][0][SEEK_START][FILT_IDS]}};
	/* statements are cached by the address of their text: one each */
	static char text[sizeof q / sizeof *q][SQL_MAX + 32];
	size_t len = 0;
	for (size_t i = 0; i < sizeof q / sizeof *q && len < n; i++) {
		len += (size_t)snprintf(out + len, n - len, "-- %s\n", q[i].title);
		snprintf(text[i], sizeof text[i], "EXPLAIN QUERY PLAN %s", q[i].sql);
		struct db_stmt *s = db_prep(st->db, text[i]);
		if (!s || explain_into(s, 3, out, n, &len))
			return -1;
	}
	return 0;
}

int store_filter_plan_os(struct sc_store *st, enum sc_kind kind, const char *filter, char *out,
			 size_t n)
{
	out[0] = '\0';
	struct sc_err err;
	bool few;
	int way = FILT_SCAN;
	if (db_kind(st->db) != DB_SQLITE || !filter_indexed(filter) ||
	    filter_few(st, kind, filter, &few, &err))
		return -1;
	if (few)
		way = sc_filter_is_prefix(filter) ? FILT_PREFIX_BY_ID : FILT_IDS;
	else if (lite_way_sorted(st, kind, filter, SC_F_OS, &way, &err))
		return -1;
	/* statements are cached by the address of their text: one per way */
	static char text[FILT_WAYS][SQL_MAX + 32];
	snprintf(text[way], sizeof text[way], "EXPLAIN QUERY PLAN %s",
		 obj_sql()->seek[SC_F_OS][0][SEEK_START][way]);
	size_t len = (size_t)snprintf(out, n, "-- way: %s\n",
				      way == FILT_SCAN_OS ? "scan of the OS bounds"
				      : way == FILT_SCAN  ? "scan"
							  : "by id");
	struct db_stmt *s = db_prep(st->db, text[way]);
	return !s || explain_into(s, 3, out, n, &len) ? -1 : 0;
}


/* One step of a probe's plan: its title appended to OUT, and its SQL
 * prepared under EXPLAIN in TEXT (statements are cached by the address
 * of their text: TEXT is static at the caller and always holds the same
 * SQL). */
static struct db_stmt *probe_step_plan(struct sc_store *st, const char *title, const char *sql,
				       char text[SQL_MAX], char *out, size_t n, size_t *len)
{
	*len += (size_t)snprintf(out + *len, n - *len, "-- probe: %s\n", title);
	snprintf(text, SQL_MAX, "EXPLAIN %s", sql);
	return db_prep(st->db, text);
}

/* The plans of the steps of probe_ids_pg: the OS values that hold the
 * filter, the rows of one of them, the names. */
static int probe_plan_pg(struct sc_store *st, enum sc_kind kind, const char *filter, char *out,
			 size_t n, size_t len)
{
	static const char *const sql[] = {SQL_OS_HOLDS_PG, SQL_OS_IDS_PG, SQL_NAME_IDS_PG};
	static const char *const title[] = {"OS values", "rows of an OS", "names"};
	static char text[3][SQL_MAX];
	char low[2 * SC_NAME_MAX + 8];
	store_lower_ascii(filter, low, sizeof low);
	for (int i = 0; i < 3 && len < n; i++) {
		struct db_stmt *s = probe_step_plan(st, title[i], sql[i], text[i], out, n, &len);
		if (!s)
			return -1;
		if (i < 2)
			db_bind_text(s, 1, sc_kind_name(kind));
		if (i == 0)
			bind_filter(s, 2, filter);
		if (i == 1) {
			db_bind_text(s, 2, "Other");
			db_bind_int64(s, 3, 1001);
		}
		if (i == 2) {
			db_bind_text(s, 1, low);
			db_bind_int64(s, 2, 4004);
		}
		if (explain_into(s, 0, out, n, &len))
			return -1;
	}
	return 0;
}

/* The plans of the steps of probe_prefix_pg past those it shares with
 * probe_ids_pg: the names that start with one spelling, the OS bounds. */
static int prefix_plan_pg(struct sc_store *st, enum sc_kind kind, const char *filter, char *out,
			  size_t n, size_t len)
{
	static const char *const sql[] = {SQL_OS_HOLDS_PG, SQL_PREFIX_NAME_IDS_PG,
					  SQL_PREFIX_OS_BOUNDS_PG};
	static const char *const title[] = {"OS values", "names by prefix", "OS bounds"};
	static char text[3][SQL_MAX];
	char sp[PREFIX_SPELLINGS][16];
	int nsp = prefix_spellings(filter, sp);
	for (int i = 0; i < 3 && len < n; i++) {
		struct db_stmt *s = probe_step_plan(st, title[i], sql[i], text[i], out, n, &len);
		if (!s)
			return -1;
		db_bind_text(s, 1, sc_kind_name(kind));
		if (i == 0 || i == 2)
			bind_filter(s, 2, filter);
		if (i == 1) {
			db_bind_text(s, 2, sp[0]);
			db_bind_int64(s, 3, 1001);
		}
		for (int v = 0; i == 2 && v < PREFIX_SPELLINGS; v++)
			db_bind_text(s, 3 + v, sp[v % nsp]);
		if (explain_into(s, 0, out, n, &len))
			return -1;
	}
	return 0;
}

int store_filter_plan_pg(struct sc_store *st, enum sc_kind kind, const char *filter, char *out,
			 size_t n)
{
	out[0] = '\0';
	struct sc_err err;
	int way;
	if (db_kind(st->db) == DB_SQLITE || !filter_indexed(filter) ||
	    pg_way(st, kind, filter, &way, &err))
		return -1;
	int by_os = pg_way_sorted(st, way, SC_F_OS);
	const char *sql[] = {way == FILT_ARRAY ? SQL_OBJ_COUNT_ARRAY
			     : way == FILT_TRGM ? SQL_OBJ_COUNT_UPTO_TRGM
						: SQL_OBJ_COUNT_UPTO,
			     seek_sql(st, SC_F_NAME, 0, SEEK_START, way, false),
			     seek_sql(st, SC_F_OS, 0, SEEK_START, by_os, false)};
	static const char *const title[] = {"count", "page", "page by OS"};
	/* statements are cached by the address of their text: one each */
	static char text[4][3][SQL_MAX + 32];
	int w = way == FILT_ARRAY ? 0 : way == FILT_TRGM ? 1 : 2;
	size_t len = (size_t)snprintf(out, n, "-- way: %s\n",
				      w == 0 ? "kept ids" : w == 1 ? "trigram indexes" : "scan");
	for (int i = 0; i < 3 && len < n; i++) {
		int x = i == 2 && by_os == FILT_TRGM_OS ? 3 : w;
		len += (size_t)snprintf(out + len, n - len, "-- %s\n", title[i]);
		snprintf(text[x][i], sizeof text[x][i], "EXPLAIN %s", sql[i]);
		struct db_stmt *s = db_prep(st->db, text[x][i]);
		if (!s)
			return -1;
		db_bind_text(s, 1, sc_kind_name(kind));
		int b = bind_way(st, s, 2, i == 2 ? by_os : way, filter);
		if (i == 0 && way != FILT_ARRAY)
			db_bind_int64(s, b, 1001);
		if (i > 0) {
			db_bind_int64(s, b, 20);
			db_bind_int64(s, b + 1, 0);
		}
		if (explain_into(s, 0, out, n, &len))
			return -1;
	}
	return sc_filter_is_prefix(filter) ? prefix_plan_pg(st, kind, filter, out, n, len)
					   : probe_plan_pg(st, kind, filter, out, n, len);
}

int store_object_rank(struct sc_store *st, enum sc_kind kind, const char *filter,
		      int sort_field, bool desc, const struct store_key *key, long *out,
		      struct sc_err *err)
{
	if (sort_field < 0 || sort_field >= SC_F_COUNT || !sc_field_info(sort_field)->sortable)
		sort_field = SC_F_NAME;
	bool ix = filter_indexed(filter), fts = ix && db_kind(st->db) == DB_SQLITE;
	bool prefix = fts && sc_filter_is_prefix(filter);
	int way = prefix ? FILT_PREFIX_BY_ID : fts ? FILT_FTS_BY_ID : FILT_WAYS;
	if (ix && !fts && pg_way(st, kind, filter, &way, err))
		return err->status;
	way = pg_way_sorted(st, way, sort_field);
	if (fts && sort_field == SC_F_OS) {
		/* many rows: counted from the least OS that holds the filter */
		bool few;
		int scan = FILT_SCAN;
		if (filter_few(st, kind, filter, &few, err) ||
		    (!few && lite_way_sorted(st, kind, filter, sort_field, &scan, err)))
			return err->status;
		if (scan == FILT_SCAN_OS)
			way = scan;
	}
	struct db_stmt *s = store_prep(st, obj_sql()->rank[sort_field][desc][way], err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, sc_kind_name(kind));
	int b = way == FILT_FTS_BY_ID ? store_bind_fts(s, 2, filter)
		: way == FILT_PREFIX_BY_ID ? bind_prefix(s, filter)
					   : 2;
	if (way != FILT_WAYS)
		b = bind_way(st, s, b, way, filter);
	if (sort_is_int(sort_field))
		db_bind_int64(s, b++, key->num);
	else
		db_bind_text(s, b++, key->text);
	db_bind_text(s, b, key->name);
	return store_count_step(st, s, "count rows", out, err);
}

int store_written(struct sc_store *st, int64_t stamp[2])
{
	return read_stamp(st, &stamp[0], &stamp[1]) ? 0 : -1;
}

int store_count_step(struct sc_store *st, struct db_stmt *s, const char *what, long *out,
		     struct sc_err *err)
{
	if (db_step(s) != DB_ROW)
		return store_sql_fail(st, err, what);
	*out = (long)db_col_int64(s, 0);
	db_reset(s);
	return 0;
}

/* Whether the store is as it was at the cached count (else notes where it
 * is now for the next one).  A full count of a million rows reads every
 * page of an index (about 10 ms on SQLite, 80-150 ms on PostgreSQL), and
 * the list counts again at every full draw to show other admins' changes. */
int store_count_cached(struct sc_store *st, struct count_cache *c, int kind, const char *filter,
		       long *out)
{
	int64_t now[2];
	bool ok = read_stamp(st, &now[0], &now[1]);
	if (!filter)
		filter = "";
	bool hit = ok && c->kept && c->kind == kind && c->data_version == now[0] &&
		   c->changes == now[1] && strlen(filter) < sizeof c->filter &&
		   !strcmp(c->filter, filter);
	if (hit) {
		*out = c->n;
		return 1;
	}
	c->kept = false;
	if (!ok || strlen(filter) >= sizeof c->filter)
		return -1;
	c->kind = kind;
	sc_strlcpy(c->filter, filter, sizeof c->filter);
	c->data_version = now[0];
	c->changes = now[1];
	/* the state the count about to run is of */
	return 0;
}

/* Kept for the store as it stood when asked (a commit since by another
 * session changed data_version: counted again next time); never inside a
 * write, which a rollback undoes without a change that total_changes
 * would show. */
void store_count_keep(struct sc_store *st, struct count_cache *c, int cached, long n)
{
	c->kept = cached == 0 && st->tx_depth == 0;
	c->n = n;
}

static int count_rows(struct sc_store *st, enum sc_kind kind, const char *filter, long *out,
		      struct sc_err *err);

int store_count(struct sc_store *st, enum sc_kind kind, const char *filter, long *out,
		struct sc_err *err)
{
	int c = store_count_cached(st, &st->count_cache, (int)kind, filter, out);
	if (c > 0)
		return 0;
	if (count_rows(st, kind, filter, out, err))
		return err->status;
	store_count_keep(st, &st->count_cache, c, *out);
	return 0;
}

static int count_rows(struct sc_store *st, enum sc_kind kind, const char *filter, long *out,
		      struct sc_err *err)
{
	bool filtered = filter && *filter, ix = kind != SC_CLUSTER && filter_indexed(filter);
	bool fts = ix && db_kind(st->db) == DB_SQLITE;
	bool prefix = fts && sc_filter_is_prefix(filter);
	int way = FILT_SCAN;
	if (ix && !fts && pg_way(st, kind, filter, &way, err))
		return err->status;
	const char *sql = kind == SC_CLUSTER ? SQL_CL_COUNT
			  : prefix           ? SQL_OBJ_COUNT_PREFIX
			  : fts              ? SQL_OBJ_COUNT_FTS
			  : way == FILT_ARRAY ? SQL_OBJ_COUNT_ARRAY
			  : way == FILT_TRGM ? SQL_OBJ_COUNT_TRGM
			  : filtered         ? SQL_OBJ_COUNT
			  : kind == SC_VM    ? SQL_VM_COUNT
					     : SQL_OBJ_COUNT_ALL;
	struct db_stmt *s = store_prep(st, sql, err);
	if (!s)
		return err->status;
	if (kind == SC_CLUSTER) {
		bind_filter(s, 1, filter);
	} else {
		db_bind_text(s, 1, sc_kind_name(kind));
		if (filtered)
			bind_way(st, s,
				 prefix ? bind_prefix(s, filter) : fts ? store_bind_fts(s, 2, filter) : 2,
				 way, filter);
	}
	return store_count_step(st, s, "count rows", out, err);
}

/* The capped count along the order's index (way FILT_SCAN or FILT_TRGM),
 * kept while the store stands as it was: the two full draws of a
 * keystroke count once. */
static int count_upto_kept(struct sc_store *st, enum sc_kind kind, const char *filter, int way,
			   long cap, long *out, bool *more, struct sc_err *err)
{
	int64_t stamp[2];
	bool stamped;
	struct upto_cache *uc = &st->upto_cache;
	if (kept_hit(st, &uc->key, (int)kind, filter, cap, stamp, &stamped)) {
		*out = uc->n;
		*more = uc->more;
		return 0;
	}
	struct db_stmt *s =
		store_prep(st, way == FILT_TRGM ? SQL_OBJ_COUNT_UPTO_TRGM : SQL_OBJ_COUNT_UPTO, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, sc_kind_name(kind));
	bind_filter(s, 2, filter);
	db_bind_int64(s, 3, cap + 1);
	if (store_count_step(st, s, "count rows", out, err))
		return err->status;
	*more = *out > cap;
	if (*more)
		*out = cap;
	uc->n = *out;
	uc->more = *more;
	kept_note(st, &uc->key, (int)kind, filter, cap, stamp, stamped);
	return 0;
}

int store_count_upto(struct sc_store *st, enum sc_kind kind, const char *filter, long cap,
		     long *out, bool *more, struct sc_err *err)
{
	*more = false;
	if (kind == SC_CLUSTER || !filter_indexed(filter))
		return store_count(st, kind, filter, out, err);
	if (db_kind(st->db) == DB_SQLITE) {
		bool few = false;
		if (filter_few(st, kind, filter, &few, err))
			return err->status;
		if (few && sc_filter_is_prefix(filter)) /* read by id: exact at little cost */
			return store_count(st, kind, filter, out, err);
		if (few) { /* the kept ids, read by id */
			struct db_stmt *c = store_prep(st, SQL_OBJ_COUNT_IDS, err);
			if (!c)
				return err->status;
			db_bind_text(c, 1, sc_kind_name(kind));
			bind_filter(c, 2, filter);
			if (db_step(c) != DB_ROW)
				return store_sql_fail(st, err, "count rows");
			*out = (long)db_col_int64(c, 0);
			db_reset(c);
			return 0;
		}
		if (!sc_filter_is_prefix(filter) && fts_more_than(st, kind, filter, cap, more, err))
			return err->status;
		if (*more) {
			*out = cap;
			return 0;
		}
	}
	int way = FILT_SCAN;
	if (db_kind(st->db) != DB_SQLITE && pg_way(st, kind, filter, &way, err))
		return err->status;
	if (way != FILT_ARRAY)
		return count_upto_kept(st, kind, filter, way, cap, out, more, err);
	/* the kept ids are few: all of them counted */
	struct db_stmt *s = store_prep(st, SQL_OBJ_COUNT_ARRAY, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, sc_kind_name(kind));
	bind_way(st, s, 2, way, filter);
	if (store_count_step(st, s, "count rows", out, err))
		return err->status;
	if (*out > cap) {
		*out = cap;
		*more = true;
	}
	return 0;
}

int store_rules_ctx(struct sc_store *st, const char *cluster, struct sc_ctx *ctx,
		    struct sc_err *err)
{
	struct sc_cluster c;
	if (store_rules_load(st, err) || store_cluster_get(st, cluster, &c, err))
		return err->status;
	*ctx = st->rules_ctx[c.version];
	return 0;
}

int store_ctx(struct sc_store *st, const struct sc_optreg *reg, const char *cluster,
	      struct sc_ctx *ctx, struct sc_err *err)
{
	/* inside a write, what the write will be checked against */
	if (st->tx_depth > 0 && st->rules)
		return store_rules_ctx(st, cluster, ctx, err);
	struct sc_cluster c;
	if (store_cluster_get(st, cluster, &c, err))
		return err->status;
	sc_ctx_init(ctx, reg, c.version);
	return 0;
}
