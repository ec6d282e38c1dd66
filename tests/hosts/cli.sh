#!/bin/sh
# Hosts in the store and the commands that read and write their domains
# (SPEC §10), against libvirt's test driver with a node file of our own:
# every connection reads the file afresh, so what one command defines is
# gone for the next (the real daemon's flows are in flow.sh).
. "$TOP/tests/lib.sh"
NODE="test://$(cd "$TOP" && pwd)/tests/hosts/node.xml"
spicecfg cluster add c1 version=3.1 >/dev/null

# ---- host add / list / show / set / rm ----
run spicecfg host add t1 "uri=$NODE" cluster=c1
expect_rc 0 "a host is added"
run spicecfg host add t1 "uri=$NODE" cluster=c1
expect_rc 1 "a second host of the same name is refused"
expect_err_has "host 't1' already exists" "and says so"
snapshot
run spicecfg host add k2 uri=qemu://kvm2 cluster=c1
expect_rc 2 "a URI without a path is refused"
expect_err_has "spicecfg: 'qemu://kvm2' is not a libvirt connection URI: the path is missing (qemu:///system, not qemu://system); valid: driver[+transport]://" \
	"the message says what is wrong and what is valid"
run spicecfg host add k2 "uri=qemu+ssh://root:s3cret@kvm2:2222/sy stem" cluster=c1
expect_rc 2 "a URI with a space is refused"
expect_err_lacks() { case $ERR in *"$1"*) notok "$2" "$ERR" ;; *) ok "$2" ;; esac; }
expect_err_lacks "s3cret" "its password is not shown"
run spicecfg host add k2 uri=qemu:///system cluster=nope
expect_rc 1 "a host needs an existing cluster"
expect_err_has "cluster 'nope' does not exist" "and says which"
run spicecfg host add k2 uri=qemu:///system
expect_rc 2 "host add needs a cluster"
run spicecfg host add k2 uri=qemu:///system cluster=c1 colour=red
expect_rc 2 "an unknown key is refused"
expect_err_has "unknown key 'colour'; valid keys: uri, cluster" "and the keys are named"
expect_unchanged "refused adds change nothing"

run spicecfg host add k2 "uri=qemu+ssh://root:s3cret@kvm2:2222/system" cluster=c1
expect_rc 0 "a remote host is added"
run spicecfg host list --format tsv
expect_out "name	uri	cluster	vms	hypervisor	capabilities_read
k2	qemu+ssh://root:***@kvm2:2222/system	c1	0		
t1	$NODE	c1	0		" "list shows the hosts by name, the password hidden"
run spicecfg host list --format json
expect_out_has '"name": "k2", "uri": "qemu+ssh://root:***@kvm2:2222/system", "cluster": "c1", "vms": 0' \
	"json carries the same"
run spicecfg host list --format xml
expect_rc 2 "an unknown format is refused"
run spicecfg host show k2
expect_out "name: k2
uri: qemu+ssh://root:***@kvm2:2222/system
cluster: c1
vms: 0
capabilities: never read (see: spicecfg host check k2)" "show says the capabilities were never read"
run spicecfg host set k2 uri=qemu+tls://kvm2/system name=kvm2
expect_rc 0 "set changes the URI and the name"
run spicecfg host show kvm2
expect_out_has "uri: qemu+tls://kvm2/system" "the new URI is stored"
run spicecfg host set kvm2 uri=kvm2
expect_rc 2 "set validates the URI"

run spicecfg host check t1
expect_rc 0 "a stored host is checked by name"
expect_out_has "hypervisor: TEST " "it names the hypervisor"
run spicecfg host show t1
expect_out_has "hypervisor: TEST " "the hypervisor is stored"
expect_out_has "capabilities: not reported by the host" "and that it reports no capabilities"

snapshot
run spicecfg cluster rm c1
expect_rc 1 "a cluster with hosts is not removed"
expect_err_has "cluster 'c1' still has 2 hosts (e.g. host 'kvm2'); move them" "the message names one"
expect_unchanged "and nothing changes"

# ---- pull ----
run spicecfg pull t1
expect_rc 0 "pull reads the host's domains"
expect_out_has "domain desk02: mapped to vm desk02 (created)
  memory: 2048 MiB" "a SPICE domain becomes a vm"
expect_out_has "  usb: native (2 spicevmc redirection channels)
  ignored: 1 redirdev(s) not of type spicevmc (not SPICE; kept by apply)" \
	"its spicevmc redirdevs map, a tcp one is noted and ignored"
expect_out_has "domain headless: skipped: no graphics device" "a domain without graphics is skipped"
expect_out_has "3 created, 0 updated, 0 unchanged, 1 skipped, 0 refused
skipped (no graphics device): headless" "the summary lists the skipped domain"
run spicecfg vm show web01
expect_out_has "display: vnc" "the VNC domain's vm is VNC"
expect_out_has "memory: 1025" "its memory in MiB"
expect_out_has "
host: t1
domain: 5a0d1c22-6b0e-4a9a-9d4b-0c7c3e3f0001" "show names its host and domain after the other lines"
run spicecfg vm show headless
expect_rc 1 "the skipped domain has no vm"
run spicecfg host list --format tsv
expect_out_has "t1	$NODE	c1	3	TEST " "the host counts its linked vms"

snapshot
run spicecfg pull t1
expect_rc 0 "pull runs again"
expect_out_has "0 created, 0 updated, 3 unchanged, 1 skipped, 0 refused" "and finds nothing new"
expect_unchanged "a second pull changes nothing (not even the audit)"

run spicecfg pull t1 web01 nosuch
expect_rc 1 "pull of a domain the host lacks fails"
expect_err_has "host t1 has no domain 'nosuch'; nothing was pulled" "and names it"
expect_unchanged "and changes nothing"

# a vm of the domain's name linked elsewhere is not taken over
spicecfg host add t2 "uri=$NODE" cluster=c1 >/dev/null
run spicecfg pull t2 web01
expect_rc 2 "a domain whose vm is linked to another host is refused"
expect_out_has "domain web01: refused: vm 'web01' is linked to domain 5a0d1c22-6b0e-4a9a-9d4b-0c7c3e3f0001 of host t1" \
	"the line says where it is linked"

# ---- diff ----
run spicecfg diff --host t1
expect_rc 0 "right after the pull diff finds nothing to change"
expect_out "" "and prints nothing"
run spicecfg diff vm q35vm
expect_rc 0 "an unchanged VNC domain has no diff"
expect_out "" "and prints nothing"
spicecfg vm set q35vm display=spice usb=native monitors=2 2>/dev/null
run spicecfg diff vm q35vm
expect_rc 1 "after a change the domain differs"
expect_out_has "--- t1/q35vm (on the host)
+++ t1/q35vm (after apply)
@@ " "a unified diff with headers and hunks"
expect_out_has "-    <graphics type='vnc'" "the VNC graphics go"
expect_out_has "+    <graphics type='spice'" "SPICE graphics come"
expect_out_has "+    <redirdev bus='usb' type='spicevmc'/>" "with redirdevs"
case $OUT in *"+    <controller type='usb'"*|*"-    <controller type='usb'"*)
	notok "the q35 domain's qemu-xhci controller is kept, none added" "$OUT" ;;
*) ok "the q35 domain's qemu-xhci controller is kept, none added" ;; esac
case $OUT in *"-      <source file="*|*"-    <input"*) notok "disks and the tablet are untouched" "$OUT" ;;
*) ok "disks and the tablet are untouched" ;; esac
run spicecfg diff vm nosuch
expect_rc 2 "diff of an unknown vm is an error"
spicecfg vm add loose cluster=c1 >/dev/null 2>&1
run spicecfg diff vm loose
expect_rc 2 "diff of an unlinked vm is an error"
expect_err_has "vm 'loose' is not linked to a host domain" "and says so"
run spicecfg diff --host t1 vm q35vm
expect_rc 2 "vm and --host together are refused"

# ---- apply ----
snapshot
run spicecfg apply vm q35vm --dry-run
expect_rc 0 "a dry run"
expect_out "t1/q35vm: would apply
1 would apply, 0 unchanged, 0 failed" "says what would be applied"
expect_unchanged "and writes no audit"
run spicecfg apply vm q35vm web01
expect_rc 0 "apply defines the changed domain"
expect_out "t1/q35vm: applied
t1/web01: unchanged
1 applied, 1 unchanged, 0 failed" "one line per domain by host then vm, and a summary"
if sql "SELECT field || '=' || old || '>' || new FROM audit WHERE object = 'domain:t1/q35vm' ORDER BY field" >"$T/a" 2>/dev/null; then
	case $(tr '\n' ' ' <"$T/a") in
	*"display=vnc>spice"*"monitors=1>2"*"usb=disabled>native"*) ok "audit rows name the host, domain, field, old and new" ;;
	*) notok "audit rows name the host, domain, field, old and new" "$(cat "$T/a")" ;;
	esac
fi
spicecfg host add gone "uri=qemu+unix:///system?socket=$T/none.sock" cluster=c1 >/dev/null
sql "UPDATE host_links SET host_id = (SELECT id FROM hosts WHERE name = 'gone') WHERE object_id = (SELECT id FROM objects WHERE name = 'web01')" >/dev/null
spicecfg vm set web01 display=spice >/dev/null 2>&1
spicecfg vm set desk02 monitors=1 >/dev/null 2>&1
snapshot
run spicecfg apply --jobs 1
expect_rc 1 "apply with an unreachable host fails"
expect_out_has "t1/desk02: not applied (stopped after a failure)" "without --keep-going nothing more is changed"
expect_out_has "0 applied, 0 unchanged, 1 failed, 2 not applied after the first failure (use --keep-going to go on)" \
	"and the summary says what was applied"
expect_unchanged "nothing is audited"
expect_err_has "spicecfg: host gone (qemu+unix:///system?socket=$T/none.sock): cannot connect: Failed to connect socket" \
	"naming the host and libvirt's reason"
run spicecfg apply --keep-going
expect_rc 1 "with --keep-going it still fails"
expect_out_has "t1/desk02: applied" "but the other host's domains are applied"
expect_out_has "1 applied, 0 unchanged, 2 failed" "and the summary counts the failures"
# the test driver forgets the definition of q35vm applied above: to spicecfg
# the domain was changed by someone else since it applied it
expect_err_has "spicecfg: t1/q35vm: changed on the host since spicecfg last read it (then: display=spice monitors=2 usb=native usb_slots=4" \
	"a domain changed on the host since is not overwritten"
expect_err_has "now: display=vnc monitors=1 usb=disabled" "the message says what it is now"
run spicecfg diff vm q35vm
expect_rc 1 "diff shows the difference"
expect_err_has "warning: t1/q35vm: changed on the host since spicecfg last read it" "and warns of the change"
run spicecfg apply vm q35vm --force
expect_rc 0 "--force overwrites it"
expect_out "t1/q35vm: applied
1 applied, 0 unchanged, 0 failed" "and applies"
spicecfg pull t1 q35vm >/dev/null
run spicecfg vm show q35vm
expect_out_has "display: vnc" "pulling it again takes the host's settings"
run spicecfg apply vm q35vm
expect_out "t1/q35vm: unchanged
0 applied, 1 unchanged, 0 failed" "after which there is nothing to apply"
run spicecfg apply --jobs 0
expect_rc 2 "--jobs must be positive"

# ---- capabilities as rules ----
# as `host check` would store them from a QEMU built without SPICE
sql "UPDATE hosts SET caps = '<domainCapabilities><devices><graphics supported=''yes''><enum name=''type''><value>vnc</value></enum></graphics><video supported=''yes''><enum name=''modelType''><value>vga</value></enum></video><redirdev supported=''no''/></devices></domainCapabilities>' WHERE name = 't1'" >/dev/null
snapshot
run spicecfg vm set q35vm display=spice
expect_rc 2 "a vm on a host without SPICE cannot choose it"
expect_err_has "host t1 cannot run SPICE: its QEMU has no spice graphics" "the reason names the host"
expect_unchanged "a refused change changes nothing"
run spicecfg vm set desk02 display=vnc
expect_rc 0 "a SPICE vm on that host can move to VNC"
run spicecfg vm set loose display=spice
expect_rc 0 "a vm linked to no host still can"
run spicecfg host show t1
expect_out_has "graphics types: vnc
video models: vga" "show lists the stored capabilities"
