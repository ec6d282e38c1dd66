/* An object's export in one of the formats of SPEC §6, with what the store
 * adds to it: the one path `spicecfg export` and the TUI preview share. */
#ifndef SC_STORE_EXPORT_H
#define SC_STORE_EXPORT_H

#include "../model/render.h"
#include "store.h"

/* The bytes of obj in fmt for the context ctx (malloc'd, length in *len),
 * or NULL with err.  A VM's or pool's OVF names its template by name and by
 * the UUID read here; conn is for a .vv file only. */
char *store_export(struct sc_store *st, const struct sc_object *obj, const struct sc_ctx *ctx,
		   enum sc_format fmt, const struct vv_conn *conn, struct sc_msgs *warnings,
		   size_t *len, struct sc_err *err);

/* The mode a file of fmt is written with (fileio_write). */
int store_export_mode(enum sc_format fmt);

#endif
