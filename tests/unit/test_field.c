/* The field table: every row is complete, and everything that reads the
 * table (text form, defaults, inheritance, list columns, the store's
 * columns) works for every row without naming it.  A new row is covered
 * by these tests as it stands. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/field.h"
#include "model/rules.h"
#include "store/config.h"
#include "store/store.h"

static struct sc_optreg reg;

static const enum sc_kind object_kinds[] = {SC_VM, SC_TEMPLATE, SC_POOL};

static void rows_are_complete(void **state)
{
	(void)state;
	/* a field number outside the table is refused, the first one past it too */
	struct sc_object none = {0};
	struct sc_err ue = {0};
	assert_int_equal(sc_field_set(&none, SC_F_COUNT, "1", &ue), SC_EUSAGE);
	char want[64];
	snprintf(want, sizeof want, "unknown field %d", SC_F_COUNT);
	assert_string_equal(ue.msg, want);
	assert_int_equal(sc_field_set(&none, -1, "1", &ue), SC_EUSAGE);
	assert_string_equal(ue.msg, "unknown field -1");
	char path[512];
	for (int f = 0; f < SC_F_COUNT; f++) {
		const struct sc_field_info *fi = sc_field_info(f);
		assert_non_null(fi->key);
		assert_non_null(fi->label);
		assert_non_null(fi->column);
		assert_int_equal(sc_field_lookup(fi->key), f);
		assert_true(fi->kinds != 0);
		assert_true(fi->size > 0 && fi->offset + fi->size <= sizeof(struct sc_object));
		/* its help topic is a file in help/topics */
		snprintf(path, sizeof path, "%s/help/topics/%s.txt", getenv("TOP"), fi->help);
		if (access(path, R_OK) != 0)
			fail_msg("field %s: no help topic %s", fi->key, path);
		if (fi->type == SC_FT_INT && !fi->names)
			assert_true(fi->min <= fi->max);
		if (fi->names)
			assert_true(fi->nnames > 0);
		if (fi->kind == SC_FK_TEXT)
			assert_true((size_t)fi->max < fi->size);
		if (fi->kind == SC_FK_REF)
			assert_true(fi->ref == SC_CLUSTER || fi->ref == SC_TEMPLATE);
		/* a default is a valid value, and a stored value may be replaced by it */
		struct sc_object o;
		struct sc_err err;
		sc_field_defaults(&o, SC_POOL);
		if (fi->dflt)
			assert_int_equal(sc_field_set(&o, f, fi->dflt, &err), 0);
		else
			assert_true(fi->kind == SC_FK_NAME || fi->kind == SC_FK_REF);
	}
}

/* A value of the field other than its default, as text. */
static void other_value(int f, int step, char *buf, size_t n)
{
	const struct sc_field_info *fi = sc_field_info(f);
	if (f == SC_F_SPICE_PROXY) { /* text with a grammar of its own */
		snprintf(buf, n, "http://proxy%d.example:3128", step);
		return;
	}
	switch (fi->kind) {
	case SC_FK_NAME:
	case SC_FK_REF: snprintf(buf, n, "n%d", step); return;
	case SC_FK_TEXT: snprintf(buf, n, "text %d \xc3\xa9", step); return;
	case SC_FK_BOOL: snprintf(buf, n, "%s", step % 2 ? "false" : "true"); return;
	default:
		if (fi->names)
			snprintf(buf, n, "%s", fi->names[(step + 1) % fi->nnames]);
		else
			snprintf(buf, n, "%d", fi->max - step);
	}
}

static void text_round_trip(void **state)
{
	(void)state;
	char in[64], out[SC_DESC_MAX + 1];
	struct sc_err err;
	for (size_t k = 0; k < sizeof object_kinds / sizeof *object_kinds; k++)
		for (int f = 0; f < SC_F_COUNT; f++) {
			if (!sc_field_applies(f, object_kinds[k]))
				continue;
			struct sc_object o;
			sc_field_defaults(&o, object_kinds[k]);
			for (int step = 0; step < 2; step++) {
				other_value(f, step, in, sizeof in);
				assert_int_equal(sc_field_set(&o, f, in, &err), 0);
				sc_field_get(&o, f, out, sizeof out);
				assert_string_equal(out, in);
				sc_field_stored_text(&o, f, out, sizeof out);
				assert_string_equal(out, in);
			}
		}
}

/* What a template passes on is what its row says. */
static void inheritance_follows_the_table(void **state)
{
	(void)state;
	struct sc_object t, o;
	char a[SC_DESC_MAX + 1], b[SC_DESC_MAX + 1], v[64];
	sc_field_defaults(&t, SC_TEMPLATE);
	strcpy(t.name, "t1");
	strcpy(t.cluster, "c1");
	for (int f = 0; f < SC_F_COUNT; f++)
		if (sc_field_applies(f, SC_TEMPLATE) && f != SC_F_NAME && f != SC_F_CLUSTER) {
			other_value(f, 0, v, sizeof v);
			assert_int_equal(sc_field_set(&t, f, v, NULL), 0);
		}
	sc_field_defaults(&o, SC_POOL);
	strcpy(o.name, "p1");
	sc_inherit_template(&o, &t);
	assert_string_equal(o.tmpl, "t1");
	assert_string_equal(o.cluster, "c1");
	for (int f = 0; f < SC_F_COUNT; f++) {
		const struct sc_field_info *fi = sc_field_info(f);
		if (!sc_field_applies(f, SC_TEMPLATE) || fi->inherit == SC_FI_NO)
			continue;
		sc_field_stored_text(&t, f, a, sizeof a);
		sc_field_stored_text(&o, f, b, sizeof b);
		assert_string_equal(a, b);
	}
	assert_string_equal(o.name, "p1");
	assert_int_equal(o.size, 1);
}

static void list_columns(void **state)
{
	(void)state;
	int c[SC_F_COUNT];
	static const int tui_vm[] = {SC_F_NAME,     SC_F_CLUSTER, SC_F_OS,
				     SC_F_DISPLAY,  SC_F_MONITORS, SC_F_USB,
				     SC_F_MIGRATION, SC_F_DESCRIPTION};
	static const int tui_pool[] = {SC_F_NAME, SC_F_TEMPLATE, SC_F_CLUSTER, SC_F_SIZE,
				       SC_F_OS,   SC_F_DISPLAY,  SC_F_USB};
	static const int cli_vm[] = {SC_F_NAME,    SC_F_CLUSTER,  SC_F_OS,  SC_F_TYPE,
				     SC_F_DISPLAY, SC_F_MONITORS, SC_F_USB, SC_F_MIGRATION};
	static const int cli_pool[] = {SC_F_NAME,    SC_F_TEMPLATE, SC_F_CLUSTER, SC_F_SIZE,
				       SC_F_DISPLAY, SC_F_MONITORS, SC_F_USB};
	assert_int_equal(sc_field_columns(SC_VM, SC_LIST_TUI, c, SC_F_COUNT), 8);
	assert_memory_equal(c, tui_vm, sizeof tui_vm);
	assert_int_equal(sc_field_columns(SC_TEMPLATE, SC_LIST_TUI, c, SC_F_COUNT), 8);
	assert_memory_equal(c, tui_vm, sizeof tui_vm);
	assert_int_equal(sc_field_columns(SC_POOL, SC_LIST_TUI, c, SC_F_COUNT), 7);
	assert_memory_equal(c, tui_pool, sizeof tui_pool);
	assert_int_equal(sc_field_columns(SC_VM, SC_LIST_CLI, c, SC_F_COUNT), 8);
	assert_memory_equal(c, cli_vm, sizeof cli_vm);
	assert_int_equal(sc_field_columns(SC_POOL, SC_LIST_CLI, c, SC_F_COUNT), 7);
	assert_memory_equal(c, cli_pool, sizeof cli_pool);
	assert_int_equal(sc_field_columns(SC_CLUSTER, SC_LIST_CLI, c, SC_F_COUNT), 0);
	/* every column shown has a header */
	for (int f = 0; f < SC_F_COUNT; f++)
		for (int k = 0; k < SC_KIND_COUNT; k++)
			if (sc_field_info(f)->tui_list.at[k])
				assert_non_null(sc_field_info(f)->tui_list.title);
}

/* Each field, changed alone to a value the rules accept, is written to the
 * store and read back: the store's columns are the table's. */
static void store_round_trip(void **state)
{
	(void)state;
	char dir[] = "/tmp/spicecfg-field-XXXXXX", path[300];
	struct sc_store *st;
	struct sc_err err;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/s.db", dir);
	if (store_open(path, &st, &err) || store_options_load(st, &reg, &err))
		fail_msg("%s", err.msg);
	static const char *const names[] = {"n0", "n1"};
	for (int i = 0; i < 2; i++) {
		struct sc_cluster c = {.version = SC_CVER_31};
		strcpy(c.name, names[i]);
		assert_int_equal(store_cluster_add(st, &c, &err), 0);
	}
	struct sc_ctx ctx;
	assert_int_equal(store_ctx(st, &reg, "n0", &ctx, &err), 0);
	struct sc_object t;
	sc_object_defaults(&t, SC_TEMPLATE, &ctx);
	strcpy(t.name, "n1");
	strcpy(t.cluster, "n1");
	assert_int_equal(store_object_add(st, &t, &err), 0);
	int checked = 0;
	for (size_t k = 0; k < sizeof object_kinds / sizeof *object_kinds; k++) {
		enum sc_kind kind = object_kinds[k];
		struct sc_object o, neu, back;
		sc_object_defaults(&o, kind, &ctx);
		snprintf(o.name, sizeof o.name, "o%zu", k);
		strcpy(o.cluster, kind == SC_POOL ? "n1" : "n0");
		if (kind == SC_POOL)
			strcpy(o.tmpl, "n1");
		o.os = SC_OS_WINDOWS7X64; /* so that WAN may be on */
		if (store_object_add(st, &o, &err))
			fail_msg("%s", err.msg);
		for (int f = 0; f < SC_F_COUNT; f++) {
			if (!sc_field_applies(f, kind) || f == SC_F_NAME)
				continue;
			char v[64], got[SC_DESC_MAX + 1];
			struct sc_msgs bad;
			int step = 0;
			do { /* the first other value the rules accept */
				neu = o;
				if (f == SC_F_DISCONNECT_DELAY) /* the one action with a delay */
					neu.disconnect_action = SC_DISC_SHUTDOWN;
				other_value(f, step++, v, sizeof v);
				if (sc_field_set(&neu, f, v, NULL))
					continue;
				bad.n = 0;
			} while ((sc_validate(&neu, &ctx, &bad) ||
				  (f == SC_F_TEMPLATE && strcmp(v, "n1"))) && /* the one template */
				 step < 8);
			if (store_object_update(st, &o, &neu, &err))
				fail_msg("%s %s=%s: %s", sc_kind_name(kind), sc_field_info(f)->key, v,
					 err.msg);
			assert_int_equal(store_object_get(st, kind, o.name, &back, &err), 0);
			sc_field_get(&back, f, got, sizeof got);
			sc_field_get(&neu, f, v, sizeof v);
			assert_string_equal(got, v);
			o = back;
			checked++;
		}
	}
	assert_true(checked >= SC_F_COUNT);
	store_close(st);
	unlink(path);
	char side[320];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
}

/* The name rule has one message, wherever a name is refused. */
static void one_name_message(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_err a, b;
	struct sc_msgs errs = {0};
	struct sc_ctx ctx;
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	sc_field_defaults(&o, SC_VM);
	assert_int_equal(sc_name_check("name", "-x", &a), SC_EUSAGE);
	assert_string_equal(a.msg, "invalid name '-x'; valid: " SC_NAME_RULE);
	assert_int_equal(sc_field_set(&o, SC_F_NAME, "-x", &b), SC_EUSAGE);
	assert_string_equal(a.msg, b.msg);
	strcpy(o.name, "-x");
	strcpy(o.cluster, "c");
	assert_int_equal(sc_validate(&o, &ctx, &errs), 1);
	assert_string_equal(errs.m[0].text, a.msg);
	/* a VM's template may be empty, and the message says so */
	assert_int_equal(sc_field_set(&o, SC_F_TEMPLATE, "", &b), 0);
	assert_int_equal(sc_field_set(&o, SC_F_TEMPLATE, "a b", &b), SC_EUSAGE);
	assert_string_equal(b.msg,
			    "invalid template 'a b'; valid: " SC_NAME_RULE " (or empty for none)");
	assert_int_equal(sc_name_check("name", "ok-1", &a), 0);
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	return config_load_optdefs(&reg, NULL, &err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_are_complete),
		cmocka_unit_test(text_round_trip),
		cmocka_unit_test(inheritance_follows_the_table),
		cmocka_unit_test(list_columns),
		cmocka_unit_test(store_round_trip),
		cmocka_unit_test(one_name_message),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
