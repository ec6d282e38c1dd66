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

/* libxml2 takes a buffer's length as an int: the size limit keeps every
 * file that reaches it within one. */
_Static_assert(XMLIO_MAX_BYTES <= 0x7fffffff, "XMLIO_MAX_BYTES must fit libxml2's int length");

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
	else if (len >= 2 && (memcmp(buf, "\xff\xfe", 2) == 0 || memcmp(buf, "\xfe\xff", 2) == 0 ||
			      memcmp(buf, "\0<", 2) == 0))
		return SC_OK; /* UTF-16 (big endian without a mark too): let the parser judge */
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
	return SC_OK;
}

/* ---- bounds, checked before libxml2 sees the file ----
 *
 * libxml2's cost grows faster than the input for some shapes (an element
 * with tens of thousands of attributes took seconds), and its own limits
 * ("Huge input lookup") say nothing a user can act on.  One linear pass
 * over the raw text enforces bounds far above what any OVF or API file
 * needs, and names the line.  UTF-16 is read by code unit; every other
 * encoding the parser takes is ASCII-compatible. */

struct scan {
	const unsigned char *b;
	size_t n;      /* code units */
	int width;     /* 1, or 2 for UTF-16 */
	bool be;       /* UTF-16 big endian */
	long line;
	const char *fname;
	struct sc_err *err;
};

static unsigned scan_unit(const struct scan *s, size_t i)
{
	if (s->width == 1)
		return s->b[i];
	const unsigned char *p = s->b + 2 * i;
	return s->be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

static bool scan_at(const struct scan *s, size_t i, const char *lit)
{
	for (; *lit; lit++, i++)
		if (i >= s->n || scan_unit(s, i) != (unsigned char)*lit)
			return false;
	return true;
}

static long count_lines(const unsigned char *p, const unsigned char *end)
{
	long n = 0;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		if (++p == end)
			break;
	}
	return n;
}

/* Index of lit at or after i (counting lines on the way), or n.  Byte
 * text goes by memchr: this pass runs over every byte of every imported
 * file, before the parser runs over them again. */
static size_t scan_to(struct scan *s, size_t i, const char *lit)
{
	if (s->width == 1 && i < s->n) {
		const unsigned char *p = s->b + i, *end = s->b + s->n, *q;
		size_t k = strlen(lit);
		for (q = p; (q = memchr(q, (unsigned char)lit[0], (size_t)(end - q))) != NULL; q++)
			if ((size_t)(end - q) >= k && memcmp(q, lit, k) == 0) {
				s->line += count_lines(p, q);
				return (size_t)(q - s->b);
			}
		s->line += count_lines(p, end);
		return s->n;
	}
	for (; i < s->n; i++) {
		if (scan_at(s, i, lit))
			return i;
		s->line += scan_unit(s, i) == '\n';
	}
	return s->n;
}

static int scan_refuse(struct scan *s, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int scan_refuse(struct scan *s, long line, const char *fmt, ...)
{
	char why[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return sc_fail(s->err, SC_EUSAGE, "%s:%ld: %s", s->fname, line, why);
}

/* The element name at the start tag beginning at i (ASCII, else '?'). */
static void scan_name(const struct scan *s, size_t i, char *out, size_t size)
{
	size_t k = 0;
	for (; i < s->n && k + 1 < size; i++) {
		unsigned c = scan_unit(s, i);
		if (c <= ' ' || c == '/' || c == '>')
			break;
		out[k++] = c >= 0x7f ? '?' : (char)c;
	}
	out[k] = '\0';
}

/* A start tag from its '<' at i: attributes counted outside quotes. */
static int scan_tag(struct scan *s, size_t *i, long *elements, int *depth)
{
	size_t start = *i, j = *i + 1;
	long line = s->line;
	unsigned quote = 0;
	int attrs = 0;
	char name[64];
	for (; j < s->n; j++) {
		if (quote && s->width == 1) {
			/* a value (a namespace URI, a long id) at once to its quote */
			const unsigned char *p = s->b + j, *end = s->b + s->n;
			const unsigned char *q = memchr(p, (int)quote, (size_t)(end - p));
			s->line += count_lines(p, q ? q : end);
			if (!q) {
				j = s->n;
				break;
			}
			j = (size_t)(q - s->b);
			quote = 0;
			continue;
		}
		if (s->width == 1) {
			/* names and spaces: on to the next byte that matters */
			static const bool special[256] = {['"'] = 1, ['\''] = 1, ['='] = 1,
							  ['>'] = 1, ['\n'] = 1};
			while (j < s->n && !special[s->b[j]])
				j++;
			if (j == s->n)
				break;
		}
		unsigned c = scan_unit(s, j);
		s->line += c == '\n';
		if (quote) {
			quote = c == quote ? 0 : quote;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '=') {
			if (++attrs > XMLIO_MAX_ATTRS) {
				scan_name(s, start + 1, name, sizeof name);
				return scan_refuse(s, line, "<%s> has more than %d attributes; files are "
					       "refused beyond that (OVF and API elements have a few)",
					       name, XMLIO_MAX_ATTRS);
			}
		} else if (c == '>') {
			break;
		}
	}
	if (j - start > XMLIO_MAX_TEXT) {
		scan_name(s, start + 1, name, sizeof name);
		return scan_refuse(s, line, "the start tag <%s> is longer than 1 MiB; files are "
			       "refused beyond that", name);
	}
	if (++*elements > XMLIO_MAX_ELEMENTS)
		return scan_refuse(s, line, "more than %d elements; files are refused beyond that "
			       "(an OVF or API file has a few hundred)", XMLIO_MAX_ELEMENTS);
	if (j < s->n && scan_unit(s, j - 1) != '/' && ++*depth > XMLIO_MAX_DEPTH) {
		scan_name(s, start + 1, name, sizeof name);
		return scan_refuse(s, line, "<%s> is nested %d levels deep; files are refused beyond "
			       "%d levels", name, *depth, XMLIO_MAX_DEPTH);
	}
	*i = j + 1;
	return SC_OK;
}

/* Comments, CDATA sections and processing instructions: one piece each. */
static int scan_piece(struct scan *s, size_t *i, size_t open, const char *close,
		      const char *what)
{
	long line = s->line;
	size_t end = scan_to(s, *i + open, close);
	if (end - *i > XMLIO_MAX_TEXT)
		return scan_refuse(s, line, "%s longer than 1 MiB; files are refused beyond that",
				   what);
	*i = end + strlen(close);
	return SC_OK;
}

static int scan_bounds(const char *buf, size_t len, const char *fname, struct sc_err *err)
{
	struct scan s = {(const unsigned char *)buf, len, 1, false, 1, fname, err};
	const unsigned char *b = s.b;
	if (len >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == '<' && b[1] == 0)))
		s.width = 2;
	else if (len >= 2 && ((b[0] == 0xfe && b[1] == 0xff) || (b[0] == 0 && b[1] == '<')))
		s.width = 2, s.be = true;
	s.n = len / (size_t)s.width;
	long elements = 0;
	int depth = 0, rc = SC_OK;
	for (size_t i = 0; i < s.n && !rc;) {
		if (scan_unit(&s, i) != '<') { /* text up to the next tag */
			long line = s.line;
			size_t end = scan_to(&s, i, "<");
			if (end - i > XMLIO_MAX_TEXT)
				return scan_refuse(&s, line, "a text longer than 1 MiB; files are "
						   "refused beyond that (an OVF or API value is short)");
			i = end;
			continue;
		}
		/* the character after '<' tells the kinds apart */
		unsigned next = i + 1 < s.n ? scan_unit(&s, i + 1) : 0;
		if (next == '!' && scan_at(&s, i, "<!--")) {
			rc = scan_piece(&s, &i, 4, "-->", "a comment");
		} else if (next == '!' && scan_at(&s, i, "<![CDATA[")) {
			rc = scan_piece(&s, &i, 9, "]]>", "a CDATA section");
		} else if (next == '?') {
			rc = scan_piece(&s, &i, 2, "?>", "a processing instruction");
		} else if (next == '!') {
			break; /* a DOCTYPE: the parser refuses it at once */
		} else if (next == '/') {
			rc = scan_piece(&s, &i, 2, ">", "an end tag");
			depth -= depth > 0;
		} else {
			rc = scan_tag(&s, &i, &elements, &depth);
		}
	}
	return rc;
}

xmlDocPtr xmlio_parse(const char *buf, size_t len, const char *fname, struct sc_err *err)
{
	if (precheck(buf, len, fname, err) || scan_bounds(buf, len, fname, err))
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
	 * the buffer is ever read.  XML_PARSE_HUGE lifts libxml2's own size
	 * limits, which scan_bounds() replaced with tighter ones of ours; no
	 * DOCTYPE means no entity it could let grow. */
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_HUGE |
		   XML_PARSE_COMPACT;
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
