# The TUI under abuse: a resize storm (hundreds of SIGWINCH in a second),
# 10,000 random keystrokes, and the terminal going away (an SSH drop) with
# a dirty form.  No crash, no sanitizer report, the screen consistent
# afterwards (what the incremental updates left equals a full repaint), the
# draft kept.  FAULT_SEED=N repeats the keys of a run.
. "$TOP/tests/lib.sh"
. "$TOP/tests/fault/fault.inc"
. "$TOP/tests/pty/pty.inc"
PTYFUZZ=$TESTBIN/ptyfuzz
if [ -n "$SLOW" ]; then KEYS=50000 RESIZES=1000; else KEYS=10000 RESIZES=300; fi
echo "# seed $FAULT_SEED"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$T/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:log_path=$T/ubsan"
spicecfg demo --vms 300 >/dev/null 2>&1
mkdir "$T/cwd"
cd "$T/cwd" || exit 1 # files the random keys may write land here

no_reports() { # name
	if ls "$T"/asan.* "$T"/ubsan.* >/dev/null 2>&1; then
		notok "$1" "$(cat "$T"/asan.* "$T"/ubsan.* 2>/dev/null | head -40)"
	else ok "$1"; fi
}

run "$PTYFUZZ" storm -n "$RESIZES" -r "$FAULT_SEED" -- "$SPICECFG"
expect_rc 0 "a storm of $RESIZES resizes: no crash, the screen as before, consistent with a repaint"
no_reports "resize storm: no sanitizer report"

run "$PTYFUZZ" keys -n "$KEYS" -r "$FAULT_SEED" -l "$T/keys.log" -- "$SPICECFG"
expect_rc 0 "$KEYS random keys: no crash, the screen consistent with a repaint"
[ "$RC" -eq 0 ] || echo "# the keys sent are in a log (rerun with FAULT_SEED=$FAULT_SEED)"
no_reports "random keys: no sanitizer report"
expect_store_ok "random keys: the store's integrity_check ok" "$SPICECFG_DB"

run "$PTYFUZZ" hangup -r "$FAULT_SEED" -- "$SPICECFG"
expect_rc 0 "the terminal goes away amid keys: the program ends, it does not spin"
no_reports "hangup amid keys: no sanitizer report"

# an SSH drop with a dirty New VM form: F2, a name, the connection gone
# (a store of its own: the random runs may have left drafts of theirs)
export SPICECFG_DB="$T/draft.db"
spicecfg demo >/dev/null 2>&1
run "$PTYFUZZ" hangup -k '\eOQhangup-draft-vm' -- "$SPICECFG"
expect_rc 0 "the terminal goes away with a dirty form: the program ends"
drive <<'K'
wait Unsaved form
expect hangup-draft-vm
send d
wait Draft discarded
send q
exit 0
K
expect_drive "the next start offers the form's draft"
no_reports "hangup with a form: no sanitizer report"
