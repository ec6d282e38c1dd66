/* libvirt connection URIs: what is accepted, why the rest is refused, and
 * passwords never shown (model/uri.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/uri.h"

static void accepted(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"qemu:///system", "qemu:///session", "test:///default", "test:///tmp/node.xml",
		"qemu+ssh://root@kvm1/system", "qemu+tls://kvm1.example.com:16514/system",
		"qemu+unix:///system?socket=/run/x/libvirt-sock", "qemu+tcp://[::1]:16509/system",
		"xen+ssh://admin@10.0.0.7/", "qemu+ssh://root:pw@kvm1/system?keyfile=/k",
	};
	struct sc_err e = {0};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (sc_uri_check(ok[i], &e))
			fail_msg("%s refused: %s", ok[i], e.msg);
}

static void refused(void **state)
{
	(void)state;
	static const struct {
		const char *uri, *why;
	} bad[] = {
		{"kvm1", "it has no '://'"},
		{"qemu//system", "it has no '://'"},
		{"qemu://system", "the path is missing"},
		{"1qemu:///system", "the driver must be a name"},
		{"qemu+:///system", "the transport must be a name"},
		{"qemu+ssh://@kvm1/system", "the user name before '@' is empty"},
		{"qemu+tcp://kvm1:0/system", "the port must be a number 1..65535"},
		{"qemu+tcp://kvm1:99999/system", "the port must be a number 1..65535"},
		{"qemu+tcp://kvm1:ab/system", "the port must be a number 1..65535"},
		{"qemu+ssh://kv m1/system", "a space or a control character"},
		{"qemu+ssh://kv$m1/system", "the host must be a name or an address"},
		{"qemu:///system#x", "no '#' fragment"},
		/* a bracketed address: every character inside is checked, the first too */
		{"qemu+tcp://[g::1]:16509/system", "the host must be a name or an address"},
		{"qemu+tcp://[::g]:16509/system", "the host must be a name or an address"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct sc_err e = {0};
		assert_int_equal(sc_uri_check(bad[i].uri, &e), SC_EUSAGE);
		if (!strstr(e.msg, bad[i].why) || !strstr(e.msg, "valid: driver[+transport]://"))
			fail_msg("%s: %s", bad[i].uri, e.msg);
	}
	struct sc_err e = {0};
	assert_int_equal(sc_uri_check("qemu+ssh://root:secret@kv$m1/system", &e), SC_EUSAGE);
	assert_null(strstr(e.msg, "secret"));
}

static void redacted(void **state)
{
	(void)state;
	char out[256];
	sc_uri_redact("qemu+ssh://root:secret@kvm1:22/system", out, sizeof out);
	assert_string_equal(out, "qemu+ssh://root:***@kvm1:22/system");
	sc_uri_redact("qemu+tls://kvm1/system?password=hunter2&no_verify=1", out, sizeof out);
	assert_string_equal(out, "qemu+tls://kvm1/system?password=***&no_verify=1");
	/* after '&' as after '?' */
	sc_uri_redact("qemu+tls://kvm1/system?no_verify=1&password=hunter2", out, sizeof out);
	assert_string_equal(out, "qemu+tls://kvm1/system?no_verify=1&password=***");
	sc_uri_redact("qemu+tls://kvm1/system?no_verify=1&passwd=hunter2#x", out, sizeof out);
	assert_string_equal(out, "qemu+tls://kvm1/system?no_verify=1&passwd=***#x");
	/* a parameter whose name only starts like one of them is no password */
	sc_uri_redact("qemu+tls://kvm1/system?passwdx=1&passwordx=2", out, sizeof out);
	assert_string_equal(out, "qemu+tls://kvm1/system?passwdx=1&passwordx=2");
	sc_uri_redact("qemu+ssh://root@kvm1/system", out, sizeof out);
	assert_string_equal(out, "qemu+ssh://root@kvm1/system");
	sc_uri_redact("qemu:///system", out, sizeof out);
	assert_string_equal(out, "qemu:///system");
	sc_uri_redact("qemu+ssh://root:secret@kvm1/system", out, 12);
	assert_string_equal(out, "qemu+ssh://");
}

static void host_part(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"qemu:///system", ""},
		{"qemu+ssh://root@kvm1/system", "kvm1"},
		{"qemu+tls://kvm2.example:16514/system", "kvm2.example"},
		{"qemu+ssh://root:pw@[2001:db8::1]:2222/system", "2001:db8::1"},
		{"qemu+unix:///system?socket=/run/x.sock", ""},
		{"test:///tmp/node.xml", ""},
		{"nonsense", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char h[64];
		sc_uri_host(cases[i][0], h, sizeof h);
		if (strcmp(h, cases[i][1]))
			fail_msg("%s: host '%s', want '%s'", cases[i][0], h, cases[i][1]);
	}
	char tiny[4];
	sc_uri_host("qemu+ssh://longhost/system", tiny, sizeof tiny);
	assert_string_equal(tiny, ""); /* does not fit: nothing, not a part */
}

/* The longest URI accepted is 1024 bytes; a driver or host with a character
 * no name has; a bracketed host that is no IPv6 address. */
static void refused_edges(void **state)
{
	(void)state;
	char uri[1100];
	memset(uri, 'a', sizeof uri);
	memcpy(uri, "test:///", 8);
	uri[1024] = '\0';
	struct sc_err e = {0};
	if (sc_uri_check(uri, &e))
		fail_msg("1024 bytes refused: %s", e.msg);
	uri[1024] = 'a';
	uri[1025] = '\0';
	assert_int_equal(sc_uri_check(uri, &e), SC_EUSAGE);
	assert_non_null(strstr(e.msg, "' is not a libvirt connection URI: it is longer than 1024 "
				      "bytes; valid: driver[+transport]://"));
	static const struct {
		const char *uri, *why;
	} bad[] = {
		{"qe_mu:///system", "the driver must be a name such as qemu"},
		{"qemu+s.sh://kvm1/system", "the transport must be a name such as ssh"},
		{"qemu+ssh$://kvm1/system", "the transport must be a name such as ssh"},
		{"qemu+tcp://[]/system", "the host must be a name or an address"},
		{"qemu+tcp://[::1/system", "the port must be a number"},
		{"qemu+tcp://[::g]/system", "the host must be a name or an address"},
		{"qemu+tcp://[::1]x/system", "the host must be a name or an address"},
		/* the first character of a name is checked as the others are */
		{"qemu+ssh://$kvm1/system", "the host must be a name or an address"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e = (struct sc_err){0};
		assert_int_equal(sc_uri_check(bad[i].uri, &e), SC_EUSAGE);
		if (!strstr(e.msg, bad[i].why))
			fail_msg("%s: %s", bad[i].uri, e.msg);
	}
	static const char *const ok[] = {"qemu+tcp://[1]/system", "qemu+tcp://[a.b:C]/system",
					 "q-1+s-2://k/system"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (sc_uri_check(ok[i], &e))
			fail_msg("%s refused: %s", ok[i], e.msg);
}

/* Ports 1 and 65535 are kept, 0 and 65536 refused with the same words. */
static void port_edges(void **state)
{
	(void)state;
	static const char *const ok[] = {"qemu+tcp://kvm1:1/system", "qemu+tcp://kvm1:65535/system",
					 "qemu+tcp://[::1]:1/system"};
	struct sc_err e = {0};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (sc_uri_check(ok[i], &e))
			fail_msg("%s refused: %s", ok[i], e.msg);
	static const char *const bad[] = {"qemu+tcp://kvm1:0/system", "qemu+tcp://kvm1:65536/system",
					  "qemu+tcp://[::1]:0/system"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e = (struct sc_err){0};
		assert_int_equal(sc_uri_check(bad[i], &e), SC_EUSAGE);
		char want[sizeof e.msg];
		snprintf(want, sizeof want, "'%s' is not a libvirt connection URI: the port must be a "
			 "number 1..65535; valid: ", bad[i]);
		if (strncmp(e.msg, want, strlen(want)))
			fail_msg("%s: %s", bad[i], e.msg);
	}
}

/* No room at all: nothing is written; an IPv6 host without its ']' is no
 * host. */
static void no_room(void **state)
{
	(void)state;
	char out[4] = "xyz";
	sc_uri_redact("qemu+ssh://root:pw@kvm1/system", out, 0);
	assert_string_equal(out, "xyz");
	sc_uri_host("qemu+ssh://kvm1/system", out, 0);
	assert_string_equal(out, "xyz");
	char h[64] = "x";
	sc_uri_host("qemu+ssh://root@[::1/system", h, sizeof h);
	assert_string_equal(h, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepted),
		cmocka_unit_test(refused),
		cmocka_unit_test(redacted),
		cmocka_unit_test(host_part),
		cmocka_unit_test(refused_edges),
		cmocka_unit_test(port_edges),
		cmocka_unit_test(no_room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
