#!/bin/sh
# F1 lists the keys of the screen it was pressed on only (not every
# screen's list repeated), wrapped lines line up under the text, and the
# page is searchable: / asks for a word, n goes to its next line.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<K
wait VMs:
key F1
wait Help: Main screen
expect / Search
key End
wait Other screens list their keys on their own F1 page.
lacks UsbFilter rule editor
lacks Dropdown list
key Home
send /
wait Word:
send close the form\r
wait 'close the form' on line
dump $T/screen
send n
wait (from the top again)
send /
wait Word:
key C-u
send no-such-word\r
wait 'no-such-word' is not on this page
key Esc
wait VMs:
key F2
wait New VM
key F1
wait Help
key End
wait Other screens list their keys on their own F1 page.
lacks UsbFilter rule editor
lacks Main screen (lists)
key Esc
gone Other screens list
key Esc
wait VMs:
send q
exit 0
K
expect_drive "F1 lists the screen's own keys and searches them with / and n"
# "  Esc, F10, Ctrl-C  Close the form, ..." wraps under "Close" (one
# column of page margin, two of indent, 16 of keys, two of gap)
run awk '/Esc, F10, Ctrl-C  Close the form/ { getline; print substr($0, 1, 21) "|" substr($0, 22, 1) }' "$T/screen"
case $OUT in
"                     |"[!\ ]) ok "a wrapped key line lines up under its text" ;;
*) notok "a wrapped key line lines up under its text" "got '$OUT'" ;;
esac

# The word found is marked where it shows, as the list marks its filter's
# match: with colors a background, without (NO_COLOR) bold and underlined;
# the text around it is not.  "Redraw" is on row 18, columns 21-26.
for mode in color mono; do
	nc=; [ $mode = mono ] && nc=1
	NO_COLOR=$nc drive <<'K'
wait VMs:
key F1
wait Help: Main screen
send /
wait Word:
send redraw\r
wait 'redraw' on line
expect Ctrl-L            Redraw the whole screen
attrat 18 21
attrat 18 26
attrat 18 20
attrat 18 27
colorat 18 21
colorat 18 20
send q
wait VMs:
send q
exit 0
K
	expect_drive "help search ($mode)"
	if [ $mode = mono ]; then
		expect_out_has "attrat 18 21 bold=1 underline=1" "the first letter found is marked without colors"
		expect_out_has "attrat 18 26 bold=1 underline=1" "so is the last"
	else
		expect_out_lacks "colorat 18 21 bg=default" "the word found has a background"
		expect_out_has "attrat 18 26 bold=1" "to its last letter"
	fi
	expect_out_has "attrat 18 20 bold=0 underline=0" "the column before it is not marked ($mode)"
	expect_out_has "attrat 18 27 bold=0 underline=0" "nor the one after it ($mode)"
	expect_out_has "colorat 18 20 bg=default" "nor has a background ($mode)"
done
