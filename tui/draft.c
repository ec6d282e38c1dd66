/* Drafts: a form whose session died (SIGHUP, SIGTERM) was saved by the
 * loop; the next start offers it back. */
#include <stdio.h>
#include <stdlib.h>

#include "tui.h"

static void draft_answer(struct tui_screen *to, struct tui *t, const struct tui_answer *a,
                         int arg)
{
	struct sc_err e = {0};
	(void)to;
	(void)arg;
	if (!t->draft)
		return;
	if (a->choice == 0) {
		tui_push(t, tui_form_from_draft(t, t->draft));
		store_draft_delete(t->st, t->draft->id, &e);
	} else if (a->choice == 1) {
		store_draft_delete(t->st, t->draft->id, &e);
		tui_status(t, "Draft discarded");
	}
	free(t->draft);
	t->draft = NULL;
}

void tui_offer_draft(struct tui *t)
{
	static const char *const buttons[] = {"Restore", "Discard", "Later"};
	struct store_draft d;
	struct sc_err e = {0};
	if (store_draft_latest(t->st, &d, &e) != SC_OK)
		return;
	free(t->draft);
	t->draft = malloc(sizeof *t->draft);
	if (!t->draft)
		return;
	*t->draft = d;
	char msg[400];
	snprintf(msg, sizeof msg,
	         "A %s form for '%s' was not saved when its session ended (%s). Restore it?",
	         sc_kind_label(d.obj.kind), d.obj.name[0] ? d.obj.name : "(no name)", d.at);
	tui_push(t, tui_dialog_new(t, "Unsaved form", msg, buttons, 3,
	                           (struct tui_reply){draft_answer, 0}));
}
