#!/bin/sh
# Domain XML of every demo vm and template, checked by libvirt itself:
# virt-xml-validate and a define/dumpxml round trip through virsh's test
# driver, where the redirection channels must survive, for 0..6 USB slots.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }
VIRSH="virsh -q -c test:///default"

check_domain() { # name file want_redirdevs
	if ! virt-xml-validate "$2" domain >"$T/.v" 2>&1; then
		notok "virt-xml-validate $1" "$(cat "$T/.v")"
		return
	fi
	if ! $VIRSH "define $2; dumpxml $1" >"$T/.dump" 2>&1; then
		notok "virsh define $1" "$(head -5 "$T/.dump")"
		return
	fi
	got=$(grep -c "<redirdev bus='usb' type='spicevmc'" "$T/.dump")
	qxl_in=$(grep -c "type='qxl'" "$2"); qxl_out=$(grep -c "type='qxl'" "$T/.dump")
	if [ "$got" -eq "$3" ] && [ "$qxl_in" -eq "$qxl_out" ]; then
		ok "libvirt accepts $1 ($3 redirdevs, $qxl_out qxl survive)"
	else
		notok "libvirt accepts $1" "redirdevs $got want $3; qxl $qxl_in -> $qxl_out"
	fi
}

slots=$(spicecfg config -g NumberOfUSBSlots | sed 's/NumberOfUSBSlots: \([0-9]*\).*/\1/')
for kind in vm template; do
	for name in $(spicecfg "$kind" list --format tsv | cut -f1 | grep -v '^NAME$'); do
		run spicecfg export domxml "$name" -o "$T/$name.xml"
		[ "$RC" -eq 0 ] || { notok "export domxml $name" "$ERR"; continue; }
		usb=$(spicecfg "$kind" show "$name" | sed -n 's/^usb: //p')
		[ "$usb" = native ] && want=$slots || want=0
		check_domain "$name" "$T/$name.xml" "$want"
		if [ "$usb" = native ]; then
			n=$(grep -c -E "model='ich9-(ehci1|uhci[123])'" "$T/$name.xml")
			[ "$n" -eq 4 ] && ok "$name: ich9 EHCI and 3 UHCI companions" || notok "$name: ich9 set" "$n controllers"
		fi
	done
done

native=$(spicecfg vm list --format tsv | awk -F'\t' '$10 == "native" {print $1; exit}')
for n in 0 1 2 3 4 5 6; do
	spicecfg config -s NumberOfUSBSlots=$n
	spicecfg export domxml "$native" -o "$T/slots$n.xml"
	check_domain "$native" "$T/slots$n.xml" "$n"
done
spicecfg vm set "$native" smartcard=true >/dev/null 2>&1
spicecfg export domxml "$native" -o "$T/sc.xml"
grep -q "<smartcard mode='passthrough' type='spicevmc'/>" "$T/sc.xml" && ok "smartcard passthrough" || notok "smartcard passthrough" "$(cat "$T/sc.xml")"
vnc=$(spicecfg vm list --format tsv | awk -F'\t' '$8 == "vnc" {print $1; exit}')
spicecfg export domxml "$vnc" -o "$T/vnc.xml"
[ "$(grep -c "<graphics type='vnc'" "$T/vnc.xml")|$(grep -c "type='cirrus'" "$T/vnc.xml")|$(grep -c redirdev "$T/vnc.xml")" = "1|1|0" ] &&
	ok "vnc: one cirrus video, no redirdev" || notok "vnc: one cirrus video" "$(cat "$T/vnc.xml")"
