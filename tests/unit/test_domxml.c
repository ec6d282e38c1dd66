/* Domain XML (SPEC §6): graphics and video per protocol, the native USB
 * controller set and its redirection channels, smartcard; well-formed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "model/domxml.h"
#include "model/sbuf.h"
#include "store/config.h"

static struct sc_optreg reg;

static double xpath_num(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, x);
	assert_non_null(r);
	double v = xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	return v;
}

static void devices(void **state)
{
	(void)state;
	static const struct {
		enum sc_display d;
		int mon, slots;
		enum sc_usb usb;
		bool smartcard;
		int qxl, cirrus, ehci, uhci, redir, sc;
	} cases[] = {
		{SC_DISPLAY_SPICE, 1, 4, SC_USB_NATIVE, false, 1, 0, 1, 3, 4, 0},
		{SC_DISPLAY_SPICE, 4, 0, SC_USB_NATIVE, true, 4, 0, 1, 3, 0, 1},
		{SC_DISPLAY_SPICE, 2, 6, SC_USB_NATIVE, false, 2, 0, 1, 3, 6, 0},
		{SC_DISPLAY_SPICE, 2, 4, SC_USB_LEGACY, true, 2, 0, 0, 0, 0, 1},
		{SC_DISPLAY_SPICE, 1, 4, SC_USB_DISABLED, false, 1, 0, 0, 0, 0, 0},
		{SC_DISPLAY_VNC, 1, 4, SC_USB_DISABLED, false, 0, 1, 0, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_err e = {0};
		size_t len;
		sc_ctx_init(&ctx, &reg, SC_CVER_31);
		ctx.site.usb_slots = cases[i].slots;
		sc_object_defaults(&o, SC_VM, &ctx);
		strcpy(o.name, "dom-1");
		strcpy(o.uuid, "0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d");
		strcpy(o.description, "a <b> & c");
		o.os = SC_OS_WINDOWS7X64;
		o.display = cases[i].d, o.monitors = cases[i].mon, o.usb = cases[i].usb;
		o.smartcard = cases[i].smartcard;
		char *s = domxml_write(&o, &ctx, &len, &e);
		assert_non_null(s);
		xmlDocPtr doc = xmlReadMemory(s, (int)len, "d.xml", NULL, XML_PARSE_NONET);
		assert_non_null(doc);
		assert_int_equal(xpath_num(doc, "count(/domain/devices/video/model[@type='qxl'])"), cases[i].qxl);
		assert_int_equal(xpath_num(doc, "count(/domain/devices/video/model[@type='cirrus'])"), cases[i].cirrus);
		assert_int_equal(xpath_num(doc, "count(//controller[@type='usb'][@model='ich9-ehci1'][@index='0'])"), cases[i].ehci);
		assert_int_equal(xpath_num(doc, "count(//controller[@type='usb'][starts-with(@model,'ich9-uhci')][@index='0'])"), cases[i].uhci);
		if (cases[i].uhci) {
			assert_int_equal(xpath_num(doc, "//controller[@model='ich9-uhci1']/master/@startport"), 0);
			assert_int_equal(xpath_num(doc, "//controller[@model='ich9-uhci2']/master/@startport"), 2);
			assert_int_equal(xpath_num(doc, "//controller[@model='ich9-uhci3']/master/@startport"), 4);
		}
		assert_int_equal(xpath_num(doc, "count(//redirdev[@bus='usb'][@type='spicevmc'])"), cases[i].redir);
		assert_int_equal(xpath_num(doc, "count(//smartcard[@mode='passthrough'][@type='spicevmc'])"), cases[i].sc);
		assert_int_equal(xpath_num(doc, cases[i].d == SC_DISPLAY_SPICE
							? "count(//graphics[@type='spice'][@autoport='yes'])"
							: "count(//graphics[@type='vnc'])"), 1);
		assert_int_equal(xpath_num(doc, "/domain/memory"), 1024);
		assert_int_equal(xpath_num(doc, "count(/domain/os/type[.='hvm'])"), 1);
		xmlFreeDoc(doc);
		free(s);
	}
}

static void refuses_pool(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	size_t len;
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	sc_object_defaults(&o, SC_POOL, &ctx);
	strcpy(o.name, "p1");
	assert_null(domxml_write(&o, &ctx, &len, &e));
	assert_int_equal(e.status, SC_EUSAGE);
	assert_non_null(strstr(e.msg, "VMs and templates"));
}

/* <redirfilter> checks each number against its range itself (a store or
 * a caller that skipped the option's check): the largest is written, one
 * more refused. */
static void filter_ranges(void **state)
{
	(void)state;
	static const struct {
		const char *rules, *want;
	} cases[] = {
		{"0xff,0xffff,0xffff,0xffff,1",
		 "<usbdev class='0xFF' vendor='0xFFFF' product='0xFFFF' version='165.165' allow='yes'/>"},
		{"0,0,0,0x0110,0", "<usbdev class='0x00' vendor='0x0000' product='0x0000' "
				   "version='1.10' allow='no'/>"},
		{"-1,-1,-1,-1,1", "<usbdev allow='yes'/>"},
		{"0x08,0x0781,0x5567,0x1234,1", "<usbdev class='0x08' vendor='0x0781' "
						"product='0x5567' version='12.34' allow='yes'/>"},
		{"-1,0x046d,-1,-1,0", "<usbdev vendor='0x046D' allow='no'/>"},
		{"3,-1,0x1234,-1,1", "<usbdev class='0x03' product='0x1234' allow='yes'/>"},
		{"-1,-1,-1,0x0210,1", "<usbdev version='2.10' allow='yes'/>"},
		{"-1,-1,-1,0x9876,1", "<usbdev version='98.76' allow='yes'/>"},
		{"-1,-1,-1,0,1", "<usbdev version='0.00' allow='yes'/>"},
		{"0x100,-1,-1,-1,1", "value 256 out of range"},
		{"-1,0x10000,-1,-1,1", "value 65536 out of range"},
		{"-1,-1,0x10000,-1,1", "value 65536 out of range"},
		{"-1,-1,-1,0x10000,1", "value 65536 out of range"},
		{"-2,-1,-1,-1,1", "value -2 out of range"},
		{"-1,-1,-1,-2,1", "value -2 out of range"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sbuf b = {0};
		struct sc_err e = {0};
		int rc = domxml_redirfilter(&b, cases[i].rules, &e);
		const char *got = rc == SC_OK ? b.p : e.msg;
		if (!got || !strstr(got, cases[i].want) || (rc == SC_OK) != (cases[i].want[0] == '<'))
			fail_msg("%s: %s", cases[i].rules, got ? got : "(nothing)");
		sbuf_free(&b);
	}
}

/* A site UsbFilter that no check passed (a store written by hand) fails the
 * export with the rule named, and writes nothing. */
static void refuses_bad_site_filter(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	size_t len;
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	sc_object_defaults(&o, SC_VM, &ctx);
	strcpy(o.name, "v1");
	o.display = SC_DISPLAY_SPICE;
	o.usb = SC_USB_NATIVE;
	strcpy(ctx.site.usb_filter, "-1,-1,-1,-1,1|0x100,-1,-1,-1,1");
	assert_null(domxml_write(&o, &ctx, &len, &e));
	assert_int_equal(e.status, SC_EUSAGE);
	assert_string_equal(e.msg, "UsbFilter rule '0x100,-1,-1,-1,1': value 256 out of range");
	struct dx_console c = {.display = SC_DISPLAY_SPICE, .monitors = 1, .usb = SC_USB_NATIVE,
			       .usb_slots = 1};
	strcpy(c.usb_filter, "x");
	struct sbuf b = {0};
	assert_int_equal(domxml_console(&b, &c, NULL), SC_EUSAGE);
	sbuf_free(&b);
	e = (struct sc_err){.status = SC_ERUNTIME};
	assert_int_equal(domxml_console(&b, &c, &e), SC_EUSAGE);
	sbuf_free(&b);
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
		cmocka_unit_test(devices),
		cmocka_unit_test(refuses_pool),
		cmocka_unit_test(refuses_bad_site_filter),
		cmocka_unit_test(filter_ranges),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
