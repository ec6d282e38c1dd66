#!/bin/sh
# Quick search in the lists (mc's Ctrl-S, Alt-letter): each typed
# character narrows the name's start, the selection goes to the first row
# of the order shown that starts with it; the same key again goes to the
# next one.  The status line shows the row's number: "VMs: 20 (15)".
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store

# Name order: w2003-files is the 11th VM, win7-dev01 the 15th.
drive <<'K'
wait VMs: 20 (1)
send \ew
wait Quick search: w
expect VMs: 20 (11)
send i
wait VMs: 20 (15)
expect Quick search: wi
send nx
wait VMs: 20 (19)
key Backspace
wait VMs: 20 (15)
expect Quick search: win
key C-s
wait VMs: 20 (16)
key C-s
wait VMs: 20 (17)
send \ew
wait VMs: 20 (18)
key C-s
wait VMs: 20 (19)
key C-s
wait VMs: 20 (15)
send z
wait no row starts with winz
expect VMs: 20 (15)
key Backspace
wait Quick search: win
key Enter
gone Quick search
expect VMs: 20 (15)
send j
wait VMs: 20 (16)
send q
exit 0
K
expect_drive "Alt-w, then typing: the first row starting with it; Ctrl-S or Alt-w again: the next, then the first again; no match keeps the row; Backspace; Enter ends it"

# Letters are commands again once it ended: Esc ends it, Down moves on.
drive <<'K'
wait VMs: 20 (1)
key C-s
wait Quick search: type the start of a name
send xp
wait VMs: 20 (20)
key Esc
gone Quick search
sleep 300
key Up
wait VMs: 20 (19)
key C-s
send r
wait VMs: 20 (3)
key Down
gone Quick search
expect VMs: 20 (4)
send q
exit 0
K
expect_drive "Ctrl-S starts it empty; Esc or a command key ends it (and the key acts)"

# A character no name can hold (UTF-8): nothing matches, Backspace takes
# the whole character back.
drive <<'K'
wait VMs: 20 (1)
key C-s
send é
wait no row starts with é
expect VMs: 20 (1)
key Backspace
wait Quick search: type the start of a name
send X
wait VMs: 20 (20)
expect Quick search: X
key Enter
send q
exit 0
K
expect_drive "UTF-8: no row starts with é; Backspace removes it whole; upper case finds xp-office"

# Sorted by cluster: cluster-3.0 holds rhel4-old, rhel5-build, w2003-files,
# xp-office; cluster-3.1 linux-lab ... rhel6-vnc (7th) ... w2008-dc (10th).
drive <<'K'
wait VMs: 20 (1)
send s
wait Sorted by Cluster
send \ew
wait VMs: 20 (3)
key C-s
wait VMs: 20 (10)
key Enter
send \er
wait VMs: 20 (1)
key C-s
wait VMs: 20 (2)
key C-s
wait VMs: 20 (7)
expect rhel6-vnc
key Enter
send r
wait Cluster v
send \ex
wait VMs: 20 (17)
key Enter
send q
exit 0
K
expect_drive "sorted by cluster, and reversed: the first in the order shown"

# With a filter: only the rows it shows (cluster-3.2: rhel5-qa, rhel6-qa,
# unassigned-new, w2003-qa, win7-qa, winxp-qa).
drive <<'K'
wait VMs: 20 (1)
send /3.2
key Enter
wait VMs: 6 (1)
send \ew
wait VMs: 6 (4)
key C-s
wait VMs: 6 (5)
send \ex
wait no row starts with x
expect VMs: 6 (5)
key Enter
send q
exit 0
K
expect_drive "with a filter: only the rows shown; xp-office is filtered out"

# A row far down the list: the page moves to it (320 VMs).
spicecfg demo --vms 300 >/dev/null 2>&1
drive <<'K'
wait VMs: 320 (1)
expect gen-000001
send \ex
wait VMs: 320 (320)
expect xp-office
expect linux-lab
lacks gen-000001
key Enter
key C-s
send gen-00015
wait VMs: 320 (150)
expect gen-000150
lacks xp-office
key Enter
key Up
wait VMs: 320 (149)
expect gen-000149
send q
exit 0
K
expect_drive "a far row: the page goes there, and back"

# On Clusters (a short list read whole); History says why it has none.
drive <<'K'
wait VMs:
key BTab
wait Clusters:
send \ec
wait Quick search: c
key C-s
wait Clusters: 3 (2)
key Enter
key Tab 6
wait History:
key C-s
wait History is in time order
send q
exit 0
K
expect_drive "Clusters: next cluster; History: a message"
