#!/bin/sh
# Live resize: the layout follows 60x20 and 200x60, a notice below the
# minimum, and nothing typed is lost on the way.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
resize 60 20
wait VMs: 20
lacks Terminal too small
resize 200 60
wait VMs: 20
expect Description
resize 30 8
wait Terminal too small
resize 80 24
wait VMs: 20
key F2
wait New VM
send half-typed
resize 60 20
wait New VM
expect half-typed
resize 30 8
wait Terminal too small
key Down
send xyz
resize 200 60
wait New VM
expect half-typed
lacks half-typedxyz
resize 80 24
wait USB Support
key C-l
wait USB Support
expect half-typed
send -2
key F2
wait Saved vm half-typed-2
send q
exit 0
K
expect_drive "resize 60x20, 200x60, 30x8 (notice) and back, the edit kept"
run spicecfg vm show half-typed-2
expect_rc 0 "the VM typed across resizes was saved"
