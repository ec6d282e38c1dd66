# Console options after 3.1 (SPEC §9): the new fields through add/set/show,
# their locks and refusals, inheritance, audit, the SPICE proxy in force
# and the single multi-head qxl device.
. "$TOP/tests/lib.sh"

spicecfg cluster add c31 version=3.1
spicecfg cluster add c32 version=3.2

run spicecfg vm add v1 cluster=c31 os=RHEL6x64 copy_paste=false file_transfer=false \
	disconnect_action=shutdown disconnect_delay=30 allow_reconnect=true
expect_rc 0 "add with every new field"
expect_err_empty "add is quiet"
run spicecfg vm show v1
expect_out_has "copy_paste: false
file_transfer: false
disconnect_action: shutdown
disconnect_delay: 30
allow_reconnect: true" "show prints the new fields in table order"
run spicecfg vm add v0 cluster=c31
run spicecfg vm show v0
expect_out_has "copy_paste: true
file_transfer: true
disconnect_action: lock-screen
disconnect_delay: 0
allow_reconnect: false" "defaults of SPEC §9"

# refusals name field, value and what is valid; nothing changes
snapshot
run spicecfg vm set v1 disconnect_action=hibernate
expect_rc 2 "unknown action"
expect_err_has "invalid disconnect_action 'hibernate'; valid: none, lock-screen, logout, shutdown, reboot" "actions listed"
run spicecfg vm set v1 disconnect_delay=1441
expect_rc 2 "delay out of range"
expect_err_has "invalid disconnect_delay '1441'; valid: an integer 0..1440" "range named"
run spicecfg vm set v0 disconnect_delay=5
expect_rc 2 "delay without shutdown"
expect_err_has "disconnect_delay cannot be 5 with disconnect_action lock-screen: the delay applies only to the shutdown action" "delay lock reason"
run spicecfg vm set v1 copy_paste=maybe
expect_rc 2 "bad boolean"
expect_err_has "invalid copy_paste 'maybe'; valid: true, false" "boolean named"
run spicecfg vm add v2 cluster=c31 display=vnc copy_paste=true
expect_rc 2 "clipboard on VNC refused"
expect_err_has "copy_paste is locked: clipboard sharing needs the SPICE protocol" "VNC clipboard lock reason"
run spicecfg vm add v2 cluster=c31 display=vnc file_transfer=true
expect_rc 2 "file transfer on VNC refused"
expect_err_has "file_transfer is locked: file transfer needs the SPICE protocol" "VNC file transfer lock reason"
run spicecfg vm set v0 spice_proxy=http://p.example:3128
expect_rc 2 "a vm has no proxy of its own"
expect_err_has "spice_proxy" "the key is named"
run spicecfg cluster set c31 spice_proxy=socks5://p.example:1080
expect_rc 2 "cluster proxy with a bad scheme"
expect_err_has "invalid spice_proxy 'socks5://p.example:1080': the scheme must be http or https" "cluster proxy message"
long=http://$(printf '%0250d' 0 | tr 0 a).example:3128
run spicecfg cluster set c31 "spice_proxy=$long"
expect_rc 2 "a proxy longer than a cluster keeps is refused, not cut"
expect_err_has "longer than 255 characters; valid: http://HOST:PORT" "the limit is named"
expect_unchanged "refusals changed nothing"

# VNC shows clipboard and file transfer off, and SPICE brings them back
run spicecfg vm set v0 display=vnc
expect_rc 0 "to VNC"
run spicecfg vm show v0
expect_out_has "copy_paste: false
file_transfer: false" "off in force on VNC"
spicecfg vm set v0 display=spice
run spicecfg vm show v0
expect_out_has "copy_paste: true
file_transfer: true" "the stored choice returns with SPICE"

# leaving shutdown drops the delay, with the reason
run spicecfg vm set v1 disconnect_action=logout
expect_rc 0 "action changed"
expect_err_has "warning: disconnect_delay changed from 30 to 0: the delay applies only to the shutdown action" "delay reset announced"

# audit: one row per changed field
run sql "select field, old, new from audit where object='vm:v1' and field <> '*' order by id"
expect_out "disconnect_action|shutdown|logout
disconnect_delay|30|0" "changes audited with old and new"

# a template passes the options on to its vms and pools
spicecfg template add t1 cluster=c31 os=Windows7x64 copy_paste=false \
	disconnect_action=reboot allow_reconnect=true
spicecfg vm add fromt template=t1
run spicecfg vm show fromt
expect_out_has "copy_paste: false" "vm inherits clipboard"
expect_out_has "disconnect_action: reboot" "vm inherits the action"
expect_out_has "allow_reconnect: true" "vm inherits takeover"
spicecfg pool add p1 template=t1 size=2
run spicecfg pool show p1
expect_out_has "disconnect_action: reboot" "pool inherits the action"
expect_out_has "spice_proxy: " "a pool has a proxy field"

# the proxy in force: pool, else cluster, else site option, else none
expect_out_has "spice_proxy_effective: none" "no proxy anywhere"
spicecfg config -s SpiceProxyDefault=http://site.example:3128
run spicecfg pool show p1
expect_out_has "spice_proxy_effective: http://site.example:3128 (from site option)" "site option"
run spicecfg cluster set c31 'spice_proxy=https://[2001:db8::5]:8443'
expect_rc 0 "cluster proxy with IPv6"
run spicecfg cluster show c31
expect_out_has "spice_proxy: https://[2001:db8::5]:8443" "cluster shows its proxy"
run spicecfg vm show v0
expect_out_has "spice_proxy_effective: https://[2001:db8::5]:8443 (from cluster)" "cluster beats site"
run spicecfg pool set p1 spice_proxy=http://pool.example:3128
expect_rc 0 "pool proxy"
run spicecfg pool show p1
expect_out_has "spice_proxy_effective: http://pool.example:3128 (from pool)" "pool beats cluster"
run spicecfg pool set p1 spice_proxy=http://pool.example
expect_rc 2 "pool proxy without port"
expect_err_has "invalid spice_proxy 'http://pool.example': no port" "pool proxy message"
run sql "select field, old, new from audit where object='cluster:c31' and field='spice_proxy'"
expect_out "spice_proxy||https://[2001:db8::5]:8443" "cluster proxy audited"

# one multi-head qxl: Linux, SPICE, >1 monitor, option on for the version
spicecfg vm add lin32 cluster=c32 os=RHEL6x64 monitors=4
spicecfg vm add win32 cluster=c32 os=Windows7x64 monitors=4
spicecfg vm add lin31 cluster=c31 os=RHEL6x64 monitors=4
run spicecfg vm show lin32
expect_out_has "single_pci: yes" "3.2 Linux 4 monitors"
run spicecfg vm show win32
expect_out_has "single_pci: no" "Windows keeps one device per monitor"
run spicecfg vm show lin31
expect_out_has "single_pci: no" "3.1 default off"
spicecfg config -s SingleQxlPciEnabled=true --cver 3.1
run spicecfg vm show lin31
expect_out_has "single_pci: yes" "the option turns it on for 3.1"
