/* The backend interface behind store/db.h. */
#ifndef SC_DB_IMPL_H
#define SC_DB_IMPL_H

#include "db.h"

#define DB_STMT_CACHE 64

struct db_ops {
	int (*open)(const char *target, int busy_ms, struct db **out, struct sc_err *err);
	void (*close)(struct db *db);
	struct db_stmt *(*prepare)(struct db *db, const char *sql);
	void (*finalize)(struct db_stmt *s);
	void (*bind_text)(struct db_stmt *s, int i, const char *v);
	void (*bind_int64)(struct db_stmt *s, int i, int64_t v);
	int (*step)(struct db_stmt *s);
	const char *(*col_text)(struct db_stmt *s, int i);
	int64_t (*col_int64)(struct db_stmt *s, int i);
	bool (*col_null)(struct db_stmt *s, int i);
	/* NULL: the backend hands every value over as text */
	bool (*col_is_int)(struct db_stmt *s, int i);
	void (*reset)(struct db_stmt *s);
	void (*stream)(struct db_stmt *s); /* NULL: rows always come one at a time */
	int (*exec)(struct db *db, const char *sql);
	int (*schema_version)(struct db *db, int *out);
	int (*set_schema_version)(struct db *db, int v);
	bool (*foreign)(struct db *db);
	int (*notify_fd)(struct db *db);
	int (*notify_drain)(struct db *db);
	int (*notify)(struct db *db, const char *payload);
};

/* Every backend's connection starts with this. */
struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	enum db_err err;
	char errmsg[512];
	int nstmts;
	struct {
		const char *sql;
		struct db_stmt *stmt;
	} cache[DB_STMT_CACHE];
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

void db_set_error(struct db *db, enum db_err kind, const char *msg);

#endif
