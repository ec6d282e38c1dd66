/* The one UTF-8 decoder: what it accepts and refuses, table-driven, and
 * the text check built on it. */
/* cmocka.h needs these headers first. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <string.h>

#include "model/utf8.h"

static const struct {
	const char *bytes;
	size_t avail; /* 0: strlen */
	int len;      /* 0: refused */
	uint32_t cp;
} cases[] = {
    {"A", 0, 1, 'A'},
    {"\xc3\xa9", 0, 2, 0xe9},
    {"\xe2\x82\xac", 0, 3, 0x20ac},
    {"\xf0\x9f\x98\x80", 0, 4, 0x1f600},
    {"\xf4\x8f\xbf\xbf", 0, 4, 0x10ffff},
    {"\xc3\xa9xyz", 0, 2, 0xe9},      /* only the first character */
    {"\xc3", 0, 0, 0},                /* cut */
    {"\xe2\x82\xac", 2, 0, 0},        /* cut by avail */
    {"\x80", 0, 0, 0},                /* stray continuation */
    {"\xc3\x41", 0, 0, 0},            /* missing continuation */
    {"\xc0\xaf", 0, 0, 0},            /* overlong '/' */
    {"\xe0\x80\xaf", 0, 0, 0},        /* overlong, 3 bytes */
    {"\xf0\x80\x80\xaf", 0, 0, 0},    /* overlong, 4 bytes */
    {"\xed\xa0\x80", 0, 0, 0},        /* surrogate */
    {"\xf4\x90\x80\x80", 0, 0, 0},    /* beyond U+10FFFF */
    {"\xf8\x88\x80\x80\x80", 0, 0, 0}, /* 5-byte lead */
    {"\xff", 0, 0, 0},
};

static void decodes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp = 0xdead;
		size_t avail = cases[i].avail ? cases[i].avail : strlen(cases[i].bytes);
		int len = sc_utf8_decode(cases[i].bytes, avail, &cp);
		if (len != cases[i].len || (len && cp != cases[i].cp))
			fail_msg("case %zu: length %d, U+%04X; want %d, U+%04X", i, len, (unsigned)cp,
			         cases[i].len, (unsigned)cases[i].cp);
	}
	uint32_t cp;
	assert_int_equal(sc_utf8_decode("", 0, &cp), 0);
}

static void text(void **state)
{
	(void)state;
	assert_true(sc_utf8_text_ok("", false));
	assert_true(sc_utf8_text_ok("Büro — 東京 😀", false));
	assert_false(sc_utf8_text_ok("tab\there", false));
	assert_false(sc_utf8_text_ok("del\x7f", false));
	assert_false(sc_utf8_text_ok("two\nlines", false));
	assert_true(sc_utf8_text_ok("two\r\nlines", true));
	assert_false(sc_utf8_text_ok("tab\there", true));
	assert_false(sc_utf8_text_ok("bad \xc3", false));
	assert_false(sc_utf8_text_ok("surrogate \xed\xa0\x80", true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decodes),
	    cmocka_unit_test(text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
