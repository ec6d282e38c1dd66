/* The libvirt layer (SPEC §10) against libvirt's own test driver, in
 * process: libvirt is loaded only when a host is opened; connecting,
 * reading, listing and defining, and errors that name the host and carry
 * libvirt's reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosts/hosts.h"

static bool mapped(const char *lib)
{
	FILE *f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	char line[1024];
	bool found = false;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, lib) != NULL;
	fclose(f);
	return found;
}

/* Runs first: nothing has opened a host yet. */
static void loaded_on_first_open(void **state)
{
	(void)state;
	assert_false(hv_loaded());
	assert_false(mapped("/libvirt.so"));
	struct hv_conn *c;
	struct sc_err e = {0};
	assert_int_equal(hv_open("t1", "test:///default", false, &c, &e), SC_OK);
	assert_true(hv_loaded());
	assert_true(mapped("/libvirt.so"));
	hv_close(c);
}

static void hypervisor_and_list(void **state)
{
	(void)state;
	struct hv_conn *c;
	struct sc_err e = {0};
	assert_int_equal(hv_open("t1", "test:///default", false, &c, &e), SC_OK);
	char type[32], ver[32];
	assert_int_equal(hv_hypervisor(c, type, sizeof type, ver, sizeof ver, &e), SC_OK);
	assert_string_equal(type, "TEST");
	assert_non_null(strchr(ver, '.'));

	struct hv_domain *d;
	int n;
	assert_int_equal(hv_list(c, &d, &n, &e), SC_OK);
	assert_int_equal(n, 1); /* the test driver's own domain, running */
	assert_string_equal(d[0].name, "test");
	assert_int_equal(strlen(d[0].uuid), 36);
	assert_true(d[0].running);

	char *x = hv_domain_xml(c, d[0].uuid, &e);
	assert_non_null(x);
	assert_non_null(strstr(x, "<name>test</name>"));
	free(x);
	bool running = false;
	assert_int_equal(hv_running(c, d[0].uuid, &running, &e), SC_OK);
	assert_true(running);
	free(d);
	hv_close(c);
}

static const char *const NEW_DOMAIN =
	"<domain type='test'><name>web01</name>"
	"<uuid>0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d</uuid>"
	"<memory unit='MiB'>256</memory><os><type>hvm</type></os>"
	"<devices><graphics type='spice' autoport='yes'/></devices></domain>";

static void define_and_sorted_list(void **state)
{
	(void)state;
	struct hv_conn *c;
	struct sc_err e = {0};
	assert_int_equal(hv_open("t1", "test:///default", false, &c, &e), SC_OK);
	char uuid[SC_UUID_LEN + 1] = "";
	assert_int_equal(hv_define(c, NEW_DOMAIN, uuid, &e), SC_OK);
	assert_string_equal(uuid, "0b0c6f5e-1d2a-4a3b-8c9d-0e1f2a3b4c5d");
	struct hv_domain *d;
	int n;
	assert_int_equal(hv_list(c, &d, &n, &e), SC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(d[0].name, "test");
	assert_string_equal(d[1].name, "web01");
	assert_false(d[1].running);
	free(d);
	char *x = hv_domain_xml(c, uuid, &e);
	assert_non_null(x);
	assert_non_null(strstr(x, "<graphics type='spice'"));
	free(x);
	hv_close(c);
}

static void refusals_name_the_host(void **state)
{
	(void)state;
	struct hv_conn *c;
	struct sc_err e = {0};
	assert_int_equal(hv_open("kvm9", "nosuchdriver:///x", false, &c, &e), SC_ERUNTIME);
	assert_null(c);
	assert_non_null(strstr(e.msg, "host kvm9 (nosuchdriver:///x): cannot connect: "));

	e = (struct sc_err){0};
	assert_int_equal(hv_open("kvm1", "test:///default", false, &c, &e), SC_OK);
	/* schema validation is asked for: an unknown element is refused */
	const char *bad = "<domain type='test'><name>bad1</name><memory>1024</memory>"
			  "<os><type>hvm</type></os><devices><nonsense/></devices></domain>";
	assert_int_equal(hv_define(c, bad, NULL, &e), SC_ERUNTIME);
	assert_non_null(strstr(e.msg, "host kvm1 (test:///default): libvirt refused the "
				      "definition: "));
	assert_non_null(strstr(e.msg, "schema"));

	e = (struct sc_err){0};
	assert_null(hv_domain_xml(c, "11111111-2222-3333-4444-555555555555", &e));
	assert_int_equal(e.status, SC_ENOTFOUND);
	assert_non_null(strstr(e.msg, "host kvm1"));
	assert_non_null(strstr(e.msg, "11111111-2222-3333-4444-555555555555"));

	/* the test driver has no domain capabilities: libvirt says so */
	e = (struct sc_err){0};
	assert_null(hv_domcaps(c, &e));
	assert_non_null(strstr(e.msg, "host kvm1 (test:///default): cannot read the domain "
				      "capabilities: "));
	hv_close(c);

	e = (struct sc_err){0};
	assert_int_equal(hv_open("kvm1", "test:///default", true, &c, &e), SC_OK);
	assert_int_equal(hv_define(c, NEW_DOMAIN, NULL, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "read-only"));
	hv_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loaded_on_first_open),
		cmocka_unit_test(hypervisor_and_list),
		cmocka_unit_test(define_and_sorted_list),
		cmocka_unit_test(refusals_name_the_host),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
