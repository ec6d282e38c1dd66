/* UTF-8: the one decoder every layer uses (screen text, keystroke scripts,
 * validation of descriptions and client-file values, XML messages). */
#ifndef SC_UTF8_H
#define SC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the sequence at s (avail bytes) into *cp; returns its length
 * (1..4), or 0 when it is malformed: a stray or missing continuation byte,
 * an overlong form, a surrogate, beyond U+10FFFF, or cut by avail. */
int sc_utf8_decode(const char *s, size_t avail, uint32_t *cp);

/* Valid UTF-8 without control characters (newline and carriage return
 * allowed when newlines). */
bool sc_utf8_text_ok(const char *s, bool newlines);

/* The list filter's rule (SPEC §11 "/" and `list --filter`): a filter of
 * three characters or more matches anywhere in a name, OS or cluster; a
 * shorter one only at the start, which an index answers at any size.
 * Letters compare without ASCII case. */
#define SC_FILTER_SUBSTRING_MIN 3
bool sc_filter_is_prefix(const char *filter);
/* Where filter matches in text under that rule, or NULL. */
const char *sc_filter_find(const char *text, const char *filter);

#endif
