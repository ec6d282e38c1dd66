/* Choices, locks, validation and consequences for console fields (SPEC §2–3).
 * The USB table itself is in usb.c. */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "field.h"

static const char *const R_MON_VNC = "VNC supports a single monitor";
static const char *const R_MON_SERVER = "server VMs have a single monitor";
static const char *const R_WAN =
	"WAN optimisation is offered only for Windows guests with the SPICE protocol";
static const char *const R_SMARTCARD = "smartcard passthrough needs the SPICE protocol";
static const char *const R_MIG_NATIVE =
	"migration is pinned while SPICE native USB redirection is selected";
static const char *const R_POOL_CLUSTER = "a pool runs in the cluster of its template";
static const char *const R_CLIPBOARD = "clipboard sharing needs the SPICE protocol";
static const char *const R_FILEXFER = "file transfer needs the SPICE protocol";
static const char *const R_DELAY = "the delay applies only to the shutdown action";

static bool flag(const struct sc_optreg *reg, const char *key, enum sc_cver v)
{
	const char *s = sc_opt_get(reg, key, v);
	return s && strcmp(s, "true") == 0;
}

static int num(const struct sc_optreg *reg, const char *key, enum sc_cver v, int dflt)
{
	const char *s = sc_opt_get(reg, key, v);
	return s && *s ? atoi(s) : dflt;
}

static void text(const struct sc_optreg *reg, const char *key, enum sc_cver v, char *buf,
		 size_t n)
{
	const char *s = sc_opt_get(reg, key, v);
	sc_strlcpy(buf, s ? s : "", n);
}

void sc_site_load(const struct sc_optreg *reg, enum sc_cver v, struct sc_site *s)
{
	memset(s, 0, sizeof *s);
	s->native_usb_enabled = flag(reg, "NativeUSBEnabled", v);
	s->usb_as_default = flag(reg, "EnableUSBAsDefault", v);
	s->usb_autoshare = flag(reg, "SpiceUsbAutoShare", v);
	s->usb_slots = num(reg, "NumberOfUSBSlots", v, 4);
	s->wan_color_depth = num(reg, "WANColorDepth", v, 16);
	text(reg, "WANDisableEffects", v, s->wan_effects, sizeof s->wan_effects);
	text(reg, "UsbFilter", v, s->usb_filter, sizeof s->usb_filter);
	text(reg, "SpiceSecureChannels", v, s->secure_channels, sizeof s->secure_channels);
	s->single_qxl_pci = flag(reg, "SingleQxlPciEnabled", v);
	text(reg, "SpiceProxyDefault", v, s->spice_proxy, sizeof s->spice_proxy);
	text(reg, "ConsoleReleaseCursorKeys", v, s->release_cursor, sizeof s->release_cursor);
	text(reg, "ConsoleToggleFullScreenKeys", v, s->toggle_fullscreen,
	     sizeof s->toggle_fullscreen);
	s->remap_ctrl_alt_del = flag(reg, "RemapCtrlAltDelDefault", v);
	char mons[64], *save = NULL;
	text(reg, "ValidNumOfMonitors", v, mons, sizeof mons);
	for (char *t = strtok_r(mons, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int n = atoi(t);
		if (n >= SC_MONITORS_MIN && n <= SC_MONITORS_MAX)
			s->monitors_mask |= 1u << n;
	}
	if (!s->monitors_mask)
		s->monitors_mask = 1u << 1;
}

bool sc_site_rules_differ(const struct sc_site *a, const struct sc_site *b)
{
	return a->native_usb_enabled != b->native_usb_enabled ||
	       a->monitors_mask != b->monitors_mask;
}

void sc_ctx_init(struct sc_ctx *ctx, const struct sc_optreg *reg, enum sc_cver cver)
{
	ctx->cver = cver;
	sc_site_load(reg, cver, &ctx->site);
	memset(&ctx->host, 0, sizeof ctx->host);
}

/* Why the linked host cannot run a value, or NULL.  The text lives in a
 * per-thread buffer: it names the host. */
static _Thread_local char host_reason_buf[4][SC_NAME_MAX + 96];

static const char *host_reason(int slot, const struct sc_ctx *ctx, bool lacks,
			       const char *what, const char *has_no)
{
	if (!ctx->host.linked || !lacks)
		return NULL;
	snprintf(host_reason_buf[slot], sizeof host_reason_buf[slot],
		 "host %s cannot run %s: its QEMU has no %s", ctx->host.host, what, has_no);
	return host_reason_buf[slot];
}

static const char *host_spice_reason(const struct sc_ctx *ctx)
{
	const char *r = host_reason(0, ctx, ctx->host.no_spice, "SPICE", "spice graphics");
	return r ? r : host_reason(0, ctx, ctx->host.no_qxl, "SPICE", "qxl video");
}

static const char *host_usb_reason(const struct sc_ctx *ctx, enum sc_usb u)
{
	return u == SC_USB_NATIVE ? host_reason(1, ctx, ctx->host.no_redir,
						"SPICE USB redirection", "usb redirdevs")
				  : NULL;
}

static const char *host_smartcard_reason(const struct sc_ctx *ctx)
{
	return host_reason(2, ctx, ctx->host.no_smartcard, "a SPICE smartcard",
			   "passthrough smartcard");
}

static const char *monitor_reason(const struct sc_object *o, const struct sc_ctx *ctx, int n)
{
	static const char *const not_valid[SC_MONITORS_MAX + 1] = {
		NULL,
		"1 monitor is not in the site option ValidNumOfMonitors",
		"2 monitors are not in the site option ValidNumOfMonitors",
		"3 monitors are not in the site option ValidNumOfMonitors",
		"4 monitors are not in the site option ValidNumOfMonitors",
	};
	if (n > 1 && o->display == SC_DISPLAY_VNC)
		return R_MON_VNC;
	if (n > 1 && o->type == SC_TYPE_SERVER)
		return R_MON_SERVER;
	if (n == 1)
		return NULL; /* one monitor is always possible */
	return (ctx->site.monitors_mask & (1u << n)) ? NULL : not_valid[n];
}

static bool wan_allowed(const struct sc_object *o)
{
	return o->display == SC_DISPLAY_SPICE && sc_os_family(o->os) == SC_OSF_WINDOWS;
}

static int add(struct sc_choice *out, int n, int max, int value, const char *label,
	       const char *reason)
{
	if (n < max)
		out[n] = (struct sc_choice){value, label, reason};
	return n + 1;
}

int sc_choices(int field, const struct sc_object *o, const struct sc_ctx *ctx,
	       struct sc_choice *out, int max)
{
	static const char *const mon_labels[SC_MONITORS_MAX + 1] = {"", "1", "2", "3", "4"};
	static const char *const type_labels[] = {"Desktop", "Server"};
	static const char *const display_labels[] = {"SPICE", "VNC"};
	static const char *const mig_labels[] = {"Allow migration", "Manual migration only",
						 "Do not migrate (pinned)"};
	static const char *const disc_labels[SC_DISC_COUNT] = {
		"Nothing", "Lock the screen", "Log out the user", "Shut down the VM",
		"Reboot the VM"};
	struct sc_usb_verdict v;
	int n = 0;
	switch (field) {
	case SC_F_OS:
		for (int i = 0; i < SC_OS_COUNT; i++)
			n = add(out, n, max, i, sc_os_name((enum sc_os)i), NULL);
		return n;
	case SC_F_TYPE:
		for (int i = 0; i < SC_TYPE_COUNT; i++)
			n = add(out, n, max, i, type_labels[i], NULL);
		return n;
	case SC_F_DISPLAY:
		for (int i = 0; i < SC_DISPLAY_COUNT; i++)
			n = add(out, n, max, i, display_labels[i],
				i == SC_DISPLAY_SPICE ? host_spice_reason(ctx) : NULL);
		return n;
	case SC_F_MONITORS:
		for (int i = SC_MONITORS_MIN; i <= SC_MONITORS_MAX; i++)
			n = add(out, n, max, i, mon_labels[i], monitor_reason(o, ctx, i));
		return n;
	case SC_F_USB:
		sc_usb_rules(o->display, ctx->cver, o->os, &ctx->site, &v);
		for (int i = 0; i < SC_USB_COUNT; i++)
			n = add(out, n, max, i, sc_usb_label((enum sc_usb)i),
				v.reason[i] ? v.reason[i] : host_usb_reason(ctx, (enum sc_usb)i));
		return n;
	case SC_F_DISCONNECT_ACTION:
		for (int i = 0; i < SC_DISC_COUNT; i++)
			n = add(out, n, max, i, disc_labels[i], NULL);
		return n;
	case SC_F_MIGRATION:
		for (int i = 0; i < SC_MIG_COUNT; i++)
			n = add(out, n, max, i, mig_labels[i],
				o->usb == SC_USB_NATIVE && i != SC_MIG_PINNED ? R_MIG_NATIVE
									      : NULL);
		return n;
	default:
		return 0;
	}
}

const char *sc_lock_reason(int field, const struct sc_object *o, const struct sc_ctx *ctx)
{
	struct sc_usb_verdict v;
	switch (field) {
	case SC_F_USB:
		sc_usb_rules(o->display, ctx->cver, o->os, &ctx->site, &v);
		return v.lock_reason;
	case SC_F_MONITORS:
		if (o->display == SC_DISPLAY_VNC)
			return R_MON_VNC;
		if (o->type == SC_TYPE_SERVER)
			return R_MON_SERVER;
		return ctx->site.monitors_mask == (1u << 1)
			       ? "the site option ValidNumOfMonitors allows only 1 monitor"
			       : NULL;
	case SC_F_WAN:
		return wan_allowed(o) ? NULL : R_WAN;
	case SC_F_SMARTCARD:
		if (o->display != SC_DISPLAY_SPICE)
			return R_SMARTCARD;
		return o->smartcard ? NULL : host_smartcard_reason(ctx);
	case SC_F_MIGRATION:
		return o->usb == SC_USB_NATIVE ? R_MIG_NATIVE : NULL;
	case SC_F_CLUSTER:
		return o->kind == SC_POOL ? R_POOL_CLUSTER : NULL;
	case SC_F_COPY_PASTE:
		return o->display == SC_DISPLAY_SPICE ? NULL : R_CLIPBOARD;
	case SC_F_FILE_TRANSFER:
		return o->display == SC_DISPLAY_SPICE ? NULL : R_FILEXFER;
	case SC_F_DISCONNECT_DELAY:
		return o->disconnect_action == SC_DISC_SHUTDOWN ? NULL : R_DELAY;
	default:
		return NULL;
	}
}

int sc_validate(const struct sc_object *o, const struct sc_ctx *ctx, struct sc_msgs *errs)
{
	int before = errs->n;
	struct sc_usb_verdict v;
	struct sc_err ne;
	if (sc_name_check("name", o->name, &ne))
		sc_msgs_add(errs, SC_F_NAME, "%s", ne.msg);
	if (!o->cluster[0])
		sc_msgs_add(errs, SC_F_CLUSTER, "a %s needs a cluster", sc_kind_name(o->kind));
	if (o->kind == SC_POOL && !o->tmpl[0])
		sc_msgs_add(errs, SC_F_TEMPLATE, "a pool needs a template");
	sc_usb_rules(o->display, ctx->cver, o->os, &ctx->site, &v);
	if (v.reason[o->usb])
		sc_msgs_add(errs, SC_F_USB, "USB Support '%s' is not allowed here: %s",
			    sc_usb_name(o->usb), v.reason[o->usb]);
	const struct sc_field_info *mon = sc_field_info(SC_F_MONITORS);
	const struct sc_field_info *size = sc_field_info(SC_F_SIZE);
	if (!sc_field_in_range(SC_F_MONITORS, o->monitors))
		sc_msgs_add(errs, SC_F_MONITORS, "monitors %d is out of range; valid: %d..%d",
			    o->monitors, mon->min, mon->max);
	else if (monitor_reason(o, ctx, o->monitors))
		sc_msgs_add(errs, SC_F_MONITORS, "%d monitors not allowed: %s", o->monitors,
			    monitor_reason(o, ctx, o->monitors));
	if (o->wan && !wan_allowed(o))
		sc_msgs_add(errs, SC_F_WAN, "wan cannot be on: %s", R_WAN);
	if (o->smartcard && o->display != SC_DISPLAY_SPICE)
		sc_msgs_add(errs, SC_F_SMARTCARD, "smartcard cannot be on: %s", R_SMARTCARD);
	if (o->display == SC_DISPLAY_SPICE && host_spice_reason(ctx))
		sc_msgs_add(errs, SC_F_DISPLAY, "display 'spice' is not allowed here: %s",
			    host_spice_reason(ctx));
	if (!v.reason[o->usb] && host_usb_reason(ctx, o->usb))
		sc_msgs_add(errs, SC_F_USB, "USB Support '%s' is not allowed here: %s",
			    sc_usb_name(o->usb), host_usb_reason(ctx, o->usb));
	if (o->smartcard && o->display == SC_DISPLAY_SPICE && host_smartcard_reason(ctx))
		sc_msgs_add(errs, SC_F_SMARTCARD, "smartcard cannot be on: %s",
			    host_smartcard_reason(ctx));
	if (o->disconnect_delay != 0 && o->disconnect_action != SC_DISC_SHUTDOWN)
		sc_msgs_add(errs, SC_F_DISCONNECT_DELAY,
			    "disconnect_delay cannot be %d with disconnect_action %s: %s",
			    o->disconnect_delay, sc_disconnect_names[o->disconnect_action], R_DELAY);
	else if (!sc_field_in_range(SC_F_DISCONNECT_DELAY, o->disconnect_delay))
		sc_msgs_add(errs, SC_F_DISCONNECT_DELAY,
			    "disconnect_delay %d is out of range; valid: 0..%d minutes",
			    o->disconnect_delay, SC_DISC_DELAY_MAX);
	if (o->kind == SC_POOL && sc_proxy_check("spice_proxy", o->spice_proxy, &ne))
		sc_msgs_add(errs, SC_F_SPICE_PROXY, "%s", ne.msg);
	if (o->kind == SC_POOL && !sc_field_in_range(SC_F_SIZE, o->size))
		sc_msgs_add(errs, SC_F_SIZE, "pool size %d is out of range; valid: %d..%d",
			    o->size, size->min, size->max);
	return errs->n - before;
}

void sc_apply(struct sc_object *o, const struct sc_ctx *ctx, struct sc_msgs *warn)
{
	struct sc_usb_verdict v;
	sc_usb_rules(o->display, ctx->cver, o->os, &ctx->site, &v);
	const char *ur = v.reason[o->usb] ? v.reason[o->usb] : host_usb_reason(ctx, o->usb);
	if (ur) {
		sc_msgs_add(warn, SC_F_USB, "USB Support changed from %s to disabled: %s",
			    sc_usb_name(o->usb), ur);
		o->usb = SC_USB_DISABLED;
	}
	const char *mr = sc_field_in_range(SC_F_MONITORS, o->monitors)
				 ? monitor_reason(o, ctx, o->monitors)
				 : "out of range";
	if (mr) {
		sc_msgs_add(warn, SC_F_MONITORS, "monitors changed from %d to 1: %s", o->monitors,
			    mr);
		o->monitors = 1;
	}
	if (o->wan && !wan_allowed(o)) {
		sc_msgs_add(warn, SC_F_WAN, "WAN optimisation turned off: %s", R_WAN);
		o->wan = false;
	}
	const char *sr = o->display != SC_DISPLAY_SPICE ? R_SMARTCARD : host_smartcard_reason(ctx);
	if (o->smartcard && sr) {
		sc_msgs_add(warn, SC_F_SMARTCARD, "smartcard turned off: %s", sr);
		o->smartcard = false;
	}
	if (o->disconnect_delay != 0 && o->disconnect_action != SC_DISC_SHUTDOWN) {
		sc_msgs_add(warn, SC_F_DISCONNECT_DELAY,
			    "disconnect_delay changed from %d to 0: %s", o->disconnect_delay,
			    R_DELAY);
		o->disconnect_delay = 0;
	}
}

void sc_notices(const struct sc_object *o, struct sc_msgs *out)
{
	if (o->usb == SC_USB_NATIVE)
		sc_msgs_add(out, SC_F_USB, "%s",
			    o->kind == SC_TEMPLATE ? SC_NATIVE_MIGRATION_WARNING_TEMPLATE
			    : o->kind == SC_POOL   ? SC_NATIVE_MIGRATION_WARNING_POOL
						   : SC_NATIVE_MIGRATION_WARNING);
	if (o->usb == SC_USB_LEGACY)
		sc_msgs_add(out, SC_F_USB, "%s", SC_LEGACY_DEPRECATED_WARNING);
	if (o->monitors > 1 && sc_os_family(o->os) == SC_OSF_LINUX)
		sc_msgs_add(out, SC_F_MONITORS,
			    "Linux guests use Xinerama: the monitors form one large desktop and "
			    "their resolutions cannot be changed separately.");
}

void sc_object_defaults(struct sc_object *o, enum sc_kind kind, const struct sc_ctx *ctx)
{
	sc_field_defaults(o, kind);
	o->usb_autoshare = ctx->site.usb_autoshare;
	o->usb = sc_usb_default(o->display, ctx->cver, o->os, &ctx->site);
}

void sc_inherit_template(struct sc_object *o, const struct sc_object *t)
{
	sc_strlcpy(o->tmpl, t->name, sizeof o->tmpl);
	sc_strlcpy(o->cluster, t->cluster, sizeof o->cluster);
	for (int f = 0; f < SC_F_COUNT; f++) {
		const struct sc_field_info *fi = sc_field_info(f);
		if (fi->inherit == SC_FI_NO ||
		    (fi->inherit == SC_FI_IF_EMPTY && *sc_field_text(o, f)))
			continue;
		if (fi->type == SC_FT_TEXT)
			sc_field_set_raw(o, f, sc_field_text(t, f));
		else
			sc_field_set_int(o, f, sc_field_stored_int(t, f));
	}
}
