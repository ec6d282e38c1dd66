/* `spicecfg __complete CWORD WORD...`: the candidates for shell completion,
 * one per line, read from the command table and from model/ (field names,
 * the values of enumerated fields), the option definitions and the store
 * (object names).  The shell scripts in data/ only pass the line and show
 * the answer, so they follow whatever the program becomes.
 *
 * bash splits "usb=na" into "usb", "=", "na" (COMP_WORDBREAKS) but replaces
 * only the text after the last break: the words are joined back here, and
 * each candidate is printed without the part bash keeps.  A line holding a
 * tab and "files" asks the script for file names.  Nothing goes to stderr,
 * and the store is only read, never created. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../model/field.h"
#include "../model/rules.h"
#include "../store/db.h"
#include "cli.h"

#define WORDS_MAX 256

struct compl {
	struct cli *cli;
	char *w[WORDS_MAX]; /* the words before the current one (the command's first) */
	int n;
	const char *cur; /* the current word, joined back */
	size_t keep;     /* bytes of cur that the shell keeps */
	bool loaded, opened;
};

static void compl_add(struct compl *c, const char *cand)
{
	size_t len = strlen(c->cur);
	if (strncmp(cand, c->cur, len) == 0 && strlen(cand) >= c->keep)
		printf("%s\n", cand + c->keep);
}

static void compl_files(struct compl *c)
{
	(void)c;
	fputs("\tfiles\n", stdout);
}

/* The option definitions (the preferences, --config and $SPICECFG_OPTIONS
 * as every command reads them). */
static bool load(struct compl *c)
{
	struct sc_err err;
	if (!c->loaded)
		c->loaded = session_load(&c->cli->ses, &err) == 0;
	return c->loaded;
}

/* The store, when it exists: completion never creates one. */
static bool open_store(struct compl *c)
{
	struct sc_err err;
	char path[4096];
	if (c->opened)
		return c->cli->st != NULL;
	c->opened = true;
	if (!load(c) || session_store_path(&c->cli->ses, path, sizeof path, &err))
		return false;
	if (!db_target_is_pg(path) && access(path, F_OK) != 0)
		return false;
	return cli_open_store(c->cli, &err) == 0;
}

struct name_arg {
	struct compl *c;
	const char *prefix; /* "cluster=" before each name, or "" */
};

/* one name, after the prefix; the scan callbacks below differ only in type */
static int add_name(void *arg, const char *name)
{
	struct name_arg *a = arg;
	char buf[SC_NAME_MAX + 80];
	snprintf(buf, sizeof buf, "%s%s", a->prefix, name);
	compl_add(a->c, buf);
	return 0;
}

static int add_object(const struct sc_object *o, void *arg)
{
	return add_name(arg, o->name);
}

static int add_cluster(const struct sc_cluster *cl, void *arg)
{
	return add_name(arg, cl->name);
}

static void compl_names(struct compl *c, enum sc_kind kind, const char *prefix)
{
	struct sc_err err;
	struct name_arg a = {c, prefix};
	if (!open_store(c))
		return;
	if (kind == SC_CLUSTER)
		store_cluster_scan(c->cli->st, NULL, 0, -1, add_cluster, &a, &err);
	else
		store_object_scan(c->cli->st, kind, NULL, 0, -1, add_object, &a, &err);
}

static int add_host(const struct sc_host *h, void *arg)
{
	return add_name(arg, h->name);
}

static void compl_hosts(struct compl *c, const char *prefix)
{
	struct sc_err err;
	struct name_arg a = {c, prefix};
	if (open_store(c))
		store_host_scan(c->cli->st, add_host, &a, &err);
}

static void add_list(struct compl *c, const char *const *list)
{
	for (; *list; list++)
		compl_add(c, *list);
}

/* ---- the commands' arguments ---- */

static const char *last(const struct compl *c)
{
	return c->n ? c->w[c->n - 1] : "";
}

static bool is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static void cvers(struct compl *c, const char *prefix, bool general)
{
	char buf[80];
	for (int v = 0; v < SC_CVER_COUNT; v++) {
		snprintf(buf, sizeof buf, "%s%s", prefix, sc_cver_name((enum sc_cver)v));
		compl_add(c, buf);
	}
	if (general) {
		snprintf(buf, sizeof buf, "%sgeneral", prefix);
		compl_add(c, buf);
	}
}

static const char *const FORMATS[] = {"text", "json", NULL};

struct value_arg {
	struct compl *c;
	const char *key;
};

static void add_value(const char *v, void *arg)
{
	struct value_arg *a = arg;
	char buf[256];
	snprintf(buf, sizeof buf, "%s=%s", a->key, v);
	compl_add(a->c, buf);
}

/* KEY= for the kind's fields, or after KEY= the field's values. */
static void key_values(struct compl *c, enum sc_kind kind, bool rename)
{
	const char *eq = strchr(c->cur, '=');
	char key[64];
	if (kind == SC_CLUSTER) {
		if (!eq) {
			compl_add(c, "version=");
			if (rename)
				compl_add(c, "name=");
		} else if (!strncmp(c->cur, "version=", 8)) {
			cvers(c, "version=", false);
		}
		return;
	}
	if (!eq) {
		for (int f = 0; f < SC_F_COUNT; f++)
			if (sc_field_applies(f, kind) && (rename || f != SC_F_NAME)) {
				snprintf(key, sizeof key, "%s=", sc_field_info(f)->key);
				compl_add(c, key);
			}
		if (kind == SC_VM && rename) /* set links a vm to a host's domain */
			compl_add(c, "host=");
		return;
	}
	if (kind == SC_VM && rename && !strncmp(c->cur, "host=", 5)) {
		compl_hosts(c, "host=");
		return;
	}
	snprintf(key, sizeof key, "%.*s", (int)(eq - c->cur), c->cur);
	int f = sc_field_lookup(key);
	if (!sc_field_applies(f, kind))
		return;
	snprintf(key + strlen(key), sizeof key - strlen(key), "=");
	if (f == SC_F_CLUSTER)
		compl_names(c, SC_CLUSTER, key);
	else if (f == SC_F_TEMPLATE)
		compl_names(c, SC_TEMPLATE, key);
	else {
		key[strlen(key) - 1] = '\0';
		struct value_arg a = {c, key};
		sc_field_values(f, add_value, &a);
	}
}

void complete_object(struct compl *c)
{
	enum sc_kind kind = (enum sc_kind)sc_kind_parse(c->w[0]);
	if (c->n == 1) {
		add_list(c, cli_object_verbs);
		return;
	}
	const char *verb = c->w[1];
	if (is(verb, "list")) {
		static const char *const opts[] = {"--format", "--filter", "--sort", NULL};
		static const char *const fmts[] = {"table", "tsv", "json", NULL};
		if (is(last(c), "--format"))
			add_list(c, fmts);
		else if (is(last(c), "--sort") && kind != SC_CLUSTER) {
			for (int f = 0; f < SC_F_COUNT; f++)
				if (sc_field_applies(f, kind))
					compl_add(c, sc_field_info(f)->key);
		} else if (is(last(c), "--sort"))
			compl_add(c, "name");
		else if (!is(last(c), "--filter"))
			add_list(c, opts);
		return;
	}
	if (c->n == 2) {
		if (!is(verb, "add"))
			compl_names(c, kind, "");
		return;
	}
	if (is(verb, "show")) {
		if (is(last(c), "--format"))
			add_list(c, FORMATS);
		else if (c->n == 3)
			compl_add(c, "--format");
	} else if (is(verb, "add") || is(verb, "set")) {
		key_values(c, kind, is(verb, "set"));
	}
}

void complete_usb_options(struct compl *c)
{
	static const char *const opts[] = {"--cver", "--os", "--display", "--format", NULL};
	const char *l = last(c);
	if (is(l, "--cver"))
		cvers(c, "", false);
	else if (is(l, "--os"))
		for (int o = 0; o < SC_OS_COUNT; o++)
			compl_add(c, sc_os_name((enum sc_os)o));
	else if (is(l, "--display"))
		for (int d = 0; d < SC_DISPLAY_COUNT; d++)
			compl_add(c, sc_display_name((enum sc_display)d));
	else if (is(l, "--format"))
		add_list(c, FORMATS);
	else
		add_list(c, opts);
}

void complete_config(struct compl *c)
{
	static const char *const opts[] = {"-l", "-a", "-g", "-s", "--cver", "--format", NULL};
	const char *l = last(c);
	const struct sc_optreg *reg = c->cli->reg;
	if (is(l, "--cver")) {
		cvers(c, "", true);
	} else if (is(l, "--format")) {
		add_list(c, FORMATS);
	} else if ((is(l, "-g") || is(l, "--get")) && load(c)) {
		for (int i = 0; i < reg->n; i++)
			compl_add(c, reg->defs[i].key);
	} else if ((is(l, "-s") || is(l, "--set")) && load(c)) {
		const char *eq = strchr(c->cur, '=');
		char buf[SC_OPT_VALUE_MAX];
		int i = eq ? sc_opt_find(reg, (snprintf(buf, sizeof buf, "%.*s",
							(int)(eq - c->cur), c->cur), buf))
			   : -1;
		for (int k = 0; !eq && k < reg->n; k++) {
			snprintf(buf, sizeof buf, "%s=", reg->defs[k].key);
			compl_add(c, buf);
		}
		/* one value of a list of choices (Boolean, WANColorDepth) */
		if (i >= 0 && (reg->defs[i].type == SC_OPT_BOOLEAN ||
			       reg->defs[i].type == SC_OPT_INTEGER))
			for (int k = 0; k < reg->defs[i].nchoices; k++) {
				snprintf(buf, sizeof buf, "%s=%s", reg->defs[i].key,
					 reg->defs[i].choices[k]);
				compl_add(c, buf);
			}
	} else {
		add_list(c, opts);
	}
}

void complete_export(struct compl *c)
{
	static const char *const fmts[] = {"ovf", "domxml", "vv", "api", NULL};
	static const char *const opts[] = {"-o", NULL};
	static const char *const vv[] = {"-o",		   "--host",	     "--port",
					 "--tls-port",	   "--ca-file",	     "--host-subject",
					 "--password-file", "--no-proxy", NULL};
	static const enum sc_kind kinds[] = {SC_VM, SC_TEMPLATE, SC_POOL};
	const char *l = last(c);
	if (c->n == 1) {
		add_list(c, fmts);
	} else if (is(l, "-o") || is(l, "--output") || is(l, "--ca-file") ||
		   is(l, "--password-file")) {
		compl_files(c);
	} else if (is(l, "--host") || is(l, "--port") || is(l, "--tls-port") ||
		   is(l, "--host-subject")) {
		return;
	} else if (c->cur[0] == '-') {
		add_list(c, is(c->w[1], "vv") ? vv : opts);
	} else {
		bool named = false;
		for (int i = 2; i < c->n; i++)
			if (c->w[i][0] != '-' && !(c->w[i - 1][0] == '-'))
				named = true;
		for (size_t k = 0; !named && k < sizeof kinds / sizeof kinds[0]; k++)
			compl_names(c, kinds[k], "");
	}
}

void complete_import(struct compl *c)
{
	static const char *const fmts[] = {"ovf", "api", NULL};
	static const char *const opts[] = {"--cluster", "--name", "--keep-going", "--format",
					   NULL};
	const char *l = last(c);
	if (c->n == 1)
		add_list(c, fmts);
	else if (is(l, "--cluster"))
		compl_names(c, SC_CLUSTER, "");
	else if (is(l, "--format"))
		add_list(c, FORMATS);
	else if (is(l, "--name"))
		return;
	else if (c->cur[0] == '-')
		add_list(c, opts);
	else
		compl_files(c);
}

void complete_demo(struct compl *c)
{
	if (c->n == 1)
		compl_add(c, "--vms");
}

void complete_host(struct compl *c)
{
	static const char *const verbs[] = {"add", "list", "show", "set", "rm", "check"};
	if (c->n == 1)
		for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++)
			compl_add(c, verbs[i]);
	else if (c->n == 2 && (is(c->w[1], "show") || is(c->w[1], "set") || is(c->w[1], "rm") ||
			       is(c->w[1], "check")))
		compl_hosts(c, "");
}

/* ---- the line ---- */

static bool breaks(const char *w)
{
	return is(w, "=") || is(w, ":");
}

/* Joins "KEY" "=" "VALUE" back into one word; returns the current word's
 * index in out. */
static int join(char **words, int nwords, int cword, char **out, size_t *keep)
{
	int n = 0;
	bool glue = false;
	*keep = 0;
	for (int i = 0; i <= cword && n < WORDS_MAX; i++) {
		const char *w = i < nwords ? words[i] : "";
		if (n > 0 && (glue || breaks(w))) {
			size_t len = strlen(out[n - 1]) + strlen(w) + 1;
			char *j = malloc(len);
			if (!j)
				return -1;
			snprintf(j, len, "%s%s", out[n - 1], w);
			free(out[n - 1]);
			out[n - 1] = j;
			if (i == cword)
				*keep = strlen(j) - (breaks(w) ? 0 : strlen(w));
		} else {
			out[n++] = strdup(w);
			if (!out[n - 1])
				return -1;
			if (i == cword)
				*keep = 0;
		}
		glue = breaks(w);
	}
	return n - 1;
}

static bool takes_value(const char *w)
{
	return is(w, "--db") || is(w, "--config") || is(w, "--script");
}

int cli_complete(struct cli *cli, int argc, char **argv, const struct cli_command *cmds,
		 size_t ncmds)
{
	char *joined[WORDS_MAX];
	struct compl c = {.cli = cli};
	long cword;
	cli->quiet = true;
	if (argc < 2 || sc_parse_long(argv[0], 10, &cword) < 0 || cword < 1 ||
	    cword >= WORDS_MAX)
		return 0; /* nothing to offer, and nothing to say */
	int cur = join(argv + 1, argc - 1, (int)cword, joined, &c.keep);
	if (cur < 0)
		return 1;
	c.cur = joined[cur];
	/* global options, wherever they stand; the rest is the command */
	for (int i = 1; i < cur; i++) {
		if (takes_value(joined[i]) && i + 1 < cur) {
			if (is(joined[i], "--db"))
				cli->ses.db_arg = joined[i + 1];
			else if (is(joined[i], "--config"))
				cli->ses.config_arg = joined[i + 1];
			i++;
		} else if (!is(joined[i], "--quiet") && !is(joined[i], "-q") &&
			   c.n < WORDS_MAX) {
			c.w[c.n++] = joined[i];
		}
	}
	if (cur > 1 && takes_value(joined[cur - 1])) {
		compl_files(&c);
	} else if (c.n == 0) {
		static const char *const opts[] = {"--db", "--config", "--quiet", "--script",
						   "--help", "--version", NULL};
		if (c.cur[0] == '-')
			add_list(&c, opts);
		else
			for (size_t i = 0; i < ncmds; i++)
				compl_add(&c, cmds[i].name);
	} else {
		for (size_t i = 0; i < ncmds; i++)
			if (is(c.w[0], cmds[i].name) && cmds[i].complete)
				cmds[i].complete(&c);
	}
	cli->ses.db_arg = cli->ses.config_arg = NULL; /* they point into joined */
	for (int i = 0; i <= cur; i++)
		free(joined[i]);
	return 0;
}
