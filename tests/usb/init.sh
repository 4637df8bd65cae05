#!/bin/busybox sh
# /init of the USB test rig's initramfs (tests/usb/run-rig.sh builds it; docs/usb.md).
# Loads the USB and 9p modules, mounts the host's root file system read-only over virtfs, gives
# it writable /tmp, /run, /dev, /proc, /sys and configfs, and runs the guest test script in a
# chroot. Prints "PITON-RIG-RESULT <exit code>" on the console, then powers off.
/bin/busybox mkdir -p /proc /sys /dev /host /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "PITON-RIG: guest kernel $(uname -r) up after $(cut -d' ' -f1 /proc/uptime) s"

fail() {
    echo "PITON-RIG: $*"
    echo "PITON-RIG-RESULT 99"
    poweroff -f
    sleep 5
}

while read -r m; do
    insmod "/modules/$m" || fail "insmod $m failed"
done < /modules/order

mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=loose hostroot /host \
    || fail "cannot mount the host's root file system (9p)"
mount -t proc proc /host/proc || fail "mount proc"
mount -t sysfs sysfs /host/sys || fail "mount sysfs"
mount -t configfs configfs /host/sys/kernel/config || fail "mount configfs"
mount -t devtmpfs devtmpfs /host/dev || fail "mount devtmpfs"
mkdir -p /host/dev/pts /host/dev/shm
mount -t devpts -o ptmxmode=0666 devpts /host/dev/pts || fail "mount devpts"
mount -t tmpfs tmpfs /host/dev/shm
# A writable /tmp for the guest, through which the host's /tmp stays visible: a tree built or
# cloned under /tmp (CI often does) is bound back in, directory by directory (read-only, as the
# rest of the host).
mkdir -p /hosttmp
mount -o bind /host/tmp /hosttmp || fail "bind the host's /tmp"
mount -t tmpfs tmpfs /host/tmp || fail "mount tmpfs on /tmp"
for entry in /hosttmp/* /hosttmp/.[!.]*; do
    [ -d "$entry" ] || continue
    name=${entry#/hosttmp/}
    mkdir -p "/host/tmp/$name" && mount -o bind "$entry" "/host/tmp/$name" || echo "PITON-RIG: cannot show /tmp/$name"
done
mount -t tmpfs tmpfs /host/run || fail "mount tmpfs on /run"
ls /host/sys/class/udc >/dev/null 2>&1 || fail "no UDC: dummy_hcd did not load"

env_file=$(sed -n 's/.*piton_rig_env=\([^ ]*\).*/\1/p' /proc/cmdline)
[ -n "$env_file" ] || fail "no piton_rig_env= on the kernel command line"
echo "PITON-RIG: running the tests ($env_file)"
chroot /host /bin/sh -c ". '$env_file' && cd /tmp && exec \"\$PITON_RIG_PYTHON\" \"\$PITON_RIG_GUEST\""
rc=$?
echo "PITON-RIG-RESULT $rc"
sync
poweroff -f
sleep 5
