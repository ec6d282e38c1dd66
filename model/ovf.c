/* OVF writer and reader.  The writer emits exactly one layout, so that
 * export -> import -> export gives the same bytes; the reader is tolerant
 * of the many layouts real producers wrote and reports what it mapped. */
#include "ovf.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "console.h"
#include "edit.h"
#include "field.h"
#include "osmap.h"
#include "reader.h"
#include "sbuf.h"

#define OVF_NS "http://schemas.dmtf.org/ovf/envelope/1/"
#define RASD_NS "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
#define VSSD_NS "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define ZERO_UUID "00000000-0000-0000-0000-000000000000"

/* oVirt 3.1's numbering of its enums in OVF. */
enum { RT_CPU = 3, RT_MEMORY = 4, RT_MONITOR = 20, RT_USB = 23, RT_GRAPHICS = 26,
       RT_MONITOR_V2V = 32768 };
static const char *const usb_policy_names[SC_USB_COUNT] = {"DISABLED", "ENABLED_LEGACY",
							    "ENABLED_NATIVE"};

/* ---- writer ---- */

static void w_elem(struct sbuf *b, int indent, const char *name, const char *text)
{
	sbuf_printf(b, "%*s<%s>", indent, "", name);
	sbuf_xml(b, text);
	sbuf_printf(b, "</%s>\n", name);
}

static void w_int(struct sbuf *b, int indent, const char *name, long v)
{
	sbuf_printf(b, "%*s<%s>%ld</%s>\n", indent, "", name, v, name);
}

static void w_header(struct sbuf *b)
{
	sbuf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<ovf:Envelope xmlns:ovf=\"" OVF_NS "\" xmlns:rasd=\"" RASD_NS
		     "\" xmlns:vssd=\"" VSSD_NS "\" xmlns:xsi=\"" XSI_NS
		     "\" ovf:version=\"3.1.0.0\">\n"
		     "  <References/>\n"
		     "  <Section xsi:type=\"ovf:NetworkSection_Type\">\n"
		     "    <Info>List of networks</Info>\n"
		     "  </Section>\n"
		     "  <Section xsi:type=\"ovf:DiskSection_Type\">\n"
		     "    <Info>List of Virtual Disks</Info>\n"
		     "  </Section>\n");
}

static void w_general(struct sbuf *b, const struct sc_object *o, const char *tmpl_uuid)
{
	bool tmpl = o->kind == SC_TEMPLATE;
	w_elem(b, 4, "Name", o->name);
	if (tmpl) {
		w_elem(b, 4, "TemplateId", o->uuid[0] ? o->uuid : ZERO_UUID);
	} else {
		w_elem(b, 4, "TemplateId", tmpl_uuid && *tmpl_uuid ? tmpl_uuid : ZERO_UUID);
		w_elem(b, 4, "TemplateName", o->tmpl[0] ? o->tmpl : "Blank");
	}
	w_elem(b, 4, "Description", o->description);
	w_elem(b, 4, "IsSmartcardEnabled", o->smartcard ? "true" : "false");
	w_int(b, 4, "VmType", o->type == SC_TYPE_SERVER ? 1 : 0);
	/* The template writer of oVirt 3.1 spells this element differently. */
	w_int(b, 4, tmpl ? "default_display_type" : "DefaultDisplayType",
	      o->display == SC_DISPLAY_SPICE ? 1 : 0);
	w_int(b, 4, "MigrationSupport", (long)sc_effective_migration(o));
	w_elem(b, 4, "IsSpiceFileTransferEnabled", o->file_transfer ? "true" : "false");
	w_elem(b, 4, "IsSpiceCopyPasteEnabled", o->copy_paste ? "true" : "false");
	w_elem(b, 4, "AllowConsoleReconnect", o->allow_reconnect ? "true" : "false");
	w_elem(b, 4, "ConsoleDisconnectAction", sc_disconnect_ovf_names[o->disconnect_action]);
	w_int(b, 4, "ConsoleDisconnectActionDelay", o->disconnect_delay);
}

static void w_os(struct sbuf *b, const struct sc_object *o)
{
	sbuf_puts(b, "    <Section ovf:id=\"");
	sbuf_xml(b, o->uuid[0] ? o->uuid : ZERO_UUID);
	sbuf_puts(b, "\" ovf:required=\"false\" xsi:type=\"ovf:OperatingSystemSection_Type\">\n"
		     "      <Info>Guest Operating System</Info>\n");
	w_elem(b, 6, "Description", sc_os_name(o->os));
	sbuf_puts(b, "    </Section>\n");
}

static void w_item(struct sbuf *b, const char *caption, int id, int rtype)
{
	sbuf_puts(b, "      <Item>\n");
	w_elem(b, 8, "rasd:Caption", caption);
	w_int(b, 8, "rasd:InstanceId", id);
	w_int(b, 8, "rasd:ResourceType", rtype);
}

static void w_hardware(struct sbuf *b, const struct sc_object *o, bool single_pci)
{
	char cap[64];
	int id = 0;
	sbuf_printf(b,
		    "    <Section xsi:type=\"ovf:VirtualHardwareSection_Type\">\n"
		    "      <Info>%d CPU, %d Memory</Info>\n"
		    "      <System>\n"
		    "        <vssd:VirtualSystemType>ENGINE 3.1.0.0</vssd:VirtualSystemType>\n"
		    "      </System>\n",
		    o->cpus, o->memory);
	snprintf(cap, sizeof cap, "%d virtual cpu", o->cpus);
	sbuf_puts(b, "      <Item>\n");
	w_elem(b, 8, "rasd:Caption", cap);
	w_elem(b, 8, "rasd:Description", "Number of virtual CPU");
	w_int(b, 8, "rasd:InstanceId", ++id);
	w_int(b, 8, "rasd:ResourceType", RT_CPU);
	w_int(b, 8, "rasd:num_of_sockets", o->cpus);
	w_int(b, 8, "rasd:cpu_per_socket", 1);
	sbuf_puts(b, "      </Item>\n");
	snprintf(cap, sizeof cap, "%d MB of memory", o->memory);
	sbuf_puts(b, "      <Item>\n");
	w_elem(b, 8, "rasd:Caption", cap);
	w_elem(b, 8, "rasd:Description", "Memory Size");
	w_int(b, 8, "rasd:InstanceId", ++id);
	w_int(b, 8, "rasd:ResourceType", RT_MEMORY);
	w_elem(b, 8, "rasd:AllocationUnits", "MegaBytes");
	w_int(b, 8, "rasd:VirtualQuantity", o->memory);
	sbuf_puts(b, "      </Item>\n");
	w_item(b, "USB Controller", ++id, RT_USB);
	w_elem(b, 8, "rasd:UsbPolicy", usb_policy_names[o->usb]);
	sbuf_puts(b, "      </Item>\n");
	/* One controller per monitor, each carrying the count, as oVirt did
	 * for the readers that look at the first one only. */
	for (int m = 0; m < o->monitors; m++) {
		w_item(b, "Graphical Controller", ++id, RT_MONITOR);
		w_int(b, 8, "rasd:VirtualQuantity", o->monitors);
		w_elem(b, 8, "SinglePciQxl", single_pci ? "true" : "false");
		sbuf_puts(b, "      </Item>\n");
	}
	sbuf_puts(b, "    </Section>\n");
}

char *ovf_write(const struct sc_object *o, const struct sc_ctx *ctx, const char *tmpl_uuid,
		size_t *len, struct sc_err *err)
{
	/* an OVF carries the object, and of the site options only what they
	 * make of its video device (SinglePciQxl) */
	if (o->kind != SC_VM && o->kind != SC_TEMPLATE) {
		sc_fail(err, SC_EUSAGE, "%s '%s': OVF export is for VMs and templates only",
			sc_kind_name(o->kind), o->name);
		return NULL;
	}
	if (o->usb < 0 || o->usb >= SC_USB_COUNT || o->monitors < 1 || o->monitors > 4) {
		sc_fail(err, SC_EUSAGE, "%s '%s' has invalid console settings",
			sc_kind_name(o->kind), o->name);
		return NULL;
	}
	struct sbuf b = {0};
	w_header(&b);
	sbuf_puts(&b, "  <Content ovf:id=\"out\" xsi:type=\"ovf:VirtualSystem_Type\">\n");
	w_general(&b, o, tmpl_uuid);
	w_os(&b, o);
	w_hardware(&b, o, ctx && sc_single_pci(o, ctx));
	sbuf_puts(&b, "  </Content>\n</ovf:Envelope>\n");
	return sbuf_finish(&b, len, err);
}

/* ---- reader ---- */

/* What the reader found, resolved into fields once the whole file is read. */
struct ovf_rd {
	struct rd r;
	bool is_template;
	const xmlNode *display; /* DefaultDisplayType or default_display_type */
	const xmlNode *os;      /* OperatingSystemSection's Description */
	char os_id[64], tmpl_id[64], sys_id[64];
	const xmlNode *usb_item, *usb_policy;
	const xmlNode *monitor; /* first graphical controller */
	const xmlNode *gfx_spice, *gfx_vnc;
	const xmlNode *cpu_item, *memory_item, *os_section, *hw_section;
};

/* xsi:type="ovf:X_Type" names a section kind; the prefix may differ. */
static bool section_is(const xmlNode *n, const char *type)
{
	char t[128];
	if (!xmlio_is(n, "Section") || xmlio_attr(n, "type", t, sizeof t))
		return false;
	const char *colon = strchr(t, ':');
	return strcmp(colon ? colon + 1 : t, type) == 0;
}

/* The envelope namespace, with or without the trailing '/' (oVirt 4.x
 * dropped it). */
static bool ns_is_ovf(const xmlNode *n)
{
	const char *href = n->ns && n->ns->href ? (const char *)n->ns->href : "";
	size_t k = strlen(OVF_NS) - 1;
	return strncmp(href, OVF_NS, k) == 0 && (href[k] == '\0' || strcmp(href + k, "/") == 0);
}

/* ---- hardware items ---- */

struct item {
	const xmlNode *node, *rtype_node;
	long rtype;
	char type[32], device[32];
	const xmlNode *qty, *policy, *sockets, *cores, *threads, *single_pci;
};

static int read_item(struct ovf_rd *r, const xmlNode *n, struct item *it)
{
	static const char *const once[] = {"ResourceType", "Type", "Device", "VirtualQuantity",
					   "UsbPolicy", "num_of_sockets", "cpu_per_socket",
					   "threads_per_cpu", "SinglePciQxl", NULL};
	memset(it, 0, sizeof *it);
	if (rd_unique(&r->r, n, once))
		return SC_EUSAGE;
	it->node = n;
	it->rtype = -1;
	for (const xmlNode *c = xmlio_elem(n, NULL); c; c = xmlio_elem(n, c)) {
		if (xmlio_is(c, "ResourceType")) {
			it->rtype_node = c;
			if (rd_long(&r->r, c, 0, 65535, "a CIM resource type number", &it->rtype))
				return SC_EUSAGE;
		} else if (xmlio_is(c, "Type")) {
			xmlio_text(c, it->type, sizeof it->type);
		} else if (xmlio_is(c, "Device")) {
			xmlio_text(c, it->device, sizeof it->device);
		} else if (xmlio_is(c, "VirtualQuantity")) {
			it->qty = c;
		} else if (xmlio_is(c, "UsbPolicy")) {
			it->policy = c;
		} else if (xmlio_is(c, "num_of_sockets")) {
			it->sockets = c;
		} else if (xmlio_is(c, "cpu_per_socket")) {
			it->cores = c;
		} else if (xmlio_is(c, "threads_per_cpu")) {
			it->threads = c;
		} else if (xmlio_is(c, "SinglePciQxl")) {
			it->single_pci = c;
		}
	}
	return SC_OK;
}

static int take_cpu(struct ovf_rd *r, const struct item *it)
{
	long s = 1, c = 1, t = 1, total;
	const int max = sc_field_info(SC_F_CPUS)->max;
	if ((it->sockets && rd_long(&r->r, it->sockets, 1, max, "1..160", &s)) ||
	    (it->cores && rd_long(&r->r, it->cores, 1, max, "1..160", &c)) ||
	    (it->threads && rd_long(&r->r, it->threads, 1, max, "1..160", &t)))
		return SC_EUSAGE;
	if (it->sockets || it->cores) {
		total = s * c * t;
	} else if (it->qty) {
		if (rd_long(&r->r, it->qty, 1, max, "1..160", &total))
			return SC_EUSAGE;
	} else {
		return SC_OK;
	}
	char txt[32];
	snprintf(txt, sizeof txt, "%ld", total);
	return rd_set(&r->r, it->node, SC_F_CPUS, txt);
}

static int take_memory(struct ovf_rd *r, const struct item *it)
{
	char txt[32];
	if (!it->qty)
		return SC_OK;
	if (rd_text(&r->r, it->qty, txt, sizeof txt))
		return SC_EUSAGE;
	return rd_set(&r->r, it->qty, SC_F_MEMORY, txt);
}

static int take_item(struct ovf_rd *r, const struct item *it)
{
	if (it->rtype == RT_CPU)
		return rd_once(&r->r, it->node, &r->cpu_item, "CPU Item (ResourceType 3)") ||
		       take_cpu(r, it);
	if (it->rtype == RT_MEMORY)
		return rd_once(&r->r, it->node, &r->memory_item, "memory Item (ResourceType 4)") ||
		       take_memory(r, it);
	if (it->rtype == RT_USB) {
		if (rd_once(&r->r, it->node, &r->usb_item, "USB controller Item (ResourceType 23)"))
			return SC_EUSAGE;
		r->usb_policy = it->policy;
		return SC_OK;
	}
	if (it->rtype == RT_MONITOR || it->rtype == RT_MONITOR_V2V) {
		/* SinglePciQxl follows from the OS, the monitors and the site
		 * option, so it is not read into the object; a bad one is still
		 * refused, as in the API's <single_qxl_pci> */
		bool single;
		if (it->single_pci && rd_bool(&r->r, it->single_pci, &single))
			return SC_EUSAGE;
		if (!r->monitor)
			r->monitor = it->node;
		return SC_OK;
	}
	if (it->rtype == RT_GRAPHICS || strcasecmp(it->type, "graphics") == 0) {
		if (strcasecmp(it->device, "spice") == 0 && !r->gfx_spice)
			r->gfx_spice = it->node;
		else if (strcasecmp(it->device, "vnc") == 0 && !r->gfx_vnc)
			r->gfx_vnc = it->node;
		else if (strcasecmp(it->device, "spice") && strcasecmp(it->device, "vnc"))
			rd_ignore(&r->r, "graphics device of unknown protocol");
		return SC_OK;
	}
	char what[72];
	if (it->type[0])
		snprintf(what, sizeof what, "Item %s%s%s", it->type, it->device[0] ? "/" : "",
			 it->device);
	else
		snprintf(what, sizeof what, "Item ResourceType %ld", it->rtype);
	rd_ignore(&r->r, what);
	return SC_OK;
}

static int read_hardware(struct ovf_rd *r, const xmlNode *sec)
{
	if (rd_once(&r->r, sec, &r->hw_section, "VirtualHardwareSection"))
		return SC_EUSAGE;
	for (const xmlNode *c = xmlio_elem(sec, NULL); c; c = xmlio_elem(sec, c)) {
		struct item it;
		if (!xmlio_is(c, "Item")) {
			if (!xmlio_is(c, "Info") && !xmlio_is(c, "System"))
				rd_ignore(&r->r, (const char *)c->name);
			continue;
		}
		if (read_item(r, c, &it) || take_item(r, &it))
			return SC_EUSAGE;
	}
	return SC_OK;
}

/* ---- the VirtualSystem element ---- */

static int read_os_section(struct ovf_rd *r, const xmlNode *sec)
{
	static const char *const once[] = {"Description", NULL};
	if (rd_once(&r->r, sec, &r->os_section, "OperatingSystemSection") ||
	    rd_unique(&r->r, sec, once))
		return SC_EUSAGE;
	xmlio_attr(sec, "id", r->os_id, sizeof r->os_id);
	r->os = xmlio_child(sec, "Description");
	return SC_OK;
}

static int read_general(struct ovf_rd *r, const xmlNode *c)
{
	char t[SC_NAME_MAX * 4];
	long v;
	if (xmlio_is(c, "Name")) {
		if (rd_text(&r->r, c, t, sizeof t))
			return SC_EUSAGE;
		return rd_set(&r->r, c, SC_F_NAME, t);
	}
	if (xmlio_is(c, "Description"))
		return rd_description(&r->r, c);
	if (xmlio_is(c, "TemplateId"))
		return rd_text(&r->r, c, r->tmpl_id, sizeof r->tmpl_id);
	if (xmlio_is(c, "TemplateName") || xmlio_is(c, "ClusterName")) {
		bool tmpl = xmlio_is(c, "TemplateName");
		if (rd_text(&r->r, c, t, sizeof t))
			return SC_EUSAGE;
		if (tmpl && strcmp(t, "Blank") == 0)
			return SC_OK;
		if (!sc_name_valid(t)) {
			rd_note(&r->r, c, "ignored <%s> '%s': not a valid name", (const char *)c->name, t);
			return SC_OK;
		}
		return sc_strlcpy(tmpl ? r->r.o->tmpl : r->r.o->cluster, t, SC_NAME_MAX + 1), SC_OK;
	}
	if (xmlio_is(c, "VmType")) {
		if (rd_long(&r->r, c, 0, 1, "0 (desktop), 1 (server)", &v))
			return SC_EUSAGE;
		r->r.o->type = v ? SC_TYPE_SERVER : SC_TYPE_DESKTOP;
		return SC_OK;
	}
	if (xmlio_is(c, "DefaultDisplayType") || xmlio_is(c, "default_display_type")) {
		r->display = c;
		if (xmlio_is(c, "default_display_type"))
			r->is_template = true;
		return SC_OK;
	}
	if (xmlio_is(c, "MigrationSupport")) {
		if (rd_long(&r->r, c, 0, 2, "0 (migratable), 1 (manual), 2 (pinned)", &v))
			return SC_EUSAGE;
		r->r.o->migration = (enum sc_migration)v;
		return SC_OK;
	}
	if (xmlio_is(c, "IsSmartcardEnabled"))
		return rd_bool(&r->r, c, &r->r.o->smartcard);
	if (xmlio_is(c, "IsSpiceFileTransferEnabled"))
		return rd_bool(&r->r, c, &r->r.o->file_transfer);
	if (xmlio_is(c, "IsSpiceCopyPasteEnabled"))
		return rd_bool(&r->r, c, &r->r.o->copy_paste);
	if (xmlio_is(c, "AllowConsoleReconnect"))
		return rd_bool(&r->r, c, &r->r.o->allow_reconnect);
	if (xmlio_is(c, "ConsoleDisconnectAction")) {
		char a_t[32];
		if (rd_text(&r->r, c, a_t, sizeof a_t))
			return SC_EUSAGE;
		int a = sc_disconnect_ovf_parse(a_t);
		if (a < 0)
			return rd_fail(&r->r, c,
				       "ConsoleDisconnectAction '%s' is not valid; valid: "
				       SC_DISCONNECT_OVF_VALID, a_t);
		r->r.o->disconnect_action = (enum sc_disconnect)a;
		return SC_OK;
	}
	if (xmlio_is(c, "ConsoleDisconnectActionDelay")) {
		if (rd_long(&r->r, c, 0, SC_DISC_DELAY_MAX, "minutes 0..1440", &v))
			return SC_EUSAGE;
		r->r.o->disconnect_delay = (int)v;
		return SC_OK;
	}
	/* Elements only template OVFs of later versions have. */
	if (xmlio_is(c, "TemplateType") || xmlio_is(c, "BaseTemplateId"))
		r->is_template = true;
	rd_ignore(&r->r, (const char *)c->name);
	return SC_OK;
}

static void ignore_section(struct ovf_rd *r, const xmlNode *sec)
{
	char t[64], what[80];
	if (xmlio_attr(sec, "type", t, sizeof t))
		sc_strlcpy(t, "?", sizeof t);
	const char *colon = strchr(t, ':');
	snprintf(what, sizeof what, "Section %s", colon ? colon + 1 : t);
	rd_ignore(&r->r, what);
}

static int read_system(struct ovf_rd *r, const xmlNode *vs)
{
	static const char *const once[] = {"Name", "Description", "TemplateId", "TemplateName",
					   "ClusterName", "VmType",
					   "DefaultDisplayType|default_display_type",
					   "MigrationSupport", "IsSmartcardEnabled",
					   "IsSpiceFileTransferEnabled", "IsSpiceCopyPasteEnabled",
					   "AllowConsoleReconnect", "ConsoleDisconnectAction",
					   "ConsoleDisconnectActionDelay", NULL};
	if (rd_unique(&r->r, vs, once))
		return SC_EUSAGE;
	xmlio_attr(vs, "id", r->sys_id, sizeof r->sys_id);
	for (const xmlNode *c = xmlio_elem(vs, NULL); c; c = xmlio_elem(vs, c)) {
		int rc = SC_OK;
		if (section_is(c, "OperatingSystemSection_Type") ||
		    xmlio_is(c, "OperatingSystemSection"))
			rc = read_os_section(r, c);
		else if (section_is(c, "VirtualHardwareSection_Type") ||
			 xmlio_is(c, "VirtualHardwareSection"))
			rc = read_hardware(r, c);
		else if (xmlio_is(c, "Section"))
			ignore_section(r, c);
		else
			rc = read_general(r, c);
		if (rc)
			return rc;
	}
	return SC_OK;
}

/* ---- from what was found to console settings ---- */

static int resolve_display(struct ovf_rd *r)
{
	static const char *const cards[] = {"cirrus", "qxl", "vga", "bochs"};
	long v;
	if (r->gfx_spice || r->gfx_vnc) {
		r->r.o->display = r->gfx_spice ? SC_DISPLAY_SPICE : SC_DISPLAY_VNC;
		if (r->gfx_spice && r->gfx_vnc)
			rd_note(&r->r, r->gfx_spice,
			      "graphics devices spice and vnc: display=spice (one protocol here)");
		return SC_OK;
	}
	if (!r->display) {
		r->r.o->display = SC_DISPLAY_SPICE;
		rd_note(&r->r, NULL, "no graphics device and no DefaultDisplayType: display=spice");
		return SC_OK;
	}
	if (rd_long(&r->r, r->display, 0, 3, "0 (vnc), 1 (qxl/spice), 2 (vga), 3 (bochs)", &v))
		return SC_EUSAGE;
	r->r.o->display = v == 1 ? SC_DISPLAY_SPICE : SC_DISPLAY_VNC;
	if (v >= 2)
		rd_note(&r->r, r->display, "%s %ld is the %s video card: display=vnc (SPICE needs qxl)",
		      (const char *)r->display->name, v, cards[v]);
	return SC_OK;
}

static int resolve_os(struct ovf_rd *r)
{
	char t[64];
	enum sc_os os = SC_OS_UNASSIGNED;
	if (!r->os) {
		rd_note(&r->r, NULL, "no OperatingSystemSection: os=Unassigned");
		r->r.o->os = os;
		return SC_OK;
	}
	if (xmlio_text(r->os, t, sizeof t))
		return rd_fail(&r->r, r->os, "unknown OS (name too long); %s", OSMAP_VALID);
	switch (osmap_lookup(t, &os)) {
	case OSMAP_EXACT:
		break;
	case OSMAP_ALIAS:
		rd_note(&r->r, r->os, "OS '%s' mapped to %s", t, sc_os_name(os));
		break;
	case OSMAP_NEAREST:
		rd_note(&r->r, r->os, "OS '%s' has no oVirt 3.1 equivalent: mapped to %s, the nearest %s entry",
		      t, sc_os_name(os), sc_osfamily_name(sc_os_family(os)));
		break;
	case OSMAP_UNKNOWN:
		return rd_fail(&r->r, r->os, "unknown OS '%s'; %s", t, OSMAP_VALID);
	}
	r->r.o->os = os;
	return SC_OK;
}

static int parse_policy(const char *t, enum sc_usb *out)
{
	static const struct {
		const char *name;
		enum sc_usb usb;
	} names[] = {
		{"DISABLED", SC_USB_DISABLED},	      {"1", SC_USB_DISABLED},
		{"ENABLED_LEGACY", SC_USB_LEGACY},    {"EnabledLegacy", SC_USB_LEGACY},
		{"Enabled", SC_USB_LEGACY},	      {"0", SC_USB_LEGACY},
		{"ENABLED_NATIVE", SC_USB_NATIVE},    {"EnabledNative", SC_USB_NATIVE},
		{"2", SC_USB_NATIVE},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(t, names[i].name) == 0) {
			*out = names[i].usb;
			return 0;
		}
	return -1;
}

static int resolve_usb(struct ovf_rd *r)
{
	char t[64];
	enum sc_usb u;
	if (!r->usb_item) {
		r->r.o->usb = SC_USB_DISABLED;
		rd_note(&r->r, NULL, "no USB controller (ResourceType 23): usb=disabled");
		return SC_OK;
	}
	if (!r->usb_policy) {
		r->r.o->usb = SC_USB_NATIVE;
		rd_note(&r->r, r->usb_item, "USB controller without UsbPolicy: usb=native");
		return SC_OK;
	}
	if (rd_text(&r->r, r->usb_policy, t, sizeof t))
		return SC_EUSAGE;
	if (parse_policy(t, &u))
		return rd_fail(&r->r, r->usb_policy,
			     "unknown UsbPolicy '%s'; valid: DISABLED, ENABLED_LEGACY, ENABLED_NATIVE "
			     "(also Disabled, Enabled, EnabledLegacy, EnabledNative, 1, 0, 2)",
			     t);
	if (strcmp(t, usb_policy_names[u]) != 0)
		rd_note(&r->r, r->usb_policy, "UsbPolicy '%s' read as usb=%s", t, sc_usb_name(u));
	r->r.o->usb = u;
	return SC_OK;
}

static int resolve_monitors(struct ovf_rd *r)
{
	char t[32];
	const xmlNode *q = r->monitor ? xmlio_child(r->monitor, "VirtualQuantity") : NULL;
	if (!q) {
		r->r.o->monitors = 1;
		if (!r->monitor)
			rd_note(&r->r, NULL, "no graphical controller (ResourceType 20): monitors=1");
		return SC_OK;
	}
	if (rd_text(&r->r, q, t, sizeof t))
		return SC_EUSAGE;
	return rd_set(&r->r, q, SC_F_MONITORS, t);
}

static void resolve_identity(struct ovf_rd *r)
{
	const char *id = rd_uuid_shaped(r->os_id) ? r->os_id : rd_uuid_shaped(r->sys_id) ? r->sys_id : "";
	/* oVirt's template writer puts the template's own id in TemplateId. */
	if (*id && strcasecmp(id, r->tmpl_id) == 0 && strcmp(id, ZERO_UUID) != 0)
		r->is_template = true;
	if (strcmp(id, ZERO_UUID) != 0)
		sc_strlcpy(r->r.o->uuid, id, sizeof r->r.o->uuid);
	r->r.o->kind = r->is_template ? SC_TEMPLATE : SC_VM;
	if (r->is_template)
		r->r.o->tmpl[0] = '\0';
}

/* The VirtualSystem: engine files use Content xsi:type=VirtualSystem_Type,
 * virt-v2v's "ovirt" flavour a plain VirtualSystem element.  A file with
 * two describes two machines: refused rather than one taken. */
static int find_system(struct ovf_rd *r, const xmlNode *root, const xmlNode **vs)
{
	*vs = NULL;
	for (const xmlNode *c = xmlio_elem(root, NULL); c; c = xmlio_elem(root, c)) {
		char t[64];
		bool sys = xmlio_is(c, "VirtualSystem");
		if (!sys && xmlio_is(c, "Content") && xmlio_attr(c, "type", t, sizeof t) == 0) {
			const char *colon = strchr(t, ':');
			sys = strcmp(colon ? colon + 1 : t, "VirtualSystem_Type") == 0;
		}
		if (sys && rd_once(&r->r, c, vs, "virtual system (one VM or template per file)"))
			return SC_EUSAGE;
	}
	return SC_OK;
}

static int read_doc(struct ovf_rd *r, const xmlNode *root)
{
	if (!xmlio_is(root, "Envelope") || !ns_is_ovf(root))
		return rd_fail(&r->r, root,
			     "root element is <%s>; an OVF file has <ovf:Envelope> in namespace %s",
			     (const char *)root->name, OVF_NS);
	const xmlNode *vs;
	if (find_system(r, root, &vs))
		return SC_EUSAGE;
	if (!vs)
		return rd_fail(&r->r, root,
			     "no virtual system: expected <Content xsi:type=\"ovf:VirtualSystem_Type\"> "
			     "or <VirtualSystem> under the envelope");
	if (read_system(r, vs))
		return SC_EUSAGE;
	if (!r->r.o->name[0])
		return rd_fail(&r->r, vs, "the virtual system has no <Name>");
	resolve_identity(r);
	if (resolve_display(r) || resolve_os(r) || resolve_usb(r) || resolve_monitors(r))
		return SC_EUSAGE;
	rd_note_ignored(&r->r);
	return SC_OK;
}

int ovf_read(const char *buf, size_t len, const char *fname, struct sc_object *obj,
	     struct xmlio_notes *notes, struct sc_err *err)
{
	struct ovf_rd r = {.r = {.fname = fname, .o = obj, .notes = notes, .err = err}};
	rd_object_init(obj);
	xmlDocPtr doc = xmlio_parse(buf, len, fname, err);
	if (!doc)
		return SC_EUSAGE;
	int rc = read_doc(&r, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return rc;
}

int ovf_fit(struct sc_object *o, const struct sc_ctx *ctx, const char *fname,
	    struct xmlio_notes *notes, struct sc_err *err)
{
	struct sc_usb_verdict v;
	struct sc_msgs warn = {0}, errs = {0};
	sc_usb_rules(o->display, ctx->cver, o->os, &ctx->site, &v);
	if (v.reason[o->usb]) {
		xmlio_note(notes, "%s: usb=%s is not allowed for %s with %s on cluster version %s "
				  "(%s): imported as disabled",
			   fname, sc_usb_name(o->usb), sc_os_name(o->os),
			   sc_display_name(o->display), sc_cver_name(ctx->cver), v.reason[o->usb]);
		o->usb = SC_USB_DISABLED;
	}
	sc_edit_changed(o, ctx, &warn);
	for (int i = 0; i < warn.n; i++)
		xmlio_note(notes, "%s: %s", fname, warn.m[i].text);
	if (sc_edit_check(o, ctx, &errs) > 0)
		return sc_fail(err, SC_EUSAGE, "%s: %s", fname, errs.m[0].text);
	return SC_OK;
}
