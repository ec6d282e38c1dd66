/* libvirt is loaded with dlopen() on the first hv_open(): linked directly,
 * its client library brings GLib, GnuTLS, libxml2's cousins and some twenty
 * more shared libraries that every command would map and relocate before
 * main(), host or no host (as libpq did for the PostgreSQL store).  libvirt's
 * headers give the types and flags; the functions come through the table
 * below. */
#include "hosts.h"

#include "../model/uri.h"

#include <dlfcn.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LV_FUNCS(X)                                                                        \
	X(virConnectPtr, virConnectOpen, (const char *name))                               \
	X(virConnectPtr, virConnectOpenReadOnly, (const char *name))                       \
	X(int, virConnectClose, (virConnectPtr conn))                                      \
	X(int, virConnectIsAlive, (virConnectPtr conn))                                    \
	X(const char *, virConnectGetType, (virConnectPtr conn))                           \
	X(int, virConnectGetVersion, (virConnectPtr conn, unsigned long *hvVer))           \
	X(char *, virConnectGetDomainCapabilities,                                         \
	  (virConnectPtr conn, const char *emulatorbin, const char *arch,                  \
	   const char *machine, const char *virttype, unsigned int flags))                 \
	X(int, virConnectListAllDomains,                                                   \
	  (virConnectPtr conn, virDomainPtr **domains, unsigned int flags))                \
	X(virDomainPtr, virDomainLookupByUUIDString, (virConnectPtr conn, const char *uuid)) \
	X(const char *, virDomainGetName, (virDomainPtr domain))                           \
	X(int, virDomainGetUUIDString, (virDomainPtr domain, char *buf))                   \
	X(int, virDomainIsActive, (virDomainPtr domain))                                   \
	X(char *, virDomainGetXMLDesc, (virDomainPtr domain, unsigned int flags))          \
	X(virDomainPtr, virDomainDefineXMLFlags,                                           \
	  (virConnectPtr conn, const char *xml, unsigned int flags))                       \
	X(int, virDomainFree, (virDomainPtr domain))                                       \
	X(const char *, virGetLastErrorMessage, (void))                                    \
	X(virErrorPtr, virGetLastError, (void))                                            \
	X(void, virSetErrorFunc, (void *userData, virErrorFunc handler))                   \
	X(int, virGetVersion, (unsigned long *libVer, const char *type, unsigned long *typeVer))

#define PTR(ret, name, params) ret(*name) params;
static struct {
	LV_FUNCS(PTR)
} lv;
#undef PTR

struct hv_conn {
	virConnectPtr conn;
	bool readonly;
	bool denied; /* libvirt refused a call: the connection may only read */
	/* "host NAME (URI)", or "host URI" for a host known only by its URI */
	char label[SC_NAME_MAX * 4 + 520];
};

#define SC_URI_SHOWN 480 /* a longer URI is cut in messages */

static char load_error[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool loaded;

/* libvirt prints every error on stderr unless told otherwise; spicecfg
 * reports them itself, with the host's name. */
static void quiet(void *data, virErrorPtr e)
{
	(void)data;
	(void)e;
}

static void load(void)
{
	void *h = dlopen("libvirt.so.0", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(load_error, sizeof load_error,
			 "libvirt's client library could not be loaded (%s); install libvirt0",
			 dlerror());
		return;
	}
#define SYM(ret, name, params)                                                             \
	if (!(*(void **)&lv.name = dlsym(h, #name))) {                                      \
		snprintf(load_error, sizeof load_error,                                     \
			 "libvirt's client library lacks %s (libvirt is older than 1.2.12)", \
			 #name);                                                            \
		return;                                                                     \
	}
	LV_FUNCS(SYM)
#undef SYM
	lv.virSetErrorFunc(NULL, quiet);
	/* libvirt writes to its sockets with write(): a daemon gone away
	 * must come back as an error from the call, not kill the process
	 * with SIGPIPE.  A handler someone else installed is left alone. */
	struct sigaction sa;
	if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
		sa.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &sa, NULL);
	}
	loaded = true;
}

bool hv_loaded(void)
{
	return loaded;
}

int hv_lib_version(char *buf, size_t n)
{
	unsigned long v = 0;
	pthread_once(&once, load);
	if (!loaded) {
		snprintf(buf, n, "%s", strstr(load_error, "could not be loaded") ? "not installed"
										: "unusable");
		return -1;
	}
	if (lv.virGetVersion(&v, NULL, NULL) < 0)
		return snprintf(buf, n, "unusable"), -1;
	snprintf(buf, n, "%lu.%lu.%lu", v / 1000000, v / 1000 % 1000, v % 1000);
	return 0;
}

/* libvirt's message for the call that just failed. */
static const char *lv_msg(void)
{
	const char *m = lv.virGetLastErrorMessage();
	return m && *m ? m : "unknown libvirt error";
}

static void set_label(char *label, size_t size, const char *name, const char *uri_given)
{
	char uri[SC_URI_SHOWN];
	sc_uri_redact(uri_given, uri, sizeof uri);
	if (strcmp(name, uri_given) == 0)
		snprintf(label, size, "host %s", uri);
	else
		snprintf(label, size, "host %s (%s)", name, uri);
}

/* "host NAME (URI): WHAT: libvirt's message"; a connection that may only
 * read says so and what would do. */
static int fail_call(struct hv_conn *c, struct sc_err *err, const char *what)
{
	virErrorPtr e = lv.virGetLastError();
	if (e && e->code == VIR_ERR_OPERATION_DENIED) {
		c->denied = true;
		return sc_fail(err, SC_ERUNTIME,
			       "%s: %s: the connection is read-only (%s); reading a domain's whole "
			       "definition and defining it need a read-write one: the daemon's "
			       "read-write socket (not libvirt-sock-ro) as a user libvirt lets "
			       "manage domains",
			       c->label, what, lv_msg());
	}
	return sc_fail(err, SC_ERUNTIME, "%s: %s: %s", c->label, what, lv_msg());
}

int hv_open(const char *name, const char *uri, bool readonly, struct hv_conn **out,
	    struct sc_err *err)
{
	*out = NULL;
	char label[sizeof((struct hv_conn *)0)->label];
	set_label(label, sizeof label, name, uri);
	pthread_once(&once, load);
	if (!loaded)
		return sc_fail(err, SC_ERUNTIME, "%s: %s", label, load_error);
	struct hv_conn *c = calloc(1, sizeof *c);
	if (!c)
		return sc_fail(err, SC_ERUNTIME, "%s: out of memory", label);
	memcpy(c->label, label, sizeof label);
	c->readonly = readonly;
	c->conn = readonly ? lv.virConnectOpenReadOnly(uri) : lv.virConnectOpen(uri);
	if (!c->conn) {
		int rc = sc_fail(err, SC_ERUNTIME, "%s: cannot connect: %s", label, lv_msg());
		free(c);
		return rc;
	}
	*out = c;
	return SC_OK;
}

bool hv_read_only(const struct hv_conn *c)
{
	return c->readonly || c->denied;
}

bool hv_alive(struct hv_conn *c)
{
	return lv.virConnectIsAlive(c->conn) == 1;
}

void hv_close(struct hv_conn *c)
{
	if (!c)
		return;
	lv.virConnectClose(c->conn);
	free(c);
}

int hv_hypervisor(struct hv_conn *c, char *type, size_t type_size, char *version,
		  size_t version_size, struct sc_err *err)
{
	const char *t = lv.virConnectGetType(c->conn);
	if (!t)
		return fail_call(c, err, "cannot read the hypervisor type");
	unsigned long v = 0;
	if (lv.virConnectGetVersion(c->conn, &v) < 0)
		return fail_call(c, err, "cannot read the hypervisor version");
	sc_strlcpy(type, t, type_size);
	snprintf(version, version_size, "%lu.%lu.%lu", v / 1000000, v / 1000 % 1000,
		 v % 1000);
	return SC_OK;
}

char *hv_domcaps(struct hv_conn *c, struct sc_err *err)
{
	char *x = lv.virConnectGetDomainCapabilities(c->conn, NULL, NULL, NULL, "kvm", 0);
	if (!x)
		x = lv.virConnectGetDomainCapabilities(c->conn, NULL, NULL, NULL, "qemu", 0);
	if (!x)
		fail_call(c, err, "cannot read the domain capabilities");
	return x;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct hv_domain *)a)->name, ((const struct hv_domain *)b)->name);
}

int hv_list(struct hv_conn *c, struct hv_domain **out, int *n, struct sc_err *err)
{
	virDomainPtr *doms = NULL;
	*out = NULL;
	*n = 0;
	int k = lv.virConnectListAllDomains(c->conn, &doms, 0);
	if (k < 0)
		return fail_call(c, err, "cannot list the domains");
	struct hv_domain *d = calloc(k ? (size_t)k : 1, sizeof *d);
	int rc = d ? SC_OK : sc_fail(err, SC_ERUNTIME, "%s: out of memory", c->label);
	for (int i = 0; i < k; i++) {
		if (rc == SC_OK) {
			const char *nm = lv.virDomainGetName(doms[i]);
			char uuid[VIR_UUID_STRING_BUFLEN];
			int active = lv.virDomainIsActive(doms[i]);
			if (!nm || lv.virDomainGetUUIDString(doms[i], uuid) < 0 || active < 0) {
				rc = fail_call(c, err, "cannot read a domain");
			} else {
				sc_strlcpy(d[i].name, nm, sizeof d[i].name);
				sc_strlcpy(d[i].uuid, uuid, sizeof d[i].uuid);
				d[i].running = active == 1;
			}
		}
		lv.virDomainFree(doms[i]);
	}
	free(doms);
	if (rc != SC_OK) {
		free(d);
		return rc;
	}
	qsort(d, (size_t)k, sizeof *d, by_name);
	*out = d;
	*n = k;
	return SC_OK;
}

static int lookup(struct hv_conn *c, const char *uuid, virDomainPtr *d, struct sc_err *err)
{
	*d = lv.virDomainLookupByUUIDString(c->conn, uuid);
	if (*d)
		return SC_OK;
	virErrorPtr e = lv.virGetLastError();
	if (e && e->code == VIR_ERR_NO_DOMAIN)
		return sc_fail(err, SC_ENOTFOUND, "%s: no domain with UUID %s", c->label, uuid);
	return fail_call(c, err, "cannot find a domain");
}

char *hv_domain_xml(struct hv_conn *c, const char *uuid, struct sc_err *err)
{
	virDomainPtr d;
	if (lookup(c, uuid, &d, err) != SC_OK)
		return NULL;
	/* A read-only connection may not see secrets: asking for them fails. */
	unsigned flags = VIR_DOMAIN_XML_INACTIVE | (c->readonly ? 0 : VIR_DOMAIN_XML_SECURE);
	char *x = lv.virDomainGetXMLDesc(d, flags);
	if (!x)
		fail_call(c, err, "cannot read a domain's XML");
	lv.virDomainFree(d);
	return x;
}

char *hv_domain_live_xml(struct hv_conn *c, const char *uuid, struct sc_err *err)
{
	virDomainPtr d;
	if (lookup(c, uuid, &d, err) != SC_OK)
		return NULL;
	char *x = lv.virDomainGetXMLDesc(d, 0);
	if (!x)
		fail_call(c, err, "cannot read a domain's XML");
	lv.virDomainFree(d);
	return x;
}

int hv_define(struct hv_conn *c, const char *xml, char uuid_out[SC_UUID_LEN + 1],
	      struct sc_err *err)
{
	if (c->readonly)
		return sc_fail(err, SC_EUSAGE,
			       "%s: the connection is read-only; nothing can be defined", c->label);
	virDomainPtr d = lv.virDomainDefineXMLFlags(c->conn, xml, VIR_DOMAIN_DEFINE_VALIDATE);
	if (!d)
		return fail_call(c, err, "libvirt refused the definition");
	char uuid[VIR_UUID_STRING_BUFLEN];
	int rc = SC_OK;
	if (uuid_out) {
		if (lv.virDomainGetUUIDString(d, uuid) < 0)
			rc = fail_call(c, err, "cannot read the defined domain's UUID");
		else
			sc_strlcpy(uuid_out, uuid, SC_UUID_LEN + 1);
	}
	lv.virDomainFree(d);
	return rc;
}

int hv_running(struct hv_conn *c, const char *uuid, bool *running, struct sc_err *err)
{
	virDomainPtr d;
	int rc = lookup(c, uuid, &d, err);
	if (rc != SC_OK)
		return rc;
	int a = lv.virDomainIsActive(d);
	lv.virDomainFree(d);
	if (a < 0)
		return fail_call(c, err, "cannot tell whether a domain runs");
	*running = a == 1;
	return SC_OK;
}

int hv_read_caps(struct hv_conn *c, char *hyper, size_t n, char **caps, struct sc_err *err)
{
	char type[64], version[32];
	*caps = NULL;
	if (hv_hypervisor(c, type, sizeof type, version, sizeof version, err) != SC_OK)
		return err->status;
	snprintf(hyper, n, "%s %s", type, version);
	struct sc_err e2 = {0};
	*caps = hv_domcaps(c, &e2);
	if (!*caps)
		sc_strlcpy(err->msg, e2.msg, sizeof err->msg);
	return 0;
}
