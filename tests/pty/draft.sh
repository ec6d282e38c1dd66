#!/bin/sh
# A form whose session dies (SIGHUP, SIGTERM) keeps its draft; the next
# start offers it back.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
key F2
wait New VM
send drafted-vm
key Down 14
send kept across a hangup
settle
signal HUP
exit 129
K
expect_drive "SIGHUP with a dirty form ends the session"

drive <<'K'
wait Unsaved form
expect drafted-vm
send r
wait New VM
expect drafted-vm
expect kept across a hangup
key F2
wait Saved vm drafted-vm
send q
exit 0
K
expect_drive "the next start offers the draft and restores it"
run spicecfg vm show drafted-vm
expect_out_has "description: kept across a hangup" "the restored form was saved"

drive <<'K'
wait VMs:
lacks Unsaved form
send /rhel6-web01
key Enter
wait filter: rhel6-web01
key F4
wait Edit VM rhel6-web01
key Down 14
send  (edited)
settle
signal TERM
exit 143
K
expect_drive "SIGTERM while editing keeps the draft too"
drive <<'K'
wait Unsaved form
send d
wait Draft discarded
send q
exit 0
K
expect_drive "a draft can be discarded"
drive <<'K'
wait VMs:
lacks Unsaved form
send q
exit 0
K
expect_drive "and is not offered again"
