/* Internals shared by the store's source files. */
#ifndef SC_STORE_IMPL_H
#define SC_STORE_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store.h"

#define STORE_STMT_CACHE 48

struct sc_store {
	sqlite3 *db;
	char path[4096];
	char who[64];
	int busy_ms;
	int tx_depth;
	bool bulk;
	/* the last cluster resolved by name, for bulk inserts */
	char last_cluster[SC_NAME_MAX + 1];
	int64_t last_cluster_id;
	int nstmts;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} stmts[STORE_STMT_CACHE];
};

int store_sql_fail(struct sc_store *st, struct sc_err *err, const char *what);
sqlite3_stmt *store_prep(struct sc_store *st, const char *sql, struct sc_err *err);
int store_exec(struct sc_store *st, const char *sql, const char *what, struct sc_err *err);
int store_finish(struct sc_store *st, int rc, struct sc_err *err);
void store_now(char *buf, size_t n);

#endif
