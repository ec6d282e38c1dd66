# make install / uninstall with PREFIX and DESTDIR; the man pages render.
. "$TOP/tests/lib.sh"

D="$T/dest"
run make -C "$TOP" -s install PREFIX=/opt/sc DESTDIR="$D"
expect_rc 0 "make install"
for f in bin/spicecfg share/spicecfg/options.conf share/man/man1/spicecfg.1 share/man/man5/spicecfg.conf.5 \
	share/bash-completion/completions/spicecfg share/zsh/vendor-completions/_spicecfg; do
	[ -f "$D/opt/sc/$f" ] && ok "installed $f" || notok "installed $f" "missing"
done
run "$D/opt/sc/bin/spicecfg" --version
expect_rc 0 "installed binary runs"
# the installed definitions are the ones read (a changed copy shows)
sed -i 's/Number of USB redirection channels/Count of USB channels/' "$D/opt/sc/share/spicecfg/options.conf"
run env SPICECFG_OPTIONS="$D/opt/sc/share/spicecfg/options.conf" "$D/opt/sc/bin/spicecfg" config -l
expect_out_has "NumberOfUSBSlots: Count of USB channels" "definitions read from the file"
run sh -c "MANWIDTH=80 man --warnings -l '$TOP/help/spicecfg.1' 2>&1 >/dev/null"
expect_out "" "spicecfg.1 renders without warnings"
run sh -c "MANWIDTH=80 man --warnings -l '$TOP/help/spicecfg.conf.5' 2>&1 >/dev/null"
expect_out "" "spicecfg.conf.5 renders without warnings"
run sh -c "MANWIDTH=80 man -l '$TOP/help/spicecfg.1' 2>/dev/null"
expect_out_has "usb-options --cver" "man page documents usb-options"
expect_out_has "config -s KEY=VALUE" "man page documents config"
run make -C "$TOP" -s uninstall PREFIX=/opt/sc DESTDIR="$D"
expect_rc 0 "make uninstall"
run find "$D" -type f
expect_out "" "uninstall removed every file"
