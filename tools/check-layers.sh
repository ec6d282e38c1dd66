#!/bin/sh
# Enforces the layer arrows (cli -> tui -> {store, hosts} -> model):
# model/ uses nothing of ours, store/ and hosts/ only model/, tui/ never cli/.
# Two checks, both needed: the #include lines of every source and header,
# and the symbols each layer's library leaves undefined, which must not be
# defined by a library of a layer it may not use.
#   tools/check-layers.sh SRCDIR LIBDIR
# LIBDIR holds libmodel.a, libstore.a, libtui.a, libcli.a (libhosts.a if
# the tree has hosts/).  Prints each violation; exits 1 if there is one.
SRC=${1:?usage: check-layers.sh SRCDIR LIBDIR}
LIB=${2:?usage: check-layers.sh SRCDIR LIBDIR}
LAYERS="model store hosts tui cli"

allowed() { # layer -> the layers it may use, itself included
	case $1 in
	model) echo "model" ;;
	store) echo "model store" ;;
	hosts) echo "model hosts" ;;
	tui) echo "model store hosts tui" ;;
	cli) echo "model store hosts tui cli" ;;
	esac
}

bad=0
violation() {
	echo "check-layers: $*" >&2
	bad=1
}

# Includes: a quoted path is read from the including file's folder, then
# from the top (-I.); its first folder names the layer it belongs to.
for layer in $LAYERS; do
	[ -d "$SRC/$layer" ] || continue
	ok=$(allowed "$layer")
	for f in "$SRC/$layer"/*.c "$SRC/$layer"/*.h; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
		while read -r inc; do
			case $inc in
			../*) target=${inc#../} ;;
			*/*) target=$inc ;;
			*) target=$layer/$inc ;;
			esac
			to=${target%%/*}
			case " $LAYERS " in *" $to "*) ;; *) continue ;; esac
			case " $ok " in
			*" $to "*) ;;
			*) echo "${f#"$SRC"/}: includes \"$inc\": $layer/ may use only: $ok" ;;
			esac
		done
	done
done >"${TMPDIR:-/tmp}/check-layers.$$" 2>&1
if [ -s "${TMPDIR:-/tmp}/check-layers.$$" ]; then
	sed 's/^/check-layers: /' "${TMPDIR:-/tmp}/check-layers.$$" >&2
	bad=1
fi
rm -f "${TMPDIR:-/tmp}/check-layers.$$"

# Symbols: what a layer's library needs from a layer it may not use.
defined() { nm -g --defined-only "$LIB/lib$1.a" 2>/dev/null | awk 'NF >= 3 {print $3}' | sort -u; }
needed() { nm -u "$LIB/lib$1.a" 2>/dev/null | awk 'NF >= 2 {print $2}' | sort -u; }
for layer in $LAYERS; do
	if [ ! -f "$LIB/lib$layer.a" ]; then
		[ -d "$SRC/$layer" ] && violation "$LIB/lib$layer.a is missing (build the layer libraries first)"
		continue
	fi
	ok=$(allowed "$layer")
	for other in $LAYERS; do
		case " $ok " in *" $other "*) continue ;; esac
		[ -f "$LIB/lib$other.a" ] || continue
		syms=$(needed "$layer" | comm -12 - "$(defined "$other" >"$LIB/.defs.$$"; echo "$LIB/.defs.$$")")
		rm -f "$LIB/.defs.$$"
		for s in $syms; do
			violation "lib$layer.a uses $s of $other/: $layer/ may use only: $ok"
		done
	done
done
[ $bad -eq 0 ] && echo "check-layers: model <- store, hosts <- tui <- cli: no arrow broken"
exit $bad
