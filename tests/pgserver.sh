#!/bin/sh
# A throwaway PostgreSQL server on a Unix socket for the tests.
#   tests/pgserver.sh start DIR   prints the connection string base
#   tests/pgserver.sh stop DIR
# As root, the server runs as the unprivileged 'postgres' user.
set -e
cmd=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "no PostgreSQL server installed" >&2; exit 1; }
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=postgres --regid=postgres --clear-groups --reset-env -- "$@"
	else
		"$@"
	fi
}
case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --locale=C.UTF-8 \
		--encoding=UTF8 >"$dir/initdb.log" 2>&1
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=50" start >/dev/null
	echo "host=$dir user=postgres"
	;;
stop)
	as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	;;
*)
	echo "usage: $0 start|stop DIR" >&2
	exit 2
	;;
esac
