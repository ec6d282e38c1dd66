#!/bin/sh
# The console options of SPEC §9 in every export and import: domain XML
# checked by virt-xml-validate and libvirt's test driver, OVF round trip and
# 3.x files, the .vv proxy and hotkeys, REST <display>.
. "$TOP/tests/lib.sh"
VIRSH="virsh -q -c test:///default"
spicecfg cluster add c31 version=3.1
spicecfg cluster add c32 version=3.2

libvirt_ok() { # name file
	if ! virt-xml-validate "$2" domain >"$T/.v" 2>&1; then
		notok "virt-xml-validate $1" "$(cat "$T/.v")"
	elif ! $VIRSH "define $2" >"$T/.v" 2>&1; then
		notok "virsh define $1" "$(cat "$T/.v")"
	else
		ok "libvirt accepts $1"
	fi
}

# one multi-head qxl for a Linux guest on 3.2, sized for 4 heads
spicecfg vm add lin4 cluster=c32 os=RHEL6x64 monitors=4 copy_paste=false file_transfer=false
run spicecfg export domxml lin4 -o "$T/lin4.xml"
expect_rc 0 "export lin4"
n=$(grep -c "<model type='qxl'" "$T/lin4.xml")
[ "$n" = 1 ] && ok "one qxl device for 4 monitors" || notok "one qxl device" "$n devices"
grep -q "<model type='qxl' ram='262144' vram='131072' vgamem='65536' heads='4'/>" "$T/lin4.xml" &&
	ok "heads=4 with ram 4x, vram 2x, vgamem 1x 64 MiB" || notok "qxl sizing" "$(grep qxl "$T/lin4.xml")"
grep -q "<clipboard copypaste='no'/>" "$T/lin4.xml" && ok "clipboard off" || notok "clipboard off" "$(cat "$T/lin4.xml")"
grep -q "<filetransfer enable='no'/>" "$T/lin4.xml" && ok "file transfer off" || notok "file transfer off" ""
grep -q "<target type='virtio' name='com.redhat.spice.0'/>" "$T/lin4.xml" && ok "vdagent channel" || notok "vdagent channel" ""
libvirt_ok lin4 "$T/lin4.xml"
$VIRSH "define $T/lin4.xml; dumpxml lin4" >"$T/lin4.dump" 2>&1
grep -q "heads='4'" "$T/lin4.dump" && grep -q "copypaste='no'" "$T/lin4.dump" &&
	ok "libvirt keeps heads and the clipboard switch" || notok "libvirt keeps heads" "$(grep -E 'qxl|clipboard' "$T/lin4.dump")"

# Windows keeps one device per monitor; each sized for one head
spicecfg vm add win4 cluster=c32 os=Windows7x64 monitors=4 wan=true usb=native 2>/dev/null
run spicecfg export domxml win4 -o "$T/win4.xml"
n=$(grep -c "<model type='qxl' ram='65536' vram='32768' vgamem='16384' heads='1'/>" "$T/win4.xml")
[ "$n" = 4 ] && ok "Windows: 4 qxl devices of one head" || notok "Windows qxl" "$(grep qxl "$T/win4.xml")"
for e in "<image compression='auto_glz'/>" "<jpeg compression='always'/>" "<zlib compression='always'/>" \
	"<playback compression='on'/>" "<streaming mode='filter'/>"; do
	grep -qF "$e" "$T/win4.xml" && ok "WAN on the server: $e" || notok "WAN: $e" ""
done
grep -q "<redirfilter>" "$T/win4.xml" && grep -q "<usbdev allow='yes'/>" "$T/win4.xml" &&
	ok "native USB: the default UsbFilter as a redirfilter" || notok "redirfilter" "$(cat "$T/win4.xml")"
libvirt_ok win4 "$T/win4.xml"
spicecfg config -s 'UsbFilter=0x08,-1,-1,-1,0|0x03,0x046d,-1,-1,1|-1,-1,-1,-1,1'
spicecfg export domxml win4 -o "$T/win4f.xml"
sed -n '/<redirfilter>/,/<\/redirfilter>/p' "$T/win4f.xml" >"$T/rf"
printf '%s\n' "    <redirfilter>" "      <usbdev class='0x08' allow='no'/>" \
	"      <usbdev class='0x03' vendor='0x046D' allow='yes'/>" "      <usbdev allow='yes'/>" \
	"    </redirfilter>" | cmp -s - "$T/rf" && ok "one usbdev per rule, in order" || notok "usbdev rules" "$(cat "$T/rf")"
libvirt_ok win4 "$T/win4f.xml"
spicecfg vm set win4 wan=false usb=disabled
spicecfg export domxml win4 -o "$T/win4o.xml"
grep -qE "redirfilter|compression|streaming" "$T/win4o.xml" && notok "no WAN, no USB: none of these elements" "$(cat "$T/win4o.xml")" ||
	ok "no WAN, no USB: none of these elements"
spicecfg vm add vnc1 cluster=c31 display=vnc
spicecfg export domxml vnc1 -o "$T/vnc1.xml"
grep -q "spicevmc" "$T/vnc1.xml" && notok "VNC: no agent channel" "" || ok "VNC: no agent channel"

# .vv: the proxy in force, --no-proxy, hotkeys and secure-attention
spicecfg vm add v1 cluster=c31
vv() { spicecfg export vv v1 --host h.example --port 5900 "$@" 2>/dev/null; }
vv | grep -q '^proxy=' && notok "no proxy anywhere: no proxy=" "" || ok "no proxy anywhere: no proxy="
spicecfg config -s SpiceProxyDefault=http://site.example:3128
[ "$(vv | grep '^proxy=')" = "proxy=http://site.example:3128" ] && ok "proxy from the site option" || notok "site proxy" "$(vv)"
spicecfg cluster set c31 'spice_proxy=http://[2001:db8::1]:3128'
[ "$(vv | grep '^proxy=')" = "proxy=http://[2001:db8::1]:3128" ] && ok "the cluster's proxy wins" || notok "cluster proxy" "$(vv)"
vv --no-proxy | grep -q '^proxy=' && notok "--no-proxy" "" || ok "--no-proxy leaves it out"
run spicecfg export ovf v1 --no-proxy
expect_rc 2 "--no-proxy is for vv only"
vv | grep -q '^secure-attention=ctrl+alt+end$' && ok "secure-attention while remapping" || notok "secure-attention" "$(vv)"
spicecfg config -s RemapCtrlAltDelDefault=false
vv | grep -q '^secure-attention' && notok "no secure-attention without remapping" "" || ok "no secure-attention without remapping"
spicecfg config -s ConsoleReleaseCursorKeys=ctrl+alt+r
spicecfg config -s ConsoleToggleFullScreenKeys=super+f
vv | grep -q '^release-cursor=ctrl+alt+r$' && vv | grep -q '^toggle-fullscreen=super+f$' &&
	ok "hotkeys from the site options" || notok "hotkeys" "$(vv)"

# OVF: the oVirt elements, a byte-identical round trip, 3.x files at defaults
spicecfg vm add o1 cluster=c32 os=RHEL6x64 monitors=2 copy_paste=false allow_reconnect=true \
	disconnect_action=shutdown disconnect_delay=10
spicecfg export ovf o1 -o "$T/o1.ovf"
for e in "<IsSpiceFileTransferEnabled>true</IsSpiceFileTransferEnabled>" \
	"<IsSpiceCopyPasteEnabled>false</IsSpiceCopyPasteEnabled>" \
	"<AllowConsoleReconnect>true</AllowConsoleReconnect>" \
	"<ConsoleDisconnectAction>SHUTDOWN</ConsoleDisconnectAction>" \
	"<ConsoleDisconnectActionDelay>10</ConsoleDisconnectActionDelay>" \
	"<SinglePciQxl>true</SinglePciQxl>"; do
	grep -qF "$e" "$T/o1.ovf" && ok "OVF has $e" || notok "OVF $e" ""
done
spicecfg vm rm o1
run spicecfg import ovf "$T/o1.ovf" --cluster c32 --quiet
expect_rc 0 "import the OVF back"
spicecfg export ovf o1 | cmp -s - "$T/o1.ovf" && ok "OVF round trip byte-identical" ||
	notok "OVF round trip" "$(spicecfg export ovf o1 | diff "$T/o1.ovf" - | head)"
run spicecfg vm show o1
expect_out_has "disconnect_action: shutdown
disconnect_delay: 10" "action and delay read back"
sed 's/SHUTDOWN/HIBERNATE/' "$T/o1.ovf" >"$T/bad.ovf"
snapshot
run spicecfg import ovf "$T/bad.ovf" --cluster c32 --name o2
expect_rc 2 "unknown disconnect action refused"
expect_err_has "ConsoleDisconnectAction 'HIBERNATE' is not valid; valid: NONE, LOCK_SCREEN, LOGOUT, SHUTDOWN, REBOOT" "OVF action message"
expect_unchanged "the refused file changed nothing"
sed 's|<SinglePciQxl>true|<SinglePciQxl>yes|' "$T/o1.ovf" >"$T/bad-single.ovf"
run spicecfg import ovf "$T/bad-single.ovf" --cluster c32 --name o2
expect_rc 2 "a SinglePciQxl that is not true or false is refused"
expect_err_has "<SinglePciQxl> 'yes' is not valid; valid: true, false" "OVF SinglePciQxl message"
expect_unchanged "the refused SinglePciQxl changed nothing"
for f in "$TOP"/../shared/ovf-samples/ovirt3*.ovf; do
	b=$(basename "$f" .ovf)
	run spicecfg import ovf "$f" --cluster c31 --name "s-$(echo "$b" | tr -cd 'a-z0-9' | cut -c1-40)" --quiet
	[ "$RC" -eq 0 ] || { notok "3.x sample $b imports" "$ERR"; continue; }
	# the stored values (a VNC file shows clipboard off in force)
	out=$(sql "select copy_paste, file_transfer, disconnect_action, disconnect_delay, allow_reconnect from objects where name = 's-$(echo "$b" | tr -cd 'a-z0-9' | cut -c1-40)'")
	[ "$out" = "1|1|lock-screen|0|0" ] && ok "3.x sample $b: the console options at their defaults" ||
		notok "3.x sample $b defaults" "$out"
done

# REST: inside <display>, and read back
spicecfg vm add a1 cluster=c32 os=RHEL6x64 monitors=4 file_transfer=false disconnect_action=logout
spicecfg cluster set c32 spice_proxy=https://p.example:8443
spicecfg export api a1 -o "$T/a1.xml"
sed -n '/<display>/,/<\/display>/p' "$T/a1.xml" >"$T/disp"
for e in "<proxy>https://p.example:8443</proxy>" "<file_transfer_enabled>false</file_transfer_enabled>" \
	"<copy_paste_enabled>true</copy_paste_enabled>" "<allow_override>false</allow_override>" \
	"<disconnect_action>LOGOUT</disconnect_action>" "<disconnect_action_delay>0</disconnect_action_delay>" \
	"<single_qxl_pci>true</single_qxl_pci>"; do
	grep -qF "$e" "$T/disp" && ok "api <display> has $e" || notok "api $e" "$(cat "$T/disp")"
done
run spicecfg import api "$T/a1.xml" --cluster c32 --name a2
expect_rc 0 "api import"
expect_err_has "ignored <proxy> https://p.example:8443: the proxy in force comes from the pool" \
	"api: a vm's <proxy> is noted as not its own"
run spicecfg vm show a2
expect_out_has "file_transfer: false" "api file transfer read back"
expect_out_has "disconnect_action: logout" "api action read back"
sed 's|<disconnect_action>LOGOUT|<disconnect_action>SLEEP|' "$T/a1.xml" >"$T/bad.xml"
run spicecfg import api "$T/bad.xml" --cluster c32 --name a3
expect_rc 2 "api: unknown action refused"
expect_err_has "disconnect_action 'SLEEP' is not valid; valid: NONE, LOCK_SCREEN" "api action message"
sed 's|<proxy>https://p.example:8443|<proxy>ftp://p.example:21|' "$T/a1.xml" >"$T/badp.xml"
run spicecfg import api "$T/badp.xml" --cluster c32 --name a3
expect_rc 2 "api: bad proxy refused"
expect_err_has "the scheme must be http or https" "api proxy message"
