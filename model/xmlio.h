/* Reading untrusted XML (OVF and REST API files) safely, and the small
 * helpers the readers share.  The parser never touches the network, never
 * loads a DTD and refuses any document that has a DOCTYPE at all, so
 * neither external entities (XXE) nor entity expansion bombs reach the
 * readers.  Errors are "FILE:LINE: why". */
#ifndef SC_XMLIO_H
#define SC_XMLIO_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "err.h"

/* Files larger than this are refused before parsing. */
#define XMLIO_MAX_BYTES ((size_t)16 << 20)

/* What one file may hold, checked in one linear pass before parsing (far
 * above any real OVF or API file; an error names the line otherwise). */
#define XMLIO_MAX_ATTRS 256         /* attributes of one element */
#define XMLIO_MAX_ELEMENTS 100000   /* elements in the file */
#define XMLIO_MAX_DEPTH 64          /* nesting */
#define XMLIO_MAX_TEXT (1 << 20)    /* 1 MiB: one text, comment, CDATA section or tag */

/* Parses buf; on failure returns NULL with err (SC_EUSAGE) naming
 * fname:line and the problem.  Free the result with xmlFreeDoc(). */
xmlDocPtr xmlio_parse(const char *buf, size_t len, const char *fname, struct sc_err *err);

/* True if n is an element whose local name is name (any namespace). */
bool xmlio_is(const xmlNode *n, const char *name);
/* First child element named name, or NULL. */
xmlNode *xmlio_child(const xmlNode *parent, const char *name);
/* The next element sibling after n (or the first child of parent when n is
 * NULL): iterate with `for (c = xmlio_elem(p, NULL); c; c = xmlio_elem(p, c))`. */
xmlNode *xmlio_elem(const xmlNode *parent, const xmlNode *n);
long xmlio_line(const xmlNode *n);

/* The element's own text (text and CDATA children only), leading and
 * trailing white space removed.  Returns 0, or -1 if it does not fit. */
int xmlio_text(const xmlNode *n, char *buf, size_t size);
/* The same without trimming, for free text such as descriptions. */
int xmlio_text_raw(const xmlNode *n, char *buf, size_t size);
/* Attribute by local name (any namespace); 0, or -1 if absent/too long. */
int xmlio_attr(const xmlNode *n, const char *name, char *buf, size_t size);

/* Copies s for a message: printable ASCII and valid UTF-8 kept, anything
 * else shown as '?', cut to fit with "...".  Input files may hold junk. */
void xmlio_clean(const char *s, char *out, size_t size);

/* Lines an import reports: what it mapped, what it ignored. */
struct xmlio_notes {
	int n, cap;
	char **line;
};
void xmlio_note(struct xmlio_notes *notes, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void xmlio_notes_free(struct xmlio_notes *notes);

#endif
