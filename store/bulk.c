/* Bulk import: files and directories in, objects out, one transaction. */
#include "bulk.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../model/api.h"
#include "../model/ovf.h"
#include "fileio.h"
#include "store_impl.h"

/* One file to import: a path the user gave (dirfd -1), or a name found in
 * a listed directory, opened relative to it. */
struct src {
	char *path;       /* for messages */
	const char *name; /* in path, the name inside the directory */
	int dir;          /* index in file_list.dirs, or -1 */
};

struct dir_ref {
	int fd;
	char real[4096];
};

struct file_list {
	int n, cap;
	struct src *v;
	int ndirs, dcap;
	struct dir_ref *dirs;
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

static int list_add(struct file_list *l, const char *path, int dir)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		struct src *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	struct src *f = &l->v[l->n];
	if (!(f->path = strdup(path)))
		return -1;
	const char *slash = strrchr(f->path, '/');
	f->name = slash ? slash + 1 : f->path;
	f->dir = dir;
	l->n++;
	return 0;
}

static void list_free(struct file_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	for (int i = 0; i < l->ndirs; i++)
		close(l->dirs[i].fd);
	free(l->dirs);
}

/* Keeps dir open for the reads that follow its listing. */
static int dir_add(struct file_list *l, const char *dir, struct sc_err *err)
{
	if (l->ndirs == l->dcap) {
		int cap = l->dcap ? l->dcap * 2 : 4;
		struct dir_ref *v = realloc(l->dirs, (size_t)cap * sizeof *v);
		if (!v)
			return sc_fail(err, SC_ERUNTIME, "out of memory"), -1;
		l->dirs = v;
		l->dcap = cap;
	}
	struct dir_ref *d = &l->dirs[l->ndirs];
	d->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->fd < 0)
		return sc_fail(err, SC_ERUNTIME, "%s: cannot read directory: %s", dir,
			       strerror(errno)), -1;
	if (fileio_dir_real(d->fd, dir, d->real, sizeof d->real, err)) {
		close(d->fd);
		return -1;
	}
	return l->ndirs++;
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

/* Whether the link name in d leads to a file inside d (at listing time;
 * the open checks again). */
static bool link_inside(const struct dir_ref *d, const char *name)
{
	char path[4096 + 256], real[PATH_MAX];
	size_t rl = strlen(d->real);
	snprintf(path, sizeof path, "%s/%s", d->real, name);
	return realpath(path, real) && strncmp(real, d->real, rl) == 0 &&
	       (real[rl] == '/' || rl == 1);
}

/* A directory's *.ovf and *.xml files in name order.  What the listing
 * sees only chooses the names: each file is opened later relative to the
 * open directory and checked again once open (fileio_read_at). */
static int expand_dir(const char *dir, struct file_list *out, const struct bulk_sink *sink,
		      struct bulk_report *rep, struct sc_err *err)
{
	char path[4096 + 256];
	int di = dir_add(out, dir, err);
	if (di < 0)
		return err->status;
	const struct dir_ref *d = &out->dirs[di];
	int lfd = dup(d->fd);
	DIR *dp = lfd >= 0 ? fdopendir(lfd) : NULL;
	if (!dp) {
		if (lfd >= 0)
			close(lfd);
		return sc_fail(err, SC_ERUNTIME, "%s: cannot read directory: %s", dir,
			       strerror(errno));
	}
	struct names {
		int n, cap;
		char **v;
	} names = {0};
	int rc = 0;
	for (struct dirent *e; !rc && (e = readdir(dp));) {
		if (!wanted_name(e->d_name))
			continue;
		if (names.n == names.cap) {
			int cap = names.cap ? names.cap * 2 : 16;
			char **v = realloc(names.v, (size_t)cap * sizeof *v);
			if (!v) {
				rc = sc_fail(err, SC_ERUNTIME, "out of memory");
				break;
			}
			names.v = v;
			names.cap = cap;
		}
		if (!(names.v[names.n] = strdup(e->d_name)))
			rc = sc_fail(err, SC_ERUNTIME, "out of memory");
		else
			names.n++;
	}
	closedir(dp);
	if (names.n)
		qsort(names.v, (size_t)names.n, sizeof *names.v, by_name);
	for (int i = 0; !rc && i < names.n; i++) {
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, names.v[i]);
		/* passed over now with a word, refused later if it changes */
		if (fstatat(d->fd, names.v[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode) &&
		    !link_inside(d, names.v[i])) {
			say(sink, BULK_SKIP, "%s: skipped: a symbolic link leading out of %s", path,
			    dir);
			rep->skipped++;
			continue;
		}
		if (fstatat(d->fd, names.v[i], &st, 0) == 0 && !S_ISREG(st.st_mode))
			continue;
		if (list_add(out, path, di))
			rc = sc_fail(err, SC_ERUNTIME, "out of memory");
	}
	for (int i = 0; i < names.n; i++)
		free(names.v[i]);
	free(names.v);
	return rc;
}

static int expand(char *const *paths, int npaths, struct file_list *out,
		  const struct bulk_sink *sink, struct bulk_report *rep, struct sc_err *err)
{
	for (int i = 0; i < npaths; i++) {
		struct stat st;
		int rc = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)
				 ? expand_dir(paths[i], out, sink, rep, err)
			 : list_add(out, paths[i], -1) ? sc_fail(err, SC_ERUNTIME, "out of memory")
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

/* A file read and parsed, before the store is touched. */
struct parsed {
	struct api_doc doc;
	bool api;
	struct xmlio_notes notes;
	int rc;
	struct sc_err err;
};

static int read_one(const struct bulk_opts *o, const struct file_list *l, const struct src *f,
		    struct parsed *p)
{
	char *buf;
	size_t len;
	struct sc_err *err = &p->err;
	int rc = f->dir < 0 ? fileio_read(f->path, XMLIO_MAX_BYTES, &buf, &len, err)
			    : fileio_read_at(l->dirs[f->dir].fd, l->dirs[f->dir].real, f->name,
					     f->path, XMLIO_MAX_BYTES, &buf, &len, err);
	if (rc)
		return rc;
	memset(&p->doc, 0, sizeof p->doc);
	/* an OVF file is an Envelope; the API's documents are <vm> or <template> */
	p->api = o->sniff ? !strstr(buf, "Envelope") : o->api;
	rc = p->api ? api_read(buf, len, f->path, &p->doc, &p->notes, err)
		    : ovf_read(buf, len, f->path, &p->doc.obj, &p->notes, err);
	free(buf);
	return rc;
}

/* ---- UUIDs already taken: the store's, and this import's ---- */

struct uuid_slot {
	char uuid[SC_UUID_LEN + 1]; /* lower case; "" = empty slot */
	enum sc_kind kind;
	char name[SC_NAME_MAX + 1];
};

struct uuid_set {
	size_t cap, n; /* cap a power of two */
	struct uuid_slot *v;
};

static size_t uuid_hash(const char *u)
{
	size_t h = 5381;
	for (; *u; u++)
		h = h * 33 + (unsigned char)*u;
	return h;
}

static struct uuid_slot *uuid_find(struct uuid_set *s, const char *uuid)
{
	char low[SC_UUID_LEN + 1];
	size_t k = 0;
	for (; uuid[k] && k < SC_UUID_LEN; k++)
		low[k] = (char)tolower((unsigned char)uuid[k]);
	low[k] = '\0';
	size_t i = uuid_hash(low) & (s->cap - 1);
	while (s->v[i].uuid[0] && strcmp(s->v[i].uuid, low))
		i = (i + 1) & (s->cap - 1);
	if (!s->v[i].uuid[0])
		memcpy(s->v[i].uuid, low, k + 1), s->v[i].name[0] = '\0';
	return &s->v[i];
}

static int uuid_put(struct uuid_set *s, const char *uuid, enum sc_kind kind, const char *name)
{
	if (!uuid[0])
		return 0;
	if ((s->n + 1) * 2 > s->cap) {
		struct uuid_set g = {s->cap ? s->cap * 2 : 1024, 0, NULL};
		if (!(g.v = calloc(g.cap, sizeof *g.v)))
			return -1;
		for (size_t i = 0; i < s->cap; i++)
			if (s->v[i].uuid[0])
				*uuid_find(&g, s->v[i].uuid) = s->v[i], g.n++;
		free(s->v);
		*s = g;
	}
	struct uuid_slot *e = uuid_find(s, uuid);
	if (!e->name[0])
		s->n++;
	e->kind = kind;
	sc_strlcpy(e->name, name, sizeof e->name);
	return 0;
}

/* The owner of uuid, or NULL. */
static const struct uuid_slot *uuid_owner(struct uuid_set *s, const char *uuid)
{
	if (!uuid[0] || !s->cap)
		return NULL;
	struct uuid_slot *e = uuid_find(s, uuid);
	if (e->name[0])
		return e;
	e->uuid[0] = '\0'; /* uuid_find claimed the slot for a lookup only */
	return NULL;
}

static const char SQL_UUIDS[] = "SELECT kind, name, uuid FROM objects";

/* Read inside the write transaction: nobody adds one behind our back. */
static int uuids_load(struct sc_store *st, struct uuid_set *s, struct sc_err *err)
{
	struct db_stmt *q = store_prep(st, SQL_UUIDS, err);
	int r;
	if (!q)
		return err->status;
	while ((r = db_step(q)) == DB_ROW) {
		enum sc_kind k = SC_VM;
		for (int i = 0; i < 3; i++)
			if (!strcmp(db_col_text(q, 0), sc_kind_name((enum sc_kind)i)))
				k = (enum sc_kind)i;
		if (uuid_put(s, db_col_text(q, 2), k, db_col_text(q, 1)))
			return sc_fail(err, SC_ERUNTIME, "out of memory");
	}
	db_reset(q);
	return r == DB_DONE ? 0 : store_sql_fail(st, err, "read the objects' UUIDs");
}

/* A file's UUID that another object already has: the file is a copy (an
 * exported OVF renamed), or the same object again.  Refused either way,
 * naming the holder; --name imports a copy under a new UUID. */
#define RENAME_HINT(o)  ((o)->rename_hint ? (o)->rename_hint : "use --name N to import a copy")
#define CLUSTER_HINT(o) ((o)->cluster_hint ? (o)->cluster_hint : "use --cluster C")

static int uuid_check(const struct bulk_opts *o, struct uuid_set *s, const char *path,
		      const struct sc_object *obj, struct sc_err *err)
{
	const struct uuid_slot *e = uuid_owner(s, obj->uuid);
	if (!e || (e->kind == obj->kind && !strcmp(e->name, obj->name)))
		return SC_OK; /* same object: "already exists" is said by the insert */
	return sc_fail(err, SC_EEXIST,
		       "%s: UUID %s of %s '%s' is already %s '%s' in the store (a file exported "
		       "from it and renamed?); %s with a new UUID",
		       path, obj->uuid, sc_kind_name(obj->kind), obj->name, sc_kind_name(e->kind),
		       e->name, RENAME_HINT(o));
}

/* ---- into the store ---- */

/* The rules of the cluster the last file went into: an import puts most
 * files into one cluster, and nothing it does changes a cluster or a site
 * option, so within its transaction one lookup serves them all. */
struct last_cluster {
	char name[SC_NAME_MAX + 1]; /* "" = none yet */
	struct sc_ctx ctx;
};

static int cluster_ctx(struct sc_store *st, const struct sc_optreg *reg, const char *cluster,
		       struct last_cluster *last, struct sc_ctx *ctx, struct sc_err *err)
{
	if (!last->name[0] || strcmp(last->name, cluster) != 0) {
		if (store_ctx(st, reg, cluster, &last->ctx, err))
			return err->status;
		sc_strlcpy(last->name, cluster, sizeof last->name);
	}
	*ctx = last->ctx;
	return SC_OK;
}

/* Where the object goes: the given cluster, else the one the file names. */
static int place(struct sc_store *st, const struct bulk_opts *o, const char *path,
		 struct sc_object *obj, struct xmlio_notes *notes, const struct last_cluster *last,
		 struct sc_err *err)
{
	struct sc_cluster c;
	struct sc_object t;
	if (o->cluster)
		sc_strlcpy(obj->cluster, o->cluster, sizeof obj->cluster);
	else if (!obj->cluster[0])
		return sc_fail(err, SC_EUSAGE, "%s: the file names no cluster; %s", path,
			       CLUSTER_HINT(o));
	int rc = last->name[0] && strcmp(last->name, obj->cluster) == 0
			 ? SC_OK /* found for the file before */
			 : store_cluster_get(st, obj->cluster, &c, err);
	if (rc == SC_ENOTFOUND)
		return sc_fail(err, SC_ENOTFOUND, "%s: no cluster '%s'%s%s", path, obj->cluster,
			       o->cluster ? "" : " (named in the file); ",
			       o->cluster ? "" : CLUSTER_HINT(o));
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
		      const struct bulk_opts *o, const char *path, struct parsed *p,
		      struct uuid_set *uuids, struct last_cluster *last,
		      const struct bulk_sink *sink, struct sc_err *err)
{
	struct sc_ctx ctx;
	struct sc_object *obj = &p->doc.obj, old;
	int rc = place(st, o, path, obj, &p->notes, last, err);
	if (!rc)
		rc = cluster_ctx(st, reg, obj->cluster, last, &ctx, err);
	if (!rc) {
		/* Not carried by the file: the site's default applies. */
		obj->usb_autoshare = ctx.site.usb_autoshare;
		rc = p->api ? api_fit(&p->doc, &ctx, path, &p->notes, err)
			    : ovf_fit(obj, &ctx, path, &p->notes, err);
	}
	if (!rc)
		rc = uuid_check(o, uuids, path, obj, err);
	/* Asked before the insert: a refused insert would roll back the
	 * whole import, the files that went before included. */
	if (!rc) {
		rc = store_object_get(st, obj->kind, obj->name, &old, err);
		if (rc == SC_ENOTFOUND)
			rc = store_object_add(st, obj, err);
		else if (rc == SC_OK)
			rc = SC_EEXIST;
		if (rc == SC_EEXIST)
			sc_fail(err, SC_EEXIST, "%s: %s '%s' already exists; %s", path,
				sc_kind_name(obj->kind), obj->name, RENAME_HINT(o));
	}
	if (!rc && uuid_put(uuids, obj->uuid, obj->kind, obj->name))
		rc = sc_fail(err, SC_ERUNTIME, "out of memory");
	pass_notes(sink, &p->notes);
	if (!rc)
		say(sink, BULK_INFO, "%s: imported %s '%s' into cluster '%s'", path,
		    sc_kind_name(obj->kind), obj->name, obj->cluster);
	return rc;
}

/* Orders statuses for the exit code: usage (2) over runtime (1). */
static int worse(int a, int b)
{
	return sc_exit_code(b) > sc_exit_code(a) ? b : a;
}

/* Every file read and parsed before the write transaction starts, so a
 * slow or hostile file never holds the store's lock; without keep_going
 * the first bad one ends the import before the store is touched. */
static int parse_all(const struct bulk_opts *o, const struct file_list *f, struct parsed *p,
		     const struct bulk_sink *sink)
{
	for (int i = 0; i < f->n; i++) {
		p[i].rc = read_one(o, f, &f->v[i], &p[i]);
		if (sink && sink->progress)
			sink->progress(sink->arg, i + 1, f->n);
		if (p[i].rc && !o->keep_going)
			return i + 1;
	}
	return f->n;
}

/* An import of at least BULK_REBUILD_MIN files into a store holding no
 * more objects than that drops the sort indexes and builds them once
 * after its rows, in its transaction (as demo does): building an index
 * costs a fraction of keeping it sorted row by row, and the rows already
 * there are few. */
enum { BULK_REBUILD_MIN = 200 };

static int bulk_rebuild_wanted(struct sc_store *st, int files, bool *rebuild, struct sc_err *err)
{
	*rebuild = false;
	if (files < BULK_REBUILD_MIN)
		return 0;
	long total = 0;
	for (int k = SC_VM; k <= SC_POOL; k++) {
		long have;
		if (store_count(st, (enum sc_kind)k, NULL, &have, err))
			return err->status;
		total += have;
	}
	*rebuild = total <= files;
	return 0;
}

static int import_list(struct sc_store *st, const struct sc_optreg *reg,
		       const struct bulk_opts *o, const struct file_list *f,
		       const struct bulk_sink *sink, struct bulk_report *rep, struct sc_err *err)
{
	struct sc_err first = {0};
	struct uuid_set uuids = {0};
	struct last_cluster last = {{0}};
	int worst = SC_OK;
	struct parsed *p = calloc((size_t)f->n, sizeof *p);
	if (!p)
		return sc_fail(err, SC_ERUNTIME, "out of memory");
	int n = parse_all(o, f, p, sink);
	bool stop = n < f->n || (p[n - 1].rc && !o->keep_going);
	int rc = stop ? 0 : store_begin(st, err);
	if (!rc && !stop)
		rc = uuids_load(st, &uuids, err);
	/* the new rows go into the filter's index together, at the end; many
	 * rows into a store of fewer go into the sort indexes the same way */
	bool rebuild = false;
	if (!rc && !stop)
		rc = bulk_rebuild_wanted(st, n, &rebuild, err);
	if (!rc && !stop)
		rc = rebuild ? store_bulk_indexes(st, false, err) : store_bulk_filter(st, false, err);
	if (rc) {
		store_rollback(st);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		int r = p[i].rc;
		if (!r && !stop)
			r = import_one(st, reg, o, f->v[i].path, &p[i], &uuids, &last, sink,
				       &p[i].err);
		else if (r)
			pass_notes(sink, &p[i].notes);
		else
			continue; /* read, but the import stopped at a later file */
		rep->noted += p[i].notes.n > 0;
		if (!r) {
			rep->imported++;
			continue;
		}
		rep->refused++;
		say(sink, BULK_REFUSED, "%s", p[i].err.msg);
		if (r == SC_EEXIST && sink && sink->clash)
			sink->clash(sink->arg, f->v[i].path);
		if (!first.status)
			first = p[i].err;
		worst = worse(worst, r);
		if (!o->keep_going)
			break;
	}
	if (worst && (!o->keep_going || !rep->imported)) {
		store_rollback(st);
		rep->imported = 0;
		*err = first;
		rc = worst;
	} else if ((rebuild ? store_bulk_indexes(st, true, err) : store_bulk_filter(st, true, err)) ||
		   store_commit(st, err)) {
		store_rollback(st);
		rep->imported = 0;
		rc = err->status;
	} else {
		if (worst)
			*err = first;
		rc = worst;
	}
out:
	for (int i = 0; i < f->n; i++)
		xmlio_notes_free(&p[i].notes);
	free(p);
	free(uuids.v);
	return rc;
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
