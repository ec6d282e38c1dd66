#!/bin/sh
# .vv files read by GLib's key-file parser (as remote-viewer does), the
# usb-filter by libusbredirparser, and once by remote-viewer itself.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1 || { notok "demo store" "spicecfg demo failed"; exit 1; }
VVPARSE="$TESTBIN/vvparse"
printf -- '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n' >"$T/ca.pem"
printf 'pa ss\\word\n' >"$T/pw"

native=$(spicecfg vm list --format tsv | awk -F'\t' '$10 == "native" && $4 ~ /^Windows/ {print $1; exit}')
spicecfg vm set "$native" wan=true smartcard=true >/dev/null 2>&1

for name in $(spicecfg vm list --format tsv | cut -f1); do
	run spicecfg export vv "$name" --host console.example --port 5900 -o "$T/$name.vv"
	[ "$RC" -eq 0 ] || { notok "export vv $name" "$ERR"; continue; }
	if "$VVPARSE" "$T/$name.vv" >"$T/.kv" 2>"$T/.e"; then ok "GLib and usbredir parse $name.vv"; else
		notok "GLib and usbredir parse $name.vv" "$(cat "$T/.e")"; fi
	usb=$(spicecfg vm show "$name" | sed -n 's/^usb: //p')
	[ "$usb" = native ] && want=1 || want=0
	grep -qx "enable-usbredir=$want" "$T/.kv" && ok "$name: enable-usbredir=$want" || notok "$name: enable-usbredir" "$(cat "$T/.kv")"
	grep -q '^secure-channels=' "$T/.kv" && notok "$name: no secure-channels without tls-port" "" || ok "$name: no secure-channels without tls-port"
done

run spicecfg export vv "$native" --host console.example --port 5900 --tls-port 5901 \
	--ca-file "$T/ca.pem" --host-subject "O=Example,CN=console.example" --password-file "$T/pw" -o "$T/tls.vv"
expect_rc 0 "export vv with tls-port, CA, subject and password"
expect_err_empty "no warning with a TLS port"
mode=$(stat -c %a "$T/tls.vv")
[ "$mode" = 600 ] && ok ".vv written 0600" || notok ".vv written 0600" "mode $mode"
"$VVPARSE" "$T/tls.vv" >"$T/.kv" 2>&1
for kv in 'type=spice' 'host=console.example' 'port=5900' 'tls-port=5901' 'password=pa ss\word' \
	'secure-channels=main;inputs' 'host-subject=O=Example,CN=console.example' 'title='"$native" \
	'delete-this-file=1' 'fullscreen=0' 'toggle-fullscreen=shift+f11' 'release-cursor=shift+f12' \
	'secure-attention=ctrl+alt+end' 'enable-usbredir=1' 'enable-usb-autoshare=1' \
	'usb-filter=-1,-1,-1,-1,1' 'enable-smartcard=1' 'color-depth=16' 'disable-effects=animation'; do
	grep -qxF "$kv" "$T/.kv" && ok "tls.vv has $kv" || notok "tls.vv has $kv" "$(cat "$T/.kv")"
done
grep -q '^ca=-----BEGIN CERTIFICATE-----$' "$T/.kv" && grep -q '^MIIBszCCAVmgAwIBAgIUQ$' "$T/.kv" &&
	ok "ca= carries the PEM with its newlines" || notok "ca= carries the PEM" "$(cat "$T/.kv")"
grep -q 'pa ss' "$SPICECFG_DB" && notok "password never stored" "" || ok "password never stored"

spicecfg config -s 'UsbFilter=0x03,-1,-1,-1,0|-1,0x1234,-1,-1,1'
spicecfg config -s WANDisableEffects=animation,wallpaper
spicecfg config -s SpiceSecureChannels=main,inputs,usbredir
echo secret | spicecfg export vv "$native" --host 10.0.0.1 --tls-port 5901 --ca-file "$T/ca.pem" --password-file - -o "$T/f.vv"
"$VVPARSE" "$T/f.vv" >"$T/.kv" 2>&1 && grep -q '^# usb-filter rules: 2$' "$T/.kv" &&
	ok "UsbFilter with two rules parsed by usbredirfilter_string_to_rules" || notok "usb-filter rules" "$(cat "$T/.kv")"
grep -qxF 'disable-effects=animation;wallpaper' "$T/.kv" && grep -qxF 'secure-channels=main;inputs;usbredir' "$T/.kv" &&
	grep -qxF 'password=secret' "$T/.kv" && ok "site options and stdin password in the file" || notok "site options in the file" "$(cat "$T/.kv")"

run spicecfg export vv "$native" --host h --port 5900
expect_rc 0 "plain port only"
expect_err_has "will not be encrypted" "warns that channels are not encrypted"
expect_out_lacks "secure-channels" "secure-channels left out with --port alone"
snapshot
run spicecfg export vv "$native" --host h --tls-port 5901
expect_rc 2 "--tls-port without --ca-file is a usage error"
expect_err_has "--ca-file" "names --ca-file"
run spicecfg export vv "$native" --host h --port 5900 --password secret
expect_rc 2 "--password on the command line refused"
expect_err_has "--password-file" "points to --password-file"
run spicecfg export vv "$native" --port 5900
expect_rc 2 "--host required"
run spicecfg export vv "$native" --host h --port 99999
expect_rc 2 "port out of range"
run spicecfg export vv "$native" --host h --tls-port 5901 --ca-file "$T/pw"
expect_rc 2 "CA file must be PEM"
run spicecfg export vv "$native" --host h --port 5900 --password-file "$T/missing"
expect_rc 1 "missing password file"
run spicecfg export ovf "$native" --host h
expect_rc 2 "connection options only for vv"
expect_unchanged "failed exports change nothing"

# A PEM bundle with a private key next to the certificate: only the
# certificate goes into ca=, and the user is told what was left out.
{ cat "$T/ca.pem"; printf -- '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n'; } >"$T/bundle.pem"
run spicecfg export vv "$native" --host h --tls-port 5901 --ca-file "$T/bundle.pem" -o "$T/b.vv"
expect_rc 0 "CA bundle with a private key exported"
expect_err_has "1 PEM block that is not a certificate (PRIVATE KEY) left out" "warns that the key was left out"
grep -q 'PRIVATE\|MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' "$T/b.vv" && notok "the private key is not in the .vv" "$(cat "$T/b.vv")" ||
	ok "the private key is not in the .vv"
"$VVPARSE" "$T/b.vv" >"$T/.kv" 2>&1
grep -q '^MIIBszCCAVmgAwIBAgIUQ$' "$T/.kv" && ok "the certificate is in ca=" || notok "the certificate is in ca=" "$(cat "$T/.kv")"
printf -- '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n' >"$T/key.pem"
run spicecfg export vv "$native" --host h --tls-port 5901 --ca-file "$T/key.pem" -o "$T/k.vv"
expect_rc 2 "a PEM file with no certificate is refused"
expect_err_has "holds no CA certificate" "says the file holds no certificate"
[ -e "$T/k.vv" ] && notok "nothing written for a key-only file" "" || ok "nothing written for a key-only file"

# remote-viewer reads the file without a parse error (it cannot connect).
# A mutation run (tests/mutate) leaves it out: it takes most of this
# script's time and checks the same parse as vvparse above.
if [ -n "${SPICECFG_MUTATE:-}" ]; then
	echo "ok $((N + 1)) - remote-viewer # SKIP during a mutation run"; N=$((N + 1))
elif command -v remote-viewer >/dev/null && command -v xvfb-run >/dev/null; then
	spicecfg export vv "$native" --host 127.0.0.1 --port 1 -o "$T/rv.vv" 2>/dev/null
	timeout 20 xvfb-run -a remote-viewer --debug "$T/rv.vv" >"$T/rv.log" 2>&1
	if grep -q 'Opening connection to display' "$T/rv.log" &&
		! grep -qiE 'parse|invalid|unable to (open|read)|key file' "$T/rv.log"; then
		ok "remote-viewer reads the .vv without a parse error"
	else
		notok "remote-viewer reads the .vv without a parse error" "$(head -20 "$T/rv.log")"
	fi
else
	echo "ok $((N + 1)) - remote-viewer # SKIP not installed"; N=$((N + 1))
fi
