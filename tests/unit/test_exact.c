/* The exact bytes of every export (SPEC §6): each field's value, not only
 * its presence, so that a writer that drops or changes one value fails
 * here even when its reader changes with it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model/api.h"
#include "model/domxml.h"
#include "model/ovf.h"
#include "model/vv.h"
#include "store/config.h"

static struct sc_optreg reg;

#define CA "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
#define UUID "0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d"

static const char DOMXML_NATIVE[] =
	"<domain type='kvm'>\n"
	"  <name>win-1</name>\n"
	"  <uuid>0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d</uuid>\n"
	"  <description>desk &amp; &lt;co&gt;</description>\n"
	"  <memory unit='MiB'>2048</memory>\n"
	"  <currentMemory unit='MiB'>2048</currentMemory>\n"
	"  <vcpu placement='static'>3</vcpu>\n"
	"  <os>\n"
	"    <type arch='x86_64'>hvm</type>\n"
	"    <boot dev='hd'/>\n"
	"  </os>\n"
	"  <features>\n"
	"    <acpi/>\n"
	"    <apic/>\n"
	"  </features>\n"
	"  <clock offset='localtime'/>\n"
	"  <on_poweroff>destroy</on_poweroff>\n"
	"  <on_reboot>restart</on_reboot>\n"
	"  <on_crash>destroy</on_crash>\n"
	"  <devices>\n"
	"    <graphics type='spice' autoport='yes'>\n"
	"      <image compression='auto_glz'/>\n"
	"      <jpeg compression='always'/>\n"
	"      <zlib compression='always'/>\n"
	"      <playback compression='on'/>\n"
	"      <streaming mode='filter'/>\n"
	"    </graphics>\n"
	"    <video>\n"
	"      <model type='qxl' ram='65536' vram='32768' vgamem='16384' heads='1'/>\n"
	"    </video>\n"
	"    <video>\n"
	"      <model type='qxl' ram='65536' vram='32768' vgamem='16384' heads='1'/>\n"
	"    </video>\n"
	"    <controller type='usb' index='0' model='ich9-ehci1'/>\n"
	"    <controller type='usb' index='0' model='ich9-uhci1'>\n"
	"      <master startport='0'/>\n"
	"    </controller>\n"
	"    <controller type='usb' index='0' model='ich9-uhci2'>\n"
	"      <master startport='2'/>\n"
	"    </controller>\n"
	"    <controller type='usb' index='0' model='ich9-uhci3'>\n"
	"      <master startport='4'/>\n"
	"    </controller>\n"
	"    <redirdev bus='usb' type='spicevmc'/>\n"
	"    <redirdev bus='usb' type='spicevmc'/>\n"
	"    <redirfilter>\n"
	"      <usbdev allow='yes'/>\n"
	"    </redirfilter>\n"
	"    <smartcard mode='passthrough' type='spicevmc'/>\n"
	"    <channel type='spicevmc'>\n"
	"      <target type='virtio' name='com.redhat.spice.0'/>\n"
	"    </channel>\n"
	"  </devices>\n"
	"</domain>\n";

static const char API_NATIVE[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<vm id=\"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d\">\n"
	"  <name>win-1</name>\n"
	"  <description>desk &amp; &lt;co&gt;</description>\n"
	"  <type>desktop</type>\n"
	"  <os type=\"Windows7x64\"/>\n"
	"  <memory>2147483648</memory>\n"
	"  <cpu>\n"
	"    <topology sockets=\"3\" cores=\"1\"/>\n"
	"  </cpu>\n"
	"  <cluster>\n"
	"    <name>c31</name>\n"
	"  </cluster>\n"
	"  <template>\n"
	"    <name>t-win</name>\n"
	"  </template>\n"
	"  <display>\n"
	"    <type>spice</type>\n"
	"    <monitors>2</monitors>\n"
	"    <smartcard_enabled>true</smartcard_enabled>\n"
	"    <file_transfer_enabled>true</file_transfer_enabled>\n"
	"    <copy_paste_enabled>true</copy_paste_enabled>\n"
	"    <allow_override>false</allow_override>\n"
	"    <disconnect_action>LOCK_SCREEN</disconnect_action>\n"
	"    <disconnect_action_delay>0</disconnect_action_delay>\n"
	"    <single_qxl_pci>false</single_qxl_pci>\n"
	"  </display>\n"
	"  <usb>\n"
	"    <enabled>true</enabled>\n"
	"    <type>native</type>\n"
	"  </usb>\n"
	"  <placement_policy>\n"
	"    <affinity>pinned</affinity>\n"
	"  </placement_policy>\n"
	"</vm>\n";

static const char OVF_NATIVE[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1/\" xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData\" xmlns:vssd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ovf:version=\"3.1.0.0\">\n"
	"  <References/>\n"
	"  <Section xsi:type=\"ovf:NetworkSection_Type\">\n"
	"    <Info>List of networks</Info>\n"
	"  </Section>\n"
	"  <Section xsi:type=\"ovf:DiskSection_Type\">\n"
	"    <Info>List of Virtual Disks</Info>\n"
	"  </Section>\n"
	"  <Content ovf:id=\"out\" xsi:type=\"ovf:VirtualSystem_Type\">\n"
	"    <Name>win-1</Name>\n"
	"    <TemplateId>11111111-2222-3333-4444-555555555555</TemplateId>\n"
	"    <TemplateName>t-win</TemplateName>\n"
	"    <Description>desk &amp; &lt;co&gt;</Description>\n"
	"    <IsSmartcardEnabled>true</IsSmartcardEnabled>\n"
	"    <VmType>0</VmType>\n"
	"    <DefaultDisplayType>1</DefaultDisplayType>\n"
	"    <MigrationSupport>2</MigrationSupport>\n"
	"    <IsSpiceFileTransferEnabled>true</IsSpiceFileTransferEnabled>\n"
	"    <IsSpiceCopyPasteEnabled>true</IsSpiceCopyPasteEnabled>\n"
	"    <AllowConsoleReconnect>false</AllowConsoleReconnect>\n"
	"    <ConsoleDisconnectAction>LOCK_SCREEN</ConsoleDisconnectAction>\n"
	"    <ConsoleDisconnectActionDelay>0</ConsoleDisconnectActionDelay>\n"
	"    <Section ovf:id=\"0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d\" ovf:required=\"false\" xsi:type=\"ovf:OperatingSystemSection_Type\">\n"
	"      <Info>Guest Operating System</Info>\n"
	"      <Description>Windows7x64</Description>\n"
	"    </Section>\n"
	"    <Section xsi:type=\"ovf:VirtualHardwareSection_Type\">\n"
	"      <Info>3 CPU, 2048 Memory</Info>\n"
	"      <System>\n"
	"        <vssd:VirtualSystemType>ENGINE 3.1.0.0</vssd:VirtualSystemType>\n"
	"      </System>\n"
	"      <Item>\n"
	"        <rasd:Caption>3 virtual cpu</rasd:Caption>\n"
	"        <rasd:Description>Number of virtual CPU</rasd:Description>\n"
	"        <rasd:InstanceId>1</rasd:InstanceId>\n"
	"        <rasd:ResourceType>3</rasd:ResourceType>\n"
	"        <rasd:num_of_sockets>3</rasd:num_of_sockets>\n"
	"        <rasd:cpu_per_socket>1</rasd:cpu_per_socket>\n"
	"      </Item>\n"
	"      <Item>\n"
	"        <rasd:Caption>2048 MB of memory</rasd:Caption>\n"
	"        <rasd:Description>Memory Size</rasd:Description>\n"
	"        <rasd:InstanceId>2</rasd:InstanceId>\n"
	"        <rasd:ResourceType>4</rasd:ResourceType>\n"
	"        <rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits>\n"
	"        <rasd:VirtualQuantity>2048</rasd:VirtualQuantity>\n"
	"      </Item>\n"
	"      <Item>\n"
	"        <rasd:Caption>USB Controller</rasd:Caption>\n"
	"        <rasd:InstanceId>3</rasd:InstanceId>\n"
	"        <rasd:ResourceType>23</rasd:ResourceType>\n"
	"        <rasd:UsbPolicy>ENABLED_NATIVE</rasd:UsbPolicy>\n"
	"      </Item>\n"
	"      <Item>\n"
	"        <rasd:Caption>Graphical Controller</rasd:Caption>\n"
	"        <rasd:InstanceId>4</rasd:InstanceId>\n"
	"        <rasd:ResourceType>20</rasd:ResourceType>\n"
	"        <rasd:VirtualQuantity>2</rasd:VirtualQuantity>\n"
	"        <SinglePciQxl>false</SinglePciQxl>\n"
	"      </Item>\n"
	"      <Item>\n"
	"        <rasd:Caption>Graphical Controller</rasd:Caption>\n"
	"        <rasd:InstanceId>5</rasd:InstanceId>\n"
	"        <rasd:ResourceType>20</rasd:ResourceType>\n"
	"        <rasd:VirtualQuantity>2</rasd:VirtualQuantity>\n"
	"        <SinglePciQxl>false</SinglePciQxl>\n"
	"      </Item>\n"
	"    </Section>\n"
	"  </Content>\n"
	"</ovf:Envelope>\n";

static const char VV_NATIVE[] =
	"[virt-viewer]\n"
	"type=spice\n"
	"host=h.example\n"
	"port=5900\n"
	"tls-port=5901\n"
	"password=pw\n"
	"secure-channels=main;inputs\n"
	"ca=-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\n"
	"host-subject=CN=h\n"
	"title=win-1\n"
	"delete-this-file=1\n"
	"fullscreen=0\n"
	"toggle-fullscreen=shift+f11\n"
	"release-cursor=shift+f12\n"
	"secure-attention=ctrl+alt+end\n"
	"enable-usbredir=1\n"
	"enable-usb-autoshare=1\n"
	"usb-filter=-1,-1,-1,-1,1\n"
	"enable-smartcard=1\n"
	"color-depth=16\n"
	"disable-effects=animation\n";

static const char DOMXML_VNC[] =
	"<domain type='kvm'>\n"
	"  <name>rhel-t</name>\n"
	"  <memory unit='MiB'>1024</memory>\n"
	"  <currentMemory unit='MiB'>1024</currentMemory>\n"
	"  <vcpu placement='static'>1</vcpu>\n"
	"  <os>\n"
	"    <type arch='x86_64'>hvm</type>\n"
	"    <boot dev='hd'/>\n"
	"  </os>\n"
	"  <features>\n"
	"    <acpi/>\n"
	"    <apic/>\n"
	"  </features>\n"
	"  <clock offset='utc'/>\n"
	"  <on_poweroff>destroy</on_poweroff>\n"
	"  <on_reboot>restart</on_reboot>\n"
	"  <on_crash>destroy</on_crash>\n"
	"  <devices>\n"
	"    <graphics type='vnc' autoport='yes'/>\n"
	"    <video>\n"
	"      <model type='cirrus'/>\n"
	"    </video>\n"
	"  </devices>\n"
	"</domain>\n";

static const char API_TEMPLATE[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<template>\n"
	"  <name>rhel-t</name>\n"
	"  <type>server</type>\n"
	"  <os type=\"RHEL6x64\"/>\n"
	"  <memory>1073741824</memory>\n"
	"  <cpu>\n"
	"    <topology sockets=\"1\" cores=\"1\"/>\n"
	"  </cpu>\n"
	"  <cluster>\n"
	"    <name>c31</name>\n"
	"  </cluster>\n"
	"  <display>\n"
	"    <type>vnc</type>\n"
	"    <monitors>1</monitors>\n"
	"    <smartcard_enabled>false</smartcard_enabled>\n"
	"    <file_transfer_enabled>true</file_transfer_enabled>\n"
	"    <copy_paste_enabled>true</copy_paste_enabled>\n"
	"    <allow_override>false</allow_override>\n"
	"    <disconnect_action>LOCK_SCREEN</disconnect_action>\n"
	"    <disconnect_action_delay>0</disconnect_action_delay>\n"
	"    <single_qxl_pci>false</single_qxl_pci>\n"
	"  </display>\n"
	"  <usb>\n"
	"    <enabled>false</enabled>\n"
	"  </usb>\n"
	"  <placement_policy>\n"
	"    <affinity>pinned</affinity>\n"
	"  </placement_policy>\n"
	"</template>\n";

static const char OVF_TEMPLATE[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1/\" xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData\" xmlns:vssd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ovf:version=\"3.1.0.0\">\n"
	"  <References/>\n"
	"  <Section xsi:type=\"ovf:NetworkSection_Type\">\n"
	"    <Info>List of networks</Info>\n"
	"  </Section>\n"
	"  <Section xsi:type=\"ovf:DiskSection_Type\">\n"
	"    <Info>List of Virtual Disks</Info>\n"
	"  </Section>\n"
	"  <Content ovf:id=\"out\" xsi:type=\"ovf:VirtualSystem_Type\">\n"
	"    <Name>rhel-t</Name>\n"
	"    <TemplateId>00000000-0000-0000-0000-000000000000</TemplateId>\n"
	"    <Description></Description>\n"
	"    <IsSmartcardEnabled>false</IsSmartcardEnabled>\n"
	"    <VmType>1</VmType>\n"
	"    <default_display_type>0</default_display_type>\n"
	"    <MigrationSupport>2</MigrationSupport>\n"
	"    <IsSpiceFileTransferEnabled>true</IsSpiceFileTransferEnabled>\n"
	"    <IsSpiceCopyPasteEnabled>true</IsSpiceCopyPasteEnabled>\n"
	"    <AllowConsoleReconnect>false</AllowConsoleReconnect>\n"
	"    <ConsoleDisconnectAction>LOCK_SCREEN</ConsoleDisconnectAction>\n"
	"    <ConsoleDisconnectActionDelay>0</ConsoleDisconnectActionDelay>\n"
	"    <Section ovf:id=\"00000000-0000-0000-0000-000000000000\" ovf:required=\"false\" xsi:type=\"ovf:OperatingSystemSection_Type\">\n"
	"      <Info>Guest Operating System</Info>\n"
	"      <Description>RHEL6x64</Description>\n"
	"    </Section>\n"
	"    <Section xsi:type=\"ovf:VirtualHardwareSection_Type\">\n"
	"      <Info>1 CPU, 1024 Memory</Info>\n"
	"      <System>\n"
	"        <vssd:VirtualSystemType>ENGINE 3.1.0.0</vssd:VirtualSystemType>\n"
	"      </System>\n"
	"      <Item>\n"
	"        <rasd:Caption>1 virtual cpu</rasd:Caption>\n"
	"        <rasd:Description>Number of virtual CPU</rasd:Description>\n"
	"        <rasd:InstanceId>1</rasd:InstanceId>\n"
	"        <rasd:ResourceType>3</rasd:ResourceType>\n"
	"        <rasd:num_of_sockets>1</rasd:num_of_sockets>\n"
	"        <rasd:cpu_per_socket>1</rasd:cpu_per_socket>\n"
	"      </Item>\n"
	"      <Item>\n"
	"        <rasd:Caption>1024 MB of memory</rasd:Caption>\n"
	"        <rasd:Description>Memory Size</rasd:Description>\n"
	"        <rasd:InstanceId>2</rasd:InstanceId>\n"
	"        <rasd:ResourceType>4</rasd:ResourceType>\n"
	"        <rasd:AllocationUnits>MegaBytes</rasd:AllocationUnits>\n"
	"        <rasd:VirtualQuantity>1024</rasd:VirtualQuantity>\n"
	"      </Item>\n"
	"      <Item>\n"
	"        <rasd:Caption>USB Controller</rasd:Caption>\n"
	"        <rasd:InstanceId>3</rasd:InstanceId>\n"
	"        <rasd:ResourceType>23</rasd:ResourceType>\n"
	"        <rasd:UsbPolicy>DISABLED</rasd:UsbPolicy>\n"
	"      </Item>\n"
	"      <Item>\n"
	"        <rasd:Caption>Graphical Controller</rasd:Caption>\n"
	"        <rasd:InstanceId>4</rasd:InstanceId>\n"
	"        <rasd:ResourceType>20</rasd:ResourceType>\n"
	"        <rasd:VirtualQuantity>1</rasd:VirtualQuantity>\n"
	"        <SinglePciQxl>false</SinglePciQxl>\n"
	"      </Item>\n"
	"    </Section>\n"
	"  </Content>\n"
	"</ovf:Envelope>\n";

/* A Windows 7 VM with everything on: native USB, two monitors, smartcard,
 * WAN, manual migration (pinned while native). */
static void win_native(struct sc_object *o, struct sc_ctx *ctx)
{
	sc_ctx_init(ctx, &reg, SC_CVER_31);
	ctx->site.usb_slots = 2;
	sc_object_defaults(o, SC_VM, ctx);
	strcpy(o->name, "win-1");
	strcpy(o->cluster, "c31");
	strcpy(o->tmpl, "t-win");
	strcpy(o->uuid, UUID);
	strcpy(o->description, "desk & <co>");
	o->os = SC_OS_WINDOWS7X64, o->monitors = 2, o->usb = SC_USB_NATIVE;
	o->smartcard = true, o->wan = true, o->memory = 2048, o->cpus = 3;
	o->migration = SC_MIG_MANUAL;
}

/* A RHEL 6 server template on VNC, no uuid, no description. */
static void rhel_vnc(struct sc_object *o, struct sc_ctx *ctx)
{
	sc_ctx_init(ctx, &reg, SC_CVER_31);
	ctx->site.usb_slots = 2;
	sc_object_defaults(o, SC_TEMPLATE, ctx);
	strcpy(o->name, "rhel-t");
	strcpy(o->cluster, "c31");
	o->os = SC_OS_RHEL6X64, o->display = SC_DISPLAY_VNC, o->type = SC_TYPE_SERVER;
	o->usb = SC_USB_DISABLED, o->migration = SC_MIG_PINNED;
}

static void check(char *got, const size_t *len, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(*len, strlen(want));
	free(got);
}


static void domxml_exact(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	size_t len = 0;
	win_native(&o, &ctx);
	check(domxml_write(&o, &ctx, &len, &e), &len, DOMXML_NATIVE);
	rhel_vnc(&o, &ctx);
	check(domxml_write(&o, &ctx, &len, &e), &len, DOMXML_VNC);
}

static void api_exact(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	size_t len = 0;
	win_native(&o, &ctx);
	check(api_write(&o, &ctx, NULL, &len, &e), &len, API_NATIVE);
	rhel_vnc(&o, &ctx);
	check(api_write(&o, &ctx, NULL, &len, &e), &len, API_TEMPLATE);
}

static void ovf_exact(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	size_t len = 0;
	win_native(&o, &ctx);
	check(ovf_write(&o, &ctx, "11111111-2222-3333-4444-555555555555", &len, &e), &len,
	      OVF_NATIVE);
	rhel_vnc(&o, &ctx);
	check(ovf_write(&o, &ctx, NULL, &len, &e), &len, OVF_TEMPLATE);
}

static void vv_exact(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	struct sc_msgs w = {0};
	size_t len = 0;
	win_native(&o, &ctx);
	struct vv_conn c = {"h.example", 5900, 5901, CA, "CN=h", "pw"};
	check(vv_write(&o, &ctx, &c, &w, &len, &e), &len, VV_NATIVE);
	assert_int_equal(w.n, 0);
}

/* One line of a .vv file, "key=value", or NULL when the key is absent. */
static const char *vv_line(const char *vv, const char *key, char *buf, size_t n)
{
	size_t k = strlen(key);
	for (const char *p = vv; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, key, k) == 0 && p[k] == '=') {
			size_t l = strcspn(p, "\n");
			snprintf(buf, n, "%.*s", (int)l, p);
			return buf;
		}
	return NULL;
}

/* The console keys of a .vv for each USB value and protocol: usbredir and
 * auto-share only with native USB on SPICE, whatever usb_autoshare says. */
static void vv_console_keys(void **state)
{
	(void)state;
	static const struct {
		enum sc_display d;
		enum sc_usb usb;
		bool autoshare, smartcard, wan;
		enum sc_os os;
		const char *want[6]; /* NULL: key absent */
	} cases[] = {
		{SC_DISPLAY_SPICE, SC_USB_NATIVE, true, false, false, SC_OS_WINDOWS7,
		 {"type=spice", "enable-usbredir=1", "enable-usb-autoshare=1", "enable-smartcard=0", NULL, NULL}},
		{SC_DISPLAY_SPICE, SC_USB_NATIVE, false, true, true, SC_OS_WINDOWS7,
		 {"type=spice", "enable-usbredir=1", "enable-usb-autoshare=0", "enable-smartcard=1",
		  "color-depth=16", "disable-effects=animation"}},
		{SC_DISPLAY_SPICE, SC_USB_LEGACY, true, false, false, SC_OS_WINDOWS7,
		 {"type=spice", "enable-usbredir=0", "enable-usb-autoshare=0", "enable-smartcard=0", NULL, NULL}},
		{SC_DISPLAY_SPICE, SC_USB_DISABLED, true, false, false, SC_OS_WINDOWS7,
		 {"type=spice", "enable-usbredir=0", "enable-usb-autoshare=0", "enable-smartcard=0", NULL, NULL}},
		/* values the rules would reset, written as the protocol allows */
		{SC_DISPLAY_VNC, SC_USB_NATIVE, true, true, true, SC_OS_WINDOWS7,
		 {"type=vnc", "enable-usbredir=0", "enable-usb-autoshare=0", "enable-smartcard=0", NULL, NULL}},
		{SC_DISPLAY_SPICE, SC_USB_NATIVE, true, false, true, SC_OS_RHEL6X64,
		 {"type=spice", "enable-usbredir=1", "enable-usb-autoshare=1", "enable-smartcard=0", NULL, NULL}},
	};
	static const char *const keys[6] = {"type", "enable-usbredir", "enable-usb-autoshare",
					    "enable-smartcard", "color-depth", "disable-effects"};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_err e = {0};
		struct sc_msgs w = {0};
		size_t len;
		char line[128];
		sc_ctx_init(&ctx, &reg, SC_CVER_31);
		sc_object_defaults(&o, SC_VM, &ctx);
		strcpy(o.name, "v");
		o.os = cases[i].os, o.display = cases[i].d, o.usb = cases[i].usb;
		o.usb_autoshare = cases[i].autoshare, o.smartcard = cases[i].smartcard;
		o.wan = cases[i].wan;
		struct vv_conn c = {"h", 5900, 0, NULL, NULL, NULL};
		char *s = vv_write(&o, &ctx, &c, &w, &len, &e);
		assert_non_null(s);
		for (int k = 0; k < 6; k++) {
			const char *got = vv_line(s, keys[k], line, sizeof line);
			if (!cases[i].want[k] ? got != NULL : !got || strcmp(got, cases[i].want[k]))
				fail_msg("case %zu: %s is '%s', want '%s'", i, keys[k], got ? got : "(absent)",
					 cases[i].want[k] ? cases[i].want[k] : "(absent)");
		}
		/* no TLS port: no secure channels, and a warning for SPICE only */
		assert_null(vv_line(s, "secure-channels", line, sizeof line));
		assert_null(vv_line(s, "tls-port", line, sizeof line));
		assert_null(vv_line(s, "ca", line, sizeof line));
		assert_string_equal(vv_line(s, "port", line, sizeof line), "port=5900");
		assert_int_equal(w.n, cases[i].d == SC_DISPLAY_SPICE ? 1 : 0);
		free(s);
	}
}

/* Site options reach the .vv as they are: WAN colour depth and effects,
 * the filter, the secure channels, and a host subject only when given. */
static void vv_site_values(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	struct sc_msgs w = {0};
	size_t len;
	char line[256];
	win_native(&o, &ctx);
	ctx.site.wan_color_depth = 32;
	strcpy(ctx.site.wan_effects, "animation,wallpaper");
	strcpy(ctx.site.usb_filter, "0x03,-1,-1,-1,0|-1,-1,-1,-1,1");
	strcpy(ctx.site.secure_channels, "main,inputs,usbredir");
	struct vv_conn c = {"h", 0, 5901, CA, NULL, NULL};
	char *s = vv_write(&o, &ctx, &c, &w, &len, &e);
	assert_non_null(s);
	assert_string_equal(vv_line(s, "color-depth", line, sizeof line), "color-depth=32");
	assert_string_equal(vv_line(s, "disable-effects", line, sizeof line),
			    "disable-effects=animation;wallpaper");
	assert_string_equal(vv_line(s, "usb-filter", line, sizeof line),
			    "usb-filter=0x03,-1,-1,-1,0|-1,-1,-1,-1,1");
	assert_string_equal(vv_line(s, "secure-channels", line, sizeof line),
			    "secure-channels=main;inputs;usbredir");
	assert_null(vv_line(s, "port", line, sizeof line));
	assert_null(vv_line(s, "host-subject", line, sizeof line));
	assert_null(vv_line(s, "password", line, sizeof line));
	assert_int_equal(w.n, 0);
	free(s);
	/* a value starting with a space keeps it as \s; backslash, tab, CR escaped */
	struct vv_conn c2 = {"h", 5900, 0, NULL, NULL, " a\\b\tc"};
	s = vv_write(&o, &ctx, &c2, &w, &len, &e);
	assert_null(s); /* a tab is a control character: refused */
	struct vv_conn c3 = {"h", 5900, 0, NULL, NULL, " a\\b c"};
	s = vv_write(&o, &ctx, &c3, &w, &len, &e);
	assert_non_null(s);
	assert_string_equal(vv_line(s, "password", line, sizeof line), "password=\\sa\\\\b c");
	free(s);
}

/* The REST affinity text of each migration policy, and the reader taking
 * exactly that text back (a writer and reader that swapped names together
 * would still round-trip, so the text itself is checked). */
static void api_affinity(void **state)
{
	(void)state;
	static const struct {
		enum sc_migration m;
		enum sc_usb usb;
		const char *text;
	} cases[] = {
		{SC_MIG_MIGRATABLE, SC_USB_DISABLED, "migratable"},
		{SC_MIG_MANUAL, SC_USB_DISABLED, "user_migratable"},
		{SC_MIG_PINNED, SC_USB_DISABLED, "pinned"},
		{SC_MIG_MIGRATABLE, SC_USB_NATIVE, "pinned"},
		{SC_MIG_MANUAL, SC_USB_LEGACY, "user_migratable"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_err e = {0};
		size_t len;
		char want[80];
		win_native(&o, &ctx);
		o.migration = cases[i].m, o.usb = cases[i].usb;
		char *s = api_write(&o, &ctx, NULL, &len, &e);
		assert_non_null(s);
		snprintf(want, sizeof want, "<affinity>%s</affinity>", cases[i].text);
		if (!strstr(s, want))
			fail_msg("case %zu: no %s in\n%s", i, want, s);
		free(s);
	}
	static const struct {
		const char *text;
		enum sc_migration m;
	} in[] = {{"migratable", SC_MIG_MIGRATABLE},
		  {"user_migratable", SC_MIG_MANUAL},
		  {"PINNED", SC_MIG_PINNED},
		  {"Pinned", SC_MIG_PINNED}};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		char doc[256];
		struct api_doc d;
		struct sc_err e = {0};
		snprintf(doc, sizeof doc,
			 "<vm><name>a</name><placement_policy><affinity>%s</affinity>"
			 "</placement_policy></vm>",
			 in[i].text);
		assert_int_equal(api_read(doc, strlen(doc), "a.xml", &d, NULL, &e), 0);
		assert_int_equal(d.obj.migration, in[i].m);
	}
	struct api_doc d;
	struct sc_err e = {0};
	const char *bad = "<vm><name>a</name><placement_policy><affinity>manual</affinity>"
			  "</placement_policy></vm>";
	assert_int_equal(api_read(bad, strlen(bad), "a.xml", &d, NULL, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "a.xml:1: affinity 'manual' is not valid; valid: migratable, "
				      "user_migratable, pinned"));
}

/* MigrationSupport, VmType and the display element of each value, and the
 * policy names of UsbPolicy. */
static void ovf_values(void **state)
{
	(void)state;
	static const struct {
		enum sc_kind kind;
		enum sc_migration m;
		enum sc_usb usb;
		enum sc_vmtype type;
		enum sc_display d;
		const char *want[4];
	} cases[] = {
		{SC_VM, SC_MIG_MIGRATABLE, SC_USB_DISABLED, SC_TYPE_DESKTOP, SC_DISPLAY_SPICE,
		 {"<MigrationSupport>0</MigrationSupport>", "<rasd:UsbPolicy>DISABLED</rasd:UsbPolicy>",
		  "<VmType>0</VmType>", "<DefaultDisplayType>1</DefaultDisplayType>"}},
		{SC_VM, SC_MIG_MANUAL, SC_USB_LEGACY, SC_TYPE_SERVER, SC_DISPLAY_VNC,
		 {"<MigrationSupport>1</MigrationSupport>",
		  "<rasd:UsbPolicy>ENABLED_LEGACY</rasd:UsbPolicy>", "<VmType>1</VmType>",
		  "<DefaultDisplayType>0</DefaultDisplayType>"}},
		{SC_TEMPLATE, SC_MIG_PINNED, SC_USB_DISABLED, SC_TYPE_DESKTOP, SC_DISPLAY_SPICE,
		 {"<MigrationSupport>2</MigrationSupport>", "<rasd:UsbPolicy>DISABLED</rasd:UsbPolicy>",
		  "<VmType>0</VmType>", "<default_display_type>1</default_display_type>"}},
		{SC_VM, SC_MIG_MANUAL, SC_USB_NATIVE, SC_TYPE_DESKTOP, SC_DISPLAY_SPICE,
		 {"<MigrationSupport>2</MigrationSupport>",
		  "<rasd:UsbPolicy>ENABLED_NATIVE</rasd:UsbPolicy>", "<VmType>0</VmType>",
		  "<DefaultDisplayType>1</DefaultDisplayType>"}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o, back;
		struct sc_err e = {0};
		size_t len;
		win_native(&o, &ctx);
		o.kind = cases[i].kind, o.migration = cases[i].m, o.usb = cases[i].usb;
		o.type = cases[i].type, o.display = cases[i].d;
		char *s = ovf_write(&o, &ctx, NULL, &len, &e);
		assert_non_null(s);
		for (int k = 0; k < 4; k++)
			if (!strstr(s, cases[i].want[k]))
				fail_msg("case %zu: no %s", i, cases[i].want[k]);
		assert_int_equal(ovf_read(s, len, "o.ovf", &back, NULL, &e), 0);
		assert_int_equal(back.kind, o.kind);
		assert_int_equal(back.usb, o.usb);
		assert_int_equal(back.type, o.type);
		assert_int_equal(back.display, o.display);
		assert_int_equal(sc_effective_migration(&back), sc_effective_migration(&o));
		free(s);
	}
}

/* An OVF is written only for settings it can express. */
static void ovf_refuses_invalid(void **state)
{
	(void)state;
	static const struct {
		int monitors, usb;
		bool ok;
	} cases[] = {
		{1, SC_USB_DISABLED, true}, {4, SC_USB_NATIVE, true}, {0, SC_USB_DISABLED, false},
		{5, SC_USB_DISABLED, false}, {1, -1, false},	      {1, SC_USB_COUNT, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_ctx ctx;
		struct sc_object o;
		struct sc_err e = {0};
		size_t len;
		win_native(&o, &ctx);
		o.monitors = cases[i].monitors, o.usb = (enum sc_usb)cases[i].usb;
		char *s = ovf_write(&o, &ctx, NULL, &len, &e);
		if (cases[i].ok != (s != NULL))
			fail_msg("case %zu", i);
		if (!s)
			assert_string_equal(e.msg, "vm 'win-1' has invalid console settings");
		free(s);
	}
}

/* One-character values are values: a template "t", a description "d". */
static void one_character_values(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_err e = {0};
	size_t len;
	win_native(&o, &ctx);
	strcpy(o.name, "n"), strcpy(o.cluster, "c"), strcpy(o.tmpl, "t"), strcpy(o.description, "d");
	char *s = ovf_write(&o, &ctx, "u", &len, &e);
	assert_non_null(s);
	assert_non_null(strstr(s, "    <Name>n</Name>\n    <TemplateId>u</TemplateId>\n"
				  "    <TemplateName>t</TemplateName>\n    <Description>d</Description>\n"));
	free(s);
	s = api_write(&o, &ctx, NULL, &len, &e);
	assert_non_null(s);
	assert_non_null(strstr(s, "  <name>n</name>\n  <description>d</description>\n"));
	assert_non_null(strstr(s, "  <cluster>\n    <name>c</name>\n  </cluster>\n"
				  "  <template>\n    <name>t</name>\n  </template>\n"));
	free(s);
	s = domxml_write(&o, &ctx, &len, &e);
	assert_non_null(s);
	assert_non_null(strstr(s, "  <description>d</description>\n"));
	free(s);
	/* and none: Blank, no description element */
	o.tmpl[0] = o.description[0] = o.cluster[0] = '\0';
	s = ovf_write(&o, &ctx, "", &len, &e);
	assert_non_null(strstr(s, "<TemplateId>00000000-0000-0000-0000-000000000000</TemplateId>\n"
				  "    <TemplateName>Blank</TemplateName>\n    <Description></Description>"));
	free(s);
	s = api_write(&o, &ctx, NULL, &len, &e);
	assert_null(strstr(s, "<description>"));
	assert_null(strstr(s, "<cluster>"));
	assert_non_null(strstr(s, "  <template>\n    <name>Blank</name>\n  </template>\n"));
	free(s);
	s = domxml_write(&o, &ctx, &len, &e);
	assert_null(strstr(s, "<description>"));
	free(s);
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
		cmocka_unit_test(domxml_exact),	  cmocka_unit_test(api_exact),
		cmocka_unit_test(ovf_exact),	  cmocka_unit_test(vv_exact),
		cmocka_unit_test(vv_console_keys), cmocka_unit_test(vv_site_values),
		cmocka_unit_test(api_affinity),	  cmocka_unit_test(ovf_values),
		cmocka_unit_test(one_character_values), cmocka_unit_test(ovf_refuses_invalid),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
