/* The one edit sequence for a VM, template or pool (SPEC §1–3): the CLI's
 * add and set, the TUI form and the importers take these steps, and the
 * store checks the last one again inside the write transaction.
 *
 *   sc_edit_template()  a template was named: a new object takes its
 *                       settings, an existing pool follows its cluster
 *   sc_edit_changed()   values changed: dependent fields are brought back
 *                       into the rules, each change said with its reason
 *   sc_edit_finish()    before the write: a field the user named that is
 *                       locked or refused is an error, the others follow
 *                       the rules, the whole object is checked, and the
 *                       notices for the new values are collected
 *   sc_edit_check()     the whole object against the rules (no changes) */
#ifndef SC_EDIT_H
#define SC_EDIT_H

#include <stdbool.h>

#include "rules.h"
#include "types.h"

/* Returns true when the object took the template's settings. */
bool sc_edit_template(struct sc_object *obj, const struct sc_object *tmpl, bool is_new);

void sc_edit_changed(struct sc_object *obj, const struct sc_ctx *ctx, struct sc_msgs *changes);

struct sc_edit_req {
	const struct sc_object *before; /* as read, or a new object's defaults */
	bool is_new;
	bool tmpl_named;   /* a template was named in this edit */
	unsigned given;    /* bit (1u << field) for each field the user named */
	const struct sc_ctx *ctx;
};
/* Returns the number of errors (in errs, the one to show first first). */
int sc_edit_finish(struct sc_object *obj, const struct sc_edit_req *req, struct sc_msgs *changes,
		   struct sc_msgs *notices, struct sc_msgs *errs);

int sc_edit_check(const struct sc_object *obj, const struct sc_ctx *ctx, struct sc_msgs *errs);

#endif
