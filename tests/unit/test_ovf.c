/* OVF writer and reader (SPEC §6): round trips, the layouts real producers
 * wrote, the mapping of old values, and refusal of bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ovf.h"
#include "store/config.h"

static struct sc_optreg reg;

#define NS_OVF "http://schemas.dmtf.org/ovf/envelope/1/"
#define NS_REST                                                                          \
	"xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"                  \
	"CIM_ResourceAllocationSettingData\" "                                             \
	"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""

/* An engine-style OVF around the given general elements, OS and items. */
static char *engine_ovf(const char *ns, const char *general, const char *os, const char *items)
{
	char *s;
	int n = asprintf(&s,
			 "<?xml version='1.0' encoding='UTF-8'?>\n"
			 "<ovf:Envelope xmlns:ovf=\"%s\" " NS_REST " ovf:version=\"3.1.0.0\">\n"
			 "<Content ovf:id=\"out\" xsi:type=\"ovf:VirtualSystem_Type\">\n"
			 "<Name>imp1</Name>\n%s\n"
			 "<Section ovf:id=\"11111111-2222-3333-4444-555555555555\" "
			 "xsi:type=\"ovf:OperatingSystemSection_Type\">\n"
			 "<Info>Guest Operating System</Info><Description>%s</Description></Section>\n"
			 "<Section xsi:type=\"ovf:VirtualHardwareSection_Type\">\n%s\n</Section>\n"
			 "</Content>\n</ovf:Envelope>\n",
			 ns, general, os, items);
	assert_true(n > 0);
	return s;
}

#define USB_ITEM(p) "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>" p "</rasd:UsbPolicy></Item>"
#define MON_ITEM(rt, q) "<Item><rasd:ResourceType>" rt "</rasd:ResourceType><rasd:VirtualQuantity>" q "</rasd:VirtualQuantity></Item>"

static int read_str(const char *s, struct sc_object *o, struct xmlio_notes *nt, struct sc_err *e)
{
	return ovf_read(s, strlen(s), "in.ovf", o, nt, e);
}

static bool notes_have(const struct xmlio_notes *nt, const char *what)
{
	for (int i = 0; i < nt->n; i++)
		if (strstr(nt->line[i], what))
			return true;
	return false;
}

/* ---- round trip ---- */

static void base(struct sc_object *o, enum sc_kind kind)
{
	memset(o, 0, sizeof *o);
	o->kind = kind;
	strcpy(o->name, "rt-1");
	strcpy(o->uuid, "0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d");
	o->monitors = 1;
	o->memory = 2048;
	o->cpus = 2;
	o->usb_autoshare = true;
}

static void round_trip(void **state)
{
	(void)state;
	static const struct {
		enum sc_kind kind;
		enum sc_os os;
		enum sc_display d;
		enum sc_vmtype t;
		int mon;
		enum sc_usb usb;
		enum sc_migration mig;
		bool sc;
		const char *desc;
	} cases[] = {
		{SC_VM, SC_OS_WINDOWS7X64, SC_DISPLAY_SPICE, SC_TYPE_DESKTOP, 4, SC_USB_NATIVE, SC_MIG_PINNED, true, "dev <desk> & \"x\" 'y'"},
		{SC_VM, SC_OS_RHEL6X64, SC_DISPLAY_SPICE, SC_TYPE_DESKTOP, 2, SC_USB_DISABLED, SC_MIG_MANUAL, false, ""},
		{SC_VM, SC_OS_WINDOWSXP, SC_DISPLAY_SPICE, SC_TYPE_DESKTOP, 1, SC_USB_LEGACY, SC_MIG_MIGRATABLE, false, "Grüße ✓"},
		{SC_VM, SC_OS_OTHER, SC_DISPLAY_VNC, SC_TYPE_SERVER, 1, SC_USB_DISABLED, SC_MIG_PINNED, false, "  leading"},
		{SC_TEMPLATE, SC_OS_WINDOWS2008R2X64, SC_DISPLAY_SPICE, SC_TYPE_SERVER, 1, SC_USB_NATIVE, SC_MIG_PINNED, false, "tmpl"},
		{SC_TEMPLATE, SC_OS_UNASSIGNED, SC_DISPLAY_VNC, SC_TYPE_DESKTOP, 1, SC_USB_DISABLED, SC_MIG_MANUAL, true, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_object o, back;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		size_t len1, len2;
		base(&o, cases[i].kind);
		o.os = cases[i].os, o.display = cases[i].d, o.type = cases[i].t;
		o.monitors = cases[i].mon, o.usb = cases[i].usb, o.migration = cases[i].mig;
		o.smartcard = cases[i].sc;
		strcpy(o.description, cases[i].desc);
		char *a = ovf_write(&o, NULL, NULL, &len1, &e);
		assert_non_null(a);
		assert_int_equal(read_str(a, &back, &nt, &e), 0);
		assert_int_equal(back.kind, o.kind);
		assert_string_equal(back.name, o.name);
		assert_string_equal(back.uuid, o.uuid);
		assert_int_equal(back.os, o.os);
		assert_int_equal(back.display, o.display);
		assert_int_equal(back.type, o.type);
		assert_int_equal(back.monitors, o.monitors);
		assert_int_equal(back.usb, o.usb);
		assert_int_equal(back.migration, o.migration);
		assert_int_equal(back.memory, 2048);
		assert_int_equal(back.cpus, 2);
		assert_int_equal(back.smartcard, o.smartcard);
		assert_string_equal(back.description, o.description);
		char *b = ovf_write(&back, NULL, NULL, &len2, &e);
		assert_non_null(b);
		assert_int_equal(len1, len2);
		assert_memory_equal(a, b, len1);
		free(a);
		free(b);
		xmlio_notes_free(&nt);
	}
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void writer_layout(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_err e = {0};
	size_t len;
	base(&o, SC_VM);
	o.monitors = 4;
	o.usb = SC_USB_NATIVE;
	strcpy(o.tmpl, "base-tmpl");
	char *s = ovf_write(&o, NULL, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", &len, &e);
	assert_non_null(s);
	assert_int_equal(strlen(s), len);
	assert_non_null(strstr(s, "ovf:version=\"3.1.0.0\""));
	assert_non_null(strstr(s, "<Content ovf:id=\"out\" xsi:type=\"ovf:VirtualSystem_Type\">"));
	assert_non_null(strstr(s, "<rasd:UsbPolicy>ENABLED_NATIVE</rasd:UsbPolicy>"));
	assert_non_null(strstr(s, "<DefaultDisplayType>1</DefaultDisplayType>"));
	assert_non_null(strstr(s, "<MigrationSupport>2</MigrationSupport>"));
	assert_non_null(strstr(s, "<TemplateId>aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee</TemplateId>"));
	assert_non_null(strstr(s, "<TemplateName>base-tmpl</TemplateName>"));
	assert_int_equal(count(s, "<rasd:ResourceType>20</rasd:ResourceType>"), 4);
	assert_int_equal(count(s, "<rasd:VirtualQuantity>4</rasd:VirtualQuantity>"), 4);
	free(s);
	o.kind = SC_POOL;
	assert_null(ovf_write(&o, NULL, NULL, &len, &e));
	assert_int_equal(e.status, SC_EUSAGE);
}

/* ---- what other producers wrote ---- */

struct in_case {
	const char *ns, *general, *os, *items;
	enum sc_kind kind;
	enum sc_os want_os;
	enum sc_display want_display;
	int want_mon;
	enum sc_usb want_usb;
	const char *want_note; /* substring of some note, or NULL */
};

static void producers(void **state)
{
	(void)state;
	static const struct in_case cases[] = {
		/* oVirt 3.0: "Enabled" is legacy, templates write default_display_type */
		{NS_OVF, "<VmType>0</VmType><default_display_type>1</default_display_type>", "WindowsXP",
		 USB_ITEM("Enabled") MON_ITEM("20", "2"), SC_TEMPLATE, SC_OS_WINDOWSXP, SC_DISPLAY_SPICE, 2, SC_USB_LEGACY, "read as usb=legacy"},
		{NS_OVF, "<DefaultDisplayType>1</DefaultDisplayType>", "RHEL6x64",
		 USB_ITEM("Disabled"), SC_VM, SC_OS_RHEL6X64, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, "no graphical controller"},
		/* 3.1 spellings, any case, numbers */
		{NS_OVF, "<DefaultDisplayType>1</DefaultDisplayType>", "Windows7x64",
		 USB_ITEM("ENABLED_NATIVE") MON_ITEM("20", "4"), SC_VM, SC_OS_WINDOWS7X64, SC_DISPLAY_SPICE, 4, SC_USB_NATIVE, NULL},
		{NS_OVF, "", "windows7", USB_ITEM("enablednative"), SC_VM, SC_OS_WINDOWS7, SC_DISPLAY_SPICE, 1, SC_USB_NATIVE, "display=spice"},
		{NS_OVF, "", "Other", USB_ITEM("EnabledLegacy"), SC_VM, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_LEGACY, NULL},
		{NS_OVF, "", "Other", USB_ITEM("0"), SC_VM, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_LEGACY, NULL},
		{NS_OVF, "", "Other", USB_ITEM("1"), SC_VM, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, NULL},
		{NS_OVF, "", "Other", USB_ITEM(" 2 "), SC_VM, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_NATIVE, NULL},
		/* no USB item; USB item without a policy */
		{NS_OVF, "", "Other", "", SC_VM, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, "no USB controller"},
		{NS_OVF, "", "Other", "<Item><rasd:ResourceType>23</rasd:ResourceType></Item>", SC_VM, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_NATIVE, "without UsbPolicy"},
		/* later versions: namespace without '/', osinfo names, graphics devices */
		{"http://schemas.dmtf.org/ovf/envelope/1", "<DefaultDisplayType>0</DefaultDisplayType>", "rhel_6x64",
		 "<Item><rasd:ResourceType>26</rasd:ResourceType><Type>graphics</Type><Device>spice</Device></Item>",
		 SC_VM, SC_OS_RHEL6X64, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, "mapped to RHEL6x64"},
		{NS_OVF, "<DefaultDisplayType>1</DefaultDisplayType>", "rhel_7x64",
		 "<Item><rasd:ResourceType>0</rasd:ResourceType><Type>graphics</Type><Device>vnc</Device></Item>",
		 SC_VM, SC_OS_OTHERLINUX, SC_DISPLAY_VNC, 1, SC_USB_DISABLED, "no oVirt 3.1 equivalent"},
		{NS_OVF, "", "windows_2019x64", "", SC_VM, SC_OS_WINDOWS2008R2X64, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, "nearest windows"},
		{NS_OVF, "", "windows_10x64", "", SC_VM, SC_OS_WINDOWS7X64, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, "Windows7x64"},
		{NS_OVF, "", "freebsdx64", "", SC_VM, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, "nearest other"},
		{NS_OVF, "", "other_linux", "", SC_VM, SC_OS_OTHERLINUX, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, NULL},
		/* 3.6+: the number names the video card; vga and bochs mean vnc */
		{NS_OVF, "<DefaultDisplayType>2</DefaultDisplayType>", "Other", "", SC_VM, SC_OS_OTHER, SC_DISPLAY_VNC, 1, SC_USB_DISABLED, "SPICE needs qxl"},
		{NS_OVF, "<DefaultDisplayType>3</DefaultDisplayType>", "Other", "", SC_VM, SC_OS_OTHER, SC_DISPLAY_VNC, 1, SC_USB_DISABLED, "bochs"},
		/* virt-v2v's vdsm flavour writes the controller as 32768 */
		{NS_OVF, "", "Windows7", MON_ITEM("32768", "2"), SC_VM, SC_OS_WINDOWS7, SC_DISPLAY_SPICE, 2, SC_USB_DISABLED, NULL},
		/* a template by its own id in TemplateId */
		{NS_OVF, "<TemplateId>11111111-2222-3333-4444-555555555555</TemplateId>", "Other", "", SC_TEMPLATE, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, NULL},
		/* unknown elements are ignored and reported */
		{NS_OVF, "<Frobnicate>1</Frobnicate><CustomCpuName>x</CustomCpuName>", "Other", "<Item><rasd:ResourceType>17</rasd:ResourceType></Item>",
		 SC_VM, SC_OS_OTHER, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, "ignored (not console settings): Frobnicate, CustomCpuName"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct in_case *c = &cases[i];
		struct sc_object o;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		char *s = engine_ovf(c->ns, c->general, c->os, c->items);
		int rc = read_str(s, &o, &nt, &e);
		if (rc)
			fail_msg("case %zu: %s", i, e.msg);
		assert_int_equal(o.kind, c->kind);
		assert_int_equal(o.os, c->want_os);
		assert_int_equal(o.display, c->want_display);
		assert_int_equal(o.monitors, c->want_mon);
		assert_int_equal(o.usb, c->want_usb);
		if (c->want_note && !notes_have(&nt, c->want_note))
			fail_msg("case %zu: no note with '%s'", i, c->want_note);
		free(s);
		xmlio_notes_free(&nt);
	}
}

/* virt-v2v's "ovirt" flavour: VirtualSystem and plain section elements. */
static void virt_v2v_flavour(void **state)
{
	(void)state;
	static const char doc[] =
		"<?xml version='1.0' encoding='utf-8'?>\n"
		"<ovf:Envelope xmlns:rasd='http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData' "
		"xmlns:ovf='http://schemas.dmtf.org/ovf/envelope/1/'>\n"
		"  <VirtualSystem ovf:id='4569129a-c988-4c69-8129-22b1507478cd'>\n"
		"    <Name>v2v-guest</Name>\n"
		"    <VmType>1</VmType>\n"
		"    <DefaultDisplayType>1</DefaultDisplayType>\n"
		"    <OperatingSystemSection ovf:id='4569129a-c988-4c69-8129-22b1507478cd'>\n"
		"      <Description>windows_7x64</Description>\n"
		"    </OperatingSystemSection>\n"
		"    <VirtualHardwareSection>\n"
		"      <Item><rasd:ResourceType>3</rasd:ResourceType><rasd:num_of_sockets>2</rasd:num_of_sockets><rasd:cpu_per_socket>2</rasd:cpu_per_socket></Item>\n"
		"      <Item><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>4096</rasd:VirtualQuantity></Item>\n"
		"      <Item><rasd:ResourceType>20</rasd:ResourceType><Type>video</Type><rasd:VirtualQuantity>1</rasd:VirtualQuantity><rasd:Device>qxl</rasd:Device></Item>\n"
		"    </VirtualHardwareSection>\n"
		"  </VirtualSystem>\n"
		"</ovf:Envelope>\n";
	struct sc_object o;
	struct sc_err e = {0};
	struct xmlio_notes nt = {0};
	assert_int_equal(read_str(doc, &o, &nt, &e), 0);
	assert_string_equal(o.name, "v2v-guest");
	assert_string_equal(o.uuid, "4569129a-c988-4c69-8129-22b1507478cd");
	assert_int_equal(o.type, SC_TYPE_SERVER);
	assert_int_equal(o.os, SC_OS_WINDOWS7X64);
	assert_int_equal(o.cpus, 4);
	assert_int_equal(o.memory, 4096);
	assert_int_equal(o.usb, SC_USB_DISABLED);
	xmlio_notes_free(&nt);
}

/* ---- bad input ---- */

static void bad_input(void **state)
{
	(void)state;
	static const struct {
		const char *doc;
		const char *want; /* substring of the error */
	} cases[] = {
		{"", "in.ovf: file is empty"},
		{"   \n\t", "only white space"},
		{"\x01\x02\xff\xfe\x00junk", "in.ovf:1: not an XML document"},
		{"<a>\n<b></a>\n", "in.ovf:2: not well-formed XML"},
		{"<?xml version='1.0'?>\n<vm><name>x</name></vm>", "in.ovf:2: root element is <vm>"},
		{"<Envelope xmlns='urn:other'/>", "root element is <Envelope>"},
		{"<?xml version='1.0'?>\n<!DOCTYPE x [ <!ENTITY e SYSTEM 'file:///etc/passwd'> ]>\n<x>&e;</x>",
		 "in.ovf:2: DOCTYPE declarations are not accepted"},
		{"<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
		 "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>\n<x>&d;</x>",
		 "DOCTYPE declarations are not accepted"},
		{"<x>&undefined;</x>", "not well-formed XML"},
		{"<ovf:Envelope xmlns:ovf='" NS_OVF "'/>", "no virtual system"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_object o;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		size_t len = strlen(cases[i].doc);
		if (i == 2)
			len = 12; /* the junk has a NUL in it */
		assert_int_equal(ovf_read(cases[i].doc, len, "in.ovf", &o, &nt, &e), SC_EUSAGE);
		if (!strstr(e.msg, cases[i].want))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].want);
		assert_null(strstr(e.msg, "root:")); /* nothing of a local file leaks */
		xmlio_notes_free(&nt);
	}
}

static void bad_values(void **state)
{
	(void)state;
	static const struct {
		const char *general, *os, *items, *want;
	} cases[] = {
		{"", "Plan9", "", "in.ovf:7: unknown OS 'Plan9'; valid: Unassigned"},
		{"", "Other", USB_ITEM("Sometimes"), "unknown UsbPolicy 'Sometimes'; valid: DISABLED, ENABLED_LEGACY, ENABLED_NATIVE"},
		{"", "Other", MON_ITEM("20", "7"), "monitors"},
		{"", "Other", MON_ITEM("20", "0"), "monitors"},
		{"", "Other", MON_ITEM("20", "two"), "monitors"},
		{"<VmType>5</VmType>", "Other", "", "in.ovf:5: <VmType> '5' is not valid; valid: 0 (desktop), 1 (server)"},
		{"<DefaultDisplayType>9</DefaultDisplayType>", "Other", "", "<DefaultDisplayType> '9' is not valid"},
		{"<MigrationSupport>-1</MigrationSupport>", "Other", "", "<MigrationSupport> '-1' is not valid"},
		{"<IsSmartcardEnabled>maybe</IsSmartcardEnabled>", "Other", "", "valid: true, false"},
		{"", "Other", "<Item><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>", "memory"},
		{"", "Other", "<Item><rasd:ResourceType>x</rasd:ResourceType></Item>", "<ResourceType> 'x' is not valid"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_object o;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		char *s = engine_ovf(NS_OVF, cases[i].general, cases[i].os, cases[i].items);
		assert_int_equal(read_str(s, &o, &nt, &e), SC_EUSAGE);
		if (!strstr(e.msg, cases[i].want) || !strstr(e.msg, "in.ovf:"))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].want);
		free(s);
		xmlio_notes_free(&nt);
	}
}

static void bad_names(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"<ovf:Envelope xmlns:ovf='" NS_OVF "'><VirtualSystem><Name>has space</Name></VirtualSystem></ovf:Envelope>",
		"<ovf:Envelope xmlns:ovf='" NS_OVF "'><VirtualSystem><VmType>0</VmType></VirtualSystem></ovf:Envelope>",
	};
	for (size_t i = 0; i < 2; i++) {
		struct sc_object o;
		struct sc_err e = {0};
		assert_int_equal(read_str(docs[i], &o, NULL, &e), SC_EUSAGE);
		assert_non_null(strstr(e.msg, i ? "no <Name>" : "invalid name 'has space'"));
	}
}

static void too_big(void **state)
{
	(void)state;
	size_t n = XMLIO_MAX_BYTES + 1;
	char *big = malloc(n);
	assert_non_null(big);
	memset(big, ' ', n);
	big[0] = '<';
	struct sc_object o;
	struct sc_err e = {0};
	assert_int_equal(ovf_read(big, n, "big.ovf", &o, NULL, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "big.ovf: file is 16777217 bytes; files over"));
	free(big);
}

/* A value given twice is refused with both lines, never one taken. */
static void duplicates(void **state)
{
	(void)state;
#define CPU_ITEM "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:num_of_sockets>2</rasd:num_of_sockets></Item>"
#define MEM_ITEM "<Item><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>2048</rasd:VirtualQuantity></Item>"
	static const struct {
		const char *general, *os, *items, *want;
	} cases[] = {
		{"<Name>imp2</Name>", "Other", "", "in.ovf:5: duplicate <Name> (first at line 4)"},
		{"<UsbPolicy/><VmType>0</VmType>\n<VmType>1</VmType>", "Other", "",
		 "in.ovf:6: duplicate <VmType> (first at line 5)"},
		{"<Description>a</Description><Description>b</Description>", "Other", "", "duplicate <Description>"},
		{"<DefaultDisplayType>1</DefaultDisplayType><default_display_type>0</default_display_type>",
		 "Other", "", "duplicate <default_display_type>"},
		{"<MigrationSupport>0</MigrationSupport><MigrationSupport>2</MigrationSupport>", "Other", "",
		 "duplicate <MigrationSupport>"},
		{"<IsSmartcardEnabled>true</IsSmartcardEnabled><IsSmartcardEnabled>false</IsSmartcardEnabled>",
		 "Other", "", "duplicate <IsSmartcardEnabled>"},
		{"<TemplateId>x</TemplateId><TemplateId>y</TemplateId>", "Other", "", "duplicate <TemplateId>"},
		{"<ClusterName>a</ClusterName><ClusterName>b</ClusterName>", "Other", "", "duplicate <ClusterName>"},
		{"", "Other", USB_ITEM("DISABLED") "\n" USB_ITEM("ENABLED_NATIVE"),
		 "in.ovf:10: duplicate USB controller Item (ResourceType 23) (first at line 9)"},
		{"", "Other",
		 "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>DISABLED</rasd:UsbPolicy>"
		 "<rasd:UsbPolicy>ENABLED_NATIVE</rasd:UsbPolicy></Item>",
		 "duplicate <UsbPolicy>"},
		{"", "Other", CPU_ITEM CPU_ITEM, "duplicate CPU Item"},
		{"", "Other", MEM_ITEM MEM_ITEM, "duplicate memory Item"},
		{"", "Other", "<Item><rasd:ResourceType>4</rasd:ResourceType><rasd:ResourceType>23</rasd:ResourceType></Item>",
		 "duplicate <ResourceType>"},
		{"", "Other", MON_ITEM("20", "1") "<Item><rasd:ResourceType>20</rasd:ResourceType><rasd:VirtualQuantity>1"
		 "</rasd:VirtualQuantity><rasd:VirtualQuantity>4</rasd:VirtualQuantity></Item>", "duplicate <VirtualQuantity>"},
		{"", "Other</Description><Description>RHEL6", "", "duplicate <Description>"},
		{"<Section xsi:type=\"ovf:OperatingSystemSection_Type\"><Description>RHEL6</Description></Section>",
		 "Other", "", "in.ovf:6: duplicate OperatingSystemSection (first at line 5)"},
		{"<Section xsi:type=\"ovf:VirtualHardwareSection_Type\"/>", "Other", "",
		 "duplicate VirtualHardwareSection"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_object o;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		char *s = engine_ovf(NS_OVF, cases[i].general, cases[i].os, cases[i].items);
		assert_int_equal(read_str(s, &o, &nt, &e), SC_EUSAGE);
		if (!strstr(e.msg, cases[i].want))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].want);
		free(s);
		xmlio_notes_free(&nt);
	}
	/* one graphical controller per monitor is how oVirt writes it */
	struct sc_object o;
	struct sc_err e = {0};
	char *s = engine_ovf(NS_OVF, "", "Other", MON_ITEM("20", "2") MON_ITEM("20", "2"));
	assert_int_equal(read_str(s, &o, NULL, &e), SC_OK);
	assert_int_equal(o.monitors, 2);
	free(s);
	/* a template's and a cluster's name as long as a name may be (64
	 * bytes) are read whole */
	char n64[SC_NAME_MAX + 1], general[256];
	memset(n64, 't', SC_NAME_MAX);
	n64[SC_NAME_MAX] = '\0';
	snprintf(general, sizeof general,
		 "<TemplateName>%s</TemplateName><ClusterName>c%s</ClusterName>", n64, n64 + 1);
	s = engine_ovf(NS_OVF, general, "Other", "");
	assert_int_equal(read_str(s, &o, NULL, &e), SC_OK);
	assert_string_equal(o.tmpl, n64);
	assert_int_equal(strlen(o.cluster), SC_NAME_MAX);
	assert_int_equal(o.cluster[0], 'c');
	free(s);
	/* two virtual systems in one envelope */
	static const char two[] = "<ovf:Envelope xmlns:ovf='" NS_OVF "'>\n<VirtualSystem><Name>a</Name>"
				  "</VirtualSystem>\n<VirtualSystem><Name>b</Name></VirtualSystem></ovf:Envelope>";
	assert_int_equal(read_str(two, &o, NULL, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "in.ovf:3: duplicate virtual system"));
}

/* A document of n bytes: head, then fill repeated, then tail. */
static char *repeat(const char *head, const char *fill, size_t times, const char *tail, size_t *len)
{
	size_t h = strlen(head), f = strlen(fill), t = strlen(tail);
	char *s = malloc(h + f * times + t + 1);
	assert_non_null(s);
	memcpy(s, head, h);
	for (size_t i = 0; i < times; i++)
		memcpy(s + h + i * f, fill, f);
	memcpy(s + h + f * times, tail, t + 1);
	*len = h + f * times + t;
	return s;
}

static void expect_refused(const char *doc, size_t len, const char *want)
{
	struct sc_object o;
	struct sc_err e = {0};
	assert_int_equal(ovf_read(doc, len, "b.ovf", &o, NULL, &e), SC_EUSAGE);
	if (!strstr(e.msg, want))
		fail_msg("'%s' lacks '%s'", e.msg, want);
}

/* What a file may hold is bounded before libxml2 parses it. */
static void bounds(void **state)
{
	(void)state;
	static const char env[] = "<ovf:Envelope xmlns:ovf='" NS_OVF "'\n";
	size_t len;
	char *s;
	char attr[32];
	/* attributes: 255 besides the namespace pass the bound, 256 do not */
	s = repeat(env, " xx=\"1\"", 255, "/>", &len);
	for (size_t i = 0; i < 255; i++) { /* distinct names, so libxml2 takes them */
		snprintf(attr, sizeof attr, " %c%c=\"1\"", 'a' + (int)(i / 26), 'a' + (int)(i % 26));
		memcpy(s + strlen(env) + i * 7, attr, 7);
	}
	expect_refused(s, len, "no virtual system");
	free(s);
	s = repeat(env, " a=\"1\"", 256, "/>", &len);
	expect_refused(s, len, "b.ovf:1: <ovf:Envelope> has more than 256 attributes");
	free(s);
	/* the message names the element by its first 63 characters */
	char tag[80], named[100];
	memset(tag, 'n', sizeof tag);
	for (size_t k = 63; k <= 64; k++) {
		tag[0] = '<';
		tag[k + 1] = '\0';
		s = repeat(tag, " a=\"1\"", 257, "/>", &len);
		snprintf(named, sizeof named, "b.ovf:1: <%.63s> has more than", tag + 1);
		expect_refused(s, len, named);
		tag[k + 1] = 'n';
		free(s);
	}
	/* a '=' inside a quoted value is not an attribute */
	s = repeat("<ovf:Envelope xmlns:ovf='" NS_OVF "' v=\"", "=", 1000, "\"/>", &len);
	expect_refused(s, len, "no virtual system");
	free(s);
	/* depth */
	s = repeat("<ovf:Envelope xmlns:ovf='" NS_OVF "'>\n", "<a>", 64, "", &len);
	expect_refused(s, len, "b.ovf:2: <a> is nested 65 levels deep");
	free(s);
	/* lines counted through a comment with false ends ("--", "-->" split
	 * over lines) and a text over several lines */
	s = repeat("<ovf:Envelope xmlns:ovf='" NS_OVF "'>\n<!-- a -- b - -\n->\n-- >\n-->x\ny\n",
		   "<a>", 64, "", &len);
	expect_refused(s, len, "b.ovf:7: <a> is nested 65 levels deep");
	free(s);
	/* an empty comment, CDATA section or processing instruction ends
	 * where it ends: what follows it is still counted */
	static const char *const empty[] = {"<!---->", "<![CDATA[]]>", "<?a?>"};
	for (size_t k = 0; k < sizeof empty / sizeof *empty; k++) {
		char head[128];
		snprintf(head, sizeof head, "<ovf:Envelope xmlns:ovf='" NS_OVF "'>%s\n", empty[k]);
		s = repeat(head, "<a>", 64, "", &len);
		expect_refused(s, len, "b.ovf:2: <a> is nested 65 levels deep");
		free(s);
	}
	/* elements */
	s = repeat("<ovf:Envelope xmlns:ovf='" NS_OVF "'>\n", "<a/>\n", 100000, "</ovf:Envelope>", &len);
	expect_refused(s, len, "b.ovf:100001: more than 100000 elements");
	free(s);
	/* an end tag cut after its "</" at the very end is not one more element */
	s = repeat("<ovf:Envelope xmlns:ovf='" NS_OVF "'>\n", "<a/>\n", 99999, "</", &len);
	expect_refused(s, len, "b.ovf:100001: not well-formed XML: ");
	free(s);
	/* one text, comment or CDATA section over 1 MiB */
	s = repeat("<ovf:Envelope xmlns:ovf='" NS_OVF "'>\n<D>", "x", (1 << 20) + 1, "</D></ovf:Envelope>", &len);
	expect_refused(s, len, "b.ovf:2: a text longer than 1 MiB");
	free(s);
	s = repeat("<ovf:Envelope xmlns:ovf='" NS_OVF "'>\n\n<!--", "x", 1 << 20, "--></ovf:Envelope>", &len);
	expect_refused(s, len, "b.ovf:3: a comment longer than 1 MiB");
	free(s);
	s = repeat("<ovf:Envelope xmlns:ovf='" NS_OVF "'><D><![CDATA[", "x", 1 << 20, "]]></D></ovf:Envelope>", &len);
	expect_refused(s, len, "a CDATA section longer than 1 MiB");
	free(s);
	/* UTF-16 is read by code unit, in either byte order, with or without
	 * its byte order mark */
	s = repeat("<E", " a='1'", 300, "/>", &len);
	for (int v = 0; v < 4; v++) {
		bool be = v & 1, bom = v & 2;
		size_t off = bom ? 2 : 0;
		char *wide = calloc(len + 1, 2);
		assert_non_null(wide);
		if (bom)
			wide[0] = be ? (char)0xfe : (char)0xff, wide[1] = be ? (char)0xff : (char)0xfe;
		for (size_t i = 0; i < len; i++)
			wide[off + 2 * i + be] = s[i];
		expect_refused(wide, off + 2 * len, "<E> has more than 256 attributes");
		free(wide);
	}
	free(s);
}

/* Under 16 MiB and within the bounds, libxml2's own limits ("Huge input
 * lookup" for more than 10 MB read through an encoding) never refuse a file. */
static void big_within_bounds(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_err e = {0};
	char *ovf = engine_ovf(NS_OVF, "", "RHEL6", USB_ITEM("DISABLED"));
	char *body = strstr(ovf, "<ovf:Envelope");
	size_t len;
	char fill[1000100];
	memcpy(fill, "<!--", 4);
	memset(fill + 4, 'x', sizeof fill - 9);
	memcpy(fill + sizeof fill - 5, "-->\n", 5);
	char *head = malloc(strlen(body) + 64);
	assert_non_null(head);
	/* the comments go after the root's start tag */
	char *gt = strchr(body, '>');
	sprintf(head, "<?xml version='1.0' encoding='ISO-8859-1'?>\n%.*s\n", (int)(gt - body + 1), body);
	char *s = repeat(head, fill, 14, gt + 1, &len);
	assert_true(len > 14000000 && len < XMLIO_MAX_BYTES);
	int rc = ovf_read(s, len, "big.ovf", &o, NULL, &e);
	if (rc)
		fail_msg("%s", e.msg);
	assert_string_equal(o.name, "imp1");
	free(s);
	free(head);
	free(ovf);
}

/* ---- fitting into the target cluster ---- */

static void fit(void **state)
{
	(void)state;
	static const struct {
		enum sc_cver v;
		enum sc_os os;
		enum sc_display d;
		enum sc_usb usb;
		int mon;
		enum sc_usb want_usb;
		int want_mon;
		const char *note;
	} cases[] = {
		/* oVirt 3.0 wrote Enabled for Linux guests too */
		{SC_CVER_31, SC_OS_RHEL6X64, SC_DISPLAY_SPICE, SC_USB_LEGACY, 1, SC_USB_DISABLED, 1, "not available for Linux guests"},
		{SC_CVER_30, SC_OS_RHEL6X64, SC_DISPLAY_SPICE, SC_USB_LEGACY, 1, SC_USB_DISABLED, 1, "not available for Linux guests (it needs a Windows guest)"},
		{SC_CVER_30, SC_OS_WINDOWS7, SC_DISPLAY_SPICE, SC_USB_NATIVE, 1, SC_USB_DISABLED, 1, "native USB redirection needs cluster version 3.1"},
		{SC_CVER_31, SC_OS_WINDOWS7, SC_DISPLAY_VNC, SC_USB_NATIVE, 2, SC_USB_DISABLED, 1, "USB redirection needs the SPICE protocol"},
		{SC_CVER_30, SC_OS_WINDOWSXP, SC_DISPLAY_SPICE, SC_USB_LEGACY, 2, SC_USB_LEGACY, 2, NULL},
		{SC_CVER_32, SC_OS_RHEL6X64, SC_DISPLAY_SPICE, SC_USB_NATIVE, 3, SC_USB_NATIVE, 1, "ValidNumOfMonitors"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		sc_ctx_init(&ctx, &reg, cases[i].v);
		base(&o, SC_VM);
		strcpy(o.cluster, "c1");
		o.os = cases[i].os, o.display = cases[i].d, o.usb = cases[i].usb;
		o.monitors = cases[i].mon;
		if (ovf_fit(&o, &ctx, "f.ovf", &nt, &e))
			fail_msg("case %zu: %s", i, e.msg);
		assert_int_equal(o.usb, cases[i].want_usb);
		assert_int_equal(o.monitors, cases[i].want_mon);
		if (cases[i].note && !notes_have(&nt, cases[i].note))
			fail_msg("case %zu: no note with '%s'", i, cases[i].note);
		if (!cases[i].note)
			assert_int_equal(nt.n, 0);
		xmlio_notes_free(&nt);
	}
}

/* s with n copies of c, as a string for the cases below. */
static const char *fill(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

/* A value longer than its element can hold is refused naming the element
 * and its limit; the longest value that fits is read and judged as any. */
static void too_long_values(void **state)
{
	(void)state;
	char a[2048], b[2048];
	static const struct {
		const char *general, *item_rt; /* item_rt: an Item of that ResourceType */
		char c;
		size_t n;
		bool os;
		const char *want;
	} cases[] = {
		{NULL, "4", '1', 32, false, "in.ovf:9: <VirtualQuantity> is too long (at most 31 bytes)"},
		{NULL, "4", '1', 31, false, "in.ovf:9: invalid memory '1111111111111111111111111111111'"},
		{NULL, "20", '1', 32, false, "in.ovf:9: <VirtualQuantity> is too long (at most 31 bytes)"},
		{NULL, "20", '1', 31, false, "in.ovf:9: invalid monitors '1111111111111111111111111111111'"},
		{"ConsoleDisconnectAction", NULL, 'X', 32, false,
		 "in.ovf:5: <ConsoleDisconnectAction> is too long (at most 31 bytes)"},
		{"ConsoleDisconnectAction", NULL, 'X', 31, false,
		 "in.ovf:5: ConsoleDisconnectAction 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' is not valid; valid: "},
		{"IsSmartcardEnabled", NULL, 'x', 16, false,
		 "in.ovf:5: <IsSmartcardEnabled> is too long (at most 15 bytes)"},
		{"IsSmartcardEnabled", NULL, 'x', 15, false,
		 "in.ovf:5: <IsSmartcardEnabled> 'xxxxxxxxxxxxxxx' is not valid; valid: true, false"},
		{"Description", NULL, 'd', 1025, false,
		 "in.ovf:5: <Description> is longer than 1024 bytes"},
		{NULL, NULL, 'w', 64, true, "in.ovf:7: unknown OS (name too long); valid: "},
		{NULL, NULL, 'w', 63, true, "in.ovf:7: unknown OS 'www"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char general[2200] = "", items[2200] = "";
		const char *v = fill(a, cases[i].c, cases[i].n);
		if (cases[i].general)
			snprintf(general, sizeof general, "<%s>%s</%s>", cases[i].general, v,
				 cases[i].general);
		if (cases[i].item_rt)
			snprintf(items, sizeof items,
				 "<Item><rasd:ResourceType>%s</rasd:ResourceType>"
				 "<rasd:VirtualQuantity>%s</rasd:VirtualQuantity></Item>",
				 cases[i].item_rt, v);
		struct sc_object o;
		struct sc_err e = {0};
		char *s = engine_ovf(NS_OVF, general, cases[i].os ? v : "Other", items);
		assert_int_equal(read_str(s, &o, NULL, &e), SC_EUSAGE);
		if (strncmp(e.msg, cases[i].want, strlen(cases[i].want)) != 0)
			fail_msg("case %zu: '%.200s', want '%s'", i, e.msg, cases[i].want);
		free(s);
	}
	/* 1024 bytes of description are read */
	char general[2200];
	snprintf(general, sizeof general, "<Description>%s</Description>", fill(b, 'd', 1024));
	struct sc_object o;
	struct sc_err e = {0};
	char *s = engine_ovf(NS_OVF, general, "Other", "");
	assert_int_equal(read_str(s, &o, NULL, &e), SC_OK);
	assert_string_equal(o.description, b);
	free(s);
}

/* What the parser only warns about is no error; a file that ends inside a
 * comment, or in text after the root in UTF-16, is judged by the parser,
 * not taken for an endless piece. */
static void parser_edges(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_err e = {0};
	const char *warn = "<?xml version='1.5'?><ovf:Envelope xmlns:ovf='" NS_OVF "' "
			   "xmlns='not/absolute'><VirtualSystem><Name>w1</Name></VirtualSystem>"
			   "</ovf:Envelope>";
	assert_int_equal(read_str(warn, &o, NULL, &e), SC_OK);
	assert_string_equal(o.name, "w1");
	expect_refused("<ovf:Envelope><!--", 18, "b.ovf:1: not well-formed XML: ");
	e = (struct sc_err){0};
	assert_int_equal(ovf_read("<a><!--", 7, "b.ovf", &o, NULL, &e), SC_EUSAGE);
	assert_null(strstr(e.msg, "longer than"));
	const char *doc = "<E/>\n\n";
	size_t len = strlen(doc);
	char wide[32] = {(char)0xff, (char)0xfe};
	for (size_t i = 0; i < len; i++)
		wide[2 + 2 * i] = doc[i];
	expect_refused(wide, 2 + 2 * len, "b.ovf:1: root element is <E>; an OVF file has <ovf:Envelope>");
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	return config_load_optdefs(&reg, NULL, &err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),	    cmocka_unit_test(writer_layout),
		cmocka_unit_test(producers),	    cmocka_unit_test(virt_v2v_flavour),
		cmocka_unit_test(bad_input),	    cmocka_unit_test(bad_values),
		cmocka_unit_test(bad_names),	    cmocka_unit_test(too_big),
		cmocka_unit_test(fit),		    cmocka_unit_test(duplicates),
		cmocka_unit_test(too_long_values), cmocka_unit_test(parser_edges),
		cmocka_unit_test(bounds),	    cmocka_unit_test(big_within_bounds),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
