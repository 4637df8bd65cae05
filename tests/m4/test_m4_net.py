#!/usr/bin/env python3
"""End-to-end test of the emulated Cortex-M4 board's Ethernet (lwIP on the LAN9118, QEMU user
networking with a loopback port forward: scripts/m4-board's "tcp") and of recovery, through the
unchanged piton-cli (issue 10, tests 3, 5 and 8):

 1. a factory-fresh board (scripts/m4-board --tcp-port: the forward as asked; a port outside
    0..65535 is a usage error) gets the application (the agent) over serial; the application
    then answers on TCP: ping says application, info
 2. one client at a time: while a TCP connection is open, a second is refused (the serial link
    still serves); once it closes, TCP serves again
 3. deploy over TCP through a relay that cuts the connection in the middle of the staging: the
    deploy fails as a lost link and nothing is installed; the next deploy over TCP resumes where
    the board stood, installs, the board resets, piton-cli follows it back over TCP; info says
    confirmed; the deployment region's SHA-256 is the payload's
 4. the agent refuses to erase the deployment region it runs from (nothing changed); in recovery
    mode (reboot --bootloader) erase deployment, reset: the board stays in recovery mode (no
    application); recover --package over serial brings it back, confirmed, payload in place
 5. the instruction count of one P-256 package verification (scripts/m4-verify-cycles), printed

  test_m4_net.py --cli PITON_CLI [--build-dir build/cortex-m4]
"""
import hashlib, os, select, socket, struct, subprocess, sys, tempfile, threading, zlib

from m4_harness import ROOT, Harness

h = Harness(__doc__.split("\n")[0])
step, check, cli = h.step, h.check, h.cli


class CuttingRelay:
    """A TCP relay on 127.0.0.1 to `target` ("HOST:PORT") for one connection, which it closes
    (both sides) once `cut_after` bytes went from the client to the board."""

    def __init__(self, target, cut_after):
        host, port = target.rsplit(":", 1)
        self.target, self.cut_after, self.forwarded = (host, int(port)), cut_after, 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.uri = f"tcp:127.0.0.1:{self.server.getsockname()[1]}"
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        client, _ = self.server.accept()
        board = socket.create_connection(self.target)
        try:
            while self.forwarded < self.cut_after:
                ready, _, _ = select.select([client, board], [], [], 30)
                if not ready:
                    break
                if client in ready:
                    data = client.recv(min(65536, self.cut_after - self.forwarded))
                    if not data:
                        break
                    board.sendall(data)
                    self.forwarded += len(data)
                if board in ready:
                    data = board.recv(65536)
                    if not data:
                        break
                    client.sendall(data)
        finally:
            for s in (client, board, self.server):
                s.close()


with tempfile.TemporaryDirectory(prefix="piton-m4-net-") as d:
    key, pub = os.path.join(d, "signing.pem"), os.path.join(d, "signing.pub.pem")
    cli("keys", "generate", "-o", key, "--public", pub)
    packages = {}
    for version in ("1.0.0", "2.0.0"):
        packages[version] = os.path.join(d, f"app-{version}.ptpkg")
        cli("package", "create", "--board", "mps2-an386", "--version", version, "--key", key, "--application",
            h.app_hex, "-o", packages[version])

    step("1: the application (deployed over serial) answers on TCP")
    r = subprocess.run([os.path.join(ROOT, "scripts/m4-board"), "--flash", os.path.join(d, "x.bin"), "--tcp-port",
                        "70000"], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2 and "--tcp-port 70000" in r.stderr and not os.path.exists(os.path.join(d, "x.bin")),
          f"m4-board --tcp-port 70000: exit {r.returncode}, {r.stderr!r}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    b = h.board(os.path.join(d, "flash.bin"), ["--trust-key", pub, "--tcp-port", str(port)])
    check(b.info["tcp"] == f"127.0.0.1:{port}", f"m4-board --tcp-port {port}: {b.info}")
    cli("-c", b.uri, "deploy", packages["1.0.0"])
    b.wait_for_tcp()  # ping over TCP says application
    _, js, _ = cli("-c", b.tcp, "info")
    check(js.get("applicationVersion") == "1.0.0" and js.get("imageState") == "confirmed", f"info over TCP: {js}")
    log = open(b.log, errors="replace").read()
    check("eth: TCP on 10.0.2.15:4000" in log, f"the application did not start its TCP server: {log[-1000:]!r}")

    step("2: one TCP client at a time")
    host, port = b.info["tcp"].rsplit(":", 1)
    holder = socket.create_connection((host, int(port)), timeout=10)
    # A PING of its own (docs/protocol.md §2, §4.1): answered, so the board took this connection.
    header = b"PT\x01\x01" + struct.pack("<HBBI", 7, 0, 0, 0)
    holder.sendall(header + struct.pack("<I", zlib.crc32(header)))
    answer = b""
    while len(answer) < 16 + 12:
        chunk = holder.recv(64)
        check(chunk, f"the board closed the first TCP connection after {answer!r}")
        answer += chunk
    check(answer[:4] == b"PT\x01\x01" and answer[4:6] == struct.pack("<H", 7) and answer[6] == 1 and answer[7] == 0,
          f"PING response over a raw TCP connection: {answer.hex()}")
    rc, _, out = cli("-c", b.tcp, "ping", ok=False, timeout=60)
    check(rc == 3, f"a second TCP client was not refused while one is connected: exit {rc}\n{out}")
    _, js, _ = cli("-c", b.uri, "ping")
    check(js.get("stage") == "application", f"serial while TCP is held: {js}")
    holder.close()
    _, js, _ = cli("-c", b.tcp, "ping")
    check(js.get("stage") == "application", f"TCP after the first client left: {js}")

    step("3: deploy over TCP, the connection cut in the middle, then resumed")
    size = os.path.getsize(packages["2.0.0"])
    relay = CuttingRelay(b.info["tcp"], size // 2)
    rc, js, out = cli("-c", relay.uri, "deploy", packages["2.0.0"], ok=False)
    relay.thread.join(30)
    check(rc == 3, f"deploy through the cutting relay: exit {rc}, expected 3 (link lost)\n{out}")
    check(relay.forwarded == size // 2, f"the relay forwarded {relay.forwarded} of {size // 2} bytes")
    _, js, _ = cli("-c", b.tcp, "info")
    check(js.get("applicationVersion") == "1.0.0" and js.get("imageState") == "confirmed",
          f"info after the cut deploy: {js}")
    _, js, _ = cli("-c", b.tcp, "deploy", packages["2.0.0"])
    resumed = js.get("resumedFrom", 0)
    check(0 < resumed <= size // 2 and js.get("sent") == size - resumed, f"the second deploy did not resume: {js}")
    print(f"    cut after {size // 2} of {size} bytes; resumed from {resumed}; staging "
          f"{js.get('bytesPerSecond', 0) / 1024:.0f} KiB/s over TCP", flush=True)
    _, js, _ = cli("-c", b.tcp, "info")
    check(js.get("stage") == "application" and js.get("applicationVersion") == "2.0.0" and
          js.get("imageState") == "confirmed", f"info after the resumed deploy: {js}")
    _, js, _ = cli("-c", b.tcp, "verify", packages["2.0.0"])
    check(js.get("match") is True, f"verify over TCP: {js}")
    h.check_deployment_is(b.tcp, h.app_bin, d, "after the resumed deploy over TCP")

    step("4: erase deployment -> reset -> recovery mode -> recover --package (serial)")
    before = hashlib.sha256(h.read_region(b.tcp, "deployment", d)).hexdigest()
    rc, _, out = cli("-c", b.tcp, "-y", "erase", "deployment", ok=False)
    check(rc != 0 and "protected" in out, f"the agent erased the region it runs from: exit {rc}\n{out}")
    check(hashlib.sha256(h.read_region(b.tcp, "deployment", d)).hexdigest() == before,
          "a refused erase changed the deployment region")
    cli("-c", b.uri, "reboot", "--bootloader")
    _, js, _ = cli("-c", b.uri, "ping")
    check(js.get("stage") == "bootloader", f"ping after reboot --bootloader: {js}")
    cli("-c", b.uri, "-y", "erase", "deployment")
    erased = h.read_region(b.uri, "deployment", d)
    check(erased == b"\xff" * len(erased), "deployment is not erased")
    cli("-c", b.uri, "reboot")
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("stage") == "bootloader" and js.get("imageState") == "none" and js.get("applicationVersion") is None,
          f"info after erase and reset: {js}")
    _, js, _ = cli("-c", b.uri, "recover", "--package", packages["2.0.0"])
    check(js.get("recovered") is True, f"recover: {js}")
    _, js, _ = cli("-c", b.uri, "info")
    check(js.get("stage") == "application" and js.get("applicationVersion") == "2.0.0" and
          js.get("imageState") == "confirmed", f"info after recover: {js}")
    h.check_deployment_is(b.uri, h.app_bin, d, "after recover")
    b.stop()

    step("5: instruction count of one P-256 package verification")
    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts/m4-verify-cycles"), "--cli", h.args.cli,
                        "--build-dir", h.args.build_dir], capture_output=True, text=True, timeout=180)
    check(r.returncode == 0, f"m4-verify-cycles: exit {r.returncode}\n{r.stdout}{r.stderr}")
    print("    " + r.stdout.strip().replace("\n", "\n    "), flush=True)
    figures = [l for l in r.stdout.splitlines() if "one verification" in l]
    check(figures and int(figures[0].split()[-2]) > 100000, f"no plausible instruction count:\n{r.stdout}")
    step("passed")
