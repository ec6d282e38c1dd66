/* Text forms of objects for the CLI: `show` lines and `list` formats. */
#ifndef SC_OUTPUT_H
#define SC_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "../model/rules.h"
#include "../store/store.h"

enum out_format { OUT_TABLE, OUT_TSV, OUT_JSON };

int out_format_parse(const char *s, enum out_format *out);
/* The one JSON string writer: quotes, backslashes and control characters
 * escaped, UTF-8 kept as it is (bytes that are not UTF-8 become U+FFFD). */
void out_json_string(FILE *f, const char *s);
/* ", "KEY": " (without the comma before the first member). */
void out_json_key(FILE *f, bool first, const char *key);
/* KEY: VALUE lines in field order, then the derived state. */
/* cluster_proxy: the spice_proxy of the object's cluster. */
void out_show(FILE *f, const struct sc_object *o, const struct sc_ctx *ctx,
	      const char *cluster_proxy);
/* The same as one JSON object (numbers and booleans bare, usb_allowed a list). */
void out_show_json(FILE *f, const struct sc_object *o, const struct sc_ctx *ctx,
		   const char *cluster_proxy);
/* out_show_json with a vm's host link: "host", "domain" and, while a
 * change waits for the domain's next boot, "pending" (none when NULL). */
void out_show_json_link(FILE *f, const struct sc_object *o, const struct sc_ctx *ctx,
			const char *cluster_proxy, const struct store_link *link);
/* sort: a field to order objects by (then by name), SC_F_NAME for the default. */
int out_list(FILE *f, struct sc_store *st, enum sc_kind kind, const char *filter, int sort,
	     enum out_format fmt, struct sc_err *err);

#endif
