#!/bin/sh
# Imports under attack or carelessness: UUIDs already in the store, files
# built to make the parser slow or to hit libxml2's own limits, values given
# twice, and files read before the store's write lock is taken.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }
NS='xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1/"'
uuid_of() { spicecfg "$1" show "$2" | sed -n 's/^uuid: //p'; }
lines_ok() { # every line of stderr starts with spicecfg:
	n=$(printf '%s\n' "$ERR" | grep -vc '^spicecfg: ')
	[ "$n" -eq 0 ] && ok "$1: every error line starts with spicecfg:" || notok "$1: lines start with spicecfg:" "$ERR"
}

# ---- an exported OVF with only its Name edited ----
src=$(uuid_of vm win7-dev01)
spicecfg export ovf win7-dev01 -o "$T/w.ovf"
sed 's|<Name>win7-dev01</Name>|<Name>win7-copy</Name>|' "$T/w.ovf" >"$T/renamed.ovf"
snapshot
run spicecfg import ovf "$T/renamed.ovf" --cluster cluster-3.1
expect_rc 1 "renamed export: refused"
expect_err_has "$T/renamed.ovf: UUID $src of vm 'win7-copy' is already vm 'win7-dev01' in the store" "names the object that has the UUID"
expect_err_has "use --name N to import a copy with a new UUID" "says how to import a copy"
expect_unchanged "renamed export: store unchanged"
lines_ok "renamed export"
run spicecfg import ovf "$T/renamed.ovf" --cluster cluster-3.1 --name win7-copy
expect_rc 0 "with --name: imported as a copy"
new=$(uuid_of vm win7-copy)
[ -n "$new" ] && [ "$new" != "$src" ] && ok "the copy has a UUID of its own" || notok "the copy has a UUID of its own" "$new vs $src"
d1=$(spicecfg export domxml win7-dev01 | grep '<uuid>')
d2=$(spicecfg export domxml win7-copy | grep '<uuid>')
[ -n "$d2" ] && [ "$d1" != "$d2" ] && ok "their domain XML differs in <uuid>" || notok "domain XML <uuid> differs" "$d1"
# the same object again: "already exists", as before
run spicecfg import ovf "$T/w.ovf" --cluster cluster-3.1
expect_rc 1 "the unchanged export again: refused"
expect_err_has "vm 'win7-dev01' already exists; use --name N" "same object: already exists"

# two files of one import with one UUID: the second is refused
sed 's|<Name>win7-dev01</Name>|<Name>twin-a</Name>|; s|'"$src"'|6d3c2b1a-1111-4000-8000-000000000001|' "$T/w.ovf" >"$T/twin-a.ovf"
sed 's|<Name>twin-a</Name>|<Name>twin-b</Name>|' "$T/twin-a.ovf" >"$T/twin-b.ovf"
snapshot
run spicecfg import ovf "$T/twin-a.ovf" "$T/twin-b.ovf" --cluster cluster-3.1
expect_rc 1 "two files with one UUID: refused"
expect_err_has "twin-b.ovf: UUID 6d3c2b1a-1111-4000-8000-000000000001 of vm 'twin-b' is already vm 'twin-a'" "the second names the first"
expect_unchanged "two files with one UUID: nothing imported"
run spicecfg import ovf "$T/twin-a.ovf" "$T/twin-b.ovf" --cluster cluster-3.1 --keep-going
expect_rc 1 "--keep-going: one imported, one refused"
[ "$(uuid_of vm twin-a)" = 6d3c2b1a-1111-4000-8000-000000000001 ] && ! spicecfg vm show twin-b >/dev/null 2>&1 &&
	ok "--keep-going: the first keeps the UUID, the second is not imported" || notok "--keep-going with one UUID twice" "$ERR"

# an API file carrying the id of another object
spicecfg export api win7-dev01 | sed 's|<name>win7-dev01</name>|<name>api-copy</name>|' >"$T/copy.xml"
run spicecfg import api "$T/copy.xml"
expect_rc 1 "API file with another object's id: refused"
expect_err_has "is already vm 'win7-dev01'" "API: names the holder"

# ---- bounds: a 430 KB OVF with 40,000 attributes ----
awk -v ns="$NS" 'BEGIN { printf "<?xml version=\"1.0\"?>\n<ovf:Envelope %s", ns;
	for (i = 0; i < 40000; i++) printf " a%d=\"1\"", i; print ">\n</ovf:Envelope>" }' >"$T/attrs.ovf"
size=$(wc -c <"$T/attrs.ovf")
t0=$(date +%s%N)
run timeout 10 "$SPICECFG" import ovf "$T/attrs.ovf" --cluster cluster-3.1
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
expect_rc 2 "40,000 attributes ($size bytes): refused"
expect_err_has "attrs.ovf:2: <ovf:Envelope> has more than 256 attributes" "names the element, the line and the bound"
[ "$ms" -lt 1000 ] && ok "refused in $ms ms (under 1 s)" || notok "refused in under 1 s" "$ms ms"
lines_ok "40,000 attributes"

# ---- libxml2's own limits: never "Huge input lookup" under 16 MiB ----
awk -v ns="$NS" 'BEGIN { printf "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<ovf:Envelope %s><D>", ns;
	s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	for (i = 0; i < 140000; i++) print s; print "</D></ovf:Envelope>" }' >"$T/text.ovf"
run spicecfg import ovf "$T/text.ovf" --cluster cluster-3.1
expect_rc 2 "11 MB of text in one element: refused"
expect_err_has "text.ovf:2: a text longer than 1 MiB" "with a reason the user can act on"
case "$ERR" in *Huge*) notok "not libxml2's 'Huge input lookup'" "$ERR" ;; *) ok "not libxml2's 'Huge input lookup'" ;; esac
# a real OVF padded with comments to 14 MB, in ISO-8859-1: imported
spicecfg export ovf xp-office | sed 's|<Name>xp-office</Name>|<Name>big-one</Name>|; s|encoding="UTF-8"|encoding="ISO-8859-1"|' |
	sed 's|ovf:id="[0-9a-f]\{8\}-[0-9a-f-]*" ovf:required|ovf:id="6d3c2b1a-2222-4000-8000-000000000001" ovf:required|' |
	awk '{ print } /<References\/>/ { for (c = 0; c < 14; c++) { printf "<!--";
		for (i = 0; i < 12500; i++) printf "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; print "-->" } }' >"$T/big.ovf"
size=$(wc -c <"$T/big.ovf")
run spicecfg import ovf "$T/big.ovf" --cluster cluster-3.1
[ "$RC" -eq 0 ] && spicecfg vm show big-one >/dev/null 2>&1 && ok "a $size-byte OVF within the bounds is imported" ||
	notok "a $size-byte OVF within the bounds is imported" "$ERR"

# ---- a value given twice: refused with file:line and the element ----
dup() { # name, sed expression on an export, what the error names
	spicecfg export ovf xp-office | sed "$2" >"$T/$1.ovf"
	snapshot
	run spicecfg import ovf "$T/$1.ovf" --cluster cluster-3.1 --name "dup-$1"
	expect_rc 2 "$1: refused"
	expect_err_has "$T/$1.ovf:" "$1: file:line"
	expect_err_has "$3" "$1: names $3"
	expect_unchanged "$1: store unchanged"
}
dup two-usbpolicy 's|\(<rasd:UsbPolicy>[A-Z_]*</rasd:UsbPolicy>\)|\1<rasd:UsbPolicy>ENABLED_NATIVE</rasd:UsbPolicy>|' "duplicate <UsbPolicy>"
dup two-names 's|\(<Name>xp-office</Name>\)|\1<Name>other</Name>|' "duplicate <Name>"
dup two-usb-items 's|\(<rasd:Caption>USB Controller</rasd:Caption>\)|\1<rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>ENABLED_NATIVE</rasd:UsbPolicy></Item><Item>\1|' \
	"duplicate USB controller Item (ResourceType 23)"
dup two-os-sections 's|\(<Info>Guest Operating System</Info>\)|\1</Section><Section xsi:type="ovf:OperatingSystemSection_Type"><Description>RHEL6</Description>|' \
	"duplicate OperatingSystemSection"

# ---- names inside a file: XML may carry C1 controls (U+009B is a CSI) ----
spicecfg export ovf xp-office | sed 's|<Name>xp-office</Name>|<Name>x\&#x9b;31m\&#x85;spicecfg: ok</Name>|' >"$T/c1.ovf"
run spicecfg import ovf "$T/c1.ovf" --cluster cluster-3.1
expect_rc 2 "a Name with C1 controls: refused"
expect_err_has 'x\xc2\x9b31m\xc2\x85spicecfg: ok' "shown escaped"
c1=$(printf '\302\233')
case "$ERR" in *"$c1"*) notok "no raw C1 control on stderr" "$ERR" ;; *) ok "no raw C1 control on stderr" ;; esac
lines_ok "C1 controls"

# ---- files are read before the store's write lock is taken ----
if [ -z "${SPICECFG_TEST_PG:-}" ]; then
	printf '<ovf:Envelope %s>\n<broken>\n</ovf:Envelope>\n' "$NS" >"$T/broken.ovf"
	rm -f "$T/fifo" "$T/locked"
	mkfifo "$T/fifo"
	sqlite3 "$SPICECFG_DB" <"$T/fifo" >"$T/locked" 2>&1 &
	LOCKER=$!
	exec 7>"$T/fifo"
	echo "BEGIN IMMEDIATE; INSERT INTO audit(at, who, object, field) VALUES ('x', 'locker', 'x', 'x'); SELECT 'holding';" >&7
	i=0
	while ! grep -q holding "$T/locked" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	t0=$(date +%s%N)
	SPICECFG_BUSY_TIMEOUT_MS=3000 run spicecfg import ovf "$T/broken.ovf" --cluster cluster-3.1
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	expect_rc 2 "a bad file while another writer holds the store: refused"
	expect_err_has "broken.ovf:3: not well-formed XML" "for what is wrong with the file, not the lock"
	[ "$ms" -lt 2500 ] && ok "without waiting for the lock ($ms ms)" || notok "without waiting for the lock" "$ms ms"
	echo "ROLLBACK;" >&7
	exec 7>&-
	wait "$LOCKER"
else
	echo "ok $((N + 1)) - lock test # SKIP SQLite only"; N=$((N + 1))
fi
