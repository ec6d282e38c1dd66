/* The domain objects of SPEC §1: clusters, VMs, templates and pools. */
#ifndef SC_TYPES_H
#define SC_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#define SC_NAME_MAX 64
#define SC_DESC_MAX 1024
#define SC_UUID_LEN 36

enum sc_kind { SC_CLUSTER, SC_VM, SC_TEMPLATE, SC_POOL, SC_KIND_COUNT };
enum sc_cver { SC_CVER_30, SC_CVER_31, SC_CVER_32, SC_CVER_COUNT };
enum sc_display { SC_DISPLAY_SPICE, SC_DISPLAY_VNC, SC_DISPLAY_COUNT };
enum sc_usb { SC_USB_DISABLED, SC_USB_LEGACY, SC_USB_NATIVE, SC_USB_COUNT };
enum sc_migration { SC_MIG_MIGRATABLE, SC_MIG_MANUAL, SC_MIG_PINNED, SC_MIG_COUNT };
enum sc_vmtype { SC_TYPE_DESKTOP, SC_TYPE_SERVER, SC_TYPE_COUNT };
enum sc_osfamily { SC_OSF_WINDOWS, SC_OSF_LINUX, SC_OSF_OTHER };
/* What the guest does when its console disconnects (oVirt's
 * ConsoleDisconnectAction). */
enum sc_disconnect {
	SC_DISC_NONE, SC_DISC_LOCK_SCREEN, SC_DISC_LOGOUT, SC_DISC_SHUTDOWN, SC_DISC_REBOOT,
	SC_DISC_COUNT
};

/* The oVirt 3.1 OS enum, in its order; names are used verbatim in OVF. */
enum sc_os {
	SC_OS_UNASSIGNED, SC_OS_WINDOWSXP, SC_OS_WINDOWS2003, SC_OS_WINDOWS2003X64,
	SC_OS_WINDOWS2008, SC_OS_WINDOWS2008X64, SC_OS_WINDOWS2008R2X64,
	SC_OS_WINDOWS7, SC_OS_WINDOWS7X64, SC_OS_RHEL3, SC_OS_RHEL3X64,
	SC_OS_RHEL4, SC_OS_RHEL4X64, SC_OS_RHEL5, SC_OS_RHEL5X64, SC_OS_RHEL6,
	SC_OS_RHEL6X64, SC_OS_OTHERLINUX, SC_OS_OTHER, SC_OS_COUNT
};

/* The value lists of the choices, by value (names as stored and typed). */
extern const char *const sc_display_names[SC_DISPLAY_COUNT];
extern const char *const sc_usb_names[SC_USB_COUNT];
extern const char *const sc_migration_names[SC_MIG_COUNT];
extern const char *const sc_vmtype_names[SC_TYPE_COUNT];
extern const char *const sc_os_names[SC_OS_COUNT];
extern const char *const sc_disconnect_names[SC_DISC_COUNT];

/* Ranges that rules use besides the field table (model/field.c). */
#define SC_MONITORS_MIN 1
#define SC_MONITORS_MAX 4
#define SC_POOL_SIZE_MIN 1
#define SC_POOL_SIZE_MAX 1000
#define SC_DISC_DELAY_MAX 1440 /* minutes: one day */
#define SC_PROXY_MAX 255

struct sc_cluster {
	int64_t id;
	int64_t rowver;
	char name[SC_NAME_MAX + 1];
	enum sc_cver version;
	char spice_proxy[SC_PROXY_MAX + 1]; /* "" = the site option's */
};

/* A VM, template or pool: one struct so that one form and one set of rules
 * serve all three.  Fields that do not apply to a kind are left at their
 * defaults (see sc_field_applies()). */
struct sc_object {
	enum sc_kind kind;
	int64_t id;
	int64_t rowver; /* bumped by every saved change; used to detect conflicts */
	char uuid[SC_UUID_LEN + 1];
	char name[SC_NAME_MAX + 1];
	char cluster[SC_NAME_MAX + 1];
	char tmpl[SC_NAME_MAX + 1]; /* vm: optional origin; pool: required */
	enum sc_os os;
	enum sc_vmtype type;
	enum sc_display display;
	int monitors;
	enum sc_usb usb;
	/* The migration policy the user chose.  While usb is native the effective
	 * policy is pinned (sc_effective_migration()); leaving native brings this
	 * value back. */
	enum sc_migration migration;
	int memory; /* MiB */
	int cpus;
	bool wan;
	bool smartcard;
	bool usb_autoshare;
	/* Console options after 3.1 (SPEC §9).  On VNC clipboard and file
	 * transfer are off whatever is stored (sc_effective_copy_paste()). */
	bool copy_paste;
	bool file_transfer;
	enum sc_disconnect disconnect_action;
	int disconnect_delay; /* minutes; used only with the shutdown action */
	bool allow_reconnect;
	char spice_proxy[SC_PROXY_MAX + 1]; /* pool only; "" = the cluster's */
	int size; /* pool only */
	char description[SC_DESC_MAX + 1];
};

const char *sc_kind_name(enum sc_kind kind);       /* "vm" */
const char *sc_kind_label(enum sc_kind kind);      /* "VM" */
int sc_kind_parse(const char *s);                  /* -1 if unknown */
const char *sc_cver_name(enum sc_cver v);          /* "3.1" */
int sc_cver_parse(const char *s);                  /* -1 if unknown */
const char *sc_display_name(enum sc_display d);    /* "spice" */
const char *sc_usb_name(enum sc_usb u);            /* "native" */
const char *sc_migration_name(enum sc_migration m);
const char *sc_vmtype_name(enum sc_vmtype t);
/* Value names back to values, ignoring case; -1 if unknown. */
int sc_display_parse(const char *s);
int sc_usb_parse(const char *s);
int sc_migration_parse(const char *s);
int sc_vmtype_parse(const char *s);
const char *sc_os_name(enum sc_os os);             /* "Windows7x64" */
int sc_os_parse(const char *s);                    /* case-insensitive; -1 */
enum sc_osfamily sc_os_family(enum sc_os os);
const char *sc_osfamily_name(enum sc_osfamily f);  /* "windows" */

/* Name rule of SPEC §1: 1–64 chars of [A-Za-z0-9._-], not starting with '-'. */
/* A whole number, written as digits with an optional leading '-' (base 0
 * also takes 0x...), nothing around it: blanks, '+' and trailing text are
 * refused, the same for every number given on the command line, in the
 * form, in options.conf or in a script.  0, or -1 (also on overflow). */
int sc_parse_long(const char *s, int base, long *out);

/* What a valid name is, for messages: the first character is never '-', so a
 * name is never taken for an option on a command line. */
#define SC_NAME_RULE "1-64 characters of A-Z a-z 0-9 . _ -, not starting with -"
bool sc_name_valid(const char *name);

/* Parses true/false/yes/no/on/off/1/0; -1 if it is none of them. */
int sc_parse_bool(const char *s, bool *out);

/* The migration policy in force (pinned while native USB is on). */
enum sc_migration sc_effective_migration(const struct sc_object *obj);
/* Clipboard and file transfer in force (off on VNC). */
bool sc_effective_copy_paste(const struct sc_object *obj);
bool sc_effective_file_transfer(const struct sc_object *obj);

#endif
