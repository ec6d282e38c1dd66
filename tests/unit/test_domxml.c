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
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
