# The Debian package: `make deb` in a copy of the tree (dpkg-buildpackage
# writes to the parent directory), its file list, its control fields,
# lintian, and the unpacked program against a store of its own.
. "$TOP/tests/lib.sh"

for tool in dpkg-buildpackage dh lintian fakeroot; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "ok 1 # SKIP $tool is not installed (tools/deps.sh test)"
		exit 0
	fi
done
VERSION=$(sed -n 's/^VERSION *:= *//p' "$TOP/Makefile")
ARCH=$(dpkg --print-architecture)
SRC="$T/build/spicecfg-$VERSION"
DEB="$T/build/spicecfg_${VERSION}_$ARCH.deb"

# the files of the tree (tracked, and new ones not ignored), not its build/
mkdir -p "$SRC"
if git -C "$TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$TOP" && git ls-files -z -co --exclude-standard | xargs -0 cp --parents -t "$SRC")
else
	(cd "$TOP" && tar --exclude=./build --exclude=./spicecfg --exclude='./demo.db*' -cf - .) |
		(cd "$SRC" && tar -xf -)
fi
run nice make -C "$SRC" deb
expect_rc 0 "make deb (dpkg-buildpackage -us -uc -b)"
[ $RC -eq 0 ] || printf '%s\n' "$OUT$ERR" | tail -n 30 | sed 's/^/#   /'
[ -f "$DEB" ] && ok "spicecfg_${VERSION}_$ARCH.deb written beside the tree" ||
	notok "spicecfg_${VERSION}_$ARCH.deb written beside the tree" "$(ls "$T/build")"

# what it installs
run sh -c "dpkg-deb -c '$DEB' | awk '{print \$6}' | grep -v '/\$' | sort"
expect_out "./usr/bin/spicecfg
./usr/share/bash-completion/completions/spicecfg
./usr/share/doc/spicecfg/changelog.gz
./usr/share/doc/spicecfg/copyright
./usr/share/man/man1/spicecfg.1.gz
./usr/share/man/man5/spicecfg.conf.5.gz
./usr/share/spicecfg/options.conf
./usr/share/zsh/vendor-completions/_spicecfg" "dpkg-deb -c: the program, options.conf, both man pages, the completions"
run dpkg-deb -c "$DEB"
expect_out_has "-rwxr-xr-x root/root" "the program is root's and executable"
expect_out_lacks "usr/local" "nothing under /usr/local"

run dpkg-deb -f "$DEB" Version
expect_out "$VERSION" "the package's version is the Makefile's VERSION"
run dpkg-deb -f "$DEB" Depends
expect_out_has "libsqlite3-0" "Depends from shlibs: SQLite"
expect_out_has "libxml2" "Depends from shlibs: libxml2"
expect_out_lacks "libpq" "libpq, loaded on demand, is no dependency"
expect_out_lacks "libvirt" "libvirt, loaded on demand, is no dependency"
run dpkg-deb -f "$DEB" Suggests
expect_out "libpq5, libvirt0" "libpq5 and libvirt0 suggested"
run dpkg-deb -f "$DEB" Description
expect_out_has "libpq5 for a store shared on a PostgreSQL server" "the description says why libpq5"
expect_out_has "libvirt0" "and why libvirt0"

# lintian: no error and no warning
run lintian --fail-on error,warning "$DEB" "$T/build/spicecfg_${VERSION}_$ARCH.changes"
ERR=$(printf '%s\n' "$ERR" | grep -v 'running with root privileges')
expect_rc 0 "lintian: no error and no warning"
expect_out "" "lintian has nothing to say"

# the unpacked program, against a temporary store
mkdir -p "$T/root"
dpkg-deb -x "$DEB" "$T/root"
BIN="$T/root/usr/bin/spicecfg"
run "$BIN" --version
expect_rc 0 "the packaged program runs"
expect_out_has "spicecfg $VERSION" "and says its version"
export SPICECFG_DB="$T/pkg.db"
run "$BIN" demo
expect_rc 0 "demo store"
[ "$(stat -c %a "$SPICECFG_DB")" = 600 ] && ok "store created 0600" || notok "store created 0600" "$(stat -c %a "$SPICECFG_DB")"
run "$BIN" vm show win7-dev01 --format json
expect_rc 0 "vm show --format json"
printf '%s\n' "$OUT" | python3 -m json.tool >/dev/null && ok "its JSON parses" || notok "its JSON parses" "$OUT"
run env SPICECFG_OPTIONS="$T/root/usr/share/spicecfg/options.conf" "$BIN" config -l
expect_out "$("$SPICECFG" config -l)" "the packaged options.conf is the definitions"
run bash -c '. "$1"; COMP_WORDS=("$2" vm show win7-d); COMP_CWORD=3; _spicecfg; printf "%s\n" "${COMPREPLY[@]}"' \
	sh "$T/root/usr/share/bash-completion/completions/spicecfg" "$BIN"
expect_out "win7-dev01
win7-dev02" "the packaged bash completion asks the packaged program"
run sh -c "MANWIDTH=80 man --warnings -l '$T/root/usr/share/man/man1/spicecfg.1.gz' 2>&1 >/dev/null"
expect_out "" "the packaged man page renders without warnings"
