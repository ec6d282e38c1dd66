#!/bin/sh
# A throwaway libvirtd with the QEMU driver for the tests, as root.
#   tests/libvirtd.sh start DIR   prints the connection URI
#   tests/libvirtd.sh stop DIR    destroys and undefines its domains, stops it
# The daemons run in a private mount namespace in which DIR's own directories
# stand in for /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/log/libvirt
# and /var/cache/libvirt, so their configuration, sockets and domains are the
# test's alone and leave nothing behind on the machine.  Clients reach the
# daemon through its socket in DIR (the URI printed by start).
set -e
cmd=$1 dir=$2
[ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
uri="qemu+unix:///system?socket=$dir/run/libvirt-sock"
SYS="/etc/libvirt /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt"
case $cmd in
start)
	[ "$(id -u)" -eq 0 ] || { echo "the QEMU driver's system daemon needs root" >&2; exit 1; }
	for b in libvirtd virtlogd virsh qemu-system-x86_64; do
		command -v $b >/dev/null || [ -x /usr/sbin/$b ] ||
			{ echo "$b is not installed" >&2; exit 1; }
	done
	# the QEMU driver looks up its default user and group before it reads
	# qemu.conf; the Debian packages' scripts would have made them
	getent group kvm >/dev/null || groupadd -r kvm
	getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
	getent passwd libvirt-qemu >/dev/null ||
		useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
	mkdir -p "$dir/etc" "$dir/run" "$dir/lib" "$dir/log" "$dir/cache"
	[ -d /etc/libvirt ] && cp -a /etc/libvirt/. "$dir/etc/"
	# No cgroups, namespaces or security driver work in a container; QEMU
	# runs as root on files it is not asked to relabel.
	cat >"$dir/etc/qemu.conf" <<-'CONF'
	user = "root"
	group = "root"
	dynamic_ownership = 0
	remember_owner = 0
	namespaces = []
	cgroup_controllers = []
	security_driver = "none"
	CONF
	# a display port range of its own, so that daemons of test runs side by
	# side do not both hand out 5900 and race for it
	lo=$((5900 + 100 * ($$ % 500)))
	printf 'remote_display_port_min = %d\nremote_display_port_max = %d\n' $lo $((lo + 99)) \
		>>"$dir/etc/qemu.conf"
	cat >"$dir/etc/libvirtd.conf" <<-CONF
	log_outputs = "3:file:$dir/log/libvirtd.log"
	CONF
	# the mount points of the private directories
	mkdir -p $SYS
	PATH=/usr/sbin:/sbin:$PATH unshare -m --propagation private sh -e -c '
		d=$1
		mount --bind "$d/etc" /etc/libvirt
		mount --bind "$d/run" /run/libvirt
		mount --bind "$d/lib" /var/lib/libvirt
		mount --bind "$d/log" /var/log/libvirt
		mount --bind "$d/cache" /var/cache/libvirt
		virtlogd -d -p "$d/virtlogd.pid"
		libvirtd -d -p "$d/libvirtd.pid" -f /etc/libvirt/libvirtd.conf
	' sh "$dir" >"$dir/start.log" 2>&1 || { cat "$dir/start.log" >&2; exit 1; }
	i=0
	until virsh -q -c "$uri" version >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "libvirtd did not answer within 20 s" >&2
			cat "$dir/log/libvirtd.log" >&2 2>/dev/null
			exit 1
		fi
		sleep 0.2
	done
	echo "$uri"
	;;
stop)
	if [ -S "$dir/run/libvirt-sock" ]; then
		for d in $(virsh -q -c "$uri" list --all --uuid 2>/dev/null); do
			virsh -q -c "$uri" destroy "$d" >/dev/null 2>&1 || true
			virsh -q -c "$uri" undefine --nvram "$d" >/dev/null 2>&1 ||
				virsh -q -c "$uri" undefine "$d" >/dev/null 2>&1 || true
		done
	fi
	for p in libvirtd virtlogd; do
		[ -f "$dir/$p.pid" ] || continue
		pid=$(cat "$dir/$p.pid")
		kill "$pid" 2>/dev/null || continue
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$pid" 2>/dev/null || true
	done
	;;
*)
	echo "usage: $0 start|stop DIR" >&2
	exit 2
	;;
esac
