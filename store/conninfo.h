/* PostgreSQL connection strings in messages: never with a password. */
#ifndef SC_CONNINFO_H
#define SC_CONNINFO_H

#include <stddef.h>

/* target with every password value (URI userinfo, URI query parameter,
 * keyword/value pair in any spacing and quoting) replaced by "***".
 * A target that is not a connection string is copied as it is. */
void conninfo_redact(const char *target, char *out, size_t size);

/* Removes from msg (in place, NUL-terminated within size) any password
 * of target that it quotes, as libpq's syntax errors may. */
void conninfo_scrub(const char *target, char *msg, size_t size);

#endif
