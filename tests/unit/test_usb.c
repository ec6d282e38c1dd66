/* The USB Support table of SPEC §2, checked for every OS × cluster version ×
 * protocol, with NativeUSBEnabled on and off.  The expectations are written
 * out here from the spec, independently of model/usb.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/rules.h"
#include "store/config.h"

/* OS enum name → family, as SPEC §1 lists them. */
static const struct {
	const char *name;
	char family; /* w, l, o */
} oses[] = {
	{"Unassigned", 'o'},   {"WindowsXP", 'w'},     {"Windows2003", 'w'},
	{"Windows2003x64", 'w'}, {"Windows2008", 'w'}, {"Windows2008x64", 'w'},
	{"Windows2008R2x64", 'w'}, {"Windows7", 'w'},  {"Windows7x64", 'w'},
	{"RHEL3", 'l'},        {"RHEL3x64", 'l'},      {"RHEL4", 'l'},
	{"RHEL4x64", 'l'},     {"RHEL5", 'l'},         {"RHEL5x64", 'l'},
	{"RHEL6", 'l'},        {"RHEL6x64", 'l'},      {"OtherLinux", 'l'},
	{"Other", 'o'},
};

/* The SPEC §2 table; "D" disabled, "L" legacy, "N" native. */
static const char *expected(const char *display, const char *cver, char fam, bool native_on)
{
	if (!strcmp(display, "vnc"))
		return "D";
	if (!strcmp(cver, "3.0"))
		return fam == 'w' ? "DL" : "D";
	if (fam == 'l')
		return native_on ? "DN" : "D";
	return native_on ? "DLN" : "DL";
}

static void allowed_string(const struct sc_usb_verdict *v, char *buf)
{
	static const char letters[] = "DLN";
	int n = 0;
	for (int u = 0; u < SC_USB_COUNT; u++)
		if (!v->reason[u])
			buf[n++] = letters[u];
	buf[n] = '\0';
}

static void full_table(void **state)
{
	(void)state;
	static const char *const displays[] = {"spice", "vnc"};
	static const char *const cvers[] = {"3.0", "3.1", "3.2"};
	int checked = 0;
	assert_int_equal(sizeof oses / sizeof oses[0], SC_OS_COUNT);
	for (size_t o = 0; o < SC_OS_COUNT; o++)
		for (int d = 0; d < 2; d++)
			for (int c = 0; c < 3; c++)
				for (int on = 0; on < 2; on++) {
					struct sc_site site = {.native_usb_enabled = on};
					struct sc_usb_verdict v;
					int os = sc_os_parse(oses[o].name);
					assert_true(os >= 0);
					sc_usb_rules(d ? SC_DISPLAY_VNC : SC_DISPLAY_SPICE,
						     (enum sc_cver)sc_cver_parse(cvers[c]),
						     (enum sc_os)os, &site, &v);
					char got[4];
					allowed_string(&v, got);
					const char *want =
						expected(displays[d], cvers[c], oses[o].family, on);
					if (strcmp(got, want))
						fail_msg("%s %s %s native=%d: got %s want %s",
							 displays[d], cvers[c], oses[o].name, on, got,
							 want);
					/* every refused value has a reason; editable iff >1 */
					assert_int_equal(v.editable, strlen(want) > 1);
					assert_true(v.editable == (v.lock_reason == NULL));
					checked++;
				}
	assert_int_equal(checked, 19 * 3 * 2 * 2);
}

static void reasons(void **state)
{
	(void)state;
	struct sc_site on = {.native_usb_enabled = true}, off = {0};
	struct sc_usb_verdict v;
	sc_usb_rules(SC_DISPLAY_VNC, SC_CVER_31, SC_OS_WINDOWS7, &on, &v);
	assert_string_equal(v.lock_reason, "USB redirection needs the SPICE protocol");
	assert_string_equal(v.reason[SC_USB_NATIVE], "USB redirection needs the SPICE protocol");
	sc_usb_rules(SC_DISPLAY_SPICE, SC_CVER_30, SC_OS_RHEL6X64, &on, &v);
	assert_string_equal(v.lock_reason, "needs cluster version 3.1 or a Windows guest");
	sc_usb_rules(SC_DISPLAY_SPICE, SC_CVER_30, SC_OS_OTHER, &on, &v);
	assert_string_equal(v.lock_reason, "needs cluster version 3.1 or a Windows guest");
	assert_string_equal(v.reason[SC_USB_LEGACY],
			    "legacy USB redirection needs cluster version 3.1 or later for a non-Windows guest");
	assert_string_equal(v.reason[SC_USB_NATIVE], "native USB redirection needs cluster version 3.1 or later");
	sc_usb_rules(SC_DISPLAY_SPICE, SC_CVER_30, SC_OS_RHEL6X64, &on, &v);
	assert_non_null(strstr(v.reason[SC_USB_LEGACY], "needs a Windows guest"));
	assert_null(strstr(v.reason[SC_USB_LEGACY], "3.1"));
	assert_null(strstr(v.reason[SC_USB_NATIVE], "Windows"));
	sc_usb_rules(SC_DISPLAY_SPICE, SC_CVER_30, SC_OS_WINDOWS7, &on, &v);
	assert_non_null(strstr(v.reason[SC_USB_NATIVE], "3.1"));
	sc_usb_rules(SC_DISPLAY_SPICE, SC_CVER_31, SC_OS_RHEL6, &on, &v);
	assert_non_null(strstr(v.reason[SC_USB_LEGACY], "Linux"));
	sc_usb_rules(SC_DISPLAY_SPICE, SC_CVER_32, SC_OS_WINDOWS7, &off, &v);
	assert_non_null(strstr(v.reason[SC_USB_NATIVE], "NativeUSBEnabled"));
	assert_non_null(strstr(v.reason[SC_USB_NATIVE], "3.2"));
	/* linux with native off: only disabled left, both reasons given */
	sc_usb_rules(SC_DISPLAY_SPICE, SC_CVER_31, SC_OS_RHEL6, &off, &v);
	assert_non_null(v.lock_reason);
	assert_non_null(strstr(v.lock_reason, "Linux"));
	assert_non_null(strstr(v.lock_reason, "NativeUSBEnabled"));
	/* reasons are constants: a later call does not change an earlier answer */
	const char *kept = v.lock_reason;
	struct sc_usb_verdict w;
	sc_usb_rules(SC_DISPLAY_SPICE, SC_CVER_32, SC_OS_RHEL6, &off, &w);
	assert_non_null(strstr(kept, "cluster version 3.1 (site option"));
	assert_non_null(strstr(w.lock_reason, "cluster version 3.2 (site option"));
}

static void defaults(void **state)
{
	(void)state;
	struct sc_site site = {.native_usb_enabled = true};
	assert_int_equal(sc_usb_default(SC_DISPLAY_SPICE, SC_CVER_31, SC_OS_WINDOWS7, &site),
			 SC_USB_DISABLED);
	site.usb_as_default = true;
	assert_int_equal(sc_usb_default(SC_DISPLAY_SPICE, SC_CVER_31, SC_OS_WINDOWS7, &site),
			 SC_USB_LEGACY);
	assert_int_equal(sc_usb_default(SC_DISPLAY_SPICE, SC_CVER_31, SC_OS_RHEL6, &site),
			 SC_USB_NATIVE);
	assert_int_equal(sc_usb_default(SC_DISPLAY_VNC, SC_CVER_31, SC_OS_RHEL6, &site),
			 SC_USB_DISABLED);
	assert_int_equal(sc_usb_default(SC_DISPLAY_SPICE, SC_CVER_30, SC_OS_RHEL6, &site),
			 SC_USB_DISABLED);
}

static void labels(void **state)
{
	(void)state;
	assert_non_null(strstr(sc_usb_label(SC_USB_LEGACY), "deprecated"));
	assert_string_equal(sc_usb_label(SC_USB_NATIVE), "Native");
	assert_string_equal(SC_NATIVE_MIGRATION_WARNING,
			    "Migration is not supported with SPICE native USB redirection; live "
			    "migration will be disabled for this VM.");
}

/* NativeUSBEnabled per version comes from the shipped definitions. */
static void site_from_registry(void **state)
{
	(void)state;
	static struct sc_optreg reg;
	struct sc_err err;
	assert_int_equal(config_load_optdefs(&reg, NULL, &err), 0);
	struct sc_site s;
	sc_site_load(&reg, SC_CVER_30, &s);
	assert_false(s.native_usb_enabled);
	sc_site_load(&reg, SC_CVER_31, &s);
	assert_true(s.native_usb_enabled);
	assert_int_equal(s.usb_slots, 4);
	assert_int_equal(s.monitors_mask, (1u << 1) | (1u << 2) | (1u << 4));
	sc_site_load(&reg, SC_CVER_32, &s);
	assert_true(s.native_usb_enabled);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_table), cmocka_unit_test(reasons),
		cmocka_unit_test(defaults),   cmocka_unit_test(labels),
		cmocka_unit_test(site_from_registry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
