/* Diff and apply on live hosts (SPEC §10): each host's targets worked on
 * through one connection, several hosts at once.  The XML work is
 * model/livexml.c's; which domains and what is recorded afterwards is the
 * store's.  Both fronts run a job and draw its progress while it runs. */
#ifndef SC_HOSTS_LIVE_H
#define SC_HOSTS_LIVE_H

#include <pthread.h>
#include <stdbool.h>

#include "../model/livexml.h"

struct hv_job {
	struct lx_hostwork *hosts; /* sorted by host, each host's targets by vm */
	int nhosts;
	bool want_diff;  /* each target's unified diff */
	bool define;     /* apply: define what changed (else only compare) */
	bool keep_going; /* go on after a failure */
	bool force;      /* define over a change made on the host since */
	bool count;      /* each host's domains into its ndomains (a check) */
	/* the runner's own */
	pthread_mutex_t mu;
	pthread_t th[64];
	int nthreads, next_host, done, total;
	bool stop;
};

/* Starts working on j's hosts with up to jobs connections at once (1..64)
 * and returns; hv_job_done() tells how far it got, hv_job_wait() waits for
 * the end.  Each target's result, messages, diff and XML are set then. */
void hv_job_start(struct hv_job *j, int jobs);
/* Targets finished so far (of j->total). */
int hv_job_done(struct hv_job *j);
void hv_job_wait(struct hv_job *j);

/* Pull's reading of one domain of an open host: its persistent XML mapped
 * as SPEC §10 says (lx_pull), with its notes. */
struct hv_conn;
struct hv_domain;
int hv_pull_read(struct hv_conn *c, const struct hv_domain *dom, unsigned monitors_mask,
		 struct lx_domain *d, struct xmlio_notes *notes, struct sc_err *err);

#endif
