# kill -9 during the schema upgrade that adds the sort indexes: the store
# is left with the old schema or the new one, never a mix, and opens
# afterwards.  FAULT_SEED=N repeats a run's moments.
. "$TOP/tests/lib.sh"
. "$TOP/tests/fault/fault.inc"
if [ -n "$SLOW" ]; then NVMS=100000 KILLS=8; else NVMS=20000 KILLS=4; fi
echo "# seed $FAULT_SEED ($NVMS VMs, $KILLS kills)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$T/asan"
ms_now() { date +%s%N | cut -c1-13; }
NEW=9 # the schema version this spicecfg upgrades to (store/store.h)
# A store as schema version 4 left it: the rows, none of the sort indexes
# nor the filter indexes; its upgrade runs every step from 4 to 9.
AUDIT_DROPS="DROP TRIGGER audit_fts_ins; DROP TRIGGER audit_fts_del;
	DROP TRIGGER audit_fts_upd; DROP TABLE audit_fts; DROP INDEX audit_who; DROP INDEX audit_field"
OLD=$T/old.db
spicecfg --db "$OLD" demo --vms "$NVMS" >/dev/null 2>&1
drops=$(sqlite3 "$OLD" "SELECT group_concat('DROP INDEX ' || name, ';') FROM sqlite_master
	WHERE name LIKE 'objects_by_%'")
drops="$drops; DROP TRIGGER names_fts_ins; DROP TRIGGER names_fts_del;
	DROP TRIGGER names_fts_upd; DROP TABLE names_fts; $AUDIT_DROPS"
sqlite3 "$OLD" "$drops; PRAGMA user_version = 4" || { notok "make a version 4 store" ""; exit 1; }
n0=$(count_objects "$OLD")
state() { # DB -> "VERSION INDEXES"
	sqlite3 "$1" "SELECT (SELECT user_version FROM pragma_user_version) || ' ' ||
		(SELECT count(*) FROM sqlite_master WHERE name LIKE 'objects_by_%')"
}
run state "$OLD"
expect_out "4 0" "the old store: version 4, no sort index"
# kill_loop OLD STATE OLD-STATE NEW-STATE LABEL: times one upgrade of a
# copy of OLD, then kills KILLS upgrades of fresh copies at random moments
# within it; STATE (a function of the store file) must read OLD-STATE or
# NEW-STATE after each kill, and NEW-STATE once the store has been opened
# again.  The store is left in $T/s.db.
kill_loop() {
	cp "$1" "$T/timing.db"
	t0=$(ms_now)
	spicecfg --db "$T/timing.db" vm show xp-office >/dev/null 2>&1
	full=$(($(ms_now) - t0))
	echo "# ${5}opening (and upgrading) takes ${full} ms"
	i=0
	while [ $i -lt "$KILLS" ]; do
		i=$((i + 1))
		cp "$1" "$T/s.db"
		rnd $((full * 11 / 10 + 1))
		"$SPICECFG" --db "$T/s.db" vm show xp-office >/dev/null 2>&1 &
		pid=$!
		sleep "$(awk -v d="$R" 'BEGIN { printf "%.3f", d / 1000 }')"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		# what the file holds now (a hot journal is rolled back on reading)
		s=$($2 "$T/s.db")
		if [ "$s" = "$3" ] || [ "$s" = "$4" ]; then
			ok "${5}kill $i at $R ms: old or new schema ($s)"
		else
			notok "${5}kill $i at $R ms: old or new schema" "state: $s"
		fi
		expect_store_ok "${5}kill $i: integrity_check ok" "$T/s.db"
		run spicecfg --db "$T/s.db" vm show xp-office
		expect_rc 0 "${5}kill $i: the store opens (and upgrades) afterwards"
		run $2 "$T/s.db"
		expect_out "$4" "${5}kill $i: upgraded to the new state ($4)"
		run count_objects "$T/s.db"
		expect_out "$n0" "${5}kill $i: every row kept"
		run sqlite3 "$T/s.db" "SELECT count(*) FROM names_fts WHERE names_fts MATCH '\"gen-\"'"
		expect_out "$NVMS" "${5}kill $i: every loaded name in the names' index"
	done
}
kill_loop "$OLD" state "4 0" "$NEW 12" ""
run sqlite3 "$T/s.db" "SELECT count(*) FROM sqlite_master WHERE name LIKE 'objects_fts%'"
expect_out "0" "the old filter index is gone"

# The step from 7 to 8 alone: the trigram index of names, OS and clusters
# replaced by the names' index, and the audit rows of a host's URI that
# hold a password redacted, all or nothing.
OLD7=$T/old7.db
cp "$T/s.db" "$OLD7"
sqlite3 "$OLD7" "$AUDIT_DROPS; DROP TRIGGER names_fts_ins; DROP TRIGGER names_fts_del;
	DROP TRIGGER names_fts_upd; DROP TABLE names_fts;
	CREATE VIRTUAL TABLE objects_fts USING fts5(name, os, cluster, tokenize = 'trigram');
	CREATE TRIGGER objects_fts_ins AFTER INSERT ON objects BEGIN SELECT 1; END;
	CREATE TRIGGER objects_fts_del AFTER DELETE ON objects BEGIN SELECT 1; END;
	CREATE TRIGGER objects_fts_upd AFTER UPDATE ON objects BEGIN SELECT 1; END;
	CREATE TRIGGER clusters_fts_upd AFTER UPDATE ON clusters BEGIN SELECT 1; END;
	INSERT INTO objects_fts(rowid, name, os, cluster) SELECT o.id, o.name, o.os, c.name
		FROM objects o JOIN clusters c ON c.id = o.cluster_id;
	INSERT INTO audit(at, who, object, field, old, new) VALUES ('2026-01-01T00:00:00Z',
		'bob', 'host:kvm1', 'uri', 'qemu:///system', 'qemu+ssh://root:s3cret@kvm1/system');
	PRAGMA user_version = 7" || { notok "make a version 7 store" ""; exit 1; }
state7() { # DB -> "VERSION OLD-INDEX NAMES-INDEX PASSWORDS"
	sqlite3 "$1" "SELECT (SELECT user_version FROM pragma_user_version) || ' ' ||
		(SELECT count(*) FROM sqlite_master WHERE name = 'objects_fts') || ' ' ||
		(SELECT count(*) FROM sqlite_master WHERE name = 'names_fts') || ' ' ||
		(SELECT count(*) FROM audit WHERE new LIKE '%s3cret%')"
}
run state7 "$OLD7"
expect_out "7 1 0 1" "the version 7 store: the old index, a password in the audit"
kill_loop "$OLD7" state7 "7 1 0 1" "$NEW 0 1 0" "7 to 9, "

# The step from 8 to 9 alone: the audit log's filter indexes (its objects'
# trigrams, its users' and fields' values) on a log of many rows, all or
# nothing.
OLD8=$T/old8.db
cp "$T/s.db" "$OLD8"
sqlite3 "$OLD8" "$AUDIT_DROPS; WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s
	WHERE i < $NVMS * 5) INSERT INTO audit(at, who, object, field, old, new)
	SELECT '2026-01-01T00:00:00Z', 'bob', printf('vm:gen-%06d', i), 'usb', 'a', 'b' FROM s;
	PRAGMA user_version = 8" || { notok "make a version 8 store" ""; exit 1; }
state8() { # DB -> "VERSION AUDIT-INDEXES ROWS-INDEXED"
	v=$(sqlite3 "$1" "SELECT (SELECT user_version FROM pragma_user_version) || ' ' ||
		(SELECT count(*) FROM sqlite_master WHERE name IN ('audit_fts', 'audit_who',
			'audit_field'))")
	case $v in
	*" 0") echo "$v 0" ;;
	*) echo "$v $(sqlite3 "$1" "SELECT count(*) FROM audit_fts WHERE audit_fts MATCH '\"gen-\"'")" ;;
	esac
}
n8=$(sqlite3 "$OLD8" "SELECT count(*) FROM audit WHERE object LIKE '%gen-%'")
run state8 "$OLD8"
expect_out "8 0 0" "the version 8 store: no index of its audit log"
kill_loop "$OLD8" state8 "8 0 0" "$NEW 3 $n8" "8 to 9, "
