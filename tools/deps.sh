#!/bin/sh
# Installs the Debian packages spicecfg needs when they are missing.
#   tools/deps.sh run    build and run
#   tools/deps.sh test   also everything the tests use (real consumers, fuzzing)
set -e
RUN="gcc libc6-dev make pkg-config libncurses-dev libconfig-dev libxml2-dev libsqlite3-dev libpq-dev
     libvirt-dev"
TEST="$RUN libcmocka-dev libvterm-dev tmux clang libclang-rt-14-dev sqlite3 libxml2-utils
      libvirt-clients libvirt-dev libtirpc-dev libvirt0 libvirt-daemon libvirt-daemon-driver-qemu
      qemu-system-x86 qemu-utils libglib2.0-dev
      libusbredirparser-dev xvfb xauth virt-viewer tinyproxy valgrind util-linux procps postgresql
      zsh dpkg-dev debhelper lintian fakeroot bash-completion
      python3 man-db groff-base bsdutils mount coreutils"
case "$1" in
run) want=$RUN ;;
test) want=$TEST ;;
*) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null; then SUDO=sudo; else
		echo "spicecfg: missing Debian packages:$missing; run as root or install them" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -qq || true
${SUDO:-} apt-get install -y --no-install-recommends $missing
