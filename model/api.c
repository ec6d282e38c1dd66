/* REST API XML in the shape of oVirt's <vm> resource.  The reader accepts
 * what the API returns too (ids, hrefs, links and anything else not a
 * console setting are ignored and reported). */
#include "api.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "console.h"
#include "edit.h"
#include "field.h"
#include "osmap.h"
#include "reader.h"
#include "sbuf.h"

#define MIB 1048576L

/* REST names of the migration policy (placement_policy/affinity). */
static const char *const affinity_names[SC_MIG_COUNT] = {"migratable", "user_migratable",
							  "pinned"};

static void a_ref(struct sbuf *b, const char *elem, const char *name)
{
	if (!name[0])
		return;
	sbuf_printf(b, "  <%s>\n    <name>", elem);
	sbuf_xml(b, name);
	sbuf_printf(b, "</name>\n  </%s>\n", elem);
}

/* The console options of SPEC §9 inside <display>. */
static void a_console(struct sbuf *b, const struct sc_object *o, const struct sc_ctx *ctx,
		      const char *proxy)
{
	if (proxy && *proxy) {
		sbuf_puts(b, "    <proxy>");
		sbuf_xml(b, proxy);
		sbuf_puts(b, "</proxy>\n");
	}
	sbuf_printf(b,
		    "    <file_transfer_enabled>%s</file_transfer_enabled>\n"
		    "    <copy_paste_enabled>%s</copy_paste_enabled>\n"
		    "    <allow_override>%s</allow_override>\n"
		    "    <disconnect_action>%s</disconnect_action>\n"
		    "    <disconnect_action_delay>%d</disconnect_action_delay>\n"
		    "    <single_qxl_pci>%s</single_qxl_pci>\n",
		    o->file_transfer ? "true" : "false", o->copy_paste ? "true" : "false",
		    o->allow_reconnect ? "true" : "false",
		    sc_disconnect_ovf_names[o->disconnect_action], o->disconnect_delay,
		    sc_single_pci(o, ctx) ? "true" : "false");
}

char *api_write(const struct sc_object *o, const struct sc_ctx *ctx, const char *proxy,
		size_t *len, struct sc_err *err)
{
	if (o->kind != SC_VM && o->kind != SC_TEMPLATE) {
		sc_fail(err, SC_EUSAGE, "%s '%s': API export is for VMs and templates only",
			sc_kind_name(o->kind), o->name);
		return NULL;
	}
	const char *root = o->kind == SC_TEMPLATE ? "template" : "vm";
	struct sbuf b = {0};
	sbuf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%s", root);
	if (o->uuid[0]) {
		sbuf_puts(&b, " id=\"");
		sbuf_xml(&b, o->uuid);
		sbuf_puts(&b, "\"");
	}
	sbuf_puts(&b, ">\n  <name>");
	sbuf_xml(&b, o->name);
	sbuf_puts(&b, "</name>\n");
	if (o->description[0]) {
		sbuf_puts(&b, "  <description>");
		sbuf_xml(&b, o->description);
		sbuf_puts(&b, "</description>\n");
	}
	sbuf_printf(&b, "  <type>%s</type>\n  <os type=\"%s\"/>\n  <memory>%ld</memory>\n",
		    sc_vmtype_name(o->type), sc_os_name(o->os), (long)o->memory * MIB);
	sbuf_printf(&b, "  <cpu>\n    <topology sockets=\"%d\" cores=\"1\"/>\n  </cpu>\n", o->cpus);
	a_ref(&b, "cluster", o->cluster);
	if (o->kind == SC_VM)
		a_ref(&b, "template", o->tmpl[0] ? o->tmpl : "Blank");
	sbuf_printf(&b,
		    "  <display>\n    <type>%s</type>\n    <monitors>%d</monitors>\n"
		    "    <smartcard_enabled>%s</smartcard_enabled>\n",
		    sc_display_name(o->display), o->monitors, o->smartcard ? "true" : "false");
	a_console(&b, o, ctx, proxy);
	sbuf_puts(&b, "  </display>\n");
	sbuf_printf(&b, "  <usb>\n    <enabled>%s</enabled>\n",
		    o->usb == SC_USB_DISABLED ? "false" : "true");
	if (o->usb != SC_USB_DISABLED)
		sbuf_printf(&b, "    <type>%s</type>\n", sc_usb_name(o->usb));
	sbuf_printf(&b,
		    "  </usb>\n  <placement_policy>\n    <affinity>%s</affinity>\n"
		    "  </placement_policy>\n</%s>\n",
		    affinity_names[sc_effective_migration(o)], root);
	return sbuf_finish(&b, len, err);
}

/* ---- reader ---- */

struct api_rd {
	struct rd r;
	struct api_doc *doc;
};

static int read_ref(struct api_rd *a, const xmlNode *n, char *dst)
{
	static const char *const once[] = {"name", NULL};
	char t[SC_NAME_MAX * 4];
	if (rd_unique(&a->r, n, once))
		return SC_EUSAGE;
	const xmlNode *name = xmlio_child(n, "name");
	if (!name) {
		rd_ignore(&a->r, (const char *)n->name);
		return SC_OK;
	}
	if (rd_text(&a->r, name, t, sizeof t))
		return SC_EUSAGE;
	if (strcmp(t, "Blank") == 0 && xmlio_is(n, "template"))
		return SC_OK;
	if (!sc_name_valid(t)) {
		rd_note(&a->r, name, "ignored <%s> name '%s': not a valid name",
			(const char *)n->name, t);
		return SC_OK;
	}
	sc_strlcpy(dst, t, SC_NAME_MAX + 1);
	return SC_OK;
}

static int read_os(struct api_rd *a, const xmlNode *n)
{
	char t[64];
	enum sc_os os;
	if (xmlio_attr(n, "type", t, sizeof t))
		return rd_fail(&a->r, n, "<os> without a type attribute; %s", OSMAP_VALID);
	switch (osmap_lookup(t, &os)) {
	case OSMAP_EXACT:
		break;
	case OSMAP_ALIAS:
		rd_note(&a->r, n, "OS '%s' mapped to %s", t, sc_os_name(os));
		break;
	case OSMAP_NEAREST:
		rd_note(&a->r, n,
			"OS '%s' has no oVirt 3.1 equivalent: mapped to %s, the nearest %s entry",
			t, sc_os_name(os), sc_osfamily_name(sc_os_family(os)));
		break;
	default:
		return rd_fail(&a->r, n, "unknown OS '%s'; %s", t, OSMAP_VALID);
	}
	a->doc->obj.os = os;
	return SC_OK;
}

static int read_memory(struct api_rd *a, const xmlNode *n)
{
	long bytes;
	char t[32];
	if (rd_long(&a->r, n, MIB, 4194304L * MIB, "bytes, 16 MiB to 4 TiB", &bytes))
		return SC_EUSAGE;
	if (bytes % MIB)
		rd_note(&a->r, n, "memory %ld bytes rounded down to %ld MiB", bytes, bytes / MIB);
	snprintf(t, sizeof t, "%ld", bytes / MIB);
	return rd_set(&a->r, n, SC_F_MEMORY, t);
}

/* A topology count: a whole number, the white space around it insignificant
 * as it is around an element's text. */
static bool topo_count(const char *s, long *out)
{
	char t[16];
	size_t a = strspn(s, " \t\r\n"), len = strlen(s);
	while (len > a && strchr(" \t\r\n", s[len - 1]))
		len--;
	snprintf(t, sizeof t, "%.*s", (int)(len - a), s + a);
	return sc_parse_long(t, 10, out) == 0;
}

static int read_cpu(struct api_rd *a, const xmlNode *n)
{
	static const char *const once[] = {"topology", NULL};
	if (rd_unique(&a->r, n, once))
		return SC_EUSAGE;
	char s[16] = "1", c[16] = "1", t[32];
	long ns, nc;
	const xmlNode *topo = xmlio_child(n, "topology");
	if (!topo)
		return SC_OK;
	/* an absent attribute counts as 1 (xmlio_attr empties the buffer) */
	if (xmlio_attr(topo, "sockets", s, sizeof s) && !*s)
		strcpy(s, "1");
	if (xmlio_attr(topo, "cores", c, sizeof c) && !*c)
		strcpy(c, "1");
	if (!topo_count(s, &ns) || !topo_count(c, &nc) || ns < 1 || nc < 1 ||
	    ns > 1000 || nc > 1000)
		return rd_fail(&a->r, topo, "<topology> sockets '%s' cores '%s' are not valid; "
					    "valid: whole numbers 1..1000 each", s, c);
	snprintf(t, sizeof t, "%ld", ns * nc);
	return rd_set(&a->r, topo, SC_F_CPUS, t);
}

static int read_display(struct api_rd *a, const xmlNode *n)
{
	static const char *const once[] = {"type", "monitors", "smartcard_enabled", "proxy",
					   "file_transfer_enabled", "copy_paste_enabled",
					   "allow_override", "disconnect_action",
					   "disconnect_action_delay", "single_qxl_pci", NULL};
	char t[SC_PROXY_MAX + 1];
	struct sc_object *o = &a->doc->obj;
	bool single;
	if (rd_unique(&a->r, n, once))
		return SC_EUSAGE;
	for (const xmlNode *c = xmlio_elem(n, NULL); c; c = xmlio_elem(n, c)) {
		int rc = SC_OK;
		if (xmlio_is(c, "type")) {
			rc = rd_text(&a->r, c, t, sizeof t);
			if (!rc && strcasecmp(t, "spice") && strcasecmp(t, "vnc"))
				return rd_fail(&a->r, c, "display type '%s' is not valid; valid: spice, vnc", t);
			if (!rc)
				a->doc->obj.display = strcasecmp(t, "vnc") ? SC_DISPLAY_SPICE : SC_DISPLAY_VNC;
		} else if (xmlio_is(c, "monitors")) {
			rc = rd_text(&a->r, c, t, sizeof t) || rd_set(&a->r, c, SC_F_MONITORS, t);
		} else if (xmlio_is(c, "smartcard_enabled")) {
			rc = rd_bool(&a->r, c, &a->doc->obj.smartcard);
		} else if (xmlio_is(c, "file_transfer_enabled")) {
			rc = rd_bool(&a->r, c, &o->file_transfer);
		} else if (xmlio_is(c, "copy_paste_enabled")) {
			rc = rd_bool(&a->r, c, &o->copy_paste);
		} else if (xmlio_is(c, "allow_override")) {
			rc = rd_bool(&a->r, c, &o->allow_reconnect);
		} else if (xmlio_is(c, "disconnect_action")) {
			rc = rd_text(&a->r, c, t, sizeof t);
			int v = rc ? -1 : sc_disconnect_ovf_parse(t);
			if (!rc && v < 0)
				return rd_fail(&a->r, c,
					       "disconnect_action '%s' is not valid; valid: "
					       SC_DISCONNECT_OVF_VALID, t);
			if (!rc)
				o->disconnect_action = (enum sc_disconnect)v;
		} else if (xmlio_is(c, "disconnect_action_delay")) {
			rc = rd_text(&a->r, c, t, sizeof t) ||
			     rd_set(&a->r, c, SC_F_DISCONNECT_DELAY, t);
		} else if (xmlio_is(c, "proxy")) {
			struct sc_err pe;
			rc = rd_text(&a->r, c, t, sizeof t);
			if (!rc && sc_proxy_check("proxy", t, &pe))
				return rd_fail(&a->r, c, "%s", pe.msg);
			if (!rc)
				rd_note(&a->r, c,
					"ignored <proxy> %s: the proxy in force comes from the "
					"pool, the cluster or SpiceProxyDefault",
					t);
		} else if (xmlio_is(c, "single_qxl_pci")) {
			rc = rd_bool(&a->r, c, &single);
			if (!rc)
				rd_note(&a->r, c,
					"ignored <single_qxl_pci>: it follows from the OS, the "
					"monitors and SingleQxlPciEnabled");
		} else {
			char what[72];
			snprintf(what, sizeof what, "display/%.56s", (const char *)c->name);
			rd_ignore(&a->r, what);
		}
		if (rc)
			return SC_EUSAGE;
	}
	return SC_OK;
}

static int read_usb(struct api_rd *a, const xmlNode *n)
{
	static const char *const once[] = {"enabled", "type", NULL};
	bool enabled = false;
	char t[32];
	if (rd_unique(&a->r, n, once))
		return SC_EUSAGE;
	const xmlNode *en = xmlio_child(n, "enabled"), *ty = xmlio_child(n, "type");
	if (en && rd_bool(&a->r, en, &enabled))
		return SC_EUSAGE;
	if (ty && rd_text(&a->r, ty, t, sizeof t))
		return SC_EUSAGE;
	if (ty && strcasecmp(t, "legacy") && strcasecmp(t, "native"))
		return rd_fail(&a->r, ty, "USB type '%s' is not valid; valid: legacy, native", t);
	if (!enabled) {
		a->doc->obj.usb = SC_USB_DISABLED;
		if (ty)
			rd_note(&a->r, ty, "USB type '%s' ignored: USB is not enabled", t);
		return SC_OK;
	}
	if (!ty) {
		a->doc->usb_untyped = true;
		return SC_OK;
	}
	a->doc->obj.usb = strcasecmp(t, "native") ? SC_USB_LEGACY : SC_USB_NATIVE;
	return SC_OK;
}

static int read_affinity(struct api_rd *a, const xmlNode *n)
{
	static const char *const once[] = {"affinity", NULL};
	char t[32];
	if (rd_unique(&a->r, n, once))
		return SC_EUSAGE;
	const xmlNode *af = xmlio_child(n, "affinity");
	if (!af)
		return SC_OK;
	if (rd_text(&a->r, af, t, sizeof t))
		return SC_EUSAGE;
	for (int m = 0; m < SC_MIG_COUNT; m++)
		if (strcasecmp(t, affinity_names[m]) == 0) {
			a->doc->obj.migration = (enum sc_migration)m;
			return SC_OK;
		}
	return rd_fail(&a->r, af, "affinity '%s' is not valid; valid: migratable, "
				  "user_migratable, pinned", t);
}

static int read_child(struct api_rd *a, const xmlNode *c)
{
	struct sc_object *o = &a->doc->obj;
	char t[SC_NAME_MAX * 4];
	if (xmlio_is(c, "name"))
		return rd_text(&a->r, c, t, sizeof t) || rd_set(&a->r, c, SC_F_NAME, t);
	if (xmlio_is(c, "description"))
		return rd_description(&a->r, c);
	if (xmlio_is(c, "type")) {
		if (rd_text(&a->r, c, t, sizeof t))
			return SC_EUSAGE;
		if (strcasecmp(t, "desktop") && strcasecmp(t, "server"))
			return rd_fail(&a->r, c, "type '%s' is not valid; valid: desktop, server", t);
		o->type = strcasecmp(t, "server") ? SC_TYPE_DESKTOP : SC_TYPE_SERVER;
		return SC_OK;
	}
	if (xmlio_is(c, "os"))
		return read_os(a, c);
	if (xmlio_is(c, "memory"))
		return read_memory(a, c);
	if (xmlio_is(c, "cpu"))
		return read_cpu(a, c);
	if (xmlio_is(c, "cluster"))
		return read_ref(a, c, o->cluster);
	if (xmlio_is(c, "template"))
		return read_ref(a, c, o->tmpl);
	if (xmlio_is(c, "display"))
		return read_display(a, c);
	if (xmlio_is(c, "usb"))
		return read_usb(a, c);
	if (xmlio_is(c, "placement_policy"))
		return read_affinity(a, c);
	rd_ignore(&a->r, (const char *)c->name);
	return SC_OK;
}

static int read_root(struct api_rd *a, const xmlNode *root)
{
	char id[64];
	if (!xmlio_is(root, "vm") && !xmlio_is(root, "template"))
		return rd_fail(&a->r, root,
			       "root element is <%s>; an API file has <vm> or <template>",
			       (const char *)root->name);
	a->doc->obj.kind = xmlio_is(root, "template") ? SC_TEMPLATE : SC_VM;
	static const char *const once[] = {"name", "description", "type", "os", "memory", "cpu",
					   "cluster", "template", "display", "usb",
					   "placement_policy", NULL};
	if (rd_unique(&a->r, root, once))
		return SC_EUSAGE;
	if (xmlio_attr(root, "id", id, sizeof id) == 0 && rd_uuid_shaped(id))
		sc_strlcpy(a->doc->obj.uuid, id, sizeof a->doc->obj.uuid);
	for (const xmlNode *c = xmlio_elem(root, NULL); c; c = xmlio_elem(root, c))
		if (read_child(a, c))
			return SC_EUSAGE;
	if (!a->doc->obj.name[0])
		return rd_fail(&a->r, root, "<%s> has no <name>", (const char *)root->name);
	if (a->doc->obj.kind == SC_TEMPLATE)
		a->doc->obj.tmpl[0] = '\0';
	rd_note_ignored(&a->r);
	return SC_OK;
}

int api_read(const char *buf, size_t len, const char *fname, struct api_doc *doc,
	     struct xmlio_notes *notes, struct sc_err *err)
{
	struct api_rd a = {.r = {.fname = fname, .o = &doc->obj, .notes = notes, .err = err},
			   .doc = doc};
	rd_object_init(&doc->obj);
	doc->usb_untyped = false;
	xmlDocPtr x = xmlio_parse(buf, len, fname, err);
	if (!x)
		return SC_EUSAGE;
	int rc = read_root(&a, xmlDocGetRootElement(x));
	xmlFreeDoc(x);
	return rc;
}

int api_fit(struct api_doc *doc, const struct sc_ctx *ctx, const char *fname,
	    struct xmlio_notes *notes, struct sc_err *err)
{
	struct sc_object *o = &doc->obj;
	struct sc_msgs errs = {0};
	if (doc->usb_untyped) {
		o->usb = ctx->cver == SC_CVER_30 ? SC_USB_LEGACY : SC_USB_NATIVE;
		xmlio_note(notes, "%s: USB enabled without a type: usb=%s on cluster version %s",
			   fname, sc_usb_name(o->usb), sc_cver_name(ctx->cver));
		doc->usb_untyped = false;
	}
	if (sc_edit_check(o, ctx, &errs) > 0)
		return sc_fail(err, SC_EUSAGE, "%s: %s '%s' refused: %s", fname,
			       sc_kind_name(o->kind), o->name, errs.m[0].text);
	return SC_OK;
}
