// pkg-config: vterm
/* ptyfuzz: abuse for a full-screen program on a pseudo-terminal.
 *
 *   ptyfuzz keys  [-n KEYS] [-r SEED] [-l KEYLOG] -- PROGRAM ARGS...
 *       KEYS random keystrokes (letters, digits, UTF-8, Enter, Esc, arrows,
 *       function keys, control keys, stray bytes), sent faster than a
 *       person types; a program that quits on its own (exit 0) is started
 *       again and the keys go on.
 *   ptyfuzz storm [-n RESIZES] [-r SEED] -- PROGRAM ARGS...
 *       RESIZES terminal size changes (each a SIGWINCH) within about a
 *       second, then back to the first size.
 *   ptyfuzz hangup [-r SEED] [-k KEYS] -- PROGRAM ARGS...
 *       the terminal goes away (as when an SSH connection drops) while the
 *       program is busy with random keys, or after KEYS (text with \e \r
 *       \t \xHH escapes); it must end within 10 s, not spin.
 *
 * keys and storm then check that the screen is consistent: what the
 * program's incremental updates left on the terminal equals what it draws
 * after a full repaint (Ctrl-L), and for storm, equals the screen before
 * the storm.  Any abnormal end (a signal, a non-zero exit) fails.
 * Output: TAP-friendly lines starting with "#"; exit 0 on success, 1 with
 * the reason (and screens) on stderr. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

static int master = -1, rows = 24, cols = 80;
static pid_t child = -1;
static VTerm *vt;
static char **prog;
static unsigned seed = 1;
static int starts;
static FILE *keylog; /* -l FILE: every key sent, one a line, C-escaped */

static unsigned rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void screen_text(char *out, size_t n);

static void start(void)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	if (vt)
		vterm_free(vt);
	vt = vterm_new(rows, cols);
	vterm_set_utf8(vt, 1);
	vterm_screen_reset(vterm_obtain_screen(vt), 1);
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("forkpty");
		exit(1);
	}
	if (child > 0)
		fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	if (child == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(prog[0], prog);
		_exit(127);
	}
	starts++;
}

/* Reads what is there within ms; returns -1 when the terminal closed. */
static int pump(int ms)
{
	char buf[65536];
	struct pollfd p = {master, POLLIN, 0};
	int r = poll(&p, 1, ms);
	if (r <= 0)
		return 0;
	ssize_t n = read(master, buf, sizeof buf);
	if (n <= 0)
		return -1;
	vterm_input_write(vt, buf, (size_t)n);
	return (int)n;
}

/* Until quiet for ms (or closed); -1 if the terminal closed. */
static int settle(int ms)
{
	double end = now_ms() + 20000;
	for (;;) {
		int n = pump(ms);
		if (n < 0)
			return -1;
		if (n == 0 || now_ms() > end)
			return 0;
	}
}

static void screen_text(char *out, size_t n)
{
	VTermScreen *scr = vterm_obtain_screen(vt);
	size_t len = 0;
	for (int y = 0; y < rows && len + 4 * (size_t)cols + 2 < n; y++) {
		len += vterm_screen_get_text(scr, out + len, n - len - 2, (VTermRect){y, y + 1, 0, cols});
		while (len && out[len - 1] == ' ')
			len--;
		out[len++] = '\n';
	}
	out[len] = '\0';
}

/* The program's end: 0 if it quit normally (status 0). */
static int reap(const char *when)
{
	int status;
	for (double end = now_ms() + 10000; now_ms() < end;) {
		pump(20);
		pid_t r = waitpid(child, &status, WNOHANG);
		if (r == child) {
			close(master);
			child = -1;
			if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
				return 0;
			static char last[65536];
			screen_text(last, sizeof last);
			if (WIFSIGNALED(status))
				fprintf(stderr, "ptyfuzz: %s: killed by signal %d\n", when, WTERMSIG(status));
			else
				fprintf(stderr, "ptyfuzz: %s: exit %d\n", when, WEXITSTATUS(status));
			fprintf(stderr, "--- the last screen\n%s", last);
			return 1;
		}
	}
	fprintf(stderr, "ptyfuzz: %s: the program did not end within 10 s\n", when);
	kill(child, SIGKILL);
	return 1;
}

static const char *const keys[] = {
	"\r", "\t", "\033[Z", "\033", "\177", "\033OA", "\033OB", "\033OC", "\033OD", "\033OH",
	"\033OF", "\033[5~", "\033[6~", "\033[2~", "\033[3~", "\033OP", "\033OQ", "\033OR",
	"\033OS", "\033[15~", "\033[17~", "\033[18~", "\033[19~", "\033[20~", "\033[21~",
	"\033[23~", "\033[24~", "\0332", "\0334", "\0338", "\0339", " ", "\303\251", "\344\270\255",
	"\360\237\231\202", "\377", "\303", "\033[", "\033[1;5A", "\f", "/", "x", "s", "y",
	"n", "r", "d",
};

static void send_key(void)
{
	char c[2] = {0, 0};
	const char *k;
	unsigned r = rnd(100);
	if (r < 45) { /* printable text; q (quit) is left to Esc and F10 */
		do
			c[0] = (char)(' ' + rnd(95));
		while (c[0] == 'q');
		k = c;
	} else if (r < 50) {
		/* Control keys, but not those the terminal turns into signals or
		 * flow control once the program has left raw mode while quitting
		 * (^C ^Z ^\ ^S ^Q ^O ^R ^V): typed ahead of a quit they are the
		 * terminal's, not the program's. */
		static const char ctl[] = "\001\002\004\005\006\007\010\013\014\016\020\024\025\027\030\031";
		c[0] = ctl[rnd(sizeof ctl - 1)];
		k = c;
	} else {
		k = keys[rnd(sizeof keys / sizeof keys[0])];
	}
	/* the terminal's input queue is small: when it is full, read the
	 * program's output (it may be waiting for us to) and try again */
	for (size_t off = 0, len = strlen(k); off < len;) {
		ssize_t w = write(master, k + off, len - off);
		if (w > 0)
			off += (size_t)w;
		else if (w < 0 && errno == EAGAIN)
			pump(5);
		else
			break;
	}
	if (keylog) {
		for (const unsigned char *p = (const unsigned char *)k; *p; p++)
			fprintf(keylog, *p < 0x20 || *p >= 0x7f || *p == '\\' ? "\\x%02x" : "%c", *p);
		fputc('\n', keylog);
		fflush(keylog);
	}
}

/* Ctrl-L forces a full repaint: the screen must not change by it.  2: the
 * program was still acting on a random quit and ended well (it is started
 * again; there was no screen to check). */
static int consistent(const char *what)
{
	static char a[65536], b[65536];
	/* longer than the program waits after a lone Esc for a digit (Esc 1 =
	 * F1): a Ctrl-L sent inside that wait would end it, acting on the Esc */
	if (settle(800) < 0) {
		if (reap(what))
			return fprintf(stderr, "ptyfuzz: %s: the program ended\n", what), 1;
		start();
		settle(300);
		return 2;
	}
	screen_text(a, sizeof a);
	if (write(master, "\f", 1) != 1 || settle(150) < 0)
		return fprintf(stderr, "ptyfuzz: %s: the program ended on Ctrl-L\n", what), 1;
	screen_text(b, sizeof b);
	if (strcmp(a, b) != 0) {
		fprintf(stderr, "ptyfuzz: %s: the screen differs from a full repaint\n--- before Ctrl-L\n%s--- after\n%s",
			what, a, b);
		return 1;
	}
	return 0;
}

static int quit(void)
{
	/* back out of whatever is open, then quit from the main screen */
	for (int i = 0; i < 6 && child > 0; i++) {
		if (write(master, "\033", 1) < 0)
			break;
		usleep(60000);
		if (settle(50) < 0)
			break;
	}
	if (child > 0 && write(master, "q", 1) == 1 && settle(200) >= 0 && child > 0)
		if (write(master, "y", 1) < 0) /* a confirmation, if any */
			perror("write");
	/* still open (a prompt that takes q as text): end it as a session
	 * manager would; a clean end on SIGTERM is exit 0 or 143 */
	int status;
	for (double end = now_ms() + 3000; now_ms() < end; pump(20))
		if (waitpid(child, &status, WNOHANG) == child)
			return WIFEXITED(status) && WEXITSTATUS(status) == 0
				       ? 0
				       : (fprintf(stderr, "ptyfuzz: quitting: status %#x\n", status), 1);
	kill(child, SIGTERM);
	for (double end = now_ms() + 10000; now_ms() < end; pump(20))
		if (waitpid(child, &status, WNOHANG) == child) {
			if ((WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 143)) ||
			    (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM))
				return 0;
			fprintf(stderr, "ptyfuzz: on SIGTERM: status %#x\n", status);
			return 1;
		}
	fprintf(stderr, "ptyfuzz: still running 10 s after SIGTERM\n");
	kill(child, SIGKILL);
	return 1;
}

/* After a burst: is the program still there?  0 yes, 1 it ended well
 * (and was started again), -1 it ended badly. */
static int alive_or_restart(const char *when)
{
	if (settle(150) >= 0)
		return 0;
	if (reap(when))
		return -1;
	start();
	settle(300);
	return 1;
}

static int mode_keys(int n)
{
	int checks = 0;
	start();
	settle(300);
	for (int i = 0; i < n; i++) {
		send_key();
		if (pump(i % 8 ? 0 : 2) < 0) {
			if (reap("during the keys"))
				return 1;
			start(); /* it quit on a random q or Esc: go on */
			settle(200);
		}
		/* every so often, and at the end: the screen must be what a full
		 * repaint draws */
		if (i % 500 == 499 || i == n - 1) {
			usleep(100000); /* past the Esc delay of a last lone Esc */
			int a = alive_or_restart("during the keys");
			if (a < 0)
				return 1;
			if (a == 1 && write(master, "\033OB\033OB\033OC", 9) != 9)
				return fprintf(stderr, "ptyfuzz: write failed\n"), 1;
			/* a fresh start has had a few moves: check it all the same */
			int c = consistent("after random keys");
			if (c == 2)
				continue;
			if (c)
				return 1;
			checks++;
		}
	}
	printf("# %d keys, %d starts, %d screen checks\n", n, starts, checks);
	if (checks == 0)
		return fprintf(stderr, "ptyfuzz: no screen check was possible\n"), 1;
	return quit();
}

static void set_size(int c, int r)
{
	struct winsize ws = {.ws_row = (unsigned short)r, .ws_col = (unsigned short)c};
	cols = c;
	rows = r;
	/* A fresh emulator of the new size rather than vterm_set_size(): after
	 * a shrink, libvterm 0.1 keeps state of the old size that can crash it
	 * on later input.  Nothing is lost: after a resize the program repaints
	 * the whole screen (ncurses takes its contents as unknown). */
	vterm_free(vt);
	vt = vterm_new(r, c);
	vterm_set_utf8(vt, 1);
	vterm_screen_reset(vterm_obtain_screen(vt), 1);
	ioctl(master, TIOCSWINSZ, &ws); /* the kernel sends SIGWINCH */
}

static int mode_storm(int n)
{
	static char before[65536], after[65536];
	start();
	settle(300);
	screen_text(before, sizeof before);
	int c0 = cols, r0 = rows;
	double t0 = now_ms();
	for (int i = 0; i < n; i++) {
		set_size(1 + (int)rnd(250), 1 + (int)rnd(80));
		if (pump(0) < 0)
			return reap("during the resize storm") || 1;
		usleep(1000000 / (unsigned)(n > 0 ? n : 1) / 2);
	}
	set_size(c0, r0);
	printf("# %d resizes in %.0f ms\n", n, now_ms() - t0);
	/* the program may still be working through the queued resizes: give
	 * it two seconds to arrive at the final size */
	for (double end = now_ms() + 2000;;) {
		if (settle(200) < 0)
			return reap("after the resize storm") || 1;
		screen_text(after, sizeof after);
		if (!strcmp(before, after) || now_ms() > end)
			break;
	}
	if (strcmp(before, after) != 0) {
		fprintf(stderr, "ptyfuzz: after the storm the screen is not what it was\n--- before\n%s--- after\n%s",
			before, after);
		return 1;
	}
	if (consistent("after the resize storm"))
		return 1;
	return quit();
}

/* Writes keys given as text with \e \r \t and \xHH escapes, settling after each. */
static void send_script(const char *t)
{
	while (*t) {
		char c = *t++;
		if (c == '\\' && *t) {
			char e = *t++;
			c = e == 'e' ? '\033' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
			if (e == 'x' && t[0] && t[1]) {
				char hex[3] = {t[0], t[1], 0};
				c = (char)strtol(hex, NULL, 16);
				t += 2;
			}
		}
		if (c == '\033' && (*t == '[' || *t == 'O') && t[1]) {
			/* a key's escape sequence goes out in one write, as a terminal
			 * sends it: split up, the program would read a lone Esc */
			char seq[3] = {c, t[0], t[1]};
			t += 2;
			if (write(master, seq, sizeof seq) != (ssize_t)sizeof seq)
				return;
			settle(30);
			continue;
		}
		if (write(master, &c, 1) != 1)
			return;
		if (c == '\033')
			usleep(100000); /* a lone Esc */
		settle(c == '\033' ? 0 : 30);
	}
	settle(300);
}

static int mode_hangup(const char *script)
{
	start();
	settle(300);
	if (script)
		send_script(script);
	else
		for (int i = 0; i < 200; i++) { /* keep it busy */
			send_key();
			pump(0);
		}
	close(master); /* the connection drops */
	int status;
	for (double end = now_ms() + 10000; now_ms() < end; usleep(10000))
		if (waitpid(child, &status, WNOHANG) == child) {
			printf("# ended %s %d after the hangup\n",
			       WIFSIGNALED(status) ? "by signal" : "with exit",
			       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			return 0;
		}
	fprintf(stderr, "ptyfuzz: still running 10 s after its terminal went away\n");
	kill(child, SIGKILL);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		goto usage;
	const char *mode = argv[1];
	int n = -1, opt;
	const char *script = NULL;
	optind = 2;
	while ((opt = getopt(argc, argv, "n:r:l:k:")) != -1) {
		if (opt == 'k')
			script = optarg;
		else if (opt == 'l')
			keylog = fopen(optarg, "w");
		else if (opt == 'n')
			n = atoi(optarg);
		else if (opt == 'r')
			seed = (unsigned)strtoul(optarg, NULL, 10);
		else
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	prog = argv + optind;
	signal(SIGPIPE, SIG_IGN);
	int rc;
	if (strcmp(mode, "keys") == 0)
		rc = mode_keys(n < 0 ? 10000 : n);
	else if (strcmp(mode, "storm") == 0)
		rc = mode_storm(n < 0 ? 300 : n);
	else if (strcmp(mode, "hangup") == 0)
		rc = mode_hangup(script);
	else
		goto usage;
	if (rc && child > 0)
		kill(child, SIGKILL);
	return rc;
usage:
	fprintf(stderr, "usage: ptyfuzz keys|storm|hangup [-n N] [-r SEED] -- PROGRAM ARGS...\n");
	return 2;
}
