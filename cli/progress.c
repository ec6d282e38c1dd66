/* The progress bar of the commands that work through many items (import,
 * apply): on stderr, only when it is a terminal. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_bar_init(struct cli_bar *b, const struct cli *cli, const char *unit)
{
	b->on = !cli->quiet && isatty(STDERR_FILENO);
	b->shown = false;
	b->unit = unit;
	b->start = b->last = now();
}

void cli_bar_clear(struct cli_bar *b)
{
	if (b->shown)
		fputs("\r\033[K", stderr);
	b->shown = false;
}

/* count, percent and rate, redrawn at most five times a second */
void cli_bar_draw(struct cli_bar *b, int done, int total)
{
	double t = now();
	if (!b->on || total < 2 || (done < total && t - b->last < 0.2))
		return;
	b->last = t;
	int w = 30, fill = (int)((long)done * w / total);
	double rate = t > b->start ? done / (t - b->start) : 0;
	fprintf(stderr, "\r[%.*s%*s] %d/%d %3d%% %.0f %s/s\033[K", fill,
		"##############################", w - fill, "", done, total,
		(int)((long)done * 100 / total), rate, b->unit);
	b->shown = true;
	if (done == total)
		cli_bar_clear(b);
}
