#!/bin/sh
# UTF-8 descriptions: typed, shown with wide characters, stored, shown again.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
desc='Ünïcödé 日本語 ✓'

drive <<K
wait VMs:
key F2
wait New VM
send utf-vm
key Down 14
send $desc
send X
key Backspace
key Left 2
key Backspace
send 語
key F2
wait Saved vm utf-vm
send q
exit 0
K
expect_drive "type a UTF-8 description"
run spicecfg vm show utf-vm
expect_out_has "description: $desc" "stored byte for byte (Backspace removed whole characters)"

drive -s 120x30 <<'K'
wait VMs:
send /utf-vm
key Enter
wait filter: utf-vm
expect 日本語
key F4
wait Edit VM utf-vm
expect Ünïcödé 日本語 ✓
key Esc
wait VMs:
send q
exit 0
K
expect_drive "shown again in the list and the form"
