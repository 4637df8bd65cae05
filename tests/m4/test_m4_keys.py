#!/usr/bin/env python3
"""Key updates on the emulated Cortex-M4 board (the default images, which carry key updates:
docs/security.md "What each build offers") through the unchanged piton-cli:

 1. a board provisioned with package key A and root key R (scripts/m4-board writes key set
    generation 0 into the key store); the application's agent, signed by A, deployed over
    serial; info shows key set generation 0, A trusted, 1 of 8 key store slots used
 2. a key update signed by a key the board does not trust as root (revoke A, add B) is refused
    (exit 4), and so are one signed by package key A and one that revokes the board's only root
    key: the key store's SHA-256 (read back through the link) and info's key set unchanged
 3. the key update signed by R (generation 1: revoke A, add B) over TCP: info shows generation
    1, B trusted, A revoked, 2 slots used; the same update again is refused (generation)
 4. power cycle: generation 1 still in force; a package signed by A is refused: by piton-cli before
    it sends anything ("which the board revoked", exit 4), and staged in raw frames over serial
    by the board itself at UPDATE_COMMIT (the bootloader's check through the service table:
    VERIFY_SIGNATURE, status 12), the deployment region unchanged; one signed by B installs (the
    board resets into it) and runs. Before the power-on a torn record (a cut during the program
    of the next slot: generation 2, 600 of 1024 bytes) is put into the flash file: ignored,
    generation 1 stays in force
 5. the next key update (generation 2, add C) is programmed into the slot after the torn one
 6. generations 3-6 fill the store (8 of 8 slots); generation 7 must reclaim the other sector
    (the one without generation 6, the key set in force). Power cuts (the power-cut bootloader,
    counting the agent's flash operations) before operation 1, 2, ... of the agent: before the
    reclaim's erase the store is unchanged; after it, before the record's program, the sector is
    erased and the board logged the reclaim; generation 6 stays in force either way. Then generation 7 goes into slot 0: slots 1-3 erased, generation 6
    in slot 7 untouched, 5 slots used
 7. access and root keys (this build updates package, access and root keys; not the product key).
    Refused in raw KEY_UPDATE frames over serial, each with the bootloader region's SHA-256 (the
    board's HASH; it holds the key store) unchanged:
    revoking the only access key (BAD_PACKAGE: the access policy would switch off), under the
    access role and under the package role (a revocation takes the key out of every list), a
    product key (STATE). Generation 8 (piton-cli over TCP with the factory credential of access
    key X, the harness's): add access key Y. Generation 9 in a raw frame over serial (piton-cli
    refuses to send it): revoke X under the package role (fuzz finding 8); applied, and at once,
    without a reset, one of Y opens a session and a credential of X is refused (AUTH_FAILED); the
    record holds Y alone, info lists X as revoked. Refused: adding X again, revoking the only root
    key R (BAD_PACKAGE). Generation 10: root R -> R2 (with R2's proof of possession), signed by R;
    then refused: an update signed by revoked R, one signed by R2 whose new root key's proof was
    altered (VERIFY_SIGNATURE: the board's own check; piton-cli would not send it). Generation 11
    signed by R2 applies. After a power cycle the newest record still holds Y and R2, and the
    agent's access policy takes Y from it (INFO: one access key, a session with Y's credential),
    and so does the bootloader's in recovery mode (signed nonce over serial: X refused, Y taken)

  test_m4_keys.py --cli PITON_CLI [--build-dir build/cortex-m4]
"""
import hashlib, os, struct, subprocess, tempfile, time

from m4_harness import Harness, Raw

h = Harness(__doc__.split("\n")[0])
step, check, cli, Board = h.step, h.check, h.cli, h.board
KEYSTORE = (0xD000, 0xF000)  # m4_board.h M4_KEYSTORE_ADDRESS, in the bootloader region
REGION_IDS = {r["name"]: i for i, r in enumerate(h.profile["regions"])}

boot_image = os.path.join(h.images, "bootloader.bin")
app_image = os.path.join(h.images, "application.hex")
check(os.path.exists(boot_image) and os.path.exists(app_image), f"{boot_image} or {app_image} not built")


def fingerprint(pub):
    """SHA-256 of the DER SubjectPublicKeyInfo (what info prints)."""
    import subprocess
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", pub, "-outform", "DER"], capture_output=True, check=True).stdout
    return hashlib.sha256(der).hexdigest()


with tempfile.TemporaryDirectory(prefix="piton-m4-keys-") as d:
    keys = {}
    for name in ("A", "B", "R", "U"):
        keys[name] = (os.path.join(d, name + ".pem"), os.path.join(d, name + ".pub.pem"))
        cli("keys", "generate", "-o", keys[name][0], "--public", keys[name][1])
    fp = {n: fingerprint(k[1]) for n, k in keys.items()}
    flash = os.path.join(d, "flash.bin")

    def package(version, signer):
        p = os.path.join(d, f"app-{version}.ptpkg")
        cli("package", "create", "--board", "mps2-an386", "--version", version, "--key", keys[signer][0],
            "--application", app_image, "-o", p)
        return p

    def key_update(name, root, generation, *entries):
        p = os.path.join(d, name + ".ptpkg")
        cli("keys", "update", "create", "--root-key", keys[root][0], "--board", "mps2-an386", "--generation",
            str(generation), *entries, "-o", p)
        return p

    def key_set(uri):
        _, js, _ = cli("-c", uri, "info")
        ks = js.get("keySet") or {}
        return js, ks.get("generation"), sorted(js.get("trustedKeys", [])), js

    def keystore_sha(uri):
        return hashlib.sha256(h.read_region(uri, "bootloader", d)[KEYSTORE[0]:KEYSTORE[1]]).hexdigest()

    step("1: provisioned with package key A and root key R; the key-update agent deployed over serial")
    b = Board(flash, ["--trust-key", keys["A"][1], "--trust-root-key", keys["R"][1], "--bootloader", boot_image])
    _, js, _ = cli("-c", b.uri, "deploy", package("1.0.0", "A"))
    b.wait_for_tcp()
    js, gen, trusted, _ = key_set(b.tcp)
    check(js.get("stage") == "application" and js.get("applicationVersion") == "1.0.0", f"info after deploy: {js}")
    check(gen == 0 and trusted == [fp["A"]] and js["keySet"].get("slotsUsed", 1) == 1, f"key set at the factory: {js}")
    print(f"    key set: {js['keySet']}", flush=True)

    step("2: key updates signed by an untrusted key, by package key A, or revoking the only root key are refused")
    before = keystore_sha(b.tcp)
    for name, root, entries in (("untrusted", "U", ()), ("by-package-key", "A", ()),
                                ("no-root-left", "R", ("--revoke-root-key", fp["R"]))):
        ku = key_update(name, root, 1, "--revoke-package-key", keys["A"][1], "--add-package-key", keys["B"][1], *entries)
        rc, js, out = cli("-c", b.tcp, "keys", "update-device", ku, "-y", ok=False)
        check(rc in (1, 4) and "generation" not in js, f"key update {name}: exit {rc}, expected a refusal\n{out}")
        print(f"    {name}: exit {rc}: {out.strip().splitlines()[-1] if out.strip() else ''}", flush=True)
    check(keystore_sha(b.tcp) == before, "a refused key update changed the key store")
    js, gen, trusted, _ = key_set(b.tcp)
    check(gen == 0 and trusted == [fp["A"]], f"key set after the refusals: {js}")

    step("3: the key update signed by R (generation 1: revoke A, add B)")
    ku = key_update("rotate", "R", 1, "--revoke-package-key", keys["A"][1], "--add-package-key", keys["B"][1])
    _, js, out = cli("-c", b.tcp, "keys", "update-device", ku, "-y")
    check(js.get("generation") == 1, f"update-device: {js}\n{out}")
    js, gen, trusted, _ = key_set(b.tcp)
    revoked = [r.get("fingerprint") for r in js["keySet"].get("revokedKeys", [])]
    check(gen == 1 and trusted == [fp["B"]] and revoked == [fp["A"]] and js["keySet"].get("slotsUsed", 2) == 2,
          f"key set after the update: {js}")
    print(f"    key set: {js['keySet']}", flush=True)
    rc, _, out = cli("-c", b.tcp, "keys", "update-device", ku, "-y", ok=False)
    check(rc == 4, f"the same key update again: exit {rc}, expected 4\n{out}")

    step("4: power cycle with a torn record (generation 2, cut after 600 of 1024 bytes) in the next slot; "
         "a package signed by A is refused, one signed by B installs")
    b.stop()
    with open(flash, "r+b") as f:  # the board's flash file: as a cut during the program of slot 2
        f.seek(KEYSTORE[0] + 1024)
        torn = bytearray(f.read(1024))
        torn[8:12] = (2).to_bytes(4, "little")
        f.seek(KEYSTORE[0] + 2048)
        f.write(bytes(torn[:600]))
    b = Board(flash, ["--bootloader", boot_image])
    b.wait_for_tcp()
    js, gen, trusted, _ = key_set(b.tcp)
    check(gen == 1 and trusted == [fp["B"]] and js["keySet"].get("slotsUsed") == 3,
          f"key set after the power cycle with a torn record: {js}")
    deployment = hashlib.sha256(h.read_region(b.tcp, "deployment", d)).hexdigest()
    signed_a = package("1.0.1", "A")
    rc, _, out = cli("-c", b.tcp, "deploy", signed_a, ok=False)
    check(rc == 4 and "revoked" in out, f"deploy signed by A: exit {rc}\n{out}")
    # The board's own check, without the workstation's: the package staged in raw frames.
    raw, data = Raw(b.uri), open(signed_a, "rb").read()
    st, _ = raw.call(0x01, struct.pack("<IB", 1028, 1))  # PING: frames of 1 KiB of package and the offset
    check(st == 0, f"PING: status {st}")
    st, _ = raw.call(0x30, struct.pack("<I", len(data)) + hashlib.sha256(data).digest())  # UPDATE_BEGIN
    check(st == 0, f"UPDATE_BEGIN: status {st}")
    for off in range(0, len(data), 1024):
        st, _ = raw.call(0x31, struct.pack("<I", off) + data[off:off + 1024])  # UPDATE_DATA
        check(st == 0, f"UPDATE_DATA at {off}: status {st}")
    st, _ = raw.call(0x33)  # UPDATE_COMMIT
    check(st == 12, f"UPDATE_COMMIT of the package signed by revoked key A: status {st}, expected 12 (VERIFY_SIGNATURE)")
    raw.call(0x34)  # UPDATE_ABORT: staging erased
    raw.close()
    print("    staged in raw frames: UPDATE_COMMIT refused with VERIFY_SIGNATURE (12)", flush=True)
    check(hashlib.sha256(h.read_region(b.tcp, "deployment", d)).hexdigest() == deployment,
          "the refused package changed the deployment region")
    cli("-c", b.tcp, "--take-over", "deploy", package("1.0.2", "B"))  # the raw serial link held the board
    b.wait_for_tcp()
    js, gen, _, _ = key_set(b.tcp)
    check(js.get("applicationVersion") == "1.0.2" and js.get("imageState") == "confirmed" and gen == 1,
          f"info after the package signed by B: {js}")

    step("5: the next key update (generation 2, add C) goes to the slot after the torn one")
    cli("keys", "generate", "-o", os.path.join(d, "C.pem"), "--public", os.path.join(d, "C.pub.pem"))
    ku = os.path.join(d, "add-c.ptpkg")
    cli("keys", "update", "create", "--root-key", keys["R"][0], "--board", "mps2-an386", "--generation", "2",
        "--add-package-key", os.path.join(d, "C.pub.pem"), "-o", ku)
    cli("-c", b.tcp, "keys", "update-device", ku, "-y")
    js, gen, trusted, _ = key_set(b.tcp)
    check(gen == 2 and trusted == sorted([fp["B"], fingerprint(os.path.join(d, "C.pub.pem"))]) and
          js["keySet"].get("slotsUsed") == 4, f"key set after generation 2: {js}")

    step("6: generations 3-6 fill the key store; power cuts during generation 7's reclaim, then it reclaims "
         "the sector without the key set in force")
    def gen_update(g):
        ku = os.path.join(d, f"gen-{g}.ptpkg")
        cli("keys", "update", "create", "--root-key", keys["R"][0], "--board", "mps2-an386", "--generation", str(g),
            "--add-package-key", os.path.join(d, "C.pub.pem"), "-o", ku)
        return ku

    def slots_of(uri):
        store = h.read_region(uri, "bootloader", d)[KEYSTORE[0]:KEYSTORE[1]]
        return [store[i * 1024:(i + 1) * 1024] for i in range(8)]

    for g in range(3, 7):
        _, js, out = cli("-c", b.tcp, "keys", "update-device", gen_update(g), "-y")
        check(js.get("generation") == g, f"update-device generation {g}: {js}\n{out}")
    full, ku7 = slots_of(b.tcp), gen_update(7)
    check(all(x[:4] == b"PTKS" for x in full), "the key store is not full after generation 6 (slot 2: the torn record)")
    # The power-cut bootloader counts the flash operations the agent makes through its service
    # table ("PTCA"); before the reclaim's erase the agent may make others (the first session's
    # random seed takes a nonce, whose reset epoch is a bit programmed in flash). So cut before
    # operation 1, 2, ... until the cut comes after the erase: the run before it cut before the
    # erase (store unchanged), that one before the record's program (sector erased).
    cut_image = os.path.join(h.images, "bootloader-power-cut.bin")
    outcomes = []
    for n in range(5):
        b.stop()
        b = Board(flash, ["--bootloader", cut_image, "--power-cut-agent-after", str(n)])
        b.wait_for_tcp()
        update = subprocess.Popen([h.args.cli, "-c", b.tcp, "keys", "update-device", ku7, "-y"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while "fault injection: power cut" not in open(b.log, errors="replace").read():
            check(time.monotonic() < deadline, f"no power cut after {n} agent flash operations within 60 s")
            time.sleep(0.2)
        reclaimed = "keys: key store sector reclaimed" in open(b.log, errors="replace").read()
        update.kill()
        update.wait()
        b.stop()
        b = Board(flash, ["--bootloader", boot_image])
        b.wait_for_tcp()
        js, gen, _, _ = key_set(b.tcp)
        now = slots_of(b.tcp)
        erased = now[:4] == [b"\xff" * 1024] * 4
        check(gen == 6 and js["keySet"].get("slotsUsed") == (4 if erased else 8) and reclaimed == erased and
              now[4:] == full[4:] and (erased or now[:4] == full[:4]),
              f"power cut before agent flash operation {n + 1}: {js}, reclaim logged: {reclaimed}")
        print(f"    cut before agent flash operation {n + 1}: generation {gen} in force, "
              f"{js['keySet'].get('slotsUsed')} of 8 slots used{', the sector erased' if erased else ''}", flush=True)
        outcomes.append(erased)
        if erased:
            break
    check(outcomes[-1] and len(outcomes) >= 2 and not outcomes[-2],
          f"no cut between the reclaim's erase and the record's program: {outcomes}")
    _, js, out = cli("-c", b.tcp, "keys", "update-device", ku7, "-y")
    check(js.get("generation") == 7, f"update-device generation 7: {js}\n{out}")
    js, gen, trusted, _ = key_set(b.tcp)
    slots = slots_of(b.tcp)
    check(gen == 7 and js["keySet"].get("slotsUsed") == 5 and slots[0][:4] == b"PTKS" and
          int.from_bytes(slots[0][8:12], "little") == 7 and all(x == b"\xff" * 1024 for x in slots[1:4]) and
          int.from_bytes(slots[7][8:12], "little") == 6,
          f"key store after generation 7: {js}, slot generations "
          f"{[int.from_bytes(x[8:12], 'little') if x[:4] == b'PTKS' else None for x in slots]}")
    print(f"    key set: {js['keySet']}", flush=True)

    step("7: access keys X -> Y and root keys R -> R2 by key update; refusals leave the key store unchanged")
    for name in ("Y", "R2", "R3", "P"):
        keys[name] = (os.path.join(d, name + ".pem"), os.path.join(d, name + ".pub.pem"))
        cli("keys", "generate", "-o", keys[name][0], "--public", keys[name][1])
    keys["X"] = (None, h.access_pub)
    keys["C"] = (os.path.join(d, "C.pem"), os.path.join(d, "C.pub.pem"))
    fp.update({n: fingerprint(keys[n][1]) for n in ("Y", "R2", "X")})
    x_cred, y_cred = os.environ["PITON_CREDENTIAL"], os.path.join(d, "y.ptcred")
    cli("access", "issue", "--role", "factory", "--key", keys["Y"][0], "--for", "ALL", "--days", "2", "-o", y_cred)

    def point(name):
        """The uncompressed P-256 point of a public key (the last 65 bytes of its DER SPKI)."""
        der = subprocess.run(["openssl", "pkey", "-pubin", "-in", keys[name][1], "-outform", "DER"],
                             capture_output=True, check=True).stdout
        return der[-65:]

    def newest_record(uri):
        """The valid key set record of the highest generation (keyset.h's layout, format 2)."""
        valid = [x for x in slots_of(uri) if x[:4] == b"PTKS" and hashlib.sha256(x[:992]).digest() == x[992:]]
        return max(valid, key=lambda x: int.from_bytes(x[8:12], "little"))

    def refused(*cases):
        """Each (name, key update bytes, status): sent in a raw KEY_UPDATE (0x43) frame over serial
        (the board's own checks, not piton-cli's), refused with that status; the SHA-256 of the
        bootloader region, which holds the key store (the board's HASH on the same link), unchanged."""
        raw, got = Raw(b.uri), {}
        st, _ = raw.call(0x01, struct.pack("<IB", 1028, 1))  # PING
        check(st == 0, f"PING: status {st}")
        whole_bootloader = struct.pack("<BBxxII", REGION_IDS["bootloader"], 0, 0, 0)  # offset 0, length 0: all
        _, before = raw.call(0x13, whole_bootloader)  # HASH
        for name, data, _ in cases:
            got[name], _ = raw.call(0x43, data)
        _, after = raw.call(0x13, whole_bootloader)
        raw.close()
        check(got == {name: status for name, _, status in cases},
              f"raw KEY_UPDATE refusals (12 VERIFY_SIGNATURE, 17 BAD_PACKAGE, 20 STATE): {got}")
        print(f"    refused by the board: {got}", flush=True)
        check(len(before) == 32 and after == before, "a refused key update changed the key store")

    def resigned(path, signer, alter):
        """The key update at `path` with its manifest changed by alter() and signed again by `signer`."""
        data = open(path, "rb").read()
        mlen, = struct.unpack_from("<I", data, 8)
        manifest = bytearray(data[16:16 + mlen])
        alter(manifest)
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", keys[signer][0]], input=bytes(manifest),
                             capture_output=True, check=True).stdout
        head = bytearray(data[:16])
        struct.pack_into("<H", head, 12, len(sig))
        return bytes(head + manifest + sig)

    def flip_proof(m):  # one bit inside the s integer of the proof's DER signature (the last 76 bytes)
        m[len(m) - 76 + 4 + m[len(m) - 76] - 3] ^= 0x10

    def read_file(path):
        return open(path, "rb").read()

    refused(("no access key left", read_file(key_update("no-access", "R", 8, "--revoke-access-key", fp["X"])), 17),
            ("no access key left, X revoked as a package key",
             read_file(key_update("no-access-pkg", "R", 8, "--revoke-package-key", fp["X"])), 17),
            ("product key", read_file(key_update("product", "R", 8, "--product-key", keys["P"][0], "--wrap-to",
                                                 keys["P"][1])), 20))

    _, js, out = cli("-c", b.tcp, "--take-over", "keys", "update-device",  # the raw link held the board
                     key_update("access", "R", 8, "--add-access-key", keys["Y"][1]), "-y")
    check(js.get("generation") == 8, f"update-device generation 8 (add access key Y): {js}\n{out}")
    # Generation 9 revokes access key X under the package role (piton-cli refuses to send that, so
    # in a raw frame over serial): a revocation takes the key out of every list (fuzz finding 8).
    raw = Raw(b.uri)
    st, _ = raw.call(0x01, struct.pack("<IB", 1028, 1))  # PING
    st9, msg9 = raw.call(0x43, read_file(key_update("x-as-package", "R", 9, "--revoke-package-key", fp["X"])))
    raw.close()
    check(st == 0 and st9 == 0, f"raw KEY_UPDATE generation 9 (X revoked as a package key): status {st9} {msg9!r}")
    cli("-c", b.tcp, "--take-over", "--credential", y_cred, "info")  # the raw link held the board
    rc, _, out = cli("-c", b.tcp, "--credential", x_cred, "read", "config", "-o", os.path.join(d, "x.bin"), ok=False)
    check(rc != 0 and "AUTH_FAILED" in out.upper().replace(" ", "_"), f"a credential of revoked access key X: exit {rc}\n{out}")
    print(f"    credential of X refused at once: exit {rc}: {out.strip().splitlines()[-1]}", flush=True)
    os.environ["PITON_CREDENTIAL"] = y_cred  # from here on piton-cli opens its sessions with Y's credential
    js, gen, _, _ = key_set(b.tcp)
    rec = newest_record(b.tcp)
    check(gen == 9 and js.get("accessKeys") == 1 and rec[13] == 1 and rec[276:341] == point("Y") and
          {"role": "package", "fingerprint": fp["X"]} in js["keySet"].get("revokedKeys", []),
          f"key set after generation 9 (a session with Y's credential): {js}")

    refused(("X again", read_file(key_update("x-again", "R", 10, "--add-access-key", keys["X"][1])), 17),
            ("no root key left", read_file(key_update("no-root", "R", 10, "--revoke-root-key", fp["R"])), 17))

    _, js, out = cli("-c", b.tcp, "--take-over", "keys", "update-device",  # the raw link held the board
                     key_update("root", "R", 10, "--add-root-key", keys["R2"][0], "--revoke-root-key", fp["R"]), "-y")
    check(js.get("generation") == 10, f"update-device generation 10 (root R -> R2): {js}\n{out}")
    rec = newest_record(b.tcp)
    check(rec[15] >> 4 == 1 and rec[864:928] == point("R2")[1:], f"root keys after generation 10: {rec[15] >> 4}")
    refused(("signed by revoked R", read_file(key_update("by-r", "R", 11, "--revoke-package-key", keys["C"][1])), 12),
            ("altered root proof", resigned(key_update("r3", "R2", 11, "--add-root-key", keys["R3"][0]), "R2", flip_proof),
             12))
    _, js, out = cli("-c", b.tcp, "--take-over", "keys", "update-device",  # the raw link held the board
                     key_update("by-r2", "R2", 11, "--revoke-package-key", keys["C"][1]), "-y")
    check(js.get("generation") == 11, f"update-device generation 11 signed by R2: {js}\n{out}")

    b.stop()
    b = Board(flash, ["--bootloader", boot_image])
    b.wait_for_tcp()
    js, gen, trusted, _ = key_set(b.tcp)
    rec = newest_record(b.tcp)
    check(gen == 11 and trusted == [fp["B"]] and js.get("accessKeys") == 1 and rec[276:341] == point("Y") and
          rec[864:928] == point("R2")[1:], f"key set after a power cycle: {js}")
    print(f"    key set: {js['keySet']}", flush=True)
    # The bootloader's signed-nonce mode (recovery mode over serial) takes its access keys from
    # the record at its start too: Y's credential is accepted, X's refused.
    cli("-c", b.uri, "reboot", "--bootloader")
    rc, _, out = cli("-c", b.uri, "--credential", x_cred, "read", "config", "-o", os.path.join(d, "x.bin"), ok=False)
    check(rc != 0 and "AUTH_FAILED" in out, f"recovery mode: a credential of revoked access key X: exit {rc}\n{out}")
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("stage") == "bootloader", f"info in recovery mode: {js}")
    cli("-c", b.uri, "read", "config", "-o", os.path.join(d, "y.bin"))  # with Y's credential ($PITON_CREDENTIAL)
    print(f"    recovery mode: a credential of X refused ({out.strip().splitlines()[-1]}), Y's accepted", flush=True)
    b.stop()
    step("done")
