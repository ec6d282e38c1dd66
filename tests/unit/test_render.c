/* The table of export formats: each format's names, a name back to its
 * format, and nothing past the table (model/render.c). */
/* cmocka.h needs these headers first. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <string.h>

#include "model/render.h"

static void format_table(void **state)
{
	(void)state;
	static const struct {
		enum sc_format fmt;
		const char *name, *label, *ext;
		bool secret;
	} want[] = {
		{SC_FMT_OVF, "ovf", "OVF", "ovf", false},
		{SC_FMT_DOMXML, "domxml", "domain XML", "xml", false},
		{SC_FMT_VV, "vv", ".vv file", "vv", true},
		{SC_FMT_API, "api", "API XML", "api.xml", false},
	};
	assert_int_equal(sizeof want / sizeof *want, SC_FMT_COUNT);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const struct sc_format_info *f = sc_format_info(want[i].fmt);
		assert_non_null(f);
		assert_string_equal(f->name, want[i].name);
		assert_string_equal(f->label, want[i].label);
		assert_string_equal(f->ext, want[i].ext);
		assert_int_equal(f->secret, want[i].secret);
		assert_int_equal(sc_format_parse(want[i].name), want[i].fmt);
	}
}

/* A format past the last one, or before the first, has no entry; a name
 * not in the table has no format. */
static void outside_the_table(void **state)
{
	(void)state;
	assert_null(sc_format_info(SC_FMT_COUNT));
	assert_null(sc_format_info((enum sc_format)-1));
	assert_int_equal(sc_format_parse("OVF"), -1);
	assert_int_equal(sc_format_parse(""), -1);
	assert_int_equal(sc_format_parse("xml"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(format_table),
	    cmocka_unit_test(outside_the_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
