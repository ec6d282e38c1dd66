/* The USB Support rule of SPEC §2, in one place.  Everything that offers,
 * checks or explains a USB value — the form's dropdown, the CLI, the
 * importers — asks sc_usb_rules(). */
#include "rules.h"

#include <stdio.h>

const char *const SC_NATIVE_MIGRATION_WARNING =
	"Migration is not supported with SPICE native USB redirection; "
	"live migration will be disabled for this VM.";
const char *const SC_NATIVE_MIGRATION_WARNING_TEMPLATE =
	"Migration is not supported with SPICE native USB redirection; "
	"live migration will be disabled for the VMs made from this template.";
const char *const SC_NATIVE_MIGRATION_WARNING_POOL =
	"Migration is not supported with SPICE native USB redirection; "
	"live migration will be disabled for the VMs of this pool.";
const char *const SC_LEGACY_DEPRECATED_WARNING =
	"Legacy USB support is deprecated: it needs a guest-side driver and will be "
	"removed; choose Native where the guest and cluster allow it.";

static const char *const R_NEEDS_SPICE = "USB redirection needs the SPICE protocol";
static const char *const R_NEEDS_31_OR_WINDOWS = "needs cluster version 3.1 or a Windows guest";
static const char *const R_NATIVE_NEEDS_31 =
	"native USB redirection needs cluster version 3.1 or later";
static const char *const R_LEGACY_NEEDS_WINDOWS_30 =
	"legacy USB redirection is not available for Linux guests (it needs a Windows guest)";
static const char *const R_LEGACY_OTHER_NEEDS_31 =
	"legacy USB redirection needs cluster version 3.1 or later for a non-Windows guest";
static const char *const R_LEGACY_NOT_LINUX =
	"legacy USB redirection is not available for Linux guests on cluster version 3.1 "
	"or later (use native)";

static const char *native_off_reason(enum sc_cver cver)
{
	static const char *const reasons[SC_CVER_COUNT] = {
		"native USB redirection is turned off for cluster version 3.0 "
		"(site option NativeUSBEnabled)",
		"native USB redirection is turned off for cluster version 3.1 "
		"(site option NativeUSBEnabled)",
		"native USB redirection is turned off for cluster version 3.2 "
		"(site option NativeUSBEnabled)",
	};
	return reasons[cver];
}

/* Lock reason when only `disabled` is left: the shared reason if both other
 * values were refused for the same one.  On 3.0 a non-Windows guest's values
 * are refused for different reasons (SPEC §2), and the field's lock reason is
 * the table's "needs cluster version 3.1 or a Windows guest".  The other case
 * with two different reasons is a Linux guest on 3.1+ with native turned off;
 * its texts are constants like every other reason, so callers may keep the
 * pointer. */
static const char *lock_text(const struct sc_usb_verdict *v, enum sc_cver cver)
{
	if (cver == SC_CVER_30 && v->reason[SC_USB_LEGACY] != R_NEEDS_SPICE)
		return R_NEEDS_31_OR_WINDOWS;
	static const char *const linux_native_off[SC_CVER_COUNT] = {
		NULL,
		"legacy USB redirection is not available for Linux guests on cluster version 3.1 "
		"or later; native USB redirection is turned off for cluster version 3.1 (site "
		"option NativeUSBEnabled)",
		"legacy USB redirection is not available for Linux guests on cluster version 3.1 "
		"or later; native USB redirection is turned off for cluster version 3.2 (site "
		"option NativeUSBEnabled)",
	};
	const char *l = v->reason[SC_USB_LEGACY], *n = v->reason[SC_USB_NATIVE];
	return l == n ? l : linux_native_off[cver];
}

void sc_usb_rules(enum sc_display display, enum sc_cver cver, enum sc_os os,
		  const struct sc_site *site, struct sc_usb_verdict *out)
{
	enum sc_osfamily fam = sc_os_family(os);
	const char **r = out->reason;

	r[SC_USB_DISABLED] = NULL;
	r[SC_USB_LEGACY] = NULL;
	r[SC_USB_NATIVE] = NULL;
	if (display == SC_DISPLAY_VNC) {
		r[SC_USB_LEGACY] = r[SC_USB_NATIVE] = R_NEEDS_SPICE;
	} else if (cver == SC_CVER_30) {
		/* Each value's own reason: native needs 3.1 whatever the guest;
		 * legacy needs a Windows guest here (Linux never has it). */
		r[SC_USB_NATIVE] = R_NATIVE_NEEDS_31;
		if (fam == SC_OSF_LINUX)
			r[SC_USB_LEGACY] = R_LEGACY_NEEDS_WINDOWS_30;
		else if (fam != SC_OSF_WINDOWS)
			r[SC_USB_LEGACY] = R_LEGACY_OTHER_NEEDS_31;
	} else {
		if (fam == SC_OSF_LINUX)
			r[SC_USB_LEGACY] = R_LEGACY_NOT_LINUX;
		if (!site->native_usb_enabled)
			r[SC_USB_NATIVE] = native_off_reason(cver);
	}
	int allowed = 0;
	for (int u = 0; u < SC_USB_COUNT; u++)
		allowed += r[u] == NULL;
	out->editable = allowed > 1;
	out->lock_reason = out->editable ? NULL : lock_text(out, cver);
}

enum sc_usb sc_usb_default(enum sc_display display, enum sc_cver cver, enum sc_os os,
			   const struct sc_site *site)
{
	if (!site->usb_as_default)
		return SC_USB_DISABLED;
	struct sc_usb_verdict v;
	sc_usb_rules(display, cver, os, site, &v);
	for (int u = SC_USB_LEGACY; u < SC_USB_COUNT; u++)
		if (!v.reason[u])
			return (enum sc_usb)u;
	return SC_USB_DISABLED;
}

const char *sc_usb_label(enum sc_usb u)
{
	static const char *const labels[SC_USB_COUNT] = {"Disabled", "Legacy (deprecated)",
							 "Native"};
	return (u >= 0 && u < SC_USB_COUNT) ? labels[u] : "?";
}
