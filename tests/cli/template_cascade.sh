#!/bin/sh
# SPEC §11: a template's change that resets other objects (its pools follow
# it to its new cluster, into that cluster's rules) is listed by
# --dry-run without changing anything, and reported when applied.
. "$TOP/tests/lib.sh"
spicecfg cluster add c31 version=3.1
spicecfg cluster add c30 version=3.0
spicecfg template add tw cluster=c31 os=RHEL6x64 usb=native 2>/dev/null
spicecfg pool add pw template=tw size=2 2>/dev/null
spicecfg template add other cluster=c31 os=RHEL6x64 usb=native 2>/dev/null
spicecfg pool add po template=other size=1 2>/dev/null
snapshot
run spicecfg template set tw cluster=c30 --dry-run
expect_rc 0 "template dry run"
expect_out_has "pool 'pw': usb: native -> disabled" "the pool's reset is listed"
expect_out_has "pool 'pw': cluster: c31 -> c30" "the pool's move is listed"
expect_out_lacks "pool 'po'" "a pool of another template is not"
expect_out_has "dry run: 1 object would change; nothing was changed" "dry run summary"
expect_unchanged "the dry run changed nothing"

run spicecfg vm set x os=RHEL6x64 --dry-run
expect_rc 2 "--dry-run on a vm is refused"
expect_err_has "--dry-run is for changes that reset other objects" "and says where it applies"

run spicecfg template set tw cluster=c30
expect_rc 0 "template moved"
expect_err_has "warning: pool 'pw': usb: native -> disabled" "the reset is reported"
run spicecfg pool show pw
expect_out_has "cluster: c30" "the pool runs in its template's new cluster"
expect_out_has "usb: disabled" "and within its rules"
run spicecfg pool show po
expect_out_has "cluster: c31" "another template's pool stays"
run sql "select field, old, new from audit where object = 'pool:pw' order by id"
expect_out_has "cluster|c31|c30" "the pool's move is audited"

# --help names the list options and the dry run
run spicecfg --help
expect_out_has "[--filter TEXT] [--sort FIELD]" "--help names --sort"
expect_out_has "set NAME KEY=VALUE... [--dry-run (cluster, template)]" "--help names --dry-run for set"

# a taken name is said first, whatever else the add lacks
spicecfg vm add taken cluster=c31 os=RHEL6x64
run spicecfg vm add taken
expect_rc 1 "adding a taken name fails"
expect_err_has "vm 'taken' already exists" "and says the name is taken, not that a cluster is missing"
run spicecfg config -s WANDisableEffects=wallpaper,font-smooth,all
expect_rc 2 "all with other effects is refused"
expect_err_has "'all' stands alone" "with the reason"
