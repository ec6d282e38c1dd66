#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int sc_fail(struct sc_err *err, int status, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->status = status;
	}
	return status;
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
