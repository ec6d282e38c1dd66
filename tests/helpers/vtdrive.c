// pkg-config: vterm
/* vtdrive: runs a program on a pseudo-terminal emulated by libvterm and
 * drives it with commands read from stdin, one a line:
 *
 *   send TEXT          write TEXT (escapes \e \r \n \t \\ \xHH)
 *   key NAME [N]       an xterm key: Up Down Left Right Home End PgUp PgDn
 *                      Enter Esc Tab BTab Backspace Delete Insert F1..F12,
 *                      C-x; N times
 *   wait TEXT          until the screen shows TEXT (fails after the timeout)
 *   gone TEXT          until the screen no longer shows TEXT
 *   timeout MS         for wait/gone (default 8000)
 *   settle             until the program has been quiet for 150 ms
 *   expect TEXT        the screen shows TEXT now (after settling)
 *   lacks TEXT         the screen does not show TEXT
 *   sleep MS
 *   resize COLS ROWS   resize the terminal (the program gets SIGWINCH)
 *   dump [FILE]        the screen as text to stdout or FILE
 *   cursor             prints "cursor ROW COL" (0-based)
 *   mark / bytes       prints "bytes N": output since the last mark
 *   colors             prints "colors N": cells not in the default colors
 *   colorat ROW COL    prints "colorat ROW COL bg=R,G,B": that cell's background
 *                      ("bg=default" when it has none)
 *   attrat ROW COL     prints "attrat ROW COL bold=B underline=U reverse=R"
 *                      (0 or 1): that cell's attributes, as in monochrome
 *   shell CMD          run CMD with sh and wait for it (a second admin)
 *   signal NAME        HUP, TERM, INT or KILL to the program
 *   exit [N]           wait for the program to end (and check its status)
 *
 * Usage: vtdrive [-s COLSxROWS] PROGRAM ARGS... < COMMANDS
 * Exit 0 when every command passed; 1 with the reason and the screen on
 * stderr otherwise.  Tests assert on what a user would see. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

static VTerm *vt;
static VTermScreen *vs;
static int master = -1, rows = 24, cols = 80, timeout_ms = 8000;
static pid_t child;
static long bytes_seen;
static int child_status = -1;

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* The screen as UTF-8 text, rows joined by newlines, trailing blanks cut. */
static char *screen_text(void)
{
	size_t cap = (size_t)rows * ((size_t)cols * 4 + 1) + 1, len = 0;
	char *out = malloc(cap);
	if (!out)
		exit(1);
	for (int r = 0; r < rows; r++) {
		size_t keep = len;
		for (int c = 0; c < cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = {r, c};
			uint32_t ch = ' ';
			memset(&cell, 0, sizeof cell);
			cell.width = 1;
			if (vterm_screen_get_cell(vs, pos, &cell) && cell.chars[0] &&
			    cell.chars[0] != (uint32_t)-1)
				ch = cell.chars[0];
			if (ch < 0x80)
				out[len++] = (char)ch;
			else if (ch < 0x800) {
				out[len++] = (char)(0xc0 | (ch >> 6));
				out[len++] = (char)(0x80 | (ch & 0x3f));
			} else if (ch < 0x10000) {
				out[len++] = (char)(0xe0 | (ch >> 12));
				out[len++] = (char)(0x80 | ((ch >> 6) & 0x3f));
				out[len++] = (char)(0x80 | (ch & 0x3f));
			} else {
				out[len++] = (char)(0xf0 | (ch >> 18));
				out[len++] = (char)(0x80 | ((ch >> 12) & 0x3f));
				out[len++] = (char)(0x80 | ((ch >> 6) & 0x3f));
				out[len++] = (char)(0x80 | (ch & 0x3f));
			}
			if (ch != ' ')
				keep = len;
			if (cell.width == 2)
				c++;
		}
		len = keep;
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}

static void fail(const char *fmt, const char *arg)
{
	char *s = screen_text();
	fprintf(stderr, "vtdrive: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n--- screen %dx%d ---\n%s--- end ---\n", cols, rows, s);
	free(s);
	if (child > 0 && child_status < 0)
		kill(child, SIGKILL);
	exit(1);
}

static void reap(void)
{
	int st;
	if (child_status < 0 && waitpid(child, &st, WNOHANG) == child)
		child_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Feeds what the program wrote into the emulator; answers terminal
 * queries.  Returns bytes read, 0 on timeout, -1 when the pty closed. */
static int pump(int ms)
{
	struct pollfd p = {master, POLLIN, 0};
	int r = poll(&p, 1, ms);
	if (r <= 0)
		return 0;
	char buf[65536];
	ssize_t n = read(master, buf, sizeof buf);
	if (n <= 0)
		return -1;
	bytes_seen += n;
	vterm_input_write(vt, buf, (size_t)n);
	char reply[256];
	size_t k;
	while ((k = vterm_output_read(vt, reply, sizeof reply)) > 0)
		if (write(master, reply, k) < 0)
			break;
	return (int)n;
}

static void settle(void)
{
	long end = now_ms() + timeout_ms;
	long quiet_since = now_ms();
	while (now_ms() < end) {
		int n = pump(50);
		if (n < 0)
			return;
		if (n > 0)
			quiet_since = now_ms();
		else if (now_ms() - quiet_since >= 150)
			return;
	}
}

static int shows(const char *text)
{
	char *s = screen_text();
	int yes = strstr(s, text) != NULL;
	free(s);
	return yes;
}

static void wait_for(const char *text, int want)
{
	long end = now_ms() + timeout_ms;
	for (;;) {
		if (shows(text) == want)
			return;
		if (now_ms() > end)
			fail(want ? "timeout waiting for '%s'" : "timeout: '%s' stays on screen",
			     text);
		if (pump(50) < 0 && shows(text) != want)
			fail("program ended before the screen %s", want ? "showed it" : "changed");
	}
}

static void put(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(master, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fail("cannot write to the program%s", "");
		s += w;
		n -= (size_t)w;
		pump(0);
	}
}

static void send_escaped(const char *s)
{
	char out[4096];
	size_t n = 0;
	for (; *s && n < sizeof out - 1; s++) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s;
			continue;
		}
		s++;
		switch (*s) {
		case 'e':
			out[n++] = 27;
			break;
		case 'r':
			out[n++] = '\r';
			break;
		case 'n':
			out[n++] = '\n';
			break;
		case 't':
			out[n++] = '\t';
			break;
		case 'x': {
			unsigned v = 0;
			sscanf(s + 1, "%2x", &v);
			out[n++] = (char)v;
			s += 2;
			break;
		}
		default:
			out[n++] = *s;
			break;
		}
	}
	put(out, n);
}

/* Keys go through libvterm's keyboard so that they follow the modes the
 * program set (application cursor keys after smkx), as a real xterm does. */
static const struct {
	const char *name;
	VTermKey key;
	VTermModifier mod;
} keys[] = {
    {"Up", VTERM_KEY_UP, 0},
    {"Down", VTERM_KEY_DOWN, 0},
    {"Right", VTERM_KEY_RIGHT, 0},
    {"Left", VTERM_KEY_LEFT, 0},
    {"Home", VTERM_KEY_HOME, 0},
    {"End", VTERM_KEY_END, 0},
    {"PgUp", VTERM_KEY_PAGEUP, 0},
    {"PgDn", VTERM_KEY_PAGEDOWN, 0},
    {"Insert", VTERM_KEY_INS, 0},
    {"Delete", VTERM_KEY_DEL, 0},
    {"Enter", VTERM_KEY_ENTER, 0},
    {"Esc", VTERM_KEY_ESCAPE, 0},
    {"Tab", VTERM_KEY_TAB, 0},
    {"BTab", VTERM_KEY_TAB, VTERM_MOD_SHIFT},
    {"Backspace", VTERM_KEY_BACKSPACE, 0},
};

static void flush_keyboard(void)
{
	char out[256];
	size_t k;
	while ((k = vterm_output_read(vt, out, sizeof out)) > 0)
		put(out, k);
}

static void send_key(const char *name, int times)
{
	int found = -1, fn = 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0)
			found = (int)i;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9')
		fn = atoi(name + 1);
	bool ctl = strncmp(name, "C-", 2) == 0 && name[2] && !name[3];
	if (strcmp(name, "Space") == 0)
		ctl = false;
	if (found < 0 && !fn && !ctl && strcmp(name, "Space") != 0)
		fail("unknown key '%s'", name);
	for (int i = 0; i < times; i++) {
		if (found >= 0)
			vterm_keyboard_key(vt, keys[found].key, keys[found].mod);
		else if (fn)
			vterm_keyboard_key(vt, VTERM_KEY_FUNCTION(fn), 0);
		else if (ctl)
			vterm_keyboard_unichar(vt, (uint32_t)name[2], VTERM_MOD_CTRL);
		else
			vterm_keyboard_unichar(vt, ' ', 0);
		flush_keyboard();
		/* A lone Esc must not merge with the next key into a sequence. */
		if (strcmp(name, "Esc") == 0)
			usleep(60 * 1000);
	}
}

static void do_resize(int c, int r)
{
	struct winsize ws = {(unsigned short)r, (unsigned short)c, 0, 0};
	cols = c;
	rows = r;
	vterm_set_size(vt, rows, cols);
	ioctl(master, TIOCSWINSZ, &ws); /* the kernel sends SIGWINCH */
}

static void wait_exit(const char *arg)
{
	long end = now_ms() + timeout_ms;
	while (child_status < 0 && now_ms() < end) {
		pump(50);
		reap();
	}
	if (child_status < 0)
		fail("the program did not exit%s", "");
	printf("exit %d\n", child_status);
	if (arg && *arg && atoi(arg) != child_status) {
		char msg[64];
		snprintf(msg, sizeof msg, "%d", child_status);
		fail("unexpected exit status %s", msg);
	}
}

static int signum(const char *name)
{
	return strcmp(name, "HUP") == 0    ? SIGHUP
	       : strcmp(name, "TERM") == 0 ? SIGTERM
	       : strcmp(name, "INT") == 0  ? SIGINT
	       : strcmp(name, "KILL") == 0 ? SIGKILL
	                                   : -1;
}

static void command(char *line)
{
	char *arg = strchr(line, ' ');
	if (arg)
		*arg++ = '\0';
	const char *a = arg ? arg : "";
	if (strcmp(line, "send") == 0) {
		send_escaped(a);
	} else if (strcmp(line, "key") == 0) {
		char name[32];
		int n = 1;
		if (sscanf(a, "%31s %d", name, &n) < 1)
			fail("key needs a name%s", "");
		send_key(name, n);
	} else if (strcmp(line, "wait") == 0) {
		wait_for(a, 1);
	} else if (strcmp(line, "gone") == 0) {
		wait_for(a, 0);
	} else if (strcmp(line, "timeout") == 0) {
		timeout_ms = atoi(a);
	} else if (strcmp(line, "settle") == 0) {
		settle();
	} else if (strcmp(line, "expect") == 0) {
		settle();
		if (!shows(a))
			fail("screen lacks '%s'", a);
	} else if (strcmp(line, "lacks") == 0) {
		settle();
		if (shows(a))
			fail("screen shows '%s'", a);
	} else if (strcmp(line, "sleep") == 0) {
		long end = now_ms() + atoi(a);
		while (now_ms() < end)
			pump(10);
	} else if (strcmp(line, "resize") == 0) {
		int c, r;
		if (sscanf(a, "%d %d", &c, &r) != 2)
			fail("resize needs COLS ROWS%s", "");
		do_resize(c, r);
	} else if (strcmp(line, "dump") == 0) {
		settle();
		char *s = screen_text();
		FILE *f = *a ? fopen(a, "w") : stdout;
		if (!f)
			fail("cannot write %s", a);
		fputs(s, f);
		if (f != stdout)
			fclose(f);
		free(s);
	} else if (strcmp(line, "cursor") == 0) {
		VTermPos pos;
		settle();
		vterm_state_get_cursorpos(vterm_obtain_state(vt), &pos);
		printf("cursor %d %d\n", pos.row, pos.col);
	} else if (strcmp(line, "mark") == 0) {
		settle();
		bytes_seen = 0;
	} else if (strcmp(line, "bytes") == 0) {
		settle();
		printf("bytes %ld\n", bytes_seen);
	} else if (strcmp(line, "colors") == 0) {
		settle();
		long n = 0;
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < cols; c++) {
				VTermScreenCell cell;
				VTermPos pos = {r, c};
				if (vterm_screen_get_cell(vs, pos, &cell) &&
				    (!VTERM_COLOR_IS_DEFAULT_FG(&cell.fg) ||
				     !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg)))
					n++;
			}
		printf("colors %ld\n", n);
	} else if (strcmp(line, "colorat") == 0) {
		settle();
		int r = -1, c = -1;
		VTermScreenCell cell;
		if (sscanf(a, "%d %d", &r, &c) != 2 || r < 0 || r >= rows || c < 0 || c >= cols ||
		    !vterm_screen_get_cell(vs, (VTermPos){r, c}, &cell))
			fail("colorat needs ROW COL on the screen%s", "");
		if (VTERM_COLOR_IS_DEFAULT_BG(&cell.bg)) {
			printf("colorat %d %d bg=default\n", r, c);
		} else {
			vterm_screen_convert_color_to_rgb(vs, &cell.bg);
			printf("colorat %d %d bg=%d,%d,%d\n", r, c, cell.bg.rgb.red, cell.bg.rgb.green,
			       cell.bg.rgb.blue);
		}
	} else if (strcmp(line, "attrat") == 0) {
		settle();
		int r = -1, c = -1;
		VTermScreenCell cell;
		if (sscanf(a, "%d %d", &r, &c) != 2 || r < 0 || r >= rows || c < 0 || c >= cols ||
		    !vterm_screen_get_cell(vs, (VTermPos){r, c}, &cell))
			fail("attrat needs ROW COL on the screen%s", "");
		printf("attrat %d %d bold=%d underline=%d reverse=%d\n", r, c, (int)cell.attrs.bold,
		       cell.attrs.underline ? 1 : 0, (int)cell.attrs.reverse);
	} else if (strcmp(line, "shell") == 0) {
		int st = system(a);
		if (st != 0)
			fail("shell command failed: %s", a);
	} else if (strcmp(line, "signal") == 0) {
		int sig = signum(a);
		if (sig < 0)
			fail("unknown signal '%s'", a);
		kill(child, sig);
	} else if (strcmp(line, "exit") == 0) {
		wait_exit(a);
	} else if (line[0] && line[0] != '#') {
		fail("unknown command '%s'", line);
	}
	fflush(stdout);
}

int main(int argc, char **argv)
{
	int argi = 1;
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		if (sscanf(argv[2], "%dx%d", &cols, &rows) != 2)
			return fprintf(stderr, "vtdrive: -s COLSxROWS\n"), 2;
		argi = 3;
	}
	if (argi >= argc)
		return fprintf(stderr,
		               "usage: vtdrive [-s COLSxROWS] PROGRAM ARGS... < COMMANDS\n"),
		       2;
	struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0)
		return perror("forkpty"), 1;
	if (child == 0) {
		setenv("TERM", getenv("VTDRIVE_TERM") ? getenv("VTDRIVE_TERM") : "xterm-256color",
		       1);
		unsetenv("LINES");
		unsetenv("COLUMNS");
		execvp(argv[argi], argv + argi);
		perror(argv[argi]);
		_exit(127);
	}
	vt = vterm_new(rows, cols);
	vterm_set_utf8(vt, 1);
	vs = vterm_obtain_screen(vt);
	vterm_screen_enable_altscreen(vs, 1);
	vterm_screen_reset(vs, 1);
	char line[4096];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = '\0';
		command(line);
		reap();
	}
	if (child_status < 0) {
		kill(child, SIGTERM);
		waitpid(child, NULL, 0);
	}
	vterm_free(vt);
	return 0;
}
