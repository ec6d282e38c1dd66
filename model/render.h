/* The four export formats (SPEC §6) behind one function: `spicecfg export`
 * and the TUI's preview make their bytes here, so they cannot differ. */
#ifndef SC_RENDER_H
#define SC_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "rules.h"
#include "types.h"
#include "vv.h"

enum sc_format { SC_FMT_OVF, SC_FMT_DOMXML, SC_FMT_VV, SC_FMT_API, SC_FMT_COUNT };

struct sc_format_info {
	const char *name;  /* on the command line: "domxml" */
	const char *label; /* in the preview: "domain XML" */
	const char *ext;   /* a file name's ending: "xml" */
	bool secret;       /* a credential (a .vv file): only its owner may read it */
};

const struct sc_format_info *sc_format_info(enum sc_format fmt);
int sc_format_parse(const char *name); /* -1 if unknown */

/* What an export needs besides the object: its context, the UUID of the
 * template it names (OVF; NULL or "" when it has none or it is not in the
 * store) and, for a .vv file, where the client connects. */
struct sc_render_in {
	const struct sc_ctx *ctx;
	const char *tmpl_uuid;
	const struct vv_conn *conn;
	const char *cluster_proxy; /* the spice_proxy of the object's cluster */
};

/* The bytes of obj in fmt (malloc'd, length in *len), or NULL with err.
 * warnings gets what the user should know (a .vv's unencrypted channels). */
char *sc_render(const struct sc_object *obj, enum sc_format fmt, const struct sc_render_in *in,
		struct sc_msgs *warnings, size_t *len, struct sc_err *err);

#endif
