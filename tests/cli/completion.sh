# Shell completion: bash's completion function (and zsh's) as the shells
# call them, with the program's answers from its command table, model/ and
# the store named on the line.
. "$TOP/tests/lib.sh"

BASH_SCRIPT="$TOP/data/completion/spicecfg.bash"
ZSH_SCRIPT="$TOP/data/completion/_spicecfg"

# comp WORD...: the words of the line as bash splits them (COMP_WORDBREAKS
# makes "usb=na" three words: usb = na), the last one being completed.
# OUT: COMPREPLY sorted, one per line, then "compopt: OPTIONS" if any.
comp() {
	run env T="$T" bash -c '. "$1"; shift
		compopt() { printf "%s\n" "$*" >>"$T/.compopt"; }
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		: >"$T/.compopt"
		_spicecfg
		printf "%s\n" "${COMPREPLY[@]}" | sort
		[ -s "$T/.compopt" ] && echo "compopt: $(sort -u "$T/.compopt" | tr "\n" " ")"
		exit 0' sh "$BASH_SCRIPT" "$SPICECFG" "$@"
}
lines() { printf '%s\n' "$@" | sort; }

# the store the completion reads
spicecfg cluster add c30 version=3.0
spicecfg cluster add c31 version=3.1
spicecfg vm add web01 cluster=c31 os=Windows7x64
spicecfg vm add web02 cluster=c31
spicecfg vm add db01 cluster=c30
spicecfg template add tpl cluster=c31
spicecfg pool add pool1 template=tpl size=5

comp ""
expect_out "$(lines cluster vm template pool usb-options config export import demo host pull diff apply)" \
	"commands: the table's names, in the table's order of --help"
help_cmds=$(spicecfg --help | sed -n 's/^        OBJECT is //p' | sed 's/, / /g; s/ or / /')
for c in $help_cmds; do
	case $OUT in *"$c"*) ok "--help's $c is completed" ;; *) notok "--help's $c is completed" "$OUT" ;; esac
done
run sh -c "'$SPICECFG' nosuch 2>&1 | sed -n 's/.*valid: \(.*\) (see.*/\1/p' | tr -d ',' | tr ' ' '\n' | sort"
want=$OUT
comp ""
expect_out "$want" "the same commands as the unknown-command message"
comp us
expect_out "usb-options" "a command by its prefix"
comp --d
expect_out "--db" "global options"
comp vm ""
expect_out "$(lines list show add set rm)" "verbs"
comp pool s
expect_out "$(lines show set)" "verbs by prefix"

# object names from the store
comp vm show ""
expect_out "$(lines db01 web01 web02)" "vm show <Tab>: the store's vms"
expect_err_empty "quietly"
comp vm rm we
expect_out "$(lines web01 web02)" "names by prefix"
comp template set ""
expect_out "tpl" "template names"
comp cluster show ""
expect_out "$(lines c30 c31)" "cluster names"
comp export ovf ""
expect_out "$(lines db01 pool1 tpl web01 web02)" "export: every exportable object"

# --db on the line wins over $SPICECFG_DB, as for every command
SPICECFG_DB="$T/other.db" spicecfg cluster add other version=3.1
SPICECFG_DB="$T/other.db" spicecfg vm add elsewhere cluster=other
comp --db "$T/other.db" vm show ""
expect_out "elsewhere" "--db on the line names the store"
comp vm --db "$T/other.db" show e
expect_out "elsewhere" "--db anywhere on the line"
comp --db "$T/none.db" vm show ""
expect_out "" "a store that does not exist: no names"
[ ! -e "$T/none.db" ] && ok "and completion does not create it" || notok "and completion does not create it" ""
mkdir -p "$T/dbs"
: >"$T/dbs/a.db"
comp --db "$T/dbs/"
expect_out "$T/dbs/a.db
compopt: -o filenames " "file names after --db"

# KEY= per kind, from the field table (the same keys the error names)
valid_keys() {
	spicecfg "$1" add x bogus=1 2>&1 | sed -n 's/.*; valid: //p' | sed 's/, /\n/g' | grep -vx name | sed 's/$/=/' | sort
}
comp vm add new ""
expect_out "$(valid_keys vm)
compopt: -o nospace " "vm add: the keys of vm fields, without a space after ="
case $OUT in *size=*) notok "a vm has no size" "$OUT" ;; *) ok "a vm has no size" ;; esac
comp pool add new ""
expect_out "$(valid_keys pool)
compopt: -o nospace " "pool add: the keys of pool fields"
case $OUT in *size=*) ok "a pool has a size" ;; *) notok "a pool has a size" "$OUT" ;; esac
comp vm set web01 u
expect_out "$(lines usb= usb_autoshare=)
compopt: -o nospace " "keys by prefix"
comp vm set web01 n
expect_out "name=
compopt: -o nospace " "set may rename"
comp vm set web01 h
expect_out "host=
compopt: -o nospace " "vm set offers host="
spicecfg host add kvm1 uri=qemu:///system cluster=c31 >/dev/null
spicecfg host add kvm2 uri=qemu:///system cluster=c31 >/dev/null
comp vm set web01 host = k
expect_out "$(lines kvm1 kvm2)" "host=: the store's hosts"
comp vm add new h
expect_out "" "add does not link (no host=)"
comp host show ""
expect_out "$(lines kvm1 kvm2)" "host show: the store's hosts"
spicecfg host rm kvm1 >/dev/null
spicecfg host rm kvm2 >/dev/null
comp cluster add c32 ""
expect_out "version=
compopt: -o nospace " "cluster add: version="
comp cluster add c32 version = ""
expect_out "$(lines 3.0 3.1 3.2)" "cluster versions"

# values of enumerated fields after KEY= (bash splits at =)
valid_values() { # key
	spicecfg vm set web01 "$1=bogus" 2>&1 | sed -n 's/.*; valid: //p' | sed 's/, /\n/g' | sort
}
for key in usb display migration type os smartcard; do
	comp vm set web01 "$key" = ""
	expect_out "$(valid_values $key)" "$key=: the values the field takes"
done
comp vm add new usb = na
expect_out "native" "usb=na<Tab>: native"
comp vm add new usb =
expect_out "$(lines disabled legacy native)" "usb=<Tab>: every value"
comp vm add new monitors = ""
expect_out "$(lines 1 2 3 4)" "monitors: the numbers the field takes"
comp vm add new cluster = ""
expect_out "$(lines c30 c31)" "cluster=: the store's clusters"
comp vm add new template = t
expect_out "tpl" "template=: the store's templates"
comp vm add new memory = ""
expect_out "" "free-form fields: nothing to offer"

# config keys, --cver, -s values
keys=$(spicecfg config -l | cut -d: -f1 | sort)
comp config -g ""
expect_out "$keys" "config -g: the defined keys"
comp config -s Nat
expect_out "NativeUSBEnabled=
compopt: -o nospace " "config -s KEY="
comp config -s NativeUSBEnabled = ""
expect_out "$(lines true false)" "config -s KEY=: a boolean's values"
comp config -g NativeUSBEnabled --cver ""
expect_out "$(lines 3.0 3.1 3.2 general)" "--cver: the versions and general"
comp config -a --format ""
expect_out "$(lines json text)" "--format"
comp usb-options --os RHEL6
expect_out "$(lines RHEL6 RHEL6x64)" "usb-options --os: the OS names"

# file names
mkdir -p "$T/files/sub"
: >"$T/files/out.ovf"
comp export ovf web01 -o "$T/files/o"
expect_out "$T/files/out.ovf
compopt: -o filenames " "export -o: file names"
comp export vv web01 --ca-file "$T/files/"
expect_out "$(lines "$T/files/out.ovf" "$T/files/sub")
compopt: -o filenames " "export --ca-file: file names"
comp import ovf "$T/files/s"
expect_out "$T/files/sub
compopt: -o filenames " "import ovf: files and directories"
comp import ovf --cluster ""
expect_out "$(lines c30 c31)" "import --cluster: cluster names"
comp export vv web01 --h
expect_out "$(lines --host --host-subject)" "export vv options"

# the hidden command is not a command anyone sees
run spicecfg --help
expect_out_lacks "__complete" "--help does not show __complete"
run spicecfg __complete
expect_rc 0 "__complete without words: nothing"
expect_out "" "and no output"

# zsh, through its own completion file (its compadd and _files stood in for)
if command -v zsh >/dev/null 2>&1; then
	run zsh -f -c '
		compadd() { local a; for a; do [[ $a == -* ]] || print -r -- "${(P)a}"; done | tr " " "\n"; [[ $2 == "" ]] && print nospace; }
		_files() { print files; }
		words=("$@"); CURRENT=$#
		source "'"$ZSH_SCRIPT"'"' zsh "$SPICECFG" vm add new usb=n
	expect_out "usb=native" "zsh: usb=n<Tab> (zsh keeps KEY= in the word)"
	run zsh -f -c '
		compadd() { local a; for a; do [[ $a == -* ]] || print -r -- "${(P)a}"; done | tr " " "\n"; }
		_files() { print files; }
		words=("$@"); CURRENT=$#
		source "'"$ZSH_SCRIPT"'"' zsh "$SPICECFG" vm show w
	expect_out "web01
web02" "zsh: vm show w<Tab>"
	run zsh -f -c '
		compadd() { :; }
		_files() { print files; }
		words=("$@"); CURRENT=$#
		source "'"$ZSH_SCRIPT"'"' zsh "$SPICECFG" export ovf web01 -o ""
	expect_out "files" "zsh: file names after -o"
else
	echo "ok $((N + 1)) # SKIP zsh is not installed"
	N=$((N + 1))
fi
