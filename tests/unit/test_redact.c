/* Secrets and control characters never reach a message: every form of
 * PostgreSQL password libpq accepts is redacted, libpq's own syntax errors
 * are scrubbed of it, and text from outside is escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/err.h"
#include "store/conninfo.h"

static void redacts_every_form(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		/* URI userinfo */
		{"postgresql://alice:S3cret@db.example/spice", "postgresql://alice:***@db.example/spice"},
		{"postgres://alice:p%40ss@db/x", "postgres://alice:***@db/x"},
		{"postgresql://alice@db/x", "postgresql://alice@db/x"},
		{"postgresql://:onlypw@db/x", "postgresql://:***@db/x"},
		/* URI query parameters, the keyword percent-encoded or not */
		{"postgresql://db/x?user=a&password=S3cret&sslmode=require",
		 "postgresql://db/x?user=a&password=***&sslmode=require"},
		{"postgresql://db/x?pass%77ord=S3cret", "postgresql://db/x?pass%77ord=***"},
		{"postgresql://db/x?sslpassword=K3y", "postgresql://db/x?sslpassword=***"},
		{"postgresql://u:A@db/x?password=B", "postgresql://u:***@db/x?password=***"},
		/* keyword/value strings: any spacing, quoting, escaped quotes */
		{"host=db password=S3cret dbname=x", "host=db password=*** dbname=x"},
		{"host=db password = S3cret dbname=x", "host=db password = *** dbname=x"},
		{"host=db password\t=\tS3cret", "host=db password\t=\t***"},
		{"password='a b c' host=db", "password=*** host=db"},
		{"password = 'it\\'s secret' host=db", "password = *** host=db"},
		{"password=back\\ slash host=db", "password=*** host=db"},
		{"PASSWORD=S3cret", "PASSWORD=***"},
		{"sslpassword=K3y host=db", "sslpassword=*** host=db"},
		{"host=db passwordx=notsecret", "host=db passwordx=notsecret"},
		/* malformed: libpq refuses it, and nothing after the keyword shows */
		{"host=db password='never closed", "host=db password=***"},
		{"host=db password", "host=db password"},
		{"host=db password=a b c", "host=db password=***"},
		{"password=S3cret host=db oops", "password=***"},
		/* not a connection string at all */
		{"/var/lib/spicecfg/store.db", "/var/lib/spicecfg/store.db"},
		{"service=spice", "service=spice"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[256];
		conninfo_redact(cases[i].in, out, sizeof out);
		if (strcmp(out, cases[i].want))
			fail_msg("case %zu: '%s' gave '%s', want '%s'", i, cases[i].in, out,
				 cases[i].want);
	}
}

static void redact_fits(void **state)
{
	(void)state;
	char out[12];
	conninfo_redact("password=S3cretS3cret host=db", out, sizeof out);
	assert_string_equal(out, "password=**");
	assert_null(strstr(out, "S3"));
}

/* libpq's syntax errors quote the word they stopped at. */
static void scrubs_libpq_messages(void **state)
{
	(void)state;
	char m[256];
	snprintf(m, sizeof m, "missing \"=\" after \"b\" in connection info string");
	conninfo_scrub("host=x password=a b", m, sizeof m);
	assert_string_equal(m, "missing \"=\" after \"***\" in connection info string");

	snprintf(m, sizeof m, "invalid percent-encoded token: \"Se%%zzcret\"");
	conninfo_scrub("postgresql://u:Se%zzcret@h/d", m, sizeof m);
	assert_string_equal(m, "invalid percent-encoded token: \"***\"");

	snprintf(m, sizeof m, "unterminated quoted string in connection info string");
	conninfo_scrub("password='open", m, sizeof m);
	assert_string_equal(m, "unterminated quoted string in connection info string");

	/* a short password is not hunted in ordinary words */
	snprintf(m, sizeof m, "connection refused");
	conninfo_scrub("host=x password=on", m, sizeof m);
	assert_string_equal(m, "connection refused");
}

static void escapes_controls(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(sc_escape("ev\x1b[31mil\nname", out, sizeof out), 0);
	assert_string_equal(out, "ev\\x1b[31mil\\x0aname");
	sc_escape("tab\tdel\x7f", out, sizeof out);
	assert_string_equal(out, "tab\\x09del\\x7f");
	/* UTF-8 kept, a C1 control (U+009B, a CSI) and a stray byte not */
	sc_escape("caf\xc3\xa9 \xc2\x9b \xff", out, sizeof out);
	assert_string_equal(out, "caf\xc3\xa9 \\xc2\\x9b \\xff");
	/* cut with "..." and never in the middle of an escape */
	assert_int_equal(sc_escape("abc\x1b\x1b\x1b\x1b", out, 12), -1);
	assert_string_equal(out, "abc\\x1b...");
}

/* Every edge of what counts as printable UTF-8: the first and last valid
 * sequence of each length kept, the byte past each edge escaped. */
static void escapes_utf8_edges(void **state)
{
	(void)state;
	static const char *const kept[] = {
	    " ~", "\xc2\xa0", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80",
	    "\xef\xbf\xbd", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xed\x95\x9c",
	};
	static const struct {
		const char *in, *out;
	} escaped[] = {
	    {"\x1f", "\\x1f"},
	    {"\x7f", "\\x7f"},
	    {"\xc1\xbf", "\\xc1\\xbf"},		    /* overlong 2-byte */
	    {"\xc2\x9f", "\\xc2\\x9f"},		    /* C1 control */
	    {"\xe0\x9f\xbf", "\\xe0\\x9f\\xbf"},	    /* overlong 3-byte */
	    {"\xed\xa0\x80", "\\xed\\xa0\\x80"},	    /* surrogate */
	    {"\xf0\x8f\xbf\xbf", "\\xf0\\x8f\\xbf\\xbf"}, /* overlong 4-byte */
	    {"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"}, /* beyond U+10FFFF */
	    {"\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80"},
	    {"\xe2\x28\xa1", "\\xe2(\\xa1"},		    /* a continuation missing */
	    {"\xf0\x90\x80", "\\xf0\\x90\\x80"},	    /* cut short */
	};
	char out[64];
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
		assert_int_equal(sc_escape(kept[i], out, sizeof out), 0);
		assert_string_equal(out, kept[i]);
	}
	for (size_t i = 0; i < sizeof escaped / sizeof *escaped; i++) {
		assert_int_equal(sc_escape(escaped[i].in, out, sizeof out), 0);
		assert_string_equal(out, escaped[i].out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(redacts_every_form),
		cmocka_unit_test(redact_fits),
		cmocka_unit_test(scrubs_libpq_messages),
		cmocka_unit_test(escapes_controls),
		cmocka_unit_test(escapes_utf8_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
