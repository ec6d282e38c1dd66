/* Monitors, WAN, migration pinning and the consequences of a change
 * (SPEC §2–3), and field parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/console.h"
#include "model/field.h"
#include "model/rules.h"
#include "store/config.h"

static struct sc_optreg reg;

static void ctx_for(struct sc_ctx *ctx, enum sc_cver v)
{
	sc_ctx_init(ctx, &reg, v);
}

static void vm(struct sc_object *o, const struct sc_ctx *ctx, enum sc_os os)
{
	sc_object_defaults(o, SC_VM, ctx);
	strcpy(o->name, "t1");
	strcpy(o->cluster, "c");
	o->os = os;
}

static int allowed_values(int field, const struct sc_object *o, const struct sc_ctx *ctx,
			  char *buf)
{
	struct sc_choice ch[SC_CHOICES_MAX];
	int n = sc_choices(field, o, ctx, ch, SC_CHOICES_MAX), k = 0;
	for (int i = 0; i < n; i++) {
		if (!ch[i].reason)
			buf[k++] = (char)('0' + ch[i].value);
		else
			assert_true(strlen(ch[i].reason) > 10);
	}
	buf[k] = '\0';
	return n;
}

static void monitors(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	char got[8];
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_RHEL6X64);
	assert_int_equal(allowed_values(SC_F_MONITORS, &o, &ctx, got), 4);
	assert_string_equal(got, "124");
	assert_null(sc_lock_reason(SC_F_MONITORS, &o, &ctx));
	o.display = SC_DISPLAY_VNC;
	allowed_values(SC_F_MONITORS, &o, &ctx, got);
	assert_string_equal(got, "1");
	assert_string_equal(sc_lock_reason(SC_F_MONITORS, &o, &ctx), "VNC supports a single monitor");
	o.display = SC_DISPLAY_SPICE;
	o.type = SC_TYPE_SERVER;
	allowed_values(SC_F_MONITORS, &o, &ctx, got);
	assert_string_equal(got, "1");
	assert_non_null(sc_lock_reason(SC_F_MONITORS, &o, &ctx));
}

static void xinerama_notice(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_msgs m = {0};
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_RHEL6X64);
	o.monitors = 2;
	sc_notices(&o, &m);
	assert_int_equal(m.n, 1);
	assert_non_null(strstr(m.m[0].text, "Xinerama"));
}

static void wan(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_WINDOWS7);
	assert_null(sc_lock_reason(SC_F_WAN, &o, &ctx));
	o.wan = true;
	struct sc_msgs e = {0};
	assert_int_equal(sc_validate(&o, &ctx, &e), 0);
	o.os = SC_OS_RHEL6;
	assert_non_null(sc_lock_reason(SC_F_WAN, &o, &ctx));
	assert_int_equal(sc_validate(&o, &ctx, &e), 1);
	assert_int_equal(e.m[0].field, SC_F_WAN);
	struct sc_msgs w = {0};
	sc_apply(&o, &ctx, &w);
	assert_false(o.wan);
	assert_int_equal(w.n, 1);
}

static void native_pins_migration(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	char v[32];
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_WINDOWS7);
	o.migration = SC_MIG_MANUAL;
	o.usb = SC_USB_NATIVE;
	sc_field_get(&o, SC_F_MIGRATION, v, sizeof v);
	assert_string_equal(v, "pinned");
	assert_non_null(sc_lock_reason(SC_F_MIGRATION, &o, &ctx));
	struct sc_msgs n = {0};
	sc_notices(&o, &n);
	assert_string_equal(n.m[0].text, SC_NATIVE_MIGRATION_WARNING);
	o.usb = SC_USB_LEGACY; /* leaving native restores the chosen policy */
	sc_field_get(&o, SC_F_MIGRATION, v, sizeof v);
	assert_string_equal(v, "manual");
	assert_null(sc_lock_reason(SC_F_MIGRATION, &o, &ctx));
}

/* OS change Windows7 → RHEL6x64 on 3.1: legacy becomes disabled with a
 * reason; a still-allowed native is kept. */
static void os_change_resets_legacy(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_msgs w = {0};
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_WINDOWS7);
	o.usb = SC_USB_LEGACY;
	o.os = SC_OS_RHEL6X64;
	sc_apply(&o, &ctx, &w);
	assert_int_equal(o.usb, SC_USB_DISABLED);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.m[0].field, SC_F_USB);
	assert_non_null(strstr(w.m[0].text, "Linux"));
	o.usb = SC_USB_NATIVE;
	o.os = SC_OS_WINDOWS7;
	w.n = 0;
	sc_apply(&o, &ctx, &w);
	assert_int_equal(o.usb, SC_USB_NATIVE);
	assert_int_equal(w.n, 0);
}

static void template_inheritance(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object t, p;
	ctx_for(&ctx, SC_CVER_31);
	vm(&t, &ctx, SC_OS_WINDOWS7X64);
	t.kind = SC_TEMPLATE;
	strcpy(t.name, "tpl");
	strcpy(t.cluster, "c31");
	t.usb = SC_USB_NATIVE;
	t.monitors = 4;
	t.smartcard = true;
	sc_object_defaults(&p, SC_POOL, &ctx);
	strcpy(p.name, "pool1");
	sc_inherit_template(&p, &t);
	assert_string_equal(p.tmpl, "tpl");
	assert_string_equal(p.cluster, "c31");
	assert_int_equal(p.usb, SC_USB_NATIVE);
	assert_int_equal(p.monitors, 4);
	assert_true(p.smartcard);
	assert_int_equal(p.kind, SC_POOL);
	assert_non_null(sc_lock_reason(SC_F_CLUSTER, &p, &ctx));
}

static void field_parsing(void **state)
{
	(void)state;
	struct sc_object o;
	struct sc_ctx ctx;
	struct sc_err err;
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_OTHER);
	assert_int_equal(sc_field_set(&o, SC_F_OS, "windows7x64", &err), 0);
	assert_int_equal(o.os, SC_OS_WINDOWS7X64);
	assert_int_equal(sc_field_set(&o, SC_F_OS, "Windows8", &err), SC_EUSAGE);
	assert_non_null(strstr(err.msg, "RHEL6x64"));
	assert_int_equal(sc_field_set(&o, SC_F_MEMORY, "12x", &err), SC_EUSAGE);
	assert_int_equal(sc_field_set(&o, SC_F_CPUS, "0", &err), SC_EUSAGE);
	assert_int_equal(sc_field_set(&o, SC_F_SMARTCARD, "yes", &err), 0);
	assert_true(o.smartcard);
	assert_int_equal(sc_field_set(&o, SC_F_DESCRIPTION, "caf\xc3\xa9 \xe6\x97\xa5", &err), 0);
	assert_int_equal(sc_field_set(&o, SC_F_DESCRIPTION, "bad\x01", &err), SC_EUSAGE);
	assert_int_equal(sc_field_set(&o, SC_F_DESCRIPTION, "bad\xc3", &err), SC_EUSAGE);
	assert_int_equal(sc_field_set(&o, SC_F_NAME, "a b", &err), SC_EUSAGE);
	assert_true(sc_field_applies(SC_F_SIZE, SC_POOL));
	assert_false(sc_field_applies(SC_F_SIZE, SC_VM));
	assert_false(sc_field_applies(SC_F_TEMPLATE, SC_TEMPLATE));
}

/* SPEC §9: VNC locks clipboard and file transfer (off in force, stored
 * value kept); the delay is locked unless the action is shutdown. */
static void console_options(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_msgs m = {0};
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_RHEL6X64);
	assert_true(o.copy_paste && o.file_transfer && !o.allow_reconnect);
	assert_int_equal(o.disconnect_action, SC_DISC_LOCK_SCREEN);
	assert_int_equal(o.disconnect_delay, 0);
	assert_null(sc_lock_reason(SC_F_COPY_PASTE, &o, &ctx));
	assert_null(sc_lock_reason(SC_F_FILE_TRANSFER, &o, &ctx));
	assert_null(sc_lock_reason(SC_F_ALLOW_RECONNECT, &o, &ctx));
	assert_null(sc_lock_reason(SC_F_DISCONNECT_ACTION, &o, &ctx));
	assert_string_equal(sc_lock_reason(SC_F_DISCONNECT_DELAY, &o, &ctx),
			    "the delay applies only to the shutdown action");
	assert_int_equal(sc_field_int(&o, SC_F_COPY_PASTE), 1);
	o.display = SC_DISPLAY_VNC;
	assert_string_equal(sc_lock_reason(SC_F_COPY_PASTE, &o, &ctx),
			    "clipboard sharing needs the SPICE protocol");
	assert_string_equal(sc_lock_reason(SC_F_FILE_TRANSFER, &o, &ctx),
			    "file transfer needs the SPICE protocol");
	assert_int_equal(sc_field_int(&o, SC_F_COPY_PASTE), 0);
	assert_int_equal(sc_field_int(&o, SC_F_FILE_TRANSFER), 0);
	assert_true(o.copy_paste); /* back on with SPICE */
	/* the action's choices are all allowed, in oVirt's order */
	struct sc_choice ch[SC_CHOICES_MAX];
	assert_int_equal(sc_choices(SC_F_DISCONNECT_ACTION, &o, &ctx, ch, SC_CHOICES_MAX), 5);
	for (int i = 0; i < 5; i++)
		assert_null(ch[i].reason);
	/* a delay is valid only with shutdown, and leaving shutdown drops it */
	o.display = SC_DISPLAY_SPICE;
	o.disconnect_action = SC_DISC_SHUTDOWN;
	o.disconnect_delay = 30;
	assert_null(sc_lock_reason(SC_F_DISCONNECT_DELAY, &o, &ctx));
	assert_int_equal(sc_validate(&o, &ctx, &m), 0);
	o.disconnect_action = SC_DISC_REBOOT;
	assert_int_equal(sc_validate(&o, &ctx, &m), 1);
	assert_int_equal(m.m[0].field, SC_F_DISCONNECT_DELAY);
	m.n = 0;
	sc_apply(&o, &ctx, &m);
	assert_int_equal(o.disconnect_delay, 0);
	assert_int_equal(m.n, 1);
	assert_non_null(strstr(m.m[0].text, "only to the shutdown action"));
	o.disconnect_action = SC_DISC_SHUTDOWN;
	o.disconnect_delay = 1441;
	m.n = 0;
	assert_int_equal(sc_validate(&o, &ctx, &m), 1);
	assert_non_null(strstr(m.m[0].text, "0..1440"));
}

static void console_inheritance(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object t, p;
	ctx_for(&ctx, SC_CVER_31);
	vm(&t, &ctx, SC_OS_WINDOWS7X64);
	t.kind = SC_TEMPLATE;
	t.copy_paste = false;
	t.file_transfer = false;
	t.allow_reconnect = true;
	t.disconnect_action = SC_DISC_SHUTDOWN;
	t.disconnect_delay = 15;
	sc_object_defaults(&p, SC_POOL, &ctx);
	sc_inherit_template(&p, &t);
	assert_false(p.copy_paste);
	assert_false(p.file_transfer);
	assert_true(p.allow_reconnect);
	assert_int_equal(p.disconnect_action, SC_DISC_SHUTDOWN);
	assert_int_equal(p.disconnect_delay, 15);
}

/* The proxy in force: pool, else cluster, else site option, else none. */
static void proxy_precedence(void **state)
{
	(void)state;
	const char *from;
	assert_string_equal(sc_proxy_effective("http://p:1", "http://c:2", "http://s:3", &from),
			    "http://p:1");
	assert_string_equal(from, "pool");
	assert_string_equal(sc_proxy_effective("", "http://c:2", "http://s:3", &from), "http://c:2");
	assert_string_equal(from, "cluster");
	assert_string_equal(sc_proxy_effective(NULL, "", "http://s:3", &from), "http://s:3");
	assert_string_equal(from, "site option");
	assert_string_equal(sc_proxy_effective("", "", "", &from), "");
	assert_null(from);
	/* a vm has no proxy of its own: its cluster's */
	struct sc_ctx ctx;
	struct sc_object o;
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_RHEL6X64);
	strcpy(o.spice_proxy, "http://ignored:1");
	assert_string_equal(sc_object_proxy(&o, "http://c:2", &ctx, &from), "http://c:2");
	o.kind = SC_POOL;
	assert_string_equal(sc_object_proxy(&o, "http://c:2", &ctx, &from), "http://ignored:1");
}

/* oVirt's sizing: base 16 MiB per head; ram 4x, vram 2x, vgamem 1x (KiB). */
static void qxl_memory(void **state)
{
	(void)state;
	static const struct {
		int heads, ram, vram, vgamem;
	} want[] = {{1, 65536, 32768, 16384}, {2, 131072, 65536, 32768}, {4, 262144, 131072, 65536}};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		struct sc_qxl_mem m = sc_qxl_memory(want[i].heads);
		assert_int_equal(m.ram, want[i].ram);
		assert_int_equal(m.vram, want[i].vram);
		assert_int_equal(m.vgamem, want[i].vgamem);
	}
	/* one device only for SPICE Linux guests with several monitors */
	struct sc_ctx ctx;
	struct sc_object o;
	ctx_for(&ctx, SC_CVER_32);
	vm(&o, &ctx, SC_OS_RHEL6X64);
	o.monitors = 2;
	assert_true(sc_single_pci(&o, &ctx));
	o.monitors = 1;
	assert_false(sc_single_pci(&o, &ctx));
	o.monitors = 2;
	o.os = SC_OS_WINDOWS7X64;
	assert_false(sc_single_pci(&o, &ctx));
	o.os = SC_OS_OTHERLINUX;
	o.display = SC_DISPLAY_VNC;
	assert_false(sc_single_pci(&o, &ctx));
	ctx_for(&ctx, SC_CVER_31);
	o.display = SC_DISPLAY_SPICE;
	assert_false(sc_single_pci(&o, &ctx));
}

static int setup(void **state)
{
	(void)state;
	struct sc_err err;
	return config_load_optdefs(&reg, NULL, &err);
}

/* A vm linked to a host whose QEMU lacks SPICE (SPEC §10): each missing
 * capability takes its values away, with the host's name in the reason. */
static void host_capabilities(void **state)
{
	(void)state;
	struct sc_ctx ctx;
	struct sc_object o;
	struct sc_msgs errs = {0}, warn = {0};
	char got[8];
	ctx_for(&ctx, SC_CVER_31);
	vm(&o, &ctx, SC_OS_WINDOWS7);
	o.usb = SC_USB_NATIVE;
	o.smartcard = true;
	assert_int_equal(sc_validate(&o, &ctx, &errs), 0);
	/* linked, capabilities not read: nothing is known to be missing */
	ctx.host.linked = true;
	strcpy(ctx.host.host, "kvm1");
	assert_int_equal(sc_validate(&o, &ctx, &errs), 0);
	allowed_values(SC_F_DISPLAY, &o, &ctx, got);
	assert_string_equal(got, "01");

	ctx.host.no_spice = true;
	struct sc_choice ch[SC_CHOICES_MAX];
	sc_choices(SC_F_DISPLAY, &o, &ctx, ch, SC_CHOICES_MAX);
	assert_string_equal(ch[SC_DISPLAY_SPICE].reason,
			    "host kvm1 cannot run SPICE: its QEMU has no spice graphics");
	assert_null(ch[SC_DISPLAY_VNC].reason);
	assert_int_equal(sc_validate(&o, &ctx, &errs), 1);
	assert_string_equal(errs.m[0].text, "display 'spice' is not allowed here: host kvm1 "
			    "cannot run SPICE: its QEMU has no spice graphics");

	ctx.host.no_spice = false;
	ctx.host.no_qxl = true;
	sc_choices(SC_F_DISPLAY, &o, &ctx, ch, SC_CHOICES_MAX);
	assert_string_equal(ch[SC_DISPLAY_SPICE].reason,
			    "host kvm1 cannot run SPICE: its QEMU has no qxl video");

	/* the reasons of two fields, read together (as a form shows them),
	 * each keep their own text */
	ctx.host.no_redir = true;
	struct sc_choice usb[SC_CHOICES_MAX];
	sc_choices(SC_F_DISPLAY, &o, &ctx, ch, SC_CHOICES_MAX);
	sc_choices(SC_F_USB, &o, &ctx, usb, SC_CHOICES_MAX);
	assert_string_equal(ch[SC_DISPLAY_SPICE].reason,
			    "host kvm1 cannot run SPICE: its QEMU has no qxl video");
	assert_string_equal(usb[SC_USB_NATIVE].reason, "host kvm1 cannot run SPICE USB "
			    "redirection: its QEMU has no usb redirdevs");

	ctx.host.no_qxl = false;
	ctx.host.no_redir = true;
	ctx.host.no_smartcard = true;
	errs.n = 0;
	assert_int_equal(sc_validate(&o, &ctx, &errs), 2);
	assert_non_null(strstr(errs.m[0].text, "USB Support 'native' is not allowed here: host "
				"kvm1 cannot run SPICE USB redirection: its QEMU has no usb redirdevs"));
	assert_non_null(strstr(errs.m[1].text, "smartcard cannot be on: host kvm1 cannot run a "
				"SPICE smartcard: its QEMU has no passthrough smartcard"));
	sc_choices(SC_F_USB, &o, &ctx, ch, SC_CHOICES_MAX);
	assert_non_null(ch[SC_USB_NATIVE].reason);
	/* the form's lock while smartcard is off; an on value can still be turned off */
	assert_null(sc_lock_reason(SC_F_SMARTCARD, &o, &ctx));
	sc_apply(&o, &ctx, &warn);
	assert_int_equal(o.usb, SC_USB_DISABLED);
	assert_false(o.smartcard);
	assert_non_null(strstr(sc_lock_reason(SC_F_SMARTCARD, &o, &ctx), "host kvm1"));
	errs.n = 0;
	assert_int_equal(sc_validate(&o, &ctx, &errs), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(monitors),
		cmocka_unit_test(xinerama_notice),
		cmocka_unit_test(wan),
		cmocka_unit_test(native_pins_migration),
		cmocka_unit_test(os_change_resets_legacy),
		cmocka_unit_test(template_inheritance),
		cmocka_unit_test(field_parsing),
		cmocka_unit_test(host_capabilities),
		cmocka_unit_test(console_options),
		cmocka_unit_test(console_inheritance),
		cmocka_unit_test(proxy_precedence),
		cmocka_unit_test(qxl_memory),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
