/* One edit applied to many objects (SPEC §11, marking): each object takes
 * the fields the user changed through its own rules, all in one
 * transaction; an object the rules refuse is listed and left as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/edit.h"
#include "../model/field.h"
#include "store_impl.h"

void store_edit_result_free(struct store_edit_result *r)
{
	free(r->refused);
	free(r->notes);
	memset(r, 0, sizeof *r);
}

static int add_line(struct store_edit_line **list, size_t *n, size_t *cap, const char *name,
		    const char *text)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		struct store_edit_line *x = realloc(*list, c * sizeof *x);
		if (!x)
			return -1;
		*list = x;
		*cap = c;
	}
	struct store_edit_line *l = &(*list)[(*n)++];
	sc_strlcpy(l->name, name, sizeof l->name);
	sc_strlcpy(l->text, text, sizeof l->text);
	return 0;
}

/* The given fields of values set on o as the user would type them, then
 * the edit sequence of model/edit.h.  Returns 0, or 1 with why set when
 * the rules refuse. */
static int edit_one(struct sc_store *st, const struct sc_optreg *reg, const struct sc_object *old,
		    struct sc_object *o, const struct sc_object *values, unsigned given,
		    struct sc_msgs *changes, char *why, size_t n, struct sc_err *err)
{
	char text[SC_DESC_MAX + 1];
	struct sc_err e = {0};
	bool tmpl = (given >> SC_F_TEMPLATE) & 1u;
	if (tmpl && values->tmpl[0] && o->kind != SC_TEMPLATE) {
		struct sc_object t;
		if (store_object_get(st, SC_TEMPLATE, values->tmpl, &t, &e))
			return sc_strlcpy(why, e.msg, n), 1;
		sc_edit_template(o, &t, false);
	}
	for (int f = 0; f < SC_F_COUNT; f++) {
		if (!((given >> f) & 1u) || !sc_field_applies(f, o->kind))
			continue;
		sc_field_get(values, f, text, sizeof text);
		if (sc_field_set(o, f, text, &e))
			return sc_strlcpy(why, e.msg, n), 1;
	}
	struct sc_ctx ctx;
	if (store_object_ctx(st, reg, o, &ctx, err))
		{
		if (err->status != SC_ENOTFOUND && err->status != SC_EUSAGE)
			return -1;
		sc_strlcpy(why, err->msg, n);
		return 1;
	}
	struct sc_edit_req req = {old, false, tmpl, given, &ctx};
	struct sc_msgs notices = {0}, errs = {0};
	if (sc_edit_finish(o, &req, changes, &notices, &errs) > 0)
		return sc_strlcpy(why, errs.m[0].text, n), 1;
	return 0;
}

int store_edit_many(struct sc_store *st, const struct sc_optreg *reg, enum sc_kind kind,
		    const char (*names)[SC_NAME_MAX + 1], int count,
		    const struct sc_object *values, unsigned given,
		    struct store_edit_result *res, struct sc_err *err)
{
	size_t rcap = 0, ncap = 0;
	memset(res, 0, sizeof *res);
	if (store_begin(st, err))
		return err->status;
	int rc = 0;
	for (int i = 0; i < count && !rc; i++) {
		struct sc_object old, o;
		struct sc_msgs changes = {0};
		struct sc_err e = {0};
		char why[sizeof res->refused->text];
		int r = store_object_get(st, kind, names[i], &old, &e);
		if (r == SC_ENOTFOUND) {
			sc_strlcpy(why, e.msg, sizeof why);
			r = 1;
		} else if (r) {
			*err = e;
			rc = r;
			break;
		} else {
			o = old;
			r = edit_one(st, reg, &old, &o, values, given, &changes, why, sizeof why, err);
			if (r < 0) {
				rc = err->status;
				break;
			}
		}
		if (!r && store_object_update(st, &old, &o, &e)) {
			if (e.status != SC_EUSAGE && e.status != SC_ECONFLICT) {
				*err = e;
				rc = e.status;
				break;
			}
			sc_strlcpy(why, e.msg, sizeof why);
			r = 1;
		}
		if (r) {
			if (add_line(&res->refused, &res->nrefused, &rcap, names[i], why))
				rc = sc_fail(err, SC_ERUNTIME, "out of memory");
			continue;
		}
		res->applied++;
		for (int m = 0; m < changes.n && !rc; m++)
			if (add_line(&res->notes, &res->nnotes, &ncap, names[i], changes.m[m].text))
				rc = sc_fail(err, SC_ERUNTIME, "out of memory");
	}
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
