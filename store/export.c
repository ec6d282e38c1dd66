/* Exports through the one dispatch of model/render.c. */
#include "export.h"

#include "fileio.h"

char *store_export(struct sc_store *st, const struct sc_object *o, const struct sc_ctx *ctx,
		   enum sc_format fmt, const struct vv_conn *conn, struct sc_msgs *warnings,
		   size_t *len, struct sc_err *err)
{
	struct sc_object t;
	struct sc_err te;
	/* A template that is gone leaves the OVF with its name and no id. */
	bool has = fmt == SC_FMT_OVF && o->kind != SC_TEMPLATE && o->tmpl[0] &&
		   store_object_get(st, SC_TEMPLATE, o->tmpl, &t, &te) == SC_OK;
	/* the proxy in force may be the cluster's */
	struct sc_cluster c = {0};
	if (fmt == SC_FMT_VV || fmt == SC_FMT_API)
		store_cluster_get(st, o->cluster, &c, &te);
	struct sc_render_in in = {ctx, has ? t.uuid : NULL, conn, c.spice_proxy};
	return sc_render(o, fmt, &in, warnings, len, err);
}

int store_export_mode(enum sc_format fmt)
{
	return sc_format_info(fmt)->secret ? 0600 : FILEIO_MODE_DEFAULT;
}
