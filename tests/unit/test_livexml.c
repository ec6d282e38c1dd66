/* Live domains (SPEC §10) on real libvirt domain XML from libvirt's own test
 * suite: what pull maps; that merging console settings changes the console
 * part only (every other element kept byte for byte), is idempotent, reads
 * back as the settings it wrote, and changes nothing when the settings
 * already match; the USB controller rules; domain capabilities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "model/livexml.h"
#include "store/config.h"

static struct sc_optreg reg;

static const unsigned MASK = 1u << 1 | 1u << 2 | 1u << 4; /* ValidNumOfMonitors 1,2,4 */

static char *slurp(const char *name, size_t *len)
{
	const char *top = getenv("TOP");
	char path[4096];
	snprintf(path, sizeof path, "%s/../shared/libvirt-samples/%s.x86_64-latest.xml",
		 top ? top : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read the sample %s", path);
	static char buf[1 << 20];
	*len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	char *s = malloc(*len + 1);
	memcpy(s, buf, *len);
	s[*len] = '\0';
	return s;
}

static const char *const SAMPLES[] = {
	"channel-spicevmc",	      "graphics-spice-agent-file-xfer", "graphics-spice-no-args",
	"graphics-spice-timeout",     "graphics-spice-usb-redir",	 "graphics-spice",
	"graphics-vnc",		      "q35-virt-manager-basic",	 "smartcard-passthrough-spicevmc",
	"usb-redir-filter",	      "usb-redir",			 "video-qxl-heads",
	"video-qxl-sec-device",       "x86_64-pc-headless",		 "x86_64-q35-graphics",
};
#define NSAMPLES (sizeof SAMPLES / sizeof *SAMPLES)

static bool pull(const char *xml, size_t len, struct lx_domain *d, struct xmlio_notes *notes)
{
	struct sc_err e = {0};
	struct xmlio_notes own = {0};
	int rc = lx_pull(xml, len, "sample.xml", MASK, d, notes ? notes : &own, &e);
	xmlio_notes_free(&own);
	if (rc != SC_OK)
		fail_msg("pull: %s", e.msg);
	return d->has_console;
}

static bool has_note(const struct xmlio_notes *n, const char *text)
{
	for (int i = 0; i < n->n; i++)
		if (strstr(n->line[i], text))
			return true;
	return false;
}

/* ---- pull ---- */

static void pull_maps_every_sample(void **state)
{
	(void)state;
	static const struct {
		const char *file;
		bool console;
		enum sc_display display;
		int monitors;
		enum sc_usb usb;
		int slots;
		bool smartcard, copy_paste, file_transfer, vdagent;
		enum sc_os os;
		int memory, cpus;
		const char *filter;
	} want[] = {
		{"channel-spicevmc", 1, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, 0, 0, 1, 1, 1,
		 SC_OS_OTHER, 214, 1, ""},
		{"graphics-spice-agent-file-xfer", 1, SC_DISPLAY_SPICE, 2, SC_USB_DISABLED, 0, 0, 1,
		 0, 0, SC_OS_OTHER, 214, 1, ""},
		{"graphics-spice-no-args", 1, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, 0, 0, 1, 1, 0,
		 SC_OS_OTHER, 214, 1, ""},
		{"graphics-spice-timeout", 1, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, 0, 0, 1, 1, 0,
		 SC_OS_OTHER, 1024, 2, ""},
		{"graphics-spice-usb-redir", 1, SC_DISPLAY_SPICE, 1, SC_USB_NATIVE, 1, 0, 0, 1, 0,
		 SC_OS_OTHER, 214, 1, ""},
		{"graphics-spice", 1, SC_DISPLAY_SPICE, 2, SC_USB_DISABLED, 0, 0, 0, 0, 0,
		 SC_OS_OTHER, 214, 1, ""},
		{"graphics-vnc", 1, SC_DISPLAY_VNC, 1, SC_USB_DISABLED, 0, 0, 1, 1, 0, SC_OS_OTHER,
		 213, 1, ""},
		{"q35-virt-manager-basic", 1, SC_DISPLAY_SPICE, 1, SC_USB_NATIVE, 2, 0, 1, 1, 1,
		 SC_OS_OTHER, 4096, 2, ""},
		{"smartcard-passthrough-spicevmc", 1, SC_DISPLAY_SPICE, 1, SC_USB_DISABLED, 0, 1, 1,
		 1, 0, SC_OS_OTHER, 214, 1, ""},
		{"usb-redir-filter", 1, SC_DISPLAY_SPICE, 1, SC_USB_NATIVE, 2, 0, 1, 1, 0,
		 SC_OS_OTHER, 214, 1, "0x08,0x15e1,0x2007,0x0110,1|-1,-1,-1,-1,0"},
		{"usb-redir", 1, SC_DISPLAY_SPICE, 1, SC_USB_NATIVE, 1, 0, 1, 1, 0, SC_OS_OTHER,
		 214, 1, ""},
		{"video-qxl-heads", 0, 0, 0, 0, 0, 0, 0, 0, 0, SC_OS_OTHER, 214, 1, ""},
		{"video-qxl-sec-device", 0, 0, 0, 0, 0, 0, 0, 0, 0, SC_OS_OTHER, 1024, 1, ""},
		{"x86_64-pc-headless", 0, 0, 0, 0, 0, 0, 0, 0, 0, SC_OS_OTHERLINUX, 4096, 4, ""},
		{"x86_64-q35-graphics", 1, SC_DISPLAY_VNC, 1, SC_USB_DISABLED, 0, 0, 1, 1, 0,
		 SC_OS_OTHERLINUX, 4096, 4, ""},
	};
	assert_int_equal(sizeof want / sizeof *want, NSAMPLES);
	for (size_t i = 0; i < NSAMPLES; i++) {
		size_t len;
		char *xml = slurp(want[i].file, &len);
		struct lx_domain d;
		struct xmlio_notes notes = {0};
		pull(xml, len, &d, &notes);
		const char *f = want[i].file;
		if (d.has_console != want[i].console)
			fail_msg("%s: console %d", f, d.has_console);
		assert_true(d.name[0] && strlen(d.uuid) == 36);
		if (d.os != want[i].os || d.memory != want[i].memory || d.cpus != want[i].cpus)
			fail_msg("%s: os %s memory %d cpus %d", f, sc_os_name(d.os), d.memory, d.cpus);
		if (!want[i].console) {
			assert_true(has_note(&notes, "skipped: no graphics device"));
		} else {
			const struct dx_console *c = &d.con;
			if (c->display != want[i].display || c->monitors != want[i].monitors ||
			    c->usb != want[i].usb || c->usb_slots != want[i].slots ||
			    c->smartcard != want[i].smartcard ||
			    c->copy_paste != want[i].copy_paste ||
			    c->file_transfer != want[i].file_transfer ||
			    c->vdagent != want[i].vdagent || c->wan ||
			    strcmp(c->usb_filter, want[i].filter) != 0)
				fail_msg("%s: display %d monitors %d usb %d/%d smartcard %d copy %d "
					 "ft %d agent %d wan %d filter '%s'",
					 f, c->display, c->monitors, c->usb, c->usb_slots,
					 c->smartcard, c->copy_paste, c->file_transfer, c->vdagent,
					 c->wan, c->usb_filter);
		}
		xmlio_notes_free(&notes);
		free(xml);
	}
}

static char *domain(const char *os_id, const char *devices);

static void pull_notes(void **state)
{
	(void)state;
	size_t len;
	struct lx_domain d;
	struct xmlio_notes n = {0};
	char *xml = slurp("graphics-vnc", &len);
	pull(xml, len, &d, &n);
	assert_true(has_note(&n, "memory: 219100 KiB -> 213 MiB (rounded down)"));
	assert_true(has_note(&n, "display: vnc"));
	assert_true(has_note(&n, "smartcard: off"));
	xmlio_notes_free(&n);
	free(xml);
	xml = slurp("smartcard-passthrough-spicevmc", &len);
	pull(xml, len, &d, &n);
	assert_true(d.con.smartcard);
	assert_true(has_note(&n, "smartcard: on"));
	xmlio_notes_free(&n);
	free(xml);
	xml = slurp("usb-redir", &len);
	pull(xml, len, &d, &n);
	assert_true(has_note(&n, "ignored: 1 redirdev(s) not of type spicevmc"));
	assert_true(has_note(&n, "usb: native (1 spicevmc"));
	xmlio_notes_free(&n);
	free(xml);
	xml = slurp("x86_64-q35-graphics", &len);
	pull(xml, len, &d, &n);
	assert_true(has_note(&n, "os: http://fedoraproject.org/fedora/29 -> OtherLinux"));
	xmlio_notes_free(&n);
	free(xml);
	/* the WAN set is named when the graphics carry all of it, and only then
	 * (graphics-spice tunes its own compression) */
	static const char *const wan = "    <graphics type='spice'>\n"
		"      <image compression='auto_glz'/>\n      <jpeg compression='always'/>\n"
		"      <zlib compression='always'/>\n      <playback compression='on'/>\n"
		"      <streaming mode='filter'/>\n    </graphics>\n";
	xml = domain(NULL, wan);
	pull(xml, strlen(xml), &d, &n);
	assert_true(d.con.wan);
	assert_true(has_note(&n, "wan: on (the graphics carry the WAN compression set)"));
	xmlio_notes_free(&n);
	xml = slurp("graphics-spice", &len);
	pull(xml, len, &d, &n);
	assert_false(d.con.wan);
	assert_false(has_note(&n, "wan:"));
	xmlio_notes_free(&n);
	free(xml);
}

static char *domain(const char *os_id, const char *devices)
{
	static char buf[4096];
	snprintf(buf, sizeof buf,
		 "<domain type='kvm'>\n  <name>d1</name>\n"
		 "  <uuid>0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d</uuid>\n%s%s%s"
		 "  <memory unit='KiB'>1048576</memory>\n  <vcpu>2</vcpu>\n"
		 "  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n  </os>\n"
		 "  <devices>\n%s  </devices>\n</domain>\n",
		 os_id ? "  <metadata>\n    <libosinfo:libosinfo xmlns:libosinfo="
			 "'http://libosinfo.org/xmlns/libvirt/domain/1.0'>\n"
			 "      <libosinfo:os id='"
		       : "",
		 os_id ? os_id : "", os_id ? "'/>\n    </libosinfo:libosinfo>\n  </metadata>\n" : "",
		 devices);
	return buf;
}

static void pull_monitors_and_os(void **state)
{
	(void)state;
	static const char *const QXL = "    <video>\n      <model type='qxl'/>\n    </video>\n";
	char dev[2048];
	snprintf(dev, sizeof dev, "    <graphics type='spice'/>\n%s%s%s", QXL, QXL, QXL);
	struct lx_domain d;
	struct xmlio_notes n = {0};
	char *x = domain(NULL, dev);
	pull(x, strlen(x), &d, &n);
	assert_int_equal(d.con.monitors, 2); /* 3 is not valid: fitted down */
	assert_true(has_note(&n, "monitors: the video devices show 3; 2"));
	xmlio_notes_free(&n);

	x = domain(NULL, "    <graphics type='spice'/>\n    <video>\n"
			 "      <model type='qxl' heads='4'/>\n    </video>\n");
	pull(x, strlen(x), &d, NULL);
	assert_int_equal(d.con.monitors, 4);
	assert_true(d.con.single_pci);

	static const struct {
		const char *id;
		enum sc_os os;
	} oses[] = {
		{"http://redhat.com/rhel/6.5", SC_OS_RHEL6X64},
		{"http://redhat.com/rhel/9.2", SC_OS_OTHERLINUX},
		{"http://microsoft.com/win/7", SC_OS_WINDOWS7X64},
		{"http://microsoft.com/win/xp", SC_OS_WINDOWSXP},
		{"http://microsoft.com/win/2k8r2", SC_OS_WINDOWS2008R2X64},
		{"http://microsoft.com/win/2k19", SC_OS_WINDOWS2008R2X64},
		/* "2k" stands for "20" and no more: the releases the list has */
		{"http://microsoft.com/win/2k3", SC_OS_WINDOWS2003X64},
		{"http://microsoft.com/win/2k8", SC_OS_WINDOWS2008X64},
		{"http://microsoft.com/win/10", SC_OS_WINDOWS7X64},
		{"http://debian.org/debian/12", SC_OS_OTHERLINUX},
		{"http://example.com/unheard-of/1", SC_OS_OTHER},
		/* the path starts right after "://", an empty host too */
		{"http:///rhel/6.5", SC_OS_RHEL6X64},
		{"http://", SC_OS_OTHER},
		/* only "2k" stands for "20": this one is no server, the nearest Windows */
		{"http://microsoft.com/win/2a2008r2", SC_OS_WINDOWS7X64},
	};
	for (size_t i = 0; i < sizeof oses / sizeof *oses; i++) {
		x = domain(oses[i].id, "    <graphics type='vnc'/>\n");
		pull(x, strlen(x), &d, NULL);
		if (d.os != oses[i].os)
			fail_msg("%s -> %s", oses[i].id, sc_os_name(d.os));
	}
	assert_int_equal(d.memory, 1024);
	assert_int_equal(d.cpus, 2);
}

/* The text of the first note that contains key, from key on. */
static const char *note_of(const struct xmlio_notes *n, const char *key)
{
	for (int i = 0; i < n->n; i++) {
		const char *p = strstr(n->line[i], key);
		if (p)
			return p;
	}
	return "(none)";
}

/* Memory in every unit libvirt writes, to the KiB, then rounded down to
 * MiB; a value past the range (or in no unit known) falls back to 1024
 * MiB, one past INT_MAX MiB is cut to it; vcpus 1..65535, else 1. */
static void pull_memory_and_cpus(void **state)
{
	(void)state;
	static const struct {
		const char *memory, *vcpu, *note, *cpus;
	} cases[] = {
		{"<memory>2097152</memory>", "<vcpu>65535</vcpu>", "memory: 2048 MiB", "cpus: 65535"},
		{"<memory unit='b'>1073743872</memory>", "<vcpu>65536</vcpu>",
		 "memory: 1048578 KiB -> 1024 MiB (rounded down)", "cpus: 1"},
		{"<memory unit='bytes'>2147485696</memory>", "<vcpu>0</vcpu>",
		 "memory: 2097154 KiB -> 2048 MiB (rounded down)", "cpus: 1"},
		{"<memory unit='KB'>1000</memory>", "<vcpu>1</vcpu>",
		 "memory: 976 KiB -> 0 MiB (rounded down)", "cpus: 1"},
		{"<memory unit='k'>3145729</memory>", "",
		 "memory: 3145729 KiB -> 3072 MiB (rounded down)", "cpus: 1"},
		{"<memory unit='KiB'>4194305</memory>", "<vcpu>-3</vcpu>",
		 "memory: 4194305 KiB -> 4096 MiB (rounded down)", "cpus: 1"},
		{"<memory unit='MB'>1000</memory>", "<vcpu>4</vcpu>",
		 "memory: 976562 KiB -> 953 MiB (rounded down)", "cpus: 4"},
		{"<memory unit='M'>512</memory>", "<vcpu>2</vcpu>", "memory: 512 MiB", "cpus: 2"},
		{"<memory unit='MiB'>768</memory>", "", "memory: 768 MiB", "cpus: 1"},
		{"<memory unit='GB'>2</memory>", "", "memory: 1953125 KiB -> 1907 MiB (rounded down)",
		 "cpus: 1"},
		{"<memory unit='GB'>1024</memory>", "",
		 "memory: 1000000000 KiB -> 976562 MiB (rounded down)", "cpus: 1"},
		{"<memory>0</memory>", "", "memory: 0 MiB", "cpus: 1"},
		{"<memory unit='G'>3</memory>", "", "memory: 3072 MiB", "cpus: 1"},
		{"<memory unit='GiB'>5</memory>", "", "memory: 5120 MiB", "cpus: 1"},
		{"<memory unit='TiB'>1</memory>", "", "memory: 1024 MiB", "cpus: 1"},
		{"<memory>9223372036854775807</memory>", "",
		 "memory: 9223372036854775807 KiB -> 2147483647 MiB (rounded down)", "cpus: 1"},
		{"<memory unit='GiB'>8796093022207</memory>", "", "memory: 2147483647 MiB", "cpus: 1"},
		{"<memory unit='GiB'>8796093022208</memory>", "", "memory: 1024 MiB", "cpus: 1"},
		{"<memory>2199023255552</memory>", "", "memory: 2147483647 MiB", "cpus: 1"},
		{"<memory>2199022592000</memory>", "", "memory: 2147483000 MiB", "cpus: 1"},
		{"<memory>1025</memory>", "", "memory: 1025 KiB -> 1 MiB (rounded down)", "cpus: 1"},
		{"<memory>1024</memory>", "", "memory: 1 MiB", "cpus: 1"},
		{"<memory>1023</memory>", "", "memory: 1023 KiB -> 0 MiB (rounded down)", "cpus: 1"},
		{"<memory>-1</memory>", "", "memory: 1024 MiB", "cpus: 1"},
		{"<memory>12x</memory>", "", "memory: 1024 MiB", "cpus: 1"},
		{"<memory></memory>", "", "memory: 1024 MiB", "cpus: 1"},
		{"", "", "memory: 1024 MiB", "cpus: 1"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char x[1024];
		struct lx_domain d;
		struct xmlio_notes n = {0};
		snprintf(x, sizeof x,
			 "<domain type='kvm'><name>m</name>%s%s<devices><graphics type='vnc'/>"
			 "</devices></domain>",
			 cases[i].memory, cases[i].vcpu);
		pull(x, strlen(x), &d, &n);
		if (strcmp(note_of(&n, "memory: "), cases[i].note) != 0 ||
		    strcmp(note_of(&n, "cpus: "), cases[i].cpus) != 0)
			fail_msg("%s %s: '%s' '%s'", cases[i].memory, cases[i].vcpu,
				 note_of(&n, "memory: "), note_of(&n, "cpus: "));
		int mib = 0, cpus = 0;
		sscanf(strstr(cases[i].note, "-> ") ? strstr(cases[i].note, "-> ") + 3
						     : cases[i].note + 8,
		       "%d", &mib);
		sscanf(cases[i].cpus + 6, "%d", &cpus);
		assert_int_equal(d.memory, mib);
		assert_int_equal(d.cpus, cpus);
		xmlio_notes_free(&n);
	}
}

/* ---- merge ---- */

static bool console_el(const xmlNode *n)
{
	char *type = (char *)xmlGetProp(n, (const xmlChar *)"type");
	bool c = false;
	const char *name = (const char *)n->name;
	if (strcmp(name, "graphics") == 0)
		c = type && (strcmp(type, "spice") == 0 || strcmp(type, "vnc") == 0);
	else if (strcmp(name, "video") == 0 || strcmp(name, "redirfilter") == 0)
		c = true;
	else if (strcmp(name, "redirdev") == 0 || strcmp(name, "smartcard") == 0 ||
		 strcmp(name, "channel") == 0)
		c = type && strcmp(type, "spicevmc") == 0;
	xmlFree(type);
	return c;
}

static int dumps(xmlNode *parent, bool skip_console, char **out, int max)
{
	int n = 0;
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || (skip_console && console_el(c)))
			continue;
		xmlBufferPtr b = xmlBufferCreate();
		xmlNodeDump(b, c->doc, c, 2, 0);
		assert_true(n < max);
		out[n++] = strdup((const char *)xmlBufferContent(b));
		xmlBufferFree(b);
	}
	return n;
}

static void free_dumps(char **d, int n)
{
	for (int i = 0; i < n; i++)
		free(d[i]);
}

static xmlNode *child(xmlNode *p, const char *name)
{
	for (xmlNode *c = p->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* Every element outside the console part is in the merged domain as it
 * was, in its order; the merge may only have added the ich9 controller set
 * and replaced USB controllers nothing used (allowed says whether). */
static void assert_rest_kept(const char *what, const char *a, size_t alen, const char *b,
			     size_t blen, bool controllers_may_go)
{
	xmlDocPtr da = xmlReadMemory(a, (int)alen, NULL, NULL, XML_PARSE_NONET);
	xmlDocPtr db = xmlReadMemory(b, (int)blen, NULL, NULL, XML_PARSE_NONET);
	assert_non_null(da);
	assert_non_null(db);
	xmlNode *ra = xmlDocGetRootElement(da), *rb = xmlDocGetRootElement(db);
	char *ta[64], *tb[64];
	int na = dumps(ra, false, ta, 64), nb = dumps(rb, false, tb, 64);
	assert_int_equal(na, nb);
	for (int i = 0; i < na; i++)
		if (strncmp(ta[i], "<devices", 8) != 0 && strcmp(ta[i], tb[i]) != 0)
			fail_msg("%s: top-level element changed:\n%s\nbecame\n%s", what, ta[i], tb[i]);
	free_dumps(ta, na);
	free_dumps(tb, nb);
	char *ea[128], *eb[128];
	na = dumps(child(ra, "devices"), true, ea, 128);
	nb = dumps(child(rb, "devices"), true, eb, 128);
	int i = 0;
	for (int j = 0; j < nb; j++) {
		while (i < na && strcmp(ea[i], eb[j]) != 0 && controllers_may_go &&
		       strstr(ea[i], "<controller type=\"usb\""))
			i++;
		if (i < na && strcmp(ea[i], eb[j]) == 0) {
			i++;
			continue;
		}
		if (!(strstr(eb[j], "<controller type=\"usb\"") && strstr(eb[j], "model=\"ich9-")))
			fail_msg("%s: device added or changed outside the console part:\n%s", what,
				 eb[j]);
	}
	while (i < na && controllers_may_go && strstr(ea[i], "<controller type=\"usb\""))
		i++;
	if (i < na)
		fail_msg("%s: device lost:\n%s", what, ea[i]);
	free_dumps(ea, na);
	free_dumps(eb, nb);
	xmlFreeDoc(da);
	xmlFreeDoc(db);
}

static char *merge(const char *xml, size_t len, const struct dx_console *c, bool *changed,
		   size_t *out_len)
{
	struct sc_err e = {0};
	char *m = lx_merge(xml, len, "sample.xml", c, changed, out_len, &e);
	if (!m)
		fail_msg("merge: %s", e.msg);
	return m;
}

/* Settings variants applied to what pull read. */
static bool variant(int v, struct dx_console *c)
{
	bool spice = c->display == SC_DISPLAY_SPICE;
	switch (v) {
	case 0: return true;
	case 1:
		c->display = spice ? SC_DISPLAY_VNC : SC_DISPLAY_SPICE;
		if (spice)
			*c = (struct dx_console){.display = SC_DISPLAY_VNC, .monitors = 1,
						 .copy_paste = true, .file_transfer = true};
		return true;
	case 2: c->monitors = 4; c->single_pci = false; return spice;
	case 3: c->monitors = 2; c->single_pci = true; return spice;
	case 4: c->usb = SC_USB_NATIVE; c->usb_slots = 4; return spice;
	case 5: c->usb = SC_USB_DISABLED; c->usb_slots = 0; return spice;
	case 6: c->smartcard = !c->smartcard; return spice;
	case 7: c->copy_paste = !c->copy_paste; c->file_transfer = !c->file_transfer; return spice;
	case 8: c->wan = true; return spice;
	case 9: c->vdagent = true; return spice;
	case 10:
		c->usb = SC_USB_NATIVE;
		c->usb_slots = 2;
		strcpy(c->usb_filter, "0x03,-1,-1,-1,0|-1,-1,-1,-1,1");
		return spice;
	case 11:
		*c = (struct dx_console){SC_DISPLAY_SPICE, 4, false, SC_USB_NATIVE, 6, "", true,
					 false, false, true, true};
		return true;
	}
	return false;
}
#define NVARIANTS 12

static void same_console(const char *what, const struct dx_console *want,
			 const struct dx_console *got)
{
	bool spice = want->display == SC_DISPLAY_SPICE;
	bool ok = got->display == want->display && got->monitors == want->monitors &&
		  got->usb == want->usb && (want->usb != SC_USB_NATIVE || got->usb_slots == want->usb_slots) &&
		  got->smartcard == want->smartcard && got->wan == want->wan &&
		  (!want->vdagent || got->vdagent) &&
		  (!spice || (got->copy_paste == want->copy_paste &&
			      got->file_transfer == want->file_transfer)) &&
		  (want->monitors < 2 || got->single_pci == want->single_pci) &&
		  (want->usb != SC_USB_NATIVE || !want->usb_filter[0] || strcmp(got->usb_filter, want->usb_filter) == 0);
	if (!ok)
		fail_msg("%s: read back display %d monitors %d/%d usb %d/%d smartcard %d copy %d "
			 "ft %d wan %d agent %d filter '%s'",
			 what, got->display, got->monitors, got->single_pci, got->usb,
			 got->usb_slots, got->smartcard, got->copy_paste, got->file_transfer,
			 got->wan, got->vdagent, got->usb_filter);
}

static void merge_every_sample(void **state)
{
	(void)state;
	int merged = 0;
	for (size_t s = 0; s < NSAMPLES; s++) {
		size_t len;
		char *xml = slurp(SAMPLES[s], &len);
		struct lx_domain d;
		if (!pull(xml, len, &d, NULL)) {
			free(xml);
			continue;
		}
		for (int v = 0; v < NVARIANTS; v++) {
			struct dx_console c = d.con;
			if (!variant(v, &c))
				continue;
			char what[128];
			snprintf(what, sizeof what, "%s, variant %d", SAMPLES[s], v);
			bool changed, again;
			size_t mlen, m2len;
			char *m = merge(xml, len, &c, &changed, &mlen);
			assert_rest_kept(what, xml, len, m, mlen, true);
			char *m2 = merge(m, mlen, &c, &again, &m2len);
			if (again || m2len != mlen || memcmp(m, m2, mlen) != 0)
				fail_msg("%s: merging twice differs from once:\n%s", what, m2);
			struct lx_domain back;
			assert_true(pull(m, mlen, &back, NULL));
			same_console(what, &c, &back.con);
			if (v == 0) {
				/* settings that match: nothing changes, not a byte */
				size_t nlen;
				char *norm = lx_normalize(xml, len, "sample.xml", &nlen, NULL);
				assert_false(changed);
				assert_true(nlen == mlen && memcmp(norm, m, mlen) == 0);
				/* libvirt's own text comes back as it was, save the
				 * quotes of metadata another program wrote */
				if (!strstr(xml, "xmlns:libosinfo=\""))
					assert_true(mlen == len && memcmp(m, xml, len) == 0);
				free(norm);
			}
			merged++;
			free(m);
			free(m2);
		}
		free(xml);
	}
	assert_true(merged > 100);
}

static char *merge_sample(const char *name, void (*edit)(struct dx_console *), bool *changed)
{
	size_t len, mlen;
	char *xml = slurp(name, &len);
	struct lx_domain d;
	pull(xml, len, &d, NULL);
	edit(&d.con);
	char *m = merge(xml, len, &d.con, changed, &mlen);
	free(xml);
	return m;
}

static void to_vnc(struct dx_console *c)
{
	c->display = SC_DISPLAY_VNC;
	c->monitors = 1;
	c->usb = SC_USB_DISABLED;
	c->smartcard = false;
}

static void to_native4(struct dx_console *c)
{
	c->display = SC_DISPLAY_SPICE;
	c->usb = SC_USB_NATIVE;
	c->usb_slots = 4;
}

static void to_disabled(struct dx_console *c)
{
	c->usb = SC_USB_DISABLED;
}

static void wan_off(struct dx_console *c)
{
	c->wan = false;
}

static int occurrences(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p++)
		n++;
	return n;
}

static void graphics_access_kept(void **state)
{
	(void)state;
	bool ch;
	char *m = merge_sample("graphics-spice", to_vnc, &ch);
	assert_true(ch);
	assert_non_null(strstr(m, "<graphics type='vnc' autoport='no' port='5903' "
				  "listen='127.0.0.1'>"));
	assert_non_null(strstr(m, "<listen type='address' address='127.0.0.1'/>"));
	assert_null(strstr(m, "tlsPort"));
	assert_null(strstr(m, "type='qxl'")); /* one cirrus for VNC */
	free(m);
	m = merge_sample("graphics-spice-timeout", to_vnc, &ch);
	assert_non_null(strstr(m, "passwd='sercet'"));
	assert_non_null(strstr(m, "passwdValidTo='2011-05-31T16:11:22'"));
	assert_null(strstr(m, "connected=")); /* SPICE's values, not VNC's */
	free(m);
	/* the domain's own compression tuning is not the WAN set: kept */
	m = merge_sample("graphics-spice", wan_off, &ch);
	assert_false(ch);
	assert_non_null(strstr(m, "<jpeg compression='auto'/>"));
	free(m);
}

static void usb_controller_rules(void **state)
{
	(void)state;
	bool ch;
	/* nec-xhci carries the redirdevs: kept, no ich9 set */
	char *m = merge_sample("q35-virt-manager-basic", to_native4, &ch);
	assert_int_equal(occurrences(m, "model='nec-xhci'"), 1);
	assert_null(strstr(m, "ich9-ehci1"));
	assert_int_equal(occurrences(m, "type='spicevmc'/>"), 2); /* the two new ones */
	assert_int_equal(occurrences(m, "<redirdev bus='usb' type='spicevmc'"), 4);
	free(m);
	m = merge_sample("x86_64-q35-graphics", to_native4, &ch);
	assert_int_equal(occurrences(m, "model='qemu-xhci'"), 1);
	assert_null(strstr(m, "ich9-ehci1"));
	free(m);
	/* piix3-uhci that the tablet uses stays; the ich9 set goes beside it */
	m = merge_sample("graphics-spice-timeout", to_native4, &ch);
	assert_non_null(strstr(m, "model='piix3-uhci'"));
	assert_non_null(strstr(m, "<controller type='usb' index='1' model='ich9-ehci1'/>"));
	assert_int_equal(occurrences(m, "index='1' model='ich9-uhci"), 3);
	free(m);
	/* an idle piix3-uhci gives way to the ich9 set at index 0 */
	m = merge_sample("graphics-spice", to_native4, &ch);
	assert_null(strstr(m, "piix3-uhci"));
	assert_non_null(strstr(m, "<controller type='usb' index='0' model='ich9-ehci1'/>"));
	free(m);
	/* model='none' is replaced */
	char *x = domain(NULL, "    <controller type='usb' index='0' model='none'/>\n"
			       "    <graphics type='spice'/>\n");
	struct dx_console c = {SC_DISPLAY_SPICE, 1, false, SC_USB_NATIVE, 2, "", false,
			       true, true, false, false};
	size_t mlen;
	m = merge(x, strlen(x), &c, &ch, &mlen);
	assert_null(strstr(m, "model='none'"));
	assert_non_null(strstr(m, "index='0' model='ich9-ehci1'"));
	free(m);
	/* disabled: spicevmc redirdevs go, tcp stays, controllers stay */
	m = merge_sample("usb-redir", to_disabled, &ch);
	assert_true(ch);
	assert_null(strstr(m, "type='spicevmc'"));
	assert_non_null(strstr(m, "<redirdev bus='usb' type='tcp'>"));
	assert_int_equal(occurrences(m, "model='ich9-"), 4);
	free(m);
	/* a filter with no redirdev left goes with them */
	m = merge_sample("usb-redir-filter", to_disabled, &ch);
	assert_null(strstr(m, "redirfilter"));
	free(m);
}

static void filter_and_wan(void **state)
{
	(void)state;
	size_t len, mlen, m2len;
	char *xml = slurp("usb-redir-filter", &len);
	struct lx_domain d;
	pull(xml, len, &d, NULL);
	strcpy(d.con.usb_filter, "-1,-1,-1,-1,1");
	bool ch;
	char *m = merge(xml, len, &d.con, &ch, &mlen);
	assert_true(ch);
	assert_non_null(strstr(m, "<redirfilter>\n      <usbdev allow='yes'/>\n    </redirfilter>"));
	assert_int_equal(occurrences(m, "<usbdev"), 1);
	d.con.wan = true;
	char *m2 = merge(m, mlen, &d.con, &ch, &m2len);
	assert_non_null(strstr(m2, "<image compression='auto_glz'/>"));
	assert_non_null(strstr(m2, "<streaming mode='filter'/>"));
	d.con.wan = false;
	free(m);
	m = merge(m2, m2len, &d.con, &ch, &mlen);
	assert_true(ch);
	assert_null(strstr(m, "compression"));
	assert_non_null(strstr(m, "<graphics type='spice'>\n      <listen type='none'/>\n    </graphics>"));
	free(m);
	free(m2);

	struct sc_err e = {0};
	strcpy(d.con.usb_filter, "1,2,three,4,1");
	assert_null(lx_merge(xml, len, "x.xml", &d.con, &ch, &mlen, &e));
	assert_int_equal(e.status, SC_EUSAGE);
	assert_non_null(strstr(e.msg, "UsbFilter rule '1,2,three,4,1'"));
	free(xml);

	e = (struct sc_err){0};
	assert_null(lx_merge("<vm/>", 5, "x.xml", &d.con, &ch, &mlen, &e));
	assert_string_equal(e.msg, "x.xml:1: not a libvirt domain (the root is <vm>)");
	e = (struct sc_err){0};
	struct xmlio_notes n = {0};
	assert_int_equal(lx_pull("<domain>", 8, "y.xml", MASK, &d, &n, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "y.xml:1: not well-formed XML"));
}

/* What a merge does to the video devices of one monitor and where it puts
 * what it adds among elements it does not know. */
static char *merge_devices(const char *devices, enum sc_display display, enum sc_usb usb)
{
	char *x = domain(NULL, devices);
	struct dx_console c = {.display = display, .monitors = 1, .usb = usb,
			       .usb_slots = usb == SC_USB_NATIVE ? 2 : 0,
			       .copy_paste = true, .file_transfer = true};
	bool ch;
	size_t len;
	return merge(x, strlen(x), &c, &ch, &len);
}

static void one_monitor_video_and_order(void **state)
{
	(void)state;
	/* VNC to SPICE: a single qxl device already shows the monitor and
	 * stays as it was; a cirrus does not and becomes a qxl */
	char *m = merge_devices("    <graphics type='vnc'/>\n    <video>\n"
				"      <model type='qxl' vram='32768'/>\n    </video>\n",
				SC_DISPLAY_SPICE, SC_USB_DISABLED);
	assert_non_null(strstr(m, "<graphics type='spice'"));
	assert_int_equal(occurrences(m, "<video>"), 1);
	assert_non_null(strstr(m, "<model type='qxl' vram='32768'/>"));
	free(m);
	m = merge_devices("    <graphics type='vnc'/>\n    <video>\n"
			  "      <model type='cirrus'/>\n    </video>\n",
			  SC_DISPLAY_SPICE, SC_USB_DISABLED);
	assert_int_equal(occurrences(m, "<video>"), 1);
	assert_null(strstr(m, "cirrus"));
	assert_non_null(strstr(m, "<model type='qxl' ram='65536' vram='32768' vgamem='16384' heads='1'/>"));
	free(m);
	/* SPICE staying SPICE keeps the domain's own single device */
	m = merge_devices("    <graphics type='spice'/>\n    <video>\n"
			  "      <model type='cirrus'/>\n    </video>\n",
			  SC_DISPLAY_SPICE, SC_USB_DISABLED);
	assert_non_null(strstr(m, "<model type='cirrus'/>"));
	free(m);
	/* a second device is one too many for one monitor */
	m = merge_devices("    <graphics type='spice'/>\n    <video>\n"
			  "      <model type='qxl'/>\n    </video>\n    <video>\n"
			  "      <model type='cirrus'/>\n    </video>\n",
			  SC_DISPLAY_SPICE, SC_USB_DISABLED);
	assert_int_equal(occurrences(m, "<video>"), 1);
	assert_null(strstr(m, "cirrus"));
	free(m);
	/* an element libvirt writes after the balloon but spicecfg does not
	 * know stays last: the redirdevs go after the video, before the balloon */
	m = merge_devices("    <graphics type='spice'/>\n    <video>\n"
			  "      <model type='qxl'/>\n    </video>\n"
			  "    <memballoon model='virtio'/>\n    <crypto model='virtio' type='qemu'/>\n",
			  SC_DISPLAY_SPICE, SC_USB_NATIVE);
	assert_int_equal(occurrences(m, "<redirdev bus='usb' type='spicevmc'/>"), 2);
	const char *video = strstr(m, "</video>"), *redir = strstr(m, "<redirdev"),
		   *balloon = strstr(m, "<memballoon"), *crypto = strstr(m, "<crypto");
	assert_true(video && redir && balloon && crypto);
	assert_true(video < redir && redir < balloon && balloon < crypto);
	assert_non_null(strstr(m, "<crypto model='virtio' type='qemu'/>\n  </devices>"));
	free(m);
	/* no USB controller listed and a tablet on bus 0: the ich9 set is
	 * controller 0, the one the tablet sits on */
	m = merge_devices("    <input type='tablet' bus='usb'/>\n    <graphics type='spice'/>\n"
			  "    <video>\n      <model type='qxl'/>\n    </video>\n",
			  SC_DISPLAY_SPICE, SC_USB_NATIVE);
	assert_non_null(strstr(m, "<controller type='usb' index='0' model='ich9-ehci1'/>"));
	assert_int_equal(occurrences(m, "index='0' model='ich9-uhci"), 3);
	assert_int_equal(occurrences(m, "<controller type='usb'"), 4);
	assert_non_null(strstr(m, "<input type='tablet' bus='usb'/>"));
	free(m);
}

/* Elements put into a domain sit at their depth, two spaces a level, and
 * an element that had no children gets its closing tag back at its own. */
static void inserted_elements_indented(void **state)
{
	(void)state;
	char *x = domain(NULL, "    <graphics type='spice'/>\n    <video>\n"
			       "      <model type='qxl'/>\n    </video>\n");
	struct dx_console c = {.display = SC_DISPLAY_SPICE, .monitors = 1, .usb = SC_USB_NATIVE,
			       .usb_slots = 2, .copy_paste = true, .file_transfer = true, .wan = true};
	bool ch;
	size_t len;
	char *m = merge(x, strlen(x), &c, &ch, &len);
	const char *want = "  <devices>\n"
			   "    <controller type='usb' index='0' model='ich9-ehci1'/>\n"
			   "    <controller type='usb' index='0' model='ich9-uhci1'>\n"
			   "      <master startport='0'/>\n"
			   "    </controller>\n"
			   "    <controller type='usb' index='0' model='ich9-uhci2'>\n"
			   "      <master startport='2'/>\n"
			   "    </controller>\n"
			   "    <controller type='usb' index='0' model='ich9-uhci3'>\n"
			   "      <master startport='4'/>\n"
			   "    </controller>\n"
			   "    <graphics type='spice'>\n"
			   "      <image compression='auto_glz'/>\n"
			   "      <jpeg compression='always'/>\n"
			   "      <zlib compression='always'/>\n"
			   "      <playback compression='on'/>\n"
			   "      <streaming mode='filter'/>\n"
			   "    </graphics>\n"
			   "    <video>\n"
			   "      <model type='qxl'/>\n"
			   "    </video>\n"
			   "    <redirdev bus='usb' type='spicevmc'/>\n"
			   "    <redirdev bus='usb' type='spicevmc'/>\n"
			   "  </devices>\n</domain>\n";
	const char *at = strstr(m, "  <devices>");
	assert_non_null(at);
	assert_string_equal(at, want);
	free(m);
}

static void vnc_drops_spice_only_devices(void **state)
{
	(void)state;
	bool ch;
	char *m = merge_sample("channel-spicevmc", to_vnc, &ch);
	assert_null(strstr(m, "com.redhat.spice.0"));
	assert_null(strstr(m, "type='spicevmc'"));
	free(m);
	m = merge_sample("smartcard-passthrough-spicevmc", to_vnc, &ch);
	assert_null(strstr(m, "<smartcard"));
	assert_non_null(strstr(m, "<controller type='ccid'")); /* not ours to remove */
	free(m);
}

/* ---- capabilities ---- */

static const char *const DOMCAPS =
	"<domainCapabilities>\n  <path>/usr/bin/qemu-system-x86_64</path>\n"
	"  <domain>kvm</domain>\n  <machine>pc-i440fx-7.2</machine>\n  <arch>x86_64</arch>\n"
	"  <devices>\n"
	"    <graphics supported='yes'>\n      <enum name='type'>\n"
	"        <value>sdl</value>\n        <value>vnc</value>\n        <value>spice</value>\n"
	"        <value>egl-headless</value>\n        <value>dbus</value>\n"
	"      </enum>\n    </graphics>\n"
	"    <video supported='yes'>\n      <enum name='modelType'>\n"
	"        <value>vga</value>\n        <value>cirrus</value>\n        <value>qxl</value>\n"
	"        <value>virtio</value>\n      </enum>\n    </video>\n"
	"    <redirdev supported='yes'>\n      <enum name='bus'>\n        <value>usb</value>\n"
	"      </enum>\n    </redirdev>\n"
	"    <channel supported='yes'>\n      <enum name='type'>\n        <value>pty</value>\n"
	"        <value>unix</value>\n        <value>spicevmc</value>\n      </enum>\n"
	"    </channel>\n  </devices>\n</domainCapabilities>\n";

static void capabilities(void **state)
{
	(void)state;
	struct lx_caps c;
	struct sc_err e = {0};
	assert_int_equal(lx_caps_parse(DOMCAPS, strlen(DOMCAPS), "caps", &c, &e), SC_OK);
	assert_string_equal(c.domain, "kvm");
	assert_string_equal(c.machine, "pc-i440fx-7.2");
	assert_int_equal(c.graphics.n, 5);
	assert_true(lx_caps_has(&c.graphics, "spice"));
	assert_true(lx_caps_has(&c.graphics, "vnc"));
	assert_true(lx_caps_has(&c.video, "qxl"));
	assert_true(lx_caps_has(&c.redirdev, "usb"));
	assert_true(lx_caps_has(&c.channel, "spicevmc"));
	assert_false(c.usb.reported);
	assert_false(c.smartcard.reported);

	/* a QEMU without SPICE (as RHEL 9 builds it) */
	char *noSpice = strdup(DOMCAPS);
	char *p = strstr(noSpice, "        <value>spice</value>\n");
	memmove(p, p + 29, strlen(p + 29) + 1);
	p = strstr(noSpice, "        <value>qxl</value>\n");
	memmove(p, p + 27, strlen(p + 27) + 1);
	assert_int_equal(lx_caps_parse(noSpice, strlen(noSpice), "caps", &c, &e), SC_OK);
	assert_false(lx_caps_has(&c.graphics, "spice"));
	assert_false(lx_caps_has(&c.video, "qxl"));
	assert_true(lx_caps_has(&c.graphics, "vnc"));
	free(noSpice);

	const char *unsup = "<domainCapabilities><devices><redirdev supported='no'/>"
			    "</devices></domainCapabilities>";
	assert_int_equal(lx_caps_parse(unsup, strlen(unsup), "caps", &c, &e), SC_OK);
	assert_true(c.redirdev.reported);
	assert_int_equal(c.redirdev.n, 0);

	assert_int_equal(lx_caps_parse("<capabilities/>", 15, "caps", &c, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "caps:1: not libvirt domain capabilities"));

	/* a list keeps its first LX_CAPS_MAX values; more are passed over */
	char many[4096];
	size_t k = (size_t)snprintf(many, sizeof many, "<domainCapabilities><devices>"
				    "<graphics supported='yes'><enum name='type'>");
	for (int i = 0; i <= LX_CAPS_MAX; i++)
		k += (size_t)snprintf(many + k, sizeof many - k, "<value>g%d</value>", i);
	snprintf(many + k, sizeof many - k, "</enum></graphics></devices></domainCapabilities>");
	assert_int_equal(lx_caps_parse(many, strlen(many), "caps", &c, &e), SC_OK);
	assert_int_equal(c.graphics.n, LX_CAPS_MAX);
	assert_true(lx_caps_has(&c.graphics, "g31"));
	assert_false(lx_caps_has(&c.graphics, "g32"));
}

/* What a vm pulled from a domain makes apply write: for every sample with
 * graphics, on every cluster version, nothing at all (the redirdev count,
 * the qxl layout, the domain's own filter, clipboard, file transfer and a
 * missing agent channel all stay); a real change still brings
 * NumberOfUSBSlots channels, the agent, and the site's filter. */
static char *pull_then_merge(const char *name, enum sc_cver v, void (*edit)(struct sc_object *),
			     void (*site)(struct sc_ctx *), bool *changed, size_t *out_len)
{
	size_t len;
	char *xml = slurp(name, &len);
	struct lx_domain d;
	struct xmlio_notes notes = {0};
	if (!pull(xml, len, &d, &notes)) {
		free(xml);
		xmlio_notes_free(&notes);
		return NULL;
	}
	struct sc_ctx ctx;
	struct sc_object o;
	sc_ctx_init(&ctx, &reg, v);
	if (site)
		site(&ctx);
	sc_object_defaults(&o, SC_VM, &ctx);
	lx_to_object(&d, &ctx, &o, &notes);
	xmlio_notes_free(&notes);
	if (edit)
		edit(&o);
	struct dx_console c;
	lx_console_for(&o, &ctx, &c);
	char *m = merge(xml, len, &c, changed, out_len);
	free(xml);
	return m;
}

static void pull_then_apply_changes_nothing(void **state)
{
	(void)state;
	int n = 0;
	for (enum sc_cver v = SC_CVER_30; v <= SC_CVER_32; v++)
		for (size_t s = 0; s < NSAMPLES; s++) {
			bool changed;
			size_t mlen;
			char *m = pull_then_merge(SAMPLES[s], v, NULL, NULL, &changed, &mlen);
			if (!m)
				continue;
			if (changed)
				fail_msg("%s on %s: pull then apply changes the domain:\n%s",
					 SAMPLES[s], sc_cver_name(v), m);
			free(m);
			n++;
		}
	assert_int_equal(n, 36);
}

static void usb_off(struct sc_object *o) { o->usb = SC_USB_DISABLED; }
static void usb_native(struct sc_object *o) { o->usb = SC_USB_NATIVE; }
static void two_monitors(struct sc_object *o) { o->monitors = 2; }
static void filter_site(struct sc_ctx *c) { strcpy(c->site.usb_filter, "0x03,-1,-1,-1,0|-1,-1,-1,-1,1"); }

static void pulled_vm_changes_apply(void **state)
{
	(void)state;
	bool ch;
	size_t len;
	/* turned on: NumberOfUSBSlots channels and the agent with them */
	char *m = pull_then_merge("graphics-spice-no-args", SC_CVER_31, usb_native, NULL, &ch, &len);
	assert_true(ch);
	assert_int_equal(occurrences(m, "<redirdev bus='usb' type='spicevmc'/>"), 4);
	assert_int_equal(occurrences(m, "com.redhat.spice.0"), 1);
	assert_null(strstr(m, "<redirfilter")); /* the default filter allows every device */
	free(m);
	/* a native domain keeps its count when something else changes */
	m = pull_then_merge("usb-redir", SC_CVER_31, two_monitors, NULL, &ch, &len);
	assert_true(ch);
	assert_int_equal(occurrences(m, "<redirdev bus='usb' type='spicevmc'"), 1);
	assert_int_equal(occurrences(m, "<model type='qxl'"), 2);
	assert_int_equal(occurrences(m, "com.redhat.spice.0"), 1);
	free(m);
	/* off: the channels go */
	m = pull_then_merge("q35-virt-manager-basic", SC_CVER_31, usb_off, NULL, &ch, &len);
	assert_true(ch);
	assert_int_equal(occurrences(m, "<redirdev bus='usb' type='spicevmc'"), 0);
	free(m);
	/* a site filter that says something is enforced on the server */
	m = pull_then_merge("usb-redir-filter", SC_CVER_31, NULL, filter_site, &ch, &len);
	assert_true(ch);
	assert_non_null(strstr(m, "<usbdev class='0x03' allow='no'/>"));
	assert_null(strstr(m, "0x15E1"));
	free(m);
	/* the domain's clipboard and file transfer settings were pulled */
	m = pull_then_merge("graphics-spice", SC_CVER_31, NULL, NULL, &ch, &len);
	assert_false(ch);
	assert_non_null(strstr(m, "<clipboard copypaste='no'/>"));
	assert_non_null(strstr(m, "<filetransfer enable='no'/>"));
	free(m);
}

/* Pull takes the WAN set where the rules allow WAN (a Windows guest), and
 * says why not elsewhere. */
static void pull_wan(void **state)
{
	(void)state;
	static const char *const FMT =
		"<domain type='kvm'><name>w</name><uuid>5a3c0000-0000-4000-8000-000000000077</uuid>"
		"<metadata><libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'>"
		"<libosinfo:os id='%s'/></libosinfo:libosinfo></metadata>"
		"<memory unit='KiB'>1048576</memory><os><type arch='x86_64'>hvm</type></os><devices>"
		"<graphics type='spice' autoport='yes'><image compression='auto_glz'/>"
		"<jpeg compression='always'/><zlib compression='always'/>"
		"<playback compression='on'/><streaming mode='filter'/></graphics>"
		"<video><model type='qxl'/></video></devices></domain>";
	static const struct {
		const char *os;
		bool wan;
	} cases[] = {
		{"http://microsoft.com/win/7", true},
		{"http://redhat.com/rhel/6.5", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char xml[2048];
		snprintf(xml, sizeof xml, FMT, cases[i].os);
		struct lx_domain d;
		struct xmlio_notes notes = {0};
		assert_true(pull(xml, strlen(xml), &d, &notes));
		assert_true(d.con.wan);
		struct sc_ctx ctx;
		struct sc_object o;
		sc_ctx_init(&ctx, &reg, SC_CVER_31);
		sc_object_defaults(&o, SC_VM, &ctx);
		lx_to_object(&d, &ctx, &o, &notes);
		if (o.wan != cases[i].wan)
			fail_msg("%s: wan %d", cases[i].os, o.wan);
		assert_true(has_note(&notes, "wan: off (the graphics carry the WAN set, but ") ==
			    !cases[i].wan);
		xmlio_notes_free(&notes);
	}
}

/* Where a running domain's console is reached, for export vv. */
static void console_access(void **state)
{
	(void)state;
	struct lx_access a;
	struct sc_err e = {0};
	size_t len;
	char *xml = slurp("graphics-spice", &len);
	assert_int_equal(lx_access_of(xml, len, "d", &a, &e), SC_OK);
	assert_int_equal(a.display, SC_DISPLAY_SPICE);
	assert_int_equal(a.port, 5903);
	assert_int_equal(a.tls_port, 5904);
	assert_string_equal(a.listen, "127.0.0.1");
	free(xml);
	xml = slurp("graphics-vnc", &len);
	assert_int_equal(lx_access_of(xml, len, "d", &a, &e), SC_OK);
	assert_int_equal(a.display, SC_DISPLAY_VNC);
	assert_int_equal(a.port, 5903);
	assert_int_equal(a.tls_port, 0);
	assert_string_equal(a.listen, "2001:1:2:3:4:5:1234:1234");
	free(xml);
	/* not started: autoport's -1 is no port; the address from <listen> */
	const char *off = "<domain><devices><graphics type='spice' port='-1' autoport='yes'>"
			  "<listen type='address' address='192.0.2.9'/></graphics></devices></domain>";
	assert_int_equal(lx_access_of(off, strlen(off), "d", &a, &e), SC_OK);
	assert_int_equal(a.port, 0);
	assert_string_equal(a.listen, "192.0.2.9");
	xml = slurp("x86_64-pc-headless", &len);
	assert_int_equal(lx_access_of(xml, len, "domain h of host k", &a, &e), SC_ENOTFOUND);
	assert_string_equal(e.msg, "domain h of host k has no SPICE or VNC graphics");
	free(xml);

	static const struct {
		const char *listen, *uri, *host;
		bool loop;
	} cases[] = {
		{"127.0.0.1", "qemu:///system", "127.0.0.1", false},
		{"", "qemu:///system", "localhost", false},
		{"0.0.0.0", "qemu+ssh://root@kvm1/system", "kvm1", false},
		{"::", "qemu+ssh://root@kvm1/system", "kvm1", false},
		{"192.0.2.9", "qemu+ssh://root@kvm1/system", "192.0.2.9", false},
		{"127.0.0.1", "qemu+ssh://root@kvm1/system", "kvm1", true},
		/* a one-letter host is a host too */
		{"127.0.0.1", "qemu+ssh://root@k/system", "k", true},
		{"::1", "qemu+tcp://k/system", "k", true},
		{"localhost", "qemu+ssh://k/system", "k", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct lx_access x = {.port = 5900};
		strcpy(x.listen, cases[i].listen);
		char h[64];
		bool loop;
		lx_access_host(&x, cases[i].uri, h, sizeof h, &loop);
		if (strcmp(h, cases[i].host) || loop != cases[i].loop)
			fail_msg("listen '%s' on %s: '%s' %d", cases[i].listen, cases[i].uri, h, loop);
	}
}

/* ---- edges no other test reaches ---- */

/* A device's other <enum>s are passed over; every USB controller's models
 * count; XML that does not parse fails with the parser's status. */
static void capabilities_edges(void **state)
{
	(void)state;
	const char *caps = "<domainCapabilities><devices>"
			   "<graphics supported='yes'><enum name='other'><value>x</value></enum>"
			   "<value>y</value><enum name='type'><value>spice</value></enum></graphics>"
			   "<controller type='scsi' supported='yes'><enum name='model'>"
			   "<value>lsi</value></enum></controller>"
			   "<controller type='usb' supported='yes'><enum name='model'>"
			   "<value>qemu-xhci</value><value>piix3-uhci</value></enum></controller>"
			   "</devices></domainCapabilities>";
	struct lx_caps c;
	struct sc_err e = {0};
	assert_int_equal(lx_caps_parse(caps, strlen(caps), "caps", &c, &e), SC_OK);
	assert_int_equal(c.graphics.n, 1);
	assert_string_equal(c.graphics.v[0], "spice");
	assert_true(c.usb.reported);
	assert_int_equal(c.usb.n, 2);
	assert_string_equal(c.usb.v[0], "qemu-xhci");
	assert_string_equal(c.usb.v[1], "piix3-uhci");
	e = (struct sc_err){0};
	assert_int_equal(lx_caps_parse("<domainCapabilities>", 20, "caps", &c, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "caps:1: not well-formed XML"));
	assert_int_equal(lx_caps_parse("<domainCapabilities>", 20, "caps", &c, NULL), SC_EUSAGE);
}

static char *domain_arch(const char *os_id, const char *arch)
{
	static char buf[1024];
	snprintf(buf, sizeof buf,
		 "<domain type='kvm'><name>d</name><metadata>"
		 "<libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'>"
		 "<libosinfo:os id='%s'/></libosinfo:libosinfo></metadata>"
		 "<os><type arch='%s'>hvm</type></os>"
		 "<devices><graphics type='vnc'/></devices></domain>",
		 os_id, arch);
	return buf;
}

/* Windows Server 2008 R2 is 64-bit only: a 32-bit domain maps to it all the
 * same; an id that is not a URL is looked up as the name it is. */
static void pull_os_edges(void **state)
{
	(void)state;
	struct lx_domain d;
	struct xmlio_notes n = {0};
	char *x = domain_arch("http://microsoft.com/win/2008r2", "i686");
	pull(x, strlen(x), &d, &n);
	assert_int_equal(d.os, SC_OS_WINDOWS2008R2X64);
	assert_string_equal(note_of(&n, "os: "),
			    "os: http://microsoft.com/win/2008r2 -> Windows2008R2x64");
	xmlio_notes_free(&n);
	x = domain_arch("rhel_6x64", "x86_64");
	pull(x, strlen(x), &d, &n);
	assert_int_equal(d.os, SC_OS_RHEL6X64);
	assert_string_equal(note_of(&n, "os: "), "os: rhel_6x64 -> RHEL6x64");
	xmlio_notes_free(&n);
}

/* The heads of a qxl device are counted up to 64: more are shown as 64. */
static void pull_heads_capped(void **state)
{
	(void)state;
	static const struct {
		const char *heads, *note;
	} cases[] = {
		{"64", "monitors: the video devices show 64; 4 (the nearest ValidNumOfMonitors allows)"},
		{"65", "monitors: the video devices show 64; 4 (the nearest ValidNumOfMonitors allows)"},
		{"1000", "monitors: the video devices show 64; 4 (the nearest ValidNumOfMonitors allows)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char x[256];
		snprintf(x, sizeof x,
			 "<domain><name>m</name><devices><graphics type='spice'/>"
			 "<video><model type='qxl' heads='%s'/></video></devices></domain>",
			 cases[i].heads);
		struct lx_domain d;
		struct xmlio_notes n = {0};
		struct sc_err e = {0};
		assert_int_equal(lx_pull(x, strlen(x), "m.xml", 1u << 1 | 1u << 2 | 1u << 4, &d, &n,
					 &e),
				 SC_OK);
		if (d.con.monitors != 4 || strcmp(note_of(&n, "monitors: "), cases[i].note) != 0)
			fail_msg("heads %s: %d '%s'", cases[i].heads, d.con.monitors,
				 note_of(&n, "monitors: "));
		xmlio_notes_free(&n);
	}
}

/* Monitors fitted to a mask without 1: the smallest valid count above;
 * bit 31 is the largest count there is; no valid count at all: 1. */
static void pull_monitors_fitted_up(void **state)
{
	(void)state;
	const char *x = "<domain><name>m</name><devices><graphics type='spice'/>"
			"<video><model type='qxl'/></video></devices></domain>";
	static const struct {
		unsigned mask;
		int monitors;
		const char *note;
	} cases[] = {
		{1u << 2 | 1u << 4, 2,
		 "monitors: the video devices show 1; 2 (the nearest ValidNumOfMonitors allows)"},
		{1u << 31, 31,
		 "monitors: the video devices show 1; 31 (the nearest ValidNumOfMonitors allows)"},
		{1u << 0, 1, "monitors: 1"},
		{0, 1, "monitors: 1"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct lx_domain d;
		struct xmlio_notes n = {0};
		struct sc_err e = {0};
		assert_int_equal(lx_pull(x, strlen(x), "m.xml", cases[i].mask, &d, &n, &e), SC_OK);
		if (d.con.monitors != cases[i].monitors ||
		    strcmp(note_of(&n, "monitors: "), cases[i].note) != 0)
			fail_msg("mask %#x: %d '%s'", cases[i].mask, d.con.monitors,
				 note_of(&n, "monitors: "));
		xmlio_notes_free(&n);
	}
}

/* A <redirfilter>'s other elements are passed over; a rule UsbFilter
 * cannot hold (a version past 99.99, a class not in hex) leaves the filter
 * out with a note; a root that is not <domain> is refused. */
static void pull_filter_and_root(void **state)
{
	(void)state;
	static const struct {
		const char *filter, *want, *note;
	} cases[] = {
		{"<usbdev class='0x03' allow='no'/><note/><usbdev allow='yes'/>",
		 "0x03,-1,-1,-1,0|-1,-1,-1,-1,1", "usb filter: 0x03,-1,-1,-1,0|-1,-1,-1,-1,1"},
		{"<usbdev version='99.99' allow='yes'/>", "-1,-1,-1,0x9999,1",
		 "usb filter: -1,-1,-1,0x9999,1"},
		{"<usbdev version='10.01' allow='yes'/>", "-1,-1,-1,0x1001,1",
		 "usb filter: -1,-1,-1,0x1001,1"},
		{"<usbdev version='100.1' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
		{"<usbdev version='1.100' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
		{"<usbdev version='1' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
		{"<usbdev class='0x0g' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
		/* a class is one byte, a vendor and a product two */
		{"<usbdev class='0xff' vendor='0xffff' product='0xffff' allow='yes'/>",
		 "0xff,0xffff,0xffff,-1,1", "usb filter: 0xff,0xffff,0xffff,-1,1"},
		{"<usbdev class='0x100' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
		{"<usbdev vendor='0x10000' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
		{"<usbdev product='0x10000' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
		{"<usbdev class='0x00' vendor='0x0000' product='0x0000' version='0.0' allow='no'/>",
		 "0x00,0x0000,0x0000,0x0000,0", "usb filter: 0x00,0x0000,0x0000,0x0000,0"},
		/* -1 written out is any, as an attribute left out; -2 is no value */
		{"<usbdev class='-1' vendor='-1' product='-1' version='-1' allow='yes'/>",
		 "-1,-1,-1,-1,1", "usb filter: -1,-1,-1,-1,1"},
		{"<usbdev class='-2' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
		{"<usbdev version='-2' allow='yes'/>", "",
		 "ignored: a <redirfilter> UsbFilter rules cannot hold"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char x[512];
		snprintf(x, sizeof x,
			 "<domain><name>f</name><devices><graphics type='spice'/>"
			 "<redirdev bus='usb' type='spicevmc'/><redirfilter>%s</redirfilter>"
			 "</devices></domain>",
			 cases[i].filter);
		struct lx_domain d;
		struct xmlio_notes n = {0};
		pull(x, strlen(x), &d, &n);
		const char *key = cases[i].want[0] ? "usb filter: " : "ignored: a <redirfilter>";
		if (strcmp(d.con.usb_filter, cases[i].want) != 0 ||
		    strcmp(note_of(&n, key), cases[i].note) != 0)
			fail_msg("%s: '%s' '%s'", cases[i].filter, d.con.usb_filter, note_of(&n, key));
		xmlio_notes_free(&n);
	}
	/* the rules fill the console's UsbFilter value to its last byte (1023
	 * characters and the NUL); two characters more do not fit */
	for (int over = 0; over < 2; over++) {
		static char x[8192];
		size_t k = (size_t)snprintf(x, sizeof x, "<domain><name>f</name><devices>"
					    "<graphics type='spice'/><redirdev bus='usb' "
					    "type='spicevmc'/><redirfilter>");
		for (int r = 0; r < 36; r++) /* 36 rules of 27 characters and a '|' */
			k += (size_t)snprintf(x + k, sizeof x - k,
					      "<usbdev class='0x03' vendor='0x1234' product='0x5678' "
					      "version='1.10' allow='yes'/>");
		/* and one of 15 ("0x03,-1,-1,-1,1") or 17 ("-1,0x1234,-1,-1,1") */
		snprintf(x + k, sizeof x - k, "%s</redirfilter></devices></domain>",
			 over ? "<usbdev vendor='0x1234' allow='yes'/>"
			      : "<usbdev class='0x03' allow='yes'/>");
		struct lx_domain d;
		struct xmlio_notes n = {0};
		pull(x, strlen(x), &d, &n);
		if (over) {
			assert_string_equal(d.con.usb_filter, "");
			assert_string_equal(note_of(&n, "ignored: a <redirfilter>"),
					    "ignored: a <redirfilter> UsbFilter rules cannot hold");
		} else {
			assert_int_equal(strlen(d.con.usb_filter), sizeof d.con.usb_filter - 1);
			assert_non_null(strstr(d.con.usb_filter, "|0x03,-1,-1,-1,1"));
		}
		xmlio_notes_free(&n);
	}
	struct lx_domain d;
	struct xmlio_notes n = {0};
	struct sc_err e = {0};
	const char *caps = "<domainCapabilities/>";
	assert_int_equal(lx_pull(caps, strlen(caps), "c.xml", MASK, &d, &n, &e), SC_EUSAGE);
	assert_string_equal(e.msg, "c.xml:1: not a libvirt domain (the root is <domainCapabilities>)");
	assert_int_equal(n.n, 0);
	const char *two = "\n\n<capabilities/>";
	assert_int_equal(lx_pull(two, strlen(two), "c.xml", MASK, &d, &n, NULL), SC_EUSAGE);
	struct lx_domain none = {.has_console = false};
	char line[64];
	lx_console_line(&none, line, sizeof line);
	assert_string_equal(line, "display=none");
}

/* An address longer than the field holds is no address; a listen element
 * without one is passed over for the next; XML that does not parse fails. */
static void access_edges(void **state)
{
	(void)state;
	char x[1024], longaddr[300];
	memset(longaddr, 'a', 256);
	longaddr[256] = '\0';
	struct lx_access a;
	struct sc_err e = {0};
	snprintf(x, sizeof x, "<domain><devices><graphics type='vnc' port='5901' listen='%s'/>"
			      "</devices></domain>", longaddr);
	assert_int_equal(lx_access_of(x, strlen(x), "d", &a, &e), SC_OK);
	assert_string_equal(a.listen, "");
	longaddr[255] = '\0';
	assert_int_equal(lx_access_of(x, strlen(x), "d", &a, &e), SC_OK);
	snprintf(x, sizeof x, "<domain><devices><graphics type='vnc' port='5901' listen='%s'/>"
			      "</devices></domain>", longaddr);
	assert_int_equal(lx_access_of(x, strlen(x), "d", &a, &e), SC_OK);
	assert_string_equal(a.listen, longaddr);
	memset(longaddr, 'b', 256);
	longaddr[256] = '\0';
	snprintf(x, sizeof x, "<domain><devices><graphics type='spice' port='5901'>"
			      "<listen type='address' address='%s'/><listen type='network'/>"
			      "<listen type='address' address='192.0.2.7'/>"
			      "</graphics></devices></domain>", longaddr);
	assert_int_equal(lx_access_of(x, strlen(x), "d", &a, &e), SC_OK);
	assert_string_equal(a.listen, "192.0.2.7");
	assert_int_equal(lx_access_of("<domain>", 8, "d.xml", &a, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "d.xml:1: not well-formed XML"));
	assert_int_equal(lx_access_of("<domain>", 8, "d.xml", &a, NULL), SC_EUSAGE);
}

/* A site UsbFilter whose first rule lets every device through writes no
 * filter, however much blank space it has, up to what a rule can be. */
static void console_for_allow_all(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	sc_ctx_init(&ctx, &reg, SC_CVER_32);
	sc_object_defaults(&o, SC_VM, &ctx);
	o.display = SC_DISPLAY_SPICE;
	o.usb = SC_USB_NATIVE;
	static const struct {
		int pad;
		bool kept;
	} cases[] = {{0, false}, {50, false}, {51, true}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		/* pad spaces and the 13 bytes of the rule: 63 is the most read */
		snprintf(ctx.site.usb_filter, sizeof ctx.site.usb_filter, "%*s-1,-1,-1,-1,1|0x03,-1,-1,-1,0",
			 cases[i].pad, "");
		struct dx_console c;
		lx_console_for(&o, &ctx, &c);
		if ((c.usb_filter[0] != '\0') != cases[i].kept)
			fail_msg("pad %d: '%s'", cases[i].pad, c.usb_filter);
		if (cases[i].kept)
			assert_string_equal(c.usb_filter, ctx.site.usb_filter);
	}
}

static char *merge_x(const char *x, const struct dx_console *c, bool *changed)
{
	size_t len;
	char *m = merge(x, strlen(x), c, changed, &len);
	assert_int_equal(len, strlen(m));
	return m;
}

static const struct dx_console SPICE1 = {.display = SC_DISPLAY_SPICE, .monitors = 1,
					 .copy_paste = true, .file_transfer = true};

/* How merge edits the graphics' children: a dropped one takes its
 * indentation along (the element closes as <x/> once none is left), text
 * that is not blank stays; an added one gets its indentation even in an
 * element that had only blank space. */
static void merge_graphics_children(void **state)
{
	(void)state;
	struct dx_console c = SPICE1;
	bool ch;
	char *m = merge_x("<domain><devices>\n    <graphics type='spice'>\n"
			  "      <clipboard copypaste='no'/>\n    </graphics>\n  </devices></domain>",
			  &c, &ch);
	assert_true(ch);
	assert_string_equal(m, "<domain><devices>\n    <graphics type='spice'/>\n  </devices>"
			       "</domain>\n");
	free(m);
	m = merge_x("<domain><devices><graphics type='spice'><clipboard copypaste='no'/>"
		    "</graphics></devices></domain>", &c, &ch);
	assert_string_equal(m, "<domain><devices><graphics type='spice'/></devices></domain>\n");
	free(m);
	m = merge_x("<domain><devices><graphics type='spice'>kept<clipboard copypaste='no'/>"
		    "</graphics></devices></domain>", &c, &ch);
	assert_string_equal(m, "<domain><devices><graphics type='spice'>kept</graphics>"
			       "</devices></domain>\n");
	free(m);
	c.copy_paste = false;
	m = merge_x("<domain>\n  <devices>\n    <graphics type='spice'>\n    </graphics>\n"
		    "  </devices>\n</domain>", &c, &ch);
	assert_true(ch);
	assert_string_equal(m, "<domain>\n  <devices>\n    <graphics type='spice'>\n"
			       "      <clipboard copypaste='no'/>\n    </graphics>\n"
			       "  </devices>\n</domain>\n");
	free(m);
	/* clipboard on ('yes' is libvirt's default) becomes off */
	m = merge_x("<domain>\n  <devices>\n    <graphics type='spice'>\n"
		    "      <clipboard copypaste='yes'/>\n    </graphics>\n"
		    "  </devices>\n</domain>", &c, &ch);
	assert_true(ch);
	assert_string_equal(m, "<domain>\n  <devices>\n    <graphics type='spice'>\n"
			       "      <clipboard copypaste='no'/>\n    </graphics>\n"
			       "  </devices>\n</domain>\n");
	free(m);
}

/* The protocol's graphics already there: a second one of the other
 * protocol goes; a switch keeps a fixed port (no autoport then) or an
 * autoport; a domain without <devices> gets them. */
static void merge_graphics_switch(void **state)
{
	(void)state;
	struct dx_console c = SPICE1;
	bool ch;
	char *m = merge_x("<domain><devices><graphics type='spice'/><graphics type='vnc' port='5901'/>"
			  "<video><model type='qxl'/></video></devices></domain>", &c, &ch);
	assert_true(ch);
	assert_string_equal(m, "<domain><devices><graphics type='spice'/>"
			       "<video><model type='qxl'/></video></devices></domain>\n");
	free(m);
	m = merge_x("<domain><devices><graphics type='vnc' port='5901'/>"
		    "<video><model type='qxl'/></video></devices></domain>", &c, &ch);
	assert_true(ch);
	assert_non_null(strstr(m, "<graphics type='spice' port='5901'/>"));
	free(m);
	m = merge_x("<domain><devices><graphics type='vnc' port='-1' autoport='yes'/>"
		    "<video><model type='qxl'/></video></devices></domain>", &c, &ch);
	assert_non_null(strstr(m, "<graphics type='spice' autoport='yes' port='-1'/>"));
	free(m);
	c.display = SC_DISPLAY_VNC;
	m = merge_x("<domain>\n  <name>n</name>\n</domain>", &c, &ch);
	assert_true(ch);
	assert_string_equal(m, "<domain>\n  <devices>\n    <graphics type='vnc' autoport='yes'/>\n"
			       "  </devices>\n  <name>n</name>\n</domain>\n");
	free(m);
}

/* The domain's filter stays when it is spicecfg's rules; one with other
 * elements or fewer attributes is replaced. */
static void merge_filter_compare(void **state)
{
	(void)state;
	struct dx_console c = SPICE1;
	c.usb = SC_USB_NATIVE;
	c.usb_slots = 1;
	c.live = true;
	strcpy(c.usb_filter, "0x03,-1,-1,-1,0|-1,-1,-1,-1,1");
	static const struct {
		const char *have;
		bool changed;
	} cases[] = {
		{"<usbdev class='0x03' allow='no'/><usbdev allow='yes'/>", false},
		{"<usbdev allow='no' class='0x03'/><usbdev allow='yes'/>", false},
		{"<usbdev class='0x03' allow='no'/><other allow='yes'/>", true},
		{"<usbdev allow='no'/><usbdev allow='yes'/>", true},
		{"<usbdev class='0x03' allow='no'/><usbdev vendor='0x0001' allow='yes'/>", true},
		{"<usbdev class='0x03' allow='no'/>", true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char x[512];
		snprintf(x, sizeof x,
			 "<domain><devices><controller type='usb' index='0' model='qemu-xhci'/>"
			 "<graphics type='spice'/><video><model type='qxl'/></video>"
			 "<redirdev bus='usb' type='spicevmc'/><redirfilter>%s</redirfilter>"
			 "</devices></domain>",
			 cases[i].have);
		bool ch;
		char *m = merge_x(x, &c, &ch);
		if (ch != cases[i].changed)
			fail_msg("%s: changed %d\n%s", cases[i].have, ch, m);
		if (ch) {
			assert_non_null(strstr(m, "<usbdev class='0x03' allow='no'/>\n"
						  "      <usbdev allow='yes'/>"));
			assert_int_equal(occurrences(m, "<redirfilter>"), 1);
		}
		free(m);
	}
}

/* A device with a USB address uses the bus it names, and only that one:
 * the idle controller 0 is replaced when the device sits on bus 1. */
static void merge_usb_address(void **state)
{
	(void)state;
	struct dx_console c = SPICE1;
	c.usb = SC_USB_NATIVE;
	c.usb_slots = 1;
	static const struct {
		int bus;
		const char *ich9;
	} cases[] = {{0, "index='2' model='ich9-ehci1'"}, {1, "index='0' model='ich9-ehci1'"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char x[512];
		snprintf(x, sizeof x,
			 "<domain><devices><controller type='usb' index='0' model='piix3-uhci'/>"
			 "<controller type='usb' index='1' model='piix3-uhci'/>"
			 "<input type='tablet' bus='usb'><address type='usb' bus='%d' port='1'/>"
			 "</input><graphics type='spice'/><video><model type='qxl'/></video>"
			 "</devices></domain>",
			 cases[i].bus);
		bool ch;
		char *m = merge_x(x, &c, &ch);
		if (!strstr(m, cases[i].ich9))
			fail_msg("bus %d:\n%s", cases[i].bus, m);
		assert_int_equal(occurrences(m, "model='piix3-uhci'"), cases[i].bus ? 1 : 2);
		free(m);
	}
}

/* Comments and namespaced attributes come out as they went in; XML that
 * does not parse, or is not a domain, gives nothing. */
static void normalize_edges(void **state)
{
	(void)state;
	const char *x = "<domain><!-- kept --><!----><metadata><app:x xmlns:app='urn:app' "
			"app:a='1' b='2'/></metadata><devices/></domain>";
	size_t len;
	struct sc_err e = {0};
	char *s = lx_normalize(x, strlen(x), "n.xml", &len, &e);
	assert_non_null(s);
	assert_string_equal(s, "<domain><!-- kept --><!----><metadata><app:x xmlns:app='urn:app' "
			       "app:a='1' b='2'/></metadata><devices/></domain>\n");
	free(s);
	assert_null(lx_normalize("<domain>", 8, "n.xml", &len, &e));
	assert_non_null(strstr(e.msg, "n.xml:1: not well-formed XML"));
	e = (struct sc_err){0};
	assert_null(lx_normalize("<network/>", 10, "n.xml", &len, &e));
	assert_string_equal(e.msg, "n.xml:1: not a libvirt domain (the root is <network>)");
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err = {0};
	return config_load_optdefs(&reg, NULL, &err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pull_maps_every_sample),
		cmocka_unit_test(pull_notes),
		cmocka_unit_test(pull_monitors_and_os),
		cmocka_unit_test(pull_memory_and_cpus),
		cmocka_unit_test(merge_every_sample),
		cmocka_unit_test(graphics_access_kept),
		cmocka_unit_test(usb_controller_rules),
		cmocka_unit_test(filter_and_wan),
		cmocka_unit_test(vnc_drops_spice_only_devices),
		cmocka_unit_test(one_monitor_video_and_order),
		cmocka_unit_test(inserted_elements_indented),
		cmocka_unit_test(capabilities),
		cmocka_unit_test(pull_then_apply_changes_nothing),
		cmocka_unit_test(pulled_vm_changes_apply),
		cmocka_unit_test(console_access),
		cmocka_unit_test(pull_wan),
		cmocka_unit_test(capabilities_edges),
		cmocka_unit_test(pull_os_edges),
		cmocka_unit_test(pull_monitors_fitted_up),
		cmocka_unit_test(pull_heads_capped),
		cmocka_unit_test(pull_filter_and_root),
		cmocka_unit_test(access_edges),
		cmocka_unit_test(console_for_allow_all),
		cmocka_unit_test(merge_graphics_children),
		cmocka_unit_test(merge_graphics_switch),
		cmocka_unit_test(merge_filter_compare),
		cmocka_unit_test(merge_usb_address),
		cmocka_unit_test(normalize_edges),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
