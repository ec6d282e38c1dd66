/* The oVirt REST API representation of a vm or template (SPEC §6). */
#ifndef SC_API_H
#define SC_API_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "rules.h"
#include "types.h"
#include "xmlio.h"

/* proxy: the SPICE proxy in force ("" or NULL: none). */
char *api_write(const struct sc_object *obj, const struct sc_ctx *ctx, const char *proxy,
		size_t *len,
		struct sc_err *err);

struct api_doc {
	struct sc_object obj; /* cluster, tmpl from <cluster>/<template> names, else "" */
	/* <usb><enabled>true</enabled> without <type>: the cluster version
	 * decides (native from 3.1, else legacy), see api_fit(). */
	bool usb_untyped;
};

/* Reads one <vm> or <template> document; a pure function of buf.  Errors
 * are SC_EUSAGE "FNAME:LINE: why". */
int api_read(const char *buf, size_t len, const char *fname, struct api_doc *doc,
	     struct xmlio_notes *notes, struct sc_err *err);

/* Settles what depends on the target cluster and checks the request: an
 * API import is a request, so a USB policy (or any value) the cluster and
 * OS do not allow is refused with the model's reason. */
int api_fit(struct api_doc *doc, const struct sc_ctx *ctx, const char *fname,
	    struct xmlio_notes *notes, struct sc_err *err);

#endif
