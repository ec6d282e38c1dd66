#!/bin/sh
# Site options edited with typed widgets; values checked like the CLI.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
key F9
wait Site options:
send /NumberOfUSBSlots
key Enter
wait filter: NumberOfUSBSlots
key Enter
wait 0..6
key C-u
send 9
key Enter
wait Not saved
expect NumberOfUSBSlots
key C-u
send 3
key Enter
wait NumberOfUSBSlots set to 3
key Esc
wait Site options:
send /
key C-u
send ValidNumOfMonitors
key Enter
wait filter: ValidNumOfMonitors
key Enter
wait [x] 2
key Down
key Space
key Enter
wait Confirm change
expect monitors: 2 -> 1
send a
wait ValidNumOfMonitors set to 1,…
send /
key C-u
send NativeUSB
key Enter
key Down
key Enter
wait [x] on (true)
key Space
wait [ ] off (false)
lacks on (true)
key Enter
wait Confirm change
send a
wait NativeUSBEnabled set to false (3.1)
key Tab
wait History:
expect NativeUSBEnabled
send q
exit 0
K
expect_drive "out of range refused in the dialog, number, checklist and toggle saved, audited"
run spicecfg config -g NumberOfUSBSlots
expect_out "NumberOfUSBSlots: 3 version: general" "the number was stored"
run spicecfg config -g ValidNumOfMonitors
expect_out "ValidNumOfMonitors: 1,4 version: general" "the checklist was stored"
run spicecfg config -g NativeUSBEnabled --cver 3.1
expect_out "NativeUSBEnabled: false version: 3.1" "the toggle was stored for 3.1"
# What the options took away, the store gave back to the rules, as the CLI
# does: win7-dev01 (2 monitors, native USB, cluster 3.1) is now within them.
run spicecfg vm show win7-dev01
expect_out_has "monitors: 1" "monitors outside ValidNumOfMonitors were reset"
expect_out_has "usb: disabled" "native USB was reset when 3.1 turned it off"
run sql "select count(*) from audit where object = 'vm:win7-dev01' and field in ('monitors', 'usb')"
expect_out "2" "the resets are audited"
