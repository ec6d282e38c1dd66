/* `show` and `list` output.  Formats are part of the contract: scripts parse
 * them (see spicecfg(1)). */
#include "output.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../model/console.h"
#include "../model/field.h"
#include "../model/utf8.h"

int out_format_parse(const char *s, enum out_format *out)
{
	static const char *const names[] = {"table", "tsv", "json"};
	for (int i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0)
			return *out = (enum out_format)i, 0;
	return -1;
}

/* "URL (from pool|cluster|site option)", or "none". */
static void proxy_text(const struct sc_object *o, const struct sc_ctx *ctx,
		       const char *cluster_proxy, char *buf, size_t n)
{
	const char *from, *proxy = sc_object_proxy(o, cluster_proxy, ctx, &from);
	if (from)
		snprintf(buf, n, "%s (from %s)", proxy, from);
	else
		snprintf(buf, n, "none");
}

void out_show(FILE *f, const struct sc_object *o, const struct sc_ctx *ctx,
	      const char *cluster_proxy)
{
	char v[SC_DESC_MAX + 1];
	for (int fl = 0; fl < SC_F_COUNT; fl++) {
		if (!sc_field_applies(fl, o->kind))
			continue;
		sc_field_get(o, fl, v, sizeof v);
		fprintf(f, "%s: %s\n", sc_field_info(fl)->key, v);
	}
	struct sc_choice ch[SC_CHOICES_MAX];
	int n = sc_choices(SC_F_USB, o, ctx, ch, SC_CHOICES_MAX);
	fprintf(f, "cluster_version: %s\nusb_allowed: ", sc_cver_name(ctx->cver));
	for (int i = 0, first = 1; i < n; i++)
		if (!ch[i].reason) {
			fprintf(f, "%s%s", first ? "" : ",", sc_usb_name((enum sc_usb)ch[i].value));
			first = 0;
		}
	char eff[SC_PROXY_MAX + 64];
	proxy_text(o, ctx, cluster_proxy, eff, sizeof eff);
	fprintf(f, "\nspice_proxy_effective: %s", eff);
	fprintf(f, "\nsingle_pci: %s", sc_single_pci(o, ctx) ? "yes" : "no");
	fprintf(f, "\nuuid: %s\nrevision: %lld\n", o->uuid, (long long)o->rowver);
}

/* ---- list ---- */

/* The table format shows the columns the field table gives the CLI list
 * (tsv and json carry every field). */
struct lister {
	FILE *f;
	enum out_format fmt;
	int cols[SC_F_COUNT + 1]; /* ends with -1 */
	int width[SC_F_COUNT];
	long count;
};

static void upper(const char *s, char *buf, size_t n)
{
	size_t i = 0;
	for (; s[i] && i + 1 < n; i++)
		buf[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
	buf[i] = '\0';
}

static int measure(const struct sc_object *o, void *arg)
{
	struct lister *l = arg;
	char v[SC_DESC_MAX + 1];
	for (int i = 0; l->cols[i] >= 0; i++) {
		sc_field_get(o, l->cols[i], v, sizeof v);
		int w = (int)strlen(v);
		if (w > l->width[i])
			l->width[i] = w;
	}
	return 0;
}

void out_json_string(FILE *f, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = strlen(s);
	fputc('"', f);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		int n = c < 0x80 ? 1 : sc_utf8_decode(s + i, len - i, &cp);
		if (n == 0) { /* not UTF-8: the replacement character, as JSON wants text */
			fputs("\\ufffd", f);
			i++;
			continue;
		}
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
		else
			fwrite(s + i, 1, (size_t)n, f);
		i += (size_t)n;
	}
	fputc('"', f);
}

void out_json_key(FILE *f, bool first, const char *key)
{
	if (!first)
		fputs(", ", f);
	out_json_string(f, key);
	fputs(": ", f);
}

/* Numbers and check boxes are JSON numbers and booleans. */
static bool json_bare(const struct sc_field_info *fi)
{
	return fi->type == SC_FT_BOOL || (fi->type == SC_FT_INT && !fi->names);
}

/* A field's value: numbers and booleans bare, the rest as strings. */
static void json_field(FILE *f, const struct sc_object *o, int fl)
{
	char v[SC_DESC_MAX + 1];
	sc_field_get(o, fl, v, sizeof v);
	if (json_bare(sc_field_info(fl)))
		fputs(v, f);
	else
		out_json_string(f, v);
}

void out_show_json(FILE *f, const struct sc_object *o, const struct sc_ctx *ctx,
		   const char *cluster_proxy)
{
	out_show_json_link(f, o, ctx, cluster_proxy, NULL);
}

void out_show_json_link(FILE *f, const struct sc_object *o, const struct sc_ctx *ctx,
			const char *cluster_proxy, const struct store_link *link)
{
	bool first = true;
	fputc('{', f);
	for (int fl = 0; fl < SC_F_COUNT; fl++) {
		if (!sc_field_applies(fl, o->kind))
			continue;
		out_json_key(f, first, sc_field_info(fl)->key);
		json_field(f, o, fl);
		first = false;
	}
	struct sc_choice ch[SC_CHOICES_MAX];
	int n = sc_choices(SC_F_USB, o, ctx, ch, SC_CHOICES_MAX);
	out_json_key(f, first, "cluster_version");
	out_json_string(f, sc_cver_name(ctx->cver));
	out_json_key(f, false, "usb_allowed");
	fputc('[', f);
	for (int i = 0, k = 0; i < n; i++)
		if (!ch[i].reason) {
			fputs(k++ ? ", " : "", f);
			out_json_string(f, sc_usb_name((enum sc_usb)ch[i].value));
		}
	fputc(']', f);
	char eff[SC_PROXY_MAX + 64];
	proxy_text(o, ctx, cluster_proxy, eff, sizeof eff);
	out_json_key(f, false, "spice_proxy_effective");
	out_json_string(f, eff);
	out_json_key(f, false, "single_pci");
	out_json_string(f, sc_single_pci(o, ctx) ? "yes" : "no");
	out_json_key(f, false, "uuid");
	out_json_string(f, o->uuid);
	if (link) { /* the lines the text form has */
		out_json_key(f, false, "host");
		out_json_string(f, link->host);
		out_json_key(f, false, "domain");
		out_json_string(f, link->domain);
		if (link->pending) {
			out_json_key(f, false, "pending");
			out_json_string(f, "next boot");
		}
	}
	out_json_key(f, false, "revision");
	fprintf(f, "%lld}\n", (long long)o->rowver);
}

/* tsv is what scripts and bulk exports read: each row is put together in
 * one buffer (the fields of the kind in the order of show, found once per
 * kind) and written with one call, without formatting calls. */
struct tsv_row {
	char buf[SC_F_COUNT * (SC_DESC_MAX + 2) + 2];
	size_t len;
};

static void row_put(struct tsv_row *r, const char *s, size_t n)
{
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

static void row_int(struct tsv_row *r, long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	bool neg = v < 0;
	unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (neg)
		*--p = '-';
	row_put(r, p, (size_t)(tmp + sizeof tmp - p));
}

static void tsv_field(struct tsv_row *r, const struct sc_object *o, const struct sc_field_info *fi,
		      int fl)
{
	if (fi->type == SC_FT_TEXT) {
		const char *t = sc_field_text(o, fl);
		row_put(r, t, strnlen(t, fi->size));
	} else if (fi->type == SC_FT_BOOL) {
		if (sc_field_int(o, fl))
			row_put(r, "true", 4);
		else
			row_put(r, "false", 5);
	} else if (!fi->names) {
		row_int(r, sc_field_int(o, fl));
	} else {
		int v = sc_field_int(o, fl);
		const char *t = v >= 0 && v < fi->nnames ? fi->names[v] : "?";
		row_put(r, t, strlen(t));
	}
}

static int print_tsv(const struct sc_object *o, void *arg)
{
	struct lister *l = arg;
	static struct tsv_row r;
	static int fields[SC_KIND_COUNT][SC_F_COUNT + 1];
	static bool known[SC_KIND_COUNT];
	int *fl = fields[o->kind];
	if (!known[o->kind]) {
		int n = 0;
		for (int f = 0; f < SC_F_COUNT; f++)
			if (sc_field_applies(f, o->kind))
				fl[n++] = f;
		fl[n] = -1;
		known[o->kind] = true;
	}
	r.len = 0;
	for (int i = 0; fl[i] >= 0; i++) {
		if (i)
			r.buf[r.len++] = '\t';
		tsv_field(&r, o, sc_field_info(fl[i]), fl[i]);
	}
	r.buf[r.len++] = '\n';
	fwrite_unlocked(r.buf, 1, r.len, l->f);
	return 0;
}

static int print_row(const struct sc_object *o, void *arg)
{
	struct lister *l = arg;
	char v[SC_DESC_MAX + 1];
	int first = 1;
	if (l->fmt == OUT_TABLE) {
		for (int i = 0; l->cols[i] >= 0; i++) {
			sc_field_get(o, l->cols[i], v, sizeof v);
			if (l->cols[i + 1] >= 0)
				fprintf(l->f, "%-*s  ", l->width[i], v);
			else
				fputs(v, l->f);
		}
		fputc('\n', l->f);
		return 0;
	}
	if (l->fmt == OUT_JSON)
		fputs(l->count ? ",\n  {" : "\n  {", l->f);
	for (int fl = 0; fl < SC_F_COUNT; fl++) {
		if (!sc_field_applies(fl, o->kind))
			continue;
		if (l->fmt == OUT_TSV) {
			sc_field_get(o, fl, v, sizeof v);
			if (!first)
				fputc('\t', l->f);
			fputs(v, l->f);
		} else {
			out_json_key(l->f, first, sc_field_info(fl)->key);
			json_field(l->f, o, fl);
		}
		first = 0;
	}
	fputs(l->fmt == OUT_TSV ? "\n" : "}", l->f);
	l->count++;
	return 0;
}

static int cluster_row(const struct sc_cluster *c, void *arg)
{
	struct lister *l = arg;
	switch (l->fmt) {
	case OUT_TABLE: fprintf(l->f, "%-*s  %s\n", l->width[0], c->name, sc_cver_name(c->version)); break;
	case OUT_TSV: fprintf(l->f, "%s\t%s\n", c->name, sc_cver_name(c->version)); break;
	case OUT_JSON:
		fprintf(l->f, "%s  {\"name\": ", l->count ? ",\n" : "\n");
		out_json_string(l->f, c->name);
		fprintf(l->f, ", \"version\": \"%s\"}", sc_cver_name(c->version));
		break;
	}
	l->count++;
	return 0;
}

static int cluster_width(const struct sc_cluster *c, void *arg)
{
	struct lister *l = arg;
	int w = (int)strlen(c->name);
	if (w > l->width[0])
		l->width[0] = w;
	return 0;
}

static int list_clusters(struct lister *l, struct sc_store *st, const char *filter,
			 struct sc_err *err)
{
	if (l->fmt == OUT_TABLE) {
		l->width[0] = 4;
		if (store_cluster_scan(st, filter, 0, -1, cluster_width, l, err))
			return err->status;
		fprintf(l->f, "%-*s  VERSION\n", l->width[0], "NAME");
	}
	if (l->fmt == OUT_JSON)
		fputc('[', l->f);
	if (store_cluster_scan(st, filter, 0, -1, cluster_row, l, err))
		return err->status;
	if (l->fmt == OUT_JSON)
		fputs(l->count ? "\n]\n" : "]\n", l->f);
	return 0;
}

int out_list(FILE *f, struct sc_store *st, enum sc_kind kind, const char *filter, int sort,
	     enum out_format fmt, struct sc_err *err)
{
	static char buf[1 << 16];
	struct lister l = {.f = f, .fmt = fmt};
	l.cols[sc_field_columns(kind, SC_LIST_CLI, l.cols, SC_F_COUNT)] = -1;
	setvbuf(f, buf, _IOFBF, sizeof buf);
	if (kind == SC_CLUSTER)
		return list_clusters(&l, st, filter, err);
	if (fmt == OUT_TABLE) {
		char h[32];
		for (int i = 0; l.cols[i] >= 0; i++)
			l.width[i] = (int)strlen(sc_field_info(l.cols[i])->key);
		if (store_object_stream(st, kind, filter, sort, measure, &l, err))
			return err->status;
		for (int i = 0; l.cols[i] >= 0; i++) {
			upper(sc_field_info(l.cols[i])->key, h, sizeof h);
			if (l.cols[i + 1] >= 0)
				fprintf(f, "%-*s  ", l.width[i], h);
			else
				fputs(h, f);
		}
		fputc('\n', f);
	}
	if (fmt == OUT_JSON)
		fputc('[', f);
	/* as the rows come: a million take the memory of one */
	if (store_object_stream(st, kind, filter, sort, fmt == OUT_TSV ? print_tsv : print_row,
				&l, err))
		return err->status;
	if (fmt == OUT_JSON)
		fputs(l.count ? "\n]\n" : "]\n", f);
	return 0;
}
