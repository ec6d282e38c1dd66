/* The domain keeps to what libvirt needs to define it and what the console
 * settings decide: graphics, video, the USB controllers and redirection
 * channels, smartcard.  Disks and networks are not spicecfg's business. */
#include "domxml.h"

#include "sbuf.h"

static void d_head(struct sbuf *b, const struct sc_object *o)
{
	sbuf_puts(b, "<domain type='kvm'>\n  <name>");
	sbuf_xml(b, o->name);
	sbuf_puts(b, "</name>\n");
	if (o->uuid[0]) {
		sbuf_puts(b, "  <uuid>");
		sbuf_xml(b, o->uuid);
		sbuf_puts(b, "</uuid>\n");
	}
	if (o->description[0]) {
		sbuf_puts(b, "  <description>");
		sbuf_xml(b, o->description);
		sbuf_puts(b, "</description>\n");
	}
	sbuf_printf(b,
		    "  <memory unit='MiB'>%d</memory>\n"
		    "  <currentMemory unit='MiB'>%d</currentMemory>\n"
		    "  <vcpu placement='static'>%d</vcpu>\n"
		    "  <os>\n"
		    "    <type arch='x86_64'>hvm</type>\n"
		    "    <boot dev='hd'/>\n"
		    "  </os>\n"
		    "  <features>\n"
		    "    <acpi/>\n"
		    "    <apic/>\n"
		    "  </features>\n"
		    /* Windows keeps its clock in local time. */
		    "  <clock offset='%s'/>\n"
		    "  <on_poweroff>destroy</on_poweroff>\n"
		    "  <on_reboot>restart</on_reboot>\n"
		    "  <on_crash>destroy</on_crash>\n",
		    o->memory, o->memory, o->cpus,
		    sc_os_family(o->os) == SC_OSF_WINDOWS ? "localtime" : "utc");
}

/* Native redirection wants a USB 2 controller: the EHCI with its three UHCI
 * companions sharing bus 0, each companion owning two ports. */
static void d_usb_native(struct sbuf *b, int slots)
{
	sbuf_puts(b, "    <controller type='usb' index='0' model='ich9-ehci1'/>\n");
	for (int i = 1; i <= 3; i++)
		sbuf_printf(b,
			    "    <controller type='usb' index='0' model='ich9-uhci%d'>\n"
			    "      <master startport='%d'/>\n"
			    "    </controller>\n",
			    i, (i - 1) * 2);
	for (int i = 0; i < slots; i++)
		sbuf_puts(b, "    <redirdev bus='usb' type='spicevmc'/>\n");
}

static void d_display(struct sbuf *b, const struct sc_object *o)
{
	if (o->display == SC_DISPLAY_VNC) {
		sbuf_puts(b, "    <graphics type='vnc' autoport='yes'/>\n"
			     "    <video>\n"
			     "      <model type='cirrus'/>\n"
			     "    </video>\n");
		return;
	}
	sbuf_puts(b, "    <graphics type='spice' autoport='yes'/>\n");
	for (int m = 0; m < o->monitors; m++)
		sbuf_puts(b, "    <video>\n"
			     "      <model type='qxl'/>\n"
			     "    </video>\n");
}

char *domxml_write(const struct sc_object *o, const struct sc_ctx *ctx, size_t *len,
		   struct sc_err *err)
{
	if (o->kind != SC_VM && o->kind != SC_TEMPLATE) {
		sc_fail(err, SC_EUSAGE,
			"%s '%s': domain XML export is for VMs and templates only",
			sc_kind_name(o->kind), o->name);
		return NULL;
	}
	struct sbuf b = {0};
	d_head(&b, o);
	sbuf_puts(&b, "  <devices>\n");
	d_display(&b, o);
	if (o->usb == SC_USB_NATIVE && o->display == SC_DISPLAY_SPICE)
		d_usb_native(&b, ctx->site.usb_slots);
	if (o->smartcard && o->display == SC_DISPLAY_SPICE)
		sbuf_puts(&b, "    <smartcard mode='passthrough' type='spicevmc'/>\n");
	sbuf_puts(&b, "  </devices>\n</domain>\n");
	return sbuf_finish(&b, len, err);
}
