/* The interactive front end: shared state, the screen ops table and the
 * helpers every screen uses.  Screens live in one file each; the loop in
 * app.c knows only struct tui_screen_ops. */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "../model/utf8.h"
#include "../store/session.h"
#include "actions.h"

/* Below this the screen shows only a "terminal too small" notice. */
#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 12

/* What a key handler changed.  The loop redraws from these and calls
 * doupdate() once per input batch; handlers never refresh. */
enum {
	TUI_R_NONE = 0,
	TUI_R_PART = 1 << 0,   /* the screen's own small change (cursor row, one field) */
	TUI_R_DRAW = 1 << 1,   /* this screen */
	TUI_R_ALL = 1 << 2,    /* every screen: data changed underneath */
	TUI_R_CLOSE = 1 << 3,  /* pop this screen */
	TUI_R_QUIT = 1 << 4,   /* leave the program */
	TUI_R_IGNORED = 1 << 5 /* not handled: the loop tries global actions */
};

struct tui;
struct tui_screen;

struct tui_screen_ops {
	const char *name;
	unsigned ctx; /* action context (actions.h) */
	/* Creates or resizes windows for the current LINES x COLS: startup and
	 * resize take the same path. */
	void (*layout)(struct tui_screen *s, struct tui *t);
	/* Draws into the screen's windows and wnoutrefresh()es them.  what is
	 * TUI_R_PART or TUI_R_DRAW. */
	void (*draw)(struct tui_screen *s, struct tui *t, int what);
	/* Handles one key; action is what the table binds key to in ctx. */
	int (*key)(struct tui_screen *s, struct tui *t, int key, int action);
	/* Puts the hardware cursor on the focused spot; false hides it. */
	bool (*cursor)(struct tui_screen *s, struct tui *t, int *y, int *x);
	/* Help topic for F1 (the focused field or the screen). */
	const char *(*help_topic)(struct tui_screen *s, struct tui *t);
	/* Context for the key bar when it differs from ctx (tabs). */
	unsigned (*bar_ctx)(struct tui_screen *s, struct tui *t);
	/* Whether the key bar offers an action of its context here (a tab
	 * without F2, F8, x or s); NULL: every one. */
	bool (*offers)(struct tui_screen *s, struct tui *t, int action);
	void (*destroy)(struct tui_screen *s, struct tui *t);
	/* Hooks the loop calls on every screen that has them (all optional). */
	/* The screen above closed and this one is on top again (what closed
	 * may have changed the store). */
	void (*uncovered)(struct tui_screen *s, struct tui *t);
	/* Another session committed a change to object ("vm:web01"). */
	void (*changed_elsewhere)(struct tui_screen *s, struct tui *t, const char *object,
	                          const char *who);
	/* The session is ending (SIGHUP, SIGTERM): keep unsaved work as a draft. */
	void (*save_draft)(struct tui_screen *s, struct tui *t);
};

/* A dialog's answer: the button or row chosen (-1: Esc), and what a prompt
 * holds ("" for other dialogs). */
struct tui_answer {
	int choice;
	const char *text;
};

/* Where a dialog's answer goes, given when it is created: fn is called on
 * the screen below the dialog as it closes; arg tells that screen which of
 * its questions was answered (a form's field). */
struct tui_reply {
	void (*fn)(struct tui_screen *to, struct tui *t, const struct tui_answer *a, int arg);
	int arg;
};
#define TUI_NO_REPLY ((struct tui_reply){NULL, 0})

struct tui_screen {
	const struct tui_screen_ops *ops;
	struct tui_screen *below;
	int pending;  /* TUI_R_PART | TUI_R_DRAW not yet drawn */
	bool overlay; /* a dialog drawn over the screen below */
	struct tui_reply reply;   /* a dialog's: where its answer goes */
	struct tui_answer answer; /* a dialog's: set before it closes */
};

struct tui_input;
struct tui_live;

struct tui {
	struct sc_session *ses;
	struct sc_store *st;
	struct sc_optreg *reg;
	struct tui_screen *top;
	struct tui_input *in;
	bool color;
	bool too_small;
	bool quit;
	WINDOW *bar;               /* key bar, last line */
	unsigned bar_drawn;        /* context the key bar shows */
	char status[256];          /* last message on the main screen's status line */
	char fatal[768];           /* why a scripted run stopped */
	struct store_draft *draft; /* kept form offered at startup */
	struct tui_live *live;     /* what is known of live hosts (live.c) */
	/* An object a New form just created: the list selects it when it
	 * shows again (kind: enum sc_kind). */
	char created[SC_NAME_MAX + 1];
	int created_kind;
};
/* created_kind of a host the host dialog added. */
#define TUI_CREATED_HOST SC_KIND_COUNT

/* ---- live.c: libvirt hosts (SPEC §10) ---- */
/* What this session knows of a host: nothing until F5, a, or p on it. */
struct tui_hostinfo {
	char name[SC_NAME_MAX + 1];
	bool checked, reachable;
	int domains; /* -1: unknown */
	int differ;  /* linked vms whose domain differs, as last seen */
	int compared; /* linked vms compared with their domain */
	char msg[300]; /* why it could not be reached */
};
/* NULL when nothing is known of the host. */
const struct tui_hostinfo *tui_live_host(struct tui *t, const char *name);
/* Whether vm's domain (its link k) differs from it: 1, 0, or -1 unknown.
 * What this session compared, else the domain's console settings as the
 * last pull or apply saw them against the vm's. */
struct store_link;
int tui_live_differs(struct tui *t, const struct sc_object *vm, const struct store_link *k);
/* F5 on Hosts: connects to every host, counts its domains and compares
 * each linked vm with its domain, with a progress window. */
void tui_live_refresh(struct tui *t);
/* a: one vm (vm not NULL) or every linked vm of a host: compares, shows
 * the unified diff in a scrollable window whose `a` asks, then applies. */
void tui_live_apply(struct tui *t, const char *host, const char *vm);
/* p on Hosts: reads the host's domains into linked vms (one transaction). */
void tui_live_pull(struct tui *t, const char *host);
void tui_live_free(struct tui *t);

/* ---- draft.c ---- */
void tui_offer_draft(struct tui *t);

/* ---- app.c ---- */
void tui_push(struct tui *t, struct tui_screen *s);
/* Marks every screen for a full redraw (after a store change). */
void tui_redraw_all(struct tui *t);
void tui_status(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The status line after a change that brought objects back into the rules:
 * the message, then how many objects changed and the first reason. */
/* Asks before a change that resets other objects (SPEC §11): intro, then
 * one line per field (object field: old -> new), Apply or Cancel answered
 * to reply.  Frees ch's list. */
void tui_confirm_changes(struct tui *t, struct store_changes *ch, const char *intro,
			 struct tui_reply reply);
void tui_status_changes(struct tui *t, const struct store_changes *ch, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- term.c: colors ---- */
enum tui_color {
	TUI_C_NORMAL,
	TUI_C_TITLE,
	TUI_C_TAB,
	TUI_C_TAB_ACTIVE,
	TUI_C_HEADER,
	TUI_C_SELECTED,
	TUI_C_STATUS,
	TUI_C_KEY,
	TUI_C_KEYLABEL,
	TUI_C_FIELD,
	TUI_C_FOCUS,
	TUI_C_LOCKED,
	TUI_C_WARN,
	TUI_C_ERROR,
	TUI_C_DIALOG,
	TUI_C_BUTTON,
	TUI_C_MATCH, /* the filter's text in the list's rows */
	TUI_C_COUNT
};
void tui_colors_init(struct tui *t);
attr_t tui_attr(const struct tui *t, enum tui_color c);
void tui_wattr(const struct tui *t, WINDOW *w, enum tui_color c);

/* ---- text.c: wide-character helpers ---- */
/* Columns that s (UTF-8) takes; invalid bytes count as one column each. */
int tui_text_width(const char *s);
/* Writes UTF-8 s at y,x clipped to width columns, padding with spaces to
 * width when pad; returns columns written. */
int tui_put(WINDOW *w, int y, int x, const char *s, int width, bool pad);
/* s without its first cols columns (a wide character is not split:
 * it goes whole). */
/* tui_put, but text that does not fit ends with a mark (… or ~). */
int tui_put_fit(WINDOW *w, int y, int x, const char *s, int width, bool pad);
const char *tui_skip_cols(const char *s, int cols);
/* printf into a window line, clipped and padded to width. */
int tui_putf(WINDOW *w, int y, int x, int width, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Word-wraps s into at most max lines of width columns; returns the count.
 * lines[i] point into buf. */
int tui_wrap(const char *s, int width, char *buf, size_t bufsz, const char **lines, int max);
/* Encodes cp; returns the length (1..4). */
int tui_utf8_encode(wchar_t cp, char *out);
/* Draws a box with a title on w. */
void tui_frame(const struct tui *t, WINDOW *w, const char *title);
/* The screen position of cell (cy, cx) of window w, for a screen's cursor
 * callback; always true (the cursor is shown). */
bool tui_cursor_in(WINDOW *w, int cy, int cx, int *y, int *x);

/* ---- lineedit.c: a one-line UTF-8 text editor ---- */
#define TUI_LINE_MAX 1100
struct tui_line {
	wchar_t buf[TUI_LINE_MAX];
	int len, cur, scroll;
	int max_bytes; /* UTF-8 bytes the value may take */
	int curx;      /* window column of the cursor after the last draw */
	bool selected; /* the whole value is selected: typing replaces it */
};
void tui_line_set(struct tui_line *l, const char *utf8, int max_bytes);
void tui_line_get(const struct tui_line *l, char *out, size_t n);
/* Editing keys; returns true if the key was used. */
bool tui_line_key(struct tui_line *l, int key);
/* Selects the whole (pre-filled) value, as nmtui does on entering a field:
 * the first printable key replaces it, Backspace or Delete clears it, a
 * movement key keeps it for editing. */
void tui_line_select(struct tui_line *l);
void tui_line_draw(struct tui_line *l, WINDOW *w, int y, int x, int width, attr_t attr);

/* ---- the screens ---- */
struct tui_screen *tui_list_new(struct tui *t);
/* Opens the form: obj NULL = new object of kind. */
struct tui_screen *tui_form_new(struct tui *t, enum sc_kind kind, const struct sc_object *obj);
/* The same; a new object starts in cluster in (the selected row's), when
 * it exists, else in the first cluster. */
struct tui_screen *tui_form_new_in(struct tui *t, enum sc_kind kind, const struct sc_object *obj,
                                   const char *in);
/* Opens one form for the n objects of kind named (marked rows): a field
 * that differs among them shows "(mixed)"; saving applies only the fields
 * the user changed, to each through its own rules, in one transaction. */
struct tui_screen *tui_form_new_many(struct tui *t, enum sc_kind kind,
                                     const char (*names)[SC_NAME_MAX + 1], int n);
/* Opens a form holding a kept draft. */
struct tui_screen *tui_form_from_draft(struct tui *t, const struct store_draft *d);
struct tui_screen *tui_cluster_new(struct tui *t, const struct sc_cluster *c);
/* New host (h NULL; it starts in cluster when that exists, else in the
 * first) or Edit host h, with what is known of it below the fields. */
struct tui_screen *tui_host_new(struct tui *t, const struct sc_host *h, const char *cluster);
struct tui_screen *tui_optedit_new(struct tui *t, int opt, int cver);
/* The rule editor the option editor opens for a usbredir filter option. */
struct tui_screen *tui_ruleedit_new(struct tui *t, int opt);
struct tui_screen *tui_help_new(struct tui *t, const char *topic, const char *extra);
struct tui_screen *tui_preview_new(struct tui *t, const struct sc_object *obj);
/* Imports a file or directory (OVF or API XML, told apart by content) with
 * a progress window, then shows what happened; cluster "" = as named. */
void tui_import_run(struct tui *t, const char *path, const char *cluster);

/* Dialog with a message and buttons; the choice (button index, or -1 on
 * Esc) goes to reply. */
struct tui_screen *tui_dialog_new(struct tui *t, const char *title, const char *msg,
                                  const char *const *buttons, int nbuttons,
                                  struct tui_reply reply);
/* A prompt made live gives its reply every edit with this choice, the
 * text as it is now (the / filter follows the typing). */
#define TUI_ANSWER_LIVE (-2)
void tui_prompt_set_live(struct tui_screen *s);
/* A one-line text prompt (OK = choice 0); the answer's text is what it holds. */
struct tui_screen *tui_prompt_new(struct tui *t, const char *title, const char *label,
                                  const char *initial, struct tui_reply reply);
/* The names a cluster or template dropdown offers: every one, in name
 * order (typing in the dropdown jumps among them). */
struct tui_names {
	char (*name)[SC_NAME_MAX + 1];
	int n, cap;
	bool failed; /* out of memory: the names read so far */
};
/* Appends name; 1 (and failed set) when out of memory. */
int tui_names_add(struct tui_names *nm, const char *name);
/* Appends every cluster's name, in name order; the store's error in e. */
void tui_names_clusters(struct tui *t, struct tui_names *nm, struct sc_err *e);

/* A dropdown: labels of the allowed values; the choice is an index or -1. */
struct tui_screen *tui_chooser_new(struct tui *t, const char *title, const char *const *labels,
                                   int n, int current, int y, int x, struct tui_reply reply);

#endif
