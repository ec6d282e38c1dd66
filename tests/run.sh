#!/bin/sh
# Runs every test against the binaries in BUILD (default build/san) and ends
# with the line "N passed, N failed".  Each test program prints TAP lines
# ("ok ..." / "not ok ..."); a program that dies without them counts as one
# failure.
BUILD=${1:-build/san}
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
export SPICECFG="$TOP/$BUILD/spicecfg" TESTBIN="$TOP/$BUILD/tests" TOP
# intercept_tls_get_addr=0: the leak check at exit walks each thread's
# dynamic TLS as the sanitizer runtime recorded it, which for the TLS of
# libraries loaded on demand (libvirt) can hold a bogus range on this
# glibc, and the checker then dies ("Tracer caught signal 11") depending
# on where the process's memory happens to lie; leaks are still found.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:intercept_tls_get_addr=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CMOCKA_MESSAGE_OUTPUT=TAP
export LC_ALL=C.UTF-8
unset SPICECFG_DB XDG_DATA_HOME XDG_CONFIG_HOME NO_COLOR
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT
pass=0 fail=0 skip=0
run_one() { # name, command...
	name=$1; shift
	log="$LOG/$(echo "$name" | tr '/' '_').log"
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep '^ok ' "$log" | grep -vc '# SKIP')
	s=$(grep -c '^\(not \)\{0,1\}ok .*# SKIP' "$log")
	f=$(grep '^not ok ' "$log" | grep -vc '# SKIP')
	if [ $((p + f + s)) -eq 0 ] || { [ $rc -ne 0 ] && [ "$f" -eq 0 ]; }; then
		f=$((f + 1))
		echo "not ok - $name exited $rc" >>"$log"
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	printf '%-40s %4d passed %3d failed %3d skipped\n' "$name" "$p" "$f" "$s"
	if [ "$f" -gt 0 ]; then
		grep -B2 -A12 '^not ok' "$log" | head -80 | sed 's/^/    /'
	fi
}
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
for t in tests/cli/*.sh tests/export/*.sh tests/hosts/*.sh tests/pty/*.sh tests/fault/*.sh \
	tests/pkg/*.sh; do
	[ -f "$t" ] || continue
	run_one "$t" sh "$t"
done
# The store and CLI suites again on a throwaway PostgreSQL server.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -x "$PGBIN/initdb" ] && [ -z "${SPICECFG_NO_PG:-}" ]; then
	PGTMP=$(mktemp -d /tmp/spicecfg-pg.XXXXXX)
	chmod 755 "$PGTMP"
	if base=$(tests/pgserver.sh start "$PGTMP/pg"); then
		for t in tests/cli/config.sh tests/cli/objects.sh tests/cli/usb_options.sh \
			tests/cli/demo.sh tests/pty/conflict.sh tests/pty/draft.sh \
			tests/fault/rules_race.sh tests/pty/rules_write.sh tests/hosts/cli.sh \
			tests/hosts/link.sh tests/pty/paging.sh tests/cli/list_stream.sh \
			tests/pty/history_place.sh tests/pty/history_filter.sh tests/pty/quicksearch.sh \
			tests/pty/filter.sh \
			tests/pty/host_dialog.sh; do
			SPICECFG_TEST_PG="$base" run_one "pg:$t" sh "$t"
		done
		SPICECFG_TEST_PG="$base" run_one "pg:unit/test_keyset" "$BUILD/tests/test_keyset"
		SPICECFG_TEST_PG="$base" run_one "pg:unit/test_filter" "$BUILD/tests/test_filter"
		SPICECFG_TEST_PG="$base" run_one "pg:unit/test_audit_filter" "$BUILD/tests/test_audit_filter"
		# last: this one stops the server under an open session
		SPICECFG_TEST_PG="$base" SPICECFG_TEST_PG_STOP="tests/pgserver.sh stop $PGTMP/pg" \
			run_one "pg:unit/test_store_pg" "$BUILD/tests/test_store_pg"
	else
		run_one "pg:server" sh -c "echo 'not ok 1 - start a PostgreSQL test server'; cat '$PGTMP/pg/initdb.log'"
	fi
	tests/pgserver.sh stop "$PGTMP/pg"
	rm -rf "$PGTMP"
else
	run_one "pg" echo "ok 1 # SKIP no PostgreSQL server installed"
fi
if [ -x tests/fuzz/run.sh ] && [ -z "${SPICECFG_NO_FUZZ:-}" ]; then
	run_one "fuzz" tests/fuzz/run.sh build/fuzz "${FUZZ_SECONDS:-10}"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
