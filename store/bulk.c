/* Bulk import: files and directories in, objects out, one transaction. */
#include "bulk.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../model/api.h"
#include "../model/ovf.h"
#include "fileio.h"

struct file_list {
	int n, cap;
	char **v;
};

static void say(const struct bulk_sink *sink, enum bulk_note kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(const struct bulk_sink *sink, enum bulk_note kind, const char *fmt, ...)
{
	char line[1200];
	va_list ap;
	if (!sink || !sink->note)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	sink->note(sink->arg, kind, line);
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
static int expand_dir(const char *dir, struct file_list *out, const struct bulk_sink *sink,
		      struct bulk_report *rep, struct sc_err *err)
{
	char real_dir[PATH_MAX], path[PATH_MAX + 256], real[PATH_MAX];
	DIR *d = opendir(dir);
	if (!d || !realpath(dir, real_dir)) {
		if (d)
			closedir(d);
		return sc_fail(err, SC_ERUNTIME, "%s: cannot read directory", dir);
	}
	struct file_list names = {0};
	int rc = 0;
	for (struct dirent *e; !rc && (e = readdir(d));)
		if (wanted_name(e->d_name) && list_add(&names, e->d_name))
			rc = sc_fail(err, SC_ERUNTIME, "out of memory");
	closedir(d);
	qsort(names.v, (size_t)names.n, sizeof *names.v, by_name);
	size_t rl = strlen(real_dir);
	for (int i = 0; !rc && i < names.n; i++) {
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
		    (!realpath(path, real) || strncmp(real, real_dir, rl) || real[rl] != '/')) {
			say(sink, BULK_SKIP, "%s: skipped: a symbolic link leading out of %s", path,
			    dir);
			rep->skipped++;
			continue;
		}
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
			continue;
		if (list_add(out, path))
			rc = sc_fail(err, SC_ERUNTIME, "out of memory");
	}
	list_free(&names);
	return rc;
}

static int expand(char *const *paths, int npaths, struct file_list *out,
		  const struct bulk_sink *sink, struct bulk_report *rep, struct sc_err *err)
{
	for (int i = 0; i < npaths; i++) {
		struct stat st;
		int rc = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)
				 ? expand_dir(paths[i], out, sink, rep, err)
			 : list_add(out, paths[i]) ? sc_fail(err, SC_ERUNTIME, "out of memory")
						   : 0;
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- one file ---- */

static void pass_notes(const struct bulk_sink *sink, const struct xmlio_notes *notes)
{
	for (int i = 0; i < notes->n; i++)
		say(sink, BULK_INFO, "%s", notes->line[i]);
}

static int read_one(const struct bulk_opts *o, const char *path, struct api_doc *doc,
		    bool *api, struct xmlio_notes *notes, struct sc_err *err)
{
	char *buf;
	size_t len;
	int rc = fileio_read(path, XMLIO_MAX_BYTES, &buf, &len, err);
	if (rc)
		return rc;
	memset(doc, 0, sizeof *doc);
	/* an OVF file is an Envelope; the API's documents are <vm> or <template> */
	*api = o->sniff ? !strstr(buf, "Envelope") : o->api;
	rc = *api ? api_read(buf, len, path, doc, notes, err)
		  : ovf_read(buf, len, path, &doc->obj, notes, err);
	free(buf);
	return rc;
}

/* Where the object goes: the given cluster, else the one the file names. */
static int place(struct sc_store *st, const struct bulk_opts *o, const char *path,
		 struct sc_object *obj, struct xmlio_notes *notes, struct sc_err *err)
{
	struct sc_cluster c;
	struct sc_object t;
	if (o->cluster)
		sc_strlcpy(obj->cluster, o->cluster, sizeof obj->cluster);
	else if (!obj->cluster[0])
		return sc_fail(err, SC_EUSAGE, "%s: the file names no cluster; use --cluster C",
			       path);
	int rc = store_cluster_get(st, obj->cluster, &c, err);
	if (rc == SC_ENOTFOUND)
		return sc_fail(err, SC_ENOTFOUND, "%s: no cluster '%s'%s", path, obj->cluster,
			       o->cluster ? "" : " (named in the file); use --cluster C");
	if (rc)
		return rc;
	if (o->name) {
		sc_strlcpy(obj->name, o->name, sizeof obj->name);
		obj->uuid[0] = '\0'; /* a copy is a new object */
	}
	if (obj->tmpl[0] && store_object_get(st, SC_TEMPLATE, obj->tmpl, &t, err)) {
		xmlio_note(notes, "%s: template '%s' is not in the store: imported without one",
			   path, obj->tmpl);
		obj->tmpl[0] = '\0';
	}
	return SC_OK;
}

static int import_one(struct sc_store *st, const struct sc_optreg *reg,
		      const struct bulk_opts *o, const char *path, const struct bulk_sink *sink,
		      struct sc_err *err)
{
	struct api_doc doc;
	struct sc_ctx ctx;
	struct xmlio_notes notes = {0};
	struct sc_object *obj = &doc.obj;
	bool api = o->api;
	int rc = read_one(o, path, &doc, &api, &notes, err);
	if (!rc)
		rc = place(st, o, path, obj, &notes, err);
	if (!rc)
		rc = store_ctx(st, reg, obj->cluster, &ctx, err);
	if (!rc) {
		/* Not carried by the file: the site's default applies. */
		obj->usb_autoshare = ctx.site.usb_autoshare;
		rc = api ? api_fit(&doc, &ctx, path, &notes, err)
			 : ovf_fit(obj, &ctx, path, &notes, err);
	}
	if (!rc && (rc = store_object_add(st, obj, err)) == SC_EEXIST)
		sc_fail(err, SC_EEXIST, "%s: %s '%s' already exists; use --name N to import a copy",
			path, sc_kind_name(obj->kind), obj->name);
	pass_notes(sink, &notes);
	if (!rc)
		say(sink, BULK_INFO, "%s: imported %s '%s' into cluster '%s'", path,
		    sc_kind_name(obj->kind), obj->name, obj->cluster);
	xmlio_notes_free(&notes);
	return rc;
}

/* Orders statuses for the exit code: usage (2) over runtime (1). */
static int worse(int a, int b)
{
	return sc_exit_code(b) > sc_exit_code(a) ? b : a;
}

static int import_list(struct sc_store *st, const struct sc_optreg *reg,
		       const struct bulk_opts *o, const struct file_list *f,
		       const struct bulk_sink *sink, struct bulk_report *rep, struct sc_err *err)
{
	struct sc_err e1 = {0}, first = {0};
	int worst = SC_OK;
	if (store_begin(st, err))
		return err->status;
	for (int i = 0; i < f->n; i++) {
		int rc = import_one(st, reg, o, f->v[i], sink, &e1);
		if (sink && sink->progress)
			sink->progress(sink->arg, i + 1, f->n);
		if (!rc) {
			rep->imported++;
			continue;
		}
		rep->refused++;
		say(sink, BULK_REFUSED, "%s", e1.msg);
		if (!first.status)
			first = e1;
		worst = worse(worst, rc);
		if (!o->keep_going)
			break;
	}
	if (worst && (!o->keep_going || !rep->imported)) {
		store_rollback(st);
		rep->imported = 0;
		*err = first;
		return worst;
	}
	if (store_commit(st, err)) {
		store_rollback(st);
		rep->imported = 0;
		return err->status;
	}
	if (worst)
		*err = first;
	return worst;
}

int bulk_import(struct sc_store *st, const struct sc_optreg *reg, const struct bulk_opts *o,
		char *const *paths, int npaths, const struct bulk_sink *sink,
		struct bulk_report *rep, struct sc_err *err)
{
	struct file_list files = {0};
	memset(rep, 0, sizeof *rep);
	int rc = expand(paths, npaths, &files, sink, rep, err);
	rep->files = files.n;
	if (!rc && files.n == 0)
		rc = sc_fail(err, SC_EUSAGE, "no *.ovf or *.xml files to import");
	if (!rc && o->name && files.n != 1)
		rc = sc_fail(err, SC_EUSAGE, "--name needs exactly one file to import; got %d",
			     files.n);
	if (!rc)
		rc = import_list(st, reg, o, &files, sink, rep, err);
	list_free(&files);
	return rc;
}
