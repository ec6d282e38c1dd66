/* Terminal setup, input and dumps (term.c); used by the loop in app.c. */
#ifndef TUI_TERM_H
#define TUI_TERM_H

#include <stddef.h>

#include "tui.h"

struct tui_script;
struct tui_script_ev;

/* tui_input_get() results besides keys (keys are >= 0). */
#define TUI_IN_NONE   (-1) /* nothing within the wait */
#define TUI_IN_END    (-2) /* the script is over */
#define TUI_IN_CMD    (-3) /* a script command (*cmd) to run after drawing */
#define TUI_IN_HANGUP (-4) /* the terminal is gone */

int tui_term_open(struct tui *t, struct tui_script *script, char *err, size_t errsz);
/* Stops the process as Ctrl-Z would in a cooked terminal, the terminal
 * given back to the shell meanwhile; returns once continued (fg), the
 * screen to be repainted.  -1, doing nothing, in a scripted run or where
 * job control is off (SIGTSTP ignored, as a shell without it leaves it). */
int tui_term_suspend(struct tui *t);
void tui_term_close(struct tui *t);
/* Before each doupdate(): keeps the input window from repainting. */
void tui_term_sync(struct tui *t);
int tui_input_get(struct tui *t, bool block, const struct tui_script_ev **cmd);
int tui_term_resize(struct tui *t, int cols, int rows);
int tui_dump(struct tui *t, const char *path, char *err, size_t errsz);
void tui_sleep_ms(int ms);

#endif
