/* `x` on an object: its OVF, libvirt domain XML, .vv file and REST API XML,
 * made by the same serializers as `spicecfg export`, in a pager; Tab goes
 * to the next format and `w` writes the text to a file (atomically). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/export.h"
#include "../store/fileio.h"
#include "pager.h"

/* The .vv file needs a host and port that only the export command knows;
 * the preview shows it for a local plain port. */
#define PREVIEW_HOST "localhost"
#define PREVIEW_PORT 5900

struct preview {
	struct sc_object obj;
	enum sc_format fmt;
	size_t len;
};

static char *render(struct tui *t, const struct sc_object *o, enum sc_format fmt, size_t *len,
                    struct sc_err *e)
{
	struct sc_ctx ctx;
	if (store_ctx(t->st, t->reg, o->cluster, &ctx, e) != SC_OK)
		return NULL;
	struct vv_conn conn = {.host = PREVIEW_HOST, .port = PREVIEW_PORT};
	struct sc_msgs warn = {0};
	return store_export(t->st, o, &ctx, fmt, &conn, &warn, len, e);
}

static const char *fmt_label(const struct preview *pv)
{
	return sc_format_info(pv->fmt)->label;
}

static void show(struct tui_pager *p, struct tui *t)
{
	struct preview *pv = p->data;
	struct sc_err e = {0};
	char title[160];
	char *text = render(t, &pv->obj, pv->fmt, &pv->len, &e);
	snprintf(title, sizeof title, "Preview %s %s: %s%s   (Tab: next format, w: write)",
	         sc_kind_name(pv->obj.kind), pv->obj.name, fmt_label(pv),
	         pv->fmt == SC_FMT_VV ? " for " PREVIEW_HOST ":5900" : "");
	if (!text) {
		char msg[900];
		snprintf(msg, sizeof msg, "No %s for this %s: %s", fmt_label(pv),
		         sc_kind_name(pv->obj.kind), e.msg);
		tui_pager_set_text(p, title, msg);
		pv->len = 0;
		return;
	}
	tui_pager_set_text(p, title, text);
	free(text);
}

static void write_file(struct tui_pager *p, struct tui *t, const char *path)
{
	struct preview *pv = p->data;
	struct sc_err e = {0};
	size_t len = 0;
	static const char *const ok[] = {"OK"};
	char *text = render(t, &pv->obj, pv->fmt, &len, &e);
	bool wrote = text && fileio_write(path, text, len, store_export_mode(pv->fmt), &e) == SC_OK;
	free(text);
	if (wrote)
		tui_status(t, "Wrote %s of %s to %s", fmt_label(pv), pv->obj.name, path);
	else
		tui_status(t, "Not written: %s", e.msg);
	/* a confirmation is read on the status line; a failure waits for OK */
	sc_strlcpy(p->note, t->status, sizeof p->note);
	if (!wrote)
		tui_push(t, tui_dialog_new(t, "Write", t->status, ok, 1, TUI_NO_REPLY));
}

static void write_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a, int arg)
{
	(void)arg;
	if (a->choice == 0 && a->text[0])
		write_file((struct tui_pager *)to, t, a->text);
}

static int preview_key(struct tui_pager *p, struct tui *t, int key, int action)
{
	struct preview *pv = p->data;
	(void)key;
	if (action == TUI_A_FORMAT) {
		pv->fmt = (enum sc_format)((pv->fmt + 1) % SC_FMT_COUNT);
		show(p, t);
		return TUI_R_DRAW;
	}
	if (action == TUI_A_WRITE) {
		char path[SC_NAME_MAX + 16];
		snprintf(path, sizeof path, "%s.%s", pv->obj.name, sc_format_info(pv->fmt)->ext);
		tui_push(t, tui_prompt_new(t, "Write to file", "File name:", path,
		                           (struct tui_reply){write_answer, 0}));
		return TUI_R_NONE;
	}
	return TUI_R_IGNORED;
}

static bool preview_offers(struct tui_pager *p, int action)
{
	(void)p;
	return action != TUI_A_APPLY;
}

static void preview_free(struct tui_pager *p)
{
	free(p->data);
}

struct tui_screen *tui_preview_new(struct tui *t, const struct sc_object *obj)
{
	struct tui_pager *p = tui_pager_create("Preview", "", "preview", false);
	struct preview *pv = calloc(1, sizeof *pv);
	if (!p || !pv) {
		free(pv);
		if (p)
			p->base.ops->destroy(&p->base, t);
		return NULL;
	}
	pv->obj = *obj;
	p->data = pv;
	p->extra = preview_key;
	p->offers = preview_offers;
	p->free_data = preview_free;
	show(p, t);
	return &p->base;
}
