#!/usr/bin/env python3
"""The recovery ladder (issue 11) end to end over serial: piton-cli bundle create / inspect and
piton-cli recover against piton-vboard, the way a user runs them (registered with ctest as
ladder.*).

usage: ladder_test.py TEST --vboard PATH --boards-dir DIR --cli PATH

Checks read the board itself: INFO (board id, unique id, trusted keys, image and config state),
the region contents through piton-cli read, config entries through piton-cli config get, and the
flash file where nothing may change.
"""
import hashlib
import json
import os
import subprocess
import sys
import time

import vboard_test as vt
from vboard_test import check

FLASH, BOOT_REGION = vt.region("bootloader")   # stm32f4-ref: bootloader region, sectors 0 and 1
PROVISION = FLASH + BOOT_REGION - 0x4000        # the provisioning block: start of the region's last sector
LOCK_WORD = 2044                                # LOCK's lock word in that sector (VB_LOCK_OFFSET)
CONFIG = vt.region("config")[0]
DEPLOYMENT = vt.region("deployment")[0]
CLI = None
# The development access key (docs/security.md "Development boards"): the tests' credential
# ($PITON_CREDENTIAL, tests/test_environment.cmake.in) is for it.
DEV_ACCESS_KEY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "dev-access",
                              "dev-access.pub.pem")


def cli(*args, timeout=120, env=None):
    """Runs piton-cli --json ... in vt.cli_env() (`env`: its changes); returns (exit status,
    parsed JSON or {}, stderr)."""
    p = subprocess.run([CLI, "--json"] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=timeout, env=vt.cli_env(**(env or {})))
    try:
        out = json.loads(p.stdout.decode() or "{}")
    except ValueError:
        out = {"raw": p.stdout.decode(errors="replace")}
    return p.returncode, out, p.stderr.decode(errors="replace")


def flash_bytes(path, address, length):
    with open(path, "rb") as f:
        f.seek(address - FLASH)
        return f.read(length)


def sha(data):
    return hashlib.sha256(data).hexdigest()


# A stm32f4-ref board on a serial link at d/tty: returns (Board, link path).
board = vt.serial_board


def bootloader_image(path):
    """The factory bootloader image of vb_provision.h: header, NUL, filler, 4096 bytes."""
    img = bytearray((i * 131 + 17) & 0xFF for i in range(4096))
    head = b"PITON-BOOTLOADER 1.0.0\0"
    img[:len(head)] = head
    with open(path, "wb") as f:
        f.write(img)
    return bytes(img)


class Kit:
    """Keys, an application package, a config and a factory bundle made with piton-cli."""

    def __init__(self, d):
        self.d = d
        self.key, self.pub = os.path.join(d, "sign.pem"), os.path.join(d, "sign.pub.pem")
        rc, out, err = cli("keys", "generate", "-o", self.key, "--public", self.pub)
        check(rc == 0, "kit: keys generate (%s)" % err.strip())
        self.fingerprint = out.get("fingerprint", "")
        self.app = bytes(((i * 2654435761) >> 13) & 0xFF for i in range(70000))
        app = os.path.join(d, "app.bin")
        with open(app, "wb") as f:
            f.write(self.app)
        self.pkg = os.path.join(d, "app.ptpkg")
        rc, out, err = cli("package", "create", "--board", "stm32f4-ref", "--version", "1.2.0", "--key", self.key,
                           "--application", app, "--application-base", "0x%08x" % DEPLOYMENT, "-o", self.pkg)
        check(rc == 0, "kit: package create (%s)" % err.strip())
        self.boot = os.path.join(d, "bootloader.bin")
        self.boot_bytes = bootloader_image(self.boot)
        self.bundle = os.path.join(d, "factory.ptfb")

    def make_bundle(self, *extra, out=None):
        return cli("bundle", "create", "--board", "stm32f4-ref", "--bootloader", self.boot, "--bootloader-base",
                   "0x08000000", "--package", self.pkg, "--trust-key", self.pub, "--key", self.key,
                   "-o", out or self.bundle, *extra)


def info(uri):
    rc, out, err = cli("-c", uri, "info")
    return out if rc == 0 else {"error": err}


def deployment_holds(uri, d, app):
    path = os.path.join(d, "deployment-check.bin")
    rc, out, err = cli("-c", uri, "read", "deployment", "-o", path)
    if rc != 0:
        return False
    with open(path, "rb") as f:
        return f.read(len(app)) == app


def t_bundle(d):
    """bundle create / inspect, and bad bundles refused with a clear error, nothing changed."""
    kit = Kit(d)
    rc, out, err = kit.make_bundle()
    check(rc == 0 and out.get("board") == "stm32f4-ref" and out.get("signer") == kit.fingerprint,
          "bundle create: board and signer (%s)" % err.strip())
    kinds = [s["kind"] for s in out.get("sections", [])]
    check(kinds == ["bootloader", "package", "trusted-key"], "bundle create: sections %s" % kinds)
    with open(kit.bundle, "rb") as f:
        good = f.read()
    check(good[:4] == b"PTFB" and good[16:20] == b"PTBM", "bundle: magic PTFB, manifest magic PTBM")
    rc, out, err = cli("bundle", "inspect", kit.bundle, "--key", kit.pub)
    check(rc == 0 and out.get("signature") == kit.fingerprint and out["sections"][0]["address"] == "0x08000000"
          and out["sections"][0]["sha256"] == sha(kit.boot_bytes), "bundle inspect --key: signature and sections")
    # another key: the signature does not verify under it
    other, other_pub = os.path.join(d, "other.pem"), os.path.join(d, "other.pub.pem")
    cli("keys", "generate", "-o", other, "--public", other_pub)
    rc, out, err = cli("bundle", "inspect", kit.bundle, "--key", other_pub)
    check(rc == 4 and "does not verify" in err, "bundle inspect with a foreign key: exit 4 (%s)" % err.strip())
    # create refusals
    rc, out, err = kit.make_bundle(out=os.path.join(d, "x.ptfb"), *[])
    rc, out, err = cli("bundle", "create", "--board", "stm32f4-ref", "--bootloader", kit.boot, "--bootloader-base",
                       "0x08000000", "--package", kit.pkg, "--trust-key", other_pub, "--key", kit.key,
                       "-o", os.path.join(d, "bad1.ptfb"))
    check(rc == 2 and "not one of the trusted keys" in err and not os.path.exists(os.path.join(d, "bad1.ptfb")),
          "bundle create: signing key not trusted: exit 2, no file (%s)" % err.strip())
    rc, out, err = cli("bundle", "create", "--board", "stm32f4-ref", "--bootloader", kit.boot, "--bootloader-base",
                       "0x08010000", "--package", kit.pkg, "--trust-key", kit.pub, "--key", kit.key,
                       "-o", os.path.join(d, "bad2.ptfb"))
    check(rc == 1 and "outside region bootloader" in err, "bundle create: bootloader outside its region (%s)" % err.strip())
    # damaged files
    cases = {
        "magic": (lambda b: b"XXXX" + b[4:], "bad magic"),
        "truncated": (lambda b: b[:-10], "truncated"),
        "trailing": (lambda b: b + b"\0", "trailing bytes"),
        "section byte": (lambda b: b[:-200] + bytes([b[-200] ^ 1]) + b[-199:], "SHA-256"),
        "manifest byte": (lambda b: b[:16 + 8] + b"X" + b[16 + 9:], "signed"),
    }
    for name, (mutate, words) in cases.items():
        bad = os.path.join(d, "damaged.ptfb")
        with open(bad, "wb") as f:
            f.write(mutate(good))
        rc, out, err = cli("bundle", "inspect", bad)
        check(rc in (1, 4) and words in err, "bundle inspect refuses a damaged bundle (%s): %s" % (name, err.strip()))


def wiped_board(d, kit, extra_wipe=None):
    """A provisioned board running the kit's application with a config; then its bootloader
    region is wiped (as by a bad flashing tool). Returns (board, link, before) where before
    holds INFO and the config backup path."""
    b, link = board(d, "--trust-key", kit.pub)
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "deploy", kit.pkg)
    check(rc == 0, "setup: deploy (%s)" % err.strip())
    rc, out, err = cli("-c", uri, "config", "set", "user.site=north", "net.ip=10.1.2.3")
    check(rc == 0, "setup: config set (%s)" % err.strip())
    backup = os.path.join(d, "before.ptcfg")
    rc, out, err = cli("-c", uri, "config", "backup", "-o", backup)
    check(rc == 0, "setup: config backup")
    before = info(uri)
    b.stop()
    path = os.path.join(d, "f.bin")
    with open(path, "r+b") as f:
        f.write(b"\xff" * (BOOT_REGION if extra_wipe is None else extra_wipe))
    return before, backup


def t_serial(d):
    """A board whose bootloader region was wiped (and config damaged) comes back to running the
    application with its config restored: piton-cli recover climbs down to the ROM."""
    kit = Kit(d)
    rc, out, err = kit.make_bundle()
    check(rc == 0, "bundle create (%s)" % err.strip())
    before, backup = wiped_board(d, kit)
    path = os.path.join(d, "f.bin")
    b, link = board(d, "--flip-bits", "config:16")   # and the config record damaged
    check(b.ready.get("rom") is True, "the wiped board comes up in its ROM bootloader")
    uri = "serial:" + link
    flash_before = open(path, "rb").read()
    # without a bundle: refused, nothing changed
    rc, out, err = cli("-c", uri, "recover", "--config-backup", backup, "--yes")
    check(rc == 2 and "--bundle" in err and out.get("rung") == "rom", "recover without --bundle: exit 2, names --bundle (%s)" % err.strip())
    check(open(path, "rb").read() == flash_before, "recover without --bundle changed nothing (flash file hash)")
    # dry run: the plan, nothing changed
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--config-backup", backup, "--dry-run")
    plan = out.get("bringUp", {})
    check(rc == 0 and out.get("rung") == "rom" and plan.get("sectors") == [0, 1] and plan.get("uniqueIdKept") is False,
          "recover --dry-run: rung rom, sectors 0,1, new unique id (%s %s)" % (out, err.strip()))
    check(open(path, "rb").read() == flash_before, "recover --dry-run changed nothing (flash file hash)")
    # a foreign key: the bundle is refused before anything changes
    other, other_pub = os.path.join(d, "other.pem"), os.path.join(d, "other.pub.pem")
    cli("keys", "generate", "-o", other, "--public", other_pub)
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--key", other_pub, "--yes")
    check(rc == 4 and open(path, "rb").read() == flash_before, "recover with a bundle not signed by --key: exit 4, nothing changed (%s)" % err.strip())
    # the ladder
    t0 = time.time()
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--config-backup", backup, "--yes")
    took = time.time() - t0
    check(rc == 0 and out.get("rung") == "rom" and out.get("recovered") is True,
          "recover through the ROM: exit 0 in %.1f s (%s)" % (took, err.strip()[-600:]))
    actions = [a["action"] for a in out.get("actions", [])]
    check("restore-config" in actions, "recover restored the config (actions %s)" % actions)
    check(flash_bytes(path, FLASH, 4096) == kit.boot_bytes, "the bootloader image is back, byte for byte")
    now = info(uri)
    check(now.get("stage") == "application" and now.get("imageState") == "confirmed",
          "INFO: the application runs, image confirmed (%s)" % {k: now.get(k) for k in ("stage", "imageState")})
    check(now.get("configState") == "ok", "INFO: config ok")
    check(now.get("board") == "stm32f4-ref" and now.get("trustedKeys") == before.get("trustedKeys"),
          "INFO: board id and trusted keys provisioned again")
    check(deployment_holds(uri, d, kit.app), "the deployment region holds the application")
    rc, out, err = cli("-c", uri, "config", "get", "user.site", "net.ip")
    check(out.get("config", {}).get("user.site") == "north" and out.get("config", {}).get("net.ip") == "10.1.2.3",
          "config entries restored (%s)" % out.get("config"))
    rc, out, err = b.stop()
    check(rc == 0, "vboard exit status 0")


def t_keepid(d):
    """Only the bootloader image was wiped (sector 0): the intact provisioning block keeps the
    board's unique id, and the ladder names the rung."""
    kit = Kit(d)
    kit.make_bundle()
    before, backup = wiped_board(d, kit, extra_wipe=16384)
    b, link = board(d)
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--yes")
    check(rc == 0 and out.get("bringUp", {}).get("uniqueIdKept") is True, "recover keeps the unique id (%s)" % err.strip()[-400:])
    now = info(uri)
    check(now.get("uniqueId") == before.get("uniqueId") and now.get("uniqueId"), "INFO: the same unique id as before")
    check(now.get("stage") == "application", "INFO: the application runs")
    # a healthy board: the top rung answers, nothing to do
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--yes")
    check(rc == 0 and out.get("rung") == "application" and out.get("recovered") is False, "recover on a healthy board: rung application, nothing done")
    b.stop()


def t_keys(d):
    """recover through the ROM rewrites the provisioning sector: the board keeps its product key
    (a secret no workstation holds), its access keys and identity key, and its root keys; INFO
    shows the same fingerprints and access state as before. LOCK, which programs the lock word in
    the same sector, keeps them too; the sector after the block is byte for byte what it was but
    for the lock word; recovered through the ROM again (unlocked bundle) the board stays locked. Three
    key updates before (add B, add C, revoke C): the third lands in the key-store slot at 4096,
    past the first 4 KB of the sector; INFO still shows generation 3 with C revoked."""
    kit = Kit(d)
    kit.make_bundle()
    keys = {}
    for name in ("product", "access", "root", "b", "c"):
        keys[name] = (os.path.join(d, name + ".pem"), os.path.join(d, name + ".pub.pem"))
        rc, out, err = cli("keys", "generate", "-o", keys[name][0], "--public", keys[name][1])
        check(rc == 0, "keys generate %s (%s)" % (name, err.strip()))
    b, link = board(d, "--trust-key", kit.pub, "--product-key", keys["product"][0], "--trust-access-key",
                    keys["access"][1], "--root-key", keys["root"][1])
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "deploy", kit.pkg)
    check(rc == 0, "setup: deploy (%s)" % err.strip())
    for gen, what in ((1, ("--add-package-key", keys["b"][1])), (2, ("--add-package-key", keys["c"][1])),
                      (3, ("--revoke-package-key", keys["c"][1]))):
        upd = os.path.join(d, "update-%d.ptpkg" % gen)
        rc, out, err = cli("keys", "update", "create", "--root-key", keys["root"][0], "--board", "stm32f4-ref",
                           "--generation", str(gen), "-o", upd, *what)
        rc2, out, err2 = cli("-c", uri, "keys", "update-device", upd) if rc == 0 else (rc, {}, "")
        check(rc == 0 and rc2 == 0 and out.get("generation") == gen, "setup: key update generation %d (%s%s)" % (gen, err.strip(), err2.strip()))
    before = info(uri)
    check((before.get("keySet") or {}).get("generation") == 3 and len((before.get("keySet") or {}).get("revokedKeys", [])) == 1,
          "setup: INFO shows key set generation 3 with C revoked (%s)" % before.get("keySet"))
    check(before.get("productKey") and before.get("accessPolicy") is True and before.get("rootKeys"),
          "setup: INFO shows product key, access policy, root keys (%s)" %
          {k: before.get(k) for k in ("productKey", "accessPolicy", "rootKeys")})
    b.stop()
    path = os.path.join(d, "f.bin")
    key_area = flash_bytes(path, PROVISION + 324, 0x4000 - 324)   # key blocks and key store
    with open(path, "r+b") as f:
        f.write(b"\xff" * 16384)   # sector 0: the bootloader image; the provisioning sector stays
    b, link = board(d)
    uri = "serial:" + link
    check(b.ready.get("rom") is True, "the board comes up in its ROM bootloader")
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--yes")
    bring = out.get("bringUp", {})
    check(rc == 0 and bring.get("uniqueIdKept") is True and bring.get("keyAreaKept", 0) > 0,
          "recover through the ROM keeps the unique id and %s bytes of key blocks (%s)" %
          (bring.get("keyAreaKept"), err.strip()[-400:]))
    check(1 in bring.get("sectors", []), "the provisioning sector was erased and written again (sectors %s)" % bring.get("sectors"))
    now = info(uri)
    for k in ("productKey", "accessPolicy", "rootKeys", "uniqueId", "trustedKeys", "keySet"):
        check(now.get(k) == before.get(k), "INFO after recover: %s as before (%s)" % (k, now.get(k)))
    check(now.get("stage") == "application", "INFO: the application runs")
    # LOCK programs the lock word (2044, vb_provision.h) in the same sector: the keys stay too.
    fd = vt.open_pty(link)
    os.write(fd, vt.frame(0x42, 5, b"LOCK"))
    status = vt.read_frame(vt.fd_recv(fd))[3]
    os.close(fd)
    locked = info(uri)
    check(status == 0 and locked.get("locked") is True, "LOCK over serial on the development board (status %s)" % status)
    for k in ("productKey", "accessPolicy", "rootKeys", "uniqueId", "keySet"):
        check(locked.get(k) == before.get(k), "INFO after LOCK: %s as before (%s)" % (k, locked.get(k)))
    b.stop()
    after = flash_bytes(path, PROVISION + 324, 0x4000 - 324)
    word = LOCK_WORD - 324
    check(after[:word] + after[word + 4:] == key_area[:word] + key_area[word + 4:] and after[word:word + 4] == b"\0" * 4,
          "the provisioning sector after the block (key blocks, key store) is unchanged, byte for byte, after recover "
          "and LOCK, but for the lock word, now 0 (%s)" % after[word:word + 4].hex())
    # Locked by the lock word (the block's flag still says unlocked): recover through the ROM with
    # the unlocked bundle keeps the lock, and the deploy after it needs a technician.
    tech = os.path.join(d, "tech.ptcred")
    rc, out, err = cli("access", "issue", "--key", keys["access"][0], "--role", "technician", "--for", "ALL", "--days", "1",
                       "-o", tech)
    check(rc == 0, "access issue: technician (%s)" % err.strip())
    with open(path, "r+b") as f:
        f.write(b"\xff" * 16384)   # sector 0 again
    b, link = board(d)
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "--credential", tech, "recover", "--bundle", kit.bundle, "--yes")
    bring = out.get("bringUp", {})
    check(rc == 0 and bring.get("locked") is True and bring.get("accessBlock") == "kept",
          "recover through the ROM of a board locked by its lock word, unlocked bundle: stays locked (%s %s)" %
          ({k: bring.get(k) for k in ("locked", "accessBlock")}, err.strip()[-400:]))
    now = info(uri)
    check(now.get("locked") is True and now.get("keySet") == before.get("keySet"),
          "INFO after that recover: locked, the key set as before (%s)" % {k: now.get(k) for k in ("locked", "keySet")})
    b.stop()
    check(flash_bytes(path, PROVISION + LOCK_WORD, 4) == b"\0" * 4, "the lock word was programmed again through the ROM")


def t_locked(d):
    """A locked board (with an access key) bricked: its bootloader image and its deployment region
    erased. recover through the ROM keeps its key area, so it comes back locked with its access
    keys even from an unlocked bundle (LOCK is irreversible), and the deploy after the bring-up
    takes a technician's credential. Then the whole bootloader region and the deployment erased
    (the key area gone too): a locked bundle must carry access keys (bundle create refuses
    without), and the board comes back locked with the bundle's access keys and a new identity;
    afterwards every change over serial needs the role again. A locked board whose key area
    keeps no access key is refused before anything changes."""
    kit = Kit(d)
    rc, out, err = kit.make_bundle()
    check(rc == 0, "an unlocked bundle without access keys (%s)" % err.strip())
    access, access_pub = os.path.join(d, "access.pem"), os.path.join(d, "access.pub.pem")
    rc, out, err = cli("keys", "generate", "-o", access, "--public", access_pub)
    check(rc == 0, "keys generate access (%s)" % err.strip())
    tech = os.path.join(d, "tech.ptcred")
    rc, out, err = cli("access", "issue", "--key", access, "--role", "technician", "--for", "ALL", "--days", "1", "-o", tech)
    check(rc == 0, "access issue: technician (%s)" % err.strip())
    os.environ["PITON_CREDENTIAL"] = tech   # info and reads of the locked board below need the observer role
    none = {"PITON_CREDENTIAL": None}
    b, link = board(d, "--trust-key", kit.pub, "--trust-access-key", access_pub, "--locked")
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "--credential", tech, "deploy", kit.pkg)
    check(rc == 0, "setup: a technician deploys to the locked board over serial (%s)" % err.strip()[-200:])
    before = info(uri)
    check(before.get("locked") is True and before.get("accessKeys") == 1, "setup: locked, 1 access key (%s)" %
          {k: before.get(k) for k in ("locked", "accessKeys")})
    b.stop()
    path = os.path.join(d, "f.bin")
    key_area = flash_bytes(path, PROVISION, 4096)

    def brick(length):
        with open(path, "r+b") as f:
            f.write(b"\xff" * length)
            f.seek(DEPLOYMENT - FLASH)
            f.write(b"\xff" * vt.region("deployment")[1])

    def locked_afterwards(what):
        rc, out, err = cli("-c", uri, "config", "set", "user.site=north", env=none)
        check(rc == 1 and "technician session on a locked board over serial" in err,
              "%s: config set without a credential refused (%s)" % (what, err.strip()[-160:]))
        rc, out, err = cli("-c", uri, "--credential", tech, "config", "set", "user.site=north")
        check(rc == 0, "%s: config set with a technician's credential (%s)" % (what, err.strip()[-160:]))

    brick(16384)   # sector 0: the bootloader image; the provisioning sector with the key area stays
    b, link = board(d)
    uri = "serial:" + link
    check(b.ready.get("rom") is True, "the bricked board comes up in its ROM bootloader")
    rc, out, err = cli("-c", uri, "--credential", tech, "recover", "--bundle", kit.bundle, "--yes")
    bring = out.get("bringUp", {})
    check(rc == 0 and bring.get("locked") is True and bring.get("accessBlock") == "kept" and bring.get("accessKeys") == 1,
          "recover through the ROM with an unlocked bundle: stays locked, its access block kept (%s %s)" %
          ({k: bring.get(k) for k in ("locked", "accessBlock", "accessKeys")}, err.strip()[-400:]))
    now = info(uri)
    check(now.get("locked") is True and now.get("accessKeys") == 1 and now.get("uniqueId") == before.get("uniqueId"),
          "INFO: locked, 1 access key, the same unique id (%s)" % {k: now.get(k) for k in ("locked", "accessKeys", "uniqueId")})
    check(now.get("stage") == "application" and deployment_holds(uri, d, kit.app), "the application runs again")
    locked_afterwards("kept")
    b.stop()
    check(flash_bytes(path, PROVISION + 324, 4096 - 324) == key_area[324:], "the key area is byte for byte as before")

    # The whole bootloader region: nothing of the key area survives; the bundle must bring it.
    locked_bundle = os.path.join(d, "locked.ptfb")
    rc, out, err = kit.make_bundle("--locked", out=locked_bundle)
    check(rc == 2 and "--trust-access-key" in err and not os.path.exists(locked_bundle),
          "bundle create --locked without --trust-access-key: exit 2, no file (%s)" % err.strip())
    rc, out, err = kit.make_bundle("--locked", "--trust-access-key", access_pub, out=locked_bundle)
    kinds = [s.get("kind") for s in out.get("sections", [])]
    check(rc == 0 and kinds[-1:] == ["access-key"], "bundle create --locked --trust-access-key (sections %s, %s)" % (kinds, err.strip()))
    rc, out, err = cli("bundle", "inspect", locked_bundle)
    check(rc == 0 and out.get("locked") is True and [s.get("kind") for s in out.get("sections", [])] == kinds,
          "bundle inspect shows the access-key section (%s)" % err.strip())
    brick(BOOT_REGION)
    b, link = board(d)
    uri = "serial:" + link
    flash_before = open(path, "rb").read()
    rc, out, err = cli("-c", uri, "--credential", tech, "recover", "--bundle", locked_bundle, "--yes")
    bring = out.get("bringUp", {})
    check(rc == 0 and bring.get("locked") is True and bring.get("accessBlock") == "written" and bring.get("accessKeys") == 1
          and bring.get("keyAreaKept") == 0 and bring.get("uniqueIdKept") is False,
          "recover with the locked bundle: access block written with a new identity (%s %s)" %
          ({k: bring.get(k) for k in ("locked", "accessBlock", "accessKeys", "uniqueIdKept")}, err.strip()[-400:]))
    check(open(path, "rb").read() != flash_before, "the board was written")
    now = info(uri)
    check(now.get("locked") is True and now.get("accessKeys") == 1 and now.get("accessPolicy") is True,
          "INFO: locked, 1 access key (%s)" % {k: now.get(k) for k in ("locked", "accessKeys", "accessPolicy")})
    check(now.get("stage") == "application" and deployment_holds(uri, d, kit.app), "the application runs again")
    locked_afterwards("written")
    b.stop()
    block = flash_bytes(path, PROVISION + 1024, 376)
    check(block[:4] == b"PTAK" and block[8] == 1 and block[9] == 1, "the access block: 1 access key, an identity key")

    # A locked board whose key area keeps no access key (as made before LOCK needed one): refused.
    with open(path, "r+b") as f:
        f.seek(PROVISION + 1024 - FLASH)
        f.write(b"\xff" * 376)
        f.seek(0)
        f.write(b"\xff" * 16384)
    b, link = board(d)
    uri = "serial:" + link
    flash_before = open(path, "rb").read()
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--yes")
    check(rc == 2 and "would come back locked without an access key" in err and "--trust-access-key" in err,
          "recover of a locked board without access keys and a bundle without: exit 2 (%s)" % err.strip()[-300:])
    check(open(path, "rb").read() == flash_before, "nothing changed (flash file SHA-256)")
    b.stop()


def t_romresync(d):
    """The ROM's READ of the key area fails under load (piton-vboard --rom-fault): read-drop:2
    drops the first two Read Memory commands after their ACK, as the ROM's idle rule does when
    the address comes late, so the address bytes are taken as commands (NACKs, a byte left
    pending, a stale NACK on the line); read-nack:3 NACKs three addresses. Asking again without
    resynchronising reads the stale NACK of the failed try and gives the key area up; recover
    resynchronises (AN3155: drain, 0xFF until NACK, Get Version) and asks again, so a locked
    board keeps its key area byte for byte and comes back locked with its access key."""
    for bad in ("read-nack:0", "read-nack:1001", "read-nack", "write-nack:2", "read-drop:2x", "read-drop:-1"):
        rc, _, err = vt.run_fail("--board", "stm32f4-ref", "--boards-dir", vt.ARGS.boards_dir,
                                 "--flash", os.path.join(d, "never.bin"), "--rom-fault", bad)
        check(rc == 2 and ('--rom-fault "%s" is not read-nack:N, read-drop:N, read-nack-after:N or read-change-after:N' % bad) in err
              and not os.path.exists(os.path.join(d, "never.bin")),
              "--rom-fault %s: usage error naming it, no flash file (%d %s)" % (bad, rc, err.strip()[-120:]))
    kit = Kit(d)
    rc, out, err = kit.make_bundle()
    check(rc == 0, "an unlocked bundle (%s)" % err.strip())
    tech = os.path.join(os.path.dirname(DEV_ACCESS_KEY), "dev-factory.ptcred")
    b, link = board(d, "--trust-key", kit.pub, "--locked")
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "--credential", tech, "deploy", kit.pkg)
    check(rc == 0, "setup: deploy to the locked board (%s)" % err.strip()[-200:])
    before = info(uri)
    check(before.get("locked") is True and before.get("accessKeys", 0) >= 1, "setup: locked, with an access key (%s)" %
          {k: before.get(k) for k in ("locked", "accessKeys")})
    b.stop()
    path = os.path.join(d, "f.bin")
    key_area = flash_bytes(path, PROVISION, 0x4000)
    for fault, faults in (("read-drop:2", 2), ("read-nack:3", 3)):
        with open(path, "r+b") as f:
            f.write(b"\xff" * 16384)   # sector 0: the bootloader image; the key area stays
        b, link = board(d, "--rom-fault", fault)
        uri = "serial:" + link
        check(b.ready.get("rom") is True, "%s: the bricked board comes up in its ROM bootloader" % fault)
        rc, out, err = cli("-c", uri, "--credential", tech, "recover", "--bundle", kit.bundle, "--yes")
        bring = out.get("bringUp", {})
        check(rc == 0 and bring.get("locked") is True and bring.get("accessBlock") == "kept",
              "%s: recover through the ROM keeps the key area, the board stays locked (%s %s)" %
              (fault, {k: bring.get(k) for k in ("locked", "accessBlock", "accessKeys")}, err.strip()[-400:]))
        check(err.count("resynchronising and asking again") == faults,
              "%s: %d resynchronisations logged (%d)" % (fault, faults, err.count("resynchronising and asking again")))
        now = info(uri)
        check(now.get("locked") is True and now.get("accessKeys") == before.get("accessKeys")
              and now.get("uniqueId") == before.get("uniqueId"),
              "%s: INFO: locked, its access keys, the same unique id (%s)" %
              (fault, {k: now.get(k) for k in ("locked", "accessKeys", "uniqueId")}))
        status, _, verr = b.stop()
        injected = verr.count("fault: Read Memory")
        check(injected == faults, "%s: the ROM injected %d faults (%d)" % (fault, faults, injected))
        check(flash_bytes(path, PROVISION + 324, 0x4000 - 324) == key_area[324:],
              "%s: the key area is byte for byte as before" % fault)
    # The ROM answers the first two READs (the block is intact) and NACKs every later one, also
    # after resynchronising: the key area (lock word, access block, key store) would be lost, so
    # recover refuses and changes nothing (the flash file by SHA-256).
    with open(path, "r+b") as f:
        f.write(b"\xff" * 16384)
    before_file = sha(open(path, "rb").read())
    b, link = board(d, "--rom-fault", "read-nack-after:2")
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "--credential", tech, "recover", "--bundle", kit.bundle, "--yes")
    check(rc != 0 and "the ROM served only 512 of the 16384 bytes of the provisioning sector" in err
          and "nothing was changed" in err,
          "read-nack-after:2: recover refuses a key area read in part (rc %d: %s)" % (rc, err.strip()[-300:]))
    b.stop()
    check(sha(open(path, "rb").read()) == before_file,
          "read-nack-after:2: the flash file is unchanged by SHA-256")


def rom_reads(verr):
    """(answered, before the first erase) from piton-vboard --stats' Read Memory line, or None."""
    import re
    m = re.search(r"Read Memory commands answered: (\d+) \((\d+) before the first erase\)", verr)
    return (int(m.group(1)), int(m.group(2))) if m else None


def t_planonce(d):
    """The plan shown is the plan run (recover through the ROM): the key area (the 16 KiB
    provisioning sector, 64 READs of 256 bytes) is read once, for the plan piton-cli shows, and
    that plan is written without reading it again. piton-vboard --rom-fault read-change-after:64
    answers every READ after the 64th with a changed byte (a chip that answers differently the
    second time): a run that read again would plan from other bytes. A plan shown by an earlier
    run (--dry-run's keyAreaSha256, given back with --key-area-sha256) is checked against the read
    of the run, which differs: refused before any erase, the flash file unchanged by SHA-256."""
    kit = Kit(d)
    rc, out, err = kit.make_bundle()
    check(rc == 0, "an unlocked bundle (%s)" % err.strip())
    b, link = board(d, "--trust-key", kit.pub)
    before = info("serial:" + link)
    b.stop()
    path = os.path.join(d, "f.bin")
    key_area = flash_bytes(path, PROVISION, 0x4000)

    def brick():
        with open(path, "r+b") as f:
            f.write(b"\xff" * 16384)   # sector 0: the bootloader image; the key area stays

    brick()
    b, link = board(d, "--rom-fault", "read-change-after:64", "--stats")
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--yes")
    bring = out.get("bringUp", {})
    check(rc == 0 and bring.get("keyAreaRead") == 0x4000 and bring.get("keyAreaSha256") == sha(key_area),
          "recover through the ROM: the plan carries the key area as read, 16384 bytes, its SHA-256 (%d %s %s)" %
          (rc, {k: bring.get(k) for k in ("keyAreaRead", "keyAreaSha256")}, err.strip()[-300:]))
    now = info(uri)
    check(now.get("uniqueId") == before.get("uniqueId") == bring.get("uniqueId") and now.get("stage") == "application",
          "INFO: the unique id shown in the plan is the board's (%s %s %s)" %
          (before.get("uniqueId"), bring.get("uniqueId"), now.get("uniqueId")))
    status, _, verr = b.stop()
    reads = rom_reads(verr)
    check(reads is not None and reads[1] == 64, "the ROM answered 64 READs before the first erase: one read of the key area (%s)" % (reads,))
    check("answered changed" not in verr, "no READ after the 64th came before the erase (%s)" % verr.count("answered changed"))
    check(flash_bytes(path, PROVISION + 324, 0x4000 - 324) == key_area[324:],
          "the key blocks after the provisioning block are byte for byte as read")

    # A plan shown by one run (--dry-run), run by another: the run reads the key area again and
    # the ROM answers it changed.
    brick()
    rc, _, err = cli("-c", "serial:" + os.path.join(d, "none"), "recover", "--key-area-sha256", "12ab")
    check(rc == 2 and '--key-area-sha256 "12ab" is not a SHA-256' in err, "--key-area-sha256 12ab: usage error (%d %s)" % (rc, err.strip()))
    b, link = board(d, "--rom-fault", "read-change-after:64", "--stats")
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--dry-run")
    shown = out.get("bringUp", {}).get("keyAreaSha256", "")
    check(rc == 0 and shown == sha(flash_bytes(path, PROVISION, 0x4000)), "dry run: the plan's key area SHA-256 (%s)" % shown)
    before_file = sha(open(path, "rb").read())
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--key-area-sha256", shown, "--yes")
    check(rc != 0 and ("the key area changed since the plan was shown: expected SHA-256 %s, read " % shown) in err
          and "nothing was changed" in err,
          "a changed key area is refused (rc %d: %s)" % (rc, err.strip()[-300:]))
    status, _, verr = b.stop()
    reads = rom_reads(verr)
    check(reads is not None and reads[0] == reads[1] == 128, "64 READs each run, no erase (%s)" % (reads,))
    check(sha(open(path, "rb").read()) == before_file, "the flash file is unchanged by SHA-256")
    # The same plan on a board that answers the same: written.
    b, link = board(d, "--stats")
    rc, out, err = cli("-c", "serial:" + link, "recover", "--bundle", kit.bundle, "--key-area-sha256", shown, "--yes")
    check(rc == 0 and out.get("rung") == "rom", "the same key area: recovered (%d %s)" % (rc, err.strip()[-300:]))
    status, _, verr = b.stop()
    reads = rom_reads(verr)
    check(reads is not None and reads[1] == 64, "one read of the key area (%s)" % (reads,))


def t_bringup(d):
    """Factory bring-up: a blank chip (fresh flash file, nothing provisioned) gets bootloader,
    trusted keys, application and config through the same ladder."""
    kit = Kit(d)
    factory_cfg = os.path.join(d, "factory.ptcfg")
    # a config made by a board: run one, set entries, back them up
    b, link = board(d, "--trust-key", kit.pub, flash="donor.bin")
    # no identity in a factory config: the donor's serial and MAC are deleted
    cli("-c", "serial:" + link, "--yes", "config", "set", "usb.product=Piton Sensor", "user.site=factory", "serial=", "net.mac=")
    rc, out, err = cli("-c", "serial:" + link, "config", "backup", "-o", factory_cfg)
    check(rc == 0, "setup: factory config (%s)" % err.strip())
    b.stop()
    rc, out, err = kit.make_bundle("--config", factory_cfg, "--locked", "--trust-access-key", DEV_ACCESS_KEY)
    check(rc == 0 and out.get("locked") is True and out.get("configEntries") == ["net.dhcp", "usb.product", "user.site"],
          "bundle create with a factory config, locked (%s)" % err.strip())
    b, link = board(d, "--blank")
    path = os.path.join(d, "f.bin")
    check(b.ready.get("rom") is True and open(path, "rb").read(1 << 20) == b"\xff" * (1 << 20),
          "a blank chip: erased flash, the ROM serves")
    uri = "serial:" + link
    rc, out, err = cli("-c", uri, "info")
    check(rc == 3, "nothing but the ROM answers on the blank chip (piton-cli info: exit 3)")
    rc, out, err = cli("-c", uri, "recover", "--bundle", kit.bundle, "--yes")
    check(rc == 0 and out.get("rung") == "rom" and out.get("configWritten") is True,
          "bring-up through the ladder: exit 0, config written (%s)" % err.strip()[-600:])
    actions = [a["action"] for a in out.get("actions", [])]
    check(actions == ["deploy-package"], "bring-up deployed the package (actions %s)" % actions)
    now = info(uri)
    check(now.get("stage") == "application" and now.get("imageState") == "confirmed" and now.get("locked") is True,
          "INFO: application runs, confirmed, locked (%s)" % {k: now.get(k) for k in ("stage", "imageState", "locked")})
    check(len(now.get("trustedKeys", [])) == 1 and now["trustedKeys"][0] == kit.fingerprint, "INFO: the bundle's key is trusted")
    check(len(now.get("uniqueId", "")) == 24, "INFO: a 12-byte unique id was provisioned")
    check(now.get("uniqueId") == out.get("bringUp", {}).get("uniqueId"),
          "the plan shown is the plan run: the new unique id shown is the board's (%s, shown %s)" %
          (now.get("uniqueId"), out.get("bringUp", {}).get("uniqueId")))
    check(deployment_holds(uri, d, kit.app), "the deployment region holds the application")
    rc, out, err = cli("-c", uri, "config", "get")
    cfg = out.get("config", {})
    check(cfg.get("usb.product") == "Piton Sensor" and cfg.get("user.site") == "factory" and cfg.get("net.dhcp") == "1",
          "config entries from the bundle (%s)" % cfg)
    check(cfg.get("serial", "").lower() == "pt-" + now.get("uniqueId", "?"), "the board's own serial, from its new unique id")
    b.stop()
    # after a power cycle it stays up: provisioning is in flash
    b, link = board(d)
    now = info("serial:" + link)
    check(b.ready.get("rom") is None and now.get("stage") == "application", "after a restart the application runs")
    b.stop()


def timed(*args):
    t0 = time.time()
    rc, out, err = cli(*args)
    return rc, time.time() - t0, err


def t_pace(d):
    """Serial pacing (--baud, --adapter-latency-ms): a 20 KiB ROM read at 115200 baud 8E1 and a
    32 KiB region read with Piton's protocol at 115200 8N1 take at least the line time, and not
    much more; without pacing they are faster than the line. Prints the measured rates."""
    n = 20480
    line_rom = n * 11 / 115200.0
    b, link = board(d, "--rom-loader")
    rom = "rom+serial:" + link
    rc, fast, err = timed("-c", rom, "rom", "read", "0x08000000", str(n), "-o", os.path.join(d, "a.bin"))
    b.stop()
    check(rc == 0 and fast < line_rom, "unpaced ROM read of %d bytes: %.2f s, under the line time %.2f s" % (n, fast, line_rom))
    b, link = board(d, "--rom-loader", "--baud", "115200")
    rom = "rom+serial:" + link
    rc, paced, err = timed("-c", rom, "rom", "read", "0x08000000", str(n), "-o", os.path.join(d, "b.bin"))
    check(rc == 0 and line_rom <= paced < 2 * line_rom + 1.0,
          "paced ROM read (115200 8E1): %d bytes in %.2f s = %.0f B/s; line time %.2f s (%.0f B/s) (%s)"
          % (n, paced, n / paced, line_rom, 115200 / 11.0, err.strip()))
    # the same bytes
    check(open(os.path.join(d, "a.bin"), "rb").read() == open(os.path.join(d, "b.bin"), "rb").read(), "paced read gives the same bytes")
    b.stop()
    # Piton's protocol, 8N1
    region = 32768
    line_piton = region * 10 / 115200.0
    b, link = board(d, "--baud", "115200")
    rc, paced, err = timed("-c", "serial:" + link, "read", "bootloader", "-o", os.path.join(d, "c.bin"))
    check(rc == 0 and line_piton <= paced < 2 * line_piton + 2.0,
          "paced Piton read (115200 8N1): %d bytes in %.2f s = %.0f B/s; line time %.2f s (%.0f B/s) (%s)"
          % (region, paced, region / paced, line_piton, 11520.0, err.strip()))
    b.stop()
    # adapter latency: every exchange waits for it in both directions
    b, link = board(d, "--rom-loader")
    rc, base, err = timed("-c", "rom+serial:" + link, "rom", "info")
    b.stop()
    b, link = board(d, "--rom-loader", "--adapter-latency-ms", "50")
    rc, slow, err = timed("-c", "rom+serial:" + link, "rom", "info")
    # rom info: sync, Get, Get ID: at least 3 round trips of 2 x 50 ms each (the unpaced time is
    # overhead on top, which varies with the machine's load: compare against the floor)
    check(rc == 0 and slow >= 0.3 and slow > base, "adapter latency 50 ms: rom info %.2f s, unpaced %.2f s" % (slow, base))
    b.stop()
    rc, out, err = vt.run_fail("--board", "stm32f4-ref", "--flash", os.path.join(d, "x.bin"), "--baud", "0")
    check(rc == 2 and "--baud" in err, "--baud 0: exit 2 (%s)" % err.strip())
    rc, out, err = vt.run_fail("--board", "stm32f4-ref", "--flash", os.path.join(d, "x.bin"), "--adapter-latency-ms", "5000")
    check(rc == 2 and "--adapter-latency-ms" in err, "--adapter-latency-ms 5000: exit 2")


def t_entry(d):
    """A DTR/RTS boot sequence (entry=...) on a port without modem lines (a pty): a clear error
    that says what to do by hand, and nothing sent; without it the ROM answers."""
    b, link = board(d, "--rom-loader")
    rc, out, err = cli("-c", "rom+serial:%s?entry=rts,-dtr,dtr" % link, "rom", "info")
    check(rc == 3 and "pseudo-terminal" in err and "set BOOT0 high and press reset" in err,
          "entry sequence on a pty: exit 3, says set BOOT0 high and press reset (%s)" % err.strip())
    rc, out, err = cli("-c", "rom+serial:%s?entry=rts,boot0" % link, "rom", "info")
    check(rc == 2 and "boot0" in err, "a bad step: exit 2 naming it (%s)" % err.strip())
    rc, out, err = cli("-c", "rom+serial:" + link, "rom", "info")
    check(rc == 0, "without the sequence the ROM answers")
    rc, out, err = cli("-c", "serial:" + link, "recover", "--rom", "rom+serial:%s?entry=rts,-dtr" % link, "--dry-run")
    check(rc == 3 and "set BOOT0 high and press reset" in err, "recover --rom with a sequence on a pty: exit 3, instructions (%s)" % err.strip()[-300:])
    b.stop()


TESTS = {"entry": t_entry, "pace": t_pace, "bundle": t_bundle, "serial": t_serial, "keepid": t_keepid, "keys": t_keys,
         "locked": t_locked, "bringup": t_bringup, "romresync": t_romresync, "planonce": t_planonce}


def set_cli(args):
    """The piton-cli that cli() runs: --cli."""
    global CLI
    CLI = args.cli


def main():
    return vt.run_main(TESTS, "vboard-ladder-", [("--cli", dict(required=True))], set_cli)


if __name__ == "__main__":
    sys.exit(main())
