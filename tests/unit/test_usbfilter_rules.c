/* UsbFilter as a list of rules (model/usbfilter.c): the class names the
 * rule editor shows, reading and writing the rule list, and each cell the
 * editor takes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/options.h"
#include "model/usbfilter.h"

static void class_names(void **state)
{
	(void)state;
	assert_string_equal(sc_usb_class_name(0x03), "HID");
	assert_string_equal(sc_usb_class_name(0x08), "mass storage");
	assert_string_equal(sc_usb_class_name(0x0e), "video");
	assert_string_equal(sc_usb_class_name(0x0b), "smart card");
	assert_string_equal(sc_usb_class_name(0xff), "vendor specific");
	assert_string_equal(sc_usb_class_name(-1), "any class");
	assert_null(sc_usb_class_name(0x04));
	assert_null(sc_usb_class_name(0x100));
	/* every base class the USB-IF defines, by its code, and no other */
	static const struct {
		int code;
		const char *name;
	} usbif[] = {
		{0x00, "per interface"}, {0x01, "audio"}, {0x02, "communications"},
		{0x03, "HID"}, {0x05, "physical"}, {0x06, "image"}, {0x07, "printer"},
		{0x08, "mass storage"}, {0x09, "hub"}, {0x0a, "CDC data"}, {0x0b, "smart card"},
		{0x0d, "content security"}, {0x0e, "video"}, {0x0f, "personal healthcare"},
		{0x10, "audio/video"}, {0x11, "billboard"}, {0x12, "USB-C bridge"},
		{0xdc, "diagnostic"}, {0xe0, "wireless"}, {0xef, "miscellaneous"},
		{0xfe, "application specific"}, {0xff, "vendor specific"},
	};
	size_t n = sizeof usbif / sizeof *usbif, k = 0;
	assert_int_equal(sc_usb_nclasses, (int)n);
	for (int code = 0; code <= 0xff; code++) {
		const char *name = sc_usb_class_name(code);
		if (k < n && usbif[k].code == code) {
			if (!name || strcmp(name, usbif[k].name))
				fail_msg("class %#x: '%s', not '%s'", code, name ? name : "", usbif[k].name);
			k++;
		} else if (name) {
			fail_msg("class %#x is not a USB-IF base class but reads '%s'", code, name);
		}
	}
	for (int i = 1; i < sc_usb_nclasses; i++)
		if (sc_usb_classes[i].code <= sc_usb_classes[i - 1].code)
			fail_msg("class table not in code order at %#x", sc_usb_classes[i].code);
}

static void parse_and_format(void **state)
{
	(void)state;
	struct sc_usbrule r[SC_USBFILTER_MAX];
	int n = 0;
	char out[SC_OPT_VALUE_MAX];
	assert_int_equal(sc_usbfilter_parse("8,0x0781,0x5567,256,0|-1,-1,-1,-1,1", r,
					    SC_USBFILTER_MAX, &n, NULL), 0);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].cls, 8);
	assert_int_equal(r[0].vendor, 0x781);
	assert_int_equal(r[0].product, 0x5567);
	assert_int_equal(r[0].version, 0x100);
	assert_false(r[0].allow);
	assert_int_equal(r[1].cls, -1);
	assert_true(r[1].allow);
	assert_int_equal(sc_usbfilter_format(r, n, out, sizeof out), 0);
	assert_string_equal(out, "0x08,0x0781,0x5567,0x0100,0|-1,-1,-1,-1,1");
	/* what the editor writes, the option accepts and reads back the same */
	assert_int_equal(sc_usbfilter_check(out, NULL), 0);
	struct sc_usbrule back[SC_USBFILTER_MAX];
	int nb = 0;
	assert_int_equal(sc_usbfilter_parse(out, back, SC_USBFILTER_MAX, &nb, NULL), 0);
	assert_int_equal(nb, n);
	for (int i = 0; i < n; i++) { /* field by field: the struct has padding */
		assert_int_equal(back[i].cls, r[i].cls);
		assert_int_equal(back[i].vendor, r[i].vendor);
		assert_int_equal(back[i].product, r[i].product);
		assert_int_equal(back[i].version, r[i].version);
		assert_int_equal(back[i].allow, r[i].allow);
	}
	/* too small a buffer is refused, not cut: the text is 41 characters,
	 * which 42 bytes hold with the NUL and 41 do not */
	assert_int_equal(sc_usbfilter_format(r, n, out, 20), -1);
	assert_int_equal(sc_usbfilter_format(r, n, out, 41), -1);
	assert_int_equal(sc_usbfilter_format(r, n, out, 42), 0);
	assert_string_equal(out, "0x08,0x0781,0x5567,0x0100,0|-1,-1,-1,-1,1");
	assert_int_equal(sc_usbfilter_format(r, 1, out, 27), -1);
	assert_int_equal(sc_usbfilter_format(r, 1, out, 28), 0);
	assert_string_equal(out, "0x08,0x0781,0x5567,0x0100,0");
	/* no rules, a bad part: refused with the rule and the part named */
	struct sc_err e = {0};
	assert_int_equal(sc_usbfilter_parse("", r, SC_USBFILTER_MAX, &n, &e), SC_EUSAGE);
	assert_int_equal(sc_usbfilter_parse("-1,-1,-1,-1,1|3,0x10000,-1,-1,1", r,
					    SC_USBFILTER_MAX, &n, &e), SC_EUSAGE);
	assert_string_equal(e.msg, "rule 2: bad vendor '0x10000'");
	assert_int_equal(sc_usbfilter_parse("3,-1,-1,-1,1|3,-1,-1,-1,1|3,-1,-1,-1,1", r, 2, &n,
					    &e), SC_EUSAGE);
	assert_string_equal(e.msg, "more than 2 rules");
}

static void cells(void **state)
{
	(void)state;
	static const struct {
		enum sc_usbrule_col col;
		const char *text;
		int ok, value;
	} cases[] = {
		{SC_UR_CLASS, "0x08", 1, 8},     {SC_UR_CLASS, "any", 1, -1},
		{SC_UR_CLASS, " ANY ", 1, -1},   {SC_UR_CLASS, "-1", 1, -1},
		{SC_UR_CLASS, "14", 1, 14},      {SC_UR_CLASS, "0x100", 0, 0},
		{SC_UR_CLASS, "-2", 0, 0},       {SC_UR_CLASS, "", 0, 0},
		{SC_UR_CLASS, "HID", 0, 0},      {SC_UR_VENDOR, "0x046d", 1, 0x46d},
		{SC_UR_VENDOR, "0xffff", 1, 0xffff}, {SC_UR_VENDOR, "0x10000", 0, 0},
		{SC_UR_PRODUCT, "0xc52b", 1, 0xc52b}, {SC_UR_VERSION, "0x0100", 1, 0x100},
		{SC_UR_VERSION, "1.0", 0, 0},   {SC_UR_ALLOW, "1", 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sc_err e = {0};
		int v = 12345;
		int rc = sc_usbrule_cell(cases[i].col, cases[i].text, &v, &e);
		if (cases[i].ok && (rc || v != cases[i].value))
			fail_msg("'%s' gave rc %d value %d: %s", cases[i].text, rc, v, e.msg);
		if (!cases[i].ok && rc == 0)
			fail_msg("'%s' accepted as %d", cases[i].text, v);
		if (!cases[i].ok && v != 12345)
			fail_msg("'%s' refused but changed the value", cases[i].text);
	}
	struct sc_err e = {0};
	int v;
	sc_usbrule_cell(SC_UR_CLASS, "0x100", &v, &e);
	assert_string_equal(e.msg, "invalid class '0x100'; valid: any (or -1), or a number "
				   "0..0xff (hex 0x.. or decimal)");
	sc_usbrule_cell(SC_UR_PRODUCT, "x", &v, &e);
	assert_string_equal(e.msg, "invalid product 'x'; valid: any (or -1), or a number "
				   "0..0xffff (hex 0x.. or decimal)");
	/* 31 characters are read whole; a longer number is refused, not read
	 * as the 31 that fit (0000...0003 is not 0) */
	static const char z31[] = "0000000000000000000000000000003", z32[] = "00000000000000000000000000000003";
	assert_int_equal(sizeof z31, 32);
	v = 7;
	assert_int_equal(sc_usbrule_cell(SC_UR_VENDOR, z31, &v, &e), 0);
	assert_int_equal(v, 3);
	v = 7;
	assert_int_equal(sc_usbrule_cell(SC_UR_VENDOR, z32, &v, &e), SC_EUSAGE);
	assert_int_equal(v, 7);
	assert_string_equal(e.msg, "invalid vendor '0000000000000000000000000000000...'; valid: any "
				   "(or -1), or a number 0..0xffff (hex 0x.. or decimal)");
}

static void cell_text(void **state)
{
	(void)state;
	struct sc_usbrule r = {0x08, 0x46d, -1, 0x100, false};
	char buf[64];
	sc_usbrule_cell_text(&r, SC_UR_CLASS, buf, sizeof buf);
	assert_string_equal(buf, "0x08 mass storage");
	sc_usbrule_cell_text(&r, SC_UR_VENDOR, buf, sizeof buf);
	assert_string_equal(buf, "0x046d");
	sc_usbrule_cell_text(&r, SC_UR_PRODUCT, buf, sizeof buf);
	assert_string_equal(buf, "any");
	sc_usbrule_cell_text(&r, SC_UR_VERSION, buf, sizeof buf);
	assert_string_equal(buf, "0x0100");
	sc_usbrule_cell_text(&r, SC_UR_ALLOW, buf, sizeof buf);
	assert_string_equal(buf, "block");
	r.cls = 0x04;
	sc_usbrule_cell_text(&r, SC_UR_CLASS, buf, sizeof buf);
	assert_string_equal(buf, "0x04");
	r.cls = -1;
	r.allow = true;
	sc_usbrule_cell_text(&r, SC_UR_CLASS, buf, sizeof buf);
	assert_string_equal(buf, "any");
	sc_usbrule_cell_text(&r, SC_UR_ALLOW, buf, sizeof buf);
	assert_string_equal(buf, "allow");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(class_names),
		cmocka_unit_test(parse_and_format),
		cmocka_unit_test(cells),
		cmocka_unit_test(cell_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
