# bash completion for spicecfg.  The candidates come from the program
# itself (`spicecfg __complete`), from the same command table, field table
# and store that it runs with, so this file never lists a command or value.
# zsh has its own file, _spicecfg, asking the program the same way.

_spicecfg()
{
	local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} line files= nospace=
	local IFS=$'\n'
	case $prog in "~/"*) prog=$HOME/${prog#"~/"} ;; esac
	COMPREPLY=()
	for line in $("$prog" __complete "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null); do
		case $line in
		$'\tfiles') files=1 ;;
		*=) nospace=1 COMPREPLY+=("$line") ;;
		*) COMPREPLY+=("$line") ;;
		esac
	done
	if [ -n "$files" ]; then
		COMPREPLY+=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
	fi
	[ -n "$nospace" ] && compopt -o nospace 2>/dev/null
	return 0
}
complete -F _spicecfg spicecfg
