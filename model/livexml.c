/* A live domain's XML is libvirt's, not spicecfg's: merging works on the
 * parsed tree and changes only the elements of the console part, each only
 * where it does not already say what the settings say, so that a domain
 * whose settings match comes out unchanged and addresses, aliases and
 * attributes spicecfg does not manage survive.  New elements come from the
 * export's own writers (domxml.c) and go where libvirt itself would put
 * them, indented as libvirt indents. */
#include "livexml.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "field.h"
#include "osmap.h"
#include "rules.h"
#include "sbuf.h"
#include "uri.h"

static bool attr_is(const xmlNode *n, const char *name, const char *value)
{
	char buf[256];
	return xmlio_attr(n, name, buf, sizeof buf) == 0 && strcmp(buf, value) == 0;
}

static bool has_attr(const xmlNode *n, const char *name)
{
	return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

/* The text of parent's child element name; "" when there is none. */
static int text_of(const xmlNode *parent, const char *name, char *buf, size_t size)
{
	xmlNode *c = xmlio_child(parent, name);
	buf[0] = '\0';
	return c ? xmlio_text(c, buf, size) : -1;
}

/* ---- domain capabilities ---- */

static void caplist(const xmlNode *dev, const char *enum_name, struct lx_caplist *l)
{
	if (!dev)
		return;
	l->reported = true;
	if (!attr_is(dev, "supported", "yes"))
		return;
	for (xmlNode *e = xmlio_elem(dev, NULL); e; e = xmlio_elem(dev, e)) {
		if (!xmlio_is(e, "enum") || !attr_is(e, "name", enum_name))
			continue;
		for (xmlNode *v = xmlio_elem(e, NULL); v; v = xmlio_elem(e, v))
			if (xmlio_is(v, "value") && l->n < LX_CAPS_MAX &&
			    xmlio_text(v, l->v[l->n], sizeof l->v[l->n]) == 0)
				l->n++;
	}
}

int lx_caps_parse(const char *xml, size_t len, const char *fname, struct lx_caps *out,
		  struct sc_err *err)
{
	*out = (struct lx_caps){0};
	xmlDocPtr doc = xmlio_parse(xml, len, fname, err);
	if (!doc)
		return err ? err->status : SC_EUSAGE;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!xmlio_is(root, "domainCapabilities")) {
		int rc = sc_fail(err, SC_EUSAGE,
				 "%s:%ld: not libvirt domain capabilities (the root is <%s>, "
				 "expected <domainCapabilities>)",
				 fname, xmlio_line(root), (const char *)root->name);
		xmlFreeDoc(doc);
		return rc;
	}
	text_of(root, "domain", out->domain, sizeof out->domain);
	text_of(root, "machine", out->machine, sizeof out->machine);
	text_of(root, "arch", out->arch, sizeof out->arch);
	xmlNode *dev = xmlio_child(root, "devices");
	if (dev) {
		caplist(xmlio_child(dev, "graphics"), "type", &out->graphics);
		caplist(xmlio_child(dev, "video"), "modelType", &out->video);
		caplist(xmlio_child(dev, "redirdev"), "bus", &out->redirdev);
		caplist(xmlio_child(dev, "channel"), "type", &out->channel);
		caplist(xmlio_child(dev, "smartcard"), "mode", &out->smartcard);
		for (xmlNode *c = xmlio_elem(dev, NULL); c; c = xmlio_elem(dev, c))
			if (xmlio_is(c, "controller") && attr_is(c, "type", "usb"))
				caplist(c, "model", &out->usb);
	}
	xmlFreeDoc(doc);
	return SC_OK;
}

bool lx_caps_has(const struct lx_caplist *l, const char *value)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i], value) == 0)
			return true;
	return false;
}

void lx_init(void)
{
	xmlInitParser();
}

static bool lacks(const struct lx_caplist *l, const char *value)
{
	return l->reported && !lx_caps_has(l, value);
}

void lx_caps_rules(const struct lx_caps *caps, struct sc_hostcaps *out)
{
	out->no_spice = lacks(&caps->graphics, "spice");
	out->no_qxl = lacks(&caps->video, "qxl");
	out->no_redir = lacks(&caps->redirdev, "usb");
	out->no_smartcard = lacks(&caps->smartcard, "passthrough");
}

/* ---- reading the console part ---- */

/* The console's graphics element: the first SPICE or VNC one. */
static xmlNode *console_graphics(const xmlNode *devices)
{
	for (xmlNode *g = xmlio_elem(devices, NULL); g; g = xmlio_elem(devices, g))
		if (xmlio_is(g, "graphics") &&
		    (attr_is(g, "type", "spice") || attr_is(g, "type", "vnc")))
			return g;
	return NULL;
}

static xmlNode *graphics_of(const xmlNode *devices, const char *type)
{
	for (xmlNode *g = xmlio_elem(devices, NULL); g; g = xmlio_elem(devices, g))
		if (xmlio_is(g, "graphics") && attr_is(g, "type", type))
			return g;
	return NULL;
}

static bool is_spicevmc_redirdev(const xmlNode *n)
{
	return xmlio_is(n, "redirdev") && attr_is(n, "type", "spicevmc");
}

static bool is_spicevmc_smartcard(const xmlNode *n)
{
	return xmlio_is(n, "smartcard") && attr_is(n, "type", "spicevmc");
}

static bool is_vdagent(const xmlNode *n)
{
	if (!xmlio_is(n, "channel") || !attr_is(n, "type", "spicevmc"))
		return false;
	xmlNode *t = xmlio_child(n, "target");
	return t && attr_is(t, "name", "com.redhat.spice.0");
}

static int count(const xmlNode *devices, bool (*is)(const xmlNode *))
{
	int k = 0;
	for (xmlNode *n = xmlio_elem(devices, NULL); n; n = xmlio_elem(devices, n))
		k += is(n);
	return k;
}

static long attr_long(const xmlNode *n, const char *name, long dflt)
{
	char buf[32], *e;
	if (xmlio_attr(n, name, buf, sizeof buf) != 0)
		return dflt;
	long v = strtol(buf, &e, 10);
	return e == buf || *e ? dflt : v;
}

/* What the video devices show: the monitors (the heads of a qxl device
 * with more than one, else the number of qxl devices, else 1), whether one
 * device carries them all, how many devices and qxl devices there are. */
struct video_shape {
	int monitors, devices, qxl;
	bool single;
};

static struct video_shape video_shape(const xmlNode *devices)
{
	struct video_shape s = {0};
	int heads = 0;
	for (xmlNode *v = xmlio_elem(devices, NULL); v; v = xmlio_elem(devices, v)) {
		if (!xmlio_is(v, "video"))
			continue;
		s.devices++;
		xmlNode *m = xmlio_child(v, "model");
		if (!m || !attr_is(m, "type", "qxl"))
			continue;
		s.qxl++;
		long h = attr_long(m, "heads", 1);
		if (h > 1 && !heads)
			heads = (int)(h > 64 ? 64 : h);
	}
	s.single = heads > 1;
	s.monitors = heads > 1 ? heads : s.qxl ? s.qxl : 1;
	return s;
}

static const char *const WAN_SET[][3] = {
	{"image", "compression", "auto_glz"}, {"jpeg", "compression", "always"},
	{"zlib", "compression", "always"},    {"playback", "compression", "on"},
	{"streaming", "mode", "filter"},
};
#define WAN_N (sizeof WAN_SET / sizeof *WAN_SET)

/* The graphics carry spicecfg's WAN set exactly. */
static bool has_wan(const xmlNode *g)
{
	for (size_t i = 0; i < WAN_N; i++) {
		xmlNode *e = xmlio_child(g, WAN_SET[i][0]);
		if (!e || !attr_is(e, WAN_SET[i][1], WAN_SET[i][2]))
			return false;
	}
	return true;
}

/* A <usbdev>'s version "1.10" as the BCD release number 0x0110. */
static long bcd_version(const char *s)
{
	unsigned maj, min;
	if (sscanf(s, "%u.%u", &maj, &min) != 2 || maj > 99 || min > 99)
		return -1;
	return (long)((maj / 10) << 12 | (maj % 10) << 8 | (min / 10) << 4 | (min % 10));
}

/* <redirfilter> as UsbFilter rules; false if a rule cannot be written so. */
static bool filter_rules(const xmlNode *rf, char *out, size_t size)
{
	struct sbuf b = {0};
	static const char *const names[4] = {"class", "vendor", "product", "version"};
	static const long max[3] = {0xff, 0xffff, 0xffff}; /* as UsbFilter reads them */
	bool ok = true;
	for (xmlNode *u = xmlio_elem(rf, NULL); u && ok; u = xmlio_elem(rf, u)) {
		if (!xmlio_is(u, "usbdev"))
			continue;
		if (b.len)
			sbuf_puts(&b, "|");
		for (int i = 0; i < 4; i++) {
			char v[32], *e = v; /* strtol moves e; a version leaves it */
			if (xmlio_attr(u, names[i], v, sizeof v) != 0 || strcmp(v, "-1") == 0) {
				sbuf_puts(&b, "-1,");
				continue;
			}
			long x = i == 3 ? bcd_version(v) : strtol(v, &e, 16);
			ok = ok && x >= 0 && (i == 3 || (!*e && x <= max[i]));
			sbuf_printf(&b, i == 0 ? "0x%02lx," : "0x%04lx,", x);
		}
		sbuf_puts(&b, attr_is(u, "allow", "yes") ? "1" : "0");
	}
	char *s = sbuf_finish(&b, NULL, NULL);
	ok = ok && s && strlen(s) < size;
	if (ok)
		strcpy(out, s);
	free(s);
	return ok;
}

/* ---- pull ---- */

/* The libosinfo id (http://redhat.com/rhel/6.5) as an osinfo name the OS
 * map knows (rhel_6x64), by the pattern oVirt's osinfo names follow. */
static void osinfo_name(const char *id, bool x64, char *out, size_t size)
{
	const char *p = strstr(id, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	char distro[64] = "", ver[64] = "";
	if (p)
		sscanf(p, "/%63[^/]/%63[^/]", distro, ver);
	if (strcmp(distro, "win") == 0) {
		/* Windows versions: xp, 7, 2k3, 2k8r2, 2k12 ...: "2k" and a
		 * year of this century, 2k8r2 being 2008r2 */
		char v[68]; /* "20", "0" and the version */
		if (strncmp(ver, "2k", 2) == 0)
			snprintf(v, sizeof v, "20%s%s", strspn(ver + 2, "0123456789") == 1 ? "0" : "",
				 ver + 2);
		else
			snprintf(v, sizeof v, "%s", ver);
		bool server = strncmp(v, "20", 2) == 0;
		snprintf(out, size, "windows_%s%s", v, x64 && (server || strcmp(v, "7") == 0) ? "x64" : "");
		if (server && strstr(v, "2008r2"))
			snprintf(out, size, "windows_2008r2x64");
		return;
	}
	char major[16] = "";
	sscanf(ver, "%15[0-9]", major);
	if (strcmp(distro, "rhel") == 0)
		snprintf(out, size, "rhel_%s%s", major, x64 ? "x64" : "");
	else if (distro[0])
		snprintf(out, size, "%s_%s", distro, major);
	else
		snprintf(out, size, "%s", id);
}

static void pull_os(const xmlNode *root, struct lx_domain *d, struct xmlio_notes *notes)
{
	d->os = SC_OS_OTHER;
	xmlNode *md = xmlio_child(root, "metadata");
	xmlNode *lo = md ? xmlio_child(md, "libosinfo") : NULL;
	xmlNode *os = lo ? xmlio_child(lo, "os") : NULL;
	char id[256];
	if (!os || xmlio_attr(os, "id", id, sizeof id) != 0) {
		xmlio_note(notes, "os: no libosinfo id in the metadata; Other");
		return;
	}
	xmlNode *ost = xmlio_child(root, "os");
	xmlNode *type = ost ? xmlio_child(ost, "type") : NULL;
	bool x64 = !type || attr_is(type, "arch", "x86_64");
	char name[300];
	osinfo_name(id, x64, name, sizeof name);
	enum sc_os o;
	char clean[256];
	xmlio_clean(id, clean, sizeof clean);
	switch (osmap_lookup(name, &o)) {
	case OSMAP_EXACT:
	case OSMAP_ALIAS:
		d->os = o;
		xmlio_note(notes, "os: %s -> %s", clean, sc_os_name(o));
		break;
	case OSMAP_NEAREST:
		d->os = o;
		xmlio_note(notes, "os: %s -> %s (no equivalent in the 3.1 list; the nearest of its family)",
			   clean, sc_os_name(o));
		break;
	default:
		xmlio_note(notes, "os: %s is not known; Other", clean);
	}
}

static long long memory_kib(const xmlNode *m)
{
	char txt[32], unit[16] = "KiB", *e;
	if (!m || xmlio_text(m, txt, sizeof txt) != 0)
		return -1;
	long long v = strtoll(txt, &e, 10);
	if (e == txt || *e || v < 0)
		return -1;
	if (xmlHasProp(m, (const xmlChar *)"unit")) /* without one, KiB (libvirt's default) */
		xmlio_attr(m, "unit", unit, sizeof unit);
	static const struct {
		const char *u;
		long long mul, div;
	} units[] = {
		{"b", 1, 1024}, {"bytes", 1, 1024}, {"KB", 1000, 1024}, {"k", 1, 1}, {"KiB", 1, 1},
		{"MB", 1000000, 1024}, {"M", 1024, 1}, {"MiB", 1024, 1}, {"GB", 1000000000, 1024},
		{"G", 1048576, 1}, {"GiB", 1048576, 1},
	};
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (strcmp(unit, units[i].u) == 0)
			return v > LLONG_MAX / units[i].mul ? -1 : v * units[i].mul / units[i].div;
	return -1;
}

static void pull_basics(const xmlNode *root, struct lx_domain *d, struct xmlio_notes *notes)
{
	text_of(root, "name", d->name, sizeof d->name);
	text_of(root, "uuid", d->uuid, sizeof d->uuid);
	long long kib = memory_kib(xmlio_child(root, "memory"));
	d->memory = kib < 0 ? 1024 : kib / 1024 > INT_MAX ? INT_MAX : (int)(kib / 1024);
	if (kib >= 0 && kib % 1024)
		xmlio_note(notes, "memory: %lld KiB -> %d MiB (rounded down)", kib, d->memory);
	else
		xmlio_note(notes, "memory: %d MiB", d->memory);
	char txt[16];
	long v = 0;
	if (text_of(root, "vcpu", txt, sizeof txt) == 0)
		v = strtol(txt, NULL, 10);
	d->cpus = v > 0 && v < 1 << 16 ? (int)v : 1;
	xmlio_note(notes, "cpus: %d", d->cpus);
	pull_os(root, d, notes);
}

/* Largest valid count not above n, else the smallest valid one. */
static int fit_monitors(int n, unsigned mask)
{
	for (int k = n < 31 ? n : 31; k >= 1; k--)
		if (mask & 1u << k)
			return k;
	for (int k = 1; k < 32; k++)
		if (mask & 1u << k)
			return k;
	return 1;
}

static void pull_console(const xmlNode *dev, const xmlNode *g, unsigned mask,
			 struct dx_console *c, struct xmlio_notes *notes)
{
	bool spice = attr_is(g, "type", "spice");
	c->display = spice ? SC_DISPLAY_SPICE : SC_DISPLAY_VNC;
	xmlio_note(notes, "display: %s", spice ? "spice" : "vnc");
	struct video_shape vs = video_shape(dev);
	c->monitors = spice ? fit_monitors(vs.monitors, mask) : 1;
	c->single_pci = spice && vs.single && c->monitors > 1;
	if (c->monitors != vs.monitors)
		xmlio_note(notes, "monitors: the video devices show %d; %d (%s)", vs.monitors,
			   c->monitors,
			   spice ? "the nearest ValidNumOfMonitors allows" : "VNC has one");
	else
		xmlio_note(notes, "monitors: %d%s", c->monitors,
			   c->single_pci ? " (heads of one qxl device)" : "");
	int redir = count(dev, is_spicevmc_redirdev), other = 0;
	for (xmlNode *n = xmlio_elem(dev, NULL); n; n = xmlio_elem(dev, n))
		other += xmlio_is(n, "redirdev") && !is_spicevmc_redirdev(n);
	c->usb = spice && redir ? SC_USB_NATIVE : SC_USB_DISABLED;
	c->usb_slots = redir;
	if (redir)
		xmlio_note(notes, "usb: native (%d spicevmc redirection channels)", redir);
	else
		xmlio_note(notes, "usb: disabled (no spicevmc redirection channel)");
	if (other)
		xmlio_note(notes, "ignored: %d redirdev(s) not of type spicevmc (not SPICE; kept "
				  "by apply)",
			   other);
	xmlNode *rf = xmlio_child(dev, "redirfilter");
	if (rf && c->usb == SC_USB_NATIVE) {
		if (filter_rules(rf, c->usb_filter, sizeof c->usb_filter))
			xmlio_note(notes, "usb filter: %s", c->usb_filter);
		else
			xmlio_note(notes, "ignored: a <redirfilter> UsbFilter rules cannot hold");
	}
	c->smartcard = spice && count(dev, is_spicevmc_smartcard) > 0;
	xmlio_note(notes, "smartcard: %s", c->smartcard ? "on" : "off");
	xmlNode *cb = spice ? xmlio_child(g, "clipboard") : NULL;
	xmlNode *ft = spice ? xmlio_child(g, "filetransfer") : NULL;
	c->copy_paste = !(cb && attr_is(cb, "copypaste", "no"));
	c->file_transfer = !(ft && attr_is(ft, "enable", "no"));
	xmlio_note(notes, "copy_paste: %s%s", c->copy_paste ? "true" : "false",
		   cb ? "" : " (libvirt's default)");
	xmlio_note(notes, "file_transfer: %s%s", c->file_transfer ? "true" : "false",
		   ft ? "" : " (libvirt's default)");
	c->wan = spice && has_wan(g);
	if (c->wan)
		xmlio_note(notes, "wan: on (the graphics carry the WAN compression set)");
	c->vdagent = spice && count(dev, is_vdagent) > 0;
}

int lx_pull(const char *xml, size_t len, const char *fname, unsigned monitors_mask,
	    struct lx_domain *out, struct xmlio_notes *notes, struct sc_err *err)
{
	*out = (struct lx_domain){0};
	xmlDocPtr doc = xmlio_parse(xml, len, fname, err);
	if (!doc)
		return err ? err->status : SC_EUSAGE;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!xmlio_is(root, "domain")) {
		int rc = sc_fail(err, SC_EUSAGE, "%s:%ld: not a libvirt domain (the root is <%s>)",
				 fname, xmlio_line(root), (const char *)root->name);
		xmlFreeDoc(doc);
		return rc;
	}
	pull_basics(root, out, notes);
	xmlNode *dev = xmlio_child(root, "devices");
	xmlNode *g = dev ? console_graphics(dev) : NULL;
	out->has_console = g != NULL;
	if (g)
		pull_console(dev, g, monitors_mask, &out->con, notes);
	else
		xmlio_note(notes, "skipped: no graphics device");
	xmlFreeDoc(doc);
	return SC_OK;
}

void lx_to_object(const struct lx_domain *d, const struct sc_ctx *ctx, struct sc_object *o,
		  struct xmlio_notes *notes)
{
	const struct dx_console *c = &d->con;
	o->os = d->os;
	o->memory = d->memory;
	o->cpus = d->cpus;
	o->display = c->display;
	o->monitors = c->monitors;
	o->usb = c->usb;
	o->smartcard = c->smartcard;
	if (o->display != SC_DISPLAY_SPICE) {
		/* VNC has neither; what is stored for SPICE stays for a switch back */
		o->wan = false;
		return;
	}
	o->copy_paste = c->copy_paste;
	o->file_transfer = c->file_transfer;
	o->wan = c->wan;
	const char *why = o->wan ? sc_lock_reason(SC_F_WAN, o, ctx) : NULL;
	if (why) {
		o->wan = false;
		xmlio_note(notes, "wan: off (the graphics carry the WAN set, but %s)", why);
	}
}

/* The first rule of a UsbFilter lets every device through. */
static bool filter_allows_all(const char *rules)
{
	char first[64];
	size_t n = strcspn(rules, "|");
	if (n >= sizeof first)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (rules[i] != ' ' && rules[i] != '\t')
			first[k++] = rules[i];
	first[k] = '\0';
	return strcmp(first, "-1,-1,-1,-1,1") == 0;
}

void lx_console_for(const struct sc_object *o, const struct sc_ctx *ctx,
		    struct dx_console *out)
{
	domxml_console_of(o, ctx, out);
	out->live = true;
	if (filter_allows_all(out->usb_filter))
		out->usb_filter[0] = '\0';
}

/* ---- where a running domain's console is reached ---- */

int lx_access_of(const char *xml, size_t len, const char *fname, struct lx_access *out,
		 struct sc_err *err)
{
	*out = (struct lx_access){0};
	xmlDocPtr doc = xmlio_parse(xml, len, fname, err);
	if (!doc)
		return err ? err->status : SC_EUSAGE;
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *dev = xmlio_is(root, "domain") ? xmlio_child(root, "devices") : NULL;
	xmlNode *g = dev ? console_graphics(dev) : NULL;
	if (!g) {
		xmlFreeDoc(doc);
		return sc_fail(err, SC_ENOTFOUND, "%s has no SPICE or VNC graphics", fname);
	}
	out->display = attr_is(g, "type", "spice") ? SC_DISPLAY_SPICE : SC_DISPLAY_VNC;
	long p = attr_long(g, "port", 0), t = attr_long(g, "tlsPort", 0);
	out->port = p > 0 && p < 65536 ? (int)p : 0;
	out->tls_port = t > 0 && t < 65536 ? (int)t : 0;
	if (xmlio_attr(g, "listen", out->listen, sizeof out->listen) != 0)
		out->listen[0] = '\0';
	for (xmlNode *l = xmlio_elem(g, NULL); l && !out->listen[0]; l = xmlio_elem(g, l))
		if (xmlio_is(l, "listen") &&
		    xmlio_attr(l, "address", out->listen, sizeof out->listen) != 0)
			out->listen[0] = '\0';
	xmlFreeDoc(doc);
	return SC_OK;
}

static bool loopback(const char *a)
{
	return strncmp(a, "127.", 4) == 0 || strcmp(a, "::1") == 0 ||
	       strcmp(a, "localhost") == 0;
}

void lx_access_host(const struct lx_access *a, const char *uri, char *out, size_t n,
		    bool *loopback_only)
{
	char host[256];
	sc_uri_host(uri, host, sizeof host);
	bool wildcard = !a->listen[0] || strcmp(a->listen, "0.0.0.0") == 0 ||
			strcmp(a->listen, "::") == 0;
	*loopback_only = host[0] && !wildcard && loopback(a->listen);
	if (wildcard || *loopback_only)
		snprintf(out, n, "%s", host[0] ? host : "localhost");
	else
		snprintf(out, n, "%s", a->listen);
}

/* ---- tree edits that keep libvirt's layout ---- */

static bool blank(const xmlNode *n)
{
	if (!n || n->type != XML_TEXT_NODE)
		return false;
	for (const xmlChar *p = n->content; p && *p; p++)
		if (!strchr(" \t\r\n", *p))
			return false;
	return true;
}

static bool has_elements(const xmlNode *p)
{
	return xmlio_elem(p, NULL) != NULL;
}

/* Removes n and the indentation before it; an element left without
 * children closes as <x/>. */
static void drop(xmlNode *n)
{
	xmlNode *p = n->parent;
	if (blank(n->prev)) {
		xmlNode *w = n->prev;
		xmlUnlinkNode(w);
		xmlFreeNode(w);
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	if (p && !has_elements(p))
		while (p->children && blank(p->children)) {
			xmlNode *w = p->children;
			xmlUnlinkNode(w);
			xmlFreeNode(w);
		}
}

/* Indentation of p's children and of p's closing tag. */
static void indents(const xmlNode *p, char *child, char *close, size_t size)
{
	int depth = 0;
	for (const xmlNode *a = p; a && a->type == XML_ELEMENT_NODE; a = a->parent)
		depth++;
	snprintf(child, size, "\n%*s", depth * 2, "");
	snprintf(close, size, "\n%*s", (depth - 1) * 2, "");
}

static int rank(const char *const *order, const xmlNode *n)
{
	for (int i = 0; order[i]; i++)
		if (xmlio_is(n, order[i]))
			return i;
	return -1;
}

/* Inserts n among p's children after the last one that comes no later in
 * order (libvirt's own order of elements), else first. */
static void insert(xmlNode *p, xmlNode *n, const char *const *order)
{
	char in[64], out[64];
	indents(p, in, out, sizeof in);
	if (!has_elements(p)) {
		while (p->children && blank(p->children)) {
			xmlNode *w = p->children;
			xmlUnlinkNode(w);
			xmlFreeNode(w);
		}
		xmlAddChild(p, xmlNewText((const xmlChar *)in));
		xmlAddChild(p, n);
		xmlAddChild(p, xmlNewText((const xmlChar *)out));
		return;
	}
	int r = rank(order, n);
	xmlNode *after = NULL, *first = xmlio_elem(p, NULL);
	for (xmlNode *c = first; c; c = xmlio_elem(p, c)) {
		int rc = rank(order, c);
		if (rc >= 0 && rc <= r)
			after = c;
	}
	if (!after && r < 0) {
		for (xmlNode *c = first; c; c = xmlio_elem(p, c))
			after = c;
	}
	if (after) {
		xmlAddNextSibling(after, n);
		xmlAddPrevSibling(n, xmlNewText((const xmlChar *)in));
	} else {
		xmlAddPrevSibling(first, n);
		xmlAddNextSibling(n, xmlNewText((const xmlChar *)in));
	}
}

/* libvirt's order of devices and of a SPICE graphics element's children. */
static const char *const DEVICE_ORDER[] = {
	"emulator", "disk",    "controller", "lease",    "filesystem", "interface", "smartcard",
	"serial",   "parallel", "console",   "channel",  "input",      "tpm",       "graphics",
	"sound",    "audio",   "video",      "hostdev",  "redirdev",   "redirfilter", "hub",
	"watchdog", "memballoon", "rng",     "panic",    "shmem",      "memory",    "iommu",
	"vsock",    NULL,
};
static const char *const GRAPHICS_ORDER[] = {
	"listen", "channel", "image", "jpeg", "zlib", "playback", "streaming", "clipboard",
	"mouse", "filetransfer", "gl", NULL,
};

/* The elements a writer of domxml.c wrote, parsed into doc's nodes; the
 * caller frees what it does not insert.  Returns the count. */
static int fragment(xmlDocPtr doc, const char *text, xmlNode **out, int max)
{
	struct sbuf b = {0};
	sbuf_printf(&b, "<devices>\n%s  </devices>", text);
	char *s = sbuf_finish(&b, NULL, NULL);
	if (!s)
		return -1;
	xmlDocPtr f = xmlio_parse(s, strlen(s), "fragment", NULL);
	free(s);
	if (!f)
		return -1;
	int n = 0;
	xmlNode *r = xmlDocGetRootElement(f);
	for (xmlNode *c = xmlio_elem(r, NULL); c && n < max; c = xmlio_elem(r, c))
		out[n++] = xmlDocCopyNode(c, doc, 1);
	xmlFreeDoc(f);
	return n;
}

/* Inserts what one writer wrote into devices; false if it could not. */
static bool add_piece(xmlNode *dev, struct sbuf *b)
{
	char *text = sbuf_finish(b, NULL, NULL);
	xmlNode *nodes[64];
	int n = text ? fragment(dev->doc, text, nodes, 64) : -1;
	free(text);
	for (int i = 0; i < n; i++)
		insert(dev, nodes[i], DEVICE_ORDER);
	return n >= 0;
}

/* Structural equality: names, attributes, child elements; white space and
 * the order of attributes do not count. */
static bool same(const xmlNode *a, const xmlNode *b)
{
	if (!a || !b || strcmp((const char *)a->name, (const char *)b->name) != 0)
		return false;
	int na = 0, nb = 0;
	for (xmlAttr *x = a->properties; x; x = x->next, na++) {
		xmlChar *va = xmlGetProp(a, x->name), *vb = xmlGetProp(b, x->name);
		bool eq = va && vb && strcmp((char *)va, (char *)vb) == 0;
		xmlFree(va);
		xmlFree(vb);
		if (!eq)
			return false;
	}
	for (xmlAttr *x = b->properties; x; x = x->next)
		nb++;
	if (na != nb)
		return false;
	xmlNode *ca = xmlio_elem(a, NULL), *cb = xmlio_elem(b, NULL);
	for (; ca && cb; ca = xmlio_elem(a, ca), cb = xmlio_elem(b, cb))
		if (!same(ca, cb))
			return false;
	return !ca && !cb;
}

/* ---- merge ---- */

struct merge {
	xmlNode *dev;
	const struct dx_console *c;
	bool changed;
	bool failed;
	struct sc_err *err;
};

/* Sets one SPICE graphics child to "off" (<clipboard copypaste='no'/>) or
 * removes it (on: libvirt's default). */
static void sync_switch(struct merge *m, xmlNode *g, const char *name, const char *attr,
			bool on)
{
	xmlNode *e = xmlio_child(g, name);
	if (on) {
		if (e && attr_is(e, attr, "no")) {
			drop(e);
			m->changed = true;
		}
		return;
	}
	if (e && attr_is(e, attr, "no"))
		return;
	if (e)
		drop(e);
	xmlNode *n = xmlNewDocNode(g->doc, NULL, (const xmlChar *)name, NULL);
	xmlNewProp(n, (const xmlChar *)attr, (const xmlChar *)"no");
	insert(g, n, GRAPHICS_ORDER);
	m->changed = true;
}

static void sync_wan(struct merge *m, xmlNode *g)
{
	if (m->c->wan == has_wan(g))
		return;
	/* on: the whole set replaces any tuning; off: only the set spicecfg
	 * writes goes (has_wan() was true), anything else was not ours */
	for (size_t i = 0; i < WAN_N; i++)
		for (xmlNode *e; (e = xmlio_child(g, WAN_SET[i][0]));)
			drop(e);
	if (m->c->wan)
		for (size_t i = 0; i < WAN_N; i++) {
			xmlNode *n = xmlNewDocNode(g->doc, NULL, (const xmlChar *)WAN_SET[i][0], NULL);
			xmlNewProp(n, (const xmlChar *)WAN_SET[i][1], (const xmlChar *)WAN_SET[i][2]);
			insert(g, n, GRAPHICS_ORDER);
		}
	m->changed = true;
}

/* Where the console listens and how it is reached stays as it was when the
 * protocol changes. */
static void keep_access(xmlNode *from, xmlNode *to)
{
	/* not "connected": the two protocols give it different values */
	static const char *const keep[] = {"port", "autoport", "listen", "passwd",
					   "passwdValidTo", "keymap", NULL};
	for (int i = 0; keep[i]; i++) {
		xmlChar *v = xmlGetProp(from, (const xmlChar *)keep[i]);
		if (v)
			xmlSetProp(to, (const xmlChar *)keep[i], v);
		xmlFree(v);
	}
	if (has_attr(from, "port") && !has_attr(from, "autoport"))
		xmlUnsetProp(to, (const xmlChar *)"autoport");
	for (xmlNode *l = xmlio_elem(from, NULL); l; l = xmlio_elem(from, l))
		if (xmlio_is(l, "listen"))
			insert(to, xmlDocCopyNode(l, to->doc, 1), GRAPHICS_ORDER);
}

static void merge_graphics(struct merge *m)
{
	bool spice = m->c->display == SC_DISPLAY_SPICE;
	xmlNode *same_g = graphics_of(m->dev, spice ? "spice" : "vnc");
	xmlNode *other = graphics_of(m->dev, spice ? "vnc" : "spice");
	if (same_g) {
		if (spice) {
			sync_wan(m, same_g);
			sync_switch(m, same_g, "clipboard", "copypaste", m->c->copy_paste);
			sync_switch(m, same_g, "filetransfer", "enable", m->c->file_transfer);
		}
		if (other) {
			drop(other);
			m->changed = true;
		}
		return;
	}
	struct sbuf b = {0};
	domxml_graphics(&b, m->c);
	char *text = sbuf_finish(&b, NULL, NULL);
	xmlNode *g = NULL;
	if (!text || fragment(m->dev->doc, text, &g, 1) != 1) {
		free(text);
		m->failed = true;
		return;
	}
	free(text);
	if (other) {
		xmlReplaceNode(other, g); /* first, so that g knows its depth */
		keep_access(other, g);
		xmlFreeNode(other);
	} else {
		insert(m->dev, g, DEVICE_ORDER);
	}
	m->changed = true;
}

static bool video_fits(const struct merge *m, bool display_changed)
{
	struct video_shape s = video_shape(m->dev);
	const struct dx_console *c = m->c;
	if (c->display == SC_DISPLAY_VNC)
		return s.devices <= 1;
	if (s.monitors != c->monitors)
		return false;
	if (c->monitors == 1)
		return s.devices <= 1 && (s.qxl == 1 || !display_changed);
	if (c->live && s.qxl == s.devices)
		return true; /* one multi-head device or one per monitor: both show them */
	if (c->single_pci)
		return s.devices == 1 && s.single;
	return s.qxl == s.devices && !s.single;
}

static void merge_video(struct merge *m, bool display_changed)
{
	if (video_fits(m, display_changed))
		return;
	for (xmlNode *v; (v = xmlio_child(m->dev, "video"));)
		drop(v);
	struct sbuf b = {0};
	domxml_video(&b, m->c);
	m->failed |= !add_piece(m->dev, &b);
	m->changed = true;
}

static bool usb_carrier(const xmlNode *n)
{
	return xmlio_is(n, "controller") && attr_is(n, "type", "usb") &&
	       (attr_is(n, "model", "qemu-xhci") || attr_is(n, "model", "nec-xhci") ||
		attr_is(n, "model", "ich9-ehci1"));
}

static bool usb_controller(const xmlNode *n)
{
	return xmlio_is(n, "controller") && attr_is(n, "type", "usb");
}

/* Devices that sit on a USB bus: those with a USB address on bus index,
 * and those of a USB kind not yet given an address (libvirt places them on
 * any bus when it defines the domain, so they count for every bus). */
static bool on_usb_bus(const xmlNode *n, long index)
{
	if (usb_controller(n))
		return false;
	xmlNode *a = xmlio_child(n, "address");
	if (a && attr_is(a, "type", "usb"))
		return attr_long(a, "bus", 0) == index;
	if (a)
		return false;
	xmlNode *t = xmlio_child(n, "target");
	return (xmlio_is(n, "input") && attr_is(n, "bus", "usb")) || xmlio_is(n, "hub") ||
	       (xmlio_is(n, "redirdev") && !is_spicevmc_redirdev(n)) ||
	       (xmlio_is(n, "hostdev") && attr_is(n, "type", "usb")) ||
	       (xmlio_is(n, "controller") && attr_is(n, "type", "ccid")) ||
	       (xmlio_is(n, "sound") && attr_is(n, "model", "usb")) ||
	       (xmlio_is(n, "disk") && t && attr_is(t, "bus", "usb")) ||
	       (xmlio_is(n, "smartcard") && !xmlio_child(n, "address"));
}

static bool bus_used(const xmlNode *dev, long index)
{
	for (xmlNode *n = xmlio_elem(dev, NULL); n; n = xmlio_elem(dev, n))
		if (on_usb_bus(n, index))
			return true;
	return false;
}

/* A controller for redirdevs where none can carry them: the ich9 set of
 * the export at index 0 in place of what is there when nothing uses it
 * (no controller, model='none', or an idle USB 1 controller), else at the
 * next free index, so that no controller another device uses goes away. */
static void ensure_carrier(struct merge *m)
{
	if (count(m->dev, usb_carrier))
		return;
	int next = 0;
	for (xmlNode *n = xmlio_elem(m->dev, NULL); n; n = xmlio_elem(m->dev, n))
		if (usb_controller(n)) {
			long i = attr_long(n, "index", 0);
			next = i + 1 > next ? (int)i + 1 : next;
		}
	if (!bus_used(m->dev, 0)) {
		for (xmlNode *n = xmlio_elem(m->dev, NULL), *after; n; n = after) {
			after = xmlio_elem(m->dev, n);
			if (usb_controller(n) && attr_long(n, "index", 0) == 0)
				drop(n);
		}
		next = 0;
	}
	struct sbuf b = {0};
	domxml_usb_controllers(&b, next);
	m->failed |= !add_piece(m->dev, &b);
}

static void merge_filter(struct merge *m)
{
	xmlNode *rf = xmlio_child(m->dev, "redirfilter");
	if (!m->c->usb_filter[0])
		return; /* no rules of spicecfg's: the domain's own filter stays */
	struct sbuf b = {0};
	if (domxml_redirfilter(&b, m->c->usb_filter, m->err) != SC_OK) {
		sbuf_free(&b);
		m->failed = true;
		return;
	}
	char *text = sbuf_finish(&b, NULL, NULL);
	xmlNode *want = NULL;
	if (!text || fragment(m->dev->doc, text, &want, 1) != 1) {
		free(text);
		m->failed = true;
		return;
	}
	free(text);
	if (rf && same(rf, want)) {
		xmlFreeNode(want);
		return;
	}
	if (rf)
		drop(rf);
	insert(m->dev, want, DEVICE_ORDER);
	m->changed = true;
}

static void merge_usb(struct merge *m)
{
	const struct dx_console *c = m->c;
	int have = count(m->dev, is_spicevmc_redirdev);
	int want = c->display == SC_DISPLAY_SPICE && c->usb == SC_USB_NATIVE ? c->usb_slots : 0;
	if (c->live && want > 0 && have > 0)
		want = have; /* NumberOfUSBSlots is for a domain that gets native USB */
	if (want > 0 && have == 0)
		ensure_carrier(m);
	for (int k = have; k > want; k--) {
		xmlNode *last = NULL;
		for (xmlNode *n = xmlio_elem(m->dev, NULL); n; n = xmlio_elem(m->dev, n))
			if (is_spicevmc_redirdev(n))
				last = n;
		drop(last);
		m->changed = true;
	}
	if (want > have) {
		struct sbuf b = {0};
		domxml_redirdevs(&b, want - have);
		m->failed |= !add_piece(m->dev, &b);
		m->changed = true;
	}
	if (want > 0) {
		merge_filter(m);
	} else if (!xmlio_child(m->dev, "redirdev")) {
		/* a filter for redirdevs that are gone */
		xmlNode *rf = xmlio_child(m->dev, "redirfilter");
		if (rf) {
			drop(rf);
			m->changed = true;
		}
	}
}

/* Ensures (want) or removes (!want) the elements is() picks; add writes one. */
static void merge_one(struct merge *m, bool (*is)(const xmlNode *), bool want,
		      void (*add)(struct sbuf *))
{
	int have = count(m->dev, is);
	if (want && !have) {
		struct sbuf b = {0};
		add(&b);
		m->failed |= !add_piece(m->dev, &b);
		m->changed = true;
	}
	if (!want && have) {
		for (xmlNode *n = xmlio_elem(m->dev, NULL), *next; n; n = next) {
			next = xmlio_elem(m->dev, n);
			if (is(n))
				drop(n);
		}
		m->changed = true;
	}
}

/* Written as libvirt writes domain XML (attributes in single quotes, the
 * same escapes), so that an unchanged domain comes out byte for byte as
 * libvirt gave it and a diff shows only what changed. */
static void put_name(struct sbuf *b, const xmlNode *n)
{
	if (n->ns && n->ns->prefix)
		sbuf_printf(b, "%s:", (const char *)n->ns->prefix);
	sbuf_puts(b, (const char *)n->name);
}

static void put_node(struct sbuf *b, const xmlNode *n)
{
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		sbuf_xml(b, n->content ? (const char *)n->content : "");
		return;
	case XML_COMMENT_NODE:
		sbuf_printf(b, "<!--%s-->", n->content ? (const char *)n->content : "");
		return;
	case XML_ELEMENT_NODE:
		break;
	default:
		return;
	}
	sbuf_puts(b, "<");
	put_name(b, n);
	for (const xmlNs *ns = n->nsDef; ns; ns = ns->next) {
		sbuf_puts(b, ns->prefix ? " xmlns:" : " xmlns");
		if (ns->prefix)
			sbuf_puts(b, (const char *)ns->prefix);
		sbuf_puts(b, "='");
		sbuf_xml(b, (const char *)ns->href);
		sbuf_puts(b, "'");
	}
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		sbuf_puts(b, " ");
		if (a->ns && a->ns->prefix)
			sbuf_printf(b, "%s:", (const char *)a->ns->prefix);
		sbuf_printf(b, "%s='", (const char *)a->name);
		for (const xmlNode *t = a->children; t; t = t->next)
			if (t->content)
				sbuf_xml(b, (const char *)t->content);
		sbuf_puts(b, "'");
	}
	if (!n->children) {
		sbuf_puts(b, "/>");
		return;
	}
	sbuf_puts(b, ">");
	for (const xmlNode *c = n->children; c; c = c->next)
		put_node(b, c);
	sbuf_puts(b, "</");
	put_name(b, n);
	sbuf_puts(b, ">");
}

static char *serialize(xmlDocPtr doc, size_t *out_len, struct sc_err *err)
{
	struct sbuf b = {0};
	put_node(&b, xmlDocGetRootElement(doc));
	sbuf_puts(&b, "\n");
	return sbuf_finish(&b, out_len, err);
}

static xmlDocPtr parse_domain(const char *xml, size_t len, const char *fname,
			      struct sc_err *err)
{
	xmlDocPtr doc = xmlio_parse(xml, len, fname, err);
	if (!doc)
		return NULL;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!xmlio_is(root, "domain")) {
		sc_fail(err, SC_EUSAGE, "%s:%ld: not a libvirt domain (the root is <%s>)", fname,
			xmlio_line(root), (const char *)root->name);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

char *lx_normalize(const char *xml, size_t len, const char *fname, size_t *out_len,
		   struct sc_err *err)
{
	xmlDocPtr doc = parse_domain(xml, len, fname, err);
	if (!doc)
		return NULL;
	char *s = serialize(doc, out_len, err);
	xmlFreeDoc(doc);
	return s;
}

char *lx_merge(const char *xml, size_t len, const char *fname, const struct dx_console *c,
	       bool *changed, size_t *out_len, struct sc_err *err)
{
	*changed = false;
	xmlDocPtr doc = parse_domain(xml, len, fname, err);
	if (!doc)
		return NULL;
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *dev = xmlio_child(root, "devices");
	if (!dev) {
		dev = xmlNewDocNode(doc, NULL, (const xmlChar *)"devices", NULL);
		static const char *const order[] = {"devices", NULL};
		insert(root, dev, order);
	}
	struct merge m = {.dev = dev, .c = c, .err = err};
	xmlNode *g = console_graphics(dev);
	bool display_changed =
		!g || attr_is(g, "type", "spice") != (c->display == SC_DISPLAY_SPICE);
	merge_graphics(&m);
	merge_video(&m, display_changed);
	merge_usb(&m);
	bool spice = c->display == SC_DISPLAY_SPICE;
	merge_one(&m, is_spicevmc_smartcard, spice && c->smartcard, domxml_smartcard);
	/* the agent channel stays on a SPICE domain unless asked for; it cannot
	 * stay without SPICE; a live domain gets it with a change, not alone */
	if (!spice || (c->vdagent && (!c->live || m.changed)))
		merge_one(&m, is_vdagent, spice && c->vdagent, domxml_vdagent);
	char *s = NULL;
	if (m.failed) {
		if (!err || !err->msg[0])
			sc_fail(err, SC_ERUNTIME, "%s: out of memory merging the console settings",
				fname);
	} else {
		s = serialize(doc, out_len, err);
		*changed = m.changed;
	}
	xmlFreeDoc(doc);
	return s;
}

static void line(char *out, size_t n, enum sc_display display, int monitors, enum sc_usb usb,
		 int usb_slots, bool smartcard, bool copy_paste, bool file_transfer, bool vdagent)
{
	snprintf(out, n,
		 "display=%s monitors=%d usb=%s usb_slots=%d smartcard=%s copy_paste=%s "
		 "file_transfer=%s vdagent=%s",
		 sc_display_name(display), monitors, sc_usb_name(usb), usb_slots,
		 smartcard ? "yes" : "no", copy_paste ? "yes" : "no", file_transfer ? "yes" : "no",
		 vdagent ? "yes" : "no");
}

void lx_console_line(const struct lx_domain *d, char *out, size_t n)
{
	const struct dx_console *c = &d->con;
	if (!d->has_console)
		snprintf(out, n, "display=none");
	else
		line(out, n, c->display, c->monitors, c->usb, c->usb_slots, c->smartcard,
		     c->copy_paste, c->file_transfer, c->vdagent);
}

void lx_console_line_of(const struct dx_console *c, char *out, size_t n)
{
	bool spice = c->display == SC_DISPLAY_SPICE;
	/* redirdevs only for native USB with slots: legacy writes none */
	bool redir = spice && c->usb == SC_USB_NATIVE && c->usb_slots > 0;
	/* VNC graphics carry no <clipboard> or <filetransfer>: libvirt's default */
	line(out, n, c->display, spice ? c->monitors : 1, redir ? SC_USB_NATIVE : SC_USB_DISABLED,
	     redir ? c->usb_slots : 0, spice && c->smartcard, !spice || c->copy_paste,
	     !spice || c->file_transfer, spice && c->vdagent);
}
