/* The osinfo names are those of oVirt's osinfo defaults; names of newer
 * releases that follow the same patterns are recognised by their prefix, so
 * a file from a version newer than this table still imports. */
#include "osmap.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	enum sc_os os;
} aliases[] = {
	{"unassigned", SC_OS_UNASSIGNED},	{"other", SC_OS_OTHER},
	{"other_linux", SC_OS_OTHERLINUX},	{"windows_xp", SC_OS_WINDOWSXP},
	{"windows_2003", SC_OS_WINDOWS2003},	{"windows_2003x64", SC_OS_WINDOWS2003X64},
	{"windows_2008", SC_OS_WINDOWS2008},	{"windows_2008x64", SC_OS_WINDOWS2008X64},
	{"windows_2008r2x64", SC_OS_WINDOWS2008R2X64}, {"windows_7", SC_OS_WINDOWS7},
	{"windows_7x64", SC_OS_WINDOWS7X64},	{"rhel_3", SC_OS_RHEL3},
	{"rhel_3x64", SC_OS_RHEL3X64},		{"rhel_4", SC_OS_RHEL4},
	{"rhel_4x64", SC_OS_RHEL4X64},		{"rhel_5", SC_OS_RHEL5},
	{"rhel_5x64", SC_OS_RHEL5X64},		{"rhel_6", SC_OS_RHEL6},
	{"rhel_6x64", SC_OS_RHEL6X64},
};

/* Prefixes of osinfo names by family; "other" ones map to Other. */
static const char *const linux_prefixes[] = {
	"rhel_", "rhcos", "other_linux", "sles_", "ubuntu_", "debian_", "centos", "fedora",
	"suse", "opensuse", "oel", "oracle_linux",
};
static const char *const other_names[] = {
	"other_ppc64", "other_s390x", "freebsd", "freebsdx64",
};

const char *const OSMAP_VALID =
	"valid: Unassigned, WindowsXP, Windows2003, Windows2003x64, Windows2008, "
	"Windows2008x64, Windows2008R2x64, Windows7, Windows7x64, RHEL3, RHEL3x64, RHEL4, "
	"RHEL4x64, RHEL5, RHEL5x64, RHEL6, RHEL6x64, OtherLinux, Other, or an osinfo name "
	"such as windows_7x64, rhel_6x64, other_linux";

static bool has_prefix(const char *s, const char *p)
{
	return strncasecmp(s, p, strlen(p)) == 0;
}

/* osinfo names are lower-case words of letters, digits and '_'. */
static bool osinfo_shaped(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Windows Server releases are named by year ("windows_2012x64"). */
static enum sc_os nearest_windows(const char *name)
{
	const char *v = name + strlen("windows_");
	return strncmp(v, "20", 2) == 0 ? SC_OS_WINDOWS2008R2X64 : SC_OS_WINDOWS7X64;
}

static bool nearest(const char *name, enum sc_os *out)
{
	if (!osinfo_shaped(name))
		return false;
	if (has_prefix(name, "windows_") && name[8]) {
		*out = nearest_windows(name);
		return true;
	}
	for (size_t i = 0; i < sizeof linux_prefixes / sizeof *linux_prefixes; i++)
		if (has_prefix(name, linux_prefixes[i])) {
			*out = SC_OS_OTHERLINUX;
			return true;
		}
	for (size_t i = 0; i < sizeof other_names / sizeof *other_names; i++)
		if (strcasecmp(name, other_names[i]) == 0) {
			*out = SC_OS_OTHER;
			return true;
		}
	return false;
}

enum osmap_how osmap_lookup(const char *name, enum sc_os *out)
{
	int os = sc_os_parse(name);
	if (os >= 0) {
		*out = (enum sc_os)os;
		return OSMAP_EXACT;
	}
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcasecmp(name, aliases[i].name) == 0) {
			*out = aliases[i].os;
			return OSMAP_ALIAS;
		}
	return nearest(name, out) ? OSMAP_NEAREST : OSMAP_UNKNOWN;
}
