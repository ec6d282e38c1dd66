/* Field descriptors and their text form (CLI KEY=VALUE, `show`, the form). */
#include "field.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"


#define K_ALL ((1u << SC_VM) | (1u << SC_TEMPLATE) | (1u << SC_POOL))

static const struct {
	struct sc_field_info info;
	unsigned kinds;
} fields[SC_F_COUNT] = {
	[SC_F_NAME] = {{"name", "Name", SC_FK_NAME, 0, 0, "name"}, K_ALL},
	[SC_F_CLUSTER] = {{"cluster", "Cluster", SC_FK_REF, 0, 0, "cluster"}, K_ALL},
	[SC_F_TEMPLATE] = {{"template", "Template", SC_FK_REF, 0, 0, "template"},
			   (1u << SC_VM) | (1u << SC_POOL)},
	[SC_F_SIZE] = {{"size", "Pool size", SC_FK_INT, 1, 1000, "size"}, 1u << SC_POOL},
	[SC_F_OS] = {{"os", "Operating system", SC_FK_ENUM, 0, 0, "os"}, K_ALL},
	[SC_F_TYPE] = {{"type", "Optimized for", SC_FK_ENUM, 0, 0, "type"}, K_ALL},
	[SC_F_MEMORY] = {{"memory", "Memory (MiB)", SC_FK_INT, 16, 4194304, "memory"}, K_ALL},
	[SC_F_CPUS] = {{"cpus", "CPUs", SC_FK_INT, 1, 160, "cpus"}, K_ALL},
	[SC_F_DISPLAY] = {{"display", "Protocol", SC_FK_ENUM, 0, 0, "display"}, K_ALL},
	[SC_F_MONITORS] = {{"monitors", "Monitors", SC_FK_ENUM, 1, 4, "monitors"}, K_ALL},
	[SC_F_USB] = {{"usb", "USB Support", SC_FK_ENUM, 0, 0, "usb"}, K_ALL},
	[SC_F_SMARTCARD] = {{"smartcard", "Smartcard", SC_FK_BOOL, 0, 0, "smartcard"}, K_ALL},
	[SC_F_WAN] = {{"wan", "Optimize for WAN", SC_FK_BOOL, 0, 0, "wan"}, K_ALL},
	[SC_F_USB_AUTOSHARE] = {{"usb_autoshare", "USB auto-share", SC_FK_BOOL, 0, 0,
				 "usb_autoshare"},
				K_ALL},
	[SC_F_MIGRATION] = {{"migration", "Migration", SC_FK_ENUM, 0, 0, "migration"}, K_ALL},
	[SC_F_DESCRIPTION] = {{"description", "Description", SC_FK_TEXT, 0, SC_DESC_MAX,
			       "description"},
			      K_ALL},
};

const struct sc_field_info *sc_field_info(int field)
{
	return (field >= 0 && field < SC_F_COUNT) ? &fields[field].info : NULL;
}

int sc_field_lookup(const char *key)
{
	for (int f = 0; f < SC_F_COUNT; f++)
		if (strcmp(fields[f].info.key, key) == 0)
			return f;
	return -1;
}

bool sc_field_applies(int field, enum sc_kind kind)
{
	return field >= 0 && field < SC_F_COUNT && (fields[field].kinds & (1u << kind));
}

void sc_field_keys(enum sc_kind kind, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int f = 0; f < SC_F_COUNT; f++) {
		if (!sc_field_applies(f, kind))
			continue;
		int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", fields[f].info.key);
		if (w < 0 || (size_t)w >= n - len)
			return;
		len += (size_t)w;
	}
}

void sc_field_get(const struct sc_object *o, int field, char *buf, size_t n)
{
	switch (field) {
	case SC_F_NAME: snprintf(buf, n, "%s", o->name); break;
	case SC_F_CLUSTER: snprintf(buf, n, "%s", o->cluster); break;
	case SC_F_TEMPLATE: snprintf(buf, n, "%s", o->tmpl); break;
	case SC_F_SIZE: snprintf(buf, n, "%d", o->size); break;
	case SC_F_OS: snprintf(buf, n, "%s", sc_os_name(o->os)); break;
	case SC_F_TYPE: snprintf(buf, n, "%s", sc_vmtype_name(o->type)); break;
	case SC_F_MEMORY: snprintf(buf, n, "%d", o->memory); break;
	case SC_F_CPUS: snprintf(buf, n, "%d", o->cpus); break;
	case SC_F_DISPLAY: snprintf(buf, n, "%s", sc_display_name(o->display)); break;
	case SC_F_MONITORS: snprintf(buf, n, "%d", o->monitors); break;
	case SC_F_USB: snprintf(buf, n, "%s", sc_usb_name(o->usb)); break;
	case SC_F_SMARTCARD: snprintf(buf, n, "%s", o->smartcard ? "true" : "false"); break;
	case SC_F_WAN: snprintf(buf, n, "%s", o->wan ? "true" : "false"); break;
	case SC_F_USB_AUTOSHARE:
		snprintf(buf, n, "%s", o->usb_autoshare ? "true" : "false");
		break;
	case SC_F_MIGRATION:
		snprintf(buf, n, "%s", sc_migration_name(sc_effective_migration(o)));
		break;
	case SC_F_DESCRIPTION: snprintf(buf, n, "%s", o->description); break;
	default: snprintf(buf, n, "?"); break;
	}
}

static int parse_int(const char *s, long *out) { return sc_parse_long(s, 10, out); }

static int set_enum(int *dst, int (*parse)(const char *), const char *(*name)(int), int count,
		    const char *key, const char *text, struct sc_err *err)
{
	int v = parse(text);
	if (v >= 0)
		return *dst = v, 0;
	char valid[512] = "";
	size_t len = 0;
	for (int i = 0; i < count && len < sizeof valid; i++)
		len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", i ? ", " : "",
					name(i));
	return sc_fail(err, SC_EUSAGE, "invalid %s '%s'; valid: %s", key, text, valid);
}

/* int-typed name functions for set_enum()'s list of valid values */
#define NAME_OF(fn, type) \
	static const char *fn##_n(int i) { return fn((type)i); }
NAME_OF(sc_vmtype_name, enum sc_vmtype)
NAME_OF(sc_display_name, enum sc_display)
NAME_OF(sc_usb_name, enum sc_usb)
NAME_OF(sc_migration_name, enum sc_migration)
NAME_OF(sc_os_name, enum sc_os)

static int set_int(int *dst, const struct sc_field_info *fi, const char *text, struct sc_err *err)
{
	long v;
	if (parse_int(text, &v) < 0 || v < fi->min || v > fi->max)
		return sc_fail(err, SC_EUSAGE, "invalid %s '%s'; valid: an integer %d..%d",
			       fi->key, text, fi->min, fi->max);
	*dst = (int)v;
	return 0;
}

static int set_bool(bool *dst, const char *key, const char *text, struct sc_err *err)
{
	if (sc_parse_bool(text, dst) < 0)
		return sc_fail(err, SC_EUSAGE, "invalid %s '%s'; valid: true, false", key, text);
	return 0;
}

static int set_name(char *dst, const char *key, const char *text, bool optional,
		    struct sc_err *err)
{
	if ((optional && !*text) || sc_name_valid(text))
		return sc_strlcpy(dst, text, SC_NAME_MAX + 1), 0;
	return sc_fail(err, SC_EUSAGE,
		       "invalid %s '%s'; valid: " SC_NAME_RULE "%s", key,
		       text, optional ? " (or empty for none)" : "");
}

int sc_field_set(struct sc_object *o, int field, const char *text, struct sc_err *err)
{
	const struct sc_field_info *fi = sc_field_info(field);
	int v = 0;
	switch (field) {
	case SC_F_NAME: return set_name(o->name, fi->key, text, false, err);
	case SC_F_CLUSTER: return set_name(o->cluster, fi->key, text, false, err);
	case SC_F_TEMPLATE: return set_name(o->tmpl, fi->key, text, o->kind == SC_VM, err);
	case SC_F_SIZE: return set_int(&o->size, fi, text, err);
	case SC_F_MEMORY: return set_int(&o->memory, fi, text, err);
	case SC_F_CPUS: return set_int(&o->cpus, fi, text, err);
	case SC_F_MONITORS: return set_int(&o->monitors, fi, text, err);
	case SC_F_SMARTCARD: return set_bool(&o->smartcard, fi->key, text, err);
	case SC_F_WAN: return set_bool(&o->wan, fi->key, text, err);
	case SC_F_USB_AUTOSHARE: return set_bool(&o->usb_autoshare, fi->key, text, err);
	case SC_F_OS:
		if (set_enum(&v, sc_os_parse, sc_os_name_n, SC_OS_COUNT, fi->key, text, err))
			return SC_EUSAGE;
		o->os = (enum sc_os)v;
		return 0;
	case SC_F_TYPE:
		if (set_enum(&v, sc_vmtype_parse, sc_vmtype_name_n, SC_TYPE_COUNT, fi->key, text,
			     err))
			return SC_EUSAGE;
		o->type = (enum sc_vmtype)v;
		return 0;
	case SC_F_DISPLAY:
		if (set_enum(&v, sc_display_parse, sc_display_name_n, SC_DISPLAY_COUNT, fi->key,
			     text, err))
			return SC_EUSAGE;
		o->display = (enum sc_display)v;
		return 0;
	case SC_F_USB:
		if (set_enum(&v, sc_usb_parse, sc_usb_name_n, SC_USB_COUNT, fi->key, text, err))
			return SC_EUSAGE;
		o->usb = (enum sc_usb)v;
		return 0;
	case SC_F_MIGRATION:
		if (set_enum(&v, sc_migration_parse, sc_migration_name_n, SC_MIG_COUNT, fi->key,
			     text, err))
			return SC_EUSAGE;
		o->migration = (enum sc_migration)v;
		return 0;
	case SC_F_DESCRIPTION:
		if (strlen(text) > SC_DESC_MAX || !sc_utf8_text_ok(text, false))
			return sc_fail(err, SC_EUSAGE,
				       "invalid description: valid is UTF-8 text without control "
				       "characters, at most %d bytes",
				       SC_DESC_MAX);
		sc_strlcpy(o->description, text, sizeof o->description);
		return 0;
	default:
		return sc_fail(err, SC_EUSAGE, "unknown field %d", field);
	}
}

void sc_field_values(int field, void (*fn)(const char *value, void *arg), void *arg)
{
	const struct sc_field_info *fi = sc_field_info(field);
	const char *(*name)(int) = NULL;
	int count = 0;
	if (!fi)
		return;
	if (fi->kind == SC_FK_BOOL) {
		fn("true", arg);
		fn("false", arg);
		return;
	}
	if (fi->kind != SC_FK_ENUM)
		return;
	switch (field) {
	case SC_F_OS: name = sc_os_name_n, count = SC_OS_COUNT; break;
	case SC_F_TYPE: name = sc_vmtype_name_n, count = SC_TYPE_COUNT; break;
	case SC_F_DISPLAY: name = sc_display_name_n, count = SC_DISPLAY_COUNT; break;
	case SC_F_USB: name = sc_usb_name_n, count = SC_USB_COUNT; break;
	case SC_F_MIGRATION: name = sc_migration_name_n, count = SC_MIG_COUNT; break;
	default: break;
	}
	for (int i = 0; i < count; i++)
		fn(name(i), arg);
	if (!name) /* a numbered choice (monitors): its range */
		for (int v = fi->min; v <= fi->max && v - fi->min < 64; v++) {
			char buf[16];
			snprintf(buf, sizeof buf, "%d", v);
			fn(buf, arg);
		}
}
