/* `spicecfg demo [--vms N]`: an idempotent demo store. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/demo.h"
#include "cli.h"

static int add_clusters(struct sc_store *st, struct sc_err *err)
{
	for (int i = 0; SC_DEMO_CLUSTERS[i].name; i++) {
		struct sc_cluster c = {0};
		if (store_cluster_get(st, SC_DEMO_CLUSTERS[i].name, &c, err) == 0)
			continue;
		if (err->status != SC_ENOTFOUND)
			return err->status;
		sc_strlcpy(c.name, SC_DEMO_CLUSTERS[i].name, sizeof c.name);
		c.version = SC_DEMO_CLUSTERS[i].version;
		if (store_cluster_add(st, &c, err))
			return err->status;
	}
	return 0;
}

static int add_seeds(struct cli *cli, struct sc_err *err)
{
	struct sc_object o, existing;
	struct sc_ctx ctx;
	for (int i = 0; sc_demo_object(i, &o) == 0; i++) {
		if (store_object_get(cli->st, o.kind, o.name, &existing, err) == 0)
			continue;
		if (err->status != SC_ENOTFOUND)
			return err->status;
		if (store_ctx(cli->st, cli->reg, o.cluster, &ctx, err))
			return err->status;
		/* site options may differ from the defaults the seeds were made for */
		sc_demo_fit(&o, &ctx);
		if (store_object_add(cli->st, &o, err))
			return err->status;
	}
	return 0;
}

/* From this many generated rows on, dropping the sort indexes and building
 * them after the rows is faster than keeping them up to date row by row. */
enum { DEMO_REBUILD_MIN = 2000 };

static int add_generated(struct cli *cli, long n, struct sc_err *err)
{
	struct sc_ctx ctx[SC_CVER_COUNT];
	long first, have;
	if (store_count(cli->st, SC_VM, "gen-", &have, err))
		return err->status;
	first = have + 1;
	/* in the transaction: the options as stored now */
	for (int v = 0; v < SC_CVER_COUNT; v++)
		if (store_ctx(cli->st, cli->reg, SC_DEMO_CLUSTERS[v].name, &ctx[v], err))
			return err->status;
	/* many rows: the sort indexes are built once after them */
	bool rebuild = n >= DEMO_REBUILD_MIN;
	if (rebuild && store_bulk_indexes(cli->st, false, err))
		return err->status;
	store_set_bulk(cli->st, true);
	struct sc_object o;
	for (long i = first; i < first + n; i++) {
		sc_demo_generated(i, &o);
		sc_demo_fit(&o, &ctx[i % 3]);
		if (store_object_add(cli->st, &o, err))
			return store_set_bulk(cli->st, false), err->status;
	}
	store_set_bulk(cli->st, false);
	if (rebuild && store_bulk_indexes(cli->st, true, err))
		return err->status;
	char note[64];
	snprintf(note, sizeof note, "%ld generated VMs", n);
	return n ? store_audit_note(cli->st, "demo", "*", NULL, note, err) : 0;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	long nvms = 0;
	struct sc_err err;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--vms") == 0 && i + 1 < argc) {
			if (sc_parse_long(argv[++i], 10, &nvms) || nvms < 0 || nvms > 10000000)
				return cli_fail(SC_EUSAGE, "invalid --vms '%s'; valid: 0..10000000",
						argv[i]);
		} else {
			return cli_fail(SC_EUSAGE, "unknown demo argument '%s'; usage: demo [--vms N]",
					argv[i]);
		}
	}
	if (cli_open_store(cli, &err))
		return cli_fail_err(&err);
	if (store_begin(cli->st, &err) || add_clusters(cli->st, &err) || add_seeds(cli, &err) ||
	    add_generated(cli, nvms, &err) || store_commit(cli->st, &err)) {
		store_rollback(cli->st);
		return cli_fail_err(&err);
	}
	return 0;
}
