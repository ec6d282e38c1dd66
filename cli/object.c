/* `spicecfg cluster|vm|template|pool list|show|add|set|rm`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/console.h"
#include "../model/edit.h"
#include "../model/field.h"
#include "cli.h"
#include "output.h"

/* ---- KEY=VALUE arguments ---- */

struct kv {
	int field;
	const char *value;
};

static int parse_kvs(enum sc_kind kind, int argc, char **argv, struct kv *out, int *n,
		     bool rename_ok)
{
	char keys[512];
	*n = 0;
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		sc_field_keys(kind, keys, sizeof keys);
		if (kind == SC_VM && rename_ok) /* set links a vm to its host's domain */
			strncat(keys, ", host", sizeof keys - strlen(keys) - 1);
		if (!eq || eq == argv[i])
			return cli_fail(SC_EUSAGE, "expected KEY=VALUE, got '%s'; keys for %s: %s",
					argv[i], sc_kind_name(kind), keys);
		*eq = '\0';
		int f = sc_field_lookup(argv[i]);
		if (f < 0 || !sc_field_applies(f, kind) || (f == SC_F_NAME && !rename_ok)) {
			int rc = cli_fail(SC_EUSAGE, "unknown key '%s' for %s; valid: %s", argv[i],
					  sc_kind_name(kind), keys);
			*eq = '=';
			return rc;
		}
		for (int j = 0; j < *n; j++)
			if (out[j].field == f)
				return cli_fail(SC_EUSAGE, "key '%s' given twice", argv[i]);
		*eq = '=';
		out[*n] = (struct kv){f, eq + 1};
		(*n)++;
	}
	return 0;
}

static const char *given_value(const struct kv *kvs, int n, int field)
{
	for (int i = 0; i < n; i++)
		if (kvs[i].field == field)
			return kvs[i].value;
	return NULL;
}

/* show's arguments after NAME: nothing, or --format text|json. */
static int show_format(int argc, char **argv, bool *json)
{
	const char *v = NULL;
	*json = false;
	if (argc == 2 && !strcmp(argv[0], "--format"))
		v = argv[1];
	else if (argc == 1 && !strncmp(argv[0], "--format=", 9))
		v = argv[0] + 9;
	else if (argc)
		return cli_fail(SC_EUSAGE, "show takes a NAME and optionally --format text|json");
	if (v && strcmp(v, "text") && strcmp(v, "json"))
		return cli_fail(SC_EUSAGE, "unknown show format '%s'; valid: text, json", v);
	*json = v && !strcmp(v, "json");
	return 0;
}

/* ---- clusters ---- */

static int cluster_keys(struct sc_cluster *c, int argc, char **argv, bool need_version)
{
	bool have = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "version=", 8) == 0) {
			int v = sc_cver_parse(a + 8);
			if (v < 0)
				return cli_fail(SC_EUSAGE, "invalid version '%s'; valid: 3.0, 3.1, 3.2",
						a + 8);
			c->version = (enum sc_cver)v;
			have = true;
		} else if (strncmp(a, "name=", 5) == 0) {
			struct sc_err err;
			if (sc_name_check("name", a + 5, &err))
				return cli_fail_err(&err);
			sc_strlcpy(c->name, a + 5, sizeof c->name);
		} else if (strncmp(a, "spice_proxy=", 12) == 0) {
			struct sc_err err;
			if (sc_proxy_check("spice_proxy", a + 12, &err))
				return cli_fail_err(&err);
			sc_strlcpy(c->spice_proxy, a + 12, sizeof c->spice_proxy);
		} else {
			return cli_fail(SC_EUSAGE,
					"unknown key '%s' for cluster; valid: name, version, "
					"spice_proxy",
					a);
		}
	}
	if (need_version && !have)
		return cli_fail(SC_EUSAGE, "a cluster needs version=3.0, 3.1 or 3.2");
	return 0;
}

static void report_warnings(const struct cli *cli, const struct sc_msgs *w)
{
	for (int i = 0; i < w->n; i++)
		cli_warn(cli, "%s", w->m[i].text);
}

static int cluster_cmd(struct cli *cli, const char *verb, const char *name, int argc,
		       char **argv)
{
	struct sc_err err;
	struct sc_cluster c = {0}, old;
	if (strcmp(verb, "add") == 0) {
		if (sc_name_check("name", name, &err))
			return cli_fail_err(&err);
		sc_strlcpy(c.name, name, sizeof c.name);
		int rc = cluster_keys(&c, argc, argv, true);
		if (rc)
			return rc;
		if (cli_open_store(cli, &err) || store_cluster_add(cli->st, &c, &err))
			return cli_fail_err(&err);
		return 0;
	}
	/* set reads the row in the transaction that writes it (see obj_set) */
	bool setting = strcmp(verb, "set") == 0;
	if (cli_open_store(cli, &err) || (setting && store_begin(cli->st, &err)))
		return cli_fail_err(&err);
	if (store_cluster_get(cli->st, name, &old, &err))
		return store_rollback(cli->st), cli_fail_err(&err);
	if (strcmp(verb, "show") == 0) {
		bool json;
		int rc = show_format(argc, argv, &json);
		if (rc)
			return rc;
		if (!json) {
			printf("name: %s\nversion: %s\nspice_proxy: %s\nrevision: %lld\n",
			       old.name, sc_cver_name(old.version), old.spice_proxy,
			       (long long)old.rowver);
			return 0;
		}
		fputc('{', stdout);
		out_json_key(stdout, true, "name");
		out_json_string(stdout, old.name);
		printf(", \"version\": \"%s\"", sc_cver_name(old.version));
		out_json_key(stdout, false, "spice_proxy");
		out_json_string(stdout, old.spice_proxy);
		printf(", \"revision\": %lld}\n", (long long)old.rowver);
		return 0;
	}
	if (strcmp(verb, "rm") == 0) {
		if (argc)
			return cli_fail(SC_EUSAGE, "rm takes only a NAME");
		return store_cluster_rm(cli->st, name, &err) ? cli_fail_err(&err) : 0;
	}
	c = old;
	bool dry_run = false;
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--dry-run")) {
			dry_run = true;
			memmove(argv + i, argv + i + 1, (size_t)(argc - i - 1) * sizeof *argv);
			argc--, i--;
		}
	int rc = cluster_keys(&c, argc, argv, false);
	if (rc)
		return store_rollback(cli->st), rc;
	if (argc == 0)
		return store_rollback(cli->st),
		       cli_fail(SC_EUSAGE, "set needs KEY=VALUE arguments; keys: name, version, "
						   "spice_proxy");
	/* A version change may take values away from the cluster's objects: the
	 * store brings them back into the rules in the same transaction. */
	struct store_changes changes = {.dry_run = dry_run};
	if (store_cluster_update(cli->st, cli->reg, &old, &c, &changes, &err) ||
	    store_commit(cli->st, &err))
		return store_rollback(cli->st), cli_fail_err(&err);
	cli_warn_changes(cli, &changes);
	return 0;
}

/* ---- vm, template, pool ---- */

/* Applies kvs to o through the model's edit sequence (model/edit.h): a
 * field the user named is refused when locked or invalid, the others follow
 * the rules with a warning. */
static int build_object(struct cli *cli, struct sc_object *o, const struct sc_object *before,
			const struct kv *kvs, int n, bool is_new, struct sc_ctx *ctx)
{
	struct sc_err err;
	const char *tname = given_value(kvs, n, SC_F_TEMPLATE);
	if (tname && *tname && o->kind != SC_TEMPLATE) {
		struct sc_object t;
		if (store_object_get(cli->st, SC_TEMPLATE, tname, &t, &err))
			return cli_fail_err(&err);
		sc_edit_template(o, &t, is_new);
	}
	unsigned named = 0;
	for (int i = 0; i < n; i++)
		named |= 1u << kvs[i].field;
	for (int i = 0; i < n; i++)
		if (kvs[i].field != SC_F_TEMPLATE || *kvs[i].value || o->kind == SC_VM)
			if (sc_field_set(o, kvs[i].field, kvs[i].value, &err))
				return cli_fail_err(&err);
	if (!o->cluster[0])
		return cli_fail(SC_EUSAGE, "a %s needs cluster=NAME%s", sc_kind_name(o->kind),
				o->kind == SC_POOL ? "" : " or template=NAME");
	if (o->kind == SC_POOL && !o->tmpl[0])
		return cli_fail(SC_EUSAGE, "a pool needs template=NAME");
	if (store_ctx(cli->st, cli->reg, o->cluster, ctx, &err))
		return cli_fail_err(&err);
	struct sc_edit_req req = {before, is_new, tname != NULL, named, ctx};
	struct sc_msgs changes = {0}, notices = {0}, errs = {0};
	sc_edit_finish(o, &req, &changes, &notices, &errs);
	report_warnings(cli, &changes);
	if (errs.n)
		return cli_fail(SC_EUSAGE, "%s", errs.m[0].text);
	report_warnings(cli, &notices);
	return 0;
}

static int obj_add(struct cli *cli, enum sc_kind kind, const char *name, int argc, char **argv)
{
	struct kv kvs[SC_F_COUNT];
	int n, rc;
	struct sc_err err;
	if (sc_name_check("name", name, &err))
		return cli_fail_err(&err);
	if ((rc = parse_kvs(kind, argc, argv, kvs, &n, false)))
		return rc;
	if (cli_open_store(cli, &err))
		return cli_fail_err(&err);
	struct sc_ctx ctx;
	struct sc_object o, before;
	/* the template, the cluster's version and the options are read in the
	 * transaction that writes, so that what was checked is what holds */
	if (store_begin(cli->st, &err))
		return cli_fail_err(&err);
	/* a taken name is the first thing wrong, whatever else is missing */
	if (store_object_get(cli->st, kind, name, &o, &err) == SC_OK)
		return store_rollback(cli->st),
		       cli_fail(SC_EEXIST, "%s '%s' already exists (see: spicecfg %s show %s)",
				sc_kind_name(kind), name, sc_kind_name(kind), name);
	sc_ctx_init(&ctx, cli->reg, SC_CVER_31);
	sc_object_defaults(&o, kind, &ctx);
	sc_strlcpy(o.name, name, sizeof o.name);
	before = o;
	if ((rc = build_object(cli, &o, &before, kvs, n, true, &ctx)))
		return store_rollback(cli->st), rc;
	if (store_object_add(cli->st, &o, &err) || store_commit(cli->st, &err))
		return store_rollback(cli->st), cli_fail_err(&err);
	return 0;
}

/* host=H (or host= to unlink) out of set's arguments */
static int take_host(int *argc, char **argv, const char **host)
{
	for (int i = 0; i < *argc; i++) {
		if (strncmp(argv[i], "host=", 5))
			continue;
		if (*host)
			return cli_fail(SC_EUSAGE, "key 'host' given twice");
		*host = argv[i] + 5;
		memmove(argv + i, argv + i + 1, (size_t)(*argc - i - 1) * sizeof *argv);
		(*argc)--, i--;
	}
	return 0;
}

static int obj_set(struct cli *cli, enum sc_kind kind, const char *name, int argc, char **argv)
{
	struct kv kvs[SC_F_COUNT];
	int n, rc;
	struct sc_err err;
	struct sc_object old, o;
	struct sc_ctx ctx;
	/* a template's change may move its pools (SPEC §11: shown first) */
	struct store_changes changes = {0};
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--dry-run")) {
			if (kind != SC_TEMPLATE)
				return cli_fail(SC_EUSAGE,
						"--dry-run is for changes that reset other objects: "
						"template set, cluster set, config -s");
			changes.dry_run = true;
			memmove(argv + i, argv + i + 1, (size_t)(argc - i - 1) * sizeof *argv);
			argc--, i--;
		}
	const char *host = NULL;
	if (kind == SC_VM && (rc = take_host(&argc, argv, &host)))
		return rc;
	if ((rc = parse_kvs(kind, argc, argv, kvs, &n, true)))
		return rc;
	if (n == 0 && !host) {
		char keys[512];
		sc_field_keys(kind, keys, sizeof keys);
		return cli_fail(SC_EUSAGE, "set needs KEY=VALUE arguments; keys: %s%s", keys,
				kind == SC_VM ? ", host" : "");
	}
	/* the host's domain is looked up before the transaction, which holds
	 * the store while it lasts */
	struct cli_link *link = NULL;
	const char *newname = given_value(kvs, n, SC_F_NAME);
	if (host && (rc = cli_link_prepare(cli, host, newname ? newname : name, &link)))
		return rc;
	/* Read, check and write in one transaction: the fields named here are
	 * merged into the row as it is now (another writer's change to other
	 * fields stays), and the rules are those in force when it is written.
	 * Only the form, whose user saw older values, can meet a conflict. */
	if (cli_open_store(cli, &err) || store_begin(cli->st, &err)) {
		free(link);
		return cli_fail_err(&err);
	}
	if (store_object_get(cli->st, kind, name, &old, &err))
		rc = cli_fail_err(&err);
	o = old;
	if (!rc && n && !(rc = build_object(cli, &o, &old, kvs, n, false, &ctx)) &&
	    store_object_save(cli->st, &old, &o, &changes, &err))
		rc = cli_fail_err(&err);
	if (!rc && link)
		rc = cli_link_finish(cli, link, &o);
	if (!rc && changes.dry_run)
		store_rollback(cli->st);
	else if (!rc && store_commit(cli->st, &err))
		rc = cli_fail_err(&err);
	free(link);
	if (rc) {
		store_rollback(cli->st);
		store_changes_free(&changes);
		return rc;
	}
	cli_warn_changes(cli, &changes);
	return 0;
}

static int obj_show(struct cli *cli, enum sc_kind kind, const char *name, int argc,
		    char **argv)
{
	struct sc_err err;
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_cluster c;
	bool json;
	int rc = show_format(argc, argv, &json);
	if (rc)
		return rc;
	if (cli_open_store(cli, &err) || store_object_get(cli->st, kind, name, &o, &err) ||
	    store_ctx(cli->st, cli->reg, o.cluster, &ctx, &err) ||
	    store_cluster_get(cli->st, o.cluster, &c, &err))
		return cli_fail_err(&err);
	struct store_link link;
	bool linked = kind == SC_VM && store_link_get(cli->st, o.id, &link, &err) == 0;
	if (json)
		out_show_json_link(stdout, &o, &ctx, c.spice_proxy, linked ? &link : NULL);
	else
		out_show(stdout, &o, &ctx, c.spice_proxy);
	if (kind == SC_VM && !json)
		cli_show_link(cli, &o);
	return 0;
}

static int list_cmd(struct cli *cli, enum sc_kind kind, int argc, char **argv)
{
	const char *format = "table", *filter = NULL, *sort = "name";
	struct sc_err err;
	static const char USAGE[] = "valid: --format table|tsv|json, --filter TEXT, --sort FIELD";
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strncmp(a, "--format=", 9) || !strncmp(a, "--filter=", 9) ||
		    !strncmp(a, "--sort=", 7))
			v = strchr(a, '=') + 1;
		else if ((!strcmp(a, "--format") || !strcmp(a, "--filter") || !strcmp(a, "--sort")) && v)
			i++;
		else
			return cli_fail(SC_EUSAGE, "unknown list option '%s'; %s", a, USAGE);
		if (!strncmp(a, "--format", 8))
			format = v;
		else if (!strncmp(a, "--filter", 8))
			filter = v;
		else
			sort = v;
	}
	enum out_format f;
	if (out_format_parse(format, &f) < 0)
		return cli_fail(SC_EUSAGE, "unknown format '%s'; valid: table, tsv, json", format);
	int by = sc_field_lookup(sort);
	if (kind != SC_CLUSTER && (by < 0 || !sc_field_applies(by, kind))) {
		char keys[512];
		sc_field_keys(kind, keys, sizeof keys);
		return cli_fail(SC_EUSAGE, "cannot sort by '%s'; valid: %s", sort, keys);
	}
	if (kind == SC_CLUSTER && strcmp(sort, "name"))
		return cli_fail(SC_EUSAGE, "clusters sort by name only");
	if (cli_open_store(cli, &err) || out_list(stdout, cli->st, kind, filter, by, f, &err))
		return cli_fail_err(&err);
	return 0;
}

const char *const cli_object_verbs[] = {"list", "show", "add", "set", "rm", NULL};

int cmd_object(struct cli *cli, int argc, char **argv)
{
	enum sc_kind kind = (enum sc_kind)sc_kind_parse(argv[0]);
	char VERBS[64] = "";
	bool known = false;
	for (int i = 0; cli_object_verbs[i]; i++) {
		snprintf(VERBS + strlen(VERBS), sizeof VERBS - strlen(VERBS), "%s%s", i ? ", " : "",
			 cli_object_verbs[i]);
		known = known || (argc > 1 && !strcmp(argv[1], cli_object_verbs[i]));
	}
	if (argc < 2)
		return cli_fail(SC_EUSAGE, "%s needs a verb: %s", argv[0], VERBS);
	const char *verb = argv[1];
	if (strcmp(verb, "list") == 0)
		return list_cmd(cli, kind, argc - 2, argv + 2);
	if (!known)
		return cli_fail(SC_EUSAGE, "unknown %s verb '%s'; valid: %s", argv[0], verb, VERBS);
	if (argc < 3)
		return cli_fail(SC_EUSAGE, "%s %s needs a NAME", argv[0], verb);
	const char *name = argv[2];
	if (kind == SC_CLUSTER)
		return cluster_cmd(cli, verb, name, argc - 3, argv + 3);
	if (!strcmp(verb, "add"))
		return obj_add(cli, kind, name, argc - 3, argv + 3);
	if (!strcmp(verb, "set"))
		return obj_set(cli, kind, name, argc - 3, argv + 3);
	if (!strcmp(verb, "show"))
		return obj_show(cli, kind, name, argc - 3, argv + 3);
	if (argc > 3)
		return cli_fail(SC_EUSAGE, "%s takes only a NAME", verb);
	struct sc_err err;
	if (cli_open_store(cli, &err) || store_object_rm(cli->st, kind, name, &err))
		return cli_fail_err(&err);
	return 0;
}
