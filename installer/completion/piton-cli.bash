# bash completion for piton-cli (installed as /usr/share/bash-completion/completions/piton-cli).
# Commands and options as in docs/cli.md; keep the two in step.

_piton_cli_files()
{
    if declare -F _filedir >/dev/null; then
        _filedir
    else
        local IFS=$'\n'
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

_piton_cli()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else # without the bash-completion package
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
    fi

    local globals="--json -c --connect -y --yes --verbose --log --timeout --take-over -h --help -v --version"
    local commands="list ping info regions read erase write deploy verify config reboot confirm recover keys package bundle rom line help"
    local regions="bootloader config firmware deployment update"

    case $prev in
        -c|--connect)
            COMPREPLY=($(compgen -W "serial: tcp: usb: rom+serial: dfu:" -- "$cur"))
            compopt -o nospace
            return ;;
        --log|-o|--key|--public|--package|--config-backup|--firmware|--application|--bundle|--bootloader|--trust-key|--trust-access-key|--config|--backup-dir|--serial-list)
            _piton_cli_files
            return ;;
        --timeout|--confirm-timeout|--version|--security-counter|--requires-firmware|--base|--go|\
        --firmware-base|--application-base|--board|--sectors|--bootloader-base|--rom|--serial|--serial-first|--mac|--set|\
        --name|--steps|--db|--by|--slot|--station|--count|--operator|--poll-ms|--since)
            return ;;
        --format)
            COMPREPLY=($(compgen -W "csv json" -- "$cur"))
            return ;;
        --table)
            COMPREPLY=($(compgen -W "boards yield" -- "$cur"))
            return ;;
    esac

    # The command and subcommand: the first words that are not options or option values.
    local i cmd="" sub=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            -c|--connect|--log|--timeout) ((i++)) ;;
            -*) ;;
            *) if [[ -z $cmd ]]; then cmd=${words[i]}; elif [[ -z $sub ]]; then sub=${words[i]}; fi ;;
        esac
    done

    local opts=""
    case $cmd in
        "") COMPREPLY=($(compgen -W "$commands $globals" -- "$cur")); return ;;
        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
        read|erase|write)
            [[ -z $sub ]] && { COMPREPLY=($(compgen -W "$regions" -- "$cur")); return; }
            case $cmd in read) opts="-o" ;; write) opts="--base" ;; esac ;;
        deploy) opts="--key --confirm-timeout" ;;
        config)
            [[ -z $sub ]] && { COMPREPLY=($(compgen -W "backup restore get set" -- "$cur")); return; }
            case $sub in backup) opts="-o" ;; restore) opts="--copy-identity" ;; esac ;;
        reboot) opts="--bootloader" ;;
        recover) opts="--package --config-backup --key --bundle --rom --dry-run" ;;
        keys)
            [[ -z $sub ]] && { COMPREPLY=($(compgen -W "generate update update-device" -- "$cur")); return; }
            case $sub in
                update) opts="create inspect --root-key --board --generation --add-package-key --revoke-package-key --add-access-key --revoke-access-key --product-key --wrap-to -o" ;;
                update-device) opts="" ;;
                *) opts="-o --public --product" ;;
            esac ;;
        package)
            [[ -z $sub ]] && { COMPREPLY=($(compgen -W "create inspect" -- "$cur")); return; }
            case $sub in
                create) opts="--board --version --key --firmware --application --requires-firmware --security-counter --firmware-base --application-base -o" ;;
                inspect) opts="--key" ;;
            esac ;;
        bundle)
            [[ -z $sub ]] && { COMPREPLY=($(compgen -W "create inspect" -- "$cur")); return; }
            case $sub in
                create) opts="--board --bootloader --bootloader-base --package --trust-key --config --trust-access-key --locked --key -o" ;;
                inspect) opts="--key" ;;
            esac ;;
        line)
            [[ -z $sub ]] && { COMPREPLY=($(compgen -W "recipe run report account" -- "$cur")); return; }
            case $sub in
                recipe) opts="--board --package --serial --serial-first --serial-list --mac --set --name --version --steps --backup-dir --keep-failed-identifiers -o --db --by" ;;
                run) opts="--slot --db --station --count --operator --poll-ms --journal --lease" ;;
                report) opts="--db --since --format --table" ;;
                account) opts="--role --db --by" ;;
            esac
            [[ $sub == recipe && ${words[cword - 1]} == recipe ]] && { COMPREPLY=($(compgen -W "create show release" -- "$cur")); return; }
            [[ $sub == account && ${words[cword - 1]} == account ]] && { COMPREPLY=($(compgen -W "add list" -- "$cur")); return; } ;;
        rom)
            [[ -z $sub ]] && { COMPREPLY=($(compgen -W "info write read erase go unprotect" -- "$cur")); return; }
            case $sub in write) opts="--base --go" ;; read) opts="-o" ;; erase) opts="--sectors --mass" ;; esac ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --help $globals" -- "$cur"))
    else
        _piton_cli_files
    fi
}
complete -F _piton_cli piton-cli
