/* The terminal: setup and teardown, the color table, input (keyboard or
 * script) and the text dump used by scripted tests. */
#include "term.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../model/sbuf.h"
#include "../store/fileio.h"
#include "script.h"

/* A human presses Esc, then a digit: wait this long for the digit.  A
 * lone Esc acts only after it, so it is as short as a quick Esc-digit
 * allows (a key pair typed by one hand is well inside it). */
#define ESC_DIGIT_MS 250
/* Blocking reads wake up this often so that signals are seen promptly even
 * where ncurses restarts interrupted reads. */
#define POLL_MS 500

struct tui_input {
	SCREEN *screen;
	FILE *out, *in;
	WINDOW *keys; /* never drawn: reading from stdscr would repaint it */
	struct tui_script *script;
	int pushback;     /* -1 = none */
	int instant_errs; /* blocking reads that failed at once: the terminal is gone */
};

static const struct {
	short fg, bg;
	attr_t color, mono;
} palette[TUI_C_COUNT] = {
    [TUI_C_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [TUI_C_TITLE] = {-1, -1, A_BOLD, A_BOLD},
    [TUI_C_TAB] = {-1, -1, A_NORMAL, A_NORMAL},
    [TUI_C_TAB_ACTIVE] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
    [TUI_C_HEADER] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [TUI_C_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [TUI_C_STATUS] = {COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE},
    [TUI_C_KEY] = {-1, -1, A_BOLD, A_BOLD},
    [TUI_C_KEYLABEL] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [TUI_C_FIELD] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_UNDERLINE},
    [TUI_C_FOCUS] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE},
    [TUI_C_LOCKED] = {-1, -1, A_DIM, A_DIM},
    [TUI_C_WARN] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [TUI_C_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [TUI_C_DIALOG] = {-1, -1, A_NORMAL, A_NORMAL},
    [TUI_C_BUTTON] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
    [TUI_C_MATCH] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD | A_UNDERLINE},
};

void tui_colors_init(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");
	t->color = has_colors() && !(nc && *nc) && t->ses->prefs.color;
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	for (int c = 1; c < TUI_C_COUNT; c++)
		init_pair((short)c, palette[c].fg, palette[c].bg);
}

attr_t tui_attr(const struct tui *t, enum tui_color c)
{
	if (!t->color)
		return palette[c].mono;
	return palette[c].color | (c ? (attr_t)COLOR_PAIR(c) : 0);
}

void tui_wattr(const struct tui *t, WINDOW *w, enum tui_color c)
{
	wattrset(w, (int)tui_attr(t, c));
}

/* Without a terminal (scripted runs) draw into /dev/null at a fixed size so
 * that screen dumps are the same everywhere. */
static int env_size(const char *name, int dflt)
{
	const char *s = getenv(name);
	int v = s ? atoi(s) : 0;
	return v > 0 && v <= 1000 ? v : dflt;
}

/* The screens need a cursor that can be put anywhere and a screen that can
 * be cleared; a terminal description without them (TERM=dumb, a printing
 * terminal, an emacs shell buffer) would show a jumble of text. */
static bool can_address(const char *term, char *err, size_t errsz)
{
	const char *cup = tigetstr("cup"), *clear = tigetstr("clear");
	bool ok = cup && cup != (char *)-1 && clear && clear != (char *)-1;
	if (!ok)
		snprintf(err, errsz,
			 "the terminal (TERM=%s) cannot move the cursor; the interactive program "
			 "needs one that can (e.g. TERM=xterm); the commands (spicecfg vm list, "
			 "...) work anywhere",
			 term ? term : "");
	return ok;
}

int tui_term_open(struct tui *t, struct tui_script *script, char *err, size_t errsz)
{
	struct tui_input *in = calloc(1, sizeof *in);
	if (!in)
		return snprintf(err, errsz, "out of memory"), -1;
	in->script = script;
	in->pushback = -1;
	bool tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	const char *term = getenv("TERM");
	if (tty) {
		in->screen = newterm(NULL, stdout, stdin);
	} else {
		in->out = fopen("/dev/null", "w");
		in->in = fopen("/dev/null", "r");
		if (in->out && in->in)
			in->screen = newterm("xterm", in->out, in->in);
	}
	if (!in->screen) {
		snprintf(err, errsz, "cannot set up the terminal (TERM=%s); try TERM=xterm",
		         term ? term : "");
		if (in->out)
			fclose(in->out);
		if (in->in)
			fclose(in->in);
		free(in);
		return -1;
	}
	if (tty && !can_address(term, err, errsz)) {
		endwin();
		delscreen(in->screen);
		free(in);
		return -2;
	}
	if (!tty)
		resizeterm(env_size("LINES", 24), env_size("COLUMNS", 80));
	/* Scripted input never comes from the terminal: without this, ncurses
	 * would see "typeahead" on the input descriptor and cut updates short,
	 * so dumps would miss rows. */
	if (script)
		typeahead(-1);
	t->in = in;
	/* A lone Esc acts after 25 ms unless the user chose otherwise
	 * (ESCDELAY in the environment, e.g. for a slow link). */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	raw(); /* Ctrl-C, Ctrl-S and Ctrl-Z are keys, not signals or flow control */
	noecho();
	nonl();
	in->keys = newwin(1, 1, 0, 0);
	keypad(in->keys, TRUE);
	leaveok(in->keys, TRUE);
	/* SPEC §11: where the terminal reports the mouse, a click selects, a
	 * double click edits and the wheel scrolls (as KEY_MOUSE) */
	if (!script)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
		              BUTTON5_PRESSED,
		          NULL);
	tui_colors_init(t);
	return 0;
}

int tui_term_suspend(struct tui *t)
{
	struct sigaction old, dfl;
	if (t->in->script || sigaction(SIGTSTP, NULL, &old) < 0 || old.sa_handler == SIG_IGN)
		return -1;
	def_prog_mode();
	endwin();
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, NULL);
	raise(SIGTSTP); /* returns on SIGCONT */
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	return 0;
}

void tui_term_close(struct tui *t)
{
	struct tui_input *in = t->in;
	if (!in)
		return;
	if (in->keys)
		delwin(in->keys);
	/* endwin() gives the terminal back its job-control keys: a Ctrl-Z typed
	 * now would run ncurses' SIGTSTP handler on a screen being destroyed. */
	signal(SIGTSTP, SIG_IGN);
	endwin();
	delscreen(in->screen);
	signal(SIGTSTP, SIG_DFL); /* not ncurses' handler: its screen is gone */
	if (in->out)
		fclose(in->out);
	if (in->in)
		fclose(in->in);
	free(in);
	t->in = NULL;
}

void tui_term_sync(struct tui *t)
{
	/* wget_wch() refreshes its window when touched; ours must never paint. */
	untouchwin(t->in->keys);
}

static int normalize(int r, wint_t wc)
{
	if (r == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return TUI_KENTER;
		return TUI_KC((int)wc);
	}
	if (wc == '\r' || wc == '\n')
		return TUI_KENTER;
	if (wc == 127 || wc == 8)
		return TUI_K_BACKSPACE;
	return (int)wc;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* A terminal that went away without SIGHUP makes every read fail at once;
 * after many such reads in a row the session is treated as hung up rather
 * than spinning. */
#define HANGUP_READS 200

static int read_key(struct tui_input *in, int ms)
{
	wint_t wc;
	long start = ms > 0 ? now_ms() : 0;
	wtimeout(in->keys, ms);
	int r = wget_wch(in->keys, &wc);
	if (r != ERR) {
		in->instant_errs = 0;
		return normalize(r, wc);
	}
	if (ms > 0 && now_ms() - start < ms / 2 && ++in->instant_errs >= HANGUP_READS)
		return TUI_IN_HANGUP;
	if (ms > 0 && now_ms() - start >= ms / 2)
		in->instant_errs = 0;
	return TUI_IN_NONE;
}

static int script_next(struct tui_input *in, bool block, const struct tui_script_ev **cmd)
{
	struct tui_script *s = in->script;
	if (s->pos >= s->n)
		return TUI_IN_END;
	const struct tui_script_ev *e = &s->ev[s->pos];
	if (e->op != TUI_S_KEY) {
		if (!block)
			return TUI_IN_NONE; /* draw first: commands see the screen */
		s->pos++;
		*cmd = e;
		return TUI_IN_CMD;
	}
	s->pos++;
	return e->key;
}

static int raw_next(struct tui_input *in, bool block, int ms, const struct tui_script_ev **cmd)
{
	if (in->pushback >= 0) {
		int k = in->pushback;
		in->pushback = -1;
		return k;
	}
	if (in->script)
		return script_next(in, block, cmd);
	return read_key(in, block ? ms : 0);
}

int tui_input_get(struct tui *t, bool block, const struct tui_script_ev **cmd)
{
	struct tui_input *in = t->in;
	int k = raw_next(in, block, POLL_MS, cmd);
	if (k != TUI_KESC)
		return k;
	/* Esc followed by a digit is that F-key (F10 = Esc 0), for terminals
	 * and multiplexers that do not pass function keys through. */
	const struct tui_script_ev *ignored = NULL;
	int next = raw_next(in, false, ESC_DIGIT_MS, &ignored);
	if (!in->script && next == TUI_IN_NONE)
		next = read_key(in, ESC_DIGIT_MS);
	if (next >= '0' && next <= '9')
		return TUI_KF(next == '0' ? 10 : next - '0');
	/* Esc then a character is Alt with it, as terminals send it; a screen
	 * that binds no Alt key gets the Esc and the character (app.c). */
	if (next > ' ' && next < TUI_KC_FLAG && next != 127)
		return TUI_ALT(next);
	if (next >= 0)
		in->pushback = next;
	return TUI_KESC;
}

int tui_term_resize(struct tui *t, int cols, int rows)
{
	(void)t;
	return resizeterm(rows, cols) == OK ? 0 : -1;
}

/* Line-drawing characters as the terminal shows them. */
static wchar_t acs_text(wchar_t c)
{
	switch (c) {
	case 'l':
		return 0x250c;
	case 'k':
		return 0x2510;
	case 'm':
		return 0x2514;
	case 'j':
		return 0x2518;
	case 'q':
		return 0x2500;
	case 'x':
		return 0x2502;
	case 't':
		return 0x251c;
	case 'u':
		return 0x2524;
	case 'w':
		return 0x252c;
	case 'v':
		return 0x2534;
	case 'n':
		return 0x253c;
	default:
		return c;
	}
}

/* Reads what the terminal shows (curscr) without disturbing ncurses' idea
 * of where the real cursor is.  The dump is written like an export (a file
 * replaced atomically, a device or FIFO in place) but never through a
 * symbolic link: a script's output path may sit in a shared directory. */
int tui_dump(struct tui *t, const char *path, char *err, size_t errsz)
{
	(void)t;
	struct sbuf b = {0};
	int cy, cx;
	getyx(curscr, cy, cx);
	for (int y = 0; y < LINES; y++) {
		char line[4096];
		size_t len = 0, keep = 0;
		for (int x = 0; x < COLS && len + 8 < sizeof line; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1] = {0};
			attr_t a;
			short pair;
			if (mvwin_wch(curscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wch, &a, &pair, NULL) == ERR || !wch[0])
				wch[0] = L' ';
			if (a & A_ALTCHARSET)
				wch[0] = acs_text(wch[0]);
			len += (size_t)tui_utf8_encode(wch[0], line + len);
			if (wch[0] != L' ')
				keep = len;
			if (wcwidth(wch[0]) == 2)
				x++;
		}
		sbuf_putn(&b, line, keep);
		sbuf_puts(&b, "\n");
	}
	wmove(curscr, cy, cx);
	struct sc_err e = {0};
	size_t n = 0;
	char *text = sbuf_finish(&b, &n, &e);
	if (!text || fileio_write_flags(path, text, n, FILEIO_MODE_DEFAULT, FILEIO_NOFOLLOW, &e)) {
		free(text);
		return snprintf(err, errsz, "%s", e.msg), -1;
	}
	free(text);
	return 0;
}

void tui_sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}
