/* The libvirt layer (SPEC §10) against libvirt's own test driver, in
 * process: libvirt is loaded only when a host is opened; connecting,
 * reading, listing and defining, and errors that name the host and carry
 * libvirt's reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hosts/hosts.h"
#include "model/livexml.h"

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
	struct sigaction sa;
	assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
	assert_true(sa.sa_handler == SIG_DFL); /* a command without hosts keeps the default */
	struct hv_conn *c;
	struct sc_err e = {0};
	assert_int_equal(hv_open("t1", "test:///default", false, &c, &e), SC_OK);
	assert_true(hv_loaded());
	assert_true(mapped("/libvirt.so"));
	/* a daemon that goes away mid-call is an error of that call, not a
	 * SIGPIPE that kills the process */
	assert_int_equal(sigaction(SIGPIPE, NULL, &sa), 0);
	assert_true(sa.sa_handler == SIG_IGN);
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

/* A host of our own for libvirt's test driver: domains with disks and NICs,
 * a q35 domain whose qemu-xhci controller carries a tablet, a VNC domain, a
 * SPICE domain with redirection channels, one without graphics.  Defined
 * ones are shut off (runstate 5), the rest run. */
static const char *const NODE =
	"<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n"
	"  <domain type='test'>\n    <name>q35-xhci</name>\n"
	"    <uuid>6a0f1c2e-0000-4000-8000-000000000001</uuid>\n"
	"    <memory unit='KiB'>1048576</memory>\n    <vcpu>2</vcpu>\n"
	"    <os>\n      <type arch='x86_64' machine='q35'>hvm</type>\n    </os>\n"
	"    <devices>\n"
	"      <disk type='file' device='disk'>\n        <source file='/var/lib/q35.qcow2'/>\n"
	"        <target dev='vda' bus='virtio'/>\n      </disk>\n"
	"      <controller type='usb' index='0' model='qemu-xhci' ports='15'/>\n"
	"      <interface type='network'>\n        <mac address='52:54:00:00:00:01'/>\n"
	"        <source network='default'/>\n      </interface>\n"
	"      <input type='tablet' bus='usb'>\n        <address type='usb' bus='0' port='1'/>\n"
	"      </input>\n"
	"      <graphics type='spice' autoport='yes'/>\n"
	"      <video>\n        <model type='qxl' heads='1'/>\n      </video>\n"
	"    </devices>\n    <test:runstate>5</test:runstate>\n  </domain>\n"
	"  <domain type='test'>\n    <name>vnc1</name>\n"
	"    <uuid>6a0f1c2e-0000-4000-8000-000000000002</uuid>\n"
	"    <memory unit='KiB'>524288</memory>\n    <vcpu>1</vcpu>\n"
	"    <os>\n      <type arch='x86_64'>hvm</type>\n    </os>\n"
	"    <devices>\n"
	"      <disk type='file' device='disk'>\n        <source file='/var/lib/vnc1.img'/>\n"
	"        <target dev='hda' bus='ide'/>\n      </disk>\n"
	"      <interface type='user'>\n        <mac address='52:54:00:00:00:02'/>\n      </interface>\n"
	"      <graphics type='vnc' port='5901' autoport='no' listen='0.0.0.0'/>\n"
	"      <video>\n        <model type='cirrus'/>\n      </video>\n"
	"    </devices>\n  </domain>\n"
	"  <domain type='test'>\n    <name>spice-redir</name>\n"
	"    <uuid>6a0f1c2e-0000-4000-8000-000000000003</uuid>\n"
	"    <memory unit='KiB'>2097152</memory>\n    <vcpu>2</vcpu>\n"
	"    <os>\n      <type arch='x86_64'>hvm</type>\n    </os>\n"
	"    <devices>\n"
	"      <controller type='usb' index='0' model='ich9-ehci1'/>\n"
	"      <graphics type='spice' autoport='yes'/>\n"
	"      <video>\n        <model type='qxl'/>\n      </video>\n"
	"      <video>\n        <model type='qxl'/>\n      </video>\n"
	"      <redirdev bus='usb' type='spicevmc'/>\n      <redirdev bus='usb' type='spicevmc'/>\n"
	"    </devices>\n    <test:runstate>5</test:runstate>\n  </domain>\n"
	"  <domain type='test'>\n    <name>headless</name>\n"
	"    <memory unit='KiB'>262144</memory>\n"
	"    <os>\n      <type arch='x86_64'>hvm</type>\n    </os>\n"
	"    <devices>\n      <serial type='pty'/>\n    </devices>\n"
	"    <test:runstate>5</test:runstate>\n  </domain>\n"
	"</node>\n";

static int count_of(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p++)
		n++;
	return n;
}

/* Pull, merge and define back every domain of a host through the real
 * libvirt API: libvirt's validation accepts each new definition, the
 * settings read back, and disks, NICs, the tablet and its controller stay. */
static void node_file_round_trip(void **state)
{
	(void)state;
	char dir[] = "/tmp/spicecfg-node.XXXXXX", path[64], uri[80];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/node.xml", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(NODE, f);
	fclose(f);
	snprintf(uri, sizeof uri, "test://%s", path);
	struct hv_conn *c;
	struct sc_err e = {0};
	if (hv_open("node", uri, false, &c, &e) != SC_OK)
		fail_msg("%s", e.msg);
	struct hv_domain *d;
	int n;
	assert_int_equal(hv_list(c, &d, &n, &e), SC_OK);
	assert_int_equal(n, 4);
	static const char *const names[] = {"headless", "q35-xhci", "spice-redir", "vnc1"};
	static const bool running[] = {false, false, false, true};
	int applied = 0;
	for (int i = 0; i < n; i++) {
		assert_string_equal(d[i].name, names[i]);
		assert_int_equal(d[i].running, running[i]);
		char *x = hv_domain_xml(c, d[i].uuid, &e);
		assert_non_null(x);
		struct lx_domain dom;
		struct xmlio_notes notes = {0};
		assert_int_equal(lx_pull(x, strlen(x), d[i].name, 1u << 1 | 1u << 2 | 1u << 4, &dom,
					 &notes, &e),
				 SC_OK);
		xmlio_notes_free(&notes);
		if (!dom.has_console) {
			assert_string_equal(d[i].name, "headless");
			free(x);
			continue;
		}
		struct dx_console want = dom.con;
		want.display = SC_DISPLAY_SPICE;
		want.monitors = 2;
		want.usb = SC_USB_NATIVE;
		want.usb_slots = 4;
		want.smartcard = true;
		want.copy_paste = false;
		bool changed;
		size_t len;
		char *m = lx_merge(x, strlen(x), d[i].name, &want, &changed, &len, &e);
		assert_non_null(m);
		assert_true(changed);
		char uuid[SC_UUID_LEN + 1];
		if (hv_define(c, m, uuid, &e) != SC_OK)
			fail_msg("%s: %s\n%s", d[i].name, e.msg, m);
		assert_string_equal(uuid, d[i].uuid);
		char *y = hv_domain_xml(c, d[i].uuid, &e);
		assert_non_null(y);
		assert_int_equal(lx_pull(y, strlen(y), d[i].name, 1u << 1 | 1u << 2 | 1u << 4, &dom,
					 &notes, &e),
				 SC_OK);
		xmlio_notes_free(&notes);
		assert_int_equal(dom.con.display, SC_DISPLAY_SPICE);
		assert_int_equal(dom.con.monitors, 2);
		assert_int_equal(dom.con.usb_slots, 4);
		assert_true(dom.con.smartcard);
		assert_false(dom.con.copy_paste);
		/* what was there besides the console is still there */
		static const char *const kept[] = {"<disk ", "<interface ", "model='qemu-xhci'",
						   "<input type='tablet' bus='usb'>",
						   "<mac address="};
		for (size_t k = 0; k < sizeof kept / sizeof *kept; k++)
			if (count_of(y, kept[k]) != count_of(x, kept[k]))
				fail_msg("%s: %s lost:\n%s", d[i].name, kept[k], y);
		/* the xhci controller carries the redirdevs: no ich9 set added */
		if (strstr(x, "qemu-xhci"))
			assert_null(strstr(y, "ich9-"));
		/* libvirt's rewrite of the new definition needs no further change */
		char *again = lx_merge(y, strlen(y), d[i].name, &want, &changed, &len, &e);
		assert_non_null(again);
		assert_false(changed);
		free(again);
		free(y);
		free(m);
		free(x);
		applied++;
	}
	assert_int_equal(applied, 3);
	free(d);
	hv_close(c);
	remove(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loaded_on_first_open),
		cmocka_unit_test(hypervisor_and_list),
		cmocka_unit_test(define_and_sorted_list),
		cmocka_unit_test(refusals_name_the_host),
		cmocka_unit_test(node_file_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
