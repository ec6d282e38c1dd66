/* Drives a full-screen program through a pseudo-terminal and measures it.
 *
 *   ptybench frame [-s COLSxROWS] [-q QUIET_MS] -- PROGRAM ARGS...
 *       time from exec to the end of the first frame (the last byte before
 *       the output goes quiet), then quits with 'q' and reports the peak RSS:
 *       "frame_ms=X rss_kib=Y bytes=Z cpu_ms=C", C the program's time on a
 *       CPU up to the end of that frame (start-up included)
 *   ptybench keys [-s COLSxROWS] [-q QUIET_MS] -n COUNT [-k KEY] [-d DUMP] -- PROGRAM...
 *       after the first frame, sends KEY (down, up, pgdn; default down) COUNT
 *       times, each after the previous one's output went quiet, and prints
 *       "key I bytes B ms M" for each: exact byte counts written to the
 *       terminal, and the time from the key written to the last byte of the
 *       screen it brought (the screen settled).  KEY is a key name (down,
 *       up, pgdn, pgup, home, end) or "str:TEXT" for TEXT as typed.
 *       With -p TEXT, TEXT is typed (and its screens drained) first; with
 *       -e TEXT, TEXT is typed after the keys, before the 'q' that quits
 *       (an Esc that closes the prompt the keys were typed into).
 *       The last line is "rss_kib=Y", the program's peak RSS.
 *       With -d, the final screen as a terminal emulator shows it is written
 *       to DUMP, one line per row, prefixed with '*' where the row is drawn
 *       highlighted from its first to its last column.
 *
 * TERM is set to xterm-256color; key sequences come from its terminfo entry,
 * as a real terminal would send them in keypad mode.
 */
// pkg-config: ncursesw vterm
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>
/* after vterm.h: terminfo names capabilities with macros such as bell */
#include <curses.h>
#include <term.h>

static int cols = 80, rows = 24, quiet_ms = 300;
static int master = -1;
static pid_t child;
static VTerm *vt;
static long total;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
	fprintf(stderr, "ptybench: %s: %s\n", what, strerror(errno));
	if (child > 0)
		kill(child, SIGKILL);
	exit(2);
}

/* Reads until the output has been quiet for quiet ms (or the program
 * ended, or limit_ms passed).  Returns the bytes read; *last gets the time
 * of the last byte. */
static long drain(int quiet, double limit_ms, double *last)
{
	char buf[65536];
	long got = 0;
	double start = now_ms(), t_last = start;
	for (;;) {
		double t = now_ms();
		int wait = (int)(quiet - (t - t_last));
		if (t - start > limit_ms)
			break;
		if (wait <= 0) {
			if (got > 0)
				break;
			wait = quiet;
		}
		struct pollfd p = {master, POLLIN, 0};
		int r = poll(&p, 1, wait);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("poll");
		if (r == 0) {
			if (got > 0)
				break;
			continue;
		}
		ssize_t n = read(master, buf, sizeof buf);
		if (n <= 0) /* EIO: the program closed the terminal */
			break;
		got += n;
		t_last = now_ms();
		if (vt)
			vterm_input_write(vt, buf, (size_t)n);
	}
	if (last)
		*last = t_last;
	total += got;
	return got;
}

static void start(char **argv, double *t0)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	*t0 = now_ms();
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0)
		die("forkpty");
	if (child == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[0], argv);
		fprintf(stderr, "ptybench: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
}

static void send_str(const char *s)
{
	size_t n = strlen(s);
	if (write(master, s, n) != (ssize_t)n)
		die("write");
}

/* Quits the program and returns its peak RSS in KiB (-1 if it had to be killed). */
static long finish(void)
{
	struct rusage ru;
	int status;
	send_str("q");
	for (double end = now_ms() + 5000; now_ms() < end;) {
		drain(20, 50, NULL); /* returns at once when the terminal is closed */
		if (wait4(child, &status, WNOHANG, &ru) == child)
			return ru.ru_maxrss;
		usleep(5000);
	}
	kill(child, SIGKILL);
	wait4(child, &status, 0, &ru);
	fprintf(stderr, "ptybench: the program did not quit on 'q'\n");
	return -1;
}

/* The CPU time the program has used, in ms (its time on a CPU, from
 * /proc/PID/schedstat): what a key costs on a machine shared with other
 * work, where the time to the screen settled also counts the waits. */
static double cpu_ms(void)
{
	char path[64];
	unsigned long long ns = 0;
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)child);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%llu", &ns) != 1)
		ns = 0;
	fclose(f);
	return (double)ns / 1e6;
}

static const char *key_seq(const char *name)
{
	static const struct {
		const char *name, *cap, *fallback;
	} keys[] = {
		{"down", "kcud1", "\033OB"},
		{"up", "kcuu1", "\033OA"},
		{"pgdn", "knp", "\033[6~"},
		{"pgup", "kpp", "\033[5~"},
		{"home", "khome", "\033OH"},
		{"end", "kend", "\033OF"},
	};
	if (strncmp(name, "str:", 4) == 0)
		return name + 4;
	int err;
	setupterm("xterm-256color", -1, &err);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(name, keys[i].name) == 0) {
			char *s = err == 1 ? tigetstr(keys[i].cap) : NULL;
			return s && s != (char *)-1 ? s : keys[i].fallback;
		}
	fprintf(stderr, "ptybench: unknown key %s; valid: down, up, pgdn, pgup, home, end, "
			"str:TEXT\n", name);
	exit(2);
}

static int is_default_bg(const VTermScreenCell *c)
{
	return c->attrs.reverse == 0 && VTERM_COLOR_IS_DEFAULT_BG(&c->bg);
}

static void dump_screen(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die(path);
	VTermScreen *scr = vterm_obtain_screen(vt);
	for (int y = 0; y < rows; y++) {
		VTermScreenCell first, last;
		vterm_screen_get_cell(scr, (VTermPos){y, 0}, &first);
		vterm_screen_get_cell(scr, (VTermPos){y, cols - 1}, &last);
		char text[4096];
		size_t n = vterm_screen_get_text(scr, text, sizeof text - 1,
						 (VTermRect){y, y + 1, 0, cols});
		text[n] = '\0';
		while (n && text[n - 1] == ' ')
			text[--n] = '\0';
		fprintf(f, "%c%s\n", !is_default_bg(&first) && !is_default_bg(&last) ? '*' : ' ',
			text);
	}
	fclose(f);
}

static void usage(void)
{
	fprintf(stderr, "usage: ptybench frame|keys [-s COLSxROWS] [-q MS] [-n N] [-k KEY] "
			"[-d DUMP] [-p TEXT] [-e TEXT] -- PROGRAM ARGS...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	const char *mode = argv[1], *key = "down", *dump = NULL, *prefix = NULL, *epilogue = NULL;
	int count = 10, opt;
	optind = 2;
	while ((opt = getopt(argc, argv, "s:q:n:k:d:p:e:")) != -1) {
		switch (opt) {
		case 's':
			if (sscanf(optarg, "%dx%d", &cols, &rows) != 2 || cols < 10 || rows < 5)
				usage();
			break;
		case 'q': quiet_ms = atoi(optarg); break;
		case 'n': count = atoi(optarg); break;
		case 'k': key = optarg; break;
		case 'd': dump = optarg; break;
		case 'p': prefix = optarg; break;
		case 'e': epilogue = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	signal(SIGPIPE, SIG_IGN);
	char **prog = argv + optind;
	double t0, t_last;
	if (strcmp(mode, "frame") == 0) {
		start(prog, &t0);
		long n = drain(quiet_ms, 60000, &t_last);
		double cpu = cpu_ms(); /* read before the 'q' adds the quitting */
		long rss = finish();
		printf("frame_ms=%.3f rss_kib=%ld bytes=%ld cpu_ms=%.3f\n", t_last - t0, rss, n, cpu);
		return n > 0 && rss >= 0 ? 0 : 1;
	}
	if (strcmp(mode, "keys") != 0)
		usage();
	const char *seq = key_seq(key);
	vt = vterm_new(rows, cols);
	vterm_set_utf8(vt, 1);
	VTermScreen *scr = vterm_obtain_screen(vt);
	vterm_screen_reset(scr, 1);
	start(prog, &t0);
	if (drain(quiet_ms, 60000, NULL) == 0) {
		fprintf(stderr, "ptybench: no first frame\n");
		finish();
		return 1;
	}
	for (const char *c = prefix; c && *c; c++) {
		char one[2] = {*c, '\0'};
		send_str(one);
		drain(quiet_ms, 60000, NULL);
	}
	for (int i = 1; i <= count; i++) {
		double sent = now_ms(), cpu0 = cpu_ms();
		send_str(seq);
		long n = drain(quiet_ms, 60000, &t_last);
		printf("key %d bytes %ld ms %.3f cpu_ms %.3f\n", i, n, n > 0 ? t_last - sent : 0.0,
		       cpu_ms() - cpu0);
	}
	if (dump)
		dump_screen(dump);
	if (epilogue) {
		send_str(epilogue);
		drain(quiet_ms, 60000, NULL);
	}
	long rss = finish();
	printf("rss_kib=%ld\n", rss);
	vterm_free(vt);
	return rss >= 0 ? 0 : 1;
}
