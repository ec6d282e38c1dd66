# The form's cluster dropdown lists every cluster (200 here, not the first
# 64), and typing jumps in it: the typed start of a name selects the first
# one with it (shown on the list's bottom edge), a character no name
# continues with is not taken, Backspace takes one back, and one letter
# typed again walks the names starting with it.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
i=1
while [ $i -le 200 ]; do
	spicecfg cluster add "$(printf 'cl-%03d' $i)" version=3.1 || break
	i=$((i + 1))
done
run spicecfg cluster list --format tsv
n=$(printf '%s\n' "$OUT" | grep -c '^cl-')
[ "$n" -eq 200 ] && ok "200 clusters" || notok "200 clusters" "got $n"

drive <<'K'
wait VMs: 0
key F2
wait New VM
expect Cluster            cl-001
key Down
wait choose from the list
send " "
wait cl-002
send cl-15
wait  cl-15 
send 9x
expect  cl-159 
lacks cl-159x
key Backspace
wait  cl-15 
key Enter
gone  cl-15 
expect Cluster            cl-159
send " "
wait cl-158
key End
wait cl-200
key Enter
wait Cluster            cl-200
send " "
wait cl-199
send c
key Enter
wait Cluster            cl-001
send " "
wait cl-002
send cc
key Enter
wait Cluster            cl-003
key Esc
wait Unsaved changes
send d
wait VMs:
send q
exit 0
K
expect_drive "every cluster is offered; typing jumps to the name, one letter again to the next"
