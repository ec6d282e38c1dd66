#!/bin/sh
# OVF import: real files from oVirt 3.0-4.2 and virt-v2v (read in place,
# never copied), hand-written 3.0 and 3.1 files, directories, and bad
# input that must be refused with file:line and leave the store as it was.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }
SAMPLES="$TOP/../shared/ovf-samples"
show() { spicecfg "$1" show "$2" | grep -E '^(os|display|monitors|usb|type): ' | tr '\n' ' '; }
skip() { N=$((N + 1)); echo "ok $N - $1 # SKIP $2"; }

# ---- real producers: file | kind name | expected fields | a note expected ----
sample() {
	f="$SAMPLES/$1"
	[ -f "$f" ] || { skip "sample $1" "samples not present"; return; }
	run spicecfg import ovf "$f" --cluster "$2" --name "$3"
	if [ "$RC" -ne 0 ]; then notok "import sample $1" "$ERR"; return; fi
	got=$(show "$4" "$3")
	[ "$got" = "$5" ] && ok "sample $1 -> $5" || notok "sample $1" "got  $got
want $5"
	[ -z "$6" ] || expect_err_has "$6" "sample $1 reports: $6"
}
sample ovirt30_template_rhel6x64_export.ovf cluster-3.1 s30t template \
	'os: RHEL6x64 type: server display: spice monitors: 1 usb: disabled ' 'not available for Linux guests'
sample ovirt30_template_rhel6x64_sample_pretty.ovf cluster-3.0 s30p template \
	'os: RHEL6x64 type: server display: spice monitors: 1 usb: disabled ' "UsbPolicy 'Enabled' read as usb=legacy"
sample ovirt33_vm_unassigned_qxl.ovf cluster-3.1 s33 vm \
	'os: Unassigned type: desktop display: spice monitors: 1 usb: disabled ' 'ignored (not console settings)'
sample ovirt36_hostedengine_otherlinux.ovf cluster-3.2 s36 vm \
	'os: OtherLinux type: desktop display: spice monitors: 1 usb: disabled ' "OS 'other_linux' mapped to OtherLinux"
sample ovirt36_hostedengine_otherlinux_display0_edited.ovf cluster-3.2 s36e vm \
	'os: OtherLinux type: desktop display: vnc monitors: 1 usb: disabled ' ''
sample ovirt41_hostedengine_rhel7x64_qxl.ovf cluster-3.2 s41 vm \
	'os: OtherLinux type: server display: spice monitors: 1 usb: disabled ' "'rhel_7x64' has no oVirt 3.1 equivalent"
sample virtv2v136_ovirt_centos7_rhel7x64.ovf cluster-3.1 sv2v vm \
	'os: OtherLinux type: server display: spice monitors: 1 usb: disabled ' 'no oVirt 3.1 equivalent'
sample virtv2v_rhv_export_windows7.ovf cluster-3.1 srhv vm \
	'os: Windows7 type: desktop display: spice monitors: 1 usb: disabled ' ''
sample virtv2v_vdsm_ovirtflavour_windows7.ovf cluster-3.1 svdsm vm \
	'os: Windows7 type: desktop display: spice monitors: 1 usb: disabled ' ''
if [ -d "$SAMPLES" ]; then
	run spicecfg import ovf "$SAMPLES/ovirt41_hostedengine_rhel7x64_qxl.ovf"
	expect_rc 1 "a cluster named in the file must exist"
	expect_err_has "no cluster 'Default' (named in the file); use --cluster C" "says to use --cluster"
fi

# ---- hand-written oVirt 3.0 and 3.1 files ----
ovf() { # file version general os items
	cat >"$T/$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<ovf:Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1/" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ovf:version="$2">
  <Content ovf:id="out" xsi:type="ovf:VirtualSystem_Type">
$3
    <Section ovf:id="6d3c2b1a-0000-4000-8000-$(printf %s "$1" | md5sum | cut -c1-12)" ovf:required="false" xsi:type="ovf:OperatingSystemSection_Type">
      <Info>Guest Operating System</Info>
      <Description>$4</Description>
    </Section>
    <Section xsi:type="ovf:VirtualHardwareSection_Type">
      <Info>1 CPU, 1024 Memeory</Info>
$5
    </Section>
  </Content>
</ovf:Envelope>
XML
}
USB() { echo "<Item><rasd:Caption>USB Controller</rasd:Caption><rasd:InstanceId>3</rasd:InstanceId><rasd:ResourceType>23</rasd:ResourceType><rasd:UsbPolicy>$1</rasd:UsbPolicy></Item>"; }
MON() { echo "<Item><rasd:Caption>Graphical Controller</rasd:Caption><rasd:ResourceType>20</rasd:ResourceType><rasd:VirtualQuantity>$1</rasd:VirtualQuantity></Item>"; }

ovf h30.ovf 3.0.0.0 '<Name>h30</Name><VmType>0</VmType><DefaultDisplayType>1</DefaultDisplayType>' WindowsXP "$(USB Enabled)$(MON 2)"
run spicecfg import ovf "$T/h30.ovf" --cluster cluster-3.0
[ "$RC" -eq 0 ] && [ "$(show vm h30)" = 'os: WindowsXP type: desktop display: spice monitors: 2 usb: legacy ' ] &&
	ok "3.0 file: Enabled is legacy on a 3.0 Windows VM" || notok "3.0 file" "$ERR $(show vm h30)"
ovf h30l.ovf 3.0.0.0 '<Name>h30l</Name><DefaultDisplayType>1</DefaultDisplayType>' RHEL5x64 "$(USB Enabled)$(MON 1)"
run spicecfg import ovf "$T/h30l.ovf" --cluster cluster-3.1
[ "$RC" -eq 0 ] && [ "$(show vm h30l)" = 'os: RHEL5x64 type: desktop display: spice monitors: 1 usb: disabled ' ] &&
	ok "3.0 file: Linux with Enabled restored as disabled" || notok "3.0 Linux file" "$ERR"
expect_err_has "imported as disabled" "says why USB became disabled"
ovf h31.ovf 3.1.0.0 '<Name>h31</Name><VmType>0</VmType><DefaultDisplayType>1</DefaultDisplayType><MigrationSupport>0</MigrationSupport>' Windows7x64 "$(USB ENABLED_NATIVE)$(MON 4)$(MON 4)$(MON 4)$(MON 4)"
run spicecfg import ovf "$T/h31.ovf" --cluster cluster-3.1
[ "$RC" -eq 0 ] && [ "$(show vm h31)" = 'os: Windows7x64 type: desktop display: spice monitors: 4 usb: native ' ] &&
	ok "3.1 file: native, 4 monitors" || notok "3.1 file" "$ERR $(show vm h31)"
[ "$(spicecfg vm show h31 | sed -n 's/^migration: //p')" = pinned ] && ok "native pins migration" || notok "native pins migration" ""
ovf h31v.ovf 3.1.0.0 '<Name>h31v</Name><VmType>1</VmType><DefaultDisplayType>0</DefaultDisplayType>' rhel_6x64 "$(USB DISABLED)$(MON 1)"
run spicecfg import ovf "$T/h31v.ovf" --cluster cluster-3.2 --quiet
[ "$RC" -eq 0 ] && [ "$(show vm h31v)" = 'os: RHEL6x64 type: server display: vnc monitors: 1 usb: disabled ' ] &&
	ok "3.1 file: vnc server" || notok "3.1 vnc file" "$ERR"
expect_err_empty "--quiet prints nothing"

# ---- bad input: refused with file:line, store unchanged ----
snapshot
bad() { # file expected-rc stderr-substring what
	run spicecfg import ovf "$T/$1" --cluster cluster-3.1
	expect_rc "$2" "$4: exit $2"
	expect_err_has "$3" "$4: says $3"
	case "$ERR" in *root:x:0:0*) notok "$4: no local file contents echoed" "$ERR" ;; *) ok "$4: no local file contents echoed" ;; esac
	expect_unchanged "$4: store unchanged"
}
printf '<?xml version="1.0"?>\n<ovf:Envelope xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1/">\n<Content>\n</ovf:Envelope>\n' >"$T/malformed.ovf"
bad malformed.ovf 2 "malformed.ovf:4: not well-formed XML" "malformed XML"
printf '<?xml version="1.0"?>\n<domain type="kvm"/>\n' >"$T/wrongroot.ovf"
bad wrongroot.ovf 2 "wrongroot.ovf:2: root element is <domain>" "wrong root"
ovf unknownos.ovf 3.1.0.0 '<Name>u1</Name>' Plan9 ""
bad unknownos.ovf 2 "unknownos.ovf:7: unknown OS 'Plan9'; valid:" "unknown OS"
ovf badusb.ovf 3.1.0.0 '<Name>u2</Name>' Windows7 "$(USB Sometimes)"
bad badusb.ovf 2 "unknown UsbPolicy 'Sometimes'; valid: DISABLED, ENABLED_LEGACY, ENABLED_NATIVE" "unknown USB policy"
ovf badmon.ovf 3.1.0.0 '<Name>u3</Name>' Windows7 "$(MON 9)"
bad badmon.ovf 2 "badmon.ovf:11: invalid monitors '9'; valid: an integer 1..4" "out-of-range monitors"
ovf dup.ovf 3.1.0.0 '<Name>h31</Name>' Windows7 ""
bad dup.ovf 1 "vm 'h31' already exists; use --name N" "duplicate name"
printf '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<r>&x;</r>\n' >"$T/xxe.ovf"
bad xxe.ovf 2 "xxe.ovf:2: DOCTYPE declarations are not accepted" "XXE"
{ printf '<?xml version="1.0"?>\n<!DOCTYPE b [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">'
  p=a; for l in b c d e f g h i j; do printf '<!ENTITY %s "%s">' $l "$(printf "&$p;%.0s" 1 2 3 4 5 6 7 8 9 10)"; p=$l; done
  printf ']>\n<b>&j;</b>\n'; } >"$T/bomb.ovf"
bad bomb.ovf 2 "bomb.ovf:2: DOCTYPE declarations are not accepted" "entity bomb"
head -c 4096 /dev/urandom | tr '<' 'x' >"$T/junk.ovf"
bad junk.ovf 2 "junk.ovf" "binary junk"
: >"$T/empty.ovf"
bad empty.ovf 2 "empty.ovf: file is empty" "empty file"
bad missing.ovf 1 "missing.ovf: cannot open" "missing file"
{ echo '<?xml version="1.0"?><r>'; head -c 17000000 /dev/zero | tr '\0' ' '; echo '</r>'; } >"$T/big.ovf"
bad big.ovf 2 "files over 16 MiB are refused" "file over 16 MiB"

# One bad file spoils the batch unless --keep-going.
ovf ok1.ovf 3.1.0.0 '<Name>ok1</Name>' Windows7 ""
run spicecfg import ovf "$T/ok1.ovf" "$T/unknownos.ovf" --cluster cluster-3.1
expect_rc 2 "batch with a bad file fails"
expect_err_has "nothing imported" "says nothing was imported"
expect_unchanged "batch: store unchanged"
run spicecfg import ovf "$T/ok1.ovf" "$T/unknownos.ovf" --cluster cluster-3.1 --keep-going
expect_rc 2 "--keep-going reports the failure"
spicecfg vm show ok1 >/dev/null 2>&1 && ok "--keep-going imports the good files" || notok "--keep-going imports the good files" "$ERR"
run spicecfg import ovf "$T/ok1.ovf" "$T/h30.ovf" --name x --cluster cluster-3.1
expect_rc 2 "--name only with a single file"
run spicecfg import ovf "$T/ok1.ovf" --cluster nowhere
expect_rc 1 "unknown --cluster refused"
run spicecfg import ovf "$T/ok1.ovf"
expect_rc 2 "a file without a cluster needs --cluster"

# ---- directories: *.ovf and *.xml in name order, no symlink out ----
mkdir "$T/dir" "$T/outside"
ovf dir/b.ovf 3.1.0.0 '<Name>dir-b</Name>' Windows7 ""
ovf dir/a.xml 3.1.0.0 '<Name>dir-a</Name>' Windows7 ""
echo 'not ovf' >"$T/dir/notes.txt"
ovf outside/evil.ovf 3.1.0.0 '<Name>evil</Name>' Windows7 ""
ln -s "$T/outside/evil.ovf" "$T/dir/c.ovf"
run spicecfg import ovf "$T/dir" --cluster cluster-3.1
expect_rc 0 "import a directory"
a=$(echo "$ERR" | grep -n "imported vm 'dir-a'" | cut -d: -f1); b=$(echo "$ERR" | grep -n "imported vm 'dir-b'" | cut -d: -f1)
[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] && ok "directory files in name order" || notok "directory order" "$ERR"
expect_err_has "symbolic link leading out of" "symlink out of the directory skipped"
spicecfg vm show evil >/dev/null 2>&1 && notok "symlink target not imported" "" || ok "symlink target not imported"
