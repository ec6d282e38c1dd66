/* A libvirt domain definition for a vm or template (SPEC §6). */
#ifndef SC_DOMXML_H
#define SC_DOMXML_H

#include <stddef.h>

#include "err.h"
#include "rules.h"
#include "types.h"

struct sbuf;

/* The console part of a domain: what spicecfg writes into <devices>, for a
 * new domain (export) and into an existing one (SPEC §10 apply). */
struct dx_console {
	enum sc_display display;
	int monitors;
	bool single_pci; /* one qxl device with heads=monitors (SPICE) */
	enum sc_usb usb; /* native: usb_slots spicevmc redirdevs */
	int usb_slots;
	char usb_filter[SC_OPT_VALUE_MAX]; /* UsbFilter rules; "" writes no <redirfilter> */
	bool smartcard;
	bool copy_paste, file_transfer; /* off: <clipboard>, <filetransfer> say no */
	bool wan;     /* the SPICE compression and streaming set */
	bool vdagent; /* the spicevmc agent channel */
	/* Settings for a live domain (SPEC §10 apply, lx_console_for()): where
	 * the domain already has spicevmc redirdevs their count stays, where its
	 * qxl devices already show the monitors their layout stays, and the
	 * agent channel comes only with another change to the console part, so
	 * that a domain whose settings match is left as it is. */
	bool live;
};

/* The console part an object's export writes (SPEC §6). */
void domxml_console_of(const struct sc_object *obj, const struct sc_ctx *ctx,
		       struct dx_console *out);

/* The pieces of the console part, each appended as elements indented for
 * <devices>.  SPICE-only pieces write nothing for VNC. */
void domxml_graphics(struct sbuf *b, const struct dx_console *c);
void domxml_wan(struct sbuf *b, const char *indent); /* the WAN children of <graphics> */
void domxml_video(struct sbuf *b, const struct dx_console *c);
void domxml_usb_controllers(struct sbuf *b, int index); /* the ich9 EHCI + UHCI set */
void domxml_redirdevs(struct sbuf *b, int n);
/* <redirfilter> from UsbFilter rules (one <usbdev> per rule); SC_EUSAGE if
 * a rule does not parse. */
int domxml_redirfilter(struct sbuf *b, const char *rules, struct sc_err *err);
void domxml_smartcard(struct sbuf *b);
void domxml_vdagent(struct sbuf *b);
/* The whole console part, in that order. */
int domxml_console(struct sbuf *b, const struct dx_console *c, struct sc_err *err);

/* The domain XML as a malloc'd NUL-terminated string (length in *len); the
 * USB redirection channels come from ctx->site.usb_slots. */
char *domxml_write(const struct sc_object *obj, const struct sc_ctx *ctx, size_t *len,
		   struct sc_err *err);

#endif
