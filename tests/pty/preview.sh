# Preview (`x`): a .vv written from the TUI is 0600 (it is a credential for
# the console) and a remote-viewer file.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
cd "$T" || exit 1
demo_store

drive <<K
send /win7-dev01\r
send x
wait Preview vm win7-dev01
key Tab 2
wait [virt-viewer]
send w
wait File name:
key C-u
send $T/out.vv\r
wait Wrote
expect of win7-dev01 to
lacks [ OK ]
expect [virt-viewer]
key Esc
send q
exit 0
K
expect_drive "write the .vv preview to a file"
run stat -c %a "$T/out.vv"
expect_out "600" "the .vv file is readable by its owner only"
run head -n 1 "$T/out.vv"
expect_out "[virt-viewer]" "the file is a remote-viewer connection file"

