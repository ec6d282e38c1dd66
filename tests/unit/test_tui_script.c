/* The --script parser: key names, repeats, commands and the FILE:LINE
 * errors a bad line gets. */
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

#include "tui/actions.h"
#include "tui/script.h"

static struct tui_script *parse_ok(const char *text)
{
	struct tui_script *s = NULL;
	char err[512] = "";
	int r = tui_script_parse("t.keys", text, strlen(text), &s, err, sizeof err);
	if (r != 0)
		fail_msg("parse failed: %s", err);
	return s;
}

static void parse_bad(const char *text, const char *want)
{
	struct tui_script *s = NULL;
	char err[512] = "";
	assert_int_equal(tui_script_parse("t.keys", text, strlen(text), &s, err, sizeof err), -1);
	assert_null(s);
	if (!strstr(err, want))
		fail_msg("error '%s' lacks '%s'", err, want);
}

static void keys_and_text(void **state)
{
	(void)state;
	struct tui_script *s = parse_ok("<Down>\n<F4>\n<esc>\n<Enter>\nab\n<C-l>\n<lt>\n");
	int want[] = {TUI_K_DOWN, TUI_KF(4), TUI_KESC, TUI_KENTER, 'a', 'b', TUI_CTRL('L'), '<'};
	assert_int_equal(s->n, 8);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(s->ev[i].op, TUI_S_KEY);
		assert_int_equal(s->ev[i].key, want[i]);
	}
	assert_int_equal(s->ev[4].line, 5);
	tui_script_free(s);
}

static void utf8_text(void **state)
{
	(void)state;
	struct tui_script *s = parse_ok("日本 ✓\r\n");
	assert_int_equal(s->n, 4);
	assert_int_equal(s->ev[0].key, 0x65e5);
	assert_int_equal(s->ev[2].key, ' ');
	assert_int_equal(s->ev[3].key, 0x2713);
	tui_script_free(s);
}

static void repeats_and_commands(void **state)
{
	(void)state;
	struct tui_script *s =
	    parse_ok("<Down>*3\n:sleep 250\n:dump out.txt\n:resize 60x20\n:# note\n\n:text <F1>\n");
	assert_int_equal(s->n, 3 + 1 + 1 + 1 + 4);
	assert_int_equal(s->ev[2].key, TUI_K_DOWN);
	assert_int_equal(s->ev[3].op, TUI_S_SLEEP);
	assert_int_equal(s->ev[3].ms, 250);
	assert_int_equal(s->ev[4].op, TUI_S_DUMP);
	assert_string_equal(s->ev[4].path, "out.txt");
	assert_int_equal(s->ev[5].op, TUI_S_RESIZE);
	assert_int_equal(s->ev[5].cols, 60);
	assert_int_equal(s->ev[5].rows, 20);
	assert_int_equal(s->ev[6].key, '<');
	assert_int_equal(s->ev[6].line, 7);
	tui_script_free(s);
}

static void bad_lines(void **state)
{
	(void)state;
	parse_bad("<Down>\n<Nope>\n", "t.keys:2: unknown key <Nope>");
	parse_bad("<Down>*0\n", "t.keys:1: bad key line");
	parse_bad("<Down>x\n", "t.keys:1: bad key line");
	parse_bad(":sleep -1\n", "t.keys:1: :sleep needs milliseconds");
	parse_bad(":sleep 99999999\n", "t.keys:1: :sleep");
	parse_bad(":dump\n", "t.keys:1: :dump needs a file name");
	parse_bad(":resize 80\n", "t.keys:1: :resize needs COLSxROWS");
	parse_bad(":resize 0x10\n", "t.keys:1: :resize");
	parse_bad("ok\n:what\n", "t.keys:2: unknown command ':what'");
	parse_bad("\xff\n", "t.keys:1: text is not valid UTF-8");
	parse_bad("a\x01"
	          "b\n",
	          "t.keys:1: control character");
	struct tui_script *s = NULL;
	char err[256] = "";
	assert_int_equal(tui_script_parse("t.keys", "ab\0cd\n", 6, &s, err, sizeof err), -1);
	assert_non_null(strstr(err, "t.keys:1: NUL"));
}

/* A script within the event bound parses; one event more is refused by
 * name, whether the events come from repeats or from typed text. */
static void event_bound(void **state)
{
	(void)state;
	int lines = TUI_SCRIPT_MAX_EVENTS / 1000;
	size_t cap = (size_t)lines * 12 + 16;
	char *text = malloc(cap), *p = text;
	assert_non_null(text);
	for (int i = 0; i < lines; i++)
		p += sprintf(p, "<Down>*1000\n");
	struct tui_script *s = parse_ok(text);
	assert_int_equal(s->n, TUI_SCRIPT_MAX_EVENTS);
	tui_script_free(s);
	strcpy(p, "x\n");
	parse_bad(text, "more than 1000000 events");
	strcpy(p, "<Up>\n");
	parse_bad(text, "split it");
	strcpy(p, ":sleep 1\n");
	parse_bad(text, "more than 1000000 events");
	free(text);
}

/* Numbers in a script are written like every other number: no blanks. */
static void numbers_without_blanks(void **state)
{
	(void)state;
	parse_bad(":sleep  10\n", ":sleep needs milliseconds");
	parse_bad(":sleep 10 \n", ":sleep needs milliseconds");
	parse_bad(":sleep +10\n", ":sleep needs milliseconds");
	parse_bad("<Down>* 3\n", "bad key line");
	parse_bad("<Down>*+3\n", "bad key line");
}

static void key_names(void **state)
{
	(void)state;
	assert_int_equal(tui_key_parse("F12"), TUI_KF(12));
	assert_int_equal(tui_key_parse("f1"), TUI_KF(1));
	assert_int_equal(tui_key_parse("F13"), -1);
	assert_int_equal(tui_key_parse("PgDn"), TUI_K_NPAGE);
	assert_int_equal(tui_key_parse("^x"), TUI_CTRL('X'));
	assert_int_equal(tui_key_parse("Ctrl-"), -1);
	assert_int_equal(tui_key_parse(""), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(keys_and_text),
	    cmocka_unit_test(utf8_text),
	    cmocka_unit_test(repeats_and_commands),
	    cmocka_unit_test(bad_lines),
	    cmocka_unit_test(key_names),
	    cmocka_unit_test(event_bound),
	    cmocka_unit_test(numbers_without_blanks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
