# --format json wherever a script parses the output (show, usb-options,
# config, import): each parses as JSON and says what the text format says;
# the text formats are unchanged (their golden tests are in objects.sh,
# usb_options.sh, config.sh and import.sh).
. "$TOP/tests/lib.sh"

# valid JSON: python's own parser, which refuses raw control characters
json_ok() { # name (reads $OUT)
	if printf '%s\n' "$OUT" | python3 -m json.tool >/dev/null 2>"$T/.jerr"; then ok "$1"; else
		notok "$1" "not JSON: $(cat "$T/.jerr"); got: $OUT"
	fi
}
# py EXPR: evaluates EXPR with j = the JSON on stdin; prints it
py() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }

spicecfg cluster add c30 version=3.0
spicecfg cluster add c31 version=3.1
desc="say \"hi\" C:\\dir\\ caf$(printf '\303\251') $(printf '\342\202\254')"
spicecfg vm add web01 cluster=c31 os=Windows7x64 monitors=2 usb=native "description=$desc"

run spicecfg vm show web01 --format json
expect_rc 0 "vm show --format json"
json_ok "vm show json parses"
run sh -c "'$SPICECFG' vm show web01 --format json | python3 -c '
import json, sys
j = json.load(sys.stdin)
print(j[\"name\"], j[\"memory\"], j[\"monitors\"], j[\"wan\"], j[\"usb\"], j[\"migration\"],
      j[\"cluster_version\"], \",\".join(j[\"usb_allowed\"]), j[\"revision\"], len(j[\"uuid\"]))'"
expect_out "web01 1024 2 False native pinned 3.1 disabled,legacy,native 1 36" \
	"show json: numbers and booleans bare, usb_allowed a list"
run sh -c "'$SPICECFG' vm show web01 --format json | python3 -c '
import json, sys; sys.stdout.buffer.write(json.load(sys.stdin)[\"description\"].encode())'"
expect_out "$desc" "quotes, backslashes and UTF-8 come back as they were"
# every text line's KEY: VALUE is in the JSON with the same text
run sh -c "'$SPICECFG' vm show web01 > '$T/show.txt'; '$SPICECFG' vm show web01 --format=json | python3 -c '
import json, sys
j = json.load(sys.stdin)
for line in open(sys.argv[1], encoding=\"utf-8\"):
    k, v = line.rstrip(\"\n\").split(\": \", 1)
    x = j.pop(k)
    x = \",\".join(x) if isinstance(x, list) else str(x).lower() if isinstance(x, bool) else str(x)
    if x != v: print(\"differs:\", k, repr(x), repr(v))
print(\"left:\", sorted(j))' '$T/show.txt'"
expect_out "left: []" "show json carries exactly the text lines"
run spicecfg vm show web01
expect_out_has "description: $desc" "text show unchanged"

run spicecfg cluster show c30 --format json
expect_out '{"name": "c30", "version": "3.0", "spice_proxy": "", "revision": 1}' "cluster show json"
run spicecfg vm show web01 --format xml
expect_rc 2 "unknown show format"
expect_err_has "valid: text, json" "the error names the valid formats"
run spicecfg vm show web01 extra
expect_rc 2 "show takes only a NAME and --format"

# usb-options: the allowed values with the default marked, refused with reasons
for args in "3.1 Windows7x64 spice" "3.1 RHEL6x64 spice" "3.0 RHEL6x64 spice" \
	"3.0 WindowsXP spice" "3.2 Windows7 vnc"; do
	set -- $args
	spicecfg usb-options --cver "$1" --os "$2" --display "$3" >"$T/usb.txt"
	run sh -c "'$SPICECFG' usb-options --cver $1 --os $2 --display $3 --format json | python3 -c '
import json, sys
j = json.load(sys.stdin)
lines = [a[\"value\"] for a in j[\"allowed\"]]
lines += [\"# %s: %s\" % (r[\"value\"], r[\"reason\"]) for r in j[\"refused\"]]
assert j[\"allowed\"][0][\"default\"] and j[\"default\"] == lines[0]
assert not any(a[\"default\"] for a in j[\"allowed\"][1:])
assert j[\"editable\"] == (len(j[\"allowed\"]) > 1) and (j[\"lock_reason\"] is None) == j[\"editable\"]
print(\"\n\".join(lines))'"
	expect_out "$(cat "$T/usb.txt")" "usb-options json says what the text says: $args"
done
run spicecfg usb-options --cver 3.1 --os RHEL6 --format yaml
expect_rc 2 "usb-options: unknown format"

# config -l, -a, -g
spicecfg config -s NativeUSBEnabled=false --cver 3.2
run sh -c "'$SPICECFG' config -a --format json | python3 -c '
import json, sys
for r in json.load(sys.stdin): print(\"%s: %s version: %s\" % (r[\"key\"], r[\"value\"], r[\"version\"]))'"
expect_out "$(spicecfg config -a)" "config -a json: the same rows as the text"
run spicecfg config -g NativeUSBEnabled --format json
json_ok "config -g json parses"
run sh -c "'$SPICECFG' config -g NativeUSBEnabled --cver 3.2 --format json | python3 -c '
import json, sys; print(json.load(sys.stdin))'"
expect_out "[{'key': 'NativeUSBEnabled', 'value': 'false', 'version': '3.2'}]" "config -g json: one row"
run sh -c "'$SPICECFG' config -l --format json | python3 -c '
import json, sys
for r in json.load(sys.stdin): print(\"%s: %s (Value Type: %s)\" % (r[\"key\"], r[\"description\"], r[\"type\"]))'"
expect_out "$(spicecfg config -l)" "config -l json: the same keys as the text"
snapshot
run spicecfg config -s WANColorDepth=32 --format json
expect_rc 2 "config -s takes no --format"
expect_unchanged "and changes nothing"
run spicecfg config -a --format csv
expect_rc 2 "config: unknown format"

# import: the summary and every note, for file names with quotes, tabs and
# newlines in them
mkdir -p "$T/in" "$T/empty"
spicecfg export ovf web01 -o "$T/in/a\"b	c
d.ovf"
spicecfg vm rm web01
printf 'not xml' >"$T/in/bad.ovf"
run spicecfg import ovf "$T/in" --cluster c31 --keep-going --format json
expect_rc 2 "import with a bad file: exit 2"
json_ok "import json parses"
printf '%s\n' "$OUT" >"$T/imp.json"
run python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print(j["files"], j["imported"], j["refused"], j["status"], j["error"])
print(sorted(set(n["kind"] for n in j["notes"])))
print(any("a\"b\tc\nd.ovf: imported" in n["text"] for n in j["notes"]))' "$T/imp.json"
expect_out "2 1 1 2 None
['info', 'refused']
True" "import json: counts, status and the notes, names escaped"
run spicecfg vm show web01
expect_rc 0 "and the valid file was imported"
run spicecfg import ovf "$T/empty" --format json
expect_rc 2 "import of nothing fails"
printf '%s\n' "$OUT" >"$T/imp.json"
run python3 -c '
import json, sys; j = json.load(open(sys.argv[1])); print(j["status"], j["files"], j["error"])' "$T/imp.json"
expect_out "2 0 no *.ovf or *.xml files to import" "import json: an error that is about no file is in 'error'"
run spicecfg import ovf "$T/in" --format toml
expect_rc 2 "import: unknown format"
