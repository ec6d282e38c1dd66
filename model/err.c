#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keeps the head and the tail of a message too long for msg, cutting at
 * UTF-8 character boundaries. */
static void elide_middle(char *msg, size_t size, const char *full, size_t len)
{
	static const char mark[] = "...";
	size_t head = size / 4, tail = size - 1 - head - (sizeof mark - 1);
	while (head > 0 && (full[head] & 0xC0) == 0x80)
		head--;
	const char *t = full + len - tail;
	while (*t && (*t & 0xC0) == 0x80)
		t++, tail--;
	memcpy(msg, full, head);
	memcpy(msg + head, mark, sizeof mark - 1);
	memcpy(msg + head + sizeof mark - 1, t, tail + 1);
}

int sc_fail(struct sc_err *err, int status, const char *fmt, ...)
{
	if (err) {
		va_list ap, again;
		va_start(ap, fmt);
		va_copy(again, ap);
		int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		char *full = n >= (int)sizeof err->msg ? malloc((size_t)n + 1) : NULL;
		if (full) {
			vsnprintf(full, (size_t)n + 1, fmt, again);
			elide_middle(err->msg, sizeof err->msg, full, (size_t)n);
			free(full);
		}
		va_end(again);
		err->status = status;
	}
	return status;
}

const char *sc_size_text(size_t n, char *buf)
{
	if (n && n % ((size_t)1 << 30) == 0)
		snprintf(buf, SC_SIZE_TEXT, "%zu GiB", n >> 30);
	else if (n && n % ((size_t)1 << 20) == 0)
		snprintf(buf, SC_SIZE_TEXT, "%zu MiB", n >> 20);
	else if (n && n % 1024 == 0)
		snprintf(buf, SC_SIZE_TEXT, "%zu KiB", n >> 10);
	else
		snprintf(buf, SC_SIZE_TEXT, "%zu bytes", n);
	return buf;
}

int sc_exit_code(int status)
{
	switch (status) {
	case SC_OK:
		return 0;
	case SC_EUSAGE:
		return 2;
	default:
		return 1;
	}
}

void sc_msgs_add(struct sc_msgs *msgs, int field, const char *fmt, ...)
{
	if (!msgs || msgs->n >= SC_MSGS_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msgs->m[msgs->n].text, sizeof msgs->m[0].text, fmt, ap);
	va_end(ap);
	msgs->m[msgs->n].field = field;
	msgs->n++;
}

int sc_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size == 0)
		return -1;
	if (len >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -1;
	}
	memcpy(dst, src, len + 1);
	return 0;
}

/* Length of the UTF-8 sequence at p if it is valid and printable, else 0. */
static size_t printable_utf8(const unsigned char *p)
{
	size_t n = p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : p[0] >= 0xe0 && p[0] <= 0xef ? 3
		 : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0) /* C1 controls U+0080..U+009F */
		return 0;
	if ((n == 3 && p[0] == 0xe0 && p[1] < 0xa0) || (n == 4 && p[0] == 0xf0 && p[1] < 0x90) ||
	    (n == 4 && p[0] == 0xf4 && p[1] > 0x8f) || (n == 3 && p[0] == 0xed && p[1] > 0x9f))
		return 0; /* overlong, beyond U+10FFFF, surrogates */
	return n;
}

int sc_escape(const char *s, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	if (size < 4) {
		if (size)
			out[0] = '\0';
		return -1;
	}
	while (*p) {
		size_t k = *p < 0x80 ? (*p >= 0x20 && *p != 0x7f) : printable_utf8(p);
		size_t w = k ? k : 4;
		if (o + w > size - 4) { /* room kept for "..." and the NUL */
			memcpy(out + o, "...", 4);
			return -1;
		}
		if (k)
			memcpy(out + o, p, k);
		else
			snprintf(out + o, 5, "\\x%02x", *p);
		o += w;
		p += k ? k : 1;
	}
	out[o] = '\0';
	return 0;
}
