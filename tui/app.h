/* The interactive program, as its caller sees it. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include "../model/err.h"
#include "../store/session.h"

/* Runs the screens on the session (opening its store if needed); script is
 * a keystroke file (--script) or NULL for the terminal.  Returns SC_OK, or a
 * status with err filled; *signo is the signal that ended the session (a
 * dirty form was kept as a draft), or 0. */
int tui_main(struct sc_session *ses, const char *script, int *signo, struct sc_err *err);

#endif
