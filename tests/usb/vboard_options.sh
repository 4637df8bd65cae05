#!/usr/bin/env bash
# piton-vboard's USB options: bad input is refused with a message naming the problem (exit 2),
# and a machine without configfs / FunctionFS gets a start-up error naming what is missing
# (exit 1) and leaves nothing behind. Runs without kernel USB support.
set -uo pipefail
vboard=$1 boards=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
expect() { # expect CODE TEXT ARGS...
    local code=$1 text=$2
    shift 2
    local out rc
    out=$("$vboard" --board stm32f4-ref --flash "$dir/flash.bin" --boards-dir "$boards" "$@" 2>&1 </dev/null)
    rc=$?
    if [[ $rc -ne $code || $out != *"$text"* ]]; then
        echo "FAIL: piton-vboard $*: exit $rc (want $code), output: $out"
        fails=$((fails + 1))
    else
        echo "ok - $* -> exit $rc: $(grep -m1 -F -- "$text" <<<"$out")"
    fi
}
expect 2 "expected VID:PID" --usb-ffs "$dir/ffs" --usb-vid-pid 1209
expect 2 "vendor id must be 1..4 hex digits" --usb-ffs "$dir/ffs" --usb-vid-pid 12345:0001
expect 2 "vendor id must be 1..4 hex digits" --usb-ffs "$dir/ffs" --usb-vid-pid 0:0001
expect 2 "product id must be 1..4 hex digits" --usb-ffs "$dir/ffs" --usb-vid-pid 1209:xyz
expect 2 "need --usb-ffs" --usb-product "Board"
expect 2 "--usb-product: at most 126 characters" --usb-ffs "$dir/ffs" --usb-product "$(printf 'x%.0s' {1..127})"
expect 2 "--usb-gadget" --usb-ffs "$dir/ffs" --usb-gadget "a/b"
# No configfs gadget support here (or a fake configfs without usb_gadget): a clear start-up error.
mkdir -p "$dir/configfs"
PITON_CONFIGFS="$dir/configfs" expect 1 "usb_gadget not found: is configfs mounted" --usb-ffs "$dir/ffs"
if [[ -e $dir/ffs ]]; then echo "FAIL: the mount point was created although start-up failed"; fails=$((fails + 1)); fi
exit $((fails > 0))
