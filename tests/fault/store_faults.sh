# A store that cannot be used as asked: read-only, in a missing directory, on
# a full disk, corrupted, or written by a newer spicecfg.  Each command
# either works or fails with a clear message and exit 1; nothing crashes
# and a failed command leaves the store file exactly as it was.
. "$TOP/tests/lib.sh"
. "$TOP/tests/fault/fault.inc"
export SPICECFG_BUSY_TIMEOUT_MS=2000
spicecfg --db "$T/ovfsrc.db" demo >/dev/null 2>&1
spicecfg --db "$T/ovfsrc.db" export ovf xp-office -o "$T/x.ovf" 2>/dev/null

# write commands tried on every broken store; "import" names a fresh VM
WRITES="vm-set vm-add vm-rm config-set demo import"
write_cmd() { # name -> the command line (words)
	case $1 in
	vm-set) echo "vm set xp-office cpus=3" ;;
	vm-add) echo "vm add fault-new cluster=cluster-3.1 os=RHEL6x64" ;;
	vm-rm) echo "vm rm rhel6-vnc" ;;
	config-set) echo "config -s NumberOfUSBSlots=2" ;;
	demo) echo "demo --vms 5" ;;
	import) echo "import ovf $T/x.ovf --cluster cluster-3.1 --name fault-imported" ;;
	esac
}

# ---- read-only store ----
# A real permission failure needs another user when the tests run as root.
chmod 711 "$T"
mkdir -m 755 "$T/ro"
spicecfg --db "$T/ro/s.db" demo >/dev/null 2>&1
cp "$T/x.ovf" "$T/ro/x.ovf" && chmod 644 "$T/ro/x.ovf"
if [ "$(id -u)" -eq 0 ]; then
	as_other() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
	chmod 644 "$T/ro/s.db"
	who="another user (nobody)"
else
	as_other() { "$@"; }
	chmod 444 "$T/ro/s.db"
	chmod 555 "$T/ro"
	who="its owner, without write permission"
fi
before=$(fingerprint "$T/ro/s.db")
for w in $WRITES; do
	# shellcheck disable=SC2046
	run as_other "$SPICECFG" --db "$T/ro/s.db" $(write_cmd $w | sed "s|$T/x.ovf|$T/ro/x.ovf|")
	expect_rc 1 "read-only store, as $who: $w refused"
	expect_err_has "is read-only" "read-only store: $w says why"
	expect_clean "read-only store: $w ends cleanly"
done
run as_other "$SPICECFG" --db "$T/ro/s.db" vm list
if [ "$RC" -eq 0 ]; then ok "read-only store: vm list reads it"
else expect_err_has "is read-only" "read-only store: a refused read says why"; fi
expect_clean "read-only store: vm list ends cleanly"
run fingerprint "$T/ro/s.db"
expect_out "$before" "read-only store: the file is unchanged"
[ "$(id -u)" -ne 0 ] && chmod 755 "$T/ro"

# a writable directory (the WAL files can be made) over a read-only file
if [ "$(id -u)" -eq 0 ]; then chmod 1777 "$T/ro"; else chmod 755 "$T/ro"; fi
rm -f "$T/ro/s.db-wal" "$T/ro/s.db-shm"
for w in vm-set config-set; do
	# shellcheck disable=SC2046
	run as_other "$SPICECFG" --db "$T/ro/s.db" $(write_cmd $w)
	expect_rc 1 "read-only file in a writable directory: $w refused"
	expect_err_has "is read-only" "read-only file: $w says why"
done
run fingerprint "$T/ro/s.db"
expect_out "$before" "read-only file: unchanged"

# a store path in a directory others may not enter
mkdir -m 700 "$T/private"
if [ "$(id -u)" -eq 0 ]; then
	run as_other "$SPICECFG" --db "$T/private/s.db" vm list
	expect_rc 1 "store in a directory without access"
	expect_err_has "Permission denied" "no access: the system's reason is given"
	expect_err_has "$T/private/s.db" "no access: the path is named"
	expect_clean "no access: ends cleanly"
fi

# ---- missing directory ----
for cmd in "vm list" "demo" "config -s NumberOfUSBSlots=2"; do
	# shellcheck disable=SC2086
	run spicecfg --db "$T/missing/sub/s.db" $cmd
	expect_rc 1 "missing directory: $cmd fails"
	expect_err_has "cannot create store $T/missing/sub/s.db" "missing directory: $cmd names the path"
	expect_clean "missing directory: $cmd ends cleanly"
done
[ ! -e "$T/missing" ] && ok "missing directory: nothing was created" ||
	notok "missing directory: nothing was created" "$(ls -R "$T/missing")"
run env SPICECFG_DB="$T/missing/env.db" "$SPICECFG" vm list
expect_rc 1 "missing directory through SPICECFG_DB"
expect_err_has "$T/missing/env.db" "SPICECFG_DB path named"

# ---- disk full ----
# A small tmpfs gives a real ENOSPC; without mount rights the file size
# limit (RLIMIT_FSIZE, with SIGXFSZ ignored) stands in for it.
mkdir "$T/full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=1m,mode=0700 tmpfs "$T/full" 2>/dev/null; then
	trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT
	limited() { "$@"; }
	how="1 MiB tmpfs"
	full_msg="disk full"
else
	limited() { (trap '' XFSZ; exec prlimit --fsize=$((FULL_LIMIT)) -- "$@"); }
	how="RLIMIT_FSIZE"
	full_msg=""
fi
DB=$T/full/s.db
# (a store with its sort indexes that leaves the 1 MiB room for a write)
spicecfg --db "$DB" demo --vms 400 >/dev/null 2>&1
FULL_LIMIT=$(($(stat -c %s "$DB") + 65536))
n0=$(count_objects "$DB")
before=$(fingerprint "$DB")
run limited "$SPICECFG" --db "$DB" demo --vms 20000
expect_rc 1 "disk full ($how): a bulk write fails"
expect_err_has "nothing was changed" "disk full: the message says nothing was changed"
[ -n "$full_msg" ] && expect_err_has "$full_msg" "disk full: named as such"
expect_clean "disk full: the bulk write ends cleanly"
expect_store_ok "disk full: integrity_check ok afterwards" "$DB"
run count_objects "$DB"
expect_out "$n0" "disk full: no partial write ($n0 objects)"
# now fill the disk to the last byte and try small writes
if [ "$how" = "1 MiB tmpfs" ]; then
	dd if=/dev/zero of="$T/full/filler" bs=4096 2>/dev/null
	dd if=/dev/zero of="$T/full/filler2" bs=1 2>/dev/null
	before=$(fingerprint "$DB")
	for w in vm-set vm-add config-set; do
		# shellcheck disable=SC2046
		run spicecfg --db "$DB" $(write_cmd $w)
		expect_rc 1 "full disk: $w fails"
		expect_err_has "disk full" "full disk: $w says so"
		expect_clean "full disk: $w ends cleanly"
	done
	run fingerprint "$DB"
	expect_out "$before" "full disk: the store file is unchanged"
	rm -f "$T/full/filler" "$T/full/filler2"
	run spicecfg --db "$DB" vm set xp-office cpus=3
	expect_rc 0 "with space again, the same write works"
	expect_store_ok "full disk: integrity_check ok after recovery" "$DB"
	umount "$T/full" 2>/dev/null
fi

# ---- corrupted store ----
spicecfg --db "$T/good.db" demo --vms 3000 >/dev/null 2>&1
size=$(stat -c %s "$T/good.db")
garbage() { # file offset: 64 bytes of garbage at offset
	printf 'garbage\336\255\276\357\000\377\023\067 not a b-tree page, at all; garbage ga\001\002' |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
cp "$T/good.db" "$T/mid.db"
# rows: two leaf pages in the middle of the objects table (whatever indexes
# the schema has, these pages hold VMs)
for p in $(sqlite3 "$T/good.db" "SELECT pageno FROM dbstat WHERE name = 'objects' AND
	pagetype = 'leaf' ORDER BY pageno LIMIT 2 OFFSET 40"); do
	garbage "$T/mid.db" $(((p - 1) * 4096 + 2)) # the page header
done
cp "$T/good.db" "$T/head.db"
garbage "$T/head.db" 16
cp "$T/good.db" "$T/pages.db"
for p in 2 3 5 8; do garbage "$T/pages.db" $((p * 4096 + 8)); done
head -c $((size / 2)) "$T/good.db" >"$T/half.db"
for v in mid head pages half; do
	db=$T/$v.db
	before=$(fingerprint "$db")
	for cmd in "vm list" "vm list --format tsv" "vm show gen-001500" "cluster list" \
		"config -a" "vm set gen-001500 cpus=3" "vm add corrupt-new cluster=cluster-3.1" \
		"config -s NumberOfUSBSlots=2" "demo --vms 10"; do
		# shellcheck disable=SC2086
		run spicecfg --db "$db" $cmd
		expect_clean "corrupt store ($v): $cmd does not crash"
		if [ "$RC" -ne 0 ]; then
			case "$ERR" in
			*corrupt* | *"not a spicecfg store"* | *malformed*) ok "corrupt store ($v): $cmd says why" ;;
			*) notok "corrupt store ($v): $cmd says why" "exit $RC: $ERR" ;;
			esac
			after=$(fingerprint "$db")
			[ "$after" = "$before" ] && ok "corrupt store ($v): failed $cmd wrote nothing" ||
				notok "corrupt store ($v): failed $cmd wrote nothing" "file changed"
		fi
		before=$(fingerprint "$db")
	done
done
run spicecfg --db "$T/mid.db" vm list --format tsv
expect_rc 1 "a corruption among the rows is found by a full listing"
expect_err_has "restore it from a backup" "corruption: the message says what to do"

# ---- a store from a newer spicecfg ----
ver=$(sed -n 's/^#define STORE_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$TOP/store/store.h")
spicecfg --db "$T/newer.db" demo >/dev/null 2>&1
# a newer spicecfg might also use another journal mode: nothing may change it
sqlite3 "$T/newer.db" "PRAGMA journal_mode=DELETE; PRAGMA user_version=$((ver + 1))" >/dev/null
before=$(fingerprint "$T/newer.db")
for w in $WRITES list; do
	if [ $w = list ]; then cmdline="vm list"; else cmdline=$(write_cmd $w); fi
	# shellcheck disable=SC2086
	run spicecfg --db "$T/newer.db" $cmdline
	expect_rc 1 "newer schema: $w refused"
	expect_err_has "schema version $((ver + 1)), newer than this spicecfg knows ($ver)" "newer schema: $w says why"
	expect_clean "newer schema: $w ends cleanly"
done
run fingerprint "$T/newer.db"
expect_out "$before" "newer schema: the file is unchanged (journal mode too)"
[ ! -e "$T/newer.db-wal" ] && ok "newer schema: no WAL file made" || notok "newer schema: no WAL file made" ""

# another program's SQLite database is left exactly as it was
sqlite3 "$T/other.db" "CREATE TABLE t(a); INSERT INTO t VALUES (1)"
before=$(fingerprint "$T/other.db")
run spicecfg --db "$T/other.db" demo
expect_rc 1 "another program's database refused"
run fingerprint "$T/other.db"
expect_out "$before" "another program's database is unchanged"
