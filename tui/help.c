/* F1: the help topic of the focused field or screen (help/topics), what the
 * model says about the field right now, and the key list generated from
 * the action table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpdb.h"
#include "pager.h"

const char *tui_help_text(const char *name)
{
	for (int i = 0; name && tui_help_topics[i].name; i++)
		if (strcmp(tui_help_topics[i].name, name) == 0)
			return tui_help_topics[i].text;
	return NULL;
}

/* "See also: native-migration" lines pull in the named topics' titles. */
struct tui_screen *tui_help_new(struct tui *t, const char *topic, const char *extra)
{
	(void)t;
	const char *text = tui_help_text(topic);
	size_t cap = 32768;
	char *buf = malloc(cap), title[160];
	if (!buf)
		return NULL;
	const char *nl = text ? strchr(text, '\n') : NULL;
	if (text && nl)
		snprintf(title, sizeof title, "Help: %.*s", (int)(nl - text), text);
	else
		snprintf(title, sizeof title, "Help");
	int n = 0;
	if (extra && *extra)
		n += snprintf(buf + n, cap - (size_t)n, "%s\n", extra);
	if (text)
		n += snprintf(buf + n, cap - (size_t)n, "%s\n", nl ? nl + 1 : text);
	else if (topic)
		n += snprintf(buf + n, cap - (size_t)n, "No help is written for '%s'.\n\n", topic);
	if (n < (int)cap)
		n += snprintf(buf + n, cap - (size_t)n, "Keys\n");
	if (n < (int)cap)
		tui_keys_text(buf + n, (int)cap - n);
	struct tui_pager *p = tui_pager_create(title, buf, "help");
	free(buf);
	return p ? &p->base : NULL;
}
