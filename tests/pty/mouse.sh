#!/bin/sh
# SPEC §11: a click selects a row, a tab or a button; a double click edits;
# the wheel scrolls.  The xterm (SGR) mouse reports are sent through the pty.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
# 1-based column and row of a left click: press and release
click() { printf 'send \\e[<0;%d;%dM\\e[<0;%d;%dm\n' "$1" "$2" "$1" "$2"; }
wheel_down() { printf 'send \\e[<65;%d;%dM\n' "$1" "$2"; }

{
	echo "wait VMs: 20 (1)"
	click 3 5 # the third row of the list
	echo "wait VMs: 20 (3)"
	wheel_down 3 10
	echo "wait VMs: 20 (6)"
	click 64 1 # the History tab
	echo "wait History:"
	click 14 1 # the VMs tab
	echo "wait VMs:"
	click 3 4
	echo "wait VMs: 20 (2)"
	echo "sleep 400" # not taken for the start of a double click
	# a double click edits: two clicks in one write
	printf 'send \\e[<0;3;4M\\e[<0;3;4m\\e[<0;3;4M\\e[<0;3;4m\n'
	echo "wait Edit VM other-appliance"
	echo "key Esc"
	echo "wait VMs:"
	echo "send q"
	echo "exit 0"
} >"$T/clicks"
drive <"$T/clicks"
expect_drive "click selects rows and tabs, the wheel scrolls, a double click edits"

# a click on a dialog's button presses it: find [ Remove ] on the screen
snapshot
{
	echo "wait VMs:"
	echo "key F8"
	echo "wait This cannot be undone"
	echo "dump"
	echo "key Esc"
	echo "send q"
	echo "exit 0"
} >"$T/dlg"
drive <"$T/dlg"
line=$(printf '%s\n' "$OUT" | grep -n '\[ Cancel \]' | head -1)
row=${line%%:*}
col=$(printf '%s\n' "${line#*:}" | sed 's/\[ Cancel \].*//' | LC_ALL=C.UTF-8 wc -m)
{
	echo "wait VMs:"
	echo "key F8"
	echo "wait This cannot be undone"
	click $((col + 3)) "$row"
	echo "gone This cannot be undone"
	echo "send q"
	echo "exit 0"
} >"$T/dlg2"
drive <"$T/dlg2"
expect_drive "a click on Cancel closes the dialog"
expect_unchanged "nothing removed"
