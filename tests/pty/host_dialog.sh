#!/bin/sh
# The Hosts tab adds, edits and removes hosts (SPEC §7 keys, §10 hosts):
# F2/Insert and Enter/F4 open the host dialog, whose Save runs the checks
# of `host add` and `host set` with their words and writes through their
# store calls (audited, version checked); a refused value changes nothing.
# A stored password stays hidden and kept.  F8/Delete asks first (Cancel
# focused) and says what `host rm --unlink` does.  None of it loads libvirt.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
hosts() { spicecfg host list --format tsv | cut -f1-3 | tail -n +2; }

# Without a cluster there is nothing to add a host to: the dialog says so.
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key F2
wait No clusters in the store yet: create one on the Clusters tab first
send kvm0
key Tab
send test:///default
key F2
wait Not saved: a host needs a cluster: create one on the Clusters tab
key Esc
send q
exit 0
K
expect_drive "no cluster yet: the dialog says so and saves nothing"
run hosts
expect_out "" "no host was added"

spicecfg cluster add c1 version=3.1 >/dev/null
spicecfg cluster add c2 version=3.0 >/dev/null
spicecfg host add h1 'uri=qemu+ssh://root:s3cret@kvm1/system' cluster=c2 >/dev/null

loaded() { # did any process of the last drive load libvirt?
	cat "$T"/ld.* 2>/dev/null | grep -q "file=libvirt.so"
	r=$?
	rm -f "$T"/ld.*
	return $r
}

# F2 on the row of h1 (cluster c2): the dialog starts in c2; the name and
# the URI typed are saved, the list selects the new host.
export LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld"
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
expect F2 New
expect F4 Edit
expect F8 Delete
key F2
wait New host
expect Cluster   c2 v
send kvm2
key Tab
send qemu+tls://kvm2.example/system
key F2
wait Added host kvm2
gone New host
expect qemu+tls://kvm2.example/system
key F4
wait Name      kvm2
key Esc
gone Edit host
send q
exit 0
K
expect_drive "F2 adds a host in the selected row's cluster; the list selects it"
if loaded; then notok "adding a host does not load libvirt" ""; else ok "adding a host does not load libvirt"; fi
unset LD_DEBUG LD_DEBUG_OUTPUT
run hosts
expect_out "h1	qemu+ssh://root:***@kvm1/system	c2
kvm2	qemu+tls://kvm2.example/system	c2" "host list has the host the dialog added"
run sql "SELECT object || ' ' || field || ' ' || new FROM audit WHERE object = 'host:kvm2'"
expect_out "host:kvm2 * created" "the dialog's add is audited as host add's"

# Insert, and the cluster dropdown: Enter on Cluster lists them, Right steps.
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key Insert
wait New host
send kvm3
key Tab
send test:///default
key Tab
wait Enter/Space: clusters
key Enter
wait ─ Cluster
send c1
key Enter
gone ─ Cluster
expect Cluster   c1 v
key Right
expect Cluster   c2 v
key Left
expect Cluster   c1 v
key F2
wait Added host kvm3
send q
exit 0
K
expect_drive "Insert adds too; the cluster is chosen from a dropdown"
run sql "SELECT h.name || ' ' || c.name FROM hosts h JOIN clusters c ON c.id = h.cluster_id WHERE h.name = 'kvm3'"
expect_out "kvm3 c1" "the cluster chosen is stored"

# Refused values: the reason on the dialog's status line, in host add's
# words; nothing is written.
run spicecfg host add kvm9 uri=kvm9.example cluster=c1
cli_uri=${ERR#spicecfg: }
run spicecfg host add -kvm9 uri=test:///default cluster=c1
cli_name=${ERR#spicecfg: }
run spicecfg host add h1 uri=test:///default cluster=c1
cli_taken=${ERR#spicecfg: }
snapshot
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key F2
wait New host
send kvm9
key Tab
send kvm9.example
key F2
wait Not saved: 'kvm9.example' is not a libvirt connection URI: it has
expect no '://'; valid:
expect New host
key Tab 2
key C-u
send -kvm9
key F2
wait Not saved: invalid name '-kvm9'; valid: 1-64 characters
key C-u
send h1
key Tab
key C-u
send test:///default
key Enter
wait Not saved: host 'h1' already exists
key Esc
gone New host
send q
exit 0
K
expect_drive "a bad URI, a bad name and a taken name are refused in the dialog"
expect_unchanged "the refused values wrote nothing"
case "$cli_uri" in "'kvm9.example' is not a libvirt connection URI: it has no '://'; valid: "*) ok "host add refuses the URI with the same words" ;;
*) notok "host add refuses the URI with the same words" "$cli_uri" ;; esac
case "$cli_name" in "invalid name '-kvm9'; valid: 1-64 characters"*) ok "host add refuses the name with the same words" ;;
*) notok "host add refuses the name with the same words" "$cli_name" ;; esac
case "$cli_taken" in "host 'h1' already exists") ok "host add refuses the taken name with the same words" ;;
*) notok "host add refuses the taken name with the same words" "$cli_taken" ;; esac

# Edit: the password is never shown; a change of cluster keeps the stored
# URI; an edited URI that still holds *** is refused; a new URI is stored,
# each changed field audited; History shows the URIs redacted.
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key Home
key Enter
wait Edit host
expect URI       qemu+ssh://root:***@kvm1/system
expect password hidden (***)
expect Not checked in this session
lacks s3cret
key Tab 2
key Right
expect Cluster   c1 v
key Left
expect Cluster   c2 v
key Right
key F2
wait Saved host h1
send q
exit 0
K
expect_drive "Enter edits the host: the URI is shown without its password"
run sql "SELECT uri FROM hosts WHERE name = 'h1'"
expect_out "qemu+ssh://root:s3cret@kvm1/system" "a saved edit keeps the stored password"
run sql "SELECT field || ' ' || old || ' ' || new FROM audit WHERE object = 'host:h1' AND field <> '*' ORDER BY id"
expect_out "cluster c2 c1" "only the changed cluster is audited"

snapshot
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key Home
key F4
wait Edit host
key Tab
key End
send 2
key F2
wait Not saved: the URI still holds *** where the stored password is
key Esc
gone Edit host
send q
exit 0
K
expect_drive "an edited URI that still holds *** is refused"
expect_unchanged "the refused URI wrote nothing"

drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key Home
key F4
wait Edit host
key Tab
send qemu+ssh://root:n3w@kvm1b/system
key Enter
wait Saved host h1
expect qemu+ssh://root:***@kvm1b/system
key Tab 2
wait History:
expect host:h1    uri     qemu+ssh://root:***@kvm1/system
lacks s3cret
key Enter
wait old: qemu+ssh://root:***@kvm1/system
expect new: qemu+ssh://root:***@kvm1b/system
lacks s3cret
lacks n3w
key Enter
send q
exit 0
K
expect_drive "a new URI typed whole is saved; History shows it redacted"
run sql "SELECT uri FROM hosts WHERE name = 'h1'"
expect_out "qemu+ssh://root:n3w@kvm1b/system" "the new URI is stored"
run sql "SELECT count(*) FROM audit WHERE object = 'host:h1' AND field = 'uri'"
expect_out "1" "the URI change is audited"
run sql "SELECT old || ' ' || new FROM audit WHERE object = 'host:h1' AND field = 'uri'"
expect_out "qemu+ssh://root:***@kvm1/system qemu+ssh://root:***@kvm1b/system" "the audit row holds the URIs without their passwords"

# Saved unchanged: nothing is written; a new name is saved and selected.
snapshot
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key Home
key Enter
wait Edit host
key Enter
wait Host h1 unchanged
gone Edit host
send q
exit 0
K
expect_drive "an edit saved unchanged says so"
expect_unchanged "and writes nothing"
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key End
key F4
wait Name      kvm3
send kvm4
key F2
wait Saved host kvm4
send q
exit 0
K
expect_drive "a host is renamed in the dialog"
run sql "SELECT field || ' ' || old || ' ' || new FROM audit WHERE object = 'host:kvm4'"
expect_out "name kvm3 kvm4" "the rename is audited as host set's"

# Another admin changed the host while the dialog was open: refused as a
# conflict, nothing overwritten.
drive <<K
wait VMs:
key Tab 3
wait Hosts:
key Home
key F4
wait Edit host
shell "$SPICECFG" host set h1 cluster=c2
key Tab 2
key Left
key F2
wait Not saved: host 'h1' was changed by someone else since it was read
key Esc
send q
exit 0
K
expect_drive "an edit over another admin's change is refused"
run sql "SELECT c.name FROM hosts h JOIN clusters c ON c.id = h.cluster_id WHERE h.name = 'h1'"
expect_out "c2" "the other admin's change stands"

# F1 in the dialog and on the tab names the keys.
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key F1
wait Help: Hosts
expect F2 (or Insert) adds a host
key Esc
wait Hosts:
key F2
wait New host
key F1
wait Help: Host dialog
expect Dialogs and the option editor
key Esc
wait New host
key Esc
send q
exit 0
K
expect_drive "F1 on the Hosts tab and in the host dialog"

# F8 on a host with a linked vm: the question says what host rm --unlink
# does; Esc and Cancel (focused) keep it; Remove removes it, the vm stays.
NODE="test://$(cd "$TOP" && pwd)/tests/hosts/node.xml"
spicecfg host add t1 "uri=$NODE" cluster=c1 >/dev/null
spicecfg pull t1 web01 >/dev/null 2>&1
snapshot
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key End
wait t1
key F8
wait Remove host t1? Its 1 linked vms are unlinked
key Esc
gone Remove host
key Delete
wait Remove host t1?
key Enter
gone Remove host
send q
exit 0
K
expect_drive "Esc and Enter (Cancel focused) on the question keep the host"
expect_unchanged "nothing was removed"
drive <<'K'
wait VMs:
key Tab 3
wait Hosts:
key End
key F8
wait Remove host t1?
key Left
key Enter
wait Removed host t1; 1 vms are no longer linked to it
expect Hosts: 3
send q
exit 0
K
expect_drive "Remove removes the host and says it unlinked the vm"
run hosts
expect_out_lacks "t1" "host list no longer has it"
run spicecfg vm show web01
expect_out_lacks "host: t1" "the vm stays, unlinked"
run sql "SELECT field || ' ' || new FROM audit WHERE object = 'host:t1' ORDER BY id DESC LIMIT 2"
expect_out "* deleted
links unlinked" "the removal is audited as host rm --unlink's"
