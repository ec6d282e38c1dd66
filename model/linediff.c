/* Unified line diff: common head and tail trimmed, the middle matched by a
 * longest-common-subsequence table.  Domain XML differs in a few lines out
 * of a few hundred, so the table is small; past a bound the middle is shown
 * as removed and added, still a correct diff, only not a minimal one. */
#include "linediff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

#define LCS_CELLS_MAX (16u * 1024 * 1024)

struct line {
	const char *p;
	size_t n; /* without the newline */
};

struct lines {
	struct line *v;
	size_t n;
};

static int split(const char *s, size_t len, struct lines *out)
{
	size_t cap = 16;
	out->n = 0;
	out->v = malloc(cap * sizeof *out->v);
	if (!out->v)
		return -1;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
		if (out->n == cap) {
			struct line *v = realloc(out->v, 2 * cap * sizeof *v);
			if (!v)
				return -1;
			out->v = v;
			cap *= 2;
		}
		out->v[out->n++] = (struct line){s + i, n};
		i += n + 1;
	}
	return 0;
}

static bool same(const struct line *a, const struct line *b)
{
	return a->n == b->n && memcmp(a->p, b->p, a->n) == 0;
}

/* One step of the edit script: ' ' both, '-' a only, '+' b only; a kind
 * of 0 ends the script. */
struct op {
	char kind;
	size_t ai, bi; /* line indexes in a and b (the next ones for '+' / '-') */
};

static int script(const struct lines *a, const struct lines *b, struct op **out, size_t *nout)
{
	size_t head = 0, tail = 0;
	while (head < a->n && head < b->n && same(&a->v[head], &b->v[head]))
		head++;
	while (tail < a->n - head && tail < b->n - head &&
	       same(&a->v[a->n - 1 - tail], &b->v[b->n - 1 - tail]))
		tail++;
	size_t m = a->n - head - tail, n = b->n - head - tail;
	struct op *ops = malloc((a->n + b->n + 1) * sizeof *ops);
	if (!ops)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < head; i++)
		ops[k++] = (struct op){' ', i, i};
	uint32_t *t = NULL;
	if (m && n && (m + 1) * (n + 1) <= LCS_CELLS_MAX)
		t = calloc((m + 1) * (n + 1), sizeof *t);
	size_t i = 0, j = 0;
	if (t) {
		/* t[i][j]: LCS length of a's middle from i and b's from j */
		for (size_t x = m; x-- > 0;)
			for (size_t y = n; y-- > 0;)
				t[x * (n + 1) + y] =
					same(&a->v[head + x], &b->v[head + y])
						? t[(x + 1) * (n + 1) + y + 1] + 1
					: t[(x + 1) * (n + 1) + y] >= t[x * (n + 1) + y + 1]
						? t[(x + 1) * (n + 1) + y]
						: t[x * (n + 1) + y + 1];
		while (i < m && j < n) {
			if (same(&a->v[head + i], &b->v[head + j])) {
				ops[k++] = (struct op){' ', head + i, head + j};
				i++, j++;
			} else if (t[(i + 1) * (n + 1) + j] >= t[i * (n + 1) + j + 1]) {
				ops[k++] = (struct op){'-', head + i, head + j};
				i++;
			} else {
				ops[k++] = (struct op){'+', head + i, head + j};
				j++;
			}
		}
		free(t);
	} else if (m && n && (m + 1) * (n + 1) <= LCS_CELLS_MAX) {
		free(ops);
		return -1;
	}
	for (; i < m; i++)
		ops[k++] = (struct op){'-', head + i, head + j};
	for (; j < n; j++)
		ops[k++] = (struct op){'+', head + m, head + j};
	for (size_t x = 0; x < tail; x++)
		ops[k++] = (struct op){' ', a->n - tail + x, b->n - tail + x};
	ops[k] = (struct op){0}; /* k <= a->n + b->n: the room was allocated */
	*out = ops;
	*nout = k;
	return 0;
}

/* "start,count" as unified diffs write a range (start is the line before
 * an empty range; ",1" left out). */
static void range(struct sbuf *b, size_t start, size_t count)
{
	if (count == 1)
		sbuf_printf(b, "%zu", start + 1);
	else
		sbuf_printf(b, "%zu,%zu", count ? start + 1 : start, count);
}

static void hunks(struct sbuf *out, const struct op *ops, size_t n, const struct lines *a,
		  const struct lines *b, size_t ctx)
{
	size_t i = 0;
	for (;;) {
		/* up to the next change; the end mark stops an unchanged tail */
		while (ops[i].kind == ' ')
			i++;
		if (!ops[i].kind)
			break;
		size_t start = i > ctx ? i - ctx : 0, end = i; /* end: one past the last change */
		for (size_t j = i; j < n; j++) {
			if (ops[j].kind != ' ')
				end = j + 1;
			else if (j - end >= 2 * ctx)
				break;
		}
		size_t stop = end + ctx < n ? end + ctx : n;
		size_t na = 0, nb = 0;
		for (size_t j = start; j < stop; j++) {
			na += ops[j].kind != '+';
			nb += ops[j].kind != '-';
		}
		sbuf_puts(out, "@@ -");
		range(out, ops[start].ai, na);
		sbuf_puts(out, " +");
		range(out, ops[start].bi, nb);
		sbuf_puts(out, " @@\n");
		for (size_t j = start; j < stop; j++) {
			const struct line *l = ops[j].kind == '+' ? &b->v[ops[j].bi] : &a->v[ops[j].ai];
			sbuf_putn(out, &ops[j].kind, 1);
			sbuf_putn(out, l->p, l->n);
			sbuf_puts(out, "\n");
		}
		i = stop;
	}
}

char *ld_unified(const char *a, size_t alen, const char *b, size_t blen, const char *aname,
		 const char *bname, int context, bool *differs, struct sc_err *err)
{
	struct lines la = {0}, lb = {0};
	struct op *ops = NULL;
	size_t n = 0;
	struct sbuf out = {0};
	*differs = false;
	if (split(a, alen, &la) || split(b, blen, &lb) || script(&la, &lb, &ops, &n)) {
		free(la.v);
		free(lb.v);
		sc_fail(err, SC_ERUNTIME, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < n && !*differs; i++)
		*differs = ops[i].kind != ' ';
	sbuf_puts(&out, "");
	if (*differs) {
		sbuf_printf(&out, "--- %s\n+++ %s\n", aname, bname);
		hunks(&out, ops, n, &la, &lb, context < 0 ? 0 : (size_t)context);
	}
	free(ops);
	free(la.v);
	free(lb.v);
	return sbuf_finish(&out, NULL, err);
}
