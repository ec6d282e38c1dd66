/* PostgreSQL backend (libpq) for sites where many admins share one store. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conninfo.h"
#include "db_impl.h"

/* the widest statement writes every column of an object row */
#define PG_MAX_PARAMS 48

struct pg {
	struct db base;
	PGconn *c;
	int nprep;
};

struct pg_stmt {
	struct db *db; /* first: see db.c */
	char name[16];
	int nparams;
	char *vals[PG_MAX_PARAMS];
	PGresult *res;
	int row, nrows;
	bool executed;
	bool stream;    /* the next run in single-row mode */
	bool streaming; /* rows of that run still to come */
};

static PGconn *C(struct db *db) { return ((struct pg *)db)->c; }

static enum db_err classify_state(const char *st)
{
	if (!st)
		return DB_E_CONN;
	if (!strcmp(st, "23505"))
		return DB_E_UNIQUE;
	if (!strcmp(st, "55P03") || !strcmp(st, "40P01") || !strcmp(st, "57014") ||
	    !strcmp(st, "40001"))
		return DB_E_BUSY;
	if (!strcmp(st, "42501"))
		return DB_E_PERM;
	if (!strncmp(st, "28", 2))
		return DB_E_AUTH;
	if (!strncmp(st, "08", 2) || !strncmp(st, "57P", 3))
		return DB_E_CONN;
	if (!strcmp(st, "53100"))
		return DB_E_FULL;
	if (!strcmp(st, "25006"))
		return DB_E_READONLY;
	return DB_E_OTHER;
}

/* Records the error of res (or of the connection when res is NULL). */
static void pg_error(struct db *db, const PGresult *res)
{
	PGconn *c = C(db);
	if (PQstatus(c) == CONNECTION_BAD) {
		db_set_error(db, DB_E_CONN, PQerrorMessage(c));
		return;
	}
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	db_set_error(db, classify_state(state), res ? PQresultErrorMessage(res) : PQerrorMessage(c));
}

static bool ok_result(const PGresult *r)
{
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

static int pg_exec(struct db *db, const char *sql)
{
	PGresult *r = PQexec(C(db), sql);
	int rc = ok_result(r) ? 0 : (pg_error(db, r), DB_ERROR);
	PQclear(r);
	return rc;
}

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg; /* NOTICEs (e.g. "already exists, skipping") are not for users */
}

static void pg_close(struct db *db)
{
	PQfinish(C(db));
	free(db);
}

static int pg_open(const char *target, int busy_ms, struct db **out, struct sc_err *err)
{
	*out = NULL;
	setenv("PGCONNECT_TIMEOUT", "10", 0);
	struct pg *p = calloc(1, sizeof *p);
	if (!p)
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	p->base.ops = &db_pg_ops;
	p->base.kind = DB_PG;
	p->c = PQconnectdb(target);
	*out = &p->base;
	if (!p->c || PQstatus(p->c) != CONNECTION_OK) {
		const char *m = p->c ? PQerrorMessage(p->c) : "out of memory";
		db_set_error(&p->base, strstr(m, "authentication") ? DB_E_AUTH : DB_E_CONN, m);
		/* libpq quotes the words of a connection string it cannot parse */
		conninfo_scrub(target, p->base.errmsg, sizeof p->base.errmsg);
		return SC_ERUNTIME;
	}
	PQsetNoticeProcessor(p->c, quiet, NULL);
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SET lock_timeout = %d; SET client_min_messages = warning; LISTEN spicecfg",
		 busy_ms);
	if (pg_exec(&p->base, sql))
		return SC_ERUNTIME;
	/* A filter's statement is planned for its pattern each time: how many
	 * rows hold it decides between a bitmap scan of the trigram indexes and
	 * a walk along the order's index, and a generic plan cannot know.
	 * (Servers before 12 lack the setting and plan as they do.) */
	PGresult *r = PQexec(C(&p->base), "SET plan_cache_mode = force_custom_plan");
	PQclear(r);
	return 0;
}

static int count_params(const char *sql)
{
	int max = 0;
	for (const char *p = sql; *p; p++)
		if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
			int n = atoi(p + 1);
			if (n > max)
				max = n;
		}
	return max;
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql)
{
	struct pg *p = (struct pg *)db;
	struct pg_stmt *s = calloc(1, sizeof *s);
	if (!s) {
		db_set_error(db, DB_E_OTHER, "out of memory");
		return NULL;
	}
	s->db = db;
	s->nparams = count_params(sql);
	snprintf(s->name, sizeof s->name, "s%d", ++p->nprep);
	if (s->nparams > PG_MAX_PARAMS) {
		db_set_error(db, DB_E_OTHER, "too many parameters");
		free(s);
		return NULL;
	}
	PGresult *r = PQprepare(p->c, s->name, sql, s->nparams, NULL);
	if (!ok_result(r)) {
		pg_error(db, r);
		PQclear(r);
		free(s);
		return NULL;
	}
	PQclear(r);
	return (struct db_stmt *)s;
}

#define PS(x) ((struct pg_stmt *)(x))

/* Reads what is left of a streamed run: the connection takes no other
 * command before. */
static void stream_end(struct pg_stmt *s)
{
	PGresult *r;
	while ((r = PQgetResult(C(s->db))))
		PQclear(r);
	s->streaming = false;
}

static void pg_reset(struct db_stmt *x)
{
	struct pg_stmt *s = PS(x);
	if (s->streaming)
		stream_end(s);
	s->stream = false;
	PQclear(s->res);
	s->res = NULL;
	s->executed = false;
	for (int i = 0; i < s->nparams; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
	}
}

static void pg_finalize(struct db_stmt *x)
{
	pg_reset(x);
	free(x);
}

static void pg_bind_text(struct db_stmt *x, int i, const char *v)
{
	struct pg_stmt *s = PS(x);
	if (i < 1 || i > s->nparams)
		return;
	free(s->vals[i - 1]);
	s->vals[i - 1] = v ? strdup(v) : NULL;
}

static void pg_bind_int64(struct db_stmt *x, int i, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	pg_bind_text(x, i, buf);
}

static void pg_stream(struct db_stmt *x) { PS(x)->stream = true; }

/* A run in single-row mode: each step takes the next row's result; the
 * last, empty result says whether the query ended well. */
static int stream_start(struct pg_stmt *s)
{
	s->executed = true;
	if (!PQsendQueryPrepared(C(s->db), s->name, s->nparams, (const char *const *)s->vals,
				 NULL, NULL, 0)) {
		pg_error(s->db, NULL);
		return DB_ERROR;
	}
	s->streaming = true;
	PQsetSingleRowMode(C(s->db));
	return 0;
}

static int stream_step(struct pg_stmt *s)
{
	PQclear(s->res);
	s->res = PQgetResult(C(s->db));
	s->row = 0;
	if (s->res && PQresultStatus(s->res) == PGRES_SINGLE_TUPLE) {
		s->nrows = 1;
		return DB_ROW;
	}
	s->nrows = 0;
	bool ok = s->res && ok_result(s->res);
	if (!ok)
		pg_error(s->db, s->res);
	stream_end(s);
	return ok ? DB_DONE : DB_ERROR;
}

static int pg_step(struct db_stmt *x)
{
	struct pg_stmt *s = PS(x);
	if (!s->executed && s->stream && stream_start(s))
		return DB_ERROR;
	if (s->streaming)
		return stream_step(s);
	if (!s->executed) {
		s->executed = true;
		s->res = PQexecPrepared(C(s->db), s->name, s->nparams,
					(const char *const *)s->vals, NULL, NULL, 0);
		if (!ok_result(s->res)) {
			pg_error(s->db, s->res);
			return DB_ERROR;
		}
		s->nrows = PQresultStatus(s->res) == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
		s->row = -1;
	}
	if (!s->res)
		return DB_ERROR;
	return ++s->row < s->nrows ? DB_ROW : DB_DONE;
}

static const char *pg_col_text(struct db_stmt *x, int i)
{
	struct pg_stmt *s = PS(x);
	return PQgetisnull(s->res, s->row, i) ? "" : PQgetvalue(s->res, s->row, i);
}

static int64_t pg_col_int64(struct db_stmt *x, int i)
{
	return strtoll(pg_col_text(x, i), NULL, 10);
}

static bool pg_col_null(struct db_stmt *x, int i)
{
	return PQgetisnull(PS(x)->res, PS(x)->row, i);
}

static int query_int(struct db *db, const char *sql, int *out)
{
	PGresult *r = PQexec(C(db), sql);
	*out = 0;
	if (!ok_result(r)) {
		pg_error(db, r);
		PQclear(r);
		return DB_ERROR;
	}
	if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		*out = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}

static int pg_schema_version(struct db *db, int *out)
{
	int present;
	if (query_int(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
			  "AND tablename = 'spicecfg_schema'", &present))
		return DB_ERROR;
	*out = 0;
	return present ? query_int(db, "SELECT max(version) FROM spicecfg_schema", out) : 0;
}

static int pg_set_schema_version(struct db *db, int v)
{
	char sql[200];
	snprintf(sql, sizeof sql,
		 "CREATE TABLE IF NOT EXISTS spicecfg_schema(version INTEGER NOT NULL);"
		 "DELETE FROM spicecfg_schema; INSERT INTO spicecfg_schema VALUES (%d)", v);
	return pg_exec(db, sql);
}

static bool pg_foreign(struct db *db)
{
	int tables = 0, ours = 0;
	query_int(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", &tables);
	query_int(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND "
		      "tablename = 'spicecfg_schema'", &ours);
	return tables > 0 && !ours;
}

static int pg_notify_fd(struct db *db) { return PQsocket(C(db)); }

static int pg_notify_drain(struct db *db)
{
	int n = 0;
	if (!PQconsumeInput(C(db))) {
		pg_error(db, NULL);
		return DB_ERROR;
	}
	PGnotify *note;
	while ((note = PQnotifies(C(db)))) {
		n++;
		PQfreemem(note);
	}
	return n;
}

static int pg_notify(struct db *db, const char *payload)
{
	const char *vals[1] = {payload};
	PGresult *r = PQexecParams(C(db), "SELECT pg_notify('spicecfg', $1)", 1, NULL, vals, NULL,
				   NULL, 0);
	int rc = ok_result(r) ? 0 : (pg_error(db, r), DB_ERROR);
	PQclear(r);
	return rc;
}

const struct db_ops db_pg_ops = {
	.open = pg_open,
	.close = pg_close,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_text = pg_bind_text,
	.bind_int64 = pg_bind_int64,
	.step = pg_step,
	.col_text = pg_col_text,
	.col_int64 = pg_col_int64,
	.col_null = pg_col_null,
	.reset = pg_reset,
	.stream = pg_stream,
	.exec = pg_exec,
	.schema_version = pg_schema_version,
	.set_schema_version = pg_set_schema_version,
	.foreign = pg_foreign,
	.notify_fd = pg_notify_fd,
	.notify_drain = pg_notify_drain,
	.notify = pg_notify,
};
