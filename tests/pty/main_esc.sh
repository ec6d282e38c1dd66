#!/bin/sh
# A stray Esc on the main screen does not end the session: it says how to
# quit, and Esc again quits; q and F10 quit at once.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
key Esc
wait Esc again, q or F10 quits
sleep 300
expect VMs:
key Down
key Esc
sleep 300
expect VMs:
key Esc
exit 0
K
expect_drive "one Esc asks, another key disarms it, Esc twice quits"

drive <<'K'
wait VMs:
key F10
exit 0
K
expect_drive "F10 quits at once"
