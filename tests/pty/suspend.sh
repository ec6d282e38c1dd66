#!/bin/sh
# Ctrl-Z suspends the interactive program to a job-control shell and fg
# brings it back (run in tmux: a pseudo-terminal driver is no job-control
# shell); a terminal without cursor addressing is refused with a reason.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
skip() { N=$((N + 1)); echo "ok $N # SKIP $1"; }

# TERM=dumb (no cursor addressing): a clear refusal, exit 2, no screen.
VTDRIVE_TERM=dumb drive <<'K'
wait cannot move the cursor
exit 2
K
expect_drive "TERM=dumb: refused with exit 2"
expect_out_lacks "VMs:" "TERM=dumb: no screen drawn"
case "$ERR$OUT" in *"F1 Help"*) notok "TERM=dumb: no key bar" "$ERR" ;; *) ok "TERM=dumb: no key bar" ;; esac

SH=$(command -v bash || true)
if ! command -v tmux >/dev/null 2>&1 || [ -z "$SH" ]; then
	for i in 1 2 3 4 5; do skip "tmux or bash not installed"; done
	exit 0
fi
SOCK="$T/tmux.sock"
tm() { tmux -S "$SOCK" "$@"; }
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT
screen() { tm capture-pane -p -t sc; }
# until the pane shows TEXT (10 s at most)
await() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
tm -f /dev/null new-session -d -s sc -x 80 -y 24 \
	"env -i PATH=\"$PATH\" HOME=\"$T\" TERM=xterm PS1='prompt\$ ' $SH --norc --noprofile -i"
await 'prompt$' || { notok "a shell in tmux" "$(screen)"; exit 0; }
tm send-keys -t sc "SPICECFG_DB='$SPICECFG_DB' XDG_CONFIG_HOME='$T/config' USER=tester LC_ALL=C.UTF-8 '$SPICECFG'" Enter
if await 'F1 Help'; then ok "the screen is up in tmux"; else notok "the screen is up in tmux" "$(screen)"; fi
tm send-keys -t sc C-z
if await 'Stopped'; then ok "Ctrl-Z stops it and the shell is back"; else notok "Ctrl-Z stops it" "$(screen)"; fi
tm send-keys -t sc 'clear; jobs -l' Enter
sleep 0.3
if screen | grep -q 'Stopped'; then ok "the shell lists it as a stopped job"; else notok "stopped job" "$(screen)"; fi
tm send-keys -t sc 'fg' Enter
if await 'F1 Help' && screen | grep -q 'VMs:'; then ok "fg brings the whole screen back"; else notok "fg restores it" "$(screen)"; fi
tm send-keys -t sc q
if await 'prompt$' && ! screen | grep -q 'F1 Help'; then ok "and it still quits normally"; else notok "quits after fg" "$(screen)"; fi
