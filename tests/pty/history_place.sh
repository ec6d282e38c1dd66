# History keeps its place when another session writes: newer changes come
# before the rows shown, so after a redraw the page keeps its rows and the
# status line says where they stand now (as the object lists do).
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
spicecfg demo --vms 300 >/dev/null 2>&1 || { notok "demo store" "demo --vms 300 failed"; exit 1; }
# some sixty audit rows: each VM with two or four monitors goes to one
spicecfg config -s ValidNumOfMonitors=1 >/dev/null 2>&1 || { notok "audit rows" "config -s failed"; exit 1; }
count=$(sql "select count(*) from audit")

# dump 0: three pages down; dump 1: after three changes by another admin
# and a full redraw (Ctrl-L); dump 2: Home, where the newest change shows
drive <<K
wait VMs:
key BTab 2
wait History: $count
key PgDn 3
settle
dump
shell "$SPICECFG" vm set gen-000001 description=one && "$SPICECFG" vm set gen-000002 description=two && "$SPICECFG" vm set gen-000003 description=three
key C-l
settle
dump
key Home
settle
dump
send q
exit 0
K
expect_drive "History paged down, written by another session, drawn again"
line() { printf '%s\n' "$OUT" | sed -n "$((24 * $1 + $2))p"; }
pos() { line "$1" 23 | sed -n 's/.*History: [0-9]* (\([0-9]*\)).*/\1/p'; }
p0=$(pos 0) p1=$(pos 1)
if [ -n "$p0" ] && [ "$p0" -gt 40 ] && [ "$(line 0 3)" = "$(line 1 3)" ] &&
	[ "$(line 0 22)" = "$(line 1 22)" ]; then
	ok "the page keeps its rows"
else
	notok "the page keeps its rows" "before: $(line 0 3) / $(line 0 22) at $p0; after: $(line 1 3) / $(line 1 22)"
fi
if line 1 23 | grep -q "History: $((count + 3)) ($((p0 + 3)))"; then
	ok "the position counts the three newer changes ($((p0 + 3)))"
else
	notok "the position counts the three newer changes" "before: $(line 0 23); after: $(line 1 23)"
fi
if line 2 3 | grep -q 'vm:gen-000003 *description'; then
	ok "Home shows the newest change"
else
	notok "Home shows the newest change" "$(line 2 3)"
fi
