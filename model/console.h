/* The console options after 3.1 that are not a single field (SPEC §9): the
 * SPICE proxy URL and where the one in force comes from, virt-viewer
 * hotkeys, the single multi-head qxl device and its video memory. */
#ifndef SC_CONSOLE_H
#define SC_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "rules.h"
#include "types.h"

/* What a valid proxy is, for messages. */
#define SC_PROXY_RULE                                                                      \
	"http://HOST:PORT or https://HOST:PORT (an IPv6 host in brackets, port 1..65535), " \
	"or empty"

/* A SPICE proxy URL, or empty; the error names key, value and what is
 * valid. */
int sc_proxy_check(const char *key, const char *url, struct sc_err *err);

/* The proxy in force: the pool's, else its cluster's, else the site
 * option's; *from says which ("pool", "cluster", "site option"), NULL when
 * there is none (the result is then ""). */
const char *sc_proxy_effective(const char *pool_proxy, const char *cluster_proxy,
			       const char *site_proxy, const char **from);

/* The proxy in force for an object in a cluster whose proxy is
 * cluster_proxy (only a pool has a proxy of its own). */
const char *sc_object_proxy(const struct sc_object *obj, const char *cluster_proxy,
			    const struct sc_ctx *ctx, const char **from);

#define SC_HOTKEY_RULE                                                                     \
	"modifiers (ctrl, alt, shift, super) and one key (a-z, 0-9, f1..f12 or a key name " \
	"such as end, delete, escape) joined by +, e.g. shift+f12"
/* A virt-viewer hotkey such as ctrl+alt+end. */
int sc_hotkey_check(const char *key, const char *value, struct sc_err *err);

/* One qxl device with heads = monitors: SPICE Linux guests with more than
 * one monitor while SingleQxlPciEnabled is true for the cluster version. */
bool sc_single_pci(const struct sc_object *obj, const struct sc_ctx *ctx);

/* Video memory of one qxl device with `heads` heads, in KiB (oVirt's sizing:
 * base = 16 MiB x heads; ram = 4 x base, vram = 2 x base, vgamem = base). */
struct sc_qxl_mem {
	int ram, vram, vgamem;
};
struct sc_qxl_mem sc_qxl_memory(int heads);

/* oVirt's names of the disconnect actions (OVF, REST): "LOCK_SCREEN". */
extern const char *const sc_disconnect_ovf_names[SC_DISC_COUNT];
#define SC_DISCONNECT_OVF_VALID "NONE, LOCK_SCREEN, LOGOUT, SHUTDOWN, REBOOT"
int sc_disconnect_ovf_parse(const char *s); /* any case; -1 if unknown */

#endif
