#!/bin/sh
# UsbFilter in the site options is edited as a list of rules: class with
# its USB name, vendor, product, version, allow/block; rules added,
# removed and moved; a bad cell refused with what is valid; the value
# stored is what libusbredirparser reads.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
key F9
wait Site options:
send /UsbFilter
key Enter
wait filter: UsbFilter
key Enter
wait UsbFilter (general): 1 rule
expect Class                  Vendor   Product  Version  Action
expect  1  any                    any      any      any      allow
key Insert
wait UsbFilter (general): 2 rules
expect Rule 1 added (any device, allow)
key Enter
wait USB class
expect 0x0e video
key Down 8
key Enter
gone USB class
expect  1  0x08 mass storage      any
key Tab
key Enter
wait Vendor id: any, or 0x0000..0xffff
key C-u
send 0x0781
key Enter
wait  1  0x08 mass storage      0x0781   any      any      allow
key Tab 3
key Space
wait  1  0x08 mass storage      0x0781   any      any      block
key Insert
wait UsbFilter (general): 3 rules
key Space 4
wait  1  0x03 HID
key Tab
key Enter
wait Vendor id
key C-u
send 0x10000
key Enter
wait Rule 1 not changed: invalid vendor '0x10000'; valid: any (or -1),
expect  1  0x03 HID               any
send J
wait Rule moved to place 2
expect  2  0x03 HID
expect  1  0x08 mass storage
send \e[1;2A
wait Rule moved to place 1
expect  1  0x03 HID
send J
wait Rule moved to place 2
key Down
key Insert
wait UsbFilter (general): 4 rules
key Delete
wait Rule 3 removed
expect UsbFilter (general): 3 rules
expect  3  any                    any      any      any      allow
key F1
wait Help: UsbFilter
expect 0x0e video
expect 0x0b smart card
key Esc
wait UsbFilter (general): 3 rules
key F2
wait UsbFilter set to 0x08,0x0781,-1,-1,0|
key Enter
wait UsbFilter (general): 3 rules
expect  2  0x03 HID
key Esc
gone UsbFilter (general)
key Enter
wait UsbFilter (general)
key Delete
key Delete
key Delete
wait No rules: Insert adds one
key F2
wait Not saved: invalid value '' for UsbFilter: no rules
key Esc
wait The rules have unsaved changes. Discard them?
key Enter
gone Discard them?
expect No rules: Insert adds one
key Esc
wait Discard them?
send d
gone UsbFilter (general)
key Tab
wait History:
expect UsbFilter
send q
exit 0
K
expect_drive "rules added, named, edited, moved, removed and saved; bad cells and no rules refused"
want="0x08,0x0781,-1,-1,0|0x03,-1,-1,-1,1|-1,-1,-1,-1,1"
run spicecfg config -g UsbFilter
expect_out "UsbFilter: $want version: general" "the rule list was stored in order"
run sql "select count(*) from audit where object = 'option:UsbFilter'"
expect_out "1" "saved once and audited; reopening and cancelling stored nothing"
spicecfg export vv win7-dev01 --host h.example --port 5900 -o "$T/a.vv" 2>/dev/null
run "$TESTBIN/vvparse" "$T/a.vv"
expect_rc 0 "libusbredirparser reads the stored rules from the .vv"
expect_out_has "usb-filter=$want" "the .vv carries them unchanged"
expect_out_has "# usb-filter rules: 3" "as three rules"

# More rules than fit: the list scrolls with the selection, also after the
# terminal shrinks.
spicecfg config -s 'UsbFilter=3,-1,-1,-1,0|8,-1,-1,-1,0|14,-1,-1,-1,1|1,-1,-1,-1,1|2,-1,-1,-1,1|5,-1,-1,-1,1|6,-1,-1,-1,1|7,-1,-1,-1,1|9,-1,-1,-1,1|10,-1,-1,-1,1|11,-1,-1,-1,1|-1,-1,-1,-1,1'
drive <<'K'
wait VMs:
key F9
wait Site options:
send /UsbFilter
key Enter
wait filter: UsbFilter
key Enter
wait UsbFilter (general): 12 rules
expect  1  0x03 HID               any      any      any      block
expect 12  any                    any      any      any      allow
resize 40 12
gone 12  any
expect  1  0x03 HID
key End
wait 12  any
key Home
wait  1  0x03 HID
lacks 12  any
resize 80 24
wait 12  any                    any      any      any      allow
key Esc
send q
exit 0
K
expect_drive "a long rule list scrolls with the selection after a resize"
