# Shared by scripts/run and scripts/demo (sourced, not run): set-up and build, then a signing key,
# a virtual stm32f4-ref board in factory state that trusts it, and a package of the corpus image.
# Sets: root bin cli gui vboard work tcp serial vb (the board's pid; killed on exit).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus="$root/../shared/corpus/microbit-micropython-1.0.1.hex"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Set-up and build"
"$root/scripts/bootstrap"
(cd "$root" && cmake --preset default >/dev/null && cmake --build --preset default -j "$(nproc)" >/dev/null)
bin="$root/build/default"
cli="$bin/app/piton-cli"
gui="$bin/app/gui/piton"
vboard="$bin/device-firmware/ports/host/piton-vboard"
export PITON_BOARDS_DIR="$root/resources/boards"
# The board trusts the development access key (piton-vboard's default); over TCP every change
# needs a session: the GUI and piton-cli take this development credential (docs/security.md,
# "Development boards"). Its pins go beside the demo, not into your known boards.
export PITON_CREDENTIAL="$root/resources/dev-access/dev-factory.ptcred"

work=${PITON_DEMO_DIR:-$(mktemp -d /tmp/piton-demo.XXXXXX)}
mkdir -p "$work"
cd "$work"
export PITON_KNOWN_BOARDS="$work/known-boards"

step "Make a signing key pair"
rm -f signing.pem signing.pub.pem
"$cli" keys generate -o signing.pem --public signing.pub.pem

step "Start a virtual STM32F4 board that trusts that key (factory state: no application)"
rm -f board.flash vboard.json
"$vboard" --board stm32f4-ref --flash board.flash --serial-link "$work/ttyPITON" --tcp 127.0.0.1:0 \
  --trust-key signing.pub.pem > vboard.json 2> vboard.log &
vb=$!
trap 'kill $vb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s vboard.json ]] && break; sleep 0.1; done
cat vboard.json
tcp=$(python3 -c 'import json; print(json.load(open("vboard.json"))["tcp"])')
serial="$work/ttyPITON"

step "Relocate MicroPython for the micro:bit into the deployment region (srec_cat) and package it"
srec_cat "$corpus" -intel -crop 0 0x40000 -offset 0x08040000 -o app.hex -intel
"$cli" package create --board stm32f4-ref --version 1.0.1 --key signing.pem --application app.hex -o app.ptpkg
