#!/bin/sh
# `vm set NAME host=H` on a real libvirtd with the QEMU driver: a vm made
# in spicecfg is linked to the running domain of its name, diff and apply
# work on it, `show` (text and JSON) says the change waits for the next
# boot, and `host=` unlinks it.  Skipped, visibly, where the daemon cannot
# run (not root, packages missing).
. "$TOP/tests/lib.sh"
. "$TOP/tests/daemon.inc"
daemon_start
cat >"$T/dom.xml" <<XML
<domain type='$dtype'>
  <name>link01</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video><model type='cirrus'/></video>
  </devices>
</domain>
XML
virsh define "$T/dom.xml" >/dev/null || skip "libvirt did not define the test domain"
virsh start link01 >/dev/null || skip "QEMU did not start the test domain"
uuid=$(virsh domuuid link01 | tr -d ' \n')

spicecfg cluster add c1 version=3.1 >/dev/null
spicecfg host add kvm "uri=$URI" cluster=c1 >/dev/null
spicecfg vm add link01 cluster=c1 os=RHEL6x64 display=spice usb=native >/dev/null 2>&1
run spicecfg apply vm link01
expect_rc 2 "an unlinked vm is not applied"
run spicecfg vm set link01 host=kvm
expect_rc 0 "the vm is linked to the running domain of its name"
run spicecfg vm show link01
expect_out_has "host: kvm
domain: $uuid" "show names the host and the domain's UUID as libvirt has it"
run spicecfg diff vm link01
expect_rc 1 "diff compares the vm with its domain"
expect_out_has "+    <graphics type='spice'" "SPICE graphics in the diff"
run spicecfg apply vm link01
expect_out "kvm/link01: applied (running: at its next boot)
1 applied, 0 unchanged, 0 failed" "apply defines it for the next boot"
run virsh dumpxml --inactive link01
expect_out_has "<graphics type='spice'" "the persistent definition has SPICE graphics"
run spicecfg vm show link01
expect_out_has "pending: next boot" "show says the change is pending"
run spicecfg vm show link01 --format json
expect_out_has "\"host\": \"kvm\", \"domain\": \"$uuid\", \"pending\": \"next boot\"" \
	"and so does its JSON"
run spicecfg vm set link01 host=
expect_rc 0 "host= unlinks it"
run spicecfg vm show link01 --format json
expect_out_lacks '"pending"' "an unlinked vm has nothing pending"
run spicecfg diff vm link01
expect_rc 2 "and diff no longer works on it"
expect_err_has "vm 'link01' is not linked to a host domain (link it with: spicecfg vm set link01 host=HOST, or spicecfg pull HOST link01)" \
	"saying why and how to link it"
