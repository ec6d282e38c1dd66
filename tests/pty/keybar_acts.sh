#!/bin/sh
# Every key the key bar shows does something on that screen: for each tab,
# the form, the preview, help and the option editor, each key shown is
# pressed on a fresh session and the screen (text or cursor) must change,
# or, for Quit, the program must end.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
# every press on a fresh copy of one store (a session ended in a form
# would leave a draft for the next)
export SPICECFG_DB="$T/pristine.db"
demo_store
spicecfg host add h1 uri=test:///default cluster=cluster-3.1 >/dev/null 2>&1
fresh() {
	rm -f "$T/run.db" "$T/run.db-wal" "$T/run.db-shm"
	cp "$T/pristine.db" "$T/run.db"
	SPICECFG_DB="$T/run.db" drive -s 120x30 <"$T/cmds"
}

# the vtdrive command that presses a key as the bar names it
press() {
	case $1 in
	F[0-9]*|Esc|Enter|Tab|Insert|Delete) echo "key $1" ;;
	Space) echo 'send " "' ;;
	*) echo "send $1" ;;
	esac
}

# screen name, then the commands that reach it (one a line)
check_screen() {
	name=$1 reach=$2
	printf '%s\nsettle\ndump %s\n' "$reach" "$T/bar" >"$T/cmds"
	fresh
	if [ "$RC" -ne 0 ]; then
		notok "$name: reached" "$ERR"
		return
	fi
	bar=$(tail -n 1 "$T/bar")
	[ -n "$bar" ] || { notok "$name: has a key bar" "empty last line"; return; }
	set -- $bar
	while [ $# -ge 2 ]; do
		k=$1 label=$2
		shift 2
		if [ "$label" = Quit ]; then
			{ printf '%s\nsettle\n' "$reach"; press "$k"; echo 'exit'; } >"$T/cmds"
			fresh
			expect_drive "$name: $k ($label) ends the program"
			continue
		fi
		{
			printf '%s\nsettle\ndump %s\ncursor\n' "$reach" "$T/before"
			press "$k"
			printf 'settle\ndump %s\ncursor\n' "$T/after"
		} >"$T/cmds"
		fresh
		c1=$(echo "$OUT" | sed -n 1p) c2=$(echo "$OUT" | sed -n 2p)
		if [ "$RC" -ne 0 ]; then
			notok "$name: $k ($label) does something" "$ERR"
		elif cmp -s "$T/before" "$T/after" && [ "$c1" = "$c2" ]; then
			notok "$name: $k ($label) does something" "the screen did not change: $(cat "$T/after")"
		else
			ok "$name: $k ($label) does something"
		fi
	done
}

check_screen Clusters "$(printf 'wait VMs:\nkey BTab\nwait Clusters:')"
check_screen VMs "wait VMs:"
check_screen Templates "$(printf 'wait VMs:\nkey Tab\nwait Templates:')"
check_screen Pools "$(printf 'wait VMs:\nkey Tab 2\nwait Pools:')"
check_screen Hosts "$(printf 'wait VMs:\nkey Tab 3\nwait Hosts:')"
check_screen "Site options" "$(printf 'wait VMs:\nkey Tab 4\nwait Site options:')"
check_screen History "$(printf 'wait VMs:\nkey BTab 2\nwait History:')"
check_screen "VM form" "$(printf 'wait VMs:\nkey F4\nwait Edit VM')"
check_screen Preview "$(printf 'wait VMs:\nsend x\nwait Preview vm')"
check_screen Help "$(printf 'wait VMs:\nkey F1\nwait Help: Main screen')"
check_screen "Option editor" "$(printf 'wait VMs:\nkey Tab 4\nwait Site options:\nkey Enter\nwait Esc: cancel')"
