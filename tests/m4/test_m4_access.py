#!/usr/bin/env python3
"""End-to-end test of the access policy, sealed sessions in the agent, the signed-nonce mode in
the bootloader and LOCK on the emulated Cortex-M4 board (issue 15 "Authenticated sessions", issue
12's `lock` step), through piton-cli and raw frames (docs/protocol.md §6.2-6.4 in the agent, §6.6
in the bootloader), on a board provisioned with an access key (scripts/m4-board
--trust-access-key, which also writes the board's identity key):

 1. development board: the application deployed over serial (physical access: open); over TCP
    the agent offers sealed sessions (PING capability bit 8), INFO says "access: policy", role
    none, mode sealed; with an observer credential (piton-cli) the role is observer; a raw LOCK
    over TCP without a credential is refused (AUTH_REQUIRED)
 2. LOCK over TCP with a factory credential (raw AUTH_HELLO/AUTH_PROOF, then a sealed LOCK):
    the board answers "was unlocked"; reboot with a technician credential (piton-cli over serial);
    after the reset INFO says locked, the lock word survived; a raw WRITE with a factory role is
    refused as LOCKED and the deployment region is unchanged by hash
 3. on the locked board over TCP (the agent): erase without a credential refused
    (AUTH_REQUIRED), config unchanged by hash; a handshake with a credential of an untrusted access
    key (raw), a credential whose issuer signature is altered and one of an untrusted access key
    (piton-cli): each refused (AUTH_FAILED), then erase still refused, config unchanged; with a
    technician credential (piton-cli --credential) the erase is done: the entry is gone (the
    board writes its factory defaults back)
 4. the same in the bootloader's recovery mode over serial (signed nonces: a holder signature
    with one bit flipped, a signature over an old nonce refused too); nonces are never repeated
    (12 asked across a reset)
 5. a production line recipe with the steps deploy and lock (piton-cli line run, SQLite) on a
    factory-fresh board without access keys: passes; after a power cycle INFO says locked

  test_m4_access.py --cli PITON_CLI [--build-dir build/cortex-m4]
"""
import base64, hashlib, os, select, socket, struct, subprocess, tempfile, time, tty, zlib

from m4_harness import Harness, Raw

h = Harness(__doc__.split("\n")[0], access_key=False)
step, check, cli, Board = h.step, h.check, h.cli, h.board

CMD_ERASE, CMD_WRITE, CMD_HASH, CMD_LOCK = 0x11, 0x12, 0x13, 0x42
CMD_AUTH_NONCE, CMD_AUTH_SIGNED = 0x52, 0x53
OK, E_LOCKED, E_STATE, E_AUTH_REQUIRED, E_AUTH_FAILED = 0, 7, 20, 23, 24
CAP_AUTH = 1 << 8
LABEL = b"piton-auth-v1 nonce"


def credential_parts(path, d):
    """(credential bytes, path of the holder's private key PEM) of a .ptcred file."""
    text = open(path).read()
    begin, end = "-----BEGIN PITON CREDENTIAL-----", "-----END PITON CREDENTIAL-----"
    cred = base64.b64decode("".join(text[text.index(begin) + len(begin):text.index(end)].split()))
    key = os.path.join(d, os.path.basename(path) + ".key.pem")
    open(key, "w").write(text[text.index(end) + len(end):].strip() + "\n")
    return cred, key


def sign(key, message):
    r = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=message, capture_output=True)
    check(r.returncode == 0 and 8 <= len(r.stdout) <= 72, f"openssl dgst -sign: {r.stderr!r}")
    return r.stdout


def nonce(raw):
    status, p = raw.call(CMD_AUTH_NONCE)
    check(status == OK and len(p) == 52 and 1 <= p[32] <= 16, f"AUTH_NONCE: status {status}, {len(p)} bytes")
    return p[:32], p[36:36 + p[32]]


def signed(raw, cred_file, d, flip=False, old_nonce=None):
    """AUTH_NONCE then AUTH_SIGNED with the credential; flip: one bit of the holder's signature
    changed; old_nonce: signs that nonce instead of the fresh one. Returns (status, payload)."""
    cred, key = credential_parts(cred_file, d)
    n, uid = nonce(raw)
    sig = bytearray(sign(key, LABEL + (old_nonce or n) + uid + cred))
    if flip:
        sig[-3] ^= 0x10  # inside the s integer: still DER, no longer the signature
    return raw.call(CMD_AUTH_SIGNED, cred + bytes([len(sig)]) + sig + bytes(72 - len(sig) + 1))


REGIONS = {r["name"]: (i, r["size"]) for i, r in enumerate(h.profile["regions"])}


def region_sha(uri, name, d):
    """The board's own SHA-256 of a whole region (HASH, with an observer credential: a locked
    board serves HASH to observers; whole regions only), and that of the region erased."""
    raw = Raw(uri)
    if uri.startswith("tcp:"):
        check(raw.handshake(creds["observer"]), "sealed handshake (observer) for HASH refused")
    else:
        status, p = signed(raw, creds["observer"], d)
        check(status == OK, f"AUTH_SIGNED (observer) for HASH: status {status}")
    rid, size = REGIONS[name]
    status, digest = raw.call(CMD_HASH, struct.pack("<BBxxII", rid, 0, 0, 0))
    raw.close()
    if uri.startswith("tcp:"):
        time.sleep(0.3)  # the agent serves one TCP client at a time: let it see the close
    check(status == OK and len(digest) == 32, f"HASH of {name}: status {status}")
    return digest, hashlib.sha256(b"\xff" * size).digest()


def erase_req(region_id):
    return struct.pack("<BBxxII", region_id, 0, 0, 0)  # offset 0, length 0: the whole region


with tempfile.TemporaryDirectory(prefix="piton-m4-access-") as d:
    key, pub = os.path.join(d, "signing.pem"), os.path.join(d, "signing.pub.pem")
    acc, acc_pub = os.path.join(d, "access.pem"), os.path.join(d, "access.pub.pem")
    rogue = os.path.join(d, "rogue.pem")
    cli("keys", "generate", "-o", key, "--public", pub)
    cli("keys", "generate", "-o", acc, "--public", acc_pub)
    cli("keys", "generate", "-o", rogue)
    creds = {}
    for role in ("observer", "technician", "factory"):
        creds[role] = os.path.join(d, f"{role}.ptcred")
        cli("access", "issue", "--role", role, "--key", acc, "--for", "ALL", "--days", "2", "-o", creds[role])
    creds["rogue"] = os.path.join(d, "rogue.ptcred")
    cli("access", "issue", "--role", "technician", "--key", rogue, "--for", "ALL", "--days", "2", "-o", creds["rogue"])
    # A technician credential whose access-key signature is altered (one byte of its DER signature).
    cred, _ = credential_parts(creds["technician"], d)
    bad = bytearray(cred)
    bad[134 + bad[133] - 3] ^= 0x01
    text = open(creds["technician"]).read()
    begin, end = "-----BEGIN PITON CREDENTIAL-----", "-----END PITON CREDENTIAL-----"
    b64 = base64.b64encode(bytes(bad)).decode()
    creds["altered"] = os.path.join(d, "altered.ptcred")
    open(creds["altered"], "w").write(begin + "\n" + "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64)) + "\n" +
                                      text[text.index(end):])
    package = os.path.join(d, "app.ptpkg")
    cli("package", "create", "--board", "mps2-an386", "--version", "1.0.0", "--key", key, "--application",
        h.app_hex, "-o", package)
    flash = os.path.join(d, "flash.bin")
    nonces = []

    step("1: development board with an access key: deploy over serial, the policy over TCP")
    b = Board(flash, ["--trust-key", pub, "--trust-access-key", acc_pub])
    cli("-c", b.uri, "deploy", package)
    b.wait_for_tcp()
    _, js, _ = cli("-c", b.tcp, "ping")
    check(js.get("capabilities", 0) & CAP_AUTH, f"ping over TCP: no sealed-session capability: {js}")
    _, js, _ = cli("-c", b.tcp, "info")
    check(js.get("accessPolicy") is True and js.get("locked") is False and js.get("role") in (None, "none") and
          js.get("authMode") == "sealed", f"info over TCP: {js}")
    _, js, _ = cli("--credential", creds["observer"], "-c", b.tcp, "info")
    check(js.get("role") == "observer", f"info over TCP with an observer credential: {js}")
    raw = Raw(b.tcp)
    status, _ = raw.call(CMD_LOCK, b"LOCK")
    check(status == E_AUTH_REQUIRED, f"LOCK over TCP without a credential: status {status}")

    step("2: LOCK with a factory credential, reset, locked; raw WRITE refused as LOCKED")
    check(raw.handshake(creds["factory"]), "sealed handshake with the factory credential refused")
    status, p = raw.call(CMD_LOCK, b"LOCK")
    check(status == OK and p == b"\x00", f"LOCK with a factory role: status {status}, {p.hex()}")
    raw.close()
    cli("--credential", creds["technician"], "-c", b.uri, "reboot")
    b.wait_for_tcp()
    _, js, _ = cli("-c", b.tcp, "info")
    check(js.get("locked") is True and js.get("accessPolicy") is True, f"info after LOCK and reset: {js}")
    with open(flash, "rb") as f:
        f.seek(0xF000 + 0xBF0)
        check(f.read(4) != b"\xff" * 4, "the lock word in the provisioning sector is still erased")
    dep_before, _ = region_sha(b.tcp, "deployment", d)
    raw = Raw(b.tcp)
    check(raw.handshake(creds["factory"]), "sealed handshake (factory) on the locked board refused")
    status, _ = raw.call(CMD_WRITE, struct.pack("<BBxxI", 3, 0, 0) + b"\x00" * 16)
    check(status == E_LOCKED, f"raw WRITE on the locked board (factory role): status {status}, expected LOCKED (7)")
    raw.close()
    time.sleep(0.3)
    check(region_sha(b.tcp, "deployment", d)[0] == dep_before, "deployment changed by a refused WRITE")

    def erase_refused_then_done(uri, where, site, more_refusals):
        """On the locked board over `uri`: config holds site=SITE; erase without a credential and
        after a signature with one bit flipped refused (then more_refusals(raw)); config unchanged
        by hash; with the technician credential the erase is done and the entry gone."""
        cli("--credential", creds["technician"], "-c", uri, "config", "set", f"site={site}")
        before, erased = region_sha(uri, "config", d)
        check(before != erased, f"{where}: config is erased flash after config set")
        rc, _, out = cli("-c", uri, "erase", "config", ok=False)
        check(rc != 0 and ("AUTH_REQUIRED" in out or "technician" in out), f"{where}: erase without a credential: {out}")
        raw = Raw(uri)
        if more_refusals:  # the bootloader: signed nonces
            status, _ = signed(raw, creds["technician"], d, flip=True)
            check(status == E_AUTH_FAILED, f"{where}: AUTH_SIGNED with one bit of the signature flipped: status {status}")
        else:  # the agent: a sealed handshake with a credential of an access key the board does not trust
            check(not raw.handshake(creds["rogue"]), f"{where}: sealed handshake with the rogue credential accepted")
        status, _ = raw.call(CMD_ERASE, erase_req(REGIONS["config"][0]))
        check(status == E_AUTH_REQUIRED, f"{where}: erase after a refused signature: status {status}")
        if more_refusals:
            more_refusals(raw)
            for _ in range(8):
                nonces.append(nonce(raw)[0])
        raw.close()
        if uri.startswith("tcp:"):
            time.sleep(0.3)
        for which in ("altered", "rogue"):
            rc, _, out = cli("--credential", creds[which], "-c", uri, "erase", "config", ok=False)
            check(rc != 0 and "AUTH_FAILED" in out, f"{where}: erase with the {which} credential: exit {rc}: {out}")
        check(region_sha(uri, "config", d)[0] == before, f"{where}: config changed by refused erases")
        cli("--credential", creds["technician"], "-c", uri, "erase", "config")
        check(region_sha(uri, "config", d)[0] != before, f"{where}: config unchanged by the technician's erase")
        _, _, out = cli("--credential", creds["observer"], "-c", uri, "config", "get", "site", ok=False)
        check(site not in out, f"{where}: the entry survived the erase (the board writes its defaults back): {out}")

    def old_and_missing_nonce(raw):
        old, _ = nonce(raw)
        status, _ = signed(raw, creds["technician"], d, old_nonce=old)
        check(status == E_AUTH_FAILED, f"AUTH_SIGNED over an old nonce: status {status}")
        status, _ = raw.call(CMD_AUTH_SIGNED, b"\x00" * 280)
        check(status == E_STATE, f"AUTH_SIGNED without a fresh nonce: status {status}")

    step("3: locked board over TCP: erase without a credential, with bad signatures, with a technician's")
    erase_refused_then_done(b.tcp, "agent over TCP", "bench-7", None)

    step("4: recovery mode (the bootloader) over serial on the locked board")
    cli("--credential", creds["technician"], "-c", b.uri, "reboot", "--bootloader")
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("stage") == "bootloader" and js.get("locked") is True, f"info in recovery mode: {js}")
    erase_refused_then_done(b.uri, "bootloader over serial", "bench-8", old_and_missing_nonce)
    b.stop()
    b = Board(flash)
    cli("-c", b.uri, "ping")  # the board is up (the bootloader started the application)
    cli("--credential", creds["technician"], "-c", b.uri, "reboot", "--bootloader")
    raw = Raw(b.uri)
    for _ in range(4):
        nonces.append(nonce(raw)[0])
    raw.close()
    check(len(set(nonces)) == len(nonces) == 12, f"{len(nonces) - len(set(nonces))} repeated nonces of {len(nonces)}")
    b.stop()

    step("5: line recipe deploy + lock on a factory-fresh board, then a power cycle")
    flash2, recipe, db = os.path.join(d, "line.bin"), os.path.join(d, "recipe.json"), "sqlite:" + os.path.join(d, "line.db")
    cli("line", "recipe", "create", "--board", "mps2-an386", "--package", package, "--steps", "deploy,lock", "-o", recipe)
    cli("line", "recipe", "release", recipe, "--db", db)
    b = Board(flash2, ["--trust-key", pub])
    rc, _, out = cli("line", "run", recipe, "--slot", b.uri, "--db", db, "--count", "1", ok=False, timeout=180)
    check(rc == 0 and ('"passed":1' in out or '"result":"pass"' in out), f"line run deploy,lock: exit {rc}: {out[-1500:]}")
    b.stop()
    b = Board(flash2)
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("locked") is True and js.get("stage") == "application", f"info after the line's lock and a power cycle: {js}")
    b.stop()

print("m4.access: ok")
