# `vm list` prints its rows as they come from the store, on SQLite and on
# PostgreSQL: the peak memory of listing 20,000 VMs stays within a few MiB
# of listing 500 (a list held whole grows by some 15 MiB between the two).
. "$TOP/tests/lib.sh"
# peak resident KiB of a command, or -1 if it failed
peak() {
	python3 -c 'import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if r.returncode == 0 else -1)' "$@"
}
# ASan sets freed memory aside before reuse; a streamed row frees its own
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=0"
SMALL=500 BIG=20000
spicecfg demo --vms $SMALL >/dev/null 2>&1
for f in tsv json table; do
	eval "small_$f=\$(peak \"\$SPICECFG\" vm list --format $f --sort os)"
done
spicecfg demo --vms $((BIG - SMALL)) >/dev/null 2>&1
n=$(spicecfg vm list --format tsv --sort os | grep -c '^gen-')
[ "$n" -eq $BIG ] && ok "all $BIG generated VMs listed" || notok "all $BIG generated VMs listed" "$n rows"
for f in tsv json table; do
	big=$(peak "$SPICECFG" vm list --format $f --sort os)
	eval "small=\$small_$f"
	if [ "$small" -gt 0 ] && [ "$big" -gt 0 ] && [ $((big - small)) -lt 5120 ]; then
		ok "--format $f: $BIG rows in the memory of $SMALL"
	else
		notok "--format $f: $BIG rows in the memory of $SMALL" "peak $big KiB vs $small KiB"
	fi
done
