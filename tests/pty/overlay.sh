#!/bin/sh
# A dialog or dropdown opened over the form leaves the form's visible part
# up to date: the key that opens it may first change the form (the field
# being typed is checked), and what the dialog does not cover shows that
# at once, as a full repaint (Ctrl-L) would.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
spicecfg vm add ovl cluster=cluster-3.1 os=Windows7 >/dev/null 2>&1

# Esc with a half-typed cluster name: the name is checked, the form asks
# whether to discard, and the row's error shows beside the dialog.
drive <<'K'
wait VMs:
send /
wait Filter
send ovl
key Enter
wait filter: ovl
key F4
wait Edit VM ovl
key Down
key End
send zz
lacks 'cluster-3.1zz' does not
key Esc
wait Unsaved changes
expect cluster 'cluster-3.1zz' does not
send d
wait VMs:
send q
exit 0
K
expect_drive "Esc over a typed field: its error shows beside the Unsaved changes dialog"

# Enter on the same field opens the cluster dropdown: the error of the
# typed name shows beside it.
drive <<'K'
wait VMs:
send /
wait Filter
send ovl
key Enter
wait filter: ovl
key F4
wait Edit VM ovl
key Down
key End
send zz
lacks 'cluster-3.1zz' does not
key Enter
wait cluster-3.2
expect cluster 'cluster-3.1zz' does not
key Esc
gone cluster-3.2
key Esc
wait Unsaved changes
send d
wait VMs:
send q
exit 0
K
expect_drive "Enter on a typed field: its error shows beside the cluster dropdown"
run spicecfg vm show ovl
expect_out_has "cluster: cluster-3.1" "nothing was saved"
