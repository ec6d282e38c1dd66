#!/bin/sh
# Builds every tests/fuzz/fuzz_*.c with clang's libFuzzer, ASan and UBSan
# against a clang-built copy of the library, and runs each for SECONDS from
# its seed corpus (tests/fuzz/corpus/NAME/).  New inputs go to BUILDDIR,
# never into the repository.  A target may ask for more libraries with a
# line "// pkg-config: PKG...".  Prints one TAP line per target.
#   tests/fuzz/run.sh BUILDDIR SECONDS
BUILD=${1:-build/fuzz}
SECS=${2:-60}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP" || exit 1
CC=${FUZZ_CC:-clang}
PKGS="ncursesw libconfig libxml-2.0 sqlite3"
LIB="$BUILD/lib"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-std=c11 -D_GNU_SOURCE -DSPICECFG_VERSION=\"fuzz\" -DSPICECFG_DATADIR=\"/nonexistent\"
	-I. -g -O1 $SAN $(pkg-config --cflags $PKGS 2>/dev/null)"

if ! command -v "$CC" >/dev/null; then
	echo "ok 1 - fuzz # SKIP $CC not installed"
	exit 0
fi

# The library, each source on its own: a file that does not build (another
# part of the tree in progress) only fails the targets that need it.
build_lib() {
	mkdir -p "$LIB/gen"
	rm -f "$LIB"/*.o
	make -s --no-print-directory BUILD="$LIB" "$LIB/gen/optdefs_blob.c" >/dev/null 2>&1
	: >"$LIB/build.log"
	for src in model/*.c store/*.c tui/*.c cli/*.c "$LIB/gen/optdefs_blob.c"; do
		[ -f "$src" ] && [ "$src" != cli/main.c ] || continue
		echo "$src"
	done | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} sh -c \
		'o="$1/$(echo "$2" | tr / _).o"; $3 $4 -fsanitize=fuzzer-no-link -c -o "$o" "$2" 2>"$o.log" || rm -f "$o"' \
		sh "$LIB" {} "$CC" "$CFLAGS"
	rm -f "$LIB/libfuzz.a"
	ar rcs "$LIB/libfuzz.a" "$LIB"/*.o
}
build_lib

n=0 failed=0
for f in tests/fuzz/fuzz_*.c; do
	name=$(basename "$f" .c)
	target=${name#fuzz_}
	n=$((n + 1))
	extra=$(sed -n 's,^// pkg-config: ,,p' "$f")
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS -fsanitize=fuzzer $(pkg-config --cflags $extra 2>/dev/null) -o "$BUILD/$name" \
		"$f" "$LIB/libfuzz.a" $(pkg-config --libs $PKGS $extra 2>/dev/null) -lm \
		>"$BUILD/$name.build.log" 2>&1; then
		echo "not ok $n - $name builds"
		sed 's/^/#   /' "$BUILD/$name.build.log" | head -20
		failed=1
		continue
	fi
	mkdir -p "$BUILD/corpus-$target"
	seeds="tests/fuzz/corpus/$target"
	[ -d "$seeds" ] || seeds=
	if "$BUILD/$name" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$BUILD/$name-" \
		"$BUILD/corpus-$target" $seeds >"$BUILD/$name.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$BUILD/$name.log")
		echo "ok $n - $name ${SECS}s, ${runs:-?} runs, no crash"
	else
		echo "not ok $n - $name found a crash (see $BUILD/$name.log)"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$BUILD/$name.log" | head -10 | sed 's/^/#   /'
		failed=1
	fi
done
exit $failed
