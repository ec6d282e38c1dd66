#!/bin/sh
# Entering a pre-filled text or number field selects its value, as nmtui
# does: the first printable key replaces it, Backspace clears it, and a
# movement key (Left, Right, Home, End) keeps it for editing.  A lone Esc
# acts at once; Esc then a digit typed by a human is still that F-key.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
spicecfg cluster add c31 version=3.1
spicecfg vm add sel1 cluster=c31 os=Windows7 memory=2048 description=old-text

# Fields: name cluster template os type memory cpus ... description (last).
drive <<'K'
wait sel1
key F4
wait Edit VM sel1
key Down 5
send 4096
key Down
key End
send 2
key Down 8
send new
key F2
wait Saved vm sel1
send q
exit 0
K
expect_drive "typing replaces a selected value; End keeps it for editing"
run sql "select memory, cpus, description from objects where name='sel1'"
expect_out "4096|12|new" "memory and description replaced, cpus appended to"

drive <<'K'
wait sel1
key F4
wait Edit VM sel1
key Down 5
key Backspace
key Home
send 512
key Down
key Left
key Backspace
send 3
key F2
wait Saved vm sel1
send q
exit 0
K
expect_drive "Backspace clears a selected value; Left keeps it"
run sql "select memory, cpus from objects where name='sel1'"
expect_out "512|32" "memory cleared then typed, cpus edited in place"

drive <<'K'
wait sel1
key F4
wait Edit VM sel1
timeout 450
key Esc
gone Edit VM sel1
timeout 8000
send \e
sleep 100
send 2
wait New VM
key Esc
gone New VM
send q
exit 0
K
expect_drive "Esc closes the form at once; Esc then 2 a moment later is F2"
