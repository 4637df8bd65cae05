#!/usr/bin/env bash
# USB test rig (docs/usb.md): boots Debian's kernel in QEMU (TCG) with an initramfs that loads
# dummy_hcd, libcomposite and usb_f_fs, shares this machine's root file system read-only over
# virtfs, and runs a guest script inside the guest (tests/usb/guest_tests.py, or --guest):
# piton-vboard as a FunctionFS gadget on dummy_udc, piton-cli over libusb on the dummy host
# controller. The exit code is the guest's; a guest that does not boot or does not report fails.
#
# usage: run-rig.sh --cli PATH --vboard PATH --probe PATH --boards DIR --corpus DIR --cache DIR [--timeout S] [--guest PY]
#   --probe PATH  tests/usb/usb_watch_probe (prints UsbDeviceWatcher events)
#   --cache DIR   where the kernel, the modules and the initramfs are kept between runs
#   --timeout S   wall-clock limit for the guest (default 170 s)
#   --guest PY    the script the guest runs (default tests/usb/guest_tests.py; ladder.usb runs
#                 tests/usb/ladder_guest.py); another script gets its own work directory and
#                 console log in the cache (work-NAME, console-NAME.log)
# Environment: PITON_USB_RIG_KEEP=1 keeps the work directory; QEMU_EXTRA adds QEMU options.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cli= vboard= probe= boards= corpus= cache= timeout_s=170 guest=${PITON_USB_RIG_GUEST:-$here/guest_tests.py}
while (($#)); do
    case $1 in
    --cli) cli=$2; shift 2 ;;
    --vboard) vboard=$2; shift 2 ;;
    --probe) probe=$2; shift 2 ;;
    --boards) boards=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --guest) guest=$2; shift 2 ;;
    *) echo "run-rig.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
for v in cli vboard probe boards corpus cache; do
    [[ -n ${!v} ]] || { echo "run-rig.sh: --$v is required" >&2; exit 2; }
done
for tool in qemu-system-x86_64 cpio gzip dpkg-deb apt-get srec_cat python3; do
    command -v "$tool" >/dev/null || { echo "run-rig.sh: $tool not found (scripts/bootstrap installs it)" >&2; exit 1; }
done
busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked' && ! ldd "$busybox" 2>&1 | grep -q 'not a dynamic'; then
    echo "run-rig.sh: $busybox is not statically linked (install busybox-static)" >&2
    exit 1
fi
[[ -f $guest ]] || { echo "run-rig.sh: --guest $guest: no such file" >&2; exit 2; }
guest=$(realpath "$guest")
suffix=
[[ $guest == "$(realpath "$here/guest_tests.py")" ]] || suffix=-$(basename "$guest" .py)
cli=$(realpath "$cli"); vboard=$(realpath "$vboard"); probe=$(realpath "$probe"); boards=$(realpath "$boards"); corpus=$(realpath "$corpus")
mkdir -p "$cache"; cache=$(realpath "$cache")
case $cache/ in
/run/* | /dev/* | /proc/* | /sys/*)
    echo "run-rig.sh: --cache $cache: the guest mounts its own /run, /dev, /proc and /sys over the host's; put the cache elsewhere (e.g. in the build directory)" >&2
    exit 2 ;;
esac

# ---- 1. the kernel and its modules, from the Debian package linux-image-amd64 depends on ------
kernel_pkg() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'; }
pkg=$(kernel_pkg)
if [[ -z $pkg && $(id -u) -eq 0 ]]; then
    apt-get update -qq >/dev/null 2>&1 || true
    pkg=$(kernel_pkg)
fi
if [[ -z $pkg ]]; then
    echo "run-rig.sh: apt-cache does not know linux-image-amd64 (run apt-get update)" >&2
    exit 1
fi
kdir=$cache/$pkg
modules=(virtio_pci 9p 9pnet_virtio dummy_hcd configfs libcomposite usb_f_fs)
if [[ ! -f $kdir/vmlinuz || ! -f $kdir/modules/order ]]; then
    echo "run-rig.sh: fetching $pkg with apt-get download"
    rm -rf "$cache/download" "$kdir"
    mkdir -p "$cache/download" "$kdir/modules"
    (cd "$cache/download" && apt-get download "$pkg" >/dev/null 2>&1) || {
        if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && (cd "$cache/download" && apt-get download "$pkg"); else false; fi
    } || { echo "run-rig.sh: apt-get download $pkg failed" >&2; exit 1; }
    dpkg-deb -x "$cache/download"/*.deb "$cache/download/x"
    cp "$cache/download/x/boot/vmlinuz-"* "$kdir/vmlinuz"
    moddir=$(echo "$cache/download/x/lib/modules/"*)
    : > "$kdir/modules/order"
    while read -r ko; do
        cp "$ko" "$kdir/modules/"
        basename "$ko" >> "$kdir/modules/order"
    done < <(python3 "$here/modules.py" "$moddir" "${modules[@]}")
    rm -rf "$cache/download"
fi

# ---- 2. the initramfs: static busybox, /init, the modules -----------------------------------
initrd=$cache/initrd.gz
root=$cache/initramfs
rm -rf "$root"
mkdir -p "$root/bin" "$root/modules"
cp "$busybox" "$root/bin/busybox"
cp "$here/init.sh" "$root/init"
chmod 755 "$root/init"
cp "$kdir/modules/"* "$root/modules/"
(cd "$root" && find . | cpio -H newc -o --quiet | gzip -1 > "$initrd")

# ---- 3. what the guest needs from the host: a signed package and its oracle --------------------
work=$cache/work$suffix
rm -rf "$work"
mkdir -p "$work"
"$cli" keys generate -o "$work/signing.pem" --public "$work/signing.pub.pem" >/dev/null
deploy_addr=$(python3 -c "import json,sys; print(next(r['address'] for r in json.load(open(sys.argv[1]))['regions'] if r['name'] == 'deployment'))" "$boards/stm32f4-ref.json")
srec_cat "$corpus/microbit-micropython-1.0.1.hex" -intel -crop 0 0x40000 -offset "$deploy_addr" -o "$work/app.hex" -intel
srec_cat '(' "$work/app.hex" -intel -fill 0xFF -over "$work/app.hex" -intel ')' -offset "-$deploy_addr" -o "$work/app.bin" -binary
"$cli" package create --board stm32f4-ref --version 1.2.3 --key "$work/signing.pem" --application "$work/app.hex" \
    -o "$work/app.ptpkg" >/dev/null
cat > "$work/guest.env" <<EOF
export PITON_CLI='$cli'
export PITON_VBOARD='$vboard'
export PITON_RIG_PROBE='$probe'
export PITON_BOARDS_DIR='$boards'
export PITON_RIG_WORK='$work'
export PITON_RIG_GUEST='$guest'
export PITON_RIG_PYTHON='$(command -v python3)'
export HOME=/tmp XDG_CONFIG_HOME=/tmp/config XDG_RUNTIME_DIR=/tmp/runtime LC_ALL=C.UTF-8
export PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
export ASAN_OPTIONS='${ASAN_OPTIONS:-}' UBSAN_OPTIONS='${UBSAN_OPTIONS:-}'
EOF

# ---- 4. boot ---------------------------------------------------------------------------------
log=$cache/console$suffix.log
echo "run-rig.sh: booting $pkg in QEMU (TCG), limit ${timeout_s} s; console log $log"
start=$(date +%s)
set +e
# shellcheck disable=SC2086
timeout --kill-after=5 "$timeout_s" qemu-system-x86_64 -accel tcg -m 1024 -smp 1 -nographic -no-reboot \
    -kernel "$kdir/vmlinuz" -initrd "$initrd" \
    -append "console=ttyS0 quiet panic=-1 piton_rig_env=$work/guest.env" \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    -nic none ${QEMU_EXTRA:-} </dev/null 2>&1 | tee "$log" | grep --line-buffered -E '^(PITON|  |ok|FAIL|USB|---)' 
qemu_rc=${PIPESTATUS[0]}
set -e
echo "run-rig.sh: QEMU exited with $qemu_rc after $(( $(date +%s) - start )) s"
result=$(sed -n 's/.*PITON-RIG-RESULT \([0-9]*\).*/\1/p' "$log" | tail -1)
[[ ${PITON_USB_RIG_KEEP:-0} == 1 ]] || rm -rf "$root"
if [[ -z $result ]]; then
    if [[ $qemu_rc -eq 124 ]]; then echo "run-rig.sh: FAIL: the guest did not finish within ${timeout_s} s" >&2
    else echo "run-rig.sh: FAIL: the guest did not report a result (did it boot? see $log)" >&2; fi
    tail -40 "$log" >&2
    exit 1
fi
if [[ $result -ne 0 ]]; then
    echo "run-rig.sh: FAIL: the guest tests exited with $result (console log: $log)" >&2
    exit "$result"
fi
echo "run-rig.sh: PASS"
