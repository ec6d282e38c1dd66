/* A line diff of two texts in the unified format (SPEC §10 `diff`): ---/+++
 * headers, @@ hunks with context lines.  A pure function: the longest
 * common subsequence of the lines between their common head and tail. */
#ifndef SC_LINEDIFF_H
#define SC_LINEDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* The unified diff turning a into b with context lines around each change
 * (malloc'd, "" when they are equal; *differs says which).  A last line
 * without a newline is compared as if it had one. */
char *ld_unified(const char *a, size_t alen, const char *b, size_t blen, const char *aname,
		 const char *bname, int context, bool *differs, struct sc_err *err);

#endif
