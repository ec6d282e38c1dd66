#include "reader.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "field.h"
#include "sbuf.h"

static void vformat(const char *fmt, va_list ap, char *clean, size_t size)
{
	char msg[4096];
	vsnprintf(msg, sizeof msg, fmt, ap);
	xmlio_clean(msg, clean, size);
}

int rd_fail(struct rd *r, const xmlNode *n, const char *fmt, ...)
{
	char clean[700];
	va_list ap;
	va_start(ap, fmt);
	vformat(fmt, ap, clean, sizeof clean);
	va_end(ap);
	long line = xmlio_line(n);
	if (line > 0)
		return sc_fail(r->err, SC_EUSAGE, "%s:%ld: %s", r->fname, line, clean);
	return sc_fail(r->err, SC_EUSAGE, "%s: %s", r->fname, clean);
}

void rd_note(struct rd *r, const xmlNode *n, const char *fmt, ...)
{
	char clean[4096];
	va_list ap;
	va_start(ap, fmt);
	vformat(fmt, ap, clean, sizeof clean);
	va_end(ap);
	long line = xmlio_line(n);
	if (line > 0)
		xmlio_note(r->notes, "%s:%ld: %s", r->fname, line, clean);
	else
		xmlio_note(r->notes, "%s: %s", r->fname, clean);
}

void rd_ignore(struct rd *r, const char *what)
{
	for (int i = 0; i < r->nignored; i++)
		if (strcmp(r->ignored[i], what) == 0)
			return;
	if (r->nignored < (int)(sizeof r->ignored / sizeof *r->ignored))
		sc_strlcpy(r->ignored[r->nignored++], what, sizeof r->ignored[0]);
}

void rd_note_ignored(struct rd *r)
{
	struct sbuf b = {0};
	if (!r->nignored)
		return;
	for (int i = 0; i < r->nignored; i++) {
		sbuf_puts(&b, i ? ", " : "");
		sbuf_puts(&b, r->ignored[i]);
	}
	if (!b.oom)
		rd_note(r, NULL, "ignored (not console settings): %s", b.p);
	sbuf_free(&b);
}

int rd_once(struct rd *r, const xmlNode *n, const xmlNode **seen, const char *what)
{
	if (*seen)
		return rd_fail(r, n, "duplicate %s (first at line %ld); a file gives it once, and "
			       "spicecfg does not guess which one is meant",
			       what, xmlio_line(*seen));
	*seen = n;
	return SC_OK;
}

/* True if name is one of the '|'-separated names of group. */
static bool in_group(const char *name, const char *group)
{
	size_t len = strlen(name);
	for (const char *p = group;;) {
		const char *bar = strchr(p, '|');
		size_t k = bar ? (size_t)(bar - p) : strlen(p);
		if (k == len && memcmp(p, name, k) == 0)
			return true;
		if (!bar)
			return false;
		p = bar + 1;
	}
}

int rd_unique(struct rd *r, const xmlNode *parent, const char *const *names)
{
	const xmlNode *seen[32] = {0};
	bool alias[32];
	int ng = 0;
	/* Every child is tested against every group: a group of one name,
	 * most of them, is one strcmp, which fails at the first byte. */
	for (; names[ng] && ng < 32; ng++)
		alias[ng] = strchr(names[ng], '|') != NULL;
	for (const xmlNode *c = xmlio_elem(parent, NULL); c; c = xmlio_elem(parent, c)) {
		const char *name = (const char *)c->name;
		for (int g = 0; g < ng; g++) {
			if (alias[g] ? !in_group(name, names[g]) : strcmp(name, names[g]) != 0)
				continue;
			if (!seen[g]) {
				seen[g] = c;
				continue;
			}
			/* the message is made only for the duplicate it reports */
			char what[80];
			snprintf(what, sizeof what, "<%s>", name);
			return rd_once(r, c, &seen[g], what);
		}
	}
	return SC_OK;
}

int rd_text(struct rd *r, const xmlNode *n, char *buf, size_t size)
{
	if (xmlio_text(n, buf, size) == 0)
		return SC_OK;
	return rd_fail(r, n, "<%s> is too long (at most %zu bytes)", (const char *)n->name,
		       size - 1);
}

/* XML text arrives trimmed (white space around a number is insignificant
 * in XML); what is left is a number like any other. */
static bool parse_long(const char *s, long *out) { return sc_parse_long(s, 10, out) == 0; }

int rd_long(struct rd *r, const xmlNode *n, long lo, long hi, const char *valid, long *out)
{
	char t[64];
	if (rd_text(r, n, t, sizeof t))
		return SC_EUSAGE;
	if (!parse_long(t, out) || *out < lo || *out > hi)
		return rd_fail(r, n, "<%s> '%s' is not valid; valid: %s", (const char *)n->name,
			       t, valid);
	return SC_OK;
}

int rd_bool(struct rd *r, const xmlNode *n, bool *out)
{
	char t[16];
	if (rd_text(r, n, t, sizeof t))
		return SC_EUSAGE;
	if (strcasecmp(t, "true") == 0 || strcmp(t, "1") == 0)
		*out = true;
	else if (strcasecmp(t, "false") == 0 || strcmp(t, "0") == 0)
		*out = false;
	else
		return rd_fail(r, n, "<%s> '%s' is not valid; valid: true, false",
			       (const char *)n->name, t);
	return SC_OK;
}

int rd_set(struct rd *r, const xmlNode *n, int field, const char *text)
{
	struct sc_err e = {0};
	if (sc_field_set(r->o, field, text, &e) == 0)
		return SC_OK;
	return rd_fail(r, n, "%s", e.msg);
}

static void blank_controls(char *s)
{
	for (; *s; s++)
		if (*s == '\t' || *s == '\r' || *s == '\n')
			*s = ' ';
}

int rd_description(struct rd *r, const xmlNode *n)
{
	char d[SC_DESC_MAX + 1];
	if (xmlio_text_raw(n, d, sizeof d))
		return rd_fail(r, n, "<%s> is longer than %d bytes", (const char *)n->name,
			       SC_DESC_MAX);
	/* Hand-formatted files wrap text over lines; a description is one. */
	if (strpbrk(d, "\t\r\n")) {
		xmlio_text(n, d, sizeof d);
		blank_controls(d);
	}
	return rd_set(r, n, SC_F_DESCRIPTION, d);
}

bool rd_uuid_shaped(const char *s)
{
	static const char pat[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	if (strlen(s) != sizeof pat - 1)
		return false;
	for (size_t i = 0; pat[i]; i++)
		if (pat[i] == '-' ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

void rd_object_init(struct sc_object *o)
{
	memset(o, 0, sizeof *o);
	o->kind = SC_VM;
	o->os = SC_OS_UNASSIGNED;
	o->type = SC_TYPE_DESKTOP;
	o->display = SC_DISPLAY_SPICE;
	o->monitors = 1;
	o->usb = SC_USB_DISABLED;
	o->migration = SC_MIG_MIGRATABLE;
	o->memory = 1024;
	o->cpus = 1;
	o->usb_autoshare = true;
	/* SPEC §9: a file without the console options (every 3.x file) gets
	 * their defaults */
	o->copy_paste = true;
	o->file_transfer = true;
	o->disconnect_action = SC_DISC_LOCK_SCREEN;
}
