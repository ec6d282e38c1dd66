/* The New / Edit form shared by VMs, templates and pools.  It is a list of
 * model field descriptors (model/field.h); which values a dropdown offers,
 * why a field is locked and what a change resets all come from model/rules.h,
 * so the form and the CLI agree by construction.  The form only keeps the
 * text the user is typing and shows what the model says. */
#include <stdlib.h>
#include <string.h>

#include "../model/edit.h"
#include "../model/field.h"
#include "../model/rules.h"
#include "tui.h"

#define LABEL_W 18
#define VALUE_W 26
#define MSG_MAX 8

struct tui_form {
	struct tui_screen base;
	struct tui_names offered; /* what the open dropdown lists, in its order */
	WINDOW *win;
	enum sc_kind kind;
	bool is_new;
	struct sc_object orig; /* as read: its rowver detects a concurrent change */
	struct sc_object obj;  /* being edited */
	struct sc_ctx ctx;
	int fields[SC_F_COUNT], nf;
	struct tui_line line[SC_F_COUNT]; /* text of typed fields */
	char ferr[SC_F_COUNT][800];       /* why the typed text is not accepted */
	int focus;                        /* index into fields; nf = OK, nf+1 = Cancel */
	int scroll;
	struct sc_msgs changes; /* what the last change reset, and why */
	char message[1200];     /* save refused, conflict ... */
	char note[300];         /* status line: lock reason of a refused key */
	bool dirty;
	int field_rows, msg_y, lw, vw;
	int cur_y, cur_x;
	/* Several objects in one form (marked rows): obj holds the first;
	 * only the fields the user changed are applied to each. */
	char (*many)[SC_NAME_MAX + 1];
	int nmany;
	unsigned mixed;   /* fields whose values differ among them */
	unsigned touched; /* fields the user changed */
};

#define MIXED "(mixed)"

static bool bit(unsigned set, int field)
{
	return field >= 0 && field < 32 && ((set >> field) & 1u);
}

/* A field that differs among the objects and that the user left alone. */
static bool shows_mixed(const struct tui_form *f, int field)
{
	return f->nmany > 0 && bit(f->mixed, field) && !bit(f->touched, field);
}

/* Why a field cannot be changed now: the rules', or a name in a form for
 * several objects. */
static const char *lock_reason(const struct tui_form *f, int field)
{
	if (f->nmany > 0 && field == SC_F_NAME)
		return "each object keeps its own name: edit one at a time to rename";
	return sc_lock_reason(field, &f->obj, &f->ctx);
}

static const struct sc_field_info *info(int field)
{
	return sc_field_info(field);
}

static bool typed(int field)
{
	enum sc_fkind k = info(field)->kind;
	return k == SC_FK_TEXT || k == SC_FK_NAME || k == SC_FK_REF || k == SC_FK_INT;
}

static int focused_field(const struct tui_form *f)
{
	return f->focus < f->nf ? f->fields[f->focus] : -1;
}

static void load_line(struct tui_form *f, int field)
{
	char buf[SC_DESC_MAX + 1];
	sc_field_get(&f->obj, field, buf, sizeof buf);
	if (shows_mixed(f, field))
		buf[0] = '\0'; /* shown as (mixed) until the user types */
	enum sc_fkind k = info(field)->kind;
	tui_line_set(&f->line[field], buf,
	             k == SC_FK_TEXT                       ? info(field)->max
	             : k == SC_FK_NAME || k == SC_FK_REF ? SC_NAME_MAX
	                                                 : 16);
	tui_line_select(&f->line[field]);
	f->ferr[field][0] = '\0';
}

/* Refreshes the typed fields from the object, except where the user's
 * text was refused (it stays until corrected). */
static void sync_lines(struct tui_form *f, bool keep_errors)
{
	for (int i = 0; i < f->nf; i++) {
		int fl = f->fields[i];
		if (typed(fl) && !(keep_errors && f->ferr[fl][0]))
			load_line(f, fl);
	}
}

static void mark_dirty(struct tui_form *f)
{
	f->dirty = true;
}

/* ---- applying changes through the model ---- */

static void remember(struct tui_form *f, const struct sc_msgs *now);
/* The answers of the form's dialogs (below, with saving). */
static void chooser_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                           int field);
static void conflict_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                            int arg);
/* The form's values as a draft (a save that cannot reach the store, the
 * session ending). */
static void tui_form_save_draft(struct tui_form *f, struct tui *t);

static int load_ctx(struct tui_form *f, struct tui *t, const char *cluster, char *why, size_t n)
{
	struct sc_err e = {0};
	struct sc_ctx ctx;
	if (store_ctx(t->st, t->reg, cluster, &ctx, &e) != SC_OK) {
		snprintf(why, n, "%s", e.msg);
		return -1;
	}
	f->ctx = ctx;
	return 0;
}

/* A template was chosen: what follows is the model's (sc_edit_template). */
static void inherit(struct tui_form *f, struct tui *t)
{
	struct sc_object tmpl;
	struct sc_err e = {0};
	if (!f->obj.tmpl[0])
		return;
	if (store_object_get(t->st, SC_TEMPLATE, f->obj.tmpl, &tmpl, &e) != SC_OK) {
		sc_strlcpy(f->ferr[SC_F_TEMPLATE], e.msg, sizeof f->ferr[0]);
		return;
	}
	bool took = sc_edit_template(&f->obj, &tmpl, f->is_new);
	if (!took && f->kind != SC_POOL)
		return; /* an existing VM keeps its own values */
	char why[800];
	struct sc_msgs m = {0};
	if (load_ctx(f, t, f->obj.cluster, why, sizeof why) == 0 && took)
		sc_msgs_add(&m, SC_F_TEMPLATE, "Settings taken from template %s", tmpl.name);
	remember(f, &m);
}

/* What the model reset stays on screen until the form closes (newest
 * first): stepping on through values must not hide that USB was reset. */
static void remember(struct tui_form *f, const struct sc_msgs *now)
{
	for (int i = 0; i < now->n; i++) {
		struct sc_msgs keep = {0};
		sc_msgs_add(&keep, now->m[i].field, "%s", now->m[i].text);
		for (int j = 0; j < f->changes.n && keep.n < 4; j++)
			if (strcmp(f->changes.m[j].text, now->m[i].text) != 0)
				sc_msgs_add(&keep, f->changes.m[j].field, "%s",
				            f->changes.m[j].text);
		f->changes = keep;
	}
}

/* After any value changed: bring dependent fields back into the allowed set
 * and remember what the model says it changed. */
static void changed(struct tui_form *f, struct tui *t, int field)
{
	struct sc_msgs now = {0};
	f->message[0] = '\0';
	if (field >= 0 && field < 32)
		f->touched |= 1u << field;
	/* what an earlier change did to this field is no longer what it holds */
	int k = 0;
	for (int i = 0; i < f->changes.n; i++)
		if (f->changes.m[i].field != field)
			f->changes.m[k++] = f->changes.m[i];
	f->changes.n = k;
	if (field == SC_F_CLUSTER) {
		char why[800];
		if (load_ctx(f, t, f->obj.cluster, why, sizeof why) < 0)
			sc_strlcpy(f->ferr[SC_F_CLUSTER], why, sizeof f->ferr[0]);
	}
	if (field == SC_F_TEMPLATE)
		inherit(f, t);
	sc_edit_changed(&f->obj, &f->ctx, &now);
	remember(f, &now);
	sync_lines(f, true);
	mark_dirty(f);
}

/* Parses the typed text into the object; the text stays if refused. */
static void commit(struct tui_form *f, struct tui *t, int field)
{
	if (field < 0 || !typed(field))
		return;
	char text[SC_DESC_MAX * 4 + 1], before[SC_DESC_MAX + 1];
	struct sc_err e = {0};
	tui_line_get(&f->line[field], text, sizeof text);
	if (shows_mixed(f, field) && !text[0])
		return; /* left as each object has it */
	sc_field_get(&f->obj, field, before, sizeof before);
	if (strcmp(text, before) == 0 && !f->ferr[field][0])
		return;
	if (sc_field_set(&f->obj, field, text, &e) != SC_OK) {
		sc_strlcpy(f->ferr[field], e.msg, sizeof f->ferr[0]);
		mark_dirty(f);
		return;
	}
	/* A name refused before (no such cluster) is checked again even when
	 * the text is the same: the store may have it by now. */
	bool was_refused = f->ferr[field][0] != '\0';
	f->ferr[field][0] = '\0';
	if (strcmp(text, before) != 0 || was_refused)
		changed(f, t, field);
}

/* A choice or check box: the value in force, and setting the choice. */
static void set_value(struct sc_object *o, int field, int v)
{
	sc_field_set_int(o, field, v);
}

static int get_value(const struct sc_object *o, int field)
{
	return sc_field_int(o, field);
}

/* The allowed values of an enumerated field, in dropdown order. */
static int allowed(struct tui_form *f, int field, struct sc_choice *out)
{
	struct sc_choice all[SC_CHOICES_MAX];
	int n = sc_choices(field, &f->obj, &f->ctx, all, SC_CHOICES_MAX), k = 0;
	for (int i = 0; i < n && i < SC_CHOICES_MAX; i++)
		if (!all[i].reason)
			out[k++] = all[i];
	return k;
}

static const char *value_label(struct tui_form *f, int field)
{
	if (shows_mixed(f, field))
		return MIXED;
	struct sc_choice all[SC_CHOICES_MAX];
	int n = sc_choices(field, &f->obj, &f->ctx, all, SC_CHOICES_MAX);
	int v = get_value(&f->obj, field);
	for (int i = 0; i < n && i < SC_CHOICES_MAX; i++)
		if (all[i].value == v)
			return all[i].label;
	return "?";
}

/* Refuses a change to a locked field, saying why. */
static bool locked(struct tui_form *f, int field)
{
	const char *why = lock_reason(f, field);
	if (why)
		snprintf(f->note, sizeof f->note, "%s is locked: %s", info(field)->label, why);
	return why != NULL;
}

static int step_value(struct tui_form *f, struct tui *t, int field, int dir)
{
	if (locked(f, field))
		return TUI_R_DRAW;
	if (info(field)->kind == SC_FK_BOOL) {
		set_value(&f->obj, field, !get_value(&f->obj, field));
		changed(f, t, field);
		return TUI_R_DRAW;
	}
	struct sc_choice c[SC_CHOICES_MAX];
	int n = allowed(f, field, c), cur = 0, v = get_value(&f->obj, field);
	if (n == 0)
		return TUI_R_NONE;
	for (int i = 0; i < n; i++)
		if (c[i].value == v)
			cur = i;
	set_value(&f->obj, field, c[(cur + dir + n) % n].value);
	changed(f, t, field);
	return TUI_R_DRAW;
}

/* ---- dropdowns ---- */

static int add_template(const struct sc_object *o, void *arg)
{
	return tui_names_add(arg, o->name);
}

/* Where a dropdown opens: under the focused field as the next draw will
 * place it (keys may have moved the focus since the last draw). */
static void field_pos(struct tui_form *f, int *y, int *x)
{
	int scroll = f->scroll;
	if (f->focus < scroll)
		scroll = f->focus;
	if (f->focus >= scroll + f->field_rows)
		scroll = f->focus - f->field_rows + 1;
	*y = 1 + f->focus - scroll;
	*x = f->lw + 2;
}

static int open_ref(struct tui_form *f, struct tui *t, int field)
{
	struct tui_names *nm = &f->offered;
	struct sc_err e = {0};
	nm->n = 0;
	nm->failed = false;
	if (field == SC_F_TEMPLATE && f->kind == SC_VM)
		tui_names_add(nm, ""); /* a VM need not come from a template */
	if (field == SC_F_CLUSTER)
		tui_names_clusters(t, nm, &e);
	else
		store_object_scan(t->st, SC_TEMPLATE, NULL, 0, -1, add_template, nm, &e);
	if (nm->failed || e.msg[0]) {
		sc_strlcpy(f->note, e.msg[0] ? e.msg : "Out of memory: the names cannot be listed",
		           sizeof f->note);
		return TUI_R_DRAW;
	}
	if (nm->n == 0) {
		snprintf(f->note, sizeof f->note, "No %s in the store yet: create one first",
		         field == SC_F_CLUSTER ? "clusters" : "templates");
		return TUI_R_DRAW;
	}
	const char **labels = malloc((size_t)nm->n * sizeof *labels);
	if (!labels) {
		snprintf(f->note, sizeof f->note, "Out of memory: the names cannot be listed");
		return TUI_R_DRAW;
	}
	for (int i = 0; i < nm->n; i++)
		labels[i] = nm->name[i][0] ? nm->name[i] : "(none)";
	/* the list opens on the value the field holds */
	const char *now = field == SC_F_CLUSTER ? f->obj.cluster : f->obj.tmpl;
	int cur = 0;
	for (int i = 0; i < nm->n; i++)
		if (!strcmp(nm->name[i], now))
			cur = i;
	int y, x;
	field_pos(f, &y, &x);
	tui_push(t, tui_chooser_new(t, info(field)->label, labels, nm->n, cur, y, x,
	                            (struct tui_reply){chooser_answer, field}));
	free(labels); /* the chooser keeps copies */
	return TUI_R_DRAW; /* the commit before may have changed the form beside it */
}

static int open_choices(struct tui_form *f, struct tui *t, int field)
{
	if (locked(f, field))
		return TUI_R_DRAW;
	struct sc_choice c[SC_CHOICES_MAX];
	const char *labels[SC_CHOICES_MAX];
	int n = allowed(f, field, c), cur = 0, v = get_value(&f->obj, field);
	for (int i = 0; i < n; i++) {
		labels[i] = c[i].label;
		if (c[i].value == v)
			cur = i;
	}
	int y, x;
	field_pos(f, &y, &x);
	tui_push(t, tui_chooser_new(t, info(field)->label, labels, n, cur, y, x,
	                            (struct tui_reply){chooser_answer, field}));
	return TUI_R_DRAW; /* the key's cleared note goes from beside it */
}

static void chooser_result(struct tui_form *f, struct tui *t, int choice, int field)
{
	if (choice < 0 || field < 0 || field >= SC_F_COUNT)
		return;
	if (typed(field)) { /* cluster or template names, as listed */
		if (choice < f->offered.n) {
			tui_line_set(&f->line[field], f->offered.name[choice], SC_NAME_MAX);
			commit(f, t, field);
		}
		return;
	}
	struct sc_choice c[SC_CHOICES_MAX];
	int n = allowed(f, field, c);
	if (choice < n) {
		set_value(&f->obj, field, c[choice].value);
		changed(f, t, field);
	}
}

/* ---- saving ---- */

static int first_error(struct tui_form *f, char *msg, size_t n)
{
	for (int i = 0; i < f->nf; i++)
		if (f->ferr[f->fields[i]][0]) {
			snprintf(msg, n, "%s", f->ferr[f->fields[i]]);
			return i;
		}
	struct sc_msgs errs = {0};
	if (sc_edit_check(&f->obj, &f->ctx, &errs) > 0) {
		snprintf(msg, n, "%s", errs.m[0].text);
		for (int i = 0; i < f->nf; i++)
			if (f->fields[i] == errs.m[0].field)
				return i;
		return f->focus;
	}
	return -1;
}

static void many_done_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                             int arg)
{
	(void)t;
	(void)a;
	(void)arg;
	to->pending |= TUI_R_CLOSE;
}

/* The refused objects, then what the rules changed besides, for the
 * result of a save of several objects. */
static char *many_report(const struct tui_form *f, const struct store_edit_result *r)
{
	size_t cap = 512 + (r->nrefused + r->nnotes) * (SC_NAME_MAX + 820);
	char *buf = malloc(cap);
	if (!buf)
		return NULL;
	size_t n = (size_t)snprintf(buf, cap, "Saved %d of %d %ss. Not changed, as their rules refuse:",
	                            r->applied, f->nmany, sc_kind_name(f->kind));
	for (size_t i = 0; i < r->nrefused && n < cap; i++)
		n += (size_t)snprintf(buf + n, cap - n, "\n  %s: %s", r->refused[i].name,
		                      r->refused[i].text);
	if (r->nnotes && n < cap)
		n += (size_t)snprintf(buf + n, cap - n, "\nAlso changed by the rules:");
	for (size_t i = 0; i < r->nnotes && n < cap; i++)
		n += (size_t)snprintf(buf + n, cap - n, "\n  %s: %s", r->notes[i].name,
		                      r->notes[i].text);
	return buf;
}

/* Only the fields the user changed go to each object, through its own
 * rules, in one transaction (store_edit_many); the refused are listed. */
static int save_many(struct tui_form *f, struct tui *t)
{
	static const char *const ok[] = {"OK"};
	struct store_edit_result r;
	struct sc_err e = {0};
	if (!f->touched) {
		snprintf(f->message, sizeof f->message,
		         "Nothing to save: change a field first (fields left as they are stay "
		         "as each object has them)");
		return TUI_R_DRAW;
	}
	if (store_edit_many(t->st, t->reg, f->kind, (const char(*)[SC_NAME_MAX + 1])f->many,
	                    f->nmany, &f->obj, f->touched, &r, &e) != SC_OK) {
		snprintf(f->message, sizeof f->message, "Cannot save: %s", e.msg);
		return TUI_R_DRAW;
	}
	f->dirty = false;
	if (r.nrefused == 0) {
		tui_status(t, "Saved %d %ss%s%s", r.applied, sc_kind_name(f->kind),
		           r.nnotes ? "; " : "", r.nnotes ? r.notes[0].text : "");
		store_edit_result_free(&r);
		return TUI_R_CLOSE | TUI_R_ALL;
	}
	tui_status(t, "Saved %d of %d %ss; %zu refused", r.applied, f->nmany,
	           sc_kind_name(f->kind), r.nrefused);
	char *text = many_report(f, &r);
	store_edit_result_free(&r);
	tui_push(t, tui_dialog_new(t, "Saved with refusals", text ? text : "Out of memory", ok, 1,
	                           (struct tui_reply){many_done_answer, 0}));
	free(text);
	return TUI_R_ALL;
}

static int saved(struct tui_form *f, struct tui *t)
{
	tui_status(t, "Saved %s %s", sc_kind_name(f->kind), f->obj.name);
	f->dirty = false;
	return TUI_R_CLOSE | TUI_R_ALL;
}

static int save_as(struct tui_form *f, struct tui *t, bool confirmed);

static void cascade_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                           int arg)
{
	(void)arg;
	if (a->choice == 0 && (save_as((struct tui_form *)to, t, true) & TUI_R_CLOSE))
		to->pending |= TUI_R_CLOSE;
	to->pending |= TUI_R_DRAW;
}

static int save(struct tui_form *f, struct tui *t)
{
	return save_as(f, t, false);
}

/* SPEC §11: a change that resets other objects (a template's pools moving
 * with it to another cluster) is worked out first, shown, and written only
 * when the user says so. */
static int save_as(struct tui_form *f, struct tui *t, bool confirmed)
{
	static const char *const buttons[] = {"Reload", "Overwrite", "Keep editing"};
	char why[800];
	struct sc_err e = {0};
	commit(f, t, focused_field(f));
	if (f->nmany > 0) {
		for (int i = 0; i < f->nf; i++)
			if (f->ferr[f->fields[i]][0]) {
				snprintf(f->message, sizeof f->message, "Cannot save: %s",
				         f->ferr[f->fields[i]]);
				f->focus = i;
				return TUI_R_DRAW;
			}
		return save_many(f, t);
	}
	int bad = first_error(f, why, sizeof why);
	if (bad >= 0) {
		snprintf(f->message, sizeof f->message, "Cannot save: %s", why);
		f->focus = bad;
		return TUI_R_DRAW;
	}
	struct sc_object neu = f->obj;
	struct store_changes ch = {.dry_run = !confirmed};
	int rc = f->is_new ? store_object_add(t->st, &neu, &e)
	                   : store_object_save(t->st, &f->orig, &neu, &ch, &e);
	if (rc == SC_OK && ch.dry_run && ch.n > 0) {
		char intro[300];
		snprintf(intro, sizeof intro, "Save %s %s?",
		         sc_kind_name(f->kind), f->orig.name);
		tui_confirm_changes(t, &ch, intro, (struct tui_reply){cascade_answer, 0});
		return TUI_R_NONE;
	}
	if (rc == SC_OK && ch.dry_run && !f->is_new) {
		store_changes_free(&ch);
		return save_as(f, t, true);
	}
	if (rc == SC_OK) {
		if (f->is_new) {
			sc_strlcpy(t->created, neu.name, sizeof t->created);
			t->created_kind = (int)f->kind;
		}
		int r = saved(f, t);
		if (ch.n)
			tui_status_changes(t, &ch, "Saved %s %s", sc_kind_name(f->kind), f->obj.name);
		store_changes_free(&ch);
		return r;
	}
	store_changes_free(&ch);
	if (rc == SC_ECONFLICT) {
		char msg[300];
		snprintf(msg, sizeof msg,
		         "%s '%s' was changed by someone else since this form opened. Reload "
		         "the stored version (your changes are lost), overwrite it with yours, "
		         "or keep editing?",
		         sc_kind_label(f->kind), f->orig.name);
		tui_push(t, tui_dialog_new(t, "Conflict", msg, buttons, 3,
		                           (struct tui_reply){conflict_answer, 0}));
		return TUI_R_DRAW; /* the commit may have changed what shows beside it */
	}
	snprintf(f->message, sizeof f->message, "Cannot save: %s", e.msg);
	if (rc == SC_EUSAGE) {
		/* The rules changed under the form (a site option or the cluster's
		 * version, by another session): the store refused what they no
		 * longer allow.  The edit stays; the form's choices and reasons
		 * follow the options as they are now. */
		struct sc_err e2 = {0};
		if (store_options_load(t->st, t->reg, &e2) == SC_OK)
			load_ctx(f, t, f->obj.cluster, why, sizeof why);
		int at = first_error(f, why, sizeof why);
		if (at >= 0)
			f->focus = at;
	}
	if (rc == SC_ERUNTIME && store_is_shared(t->st)) {
		/* the server may be gone: keep the edits where the next start finds them */
		tui_form_save_draft(f, t);
		snprintf(f->message, sizeof f->message,
		         "Cannot save: %.600s. Your edits are kept as a draft; the next start "
		         "offers them again.",
		         e.msg);
	}
	return TUI_R_DRAW;
}

static void conflict_result(struct tui_form *f, struct tui *t, int choice)
{
	struct sc_object cur;
	struct sc_err e = {0};
	if (choice != 0 && choice != 1) {
		snprintf(f->message, sizeof f->message,
		         "Not saved: the stored version changed. F2 asks again.");
		return;
	}
	if (store_object_get(t->st, f->kind, f->orig.name, &cur, &e) != SC_OK) {
		snprintf(f->message, sizeof f->message, "Cannot reload: %s", e.msg);
		return;
	}
	f->orig = cur;
	if (choice == 1) { /* overwrite: our values over the version just read */
		struct sc_object neu = f->obj;
		if (store_object_update(t->st, &f->orig, &neu, &e) == SC_OK) {
			saved(f, t);
			f->base.pending |= TUI_R_CLOSE;
			return;
		}
		snprintf(f->message, sizeof f->message, "Cannot save: %s", e.msg);
		return;
	}
	f->obj = cur;
	char why[800];
	load_ctx(f, t, f->obj.cluster, why, sizeof why);
	memset(f->ferr, 0, sizeof f->ferr);
	sync_lines(f, false);
	f->changes.n = 0;
	f->dirty = false;
	snprintf(f->message, sizeof f->message, "Reloaded the stored version.");
}

static void discard_result(struct tui_form *f, struct tui *t, int choice)
{
	if (choice == 0) {
		f->dirty = false;
		f->base.pending |= TUI_R_CLOSE;
	} else if (choice == 2) {
		if (save(f, t) & TUI_R_CLOSE)
			f->base.pending |= TUI_R_CLOSE;
	}
}

static void conflict_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                            int arg)
{
	(void)arg;
	conflict_result((struct tui_form *)to, t, a->choice);
	to->pending |= TUI_R_DRAW;
}

static void discard_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                           int arg)
{
	(void)arg;
	discard_result((struct tui_form *)to, t, a->choice);
	to->pending |= TUI_R_DRAW;
}

static void chooser_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                           int field)
{
	chooser_result((struct tui_form *)to, t, a->choice, field);
	to->pending |= TUI_R_DRAW;
}

/* ---- drawing ---- */

static void form_layout(struct tui_screen *s, struct tui *t)
{
	struct tui_form *f = (struct tui_form *)s;
	(void)t;
	if (f->win)
		delwin(f->win);
	f->win = newwin(LINES - 1, COLS, 0, 0);
	int h = LINES - 1;
	int msgs = h - 4 - f->nf;
	msgs = msgs < 4 ? 4 : msgs > 5 ? 5 : msgs; /* fields scroll, messages do not */
	f->field_rows = h - 3 - msgs;
	f->msg_y = 1 + f->field_rows;
	f->lw = COLS / 3 < LABEL_W ? COLS / 3 : LABEL_W;
	f->vw = COLS - f->lw - 3 < VALUE_W ? COLS - f->lw - 3 : VALUE_W;
}

static void draw_value(struct tui_form *f, struct tui *t, int field, int y, bool focus)
{
	WINDOW *w = f->win;
	int x = f->lw + 2;
	const char *lock = lock_reason(f, field);
	attr_t a = tui_attr(t, focus ? TUI_C_FOCUS : lock ? TUI_C_LOCKED : TUI_C_FIELD);
	if (typed(field)) {
		if (field == SC_F_CLUSTER && lock)
			a = tui_attr(t, focus ? TUI_C_FOCUS : TUI_C_LOCKED);
		tui_line_draw(&f->line[field], w, y, x, f->vw, a);
		if (shows_mixed(f, field) && !f->line[field].len) {
			wattrset(w, (int)a);
			tui_put(w, y, x, MIXED, f->vw, false);
		}
		if (focus)
			f->cur_y = y, f->cur_x = f->line[field].curx;
	} else if (info(field)->kind == SC_FK_BOOL && shows_mixed(f, field)) {
		wattrset(w, (int)a);
		tui_putf(w, y, x, f->vw, "[-] " MIXED);
		if (focus)
			f->cur_y = y, f->cur_x = x + 1;
	} else if (info(field)->kind == SC_FK_BOOL) {
		wattrset(w, (int)a);
		tui_putf(w, y, x, 3, "[%c]", get_value(&f->obj, field) ? 'x' : ' ');
		wattrset(w, (int)tui_attr(t, TUI_C_NORMAL));
		tui_put(w, y, x + 3, "", f->vw - 3, true);
		if (focus)
			f->cur_y = y, f->cur_x = x + 1;
	} else {
		wattrset(w, (int)a);
		tui_putf(w, y, x, f->vw, "%s", value_label(f, field));
		mvwaddstr(w, y, x + f->vw - 1, lock ? "-" : "v");
		if (focus)
			f->cur_y = y, f->cur_x = x;
	}
	/* Why it is locked, or why the typed text is refused, beside the value. */
	int hx = x + f->vw + 1;
	char range[48];
	const char *hint = f->ferr[field][0] ? f->ferr[field] : lock;
	if (!hint && info(field)->kind == SC_FK_INT) { /* what may be typed */
		snprintf(range, sizeof range, "%d..%d", info(field)->min, info(field)->max);
		hint = range;
	}
	tui_wattr(t, w, f->ferr[field][0] ? TUI_C_ERROR : TUI_C_LOCKED);
	if (hx < COLS) /* a reason that does not fit ends with a mark; F1 has it whole */
		tui_put_fit(w, y, hx, hint ? hint : "", COLS - hx, true);
}

static void draw_fields(struct tui_form *f, struct tui *t)
{
	if (f->focus < f->nf) {
		if (f->focus < f->scroll)
			f->scroll = f->focus;
		if (f->focus >= f->scroll + f->field_rows)
			f->scroll = f->focus - f->field_rows + 1;
	}
	for (int r = 0; r < f->field_rows; r++) {
		int i = f->scroll + r, y = 1 + r;
		wmove(f->win, y, 0);
		tui_wattr(t, f->win, TUI_C_NORMAL);
		wclrtoeol(f->win);
		if (i >= f->nf)
			continue;
		int field = f->fields[i];
		tui_wattr(t, f->win, i == f->focus ? TUI_C_TITLE : TUI_C_NORMAL);
		tui_putf(f->win, y, 1, f->lw, "%s", info(field)->label);
		draw_value(f, t, field, y, i == f->focus);
	}
}

/* Warnings the model gives for the current values, what the last change
 * reset, and why saving was refused. */
static void draw_messages(struct tui_form *f, struct tui *t)
{
	struct sc_msgs notes = {0};
	sc_notices(&f->obj, &notes);
	int rows = LINES - 1 - 2 - f->msg_y, y = f->msg_y;
	char buf[2048];
	const char *lines[MSG_MAX];
	for (int r = f->msg_y; r < LINES - 3; r++) {
		wmove(f->win, r, 0);
		wclrtoeol(f->win);
	}
	struct msg {
		const char *text;
		enum tui_color c;
	} m[SC_MSGS_MAX * 2 + 1];
	int n = 0;
	if (f->message[0])
		m[n++] = (struct msg){f->message, TUI_C_ERROR};
	for (int i = 0; i < f->changes.n; i++)
		m[n++] = (struct msg){f->changes.m[i].text, TUI_C_WARN};
	for (int i = 0; i < notes.n; i++)
		m[n++] = (struct msg){notes.m[i].text, TUI_C_WARN};
	for (int i = 0; i < n && y < f->msg_y + rows; i++) {
		int k = tui_wrap(m[i].text, COLS - 4, buf, sizeof buf, lines, MSG_MAX);
		tui_wattr(t, f->win, m[i].c);
		for (int j = 0; j < k && y < f->msg_y + rows; j++) {
			char line[1200];
			/* the last row, with more to say: it ends with a mark, never cut silently */
			bool more = y + 1 == f->msg_y + rows && (j + 1 < k || i + 1 < n);
			snprintf(line, sizeof line, "%s %s%*s", j ? " " : "!", lines[j],
			         more ? COLS : 0, ""); /* padded past the edge: put_fit marks it */
			tui_put_fit(f->win, y++, 1, line, COLS - 2, true);
		}
	}
}

static void draw_bottom(struct tui_form *f, struct tui *t)
{
	int h = LINES - 1;
	const char *b[2] = {"OK", "Cancel"};
	int x = COLS / 2 - 10 > 0 ? COLS / 2 - 10 : 0;
	wmove(f->win, h - 2, 0);
	tui_wattr(t, f->win, TUI_C_NORMAL);
	wclrtoeol(f->win);
	for (int i = 0; i < 2; i++) {
		bool focus = f->focus == f->nf + i;
		tui_wattr(t, f->win, focus ? TUI_C_BUTTON : TUI_C_NORMAL);
		if (focus)
			f->cur_y = h - 2, f->cur_x = x + 2;
		x += tui_putf(f->win, h - 2, x, 12, "[ %s ]", b[i]) + 2;
	}
	static const struct tui_hint ref_hints[] = {
	    {2, {TUI_A_CHOOSE, TUI_A_TOGGLE}, "choose from the list (a letter jumps)"},
	    {1, {TUI_A_SAVE}, "save"},
	};
	static const struct tui_hint enum_hints[] = {
	    {1, {TUI_A_CHOOSE}, "choose from the allowed values"},
	    {1, {TUI_A_TOGGLE}, "next"},
	};
	static const struct tui_hint hints[] = {
	    {1, {TUI_A_SAVE}, "save"},
	    {1, {TUI_A_BACK}, "cancel"},
	    {1, {TUI_A_HELP}, "help for this field"},
	};
	int field = focused_field(f);
	const char *lock = field >= 0 ? lock_reason(f, field) : NULL;
	char line[400];
	if (f->note[0])
		snprintf(line, sizeof line, "%s", f->note);
	else if (lock)
		snprintf(line, sizeof line, "Locked: %s", lock);
	else if (field >= 0 && info(field)->kind == SC_FK_ENUM)
		tui_hint_text(line, sizeof line, enum_hints, 2);
	else if (field >= 0 && info(field)->kind == SC_FK_REF)
		tui_hint_text(line, sizeof line, ref_hints, 2);
	else
		tui_hint_text(line, sizeof line, hints, 3);
	tui_wattr(t, f->win, TUI_C_STATUS);
	tui_putf(f->win, h - 1, 0, COLS, " %s", line);
}

static void form_draw(struct tui_screen *s, struct tui *t, int what)
{
	struct tui_form *f = (struct tui_form *)s;
	(void)what;
	char title[200];
	if (f->is_new)
		snprintf(title, sizeof title, "New %s", sc_kind_label(f->kind));
	else if (f->nmany > 0)
		snprintf(title, sizeof title, "Edit %d %ss (marked)", f->nmany, sc_kind_name(f->kind));
	else
		snprintf(title, sizeof title, "Edit %s %s", sc_kind_label(f->kind), f->orig.name);
	tui_wattr(t, f->win, TUI_C_TAB_ACTIVE);
	tui_putf(f->win, 0, 0, COLS, " %s%s   cluster version %s", title, f->dirty ? " *" : "",
	         sc_cver_name(f->ctx.cver));
	draw_fields(f, t);
	draw_messages(f, t);
	draw_bottom(f, t);
	wnoutrefresh(f->win);
}

/* ---- keys ---- */

static int move_focus(struct tui_form *f, struct tui *t, int dir)
{
	commit(f, t, focused_field(f));
	f->focus = (f->focus + dir + f->nf + 2) % (f->nf + 2);
	return TUI_R_DRAW;
}

static int ask_discard(struct tui_form *f, struct tui *t)
{
	static const char *const buttons[] = {"Discard", "Keep editing", "Save"};
	commit(f, t, focused_field(f));
	if (!f->dirty)
		return TUI_R_CLOSE;
	tui_push(t, tui_dialog_new(t, "Unsaved changes",
	                           "This form has unsaved changes. Discard them?", buttons, 3,
	                           (struct tui_reply){discard_answer, 0}));
	/* The commit may have refused the typed text: the form shows that
	 * around the dialog now, not at the next repaint. */
	return TUI_R_DRAW;
}

static int choose(struct tui_form *f, struct tui *t)
{
	int field = focused_field(f);
	if (f->focus == f->nf)
		return save(f, t);
	if (f->focus == f->nf + 1)
		return ask_discard(f, t);
	enum sc_fkind k = info(field)->kind;
	if (k == SC_FK_ENUM)
		return open_choices(f, t, field);
	if (k == SC_FK_BOOL)
		return step_value(f, t, field, 1);
	if (k == SC_FK_REF) {
		if (locked(f, field))
			return TUI_R_DRAW;
		commit(f, t, field);
		return open_ref(f, t, field);
	}
	return move_focus(f, t, 1);
}

static void open_help(struct tui_form *f, struct tui *t)
{
	int field = focused_field(f);
	char extra[1024] = "";
	int n = 0;
	if (field >= 0) {
		struct sc_choice c[SC_CHOICES_MAX];
		int k = sc_choices(field, &f->obj, &f->ctx, c, SC_CHOICES_MAX);
		const char *lock = lock_reason(f, field);
		if (lock)
			n +=
			    snprintf(extra + n, sizeof extra - (size_t)n, "Now locked: %s\n", lock);
		for (int i = 0; i < k && i < SC_CHOICES_MAX && n < (int)sizeof extra; i++)
			if (c[i].reason)
				n +=
				    snprintf(extra + n, sizeof extra - (size_t)n,
				             "Not offered now: %s - %s\n", c[i].label, c[i].reason);
	}
	tui_push(t, tui_help_new(t, field >= 0 ? info(field)->help : "form", extra));
}

/* Keys that change a text field (as opposed to moving in it). */
static bool edit_key(int key)
{
	return (key >= 0x20 && key < TUI_KC_FLAG && key != 127) || key == TUI_K_BACKSPACE ||
	       key == TUI_K_DC || key == TUI_CTRL('U') || key == TUI_CTRL('K') ||
	       key == TUI_CTRL('D') || key == TUI_CTRL('H') || key == 127;
}

static int form_key(struct tui_screen *s, struct tui *t, int key, int action)
{
	struct tui_form *f = (struct tui_form *)s;
	int field = focused_field(f);
	f->note[0] = '\0';
	/* A name never holds a space: Space on the cluster or template opens
	 * its list, as on every other choice (letters there jump). */
	if (field >= 0 && info(field)->kind == SC_FK_REF && key == ' ') {
		if (locked(f, field))
			return TUI_R_DRAW;
		commit(f, t, field);
		return open_ref(f, t, field);
	}
	/* Typing goes to a text field before any binding (Space, letters, Left). */
	if (field >= 0 && typed(field) && action != TUI_A_NEXT_FIELD &&
	    action != TUI_A_PREV_FIELD && action != TUI_A_CHOOSE && action != TUI_A_BACK &&
	    action != TUI_A_SAVE && action != TUI_A_HELP) {
		if (edit_key(key) && locked(f, field))
			return TUI_R_DRAW; /* refused, with the reason */
		if (tui_line_key(&f->line[field], key)) {
			mark_dirty(f);
			return TUI_R_DRAW;
		}
	}
	switch (action) {
	case TUI_A_NEXT_FIELD:
		return move_focus(f, t, 1);
	case TUI_A_PREV_FIELD:
		return move_focus(f, t, -1);
	case TUI_A_PAGE_DOWN:
		commit(f, t, field);
		f->focus = f->nf;
		return TUI_R_DRAW;
	case TUI_A_PAGE_UP:
		commit(f, t, field);
		f->focus = 0;
		return TUI_R_DRAW;
	case TUI_A_CHOOSE:
		return choose(f, t);
	case TUI_A_SAVE:
		return save(f, t);
	case TUI_A_BACK:
		return ask_discard(f, t);
	case TUI_A_HELP:
		open_help(f, t);
		return TUI_R_NONE;
	case TUI_A_TOGGLE:
		if (field < 0)
			return choose(f, t);
		return step_value(f, t, field, 1);
	case TUI_A_NEXT_VALUE:
	case TUI_A_PREV_VALUE:
		if (field >= 0)
			return step_value(f, t, field, action == TUI_A_NEXT_VALUE ? 1 : -1);
		f->focus = f->focus == f->nf ? f->nf + 1 : f->nf;
		return TUI_R_DRAW;
	default:
		return TUI_R_IGNORED;
	}
}

static bool form_cursor(struct tui_screen *s, struct tui *t, int *y, int *x)
{
	struct tui_form *f = (struct tui_form *)s;
	(void)t;
	*y = f->cur_y;
	*x = f->cur_x;
	return true;
}

static const char *form_help(struct tui_screen *s, struct tui *t)
{
	struct tui_form *f = (struct tui_form *)s;
	(void)t;
	int field = focused_field(f);
	return field >= 0 ? info(field)->help : "form";
}

static void form_destroy(struct tui_screen *s, struct tui *t)
{
	struct tui_form *f = (struct tui_form *)s;
	(void)t;
	if (f->win)
		delwin(f->win);
	free(f->many);
	free(f->offered.name);
	free(f);
}

/* Another session changed object ("vm:web01"): say so before the user saves. */
static void form_changed_elsewhere(struct tui_screen *s, struct tui *t, const char *object,
                                   const char *who)
{
	struct tui_form *f = (struct tui_form *)s;
	char mine[SC_NAME_MAX + 16];
	(void)t;
	if (f->is_new || f->nmany > 0) /* several objects take only the changed fields */
		return;
	snprintf(mine, sizeof mine, "%s:%s", sc_kind_name(f->kind), f->orig.name);
	if (strcmp(object, mine) != 0)
		return;
	snprintf(f->message, sizeof f->message,
	         "%s changed this %s since the form opened; saving will ask whether to "
	         "reload or overwrite.",
	         who, sc_kind_name(f->kind));
	s->pending |= TUI_R_DRAW;
}

/* The session is ending: keep unsaved edits where the next start finds them. */
static void form_save_draft(struct tui_screen *s, struct tui *t)
{
	struct tui_form *f = (struct tui_form *)s;
	if (f->dirty && f->nmany == 0) /* a draft holds one object */
		tui_form_save_draft(f, t);
}

static const struct tui_screen_ops form_ops = {
    .name = "form",
    .ctx = TUI_CTX_FORM,
    .layout = form_layout,
    .draw = form_draw,
    .key = form_key,
    .cursor = form_cursor,
    .help_topic = form_help,
    .destroy = form_destroy,
    .changed_elsewhere = form_changed_elsewhere,
    .save_draft = form_save_draft,
};

static int first_cluster(const struct sc_cluster *c, void *arg)
{
	sc_strlcpy(arg, c->name, SC_NAME_MAX + 1);
	return 1;
}

static struct tui_form *alloc_form(enum sc_kind kind)
{
	struct tui_form *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->base.ops = &form_ops;
	f->kind = kind;
	for (int i = 0; i < SC_F_COUNT; i++)
		if (sc_field_applies(i, kind))
			f->fields[f->nf++] = i;
	return f;
}

struct tui_screen *tui_form_new(struct tui *t, enum sc_kind kind, const struct sc_object *obj)
{
	return tui_form_new_in(t, kind, obj, NULL);
}

struct tui_screen *tui_form_new_in(struct tui *t, enum sc_kind kind, const struct sc_object *obj,
                                   const char *in)
{
	struct tui_form *f = alloc_form(kind);
	char why[800], cluster[SC_NAME_MAX + 1] = "";
	struct sc_err e = {0};
	struct sc_cluster c;
	if (!f)
		return NULL;
	if (obj) {
		f->orig = f->obj = *obj;
		if (load_ctx(f, t, obj->cluster, why, sizeof why) < 0)
			sc_ctx_init(&f->ctx, t->reg, SC_CVER_31);
	} else {
		f->is_new = true;
		if (in && in[0] && store_cluster_get(t->st, in, &c, &e) == SC_OK)
			sc_strlcpy(cluster, c.name, sizeof cluster);
		else
			store_cluster_scan(t->st, NULL, 0, 1, first_cluster, cluster, &e);
		if (!cluster[0] || load_ctx(f, t, cluster, why, sizeof why) < 0)
			sc_ctx_init(&f->ctx, t->reg, SC_CVER_31);
		sc_object_defaults(&f->obj, kind, &f->ctx);
		sc_strlcpy(f->obj.cluster, cluster, sizeof f->obj.cluster);
	}
	sync_lines(f, false);
	return &f->base;
}

struct tui_screen *tui_form_new_many(struct tui *t, enum sc_kind kind,
                                     const char (*names)[SC_NAME_MAX + 1], int n)
{
	struct sc_object o;
	struct sc_err e = {0};
	char why[800];
	if (n <= 0)
		return NULL;
	struct tui_form *f = alloc_form(kind);
	if (!f || !(f->many = calloc((size_t)n, sizeof f->many[0]))) {
		free(f);
		return NULL;
	}
	bool first = true;
	for (int i = 0; i < n; i++) {
		sc_strlcpy(f->many[i], names[i], sizeof f->many[0]);
		if (store_object_get(t->st, kind, names[i], &o, &e) != SC_OK)
			continue; /* gone since it was marked: saving lists it as refused */
		if (first) {
			f->orig = f->obj = o;
			first = false;
		} else {
			for (int k = 0; k < f->nf; k++) {
				char a[SC_DESC_MAX + 1], b[SC_DESC_MAX + 1];
				int fl = f->fields[k];
				sc_field_get(&f->obj, fl, a, sizeof a);
				sc_field_get(&o, fl, b, sizeof b);
				if (strcmp(a, b) && fl < 32)
					f->mixed |= 1u << fl;
			}
		}
	}
	f->nmany = n;
	if (first) { /* none of them is left */
		free(f->many);
		free(f);
		tui_status(t, "%s", e.msg);
		return NULL;
	}
	f->mixed |= 1u << SC_F_NAME;
	if (load_ctx(f, t, f->obj.cluster, why, sizeof why) < 0)
		sc_ctx_init(&f->ctx, t->reg, SC_CVER_31);
	sync_lines(f, false);
	return &f->base;
}

struct tui_screen *tui_form_from_draft(struct tui *t, const struct store_draft *d)
{
	struct tui_form *f = alloc_form(d->obj.kind);
	struct sc_err e = {0};
	char why[800];
	if (!f)
		return NULL;
	f->obj = d->obj;
	f->is_new = !d->orig_name[0] ||
	            store_object_get(t->st, d->obj.kind, d->orig_name, &f->orig, &e) != SC_OK;
	/* The version the draft was based on: a change since then is a conflict. */
	if (!f->is_new)
		f->orig.rowver = d->orig_rowver;
	if (load_ctx(f, t, f->obj.cluster, why, sizeof why) < 0)
		sc_ctx_init(&f->ctx, t->reg, SC_CVER_31);
	sync_lines(f, false);
	f->dirty = true;
	snprintf(f->message, sizeof f->message, "Restored the unsaved form from %s", d->at);
	return &f->base;
}

static void tui_form_save_draft(struct tui_form *f, struct tui *t)
{
	struct store_draft d;
	struct sc_err e = {0};
	memset(&d, 0, sizeof d);
	d.obj = f->obj;
	/* Keep typed text even where it is not valid yet: it is the user's work. */
	for (int i = 0; i < f->nf; i++) {
		int field = f->fields[i];
		char text[SC_DESC_MAX * 4 + 1];
		if (!typed(field))
			continue;
		tui_line_get(&f->line[field], text, sizeof text);
		if (sc_field_set(&d.obj, field, text, &e) == SC_OK)
			continue;
		if (info(field)->kind == SC_FK_NAME || info(field)->kind == SC_FK_TEXT)
			sc_field_set_raw(&d.obj, field, text);
	}
	if (!f->is_new) {
		sc_strlcpy(d.orig_name, f->orig.name, sizeof d.orig_name);
		d.orig_rowver = f->orig.rowver;
	}
	store_draft_save(t->st, &d, &e);
}
