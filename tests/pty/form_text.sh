#!/bin/sh
# The form at 80 columns: a reason that does not fit beside its field ends
# with a mark, and what a change reset goes once the user sets that field
# again.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
spicecfg cluster add c31 version=3.1
spicecfg cluster add c30 version=3.0
spicecfg vm add fx cluster=c31 os=Windows7 usb=native 2>/dev/null

drive <<'K'
wait VMs:
key F4
wait Edit VM fx
key Down
key C-u
send c30
key Down
wait USB Support changed from native to disabled
key Down 7
send " "
wait Legacy USB support is deprecated
gone USB Support changed from native to disabled
key Esc
wait Unsaved changes
send d
wait VMs:
send q
exit 0
K
expect_drive "a reset's message goes when the user sets the field again"

spicecfg vm add fl cluster=c30 os=RHEL5
drive <<'K'
wait VMs:
key F4
wait Edit VM fl
expect needs cluster version 3.1 or a W…
key Esc
wait VMs:
send q
exit 0
K
expect_drive "a lock reason cut at the edge ends with a mark"

# the cluster is chosen from a list: Space opens it on the current value,
# a letter jumps, and no space ever gets into the name
spicecfg cluster add zz32 version=3.2
drive -s 100x30 <<'K'
wait VMs:
key F2
wait New VM
key Down
wait choose from the list
send " "
wait zz32
send z
key Enter
wait cluster version 3.2
expect Cluster            zz32
lacks zz 32
key Down
key Up
send " "
wait c30
key Esc
gone c30
key Esc
wait Unsaved changes
send d
wait VMs:
send q
exit 0
K
expect_drive "Space opens the cluster list, a letter jumps to it"

# a new VM starts in the selected row's cluster
drive -s 100x30 <<'K'
wait VMs:
send /fl
key Enter
wait filter: fl
key F2
wait New VM
expect cluster version 3.0
expect Cluster            c30
key Esc
wait VMs:
send q
exit 0
K
expect_drive "the New form starts on the selected row's cluster"
