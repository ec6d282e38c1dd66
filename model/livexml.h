/* Live domains (SPEC §10) as pure functions on their XML: what a host's
 * domain capabilities allow, what console settings a domain carries (pull),
 * and a domain's XML with spicecfg's console settings merged in (apply),
 * touching nothing but the console part. */
#ifndef SC_LIVEXML_H
#define SC_LIVEXML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domxml.h"
#include "err.h"
#include "types.h"
#include "xmlio.h"

/* Readies the XML library before threads parse domains at once (call it
 * from the main thread first). */
void lx_init(void);

/* ---- domain capabilities ---- */

#define LX_CAPS_MAX 32
struct lx_caplist {
	bool reported; /* false: this libvirt does not say */
	int n;
	char v[LX_CAPS_MAX][32];
};
struct lx_caps {
	char domain[16];  /* kvm, qemu */
	char machine[64]; /* the default machine type */
	char arch[16];
	struct lx_caplist graphics; /* graphics types: spice, vnc, ... */
	struct lx_caplist video;    /* video models: qxl, cirrus, ... */
	struct lx_caplist usb;      /* USB controller models */
	struct lx_caplist redirdev; /* redirdev buses: usb */
	struct lx_caplist smartcard; /* smartcard modes */
	struct lx_caplist channel;  /* channel types: spicevmc, ... */
};

/* Parses virConnectGetDomainCapabilities()'s XML; errors as FNAME:LINE. */
int lx_caps_parse(const char *xml, size_t len, const char *fname, struct lx_caps *out,
		  struct sc_err *err);
bool lx_caps_has(const struct lx_caplist *l, const char *value);
/* What the capabilities say the host cannot run, for the rules (a list the
 * host's libvirt does not report lacks nothing).  Keeps out->host. */
void lx_caps_rules(const struct lx_caps *caps, struct sc_hostcaps *out);

/* ---- pull: a domain's XML to console settings ---- */

struct lx_domain {
	char name[SC_NAME_MAX * 4 + 1];
	char uuid[SC_UUID_LEN + 1];
	enum sc_os os;
	int memory; /* MiB, rounded down */
	int cpus;
	bool has_console; /* false: no SPICE or VNC graphics; the domain is skipped */
	struct dx_console con;
};

/* Maps a domain's XML as SPEC §10 says; monitors are fitted to
 * monitors_mask (bit n set: n monitors valid).  One note per mapped and
 * per ignored thing goes to notes. */
int lx_pull(const char *xml, size_t len, const char *fname, unsigned monitors_mask,
	    struct lx_domain *out, struct xmlio_notes *notes, struct sc_err *err);

/* The settings pull gives a vm (o is the vm as it is, or a new one): what
 * the domain shows for display, monitors, usb, smartcard, clipboard, file
 * transfer, WAN, OS, memory and cpus, within ctx's rules (a value they lock
 * is noted and left as the rules have it). */
void lx_to_object(const struct lx_domain *d, const struct sc_ctx *ctx, struct sc_object *o,
		  struct xmlio_notes *notes);

/* ---- where a running domain's console is reached ---- */

struct lx_access {
	enum sc_display display;
	int port, tls_port; /* 0: none (or not yet given: the domain is not running) */
	char listen[256];   /* the address the graphics listen on; "" when not said */
};

/* The console graphics of a domain's XML (as it runs: libvirt fills in the
 * ports it chose); SC_ENOTFOUND with a message naming fname when it has no
 * SPICE or VNC graphics. */
int lx_access_of(const char *xml, size_t len, const char *fname, struct lx_access *out,
		 struct sc_err *err);

/* The address a client uses: the listen address, unless it is a wildcard
 * (0.0.0.0, ::) or none, or a loopback one of a remote host, then the host
 * of uri ("localhost" for a local URI).  *loopback_only is set when the
 * domain listens on a loopback address of a remote host: a client on
 * another machine reaches it only through a tunnel. */
void lx_access_host(const struct lx_access *a, const char *uri, char *out, size_t n,
		    bool *loopback_only);

/* ---- apply: console settings into a domain's XML ---- */

/* The console part apply merges into a live domain for o: the export's
 * (domxml_console_of()) marked live; a UsbFilter that allows every device
 * writes no <redirfilter>, so that the domain's own filter stays. */
void lx_console_for(const struct sc_object *o, const struct sc_ctx *ctx,
		    struct dx_console *out);

/* The domain XML with c merged into its console part (graphics, video, the
 * spicevmc redirdevs, redirfilter, the spicevmc smartcard and agent
 * channel, and a USB controller where the redirdevs need one); everything
 * else is kept as it was.  *changed says whether anything differs.  The
 * result is in lx_normalize()'s form (malloc'd, length in *len). */
char *lx_merge(const char *xml, size_t len, const char *fname, const struct dx_console *c,
	       bool *changed, size_t *out_len, struct sc_err *err);

/* The document as lx_merge() writes it, unchanged: diff against this. */
char *lx_normalize(const char *xml, size_t len, const char *fname, size_t *out_len,
		   struct sc_err *err);

/* The console settings of a domain as one line: what apply compares to
 * find a change made on the host since spicecfg last read or wrote it. */
void lx_console_line(const struct lx_domain *d, char *out, size_t n);
/* The line a domain given the console part c reads back as (apply's
 * result, without asking the host). */
void lx_console_line_of(const struct dx_console *c, char *out, size_t n);

/* ---- the domains diff and apply work on (the store selects them, hosts/
 * works on them, the store records what was applied) ---- */

enum lx_result { LX_FAILED, LX_UNCHANGED, LX_APPLIED, LX_WOULD, LX_NOTRUN };

struct lx_target {
	/* the linked vm: what to write into its domain */
	int64_t object_id;
	char vm[SC_NAME_MAX + 1];
	char domain[SC_UUID_LEN + 1]; /* the domain's UUID */
	char seen[256]; /* its console line as last read or written ("" never) */
	bool pending;   /* a change already waits for the domain's next boot */
	struct dx_console con;
	/* what happened to it */
	enum lx_result result;
	bool running;
	bool drifted;   /* changed on the host since spicecfg last saw it */
	char *diff;     /* the unified diff, when asked for */
	char *before, *after_xml; /* the domain's XML around an apply */
	char name[SC_NAME_MAX * 4 + 1]; /* the domain's name on the host */
	char now[256];   /* its console line as found */
	char after[256]; /* and as applied */
	char msg[768];
};

/* The targets of one host, in vm order. */
struct lx_hostwork {
	char host[SC_NAME_MAX + 1];
	char uri[1025];
	struct lx_target *t;
	int n;
	bool failed; /* the host could not be reached: msg says why */
	int ndomains; /* its domains, when the job counts them */
	char msg[768];
};

#endif
