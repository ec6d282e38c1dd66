/* Persistence of SPEC §8: objects, site option values, audit and drafts.
 * Every write function runs inside the caller's transaction when one is open
 * (store_begin), or in its own otherwise. */
#ifndef SC_STORE_H
#define SC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/err.h"
#include "../model/options.h"
#include "../model/rules.h"
#include "../model/types.h"

struct sc_store;

/* Schema version written to PRAGMA user_version by this build. */
#define STORE_SCHEMA_VERSION 9

/* Opens (creating with mode 0600 and migrating as needed) the store at path:
 * an SQLite file, or a PostgreSQL connection string (postgresql://...,
 * postgres://..., service=NAME or libpq key=value pairs). */
int store_open(const char *path, struct sc_store **out, struct sc_err *err);
void store_close(struct sc_store *st);
/* The store's name for messages (a connection string without password). */
const char *store_path(const struct sc_store *st);
/* True for the PostgreSQL backend (a store shared by several hosts). */
bool store_is_shared(const struct sc_store *st);

int store_begin(struct sc_store *st, struct sc_err *err);
int store_commit(struct sc_store *st, struct sc_err *err);
void store_rollback(struct sc_store *st);

/* Who is recorded in audit rows ($USER unless set). */
void store_set_actor(struct sc_store *st, const char *who);

/* ---- clusters ---- */
int store_cluster_get(struct sc_store *st, const char *name, struct sc_cluster *out,
		      struct sc_err *err);
int store_cluster_add(struct sc_store *st, struct sc_cluster *c, struct sc_err *err);
/* Refused with SC_ECONFLICT if the row changed since old was read. */
/* What a change did to the objects whose values it took away (SPEC §2):
 * one message per change, and the count of objects changed.  list holds
 * every field changed, however many (SPEC §11: nothing reset silently);
 * free it with store_changes_free().  With dry_run set by the caller, the
 * change is worked out in its transaction and then rolled back: the list
 * says what it would do and nothing is written. */
struct store_change {
	char object[SC_NAME_MAX * 4 + 16]; /* "vm 'web01'" */
	char field[32];                    /* the field's key: "usb" */
	char old[64], neu[64];
	char why[256];                     /* the rule's message, or "" */
};
struct store_changes {
	struct sc_msgs msgs;
	long objects;
	bool dry_run;
	struct store_change *list;
	size_t n, cap;
};
void store_changes_free(struct store_changes *ch);
/* A changed version brings the cluster's objects back into the rules in the
 * same transaction; changes (may be NULL) says what that did. */
int store_cluster_update(struct sc_store *st, const struct sc_optreg *reg,
			 const struct sc_cluster *old, struct sc_cluster *neu,
			 struct store_changes *changes, struct sc_err *err);
int store_cluster_rm(struct sc_store *st, const char *name, struct sc_err *err);
typedef int (*store_cluster_cb)(const struct sc_cluster *c, void *arg);
int store_cluster_scan(struct sc_store *st, const char *filter, long offset, long limit,
		       store_cluster_cb cb, void *arg, struct sc_err *err);

/* ---- vms, templates, pools ---- */
int store_object_get(struct sc_store *st, enum sc_kind kind, const char *name,
		     struct sc_object *out, struct sc_err *err);
/* Assigns id, rowver and (if empty) uuid; audits the creation.
 * Both writes check the object, inside their transaction, against its
 * cluster's version and the site options as stored at that moment (not as
 * the caller read them): a value the rules do not allow is refused with
 * SC_EUSAGE and the rule's reason, and nothing is written.  The option
 * definitions must have been given by store_options_load(). */
int store_object_add(struct sc_store *st, struct sc_object *obj, struct sc_err *err);
/* Writes neu over the row that old was read from, one audit row per changed
 * field; SC_ECONFLICT if the row's version is no longer old->rowver (read
 * old inside the same transaction to merge with other writers instead). */
int store_object_update(struct sc_store *st, const struct sc_object *old,
			struct sc_object *neu, struct sc_err *err);
/* store_object_update, and what it does to other objects: a template's
 * new cluster takes its pools along (a pool runs in its template's
 * cluster), each brought into that cluster's rules; changes (may be NULL)
 * lists every field that moved.  With changes->dry_run nothing is written. */
int store_object_save(struct sc_store *st, const struct sc_object *old, struct sc_object *neu,
		      struct store_changes *changes, struct sc_err *err);
int store_object_rm(struct sc_store *st, enum sc_kind kind, const char *name,
		    struct sc_err *err);
typedef int (*store_object_cb)(const struct sc_object *obj, void *arg);
/* Calls cb for rows ordered by name, skipping offset rows, at most limit
 * rows (limit < 0: all).  filter: substring of name, os, cluster (or NULL).
 * cb returning non-zero stops the scan. */
int store_object_scan(struct sc_store *st, enum sc_kind kind, const char *filter,
		      long offset, long limit, store_object_cb cb, void *arg,
		      struct sc_err *err);
/* The same, ordered by a field (then by name): name, cluster, template, size,
 * os, type, memory, cpus, display, monitors, usb, migration (as in force) or
 * description; any other field orders by name. */
int store_object_scan_by(struct sc_store *st, enum sc_kind kind, const char *filter,
			 int sort_field, long offset, long limit, store_object_cb cb, void *arg,
			 struct sc_err *err);
/* Every row in that order, handed to cb as it comes from the store and
 * never held all at once (PostgreSQL too): for printing a list of any
 * length in the memory of a row.  cb must not use the store. */
int store_object_stream(struct sc_store *st, enum sc_kind kind, const char *filter,
			int sort_field, store_object_cb cb, void *arg, struct sc_err *err);
/* Keyset paging: where a row stands in a sorted list (its sort value and
 * its name), so that the next page starts from it by an index seek rather
 * than by counting the rows before it. */
struct store_key {
	int64_t num;                   /* the sort value of a numeric field */
	char text[SC_DESC_MAX + 1];    /* ... of any other */
	char name[SC_NAME_MAX + 1];
};
struct store_seek {
	bool desc;                     /* scan from the end of the order */
	const struct store_key *key;   /* NULL: from the first row of the scan */
	bool at;                       /* include the key's own row */
	long offset;                   /* rows skipped first (0 for a seek) */
	bool stream;                   /* rows handed over as they come (db_stream):
					* cb must not use the store */
	const char *name_prefix;       /* only rows whose name starts with it (any case) */
};
typedef int (*store_seek_cb)(const struct sc_object *obj, const struct store_key *key,
			     void *arg);
/* Rows in the order of sort_field then name (desc: the reverse order),
 * starting after sk->key (at it when sk->at); cb gets each with its key. */
int store_object_seek(struct sc_store *st, enum sc_kind kind, const char *filter,
		      int sort_field, const struct store_seek *sk, long limit, store_seek_cb cb,
		      void *arg, struct sc_err *err);
/* The position of a key in that order: how many rows (of the filter)
 * come before it, whether or not its own row is still there. */
int store_object_rank(struct sc_store *st, enum sc_kind kind, const char *filter,
		      int sort_field, bool desc, const struct store_key *key, long *out,
		      struct sc_err *err);
/* Quick search: the first row of the order and filter after key (NULL:
 * from the first row) whose name starts with prefix, in any case; *found
 * false when there is none.  In the name order the row is reached by
 * seeks on the name index (one per case variant of the prefix the names
 * pass over); in another order, once such seeks have found that there is
 * one, by the order's index read up to it. */
int store_object_find(struct sc_store *st, enum sc_kind kind, const char *filter,
		      int sort_field, bool desc, const char *prefix, const struct store_key *key,
		      struct store_key *out, bool *found, struct sc_err *err);
/* SQLite: the query plan of a page in an order (unfiltered, from the start
 * or after a key), one step a line, to check which index serves it;
 * -1 on PostgreSQL. */
int store_seek_plan(struct sc_store *st, int sort_field, bool desc, bool after, char *out,
		    size_t n);
/* The same for a quick search's step in that order (store_object_find). */
int store_find_plan(struct sc_store *st, int sort_field, bool desc, bool after, char *out,
		    size_t n);
/* SQLite: the query plans of a filter's first steps, one step a line, each
 * statement's after a line "-- probe", "-- other kinds", "-- count by id"
 * and "-- page by id"; -1 on PostgreSQL. */
int store_filter_plan(struct sc_store *st, char *out, size_t n);
/* PostgreSQL: how a filter of the kind is answered ("-- way: kept ids",
 * "trigram indexes" or "scan") and the plans (EXPLAIN) of its capped
 * count ("-- count"), first page by name ("-- page") and by OS ("-- page
 * by OS"), then, for a
 * filter of three characters or more, those of the probe's steps
 * ("-- probe: OS values", "rows of an OS", "names"); -1 on SQLite. */
/* SQLite: how the first page of a filter of the kind in the order of the
 * OS is answered ("-- way: by id", "scan", or "scan of the OS bounds":
 * from the least to the greatest OS of the rows that hold it) and its
 * plan (EXPLAIN QUERY PLAN); -1 on PostgreSQL. */
int store_filter_plan_os(struct sc_store *st, enum sc_kind kind, const char *filter, char *out,
			 size_t n);
int store_filter_plan_pg(struct sc_store *st, enum sc_kind kind, const char *filter, char *out,
			 size_t n);
/* A stamp that changes whenever this or another session commits a change
 * (0); -1 when it cannot be read. */
int store_written(struct sc_store *st, int64_t stamp[2]);
/* Below n rows found by the filter's substring index (SQLite), a page is
 * read by id and sorted, else found along the order's index (tests set
 * it to check both ways). */
void store_filter_by_id_max(long n);
int store_count(struct sc_store *st, enum sc_kind kind, const char *filter, long *out,
		struct sc_err *err);
/* The same, cheap for any filter: a filter that the indexes say holds
 * many rows is counted only up to cap (then *out = cap and *more = true,
 * "cap or more"); a narrower one exactly. */
int store_count_upto(struct sc_store *st, enum sc_kind kind, const char *filter, long cap,
		     long *out, bool *more, struct sc_err *err);

/* The rule context of an object: its cluster's version and the site options
 * (reg's values; inside a write transaction the values stored now). */
int store_ctx(struct sc_store *st, const struct sc_optreg *reg, const char *cluster,
	      struct sc_ctx *ctx, struct sc_err *err);


/* ---- libvirt hosts and the vms linked to their domains (SPEC §10) ---- */
#define SC_URI_MAX 1024
struct sc_host {
	int64_t id, rowver;
	char name[SC_NAME_MAX + 1];
	char uri[SC_URI_MAX + 1];
	char cluster[SC_NAME_MAX + 1];
	char hypervisor[96]; /* "QEMU 7.2.0" as last read, "" if never */
	char caps_at[32];    /* when the capabilities were read, "" if never */
	long links;          /* vms linked to its domains */
};
int store_host_get(struct sc_store *st, const char *name, struct sc_host *out,
		   struct sc_err *err);
/* The domain capabilities XML last read from the host (malloc'd), or NULL
 * with *out NULL when it was never read. */
int store_host_caps(struct sc_store *st, const char *name, char **out, struct sc_err *err);
/* Adds a host (its cluster must exist); audited. */
int store_host_add(struct sc_store *st, struct sc_host *h, struct sc_err *err);
/* Writes neu's name, uri and cluster over the row old was read from, one
 * audit row per changed field; SC_ECONFLICT if it changed since. */
int store_host_update(struct sc_store *st, const struct sc_host *old, struct sc_host *neu,
		      struct sc_err *err);
/* Refused while vms are linked to the host, unless unlink: then the links
 * go (the vms stay).  Audited. */
int store_host_rm(struct sc_store *st, const char *name, bool unlink, long *unlinked,
		  struct sc_err *err);
/* Stores what `host check` or `pull` read: the hypervisor and the domain
 * capabilities XML (NULL: the host reports none). */
int store_host_set_caps(struct sc_store *st, const char *name, const char *hypervisor,
			const char *caps, struct sc_err *err);
typedef int (*store_host_cb)(const struct sc_host *h, void *arg);
int store_host_scan(struct sc_store *st, store_host_cb cb, void *arg, struct sc_err *err);

struct store_link {
	int64_t object_id;
	char vm[SC_NAME_MAX + 1];
	char host[SC_NAME_MAX + 1];
	char domain[SC_UUID_LEN + 1];
	bool pending; /* applied to a running domain: takes effect at its next boot */
	/* the domain's console settings as spicecfg last read or wrote them
	 * ("" before the first): another hand's change since shows against it */
	char seen[256];
};
/* The link of a vm; SC_ENOTFOUND when it has none. */
int store_link_get(struct sc_store *st, int64_t object_id, struct store_link *out,
		   struct sc_err *err);
/* The vms linked to host's domains (every host's when host is NULL; only
 * the named vms when names is not NULL), ordered by host, then vm. */
typedef int (*store_link_cb)(const struct store_link *l, void *arg);
int store_link_scan(struct sc_store *st, const char *host, store_link_cb cb, void *arg,
		    struct sc_err *err);
int store_link_set_pending(struct sc_store *st, int64_t object_id, bool pending,
			   struct sc_err *err);
int store_link_set_seen(struct sc_store *st, int64_t object_id, const char *seen,
			struct sc_err *err);
/* Pull's write of one domain, in the caller's transaction: neu is created
 * (old NULL) or written over old through store_object_add/update, checked
 * against the rules with host's capabilities, and linked to domain. */
int store_pull_write(struct sc_store *st, const char *host, const char *domain,
		     const struct sc_object *old, struct sc_object *neu, struct sc_err *err);
/* Links vm o to domain (a UUID) of host, after checking o against the
 * rules with the host's capabilities (refused with the reason otherwise);
 * audited.  Joins the caller's transaction if there is one. */
int store_link_to(struct sc_store *st, const struct sc_optreg *reg, const struct sc_object *o,
		  const char *host, const char *domain, struct sc_err *err);
/* Removes o's link, audited; *had says whether it had one. */
int store_link_drop(struct sc_store *st, const struct sc_object *o, bool *had,
		    struct sc_err *err);
/* The capabilities of the host an object is (or is being) linked to, for
 * its rule context; all clear for an unlinked object. */
int store_link_rules(struct sc_store *st, const struct sc_object *o, struct sc_hostcaps *out,
		     struct sc_err *err);
/* The rule context of a stored object: store_ctx() with its host's
 * capabilities. */
int store_object_ctx(struct sc_store *st, const struct sc_optreg *reg,
		     const struct sc_object *o, struct sc_ctx *ctx, struct sc_err *err);

/* ---- site options (vdc_options) ---- */
/* Fills reg->values from the store, and gives the store reg's definitions
 * to check every object it writes.  A stored value outside its definition
 * (written around spicecfg) is not used: the default applies, and a note
 * naming the key, the value and what is valid waits in store_take_notes(). */
int store_options_load(struct sc_store *st, struct sc_optreg *reg, struct sc_err *err);
/* Validates and stores one value; cver = -1 for a general option.  A value
 * the rules depend on brings the objects it affects back into the rules in
 * the same transaction; changes (may be NULL) says what that did. */
int store_option_set(struct sc_store *st, struct sc_optreg *reg, const char *key,
		     int cver, const char *value, struct store_changes *changes,
		     struct sc_err *err);

/* Values read back from the store outside their definitions since the last
 * call (site options, object fields): one message each, saying what was
 * used instead.  Returns how many. */
int store_take_notes(struct sc_store *st, struct sc_msgs *out);

/* ---- audit ---- */
struct store_audit {
	int64_t id;
	char at[32]; /* ISO 8601 UTC */
	char who[64];
	char object[96]; /* "vm:web01", "option:NumberOfUSBSlots@general" */
	char field[64];
	const char *old; /* valid during the callback */
	const char *neu;
};
typedef int (*store_audit_cb)(const struct store_audit *a, void *arg);
/* Newest first. */
int store_audit_scan(struct sc_store *st, const char *filter, long offset, long limit,
		     store_audit_cb cb, void *arg, struct sc_err *err);
int store_audit_count(struct sc_store *st, const char *filter, long *out, struct sc_err *err);
/* Keyset pages of the log: newest first (sk->desc: oldest first), after
 * (sk->at: from) the row whose id is sk->key->num. */
int store_audit_seek(struct sc_store *st, const char *filter, const struct store_seek *sk,
		     long limit, store_audit_cb cb, void *arg, struct sc_err *err);
/* The position of the row with id in that order (desc: oldest first): how
 * many rows of the filter come before it, whether or not it is still there. */
int store_audit_rank(struct sc_store *st, const char *filter, bool desc, int64_t id,
		     long *out, struct sc_err *err);
/* The log's count, cheap for any filter: one that many rows hold is
 * counted up to cap (then *out = cap and *more = true, "cap or more"). */
int store_audit_count_upto(struct sc_store *st, const char *filter, long cap, long *out,
			   bool *more, struct sc_err *err);
/* The plans of the statements that answer a filter of the log from its
 * indexes (the probe, a page, the count), for tests. */
int store_audit_plan(struct sc_store *st, const char *filter, char *out, size_t n);

/* Changes committed by any session since the previous call (the first call
 * only sets the starting point): cb gets each new audit row, oldest first.
 * store_watch_fd() is a descriptor to poll for them (PostgreSQL
 * LISTEN/NOTIFY), or -1 when the caller should poll every second or so. */
int store_watch_fd(struct sc_store *st);
int store_poll_changes(struct sc_store *st, store_audit_cb cb, void *arg, struct sc_err *err);

/* ---- drafts: unsaved forms kept across a dead session ---- */
struct store_draft {
	int64_t id;
	char at[32];
	char who[64];
	char orig_name[SC_NAME_MAX + 1]; /* "" for a new object */
	int64_t orig_rowver;
	struct sc_object obj;
};
/* Saves a draft in the store; when the store cannot be reached (a PostgreSQL
 * server gone away) in a local file instead, offered again by
 * store_draft_latest() (with id -1) once the store opens. */
int store_draft_save(struct sc_store *st, const struct store_draft *d, struct sc_err *err);
/* Latest draft of the current actor; SC_ENOTFOUND if none. */
int store_draft_latest(struct sc_store *st, struct store_draft *out, struct sc_err *err);
int store_draft_delete(struct sc_store *st, int64_t id, struct sc_err *err);

/* ---- one edit for many objects (SPEC §11, marking) ---- */
struct store_edit_line {
	char name[SC_NAME_MAX + 1];
	char text[800];
};
struct store_edit_result {
	int applied;
	struct store_edit_line *refused; /* why each refused object was left as it was */
	size_t nrefused;
	struct store_edit_line *notes;   /* what the rules changed besides (usb reset ...) */
	size_t nnotes;
};
void store_edit_result_free(struct store_edit_result *r);
/* Sets the fields in given (bit 1u << field) of values on each named object
 * of kind, as read now, through the edit sequence of model/edit.h with the
 * object's own rules, in one transaction.  An object the rules refuse (or
 * that is gone) is listed in res->refused and left as it was; the others
 * are written.  A store failure rolls back everything. */
int store_edit_many(struct sc_store *st, const struct sc_optreg *reg, enum sc_kind kind,
		    const char (*names)[SC_NAME_MAX + 1], int count,
		    const struct sc_object *values, unsigned given,
		    struct store_edit_result *res, struct sc_err *err);

/* ---- bulk ---- */
/* In bulk mode store_object_add() writes no per-object audit row; the caller
 * records one summary row with store_audit_note() instead. */
void store_set_bulk(struct sc_store *st, bool on);
/* Inside a transaction: drops (on false) and builds again (on true) the
 * indexes of the sorted lists, around a load of many rows. */
int store_bulk_indexes(struct sc_store *st, bool on, struct sc_err *err);
/* Inside a transaction: stops (on false) and catches up (on true) the
 * filter's substring index around a load of rows, which are indexed once
 * at the end; store_bulk_indexes() does this too. */
int store_bulk_filter(struct sc_store *st, bool on, struct sc_err *err);
int store_audit_note(struct sc_store *st, const char *object, const char *field,
		     const char *old, const char *neu, struct sc_err *err);

/* The PostgreSQL client library's version ("16.4"), loading the library
 * (only `spicecfg --version` asks); -1 with "not installed" or "unusable"
 * in buf when it cannot be used. */
int store_libpq_version(char *buf, size_t n);

#endif
