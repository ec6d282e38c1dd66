#include "utf8.h"

#include <string.h>

int sc_utf8_decode(const char *str, size_t avail, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)str;
	static const uint32_t lead_min[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (avail == 0)
		return 0;
	int len = p[0] < 0x80             ? 1
	          : (p[0] & 0xe0) == 0xc0 ? 2
	          : (p[0] & 0xf0) == 0xe0 ? 3
	          : (p[0] & 0xf8) == 0xf0 ? 4
	                                  : 0;
	if (len == 0 || (size_t)len > avail)
		return 0;
	uint32_t v = len == 1 ? p[0] : p[0] & (0x7fu >> len);
	for (int i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3fu);
	}
	if (v < lead_min[len] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

bool sc_utf8_text_ok(const char *s, bool newlines)
{
	size_t avail = strlen(s);
	while (avail > 0) {
		uint32_t c;
		int n = sc_utf8_decode(s, avail, &c);
		if (n == 0)
			return false;
		if ((c < 0x20 || c == 0x7f) && !(newlines && (c == '\n' || c == '\r')))
			return false;
		s += n;
		avail -= (size_t)n;
	}
	return true;
}

bool sc_filter_is_prefix(const char *filter)
{
	int chars = 0;
	for (const char *p = filter; *p && chars < SC_FILTER_SUBSTRING_MIN; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	return chars < SC_FILTER_SUBSTRING_MIN;
}

static int fold(char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool starts_folded(const char *text, const char *with)
{
	for (; *with; text++, with++)
		if (!*text || fold(*text) != fold(*with))
			return false;
	return true;
}

const char *sc_filter_find(const char *text, const char *filter)
{
	if (!filter || !*filter)
		return NULL;
	if (sc_filter_is_prefix(filter))
		return starts_folded(text, filter) ? text : NULL;
	for (const char *t = text; *t; t++)
		if (starts_folded(t, filter))
			return t;
	return NULL;
}
