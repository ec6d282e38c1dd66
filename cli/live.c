/* `spicecfg pull`, `diff` and `apply` (SPEC §10): console settings between
 * the store's linked vms and the persistent definitions of live domains.
 * The XML work is model/livexml.c's, the connections hosts/'s; this file
 * orders the work, runs the hosts in parallel and says what happened. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../hosts/hosts.h"
#include "../model/linediff.h"
#include "../model/livexml.h"
#include "../model/uri.h"
#include "cli.h"

/* every monitor count counts as valid when reading back what apply wrote */
#define ANY_MONITORS 0x1eu

static void print_notes(const struct xmlio_notes *notes)
{
	for (int i = 0; i < notes->n; i++) {
		char clean[512];
		sc_escape(notes->line[i], clean, sizeof clean);
		printf("  %s\n", clean);
	}
}

/* The console settings of a domain as one line: what apply compares to
 * find a change made on the host since spicecfg last read or wrote it. */
static void console_line(const struct lx_domain *d, char *out, size_t n)
{
	const struct dx_console *c = &d->con;
	if (!d->has_console) {
		snprintf(out, n, "display=none");
		return;
	}
	snprintf(out, n,
		 "display=%s monitors=%d usb=%s usb_slots=%d smartcard=%s copy_paste=%s "
		 "file_transfer=%s vdagent=%s",
		 sc_display_name(c->display), c->monitors, sc_usb_name(c->usb), c->usb_slots,
		 c->smartcard ? "yes" : "no", c->copy_paste ? "yes" : "no",
		 c->file_transfer ? "yes" : "no", c->vdagent ? "yes" : "no");
}

/* ---- pull ---- */

static bool wanted(const struct hv_domain *d, int argc, char **argv, bool *seen)
{
	if (!argc)
		return true;
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], d->name) || !strcmp(argv[i], d->uuid))
			return seen[i] = true;
	return false;
}

static void console_to_object(const struct lx_domain *d, struct sc_object *o)
{
	o->os = d->os;
	o->memory = d->memory;
	o->cpus = d->cpus;
	o->display = d->con.display;
	o->monitors = d->con.monitors;
	o->usb = d->con.usb;
	o->smartcard = d->con.smartcard;
	if (o->display != SC_DISPLAY_SPICE)
		o->wan = false;
}

static bool same_object(const struct sc_object *a, const struct sc_object *b)
{
	return a->os == b->os && a->memory == b->memory && a->cpus == b->cpus &&
	       a->display == b->display && a->monitors == b->monitors && a->usb == b->usb &&
	       a->smartcard == b->smartcard && a->wan == b->wan;
}

struct pull_count {
	int created, updated, unchanged, skipped, refused;
	char skipped_names[512];
};

/* One domain into its vm, in the pull's transaction.  Returns non-zero only
 * for a failure of the store (the pull then changes nothing). */
static int pull_one(struct cli *cli, const struct sc_host *h, struct hv_conn *c,
		    const struct hv_domain *dom, const struct sc_ctx *hctx,
		    struct pull_count *n, struct sc_err *err)
{
	struct sc_err e = {0};
	char *xml = hv_domain_xml(c, dom->uuid, &e);
	if (!xml) {
		printf("domain %s: refused: %s\n", dom->name, e.msg);
		n->refused++;
		return 0;
	}
	struct lx_domain d;
	struct xmlio_notes notes = {0};
	int rc = lx_pull(xml, strlen(xml), dom->name, hctx->site.monitors_mask, &d, &notes, &e);
	free(xml);
	if (rc || !d.has_console) {
		if (rc) {
			printf("domain %s: refused: %s\n", dom->name, e.msg);
			n->refused++;
		} else {
			printf("domain %s: skipped: no graphics device\n", dom->name);
			size_t len = strlen(n->skipped_names);
			snprintf(n->skipped_names + len, sizeof n->skipped_names - len, "%s%s",
				 len ? ", " : "", dom->name);
			n->skipped++;
		}
		xmlio_notes_free(&notes);
		return 0;
	}
	/* the vm linked to the domain, else the unlinked vm of its name, else a new one */
	struct sc_object old, neu;
	bool exists = false;
	struct store_link link;
	const char *why = NULL;
	char whybuf[300];
	if (store_object_get(cli->st, SC_VM, dom->name, &old, &e) == 0) {
		exists = true;
		if (store_link_get(cli->st, old.id, &link, &e) == 0 &&
		    (strcmp(link.host, h->name) || strcmp(link.domain, dom->uuid))) {
			snprintf(whybuf, sizeof whybuf,
				 "vm '%s' is linked to domain %s of host %s; rename one of them",
				 old.name, link.domain, link.host);
			why = whybuf;
		}
	} else if (!sc_name_valid(dom->name)) {
		why = "its name is not a valid spicecfg name (" SC_NAME_RULE ")";
	}
	if (exists) {
		neu = old;
	} else {
		sc_object_defaults(&neu, SC_VM, hctx);
		sc_strlcpy(neu.name, dom->name, sizeof neu.name);
		sc_strlcpy(neu.cluster, h->cluster, sizeof neu.cluster);
		sc_strlcpy(neu.uuid, dom->uuid, sizeof neu.uuid);
	}
	console_to_object(&d, &neu);
	struct sc_msgs errs = {0};
	if (!why && sc_validate(&neu, hctx, &errs))
		why = errs.m[0].text;
	if (why) {
		printf("domain %s: refused: %s\n", dom->name, why);
		n->refused++;
		xmlio_notes_free(&notes);
		return 0;
	}
	bool linked = exists && store_link_get(cli->st, old.id, &link, &e) == 0;
	const char *what = !exists ? "created" : same_object(&old, &neu) ? "unchanged" : "updated";
	if (!(linked && !strcmp(what, "unchanged")) &&
	    store_pull_write(cli->st, h->name, dom->uuid, exists ? &old : NULL, &neu, err)) {
		xmlio_notes_free(&notes);
		return err->status;
	}
	char line[256];
	console_line(&d, line, sizeof line);
	struct store_link now;
	if (store_link_get(cli->st, neu.id ? neu.id : old.id, &now, err) ||
	    (strcmp(now.seen, line) && store_link_set_seen(cli->st, now.object_id, line, err))) {
		xmlio_notes_free(&notes);
		return err->status;
	}
	/* a domain that is not running has booted whatever was applied */
	if (linked && link.pending && !dom->running &&
	    store_link_set_pending(cli->st, old.id, false, err)) {
		xmlio_notes_free(&notes);
		return err->status;
	}
	printf("domain %s: mapped to vm %s (%s)\n", dom->name, neu.name, what);
	print_notes(&notes);
	xmlio_notes_free(&notes);
	*(!exists ? &n->created : !strcmp(what, "unchanged") ? &n->unchanged : &n->updated) += 1;
	return 0;
}

/* Reads the host's capabilities into the store; the rule context of its
 * domains is its cluster's, with what the host cannot run. */
static int read_host(struct cli *cli, const struct sc_host *h, struct hv_conn *c,
		     struct sc_ctx *ctx, struct sc_err *err)
{
	char hyper[128], *caps;
	if (hv_read_caps(c, hyper, sizeof hyper, &caps, err) ||
	    store_host_set_caps(cli->st, h->name, hyper, caps, err) ||
	    store_ctx(cli->st, cli->reg, h->cluster, ctx, err)) {
		free(caps);
		return err->status;
	}
	ctx->host.linked = true;
	sc_strlcpy(ctx->host.host, h->name, sizeof ctx->host.host);
	if (caps) {
		struct lx_caps lc;
		if (lx_caps_parse(caps, strlen(caps), "domain capabilities", &lc, err) == 0)
			lx_caps_rules(&lc, &ctx->host);
		free(caps);
		return err->status;
	}
	return 0;
}

int cmd_pull(struct cli *cli, int argc, char **argv)
{
	struct sc_err err = {0};
	struct sc_host h;
	if (argc < 2 || argv[1][0] == '-')
		return cli_fail(SC_EUSAGE, "usage: pull HOST [DOMAIN...]");
	if (cli_open_store(cli, &err) || store_host_get(cli->st, argv[1], &h, &err))
		return cli_fail_err(&err);
	struct hv_conn *c;
	struct hv_domain *doms = NULL;
	int ndoms = 0;
	if (hv_open(h.name, h.uri, false, &c, &err) != SC_OK)
		return cli_fail_err(&err);
	if (hv_list(c, &doms, &ndoms, &err) != SC_OK) {
		hv_close(c);
		return cli_fail_err(&err);
	}
	int nargs = argc - 2;
	bool *seen = calloc((size_t)nargs + 1, sizeof *seen);
	int rc = seen ? 0 : cli_fail(SC_ERUNTIME, "out of memory");
	for (int i = 0; i < ndoms && !rc; i++)
		wanted(&doms[i], nargs, argv + 2, seen);
	for (int i = 0; i < nargs && !rc; i++)
		if (!seen[i])
			rc = cli_fail(SC_ENOTFOUND, "host %s has no domain '%s'; nothing was pulled",
				      h.name, argv[2 + i]);
	struct pull_count n = {0};
	struct sc_ctx ctx;
	if (!rc && (store_begin(cli->st, &err) || read_host(cli, &h, c, &ctx, &err)))
		rc = cli_fail_err(&err);
	for (int i = 0; i < ndoms && !rc; i++)
		if (wanted(&doms[i], nargs, argv + 2, seen) &&
		    pull_one(cli, &h, c, &doms[i], &ctx, &n, &err))
			rc = cli_fail_err(&err);
	if (!rc && store_commit(cli->st, &err))
		rc = cli_fail_err(&err);
	if (rc)
		store_rollback(cli->st);
	hv_close(c);
	free(doms);
	free(seen);
	if (rc)
		return rc;
	printf("%d created, %d updated, %d unchanged, %d skipped, %d refused\n", n.created,
	       n.updated, n.unchanged, n.skipped, n.refused);
	if (n.skipped)
		printf("skipped (no graphics device): %s\n", n.skipped_names);
	return n.refused ? sc_exit_code(SC_EUSAGE) : 0;
}

/* ---- the domains diff and apply work on ---- */

struct target {
	struct store_link link;
	struct sc_object obj;
	struct dx_console con;
	/* results, written by the host's worker */
	enum { T_FAILED, T_UNCHANGED, T_APPLIED, T_WOULD, T_NOTRUN } result;
	bool running;
	char *diff;  /* the unified diff, when asked */
	char *before; /* the domain's XML before apply (for the audit) */
	char *after_xml;
	char name[SC_NAME_MAX * 4 + 1]; /* the domain's name on the host */
	char now[256];   /* its console settings as found (console_line) */
	char after[256]; /* and as applied */
	bool drifted;    /* changed on the host since spicecfg last saw it */
	char msg[sizeof((struct sc_err *)0)->msg];
};

struct hostwork {
	struct sc_host host;
	struct target *t;
	int n;
	char msg[sizeof((struct sc_err *)0)->msg]; /* the host could not be reached */
	bool failed;
};

struct job {
	struct hostwork *hosts;
	int nhosts, next_host;
	bool want_diff, define, keep_going, force;
	bool stop; /* a failure without --keep-going: change nothing more */
	int done, total;
	pthread_mutex_t mu;
};

struct selection {
	struct target *t;
	int n, cap;
	struct cli *cli;
	struct sc_err *err;
};

static int add_target(const struct store_link *l, void *arg)
{
	struct selection *s = arg;
	if (s->n == s->cap) {
		int cap = s->cap ? 2 * s->cap : 16;
		struct target *t = realloc(s->t, (size_t)cap * sizeof *t);
		if (!t)
			return sc_fail(s->err, SC_ERUNTIME, "out of memory");
		s->t = t;
		s->cap = cap;
	}
	struct target *t = &s->t[s->n];
	memset(t, 0, sizeof *t);
	t->link = *l;
	s->n++;
	return 0;
}

/* The linked vms named (vm NAME...), or of one host (--host H), or all. */
static int select_targets(struct cli *cli, const char *host, int nvms, char **vms,
			  struct selection *s, struct sc_err *err)
{
	s->cli = cli;
	s->err = err;
	if (host) {
		struct sc_host h;
		if (store_host_get(cli->st, host, &h, err))
			return err->status;
	}
	if (!nvms)
		return store_link_scan(cli->st, host, add_target, s, err) ? err->status
		       : s->n ? 0 : sc_fail(err, SC_ENOTFOUND, "no vm is linked to %s%s (link vms with: spicecfg pull HOST)",
					    host ? "host " : "a host", host ? host : "");
	for (int i = 0; i < nvms; i++) {
		struct sc_object o;
		struct store_link l;
		if (store_object_get(cli->st, SC_VM, vms[i], &o, err))
			return err->status;
		if (store_link_get(cli->st, o.id, &l, err))
			return sc_fail(err, SC_EUSAGE, "vm '%s' is not linked to a host domain "
				       "(link it with: spicecfg pull HOST %s)", vms[i], vms[i]);
		if (add_target(&l, s))
			return err->status;
	}
	return 0;
}

static int by_host_then_vm(const void *a, const void *b)
{
	const struct target *x = a, *y = b;
	int c = strcmp(x->link.host, y->link.host);
	return c ? c : strcmp(x->link.vm, y->link.vm);
}

/* Groups the targets by host (sorted), with each vm's console part. */
static int plan(struct cli *cli, struct selection *s, struct job *j, struct sc_err *err)
{
	qsort(s->t, (size_t)s->n, sizeof *s->t, by_host_then_vm);
	for (int i = 0; i < s->n; i++) {
		struct target *t = &s->t[i];
		struct sc_ctx ctx;
		if (i > 0 && !strcmp(t->link.vm, s->t[i - 1].link.vm))
			return sc_fail(err, SC_EUSAGE, "vm '%s' is named twice", t->link.vm);
		if (store_object_get(cli->st, SC_VM, t->link.vm, &t->obj, err) ||
		    store_object_ctx(cli->st, cli->reg, &t->obj, &ctx, err))
			return err->status;
		domxml_console_of(&t->obj, &ctx, &t->con);
		if (!j->nhosts || strcmp(j->hosts[j->nhosts - 1].host.name, t->link.host)) {
			struct hostwork *hw = realloc(j->hosts, (size_t)(j->nhosts + 1) * sizeof *hw);
			if (!hw)
				return sc_fail(err, SC_ERUNTIME, "out of memory");
			j->hosts = hw;
			hw = &j->hosts[j->nhosts++];
			memset(hw, 0, sizeof *hw);
			if (store_host_get(cli->st, t->link.host, &hw->host, err))
				return err->status;
			hw->t = t;
		}
		j->hosts[j->nhosts - 1].n++;
	}
	j->total = s->n;
	return 0;
}

static bool stopped(struct job *j)
{
	pthread_mutex_lock(&j->mu);
	bool s = j->stop;
	pthread_mutex_unlock(&j->mu);
	return s;
}

static void finished(struct job *j, bool failed)
{
	pthread_mutex_lock(&j->mu);
	j->done++;
	if (failed && !j->keep_going)
		j->stop = true;
	pthread_mutex_unlock(&j->mu);
}

static void one_domain(struct job *j, struct hv_conn *c, const struct sc_host *h,
		       struct target *t)
{
	struct sc_err e = {0};
	char fname[SC_NAME_MAX * 2 + 80];
	snprintf(fname, sizeof fname, "domain %s of host %s", t->link.vm, h->name);
	char *xml = hv_domain_xml(c, t->link.domain, &e);
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
		console_line(&d, t->now, sizeof t->now);
		t->drifted = t->link.seen[0] && strcmp(t->link.seen, t->now);
	}
	if (merged && lx_pull(merged, alen, fname, ANY_MONITORS, &d, &notes, &e) == 0)
		console_line(&d, t->after, sizeof t->after);
	xmlio_notes_free(&notes);
	if (merged && j->want_diff && changed) {
		char a[SC_NAME_MAX * 3], b[SC_NAME_MAX * 3];
		snprintf(a, sizeof a, "%s/%s (on the host)", h->name, t->link.vm);
		snprintf(b, sizeof b, "%s/%s (after apply)", h->name, t->link.vm);
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
		t->result = T_FAILED;
		finished(j, true);
		return;
	}
	t->result = !changed ? T_UNCHANGED : j->define ? T_APPLIED : T_WOULD;
	if (t->result == T_APPLIED && t->drifted && !j->force) {
		snprintf(t->msg, sizeof t->msg,
			 "changed on the host since spicecfg last read it (then: %.200s; now: "
			 "%.200s); nothing was applied to it (see: spicecfg diff vm %s; pull it "
			 "again, or apply --force to overwrite)",
			 t->link.seen, t->now, t->link.vm);
		t->result = T_FAILED;
	} else if (t->result == T_APPLIED && stopped(j)) {
		t->result = T_NOTRUN;
	} else if (t->result == T_APPLIED && hv_define(c, merged, NULL, &e)) {
		snprintf(t->msg, sizeof t->msg, "%s", e.msg);
		t->result = T_FAILED;
	} else if (t->result == T_APPLIED) {
		if (hv_running(c, t->link.domain, &t->running, &e))
			t->running = false;
		t->before = base;
		t->after_xml = merged;
		base = merged = NULL;
	}
	free(base);
	free(merged);
	finished(j, t->result == T_FAILED);
}

static void one_host(struct job *j, struct hostwork *hw)
{
	struct sc_err e = {0};
	struct hv_conn *c = NULL;
	if (stopped(j) || hv_open(hw->host.name, hw->host.uri, !j->define, &c, &e)) {
		if (!stopped(j)) {
			snprintf(hw->msg, sizeof hw->msg, "%s", e.msg);
			hw->failed = true;
		}
		for (int i = 0; i < hw->n; i++) {
			hw->t[i].result = hw->failed ? T_FAILED : T_NOTRUN;
			finished(j, hw->failed && i == 0);
		}
		return;
	}
	for (int i = 0; i < hw->n; i++) {
		if (stopped(j)) {
			hw->t[i].result = T_NOTRUN;
			finished(j, false);
		} else {
			one_domain(j, c, &hw->host, &hw->t[i]);
		}
	}
	hv_close(c);
}

static void *worker(void *arg)
{
	struct job *j = arg;
	for (;;) {
		pthread_mutex_lock(&j->mu);
		int i = j->next_host < j->nhosts ? j->next_host++ : -1;
		pthread_mutex_unlock(&j->mu);
		if (i < 0)
			return NULL;
		one_host(j, &j->hosts[i]);
	}
}

/* Works through the hosts, jobs of them at once; the calling thread draws
 * the progress bar while they run. */
static int run_job(struct cli *cli, struct job *j, int jobs, bool bar)
{
	pthread_t th[64];
	int n = jobs < j->nhosts ? jobs : j->nhosts, started = 0;
	pthread_mutex_init(&j->mu, NULL);
	lx_init();
	for (; started < n; started++)
		if (pthread_create(&th[started], NULL, worker, j))
			break;
	if (!started)
		worker(j);
	struct cli_bar b;
	cli_bar_init(&b, cli, "domains");
	b.on = b.on && bar;
	for (;;) {
		pthread_mutex_lock(&j->mu);
		int done = j->done;
		pthread_mutex_unlock(&j->mu);
		cli_bar_draw(&b, done, j->total);
		if (done >= j->total || !started)
			break;
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	cli_bar_clear(&b);
	pthread_mutex_destroy(&j->mu);
	return 0;
}

static void job_free(struct job *j, struct selection *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->t[i].diff);
		free(s->t[i].before);
		free(s->t[i].after_xml);
	}
	free(s->t);
	free(j->hosts);
}

struct live_args {
	const char *host;
	int nvms;
	char **vms;
	bool dry_run, keep_going, force;
	int jobs;
};

static int parse_live(const char *cmd, int argc, char **argv, bool apply, struct live_args *a)
{
	static const char APPLY[] = "usage: apply [vm NAME... | --host H] [--dry-run] "
				    "[--keep-going] [--jobs N] [--force]";
	static const char DIFF[] = "usage: diff [vm NAME... | --host H]";
	const char *usage = apply ? APPLY : DIFF;
	memset(a, 0, sizeof *a);
	a->jobs = 8;
	a->vms = calloc((size_t)argc + 1, sizeof *a->vms);
	if (!a->vms)
		return cli_fail(SC_ERUNTIME, "out of memory");
	bool vm = false;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "--host") && i + 1 < argc) {
			a->host = argv[++i];
		} else if (apply && !strcmp(o, "--dry-run")) {
			a->dry_run = true;
		} else if (apply && !strcmp(o, "--force")) {
			a->force = true;
		} else if (apply && (!strcmp(o, "--keep-going") || !strcmp(o, "-k"))) {
			a->keep_going = true;
		} else if (apply && !strcmp(o, "--jobs") && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);
			if (*end || v < 1 || v > 64)
				return cli_fail(SC_EUSAGE, "--jobs '%s' is not valid; valid: 1..64",
						argv[i]);
			a->jobs = (int)v;
		} else if (o[0] == '-') {
			return cli_fail(SC_EUSAGE, "%s: unknown option '%s'; %s", cmd, o, usage);
		} else if (!vm && i == 1 && !strcmp(o, "vm")) {
			vm = true;
		} else if (vm) {
			a->vms[a->nvms++] = argv[i];
		} else {
			return cli_fail(SC_EUSAGE, "%s: '%s' is not valid here; %s", cmd, o, usage);
		}
	}
	if (vm && !a->nvms)
		return cli_fail(SC_EUSAGE, "%s vm needs at least one NAME; %s", cmd, usage);
	if (a->host && a->nvms)
		return cli_fail(SC_EUSAGE, "%s: give vm NAME... or --host H, not both", cmd);
	return 0;
}

static int prepare(struct cli *cli, const char *cmd, int argc, char **argv, bool apply,
		   struct live_args *a, struct selection *s, struct job *j)
{
	struct sc_err err = {0};
	memset(s, 0, sizeof *s);
	memset(j, 0, sizeof *j);
	int rc = parse_live(cmd, argc, argv, apply, a);
	if (!rc && (cli_open_store(cli, &err) ||
		    select_targets(cli, a->host, a->nvms, a->vms, s, &err) ||
		    plan(cli, s, j, &err)))
		rc = cli_fail_err(&err);
	free(a->vms);
	return rc;
}

int cmd_diff(struct cli *cli, int argc, char **argv)
{
	struct live_args a;
	struct selection s;
	struct job j;
	int rc = prepare(cli, "diff", argc, argv, false, &a, &s, &j);
	if (rc) {
		job_free(&j, &s);
		return 2; /* diff: 2 is an error, 1 differences */
	}
	j.want_diff = true;
	j.keep_going = true;
	run_job(cli, &j, a.jobs, false);
	bool differs = false, failed = false;
	for (int h = 0; h < j.nhosts; h++) {
		if (j.hosts[h].failed) {
			cli_fail(SC_ERUNTIME, "%s", j.hosts[h].msg);
			failed = true;
			continue;
		}
		for (int i = 0; i < j.hosts[h].n; i++) {
			struct target *t = &j.hosts[h].t[i];
			if (t->result == T_FAILED) {
				cli_fail(SC_ERUNTIME, "%s", t->msg);
				failed = true;
			} else if (t->diff && *t->diff) {
				if (t->drifted)
					cli_warn(cli, "%s/%s: changed on the host since spicecfg last "
						 "read it (then: %s; now: %s)", j.hosts[h].host.name,
						 t->link.vm, t->link.seen, t->now);
				fputs(t->diff, stdout);
				differs = true;
			}
		}
	}
	job_free(&j, &s);
	return failed ? 2 : differs ? 1 : 0;
}

/* audit rows of one applied domain: each console setting that changed */
static int audit_applied(struct cli *cli, const struct hostwork *hw, const struct target *t,
			 struct sc_err *err)
{
	struct lx_domain a, b;
	struct xmlio_notes notes = {0};
	struct sc_err e;
	char obj[SC_NAME_MAX * 6];
	snprintf(obj, sizeof obj, "domain:%s/%s", hw->host.name, t->name[0] ? t->name : t->link.vm);
	int ra = lx_pull(t->before, strlen(t->before), "before", ANY_MONITORS, &a, &notes, &e);
	int rb = lx_pull(t->after_xml, strlen(t->after_xml), "after", ANY_MONITORS, &b, &notes,
			 &e);
	xmlio_notes_free(&notes);
	if (ra || rb || !a.has_console)
		memset(&a.con, 0, sizeof a.con);
	char x[32], y[32];
	struct {
		const char *key, *old, *neu;
		int oi, ni;
	} f[] = {
		{"display", a.has_console ? sc_display_name(a.con.display) : "none",
		 sc_display_name(b.con.display), 0, 0},
		{"monitors", NULL, NULL, a.con.monitors, b.con.monitors},
		{"usb", sc_usb_name(a.con.usb), sc_usb_name(b.con.usb), 0, 0},
		{"usb_slots", NULL, NULL, a.con.usb_slots, b.con.usb_slots},
		{"smartcard", a.con.smartcard ? "true" : "false", b.con.smartcard ? "true" : "false",
		 0, 0},
		{"copy_paste", a.con.copy_paste ? "true" : "false",
		 b.con.copy_paste ? "true" : "false", 0, 0},
		{"file_transfer", a.con.file_transfer ? "true" : "false",
		 b.con.file_transfer ? "true" : "false", 0, 0},
		{"vdagent", a.con.vdagent ? "true" : "false", b.con.vdagent ? "true" : "false", 0,
		 0},
	};
	int written = 0;
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		const char *o = f[i].old, *n = f[i].neu;
		if (!o) {
			snprintf(x, sizeof x, "%d", f[i].oi);
			snprintf(y, sizeof y, "%d", f[i].ni);
			o = x, n = y;
		}
		if (strcmp(o, n)) {
			if (store_audit_note(cli->st, obj, f[i].key, o, n, err))
				return err->status;
			written++;
		}
	}
	/* a change outside these settings (the filter, the video model...) */
	if (!written && store_audit_note(cli->st, obj, "console", "as before", "rewritten", err))
		return err->status;
	/* a stopped domain boots with what it has now: nothing waits */
	if (t->running != t->link.pending &&
	    store_link_set_pending(cli->st, t->link.object_id, t->running, err))
		return err->status;
	return store_link_set_seen(cli->st, t->link.object_id, t->after, err);
}

int cmd_apply(struct cli *cli, int argc, char **argv)
{
	struct live_args a;
	struct selection s;
	struct job j;
	struct sc_err err = {0};
	int rc = prepare(cli, "apply", argc, argv, true, &a, &s, &j);
	if (rc) {
		job_free(&j, &s);
		return rc;
	}
	j.define = !a.dry_run;
	j.keep_going = a.keep_going;
	j.force = a.force;
	run_job(cli, &j, a.jobs, true);
	int applied = 0, unchanged = 0, failed = 0, notrun = 0;
	if (store_begin(cli->st, &err))
		rc = cli_fail_err(&err);
	for (int h = 0; h < j.nhosts; h++) {
		struct hostwork *hw = &j.hosts[h];
		if (hw->failed)
			cli_fail(SC_ERUNTIME, "%s", hw->msg);
		for (int i = 0; i < hw->n; i++) {
			struct target *t = &hw->t[i];
			const char *host = hw->host.name, *vm = t->link.vm;
			switch (t->result) {
			case T_FAILED:
				failed++;
				if (!hw->failed)
					cli_fail(SC_ERUNTIME, "%s/%s: %s", host, vm, t->msg);
				break;
			case T_UNCHANGED:
				unchanged++;
				printf("%s/%s: unchanged\n", host, vm);
				break;
			case T_WOULD:
				applied++;
				printf("%s/%s: would apply\n", host, vm);
				break;
			case T_APPLIED:
				applied++;
				printf("%s/%s: applied%s\n", host, vm,
				       t->running ? " (running: at its next boot)" : "");
				if (!rc && audit_applied(cli, hw, t, &err))
					rc = cli_fail_err(&err);
				break;
			case T_NOTRUN:
				notrun++;
				printf("%s/%s: not applied (stopped after a failure)\n", host, vm);
				break;
			}
		}
	}
	if (!rc && store_commit(cli->st, &err))
		rc = cli_fail_err(&err);
	if (rc)
		store_rollback(cli->st);
	printf("%d %s, %d unchanged, %d failed", applied, a.dry_run ? "would apply" : "applied",
	       unchanged, failed);
	if (notrun)
		printf(", %d not applied after the first failure (use --keep-going to go on)",
		       notrun);
	printf("\n");
	job_free(&j, &s);
	return rc ? rc : failed ? sc_exit_code(SC_ERUNTIME) : 0;
}
