/* Option validation per type (SPEC §4) and the usbredir filter syntax. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>

#include "model/console.h"
#include "model/options.h"
#include "store/config.h"

static struct sc_optreg reg;

static int check(const char *key, const char *value, char *norm)
{
	struct sc_err err;
	int i = sc_opt_find(&reg, key);
	assert_true(i >= 0);
	int rc = sc_opt_validate(&reg.defs[i], value, norm, SC_OPT_VALUE_MAX, &err);
	if (rc) {
		/* every refusal names the key, the value and what is valid */
		assert_non_null(strstr(err.msg, key));
		assert_non_null(strstr(err.msg, value));
		assert_non_null(strstr(err.msg, "valid:"));
	}
	return rc;
}

static void table(void **state)
{
	(void)state;
	static const struct {
		const char *key, *value, *norm; /* norm NULL: refused */
	} cases[] = {
		{"NumberOfUSBSlots", "0", "0"},
		{"NumberOfUSBSlots", "6", "6"},
		{"NumberOfUSBSlots", "7", NULL},
		{"NumberOfUSBSlots", "-1", NULL},
		{"NumberOfUSBSlots", "4x", NULL},
		{"NumberOfUSBSlots", "", NULL},
		{"NativeUSBEnabled", "true", "true"},
		{"NativeUSBEnabled", "FALSE", "false"},
		{"NativeUSBEnabled", "maybe", NULL},
		{"WANColorDepth", "16", "16"},
		{"WANColorDepth", "32", "32"},
		{"WANColorDepth", "24", NULL},
		{"ValidNumOfMonitors", "4,1,2", "1,2,4"},
		{"ValidNumOfMonitors", "1,1,3", "1,3"},
		{"ValidNumOfMonitors", "0,1", NULL},
		{"ValidNumOfMonitors", "1,5", NULL},
		{"ValidNumOfMonitors", ",", NULL},
		{"WANDisableEffects", "wallpaper,font-smooth", "wallpaper,font-smooth"},
		{"WANDisableEffects", "font-smooth,animation", "animation,font-smooth"},
		{"WANDisableEffects", "sparkles", NULL},
		{"SpiceSecureChannels", "main,inputs,usbredir", "main,inputs,usbredir"},
		{"SpiceSecureChannels", "main,video", NULL},
		{"UsbFilter", "-1,-1,-1,-1,1", "-1,-1,-1,-1,1"},
		{"UsbFilter", "0x03,-1,-1,-1,0|-1,-1,-1,-1,1", "0x03,-1,-1,-1,0|-1,-1,-1,-1,1"},
		{"UsbFilter", "-1,0x1234,0xffff,-1,1", "-1,0x1234,0xffff,-1,1"},
		{"UsbFilter", "-1,-1,-1,-1,2", NULL},
		{"UsbFilter", "256,-1,-1,-1,1", NULL},
		{"UsbFilter", "-1,-1,-1,1", NULL},
		{"UsbFilter", "-1,-1,-1,-1,1|", NULL},
		{"UsbFilter", "", NULL},
		{"SpiceProxyDefault", "", ""},
		{"SpiceProxyDefault", "http://proxy.example:3128", "http://proxy.example:3128"},
		{"SpiceProxyDefault", "https://10.0.0.1:443", "https://10.0.0.1:443"},
		{"SpiceProxyDefault", "http://[2001:db8::1]:3128", "http://[2001:db8::1]:3128"},
		{"SpiceProxyDefault", "http://2001:db8::1:3128", NULL},
		{"SpiceProxyDefault", "http://[2001:db8::zz]:3128", NULL},
		{"SpiceProxyDefault", "http://[2001:db8::1:3128", NULL},
		{"SpiceProxyDefault", "ftp://proxy.example:3128", NULL},
		{"SpiceProxyDefault", "proxy.example:3128", NULL},
		{"SpiceProxyDefault", "http://proxy.example", NULL},
		{"SpiceProxyDefault", "http://proxy.example:", NULL},
		{"SpiceProxyDefault", "http://proxy.example:0", NULL},
		{"SpiceProxyDefault", "http://proxy.example:65536", NULL},
		{"SpiceProxyDefault", "http://proxy.example:99999999999999999999", NULL},
		{"SpiceProxyDefault", "http://proxy.example:3128/x", NULL},
		{"SpiceProxyDefault", "http://:3128", NULL},
		{"SpiceProxyDefault", "http://a..b:3128", NULL},
		/* a host name's first and last character: not '-' or '.' */
		{"SpiceProxyDefault", "http://proxy-:3128", NULL},
		{"SpiceProxyDefault", "http://-proxy:3128", NULL},
		{"SpiceProxyDefault", "http://.proxy:3128", NULL},
		{"SpiceProxyDefault", "http://p-x:3128", "http://p-x:3128"},
		{"SpiceProxyDefault", "http://p:3128", "http://p:3128"},
		{"SpiceProxyDefault", "http://"
				      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example:3128",
		 NULL},
		{"SingleQxlPciEnabled", "true", "true"},
		{"SingleQxlPciEnabled", "2", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl+alt+r", "ctrl+alt+r"},
		{"ConsoleReleaseCursorKeys", "shift+f12", "shift+f12"},
		{"ConsoleReleaseCursorKeys", "super+end", "super+end"},
		{"ConsoleReleaseCursorKeys", "ctrl+alt+r+q", NULL},
		{"ConsoleReleaseCursorKeys", "hyper+r", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl+alt", NULL},
		{"ConsoleReleaseCursorKeys", "r", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl+ctrl+r", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl++r", NULL},
		{"ConsoleReleaseCursorKeys", "r+ctrl", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl+f13", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl+fa", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl+f1x", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl+f1", "ctrl+f1"},
		{"ConsoleReleaseCursorKeys", "ctrl+f10", "ctrl+f10"},
		{"ConsoleReleaseCursorKeys", "ctrl+f01", NULL},
		{"ConsoleReleaseCursorKeys", "ctrl+f0", NULL},
		{"ConsoleReleaseCursorKeys", "", NULL},
		{"ConsoleToggleFullScreenKeys", "shift+f11", "shift+f11"},
		{"ConsoleToggleFullScreenKeys", "shift+f11+f12", NULL},
		{"RemapCtrlAltDelDefault", "false", "false"},
	};
	char norm[SC_OPT_VALUE_MAX];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = check(cases[i].key, cases[i].value, norm);
		if (cases[i].norm == NULL && rc == 0)
			fail_msg("%s=%s accepted", cases[i].key, cases[i].value);
		if (cases[i].norm && rc)
			fail_msg("%s=%s refused", cases[i].key, cases[i].value);
		if (cases[i].norm && strcmp(norm, cases[i].norm))
			fail_msg("%s=%s normalised to %s", cases[i].key, cases[i].value, norm);
	}
}

/* A host with a colon after it and another later is an IPv6 address
 * without its brackets, whatever comes between the two colons. */
static void proxy_ipv6_unbracketed(void **state)
{
	(void)state;
	static const char *const urls[] = {"http://fe80::1", "http://fe80::1:3128",
					   "http://a:b:3128", "http://2001:db8::1:3128"};
	for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
		struct sc_err e = {0};
		assert_int_equal(sc_proxy_check("SpiceProxyDefault", urls[i], &e), SC_EUSAGE);
		if (!strstr(e.msg, "': an IPv6 host must be in brackets; valid: "))
			fail_msg("%s: %s", urls[i], e.msg);
	}
}

/* A proxy URL of 255 characters is kept, 256 refused; the scheme is
 * "http://" or "https://" whole, in any case. */
static void proxy_edges(void **state)
{
	(void)state;
	char url[300], label[64];
	memset(label, 'a', 63), label[63] = '\0';
	/* "http://" + 3 labels of 63 + dots + 51 + ":3128" = 255 */
	snprintf(url, sizeof url, "http://%s.%s.%s.%.51s:3128", label, label, label, label);
	assert_int_equal(strlen(url), 255);
	struct sc_err e = {0};
	assert_int_equal(sc_proxy_check("SpiceProxyDefault", url, &e), 0);
	snprintf(url, sizeof url, "http://%s.%s.%s.%.52s:3128", label, label, label, label);
	assert_int_equal(sc_proxy_check("SpiceProxyDefault", url, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "longer than 255 characters"));
	assert_int_equal(sc_proxy_check("SpiceProxyDefault", "HTTPS://proxy.example:3128", &e), 0);
	/* ports 1..65535 */
	assert_int_equal(sc_proxy_check("SpiceProxyDefault", "http://p.example:65535", &e), 0);
	assert_int_equal(sc_proxy_check("SpiceProxyDefault", "http://p.example:1", &e), 0);
	static const char *const ports[] = {"http://p.example:65536", "http://p.example:0"};
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(sc_proxy_check("SpiceProxyDefault", ports[i], &e), SC_EUSAGE);
		assert_non_null(strstr(e.msg, "the port is out of range"));
	}
	static const char *const bad[] = {"https:/proxy.example:3128", "http:/proxy.example:3128",
					  "https//proxy.example:3128"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(sc_proxy_check("SpiceProxyDefault", bad[i], &e), SC_EUSAGE);
		if (!strstr(e.msg, "the scheme must be http or https"))
			fail_msg("%s: %s", bad[i], e.msg);
	}
}

/* The exact refusal of a proxy URL; the URL is copied to the heap at its
 * length, so that a read past its end is one the sanitizers see. */
static void proxy_refused(const char *url, const char *why)
{
	char *u = strdup(url);
	assert_non_null(u);
	struct sc_err e = {0};
	assert_int_equal(sc_proxy_check("SpiceProxyDefault", u, &e), SC_EUSAGE);
	char want[sizeof e.msg];
	snprintf(want, sizeof want, "invalid SpiceProxyDefault '%s': %s; valid: " SC_PROXY_RULE,
		 url, why);
	assert_string_equal(e.msg, want);
	free(u);
}

/* A host's every edge: empty brackets or none at all are no host, one
 * character in brackets is judged as an address, 45 characters are the
 * longest IPv6 address and 46 are refused before they are copied; the
 * first character of a name is checked, and so is the text right after
 * the colon that ends it. */
static void proxy_host_edges(void **state)
{
	(void)state;
	proxy_refused("http://[]:3128", "no host");
	proxy_refused("http://[1]:3128", "not an IPv6 address in the brackets");
	proxy_refused("http://[::1:3128", "an IPv6 host needs its closing ]");
	static const char v45[] = "0000:0000:0000:0000:0000:ffff:255.255.255.255";
	assert_int_equal(strlen(v45), 45);
	char url[128];
	snprintf(url, sizeof url, "http://[%s]:3128", v45);
	struct sc_err e = {0};
	if (sc_proxy_check("SpiceProxyDefault", url, &e))
		fail_msg("%s: %s", url, e.msg);
	snprintf(url, sizeof url, "http://[0%s]:3128", v45);
	proxy_refused(url, "the brackets hold more than an IPv6 address (at most 45 characters)");
	proxy_refused("http://[0000:0000:0000:0000:0000:ffff:255.255.255.256]:3128",
		      "not an IPv6 address in the brackets");
	proxy_refused("http://:3128", "no host");
	proxy_refused("https://", "no host");
	proxy_refused("http://host::1", "an IPv6 host must be in brackets");
	proxy_refused("http://host:", "no port");
	proxy_refused("http://h:", "no port");
}

static void definitions(void **state)
{
	(void)state;
	assert_int_equal(reg.n, 14);
	int i = sc_opt_find(&reg, "NativeUSBEnabled");
	assert_true(reg.defs[i].per_version);
	assert_string_equal(sc_opt_value(&reg, i, SC_CVER_30), "false");
	assert_string_equal(sc_opt_value(&reg, i, SC_CVER_31), "true");
	int q = sc_opt_find(&reg, "SingleQxlPciEnabled");
	assert_true(reg.defs[q].per_version);
	assert_string_equal(sc_opt_value(&reg, q, SC_CVER_30), "false");
	assert_string_equal(sc_opt_value(&reg, q, SC_CVER_31), "false");
	assert_string_equal(sc_opt_value(&reg, q, SC_CVER_32), "true");
	assert_string_equal(sc_opt_get(&reg, "ConsoleReleaseCursorKeys", SC_CVER_31), "shift+f12");
	assert_string_equal(sc_opt_get(&reg, "ConsoleToggleFullScreenKeys", SC_CVER_31),
			    "shift+f11");
	assert_string_equal(sc_opt_get(&reg, "RemapCtrlAltDelDefault", SC_CVER_31), "true");
	assert_string_equal(sc_opt_get(&reg, "SpiceProxyDefault", SC_CVER_31), "");
	strcpy(reg.values[i][SC_CVER_31], "false");
	assert_string_equal(sc_opt_get(&reg, "NativeUSBEnabled", SC_CVER_31), "false");
	reg.values[i][SC_CVER_31][0] = '\0';
	assert_string_equal(sc_opt_type_name(reg.defs[sc_opt_find(&reg, "ValidNumOfMonitors")].type),
			    "IntegerMultiple");
	assert_int_equal(sc_opt_find(&reg, "nativeusbenabled"), -1);
	/* what the option editor and messages call valid, per kind of String */
	char valid[512];
	sc_opt_valid_text(&reg.defs[sc_opt_find(&reg, "SpiceProxyDefault")], valid, sizeof valid);
	assert_string_equal(valid, SC_PROXY_RULE);
	sc_opt_valid_text(&reg.defs[sc_opt_find(&reg, "ConsoleReleaseCursorKeys")], valid,
			  sizeof valid);
	assert_string_equal(valid, SC_HOTKEY_RULE);
	sc_opt_valid_text(&reg.defs[sc_opt_find(&reg, "UsbFilter")], valid, sizeof valid);
	assert_non_null(strstr(valid, "usbredir filter rules"));
}

static void broken_definition_file(void **state)
{
	(void)state;
	static struct sc_optreg r2;
	struct sc_err err;
	char path[] = "/tmp/spicecfg-optdefs-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char bad[] = "options = (\n  { key = \"X\"; type = \"Integer\"; default = \"1\";\n"
			   "    description = \"x\" }\n  { broken\n);\n";
	assert_int_equal(write(fd, bad, sizeof bad - 1), (ssize_t)(sizeof bad - 1));
	close(fd);
	assert_int_not_equal(config_load_optdefs(&r2, path, &err), 0);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, ":4:"));
	unlink(path);
}

/* "all" stands alone wherever a definition lists it, the first choice too */
static void all_first_choice(void **state)
{
	(void)state;
	int i = sc_opt_find(&reg, "WANDisableEffects");
	assert_true(i >= 0);
	static struct sc_optdef d;
	d = reg.defs[i];
	static const char *const words[] = {"all", "animation", "wallpaper"};
	d.nchoices = 3;
	for (int k = 0; k < 3; k++)
		strcpy(d.choices[k], words[k]);
	char norm[SC_OPT_VALUE_MAX];
	struct sc_err e = {0};
	assert_int_equal(sc_opt_validate(&d, "all", norm, sizeof norm, &e), 0);
	assert_string_equal(norm, "all");
	assert_int_equal(sc_opt_validate(&d, "wallpaper,animation", norm, sizeof norm, &e), 0);
	assert_string_equal(norm, "animation,wallpaper");
	assert_int_equal(sc_opt_validate(&d, "animation,all", norm, sizeof norm, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "'all' stands alone"));
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	return config_load_optdefs(&reg, NULL, &err);
}

/* A list of 1023 bytes is read, one of 1024 is too long; a canonical form
 * that does not fit what the caller gives is too long too. */
static void list_lengths(void **state)
{
	(void)state;
	int i = sc_opt_find(&reg, "ValidNumOfMonitors");
	assert_true(i >= 0);
	char v[SC_OPT_VALUE_MAX + 8], norm[SC_OPT_VALUE_MAX];
	strcpy(v, "1");
	for (int k = 0; k < 511; k++)
		strcat(v, ",1");
	assert_int_equal(strlen(v), 1023);
	struct sc_err e = {0};
	assert_int_equal(sc_opt_validate(&reg.defs[i], v, norm, sizeof norm, &e), 0);
	assert_string_equal(norm, "1");
	strcat(v, ",");
	assert_int_equal(sc_opt_validate(&reg.defs[i], v, norm, sizeof norm, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "...' for ValidNumOfMonitors: too long; valid: "));

	/* a long value is cut at a character's start: one with none before
	 * the cut (continuation bytes only) shows nothing of it */
	memset(v, 0x80, 70);
	v[0] = 'x';
	v[70] = '\0';
	e = (struct sc_err){0};
	assert_int_equal(sc_opt_validate(&reg.defs[i], v, norm, sizeof norm, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "invalid value '...' for ValidNumOfMonitors; valid: "));

	/* a text value whose length is the room the caller gives is too long */
	i = sc_opt_find(&reg, "ConsoleReleaseCursorKeys");
	assert_true(i >= 0);
	e = (struct sc_err){0};
	assert_int_equal(sc_opt_validate(&reg.defs[i], "shift+f12", norm, 9, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "invalid value 'shift+f12' for ConsoleReleaseCursorKeys: "
				      "too long; valid: "));
	assert_int_equal(sc_opt_validate(&reg.defs[i], "shift+f12", norm, 10, &e), 0);
	assert_string_equal(norm, "shift+f12");

	i = sc_opt_find(&reg, "WANDisableEffects");
	assert_true(i >= 0);
	const char *fx = "font-smooth,animation";
	assert_int_equal(sc_opt_validate(&reg.defs[i], fx, norm, 22, &e), 0);
	assert_string_equal(norm, "animation,font-smooth");
	e = (struct sc_err){0};
	assert_int_equal(sc_opt_validate(&reg.defs[i], fx, norm, 21, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "invalid value 'font-smooth,animation' for WANDisableEffects: "
				      "too long; valid: "));
	e = (struct sc_err){0};
	assert_int_equal(sc_opt_validate(&reg.defs[i], "animation", norm, 9, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "too long"));
	assert_int_equal(sc_opt_validate(&reg.defs[i], "animation", norm, 10, &e), 0);
	assert_string_equal(norm, "animation");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
		cmocka_unit_test(list_lengths),
		cmocka_unit_test(all_first_choice),
		cmocka_unit_test(definitions),
		cmocka_unit_test(proxy_ipv6_unbracketed),
		cmocka_unit_test(proxy_edges),
		cmocka_unit_test(proxy_host_edges),
		cmocka_unit_test(broken_definition_file),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
