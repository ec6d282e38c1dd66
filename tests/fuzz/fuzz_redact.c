/* libFuzzer target for what keeps secrets and control characters out of
 * messages: a password put into any of libpq's forms never survives
 * conninfo_redact(), libpq-style messages quoting it are scrubbed, any
 * input is redacted and escaped within bounds, and sc_escape() leaves
 * no control character and no invalid UTF-8. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/err.h"
#include "store/conninfo.h"

/* valid UTF-8 with no C0, DEL or C1 control */
static int clean_text(const unsigned char *p)
{
	while (*p) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		int n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc2 ? 2 : 0;
		if (!n || (n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
			return 0;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		p += n;
	}
	return 1;
}

/* A password of the fuzz input's bytes that libpq would read as one value
 * in each form: no white space, quote, backslash, '@', '/', '&' or '?'. */
static size_t password_of(const uint8_t *d, size_t n, char *pw, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < size; i++)
		if (d[i] > ' ' && d[i] < 0x7f && !strchr("'\"\\@/&?=*%", d[i]))
			pw[k++] = (char)d[i];
	pw[k] = '\0';
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[1024], out[1300], msg[1300], pw[64];
	size_t n = size < sizeof in - 1 ? size : sizeof in - 1;
	memcpy(in, data, n);
	in[n] = '\0';

	/* any target: bounded, terminated output */
	conninfo_redact(in, out, sizeof out);
	if (strlen(out) >= sizeof out)
		abort();
	snprintf(msg, sizeof msg, "error near \"%s\"", in);
	conninfo_scrub(in, msg, sizeof msg);
	if (strlen(msg) >= sizeof msg)
		abort();
	if (sc_escape(in, out, sizeof out) == 0 && !clean_text((unsigned char *)out))
		abort();

	/* a password in every form libpq takes */
	if (password_of(data, size, pw, sizeof pw) < 3)
		return 0;
	static const char *const forms[][2] = {
		{"host=h password=%s dbname=d", "host=h password=*** dbname=d"},
		{"host=h password = %s", "host=h password = ***"},
		{"password='%s x' host=h", "password=*** host=h"},
		{"postgresql://u:%s@h/d", "postgresql://u:***@h/d"},
		{"postgresql://h/d?user=u&password=%s&sslmode=require",
		 "postgresql://h/d?user=u&password=***&sslmode=require"},
	};
	for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
		char target[200];
		snprintf(target, sizeof target, forms[f][0], pw);
		conninfo_redact(target, out, sizeof out);
		if (strcmp(out, forms[f][1]))
			abort();
		snprintf(msg, sizeof msg, "missing \"=\" after \"%s\" in connection info string", pw);
		conninfo_scrub(target, msg, sizeof msg);
		if (strstr(msg, pw))
			abort();
	}
	return 0;
}
