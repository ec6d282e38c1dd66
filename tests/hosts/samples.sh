#!/bin/sh
# Pull then apply changes nothing (SPEC §10, §9): every domain of libvirt's
# own samples that has graphics, on a test-driver host, is pulled into a vm
# and diff, apply and a second pull find nothing to do; the clipboard and
# file transfer settings, the redirdev count, the qxl layout, the domain's
# own USB filter and a missing agent channel all stay as the domain has them.
. "$TOP/tests/lib.sh"
SAMPLES="$TOP/../shared/libvirt-samples"
# one node of the samples, each under its file's name and its own UUID
i=0
{
	echo '<node>'
	for f in "$SAMPLES"/*.xml; do
		grep -q '<graphics' "$f" || continue
		i=$((i + 1))
		n=$(basename "$f" .x86_64-latest.xml)
		sed -e "s/<domain type='[a-z]*'/<domain type='test'/" \
			-e "s|<name>.*</name>|<name>$n</name>|" \
			-e "s|<uuid>.*</uuid>|<uuid>5a3c0000-0000-4000-8000-0000000000$(printf %02d $i)</uuid>|" "$f"
	done
	echo '</node>'
} >"$T/node.xml"
spicecfg cluster add c1 version=3.1 >/dev/null
spicecfg host add s1 "uri=test://$T/node.xml" cluster=c1 >/dev/null

run spicecfg pull s1
expect_rc 0 "every sample with graphics is pulled"
expect_out_has "$i created, 0 updated, 0 unchanged, 0 skipped, 0 refused" "into $i new vms"
run spicecfg vm show graphics-spice
expect_out_has "copy_paste: false" "the domain's clipboard switch is pulled"
expect_out_has "file_transfer: false" "and its file transfer switch"
run spicecfg vm show usb-redir
expect_out_has "usb: native" "spicevmc redirdevs are native USB"

run spicecfg diff --host s1
expect_rc 0 "diff after the pull finds no difference"
expect_out "" "not a line"
snapshot
run spicecfg apply --host s1 --dry-run
expect_rc 0 "apply after the pull has nothing to do"
expect_out_has "0 would apply, $i unchanged, 0 failed" "every domain is unchanged"
run spicecfg apply --host s1
expect_out_has "0 applied, $i unchanged, 0 failed" "and a real apply defines none"
expect_unchanged "nothing is recorded"
run spicecfg pull s1
expect_out_has "0 created, 0 updated, $i unchanged" "a second pull finds the same"
expect_unchanged "and changes nothing"

# a real change still writes what the settings say
spicecfg vm set graphics-spice-no-args usb=native >/dev/null 2>&1
run spicecfg diff vm graphics-spice-no-args
expect_rc 1 "native USB on a domain without it differs"
case $(printf '%s\n' "$OUT" | grep -c "^+    <redirdev bus='usb' type='spicevmc'/>") in
4) ok "with NumberOfUSBSlots redirection channels" ;;
*) notok "with NumberOfUSBSlots redirection channels" "$OUT" ;;
esac
expect_out_has "+      <target type='virtio' name='com.redhat.spice.0'/>" "and the agent channel"
spicecfg vm set usb-redir monitors=2 >/dev/null 2>&1
run spicecfg diff vm usb-redir
expect_rc 1 "two monitors on a native domain differ"
expect_out_lacks "+    <redirdev" "its redirection channel count stays"
