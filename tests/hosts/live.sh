#!/bin/sh
# End to end on a real libvirtd with the QEMU driver (SPEC §10): a domain
# with a qcow2 disk, a NIC, a serial console and a USB tablet gets console
# settings merged into its persistent definition, defined through the hosts
# layer with libvirt's validation, and started; libvirt then shows the new
# console part and every other device exactly as before.  Skipped, visibly,
# where the daemon cannot run (not root, packages missing).
. "$TOP/tests/lib.sh"
L="$TESTBIN/livehost"
. "$TOP/tests/daemon.inc"
daemon_start qemu-img

run spicecfg host check "$URI"
expect_rc 0 "host check connects to the QEMU host"
expect_out_has "hypervisor: QEMU " "it names the hypervisor"
case $OUT in *"graphics types: "*spice*) ok "its QEMU can run SPICE graphics" ;;
*) notok "its QEMU can run SPICE graphics" "$OUT" ;; esac
expect_out_has "redirdev buses: usb" "and USB redirection"

# KVM where /dev/kvm opens for writing, else QEMU's own emulation
if (: <>/dev/kvm) 2>/dev/null; then dtype=kvm; else dtype=qemu; fi
qemu-img create -q -f qcow2 "$T/disk.qcow2" 64M
cat >"$T/orig.xml" <<XML
<domain type='$dtype'>
  <name>spicecfg-live-$$</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <boot dev='hd'/>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$T/disk.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='user'>
      <mac address='52:54:00:5c:fc:01'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'>
      <target port='0'/>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video>
      <model type='cirrus'/>
    </video>
  </devices>
</domain>
XML

run "$L" define "$URI" "$T/orig.xml"
expect_rc 0 "a plain domain defines through the hosts layer"
uuid=$OUT
run "$L" xml "$URI" "$uuid"
expect_rc 0 "its persistent definition reads back"
printf '%s\n' "$OUT" >"$T/before.xml"
run "$L" pull "$T/before.xml"
expect_out_has "display: vnc" "pull reads VNC from libvirt's own XML"

run "$L" merge "$T/before.xml" display=spice monitors=2 usb=native usb_slots=4 \
	smartcard=yes copy_paste=no vdagent=yes
expect_err_has "changed: yes" "merging SPICE settings changes the domain"
printf '%s\n' "$OUT" >"$T/merged.xml"
run "$L" define "$URI" "$T/merged.xml"
expect_rc 0 "libvirt validates and defines the merged domain"
expect_out "$uuid" "the same domain was redefined, not a new one"

run virsh start "$uuid"
expect_rc 0 "the domain starts with its new console ($dtype)"
run "$L" running "$URI" "$uuid"
expect_out "yes" "the hosts layer sees it running"

run virsh dumpxml --inactive "$uuid"
printf '%s\n' "$OUT" >"$T/after.xml"
expect_out_has "<graphics type='spice'" "libvirt shows SPICE graphics"
case $(grep -c "<redirdev bus='usb' type='spicevmc'>" "$T/after.xml") in
4) ok "four spicevmc redirection channels" ;;
*) notok "four spicevmc redirection channels" "$(grep redirdev "$T/after.xml")" ;;
esac
case $(grep -c "<model type='qxl'" "$T/after.xml") in
2) ok "two qxl video devices" ;;
*) notok "two qxl video devices" "$(grep -A2 '<video' "$T/after.xml")" ;;
esac
expect_out_has "<smartcard mode='passthrough' type='spicevmc'>" "the spicevmc smartcard is there"
expect_out_has "name='com.redhat.spice.0'" "the agent channel is there"
expect_out_has "<clipboard copypaste='no'/>" "clipboard sharing is off"
expect_out_has "model='piix3-uhci'" "the USB controller the tablet uses is kept"

# Everything outside the console part, as libvirt wrote it before.
strip() {
	python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def console(e):
    t = e.get('type')
    if e.tag == 'graphics': return t in ('spice', 'vnc')
    if e.tag in ('video', 'redirfilter', 'audio'): return True
    if e.tag in ('redirdev', 'smartcard', 'channel'): return t == 'spicevmc'
    # what the merge added for the redirdevs, and what libvirt adds for
    # the new devices (the ccid bus of the smartcard, the agent's serial bus)
    if e.tag == 'controller': return e.get('model', '').startswith('ich9-') or t in ('ccid', 'virtio-serial')
    return False
for e in list(root):
    e.tail = None
    if e.tag == 'devices':
        for d in list(e):
            if console(d): e.remove(d)
            else: d.tail = None
print(ET.tostring(root, encoding='unicode'))
PY
}
strip "$T/before.xml" >"$T/before.rest"
strip "$T/after.xml" >"$T/after.rest"
if cmp -s "$T/before.rest" "$T/after.rest"; then
	ok "disk, NIC, serial, console, input and the rest are as before"
else
	notok "disk, NIC, serial, console, input and the rest are as before" \
		"$(diff "$T/before.rest" "$T/after.rest" | head -20)"
fi
for dev in "<source file='$T/disk.qcow2'" "<mac address='52:54:00:5c:fc:01'/>" "<serial type='pty'>"; do
	case $(cat "$T/after.xml") in *"$dev"*) ok "still there: $dev" ;; *) notok "still there: $dev" "" ;; esac
done

run "$L" pull "$T/after.xml"
expect_out_has "display: spice
monitors: 2
single_pci: no
usb: native
usb_slots: 4
usb_filter: 
smartcard: yes
copy_paste: no" "pull reads back what was applied"
run "$L" merge "$T/after.xml"
expect_err_has "changed: no" "libvirt's rewritten XML with the same settings merges to no change"
if [ "$OUT" = "$(cat "$T/after.xml")" ]; then ok "not a byte differs"; else
	notok "not a byte differs" "$(printf '%s\n' "$OUT" | diff "$T/after.xml" - | head)"
fi

# A running domain gets a new definition at its next boot.
run "$L" merge "$T/after.xml" monitors=1
printf '%s\n' "$OUT" >"$T/next.xml"
run "$L" define "$URI" "$T/next.xml"
expect_rc 0 "a running domain takes a new persistent definition"
run virsh dumpxml --inactive "$uuid"
n_inactive=$(printf '%s\n' "$OUT" | grep -c "<model type='qxl'")
run virsh dumpxml "$uuid"
n_live=$(printf '%s\n' "$OUT" | grep -c "<model type='qxl'")
if [ "$n_inactive" -eq 1 ] && [ "$n_live" -eq 2 ]; then ok "the change waits for the next boot"; else
	notok "the change waits for the next boot" "inactive $n_inactive, live $n_live"
fi

run "$L" define "$URI" "$T/orig.xml.missing"
expect_rc 2 "a missing file is refused"
sed "s|<model type='cirrus'/>|<model type='nonesuch'/>|" "$T/orig.xml" >"$T/bad.xml"
run "$L" define "$URI" "$T/bad.xml"
expect_rc 1 "libvirt refuses an invalid definition"
expect_err_has "host test-host ($URI): libvirt refused the definition: " "the refusal names the host and carries libvirt's reason"

virsh destroy "$uuid" >/dev/null 2>&1
run virsh undefine "$uuid"
expect_rc 0 "the domain is undefined"
