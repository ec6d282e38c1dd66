/* libFuzzer target: the usbredir filter string parser (UsbFilter option)
 * and the rule editor's cell parser.
 *
 * Beyond "no crash": a string spicecfg accepts goes into .vv files, where
 * the console client parses it with libusbredirparser, so every accepted
 * string must also parse there (spicecfg may be stricter, never looser),
 * and a refusal must explain itself.  What the rule editor writes back
 * (the rules in their canonical spelling) must read as the same rules, and
 * a cell the editor accepts must be in its column's range.
 */
// pkg-config: libusbredirparser-0.5
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <usbredirfilter.h>

#include "model/options.h"
#include "model/usbfilter.h"

static struct sc_usbrule rules_a[SC_USBFILTER_MAX], rules_b[SC_USBFILTER_MAX];

static void round_trip(const char *s)
{
	int na = 0, nb = 0;
	char out[SC_OPT_VALUE_MAX * 4];
	if (sc_usbfilter_parse(s, rules_a, SC_USBFILTER_MAX, &na, NULL) != 0)
		return; /* more rules than the editor holds: refused with a message */
	if (sc_usbfilter_format(rules_a, na, out, sizeof out) != 0)
		return;
	if (sc_usbfilter_parse(out, rules_b, SC_USBFILTER_MAX, &nb, NULL) != 0 || nb != na ||
	    memcmp(rules_a, rules_b, sizeof rules_a[0] * (size_t)na) != 0) {
		fprintf(stderr, "'%s' written back as '%s' reads differently\n", s, out);
		abort();
	}
}

static void cells(const char *s)
{
	static const int max[4] = {0xff, 0xffff, 0xffff, 0xffff};
	for (int c = 0; c < SC_UR_ALLOW; c++) {
		struct sc_err err = {0};
		int v = -7;
		if (sc_usbrule_cell((enum sc_usbrule_col)c, s, &v, &err) == 0) {
			if (v < -1 || v > max[c]) {
				fprintf(stderr, "cell '%s' accepted as %d\n", s, v);
				abort();
			}
			struct sc_usbrule r = {v, v, v, v, true};
			char text[64];
			sc_usbrule_cell_text(&r, (enum sc_usbrule_col)c, text, sizeof text);
		} else if (!err.msg[0] || v != -7) {
			fprintf(stderr, "cell '%s' refused without a message or changed\n", s);
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct sc_err err = {0};
	if (sc_usbfilter_check(s, &err) == 0) {
		struct usbredirfilter_rule *rules = NULL;
		int n = 0;
		if (usbredirfilter_string_to_rules(s, ",", "|", &rules, &n) != 0 || n < 1) {
			fprintf(stderr, "accepted by spicecfg, refused by usbredir: '%s'\n", s);
			abort();
		}
		usbredirfilter_free(rules);
		round_trip(s);
	} else if (!err.msg[0] || err.status != SC_EUSAGE) {
		fprintf(stderr, "refusal without a message for '%s'\n", s);
		abort();
	}
	cells(s);
	free(s);
	return 0;
}
