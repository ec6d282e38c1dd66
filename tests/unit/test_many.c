/* Defects of working with many objects (issue 15) that the model owns:
 * a native USB warning that names the right objects, and a WAN effects
 * list where "all" cannot be combined with the values it includes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/options.h"
#include "model/rules.h"
#include "model/types.h"
#include "store/config.h"

static struct sc_optreg reg;

static void native_warning_names_the_objects(void **state)
{
	(void)state;
	static const struct {
		enum sc_kind kind;
		const char *tail;
	} cases[] = {
	    {SC_VM, "live migration will be disabled for this VM."},
	    {SC_TEMPLATE, "live migration will be disabled for the VMs made from this template."},
	    {SC_POOL, "live migration will be disabled for the VMs of this pool."},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sc_object o;
		memset(&o, 0, sizeof o);
		o.kind = cases[i].kind;
		o.usb = SC_USB_NATIVE;
		o.os = SC_OS_WINDOWS7;
		o.monitors = 1;
		struct sc_msgs m = {0};
		sc_notices(&o, &m);
		assert_int_equal(m.n, 1);
		const char *t = m.m[0].text;
		size_t lt = strlen(t), ln = strlen(cases[i].tail);
		assert_true(lt > ln);
		assert_string_equal(t + lt - ln, cases[i].tail);
		assert_non_null(strstr(t, "Migration is not supported with SPICE native USB"));
	}
}

static void wan_effects_all_stands_alone(void **state)
{
	(void)state;
	struct sc_err err = {0};
	char norm[SC_OPT_VALUE_MAX];
	assert_int_equal(config_load_optdefs(&reg, NULL, &err), 0);
	int i = sc_opt_find(&reg, "WANDisableEffects");
	assert_true(i >= 0);
	const struct sc_optdef *d = &reg.defs[i];
	assert_int_equal(sc_opt_validate(d, "all", norm, sizeof norm, &err), 0);
	assert_string_equal(norm, "all");
	assert_int_equal(sc_opt_validate(d, "wallpaper,font-smooth", norm, sizeof norm, &err), 0);
	err.msg[0] = '\0';
	assert_int_not_equal(sc_opt_validate(d, "wallpaper,font-smooth,all", norm, sizeof norm, &err),
	                     0);
	assert_non_null(strstr(err.msg, "WANDisableEffects"));
	assert_non_null(strstr(err.msg, "'all' stands alone"));
	assert_int_not_equal(sc_opt_validate(d, "all,animation", norm, sizeof norm, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(native_warning_names_the_objects),
	    cmocka_unit_test(wan_effects_all_stands_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
