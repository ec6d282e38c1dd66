/* Keyset paging: pages sought from the key of the row before them are the
 * pages OFFSET reads, for every sort order and both directions, on a random
 * store (duplicate sort values, names that differ only in case, UTF-8
 * text), also when another session changes rows between two pages.  On
 * SQLite, and on PostgreSQL when SPICECFG_TEST_PG names a test server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/demo.h"
#include "model/field.h"
#include "store/config.h"
#include "store/store.h"
#include "tests/unit/both_stores.h"

enum { NVMS = 240, PAGE = 7, MAXROWS = NVMS + 16 };

static unsigned seed = 20261201;

struct names {
	int n;
	char name[MAXROWS][SC_NAME_MAX + 1];
	struct store_key key[MAXROWS];
};

static int add_name(const struct sc_object *o, const struct store_key *k, void *arg)
{
	struct names *l = arg;
	assert_true(l->n < MAXROWS);
	assert_string_equal(k->name, o->name);
	sc_strlcpy(l->name[l->n], o->name, sizeof l->name[0]);
	l->key[l->n++] = *k;
	return 0;
}

static void seek(struct sc_store *st, const char *filter, int f, bool desc,
		 const struct store_key *key, bool at, long off, long lim, struct names *out)
{
	struct sc_err err;
	struct store_seek sk = {.desc = desc, .key = key, .at = at, .offset = off};
	out->n = 0;
	if (store_object_seek(st, SC_VM, filter, f, &sk, lim, add_name, out, &err))
		fail_msg("%s", err.msg);
}

static void add_vm(struct sc_store *st, const char *name)
{
	static const char *const descs[] = {"", "web", "Web", "café", "日本語のVM", "z"};
	static const char *const clusters[] = {"c30", "c31", "C31"};
	static const char *const tmpls[] = {"", "", "tA", "tb"};
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_err err;
	int c = rand_r(&seed) % 3;
	assert_int_equal(store_ctx(st, &reg, clusters[c], &ctx, &err), 0);
	sc_object_defaults(&o, SC_VM, &ctx);
	sc_strlcpy(o.name, name, sizeof o.name);
	sc_strlcpy(o.cluster, clusters[c], sizeof o.cluster);
	sc_strlcpy(o.tmpl, tmpls[rand_r(&seed) % 4], sizeof o.tmpl);
	sc_strlcpy(o.description, descs[rand_r(&seed) % 6], sizeof o.description);
	o.os = (enum sc_os)(rand_r(&seed) % 5);
	o.memory = 512 * (1 + rand_r(&seed) % 3);
	o.cpus = 1 + rand_r(&seed) % 2;
	o.display = (enum sc_display)(rand_r(&seed) % 2);
	o.usb = (enum sc_usb)(rand_r(&seed) % 3);
	sc_demo_fit(&o, &ctx);
	if (store_object_add(st, &o, &err))
		fail_msg("%s: %s", name, err.msg);
}

static void populate(struct sc_store *st)
{
	struct sc_err err;
	static const char *const cl[][2] = {{"c30", "3.0"}, {"c31", "3.1"}, {"C31", "3.1"}};
	for (int i = 0; i < 3; i++) {
		struct sc_cluster c = {.version = (enum sc_cver)sc_cver_parse(cl[i][1])};
		strcpy(c.name, cl[i][0]);
		assert_int_equal(store_cluster_add(st, &c, &err), 0);
	}
	static const char *const tn[] = {"tA", "tb"};
	for (int i = 0; i < 2; i++) {
		struct sc_object t;
		struct sc_ctx ctx;
		assert_int_equal(store_ctx(st, &reg, "c31", &ctx, &err), 0);
		sc_object_defaults(&t, SC_TEMPLATE, &ctx);
		strcpy(t.name, tn[i]);
		strcpy(t.cluster, "c31");
		assert_int_equal(store_object_add(st, &t, &err), 0);
	}
	char name[SC_NAME_MAX + 1];
	for (int i = 0; i < NVMS; i++) {
		/* pairs that differ only in case, and a few odd characters */
		snprintf(name, sizeof name, "%s%d%s", i % 2 ? "Vm" : "vM", i / 2,
			 i % 7 == 0 ? "._-" : "");
		add_vm(st, name); /* each its own write, with its audit row */
	}
}

/* Walks the whole order by keys in pages of PAGE, forwards and backwards,
 * and compares every page with the page at the same OFFSET. */
static void walk(struct sc_store *st, const char *filter, int f, bool desc)
{
	static struct names all, page, off, back;
	seek(st, filter, f, desc, NULL, false, 0, -1, &all);
	assert_true(all.n > 0);
	if (filter) { /* every row that holds it, as the count finds them */
		long n = -1;
		struct sc_err err;
		assert_int_equal(store_count(st, SC_VM, filter, &n, &err), 0);
		if (n != all.n)
			fail_msg("field %d%s filter %s: %d rows listed, %ld counted", f,
				 desc ? " desc" : "", filter, all.n, n);
	}
	const struct store_key *key = NULL;
	int at = 0;
	for (;;) {
		seek(st, filter, f, desc, key, false, 0, PAGE, &page);
		seek(st, filter, f, desc, NULL, false, at, PAGE, &off);
		assert_int_equal(page.n, off.n);
		for (int i = 0; i < page.n; i++) {
			assert_string_equal(page.name[i], off.name[i]);
			assert_string_equal(page.name[i], all.name[at + i]);
		}
		if (page.n < PAGE)
			break;
		at += page.n;
		key = &all.key[at - 1];
	}
	assert_int_equal(at + page.n, all.n);
	/* backwards from the end: the reverse scan, nearest row first */
	key = NULL;
	at = all.n;
	while (at > 0) {
		seek(st, filter, f, !desc, key, false, 0, PAGE, &back);
		int want = at < PAGE ? at : PAGE;
		assert_int_equal(back.n, want);
		for (int i = 0; i < back.n; i++)
			assert_string_equal(back.name[i], all.name[at - 1 - i]);
		at -= back.n;
		key = &all.key[at];
	}
	/* the position of every row's key is its index in the order */
	for (int i = 0; i < all.n; i += 1 + i % 5) {
		long r = -1;
		struct sc_err err;
		if (store_object_rank(st, SC_VM, filter, f, desc, &all.key[i], &r, &err))
			fail_msg("%s", err.msg);
		if (r != i)
			fail_msg("field %d%s filter %s: row %d '%s' ranked %ld", f, desc ? " desc" : "",
				 filter ? filter : "-", i, all.name[i], r);
	}
	/* at the key: the row itself first */
	int mid = all.n / 2;
	seek(st, filter, f, desc, &all.key[mid], true, 0, 2, &page);
	assert_string_equal(page.name[0], all.name[mid]);
}

/* A short filter (at the start of a name, OS or cluster) that more rows
 * hold than the ids kept, in the order of the OS: a row whose name starts
 * with it and whose OS sorts before every OS that does; on PostgreSQL the
 * page starts with a range of OS values, not at the first row. */
static void short_by_os(struct sc_store *st)
{
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_err err;
	assert_int_equal(store_ctx(st, &reg, "c31", &ctx, &err), 0);
	sc_object_defaults(&o, SC_VM, &ctx);
	strcpy(o.name, "Wi-unassigned");
	strcpy(o.cluster, "c31");
	o.os = SC_OS_UNASSIGNED;
	sc_demo_fit(&o, &ctx);
	assert_int_equal(store_object_add(st, &o, &err), 0);
	store_filter_by_id_max(3);
	static const char *const filters[] = {"w", "WI", "u", "vM"};
	for (int d = 0; d < 2; d++)
		for (size_t i = 0; i < sizeof filters / sizeof *filters; i++)
			walk(st, filters[i], SC_F_OS, d);
	char plan[8192];
	if (store_filter_plan_pg(st, SC_VM, "wi", plan, sizeof plan) == 0) {
		const char *by = strstr(plan, "-- page by OS\n");
		if (!by || !strstr(by, "os >= 'Unassigned'") || !strstr(by, "os <= 'Windows"))
			fail_msg("'wi' by OS reads past the OS that hold it:\n%s", plan);
	}
	store_filter_by_id_max(1001);
	assert_int_equal(store_object_rm(st, SC_VM, "Wi-unassigned", &err), 0);
}

static void every_order(struct sc_store *st)
{
	for (int f = 0; f < SC_F_COUNT; f++) {
		if (!sc_field_info(f)->sortable)
			continue;
		for (int d = 0; d < 2; d++) {
			walk(st, NULL, f, d);
			walk(st, "vm1", f, d);
			walk(st, "c3", f, d);
		}
	}
	/* an OS that more rows hold than the ids kept, read in the order of
	 * the OS from the first and last OS that hold it, and a row whose name
	 * holds it with an OS that sorts before them all */
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_err err;
	assert_int_equal(store_ctx(st, &reg, "c31", &ctx, &err), 0);
	sc_object_defaults(&o, SC_VM, &ctx);
	strcpy(o.name, "a-WINDOWS-X64");
	strcpy(o.cluster, "c31");
	o.os = SC_OS_UNASSIGNED;
	sc_demo_fit(&o, &ctx);
	assert_int_equal(store_object_add(st, &o, &err), 0);
	store_filter_by_id_max(3);
	for (int d = 0; d < 2; d++) {
		walk(st, "windows", SC_F_OS, d);
		walk(st, "x64", SC_F_OS, d);
		walk(st, "x64", SC_F_NAME, d);
	}
	store_filter_by_id_max(1001);
	assert_int_equal(store_object_rm(st, SC_VM, "a-WINDOWS-X64", &err), 0);
	short_by_os(st);
}

/* Another session deletes and adds rows between two pages: the next page
 * starts right after the last row shown, in the order as it is now. */
static void changed_between_pages(struct sc_store *st, struct sc_store *other)
{
	static struct names all, page, now;
	struct sc_err err;
	const int f = SC_F_OS;
	seek(st, NULL, f, false, NULL, false, 0, -1, &all);
	struct store_key last = all.key[PAGE - 1];
	assert_int_equal(store_object_rm(other, SC_VM, all.name[PAGE], &err), 0);
	assert_int_equal(store_object_rm(other, SC_VM, all.name[PAGE + 3], &err), 0);
	add_vm(other, "aaa-new");
	add_vm(other, "AAA-new");
	seek(st, NULL, f, false, &last, false, 0, PAGE, &page);
	seek(st, NULL, f, false, NULL, false, 0, -1, &now);
	int i = 0;
	while (i < now.n && strcmp(now.name[i], last.name))
		i++;
	assert_true(i < now.n);
	for (int k = 0; k < page.n; k++)
		assert_string_equal(page.name[k], now.name[i + 1 + k]);
	/* the key's position in the order as it is now */
	long r;
	assert_int_equal(store_object_rank(st, SC_VM, NULL, f, false, &last, &r, &err), 0);
	assert_int_equal(r, i);
	/* a key whose row is gone still has a place: the rows before it */
	assert_int_equal(store_object_rank(st, SC_VM, NULL, f, false, &all.key[PAGE], &r, &err), 0);
	assert_int_equal(r, i + 1);
}

struct ids {
	int n;
	int64_t id[4 * MAXROWS];
};

static int add_id(const struct store_audit *a, void *arg)
{
	struct ids *l = arg;
	assert_true(l->n < 4 * MAXROWS);
	l->id[l->n++] = a->id;
	return 0;
}

/* The history pages the same way: by id, newest first. */
static void audit_walk(struct sc_store *st, const char *filter)
{
	static struct ids all, page, off;
	struct sc_err err;
	all.n = 0;
	assert_int_equal(store_audit_scan(st, filter, 0, -1, add_id, &all, &err), 0);
	assert_true(all.n > PAGE);
	struct store_key key;
	struct store_seek sk = {0};
	int at = 0;
	for (;;) {
		page.n = off.n = 0;
		assert_int_equal(store_audit_seek(st, filter, &sk, PAGE, add_id, &page, &err), 0);
		assert_int_equal(store_audit_scan(st, filter, at, PAGE, add_id, &off, &err), 0);
		assert_int_equal(page.n, off.n);
		for (int i = 0; i < page.n; i++) {
			assert_int_equal(page.id[i], off.id[i]);
			assert_int_equal(page.id[i], all.id[at + i]);
		}
		if (page.n < PAGE)
			break;
		at += page.n;
		key.num = all.id[at - 1];
		sk.key = &key;
	}
	/* a row's place (History keeps it under other sessions' writes), and
	 * a page from an offset (a jump) */
	for (int i = 0; i < all.n; i += 3) {
		long r;
		assert_int_equal(store_audit_rank(st, filter, false, all.id[i], &r, &err), 0);
		assert_int_equal(r, i);
		assert_int_equal(store_audit_rank(st, filter, true, all.id[i], &r, &err), 0);
		assert_int_equal(r, all.n - 1 - i);
		page.n = 0;
		sk = (struct store_seek){.offset = i};
		assert_int_equal(store_audit_seek(st, filter, &sk, PAGE, add_id, &page, &err), 0);
		for (int k = 0; k < page.n; k++)
			assert_int_equal(page.id[k], all.id[i + k]);
		assert_int_equal(page.n, all.n - i < PAGE ? all.n - i : PAGE);
	}
	/* a row gone still has a place: the newer rows */
	long r;
	assert_int_equal(store_audit_rank(st, filter, false, all.id[0] + 1, &r, &err), 0);
	assert_int_equal(r, 0);
	assert_int_equal(store_audit_rank(st, filter, true, all.id[0] + 1, &r, &err), 0);
	assert_int_equal(r, all.n);
	/* backwards from the oldest row */
	sk = (struct store_seek){.desc = true};
	at = all.n;
	while (at > 0) {
		page.n = 0;
		assert_int_equal(store_audit_seek(st, filter, &sk, PAGE, add_id, &page, &err), 0);
		assert_int_equal(page.n, at < PAGE ? at : PAGE);
		for (int i = 0; i < page.n; i++)
			assert_true(page.id[i] == all.id[at - 1 - i]);
		at -= page.n;
		key.num = all.id[at];
		sk.key = &key;
	}
}

/* The log's count and the places counted from its far end follow another
 * session's writes: each call asks the store as it stands, though the
 * count is kept between them. */
static void audit_count_follows(struct sc_store *st, struct sc_store *other)
{
	struct sc_err err;
	long n0, n1, r;
	static struct ids all;
	for (int k = 0; k < 2; k++) {
		const char *filter = k ? "vm1" : NULL;
		assert_int_equal(store_audit_count(st, filter, &n0, &err), 0);
		assert_int_equal(store_audit_count(st, filter, &n1, &err), 0);
		assert_int_equal(n1, n0);
		assert_int_equal(store_audit_note(other, "vm:vm1-note", "description", "a", "b", &err),
				 0);
		assert_int_equal(store_audit_count(st, filter, &n1, &err), 0);
		assert_int_equal(n1, n0 + 1);
		all.n = 0;
		assert_int_equal(store_audit_scan(st, filter, 0, -1, add_id, &all, &err), 0);
		assert_int_equal(all.n, n1);
		/* the oldest row (counted from the far end): every newer one */
		assert_int_equal(store_audit_rank(st, filter, false, all.id[all.n - 1], &r, &err), 0);
		assert_int_equal(r, n1 - 1);
		assert_int_equal(store_audit_rank(st, filter, true, all.id[0], &r, &err), 0);
		assert_int_equal(r, n1 - 1);
	}
}

static struct sc_store *open_store(void)
{
	struct sc_store *st;
	struct sc_err err;
	if (store_open(target, &st, &err))
		fail_msg("%s", err.msg);
	store_set_actor(st, "alice");
	if (store_options_load(st, &reg, &err))
		fail_msg("%s", err.msg);
	return st;
}

typedef int plan_fn(struct sc_store *, int, bool, bool, char *, size_t);

/* SQLite: each order's statements (both directions, from the start and
 * after a key) as plan_of gives them sort no rows, and, with
 * need_index, read an index; PostgreSQL has no plans to check. */
static void plans_use_indexes(struct sc_store *st, plan_fn *plan_of, const char *what,
			      bool need_index)
{
	char plan[4096];
	for (int f = 0; f < SC_F_COUNT; f++) {
		if (!sc_field_info(f)->sortable)
			continue;
		for (int d = 0; d < 2; d++)
			for (int a = 0; a < 2; a++) {
				if (plan_of(st, f, d, a, plan, sizeof plan))
					return; /* PostgreSQL */
				assert_true(plan[0]);
				if (strstr(plan, "TEMP B-TREE") || (need_index && !strstr(plan, "INDEX")))
					fail_msg("%s %s%s%s sorts or scans:\n%s", what,
						 sc_field_info(f)->key, d ? " desc" : "",
						 a ? " after a key" : "", plan);
			}
	}
}

/* Every order's page is read along an index, none sorts the rows (the
 * Template order, in its two parts, too). */
static void orders_use_indexes(struct sc_store *st)
{
	plans_use_indexes(st, store_seek_plan, "the order by", false);
}

/* Quick search: the first row of each order (and filter) whose name
 * starts with a prefix in any case, and from each such row the next one,
 * are those a walk over every row finds. */
static bool starts_ci(const char *name, const char *p)
{
	for (; *p; p++, name++)
		if (!*name || (*name | 32) != (*p | 32))
			return false;
	return true;
}

static void find_all(struct sc_store *st, const char *filter, int f, bool desc, const char *p)
{
	static struct names all;
	struct sc_err err;
	seek(st, filter, f, desc, NULL, false, 0, -1, &all);
	const struct store_key *after = NULL;
	struct store_key got;
	int i = 0;
	for (int steps = 0; steps < 3; steps++, i++) { /* the first, then the next ones */
		while (i < all.n && !starts_ci(all.name[i], p))
			i++;
		bool found = true;
		if (store_object_find(st, SC_VM, filter, f, desc, p, after, &got, &found, &err))
			fail_msg("%s", err.msg);
		if (i == all.n) {
			if (found)
				fail_msg("%s %s%s: found %s after the last match", p,
					 sc_field_info(f)->key, desc ? " desc" : "", got.name);
			break;
		}
		if (!found || strcmp(got.name, all.name[i]))
			fail_msg("%s %s%s filter %s: %s, not %s", p, sc_field_info(f)->key,
				 desc ? " desc" : "", filter ? filter : "-", found ? got.name : "none",
				 all.name[i]);
		after = &all.key[i];
	}
}

static void quick_search(struct sc_store *st)
{
	static const char *const prefixes[] = {"vm1",      "VM2", "V",	   "vM0._",
					       "vm119",    "x",   "vm1\xc3\xa9", "vM119._-",
					       "vm11_"};
	static const char *const filters[] = {NULL, "c3", "Vm3"};
	/* every case of a prefix, the largest and the smallest spelling too */
	static const char *const more[] = {"vm1", "vm1z", "VM1", "vm119", "VM119._-a", "vm11_b"};
	for (size_t i = 0; i < sizeof more / sizeof *more; i++)
		add_vm(st, more[i]);
	for (int f = 0; f < SC_F_COUNT; f++) {
		if (!sc_field_info(f)->sortable)
			continue;
		for (int d = 0; d < 2; d++)
			for (size_t p = 0; p < sizeof prefixes / sizeof *prefixes; p++)
				for (size_t x = 0; x < sizeof filters / sizeof *filters; x++)
					find_all(st, filters[x], f, d, prefixes[p]);
	}
	/* the name order's seeks, and each order's walk, read an index */
	plans_use_indexes(st, store_find_plan, "quick search in", true);
}

static void keyset_equals_offset(void **state)
{
	(void)state;
	struct sc_store *st = open_store(), *other = open_store();
	populate(st);
	every_order(st);
	changed_between_pages(st, other);
	orders_use_indexes(st);
	quick_search(st);
	audit_walk(st, NULL);
	audit_walk(st, "vm1");
	audit_count_follows(st, other);
	store_close(other);
	store_close(st);
}

static int setup(void **state)
{
	(void)state;
	return both_setup("spicecfg_keyset", "k.db");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keyset_equals_offset),
	};
	return cmocka_run_group_tests(tests, setup, both_teardown);
}
