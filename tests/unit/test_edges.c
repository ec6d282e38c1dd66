/* The edges of every range (the limit accepted, the next value refused),
 * inheritance of each field from a template, the migration choices while
 * native USB pins them, and imports of files without usable ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/api.h"
#include "model/field.h"
#include "model/ovf.h"
#include "model/rules.h"
#include "model/vv.h"
#include "store/config.h"

static struct sc_optreg reg;

static void vm(struct sc_object *o, struct sc_ctx *ctx, enum sc_kind kind)
{
	sc_ctx_init(ctx, &reg, SC_CVER_31);
	sc_object_defaults(o, kind, ctx);
	strcpy(o->name, "e1");
	strcpy(o->cluster, "c31");
	if (kind == SC_POOL)
		strcpy(o->tmpl, "t1");
}

/* A string of n bytes of c. */
static char *rep(char c, size_t n)
{
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void field_ranges(void **state)
{
	(void)state;
	static const struct {
		int field;
		const char *text;
		const char *err; /* NULL: accepted; else the whole message */
	} cases[] = {
		{SC_F_SIZE, "1", NULL},
		{SC_F_SIZE, "1000", NULL},
		{SC_F_SIZE, "0", "invalid size '0'; valid: an integer 1..1000"},
		{SC_F_SIZE, "1001", "invalid size '1001'; valid: an integer 1..1000"},
		{SC_F_MEMORY, "16", NULL},
		{SC_F_MEMORY, "4194304", NULL},
		{SC_F_MEMORY, "15", "invalid memory '15'; valid: an integer 16..4194304"},
		{SC_F_MEMORY, "4194305", "invalid memory '4194305'; valid: an integer 16..4194304"},
		{SC_F_CPUS, "1", NULL},
		{SC_F_CPUS, "160", NULL},
		{SC_F_CPUS, "0", "invalid cpus '0'; valid: an integer 1..160"},
		{SC_F_CPUS, "161", "invalid cpus '161'; valid: an integer 1..160"},
		{SC_F_CPUS, "", "invalid cpus ''; valid: an integer 1..160"},
		{SC_F_CPUS, "2 ", "invalid cpus '2 '; valid: an integer 1..160"},
		{SC_F_CPUS, "99999999999999999999", "invalid cpus '99999999999999999999'; valid: an integer 1..160"},
		{SC_F_MONITORS, "1", NULL},
		{SC_F_MONITORS, "4", NULL},
		{SC_F_MONITORS, "0", "invalid monitors '0'; valid: an integer 1..4"},
		{SC_F_MONITORS, "5", "invalid monitors '5'; valid: an integer 1..4"},
		{SC_F_SMARTCARD, "on", NULL},
		{SC_F_SMARTCARD, "OFF", NULL},
		{SC_F_SMARTCARD, "2", "invalid smartcard '2'; valid: true, false"},
		{SC_F_WAN, "maybe", "invalid wan 'maybe'; valid: true, false"},
		{SC_F_USB_AUTOSHARE, "nope", "invalid usb_autoshare 'nope'; valid: true, false"},
		{SC_F_USB, "NATIVE", NULL},
		{SC_F_USB, "on", "invalid usb 'on'; valid: disabled, legacy, native"},
		{SC_F_DISPLAY, "rdp", "invalid display 'rdp'; valid: spice, vnc"},
		{SC_F_TYPE, "laptop", "invalid type 'laptop'; valid: desktop, server"},
		{SC_F_MIGRATION, "never", "invalid migration 'never'; valid: migratable, manual, pinned"},
		{SC_F_NAME, "a.b_c-D9", NULL},
		{SC_F_NAME, "", "invalid name ''; valid: 1-64 characters of A-Z a-z 0-9 . _ -, not starting with -"},
		{SC_F_NAME, "a/b", "invalid name 'a/b'; valid: 1-64 characters of A-Z a-z 0-9 . _ -, not starting with -"},
		{SC_F_CLUSTER, "", "invalid cluster ''; valid: 1-64 characters of A-Z a-z 0-9 . _ -, not starting with -"},
		{SC_F_TEMPLATE, "", NULL}, /* a vm may have no template */
		{SC_F_TEMPLATE, "x y",
		 "invalid template 'x y'; valid: 1-64 characters of A-Z a-z 0-9 . _ -, not starting with - (or empty for none)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_err e = {0};
		vm(&o, &ctx, SC_VM);
		int rc = sc_field_set(&o, cases[i].field, cases[i].text, &e);
		if (!cases[i].err && rc)
			fail_msg("case %zu (%s) refused: %s", i, cases[i].text, e.msg);
		if (cases[i].err && (rc != SC_EUSAGE || strcmp(e.msg, cases[i].err)))
			fail_msg("case %zu: rc %d '%s', want '%s'", i, rc, e.msg, cases[i].err);
	}
	/* accepted values land in the field */
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e;
	char buf[64];
	vm(&o, &ctx, SC_POOL);
	assert_int_equal(sc_field_set(&o, SC_F_SIZE, "1000", &e), 0);
	assert_int_equal(o.size, 1000);
	assert_int_equal(sc_field_set(&o, SC_F_TEMPLATE, "", &e), SC_EUSAGE); /* a pool needs one */
	assert_int_equal(sc_field_set(&o, SC_F_MONITORS, "4", &e), 0);
	assert_int_equal(o.monitors, 4);
	assert_int_equal(sc_field_set(&o, SC_F_MEMORY, "16", &e), 0);
	assert_int_equal(o.memory, 16);
	assert_int_equal(sc_field_set(&o, SC_F_CPUS, "160", &e), 0);
	assert_int_equal(o.cpus, 160);
	assert_int_equal(sc_field_set(&o, SC_F_MIGRATION, "Manual", &e), 0);
	assert_int_equal(o.migration, SC_MIG_MANUAL);
	assert_int_equal(sc_field_set(&o, SC_F_TYPE, "SERVER", &e), 0);
	assert_int_equal(o.type, SC_TYPE_SERVER);
	assert_int_equal(sc_field_set(&o, SC_F_DISPLAY, "Vnc", &e), 0);
	assert_int_equal(o.display, SC_DISPLAY_VNC);
	assert_int_equal(sc_field_set(&o, SC_F_USB_AUTOSHARE, "0", &e), 0);
	assert_false(o.usb_autoshare);
	assert_int_equal(sc_field_set(&o, SC_F_WAN, "1", &e), 0);
	assert_true(o.wan);
	assert_int_equal(sc_field_set(&o, SC_F_CLUSTER, "c-2", &e), 0);
	sc_field_get(&o, SC_F_CLUSTER, buf, sizeof buf);
	assert_string_equal(buf, "c-2");
	sc_field_get(&o, SC_F_SIZE, buf, sizeof buf);
	assert_string_equal(buf, "1000");
	assert_int_equal(sc_field_set(&o, 99, "x", &e), SC_EUSAGE);
}

static void name_edges(void **state)
{
	(void)state;
	char *n64 = rep('a', 64), *n65 = rep('a', 65);
	assert_true(sc_name_valid(n64));
	assert_false(sc_name_valid(n65));
	assert_true(sc_name_valid("a"));
	assert_false(sc_name_valid(""));
	/* '-' anywhere but first: a name that starts with it reads as an option */
	assert_false(sc_name_valid("-"));
	assert_false(sc_name_valid("-a"));
	static const char ok[] = "AZaz09._-";
	for (const char *p = ok; *p; p++) {
		char s[3] = {'a', *p, 0};
		if (!sc_name_valid(s))
			fail_msg("'%s' refused", s);
	}
	/* the neighbours of each accepted range */
	static const char bad[] = "@[`{/:,+ ~";
	for (const char *p = bad; *p; p++) {
		char s[3] = {'a', *p, 0};
		if (sc_name_valid(s))
			fail_msg("'%s' accepted", s);
	}
	free(n64);
	free(n65);
}

static void description_edges(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool ok;
	} cases[] = {
		{"~ tilde is printable", true},
		{"space ", true},
		{"del \x7f", false},
		{"unit sep \x1f", false},
		{"tab\t", false},
		{"newline\n", false},
		{"\xc2\xa0 first two-byte", true},
		{"\xdf\xbf last two-byte", true},
		{"\xc1\xbf overlong", false},
		{"\xe2\x82\xac euro", true},
		{"\xef\xbf\xbd three", true},
		{"\xf0\x9f\x98\x80 four", true},
		{"\xf8\x88\x80\x80\x80 five", false},
		{"\xf1\x80\x80\x80 plane 4", true},
		{"\xf8\x88\x80\x80", false},
		{"\xe2\x82 cut", false},
		{"\xe2(\xac bad continuation", false},
		{"\x80 lone continuation", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_err e = {0};
		vm(&o, &ctx, SC_VM);
		int rc = sc_field_set(&o, SC_F_DESCRIPTION, cases[i].text, &e);
		if (cases[i].ok != (rc == 0))
			fail_msg("case %zu: rc %d", i, rc);
		if (cases[i].ok)
			assert_string_equal(o.description, cases[i].text);
		else
			assert_string_equal(e.msg, "invalid description: valid is UTF-8 text without "
						   "control characters, at most 1024 bytes");
	}
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	char *d1024 = rep('d', 1024), *d1025 = rep('d', 1025), buf[1100];
	vm(&o, &ctx, SC_VM);
	assert_int_equal(sc_field_set(&o, SC_F_DESCRIPTION, d1024, &e), 0);
	sc_field_get(&o, SC_F_DESCRIPTION, buf, sizeof buf);
	assert_string_equal(buf, d1024);
	assert_int_equal(sc_field_set(&o, SC_F_DESCRIPTION, d1025, &e), SC_EUSAGE);
	assert_string_equal(o.description, d1024); /* unchanged */
	free(d1024);
	free(d1025);
}

/* Values outside a field's range that reach validation (a store row, a
 * file) are refused by sc_validate() and reset by sc_apply(). */
static void validation_edges(void **state)
{
	(void)state;
	static const struct {
		enum sc_kind kind;
		int monitors, size;
		const char *err; /* NULL: valid */
	} cases[] = {
		{SC_VM, 1, 0, NULL},
		{SC_VM, 4, 0, NULL},
		{SC_VM, 0, 0, "monitors 0 is out of range; valid: 1..4"},
		{SC_VM, 5, 0, "monitors 5 is out of range; valid: 1..4"},
		{SC_VM, -1, 0, "monitors -1 is out of range; valid: 1..4"},
		{SC_VM, 3, 0, "3 monitors not allowed: 3 monitors are not in the site option ValidNumOfMonitors"},
		{SC_POOL, 1, 1, NULL},
		{SC_POOL, 1, 1000, NULL},
		{SC_POOL, 1, 0, "pool size 0 is out of range; valid: 1..1000"},
		{SC_POOL, 1, 1001, "pool size 1001 is out of range; valid: 1..1000"},
		{SC_VM, 1, 5000, NULL}, /* size is a pool's */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_msgs m = {0};
		vm(&o, &ctx, cases[i].kind);
		o.os = SC_OS_WINDOWS7X64;
		o.monitors = cases[i].monitors, o.size = cases[i].size;
		int n = sc_validate(&o, &ctx, &m);
		if (!cases[i].err && n)
			fail_msg("case %zu refused: %s", i, m.m[0].text);
		if (cases[i].err && (n != 1 || strcmp(m.m[0].text, cases[i].err)))
			fail_msg("case %zu: %d '%s', want '%s'", i, n, n ? m.m[0].text : "", cases[i].err);
	}
	static const int bad_mon[] = {0, 5, -3, 3};
	for (size_t i = 0; i < sizeof bad_mon / sizeof *bad_mon; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_msgs w = {0};
		char want[160];
		vm(&o, &ctx, SC_VM);
		o.monitors = bad_mon[i];
		sc_apply(&o, &ctx, &w);
		assert_int_equal(o.monitors, 1);
		assert_int_equal(w.n, 1);
		snprintf(want, sizeof want, "monitors changed from %d to 1: %s", bad_mon[i],
			 bad_mon[i] == 3 ? "3 monitors are not in the site option ValidNumOfMonitors"
					 : "out of range");
		assert_string_equal(w.m[0].text, want);
	}
	/* 1 and 4 are kept */
	for (int n = 1; n <= 4; n *= 4) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_msgs w = {0};
		vm(&o, &ctx, SC_VM);
		o.monitors = n;
		sc_apply(&o, &ctx, &w);
		assert_int_equal(o.monitors, n);
		assert_int_equal(w.n, 0);
	}
	/* name, cluster and template reach validation too */
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_msgs m = {0};
	vm(&o, &ctx, SC_POOL);
	o.name[0] = o.cluster[0] = o.tmpl[0] = '\0';
	assert_int_equal(sc_validate(&o, &ctx, &m), 3);
	assert_string_equal(m.m[0].text,
			    "invalid name ''; valid: 1-64 characters of A-Z a-z 0-9 . _ -, not starting with -");
	assert_int_equal(m.m[0].field, SC_F_NAME);
	assert_string_equal(m.m[1].text, "a pool needs a cluster");
	assert_int_equal(m.m[1].field, SC_F_CLUSTER);
	assert_string_equal(m.m[2].text, "a pool needs a template");
	assert_int_equal(m.m[2].field, SC_F_TEMPLATE);
}

static void port_edges(void **state)
{
	(void)state;
	static const char ca[] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
	static const struct {
		int port, tls;
		bool ok;
	} cases[] = {
		{1, 0, true},	   {65535, 0, true},  {65536, 0, false}, {-1, 0, false},
		{0, 1, true},	   {0, 65535, true},  {0, 65536, false}, {0, -1, false},
		{65535, 65535, true}, {5900, 65536, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct vv_conn c = {"h", cases[i].port, cases[i].tls, cases[i].tls ? ca : NULL, NULL,
				    NULL};
		struct sc_err e = {0};
		int rc = vv_conn_check(&c, &e);
		if (cases[i].ok != (rc == 0))
			fail_msg("case %zu: port %d tls-port %d: rc %d %s", i, cases[i].port,
				 cases[i].tls, rc, e.msg);
		if (!cases[i].ok && cases[i].port != 0 && cases[i].tls == 0)
			assert_string_equal(e.msg, "port out of range; valid: 1..65535");
	}
	/* host names: 255 characters accepted, 256 refused */
	char *h255 = rep('h', 255), *h256 = rep('h', 256);
	struct vv_conn c = {h255, 5900, 0, NULL, NULL, NULL};
	struct sc_err e = {0};
	assert_int_equal(vv_conn_check(&c, &e), 0);
	c.host = h256;
	assert_int_equal(vv_conn_check(&c, &e), SC_EUSAGE);
	c.host = "";
	assert_int_equal(vv_conn_check(&c, &e), SC_EUSAGE);
	static const char okh[] = "az.AZ-09:[]_%";
	c.host = okh;
	assert_int_equal(vv_conn_check(&c, &e), 0);
	static const char badh[] = "@`{/ ~";
	for (const char *p = badh; *p; p++) {
		char s[3] = {'h', *p, 0};
		c.host = s;
		if (vv_conn_check(&c, &e) != SC_EUSAGE)
			fail_msg("host '%s' accepted", s);
	}
	/* a host subject: any non-empty text; DEL and controls refused */
	struct vv_conn t = {"h", 0, 5901, ca, "O=~x", "p~w"};
	assert_int_equal(vv_conn_check(&t, &e), 0);
	t.host_subject = "";
	assert_int_equal(vv_conn_check(&t, &e), SC_EUSAGE);
	t.host_subject = "O=\x7f";
	assert_int_equal(vv_conn_check(&t, &e), SC_EUSAGE);
	t.host_subject = "O=x", t.password = "p\x7f";
	assert_int_equal(vv_conn_check(&t, &e), SC_EUSAGE);
	t.password = "\xc3\xa9t\xc3\xa9";
	assert_int_equal(vv_conn_check(&t, &e), 0);
	/* UTF-8 lead bytes at the edges of each length */
	static const struct {
		const char *pw;
		bool ok;
	} pws[] = {
		{"\xc2\xa0", true},	       {"\xdf\xbf", true},	     {"\xc1\xbf", false},
		{"\xe0\xa0\x80", true},      {"\xef\xbf\xbd", true},      {"\xf0\x9f\x98\x80", true},
		{"\xf4\x8f\xbf\xbf", true},  {"\xf5\x80\x80\x80", false}, {"\x80", false},
		{"\xe0\xa0", false},	       {"~", true},		     {"\x1f", false},
	};
	for (size_t i = 0; i < sizeof pws / sizeof *pws; i++) {
		t.password = pws[i].pw;
		if ((vv_conn_check(&t, &e) == 0) != pws[i].ok)
			fail_msg("password case %zu", i);
	}
	t.password = NULL;
	t.ca_pem = "-----BEGIN CERTIFICATE-----\r\nMIIB\x01\n";
	assert_int_equal(vv_conn_check(&t, &e), SC_EUSAGE);
	t.ca_pem = "-----BEGIN CERTIFICATE-----\r\nMIIB\n";
	assert_int_equal(vv_conn_check(&t, &e), 0);
	free(h255);
	free(h256);
}

/* Every field of a new vm or pool comes from its template, the
 * description among them (unless the new object has its own). */
static void inheritance(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object t, o;
	vm(&t, &ctx, SC_TEMPLATE);
	strcpy(t.name, "tpl-9");
	strcpy(t.cluster, "c-tpl");
	strcpy(t.description, "from the template");
	t.os = SC_OS_WINDOWS2008R2X64, t.type = SC_TYPE_SERVER, t.display = SC_DISPLAY_VNC;
	t.monitors = 3, t.usb = SC_USB_LEGACY, t.migration = SC_MIG_MANUAL, t.memory = 3333;
	t.cpus = 7, t.wan = true, t.smartcard = true, t.usb_autoshare = false, t.size = 9;
	strcpy(t.uuid, "0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d");
	for (int kind = SC_VM; kind <= SC_POOL; kind += SC_POOL - SC_VM) {
		vm(&o, &ctx, (enum sc_kind)kind);
		strcpy(o.name, "child");
		o.tmpl[0] = '\0';
		o.size = 4;
		sc_inherit_template(&o, &t);
		assert_int_equal(o.kind, kind);
		assert_string_equal(o.name, "child");
		assert_string_equal(o.tmpl, "tpl-9");
		assert_string_equal(o.cluster, "c-tpl");
		assert_string_equal(o.description, "from the template");
		assert_int_equal(o.os, SC_OS_WINDOWS2008R2X64);
		assert_int_equal(o.type, SC_TYPE_SERVER);
		assert_int_equal(o.display, SC_DISPLAY_VNC);
		assert_int_equal(o.monitors, 3);
		assert_int_equal(o.usb, SC_USB_LEGACY);
		assert_int_equal(o.migration, SC_MIG_MANUAL);
		assert_int_equal(o.memory, 3333);
		assert_int_equal(o.cpus, 7);
		assert_true(o.wan);
		assert_true(o.smartcard);
		assert_false(o.usb_autoshare);
		assert_int_equal(o.size, 4);	    /* a pool's own */
		assert_string_equal(o.uuid, ""); /* never the template's id */
	}
	/* the opposite values, so that no field is right by accident */
	t.wan = false, t.smartcard = false, t.usb_autoshare = true;
	vm(&o, &ctx, SC_VM);
	o.wan = o.smartcard = true, o.usb_autoshare = false;
	strcpy(o.description, "mine");
	sc_inherit_template(&o, &t);
	assert_false(o.wan);
	assert_false(o.smartcard);
	assert_true(o.usb_autoshare);
	assert_string_equal(o.description, "mine");
}

/* While native USB pins migration, the form offers only "pinned" and says
 * why for the others; leaving native offers them all again. */
static void migration_choices(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_choice ch[SC_CHOICES_MAX];
	vm(&o, &ctx, SC_VM);
	o.os = SC_OS_WINDOWS7X64;
	static const char *const labels[] = {"Allow migration", "Manual migration only",
					     "Do not migrate (pinned)"};
	for (int u = 0; u < SC_USB_COUNT; u++) {
		o.usb = (enum sc_usb)u;
		assert_int_equal(sc_choices(SC_F_MIGRATION, &o, &ctx, ch, SC_CHOICES_MAX), 3);
		for (int i = 0; i < 3; i++) {
			assert_int_equal(ch[i].value, i);
			assert_string_equal(ch[i].label, labels[i]);
			if (u == SC_USB_NATIVE && i != SC_MIG_PINNED)
				assert_string_equal(ch[i].reason, "migration is pinned while SPICE "
								  "native USB redirection is selected");
			else
				assert_null(ch[i].reason);
		}
		if (u == SC_USB_NATIVE)
			assert_string_equal(sc_lock_reason(SC_F_MIGRATION, &o, &ctx),
					    "migration is pinned while SPICE native USB redirection "
					    "is selected");
		else
			assert_null(sc_lock_reason(SC_F_MIGRATION, &o, &ctx));
	}
	/* a short output array: the count is still the full count, and
	 * nothing is written past the room given */
	o.usb = SC_USB_NATIVE;
	ch[1] = (struct sc_choice){-7, "untouched", NULL};
	assert_int_equal(sc_choices(SC_F_MIGRATION, &o, &ctx, ch, 1), 3);
	assert_int_equal(ch[0].value, SC_MIG_MIGRATABLE);
	assert_int_equal(ch[1].value, -7);
	assert_string_equal(ch[1].label, "untouched");
	ch[0] = ch[1];
	assert_int_equal(sc_choices(SC_F_MIGRATION, &o, &ctx, ch, 0), 3);
	assert_int_equal(ch[0].value, -7);
	assert_int_equal(sc_choices(SC_F_NAME, &o, &ctx, ch, SC_CHOICES_MAX), 0);
}

/* Choices of the other enumerated fields: values, labels and reasons. */
static void other_choices(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_choice ch[SC_CHOICES_MAX];
	vm(&o, &ctx, SC_VM);
	o.os = SC_OS_RHEL6X64;
	assert_int_equal(sc_choices(SC_F_OS, &o, &ctx, ch, SC_CHOICES_MAX), SC_OS_COUNT);
	assert_string_equal(ch[0].label, "Unassigned");
	assert_string_equal(ch[SC_OS_COUNT - 1].label, "Other");
	assert_int_equal(ch[SC_OS_COUNT - 1].value, SC_OS_COUNT - 1);
	assert_int_equal(sc_choices(SC_F_TYPE, &o, &ctx, ch, SC_CHOICES_MAX), 2);
	assert_string_equal(ch[1].label, "Server");
	assert_int_equal(sc_choices(SC_F_DISPLAY, &o, &ctx, ch, SC_CHOICES_MAX), 2);
	assert_string_equal(ch[0].label, "SPICE");
	assert_string_equal(ch[1].label, "VNC");
	assert_int_equal(sc_choices(SC_F_MONITORS, &o, &ctx, ch, SC_CHOICES_MAX), 4);
	assert_string_equal(ch[0].label, "1");
	assert_int_equal(ch[0].value, 1);
	assert_string_equal(ch[3].label, "4");
	assert_int_equal(ch[3].value, 4);
	assert_null(ch[3].reason);
	assert_string_equal(ch[2].reason, "3 monitors are not in the site option ValidNumOfMonitors");
	assert_int_equal(sc_choices(SC_F_USB, &o, &ctx, ch, SC_CHOICES_MAX), 3);
	assert_string_equal(ch[2].label, "Native");
	assert_null(ch[2].reason);
	assert_non_null(ch[1].reason);
	/* ValidNumOfMonitors=1: the field is locked with its reason */
	ctx.site.monitors_mask = 1u << 1;
	assert_string_equal(sc_lock_reason(SC_F_MONITORS, &o, &ctx),
			    "the site option ValidNumOfMonitors allows only 1 monitor");
	ctx.site.monitors_mask = (1u << 1) | (1u << 3);
	assert_null(sc_lock_reason(SC_F_MONITORS, &o, &ctx));
	assert_int_equal(sc_choices(SC_F_MONITORS, &o, &ctx, ch, SC_CHOICES_MAX), 4);
	assert_null(ch[2].reason);
	assert_non_null(ch[1].reason);
	/* smartcard and cluster locks */
	assert_null(sc_lock_reason(SC_F_SMARTCARD, &o, &ctx));
	o.display = SC_DISPLAY_VNC;
	assert_string_equal(sc_lock_reason(SC_F_SMARTCARD, &o, &ctx),
			    "smartcard passthrough needs the SPICE protocol");
	assert_null(sc_lock_reason(SC_F_CLUSTER, &o, &ctx));
	assert_null(sc_lock_reason(SC_F_NAME, &o, &ctx));
	o.kind = SC_POOL;
	assert_string_equal(sc_lock_reason(SC_F_CLUSTER, &o, &ctx),
			    "a pool runs in the cluster of its template");
}

/* Site options as the rules see them. */
static void site_values(void **state)
{
	(void)state;
	static const struct {
		const char *mons;
		unsigned mask;
	} cases[] = {
		{"1,2,4", 0x16}, {"4", 0x10}, {"1", 0x2}, {"3", 0x8}, {"1,2,3,4", 0x1e},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_optreg *r = malloc(sizeof *r);
		struct sc_site s;
		struct sc_err e;
		assert_non_null(r);
		memcpy(r, &reg, sizeof *r);
		int k = sc_opt_find(r, "ValidNumOfMonitors");
		assert_true(k >= 0);
		strcpy(r->values[k][SC_OPT_GENERAL], cases[i].mons);
		sc_site_load(r, SC_CVER_31, &s);
		assert_int_equal(s.monitors_mask, cases[i].mask);
		(void)e;
		free(r);
	}
	/* a registry without the options: the rules' own defaults */
	struct sc_optreg *empty = calloc(1, sizeof *empty);
	struct sc_site z;
	assert_non_null(empty);
	sc_site_load(empty, SC_CVER_31, &z);
	assert_int_equal(z.usb_slots, 4);
	assert_int_equal(z.wan_color_depth, 16);
	assert_int_equal(z.monitors_mask, 1u << 1);
	assert_false(z.native_usb_enabled);
	assert_false(z.usb_autoshare);
	assert_string_equal(z.usb_filter, "");
	free(empty);
	struct sc_site a, b;
	sc_site_load(&reg, SC_CVER_30, &a);
	assert_false(a.native_usb_enabled);
	assert_int_equal(a.usb_slots, 4);
	assert_int_equal(a.wan_color_depth, 16);
	assert_true(a.usb_autoshare);
	assert_false(a.usb_as_default);
	assert_string_equal(a.wan_effects, "animation");
	assert_string_equal(a.secure_channels, "main,inputs");
	assert_string_equal(a.usb_filter, "-1,-1,-1,-1,1");
	sc_site_load(&reg, SC_CVER_32, &b);
	assert_true(b.native_usb_enabled);
	assert_true(sc_site_rules_differ(&a, &b));
	b.native_usb_enabled = false;
	assert_false(sc_site_rules_differ(&a, &b));
	b.monitors_mask = 0x2;
	assert_true(sc_site_rules_differ(&a, &b));
	b.monitors_mask = a.monitors_mask;
	b.usb_slots = 6; /* no rule depends on it */
	assert_false(sc_site_rules_differ(&a, &b));
}

/* Files without ids import without one (the store gives a new one); an
 * id that is not a UUID is not taken. */
static void imports_without_ids(void **state)
{
	(void)state;
	static const char *const ovfs[] = {
		/* no ids at all */
		"<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1/\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
		"<Content xsi:type=\"ovf:VirtualSystem_Type\"><Name>n1</Name>"
		"<Section xsi:type=\"ovf:OperatingSystemSection_Type\"><Description>RHEL6x64"
		"</Description></Section></Content></ovf:Envelope>",
		/* the zero UUID */
		"<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1/\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
		"<Content ovf:id=\"00000000-0000-0000-0000-000000000000\" "
		"xsi:type=\"ovf:VirtualSystem_Type\"><Name>n1</Name>"
		"<Section ovf:id=\"00000000-0000-0000-0000-000000000000\" "
		"xsi:type=\"ovf:OperatingSystemSection_Type\"><Description>RHEL6x64"
		"</Description></Section></Content></ovf:Envelope>",
		/* ids that are not UUIDs */
		"<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1/\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
		"<Content ovf:id=\"out\" xsi:type=\"ovf:VirtualSystem_Type\"><Name>n1</Name>"
		"<Section ovf:id=\"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5g\" "
		"xsi:type=\"ovf:OperatingSystemSection_Type\"><Description>RHEL6x64"
		"</Description></Section></Content></ovf:Envelope>",
	};
	for (size_t i = 0; i < sizeof ovfs / sizeof *ovfs; i++) {
		struct sc_object o;
		struct sc_err e = {0};
		assert_int_equal(ovf_read(ovfs[i], strlen(ovfs[i]), "n.ovf", &o, NULL, &e), 0);
		assert_string_equal(o.uuid, "");
		assert_int_equal(o.kind, SC_VM);
		assert_string_equal(o.name, "n1");
		assert_int_equal(o.os, SC_OS_RHEL6X64);
	}
	/* a virt-v2v VirtualSystem's own id is taken when the OS section has none */
	static const char v2v[] =
		"<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
		"<VirtualSystem ovf:id=\"0B0C6F5E-1D2A-4A3B-8C9D-0E1F2A3B4C5D\"><Name>n2</Name>"
		"</VirtualSystem></ovf:Envelope>";
	struct sc_object o;
	struct sc_err e = {0};
	assert_int_equal(ovf_read(v2v, strlen(v2v), "v.ovf", &o, NULL, &e), 0);
	assert_string_equal(o.uuid, "0B0C6F5E-1D2A-4A3B-8C9D-0E1F2A3B4C5D");

	static const struct {
		const char *id; /* the root's id attribute, NULL: none */
		const char *uuid;
	} api[] = {
		{NULL, ""},
		{"123", ""},
		{"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5", ""},   /* 35 characters */
		{"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d0", ""}, /* 37 */
		{"0b0c6f5e-1d2a-4a3b-8c9d+0e1f2a3b4c5d", ""},  /* a dash missing */
		{"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5z", ""},  /* not hex */
		{"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d", "0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d"},
		{"0B0C6F5E-1D2A-4A3B-8C9D-0E1F2A3B4C5D", "0B0C6F5E-1D2A-4A3B-8C9D-0E1F2A3B4C5D"},
	};
	for (size_t i = 0; i < sizeof api / sizeof *api; i++) {
		char doc[256];
		struct api_doc d;
		snprintf(doc, sizeof doc, "<vm%s%s%s><name>a1</name></vm>", api[i].id ? " id=\"" : "",
			 api[i].id ? api[i].id : "", api[i].id ? "\"" : "");
		assert_int_equal(api_read(doc, strlen(doc), "a.xml", &d, NULL, &e), 0);
		if (strcmp(d.obj.uuid, api[i].uuid))
			fail_msg("case %zu: uuid '%s', want '%s'", i, d.obj.uuid, api[i].uuid);
	}
}

/* The form's notices, a new object's defaults and the messages of
 * bringing an object back into the rules. */
static void notices_defaults_apply(void **state)
{
	(void)state;
	const struct {
		enum sc_usb usb;
		enum sc_os os;
		int monitors;
		const char *want[2];
	} cases[] = {
		{SC_USB_NATIVE, SC_OS_WINDOWS7, 1, {SC_NATIVE_MIGRATION_WARNING, NULL}},
		{SC_USB_LEGACY, SC_OS_WINDOWS7, 1, {"Legacy USB support is deprecated: it needs a guest-side driver and will be removed; choose Native where the guest and cluster allow it.", NULL}},
		{SC_USB_DISABLED, SC_OS_WINDOWS7, 4, {NULL, NULL}},
		{SC_USB_DISABLED, SC_OS_RHEL6, 1, {NULL, NULL}},
		{SC_USB_NATIVE, SC_OS_OTHERLINUX, 2,
		 {SC_NATIVE_MIGRATION_WARNING, "Linux guests use Xinerama: the monitors form one large desktop and their resolutions cannot be changed separately."}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_msgs m = {0};
		vm(&o, &ctx, SC_VM);
		o.usb = cases[i].usb, o.os = cases[i].os, o.monitors = cases[i].monitors;
		sc_notices(&o, &m);
		int n = !!cases[i].want[0] + !!cases[i].want[1];
		assert_int_equal(m.n, n);
		for (int k = 0; k < n; k++) {
			assert_string_equal(m.m[k].text, cases[i].want[k]);
			assert_int_equal(m.m[k].field, k ? SC_F_MONITORS : SC_F_USB);
		}
	}
	assert_string_equal(SC_NATIVE_MIGRATION_WARNING,
			    "Migration is not supported with SPICE native USB redirection; live "
			    "migration will be disabled for this VM.");

	struct sc_ctx ctx;
	struct sc_object o;
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	for (int k = SC_VM; k <= SC_POOL; k++) {
		sc_object_defaults(&o, (enum sc_kind)k, &ctx);
		assert_int_equal(o.kind, k);
		assert_int_equal(o.os, SC_OS_UNASSIGNED);
		assert_int_equal(o.type, SC_TYPE_DESKTOP);
		assert_int_equal(o.display, SC_DISPLAY_SPICE);
		assert_int_equal(o.monitors, 1);
		assert_int_equal(o.migration, SC_MIG_MIGRATABLE);
		assert_int_equal(o.memory, 1024);
		assert_int_equal(o.cpus, 1);
		assert_int_equal(o.size, k == SC_POOL ? 1 : 0);
		assert_true(o.usb_autoshare);
		assert_false(o.wan);
		assert_false(o.smartcard);
		assert_int_equal(o.usb, SC_USB_DISABLED);
		assert_string_equal(o.name, "");
	}
	ctx.site.usb_autoshare = false, ctx.site.usb_as_default = true;
	sc_object_defaults(&o, SC_VM, &ctx);
	assert_false(o.usb_autoshare);
	assert_int_equal(o.usb, SC_USB_LEGACY); /* Unassigned is "other": legacy first */

	/* the messages of sc_apply(), each with its field */
	vm(&o, &ctx, SC_VM);
	o.os = SC_OS_WINDOWS7, o.display = SC_DISPLAY_VNC, o.usb = SC_USB_NATIVE;
	o.monitors = 2, o.wan = true, o.smartcard = true;
	struct sc_msgs w = {0};
	sc_apply(&o, &ctx, &w);
	assert_int_equal(w.n, 4);
	assert_string_equal(w.m[0].text, "USB Support changed from native to disabled: USB "
					 "redirection needs the SPICE protocol");
	assert_int_equal(w.m[0].field, SC_F_USB);
	assert_string_equal(w.m[1].text, "monitors changed from 2 to 1: VNC supports a single monitor");
	assert_int_equal(w.m[1].field, SC_F_MONITORS);
	assert_string_equal(w.m[2].text, "WAN optimisation turned off: WAN optimisation is offered "
					 "only for Windows guests with the SPICE protocol");
	assert_int_equal(w.m[2].field, SC_F_WAN);
	assert_string_equal(w.m[3].text, "smartcard turned off: smartcard passthrough needs the "
					 "SPICE protocol");
	assert_int_equal(w.m[3].field, SC_F_SMARTCARD);
	assert_int_equal(o.usb, SC_USB_DISABLED);
	assert_false(o.wan);
	assert_false(o.smartcard);
	/* and the same object refused by sc_validate(), each field once */
	o.usb = SC_USB_NATIVE, o.monitors = 2, o.wan = true, o.smartcard = true;
	o.type = SC_TYPE_SERVER, o.display = SC_DISPLAY_SPICE, o.os = SC_OS_RHEL6;
	struct sc_msgs e = {0};
	assert_int_equal(sc_validate(&o, &ctx, &e), 2);
	assert_string_equal(e.m[0].text, "2 monitors not allowed: server VMs have a single monitor");
	assert_string_equal(e.m[1].text, "wan cannot be on: WAN optimisation is offered only for "
					 "Windows guests with the SPICE protocol");
	o.display = SC_DISPLAY_VNC, o.monitors = 1, o.wan = false, o.usb = SC_USB_DISABLED;
	struct sc_msgs e2 = {0};
	assert_int_equal(sc_validate(&o, &ctx, &e2), 1);
	assert_string_equal(e2.m[0].text, "smartcard cannot be on: smartcard passthrough needs the "
					  "SPICE protocol");
	assert_int_equal(e2.m[0].field, SC_F_SMARTCARD);
	o.usb = SC_USB_LEGACY, o.smartcard = false;
	struct sc_msgs e3 = {0};
	assert_int_equal(sc_validate(&o, &ctx, &e3), 1);
	assert_string_equal(e3.m[0].text, "USB Support 'legacy' is not allowed here: USB "
					  "redirection needs the SPICE protocol");
	assert_int_equal(e3.m[0].field, SC_F_USB);
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
		cmocka_unit_test(field_ranges),	     cmocka_unit_test(name_edges),
		cmocka_unit_test(description_edges), cmocka_unit_test(validation_edges),
		cmocka_unit_test(port_edges),	     cmocka_unit_test(inheritance),
		cmocka_unit_test(migration_choices), cmocka_unit_test(other_choices),
		cmocka_unit_test(site_values),	     cmocka_unit_test(imports_without_ids),
		cmocka_unit_test(notices_defaults_apply),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
