/* The store's side of pull, diff and apply (SPEC §10): which linked vms a
 * diff or apply works on and with what console part, what an apply
 * records, and pull's write of one domain into its vm.  hosts/ does the
 * talking; the fronts (cli/, tui/) put the two together and show it. */
#ifndef SC_STORE_LIVE_H
#define SC_STORE_LIVE_H

#include "../model/livexml.h"
#include "store.h"

struct store_live {
	struct lx_hostwork *hosts; /* by host name */
	int nhosts;
	struct lx_target *t; /* by host, then vm; each host's point into it */
	int n;
};

/* The linked vms named (nvms > 0), or of one host (host not NULL), or all,
 * each with the console part its domain should have.  A vm that is not
 * linked, named twice, or an unknown host is refused, and so is an empty
 * selection. */
int store_live_select(struct sc_store *st, const struct sc_optreg *reg, const char *host,
		      int nvms, char *const *vms, struct store_live *out, struct sc_err *err);
/* Frees the selection and what the job left in its targets. */
void store_live_free(struct store_live *l);

/* Records an applied target in the caller's transaction: one audit row per
 * console setting that changed (object domain:HOST/DOMAIN), whether the
 * change waits for the next boot, and the console line now seen. */
int store_live_applied(struct sc_store *st, const char *host, const struct lx_target *t,
		       struct sc_err *err);

/* ---- pull ---- */

/* Stores the hypervisor and capabilities read from host h (caps may be
 * NULL) and gives the rule context of its domains: its cluster's, with
 * what the host cannot run. */
int store_pull_host(struct sc_store *st, const struct sc_optreg *reg, const struct sc_host *h,
		    const char *hyper, const char *caps, struct sc_ctx *ctx, struct sc_err *err);

enum store_pulled { STORE_PULL_CREATED, STORE_PULL_UPDATED, STORE_PULL_UNCHANGED,
		    STORE_PULL_SKIPPED, STORE_PULL_REFUSED };
/* One domain d (read from host h, running or not) into its vm in the
 * caller's transaction: the vm linked to it, else the unlinked vm of its
 * name, else a new one.  *what says which; why gets the reason of a
 * refusal ("no graphics device" for a skip).  Non-zero only for a failure
 * of the store.  What the rules keep from the domain is added to notes. */
int store_pull_domain(struct sc_store *st, const struct sc_host *h, const struct sc_ctx *hctx,
		      const struct lx_domain *d, bool running, struct xmlio_notes *notes,
		      enum store_pulled *what, char *why, size_t why_size, struct sc_err *err);

#endif
