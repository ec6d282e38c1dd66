#!/bin/sh
# The rules hold inside the write, not only before it: a site option changed
# at the same moment as an object never leaves the object outside the rules,
# and processes setting different fields of one VM at once all succeed.
# Each loop is bounded in rounds and in time (RACE_ROUNDS, RACE_SECONDS).
. "$TOP/tests/lib.sh"
. "$TOP/tests/fault/fault.inc"
ROUNDS=${RACE_ROUNDS:-20}
SECONDS_MAX=${RACE_SECONDS:-60}
spicecfg cluster add c31 version=3.1 >/dev/null 2>&1
spicecfg vm add race cluster=c31 os=Windows7x64 >/dev/null 2>&1
run spicecfg vm show race
expect_rc 0 "a VM to race on"

now_s() { date +%s; }

# race_loop NAME RESET OPTION OBJECT CHECK: RESET (a command list) before
# each round, then OPTION and OBJECT at the same time; CHECK (a shell
# function) says what is wrong with the outcome, or nothing.
race_loop() {
	name=$1 reset=$2 option=$3 object=$4 check=$5
	bad="" rounds=0 refused=0 t0=$(now_s)
	while [ $rounds -lt "$ROUNDS" ] && [ $(($(now_s) - t0)) -lt "$SECONDS_MAX" ]; do
		rounds=$((rounds + 1))
		eval "$reset" >/dev/null 2>&1
		# shellcheck disable=SC2086
		"$SPICECFG" $option >"$T/o.out" 2>"$T/o.err" &
		p1=$!
		# shellcheck disable=SC2086
		"$SPICECFG" $object >"$T/v.out" 2>"$T/v.err" &
		p2=$!
		wait $p1
		r1=$?
		wait $p2
		r2=$?
		if [ $r1 -ne 0 ]; then bad="round $rounds: '$option' exited $r1: $(cat "$T/o.err")"; break; fi
		case $r2 in
		0) ;;
		2) refused=$((refused + 1))
			# refused with the rule's reason, not with a conflict
			if ! grep -q "$RACE_REASON" "$T/v.err"; then
				bad="round $rounds: '$object' refused without the rule's reason: $(cat "$T/v.err")"
				break
			fi ;;
		*) bad="round $rounds: '$object' exited $r2: $(cat "$T/v.err")"; break ;;
		esac
		why=$($check)
		if [ -n "$why" ]; then bad="round $rounds: $why"; break; fi
	done
	if [ -z "$bad" ]; then ok "$name: the rules hold after each of $rounds rounds ($refused refused)"
	else notok "$name: the rules hold after every round" "$bad"; fi
}

# native USB against NativeUSBEnabled=false: never native, never a redirdev
RACE_REASON="site option NativeUSBEnabled"
check_native() {
	usb=$("$SPICECFG" vm show race | sed -n 's/^usb: //p')
	opt=$("$SPICECFG" config -g NativeUSBEnabled --cver 3.1)
	case "$opt" in *true*) echo "the option is still true: $opt"; return ;; esac
	[ "$usb" = native ] && { echo "usb is native while NativeUSBEnabled is false"; return; }
	n=$("$SPICECFG" export domxml race | grep -c "<redirdev")
	[ "$n" -eq 0 ] || echo "the export has $n redirdevs"
}
race_loop "native USB vs NativeUSBEnabled=false" \
	"spicecfg config -s NativeUSBEnabled=true --cver 3.1; spicecfg vm set race usb=disabled monitors=1" \
	"config -s NativeUSBEnabled=false --cver 3.1" "vm set race usb=native" check_native

# four monitors against ValidNumOfMonitors=1
RACE_REASON="ValidNumOfMonitors"
check_monitors() {
	mon=$("$SPICECFG" vm show race | sed -n 's/^monitors: //p')
	opt=$("$SPICECFG" config -g ValidNumOfMonitors)
	[ "$opt" = "ValidNumOfMonitors: 1 version: general" ] || { echo "option is $opt"; return; }
	[ "$mon" = 1 ] || { echo "monitors is $mon while ValidNumOfMonitors is 1"; return; }
	n=$("$SPICECFG" export domxml race | grep -c "<video>")
	[ "$n" -eq 1 ] || echo "the export has $n video devices"
}
race_loop "monitors=4 vs ValidNumOfMonitors=1" \
	"spicecfg config -s ValidNumOfMonitors=1,2,4; spicecfg vm set race monitors=1 usb=disabled" \
	"config -s ValidNumOfMonitors=1" "vm set race monitors=4" check_monitors
spicecfg config -s ValidNumOfMonitors=1,2,4 >/dev/null 2>&1

# native USB against the cluster going back to 3.0
spicecfg config -s NativeUSBEnabled=true --cver 3.1 >/dev/null 2>&1
RACE_REASON="native USB redirection needs cluster version 3.1"
check_cluster() {
	usb=$("$SPICECFG" vm show race | sed -n 's/^usb: //p')
	ver=$("$SPICECFG" cluster show c31 | sed -n 's/^version: //p')
	[ "$ver" = 3.0 ] || { echo "cluster version is $ver"; return; }
	[ "$usb" = native ] && echo "usb is native on a 3.0 cluster"
}
race_loop "native USB vs cluster version 3.0" \
	"spicecfg cluster set c31 version=3.1; spicecfg vm set race usb=disabled" \
	"cluster set c31 version=3.0" "vm set race usb=native" check_cluster
spicecfg cluster set c31 version=3.1 >/dev/null 2>&1

# Four processes, each setting a different field: all succeed, all land.
bad="" rounds=0 t0=$(now_s)
while [ $rounds -lt "$ROUNDS" ] && [ $(($(now_s) - t0)) -lt "$SECONDS_MAX" ]; do
	rounds=$((rounds + 1))
	spicecfg vm set race cpus=1 memory=1024 description=start smartcard=false >/dev/null 2>&1
	cpus=$((rounds % 7 + 2)) mem=$((2048 + rounds))
	"$SPICECFG" vm set race cpus=$cpus 2>"$T/e1" & p1=$!
	"$SPICECFG" vm set race memory=$mem 2>"$T/e2" & p2=$!
	"$SPICECFG" vm set race description=round$rounds 2>"$T/e3" & p3=$!
	"$SPICECFG" vm set race smartcard=true 2>"$T/e4" & p4=$!
	fails=""
	for p in $p1 $p2 $p3 $p4; do wait "$p" || fails="$fails $p"; done
	if [ -n "$fails" ]; then bad="round $rounds: a set failed: $(cat "$T/e1" "$T/e2" "$T/e3" "$T/e4")"; break; fi
	got=$("$SPICECFG" vm show race | grep -E '^(cpus|memory|description|smartcard):' | sort | tr '\n' ' ')
	want="cpus: $cpus description: round$rounds memory: $mem smartcard: true "
	if [ "$got" != "$want" ]; then bad="round $rounds: got '$got', want '$want'"; break; fi
done
if [ -z "$bad" ]; then ok "four sets of different fields at once: all succeed and land ($rounds rounds)"
else notok "four sets of different fields at once: all succeed and land" "$bad"; fi

# The check is inside the write: an object the current options do not allow
# is refused by the store whatever the caller believed, with the reason, and
# nothing changes (here the option changed between the read and the write).
spicecfg config -s NativeUSBEnabled=false --cver 3.1 >/dev/null 2>&1
spicecfg vm set race usb=disabled >/dev/null 2>&1
snapshot
run spicecfg vm set race usb=native
expect_rc 2 "native while NativeUSBEnabled is false: usage error"
expect_err_has "native USB redirection is turned off for cluster version 3.1 (site option NativeUSBEnabled)" \
	"the refusal names the rule"
expect_unchanged "a refused set changes nothing"
