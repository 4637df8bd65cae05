#!/usr/bin/env python3
"""Locked boards and access keys (issue 15; docs/security.md "Policy table") against piton-vboard
over its serial link (a pseudo-terminal), the way a technician's bench reaches a board
(registered with ctest as e2e.lockpol.*).

usage: lockpol_test.py TEST --vboard PATH --boards-dir DIR --cli PATH

lock:   LOCK on a board that trusts no access key is refused (NO_ACCESS_KEY, 33) with a message
        that says what to do, and nothing changes: SHA-256 of the flash file, of the bootloader
        region and of the provisioning sector, and INFO, as before; piton-vboard refuses to
        provision `--locked --no-access-key`. With an access key LOCK locks; the locked board
        then refuses erase and config set over serial without a session (flash unchanged) and
        does them for a technician's credential (the board's own state read back). On
        uniform-4k LOCK is one program and no erase (--stats), the lock word goes to 0 and the
        rest of the provisioning sector stays (SHA-256); locked after a restart.
legacy: a locked board without an access key, as piton-vboard could make one before (its access
        block erased in the flash file): over serial it serves reads and refuses every change,
        naming the missing access key; nothing changes.
"""
import hashlib
import json
import os
import re
import signal
import struct
import subprocess
import sys

import vboard_test as vt
from vboard_test import check

FLASH, BOOT_REGION = vt.region("bootloader")   # stm32f4-ref
PROVISION = FLASH + BOOT_REGION - 0x4000        # the provisioning sector: the region's last (16 KB)
ACCESS_BLOCK = PROVISION + 1024                 # vb_provision.h VB_ACCESS_OFFSET, 376 bytes
LOCK_WORD = 2044                                # vb_provision.h VB_LOCK_OFFSET: LOCK's word in that sector
DEPLOYMENT, DEPLOYMENT_SIZE = vt.region("deployment")
CLI = None
NO_ACCESS_KEY, AUTH_REQUIRED = 33, 23           # docs/protocol.md §3
CMD_LOCK, CMD_ERASE = 0x42, 0x11


def cli(*args, env=None):
    """piton-cli --json ... without the environment's credential unless --credential is given;
    returns (exit status, parsed JSON or {}, stderr)."""
    p = subprocess.run([CLI, "--json"] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=60, env=vt.cli_env(PITON_CREDENTIAL=None, **(env or {})))
    try:
        out = json.loads(p.stdout.decode().splitlines()[0]) if p.stdout.strip() else {}
    except ValueError:
        out = {"raw": p.stdout.decode(errors="replace")}
    return p.returncode, out, p.stderr.decode(errors="replace")


def sha_of(path, address=None, length=None):
    with open(path, "rb") as f:
        if address is not None:
            f.seek(address - FLASH)
            return hashlib.sha256(f.read(length)).hexdigest()
        return hashlib.sha256(f.read()).hexdigest()


def hashes(path):
    """SHA-256 of the flash file, the bootloader region and the provisioning sector."""
    return (sha_of(path), sha_of(path, FLASH, BOOT_REGION), sha_of(path, PROVISION, 0x4000))


INFO_KEYS = ("board", "uniqueId", "locked", "trustedKeys", "accessPolicy", "accessKeys", "stage", "rootKeys", "productKey")


def info(uri, *extra):
    rc, out, err = cli("-c", uri, *extra, "info")
    return {k: out.get(k) for k in INFO_KEYS} if rc == 0 else {"error": err}


def raw(link, cmd, payload=b""):
    """One request on the serial link without a session: (status, message or payload)."""
    fd = vt.open_pty(link)
    try:
        os.write(fd, vt.frame(0x01, 6, struct.pack("<IB", 4096, 4)))   # PING: a new host on the link
        vt.read_frame(vt.fd_recv(fd))
        os.write(fd, vt.frame(cmd, 7, payload))
        r = vt.read_frame(vt.fd_recv(fd))
    finally:
        os.close(fd)
    return r[3], r[4]


def erase_request(region_id, offset=0, length=0):
    return struct.pack("<BBHII", region_id, 0, 0, offset, length)


def keys(d, *names):
    for name in names:
        rc, out, err = cli("keys", "generate", "-o", os.path.join(d, name + ".pem"))
        check(rc == 0, "keys generate %s (%s)" % (name, err.strip()))
    return [(os.path.join(d, n + ".pem"), os.path.join(d, n + ".pub.pem")) for n in names]


def deployment_id(uri, *extra):
    rc, out, err = cli("-c", uri, *extra, "regions")
    return next((r["id"] for r in out.get("regions", []) if r.get("name") == "deployment"), None)


def t_lock(d):
    (sign, sign_pub), (acc, acc_pub) = keys(d, "sign", "access")
    # piton-vboard refuses to provision a locked board without an access key.
    rc, _, err = vt.run_fail("--boards-dir", vt.ARGS.boards_dir, "--board", "stm32f4-ref", "--flash", os.path.join(d, "x.bin"),
                             "--trust-key", sign_pub, "--locked", "--no-access-key")
    check(rc == 2 and "--locked needs at least one trusted access key" in err and not os.path.exists(os.path.join(d, "x.bin")),
          "piton-vboard --locked --no-access-key: exit 2, no flash file (%s)" % err.strip())

    # 1. A development board that trusts no access key: LOCK refused, nothing changed.
    b, link = vt.serial_board(d, "--trust-key", sign_pub, "--no-access-key", flash="keyless.bin")
    path, uri = os.path.join(d, "keyless.bin"), "serial:" + link
    before, hashes_before = info(uri), hashes(os.path.join(d, "keyless.bin"))
    check(before.get("locked") is False and before.get("accessKeys") == 0, "keyless board: unlocked, 0 access keys (%s)" % before)
    status, msg = raw(link, CMD_LOCK, b"LOCK")
    check(status == NO_ACCESS_KEY and b"lock needs at least one trusted access key" in msg and b"--trust-access-key" in msg,
          "LOCK without an access key: NO_ACCESS_KEY (%d), %s" % (status, msg.decode(errors="replace")))
    after = info(uri)
    check(after == before, "INFO after the refused LOCK as before (%s)" % after)
    now = hashes(path)
    check(now[1] == hashes_before[1] and now[2] == hashes_before[2],
          "bootloader region and provisioning sector unchanged (SHA-256 %s..)" % now[2][:16])
    b.stop()
    check(hashes(path) == hashes_before, "flash file unchanged after the refused LOCK (SHA-256)")

    # 2. The same kind of board with an access key: LOCK locks (serial, development: no session needed).
    rc, _, err = cli("access", "issue", "--key", acc, "--role", "technician", "--for", "ALL", "--days", "1",
                     "-o", os.path.join(d, "tech.ptcred"))
    check(rc == 0, "access issue: technician (%s)" % err.strip())
    tech = ("--credential", os.path.join(d, "tech.ptcred"))
    b, link = vt.serial_board(d, "--trust-key", sign_pub, "--trust-access-key", acc_pub, flash="keyed.bin", link="ktty")
    path, uri = os.path.join(d, "keyed.bin"), "serial:" + link
    status, payload = raw(link, CMD_LOCK, b"LOCK")
    check(status == 0 and payload == b"\x00", "LOCK with an access key: OK, was unlocked (%d %r)" % (status, payload))
    now = info(uri)
    check(now.get("locked") is True and now.get("accessKeys") == 1, "INFO: locked, 1 access key (%s)" % now)

    # 3. The locked board over serial: no change without a session; a technician's credential works.
    flash_before = sha_of(path)
    rc, _, err = cli("-c", uri, "config", "set", "user.site=north")
    check(rc == 1 and "technician session on a locked board over serial" in err,
          "locked, serial, no credential: config set refused (%s)" % err.strip()[-160:])
    rc, _, err = cli("-c", uri, "-y", "erase", "deployment")
    check(rc == 1 and "technician session on a locked board over serial" in err,
          "locked, serial, no credential: erase refused (%s)" % err.strip()[-160:])
    region = deployment_id(uri)
    status, msg = raw(link, CMD_ERASE, erase_request(region if region is not None else 0, 0, 0x4000))
    check(region is not None and status == AUTH_REQUIRED and msg.startswith(b"erase needs a technician session on a locked board over serial"),
          "locked, serial: a raw ERASE frame refused AUTH_REQUIRED (%d %s)" % (status, msg.decode(errors="replace")))
    check(sha_of(path) == flash_before, "locked, serial: flash file unchanged by the refusals (SHA-256)")
    rc, _, err = cli("-c", uri, *tech, "config", "set", "user.site=north")
    check(rc == 0, "locked, serial, technician: config set (%s)" % err.strip()[-160:])
    rc, out, err = cli("-c", uri, *tech, "config", "get", "user.site")
    check(out.get("config", {}).get("user.site") == "north", "the board holds user.site=north (%s)" % out.get("config"))
    rc, _, err = cli("-c", uri, *tech, "-y", "erase", "deployment")
    check(rc == 0, "locked, serial, technician: erase deployment (%s)" % err.strip()[-160:])
    b.stop()
    with open(path, "rb") as f:
        f.seek(DEPLOYMENT - FLASH)
        erased = f.read(DEPLOYMENT_SIZE) == b"\xff" * DEPLOYMENT_SIZE
    check(erased, "the deployment region is erased in the flash file")

    # 4. uniform-4k (4 KB sectors, the key store in sectors of its own): LOCK is one program of
    #    the lock word (offset 2044 of the provisioning sector), no erase (--stats), and every
    #    other byte of that sector stays (SHA-256); locked after a restart too.
    path, link = os.path.join(d, "u4k.bin"), os.path.join(d, "utty")
    pv_sector = vt.region("bootloader", "uniform-4k")
    pv_sector = pv_sector[0] + pv_sector[1] - 0x1000
    base = vt.region("bootloader", "uniform-4k")[0]

    def sector():
        with open(path, "rb") as f:
            f.seek(pv_sector - base)
            data = f.read(0x1000)
        return hashlib.sha256(data[:LOCK_WORD] + data[LOCK_WORD + 4:]).hexdigest(), data[LOCK_WORD:LOCK_WORD + 4]

    def ops(b, n):
        b.proc.send_signal(signal.SIGUSR1)
        check(b.wait_stderr("flash operations:", n), "uniform-4k: --stats printed the flash operations (%d)" % n)
        m = re.findall(r"flash operations: \d+ \(programs (\d+), erases (\d+)\)", b.err_seen.decode(errors="replace"))
        return tuple(int(x) for x in m[-1]) if m else (-1, -1)

    b = vt.Board("--board", "uniform-4k", "--flash", path, "--serial-link", link, "--trust-key", sign_pub,
                 "--trust-access-key", acc_pub, "--stats")
    sha0, word0 = sector()
    p0, e0 = ops(b, 1)
    status, payload = raw(link, CMD_LOCK, b"LOCK")
    p1, e1 = ops(b, 2)
    sha1, word1 = sector()
    check(status == 0 and payload == b"\x00", "uniform-4k: LOCK OK, was unlocked (%d %r)" % (status, payload))
    check(e1 == e0 and p1 == p0 + 1, "uniform-4k: LOCK is one program, no erase (programs %d -> %d, erases %d -> %d)"
          % (p0, p1, e0, e1))
    check(word0 == b"\xff" * 4 and word1 == b"\0" * 4 and sha1 == sha0,
          "uniform-4k: the lock word %s -> %s, the rest of the provisioning sector unchanged (SHA-256)" % (word0.hex(), word1.hex()))
    b.stop()
    b = vt.Board("--board", "uniform-4k", "--flash", path, "--serial-link", link)
    now = info("serial:" + link)
    check(now.get("locked") is True and now.get("accessKeys") == 1, "uniform-4k after a restart: locked, 1 access key (%s)" % now)
    b.stop()


def t_legacy(d):
    (sign, sign_pub), (acc, acc_pub) = keys(d, "sign", "access")
    b, link = vt.serial_board(d, "--trust-key", sign_pub, "--locked")   # the development access key
    b.stop()
    path = os.path.join(d, "f.bin")
    with open(path, "r+b") as f:   # as `--locked --no-access-key` made it before: no access block
        f.seek(ACCESS_BLOCK - FLASH)
        f.write(b"\xff" * 376)
    b, link = vt.serial_board(d)
    uri = "serial:" + link
    now = info(uri)
    check(now.get("locked") is True and now.get("accessKeys") == 0, "a locked board without access keys (%s)" % now)
    before = sha_of(path)
    rc, out, err = cli("-c", uri, "read", "deployment", "-o", os.path.join(d, "dep.bin"))
    check(rc == 0, "locked, keyless, serial: READ of the deployment served (%s)" % err.strip()[-120:])
    rc, _, err = cli("-c", uri, "config", "set", "user.site=north")
    check(rc == 1 and "technician session on a locked board over serial; this board trusts no access key: "
          "provision one with --trust-access-key" in err, "locked, keyless, serial: config set refused (%s)" % err.strip()[-200:])
    rc, _, err = cli("-c", uri, "-y", "erase", "deployment")
    check(rc == 1 and "technician session on a locked board over serial; this board trusts no access key" in err,
          "locked, keyless, serial: erase refused (%s)" % err.strip()[-200:])
    status, msg = raw(link, CMD_LOCK, b"LOCK")
    check(status == AUTH_REQUIRED and b"lock needs a factory session on a locked board over serial" in msg,
          "locked, keyless, serial: LOCK refused too (%d %s)" % (status, msg.decode(errors="replace")))
    b.stop()
    check(sha_of(path) == before, "locked, keyless: flash file unchanged (SHA-256)")


TESTS = {"lock": t_lock, "legacy": t_legacy}


def set_cli(args):
    global CLI
    CLI = args.cli


if __name__ == "__main__":
    sys.exit(vt.run_main(TESTS, "vboard-lockpol-", [("--cli", dict(required=True))], set_cli))
