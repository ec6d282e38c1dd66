# Bulk import: directories and files in one transaction, a summary line,
# a progress bar only on a terminal, --keep-going lists each refused file.
. "$TOP/tests/lib.sh"
spicecfg demo >/dev/null 2>&1
spicecfg export ovf win7-dev01 -o "$T/src.ovf"
mkdir "$T/many" "$T/elsewhere"
# each a VM of its own: its own name and UUID
uuid=$(sed -n 's/.*<Section ovf:id="\([0-9a-f-]*\)".*OperatingSystemSection.*/\1/p' "$T/src.ovf")
i=0
while [ $i -lt 40 ]; do
	sed "s/win7-dev01/bulk-$i/g; s/$uuid/6d3c2b1a-0000-4000-8000-$(printf %012d $i)/g" "$T/src.ovf" \
		>"$T/many/vm$(printf '%03d' $i).ovf"
	i=$((i + 1))
done
printf 'this is not xml\n' >"$T/many/vm999.ovf"
cp "$T/many/vm000.ovf" "$T/elsewhere/out.ovf"
ln -s "$T/elsewhere/out.ovf" "$T/many/zz-link.ovf"

snapshot
run spicecfg import ovf "$T/many" --cluster cluster-3.1
expect_rc 2 "one bad file: the batch fails"
expect_err_has "vm999.ovf:1:" "the bad file is named with its line"
expect_err_has "nothing imported (use --keep-going to skip bad files)" "all or nothing"
expect_err_has "0 imported, 1 skipped, 1 refused" "summary line"
expect_unchanged "nothing imported"

run spicecfg import ovf "$T/many" --cluster cluster-3.1 --keep-going
expect_rc 2 "--keep-going: exit says a file was refused"
expect_err_has "40 imported, 1 skipped, 1 refused" "summary counts imported, skipped and refused"
expect_err_has "warning: $T/many/zz-link.ovf: skipped: a symbolic link leading out of" "skipped file named"
expect_err_lacks() { case "$ERR" in *"$1"*) notok "$2" "stderr has: $1" ;; *) ok "$2" ;; esac; }
expect_err_lacks "files/s" "no progress output when stderr is not a terminal"
n=$(spicecfg vm list --filter bulk- --format tsv | wc -l)
[ "$n" -eq 40 ] && ok "40 VMs imported" || notok "40 VMs imported" "$n: $ERR"

# On a terminal: a progress bar with count, percent and rate.
rm -f "$T/many/vm999.ovf" "$T/many/zz-link.ovf"
for f in "$T/many"/*.ovf; do sed -i 's/bulk-/tty-/g; s/-4000-8000-/-4000-9000-/g' "$f"; done
run script -qec "'$SPICECFG' import ovf '$T/many' --cluster cluster-3.1" /dev/null
expect_rc 0 "import on a terminal"
expect_out_has "40/40 100%" "progress bar: count and percent"
expect_out_has "files/s" "progress bar: rate"
expect_out_has "40 imported, 0 skipped, 0 refused" "summary on a terminal too"
run spicecfg --quiet import ovf "$T/src.ovf" --cluster cluster-3.1 --name quiet-one
expect_rc 0 "quiet import"
expect_err_empty "--quiet: nothing on stderr"

# --keep-going past a name already in the store: the files before it stay
# imported, and the filter's index finds every imported VM.
mkdir "$T/again"
for i in 1 2 3; do
	sed "s/win7-dev01/again-$i/g; s/$uuid/6d3c2b1a-0000-4000-a000-00000000000$i/g" "$T/src.ovf" \
		>"$T/again/vm$i.ovf"
done
spicecfg import ovf "$T/again/vm2.ovf" --cluster cluster-3.1 2>/dev/null
run spicecfg import ovf "$T/again" --cluster cluster-3.1 --keep-going
expect_rc 1 "--keep-going past a name taken: exit says a file was refused"
expect_err_has "vm 'again-2' already exists" "the taken name is named"
expect_err_has "2 imported, 0 skipped, 1 refused" "summary: two imported"
n=$(spicecfg vm list --filter again- --format tsv | cut -f1 | tr '\n' ' ')
[ "$n" = "again-1 again-2 again-3 " ] && ok "the file before the refused one stays imported" ||
	notok "the file before the refused one stays imported" "$n"
n=$(spicecfg vm list --filter gain-3 --format tsv | cut -f1)
[ "$n" = "again-3" ] && ok "the filter's index finds an imported VM" ||
	notok "the filter's index finds an imported VM" "$n"

# Many files into a store of fewer objects: the sort indexes are dropped
# and built once after the rows, in the import's transaction.  They are
# all there afterwards and serve the sorted list; a batch that fails puts
# back the store as it was, indexes included.
export SPICECFG_DB="$T/rebuild.db"
spicecfg demo >/dev/null 2>&1
mkdir "$T/two-hundred"
i=0
while [ $i -lt 210 ]; do
	sed "s/win7-dev01/load-$i/g; s/$uuid/6d3c2b1a-0000-4000-b000-$(printf %012d $i)/g" "$T/src.ovf" \
		>"$T/two-hundred/vm$(printf '%03d' $i).ovf"
	i=$((i + 1))
done
indexes() { sql "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'objects_by_%'"; }
before=$(indexes)
cp "$T/two-hundred/vm000.ovf" "$T/two-hundred/vm999.ovf" # the same name twice
snapshot
run spicecfg import ovf "$T/two-hundred" --cluster cluster-3.1
expect_rc 1 "210 files, one name taken twice: the batch fails"
expect_unchanged "nothing imported"
[ "$(indexes)" = "$before" ] && [ "$before" -ge 12 ] && ok "the sort indexes are back after the failed batch ($before)" ||
	notok "the sort indexes are back after the failed batch" "$before -> $(indexes)"
rm "$T/two-hundred/vm999.ovf"
run spicecfg import ovf "$T/two-hundred" --cluster cluster-3.1
expect_rc 0 "210 files into a store of fewer objects"
expect_err_has "210 imported" "all of them"
[ "$(indexes)" = "$before" ] && ok "every sort index is built again" ||
	notok "every sort index is built again" "$before -> $(indexes)"
plan=$(sql "EXPLAIN QUERY PLAN SELECT name FROM objects WHERE kind = 'vm' ORDER BY os, name")
case $plan in
*objects_by_os*) ok "the list sorted by OS reads its index" ;;
*) notok "the list sorted by OS reads its index" "$plan" ;;
esac
a=$(spicecfg vm list --sort os --format tsv | cut -f1,4 | sed -n '1,250p' | md5sum)
b=$(spicecfg vm list --format tsv | cut -f1,4 | LC_ALL=C sort -t "$(printf '\t')" -k2,2 -k1,1 | md5sum)
[ "$a" = "$b" ] && ok "sorted by OS, the rows imported among the others" ||
	notok "sorted by OS, the rows imported among the others" "$(spicecfg vm list --sort os --format tsv | head -5)"
n=$(spicecfg vm list --filter load-20 --format tsv | cut -f1 | LC_ALL=C sort | tr '\n' ' ')
[ "$n" = "load-20 load-200 load-201 load-202 load-203 load-204 load-205 load-206 load-207 load-208 load-209 " ] &&
	ok "the filter's index finds the rows" || notok "the filter's index finds the rows" "$n"

# Files naming different clusters in one batch: each file gets its own
# cluster's rules, whatever cluster the file before it went into.  A Linux
# guest's native USB needs cluster version 3.1: on 3.0 it is imported as
# disabled, with the reason.
spicecfg export ovf linux-lab -o "$T/linux.ovf"
luuid=$(sed -n 's/.*<Section ovf:id="\([0-9a-f-]*\)".*OperatingSystemSection.*/\1/p' "$T/linux.ovf")
mkdir "$T/mixed"
n=0
for f in a:cluster-3.1 b:cluster-3.0 c:cluster-3.1 d:cluster-3.0; do
	n=$((n + 1))
	sed "s/linux-lab/mix-${f%%:*}/g; s/$luuid/7e4d3c2b-0000-4000-8000-00000000000$n/g;
		s|</Name>|</Name><ClusterName>${f#*:}</ClusterName>|" "$T/linux.ovf" >"$T/mixed/${f%%:*}.ovf"
done
run spicecfg import ovf "$T/mixed"
expect_rc 0 "four files naming two clusters, in turns"
got=$(for v in a b c d; do spicecfg vm show "mix-$v" | sed -n 's/^cluster: //p; s/^usb: //p' | tr '\n' ' '; done)
[ "$got" = "cluster-3.1 native cluster-3.0 disabled cluster-3.1 native cluster-3.0 disabled " ] &&
	ok "each file under its own cluster's rules" || notok "each file under its own cluster's rules" "$got"
expect_err_has "mix-b" "the file fitted to its cluster's rules is named"
