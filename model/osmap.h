/* OS names found in files: the oVirt 3.1 enum names and the osinfo names
 * later oVirt versions and the REST API write (rhel_6x64, windows_7, ...). */
#ifndef SC_OSMAP_H
#define SC_OSMAP_H

#include "types.h"

enum osmap_how {
	OSMAP_EXACT,   /* a 3.1 enum name */
	OSMAP_ALIAS,   /* an osinfo name of a 3.1 OS: the same OS */
	OSMAP_NEAREST, /* an osinfo name with no 3.1 equivalent: its family's nearest */
	OSMAP_UNKNOWN,
};

/* Maps name (any case) to a 3.1 OS; *out is set unless OSMAP_UNKNOWN. */
enum osmap_how osmap_lookup(const char *name, enum sc_os *out);

/* What is valid, for error messages. */
extern const char *const OSMAP_VALID;

#endif
