#!/bin/sh
# What each tab of the main screen does with its rows (its ops table):
# which tabs create, remove, preview and edit, and what F1 shows on each.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
spicecfg vm rm rhel6-web01 >/dev/null 2>&1 # a history row to look at

drive <<'K'
wait VMs:
key Left
wait Clusters:
send x
wait Preview shows VMs, templates and pools
key F2
wait New cluster
key Esc
wait Clusters:
key F1
wait Help: Clusters
key Esc
wait Clusters:
key F9
wait Site options:
key F8
key F1
wait Help: NumberOfUSBSlots
key Esc
wait Site options:
key Tab
wait History:
key F2
wait Nothing to create on this tab
send x
wait Preview shows VMs, templates and pools
key Enter
wait old:
key Esc
wait History:
key F1
wait Help: History
key Esc
key Tab
wait Clusters:
key Tab
wait VMs:
send x
wait ovf:Envelope
key Esc
wait VMs:
send q
exit 0
K
expect_drive "each tab creates, removes, previews, edits and helps as its ops say"
