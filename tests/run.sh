#!/bin/sh
# Runs every test against the binaries in BUILD (default build/san) and ends
# with the line "N passed, N failed".  Each test program prints TAP lines
# ("ok ..." / "not ok ..."); a program that dies without them counts as one
# failure.
BUILD=${1:-build/san}
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
export SPICECFG="$TOP/$BUILD/spicecfg" TESTBIN="$TOP/$BUILD/tests" TOP
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CMOCKA_MESSAGE_OUTPUT=TAP
export LC_ALL=C.UTF-8
unset SPICECFG_DB XDG_DATA_HOME XDG_CONFIG_HOME NO_COLOR
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT
pass=0 fail=0
run_one() { # name, command...
	name=$1; shift
	log="$LOG/$(echo "$name" | tr '/' '_').log"
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ $((p + f)) -eq 0 ] || { [ $rc -ne 0 ] && [ "$f" -eq 0 ]; }; then
		f=$((f + 1))
		echo "not ok - $name exited $rc" >>"$log"
	fi
	pass=$((pass + p)) fail=$((fail + f))
	printf '%-40s %4d passed %3d failed\n' "$name" "$p" "$f"
	if [ "$f" -gt 0 ]; then
		grep -B2 -A12 '^not ok' "$log" | head -80 | sed 's/^/    /'
	fi
}
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
for t in tests/cli/*.sh tests/export/*.sh tests/pty/*.sh tests/fault/*.sh; do
	[ -f "$t" ] || continue
	run_one "$t" sh "$t"
done
if [ -x tests/fuzz/run.sh ] && [ -z "${SPICECFG_NO_FUZZ:-}" ]; then
	run_one "fuzz" tests/fuzz/run.sh build/fuzz "${FUZZ_SECONDS:-10}"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
