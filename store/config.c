/* libconfig loading: shipped option definitions and user preferences. */
#include "config.h"

#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"

extern const char spicecfg_optdefs_blob[];

/* Configuration files are small; this bounds what a device would feed. */
#define CONF_MAX_BYTES ((size_t)1 << 20)

static int conf_error(const config_t *cf, const char *name, struct sc_err *err)
{
	const char *file = config_error_file(cf);
	if (config_error_type(cf) == CONFIG_ERR_FILE_IO)
		return sc_fail(err, SC_ERUNTIME, "%s: cannot read: %s", name, strerror(errno));
	return sc_fail(err, SC_EUSAGE, "%s:%d: %s", file ? file : name, config_error_line(cf),
		       config_error_text(cf));
}

static int entry_error(const config_setting_t *s, const char *name, const char *what,
		       struct sc_err *err)
{
	const char *file = config_setting_source_file(s);
	return sc_fail(err, SC_ERUNTIME, "%s:%u: %s", file ? file : name,
		       config_setting_source_line(s), what);
}

static int read_str(const config_setting_t *s, const char *key, char *buf, size_t n,
		    bool required, const char *name, struct sc_err *err)
{
	const char *v;
	char what[128];
	if (!config_setting_lookup_string(s, key, &v)) {
		if (!required)
			return 0;
		snprintf(what, sizeof what, "option entry lacks a string '%s'", key);
		return entry_error(s, name, what, err);
	}
	if (sc_strlcpy(buf, v, n) < 0) {
		snprintf(what, sizeof what, "'%s' is too long", key);
		return entry_error(s, name, what, err);
	}
	return 0;
}

static int read_defaults(const config_setting_t *s, struct sc_optdef *d, const char *name,
			 struct sc_err *err)
{
	static const char *const vkeys[SC_CVER_COUNT] = {"v3_0", "v3_1", "v3_2"};
	const config_setting_t *byv = config_setting_get_member(s, "default_by_version");
	if (d->per_version && byv) {
		for (int v = 0; v < SC_CVER_COUNT; v++)
			if (read_str(byv, vkeys[v], d->defaults[v], sizeof d->defaults[v], true,
				     name, err))
				return err->status;
		return 0;
	}
	if (read_str(s, "default", d->defaults[0], sizeof d->defaults[0], true, name, err))
		return err->status;
	for (int v = 1; v < SC_CVER_COUNT; v++)
		memcpy(d->defaults[v], d->defaults[0], sizeof d->defaults[0]);
	return 0;
}

static int read_choices(const config_setting_t *s, struct sc_optdef *d, const char *name,
			struct sc_err *err)
{
	const config_setting_t *c = config_setting_get_member(s, "choices");
	if (d->type == SC_OPT_BOOLEAN) {
		d->nchoices = 2;
		strcpy(d->choices[0], "true");
		strcpy(d->choices[1], "false");
	}
	if (!c)
		return 0;
	int n = config_setting_length(c);
	if (!config_setting_is_array(c) || n > SC_OPT_CHOICES_MAX)
		return entry_error(c, name, "'choices' must be an array of at most 16 strings", err);
	for (int i = 0; i < n; i++) {
		const char *v = config_setting_get_string_elem(c, i);
		if (!v || sc_strlcpy(d->choices[i], v, sizeof d->choices[i]) < 0)
			return entry_error(c, name, "'choices' must hold short strings", err);
	}
	d->nchoices = n;
	return 0;
}

static int read_def(const config_setting_t *s, struct sc_optdef *d, const char *name,
		    struct sc_err *err)
{
	char type[32], scope[32] = "general", format[32] = "";
	int b;
	memset(d, 0, sizeof *d);
	if (read_str(s, "key", d->key, sizeof d->key, true, name, err) ||
	    read_str(s, "type", type, sizeof type, true, name, err) ||
	    read_str(s, "scope", scope, sizeof scope, false, name, err) ||
	    read_str(s, "format", format, sizeof format, false, name, err) ||
	    read_str(s, "description", d->description, sizeof d->description, true, name, err))
		return err->status;
	int t = sc_opt_type_parse(type);
	if (t < 0)
		return entry_error(s, name, "unknown type; valid: Integer, Boolean, String, "
					    "IntegerMultiple, StringMultiple", err);
	d->type = (enum sc_opt_type)t;
	if (strcmp(scope, "general") && strcmp(scope, "version"))
		return entry_error(s, name, "scope must be \"general\" or \"version\"", err);
	d->per_version = strcmp(scope, "version") == 0;
	static const char *const formats[] = {"", "usbfilter", "proxy", "hotkey"};
	int fmt = -1;
	for (int i = 0; i < (int)(sizeof formats / sizeof *formats); i++)
		if (strcmp(format, formats[i]) == 0)
			fmt = i;
	if (fmt < 0)
		return entry_error(s, name, "unknown format; valid: usbfilter, proxy, hotkey", err);
	d->format = (enum sc_opt_format)fmt;
	if (config_setting_lookup_bool(s, "reloadable", &b))
		d->reloadable = b;
	d->max = 0x7fffffff;
	config_setting_lookup_int(s, "min", &d->min);
	config_setting_lookup_int(s, "max", &d->max);
	if (read_choices(s, d, name, err) || read_defaults(s, d, name, err))
		return err->status;
	struct sc_err e;
	if (sc_optdef_check(d, &e))
		return entry_error(s, name, e.msg, err);
	return 0;
}

/* Parses the file at path into cf: read through fileio_read, so a FIFO or a
 * device is refused at once instead of blocking or reading forever.
 * Returns 0, or the status with err filled. */
static int conf_read(config_t *cf, const char *path, struct sc_err *err)
{
	char *buf;
	size_t len;
	int rc = fileio_read(path, CONF_MAX_BYTES, &buf, &len, err);
	if (rc)
		return rc == SC_ENOTFOUND ? (err->status = SC_ERUNTIME) : rc;
	if (strlen(buf) != len)
		rc = sc_fail(err, SC_EUSAGE, "%s: a NUL byte in a configuration file", path);
	else if (!config_read_string(cf, buf))
		rc = conf_error(cf, path, err);
	free(buf);
	return rc;
}

static int load_defs(config_t *cf, struct sc_optreg *reg, const char *name, struct sc_err *err)
{
	const config_setting_t *list = config_lookup(cf, "options");
	if (!list || !config_setting_is_list(list))
		return sc_fail(err, SC_ERUNTIME, "%s: no 'options' list", name);
	int n = config_setting_length(list);
	if (n > SC_OPTS_MAX)
		return sc_fail(err, SC_ERUNTIME, "%s: more than %d options", name, SC_OPTS_MAX);
	memset(reg, 0, sizeof *reg);
	for (int i = 0; i < n; i++) {
		if (read_def(config_setting_get_elem(list, i), &reg->defs[i], name, err))
			return err->status;
		if (sc_opt_find(reg, reg->defs[i].key) >= 0)
			return entry_error(config_setting_get_elem(list, i), name,
					   "duplicate option key", err);
		reg->n = i + 1;
	}
	return 0;
}

/* The options the program itself knows (built in) hold for every file: a
 * file that lacks one (written for an older spicecfg) gets its built-in
 * definition, and a file may narrow a built-in option's range but not widen
 * it or change its type, so that no value the program cannot carry (1000
 * USB slots) is ever valid. */
static int with_builtin(struct sc_optreg *reg, const char *name, struct sc_err *err)
{
	struct sc_optreg *b = malloc(sizeof *b);
	if (!b)
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	config_t cf;
	config_init(&cf);
	int rc = config_read_string(&cf, spicecfg_optdefs_blob)
			 ? load_defs(&cf, b, "built-in options.conf", err)
			 : conf_error(&cf, "built-in options.conf", err);
	config_destroy(&cf);
	for (int i = 0; !rc && i < b->n; i++) {
		const struct sc_optdef *d = &b->defs[i];
		int k = sc_opt_find(reg, d->key);
		if (k < 0 && reg->n == SC_OPTS_MAX)
			rc = sc_fail(err, SC_ERUNTIME, "%s: more than %d options", name, SC_OPTS_MAX);
		else if (k < 0)
			reg->defs[reg->n++] = *d;
		else if (reg->defs[k].type != d->type || reg->defs[k].per_version != d->per_version)
			rc = sc_fail(err, SC_ERUNTIME, "%s: option %s must be of type %s, %s", name,
				     d->key, sc_opt_type_name(d->type),
				     d->per_version ? "per version" : "general");
		else if (reg->defs[k].min < d->min || reg->defs[k].max > d->max)
			rc = sc_fail(err, SC_ERUNTIME,
				     "%s: option %s allows %d..%d, wider than spicecfg can carry "
				     "(%d..%d); a file may narrow it only",
				     name, d->key, reg->defs[k].min, reg->defs[k].max, d->min, d->max);
	}
	free(b);
	return rc;
}

int config_load_optdefs(struct sc_optreg *reg, const char *path, struct sc_err *err)
{
	config_t cf;
	int rc;
	config_init(&cf);
	if (!path && access(SPICECFG_DATADIR "/options.conf", R_OK) == 0)
		path = SPICECFG_DATADIR "/options.conf";
	if (path) {
		rc = conf_read(&cf, path, err);
		if (!rc)
			rc = load_defs(&cf, reg, path, err);
		if (!rc)
			rc = with_builtin(reg, path, err);
	} else {
		rc = config_read_string(&cf, spicecfg_optdefs_blob)
			     ? load_defs(&cf, reg, "built-in options.conf", err)
			     : conf_error(&cf, "built-in options.conf", err);
	}
	config_destroy(&cf);
	return rc;
}

static int prefs_from(config_t *cf, struct sc_prefs *p, const char *name, struct sc_err *err)
{
	const char *s;
	int b;
	static const char *const known[] = {"db", "color", "theme", NULL};
	config_setting_t *root = config_root_setting(cf);
	for (int i = 0; i < config_setting_length(root); i++) {
		config_setting_t *e = config_setting_get_elem(root, i);
		bool ok = false;
		for (int k = 0; known[k]; k++)
			ok |= strcmp(config_setting_name(e), known[k]) == 0;
		if (!ok) {
			char what[160];
			snprintf(what, sizeof what,
				 "unknown setting '%s'; valid: db, color, theme",
				 config_setting_name(e));
			return sc_fail(err, SC_EUSAGE, "%s:%u: %s", name,
				       config_setting_source_line(e), what);
		}
	}
	config_setting_t *e;
	if ((e = config_lookup(cf, "db"))) {
		if (!(s = config_setting_get_string(e)) || sc_strlcpy(p->db, s, sizeof p->db) < 0)
			return sc_fail(err, SC_EUSAGE, "%s:%u: db must be a path string", name,
				       config_setting_source_line(e));
	}
	if ((e = config_lookup(cf, "color"))) {
		if (config_setting_type(e) != CONFIG_TYPE_BOOL)
			return sc_fail(err, SC_EUSAGE, "%s:%u: color must be true or false", name,
				       config_setting_source_line(e));
		b = config_setting_get_bool(e);
		p->color = b;
	}
	if ((e = config_lookup(cf, "theme"))) {
		if (!(s = config_setting_get_string(e)) ||
		    (strcmp(s, "default") && strcmp(s, "mono")))
			return sc_fail(err, SC_EUSAGE,
				       "%s:%u: theme must be \"default\" or \"mono\"", name,
				       config_setting_source_line(e));
		sc_strlcpy(p->theme, s, sizeof p->theme);
	}
	return 0;
}

int config_load_prefs(struct sc_prefs *p, const char *path, struct sc_err *err)
{
	char def[4096];
	bool optional = path == NULL;
	memset(p, 0, sizeof *p);
	p->color = true;
	strcpy(p->theme, "default");
	if (!path) {
		const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
		int w;
		if (x && *x)
			w = snprintf(def, sizeof def, "%s/spicecfg/spicecfg.conf", x);
		else if (h && *h)
			w = snprintf(def, sizeof def, "%s/.config/spicecfg/spicecfg.conf", h);
		else
			return 0;
		/* a path cut to fit would name another file */
		if (w < 0 || (size_t)w >= sizeof def)
			return sc_fail(err, SC_EUSAGE,
				       "the preference file path is longer than %zu bytes; "
				       "shorten XDG_CONFIG_HOME or HOME",
				       sizeof def - 1);
		path = def;
		if (access(path, F_OK) != 0)
			return 0;
	}
	config_t cf;
	config_init(&cf);
	int rc = conf_read(&cf, path, err);
	if (!rc)
		rc = prefs_from(&cf, p, path, err);
	if (rc == SC_ERUNTIME && !optional)
		rc = err->status = SC_EUSAGE; /* a bad --config argument */
	config_destroy(&cf);
	return rc;
}
