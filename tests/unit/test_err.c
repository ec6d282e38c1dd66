/* Error messages: a long message keeps its head and its end (the reason),
 * cut in the middle at a character boundary; size limits read exactly. */
/* cmocka.h needs these headers first. */
/* clang-format off */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
/* clang-format on */
#include <string.h>

#include "model/err.h"

static void short_message_whole(void **state)
{
	(void)state;
	struct sc_err e;
	assert_int_equal(sc_fail(&e, SC_EUSAGE, "%s: %s", "a/b", "why"), SC_EUSAGE);
	assert_string_equal(e.msg, "a/b: why");
	assert_int_equal(e.status, SC_EUSAGE);
}

static void long_message_keeps_reason(void **state)
{
	(void)state;
	static char path[5000];
	memset(path, 'd', sizeof path - 1);
	/* a two-byte character at every place the cut could fall */
	for (size_t i = 100; i + 1 < sizeof path - 1; i += 2)
		memcpy(path + i, "\xc3\xa9", 2);
	struct sc_err e;
	sc_fail(&e, SC_ERUNTIME, "%s: cannot write: %s", path, "No space left on device");
	size_t n = strlen(e.msg);
	assert_true(n < sizeof e.msg);
	assert_true(n > sizeof e.msg - 8);
	assert_non_null(strstr(e.msg, "..."));
	const char *tail = ": cannot write: No space left on device";
	assert_string_equal(e.msg + n - strlen(tail), tail);
	assert_memory_equal(e.msg, "dddd", 4);
	/* no split character on either side of the mark */
	const char *m = strstr(e.msg, "...");
	assert_true(((unsigned char)m[3] & 0xc0) != 0x80);
	assert_true(m == e.msg || ((unsigned char)m[-1] & 0xc0) != 0xc0);
}

/* A long ASCII message fills the buffer exactly: its first quarter, "...",
 * and its end, with nothing written past the buffer. */
static void long_message_exact_cut(void **state)
{
	(void)state;
	static char text[2000];
	for (size_t i = 0; i < sizeof text - 1; i++)
		text[i] = (char)('a' + i % 26);
	struct {
		struct sc_err e;
		char after[8];
	} s;
	memset(s.after, 'G', sizeof s.after);
	sc_fail(&s.e, SC_EUSAGE, "%s", text);
	const size_t size = sizeof s.e.msg, head = size / 4;
	assert_memory_equal(s.after, "GGGGGGGG", sizeof s.after);
	assert_int_equal(strlen(s.e.msg), size - 1);
	assert_memory_equal(s.e.msg, text, head);
	assert_memory_equal(s.e.msg + head, "...", 3);
	assert_string_equal(s.e.msg + head + 3, text + strlen(text) - (size - 1 - head - 3));
}

/* A message one byte shorter than the buffer is kept whole; one of
 * exactly the buffer's size has no room for its NUL, so it is elided like
 * any longer one, not cut by its last byte. */
static void message_of_buffer_size(void **state)
{
	(void)state;
	struct sc_err e;
	const size_t size = sizeof e.msg, head = size / 4, tail = size - 1 - head - 3;
	static char text[sizeof e.msg + 1];
	for (size_t i = 0; i < size; i++)
		text[i] = (char)('a' + i % 26);
	text[size - 1] = '\0';
	sc_fail(&e, SC_EUSAGE, "%s", text);
	assert_string_equal(e.msg, text);
	text[size - 1] = 'Z';
	text[size] = '\0';
	sc_fail(&e, SC_EUSAGE, "%s", text);
	assert_int_equal(strlen(e.msg), size - 1);
	assert_memory_equal(e.msg, text, head);
	assert_memory_equal(e.msg + head, "...", 3);
	assert_string_equal(e.msg + head + 3, text + size - tail);
	assert_int_equal(e.msg[size - 2], 'Z');
}

static void size_text_exact(void **state)
{
	(void)state;
	char b[SC_SIZE_TEXT];
	assert_string_equal(sc_size_text((size_t)16 << 20, b), "16 MiB");
	assert_string_equal(sc_size_text(4096, b), "4 KiB");
	assert_string_equal(sc_size_text(1 << 16, b), "64 KiB");
	assert_string_equal(sc_size_text(1000, b), "1000 bytes");
	assert_string_equal(sc_size_text(((size_t)1 << 20) + 1, b), "1048577 bytes");
	assert_string_equal(sc_size_text((size_t)2 << 30, b), "2 GiB");
	/* half units are not whole ones: the next unit down, exactly */
	assert_string_equal(sc_size_text((size_t)3 << 29, b), "1536 MiB");
	assert_string_equal(sc_size_text((size_t)3 << 19, b), "1536 KiB");
	assert_string_equal(sc_size_text(3 << 9, b), "1536 bytes");
	assert_string_equal(sc_size_text(0, b), "0 bytes");
}

/* Both cuts falling inside a two-byte character move off it: the head
 * ends before it, the tail starts after it. */
static void long_message_cut_inside_characters(void **state)
{
	(void)state;
	struct sc_err e;
	const size_t size = sizeof e.msg, head = size / 4, tail = size - 1 - head - 3;
	static char text[2001];
	const size_t len = sizeof text - 1;
	memset(text, 'b', len);
	memset(text, 'a', head - 1);
	memcpy(text + head - 1, "\xc3\xa9", 2);	    /* the head's cut at its second byte */
	memcpy(text + len - tail - 1, "\xc3\xa9", 2); /* and the tail's */
	memset(text + len - tail + 1, 'c', tail - 1);
	sc_fail(&e, SC_EUSAGE, "%s", text);
	char want[sizeof e.msg];
	memset(want, 'a', head - 1);
	memcpy(want + head - 1, "...", 3);
	memset(want + head + 2, 'c', tail - 1);
	want[head + 2 + tail - 1] = '\0';
	assert_string_equal(e.msg, want);
}

/* Escaping needs room for "..." and the NUL: less than 4 bytes hold
 * nothing but the NUL (and 0 bytes not even that). */
static void escape_small(void **state)
{
	(void)state;
	char out[8] = "xyz";
	assert_int_equal(sc_escape("a", out, 0), -1);
	assert_string_equal(out, "xyz");
	assert_int_equal(sc_escape("a", out, 3), -1);
	assert_string_equal(out, "");
	strcpy(out, "xyz");
	assert_int_equal(sc_escape("a", out, 1), -1);
	assert_string_equal(out, "");
	assert_int_equal(sc_escape("", out, 4), 0);
	assert_string_equal(out, "");
	assert_int_equal(sc_escape("a", out, 4), -1);
	assert_string_equal(out, "...");
	assert_int_equal(sc_escape("a", out, 5), 0);
	assert_string_equal(out, "a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(short_message_whole),
	    cmocka_unit_test(long_message_keeps_reason),
	    cmocka_unit_test(long_message_exact_cut),
	    cmocka_unit_test(message_of_buffer_size),
	    cmocka_unit_test(size_text_exact),
	    cmocka_unit_test(long_message_cut_inside_characters),
	    cmocka_unit_test(escape_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
