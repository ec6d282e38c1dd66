/* The diff and apply runner: one worker per connection takes the next
 * host, reads each target domain's persistent XML, merges the console
 * part in, and compares or defines it. */
#include "live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosts.h"
#include "../model/linediff.h"

/* every monitor count counts as valid when reading back what apply wrote */
#define ANY_MONITORS 0x1eu

static bool stopped(struct hv_job *j)
{
	pthread_mutex_lock(&j->mu);
	bool s = j->stop;
	pthread_mutex_unlock(&j->mu);
	return s;
}

static void finished(struct hv_job *j, bool failed)
{
	pthread_mutex_lock(&j->mu);
	j->done++;
	if (failed && !j->keep_going)
		j->stop = true;
	pthread_mutex_unlock(&j->mu);
}

static void one_domain(struct hv_job *j, struct hv_conn *c, const struct lx_hostwork *h,
		       struct lx_target *t)
{
	struct sc_err e = {0};
	char fname[SC_NAME_MAX * 2 + 80];
	snprintf(fname, sizeof fname, "domain %s of host %s", t->vm, h->host);
	char *xml = hv_domain_xml(c, t->domain, &e);
	if (!xml && e.status == SC_ENOTFOUND)
		snprintf(e.msg, sizeof e.msg,
			 "the domain is no longer on host %s (no domain with UUID %s: undefined "
			 "since spicecfg last read it); nothing was applied to it (see: spicecfg "
			 "pull %s)",
			 h->host, t->domain, h->host);
	size_t blen = 0, alen = 0;
	bool changed = false;
	char *base = xml ? lx_normalize(xml, strlen(xml), fname, &blen, &e) : NULL;
	char *merged = base ? lx_merge(xml, strlen(xml), fname, &t->con, &changed, &alen, &e)
			    : NULL;
	free(xml);
	struct lx_domain d;
	struct xmlio_notes notes = {0};
	if (merged && lx_pull(base, blen, fname, ANY_MONITORS, &d, &notes, &e) == 0) {
		sc_strlcpy(t->name, d.name, sizeof t->name);
		lx_console_line(&d, t->now, sizeof t->now);
		t->drifted = t->seen[0] && strcmp(t->seen, t->now);
	}
	if (merged && lx_pull(merged, alen, fname, ANY_MONITORS, &d, &notes, &e) == 0)
		lx_console_line(&d, t->after, sizeof t->after);
	xmlio_notes_free(&notes);
	if (merged && j->want_diff && changed) {
		char a[SC_NAME_MAX * 3], b[SC_NAME_MAX * 3];
		snprintf(a, sizeof a, "%s/%s (on the host)", h->host, t->vm);
		snprintf(b, sizeof b, "%s/%s (after apply)", h->host, t->vm);
		bool differs;
		t->diff = ld_unified(base, blen, merged, alen, a, b, 3, &differs, &e);
		if (!t->diff) {
			free(merged);
			merged = NULL;
		}
	}
	if (!merged) {
		snprintf(t->msg, sizeof t->msg, "%s", e.msg);
		free(base);
		t->result = LX_FAILED;
		finished(j, true);
		return;
	}
	t->result = !changed ? LX_UNCHANGED : j->define ? LX_APPLIED : LX_WOULD;
	if (t->result == LX_APPLIED && t->drifted && !j->force) {
		snprintf(t->msg, sizeof t->msg,
			 "changed on the host since spicecfg last read it (then: %.200s; now: "
			 "%.200s); nothing was applied to it (see: spicecfg diff vm %s; pull it "
			 "again, or apply --force to overwrite)",
			 t->seen, t->now, t->vm);
		t->result = LX_FAILED;
	} else if (t->result == LX_APPLIED && stopped(j)) {
		t->result = LX_NOTRUN;
	} else if (t->result == LX_APPLIED && hv_define(c, merged, NULL, &e)) {
		/* one call: the domain has its old definition or the new one */
		bool lost = !hv_alive(c);
		if (snprintf(t->msg, sizeof t->msg, "%s; %s", e.msg,
			 lost ? "whether it took the new definition is not known (it has the "
				"old one or the new one, never a mix: see spicecfg diff once the "
				"host answers)"
			      : "the domain was left as it was") >= (int)sizeof t->msg)
			t->msg[sizeof t->msg - 1] = '\0'; /* cut: libvirt's reason comes first */
		t->result = LX_FAILED;
	} else if (t->result == LX_APPLIED) {
		if (hv_running(c, t->domain, &t->running, &e))
			t->running = false;
		t->before = base;
		t->after_xml = merged;
		base = merged = NULL;
	}
	free(base);
	free(merged);
	finished(j, t->result == LX_FAILED);
}

/* The host failed at domain i (its connection dropped or may only read):
 * one message for the host, and the domains before it stand as they went. */
static void host_gave_out(struct lx_hostwork *hw, struct hv_conn *c, int i)
{
	struct lx_target *t = &hw->t[i];
	hw->failed = true;
	if (hv_read_only(c))
		snprintf(hw->msg, sizeof hw->msg, "%s", t->msg);
	else if (snprintf(hw->msg, sizeof hw->msg,
			  "host %s: connection lost at %s/%s, after %d of its %d domains: %s; "
			  "its other domains were not changed",
			  hw->host, hw->host, t->vm, i, hw->n, t->msg) >= (int)sizeof hw->msg)
		hw->msg[sizeof hw->msg - 1] = '\0';
}

static void one_host(struct hv_job *j, struct lx_hostwork *hw)
{
	struct sc_err e = {0};
	struct hv_conn *c = NULL;
	if (stopped(j) || hv_open(hw->host, hw->uri, !j->define, &c, &e)) {
		if (!stopped(j)) {
			snprintf(hw->msg, sizeof hw->msg, "%s", e.msg);
			hw->failed = true;
		}
		for (int i = 0; i < hw->n; i++) {
			hw->t[i].result = hw->failed ? LX_FAILED : LX_NOTRUN;
			finished(j, hw->failed && i == 0);
		}
		return;
	}
	struct hv_domain *doms = NULL;
	if (j->count && hv_list(c, &doms, &hw->ndomains, &e)) {
		snprintf(hw->msg, sizeof hw->msg, "%s", e.msg);
		hw->failed = true;
	}
	free(doms);
	bool listed = !hw->failed;
	for (int i = 0; i < hw->n; i++) {
		struct lx_target *t = &hw->t[i];
		if (hw->failed) {
			/* the connection is gone or may only read: the rest cannot be done */
			t->result = LX_FAILED;
			finished(j, !listed && i == 0);
		} else if (stopped(j)) {
			t->result = LX_NOTRUN;
			finished(j, false);
		} else {
			one_domain(j, c, hw, t);
			if (t->result == LX_FAILED && (hv_read_only(c) || !hv_alive(c)))
				host_gave_out(hw, c, i);
		}
	}
	hv_close(c);
}

static void *worker(void *arg)
{
	struct hv_job *j = arg;
	for (;;) {
		pthread_mutex_lock(&j->mu);
		int i = j->next_host < j->nhosts ? j->next_host++ : -1;
		pthread_mutex_unlock(&j->mu);
		if (i < 0)
			return NULL;
		one_host(j, &j->hosts[i]);
	}
}

void hv_job_start(struct hv_job *j, int jobs)
{
	int max = (int)(sizeof j->th / sizeof j->th[0]);
	int n = jobs < j->nhosts ? jobs : j->nhosts;
	if (n > max)
		n = max;
	j->total = 0;
	for (int h = 0; h < j->nhosts; h++)
		j->total += j->hosts[h].n;
	j->done = j->next_host = j->nthreads = 0;
	j->stop = false;
	pthread_mutex_init(&j->mu, NULL);
	lx_init();
	while (j->nthreads < n && pthread_create(&j->th[j->nthreads], NULL, worker, j) == 0)
		j->nthreads++;
	if (!j->nthreads)
		worker(j); /* no thread to be had: the work is done here */
}

int hv_job_done(struct hv_job *j)
{
	pthread_mutex_lock(&j->mu);
	int d = j->done;
	pthread_mutex_unlock(&j->mu);
	return d;
}

void hv_job_wait(struct hv_job *j)
{
	for (int i = 0; i < j->nthreads; i++)
		pthread_join(j->th[i], NULL);
	j->nthreads = 0;
	pthread_mutex_destroy(&j->mu);
}

int hv_pull_read(struct hv_conn *c, const struct hv_domain *dom, unsigned monitors_mask,
		 struct lx_domain *d, struct xmlio_notes *notes, struct sc_err *err)
{
	char *xml = hv_domain_xml(c, dom->uuid, err);
	if (!xml)
		return err->status;
	int rc = lx_pull(xml, strlen(xml), dom->name, monitors_mask, d, notes, err);
	free(xml);
	return rc;
}
