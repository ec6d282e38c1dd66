#!/bin/sh
# Output paths: a regular file is replaced atomically, anything else is
# written in place or refused, never replaced; paths that are read never
# block on a FIFO or read a device forever.  Some checks need root (the
# system's /dev/null, bind mounts) and skip visibly otherwise.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }
VM=$(spicecfg vm list --format tsv | head -n 1 | cut -f1)
root=no
[ "$(id -u)" = 0 ] && root=yes
skip() { N=$((N + 1)); echo "ok $N # SKIP $1"; }
# Everything here must return at once: a hang is a failure, not a stall.
bounded() { run timeout 10 "$SPICECFG" "$@"; }

# A regular file is still replaced by rename (a new inode), its mode as before.
echo old >"$T/out.ovf"
ino=$(stat -c %i "$T/out.ovf")
bounded export ovf "$VM" -o "$T/out.ovf"
expect_rc 0 "export over a regular file"
[ "$(stat -c %i "$T/out.ovf")" != "$ino" ] && grep -q '<ovf:Envelope' "$T/out.ovf" &&
	ok "regular file replaced atomically (new inode)" || notok "regular file replaced" "$(ls -li "$T")"

# A link to a regular file: the file is replaced, the link stays a link.
echo old >"$T/target.ovf"
ln -s target.ovf "$T/link.ovf"
bounded export ovf "$VM" -o "$T/link.ovf"
expect_rc 0 "export through a link to a regular file"
[ -L "$T/link.ovf" ] && grep -q '<ovf:Envelope' "$T/target.ovf" && ok "the link stays, its file is replaced" ||
	notok "the link stays" "$(ls -l "$T")"
ln -s nowhere "$T/dangling"
bounded export ovf "$VM" -o "$T/dangling"
expect_rc 2 "a dangling link is refused"
expect_err_has "symbolic link to a missing file" "dangling link: says why"
[ -L "$T/dangling" ] && [ ! -e "$T/nowhere" ] && ok "dangling link left alone" || notok "dangling link left alone" "$(ls -l "$T")"

# /dev/null: written in place.  As root the old code replaced the system's
# /dev/null with a regular file; the check runs on the real one only as root.
if [ $root = yes ]; then
	bounded export ovf "$VM" -o /dev/null
	expect_rc 0 "export -o /dev/null (root)"
	[ -c /dev/null ] && [ "$(stat -c %t:%T /dev/null)" = 1:3 ] && ok "/dev/null is still the null device" ||
		notok "/dev/null is still the null device" "$(ls -l /dev/null)"
	bounded export vv "$VM" --host h --port 5900 -o /dev/null
	[ -c /dev/null ] && ok "/dev/null survives a 0600 export" || notok "/dev/null survives a 0600 export" "$(ls -l /dev/null)"
else
	skip "not root"
	skip "not root"
	skip "not root"
fi
# The same rule as any user: a character device in a directory of ours.
if [ $root = yes ] && mknod "$T/null" c 1 3 2>/dev/null; then
	bounded export ovf "$VM" -o "$T/null"
	expect_rc 0 "export to a character device node"
	[ -c "$T/null" ] && ok "the device node is not replaced" || notok "the device node is not replaced" "$(ls -l "$T/null")"
else
	skip "not root"
	skip "not root"
fi

# /dev/stdout and /dev/fd/1: the descriptor the shell gave, the link survives.
bounded export ovf "$VM" -o /dev/stdout
expect_rc 0 "export -o /dev/stdout"
expect_out_has "<ovf:Envelope" "-o /dev/stdout writes to standard output"
[ -L /dev/stdout ] && ok "/dev/stdout is still a link" || notok "/dev/stdout is still a link" "$(ls -l /dev/stdout)"
echo "first" >"$T/log"
timeout 10 "$SPICECFG" export ovf "$VM" -o /dev/stdout >>"$T/log" 2>"$T/.err"
head -n 1 "$T/log" | grep -qx first && grep -q '<ovf:Envelope' "$T/log" &&
	ok "-o /dev/stdout appends where the shell appends" || notok "-o /dev/stdout appends" "$(head -3 "$T/log")"
run sh -c 'timeout 10 "$SPICECFG" export ovf "$1" -o /dev/fd/3 3>"$2"' - "$VM" "$T/fd3.ovf"
grep -q '<ovf:Envelope' "$T/fd3.ovf" && ok "-o /dev/fd/3 writes to descriptor 3" || notok "-o /dev/fd/3" "$ERR"
bounded export ovf "$VM" -o /dev/fd/7
expect_rc 1 "-o /dev/fd/7 without descriptor 7 fails"
expect_err_has "descriptor 7 is not open" "closed descriptor: says so"

# A FIFO without a reader: a clear error at once, no hang, the FIFO stays.
mkfifo "$T/fifo"
bounded export ovf "$VM" -o "$T/fifo"
expect_rc 1 "FIFO without a reader: exit 1, no hang"
expect_err_has "no process is reading" "FIFO without a reader: says why"
[ -p "$T/fifo" ] && ok "the FIFO is not replaced" || notok "the FIFO is not replaced" "$(ls -l "$T")"
# With a reader it receives the export.
timeout 10 cat "$T/fifo" >"$T/fifo.out" &
reader=$!
sleep 0.2
bounded export ovf "$VM" -o "$T/fifo"
wait $reader
expect_rc 0 "FIFO with a reader: exit 0"
grep -q '</ovf:Envelope>' "$T/fifo.out" && ok "the reader got the whole export" || notok "FIFO reader" "$(wc -c <"$T/fifo.out")"
[ -p "$T/fifo" ] && ok "the FIFO is still a FIFO" || notok "the FIFO is still a FIFO" "$(ls -l "$T")"

# A socket and a block device are refused, untouched.
if python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/sock" 2>/dev/null; then
	bounded export ovf "$VM" -o "$T/sock"
	expect_rc 2 "a socket is refused"
	expect_err_has "is a socket" "socket: says what it is"
	[ -S "$T/sock" ] && ok "the socket stays" || notok "the socket stays" "$(ls -l "$T")"
else
	skip "no python3 to make a socket"
	skip "no python3 to make a socket"
	skip "no python3 to make a socket"
fi
if [ $root = yes ] && mknod "$T/blk" b 7 200 2>/dev/null; then
	bounded export ovf "$VM" -o "$T/blk"
	expect_rc 2 "a block device is refused"
	expect_err_has "is a block device" "block device: says what it is"
	[ -b "$T/blk" ] && ok "the block device node stays" || notok "the block device node stays" "$(ls -l "$T")"
else
	skip "not root"
	skip "not root"
	skip "not root"
fi

# :dump in --script never writes through a link it did not make.
echo secret >"$T/victim"
ln -s victim "$T/trap.dump"
printf ':dump %s/trap.dump\n' "$T" >"$T/dump.script"
bounded --script "$T/dump.script"
expect_rc 1 ":dump onto a symbolic link is refused"
expect_err_has "symbolic link, not written through" ":dump onto a link: says why"
[ "$(cat "$T/victim")" = secret ] && [ -L "$T/trap.dump" ] && ok "the link's target is untouched" ||
	notok "the link's target is untouched" "$(ls -l "$T"; head -2 "$T/victim")"
printf ':dump %s/plain.dump\n:dump %s/plain.dump\n' "$T" "$T" >"$T/dump2.script"
bounded --script "$T/dump2.script"
expect_rc 0 ":dump twice onto its own file"
grep -q "$VM" "$T/plain.dump" && ok ":dump writes a regular file" || notok ":dump writes" "$ERR"

# Paths that are read: a FIFO or a device is refused at once.
for what in config script; do
	cmd="vm list"
	[ $what = script ] && cmd=
	bounded --$what "$T/fifo" $cmd
	[ "$RC" -ne 0 ] && [ "$RC" -ne 124 ] && ok "--$what FIFO fails fast" || notok "--$what FIFO fails fast" "exit $RC"
	expect_err_has "is a FIFO, not read" "--$what FIFO: says why"
	bounded --$what /dev/zero $cmd
	[ "$RC" -ne 0 ] && [ "$RC" -ne 124 ] && ok "--$what /dev/zero fails fast" || notok "--$what /dev/zero fails fast" "exit $RC"
	expect_err_has "is a character device, not read" "--$what /dev/zero: says why"
done
for opt in --password-file --ca-file; do
	bounded export vv "$VM" --host h --tls-port 5901 --ca-file "$T/out.ovf" $opt /dev/zero -o "$T/x.vv"
	expect_rc 2 "$opt /dev/zero refused at once"
	bounded export vv "$VM" --host h --tls-port 5901 --ca-file "$T/out.ovf" $opt "$T/fifo" -o "$T/x.vv"
	expect_rc 2 "$opt FIFO refused at once"
done
bounded import ovf "$T/fifo"
[ "$RC" -ne 0 ] && [ "$RC" -ne 124 ] && ok "import of a FIFO fails fast" || notok "import of a FIFO fails fast" "exit $RC"

# Size limits name the real limit.
head -c 5000 /dev/zero | tr '\0' a >"$T/bigpw"
bounded export vv "$VM" --host h --port 5900 --password-file "$T/bigpw" -o "$T/x.vv"
expect_err_has "files over 4 KiB are refused" "password file limit named as 4 KiB"
bounded export vv "$VM" --host h --port 5900 --password-file - -o "$T/x.vv" <"$T/bigpw"
expect_err_has "more than 4 KiB" "password on stdin: limit named as 4 KiB"

# A long path keeps the reason at the end of the message.
seg=$(printf 'd%.0s' $(seq 1 200))
long=$T/$seg/$seg/$seg/$seg/$seg/$seg/$seg
bounded export ovf "$VM" -o "$long/x.ovf"
expect_rc 1 "a long path in a missing directory fails"
expect_err_has "No such file or directory" "long path: the reason is kept"
expect_err_has "..." "long path: the middle is cut, marked"

# The store path itself: a FIFO or a device is no store, refused at once.
for db in "$T/fifo" /dev/zero; do
	run timeout 10 "$SPICECFG" --db "$db" vm list
	[ "$RC" -eq 1 ] && ok "--db $db fails fast" || notok "--db $db fails fast" "exit $RC: $ERR"
	expect_err_has "not a regular file" "--db $db: says why"
done
[ -p "$T/fifo" ] && ok "the FIFO is still a FIFO after --db" || notok "FIFO after --db" "$(ls -l "$T")"
# A --db longer than a path can be is refused, not cut to another name.
longdb=$T/$(printf 'x%.0s' $(seq 1 4200))
bounded --db "$longdb" vm list
expect_rc 2 "a --db longer than 4095 bytes is refused"
expect_err_has "longer than 4095 bytes" "long --db: says why"
# The script size limit is named as it is.
head -c $((4 * 1024 * 1024 + 1)) /dev/zero | tr '\0' a >"$T/big.script"
bounded --script "$T/big.script"
expect_rc 2 "a script over 4 MiB is refused"
expect_err_has "files over 4 MiB are refused" "script limit named as 4 MiB"
# Option definitions (SPICECFG_OPTIONS) are read the same way.
run env SPICECFG_OPTIONS="$T/fifo" timeout 10 "$SPICECFG" vm list
[ "$RC" -ne 0 ] && [ "$RC" -ne 124 ] && ok "SPICECFG_OPTIONS on a FIFO fails fast" ||
	notok "SPICECFG_OPTIONS on a FIFO fails fast" "exit $RC"
expect_err_has "is a FIFO, not read" "SPICECFG_OPTIONS FIFO: says why"
