/* `spicecfg import ovf|api PATH... [--cluster C] [--name N] [--keep-going]`:
 * every file in one transaction, so a failed import changes nothing. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../model/api.h"
#include "../model/ovf.h"
#include "../store/fileio.h"
#include "cli.h"

struct import_args {
	bool api; /* else ovf */
	const char *cluster, *name;
	bool keep_going;
	int npaths;
	char **paths;
};

struct file_list {
	int n, cap;
	char **v;
};

static const char *const IMPORT_USAGE =
	"usage: spicecfg import ovf|api PATH... [--cluster C] [--name N] [--keep-going]";

static int parse_args(int argc, char **argv, struct import_args *a)
{
	memset(a, 0, sizeof *a);
	if (argc < 2)
		return cli_fail(SC_EUSAGE, "%s", IMPORT_USAGE);
	if (strcmp(argv[1], "ovf") && strcmp(argv[1], "api"))
		return cli_fail(SC_EUSAGE, "unknown import format '%s'; valid: ovf, api", argv[1]);
	a->api = strcmp(argv[1], "api") == 0;
	a->paths = calloc((size_t)argc, sizeof *a->paths);
	if (!a->paths)
		return cli_fail(SC_ERUNTIME, "out of memory");
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		if (strcmp(o, "--cluster") == 0 || strcmp(o, "--name") == 0) {
			if (i + 1 >= argc)
				return cli_fail(SC_EUSAGE, "%s needs a value", o);
			*(o[2] == 'c' ? &a->cluster : &a->name) = argv[++i];
		} else if (strcmp(o, "--keep-going") == 0 || strcmp(o, "-k") == 0) {
			a->keep_going = true;
		} else if (o[0] == '-' && o[1]) {
			return cli_fail(SC_EUSAGE, "unknown option '%s'; %s", o, IMPORT_USAGE);
		} else {
			a->paths[a->npaths++] = argv[i];
		}
	}
	if (!a->npaths)
		return cli_fail(SC_EUSAGE, "import needs at least one file or directory; %s",
				IMPORT_USAGE);
	if (a->name && !sc_name_valid(a->name))
		return cli_fail(SC_EUSAGE, "invalid --name '%s'; valid: 1-64 characters of A-Z a-z "
					   "0-9 . _ -", a->name);
	return 0;
}

static int list_add(struct file_list *l, const char *path)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(path)))
		return -1;
	l->n++;
	return 0;
}

static void list_free(struct file_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static bool wanted_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 4 &&
	       (strcmp(name + n - 4, ".ovf") == 0 || strcmp(name + n - 4, ".xml") == 0);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's *.ovf and *.xml files in name order.  A symlink is taken
 * only if it resolves to a file inside the directory. */
static int expand_dir(struct cli *cli, const char *dir, struct file_list *out)
{
	char real_dir[PATH_MAX], path[PATH_MAX + 256], real[PATH_MAX];
	DIR *d = opendir(dir);
	if (!d || !realpath(dir, real_dir)) {
		if (d)
			closedir(d);
		return cli_fail(SC_ERUNTIME, "%s: cannot read directory", dir);
	}
	struct file_list names = {0};
	for (struct dirent *e; (e = readdir(d));)
		if (wanted_name(e->d_name) && list_add(&names, e->d_name))
			break;
	closedir(d);
	qsort(names.v, (size_t)names.n, sizeof *names.v, by_name);
	size_t rl = strlen(real_dir);
	for (int i = 0; i < names.n; i++) {
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
		    (!realpath(path, real) || strncmp(real, real_dir, rl) || real[rl] != '/')) {
			cli_warn(cli, "%s: skipped: a symbolic link leading out of %s", path, dir);
			continue;
		}
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
			continue;
		list_add(out, path);
	}
	list_free(&names);
	return 0;
}

static int expand(struct cli *cli, const struct import_args *a, struct file_list *out)
{
	for (int i = 0; i < a->npaths; i++) {
		struct stat st;
		int rc = stat(a->paths[i], &st) == 0 && S_ISDIR(st.st_mode)
				 ? expand_dir(cli, a->paths[i], out)
				 : list_add(out, a->paths[i]) ? cli_fail(SC_ERUNTIME, "out of memory") : 0;
		if (rc)
			return rc;
	}
	if (a->name && out->n != 1)
		return cli_fail(SC_EUSAGE, "--name needs exactly one file to import; got %d",
				out->n);
	return 0;
}

/* ---- one file ---- */

static void print_notes(struct cli *cli, const struct xmlio_notes *notes)
{
	for (int i = 0; !cli->quiet && i < notes->n; i++)
		fprintf(stderr, "spicecfg: %s\n", notes->line[i]);
}

static int read_one(const struct import_args *a, const char *path, struct api_doc *doc,
		    struct xmlio_notes *notes, struct sc_err *err)
{
	char *buf;
	size_t len;
	int rc = fileio_read(path, XMLIO_MAX_BYTES, &buf, &len, err);
	if (rc)
		return rc;
	memset(doc, 0, sizeof *doc);
	rc = a->api ? api_read(buf, len, path, doc, notes, err)
		    : ovf_read(buf, len, path, &doc->obj, notes, err);
	free(buf);
	return rc;
}

/* Where the object goes: --cluster, else the cluster the file names. */
static int place(struct cli *cli, const struct import_args *a, const char *path,
		 struct sc_object *o, struct xmlio_notes *notes, struct sc_err *err)
{
	struct sc_cluster c;
	struct sc_object t;
	if (a->cluster)
		sc_strlcpy(o->cluster, a->cluster, sizeof o->cluster);
	else if (!o->cluster[0])
		return sc_fail(err, SC_EUSAGE, "%s: the file names no cluster; use --cluster C",
			       path);
	int rc = store_cluster_get(cli->st, o->cluster, &c, err);
	if (rc == SC_ENOTFOUND)
		return sc_fail(err, SC_ENOTFOUND, "%s: no cluster '%s'%s", path, o->cluster,
			       a->cluster ? "" : " (named in the file); use --cluster C");
	if (rc)
		return rc;
	if (a->name) {
		sc_strlcpy(o->name, a->name, sizeof o->name);
		o->uuid[0] = '\0'; /* a copy is a new object */
	}
	if (o->tmpl[0] && store_object_get(cli->st, SC_TEMPLATE, o->tmpl, &t, err)) {
		xmlio_note(notes, "%s: template '%s' is not in the store: imported without one",
			   path, o->tmpl);
		o->tmpl[0] = '\0';
	}
	return SC_OK;
}

static int import_one(struct cli *cli, const struct import_args *a, const char *path,
		      struct sc_err *err)
{
	struct api_doc doc;
	struct sc_ctx ctx;
	struct xmlio_notes notes = {0};
	struct sc_object *o = &doc.obj;
	int rc = read_one(a, path, &doc, &notes, err);
	if (!rc)
		rc = place(cli, a, path, o, &notes, err);
	if (!rc)
		rc = store_ctx(cli->st, cli->reg, o->cluster, &ctx, err);
	if (!rc) {
		/* Not carried by the file: the site's default applies. */
		o->usb_autoshare = ctx.site.usb_autoshare;
		rc = a->api ? api_fit(&doc, &ctx, path, &notes, err)
			    : ovf_fit(o, &ctx, path, &notes, err);
	}
	if (!rc && (rc = store_object_add(cli->st, o, err)) == SC_EEXIST)
		sc_fail(err, SC_EEXIST, "%s: %s '%s' already exists; use --name N to import a copy",
			path, sc_kind_name(o->kind), o->name);
	print_notes(cli, &notes);
	if (!rc && !cli->quiet)
		fprintf(stderr, "spicecfg: %s: imported %s '%s' into cluster '%s'\n", path,
			sc_kind_name(o->kind), o->name, o->cluster);
	xmlio_notes_free(&notes);
	return rc;
}

/* ---- all files ---- */

static void progress(const struct cli *cli, int done, int total)
{
	if (cli->quiet || total < 2 || !isatty(STDERR_FILENO))
		return;
	int w = 30, fill = done * w / total;
	fprintf(stderr, "\r[%.*s%*s] %d/%d", fill, "##############################", w - fill, "",
		done, total);
	if (done == total)
		fputc('\n', stderr);
}

static int import_all(struct cli *cli, const struct import_args *a, const struct file_list *f)
{
	struct sc_err err = {0};
	int worst = 0, ok = 0;
	if (store_begin(cli->st, &err))
		return cli_fail_err(&err);
	for (int i = 0; i < f->n; i++) {
		int rc = import_one(cli, a, f->v[i], &err);
		progress(cli, i + 1, f->n);
		if (!rc) {
			ok++;
			continue;
		}
		int code = cli_fail_err(&err);
		worst = code > worst ? code : worst;
		if (!a->keep_going) {
			store_rollback(cli->st);
			if (f->n > 1)
				cli_fail(err.status, "nothing imported (use --keep-going to skip bad files)");
			return code;
		}
	}
	if (!ok) {
		store_rollback(cli->st);
		return worst;
	}
	if (store_commit(cli->st, &err)) {
		store_rollback(cli->st);
		return cli_fail_err(&err);
	}
	if (worst && !cli->quiet)
		fprintf(stderr, "spicecfg: imported %d of %d files\n", ok, f->n);
	return worst;
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	struct import_args a;
	struct file_list files = {0};
	struct sc_err err = {0};
	struct sc_cluster c;
	int rc = parse_args(argc, argv, &a);
	if (!rc)
		rc = expand(cli, &a, &files);
	if (!rc && files.n == 0)
		rc = cli_fail(SC_EUSAGE, "no *.ovf or *.xml files to import");
	if (!rc && cli_open_store(cli, &err))
		rc = cli_fail_err(&err);
	if (!rc && a.cluster && store_cluster_get(cli->st, a.cluster, &c, &err))
		rc = cli_fail_err(&err);
	if (!rc)
		rc = import_all(cli, &a, &files);
	list_free(&files);
	free(a.paths);
	return rc;
}
