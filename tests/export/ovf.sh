#!/bin/sh
# OVF export of every demo vm and template: well-formed, the SPEC §6
# fields at their XPaths, and export -> import -> export byte-identical.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }

xp() { xmllint --xpath "$1" "$2" 2>/dev/null; }
field() { spicecfg "$1" show "$2" | sed -n "s/^$3: //p"; }

for kind in vm template; do
	for name in $(spicecfg "$kind" list --format tsv | cut -f1 | grep -v '^NAME$'); do
		f="$T/$name.ovf"
		run spicecfg export ovf "$name" -o "$f"
		if [ "$RC" -ne 0 ]; then notok "export ovf $name" "$ERR"; continue; fi
		if ! xmllint --noout "$f" 2>"$T/.x"; then notok "xmllint $name" "$(cat "$T/.x")"; continue; fi
		usb=$(field "$kind" "$name" usb)
		case $usb in disabled) want=DISABLED ;; legacy) want=ENABLED_LEGACY ;; native) want=ENABLED_NATIVE ;; esac
		mon=$(field "$kind" "$name" monitors)
		os=$(field "$kind" "$name" os)
		disp=$(field "$kind" "$name" display)
		[ "$disp" = spice ] && dd=1 || dd=0
		[ "$(field "$kind" "$name" type)" = server ] && vt=1 || vt=0
		[ "$kind" = template ] && dname=default_display_type || dname=DefaultDisplayType
		got="$(xp "string(/*[local-name()='Envelope']/@*[local-name()='version'])" "$f")"
		got="$got|$(xp "string(//*[local-name()='Item'][*[local-name()='ResourceType']='23']/*[local-name()='UsbPolicy'])" "$f")"
		got="$got|$(xp "count(//*[local-name()='Item'][*[local-name()='ResourceType']='20'])" "$f")"
		got="$got|$(xp "string(//*[local-name()='Item'][*[local-name()='ResourceType']='20'][1]/*[local-name()='VirtualQuantity'])" "$f")"
		got="$got|$(xp "string(//*[local-name()='Section'][contains(@*[local-name()='type'],'OperatingSystemSection_Type')]/Description)" "$f")"
		got="$got|$(xp "string(//Content/$dname)" "$f")|$(xp "string(//Content/VmType)" "$f")"
		got="$got|$(xp "count(//Content[@*[local-name()='type']='ovf:VirtualSystem_Type'])" "$f")"
		want="3.1.0.0|$want|$mon|$mon|$os|$dd|$vt|1"
		if [ "$got" = "$want" ]; then ok "ovf $kind $name: fields at their XPaths"; else
			notok "ovf $kind $name: fields at their XPaths" "got  $got
want $want"; fi
	done
done

# Round trip through a second store that has only the clusters.
export SPICECFG_DB="$T/second.db"
for v in 3.0 3.1 3.2; do spicecfg cluster add "cluster-$v" version="$v" >/dev/null; done
SPICECFG_DB="$T/store.db" spicecfg template list --format tsv | cut -f1,2 | grep -v '^NAME' >"$T/tmpls"
SPICECFG_DB="$T/store.db" spicecfg vm list --format tsv | cut -f1,2 | grep -v '^NAME' >"$T/vms"
while IFS="$(printf '\t')" read -r name cl; do
	run spicecfg import ovf "$T/$name.ovf" --cluster "$cl"
	expect_rc 0 "import template $name into a fresh store"
done <"$T/tmpls"
while IFS="$(printf '\t')" read -r name cl; do
	run spicecfg import ovf "$T/$name.ovf" --cluster "$cl" --quiet
	[ "$RC" -eq 0 ] || { notok "import vm $name" "$ERR"; continue; }
	spicecfg export ovf "$name" -o "$T/$name.again.ovf"
	if cmp -s "$T/$name.ovf" "$T/$name.again.ovf"; then ok "ovf round trip $name byte-identical"; else
		notok "ovf round trip $name byte-identical" "$(diff "$T/$name.ovf" "$T/$name.again.ovf" | head -10)"; fi
done <"$T/vms"
name=$(head -1 "$T/tmpls" | cut -f1)
spicecfg export ovf "$name" | cmp -s - "$T/$name.ovf" && ok "template round trip byte-identical" ||
	notok "template round trip byte-identical" "differs"

# A copy under another name gets its own uuid.
vm=$(head -1 "$T/vms" | cut -f1)
run spicecfg import ovf "$T/$vm.ovf" --cluster cluster-3.1 --name copy-1
expect_rc 0 "import with --name"
a=$(spicecfg vm show "$vm" | sed -n 's/^uuid: //p'); b=$(spicecfg vm show copy-1 | sed -n 's/^uuid: //p')
[ -n "$b" ] && [ "$a" != "$b" ] && ok "--name copy has a new uuid" || notok "--name copy has a new uuid" "$a $b"

# Export to a file replaces it atomically; no temp files are left behind.
spicecfg export ovf "$vm" -o "$T/out.ovf" && spicecfg export ovf "$vm" -o "$T/out.ovf"
[ "$(ls -a "$T" | grep -c '^\.out\.ovf')" -eq 0 ] && ok "no temp file left" || notok "no temp file left" "$(ls -a "$T")"
run spicecfg export ovf no-such-vm
expect_rc 1 "export of a missing object fails"
expect_err_has "no vm, template or pool named 'no-such-vm'" "missing object named"
pool=$(SPICECFG_DB="$T/store.db" spicecfg pool list --format tsv | cut -f1 | grep -v '^NAME' | head -1)
run env SPICECFG_DB="$T/store.db" "$SPICECFG" export ovf "$pool"
expect_rc 2 "pools have no OVF"
run spicecfg export xyz "$vm"
expect_rc 2 "unknown format refused"
expect_err_has "valid: ovf, domxml, vv, api" "valid formats listed"
run spicecfg export ovf "$vm" -o "$T/nodir/x.ovf"
expect_rc 1 "unwritable output fails"
[ ! -e "$T/nodir/x.ovf" ] && ok "no half-written file" || notok "no half-written file" ""
