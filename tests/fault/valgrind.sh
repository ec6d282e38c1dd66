# The CLI under valgrind (memcheck), on the release build: valgrind and the
# sanitizers cannot share a program.  One line per command; any invalid
# access, use of an uninitialised value or leak fails it.
. "$TOP/tests/lib.sh"
. "$TOP/tests/fault/fault.inc"
REL=$TOP/spicecfg
if ! command -v valgrind >/dev/null; then
	echo "ok 1 # SKIP valgrind not installed"
	exit 0
fi
if [ ! -x "$REL" ]; then
	echo "ok 1 # SKIP no release build ($REL): run make"
	exit 0
fi
export SPICECFG_DB="$T/vg.db"
"$REL" demo --vms 200 >/dev/null 2>&1
"$REL" export ovf win7-dev01 -o "$T/w.ovf" 2>/dev/null
u=$("$REL" vm show win7-dev01 | sed -n 's/^uuid: //p')
sed "s/win7-dev01/vg-imported/g; s/$u/6d3c2b1a-5555-4000-8000-000000000001/g" "$T/w.ovf" >"$T/vg-imported.ovf"

vg() { # name, expected exit code, arguments...
	name=$1 want=$2
	shift 2
	run valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --track-origins=yes "$REL" "$@"
	if [ "$RC" -eq "$want" ]; then ok "valgrind: $name"
	else notok "valgrind: $name" "exit $RC (want $want): $(printf '%s' "$ERR" | head -30)"; fi
}
vg "vm list" 0 vm list
vg "vm list --format tsv" 0 vm list --format tsv
vg "vm list --format json" 0 vm list --format json
vg "pool list" 0 pool list
vg "vm show" 0 vm show win7-dev01
vg "vm add" 0 vm add vg-new cluster=cluster-3.1 os=Windows7x64 usb=native monitors=2
vg "vm set" 0 vm set vg-new usb=legacy description=valgrind
vg "vm set refused (usage)" 2 vm set vg-new monitors=3
vg "vm rm" 0 vm rm vg-new
vg "vm show missing" 1 vm show no-such-vm
vg "config -l" 0 config -l
vg "config -a" 0 config -a
vg "config -g" 0 config -g NativeUSBEnabled --cver 3.1
vg "config -s" 0 config -s NumberOfUSBSlots=2
vg "config -s list" 0 config -s SpiceSecureChannels=main,usbredir,inputs
vg "config -s refused" 2 config -s WANColorDepth=24
vg "usb-options" 0 usb-options --cver 3.1 --os Windows7x64 --display spice
vg "usb-options vnc" 0 usb-options --cver 3.0 --os RHEL6 --display vnc
vg "export ovf" 0 export ovf win7-dev01 -o "$T/out.ovf"
vg "export domxml" 0 export domxml win7-dev01 -o "$T/out.xml"
vg "import ovf" 0 import ovf "$T/vg-imported.ovf" --cluster cluster-3.1
vg "demo" 0 demo
vg "demo --vms" 0 demo --vms 300
vg "new store" 0 --db "$T/fresh.db" cluster list
vg "--help" 0 --help
