#!/bin/sh
# libvirt's client library is loaded only by a command that touches a host
# (SPEC §10): the program does not link it, and commands on the store do
# not load it.  The dynamic loader's own trace shows what a process loads.
. "$TOP/tests/lib.sh"
L="$TESTBIN/livehost"
loads() { # libname, command...: does the process load the library?
	lib=$1
	shift
	LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld" "$@" >/dev/null 2>&1
	cat "$T"/ld.* 2>/dev/null | grep -q "file=$lib"
	r=$?
	rm -f "$T"/ld.*
	return $r
}
if readelf -d "$SPICECFG" | grep NEEDED | grep -q libvirt; then
	notok "spicecfg does not link libvirt" "$(readelf -d "$SPICECFG" | grep NEEDED)"
else
	ok "spicecfg does not link libvirt"
fi
spicecfg vm add web01 >/dev/null 2>&1
spicecfg cluster add c1 version=3.1 >/dev/null 2>&1
spicecfg host add h1 uri=qemu+ssh://root@kvm1/system cluster=c1 >/dev/null 2>&1
for cmd in "vm list" "vm show web01" "config -a" "export domxml web01" "host list" "host show h1" \
	"host set h1 uri=qemu+ssh://root@kvm2/system"; do
	# shellcheck disable=SC2086
	if loads libvirt.so spicecfg $cmd; then notok "$cmd does not load libvirt" ""; else
		ok "$cmd does not load libvirt"
	fi
done
# The trace does see libvirt where a host is opened.
if loads libvirt.so.0 "$L" caps test:///default; then ok "opening a host loads libvirt"; else
	notok "opening a host loads libvirt" ""
fi
if loads libvirt.so.0 "$L" pull "$TOP/../shared/libvirt-samples/graphics-spice.x86_64-latest.xml"; then
	notok "reading domain XML does not load libvirt" ""
else
	ok "reading domain XML does not load libvirt"
fi
