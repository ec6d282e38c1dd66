#!/bin/sh
# No password of a PostgreSQL connection string is ever printed, whatever
# form libpq takes it in; text from outside ($USER, file names) reaches the
# terminal and the audit log with its control characters escaped.
. "$TOP/tests/lib.sh"

# A server that cannot be reached (no socket directory): every target fails
# at once, and the message names the store without its password.
nohost="host=$T/no-such-dir"
for target in \
	"postgresql://alice:Sup3rSecret@localhost:1/x?host=$T/no-such-dir" \
	"postgresql://alice@localhost:1/x?host=$T/no-such-dir&password=Sup3rSecret" \
	"postgresql://alice@localhost:1/x?host=$T/no-such-dir&pass%77ord=Sup3rSecret" \
	"$nohost password=Sup3rSecret dbname=x" \
	"$nohost password = Sup3rSecret dbname=x" \
	"$nohost password='Sup3r Secret' dbname=x" \
	"$nohost password = 'Sup3r\\' Secret' dbname=x" \
	"$nohost password=Sup3r Secret dbname=x" \
	"$nohost password='Sup3rSecret"; do
	run spicecfg --db "$target" vm list
	[ "$RC" -ne 0 ] && ok "unreachable store refused: $target" || notok "unreachable store refused: $target" "$OUT"
	case "$ERR" in
	*Sup3r* | *Secret*) notok "no password in the message for: $target" "$ERR" ;;
	spicecfg:*) ok "no password in the message for: $target" ;;
	*) notok "message starts with spicecfg: for $target" "$ERR" ;;
	esac
done
run spicecfg --db "$nohost password = Sup3rSecret dbname=x" vm list
expect_err_has "password = ***" "the redacted form shows where the password was"

# $USER with an escape sequence and a newline: escaped in the audit log
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }
vm=$(spicecfg vm list --format tsv | cut -f1 | head -1)
esc=$(printf '\033')
USER="ev${esc}[31mil
fake" spicecfg vm set "$vm" cpus=3 >/dev/null 2>&1
who=$(sql "SELECT who FROM audit ORDER BY id DESC LIMIT 1")
[ "$who" = 'ev\x1b[31mil\x0afake' ] && ok "\$USER escaped in the audit log" || notok "\$USER escaped in the audit log" "who: $who"
sql "SELECT who FROM audit" | grep -q "$esc" && notok "no raw ESC in the audit log" "" || ok "no raw ESC in the audit log"

# A file name with ESC and a newline in an import directory
mkdir "$T/imp"
spicecfg export ovf "$vm" -o "$T/vm.ovf" 2>/dev/null
bad="$T/imp/x${esc}]0;owned${esc}\\
spicecfg: all fine.ovf"
printf 'not xml\n' >"$bad"
run spicecfg import ovf "$T/imp" --cluster cluster-3.1
expect_rc 2 "a broken file in the directory is refused"
case "$ERR" in *"$esc"*) notok "no raw ESC on stderr" "$ERR" ;; *) ok "no raw ESC on stderr" ;; esac
expect_err_has 'x\x1b]0;owned\x1b\\x0aspicecfg: all fine.ovf' "the file name is shown escaped"
n=$(printf '%s\n' "$ERR" | grep -vc '^spicecfg: ')
[ "$n" -eq 0 ] && ok "every line of stderr starts with spicecfg:" || notok "every line starts with spicecfg:" "$ERR"
