#include "demo.h"

#include "field.h"

#include <stdio.h>
#include <string.h>

const struct sc_demo_cluster SC_DEMO_CLUSTERS[] = {
	{"cluster-3.0", SC_CVER_30},
	{"cluster-3.1", SC_CVER_31},
	{"cluster-3.2", SC_CVER_32},
	{NULL, SC_CVER_30},
};

struct seed {
	enum sc_kind kind;
	const char *name, *cluster, *tmpl;
	enum sc_os os;
	enum sc_vmtype type;
	enum sc_display display;
	int monitors;
	enum sc_usb usb;
	bool smartcard, wan;
	int memory, size;
	const char *description;
};

#define DESK SC_TYPE_DESKTOP
#define SRV SC_TYPE_SERVER
#define SPICE SC_DISPLAY_SPICE
#define VNC SC_DISPLAY_VNC
#define OFF SC_USB_DISABLED
#define LEG SC_USB_LEGACY
#define NAT SC_USB_NATIVE

static const struct seed seeds[] = {
	{SC_TEMPLATE, "win7-desktop", "cluster-3.1", "", SC_OS_WINDOWS7X64, DESK, SPICE, 2, NAT, true, true, 4096, 0, "Windows 7 desktop with native USB"},
	{SC_TEMPLATE, "rhel6-server", "cluster-3.1", "", SC_OS_RHEL6X64, SRV, SPICE, 1, OFF, false, false, 2048, 0, "RHEL 6 server"},
	{SC_TEMPLATE, "winxp-legacy", "cluster-3.0", "", SC_OS_WINDOWSXP, DESK, SPICE, 1, LEG, false, false, 1024, 0, "Windows XP with legacy USB"},
	{SC_VM, "xp-office", "cluster-3.0", "winxp-legacy", SC_OS_WINDOWSXP, DESK, SPICE, 1, LEG, false, true, 1024, 0, "front office"},
	{SC_VM, "w2003-files", "cluster-3.0", "", SC_OS_WINDOWS2003, SRV, SPICE, 1, OFF, false, false, 2048, 0, "file server"},
	{SC_VM, "rhel5-build", "cluster-3.0", "", SC_OS_RHEL5X64, SRV, VNC, 1, OFF, false, false, 4096, 0, "build host"},
	{SC_VM, "rhel4-old", "cluster-3.0", "", SC_OS_RHEL4, DESK, SPICE, 2, OFF, false, false, 512, 0, "Xinerama desktop"},
	{SC_VM, "win7-dev01", "cluster-3.1", "win7-desktop", SC_OS_WINDOWS7X64, DESK, SPICE, 2, NAT, true, true, 4096, 0, "developer desktop"},
	{SC_VM, "win7-dev02", "cluster-3.1", "win7-desktop", SC_OS_WINDOWS7X64, DESK, SPICE, 4, NAT, false, false, 4096, 0, "four monitors"},
	{SC_VM, "win7-kiosk", "cluster-3.1", "", SC_OS_WINDOWS7, DESK, SPICE, 1, LEG, false, true, 2048, 0, "legacy USB kiosk"},
	{SC_VM, "w2008-dc", "cluster-3.1", "", SC_OS_WINDOWS2008R2X64, SRV, VNC, 1, OFF, false, false, 8192, 0, "domain controller"},
	{SC_VM, "w2008-ts", "cluster-3.1", "", SC_OS_WINDOWS2008X64, SRV, SPICE, 1, NAT, true, false, 8192, 0, "terminal server"},
	{SC_VM, "rhel6-web01", "cluster-3.1", "rhel6-server", SC_OS_RHEL6X64, SRV, SPICE, 1, OFF, false, false, 2048, 0, "web"},
	{SC_VM, "rhel6-ws01", "cluster-3.1", "", SC_OS_RHEL6X64, DESK, SPICE, 2, NAT, false, false, 2048, 0, "workstation"},
	{SC_VM, "rhel6-vnc", "cluster-3.1", "", SC_OS_RHEL6, DESK, VNC, 1, OFF, false, false, 1024, 0, "VNC console"},
	{SC_VM, "linux-lab", "cluster-3.1", "", SC_OS_OTHERLINUX, DESK, SPICE, 1, NAT, false, false, 1024, 0, "lab"},
	{SC_VM, "other-appliance", "cluster-3.1", "", SC_OS_OTHER, SRV, SPICE, 1, LEG, false, false, 512, 0, "appliance"},
	{SC_VM, "win7-qa", "cluster-3.2", "", SC_OS_WINDOWS7X64, DESK, SPICE, 2, NAT, true, true, 4096, 0, "QA desktop"},
	{SC_VM, "winxp-qa", "cluster-3.2", "", SC_OS_WINDOWSXP, DESK, SPICE, 1, LEG, false, false, 1024, 0, "QA legacy"},
	{SC_VM, "rhel6-qa", "cluster-3.2", "", SC_OS_RHEL6X64, DESK, SPICE, 4, NAT, false, false, 2048, 0, "QA Linux"},
	{SC_VM, "rhel5-qa", "cluster-3.2", "", SC_OS_RHEL5, SRV, VNC, 1, OFF, false, false, 1024, 0, "QA server"},
	{SC_VM, "unassigned-new", "cluster-3.2", "", SC_OS_UNASSIGNED, DESK, SPICE, 1, OFF, false, false, 1024, 0, ""},
	{SC_VM, "w2003-qa", "cluster-3.2", "", SC_OS_WINDOWS2003X64, SRV, SPICE, 1, LEG, false, false, 2048, 0, "QA 2003"},
	{SC_POOL, "win7-pool", "cluster-3.1", "win7-desktop", SC_OS_WINDOWS7X64, DESK, SPICE, 2, NAT, true, true, 4096, 10, "classroom"},
	{SC_POOL, "rhel6-pool", "cluster-3.1", "rhel6-server", SC_OS_RHEL6X64, SRV, SPICE, 1, OFF, false, false, 2048, 5, "workers"},
};

int sc_demo_object(int i, struct sc_object *o)
{
	if (i < 0 || i >= (int)(sizeof seeds / sizeof seeds[0]))
		return -1;
	const struct seed *s = &seeds[i];
	sc_field_defaults(o, s->kind); /* what the seeds leave out is the table's */
	sc_strlcpy(o->name, s->name, sizeof o->name);
	sc_strlcpy(o->cluster, s->cluster, sizeof o->cluster);
	sc_strlcpy(o->tmpl, s->tmpl, sizeof o->tmpl);
	o->os = s->os;
	o->type = s->type;
	o->display = s->display;
	o->monitors = s->monitors;
	o->usb = s->usb;
	o->migration = SC_MIG_MIGRATABLE;
	o->memory = s->memory;
	o->cpus = s->type == SRV ? 4 : 2;
	o->smartcard = s->smartcard;
	o->wan = s->wan;
	o->usb_autoshare = true;
	o->size = s->size;
	sc_strlcpy(o->description, s->description, sizeof o->description);
	return 0;
}

void sc_demo_generated(long n, struct sc_object *o)
{
	static const enum sc_os oses[] = {SC_OS_WINDOWS7X64, SC_OS_RHEL6X64, SC_OS_WINDOWSXP,
					  SC_OS_OTHERLINUX, SC_OS_WINDOWS2008R2X64, SC_OS_OTHER};
	sc_field_defaults(o, SC_VM);
	snprintf(o->name, sizeof o->name, "gen-%06ld", n);
	snprintf(o->cluster, sizeof o->cluster, "%s", SC_DEMO_CLUSTERS[n % 3].name);
	o->os = oses[n % 6];
	o->type = n % 5 == 4 ? SC_TYPE_SERVER : SC_TYPE_DESKTOP;
	o->display = n % 7 == 6 ? SC_DISPLAY_VNC : SC_DISPLAY_SPICE;
	o->monitors = 1 + (int)(n % 4 == 3);
	o->usb = (enum sc_usb)(n % SC_USB_COUNT);
	o->migration = (enum sc_migration)(n % 2);
	o->memory = 1024 << (n % 3);
	o->cpus = 1 + (int)(n % 4);
	o->usb_autoshare = true;
}

/* Moves generated values into what the context allows. */
void sc_demo_fit(struct sc_object *o, const struct sc_ctx *ctx)
{
	struct sc_msgs ignored = {0};
	sc_apply(o, ctx, &ignored);
}
