#!/bin/sh
# The rules hold when the form saves, not only when it opened: a site option
# changed by another session while the form is open refuses the save with
# the rule's reason, and the edit stays in the form.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
spicecfg vm add tuirace cluster=cluster-3.1 os=Windows7x64 >/dev/null 2>&1

# Fields of a VM form, top to bottom: name cluster template os type memory
# cpus display monitors usb ...; USB Support of Windows 7 on 3.1 offers
# Disabled, Legacy (deprecated), Native.
drive <<K
wait VMs:
send /tuirace
key Enter
wait filter: tuirace
key F4
wait Edit VM tuirace
key Down 9
key Enter
wait Native
key Down 2
key Enter
wait Migration is not supported with SPICE native USB
shell "$SPICECFG" config -s NativeUSBEnabled=false --cver 3.1 >/dev/null 2>&1
key F2
wait Cannot save
expect native USB redirection is turned off for cluster version 3.1
expect Native
lacks Saved vm tuirace
shell "$SPICECFG" vm show tuirace | grep -q 'usb: disabled'
key Esc
wait Discard them?
send d
wait VMs:
send q
exit 0
K
expect_drive "native chosen, the option turned off elsewhere, F2: refused with the reason"
run spicecfg vm show tuirace
expect_out_has "usb: disabled" "nothing was saved"
run spicecfg export domxml tuirace
expect_out_lacks "<redirdev" "and the export has no redirdev"

# A value outside its definition read back from the store is reported on
# the status line, and the default is shown.
sql "UPDATE objects SET monitors = 9 WHERE name = 'tuirace'"
drive <<K
wait VMs:
send /tuirace
key Enter
wait in the store: 1 used for monitors
expect spice 1   disabled
send q
exit 0
K
expect_drive "a stored monitors=9 is reported on the status line, 1 is shown"
