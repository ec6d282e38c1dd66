# History's filter: one that more than a thousand changes hold shows its
# count as 1000+ (counted, as the object lists do, only up to there) until
# End goes past it, then exactly; one that a few hold is counted exactly
# at once, with the rows' place.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
spicecfg demo --vms 300 >/dev/null 2>&1 || { notok "demo store" "demo --vms 300 failed"; exit 1; }
# five changes of each generated VM's usb, by another admin: 1,500 rows
sql "INSERT INTO audit(at, who, object, field, old, new)
	SELECT '2026-01-01T00:00:00Z', 'bob', 'vm:' || o.name, 'usb', 'legacy', 'native'
	FROM objects o, objects p WHERE o.name LIKE 'gen-%' AND p.name LIKE 'gen-%'
	AND p.name <= 'gen-000005'" >/dev/null || { notok "audit rows" "insert failed"; exit 1; }
many=$(sql "select count(*) from audit where lower(object) like '%vm:gen%'")
few=$(sql "select count(*) from audit where lower(object) like '%gen-000007%'")

drive <<K
wait VMs:
key BTab 2
wait History:
send /VM:GEN
key Enter
wait filter: VM:GEN
settle
dump
key End
settle
dump
send /
key C-u
send gen-000007
key Enter
wait filter: gen-000007
settle
dump
send q
exit 0
K
expect_drive "History filtered by many changes and by a few"
line() { printf '%s\n' "$OUT" | sed -n "$((24 * $1 + $2))p"; }
if [ "$many" -gt 1000 ] && line 0 23 | grep -q "History: 1000+ (1)"; then
	ok "a filter of $many changes: counted up to 1000+"
else
	notok "a filter of $many changes: counted up to 1000+" "$(line 0 23)"
fi
if line 1 23 | grep -q "History: $many ($many)"; then
	ok "End counts them all: the last of $many"
else
	notok "End counts them all" "$(line 1 23)"
fi
if [ "$few" -ge 5 ] && line 2 23 | grep -q "History: $few (1)"; then
	ok "a filter of $few changes: counted exactly"
else
	notok "a filter of $few changes: counted exactly" "$(line 2 23)"
fi
