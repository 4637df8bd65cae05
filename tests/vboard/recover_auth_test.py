#!/usr/bin/env python3
"""Recovery with a credential (issue 15: "a brick must be recoverable by a technician with a
credential, and by physical access on development boards"), through real links against
piton-vboard, the way a user runs piton-cli recover (registered with ctest as ladder.credential).

locked: a --locked stm32f4-ref board that trusts an access key, over TCP, held in its bootloader
with a broken application (deployment region erased, rebooted). piton-cli recover without a
credential and with an observer's is refused, naming the technician session it needs, with the
flash files unchanged (SHA-256 of each region and of the external flash file); with a
technician's credential (--credential) it deploys the package and the application runs again.
development: the same broken state on a development board with the same access key, over its
serial link (a pty): recover works without a credential.

usage: recover_auth_test.py TEST --vboard PATH --boards-dir DIR --cli PATH
"""
import hashlib
import os
import sys

import ladder_test as lt
import vboard_test as vt
from ladder_test import check, cli, info

NO_CREDENTIAL = {"PITON_CREDENTIAL": None}   # not even the environment's (ctest may set one)


def flash_hashes(d, flash):
    """SHA-256 of each internal region of the board's flash file (from the profile), of the whole
    file, and of every other file of the board beside it."""
    base = vt.region("bootloader")[0]
    out = {}
    with open(os.path.join(d, flash), "rb") as f:
        data = f.read()
    for name in ("bootloader", "config", "firmware", "deployment"):
        address, size = vt.region(name)
        out[name] = hashlib.sha256(data[address - base:address - base + size]).hexdigest()
    out[flash] = hashlib.sha256(data).hexdigest()   # the whole file (external flash after the internal)
    for other in sorted(os.listdir(d)):
        if other.startswith(flash) and other != flash:
            with open(os.path.join(d, other), "rb") as f:
                out[other] = hashlib.sha256(f.read()).hexdigest()
    return out


def keys_and_credentials(d):
    """An access key and two credentials it signs: technician and observer (piton-cli access issue)."""
    access = os.path.join(d, "access.pem")
    rc, out, err = cli("keys", "generate", "-o", access, "--public", os.path.join(d, "access.pub.pem"))
    check(rc == 0, "access key generated (%s)" % err.strip())
    creds = {}
    for role in ("technician", "observer"):
        creds[role] = os.path.join(d, role + ".ptcred")
        rc, out, err = cli("access", "issue", "--key", access, "--role", role, "--for", "ALL", "--days", "1", "-o", creds[role])
        check(rc == 0, "access issue: %s credential (%s)" % (role, err.strip()))
    return os.path.join(d, "access.pub.pem"), creds


def break_application(uri, kit, credential):
    """Deploys the kit's package, erases the deployment region and reboots: the bootloader stays
    (the application is gone). `credential`: the .ptcred these changes need, or None."""
    auth = ["--credential", credential] if credential else []
    env = None if credential else NO_CREDENTIAL
    for args in (["deploy", kit.pkg], ["-y", "erase", "deployment"], ["reboot"]):
        rc, out, err = cli("-c", uri, *auth, *args, env=env)
        check(rc == 0, "setup: %s (%s)" % (" ".join(args), err.strip()[-200:]))
    now = info(uri)
    check(now.get("stage") == "bootloader", "setup: the board is held in its bootloader (stage %s)" % now.get("stage"))


def t_locked(d):
    kit = lt.Kit(d)
    access_pub, creds = keys_and_credentials(d)
    b = vt.Board("--board", "stm32f4-ref", "--flash", os.path.join(d, "f.bin"), "--trust-key", kit.pub,
                 "--trust-access-key", access_pub, "--locked", "--tcp", "127.0.0.1:0")
    uri = "tcp:%s:%d" % b.tcp_addr()
    try:
        break_application(uri, kit, creds["technician"])
        broken = flash_hashes(d, "f.bin")
        rc, out, err = cli("-c", uri, "-y", "recover", "--package", kit.pkg, env=NO_CREDENTIAL)
        check(rc != 0 and "recovery through the bootloader needs a technician session on a locked board over TCP" in err
              and "nothing was changed" in err,
              "recover over TCP without a credential refused (exit %d: %s)" % (rc, err.strip()[-300:]))
        check(flash_hashes(d, "f.bin") == broken, "no credential: every region unchanged (SHA-256)")
        rc, out, err = cli("-c", uri, "--credential", creds["observer"], "-y", "recover", "--package", kit.pkg)
        check(rc != 0 and "needs a technician session on a locked board over TCP (this session is observer)" in err,
              "recover with an observer's credential refused (exit %d: %s)" % (rc, err.strip()[-300:]))
        check(flash_hashes(d, "f.bin") == broken, "observer: every region unchanged (SHA-256)")

        rc, out, err = cli("-c", uri, "--credential", creds["technician"], "-y", "recover", "--package", kit.pkg)
        check(rc == 0 and out.get("recovered") is True and [a["action"] for a in out.get("actions", [])] == ["deploy-package"],
              "recover with a technician's credential deploys the package (exit %d: %s)" % (rc, err.strip()[-300:]))
        now = info(uri)
        check(now.get("stage") == "application" and now.get("applicationVersion") == "1.2.0" and now.get("imageState") == "confirmed",
              "the board runs application 1.2.0 again, confirmed (%s)" % {k: now.get(k) for k in ("stage", "applicationVersion", "imageState")})
        after = flash_hashes(d, "f.bin")
        check(after["deployment"] != broken["deployment"] and after["bootloader"] == broken["bootloader"],
              "the deployment region was written, the bootloader region left alone")
        base = vt.region("bootloader")[0]
        with open(os.path.join(d, "f.bin"), "rb") as f:
            f.seek(lt.DEPLOYMENT - base)
            check(f.read(len(kit.app)) == kit.app, "the deployment region holds the package's application (flash file)")
    finally:
        b.stop()


def t_development(d):
    kit = lt.Kit(d)
    access_pub, creds = keys_and_credentials(d)
    b, link = vt.serial_board(d, "--trust-key", kit.pub, "--trust-access-key", access_pub)
    uri = "serial:" + link
    try:
        now = info(uri)
        check(now.get("accessPolicy") is True and now.get("locked") is False,
              "a development board with an access policy (%s)" % {k: now.get(k) for k in ("accessPolicy", "locked")})
        break_application(uri, kit, None)
        rc, out, err = cli("-c", uri, "-y", "recover", "--package", kit.pkg, env=NO_CREDENTIAL)
        check(rc == 0 and out.get("recovered") is True,
              "recover over serial without a credential (physical access) (exit %d: %s)" % (rc, err.strip()[-300:]))
        now = info(uri)
        check(now.get("stage") == "application" and now.get("applicationVersion") == "1.2.0",
              "the board runs application 1.2.0 again (%s)" % {k: now.get(k) for k in ("stage", "applicationVersion")})
    finally:
        b.stop()


TESTS = {"locked": t_locked, "development": t_development}


def main():
    return vt.run_main(TESTS, "vboard-recover-auth-", [("--cli", dict(required=True))], lt.set_cli)


if __name__ == "__main__":
    sys.exit(main())
