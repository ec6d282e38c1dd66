#include "xmlio.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "utf8.h"

/* What the parse callbacks learn, kept in the parser context's _private. */
struct parse_state {
	const char *fname;
	struct sc_err *err;
	bool failed;
};

static void fail_once(struct parse_state *ps, long line, const char *why)
{
	if (ps->failed)
		return;
	char clean[512];
	xmlio_clean(why, clean, sizeof clean);
	size_t n = strlen(clean);
	while (n && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
		clean[--n] = '\0';
	if (line > 0)
		sc_fail(ps->err, SC_EUSAGE, "%s:%ld: %s", ps->fname, line, clean);
	else
		sc_fail(ps->err, SC_EUSAGE, "%s: %s", ps->fname, clean);
	ps->failed = true;
}

/* The first error is the one worth reporting; later ones are consequences. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	if (!ctxt || !e || e->level < XML_ERR_ERROR)
		return;
	char why[400];
	snprintf(why, sizeof why, "not well-formed XML: %s", e->message ? e->message : "?");
	fail_once(ctxt->_private, e->line, why);
}

/* OVF and API documents have no DOCTYPE.  Stopping at the first sight of
 * one means no entity is ever declared, loaded or expanded. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name, (void)ext, (void)sys;
	xmlParserCtxtPtr ctxt = ctx;
	fail_once(ctxt->_private, xmlSAX2GetLineNumber(ctxt),
		  "DOCTYPE declarations are not accepted (entities and DTDs are refused "
		  "for safety; a valid file has none)");
	xmlStopParser(ctxt);
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

static int precheck(const char *buf, size_t len, const char *fname, struct sc_err *err)
{
	char lim[SC_SIZE_TEXT];
	if (len > XMLIO_MAX_BYTES)
		return sc_fail(err, SC_EUSAGE,
			       "%s: file is %zu bytes; files over %s are refused", fname, len,
			       sc_size_text(XMLIO_MAX_BYTES, lim));
	if (len == 0 || !buf)
		return sc_fail(err, SC_EUSAGE, "%s: file is empty; expected an XML document",
			       fname);
	/* Skip a byte order mark and white space: what follows must be '<'. */
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	else if (len >= 2 && (memcmp(buf, "\xff\xfe", 2) == 0 || memcmp(buf, "\xfe\xff", 2) == 0))
		return SC_OK; /* UTF-16: let the parser judge */
	while (i < len && strchr(" \t\r\n", buf[i]) && buf[i])
		i++;
	if (i == len)
		return sc_fail(err, SC_EUSAGE, "%s: file holds only white space; expected an XML document",
			       fname);
	if (buf[i] != '<') {
		long line = 1;
		for (size_t k = 0; k < i; k++)
			line += buf[k] == '\n';
		return sc_fail(err, SC_EUSAGE,
			       "%s:%ld: not an XML document (it does not start with '<')", fname,
			       line);
	}
	if (len > 0x7fffffff)
		return sc_fail(err, SC_EUSAGE, "%s: file too large", fname);
	return SC_OK;
}

xmlDocPtr xmlio_parse(const char *buf, size_t len, const char *fname, struct sc_err *err)
{
	if (precheck(buf, len, fname, err))
		return NULL;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		sc_fail(err, SC_ERUNTIME, "%s: out of memory", fname);
		return NULL;
	}
	struct parse_state ps = {fname, err, false};
	ctxt->_private = &ps;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->externalSubset = on_doctype;
	ctxt->sax->serror = on_error;
	ctxt->sax->error = quiet;
	ctxt->sax->warning = quiet;
	ctxt->vctxt.error = quiet;
	ctxt->vctxt.warning = quiet;
	/* No XML_PARSE_NOENT, DTDLOAD, DTDATTR or XINCLUDE: nothing outside
	 * the buffer is ever read. */
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL, opts);
	if (doc && (ps.failed || !ctxt->wellFormed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc)
		fail_once(&ps, 0, "not well-formed XML");
	else if (!xmlDocGetRootElement(doc)) {
		fail_once(&ps, 0, "no root element");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

bool xmlio_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNode *xmlio_elem(const xmlNode *parent, const xmlNode *n)
{
	xmlNode *c = n ? n->next : parent->children;
	while (c && c->type != XML_ELEMENT_NODE)
		c = c->next;
	return c;
}

xmlNode *xmlio_child(const xmlNode *parent, const char *name)
{
	for (xmlNode *c = xmlio_elem(parent, NULL); c; c = xmlio_elem(parent, c))
		if (xmlio_is(c, name))
			return c;
	return NULL;
}

long xmlio_line(const xmlNode *n)
{
	return n ? xmlGetLineNo(n) : 0;
}

static int copy_text(const xmlNode *n, char *buf, size_t size, bool trim)
{
	size_t len = 0;
	buf[0] = '\0';
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			continue;
		size_t k = c->content ? strlen((const char *)c->content) : 0;
		if (len + k >= size)
			return -1;
		memcpy(buf + len, c->content, k);
		len += k;
		buf[len] = '\0';
	}
	if (!trim)
		return 0;
	size_t a = strspn(buf, " \t\r\n");
	while (len > a && strchr(" \t\r\n", buf[len - 1]))
		len--;
	memmove(buf, buf + a, len - a);
	buf[len - a] = '\0';
	return 0;
}

int xmlio_text(const xmlNode *n, char *buf, size_t size)
{
	return copy_text(n, buf, size, true);
}

int xmlio_text_raw(const xmlNode *n, char *buf, size_t size)
{
	return copy_text(n, buf, size, false);
}

int xmlio_attr(const xmlNode *n, const char *name, char *buf, size_t size)
{
	buf[0] = '\0';
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		const xmlNode *t = a->children;
		const char *v = t && t->type == XML_TEXT_NODE && t->content
					? (const char *)t->content
					: "";
		return sc_strlcpy(buf, v, size);
	}
	return -1;
}

void xmlio_clean(const char *s, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	if (size < 4) {
		if (size)
			out[0] = '\0';
		return;
	}
	/* Invariant: o <= size - 4, so "..." and the NUL always fit. */
	while (*p) {
		uint32_t c;
		const char *q = (const char *)p;
		size_t k = *p >= 0x80 ? (size_t)sc_utf8_decode(q, strnlen(q, 4), &c) : 1;
		bool ok = k > 0 && (*p >= 0x80 || (*p >= 0x20 && *p != 0x7f) || *p == '\n');
		size_t w = ok ? k : 1;
		if (o + w > size - 4) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (ok)
			memcpy(out + o, p, k);
		else
			out[o] = '?';
		o += w;
		p += w;
	}
	out[o] = '\0';
}

void xmlio_note(struct xmlio_notes *nt, const char *fmt, ...)
{
	if (!nt)
		return;
	if (nt->n == nt->cap) {
		int cap = nt->cap ? nt->cap * 2 : 8;
		char **l = realloc(nt->line, (size_t)cap * sizeof *l);
		if (!l)
			return;
		nt->line = l;
		nt->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	int r = vasprintf(&nt->line[nt->n], fmt, ap);
	va_end(ap);
	if (r >= 0)
		nt->n++;
}

void xmlio_notes_free(struct xmlio_notes *nt)
{
	for (int i = 0; i < nt->n; i++)
		free(nt->line[i]);
	free(nt->line);
	*nt = (struct xmlio_notes){0};
}
