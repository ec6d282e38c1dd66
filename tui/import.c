/* The import action: files or a directory of OVF / API XML into the store
 * through the same bulk engine as `spicecfg import`, with a progress window
 * and a summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../store/bulk.h"
#include "tui.h"

#define CLASH_MAX 32

struct run {
	struct tui *t;
	WINDOW *w;
	double last;
	char *log; /* every line the import said, for the result (owned) */
	size_t len, cap;
};

/* What the result's "Import as" offers: the files refused because their
 * name or UUID is taken, and where they were going.  One import runs at a
 * time, between its dialogs. */
static struct {
	char path[CLASH_MAX][1024];
	int n;
	char cluster[SC_NAME_MAX * 4 + 1];
} clashes;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void add_line(struct run *r, const char *prefix, const char *text)
{
	size_t need = r->len + strlen(prefix) + strlen(text) * 4 + 4;
	if (need > r->cap) {
		size_t cap = need * 2;
		char *x = realloc(r->log, cap);
		if (!x)
			return;
		r->log = x;
		r->cap = cap;
	}
	/* names from files and the directory cannot reach the terminal raw */
	int n = snprintf(r->log + r->len, r->cap - r->len, "%s", prefix);
	r->len += (size_t)n;
	sc_escape(text, r->log + r->len, r->cap - r->len);
	r->len += strlen(r->log + r->len);
	r->log[r->len++] = '\n';
	r->log[r->len] = '\0';
}

static void note(void *arg, enum bulk_note kind, const char *text)
{
	static const char *const prefix[] = {"", "skipped: ", "REFUSED: "};
	add_line(arg, prefix[kind], text);
}

static void clash(void *arg, const char *path)
{
	(void)arg;
	if (clashes.n < CLASH_MAX)
		sc_strlcpy(clashes.path[clashes.n++], path, sizeof clashes.path[0]);
}

/* The import runs in this call: the window is drawn here, a few times a
 * second, since no key is read until it ends. */
static void progress(void *arg, int done, int total)
{
	struct run *r = arg;
	double t = now();
	if (!r->w || (done < total && t - r->last < 0.2))
		return;
	r->last = t;
	int width = getmaxx(r->w) - 4, fill = total ? (int)((long)done * width / total) : width;
	tui_wattr(r->t, r->w, TUI_C_DIALOG);
	tui_putf(r->w, 2, 2, width, "%d of %d files, %d%%", done, total,
	         total ? (int)((long)done * 100 / total) : 100);
	for (int x = 0; x < width; x++)
		mvwaddch(r->w, 3, 2 + x, x < fill ? '#' : '.');
	wnoutrefresh(r->w);
	doupdate();
}

/* "dir//", "dir/" and "a//b" name what "dir" and "a/b" name: the paths
 * in the result are written once, without doubled slashes. */
static void clean_path(const char *in, char *out, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; in[i] && k + 1 < n; i++)
		if (!(in[i] == '/' && k > 0 && out[k - 1] == '/'))
			out[k++] = in[i];
	while (k > 1 && out[k - 1] == '/')
		k--;
	out[k] = '\0';
}

static void import_as_name(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                           int arg);

static void import_as(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                      int arg)
{
	(void)to;
	(void)arg;
	if (a->choice != 1 || clashes.n == 0)
		return;
	char label[1200], shown[1200];
	snprintf(label, sizeof label, "New name for %s:", clashes.path[0]);
	sc_escape(label, shown, sizeof shown);
	tui_push(t, tui_prompt_new(t, "Import under another name", shown, "",
	                           (struct tui_reply){import_as_name, 0}));
}

static void run_import(struct tui *t, const char *path, const char *cluster, const char *name);

static void import_as_name(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                           int arg)
{
	(void)to;
	(void)arg;
	if (a->choice != 0 || clashes.n == 0)
		return;
	char path[1024], cluster[sizeof clashes.cluster];
	sc_strlcpy(path, clashes.path[0], sizeof path);
	sc_strlcpy(cluster, clashes.cluster, sizeof cluster);
	run_import(t, path, cluster, a->text);
}

static void run_import(struct tui *t, const char *raw_path, const char *cluster, const char *name)
{
	static const char *const ok[] = {"OK"}, *const ok_as[] = {"OK", "Import as..."};
	char path[1024];
	clean_path(raw_path, path, sizeof path);
	struct bulk_opts o = {.cluster = *cluster ? cluster : NULL,
	                      .name = name,
	                      .keep_going = true,
	                      .sniff = true,
	                      .rename_hint = "choose Import as... in the result to import it under "
	                                     "another name",
	                      .cluster_hint = "give a cluster when asked"};
	struct run r = {.t = t};
	struct bulk_sink sink = {note, progress, &r, clash};
	struct bulk_report rep;
	struct sc_err e = {0};
	clashes.n = 0;
	sc_strlcpy(clashes.cluster, cluster, sizeof clashes.cluster);
	int h = 6, w = COLS < 60 ? COLS : 60;
	if (LINES >= h && w >= 20) {
		r.w = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
		if (r.w) {
			tui_wattr(t, r.w, TUI_C_DIALOG);
			werase(r.w);
			tui_frame(t, r.w, "Import");
			tui_putf(r.w, 1, 2, w - 4, "%s", path);
			progress(&r, 0, 1);
		}
	}
	char *paths[1] = {path};
	int rc = bulk_import(t->st, t->reg, &o, paths, 1, &sink, &rep, &e);
	if (r.w) {
		delwin(r.w);
		clearok(curscr, TRUE); /* once, to repaint what the window covered */
	}
	char msg[1000];
	if (rc && !rep.refused)
		snprintf(msg, sizeof msg, "Nothing imported: %s", e.msg);
	else
		snprintf(msg, sizeof msg, "%d imported, %d skipped, %d refused (of %d files).",
		         rep.imported, rep.skipped, rep.refused, rep.files);
	tui_status(t, "%.200s", msg);
	tui_redraw_all(t);
	/* the summary, then what each file mapped, ignored or was refused for */
	struct run out = {0};
	add_line(&out, "", msg);
	if (clashes.n)
		add_line(&out, "", "Import as... imports the first refused file under another name.");
	if (r.log) {
		add_line(&out, "", "");
		size_t need = out.len + r.len + 1;
		char *x = need > out.cap ? realloc(out.log, need) : out.log;
		if (x) {
			memcpy(x + out.len, r.log, r.len + 1);
			out.log = x;
		}
	}
	/* an import with nothing to say is confirmed on the status line; what
	 * was refused, skipped, mapped or ignored opens the result with each
	 * file's lines */
	if (out.log && (rc || rep.refused || rep.skipped || rep.noted || clashes.n))
		tui_push(t, tui_dialog_new(t, "Import", out.log, clashes.n ? ok_as : ok,
		                           clashes.n ? 2 : 1, (struct tui_reply){import_as, 0}));
	free(out.log);
	free(r.log);
}

void tui_import_run(struct tui *t, const char *path, const char *cluster)
{
	run_import(t, path, cluster, NULL);
}
