#!/bin/sh
# Merged domains are valid for libvirt: every sample of libvirt's own test
# suite with console settings merged in (each kind of change, and all of
# them at once) passes libvirt's schema (virt-xml-validate).
. "$TOP/tests/lib.sh"
L="$TESTBIN/livehost"
command -v virt-xml-validate >/dev/null || { echo "ok 1 # SKIP virt-xml-validate is not installed"; exit 0; }
S="$TOP/../shared/libvirt-samples"
for f in "$S"/*.x86_64-latest.xml; do
	name=$(basename "$f" .x86_64-latest.xml)
	for set in "display=spice" "display=vnc" "monitors=4" "monitors=2 single_pci=yes" \
		"usb=native usb_slots=6 usb_filter=0x08,-1,-1,-1,0|-1,-1,-1,-1,1" "usb=disabled" \
		"smartcard=yes" "copy_paste=no file_transfer=no wan=yes vdagent=yes" \
		"display=spice monitors=2 usb=native usb_slots=4 smartcard=yes copy_paste=no wan=yes vdagent=yes"; do
		# shellcheck disable=SC2086
		if ! "$L" merge "$f" $set >"$T/m.xml" 2>"$T/m.err"; then
			notok "$name with $set merges" "$(cat "$T/m.err")"
		elif virt-xml-validate "$T/m.xml" domain >"$T/v" 2>&1; then
			ok "$name with $set is valid"
		else
			notok "$name with $set is valid" "$(cat "$T/v")"
		fi
	done
done
