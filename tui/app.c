/* tui_main(): terminal, screen stack and the input loop.  The loop reads a
 * batch of keys, lets the top screen handle each, then draws what changed
 * and calls doupdate() once. */
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "script.h"
#include "term.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

void tui_status(struct tui *t, const char *fmt, ...)
{
	char raw[sizeof t->status];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	sc_escape(raw, t->status, sizeof t->status); /* names and paths from outside */
	tui_redraw_all(t);
}

void tui_status_changes(struct tui *t, const struct store_changes *ch, const char *fmt, ...)
{
	char raw[sizeof t->status];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	size_t len = strlen(raw);
	if (ch->objects > 0 && len < sizeof raw)
		snprintf(raw + len, sizeof raw - len, "; %ld object%s changed, see History",
		         ch->objects, ch->objects == 1 ? "" : "s");
	sc_escape(raw, t->status, sizeof t->status);
	tui_redraw_all(t);
}

static char *changes_text(const struct store_changes *ch, const char *intro)
{
	size_t cap = strlen(intro) + 64 + ch->n * sizeof ch->list[0];
	char *s = malloc(cap);
	if (!s)
		return NULL;
	size_t len = (size_t)snprintf(s, cap, "%s It resets %ld object%s:\n", intro, ch->objects,
	                              ch->objects == 1 ? "" : "s");
	for (size_t i = 0; i < ch->n && len < cap; i++) {
		const struct store_change *c = &ch->list[i];
		char raw[sizeof *c], shown[sizeof *c];
		if (c->field[0])
			snprintf(raw, sizeof raw, "%s %s: %s -> %s", c->object, c->field, c->old, c->neu);
		else
			snprintf(raw, sizeof raw, "%s: %s", c->object, c->why);
		sc_escape(raw, shown, sizeof shown);
		len += (size_t)snprintf(s + len, cap - len, "%s\n", shown);
	}
	return s;
}

void tui_confirm_changes(struct tui *t, struct store_changes *ch, const char *intro,
			 struct tui_reply reply)
{
	static const char *const buttons[] = {"Apply", "Cancel"};
	char *text = changes_text(ch, intro);
	store_changes_free(ch);
	if (text)
		tui_push(t, tui_dialog_new(t, "Confirm change", text, buttons, 2, reply));
	free(text);
}

void tui_redraw_all(struct tui *t)
{
	for (struct tui_screen *s = t->top; s; s = s->below)
		s->pending |= TUI_R_DRAW;
	t->bar_drawn = 0;
}

void tui_push(struct tui *t, struct tui_screen *s)
{
	if (!s)
		return;
	s->below = t->top;
	s->pending = TUI_R_DRAW;
	t->top = s;
	if (!t->too_small)
		s->ops->layout(s, t);
	t->bar_drawn = 0;
}

/* Closes the top screen and gives its answer to the one below, which may
 * ask to close too (a form whose discard dialog said yes). */
static void pop(struct tui *t)
{
	struct tui_screen *s = t->top, *below;
	if (!s)
		return;
	t->top = below = s->below;
	for (struct tui_screen *b = t->top; b; b = b->below) {
		b->pending |= TUI_R_DRAW; /* uncovered */
		if (!b->overlay)
			break;
	}
	if (below && s->reply.fn)
		s->reply.fn(below, t, &s->answer, s->reply.arg);
	if (below && below->ops->uncovered)
		below->ops->uncovered(below, t);
	s->ops->destroy(s, t);
	t->bar_drawn = 0;
	if (t->top && (t->top->pending & TUI_R_CLOSE))
		pop(t);
}

static void relayout(struct tui *t)
{
	t->too_small = LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS;
	if (t->bar) {
		delwin(t->bar);
		t->bar = NULL;
	}
	if (t->too_small)
		return;
	t->bar = newwin(1, COLS, LINES - 1, 0);
	/* Bottom first: a dialog centres itself over its parent's new layout. */
	struct tui_screen *stack[64];
	int n = 0;
	for (struct tui_screen *s = t->top; s && n < 64; s = s->below)
		stack[n++] = s;
	while (n--)
		stack[n]->ops->layout(stack[n], t);
	tui_redraw_all(t);
}

/* The action context of a screen: tabs of one screen may bind differently. */
static unsigned screen_ctx(struct tui *t, struct tui_screen *s)
{
	return s->ops->bar_ctx ? s->ops->bar_ctx(s, t) : s->ops->ctx;
}

static unsigned bar_ctx(struct tui *t)
{
	return screen_ctx(t, t->top);
}

/* mc-style: "F1 Help  F2 New ..." from the action table. */
static void draw_bar(struct tui *t)
{
	unsigned ctx = bar_ctx(t);
	if (t->bar_drawn == ctx)
		return;
	t->bar_drawn = ctx;
	WINDOW *w = t->bar;
	werase(w);
	int x = 0;
	for (int a = 0; a < TUI_A_COUNT && x < COLS; a++) {
		const struct tui_action_info *ai = tui_action_info(a);
		if (!ai->label || !(ai->bar & ctx) ||
		    (t->top->ops->offers && !t->top->ops->offers(t->top, t, a)))
			continue;
		char key[32];
		tui_key_name(ai->keys[0], key, sizeof key);
		int need = (int)strlen(key) + tui_text_width(ai->label) + 3;
		if (x + need > COLS)
			break;
		tui_wattr(t, w, TUI_C_KEY);
		x += tui_put(w, 0, x, key, COLS - x, false);
		tui_wattr(t, w, TUI_C_KEYLABEL);
		char label[40];
		snprintf(label, sizeof label, " %s", ai->label);
		x += tui_put(w, 0, x, label, COLS - x, false);
		tui_wattr(t, w, TUI_C_NORMAL);
		if (x < COLS)
			x += tui_put(w, 0, x, " ", COLS - x, false);
	}
	wnoutrefresh(w);
}

static void draw_too_small(void)
{
	char need[48];
	snprintf(need, sizeof need, "at least %dx%d", TUI_MIN_COLS, TUI_MIN_ROWS);
	const char *msg[] = {"Terminal too small", "", "spicecfg needs", need};
	werase(stdscr);
	for (int i = 0; i < 4 && i < LINES; i++) {
		int len = (int)strlen(msg[i]), y = LINES / 2 - 2 + i;
		mvwaddnstr(stdscr, y < 0 ? 0 : y, len < COLS ? (COLS - len) / 2 : 0, msg[i], COLS);
	}
	wnoutrefresh(stdscr);
}

static void draw(struct tui *t)
{
	if (t->too_small) {
		draw_too_small();
		curs_set(0);
	} else {
		/* Screens hidden under a full-screen one are not drawn. */
		struct tui_screen *stack[64];
		int n = 0;
		for (struct tui_screen *s = t->top; s && n < 64; s = s->below) {
			stack[n++] = s;
			if (!s->overlay)
				break;
		}
		bool forced = false;
		while (n--) {
			struct tui_screen *s = stack[n];
			int what = forced ? TUI_R_DRAW : s->pending;
			if (what) {
				s->ops->draw(s, t, what & TUI_R_DRAW ? TUI_R_DRAW : TUI_R_PART);
				forced = forced || (what & TUI_R_DRAW);
			}
			s->pending = 0;
		}
		draw_bar(t);
		int y, x;
		struct tui_screen *s = t->top;
		if (s->ops->cursor && s->ops->cursor(s, t, &y, &x)) {
			setsyx(y, x);
			curs_set(1);
		} else {
			curs_set(0);
		}
	}
	tui_term_sync(t);
	doupdate();
}

static void dispatch(struct tui *t, int key)
{
	if (key == TUI_K_RESIZE) {
		relayout(t);
		return;
	}
	if (t->too_small)
		return; /* nothing is shown to act on; the edit stays as it was */
	struct tui_screen *s = t->top;
	int action = tui_action_for(key, screen_ctx(t, s));
	if ((key & TUI_ALT_FLAG) && action == TUI_A_NONE) {
		/* no Alt key here: the Esc, then the character, each as typed */
		dispatch(t, TUI_KESC);
		if (!t->quit && t->top)
			dispatch(t, key & ~TUI_ALT_FLAG);
		return;
	}
	if (action == TUI_A_SUSPEND) {
		if (tui_term_suspend(t) < 0)
			tui_status(t, "Ctrl-Z: no job control here (q quits)");
		clearok(curscr, TRUE);
		relayout(t); /* the terminal may have been resized meanwhile */
		return;
	}
	if (action == TUI_A_REDRAW) {
		/* a repaint only: no screen sees the key, so nothing changes */
		clearok(curscr, TRUE); /* the one place a full repaint is wanted */
		tui_redraw_all(t);
		return;
	}
	int r = s->ops->key(s, t, key, action);
	if (r & TUI_R_IGNORED) {
		r &= ~TUI_R_IGNORED;
		if (action == TUI_A_HELP) {
			const char *topic = s->ops->help_topic ? s->ops->help_topic(s, t) : NULL;
			tui_push(t, tui_help_new(t, topic, NULL));
		}
	}
	if (r & TUI_R_QUIT)
		t->quit = true;
	if (r & TUI_R_ALL)
		tui_redraw_all(t);
	if (r & TUI_R_CLOSE)
		pop(t);
	else
		s->pending |= r & (TUI_R_PART | TUI_R_DRAW);
	if (!t->top)
		t->quit = true;
}

/* ---- changes committed by other sessions ---- */

struct changes {
	struct tui *t;
	bool announce;
	bool options; /* a site option changed: reload the values */
	int n;
	char first[300];
};

static int note_change(const struct store_audit *a, void *arg)
{
	struct changes *c = arg;
	bool whole = strcmp(a->field, "*") == 0;
	c->options |= strncmp(a->object, "option:", 7) == 0;
	if (c->n++ == 0)
		snprintf(c->first, sizeof c->first, "%s changed %s%s%s", a->who, a->object,
		         whole ? "" : " ", whole ? "" : a->field);
	/* An open form learns that its object moved on before it saves. */
	for (struct tui_screen *s = c->t->top; c->announce && s; s = s->below)
		if (s->ops->changed_elsewhere)
			s->ops->changed_elsewhere(s, c->t, a->object, a->who);
	return 0;
}

/* Lists show what other admins saved: after our own writes the new audit
 * rows are only taken in (announce false); when idle, someone else wrote
 * them and the status line says who. */
static void watch_store(struct tui *t, bool announce)
{
	struct changes c = {t, announce, false, 0, ""};
	struct sc_err e = {0};
	struct sc_msgs notes;
	/* values the store held outside their definitions, and what was used */
	if (store_take_notes(t->st, &notes))
		tui_status(t, "%s%s", notes.m[0].text, notes.n > 1 ? " (and more)" : "");
	if (store_poll_changes(t->st, note_change, &c, &e) != SC_OK || c.n == 0)
		return;
	if (c.options)
		store_options_load(t->st, t->reg, &e);
	if (announce && c.n == 1)
		tui_status(t, "%s", c.first);
	else if (announce)
		tui_status(t, "%s (and %d more changes)", c.first, c.n - 1);
	else
		tui_redraw_all(t);
}

static int run_command(struct tui *t, const struct tui_script_ev *e, const char *file)
{
	char err[sizeof ((struct sc_err *)0)->msg];
	struct sc_err fe;
	switch (e->op) {
	case TUI_S_DUMP:
		if (tui_dump(t, e->path, err, sizeof err) == 0)
			return 0;
		/* a long script or dump path loses its middle, not the reason */
		sc_fail(&fe, SC_ERUNTIME, "%s:%d: %s", file, e->line, err);
		snprintf(t->fatal, sizeof t->fatal, "%s", fe.msg);
		return -1;
	case TUI_S_SLEEP:
		tui_sleep_ms(e->ms);
		watch_store(t, true);
		return 0;
	case TUI_S_RESIZE:
		tui_term_resize(t, e->cols, e->rows);
		relayout(t);
		return 0;
	default:
		return 0;
	}
}

/* The session is ending: screens keep unsaved work as drafts; the signal. */
static int handle_signal(struct tui *t)
{
	int sig = got_signal;
	for (struct tui_screen *s = t->top; s; s = s->below)
		if (s->ops->save_draft)
			s->ops->save_draft(s, t);
	return sig;
}

/* Returns 0, the signal that ended the session, or -1 with t->fatal set. */
static int loop(struct tui *t, const char *file)
{
	const struct tui_script_ev *cmd = NULL;
	while (!t->quit && t->top) {
		if (got_signal)
			return handle_signal(t);
		draw(t);
		int k = tui_input_get(t, true, &cmd);
		if (k == TUI_IN_END)
			break;
		if (k == TUI_IN_HANGUP) {
			got_signal = SIGHUP;
			return handle_signal(t);
		}
		if (k == TUI_IN_CMD) {
			if (run_command(t, cmd, file) < 0)
				return -1; /* t->fatal says why */
			continue;
		}
		if (k == TUI_IN_NONE)
			watch_store(t, true);
		while (k >= 0 && !t->quit && !got_signal) {
			dispatch(t, k);
			k = tui_input_get(t, false, &cmd);
		}
		watch_store(t, false);
		if (k == TUI_IN_END && !t->quit) {
			draw(t);
			break;
		}
	}
	return 0;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: a blocked read returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void free_stack(struct tui *t)
{
	while (t->top) {
		struct tui_screen *s = t->top;
		t->top = s->below;
		s->ops->destroy(s, t);
	}
	if (t->bar)
		delwin(t->bar);
	t->bar = NULL;
}

int tui_main(struct sc_session *ses, const char *script_path, int *signo, struct sc_err *err)
{
	struct tui_script *script = NULL;
	char msg[1024];
	*signo = 0;
	setlocale(LC_ALL, "");
	if (script_path) {
		if (tui_script_load(script_path, &script, msg, sizeof msg) < 0)
			return sc_fail(err, SC_EUSAGE, "%s", msg);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		return sc_fail(err, SC_EUSAGE, "the interactive screen needs a terminal; "
		                               "use a command (see --help) or --script FILE");
	}
	if (session_open(ses, err) != SC_OK) {
		tui_script_free(script);
		return err->status;
	}
	struct tui t = {.ses = ses, .st = ses->st, .reg = ses->reg};
	int topen = tui_term_open(&t, script, msg, sizeof msg);
	if (topen < 0) {
		tui_script_free(script);
		/* -2: a terminal that cannot do the job, like no terminal at all */
		return sc_fail(err, topen == -2 ? SC_EUSAGE : SC_ERUNTIME, "%s", msg);
	}
	install_signals();
	watch_store(&t, false); /* the starting point of the change feed */
	relayout(&t);
	tui_push(&t, tui_list_new(&t));
	tui_offer_draft(&t);
	int rc = loop(&t, script_path);
	free_stack(&t); /* windows go before the screen that owns them */
	tui_live_free(&t);
	tui_term_close(&t);
	tui_script_free(script);
	free(t.draft);
	if (t.fatal[0])
		return sc_fail(err, SC_ERUNTIME, "%s", t.fatal);
	if (rc > 0)
		*signo = rc;
	return SC_OK;
}
