/* The one table of user actions.  It binds keys (tui_action_for), builds
 * the key bar, the F1 key list and the KEYS section of spicecfg(1); a key
 * exists in the program only if it is listed here.
 *
 * X(ID, name, bar label or NULL, contexts, bar contexts, key1, key2, key3, help)
 * Contexts say where an action is bound; the same key may mean different
 * actions in different contexts (F2 is New in lists, Save in the form). */
#ifndef TUI_ACTIONS_H
#define TUI_ACTIONS_H

/* A key is one int: a Unicode character, or TUI_KC(ncurses KEY_* code). */
#define TUI_KC_FLAG     0x200000
#define TUI_KC(k)       (TUI_KC_FLAG | (k))
#define TUI_KF(n)       TUI_KC(0410 + (n)) /* KEY_F(n) without needing curses.h */
#define TUI_CTRL(c)     ((c)&0x1f)
#define TUI_KENTER      '\n'
#define TUI_KESC        27
#define TUI_KTAB        '\t'
#define TUI_K_UP        TUI_KC(0403)
#define TUI_K_DOWN      TUI_KC(0402)
#define TUI_K_LEFT      TUI_KC(0404)
#define TUI_K_RIGHT     TUI_KC(0405)
#define TUI_K_HOME      TUI_KC(0406)
#define TUI_K_BACKSPACE TUI_KC(0407)
#define TUI_K_DC        TUI_KC(0512)
#define TUI_K_IC        TUI_KC(0513)
#define TUI_K_NPAGE     TUI_KC(0522)
#define TUI_K_PPAGE     TUI_KC(0523)
#define TUI_K_BTAB      TUI_KC(0541)
#define TUI_K_END       TUI_KC(0550)
#define TUI_K_SF        TUI_KC(0520) /* Shift-Down */
#define TUI_K_SR        TUI_KC(0521) /* Shift-Up */
#define TUI_K_RESIZE    TUI_KC(0632)
#define TUI_K_MOUSE     TUI_KC(0631)
/* Alt with a character: Esc then the character (Esc then a digit stays
 * that F-key).  TUI_K_ALT_ANY in the table binds Alt with any character. */
#define TUI_ALT_FLAG    0x400000
#define TUI_ALT(c)      (TUI_ALT_FLAG | (c))
#define TUI_K_ALT_ANY   TUI_ALT(0)

/* Contexts: where an action is bound. */
#define TUI_CTX_LIST    (1u << 0) /* main screen, object and history tabs */
#define TUI_CTX_OPTIONS (1u << 1) /* main screen, site options tab */
#define TUI_CTX_FORM    (1u << 2) /* New / Edit form */
#define TUI_CTX_CHOOSER (1u << 3) /* dropdown list */
#define TUI_CTX_DIALOG  (1u << 4) /* confirm, conflict, option editor */
#define TUI_CTX_PAGER   (1u << 5) /* help */
#define TUI_CTX_PREVIEW (1u << 6) /* preview of an object */
#define TUI_CTX_RULES   (1u << 7) /* the UsbFilter rule editor */
#define TUI_CTX_MAIN    (TUI_CTX_LIST | TUI_CTX_OPTIONS)
#define TUI_CTX_PAGES   (TUI_CTX_PAGER | TUI_CTX_PREVIEW)
#define TUI_CTX_ALL     0xffu

/* clang-format off */
#define TUI_ACTIONS(X) \
X(HELP,     "help",      "Help",    TUI_CTX_ALL, TUI_CTX_MAIN | TUI_CTX_FORM | TUI_CTX_DIALOG | TUI_CTX_RULES, \
  TUI_KF(1), 0, 0, "Help for the focused field or screen, with this key list") \
X(NEW,      "new",       "New",     TUI_CTX_LIST, TUI_CTX_LIST, TUI_KF(2), TUI_K_IC, 0, \
  "Create an object of the current tab (a VM form on the VMs tab)") \
X(SAVE,     "save",      "Save",    TUI_CTX_FORM | TUI_CTX_DIALOG | TUI_CTX_RULES, TUI_CTX_FORM | TUI_CTX_RULES, \
  TUI_KF(2), 0, 0, "Save the form or the option (OK); refused with the reason while a field is invalid") \
X(EDIT,     "edit",      "Edit",    TUI_CTX_MAIN, TUI_CTX_MAIN, TUI_KF(4), TUI_KENTER, 0, \
  "Edit the selected object or site option") \
X(PREVIEW,  "preview",   "Preview", TUI_CTX_LIST, TUI_CTX_LIST, 'x', 0, 0, \
  "Show the selected object as OVF, domain XML, .vv file or API XML") \
X(IMPORT,   "import",    NULL,      TUI_CTX_LIST, 0, 'i', 0, 0, \
  "Import OVF or API XML files, or a directory of them, with a progress window") \
X(DELETE,   "delete",    "Delete",  TUI_CTX_LIST, TUI_CTX_LIST, TUI_KF(8), TUI_K_DC, 0, \
  "Remove the selected object (asks first)") \
X(OPTIONS,  "options",   "Options", TUI_CTX_MAIN, TUI_CTX_LIST, TUI_KF(9), 0, 0, \
  "Go to the site options tab") \
X(FILTER,   "filter",    "Filter",  TUI_CTX_MAIN, TUI_CTX_MAIN, '/', 0, 0, \
  "Filter the list by name, OS or cluster (one or two characters: at their start); an empty filter shows everything") \
X(SORT,     "sort",      "Sort",    TUI_CTX_LIST, TUI_CTX_LIST, 's', 0, 0, \
  "Sort the list by its next column (name, cluster, OS, protocol, monitors, USB, ...)") \
X(REVERT,   "revert",    "Undo",    TUI_CTX_LIST, TUI_CTX_LIST, 'u', 0, 0, \
  "On History: revert the selected change, through the rules, as a new audited change") \
X(MARK,     "mark",      NULL,      TUI_CTX_LIST, 0, ' ', 0, 0, \
  "Mark or unmark the selected VM, template or pool; F4 then edits every marked one in one form") \
X(REVERSE,  "reverse",   NULL,      TUI_CTX_LIST, 0, 'r', 0, 0, \
  "Reverse the sort order of the list") \
X(QSEARCH,  "quick-search", NULL,   TUI_CTX_LIST, 0, TUI_CTRL('S'), TUI_K_ALT_ANY, 0, \
  "Quick search: jump to the first row whose name starts with what is typed (any case; Alt-letter starts with that letter); the same key again goes to the next such row, Backspace takes a character back, Enter, Esc or any other key ends it") \
X(NEXT_TAB, "next-tab",  NULL,      TUI_CTX_MAIN, 0, TUI_KTAB, TUI_K_RIGHT, 0, "Next tab") \
X(PREV_TAB, "prev-tab",  NULL,      TUI_CTX_MAIN, 0, TUI_K_BTAB, TUI_K_LEFT, 0, "Previous tab") \
X(NEXT_FIELD, "next-field", NULL,   TUI_CTX_FORM | TUI_CTX_DIALOG, 0, TUI_KTAB, TUI_K_DOWN, 0, \
  "Next field or button") \
X(PREV_FIELD, "prev-field", NULL,   TUI_CTX_FORM | TUI_CTX_DIALOG, 0, TUI_K_BTAB, TUI_K_UP, 0, \
  "Previous field or button") \
X(UP,       "up",        NULL,      TUI_CTX_MAIN | TUI_CTX_CHOOSER | TUI_CTX_PAGES | TUI_CTX_RULES, 0, TUI_K_UP, 'k', 0, \
  "Move up one line") \
X(DOWN,     "down",      NULL,      TUI_CTX_MAIN | TUI_CTX_CHOOSER | TUI_CTX_PAGES | TUI_CTX_RULES, 0, TUI_K_DOWN, 'j', 0, \
  "Move down one line") \
X(PAGE_UP,  "page-up",   NULL,      TUI_CTX_ALL, 0, TUI_K_PPAGE, 0, 0, "Move up one page") \
X(PAGE_DOWN, "page-down", NULL,     TUI_CTX_ALL, 0, TUI_K_NPAGE, 0, 0, "Move down one page") \
X(FIRST,    "first",     NULL,      TUI_CTX_MAIN | TUI_CTX_CHOOSER | TUI_CTX_PAGES | TUI_CTX_RULES, 0, TUI_K_HOME, 'g', 0, \
  "Go to the first line") \
X(LAST,     "last",      NULL,      TUI_CTX_MAIN | TUI_CTX_CHOOSER | TUI_CTX_PAGES | TUI_CTX_RULES, 0, TUI_K_END, 'G', 0, \
  "Go to the last line") \
X(CHOOSE,   "choose",    "Choose",  TUI_CTX_FORM | TUI_CTX_CHOOSER | TUI_CTX_DIALOG | TUI_CTX_RULES, TUI_CTX_FORM | TUI_CTX_CHOOSER, \
  TUI_KENTER, 0, 0, "Open the dropdown of the field, pick the highlighted value, or press the button; in the rule editor, edit the cell") \
X(TOGGLE,   "toggle",    "Toggle",  TUI_CTX_FORM | TUI_CTX_DIALOG | TUI_CTX_RULES, TUI_CTX_FORM, ' ', 0, 0, \
  "Toggle an on/off field or checklist item; next allowed value of a dropdown; in the rule editor, allow/block or the next named USB class") \
X(PREV_VALUE, "prev-value", NULL,   TUI_CTX_FORM | TUI_CTX_DIALOG, 0, TUI_K_LEFT, 0, 0, \
  "Previous allowed value of a dropdown (in a text field: cursor left)") \
X(NEXT_VALUE, "next-value", NULL,   TUI_CTX_FORM | TUI_CTX_DIALOG, 0, TUI_K_RIGHT, 0, 0, \
  "Next allowed value of a dropdown (in a text field: cursor right)") \
X(INCREASE, "increase",  NULL,      TUI_CTX_DIALOG, 0, '+', 0, 0, \
  "Step a number in the option editor up by one, within its range") \
X(DECREASE, "decrease",  NULL,      TUI_CTX_DIALOG, 0, '-', 0, 0, \
  "Step a number in the option editor down by one, within its range") \
X(NEXT_COLUMN, "next-column", NULL, TUI_CTX_RULES, 0, TUI_KTAB, TUI_K_RIGHT, 0, \
  "Next column of the rule (class, vendor, product, version, allow/block)") \
X(PREV_COLUMN, "prev-column", NULL, TUI_CTX_RULES, 0, TUI_K_BTAB, TUI_K_LEFT, 0, \
  "Previous column of the rule") \
X(ADD_RULE, "add-rule",  "Add",     TUI_CTX_RULES, TUI_CTX_RULES, TUI_K_IC, 'a', 0, \
  "Add a rule (any device, allow) above the selected one: rules are tried in order") \
X(REMOVE_RULE, "remove-rule", "Remove", TUI_CTX_RULES, TUI_CTX_RULES, TUI_K_DC, 'd', 0, \
  "Remove the selected rule") \
X(MOVE_UP,  "move-up",   NULL,      TUI_CTX_RULES, 0, TUI_K_SR, 'K', 0, \
  "Move the selected rule up, before the one above it") \
X(MOVE_DOWN, "move-down", NULL,     TUI_CTX_RULES, 0, TUI_K_SF, 'J', 0, \
  "Move the selected rule down, after the one below it") \
X(SEARCH,   "search",    "Search",  TUI_CTX_PAGER, TUI_CTX_PAGER, '/', 0, 0, \
  "Search the help for a word (any case); the page goes to the first line holding it") \
X(SEARCH_NEXT, "search-next", NULL,  TUI_CTX_PAGER, 0, 'n', 0, 0, \
  "Go to the next line holding the word searched for") \
X(SCROLL_LEFT, "scroll-left", NULL,  TUI_CTX_PREVIEW, 0, TUI_K_LEFT, 0, 0, \
  "Scroll the preview left") \
X(SCROLL_RIGHT, "scroll-right", NULL, TUI_CTX_PREVIEW, 0, TUI_K_RIGHT, 0, 0, \
  "Scroll the preview right, for long XML lines") \
X(WRITE,    "write",     "Write",   TUI_CTX_PREVIEW, TUI_CTX_PREVIEW, 'w', 0, 0, \
  "Write the previewed text to a file") \
X(FORMAT,   "format",    "Format",  TUI_CTX_PREVIEW, TUI_CTX_PREVIEW, TUI_KTAB, 0, 0, \
  "Next preview format (OVF, domain XML, .vv, API XML)") \
X(BACK,     "back",      "Back",    TUI_CTX_ALL, TUI_CTX_ALL & ~TUI_CTX_MAIN, TUI_KESC, TUI_KF(10), TUI_CTRL('C'), \
  "Close the form, dialog or page (asks before discarding changes); on the main screen clear the filter, then the marks, else quit (Esc twice, F10 or Ctrl-C)") \
X(QUIT,     "quit",      "Quit",    TUI_CTX_MAIN | TUI_CTX_PAGES, TUI_CTX_MAIN, 'q', 0, 0, \
  "Quit from the main screen; close help or preview") \
X(APPLY,    "apply",     "Apply",   TUI_CTX_LIST | TUI_CTX_PREVIEW, TUI_CTX_LIST | TUI_CTX_PREVIEW, 'a', 0, 0, \
  "On VMs or Hosts: apply the console settings to the selected vm's domain or the host's domains; shows the diff, then asks") \
X(PULL,     "pull",      "Pull",    TUI_CTX_LIST, TUI_CTX_LIST, 'p', 0, 0, \
  "On Hosts: read the selected host's domains into linked vms, with a progress window") \
X(REFRESH,  "refresh",   "Refresh", TUI_CTX_LIST, TUI_CTX_LIST, TUI_KF(5), 0, 0, \
  "On Hosts: connect to every host now: reachable, its domains, how many linked vms differ") \
X(REDRAW,   "redraw",    NULL,      TUI_CTX_ALL, 0, TUI_CTRL('L'), 0, 0, "Redraw the whole screen") \
X(SUSPEND,  "suspend",   NULL,      TUI_CTX_ALL, 0, TUI_CTRL('Z'), 0, 0, \
  "Suspend to the shell (fg brings the screen back as it was)")
/* clang-format on */

enum tui_action {
	TUI_A_NONE = -1,
#define TUI_X_ENUM(id, ...) TUI_A_##id,
	TUI_ACTIONS(TUI_X_ENUM)
#undef TUI_X_ENUM
	    TUI_A_COUNT
};

struct tui_action_info {
	const char *name;
	const char *label;
	unsigned ctx, bar;
	int keys[3];
	const char *help;
};

const struct tui_action_info *tui_action_info(int action);
/* The action bound to key in a context, or TUI_A_NONE. */
int tui_action_for(int key, unsigned ctx);
/* "F1", "Insert", "Ctrl-L", "x" */
const char *tui_key_name(int key, char *buf, int n);
/* The key a name stands for, as keystroke scripts write it without the
 * angle brackets ("Down", "F4", "C-l", "PageDown"); -1 if unknown. */
int tui_key_parse(const char *name);
/* The keys of an action joined: "F2, Insert". */
void tui_action_keys(int action, char *buf, int n);
/* Context names used by the F1 list and the man page. */
const char *tui_ctx_title(unsigned ctx);
/* A hint line ("Enter/F2: save  Esc: cancel"): each item shows the first
 * keys of its actions, joined by '/', and what they do on that screen. */
struct tui_hint {
	int n;          /* actions in act */
	int act[2];
	const char *what;
};
void tui_hint_text(char *buf, int n, const struct tui_hint *hints, int count);
/* The KEYS section of spicecfg(1), generated from the table. */
int tui_keys_roff(char *buf, int n);
/* The key list shown by F1, as plain text lines; the contexts in first
 * (where F1 was pressed) are listed before the others. */
int tui_keys_text(char *buf, int n, unsigned first);

#endif
