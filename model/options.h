/* The site-wide option registry (SPEC §4).  Definitions come from the shipped
 * libconfig file (loaded by store/optdefs.c); values come from the store; a
 * missing value falls back to the definition's default. */
#ifndef SC_OPTIONS_H
#define SC_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "types.h"

enum sc_opt_type {
	SC_OPT_INTEGER,
	SC_OPT_BOOLEAN,
	SC_OPT_STRING,
	SC_OPT_INTEGER_MULTIPLE,
	SC_OPT_STRING_MULTIPLE,
};

/* Which kind of String an option holds; the value is checked by its parser. */
enum sc_opt_format { SC_OPTF_PLAIN, SC_OPTF_USBFILTER, SC_OPTF_PROXY, SC_OPTF_HOTKEY };

#define SC_OPT_CHOICES_MAX 16
#define SC_OPT_VALUE_MAX 1024

struct sc_optdef {
	char key[64];
	char description[256];
	enum sc_opt_type type;
	enum sc_opt_format format;
	bool per_version;
	bool reloadable;
	/* Integer and IntegerMultiple: range; a non-empty choices list narrows it. */
	int min, max;
	int nchoices; /* Boolean has true,false; StringMultiple its words */
	char choices[SC_OPT_CHOICES_MAX][32];
	char defaults[SC_CVER_COUNT][SC_OPT_VALUE_MAX]; /* general: all equal */
};

#define SC_OPTS_MAX 64
/* Slot used for general options in values[]. */
#define SC_OPT_GENERAL 0

struct sc_optreg {
	int n;
	struct sc_optdef defs[SC_OPTS_MAX];
	/* Store overrides: values[i][cver] for per-version options,
	 * values[i][SC_OPT_GENERAL] for general ones; "" = not set. */
	char values[SC_OPTS_MAX][SC_CVER_COUNT][SC_OPT_VALUE_MAX];
};

const char *sc_opt_type_name(enum sc_opt_type t); /* "IntegerMultiple" */
int sc_opt_type_parse(const char *s);             /* -1 if unknown */

/* Index of key in reg (exact match, as engine-config), or -1. */
int sc_opt_find(const struct sc_optreg *reg, const char *key);

/* Checks value against the definition and writes its canonical spelling
 * (true/false, sorted unique lists without spaces) into norm.  The error
 * names the key, the value and what is valid. */
int sc_opt_validate(const struct sc_optdef *def, const char *value, char *norm,
		    size_t normsz, struct sc_err *err);

/* Human description of what is valid: "0..6", "true,false", ... */
void sc_opt_valid_text(const struct sc_optdef *def, char *buf, size_t n);

/* The effective value for a version (general options ignore cver). */
const char *sc_opt_value(const struct sc_optreg *reg, int idx, enum sc_cver cver);
const char *sc_opt_get(const struct sc_optreg *reg, const char *key, enum sc_cver cver);

/* Sanity check of a loaded definition (defaults valid etc.). */
int sc_optdef_check(const struct sc_optdef *def, struct sc_err *err);

/* usbredir filter rules "class,vendor,product,version,allow|..." with -1 as
 * "any" (vendor/product/version may be written in hex 0x...). */
int sc_usbfilter_check(const char *rules, struct sc_err *err);

#endif
