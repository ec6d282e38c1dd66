# --help and the unknown-command message come from the command table:
# every command they name is dispatched, and --help shows each one.
. "$TOP/tests/lib.sh"

run spicecfg --help
expect_rc 0 "--help"
help=$OUT
expect_out_has "        OBJECT is cluster, vm, template or pool" "object kinds listed from the table"
run spicecfg frobnicate
expect_rc 2 "unknown command"
valid=$(printf '%s\n' "$ERR" | sed -n 's/.*; valid: \(.*\) (see spicecfg --help)$/\1/p')
[ -n "$valid" ] && ok "the message lists the valid commands" || notok "the message lists the valid commands" "$ERR"
for c in $(printf '%s' "$valid" | tr ',' ' '); do
	run spicecfg "$c" --no-such-option
	case $ERR in
	*"unknown command"*) notok "$c is dispatched" "$ERR" ;;
	*) ok "$c is dispatched" ;;
	esac
	case $help in
	*"  $c "* | *" $c,"* | *" $c or "* | *" or $c"*) ok "--help shows $c" ;;
	*) notok "--help shows $c" "$help" ;;
	esac
done
