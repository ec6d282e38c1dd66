# `spicecfg config`: engine-config style output and validation (SPEC §4).
. "$TOP/tests/lib.sh"

run spicecfg config -l
expect_rc 0 "config -l"
expect_out "NumberOfUSBSlots: Number of USB redirection channels a VM with native USB support gets (Value Type: Integer)
NativeUSBEnabled: Allow SPICE native USB redirection in clusters of this version (Value Type: Boolean)
EnableUSBAsDefault: New VMs get the first allowed USB redirection policy instead of disabled (Value Type: Boolean)
SpiceUsbAutoShare: The console client shares newly plugged USB devices with the VM (Value Type: Boolean)
UsbFilter: USB devices the console client may redirect (usbredir filter rules) (Value Type: String)
ValidNumOfMonitors: Numbers of monitors a SPICE console may have (Value Type: IntegerMultiple)
WANDisableEffects: Desktop effects the client turns off on consoles optimized for WAN (Value Type: StringMultiple)
WANColorDepth: Color depth in bits of consoles optimized for WAN (Value Type: Integer)
SpiceSecureChannels: SPICE channels the client must open over TLS (Value Type: StringMultiple)
SpiceProxyDefault: HTTP proxy the console client connects through when neither the pool nor the cluster names one (Value Type: String)
SingleQxlPciEnabled: Linux guests with several monitors get one multi-head qxl device (Value Type: Boolean)
ConsoleReleaseCursorKeys: Keys that make the console client release the mouse cursor (Value Type: String)
ConsoleToggleFullScreenKeys: Keys that switch the console client to and from full screen (Value Type: String)
RemapCtrlAltDelDefault: The console client sends ctrl+alt+end to the guest as ctrl+alt+del (Value Type: Boolean)" "config -l lists every key with description and type"

run spicecfg config -a
expect_rc 0 "config -a"
expect_out "NumberOfUSBSlots: 4 version: general
NativeUSBEnabled: false version: 3.0
NativeUSBEnabled: true version: 3.1
NativeUSBEnabled: true version: 3.2
EnableUSBAsDefault: false version: general
SpiceUsbAutoShare: true version: general
UsbFilter: -1,-1,-1,-1,1 version: general
ValidNumOfMonitors: 1,2,4 version: general
WANDisableEffects: animation version: general
WANColorDepth: 16 version: general
SpiceSecureChannels: main,inputs version: general
SpiceProxyDefault:  version: general
SingleQxlPciEnabled: false version: 3.0
SingleQxlPciEnabled: false version: 3.1
SingleQxlPciEnabled: true version: 3.2
ConsoleReleaseCursorKeys: shift+f12 version: general
ConsoleToggleFullScreenKeys: shift+f11 version: general
RemapCtrlAltDelDefault: true version: general" "config -a shows shipped defaults for every key and version"

run spicecfg config -s NativeUSBEnabled=false --cver 3.1
expect_rc 0 "set per-version option"
expect_out "" "-s prints nothing on success"
run spicecfg config -g NativeUSBEnabled --cver 3.1
expect_out "NativeUSBEnabled: false version: 3.1" "-g reads back the stored value"
run spicecfg config -g NativeUSBEnabled --cver=3.2
expect_out "NativeUSBEnabled: true version: 3.2" "other versions keep their default"
run spicecfg config -g NativeUSBEnabled
expect_out "NativeUSBEnabled: false version: 3.0
NativeUSBEnabled: false version: 3.1
NativeUSBEnabled: true version: 3.2" "-g without --cver lists every version of a per-version key"

run spicecfg config -s WANDisableEffects=font-smooth,wallpaper
expect_rc 0 "set StringMultiple"
run spicecfg config -g WANDisableEffects
expect_out "WANDisableEffects: wallpaper,font-smooth version: general" "StringMultiple stored in canonical order"
run spicecfg config -s ValidNumOfMonitors=4,1 --cver general
expect_rc 0 "general option accepts --cver general"
run spicecfg config -g ValidNumOfMonitors
expect_out "ValidNumOfMonitors: 1,4 version: general" "IntegerMultiple canonical"
run spicecfg config -s 'UsbFilter=0x03,-1,-1,-1,0|-1,-1,-1,-1,1'
expect_rc 0 "usb filter with two rules"

# every refusal: exit 2, names key/value/valid, store unchanged
snapshot
run spicecfg config -s NumberOfUSBSlots=7
expect_rc 2 "out of range refused"
expect_err_has "spicecfg: invalid value '7' for NumberOfUSBSlots: out of range; valid: an integer 0..6" "range message"
run spicecfg config -s NumberOfUSBSlots=four
expect_rc 2 "wrong type refused"
expect_err_has "not an integer" "type message"
run spicecfg config -s WANColorDepth=24
expect_rc 2 "not in the valid list"
expect_err_has "valid: one of 16,32" "valid list shown"
run spicecfg config -s WANDisableEffects=wallpaper,sparkles
expect_rc 2 "unknown multi value"
expect_err_has "animation,wallpaper,font-smooth,all" "multi choices shown"
run spicecfg config -s EnableUSBAsDefault=perhaps
expect_rc 2 "bad boolean"
expect_err_has "valid: true or false" "boolean message"
run spicecfg config -s NativeUSBEnabled=true
expect_rc 2 "per-version key needs --cver"
expect_err_has "add --cver 3.0, 3.1 or 3.2" "cver hint"
run spicecfg config -s NumberOfUSBSlots=2 --cver 3.1
expect_rc 2 "general key refuses a version"
expect_err_has "general option" "general hint"
run spicecfg config -s NativeUSBEnabled=true --cver 4.0
expect_rc 2 "unknown version"
expect_err_has "valid: 3.0, 3.1, 3.2, general" "versions listed"
run spicecfg config -s NoSuchKey=1
expect_rc 2 "unknown key"
expect_err_has "unknown option 'NoSuchKey'" "unknown key named"
run spicecfg config -g NoSuchKey
expect_rc 2 "unknown key for -g"
run spicecfg config -s UsbFilter=-1,-1,-1,-1,5
expect_rc 2 "bad usb filter"
expect_err_has "rule 1: bad allow" "filter rule named"
run spicecfg config -s NumberOfUSBSlots
expect_rc 2 "-s without ="
run spicecfg config
expect_rc 2 "config without action"
run spicecfg config -l -a
expect_rc 2 "two actions"
# SPEC §9: proxy URLs and virt-viewer hotkeys
run spicecfg config -s SpiceProxyDefault=ftp://proxy.example:3128
expect_rc 2 "proxy with a bad scheme"
expect_err_has "invalid SpiceProxyDefault 'ftp://proxy.example:3128': the scheme must be http or https; valid: http://HOST:PORT or https://HOST:PORT" "scheme named"
run spicecfg config -s SpiceProxyDefault=http://proxy.example
expect_rc 2 "proxy without a port"
expect_err_has "no port" "missing port named"
run spicecfg config -s SpiceProxyDefault=http://proxy.example:70000
expect_rc 2 "proxy port out of range"
expect_err_has "the port is out of range" "port range named"
run spicecfg config -s SpiceProxyDefault=http://2001:db8::1:3128
expect_rc 2 "unbracketed IPv6 proxy"
expect_err_has "an IPv6 host must be in brackets" "brackets named"
run spicecfg config -s ConsoleReleaseCursorKeys=hyper+r
expect_rc 2 "hotkey with an unknown modifier"
expect_err_has "invalid ConsoleReleaseCursorKeys 'hyper+r': unknown key or modifier 'hyper'; valid: modifiers (ctrl, alt, shift, super) and one key" "modifier named"
# an unknown part is shown up to its first 32 characters
run spicecfg config -s ConsoleReleaseCursorKeys=ctrl+abcdefghijklmnopqrstuvwxyz0123456789
expect_rc 2 "hotkey with a long unknown key"
expect_err_has "unknown key or modifier 'abcdefghijklmnopqrstuvwxyz012345'; valid:" "long unknown key shown to 32 characters"
run spicecfg config -s ConsoleToggleFullScreenKeys=ctrl+f11+f12
expect_rc 2 "hotkey with two keys"
expect_err_has "more than one key" "two keys named"
# virt-viewer would take a bare key; SPEC §9 asks for modifiers and a key
run spicecfg config -s ConsoleReleaseCursorKeys=f12
expect_rc 2 "hotkey without a modifier"
expect_err_has "invalid ConsoleReleaseCursorKeys 'f12': no modifier; valid: modifiers (ctrl, alt, shift, super) and one key" "missing modifier named"
run spicecfg config -s SingleQxlPciEnabled=true
expect_rc 2 "SingleQxlPciEnabled is per version"
expect_unchanged "refusals left the store unchanged"
run spicecfg config -s 'SpiceProxyDefault=http://[2001:db8::1]:3128'
expect_rc 0 "bracketed IPv6 proxy accepted"
run spicecfg config -s ConsoleReleaseCursorKeys=ctrl+alt+r
expect_rc 0 "hotkey accepted"
run spicecfg config -s SingleQxlPciEnabled=true --cver 3.1
expect_rc 0 "SingleQxlPciEnabled for 3.1"
run spicecfg config -g ConsoleReleaseCursorKeys
expect_out "ConsoleReleaseCursorKeys: ctrl+alt+r version: general" "hotkey read back"

# a changed option that takes values away reconciles objects, with warnings
spicecfg cluster add c32 version=3.2
spicecfg vm add v1 cluster=c32 os=RHEL6x64 migration=manual
spicecfg vm set v1 usb=native 2>/dev/null
# --dry-run: the list of what would be reset, and nothing changed (SPEC §11)
snapshot
run spicecfg config -s NativeUSBEnabled=false --cver 3.2 --dry-run
expect_rc 0 "dry run succeeds"
expect_out_has "vm 'v1': usb: native -> disabled; USB Support changed from native to disabled" "dry run lists object, field, old -> new"
expect_out_has "dry run: 1 object would change; nothing was changed" "dry run says nothing changed"
expect_unchanged "dry run left the store unchanged"
run spicecfg config -g NativeUSBEnabled --cver 3.2
expect_out "NativeUSBEnabled: true version: 3.2" "dry run left the option as it was"
run spicecfg config -a --dry-run
expect_rc 2 "--dry-run only with -s"
# many objects: every one listed, never cut off
i=1
while [ $i -le 20 ]; do
	spicecfg vm add m$i cluster=c32 os=Windows7 monitors=4 2>/dev/null
	i=$((i + 1))
done
snapshot
run spicecfg config -s ValidNumOfMonitors=1,2 --dry-run
expect_rc 0 "monitors dry run"
[ "$(printf '%s\n' "$OUT" | grep -c "^vm 'm[0-9]*': monitors: 4 -> 1")" -eq 20 ] && ok "dry run lists all 20 objects" || notok "dry run lists all 20 objects" "$OUT"
expect_unchanged "monitors dry run left the store unchanged"
run spicecfg config -s ValidNumOfMonitors=1,2
expect_rc 0 "monitors set"
[ "$(printf '%s\n' "$ERR" | grep -c "^spicecfg: warning: vm 'm[0-9]*': monitors: 4 -> 1")" -eq 20 ] && ok "all 20 changes reported, none cut off" || notok "all 20 changes reported, none cut off" "$ERR"
expect_err_has "warning: 20 objects changed" "count reported"
spicecfg config -s ValidNumOfMonitors=1,2,4
run spicecfg config -s NativeUSBEnabled=false --cver 3.2
expect_rc 0 "disabling native succeeds"
expect_err_has "warning: vm 'v1': usb: native -> disabled; USB Support changed from native to disabled" "reset announced"
run spicecfg vm show v1
expect_out_has "usb: disabled" "native reset to disabled"
expect_out_has "migration: manual" "previous migration restored"

# audit rows for option changes
run sql "select object, field, old, new from audit where object like 'option:%' order by id limit 1"
expect_out "option:NativeUSBEnabled|3.1|true|false" "option change audited with old and new"

# a shipped definition file that is broken: file:line, exit 1
printf 'options = (\n { key = "A"; type = "Nope"; default = "1"; description = "x"; }\n);\n' >"$T/bad.conf"
run env SPICECFG_OPTIONS="$T/bad.conf" "$SPICECFG" config -l
expect_rc 1 "broken definitions refused"
expect_err_has "$T/bad.conf:2: unknown type" "definition error names file:line"
