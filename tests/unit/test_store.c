/* The SQLite store: creation, schema versions, conflicts, audit, drafts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/field.h"
#include "model/ovf.h"
#include "store/bulk.h"
#include "store/config.h"
#include "store/schema.h"
#include "store/store.h"
#include "store/store_impl.h"

static struct sc_optreg reg;
static char dir[] = "/tmp/spicecfg-store-XXXXXX";
static char path[256];

static struct sc_store *fresh(void)
{
	static int n;
	struct sc_store *st;
	struct sc_err err;
	snprintf(path, sizeof path, "%s/s%d.db", dir, n++);
	if (store_open(path, &st, &err))
		fail_msg("%s", err.msg);
	store_set_actor(st, "alice");
	/* the definitions every object written is checked against */
	if (store_options_load(st, &reg, &err))
		fail_msg("%s", err.msg);
	return st;
}

static void seed(struct sc_store *st, struct sc_object *o)
{
	struct sc_err err;
	struct sc_cluster c = {.version = SC_CVER_31};
	strcpy(c.name, "c31");
	assert_int_equal(store_cluster_add(st, &c, &err), 0);
	struct sc_ctx ctx;
	assert_int_equal(store_ctx(st, &reg, "c31", &ctx, &err), 0);
	sc_object_defaults(o, SC_VM, &ctx);
	strcpy(o->name, "vm1");
	strcpy(o->cluster, "c31");
	o->os = SC_OS_WINDOWS7;
	assert_int_equal(store_object_add(st, o, &err), 0);
}

/* A store as an older spicecfg left it: a fresh one holding vm1, then
 * the raw statements that take it back (they end by setting its
 * user_version), written around spicecfg. */
static void older_store(const char *sql)
{
	struct sc_store *st = fresh();
	struct sc_object o;
	seed(st, &o);
	store_close(st);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	sqlite3_close(db);
}

/* The one row of sql, read around spicecfg, holds the n integers want. */
static void expect_row(const char *sql, int n, const int *want)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	for (int c = 0; c < n; c++)
		if (sqlite3_column_int(s, c) != want[c])
			fail_msg("column %d of %s: %d, not %d", c, sql, sqlite3_column_int(s, c),
				 want[c]);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static void creates_0600_with_schema(void **state)
{
	(void)state;
	umask(022);
	struct sc_store *st = fresh();
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	store_close(st);
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), STORE_SCHEMA_VERSION);
	sqlite3_finalize(s);
	sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	/* a store from a newer spicecfg is refused, not downgraded */
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	struct sc_err err;
	assert_int_equal(store_open(path, &st, &err), SC_ERUNTIME);
	assert_non_null(strstr(err.msg, "newer"));
	assert_null(st);
}

/* A store of schema version 1 is brought forward on open, data kept, and
 * its rows get the defaults of the columns added since. */
static void migrates_forward(void **state)
{
	(void)state;
	struct sc_store *st;
	struct sc_object o;
	struct sc_err err;
	/* a store as schema version 1 left it, rows and all */
	older_store("DROP TABLE host_links; DROP TABLE hosts; "
		    "DROP INDEX drafts_who;" SORT_INDEXES_DROP
		    NAMES_INDEX_SQLITE_DROP AUDIT_INDEX_SQLITE_DROP
		    "ALTER TABLE objects DROP COLUMN copy_paste;"
		    "ALTER TABLE objects DROP COLUMN file_transfer;"
		    "ALTER TABLE objects DROP COLUMN disconnect_action;"
		    "ALTER TABLE objects DROP COLUMN disconnect_delay;"
		    "ALTER TABLE objects DROP COLUMN allow_reconnect;"
		    "ALTER TABLE objects DROP COLUMN spice_proxy;"
		    "ALTER TABLE clusters DROP COLUMN spice_proxy;"
		    "PRAGMA user_version = 1");
	assert_int_equal(store_open(path, &st, &err), 0);
	memset(&o, 0, sizeof o);
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &o, &err), 0);
	assert_true(o.copy_paste && o.file_transfer && !o.allow_reconnect);
	assert_int_equal(o.disconnect_action, SC_DISC_LOCK_SCREEN);
	assert_int_equal(o.disconnect_delay, 0);
	store_close(st);
	/* the drafts' index, the hosts' tables, one index per sorted order,
	 * the names' index filled, the old trigram index gone */
	expect_row("SELECT (SELECT user_version FROM pragma_user_version), "
		   "(SELECT count(*) FROM sqlite_master WHERE name = 'drafts_who'), "
		   "(SELECT count(*) FROM sqlite_master WHERE name IN "
		   "('hosts', 'host_links')), "
		   "(SELECT count(*) FROM sqlite_master WHERE name LIKE 'objects_by_%'), "
		   "(SELECT count(*) FROM names_fts WHERE names_fts MATCH 'VM1'), "
		   "(SELECT count(*) FROM sqlite_master WHERE name LIKE 'objects_fts%') = 0",
		   6, (const int[]){STORE_SCHEMA_VERSION, 1, 2, 12, 1, 1});
}

/* A store of schema version 8 (no indexes of the audit log's filter)
 * gets them on open (step 8 -> 9), filled with the rows it held and kept
 * in step from then on. */
static void upgrades_audit_index(void **state)
{
	(void)state;
	struct sc_store *st;
	struct sc_err err;
	older_store(AUDIT_INDEX_SQLITE_DROP
		    "INSERT INTO audit(at, who, object, field, old, new) VALUES"
		    " ('2026-01-01T00:00:00Z', 'bob', 'vm:Upgraded-Nine', 'usb',"
		    " 'a', 'b');"
		    "PRAGMA user_version = 8");
	assert_int_equal(store_open(path, &st, &err), 0);
	long n;
	assert_int_equal(store_audit_count(st, "upgraded-n", &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_audit_note(st, "vm:upgraded-nine", "usb", "b", "c", &err), 0);
	assert_int_equal(store_audit_count(st, "upgraded-n", &n, &err), 0);
	assert_int_equal(n, 2);
	store_close(st);
	expect_row("SELECT (SELECT user_version FROM pragma_user_version), "
		   "(SELECT count(*) FROM audit_fts WHERE audit_fts MATCH 'upgraded'), "
		   "(SELECT count(*) FROM sqlite_master WHERE name IN "
		   "('audit_who', 'audit_field'))",
		   3, (const int[]){STORE_SCHEMA_VERSION, 2, 2});
}

/* A store of schema version 7 (the trigram index of names, OS and
 * clusters; audit rows of a host's URI written before their passwords
 * were redacted) is brought to 8 on open: the index of the names alone in
 * place of the old one, filled and kept by its triggers, and every such
 * audit row redacted with the rest of it as it was. */
static void upgrades_to_names_index(void **state)
{
	(void)state;
	struct sc_store *st;
	struct sc_err err;
	sqlite3 *db;
	older_store(NAMES_INDEX_SQLITE_DROP FILTER_INDEX_SQLITE
		    AUDIT_INDEX_SQLITE_DROP
		    "INSERT INTO audit(at, who, object, field, old, new) VALUES"
		    " ('2026-01-01T00:00:00Z', 'bob', 'host:kvm1', 'uri',"
		    " 'qemu+ssh://root:s3cret@kvm1/system',"
		    " 'qemu+tls://kvm1/system?password=hunter2&no_verify=1'),"
		    " ('2026-01-01T00:00:01Z', 'bob', 'host:kvm1', 'uri',"
		    " NULL, 'qemu+ssh://admin:pw@kvm2:2222/system'),"
		    " ('2026-01-01T00:00:02Z', 'bob', 'vm:vm1', 'description',"
		    " 'x://a:b@c', 'y');"
		    "PRAGMA user_version = 7");
	assert_int_equal(store_open(path, &st, &err), 0);
	store_close(st);
	/* the names' index holds vm1 alone (row 1) */
	expect_row("SELECT (SELECT user_version FROM pragma_user_version), "
		   "(SELECT count(*) FROM sqlite_master WHERE name LIKE 'objects_fts%'), "
		   "(SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
		   "'names_fts_%'), "
		   "(SELECT group_concat(rowid) FROM names_fts WHERE names_fts MATCH 'vm1') = '1'",
		   4, (const int[]){STORE_SCHEMA_VERSION, 0, 3, 1});
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(db, "SELECT at, who, object, field, quote(old), new FROM audit "
			   "WHERE who = 'bob' ORDER BY id", -1, &s, NULL);
	static const char *const want[][6] = {
		{"2026-01-01T00:00:00Z", "bob", "host:kvm1", "uri",
		 "'qemu+ssh://root:***@kvm1/system'",
		 "qemu+tls://kvm1/system?password=***&no_verify=1"},
		{"2026-01-01T00:00:01Z", "bob", "host:kvm1", "uri", "NULL",
		 "qemu+ssh://admin:***@kvm2:2222/system"},
		{"2026-01-01T00:00:02Z", "bob", "vm:vm1", "description", "'x://a:b@c'", "y"}};
	for (size_t r = 0; r < sizeof want / sizeof *want; r++) {
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		for (int c = 0; c < 6; c++)
			assert_string_equal((const char *)sqlite3_column_text(s, c), want[r][c]);
	}
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	sqlite3_close(db);
	/* the names' index follows a rename, a delete and an insert */
	assert_int_equal(store_open(path, &st, &err), 0);
	store_set_actor(st, "alice");
	assert_int_equal(store_options_load(st, &reg, &err), 0);
	struct sc_object old, o;
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &old, &err), 0);
	o = old;
	strcpy(o.name, "renamed-qq");
	if (store_object_update(st, &old, &o, &err))
		fail_msg("%s", err.msg);
	long n;
	assert_int_equal(store_count(st, SC_VM, "vm1", &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_count(st, SC_VM, "D-Q", &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_object_rm(st, SC_VM, "renamed-qq", &err), 0);
	assert_int_equal(store_count(st, SC_VM, "D-Q", &n, &err), 0);
	assert_int_equal(n, 0);
	store_close(st);
}

static void refuses_foreign_files(void **state)
{
	(void)state;
	struct sc_store *st;
	struct sc_err err;
	char p[300];
	snprintf(p, sizeof p, "%s/junk.db", dir);
	FILE *f = fopen(p, "w");
	fputs("this is not a database, just some text that is long enough to matter\n", f);
	fclose(f);
	assert_int_equal(store_open(p, &st, &err), SC_ERUNTIME);
	assert_non_null(strstr(err.msg, "not a spicecfg store"));
	snprintf(p, sizeof p, "%s/other.db", dir);
	sqlite3 *db;
	sqlite3_open(p, &db);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(store_open(p, &st, &err), SC_ERUNTIME);
	assert_non_null(strstr(err.msg, "another program"));
	assert_int_equal(store_open(dir, &st, &err), SC_ERUNTIME);
}

static int count_audit(struct sc_store *st, const char *filter)
{
	long n;
	struct sc_err err;
	assert_int_equal(store_audit_count(st, filter, &n, &err), 0);
	return (int)n;
}

static void conflict_and_audit(void **state)
{
	(void)state;
	struct sc_store *st = fresh();
	struct sc_object o, a, b;
	struct sc_err err;
	seed(st, &o);
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &a, &err), 0);
	b = a;
	a.monitors = 2;
	a.usb = SC_USB_NATIVE;
	struct sc_object a2 = a, b2 = b;
	assert_int_equal(store_object_update(st, &b, &a2, &err), 0); /* first save wins */
	b2.cpus = 8;
	assert_int_equal(store_object_update(st, &b, &b2, &err), SC_ECONFLICT);
	assert_non_null(strstr(err.msg, "changed by someone else"));
	struct sc_object now;
	store_object_get(st, SC_VM, "vm1", &now, &err);
	assert_int_equal(now.cpus, 1);
	assert_int_equal(now.monitors, 2);
	assert_int_equal(now.rowver, 2);
	/* usb, monitors and the effective migration each got an audit row */
	assert_int_equal(count_audit(st, "vm:vm1"), 4);
	store_close(st);
}

static void rollback_leaves_nothing(void **state)
{
	(void)state;
	struct sc_store *st = fresh();
	struct sc_object o;
	struct sc_err err;
	seed(st, &o);
	int before = count_audit(st, NULL);
	assert_int_equal(store_begin(st, &err), 0);
	strcpy(o.name, "vm2");
	o.uuid[0] = '\0';
	assert_int_equal(store_object_add(st, &o, &err), 0);
	strcpy(o.name, "vm1");
	o.uuid[0] = '\0';
	assert_int_equal(store_object_add(st, &o, &err), SC_EEXIST);
	store_rollback(st);
	assert_int_equal(store_object_get(st, SC_VM, "vm2", &o, &err), SC_ENOTFOUND);
	assert_int_equal(count_audit(st, NULL), before);
	store_close(st);
}

static void drafts(void **state)
{
	(void)state;
	struct sc_store *st = fresh();
	struct sc_object o;
	struct sc_err err;
	seed(st, &o);
	struct store_draft d = {.orig_rowver = 1}, got;
	strcpy(d.orig_name, "vm1");
	d.obj = o;
	d.obj.migration = SC_MIG_MANUAL;
	d.obj.usb = SC_USB_NATIVE;
	strcpy(d.obj.description, "caf\xc3\xa9 = half done");
	assert_int_equal(store_draft_latest(st, &got, &err), SC_ENOTFOUND);
	assert_int_equal(store_draft_save(st, &d, &err), 0);
	assert_int_equal(store_draft_latest(st, &got, &err), 0);
	assert_string_equal(got.orig_name, "vm1");
	assert_string_equal(got.obj.description, d.obj.description);
	assert_int_equal(got.obj.migration, SC_MIG_MANUAL);
	assert_int_equal(got.obj.usb, SC_USB_NATIVE);
	assert_int_equal(got.obj.kind, SC_VM);
	assert_string_equal(got.obj.uuid, o.uuid);
	store_set_actor(st, "bob"); /* drafts belong to who wrote them */
	assert_int_equal(store_draft_latest(st, &got, &err), SC_ENOTFOUND);
	store_set_actor(st, "alice");
	assert_int_equal(store_draft_latest(st, &got, &err), 0);
	assert_int_equal(store_draft_delete(st, got.id, &err), 0);
	assert_int_equal(store_draft_latest(st, &got, &err), SC_ENOTFOUND);
	store_close(st);
}

static void options_roundtrip(void **state)
{
	(void)state;
	struct sc_store *st = fresh();
	struct sc_err err;
	assert_int_equal(store_option_set(st, &reg, "NumberOfUSBSlots", -1, "2", NULL, &err), 0);
	assert_int_equal(store_option_set(st, &reg, "NativeUSBEnabled", SC_CVER_32, "false", NULL, &err), 0);
	assert_int_equal(store_option_set(st, &reg, "NativeUSBEnabled", -1, "false", NULL, &err), SC_EUSAGE);
	assert_int_equal(store_option_set(st, &reg, "NumberOfUSBSlots", -1, "9", NULL, &err), SC_EUSAGE);
	static struct sc_optreg r2;
	memcpy(&r2, &reg, sizeof r2);
	assert_int_equal(store_options_load(st, &r2, &err), 0);
	assert_string_equal(sc_opt_get(&r2, "NumberOfUSBSlots", SC_CVER_30), "2");
	assert_string_equal(sc_opt_get(&r2, "NativeUSBEnabled", SC_CVER_32), "false");
	assert_string_equal(sc_opt_get(&r2, "NativeUSBEnabled", SC_CVER_31), "true");
	assert_int_equal(count_audit(st, "option:"), 2);
	store_close(st);
}

/* A change that takes a value away brings the objects back into the rules
 * in the store itself, for every front end. */
static void changes_reconcile(void **state)
{
	(void)state;
	struct sc_store *st = fresh();
	struct sc_object o;
	struct sc_err err;
	struct store_changes ch = {0};
	seed(st, &o); /* Windows7 on cluster c31 (3.1) */
	struct sc_object cur, neu;
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &cur, &err), 0);
	neu = cur;
	neu.usb = SC_USB_NATIVE;
	assert_int_equal(store_object_update(st, &cur, &neu, &err), 0);
	assert_int_equal(store_option_set(st, &reg, "NumberOfUSBSlots", -1, "2", &ch, &err), 0);
	assert_int_equal(ch.objects, 0); /* does not decide what is allowed */
	/* a dry run says what would change and changes nothing (SPEC §11) */
	int nat = sc_opt_find(&reg, "NativeUSBEnabled");
	char before[SC_OPT_VALUE_MAX];
	snprintf(before, sizeof before, "%s", reg.values[nat][SC_CVER_31]);
	ch.dry_run = true;
	assert_int_equal(store_option_set(st, &reg, "NativeUSBEnabled", SC_CVER_31, "false", &ch,
					  &err),
			 0);
	assert_int_equal(ch.objects, 1);
	assert_true(ch.dry_run);
	assert_true(ch.n >= 1);
	assert_string_equal(ch.list[0].object, "vm 'vm1'");
	assert_string_equal(ch.list[0].field, "usb");
	assert_string_equal(ch.list[0].old, "native");
	assert_string_equal(ch.list[0].neu, "disabled");
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &cur, &err), 0);
	assert_int_equal(cur.usb, SC_USB_NATIVE);
	assert_string_equal(reg.values[nat][SC_CVER_31], before);
	struct sc_cluster cd, cd30;
	assert_int_equal(store_cluster_get(st, "c31", &cd, &err), 0);
	cd30 = cd;
	cd30.version = SC_CVER_30;
	assert_int_equal(store_cluster_update(st, &reg, &cd, &cd30, &ch, &err), 0);
	assert_int_equal(ch.objects, 1);
	assert_int_equal(store_cluster_get(st, "c31", &cd30, &err), 0);
	assert_int_equal(cd30.version, SC_CVER_31);
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &cur, &err), 0);
	assert_int_equal(cur.usb, SC_USB_NATIVE);
	store_changes_free(&ch);
	ch.dry_run = false;
	assert_int_equal(store_option_set(st, &reg, "NativeUSBEnabled", SC_CVER_31, "false", &ch,
					  &err),
			 0);
	assert_int_equal(ch.objects, 1);
	assert_non_null(strstr(ch.msgs.m[0].text, "vm 'vm1'"));
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &cur, &err), 0);
	assert_int_equal(cur.usb, SC_USB_DISABLED);
	assert_int_equal(store_option_set(st, &reg, "NativeUSBEnabled", SC_CVER_31, "true", NULL,
					  &err),
			 0);
	/* native again; then the cluster goes to 3.0, where native needs 3.1 */
	neu = cur;
	neu.usb = SC_USB_NATIVE;
	assert_int_equal(store_object_update(st, &cur, &neu, &err), 0);
	struct sc_cluster c, c30;
	assert_int_equal(store_cluster_get(st, "c31", &c, &err), 0);
	c30 = c;
	c30.version = SC_CVER_30;
	assert_int_equal(store_cluster_update(st, &reg, &c, &c30, &ch, &err), 0);
	assert_int_equal(ch.objects, 1);
	assert_non_null(strstr(ch.msgs.m[0].text, "3.1"));
	store_changes_free(&ch);
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &cur, &err), 0);
	assert_int_equal(cur.usb, SC_USB_DISABLED);
	store_close(st);
}

static void windowed_scan(void **state)
{
	(void)state;
	struct sc_store *st = fresh();
	struct sc_object o;
	struct sc_err err;
	seed(st, &o);
	for (int i = 0; i < 30; i++) {
		snprintf(o.name, sizeof o.name, "w%02d", i);
		o.uuid[0] = '\0';
		assert_int_equal(store_object_add(st, &o, &err), 0);
	}
	long n;
	assert_int_equal(store_count(st, SC_VM, NULL, &n, &err), 0);
	assert_int_equal(n, 31);
	assert_int_equal(store_count(st, SC_VM, "W1", &n, &err), 0);
	assert_int_equal(n, 10);
	store_close(st);
}

/* Another session changes an option after this one read them: what this
 * session writes is checked against the options as they are when it
 * writes, inside its transaction, whatever it read before. */
static void writes_check_rules_now(void **state)
{
	(void)state;
	struct sc_store *st = fresh(), *other;
	struct sc_object o, cur, neu;
	struct sc_err err;
	struct sc_ctx ctx;
	seed(st, &o); /* Windows7 on c31 (3.1); reg says native is allowed */
	assert_int_equal(store_open(path, &other, &err), 0);
	static struct sc_optreg r2;
	memcpy(&r2, &reg, sizeof r2);
	assert_int_equal(store_options_load(other, &r2, &err), 0);
	assert_int_equal(store_option_set(other, &r2, "NativeUSBEnabled", SC_CVER_31, "false", NULL,
					  &err),
			 0);
	assert_int_equal(store_option_set(other, &r2, "ValidNumOfMonitors", -1, "1", NULL, &err), 0);
	store_close(other);
	/* this session's copy still allows native and 2 monitors */
	assert_int_equal(store_ctx(st, &reg, "c31", &ctx, &err), 0);
	assert_true(ctx.site.native_usb_enabled);
	/* inside a write, the context is the stored one */
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_ctx(st, &reg, "c31", &ctx, &err), 0);
	assert_false(ctx.site.native_usb_enabled);
	assert_int_equal(ctx.site.monitors_mask, 1u << 1);
	store_rollback(st);
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &cur, &err), 0);
	neu = cur;
	neu.usb = SC_USB_NATIVE;
	assert_int_equal(store_object_update(st, &cur, &neu, &err), SC_EUSAGE);
	assert_non_null(strstr(err.msg, "vm 'vm1' not saved"));
	assert_non_null(strstr(err.msg, "site option NativeUSBEnabled"));
	neu = cur;
	neu.monitors = 2;
	assert_int_equal(store_object_update(st, &cur, &neu, &err), SC_EUSAGE);
	assert_non_null(strstr(err.msg, "ValidNumOfMonitors"));
	struct sc_object again;
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &again, &err), 0);
	assert_int_equal(again.rowver, cur.rowver);
	assert_int_equal(again.usb, SC_USB_DISABLED);
	assert_int_equal(again.monitors, 1);
	/* a new object too */
	o = cur;
	strcpy(o.name, "vm2");
	o.uuid[0] = '\0';
	o.usb = SC_USB_NATIVE;
	assert_int_equal(store_object_add(st, &o, &err), SC_EUSAGE);
	assert_int_equal(store_object_get(st, SC_VM, "vm2", &again, &err), SC_ENOTFOUND);
	/* an OVF import fits the file to the options as stored when it writes:
	 * native becomes disabled with the reason (SPEC §6), not native */
	struct sc_ctx allow;
	sc_ctx_init(&allow, &reg, SC_CVER_31);
	o.usb = SC_USB_NATIVE;
	size_t len;
	char *xml = ovf_write(&o, &allow, NULL, &len, &err), file[300];
	assert_non_null(xml);
	snprintf(file, sizeof file, "%s/vm2.ovf", dir);
	FILE *fp = fopen(file, "w");
	assert_non_null(fp);
	fwrite(xml, 1, len, fp);
	fclose(fp);
	free(xml);
	struct bulk_opts bo = {.cluster = "c31"};
	struct bulk_report rep;
	char *paths[] = {file};
	assert_int_equal(bulk_import(st, &reg, &bo, paths, 1, NULL, &rep, &err), 0);
	assert_int_equal(store_object_get(st, SC_VM, "vm2", &again, &err), 0);
	assert_int_equal(again.usb, SC_USB_DISABLED);
	assert_int_equal(rep.noted, 1); /* the file says what it changed */
	unlink(file);
	store_close(st);
}

static int64_t total_changes(struct sc_store *st)
{
	static const char SQL[] = "SELECT total_changes()";
	struct sc_err err;
	struct db_stmt *q = store_prep(st, SQL, &err);
	assert_non_null(q);
	assert_int_equal(db_step(q), DB_ROW);
	int64_t n = db_col_int64(q, 0);
	db_reset(q);
	return n;
}

static int count_audit_row(const struct store_audit *a, void *arg)
{
	(void)a;
	++*(long *)arg;
	return 0;
}

/* An import indexes its rows for the filter once, at the end of its
 * transaction: row by row, each insert statement made FTS5 write its
 * pending terms out as a segment and merge segments (about ten rows
 * written per object; about four when deferred).  The rows are found. */
static void import_defers_filter_index(void **state)
{
	(void)state;
	enum { NFILES = 80 };
	struct sc_store *st = fresh();
	struct sc_object o;
	struct sc_err err;
	struct sc_ctx ctx;
	seed(st, &o);
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	char sub[300], file[400];
	snprintf(sub, sizeof sub, "%s/imp", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	for (int i = 0; i < NFILES; i++) {
		snprintf(o.name, sizeof o.name, "imp-%03d", i);
		snprintf(o.uuid, sizeof o.uuid, "6d3c2b1a-0000-4000-8000-%012d", i);
		size_t len;
		char *xml = ovf_write(&o, &ctx, NULL, &len, &err);
		assert_non_null(xml);
		snprintf(file, sizeof file, "%s/%03d.ovf", sub, i);
		FILE *fp = fopen(file, "w");
		assert_non_null(fp);
		fwrite(xml, 1, len, fp);
		fclose(fp);
		free(xml);
	}
	struct bulk_opts bo = {.cluster = "c31"};
	struct bulk_report rep;
	char *paths[] = {sub};
	int64_t before = total_changes(st);
	assert_int_equal(bulk_import(st, &reg, &bo, paths, 1, NULL, &rep, &err), 0);
	assert_int_equal(rep.imported, NFILES);
	assert_int_equal(rep.noted, 0); /* our own files: nothing to say */
	int64_t written = total_changes(st) - before;
	if (written > 6 * NFILES)
		fail_msg("%lld rows written for %d objects", (long long)written, NFILES);
	/* and the statement journal of each insert (the pages it changed,
	 * for its own rollback) stays in memory rather than in a file */
	static const char SQL_TEMP[] = "PRAGMA temp_store";
	struct db_stmt *q = store_prep(st, SQL_TEMP, &err);
	assert_non_null(q);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int64(q, 0), 2); /* MEMORY */
	db_reset(q);
	long n;
	assert_int_equal(store_count(st, SC_VM, "imp-07", &n, &err), 0);
	assert_int_equal(n, 10);
	/* their audit rows too, from the log's index filled at the end */
	long rows = 0;
	assert_int_equal(store_audit_scan(st, "imp-07", 0, -1, count_audit_row, &rows, &err), 0);
	assert_true(rows >= 10);
	assert_int_equal(store_audit_count(st, "imp-07", &n, &err), 0);
	assert_int_equal(n, rows);
	for (int i = 0; i < NFILES; i++) {
		snprintf(file, sizeof file, "%s/%03d.ovf", sub, i);
		unlink(file);
	}
	rmdir(sub);
	store_close(st);
}

/* A count is kept while nobody writes and counted again after any write,
 * this session's (kept or rolled back) or another's. */
static void count_follows_writes(void **state)
{
	(void)state;
	struct sc_store *st = fresh(), *other;
	struct sc_object o, o2;
	struct sc_err err;
	long n;
	seed(st, &o);
	assert_int_equal(store_open(path, &other, &err), 0);
	store_set_actor(other, "bob");
	static struct sc_optreg reg2;
	memcpy(&reg2, &reg, sizeof reg2);
	assert_int_equal(store_options_load(other, &reg2, &err), 0);
	assert_int_equal(store_count(st, SC_VM, NULL, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_count(st, SC_VM, "vm", &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_count(st, SC_VM, "vm", &n, &err), 0); /* kept */
	assert_int_equal(n, 1);
	o2 = o;
	strcpy(o2.name, "vm2");
	o2.uuid[0] = '\0';
	assert_int_equal(store_object_add(other, &o2, &err), 0); /* another session */
	assert_int_equal(store_count(st, SC_VM, "vm", &n, &err), 0);
	assert_int_equal(n, 2);
	strcpy(o2.name, "vm3");
	o2.uuid[0] = '\0';
	assert_int_equal(store_object_add(st, &o2, &err), 0); /* this one */
	assert_int_equal(store_count(st, SC_VM, "vm", &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(store_begin(st, &err), 0); /* rolled back */
	assert_int_equal(store_object_rm(st, SC_VM, "vm3", &err), 0);
	assert_int_equal(store_count(st, SC_VM, "vm", &n, &err), 0);
	assert_int_equal(n, 2);
	store_rollback(st);
	assert_int_equal(store_count(st, SC_VM, "vm", &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(store_count(st, SC_VM, NULL, &n, &err), 0);
	assert_int_equal(n, 3);
	store_close(other);
	store_close(st);
}

/* Values written around spicecfg come back as their definitions allow. */
static void reads_back_within_definitions(void **state)
{
	(void)state;
	struct sc_store *st = fresh();
	struct sc_object o;
	struct sc_err err;
	struct sc_msgs notes;
	seed(st, &o);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE objects SET monitors = 9, usb = 'bogus', memory = -1;"
				      "INSERT INTO vdc_options VALUES ('NumberOfUSBSlots', '1000', "
				      "'general')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	store_take_notes(st, &notes); /* none before */
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &o, &err), 0);
	assert_int_equal(o.monitors, 1);
	assert_int_equal(o.usb, SC_USB_DISABLED);
	assert_int_equal(o.memory, 1024);
	assert_int_equal(store_take_notes(st, &notes), 3);
	assert_non_null(strstr(notes.m[0].text, "monitors '9'; valid: an integer 1..4"));
	/* read twice, said once */
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &o, &err), 0);
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &o, &err), 0);
	assert_int_equal(store_take_notes(st, &notes), 3);
	static struct sc_optreg r2;
	memcpy(&r2, &reg, sizeof r2);
	assert_int_equal(store_options_load(st, &r2, &err), 0);
	assert_string_equal(sc_opt_get(&r2, "NumberOfUSBSlots", SC_CVER_31), "4");
	assert_int_equal(store_take_notes(st, &notes), 1);
	assert_non_null(strstr(notes.m[0].text, "'1000' for NumberOfUSBSlots"));
	assert_non_null(strstr(notes.m[0].text, "0..6"));
	store_close(st);
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	if (!mkdtemp(dir))
		return -1;
	return config_load_optdefs(&reg, NULL, &err);
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

/* Hosts, the vms linked to their domains, and the host's capabilities as
 * rules inside every write (SPEC §10). */
static void hosts_links_and_capabilities(void **state)
{
	(void)state;
	struct sc_store *st = fresh();
	struct sc_object o, neu, got;
	struct sc_err err;
	seed(st, &o);
	struct sc_host h = {0}, h2;
	strcpy(h.name, "kvm1");
	strcpy(h.uri, "qemu:///system");
	strcpy(h.cluster, "nope");
	assert_int_equal(store_host_add(st, &h, &err), SC_ENOTFOUND);
	strcpy(h.cluster, "c31");
	assert_int_equal(store_host_add(st, &h, &err), 0);
	assert_int_equal(store_host_add(st, &h, &err), SC_EEXIST);
	assert_int_equal(store_host_get(st, "kvm1", &h2, &err), 0);
	assert_string_equal(h2.uri, "qemu:///system");
	assert_string_equal(h2.caps_at, "");
	assert_int_equal(store_host_get(st, "kvm9", &h2, &err), SC_ENOTFOUND);
	assert_non_null(strstr(err.msg, "host 'kvm9' does not exist"));

	/* a QEMU without SPICE: pull cannot create a SPICE vm on it */
	static const char NO_SPICE[] =
		"<domainCapabilities><devices><graphics supported='yes'><enum name='type'>"
		"<value>vnc</value></enum></graphics></devices></domainCapabilities>";
	assert_int_equal(store_host_set_caps(st, "kvm1", "QEMU 8.2.0", NO_SPICE, &err), 0);
	assert_int_equal(store_host_get(st, "kvm1", &h2, &err), 0);
	assert_string_equal(h2.hypervisor, "QEMU 8.2.0");
	assert_true(h2.caps_at[0]);
	neu = o;
	neu.id = 0;
	strcpy(neu.name, "web01");
	neu.uuid[0] = '\0';
	assert_int_equal(store_pull_write(st, "kvm1", "0000-d1", NULL, &neu, &err), SC_EUSAGE);
	assert_non_null(strstr(err.msg, "host kvm1 cannot run SPICE: its QEMU has no spice "
				"graphics"));
	assert_int_equal(store_object_get(st, SC_VM, "web01", &got, &err), SC_ENOTFOUND);
	neu.display = SC_DISPLAY_VNC;
	neu.usb = SC_USB_DISABLED;
	neu.smartcard = false;
	neu.wan = false;
	assert_int_equal(store_pull_write(st, "kvm1", "0000-d1", NULL, &neu, &err), 0);

	struct store_link l;
	assert_int_equal(store_object_get(st, SC_VM, "web01", &got, &err), 0);
	assert_int_equal(store_link_get(st, got.id, &l, &err), 0);
	assert_string_equal(l.host, "kvm1");
	assert_string_equal(l.domain, "0000-d1");
	assert_false(l.pending);
	assert_int_equal(store_link_get(st, o.id, &l, &err), SC_ENOTFOUND);

	/* the linked vm cannot be set to SPICE; an unlinked one can */
	neu = got;
	neu.display = SC_DISPLAY_SPICE;
	assert_int_equal(store_object_update(st, &got, &neu, &err), SC_EUSAGE);
	assert_non_null(strstr(err.msg, "host kvm1 cannot run SPICE"));
	struct sc_ctx ctx;
	assert_int_equal(store_object_ctx(st, &reg, &got, &ctx, &err), 0);
	assert_true(ctx.host.linked && ctx.host.no_spice && !ctx.host.no_qxl);
	assert_int_equal(store_object_ctx(st, &reg, &o, &ctx, &err), 0);
	assert_false(ctx.host.linked);

	/* the same domain cannot be linked to a second vm */
	struct sc_object other;
	assert_int_equal(store_object_get(st, SC_VM, "vm1", &other, &err), 0);
	neu = other;
	neu.display = SC_DISPLAY_VNC;
	neu.usb = SC_USB_DISABLED;
	neu.wan = neu.smartcard = false;
	assert_int_equal(store_pull_write(st, "kvm1", "0000-d1", &other, &neu, &err), SC_EEXIST);
	assert_int_equal(store_link_get(st, other.id, &l, &err), SC_ENOTFOUND);

	assert_int_equal(store_link_set_pending(st, got.id, true, &err), 0);
	assert_int_equal(store_link_get(st, got.id, &l, &err), 0);
	assert_true(l.pending);

	/* a host with linked vms stays unless asked to unlink them */
	long n;
	assert_int_equal(store_host_rm(st, "kvm1", false, &n, &err), SC_ERUNTIME);
	assert_non_null(strstr(err.msg, "linked to 1 vms (e.g. vm 'web01')"));
	assert_int_equal(store_host_get(st, "kvm1", &h2, &err), 0);
	assert_int_equal(h2.links, 1);
	assert_int_equal(store_host_rm(st, "kvm1", true, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_object_get(st, SC_VM, "web01", &got, &err), 0);
	assert_int_equal(store_link_get(st, got.id, &l, &err), SC_ENOTFOUND);

	/* removing a linked vm takes its link along */
	assert_int_equal(store_host_add(st, &h, &err), 0);
	neu = got;
	assert_int_equal(store_pull_write(st, "kvm1", "0000-d1", &got, &neu, &err), 0);
	assert_int_equal(store_object_rm(st, SC_VM, "web01", &err), 0);
	assert_int_equal(store_host_rm(st, "kvm1", false, &n, &err), 0);
	long audits;
	assert_int_equal(store_audit_count(st, "host:kvm1", &audits, &err), 0);
	assert_true(audits >= 5);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creates_0600_with_schema), cmocka_unit_test(migrates_forward),
		cmocka_unit_test(upgrades_to_names_index),
		cmocka_unit_test(upgrades_audit_index),
		cmocka_unit_test(refuses_foreign_files),
		cmocka_unit_test(conflict_and_audit),       cmocka_unit_test(rollback_leaves_nothing),
		cmocka_unit_test(drafts),                   cmocka_unit_test(options_roundtrip),
		cmocka_unit_test(changes_reconcile),  cmocka_unit_test(windowed_scan),
		cmocka_unit_test(writes_check_rules_now),
		cmocka_unit_test(hosts_links_and_capabilities),
		cmocka_unit_test(reads_back_within_definitions),
		cmocka_unit_test(import_defers_filter_index),
		cmocka_unit_test(count_follows_writes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
