/* libvirt connection URIs: syntax check and redaction. */
#include "uri.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define URI_FORM                                                                          \
	"driver[+transport]://[user@][host][:port]/[path][?query], e.g. qemu:///system, "   \
	"qemu+ssh://root@kvm1/system or test:///PATH"

static int bad(struct sc_err *err, const char *uri, const char *what)
{
	char shown[300];
	sc_uri_redact(uri, shown, sizeof shown);
	return sc_fail(err, SC_EUSAGE, "'%s' is not a libvirt connection URI: %s; valid: " URI_FORM,
		       shown, what);
}

static bool word(const char *s, size_t n)
{
	if (!n || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return false;
	return true;
}

/* host part: a name, an IPv4 address or a bracketed IPv6 address */
static bool host_ok(const char *s, size_t n)
{
	if (n && s[0] == '[') {
		if (s[n - 1] != ']' || n < 3)
			return false;
		for (size_t i = 1; i + 1 < n; i++)
			if (!isxdigit((unsigned char)s[i]) && s[i] != ':' && s[i] != '.')
				return false;
		return true;
	}
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("-._", s[i]))
			return false;
	return true;
}

int sc_uri_check(const char *uri, struct sc_err *err)
{
	for (const char *p = uri; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return bad(err, uri, "it holds a space or a control character");
	if (strlen(uri) > 1024)
		return bad(err, uri, "it is longer than 1024 bytes");
	const char *sep = strstr(uri, "://");
	if (!sep)
		return bad(err, uri, "it has no '://'");
	const char *plus = memchr(uri, '+', (size_t)(sep - uri));
	size_t dlen = (size_t)((plus ? plus : sep) - uri);
	if (!word(uri, dlen))
		return bad(err, uri, "the driver must be a name such as qemu, test or xen");
	if (plus && !word(plus + 1, (size_t)(sep - plus - 1)))
		return bad(err, uri, "the transport must be a name such as ssh, tls, tcp or unix");
	const char *auth = sep + 3;
	size_t alen = strcspn(auth, "/?#");
	if (auth[alen] != '/')
		return bad(err, uri, "the path is missing (qemu:///system, not qemu://system)");
	const char *at = memchr(auth, '@', alen);
	const char *hp = at ? at + 1 : auth;
	if (at && at == auth)
		return bad(err, uri, "the user name before '@' is empty");
	size_t hlen = (size_t)(auth + alen - hp);
	const char *colon = NULL;
	const char *close = hlen && hp[0] == '[' ? memchr(hp, ']', hlen) : NULL;
	const char *from = close ? close + 1 : hp; /* an IPv6 address has colons of its own */
	colon = memchr(from, ':', (size_t)(hp + hlen - from));
	if (colon) {
		size_t plen = (size_t)(hp + hlen - colon - 1);
		char port[8] = "";
		if (plen == 0 || plen > 5)
			return bad(err, uri, "the port must be a number 1..65535");
		memcpy(port, colon + 1, plen);
		char *end;
		long v = strtol(port, &end, 10);
		if (*end || v < 1 || v > 65535)
			return bad(err, uri, "the port must be a number 1..65535");
		hlen = (size_t)(colon - hp);
	}
	if (!host_ok(hp, hlen))
		return bad(err, uri, "the host must be a name or an address");
	if (strchr(auth + alen, '#'))
		return bad(err, uri, "a libvirt URI has no '#' fragment");
	return 0;
}

void sc_uri_redact(const char *uri, char *out, size_t n)
{
	if (!n)
		return;
	size_t o = 0;
	const char *p = uri;
	const char *sep = strstr(uri, "://");
	const char *auth = sep ? sep + 3 : NULL;
	const char *at = auth ? memchr(auth, '@', strcspn(auth, "/?#")) : NULL;
	const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
#define PUT(c)                                                                            \
	do {                                                                              \
		char ch_ = (c); /* evaluated even when out is full */                     \
		if (o + 1 < n)                                                            \
			out[o++] = ch_;                                                   \
	} while (0)
	while (*p) {
		if (colon && p == colon + 1) {
			for (const char *s = "***"; *s; s++)
				PUT(*s);
			p = at;
			continue;
		}
		bool param = p > uri && (p[-1] == '?' || p[-1] == '&');
		if (param && (strncmp(p, "password=", 9) == 0 || strncmp(p, "passwd=", 7) == 0)) {
			while (*p != '=')
				PUT(*p++);
			PUT(*p++);
			for (const char *s = "***"; *s; s++)
				PUT(*s);
			p += strcspn(p, "&#");
			continue;
		}
		PUT(*p++);
	}
#undef PUT
	out[o] = '\0';
}

void sc_uri_host(const char *uri, char *out, size_t n)
{
	if (!n)
		return;
	out[0] = '\0';
	const char *sep = strstr(uri, "://");
	if (!sep)
		return;
	const char *auth = sep + 3;
	size_t alen = strcspn(auth, "/?#");
	const char *at = memchr(auth, '@', alen);
	const char *hp = at ? at + 1 : auth;
	size_t hlen = (size_t)(auth + alen - hp);
	if (hlen && hp[0] == '[') {
		const char *close = memchr(hp, ']', hlen);
		if (!close)
			return;
		hp++;
		hlen = (size_t)(close - hp);
	} else {
		const char *colon = memchr(hp, ':', hlen);
		if (colon)
			hlen = (size_t)(colon - hp);
	}
	if (hlen >= n)
		return;
	memcpy(out, hp, hlen);
	out[hlen] = '\0';
}
