#!/bin/sh
# The shared VM form through a real terminal: creating a VM, the USB Support
# dropdown following OS, protocol and cluster, native USB locking migration.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

# Fields of a VM form, top to bottom: name cluster template os type memory
# cpus display monitors usb smartcard wan usb_autoshare migration description.
drive <<'K'
wait VMs:
key F2
wait New VM
send tui-vm1
key Down 3
key Enter
wait Operating system
send W
key Enter
key Down 11
send created in the form
key F2
wait Saved vm tui-vm1
send q
exit 0
K
expect_drive "create a VM through the form"
run spicecfg vm show tui-vm1
expect_out_has "name: tui-vm1" "the new VM is in the store"
expect_out_has "description: created in the form" "with its description"
expect_out_has "os: WindowsXP" "and the OS picked in the dropdown"

spicecfg vm add usbtest cluster=cluster-3.1 os=Windows7 usb=legacy >/dev/null 2>&1
drive <<'K'
wait VMs:
send /
wait Filter
send usbtest
key Enter
wait filter: usbtest
key F4
wait Edit VM usbtest
expect Legacy (deprecated)
expect Legacy USB support is deprecated
key Down 3
key Enter
wait Operating system
key End
key Up 2
key Enter
wait RHEL6x64
expect USB Support changed from legacy to disabled
expect legacy USB redirection is not
key Down 6
key Enter
wait Native
lacks Legacy (deprecated)
expect Disabled
key Down
key Enter
wait Migration is not supported with SPICE native USB
expect Do not migrate (pinned)
expect migration is pinned while SPI
key Down 4
key Space
wait Migration is locked
key Up 6
key Right
wait VNC
expect USB Support changed from native to disabled
key Down 2
expect Locked: USB redirection needs the SPICE protocol
key Space
expect USB Support is locked: USB redirection needs the SPICE protocol
key F2
wait Saved vm usbtest
send q
exit 0
K
expect_drive "OS change shrinks USB Support, native locks migration, VNC locks USB"
run spicecfg vm show usbtest
expect_out_has "os: RHEL6x64" "OS saved"
expect_out_has "display: vnc" "protocol saved"
expect_out_has "usb: disabled" "USB reset by VNC"

# OK is refused with the reason while a field is invalid; Esc asks first.
drive <<'K'
wait VMs:
key F2
wait New VM
send bad name!
key F2
wait Cannot save
expect invalid name
key Esc
wait Discard them?
key Enter
gone Discard them?
expect New VM
key Esc
wait Discard them?
send d
wait VMs:
send q
exit 0
K
expect_drive "invalid name refused with the reason, Esc asks before discarding"
run spicecfg vm show "bad name!"
expect_rc 1 "nothing was stored"

# A new VM takes its template's settings when one is chosen.
drive <<'K'
wait VMs:
key F2
wait New VM
send from-tmpl
key Down 2
key Enter
wait (none)
key Down
key Enter
wait Settings taken from template rhel6-server
expect RHEL6x64
key F2
wait Saved vm from-tmpl
send q
exit 0
K
expect_drive "template dropdown fills the form"
run spicecfg vm show from-tmpl
expect_out_has "template: rhel6-server" "the VM names its template"
expect_out_has "os: RHEL6x64" "and has the template's OS"

# A pool: its cluster is locked (it runs where its template does), the
# template is required and fills the form.
drive <<'K'
wait VMs:
key Tab 2
wait Pools:
key F2
wait New Pool
send tui-pool
key F2
wait a pool needs a template
key Up
send x
wait Cluster is locked: a pool runs in the cluster of its template
key Down
key Enter
wait win7-desktop
key Down
key Enter
wait Settings taken from template win7-desktop
key Down
key C-u
send 12
key F2
wait Saved pool tui-pool
send q
exit 0
K
expect_drive "a pool through the form"
run spicecfg pool show tui-pool
expect_out_has "template: win7-desktop" "the pool names its template"
expect_out_has "size: 12" "and its size"
