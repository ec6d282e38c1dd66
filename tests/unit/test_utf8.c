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
    {"\x7f", 0, 1, 0x7f},            /* the last one-byte character, DEL */
    {"\xc2\x80", 0, 2, 0x80},        /* the first two-byte one */
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
    {"\xed\xbf\xbf", 0, 0, 0},        /* the last surrogate, U+DFFF */
    {"\xed\x9f\xbf", 0, 3, 0xd7ff},   /* the character before the surrogates */
    {"\xee\x80\x80", 0, 3, 0xe000},   /* and the one after them */
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

/* The list filter's rule: three characters or more anywhere, fewer at
 * the start only, ASCII case folded. */
static void filter_rule(void **state)
{
	(void)state;
	static const struct {
		const char *text, *filter;
		int at; /* -1: no match */
	} rule[] = {
	    {"win7-dev01", "dev", 5},  {"win7-dev01", "DEV0", 5}, {"win7-dev01", "de", -1},
	    {"win7-dev01", "Wi", 0},   {"win7-dev01", "w", 0},    {"Windows7", "wINDOWS7", 0},
	    {"RHEL6x64", "x6", -1},    {"RHEL6x64", "x64", 5},    {"ab", "abc", -1},
	    {"\xc3\xa9t\xc3\xa9", "\xc3\xa9t", 0}, {"x\xc3\xa9t\xc3\xa9", "\xc3\xa9t", -1},
	    {"x\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9", 1}, {"abc", "", -1},
	};
	for (size_t i = 0; i < sizeof rule / sizeof rule[0]; i++) {
		const char *m = sc_filter_find(rule[i].text, rule[i].filter);
		if ((m ? (int)(m - rule[i].text) : -1) != rule[i].at)
			fail_msg("'%s' in '%s': %d, want %d", rule[i].filter, rule[i].text,
				 m ? (int)(m - rule[i].text) : -1, rule[i].at);
	}
	assert_true(sc_filter_is_prefix("ab"));
	assert_true(sc_filter_is_prefix("\xc3\xa9\xc3\xa9"));
	assert_false(sc_filter_is_prefix("abc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decodes),
	    cmocka_unit_test(text),
	    cmocka_unit_test(filter_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
