/* SQLite store: open/migrate, transactions, clusters and objects (SPEC §8). */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../model/field.h"
#include "schema.h"
#include "store_impl.h"

_Static_assert(SCHEMA_STEPS == STORE_SCHEMA_VERSION, "schema steps and version differ");

/* ---- errors ---- */

int store_sql_fail(struct sc_store *st, struct sc_err *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;
	const char *m = sqlite3_errmsg(st->db);
	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return sc_fail(err, SC_EBUSY,
			       "store %s is locked by another writer (waited %d ms); try again",
			       st->path, st->busy_ms);
	case SQLITE_READONLY:
		return sc_fail(err, SC_ERUNTIME, "store %s is read-only: cannot %s", st->path,
			       what);
	case SQLITE_FULL:
		return sc_fail(err, SC_ERUNTIME, "store %s: disk full while trying to %s; nothing "
			       "was changed", st->path, what);
	case SQLITE_NOTADB:
		return sc_fail(err, SC_ERUNTIME, "%s is not a spicecfg store (not an SQLite "
			       "database)", st->path);
	case SQLITE_CORRUPT:
		return sc_fail(err, SC_ERUNTIME, "store %s is corrupt (%s); restore it from a "
			       "backup", st->path, m);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return sc_fail(err, SC_ERUNTIME, "store %s: I/O error while trying to %s: %s",
			       st->path, what, m);
	default:
		return sc_fail(err, SC_ERUNTIME, "store %s: cannot %s: %s", st->path, what, m);
	}
}

/* ---- prepared statement cache (keyed by the SQL text's address) ---- */

sqlite3_stmt *store_prep(struct sc_store *st, const char *sql, struct sc_err *err)
{
	for (int i = 0; i < st->nstmts; i++)
		if (st->stmts[i].sql == sql) {
			sqlite3_reset(st->stmts[i].stmt);
			sqlite3_clear_bindings(st->stmts[i].stmt);
			return st->stmts[i].stmt;
		}
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_sql_fail(st, err, "prepare a query");
		return NULL;
	}
	if (st->nstmts < STORE_STMT_CACHE) {
		st->stmts[st->nstmts].sql = sql;
		st->stmts[st->nstmts++].stmt = s;
	} else {
		/* cache full: should not happen with a fixed set of queries */
		sqlite3_finalize(st->stmts[0].stmt);
		st->stmts[0].sql = sql;
		st->stmts[0].stmt = s;
	}
	return s;
}

int store_exec(struct sc_store *st, const char *sql, const char *what, struct sc_err *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(st, err, what);
	return 0;
}

/* ---- transactions ---- */

int store_begin(struct sc_store *st, struct sc_err *err)
{
	if (st->tx_depth++ > 0)
		return 0;
	if (store_exec(st, "BEGIN IMMEDIATE", "start a transaction", err)) {
		st->tx_depth = 0;
		return err->status;
	}
	return 0;
}

int store_commit(struct sc_store *st, struct sc_err *err)
{
	if (st->tx_depth == 0 || --st->tx_depth > 0)
		return 0;
	if (store_exec(st, "COMMIT", "commit", err)) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
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
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
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

static int user_version(struct sc_store *st, int *out, struct sc_err *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return store_sql_fail(st, err, "read the schema version");
	int rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_sql_fail(st, err, "read the schema version");
}

static int pragma_int(struct sc_store *st, const char *sql, int *out)
{
	sqlite3_stmt *s;
	*out = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int migrate(struct sc_store *st, struct sc_err *err)
{
	int v, app, tables;
	if (user_version(st, &v, err))
		return err->status;
	if (v > STORE_SCHEMA_VERSION)
		return sc_fail(err, SC_ERUNTIME,
			       "store %s has schema version %d, newer than this spicecfg knows (%d); "
			       "use a newer spicecfg",
			       st->path, v, STORE_SCHEMA_VERSION);
	if (v == STORE_SCHEMA_VERSION)
		return 0;
	pragma_int(st, "PRAGMA application_id", &app);
	pragma_int(st, "SELECT count(*) FROM sqlite_master", &tables);
	if (v == 0 && tables > 0 && app != STORE_APPLICATION_ID)
		return sc_fail(err, SC_ERUNTIME,
			       "%s is an SQLite database of another program, not a spicecfg store",
			       st->path);
	if (store_begin(st, err))
		return err->status;
	int rc = 0;
	for (int step = v; step < STORE_SCHEMA_VERSION && !rc; step++)
		rc = store_exec(st, MIGRATIONS[step], "upgrade the schema", err);
	if (!rc) {
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 STORE_SCHEMA_VERSION, STORE_APPLICATION_ID);
		rc = store_exec(st, sql, "record the schema version", err);
	}
	return store_finish(st, rc, err);
}

/* Creates the file with mode 0600 before SQLite touches it, so the store is
 * never readable by others, whatever the umask. */
static int create_file(const char *path, struct sc_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		return close(fd), 0;
	if (errno == EEXIST)
		return 0;
	return sc_fail(err, SC_ERUNTIME, "cannot create store %s: %s", path, strerror(errno));
}

static int configure(struct sc_store *st, struct sc_err *err)
{
	const char *env = getenv("SPICECFG_BUSY_TIMEOUT_MS");
	st->busy_ms = env && atoi(env) >= 0 ? atoi(env) : 5000;
	sqlite3_busy_timeout(st->db, st->busy_ms);
	sqlite3_extended_result_codes(st->db, 1);
	/* A query on a file that is not SQLite fails here with NOTADB; a
	 * read-only store still opens, and writes are refused later. */
	if (sqlite3_exec(st->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK &&
	    (sqlite3_extended_errcode(st->db) & 0xff) != SQLITE_READONLY)
		return store_sql_fail(st, err, "open");
	return store_exec(st, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL", "open", err);
}

int store_open(const char *path, struct sc_store **out, struct sc_err *err)
{
	struct stat sb;
	*out = NULL;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return sc_fail(err, SC_ERUNTIME, "store %s is not a regular file", path);
	if (create_file(path, err))
		return err->status;
	struct sc_store *st = calloc(1, sizeof *st);
	if (!st)
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	sc_strlcpy(st->path, path, sizeof st->path);
	store_set_actor(st, NULL);
	int rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		sc_fail(err, SC_ERUNTIME, "cannot open store %s: %s", path,
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return SC_ERUNTIME;
	}
	if (configure(st, err) || migrate(st, err)) {
		store_close(st);
		return err->status;
	}
	*out = st;
	return 0;
}

void store_close(struct sc_store *st)
{
	if (!st)
		return;
	store_rollback(st);
	for (int i = 0; i < st->nstmts; i++)
		sqlite3_finalize(st->stmts[i].stmt);
	sqlite3_close(st->db);
	free(st);
}

const char *store_path(const struct sc_store *st) { return st->path; }

static int ensure_dir(char *path, struct sc_err *err)
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

int store_default_path(char *buf, size_t n, struct sc_err *err)
{
	const char *db = getenv("SPICECFG_DB"), *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
	if (db && *db)
		return sc_strlcpy(buf, db, n) < 0 ? sc_fail(err, SC_EUSAGE, "SPICECFG_DB too long")
						  : 0;
	int w;
	if (x && *x)
		w = snprintf(buf, n, "%s/spicecfg/spicecfg.db", x);
	else if (h && *h)
		w = snprintf(buf, n, "%s/.local/share/spicecfg/spicecfg.db", h);
	else
		return sc_fail(err, SC_EUSAGE,
			       "no store path: set --db, SPICECFG_DB, XDG_DATA_HOME or HOME");
	if (w < 0 || (size_t)w >= n)
		return sc_fail(err, SC_EUSAGE, "store path too long");
	return ensure_dir(buf, err);
}

void store_set_actor(struct sc_store *st, const char *who)
{
	if (!who || !*who)
		who = getenv("USER");
	if (!who || !*who) {
		struct passwd *pw = getpwuid(getuid());
		who = pw ? pw->pw_name : "unknown";
	}
	sc_strlcpy(st->who, who, sizeof st->who);
}

void store_set_bulk(struct sc_store *st, bool on) { st->bulk = on; }

void store_now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char SQL_AUDIT[] =
	"INSERT INTO audit(at, who, object, field, old, new) VALUES (?,?,?,?,?,?)";

int store_audit_note(struct sc_store *st, const char *object, const char *field,
		     const char *old, const char *neu, struct sc_err *err)
{
	char at[32];
	sqlite3_stmt *s = store_prep(st, SQL_AUDIT, err);
	if (!s)
		return err->status;
	store_now(at, sizeof at);
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, st->who, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, object, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, field, -1, SQLITE_TRANSIENT);
	if (old)
		sqlite3_bind_text(s, 5, old, -1, SQLITE_TRANSIENT);
	if (neu)
		sqlite3_bind_text(s, 6, neu, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_sql_fail(st, err, "write the audit log");
	return 0;
}
