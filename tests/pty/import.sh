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
wait 2 imported, 0 skipped, 0 refused.
key Enter
wait tui-imp-1
send q
exit 0
K
expect_drive "import a directory of OVF and API files from the TUI"
run spicecfg vm show tui-imp-1
expect_out_has "usb: native" "the OVF file's VM is in the store"
run spicecfg vm show tui-imp-2
expect_out_has "os: RHEL6x64" "the API file's VM is in the store"

snapshot
drive <<K
wait VMs:
send i
wait OVF or API XML file, or a directory:
key C-u
send $T/bad\r
wait Into cluster
key Enter
wait Nothing imported
expect b.xml:1:
key Enter
send q
exit 0
K
expect_drive "a bad file: nothing imported, and the dialog says which and why"
expect_unchanged "the store is unchanged"
