/* libvirt hosts, the capabilities last read from them, and the vms linked
 * to their domains (SPEC §10).  Nothing here talks to a host: the commands
 * read through hosts/ and store what they read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/livexml.h"
#include "../model/rules.h"
#include "../model/uri.h"
#include "store_impl.h"

#define col_text db_col_text

#define HOST_COLS                                                                         \
	"h.id, h.rowver, h.name, h.uri, c.name, h.hypervisor, h.caps_at,"                 \
	" (SELECT count(*) FROM host_links l WHERE l.host_id = h.id)"                     \
	" FROM hosts h JOIN clusters c ON c.id = h.cluster_id"
static const char SQL_HOST_GET[] = "SELECT " HOST_COLS " WHERE h.name = $1";
static const char SQL_HOST_SCAN[] = "SELECT " HOST_COLS " ORDER BY h.name";
static const char SQL_HOST_CAPS[] = "SELECT caps FROM hosts WHERE name = $1";
static const char SQL_HOST_ADD[] =
	"INSERT INTO hosts(name, uri, cluster_id) VALUES ($1, $2, $3) RETURNING id";
static const char SQL_HOST_UPD[] =
	"UPDATE hosts SET name = $1, uri = $2, cluster_id = $3, rowver = rowver + 1"
	" WHERE id = $4 AND rowver = $5 RETURNING rowver";
static const char SQL_HOST_SETCAPS[] =
	"UPDATE hosts SET hypervisor = $1, caps = $2, caps_at = $3, rowver = rowver + 1"
	" WHERE id = $4";
static const char SQL_HOST_RM[] = "DELETE FROM hosts WHERE id = $1";
static const char SQL_HOST_UNLINK[] = "DELETE FROM host_links WHERE host_id = $1";
static const char SQL_HOST_USERS[] =
	"SELECT count(*), min(o.name) FROM host_links l JOIN objects o ON o.id = l.object_id"
	" WHERE l.host_id = $1";
static const char SQL_CLUSTER_ID[] = "SELECT id FROM clusters WHERE name = $1";

#define LINK_COLS                                                                         \
	"l.object_id, o.name, h.name, l.domain, l.pending, l.seen FROM host_links l"              \
	" JOIN objects o ON o.id = l.object_id JOIN hosts h ON h.id = l.host_id"
static const char SQL_LINK_GET[] = "SELECT " LINK_COLS " WHERE l.object_id = $1";
static const char SQL_LINK_SCAN[] = "SELECT " LINK_COLS
	" WHERE CAST($1 AS TEXT) IS NULL OR h.name = $1 ORDER BY h.name, o.name";
static const char SQL_LINK_SEEN[] = "UPDATE host_links SET seen = $1 WHERE object_id = $2";
static const char SQL_LINK_PENDING[] =
	"UPDATE host_links SET pending = $1 WHERE object_id = $2";
static const char SQL_LINK_SET[] =
	"INSERT INTO host_links(object_id, host_id, domain) VALUES ($1, $2, $3)"
	" ON CONFLICT(object_id) DO UPDATE SET host_id = excluded.host_id,"
	" domain = excluded.domain";
static const char SQL_LINK_DROP[] = "DELETE FROM host_links WHERE object_id = $1";

static void read_host(struct db_stmt *s, struct sc_host *h)
{
	memset(h, 0, sizeof *h);
	h->id = db_col_int64(s, 0);
	h->rowver = db_col_int64(s, 1);
	sc_strlcpy(h->name, col_text(s, 2), sizeof h->name);
	sc_strlcpy(h->uri, col_text(s, 3), sizeof h->uri);
	sc_strlcpy(h->cluster, col_text(s, 4), sizeof h->cluster);
	sc_strlcpy(h->hypervisor, col_text(s, 5), sizeof h->hypervisor);
	sc_strlcpy(h->caps_at, col_text(s, 6), sizeof h->caps_at);
	h->links = (long)db_col_int64(s, 7);
}

static int no_host(const char *name, struct sc_err *err)
{
	return sc_fail(err, SC_ENOTFOUND,
		       "host '%s' does not exist (see: spicecfg host list; add one with: "
		       "spicecfg host add NAME uri=URI cluster=C)",
		       name);
}

int store_host_get(struct sc_store *st, const char *name, struct sc_host *out,
		   struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_HOST_GET, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, name);
	int rc = db_step(s);
	if (rc == DB_ROW)
		read_host(s, out);
	db_reset(s);
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "read a host");
	return rc == DB_ROW ? 0 : no_host(name, err);
}

int store_host_caps(struct sc_store *st, const char *name, char **out, struct sc_err *err)
{
	*out = NULL;
	struct db_stmt *s = store_prep(st, SQL_HOST_CAPS, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, name);
	int rc = db_step(s);
	if (rc == DB_ROW && !db_col_null(s, 0) && !(*out = strdup(col_text(s, 0))))
		rc = DB_ERROR;
	db_reset(s);
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "read a host's capabilities");
	return rc == DB_ROW ? 0 : no_host(name, err);
}

static int cluster_id(struct sc_store *st, const char *name, int64_t *id, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_CLUSTER_ID, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, name);
	int rc = db_step(s);
	if (rc == DB_ROW)
		*id = db_col_int64(s, 0);
	db_reset(s);
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "look up a cluster");
	if (rc != DB_ROW)
		return sc_fail(err, SC_ENOTFOUND,
			       "cluster '%s' does not exist (see: spicecfg cluster list)", name);
	return 0;
}

static void audit_name(const char *host, char *buf, size_t n)
{
	snprintf(buf, n, "host:%s", host);
}

static int host_fail(struct sc_store *st, const char *name, const char *what,
		     struct sc_err *err)
{
	if (db_errkind(st->db) == DB_E_UNIQUE)
		return sc_fail(err, SC_EEXIST, "host '%s' already exists", name);
	return store_sql_fail(st, err, what);
}

int store_host_add(struct sc_store *st, struct sc_host *h, struct sc_err *err)
{
	if (store_begin(st, err))
		return err->status;
	int64_t cid = 0;
	int rc = cluster_id(st, h->cluster, &cid, err);
	struct db_stmt *s = rc ? NULL : store_prep(st, SQL_HOST_ADD, err);
	if (!rc && !s)
		rc = err->status;
	if (!rc) {
		db_bind_text(s, 1, h->name);
		db_bind_text(s, 2, h->uri);
		db_bind_int64(s, 3, cid);
		if (db_step(s) == DB_ROW)
			h->id = db_col_int64(s, 0);
		else
			rc = host_fail(st, h->name, "add a host", err);
		db_reset(s);
	}
	if (!rc) {
		h->rowver = 1;
		char obj[96];
		audit_name(h->name, obj, sizeof obj);
		rc = store_audit_note(st, obj, "*", NULL, "created", err);
	}
	return store_finish(st, rc, err);
}

int store_host_update(struct sc_store *st, const struct sc_host *old, struct sc_host *neu,
		      struct sc_err *err)
{
	if (store_begin(st, err))
		return err->status;
	int64_t cid = 0;
	int rc = cluster_id(st, neu->cluster, &cid, err);
	struct db_stmt *s = rc ? NULL : store_prep(st, SQL_HOST_UPD, err);
	if (!rc && !s)
		rc = err->status;
	if (!rc) {
		db_bind_text(s, 1, neu->name);
		db_bind_text(s, 2, neu->uri);
		db_bind_int64(s, 3, cid);
		db_bind_int64(s, 4, old->id);
		db_bind_int64(s, 5, old->rowver);
		int step = db_step(s);
		if (step == DB_ERROR)
			rc = host_fail(st, neu->name, "save a host", err);
		else if (step == DB_DONE)
			rc = sc_fail(err, SC_ECONFLICT,
				     "host '%s' was changed by someone else since it was read; "
				     "nothing was saved",
				     old->name);
		db_reset(s);
	}
	char obj[96];
	audit_name(neu->name, obj, sizeof obj);
	static const char *const keys[] = {"name", "uri", "cluster"};
	const char *a[] = {old->name, old->uri, old->cluster};
	const char *b[] = {neu->name, neu->uri, neu->cluster};
	for (int i = 0; i < 3 && !rc; i++) {
		if (!strcmp(a[i], b[i]))
			continue;
		if (i == 1) { /* a URI's password never reaches the audit */
			char ra[SC_URI_MAX + 16], rb[SC_URI_MAX + 16];
			sc_uri_redact(a[i], ra, sizeof ra);
			sc_uri_redact(b[i], rb, sizeof rb);
			rc = store_audit_note(st, obj, keys[i], ra, rb, err);
		} else {
			rc = store_audit_note(st, obj, keys[i], a[i], b[i], err);
		}
	}
	if (!rc) {
		neu->id = old->id;
		neu->rowver = old->rowver + 1;
	}
	return store_finish(st, rc, err);
}

static int run_id(struct sc_store *st, const char *sql, int64_t id, const char *what,
		  struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, sql, err);
	if (!s)
		return err->status;
	db_bind_int64(s, 1, id);
	int rc = db_step(s) == DB_ERROR ? store_sql_fail(st, err, what) : 0;
	db_reset(s);
	return rc;
}

int store_host_rm(struct sc_store *st, const char *name, bool unlink, long *unlinked,
		  struct sc_err *err)
{
	struct sc_host h;
	*unlinked = 0;
	if (store_begin(st, err))
		return err->status;
	int rc = store_host_get(st, name, &h, err);
	if (!rc && h.links && !unlink) {
		struct db_stmt *s = store_prep(st, SQL_HOST_USERS, err);
		if (!s)
			return store_finish(st, err->status, err);
		db_bind_int64(s, 1, h.id);
		char example[SC_NAME_MAX + 1] = "";
		if (db_step(s) == DB_ROW)
			sc_strlcpy(example, col_text(s, 1), sizeof example);
		db_reset(s);
		rc = sc_fail(err, SC_ERUNTIME,
			     "host '%s' is linked to %ld vms (e.g. vm '%s'); nothing was removed "
			     "(remove them first, or give --unlink to keep the vms without "
			     "their links)",
			     name, h.links, example);
	}
	if (!rc && h.links)
		rc = run_id(st, SQL_HOST_UNLINK, h.id, "unlink a host's vms", err);
	if (!rc)
		rc = run_id(st, SQL_HOST_RM, h.id, "remove a host", err);
	char obj[96];
	audit_name(name, obj, sizeof obj);
	if (!rc && h.links) {
		char n[32];
		snprintf(n, sizeof n, "%ld vms", h.links);
		rc = store_audit_note(st, obj, "links", n, "unlinked", err);
	}
	if (!rc)
		rc = store_audit_note(st, obj, "*", NULL, "deleted", err);
	if (!rc)
		*unlinked = h.links;
	return store_finish(st, rc, err);
}

int store_host_set_caps(struct sc_store *st, const char *name, const char *hypervisor,
			const char *caps, struct sc_err *err)
{
	struct sc_host h;
	char *old = NULL;
	if (store_begin(st, err))
		return err->status;
	int rc = store_host_get(st, name, &h, err);
	if (!rc)
		rc = store_host_caps(st, name, &old, err);
	bool same = !rc && strcmp(h.hypervisor, hypervisor) == 0 &&
		    ((!old && !caps) || (old && caps && strcmp(old, caps) == 0));
	free(old);
	if (rc || same) /* read again, nothing new: no write, no audit */
		return store_finish(st, rc, err);
	char now[32];
	store_now(now, sizeof now);
	struct db_stmt *s = store_prep(st, SQL_HOST_SETCAPS, err);
	if (!s)
		return store_finish(st, err->status, err);
	db_bind_text(s, 1, hypervisor);
	db_bind_text(s, 2, caps);
	db_bind_text(s, 3, now);
	db_bind_int64(s, 4, h.id);
	rc = db_step(s) == DB_ERROR ? store_sql_fail(st, err, "store a host's capabilities") : 0;
	db_reset(s);
	char obj[96];
	audit_name(name, obj, sizeof obj);
	if (!rc && strcmp(h.hypervisor, hypervisor))
		rc = store_audit_note(st, obj, "hypervisor", h.hypervisor, hypervisor, err);
	if (!rc)
		rc = store_audit_note(st, obj, "capabilities", h.caps_at[0] ? h.caps_at : NULL,
				      now, err);
	return store_finish(st, rc, err);
}

int store_host_scan(struct sc_store *st, store_host_cb cb, void *arg, struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_HOST_SCAN, err);
	if (!s)
		return err->status;
	int rc;
	struct sc_host h;
	while ((rc = db_step(s)) == DB_ROW) {
		read_host(s, &h);
		if (cb(&h, arg)) {
			rc = DB_DONE;
			break;
		}
	}
	db_reset(s);
	return rc == DB_ERROR ? store_sql_fail(st, err, "list hosts") : 0;
}

/* ---- links ---- */

static void read_link(struct db_stmt *s, struct store_link *l)
{
	memset(l, 0, sizeof *l);
	l->object_id = db_col_int64(s, 0);
	sc_strlcpy(l->vm, col_text(s, 1), sizeof l->vm);
	sc_strlcpy(l->host, col_text(s, 2), sizeof l->host);
	sc_strlcpy(l->domain, col_text(s, 3), sizeof l->domain);
	l->pending = db_col_int64(s, 4) != 0;
	sc_strlcpy(l->seen, col_text(s, 5), sizeof l->seen);
}

int store_link_get(struct sc_store *st, int64_t object_id, struct store_link *out,
		   struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_LINK_GET, err);
	if (!s)
		return err->status;
	db_bind_int64(s, 1, object_id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		read_link(s, out);
	db_reset(s);
	if (rc == DB_ERROR)
		return store_sql_fail(st, err, "read a vm's host link");
	return rc == DB_ROW ? 0 : sc_fail(err, SC_ENOTFOUND, "not linked to a host domain");
}

int store_link_scan(struct sc_store *st, const char *host, store_link_cb cb, void *arg,
		    struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_LINK_SCAN, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, host);
	int rc;
	struct store_link l;
	while ((rc = db_step(s)) == DB_ROW) {
		read_link(s, &l);
		if (cb(&l, arg)) {
			rc = DB_DONE;
			break;
		}
	}
	db_reset(s);
	return rc == DB_ERROR ? store_sql_fail(st, err, "list linked vms") : 0;
}

int store_link_set_pending(struct sc_store *st, int64_t object_id, bool pending,
			   struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_LINK_PENDING, err);
	if (!s)
		return err->status;
	db_bind_int64(s, 1, pending);
	db_bind_int64(s, 2, object_id);
	int rc = db_step(s) == DB_ERROR ? store_sql_fail(st, err, "mark a change pending") : 0;
	db_reset(s);
	return rc;
}

int store_link_set_seen(struct sc_store *st, int64_t object_id, const char *seen,
			struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_LINK_SEEN, err);
	if (!s)
		return err->status;
	db_bind_text(s, 1, seen);
	db_bind_int64(s, 2, object_id);
	int rc = db_step(s) == DB_ERROR ? store_sql_fail(st, err, "record a domain's console") : 0;
	db_reset(s);
	return rc;
}

static int link_write(struct sc_store *st, const struct sc_object *o, int64_t host_id,
		      const char *host, const char *domain, struct sc_err *err)
{
	struct store_link old;
	struct sc_err e2;
	bool had = store_link_get(st, o->id, &old, &e2) == 0;
	if (had && strcmp(old.host, host) == 0 && strcmp(old.domain, domain) == 0)
		return 0;
	struct db_stmt *s = store_prep(st, SQL_LINK_SET, err);
	if (!s)
		return err->status;
	db_bind_int64(s, 1, o->id);
	db_bind_int64(s, 2, host_id);
	db_bind_text(s, 3, domain);
	int rc = db_step(s);
	bool taken = rc == DB_ERROR && db_errkind(st->db) == DB_E_UNIQUE;
	rc = rc == DB_ERROR ? (taken ? sc_fail(err, SC_EEXIST,
					       "domain %s of host %s is linked to another vm",
					       domain, host)
				     : store_sql_fail(st, err, "link a vm to its domain"))
			    : 0;
	db_reset(s);
	char obj[96], a[200], b[200];
	snprintf(obj, sizeof obj, "%s:%s", sc_kind_name(o->kind), o->name);
	snprintf(a, sizeof a, "%s/%s", old.host, old.domain);
	snprintf(b, sizeof b, "%s/%s", host, domain);
	if (!rc)
		rc = store_audit_note(st, obj, "host", had ? a : NULL, b, err);
	return rc;
}

int store_pull_write(struct sc_store *st, const char *host, const char *domain,
		     const struct sc_object *old, struct sc_object *neu, struct sc_err *err)
{
	struct sc_host h;
	if (store_begin(st, err))
		return err->status;
	int rc = store_host_get(st, host, &h, err);
	if (!rc) {
		st->pull_host_id = h.id; /* the host's capabilities are neu's rules */
		rc = old ? store_object_update(st, old, neu, err) : store_object_add(st, neu, err);
		st->pull_host_id = 0;
	}
	if (!rc)
		rc = link_write(st, neu, h.id, host, domain, err);
	return store_finish(st, rc, err);
}

int store_link_to(struct sc_store *st, const struct sc_optreg *reg, const struct sc_object *o,
		  const char *host, const char *domain, struct sc_err *err)
{
	struct sc_host h;
	struct sc_ctx ctx;
	struct sc_msgs errs = {0};
	if (store_begin(st, err))
		return err->status;
	int rc = store_host_get(st, host, &h, err);
	if (!rc) {
		st->pull_host_id = h.id; /* the rules of the host it is being linked to */
		rc = store_object_ctx(st, reg, o, &ctx, err);
		st->pull_host_id = 0;
	}
	if (!rc && sc_validate(o, &ctx, &errs))
		rc = sc_fail(err, SC_EUSAGE, "vm '%s' is not linked to host %s: %s", o->name, host,
			     errs.m[0].text);
	if (!rc)
		rc = link_write(st, o, h.id, host, domain, err);
	return store_finish(st, rc, err);
}

int store_link_drop(struct sc_store *st, const struct sc_object *o, bool *had,
		    struct sc_err *err)
{
	struct store_link old;
	struct sc_err e2;
	if (store_begin(st, err))
		return err->status;
	*had = store_link_get(st, o->id, &old, &e2) == 0;
	int rc = *had ? run_id(st, SQL_LINK_DROP, o->id, "unlink a vm", err) : 0;
	if (!rc && *had) {
		char obj[96], a[200];
		snprintf(obj, sizeof obj, "%s:%s", sc_kind_name(o->kind), o->name);
		snprintf(a, sizeof a, "%s/%s", old.host, old.domain);
		rc = store_audit_note(st, obj, "host", a, NULL, err);
	}
	return store_finish(st, rc, err);
}

int store_object_ctx(struct sc_store *st, const struct sc_optreg *reg,
		     const struct sc_object *o, struct sc_ctx *ctx, struct sc_err *err)
{
	if (store_ctx(st, reg, o->cluster, ctx, err))
		return err->status;
	return o->id ? store_link_rules(st, o, &ctx->host, err) : 0;
}
