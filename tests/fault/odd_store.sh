#!/bin/sh
# Odd but ordinary store paths: an existing empty file (ours with mode 0644,
# or someone else's), a store on a read-only mount, a new store on a full
# disk.  Mounts need root; those checks skip visibly otherwise.
. "$TOP/tests/lib.sh"
root=no
[ "$(id -u)" = 0 ] && root=yes
skip() { N=$((N + 1)); echo "ok $N # SKIP $1"; }
MNT=
trap 'for m in $MNT; do umount "$m" 2>/dev/null; done; rm -rf "$T"' EXIT

# An empty file of ours, mode 0644 (touch under umask 022): made 0600 first.
: >"$T/empty.db"
chmod 644 "$T/empty.db"
run spicecfg --db "$T/empty.db" vm list
expect_rc 0 "an empty file of ours becomes a store"
mode=$(stat -c %a "$T/empty.db")
[ "$mode" = 600 ] && ok "the store made from it is mode 0600" || notok "empty file made private" "mode $mode"

# An empty file someone else owns: refused, left as it was.
if [ $root = yes ]; then
	: >"$T/theirs.db"
	chown 65534 "$T/theirs.db"
	chmod 644 "$T/theirs.db"
	run spicecfg --db "$T/theirs.db" vm list
	expect_rc 1 "an empty file owned by another user is refused"
	expect_err_has "empty file owned by user 65534" "someone else's empty file: says why"
	[ "$(stat -c %s:%a:%u "$T/theirs.db")" = 0:644:65534 ] && ok "their file is untouched" ||
		notok "their file is untouched" "$(ls -l "$T/theirs.db")"
	# a store that is already a store keeps working whoever owns it
	spicecfg --db "$T/full.db" demo >/dev/null 2>&1
	chown 65534 "$T/full.db"
	run spicecfg --db "$T/full.db" vm list
	expect_rc 0 "a non-empty store owned by another user still opens (root)"
else
	skip "not root"
	skip "not root"
	skip "not root"
	skip "not root"
fi

# A store on a read-only mount: it can be listed, a write says read-only.
mkdir "$T/ro"
spicecfg --db "$T/ro/s.db" demo >/dev/null 2>&1
VM=$(spicecfg --db "$T/ro/s.db" vm list --format tsv | head -n 1 | cut -f1)
if [ $root = yes ] && mount --bind "$T/ro" "$T/ro" 2>/dev/null; then
	MNT="$T/ro"
	if mount -o remount,ro,bind "$T/ro" 2>/dev/null; then
		run spicecfg --db "$T/ro/s.db" vm list --format tsv
		expect_rc 0 "read-only mount: vm list works"
		expect_out_has "$VM" "read-only mount: the objects are listed"
		run spicecfg --db "$T/ro/s.db" vm show "$VM"
		expect_rc 0 "read-only mount: vm show works"
		run spicecfg --db "$T/ro/s.db" vm set "$VM" cpus=3
		expect_rc 1 "read-only mount: a write fails"
		expect_err_has "read-only" "read-only mount: the write says read-only"
		run spicecfg --db "$T/ro/s.db" config -s NumberOfUSBSlots=2
		expect_err_has "read-only" "read-only mount: config -s says read-only"
		[ ! -e "$T/ro/s.db-shm" ] && ok "read-only mount: nothing created beside it" || notok "nothing created" "$(ls "$T/ro")"
	else
		for i in 1 2 3 4 5 6 7; do skip "cannot remount read-only"; done
	fi
	umount "$T/ro"
	MNT=
else
	for i in 1 2 3 4 5 6 7; do skip "not root or cannot bind-mount"; done
fi

# A new store on a full disk: the command fails and leaves no empty file.
mkdir "$T/full"
if [ $root = yes ] && mount -t tmpfs -o size=64k tmpfs "$T/full" 2>/dev/null; then
	MNT="$T/full"
	dd if=/dev/zero of="$T/full/filler" bs=4096 2>/dev/null
	dd if=/dev/zero of="$T/full/filler2" bs=1 2>/dev/null
	for cmd in "vm list" "demo"; do
		# shellcheck disable=SC2086
		run spicecfg --db "$T/full/new.db" $cmd
		expect_rc 1 "full disk: $cmd on a new store fails"
		expect_err_has "disk full" "full disk: $cmd says so"
		[ ! -e "$T/full/new.db" ] && ok "full disk: $cmd leaves no store file" ||
			notok "full disk: $cmd leaves no store file" "$(ls -l "$T/full")"
	done
	umount "$T/full"
	MNT=
else
	for i in 1 2 3 4 5 6; do skip "not root or cannot mount tmpfs"; done
fi
