#!/usr/bin/env python3
"""m4.sealed: sealed sessions in the Cortex-M4 agent and its keyless rule (issue 15 "Authenticated
sessions"; docs/security.md "What each stage offers"), on the emulated board, over TCP through
lwIP, the way a user works:

 1. a board provisioned with an access key (scripts/m4-board --trust-access-key, which writes its
    identity key too): the application deployed over serial; over TCP a raw handshake with a
    technician credential (AUTH_HELLO/AUTH_PROOF, tests/pt_session.py: Python's own
    implementation of §6) gives a sealed link: the INFO response is a sealed frame and says
    auth mode sealed (0x2A = 1) and role technician (0x21); a HASH of 1 byte of the identity key
    (in the bootloader region) is refused (PROTECTED: only a factory session may hash pieces of
    it), a whole sector is hashed; an unsealed ERASE on that link ends the session (SEAL), the
    config region unchanged by the board's own hash
 2. piton-cli --credential (technician) over TCP: config set, then erase config in a sealed
    session: the entry is gone
 3. a man in the middle (the TCP relay of e2e.sessions) flips one bit of the first sealed request
    of piton-cli's erase: the board answers SEAL, piton-cli fails, config and deployment unchanged
    (SHA-256 read back by the board)
 4. a keyless board (no access block): INFO over TCP says 0 access keys (0x28 = 0) and no
    sealed-session capability; erase over TCP without a session refused (AUTH_REQUIRED, with the
    workstation's words "give a credential": the image sends no text), config
    unchanged; the same erase over serial (physical access to a development board) is done; a key
    update (signed by the board's root key) that adds an access key is refused in a raw frame
    over serial with STATE (no identity key: no session could use it, yet the keyless rule would
    end), the key store unchanged (keyset.c pt_keyupdate_apply_record)
 3b (before 4). AUTH_HELLOs on one TCP link beyond the burst (32): RATE_LIMITED whose payload is the
    retry-after field (NUL, u32 LE milliseconds, 1..1000), which the agent fills itself

  test_m4_sealed.py --cli PITON_CLI [--build-dir build/cortex-m4]
"""
import hashlib, os, struct, sys, tempfile

from m4_harness import Harness, Raw

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "e2e"))
from session_test import Relay  # noqa: E402  (the man-in-the-middle relay of e2e.sessions)

h = Harness(__doc__.split("\n")[0])
step, check, cli = h.step, h.check, h.cli

CMD_INFO, CMD_ERASE, CMD_HASH, CMD_AUTH_HELLO = 0x02, 0x11, 0x13, 0x50
OK, E_PROTECTED, E_STATE, E_AUTH_REQUIRED, E_SEAL, E_RATE_LIMITED = 0, 6, 20, 23, 25, 26
IDENTITY_KEY = 0xF000 + 1024 + 12  # in the bootloader region: provisioning sector, access block (m4_board.h)
CAP_AUTH = 1 << 8
INFO_ROLE, INFO_ACCESS_KEYS, INFO_AUTH_MODE = 0x21, 0x28, 0x2A
ROLE_TECHNICIAN, AUTH_MODE_SEALED = 2, 1
REGIONS = {r["name"]: i for i, r in enumerate(h.profile["regions"])}


def tlvs(p):
    out, i = {}, 0
    while i + 2 <= len(p):
        out[p[i]] = p[i + 2:i + 2 + p[i + 1]]
        i += 2 + p[i + 1]
    return out


def sha(uri, name, d):
    """SHA-256 of a region as read back from the board (the harness's factory credential)."""
    return hashlib.sha256(h.read_region(uri, name, d)).hexdigest()


with tempfile.TemporaryDirectory(prefix="piton-m4-sealed-") as d:
    key, pub = os.path.join(d, "signing.pem"), os.path.join(d, "signing.pub.pem")
    cli("keys", "generate", "-o", key, "--public", pub)
    tech = os.path.join(d, "technician.ptcred")
    cli("access", "issue", "--role", "technician", "--key", os.path.join(h.keys, "access.pem"), "--for", "ALL",
        "--days", "2", "-o", tech)
    package = os.path.join(d, "app.ptpkg")
    cli("package", "create", "--board", "mps2-an386", "--version", "1.0.0", "--key", key, "--application",
        h.app_hex, "-o", package)

    step("1: a raw sealed session over TCP: INFO sealed, an unsealed request ends it")
    b = h.board(os.path.join(d, "flash.bin"), ["--trust-key", pub])
    cli("-c", b.uri, "deploy", package)
    b.wait_for_tcp()
    _, js, _ = cli("-c", b.tcp, "ping")
    check(js.get("capabilities", 0) & CAP_AUTH, f"ping over TCP: no sealed-session capability: {js}")
    cli("-c", b.tcp, "config", "set", "site=bench-1")
    config_before = sha(b.tcp, "config", d)
    raw = Raw(b.tcp)
    check(raw.handshake(tech), "raw handshake with the technician credential refused")
    seal = raw.seal  # the INFO response comes back sealed: Seal.open counts it (seal.rx)
    status, p = raw.call(CMD_INFO)
    t = tlvs(p)
    check(status == OK and seal.rx == 1 and t.get(INFO_AUTH_MODE) == bytes([AUTH_MODE_SEALED]) and
          t.get(INFO_ROLE) == bytes([ROLE_TECHNICIAN]), f"sealed INFO: status {status}, counter {seal.rx}, {t}")
    status, _ = raw.call(CMD_HASH, struct.pack("<BBxxII", REGIONS["bootloader"], 0, IDENTITY_KEY, 1))
    check(status == E_PROTECTED, f"HASH of 1 byte of the identity key (technician): status {status}, expected PROTECTED")
    status, p = raw.call(CMD_HASH, struct.pack("<BBxxII", REGIONS["bootloader"], 0, 0xF000, 0x1000))
    check(status == OK and len(p) == 32, f"HASH of the provisioning sector (technician): status {status}")
    raw.seal = None  # an unsealed ERASE on the sealed link
    status, _ = raw.call(CMD_ERASE, struct.pack("<BBxxII", REGIONS["config"], 0, 0, 0))
    check(status == E_SEAL, f"unsealed ERASE on a sealed link: status {status}, expected SEAL ({E_SEAL})")
    raw.close()
    check(sha(b.tcp, "config", d) == config_before, "config changed by a refused unsealed ERASE")

    step("2: piton-cli erase in a sealed session with a technician credential")
    _, js, _ = cli("--credential", tech, "-c", b.tcp, "info")
    check(js.get("role") == "technician" and js.get("authMode") == "sealed", f"info with the credential: {js}")
    cli("--credential", tech, "-c", b.tcp, "-y", "erase", "config")
    _, _, out = cli("-c", b.tcp, "config", "get", "site", ok=False)
    check("bench-1" not in out, f"the entry survived the erase: {out}")

    step("3: one bit flipped in transit (a relay): SEAL, nothing changed")
    cli("-c", b.tcp, "config", "set", "site=bench-2")
    config_before, deployment_before = sha(b.tcp, "config", d), sha(b.tcp, "deployment", d)
    relay = Relay(int(b.tcp.rsplit(":", 1)[1]), flip=True)
    rc, _, out = cli("--credential", tech, "-c", f"tcp:127.0.0.1:{relay.port}", "-y", "erase", "config", ok=False)
    seals = [r for r in relay.responses if r[3] == E_SEAL]
    check(relay.flipped and rc != 0 and seals, f"erase through the flipping relay: exit {rc}, SEAL "
          f"responses {len(seals)}, flipped {relay.flipped}: {out[-300:]}")
    relay.close()
    check(sha(b.tcp, "config", d) == config_before and sha(b.tcp, "deployment", d) == deployment_before,
          "config or deployment changed by the altered frame")
    _, _, out = cli("-c", b.tcp, "config", "get", "site")
    check("bench-2" in out, f"the entry is gone after the refused erase: {out}")

    step("3b: AUTH_HELLO beyond the burst: RATE_LIMITED with the retry-after field (docs/protocol.md §3)")
    raw = Raw(b.tcp)
    hello = bytes([1, 0, 0, 0, 4]) + bytes(64)  # version 1, reserved, a point not on the curve
    for n in range(1, 41):
        status, p = raw.call(CMD_AUTH_HELLO, hello)
        if status == E_RATE_LIMITED:
            break
    raw.close()
    # A terse image sends no message: the payload is the NUL and the u32 LE milliseconds.
    check(status == E_RATE_LIMITED and len(p) == 5 and p[0] == 0 and 0 < struct.unpack_from("<I", p, 1)[0] <= 1000,
          f"HELLO {n}: status {status}, payload {p.hex()}: expected RATE_LIMITED with NUL + retry_after_ms 1..1000")
    print(f"    HELLO {n} refused: RATE_LIMITED, retry after {struct.unpack_from('<I', p, 1)[0]} ms", flush=True)
    b.stop()

    step("4: a keyless board: read-only over TCP, open over serial")
    root, root_pub = os.path.join(d, "root.pem"), os.path.join(d, "root.pub.pem")
    cli("keys", "generate", "-o", root, "--public", root_pub)
    b = h.board(os.path.join(d, "keyless.bin"), ["--trust-key", pub, "--trust-root-key", root_pub], access_key=False)
    cli("-c", b.uri, "deploy", package)
    cli("-c", b.uri, "config", "set", "site=bench-3")
    b.wait_for_tcp()
    _, js, _ = cli("-c", b.tcp, "ping")
    check(not js.get("capabilities", 0) & CAP_AUTH, f"ping over TCP of a keyless board: sealed sessions offered: {js}")
    _, js, _ = cli("-c", b.tcp, "info")
    check(js.get("accessKeys") == 0 and js.get("accessPolicy") is True, f"info over TCP of a keyless board: {js}")
    config_before = hashlib.sha256(h.read_region(b.tcp, "config", d)).hexdigest()  # reads are open
    rc, _, out = cli("-c", b.tcp, "-y", "erase", "config", ok=False)
    check(rc != 0 and "AUTH_REQUIRED" in out, f"erase over TCP of a keyless board: exit {rc}: {out[-300:]}")
    # The terse image sends the status alone: the workstation's words say what to do.
    check("give a credential" in out and "request failed" not in out,
          f"the keyless refusal without the workstation's words: {out[-300:]}")
    check(sha(b.tcp, "config", d) == config_before, "config changed by a refused erase over TCP")
    cli("-c", b.uri, "-y", "erase", "config")
    check(sha(b.uri, "config", d) != config_before, "erase over serial of a keyless board did not erase config")
    _, _, out = cli("-c", b.uri, "config", "get", "site", ok=False)
    check("bench-3" not in out, f"the entry survived the erase over serial: {out}")
    update = os.path.join(d, "add-access.ptpkg")
    cli("keys", "update", "create", "--root-key", root, "--board", "mps2-an386", "--generation", "1",
        "--add-access-key", os.path.join(h.keys, "access.pub.pem"), "-o", update)
    raw = Raw(b.uri)  # serial: open on a development board, also HASH of the bootloader region
    status, _ = raw.call(0x01, struct.pack("<IB", 1028, 1))  # PING: frames of up to 1 KiB
    check(status == OK, f"PING: status {status}")
    whole_bootloader = struct.pack("<BBxxII", REGIONS["bootloader"], 0, 0, 0)  # offset 0, length 0: all of it
    _, store_before = raw.call(CMD_HASH, whole_bootloader)
    status, _ = raw.call(0x43, open(update, "rb").read())  # KEY_UPDATE
    _, store_after = raw.call(CMD_HASH, whole_bootloader)
    raw.close()
    check(status == E_STATE, f"key update adding an access key to a board without an identity key: status {status}")
    check(len(store_before) == 32 and store_after == store_before,
          "the refused key update changed the bootloader region (key store)")
    print("    a key update adding an access key: STATE (no identity key), key store unchanged", flush=True)
    b.stop()

print("m4.sealed: ok")
