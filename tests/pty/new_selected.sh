#!/bin/sh
# After a New form is saved the new object is selected, wherever the
# list's order puts it (past the first page, or first in a reversed sort);
# a filter that hides it is named on the status line.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
spicecfg cluster add c31 version=3.1
i=10
while [ $i -lt 40 ]; do
	spicecfg vm add "v$i" cluster=c31 os=Windows7 >/dev/null 2>&1
	i=$((i + 1))
done

drive <<'K'
wait v10
key F2
wait New VM
send zz-new
key F2
wait Saved vm zz-new
expect zz-new
lacks v10
key F4
wait Edit VM zz-new
key Esc
wait Saved vm zz-new
send q
exit 0
K
expect_drive "the new VM, past the first page, is selected after saving"

drive <<'K'
wait v10
send r
wait v39
key F2
wait New VM
send aa-new
key F2
wait Saved vm aa-new
expect aa-new
lacks v39
key F4
wait Edit VM aa-new
key Esc
gone Edit VM
send q
exit 0
K
expect_drive "in a reversed order the new VM is selected at the end"

drive <<'K'
wait v10
send /
wait Filter
send v2
key Enter
wait filter: v2
key F2
wait New VM
send hidden-one
key F2
wait Saved vm hidden-one, which the filter hides
key Esc
wait Filter cleared
send q
exit 0
K
expect_drive "a filter that hides the new VM is named on the status line"

drive <<'K'
wait v10
key Left
wait Version
key F2
wait New cluster
send zc
key F2
wait Saved cluster zc
key F4
wait Edit cluster
expect Name        zc
key Esc
gone Edit cluster
send q
exit 0
K
expect_drive "a new cluster is selected too"
