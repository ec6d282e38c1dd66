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
		snprintf(t->msg, sizeof t->msg, "%s", e.msg);
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
	for (int i = 0; i < hw->n; i++) {
		if (hw->failed) {
			hw->t[i].result = LX_FAILED;
			finished(j, i == 0);
		} else if (stopped(j)) {
			hw->t[i].result = LX_NOTRUN;
			finished(j, false);
		} else {
			one_domain(j, c, hw, &hw->t[i]);
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
