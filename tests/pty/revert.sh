#!/bin/sh
# SPEC §11: u on a History row reverts it through the rules, as a new
# audited change; refused with the reason when the rules no longer allow it.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
spicecfg cluster add c31 version=3.1
spicecfg vm add rv cluster=c31 os=Windows7
spicecfg vm set rv os=RHEL6x64
spicecfg vm set rv usb=native 2>/dev/null

drive -s 120x30 <<'K'
wait VMs:
key BTab 2
wait History:
expect vm:rv
expect disabled -> native
key Down 2
expect Windows7 -> RHEL6x64
expect u Undo
send u
wait Reverted vm 'rv' os to Windows7
expect RHEL6x64 -> Windows7
send q
exit 0
K
expect_drive "u reverts an object's field, and the revert is in History"
run spicecfg vm show rv
expect_out_has "os: Windows7" "the old value is back"
expect_out_has "usb: native" "the other fields stay"
run sql "select field, old, new from audit where object = 'vm:rv' order by id desc limit 1"
expect_out "os|RHEL6x64|Windows7" "the revert is audited"

# the rules refuse a revert they no longer allow: native on a 3.0 cluster
spicecfg vm set rv usb=disabled
spicecfg cluster set c31 version=3.0 2>/dev/null
snapshot
drive -s 180x30 <<'K'
wait VMs:
key BTab 2
wait History:
expect native -> disabled
key Down 2
send u
wait Not reverted: USB Support 'native' is not allowed here: native USB redirection needs cluster version 3.1
send q
exit 0
K
expect_drive "a revert the rules refuse says why"
expect_unchanged "the refused revert changed nothing"

# a site option: shown first when it resets objects, then reverted
spicecfg cluster set c31 version=3.1 2>/dev/null
spicecfg config -s ValidNumOfMonitors=1,2,3,4
spicecfg vm set rv monitors=3
drive -s 120x30 <<'K'
wait VMs:
key BTab 2
wait History:
expect option:ValidNumOfMonitors
key Down
send u
wait Confirm change
expect monitors: 3 -> 1
send a
wait Reverted ValidNumOfMonitors (general) to 1,2,4
send q
exit 0
K
expect_drive "an option's revert that resets objects asks first"
run spicecfg config -g ValidNumOfMonitors
expect_out "ValidNumOfMonitors: 1,2,4 version: general" "the option is back"

# a cluster's version: its resets are shown first, then reverted; a
# cluster gone since is refused with the reason
spicecfg cluster add cv version=3.1
spicecfg vm add cvm cluster=cv os=RHEL6x64 usb=native 2>/dev/null
spicecfg cluster set cv version=3.0 2>/dev/null
spicecfg vm set cvm os=Windows7 2>/dev/null
spicecfg vm set cvm usb=legacy 2>/dev/null
drive -s 120x30 <<'K'
wait VMs:
key BTab 2
wait History:
send /cluster:cv
key Enter
wait filter: cluster:cv
expect 3.1 -> 3.0
send u
wait Reverted cluster cv version to 3.1
send q
exit 0
K
expect_drive "u reverts a cluster's version"
run spicecfg cluster show cv
expect_out_has "version: 3.1" "the version is back"
run sql "select field, old, new from audit where object = 'cluster:cv' order by id desc limit 1"
expect_out "version|3.0|3.1" "the revert is audited"

spicecfg cluster set cv version=3.0 2>/dev/null
spicecfg cluster set cv version=3.2 2>/dev/null
spicecfg vm set cvm usb=native 2>/dev/null
drive -s 120x30 <<'K'
wait VMs:
key BTab 2
wait History:
send /cluster:cv
key Enter
wait filter: cluster:cv
expect 3.0 -> 3.2
send u
wait Confirm change
expect Revert cluster cv version to 3.0?
expect usb: native -> disabled
key Enter
gone Confirm change
expect 3.0 -> 3.2
send q
exit 0
K
expect_drive "a cluster revert that resets objects asks first"
run spicecfg cluster show cv
expect_out_has "version: 3.2" "cancelled: the version stays"

spicecfg vm rm cvm
spicecfg cluster rm cv
snapshot
drive -s 120x30 <<'K'
wait VMs:
key BTab 2
wait History:
send /cluster:cv
key Enter
wait filter: cluster:cv
key Down
send u
wait Not reverted: cluster 'cv' does not exist
send q
exit 0
K
expect_drive "a revert of a cluster gone since says why"
expect_unchanged "the refused revert changed nothing"
