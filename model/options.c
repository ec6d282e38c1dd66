/* Option registry: types, validation, effective values (SPEC §4). */
#include "options.h"

#include "console.h"
#include "usbfilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const char *const type_names[] = {"Integer", "Boolean", "String", "IntegerMultiple",
					 "StringMultiple"};

const char *sc_opt_type_name(enum sc_opt_type t)
{
	return (t >= 0 && t <= SC_OPT_STRING_MULTIPLE) ? type_names[t] : "?";
}

int sc_opt_type_parse(const char *s)
{
	for (int i = 0; i <= SC_OPT_STRING_MULTIPLE; i++)
		if (strcmp(type_names[i], s) == 0)
			return i;
	return -1;
}

int sc_opt_find(const struct sc_optreg *reg, const char *key)
{
	for (int i = 0; i < reg->n; i++)
		if (strcmp(reg->defs[i].key, key) == 0)
			return i;
	return -1;
}

const char *sc_opt_value(const struct sc_optreg *reg, int idx, enum sc_cver cver)
{
	const struct sc_optdef *d = &reg->defs[idx];
	int slot = d->per_version ? (int)cver : SC_OPT_GENERAL;
	return reg->values[idx][slot][0] ? reg->values[idx][slot] : d->defaults[slot];
}

const char *sc_opt_get(const struct sc_optreg *reg, const char *key, enum sc_cver cver)
{
	int i = sc_opt_find(reg, key);
	return i < 0 ? NULL : sc_opt_value(reg, i, cver);
}

static void join_choices(const struct sc_optdef *d, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < d->nchoices && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "," : "", d->choices[i]);
}

void sc_opt_valid_text(const struct sc_optdef *d, char *buf, size_t n)
{
	char list[512];
	join_choices(d, list, sizeof list);
	switch (d->type) {
	case SC_OPT_INTEGER:
		if (d->nchoices)
			snprintf(buf, n, "one of %s", list);
		else
			snprintf(buf, n, "an integer %d..%d", d->min, d->max);
		break;
	case SC_OPT_BOOLEAN: snprintf(buf, n, "true or false"); break;
	case SC_OPT_INTEGER_MULTIPLE:
		snprintf(buf, n, "a comma-separated list of integers %d..%d", d->min, d->max);
		break;
	case SC_OPT_STRING_MULTIPLE:
		snprintf(buf, n, "a comma-separated list of %s", list);
		break;
	case SC_OPT_STRING:
		if (d->format == SC_OPTF_USBFILTER)
			snprintf(buf, n,
				 "usbredir filter rules class,vendor,product,version,allow "
				 "joined by '|', -1 = any (e.g. -1,-1,-1,-1,1)");
		else if (d->format == SC_OPTF_PROXY)
			snprintf(buf, n, "%s", SC_PROXY_RULE);
		else if (d->format == SC_OPTF_HOTKEY)
			snprintf(buf, n, "%s", SC_HOTKEY_RULE);
		else
			snprintf(buf, n, "text of at most %d bytes", SC_OPT_VALUE_MAX - 1);
		break;
	}
}

static int parse_long(const char *s, int base, long *out) { return sc_parse_long(s, base, out); }

static int bad(const struct sc_optdef *d, const char *value, const char *why, struct sc_err *err)
{
	/* a long value is cut so that the key and what is valid stay in the message */
	char valid[512];
	int len = (int)strnlen(value, 65), cut = len > 64;
	if (cut) /* not inside a UTF-8 sequence */
		for (len = 60; len > 0 && ((unsigned char)value[len] & 0xc0) == 0x80; len--)
			;
	sc_opt_valid_text(d, valid, sizeof valid);
	return sc_fail(err, SC_EUSAGE, "invalid value '%.*s%s' for %s%s%s; valid: %s", len,
		       value, cut ? "..." : "", d->key, why ? ": " : "", why ? why : "", valid);
}

static int choice_index(const struct sc_optdef *d, const char *s)
{
	for (int i = 0; i < d->nchoices; i++)
		if (strcmp(d->choices[i], s) == 0)
			return i;
	return -1;
}

static int check_integer(const struct sc_optdef *d, const char *v, char *norm, size_t n,
			 struct sc_err *err)
{
	long x;
	if (parse_long(v, 10, &x) < 0)
		return bad(d, v, "not an integer", err);
	if (x < d->min || x > d->max)
		return bad(d, v, "out of range", err);
	char s[32];
	snprintf(s, sizeof s, "%ld", x);
	if (d->nchoices && choice_index(d, s) < 0)
		return bad(d, v, NULL, err);
	snprintf(norm, n, "%s", s);
	return 0;
}

/* Splits a comma list; marks each accepted item in seen[] (indexed by
 * choice or integer value) so that the canonical form is ordered and unique. */
static int check_multiple(const struct sc_optdef *d, const char *v, char *norm, size_t n,
			  struct sc_err *err)
{
	bool seen[64] = {false};
	char buf[SC_OPT_VALUE_MAX], *save = NULL;
	int count = 0;
	if (sc_strlcpy(buf, v, sizeof buf) < 0)
		return bad(d, v, "too long", err);
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		size_t len = strlen(t);
		while (len && t[len - 1] == ' ')
			t[--len] = '\0';
		long x;
		if (d->type == SC_OPT_INTEGER_MULTIPLE) {
			if (parse_long(t, 10, &x) < 0 || x < d->min || x > d->max || x < 0 ||
			    x >= 64)
				return bad(d, v, NULL, err);
		} else if ((x = choice_index(d, t)) < 0) {
			return bad(d, v, NULL, err);
		}
		seen[x] = true;
		count++;
	}
	if (!count)
		return bad(d, v, "empty list", err);
	/* "all" already names every other choice: with them it contradicts itself */
	int all = d->type == SC_OPT_STRING_MULTIPLE ? choice_index(d, "all") : -1;
	if (all >= 0 && seen[all])
		for (int i = 0; i < 64; i++)
			if (seen[i] && i != all)
				return bad(d, v, "'all' stands alone: it includes every other value", err);
	size_t len = 0;
	norm[0] = '\0';
	for (int i = 0; i < 64; i++) {
		if (!seen[i])
			continue;
		if (d->type == SC_OPT_INTEGER_MULTIPLE)
			len += (size_t)snprintf(norm + len, n - len, "%s%d", len ? "," : "", i);
		else
			len += (size_t)snprintf(norm + len, n - len, "%s%s", len ? "," : "",
						d->choices[i]);
		if (len >= n)
			return bad(d, v, "too long", err);
	}
	return 0;
}

int sc_opt_validate(const struct sc_optdef *d, const char *v, char *norm, size_t n,
		    struct sc_err *err)
{
	bool b;
	switch (d->type) {
	case SC_OPT_INTEGER:
		return check_integer(d, v, norm, n, err);
	case SC_OPT_BOOLEAN:
		if (sc_parse_bool(v, &b) < 0)
			return bad(d, v, NULL, err);
		snprintf(norm, n, "%s", b ? "true" : "false");
		return 0;
	case SC_OPT_INTEGER_MULTIPLE:
	case SC_OPT_STRING_MULTIPLE:
		return check_multiple(d, v, norm, n, err);
	case SC_OPT_STRING:
		if (strlen(v) >= SC_OPT_VALUE_MAX || strlen(v) >= n)
			return bad(d, v, "too long", err);
		if (d->format == SC_OPTF_USBFILTER) {
			struct sc_err ferr;
			if (sc_usbfilter_check(v, &ferr))
				return bad(d, v, ferr.msg, err);
		}
		if (d->format == SC_OPTF_PROXY && sc_proxy_check(d->key, v, err))
			return err ? err->status : SC_EUSAGE;
		if (d->format == SC_OPTF_HOTKEY && sc_hotkey_check(d->key, v, err))
			return err ? err->status : SC_EUSAGE;
		for (const char *p = v; *p; p++)
			if ((unsigned char)*p < 0x20)
				return bad(d, v, "control character", err);
		snprintf(norm, n, "%s", v);
		return 0;
	}
	return bad(d, v, NULL, err);
}

int sc_optdef_check(const struct sc_optdef *d, struct sc_err *err)
{
	char norm[SC_OPT_VALUE_MAX];
	/* a list's values are kept as 64 flags: a wider range could not be held */
	if (d->type == SC_OPT_INTEGER_MULTIPLE && (d->min < 0 || d->max > 63))
		return sc_fail(err, SC_ERUNTIME, "%s allows %d..%d; an IntegerMultiple option's "
			       "range lies within 0..63 (give min and max)", d->key, d->min, d->max);
	for (int v = 0; v < (d->per_version ? SC_CVER_COUNT : 1); v++) {
		struct sc_err e;
		if (sc_opt_validate(d, d->defaults[v], norm, sizeof norm, &e))
			return sc_fail(err, SC_ERUNTIME, "default of %s is invalid: %s", d->key,
				       e.msg);
	}
	return 0;
}

int sc_usbfilter_check(const char *rules, struct sc_err *err)
{
	return sc_usbfilter_parse(rules, NULL, 0, NULL, err);
}
