/* remote-viewer connection files (.vv), SPEC §6. */
#ifndef SC_VV_H
#define SC_VV_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "rules.h"
#include "types.h"

/* Where and how the client connects; not stored, given per export. */
struct vv_conn {
	const char *host;
	int port;                 /* 0: none */
	int tls_port;             /* 0: none; needs ca_pem */
	const char *ca_pem;       /* the CA certificate(s), PEM text */
	const char *host_subject; /* NULL: none; only with tls_port */
	const char *password;     /* NULL: none */
	bool no_proxy;            /* leave the SPICE proxy out (--no-proxy) */
	const char *proxy;        /* the proxy in force (sc_render() fills it) */
};

/* The CERTIFICATE blocks of a PEM file and nothing else: a bundle may hold
 * a private key next to the certificate, and the .vv goes to every user.
 * Returns the blocks (malloc'd), or NULL with err when there is none.
 * *left_out counts the other blocks (keys, CRLs, ...) passed over and
 * left_kinds (at least 128 bytes) names their kinds, e.g. "PRIVATE KEY". */
char *vv_ca_certs(const char *pem, const char *fname, int *left_out, char *left_kinds,
		  size_t kinds_size, struct sc_err *err);

/* Checks conn alone (the CLI calls it before reading anything else). */
int vv_conn_check(const struct vv_conn *conn, struct sc_err *err);

/* The [virt-viewer] key file as a malloc'd string (length in *len).
 * warnings gets what the user should know (channels left unencrypted). */
char *vv_write(const struct sc_object *obj, const struct sc_ctx *ctx, const struct vv_conn *conn,
	       struct sc_msgs *warnings, size_t *len, struct sc_err *err);

#endif
