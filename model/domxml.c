/* The domain keeps to what libvirt needs to define it and what the console
 * settings decide: graphics, video, the USB controllers and redirection
 * channels, smartcard.  Disks and networks are not spicecfg's business. */
#include "domxml.h"

#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "field.h"
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

void domxml_console_of(const struct sc_object *o, const struct sc_ctx *ctx,
		       struct dx_console *c)
{
	*c = (struct dx_console){
		.display = o->display,
		.monitors = o->display == SC_DISPLAY_VNC ? 1 : o->monitors,
		.usb = o->display == SC_DISPLAY_SPICE ? o->usb : SC_USB_DISABLED,
		.usb_slots = ctx->site.usb_slots,
		.smartcard = o->smartcard && o->display == SC_DISPLAY_SPICE,
		.copy_paste = sc_effective_copy_paste(o),
		.file_transfer = sc_effective_file_transfer(o),
		.single_pci = sc_single_pci(o, ctx),
		.wan = o->wan && !sc_lock_reason(SC_F_WAN, o, ctx),
		/* clipboard and file transfer go through the agent */
		.vdagent = o->display == SC_DISPLAY_SPICE,
	};
	/* the UsbFilter rules are enforced by the server too (SPEC §9) */
	if (c->usb == SC_USB_NATIVE)
		sc_strlcpy(c->usb_filter, ctx->site.usb_filter, sizeof c->usb_filter);
}

void domxml_wan(struct sbuf *b, const char *in)
{
	sbuf_printf(b,
		    "%s<image compression='auto_glz'/>\n"
		    "%s<jpeg compression='always'/>\n"
		    "%s<zlib compression='always'/>\n"
		    "%s<playback compression='on'/>\n"
		    "%s<streaming mode='filter'/>\n",
		    in, in, in, in, in);
}

void domxml_graphics(struct sbuf *b, const struct dx_console *c)
{
	if (c->display == SC_DISPLAY_VNC) {
		sbuf_puts(b, "    <graphics type='vnc' autoport='yes'/>\n");
		return;
	}
	if (!c->wan && c->copy_paste && c->file_transfer) {
		sbuf_puts(b, "    <graphics type='spice' autoport='yes'/>\n");
		return;
	}
	sbuf_puts(b, "    <graphics type='spice' autoport='yes'>\n");
	if (c->wan)
		domxml_wan(b, "      ");
	if (!c->copy_paste)
		sbuf_puts(b, "      <clipboard copypaste='no'/>\n");
	if (!c->file_transfer)
		sbuf_puts(b, "      <filetransfer enable='no'/>\n");
	sbuf_puts(b, "    </graphics>\n");
}

void domxml_video(struct sbuf *b, const struct dx_console *c)
{
	if (c->display == SC_DISPLAY_VNC) {
		sbuf_puts(b, "    <video>\n"
			     "      <model type='cirrus'/>\n"
			     "    </video>\n");
		return;
	}
	int heads = c->single_pci && c->monitors > 1 ? c->monitors : 1;
	struct sc_qxl_mem mem = sc_qxl_memory(heads);
	for (int m = 0; m < c->monitors; m += heads)
		sbuf_printf(b,
			    "    <video>\n"
			    "      <model type='qxl' ram='%d' vram='%d' vgamem='%d' heads='%d'/>\n"
			    "    </video>\n",
			    mem.ram, mem.vram, mem.vgamem, heads);
}

/* Native redirection wants a USB 2 controller: the EHCI with its three UHCI
 * companions sharing one bus, each companion owning two ports. */
void domxml_usb_controllers(struct sbuf *b, int index)
{
	sbuf_printf(b, "    <controller type='usb' index='%d' model='ich9-ehci1'/>\n", index);
	for (int i = 1; i <= 3; i++)
		sbuf_printf(b,
			    "    <controller type='usb' index='%d' model='ich9-uhci%d'>\n"
			    "      <master startport='%d'/>\n"
			    "    </controller>\n",
			    index, i, (i - 1) * 2);
}

void domxml_redirdevs(struct sbuf *b, int n)
{
	for (int i = 0; i < n; i++)
		sbuf_puts(b, "    <redirdev bus='usb' type='spicevmc'/>\n");
}

/* One UsbFilter rule "class,vendor,product,version,allow" (-1 = any; numbers
 * in C notation, so 0x08 and 8 alike; version is the device's BCD release
 * number, 0x0110 for 1.10) as libvirt writes a <usbdev>. */
static int filter_rule(struct sbuf *b, const char *rule, size_t n, struct sc_err *err)
{
	long v[5];
	const char *p = rule, *end = rule + n;
	for (int i = 0; i < 5; i++) {
		char *e;
		v[i] = strtol(p, &e, 0);
		if (e == p || e > end || (i < 4 ? *e != ',' : e != end))
			return sc_fail(err, SC_EUSAGE,
				       "UsbFilter rule '%.*s' is not class,vendor,product,version,"
				       "allow (numbers, -1 = any)",
				       (int)n, rule);
		p = e + 1;
	}
	static const long max[4] = {0xff, 0xffff, 0xffff, 0xffff};
	for (int i = 0; i < 4; i++)
		if (v[i] < -1 || v[i] > max[i])
			return sc_fail(err, SC_EUSAGE, "UsbFilter rule '%.*s': value %ld out of range",
				       (int)n, rule, v[i]);
	sbuf_puts(b, "      <usbdev");
	if (v[0] >= 0)
		sbuf_printf(b, " class='0x%02lX'", v[0]);
	if (v[1] >= 0)
		sbuf_printf(b, " vendor='0x%04lX'", v[1]);
	if (v[2] >= 0)
		sbuf_printf(b, " product='0x%04lX'", v[2]);
	if (v[3] >= 0)
		sbuf_printf(b, " version='%ld.%02ld'", (v[3] >> 12 & 0xf) * 10 + (v[3] >> 8 & 0xf),
			    (v[3] >> 4 & 0xf) * 10 + (v[3] & 0xf));
	sbuf_printf(b, " allow='%s'/>\n", v[4] ? "yes" : "no");
	return SC_OK;
}

int domxml_redirfilter(struct sbuf *b, const char *rules, struct sc_err *err)
{
	sbuf_puts(b, "    <redirfilter>\n");
	for (const char *p = rules;;) {
		size_t n = strcspn(p, "|");
		int rc = filter_rule(b, p, n, err);
		if (rc != SC_OK)
			return rc;
		if (!p[n])
			break;
		p += n + 1;
	}
	sbuf_puts(b, "    </redirfilter>\n");
	return SC_OK;
}

void domxml_smartcard(struct sbuf *b)
{
	sbuf_puts(b, "    <smartcard mode='passthrough' type='spicevmc'/>\n");
}

void domxml_vdagent(struct sbuf *b)
{
	sbuf_puts(b, "    <channel type='spicevmc'>\n"
		     "      <target type='virtio' name='com.redhat.spice.0'/>\n"
		     "    </channel>\n");
}

int domxml_console(struct sbuf *b, const struct dx_console *c, struct sc_err *err)
{
	domxml_graphics(b, c);
	domxml_video(b, c);
	if (c->display == SC_DISPLAY_SPICE && c->usb == SC_USB_NATIVE) {
		domxml_usb_controllers(b, 0);
		domxml_redirdevs(b, c->usb_slots);
		if (c->usb_filter[0] && domxml_redirfilter(b, c->usb_filter, err) != SC_OK)
			return err ? err->status : SC_EUSAGE;
	}
	if (c->display == SC_DISPLAY_SPICE && c->smartcard)
		domxml_smartcard(b);
	if (c->display == SC_DISPLAY_SPICE && c->vdagent)
		domxml_vdagent(b);
	return SC_OK;
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
	struct dx_console c;
	domxml_console_of(o, ctx, &c);
	struct sbuf b = {0};
	d_head(&b, o);
	sbuf_puts(&b, "  <devices>\n");
	if (domxml_console(&b, &c, err) != SC_OK) {
		sbuf_free(&b);
		return NULL;
	}
	sbuf_puts(&b, "  </devices>\n</domain>\n");
	return sbuf_finish(&b, len, err);
}
