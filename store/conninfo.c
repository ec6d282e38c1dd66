/* Connection strings without their secrets.  libpq takes a password in
 * three places: the userinfo of a URI (postgresql://user:SECRET@host), a
 * URI query parameter (?password=SECRET, the keyword possibly
 * percent-encoded), and a keyword/value string (password = SECRET,
 * password='a \' b', any spacing).  The spans are found here with libpq's
 * own rules, so every place that shows a store's name shows it redacted. */
#include "conninfo.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_SPANS 16

struct spans {
	int n;
	size_t at[MAX_SPANS][2]; /* [start, end) of each secret in the target */
};

static void add_span(struct spans *s, size_t a, size_t b)
{
	if (s->n < MAX_SPANS && b > a) {
		s->at[s->n][0] = a;
		s->at[s->n][1] = b;
		s->n++;
	}
}

static bool secret_key(const char *k, size_t n)
{
	return (n == 8 && !strncasecmp(k, "password", 8)) ||
	       (n == 11 && !strncasecmp(k, "sslpassword", 11));
}

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

/* A URI query keyword, percent-decoded as libpq does before matching. */
static bool uri_secret_key(const char *k, size_t n)
{
	char d[16];
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (o + 1 >= sizeof d)
			return false;
		if (k[i] == '%' && i + 2 < n + 1 && hexval((unsigned char)k[i + 1]) >= 0 &&
		    i + 2 < n && hexval((unsigned char)k[i + 2]) >= 0) {
			d[o++] = (char)(hexval((unsigned char)k[i + 1]) * 16 +
					hexval((unsigned char)k[i + 2]));
			i += 2;
		} else {
			d[o++] = k[i];
		}
	}
	return secret_key(d, o);
}

static void uri_spans(const char *t, size_t skip, struct spans *s)
{
	size_t len = strlen(t);
	/* userinfo: up to the first '@' before any '/' (libpq's own rule) */
	size_t auth = skip, e = auth;
	while (e < len && t[e] != '@' && t[e] != '/')
		e++;
	if (e < len && t[e] == '@') {
		const char *colon = memchr(t + auth, ':', e - auth);
		if (colon)
			add_span(s, (size_t)(colon - t) + 1, e);
	}
	const char *q = strchr(t + skip, '?');
	if (!q)
		return;
	for (size_t i = (size_t)(q - t) + 1; i < len;) {
		size_t end = i + strcspn(t + i, "&");
		const char *eq = memchr(t + i, '=', end - i);
		if (eq && uri_secret_key(t + i, (size_t)(eq - t) - i))
			add_span(s, (size_t)(eq - t) + 1, end);
		i = end + 1;
	}
}

/* The string turned malformed at i: libpq refuses it, and what the user
 * meant by the rest is unknown, so after a password everything is secret. */
static void kv_malformed(struct spans *s, bool secret, size_t i, size_t len)
{
	if (s->n)
		s->at[s->n - 1][1] = len;
	else if (secret)
		add_span(s, i, len);
}

/* keyword = value pairs, with libpq's quoting and escapes. */
static void kv_spans(const char *t, struct spans *s)
{
	size_t len = strlen(t), i = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)t[i]))
			i++;
		if (i >= len)
			break;
		size_t k = i;
		while (i < len && !isspace((unsigned char)t[i]) && t[i] != '=')
			i++;
		bool secret = secret_key(t + k, i - k);
		while (i < len && isspace((unsigned char)t[i]))
			i++;
		if (i >= len || t[i] != '=') {
			kv_malformed(s, secret, i, len);
			return;
		}
		i++;
		while (i < len && isspace((unsigned char)t[i]))
			i++;
		size_t v = i;
		if (i < len && t[i] == '\'') {
			for (i++; i < len && t[i] != '\''; i++)
				if (t[i] == '\\' && i + 1 < len)
					i++;
			if (i >= len) { /* unterminated */
				kv_malformed(s, secret, v, len);
				return;
			}
			i++;
		} else {
			for (; i < len && !isspace((unsigned char)t[i]); i++)
				if (t[i] == '\\' && i + 1 < len)
					i++;
		}
		if (secret)
			add_span(s, v, i);
	}
}

static void find_spans(const char *t, struct spans *s)
{
	s->n = 0;
	if (!strncmp(t, "postgresql://", 13))
		uri_spans(t, 13, s);
	else if (!strncmp(t, "postgres://", 11))
		uri_spans(t, 11, s);
	else if (strchr(t, '='))
		kv_spans(t, s);
}

void conninfo_redact(const char *target, char *out, size_t size)
{
	struct spans s;
	size_t o = 0, i = 0;
	if (!size)
		return;
	find_spans(target, &s);
	for (int k = 0; k <= s.n; k++) {
		size_t a = k < s.n ? s.at[k][0] : strlen(target);
		for (; i < a && o + 1 < size; i++)
			out[o++] = target[i];
		if (k == s.n)
			break;
		for (const char *r = "***"; *r && o + 1 < size; r++)
			out[o++] = *r;
		i = s.at[k][1];
	}
	out[o] = '\0';
}

/* Replaces every occurrence of the n bytes at w in msg by rep. */
static void scrub(char *msg, size_t size, const char *w, size_t n, const char *rep)
{
	char *p = msg;
	size_t r = strlen(rep);
	while (n && (p = memmem(p, strlen(p), w, n))) {
		size_t pos = (size_t)(p - msg), rest = strlen(p + n);
		if (pos + r + 1 > size) {
			*p = '\0';
			return;
		}
		if (pos + r + rest + 1 > size)
			rest = size - pos - r - 1;
		memmove(p + r, p + n, rest);
		p[r + rest] = '\0';
		memcpy(p, rep, r);
		p += r;
	}
}

/* A word of a secret: anywhere in msg when it is long enough to be told
 * from ordinary text, and as a quoted token ("w", as libpq quotes the
 * word it stopped at in its syntax errors) whatever its length. */
static void scrub_word(char *msg, size_t size, const char *w, size_t n)
{
	char q[256];
	if (n >= 3)
		scrub(msg, size, w, n, "***");
	if (n + 3 <= sizeof q) {
		q[0] = '"';
		memcpy(q + 1, w, n);
		q[n + 1] = '"';
		scrub(msg, size, q, n + 2, "\"***\"");
	}
}

void conninfo_scrub(const char *target, char *msg, size_t size)
{
	struct spans s;
	find_spans(target, &s);
	for (int k = 0; k < s.n; k++) {
		const char *v = target + s.at[k][0];
		size_t n = s.at[k][1] - s.at[k][0];
		/* the value as written, and each of its words (libpq quotes the
		 * word it stopped at in its syntax errors) */
		scrub_word(msg, size, v, n);
		for (size_t i = 0; i < n;) {
			size_t w = 0;
			while (i + w < n && !isspace((unsigned char)v[i + w]) && v[i + w] != '\'')
				w++;
			scrub_word(msg, size, v + i, w);
			i += w ? w : 1;
		}
	}
}
