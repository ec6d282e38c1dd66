/* A scrollable page of text: help and preview build on it. */
#ifndef TUI_PAGER_H
#define TUI_PAGER_H

#include "tui.h"

struct tui_pager {
	struct tui_screen base;
	WINDOW *win;
	char title[160];
	char *src;    /* the text as given (owned) */
	char *text;   /* display lines, NUL-separated (owned) */
	char **lines; /* into text */
	int nlines, top;
	bool wrap; /* help wraps at the window; preview scrolls sideways */
	int left;  /* columns scrolled off to the left */
	const char *topic;
	/* Extra keys of the screen built on the pager (preview's format, write). */
	int (*extra)(struct tui_pager *p, struct tui *t, int key, int action);
	/* Whether the key bar offers an action here; NULL: every one. */
	bool (*offers)(struct tui_pager *p, int action);
	void (*free_data)(struct tui_pager *p);
	void *data;
	char note[300]; /* a confirmation shown on the bottom line ("Wrote ...") */
	char search[128]; /* help: the word / looked for, n finds again */
	int found;        /* the line it was last found on, -1: none */
};

/* wrap: break lines at the window's edge (help) instead of scrolling
 * sideways (preview). */
struct tui_pager *tui_pager_create(const char *title, const char *text, const char *topic,
                                   bool wrap);
void tui_pager_set_text(struct tui_pager *p, const char *title, const char *text);

#endif
