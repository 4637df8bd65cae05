#!/usr/bin/env python3
"""End-to-end tests of piton-vboard as a process (registered with ctest as vboard.*).

usage: vboard_test.py TEST --vboard PATH --boards-dir DIR

Frames are built here from docs/protocol.md section 2 (not from the device code), with
zlib.crc32 as the CRC; the provisioning block is parsed from the layout documented in
device-firmware/ports/host/vb_provision.h.
"""
import argparse
import json
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pt_session  # noqa: E402  (tests/pt_session.py: the credential's session over TCP)
import termios
import time
import tty
import zlib

ARGS = None
FAILS = []
BOARDS_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "boards")


def region(name, board="stm32f4-ref"):
    """(address, size) in bytes of region `name` in the board profile <board>.json (--boards-dir,
    else the source tree's resources/boards): tests take the geometry from the profiles."""
    with open(os.path.join(ARGS.boards_dir if ARGS else BOARDS_SOURCE, board + ".json")) as f:
        r = next(r for r in json.load(f)["regions"] if r["name"] == name)
    size = r["size"]
    return int(r["address"], 16), int(size, 16) if isinstance(size, str) else size


def check(cond, what):
    if cond:
        print("ok   " + what)
    else:
        print("FAIL " + what)
        FAILS.append(what)
    return cond


class Board:
    """A running piton-vboard."""

    def __init__(self, *extra, expect_ready=True, stdin=None):
        self.cmd = [ARGS.vboard, "--boards-dir", ARGS.boards_dir] + list(extra)
        self.proc = subprocess.Popen(self.cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.ready = None
        self.err_seen = b""  # stderr read by wait_stderr(), given back by stop()
        if expect_ready:
            line = self._readline(15)
            if not line:
                if self.proc.poll() is None:  # hung before its ready line: do not leave it running
                    self.proc.kill()
                    self.proc.wait()
                err = self.proc.stderr.read().decode(errors="replace")
                raise RuntimeError("no ready line from %s; stderr: %s" % (" ".join(self.cmd), err))
            self.ready_text = line.decode()
            self.ready = json.loads(self.ready_text)

    def _readline(self, timeout):
        buf = b""
        end = time.time() + timeout
        fd = self.proc.stdout.fileno()
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                c = os.read(fd, 1)
                if not c:
                    return buf or None
                buf += c
                if c == b"\n":
                    return buf
            elif self.proc.poll() is not None:
                return None
        return None

    def stop(self):
        """SIGTERM; returns (exit status, rest of stdout, stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        out, err = self.proc.communicate(timeout=15)
        return self.proc.returncode, out.decode(errors="replace"), (self.err_seen + err).decode(errors="replace")

    def wait_stderr(self, text, count, timeout=15):
        """Reads the board's stderr until `text` has appeared `count` times in all; True then."""
        fd, end = self.proc.stderr.fileno(), time.time() + timeout
        while self.err_seen.count(text.encode()) < count and time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                self.err_seen += chunk
        return self.err_seen.count(text.encode()) >= count

    def advance_clock(self):
        """SIGRTMIN: the board's clock jumps by its --clock-step; waits until it says so."""
        n = self.err_seen.count(b"clock: skipped") + 1
        self.proc.send_signal(signal.SIGRTMIN)
        return self.wait_stderr("clock: skipped", n)

    def tcp_addr(self):
        host, port = self.ready["tcp"].rsplit(":", 1)
        return host.strip("[]"), int(port)


def cli_env(**changes):
    """The environment a test runs piton-cli in: the caller's, with the locale pinned to
    LANG=C.UTF-8 (the English texts the tests expect; LC_ALL, LC_MESSAGES and LANGUAGE removed)
    as tests/e2e/harness.cpp does, since piton-cli speaks German and French. `changes` set
    variables; a value of None removes one (e.g. PITON_CREDENTIAL=None)."""
    env = dict(os.environ)
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    env["LANG"] = "C.UTF-8"
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def serial_board(d, *extra, flash="f.bin", link="tty"):
    """A running stm32f4-ref piton-vboard with its flash file d/`flash` and its serial link (a
    pseudo-terminal) at d/`link`, plus `extra` options; returns (Board, link path)."""
    path = os.path.join(d, link)
    return Board("--board", "stm32f4-ref", "--flash", os.path.join(d, flash), "--serial-link", path, *extra), path


def run_main(tests, prefix, options=(), setup=None):
    """The main() of every vboard test script: parses TEST --vboard PATH --boards-dir DIR and
    `options` ((flag, argparse keywords) pairs) into ARGS, calls setup(ARGS) when given, runs
    tests[TEST] in a fresh temporary directory named `prefix`... (an exception is a failure with
    its reason) and prints the failure count; returns the exit status (0: no failure)."""
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("test", choices=sorted(tests))
    ap.add_argument("--vboard", required=True)
    ap.add_argument("--boards-dir", required=True)
    for flag, kw in options:
        ap.add_argument(flag, **kw)
    ARGS = ap.parse_args()
    if setup:
        setup(ARGS)
    with tempfile.TemporaryDirectory(prefix=prefix) as d:
        try:
            tests[ARGS.test](d)
        except Exception as e:  # a crash is a failure, with its reason
            check(False, "%s raised %s: %s" % (ARGS.test, type(e).__name__, e))
    print("%s: %d failure(s)" % (ARGS.test, len(FAILS)))
    return 1 if FAILS else 0


def run_fail(*extra):
    """Runs piton-vboard expecting a start-up failure; returns (status, stderr)."""
    p = subprocess.run([ARGS.vboard] + list(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


# ---- frames (docs/protocol.md §2) ------------------------------------------------------------

def frame(cmd, seq, payload=b"", flags=0, status=0):
    head = struct.pack("<BBBBHBBI", 0x50, 0x54, 1, cmd, seq, flags, status, len(payload))
    body = head + payload
    return body + struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)


def read_frame(recv, timeout=5.0):
    """Reads one frame with recv(n) -> bytes; returns (cmd, seq, flags, status, payload, crc_ok).
    Asks recv for no more bytes than the frame still needs, so a frame that follows stays on
    the link for the next call (reading 4096 at a time lost it)."""
    buf = b""
    end = time.time() + timeout
    while time.time() < end:
        i = buf.find(b"PT")
        if i > 0:
            buf = buf[i:]
        elif i < 0 and buf:
            buf = buf[-1:] if buf.endswith(b"P") else b""
        need = 12 - len(buf)
        if len(buf) >= 12:
            magic0, magic1, ver, cmd, seq, flags, status, n = struct.unpack("<BBBBHBBI", buf[:12])
            if len(buf) >= 16 + n:
                payload = buf[12:12 + n]
                crc, = struct.unpack("<I", buf[12 + n:16 + n])
                return cmd, seq, flags, status, payload, crc == (zlib.crc32(buf[:12 + n]) & 0xFFFFFFFF), ver
            need = 16 + n - len(buf)
        chunk = recv(min(max(need, 1), 65536))
        if chunk is None:
            continue
        if chunk == b"":
            raise EOFError("link closed")
        buf += chunk
    raise TimeoutError("no complete frame within %.1f s (have %d bytes)" % (timeout, len(buf)))


def answers_until_silent(recv, quiet, deadline):
    """Every frame read with recv(n) until nothing came for `quiet` s (or time.time() passes
    `deadline`): ([(cmd, seq, status, crc_ok)], time of the last byte)."""
    data, last = b"", time.time()
    while time.time() - last < quiet and time.time() < deadline:
        chunk = recv(65536)
        if chunk:
            data += chunk
            last = time.time()
    frames, pos = [], 0
    while True:
        i = data.find(b"PT", pos)
        if i < 0 or len(data) < i + 16:
            break
        _, _, _, cmd, seq, flags, status, n = struct.unpack("<BBBBHBBI", data[i:i + 12])
        end = i + 16 + n
        ok = len(data) >= end and struct.unpack("<I", data[end - 4:end])[0] == zlib.crc32(data[i:end - 4]) & 0xFFFFFFFF
        frames.append((cmd, seq, status, ok))
        pos = end
    return frames, last


def tcp_recv(sock):
    def recv(n):
        try:
            return sock.recv(n)
        except socket.timeout:
            return None
    return recv


def fd_recv(fd):
    def recv(n):
        r, _, _ = select.select([fd], [], [], 0.2)
        return os.read(fd, n) if r else None
    return recv


def check_ping(name, send, recv, seq, want_max, host_max):
    send(frame(0x01, seq, struct.pack("<IB", host_max, 4)))
    cmd, rseq, flags, status, payload, crc_ok, ver = read_frame(recv)
    check(crc_ok, name + ": response CRC-32 valid")
    check(ver == 1 and cmd == 0x01 and rseq == seq, name + ": PING response with seq %d echoed" % seq)
    check(flags & 1 == 1, name + ": response flag set")
    check(status == 0, name + ": status OK (got %d)" % status)
    check(len(payload) == 12, name + ": 12-byte PING payload (got %d)" % len(payload))
    if len(payload) == 12:
        stage, pver, window, res, maxp, caps = struct.unpack("<BBBBII", payload)
        check(stage in (1, 2), name + ": stage %d is bootloader or application" % stage)
        check(pver == 1, name + ": protocol version 1")
        check(1 <= window <= 4, name + ": window %d within what the host asked" % window)
        check(maxp == want_max, name + ": max payload %d == %d" % (maxp, want_max))
        return stage
    return None


# ---- provisioning block (vb_provision.h) ------------------------------------------------------

def parse_provision(block):
    magic, ver, length = struct.unpack_from("<4sHH", block, 0)
    board = block[8:40].rstrip(b"\0").decode()
    uid_len, locked, key_count, res = struct.unpack_from("<BBBB", block, 40)
    uid = block[44:44 + uid_len]
    keys = []
    for k in range(key_count):
        n, = struct.unpack_from("<H", block, 60 + 130 * k)
        keys.append(block[62 + 130 * k:62 + 130 * k + n])
    crc, = struct.unpack_from("<I", block, 320)
    return dict(magic=magic, version=ver, length=length, board=board, uid=uid, locked=locked,
                keys=keys, reserved=res, crc_ok=crc == (zlib.crc32(block[:320]) & 0xFFFFFFFF))


def make_key(d, name):
    priv = os.path.join(d, name + ".key")
    pub = os.path.join(d, name + ".pub.pem")
    subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", priv], check=True)
    subprocess.run(["openssl", "pkey", "-in", priv, "-pubout", "-out", pub], check=True)
    der = subprocess.run(["openssl", "pkey", "-pubin", "-in", pub, "-outform", "DER"], check=True,
                         stdout=subprocess.PIPE).stdout
    return pub, der


# File offsets. "formatted": regions the portable core formats at its first boot (config store,
# boot state), which therefore need not be erased any more once the board has run. The factory
# state of the whole file (before any boot) is checked by vboard.port (test_port.c).
STM32F4 = dict(size=1048576 + 8388608, boot=(0, 32768), prov=16384, uid=12,
               formatted=[(0x8000, 0x8000), (1048576, 8192)])
UNIFORM = dict(size=1048576, boot=(0, 32768), prov=28672, uid=12,
               formatted=[(0x8000, 0x2000), (0xA000, 0x2000)])


def check_factory_file(path, geo, name):
    data = open(path, "rb").read()
    check(len(data) == geo["size"], name + ": flash file is %d bytes (got %d)" % (geo["size"], len(data)))
    b0, b1 = geo["boot"]
    masked = bytearray(data)
    for off, n in geo["formatted"]:
        masked[off:off + n] = b"\xff" * n
    outside = bytes(masked[:b0] + masked[b1:])
    check(outside.count(0xFF) == len(outside),
          name + ": every byte outside the bootloader, config and bootstate regions is 0xFF")
    check(data[b0:b0 + 23] == b"PITON-BOOTLOADER 1.0.0\0", name + ": bootloader image header")
    check(data[b0 + 23:b0 + 4096].count(0xFF) < 64, name + ": bootloader image has filler, not erased flash")
    check(data[b0 + 4096:geo["prov"]].count(0xFF) == geo["prov"] - 4096 - b0,
          name + ": erased between bootloader image and provisioning block")
    pv = parse_provision(data[geo["prov"]:geo["prov"] + 324])
    check(pv["magic"] == b"PTPV" and pv["version"] == 1 and pv["length"] == 324,
          name + ": provisioning block magic/version/length")
    check(pv["crc_ok"], name + ": provisioning block CRC-32 valid")
    check(len(pv["uid"]) == geo["uid"] and pv["uid"] not in (b"\0" * geo["uid"], b"\xff" * geo["uid"]),
          name + ": unique id of %d random bytes" % geo["uid"])
    gap = data[geo["prov"] + 324:geo["prov"] + 1024]
    check(gap.count(0xFF) == len(gap), name + ": erased between the provisioning and the access block")
    acc = data[geo["prov"] + 1024:geo["prov"] + 1024 + 376]
    check(acc[:4] == b"PTAK" and struct.unpack_from("<I", acc, 372)[0] == zlib.crc32(acc[:372]) and acc[9] == 1,
          name + ": access block (magic, CRC-32, identity key present)")
    rest = data[geo["prov"] + 1024 + 376:b1]
    check(rest.count(0xFF) == len(rest), name + ": erased after the access block")
    return pv


# ---- tests ----------------------------------------------------------------------------------

def t_factory(d):
    pub, der = make_key(d, "k1")
    path = os.path.join(d, "f4.bin")
    b = Board("--board", "stm32f4-ref", "--flash", path, "--trust-key", pub, "--locked", "--tcp", "127.0.0.1:0")
    rc, _, err = b.stop()
    check(rc == 0, "factory: exit status 0 on SIGTERM (got %d)" % rc)
    pv = check_factory_file(path, STM32F4, "stm32f4-ref")
    check(pv["board"] == "stm32f4-ref", "stm32f4-ref: board id in provisioning block")
    check(pv["locked"] == 1, "stm32f4-ref: locked flag set by --locked")
    check(pv["keys"] == [der], "stm32f4-ref: trusted key is the DER SubjectPublicKeyInfo of the PEM")
    # a second run keeps the flash (same unique id, no re-provisioning)
    b = Board("--board", "stm32f4-ref", "--flash", path)
    b.stop()
    pv2 = parse_provision(open(path, "rb").read()[16384:16384 + 324])
    check(pv2["uid"] == pv["uid"] and pv2["keys"] == [der], "stm32f4-ref: flash persists across runs")

    path2 = os.path.join(d, "u4k.bin")
    b = Board("--board", "uniform-4k", "--flash", path2)
    b.stop()
    pv = check_factory_file(path2, UNIFORM, "uniform-4k")
    check(pv["locked"] == 0 and pv["keys"] == [] and pv["board"] == "uniform-4k",
          "uniform-4k: unlocked, no keys, board id")
    other = parse_provision(open(path, "rb").read()[16384:16384 + 324])
    check(other["uid"] != pv["uid"], "unique ids differ between boards")


def t_reprovision(d):
    pub1, der1 = make_key(d, "k1")
    pub2, der2 = make_key(d, "k2")
    path = os.path.join(d, "f.bin")
    Board("--board", "uniform-4k", "--flash", path, "--locked", "--trust-key", pub1).stop()
    before = parse_provision(open(path, "rb").read()[28672:28672 + 324])
    check(before["locked"] == 1 and before["keys"] == [der1], "reprovision: first provisioning locked with key 1")
    Board("--board", "uniform-4k", "--flash", path, "--locked").stop()
    same = parse_provision(open(path, "rb").read()[28672:28672 + 324])
    check(same == before, "reprovision: without --trust-key the block is unchanged")
    b = Board("--board", "uniform-4k", "--flash", path, "--trust-key", pub2, "--trust-key", pub1)
    rc, _, err = b.stop()
    after = parse_provision(open(path, "rb").read()[28672:28672 + 324])
    check(after["crc_ok"] and after["keys"] == [der2, der1], "reprovision: two keys in the given order")
    check(after["locked"] == 0, "reprovision: unlocked without --locked")
    check(after["uid"] == before["uid"], "reprovision: unique id kept")
    check("re-provisioned" in err, "reprovision: noted on stderr")


def t_errors(d):
    rc, out, err = run_fail("--board", "stm32f4-ref")
    check(rc == 2 and "--flash" in err, "errors: missing --flash is a usage error (status %d)" % rc)
    rc, out, err = run_fail("--board", "nope", "--flash", os.path.join(d, "x.bin"), "--boards-dir", ARGS.boards_dir)
    check(rc == 1 and "'nope' not found" in err, "errors: unknown board named: " + err.strip())
    check(not os.path.exists(os.path.join(d, "x.bin")), "errors: no flash file created for an unknown board")
    # a profile whose region does not end on a sector boundary
    bad = os.path.join(d, "boards")
    os.mkdir(bad)
    prof = json.load(open(os.path.join(ARGS.boards_dir, "uniform-4k.json")))
    prof["regions"][1]["size"] = 8000
    json.dump(prof, open(os.path.join(bad, "uniform-4k.json"), "w"))
    rc, out, err = run_fail("--board", "uniform-4k", "--flash", os.path.join(d, "y.bin"), "--boards-dir", bad)
    check(rc == 1 and "region 'config'" in err and "sector boundary" in err,
          "errors: region off a sector boundary named: " + err.strip())
    # a flash file of the wrong size
    path = os.path.join(d, "small.bin")
    open(path, "wb").write(b"\xff" * 1000)
    rc, out, err = run_fail("--board", "uniform-4k", "--flash", path, "--boards-dir", ARGS.boards_dir)
    check(rc == 1 and "1000 bytes" in err and "1048576" in err, "errors: wrong flash size named: " + err.strip())
    check(os.path.getsize(path) == 1000, "errors: wrong-size file left untouched")
    rc, out, err = run_fail("--board", "uniform-4k", "--flash", os.path.join(d, "z.bin"), "--boards-dir",
                            ARGS.boards_dir, "--tcp", "127.0.0.1")
    check(rc == 1 and "HOST:PORT" in err, "errors: bad --tcp named: " + err.strip())
    notkey = os.path.join(d, "notkey.pem")
    open(notkey, "w").write("hello\n")
    rc, out, err = run_fail("--board", "uniform-4k", "--flash", os.path.join(d, "k.bin"), "--boards-dir",
                            ARGS.boards_dir, "--trust-key", notkey)
    check(rc == 1 and "notkey.pem" in err, "errors: bad key file named: " + err.strip())
    # flash provisioned for another board of the same size
    p2 = os.path.join(d, "other.bin")
    Board("--board", "uniform-4k", "--flash", p2).stop()
    prof = json.load(open(os.path.join(ARGS.boards_dir, "uniform-4k.json")))
    prof["id"] = "uniform-4k-b"
    json.dump(prof, open(os.path.join(bad, "uniform-4k-b.json"), "w"))
    rc, out, err = run_fail("--board", "uniform-4k-b", "--flash", p2, "--boards-dir", bad)
    check(rc == 1 and "provisioned for board 'uniform-4k'" in err, "errors: flash of another board: " + err.strip())


def t_ready(d):
    link = os.path.join(d, "ttyVB")
    os.symlink("/nonexistent", link)  # an existing symlink gets replaced
    b = Board("--board", "stm32f4-ref", "--flash", os.path.join(d, "f.bin"), "--serial-link", link,
              "--tcp", "127.0.0.1:0")
    r = b.ready
    check(b.ready_text.endswith("\n") and b.ready_text.count("\n") == 1, "ready: exactly one line")
    check(set(r) == {"serial", "tcp", "board"}, "ready: keys serial, tcp, board (got %s)" % sorted(r))
    check(r["board"] == "stm32f4-ref", "ready: board id")
    check(r["serial"].startswith("/dev/pts/") and os.path.exists(r["serial"]), "ready: serial is an existing pty")
    check(os.path.islink(link) and os.readlink(link) == r["serial"], "ready: symlink points at the pty")
    host, port = b.tcp_addr()
    check(host == "127.0.0.1" and port > 0, "ready: tcp bound to 127.0.0.1 with an ephemeral port")
    s = socket.create_connection((host, port), timeout=5)
    s.close()
    check(True, "ready: tcp port accepts a connection")
    # the workstation opening and closing the pty must not hang up the board
    fd = os.open(link, os.O_RDWR | os.O_NOCTTY)
    os.close(fd)
    time.sleep(0.3)
    check(b.proc.poll() is None, "ready: board survives the workstation closing the pty")
    rc, out, err = b.stop()
    check(rc == 0, "ready: exit status 0 on SIGTERM")
    check(out == "", "ready: nothing else on stdout (got %r)" % out[:80])
    check(not os.path.lexists(link), "ready: symlink removed at exit")
    # without --tcp there is no tcp key
    b = Board("--board", "stm32f4-ref", "--flash", os.path.join(d, "f.bin"))
    check(set(b.ready) == {"serial", "board"}, "ready: no tcp key without --tcp")
    b.stop()


def open_pty(path):
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)
    termios.tcflush(fd, termios.TCIOFLUSH)
    return fd


def t_ping(d):
    link = os.path.join(d, "ttyVB")
    b = Board("--board", "stm32f4-ref", "--flash", os.path.join(d, "f.bin"), "--serial-link", link,
              "--tcp", "127.0.0.1:0")
    s = socket.create_connection(b.tcp_addr(), timeout=0.2)
    check_ping("ping tcp", s.sendall, tcp_recv(s), 7, 16384, 65536)
    check_ping("ping tcp (host asks less)", s.sendall, tcp_recv(s), 8, 2048, 2048)
    # below PT_MIN_MAX_PAYLOAD (1024), which every host must receive: BAD_REQUEST (2) naming the
    # floor; 1024 itself is granted
    for small in (1, 1023):
        s.sendall(frame(0x01, 10, struct.pack("<IB", small, 4)))
        cmd, rseq, flags, status, payload, crc_ok, ver = read_frame(tcp_recv(s))
        check(crc_ok and cmd == 0x01 and rseq == 10 and status == 2 and b"minimum 1024" in payload,
              "ping tcp asking %d: BAD_REQUEST naming the 1024 floor (status %d, %r)" % (small, status, payload[:80]))
    check_ping("ping tcp (1024 accepted)", s.sendall, tcp_recv(s), 11, 1024, 1024)
    fd = open_pty(link)
    check_ping("ping serial", lambda data: os.write(fd, data), fd_recv(fd), 0x1234, 4096, 65536)
    # a second TCP client replaces the first
    s2 = socket.create_connection(b.tcp_addr(), timeout=0.2)
    check_ping("ping tcp client 2", s2.sendall, tcp_recv(s2), 9, 16384, 16384)
    s.settimeout(5)
    try:
        gone = s.recv(16) == b""
    except (ConnectionResetError, socket.timeout):
        gone = True
    check(gone, "ping: first TCP client closed when the second connected")
    # garbage before a frame is skipped (resynchronisation)
    os.write(fd, b"\x00\x11PT\x99" + frame(0x01, 77))
    cmd, seq, flags, status, payload, ok, ver = read_frame(fd_recv(fd))
    check(seq == 77 and status == 0 and ok, "ping serial after garbage: answered")
    os.close(fd)
    s2.close()
    rc, out, err = b.stop()
    check(rc == 0, "ping: exit status 0")


def t_reset(d):
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "f.bin"), "--tcp", "127.0.0.1:0", "--verbose")
    c = Client(b)  # REBOOT over TCP needs a technician session (the development credential)
    s = c.s
    status, payload = c.req(0x40, b"\x01")
    check(status == 0, "reset: REBOOT answered OK")
    s.settimeout(5)
    try:
        gone = s.recv(16) == b""
    except (ConnectionResetError, socket.timeout):
        gone = True
    check(gone, "reset: TCP connection closed by the reset")
    s = socket.create_connection(b.tcp_addr(), timeout=0.2)
    stage = check_ping("reset: ping after reboot", s.sendall, tcp_recv(s), 4, 16384, 16384)
    check(stage == 1, "reset: REBOOT to bootloader gives stage 1")
    s.close()
    rc, out, err = b.stop()
    check("reset (boot count 1" in err, "reset: boot count 1 reported")
    check(rc == 0, "reset: exit status 0")


def t_droplink(d):
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "f.bin"), "--tcp", "127.0.0.1:0",
              "--drop-link-after", "40")
    s = socket.create_connection(b.tcp_addr(), timeout=5)
    s.sendall(b"\x00" * 64)
    data = b""
    gone = False
    end = time.time() + 5
    while time.time() < end:
        try:
            c = s.recv(4096)
        except ConnectionResetError:
            gone = True
            break
        if c == b"":
            gone = True
            break
        data += c
    check(gone, "droplink tcp: board closed the connection after 40 bytes")
    s = socket.create_connection(b.tcp_addr(), timeout=0.5)
    s.sendall(b"\x00" * 64)
    try:
        still = s.recv(4096) != b""
    except socket.timeout:
        still = True
    check(still, "droplink tcp: only once; the next connection stays up")
    rc, out, err = b.stop()
    check("dropped the TCP client after 40 bytes" in err, "droplink tcp: noted on stderr")

    link = os.path.join(d, "ttyVB")
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "f.bin"), "--serial-link", link,
              "--drop-link-after", "10")
    old = os.readlink(link)
    fd = open_pty(link)
    os.write(fd, b"\x00" * 32)
    end = time.time() + 5
    while time.time() < end and os.readlink(link) == old:
        time.sleep(0.05)
    new = os.readlink(link)
    check(new != old and os.path.exists(new), "droplink serial: new pty %s replaces %s" % (new, old))
    # the old pty is gone for the workstation: reads end (EIO) once the board closed its side
    try:
        r, _, _ = select.select([fd], [], [], 2)
        dead = bool(r) and os.read(fd, 16) == b""
    except OSError:
        dead = True
    check(dead, "droplink serial: old pty hung up")
    os.close(fd)
    rc, out, err = b.stop()
    check(rc == 0 and "dropped the serial link" in err, "droplink serial: noted on stderr, exit 0")


# ---- fault injection (issue 4): packages, a TCP client, power cuts, bit flips, trial boot ------

import hashlib
import shutil

UNIFORM_IDS = dict(firmware=3, deployment=4, update=5, backup=6)


def build_package(d, board, version, counter, fw, app, key):
    """A package as docs/package-format.md describes it, signed with openssl (ECDSA P-256)."""
    m = b"PTMF" + struct.pack("<HH", 1, 2) + board.encode().ljust(32, b"\0") + struct.pack("<III", version, counter, 0)
    area = 0
    for kind, region, data in ((1, "firmware", fw), (2, "deployment", app)):
        m += struct.pack("<B3x16sIIIII", kind, region.encode(), 0, len(data), area, version, 0)
        m += hashlib.sha256(data).digest() + b"\0" * 8
        area += len(data)
    mpath = os.path.join(d, "manifest.bin")
    open(mpath, "wb").write(m)
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key, mpath], check=True,
                         stdout=subprocess.PIPE).stdout
    return b"PTPK" + struct.pack("<HHIHH", 1, 16, len(m), len(sig), 0) + m + sig + fw + app


class Client:
    """One TCP connection speaking docs/protocol.md, one request at a time; with the
    credential of $PITON_CREDENTIAL (the development one under ctest) it authenticates after
    PING and seals every later request, as piton-cli does (tests/pt_session.py)."""

    def __init__(self, board, timeout=15):
        end = time.time() + timeout
        self.seal = None
        while True:
            try:
                self.s = socket.create_connection(board.tcp_addr(), timeout=5)
                self.seq = 1
                st, p = self.req(0x01, struct.pack("<IB", 16384, 1))
                if st == 0:
                    self.seal = pt_session.handshake(self.req)
                    return
            except (OSError, EOFError, TimeoutError):
                pass
            if time.time() > end:
                raise TimeoutError("board does not answer PING")
            time.sleep(0.1)

    def req(self, cmd, payload=b"", timeout=10.0):
        self.seq = (self.seq + 1) & 0xFFFF
        self.s.sendall(self.seal.seal(cmd, self.seq, payload) if self.seal else frame(cmd, self.seq, payload))
        c, seq, flags, status, p, ok, ver = read_frame(tcp_recv(self.s), timeout)
        if self.seal:
            p = self.seal.open(c, seq, flags, status, p, ver)
            if not flags & pt_session.FLAG_SEALED:
                self.seal = None  # the board ended the session
        return status, p

    def chunk(self):
        """Package bytes per UPDATE_DATA: the negotiated 16384-byte payload less its offset
        (and less the seal's 24 bytes on a sealed link)."""
        return 16380 - (pt_session.SEAL_OVERHEAD if self.seal else 0)

    def info(self):
        st, p = self.req(0x02)
        out, i = {}, 0
        while i + 2 <= len(p):
            tag, n = p[i], p[i + 1]
            v = p[i + 2:i + 2 + n]
            out[tag] = struct.unpack("<I", v)[0] if n == 4 else (v[0] if n == 1 else v)
            i += 2 + n
        return out

    def hash(self, region, offset, length):
        st, p = self.req(0x13, struct.pack("<B3xII", region, offset, length))
        return p if st == 0 else None

    def deploy(self, pkg):
        """Streams and commits; returns COMMIT's status (the board then resets)."""
        st, p = self.req(0x30, struct.pack("<I", len(pkg)) + hashlib.sha256(pkg).digest())
        if st != 0:
            return st
        off = struct.unpack("<I", p)[0]
        while off < len(pkg):
            chunk = pkg[off:off + self.chunk()]
            st, p = self.req(0x31, struct.pack("<I", off) + chunk)
            if st != 0:
                return st
            off = struct.unpack("<I", p)[0]
        st, p = self.req(0x33)
        return st

    def close(self):
        self.s.close()


def images(seed, fw_size, app_size):
    fw = bytes((i * 7 + seed) & 0xFF for i in range(fw_size))
    app = bytes((i * 13 + seed * 5 + (i >> 9)) & 0xFF for i in range(app_size))
    return fw, app


def running(c, fw, app, version):
    i = c.info()
    return (i.get(0x06) == version and i.get(0x05) == version and
            c.hash(UNIFORM_IDS["firmware"], 0, len(fw)) == hashlib.sha256(fw).digest() and
            c.hash(UNIFORM_IDS["deployment"], 0, len(app)) == hashlib.sha256(app).digest())


def board_with(d, name, pkg, pub, *extra):
    """A uniform-4k board (flash file `name`) on which `pkg` was deployed and confirmed."""
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, name), "--tcp", "127.0.0.1:0",
              "--trust-key", pub, *extra)
    c = Client(b)
    st = c.deploy(pkg)
    c.close()
    return b, st


def t_faultopts(d):
    f = os.path.join(d, "f.bin")
    for bad, why in ((["--power-cut-after", "x"], "is not a list of operation counts"),
                     (["--power-cut-after", "3,,4"], "is not a list of operation counts"),
                     (["--power-cut-after", "-1"], "is not a list of operation counts"),
                     (["--seed", "abc"], "is not a number"),
                     (["--flip-bits", "update"], "is not REGION:COUNT"),
                     (["--flip-bits", "update:0"], "is not REGION:COUNT"),
                     (["--flip-bits", "nosuch:3"], "has no region"),
                     (["--watchdog-ms", "0"], "is not a period"),
                     (["--drop-reply", "0x133"], "is not CMD[:N]"),
                     (["--drop-reply", "0x33:0"], "is not CMD[:N]"),
                     (["--drop-request", "x"], "is not CMD[:N]"),
                     (["--drop-request", "51:2x"], "is not CMD[:N]")):
        rc, out, err = run_fail("--boards-dir", ARGS.boards_dir, "--board", "uniform-4k", "--flash", f, *bad)
        check(rc == 2 and why in err, "faultopts: %s refused (exit %d): %s" % (" ".join(bad), rc, err.strip()[:90]))
    b = Board("--board", "uniform-4k", "--flash", f, "--tcp", "127.0.0.1:0", "--stats")
    c = Client(b)
    c.close()
    b.proc.send_signal(signal.SIGUSR1)
    time.sleep(0.5)
    rc, out, err = b.stop()
    check(err.count("flash operations:") == 2, "faultopts: --stats prints on SIGUSR1 and at exit")
    n = [int(x) for x in __import__("re").findall(r"flash operations: (\d+)", err)]
    check(len(n) == 2 and n[0] > 0 and n[0] <= n[1], "faultopts: operation counts %s" % n)


def t_flipbits(d):
    f = os.path.join(d, "f.bin")
    b = Board("--board", "uniform-4k", "--flash", f, "--tcp", "127.0.0.1:0")
    c = Client(b)
    check(c.info().get(0x11) == 1, "flipbits: fresh board: config state empty (factory defaults)")
    c.close()
    b.stop()
    b = Board("--board", "uniform-4k", "--flash", f, "--tcp", "127.0.0.1:0", "--flip-bits", "config:4", "--seed", "5")
    c = Client(b)
    check(c.info().get(0x11) == 2, "flipbits: config:4 -> INFO config state corrupt")
    key = b"user.restored"
    st, p = c.req(0x23, bytes([len(key)]) + key + b"1")
    check(st == 0 and c.info().get(0x11) == 0, "flipbits: a config write restores state ok")
    c.close()
    rc, out, err = b.stop()
    check("flipped 4 bits in region config" in err, "flipbits: noted on stderr")

    # bit flips in a complete staged package: COMMIT refuses it, nothing installed
    priv = os.path.join(d, "k.key")
    pub, der = make_key(d, "k")
    fw, app = images(1, 20000, 30000)
    pkg = build_package(d, "uniform-4k", 0x01000000, 1, fw, app, priv)
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "g.bin"), "--tcp", "127.0.0.1:0", "--trust-key", pub)
    c = Client(b)
    st, p = c.req(0x30, struct.pack("<I", len(pkg)) + hashlib.sha256(pkg).digest())
    off = 0
    while off < len(pkg):
        st, p = c.req(0x31, struct.pack("<I", off) + pkg[off:off + c.chunk()])
        off = struct.unpack("<I", p)[0]
    check(c.info().get(0x10) == 2, "flipbits: staging complete before the flips")
    c.close()
    b.stop()
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "g.bin"), "--tcp", "127.0.0.1:0",
              "--flip-bits", "update:8", "--seed", "9")
    c = Client(b)
    state = c.info().get(0x10)
    st, p = c.req(0x33)
    check(st in (13, 17, 10, 20) and state in (2, 4), "flipbits: update:8 -> staging state %s, COMMIT refused with %d (%s)"
          % (state, st, p.decode(errors="replace")))
    i = c.info()
    check(0x06 not in i and i.get(0x10) == 0, "flipbits: nothing installed, staging erased")
    c.close()
    b.stop()


def t_powercut(d):
    priv = os.path.join(d, "k.key")
    pub, der = make_key(d, "k")
    fa, aa = images(1, 30000, 60000)
    fb, ab = images(2, 34000, 56000)
    va, vb = 0x01000000, 0x02000000
    pa = build_package(d, "uniform-4k", va, 1, fa, aa, priv)
    pb = build_package(d, "uniform-4k", vb, 1, fb, ab, priv)
    b, st = board_with(d, "a.bin", pa, pub)
    c = Client(b)
    check(st == 0 and running(c, fa, aa, va), "powercut: A installed")
    check(c.info().get(0x0C) == 1, "powercut: A confirmed by the agent")
    c.close()
    b.stop()
    # N of a clean update (operations since start-up, as --power-cut-after counts them)
    shutil.copy(os.path.join(d, "a.bin"), os.path.join(d, "clean.bin"))
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "clean.bin"), "--tcp", "127.0.0.1:0", "--stats")
    c = Client(b)
    c.deploy(pb)
    c.close()
    c = Client(b)
    check(running(c, fb, ab, vb), "powercut: clean update to B")
    c.close()
    rc, out, err = b.stop()
    n = int(__import__("re").findall(r"flash operations: (\d+)", err)[-1])
    check(n > 50, "powercut: a clean update takes %d flash operations" % n)
    outcomes = []
    # The transfer is the first few operations (staging is blank after the last install, so it
    # only programs); the install is the rest.
    for cut, torn in ((n // 16, False), (n // 4, True), (n // 2, False), (n - 3, True)):
        shutil.copy(os.path.join(d, "a.bin"), os.path.join(d, "cut.bin"))
        extra = ["--power-cut-after", str(cut)] + (["--torn", "--seed", str(cut)] if torn else [])
        b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "cut.bin"), "--tcp", "127.0.0.1:0", *extra)
        c = Client(b)
        try:
            c.deploy(pb)
        except (OSError, EOFError, TimeoutError):
            pass  # the link dropped with the power
        c.close()
        c = Client(b)
        old, new = running(c, fa, aa, va), running(c, fb, ab, vb)
        i = c.info()
        check(old != new and i.get(0x09) == 2 and i.get(0x0C) in (1, 3),
              "powercut: cut after %d%s: board runs %s (image state %s)" % (cut, " torn" if torn else "",
                                                                            "A" if old else ("B" if new else "neither"),
                                                                            i.get(0x0C)))
        outcomes.append("A" if old else "B")
        if old:
            c.deploy(pb)
            c.close()
            c = Client(b)
        check(running(c, fb, ab, vb), "powercut: cut after %d: B runs after the host's retry" % cut)
        c.close()
        rc, out, err = b.stop()
        check("power cut after %d flash operations" % cut in err, "powercut: cut after %d noted" % cut)
    check("A" in outcomes and "B" in outcomes, "powercut: cuts ended on the old (transfer) and the new (install) images: %s"
          % outcomes)
    # several cuts: N1,N2 (the second counted from the first); the host retries until B runs
    shutil.copy(os.path.join(d, "a.bin"), os.path.join(d, "multi.bin"))
    plan = "%d,%d" % (n // 3, n // 2)
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "multi.bin"), "--tcp", "127.0.0.1:0",
              "--power-cut-after", plan, "--torn", "--seed", "11")
    done = False
    for attempt in range(6):
        c = Client(b)
        if running(c, fb, ab, vb):
            done = True
            c.close()
            break
        try:
            c.deploy(pb)
        except (OSError, EOFError, TimeoutError):
            pass
        c.close()
    rc, out, err = b.stop()
    check(done, "powercut: cuts %s: B runs after the host's retries" % plan)
    check(err.count("fault injection: power cut") == 2, "powercut: cuts %s: exactly two power cuts" % plan)


def t_noconfirm(d):
    priv = os.path.join(d, "k.key")
    pub, der = make_key(d, "k")
    fa, aa = images(1, 20000, 30000)
    fb, ab = images(2, 21000, 29000)
    va, vb = 0x01000000, 0x02000000
    pa = build_package(d, "uniform-4k", va, 1, fa, aa, priv)
    pb = build_package(d, "uniform-4k", vb, 2, fb, ab, priv)
    b, st = board_with(d, "a.bin", pa, pub)
    b.stop()
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "a.bin"), "--tcp", "127.0.0.1:0",
              "--no-confirm", "--watchdog-ms", "300", "--clock-step", "300", "--verbose")
    booted = "booted into the application"
    c = Client(b)
    check(c.deploy(pb) == 0, "noconfirm: B committed")
    c.close()
    # 3 trial boots of 300 ms on the board's clock (stepped, not waited for), then the
    # bootloader reverts: each step comes after the trial boot it ends has started
    for k in range(3):
        check(b.wait_stderr(booted, 2 + k) and b.advance_clock() and b.wait_stderr("watchdog:", 1 + k),
              "noconfirm: trial boot %d ends by the watchdog" % (k + 1))
    check(b.wait_stderr(booted, 5), "noconfirm: the board booted again after the third trial")
    c = Client(b)
    i = c.info()
    check(running(c, fa, aa, va), "noconfirm: A runs again after the trial limit")
    check(i.get(0x0C) == 3 and i.get(0x0F) == 1 and i.get(0x0B) == 4,
          "noconfirm: INFO image state reverted (%s), reason not confirmed (%s), last install reverted (%s)"
          % (i.get(0x0C), i.get(0x0F), i.get(0x0B)))
    check(i.get(0x0A) == 1, "noconfirm: B's security counter never took effect")
    c.close()
    rc, out, err = b.stop()
    check(err.count("watchdog") >= 3, "noconfirm: watchdog resets noted")
    # the host confirms: the image stays
    b = Board("--board", "uniform-4k", "--flash", os.path.join(d, "a.bin"), "--tcp", "127.0.0.1:0",
              "--no-confirm", "--watchdog-ms", "1500", "--clock-step", "2000")
    c = Client(b)
    check(c.deploy(pb) == 0, "noconfirm: B committed again")
    c.close()
    c = Client(b)
    i = c.info()
    check(i.get(0x0C) == 2 and i.get(0x0D) == 1 and i.get(0x0E) == 3 and i.get(0x13) == va,
          "noconfirm: trial, boot count 1, limit 3, previous application A")
    st, p = c.req(0x41)
    check(st == 0 and c.info().get(0x0C) == 1, "noconfirm: CONFIRM -> confirmed")
    c.close()
    check(b.advance_clock(), "noconfirm: 2 s pass on the board's clock, beyond the watchdog's 1.5 s")
    c = Client(b)
    i = c.info()
    check(running(c, fb, ab, vb) and i.get(0x0C) == 1 and i.get(0x0A) == 2, "noconfirm: confirmed B stays, counter 2")
    c.close()
    b.stop()


TESTS = dict(faultopts=t_faultopts, flipbits=t_flipbits, powercut=t_powercut, noconfirm=t_noconfirm,
             factory=t_factory, reprovision=t_reprovision, errors=t_errors, ready=t_ready, ping=t_ping,
             reset=t_reset, droplink=t_droplink)


def t_installed(d):
    """Started by bare name from $PATH, as an installed program is: the board profiles are found
    in ../share/piton/boards beside the program (a board id that exists only there)."""
    prefix = os.path.join(d, "prefix")
    os.makedirs(os.path.join(prefix, "bin"))
    boards = os.path.join(prefix, "share", "piton", "boards")
    os.makedirs(boards)
    shutil.copy(ARGS.vboard, os.path.join(prefix, "bin", "piton-vboard"))
    with open(os.path.join(ARGS.boards_dir, "uniform-4k.json")) as f:
        profile = json.load(f)
    profile["id"] = "installed-only-board"
    with open(os.path.join(boards, "installed-only-board.json"), "w") as f:
        json.dump(profile, f)
    env = dict(os.environ)
    env.pop("PITON_BOARDS_DIR", None)
    env["PATH"] = os.path.join(prefix, "bin") + os.pathsep + env.get("PATH", "")
    p = subprocess.Popen(["piton-vboard", "--board", "installed-only-board", "--flash", os.path.join(d, "f.bin"),
                          "--tcp", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd="/")
    try:
        r, _, _ = select.select([p.stdout], [], [], 15)
        line = p.stdout.readline() if r else b""
        check(line.startswith(b"{") and json.loads(line.decode()).get("board") == "installed-only-board",
              "started by name from $PATH, the profile beside the program is found (%r)" % line[:120])
    finally:
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=15)
    check(p.returncode == 0, "stops cleanly (status %s, stderr %s)" % (p.returncode, err.decode(errors="replace")[-300:]))


TESTS["installed"] = t_installed


def t_overrun(d):
    """--flash-timing on a paced line (921600 baud) with a 2048-byte receive buffer: PING sizes
    window and payload to the buffer; a host that ignores the grant and sends a burst while the
    board erases a 128 KB sector (1 s with the datasheet timing) overruns the buffer: the board
    answers the erase and the requests that survived whole, in order, counts the lost bytes, and
    serves the next request. Geometry from the board profile."""
    prof = json.load(open(os.path.join(ARGS.boards_dir, "stm32f4-ref.json")))
    dep = [r["name"] for r in prof["regions"]].index("deployment")
    dep_addr = int(prof["regions"][dep]["address"], 16)
    sector = None
    for dev in prof["flash"]:
        a = int(dev["address"], 16)
        for run in dev["sectors"]:
            for _ in range(run["count"]):
                if a == dep_addr:
                    sector = run["size"]
                a += run["size"]
    rx = 2048
    link = os.path.join(d, "ttyVB")
    b = Board("--board", "stm32f4-ref", "--flash", os.path.join(d, "f.bin"), "--serial-link", link,
              "--flash-timing", "--baud", "921600", "--rx-buffer", str(rx), "--stats")
    fd = open_pty(link)
    recv = fd_recv(fd)
    os.write(fd, frame(0x01, 1, struct.pack("<IB", 4096, 4)))
    cmd, seq, flags, status, payload, ok, ver = read_frame(recv)
    window, maxp = payload[2], struct.unpack("<I", payload[4:8])[0]
    check(ok and status == 0 and window >= 2 and (window - 1) * (maxp + 16) <= rx,
          "overrun: PING grants window %d x payload %d for a %d-byte receive buffer" % (window, maxp, rx))
    burst = 200
    pings = b"".join(frame(0x01, 100 + i) for i in range(burst))
    t0 = time.time()
    os.write(fd, frame(0x11, 2, struct.pack("<BBHII", dep, 0, 0, 0, sector)) + pings)
    # everything the board answers, until it has been silent for 1.5 s
    frames, last = answers_until_silent(recv, 1.5, t0 + 20)
    frames = [(cmd, seq, status) for cmd, seq, status, _ in frames]
    took = (last - t0)
    check(frames and frames[0] == (0x11, 2, 0), "overrun: the %d-byte sector erased (%s)" % (sector, frames[:1]))
    check(took >= 0.5, "overrun: the erase took the datasheet's time (%.2f s to the last answer)" % took)
    seqs = [f[1] for f in frames[1:]]
    n = len(seqs)
    os.write(fd, frame(0x01, 999))
    got = None
    try:
        while got != 999:
            cmd, got, flags, status, payload, ok, ver = read_frame(recv, timeout=5)
    except TimeoutError:
        pass
    check(got == 999, "overrun: the next request is served")
    os.close(fd)
    rc, out, err = b.stop()
    m = __import__("re").findall(r"received bytes dropped \(receive buffer full\) (\d+)", err)
    dropped = int(m[-1]) if m else -1
    lost = burst * 16 - n * 16
    check(lost - 16 < dropped <= lost, "overrun: --stats counts %d bytes dropped (%d requests lost: %d bytes)"
          % (dropped, burst - n, lost))
    check("erasing" in err and rc == 0, "overrun: --stats reports the time erasing; exit 0")


TESTS["overrun"] = t_overrun


def t_readypipe(d):
    """`--baud N --flash-timing` with stdin an open pipe, as scripts and tests start the board:
    the ready line comes within 15 s, for a new flash file (provisioning takes the datasheet's
    time while the line is paced; before the fix the paced line read stdin as the pty then) and an
    existing one, and the board answers PING on the pty."""
    link = os.path.join(d, "ttyVB")
    for what in ("new flash file", "existing flash file"):
        t0 = time.time()
        try:
            b = Board("--board", "stm32f4-ref", "--flash", os.path.join(d, "f.bin"), "--serial-link", link,
                      "--baud", "115200", "--flash-timing", stdin=subprocess.PIPE)
        except RuntimeError as e:
            check(False, "readypipe: %s: %s" % (what, e))
            return
        check(b.ready.get("board") == "stm32f4-ref",
              "readypipe: %s: ready line after %.2f s with stdin a pipe" % (what, time.time() - t0))
        fd = open_pty(link)
        recv = fd_recv(fd)
        os.write(fd, frame(0x01, 5, struct.pack("<IB", 4096, 4)))
        cmd, seq, flags, status, payload, ok, ver = read_frame(recv)
        check(ok and cmd == 0x01 and seq == 5 and status == 0, "readypipe: %s: PING answered on the pty" % what)
        os.close(fd)
        b.proc.stdin.close()
        b.proc.stdin = None
        rc, out, err = b.stop()
        check(rc == 0, "readypipe: %s: exit 0 on SIGTERM (stderr %s)" % (what, err[-200:]))


TESTS["readypipe"] = t_readypipe


def t_dropframe(d):
    """--drop-reply 0x01:2 loses the board's second PING answer (the board served it: the third
    comes in order); --drop-request 0x01:2 cuts the second PING out of the received bytes, also
    when it trickles in a byte at a time, so the board answers the first and third only; the
    bytes around it (a request right behind it in the same write) reach the board whole."""
    link = os.path.join(d, "ttyVB")
    for opt in ("--drop-reply", "--drop-request"):
        b = Board("--board", "stm32f4-ref", "--flash", os.path.join(d, "f.bin"), "--serial-link", link, opt, "0x01:2")
        fd = open_pty(link)
        recv = fd_recv(fd)
        ping = lambda seq: frame(0x01, seq, struct.pack("<IB", 4096, 1))
        second = ping(2)
        if opt == "--drop-request":
            os.write(fd, ping(1))
            for i in range(len(second)):
                os.write(fd, second[i:i + 1])
                time.sleep(0.002)
            os.write(fd, ping(3) + frame(0x02, 4))
        else:
            os.write(fd, ping(1) + second + ping(3) + frame(0x02, 4))
        got, _ = answers_until_silent(recv, 1.0, time.time() + 20)
        seqs = [seq for cmd, seq, status, ok in got if ok]
        check(seqs == [1, 3, 4], "dropframe: %s 0x01:2: answers to sequences %s, expected [1, 3, 4]" % (opt, seqs))
        os.close(fd)
        rc, out, err = b.stop()
        said = "dropped response 2 to command 0x01" if opt == "--drop-reply" else "dropped request 2 of command 0x01"
        check(rc == 0 and said in err, "dropframe: %s noted on stderr (%r)" % (opt, err[-160:]))


TESTS["dropframe"] = t_dropframe


def main():
    return run_main(TESTS, "vboard-")


if __name__ == "__main__":
    sys.exit(main())
