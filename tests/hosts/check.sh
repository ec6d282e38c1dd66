#!/bin/sh
# `spicecfg host check URI` (SPEC §10): the hypervisor and what its domain
# capabilities allow; hosts that cannot be reached name the host and carry
# libvirt's message.  (The real QEMU host is checked in live.sh.)
. "$TOP/tests/lib.sh"
run spicecfg host check test:///default
expect_rc 0 "libvirt's test driver answers"
expect_out "host: test:///default
hypervisor: TEST 0.0.2
capabilities: not reported: host test:///default: cannot read the domain capabilities: this function is not supported by the connection driver: virConnectGetDomainCapabilities" \
	"a host without domain capabilities says so"
if [ -e "$SPICECFG_DB" ]; then notok "checking a host leaves the store alone" "store created"; else
	ok "checking a host leaves the store alone"
fi

run spicecfg host check "qemu+unix:///system?socket=$T/no-such.sock"
expect_rc 1 "an unreachable host fails"
expect_err_has "spicecfg: host qemu+unix:///system?socket=$T/no-such.sock: cannot connect: Failed to connect socket to '$T/no-such.sock'" \
	"the message names the host and carries libvirt's reason"
run spicecfg host check nosuchdriver:///x
expect_rc 1 "a URI no driver takes fails"
expect_err_has "host nosuchdriver:///x: cannot connect: " "and says so"
run spicecfg host check kvm1
expect_rc 1 "a bare name is a stored host's"
expect_err_has "spicecfg: host 'kvm1' does not exist (see: spicecfg host list; add one with: spicecfg host add NAME uri=URI cluster=C)" \
	"the message says how to add one"
run spicecfg host check 'kvm 1'
expect_rc 2 "neither a name nor a URI"
expect_err_has "spicecfg: 'kvm 1' is neither a host name nor a libvirt connection URI such as qemu:///system" \
	"the message says what is valid"
run spicecfg host
expect_rc 2 "host needs a verb"
expect_err_has "usage: host add NAME uri=URI cluster=C | list" "the usage says which"
run spicecfg host check
expect_rc 2 "check needs a URI"
