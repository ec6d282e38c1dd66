/* `spicecfg --version`: the program's version and those of the libraries it
 * runs with, as the dynamic loader found them (not as they were when it was
 * built).  libpq and libvirt are loaded here only: every other command loads
 * them when it first needs them, or never. */
#include <curses.h>
#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "../hosts/hosts.h"
#include "../store/store.h"
#include "cli.h"

/* libxml2 gives its version as "20914" (2.9.14). */
static void xml_version(char *buf, size_t n)
{
	long v = strtol(xmlParserVersion, NULL, 10);
	snprintf(buf, n, "%ld.%ld.%ld", v / 10000, v / 100 % 100, v % 100);
}

/* "libpq 16.4 (loaded on demand, for WHAT)" or "libpq not installed (...)" */
static void on_demand(FILE *out, const char *lib, int rc, const char *version, const char *what)
{
	fprintf(out, "%s %s (%s for %s)\n", lib, version,
		rc == 0 ? "loaded on demand," : "needed only", what);
}

int cli_version(FILE *out)
{
	char xml[32], buf[64];
	xml_version(xml, sizeof xml);
	fprintf(out, "spicecfg %s\n", SPICECFG_VERSION);
	fprintf(out, "SQLite %s\n", sqlite3_libversion());
	fprintf(out, "libxml2 %s\n", xml);
	fprintf(out, "%s\n", curses_version()); /* "ncurses 6.4.20221231" */
	on_demand(out, "libpq", store_libpq_version(buf, sizeof buf), buf, "PostgreSQL stores");
	on_demand(out, "libvirt", hv_lib_version(buf, sizeof buf), buf, "live hosts");
	return 0;
}
