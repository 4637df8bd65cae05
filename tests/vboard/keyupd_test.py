#!/usr/bin/env python3
"""Device key management (issue 15, "update device keys"): root-signed key updates made with
piton-cli keys update create and applied with piton-cli keys update-device against piton-vboard,
the way a user runs them (registered with ctest as keyupd.*).

usage: keyupd_test.py TEST --vboard PATH --boards-dir DIR --cli PATH

  rotate   a board provisioned with release key A and a root key: deploy signed by A installs; key
           update generation 1 (add B, revoke A): INFO shows generation 1, B trusted, A revoked;
           B's package installs, a newer package signed by A is refused (VERIFY_SIGNATURE) with
           the deployment region and INFO unchanged; after a restart the board still has
           generation 1; refused, each with the bootloader region (key store) and deployment
           SHA-256 and INFO unchanged: the same update replayed, another generation-1 update, an
           update signed by a release key (not root), one for another board, one adding a revoked
           key again; a key update sent through deploy is refused at COMMIT; generation 2 works
  access   a locked board over TCP with access key X and a root key: without a credential and
           with a technician credential the key update is refused (AUTH_REQUIRED, nothing
           changed); with a factory credential (issued by X) generation 1 adds access key Y and
           revokes X; afterwards a credential issued by X is refused, one issued by Y works
  root     root key rotation: a board provisioned with root key R1; key update generation 1 (signed
           by R1) adds root key R2 (R2 co-signs: proof of possession) and revokes R1; INFO lists R2
           as the only root key and R1 as revoked; refused afterwards, each with the bootloader
           region (key store), deployment and INFO unchanged: an update signed by R1 (even of a
           higher generation), by the device itself too (VERIFY_SIGNATURE), a package signed by R1,
           an update revoking the last root key, one trusting R1 again; an update signed by R2
           applies; after a restart R2 is still the root key
  reclaim  a uniform-4k board (key store of two 4 KB sectors, 8 slots): 10 successive key updates
           (one a root rotation) all apply, none refused with KEYSTORE_FULL; INFO shows generation
           10 and at most 8 slots used; after a restart the board keeps generation 10, its keys and
           the rotated root key
  lock     LOCK keeps the key store (stm32f4-ref: its slots share the provisioning sector that
           holds the lock word): key update generation 1 (add B, revoke A), then LOCK (raw frame
           over serial, the board trusts the development access key): one program and no erase
           (--stats), the lock word 0, every other byte of the sector unchanged (SHA-256); INFO with the factory credential
           shows locked, generation 1, A revoked, B trusted, 1 access key and the same key store
           bytes; a package signed by A is refused naming the revocation, one signed by B installs;
           after a restart the same; re-provisioned with --product-key alone it stays locked
  revoke   a revocation takes the key out of every role's list whichever role it names (fuzz
           finding 8), in raw KEY_UPDATE frames over serial on an unlocked board (piton-cli
           refuses such an update before sending it): with access key X alone, revoking X as a
           package key, the only package key as a root key and the only root key as an access
           key are each refused (BAD_PACKAGE: that role would be left empty) with the key store
           (SHA-256 of the bootloader region) and INFO's keys unchanged, and X still opens a
           session; with access keys X and Y, X revoked as a package key applies: a credential
           of X is refused, Y's opens a session, INFO lists X as revoked (role package) and Y as
           the only access key, package and root keys kept; X trusted again is refused
  product  a board with product key P: a key update delivers product key Q wrapped to P; INFO
           shows Q; a package encrypted to Q installs, one encrypted to P is refused (VERIFY_KEY);
           a product key delivered without --wrap-to is refused by the CLI

Checks read the board itself: INFO (key set), the bootloader region (which holds the key store)
and the deployment region through piton-cli read.
"""
import hashlib
import os
import re
import signal
import sys

import vboard_test as vt
from vboard_test import Board, check

import ladder_test as lt
from ladder_test import cli

DEPLOYMENT = 0x08040000
CMD_KEY_UPDATE = 0x43  # protocol.h
VERIFY_SIGNATURE, VERIFY_BOARD, BAD_PACKAGE, KEY_GENERATION = 12, 14, 17, 31


def keypair(d, name, *extra):
    key, pub = os.path.join(d, name + ".pem"), os.path.join(d, name + ".pub.pem")
    rc, out, err = cli("keys", "generate", "-o", key, "--public", pub, *extra)
    check(rc == 0, "keys generate %s (%s)" % (name, err.strip()))
    return key, pub, out.get("fingerprint", "")


def package(d, key, version, seed, *extra):
    data = bytes(((i * 2654435761 + seed * 40503) >> 11) & 0xFF for i in range(12000))
    path = os.path.join(d, "app-%d.bin" % seed)
    with open(path, "wb") as f:
        f.write(data)
    out_path = os.path.join(d, "app-%s-%d.ptpkg" % (version, seed))
    rc, out, err = cli("package", "create", "--board", "stm32f4-ref", "--version", version, "--key", key,
                       "--application", path, "--application-base", "0x%08x" % DEPLOYMENT, "-o", out_path, *extra)
    check(rc == 0, "package create %s (%s)" % (version, err.strip()))
    return out_path, data


def key_update(d, name, root, generation, *extra, board="stm32f4-ref"):
    path = os.path.join(d, name + ".ptpkg")
    rc, out, err = cli("keys", "update", "create", "--root-key", root, "--board", board, "--generation", str(generation),
                       "-o", path, *extra)
    check(rc == 0 and out.get("generation") == generation, "keys update create %s (%s)" % (name, err.strip()))
    return path


def info(uri, *cred):
    rc, out, err = cli("-c", uri, *cred, "info")
    return out if rc == 0 else {"error": err}


def private_scalar(pem_path):
    """The 32-byte private scalar of a PEM key (python3-cryptography), or None without it."""
    try:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key
    except ImportError:
        return None
    with open(pem_path, "rb") as f:
        return load_pem_private_key(f.read(), None).private_numbers().private_value.to_bytes(32, "big")


def region_sha(uri, d, name, *cred):
    path = os.path.join(d, name + "-read.bin")
    rc, out, err = cli("-c", uri, *cred, "read", name, "-o", path)
    if rc != 0:
        return "read failed: " + err.strip()
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def state(uri, d, *cred):
    """What a refusal must leave alone: the key store (bootloader region), the deployment, INFO's keys."""
    i = info(uri, *cred)
    return (region_sha(uri, d, "bootloader", *cred), region_sha(uri, d, "deployment", *cred), i.get("keySet"),
            i.get("trustedKeys"), i.get("productKey"))


def refused(uri, d, what, path, want, *cred):
    before = state(uri, d, *cred)
    rc, out, err = cli("-c", uri, *cred, "keys", "update-device", path)
    check(rc != 0 and want in err, "%s refused with %s (%s)" % (what, want, err.strip()))
    check(state(uri, d, *cred) == before, "%s: key store, deployment and key set unchanged" % what)


def t_rotate(d):
    a, a_pub, a_fp = keypair(d, "release-a")
    b, b_pub, b_fp = keypair(d, "release-b")
    root, root_pub, root_fp = keypair(d, "root")
    board, link = lt.board(d, "--trust-key", a_pub, "--root-key", root_pub, "--tcp", "127.0.0.1:0")
    uri = "serial:" + link
    try:
        got = info(uri)
        ks = got.get("keySet") or {}
        check(ks.get("generation") == 0 and got.get("trustedKeys") == [a_fp] and ks.get("slotsUsed") == 0
              and ks.get("slotsTotal", 0) >= 2, "info: generation 0, A trusted, empty key store (%s)" % ks)
        first, _ = package(d, a, "1.0.0", 1)
        rc, out, err = cli("-c", uri, "deploy", first)
        check(rc == 0, "deploy signed by A before the rotation (%s)" % err.strip())

        # Refusals while still at generation 0.
        release_signed = key_update(d, "by-release", a, 1, "--add-package-key", b_pub)
        refused(uri, d, "key update signed by a release key", release_signed, "root key")
        other = key_update(d, "other-board", root, 1, "--add-package-key", b_pub, board="uniform-4k")
        refused(uri, d, "key update for another board", other, "uniform-4k")
        rc, out, err = cli("-c", uri, "deploy", release_signed)
        check(rc != 0 and "key update" in err, "piton-cli deploy refuses a key update file (%s)" % err.strip())
        # The device itself, without the workstation's checks (raw frames over TCP): a key update
        # through UPDATE_* is refused at COMMIT (BAD_PACKAGE) and nothing is pending.
        with open(release_signed, "rb") as f:
            raw_release = f.read()
        c = vt.Client(board)
        check(c.deploy(raw_release) == BAD_PACKAGE and c.info().get(0x10) == 0,
              "device: a key update staged through UPDATE_* is refused at COMMIT, staging empty")
        with open(other, "rb") as f:
            st, p = c.req(CMD_KEY_UPDATE, f.read())
        check(st == VERIFY_BOARD and b"uniform-4k" in p, "device: KEY_UPDATE for another board refused (%d %s)" % (st, p))
        c.close()

        rotate = key_update(d, "rotate", root, 1, "--add-package-key", b_pub, "--revoke-package-key", a_pub)
        rc, out, err = cli("keys", "update", "inspect", rotate, "--root-key", root_pub)
        check(rc == 0 and out.get("signer") == root_fp and len(out.get("entries", [])) == 2,
              "keys update inspect names the root signer and 2 entries (%s)" % err.strip())
        rc, out, err = cli("-c", uri, "keys", "update-device", rotate)
        check(rc == 0 and out.get("generation") == 1 and out.get("trustedKeys") == [b_fp],
              "keys update-device: generation 1, B trusted (%s %s)" % (out, err.strip()))
        got = info(uri)
        ks = got.get("keySet") or {}
        check(ks.get("generation") == 1 and got.get("trustedKeys") == [b_fp]
              and {"role": "package", "fingerprint": a_fp} in ks.get("revokedKeys", []) and ks.get("slotsUsed") == 1,
              "info after the rotation: generation 1, B trusted, A revoked, 1 slot used (%s)" % ks)

        old_signed, _ = package(d, a, "1.1.0", 2)
        before = (region_sha(uri, d, "deployment"), info(uri))
        rc, out, err = cli("-c", uri, "deploy", old_signed)
        check(rc != 0 and "revoked" in err, "piton-cli deploy: package signed by revoked A refused, naming the revocation (%s)" % err.strip())
        with open(old_signed, "rb") as f:
            raw_old = f.read()
        c = vt.Client(board)
        check(c.deploy(raw_old) == VERIFY_SIGNATURE and c.info().get(0x10) == 0,
              "device: package signed by revoked A refused at COMMIT (VERIFY_SIGNATURE), nothing pending")
        c.close()
        check((region_sha(uri, d, "deployment"), info(uri)) == before, "refused A package: deployment and INFO unchanged")
        new_signed, new_data = package(d, b, "1.1.0", 3)
        rc, out, err = cli("-c", uri, "deploy", new_signed)
        check(rc == 0 and info(uri).get("applicationVersion") == "1.1.0", "package signed by B installs (%s)" % err.strip())

        refused(uri, d, "the same key update replayed", rotate, "generation")
        before = state(uri, d)
        c = vt.Client(board)
        with open(rotate, "rb") as f:
            st, p = c.req(CMD_KEY_UPDATE, f.read())
        c.close()
        check(st == KEY_GENERATION and b"not above" in p, "device: the replayed key update refused (KEY_GENERATION %d %s)" % (st, p))
        check(state(uri, d) == before, "device refusal of the replay: key store, deployment and key set unchanged")
        again = key_update(d, "again-1", root, 1, "--add-package-key", a_pub)
        refused(uri, d, "another generation-1 update", again, "generation")
        readd = key_update(d, "readd", root, 2, "--add-package-key", a_pub)
        refused(uri, d, "a revoked key trusted again", readd, "revoked")
    finally:
        board.stop()
    # The key set comes back from the key store after a restart (no key options).
    board, link = lt.board(d)
    uri = "serial:" + link
    try:
        got = info(uri)
        check((got.get("keySet") or {}).get("generation") == 1 and got.get("trustedKeys") == [b_fp],
              "after a restart the board has generation 1 with B (%s)" % got.get("keySet"))
        c, c_pub, c_fp = keypair(d, "release-c")
        second = key_update(d, "second", root, 2, "--add-package-key", c_pub)
        rc, out, err = cli("-c", uri, "keys", "update-device", second)
        got = info(uri)
        check(rc == 0 and (got.get("keySet") or {}).get("generation") == 2 and sorted(got.get("trustedKeys", [])) == sorted([b_fp, c_fp]),
              "generation 2 adds C beside B (%s)" % err.strip())
    finally:
        board.stop()


def t_root(d):
    a, a_pub, a_fp = keypair(d, "release-a")
    b, b_pub, b_fp = keypair(d, "release-b")
    r1, r1_pub, r1_fp = keypair(d, "root-1")
    r2, r2_pub, r2_fp = keypair(d, "root-2")
    board, link = lt.board(d, "--trust-key", a_pub, "--root-key", r1_pub, "--tcp", "127.0.0.1:0")
    uri = "serial:" + link
    try:
        check(info(uri).get("rootKeys") == [r1_fp], "info: root key R1 as provisioned")
        rc, out, err = cli("keys", "update", "create", "--root-key", r1, "--board", "stm32f4-ref", "--generation", "1",
                           "--add-root-key", r2_pub, "-o", os.path.join(d, "pub-only.ptpkg"))
        check(rc != 0 and not os.path.exists(os.path.join(d, "pub-only.ptpkg")),
              "--add-root-key takes the new root's private key (proof of possession); a public key is refused (%s)" % err.strip())
        rotate = key_update(d, "root-rotate", r1, 1, "--add-root-key", r2, "--revoke-root-key", r1_pub)
        rc, out, err = cli("keys", "update", "inspect", rotate, "--root-key", r1_pub)
        entries = out.get("entries", [])
        check(rc == 0 and out.get("signer") == r1_fp
              and {"action": "revoke", "role": "root", "fingerprint": r1_fp} in entries
              and {"action": "add", "role": "root", "fingerprint": r2_fp} in entries,
              "keys update inspect: revoke root R1, add root R2, signed by R1 (%s %s)" % (entries, err.strip()))
        rc, out, err = cli("-c", uri, "keys", "update-device", rotate)
        check(rc == 0 and out.get("generation") == 1, "the old root signs its own retirement (%s)" % err.strip())
        got = info(uri)
        ks = got.get("keySet") or {}
        check(got.get("rootKeys") == [r2_fp] and {"role": "root", "fingerprint": r1_fp} in ks.get("revokedKeys", []),
              "info after the rotation: R2 the only root key, R1 revoked (%s %s)" % (got.get("rootKeys"), ks))

        by_old = key_update(d, "by-old-root", r1, 7, "--add-package-key", b_pub)
        refused(uri, d, "a key update signed by the revoked root R1 (generation 7)", by_old, "root key")
        before = state(uri, d)
        c = vt.Client(board)
        with open(by_old, "rb") as f:
            st, p = c.req(CMD_KEY_UPDATE, f.read())
        c.close()
        check(st == VERIFY_SIGNATURE, "device: KEY_UPDATE signed by the revoked root refused (VERIFY_SIGNATURE %d %s)" % (st, p))
        check(state(uri, d) == before, "device refusal: key store, deployment and key set unchanged")
        by_old_pkg, _ = package(d, r1, "1.0.0", 1)
        rc, out, err = cli("-c", uri, "deploy", by_old_pkg)
        check(rc != 0 and state(uri, d) == before, "a package signed by the revoked root R1 is refused, nothing changed (%s)" % err.strip())
        last = key_update(d, "last-root", r2, 2, "--revoke-root-key", r2_fp, "--add-package-key", b_pub)
        refused(uri, d, "revoking the last root key", last, "no root key")
        back = key_update(d, "r1-again", r2, 2, "--add-root-key", r1)
        refused(uri, d, "the revoked root R1 trusted again", back, "revoked")
        by_new = key_update(d, "by-new-root", r2, 2, "--add-package-key", b_pub)
        rc, out, err = cli("-c", uri, "keys", "update-device", by_new)
        got = info(uri)
        check(rc == 0 and (got.get("keySet") or {}).get("generation") == 2 and sorted(got.get("trustedKeys", [])) == sorted([a_fp, b_fp]),
              "a key update signed by the new root R2 applies (%s)" % err.strip())
    finally:
        board.stop()
    board, link = lt.board(d)
    try:
        got = info("serial:" + link)
        check(got.get("rootKeys") == [r2_fp] and (got.get("keySet") or {}).get("generation") == 2,
              "after a restart R2 is the root key, generation 2 (%s)" % got.get("rootKeys"))
    finally:
        board.stop()


def t_reclaim(d):
    a, a_pub, a_fp = keypair(d, "release-a")
    b, b_pub, b_fp = keypair(d, "release-b")
    r1, r1_pub, r1_fp = keypair(d, "root-1")
    r2, r2_pub, r2_fp = keypair(d, "root-2")
    start = lambda *extra: vt.Board("--board", "uniform-4k", "--flash", os.path.join(d, "u.bin"),
                                    "--serial-link", os.path.join(d, "tty"), *extra)
    uri = "serial:" + os.path.join(d, "tty")
    board = start("--trust-key", a_pub, "--root-key", r1_pub)
    try:
        ks = info(uri).get("keySet") or {}
        check(ks.get("slotsTotal") == 8 and ks.get("slotsUsed") == 0, "uniform-4k: a key store of 8 slots (%s)" % ks)
        root, used = r1, []
        for g in range(1, 11):
            extra = {1: ("--add-package-key", b_pub), 2: ("--add-root-key", r2, "--revoke-root-key", r1_pub),
                     3: ("--revoke-package-key", a_pub)}.get(g, ("--add-package-key", b_pub))
            path = key_update(d, "u-%d" % g, root, g, *extra, board="uniform-4k")
            rc, out, err = cli("-c", uri, "keys", "update-device", path)
            check(rc == 0 and out.get("generation") == g, "key update %d of 10 applies (%s)" % (g, err.strip()))
            used.append((out.get("keySet") or {}).get("slotsUsed"))
            if g == 2:
                root = r2
        got = info(uri)
        ks = got.get("keySet") or {}
        check(ks.get("generation") == 10 and got.get("trustedKeys") == [b_fp] and got.get("rootKeys") == [r2_fp]
              and all(u is not None and 1 <= u <= 8 for u in used),
              "after 10 key updates: generation 10, B trusted, R2 the root key, slots used %s" % used)
        check(used[7] == 8 and used[8] < 8, "the 9th update reclaimed a sector (slots used %s)" % used)
    finally:
        board.stop()
    board = start()
    try:
        got = info(uri)
        check((got.get("keySet") or {}).get("generation") == 10 and got.get("trustedKeys") == [b_fp]
              and got.get("rootKeys") == [r2_fp], "after a restart: generation 10, B, R2 (%s)" % got.get("keySet"))
    finally:
        board.stop()


def access_setup(d, creds):
    """Access keys X and Y, a release and a root key (each (key, public key, fingerprint)), and
    the credentials `creds` ((name, "x" or "y", role), ...) issued as d/name.ptcred."""
    keys = [keypair(d, name) for name in ("access-x", "access-y", "release", "root")]
    for name, by, role in creds:
        rc, out, err = cli("access", "issue", "--key", keys[by == "y"][0], "--role", role, "--for", "ALL",
                           "-o", os.path.join(d, name + ".ptcred"))
        check(rc == 0, "access issue %s (%s)" % (name, err.strip()))
    return keys


def t_access(d):
    (x, x_pub, x_fp), (y, y_pub, y_fp), (rel, rel_pub, _), (root, root_pub, _) = access_setup(
        d, (("fx", "x", "factory"), ("tx", "x", "technician"), ("fy", "y", "factory"), ("oy", "y", "observer")))
    p = lambda n: os.path.join(d, n)
    board = Board("--board", "stm32f4-ref", "--flash", p("f.bin"), "--trust-key", rel_pub, "--root-key", root_pub,
                  "--trust-access-key", x_pub, "--locked", "--tcp", "127.0.0.1:0")
    host, port = board.tcp_addr()
    uri = "tcp:%s:%d" % (host, port)
    fx = ("--credential", p("fx.ptcred"))
    try:
        update = key_update(d, "access", root, 1, "--add-access-key", y_pub, "--revoke-access-key", x_fp)
        before = state(uri, d, *fx)
        rc, out, err = cli("-c", uri, "keys", "update-device", update)
        check(rc != 0 and "AUTH_REQUIRED" in err, "no credential over TCP refused (%s)" % err.strip())
        rc, out, err = cli("-c", uri, "--credential", p("tx.ptcred"), "keys", "update-device", update)
        check(rc != 0 and "AUTH_REQUIRED" in err, "technician credential refused (%s)" % err.strip())
        check(state(uri, d, *fx) == before, "refused without a factory session: nothing changed")
        # X revoked under the wrong role (as a package key): piton-cli refuses before sending,
        # naming the role to revoke it in; nothing changed (the device itself: t_revoke)
        wrong = key_update(d, "wrong-role", root, 1, "--add-access-key", y_pub, "--revoke-package-key", x_fp)
        rc, out, err = cli("-c", uri, *fx, "keys", "update-device", wrong)
        check(rc == 2 and ("revokes key %s in the role package, but the board trusts it in the role access: revoke it "
                           "in the role access instead" % x_fp[:16]) in err,
              "a revocation under the wrong role refused (%s)" % err.strip())
        check(state(uri, d, *fx) == before, "refused wrong-role revocation: nothing changed")
        rc, out, err = cli("-c", uri, *fx, "keys", "update-device", update)
        ks = out.get("keySet") or {}
        check(rc == 0 and ks.get("generation") == 1 and ks.get("accessKeys") == [y_fp],
              "factory session: generation 1, access key Y only (%s %s)" % (ks, err.strip()))
        rc, out, err = cli("-c", uri, *fx, "info")
        check(rc != 0 and "does not trust" in err, "a credential of revoked access key X is refused (%s)" % err.strip())
        rc, out, err = cli("-c", uri, "--credential", p("oy.ptcred"), "info")
        check(rc == 0 and {"role": "access", "fingerprint": x_fp} in (out.get("keySet") or {}).get("revokedKeys", []),
              "a credential of Y works; INFO lists X as revoked (%s)" % err.strip())
    finally:
        rc, _, err = board.stop()
        check(rc in (0, -15) and "Sanitizer" not in err, "the board ran to the end (status %s)%s" % (rc, "" if rc in (0, -15) else err[-2000:]))


def t_revoke(d):
    import lockpol_test
    (_, x_pub, x_fp), (_, y_pub, y_fp), (_, rel_pub, rel_fp), (root, root_pub, root_fp) = access_setup(
        d, (("fx", "x", "factory"), ("fy", "y", "factory")))
    p = lambda n: os.path.join(d, n)
    fx, fy = ("--credential", p("fx.ptcred")), ("--credential", p("fy.ptcred"))

    def raw_update(link, name, generation, *entries):
        """The key update sent as a raw KEY_UPDATE frame on the serial link of the unlocked board
        (no session): the device's own checks, without piton-cli's refusal of a wrong role."""
        with open(key_update(d, name, root, generation, *entries), "rb") as f:
            return lockpol_test.raw(link, CMD_KEY_UPDATE, f.read())

    # A board with access key X alone: a revocation that would leave a role empty is refused
    # whichever role it names, with the key store (bootloader region) and INFO's keys unchanged.
    board, link = vt.serial_board(d, "--trust-key", rel_pub, "--root-key", root_pub, "--trust-access-key", x_pub,
                                  flash="one.bin", link="tty1")
    uri = "serial:" + link
    try:
        for what, entries, want in (("access key X revoked as a package key", ("--revoke-package-key", x_fp), b"access key"),
                                    ("package key revoked as a root key", ("--revoke-root-key", rel_fp), b"package key"),
                                    ("root key revoked as an access key", ("--revoke-access-key", root_fp), b"root key")):
            before = state(uri, d)
            st, msg = raw_update(link, "empty-%s" % want.decode().split()[0], 1, *entries)
            check(st == BAD_PACKAGE and want in msg, "device: %s refused, no %s left (%d %s)" % (what, want.decode(), st, msg))
            check(state(uri, d) == before, "device refusal, %s: key store (SHA-256) and key set unchanged" % what)
        rc, out, err = cli("-c", uri, *fx, "info")
        check(rc == 0, "after the refusals X still opens a session (%s)" % err.strip())
    finally:
        board.stop()

    # A board with access keys X and Y: X revoked under the package role leaves every list.
    board, link = vt.serial_board(d, "--trust-key", rel_pub, "--root-key", root_pub, "--trust-access-key", x_pub,
                                  "--trust-access-key", y_pub, flash="two.bin", link="tty2")
    uri = "serial:" + link
    try:
        rc, out, err = cli("-c", uri, *fx, "info")
        check(rc == 0 and sorted((out.get("keySet") or {}).get("accessKeys", [])) == sorted([x_fp, y_fp]),
              "before: X opens a session, access keys X and Y (%s)" % err.strip())
        st, msg = raw_update(link, "wrong-role", 1, "--revoke-package-key", x_fp)
        check(st == 0, "device: X revoked as a package key applies (%d %s)" % (st, msg))
        rc, out, err = cli("-c", uri, *fx, "info")
        check(rc != 0 and "does not trust" in err, "a credential of X is refused afterwards (%s)" % err.strip())
        rc, out, err = cli("-c", uri, *fy, "info")
        ks = out.get("keySet") or {}
        check(rc == 0 and ks.get("generation") == 1 and ks.get("accessKeys") == [y_fp]
              and {"role": "package", "fingerprint": x_fp} in ks.get("revokedKeys", [])
              and out.get("trustedKeys") == [rel_fp] and out.get("rootKeys") == [root_fp],
              "Y opens a session; INFO: generation 1, access key Y only, X revoked, package and root keys kept (%s %s)"
              % (ks, err.strip()))
        readd = raw_update(link, "readd-x", 2, "--add-access-key", x_pub)
        check(readd[0] == BAD_PACKAGE and b"revoked" in readd[1], "device: X trusted again refused (%d %s)" % readd)
    finally:
        rc, _, err = board.stop()
        check(rc in (0, -15) and "Sanitizer" not in err, "the board ran to the end (status %s)%s" % (rc, "" if rc in (0, -15) else err[-2000:]))


DEV_FACTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "dev-access",
                           "dev-factory.ptcred")
PROVISION_SECTOR = 0x08004000  # stm32f4-ref: the bootloader region's last sector, 16 KB (vb_provision.h)
LOCK_WORD = 2044               # VB_LOCK_OFFSET: the lock word in that sector


def t_lock(d):
    import lockpol_test
    a, a_pub, a_fp = keypair(d, "release-a")
    b, b_pub, b_fp = keypair(d, "release-b")
    root, root_pub, _ = keypair(d, "root")
    fx = ("--credential", DEV_FACTORY)
    flash = os.path.join(d, "f.bin")

    def store_bytes():  # the key store: the provisioning sector from offset 2048 (vb_provision.h)
        with open(flash, "rb") as f:
            f.seek(PROVISION_SECTOR - 0x08000000 + 2048)
            return hashlib.sha256(f.read(0x4000 - 2048)).hexdigest()

    def sector_but_lock():  # the provisioning sector without the lock word (2044..2047, vb_provision.h)
        with open(flash, "rb") as f:
            f.seek(PROVISION_SECTOR - 0x08000000)
            data = f.read(0x4000)
        return hashlib.sha256(data[:LOCK_WORD] + data[LOCK_WORD + 4:]).hexdigest(), data[LOCK_WORD:LOCK_WORD + 4]

    def flash_ops(n):  # --stats on SIGUSR1: (programs, erases) so far
        board.proc.send_signal(signal.SIGUSR1)
        check(board.wait_stderr("flash operations:", n), "--stats printed the flash operations (%d)" % n)
        m = re.findall(r"flash operations: \d+ \(programs (\d+), erases (\d+)\)", board.err_seen.decode(errors="replace"))
        return tuple(int(x) for x in m[-1]) if m else (-1, -1)

    board, link = lt.board(d, "--trust-key", a_pub, "--root-key", root_pub, "--stats")
    uri = "serial:" + link
    try:
        rotate = key_update(d, "rotate", root, 1, "--add-package-key", b_pub, "--revoke-package-key", a_pub)
        rc, out, err = cli("-c", uri, "keys", "update-device", rotate)
        check(rc == 0 and out.get("generation") == 1, "key update generation 1: add B, revoke A (%s)" % err.strip())
        store_before = store_bytes()
        sector_before, word_before = sector_but_lock()
        programs0, erases0 = flash_ops(1)
        status, payload = lockpol_test.raw(link, lockpol_test.CMD_LOCK, b"LOCK")
        check(status == 0 and payload == b"\x00", "LOCK: OK, was unlocked (%d %r)" % (status, payload))
        programs1, erases1 = flash_ops(2)
        check(erases1 == erases0 and programs1 == programs0 + 1,
              "LOCK is one program and no erase (vboard --stats: programs %d -> %d, erases %d -> %d)"
              % (programs0, programs1, erases0, erases1))
        sector_after, word_after = sector_but_lock()
        check(word_before == b"\xff" * 4 and word_after == b"\x00" * 4,
              "LOCK programmed the lock word from erased to 0 (%s -> %s)" % (word_before.hex(), word_after.hex()))
        check(sector_after == sector_before, "LOCK left every other byte of the provisioning sector as it was (SHA-256)")
        check(store_bytes() == store_before, "LOCK left the key store's bytes as they were (SHA-256)")
        for when in ("after LOCK", "after LOCK and a restart"):
            got = info(uri, *fx)
            ks = got.get("keySet") or {}
            check(got.get("locked") is True and ks.get("generation") == 1 and got.get("trustedKeys") == [b_fp]
                  and {"role": "package", "fingerprint": a_fp} in ks.get("revokedKeys", []) and ks.get("slotsUsed") == 1
                  and got.get("accessKeys") == 1,
                  "INFO %s: locked, generation 1, B trusted, A revoked, 1 access key (%s)" % (when, got))
            old_signed, _ = package(d, a, "1.1.0", 2)
            before = region_sha(uri, d, "deployment", *fx)
            rc, out, err = cli("-c", uri, *fx, "deploy", old_signed)
            check(rc != 0 and "revoked" in err, "%s: a package signed by revoked A is refused (%s)" % (when, err.strip()[-200:]))
            check(region_sha(uri, d, "deployment", *fx) == before, "%s: refused package, deployment unchanged" % when)
            if when == "after LOCK":
                new_signed, _ = package(d, b, "1.2.0", 3)
                rc, out, err = cli("-c", uri, *fx, "deploy", new_signed)
                check(rc == 0 and info(uri, *fx).get("applicationVersion") == "1.2.0",
                      "after LOCK: a package signed by B installs (%s)" % err.strip()[-200:])
                board.stop()
                board, link = lt.board(d)
                uri = "serial:" + link
        # Re-provisioning with --product-key alone keeps the trusted keys and the lock (the
        # block is written locked: the lock word goes with the sector's erase).
        board.stop()
        pk, _, pk_fp = keypair(d, "product", "--product")
        board, link = lt.board(d, "--product-key", pk)
        uri = "serial:" + link
        got = info(uri, *fx)
        with open(flash, "rb") as f:
            f.seek(PROVISION_SECTOR - 0x08000000)
            sector = f.read(0x4000)
        check(got.get("locked") is True and got.get("productKey") == pk_fp and sector[41] == 1
              and sector[LOCK_WORD:LOCK_WORD + 4] == b"\xff" * 4,
              "re-provisioned with --product-key alone: still locked, by the block's flag now (%s, flag %d, word %s)"
              % ({k: got.get(k) for k in ("locked", "productKey")}, sector[41], sector[LOCK_WORD:LOCK_WORD + 4].hex()))
    finally:
        board.stop()


def t_product(d):
    pk, pk_pub, pk_fp = keypair(d, "product-p", "--product")
    qk, qk_pub, qk_fp = keypair(d, "product-q", "--product")
    rel, rel_pub, _ = keypair(d, "release")
    root, root_pub, _ = keypair(d, "root")
    board, link = lt.board(d, "--trust-key", rel_pub, "--root-key", root_pub, "--product-key", pk)
    uri = "serial:" + link
    try:
        check(info(uri).get("productKey") == pk_fp, "info: product key P")
        rc, out, err = cli("keys", "update", "create", "--root-key", root, "--board", "stm32f4-ref", "--generation", "1",
                           "--product-key", qk, "-o", os.path.join(d, "nowrap.ptpkg"))
        check(rc == 2 and "--wrap-to" in err, "a product key without --wrap-to is refused (%s)" % err.strip())
        update = key_update(d, "product", root, 1, "--product-key", qk, "--wrap-to", pk_pub)
        with open(update, "rb") as f:
            raw = f.read()
        scalar = private_scalar(qk)
        if scalar is not None:
            check(scalar not in raw, "the new product key's private scalar is not in the key update file in clear")
        rc, out, err = cli("-c", uri, "keys", "update-device", update)
        check(rc == 0 and out.get("productKey") == qk_fp, "product key Q delivered (%s)" % err.strip())
        ks = info(uri).get("keySet") or {}
        check({"role": "product", "fingerprint": pk_fp} in ks.get("revokedKeys", []), "P is listed as revoked")
        to_q, q_data = package(d, rel, "1.0.0", 1, "--encrypt-to", qk_pub)
        rc, out, err = cli("-c", uri, "deploy", to_q)
        check(rc == 0 and info(uri).get("applicationVersion") == "1.0.0", "a package encrypted to Q installs (%s)" % err.strip())
        to_p, _ = package(d, rel, "1.0.1", 2, "--encrypt-to", pk_pub)
        before = region_sha(uri, d, "deployment")
        rc, out, err = cli("-c", uri, "deploy", to_p)
        check(rc != 0 and "VERIFY_KEY" in err, "a package encrypted to the old P is refused (%s)" % err.strip())
        check(region_sha(uri, d, "deployment") == before, "refused P package: deployment unchanged")
    finally:
        board.stop()


TESTS = {"rotate": t_rotate, "root": t_root, "reclaim": t_reclaim, "access": t_access, "product": t_product, "lock": t_lock,
         "revoke": t_revoke}


def main():
    return vt.run_main(TESTS, "vboard-keyupd-", [("--cli", dict(required=True))], lt.set_cli)


if __name__ == "__main__":
    sys.exit(main())
