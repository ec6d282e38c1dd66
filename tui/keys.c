/* Key bindings, key names and the generated key documentation, all read
 * from the action table in actions.h. */
#include "actions.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
			if (actions[a].keys[i] == key)
				return a;
	}
	return TUI_A_NONE;
}

static const struct {
	int key;
	const char *name;
} named[] = {
    {TUI_KENTER, "Enter"},     {TUI_KESC, "Esc"},
    {TUI_KTAB, "Tab"},         {' ', "Space"},
    {TUI_K_UP, "Up"},          {TUI_K_DOWN, "Down"},
    {TUI_K_LEFT, "Left"},      {TUI_K_RIGHT, "Right"},
    {TUI_K_HOME, "Home"},      {TUI_K_END, "End"},
    {TUI_K_PPAGE, "PgUp"},     {TUI_K_NPAGE, "PgDn"},
    {TUI_K_IC, "Insert"},      {TUI_K_DC, "Delete"},
    {TUI_K_BTAB, "Shift-Tab"}, {TUI_K_BACKSPACE, "Backspace"},
};

const char *tui_key_name(int key, char *buf, int n)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key)
			return snprintf(buf, (size_t)n, "%s", named[i].name), buf;
	if (key >= TUI_KF(1) && key <= TUI_KF(12))
		snprintf(buf, (size_t)n, "F%d", key - TUI_KF(0));
	else if (key > 0 && key < 0x20)
		snprintf(buf, (size_t)n, "Ctrl-%c", key + '@');
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, (size_t)n, "%c", key);
	else
		snprintf(buf, (size_t)n, "key %#x", (unsigned)key);
	return buf;
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
		put(buf, n, len, "  %-16s %s\n", keys, actions[a].help);
	}
}

int tui_keys_text(char *buf, int n, unsigned first)
{
	int len = 0;
	buf[0] = '\0';
	put(buf, n, &len,
	    "Every function key also works as Esc followed by its digit "
	    "(F10 is Esc 0).\n");
	/* The keys of the screen F1 was pressed on come first. */
	for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++)
		if (contexts[c].ctx & first)
			keys_section(buf, n, &len, c);
	for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++)
		if (!(contexts[c].ctx & first))
			keys_section(buf, n, &len, c);
	return len;
}
