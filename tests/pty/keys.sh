#!/bin/sh
# F-keys typed as Esc followed by a digit (fast, as a terminal sends them,
# and slow, as a person types them); F1 help for the USB Support field;
# small output per cursor move; monochrome with NO_COLOR.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
send \e2
wait New VM
send \e0
wait VMs:
send \e
sleep 200
send 9
wait NumberOfUSBSlots
send \e1
wait Help: NumberOfUSBSlots
send \e0
wait Site options:
send q
exit 0
K
expect_drive "Esc 2 is F2, Esc 0 is F10, Esc 9 is F9, Esc 1 is F1"

drive <<'K'
wait VMs:
key Down 2
key F2
wait New VM
key Down 9
cursor
key F1
wait Help: USB Support
expect Not offered now: Native
key PgDn
expect Why Legacy is deprecated
expect Native USB and migration
key PgDn
expect Next field or button
key Esc
wait New VM
key Esc
wait VMs:
send q
exit 0
K
expect_drive "F1 on USB Support shows its help and the key list"
expect_out_has "cursor 10 20" "the cursor sits on the focused field (USB Support)"

# htop/tig-like cost: a cursor move rewrites two rows, never the screen.
drive <<'K'
wait VMs:
mark
key Down
bytes
mark
key Down
bytes
send q
exit 0
K
expect_drive "cursor moves run"
max=$(printf '%s\n' "$OUT" | sed -n 's/^bytes //p' | sort -n | tail -1)
if [ "${max:-99999}" -lt 600 ]; then ok "a Down arrow writes $max bytes (< 600)"; else
	notok "a Down arrow writes few bytes" "wrote $max bytes"; fi

NO_COLOR=1 drive <<'K'
wait VMs:
colors
send q
exit 0
K
expect_out_has "colors 0" "NO_COLOR gives a monochrome screen"
drive <<'K'
wait VMs:
colors
send q
exit 0
K
expect_out_lacks "colors 0" "colors otherwise"
VTDRIVE_TERM=vt100 drive <<'K'
wait VMs:
colors
send q
exit 0
K
expect_out_has "colors 0" "monochrome on a terminal without colors (vt100)"

# Without a terminal and without a script: a message and exit 2.
run spicecfg </dev/null
expect_rc 2 "no terminal: exit 2"
expect_err_has "needs a terminal" "no terminal: says why"
