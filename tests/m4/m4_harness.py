"""What the emulated Cortex-M4 board's tests share (test_m4_board.py, test_m4_net.py): starting
and stopping boards through scripts/m4-board, running the unchanged piton-cli, checks that print
the boards' logs on failure, and step timing.

  h = Harness("description")     # parses --cli and --build-dir, stops every board at exit

The agent is read-only over TCP on a board without an access key (docs/security.md "What each
stage offers"), so by default a board gets one: h.board() adds --trust-access-key whenever it
provisions (a new flash file, or --trust-key), and piton-cli runs with a factory credential of
that key as its optional default ($PITON_CREDENTIAL; over TCP it opens a sealed session) and a
known-boards file of the test's own ($PITON_KNOWN_BOARDS). Harness(..., access_key=False) leaves
both to the test (test_m4_access.py, test_m4_sealed.py).
"""
import argparse, atexit, hashlib, json, os, select, shutil, signal, socket, struct, subprocess, sys, tempfile, time, tty, zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
import pt_session  # noqa: E402  (tests/pt_session.py: the sealed-session handshake)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOARDS = os.path.join(ROOT, "resources/boards")
M4_APP = 0x21020000  # the deployment region, where the bootloader finds the vector table
os.environ["PITON_BOARDS_DIR"] = BOARDS


class Harness:
    def __init__(self, description, access_key=True):
        ap = argparse.ArgumentParser(description=description)
        ap.add_argument("--cli", required=True)
        ap.add_argument("--build-dir", default=os.path.join(ROOT, "build/cortex-m4"))
        self.args = ap.parse_args()
        self.boards = []  # every m4-board started: {"log", "proc"}
        self.usage = []   # the boards' "usage: stack N B, crypto arena N of M B" lines, kept at each stop
        self.t0 = time.monotonic()
        self.profile = json.load(open(os.path.join(BOARDS, "mps2-an386.json")))
        self.images = os.path.join(self.args.build_dir, "device-firmware/ports/mps2-an386")
        self.app_hex = os.path.join(self.images, "application.hex")
        self.app_bin = open(os.path.join(self.images, "application.bin"), "rb").read()
        self.keys = tempfile.mkdtemp(prefix="piton-m4-keys-")
        atexit.register(shutil.rmtree, self.keys, True)
        os.environ["PITON_KNOWN_BOARDS"] = os.path.join(self.keys, "known-boards")
        self.access_pub = None
        if access_key:
            key, self.access_pub = os.path.join(self.keys, "access.pem"), os.path.join(self.keys, "access.pub.pem")
            cred = os.path.join(self.keys, "factory.ptcred")
            self.cli("keys", "generate", "-o", key, "--public", self.access_pub)
            self.cli("access", "issue", "--role", "factory", "--key", key, "--for", "ALL", "--days", "2", "-o", cred)
            os.environ["PITON_CREDENTIAL"] = cred
        atexit.register(self.stop_all)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # ctest timeout: atexit stops the boards

    def step(self, msg):
        print(f"[{time.monotonic() - self.t0:6.1f} s] {msg}", flush=True)

    def check(self, cond, msg):
        if not cond:
            print(f"FAIL: {msg}", flush=True)
            for b in self.boards:
                if os.path.exists(b["log"]):
                    print(f"--- board log {b['log']}:\n" + open(b["log"], errors="replace").read()[-3000:])
            sys.exit(1)

    def board(self, flash, extra=(), access_key=True):
        """A board (Board); access_key=False: no access block even where the harness has a key."""
        return Board(self, flash, extra, access_key)

    def stop_all(self):
        for b in self.boards:
            if b["proc"].poll() is None:
                b["proc"].terminate()
                try:
                    b["proc"].wait(10)
                except subprocess.TimeoutExpired:
                    b["proc"].kill()

    def cli(self, *argv, ok=True, timeout=120):
        """piton-cli --json ARGV: (exit code, parsed JSON or {}, stdout + stderr)."""
        r = subprocess.run([self.args.cli, "--json", *argv], capture_output=True, text=True, timeout=timeout)
        try:
            js = json.loads(r.stdout) if r.stdout.strip() else {}
        except json.JSONDecodeError:
            js = {}
        if ok:
            self.check(r.returncode == 0, f"piton-cli {' '.join(argv)}: exit {r.returncode}\n{r.stdout}{r.stderr}")
        return r.returncode, js, r.stdout + r.stderr

    def read_region(self, uri, name, d):
        path = os.path.join(d, name + ".bin")
        self.cli("-c", uri, "read", name, "-o", path)
        return open(path, "rb").read()

    def region_hashes(self, uri, d):
        return {r["name"]: hashlib.sha256(self.read_region(uri, r["name"], d)).hexdigest()
                for r in self.profile["regions"]}

    def check_deployment_is(self, uri, payload, d, what):
        """The deployment region read back over `uri` holds `payload` (SHA-256), then erased flash."""
        data = self.read_region(uri, "deployment", d)
        self.check(hashlib.sha256(data[:len(payload)]).digest() == hashlib.sha256(payload).digest() and
                   data[len(payload):] == b"\xff" * (len(data) - len(payload)),
                   f"{what}: read deployment is not the payload followed by erased flash")


class Board:
    """One emulated board (scripts/m4-board): .uri (serial), .tcp ("tcp:127.0.0.1:PORT"), .log."""

    def __init__(self, h, flash, extra=(), access_key=True):
        self.h = h
        self.log = flash + ".log"
        extra = list(extra)
        if access_key and h.access_pub and "--trust-access-key" not in extra and (not os.path.exists(flash) or "--trust-key" in extra):
            extra += ["--trust-access-key", h.access_pub]
        self.proc = subprocess.Popen([os.path.join(ROOT, "scripts/m4-board"), "--flash", flash, "--build-dir",
                                      h.args.build_dir, *extra], stdout=subprocess.PIPE, text=True)
        h.boards.append({"log": self.log, "proc": self.proc})
        line = self.proc.stdout.readline()
        h.check(line, "m4-board printed no JSON line")
        self.info = json.loads(line)
        h.check(self.info.get("board") == "mps2-an386" and self.info.get("tcp", "").startswith("127.0.0.1:"),
                f"ready line {line!r}")
        self.uri = "serial:" + self.info["serial"]
        self.tcp = "tcp:" + self.info["tcp"]

    def wait_for_tcp(self, timeout=30):
        """Until the application answers PING over TCP: after a start or a reset the board serves
        TCP only once the application has brought up its Ethernet (the bootloader does not)."""
        deadline = time.monotonic() + timeout
        while True:
            rc, js, out = self.h.cli("-c", self.tcp, "ping", ok=False, timeout=30)
            if rc == 0 and js.get("stage") == "application":
                return
            self.h.check(time.monotonic() < deadline, f"no answer over {self.tcp} within {timeout} s: {out}")
            time.sleep(0.2)

    def stop(self):
        self.h.usage.extend(l for l in open(self.log, errors="replace") if l.startswith("usage:"))
        self.proc.send_signal(signal.SIGTERM)
        self.h.check(self.proc.wait(15) == 0, "m4-board did not stop cleanly on SIGTERM")


class Raw:
    """One protocol link of raw frames (docs/protocol.md §2) to "tcp:HOST:PORT" or "serial:PATH";
    after handshake() its requests and responses are sealed (§6.4, tests/pt_session.py)."""

    def __init__(self, uri):
        self.seq, self.buf, self.seal = 0, b"", None
        if uri.startswith("tcp:"):
            host, port = uri[4:].rsplit(":", 1)
            self.sock = socket.create_connection((host, int(port)), timeout=10)
            self.fd = None
        else:
            self.sock = None
            self.fd = os.open(uri[len("serial:"):], os.O_RDWR | os.O_NOCTTY)
            tty.setraw(self.fd)

    def close(self):
        if self.sock:
            self.sock.close()
        else:
            os.close(self.fd)

    def _send(self, data):
        if self.sock:
            self.sock.sendall(data)
        else:
            os.write(self.fd, data)

    def _recv(self):
        if self.sock:
            return self.sock.recv(4096)
        r, _, _ = select.select([self.fd], [], [], 0.5)
        return os.read(self.fd, 4096) if r else b""

    def handshake(self, credential):
        """AUTH_HELLO/AUTH_PROOF with the credential file; True when the link is sealed now. Exit 77
        (skipped) without python3-cryptography, which does the host's half here."""
        if pt_session.ec is None:
            print("SKIP: python3-cryptography is not installed", flush=True)
            sys.exit(77)
        self.seal = pt_session.handshake(lambda cmd, payload=b"": self.call(cmd, payload), credential)
        return self.seal is not None

    def call(self, cmd, payload=b"", timeout=20):
        """Sends one request (sealed after handshake()); returns (status, payload) of the response
        with the same sequence number (its plain payload; an unsealed one as is)."""
        self.seq = (self.seq + 1) & 0xFFFF
        if self.seal:
            self._send(self.seal.seal(cmd, self.seq, payload))
        else:
            head = struct.pack("<BBBBHBBI", 0x50, 0x54, 1, cmd, self.seq, 0, 0, len(payload))
            self._send(head + payload + struct.pack("<I", zlib.crc32(head + payload)))
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            i = self.buf.find(b"PT")
            if i > 0:
                self.buf = self.buf[i:]
            if len(self.buf) >= 12:
                _, _, _, rcmd, seq, flags, status, n = struct.unpack("<BBBBHBBI", self.buf[:12])
                if len(self.buf) >= 16 + n:
                    body, self.buf = self.buf[12:12 + n], self.buf[16 + n:]
                    if rcmd == cmd and seq == self.seq and flags & 1:
                        if self.seal:
                            body = self.seal.open(rcmd, seq, flags, status, body)
                        return status, body
                    continue
            self.buf += self._recv()
        print(f"FAIL: no response to command 0x{cmd:02x} within {timeout} s", flush=True)
        sys.exit(1)
