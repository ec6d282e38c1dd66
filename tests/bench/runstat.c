/* Runs a program once and prints its wall time and peak RSS:
 *   runstat [-i STDIN] [-o STDOUT] -- PROGRAM ARGS...
 *   -> "ms=12.345 rss_kib=6789 status=0 cpu_ms=8.765"
 * cpu_ms is the program's user and system time: on a machine shared with
 * other work it tells a slow program from one that waited for a CPU.
 * stderr of the program is passed through.  Exits with 1 when the program
 * does not exit 0, so a benchmark never times a failure. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0600);
	if (f < 0 || dup2(f, fd) < 0) {
		fprintf(stderr, "runstat: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(f);
}

int main(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "i:o:")) != -1) {
		if (opt == 'i')
			in = optarg;
		else if (opt == 'o')
			out = optarg;
		else
			return 2;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: runstat [-i IN] [-o OUT] -- PROGRAM ARGS...\n");
		return 2;
	}
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return perror("fork"), 2;
	if (pid == 0) {
		if (in)
			redirect(in, 0, O_RDONLY);
		if (out)
			redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "runstat: cannot run %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0)
		return perror("wait4"), 2;
	double ms = now_ms() - t0;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	double cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		     (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	printf("ms=%.3f rss_kib=%ld status=%d cpu_ms=%.3f\n", ms, ru.ru_maxrss, code, cpu);
	return code == 0 ? 0 : 1;
}
