#!/bin/sh
# SPEC §11: / filters live as the user types; Enter keeps the filter, Esc
# restores the previous one; matches are highlighted.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
expect rhel6-web01
send /
wait Show rows containing
send win7
wait filter: win7
lacks rhel6-web01
expect win7-kiosk
key Enter
gone Show rows containing
expect filter: win7
send /
wait Show rows containing
key C-u
send rhel
wait filter: rhel
lacks win7-kiosk
key Esc
gone Show rows containing
wait filter: win7
expect win7-kiosk
lacks rhel6-web01
send q
exit 0
K
expect_drive "the list follows the typing; Enter keeps, Esc goes back to the previous filter"

# the match is marked: in a row that is not selected, the filter's text
# has a background, the rest of the row has none
drive <<'K'
wait VMs:
send /
send dev0
key Enter
wait filter: dev0
expect win7-dev02
colorat 3 5
colorat 3 0
send q
exit 0
K
expect_drive "filtered"
expect_out_lacks "colorat 3 5 bg=default" "the matched text is marked"
expect_out_has "colorat 3 0 bg=default" "the rest of the row is not"

# One or two characters match at the start of a name, OS or cluster only
# (an index answers them at any size); three or more anywhere.
drive <<'K'
wait VMs:
send /
wait starting with
send de
wait filter: de
lacks win7-dev02
send v
wait filter: dev
expect win7-dev02
key C-u
send Wi
wait filter: Wi
expect win7-dev02
lacks rhel6-web01
key Enter
send q
exit 0
K
expect_drive "a short filter matches at the start only"

# A filter holding more than 1000 rows is counted up to 1000 ("1000+")
# until the list goes past them: End counts them all and goes to the last
# one.  Fewer (found by id) are counted exactly at once.
spicecfg demo --vms 20000 >/dev/null 2>&1
drive <<'K'
wait VMs:
send /
wait starting with
send gen-
key Enter
wait VMs: 1000+ (1)
key End
wait VMs: 20000 (20000)
expect gen-020000
key Home
wait VMs: 20000 (1)
send /
key C-u
send gen-01
key Enter
wait VMs: 1000+ (1)
send /
key C-u
send gen-0100
key Enter
wait VMs: 100 (1)
expect gen-010019
send q
exit 0
K
expect_drive "a broad filter counts 1000+ first, the whole count when End goes there"

# A short filter that many rows hold, in the list sorted by OS: the rows
# whose OS starts with it and a row whose name does with an OS that sorts
# before them all, from the first to the last (the page starts and ends at
# the OS of the rows that hold it, on PostgreSQL).
spicecfg vm add w-rhel cluster=cluster-3.1 os=RHEL6 >/dev/null 2>&1
spicecfg vm list --sort os --format tsv | awk -F'\t' 'tolower(substr($1, 1, 1)) == "w" ||
	tolower(substr($2, 1, 1)) == "w" || tolower(substr($4, 1, 1)) == "w" { print $1 }' >"$T/w"
n=$(wc -l <"$T/w")
first=$(head -n 1 "$T/w") last=$(tail -n 1 "$T/w")
drive <<K
wait VMs:
send s
wait Sorted by Cluster
send s
wait Sorted by OS
send /
wait starting with
send W
key Enter
wait VMs: 1000+ (1)
expect $first
key End
wait VMs: $n ($n)
expect $last
send q
exit 0
K
expect_drive "a short filter by OS lists from its first row ($first) to its last ($last, $n rows)"
