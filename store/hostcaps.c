/* What the store's object writer needs to know of hosts: the capabilities
 * of the host a vm is linked to (its rules), and whether a cluster still
 * has hosts.  Apart from store/hosts.c, which writes through the object
 * writer, so that the two do not depend on each other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/livexml.h"
#include "store_impl.h"

#define col_text db_col_text

static const char SQL_CLUSTER_HOSTS[] =
	"SELECT count(*), min(name) FROM hosts WHERE cluster_id = $1";
static const char SQL_LINK_CAPS[] =
	"SELECT h.name, h.caps FROM host_links l JOIN hosts h ON h.id = l.host_id"
	" WHERE l.object_id = $1";
static const char SQL_HOST_CAPS_ID[] = "SELECT name, caps FROM hosts WHERE id = $1";

int store_cluster_hosts_refuse(struct sc_store *st, int64_t cluster_id, const char *name,
			       struct sc_err *err)
{
	struct db_stmt *s = store_prep(st, SQL_CLUSTER_HOSTS, err);
	if (!s)
		return err->status;
	db_bind_int64(s, 1, cluster_id);
	int rc = db_step(s);
	if (rc == DB_ROW && db_col_int64(s, 0) > 0)
		rc = sc_fail(err, SC_ERUNTIME,
			     "cluster '%s' still has %lld hosts (e.g. host '%s'); move them to "
			     "another cluster (spicecfg host set NAME cluster=C) or remove them "
			     "first",
			     name, (long long)db_col_int64(s, 0), col_text(s, 1));
	else
		rc = rc == DB_ERROR ? store_sql_fail(st, err, "look up a cluster's hosts") : 0;
	db_reset(s);
	return rc;
}

static int caps_rules(const char *host, const char *xml, struct sc_hostcaps *out,
		      struct sc_err *err)
{
	memset(out, 0, sizeof *out);
	out->linked = true;
	sc_strlcpy(out->host, host, sizeof out->host);
	if (!xml)
		return 0; /* never read: nothing known to be missing */
	struct lx_caps caps;
	char fname[SC_NAME_MAX + 40];
	snprintf(fname, sizeof fname, "capabilities of host %s", host);
	if (lx_caps_parse(xml, strlen(xml), fname, &caps, err))
		return err->status;
	lx_caps_rules(&caps, out);
	return 0;
}

int store_link_rules(struct sc_store *st, const struct sc_object *o, struct sc_hostcaps *out,
		     struct sc_err *err)
{
	memset(out, 0, sizeof *out);
	bool by_host = !o->id || st->pull_host_id;
	if (by_host && !st->pull_host_id)
		return 0;
	struct db_stmt *s = store_prep(st, by_host ? SQL_HOST_CAPS_ID : SQL_LINK_CAPS, err);
	if (!s)
		return err->status;
	db_bind_int64(s, 1, by_host ? st->pull_host_id : o->id);
	int rc = db_step(s);
	if (rc == DB_ERROR) {
		db_reset(s);
		return store_sql_fail(st, err, "read a host's capabilities");
	}
	if (rc != DB_ROW) {
		db_reset(s);
		return 0;
	}
	char host[SC_NAME_MAX + 1];
	sc_strlcpy(host, col_text(s, 0), sizeof host);
	char *xml = db_col_null(s, 1) ? NULL : strdup(col_text(s, 1));
	bool oom = !db_col_null(s, 1) && !xml;
	db_reset(s);
	if (oom)
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	rc = caps_rules(host, xml, out, err);
	free(xml);
	return rc;
}
