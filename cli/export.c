/* `spicecfg export ovf|domxml|vv|api NAME [-o FILE] [connection options]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../hosts/hosts.h"
#include "../model/edit.h"
#include "../model/livexml.h"
#include "../model/vv.h"
#include "../store/export.h"
#include "../store/fileio.h"
#include "cli.h"

struct export_args {
	enum sc_format fmt;
	const char *name, *out;
	const char *host, *port, *tls_port, *ca_file, *host_subject, *password_file;
	bool no_proxy;
};

static const char *const EXPORT_USAGE =
	"usage: spicecfg export ovf|domxml|vv|api NAME [-o FILE]; vv also needs --host H and "
	"--port P and/or --tls-port P --ca-file PEM [--host-subject S] [--password-file F|-] "
	"[--no-proxy] (a vm linked to a running host domain: its own address and ports)";

/* The value slot of an option, or NULL if arg is not one of ours. */
static const char **option_slot(struct export_args *a, const char *arg)
{
	static const char *const names[] = {"-o",	   "--output",	    "--host",
					    "--port",	   "--tls-port",    "--ca-file",
					    "--host-subject", "--password-file"};
	const char **slots[] = {&a->out,     &a->out,	  &a->host,	    &a->port,
				&a->tls_port, &a->ca_file, &a->host_subject, &a->password_file};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(arg, names[i]) == 0)
			return slots[i];
	return NULL;
}

static int parse_args(int argc, char **argv, struct export_args *a)
{
	memset(a, 0, sizeof *a);
	if (argc < 2)
		return cli_fail(SC_EUSAGE, "%s", EXPORT_USAGE);
	int f = sc_format_parse(argv[1]);
	if (f < 0)
		return cli_fail(SC_EUSAGE, "unknown export format '%s'; valid: ovf, domxml, vv, api",
				argv[1]);
	a->fmt = (enum sc_format)f;
	for (int i = 2; i < argc; i++) {
		const char **slot = option_slot(a, argv[i]);
		if (strncmp(argv[i], "--password", 10) == 0 && !slot)
			return cli_fail(SC_EUSAGE,
					"a password is never taken on the command line (other users "
					"see it in the process list); use --password-file FILE, or - "
					"for standard input");
		if (strcmp(argv[i], "--no-proxy") == 0) {
			a->no_proxy = true;
		} else if (slot) {
			if (i + 1 >= argc)
				return cli_fail(SC_EUSAGE, "%s needs a value", argv[i]);
			*slot = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_fail(SC_EUSAGE, "unknown option '%s'; %s", argv[i], EXPORT_USAGE);
		} else if (a->name) {
			return cli_fail(SC_EUSAGE, "export takes one NAME; got '%s' and '%s'", a->name,
					argv[i]);
		} else {
			a->name = argv[i];
		}
	}
	if (!a->name)
		return cli_fail(SC_EUSAGE, "export %s needs the NAME of a vm or template",
				sc_format_info(a->fmt)->name);
	if (a->fmt != SC_FMT_VV && (a->host || a->port || a->tls_port || a->ca_file ||
			       a->host_subject || a->password_file || a->no_proxy))
		return cli_fail(SC_EUSAGE, "--host, --port, --tls-port, --ca-file, --host-subject, "
					   "--password-file and --no-proxy are for export vv only");
	return 0;
}

static int parse_port(const char *opt, const char *s, int *out, struct sc_err *err)
{
	long v = 0;
	if (!s)
		return (*out = 0), 0;
	if (sc_parse_long(s, 10, &v) || v < 1 || v > 65535)
		return sc_fail(err, SC_EUSAGE, "%s '%s' is not a port; valid: 1..65535", opt, s);
	*out = (int)v;
	return 0;
}

/* The object NAME: a vm, else a template, else a pool. */
static int find_object(struct cli *cli, const char *name, struct sc_object *o,
		       struct sc_err *err)
{
	static const enum sc_kind kinds[] = {SC_VM, SC_TEMPLATE, SC_POOL};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		int rc = store_object_get(cli->st, kinds[i], name, o, err);
		if (rc != SC_ENOTFOUND)
			return rc;
	}
	return sc_fail(err, SC_ENOTFOUND, "no vm, template or pool named '%s'", name);
}

/* Reads a small file given on the command line. */
static char *slurp(const char *path, size_t max, struct sc_err *err)
{
	char *buf;
	size_t len;
	if (fileio_read(path, max, &buf, &len, err))
		return NULL;
	if (memchr(buf, '\0', len)) {
		free(buf);
		sc_fail(err, SC_EUSAGE, "%s: binary data, expected text", path);
		return NULL;
	}
	return buf;
}

struct vv_inputs {
	struct vv_conn conn;
	bool live; /* no --host, --port, --tls-port: the linked domain's own */
	char live_host[256];
	char *ca, *password;
	int left_out;      /* PEM blocks of the CA file that are not certificates */
	char left_kinds[160];
};

static int vv_prepare(const struct export_args *a, struct vv_inputs *in, struct sc_err *err)
{
	memset(in, 0, sizeof *in);
	in->conn.host = a->host;
	in->conn.host_subject = a->host_subject;
	in->conn.no_proxy = a->no_proxy;
	in->live = !a->host && !a->port && !a->tls_port;
	if (!a->host && !in->live)
		return sc_fail(err, SC_EUSAGE, "export vv needs --host H");
	if (parse_port("--port", a->port, &in->conn.port, err) ||
	    parse_port("--tls-port", a->tls_port, &in->conn.tls_port, err))
		return err->status;
	if (in->conn.tls_port && !a->ca_file)
		return sc_fail(err, SC_EUSAGE,
			       "--tls-port needs --ca-file PEM: without the CA certificate the "
			       "client cannot verify the server");
	if (a->ca_file) {
		char *pem = slurp(a->ca_file, 1 << 20, err);
		if (!pem)
			return err->status;
		in->ca = vv_ca_certs(pem, a->ca_file, &in->left_out, in->left_kinds,
				     sizeof in->left_kinds, err);
		/* the file may have held a key: it goes no further than here */
		memset(pem, 0, strlen(pem));
		free(pem);
		if (!in->ca)
			return err->status;
	}
	if (a->password_file) {
		if (!(in->password = slurp(a->password_file, 4096, err)))
			return err->status;
		in->password[strcspn(in->password, "\r\n")] = '\0';
	}
	in->conn.ca_pem = in->ca;
	in->conn.password = in->password;
	return in->live ? SC_OK : vv_conn_check(&in->conn, err);
}

/* Where the running domain a vm is linked to takes SPICE (or VNC)
 * clients: its listen address (or its host's name) and the ports libvirt
 * gave it when it started.  A --ca-file given uses its TLS port. */
static int vv_live(struct cli *cli, const struct sc_object *o, struct vv_inputs *in,
		   struct sc_err *err)
{
	struct store_link link;
	struct sc_host h;
	if (o->kind != SC_VM || store_link_get(cli->st, o->id, &link, err) != SC_OK)
		return sc_fail(err, SC_EUSAGE,
			       "export vv needs --host H and --port P (or --tls-port P): %s '%s' "
			       "is not linked to a host domain whose address and ports could be read",
			       sc_kind_name(o->kind), o->name);
	if (store_host_get(cli->st, link.host, &h, err))
		return err->status;
	struct hv_conn *c;
	if (hv_open(h.name, h.uri, true, &c, err))
		return err->status;
	bool running = false;
	char *xml = NULL;
	if (hv_running(c, link.domain, &running, err) == SC_OK && running)
		xml = hv_domain_live_xml(c, link.domain, err);
	hv_close(c);
	if (!running && !err->msg[0])
		sc_fail(err, SC_EUSAGE,
			"vm '%s': its domain on host %s is not running, and its console has a port "
			"only while it runs (start it, or give --host H --port P)",
			o->name, h.name);
	if (!xml)
		return err->status;
	char fname[SC_NAME_MAX * 2 + 40];
	snprintf(fname, sizeof fname, "domain %s of host %s", o->name, h.name);
	struct lx_access acc;
	int rc = lx_access_of(xml, strlen(xml), fname, &acc, err);
	free(xml);
	if (rc)
		return rc;
	if (acc.display != o->display)
		return sc_fail(err, SC_EUSAGE,
			       "vm '%s' is set to %s, but its domain on host %s runs %s (apply it "
			       "and restart the domain, or give --host H --port P)",
			       o->name, sc_display_name(o->display), h.name,
			       sc_display_name(acc.display));
	bool loop;
	lx_access_host(&acc, h.uri, in->live_host, sizeof in->live_host, &loop);
	if (loop)
		cli_warn(cli, "vm '%s': its domain listens on %s only: a client on another "
			      "machine reaches it only through a tunnel to host %s",
			 o->name, acc.listen, h.name);
	if (link.pending)
		cli_warn(cli, "vm '%s': settings applied to its domain wait for its next boot; "
			      "the running console has the earlier ones", o->name);
	in->conn.host = in->live_host;
	in->conn.port = acc.port;
	in->conn.tls_port = in->ca ? acc.tls_port : 0;
	if (!in->conn.port && !in->conn.tls_port)
		return sc_fail(err, SC_EUSAGE,
			       "vm '%s': its running domain on host %s has no %s port (give "
			       "--tls-port P --ca-file PEM, or --host H --port P)",
			       o->name, h.name, acc.tls_port ? "plain" : "console");
	return vv_conn_check(&in->conn, err);
}

static int export_run(struct cli *cli, const struct export_args *a, struct vv_inputs *vv)
{
	struct sc_err err = {0};
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_msgs bad = {0};
	size_t len;
	if (cli_open_store(cli, &err) || find_object(cli, a->name, &o, &err) ||
	    store_ctx(cli->st, cli->reg, o.cluster, &ctx, &err) ||
	    (a->fmt == SC_FMT_VV && vv->live && vv_live(cli, &o, vv, &err)))
		return cli_fail_err(&err);
	/* Site options may have changed since the object was saved. */
	sc_edit_check(&o, &ctx, &bad);
	for (int i = 0; i < bad.n; i++)
		cli_warn(cli, "%s '%s' no longer valid here: %s (exported as stored)",
			 sc_kind_name(o.kind), o.name, bad.m[i].text);
	struct sc_msgs warn = {0};
	char *data = store_export(cli->st, &o, &ctx, a->fmt, &vv->conn, &warn, &len, &err);
	if (!data)
		return cli_fail_err(&err);
	for (int i = 0; i < warn.n; i++)
		cli_warn(cli, "%s", warn.m[i].text);
	int rc = fileio_write(a->out ? a->out : "-", data, len, store_export_mode(a->fmt), &err);
	free(data);
	return rc ? cli_fail_err(&err) : 0;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	struct export_args a;
	struct vv_inputs vv = {0};
	struct sc_err err = {0};
	int rc = parse_args(argc, argv, &a);
	if (rc)
		return rc;
	if (a.fmt == SC_FMT_VV) {
		if (vv_prepare(&a, &vv, &err))
			rc = cli_fail_err(&err);
		else if (vv.left_out)
			cli_warn(cli, "%s: %d PEM block%s that %s not a certificate (%s) left out of "
				      "the .vv file; only the CERTIFICATE blocks go into ca=",
				 a.ca_file, vv.left_out, vv.left_out > 1 ? "s" : "",
				 vv.left_out > 1 ? "are" : "is", vv.left_kinds);
	}
	if (!rc)
		rc = export_run(cli, &a, &vv);
	free(vv.ca);
	if (vv.password) {
		/* It was only ever meant for the file. */
		memset(vv.password, 0, strlen(vv.password));
		free(vv.password);
	}
	return rc;
}
