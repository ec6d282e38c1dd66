/* The import action: files or a directory of OVF / API XML into the store
 * through the same bulk engine as `spicecfg import`, with a progress window
 * and a summary. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../store/bulk.h"
#include "tui.h"

struct run {
	struct tui *t;
	WINDOW *w;
	double last;
	char first_refusal[600];
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void note(void *arg, enum bulk_note kind, const char *text)
{
	struct run *r = arg;
	if (kind == BULK_REFUSED && !r->first_refusal[0])
		sc_strlcpy(r->first_refusal, text, sizeof r->first_refusal);
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

void tui_import_run(struct tui *t, const char *path, const char *cluster)
{
	static const char *const ok[] = {"OK"};
	struct bulk_opts o = {.cluster = *cluster ? cluster : NULL, .sniff = true};
	struct run r = {.t = t};
	struct bulk_sink sink = {note, progress, &r};
	struct bulk_report rep;
	struct sc_err e = {0};
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
	char *paths[1] = {(char *)path};
	int rc = bulk_import(t->st, t->reg, &o, paths, 1, &sink, &rep, &e);
	if (r.w) {
		delwin(r.w);
		clearok(curscr, TRUE); /* once, to repaint what the window covered */
	}
	char msg[1000];
	if (rc && !rep.refused)
		snprintf(msg, sizeof msg, "Nothing imported: %s", e.msg);
	else if (rc)
		snprintf(msg, sizeof msg, "Nothing imported: %d of %d files refused. %s",
		         rep.refused, rep.files, r.first_refusal);
	else
		snprintf(msg, sizeof msg, "%d imported, %d skipped, %d refused.", rep.imported,
		         rep.skipped, rep.refused);
	tui_status(t, "%.200s", msg);
	tui_redraw_all(t);
	char shown[sizeof msg];
	sc_escape(msg, shown, sizeof shown); /* file names from the directory */
	tui_push(t, tui_dialog_new(t, "Import", shown, ok, 1, TUI_NO_REPLY));
}
