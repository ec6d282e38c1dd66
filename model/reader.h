/* What the OVF and API readers share: a reading context that turns element
 * values into fields with the model's own checks, and reports errors as
 * "FILE:LINE: why" and notes as lines the import prints. */
#ifndef SC_READER_H
#define SC_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "types.h"
#include "xmlio.h"

struct rd {
	const char *fname;
	struct sc_object *o;
	struct xmlio_notes *notes;
	struct sc_err *err;
	int nignored;
	char ignored[96][72];
};

/* Fills err with "FNAME:LINE: message" (LINE of n; none if n is NULL),
 * the message cleaned of junk; returns SC_EUSAGE. */
int rd_fail(struct rd *r, const xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rd_note(struct rd *r, const xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Remembers the name of something skipped; rd_note_ignored() lists them. */
void rd_ignore(struct rd *r, const char *what);
void rd_note_ignored(struct rd *r);

/* Refuses a second child element of parent named like one of names (a
 * NULL-terminated list; names in one group separated by '|' count as one
 * value, e.g. "DefaultDisplayType|default_display_type"): a file gives
 * each value once, and taking the first or the last would be a guess. */
int rd_unique(struct rd *r, const xmlNode *parent, const char *const *names);
/* The same for an element met again (*seen set): names both lines. */
int rd_once(struct rd *r, const xmlNode *n, const xmlNode **seen, const char *what);

/* Trimmed text; an error if longer than size - 1. */
int rd_text(struct rd *r, const xmlNode *n, char *buf, size_t size);
/* A decimal integer in lo..hi; the error names the element and valid. */
int rd_long(struct rd *r, const xmlNode *n, long lo, long hi, const char *valid, long *out);
/* true/false (any case) or 1/0. */
int rd_bool(struct rd *r, const xmlNode *n, bool *out);
/* Sets a field from text with sc_field_set()'s checks. */
int rd_set(struct rd *r, const xmlNode *n, int field, const char *text);
/* Sets the description from an element, joining wrapped lines. */
int rd_description(struct rd *r, const xmlNode *n);

bool rd_uuid_shaped(const char *s);
/* The defaults an object read from a file starts from. */
void rd_object_init(struct sc_object *o);

#endif
