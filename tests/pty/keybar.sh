#!/bin/sh
# The key bar offers only keys that work on the tab; keys that do nothing
# there say so; F1 tells s from r.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

drive <<'K'
wait VMs:
expect F2 New
expect x Preview
expect F8 Delete
expect s Sort
key BTab 2
wait History:
lacks F2 New
lacks x Preview
lacks F8 Delete
lacks s Sort
expect F4 Edit
key F8
wait Nothing can be removed on the History tab
key Tab
wait Clusters:
expect F2 New
expect F8 Delete
lacks x Preview
lacks s Sort
send s
wait The Clusters list is ordered by Name only; r reverses it
send r
wait Name v
key Tab
wait VMs:
key F1
wait s sorts by the next column
expect r reverses the order
send q
send q
exit 0
K
expect_drive "key bar per tab; F8 on History and s on Clusters answer; F1 tells s from r"

# every sortable column keeps its sort marker at 80 columns
drive <<'K'
wait VMs:
send s
wait Cluster ^
send s
wait OS ^
send s
wait Prot^
send s
wait Mo^
send s
wait USB ^
send s
wait Migration^
send s
wait Descr^
send q
exit 0
K
expect_drive "the sort marker shows on every sortable column"
