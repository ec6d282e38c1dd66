#include "types.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const kind_names[SC_KIND_COUNT] = {"cluster", "vm", "template", "pool"};
static const char *const kind_labels[SC_KIND_COUNT] = {"Cluster", "VM", "Template", "Pool"};
static const char *const cver_names[SC_CVER_COUNT] = {"3.0", "3.1", "3.2"};
const char *const sc_display_names[SC_DISPLAY_COUNT] = {"spice", "vnc"};
const char *const sc_usb_names[SC_USB_COUNT] = {"disabled", "legacy", "native"};
const char *const sc_migration_names[SC_MIG_COUNT] = {"migratable", "manual", "pinned"};
const char *const sc_vmtype_names[SC_TYPE_COUNT] = {"desktop", "server"};
const char *const sc_disconnect_names[SC_DISC_COUNT] = {"none", "lock-screen", "logout",
							 "shutdown", "reboot"};
const char *const sc_os_names[SC_OS_COUNT] = {
	"Unassigned", "WindowsXP", "Windows2003", "Windows2003x64", "Windows2008",
	"Windows2008x64", "Windows2008R2x64", "Windows7", "Windows7x64", "RHEL3",
	"RHEL3x64", "RHEL4", "RHEL4x64", "RHEL5", "RHEL5x64", "RHEL6", "RHEL6x64",
	"OtherLinux", "Other",
};

static const char *pick(const char *const *names, int n, int i)
{
	return (i >= 0 && i < n) ? names[i] : "?";
}

static int find(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *sc_kind_name(enum sc_kind k) { return pick(kind_names, SC_KIND_COUNT, k); }
const char *sc_kind_label(enum sc_kind k) { return pick(kind_labels, SC_KIND_COUNT, k); }
int sc_kind_parse(const char *s) { return find(kind_names, SC_KIND_COUNT, s); }
const char *sc_cver_name(enum sc_cver v) { return pick(cver_names, SC_CVER_COUNT, v); }
int sc_cver_parse(const char *s) { return find(cver_names, SC_CVER_COUNT, s); }
const char *sc_display_name(enum sc_display d) { return pick(sc_display_names, SC_DISPLAY_COUNT, d); }
const char *sc_usb_name(enum sc_usb u) { return pick(sc_usb_names, SC_USB_COUNT, u); }
const char *sc_migration_name(enum sc_migration m) { return pick(sc_migration_names, SC_MIG_COUNT, m); }
const char *sc_vmtype_name(enum sc_vmtype t) { return pick(sc_vmtype_names, SC_TYPE_COUNT, t); }
const char *sc_os_name(enum sc_os os) { return pick(sc_os_names, SC_OS_COUNT, os); }

/* Value names are matched ignoring case, as users type them. */
static int find_ci(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcasecmp(names[i], s) == 0)
			return i;
	return -1;
}

int sc_os_parse(const char *s) { return find_ci(sc_os_names, SC_OS_COUNT, s); }
int sc_display_parse(const char *s) { return find_ci(sc_display_names, SC_DISPLAY_COUNT, s); }
int sc_usb_parse(const char *s) { return find_ci(sc_usb_names, SC_USB_COUNT, s); }
int sc_migration_parse(const char *s) { return find_ci(sc_migration_names, SC_MIG_COUNT, s); }
int sc_vmtype_parse(const char *s) { return find_ci(sc_vmtype_names, SC_TYPE_COUNT, s); }

enum sc_osfamily sc_os_family(enum sc_os os)
{
	if (os >= SC_OS_WINDOWSXP && os <= SC_OS_WINDOWS7X64)
		return SC_OSF_WINDOWS;
	if (os >= SC_OS_RHEL3 && os <= SC_OS_OTHERLINUX)
		return SC_OSF_LINUX;
	return SC_OSF_OTHER;
}

const char *sc_osfamily_name(enum sc_osfamily f)
{
	static const char *const names[] = {"windows", "linux", "other"};
	return pick(names, 3, f);
}

int sc_parse_long(const char *s, int base, long *out)
{
	const char *d = s[0] == '-' ? s + 1 : s;
	if (*d < '0' || *d > '9')
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, base);
	if (errno || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

bool sc_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 || n > SC_NAME_MAX || name[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

int sc_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (int i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return *out = true, 0;
		if (strcasecmp(s, no[i]) == 0)
			return *out = false, 0;
	}
	return -1;
}

enum sc_migration sc_effective_migration(const struct sc_object *o)
{
	return o->usb == SC_USB_NATIVE ? SC_MIG_PINNED : o->migration;
}

bool sc_effective_copy_paste(const struct sc_object *o)
{
	return o->copy_paste && o->display == SC_DISPLAY_SPICE;
}

bool sc_effective_file_transfer(const struct sc_object *o)
{
	return o->file_transfer && o->display == SC_DISPLAY_SPICE;
}
