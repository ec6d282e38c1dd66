/* One dispatch over the serializers (see render.h). */
#include "render.h"

#include <string.h>

#include "api.h"
#include "console.h"
#include "domxml.h"
#include "ovf.h"

static const struct sc_format_info formats[SC_FMT_COUNT] = {
	[SC_FMT_OVF] = {"ovf", "OVF", "ovf", false},
	[SC_FMT_DOMXML] = {"domxml", "domain XML", "xml", false},
	[SC_FMT_VV] = {"vv", ".vv file", "vv", true},
	[SC_FMT_API] = {"api", "API XML", "api.xml", false},
};

const struct sc_format_info *sc_format_info(enum sc_format fmt)
{
	return fmt >= 0 && fmt < SC_FMT_COUNT ? &formats[fmt] : NULL;
}

int sc_format_parse(const char *name)
{
	for (int i = 0; i < SC_FMT_COUNT; i++)
		if (strcmp(formats[i].name, name) == 0)
			return i;
	return -1;
}

char *sc_render(const struct sc_object *o, enum sc_format fmt, const struct sc_render_in *in,
		struct sc_msgs *warnings, size_t *len, struct sc_err *err)
{
	const char *from, *proxy = sc_object_proxy(o, in->cluster_proxy, in->ctx, &from);
	struct vv_conn conn = {0};
	if (in->conn)
		conn = *in->conn;
	conn.proxy = proxy;
	switch (fmt) {
	case SC_FMT_OVF: return ovf_write(o, in->ctx, in->tmpl_uuid, len, err);
	case SC_FMT_DOMXML: return domxml_write(o, in->ctx, len, err);
	case SC_FMT_API: return api_write(o, in->ctx, proxy, len, err);
	case SC_FMT_VV: return vv_write(o, in->ctx, &conn, warnings, len, err);
	case SC_FMT_COUNT: break;
	}
	sc_fail(err, SC_EUSAGE, "unknown export format %d", (int)fmt);
	return NULL;
}
