/* sc_field_values(): the values shell completion offers after KEY= are the
 * ones the field parses, the whole list the form's dropdown draws from. */
/* cmocka.h needs these headers first. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <stdio.h>
#include <string.h>

#include "model/field.h"
#include "model/rules.h"

struct seen {
	int field, n;
	char text[32][32];
};

static void collect(const char *v, void *arg)
{
	struct seen *s = arg;
	assert_true(s->n < 32);
	snprintf(s->text[s->n++], sizeof s->text[0], "%s", v);
}

static void every_value_parses_and_reads_back(void **state)
{
	(void)state;
	struct sc_optreg reg = {0};
	struct sc_ctx ctx;
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	for (int f = 0; f < SC_F_COUNT; f++) {
		const struct sc_field_info *fi = sc_field_info(f);
		struct seen s = {f, 0};
		sc_field_values(f, collect, &s);
		if (fi->kind != SC_FK_ENUM && fi->kind != SC_FK_BOOL) {
			assert_int_equal(s.n, 0);
			continue;
		}
		assert_true(s.n >= 2);
		for (int i = 0; i < s.n; i++) {
			struct sc_object o;
			struct sc_err err;
			char back[64];
			sc_object_defaults(&o, SC_VM, &ctx);
			if (sc_field_set(&o, f, s.text[i], &err))
				fail_msg("%s=%s refused: %s", fi->key, s.text[i], err.msg);
			if (f == SC_F_MIGRATION) /* read back as in force: native pins it */
				o.usb = SC_USB_DISABLED;
			sc_field_get(&o, f, back, sizeof back);
			assert_string_equal(back, s.text[i]);
		}
		if (fi->kind == SC_FK_ENUM) {
			/* the same values, in the same order, as every choice of the form */
			struct sc_object o;
			struct sc_choice ch[SC_CHOICES_MAX];
			sc_object_defaults(&o, SC_VM, &ctx);
			int n = sc_choices(f, &o, &ctx, ch, SC_CHOICES_MAX);
			if (f != SC_F_MONITORS)
				assert_int_equal(n, s.n);
		}
	}
}

static void count_values(const char *v, void *arg)
{
	(void)v;
	++*(int *)arg;
}

/* A field that does not exist offers no values; a list of keys that does
 * not fit stops at the buffer's end, cut, never past it. */
static void outside_fields_and_short_buffers(void **state)
{
	(void)state;
	int n = 0;
	sc_field_values(-1, count_values, &n);
	sc_field_values(SC_F_COUNT, count_values, &n);
	assert_int_equal(n, 0);
	char full[512];
	sc_field_keys(SC_VM, full, sizeof full);
	assert_true(strlen(full) > 20);
	struct {
		char buf[12];
		char after[4];
	} s;
	memset(&s, 'G', sizeof s);
	sc_field_keys(SC_VM, s.buf, sizeof s.buf);
	assert_memory_equal(s.after, "GGGG", 4);
	assert_int_equal(strlen(s.buf), sizeof s.buf - 1);
	assert_memory_equal(s.buf, full, sizeof s.buf - 1);
	/* "name" fits whole in 5 bytes and nothing after it */
	char five[5];
	sc_field_keys(SC_VM, five, sizeof five);
	assert_string_equal(five, "name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_value_parses_and_reads_back),
	    cmocka_unit_test(outside_fields_and_short_buffers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
