/* The PostgreSQL backend: two sessions on one store, change notification,
 * missing rights and a server that goes away.  Runs when SPICECFG_TEST_PG
 * names a throwaway server (tests/run.sh starts one); skipped otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/config.h"
#include "store/schema.h"
#include "store/store.h"

static struct sc_optreg reg;
static char base[512], target[700];

static void psql(const char *db, const char *sql)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "psql -qX '%s dbname=%s' -c \"%s\" >/dev/null 2>&1", base, db,
		 sql);
	assert_int_equal(system(cmd), 0);
}

static struct sc_store *open_as(const char *who)
{
	struct sc_store *st;
	struct sc_err err;
	if (store_open(target, &st, &err))
		fail_msg("%s", err.msg);
	store_set_actor(st, who);
	/* the definitions every object written is checked against */
	if (store_options_load(st, &reg, &err))
		fail_msg("%s", err.msg);
	return st;
}

static void two_sessions_conflict(void **state)
{
	(void)state;
	struct sc_store *a = open_as("alice"), *b = open_as("bob");
	struct sc_err err;
	struct sc_cluster c = {.version = SC_CVER_31};
	strcpy(c.name, "c31");
	assert_int_equal(store_cluster_add(a, &c, &err), 0);
	struct sc_ctx ctx;
	struct sc_object o, oa, ob;
	assert_int_equal(store_ctx(a, &reg, "c31", &ctx, &err), 0);
	sc_object_defaults(&o, SC_VM, &ctx);
	strcpy(o.name, "shared");
	strcpy(o.cluster, "c31");
	assert_int_equal(store_object_add(a, &o, &err), 0);
	/* both read version 1 */
	assert_int_equal(store_object_get(a, SC_VM, "shared", &oa, &err), 0);
	assert_int_equal(store_object_get(b, SC_VM, "shared", &ob, &err), 0);
	struct sc_object na = oa, nb = ob;
	na.cpus = 4;
	nb.memory = 2048;
	assert_int_equal(store_object_update(a, &oa, &na, &err), 0);
	assert_int_equal(store_object_update(b, &ob, &nb, &err), SC_ECONFLICT);
	assert_non_null(strstr(err.msg, "changed by someone else"));
	/* bob reloads and applies his change again: both edits survive */
	assert_int_equal(store_object_get(b, SC_VM, "shared", &ob, &err), 0);
	assert_int_equal(ob.cpus, 4);
	nb = ob;
	nb.memory = 2048;
	assert_int_equal(store_object_update(b, &ob, &nb, &err), 0);
	assert_int_equal(store_object_get(a, SC_VM, "shared", &oa, &err), 0);
	assert_int_equal(oa.cpus, 4);
	assert_int_equal(oa.memory, 2048);
	assert_int_equal(oa.rowver, 3);
	store_close(a);
	store_close(b);
}

/* Writers on PostgreSQL take the store's one write lock before they read
 * what they check: a second writer waits for it (the busy timeout), and a
 * write checks the options as stored when it writes. */
static void writers_take_one_lock(void **state)
{
	(void)state;
	struct sc_store *a = open_as("alice");
	setenv("SPICECFG_BUSY_TIMEOUT_MS", "300", 1);
	struct sc_store *b = open_as("bob");
	unsetenv("SPICECFG_BUSY_TIMEOUT_MS");
	struct sc_err err;
	struct sc_cluster c = {.version = SC_CVER_31};
	strcpy(c.name, "c31lock");
	assert_int_equal(store_cluster_add(a, &c, &err), 0);
	assert_int_equal(store_begin(a, &err), 0);
	assert_int_equal(store_option_set(b, &reg, "NativeUSBEnabled", SC_CVER_31, "false", NULL,
					  &err),
			 SC_EBUSY);
	assert_non_null(strstr(err.msg, "locked by another writer (waited 300 ms)"));
	store_rollback(a);
	/* alice's copy of the options still allows native; bob turns it off */
	struct sc_ctx ctx;
	struct sc_object o;
	assert_int_equal(store_ctx(a, &reg, "c31lock", &ctx, &err), 0);
	sc_object_defaults(&o, SC_VM, &ctx);
	strcpy(o.name, "locked-native");
	strcpy(o.cluster, "c31lock");
	o.os = SC_OS_WINDOWS7;
	o.usb = SC_USB_NATIVE;
	static struct sc_optreg r2;
	memcpy(&r2, &reg, sizeof r2);
	assert_int_equal(store_option_set(b, &r2, "NativeUSBEnabled", SC_CVER_31, "false", NULL,
					  &err),
			 0);
	assert_int_equal(store_object_add(a, &o, &err), SC_EUSAGE);
	assert_non_null(strstr(err.msg, "site option NativeUSBEnabled"));
	assert_int_equal(store_option_set(b, &r2, "NativeUSBEnabled", SC_CVER_31, "true", NULL,
					  &err),
			 0);
	store_close(a);
	store_close(b);
}

/* The write stamp (which keeps the list's count while nobody writes)
 * changes with every commit, also one around spicecfg, and also when a
 * transaction that was in progress commits after a later one did. */
static void stamp_follows_commits(void **state)
{
	(void)state;
	struct sc_store *a = open_as("alice"), *b = open_as("bob");
	struct sc_err err;
	int64_t s1[2], s2[2], s3[2];
	struct sc_cluster c = {.version = SC_CVER_31};
	strcpy(c.name, "c31stamp");
	assert_int_equal(store_cluster_add(a, &c, &err), 0);
	assert_int_equal(store_written(a, s1), 0);
	assert_int_equal(store_written(a, s2), 0);
	assert_memory_equal(s1, s2, sizeof s1); /* nobody wrote */
	psql("spicecfg_unit", "INSERT INTO audit(at, who, object, field) VALUES ('x', 'raw', 'r', 'f')");
	assert_int_equal(store_written(a, s2), 0);
	assert_memory_not_equal(s1, s2, sizeof s1);
	/* bob's write is in progress while a later one commits */
	struct sc_ctx ctx;
	struct sc_object o;
	long n;
	assert_int_equal(store_ctx(b, &reg, "c31stamp", &ctx, &err), 0);
	sc_object_defaults(&o, SC_VM, &ctx);
	strcpy(o.name, "stamped");
	strcpy(o.cluster, "c31stamp");
	assert_int_equal(store_begin(b, &err), 0);
	assert_int_equal(store_object_add(b, &o, &err), 0);
	psql("spicecfg_unit", "INSERT INTO audit(at, who, object, field) VALUES ('y', 'raw', 'r', 'f')");
	assert_int_equal(store_count(a, SC_VM, "stamped", &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_written(a, s2), 0);
	assert_int_equal(store_commit(b, &err), 0);
	assert_int_equal(store_written(a, s3), 0);
	assert_memory_not_equal(s2, s3, sizeof s2);
	assert_int_equal(store_count(a, SC_VM, "stamped", &n, &err), 0); /* counted again */
	assert_int_equal(n, 1);
	store_close(a);
	store_close(b);
}

struct seen {
	int n;
	char who[64], object[96], field[64];
};

static int remember(const struct store_audit *x, void *arg)
{
	struct seen *s = arg;
	s->n++;
	strcpy(s->who, x->who);
	strcpy(s->object, x->object);
	strcpy(s->field, x->field);
	return 0;
}

static void live_notification(void **state)
{
	(void)state;
	struct sc_store *a = open_as("alice"), *b = open_as("bob");
	struct sc_err err;
	struct seen seen = {0};
	assert_int_equal(store_poll_changes(b, remember, &seen, &err), 0); /* starting point */
	int fd = store_watch_fd(b);
	assert_true(fd >= 0);
	struct sc_object o, n;
	assert_int_equal(store_object_get(a, SC_VM, "shared", &o, &err), 0);
	n = o;
	n.usb = SC_USB_NATIVE;
	assert_int_equal(store_object_update(a, &o, &n, &err), 0);
	struct pollfd p = {.fd = fd, .events = POLLIN};
	assert_int_equal(poll(&p, 1, 5000), 1); /* bob's session is woken */
	assert_int_equal(store_poll_changes(b, remember, &seen, &err), 0);
	assert_true(seen.n >= 1);
	assert_string_equal(seen.who, "alice");
	assert_string_equal(seen.object, "vm:shared");
	store_close(a);
	store_close(b);
}

static void option_set_audited(void **state)
{
	(void)state;
	struct sc_store *a = open_as("alice");
	struct sc_err err;
	long before, after;
	assert_int_equal(store_audit_count(a, "option:", &before, &err), 0);
	assert_int_equal(store_option_set(a, &reg, "NumberOfUSBSlots", -1, "2", NULL, &err), 0);
	assert_int_equal(store_option_set(a, &reg, "NumberOfUSBSlots", -1, "9", NULL, &err), SC_EUSAGE);
	assert_int_equal(store_audit_count(a, "option:", &after, &err), 0);
	assert_int_equal(after, before + 1);
	store_close(a);
}

static void role_without_rights(void **state)
{
	(void)state;
	/* left behind by an earlier run on the same server */
	psql("postgres", "DROP DATABASE IF EXISTS spicecfg_empty");
	psql("postgres", "DROP ROLE IF EXISTS spicecfg_ro");
	psql("postgres", "CREATE ROLE spicecfg_ro LOGIN");
	psql("postgres", "CREATE DATABASE spicecfg_empty");
	psql("spicecfg_empty", "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
	char t[800];
	snprintf(t, sizeof t, "%s dbname=spicecfg_empty user=spicecfg_ro", base);
	struct sc_store *st;
	struct sc_err err;
	assert_int_equal(store_open(t, &st, &err), SC_ERUNTIME);
	assert_non_null(strstr(err.msg, "lacks the rights"));
	assert_null(strstr(err.msg, "password"));
}

static void bad_target(void **state)
{
	(void)state;
	struct sc_store *st;
	struct sc_err err;
	assert_int_equal(store_open("postgresql://nobody:secret@/nodb?host=/nonexistent", &st, &err),
			 SC_ERUNTIME);
	assert_non_null(strstr(err.msg, "no connection to the PostgreSQL server"));
	assert_null(strstr(err.msg, "secret")); /* the password is never echoed */
}

static void add_vm_named(struct sc_store *st, const char *name)
{
	struct sc_err err;
	struct sc_ctx ctx;
	struct sc_object o;
	assert_int_equal(store_ctx(st, &reg, "c-mig", &ctx, &err), 0);
	sc_object_defaults(&o, SC_VM, &ctx);
	strcpy(o.name, name);
	strcpy(o.cluster, "c-mig");
	assert_int_equal(store_object_add(st, &o, &err), 0);
}

/* A store of schema version 6 (no suffixes of the names) gets them on
 * open, for the rows it has, and keeps them in step from then on. */
static void suffixes_migrate(void **state)
{
	(void)state;
	struct sc_store *st = open_as("alice");
	struct sc_err err;
	struct sc_cluster c = {.version = SC_CVER_31};
	strcpy(c.name, "c-mig");
	assert_int_equal(store_cluster_add(st, &c, &err), 0);
	add_vm_named(st, "Old-Migrated7");
	store_close(st);
	psql("spicecfg_unit",
	     SUFFIX_INDEX_PG_DROP AUDIT_INDEX_PG_DROP "UPDATE spicecfg_schema SET version = 6");
	st = open_as("alice");
	long n;
	assert_int_equal(store_count(st, SC_VM, "MIGRAT", &n, &err), 0);
	assert_int_equal(n, 1);
	add_vm_named(st, "new-migrated8");
	assert_int_equal(store_count(st, SC_VM, "d-migr", &n, &err), 0);
	assert_int_equal(n, 1);
	store_close(st);
	/* every suffix of three characters or more, each once, and the version */
	psql("spicecfg_unit", "SELECT 1 / CAST((SELECT count(*) FROM name_suffixes) = "
	     "(SELECT sum(char_length(name) - 2) FROM objects WHERE char_length(name) > 2) "
	     "AND (SELECT version FROM spicecfg_schema) = 9 AS INT)");
}

/* A store of schema version 7 whose audit holds a host's URI change
 * written before passwords were redacted: on open (step 7 -> 8) the old
 * and the new URI are redacted, the rest of each row kept, and other
 * fields' rows are left as they were. */
static void audit_redacted_on_upgrade(void **state)
{
	(void)state;
	store_close(open_as("alice"));
	psql("spicecfg_unit", "INSERT INTO audit(at, who, object, field, old, new) VALUES"
	     " ('2026-01-01T00:00:00Z', 'bob', 'host:kvm9', 'uri',"
	     " 'qemu+ssh://root:s3cret@kvm9/system',"
	     " 'qemu+tls://kvm9/system?passwd=hunter2&no_verify=1'),"
	     " ('2026-01-01T00:00:01Z', 'bob', 'vm:keep9', 'description', 'x://a:b@c', NULL);"
	     AUDIT_INDEX_PG_DROP "UPDATE spicecfg_schema SET version = 7");
	store_close(open_as("alice"));
	psql("spicecfg_unit", "SELECT 1 / CAST((SELECT count(*) FROM audit WHERE"
	     " old LIKE '%s3cret%' OR new LIKE '%hunter2%') = 0"
	     " AND (SELECT count(*) FROM audit WHERE at = '2026-01-01T00:00:00Z' AND who = 'bob'"
	     " AND object = 'host:kvm9' AND field = 'uri'"
	     " AND old = 'qemu+ssh://root:***@kvm9/system'"
	     " AND new = 'qemu+tls://kvm9/system?passwd=***&no_verify=1') = 1"
	     " AND (SELECT count(*) FROM audit WHERE object = 'vm:keep9' AND old = 'x://a:b@c'"
	     " AND new IS NULL) = 1"
	     " AND (SELECT version FROM spicecfg_schema) = 9 AS INT)");
}

/* A store of schema version 8 (no indexes of the audit log's filter) gets
 * them on open (step 8 -> 9), and its filter finds the rows it held. */
static void audit_index_on_upgrade(void **state)
{
	(void)state;
	store_close(open_as("alice"));
	psql("spicecfg_unit", AUDIT_INDEX_PG_DROP
	     "INSERT INTO audit(at, who, object, field, old, new) VALUES"
	     " ('2026-01-01T00:00:00Z', 'bob', 'vm:Upgraded-Nine', 'usb', 'a', 'b');"
	     "UPDATE spicecfg_schema SET version = 8");
	struct sc_store *st = open_as("alice");
	struct sc_err err;
	long n;
	assert_int_equal(store_audit_count(st, "upgraded-n", &n, &err), 0);
	assert_int_equal(n, 1);
	store_close(st);
	psql("spicecfg_unit", "SELECT 1 / CAST((SELECT count(*) FROM pg_indexes WHERE indexname IN"
	     " ('audit_who', 'audit_field', 'audit_object_trgm')) = 3"
	     " AND (SELECT version FROM spicecfg_schema) = 9 AS INT)");
}

/* Last: stops the server under an open session. */
static void server_goes_away(void **state)
{
	(void)state;
	const char *stop = getenv("SPICECFG_TEST_PG_STOP");
	if (!stop)
		skip();
	struct sc_store *a = open_as("alice");
	struct sc_err err;
	struct sc_object o, n;
	assert_int_equal(store_object_get(a, SC_VM, "shared", &o, &err), 0);
	assert_int_equal(system(stop), 0);
	n = o;
	n.cpus = 8;
	int rc = store_object_update(a, &o, &n, &err);
	assert_int_equal(rc, SC_ERUNTIME);
	assert_non_null(strstr(err.msg, "no connection to the PostgreSQL server"));
	/* the form's edits are kept as a local draft until the server is back */
	struct store_draft d = {.orig_rowver = o.rowver}, got;
	strcpy(d.orig_name, "shared");
	d.obj = n;
	assert_int_equal(store_draft_save(a, &d, &err), 0);
	assert_int_equal(store_draft_latest(a, &got, &err), 0);
	assert_int_equal(got.id, -1);
	assert_int_equal(got.obj.cpus, 8);
	assert_string_equal(got.orig_name, "shared");
	assert_int_equal(store_draft_delete(a, got.id, &err), 0);
	assert_int_equal(store_draft_latest(a, &got, &err) == 0 && got.id == -1, 0);
	store_close(a);
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	const char *b = getenv("SPICECFG_TEST_PG");
	if (!b || !*b)
		return 0;
	snprintf(base, sizeof base, "%s", b);
	snprintf(target, sizeof target, "%s dbname=spicecfg_unit", base);
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
		 "psql -qX '%s dbname=postgres' -c 'DROP DATABASE IF EXISTS spicecfg_unit' "
		 "-c 'CREATE DATABASE spicecfg_unit' >/dev/null",
		 base);
	if (system(cmd) != 0)
		return -1;
	return config_load_optdefs(&reg, NULL, &err);
}

#define PG_TEST(f) cmocka_unit_test_setup(f, need_pg)
static int need_pg(void **state)
{
	(void)state;
	if (!base[0])
		skip();
	return 0;
}

int main(void)
{
	if (!getenv("SPICECFG_TEST_PG")) {
		puts("1..1\nok 1 # SKIP no PostgreSQL test server (tests/run.sh starts one)");
		return 0;
	}
	const struct CMUnitTest tests[] = {
		PG_TEST(two_sessions_conflict), PG_TEST(writers_take_one_lock),
		PG_TEST(live_notification),     PG_TEST(stamp_follows_commits),
		PG_TEST(option_set_audited),    PG_TEST(role_without_rights),
		PG_TEST(bad_target),            PG_TEST(suffixes_migrate),
		PG_TEST(audit_redacted_on_upgrade),
		PG_TEST(audit_index_on_upgrade),
		PG_TEST(server_goes_away),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
