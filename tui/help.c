/* F1: the help topic of the focused field or screen (help/topics), what the
 * model says about the field right now, and the key list generated from
 * the action table. */
#include <stdarg.h>
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

static void append(char *buf, size_t cap, int *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t cap, int *n, const char *fmt, ...)
{
	if (*n >= (int)cap - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(buf + *n, cap - (size_t)*n, fmt, ap);
	va_end(ap);
	*n = w < 0 ? *n : (*n + w >= (int)cap ? (int)cap - 1 : *n + w);
}

/* A topic's "See also: a, b." names other topics; their text follows the
 * topic so that one page answers the question. */
static void see_also(const char *text, char *buf, size_t cap, int *n)
{
	for (const char *p = strstr(text, "See also: "); p; p = strstr(p + 1, "See also: ")) {
		const char *q = p + strlen("See also: ");
		while (*q && *q != '\n') {
			char name[64];
			size_t len = strcspn(q, ",.\n");
			snprintf(name, sizeof name, "%.*s", (int)len, q);
			const char *other = tui_help_text(name);
			if (other)
				append(buf, cap, n, "\n%s\n", other);
			q += len;
			q += strspn(q, ", .");
		}
	}
}

struct tui_screen *tui_help_new(struct tui *t, const char *topic, const char *extra)
{
	const char *text = tui_help_text(topic);
	size_t cap = 65536;
	char *buf = malloc(cap), title[160];
	if (!buf)
		return NULL;
	const char *nl = text ? strchr(text, '\n') : NULL;
	if (text && nl)
		snprintf(title, sizeof title, "Help: %.*s", (int)(nl - text), text);
	else
		snprintf(title, sizeof title, "Help");
	int n = 0;
	buf[0] = '\0';
	if (extra && *extra)
		append(buf, cap, &n, "%s\n", extra);
	if (text) {
		append(buf, cap, &n, "%s", nl ? nl + 1 : text);
		see_also(text, buf, cap, &n);
		append(buf, cap, &n, "\n");
	} else if (topic) {
		append(buf, cap, &n, "No help is written for '%s'.\n\n", topic);
	}
	append(buf, cap, &n, "Keys\n");
	unsigned ctx = 0;
	if (t->top) /* the screen F1 was pressed on */
		ctx = t->top->ops->bar_ctx ? t->top->ops->bar_ctx(t->top, t) : t->top->ops->ctx;
	tui_keys_text(buf + n, (int)cap - n, ctx);
	struct tui_pager *p = tui_pager_create(title, buf, "help", true);
	free(buf);
	return p ? &p->base : NULL;
}
