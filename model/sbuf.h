/* A growable text buffer for the serializers: they build their output in
 * memory and hand back one malloc'd string, so a failure never leaves half a
 * file behind. */
#ifndef SC_SBUF_H
#define SC_SBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct sbuf {
	char *p;
	size_t len, cap;
	bool oom; /* an allocation failed: every later append is a no-op */
};

void sbuf_puts(struct sbuf *b, const char *s);
void sbuf_putn(struct sbuf *b, const char *s, size_t n);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s escaped for XML text and attribute values.  Characters XML 1.0
 * cannot carry at all (C0 controls other than tab, newline, return) become
 * '?', since no parser would accept them back. */
void sbuf_xml(struct sbuf *b, const char *s);
/* Hands the text over (NUL-terminated, length in *len if len is not NULL);
 * NULL with err filled if memory ran out.  The buffer is empty afterwards. */
char *sbuf_finish(struct sbuf *b, size_t *len, struct sc_err *err);
void sbuf_free(struct sbuf *b);

#endif
