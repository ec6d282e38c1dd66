# `spicecfg --version`: ours and the libraries' versions, as the loader
# found them; libpq and libvirt only when they can be loaded.
. "$TOP/tests/lib.sh"

run spicecfg --version
expect_rc 0 "--version"
first=$(printf '%s\n' "$OUT" | head -n 1)
want=$(sed -n 's/^VERSION *:= *//p' "$TOP/Makefile")
[ "$first" = "spicecfg $want" ] && ok "first line: spicecfg and the Makefile's VERSION" ||
	notok "first line: spicecfg and the Makefile's VERSION" "got: $first, want: spicecfg $want"
sqlite=$(sqlite3 -version | cut -d' ' -f1)
expect_out_has "
SQLite $sqlite
" "the SQLite library's version"
x=$(xmllint --version 2>&1 | sed -n 's/.*using libxml version \([0-9]*\).*/\1/p')
xml=$((x / 10000)).$((x / 100 % 100)).$((x % 100))
expect_out_has "
libxml2 $xml
" "the libxml2 library's version ($xml)"
expect_out_has "
ncurses $(dpkg-query -W -f='${Version}' libncursesw6 | sed 's/+.*//; s/-.*//')" "the ncurses library's version"
pq=$(dpkg-query -W -f='${Version}' libpq5 | sed 's/-.*//')
expect_out_has "
libpq $pq (loaded on demand, for PostgreSQL stores)
" "libpq's version, loaded here"
lv=$(dpkg-query -W -f='${Version}' libvirt0 | sed 's/-.*//')
expect_out_has "
libvirt $lv (loaded on demand, for live hosts)" "libvirt's version, loaded here"

# other commands do not load them
run env LD_DEBUG=files "$SPICECFG" config -l
case "$ERR" in *libpq.so*|*libvirt.so*) notok "config -l loads neither libpq nor libvirt" "$(printf '%s\n' "$ERR" | grep -m3 'libpq\|libvirt')" ;;
*) ok "config -l loads neither libpq nor libvirt" ;; esac

# a library that cannot be loaded is named as missing, and the rest goes on
pq_so=$(ldconfig -p | sed -n 's/.*libpq\.so\.5 (libc6,x86-64) => //p' | head -n 1)
lv_so=$(ldconfig -p | sed -n 's/.*libvirt\.so\.0 (libc6,x86-64) => //p' | head -n 1)
if [ -n "$pq_so" ] && [ -n "$lv_so" ] && unshare -m --propagation private true 2>/dev/null; then
	run unshare -m --propagation private sh -c \
		"mount --bind /dev/null '$pq_so' && mount --bind /dev/null '$lv_so' && '$SPICECFG' --version"
	expect_rc 0 "--version without libpq and libvirt"
	expect_out_has "libpq not installed (needed only for PostgreSQL stores)
libvirt not installed (needed only for live hosts)" "says they are not installed"
	expect_out_has "SQLite $sqlite" "and still names the rest"
else
	echo "ok $((N + 1)) # SKIP no mount namespace to hide libpq and libvirt in"
	N=$((N + 1))
fi
