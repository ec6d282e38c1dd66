/* A thin database layer under the store: one SQL text ($1, $2... parameters,
 * the dialect both SQLite and PostgreSQL accept) runs on either backend.
 * Statements are prepared once per connection and cached by the address of
 * their SQL text. */
#ifndef SC_DB_H
#define SC_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "../model/err.h"

enum db_kind { DB_SQLITE, DB_PG };

enum db_err {
	DB_OK,
	DB_E_UNIQUE,   /* unique constraint */
	DB_E_BUSY,     /* locked past the timeout */
	DB_E_READONLY, /* no write access */
	DB_E_FULL,     /* disk full */
	DB_E_NOTADB,   /* not a database */
	DB_E_CORRUPT,
	DB_E_IO,
	DB_E_CONN,     /* PostgreSQL: server unreachable or gone */
	DB_E_AUTH,     /* PostgreSQL: authentication failed */
	DB_E_PERM,     /* PostgreSQL: insufficient privilege */
	DB_E_OTHER,
};

enum { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

struct db;
struct db_stmt;

/* target: a file path (SQLite), or "postgresql://...", "postgres://...",
 * "service=NAME" or any libpq key=value string (PostgreSQL). */
bool db_target_is_pg(const char *target);
int db_open(const char *target, int busy_ms, struct db **out, struct sc_err *err);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

struct db_stmt *db_prep(struct db *db, const char *sql);
void db_bind_text(struct db_stmt *s, int i, const char *v); /* NULL binds NULL */
void db_bind_int64(struct db_stmt *s, int i, int64_t v);
int db_step(struct db_stmt *s); /* DB_ROW, DB_DONE or DB_ERROR */
const char *db_col_text(struct db_stmt *s, int i); /* "" for NULL */
int64_t db_col_int64(struct db_stmt *s, int i);
bool db_col_null(struct db_stmt *s, int i);
/* Whether the value is stored as an integer (db_col_int64 is then exact);
 * false where the backend has only text (PostgreSQL's text results). */
bool db_col_is_int(struct db_stmt *s, int i);
void db_reset(struct db_stmt *s);
/* The next run of s hands its rows over as they come rather than all at
 * once (PostgreSQL: single-row mode), so a long result takes the memory of
 * one row.  Until that run is done or reset, no other statement may run
 * on the connection.  SQLite steps row by row anyway. */
void db_stream(struct db_stmt *s);
/* Resets every cached statement: a statement left mid-result would keep
 * SQLite from committing. */
void db_reset_all(struct db *db);
/* Runs SQL without results (several statements allowed); 0 or DB_ERROR. */
int db_exec(struct db *db, const char *sql);

enum db_err db_errkind(const struct db *db);
const char *db_errmsg(const struct db *db);

/* Schema text with @ID@ (auto primary key), @FK@ (reference column) and
 * @NAME@ (name column) spelled for the backend; malloc'd. */
char *db_schema_text(enum db_kind kind, const char *sql);

/* Schema version (SQLite: user_version; PostgreSQL: table spicecfg_schema). */
int db_schema_version(struct db *db, int *out);
int db_set_schema_version(struct db *db, int v);
/* True if the database already holds tables of another program. */
bool db_foreign(struct db *db);

/* Change notification: a descriptor that becomes readable when another
 * session committed a change (-1 when the backend has none), and a call that
 * consumes pending notifications (returns how many). */
int db_notify_fd(struct db *db);
int db_notify_drain(struct db *db);
int db_notify(struct db *db, const char *payload);

#endif
