#!/bin/sh
# `vm set NAME host=H` links a vm to the domain of its name on host H, and
# `host=` unlinks it (SPEC §10); `vm show` prints the link in text and
# JSON.  Against libvirt's test driver with our node file: each command
# opens it afresh, which is all linking needs.
. "$TOP/tests/lib.sh"
NODE="test://$(cd "$TOP" && pwd)/tests/hosts/node.xml"
spicecfg cluster add c1 version=3.1 >/dev/null
spicecfg host add t1 "uri=$NODE" cluster=c1 >/dev/null
spicecfg host add gone "uri=qemu+unix:///system?socket=$T/no-such.sock" cluster=c1 >/dev/null
spicecfg vm add web01 cluster=c1 os=RHEL6x64 display=vnc >/dev/null
spicecfg vm add other cluster=c1 display=vnc >/dev/null

run spicecfg vm show web01 --format json
expect_out_lacks '"host"' "an unlinked vm's JSON has no host, as its text has none"

snapshot
run spicecfg vm set web01 host=nohost
expect_rc 1 "an unknown host is refused"
expect_err_has "host 'nohost' does not exist" "and named"
run spicecfg vm set web01 host=gone
expect_rc 1 "an unreachable host is refused"
expect_err_has "gone" "the message names the host"
expect_err_has "no-such.sock" "and carries libvirt's reason"
run spicecfg vm set other host=t1
expect_rc 1 "a host without a domain of the vm's name is refused"
expect_err_has "host t1 has no domain named 'other' (a vm is linked to the domain of its own name); its domains: desk02, headless, q35vm, web01" \
	"the message names the domains the host has"
run spicecfg vm set web01 host=t1 memory=nope
expect_rc 2 "a bad value next to host= is refused"
expect_unchanged "refused links change nothing"

run spicecfg vm set web01 host=t1
expect_rc 0 "a vm is linked to the domain of its name"
run spicecfg vm show web01
expect_out_has "host: t1
domain: 5a0d1c22-6b0e-4a9a-9d4b-0c7c3e3f0001" "show prints the host and the domain's UUID"
run spicecfg vm show web01 --format json
expect_out_has '"host": "t1", "domain": "5a0d1c22-6b0e-4a9a-9d4b-0c7c3e3f0001", "revision"' \
	"and so does its JSON"
run sql "SELECT field || ' ' || coalesce(old, '-') || ' ' || new FROM audit WHERE object = 'vm:web01' AND field = 'host'"
expect_out "host - t1/5a0d1c22-6b0e-4a9a-9d4b-0c7c3e3f0001" "the link is audited"
run spicecfg host list --format tsv
expect_out_has "t1	$NODE	c1	1	" "the host counts the linked vm"
run spicecfg diff vm web01
expect_rc 0 "the linked vm is what diff and apply work on: a VNC vm on a VNC domain"
spicecfg vm set web01 display=spice >/dev/null 2>&1
run spicecfg diff vm web01
expect_rc 1 "a change to the vm shows as a diff of its domain"
expect_out_has "+    <graphics type='spice'" "the domain would get SPICE graphics"

# the rules of the host it is linked to: one whose QEMU has no SPICE
spicecfg host add novnc "uri=$NODE" cluster=c1 >/dev/null
sql "UPDATE hosts SET caps = '<domainCapabilities><devices><graphics supported=''yes''><enum name=''type''><value>vnc</value></enum></graphics><video supported=''yes''><enum name=''modelType''><value>vga</value></enum></video><redirdev supported=''no''/></devices></domainCapabilities>' WHERE name = 'novnc'" >/dev/null
snapshot
run spicecfg vm set web01 host=novnc
expect_rc 2 "a SPICE vm is not linked to a host that cannot run SPICE"
expect_err_has "vm 'web01' is not linked to host novnc: display 'spice' is not allowed here: host novnc cannot run SPICE: its QEMU has no spice graphics" \
	"the reason names the host"
expect_unchanged "and the link stays as it was"
run spicecfg vm set web01 display=vnc host=novnc
expect_rc 0 "with VNC in the same command it is linked"
run spicecfg vm show web01
expect_out_has "host: novnc" "to the new host"

run spicecfg vm set web01 host=
expect_rc 0 "host= unlinks the vm"
run spicecfg vm show web01
expect_out_lacks "host:" "show no longer prints a host"
run sql "SELECT old || ' ' || coalesce(new, '-') FROM audit WHERE object = 'vm:web01' AND field = 'host' ORDER BY id DESC LIMIT 1"
expect_out "novnc/5a0d1c22-6b0e-4a9a-9d4b-0c7c3e3f0001 -" "the unlink is audited"
run spicecfg vm set web01 host=
expect_rc 0 "unlinking an unlinked vm changes nothing"
expect_err_has "vm 'web01' was not linked to a host" "and says so"
spicecfg template add tp cluster=c1 >/dev/null
run spicecfg template set tp host=t1
expect_rc 2 "a template has no host key"
expect_err_has "unknown key 'host' for template" "and says so"
run spicecfg vm set web01 host=t1 host=t1
expect_rc 2 "host given twice is refused"
run spicecfg vm set web01 colour=red
expect_err_has ", host" "set names host among a vm's keys"
