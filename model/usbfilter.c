/* usbredir filter rules and USB class names (see usbfilter.h). */
#include "usbfilter.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Base class codes as the USB-IF defines them for devices and interfaces. */
const struct sc_usb_class sc_usb_classes[] = {
	{0x00, "per interface"},   {0x01, "audio"},
	{0x02, "communications"},  {0x03, "HID"},
	{0x05, "physical"},        {0x06, "image"},
	{0x07, "printer"},         {0x08, "mass storage"},
	{0x09, "hub"},             {0x0a, "CDC data"},
	{0x0b, "smart card"},      {0x0d, "content security"},
	{0x0e, "video"},           {0x0f, "personal healthcare"},
	{0x10, "audio/video"},     {0x11, "billboard"},
	{0x12, "USB-C bridge"},    {0xdc, "diagnostic"},
	{0xe0, "wireless"},        {0xef, "miscellaneous"},
	{0xfe, "application specific"}, {0xff, "vendor specific"},
};
const int sc_usb_nclasses = (int)(sizeof sc_usb_classes / sizeof sc_usb_classes[0]);

const char *sc_usb_class_name(int code)
{
	if (code == -1)
		return "any class";
	for (int i = 0; i < sc_usb_nclasses; i++)
		if (sc_usb_classes[i].code == code)
			return sc_usb_classes[i].name;
	return NULL;
}

static const char *const col_names[SC_UR_COUNT] = {"class", "vendor", "product", "version",
						   "allow"};
static const long col_max[SC_UR_COUNT] = {0xff, 0xffff, 0xffff, 0xffff, 1};

/* A number read as usbredir reads it (strtol with base 0: leading blanks
 * and '+' allowed), so both accept the same filters. */
static int filter_long(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 0);
	if (errno || end == s || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* One rule field: -1 (any; not for allow) or a number in 0..max. */
static int filter_num(const char *tok, int col, long *out)
{
	if (!*tok || filter_long(tok, out) < 0)
		return -1;
	if (*out == -1)
		return col == SC_UR_ALLOW ? -1 : 0;
	return *out >= 0 && *out <= col_max[col] ? 0 : -1;
}

static int parse_rule(const char *p, size_t len, int rule, struct sc_usbrule *r,
		      struct sc_err *err)
{
	char buf[128];
	if (len >= sizeof buf)
		return sc_fail(err, SC_EUSAGE, "rule %d is too long", rule);
	memcpy(buf, p, len);
	buf[len] = '\0';
	int nf = 0;
	for (const char *q = buf; *q; q++)
		nf += *q == ',';
	if (nf != 4)
		return sc_fail(err, SC_EUSAGE, "rule %d has %d fields, needs 5", rule, nf + 1);
	long v[SC_UR_COUNT];
	char *t = buf;
	for (int i = 0; i < SC_UR_COUNT; i++) {
		char *comma = strchr(t, ',');
		if (comma)
			*comma = '\0';
		if (filter_num(t, i, &v[i]) < 0)
			return sc_fail(err, SC_EUSAGE, "rule %d: bad %s '%s'", rule, col_names[i], t);
		t = comma ? comma + 1 : t + strlen(t);
	}
	*r = (struct sc_usbrule){(int)v[0], (int)v[1], (int)v[2], (int)v[3], v[4] == 1};
	return 0;
}

int sc_usbfilter_parse(const char *rules, struct sc_usbrule *out, int max, int *n,
		       struct sc_err *err)
{
	if (!*rules)
		return sc_fail(err, SC_EUSAGE, "no rules");
	int rule = 1;
	for (const char *p = rules;; rule++) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		struct sc_usbrule r;
		int rc = parse_rule(p, len, rule, &r, err);
		if (rc)
			return rc;
		if (out) {
			if (rule > max)
				return sc_fail(err, SC_EUSAGE, "more than %d rules", max);
			out[rule - 1] = r;
			*n = rule;
		}
		if (!end)
			return 0;
		p = end + 1;
	}
}

static int put_num(char *buf, size_t size, int v, int digits)
{
	return v < 0 ? snprintf(buf, size, "-1") : snprintf(buf, size, "0x%0*x", digits, v);
}

int sc_usbfilter_format(const struct sc_usbrule *rules, int n, char *buf, size_t size)
{
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		const struct sc_usbrule *r = &rules[i];
		const int v[4] = {r->cls, r->vendor, r->product, r->version};
		char part[64];
		size_t pl = 0;
		for (int c = 0; c < 4; c++) {
			pl += (size_t)put_num(part + pl, sizeof part - pl, v[c], c ? 4 : 2);
			part[pl++] = ',';
		}
		pl += (size_t)snprintf(part + pl, sizeof part - pl, "%d", r->allow ? 1 : 0);
		if (len + pl + (i ? 1 : 0) + 1 > size)
			return -1;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "|" : "", part);
	}
	return 0;
}

int sc_usbrule_cell(enum sc_usbrule_col col, const char *text, int *out, struct sc_err *err)
{
	long v;
	if (col < 0 || col >= SC_UR_ALLOW)
		return sc_fail(err, SC_EUSAGE, "not a number column");
	while (*text == ' ')
		text++;
	char buf[32];
	size_t len = strlen(text);
	while (len && text[len - 1] == ' ')
		len--;
	bool cut = len >= sizeof buf; /* shown cut, and never read as the part that fits */
	if (cut)
		len = sizeof buf - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (!cut && strcasecmp(buf, "any") == 0)
		v = -1;
	else if (cut || filter_num(buf, col, &v) < 0)
		return sc_fail(err, SC_EUSAGE,
			       "invalid %s '%s%s'; valid: any (or -1), or a number 0..0x%0*lx "
			       "(hex 0x.. or decimal)",
			       col_names[col], buf, cut ? "..." : "", col == SC_UR_CLASS ? 2 : 4,
			       col_max[col]);
	*out = (int)v;
	return 0;
}

void sc_usbrule_cell_text(const struct sc_usbrule *r, enum sc_usbrule_col col, char *buf,
			  size_t size)
{
	const int v[4] = {r->cls, r->vendor, r->product, r->version};
	if (col == SC_UR_ALLOW) {
		snprintf(buf, size, "%s", r->allow ? "allow" : "block");
	} else if (v[col] < 0) {
		snprintf(buf, size, "any");
	} else if (col == SC_UR_CLASS) {
		const char *name = sc_usb_class_name(v[col]);
		snprintf(buf, size, "0x%02x%s%s", v[col], name ? " " : "", name ? name : "");
	} else {
		snprintf(buf, size, "0x%04x", v[col]);
	}
}
