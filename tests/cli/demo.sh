# `spicecfg demo`: idempotent demo store; --vms N in one transaction.
. "$TOP/tests/lib.sh"

run spicecfg demo
expect_rc 0 "demo"
run spicecfg cluster list --format tsv
expect_out "cluster-3.0	3.0
cluster-3.1	3.1
cluster-3.2	3.2" "three clusters, one per version"
n1=$(spicecfg vm list --format tsv | wc -l)
[ "$n1" -ge 18 ] && ok "about 20 vms ($n1)" || notok "about 20 vms" "$n1"
run sh -c "'$SPICECFG' vm list --format tsv | cut -f10 | sort -u | tr '\n' ' '"
expect_out "disabled legacy native " "every USB policy present"
run sh -c "'$SPICECFG' vm list --format tsv | cut -f8 | sort -u | tr '\n' ' '"
expect_out "spice vnc " "both protocols present"
[ "$(spicecfg template list --format tsv | wc -l)" -eq 3 ] && ok "three templates" || notok "three templates" ""
# Exactly the demo objects, every field (the columns SPEC §1 names).
G="$TOP/tests/cli/golden"
run sh -c "'$SPICECFG' vm list --format tsv | cut -f1-15"
expect_out "$(cat "$G/demo-vms.tsv")" "demo vms, every field"
run sh -c "'$SPICECFG' template list --format tsv | cut -f1-14"
expect_out "$(cat "$G/demo-templates.tsv")" "demo templates, every field"
run sh -c "'$SPICECFG' pool list --format tsv | cut -f1-16"
expect_out "$(cat "$G/demo-pools.tsv")" "demo pools, every field"
[ "$(spicecfg pool list --format tsv | wc -l)" -eq 2 ] && ok "two pools" || notok "two pools" ""
before=$(sql 'select count(*) from objects'; sql 'select count(*) from audit')
run spicecfg demo
expect_rc 0 "demo again"
after=$(sql 'select count(*) from objects'; sql 'select count(*) from audit')
[ "$before" = "$after" ] && ok "demo is idempotent" || notok "demo is idempotent" "$before vs $after"

run spicecfg demo --vms 500
expect_rc 0 "demo --vms"
[ "$(spicecfg vm list --format tsv | grep -c '^gen-')" -eq 500 ] && ok "500 generated" || notok "500 generated" ""
run sh -c "'$SPICECFG' vm list --format tsv | grep '^gen-0000\\(0[1-9]\\|1[0-2]\\)' | cut -f1-15"
expect_out "$(cat "$G/demo-generated.tsv")" "generated vms vary every field, fitted into the rules"
run spicecfg demo --vms 10
[ "$(spicecfg vm list --format tsv | grep -c '^gen-')" -eq 510 ] && ok "--vms adds more" || notok "--vms adds more" ""
# every generated vm obeys the rules: re-saving it changes nothing
run sh -c "'$SPICECFG' vm list --format tsv | awk -F'\t' '\$2==\"cluster-3.0\" && \$10==\"native\"' | wc -l"
expect_out "0" "no native on 3.0"
run sh -c "'$SPICECFG' vm list --format tsv | awk -F'\t' '\$8==\"vnc\" && (\$10!=\"disabled\" || \$9!=\"1\")' | wc -l"
expect_out "0" "vnc has no usb and one monitor"
run spicecfg demo --vms -3
expect_rc 2 "negative count refused"
run spicecfg demo --vms lots
expect_rc 2 "non-number refused"
# many rows: the sort indexes are dropped and built again after them
run spicecfg demo --vms 2500
expect_rc 0 "--vms 2500 (indexes built after the rows)"
if [ -z "${SPICECFG_TEST_PG:-}" ]; then
	run sql "SELECT count(*) FROM sqlite_master WHERE name LIKE 'objects_by_%'"
else
	run sql "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'objects_by_%'"
fi
expect_out "12" "every sort order still has its index"
if [ -n "${SPICECFG_TEST_PG:-}" ]; then
	# the planner knows the loaded rows (a filter's plan depends on them)
	run sql "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'objects'"
	expect_out "t" "a bulk load analyzes the objects"
fi
if [ -z "${SPICECFG_TEST_PG:-}" ]; then
	run sql "PRAGMA integrity_check"
	expect_out "ok" "store integrity"
	# the rows loaded without the filter trigger were indexed after them
	run sql "SELECT count(*) FROM names_fts WHERE names_fts MATCH '\"GEN-0\"'"
	expect_out "$(sql "SELECT count(*) FROM objects WHERE name LIKE 'gen-0%'")" \
		"every loaded name in the names' index"
	run sql "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'names_fts%'"
	expect_out "3" "the names' index is kept by its triggers again"
	run sql "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_fts%'"
	expect_out "3" "the audit log's index is kept by its triggers again"
	run sql "SELECT count(*) FROM audit_fts WHERE audit_fts MATCH 'demo'"
	expect_out "$(sql "SELECT count(*) FROM audit WHERE object LIKE '%demo%'")" \
		"the audit rows of the load in the log's index"
	run sh -c "'$SPICECFG' vm list --filter N-00030 --format tsv | cut -f1 | tr '\n' ' '"
	expect_out "$(seq -f 'gen-000%g' 300 309 | tr '\n' ' ')" "a filter finds the loaded rows"
fi
