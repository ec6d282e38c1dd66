/* libFuzzer target for the OVF reader: any input is refused cleanly or read
 * into an object whose OVF reads back to the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/ovf.h"

static void fit_ctx(struct sc_ctx *ctx, enum sc_cver v)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->cver = v;
	ctx->site.native_usb_enabled = v != SC_CVER_30;
	ctx->site.monitors_mask = (1u << 1) | (1u << 2) | (1u << 4);
	ctx->site.usb_slots = 4;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_object o, back;
	struct sc_err err = {0};
	struct xmlio_notes notes = {0};
	size_t len, len2;
	if (ovf_read((const char *)data, size, "fuzz.ovf", &o, &notes, &err) == 0) {
		char *a = ovf_write(&o, NULL, NULL, &len, &err);
		if (!a || ovf_read(a, len, "again.ovf", &back, NULL, &err) != 0)
			abort();
		char *b = ovf_write(&back, NULL, NULL, &len2, &err);
		if (!b || len != len2 || memcmp(a, b, len) != 0)
			abort();
		struct sc_ctx ctx;
		fit_ctx(&ctx, (enum sc_cver)(size % SC_CVER_COUNT));
		strcpy(o.cluster, "c");
		ovf_fit(&o, &ctx, "fuzz.ovf", &notes, &err);
		free(a);
		free(b);
	}
	xmlio_notes_free(&notes);
	return 0;
}
