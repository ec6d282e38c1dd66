#!/bin/sh
# The interactive program's apply and pull on a real libvirtd with the
# QEMU driver: a vm linked to a running domain is applied from the VMs tab
# (the definition libvirt keeps changes, the running domain takes it at its
# next boot), and p on the Hosts tab reads a domain defined meanwhile.
# Skipped, visibly, where the daemon cannot run (not root, packages missing).
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
. "$TOP/tests/daemon.inc"
daemon_start
domain() { # name
	cat <<XML
<domain type='$dtype'>
  <name>$1</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video><model type='cirrus'/></video>
  </devices>
</domain>
XML
}
domain tui01 >"$T/d1.xml"
virsh define "$T/d1.xml" >/dev/null || skip "libvirt did not define the test domain"
virsh start tui01 >/dev/null || skip "QEMU did not start the test domain"

spicecfg cluster add c1 version=3.1 >/dev/null
spicecfg host add kvm "uri=$URI" cluster=c1 >/dev/null
spicecfg pull kvm >/dev/null
spicecfg vm set tui01 display=spice >/dev/null 2>&1

drive <<'K'
timeout 30000
wait VMs:
key F5
wait Checked 1 hosts: 1 reachable, 1 linked domains differ
expect kvm differs
send a
wait Apply to tui01: 1 domain differs
expect +    <graphics type='spice'
send a
wait Write these
key Tab
key Enter
wait 1 applied, 0 unchanged, 0 failed
expect kvm/tui01: applied (running: at its next boot)
key Enter
wait VMs:
lacks differs
send q
exit 0
K
expect_drive "a applies a vm to its running domain on the QEMU host"
run virsh dumpxml --inactive tui01
expect_out_has "<graphics type='spice'" "libvirt keeps the new definition"
run virsh dumpxml tui01
expect_out_has "<graphics type='vnc'" "the running domain goes on as it started"
run spicecfg vm show tui01
expect_out_has "pending: next boot" "and the vm says the change is pending"

domain tui02 >"$T/d2.xml"
virsh define "$T/d2.xml" >/dev/null
drive <<'K'
timeout 30000
wait VMs:
key Tab 3
wait Hosts:
send p
wait 1 created, 0 updated, 1 unchanged, 0 skipped, 0 refused
expect domain tui02: mapped to vm tui02 (created)
key Enter
wait yes       2       ? of 2 linked
send q
exit 0
K
expect_drive "p pulls the domain defined meanwhile"
run spicecfg vm show tui02
expect_out_has "host: kvm" "it is a linked vm"
