/* Field descriptors shared by the form, the CLI's KEY=VALUE and `show`. */
#ifndef SC_FIELD_H
#define SC_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "types.h"

enum sc_field {
	SC_F_NAME,
	SC_F_CLUSTER,
	SC_F_TEMPLATE,
	SC_F_SIZE,
	SC_F_OS,
	SC_F_TYPE,
	SC_F_MEMORY,
	SC_F_CPUS,
	SC_F_DISPLAY,
	SC_F_MONITORS,
	SC_F_USB,
	SC_F_SMARTCARD,
	SC_F_WAN,
	SC_F_USB_AUTOSHARE,
	SC_F_MIGRATION,
	SC_F_DESCRIPTION,
	SC_F_COUNT
};

enum sc_fkind { SC_FK_TEXT, SC_FK_NAME, SC_FK_REF, SC_FK_INT, SC_FK_ENUM, SC_FK_BOOL };

struct sc_field_info {
	const char *key;   /* CLI key and `show` name: "usb_autoshare" */
	const char *label; /* form label: "USB auto-share" */
	enum sc_fkind kind;
	int min, max;      /* SC_FK_INT */
	const char *help;  /* help topic name in help/ */
};

const struct sc_field_info *sc_field_info(int field);
int sc_field_lookup(const char *key); /* -1 if unknown */
bool sc_field_applies(int field, enum sc_kind kind);
/* Valid keys for a kind, comma separated, for error messages. */
void sc_field_keys(enum sc_kind kind, char *buf, size_t n);

/* The values KEY=VALUE takes for an enumerated or boolean field, in their
 * order (the text sc_field_set() parses), each passed to fn; none for
 * free-form fields.  Which of them the rules allow for an object is
 * sc_choices()'s answer; this is the whole list, as shell completion needs. */
void sc_field_values(int field, void (*fn)(const char *value, void *arg), void *arg);

/* Canonical text of a field (migration: the effective policy). */
void sc_field_get(const struct sc_object *obj, int field, char *buf, size_t n);
/* Parses text into the field: type and range only; context rules are
 * sc_validate()'s.  The error names the key, the value and what is valid. */
int sc_field_set(struct sc_object *obj, int field, const char *text, struct sc_err *err);

#endif
