#!/bin/sh
# The console options of SPEC §9 in the shared form: each a row of the field
# table, so the form shows it with its choices, lock reasons and F1 topic.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

# Below description: copy_paste file_transfer disconnect_action
# disconnect_delay allow_reconnect.
drive <<'K'
wait VMs:
key F2
wait New VM
send tui-con1
key Down 15
expect Clipboard sharing
key Down
expect File transfer
key Down 2
expect Locked: the delay applies only to the shutdown action
key Up
key Enter
wait Shut down the VM
expect Log out the user
expect Reboot the VM
key Down 2
key Enter
wait On disconnect      Shut down the VM
key Down
lacks Locked: the delay applies
key F1
wait Help: Shutdown delay
expect Minutes (0..1440)
key Esc
key Down
expect Console takeover
key Space
key Up 12
key Right
wait VNC
key Down 8
expect Locked: clipboard sharing needs the SPICE protocol
key Down
expect Locked: file transfer needs the SPICE protocol
key F2
wait Saved vm tui-con1
send q
exit 0
K
expect_drive "the console options in the form: choices, locks, help"
run spicecfg vm show tui-con1
expect_out_has "disconnect_action: shutdown" "the action chosen in the form is saved"
expect_out_has "allow_reconnect: true" "the check box is saved"
expect_out_has "display: vnc" "the protocol too"
expect_out_has "copy_paste: false" "clipboard off in force on VNC"
