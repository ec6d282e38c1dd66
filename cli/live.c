/* `spicecfg pull`, `diff` and `apply` (SPEC §10): console settings between
 * the store's linked vms and the persistent definitions of live domains.
 * The XML work is model/livexml.c's, the connections and the runner
 * hosts/', what is selected and recorded the store's; this file puts them
 * together and says what happened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../hosts/hosts.h"
#include "../hosts/live.h"
#include "../model/livexml.h"
#include "../model/uri.h"
#include "../store/live.h"
#include "cli.h"

static void print_notes(const struct xmlio_notes *notes)
{
	for (int i = 0; i < notes->n; i++) {
		char clean[512];
		sc_escape(notes->line[i], clean, sizeof clean);
		printf("  %s\n", clean);
	}
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
	static const char *const WHAT[] = {"created", "updated", "unchanged"};
	struct sc_err e = {0};
	struct lx_domain d;
	struct xmlio_notes notes = {0};
	if (hv_pull_read(c, dom, hctx->site.monitors_mask, &d, &notes, &e)) {
		if (hv_read_only(c) || !hv_alive(c)) {
			/* the host, not the domain: nothing more can be read */
			xmlio_notes_free(&notes);
			*err = e;
			return err->status;
		}
		printf("domain %s: refused: %s\n", dom->name, e.msg);
		n->refused++;
		xmlio_notes_free(&notes);
		return 0;
	}
	enum store_pulled what;
	char why[512];
	if (store_pull_domain(cli->st, h, hctx, &d, dom->running, &notes, &what, why, sizeof why,
			      err)) {
		xmlio_notes_free(&notes);
		return err->status;
	}
	switch (what) {
	case STORE_PULL_SKIPPED: {
		printf("domain %s: skipped: %s\n", dom->name, why);
		size_t len = strlen(n->skipped_names);
		snprintf(n->skipped_names + len, sizeof n->skipped_names - len, "%s%s",
			 len ? ", " : "", dom->name);
		n->skipped++;
		break;
	}
	case STORE_PULL_REFUSED:
		printf("domain %s: refused: %s\n", dom->name, why);
		n->refused++;
		break;
	default:
		printf("domain %s: mapped to vm %s (%s)\n", dom->name, d.name, WHAT[what]);
		print_notes(&notes);
		*(what == STORE_PULL_CREATED ? &n->created
		  : what == STORE_PULL_UPDATED ? &n->updated
					       : &n->unchanged) += 1;
	}
	xmlio_notes_free(&notes);
	return 0;
}

/* Reads the host's capabilities into the store; the rule context of its
 * domains is its cluster's, with what the host cannot run. */
static int read_host(struct cli *cli, const struct sc_host *h, struct hv_conn *c,
		     struct sc_ctx *ctx, struct sc_err *err)
{
	char hyper[128], *caps;
	int rc = hv_read_caps(c, hyper, sizeof hyper, &caps, err) ||
		 store_pull_host(cli->st, cli->reg, h, hyper, caps, ctx, err);
	free(caps);
	return rc ? err->status : 0;
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

/* ---- diff and apply ---- */

struct job {
	struct store_live sel;
	struct hv_job run;
};

/* Works through the hosts, jobs of them at once, drawing the progress bar
 * while they run. */
static void run_job(struct cli *cli, struct job *j, int jobs, bool bar)
{
	j->run.hosts = j->sel.hosts;
	j->run.nhosts = j->sel.nhosts;
	hv_job_start(&j->run, jobs);
	struct cli_bar b;
	cli_bar_init(&b, cli, "domains");
	b.on = b.on && bar;
	for (;;) {
		int done = hv_job_done(&j->run);
		cli_bar_draw(&b, done, j->run.total);
		if (done >= j->run.total)
			break;
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	hv_job_wait(&j->run);
	cli_bar_clear(&b);
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
		   struct live_args *a, struct job *j)
{
	struct sc_err err = {0};
	memset(j, 0, sizeof *j);
	int rc = parse_live(cmd, argc, argv, apply, a);
	if (!rc && (cli_open_store(cli, &err) ||
		    store_live_select(cli->st, cli->reg, a->host, a->nvms, a->vms, &j->sel, &err)))
		rc = cli_fail_err(&err);
	free(a->vms);
	return rc;
}

int cmd_diff(struct cli *cli, int argc, char **argv)
{
	struct live_args a;
	struct job j;
	int rc = prepare(cli, "diff", argc, argv, false, &a, &j);
	if (rc) {
		store_live_free(&j.sel);
		return 2; /* diff: 2 is an error, 1 differences */
	}
	j.run.want_diff = true;
	j.run.keep_going = true;
	run_job(cli, &j, a.jobs, false);
	bool differs = false, failed = false;
	for (int h = 0; h < j.sel.nhosts; h++) {
		const struct lx_hostwork *hw = &j.sel.hosts[h];
		if (hw->failed) {
			cli_fail(SC_ERUNTIME, "%s", hw->msg);
			failed = true;
			continue;
		}
		for (int i = 0; i < hw->n; i++) {
			const struct lx_target *t = &hw->t[i];
			if (t->result == LX_FAILED) {
				cli_fail(SC_ERUNTIME, "%s", t->msg);
				failed = true;
			} else if (t->diff && *t->diff) {
				if (t->drifted)
					cli_warn(cli, "%s/%s: changed on the host since spicecfg last "
						 "read it (then: %s; now: %s)", hw->host, t->vm, t->seen,
						 t->now);
				fputs(t->diff, stdout);
				differs = true;
			}
		}
	}
	store_live_free(&j.sel);
	return failed ? 2 : differs ? 1 : 0;
}

int cmd_apply(struct cli *cli, int argc, char **argv)
{
	struct live_args a;
	struct job j;
	struct sc_err err = {0};
	int rc = prepare(cli, "apply", argc, argv, true, &a, &j);
	if (rc) {
		store_live_free(&j.sel);
		return rc;
	}
	j.run.define = !a.dry_run;
	j.run.keep_going = a.keep_going;
	j.run.force = a.force;
	run_job(cli, &j, a.jobs, true);
	int applied = 0, unchanged = 0, failed = 0, notrun = 0;
	if (store_begin(cli->st, &err))
		rc = cli_fail_err(&err);
	for (int h = 0; h < j.sel.nhosts; h++) {
		const struct lx_hostwork *hw = &j.sel.hosts[h];
		if (hw->failed)
			cli_fail(SC_ERUNTIME, "%s", hw->msg);
		for (int i = 0; i < hw->n; i++) {
			const struct lx_target *t = &hw->t[i];
			const char *host = hw->host, *vm = t->vm;
			switch (t->result) {
			case LX_FAILED:
				failed++;
				if (!hw->failed)
					cli_fail(SC_ERUNTIME, "%s/%s: %s", host, vm, t->msg);
				break;
			case LX_UNCHANGED:
				unchanged++;
				printf("%s/%s: unchanged\n", host, vm);
				break;
			case LX_WOULD:
				applied++;
				printf("%s/%s: would apply\n", host, vm);
				break;
			case LX_APPLIED:
				applied++;
				printf("%s/%s: applied%s\n", host, vm,
				       t->running ? " (running: at its next boot)" : "");
				if (!rc && store_live_applied(cli->st, host, t, &err))
					rc = cli_fail_err(&err);
				break;
			case LX_NOTRUN:
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
	store_live_free(&j.sel);
	return rc ? rc : failed ? sc_exit_code(SC_ERUNTIME) : 0;
}
