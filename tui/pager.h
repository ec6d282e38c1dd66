/* A scrollable page of text: help and preview build on it. */
#ifndef TUI_PAGER_H
#define TUI_PAGER_H

#include "tui.h"

struct tui_pager {
	struct tui_screen base;
	WINDOW *win;
	char title[160];
	char *text;   /* owned */
	char **lines; /* into text */
	int nlines, top;
	const char *topic;
	/* Extra keys of the screen built on the pager (preview's format, write). */
	int (*extra)(struct tui_pager *p, struct tui *t, int key, int action);
	void (*free_data)(struct tui_pager *p);
	void *data;
};

struct tui_pager *tui_pager_create(const char *title, const char *text, const char *topic);
void tui_pager_set_text(struct tui_pager *p, const char *title, const char *text);

#endif
