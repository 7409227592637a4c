# Bash completion for echo-case, echo-agenda and echo-minutes: commands,
# options, each command's --to values, time zones for --tz, and input files
# by extension.  Installed once per tool, so bash-completion loads it on
# demand for any of the three; needs nothing from bash-completion itself.

# Adds to COMPREPLY the folders, and the files ending in one of the given
# extensions, that start with $cur.
_echo_files()
{
	local f ext
	while IFS= read -r f; do
		if [[ -d $f ]]; then
			COMPREPLY+=("$f")
			continue
		fi
		for ext in "$@"; do
			if [[ $f == *."$ext" ]]; then
				COMPREPLY+=("$f")
				break
			fi
		done
	done < <(compgen -f -- "$cur")
	compopt -o filenames 2>/dev/null
	return 0
}

_echo_dirs()
{
	local f
	while IFS= read -r f; do COMPREPLY+=("$f"); done < <(compgen -d -- "$cur")
	compopt -o filenames 2>/dev/null
	return 0
}

_echo_any_file()
{
	local f
	while IFS= read -r f; do COMPREPLY+=("$f"); done < <(compgen -f -- "$cur")
	compopt -o filenames 2>/dev/null
	return 0
}

_echo_words()
{
	local w
	while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -W "$1" -- "$cur")
	return 0
}

# IANA zone names from the system database ($TZDIR or /usr/share/zoneinfo),
# leaving out the right/ and posix/ copies and the database's own files.
_echo_zones()
{
	local dir=${TZDIR:-/usr/share/zoneinfo} z
	[[ -d $dir ]] || return 0
	while IFS= read -r z; do
		z=${z#"$dir"/}
		case $z in
		right/* | posix/* | Factory | posixrules | *.* | [!A-Z]*) continue ;;
		esac
		[[ $z == "$cur"* ]] && COMPREPLY+=("$z")
	done < <(find "$dir"/ \( -path "$dir/right" -o -path "$dir/posix" \) -prune \
		-o \( -type f -o -type l \) -print 2>/dev/null)
	return 0
}

# Sets cur, prev and cmd (the first word that is not an option or an
# option's value), undoing bash's split of --opt=value at '='.
# $1 lists the options that take a value.
_echo_init()
{
	local valued=" $1 " i w
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=""
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	if [[ $cur == = ]]; then
		cur=""
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
	fi
	cmd=""
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == = ]]; then
			((i++))
		elif [[ $w == -* ]]; then
			[[ $w != *=* && $valued == *" $w "* && ${COMP_WORDS[i + 1]} != = ]] && ((i++))
		else
			cmd=$w
			sub=""
			((i + 1 < COMP_CWORD)) && sub=${COMP_WORDS[i + 1]}
			break
		fi
	done
	return 0
}

_echo_common_opts="-o --output -t --to -f --format -v --verbose --template --templates --pdf-engine -h --help -V --version"

# Completes a value of one of the shared options; returns 1 if prev is not
# one.  $1: the --to values of the command.
_echo_common_value()
{
	case $prev in
	-o | --output) _echo_any_file ;;
	-t | --to) _echo_words "$1" ;;
	-f | --format)
		case $cmd in
		check) _echo_words "gcc json" ;;
		schema) _echo_words "json markdown" ;;
		*) _echo_words "gcc json markdown" ;;
		esac
		;;
	--template) _echo_files mustache ;;
	--templates) _echo_dirs ;;
	--pdf-engine) _echo_words "weasyprint chromium" ;;
	*) return 1 ;;
	esac
	return 0
}

_echo_case()
{
	local cur prev cmd sub to
	COMPREPLY=()
	_echo_init "-o --output -t --to -f --format --template --templates --pdf-engine"
	case $cmd in
	render) to="md html pdf json" ;;
	*) to="" ;;
	esac
	_echo_common_value "$to" && return 0
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_echo_words "-h --help -V --version"
		else
			_echo_words "new check render redact schema"
		fi
		return 0
	fi
	if [[ $cur == -* ]]; then
		_echo_words "$_echo_common_opts"
		return 0
	fi
	case $cmd in
	new | schema) ;;
	*) _echo_files yaml yml ;;
	esac
	return 0
}

_echo_agenda()
{
	local cur prev cmd sub to
	COMPREPLY=()
	_echo_init "-o --output -t --to -f --format --template --templates --pdf-engine --tz --clock --remind"
	case $cmd in
	render) to="md html pdf ics json" ;;
	outline) to="md html pdf" ;;
	*) to="" ;;
	esac
	_echo_common_value "$to" && return 0
	case $prev in
	--tz) _echo_zones; return 0 ;;
	--clock) _echo_words "12 24"; return 0 ;;
	--remind) _echo_words "15m 30m 1h 1d"; return 0 ;;
	esac
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_echo_words "-h --help -V --version"
		else
			_echo_words "render check outline new schema"
		fi
		return 0
	fi
	if [[ $cur == -* ]]; then
		_echo_words "$_echo_common_opts --tz --clock --remind"
		return 0
	fi
	case $cmd in
	new | schema)
		[[ -z $sub || $sub == -* ]] && _echo_words "session series"
		;;
	*) _echo_files yaml yml ;;
	esac
	return 0
}

_echo_minutes()
{
	local cur prev cmd sub to
	COMPREPLY=()
	_echo_init "-o --output -t --to -f --format --template --templates --pdf-engine -a --attendance
		-n --notes -s --session --series --enrolled --roster --threshold --min-minutes
		--certify --through --cancelled --as-of"
	case $cmd in
	minutes | summary) to="md html pdf json" ;;
	recommendations) to="md html pdf json eml" ;;
	attendance | credit) to="md html pdf csv json" ;;
	*) to="" ;;
	esac
	_echo_common_value "$to" && return 0
	case $prev in
	-a | --attendance | --enrolled | --roster) _echo_files csv txt; return 0 ;;
	-n | --notes) _echo_files yaml yml; return 0 ;;
	-s | --session | --series) _echo_files yaml yml json; return 0 ;;
	--threshold | --min-minutes | --certify | --through | --cancelled | --as-of) return 0 ;;
	esac
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_echo_words "-h --help -V --version"
		else
			_echo_words "minutes recommendations attendance credit summary new schema"
		fi
		return 0
	fi
	if [[ $cur == -* ]]; then
		case $cmd in
		minutes) _echo_words "$_echo_common_opts -a --attendance --roster -n --notes" ;;
		recommendations) _echo_words "$_echo_common_opts -s --session --attach-pdf --sendmail --dry-run" ;;
		attendance) _echo_words "$_echo_common_opts -s --session --enrolled --roster --threshold --min-minutes --presence-counts" ;;
		credit) _echo_words "$_echo_common_opts --series --enrolled --roster --threshold --min-minutes --presence-counts --certify --through --cancelled" ;;
		summary) _echo_words "$_echo_common_opts --as-of" ;;
		*) _echo_words "$_echo_common_opts" ;;
		esac
		return 0
	fi
	case $cmd in
	new | schema)
		[[ -z $sub || $sub == -* ]] && _echo_words "notes"
		;;
	attendance | credit) _echo_files csv txt ;;
	*) _echo_files yaml yml ;;
	esac
	return 0
}

complete -F _echo_case echo-case
complete -F _echo_agenda echo-agenda
complete -F _echo_minutes echo-minutes
