#!/bin/sh
# Two processes on one store: the form never silently overwrites a change
# saved since it opened; it offers reload, overwrite and keep editing.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
spicecfg vm add clash cluster=cluster-3.1 os=Windows7 description=first >/dev/null 2>&1

# The other admin, a second spicecfg session (scripted), saves the same VM
# while this form is open.
printf '/clash\n<Enter>\n<F4>\n<Down>*14\n<C-u>\ntheirs\n<F2>\n' >"$T/other"
drive <<K
wait VMs:
send /clash
key Enter
wait filter: clash
key F4
wait Edit VM clash
key Down 14
key C-u
send mine
shell "$SPICECFG" --script "$T/other" && "$SPICECFG" vm show clash | grep -q 'description: theirs'
key F2
wait Conflict
expect changed by someone else
expect Reload
expect Overwrite
expect Keep editing
key Enter
wait Not saved: the stored version changed
key F2
wait Conflict
send o
wait Saved vm clash
send q
exit 0
K
expect_drive "two sessions: conflict dialog, keep editing, then overwrite"
run spicecfg vm show clash
expect_out_has "description: mine" "overwrite stored this form's value"


# Reload takes the other admin's version into the form and saves nothing.
drive <<K
wait VMs:
send /clash
key Enter
wait filter: clash
key F4
wait Edit VM clash
key Down 14
key C-u
send lost
shell "$SPICECFG" vm set clash description=again >/dev/null 2>&1
key F2
wait Conflict
send r
wait Reloaded the stored version
expect again
key Esc
wait VMs:
send q
exit 0
K
expect_drive "reload shows the other admin's value"
run spicecfg vm show clash
expect_out_has "description: again" "reload saved nothing"

# Idle lists follow what other sessions commit, and say who changed what.
drive <<K
wait VMs:
send /clash
key Enter
wait filter: clash
shell USER=alice "$SPICECFG" vm set clash description=from-alice >/dev/null 2>&1
wait alice changed vm:clash description
send q
exit 0
K
expect_drive "another session's change shows in the list with who made it"

# An open form hears of a change to its object before saving.
drive <<K
wait VMs:
send /clash
key Enter
wait filter: clash
key F4
wait Edit VM clash
shell USER=bob "$SPICECFG" vm set clash description=from-bob >/dev/null 2>&1
wait bob changed this vm since the form opened
key Esc
wait VMs:
send q
exit 0
K
expect_drive "an open form says another session changed its object"

# Nothing was lost: every saved edit, from the form and from the CLI, is in
# the audit history in the order it was made, with who made it.
run sql "select who || ':' || new from audit where object='vm:clash' and field='description' order by id"
expect_out "tester:theirs
tester:mine
tester:again
alice:from-alice
bob:from-bob" "both sessions' edits are in the audit history"
