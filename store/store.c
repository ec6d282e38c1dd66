/* The store: open/migrate, transactions, errors, audit notes (SPEC §8). */
#include "store.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../model/uri.h"
#include "conninfo.h"
#include "schema.h"
#include "store_impl.h"

_Static_assert(SCHEMA_STEPS == STORE_SCHEMA_VERSION, "schema steps and version differ");

/* ---- errors ---- */

int store_sql_fail(struct sc_store *st, struct sc_err *err, const char *what)
{
	const char *m = db_errmsg(st->db);
	const char *p = st->path;
	switch (db_errkind(st->db)) {
	case DB_E_BUSY:
		return sc_fail(err, SC_EBUSY,
			       "store %s is locked by another writer (waited %d ms); try again", p,
			       st->busy_ms);
	case DB_E_READONLY:
		return sc_fail(err, SC_ERUNTIME, "store %s is read-only: cannot %s", p, what);
	case DB_E_FULL:
		return sc_fail(err, SC_ERUNTIME,
			       "store %s: disk full while trying to %s; nothing was changed", p,
			       what);
	case DB_E_NOTADB:
		return sc_fail(err, SC_ERUNTIME,
			       "%s is not a spicecfg store (not an SQLite database)", p);
	case DB_E_CORRUPT:
		return sc_fail(err, SC_ERUNTIME, "store %s is corrupt (%s); restore it from a backup",
			       p, m);
	case DB_E_IO:
		return sc_fail(err, SC_ERUNTIME, "store %s: I/O error while trying to %s: %s", p,
			       what, m);
	case DB_E_CONN:
		return sc_fail(err, SC_ERUNTIME,
			       "cannot %s: no connection to the PostgreSQL server (%s): %s", what,
			       p, m);
	case DB_E_AUTH:
		return sc_fail(err, SC_ERUNTIME, "PostgreSQL refused the login (%s): %s", p, m);
	case DB_E_PERM:
		return sc_fail(err, SC_ERUNTIME,
			       "the PostgreSQL role lacks the rights to %s (%s): %s; ask the "
			       "database owner to grant them",
			       what, p, m);
	default:
		return sc_fail(err, SC_ERUNTIME, "store %s: cannot %s: %s", p, what, m);
	}
}

struct db_stmt *store_prep(struct sc_store *st, const char *sql, struct sc_err *err)
{
	struct db_stmt *s = db_prep(st->db, sql);
	if (!s)
		store_sql_fail(st, err, "prepare a query");
	return s;
}

int store_exec(struct sc_store *st, const char *sql, const char *what, struct sc_err *err)
{
	return db_exec(st->db, sql) ? store_sql_fail(st, err, what) : 0;
}

void store_like_pattern(const char *filter, char *buf, size_t n)
{
	size_t k = 0;
	if (n < 4)
		return;
	buf[k++] = '%';
	for (const char *p = filter; *p && k + 4 < n; p++) {
		char c = *p;
		if (c == '%' || c == '_' || c == '\\')
			buf[k++] = '\\';
		buf[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	buf[k++] = '%';
	buf[k] = '\0';
}

/* ---- transactions ---- */

/* Every write transaction takes the store's one write lock before it reads
 * anything, so that what it checks (site options, cluster versions, the row
 * it edits) cannot change before it commits, and what it commits cannot
 * slip past a change made at the same time:
 * - SQLite: BEGIN IMMEDIATE takes the database's write lock now (a busy
 *   store also fails before any work is done).
 * - PostgreSQL: a transaction-scoped advisory lock, one key for the whole
 *   store, which every writer takes first.  Writers are then serialized
 *   exactly as on SQLite, and under READ COMMITTED each statement after the
 *   lock sees every change committed before it.  Row locks (SELECT ... FOR
 *   UPDATE on the options and cluster rows) would let writers of unrelated
 *   objects run side by side, but an option change touches every object of
 *   its versions and a row that does not exist yet (a first vdc_options row)
 *   cannot be locked; writes here are short, so one lock costs little and
 *   cannot deadlock.  Waiting for it is bounded by lock_timeout (the busy
 *   timeout), like SQLite's busy handler. */
static const char SQL_BEGIN_PG[] = "BEGIN; SELECT pg_advisory_xact_lock(7365696366670001)";

int store_begin(struct sc_store *st, struct sc_err *err)
{
	if (st->tx_depth++ > 0)
		return 0;
	const char *sql = db_kind(st->db) == DB_PG ? SQL_BEGIN_PG : "BEGIN IMMEDIATE";
	/* what an earlier transaction read may have changed since */
	st->last_cluster[0] = '\0';
	st->rules_fresh = false;
	if (store_exec(st, sql, "start a transaction", err)) {
		st->tx_depth = 0;
		if (db_kind(st->db) == DB_PG) /* a lock not granted aborted the BEGIN */
			db_exec(st->db, "ROLLBACK");
		return err->status;
	}
	return 0;
}

int store_commit(struct sc_store *st, struct sc_err *err)
{
	if (st->tx_depth == 0 || --st->tx_depth > 0)
		return 0;
	db_reset_all(st->db);
	if (store_exec(st, "COMMIT", "commit", err)) {
		db_exec(st->db, "ROLLBACK");
		st->last_cluster[0] = '\0';
		return err->status;
	}
	return 0;
}

void store_rollback(struct sc_store *st)
{
	if (st->tx_depth == 0)
		return;
	st->tx_depth = 0;
	st->last_cluster[0] = '\0';
	db_reset_all(st->db);
	db_exec(st->db, "ROLLBACK");
}

/* Ends a write that opened its own (possibly nested) transaction. */
int store_finish(struct sc_store *st, int rc, struct sc_err *err)
{
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

/* ---- open ---- */

/* A substring index of a filter, each backend's own (schema.h): the
 * lists' (FILTER_INDEX_*) or the audit log's (AUDIT_INDEX_*). */
static int filter_index_create(struct sc_store *st, const char *lite, const char *pg,
			       struct sc_err *err)
{
	if (db_kind(st->db) != DB_PG)
		return store_exec(st, lite, "create the filter index", err);
	/* without pg_trgm the filter scans: a failure is undone, not an error */
	if (store_exec(st, "SAVEPOINT trgm", "create the filter index", err))
		return err->status;
	if (db_exec(st->db, FILTER_TRGM_EXT))
		return store_exec(st, "ROLLBACK TO SAVEPOINT trgm; RELEASE SAVEPOINT trgm",
				  "create the filter index", err);
	if (store_exec(st, pg, "create the filter index", err))
		return err->status;
	return store_exec(st, "RELEASE SAVEPOINT trgm", "create the filter index", err);
}

/* A copy of an audit value with sc_uri_redact's rule applied (NULL stays
 * NULL); *changed when it differs.  Large enough for any value: the rule
 * puts "***" where a password was, which an empty one makes longer. */
static char *redacted(struct db_stmt *s, int col, bool *changed)
{
	if (db_col_null(s, col))
		return NULL;
	const char *v = db_col_text(s, col);
	size_t n = 2 * strlen(v) + 16;
	char *out = malloc(n);
	if (out) {
		sc_uri_redact(v, out, n);
		*changed = *changed || strcmp(out, v) != 0;
	}
	return out;
}

/* Step 7 -> 8, on both backends: the audit rows of a host's URI change
 * written before those were redacted (hosts.c) may hold a password in the
 * old or the new URI; they are rewritten with the same rule, the rest of
 * each row as it was.  The rows are read first, then written. */
static const char SQL_AUDIT_URIS[] =
	"SELECT id, old, new FROM audit WHERE field = 'uri' AND object LIKE 'host:%'";
static const char SQL_AUDIT_REDACT[] = "UPDATE audit SET old = $1, new = $2 WHERE id = $3";

static int audit_redact_uris(struct sc_store *st, struct sc_err *err)
{
	struct fix {
		int64_t id;
		char *old, *neu;
	} *fix = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct db_stmt *s = store_prep(st, SQL_AUDIT_URIS, err);
	if (!s)
		return err->status;
	int step = DB_DONE;
	while (!rc && (step = db_step(s)) == DB_ROW) {
		bool changed = false;
		struct fix f = {db_col_int64(s, 0), redacted(s, 1, &changed), redacted(s, 2, &changed)};
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			struct fix *x = realloc(fix, cap * sizeof *fix);
			if (!x)
				cap = n;
			else
				fix = x;
		}
		if ((!db_col_null(s, 1) && !f.old) || (!db_col_null(s, 2) && !f.neu) || n == cap)
			rc = sc_fail(err, SC_ERUNTIME, "out of memory");
		if (changed && !rc)
			fix[n++] = f;
		else {
			free(f.old);
			free(f.neu);
		}
	}
	if (!rc && step == DB_ERROR)
		rc = store_sql_fail(st, err, "read the audit");
	db_reset(s);
	for (size_t i = 0; i < n && !rc; i++) {
		if (!(s = store_prep(st, SQL_AUDIT_REDACT, err))) {
			rc = err->status;
			break;
		}
		db_bind_text(s, 1, fix[i].old);
		db_bind_text(s, 2, fix[i].neu);
		db_bind_int64(s, 3, fix[i].id);
		if (db_step(s) == DB_ERROR)
			rc = store_sql_fail(st, err, "redact the audit");
		db_reset(s);
	}
	for (size_t i = 0; i < n; i++) {
		free(fix[i].old);
		free(fix[i].neu);
	}
	free(fix);
	return rc;
}

static int migrate(struct sc_store *st, struct sc_err *err)
{
	int v;
	if (db_schema_version(st->db, &v))
		return store_sql_fail(st, err, "read the schema version");
	if (v > STORE_SCHEMA_VERSION)
		return sc_fail(err, SC_ERUNTIME,
			       "store %s has schema version %d, newer than this spicecfg knows (%d); "
			       "use a newer spicecfg",
			       st->path, v, STORE_SCHEMA_VERSION);
	if (v == STORE_SCHEMA_VERSION)
		return 0;
	if (v == 0 && db_foreign(st->db))
		return sc_fail(err, SC_ERUNTIME,
			       "%s is a database of another program, not a spicecfg store",
			       st->path);
	if (store_begin(st, err))
		return err->status;
	int rc = 0;
	for (int step = v; step < STORE_SCHEMA_VERSION && !rc; step++) {
		char *sql = db_schema_text(db_kind(st->db), MIGRATIONS[step]);
		rc = sql ? store_exec(st, sql, "create the schema", err)
			 : sc_fail(err, SC_ERUNTIME, "out of memory");
		free(sql);
		if (!rc && step == FILTER_STEP)
			rc = filter_index_create(st, FILTER_INDEX_SQLITE, FILTER_INDEX_PG, err);
		if (!rc && step == AUDIT_STEP)
			rc = filter_index_create(st, AUDIT_INDEX_SQLITE, AUDIT_INDEX_PG, err);
		if (!rc && step == SUFFIX_STEP && db_kind(st->db) == DB_PG)
			rc = store_exec(st, SUFFIX_INDEX_PG, "create the names' suffixes", err);
		if (!rc && step == NAMES_STEP && db_kind(st->db) == DB_SQLITE)
			rc = store_exec(st, NAMES_INDEX_STEP_SQLITE, "create the names' index", err);
		if (!rc && step == NAMES_STEP)
			rc = audit_redact_uris(st, err);
	}
	if (!rc && db_set_schema_version(st->db, STORE_SCHEMA_VERSION))
		rc = store_sql_fail(st, err, "record the schema version");
	return store_finish(st, rc, err);
}

int store_open(const char *path, struct sc_store **out, struct sc_err *err)
{
	*out = NULL;
	struct sc_store *st = calloc(1, sizeof *st);
	if (!st)
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	conninfo_redact(path, st->path, sizeof st->path);
	store_set_actor(st, NULL);
	const char *env = getenv("SPICECFG_BUSY_TIMEOUT_MS");
	st->busy_ms = env && atoi(env) >= 0 ? atoi(env) : 5000;
	int rc = db_open(path, st->busy_ms, &st->db, err);
	if (rc && st->db)
		rc = store_sql_fail(st, err, "open");
	if (!rc)
		rc = migrate(st, err);
	/* only now, on a store known to be ours: a read-only store stays in
	 * its mode, and writes are refused later */
	if (!rc && db_kind(st->db) == DB_SQLITE && db_exec(st->db, "PRAGMA journal_mode=WAL") &&
	    db_errkind(st->db) != DB_E_READONLY)
		rc = store_sql_fail(st, err, "open");
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void store_close(struct sc_store *st)
{
	if (!st)
		return;
	if (st->db)
		store_rollback(st);
	db_close(st->db);
	free(st->rules);
	free(st->probe_cache.ids);
	free(st->audit_ids);
	free(st);
}

const char *store_path(const struct sc_store *st) { return st->path; }

bool store_is_shared(const struct sc_store *st) { return db_kind(st->db) == DB_PG; }

int store_mkdirs(char *path, struct sc_err *err)
{
	/* mkdir -p of the directory part, 0700 for what we create */
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			sc_fail(err, SC_ERUNTIME, "cannot create directory %s: %s", path,
				strerror(errno));
			*p = '/';
			return SC_ERUNTIME;
		}
		*p = '/';
	}
	return 0;
}

void store_set_actor(struct sc_store *st, const char *who)
{
	if (!who || !*who)
		who = getenv("USER");
	if (!who || !*who) {
		struct passwd *pw = getpwuid(getuid());
		who = pw ? pw->pw_name : "unknown";
	}
	/* into the audit log and onto other admins' screens: never raw */
	sc_escape(who, st->who, sizeof st->who);
}

void store_set_bulk(struct sc_store *st, bool on) { st->bulk = on; }

/* PostgreSQL: the names' suffixes of the rows a bulk load adds are added
 * at its end, in one statement, from the last id before it (schema.h). */
static int suffixes_deferred(struct sc_store *st, bool defer, struct sc_err *err)
{
	if (defer)
		return store_exec(st, "SELECT set_config('spicecfg.suffixes_after', "
				  "CAST((SELECT coalesce(max(id), 0) FROM objects) AS TEXT), true)",
				  "defer the names' suffixes", err);
	return store_exec(st, SUFFIX_FILL("CAST(current_setting('spicecfg.suffixes_after') AS BIGINT)")
			  "SELECT set_config('spicecfg.suffixes_after', '', true)",
			  "add the names' suffixes", err);
}

int store_bulk_filter(struct sc_store *st, bool on, struct sc_err *err)
{
	if (st->tx_depth <= 0)
		return sc_fail(err, SC_ERUNTIME, "the filter index is deferred only inside a transaction");
	if (db_kind(st->db) != DB_SQLITE) /* pg_trgm's GIN indexes queue new rows cheaply */
		return suffixes_deferred(st, !on, err);
	/* Rows added without the trigger are indexed at the end, from the last
	 * id the index held at the start.  Row by row, every insert statement
	 * is a savepoint at which FTS5 writes its pending terms out as a new
	 * segment (and merges segments): most of the cost of an import. */
	if (!on)
		return store_exec(st, "DROP TABLE IF EXISTS temp.fts_last;"
				  "CREATE TEMP TABLE fts_last AS SELECT " NAMES_INDEX_LAST " AS id, "
				  AUDIT_INDEX_LAST " AS audit_id;"
				  "DROP TRIGGER names_fts_ins; DROP TRIGGER audit_fts_ins;",
				  "drop the filter trigger", err);
	return store_exec(st, NAMES_INDEX_FILL("(SELECT id FROM temp.fts_last)")
			  AUDIT_INDEX_FILL("(SELECT audit_id FROM temp.fts_last)")
			  "DROP TABLE temp.fts_last;" NAMES_INS_TRIGGER AUDIT_FTS_INS_TRIGGER,
			  "build the filter index", err);
}

int store_bulk_indexes(struct sc_store *st, bool on, struct sc_err *err)
{
	if (st->tx_depth <= 0)
		return sc_fail(err, SC_ERUNTIME, "sort indexes are rebuilt only inside a transaction");
	if (store_bulk_filter(st, on, err))
		return err->status;
	bool pg = db_kind(st->db) == DB_PG;
	if (!on)
		return store_exec(st, pg ? SORT_INDEXES_DROP SUFFIX_INDEX_DROP : SORT_INDEXES_DROP,
				  "drop the sort indexes", err);
	if (store_exec(st, pg ? SORT_INDEXES SUFFIX_INDEX_CREATE : SORT_INDEXES,
		       "build the sort indexes", err))
		return err->status;
	/* PostgreSQL plans a filter from the rows' statistics (how many hold a
	 * pattern): taken now, not when autovacuum comes round after the load */
	return pg ? store_exec(st, "ANALYZE objects; ANALYZE name_suffixes", "analyze", err) : 0;
}

int store_take_notes(struct sc_store *st, struct sc_msgs *out)
{
	*out = st->notes;
	st->notes.n = 0;
	return out->n;
}

void store_now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char SQL_AUDIT[] =
	"INSERT INTO audit(at, who, object, field, old, new) VALUES ($1, $2, $3, $4, $5, $6)";

int store_audit_note(struct sc_store *st, const char *object, const char *field,
		     const char *old, const char *neu, struct sc_err *err)
{
	char at[32];
	struct db_stmt *s = store_prep(st, SQL_AUDIT, err);
	if (!s)
		return err->status;
	store_now(at, sizeof at);
	db_bind_text(s, 1, at);
	db_bind_text(s, 2, st->who);
	db_bind_text(s, 3, object);
	db_bind_text(s, 4, field);
	db_bind_text(s, 5, old);
	db_bind_text(s, 6, neu);
	if (db_step(s) != DB_DONE)
		return store_sql_fail(st, err, "write the audit log");
	/* delivered to other sessions when the transaction commits */
	if (db_kind(st->db) == DB_PG) {
		char payload[256];
		snprintf(payload, sizeof payload, "%s\t%s\t%s", st->who, object, field);
		if (db_notify(st->db, payload))
			return store_sql_fail(st, err, "notify other sessions");
	}
	return 0;
}
