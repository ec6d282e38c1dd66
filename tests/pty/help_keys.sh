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
