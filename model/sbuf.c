#include "sbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(struct sbuf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (b->len + extra + 1 <= b->cap)
		return true;
	/* a size no allocation could hold, which doubling would overflow */
	if (extra >= SIZE_MAX / 2 - b->len) {
		b->oom = true;
		return false;
	}
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void sbuf_putn(struct sbuf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_putn(b, s, strlen(s));
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sbuf_xml(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': sbuf_puts(b, "&amp;"); break;
		case '<': sbuf_puts(b, "&lt;"); break;
		case '>': sbuf_puts(b, "&gt;"); break;
		case '"': sbuf_puts(b, "&quot;"); break;
		case '\'': sbuf_puts(b, "&apos;"); break;
		/* A literal CR would come back as LF from any parser. */
		case '\r': sbuf_puts(b, "&#13;"); break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n')
				c = '?';
			sbuf_putn(b, (const char *)&c, 1);
		}
	}
}

char *sbuf_finish(struct sbuf *b, size_t *len, struct sc_err *err)
{
	if (!b->oom && !b->p && grow(b, 0))
		b->p[0] = '\0'; /* nothing was appended: the empty string */
	if (b->oom) {
		sbuf_free(b);
		sc_fail(err, SC_ERUNTIME, "out of memory");
		return NULL;
	}
	char *p = b->p;
	if (len)
		*len = b->len;
	*b = (struct sbuf){0};
	return p;
}

void sbuf_free(struct sbuf *b)
{
	free(b->p);
	*b = (struct sbuf){0};
}
