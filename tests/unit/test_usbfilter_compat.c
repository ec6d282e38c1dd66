/* UsbFilter against the real consumer's parser: the console client reads
 * the usb-filter line of a .vv file with libusbredirparser's
 * usbredirfilter_string_to_rules(..., ",", "|", ...).  Every string
 * spicecfg accepts must parse there too.  spicecfg is deliberately
 * stricter in these cases (each marked STRICT below):
 *   - allow must be 0 or 1 (usbredir takes any non-zero number as allow);
 *   - an empty filter, or one made only of '|', is refused: usbredir reads it
 *     as zero rules, which blocks every device without saying why;
 *   - empty rules ("a||b", a leading or trailing '|') and empty fields
 *     ("3,,-1,...") are refused: usbredir splits like strtok and skips
 *     them, so the file would mean something other than it says;
 *   - numbers that overflow an int are refused: usbredir truncates
 *     4294967295 to -1 ("any").
 * The library is loaded at run time so that this test needs no build flags
 * of its own. */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/options.h"

struct rule { int cls, vendor, product, version, allow; };
typedef int (*to_rules_fn)(const char *, const char *, const char *, struct rule **, int *);
typedef void (*free_fn)(void *);

static to_rules_fn to_rules;
static free_fn rules_free;

enum { OK, NO, STRICT }; /* STRICT: usbredir accepts, spicecfg refuses */

static const struct {
	const char *s;
	int verdict;
	int nrules; /* rules usbredir reads when it accepts */
} cases[] = {
	{"-1,-1,-1,-1,1", OK, 1},
	{"-1,-1,-1,-1,0", OK, 1},
	{"0x03,-1,-1,-1,0|-1,-1,-1,-1,1", OK, 2},
	{"0x08,0x0781,0x5567,0x0100,1|-1,-1,-1,-1,0", OK, 2},
	{"7,-1,-1,-1,0|8,0x1234,-1,-1,1|-1,-1,-1,-1,1", OK, 3},
	{"255,65535,65535,65535,1", OK, 1},
	{"0,0,0,0,0", OK, 1},
	{"0xff,0xFFFF,0Xffff,0x0,1", OK, 1},
	{"010,-1,-1,-1,1", OK, 1}, /* octal, as strtol reads it in both */
	{" 3,-1,-1,-1,1", OK, 1},
	{"+3,-1,-1,-1,1", OK, 1},
	{"256,-1,-1,-1,1", NO, 0},
	{"-1,65536,-1,-1,1", NO, 0},
	{"-1,-1,0x10000,-1,1", NO, 0},
	{"-1,-1,-1,65536,1", NO, 0},
	{"-2,-1,-1,-1,1", NO, 0},
	{"3 ,-1,-1,-1,1", NO, 0},
	{"3,-1,-1,-1", NO, 0},
	{"3,-1,-1,-1,1,0", NO, 0},
	{"abc,-1,-1,-1,1", NO, 0},
	{"0x,-1,-1,-1,1", NO, 0},
	{"08,-1,-1,-1,1", NO, 0},
	{"3;-1;-1;-1;1", NO, 0},
	{"3,-1,-1,-1,1 | -1,-1,-1,-1,0", NO, 0},
	{"-1,-1,-1,-1,2", STRICT, 1},
	{"-1,-1,-1,-1,-1", STRICT, 1},
	{"", STRICT, 0},
	{"|", STRICT, 0},
	{"3,-1,-1,-1,1|", STRICT, 1},
	{"|3,-1,-1,-1,1", STRICT, 1},
	{"3,-1,-1,-1,1||-1,-1,-1,-1,0", STRICT, 2},
	{"3,,-1,-1,-1,1", STRICT, 1},
	{",3,-1,-1,-1,1", STRICT, 1},
	{"3,-1,-1,-1,1,", STRICT, 1},
	{"4294967295,-1,-1,-1,1", STRICT, 1},
};

static int load_library(void **state)
{
	(void)state;
	void *h = dlopen("libusbredirparser.so.1", RTLD_NOW);
	if (!h)
		return 0;
	to_rules = (to_rules_fn)(uintptr_t)dlsym(h, "usbredirfilter_string_to_rules");
	rules_free = (free_fn)(uintptr_t)dlsym(h, "usbredirfilter_free");
	if (!to_rules || !rules_free)
		to_rules = NULL;
	return 0;
}

static void need_library(void)
{
	if (!to_rules) {
		print_message("libusbredirparser.so.1 not found: %s\n", dlerror());
		skip();
	}
}

static int usbredir_reads(const char *s, int *n)
{
	struct rule *r = NULL;
	*n = 0;
	int rc = to_rules(s, ",", "|", &r, n);
	rules_free(r);
	return rc == 0;
}

static void cases_agree(void **state)
{
	(void)state;
	need_library();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sc_err err = {0};
		int n, ours = sc_usbfilter_check(cases[i].s, &err) == 0;
		int theirs = usbredir_reads(cases[i].s, &n);
		print_message("'%s': spicecfg %s, usbredir %s (%d rules)\n", cases[i].s,
			      ours ? "accepts" : "refuses", theirs ? "accepts" : "refuses", n);
		assert_int_equal(ours, cases[i].verdict == OK);
		assert_int_equal(theirs, cases[i].verdict != NO);
		if (theirs)
			assert_int_equal(n, cases[i].nrules);
		if (!ours)
			assert_true(err.msg[0] != '\0');
	}
}

/* Generated filters: every accepted one has the rule count usbredir reads. */
static void generated_filters_parse(void **state)
{
	(void)state;
	need_library();
	static const char *const parts[] = {"-1", "0", "3", "0x03", "255", "0xffff", "65535",
					    "0x0781", "010", "1"};
	char s[512];
	unsigned seed = 12345;
	int accepted = 0;
	for (int iter = 0; iter < 5000; iter++) {
		int rules = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 6;
		size_t len = 0;
		for (int r = 0; r < rules; r++) {
			for (int f = 0; f < 5; f++) {
				seed = seed * 1103515245u + 12345u;
				const char *p = f == 4 ? ((seed >> 16) & 1 ? "1" : "0")
						       : parts[(seed >> 16) % 10];
				len += (size_t)snprintf(s + len, sizeof s - len, "%s%s",
							f ? "," : (r ? "|" : ""), p);
			}
		}
		struct sc_err err;
		int n, ours = sc_usbfilter_check(s, &err) == 0;
		int theirs = usbredir_reads(s, &n);
		if (ours && (!theirs || n != rules))
			fail_msg("'%s': spicecfg accepts, usbredir reads %d rules (rc %d)", s, n,
				 theirs);
		accepted += ours;
	}
	assert_true(accepted > 100); /* the generator does reach valid filters */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cases_agree),
		cmocka_unit_test(generated_filters_parse),
	};
	return cmocka_run_group_tests(tests, load_library, NULL);
}
