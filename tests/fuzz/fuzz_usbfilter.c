/* libFuzzer target: the usbredir filter string parser (UsbFilter option).
 *
 * Beyond "no crash": a string spicecfg accepts goes into .vv files, where
 * the console client parses it with libusbredirparser, so every accepted
 * string must also parse there (spicecfg may be stricter, never looser),
 * and a refusal must explain itself.
 */
// pkg-config: libusbredirparser-0.5
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <usbredirfilter.h>

#include "model/options.h"

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
	} else if (!err.msg[0] || err.status != SC_EUSAGE) {
		fprintf(stderr, "refusal without a message for '%s'\n", s);
		abort();
	}
	free(s);
	return 0;
}
