/* Bulk import of OVF or REST API files into the store, in one transaction:
 * the engine behind `spicecfg import` and the TUI's import action. */
#ifndef SC_BULK_H
#define SC_BULK_H

#include <stdbool.h>

#include "../model/options.h"
#include "store.h"

struct bulk_opts {
	bool api;           /* REST API XML; else OVF */
	const char *cluster; /* --cluster, or NULL for the cluster the file names */
	const char *name;    /* --name: only with exactly one file */
	bool keep_going;     /* import what is valid; else all or nothing */
	bool sniff;          /* tell OVF from API XML by each file's content */
	/* How the caller's user imports a clashing file under another name,
	 * and names a cluster, for the refusals; NULL: the CLI's options. */
	const char *rename_hint, *cluster_hint;
};

enum bulk_note {
	BULK_INFO,    /* what a file mapped or ignored, what it imported */
	BULK_SKIP,    /* a path passed over (a symlink leading out of its directory) */
	BULK_REFUSED, /* a file refused, with the reason */
};

struct bulk_report {
	int files;    /* files found */
	int imported; /* committed */
	int skipped;  /* passed over */
	int refused;  /* refused (with --keep-going the rest went on) */
	int noted;    /* files read with notes: what was mapped, ignored or renamed */
};

struct bulk_sink {
	void (*note)(void *arg, enum bulk_note kind, const char *text);
	/* after each file; a caller drawing progress throttles itself */
	void (*progress)(void *arg, int done, int total);
	void *arg;
	/* optional: a file refused because its name or UUID is taken (after
	 * its BULK_REFUSED note), which another name would import */
	void (*clash)(void *arg, const char *path);
};

/* Imports the files and directories (every *.ovf / *.xml inside, in name
 * order, never following a symlink out of the directory).  Returns SC_OK
 * when every file was imported; otherwise the worst status met, with err
 * saying why.  Without keep_going a refused file rolls back everything. */
int bulk_import(struct sc_store *st, const struct sc_optreg *reg, const struct bulk_opts *o,
		char *const *paths, int npaths, const struct bulk_sink *sink,
		struct bulk_report *rep, struct sc_err *err);

#endif
