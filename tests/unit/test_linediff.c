/* The unified line diff of `spicecfg diff` (model/linediff.c): headers,
 * hunk ranges, context, merged and separate hunks, edges of the text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/linediff.h"

static char *diff(const char *a, const char *b, int ctx, bool *differs)
{
	struct sc_err e = {0};
	char *d = ld_unified(a, strlen(a), b, strlen(b), "a", "b", ctx, differs, &e);
	assert_non_null(d);
	return d;
}

/* "1\n2\n...n\n" */
static char *numbers(int n, int change_at, const char *with)
{
	static char buf[4][4096];
	static int k;
	char *b = buf[k++ % 4];
	size_t len = 0;
	for (int i = 1; i <= n; i++) {
		if (i == change_at && with)
			len += (size_t)snprintf(b + len, 4096 - len, "%s", with);
		else if (i != change_at)
			len += (size_t)snprintf(b + len, 4096 - len, "%d\n", i);
	}
	return b;
}

static void equal_texts(void **state)
{
	(void)state;
	bool d = true;
	char *s = diff("a\nb\n", "a\nb\n", 3, &d);
	assert_false(d);
	assert_string_equal(s, "");
	free(s);
	s = diff("", "", 3, &d);
	assert_false(d);
	free(s);
}

static void one_change_with_context(void **state)
{
	(void)state;
	bool d;
	char *s = diff(numbers(10, 0, NULL), numbers(10, 5, "five\n"), 3, &d);
	assert_true(d);
	assert_string_equal(s, "--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
	free(s);
}

static void insert_and_delete_at_edges(void **state)
{
	(void)state;
	bool d;
	char *s = diff("b\nc\n", "a\nb\nc\n", 3, &d);
	assert_string_equal(s, "--- a\n+++ b\n@@ -1,2 +1,3 @@\n+a\n b\n c\n");
	free(s);
	s = diff("a\nb\nc\n", "a\nb\n", 1, &d);
	assert_string_equal(s, "--- a\n+++ b\n@@ -2,2 +2 @@\n b\n-c\n");
	free(s);
	s = diff("", "x\n", 3, &d);
	assert_string_equal(s, "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n");
	free(s);
	s = diff("x\n", "", 3, &d);
	assert_string_equal(s, "--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n");
	free(s);
	/* a last line without a newline compares as one with it */
	s = diff("a\nb", "a\nb\n", 3, &d);
	assert_false(d);
	free(s);
}

static void hunks_split_and_merged(void **state)
{
	(void)state;
	bool d;
	/* changes at 2 and 18 of 20: two hunks with 3 lines of context */
	char a[4096], b[4096];
	strcpy(a, numbers(20, 0, NULL));
	strcpy(b, numbers(20, 2, "two\n"));
	char *p = strstr(b, "\n18\n");
	memcpy(p, "\nXY\n", 4);
	char *s = diff(a, b, 3, &d);
	assert_string_equal(s, "--- a\n+++ b\n"
			       "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
			       "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+XY\n 19\n 20\n");
	free(s);
	/* changes 6 lines apart share their context: one hunk */
	strcpy(b, numbers(20, 5, "five\n"));
	p = strstr(b, "\n12\n");
	memcpy(p, "\nAB\n", 4);
	s = diff(a, b, 3, &d);
	assert_non_null(strstr(s, "@@ -2,14 +2,14 @@\n"));
	assert_null(strstr(s + strlen("--- a\n+++ b\n@@ -2,14 +2,14 @@\n"), "@@"));
	free(s);
	/* without context each change is its own hunk */
	s = diff(a, b, 0, &d);
	assert_non_null(strstr(s, "@@ -5 +5 @@\n-5\n+five\n@@ -12 +12 @@\n-12\n+AB\n"));
	free(s);
}

static void minimal_in_the_middle(void **state)
{
	(void)state;
	bool d;
	/* the common lines inside the changed middle stay context */
	char *s = diff("<a>\n<b/>\n<c/>\n<d/>\n</a>\n", "<a>\n<x/>\n<c/>\n<y/>\n</a>\n", 3, &d);
	assert_string_equal(s, "--- a\n+++ b\n@@ -1,5 +1,5 @@\n <a>\n-<b/>\n+<x/>\n <c/>\n-<d/>\n"
			       "+<y/>\n </a>\n");
	free(s);
	/* two minimal scripts tie: a line of a is removed before one of b is
	 * added, so the common lines kept are a's later b, c, a */
	s = diff("b\nc\nb\nc\na\nc\n", "a\nb\nc\na\n", 3, &d);
	assert_string_equal(s, "--- a\n+++ b\n@@ -1,6 +1,4 @@\n-b\n-c\n+a\n b\n c\n a\n-c\n");
	free(s);
}

/* "X\nL1\n...L<k>\n" (x) or "L1\n...L<k>\nY\n" (!x), malloc'd */
static char *lines_around(int k, bool x)
{
	char *b = malloc((size_t)k * 8 + 8);
	size_t len = 0;
	if (x)
		len += (size_t)sprintf(b + len, "X\n");
	for (int i = 1; i <= k; i++)
		len += (size_t)sprintf(b + len, "L%d\n", i);
	if (!x)
		sprintf(b + len, "Y\n");
	return b;
}

/* One of a run of equal lines removed or added: the common head and tail
 * overlap in the longer text and take no line twice from the shorter. */
static void runs_of_equal_lines(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b, *want;
	} cases[] = {
		{"x\nx\n", "x\n", "--- a\n+++ b\n@@ -1,2 +1 @@\n x\n-x\n"},
		{"x\n", "x\nx\n", "--- a\n+++ b\n@@ -1 +1,2 @@\n x\n+x\n"},
		{"x\ny\nx\n", "x\n", "--- a\n+++ b\n@@ -1,3 +1 @@\n x\n-y\n-x\n"},
		{"x\n", "x\ny\nx\n", "--- a\n+++ b\n@@ -1 +1,3 @@\n x\n+y\n+x\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		bool d = false;
		char *s = diff(cases[i].a, cases[i].b, 3, &d);
		if (!d || strcmp(s, cases[i].want) != 0)
			fail_msg("'%s' -> '%s': '%s'", cases[i].a, cases[i].b, s);
		free(s);
	}
}

/* The middle is matched line by line up to a table of 4096 x 4096 cells
 * (a middle of 4095 lines on each side) and shown as removed and added
 * past it: still a diff, not an error. */
static void lcs_bound_exact(void **state)
{
	(void)state;
	bool d;
	/* at the bound: -X, 4094 common lines, +Y */
	char *a = lines_around(4094, true), *b = lines_around(4094, false);
	char *s = diff(a, b, 1, &d);
	assert_string_equal(s, "--- a\n+++ b\n@@ -1,2 +1 @@\n-X\n L1\n@@ -4095 +4094,2 @@\n"
			       " L4094\n+Y\n");
	free(s);
	free(a);
	/* one line past it on one side: every line of the middle removed, then added */
	a = lines_around(4095, true);
	s = diff(a, b, 0, &d);
	assert_true(d);
	assert_int_equal(strncmp(s, "--- a\n+++ b\n@@ -1,4096 +1,4095 @@\n-X\n-L1\n", 40), 0);
	assert_non_null(strstr(s, "\n-L4095\n+L1\n+L2\n"));
	size_t n = strlen(s);
	assert_true(n > 10 && strcmp(s + n - 10, "+L4094\n+Y\n") == 0);
	free(s);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equal_texts),
		cmocka_unit_test(one_change_with_context),
		cmocka_unit_test(insert_and_delete_at_edges),
		cmocka_unit_test(hunks_split_and_merged),
		cmocka_unit_test(minimal_in_the_middle),
		cmocka_unit_test(runs_of_equal_lines),
		cmocka_unit_test(lcs_bound_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
