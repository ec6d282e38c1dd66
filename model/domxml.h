/* A libvirt domain definition for a vm or template (SPEC §6). */
#ifndef SC_DOMXML_H
#define SC_DOMXML_H

#include <stddef.h>

#include "err.h"
#include "rules.h"
#include "types.h"

/* The domain XML as a malloc'd NUL-terminated string (length in *len); the
 * USB redirection channels come from ctx->site.usb_slots. */
char *domxml_write(const struct sc_object *obj, const struct sc_ctx *ctx, size_t *len,
		   struct sc_err *err);

#endif
