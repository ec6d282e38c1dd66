/* Text forms of objects for the CLI: `show` lines and `list` formats. */
#ifndef SC_OUTPUT_H
#define SC_OUTPUT_H

#include <stdio.h>

#include "../model/rules.h"
#include "../store/store.h"

enum out_format { OUT_TABLE, OUT_TSV, OUT_JSON };

int out_format_parse(const char *s, enum out_format *out);
/* KEY: VALUE lines in field order, then the derived state. */
void out_show(FILE *f, const struct sc_object *o, const struct sc_ctx *ctx);
/* sort: a field to order objects by (then by name), SC_F_NAME for the default. */
int out_list(FILE *f, struct sc_store *st, enum sc_kind kind, const char *filter, int sort,
	     enum out_format fmt, struct sc_err *err);

#endif
