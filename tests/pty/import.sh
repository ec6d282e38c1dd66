# The TUI's import action: a directory through the bulk engine, a progress
# window, a summary; a bad file imports nothing and says why.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
mkdir "$T/in" "$T/bad"
spicecfg export ovf win7-dev01 -o "$T/src.ovf"
# copies under new names, each with a UUID of its own
u1=$(spicecfg vm show win7-dev01 | sed -n 's/^uuid: //p')
u2=$(spicecfg vm show rhel6-ws01 | sed -n 's/^uuid: //p')
sed "s/win7-dev01/tui-imp-1/g; s/$u1/6d3c2b1a-3333-4000-8000-000000000001/g" "$T/src.ovf" >"$T/in/a.ovf"
spicecfg export api rhel6-ws01 | sed "s/rhel6-ws01/tui-imp-2/g; s/$u2/6d3c2b1a-3333-4000-8000-000000000002/g" >"$T/in/b.xml"
sed "s/win7-dev01/tui-imp-3/g; s/$u1/6d3c2b1a-3333-4000-8000-000000000003/g" "$T/src.ovf" >"$T/bad/a.ovf"
printf '<vm><name>broken' >"$T/bad/b.xml"

drive <<K
wait VMs:
send i
wait OVF or API XML file, or a directory:
send $T/in\r
wait Into cluster
expect cluster-3.1
key Enter
wait 2 imported, 0 skipped, 0 refused (of 2 files).
expect ignored <single_qxl_pci>
key Enter
gone [ OK ]
wait tui-imp-1
send q
exit 0
K
expect_drive "import a directory of OVF and API files from the TUI; the API file's note opens the result"

# A file with nothing to say beyond its import: the status line alone.
mkdir "$T/clean"
sed "s/win7-dev01/tui-imp-4/g; s/$u1/6d3c2b1a-3333-4000-8000-000000000004/g" "$T/src.ovf" >"$T/clean/c.ovf"
drive <<K
wait VMs:
send i
wait OVF or API XML file, or a directory:
key C-u
send $T/clean/c.ovf\r
wait Into cluster
key Enter
wait 1 imported, 0 skipped, 0 refused (of 1 files).
wait tui-imp-4
lacks [ OK ]
send q
exit 0
K
expect_drive "a clean import with nothing to say: only the status line"
run spicecfg vm show tui-imp-1
expect_out_has "usb: native" "the OVF file's VM is in the store"
run spicecfg vm show tui-imp-2
expect_out_has "os: RHEL6x64" "the API file's VM is in the store"

drive <<K
wait VMs:
send i
wait OVF or API XML file, or a directory:
key C-u
send $T/bad\r
wait Into cluster
key Enter
wait 1 imported, 0 skipped, 1 refused (of 2 files).
expect b.xml:1:
key Enter
send q
exit 0
K
expect_drive "a bad file is refused with the reason; the import keeps going"
run spicecfg vm show tui-imp-3
expect_rc 0 "the good file beside the bad one is imported"

# real OVF files: the import keeps going, the result lists what each file
# mapped and ignored and scrolls, paths are written once (no //), no
# command-line options are named, and a clashing file can be imported
# under another name
S=$(cd "$TOP/../shared/ovf-samples" && pwd)
drive -s 100x30 <<K
wait VMs:
send i
wait OVF or API XML file, or a directory:
key C-u
send $S//\r
wait Into cluster
key Enter
wait 5 imported, 0 skipped, 4 refused (of 9 files).
expect ignored (not console settings)
expect PgUp/PgDn
lacks //
lacks --name
lacks --cluster
key PgDn
wait mapped to OtherLinux
lacks --name
send i
wait New name for
send tmcow-copy\r
wait 1 imported, 0 skipped, 0 refused (of 1 files).
expect ignored (not console settings)
expect [ OK ]
key Enter
gone [ OK ]
send q
exit 0
K
expect_drive "a folder of real OVF files: keeps going, scrollable result, import under another name"
run spicecfg template show tmcow-copy
expect_rc 0 "the clashing file was imported under the new name"

# A clean import of a real file still has something to say: what it
# ignored opens the result.
spicecfg vm rm exporttedVM >/dev/null 2>&1
drive -s 100x30 <<K
wait VMs:
send i
wait OVF or API XML file, or a directory:
key C-u
send $S/ovirt33_vm_unassigned_qxl.ovf\r
wait Into cluster
key Enter
wait 1 imported, 0 skipped, 0 refused (of 1 files).
expect ignored (not console settings): Domain, CreationDate
expect imported vm 'exporttedVM' into cluster
expect [ OK ]
key Enter
gone [ OK ]
expect 1 imported, 0 skipped, 0 refused (of 1 files).
send q
exit 0
K
expect_drive "a clean import with notes: the result lists what the file ignored"
run spicecfg vm show exporttedVM
expect_rc 0 "and the vm is imported"
