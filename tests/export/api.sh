#!/bin/sh
# REST API XML: every demo vm and template exports well-formed; imports map
# "enabled without type" by cluster version and refuse illegal policies.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }

for kind in vm template; do
	for name in $(spicecfg "$kind" list --format tsv | cut -f1); do
		run spicecfg export api "$name" -o "$T/$name.xml"
		if [ "$RC" -ne 0 ] || ! xmllint --noout "$T/$name.xml" 2>"$T/.x"; then
			notok "api $name well-formed" "$ERR $(cat "$T/.x")"; continue; fi
		usb=$(spicecfg "$kind" show "$name" | sed -n 's/^usb: //p')
		got=$(xmllint --xpath "concat(string(/$kind/usb/enabled),'|',string(/$kind/usb/type),'|',count(/$kind/display/monitors))" "$T/$name.xml")
		case $usb in disabled) want='false||1' ;; *) want="true|$usb|1" ;; esac
		[ "$got" = "$want" ] && ok "api $name: usb and display" || notok "api $name: usb and display" "$got want $want"
	done
done

req() { # name os usb-xml
	printf '<vm>\n  <name>%s</name>\n  <os type="%s"/>\n  <display><type>spice</type></display>\n  %s\n</vm>\n' "$1" "$2" "$3" >"$T/$1.req.xml"
}
req a1 windows_7x64 '<usb><enabled>true</enabled></usb>'
run spicecfg import api "$T/a1.req.xml" --cluster cluster-3.1
expect_rc 0 "import api, usb enabled without type, 3.1"
[ "$(spicecfg vm show a1 | sed -n 's/^usb: //p')" = native ] && ok "untyped on 3.1 is native" || notok "untyped on 3.1 is native" ""
req a2 WindowsXP '<usb><enabled>true</enabled></usb>'
run spicecfg import api "$T/a2.req.xml" --cluster cluster-3.0
[ "$(spicecfg vm show a2 | sed -n 's/^usb: //p')" = legacy ] && ok "untyped on 3.0 is legacy" || notok "untyped on 3.0 is legacy" "$ERR"
req a3 rhel_6x64 ''
run spicecfg import api "$T/a3.req.xml" --cluster cluster-3.2
[ "$RC" -eq 0 ] && [ "$(spicecfg vm show a3 | sed -n 's/^usb: //p;')" = disabled ] && ok "no <usb> is disabled" || notok "no <usb> is disabled" "$ERR"

snapshot
req b1 rhel_6x64 '<usb><enabled>true</enabled><type>legacy</type></usb>'
run spicecfg import api "$T/b1.req.xml" --cluster cluster-3.1
expect_rc 2 "illegal policy refused"
expect_err_has "not available for Linux guests" "refusal carries the SPEC §2 reason"
req b2 rhel_6x64 '<usb><enabled>true</enabled></usb>'
run spicecfg import api "$T/b2.req.xml" --cluster cluster-3.0
expect_rc 2 "untyped on 3.0 for Linux refused"
expect_err_has "needs a Windows guest" "reason for 3.0 Linux"
run spicecfg import api "$T/a1.req.xml" --cluster cluster-3.1
expect_rc 1 "duplicate name refused"
expect_err_has "already exists" "duplicate named"
run spicecfg import api "$T/b1.req.xml" "$T/a1.req.xml" --cluster cluster-3.1 --keep-going
expect_rc 2 "keep-going still fails overall"
expect_unchanged "refused API imports change nothing"

# Round trip through the store.
name=$(spicecfg vm list --format tsv | awk -F'\t' '$10 == "native" {print $1; exit}')
spicecfg export api "$name" -o "$T/rt.xml"
run spicecfg import api "$T/rt.xml" --name rt-copy
expect_rc 0 "import exported API XML (cluster from the file)"
spicecfg export api rt-copy | sed 's/ id="[^"]*"//; s/rt-copy/'"$name"'/' >"$T/rt2.xml"
sed 's/ id="[^"]*"//' "$T/rt.xml" | cmp -s - "$T/rt2.xml" && ok "api round trip" || notok "api round trip" "$(sed 's/ id="[^"]*"//' "$T/rt.xml" | diff - "$T/rt2.xml")"
