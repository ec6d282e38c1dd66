/* The field table (see field.h for how to add a field) and the text form of
 * each field, read and written through it. */
#include "field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

#define K(kind) (1u << (kind))
#define K_ALL (K(SC_VM) | K(SC_TEMPLATE) | K(SC_POOL))
#define MEMBER(m) offsetof(struct sc_object, m), sizeof(((struct sc_object *)0)->m)
#define NAMES(a) a, (int)(sizeof a / sizeof *a)
/* Column positions: VMs and templates, pools. */
#define AT(vm, pool) {[SC_VM] = (vm), [SC_TEMPLATE] = (vm), [SC_POOL] = (pool)}

/* Every enum is held in an int-sized member read through an int. */
_Static_assert(sizeof(enum sc_os) == sizeof(int) && sizeof(enum sc_usb) == sizeof(int) &&
		       sizeof(enum sc_display) == sizeof(int) &&
		       sizeof(enum sc_vmtype) == sizeof(int) &&
		       sizeof(enum sc_migration) == sizeof(int) &&
		       sizeof(enum sc_disconnect) == sizeof(int),
	       "enum members are int-sized");

static int shown_migration(const struct sc_object *o) { return (int)sc_effective_migration(o); }
static int shown_copy_paste(const struct sc_object *o) { return sc_effective_copy_paste(o); }
static int shown_file_transfer(const struct sc_object *o)
{
	return sc_effective_file_transfer(o);
}

static const struct sc_field_info fields[SC_F_COUNT] = {
	[SC_F_NAME] = {.key = "name", .label = "Name", .kind = SC_FK_NAME, .help = "name",
		       .kinds = K_ALL, .type = SC_FT_TEXT, MEMBER(name), .column = "name",
		       .sortable = true, .tui_list = {"Name", 18, AT(1, 1)},
		       .cli_list_at = AT(1, 1)},
	[SC_F_CLUSTER] = {.key = "cluster", .label = "Cluster", .kind = SC_FK_REF,
			  .help = "cluster", .kinds = K_ALL, .type = SC_FT_TEXT, MEMBER(cluster),
			  .column = "cluster_id", .ref = SC_CLUSTER, .sortable = true,
			  .tui_list = {"Cluster", 12, AT(2, 3)}, .cli_list_at = AT(2, 3)},
	[SC_F_TEMPLATE] = {.key = "template", .label = "Template", .kind = SC_FK_REF,
			   .help = "template", .kinds = K(SC_VM) | K(SC_POOL),
			   .optional = K(SC_VM), .type = SC_FT_TEXT, MEMBER(tmpl),
			   .column = "template_id", .ref = SC_TEMPLATE, .sortable = true,
			   .tui_list = {"Template", 14, AT(0, 2)}, .cli_list_at = AT(0, 2)},
	[SC_F_SIZE] = {.key = "size", .label = "Pool size", .kind = SC_FK_INT,
		       .min = SC_POOL_SIZE_MIN, .max = SC_POOL_SIZE_MAX, .help = "size",
		       .kinds = K(SC_POOL), .type = SC_FT_INT, MEMBER(size), .dflt = "1",
		       .column = "size", .sortable = true, .tui_list = {"Size", 5, AT(0, 4)},
		       .cli_list_at = AT(0, 4)},
	[SC_F_OS] = {.key = "os", .label = "Operating system", .kind = SC_FK_ENUM, .help = "os",
		     .kinds = K_ALL, .type = SC_FT_INT, MEMBER(os), NAMES(sc_os_names),
		     .dflt = "Unassigned", .column = "os", .inherit = SC_FI_COPY,
		     .sortable = true, .tui_list = {"OS", 15, AT(3, 5)}, .cli_list_at = AT(3, 0)},
	[SC_F_TYPE] = {.key = "type", .label = "Optimized for", .kind = SC_FK_ENUM,
		       .help = "type", .kinds = K_ALL, .type = SC_FT_INT, MEMBER(type),
		       NAMES(sc_vmtype_names), .dflt = "desktop", .column = "type",
		       .inherit = SC_FI_COPY, .sortable = true, .cli_list_at = AT(4, 0)},
	[SC_F_MEMORY] = {.key = "memory", .label = "Memory (MiB)", .kind = SC_FK_INT, .min = 16,
			 .max = 4194304, .help = "memory", .kinds = K_ALL, .type = SC_FT_INT,
			 MEMBER(memory), .dflt = "1024", .column = "memory",
			 .inherit = SC_FI_COPY, .sortable = true},
	[SC_F_CPUS] = {.key = "cpus", .label = "CPUs", .kind = SC_FK_INT, .min = 1, .max = 160,
		       .help = "cpus", .kinds = K_ALL, .type = SC_FT_INT, MEMBER(cpus),
		       .dflt = "1", .column = "cpus", .inherit = SC_FI_COPY, .sortable = true},
	[SC_F_DISPLAY] = {.key = "display", .label = "Protocol", .kind = SC_FK_ENUM,
			  .help = "display", .kinds = K_ALL, .type = SC_FT_INT, MEMBER(display),
			  NAMES(sc_display_names), .dflt = "spice", .column = "display",
			  .inherit = SC_FI_COPY, .sortable = true,
			  .tui_list = {"Proto", 6, AT(4, 6)}, .cli_list_at = AT(5, 5)},
	[SC_F_MONITORS] = {.key = "monitors", .label = "Monitors", .kind = SC_FK_ENUM,
			   .min = SC_MONITORS_MIN, .max = SC_MONITORS_MAX, .help = "monitors",
			   .kinds = K_ALL, .type = SC_FT_INT, MEMBER(monitors), .dflt = "1",
			   .column = "monitors", .inherit = SC_FI_COPY, .sortable = true,
			   .tui_list = {"Mon", 4, AT(5, 0)}, .cli_list_at = AT(6, 6)},
	[SC_F_USB] = {.key = "usb", .label = "USB Support", .kind = SC_FK_ENUM, .help = "usb",
		      .kinds = K_ALL, .type = SC_FT_INT, MEMBER(usb), NAMES(sc_usb_names),
		      .dflt = "disabled", .column = "usb", .inherit = SC_FI_COPY,
		      .sortable = true, .tui_list = {"USB", 9, AT(6, 7)},
		      .cli_list_at = AT(7, 7)},
	[SC_F_SMARTCARD] = {.key = "smartcard", .label = "Smartcard", .kind = SC_FK_BOOL,
			    .help = "smartcard", .kinds = K_ALL, .type = SC_FT_BOOL,
			    MEMBER(smartcard), .dflt = "false", .column = "smartcard",
			    .inherit = SC_FI_COPY},
	[SC_F_WAN] = {.key = "wan", .label = "Optimize for WAN", .kind = SC_FK_BOOL,
		      .help = "wan", .kinds = K_ALL, .type = SC_FT_BOOL, MEMBER(wan),
		      .dflt = "false", .column = "wan", .inherit = SC_FI_COPY},
	[SC_F_USB_AUTOSHARE] = {.key = "usb_autoshare", .label = "USB auto-share",
				.kind = SC_FK_BOOL, .help = "usb_autoshare", .kinds = K_ALL,
				.type = SC_FT_BOOL, MEMBER(usb_autoshare), .dflt = "false",
				.column = "usb_autoshare", .inherit = SC_FI_COPY},
	[SC_F_MIGRATION] = {.key = "migration", .label = "Migration", .kind = SC_FK_ENUM,
			    .help = "migration", .kinds = K_ALL, .type = SC_FT_INT,
			    MEMBER(migration), NAMES(sc_migration_names),
			    .shown = shown_migration, .dflt = "migratable", .column = "migration",
			    .inherit = SC_FI_COPY, .sortable = true,
			    .tui_list = {"Migration", 11, AT(7, 0)}, .cli_list_at = AT(8, 0)},
	[SC_F_COPY_PASTE] = {.key = "copy_paste", .label = "Clipboard sharing",
			     .kind = SC_FK_BOOL, .help = "copy_paste", .kinds = K_ALL,
			     .type = SC_FT_BOOL, MEMBER(copy_paste), .shown = shown_copy_paste,
			     .dflt = "true", .column = "copy_paste", .inherit = SC_FI_COPY},
	[SC_F_FILE_TRANSFER] = {.key = "file_transfer", .label = "File transfer",
				.kind = SC_FK_BOOL, .help = "file_transfer", .kinds = K_ALL,
				.type = SC_FT_BOOL, MEMBER(file_transfer),
				.shown = shown_file_transfer, .dflt = "true",
				.column = "file_transfer", .inherit = SC_FI_COPY},
	[SC_F_DISCONNECT_ACTION] = {.key = "disconnect_action", .label = "On disconnect",
				    .kind = SC_FK_ENUM, .help = "disconnect_action",
				    .kinds = K_ALL, .type = SC_FT_INT,
				    MEMBER(disconnect_action), NAMES(sc_disconnect_names),
				    .dflt = "lock-screen", .column = "disconnect_action",
				    .inherit = SC_FI_COPY, .sortable = true},
	[SC_F_DISCONNECT_DELAY] = {.key = "disconnect_delay", .label = "Delay (minutes)",
				   .kind = SC_FK_INT, .min = 0, .max = SC_DISC_DELAY_MAX,
				   .help = "disconnect_delay", .kinds = K_ALL,
				   .type = SC_FT_INT, MEMBER(disconnect_delay), .dflt = "0",
				   .column = "disconnect_delay", .inherit = SC_FI_COPY},
	[SC_F_ALLOW_RECONNECT] = {.key = "allow_reconnect", .label = "Console takeover",
				  .kind = SC_FK_BOOL, .help = "allow_reconnect", .kinds = K_ALL,
				  .type = SC_FT_BOOL, MEMBER(allow_reconnect), .dflt = "false",
				  .column = "allow_reconnect", .inherit = SC_FI_COPY},
	[SC_F_SPICE_PROXY] = {.key = "spice_proxy", .label = "SPICE proxy", .kind = SC_FK_TEXT,
			      .max = SC_PROXY_MAX, .help = "spice_proxy", .kinds = K(SC_POOL),
			      .type = SC_FT_TEXT, MEMBER(spice_proxy), .dflt = "",
			      .column = "spice_proxy"},
	[SC_F_DESCRIPTION] = {.key = "description", .label = "Description", .kind = SC_FK_TEXT,
			      .max = SC_DESC_MAX, .help = "description", .kinds = K_ALL,
			      .type = SC_FT_TEXT, MEMBER(description), .dflt = "",
			      .column = "description", .inherit = SC_FI_IF_EMPTY,
			      .sortable = true, .tui_list = {"Description", 0, AT(8, 0)}},
};

const struct sc_field_info *sc_field_info(int field)
{
	return (field >= 0 && field < SC_F_COUNT) ? &fields[field] : NULL;
}

int sc_field_lookup(const char *key)
{
	for (int f = 0; f < SC_F_COUNT; f++)
		if (strcmp(fields[f].key, key) == 0)
			return f;
	return -1;
}

bool sc_field_applies(int field, enum sc_kind kind)
{
	return field >= 0 && field < SC_F_COUNT && (fields[field].kinds & K(kind));
}

void sc_field_keys(enum sc_kind kind, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int f = 0; f < SC_F_COUNT; f++) {
		if (!sc_field_applies(f, kind))
			continue;
		int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", fields[f].key);
		if (w < 0 || (size_t)w >= n - len)
			return;
		len += (size_t)w;
	}
}

int sc_field_columns(enum sc_kind kind, enum sc_list_view view, int *out, int max)
{
	int n = 0;
	for (int at = 1; at <= SC_F_COUNT; at++)
		for (int f = 0; f < SC_F_COUNT; f++) {
			int pos = view == SC_LIST_TUI ? fields[f].tui_list.at[kind]
						      : fields[f].cli_list_at[kind];
			if (pos == at && n < max)
				out[n++] = f;
		}
	return n;
}

/* ---- the member behind a field ---- */

static void *member(struct sc_object *o, int f) { return (char *)o + fields[f].offset; }

static const void *cmember(const struct sc_object *o, int f)
{
	return (const char *)o + fields[f].offset;
}

int sc_field_stored_int(const struct sc_object *o, int f)
{
	if (fields[f].type == SC_FT_BOOL)
		return *(const bool *)cmember(o, f);
	return fields[f].type == SC_FT_INT ? *(const int *)cmember(o, f) : 0;
}

int sc_field_int(const struct sc_object *o, int f)
{
	return fields[f].shown ? fields[f].shown(o) : sc_field_stored_int(o, f);
}

void sc_field_set_int(struct sc_object *o, int f, int v)
{
	if (fields[f].type == SC_FT_BOOL)
		*(bool *)member(o, f) = v != 0;
	else if (fields[f].type == SC_FT_INT)
		*(int *)member(o, f) = v;
}

const char *sc_field_text(const struct sc_object *o, int f)
{
	return fields[f].type == SC_FT_TEXT ? cmember(o, f) : "";
}

void sc_field_set_raw(struct sc_object *o, int f, const char *text)
{
	if (fields[f].type == SC_FT_TEXT)
		sc_strlcpy(member(o, f), text, fields[f].size);
}

static void int_text(const struct sc_field_info *fi, int v, char *buf, size_t n)
{
	if (fi->type == SC_FT_BOOL)
		snprintf(buf, n, "%s", v ? "true" : "false");
	else if (fi->names)
		snprintf(buf, n, "%s", v >= 0 && v < fi->nnames ? fi->names[v] : "?");
	else
		snprintf(buf, n, "%d", v);
}

void sc_field_get(const struct sc_object *o, int field, char *buf, size_t n)
{
	if (field < 0 || field >= SC_F_COUNT)
		snprintf(buf, n, "?");
	else if (fields[field].type == SC_FT_TEXT)
		snprintf(buf, n, "%s", sc_field_text(o, field));
	else
		int_text(&fields[field], sc_field_int(o, field), buf, n);
}

void sc_field_stored_text(const struct sc_object *o, int field, char *buf, size_t n)
{
	if (fields[field].type == SC_FT_TEXT)
		snprintf(buf, n, "%s", sc_field_text(o, field));
	else
		int_text(&fields[field], sc_field_stored_int(o, field), buf, n);
}

/* ---- text to value ---- */

bool sc_field_in_range(int field, int v)
{
	return v >= fields[field].min && v <= fields[field].max;
}

/* The one message of the name rule; optional: empty is accepted too. */
static int name_check(const char *key, const char *name, bool optional, struct sc_err *err)
{
	if ((optional && !*name) || sc_name_valid(name))
		return 0;
	return sc_fail(err, SC_EUSAGE, "invalid %s '%s'; valid: " SC_NAME_RULE "%s", key, name,
		       optional ? " (or empty for none)" : "");
}

int sc_name_check(const char *key, const char *name, struct sc_err *err)
{
	return name_check(key, name, false, err);
}

static int set_choice(struct sc_object *o, int f, const char *text, struct sc_err *err)
{
	const struct sc_field_info *fi = &fields[f];
	for (int i = 0; i < fi->nnames; i++)
		if (strcasecmp(fi->names[i], text) == 0)
			return sc_field_set_int(o, f, i), 0;
	char valid[512] = "";
	size_t len = 0;
	for (int i = 0; i < fi->nnames && len < sizeof valid; i++)
		len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", i ? ", " : "",
					fi->names[i]);
	return sc_fail(err, SC_EUSAGE, "invalid %s '%s'; valid: %s", fi->key, text, valid);
}

static int set_number(struct sc_object *o, int f, const char *text, struct sc_err *err)
{
	const struct sc_field_info *fi = &fields[f];
	long v;
	if (sc_parse_long(text, 10, &v) < 0 || v < fi->min || v > fi->max)
		return sc_fail(err, SC_EUSAGE, "invalid %s '%s'; valid: an integer %d..%d",
			       fi->key, text, fi->min, fi->max);
	sc_field_set_int(o, f, (int)v);
	return 0;
}

static int set_bool(struct sc_object *o, int f, const char *text, struct sc_err *err)
{
	bool v;
	if (sc_parse_bool(text, &v) < 0)
		return sc_fail(err, SC_EUSAGE, "invalid %s '%s'; valid: true, false",
			       fields[f].key, text);
	sc_field_set_int(o, f, v);
	return 0;
}

static int set_name(struct sc_object *o, int f, const char *text, struct sc_err *err)
{
	const struct sc_field_info *fi = &fields[f];
	if (name_check(fi->key, text, (fi->optional & K(o->kind)) != 0, err))
		return SC_EUSAGE;
	sc_field_set_raw(o, f, text);
	return 0;
}

static int set_text(struct sc_object *o, int f, const char *text, struct sc_err *err)
{
	const struct sc_field_info *fi = &fields[f];
	if (strlen(text) > (size_t)fi->max || !sc_utf8_text_ok(text, false))
		return sc_fail(err, SC_EUSAGE,
			       "invalid %s: valid is UTF-8 text without control characters, at "
			       "most %d bytes",
			       fi->key, fi->max);
	sc_field_set_raw(o, f, text);
	return 0;
}

int sc_field_set(struct sc_object *o, int field, const char *text, struct sc_err *err)
{
	if (field < 0 || field >= SC_F_COUNT)
		return sc_fail(err, SC_EUSAGE, "unknown field %d", field);
	switch (fields[field].kind) {
	case SC_FK_NAME:
	case SC_FK_REF: return set_name(o, field, text, err);
	case SC_FK_TEXT: return set_text(o, field, text, err);
	case SC_FK_BOOL: return set_bool(o, field, text, err);
	case SC_FK_INT:
	case SC_FK_ENUM:
		return fields[field].names ? set_choice(o, field, text, err)
					   : set_number(o, field, text, err);
	}
	return sc_fail(err, SC_EUSAGE, "unknown field %d", field);
}

void sc_field_defaults(struct sc_object *o, enum sc_kind kind)
{
	memset(o, 0, sizeof *o);
	o->kind = kind;
	for (int f = 0; f < SC_F_COUNT; f++)
		if (fields[f].dflt && sc_field_applies(f, kind))
			sc_field_set(o, f, fields[f].dflt, NULL);
}

void sc_field_values(int field, void (*fn)(const char *value, void *arg), void *arg)
{
	const struct sc_field_info *fi = sc_field_info(field);
	if (!fi)
		return;
	if (fi->kind == SC_FK_BOOL) {
		fn("true", arg);
		fn("false", arg);
		return;
	}
	if (fi->kind != SC_FK_ENUM)
		return;
	for (int i = 0; i < fi->nnames; i++)
		fn(fi->names[i], arg);
	if (!fi->names) /* a numbered choice (monitors): its range */
		for (int v = fi->min; v <= fi->max && v - fi->min < 64; v++) {
			char buf[16];
			snprintf(buf, sizeof buf, "%d", v);
			fn(buf, arg);
		}
}
