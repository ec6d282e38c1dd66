/* `spicecfg host add|list|show|set|rm|check`: the libvirt hosts spicecfg
 * knows, and what their hypervisors can run (SPEC §10).  Only `check`
 * connects (and loads libvirt). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../hosts/hosts.h"
#include "../model/livexml.h"
#include "../model/uri.h"
#include "cli.h"
#include "output.h"

static void print_list(const char *label, const struct lx_caplist *l)
{
	printf("%s: ", label);
	if (!l->reported) {
		printf("(not reported by this libvirt)\n");
		return;
	}
	if (!l->n)
		printf("none");
	for (int i = 0; i < l->n; i++)
		printf("%s%s", i ? ", " : "", l->v[i]);
	printf("\n");
}

static int print_caps(const char *xml, const char *host)
{
	struct sc_err err = {0};
	struct lx_caps caps;
	char fname[SC_NAME_MAX + 40];
	snprintf(fname, sizeof fname, "capabilities of host %s", host);
	if (lx_caps_parse(xml, strlen(xml), fname, &caps, &err) != SC_OK)
		return cli_fail_err(&err);
	printf("domain type: %s\nmachine: %s\n", caps.domain, caps.machine);
	print_list("graphics types", &caps.graphics);
	print_list("video models", &caps.video);
	print_list("USB controller models", &caps.usb);
	print_list("redirdev buses", &caps.redirdev);
	print_list("smartcard modes", &caps.smartcard);
	return 0;
}

/* NAME of a stored host (whose capabilities are stored) or a URI. */
static int check(struct cli *cli, const char *arg)
{
	struct sc_err err = {0};
	struct sc_host h = {0};
	bool stored = !strstr(arg, "://");
	if (stored) {
		if (!sc_name_valid(arg))
			return cli_fail(SC_EUSAGE,
					"'%s' is neither a host name nor a libvirt connection URI "
					"such as qemu:///system, qemu+ssh://root@kvm1/system or "
					"test:///PATH",
					arg);
		if (cli_open_store(cli, &err) || store_host_get(cli->st, arg, &h, &err))
			return cli_fail_err(&err);
	} else {
		if (sc_uri_check(arg, &err))
			return cli_fail_err(&err);
		sc_strlcpy(h.name, arg, sizeof h.name);
		sc_strlcpy(h.uri, arg, sizeof h.uri);
	}
	struct hv_conn *c;
	if (hv_open(h.name, h.uri, false, &c, &err) != SC_OK)
		return cli_fail_err(&err);
	char hyper[128], *xml;
	int rc = hv_read_caps(c, hyper, sizeof hyper, &xml, &err);
	hv_close(c);
	if (rc != SC_OK)
		return cli_fail_err(&err);
	if (stored && store_host_set_caps(cli->st, h.name, hyper, xml, &err)) {
		free(xml);
		return cli_fail_err(&err);
	}
	char shown[SC_URI_MAX + 1];
	sc_uri_redact(stored ? h.name : h.uri, shown, sizeof shown);
	printf("host: %s\nhypervisor: %s\n", shown, hyper);
	if (!xml) {
		printf("capabilities: not reported: %s\n", err.msg);
		return 0;
	}
	rc = print_caps(xml, stored ? h.name : shown);
	free(xml);
	return rc;
}

/* uri=, cluster= (and name= for set) into h */
static int parse_kvs(int argc, char **argv, struct sc_host *h, bool rename)
{
	struct sc_err err = {0};
	static const char VALID[] = "valid keys: uri, cluster";
	for (int i = 0; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		if (!eq)
			return cli_fail(SC_EUSAGE, "'%s' is not KEY=VALUE; %s%s", argv[i], VALID,
					rename ? ", name" : "");
		size_t kl = (size_t)(eq - argv[i]);
		const char *v = eq + 1;
		if (kl == 3 && !strncmp(argv[i], "uri", 3)) {
			if (sc_uri_check(v, &err))
				return cli_fail_err(&err);
			sc_strlcpy(h->uri, v, sizeof h->uri);
		} else if (kl == 7 && !strncmp(argv[i], "cluster", 7)) {
			sc_strlcpy(h->cluster, v, sizeof h->cluster);
		} else if (rename && kl == 4 && !strncmp(argv[i], "name", 4)) {
			if (!sc_name_valid(v))
				return cli_fail(SC_EUSAGE, "invalid name '%s'; valid: " SC_NAME_RULE, v);
			sc_strlcpy(h->name, v, sizeof h->name);
		} else {
			return cli_fail(SC_EUSAGE, "unknown key '%.*s'; %s%s", (int)kl, argv[i], VALID,
					rename ? ", name" : "");
		}
	}
	return 0;
}

static int add(struct cli *cli, const char *name, int argc, char **argv)
{
	struct sc_err err = {0};
	struct sc_host h = {0};
	if (!sc_name_valid(name))
		return cli_fail(SC_EUSAGE, "invalid name '%s'; valid: " SC_NAME_RULE, name);
	sc_strlcpy(h.name, name, sizeof h.name);
	int rc = parse_kvs(argc, argv, &h, false);
	if (rc)
		return rc;
	if (!h.uri[0] || !h.cluster[0])
		return cli_fail(SC_EUSAGE, "host add needs uri=URI and cluster=C");
	if (cli_open_store(cli, &err) || store_host_add(cli->st, &h, &err))
		return cli_fail_err(&err);
	return 0;
}

static int set(struct cli *cli, const char *name, int argc, char **argv)
{
	struct sc_err err = {0};
	struct sc_host old, h;
	if (argc == 0)
		return cli_fail(SC_EUSAGE, "set needs KEY=VALUE arguments; keys: name, uri, cluster");
	if (cli_open_store(cli, &err) || store_begin(cli->st, &err))
		return cli_fail_err(&err);
	if (store_host_get(cli->st, name, &old, &err))
		return store_rollback(cli->st), cli_fail_err(&err);
	h = old;
	int rc = parse_kvs(argc, argv, &h, true);
	if (rc)
		return store_rollback(cli->st), rc;
	if (store_host_update(cli->st, &old, &h, &err) || store_commit(cli->st, &err))
		return store_rollback(cli->st), cli_fail_err(&err);
	return 0;
}

static int rm(struct cli *cli, int argc, char **argv)
{
	struct sc_err err = {0};
	const char *name = NULL;
	bool unlink = false;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--unlink"))
			unlink = true;
		else if (!name && argv[i][0] != '-')
			name = argv[i];
		else
			return cli_fail(SC_EUSAGE, "usage: host rm NAME [--unlink]");
	}
	if (!name)
		return cli_fail(SC_EUSAGE, "usage: host rm NAME [--unlink]");
	long n;
	if (cli_open_store(cli, &err) || store_host_rm(cli->st, name, unlink, &n, &err))
		return cli_fail_err(&err);
	if (n)
		cli_warn(cli, "%ld vms are no longer linked to host '%s'", n, name);
	return 0;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

struct list_state {
	enum out_format fmt;
	int n;
};

static int list_row(const struct sc_host *h, void *arg)
{
	struct list_state *ls = arg;
	char uri[SC_URI_MAX + 1];
	sc_uri_redact(h->uri, uri, sizeof uri);
	const char *hyper = h->hypervisor[0] ? h->hypervisor : "-";
	const char *at = h->caps_at[0] ? h->caps_at : "never";
	switch (ls->fmt) {
	case OUT_TABLE:
		printf("%-16s %-40s %-16s %-5ld %-16s %s\n", h->name, uri, h->cluster, h->links,
		       hyper, at);
		break;
	case OUT_TSV:
		printf("%s\t%s\t%s\t%ld\t%s\t%s\n", h->name, uri, h->cluster, h->links,
		       h->hypervisor, h->caps_at);
		break;
	case OUT_JSON:
		printf("%s\n  {\"name\": ", ls->n ? "," : "");
		json_string(h->name);
		printf(", \"uri\": ");
		json_string(uri);
		printf(", \"cluster\": ");
		json_string(h->cluster);
		printf(", \"vms\": %ld, \"hypervisor\": ", h->links);
		json_string(h->hypervisor);
		printf(", \"capabilities_read\": ");
		json_string(h->caps_at);
		printf("}");
		break;
	}
	ls->n++;
	return 0;
}

static int list(struct cli *cli, int argc, char **argv)
{
	struct sc_err err = {0};
	struct list_state ls = {OUT_TABLE, 0};
	for (int i = 0; i < argc; i++) {
		const char *v = !strncmp(argv[i], "--format=", 9) ? argv[i] + 9
				: !strcmp(argv[i], "--format") && i + 1 < argc ? argv[++i]
									      : NULL;
		if (!v || out_format_parse(v, &ls.fmt))
			return cli_fail(SC_EUSAGE, "host list: '%s' is not valid; valid: --format "
					"table|tsv|json", v ? v : argv[i]);
	}
	if (cli_open_store(cli, &err))
		return cli_fail_err(&err);
	if (ls.fmt == OUT_TABLE)
		printf("%-16s %-40s %-16s %-5s %-16s %s\n", "NAME", "URI", "CLUSTER", "VMS",
		       "HYPERVISOR", "CAPABILITIES READ");
	if (ls.fmt == OUT_TSV)
		printf("name\turi\tcluster\tvms\thypervisor\tcapabilities_read\n");
	if (ls.fmt == OUT_JSON)
		printf("[");
	if (store_host_scan(cli->st, list_row, &ls, &err))
		return cli_fail_err(&err);
	if (ls.fmt == OUT_JSON)
		printf("%s]\n", ls.n ? "\n" : "");
	return 0;
}

static int show(struct cli *cli, const char *name)
{
	struct sc_err err = {0};
	struct sc_host h;
	char *xml;
	if (cli_open_store(cli, &err) || store_host_get(cli->st, name, &h, &err) ||
	    store_host_caps(cli->st, name, &xml, &err))
		return cli_fail_err(&err);
	char uri[SC_URI_MAX + 1];
	sc_uri_redact(h.uri, uri, sizeof uri);
	printf("name: %s\nuri: %s\ncluster: %s\nvms: %ld\n", h.name, uri, h.cluster, h.links);
	if (!h.caps_at[0]) {
		printf("capabilities: never read (see: spicecfg host check %s)\n", h.name);
		return 0;
	}
	printf("hypervisor: %s\ncapabilities read: %s\n", h.hypervisor, h.caps_at);
	if (!xml) {
		printf("capabilities: not reported by the host\n");
		return 0;
	}
	int rc = print_caps(xml, h.name);
	free(xml);
	return rc;
}

void cli_show_link(struct cli *cli, const struct sc_object *o)
{
	struct store_link l;
	struct sc_err err;
	if (store_link_get(cli->st, o->id, &l, &err))
		return;
	printf("host: %s\ndomain: %s\n", l.host, l.domain);
	if (l.pending)
		printf("pending: next boot\n");
}

int cmd_host(struct cli *cli, int argc, char **argv)
{
	static const char USAGE[] = "usage: host add NAME uri=URI cluster=C | list [--format "
				    "table|tsv|json] | show NAME | set NAME KEY=VALUE... | rm NAME "
				    "[--unlink] | check NAME|URI";
	const char *verb = argc > 1 ? argv[1] : "";
	if (!strcmp(verb, "list"))
		return list(cli, argc - 2, argv + 2);
	if (!strcmp(verb, "rm"))
		return rm(cli, argc - 2, argv + 2);
	if (argc < 3)
		return cli_fail(SC_EUSAGE, "%s", USAGE);
	if (!strcmp(verb, "check") && argc == 3)
		return check(cli, argv[2]);
	if (!strcmp(verb, "show") && argc == 3)
		return show(cli, argv[2]);
	if (!strcmp(verb, "add"))
		return add(cli, argv[2], argc - 3, argv + 3);
	if (!strcmp(verb, "set"))
		return set(cli, argv[2], argc - 3, argv + 3);
	return cli_fail(SC_EUSAGE, "%s", USAGE);
}

/* ---- vm set NAME host=H ---- */

struct cli_link {
	bool unlink;
	char host[SC_NAME_MAX + 1];
	char uuid[SC_UUID_LEN + 1];
};

/* The domain called name on host h.  The link is checked against the
 * capabilities stored by host check and pull. */
static int find_domain(const struct sc_host *h, const char *name,
		       char uuid[SC_UUID_LEN + 1])
{
	struct sc_err err = {0};
	struct hv_conn *c;
	struct hv_domain *d = NULL;
	int n = 0, rc = 0;
	if (hv_open(h->name, h->uri, true, &c, &err) != SC_OK)
		return cli_fail_err(&err);
	if (hv_list(c, &d, &n, &err))
		rc = cli_fail_err(&err);
	hv_close(c);
	int i = 0;
	while (!rc && i < n && strcmp(d[i].name, name))
		i++;
	if (!rc && i < n)
		sc_strlcpy(uuid, d[i].uuid, SC_UUID_LEN + 1);
	if (!rc && i == n) {
		char some[300] = "";
		for (int k = 0; k < n && strlen(some) < 200; k++)
			snprintf(some + strlen(some), sizeof some - strlen(some), "%s%s",
				 k ? ", " : "", d[k].name);
		rc = cli_fail(SC_ENOTFOUND,
			      "host %s has no domain named '%s' (a vm is linked to the domain of its "
			      "own name); its domains: %s%s",
			      h->name, name, n ? some : "none", strlen(some) >= 200 ? ", ..." : "");
	}
	free(d);
	return rc;
}

int cli_link_prepare(struct cli *cli, const char *host, const char *domain_name,
		     struct cli_link **out)
{
	struct sc_err err = {0};
	struct sc_host h;
	struct cli_link *l = calloc(1, sizeof *l);
	*out = NULL;
	if (!l)
		return cli_fail(SC_ERUNTIME, "out of memory");
	l->unlink = !host[0];
	int rc = l->unlink ? 0 : cli_open_store(cli, &err) || store_host_get(cli->st, host, &h, &err)
						 ? cli_fail_err(&err)
						 : find_domain(&h, domain_name, l->uuid);
	if (rc) {
		free(l);
		return rc;
	}
	sc_strlcpy(l->host, host, sizeof l->host);
	*out = l;
	return 0;
}

int cli_link_finish(struct cli *cli, struct cli_link *l, const struct sc_object *o)
{
	struct sc_err err = {0};
	bool had = true;
	int rc = l->unlink ? store_link_drop(cli->st, o, &had, &err)
			   : store_link_to(cli->st, cli->reg, o, l->host, l->uuid, &err);
	if (!rc && !had)
		cli_warn(cli, "vm '%s' was not linked to a host", o->name);
	return rc ? cli_fail_err(&err) : 0;
}
