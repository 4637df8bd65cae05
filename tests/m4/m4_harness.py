"""What the emulated Cortex-M4 board's tests share (test_m4_board.py, test_m4_net.py): starting
and stopping boards through scripts/m4-board, running the unchanged piton-cli, checks that print
the boards' logs on failure, and step timing.

  h = Harness("description")     # parses --cli and --build-dir, stops every board at exit
"""
import argparse, atexit, hashlib, json, os, signal, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOARDS = os.path.join(ROOT, "resources/boards")
M4_APP = 0x21020000  # the deployment region, where the bootloader finds the vector table
os.environ["PITON_BOARDS_DIR"] = BOARDS


class Harness:
    def __init__(self, description):
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

    def board(self, flash, extra=()):
        return Board(self, flash, extra)

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

    def __init__(self, h, flash, extra=()):
        self.h = h
        self.log = flash + ".log"
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
