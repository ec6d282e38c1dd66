# The preview (`x`) and `spicecfg export` make their bytes in one place: a
# file written from the preview is the export's, and a format the export
# refuses the preview refuses for the same reason, for a VM, a template and
# a pool in every format (the .vv for the preview's localhost:5900).
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
cd "$T" || exit 1
demo_store

# What the CLI makes of each kind and format: the bytes, or a refusal.
mkdir -p tui cli
for name in win7-dev01 win7-desktop win7-pool; do
	for fmt in ovf domxml vv api; do
		set --
		[ $fmt = vv ] && set -- --host localhost --port 5900
		spicecfg export $fmt $name "$@" -o "cli/$name.$fmt" 2>"cli/$name.$fmt.err"
	done
done

# The preview of the selected row: each format written to tui/NAME.FMT, or
# refused with the export's reason.
write_all() { # name, kind
	set -- "$1" "$2" "OVF:ovf" "domain XML:domxml" ".vv file:vv" "API XML:api"
	name=$1 kind=$2
	shift 2
	echo 'send x'
	echo "wait Preview $kind $name"
	first=1
	for f in "$@"; do
		label=${f%%:*} fmt=${f##*:}
		[ $first = 1 ] || echo 'key Tab'
		first=0
		if [ -s "cli/$name.$fmt.err" ] && [ ! -s "cli/$name.$fmt" ]; then
			why=$(sed -n '1s/^spicecfg: //p' "cli/$name.$fmt.err" | cut -c1-20)
			echo "wait No $label for this $kind: $why"
			continue
		fi
		echo "wait $label"
		echo 'send w'
		echo 'wait File name:'
		echo 'key C-u'
		echo "send $T/tui/$name.$fmt\\r"
		echo 'wait Wrote'
	done
	echo 'key Esc'
}
{
	echo 'wait VMs:'
	echo 'send /win7-dev01\r'
	write_all win7-dev01 vm
	echo 'key Tab'
	echo 'wait Templates:'
	echo 'send /win7-desktop\r'
	write_all win7-desktop template
	echo 'key Tab'
	echo 'wait Pools:'
	echo 'send /win7-pool\r'
	write_all win7-pool pool
	echo 'send q'
	echo 'exit 0'
} >script
drive <script
expect_drive "write every format of a vm, a template and a pool from the preview"

n=0
for name in win7-dev01 win7-desktop win7-pool; do
	for fmt in ovf domxml vv api; do
		[ -s "cli/$name.$fmt" ] || continue
		n=$((n + 1))
		if cmp -s "cli/$name.$fmt" "tui/$name.$fmt"; then
			ok "$name $fmt: the preview's bytes are the export's"
		else
			notok "$name $fmt: the preview's bytes are the export's" \
				"$(diff "cli/$name.$fmt" "tui/$name.$fmt" 2>&1 | head -n 8)"
		fi
	done
done
# a VM in four formats, a template in three; a template's .vv and every
# format of a pool are refused, by both with the same reason (the waits)
if [ $n -eq 7 ]; then ok "7 files compared"; else notok "7 files compared" "$n"; fi
if [ -s cli/win7-desktop.vv.err ] && [ -s cli/win7-pool.ovf.err ] && [ -s cli/win7-pool.api.err ]; then
	ok "refusals compared too"
else
	notok "refusals compared too" "the template's .vv and the pool's formats were not refused"
fi
