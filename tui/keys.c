/* Key bindings, key names and the generated key documentation, all read
 * from the action table in actions.h. */
#include "actions.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

static const struct tui_action_info actions[TUI_A_COUNT] = {
#define TUI_X_INFO(id, name, label, ctx, bar, k1, k2, k3, help)                                    \
	[TUI_A_##id] = {name, label, ctx, bar, {k1, k2, k3}, help},
    TUI_ACTIONS(TUI_X_INFO)
#undef TUI_X_INFO
};

const struct tui_action_info *tui_action_info(int action)
{
	return action >= 0 && action < TUI_A_COUNT ? &actions[action] : NULL;
}

int tui_action_for(int key, unsigned ctx)
{
	for (int a = 0; a < TUI_A_COUNT; a++) {
		if (!(actions[a].ctx & ctx))
			continue;
		for (int i = 0; i < 3 && actions[a].keys[i]; i++)
			if (actions[a].keys[i] == key ||
			    (actions[a].keys[i] == TUI_K_ALT_ANY && (key & TUI_ALT_FLAG)))
				return a;
	}
	return TUI_A_NONE;
}

/* Key names.  A key's first name is the one shown (key bar, F1, the man
 * page); keystroke scripts read every name, and the script-only ones too. */
static const struct {
	int key;
	const char *name;
	bool script_only;
} key_names[] = {
    {TUI_KENTER, "Enter", false},     {TUI_KENTER, "Return", true},
    {TUI_KESC, "Esc", false},         {TUI_KESC, "Escape", true},
    {TUI_KTAB, "Tab", false},         {' ', "Space", false},
    {TUI_K_UP, "Up", false},          {TUI_K_DOWN, "Down", false},
    {TUI_K_LEFT, "Left", false},      {TUI_K_RIGHT, "Right", false},
    {TUI_K_HOME, "Home", false},      {TUI_K_END, "End", false},
    {TUI_K_PPAGE, "PgUp", false},     {TUI_K_PPAGE, "PageUp", true},
    {TUI_K_NPAGE, "PgDn", false},     {TUI_K_NPAGE, "PageDown", true},
    {TUI_K_IC, "Insert", false},      {TUI_K_IC, "Ins", true},
    {TUI_K_DC, "Delete", false},      {TUI_K_DC, "Del", true},
    {TUI_K_BTAB, "Shift-Tab", false}, {TUI_K_BTAB, "BTab", true},
    {TUI_K_BTAB, "S-Tab", true},      {TUI_K_BACKSPACE, "Backspace", false},
    {TUI_K_BACKSPACE, "BS", true},    {'<', "lt", true},
    {'>', "gt", true},                {TUI_K_SR, "Shift-Up", false},
    {TUI_K_SR, "S-Up", true},         {TUI_K_SF, "Shift-Down", false},
    {TUI_K_SF, "S-Down", true},
};

const char *tui_key_name(int key, char *buf, int n)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key && !key_names[i].script_only)
			return snprintf(buf, (size_t)n, "%s", key_names[i].name), buf;
	if (key == TUI_K_ALT_ANY)
		snprintf(buf, (size_t)n, "Alt-letter");
	else if (key & TUI_ALT_FLAG)
		snprintf(buf, (size_t)n, "Alt-%lc", (wint_t)(key & ~TUI_ALT_FLAG));
	else if (key >= TUI_KF(1) && key <= TUI_KF(12))
		snprintf(buf, (size_t)n, "F%d", key - TUI_KF(0));
	else if (key > 0 && key < 0x20)
		snprintf(buf, (size_t)n, "Ctrl-%c", key + '@');
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, (size_t)n, "%c", key);
	else
		snprintf(buf, (size_t)n, "key %#x", (unsigned)key);
	return buf;
}

int tui_key_parse(const char *name)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(name, key_names[i].name) == 0)
			return key_names[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12)
			return TUI_KF((int)n);
	}
	/* M-x and Alt-x name Esc then x (Alt-x to the program). */
	const char *m = strncasecmp(name, "M-", 2) == 0     ? name + 2
			: strncasecmp(name, "Alt-", 4) == 0 ? name + 4
							    : NULL;
	if (m && m[0] > ' ' && m[0] < 0x7f && !m[1] && !(m[0] >= '0' && m[0] <= '9'))
		return TUI_ALT(m[0]);
	/* C-x, Ctrl-x and ^x all name a control key. */
	const char *c = NULL;
	if (strncasecmp(name, "C-", 2) == 0)
		c = name + 2;
	else if (strncasecmp(name, "Ctrl-", 5) == 0)
		c = name + 5;
	else if (name[0] == '^')
		c = name + 1;
	if (c && c[0] && !c[1] && ((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= 'A' && c[0] <= 'Z')))
		return TUI_CTRL(c[0]);
	return -1;
}

void tui_action_keys(int action, char *buf, int n)
{
	char name[32];
	int len = 0;
	buf[0] = '\0';
	for (int i = 0; i < 3 && actions[action].keys[i] && len < n; i++)
		len += snprintf(buf + len, (size_t)(n - len), "%s%s", i ? ", " : "",
		                tui_key_name(actions[action].keys[i], name, sizeof name));
}

void tui_hint_text(char *buf, int n, const struct tui_hint *hints, int count)
{
	char name[32];
	int len = 0;
	buf[0] = '\0';
	for (int i = 0; i < count && len < n; i++) {
		for (int k = 0; k < hints[i].n && len < n; k++)
			len += snprintf(buf + len, (size_t)(n - len), "%s%s", k ? "/" : i ? "  " : "",
			                tui_key_name(actions[hints[i].act[k]].keys[0], name, sizeof name));
		if (len < n)
			len += snprintf(buf + len, (size_t)(n - len), ": %s", hints[i].what);
	}
}

static const struct {
	unsigned ctx;
	const char *title;
} contexts[] = {
    {TUI_CTX_LIST, "Main screen (lists)"},
    {TUI_CTX_OPTIONS, "Site options tab"},
    {TUI_CTX_FORM, "VM, template and pool form"},
    {TUI_CTX_CHOOSER, "Dropdown list"},
    {TUI_CTX_DIALOG, "Dialogs and the option editor"},
    {TUI_CTX_PAGER, "Help"},
    {TUI_CTX_PREVIEW, "Preview"},
    {TUI_CTX_RULES, "UsbFilter rule editor"},
};

const char *tui_ctx_title(unsigned ctx)
{
	for (size_t i = 0; i < sizeof contexts / sizeof contexts[0]; i++)
		if (contexts[i].ctx == ctx)
			return contexts[i].title;
	return "?";
}

/* Appends to buf without overflowing; keeps the running length. */
static void put(char *buf, int n, int *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void put(char *buf, int n, int *len, const char *fmt, ...)
{
	if (*len >= n)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(buf + *len, (size_t)(n - *len), fmt, ap);
	va_end(ap);
	*len = w < 0 ? n : (*len + w > n ? n : *len + w);
}

/* roff needs a backslash before a leading dot or a hyphen that is a minus. */
static void roff_text(char *buf, int n, int *len, const char *s)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			put(buf, n, len, "\\%c", *s == '\\' ? 'e' : '-');
		else
			put(buf, n, len, "%c", *s);
	}
}

int tui_keys_roff(char *buf, int n)
{
	int len = 0;
	char keys[96];
	buf[0] = '\0';
	put(buf, n, &len, ".SH KEYS\n");
	put(buf, n, &len,
	    "Every function key also works as Esc followed by its digit "
	    "(F10 is Esc 0).\n");
	for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++) {
		put(buf, n, &len, ".SS ");
		roff_text(buf, n, &len, contexts[c].title);
		put(buf, n, &len, "\n");
		for (int a = 0; a < TUI_A_COUNT; a++) {
			if (!(actions[a].ctx & contexts[c].ctx))
				continue;
			tui_action_keys(a, keys, sizeof keys);
			put(buf, n, &len, ".TP\n.B ");
			roff_text(buf, n, &len, keys);
			put(buf, n, &len, "\n");
			roff_text(buf, n, &len, actions[a].help);
			put(buf, n, &len, ".\n");
		}
	}
	return len;
}

static void keys_section(char *buf, int n, int *len, size_t c)
{
	char keys[96];
	put(buf, n, len, "\n%s\n", contexts[c].title);
	for (int a = 0; a < TUI_A_COUNT; a++) {
		if (!(actions[a].ctx & contexts[c].ctx))
			continue;
		tui_action_keys(a, keys, sizeof keys);
		/* two spaces before the text, always: wrapped lines align under it */
		put(buf, n, len, "  %-16s  %s\n", keys, actions[a].help);
	}
}

int tui_keys_text(char *buf, int n, unsigned first)
{
	int len = 0;
	bool any = false;
	buf[0] = '\0';
	put(buf, n, &len,
	    "Every function key also works as Esc followed by its digit "
	    "(F10 is Esc 0).\n");
	/* The keys of the screen F1 was pressed on, only: each screen's F1
	 * lists its own (the man page has them all). */
	for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++)
		if (contexts[c].ctx & first) {
			keys_section(buf, n, &len, c);
			any = true;
		}
	for (size_t c = 0; !any && c < sizeof contexts / sizeof contexts[0]; c++)
		keys_section(buf, n, &len, c);
	if (any)
		put(buf, n, &len, "\nOther screens list their keys on their own F1 page.\n");
	return len;
}
