/* The one edit sequence (model/edit.h) the CLI, the form, the importers
 * and the store's in-write check share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/edit.h"
#include "model/field.h"
#include "store/config.h"

static struct sc_optreg reg;

static void object(struct sc_object *o, enum sc_kind kind, const struct sc_ctx *ctx,
		   const char *name)
{
	sc_object_defaults(o, kind, ctx);
	strcpy(o->name, name);
	strcpy(o->cluster, "c1");
}

static void template_named(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object t, o;
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	object(&t, SC_TEMPLATE, &ctx, "t1");
	strcpy(t.cluster, "c2");
	t.os = SC_OS_WINDOWS7X64;
	t.monitors = 2;
	/* a new VM takes the template's settings and cluster */
	object(&o, SC_VM, &ctx, "v1");
	assert_true(sc_edit_template(&o, &t, true));
	assert_int_equal(o.os, SC_OS_WINDOWS7X64);
	assert_int_equal(o.monitors, 2);
	assert_string_equal(o.cluster, "c2");
	assert_string_equal(o.tmpl, "t1");
	/* an existing VM keeps its own values */
	object(&o, SC_VM, &ctx, "v2");
	assert_false(sc_edit_template(&o, &t, false));
	assert_int_equal(o.monitors, 1);
	assert_string_equal(o.cluster, "c1");
	/* an existing pool runs where its template does, and keeps its values */
	object(&o, SC_POOL, &ctx, "p1");
	assert_false(sc_edit_template(&o, &t, false));
	assert_string_equal(o.cluster, "c2");
	assert_int_equal(o.monitors, 1);
	/* a template names none */
	object(&o, SC_TEMPLATE, &ctx, "t2");
	assert_false(sc_edit_template(&o, &t, true));
	assert_string_equal(o.cluster, "c1");
}

static void named_fields_are_strict(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object before, o;
	sc_ctx_init(&ctx, &reg, SC_CVER_31);
	object(&before, SC_VM, &ctx, "v1");
	before.os = SC_OS_WINDOWS7X64;
	/* native USB pins migration: naming another policy is refused */
	o = before;
	o.usb = SC_USB_NATIVE;
	o.migration = SC_MIG_MANUAL;
	struct sc_edit_req req = {&before, false, false, 1u << SC_F_USB | 1u << SC_F_MIGRATION,
				  &ctx};
	struct sc_msgs changes = {0}, notices = {0}, errs = {0};
	assert_int_equal(sc_edit_finish(&o, &req, &changes, &notices, &errs), 1);
	assert_int_equal(errs.m[0].field, SC_F_MIGRATION);
	assert_non_null(strstr(errs.m[0].text, "migration is locked"));
	assert_int_equal(changes.n, 0);
	/* WAN named for a Linux guest is an error; not named, it is turned off */
	o = before;
	o.os = SC_OS_RHEL6X64;
	o.wan = true;
	req.given = 1u << SC_F_WAN | 1u << SC_F_OS;
	errs.n = changes.n = 0;
	assert_int_equal(sc_edit_finish(&o, &req, &changes, &notices, &errs), 1);
	assert_int_equal(errs.m[0].field, SC_F_WAN);
	req.given = 1u << SC_F_OS;
	errs.n = 0;
	assert_int_equal(sc_edit_finish(&o, &req, &changes, &notices, &errs), 0);
	assert_false(o.wan);
	assert_int_equal(changes.n, 1);
	assert_int_equal(changes.m[0].field, SC_F_WAN);
	/* a newly chosen native policy comes with its notice */
	o = before;
	o.usb = SC_USB_NATIVE;
	req.given = 1u << SC_F_USB;
	changes.n = notices.n = 0;
	assert_int_equal(sc_edit_finish(&o, &req, &changes, &notices, &errs), 0);
	assert_int_equal(notices.n, 1);
	assert_string_equal(notices.m[0].text, SC_NATIVE_MIGRATION_WARNING);
	/* a new object without a template takes the USB default for its OS */
	o = before;
	o.usb = SC_USB_LEGACY;
	struct sc_edit_req fresh = {&before, true, false, 1u << SC_F_OS, &ctx};
	assert_int_equal(sc_edit_finish(&o, &fresh, &changes, &notices, &errs), 0);
	assert_int_equal(o.usb, sc_usb_default(o.display, ctx.cver, o.os, &ctx.site));
	/* the whole object is checked: a pool needs a template */
	object(&o, SC_POOL, &ctx, "p1");
	struct sc_edit_req pool = {&o, true, false, 0, &ctx};
	errs.n = 0;
	assert_int_equal(sc_edit_finish(&o, &pool, &changes, &notices, &errs), 1);
	assert_int_equal(errs.m[0].field, SC_F_TEMPLATE);
	errs.n = 0;
	assert_int_equal(sc_edit_check(&o, &ctx, &errs), 1);
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	return config_load_optdefs(&reg, NULL, &err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(template_named),
		cmocka_unit_test(named_fields_are_strict),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
