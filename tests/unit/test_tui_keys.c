/* The action table: one action per key in each context, every action
 * documented, help topics for every field and site option, and the KEYS
 * section of spicecfg(1) generated from the table.
 * SPICECFG_UPDATE_MAN=1 rewrites that section. */
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

#include "model/field.h"
#include "store/config.h"
#include "tui/actions.h"
#include "tui/helpdb.h"

#define MAN   "help/spicecfg.1"
#define BEGIN ".\\\" KEYS: generated from tui/actions.h (make test checks it)\n"
#define END   ".\\\" END KEYS\n"

static void one_action_per_key(void **state)
{
	(void)state;
	for (int a = 0; a < TUI_A_COUNT; a++) {
		const struct tui_action_info *ai = tui_action_info(a);
		for (unsigned c = 1; c <= TUI_CTX_ALL; c <<= 1) {
			if (!(ai->ctx & c))
				continue;
			for (int k = 0; k < 3 && ai->keys[k]; k++)
				if (tui_action_for(ai->keys[k], c) != a)
					fail_msg(
					    "key %#x of %s is also bound to %s in context %#x",
					    (unsigned)ai->keys[k], ai->name,
					    tui_action_info(tui_action_for(ai->keys[k], c))->name,
					    c);
		}
	}
}

static void every_action_documented(void **state)
{
	(void)state;
	for (int a = 0; a < TUI_A_COUNT; a++) {
		const struct tui_action_info *ai = tui_action_info(a);
		assert_non_null(ai->name);
		assert_true(strlen(ai->help) > 5);
		assert_true(ai->keys[0] != 0);
		if ((ai->bar & ~ai->ctx) != 0)
			fail_msg("%s is on the key bar where it is not bound", ai->name);
	}
	char buf[32];
	assert_string_equal(tui_key_name(TUI_KF(10), buf, sizeof buf), "F10");
	assert_string_equal(tui_key_name(TUI_CTRL('L'), buf, sizeof buf), "Ctrl-L");
	assert_string_equal(tui_key_name(TUI_K_IC, buf, sizeof buf), "Insert");
	char keys[64];
	tui_action_keys(TUI_A_NEW, keys, sizeof keys);
	assert_string_equal(keys, "F2, Insert");
}

/* One table of key names: every key the actions bind is read back from the
 * name it is shown by (single characters are typed as text in scripts). */
static void key_names_round_trip(void **state)
{
	(void)state;
	char name[32];
	for (int a = 0; a < TUI_A_COUNT; a++)
		for (int k = 0; k < 3 && tui_action_info(a)->keys[k]; k++) {
			int key = tui_action_info(a)->keys[k];
			tui_key_name(key, name, sizeof name);
			if (key != TUI_K_ALT_ANY && strlen(name) > 1 && tui_key_parse(name) != key)
				fail_msg("key %s of %s does not read back", name, tui_action_info(a)->name);
		}
	assert_int_equal(tui_key_parse("Shift-Tab"), TUI_K_BTAB);
	assert_int_equal(tui_key_parse("S-Tab"), TUI_K_BTAB);
	assert_int_equal(tui_key_parse("lt"), '<');
	/* Alt: one name for any character in the table, each one in scripts */
	assert_string_equal(tui_key_name(TUI_K_ALT_ANY, name, sizeof name), "Alt-letter");
	assert_string_equal(tui_key_name(TUI_ALT('w'), name, sizeof name), "Alt-w");
	assert_int_equal(tui_key_parse("Alt-w"), TUI_ALT('w'));
	assert_int_equal(tui_key_parse("M-W"), TUI_ALT('W'));
	assert_int_equal(tui_key_parse("M-1"), -1); /* Esc 1 is F1 */
	assert_int_equal(tui_action_for(TUI_ALT('w'), TUI_CTX_LIST), TUI_A_QSEARCH);
	assert_int_equal(tui_action_for(TUI_CTRL('S'), TUI_CTX_LIST), TUI_A_QSEARCH);
	assert_int_equal(tui_action_for(TUI_ALT('w'), TUI_CTX_FORM), TUI_A_NONE);
	/* script-only names are never shown */
	assert_string_equal(tui_key_name('<', name, sizeof name), "<");
	assert_string_equal(tui_key_name(TUI_K_BTAB, name, sizeof name), "Shift-Tab");
}

/* Hint lines name the keys the table binds; + and - are in the table, so
 * F1 and the man page list them. */
static void hints_from_table(void **state)
{
	(void)state;
	char buf[128];
	const struct tui_hint h[] = {{2, {TUI_A_INCREASE, TUI_A_DECREASE}, "step"},
	                             {2, {TUI_A_CHOOSE, TUI_A_SAVE}, "save"},
	                             {1, {TUI_A_BACK}, "cancel"}};
	tui_hint_text(buf, sizeof buf, h, 3);
	assert_string_equal(buf, "+/-: step  Enter/F2: save  Esc: cancel");
	tui_hint_text(buf, 8, h, 3); /* cut, still terminated */
	assert_int_equal(strlen(buf), 7);
	assert_int_equal(tui_action_for('+', TUI_CTX_DIALOG), TUI_A_INCREASE);
	assert_int_equal(tui_action_for('-', TUI_CTX_DIALOG), TUI_A_DECREASE);
	static char keys[1 << 15];
	tui_keys_text(keys, sizeof keys, TUI_CTX_DIALOG);
	assert_non_null(strstr(keys, "\n  +                 Step a number"));
	assert_non_null(strstr(keys, "\n  -                 Step a number"));
	/* one screen's keys, not every list repeated */
	assert_non_null(strstr(keys, "Dialogs and the option editor"));
	assert_null(strstr(keys, "Main screen (lists)"));
	assert_null(strstr(keys, "UsbFilter rule editor"));
}

static void help_topics_exist(void **state)
{
	(void)state;
	for (int f = 0; f < SC_F_COUNT; f++)
		if (!tui_help_text(sc_field_info(f)->help))
			fail_msg("no help topic '%s' for field %s", sc_field_info(f)->help,
			         sc_field_info(f)->key);
	static struct sc_optreg reg;
	struct sc_err err = {0};
	assert_int_equal(config_load_optdefs(&reg, NULL, &err), 0);
	for (int i = 0; i < reg.n; i++)
		if (!tui_help_text(reg.defs[i].key))
			fail_msg("no help topic for site option %s", reg.defs[i].key);
	const char *screens[] = {"main",     "clusters",   "pools",   "options", "history",
	                         "form",     "preview",    "dialogs", "help",    "native-migration",
	                         "xinerama", "wan-options"};
	for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
		if (!tui_help_text(screens[i]))
			fail_msg("no help topic '%s'", screens[i]);
}

/* Static: a failed check jumps out of the test without freeing. */
static char *slurp(const char *path)
{
	static char buf[1 << 18];
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* Puts the generated section in place of the old one (or before EXIT STATUS). */
static void update_man(const char *man, const char *section)
{
	const char *b = strstr(man, BEGIN), *e = b ? strstr(b, END) : NULL;
	const char *at = b ? b : strstr(man, ".SH EXIT STATUS");
	assert_non_null(at);
	FILE *f = fopen(MAN, "w");
	assert_non_null(f);
	fprintf(f, "%.*s%s%s%s%s", (int)(at - man), man, BEGIN, section, END,
	        e ? e + strlen(END) : at);
	fclose(f);
}

static void man_keys_match_table(void **state)
{
	(void)state;
	static char section[1 << 16];
	tui_keys_roff(section, sizeof section);
	char *man = slurp(MAN);
	if (!man)
		fail_msg("cannot read %s (run from the top of the tree)", MAN);
	if (getenv("SPICECFG_UPDATE_MAN")) {
		char *copy = strdup(man);
		assert_non_null(copy);
		update_man(copy, section);
		free(copy);
		man = slurp(MAN);
	}
	const char *b = strstr(man, BEGIN);
	const char *e = b ? strstr(b, END) : NULL;
	if (!b || !e)
		fail_msg("%s has no generated KEYS section; run with SPICECFG_UPDATE_MAN=1", MAN);
	b += strlen(BEGIN);
	if ((size_t)(e - b) != strlen(section) || strncmp(b, section, strlen(section)) != 0)
		fail_msg("the KEYS section of %s differs from tui/actions.h; "
		         "run with SPICECFG_UPDATE_MAN=1",
		         MAN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(one_action_per_key),
	    cmocka_unit_test(every_action_documented),
	    cmocka_unit_test(key_names_round_trip),
	    cmocka_unit_test(hints_from_table),
	    cmocka_unit_test(help_topics_exist),
	    cmocka_unit_test(man_keys_match_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
