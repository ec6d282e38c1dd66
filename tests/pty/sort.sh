# Lists sort by any of their columns (`s`), either way (`r`), reading only
# the rows on the screen.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
expect Name ^
send s
wait Sorted by Cluster
expect Cluster ^
send s
wait Sorted by OS
expect OS ^
settle
dump
send r
wait OS v
settle
dump
key F9
wait Option
key Tab
wait When (UTC)
send s
wait This list has a fixed order
send q
exit 0
K
expect_drive "s moves the sort to the next column, r reverses it"
# dumps: rows start on the screen's third line
a=$(printf '%s\n' "$OUT" | sed -n '3p' | awk '{print $1}')
b=$(printf '%s\n' "$OUT" | sed -n '27p' | awk '{print $1}')
[ "$a" = "other-appliance" ] && ok "by OS: Other first" || notok "by OS: Other first" "got '$a'"
[ "$b" = "xp-office" ] && ok "reversed: WindowsXP last name first" || notok "reversed: WindowsXP last name first" "got '$b'"
