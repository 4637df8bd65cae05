#!/usr/bin/env python3
"""Rollback protection (issue 15, "Close the leaks"): the security counter's bounded step and
rollback releases, end to end: piton-cli package create / inspect / deploy / info against
piton-vboard over serial, the way a user runs them (registered with ctest as keys.*).

usage: keys_test.py TEST --vboard PATH --boards-dir DIR --cli PATH

  rollback  a package of a lower application version than the installed one is refused (the
            refusal names both versions, the deployment region and INFO unchanged) unless it is
            made with --rollback-release, which then installs
  counter   a package raising the security counter by more than PT_SECURITY_COUNTER_MAX_STEP
            (16) is refused when a release key signed it (nothing changed), accepted at exactly
            16, and accepted beyond when a root key (piton-vboard --root-key) signed it; the root
            key survives a restart of the board (read back from the provisioning sector)

Checks read the board itself: INFO (versions, security counter, root keys) and the deployment
region through piton-cli read.
"""
import hashlib
import os
import sys

import vboard_test as vt
from vboard_test import check

import ladder_test as lt
from ladder_test import cli, info

DEPLOYMENT = 0x08040000
MAX_STEP = 16  # PT_SECURITY_COUNTER_MAX_STEP (protocol.h)


def keypair(d, name):
    key, pub = os.path.join(d, name + ".pem"), os.path.join(d, name + ".pub.pem")
    rc, out, err = cli("keys", "generate", "-o", key, "--public", pub)
    check(rc == 0, "keys generate %s (%s)" % (name, err.strip()))
    return key, pub, out.get("fingerprint", "")


def app_image(d, seed):
    data = bytes(((i * 2654435761 + seed * 40503) >> 11) & 0xFF for i in range(20000))
    path = os.path.join(d, "app-%d.bin" % seed)
    with open(path, "wb") as f:
        f.write(data)
    return path, data


def package(d, key, version, seed, *extra):
    path, data = app_image(d, seed)
    out_path = os.path.join(d, "app-%s-%d.ptpkg" % (version, seed))
    rc, out, err = cli("package", "create", "--board", "stm32f4-ref", "--version", version, "--key", key,
                       "--application", path, "--application-base", "0x%08x" % DEPLOYMENT, "-o", out_path, *extra)
    check(rc == 0, "package create %s %s (%s)" % (version, " ".join(extra), err.strip()))
    return out_path, data


def deployment_sha(uri, d):
    path = os.path.join(d, "deployment-read.bin")
    rc, out, err = cli("-c", uri, "read", "deployment", "-o", path)
    if rc != 0:
        return "read failed: " + err.strip()
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def holds(uri, d, data):
    path = os.path.join(d, "deployment-read.bin")
    rc, out, err = cli("-c", uri, "read", "deployment", "-o", path)
    with open(path, "rb") as f:
        return rc == 0 and f.read(len(data)) == data


def t_rollback(d):
    key, pub, _ = keypair(d, "release")
    b, link = vt.serial_board(d, "--trust-key", pub)
    uri = "serial:" + link
    try:
        newer, newer_data = package(d, key, "1.2.0", 1)
        rc, out, err = cli("-c", uri, "deploy", newer)
        check(rc == 0 and info(uri).get("applicationVersion") == "1.2.0", "deploy 1.2.0 (%s)" % err.strip())

        older, older_data = package(d, key, "1.1.0", 2)
        rc, out, err = cli("package", "inspect", older)
        check(rc == 0 and out.get("rollbackRelease") is False, "package inspect: not a rollback release")
        before, before_info = deployment_sha(uri, d), info(uri)
        rc, out, err = cli("-c", uri, "deploy", older)
        check(rc != 0 and "1.1.0" in err and "1.2.0" in err and "rollback release" in err,
              "deploy 1.1.0 over 1.2.0 refused, naming both versions (%s)" % err.strip())
        after = info(uri)
        check(deployment_sha(uri, d) == before and after.get("applicationVersion") == "1.2.0"
              and after.get("securityCounter") == before_info.get("securityCounter"),
              "refused rollback: deployment region SHA-256 and INFO unchanged")

        marked, marked_data = package(d, key, "1.1.0", 3, "--rollback-release")
        rc, out, err = cli("package", "inspect", marked)
        check(rc == 0 and out.get("rollbackRelease") is True, "package inspect: rollback release (%s)" % err.strip())
        rc, out, err = cli("-c", uri, "deploy", marked)
        now = info(uri)
        check(rc == 0 and now.get("applicationVersion") == "1.1.0" and holds(uri, d, marked_data),
              "deploy of the rollback release 1.1.0 installs it (%s; INFO %s)" % (err.strip(), now.get("applicationVersion")))

        # the same version again is no rollback
        same, same_data = package(d, key, "1.1.0", 4)
        rc, out, err = cli("-c", uri, "deploy", same)
        check(rc == 0 and holds(uri, d, same_data), "deploy of the installed version again (%s)" % err.strip())
    finally:
        b.stop()


def t_counter(d):
    key, pub, _ = keypair(d, "release")
    root, root_pub, root_fp = keypair(d, "root")
    b, link = vt.serial_board(d, "--trust-key", pub, "--root-key", root_pub)
    uri = "serial:" + link
    try:
        got = info(uri)
        check(got.get("rootKeys") == [root_fp], "info shows the root key (%s)" % got.get("rootKeys"))
        first, _ = package(d, key, "1.0.0", 1)
        rc, out, err = cli("-c", uri, "deploy", first)
        check(rc == 0 and info(uri).get("securityCounter") == 0, "deploy 1.0.0, counter 0 (%s)" % err.strip())

        jump, _ = package(d, key, "1.0.1", 2, "--security-counter", str(MAX_STEP + 1))
        before, before_info = deployment_sha(uri, d), info(uri)
        rc, out, err = cli("-c", uri, "deploy", jump)
        check(rc != 0 and str(MAX_STEP + 1) in err and "more than %d" % MAX_STEP in err and "root key" in err,
              "counter 0 -> %d by a release key refused (%s)" % (MAX_STEP + 1, err.strip()))
        after = info(uri)
        check(deployment_sha(uri, d) == before and after.get("securityCounter") == 0
              and after.get("applicationVersion") == before_info.get("applicationVersion"),
              "refused counter jump: deployment SHA-256, counter and version unchanged")

        step, step_data = package(d, key, "1.0.1", 3, "--security-counter", str(MAX_STEP))
        rc, out, err = cli("-c", uri, "deploy", step)
        check(rc == 0 and info(uri).get("securityCounter") == MAX_STEP and holds(uri, d, step_data),
              "counter 0 -> %d by a release key accepted (%s)" % (MAX_STEP, err.strip()))

        rooted, rooted_data = package(d, root, "1.0.2", 4, "--security-counter", "1000")
        rc, out, err = cli("-c", uri, "deploy", rooted)
        check(rc == 0 and info(uri).get("securityCounter") == 1000 and holds(uri, d, rooted_data),
              "counter %d -> 1000 signed by the root key accepted (%s)" % (MAX_STEP, err.strip()))
    finally:
        b.stop()
    # The root key comes back from the provisioning sector after a restart (no key options).
    b, link = vt.serial_board(d)
    uri = "serial:" + link
    try:
        check(info(uri).get("rootKeys") == [root_fp], "after a restart the board still has its root key")
        again, again_data = package(d, root, "1.0.3", 5, "--security-counter", "5000")
        rc, out, err = cli("-c", uri, "deploy", again)
        check(rc == 0 and info(uri).get("securityCounter") == 5000 and holds(uri, d, again_data),
              "after a restart a root-signed counter jump still installs (%s)" % err.strip())
    finally:
        b.stop()


TESTS = {"rollback": t_rollback, "counter": t_counter}


def main():
    return vt.run_main(TESTS, "vboard-keys-", [("--cli", dict(required=True))], lt.set_cli)


if __name__ == "__main__":
    sys.exit(main())
