/* The console line of a vm (lx_console_line_of) is the line its domain
 * reads back as after apply (lx_console_line of lx_pull of lx_merge): the
 * interactive program marks a linked vm "differs" from it without asking
 * the host.  Over every combination of the console settings, on domains
 * written by libvirt's own test suite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/livexml.h"

static const unsigned ANY = 0x1eu; /* every monitor count valid */

static char *slurp(const char *name, size_t *len)
{
	const char *top = getenv("TOP");
	char path[4096];
	snprintf(path, sizeof path, "%s/../shared/libvirt-samples/%s.x86_64-latest.xml",
		 top ? top : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read the sample %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	*len = fread(s, 1, (size_t)n, f);
	s[*len] = '\0';
	fclose(f);
	return s;
}

static const char *const SAMPLES[] = {"graphics-vnc", "graphics-spice-usb-redir",
				      "q35-virt-manager-basic", "video-qxl-heads",
				      "smartcard-passthrough-spicevmc"};

static void line_after_apply(const char *xml, size_t len, const struct dx_console *c,
			     char *out, size_t n)
{
	struct sc_err e = {0};
	struct xmlio_notes notes = {0};
	struct lx_domain d;
	bool changed;
	size_t mlen;
	char *m = lx_merge(xml, len, "sample.xml", c, &changed, &mlen, &e);
	if (!m)
		fail_msg("merge: %s", e.msg);
	if (lx_pull(m, mlen, "merged.xml", ANY, &d, &notes, &e))
		fail_msg("pull: %s", e.msg);
	lx_console_line(&d, out, n);
	xmlio_notes_free(&notes);
	free(m);
}

static void vm_line_is_domain_line(void **state)
{
	(void)state;
	lx_init();
	int checked = 0;
	for (size_t s = 0; s < sizeof SAMPLES / sizeof *SAMPLES; s++) {
		size_t len;
		char *xml = slurp(SAMPLES[s], &len);
		for (int bits = 0; bits < 1 << 8; bits++) {
			struct dx_console c = {
			    .display = bits & 1 ? SC_DISPLAY_SPICE : SC_DISPLAY_VNC,
			    .monitors = bits & 2 ? 2 : 1,
			    .usb = bits & 4 ? SC_USB_NATIVE : bits & 8 ? SC_USB_LEGACY : SC_USB_DISABLED,
			    .usb_slots = bits & 16 ? 4 : 0,
			    .smartcard = bits & 32,
			    .copy_paste = bits & 64,
			    .file_transfer = bits & 128,
			    .vdagent = bits & 1,
			};
			char want[256], got[256];
			line_after_apply(xml, len, &c, want, sizeof want);
			lx_console_line_of(&c, got, sizeof got);
			if (strcmp(want, got))
				fail_msg("%s, settings %#x:\n domain: %s\n vm:     %s", SAMPLES[s], bits,
					 want, got);
			checked++;
		}
		free(xml);
	}
	assert_int_equal(checked, 5 * 256);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(vm_line_is_domain_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
