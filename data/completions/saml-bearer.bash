# bash completion for saml-bearer                            -*- shell-script -*-
# bash-completion loads this from its completions directory on the first
# `saml-bearer <TAB>`; it uses that framework's helpers.

_saml_bearer_profiles()
{
    local program=saml-bearer name match quoted IFS=$'\n'

    # The program as typed when it is a path (./build/app/saml-bearer).
    [[ ${words[0]} == */* && -x ${words[0]} ]] && program=${words[0]}

    # Inside an open quote readline adds the quoting; otherwise the names
    # are escaped here, since they may contain spaces.
    if [[ $cur == [\"\']* ]]; then
        quoted=1
        match=${cur:1}
    else
        match=${cur//\\/}
    fi

    for name in $("$program" --list-profiles 2>/dev/null); do
        [[ -n $name && $name == "$match"* ]] || continue
        if [[ -n ${quoted-} ]]; then
            COMPREPLY+=("$name")
        else
            printf -v name '%q' "$name"
            COMPREPLY+=("$name")
        fi
    done
}

_saml_bearer()
{
    local cur prev words cword split
    _init_completion -s -n : || return

    local i
    # After "--" come the command for --exec and its arguments.
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == -- ]]; then
            _command_offset $((i + 1))
            return
        fi
    done

    case $prev in
        --platform)
            COMPREPLY=($(compgen -W 'https://anypoint.mulesoft.com
                https://eu1.anypoint.mulesoft.com https://gov.anypoint.mulesoft.com' -- "$cur"))
            __ltrim_colon_completions "$cur"
            return
            ;;
        --format)
            local formats='raw header json env'
            # --status and --inspect print text or JSON.
            if [[ " ${words[*]} " == *' '--@(status|inspect)' '* && " ${words[*]} " != *' --print '* ]]; then
                formats='text json'
            fi
            COMPREPLY=($(compgen -W "$formats" -- "$cur"))
            return
            ;;
        --profile)
            _saml_bearer_profiles
            return
            ;;
        --idp-url | --capture | --proxy | --user-agent | --organization | --timeout | --min-valid)
            return
            ;;
    esac

    $split && return

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--platform --idp-url --profile --print --format --exec
            --status --sign-out --min-valid --fresh --no-cache --organization --list-profiles
            --capture --no-clipboard --timeout --proxy --user-agent --inspect --version
            --help' -- "$cur"))
        return
    fi

    # The SAMLResponse file of --inspect.
    if [[ " ${words[*]} " == *' --inspect '* ]]; then
        _filedir
    fi
} &&
    complete -F _saml_bearer saml-bearer

# ex: filetype=sh
