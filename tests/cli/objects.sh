# `spicecfg cluster|vm|template|pool list|show|add|set|rm` (SPEC §1, §5).
. "$TOP/tests/lib.sh"

run spicecfg cluster add c30 version=3.0
expect_rc 0 "add cluster 3.0"
spicecfg cluster add c31 version=3.1
spicecfg cluster add c32 version=3.2
run spicecfg cluster list
expect_out "NAME  VERSION
c30   3.0
c31   3.1
c32   3.2" "cluster table"
run spicecfg cluster show c31
expect_out "name: c31
version: 3.1
spice_proxy: 
revision: 1" "cluster show"

run spicecfg vm add web01 cluster=c31 os=Windows7x64 monitors=2 memory=2048 cpus=2 description="caf$(printf '\303\251') desk"
expect_rc 0 "add vm"
expect_err_empty "add vm is quiet"
run spicecfg vm show web01
expect_rc 0 "show vm"
OUT=$(printf '%s\n' "$OUT" | grep -v '^uuid: ')
expect_out "name: web01
cluster: c31
template: 
os: Windows7x64
type: desktop
memory: 2048
cpus: 2
display: spice
monitors: 2
usb: disabled
smartcard: false
wan: false
usb_autoshare: true
migration: migratable
description: caf$(printf '\303\251') desk
copy_paste: true
file_transfer: true
disconnect_action: lock-screen
disconnect_delay: 0
allow_reconnect: false
cluster_version: 3.1
usb_allowed: disabled,legacy,native
spice_proxy_effective: none
single_pci: no
revision: 1" "show prints every field in fixed order with derived state"

run spicecfg vm set web01 usb=native
expect_rc 0 "choose native"
expect_err_has "Migration is not supported with SPICE native USB redirection; live migration will be disabled for this VM." "native warning on stderr"
run spicecfg vm show web01
expect_out_has "migration: pinned" "native pins migration"
run spicecfg vm set web01 migration=manual
expect_rc 2 "migration locked while native"
expect_err_has "migration is locked: migration is pinned while SPICE native USB redirection is selected" "lock reason"
run spicecfg vm set web01 usb=legacy
expect_rc 0 "choose legacy"
expect_err_has "deprecated" "legacy deprecated warning"
run spicecfg vm show web01
expect_out_has "migration: migratable" "leaving native restores migration"

# OS change on 3.1: legacy no longer allowed -> disabled, with the reason
run spicecfg vm set web01 os=RHEL6x64
expect_rc 0 "os change accepted"
expect_err_has "warning: USB Support changed from legacy to disabled: legacy USB redirection is not available for Linux guests" "reset explained"
run spicecfg vm show web01
expect_out_has "usb: disabled" "legacy reset"
expect_out_has "usb_allowed: disabled,native" "allowed set shrank"

# explicit illegal values are refused with the reason, store unchanged
snapshot
run spicecfg vm set web01 usb=legacy
expect_rc 2 "legacy for Linux on 3.1 refused"
expect_err_has "USB Support 'legacy' is not allowed here" "usb refusal"
run spicecfg vm set web01 display=vnc usb=native
expect_rc 2 "native with VNC refused"
expect_err_has "USB redirection needs the SPICE protocol" "vnc reason"
run spicecfg vm set web01 monitors=3
expect_rc 2 "3 monitors refused"
expect_err_has "ValidNumOfMonitors" "monitor reason"
run spicecfg vm set web01 wan=true
expect_rc 2 "WAN refused for Linux"
expect_err_has "Windows guests with the SPICE protocol" "wan reason"
run spicecfg vm set web01 os=Windows9
expect_rc 2 "unknown OS"
expect_err_has "valid: Unassigned, WindowsXP" "OS list"
run spicecfg vm set web01 cpus=0
expect_rc 2 "cpus out of range"
expect_err_has "valid: an integer 1..160" "cpu range"
run spicecfg vm set web01 smartcard=maybe
expect_rc 2 "bad bool"
run spicecfg vm set web01 colour=blue
expect_rc 2 "unknown key"
expect_err_has "unknown key 'colour' for vm; valid: name, cluster, template" "keys listed"
run spicecfg vm set web01 cpus=2 cpus=3
expect_rc 2 "key twice"
run spicecfg vm set web01 cluster=nowhere
expect_rc 1 "unknown cluster"
expect_err_has "cluster 'nowhere' does not exist; existing clusters: c30, c31, c32" "clusters listed"
run spicecfg vm set nosuch cpus=2
expect_rc 1 "unknown vm"
expect_err_has "vm 'nosuch' does not exist" "not found named"
run spicecfg vm add web01 cluster=c31
expect_rc 1 "duplicate"
expect_err_has "vm 'web01' already exists" "duplicate named"
run spicecfg vm add 'bad name' cluster=c31
expect_rc 2 "bad name"
expect_err_has "valid: 1-64 characters" "name rule"
run spicecfg vm add x$(printf '%065d' 0) cluster=c31
expect_rc 2 "name too long"
run spicecfg vm add lonely
expect_rc 2 "vm without cluster"
run spicecfg vm set web01 description="$(printf 'a\tb')"
expect_rc 2 "control character in description"
expect_unchanged "every refusal left the store unchanged"

# moving to a 3.0 cluster takes native away from a Linux guest
spicecfg vm set web01 usb=native 2>/dev/null
# a cluster's new version: --dry-run lists what it would reset, changes nothing
spicecfg cluster add dry31 version=3.1
spicecfg vm add dryvm cluster=dry31 os=RHEL6x64 usb=native 2>/dev/null
snapshot
run spicecfg cluster set dry31 version=3.0 --dry-run
expect_rc 0 "cluster dry run"
expect_out_has "vm 'dryvm': usb: native -> disabled" "cluster dry run lists the reset"
expect_out_has "dry run: 1 object would change; nothing was changed" "cluster dry run summary"
expect_unchanged "cluster dry run left the store unchanged"
run spicecfg cluster set dry31 version=3.0
expect_rc 0 "cluster version set"
expect_err_has "warning: vm 'dryvm': usb: native -> disabled" "cluster reset reported"
spicecfg vm rm dryvm && spicecfg cluster rm dry31
run spicecfg vm set web01 cluster=c30
expect_rc 0 "move to 3.0"
expect_err_has "native USB redirection needs cluster version 3.1 or later" "3.0 reason is native's own"
# each refused value's reason is that value's own (SPEC §2)
run spicecfg vm add usb30 cluster=c30 os=RHEL4 usb=legacy
expect_rc 2 "legacy for Linux on 3.0 refused"
expect_err_has "legacy USB redirection is not available for Linux guests (it needs a Windows guest)" "legacy's reason names Windows"
run spicecfg vm add usb30 cluster=c30 os=Other usb=native
expect_rc 2 "native on 3.0 refused"
expect_err_has "native USB redirection needs cluster version 3.1 or later" "native's reason names 3.1"

# templates and pools inherit
run spicecfg template add tpl cluster=c31 os=Windows7x64 usb=native monitors=4 smartcard=true
expect_rc 0 "add template"
run spicecfg vm add fromtpl template=tpl
expect_rc 0 "vm from template"
run spicecfg vm show fromtpl
expect_out_has "cluster: c31" "cluster from template"
expect_out_has "usb: native" "usb from template"
expect_out_has "monitors: 4" "monitors from template"
expect_out_has "template: tpl" "origin recorded"
run spicecfg pool add p1 template=tpl size=20
expect_rc 0 "add pool"
run spicecfg pool show p1
expect_out_has "size: 20" "pool size"
expect_out_has "smartcard: true" "pool pre-filled from template"
run spicecfg pool set p1 size=1001
expect_rc 2 "pool size range"
run spicecfg pool set p1 monitors=1 smartcard=false
expect_rc 0 "pool console fields editable"
run spicecfg pool add p2 size=3
expect_rc 2 "pool needs a template"
run spicecfg pool add p3 template=tpl cluster=c32
expect_rc 2 "pool cluster locked"
expect_err_has "a pool runs in the cluster of its template" "pool cluster reason"
run spicecfg template rm tpl
expect_rc 1 "template in use"
expect_err_has "template 'tpl' is used by 2 objects" "users named"

# EnableUSBAsDefault: new objects get the first allowed non-disabled value
spicecfg config -s EnableUSBAsDefault=true
spicecfg vm add d1 cluster=c31 os=RHEL6x64 2>/dev/null
spicecfg vm add d2 cluster=c30 os=RHEL6x64
run spicecfg vm show d1
expect_out_has "usb: native" "default native for Linux on 3.1"
run spicecfg vm show d2
expect_out_has "usb: disabled" "default disabled where nothing else is allowed"

# list formats
run spicecfg vm list --format tsv
expect_rc 0 "tsv"
expect_out_has "$(printf 'd1\tc31\t\tRHEL6x64\tdesktop\t1024\t1\tspice\t1\tnative\tfalse\tfalse\ttrue\tpinned\t')" "tsv row with every field"
run spicecfg pool list --format json
expect_out_has '"name": "p1", "cluster": "c31", "template": "tpl", "size": 20' "json"
run sh -c "'$SPICECFG' vm list --format json | python3 -m json.tool >/dev/null"
expect_rc 0 "json parses"
run spicecfg vm list --filter rhel
expect_out_has "d1" "filter by os"
expect_out_lacks "fromtpl" "filter excludes"
run spicecfg vm list --format xml
expect_rc 2 "bad format"
run sh -c "'$SPICECFG' vm list --sort usb --format tsv | cut -f1,10 | tr '\t\n' ': '"
expect_out "d2:disabled web01:disabled d1:native fromtpl:native " "sorted by usb, then by name"
run sh -c "'$SPICECFG' vm list --sort=memory --format tsv | cut -f1 | head -1"
expect_out "d1" "sorted by memory"
run spicecfg vm list --sort colour
expect_rc 2 "unknown sort key"
expect_err_has "cannot sort by 'colour'; valid: name, cluster" "sort keys listed"

# rename keeps history and references
run spicecfg vm set fromtpl name=renamed
expect_rc 0 "rename"
run spicecfg vm show renamed
expect_out_has "template: tpl" "renamed vm keeps its template"
spicecfg vm set renamed name=fromtpl
run spicecfg vm add named cluster=c31 name=other
expect_rc 2 "name key refused on add"

# rm
run spicecfg vm rm d2
expect_rc 0 "rm vm"
run spicecfg vm show d2
expect_rc 1 "gone"
run spicecfg cluster rm c31
expect_rc 1 "cluster with objects"
run spicecfg cluster rm c32
expect_rc 0 "empty cluster removed"

# audit: one row per changed field, who = $USER
run sql "select who, object, field, old, new from audit where object='vm:fromtpl' and field='*' order by id"
expect_out "$USER|vm:fromtpl|*||created" "creation audited"
spicecfg vm set fromtpl cpus=3 memory=512
run sql "select field, old, new from audit where object='vm:fromtpl' and field not in ('*','name') order by id"
expect_out "memory|1024|512
cpus|1|3" "each changed field audited with old and new"
