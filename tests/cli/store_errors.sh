# A store or preference file that cannot be used: a clear message, the
# right exit code, nothing written.
. "$TOP/tests/lib.sh"

printf 'hello, I am a text file and not a database at all............\n' >"$T/text.db"
run spicecfg --db "$T/text.db" vm list
expect_rc 1 "text file as store"
expect_err_has "is not a spicecfg store" "not a store"
run cat "$T/text.db"
expect_out "hello, I am a text file and not a database at all............" "text file untouched"

sqlite3 "$T/other.db" "CREATE TABLE x(a)"
run spicecfg --db "$T/other.db" vm list
expect_rc 1 "foreign SQLite database"
expect_err_has "another program" "foreign db named"

spicecfg --db "$T/new.db" demo
sqlite3 "$T/new.db" "PRAGMA user_version = 42"
run spicecfg --db "$T/new.db" vm list
expect_rc 1 "newer schema"
expect_err_has "schema version 42, newer than this spicecfg knows" "newer schema explained"

run spicecfg --db "$T/missing/dir/s.db" vm list
expect_rc 1 "missing directory"
expect_err_has "cannot create store $T/missing/dir/s.db" "path named"

run spicecfg --db "$T" vm list
expect_rc 1 "directory as store"
expect_err_has "not a regular file" "directory refused"

# default path: XDG, created 0600 in a 0700 directory
unset SPICECFG_DB
run spicecfg cluster list
expect_rc 0 "default store created"
[ -f "$XDG_DATA_HOME/spicecfg/spicecfg.db" ] && ok "store under XDG_DATA_HOME" || notok "store under XDG_DATA_HOME" ""
run stat -c %a "$XDG_DATA_HOME/spicecfg/spicecfg.db"
expect_out "600" "store mode 0600"

# a writer holding the lock: wait the busy timeout, then a clear failure
spicecfg --db "$T/busy.db" demo
( sqlite3 "$T/busy.db" "BEGIN IMMEDIATE; INSERT INTO audit(at,who,object,field) VALUES('x','x','x','x');" ".system sleep 3" "COMMIT;" >/dev/null 2>&1 & )
sleep 0.5
run env SPICECFG_BUSY_TIMEOUT_MS=300 "$SPICECFG" --db "$T/busy.db" vm set xp-office cpus=3
expect_rc 1 "locked store"
expect_err_has "is locked by another writer (waited 300 ms)" "lock explained"
sleep 3
run spicecfg --db "$T/busy.db" vm show xp-office
expect_out_has "cpus: 2" "nothing written while locked"

# preferences: libconfig file with file:line errors
mkdir -p "$XDG_CONFIG_HOME/spicecfg"
printf 'db = "%s/pref.db";\ncolor = false;\n' "$T" >"$XDG_CONFIG_HOME/spicecfg/spicecfg.conf"
run spicecfg demo
expect_rc 0 "db from preferences"
[ -f "$T/pref.db" ] && ok "preference db used" || notok "preference db used" ""
printf 'db = "%s/pref.db";\ncolor = maybe;\n' "$T" >"$XDG_CONFIG_HOME/spicecfg/spicecfg.conf"
run spicecfg vm list
expect_rc 2 "broken preferences"
expect_err_has "$XDG_CONFIG_HOME/spicecfg/spicecfg.conf:2:" "file:line"
printf 'colour = true;\n' >"$T/c.conf"
run spicecfg --config "$T/c.conf" vm list
expect_rc 2 "unknown preference"
expect_err_has "$T/c.conf:1: unknown setting 'colour'; valid: db, color, theme" "unknown setting named"
run spicecfg --config "$T/nope.conf" vm list
expect_rc 2 "missing --config file"
expect_err_has "$T/nope.conf" "missing file named"
rm -f "$XDG_CONFIG_HOME/spicecfg/spicecfg.conf"

run spicecfg --db
expect_rc 2 "--db without value"
run spicecfg --version
expect_out_has "spicecfg " "version"
run spicecfg --help
expect_out_has "usb-options --cver" "help"
run spicecfg frobnicate
expect_rc 2 "unknown command"
expect_err_has "valid: cluster, vm, template, pool" "commands listed"
