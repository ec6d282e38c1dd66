/* Help texts from help/topics/NAME.txt, built into the program by the
 * Makefile (first line: title; the rest: text). */
#ifndef TUI_HELPDB_H
#define TUI_HELPDB_H

struct tui_help_topic {
	const char *name;
	const char *text;
};

/* Ends with {0, 0}. */
extern const struct tui_help_topic tui_help_topics[];

/* The text of a topic (title line included), or NULL. */
const char *tui_help_text(const char *name);

#endif
