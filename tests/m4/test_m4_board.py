#!/usr/bin/env python3
"""End-to-end test of the emulated Cortex-M4 board (QEMU mps2-an386, scripts/m4-board) through
the unchanged piton-cli over serial:

 1. factory-fresh board: recovery mode; ping says bootloader; info; regions as the profile says
 2. deploy a signed package whose application payload is the application image (the agent);
    the board installs, resets, boots it on trial, the agent confirms: info says application,
    confirmed; verify matches; read deployment equals the payload; the log shows the heartbeat
 3. a tampered package, one signed by an untrusted key and one for another board are refused,
    every region's SHA-256 unchanged (the first over serial, the rest and the hashes over TCP)
 4. power cycle (QEMU stopped and started on the same flash file): the application comes back
 5. signed packages whose application crashes (a valid vector table, then undefined
    instructions) or hangs (a branch to itself): the fault handler or the watchdog resets the
    board, the bootloader reverts after the trial limit to the previous application
 6. power cut (test bootloader with fault injection, then QEMU stopped and started) before the
    2nd, a third, two thirds and the last flash operation of an install (staged over TCP, which
    the application serves): the board comes back running the old or the new application, never
    bricked
 7. a bootloader whose crypto arena is too small: the package is refused as INTERNAL (status
    21), not as a bad signature
 8. a bootloader whose service table has another ABI: the application's agent refuses it (one
    log line), the board stays reachable in recovery mode; with the right bootloader the
    application runs again
Prints the stack and crypto arena high-water marks the boards logged.

  test_m4_board.py --cli PITON_CLI [--build-dir build/cortex-m4]

Every QEMU this starts is stopped on exit (scripts/m4-board also ties QEMU to its own life).
Prints the time each step took. TCP, erase + recover and the verify cycle count: test_m4_net.py.
"""
import json, os, struct, subprocess, tempfile, time

from m4_harness import BOARDS, M4_APP, Harness

h = Harness(__doc__.split("\n")[0])
step, check, cli, region_hashes, Board = h.step, h.check, h.cli, h.region_hashes, h.board
args, profile, images, app_hex, app_bin, usage = h.args, h.profile, h.images, h.app_hex, h.app_bin, h.usage

with tempfile.TemporaryDirectory(prefix="piton-m4-") as d:
    key, pub = os.path.join(d, "signing.pem"), os.path.join(d, "signing.pub.pem")
    cli("keys", "generate", "-o", key, "--public", pub)
    flash = os.path.join(d, "flash.bin")

    step("1: factory-fresh board")
    b = Board(flash, ["--trust-key", pub])
    _, js, _ = cli("-c", b.uri, "ping")
    check(js.get("stage") == "bootloader", f"ping: {js}")
    # The port's UART ring (M4_UART_RX_RING, 6144 bytes) sizes the grant: the frames the host may
    # send behind the one being served fit it (docs/protocol.md 4.1): 3 x 3056 for 4096/4 asked.
    w, p = js.get("window", 0), js.get("maxPayload", 0)
    check(w >= 2 and (w - 1) * (p + 16) <= 6144 and (w, p) == (3, 3056), f"ping over serial grants {w} x {p}: {js}")
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("board") == "mps2-an386" and js.get("stage") == "bootloader" and js.get("imageState") == "none",
          f"info: {js}")
    check(len(js.get("trustedKeys", [])) == 1, f"info: trusted keys {js}")
    _, js, _ = cli("-c", b.uri, "regions")
    got = [(r["name"], r["address"], r["size"]) for r in js["regions"]]
    want = [(r["name"], int(r["address"], 16), r["size"]) for r in profile["regions"]]
    check(got == want, f"regions {got} are not the profile's {want}")

    step("2: deploy the application (the agent) over serial")
    pkg = os.path.join(d, "app.ptpkg")
    cli("package", "create", "--board", "mps2-an386", "--version", "1.2.3", "--key", key, "--application", app_hex,
        "-o", pkg)
    _, js, _ = cli("-c", b.uri, "deploy", pkg)
    check(js.get("sent") == os.path.getsize(pkg), f"deploy: {js}")
    ms = js.get("stagingMs", 0)
    print(f"    serial (QEMU UART, 115200 set): staged {js.get('sent')} B in {ms} ms = "
          f"{js.get('sent', 0) * 1000 // max(ms, 1)} B/s (line 11520 B/s at 115200; QEMU's UART does not pace)", flush=True)
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("stage") == "application" and js.get("imageState") == "confirmed" and
          js.get("applicationVersion") == "1.2.3", f"info after deploy: {js}")
    _, js, _ = cli("-c", b.uri, "verify", pkg)
    check(js.get("match") is True, f"verify: {js}")
    h.check_deployment_is(b.uri, app_bin, d, "after the deploy over serial")
    time.sleep(1.2)
    log = open(b.log, errors="replace").read()
    check("app: trial image confirmed" in log and "app: heartbeat" in log, f"application log: {log!r}")

    step("3: tampered, untrusted and other-board packages are refused")
    before = region_hashes(b.tcp, d)  # TCP (the application serves it) where serial adds only time
    raw = open(pkg, "rb").read()
    mlen, slen = int.from_bytes(raw[8:12], "little"), int.from_bytes(raw[12:14], "little")
    bad = []
    for name, off in (("signature", 16 + mlen + slen // 2), ("payload", 16 + mlen + slen + 1000)):
        t = bytearray(raw)
        t[off] ^= 1
        bad.append(os.path.join(d, name + ".ptpkg"))
        open(bad[-1], "wb").write(t)
    other_key = os.path.join(d, "other.pem")
    cli("keys", "generate", "-o", other_key)
    bad.append(os.path.join(d, "untrusted.ptpkg"))
    cli("package", "create", "--board", "mps2-an386", "--version", "1.2.4", "--key", other_key, "--application",
        app_hex, "-o", bad[-1])
    other = json.load(open(os.path.join(BOARDS, "uniform-4k.json")))
    base = next(r["address"] for r in other["regions"] if r["name"] == "deployment")
    open(os.path.join(d, "app.bin"), "wb").write(app_bin)
    bad.append(os.path.join(d, "other-board.ptpkg"))
    cli("package", "create", "--board", "uniform-4k", "--version", "1.2.4", "--key", key, "--application",
        os.path.join(d, "app.bin"), "--application-base", base, "-o", bad[-1])
    for p, uri in zip(bad, (b.uri, b.tcp, b.tcp, b.tcp)):
        rc, js, out = cli("-c", uri, "deploy", p, ok=False)
        check(rc == 4, f"deploy {os.path.basename(p)} ({uri}): exit {rc}, expected 4 (refused)\n{out}")
    after = region_hashes(b.tcp, d)
    check(after == before, f"a refused package changed regions: {[k for k in before if before[k] != after.get(k)]}")
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("applicationVersion") == "1.2.3" and js.get("imageState") == "confirmed", f"info: {js}")

    step("4: power cycle on the same flash file")
    b.stop()
    b = Board(flash)
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("stage") == "application" and js.get("imageState") == "confirmed", f"info after power cycle: {js}")

    # 5: a valid vector table, then undefined instructions (udf #0xde) or a branch to itself.
    for what, body in (("crashes", b"\xde" * 4088), ("hangs (the watchdog resets it)", b"\xfe\xe7" * 2044)):
        step(f"5: an application that {what} is reverted after the trial limit")
        image = os.path.join(d, "bad-app.bin")
        open(image, "wb").write(struct.pack("<II", 0x20010000, M4_APP + 9) + body)
        bad_pkg = os.path.join(d, "bad-app.ptpkg")
        cli("package", "create", "--board", "mps2-an386", "--version", "6.6.6", "--key", key, "--application",
            image, "--application-base", hex(M4_APP), "-o", bad_pkg)
        cli("-c", b.uri, "deploy", bad_pkg, ok=False)
        _, js, _ = cli("-c", b.uri, "info")
        check(js.get("applicationVersion") == "1.2.3" and js.get("revertReason") not in (None, "none") and
              js.get("imageState") != "trial", f"info after the application that {what}: {js}")
        print(f"    image state {js.get('imageState')}, revert reason {js.get('revertReason')}, "
              f"boot count {js.get('bootCount')}", flush=True)
    b.stop()

    step("6: power cut in the middle of an install: the board finishes it or keeps the old image "
         "(LZ4-compressed packages: the bootloader decodes while it installs)")
    packages = {"1.2.3": pkg}

    def make_package(version):
        packages[version] = os.path.join(d, f"v{version}.ptpkg")
        cli("package", "create", "--board", "mps2-an386", "--version", version, "--key", key, "--application",
            app_hex, "-o", packages[version], "--compress")
        _, pj, _ = cli("package", "inspect", packages[version])
        check(pj["payloads"][0]["encoding"] == "lz4" and pj["payloads"][0]["storedSize"] < pj["payloads"][0]["imageSize"],
              f"package {version} is not compressed: {pj}")

    # First an uninterrupted install over an application (with its backup): how many operations.
    make_package("3.0.0")
    b = Board(flash)
    b.wait_for_tcp()  # over TCP from here on: the application serves it, faster
    cli("-c", b.tcp, "deploy", packages["3.0.0"])
    ops = [int(l.split()[-1]) for l in open(b.log, errors="replace") if l.startswith("bootloader: flash operations")]
    check(ops, "the bootloader logged no flash operations for the install")
    install_ops, running = max(ops), "3.0.0"
    print(f"    an install over an application takes {install_ops} flash operations", flush=True)
    b.stop()
    cut_image = os.path.join(images, "bootloader-power-cut.bin")
    for k, n in enumerate(sorted({1, install_ops // 3, 2 * install_ops // 3, install_ops - 1}), start=1):
        version = f"3.0.{k}"
        make_package(version)
        b = Board(flash, ["--bootloader", cut_image, "--power-cut-after", str(n)])
        b.wait_for_tcp()
        deploy = subprocess.Popen([args.cli, "-c", b.tcp, "deploy", packages[version]], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while "fault injection: power cut" not in open(b.log, errors="replace").read():
            check(time.monotonic() < deadline, f"no power cut after {n} flash operations within 60 s")
            time.sleep(0.2)
        deploy.kill()
        deploy.wait()
        b.stop()
        b = Board(flash)
        _, js, _ = cli("-c", b.uri, "info")
        now = js.get("applicationVersion")
        check(js.get("stage") == "application" and now in (running, version),
              f"after a power cut at operation {n + 1} of the install of {version} over {running}: {js}")
        _, vj, _ = cli("-c", b.uri, "verify", packages[now])
        check(vj.get("match") is True, f"verify {now} after the power cut: {vj}")
        print(f"    cut before operation {n + 1}: runs {now} ({js.get('imageState')})", flush=True)
        running = now
        b.stop()

    step("7: crypto arena exhausted: INTERNAL, not VERIFY_SIGNATURE")
    small = os.path.join(d, "small-arena.bin")
    b = Board(small, ["--trust-key", pub, "--bootloader", os.path.join(images, "bootloader-small-arena.bin")])
    rc, js, out = cli("-c", b.uri, "deploy", pkg, ok=False)
    check(rc != 0 and js.get("deviceStatus") == 21, f"deploy with a small arena: exit {rc}, {js}")
    b.stop()

    step("8: the agent refuses a bootloader service table of another ABI and the board stays reachable")
    b = Board(flash, ["--bootloader", os.path.join(images, "bootloader-services-abi99.bin")])
    _, js, _ = cli("-c", b.uri, "info")
    log = open(b.log, errors="replace").read()
    check("agent: bootloader services at 0x21000080, ABI 99." in log and "incompatible" in log,
          "the agent did not log that it refuses the table of ABI 99")
    check(js.get("stage") == "bootloader", f"info with an incompatible service table: {js}")
    b.stop()
    b = Board(flash)
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("stage") == "application" and "ABI 3.4" in open(b.log, errors="replace").read(),
          f"info with the bootloader's own table again: {js}")
    b.stop()

    stack = max(int(l.split()[2]) for l in usage)
    arena = max(int(l.split()[6]) for l in usage if "of 4096" in l)
    print(f"    high-water marks over all boards: stack {stack} B of 8192, crypto arena {arena} B of 4096")
    step("passed")
