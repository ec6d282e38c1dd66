/* libpq, loaded when a PostgreSQL store is first opened rather than at every
 * start: linked directly, libpq brings some thirty shared libraries (TLS,
 * Kerberos, LDAP...) that the dynamic loader maps and relocates before
 * main(), which tripled the start-up time of every command on an SQLite
 * store (`config -s` went from about 4 ms to 7 ms).
 *
 * Each function db_pg.c uses is defined here with libpq's own signature and
 * forwards to the library's.  When libpq cannot be loaded the connection
 * simply fails, with a message that says so. */
#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

#define PQ_FUNCS(X)                                                                        \
	X(PGconn *, PQconnectdb, (const char *conninfo), (conninfo))                       \
	X(void, PQfinish, (PGconn *conn), (conn))                                           \
	X(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                           \
	X(char *, PQerrorMessage, (const PGconn *conn), (conn))                             \
	X(int, PQsocket, (const PGconn *conn), (conn))                                      \
	X(PQnoticeProcessor, PQsetNoticeProcessor,                                          \
	  (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))             \
	X(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))             \
	X(PGresult *, PQprepare,                                                            \
	  (PGconn *conn, const char *name, const char *query, int n, const Oid *types),     \
	  (conn, name, query, n, types))                                                    \
	X(PGresult *, PQexecPrepared,                                                       \
	  (PGconn *conn, const char *name, int n, const char *const *values,                \
	   const int *lengths, const int *formats, int result_format),                      \
	  (conn, name, n, values, lengths, formats, result_format))                         \
	X(PGresult *, PQexecParams,                                                         \
	  (PGconn *conn, const char *command, int n, const Oid *types,                      \
	   const char *const *values, const int *lengths, const int *formats,               \
	   int result_format),                                                              \
	  (conn, command, n, types, values, lengths, formats, result_format))               \
	X(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                     \
	X(char *, PQresultErrorMessage, (const PGresult *res), (res))                       \
	X(char *, PQresultErrorField, (const PGresult *res, int code), (res, code))         \
	X(int, PQsendQueryPrepared,                                                         \
	  (PGconn *conn, const char *name, int n, const char *const *values,                \
	   const int *lengths, const int *formats, int result_format),                      \
	  (conn, name, n, values, lengths, formats, result_format))                         \
	X(int, PQsetSingleRowMode, (PGconn *conn), (conn))                                  \
	X(PGresult *, PQgetResult, (PGconn *conn), (conn))                                  \
	X(int, PQntuples, (const PGresult *res), (res))                                     \
	X(char *, PQgetvalue, (const PGresult *res, int row, int col), (res, row, col))     \
	X(int, PQgetisnull, (const PGresult *res, int row, int col), (res, row, col))       \
	X(void, PQclear, (PGresult *res), (res))                                            \
	X(int, PQconsumeInput, (PGconn *conn), (conn))                                      \
	X(PGnotify *, PQnotifies, (PGconn *conn), (conn))                                   \
	X(void, PQfreemem, (void *ptr), (ptr))                                              \
	X(int, PQlibVersion, (void), ())

#define PTR(ret, name, params, args) ret(*name) params;
static struct {
	PQ_FUNCS(PTR)
} pq;
#undef PTR

static char load_error[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;

static void load(void)
{
	void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(load_error, sizeof load_error,
			 "the PostgreSQL client library could not be loaded (%s); install libpq5\n",
			 dlerror());
		return;
	}
#define SYM(ret, name, params, args)                                                       \
	if (!(*(void **)&pq.name = dlsym(h, #name))) {                                      \
		snprintf(load_error, sizeof load_error,                                     \
			 "the PostgreSQL client library lacks %s\n", #name);               \
		return;                                                                     \
	}
	PQ_FUNCS(SYM)
#undef SYM
	loaded = 1;
}

static int ready(void)
{
	pthread_once(&once, load);
	return loaded;
}

int store_libpq_version(char *buf, size_t n)
{
	if (!ready()) {
		/* dlopen's own message says more than a script needs here */
		snprintf(buf, n, "%s", strstr(load_error, "could not be loaded") ? "not installed"
										: "unusable");
		return -1;
	}
	int v = pq.PQlibVersion();
	/* 10 and later: major * 10000 + minor; before: major.minor.patch */
	if (v >= 100000)
		snprintf(buf, n, "%d.%d", v / 10000, v % 10000);
	else
		snprintf(buf, n, "%d.%d.%d", v / 10000, v / 100 % 100, v % 100);
	return 0;
}

/* Without the library no connection exists, so only PQconnectdb and the
 * calls made on its NULL result can be reached; they fail softly. */
PGconn *PQconnectdb(const char *conninfo)
{
	return ready() ? pq.PQconnectdb(conninfo) : NULL;
}

ConnStatusType PQstatus(const PGconn *conn)
{
	return ready() ? pq.PQstatus(conn) : CONNECTION_BAD;
}

char *PQerrorMessage(const PGconn *conn)
{
	return ready() ? pq.PQerrorMessage(conn) : load_error;
}

void PQfinish(PGconn *conn)
{
	if (ready())
		pq.PQfinish(conn);
}

void PQclear(PGresult *res)
{
	if (ready())
		pq.PQclear(res);
}

#define FORWARD(ret, name, params, args)                                                   \
	ret name params                                                                     \
	{                                                                                   \
		if (!ready())                                                               \
			abort(); /* unreachable: there is no connection */                  \
		return pq.name args;                                                        \
	}
#define FORWARD_VOID(ret, name, params, args)                                              \
	void name params                                                                    \
	{                                                                                   \
		if (ready())                                                                \
			pq.name args;                                                       \
	}
FORWARD(int, PQsocket, (const PGconn *conn), (conn))
FORWARD(PQnoticeProcessor, PQsetNoticeProcessor,
	(PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))
FORWARD(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))
FORWARD(PGresult *, PQprepare,
	(PGconn *conn, const char *name, const char *query, int n, const Oid *types),
	(conn, name, query, n, types))
FORWARD(PGresult *, PQexecPrepared,
	(PGconn *conn, const char *name, int n, const char *const *values, const int *lengths,
	 const int *formats, int result_format),
	(conn, name, n, values, lengths, formats, result_format))
FORWARD(PGresult *, PQexecParams,
	(PGconn *conn, const char *command, int n, const Oid *types, const char *const *values,
	 const int *lengths, const int *formats, int result_format),
	(conn, command, n, types, values, lengths, formats, result_format))
FORWARD(ExecStatusType, PQresultStatus, (const PGresult *res), (res))
FORWARD(char *, PQresultErrorMessage, (const PGresult *res), (res))
FORWARD(char *, PQresultErrorField, (const PGresult *res, int code), (res, code))
FORWARD(int, PQsendQueryPrepared,
	(PGconn *conn, const char *name, int n, const char *const *values, const int *lengths,
	 const int *formats, int result_format),
	(conn, name, n, values, lengths, formats, result_format))
FORWARD(int, PQsetSingleRowMode, (PGconn *conn), (conn))
FORWARD(PGresult *, PQgetResult, (PGconn *conn), (conn))
FORWARD(int, PQntuples, (const PGresult *res), (res))
FORWARD(char *, PQgetvalue, (const PGresult *res, int row, int col), (res, row, col))
FORWARD(int, PQgetisnull, (const PGresult *res, int row, int col), (res, row, col))
FORWARD(int, PQconsumeInput, (PGconn *conn), (conn))
FORWARD(PGnotify *, PQnotifies, (PGconn *conn), (conn))
FORWARD_VOID(void, PQfreemem, (void *ptr), (ptr))
