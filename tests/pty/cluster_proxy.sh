#!/bin/sh
# The cluster dialog edits spice_proxy (SPEC §9) with the CLI's check and
# message; what an empty proxy inherits is shown; a refused value changes
# nothing.
. "$TOP/tests/lib.sh"
. "$TOP/tests/pty/pty.inc"
demo_store
spicecfg config -s SpiceProxyDefault=http://site.example:8080
run spicecfg cluster set cluster-3.1 spice_proxy=http://proxy.example
cli_msg=${ERR#spicecfg: }
snapshot

drive <<'K'
wait VMs:
key BTab
wait Clusters:
send /cluster-3.1
key Enter
wait filter: cluster-3.1
key F4
wait Edit cluster
expect SPICE proxy
expect empty: SpiceProxyDefault (http://site.example:8080)
key Tab 2
key F1
wait Help: SPICE proxy
key Esc
wait Edit cluster
send http://proxy.example
key F2
wait Not saved: invalid spice_proxy 'http://proxy.example': no port;
expect brackets, port 1..65535), or empty
key Esc
gone Edit cluster
send q
exit 0
K
expect_drive "a bad proxy refused in the dialog with the CLI's reason"
expect_unchanged "the refused proxy changed nothing"
drive <<'K'
wait VMs:
key BTab
wait Clusters:
send /cluster-3.1
key Enter
wait filter: cluster-3.1
key F4
wait Edit cluster
key Tab 2
send http://[2001:db8::1]:3128
key F2
wait Saved cluster cluster-3.1
send q
exit 0
K
expect_drive "a good proxy saved in the dialog"
case "$cli_msg" in "invalid spice_proxy 'http://proxy.example': no port; valid: "*) ok "the CLI refuses the same value with the same words" ;;
*) notok "the CLI refuses the same value with the same words" "$cli_msg" ;; esac
run spicecfg cluster show cluster-3.1
expect_out_has "spice_proxy: http://[2001:db8::1]:3128" "the proxy typed in the dialog is stored"
run spicecfg vm show win7-dev01
expect_out_has "spice_proxy_effective: http://[2001:db8::1]:3128 (from cluster)" "and is in force for the cluster's vms"
run sql "select old, new from audit where object = 'cluster:cluster-3.1' and field = 'spice_proxy'"
expect_out "|http://[2001:db8::1]:3128" "audited once: the refused value left no row"

# Emptied in the dialog, the site option is in force again.
drive <<'K'
wait VMs:
key BTab
wait Clusters:
send /cluster-3.1
key Enter
wait filter: cluster-3.1
key F4
wait Edit cluster
key Tab 2
key C-u
key F2
wait Saved cluster cluster-3.1
send q
exit 0
K
expect_drive "the proxy emptied in the dialog"
run spicecfg vm show win7-dev01
expect_out_has "spice_proxy_effective: http://site.example:8080 (from site option)" "an empty cluster proxy inherits the site option"

# The site option's editor says what a proxy is and refuses a bad one.
drive <<'K'
wait VMs:
key F9
wait Site options:
send /SpiceProxyDefault
key Enter
wait filter: SpiceProxyDefault
key Enter
wait SpiceProxyDefault (general)
expect Valid: http://HOST:PORT or https://HOST:PORT (an IPv6 host in
expect brackets, port 1..65535), or empty
key C-u
send http://site.example
key Enter
wait Not saved: invalid SpiceProxyDefault 'http://site.example': no
key Esc
send q
exit 0
K
expect_drive "the SpiceProxyDefault editor shows the proxy rule and refuses a URL without a port"
run spicecfg config -g SpiceProxyDefault
expect_out "SpiceProxyDefault: http://site.example:8080 version: general" "the refused value was not stored"
