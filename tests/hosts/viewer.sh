#!/bin/sh
# remote-viewer on an applied domain (SPEC §10, §6): a VNC domain on a real
# libvirtd with the QEMU driver is pulled, set to SPICE with native USB and
# applied; QEMU starts it; `export vv` of the linked vm takes the running
# domain's listen address and the port libvirt gave it; remote-viewer under
# xvfb-run connects with that file and opens NumberOfUSBSlots usbredir
# channels, directly and through a real HTTP CONNECT proxy (tinyproxy).
# Skipped, visibly, where the daemon or the viewer cannot run.
. "$TOP/tests/lib.sh"
. "$TOP/tests/daemon.inc"
daemon_start qemu-img remote-viewer xvfb-run
qemu-img create -q -f qcow2 "$T/disk.qcow2" 64M
cat >"$T/dom.xml" <<XML
<domain type='$dtype'>
  <name>view01</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$T/disk.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video><model type='cirrus'/></video>
  </devices>
</domain>
XML
virsh define "$T/dom.xml" >/dev/null || skip "libvirt did not define the test domain"

spicecfg cluster add c1 version=3.1 >/dev/null
spicecfg host add kvm "uri=$URI" cluster=c1 >/dev/null
spicecfg pull kvm >/dev/null
spicecfg config -s NumberOfUSBSlots=3 >/dev/null
spicecfg vm set view01 display=spice usb=native >/dev/null 2>&1
run spicecfg apply --host kvm
expect_out "kvm/view01: applied
1 applied, 0 unchanged, 0 failed" "the domain is set to SPICE with native USB"

run spicecfg export vv view01
expect_rc 2 "export vv of a stopped domain is refused"
expect_err_has "vm 'view01': its domain on host kvm is not running, and its console has a port only while it runs" \
	"the message says why and what to do"
run virsh start view01
expect_rc 0 "QEMU starts the applied domain ($dtype)"
port=$(virsh dumpxml view01 | sed -n "s/.*<graphics type='spice' port='\([0-9]*\)'.*/\1/p")
run spicecfg export vv view01 -o "$T/view01.vv"
expect_rc 0 "export vv reads the running domain's address and port"
if grep -qx "host=127.0.0.1" "$T/view01.vv" && grep -qx "port=$port" "$T/view01.vv"; then
	ok "the file names the listen address and libvirt's port $port"
else
	notok "the file names the listen address and libvirt's port $port" "$(cat "$T/view01.vv")"
fi

SPICE_DEBUG=1 G_MESSAGES_DEBUG=all timeout 15 xvfb-run -a remote-viewer --debug \
	"$T/view01.vv" >"$T/rv.log" 2>&1
if grep -q "main-1:0: channel up" "$T/rv.log"; then
	ok "remote-viewer connects to the domain"
else
	notok "remote-viewer connects to the domain" "$(grep -i 'error\|fail' "$T/rv.log" | head -10)"
fi
up=$(sed -n 's/.* usbredir-9:\([0-9]*\): channel up.*/\1/p' "$T/rv.log" | sort -u | wc -l)
[ "$up" -eq 3 ] && ok "and opens NumberOfUSBSlots (3) usbredir channels" ||
	notok "and opens NumberOfUSBSlots (3) usbredir channels" "$up channels up"

# the same domain through a real HTTP CONNECT proxy (SPEC §9 proxy=): the
# cluster's spice_proxy reaches the file, and tinyproxy, started here with
# its own configuration, logs the CONNECT to the domain's port
if command -v tinyproxy >/dev/null; then
	PP=$(free_port "$port")
	cat >"$T/tinyproxy.conf" <<C
Port $PP
Listen 127.0.0.1
Allow 127.0.0.1
ConnectPort $port
LogLevel Connect
LogFile "$T/tinyproxy.log"
C
	tinyproxy -d -c "$T/tinyproxy.conf" >"$T/tinyproxy.out" 2>&1 &
	TPPID=$!
	trap 'kill "$TPPID" 2>/dev/null; sh "$TOP/tests/libvirtd.sh" stop "$LV"; rm -rf "$T"' EXIT
	i=0
	until grep -q "Reloading config file finished" "$T/tinyproxy.log" 2>/dev/null || [ $i -ge 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	spicecfg cluster set c1 "spice_proxy=http://127.0.0.1:$PP" >/dev/null
	spicecfg export vv view01 -o "$T/proxied.vv" 2>/dev/null
	grep -qx "proxy=http://127.0.0.1:$PP" "$T/proxied.vv" && ok "the file names the cluster's proxy" ||
		notok "the file names the cluster's proxy" "$(cat "$T/proxied.vv")"
	SPICE_DEBUG=1 G_MESSAGES_DEBUG=all timeout 15 xvfb-run -a remote-viewer --debug \
		"$T/proxied.vv" >"$T/rv-proxy.log" 2>&1
	if grep -q "main-1:0: channel up" "$T/rv-proxy.log" &&
		grep -q "CONNECT 127.0.0.1:$port " "$T/tinyproxy.log"; then
		ok "remote-viewer reaches the domain through the proxy, which logs the CONNECT"
	else
		notok "remote-viewer reaches the domain through the proxy, which logs the CONNECT" \
			"$(tail -5 "$T/tinyproxy.log"; grep -i 'error\|fail\|proxy' "$T/rv-proxy.log" | head -10)"
	fi
	kill "$TPPID" 2>/dev/null
	spicecfg cluster set c1 spice_proxy= >/dev/null
else
	echo "ok $((N + 1)) # SKIP tinyproxy is not installed"
	N=$((N + 1))
fi

# the vm says spice, the running domain still vnc: the file would not fit
spicecfg vm set view01 display=vnc >/dev/null 2>&1
run spicecfg export vv view01
expect_rc 2 "a vm whose domain runs another protocol is refused"
expect_err_has "vm 'view01' is set to vnc, but its domain on host kvm runs spice" "and says which"
spicecfg vm add loose cluster=c1 >/dev/null 2>&1
run spicecfg export vv loose
expect_rc 2 "a vm linked to no domain still needs --host and --port"
expect_err_has "vm 'loose' is not linked to a host domain" "and says so"
