#!/bin/sh
# spicecfg's own commands on a real libvirtd with the QEMU driver (SPEC §10):
# add and check a host, pull its domain, change the vm, diff, apply, diff
# again (nothing), QEMU starts the applied domain with its disk, NIC and
# serial as before; a change to the running domain waits for its next boot;
# with a test-driver host and an unreachable one, apply stops at the first
# failure, or goes on with --keep-going.  Skipped, visibly, where the daemon
# cannot run (not root, packages missing).
. "$TOP/tests/lib.sh"
. "$TOP/tests/daemon.inc"
daemon_start qemu-img python3
qemu-img create -q -f qcow2 "$T/disk.qcow2" 64M
cat >"$T/dom.xml" <<XML
<domain type='$dtype'>
  <name>flow01</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$T/disk.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='user'>
      <mac address='52:54:00:5c:fc:21'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video><model type='cirrus'/></video>
  </devices>
</domain>
XML
virsh define "$T/dom.xml" >/dev/null || skip "libvirt did not define the test domain"

spicecfg cluster add c1 version=3.1 >/dev/null
run spicecfg host add kvm "uri=$URI" cluster=c1
expect_rc 0 "the daemon's URI is a valid host URI"
run spicecfg host check kvm
expect_rc 0 "host check connects by name"
case $OUT in *"graphics types: "*spice*) ok "its capabilities list SPICE graphics" ;;
*) notok "its capabilities list SPICE graphics" "$OUT" ;; esac
run spicecfg host show kvm
expect_out_has "hypervisor: QEMU " "the hypervisor is stored"
expect_out_has "redirdev buses: usb" "and the capabilities with it"

run spicecfg pull kvm
expect_rc 0 "pull reads the QEMU domain"
expect_out_has "domain flow01: mapped to vm flow01 (created)" "into a new linked vm"
snapshot
run spicecfg pull kvm flow01
expect_out_has "0 created, 0 updated, 1 unchanged" "pulling again finds nothing new"
expect_unchanged "and changes nothing"

spicecfg vm set flow01 display=spice usb=native monitors=2 >/dev/null 2>&1
run spicecfg diff vm flow01
expect_rc 1 "diff shows the change"
expect_out_has "+    <graphics type='spice'" "SPICE graphics in the diff"
virsh dumpxml --inactive flow01 >"$T/before.xml"
run spicecfg apply --host kvm
expect_rc 0 "apply defines it"
expect_out "kvm/flow01: applied
1 applied, 0 unchanged, 0 failed" "and says so"
run spicecfg diff --host kvm
expect_rc 0 "diff after apply shows nothing"
expect_out "" "not a line"
virsh dumpxml --inactive flow01 >"$T/after.xml"
case $(grep -c "<redirdev bus='usb' type='spicevmc'>" "$T/after.xml") in
0) notok "libvirt holds the spicevmc redirdevs" "$(cat "$T/after.xml")" ;;
*) ok "libvirt holds the spicevmc redirdevs" ;;
esac

# the disk, NIC, serial and console as libvirt wrote them before
devs() {
	python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
for d in root.find('devices'):
    if d.tag in ('disk', 'interface', 'serial', 'console', 'input', 'emulator'):
        d.tail = None
        print(ET.tostring(d, encoding='unicode'))
PY
}
devs "$T/before.xml" >"$T/before.devs"
devs "$T/after.xml" >"$T/after.devs"
if [ -s "$T/before.devs" ] && cmp -s "$T/before.devs" "$T/after.devs"; then
	ok "disk, NIC, serial, console and tablet are byte for byte as before"
else
	notok "disk, NIC, serial, console and tablet are byte for byte as before" \
		"$(diff "$T/before.devs" "$T/after.devs" | head -20)"
fi

run virsh start flow01
expect_rc 0 "QEMU starts the applied domain ($dtype)"
run virsh dumpxml flow01
expect_out_has "<graphics type='spice'" "the running domain has SPICE graphics"

spicecfg vm set flow01 monitors=1 >/dev/null 2>&1
run spicecfg apply vm flow01
expect_out "kvm/flow01: applied (running: at its next boot)
1 applied, 0 unchanged, 0 failed" "a running domain takes the change at its next boot"
run spicecfg vm show flow01
expect_out_has "host: kvm" "show names the host"
expect_out_has "pending: next boot" "and says the change is pending"
run spicecfg pull kvm
run spicecfg vm show flow01
expect_out_has "pending: next boot" "a pull while it runs keeps it pending"

# a second host (libvirt's test driver) and one that cannot be reached
NODE="test://$(cd "$TOP" && pwd)/tests/hosts/node.xml"
spicecfg host add t1 "uri=$NODE" cluster=c1 >/dev/null
spicecfg host add gone "uri=qemu+unix:///system?socket=$T/none.sock" cluster=c1 >/dev/null
spicecfg pull t1 q35vm >/dev/null
spicecfg vm add lost cluster=c1 display=vnc >/dev/null 2>&1
sql "INSERT INTO host_links(object_id, host_id, domain) SELECT o.id, h.id, 'f0f0f0f0-0000-4000-8000-000000000001' FROM objects o, hosts h WHERE o.name = 'lost' AND h.name = 'gone'" >/dev/null
spicecfg vm set flow01 monitors=2 >/dev/null 2>&1
spicecfg vm set q35vm display=spice >/dev/null 2>&1
snapshot
run spicecfg apply --jobs 1
expect_rc 1 "apply fails at the unreachable host"
expect_err_has "spicecfg: host gone (qemu+unix:///system?socket=$T/none.sock): cannot connect: " \
	"naming it and carrying libvirt's reason"
expect_out_has "kvm/flow01: not applied (stopped after a failure)" "nothing more is changed"
expect_out_has "0 applied, 0 unchanged, 1 failed, 2 not applied after the first failure" \
	"the summary says what was applied"
expect_unchanged "nothing is recorded"
run spicecfg apply --keep-going
expect_rc 1 "with --keep-going it still fails"
expect_out_has "kvm/flow01: applied (running: at its next boot)
t1/q35vm: applied" "but both reachable hosts are applied, in host order"
expect_out_has "2 applied, 0 unchanged, 1 failed" "and the summary counts them"
run spicecfg diff --host kvm
expect_rc 0 "the QEMU host's domain holds the change"
virsh destroy flow01 >/dev/null
spicecfg vm set flow01 monitors=1 >/dev/null 2>&1
run spicecfg apply vm flow01
expect_out "kvm/flow01: applied
1 applied, 0 unchanged, 0 failed" "a stopped domain takes the change as it is"
run spicecfg vm show flow01
expect_out_lacks "pending" "and nothing is pending any more"
