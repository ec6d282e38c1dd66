#!/bin/sh
# Odd but ordinary input: numbers with blanks around them and names that
# begin with '-' get the same answer everywhere: refused, saying what is
# valid, and nothing changes.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }
VM=$(spicecfg vm list --format tsv | head -n 1 | cut -f1)
snapshot

# Numbers: digits only, the same rule for object fields, ports, options and
# --vms (blanks, '+' and trailing text are refused alike).
for v in ' 2048' '2048 ' ' 2048 ' '+2048' '	2048'; do
	run spicecfg vm set "$VM" "memory=$v"
	expect_rc 2 "memory='$v' refused"
	expect_err_has "valid: an integer 16..4194304" "memory='$v': says what is valid"
done
run spicecfg vm set "$VM" memory=2048
expect_rc 0 "memory=2048 accepted"
snapshot
for v in ' 5900' '5900 ' ' 5900 ' '+5900'; do
	run spicecfg export vv "$VM" --host h --port "$v"
	expect_rc 2 "--port '$v' refused"
	expect_err_has "valid: 1..65535" "--port '$v': says what is valid"
done
for v in ' 2' '2 ' '+2'; do
	run spicecfg config -s "NumberOfUSBSlots=$v"
	expect_rc 2 "config -s NumberOfUSBSlots='$v' refused"
done
run spicecfg demo --vms ' 5'
expect_rc 2 "demo --vms ' 5' refused"
expect_unchanged "no number with blanks changed the store"

# Names never begin with '-': refused at creation everywhere, so a name is
# never taken for an option.
for kind in vm template; do
	run spicecfg $kind add -x cluster=cluster-3.1
	expect_rc 2 "$kind add -x refused"
	expect_err_has "not starting with -" "$kind add -x: says what is valid"
done
run spicecfg cluster add -c version=3.1
expect_rc 2 "cluster add -c refused"
expect_err_has "not starting with -" "cluster add -c: says what is valid"
run spicecfg vm set "$VM" name=-renamed
expect_rc 2 "renaming to -renamed refused"
expect_err_has "not starting with -" "rename to -x: says what is valid"
spicecfg export ovf "$VM" -o "$T/x.ovf" 2>/dev/null
run spicecfg import ovf "$T/x.ovf" --name -imported
expect_rc 2 "import --name -imported refused"
expect_err_has "not starting with -" "import --name: says what is valid"
expect_unchanged "no name beginning with - was created"
run spicecfg vm add a-b-c cluster=cluster-3.1
expect_rc 0 "a '-' inside a name is still fine"
