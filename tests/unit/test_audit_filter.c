/* History's filter answered from the audit log's indexes (the objects'
 * trigram index, the users' and fields' values) gives exactly the rows of
 * the plain scan (store_audit_scan: a case-insensitive substring of
 * object, user or field, LIKE's special characters literal), in the same
 * order, counted the same, with the same places, paged by key the same,
 * for many random filters (short and long, UTF-8, '%', '_', '\\', '"') on
 * a random log, read by id (few rows) and along the log (many), also after
 * rows are added by another session.  On SQLite, and on PostgreSQL when
 * SPICECFG_TEST_PG names a test server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/config.h"
#include "store/store.h"
#include "tests/unit/both_stores.h"

enum { NROWS = 400, MAXROWS = NROWS + 64, PAGE = 7, NFILTERS = 120 };

static unsigned seed = 20261202;

/* few letters, so that random filters find rows; an e with an acute */
static const char *const PIECES[] = {"a", "b", "A", "B", "0", "1", "-", ":", "_", "%",
				     "\\", "\"", "x", "X", "\xc3\xa9", "\xc3\x89"};
enum { NPIECES = sizeof PIECES / sizeof *PIECES };

static void rnd_text(char *buf, size_t n, int len)
{
	buf[0] = '\0';
	for (int i = 0; i < len; i++)
		strncat(buf, PIECES[rand_r(&seed) % NPIECES], n - strlen(buf) - 1);
}

static const char *const WHO[] = {"alice", "Bob", "carol-x", "dave\xc3\xa9"};
static const char *const FIELDS[] = {"usb", "monitors", "*", "desc_ab", "ab%1", "name"};

static void add_rows(struct sc_store *st, int n)
{
	struct sc_err err;
	char obj[64], who[64];
	for (int i = 0; i < n; i++) {
		/* most objects long and alike, a few short or rare */
		char t[32];
		rnd_text(t, sizeof t, 1 + rand_r(&seed) % 6);
		snprintf(obj, sizeof obj, "%s:%s", rand_r(&seed) % 2 ? "vm" : "Host", t);
		sc_strlcpy(who, WHO[rand_r(&seed) % 4], sizeof who);
		store_set_actor(st, who);
		if (store_audit_note(st, obj, FIELDS[rand_r(&seed) % 6], "a", "b", &err))
			fail_msg("%s", err.msg);
	}
}

struct ids {
	int n;
	int64_t id[MAXROWS];
};

static int add_id(const struct store_audit *a, void *arg)
{
	struct ids *l = arg;
	assert_true(l->n < MAXROWS);
	l->id[l->n++] = a->id;
	return 0;
}

/* The filter's rows by every way History reads them, against the scan. */
static void same_as_scan(struct sc_store *st, const char *filter)
{
	static struct ids all, page;
	struct sc_err err;
	all.n = 0;
	if (store_audit_scan(st, filter, 0, -1, add_id, &all, &err))
		fail_msg("filter '%s': %s", filter, err.msg);
	long n;
	bool more;
	assert_int_equal(store_audit_count(st, filter, &n, &err), 0);
	if (n != all.n)
		fail_msg("filter '%s': count %ld, the scan %d", filter, n, all.n);
	/* exact, or "5 or more" when there are more */
	assert_int_equal(store_audit_count_upto(st, filter, 5, &n, &more, &err), 0);
	assert_int_equal(n, more ? 5 : all.n);
	assert_true(!more || all.n > 5);
	assert_int_equal(store_audit_count_upto(st, filter, 1000, &n, &more, &err), 0);
	assert_int_equal(n, all.n);
	assert_false(more);
	/* newest first, page by page from the key of the row before */
	struct store_key key;
	struct store_seek sk = {0};
	int at = 0;
	do {
		page.n = 0;
		assert_int_equal(store_audit_seek(st, filter, &sk, PAGE, add_id, &page, &err), 0);
		for (int i = 0; i < page.n; i++)
			if (at + i >= all.n || page.id[i] != all.id[at + i])
				fail_msg("filter '%s': row %d differs from the scan's", filter,
					 at + i);
		at += page.n;
		if (page.n) {
			key.num = all.id[at - 1];
			sk.key = &key;
		}
	} while (page.n == PAGE);
	assert_int_equal(at, all.n);
	/* oldest first, from the oldest */
	page.n = 0;
	sk = (struct store_seek){.desc = true};
	assert_int_equal(store_audit_seek(st, filter, &sk, PAGE, add_id, &page, &err), 0);
	assert_int_equal(page.n, all.n < PAGE ? all.n : PAGE);
	for (int i = 0; i < page.n; i++)
		assert_true(page.id[i] == all.id[all.n - 1 - i]);
	/* each row's place both ways, from it on (sk.at), and a jump */
	for (int i = 0; i < all.n; i += 2) {
		long r;
		assert_int_equal(store_audit_rank(st, filter, false, all.id[i], &r, &err), 0);
		assert_int_equal(r, i);
		assert_int_equal(store_audit_rank(st, filter, true, all.id[i], &r, &err), 0);
		assert_int_equal(r, all.n - 1 - i);
		page.n = 0;
		key.num = all.id[i];
		sk = (struct store_seek){.key = &key, .at = true};
		assert_int_equal(store_audit_seek(st, filter, &sk, 1, add_id, &page, &err), 0);
		assert_int_equal(page.n, 1);
		assert_true(page.id[0] == all.id[i]);
		page.n = 0;
		sk = (struct store_seek){.offset = i};
		assert_int_equal(store_audit_seek(st, filter, &sk, 1, add_id, &page, &err), 0);
		assert_true(page.n == 1 && page.id[0] == all.id[i]);
	}
}

static struct sc_store *open_store(void)
{
	struct sc_store *st;
	struct sc_err err;
	if (store_open(target, &st, &err))
		fail_msg("%s", err.msg);
	return st;
}

static void random_filters(struct sc_store *st)
{
	static const char *const fixed[] = {"ali",  "ALI",	   "bob",     "b",	  "usb",
					    "%1",   "c_ab",   "_",	   "\\",      "vm:",  "host:",
					    "\xc3\xa9", "e\xcc\x81", "RoL-X", "\"a\"", "de\xc3\xa9",
					    "a%b", "ab%1", "mon"};
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		same_as_scan(st, fixed[i]);
	char f[64];
	for (int i = 0; i < NFILTERS; i++) {
		rnd_text(f, sizeof f, 1 + rand_r(&seed) % 5);
		same_as_scan(st, f);
	}
}

/* A filter typed a character at a time (each one narrows the last: the
 * rows found before are read again instead of the indexes), at UTF-8
 * character boundaries. */
static void typed(struct sc_store *st, const char *text)
{
	char f[64];
	for (size_t k = 1; k <= strlen(text) && k < sizeof f; k++) {
		if (((unsigned char)text[k] & 0xc0) == 0x80)
			continue;
		memcpy(f, text, k);
		f[k] = '\0';
		same_as_scan(st, f);
	}
}

static void audit_filter_equals_scan(void **state)
{
	(void)state;
	struct sc_store *st = open_store(), *other = open_store();
	add_rows(st, NROWS);
	/* read by id (the default limit), then along the log for most */
	random_filters(st);
	store_filter_by_id_max(6);
	random_filters(st);
	store_filter_by_id_max(1001);
	/* rows another session adds are found at once */
	long before, after;
	struct sc_err err;
	assert_int_equal(store_audit_count(st, "zq\xc3\xa9zq", &before, &err), 0);
	store_set_actor(other, "zed");
	assert_int_equal(store_audit_note(other, "vm:zq\xc3\xa9zq", "usb", "a", "b", &err), 0);
	assert_int_equal(store_audit_count(st, "zq\xc3\xa9zq", &after, &err), 0);
	assert_int_equal(after, before + 1);
	add_rows(other, 40);
	random_filters(st);
	static const char *const texts[] = {"vm:a", "HOST:A-", "alice", "desc_ab", "carol-x",
					    "dave\xc3\xa9", "vm:\xc3\xa9" "a", "Bo"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		typed(st, texts[i]);
	/* a row written between two characters is among the second's */
	same_as_scan(st, "ali");
	store_set_actor(other, "alice");
	assert_int_equal(store_audit_note(other, "vm:late", "usb", "a", "b", &err), 0);
	same_as_scan(st, "alic");
	/* and typed without the limit's room: the indexes each time */
	store_filter_by_id_max(6);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		typed(st, texts[i]);
	store_filter_by_id_max(1001);
	store_close(other);
	store_close(st);
}

/* A filter of an object is answered from the indexes: no statement of
 * its probe, page or count walks the log. */
static void filter_reads_indexes(void **state)
{
	(void)state;
	struct sc_store *st = open_store();
	add_rows(st, 50);
	char plan[8192];
	assert_int_equal(store_audit_plan(st, "vm:a", plan, sizeof plan), 0);
	if (!getenv("SPICECFG_TEST_PG") || !*getenv("SPICECFG_TEST_PG")) {
		assert_non_null(strstr(plan, "audit_fts"));
		for (char *l = plan; *l; l = strchr(l, '\n') + 1)
			if (!strncmp(l, "SCAN audit\n", 11))
				fail_msg("a statement walks the log:\n%s", plan);
	} else {
		assert_non_null(strstr(plan, "audit_who"));
	}
	store_close(st);
}

static int setup(void **state)
{
	(void)state;
	return both_setup("spicecfg_audit_filter", "a.db");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(audit_filter_equals_scan),
		cmocka_unit_test(filter_reads_indexes),
	};
	return cmocka_run_group_tests(tests, setup, both_teardown);
}
