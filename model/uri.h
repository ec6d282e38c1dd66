/* libvirt connection URIs (SPEC §10): checked before they are stored, and
 * shown without a password wherever they are printed. */
#ifndef SC_URI_H
#define SC_URI_H

#include <stddef.h>

#include "err.h"

/* Checks driver[+transport]://[user@][host][:port]/[path][?query]:
 * SC_EUSAGE with what is wrong and what is valid. */
int sc_uri_check(const char *uri, struct sc_err *err);

/* uri with the password of its user part (user:PASSWORD@) and of any
 * password= query parameter replaced by "***"; always terminated. */
void sc_uri_redact(const char *uri, char *out, size_t n);

/* The host part of uri (an IPv6 address without its brackets); "" for a
 * local URI such as qemu:///system.  Always terminated. */
void sc_uri_host(const char *uri, char *out, size_t n);

#endif
