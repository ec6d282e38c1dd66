/* --script FILE: keystrokes and commands read from a file instead of the
 * keyboard.  One entry a line:
 *   <Down>, <F4>, <Esc>, <Enter>, <C-l>, <lt> ...   one key (case-insensitive),
 *                                       optionally repeated: <Down>*3
 *   any other text                      typed character by character (UTF-8)
 *   :dump PATH                          write the screen as text to PATH
 *   :sleep MS                           wait (other processes may act)
 *   :resize COLSxROWS                   resize the screen, as SIGWINCH would
 *   :text TEXT                          type TEXT literally (may start with : or <)
 *   :# ...                              a comment
 * Empty lines are ignored.  Parsing is pure so it can be unit tested. */
#ifndef TUI_SCRIPT_H
#define TUI_SCRIPT_H

#include <stddef.h>

enum tui_script_op { TUI_S_KEY, TUI_S_DUMP, TUI_S_SLEEP, TUI_S_RESIZE };

/* A script expands to at most this many events (keys, each character of a
 * text line, each <Key>*N repeat, commands): a small file cannot turn into
 * gigabytes of keystrokes. */
#define TUI_SCRIPT_MAX_EVENTS 1000000

struct tui_script_ev {
	enum tui_script_op op;
	int line;
	int key;        /* TUI_S_KEY: see actions.h */
	int ms;         /* TUI_S_SLEEP */
	int cols, rows; /* TUI_S_RESIZE */
	char *path;     /* TUI_S_DUMP */
};

struct tui_script {
	struct tui_script_ev *ev;
	int n, cap;
	int pos; /* next event to deliver */
};

/* Parses text; on a bad line returns -1 with "NAME:LINE: what" in err. */
int tui_script_parse(const char *name, const char *text, size_t len, struct tui_script **out,
                     char *err, size_t errsz);
/* Reads and parses a file; errors as above (or "FILE: why" if unreadable). */
int tui_script_load(const char *path, struct tui_script **out, char *err, size_t errsz);
void tui_script_free(struct tui_script *s);

#endif
