/* The reference for the per-keystroke output benchmark: the smallest
 * ncurses program that shows what spicecfg's VM list shows -- the tab line,
 * the column header, the rows in the same columns, the selected row
 * highlighted across the whole line in the same colors, the status line
 * "VMs: COUNT (POSITION)" followed by the given text, and the key bar -- and moves the
 * selection with the arrow keys.  It keeps the rows in memory (read from
 * `spicecfg vm list --format tsv`) and, on every key, simply redraws the
 * visible rows and the status line and lets ncurses send what changed.
 *
 *   minlist ROWS.tsv STATUS-TAIL
 */
// pkg-config: ncursesw
#include <curses.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { P_SELECTED = 1, P_STATUS, P_TAB_ACTIVE, P_HEADER, P_KEYLABEL };

static char **rows;
static long nrows, sel, top;
static const char *tail; /* status line text after the position */

/* The columns of the VM list and the tsv field each one shows. */
static const struct {
	const char *title;
	int width, field; /* width 0: the rest of the line */
} cols[] = {
	{"Name", 18, 0}, {"Cluster", 12, 1}, {"OS", 15, 3},	  {"Proto", 6, 7},
	{"Mon", 4, 8},	 {"USB", 9, 9},	     {"Migration", 11, 13}, {"Description", 0, 14},
};
#define NCOL (int)(sizeof cols / sizeof cols[0])

static void load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1024;
	char *line = NULL;
	size_t n = 0;
	rows = malloc(cap * sizeof *rows);
	while (rows && getline(&line, &n, f) > 0) {
		if ((size_t)nrows == cap)
			rows = realloc(rows, (cap *= 2) * sizeof *rows);
		line[strcspn(line, "\n")] = '\0';
		rows[nrows++] = strdup(line);
	}
	free(line);
	fclose(f);
}

/* The widths of the columns on the page shown, as the list sizes them
 * (SPEC §11): each as wide as its title and the visible rows need, plus a
 * gap; when the last column would get less than it needs (at most a third
 * of the line, at least 12), the columns wider than their nominal width
 * give way, the widest first.  The last column takes the rest. */
static int colw[NCOL];

static void split(long i, char *copy, size_t n, const char **cell)
{
	const char *field[16] = {0};
	snprintf(copy, n, "%s", rows[i]);
	char *p = copy;
	for (int f = 0; f < 16 && p; f++) {
		field[f] = p;
		if ((p = strchr(p, '\t')))
			*p++ = '\0';
	}
	for (int c = 0; c < NCOL; c++)
		cell[c] = field[cols[c].field] ? field[cols[c].field] : "";
}

static const char *title(int c)
{
	return c ? cols[c].title : "Name ^";
}

static bool size_columns(void)
{
	int need[NCOL], sum = 0, last = (int)strlen(title(NCOL - 1));
	for (int c = 0; c < NCOL; c++)
		need[c] = (int)strlen(title(c));
	for (long i = top; i < top + LINES - 4 && i < nrows; i++) {
		char copy[1024];
		const char *cell[NCOL];
		split(i, copy, sizeof copy, cell);
		for (int c = 0; c < NCOL; c++)
			if ((int)strlen(cell[c]) > need[c])
				need[c] = (int)strlen(cell[c]);
	}
	if (need[NCOL - 1] > last)
		last = need[NCOL - 1];
	int w[NCOL];
	for (int c = 0; c + 1 < NCOL; c++)
		sum += w[c] = need[c] + 1;
	int keep = COLS / 3 > 12 ? COLS / 3 : 12;
	if (last + 1 < keep)
		keep = last + 1;
	for (int over = sum + keep - COLS; over > 0; over--) {
		int widest = -1, most = 0;
		for (int c = 0; c + 1 < NCOL; c++)
			if (w[c] - cols[c].width > most)
				most = w[c] - cols[c].width, widest = c;
		if (widest < 0)
			break;
		w[widest]--;
	}
	w[NCOL - 1] = 0;
	bool changed = memcmp(w, colw, sizeof w) != 0;
	memcpy(colw, w, sizeof w);
	return changed;
}

/* One line of cells: each column gets width-1 characters and a space; a
 * cell that does not fit ends with '~' (the C locale's mark). */
static void format(char *out, const char *const *cell)
{
	int x = 0;
	for (int c = 0; c < NCOL && x < COLS; c++) {
		int w = colw[c] ? colw[c] - 1 : COLS - x - 1;
		if (x + w > COLS)
			w = COLS - x;
		if ((int)strlen(cell[c]) > w && w > 0)
			x += sprintf(out + x, "%.*s~", w - 1, cell[c]);
		else
			x += sprintf(out + x, "%-*.*s", w, w, cell[c]);
		if (colw[c] && x < COLS)
			out[x++] = ' ';
	}
	while (x < COLS)
		out[x++] = ' ';
	out[x] = '\0';
}

static void draw_row(int y, long i)
{
	char line[1024], copy[1024];
	const char *cell[NCOL];
	if (i >= nrows) {
		move(y, 0);
		clrtoeol();
		return;
	}
	split(i, copy, sizeof copy, cell);
	format(line, cell);
	attrset(i == sel ? COLOR_PAIR(P_SELECTED) : A_NORMAL);
	mvaddstr(y, 0, line);
}

static void draw_head(void)
{
	const char *head[NCOL];
	for (int c = 0; c < NCOL; c++)
		head[c] = title(c);
	char line[1024];
	format(line, head);
	attrset(COLOR_PAIR(P_HEADER) | A_BOLD);
	mvaddstr(1, 0, line);
}

static void draw_frame(void)
{
	static const char *const tabs[] = {"Clusters", "VMs",	"Templates",   "Pools",
					   "Hosts",    "Site options", "History"};
	move(0, 0);
	int x = 0;
	for (int i = 0; i < 7; i++) {
		attrset(i == 1 ? COLOR_PAIR(P_TAB_ACTIVE) | A_BOLD : A_NORMAL);
		printw(" %s ", tabs[i]);
		attrset(A_NORMAL);
		addch('|');
		x += (int)strlen(tabs[i]) + 3;
	}
	attrset(A_BOLD);
	if (x + 10 < COLS)
		mvaddstr(0, COLS - 9, "spicecfg");
	static const char *const keys[][2] = {{"F1", "Help"}, {"F2", "New"},	 {"F4", "Edit"},
					      {"x", "Preview"}, {"F8", "Delete"}, {"F9", "Options"},
					      {"/", "Filter"},	{"s", "Sort"},	 {"q", "Quit"}};
	move(LINES - 1, 0);
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		attrset(A_BOLD);
		addstr(keys[k][0]);
		attrset(COLOR_PAIR(P_KEYLABEL));
		printw(" %s", keys[k][1]);
		attrset(A_NORMAL);
		addch(' ');
	}
}

static void draw(void)
{
	int h = LINES - 4;
	if (size_columns())
		draw_head();
	for (int y = 0; y < h; y++)
		draw_row(2 + y, top + y);
	char status[1024];
	int n = snprintf(status, sizeof status, " VMs: %ld (%ld)%s", nrows, sel + 1, tail);
	while (n < COLS && n < (int)sizeof status - 1)
		status[n++] = ' ';
	status[COLS < n ? COLS : n] = '\0';
	attrset(COLOR_PAIR(P_STATUS));
	mvaddstr(LINES - 2, 0, status);
	refresh();
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: minlist ROWS.tsv STATUS-TAIL\n");
		return 2;
	}
	load(argv[1]);
	tail = argv[2];
	setlocale(LC_ALL, "");
	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	leaveok(stdscr, TRUE); /* no cursor to park after each update */
	start_color();
	use_default_colors();
	init_pair(P_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(P_STATUS, COLOR_WHITE, COLOR_BLUE);
	init_pair(P_TAB_ACTIVE, COLOR_BLACK, COLOR_CYAN);
	init_pair(P_HEADER, COLOR_YELLOW, -1);
	init_pair(P_KEYLABEL, COLOR_BLACK, COLOR_CYAN);
	draw_frame();
	draw();
	for (int ch; (ch = getch()) != 'q';) {
		if (ch == KEY_DOWN && sel + 1 < nrows)
			sel++;
		else if (ch == KEY_UP && sel > 0)
			sel--;
		if (sel < top)
			top = sel;
		if (sel >= top + LINES - 4)
			top = sel - (LINES - 4) + 1;
		draw();
	}
	endwin();
	for (long i = 0; i < nrows; i++)
		free(rows[i]);
	free(rows);
	return 0;
}
