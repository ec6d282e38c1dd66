/* OVF as oVirt 3.1 writes it (SPEC §6), and a reader for what oVirt 3.0 to
 * 4.x and virt-v2v wrote. */
#ifndef SC_OVF_H
#define SC_OVF_H

#include <stddef.h>

#include "err.h"
#include "rules.h"
#include "types.h"
#include "xmlio.h"

/* The OVF of a vm or template as a malloc'd NUL-terminated string (length in
 * *len).  tmpl_uuid: the uuid of the vm's template, or NULL for Blank.
 * NULL with err for a pool (oVirt has no OVF for pools). */
char *ovf_write(const struct sc_object *obj, const struct sc_ctx *ctx, const char *tmpl_uuid,
		size_t *len, struct sc_err *err);

/* Reads one OVF file.  Fills obj (kind vm or template, the console fields,
 * uuid when the file has one; cluster from ClusterName and tmpl from
 * TemplateName when present, else "") and appends to notes one line per
 * value it had to map and one line naming what it ignored.  A pure
 * function: nothing outside buf is read.  Errors are SC_EUSAGE with
 * "FNAME:LINE: why". */
int ovf_read(const char *buf, size_t len, const char *fname, struct sc_object *obj,
	     struct xmlio_notes *notes, struct sc_err *err);

/* Fits an object read from an OVF into its target context: a USB policy the
 * cluster and OS do not allow becomes disabled with the SPEC §2 reason (an
 * OVF restores an existing VM, so it is not refused), dependent fields are
 * brought into range as the form would, each change noted.  What still
 * fails validation is an error. */
int ovf_fit(struct sc_object *obj, const struct sc_ctx *ctx, const char *fname,
	    struct xmlio_notes *notes, struct sc_err *err);

#endif
