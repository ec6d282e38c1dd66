/* `spicecfg usb-options`: what the USB Support dropdown offers, and why not
 * the rest. */
#include <stdio.h>
#include <string.h>

#include "../model/rules.h"
#include "cli.h"
#include "output.h"

/* The same answer for scripts: the allowed values in dropdown order (the
 * default first and marked), the refused ones each with its reason. */
static void print_json(int cver, int os, int display, const struct sc_usb_verdict *v,
		       enum sc_usb dflt)
{
	FILE *f = stdout;
	fprintf(f, "{\"cver\": \"%s\", \"os\": ", sc_cver_name((enum sc_cver)cver));
	out_json_string(f, sc_os_name((enum sc_os)os));
	fprintf(f, ", \"display\": \"%s\", \"default\": \"%s\",\n \"allowed\": [",
		sc_display_name((enum sc_display)display), sc_usb_name(dflt));
	fprintf(f, "{\"value\": \"%s\", \"default\": true}", sc_usb_name(dflt));
	for (int u = 0; u < SC_USB_COUNT; u++)
		if (!v->reason[u] && u != (int)dflt)
			fprintf(f, ", {\"value\": \"%s\", \"default\": false}",
				sc_usb_name((enum sc_usb)u));
	fputs("],\n \"refused\": [", f);
	for (int u = 0, k = 0; u < SC_USB_COUNT; u++)
		if (v->reason[u]) {
			fprintf(f, "%s{\"value\": \"%s\", \"reason\": ", k++ ? ", " : "",
				sc_usb_name((enum sc_usb)u));
			out_json_string(f, v->reason[u]);
			fputc('}', f);
		}
	fputs("],\n \"editable\": ", f);
	fputs(v->editable ? "true" : "false", f);
	fputs(", \"lock_reason\": ", f);
	if (v->lock_reason)
		out_json_string(f, v->lock_reason);
	else
		fputs("null", f);
	fputs("}\n", f);
}

int cmd_usb_options(struct cli *cli, int argc, char **argv)
{
	int cver = -1, os = -1, display = SC_DISPLAY_SPICE;
	bool json = false;
	struct sc_err err;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--cver") && v) {
			if ((cver = sc_cver_parse(v)) < 0)
				return cli_fail(SC_EUSAGE, "invalid --cver '%s'; valid: 3.0, 3.1, 3.2", v);
		} else if (!strcmp(a, "--os") && v) {
			if ((os = sc_os_parse(v)) < 0) {
				char list[512];
				size_t len = 0;
				for (int o = 0; o < SC_OS_COUNT; o++)
					len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
								o ? ", " : "",
								sc_os_name((enum sc_os)o));
				return cli_fail(SC_EUSAGE, "invalid --os '%s'; valid: %s", v, list);
			}
		} else if (!strcmp(a, "--display") && v) {
			if (!strcmp(v, "spice"))
				display = SC_DISPLAY_SPICE;
			else if (!strcmp(v, "vnc"))
				display = SC_DISPLAY_VNC;
			else
				return cli_fail(SC_EUSAGE, "invalid --display '%s'; valid: spice, vnc", v);
		} else if (!strcmp(a, "--format") && v) {
			if (strcmp(v, "text") && strcmp(v, "json"))
				return cli_fail(SC_EUSAGE, "invalid --format '%s'; valid: text, json", v);
			json = !strcmp(v, "json");
		} else {
			return cli_fail(SC_EUSAGE, "unknown usb-options argument '%s'; usage: "
					"usb-options --cver V --os OS [--display spice|vnc] "
					"[--format text|json]", a);
		}
		i++;
	}
	if (cver < 0 || os < 0)
		return cli_fail(SC_EUSAGE, "usb-options needs --cver 3.0|3.1|3.2 and --os OS");
	if (cli_open_store(cli, &err))
		return cli_fail_err(&err);
	struct sc_ctx ctx;
	struct sc_usb_verdict v;
	sc_ctx_init(&ctx, cli->reg, (enum sc_cver)cver);
	sc_usb_rules((enum sc_display)display, ctx.cver, (enum sc_os)os, &ctx.site, &v);
	enum sc_usb dflt = sc_usb_default((enum sc_display)display, ctx.cver, (enum sc_os)os,
					  &ctx.site);
	if (json)
		return print_json(cver, os, display, &v, dflt), 0;
	printf("%s\n", sc_usb_name(dflt));
	for (int u = 0; u < SC_USB_COUNT; u++)
		if (!v.reason[u] && u != (int)dflt)
			printf("%s\n", sc_usb_name((enum sc_usb)u));
	for (int u = 0; u < SC_USB_COUNT; u++)
		if (v.reason[u])
			printf("# %s: %s\n", sc_usb_name((enum sc_usb)u), v.reason[u]);
	return 0;
}
