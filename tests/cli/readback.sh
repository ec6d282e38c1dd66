#!/bin/sh
# Values read back from the store are checked against the same definitions
# as values written: a value written around spicecfg (here with the sqlite3
# tool) and outside its definition is reported with the key, the value and
# what is valid, and the default is used, never the value.
. "$TOP/tests/lib.sh"
spicecfg cluster add c31 version=3.1 >/dev/null 2>&1
spicecfg vm add v cluster=c31 os=Windows7x64 usb=native >/dev/null 2>&1
set_opt() { # key, value, version
	sqlite3 "$SPICECFG_DB" "INSERT INTO vdc_options(option_name, option_value, version)
		VALUES ('$1', '$2', '$3') ON CONFLICT(option_name, version)
		DO UPDATE SET option_value = excluded.option_value"
}
redirdevs() { printf '%s\n' "$OUT" | grep -c "<redirdev"; }

for slots in 1000 999999999 -1 four; do
	set_opt NumberOfUSBSlots "$slots" general
	run spicecfg export domxml v
	expect_rc 0 "NumberOfUSBSlots=$slots in the store: the export still works"
	if [ "$(redirdevs)" -eq 4 ]; then ok "NumberOfUSBSlots=$slots: the default 4 redirdevs"
	else notok "NumberOfUSBSlots=$slots: the default 4 redirdevs" "$(redirdevs) redirdevs"; fi
	expect_err_has "NumberOfUSBSlots" "NumberOfUSBSlots=$slots: the warning names the key"
	expect_err_has "'$slots'" "NumberOfUSBSlots=$slots: and the value"
	expect_err_has "0..6" "NumberOfUSBSlots=$slots: and what is valid"
done
run spicecfg config -g NumberOfUSBSlots
expect_out "NumberOfUSBSlots: 4 version: general" "config -g shows the value in force"
expect_err_has "the default 4 applies" "and says the stored one is not used"
sql "DELETE FROM vdc_options"

set_opt ValidNumOfMonitors "1,2,9" general
run spicecfg config -g ValidNumOfMonitors
expect_out "ValidNumOfMonitors: 1,2,4 version: general" "a monitor list outside 1..4 is not used"
set_opt NativeUSBEnabled "maybe" 3.1
run spicecfg config -g NativeUSBEnabled --cver 3.1
expect_out "NativeUSBEnabled: true version: 3.1" "a boolean that is neither is not used"
expect_err_has "'maybe'" "and is named"
sql "DELETE FROM vdc_options"

# object fields out of range
spicecfg vm add w cluster=c31 os=Windows7x64 monitors=2 >/dev/null 2>&1
sql "UPDATE objects SET monitors = 9 WHERE name = 'w'"
run spicecfg vm show w
expect_out_has "monitors: 1" "monitors=9 in a row: 1 is used"
expect_err_has "invalid monitors '9'; valid: an integer 1..4" "and the warning says why"
run spicecfg export domxml w
if [ "$(printf '%s\n' "$OUT" | grep -c '<video>')" -eq 1 ]; then ok "the export has one video device"
else notok "the export has one video device" "$OUT"; fi
sql "UPDATE objects SET usb = 'bogus' WHERE name = 'v'"
run spicecfg export domxml v
expect_out_lacks "<redirdev" "usb='bogus' in a row: no redirdev"
expect_err_has "invalid usb 'bogus'; valid: disabled, legacy, native" "and the warning says why"
sql "UPDATE objects SET memory = -5, cpus = 100000 WHERE name = 'v'"
run spicecfg vm show v
expect_out_has "memory: 1024" "memory=-5 in a row: the default is used"
expect_out_has "cpus: 1" "cpus=100000 in a row: the default is used"
expect_err_has "invalid memory '-5'; valid: an integer 16..4194304" "the warning names memory's range"
sql "UPDATE objects SET os = 'Plan9', description = char(27) || '[2J' WHERE name = 'v'"
run spicecfg vm list --format tsv
expect_out_lacks "$(printf '\033')" "a control character in a stored description is not printed"
expect_err_has "invalid os 'Plan9'" "an unknown OS in a row is reported by list too"
expect_err_has "used for description" "and the description"

# What spicecfg writes is read back cheaply (a number stored as an integer,
# a choice as its name); every other form still goes through the parser.
spicecfg vm add r cluster=c31 os=Windows7x64 memory=2048 >/dev/null 2>&1
sql "UPDATE objects SET os = 'wINDOWS7X64', display = 'SPICE' WHERE name = 'r'"
run spicecfg vm show r
expect_out_has "os: Windows7x64" "a choice stored in another letter case reads as its name"
expect_out_has "display: spice" "so does the protocol"
expect_err_empty "and is not reported"
sql "UPDATE objects SET memory = 2048.5 WHERE name = 'r'"
run spicecfg vm list --format tsv
expect_out_lacks "2048" "memory=2048.5 (a real) in a row is not read as 2048"
expect_err_has "invalid memory '2048.5'" "and is reported"
sql "UPDATE objects SET memory = '4096x', cpus = '2' WHERE name = 'r'"
run spicecfg vm show r
expect_out_has "memory: 1024" "memory='4096x' (text) in a row: the default is used"
expect_out_has "cpus: 2" "cpus='2' (text the column keeps as a number) is read"
expect_err_has "invalid memory '4096x'" "and the text is reported"
sql "UPDATE objects SET monitors = 4294967298 WHERE name = 'r'"
run spicecfg vm show r
expect_out_has "monitors: 1" "monitors=2^32+2 in a row is not read as 2"
expect_err_has "invalid monitors '4294967298'" "and is reported"
sql "DELETE FROM objects WHERE name = 'r'"

# An options.conf that lacks an option takes the built-in definition; one
# that widens an option beyond what spicecfg carries is refused.
awk '/key = "NumberOfUSBSlots"/ { skip = 3 } skip > 0 { skip--; next } { print }' \
	"$TOP/data/options.conf" >"$T/lacks.conf"
if grep -q NumberOfUSBSlots "$T/lacks.conf"; then notok "a file without NumberOfUSBSlots" "still there"
else ok "a file without NumberOfUSBSlots"; fi
run env SPICECFG_OPTIONS="$T/lacks.conf" "$SPICECFG" config -g NumberOfUSBSlots
expect_out "NumberOfUSBSlots: 4 version: general" "a missing option takes the built-in definition"
run env SPICECFG_OPTIONS="$T/lacks.conf" "$SPICECFG" config -s NumberOfUSBSlots=7
expect_rc 2 "and its range"
sed 's/min = 0; max = 6;/min = 0; max = 1000;/' "$TOP/data/options.conf" >"$T/wide.conf"
run env SPICECFG_OPTIONS="$T/wide.conf" "$SPICECFG" config -g NumberOfUSBSlots
expect_rc 1 "a file that widens NumberOfUSBSlots is refused"
expect_err_has "NumberOfUSBSlots allows 0..1000, wider than spicecfg can carry (0..6)" "saying why"

# Many rows outside their definitions: the warnings end with one saying so.
i=0
while [ $i -lt 20 ]; do spicecfg vm add "many$i" cluster=c31 >/dev/null 2>&1; i=$((i + 1)); done
sql "UPDATE objects SET monitors = 7 WHERE name LIKE 'many%'"
run spicecfg vm list
expect_err_has "more values in the store are outside their definitions" "many bad rows: the last warning says there are more"
