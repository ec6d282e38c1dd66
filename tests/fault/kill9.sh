# kill -9 at random moments of a bulk write (demo --vms N, a bulk import):
# the store stays consistent (PRAGMA integrity_check) and the write is all
# or nothing.  Short here; SPICECFG_SLOW=1 runs the full 200000 VMs and
# more kills.  FAULT_SEED=N repeats a run's moments.
. "$TOP/tests/lib.sh"
. "$TOP/tests/fault/fault.inc"
if [ -n "$SLOW" ]; then NVMS=200000 KILLS=12 NOVF=1000 IKILLS=8
else NVMS=20000 KILLS=4 NOVF=150 IKILLS=3; fi
echo "# seed $FAULT_SEED ($NVMS VMs, $KILLS kills; $NOVF files, $IKILLS kills)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$T/asan"
DB=$T/s.db
spicecfg --db "$DB" demo >/dev/null 2>&1

ms_now() { date +%s%N | cut -c1-13; }

# kill_at DELAY_MS CMD...: starts CMD, kills it with SIGKILL after DELAY_MS
# (unless it ended first); KILLED says which.
kill_at() {
	delay=$1
	shift
	"$@" >/dev/null 2>"$T/.killerr" &
	pid=$!
	sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
	if kill -9 "$pid" 2>/dev/null; then KILLED=1; else KILLED=0; fi
	wait "$pid" 2>/dev/null
	STATUS=$?
}

# How long one full run takes, so the kills land inside it.
t0=$(ms_now)
spicecfg --db "$T/timing.db" demo --vms "$NVMS" >/dev/null 2>&1
full=$(($(ms_now) - t0))
rm -f "$T"/timing.db*
echo "# one demo --vms $NVMS takes ${full} ms"

done_runs=0 mid_kills=0 i=0
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	n0=$(count_objects "$DB")
	rnd $((full * 11 / 10 + 1))
	delay=$R
	kill_at "$delay" "$SPICECFG" --db "$DB" demo --vms "$NVMS"
	n1=$(count_objects "$DB")
	expect_store_ok "demo kill $i at ${delay} ms: integrity_check ok" "$DB"
	if [ "$n1" = "$n0" ]; then
		ok "demo kill $i: nothing written ($n1 objects)"
		mid_kills=$((mid_kills + KILLED))
	elif [ "$n1" = "$((n0 + NVMS))" ]; then
		ok "demo kill $i: all $NVMS written (it had committed)"
		done_runs=$((done_runs + 1))
	else
		notok "demo kill $i: all or nothing" "objects before $n0, after $n1 (want $n0 or $((n0 + NVMS)))"
	fi
	run spicecfg --db "$DB" vm show xp-office
	expect_rc 0 "demo kill $i: the store opens and reads afterwards"
done
echo "# $mid_kills kills inside the transaction, $done_runs runs had committed"
# the store still takes a full bulk write after all that
n0=$(count_objects "$DB")
run spicecfg --db "$DB" demo --vms 1000
expect_rc 0 "a bulk write after the kills works"
run count_objects "$DB"
expect_out "$((n0 + 1000))" "and writes every row"
expect_store_ok "integrity_check ok at the end" "$DB"

# ---- bulk import ----
mkdir "$T/ovf"
spicecfg --db "$T/src.db" demo >/dev/null 2>&1
spicecfg --db "$T/src.db" export ovf win7-dev01 -o "$T/one.ovf" 2>/dev/null
u=$(spicecfg --db "$T/src.db" vm show win7-dev01 | sed -n 's/^uuid: //p')
i=1
while [ $i -le "$NOVF" ]; do
	name=$(printf 'imp-%05d' $i)
	# each file a VM of its own: its own name and UUID
	sed "s/win7-dev01/$name/g; s/$u/6d3c2b1a-4444-4000-8000-$(printf %012d $i)/g" "$T/one.ovf" >"$T/ovf/$name.ovf"
	i=$((i + 1))
done
IDB=$T/import.db
spicecfg --db "$IDB" demo >/dev/null 2>&1
spicecfg --db "$T/itiming.db" demo >/dev/null 2>&1
t0=$(ms_now)
spicecfg --db "$T/itiming.db" import ovf "$T/ovf" --cluster cluster-3.1 >/dev/null 2>&1
run count_objects "$T/itiming.db"
expect_out "$((25 + NOVF))" "the bulk import takes all $NOVF files"
full=$(($(ms_now) - t0))
i=0
while [ $i -lt "$IKILLS" ]; do
	i=$((i + 1))
	n0=$(count_objects "$IDB")
	rnd $((full + 1))
	delay=$R
	kill_at "$delay" "$SPICECFG" --db "$IDB" import ovf "$T/ovf" --cluster cluster-3.1
	n1=$(count_objects "$IDB")
	expect_store_ok "import kill $i at ${delay} ms: integrity_check ok" "$IDB"
	if [ "$n1" = "$n0" ]; then ok "import kill $i: nothing imported"
	elif [ "$n1" = "$((n0 + NOVF))" ]; then
		ok "import kill $i: all $NOVF imported (it had committed)"
		# the next kill must again start from nothing imported
		rm -f "$IDB" "$IDB-wal" "$IDB-shm"
		spicecfg --db "$IDB" demo >/dev/null 2>&1
	else
		notok "import kill $i: all or nothing" "objects before $n0, after $n1 (want $n0 or $((n0 + NOVF)))"
	fi
done

# A kill that lands while the sanitizer runtime is ending the process may
# leave its log file created but empty: only a file with a report counts.
reports=$(find "$T" -maxdepth 1 -name 'asan.*' -size +0 2>/dev/null)
if [ -n "$reports" ]; then
	# shellcheck disable=SC2086
	notok "no sanitizer report from the killed runs" "$(cat $reports | head -30)"
else ok "no sanitizer report from the killed runs"; fi
