/* Internals shared by the store's source files. */
#ifndef SC_STORE_IMPL_H
#define SC_STORE_IMPL_H

#include <stdbool.h>

#include "db.h"
#include "store.h"

/* What a kept answer about a filter was for: the kind, the filter, a
 * limit, and the store's write stamp when it was taken (store_written). */
struct kept_key {
	bool kept;
	int kind;
	char filter[128];
	long limit;
	int64_t data_version, changes;
};

/* An exact count kept with the store's write stamp when it was taken
 * (store_count_cached). */
struct count_cache {
	bool kept;
	int kind;
	char filter[128];
	long n;
	int64_t data_version, changes;
};

struct sc_store {
	struct db *db;
	char path[4096]; /* file path or connection string, as the user gave it */
	char who[64];
	int busy_ms;
	int tx_depth;
	bool bulk;
	/* the last cluster resolved by name in this transaction, for bulk inserts */
	char last_cluster[SC_NAME_MAX + 1];
	int64_t last_cluster_id;
	enum sc_cver last_cluster_version;
	/* The option definitions (from store_options_load) with the values in
	 * force inside the current write transaction: every object written is
	 * checked against these, read after the transaction took the write
	 * lock, not against what the caller loaded earlier. */
	struct sc_optreg *rules;
	bool rules_fresh;
	struct sc_ctx rules_ctx[SC_CVER_COUNT]; /* rules resolved per version */
	/* values read back outside their definitions (store_take_notes) */
	struct sc_msgs notes;
	int64_t seen_audit_id; /* store_poll_changes() */
	/* the host a vm being created by pull is linked to (its rules apply) */
	int64_t pull_host_id;
	/* the last exact count of a list, and of the audit log, each reused
	 * while no session has written since (the two numbers of
	 * store_written()) */
	struct count_cache count_cache, audit_count;
	/* The audit log's filter (records.c): how many rows its indexes
	 * found, up to store_by_id_limit(), kept with the store's state (its
	 * kind: that limit); when fewer, their ids (audit_ids, an array's
	 * text).  And its last capped count (kind: the cap). */
	struct count_cache audit_probe, audit_upto;
	char *audit_ids;
	/* the last capped count of a filter read along the order's index,
	 * reused the same way (each full draw asks it) */
	struct upto_cache {
		struct kept_key key; /* its limit: the cap */
		bool more;
		long n;
	} upto_cache;
	/* How many rows the indexes found for a filter, up to a
	 * limit (the first step of a filtered count and page), kept the same
	 * way: one probe per keystroke however many statements ask */
	int64_t hidden_changes; /* total_changes() of writes to temporary ids */
	struct probe_cache {
		struct kept_key key;
		long found;
		/* PostgreSQL: the ids found, as an array's text ("{1,2}"),
		 * which the pages and counts bind (a temporary table's writes
		 * would take a transaction id and move the write stamp) */
		char *ids;
		/* the least and the greatest OS of the rows of the kind that
		 * hold the filter, when known (PostgreSQL: FILT_TRGM_OS, found
		 * by the probe; SQLite: FILT_SCAN_OS, found when a page in
		 * the order of the OS first needs them, os_probed) */
		bool os_bounded, os_probed;
		char os_lo[64], os_hi[64];
	} probe_cache;
};

/* 1 with *out when c holds the count of kind and filter with the store as
 * it stands; else 0 with c set to the store's state now, to keep the count
 * about to be made (store_count_keep), or -1 when it cannot be kept. */
int store_count_cached(struct sc_store *st, struct count_cache *c, int kind, const char *filter,
		       long *out);
/* Keeps n in c after store_count_cached said 0 (never inside a write). */
void store_count_keep(struct sc_store *st, struct count_cache *c, int cached, long n);
/* Runs s, bound, whose one row is a count, into *out; what names the
 * count in the message of a failure. */
int store_count_step(struct sc_store *st, struct db_stmt *s, const char *what, long *out,
		     struct sc_err *err);
/* Ids found by a filter's probe: a growing list. */
struct id_list {
	int64_t *v;
	size_t n, cap;
};
/* Runs a probe statement (bound but for its last $n, lim_param, the
 * limit) and adds its ids to l; *rows: how many it gave. */
int store_ids_run(struct sc_store *st, struct db_stmt *s, int lim_param, long limit,
		  struct id_list *l, long *rows, struct sc_err *err);
/* Drops the ids from the from-th on that are repeated or among the first
 * from (sorted, each once, and kept as they are); the others sorted. */
void store_ids_unique(struct id_list *l, size_t from);
/* The first n ids as the text of an array between the two brackets given
 * ("{}": PostgreSQL's, "[]": JSON's), malloc'ed (NULL: out of memory). */
char *store_ids_text(const struct id_list *l, size_t n, const char *brackets);
/* The filter with its ASCII letters lower-cased, as store_like_pattern
 * folds them (at most n - 1 bytes of it). */
void store_lower_ascii(const char *filter, char *buf, size_t n);
/* How many rows a filter's page reads by id at most (more: along an
 * index, testing each row); store_filter_by_id_max sets it. */
long store_by_id_limit(void);
/* Binds the filter as the phrase a trigram index is asked for ($i): its
 * rows are those whose text holds the filter, case folded, a superset of
 * those a LIKE of the filter keeps.  Returns the next $n. */
int store_bind_fts(struct db_stmt *s, int i, const char *filter);
int store_sql_fail(struct sc_store *st, struct sc_err *err, const char *what);
struct db_stmt *store_prep(struct sc_store *st, const char *sql, struct sc_err *err);
int store_exec(struct sc_store *st, const char *sql, const char *what, struct sc_err *err);
int store_finish(struct sc_store *st, int rc, struct sc_err *err);
void store_now(char *buf, size_t n);
/* mkdir -p of the directory part of path (0700 for what it creates). */
int store_mkdirs(char *path, struct sc_err *err);
/* A LIKE pattern matching filter anywhere, ignoring ASCII case ('\' escapes). */
void store_like_pattern(const char *filter, char *buf, size_t n);
/* The cluster row and its audit, without bringing its objects back into
 * the rules (store_cluster_update does both). */
int store_cluster_write(struct sc_store *st, const struct sc_cluster *old,
			struct sc_cluster *neu, struct sc_err *err);
/* Brings every object of a cluster (or of every cluster when cluster is NULL,
 * or of clusters of version cver when cver >= 0) back into the rules after
 * a cluster version or site option changed (SPEC §2; called by
 * store_cluster_update and store_option_set): values no longer allowed
 * become disabled / 1 / off, saved and audited, with one message per change
 * ("vm 'x': ...").  *changed counts the objects changed. */
int store_reconcile(struct sc_store *st, const struct sc_optreg *reg, const char *cluster,
		    int cver, struct store_changes *out, long *changed, struct sc_err *err);

/* The rule context of cluster inside the current write transaction: its
 * version and the site options as stored now. */
int store_rules_ctx(struct sc_store *st, const char *cluster, struct sc_ctx *ctx,
		    struct sc_err *err);
/* The site options in force inside the current write transaction. */
int store_rules_load(struct sc_store *st, struct sc_err *err);
/* Reads vdc_options into reg->values; a value outside its definition is
 * left out (the default applies) and reported in notes (may be NULL). */
int store_options_read(struct sc_store *st, struct sc_optreg *reg, struct sc_msgs *notes,
		       struct sc_err *err);

/* Refuses to remove a cluster that hosts still belong to, naming one. */
int store_cluster_hosts_refuse(struct sc_store *st, int64_t cluster_id, const char *name,
			       struct sc_err *err);

/* LIMIT value for "no limit" on every backend. */
#define STORE_NO_LIMIT INT64_C(9223372036854775807)

#endif
