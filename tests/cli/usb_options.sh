# `spicecfg usb-options`: the dropdown's values and the reasons for the rest.
. "$TOP/tests/lib.sh"

check() { # cver os display expected...
	c=$1 o=$2 d=$3; shift 3
	run spicecfg usb-options --cver "$c" --os "$o" --display "$d"
	expect_rc 0 "usb-options $c $o $d"
	expect_out "$1" "values and reasons for $c $o $d"
}
check 3.1 Windows7x64 spice "disabled
legacy
native"
check 3.1 RHEL6x64 spice "disabled
native
# legacy: legacy USB redirection is not available for Linux guests on cluster version 3.1 or later (use native)"
check 3.0 RHEL6x64 spice "disabled
# legacy: legacy USB redirection is not available for Linux guests (it needs a Windows guest)
# native: native USB redirection needs cluster version 3.1 or later"
# SPEC §2: each refused value's reason is true of that value.
check 3.0 RHEL4 spice "disabled
# legacy: legacy USB redirection is not available for Linux guests (it needs a Windows guest)
# native: native USB redirection needs cluster version 3.1 or later"
check 3.0 Other spice "disabled
# legacy: legacy USB redirection needs cluster version 3.1 or later for a non-Windows guest
# native: native USB redirection needs cluster version 3.1 or later"
run spicecfg usb-options --cver 3.0 --os RHEL4 --format json
expect_out_has '"lock_reason": "needs cluster version 3.1 or a Windows guest"' "the field's lock reason stays the table's"
check 3.0 WindowsXP spice "disabled
legacy
# native: native USB redirection needs cluster version 3.1 or later"
check 3.2 Other spice "disabled
legacy
native"
check 3.2 Windows7 vnc "disabled
# legacy: USB redirection needs the SPICE protocol
# native: USB redirection needs the SPICE protocol"

spicecfg config -s NativeUSBEnabled=false --cver 3.2
check 3.2 Windows7 spice "disabled
legacy
# native: native USB redirection is turned off for cluster version 3.2 (site option NativeUSBEnabled)"
spicecfg config -s EnableUSBAsDefault=true
check 3.1 OtherLinux spice "native
disabled
# legacy: legacy USB redirection is not available for Linux guests on cluster version 3.1 or later (use native)"

run spicecfg usb-options --cver 3.3 --os RHEL6
expect_rc 2 "bad version"
expect_err_has "valid: 3.0, 3.1, 3.2" "versions listed"
run spicecfg usb-options --cver 3.1 --os Solaris
expect_rc 2 "bad os"
expect_err_has "valid: Unassigned, WindowsXP" "os listed"
run spicecfg usb-options --cver 3.1 --os RHEL6 --display rdp
expect_rc 2 "bad display"
run spicecfg usb-options --os RHEL6
expect_rc 2 "missing cver"
