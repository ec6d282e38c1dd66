/* libFuzzer target for the REST API XML reader and its round trip. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api_doc d, back;
	struct sc_err err = {0};
	struct xmlio_notes notes = {0};
	struct sc_ctx ctx;
	size_t len, len2;
	memset(&ctx, 0, sizeof ctx);
	ctx.cver = (enum sc_cver)(size % SC_CVER_COUNT);
	ctx.site.native_usb_enabled = true;
	ctx.site.monitors_mask = (1u << 1) | (1u << 2) | (1u << 4);
	if (api_read((const char *)data, size, "fuzz.xml", &d, &notes, &err) == 0) {
		strcpy(d.obj.cluster, "c");
		api_fit(&d, &ctx, "fuzz.xml", &notes, &err);
		char *a = api_write(&d.obj, &ctx, NULL, &len, &err);
		if (!a || api_read(a, len, "again.xml", &back, NULL, &err) != 0)
			abort();
		char *b = api_write(&back.obj, &ctx, NULL, &len2, &err);
		if (!b || len != len2 || memcmp(a, b, len) != 0)
			abort();
		free(a);
		free(b);
	}
	xmlio_notes_free(&notes);
	return 0;
}
