/* The demo data set: clusters, templates, pools and VMs that show every
 * rule, and generated VMs for benchmarks. */
#ifndef SC_DEMO_H
#define SC_DEMO_H

#include "rules.h"
#include "types.h"

struct sc_demo_cluster {
	const char *name;
	enum sc_cver version;
};

/* NULL-name terminated. */
extern const struct sc_demo_cluster SC_DEMO_CLUSTERS[];

/* The i-th demo object (templates first, then VMs, then pools); returns 0
 * and fills o, or -1 past the end.  Values are filled as the CLI's `add`
 * would, so callers still validate them against their context. */
int sc_demo_object(int i, struct sc_object *o);

/* The n-th generated VM "gen-NNNNNN", valid for the context of the cluster
 * it names (ctx must be that cluster's). */
void sc_demo_generated(long n, struct sc_object *o);
void sc_demo_fit(struct sc_object *o, const struct sc_ctx *ctx);

#endif
