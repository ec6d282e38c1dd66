/* The one JSON string writer of the command line: every output a script
 * parses (list, show, usb-options, config, import) goes through it. */
/* cmocka.h needs these headers first. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/output.h"

static const struct {
	const char *in, *want;
} cases[] = {
    {"", "\"\""},
    {"plain", "\"plain\""},
    {"say \"hi\"", "\"say \\\"hi\\\"\""},
    {"C:\\dir\\", "\"C:\\\\dir\\\\\""},
    {"a\nb\tc\rd", "\"a\\nb\\tc\\rd\""},
    {"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
    {"\x1b[31m", "\"\\u001b[31m\""},
    {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""},
    {"bad \xff byte", "\"bad \\ufffd byte\""},
    {"cut \xe2\x82", "\"cut \\ufffd\\ufffd\""},
    {"overlong \xc0\xaf", "\"overlong \\ufffd\\ufffd\""},
    {"surrogate \xed\xa0\x80", "\"surrogate \\ufffd\\ufffd\\ufffd\""},
    {"/slash/", "\"/slash/\""},
};

static void escapes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		assert_non_null(f);
		out_json_string(f, cases[i].in);
		fclose(f);
		if (strcmp(buf, cases[i].want))
			fail_msg("case %zu: got %s, want %s", i, buf, cases[i].want);
		free(buf);
	}
}

static void keys(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	fputc('{', f);
	out_json_key(f, true, "a");
	fputs("1", f);
	out_json_key(f, false, "b\"");
	fputs("2}", f);
	fclose(f);
	assert_string_equal(buf, "{\"a\": 1, \"b\\\"\": 2}");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(escapes),
	    cmocka_unit_test(keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
