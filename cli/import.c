/* `spicecfg import ovf|api PATH... [--cluster C] [--name N] [--keep-going]`:
 * every file in one transaction (store/bulk.c), so a failed import changes
 * nothing; what each file mapped, ignored or was refused for goes to stderr,
 * with a progress bar when stderr is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/field.h"
#include "../store/bulk.h"
#include "cli.h"
#include "output.h"

struct import_args {
	struct bulk_opts o;
	bool json; /* --format json: the summary on stdout */
	int npaths;
	char **paths;
};

static const char *const IMPORT_USAGE =
	"usage: spicecfg import ovf|api PATH... [--cluster C] [--name N] [--keep-going] "
	"[--format text|json]";

static int parse_args(int argc, char **argv, struct import_args *a)
{
	memset(a, 0, sizeof *a);
	if (argc < 2)
		return cli_fail(SC_EUSAGE, "%s", IMPORT_USAGE);
	if (strcmp(argv[1], "ovf") && strcmp(argv[1], "api"))
		return cli_fail(SC_EUSAGE, "unknown import format '%s'; valid: ovf, api", argv[1]);
	a->o.api = strcmp(argv[1], "api") == 0;
	a->paths = calloc((size_t)argc, sizeof *a->paths);
	if (!a->paths)
		return cli_fail(SC_ERUNTIME, "out of memory");
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		if (strcmp(o, "--cluster") == 0 || strcmp(o, "--name") == 0) {
			if (i + 1 >= argc)
				return cli_fail(SC_EUSAGE, "%s needs a value", o);
			*(o[2] == 'c' ? &a->o.cluster : &a->o.name) = argv[++i];
		} else if (strcmp(o, "--format") == 0) {
			if (i + 1 >= argc)
				return cli_fail(SC_EUSAGE, "%s needs a value", o);
			o = argv[++i];
			if (strcmp(o, "text") && strcmp(o, "json"))
				return cli_fail(SC_EUSAGE, "invalid --format '%s'; valid: text, json", o);
			a->json = strcmp(o, "json") == 0;
		} else if (strcmp(o, "--keep-going") == 0 || strcmp(o, "-k") == 0) {
			a->o.keep_going = true;
		} else if (o[0] == '-' && o[1]) {
			return cli_fail(SC_EUSAGE, "unknown option '%s'; %s", o, IMPORT_USAGE);
		} else {
			a->paths[a->npaths++] = argv[i];
		}
	}
	if (!a->npaths)
		return cli_fail(SC_EUSAGE, "import needs at least one file or directory; %s",
				IMPORT_USAGE);
	struct sc_err err;
	if (a->o.name && sc_name_check("--name", a->o.name, &err))
		return cli_fail_err(&err);
	return 0;
}

/* ---- what the user sees on stderr ---- */

struct view {
	const struct cli *cli;
	struct cli_bar bar;
	FILE *notes;       /* --format json: the notes as JSON array members */
	int nnotes;
};

static void note(void *arg, enum bulk_note kind, const char *text)
{
	struct view *v = arg;
	if (v->notes) {
		static const char *const kinds[] = {"info", "skipped", "refused"};
		fprintf(v->notes, "%s{\"kind\": \"%s\", \"text\": ", v->nnotes++ ? ",\n  " : "\n  ",
			kinds[kind]);
		out_json_string(v->notes, text);
		fputc('}', v->notes);
	}
	if (v->cli->quiet && kind != BULK_REFUSED)
		return;
	cli_bar_clear(&v->bar);
	cli_say(kind == BULK_SKIP ? "warning: " : "", text);
}

static void progress(void *arg, int done, int total)
{
	struct view *v = arg;
	cli_bar_draw(&v->bar, done, total);
}

/* The summary for scripts: counts, the exit status, and every note. */
static void print_json(const struct bulk_report *rep, int st, const char *error,
		       const char *notes, int nnotes)
{
	printf("{\"files\": %d, \"imported\": %d, \"skipped\": %d, \"refused\": %d, "
	       "\"status\": %d, \"error\": ",
	       rep->files, rep->imported, rep->skipped, rep->refused, sc_exit_code(st));
	if (error)
		out_json_string(stdout, error);
	else
		fputs("null", stdout);
	printf(",\n \"notes\": [%s%s]}\n", notes ? notes : "", nnotes ? "\n " : "");
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	struct import_args a;
	struct sc_err err = {0};
	struct sc_cluster c;
	struct bulk_report rep;
	int rc = parse_args(argc, argv, &a);
	if (!rc && cli_open_store(cli, &err))
		rc = cli_fail_err(&err);
	if (!rc && a.o.cluster && store_cluster_get(cli->st, a.o.cluster, &c, &err))
		rc = cli_fail_err(&err);
	if (rc) {
		free(a.paths);
		return rc;
	}
	struct view v = {.cli = cli};
	cli_bar_init(&v.bar, cli, "files");
	char *notes = NULL;
	size_t notes_len = 0;
	if (a.json && !(v.notes = open_memstream(&notes, &notes_len))) {
		free(a.paths);
		return cli_fail(SC_ERUNTIME, "out of memory");
	}
	struct bulk_sink sink = {note, progress, &v};
	int st = bulk_import(cli->st, cli->reg, &a.o, a.paths, a.npaths, &sink, &rep, &err);
	free(a.paths);
	cli_bar_clear(&v.bar);
	if (v.notes) {
		fclose(v.notes);
		print_json(&rep, st, st && !rep.refused ? err.msg : NULL, notes, v.nnotes);
		free(notes);
	}
	if (st && !rep.refused)
		return cli_fail_err(&err); /* not about one file: no files, --name, the store */
	if (rep.files > 1 && rep.refused && !rep.imported)
		cli_fail(st, "nothing imported%s", a.o.keep_going ? "" : " (use --keep-going to "
									"skip bad files)");
	if (!cli->quiet && rep.files + rep.skipped > 1)
		fprintf(stderr, "spicecfg: %d imported, %d skipped, %d refused\n", rep.imported,
			rep.skipped, rep.refused);
	return sc_exit_code(st);
}
