/* `spicecfg config`: site-wide options in the style of oVirt's engine-config. */
#include <stdio.h>
#include <string.h>

#include "../model/rules.h"
#include "cli.h"
#include "output.h"

static const char CONFIG_USAGE[] =
	"config needs one of: -l (list keys), -a (all values), -g KEY [--cver V], "
	"-s KEY=VALUE [--cver V] [--dry-run]; -l, -a and -g take --format text|json";

/* --format json: -l, -a and -g print one JSON array, each line's parts as
 * members of one object. */
static bool json;
static int printed;

static void json_open(void)
{
	if (json)
		fputc('[', stdout);
}

static void json_close(void)
{
	if (json)
		fputs(printed ? "\n]\n" : "]\n", stdout);
}

static void json_row(const char *k1, const char *v1, const char *k2, const char *v2,
		     const char *k3, const char *v3)
{
	fputs(printed++ ? ",\n  {" : "\n  {", stdout);
	out_json_key(stdout, true, k1);
	out_json_string(stdout, v1);
	out_json_key(stdout, false, k2);
	out_json_string(stdout, v2);
	out_json_key(stdout, false, k3);
	out_json_string(stdout, v3);
	fputc('}', stdout);
}

/* --cver V: -1 = not given, -2 = "general", else the version. */
static int parse_cver(const char *s, int *out)
{
	if (strcmp(s, "general") == 0)
		return *out = -2, 0;
	int v = sc_cver_parse(s);
	if (v < 0)
		return cli_fail(SC_EUSAGE, "invalid --cver '%s'; valid: 3.0, 3.1, 3.2, general", s);
	*out = v;
	return 0;
}

static void print_value(const struct sc_optreg *reg, int i, int v)
{
	const struct sc_optdef *d = &reg->defs[i];
	const char *value = sc_opt_value(reg, i, v < 0 ? SC_CVER_30 : v);
	const char *version = d->per_version ? sc_cver_name((enum sc_cver)v) : "general";
	if (json)
		json_row("key", d->key, "value", value, "version", version);
	else
		printf("%s: %s version: %s\n", d->key, value, version);
}

static void print_all_versions(const struct sc_optreg *reg, int i)
{
	if (!reg->defs[i].per_version)
		print_value(reg, i, -1);
	else
		for (int v = 0; v < SC_CVER_COUNT; v++)
			print_value(reg, i, v);
}

/* Scope check shared by -g and -s; returns the version slot to use. */
static int scope(const struct sc_optdef *d, int cver, bool setting, int *out)
{
	if (d->per_version && cver == -2)
		return cli_fail(SC_EUSAGE, "%s is set per cluster version; valid --cver: 3.0, 3.1, "
				"3.2", d->key);
	if (d->per_version && cver == -1 && setting)
		return cli_fail(SC_EUSAGE, "%s is set per cluster version: add --cver 3.0, 3.1 or "
				"3.2", d->key);
	if (!d->per_version && cver >= 0)
		return cli_fail(SC_EUSAGE, "%s is a general option: use no --cver (or --cver "
				"general)", d->key);
	*out = d->per_version ? cver : -1;
	return 0;
}

static int find_key(const struct sc_optreg *reg, const char *key)
{
	int i = sc_opt_find(reg, key);
	if (i < 0)
		cli_fail(SC_EUSAGE, "unknown option '%s' (see: spicecfg config -l)", key);
	return i;
}

/* Objects the new value takes a value from are brought back into the rules
 * by the store, in the same transaction; each is reported. */
static int set_option(struct cli *cli, const char *key, const char *value, int cver,
		      bool dry_run)
{
	struct sc_err err;
	struct store_changes changes = {.dry_run = dry_run};
	if (cli_open_store(cli, &err) ||
	    store_option_set(cli->st, cli->reg, key, cver, value, &changes, &err))
		return cli_fail_err(&err);
	cli_warn_changes(cli, &changes);
	return 0;
}

int cmd_config(struct cli *cli, int argc, char **argv)
{
	char action = 0;
	const char *arg = NULL;
	int cver = -1, rc;
	bool dry_run = false;
	struct sc_err err;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-l") || !strcmp(a, "--list") || !strcmp(a, "-a") ||
		    !strcmp(a, "--all")) {
			if (action)
				return cli_fail(SC_EUSAGE, "%s", CONFIG_USAGE);
			action = a[1] == '-' ? a[2] : a[1];
		} else if (!strcmp(a, "-g") || !strcmp(a, "--get") || !strcmp(a, "-s") ||
			   !strcmp(a, "--set")) {
			if (action || i + 1 >= argc)
				return cli_fail(SC_EUSAGE, "%s", CONFIG_USAGE);
			action = a[1] == '-' ? a[2] : a[1];
			arg = argv[++i];
		} else if (!strcmp(a, "--dry-run")) {
			dry_run = true;
		} else if (!strcmp(a, "--cver") && i + 1 < argc) {
			if ((rc = parse_cver(argv[++i], &cver)))
				return rc;
		} else if (!strncmp(a, "--cver=", 7)) {
			if ((rc = parse_cver(a + 7, &cver)))
				return rc;
		} else if ((!strcmp(a, "--format") && i + 1 < argc) || !strncmp(a, "--format=", 9)) {
			const char *v = a[8] == '=' ? a + 9 : argv[++i];
			if (strcmp(v, "text") && strcmp(v, "json"))
				return cli_fail(SC_EUSAGE, "invalid --format '%s'; valid: text, json", v);
			json = !strcmp(v, "json");
		} else {
			return cli_fail(SC_EUSAGE, "unknown config argument '%s'; %s", a,
					CONFIG_USAGE);
		}
	}
	const struct sc_optreg *reg = cli->reg;
	if (dry_run && action != 's')
		return cli_fail(SC_EUSAGE, "--dry-run is for -s: it prints what the change would "
				"reset and changes nothing");
	if (json && action == 's')
		return cli_fail(SC_EUSAGE, "-s prints nothing; --format is for -l, -a and -g");
	switch (action) {
	case 'l':
		json_open();
		for (int i = 0; i < reg->n; i++)
			if (json)
				json_row("key", reg->defs[i].key, "description",
					 reg->defs[i].description, "type",
					 sc_opt_type_name(reg->defs[i].type));
			else
				printf("%s: %s (Value Type: %s)\n", reg->defs[i].key,
				       reg->defs[i].description,
				       sc_opt_type_name(reg->defs[i].type));
		json_close();
		return 0;
	case 'a':
		if (cli_open_store(cli, &err))
			return cli_fail_err(&err);
		json_open();
		for (int i = 0; i < reg->n; i++)
			print_all_versions(reg, i);
		json_close();
		return 0;
	case 'g': {
		int i = find_key(reg, arg), v;
		if (i < 0)
			return sc_exit_code(SC_EUSAGE);
		if ((rc = scope(&reg->defs[i], cver, false, &v)))
			return rc;
		if (cli_open_store(cli, &err))
			return cli_fail_err(&err);
		json_open();
		if (reg->defs[i].per_version && v < 0)
			print_all_versions(reg, i);
		else
			print_value(reg, i, v);
		json_close();
		return 0;
	}
	case 's': {
		const char *eq = strchr(arg, '=');
		if (!eq || eq == arg)
			return cli_fail(SC_EUSAGE, "-s needs KEY=VALUE, got '%s'", arg);
		char key[64];
		size_t klen = (size_t)(eq - arg);
		if (klen >= sizeof key)
			return cli_fail(SC_EUSAGE, "unknown option '%.*s' (see: spicecfg config -l)",
					(int)klen, arg);
		memcpy(key, arg, klen);
		key[klen] = '\0';
		int i = find_key(reg, key), v;
		if (i < 0)
			return sc_exit_code(SC_EUSAGE);
		if ((rc = scope(&reg->defs[i], cver, true, &v)))
			return rc;
		return set_option(cli, key, eq + 1, v, dry_run);
	}
	default:
		return cli_fail(SC_EUSAGE, "%s", CONFIG_USAGE);
	}
}
