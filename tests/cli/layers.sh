# The build enforces the layer arrows: `make check` runs check-layers, which
# refuses an include or a symbol that crosses an arrow the wrong way.
. "$TOP/tests/lib.sh"

CHECK="$TOP/tools/check-layers.sh"
LIBDIR="$TESTBIN/.."

run make -C "$TOP" -n --no-print-directory check
expect_out_has "tools/check-layers.sh" "make check runs check-layers"

run "$CHECK" "$TOP" "$LIBDIR"
expect_rc 0 "the tree keeps the arrows"

# Includes, checked on a copy of the sources.
mkdir -p "$T/src"
cp -r "$TOP/model" "$TOP/store" "$TOP/tui" "$TOP/cli" "$T/src/"
run "$CHECK" "$T/src" "$LIBDIR"
expect_rc 0 "the copy keeps them too"
cp "$T/src/model/sbuf.c" "$T/sbuf.c"
echo '#include "../store/store.h"' >>"$T/src/model/sbuf.c"
run "$CHECK" "$T/src" "$LIBDIR"
expect_rc 1 "model/ including store/ is refused"
expect_err_has 'model/sbuf.c: includes "../store/store.h"' "the message names file and include"
cp "$T/sbuf.c" "$T/src/model/sbuf.c"
echo '#include "tui/tui.h"' >>"$T/src/store/session.h"
run "$CHECK" "$T/src" "$LIBDIR"
expect_rc 1 "store/ including tui/ (from the top) is refused"
expect_err_has "store/session.h" "the message names the header"
cp "$TOP/store/session.h" "$T/src/store/session.h"
echo '#include "../cli/cli.h"' >>"$T/src/tui/tui.h"
run "$CHECK" "$T/src" "$LIBDIR"
expect_rc 1 "tui/ including cli/ is refused"
cp "$TOP/tui/tui.h" "$T/src/tui/tui.h"
echo '#include "../store/store.h"' >>"$T/src/cli/cli.h"
run "$CHECK" "$T/src" "$LIBDIR"
expect_rc 0 "cli/ may include any layer"

# Symbols, checked on copies of the libraries with a planted object: a
# call needs no include to cross an arrow.
plant() { # layer, C source
	rm -rf "$T/lib"
	mkdir -p "$T/lib"
	cp "$LIBDIR"/lib*.a "$T/lib/"
	printf '%s\n' "$2" >"$T/plant.c"
	cc -c -o "$T/plant.o" "$T/plant.c" && ar r "$T/lib/lib$1.a" "$T/plant.o" 2>/dev/null
}
plant model 'void store_close(void *st); void sc_probe(void) { store_close(0); }'
run "$CHECK" "$TOP" "$T/lib"
expect_rc 1 "model/ calling store/ is refused"
expect_err_has "libmodel.a uses store_close of store/" "the message names the symbol"
plant store 'void tui_redraw_all(void *t); void sc_probe(void) { tui_redraw_all(0); }'
run "$CHECK" "$TOP" "$T/lib"
expect_rc 1 "store/ calling tui/ is refused"
plant tui 'int cli_open_store(void *c, void *e); int sc_probe(void) { return cli_open_store(0, 0); }'
run "$CHECK" "$TOP" "$T/lib"
expect_rc 1 "tui/ calling cli/ is refused"
expect_err_has "libtui.a uses cli_open_store of cli/" "the message names the symbol"
plant cli 'void tui_redraw_all(void *t); void sc_probe(void) { tui_redraw_all(0); }'
run "$CHECK" "$TOP" "$T/lib"
expect_rc 0 "cli/ may call tui/"
rm "$T/lib/libstore.a"
run "$CHECK" "$TOP" "$T/lib"
expect_rc 1 "a missing layer library is an error, not a pass"

# The TUI's main loop knows screens only through their ops tables, and
# dialogs answer through the reply given when they are pushed.
run grep -n "tui_form_\|dirty_form" "$TOP/tui/app.c"
expect_out "" "tui/app.c calls no form function and keeps no dirty form"
run grep -rn "TUI_TAG_\|on_result" "$TOP/tui"
expect_out "" "no dialog tags and no on_result in tui/"
run grep -rln "cli\.h\|cli_fail\|cli_open_store\|->cli\b" "$TOP/tui"
expect_out "" "tui/ names nothing of cli/"

# No circles between the files of model/, nor between the store's object
# writer and the reconciler built on it: the groups of object files that
# reach each other through their symbols (strongly connected components).
circles() { # dir of object files
	python3 - "$1" <<'PY'
import glob, subprocess, sys
def syms(o, *flags):
    out = subprocess.run(["nm", *flags, o], capture_output=True, text=True).stdout
    return {l.split()[-1] for l in out.splitlines() if l.strip()}
objs = sorted(glob.glob(sys.argv[1] + "/*.o"))
defs = {o: syms(o, "-g", "--defined-only") for o in objs}
uses = {o: {p for p in objs if p != o and syms(o, "-u") & defs[p]} for o in objs}
reach = {o: set(uses[o]) for o in objs}
changed = True
while changed:
    changed = False
    for o in objs:
        more = set().union(*(reach[p] for p in reach[o])) - reach[o] if reach[o] else set()
        if more:
            reach[o] |= more
            changed = True
seen = set()
for o in objs:
    group = sorted(p.rsplit("/", 1)[-1] for p in objs if p == o or (p in reach[o] and o in reach[p]))
    if len(group) > 1 and tuple(group) not in seen:
        seen.add(tuple(group))
        print(" ".join(group))
PY
}
run circles "$TESTBIN/../model"
expect_out "" "no circle in model/"
run circles "$TESTBIN/../store"
expect_out_lacks "reconcile.o" "store/objects.c and store/reconcile.c are not a circle"
