#!/bin/sh
# The live hosts in the interactive program (SPEC §10, §7): the Hosts tab,
# the VMs tab's Host column and its "differs" mark, F5, a (the diff in a
# scrollable window, a confirmation whose Apply is not focused, then apply)
# and p (pull), on libvirt's test driver with our node file.  The first
# frame does not load libvirt; F5 does.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
NODE="test://$(cd "$TOP" && pwd)/tests/hosts/node.xml"
spicecfg cluster add c1 version=3.1 >/dev/null
spicecfg host add t1 "uri=$NODE" cluster=c1 >/dev/null
spicecfg host add gone "uri=qemu+unix:///system?socket=$T/none.sock" cluster=c1 >/dev/null
spicecfg pull t1 web01 q35vm >/dev/null
spicecfg vm set web01 display=spice >/dev/null 2>&1

loaded() { # does any process of the last drive load libvirt?
	cat "$T"/ld.* 2>/dev/null | grep -q "file=libvirt.so"
	r=$?
	rm -f "$T"/ld.*
	return $r
}
export LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld"
drive <<K
wait VMs:
expect Host
dump $T/vms.txt
key Tab 3
wait Hosts:
expect Name URI
expect Reachable Domains Differ
expect ? of 2 linked
send q
exit 0
K
expect_drive "the Hosts tab lists the hosts, unknown until asked"
if loaded; then notok "the first frames do not load libvirt" ""; else ok "the first frames do not load libvirt"; fi
# without connecting: the vm changed since the pull differs, the other not
row() { grep "^$1 " "$T/vms.txt"; }
case $(row web01) in *"t1 differs") ok "a vm changed since the pull is marked" ;;
*) notok "a vm changed since the pull is marked" "$(cat "$T/vms.txt")" ;; esac
case $(row q35vm) in *" t1") ok "a vm as its domain was pulled is not" ;;
*) notok "a vm as its domain was pulled is not" "$(cat "$T/vms.txt")" ;; esac
drive <<'K'
wait VMs:
key F5
wait Checked 2 hosts: 1 reachable
send q
exit 0
K
expect_drive "F5 checks the hosts"
if loaded; then ok "F5 loads libvirt"; else notok "F5 loads libvirt" ""; fi
unset LD_DEBUG LD_DEBUG_OUTPUT

drive <<K
wait VMs:
key Tab 3
wait Hosts:
expect a Apply
expect p Pull
expect F5 Refresh
expect F2 New
expect F8 Delete
lacks x Preview
key F5
wait Checked 2 hosts: 1 reachable, 1 linked domains differ
expect gone qemu+unix:///system?socket=
expect no        ?       ? of 0 linked
expect yes       4       1 of 2 linked
key Enter
wait Edit host
wait Not reachable: host gone
expect No such file or directory
key Enter
gone Edit host
key BTab 3
wait VMs:
expect t1 differs
dump $T/vms2.txt
send q
exit 0
K
expect_drive "F5: reachable, domains and how many differ; Enter's host dialog says why a host is unreachable; the VMs tab marks the vm that differs"
case $(grep "^q35vm " "$T/vms2.txt") in *" t1") ok "the vm whose domain is as it is has no mark" ;;
*) notok "the vm whose domain is as it is has no mark" "$(cat "$T/vms2.txt")" ;; esac

# a on a vm: the diff, a confirmation (Cancel focused), then apply
drive <<'K'
wait VMs:
key F5
wait Checked
key End
send a
wait Apply to web01: 1 domain differs
expect --- t1/web01 (on the host)
expect +    <graphics type='spice'
expect a Apply
key Esc
wait VMs:
send a
wait Apply to web01
send a
wait Write these console settings into the persistent definition
expect of the domain of vm web01?
key Enter
gone Write these
expect Apply to web01
send a
wait Write these
key Tab
key Enter
wait 1 applied, 0 unchanged, 0 failed
expect t1/web01: applied
key Enter
wait VMs:
lacks differs
send q
exit 0
K
expect_drive "a shows the diff; Esc and Cancel apply nothing; Apply applies and the mark goes"
run sql "SELECT field || ' ' || old || ' ' || new FROM audit WHERE object = 'domain:t1/web01' ORDER BY id LIMIT 1"
expect_out "display vnc spice" "the apply is audited like the command's"

# a on a host without linked vms, on the wrong tab; p on the wrong tab
drive <<'K'
wait VMs:
send x
wait ovf:Envelope
lacks a Apply
key Esc
wait VMs:
send p
wait p pulls a host on the Hosts tab
key Left
wait Clusters:
lacks a Apply
send a
wait a works on the VMs and Hosts tabs
key Right 4
wait Hosts:
send a
wait Nothing to apply: no vm is linked to host gone
send q
exit 0
K
expect_drive "a and p say where they work; the preview does not offer a"

# p pulls the host: every domain, one line each
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key End
send p
wait 1 created, 1 updated, 1 unchanged, 1 skipped, 0 refused
expect domain desk02: mapped to vm desk02 (created)
expect domain headless: skipped: no graphics device
key Enter
wait Hosts:
expect 4       ? of 3 linked
key BTab 3
wait VMs:
expect desk02
send q
exit 0
K
expect_drive "p pulls the host into linked vms and the lists follow"

# many domains: a progress window while they are compared (each with its
# UUID: the test driver makes up another for a domain without one at every
# connection)
{
	echo "<node><cpu><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>1</threads><active>2</active><mhz>2000</mhz><model>x86_64</model></cpu><memory>8388608</memory>"
	i=0
	while [ $i -lt 400 ]; do
		printf "<domain type='test'><name>m%03d</name><uuid>5a0d1c22-6b0e-4a9a-9d4b-1000000%05d</uuid><memory unit='KiB'>131072</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices><graphics type='vnc' port='-1' autoport='yes'/><video><model type='cirrus'/></video></devices></domain>\n" $i $i
		i=$((i + 1))
	done
	echo "</node>"
} >"$T/many.xml"
spicecfg host add many "uri=test://$T/many.xml" cluster=c1 >/dev/null
spicecfg pull many >/dev/null
drive <<'K'
wait VMs:
key F5
wait Check hosts
wait Checked 3 hosts
send q
exit 0
K
expect_drive "a progress window while many domains are compared"
