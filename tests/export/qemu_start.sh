#!/bin/sh
# Exported domains with the console options of SPEC §9 on a real libvirtd
# with the QEMU driver: defined and started, and the settings reach QEMU's
# command line (one qxl device with 4 outputs, clipboard and file transfer
# off, the UsbFilter as the usb-redir devices' filter).  Skipped, visibly,
# where the daemon cannot run (not root, packages missing).
. "$TOP/tests/lib.sh"
. "$TOP/tests/daemon.inc"
daemon_start

spicecfg cluster add c32 version=3.2
spicecfg config -s 'UsbFilter=0x08,-1,-1,-1,0|-1,-1,-1,-1,1'
spicecfg vm add qlin cluster=c32 os=RHEL6x64 monitors=4 memory=256 copy_paste=false \
	file_transfer=false usb=native 2>/dev/null

start() { # name: export, define, start; prints QEMU's command line
	spicecfg export domxml "$1" | sed "s/<domain type='kvm'>/<domain type='$dtype'>/" >"$T/$1.xml"
	if ! virsh define "$T/$1.xml" >"$T/.v" 2>&1; then
		notok "libvirt defines $1" "$(cat "$T/.v")"; return 1; fi
	ok "libvirt defines $1"
	if ! virsh start "$1" >"$T/.v" 2>&1; then
		notok "QEMU starts $1 ($dtype)" "$(cat "$T/.v"; tail -5 "$LV/log/qemu/$1.log" 2>/dev/null)"; return 1; fi
	ok "QEMU starts $1 ($dtype)"
	pid=$(cat "$LV/run/qemu/$1.pid" 2>/dev/null)
	tr '\0' '\n' <"/proc/$pid/cmdline" >"$T/$1.cmd" 2>/dev/null
}

if start qlin; then
	# -device arguments as QEMU takes them: key=value or JSON
	sed 's/[{}"]//g; s/:/=/g' "$T/qlin.cmd" | sed 's/^driver=//' >"$T/qlin.dev"
	n=$(grep -c -E '^(qxl-vga|qxl),' "$T/qlin.dev")
	[ "$n" = 1 ] && ok "one qxl device" || notok "one qxl device" "$(grep qxl "$T/qlin.cmd")"
	grep -q -E '^qxl-vga,.*max_outputs=4' "$T/qlin.dev" && ok "the qxl device has 4 outputs (heads=4)" ||
		notok "heads=4 reaches QEMU" "$(grep qxl "$T/qlin.cmd")"
	grep -q -E 'ram_size=268435456' "$T/qlin.dev" && grep -q 'vgamem_mb=64' "$T/qlin.dev" &&
		ok "video memory for 4 heads reaches QEMU" || notok "video memory" "$(grep qxl "$T/qlin.cmd")"
	spice=$(grep -A1 -x -- -spice "$T/qlin.cmd" | tail -1)
	case $spice in *disable-copy-paste=on*) ok "clipboard off reaches -spice" ;;
	*) notok "disable-copy-paste" "$spice" ;; esac
	case $spice in *disable-agent-file-xfer=on*) ok "file transfer off reaches -spice" ;;
	*) notok "disable-agent-file-xfer" "$spice" ;; esac
	n=$(grep -c -F '"filter":"0x08:-1:-1:-1:0|-1:-1:-1:-1:1"' "$T/qlin.cmd")
	n2=$(grep -c -F 'filter=0x08:-1:-1:-1:0|-1:-1:-1:-1:1' "$T/qlin.cmd")
	[ $((n + n2)) -eq 4 ] &&
		ok "the redirfilter reaches the usb-redir devices" ||
		notok "usb-redir filter" "$(grep usb-redir "$T/qlin.cmd")"
	grep -q -E 'name(=|":")com.redhat.spice.0' "$T/qlin.cmd" && ok "the agent channel reaches QEMU" ||
		notok "agent channel" "$(grep spicevmc "$T/qlin.cmd")"
	virsh destroy qlin >/dev/null 2>&1
fi

# WAN on the server (SPEC §9): a Windows guest with wan on gets the
# compression and streaming elements, and QEMU's -spice gets them; with
# SingleQxlPciEnabled off (3.1) its 2 monitors stay 2 qxl devices.
spicecfg cluster add c31 version=3.1
spicecfg vm add qwin cluster=c31 os=Windows7x64 monitors=2 memory=256 wan=true
if start qwin; then
	spice=$(grep -A1 -x -- -spice "$T/qwin.cmd" | tail -1)
	for o in image-compression=auto_glz jpeg-wan-compression=always zlib-glz-wan-compression=always \
		playback-compression=on streaming-video=filter; do
		case $spice in *"$o"*) ok "WAN: $o reaches -spice" ;;
		*) notok "WAN: $o reaches -spice" "$spice" ;; esac
	done
	n=$(sed 's/[{}"]//g; s/:/=/g; s/^driver=//' "$T/qwin.cmd" | grep -c -E '^(qxl-vga|qxl),')
	[ "$n" = 2 ] && ok "2 monitors without SingleQxlPciEnabled: 2 qxl devices" ||
		notok "2 qxl devices" "$(grep qxl "$T/qwin.cmd")"
	virsh destroy qwin >/dev/null 2>&1
fi
