#!/bin/sh
# The .vv's proxy= read by the real consumer (SPEC §9): remote-viewer under
# xvfb-run connects to a SPICE server (a QEMU started here) through a real
# HTTP CONNECT proxy (tinyproxy, started here on a free port with its own
# configuration).  The proxy's log shows the CONNECT and remote-viewer's
# debug output the main channel.  With --no-proxy the same client connects
# directly and the proxy sees nothing.  Skipped, visibly, when a tool is
# missing.
. "$TOP/tests/lib.sh"
skip() { echo "ok 1 # SKIP $1"; exit 0; }
for tool in qemu-system-x86_64 tinyproxy remote-viewer xvfb-run timeout; do
	command -v "$tool" >/dev/null || skip "$tool is not installed"
done
[ -z "${SPICECFG_MUTATE:-}" ] || skip "during a mutation run"

SP=$(free_port)
PP=$(free_port "$SP")
TPPID=
cleanup() {
	[ -n "$TPPID" ] && kill "$TPPID" 2>/dev/null
	for q in qemu qemu2; do
		[ -s "$T/$q.pid" ] && kill "$(cat "$T/$q.pid")" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT

cat >"$T/tinyproxy.conf" <<C
Port $PP
Listen 127.0.0.1
Allow 127.0.0.1
ConnectPort $SP
LogLevel Connect
LogFile "$T/tinyproxy.log"
MaxClients 16
Timeout 60
C
tinyproxy -d -c "$T/tinyproxy.conf" >"$T/tinyproxy.out" 2>&1 &
TPPID=$!

# A SPICE server: QEMU stopped before its first instruction (-S) serves the
# SPICE channels all the same; KVM where /dev/kvm opens, else TCG.
if (: <>/dev/kvm) 2>/dev/null; then accel=kvm; else accel=tcg; fi
qemu_spice() { # port, name (of its pid and output files)
	qemu-system-x86_64 -S -nodefaults -machine accel=$accel -m 64 -display none -vga qxl \
		-spice port="$1",addr=127.0.0.1,disable-ticketing=on \
		-daemonize -pidfile "$T/$2.pid" >"$T/$2.out" 2>&1
}
if ! qemu_spice "$SP" qemu; then
	notok "QEMU serves SPICE on 127.0.0.1:$SP ($accel)" "$(cat "$T/qemu.out")"
	exit 1
fi
ok "QEMU serves SPICE on 127.0.0.1:$SP ($accel)"
i=0
until grep -q "Reloading config file finished" "$T/tinyproxy.log" 2>/dev/null || [ $i -ge 50 ]; do
	sleep 0.1
	i=$((i + 1))
done

spicecfg cluster add c31 version=3.1
spicecfg vm add rv1 cluster=c31 os=RHEL6x64
spicecfg cluster set c31 spice_proxy=http://127.0.0.1:$PP

# Runs remote-viewer on a copy of the file (it deletes the file it opens)
# until the main channel opens, at most 60 s (a busy machine starts Xvfb and
# the viewer slowly).
view() { # vv, log
	cp "$1" "$1.open"
	timeout -k 5 70 xvfb-run -a remote-viewer --debug "$1.open" >"$2" 2>&1 &
	rv=$!
	i=0
	until grep -q 'main channel: opened' "$2" || [ $i -ge 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill "$rv" 2>/dev/null
	wait "$rv" 2>/dev/null
}
connects() { grep -c "Request (file descriptor [0-9]*): CONNECT 127.0.0.1:${1:-[0-9]*} " "$T/tinyproxy.log" 2>/dev/null; }

spicecfg export vv rv1 --host 127.0.0.1 --port "$SP" -o "$T/proxy.vv" 2>/dev/null
run grep '^proxy=' "$T/proxy.vv"
expect_out "proxy=http://127.0.0.1:$PP" "the .vv names the cluster's proxy"
view "$T/proxy.vv" "$T/rv-proxy.log"
if grep -q 'main channel: opened' "$T/rv-proxy.log"; then
	ok "remote-viewer opened the main channel through the proxy"
else
	notok "remote-viewer opened the main channel through the proxy" "$(tail -15 "$T/rv-proxy.log")"
fi
before=$(connects "$SP")
if [ "${before:-0}" -ge 1 ]; then
	ok "tinyproxy logged the CONNECT to 127.0.0.1:$SP ($before channels)"
else
	notok "tinyproxy logged the CONNECT to 127.0.0.1:$SP" "$(tail -15 "$T/tinyproxy.log")"
fi

# The direct client gets a SPICE server of its own (each scenario its own
# server, so one session's end cannot decide the next one's start).
SP2=$(free_port "$SP")
while [ "$SP2" = "$PP" ]; do SP2=$(free_port "$SP"); done
if ! qemu_spice "$SP2" qemu2; then
	notok "a second QEMU serves SPICE on 127.0.0.1:$SP2" "$(cat "$T/qemu2.out")"
	exit 1
fi
spicecfg export vv rv1 --host 127.0.0.1 --port "$SP2" --no-proxy -o "$T/direct.vv" 2>/dev/null
grep -q '^proxy=' "$T/direct.vv" && notok "--no-proxy leaves proxy= out" "$(cat "$T/direct.vv")" ||
	ok "--no-proxy leaves proxy= out"
view "$T/direct.vv" "$T/rv-direct.log"
if grep -q 'main channel: opened' "$T/rv-direct.log"; then
	ok "without proxy= remote-viewer connects directly"
else
	alive=no
	kill -0 "$(cat "$T/qemu2.pid" 2>/dev/null)" 2>/dev/null && alive=yes
	notok "without proxy= remote-viewer connects directly" "QEMU running: $alive; $(cat "$T/qemu2.out")
$(tail -15 "$T/rv-direct.log")"
fi
after=$(connects)  # to any port, the direct server's too
[ "${after:-0}" = "${before:-0}" ] && ok "and the proxy saw no CONNECT" ||
	notok "and the proxy saw no CONNECT" "before $before, after $after"
