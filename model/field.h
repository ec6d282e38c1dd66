/* The field table: one row per field of SPEC §1, the single description the
 * form, the list columns, the CLI's KEY=VALUE and `show`, the store's
 * columns and the readers of files all work from.  The rules a field obeys
 * in its context (what it may be, when it is locked) are model/rules.c's.
 *
 * How to add a field (for example a boolean console option):
 *   1. a member in struct sc_object (model/types.h) and an SC_F_ value below
 *      (its place in the enum is its place in the form and in `show`);
 *   2. its row in model/field.c: key, label, kind, member, range or value
 *      list, default, store column, help topic, the kinds it applies to,
 *      whether a template passes it on, and list columns if it is shown in
 *      one;
 *   3. its rule, if any, in model/rules.c (lock reason, sc_apply, sc_validate);
 *   4. a schema step adding the column (store/schema.h), a help topic in
 *      help/, and tests.
 * Nothing in tui/, cli/ or store/objects.c changes: they read this table. */
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
	/* console options after 3.1 (SPEC §9), after the 3.1 form's fields */
	SC_F_COPY_PASTE,
	SC_F_FILE_TRANSFER,
	SC_F_DISCONNECT_ACTION,
	SC_F_DISCONNECT_DELAY,
	SC_F_ALLOW_RECONNECT,
	SC_F_SPICE_PROXY,
	SC_F_COUNT
};

/* How the user gives the value: typed text, a name, a name of another
 * object, a typed number, a choice from a list, a check box. */
enum sc_fkind { SC_FK_TEXT, SC_FK_NAME, SC_FK_REF, SC_FK_INT, SC_FK_ENUM, SC_FK_BOOL };

/* What the member of struct sc_object is: a char array, an int (also every
 * enum, whose value is its index in the field's value list), a bool. */
enum sc_ftype { SC_FT_TEXT, SC_FT_INT, SC_FT_BOOL };

/* What a template passes on to a VM or pool made from it. */
enum sc_finherit { SC_FI_NO, SC_FI_COPY, SC_FI_IF_EMPTY };

/* Where a field appears in a list: its column (1 = first) per kind, 0 = not
 * shown.  The TUI list has a header and a width; the CLI's table format
 * heads a column with the key. */
struct sc_fcol {
	const char *title;
	int width;
	signed char at[SC_KIND_COUNT];
};

struct sc_field_info {
	const char *key;   /* CLI key and `show` name: "usb_autoshare" */
	const char *label; /* form label: "USB auto-share" */
	enum sc_fkind kind;
	int min, max;      /* a number's range; text: at most max bytes */
	const char *help;  /* help topic name in help/ */
	unsigned kinds;    /* bit (1u << kind) for each kind it applies to */
	unsigned optional; /* names: the kinds for which it may be empty */
	enum sc_ftype type;
	size_t offset, size; /* the member in struct sc_object */
	const char *const *names; /* value list of a choice, by value */
	int nnames;
	/* The value in force when it can differ from the one chosen and stored
	 * (migration is pinned while native USB is on); NULL: the member. */
	int (*shown)(const struct sc_object *o);
	const char *dflt;   /* a new object's value; stands in for a bad stored one */
	const char *column; /* store column */
	int ref;            /* SC_FK_REF: the kind of the object it names */
	enum sc_finherit inherit;
	bool sortable;      /* lists may be ordered by it */
	struct sc_fcol tui_list;
	signed char cli_list_at[SC_KIND_COUNT];
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

/* The fields a list shows for a kind, in column order; returns the count. */
enum sc_list_view { SC_LIST_TUI, SC_LIST_CLI };
int sc_field_columns(enum sc_kind kind, enum sc_list_view view, int *out, int max);

/* Canonical text of a field (migration: the effective policy). */
void sc_field_get(const struct sc_object *obj, int field, char *buf, size_t n);
/* Parses text into the field: type and range only; context rules are
 * sc_validate()'s.  The error names the key, the value and what is valid. */
int sc_field_set(struct sc_object *obj, int field, const char *text, struct sc_err *err);

/* A number, choice or check box as an int: the value shown (in force), and
 * the value stored (the choice); sc_field_set_int sets the stored one. */
int sc_field_int(const struct sc_object *obj, int field);
int sc_field_stored_int(const struct sc_object *obj, int field);
void sc_field_set_int(struct sc_object *obj, int field, int v);
/* The text member of a text, name or reference field. */
const char *sc_field_text(const struct sc_object *obj, int field);
/* Keeps text as typed (a draft keeps what is not valid yet), cut to fit. */
void sc_field_set_raw(struct sc_object *obj, int field, const char *text);
/* The stored value as text: a choice's name of the stored value. */
void sc_field_stored_text(const struct sc_object *obj, int field, char *buf, size_t n);

/* The table's defaults for the fields of a kind; others are zero. */
void sc_field_defaults(struct sc_object *obj, enum sc_kind kind);
/* A number field's range check, with the one message for it. */
bool sc_field_in_range(int field, int v);

/* The name rule's one message: "invalid KEY 'TEXT'; valid: <rule>". */
int sc_name_check(const char *key, const char *name, struct sc_err *err);

#endif
