/* The small pieces every rule and export rests on, value by value: names
 * of each enumeration and OS family, option messages and limits, the
 * usbredir filter's field ranges, XML escaping and cleaning, the OS name
 * map, and the edges of what the OVF and API readers accept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/api.h"
#include "model/err.h"
#include "model/field.h"
#include "model/osmap.h"
#include "model/ovf.h"
#include "model/sbuf.h"
#include "model/types.h"
#include "model/xmlio.h"
#include "store/config.h"

static struct sc_optreg reg;

static void names(void **state)
{
	(void)state;
	static const char *const kinds[] = {"cluster", "vm", "template", "pool"};
	static const char *const labels[] = {"Cluster", "VM", "Template", "Pool"};
	for (int k = 0; k < SC_KIND_COUNT; k++) {
		assert_string_equal(sc_kind_name((enum sc_kind)k), kinds[k]);
		assert_string_equal(sc_kind_label((enum sc_kind)k), labels[k]);
		assert_int_equal(sc_kind_parse(kinds[k]), k);
	}
	assert_int_equal(sc_kind_parse("VM"), -1); /* kinds are exact */
	assert_int_equal(sc_kind_parse(NULL), -1);
	assert_string_equal(sc_kind_name(SC_KIND_COUNT), "?");
	assert_string_equal(sc_kind_name((enum sc_kind)-1), "?");
	static const char *const cvers[] = {"3.0", "3.1", "3.2"};
	for (int v = 0; v < SC_CVER_COUNT; v++) {
		assert_string_equal(sc_cver_name((enum sc_cver)v), cvers[v]);
		assert_int_equal(sc_cver_parse(cvers[v]), v);
	}
	assert_int_equal(sc_cver_parse("3.3"), -1);
	assert_string_equal(sc_cver_name(SC_CVER_COUNT), "?");
	assert_string_equal(sc_display_name(SC_DISPLAY_VNC), "vnc");
	assert_int_equal(sc_display_parse("SPICE"), SC_DISPLAY_SPICE);
	assert_int_equal(sc_display_parse("VNC"), SC_DISPLAY_VNC);
	assert_string_equal(sc_usb_name(SC_USB_LEGACY), "legacy");
	assert_int_equal(sc_usb_parse("Disabled"), SC_USB_DISABLED);
	assert_int_equal(sc_usb_parse("native"), SC_USB_NATIVE);
	assert_string_equal(sc_usb_name(SC_USB_COUNT), "?");
	assert_string_equal(sc_migration_name(SC_MIG_MANUAL), "manual");
	assert_int_equal(sc_migration_parse("PINNED"), SC_MIG_PINNED);
	assert_string_equal(sc_vmtype_name(SC_TYPE_SERVER), "server");
	assert_int_equal(sc_vmtype_parse("Desktop"), SC_TYPE_DESKTOP);
	assert_int_equal(sc_vmtype_parse("desk"), -1);
	assert_string_equal(sc_os_name(SC_OS_UNASSIGNED), "Unassigned");
	assert_string_equal(sc_os_name(SC_OS_OTHER), "Other");
	assert_string_equal(sc_os_name(SC_OS_COUNT), "?");
	assert_int_equal(sc_os_parse("rhel6X64"), SC_OS_RHEL6X64);
	assert_int_equal(sc_os_parse("Other"), SC_OS_OTHER);
	assert_int_equal(sc_os_parse("unassigned"), SC_OS_UNASSIGNED);
	assert_int_equal(sc_os_parse("RHEL7"), -1);
}

static void families(void **state)
{
	(void)state;
	for (int os = 0; os < SC_OS_COUNT; os++) {
		const char *n = sc_os_name((enum sc_os)os);
		enum sc_osfamily want = strncmp(n, "Windows", 7) == 0			   ? SC_OSF_WINDOWS
					: strncmp(n, "RHEL", 4) == 0 || !strcmp(n, "OtherLinux") ? SC_OSF_LINUX
												   : SC_OSF_OTHER;
		if (sc_os_family((enum sc_os)os) != want)
			fail_msg("%s: family %d, want %d", n, sc_os_family((enum sc_os)os), want);
	}
	assert_string_equal(sc_osfamily_name(SC_OSF_WINDOWS), "windows");
	assert_string_equal(sc_osfamily_name(SC_OSF_LINUX), "linux");
	assert_string_equal(sc_osfamily_name(SC_OSF_OTHER), "other");
	assert_string_equal(sc_osfamily_name((enum sc_osfamily)3), "?");
}

static void errors_and_strings(void **state)
{
	(void)state;
	assert_int_equal(sc_exit_code(SC_OK), 0);
	assert_int_equal(sc_exit_code(SC_EUSAGE), 2);
	assert_int_equal(sc_exit_code(SC_ERUNTIME), 1);
	assert_int_equal(sc_exit_code(SC_ENOTFOUND), 1);
	assert_int_equal(sc_exit_code(SC_ECONFLICT), 1);
	struct sc_err e = {0};
	assert_int_equal(sc_fail(&e, SC_EEXIST, "x %d", 7), SC_EEXIST);
	assert_int_equal(e.status, SC_EEXIST);
	assert_string_equal(e.msg, "x 7");
	assert_int_equal(sc_fail(NULL, SC_EBUSY, "y"), SC_EBUSY);
	struct sc_msgs m = {0};
	for (int i = 0; i < SC_MSGS_MAX + 3; i++)
		sc_msgs_add(&m, i, "m%d", i);
	assert_int_equal(m.n, SC_MSGS_MAX);
	assert_string_equal(m.m[SC_MSGS_MAX - 1].text, "m15");
	assert_int_equal(m.m[SC_MSGS_MAX - 1].field, SC_MSGS_MAX - 1);
	sc_msgs_add(NULL, 0, "ignored");
	char b[4];
	assert_int_equal(sc_strlcpy(b, "abc", sizeof b), 0);
	assert_string_equal(b, "abc");
	assert_int_equal(sc_strlcpy(b, "abcd", sizeof b), -1);
	assert_string_equal(b, "abc");
	assert_int_equal(sc_strlcpy(b, "", sizeof b), 0);
	assert_string_equal(b, "");
	assert_int_equal(sc_strlcpy(b, "a", 0), -1);
	char big[8];
	memset(big, 'x', sizeof big);
	assert_int_equal(sc_strlcpy(big, "abcdef", 4), -1);
	assert_memory_equal(big, "abc\0xxxx", 8); /* cut inside the size, nothing past it */
	memset(big, 'x', sizeof big);
	assert_int_equal(sc_strlcpy(big, "abc", 4), 0);
	assert_memory_equal(big, "abc\0xxxx", 8);
}

static void sbuf_values(void **state)
{
	(void)state;
	struct sbuf b = {0};
	size_t len = 99;
	struct sc_err e = {0};
	char *s = sbuf_finish(&b, &len, &e);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	sbuf_xml(&b, "a&b<c>d\"e'f\rg\th\ni\x01j\x1f\x7f~\xc3\xa9");
	s = sbuf_finish(&b, &len, &e);
	assert_string_equal(s, "a&amp;b&lt;c&gt;d&quot;e&apos;f&#13;g\th\ni?j?\x7f~\xc3\xa9");
	assert_int_equal(len, strlen(s));
	free(s);
	/* past the first allocation, several times over */
	for (int i = 0; i < 1000; i++)
		sbuf_printf(&b, "%03d,", i);
	sbuf_putn(&b, "xyz", 2);
	s = sbuf_finish(&b, &len, &e);
	assert_int_equal(len, 4002);
	assert_int_equal(strlen(s), 4002);
	assert_memory_equal(s, "000,001,", 8);
	assert_string_equal(s + 3996, "999,xy");
	free(s);
	sbuf_puts(&b, "gone");
	sbuf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	/* a size no allocation can hold: out of memory, said once at the
	 * end; nothing written after it, and the buffer empty again */
	sbuf_puts(&b, "ab");
	sbuf_putn(&b, "c", SIZE_MAX / 2 - 2); /* len + it + 1 > SIZE_MAX / 2 */
	assert_true(b.oom);
	assert_int_equal(b.len, 2);
	sbuf_puts(&b, "d");
	sbuf_printf(&b, "%d", 5);
	assert_int_equal(b.len, 2);
	assert_string_equal(b.p, "ab");
	len = 99;
	e = (struct sc_err){0};
	assert_null(sbuf_finish(&b, &len, &e));
	assert_string_equal(e.msg, "out of memory");
	assert_int_equal(e.status, SC_ERUNTIME);
	assert_int_equal(len, 99);
	assert_null(b.p);
	assert_false(b.oom);
	/* nor a size whose doubling would wrap around */
	sbuf_putn(&b, "c", SIZE_MAX - 8);
	assert_true(b.oom);
	assert_null(b.p);
	sbuf_free(&b);
}

static void option_messages(void **state)
{
	(void)state;
	static const struct {
		const char *key, *value, *msg; /* msg NULL: accepted */
	} cases[] = {
		{"NumberOfUSBSlots", "7", "invalid value '7' for NumberOfUSBSlots: out of range; valid: an integer 0..6"},
		{"NumberOfUSBSlots", "-1", "invalid value '-1' for NumberOfUSBSlots: out of range; valid: an integer 0..6"},
		{"NumberOfUSBSlots", "x", "invalid value 'x' for NumberOfUSBSlots: not an integer; valid: an integer 0..6"},
		{"WANColorDepth", "24", "invalid value '24' for WANColorDepth; valid: one of 16,32"},
		{"NativeUSBEnabled", "2", "invalid value '2' for NativeUSBEnabled; valid: true or false"},
		{"ValidNumOfMonitors", "5", "invalid value '5' for ValidNumOfMonitors; valid: a comma-separated list of integers 1..4"},
		{"ValidNumOfMonitors", "0", "invalid value '0' for ValidNumOfMonitors; valid: a comma-separated list of integers 1..4"},
		{"ValidNumOfMonitors", ",", "invalid value ',' for ValidNumOfMonitors: empty list; valid: a comma-separated list of integers 1..4"},
		{"WANDisableEffects", "fog", "invalid value 'fog' for WANDisableEffects; valid: a comma-separated list of animation,wallpaper,font-smooth,all"},
		{"UsbFilter", "-1,-1,-1,-1,2", "invalid value '-1,-1,-1,-1,2' for UsbFilter: rule 1: bad allow '2'; valid: usbredir filter rules class,vendor,product,version,allow joined by '|', -1 = any (e.g. -1,-1,-1,-1,1)"},
		{"ValidNumOfMonitors", "4", NULL},
		{"ValidNumOfMonitors", "1", NULL},
		{"NumberOfUSBSlots", "0", NULL},
		{"NumberOfUSBSlots", "6", NULL},
	};
	char norm[SC_OPT_VALUE_MAX];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int k = sc_opt_find(&reg, cases[i].key);
		struct sc_err e = {0};
		assert_true(k >= 0);
		int rc = sc_opt_validate(&reg.defs[k], cases[i].value, norm, sizeof norm, &e);
		if (!cases[i].msg && rc)
			fail_msg("case %zu refused: %s", i, e.msg);
		if (cases[i].msg && (rc != SC_EUSAGE || strcmp(e.msg, cases[i].msg)))
			fail_msg("case %zu: rc %d\n'%s'\nwant\n'%s'", i, rc, e.msg, cases[i].msg);
	}
	/* spaces around list items; the canonical form sorted and unique */
	int k = sc_opt_find(&reg, "ValidNumOfMonitors");
	struct sc_err e = {0};
	assert_int_equal(sc_opt_validate(&reg.defs[k], " 4 , 1,4", norm, sizeof norm, &e), 0);
	assert_string_equal(norm, "1,4");
	k = sc_opt_find(&reg, "SpiceSecureChannels");
	assert_int_equal(sc_opt_validate(&reg.defs[k], "usbredir,main", norm, sizeof norm, &e), 0);
	assert_string_equal(norm, "main,usbredir");
	/* a long value is cut in the message, never inside a UTF-8 sequence */
	char v[80];
	memset(v, 'x', 59);
	strcpy(v + 59, "\xc3\xa9yyyyyyyyyyyy");
	k = sc_opt_find(&reg, "NumberOfUSBSlots");
	assert_int_equal(sc_opt_validate(&reg.defs[k], v, norm, sizeof norm, &e), SC_EUSAGE);
	char want[200];
	snprintf(want, sizeof want, "invalid value '%.59s...' for NumberOfUSBSlots: not an integer; "
				    "valid: an integer 0..6", v);
	assert_string_equal(e.msg, want);
	memset(v, '7', 64);
	v[64] = '\0'; /* 64 characters: shown whole */
	assert_int_equal(sc_opt_validate(&reg.defs[k], v, norm, sizeof norm, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, v));
	assert_null(strstr(e.msg, "..."));
	/* type names both ways */
	static const char *const types[] = {"Integer", "Boolean", "String", "IntegerMultiple",
					    "StringMultiple"};
	for (int t = 0; t < 5; t++) {
		assert_string_equal(sc_opt_type_name((enum sc_opt_type)t), types[t]);
		assert_int_equal(sc_opt_type_parse(types[t]), t);
	}
	assert_string_equal(sc_opt_type_name((enum sc_opt_type)5), "?");
	assert_int_equal(sc_opt_type_parse("integer"), -1);
	assert_int_equal(sc_opt_find(&reg, "numberofusbslots"), -1);
	assert_null(sc_opt_get(&reg, "NoSuchKey", SC_CVER_31));
	/* per-version values and defaults */
	assert_string_equal(sc_opt_get(&reg, "NativeUSBEnabled", SC_CVER_30), "false");
	assert_string_equal(sc_opt_get(&reg, "NativeUSBEnabled", SC_CVER_32), "true");
}

static void plain_strings(void **state)
{
	(void)state;
	struct sc_optdef d = {0};
	char norm[SC_OPT_VALUE_MAX], valid[128];
	struct sc_err e = {0};
	strcpy(d.key, "Banner");
	d.type = SC_OPT_STRING;
	sc_opt_valid_text(&d, valid, sizeof valid);
	assert_string_equal(valid, "text of at most 1023 bytes");
	char *v = malloc(SC_OPT_VALUE_MAX + 1);
	assert_non_null(v);
	memset(v, 'a', SC_OPT_VALUE_MAX - 1);
	v[SC_OPT_VALUE_MAX - 1] = '\0';
	assert_int_equal(sc_opt_validate(&d, v, norm, sizeof norm, &e), 0);
	assert_string_equal(norm, v);
	strcat(v, "a");
	assert_int_equal(sc_opt_validate(&d, v, norm, sizeof norm, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, ": too long;"));
	char wide[2 * SC_OPT_VALUE_MAX]; /* the limit is the option's, not the buffer's */
	assert_int_equal(sc_opt_validate(&d, v, wide, sizeof wide, &e), SC_EUSAGE);
	free(v);
	assert_int_equal(sc_opt_validate(&d, "tab\there", norm, sizeof norm, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "control character"));
	assert_int_equal(sc_opt_validate(&d, "unit\x1fsep", norm, sizeof norm, &e), SC_EUSAGE);
	assert_int_equal(sc_opt_validate(&d, " ~ ", norm, sizeof norm, &e), 0);
	assert_string_equal(norm, " ~ ");
	/* a definition's defaults are checked for every version it has */
	d.type = SC_OPT_INTEGER, d.min = 0, d.max = 6, d.per_version = true;
	strcpy(d.defaults[0], "1"), strcpy(d.defaults[1], "2"), strcpy(d.defaults[2], "7");
	assert_int_equal(sc_optdef_check(&d, &e), SC_ERUNTIME);
	assert_non_null(strstr(e.msg, "default of Banner is invalid: invalid value '7'"));
	strcpy(d.defaults[2], "6");
	assert_int_equal(sc_optdef_check(&d, &e), 0);
	strcpy(d.defaults[0], "8"); /* the first version's too */
	assert_int_equal(sc_optdef_check(&d, &e), SC_ERUNTIME);
	assert_non_null(strstr(e.msg, "default of Banner is invalid: invalid value '8'"));
	strcpy(d.defaults[0], "1");
	d.per_version = false, strcpy(d.defaults[1], "9"), strcpy(d.defaults[2], "7");
	assert_int_equal(sc_optdef_check(&d, &e), 0); /* a general option has one default */
	/* a list of integers holds 0..63: a definition allowing more is refused,
	 * not left to refuse values its message calls valid */
	d.type = SC_OPT_INTEGER_MULTIPLE, d.min = 0, d.max = 63;
	strcpy(d.defaults[0], "63");
	assert_int_equal(sc_optdef_check(&d, &e), 0);
	assert_int_equal(sc_opt_validate(&d, "0,63", norm, sizeof norm, &e), 0);
	assert_string_equal(norm, "0,63");
	d.max = 64;
	assert_int_equal(sc_optdef_check(&d, &e), SC_ERUNTIME);
	assert_string_equal(e.msg, "Banner allows 0..64; an IntegerMultiple option's range lies "
				   "within 0..63 (give min and max)");
	d.min = -1, d.max = 63;
	assert_int_equal(sc_optdef_check(&d, &e), SC_ERUNTIME);
	assert_non_null(strstr(e.msg, "Banner allows -1..63;"));
}

static void usbfilter_edges(void **state)
{
	(void)state;
	static const struct {
		const char *rules, *msg; /* msg NULL: accepted */
	} cases[] = {
		{"0xff,0xffff,0xffff,0xffff,1", NULL},
		{"0,0,0,0,0", NULL},
		{"255,65535,65535,65535,0", NULL},
		{"-1,-1,-1,-1,1|3,-1,-1,-1,0", NULL},
		{"0x100,-1,-1,-1,1", "rule 1: bad class '0x100'"},
		{"-1,0x10000,-1,-1,1", "rule 1: bad vendor '0x10000'"},
		{"-1,-1,65536,-1,1", "rule 1: bad product '65536'"},
		{"-1,-1,-1,0x10000,1", "rule 1: bad version '0x10000'"},
		{"-1,-1,-1,-1,-1", "rule 1: bad allow '-1'"},
		{"-2,-1,-1,-1,1", "rule 1: bad class '-2'"},
		{"-1,,-1,-1,1", "rule 1: bad vendor ''"},
		{"-1,-1,-1,-1,1|-1,-1,-1,-1,2", "rule 2: bad allow '2'"},
		{"-1,-1,-1,-1", "rule 1 has 4 fields, needs 5"},
		{"-1,-1,-1,-1,1,1", "rule 1 has 6 fields, needs 5"},
		{"-1,-1,-1,-1,1|-1", "rule 2 has 1 fields, needs 5"},
		{"", "no rules"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_err e = {0};
		int rc = sc_usbfilter_check(cases[i].rules, &e);
		if (!cases[i].msg && rc)
			fail_msg("case %zu refused: %s", i, e.msg);
		if (cases[i].msg && (rc != SC_EUSAGE || strcmp(e.msg, cases[i].msg)))
			fail_msg("case %zu: '%s', want '%s'", i, e.msg, cases[i].msg);
	}
	/* a rule of 127 characters is read, 128 is too long */
	char r[200];
	snprintf(r, sizeof r, "%0*d,-1,-1,-1,1", 127 - 11, 3);
	assert_int_equal(strlen(r), 127);
	struct sc_err e = {0};
	assert_int_equal(sc_usbfilter_check(r, &e), 0);
	snprintf(r, sizeof r, "%0*d,-1,-1,-1,1", 128 - 11, 3);
	assert_int_equal(sc_usbfilter_check(r, &e), SC_EUSAGE);
	assert_string_equal(e.msg, "rule 1 is too long");
}

static void clean_text(void **state)
{
	(void)state;
	char out[32];
	xmlio_clean("a\x01\x7f\n~\xc3\xa9\xff\xe2\x82", out, sizeof out);
	assert_string_equal(out, "a??\n~\xc3\xa9???");
	/* lead bytes at the edges of each length */
	xmlio_clean("\xef\xbf\xbd" "A\xc2\xa0\xdf\xbf\xc1\xbf\xe0\xa0\x80", out, sizeof out);
	assert_string_equal(out, "\xef\xbf\xbd" "A\xc2\xa0\xdf\xbf??\xe0\xa0\x80");
	xmlio_clean("\xf4\x8f\xbf\xbf\xf0\x9f\x98", out, sizeof out);
	assert_string_equal(out, "\xf4\x8f\xbf\xbf???");
	xmlio_clean("\xf8\x80\x80x", out, sizeof out);
	assert_string_equal(out, "???x");
	xmlio_clean("\xf0\x9f\x98\x80\xf8\x80", out, sizeof out);
	assert_string_equal(out, "\xf0\x9f\x98\x80??");
	/* cut to fit with "...": size 8 leaves 4 characters */
	xmlio_clean("abcdefghij", out, 8);
	assert_string_equal(out, "abcd...");
	xmlio_clean("abcd", out, 8);
	assert_string_equal(out, "abcd");
	xmlio_clean("abcde", out, 8);
	assert_string_equal(out, "abcd...");
	xmlio_clean("abc", out, 3);
	assert_string_equal(out, "");
	xmlio_clean("abc", out, 4);
	assert_string_equal(out, "...");
	/* a multi-byte character is not cut */
	xmlio_clean("abc\xc3\xa9", out, 8);
	assert_string_equal(out, "abc...");
}

static void parse_edges(void **state)
{
	(void)state;
	struct sc_err e = {0};
	assert_null(xmlio_parse("<a/>", 0, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml: file is empty; expected an XML document");
	assert_null(xmlio_parse(" \n", 2, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml: file holds only white space; expected an XML document");
	assert_null(xmlio_parse("\n\n x", 4, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml:3: not an XML document (it does not start with '<')");
	assert_null(xmlio_parse("\xef\xbb\xbf", 3, "f.xml", &e)); /* a byte order mark alone */
	assert_string_equal(e.msg, "f.xml: file holds only white space; expected an XML document");
	assert_null(xmlio_parse("x", 1, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml:1: not an XML document (it does not start with '<')");
	static const char doc[] = "\xef\xbb\xbf\n<a> t <b x='1'/>\n</a>";
	xmlDocPtr d = xmlio_parse(doc, strlen(doc), "f.xml", &e);
	assert_non_null(d);
	xmlNode *root = xmlDocGetRootElement(d);
	char t[8];
	assert_int_equal(xmlio_text(root, t, sizeof t), 0);
	assert_string_equal(t, "t");
	assert_int_equal(xmlio_text_raw(root, t, sizeof t), 0);
	assert_string_equal(t, " t \n");
	assert_int_equal(xmlio_text_raw(root, t, 4), -1);
	assert_int_equal(xmlio_text_raw(root, t, 5), 0);
	xmlNode *b = xmlio_child(root, "b");
	assert_non_null(b);
	assert_int_equal(xmlio_line(b), 2);
	assert_int_equal(xmlio_line(NULL), 0);
	assert_int_equal(xmlio_attr(b, "x", t, sizeof t), 0);
	assert_string_equal(t, "1");
	assert_int_equal(xmlio_attr(b, "y", t, sizeof t), -1);
	assert_string_equal(t, "");
	assert_int_equal(xmlio_attr(b, "x", t, 1), -1);
	assert_null(xmlio_child(root, "c"));
	assert_null(xmlio_elem(root, b));
	xmlFreeDoc(d);
	/* an error the parser recovers from is still an error */
	assert_null(xmlio_parse("<x:a/>", 6, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml:1: not well-formed XML: Namespace prefix x on a is not defined");
	/* comments are not text */
	static const char com[] = "<a>x<!--c-->y<b>z</b></a>";
	d = xmlio_parse(com, strlen(com), "f.xml", &e);
	assert_non_null(d);
	assert_int_equal(xmlio_text(xmlDocGetRootElement(d), t, sizeof t), 0);
	assert_string_equal(t, "xy");
	xmlFreeDoc(d);
	/* UTF-16 with its byte order mark is the parser's to read */
	static const char u16[] = "\xff\xfe<\0a\0>\0x\0<\0/\0a\0>\0";
	d = xmlio_parse(u16, sizeof u16 - 1, "f.xml", &e);
	assert_non_null(d);
	assert_int_equal(xmlio_text(xmlDocGetRootElement(d), t, sizeof t), 0);
	assert_string_equal(t, "x");
	xmlFreeDoc(d);
	/* and so is UTF-16 without a mark, which its declaration names, in
	 * either byte order */
	static const char decl[] = "<?xml version='1.0' encoding='UTF-16'?><a>x</a>";
	for (int be = 0; be < 2; be++) {
		char w[2 * sizeof decl];
		for (size_t i = 0; i < sizeof decl - 1; i++)
			w[2 * i + be] = decl[i], w[2 * i + !be] = '\0';
		d = xmlio_parse(w, 2 * (sizeof decl - 1), "f.xml", &e);
		if (!d)
			fail_msg("UTF-16 %s without a mark: %s", be ? "BE" : "LE", e.msg);
		assert_int_equal(xmlio_text(xmlDocGetRootElement(d), t, sizeof t), 0);
		assert_string_equal(t, "x");
		xmlFreeDoc(d);
	}
	/* one byte: nothing read past it */
	char *one = malloc(1);
	assert_non_null(one);
	one[0] = '\xff';
	assert_null(xmlio_parse(one, 1, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml:1: not an XML document (it does not start with '<')");
	free(one);
	/* two bytes that begin a UTF-8 byte order mark: nothing read past them */
	char *two = malloc(2);
	assert_non_null(two);
	memcpy(two, "\xef\xbb", 2);
	assert_null(xmlio_parse(two, 2, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml:1: not an XML document (it does not start with '<')");
	free(two);
	/* a comment, CDATA section or processing instruction opened at the
	 * very end, in UTF-8 and in UTF-16: refused, nothing read past the
	 * file (each is in a buffer of its own length) */
	static const char *const open_at_end[] = {"<!--", "<![CDATA[", "<?"};
	for (size_t k = 0; k < 2 * sizeof open_at_end / sizeof *open_at_end; k++) {
		char in[32];
		int n = snprintf(in, sizeof in, "<a>%s", open_at_end[k / 2]);
		bool wide = k % 2;
		size_t len = wide ? 2 + 2 * (size_t)n : (size_t)n;
		char *buf = malloc(len);
		assert_non_null(buf);
		if (wide) {
			memcpy(buf, "\xff\xfe", 2);
			for (int c = 0; c < n; c++)
				buf[2 + 2 * c] = in[c], buf[3 + 2 * c] = '\0';
		} else {
			memcpy(buf, in, len);
		}
		assert_null(xmlio_parse(buf, len, "f.xml", &e));
		if (!strstr(e.msg, "not well-formed XML"))
			fail_msg("%s%s: %s", in, wide ? " in UTF-16" : "", e.msg);
		free(buf);
	}
	/* only the whole mark 0xfe 0xff, or a NUL and then '<', is UTF-16:
	 * 0xfe or a NUL followed by anything else is no XML document */
	static const struct {
		const char *bytes;
		size_t len;
	} not_u16[] = {{"\xfe<a/>", 5}, {"\xfe\xfe<a/>", 6}, {"\0a<a/>", 6}, {"\0\0<a/>", 6}};
	for (size_t k = 0; k < sizeof not_u16 / sizeof *not_u16; k++) {
		assert_null(xmlio_parse(not_u16[k].bytes, not_u16[k].len, "f.xml", &e));
		assert_string_equal(e.msg, "f.xml:1: not an XML document (it does not start with "
				    "'<')");
	}
	/* a big-endian byte order mark is UTF-16 whatever follows it: the
	 * parser judges the text (here U+4E00 before the root), and a mark
	 * alone is read no further */
	char *be = malloc(12);
	assert_non_null(be);
	memcpy(be, "\xfe\xff\x4e\x00\0<\0a\0/\0>", 12);
	for (size_t len = 12; len; len = len == 12 ? 2 : 0) {
		assert_null(xmlio_parse(be, len, "f.xml", &e));
		assert_string_equal(e.msg, "f.xml:1: not well-formed XML: Start tag expected, '<' "
				    "not found");
	}
	free(be);
	/* 16 MiB is the limit: one byte more is refused before parsing */
	size_t big = XMLIO_MAX_BYTES + 1;
	char *buf = malloc(big);
	assert_non_null(buf);
	memset(buf, ' ', big);
	buf[0] = '<';
	assert_null(xmlio_parse(buf, big, "big.xml", &e));
	assert_string_equal(e.msg, "big.xml: file is 16777217 bytes; files over 16 MiB are refused");
	assert_null(xmlio_parse(buf, big - 1, "big.xml", &e));
	/* refused for what it holds (one huge tag), not for its size */
	assert_null(strstr(e.msg, "16 MiB"));
	free(buf);
	/* a start tag of 1 MiB to its '>' is read; one byte more is refused,
	 * naming the element */
	size_t k = XMLIO_MAX_TEXT - 2;
	buf = malloc(k + 4);
	assert_non_null(buf);
	memcpy(buf, "<E", 2);
	memset(buf + 2, ' ', k);
	memcpy(buf + 2 + k, "/>", 2);
	assert_null(xmlio_parse(buf, k + 4, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml:1: the start tag <E> is longer than 1 MiB; files are "
			    "refused beyond that");
	memcpy(buf + 1 + k, "/>", 2);
	d = xmlio_parse(buf, k + 3, "f.xml", &e);
	if (!d)
		fail_msg("a start tag of 1 MiB: %s", e.msg);
	assert_string_equal((const char *)xmlDocGetRootElement(d)->name, "E");
	xmlFreeDoc(d);
	free(buf);
	/* a start tag left open at the end of the file (ended by a NUL, as a
	 * file read whole is): up to 1 MiB it is the parser that names the
	 * open tag, one byte more is refused for its length */
	for (size_t len = XMLIO_MAX_TEXT - 1; len <= XMLIO_MAX_TEXT + 1; len++) {
		buf = malloc(len + 1);
		assert_non_null(buf);
		memcpy(buf, "<E", 2);
		memset(buf + 2, ' ', len - 2);
		buf[len] = '\0';
		assert_null(xmlio_parse(buf, len, "f.xml", &e));
		if (len <= XMLIO_MAX_TEXT)
			assert_string_equal(e.msg, "f.xml:1: not well-formed XML: Couldn't find end "
					    "of Start Tag E line 1");
		else
			assert_string_equal(e.msg, "f.xml:1: the start tag <E> is longer than 1 MiB; "
					    "files are refused beyond that");
		free(buf);
	}
	/* the same in UTF-16 (a byte order mark, then the tag of len units),
	 * which is scanned unit by unit up to the last */
	for (size_t len = XMLIO_MAX_TEXT; len <= XMLIO_MAX_TEXT + 1; len++) {
		size_t units = len + 1;
		buf = calloc(units + 1, 2); /* and a NUL unit after it */
		assert_non_null(buf);
		memcpy(buf, "\xff\xfe<\0E", 5);
		for (size_t u = 3; u < units; u++)
			buf[2 * u] = ' ';
		assert_null(xmlio_parse(buf, 2 * units, "f.xml", &e));
		if (len == XMLIO_MAX_TEXT)
			assert_string_equal(e.msg, "f.xml:1: not well-formed XML: Couldn't find end "
					    "of Start Tag E line 1");
		else
			assert_string_equal(e.msg, "f.xml:1: the start tag <E> is longer than 1 MiB; "
					    "files are refused beyond that");
		free(buf);
	}
	/* nothing past len is read: a comment one unit over 1 MiB that ends
	 * in "--" is refused for its length even when the byte after the
	 * buffer would close it */
	size_t n = 3 + XMLIO_MAX_TEXT + 1;
	buf = malloc(n + 1);
	assert_non_null(buf);
	memcpy(buf, "<a><!--", 7);
	memset(buf + 7, 'c', n - 7);
	memcpy(buf + n - 2, "-->", 3);
	assert_null(xmlio_parse(buf, n, "f.xml", &e));
	assert_string_equal(e.msg, "f.xml:1: a comment longer than 1 MiB; files are refused beyond that");
	/* at exactly 1 MiB it is not refused for its length (unclosed, though) */
	assert_null(xmlio_parse(buf, n - 1, "f.xml", &e));
	assert_null(strstr(e.msg, "1 MiB"));
	free(buf);
	/* a text of exactly 1 MiB right after a start tag is read (the text
	 * starts past the tag's '>'); one byte more is refused */
	for (size_t len = XMLIO_MAX_TEXT; len <= XMLIO_MAX_TEXT + 1; len++) {
		n = 3 + len + 4;
		buf = malloc(n + 1);
		assert_non_null(buf);
		memcpy(buf, "<a>", 3);
		memset(buf + 3, 't', len);
		memcpy(buf + 3 + len, "</a>", 5);
		xmlDocPtr td = xmlio_parse(buf, n, "f.xml", &e);
		if (len == XMLIO_MAX_TEXT) {
			if (!td)
				fail_msg("a text of 1 MiB: %s", e.msg);
			xmlFreeDoc(td);
		} else {
			assert_null(td);
			assert_string_equal(e.msg, "f.xml:1: a text longer than 1 MiB; files are "
					    "refused beyond that (an OVF or API value is short)");
		}
		free(buf);
	}
}

static void os_map(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum osmap_how how;
		enum sc_os os;
	} cases[] = {
		{"Windows7x64", OSMAP_EXACT, SC_OS_WINDOWS7X64},
		{"rhel6x64", OSMAP_EXACT, SC_OS_RHEL6X64},
		{"unassigned", OSMAP_EXACT, SC_OS_UNASSIGNED},
		{"other_linux", OSMAP_ALIAS, SC_OS_OTHERLINUX},
		{"windows_xp", OSMAP_ALIAS, SC_OS_WINDOWSXP},
		{"windows_2003", OSMAP_ALIAS, SC_OS_WINDOWS2003},
		{"windows_2003x64", OSMAP_ALIAS, SC_OS_WINDOWS2003X64},
		{"windows_2008", OSMAP_ALIAS, SC_OS_WINDOWS2008},
		{"windows_2008x64", OSMAP_ALIAS, SC_OS_WINDOWS2008X64},
		{"windows_2008r2x64", OSMAP_ALIAS, SC_OS_WINDOWS2008R2X64},
		{"Windows_7", OSMAP_ALIAS, SC_OS_WINDOWS7},
		{"windows_7x64", OSMAP_ALIAS, SC_OS_WINDOWS7X64},
		{"rhel_3", OSMAP_ALIAS, SC_OS_RHEL3},
		{"rhel_3x64", OSMAP_ALIAS, SC_OS_RHEL3X64},
		{"rhel_4", OSMAP_ALIAS, SC_OS_RHEL4},
		{"rhel_4x64", OSMAP_ALIAS, SC_OS_RHEL4X64},
		{"rhel_5", OSMAP_ALIAS, SC_OS_RHEL5},
		{"rhel_5x64", OSMAP_ALIAS, SC_OS_RHEL5X64},
		{"rhel_6", OSMAP_ALIAS, SC_OS_RHEL6},
		{"RHEL_6X64", OSMAP_ALIAS, SC_OS_RHEL6X64},
		{"windows_2012x64", OSMAP_NEAREST, SC_OS_WINDOWS2008R2X64},
		{"windows_2019x64", OSMAP_NEAREST, SC_OS_WINDOWS2008R2X64},
		{"windows_8x64", OSMAP_NEAREST, SC_OS_WINDOWS7X64},
		{"windows_10", OSMAP_NEAREST, SC_OS_WINDOWS7X64},
		/* a year starts "20": "2" alone is no server release */
		{"windows_2k", OSMAP_NEAREST, SC_OS_WINDOWS7X64},
		{"windows_2", OSMAP_NEAREST, SC_OS_WINDOWS7X64},
		{"windows_", OSMAP_UNKNOWN, SC_OS_COUNT},
		{"rhel_7x64", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"rhcos_x64", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"sles_11", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"ubuntu_14_04", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"debian_7", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"centos_8", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"fedora_30", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"suse_15", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"opensuse_15", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"oel_7x64", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"oracle_linux_8", OSMAP_NEAREST, SC_OS_OTHERLINUX},
		{"other_ppc64", OSMAP_NEAREST, SC_OS_OTHER},
		{"other_s390x", OSMAP_NEAREST, SC_OS_OTHER},
		{"freebsd", OSMAP_NEAREST, SC_OS_OTHER},
		{"FreeBSDx64", OSMAP_NEAREST, SC_OS_OTHER},
		{"freebsd_12", OSMAP_UNKNOWN, SC_OS_COUNT},
		{"plan9", OSMAP_UNKNOWN, SC_OS_COUNT},
		{"rhel-7", OSMAP_UNKNOWN, SC_OS_COUNT},
		{"", OSMAP_UNKNOWN, SC_OS_COUNT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		enum sc_os os = SC_OS_COUNT;
		enum osmap_how how = osmap_lookup(cases[i].name, &os);
		if (how != cases[i].how || os != cases[i].os)
			fail_msg("case %zu '%s': how %d os %d, want %d %d", i, cases[i].name, how, os,
				 cases[i].how, cases[i].os);
	}
}

#define NS "http://schemas.dmtf.org/ovf/envelope/1/"
#define RASD "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"

static int ovf(const char *general, const char *items, struct sc_object *o, struct xmlio_notes *nt,
	       struct sc_err *e)
{
	char doc[4096];
	snprintf(doc, sizeof doc,
		 "<ovf:Envelope xmlns:ovf=\"" NS "\" xmlns:rasd=\"" RASD "\" "
		 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
		 "<Content xsi:type=\"ovf:VirtualSystem_Type\">\n<Name>o1</Name>\n%s\n"
		 "<Section xsi:type=\"ovf:VirtualHardwareSection_Type\">\n%s\n</Section>\n"
		 "</Content></ovf:Envelope>",
		 general, items);
	return ovf_read(doc, strlen(doc), "o.ovf", o, nt, e);
}

static bool has_note(const struct xmlio_notes *nt, const char *s)
{
	for (int i = 0; i < nt->n; i++)
		if (strstr(nt->line[i], s))
			return true;
	return false;
}

#define Z9 "000000000"
#define Z63 Z9 Z9 Z9 Z9 Z9 Z9 Z9 /* 63 zeros */

static void ovf_reader_values(void **state)
{
	(void)state;
	static const struct {
		const char *general, *items;
		int field; /* what to check: 0 usb, 1 display, 2 cpus, 3 migration, 4 type, 5 monitors, 6 memory */
		int want;  /* -1: refused */
		const char *note;
	} cases[] = {
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>0</rasd:UsbPolicy></Item>", 0, SC_USB_LEGACY, "UsbPolicy '0' read as usb=legacy"},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>1</rasd:UsbPolicy></Item>", 0, SC_USB_DISABLED, "UsbPolicy '1' read as usb=disabled"},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>2</rasd:UsbPolicy></Item>", 0, SC_USB_NATIVE, "UsbPolicy '2' read as usb=native"},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>Enabled</rasd:UsbPolicy></Item>", 0, SC_USB_LEGACY, "UsbPolicy 'Enabled' read as usb=legacy"},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>disabled</rasd:UsbPolicy></Item>", 0, SC_USB_DISABLED, "UsbPolicy 'disabled' read as usb=disabled"},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>EnabledLegacy</rasd:UsbPolicy></Item>", 0, SC_USB_LEGACY, "UsbPolicy 'EnabledLegacy' read as usb=legacy"},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>ENABLED_NATIVE</rasd:UsbPolicy></Item>", 0, SC_USB_NATIVE, NULL},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>ENABLED_LEGACY</rasd:UsbPolicy></Item>", 0, SC_USB_LEGACY, NULL},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>enablednative</rasd:UsbPolicy></Item>", 0, SC_USB_NATIVE, "UsbPolicy 'enablednative' read as usb=native"},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>3</rasd:UsbPolicy></Item>", 0, -1, NULL},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>ENABLED_NATIVE_ENABLED_NATIVE_ENABLED_NATIVE_ENABLED_NATIVE_ENABLED</rasd:UsbPolicy></Item>", 0, -1, "<UsbPolicy> is too long (at most 63 bytes)"},
		{"", "<Item><rasd:ResourceType>23</rasd:ResourceType></Item>", 0, SC_USB_NATIVE, "USB controller without UsbPolicy: usb=native"},
		{"", "", 0, SC_USB_DISABLED, "no USB controller (ResourceType 23): usb=disabled"},
		{"<DefaultDisplayType>0</DefaultDisplayType>", "", 1, SC_DISPLAY_VNC, NULL},
		{"<DefaultDisplayType>1</DefaultDisplayType>", "", 1, SC_DISPLAY_SPICE, NULL},
		{"<DefaultDisplayType>2</DefaultDisplayType>", "", 1, SC_DISPLAY_VNC, "DefaultDisplayType 2 is the vga video card: display=vnc (SPICE needs qxl)"},
		{"<DefaultDisplayType>3</DefaultDisplayType>", "", 1, SC_DISPLAY_VNC, "DefaultDisplayType 3 is the bochs video card: display=vnc (SPICE needs qxl)"},
		{"<DefaultDisplayType>4</DefaultDisplayType>", "", 1, -1, NULL},
		/* an integer's text of 63 bytes is read, 64 is too long */
		{"<DefaultDisplayType>" Z63 "</DefaultDisplayType>", "", 1, SC_DISPLAY_VNC, NULL},
		{"<DefaultDisplayType>0" Z63 "</DefaultDisplayType>", "", 1, -1, "<DefaultDisplayType> is too long (at most 63 bytes)"},
		{"", "", 1, SC_DISPLAY_SPICE, "no graphics device and no DefaultDisplayType: display=spice"},
		{"<DefaultDisplayType>0</DefaultDisplayType>", "<Item><rasd:ResourceType>26</rasd:ResourceType><rasd:Device>spice</rasd:Device></Item>", 1, SC_DISPLAY_SPICE, NULL},
		{"<DefaultDisplayType>1</DefaultDisplayType>", "<Item><Type>graphics</Type><Device>vnc</Device></Item>", 1, SC_DISPLAY_VNC, NULL},
		{"", "<Item><rasd:ResourceType>26</rasd:ResourceType><rasd:Device>vnc</rasd:Device></Item><Item><rasd:ResourceType>26</rasd:ResourceType><rasd:Device>spice</rasd:Device></Item>", 1, SC_DISPLAY_SPICE, "graphics devices spice and vnc: display=spice"},
		{"", "<Item><rasd:ResourceType>26</rasd:ResourceType><rasd:Device>rdp</rasd:Device></Item>", 1, SC_DISPLAY_SPICE, "graphics device of unknown protocol"},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:num_of_sockets>2</rasd:num_of_sockets><rasd:cpu_per_socket>3</rasd:cpu_per_socket><rasd:threads_per_cpu>2</rasd:threads_per_cpu></Item>", 2, 12, NULL},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:cpu_per_socket>160</rasd:cpu_per_socket></Item>", 2, 160, NULL},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:num_of_sockets>161</rasd:num_of_sockets></Item>", 2, -1, NULL},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:num_of_sockets>0</rasd:num_of_sockets></Item>", 2, -1, NULL},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:threads_per_cpu>0</rasd:threads_per_cpu><rasd:num_of_sockets>1</rasd:num_of_sockets></Item>", 2, -1, NULL},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:num_of_sockets>10</rasd:num_of_sockets><rasd:cpu_per_socket>17</rasd:cpu_per_socket></Item>", 2, -1, NULL},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>160</rasd:VirtualQuantity></Item>", 2, 160, NULL},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>161</rasd:VirtualQuantity></Item>", 2, -1, NULL},
		{"", "<Item><rasd:ResourceType>3</rasd:ResourceType></Item>", 2, 1, NULL},
		{"<MigrationSupport>0</MigrationSupport>", "", 3, SC_MIG_MIGRATABLE, NULL},
		{"<MigrationSupport>1</MigrationSupport>", "", 3, SC_MIG_MANUAL, NULL},
		{"<MigrationSupport>2</MigrationSupport>", "", 3, SC_MIG_PINNED, NULL},
		{"<MigrationSupport>3</MigrationSupport>", "", 3, -1, NULL},
		{"<VmType>0</VmType>", "", 4, SC_TYPE_DESKTOP, NULL},
		{"<VmType>1</VmType>", "", 4, SC_TYPE_SERVER, NULL},
		{"<VmType>2</VmType>", "", 4, -1, NULL},
		{"", "<Item><rasd:ResourceType>20</rasd:ResourceType><rasd:VirtualQuantity>4</rasd:VirtualQuantity></Item>", 5, 4, NULL},
		{"", "<Item><rasd:ResourceType>32768</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>", 5, 2, NULL},
		{"", "<Item><rasd:ResourceType>20</rasd:ResourceType></Item>", 5, 1, NULL},
		{"", "", 5, 1, "no graphical controller (ResourceType 20): monitors=1"},
		{"", "<Item><rasd:ResourceType>20</rasd:ResourceType><rasd:VirtualQuantity>5</rasd:VirtualQuantity></Item>", 5, -1, NULL},
		{"", "<Item><rasd:ResourceType>65535</rasd:ResourceType></Item>", 5, 1, "ignored (not console settings): Item ResourceType 65535"},
		{"", "<Item><rasd:ResourceType>65536</rasd:ResourceType></Item>", 5, -1, NULL},
		{"", "<Item><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>16</rasd:VirtualQuantity></Item>", 6, 16, NULL},
		{"", "<Item><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>15</rasd:VirtualQuantity></Item>", 6, -1, NULL},
		{"", "<Item><rasd:ResourceType>4</rasd:ResourceType></Item>", 6, 1024, NULL},
		{"", "<Item><Type>disk</Type><Device>disk</Device></Item>", 6, 1024, "ignored (not console settings): Item disk/disk"},
		{"", "<Item><Type>x</Type></Item>", 6, 1024, "ignored (not console settings): Item x"},
		{"", "<Item><Type>x</Type><Device>y</Device></Item>", 6, 1024, "ignored (not console settings): Item x/y"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_object o;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		int rc = ovf(cases[i].general, cases[i].items, &o, &nt, &e);
		if (cases[i].want < 0) {
			if (rc != SC_EUSAGE || !strstr(e.msg, "o.ovf:"))
				fail_msg("case %zu accepted", i);
			if (cases[i].note && !strstr(e.msg, cases[i].note))
				fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].note);
			xmlio_notes_free(&nt);
			continue;
		}
		if (rc)
			fail_msg("case %zu refused: %s", i, e.msg);
		int got[] = {o.usb, o.display, o.cpus, o.migration, o.type, o.monitors, o.memory};
		if (got[cases[i].field] != cases[i].want)
			fail_msg("case %zu: %d, want %d", i, got[cases[i].field], cases[i].want);
		if (cases[i].note && !has_note(&nt, cases[i].note))
			fail_msg("case %zu: no note '%s' (%d notes: %s)", i, cases[i].note, nt.n,
				 nt.n ? nt.line[0] : "");
		if (!cases[i].note && cases[i].field == 0 && has_note(&nt, "read as"))
			fail_msg("case %zu: a canonical policy noted", i);
		xmlio_notes_free(&nt);
	}
}

static void api_reader_values(void **state)
{
	(void)state;
	static const struct {
		const char *body;
		int field; /* 0 memory, 1 cpus, 2 display, 3 usb, 4 type, 5 monitors, 6 smartcard */
		int want;  /* -1: refused */
		const char *note;
	} cases[] = {
		{"<memory>16777216</memory>", 0, 16, NULL},
		{"<memory>1048576</memory>", 0, -1, NULL},
		{"<memory>1048575</memory>", 0, -1, NULL},
		{"<memory>4398046511104</memory>", 0, 4194304, NULL},
		{"<memory>4398046511105</memory>", 0, -1, NULL},
		{"<memory>1073741825</memory>", 0, 1024, "memory 1073741825 bytes rounded down to 1024 MiB"},
		{"<cpu><topology sockets=\"2\" cores=\"4\"/></cpu>", 1, 8, NULL},
		{"<cpu><topology sockets=\"160\"/></cpu>", 1, 160, NULL},
		{"<cpu><topology sockets=\" 2\" cores=\"3\n\"/></cpu>", 1, 6, NULL},
		{"<cpu><topology cores=\"161\"/></cpu>", 1, -1, NULL},
		{"<cpu><topology sockets=\"0\" cores=\"1\"/></cpu>", 1, -1, NULL},
		{"<cpu><topology sockets=\"1\" cores=\"0\"/></cpu>", 1, -1, NULL},
		{"<cpu><topology sockets=\"1001\" cores=\"1\"/></cpu>", 1, -1, NULL},
		{"<cpu><topology sockets=\"1\" cores=\"1001\"/></cpu>", 1, -1, NULL},
		{"<cpu/>", 1, 1, NULL},
		{"<display><type>VNC</type></display>", 2, SC_DISPLAY_VNC, NULL},
		{"<display><type>Spice</type></display>", 2, SC_DISPLAY_SPICE, NULL},
		{"<display><type>rdp</type></display>", 2, -1, NULL},
		{"<display><type>spice</type><monitors>4</monitors></display>", 5, 4, NULL},
		{"<display><monitors>0</monitors></display>", 5, -1, NULL},
		{"<display><smartcard_enabled>true</smartcard_enabled></display>", 6, 1, NULL},
		{"<display><smartcard_enabled>0</smartcard_enabled><port>5900</port></display>", 6, 0, "display/port"},
		{"<usb><enabled>true</enabled><type>Legacy</type></usb>", 3, SC_USB_LEGACY, NULL},
		{"<usb><enabled>true</enabled><type>NATIVE</type></usb>", 3, SC_USB_NATIVE, NULL},
		{"<usb><enabled>false</enabled><type>native</type></usb>", 3, SC_USB_DISABLED, "USB type 'native' ignored: USB is not enabled"},
		{"<usb><type>native</type></usb>", 3, SC_USB_DISABLED, NULL},
		{"<usb><enabled>true</enabled><type>usb3</type></usb>", 3, -1, NULL},
		{"<type>SERVER</type>", 4, SC_TYPE_SERVER, NULL},
		{"<type>Desktop</type>", 4, SC_TYPE_DESKTOP, NULL},
		{"<type>high_performance</type>", 4, -1, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char doc[512];
		struct api_doc d;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		snprintf(doc, sizeof doc, "<vm>\n<name>a1</name>\n%s\n</vm>", cases[i].body);
		int rc = api_read(doc, strlen(doc), "a.xml", &d, &nt, &e);
		if (cases[i].want < 0) {
			if (rc != SC_EUSAGE || !strstr(e.msg, "a.xml:3: "))
				fail_msg("case %zu: rc %d '%s'", i, rc, e.msg);
			xmlio_notes_free(&nt);
			continue;
		}
		if (rc)
			fail_msg("case %zu refused: %s", i, e.msg);
		const struct sc_object *o = &d.obj;
		int got[] = {o->memory, o->cpus, o->display, o->usb, o->type, o->monitors, o->smartcard};
		if (got[cases[i].field] != cases[i].want)
			fail_msg("case %zu: %d, want %d", i, got[cases[i].field], cases[i].want);
		if (cases[i].note && !has_note(&nt, cases[i].note))
			fail_msg("case %zu: no note '%s'", i, cases[i].note);
		xmlio_notes_free(&nt);
	}
	/* a topology of 1 to 1000 sockets or cores reaches the CPU count's
	 * range; 0, past 1000 or not a whole number, the topology itself is
	 * refused */
	static const struct {
		const char *topo, *err;
	} big[] = {
		{"sockets=\"0\"", "a.xml:3: <topology> sockets '0' cores '1' are not valid; "
				  "valid: whole numbers 1..1000 each"},
		{"cores=\"0\"", "a.xml:3: <topology> sockets '1' cores '0' are not valid; "
				"valid: whole numbers 1..1000 each"},
		{"sockets=\"1000\"", "a.xml:3: invalid cpus '1000'; valid: an integer 1..160"},
		{"cores=\"1000\"", "a.xml:3: invalid cpus '1000'; valid: an integer 1..160"},
		{"sockets=\"1001\"", "a.xml:3: <topology> sockets '1001' cores '1' are not valid; "
				     "valid: whole numbers 1..1000 each"},
		{"cores=\"1001\"", "a.xml:3: <topology> sockets '1' cores '1001' are not valid; "
				   "valid: whole numbers 1..1000 each"},
		{"sockets=\"2x\"", "a.xml:3: <topology> sockets '2x' cores '1' are not valid; "
				   "valid: whole numbers 1..1000 each"},
		{"cores=\"2 2\"", "a.xml:3: <topology> sockets '1' cores '2 2' are not valid; "
				   "valid: whole numbers 1..1000 each"},
		{"cores=\"+2\"", "a.xml:3: <topology> sockets '1' cores '+2' are not valid; "
				  "valid: whole numbers 1..1000 each"},
	};
	for (size_t i = 0; i < sizeof big / sizeof *big; i++) {
		char doc[256];
		struct api_doc d;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		snprintf(doc, sizeof doc, "<vm>\n<name>a1</name>\n<cpu><topology %s/></cpu>\n</vm>",
			 big[i].topo);
		assert_int_equal(api_read(doc, strlen(doc), "a.xml", &d, &nt, &e), SC_EUSAGE);
		assert_string_equal(e.msg, big[i].err);
		xmlio_notes_free(&nt);
	}
}

/* <cluster> and <template> references: a name, Blank for no template, an
 * invalid name noted and left out, one too long refused. */
static void api_refs(void **state)
{
	(void)state;
	static const struct {
		const char *body, *cluster, *tmpl, *note, *err; /* err: refused with this */
	} cases[] = {
		{"<cluster><name>c-1</name></cluster><template><name>t.1</name></template>", "c-1", "t.1", NULL, NULL},
		{"<template><name>Blank</name></template>", "", "", NULL, NULL},
		{"<cluster><name>Blank</name></cluster>", "Blank", "", NULL, NULL},
		{"<cluster><name>bad name</name></cluster>", "", "", "a.xml:3: ignored <cluster> name 'bad name': not a valid name", NULL},
		{"<template><name>x/y</name></template>", "", "", "a.xml:3: ignored <template> name 'x/y': not a valid name", NULL},
		{"<cluster href=\"/c/1\" id=\"1\"/>", "", "", "a.xml: ignored (not console settings): cluster", NULL},
		{"<cluster><name>" "0123456789012345678901234567890123456789012345678901234567890123"
		 "0123456789012345678901234567890123456789012345678901234567890123"
		 "0123456789012345678901234567890123456789012345678901234567890123"
		 "0123456789012345678901234567890123456789012345678901234567890123"
		 "</name></cluster>", "", "", NULL, "a.xml:3: <name> is too long (at most 255 bytes)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char doc[1024];
		struct api_doc d;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		snprintf(doc, sizeof doc, "<vm>\n<name>a1</name>\n%s\n</vm>", cases[i].body);
		int rc = api_read(doc, strlen(doc), "a.xml", &d, &nt, &e);
		if (cases[i].err) {
			if (rc != SC_EUSAGE || strcmp(e.msg, cases[i].err))
				fail_msg("case %zu: rc %d '%s'", i, rc, e.msg);
		} else {
			if (rc)
				fail_msg("case %zu refused: %s", i, e.msg);
			assert_string_equal(d.obj.cluster, cases[i].cluster);
			assert_string_equal(d.obj.tmpl, cases[i].tmpl);
			if (cases[i].note && !has_note(&nt, cases[i].note))
				fail_msg("case %zu: no note '%s' (%s)", i, cases[i].note, nt.n ? nt.line[0] : "");
		}
		xmlio_notes_free(&nt);
	}
}

/* What each reader says about an OS name it had to map. */
static void os_notes(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum sc_os os;
		const char *note; /* NULL: no note; "!" refused */
	} cases[] = {
		{"RHEL6x64", SC_OS_RHEL6X64, NULL},
		{"windows_7x64", SC_OS_WINDOWS7X64, ":3: OS 'windows_7x64' mapped to Windows7x64"},
		{"rhel_7x64", SC_OS_OTHERLINUX,
		 ":3: OS 'rhel_7x64' has no oVirt 3.1 equivalent: mapped to OtherLinux, the nearest linux entry"},
		{"windows_2016x64", SC_OS_WINDOWS2008R2X64,
		 ":3: OS 'windows_2016x64' has no oVirt 3.1 equivalent: mapped to Windows2008R2x64, the nearest windows entry"},
		{"freebsd", SC_OS_OTHER,
		 ":3: OS 'freebsd' has no oVirt 3.1 equivalent: mapped to Other, the nearest other entry"},
		{"beos", SC_OS_COUNT, ":3: unknown OS 'beos'; valid: Unassigned, WindowsXP"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		for (int api = 0; api < 2; api++) {
			char doc[1024];
			struct sc_err e = {0};
			struct xmlio_notes nt = {0};
			struct sc_object o;
			struct api_doc d;
			int rc;
			if (api) {
				snprintf(doc, sizeof doc, "<vm>\n<name>a1</name>\n<os type=\"%s\"/>\n</vm>",
					 cases[i].name);
				rc = api_read(doc, strlen(doc), "f", &d, &nt, &e);
				o = d.obj;
			} else {
				snprintf(doc, sizeof doc,
					 "<ovf:Envelope xmlns:ovf=\"" NS "\" "
					 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
					 "<Content xsi:type=\"ovf:VirtualSystem_Type\"><Name>o1</Name>\n"
					 "<Section xsi:type=\"ovf:OperatingSystemSection_Type\"><Description>%s"
					 "</Description></Section></Content></ovf:Envelope>",
					 cases[i].name);
				rc = ovf_read(doc, strlen(doc), "f", &o, &nt, &e);
			}
			if (cases[i].os == SC_OS_COUNT) {
				if (rc != SC_EUSAGE || !strstr(e.msg, cases[i].note))
					fail_msg("case %zu/%d: rc %d '%s'", i, api, rc, e.msg);
			} else {
				if (rc)
					fail_msg("case %zu/%d refused: %s", i, api, e.msg);
				assert_int_equal(o.os, cases[i].os);
				if (cases[i].note && !has_note(&nt, cases[i].note))
					fail_msg("case %zu/%d: no note '%s'", i, api, cases[i].note);
				if (!cases[i].note && has_note(&nt, "OS '"))
					fail_msg("case %zu/%d: an exact name noted", i, api);
			}
			xmlio_notes_free(&nt);
		}
	}
	struct api_doc d;
	struct sc_err e = {0};
	struct xmlio_notes nt = {0};
	static const char line1[] = "<vm><name>a1</name><os type=\"windows_7\"/></vm>";
	assert_int_equal(api_read(line1, strlen(line1), "f", &d, &nt, &e), 0);
	assert_string_equal(nt.line[0], "f:1: OS 'windows_7' mapped to Windows7");
	xmlio_notes_free(&nt);
	static const char no_type[] = "<vm><name>a1</name><os/></vm>";
	assert_int_equal(api_read(no_type, strlen(no_type), "f", &d, NULL, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "f:1: <os> without a type attribute; valid: Unassigned"));
	/* an OVF without an OperatingSystemSection says what it took */
	static const char no_os[] = "<ovf:Envelope xmlns:ovf=\"" NS "\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
		"<Content xsi:type=\"ovf:VirtualSystem_Type\"><Name>o1</Name>\n"
		"</Content></ovf:Envelope>";
	struct sc_object o;
	assert_int_equal(ovf_read(no_os, strlen(no_os), "f", &o, &nt, &e), 0);
	assert_int_equal(o.os, SC_OS_UNASSIGNED);
	if (!has_note(&nt, "no OperatingSystemSection: os=Unassigned"))
		fail_msg("no note of the missing OS (%d notes: %s)", nt.n, nt.n ? nt.line[0] : "");
	xmlio_notes_free(&nt);
}

/* The general elements of an OVF: names, templates, descriptions, the
 * kind, and what is listed as ignored. */
static void ovf_general(void **state)
{
	(void)state;
	static const struct {
		const char *general;
		enum sc_kind kind;
		const char *cluster, *tmpl, *desc, *note, *err;
	} cases[] = {
		{"<TemplateName>t-1</TemplateName><ClusterName>c.1</ClusterName>", SC_VM, "c.1", "t-1", "", NULL, NULL},
		{"<TemplateName>Blank</TemplateName>", SC_VM, "", "", "", NULL, NULL},
		{"<ClusterName>Blank</ClusterName>", SC_VM, "Blank", "", "", NULL, NULL},
		{"<TemplateName>a b</TemplateName>", SC_VM, "", "", "", "o.ovf:4: ignored <TemplateName> 'a b': not a valid name", NULL},
		{"<ClusterName>a/b</ClusterName>", SC_VM, "", "", "", "o.ovf:4: ignored <ClusterName> 'a/b': not a valid name", NULL},
		{"<TemplateType>TEMPLATE</TemplateType><TemplateName>t-1</TemplateName>", SC_TEMPLATE, "", "", "", "ignored (not console settings): TemplateType", NULL},
		{"<BaseTemplateId>x</BaseTemplateId>", SC_TEMPLATE, "", "", "", "ignored (not console settings): BaseTemplateId", NULL},
		{"<default_display_type>1</default_display_type>", SC_TEMPLATE, "", "", "", NULL, NULL},
		{"<Description>one\n  two\tthree</Description>", SC_VM, "", "", "one   two three", NULL, NULL},
		{"<Description> kept  as is </Description>", SC_VM, "", "", " kept  as is ", NULL, NULL},
		{"<Description>~\x7f</Description>", SC_VM, "", "", "", NULL, "o.ovf:4: invalid description"},
		{"<Foo/><Bar/><Foo/>", SC_VM, "", "", "", "o.ovf: ignored (not console settings): Foo, Bar", NULL},
		{"<Section xsi:type=\"ovf:DiskSection_Type\"/><Section/>", SC_VM, "", "", "", "ignored (not console settings): Section DiskSection_Type, Section ?", NULL},
		{"<IsSmartcardEnabled>1</IsSmartcardEnabled>", SC_VM, "", "", "", NULL, NULL},
		{"<Name>" "0123456789012345678901234567890123456789012345678901234567890123"
		 "0123456789012345678901234567890123456789012345678901234567890123"
		 "0123456789012345678901234567890123456789012345678901234567890123"
		 "0123456789012345678901234567890123456789012345678901234567890123</Name>",
		 SC_VM, "", "", "", NULL, "o.ovf:3: <Name> is too long (at most 255 bytes)"},
		{"<Name>a b</Name>", SC_VM, "", "", "", NULL, "o.ovf:3: invalid name 'a b'"},
		/* a cluster or template name too long for any name is refused, not
		 * ignored as an invalid one */
		{"<ClusterName>" "0123456789012345678901234567890123456789012345678901234567890123" "0123456789012345678901234567890123456789012345678901234567890123" "0123456789012345678901234567890123456789012345678901234567890123" "0123456789012345678901234567890123456789012345678901234567890123" "</ClusterName>", SC_VM, "", "", "", NULL,
		 "o.ovf:4: <ClusterName> is too long (at most 255 bytes)"},
		{"<TemplateName>" "0123456789012345678901234567890123456789012345678901234567890123" "0123456789012345678901234567890123456789012345678901234567890123" "0123456789012345678901234567890123456789012345678901234567890123" "0123456789012345678901234567890123456789012345678901234567890123" "</TemplateName>", SC_VM, "", "", "", NULL,
		 "o.ovf:4: <TemplateName> is too long (at most 255 bytes)"},
		/* the disconnect delay: 1440 minutes is the most */
		{"<ConsoleDisconnectAction>SHUTDOWN</ConsoleDisconnectAction>"
		 "<ConsoleDisconnectActionDelay>1440</ConsoleDisconnectActionDelay>", SC_VM, "", "", "", NULL, NULL},
		{"<ConsoleDisconnectAction>SHUTDOWN</ConsoleDisconnectAction>"
		 "<ConsoleDisconnectActionDelay>1441</ConsoleDisconnectActionDelay>", SC_VM, "", "", "", NULL,
		 "o.ovf:4: <ConsoleDisconnectActionDelay> '1441' is not valid; valid: minutes 0..1440"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char doc[2048];
		struct sc_object o;
		struct sc_err e = {0};
		struct xmlio_notes nt = {0};
		snprintf(doc, sizeof doc,
			 "<ovf:Envelope xmlns:ovf=\"" NS "\" "
			 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
			 "<Content xsi:type=\"ovf:VirtualSystem_Type\">\n%s%s\n"
			 "</Content></ovf:Envelope>",
			 /* a file gives its name once */
			 strstr(cases[i].general, "<Name>") ? "" : "<Name>o1</Name>\n",
			 cases[i].general);
		int rc = ovf_read(doc, strlen(doc), "o.ovf", &o, &nt, &e);
		if (cases[i].err) {
			if (rc != SC_EUSAGE || strncmp(e.msg, cases[i].err, strlen(cases[i].err)))
				fail_msg("case %zu: rc %d '%s'", i, rc, e.msg);
			xmlio_notes_free(&nt);
			continue;
		}
		if (rc)
			fail_msg("case %zu refused: %s", i, e.msg);
		assert_int_equal(o.kind, cases[i].kind);
		assert_string_equal(o.cluster, cases[i].cluster);
		assert_string_equal(o.tmpl, cases[i].tmpl);
		assert_string_equal(o.description, cases[i].desc);
		if (i == 13)
			assert_true(o.smartcard);
		if (cases[i].note && !has_note(&nt, cases[i].note))
			fail_msg("case %zu: no note '%s' (%d: %s)", i, cases[i].note, nt.n,
				 nt.n ? nt.line[nt.n - 1] : "");
		xmlio_notes_free(&nt);
	}
	/* a template is known by its own id in TemplateId, not by the zero id */
	static const char *const ids[] = {"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d",
					  "00000000-0000-0000-0000-000000000000"};
	for (int k = 0; k < 2; k++) {
		char doc[1024];
		struct sc_object o;
		struct sc_err e = {0};
		snprintf(doc, sizeof doc,
			 "<ovf:Envelope xmlns:ovf=\"" NS "\" "
			 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
			 "<Content xsi:type=\"ovf:VirtualSystem_Type\"><Name>o1</Name>"
			 "<TemplateId>%s</TemplateId><TemplateName>t-1</TemplateName>"
			 "<Section ovf:id=\"%s\" xsi:type=\"ovf:OperatingSystemSection_Type\">"
			 "<Description>Other</Description></Section></Content></ovf:Envelope>",
			 ids[k], ids[k]);
		assert_int_equal(ovf_read(doc, strlen(doc), "o.ovf", &o, NULL, &e), 0);
		assert_int_equal(o.kind, k ? SC_VM : SC_TEMPLATE);
		assert_string_equal(o.tmpl, k ? "t-1" : "");
		assert_string_equal(o.uuid, k ? "" : ids[0]);
	}
	/* the envelope namespace with or without its '/', nothing else */
	static const struct {
		const char *ns;
		bool ok;
	} nss[] = {
		{"http://schemas.dmtf.org/ovf/envelope/1/", true},
		{"http://schemas.dmtf.org/ovf/envelope/1", true},
		{"http://schemas.dmtf.org/ovf/envelope/1//", false},
		{"http://schemas.dmtf.org/ovf/envelope/", false},
		{"http://schemas.dmtf.org/ovf/envelope/12", false},
	};
	for (size_t i = 0; i < sizeof nss / sizeof *nss; i++) {
		char doc[1024];
		struct sc_object o;
		struct sc_err e = {0};
		snprintf(doc, sizeof doc,
			 "<ovf:Envelope xmlns:ovf=\"%s\" "
			 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
			 "<Content xsi:type=\"ovf:VirtualSystem_Type\"><Name>o1</Name>"
			 "</Content></ovf:Envelope>",
			 nss[i].ns);
		int rc = ovf_read(doc, strlen(doc), "o.ovf", &o, NULL, &e);
		if (nss[i].ok != (rc == 0))
			fail_msg("namespace %s: rc %d %s", nss[i].ns, rc, e.msg);
		if (!nss[i].ok)
			assert_non_null(strstr(e.msg, "o.ovf:1: root element is <Envelope>; an OVF file "
						      "has <ovf:Envelope> in namespace"));
	}
	/* a system without a name; a Content of another type is no system */
	static const char *const bad[] = {
		"<ovf:Envelope xmlns:ovf=\"" NS "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
		"\n<Content xsi:type=\"ovf:VirtualSystem_Type\"><Description>d</Description></Content>"
		"</ovf:Envelope>",
		"<ovf:Envelope xmlns:ovf=\"" NS "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
		"<Content xsi:type=\"ovf:VirtualSystemCollection_Type\"><Name>o1</Name></Content>"
		"</ovf:Envelope>",
	};
	struct sc_object o;
	struct sc_err e = {0};
	assert_int_equal(ovf_read(bad[0], strlen(bad[0]), "o.ovf", &o, NULL, &e), SC_EUSAGE);
	assert_string_equal(e.msg, "o.ovf:2: the virtual system has no <Name>");
	assert_int_equal(ovf_read(bad[1], strlen(bad[1]), "o.ovf", &o, NULL, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "o.ovf:1: no virtual system"));
}

/* Fitting a file into its cluster: what is noted, what is refused. */
static void fit_messages(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	struct xmlio_notes nt = {0};
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	sc_object_defaults(&o, SC_VM, &ctx);
	strcpy(o.name, "f1");
	strcpy(o.cluster, "c");
	o.os = SC_OS_RHEL6X64, o.usb = SC_USB_LEGACY, o.monitors = 3, o.wan = true;
	assert_int_equal(ovf_fit(&o, &ctx, "f.ovf", &nt, &e), 0);
	assert_int_equal(nt.n, 3);
	assert_string_equal(nt.line[0],
			    "f.ovf: usb=legacy is not allowed for RHEL6x64 with spice on cluster "
			    "version 3.1 (legacy USB redirection is not available for Linux guests on "
			    "cluster version 3.1 or later (use native)): imported as disabled");
	assert_string_equal(nt.line[1], "f.ovf: monitors changed from 3 to 1: 3 monitors are not "
					"in the site option ValidNumOfMonitors");
	assert_string_equal(nt.line[2], "f.ovf: WAN optimisation turned off: WAN optimisation is "
					"offered only for Windows guests with the SPICE protocol");
	xmlio_notes_free(&nt);
	o.cluster[0] = '\0';
	assert_int_equal(ovf_fit(&o, &ctx, "f.ovf", &nt, &e), SC_EUSAGE);
	assert_string_equal(e.msg, "f.ovf: a vm needs a cluster");
	xmlio_notes_free(&nt);

	struct api_doc d;
	static const char req[] = "<vm><name>a1</name><os type=\"RHEL6x64\"/>"
				  "<usb><enabled>true</enabled></usb></vm>";
	assert_int_equal(api_read(req, strlen(req), "r.xml", &d, NULL, &e), 0);
	strcpy(d.obj.cluster, "c");
	assert_true(d.usb_untyped);
	assert_int_equal(api_fit(&d, &ctx, "r.xml", &nt, &e), 0);
	assert_int_equal(d.obj.usb, SC_USB_NATIVE);
	assert_false(d.usb_untyped);
	assert_int_equal(nt.n, 1);
	assert_string_equal(nt.line[0],
			    "r.xml: USB enabled without a type: usb=native on cluster version 3.1");
	xmlio_notes_free(&nt);
	d.obj.usb = SC_USB_LEGACY;
	assert_int_equal(api_fit(&d, &ctx, "r.xml", &nt, &e), SC_EUSAGE);
	assert_string_equal(e.msg, "r.xml: vm 'a1' refused: USB Support 'legacy' is not allowed here: "
				   "legacy USB redirection is not available for Linux guests on "
				   "cluster version 3.1 or later (use native)");
	assert_int_equal(nt.n, 0);
}

/* The field table: keys, which kinds have them, their text form. */
static void fields(void **state)
{
	(void)state;
	static const char *const keys[SC_F_COUNT] = {
		"name", "cluster", "template", "size", "os", "type", "memory", "cpus", "display",
		"monitors", "usb", "smartcard", "wan", "usb_autoshare", "migration", "description",
		"copy_paste", "file_transfer", "disconnect_action", "disconnect_delay",
		"allow_reconnect", "spice_proxy"};
	for (int f = 0; f < SC_F_COUNT; f++) {
		assert_string_equal(sc_field_info(f)->key, keys[f]);
		assert_int_equal(sc_field_lookup(keys[f]), f);
		assert_true(sc_field_applies(f, SC_POOL) || f == -1);
	}
	assert_null(sc_field_info(-1));
	assert_null(sc_field_info(SC_F_COUNT));
	assert_int_equal(sc_field_lookup("Name"), -1);
	assert_false(sc_field_applies(-1, SC_VM));
	assert_false(sc_field_applies(SC_F_COUNT, SC_VM));
	assert_false(sc_field_applies(SC_F_NAME, SC_CLUSTER));
	assert_string_equal(sc_field_info(SC_F_USB)->label, "USB Support");
	assert_int_equal(sc_field_info(SC_F_DESCRIPTION)->max, 1024);
	char buf[512];
#define CONSOLE "copy_paste, file_transfer, disconnect_action, disconnect_delay, allow_reconnect"
	sc_field_keys(SC_VM, buf, sizeof buf);
	assert_string_equal(buf, "name, cluster, template, os, type, memory, cpus, display, monitors, "
				 "usb, smartcard, wan, usb_autoshare, migration, description, " CONSOLE);
	sc_field_keys(SC_TEMPLATE, buf, sizeof buf);
	assert_string_equal(buf, "name, cluster, os, type, memory, cpus, display, monitors, usb, "
				 "smartcard, wan, usb_autoshare, migration, description, " CONSOLE);
	sc_field_keys(SC_POOL, buf, sizeof buf);
	assert_string_equal(buf, "name, cluster, template, size, os, type, memory, cpus, display, "
				 "monitors, usb, smartcard, wan, usb_autoshare, migration, description, "
				 CONSOLE ", spice_proxy");
#undef CONSOLE
	sc_field_keys(SC_CLUSTER, buf, sizeof buf);
	assert_string_equal(buf, "");
	static const char *const yes[] = {"true", "YES", "On", "1"}, *const no[] = {"False", "no", "OFF", "0"};
	for (int i = 0; i < 4; i++) {
		bool b = false;
		assert_int_equal(sc_parse_bool(yes[i], &b), 0);
		assert_true(b);
		assert_int_equal(sc_parse_bool(no[i], &b), 0);
		assert_false(b);
	}
	bool b = true;
	assert_int_equal(sc_parse_bool("y", &b), -1);
	assert_int_equal(sc_parse_bool("", &b), -1);
	assert_true(b);
	/* every field's text */
	struct sc_ctx ctx;
	struct sc_object o;
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	sc_object_defaults(&o, SC_POOL, &ctx);
	strcpy(o.name, "p1"), strcpy(o.cluster, "c"), strcpy(o.tmpl, "t"), strcpy(o.description, "d e");
	o.size = 7, o.os = SC_OS_RHEL5, o.type = SC_TYPE_SERVER, o.memory = 512, o.cpus = 3;
	o.display = SC_DISPLAY_VNC, o.monitors = 1, o.usb = SC_USB_LEGACY, o.smartcard = true;
	o.wan = false, o.usb_autoshare = true, o.migration = SC_MIG_MANUAL;
	static const char *const want[SC_F_COUNT] = {"p1", "c", "t", "7", "RHEL5", "server", "512", "3",
						     "vnc", "1", "legacy", "true", "false", "true",
						     "manual", "d e",
						     /* clipboard and file transfer are off on VNC */
						     "false", "false", "lock-screen", "0", "false", ""};
	for (int f = 0; f < SC_F_COUNT; f++) {
		sc_field_get(&o, f, buf, sizeof buf);
		if (strcmp(buf, want[f]))
			fail_msg("%s: '%s', want '%s'", keys[f], buf, want[f]);
	}
	o.usb = SC_USB_NATIVE, o.smartcard = false, o.wan = true, o.usb_autoshare = false;
	sc_field_get(&o, SC_F_MIGRATION, buf, sizeof buf);
	assert_string_equal(buf, "pinned");
	sc_field_get(&o, SC_F_SMARTCARD, buf, sizeof buf);
	assert_string_equal(buf, "false");
	sc_field_get(&o, SC_F_WAN, buf, sizeof buf);
	assert_string_equal(buf, "true");
	sc_field_get(&o, SC_F_USB_AUTOSHARE, buf, sizeof buf);
	assert_string_equal(buf, "false");
	sc_field_get(&o, SC_F_COUNT, buf, sizeof buf);
	assert_string_equal(buf, "?");
	/* the whole list of valid OS names in the error */
	struct sc_err e = {0};
	assert_int_equal(sc_field_set(&o, SC_F_OS, "Win", &e), SC_EUSAGE);
	assert_string_equal(e.msg, "invalid os 'Win'; valid: Unassigned, WindowsXP, Windows2003, "
				   "Windows2003x64, Windows2008, Windows2008x64, Windows2008R2x64, "
				   "Windows7, Windows7x64, RHEL3, RHEL3x64, RHEL4, RHEL4x64, RHEL5, "
				   "RHEL5x64, RHEL6, RHEL6x64, OtherLinux, Other");
	assert_int_equal(o.os, SC_OS_RHEL5);
}

/* CPU items: each count checked on its own, an absent one counting 1. */
static void ovf_cpu(void **state)
{
	(void)state;
	static const struct {
		const char *item;
		int cpus;	 /* 0: refused */
		const char *msg; /* the refusal, after "o.ovf:LINE: " */
	} cases[] = {
		{"<rasd:num_of_sockets>4</rasd:num_of_sockets>", 4, NULL},
		{"<rasd:cpu_per_socket>3</rasd:cpu_per_socket>", 3, NULL},
		{"<rasd:num_of_sockets>2</rasd:num_of_sockets><rasd:threads_per_cpu>2</rasd:threads_per_cpu>", 4, NULL},
		{"<rasd:threads_per_cpu>2</rasd:threads_per_cpu><rasd:VirtualQuantity>5</rasd:VirtualQuantity>", 5, NULL},
		{"<rasd:num_of_sockets>0</rasd:num_of_sockets>", 0, "<num_of_sockets> '0' is not valid; valid: 1..160"},
		{"<rasd:num_of_sockets>2</rasd:num_of_sockets><rasd:cpu_per_socket>0</rasd:cpu_per_socket>", 0, "<cpu_per_socket> '0' is not valid; valid: 1..160"},
		{"<rasd:num_of_sockets>2</rasd:num_of_sockets><rasd:threads_per_cpu>0</rasd:threads_per_cpu>", 0, "<threads_per_cpu> '0' is not valid; valid: 1..160"},
		{"<rasd:cpu_per_socket>161</rasd:cpu_per_socket>", 0, "<cpu_per_socket> '161' is not valid; valid: 1..160"},
		{"<rasd:VirtualQuantity>0</rasd:VirtualQuantity>", 0, "<VirtualQuantity> '0' is not valid; valid: 1..160"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char items[512];
		struct sc_object o;
		struct sc_err e = {0};
		snprintf(items, sizeof items, "<Item><rasd:ResourceType>3</rasd:ResourceType>%s</Item>",
			 cases[i].item);
		int rc = ovf("", items, &o, NULL, &e);
		if (!cases[i].cpus) {
			if (rc != SC_EUSAGE || !strstr(e.msg, cases[i].msg))
				fail_msg("case %zu: rc %d '%s'", i, rc, e.msg);
			continue;
		}
		if (rc)
			fail_msg("case %zu refused: %s", i, e.msg);
		assert_int_equal(o.cpus, cases[i].cpus);
	}
	/* an Item without a ResourceType is listed as ignored */
	struct sc_object o;
	struct sc_err e = {0};
	struct xmlio_notes nt = {0};
	assert_int_equal(ovf("", "<Item><rasd:Caption>x</rasd:Caption></Item>", &o, &nt, &e), 0);
	assert_true(has_note(&nt, "o.ovf: ignored (not console settings): Item ResourceType -1"));
	xmlio_notes_free(&nt);
	/* at most 96 different names are listed */
	char general[4096];
	size_t n = 0;
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(general + n, sizeof general - n, "<E%d/>", i);
	assert_int_equal(ovf(general, "", &o, &nt, &e), 0);
	const char *last = nt.line[nt.n - 1];
	assert_non_null(strstr(last, "o.ovf: ignored (not console settings): E0, E1, E2,"));
	assert_string_equal(last + strlen(last) - 10, ", E94, E95");
	assert_null(strstr(last, "E96"));
	xmlio_notes_free(&nt);
	/* other elements of the hardware section too, but not its Info and System */
	assert_int_equal(ovf("", "<Info>i</Info><System/><Disk/>", &o, &nt, &e), 0);
	assert_string_equal(nt.line[nt.n - 1], "o.ovf: ignored (not console settings): Disk");
	xmlio_notes_free(&nt);
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
		cmocka_unit_test(names),	       cmocka_unit_test(families),
		cmocka_unit_test(errors_and_strings), cmocka_unit_test(sbuf_values),
		cmocka_unit_test(option_messages),    cmocka_unit_test(plain_strings),
		cmocka_unit_test(usbfilter_edges),    cmocka_unit_test(clean_text),
		cmocka_unit_test(parse_edges),	       cmocka_unit_test(os_map),
		cmocka_unit_test(ovf_reader_values),  cmocka_unit_test(api_reader_values),
		cmocka_unit_test(api_refs),	       cmocka_unit_test(os_notes),
		cmocka_unit_test(ovf_general),	       cmocka_unit_test(fit_messages),
		cmocka_unit_test(fields),	       cmocka_unit_test(ovf_cpu),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
