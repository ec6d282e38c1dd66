#!/bin/sh
# SPEC §11: a change that resets other objects is shown first (object,
# field, old -> new, scrollable) and applied only when confirmed; the
# status line does not cut the list off, History has every change, and
# destructive buttons never have the focus when a dialog opens.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
snapshot

# Cancel (focused) changes nothing; a short terminal scrolls the list
drive -s 80x18 <<'K'
wait VMs:
key F9
wait Site options:
send /NativeUSB
key Enter
key Down
key Enter
wait on (true)
key Space
key Enter
wait Confirm change
expect Set NativeUSBEnabled to false (3.1)? It resets 7 objects:
expect usb: native -> disabled
expect PgUp/PgDn
key PgDn 3
wait win7-pool
expect usb: native -> disabled
key Enter
gone Confirm change
key Esc
wait Site options:
lacks set to false
send q
exit 0
K
expect_drive "the reset objects are listed, scrollable, and Cancel has the focus"
expect_unchanged "cancelled: nothing changed"
run spicecfg config -g NativeUSBEnabled --cver 3.1
expect_out "NativeUSBEnabled: true version: 3.1" "cancelled: the option as it was"

# Apply: the status says how many, History lists each change
drive -s 120x40 <<'K'
wait VMs:
key F9
wait Site options:
send /NativeUSB
key Enter
key Down
key Enter
wait on (true)
key Space
key Enter
wait Confirm change
send a
wait 7 objects changed, see History
key Tab
wait History:
expect win7-pool
send q
exit 0
K
expect_drive "applied after confirming; the count in the status line, the rows in History"
run sql "select count(*) from audit where field = 'usb' and new = 'disabled'"
[ "$OUT" -ge 7 ] && ok "every reset audited" || notok "every reset audited" "$OUT"

# a cluster's version: the same confirm before anything changes
snapshot
drive <<'K'
wait VMs:
key BTab
wait Clusters:
key Down
key Enter
wait Version
key Down
key Space
key Space
wait 3.0 v
key Enter
wait Confirm change
expect Change cluster
send c
gone Confirm change
key Esc
send q
exit 0
K
expect_drive "a cluster's new version asks first"
expect_unchanged "cluster change cancelled: nothing changed"

# F8 then Enter does not remove: Cancel has the focus
drive <<'K'
wait VMs:
key F8
wait Remove
key Enter
gone This cannot be undone
send q
exit 0
K
expect_drive "F8 Enter cancels"
expect_unchanged "nothing removed"

# a template moved to another cluster: its pools follow, shown first
spicecfg cluster add tc30 version=3.0
drive -s 120x30 <<'K'
wait VMs:
key Tab
wait Templates:
send /win7-desktop
key Enter
wait filter: win7-desktop
key F4
wait Edit Template win7-desktop
key Down
key C-u
send tc30
key F2
wait Confirm change
expect Save template win7-desktop?
expect pool 'win7-pool' cluster: cluster-3.1 -> tc30
key Enter
gone Confirm change
expect Edit Template win7-desktop
key F2
wait Confirm change
send a
wait Saved template win7-desktop; 1 object changed, see History
send q
exit 0
K
expect_drive "a template's move shows its pools' changes and asks first"
run spicecfg pool show win7-pool
expect_out_has "cluster: tc30" "applied: the pool followed its template"
