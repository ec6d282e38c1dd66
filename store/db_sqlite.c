/* SQLite backend: the embedded default store. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "db_impl.h"

/* Marks a file as a spicecfg store ("SPIC"). */
#define APPLICATION_ID 0x53504943

struct lite {
	struct db base;
	sqlite3 *h;
	char *path;
	bool created; /* this run made the file */
};

struct lite_stmt {
	struct db *db; /* first: see db.c */
	sqlite3_stmt *s;
};

static struct lite *L(struct db *db) { return (struct lite *)db; }

static enum db_err classify(int code)
{
	switch (code & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE: return DB_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return DB_E_BUSY;
	case SQLITE_READONLY: return DB_E_READONLY;
	case SQLITE_FULL: return DB_E_FULL;
	case SQLITE_NOTADB: return DB_E_NOTADB;
	case SQLITE_CORRUPT: return DB_E_CORRUPT;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN: return DB_E_IO;
	case SQLITE_CONSTRAINT:
		return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
			       ? DB_E_UNIQUE
			       : DB_E_OTHER;
	default: return DB_E_OTHER;
	}
}

static void lite_error(struct db *db)
{
	sqlite3 *h = L(db)->h;
	enum db_err e = classify(sqlite3_extended_errcode(h));
	/* SQLite reports a full disk met while growing the -shm file, or
	 * through a file size limit, as a plain I/O error */
	int sys = sqlite3_system_errno(h);
	if (e == DB_E_IO && (sys == ENOSPC || sys == EDQUOT || sys == EFBIG))
		e = DB_E_FULL;
	db_set_error(db, e, sqlite3_errmsg(h));
}

static int lite_exec(struct db *db, const char *sql)
{
	if (sqlite3_exec(L(db)->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
		lite_error(db);
		return DB_ERROR;
	}
	return 0;
}

static int pragma_int(struct db *db, const char *sql, int *out)
{
	sqlite3_stmt *s;
	*out = 0;
	if (sqlite3_prepare_v2(L(db)->h, sql, -1, &s, NULL) != SQLITE_OK) {
		lite_error(db);
		return DB_ERROR;
	}
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	else if (rc != SQLITE_DONE)
		lite_error(db);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : DB_ERROR;
}

/* Creates the file with mode 0600 before SQLite touches it, so the store is
 * never readable by others, whatever the umask.  An existing empty file
 * (say from touch, mode 0644) becomes a store only if it belongs to the
 * user running spicecfg, and is first made 0600: a store in a file someone
 * else owns could be read or replaced by them.  *created tells the caller
 * that the file is new. */
static int create_file(const char *path, bool *created, struct sc_err *err)
{
	*created = false;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		*created = true;
		return close(fd), 0;
	}
	if (errno != EEXIST)
		return sc_fail(err, SC_ERUNTIME, "cannot create store %s: %s", path,
			       strerror(errno));
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return 0; /* SQLite names the reason (no permission, ...) */
	struct stat sb;
	int rc = 0;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode))
		rc = sc_fail(err, SC_ERUNTIME, "store %s is not a regular file", path);
	else if (sb.st_size == 0 && sb.st_uid != geteuid())
		rc = sc_fail(err, SC_ERUNTIME,
			     "store %s is an empty file owned by user %u; a new store is made "
			     "only in a file of its own user (remove it or give another path)",
			     path, (unsigned)sb.st_uid);
	else if (sb.st_size == 0 && (sb.st_mode & 077) && fchmod(fd, 0600) < 0 && errno != EROFS)
		rc = sc_fail(err, SC_ERUNTIME, "store %s: cannot make it private (mode 0600): %s",
			     path, strerror(errno));
	close(fd);
	return rc;
}

/* A store on a read-only file system is opened read-only and immutable:
 * SQLite could not create the WAL index beside it, and nobody can change
 * it under us.  Writes then fail as "read-only". */
static char *readonly_uri(const char *path)
{
	struct statvfs vfs;
	if (statvfs(path, &vfs) < 0 || !(vfs.f_flag & ST_RDONLY))
		return NULL;
	char *uri = malloc(strlen(path) * 3 + 32), *o = uri;
	if (!uri)
		return NULL;
	o += sprintf(o, "file:");
	for (const char *p = path; *p; p++)
		o += strchr("%?#", *p) ? sprintf(o, "%%%02X", (unsigned char)*p)
				       : sprintf(o, "%c", *p);
	strcpy(o, "?immutable=1");
	return uri;
}

static void lite_close(struct db *db)
{
	struct lite *l = L(db);
	sqlite3_close(l->h);
	/* A store this run created and could not initialise (a full disk,
	 * say) leaves no empty file behind. */
	struct stat sb;
	if (l->created && stat(l->path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0)
		unlink(l->path);
	free(l->path);
	free(db);
}

static int lite_open(const char *path, int busy_ms, struct db **out, struct sc_err *err)
{
	*out = NULL;
	bool created;
	if (create_file(path, &created, err))
		return err->status;
	struct lite *l = calloc(1, sizeof *l);
	if (!l || !(l->path = strdup(path))) {
		free(l);
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	}
	l->created = created;
	l->base.ops = &db_sqlite_ops;
	l->base.kind = DB_SQLITE;
	char *uri = readonly_uri(path);
	/* one thread uses a connection (the host workers never reach the
	 * store): no per-call connection mutex (NOMUTEX) */
	int orc = uri ? sqlite3_open_v2(uri, &l->h,
					SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
					NULL)
		      : sqlite3_open_v2(path, &l->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
					NULL);
	free(uri);
	if (orc != SQLITE_OK) {
		sc_fail(err, SC_ERUNTIME, "cannot open store %s: %s", path,
			l->h ? sqlite3_errmsg(l->h) : "out of memory");
		lite_close(&l->base);
		return SC_ERUNTIME;
	}
	sqlite3_busy_timeout(l->h, busy_ms);
	sqlite3_extended_result_codes(l->h, 1);
	*out = &l->base;
	/* WAL mode is set by the store once it knows the file is a store it
	 * may use (db_use_wal): another program's database or a store of a
	 * newer schema is refused without a byte of it changed. */
	/* cell_size_check: a damaged page is reported as corruption rather
	 * than read as fewer rows (a lost cluster, a VM "not found") */
	if (lite_exec(&l->base, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
				" PRAGMA cell_size_check=ON; PRAGMA temp_store=MEMORY"))
		return SC_ERUNTIME;
	return 0;
}

static struct db_stmt *lite_prepare(struct db *db, const char *sql)
{
	struct lite_stmt *st = calloc(1, sizeof *st);
	if (!st) {
		db_set_error(db, DB_E_OTHER, "out of memory");
		return NULL;
	}
	st->db = db;
	if (sqlite3_prepare_v2(L(db)->h, sql, -1, &st->s, NULL) != SQLITE_OK) {
		lite_error(db);
		free(st);
		return NULL;
	}
	return (struct db_stmt *)st;
}

#define S(x) (((struct lite_stmt *)(x))->s)

static void lite_finalize(struct db_stmt *s)
{
	sqlite3_finalize(S(s));
	free(s);
}

static void lite_bind_text(struct db_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(S(s), i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(S(s), i);
}

static void lite_bind_int64(struct db_stmt *s, int i, int64_t v) { sqlite3_bind_int64(S(s), i, v); }

static int lite_step(struct db_stmt *s)
{
	int rc = sqlite3_step(S(s));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	lite_error(((struct lite_stmt *)s)->db);
	return DB_ERROR;
}

static const char *lite_col_text(struct db_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(S(s), i);
	return t ? (const char *)t : "";
}

static int64_t lite_col_int64(struct db_stmt *s, int i) { return sqlite3_column_int64(S(s), i); }
static bool lite_col_null(struct db_stmt *s, int i) { return sqlite3_column_type(S(s), i) == SQLITE_NULL; }
static bool lite_col_is_int(struct db_stmt *s, int i)
{
	return sqlite3_column_type(S(s), i) == SQLITE_INTEGER;
}

static void lite_reset(struct db_stmt *s)
{
	sqlite3_reset(S(s));
	sqlite3_clear_bindings(S(s));
}

static int lite_schema_version(struct db *db, int *out)
{
	return pragma_int(db, "PRAGMA user_version", out);
}

static int lite_set_schema_version(struct db *db, int v)
{
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d", v,
		 APPLICATION_ID);
	return lite_exec(db, sql);
}

static bool lite_foreign(struct db *db)
{
	int app, tables;
	pragma_int(db, "PRAGMA application_id", &app);
	pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables);
	return tables > 0 && app != APPLICATION_ID;
}

/* SQLite has no notifications; the TUI polls the audit log instead. */
static int lite_notify_fd(struct db *db) { (void)db; return -1; }
static int lite_notify_drain(struct db *db) { (void)db; return 0; }
static int lite_notify(struct db *db, const char *payload) { (void)db; (void)payload; return 0; }

const struct db_ops db_sqlite_ops = {
	.open = lite_open,
	.close = lite_close,
	.prepare = lite_prepare,
	.finalize = lite_finalize,
	.bind_text = lite_bind_text,
	.bind_int64 = lite_bind_int64,
	.step = lite_step,
	.col_text = lite_col_text,
	.col_int64 = lite_col_int64,
	.col_null = lite_col_null,
	.col_is_int = lite_col_is_int,
	.reset = lite_reset,
	.exec = lite_exec,
	.schema_version = lite_schema_version,
	.set_schema_version = lite_set_schema_version,
	.foreign = lite_foreign,
	.notify_fd = lite_notify_fd,
	.notify_drain = lite_notify_drain,
	.notify = lite_notify,
};
