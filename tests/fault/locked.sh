# A store locked by another writer: every write waits the busy timeout, then
# fails with a clear message and exit 1, having changed nothing; readers are
# not blocked by a writer (WAL); once the lock is gone the same write works.
. "$TOP/tests/lib.sh"
. "$TOP/tests/fault/fault.inc"
DB=$T/s.db
spicecfg --db "$DB" demo >/dev/null 2>&1
spicecfg --db "$T/src.db" demo >/dev/null 2>&1
spicecfg --db "$T/src.db" export ovf xp-office -o "$T/x.ovf" 2>/dev/null

ms_now() { date +%s%N | cut -c1-13; }

# hold_lock MODE: another process takes the write lock and keeps it until
# release_lock.  MODE: immediate (a writer; readers go on) or exclusive
# (also keeps readers out).
hold_lock() {
	rm -f "$T/fifo" "$T/locked"
	mkfifo "$T/fifo"
	sqlite3 "$DB" <"$T/fifo" >"$T/locked" 2>&1 &
	LOCKER=$!
	exec 7>"$T/fifo"
	if [ "$1" = exclusive ]; then
		echo "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;" >&7
	else
		echo "BEGIN IMMEDIATE;" >&7
	fi
	echo "INSERT INTO audit(at, who, object, field) VALUES ('x', 'locker', 'x', 'x');" >&7
	echo "SELECT 'holding';" >&7
	i=0
	while ! grep -q holding "$T/locked" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	grep -q holding "$T/locked" && ok "another process holds the $1 lock" ||
		notok "another process holds the $1 lock" "$(cat "$T/locked")"
}
release_lock() {
	echo "ROLLBACK;" >&7
	exec 7>&-
	wait "$LOCKER"
}

export SPICECFG_BUSY_TIMEOUT_MS=400
hold_lock immediate
snapshot_db=$(sqlite3 "$DB" "SELECT count(*) FROM objects; SELECT group_concat(cpus) FROM objects;
	SELECT count(*) FROM vdc_options")
for cmd in "vm set xp-office cpus=3" "vm add lock-new cluster=cluster-3.1" "vm rm rhel6-vnc" \
	"config -s NumberOfUSBSlots=2" "cluster add lockc version=3.2" "demo --vms 50" \
	"import ovf $T/x.ovf --cluster cluster-3.1 --name lock-imported"; do
	t0=$(ms_now)
	# shellcheck disable=SC2086
	run spicecfg --db "$DB" $cmd
	took=$(($(ms_now) - t0))
	expect_rc 1 "locked: $cmd fails"
	expect_err_has "is locked by another writer (waited 400 ms)" "locked: $cmd says why and how long"
	expect_clean "locked: $cmd ends cleanly"
	if [ "$took" -ge 350 ] && [ "$took" -lt 5000 ]; then ok "locked: $cmd waited the timeout (${took} ms)"
	else notok "locked: $cmd waited the timeout" "took ${took} ms, timeout 400 ms"; fi
done
run spicecfg --db "$DB" vm show xp-office
expect_rc 0 "a writer does not keep readers out"
expect_out_has "cpus: 2" "readers see the last committed state"
release_lock
run sqlite3 "$DB" "SELECT count(*) FROM objects; SELECT group_concat(cpus) FROM objects;
	SELECT count(*) FROM vdc_options"
expect_out "$snapshot_db" "nothing was written while the store was locked"
run spicecfg --db "$DB" vm set xp-office cpus=3
expect_rc 0 "the lock gone, the same write works"

# a lock released within the timeout: the writer waits and succeeds
export SPICECFG_BUSY_TIMEOUT_MS=5000
hold_lock immediate
( sleep 0.5; echo "COMMIT;" >&7 ) &
committer=$!
run spicecfg --db "$DB" vm set xp-office cpus=4
expect_rc 0 "a lock released within the busy timeout: the write waits and succeeds"
wait "$committer"
exec 7>&-
wait "$LOCKER"
run spicecfg --db "$DB" vm show xp-office
expect_out_has "cpus: 4" "and its change is there"

# an exclusive lock keeps readers out too: they wait, then say so
export SPICECFG_BUSY_TIMEOUT_MS=300
hold_lock exclusive
for cmd in "vm list" "vm set xp-office cpus=1"; do
	# shellcheck disable=SC2086
	run spicecfg --db "$DB" $cmd
	expect_rc 1 "exclusively locked: $cmd fails"
	expect_err_has "is locked by another writer (waited 300 ms)" "exclusively locked: $cmd says why"
	expect_clean "exclusively locked: $cmd ends cleanly"
done
release_lock
run spicecfg --db "$DB" vm show xp-office
expect_out_has "cpus: 4" "nothing changed under the exclusive lock"
expect_store_ok "integrity_check ok at the end" "$DB"
