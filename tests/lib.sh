# Shell test helpers: each check prints one TAP line.
#   . "$TOP/tests/lib.sh"
#   run spicecfg vm show web01        -> sets RC, OUT, ERR
#   expect_rc 0 "show works"
#   expect_out "name: web01" "..."    (exact stdout; golden)
#   expect_err_has "not found" "..."  (substring of stderr)
set -u
: "${SPICECFG:?run through tests/run.sh}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SPICECFG_DB="$T/store.db"
# With SPICECFG_TEST_PG (a libpq connection base such as "host=DIR user=U"),
# each script gets a fresh PostgreSQL database instead of an SQLite file.
if [ -n "${SPICECFG_TEST_PG:-}" ]; then
	PGDBNAME="t_$(basename "$T" | tr -cd 'a-zA-Z0-9' | tr 'A-Z' 'a-z')_$$"
	psql -q "$SPICECFG_TEST_PG dbname=postgres" -c "CREATE DATABASE $PGDBNAME" >/dev/null || exit 1
	export SPICECFG_DB="$SPICECFG_TEST_PG dbname=$PGDBNAME"
	trap 'rm -rf "$T"; psql -q "$SPICECFG_TEST_PG dbname=postgres" -c "DROP DATABASE IF EXISTS $PGDBNAME" >/dev/null 2>&1' EXIT
fi
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export USER=${USER:-tester}
N=0
_tap() { # ok|fail, name, detail
	N=$((N + 1))
	if [ "$1" = ok ]; then echo "ok $N - $2"; else
		echo "not ok $N - $2"
		printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}
spicecfg() { "$SPICECFG" "$@"; }
run() {
	"$@" >"$T/.out" 2>"$T/.err"
	RC=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
}
# Runs with stdin from the here-document / pipe.
ok() { _tap ok "$1" ""; }
notok() { _tap fail "$1" "$2"; }
expect_rc() {
	if [ "$RC" -eq "$1" ]; then ok "$2"; else notok "$2" "exit $RC, want $1; stderr: $ERR; stdout: $(printf '%s' "$OUT" | head -5)"; fi
}
expect_out() {
	if [ "$OUT" = "$1" ]; then ok "$2"; else
		notok "$2" "$(printf '%s\n' "$1" >"$T/.want"; printf '%s\n' "$OUT" | diff -u "$T/.want" - | head -40)"
	fi
}
expect_out_has() {
	case "$OUT" in *"$1"*) ok "$2" ;; *) notok "$2" "stdout lacks: $1; got: $(printf '%s' "$OUT" | head -20)" ;; esac
}
expect_out_lacks() {
	case "$OUT" in *"$1"*) notok "$2" "stdout has: $1" ;; *) ok "$2" ;; esac
}
expect_err_has() {
	case "$ERR" in *"$1"*) ok "$2" ;; *) notok "$2" "stderr lacks: $1; got: $ERR" ;; esac
}
expect_err_empty() {
	if [ -z "$ERR" ]; then ok "$1"; else notok "$1" "stderr: $ERR"; fi
}
# A failed command must leave the store as it was: compare a dump.
# One SQL statement on the test store, rows as a|b|c on either backend.
sql() {
	case "${SPICECFG_TEST_PG:-}" in
	"") sqlite3 "$SPICECFG_DB" "$1" ;;
	*) psql -qAtX "$SPICECFG_DB" -c "$1" ;;
	esac
}
store_dump() {
	for q in "select * from clusters order by id" "select * from objects order by id" \
		"select * from vdc_options order by option_name, version" "select count(*) from audit" \
		"select count(*) from drafts" "select id, name, uri, cluster_id, hypervisor, rowver from hosts order by id" \
		"select * from host_links order by object_id"; do
		sql "$q" 2>/dev/null
	done
}
snapshot() { store_dump >"$T/.snap"; }
expect_unchanged() {
	if store_dump | cmp -s - "$T/.snap"; then ok "$1"; else notok "$1" "store changed: $(store_dump | diff "$T/.snap" - | head -10)"; fi
}

# free_port [NOT]: a TCP port no socket uses on this machine (and not NOT).
free_port() {
	while :; do
		p=$(($(od -An -N2 -tu2 /dev/urandom) % 30000 + 20000))
		[ "$p" != "${1:-}" ] || continue
		grep -qi ":$(printf '%04X' "$p") " /proc/net/tcp /proc/net/tcp6 2>/dev/null ||
			{ echo "$p"; return; }
	done
}
