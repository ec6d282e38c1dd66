#!/bin/sh
# --script: golden screen dumps of every screen at 80x24, bad script lines
# reported as FILE:LINE, and the terminal check.  SPICECFG_UPDATE_GOLDEN=1
# rewrites the golden files.
. "$TOP/tests/lib.sh"
export USER=tester
unset LINES COLUMNS
GOLDEN="$TOP/tests/pty/golden"
spicecfg demo >/dev/null 2>&1

# Dumps hold the store path, times and uuids that differ per run.
normalize() {
	sed -e "s|$SPICECFG_DB|STORE|g" \
	    -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z\{0,1\}/YYYY-MM-DDThh:mm:ss/g' \
	    -e 's/[0-9a-f]\{8\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{4\}-[0-9a-f]\{12\}/UUID/g' "$1"
}

golden() { # name, then script lines on stdin (the dump is appended)
	{ cat; echo ":dump $T/$1.dump"; } >"$T/$1.script"
	run spicecfg --script "$T/$1.script"
	if [ "$RC" -ne 0 ]; then notok "screen $1" "exit $RC: $ERR"; return; fi
	normalize "$T/$1.dump" >"$T/$1.txt"
	if [ -n "${SPICECFG_UPDATE_GOLDEN:-}" ]; then cp "$T/$1.txt" "$GOLDEN/$1.txt"; fi
	if cmp -s "$T/$1.txt" "$GOLDEN/$1.txt"; then ok "screen $1"; else
		notok "screen $1" "$(diff -u "$GOLDEN/$1.txt" "$T/$1.txt" 2>&1 | head -30)"
	fi
}

golden main-vms </dev/null
golden main-clusters <<'S'
<BTab>
S
golden main-templates <<'S'
<Tab>
S
golden main-pools <<'S'
<Tab>*2
S
golden main-options <<'S'
<F9>
S
golden main-history <<'S'
<Tab>*5
S
golden form-new-vm <<'S'
<Down>*2
<F2>
S
golden form-edit-native <<'S'
/rhel6-ws01
<Enter>
<F4>
S
golden form-usb-dropdown <<'S'
/win7-kiosk
<Enter>
<F4>
<Down>*9
<Enter>
S
golden form-pool <<'S'
<Tab>*2
<F4>
S
golden help-usb <<'S'
<Down>*2
<F2>
<Down>*9
<F1>
S
golden preview-ovf <<'S'
/win7-dev01
<Enter>
x
S
golden preview-vv <<'S'
/win7-dev01
<Enter>
x
<Tab>*2
S
golden option-editor <<'S'
<F9>
<Down>*5
<Enter>
S
golden delete-confirm <<'S'
<F8>
S
golden cluster-dialog <<'S'
<BTab>
<F2>
S
golden small-60x20 <<'S'
:resize 60x20
<F4>
S
golden too-small <<'S'
:resize 30x8
S

# Bad scripts stop before the screen is touched, naming file and line.
printf '<Down>\n<Nope>\n' >"$T/bad1"
run spicecfg --script "$T/bad1"
expect_rc 2 "unknown key: exit 2"
expect_err_has "$T/bad1:2: unknown key <Nope>" "unknown key: FILE:LINE"
printf 'abc\n:sleep forever\n' >"$T/bad2"
run spicecfg --script "$T/bad2"
expect_err_has "$T/bad2:2: :sleep needs milliseconds" "bad sleep: FILE:LINE"
printf ':dump\n' >"$T/bad3"
run spicecfg --script "$T/bad3"
expect_err_has "$T/bad3:1: :dump needs a file name" "dump without a path"
printf ':frobnicate\n' >"$T/bad4"
run spicecfg --script "$T/bad4"
expect_err_has "$T/bad4:1: unknown command" "unknown command"
printf '\377\376\n' >"$T/bad5"
run spicecfg --script "$T/bad5"
expect_err_has "$T/bad5:1: text is not valid UTF-8" "invalid UTF-8"
run spicecfg --script "$T/missing"
expect_rc 2 "missing script: exit 2"
expect_err_has "$T/missing:" "missing script: named"
printf ':dump %s/no/such/dir/x\n' "$T" >"$T/bad6"
run spicecfg --script "$T/bad6"
expect_rc 1 "unwritable dump: exit 1"
expect_err_has "$T/bad6:1:" "unwritable dump: FILE:LINE"

# Esc followed by a digit is an F-key in scripts too.
printf '<Esc>\n2\n:dump %s/esc.dump\n' "$T" >"$T/esc"
run spicecfg --script "$T/esc"
if grep -q "New VM" "$T/esc.dump"; then ok "Esc 2 in a script opens the form"; else
	notok "Esc 2 in a script opens the form" "$(cat "$T/esc.dump")"; fi

# A script that saves: the store sees it.
printf '<F2>\nscripted\n<F2>\n' >"$T/save"
run spicecfg --script "$T/save"
run spicecfg vm show scripted
expect_rc 0 "a scripted form saves a VM"

# A large store: a filter and End in one batch of keys show a full page
# (only the visible rows are read).
main_db=$SPICECFG_DB
export SPICECFG_DB="$T/big.db"
spicecfg demo --vms 3000 >/dev/null 2>&1
printf '/gen-00\n<Enter>\n<End>\n:dump %s/big.dump\n' "$T" >"$T/big"
run spicecfg --script "$T/big"
export SPICECFG_DB="$main_db"
rows=$(grep -c '^gen-00' "$T/big.dump")
if [ "$rows" -eq 20 ] && grep -q '^gen-003000 ' "$T/big.dump"; then ok "End in a filtered 3000-VM list shows the last page"; else
	notok "End in a filtered 3000-VM list shows the last page" "$(cat "$T/big.dump")"; fi

# + and - step a number option within its range.
printf '<F9>\n<Enter>\n+\n+\n+\n+\n<Enter>\n' >"$T/step"
run spicecfg --script "$T/step"
run spicecfg config -g NumberOfUSBSlots
expect_out "NumberOfUSBSlots: 6 version: general" "+ steps up to the top of the range"
