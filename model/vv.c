/* Values are escaped as GLib's key-file parser, which remote-viewer uses,
 * reads them back: backslash escapes, lists separated by ';'. */
#include "vv.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "field.h"
#include "sbuf.h"
#include "utf8.h"

static bool host_ok(const char *h)
{
	if (!h || !*h || strlen(h) > 255)
		return false;
	for (const char *p = h; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr(".-:[]_%", *p)))
			return false;
	return true;
}

int vv_conn_check(const struct vv_conn *c, struct sc_err *err)
{
	if (!host_ok(c->host))
		return sc_fail(err, SC_EUSAGE,
			       "--host '%s' is not a valid host; valid: a host name or an IPv4/IPv6 "
			       "address",
			       c->host ? c->host : "");
	if (c->port < 0 || c->port > 65535 || c->tls_port < 0 || c->tls_port > 65535)
		return sc_fail(err, SC_EUSAGE, "port out of range; valid: 1..65535");
	if (!c->port && !c->tls_port)
		return sc_fail(err, SC_EUSAGE,
			       "a .vv file needs --port P, --tls-port P --ca-file PEM, or both");
	if (c->tls_port && !c->ca_pem)
		return sc_fail(err, SC_EUSAGE,
			       "--tls-port needs --ca-file PEM: without the CA certificate the "
			       "client cannot verify the server");
	if (c->ca_pem && !c->tls_port)
		return sc_fail(err, SC_EUSAGE, "--ca-file is only used with --tls-port");
	if (c->ca_pem && (!strstr(c->ca_pem, "-----BEGIN CERTIFICATE-----") || !sc_utf8_text_ok(c->ca_pem, true)))
		return sc_fail(err, SC_EUSAGE,
			       "the CA file is not a PEM certificate (no \"-----BEGIN "
			       "CERTIFICATE-----\" line)");
	if (c->host_subject && !c->tls_port)
		return sc_fail(err, SC_EUSAGE, "--host-subject is only used with --tls-port");
	if (c->host_subject && (!*c->host_subject || !sc_utf8_text_ok(c->host_subject, false)))
		return sc_fail(err, SC_EUSAGE,
			       "--host-subject must be a non-empty subject such as "
			       "\"O=Example,CN=host.example.com\"");
	if (c->password && !sc_utf8_text_ok(c->password, false))
		return sc_fail(err, SC_EUSAGE,
			       "the password must be UTF-8 text without control characters");
	return SC_OK;
}

/* "-----BEGIN X-----" or "-----END X-----": X into kind; else false. */
static bool pem_marker(const char *line, size_t n, const char *what, char *kind, size_t size)
{
	size_t w = strlen(what);
	while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	if (n < 10 + w || strncmp(line, "-----", 5) || strncmp(line + 5, what, w) ||
	    line[5 + w] != ' ' || strncmp(line + n - 5, "-----", 5))
		return false;
	size_t k = n - 10 - w - 1;
	if (k == 0)
		return false;
	if (k >= size) { /* a kind too long to show whole is still a block: cut with "..." */
		memcpy(kind, line + 6 + w, size - 4);
		memcpy(kind + size - 4, "...", 4);
		return true;
	}
	memcpy(kind, line + 6 + w, k);
	kind[k] = '\0';
	return true;
}

static void add_kind(char *kinds, size_t size, const char *kind)
{
	if (strstr(kinds, kind))
		return;
	size_t n = strlen(kinds);
	snprintf(kinds + n, size - n, "%s%s", n ? ", " : "", kind);
}

char *vv_ca_certs(const char *pem, const char *fname, int *left_out, char *left_kinds,
		  size_t kinds_size, struct sc_err *err)
{
	struct sbuf b = {0};
	char kind[64] = "", end_kind[64];
	bool in = false;
	int certs = 0;
	*left_out = 0;
	left_kinds[0] = '\0';
	for (const char *p = pem; *p;) {
		size_t n = strcspn(p, "\n");
		if (!in && pem_marker(p, n, "BEGIN", kind, sizeof kind)) {
			in = true;
			if (strcmp(kind, "CERTIFICATE") != 0) {
				++*left_out;
				add_kind(left_kinds, kinds_size, kind);
			}
		} else if (in && pem_marker(p, n, "END", end_kind, sizeof end_kind)) {
			if (strcmp(kind, end_kind) != 0) {
				sbuf_free(&b);
				sc_fail(err, SC_EUSAGE,
					"%s: a \"BEGIN %s\" block ends with \"END %s\"; the PEM file "
					"is damaged", fname, kind, end_kind);
				return NULL;
			}
			if (strcmp(kind, "CERTIFICATE") == 0) {
				sbuf_putn(&b, p, n);
				sbuf_puts(&b, "\n");
				certs++;
			}
			in = false;
		}
		if (in && strcmp(kind, "CERTIFICATE") == 0) {
			sbuf_putn(&b, p, n);
			sbuf_puts(&b, "\n");
		}
		p += n + (p[n] == '\n');
	}
	if (in) {
		sbuf_free(&b);
		sc_fail(err, SC_EUSAGE, "%s: the \"BEGIN %s\" block has no END line; the PEM file is "
			"damaged", fname, kind);
		return NULL;
	}
	if (!certs) {
		sbuf_free(&b);
		sc_fail(err, SC_EUSAGE,
			"%s holds no CA certificate (no \"-----BEGIN CERTIFICATE-----\" block)%s%s; "
			"give the PEM file of the CA that signed the SPICE server's certificate",
			fname, *left_out ? ", only " : "", left_kinds);
		return NULL;
	}
	return sbuf_finish(&b, NULL, err);
}

/* A key-file string value: backslash escapes; a leading space kept as \s. */
static void kf_value(struct sbuf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '\\': sbuf_puts(b, "\\\\"); break;
		case '\n': sbuf_puts(b, "\\n"); break;
		case '\r': sbuf_puts(b, "\\r"); break;
		case '\t': sbuf_puts(b, "\\t"); break;
		case ' ':
			sbuf_puts(b, p == s ? "\\s" : " ");
			break;
		default: sbuf_putn(b, p, 1);
		}
	}
}

static void kf_str(struct sbuf *b, const char *key, const char *value)
{
	sbuf_printf(b, "%s=", key);
	kf_value(b, value);
	sbuf_puts(b, "\n");
}

/* "a,b" as the key-file list "a;b". */
static void kf_list(struct sbuf *b, const char *key, const char *csv)
{
	sbuf_printf(b, "%s=", key);
	for (const char *p = csv; *p; p++)
		sbuf_putn(b, *p == ',' ? ";" : p, 1);
	sbuf_puts(b, "\n");
}

static void kf_bool(struct sbuf *b, const char *key, bool v)
{
	sbuf_printf(b, "%s=%d\n", key, v ? 1 : 0);
}

static void vv_connection(struct sbuf *b, const struct sc_object *o, const struct sc_ctx *ctx,
			  const struct vv_conn *c, struct sc_msgs *warn)
{
	sbuf_printf(b, "[virt-viewer]\ntype=%s\n", o->display == SC_DISPLAY_VNC ? "vnc" : "spice");
	kf_str(b, "host", c->host);
	if (c->port)
		sbuf_printf(b, "port=%d\n", c->port);
	if (c->tls_port)
		sbuf_printf(b, "tls-port=%d\n", c->tls_port);
	if (c->password)
		kf_str(b, "password", c->password);
	if (!c->no_proxy && c->proxy && c->proxy[0])
		kf_str(b, "proxy", c->proxy);
	/* A client told a channel is secure will not open it on a plain port,
	 * so the list only goes with a TLS port. */
	if (c->tls_port && ctx->site.secure_channels[0])
		kf_list(b, "secure-channels", ctx->site.secure_channels);
	else if (o->display == SC_DISPLAY_SPICE && ctx->site.secure_channels[0])
		sc_msgs_add(warn, -1,
			    "no --tls-port: the SPICE channels (%s) will not be encrypted",
			    ctx->site.secure_channels);
	if (c->tls_port) {
		kf_str(b, "ca", c->ca_pem);
		if (c->host_subject)
			kf_str(b, "host-subject", c->host_subject);
	}
}

static void vv_console(struct sbuf *b, const struct sc_object *o, const struct sc_ctx *ctx)
{
	bool native = o->usb == SC_USB_NATIVE && o->display == SC_DISPLAY_SPICE;
	kf_str(b, "title", o->name);
	sbuf_puts(b, "delete-this-file=1\n"
		     "fullscreen=0\n");
	kf_str(b, "toggle-fullscreen",
	       ctx->site.toggle_fullscreen[0] ? ctx->site.toggle_fullscreen : "shift+f11");
	kf_str(b, "release-cursor",
	       ctx->site.release_cursor[0] ? ctx->site.release_cursor : "shift+f12");
	if (ctx->site.remap_ctrl_alt_del)
		sbuf_puts(b, "secure-attention=ctrl+alt+end\n");
	kf_bool(b, "enable-usbredir", native);
	kf_bool(b, "enable-usb-autoshare", native && o->usb_autoshare);
	kf_str(b, "usb-filter", ctx->site.usb_filter);
	kf_bool(b, "enable-smartcard", o->smartcard && o->display == SC_DISPLAY_SPICE);
	/* The rule of when WAN applies is the model's, not repeated here. */
	if (o->wan && !sc_lock_reason(SC_F_WAN, o, ctx)) {
		sbuf_printf(b, "color-depth=%d\n", ctx->site.wan_color_depth);
		kf_list(b, "disable-effects", ctx->site.wan_effects);
	}
}

char *vv_write(const struct sc_object *o, const struct sc_ctx *ctx, const struct vv_conn *c,
	       struct sc_msgs *warn, size_t *len, struct sc_err *err)
{
	if (o->kind != SC_VM) {
		sc_fail(err, SC_EUSAGE, "%s '%s': a console file is for a VM only",
			sc_kind_name(o->kind), o->name);
		return NULL;
	}
	if (vv_conn_check(c, err))
		return NULL;
	if (o->display == SC_DISPLAY_VNC && c->tls_port) {
		sc_fail(err, SC_EUSAGE,
			"vm '%s' uses VNC: its console file has no TLS port; use --port", o->name);
		return NULL;
	}
	struct sbuf b = {0};
	vv_connection(&b, o, ctx, c, warn);
	vv_console(&b, o, ctx);
	return sbuf_finish(&b, len, err);
}
