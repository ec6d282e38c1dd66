// pkg-config: glib-2.0 libusbredirparser-0.5
/* Reads a .vv file the way remote-viewer does (GLib's key-file parser) and
 * prints every key of [virt-viewer] as KEY=VALUE, values unescaped and
 * lists joined by ';'.  The usb-filter value is also parsed by
 * libusbredirparser's rule parser.  Exit 1 on any parse error. */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <usbredirfilter.h>

static int check_filter(const char *rules)
{
	struct usbredirfilter_rule *r = NULL;
	int n = 0;
	int rc = usbredirfilter_string_to_rules(rules, ",", "|", &r, &n);
	if (rc != 0) {
		fprintf(stderr, "usb-filter '%s' refused by usbredirfilter_string_to_rules: %d\n",
			rules, rc);
		return 1;
	}
	printf("# usb-filter rules: %d\n", n);
	usbredirfilter_free(r);
	return 0;
}

int main(int argc, char **argv)
{
	GError *error = NULL;
	GKeyFile *kf = g_key_file_new();
	int rc = 0;
	if (argc != 2) {
		fprintf(stderr, "usage: vvparse FILE.vv\n");
		return 2;
	}
	if (!g_key_file_load_from_file(kf, argv[1], G_KEY_FILE_NONE, &error)) {
		fprintf(stderr, "%s: %s\n", argv[1], error->message);
		return 1;
	}
	gsize n = 0;
	gchar **keys = g_key_file_get_keys(kf, "virt-viewer", &n, &error);
	if (!keys) {
		fprintf(stderr, "%s: %s\n", argv[1], error->message);
		return 1;
	}
	for (gsize i = 0; i < n; i++) {
		gchar *v = g_key_file_get_string(kf, "virt-viewer", keys[i], &error);
		if (!v) {
			fprintf(stderr, "%s: key %s: %s\n", argv[1], keys[i], error->message);
			g_clear_error(&error);
			rc = 1;
			continue;
		}
		printf("%s=%s\n", keys[i], v);
		if (g_strcmp0(keys[i], "usb-filter") == 0)
			rc |= check_filter(v);
		g_free(v);
	}
	g_strfreev(keys);
	g_key_file_free(kf);
	return rc;
}
