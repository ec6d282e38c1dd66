/* `spicecfg host check URI`: connect to a libvirt host and say what its
 * hypervisor is and what its domain capabilities let it run (SPEC §10). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../hosts/hosts.h"
#include "../model/livexml.h"
#include "cli.h"

static void print_list(const char *label, const struct lx_caplist *l)
{
	printf("%s: ", label);
	if (!l->reported) {
		printf("(not reported by this libvirt)\n");
		return;
	}
	if (!l->n)
		printf("none");
	for (int i = 0; i < l->n; i++)
		printf("%s%s", i ? ", " : "", l->v[i]);
	printf("\n");
}

static int check(const char *uri)
{
	struct sc_err err = {0};
	if (!strstr(uri, ":/"))
		return cli_fail(SC_EUSAGE,
				"no host named '%s'; give a libvirt connection URI such as "
				"qemu:///system, qemu+ssh://root@kvm1/system or test:///PATH",
				uri);
	struct hv_conn *c;
	if (hv_open(uri, uri, false, &c, &err) != SC_OK)
		return cli_fail_err(&err);
	char type[64], version[32];
	int rc = hv_hypervisor(c, type, sizeof type, version, sizeof version, &err);
	char *xml = rc == SC_OK ? hv_domcaps(c, &err) : NULL;
	hv_close(c);
	if (rc != SC_OK)
		return cli_fail_err(&err);
	printf("host: %s\nhypervisor: %s %s\n", uri, type, version);
	if (!xml) {
		/* libvirt's test driver, for one, has none: say so, not fail */
		printf("capabilities: not reported: %s\n", err.msg);
		return 0;
	}
	struct lx_caps caps;
	rc = lx_caps_parse(xml, strlen(xml), "domain capabilities", &caps, &err);
	free(xml);
	if (rc != SC_OK)
		return cli_fail_err(&err);
	printf("domain type: %s\nmachine: %s\n", caps.domain, caps.machine);
	print_list("graphics types", &caps.graphics);
	print_list("video models", &caps.video);
	print_list("USB controller models", &caps.usb);
	print_list("redirdev buses", &caps.redirdev);
	print_list("smartcard modes", &caps.smartcard);
	return 0;
}

int cmd_host(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc == 3 && strcmp(argv[1], "check") == 0)
		return check(argv[2]);
	return cli_fail(SC_EUSAGE, "usage: host check URI");
}
