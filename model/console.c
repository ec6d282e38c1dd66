/* Proxy URLs, hotkeys and the multi-head rule (see console.h). */
#include "console.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SC_STR(x) #x
#define SC_XSTR(x) SC_STR(x)
#define SC_PROXY_MAX_TEXT SC_XSTR(SC_PROXY_MAX)

static int proxy_bad(const char *key, const char *url, const char *why, struct sc_err *err)
{
	return sc_fail(err, SC_EUSAGE, "invalid %s '%s': %s; valid: " SC_PROXY_RULE, key, url,
		       why);
}

_Static_assert(INET6_ADDRSTRLEN == 46, "the longest IPv6 text is 45 characters");

static bool host_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '.';
}

/* The host of a URL, up to the ':' before the port: a DNS name or IPv4
 * address, or an IPv6 address in brackets.  Returns the length or -1. */
static int proxy_host(const char *key, const char *url, const char *h, struct sc_err *err)
{
	if (*h == '[') {
		const char *close = strchr(h, ']');
		char addr[INET6_ADDRSTRLEN];
		struct in6_addr a6;
		if (!close)
			return proxy_bad(key, url, "an IPv6 host needs its closing ]", err), -1;
		size_t n = (size_t)(close - h - 1);
		if (n == 0)
			return proxy_bad(key, url, "no host", err), -1;
		if (n >= sizeof addr)
			return proxy_bad(key, url, "the brackets hold more than an IPv6 address "
						   "(at most 45 characters)", err), -1;
		memcpy(addr, h + 1, n);
		addr[n] = '\0';
		if (inet_pton(AF_INET6, addr, &a6) != 1)
			return proxy_bad(key, url, "not an IPv6 address in the brackets", err), -1;
		return (int)n + 2;
	}
	int n = 0;
	while (host_char(h[n]))
		n++;
	if (n == 0)
		return proxy_bad(key, url, "no host", err), -1;
	if (h[n] == ':' && strchr(h + n + 1, ':'))
		return proxy_bad(key, url, "an IPv6 host must be in brackets", err), -1;
	if (h[0] == '-' || h[0] == '.' || h[n - 1] == '-' || strstr(h, ".."))
		return proxy_bad(key, url, "not a host name", err), -1;
	return n;
}

int sc_proxy_check(const char *key, const char *url, struct sc_err *err)
{
	if (!*url)
		return 0;
	/* the longest a cluster or pool keeps; never cut to fit */
	if (strlen(url) > SC_PROXY_MAX)
		return proxy_bad(key, url, "longer than " SC_PROXY_MAX_TEXT " characters", err);
	const char *h;
	if (strncasecmp(url, "http://", 7) == 0)
		h = url + 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		h = url + 8;
	else
		return proxy_bad(key, url, "the scheme must be http or https", err);
	int n = proxy_host(key, url, h, err);
	if (n < 0)
		return SC_EUSAGE;
	const char *p = h + n;
	if (*p != ':' || !p[1])
		return proxy_bad(key, url, "no port", err);
	long port = 0;
	for (p++; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return proxy_bad(key, url, "the port must be a number, and nothing may "
						   "follow it", err);
		port = port * 10 + (*p - '0');
		if (port > 65535)
			break;
	}
	if (port < 1 || port > 65535)
		return proxy_bad(key, url, "the port is out of range", err);
	return 0;
}

const char *sc_proxy_effective(const char *pool, const char *cluster, const char *site,
			       const char **from)
{
	const char *const src[3] = {pool, cluster, site};
	static const char *const names[3] = {"pool", "cluster", "site option"};
	for (int i = 0; i < 3; i++)
		if (src[i] && *src[i]) {
			*from = names[i];
			return src[i];
		}
	*from = NULL;
	return "";
}

const char *sc_object_proxy(const struct sc_object *o, const char *cluster_proxy,
			    const struct sc_ctx *ctx, const char **from)
{
	return sc_proxy_effective(o->kind == SC_POOL ? o->spice_proxy : NULL, cluster_proxy,
				  ctx->site.spice_proxy, from);
}

static const char *const modifiers[] = {"ctrl", "alt", "shift", "super"};
/* Key names virt-viewer takes besides letters, digits and f1..f12. */
static const char *const key_names[] = {
	"escape", "esc",	"tab",	  "space", "return", "enter", "backspace", "delete",
	"insert", "home",	"end",	  "pageup", "pagedown", "page_up", "page_down", "up",
	"down",	  "left",	"right",  "print", "pause",	"menu",	 "scroll_lock",
};

static int modifier(const char *t, size_t n)
{
	for (int i = 0; i < (int)(sizeof modifiers / sizeof *modifiers); i++)
		if (strlen(modifiers[i]) == n && strncasecmp(t, modifiers[i], n) == 0)
			return i;
	return -1;
}

static bool plain_key(const char *t, size_t n)
{
	if (n == 1)
		return isalnum((unsigned char)*t);
	if ((*t == 'f' || *t == 'F') && (n == 2 || n == 3)) {
		int v = 0;
		for (size_t i = 1; i < n; i++) {
			if (!isdigit((unsigned char)t[i]))
				return false;
			v = v * 10 + (t[i] - '0');
		}
		return v >= 1 && v <= 12 && t[1] != '0';
	}
	for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++)
		if (strlen(key_names[i]) == n && strncasecmp(t, key_names[i], n) == 0)
			return true;
	return false;
}

static int hotkey_bad(const char *key, const char *v, const char *why, struct sc_err *err)
{
	return sc_fail(err, SC_EUSAGE, "invalid %s '%s': %s; valid: " SC_HOTKEY_RULE, key, v,
		       why);
}

int sc_hotkey_check(const char *key, const char *v, struct sc_err *err)
{
	unsigned seen = 0;
	int keys = 0;
	for (const char *p = v;;) {
		size_t n = strcspn(p, "+");
		int m = modifier(p, n);
		if (n == 0)
			return hotkey_bad(key, v, "an empty part", err);
		if (m >= 0) {
			if (keys)
				return hotkey_bad(key, v, "modifiers come before the key", err);
			if (seen & (1u << m))
				return hotkey_bad(key, v, "a modifier given twice", err);
			seen |= 1u << m;
		} else if (!plain_key(p, n)) {
			char why[96];
			snprintf(why, sizeof why, "unknown key or modifier '%.*s'",
				 (int)(n > 32 ? 32 : n), p);
			return hotkey_bad(key, v, why, err);
		} else if (++keys > 1) {
			return hotkey_bad(key, v, "more than one key", err);
		}
		if (!p[n])
			break;
		p += n + 1;
	}
	if (!keys)
		return hotkey_bad(key, v, "no key", err);
	if (!seen)
		return hotkey_bad(key, v, "no modifier", err);
	return 0;
}

bool sc_single_pci(const struct sc_object *o, const struct sc_ctx *ctx)
{
	return ctx->site.single_qxl_pci && o->display == SC_DISPLAY_SPICE &&
	       sc_os_family(o->os) == SC_OSF_LINUX && o->monitors > 1;
}

struct sc_qxl_mem sc_qxl_memory(int heads)
{
	int base = 16 * 1024 * (heads < 1 ? 1 : heads);
	return (struct sc_qxl_mem){.ram = 4 * base, .vram = 2 * base, .vgamem = base};
}

const char *const sc_disconnect_ovf_names[SC_DISC_COUNT] = {"NONE", "LOCK_SCREEN", "LOGOUT",
							     "SHUTDOWN", "REBOOT"};

int sc_disconnect_ovf_parse(const char *s)
{
	for (int i = 0; i < SC_DISC_COUNT; i++)
		if (strcasecmp(s, sc_disconnect_ovf_names[i]) == 0)
			return i;
	return -1;
}
