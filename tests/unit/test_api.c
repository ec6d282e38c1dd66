/* REST API XML (SPEC §6): round trip, REST spellings, "enabled without
 * type" by cluster version, and refusal of illegal combinations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/api.h"
#include "store/config.h"

static struct sc_optreg reg;

static int read_str(const char *s, struct api_doc *d, struct xmlio_notes *nt, struct sc_err *e)
{
	return api_read(s, strlen(s), "req.xml", d, nt, e);
}

static void round_trip(void **state)
{
	(void)state;
	static const enum sc_usb usbs[] = {SC_USB_DISABLED, SC_USB_LEGACY, SC_USB_NATIVE};
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < 3; i++) {
			struct sc_ctx ctx;
			struct sc_object o;
			struct api_doc d;
			struct sc_err e = {0};
			size_t l1, l2;
			sc_ctx_init(&ctx, &reg, SC_CVER_31);
			sc_object_defaults(&o, k ? SC_TEMPLATE : SC_VM, &ctx);
			strcpy(o.name, "api-1");
			strcpy(o.cluster, "c31");
			strcpy(o.uuid, "0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d");
			strcpy(o.description, "x & <y>");
			o.os = SC_OS_WINDOWS7X64, o.usb = usbs[i], o.monitors = 2, o.memory = 3072;
			o.cpus = 3, o.smartcard = true, o.type = SC_TYPE_DESKTOP;
			char *a = api_write(&o, &ctx, NULL, &l1, &e);
			assert_non_null(a);
			if (o.usb == SC_USB_DISABLED)
				assert_null(strstr(a, "<usb>\n    <enabled>false</enabled>\n    <type>"));
			assert_non_null(strstr(a, "<memory>3221225472</memory>"));
			assert_int_equal(read_str(a, &d, NULL, &e), 0);
			assert_int_equal(api_fit(&d, &ctx, "req.xml", NULL, &e), 0);
			assert_int_equal(d.obj.kind, o.kind);
			assert_int_equal(d.obj.usb, o.usb);
			assert_int_equal(d.obj.os, o.os);
			assert_int_equal(d.obj.monitors, 2);
			assert_int_equal(d.obj.memory, 3072);
			assert_int_equal(d.obj.cpus, 3);
			assert_true(d.obj.smartcard);
			assert_string_equal(d.obj.cluster, "c31");
			assert_string_equal(d.obj.description, o.description);
			char *b = api_write(&d.obj, &ctx, NULL, &l2, &e);
			assert_int_equal(l1, l2);
			assert_memory_equal(a, b, l1);
			free(a);
			free(b);
		}
}

#define REQ(os, usb) "<vm><name>r1</name><os type=\"" os "\"/><display><type>spice</type></display>" usb "</vm>"

static void usb_mapping(void **state)
{
	(void)state;
	static const struct {
		const char *doc;
		enum sc_cver v;
		int want; /* usb value, or -1: refused */
		const char *why;
	} cases[] = {
		{REQ("windows_7x64", ""), SC_CVER_31, SC_USB_DISABLED, NULL},
		{REQ("windows_7x64", "<usb><enabled>false</enabled><type>native</type></usb>"), SC_CVER_31, SC_USB_DISABLED, NULL},
		{REQ("windows_7x64", "<usb><enabled>true</enabled></usb>"), SC_CVER_31, SC_USB_NATIVE, NULL},
		{REQ("windows_7x64", "<usb><enabled>true</enabled></usb>"), SC_CVER_32, SC_USB_NATIVE, NULL},
		{REQ("windows_7x64", "<usb><enabled>true</enabled></usb>"), SC_CVER_30, SC_USB_LEGACY, NULL},
		{REQ("Windows7", "<usb><enabled>true</enabled><type>legacy</type></usb>"), SC_CVER_30, SC_USB_LEGACY, NULL},
		{REQ("rhel_6x64", "<usb><enabled>true</enabled></usb>"), SC_CVER_31, SC_USB_NATIVE, NULL},
		/* refused with the SPEC §2 reason */
		{REQ("rhel_6x64", "<usb><enabled>true</enabled></usb>"), SC_CVER_30, -1, "not available for Linux guests (it needs a Windows guest)"},
		{REQ("rhel_6x64", "<usb><enabled>true</enabled><type>legacy</type></usb>"), SC_CVER_31, -1, "not available for Linux guests"},
		{REQ("windows_xp", "<usb><enabled>true</enabled><type>native</type></usb>"), SC_CVER_30, -1, "native USB redirection needs cluster version 3.1"},
		{"<vm><name>r1</name><display><type>vnc</type></display><usb><enabled>true</enabled><type>native</type></usb></vm>", SC_CVER_31, -1, "needs the SPICE protocol"},
		{"<vm><name>r1</name><display><type>vnc</type><monitors>2</monitors></display></vm>", SC_CVER_31, -1, "VNC supports a single monitor"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct api_doc d;
		struct sc_err e = {0};
		sc_ctx_init(&ctx, &reg, cases[i].v);
		if (read_str(cases[i].doc, &d, NULL, &e))
			fail_msg("case %zu: %s", i, e.msg);
		strcpy(d.obj.cluster, "c");
		int rc = api_fit(&d, &ctx, "req.xml", NULL, &e);
		if (cases[i].want >= 0) {
			if (rc)
				fail_msg("case %zu refused: %s", i, e.msg);
			assert_int_equal(d.obj.usb, cases[i].want);
		} else {
			assert_int_equal(rc, SC_EUSAGE);
			if (!strstr(e.msg, cases[i].why) || !strstr(e.msg, "req.xml: vm 'r1' refused"))
				fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].why);
		}
	}
}

static void bad_input(void **state)
{
	(void)state;
	static const struct {
		const char *doc, *want;
	} cases[] = {
		{"", "req.xml: file is empty"},
		{"<vm><name>a</name>", "req.xml:1: not well-formed XML"},
		{"<?xml version='1.0'?>\n<host/>", "req.xml:2: root element is <host>"},
		{"<vm/>", "has no <name>"},
		{"<vm><name>a</name>\n<os type='Plan9'/></vm>", "req.xml:2: unknown OS 'Plan9'"},
		{"<vm><name>a</name><os/></vm>", "without a type attribute"},
		{"<vm><name>a</name><type>laptop</type></vm>", "type 'laptop' is not valid; valid: desktop, server"},
		{"<vm><name>a</name><memory>12</memory></vm>", "<memory> '12' is not valid"},
		{"<vm><name>a</name><display><type>rdp</type></display></vm>", "valid: spice, vnc"},
		{"<vm><name>a</name><display><monitors>9</monitors></display></vm>", "monitors"},
		{"<vm><name>a</name><usb><enabled>yes please</enabled></usb></vm>", "valid: true, false"},
		{"<vm><name>a</name><usb><enabled>true</enabled><type>turbo</type></usb></vm>", "valid: legacy, native"},
		{"<!DOCTYPE vm [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><vm><name>&x;</name></vm>", "DOCTYPE declarations are not accepted"},
		/* a value given twice is refused, never one of them taken */
		{"<vm><name>a</name>\n<name>b</name></vm>", "req.xml:2: duplicate <name> (first at line 1)"},
		{"<vm><name>a</name><type>desktop</type><type>server</type></vm>", "duplicate <type>"},
		{"<vm><name>a</name><os type='RHEL6'/><os type='Windows7'/></vm>", "duplicate <os>"},
		{"<vm><name>a</name><memory>1073741824</memory><memory>2147483648</memory></vm>", "duplicate <memory>"},
		{"<vm><name>a</name><description>x</description><description>y</description></vm>", "duplicate <description>"},
		{"<vm><name>a</name><cluster><name>c1</name></cluster><cluster><name>c2</name></cluster></vm>", "duplicate <cluster>"},
		{"<vm><name>a</name><cluster><name>c1</name><name>c2</name></cluster></vm>", "duplicate <name>"},
		{"<vm><name>a</name><template><name>t</name></template><template><name>u</name></template></vm>", "duplicate <template>"},
		{"<vm><name>a</name><cpu><topology sockets='1'/><topology sockets='4'/></cpu></vm>", "duplicate <topology>"},
		{"<vm><name>a</name><cpu/><cpu/></vm>", "duplicate <cpu>"},
		{"<vm><name>a</name><display/><display/></vm>", "duplicate <display>"},
		{"<vm><name>a</name><display><type>spice</type><type>vnc</type></display></vm>", "duplicate <type>"},
		{"<vm><name>a</name><display><monitors>1</monitors><monitors>4</monitors></display></vm>", "duplicate <monitors>"},
		{"<vm><name>a</name><display><smartcard_enabled>true</smartcard_enabled><smartcard_enabled>false</smartcard_enabled></display></vm>",
		 "duplicate <smartcard_enabled>"},
		{"<vm><name>a</name><usb/><usb/></vm>", "duplicate <usb>"},
		{"<vm><name>a</name><usb><enabled>false</enabled><enabled>true</enabled></usb></vm>", "duplicate <enabled>"},
		{"<vm><name>a</name><usb><enabled>true</enabled><type>legacy</type><type>native</type></usb></vm>", "duplicate <type>"},
		{"<vm><name>a</name><placement_policy/><placement_policy/></vm>", "duplicate <placement_policy>"},
		{"<vm><name>a</name><placement_policy><affinity>pinned</affinity><affinity>migratable</affinity></placement_policy></vm>",
		 "duplicate <affinity>"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct api_doc d;
		struct sc_err e = {0};
		assert_int_equal(read_str(cases[i].doc, &d, NULL, &e), SC_EUSAGE);
		if (!strstr(e.msg, cases[i].want))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].want);
	}
	/* a cluster's and a template's name as long as a name may be (64
	 * bytes) are read whole */
	char n64[SC_NAME_MAX + 1], doc[512];
	memset(n64, 'n', SC_NAME_MAX);
	n64[SC_NAME_MAX] = '\0';
	snprintf(doc, sizeof doc,
		 "<vm><name>a</name><cluster><name>%s</name></cluster>"
		 "<template><name>t%s</name></template></vm>", n64, n64 + 1);
	struct api_doc d;
	struct sc_err e = {0};
	assert_int_equal(read_str(doc, &d, NULL, &e), SC_OK);
	assert_string_equal(d.obj.cluster, n64);
	assert_int_equal(strlen(d.obj.tmpl), SC_NAME_MAX);
	assert_int_equal(d.obj.tmpl[0], 't');
}

static void rest_output_is_read(void **state)
{
	(void)state;
	/* What the API itself returns carries ids, hrefs and links. */
	static const char doc[] =
		"<vm href=\"/api/vms/x\" id=\"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d\">\n"
		"  <actions><link href=\"/api/vms/x/start\" rel=\"start\"/></actions>\n"
		"  <name>rest1</name>\n  <type>server</type>\n"
		"  <status><state>down</state></status>\n"
		"  <memory>1073741824</memory>\n"
		"  <os type=\"rhel_7x64\"><boot dev=\"hd\"/></os>\n"
		"  <cluster href=\"/api/clusters/1\" id=\"1\"><name>c31</name></cluster>\n"
		"  <display><type>spice</type><monitors>1</monitors><address>h</address></display>\n"
		"</vm>\n";
	struct api_doc d;
	struct sc_err e = {0};
	struct xmlio_notes nt = {0};
	assert_int_equal(read_str(doc, &d, &nt, &e), 0);
	assert_string_equal(d.obj.name, "rest1");
	assert_string_equal(d.obj.uuid, "0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d");
	assert_int_equal(d.obj.type, SC_TYPE_SERVER);
	assert_int_equal(d.obj.os, SC_OS_OTHERLINUX);
	assert_string_equal(d.obj.cluster, "c31");
	bool mapped = false, ignored = false;
	for (int i = 0; i < nt.n; i++) {
		mapped |= strstr(nt.line[i], "no oVirt 3.1 equivalent") != NULL;
		ignored |= strstr(nt.line[i], "actions, status, display/address") != NULL;
	}
	assert_true(mapped);
	assert_true(ignored);
	xmlio_notes_free(&nt);
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	return config_load_optdefs(&reg, NULL, &err);
}

/* An element's text one byte longer than it holds is refused naming it and
 * the limit; the longest that fits is judged as any value.  A placement
 * policy without an affinity changes nothing. */
static void too_long_values(void **state)
{
	(void)state;
	char v[SC_NAME_MAX * 4 + 2];
	static const struct {
		const char *head, *tail;
		size_t n;
		const char *want;
	} cases[] = {
		{"<vm><name>a</name><usb><enabled>true</enabled><type>", "</type></usb></vm>", 32,
		 "req.xml:1: <type> is too long (at most 31 bytes)"},
		{"<vm><name>a</name><usb><enabled>true</enabled><type>", "</type></usb></vm>", 31,
		 "req.xml:1: USB type 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is not valid; valid: legacy, native"},
		{"<vm><name>a</name><placement_policy><affinity>", "</affinity></placement_policy></vm>",
		 32, "req.xml:1: <affinity> is too long (at most 31 bytes)"},
		{"<vm><name>a</name><placement_policy><affinity>", "</affinity></placement_policy></vm>",
		 31, "req.xml:1: affinity 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is not valid; valid: "},
		{"<vm><name>a</name><type>", "</type></vm>", SC_NAME_MAX * 4, NULL},
		{"<vm><name>a</name><type>", "</type></vm>", SC_NAME_MAX * 4 - 1, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		memset(v, 'x', cases[i].n);
		v[cases[i].n] = '\0';
		char doc[1024], want[512];
		snprintf(doc, sizeof doc, "%s%s%s", cases[i].head, v, cases[i].tail);
		if (cases[i].want)
			snprintf(want, sizeof want, "%s", cases[i].want);
		else if (cases[i].n == SC_NAME_MAX * 4)
			snprintf(want, sizeof want, "req.xml:1: <type> is too long (at most %d bytes)",
				 SC_NAME_MAX * 4 - 1);
		else
			snprintf(want, sizeof want, "req.xml:1: type '%s' is not valid; valid: desktop, server", v);
		struct api_doc d;
		struct sc_err e = {0};
		assert_int_equal(read_str(doc, &d, NULL, &e), SC_EUSAGE);
		if (strncmp(e.msg, want, strlen(want)) != 0)
			fail_msg("case %zu: '%s', want '%s'", i, e.msg, want);
	}
	struct api_doc d, plain;
	struct sc_err e = {0};
	assert_int_equal(read_str("<vm><name>a</name></vm>", &plain, NULL, &e), SC_OK);
	assert_int_equal(read_str("<vm><name>a</name><placement_policy><host/></placement_policy></vm>",
				  &d, NULL, &e), SC_OK);
	assert_int_equal(d.obj.migration, plain.obj.migration);
	assert_int_equal(read_str("<vm><name>a</name><placement_policy><affinity>pinned</affinity>"
				  "</placement_policy></vm>", &d, NULL, &e), SC_OK);
	assert_int_not_equal(d.obj.migration, plain.obj.migration);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(usb_mapping),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(too_long_values),
		cmocka_unit_test(rest_output_is_read),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
