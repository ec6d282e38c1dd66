#!/bin/sh
# SPEC §11: columns take their widths from the terminal; text that does not
# fit ends with … (~ where the locale is not UTF-8), in lists and History.
# SPICECFG_UPDATE_GOLDEN=1 rewrites the golden files.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
unset LINES COLUMNS
GOLDEN="$TOP/tests/pty/golden"
spicecfg cluster add cluster-3.1 version=3.1
spicecfg vm add finance-department-win7-desktop-0001 cluster=cluster-3.1 os=Windows2008R2x64 \
	description='the long description of a finance desktop that never fits'
spicecfg vm add finance-department-win7-desktop-0002 cluster=cluster-3.1 os=Windows7
spicecfg vm set finance-department-win7-desktop-0002 os=RHEL6x64 2>/dev/null

golden() { # name, size, then script lines on stdin (the dump is appended)
	{ echo ":resize $2"; cat; echo ":dump $T/$1.dump"; } >"$T/$1.script"
	run spicecfg --script "$T/$1.script"
	if [ "$RC" -ne 0 ]; then notok "screen $1" "exit $RC: $ERR"; return; fi
	sed -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z\{0,1\}/YYYY-MM-DDThh:mm:ss/g' \
	    -e "s|$SPICECFG_DB|STORE|g" "$T/$1.dump" >"$T/$1.txt"
	if [ -n "${SPICECFG_UPDATE_GOLDEN:-}" ]; then cp "$T/$1.txt" "$GOLDEN/$1.txt"; fi
	if cmp -s "$T/$1.txt" "$GOLDEN/$1.txt"; then ok "screen $1"; else
		notok "screen $1" "$(diff -u "$GOLDEN/$1.txt" "$T/$1.txt" 2>&1 | head -30)"
	fi
}
golden long-names-80x24 80x24 </dev/null
golden long-names-200x50 200x50 </dev/null
golden long-history-80x24 80x24 <<'S'
<BTab>*2
S
# columns too wide for the line shrink to their least widths, the pool
# size's whole (four digits and a gap) among them
spicecfg template add finance-department-win7-template cluster=cluster-3.1 os=Windows7x64
spicecfg pool add finance-department-win7-pool-0001 template=finance-department-win7-template \
	size=1000
golden long-pools-60x20 60x20 <<'S'
<Tab>*2
S

f=$GOLDEN/long-names-200x50.txt
grep -q 'finance-department-win7-desktop-0001 ' "$f" && grep -q 'finance-department-win7-desktop-0002 ' "$f" &&
	ok "200 columns: both long names whole" || notok "200 columns: both long names whole" "$(cat "$f")"
grep -q 'Windows2008R2x64 ' "$f" && ok "200 columns: the OS whole" || notok "200 columns: the OS whole" "$(cat "$f")"
f=$GOLDEN/long-names-80x24.txt
[ "$(grep -c '…' "$f")" -ge 2 ] && ok "80 columns: what does not fit is marked with …" ||
	notok "80 columns: what does not fit is marked with …" "$(cat "$f")"
grep -q 'Windows7 -> RHEL6x64' "$GOLDEN/long-history-80x24.txt" &&
	ok "History: the old -> new value whole" ||
	notok "History: the old -> new value whole" "$(cat "$GOLDEN/long-history-80x24.txt")"

# a locale that cannot show … gets ~
saved_lc=$LC_ALL
export LC_ALL=C
drive <<'K'
wait VMs:
expect finance-departme~ cluster-3.1 Windows2008R2~
lacks finance-department-win7-desktop-0001
send q
exit 0
K
export LC_ALL="$saved_lc"
expect_drive "C locale: the mark is ~"

# a status message longer than the line ends with the mark too
drive <<'K'
wait VMs:
key BTab
wait Clusters:
send s
wait ordered by Name only
dump
send q
exit 0
K
status=$(printf '%s\n' "$OUT" | grep '^ Clusters: ' | tail -1)
case "$status" in
*…) ok "a long status line ends with …" ;;
*) notok "a long status line ends with …" "$status" ;;
esac
