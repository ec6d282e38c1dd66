#!/bin/sh
# Random keystrokes (fixed seeds) through every screen, with resizes down to
# below the minimum: no crash, no sanitizer report, a clean exit.
. "$TOP/tests/lib.sh"
export USER=tester
unset LINES COLUMNS
cd "$T" || exit 1 # random keys may write previews to files: keep them here
spicecfg demo >/dev/null 2>&1

keys() { # seed
	awk -v seed="$1" -v count=3000 -v out="$T/monkey.dump" 'BEGIN {
	srand(seed);
	n = split("<Up> <Down> <Left> <Right> <Home> <End> <PgUp> <PgDn> <Enter> <Esc> <Tab> " \
		  "<BTab> <Backspace> <Delete> <Insert> <Space> <F1> <F2> <F4> <F8> <F9> <F10> " \
		  "<C-l> <C-u> <C-k> <C-c> / x s w q a Z 9 0 - + 日 é :resize_60x20 " \
		  ":resize_30x8 :resize_80x24 :resize_200x60", k, " ");
	for (i = 0; i < count; i++) {
		key = k[int(rand() * n) + 1];
		sub(/_/, " ", key);
		# Leaving the main screen ends the run: keep those keys rare.
		if (key ~ /^(q|<F10>|<Esc>|<C-c>)$/ && rand() < 0.85)
			key = "<Down>";
		print key;
	}
	print ":dump " out;
	}'
}

for seed in 1 2 3 4 5 6; do
	keys "$seed" >"$T/monkey.keys"
	run spicecfg --script "$T/monkey.keys"
	if [ "$RC" -eq 0 ] && [ -z "$ERR" ]; then ok "random keys, seed $seed"; else
		notok "random keys, seed $seed" "exit $RC: $(printf '%s' "$ERR" | head -20)"
	fi
done
run spicecfg vm list
expect_rc 0 "the store is still readable"
