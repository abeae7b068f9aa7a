# fish completion for saml-bearer

# True until "--" is on the command line; after it come the command for --exec
# and its arguments.
function __saml_bearer_options
    not contains -- -- (commandline -opc)
end

function __saml_bearer_command
    set -l tokens (commandline -opc) (commandline -ct | string collect)
    set -l i (contains -i -- -- $tokens)
    set -l rest $tokens[(math $i + 1)..-1]
    # A command name does not start with a dash.
    string match -q -- '-*' $rest[1]; and return
    __fish_complete_subcommand --commandline $rest
end

function __saml_bearer_profiles
    set -l program saml-bearer
    set -l first (commandline -opc)[1]
    # The program as typed when it is a path (./build/app/saml-bearer).
    if string match -q -- '*/*' $first; and test -x $first
        set program $first
    end
    $program --list-profiles 2>/dev/null
end

function __saml_bearer_formats
    set -l tokens (commandline -opc)
    # --status and --inspect print text or JSON.
    if contains -- --status $tokens; or contains -- --inspect $tokens
        and not contains -- --print $tokens
        printf '%s\t%s\n' text 'Readable text (default)' json 'JSON'
        return
    end
    printf '%s\t%s\n' raw 'The token alone (default)' header 'An Authorization header' \
        json 'JSON with the token, user and expiry' env 'Shell assignments for eval'
end

set -l c complete -c saml-bearer -n __saml_bearer_options

# No file names, except for --inspect's SAMLResponse file.
complete -c saml-bearer -f
complete -c saml-bearer -n '__saml_bearer_options; and __fish_seen_argument -l inspect' -F
complete -c saml-bearer -n 'not __saml_bearer_options' -x -a '(__saml_bearer_command)'

$c -l platform -x -d 'Anypoint Platform address' \
    -a 'https://anypoint.mulesoft.com\tUS https://eu1.anypoint.mulesoft.com\tEU https://gov.anypoint.mulesoft.com\tGov'
$c -l idp-url -x -d 'IdP-initiated sign-in address'
$c -l profile -x -d 'Use the saved profile with this name' -a '(__saml_bearer_profiles)'
$c -l print -d 'Print the token on standard output and exit'
$c -l format -x -d 'Output format' -a '(__saml_bearer_formats)'
$c -l exec -d 'Run the COMMAND after -- with the token in its environment'
$c -l status -d 'Tell whether a valid token is kept for the profile'
$c -l sign-out -d 'Delete the kept token and the remembered sign-in'
$c -l min-valid -x -d 'Reuse a kept token only with more than MINUTES left'
$c -l fresh -d 'Sign in again even when a valid token is kept'
$c -l no-cache -d 'Neither reuse a kept token nor keep the new one'
$c -l organization -x -d 'Business group (id or name)'
$c -l list-profiles -d 'List the names of the saved profiles'
$c -l capture -x -d 'Capture the SAML response posted to this address'
$c -l no-clipboard -d 'Show the token without copying it'
$c -l timeout -x -d 'Seconds to wait for the platform'
$c -l proxy -x -d 'Send the platform requests through this proxy'
$c -l user-agent -x -d 'User agent for the identity provider'
$c -l inspect -d 'Describe a SAMLResponse from FILE or standard input'
$c -l version -d 'Show the version'
$c -l help -d 'Show the options'
