#!/bin/sh
# SPEC §11 marking: Space marks rows, the marks survive sorting and
# filtering, and F4 on marked rows opens one form for all of them: fields
# that differ show (mixed), only the fields changed are applied, each
# object through its own rules, with the refused ones listed.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
spicecfg cluster add c31 version=3.1
spicecfg cluster add c30 version=3.0
spicecfg vm add ma cluster=c31 os=Windows7 description=first
spicecfg vm add mb cluster=c31 os=Windows7x64 monitors=2 description=second
spicecfg vm add mc cluster=c30 os=RHEL5 description=third

drive <<'K'
wait VMs:
expect ma
send " "
wait 1 marked
expect * ma
send " "
wait 2 marked
expect * mb
lacks * mc
send s
wait Cluster ^
expect * ma
expect * mb
send /
wait Filter
send mb
key Enter
wait filter: mb
expect * mb
expect 2 marked
key Esc
gone filter: mb
key F4
wait Edit 2 vms (marked)
expect (mixed)
expect Operating system   (mixed)
key Down 10
send " "
key F2
wait Saved 2 vms
send q
exit 0
K
expect_drive "Space marks, marks survive sort and filter, F4 edits both"
run sql "select name, smartcard, os, monitors, description from objects where kind='vm' order by name"
expect_out "ma|1|Windows7|1|first
mb|1|Windows7x64|2|second
mc|0|RHEL5|1|third" "only the changed field went to the marked objects, the others kept theirs"

# a value one object's rules refuse: the others are saved, the refused listed
drive -s 120x30 <<'K'
wait VMs:
send " "
key Down
send " "
wait 2 marked
expect * ma
expect * mc
key F4
wait Edit 2 vms (marked)
key Down 9
send "  "
wait native
key F2
wait Saved 1 of 2 vms
expect mc: USB Support 'native' is not allowed here
key Enter
wait VMs:
expect Saved 1 of 2 vms; 1 refused
send q
exit 0
K
expect_drive "the refused object is listed with the reason"
run sql "select name, usb from objects where kind='vm' and name in ('ma','mc') order by name"
expect_out "ma|native
mc|disabled" "the allowed one is saved, the refused one left as it was"
run sql "select count(*) from audit where object='vm:mc' and field='usb'"
expect_out "0" "nothing is audited for the refused one"

# the name is locked in a form for several objects; Esc unmarks all
drive <<'K'
wait VMs:
send " "
send " "
wait 2 marked
key F4
wait Edit 2 vms (marked)
send x
wait each object keeps its own name
key Esc
wait VMs:
key Esc
wait Marks cleared
lacks * ma
send q
exit 0
K
expect_drive "no renaming many at once; Esc clears the marks before quitting"

# a removed object loses its mark
spicecfg vm add md cluster=c31 os=Windows7
drive <<'K'
wait VMs:
key End
wait (4)
send " "
wait 1 marked
key Up
key Down
expect * md
key F8
wait This cannot be undone
send r
wait Removed vm md
lacks 1 marked
send q
exit 0
K
expect_drive "removing a marked object drops its mark"
