# Lists page by key: PgDn, End, PgUp, Up and Home show the rows the whole
# sorted list has at those positions, and the status line says where.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
spicecfg demo --vms 300 >/dev/null 2>&1 || { notok "demo store" "demo --vms 300 failed"; exit 1; }
count=$(spicecfg vm list --format tsv | wc -l)

drive <<'K'
wait VMs:
send s
wait Sorted by Cluster
send s
wait Sorted by OS
key PgDn
key PgDn
key PgDn
settle
dump
key End
settle
dump
key PgUp
key Up
settle
dump
send r
wait OS v
key PgDn
key PgDn
settle
dump
key End
key Up
settle
dump
key Home
settle
dump
send q
exit 0
K
expect_drive "PgDn, End, PgUp, Up, Home in a list sorted by OS"

spicecfg vm list --sort os --format tsv | cut -f1 >"$T/asc"
sort_rev() { # the descending order: OS descending, then name descending
	spicecfg vm list --sort os --format tsv | awk -F'\t' '{print $4 "\t" $1}' |
		LC_ALL=C sort -r | cut -f2
}
sort_rev >"$T/desc"
# dump D (from 0) shows rows top..top+19 on lines 3..22, the status on 23
check() { # dump, top, sel, file, name
	d=$1 top=$2 sel=$3
	got=$(printf '%s\n' "$OUT" | sed -n "$((24 * d + 3))p;$((24 * d + 22))p" | awk '{print $1}' | tr '\n' ' ')
	want=$(sed -n "$((top + 1))p;$((top + 20))p" "$4" | tr '\n' ' ')
	status=$(printf '%s\n' "$OUT" | sed -n "$((24 * d + 23))p")
	if [ "$got" = "$want" ] && printf '%s' "$status" | grep -q "VMs: $count ($((sel + 1)))"; then
		ok "$5"
	else
		notok "$5" "rows '$got', want '$want'; status '$status'"
	fi
}
last=$((count - 1))
check 0 41 60 "$T/asc" "three PgDn: rows 42..61, position 61"
check 1 $((last - 19)) $last "$T/asc" "End: the last 20 rows, position $count"
check 2 $((last - 21)) $((last - 21)) "$T/asc" "PgUp, Up: a page back and one row up"
check 3 21 40 "$T/desc" "reversed, two PgDn"
check 4 $((last - 19)) $((last - 1)) "$T/desc" "reversed End, Up"
check 5 0 0 "$T/desc" "Home: the first rows again"

# Another admin adds five VMs and removes two before the page shown: the
# page keeps its rows, and the position the status line shows is where
# they stand now (Ctrl-L draws everything again, as any full draw does).
spicecfg vm list --format tsv | cut -f1 >"$T/before"
gone1=$(sed -n 2p "$T/before") gone2=$(sed -n 5p "$T/before")
top_name=$(sed -n 42p "$T/before")
drive <<K
wait VMs:
key PgDn
key PgDn
key PgDn
settle
expect VMs: $count (61)
shell "$SPICECFG" vm add aaa-1 cluster=cluster-3.1 && "$SPICECFG" vm add aaa-2 cluster=cluster-3.1 && "$SPICECFG" vm add aaa-3 cluster=cluster-3.1 && "$SPICECFG" vm add AAA-4 cluster=cluster-3.1 && "$SPICECFG" vm add 0aa-5 cluster=cluster-3.1 && "$SPICECFG" vm rm '$gone1' && "$SPICECFG" vm rm '$gone2'
key C-l
settle
dump
send q
exit 0
K
expect_drive "rows added and removed before the page by another session"
spicecfg vm list --format tsv | cut -f1 >"$T/after"
at=$(grep -nxF "$top_name" "$T/after" | cut -d: -f1)
got=$(printf '%s\n' "$OUT" | sed -n 3p | awk '{print $1}')
status=$(printf '%s\n' "$OUT" | sed -n 23p)
if [ "$got" = "$top_name" ] && [ "$at" = 45 ] &&
	printf '%s' "$status" | grep -q "VMs: $((count + 3)) ($((at + 19)))"; then
	ok "the same rows, at the position they have now ($((at + 19)))"
else
	notok "the same rows, at the position they have now" \
		"top row '$got' want '$top_name' (now row $at); status '$status'"
fi
