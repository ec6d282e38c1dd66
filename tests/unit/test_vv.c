/* remote-viewer files (SPEC §6): every key, secure channels only with a TLS
 * port, key-file escaping, and the connection checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/vv.h"
#include "store/config.h"

static struct sc_optreg reg;

#define CA "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

static void win7(struct sc_object *o, struct sc_ctx *ctx)
{
	sc_ctx_init(ctx, &reg, SC_CVER_31);
	sc_object_defaults(o, SC_VM, ctx);
	strcpy(o->name, "win7-a");
	o->os = SC_OS_WINDOWS7X64;
}

static void conn_checks(void **state)
{
	(void)state;
	static const struct {
		struct vv_conn c;
		const char *want; /* NULL: accepted */
	} cases[] = {
		{{"h.example", 5900, 0, NULL, NULL, NULL}, NULL},
		{{"10.0.0.1", 0, 5901, CA, "O=x,CN=h", "s3cret pw"}, NULL},
		{{"[::1]", 5900, 5901, CA, NULL, NULL}, NULL},
		{{NULL, 5900, 0, NULL, NULL, NULL}, "--host"},
		{{"bad host", 5900, 0, NULL, NULL, NULL}, "not a valid host"},
		{{"h\nx", 5900, 0, NULL, NULL, NULL}, "not a valid host"},
		{{"h", 0, 0, NULL, NULL, NULL}, "needs --port"},
		{{"h", 70000, 0, NULL, NULL, NULL}, "1..65535"},
		{{"h", 0, 5901, NULL, NULL, NULL}, "--tls-port needs --ca-file"},
		{{"h", 5900, 0, CA, NULL, NULL}, "--ca-file is only used with --tls-port"},
		{{"h", 0, 5901, "not pem", NULL, NULL}, "not a PEM certificate"},
		{{"h", 5900, 0, NULL, "CN=h", NULL}, "--host-subject is only used with --tls-port"},
		{{"h", 5900, 0, NULL, NULL, "a\nb"}, "without control characters"},
		{{"h", 5900, 0, NULL, NULL, "\xff\xfe"}, "UTF-8"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_err e = {0};
		int rc = vv_conn_check(&cases[i].c, &e);
		if (!cases[i].want) {
			if (rc)
				fail_msg("case %zu refused: %s", i, e.msg);
			continue;
		}
		assert_int_equal(rc, SC_EUSAGE);
		if (!strstr(e.msg, cases[i].want))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, cases[i].want);
	}
}

static char *write_vv(struct sc_object *o, struct sc_ctx *ctx, const struct vv_conn *c,
		      struct sc_msgs *warn)
{
	struct sc_err e = {0};
	size_t len;
	char *s = vv_write(o, ctx, c, warn, &len, &e);
	if (!s)
		fail_msg("%s", e.msg);
	assert_int_equal(strlen(s), len);
	return s;
}

static void plain_port(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_msgs warn = {0};
	struct vv_conn c = {"h.example", 5900, 0, NULL, NULL, NULL};
	win7(&o, &ctx);
	o.usb = SC_USB_NATIVE;
	o.wan = true;
	char *s = write_vv(&o, &ctx, &c, &warn);
	static const char *const want[] = {
		"[virt-viewer]\ntype=spice\nhost=h.example\nport=5900\n", "title=win7-a\n",
		"delete-this-file=1\n", "fullscreen=0\n", "toggle-fullscreen=shift+f11\n",
		"release-cursor=shift+f12\n", "secure-attention=ctrl+alt+end\n",
		"enable-usbredir=1\n", "enable-usb-autoshare=1\n", "usb-filter=-1,-1,-1,-1,1\n",
		"enable-smartcard=0\n", "color-depth=16\n", "disable-effects=animation\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(s, want[i]))
			fail_msg("no '%s' in:\n%s", want[i], s);
	assert_null(strstr(s, "secure-channels"));
	assert_null(strstr(s, "tls-port"));
	assert_null(strstr(s, "password"));
	assert_int_equal(warn.n, 1);
	assert_non_null(strstr(warn.m[0].text, "will not be encrypted"));
	free(s);
}

static void tls_port(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_msgs warn = {0};
	struct vv_conn c = {"h", 0, 5901, CA, "O=Ex,CN=h", " pa\\ss"};
	win7(&o, &ctx);
	strcpy(ctx.site.secure_channels, "main,inputs,usbredir");
	char *s = write_vv(&o, &ctx, &c, &warn);
	assert_non_null(strstr(s, "tls-port=5901\n"));
	assert_null(strstr(s, "\nport="));
	assert_non_null(strstr(s, "secure-channels=main;inputs;usbredir\n"));
	assert_non_null(strstr(s, "ca=-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\n"));
	assert_non_null(strstr(s, "host-subject=O=Ex,CN=h\n"));
	assert_non_null(strstr(s, "password=\\spa\\\\ss\n"));
	assert_non_null(strstr(s, "enable-usbredir=0\n"));
	assert_null(strstr(s, "color-depth"));
	assert_int_equal(warn.n, 0);
	free(s);
}

static void rules_from_model(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_msgs warn = {0};
	struct sc_err e = {0};
	size_t len;
	struct vv_conn c = {"h", 5900, 0, NULL, NULL, NULL};
	win7(&o, &ctx);
	o.os = SC_OS_RHEL6X64;
	o.wan = true; /* not allowed for Linux: no WAN keys */
	o.usb = SC_USB_LEGACY;
	o.smartcard = true;
	char *s = write_vv(&o, &ctx, &c, &warn);
	assert_null(strstr(s, "color-depth"));
	assert_non_null(strstr(s, "enable-usbredir=0\n"));
	assert_non_null(strstr(s, "enable-smartcard=1\n"));
	free(s);
	o.display = SC_DISPLAY_VNC;
	s = write_vv(&o, &ctx, &c, &warn);
	assert_non_null(strstr(s, "type=vnc\n"));
	free(s);
	struct vv_conn t = {"h", 0, 5901, CA, NULL, NULL};
	assert_null(vv_write(&o, &ctx, &t, &warn, &len, &e));
	assert_non_null(strstr(e.msg, "VNC"));
	o.kind = SC_TEMPLATE;
	assert_null(vv_write(&o, &ctx, &c, &warn, &len, &e));
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	return config_load_optdefs(&reg, NULL, &err);
}

/* Only CERTIFICATE blocks reach ca=: a bundle's private key never does. */
static void ca_certs_only(void **state)
{
	(void)state;
	static const char key[] = "-----BEGIN PRIVATE KEY-----\nMIIEKEY\n-----END PRIVATE KEY-----\n";
	static const char rsa[] = "-----BEGIN RSA PRIVATE KEY-----\nMIIRSA\n-----END RSA PRIVATE KEY-----\n";
	char bundle[512], kinds[160];
	int left;
	struct sc_err e = {0};
	snprintf(bundle, sizeof bundle, "subject=CN=ca\n%s%s%s%s", CA, key, CA, rsa);
	char *c = vv_ca_certs(bundle, "b.pem", &left, kinds, sizeof kinds, &e);
	assert_non_null(c);
	assert_string_equal(c, CA CA);
	assert_int_equal(left, 2);
	assert_string_equal(kinds, "PRIVATE KEY, RSA PRIVATE KEY");
	free(c);

	/* markers with blanks after them (tab, space, CR) are still markers */
	c = vv_ca_certs("-----BEGIN CERTIFICATE-----\t\nMIIB\n-----END CERTIFICATE----- \r\n"
			"-----BEGIN PRIVATE KEY-----\t\nK\n-----END PRIVATE KEY-----\t\n",
			"t.pem", &left, kinds, sizeof kinds, &e);
	assert_non_null(c);
	assert_non_null(strstr(c, "MIIB"));
	assert_null(strstr(c, "K\n"));
	assert_int_equal(left, 1);
	assert_string_equal(kinds, "PRIVATE KEY");
	free(c);

	/* a plain certificate: as it was, nothing left out */
	c = vv_ca_certs("-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\r\n",
			"c.pem", &left, kinds, sizeof kinds, &e);
	assert_non_null(c);
	assert_non_null(strstr(c, "MIIB"));
	assert_int_equal(left, 0);
	free(c);

	/* no certificate at all: refused, and the message says what was there */
	assert_null(vv_ca_certs(key, "k.pem", &left, kinds, sizeof kinds, &e));
	assert_int_equal(e.status, SC_EUSAGE);
	assert_non_null(strstr(e.msg, "k.pem holds no CA certificate"));
	assert_non_null(strstr(e.msg, "only PRIVATE KEY"));
	assert_null(vv_ca_certs("just text\n", "t.pem", &left, kinds, sizeof kinds, &e));
	assert_non_null(strstr(e.msg, "no CA certificate"));

	/* a block kind of 63 characters is named whole, a longer one cut with
	 * "...": either way the block is left out and counted */
	char k63[64], k64[65], odd[512];
	memset(k63, 'K', 63), k63[63] = '\0';
	memset(k64, 'L', 64), k64[64] = '\0';
	k64[0] = 'M'; /* the cut kind is shown from its first character */
	snprintf(odd, sizeof odd, "%s-----BEGIN %s-----\nX\n-----END %s-----\n"
		 "-----BEGIN %s-----\nY\n-----END %s-----\n", CA, k63, k63, k64, k64);
	c = vv_ca_certs(odd, "o.pem", &left, kinds, sizeof kinds, &e);
	assert_non_null(c);
	assert_string_equal(c, CA);
	assert_int_equal(left, 2);
	char want[160];
	snprintf(want, sizeof want, "%s, %.60s...", k63, k64);
	assert_string_equal(kinds, want);
	free(c);

	/* damaged files are refused, not cut at a guess */
	assert_null(vv_ca_certs("-----BEGIN CERTIFICATE-----\nMIIB\n", "d.pem", &left, kinds,
				sizeof kinds, &e));
	assert_non_null(strstr(e.msg, "no END line"));
	assert_null(vv_ca_certs("-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\n",
				"m.pem", &left, kinds, sizeof kinds, &e));
	assert_non_null(strstr(e.msg, "ends with"));
}

/* A marker needs a kind: "-----BEGIN -----" opens no block; a kind left
 * out twice is named once. */
static void ca_certs_markers(void **state)
{
	(void)state;
	char kinds[160];
	int left;
	struct sc_err e = {0};
	char *c = vv_ca_certs(CA "-----BEGIN -----\nX\n-----END -----\n", "e.pem", &left, kinds,
			      sizeof kinds, &e);
	assert_non_null(c);
	assert_string_equal(c, CA);
	assert_int_equal(left, 0);
	assert_string_equal(kinds, "");
	free(c);
	c = vv_ca_certs("-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n" CA
			"-----BEGIN PRIVATE KEY-----\nB\n-----END PRIVATE KEY-----\n",
			"k.pem", &left, kinds, sizeof kinds, &e);
	assert_non_null(c);
	assert_string_equal(c, CA);
	assert_int_equal(left, 2);
	assert_string_equal(kinds, "PRIVATE KEY");
	free(c);
	/* a marker starts and ends in five dashes: lines ending in four, with
	 * a character after the five, or starting with four and another
	 * character, are text */
	static const char *const text[] = {
		"-----BEGIN PRIVATE KEY ----\nA\n-----END PRIVATE KEY ----\n",
		"-----BEGIN PRIVATE KEY-----x\nA\n-----END PRIVATE KEY-----x\n",
		"----xBEGIN PRIVATE KEY-----\nA\n----xEND PRIVATE KEY-----\n",
	};
	for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
		char pem[256];
		snprintf(pem, sizeof pem, "%s%s", CA, text[i]);
		c = vv_ca_certs(pem, "f.pem", &left, kinds, sizeof kinds, &e);
		assert_non_null(c);
		assert_string_equal(c, CA);
		assert_int_equal(left, 0);
		assert_string_equal(kinds, "");
		free(c);
	}
}

/* The carriage returns of a CA file's lines are escaped in the key file. */
static void key_file_controls(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_msgs warn = {0};
	struct vv_conn c = {"h", 0, 5901,
			    "-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\r\n",
			    NULL, NULL};
	win7(&o, &ctx);
	char *s = write_vv(&o, &ctx, &c, &warn);
	assert_non_null(strstr(s, "\nca=-----BEGIN CERTIFICATE-----\\r\\nMIIB\\r\\n"
				  "-----END CERTIFICATE-----\\r\\n\n"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(conn_checks),
		cmocka_unit_test(ca_certs_only),
		cmocka_unit_test(ca_certs_markers),
		cmocka_unit_test(key_file_controls),
		cmocka_unit_test(plain_port),
		cmocka_unit_test(tls_port),
		cmocka_unit_test(rules_from_model),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
