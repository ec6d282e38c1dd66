/* The live-host layers driven from shell tests until the CLI has host
 * commands: the pure XML functions of model/livexml.c on files, and the
 * libvirt calls of hosts/ on a URI.
 *   livehost pull FILE                   KEY: VALUE lines, then "# note" lines
 *   livehost merge FILE [KEY=VALUE...]   FILE's own settings with the changes
 *                                        merged back; stderr says changed: yes|no
 *   livehost normalize FILE
 *   livehost caps URI
 *   livehost define URI FILE             prints the UUID
 *   livehost xml URI UUID
 *   livehost running URI UUID            prints yes or no */
// links: libspicecfg
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosts/hosts.h"
#include "model/livexml.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap + 1);
	for (size_t k; b && (k = fread(b + n, 1, cap - n, f)) > 0;) {
		n += k;
		if (n == cap)
			b = realloc(b, (cap *= 2) + 1);
	}
	fclose(f);
	if (!b)
		exit(2);
	b[n] = '\0';
	*len = n;
	return b;
}

static int die(const struct sc_err *e)
{
	fprintf(stderr, "livehost: %s\n", e->msg);
	return e->status == SC_EUSAGE ? 2 : 1;
}

static const unsigned MASK = 1u << 1 | 1u << 2 | 1u << 4; /* ValidNumOfMonitors 1,2,4 */

static void print_console(const struct dx_console *c)
{
	printf("display: %s\nmonitors: %d\nsingle_pci: %s\nusb: %s\nusb_slots: %d\n"
	       "usb_filter: %s\nsmartcard: %s\ncopy_paste: %s\nfile_transfer: %s\nwan: %s\n"
	       "vdagent: %s\n",
	       sc_display_name(c->display), c->monitors, c->single_pci ? "yes" : "no",
	       sc_usb_name(c->usb), c->usb_slots, c->usb_filter, c->smartcard ? "yes" : "no",
	       c->copy_paste ? "yes" : "no", c->file_transfer ? "yes" : "no",
	       c->wan ? "yes" : "no", c->vdagent ? "yes" : "no");
}

static int set(struct dx_console *c, const char *kv)
{
	const char *v = strchr(kv, '=');
	if (!v)
		return -1;
	size_t k = (size_t)(v++ - kv);
	bool yes = strcmp(v, "yes") == 0;
#define KEY(s) (k == strlen(s) && strncmp(kv, s, k) == 0)
	if (KEY("display"))
		c->display = (enum sc_display)sc_display_parse(v);
	else if (KEY("monitors"))
		c->monitors = atoi(v);
	else if (KEY("usb"))
		c->usb = (enum sc_usb)sc_usb_parse(v);
	else if (KEY("usb_slots"))
		c->usb_slots = atoi(v);
	else if (KEY("usb_filter"))
		sc_strlcpy(c->usb_filter, v, sizeof c->usb_filter);
	else if (KEY("single_pci"))
		c->single_pci = yes;
	else if (KEY("smartcard"))
		c->smartcard = yes;
	else if (KEY("copy_paste"))
		c->copy_paste = yes;
	else if (KEY("file_transfer"))
		c->file_transfer = yes;
	else if (KEY("wan"))
		c->wan = yes;
	else if (KEY("vdagent"))
		c->vdagent = yes;
	else
		return -1;
	return 0;
}

static int files(int argc, char **argv)
{
	size_t len, out_len;
	char *xml = slurp(argv[2], &len);
	struct sc_err e = {0};
	struct lx_domain d;
	struct xmlio_notes notes = {0};
	int rc = 0;
	if (lx_pull(xml, len, argv[2], MASK, &d, &notes, &e) != SC_OK) {
		free(xml);
		return die(&e);
	}
	if (strcmp(argv[1], "pull") == 0) {
		printf("name: %s\nuuid: %s\nos: %s\nmemory: %d\ncpus: %d\nconsole: %s\n", d.name,
		       d.uuid, sc_os_name(d.os), d.memory, d.cpus, d.has_console ? "yes" : "no");
		if (d.has_console)
			print_console(&d.con);
		for (int i = 0; i < notes.n; i++)
			printf("# %s\n", notes.line[i]);
	} else if (strcmp(argv[1], "merge") == 0) {
		if (!d.has_console)
			d.con = (struct dx_console){.display = SC_DISPLAY_SPICE, .monitors = 1,
						    .copy_paste = true, .file_transfer = true};
		for (int i = 3; i < argc; i++)
			if (set(&d.con, argv[i]) != 0) {
				fprintf(stderr, "livehost: bad setting %s\n", argv[i]);
				return 2;
			}
		bool changed;
		char *out = lx_merge(xml, len, argv[2], &d.con, &changed, &out_len, &e);
		if (!out)
			rc = die(&e);
		else {
			fwrite(out, 1, out_len, stdout);
			fprintf(stderr, "changed: %s\n", changed ? "yes" : "no");
		}
		free(out);
	} else {
		char *out = lx_normalize(xml, len, argv[2], &out_len, &e);
		if (!out)
			rc = die(&e);
		else
			fwrite(out, 1, out_len, stdout);
		free(out);
	}
	xmlio_notes_free(&notes);
	free(xml);
	return rc;
}

static void print_list(const char *what, const struct lx_caplist *l)
{
	printf("%s:", what);
	if (!l->reported)
		printf(" (not reported)");
	for (int i = 0; i < l->n; i++)
		printf(" %s", l->v[i]);
	printf("\n");
}

static int host(int argc, char **argv)
{
	struct hv_conn *c;
	struct sc_err e = {0};
	if (hv_open("test-host", argv[2], false, &c, &e) != SC_OK)
		return die(&e);
	int rc = SC_OK;
	char *x = NULL;
	if (strcmp(argv[1], "caps") == 0) {
		char type[32], ver[32];
		struct lx_caps caps;
		rc = hv_hypervisor(c, type, sizeof type, ver, sizeof ver, &e);
		if (rc == SC_OK && !(x = hv_domcaps(c, &e)))
			rc = e.status;
		if (rc == SC_OK)
			rc = lx_caps_parse(x, strlen(x), "domain capabilities", &caps, &e);
		if (rc == SC_OK) {
			printf("hypervisor: %s %s\ndomain: %s\n", type, ver, caps.domain);
			print_list("graphics", &caps.graphics);
			print_list("video", &caps.video);
			print_list("usb", &caps.usb);
			print_list("redirdev", &caps.redirdev);
			print_list("smartcard", &caps.smartcard);
			print_list("channel", &caps.channel);
		}
	} else if (strcmp(argv[1], "define") == 0 && argc == 4) {
		size_t len;
		x = slurp(argv[3], &len);
		char uuid[SC_UUID_LEN + 1];
		rc = hv_define(c, x, uuid, &e);
		if (rc == SC_OK)
			printf("%s\n", uuid);
	} else if (strcmp(argv[1], "xml") == 0 && argc == 4) {
		if ((x = hv_domain_xml(c, argv[3], &e)))
			fputs(x, stdout);
		else
			rc = e.status;
	} else if (strcmp(argv[1], "running") == 0 && argc == 4) {
		bool running;
		rc = hv_running(c, argv[3], &running, &e);
		if (rc == SC_OK)
			printf("%s\n", running ? "yes" : "no");
	} else {
		rc = sc_fail(&e, SC_EUSAGE, "unknown command %s", argv[1]);
	}
	free(x);
	hv_close(c);
	return rc == SC_OK ? 0 : die(&e);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && (strcmp(argv[1], "pull") == 0 || strcmp(argv[1], "merge") == 0 ||
			  strcmp(argv[1], "normalize") == 0))
		return files(argc, argv);
	if (argc >= 3)
		return host(argc, argv);
	fprintf(stderr, "usage: livehost pull|merge|normalize FILE | caps|define|xml|running URI ...\n");
	return 2;
}
