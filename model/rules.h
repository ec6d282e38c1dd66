/* The console-setting rules of SPEC §2–3: which values a field may take for
 * an object in its context, why the others are refused, and what changes
 * when a value it depends on changes.  The TUI form and the CLI both ask
 * these functions; neither decides a rule itself. */
#ifndef SC_RULES_H
#define SC_RULES_H

#include <stdbool.h>

#include "err.h"
#include "options.h"
#include "types.h"

/* The site options that rules and exports need, resolved for one version. */
struct sc_site {
	bool native_usb_enabled;
	bool usb_as_default;
	bool usb_autoshare;
	int usb_slots;
	unsigned monitors_mask; /* bit n set: n monitors valid */
	int wan_color_depth;
	char wan_effects[128];     /* "animation,wallpaper" */
	char usb_filter[SC_OPT_VALUE_MAX];
	char secure_channels[256]; /* "main,inputs" */
	bool single_qxl_pci;       /* one multi-head qxl device for Linux guests */
	char spice_proxy[SC_OPT_VALUE_MAX]; /* SpiceProxyDefault; "" = none */
	char release_cursor[64];   /* virt-viewer hotkeys */
	char toggle_fullscreen[64];
	bool remap_ctrl_alt_del;   /* the client sends ctrl+alt+end as ctrl+alt+del */
};

/* What the host a vm is linked to cannot run (SPEC §10), from its stored
 * domain capabilities; all false for a vm linked to no host, or when the
 * host's libvirt does not say. */
struct sc_hostcaps {
	bool linked;
	char host[SC_NAME_MAX + 1];
	bool no_spice;     /* no spice graphics */
	bool no_qxl;       /* no qxl video */
	bool no_redir;     /* no usb redirdev bus (the spicevmc redirdevs) */
	bool no_smartcard; /* no passthrough smartcard */
};

/* Everything outside the object that a rule depends on. */
struct sc_ctx {
	enum sc_cver cver;
	struct sc_site site;
	struct sc_hostcaps host;
};

void sc_site_load(const struct sc_optreg *reg, enum sc_cver cver, struct sc_site *site);
/* True when a site change can take a value away from a stored object (so
 * objects must be brought back into the rules). */
bool sc_site_rules_differ(const struct sc_site *a, const struct sc_site *b);
void sc_ctx_init(struct sc_ctx *ctx, const struct sc_optreg *reg, enum sc_cver cver);

/* ---- USB Support (model/usb.c: the one place of the SPEC §2 table) ---- */

/* For each USB value: NULL if allowed, else the reason it is not. */
struct sc_usb_verdict {
	const char *reason[SC_USB_COUNT];
	bool editable; /* more than one value allowed */
	const char *lock_reason;
};
void sc_usb_rules(enum sc_display display, enum sc_cver cver, enum sc_os os,
		  const struct sc_site *site, struct sc_usb_verdict *out);
/* Default for a new object: disabled, or the first non-disabled allowed
 * value when EnableUSBAsDefault is set. */
enum sc_usb sc_usb_default(enum sc_display display, enum sc_cver cver, enum sc_os os,
			   const struct sc_site *site);
/* Dropdown label: "Native", "Legacy (deprecated)". */
const char *sc_usb_label(enum sc_usb u);
extern const char *const SC_NATIVE_MIGRATION_WARNING;
/* The same warning in a template's and a pool's form: their VMs lose it. */
extern const char *const SC_NATIVE_MIGRATION_WARNING_TEMPLATE;
extern const char *const SC_NATIVE_MIGRATION_WARNING_POOL;
extern const char *const SC_LEGACY_DEPRECATED_WARNING;

/* ---- Fields: choices, locks, validation ---- */

#define SC_CHOICES_MAX 24
struct sc_choice {
	int value;
	const char *label;
	const char *reason; /* NULL = allowed; otherwise why it is not offered */
};

/* Every value of an enumerated field (os, type, display, monitors, usb,
 * migration) in dropdown order, each with its reason when refused.
 * Returns the count; 0 for fields that are not enumerations. */
int sc_choices(int field, const struct sc_object *obj, const struct sc_ctx *ctx,
	       struct sc_choice *out, int max);

/* NULL if the user may edit the field, else why not. */
const char *sc_lock_reason(int field, const struct sc_object *obj, const struct sc_ctx *ctx);

/* Appends one message per invalid field; returns how many it added. */
int sc_validate(const struct sc_object *obj, const struct sc_ctx *ctx, struct sc_msgs *errs);

/* Brings dependent fields back into the allowed set after a change
 * (USB reset to disabled, monitors to 1, WAN off) and says what it changed
 * and why.  A still-allowed value is kept. */
void sc_apply(struct sc_object *obj, const struct sc_ctx *ctx, struct sc_msgs *warnings);

/* Warnings the form shows for the current values (native → no migration,
 * legacy deprecated, Xinerama for Linux multi-monitor). */
void sc_notices(const struct sc_object *obj, struct sc_msgs *out);

/* Defaults for a new object of a kind in a context (SPEC §1–2). */
void sc_object_defaults(struct sc_object *obj, enum sc_kind kind, const struct sc_ctx *ctx);

/* Copy a template's settings into a new vm or pool (keeps name, kind). */
void sc_inherit_template(struct sc_object *obj, const struct sc_object *tmpl);

#endif
