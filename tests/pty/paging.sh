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
