/* Connections to libvirt hosts (SPEC §10): open a URI, ask the hypervisor
 * what it is and what it can run, list domains, read and define their XML.
 * libvirt's client library is loaded the first time a host is opened, so a
 * command that touches no host never loads it.  Every error names the host
 * and carries libvirt's own message.  No rule and no XML surgery here. */
#ifndef SC_HOSTS_H
#define SC_HOSTS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/err.h"
#include "model/types.h"

struct hv_conn;

/* Opens uri for the host called name (name and uri appear in every error
 * about this connection).  readonly opens libvirt's read-only socket. */
int hv_open(const char *name, const char *uri, bool readonly, struct hv_conn **out,
	    struct sc_err *err);
void hv_close(struct hv_conn *c);

/* True when the connection was opened read-only, or libvirt refused a call
 * because it lets this connection only read (a read-only socket, a user
 * without write access): nothing more can be done on it. */
bool hv_read_only(const struct hv_conn *c);

/* False once the connection is lost (the daemon went away, the network
 * dropped): every later call fails. */
bool hv_alive(struct hv_conn *c);

/* The hypervisor driver ("QEMU", "Test") and its version as "7.2.0". */
int hv_hypervisor(struct hv_conn *c, char *type, size_t type_size, char *version,
		  size_t version_size, struct sc_err *err);

/* The domain capabilities XML for hardware-accelerated domains, or for
 * emulated ones where the host has no KVM (malloc'd; NULL with err). */
char *hv_domcaps(struct hv_conn *c, struct sc_err *err);

struct hv_domain {
	char name[SC_NAME_MAX * 4 + 1]; /* libvirt allows longer names than spicecfg */
	char uuid[SC_UUID_LEN + 1];
	bool running;
};

/* Every domain of the host, defined or running, sorted by name.  *out is
 * malloc'd (free() it); *n is its length. */
int hv_list(struct hv_conn *c, struct hv_domain **out, int *n, struct sc_err *err);

/* A domain's persistent definition (the one its next boot uses), with
 * secrets such as graphics passwords unless the connection is read-only:
 * defining it back must not lose them.  malloc'd; NULL with err
 * (SC_ENOTFOUND when the host has no domain with that UUID). */
char *hv_domain_xml(struct hv_conn *c, const char *uuid, struct sc_err *err);

/* A domain's XML as it is now: while it runs, the running definition with
 * what libvirt chose (the console's ports), else the persistent one; no
 * secrets.  malloc'd; NULL with err as hv_domain_xml(). */
char *hv_domain_live_xml(struct hv_conn *c, const char *uuid, struct sc_err *err);

/* Defines xml as one libvirt call validated against libvirt's schema
 * (a running domain gets it at its next boot).  The defined domain's UUID
 * goes to uuid_out if not NULL. */
int hv_define(struct hv_conn *c, const char *xml, char uuid_out[SC_UUID_LEN + 1],
	      struct sc_err *err);

/* Whether the domain is running now. */
int hv_running(struct hv_conn *c, const char *uuid, bool *running, struct sc_err *err);

/* The hypervisor ("QEMU 7.2.0") and domain capabilities XML of an open host
 * (*caps NULL, with the reason in err->msg, when the host reports none:
 * libvirt's test driver has none, which is not a failure). */
int hv_read_caps(struct hv_conn *c, char *hyper, size_t n, char **caps, struct sc_err *err);

/* True once libvirt's library has been loaded into this process. */
bool hv_loaded(void);

/* libvirt's client library version ("9.0.0"), loading the library (only
 * `spicecfg --version` asks); -1 with "not installed" or "unusable" in buf
 * when it cannot be used. */
int hv_lib_version(char *buf, size_t n);

#endif
