#!/usr/bin/env python3
"""e2e.sessions: authenticated sessions and the access policy (docs/security.md "Sessions and
access policy", docs/protocol.md §6) through real links against piton-vboard.

A --locked board over TCP refuses, with the documented status and nothing changed (SHA-256 of
the whole flash file before and after): no credential, the wrong role, an expired credential,
one for another device, one from an untrusted access key, a replayed frame, a reordered frame
and a frame with one bit changed in transit (a man-in-the-middle TCP relay between piton-cli
and the board). Credentials come from `piton-cli access issue`; the handshake and sealing are
done here a second time with Python's `cryptography` (an independent implementation of §6), and
by piton-cli itself through the relay. A development board over serial works without a session.
Also the leaks of a locked board: READ of the bootloader, sub-sector HASH, secret config
entries, the erase budget.
"""
import argparse, base64, hashlib, json, os, re, select, socket, struct, subprocess, sys, tempfile, threading, time, zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vboard"))
from vboard_test import cli_env  # noqa: E402  (piton-cli under LANG=C.UTF-8)

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
except ImportError:
    print("SKIP: python3-cryptography is not installed")
    sys.exit(77)

FAILS = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        FAILS.append(what)


def constants(header):
    text = open(header).read()
    c = {m.group(1): int(m.group(2), 0) for m in re.finditer(r"\b(PT_\w+) = (0x[0-9A-Fa-f]+|\d+)", text)}
    c.update({m.group(1): int(m.group(2), 0) for m in re.finditer(r"#define (PT_\w+) (0x[0-9A-Fa-f]+|\d+)u", text)})
    c.update({m.group(1): m.group(2).encode() for m in re.finditer(r'#define (PT_\w+) "([^"]*)"', text)})
    return c


class Board:
    def __init__(self, *extra):
        self.proc = subprocess.Popen([ARGS.vboard, "--boards-dir", ARGS.boards_dir] + list(extra),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line, end = b"", time.time() + 15
        while time.time() < end and not line.endswith(b"\n"):
            if select.select([self.proc.stdout], [], [], 0.2)[0]:
                c = os.read(self.proc.stdout.fileno(), 1)
                if not c:
                    break
                line += c
        if not line:
            raise RuntimeError("piton-vboard did not start: " + self.proc.stderr.read().decode(errors="replace"))
        self.ready = json.loads(line)
        self.port = int(self.ready["tcp"].rsplit(":", 1)[1]) if "tcp" in self.ready else None

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def cli(*args):
    r = subprocess.run([ARGS.cli] + list(args), capture_output=True, text=True, timeout=60, env=cli_env())
    return r.returncode, r.stdout + r.stderr


def flash_sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def frame(cmd, seq, payload, flags=0, status=0):
    h = struct.pack("<2sBBHBBI", b"PT", 1, cmd, seq, flags, status, len(payload))
    return h + payload + struct.pack("<I", zlib.crc32(h + payload))


def read_frame(sock, timeout=10):
    buf, end = b"", time.time() + timeout
    while time.time() < end:
        if len(buf) >= 12:
            n = struct.unpack_from("<I", buf, 8)[0]
            if len(buf) >= 16 + n:
                return buf[:16 + n]
        sock.settimeout(max(0.05, end - time.time()))
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        buf += chunk
    raise RuntimeError("no complete frame")


def parse(f):
    _, _, cmd, seq, flags, status, n = struct.unpack_from("<2sBBHBBI", f, 0)
    return cmd, seq, flags, status, f[12:12 + n], f[:12]


def load_credential(path):
    text = open(path).read()
    b64 = text.split("-----BEGIN PITON CREDENTIAL-----")[1].split("-----END PITON CREDENTIAL-----")[0]
    key = serialization.load_pem_private_key(text.split("-----END PITON CREDENTIAL-----")[1].strip().encode(), None)
    return base64.b64decode("".join(b64.split())), key


def nonce(direction, counter):
    return struct.pack("<IQ", direction, counter)


class Peer:
    """A host speaking docs/protocol.md §6 with Python's cryptography."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.seq, self.keys, self.tx, self.rx = 1, None, 0, 0

    def close(self):
        self.sock.close()

    def plain(self, cmd, payload=b""):
        self.seq += 1
        self.sock.sendall(frame(cmd, self.seq, payload))
        c, s, flags, status, body, _ = parse(read_frame(self.sock))
        return status, body

    def handshake(self, cred_path):
        cred, holder = load_credential(cred_path)
        eph = ec.generate_private_key(ec.SECP256R1())
        host_eph = eph.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        status, r = self.plain(K["PT_CMD_AUTH_HELLO"], bytes([1, 0, 0, 0]) + host_eph)
        if status:
            return status, r
        dev_eph, dev_id, sig = r[:65], r[65:130], r[131:131 + r[130]]
        m1 = K["PT_AUTH_LABEL_HELLO"] + host_eph + dev_eph + dev_id
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), dev_id).verify(sig, m1, ec.ECDSA(hashes.SHA256()))
        m2 = K["PT_AUTH_LABEL_PROOF"] + hashlib.sha256(m1).digest() + cred
        psig = holder.sign(m2, ec.ECDSA(hashes.SHA256()))
        status, r = self.plain(K["PT_CMD_AUTH_PROOF"], cred + bytes([len(psig)]) + psig + bytes(72 - len(psig) + 1))
        if status:
            return status, r
        z = eph.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), dev_eph))
        k = HKDF(hashes.SHA256(), 64, hashlib.sha256(m2).digest(), K["PT_AUTH_LABEL_KEYS"]).derive(z)
        self.keys, self.tx, self.rx = (k[:32], k[32:]), 0, 0
        return 0, r

    def seal(self, cmd, payload=b"", counter=None):
        """The wire bytes of a sealed request (not sent)."""
        if counter is None:
            self.tx += 1
            counter = self.tx
        self.seq += 1
        h = struct.pack("<2sBBHBBI", b"PT", 1, cmd, self.seq, 2, 0, len(payload) + 24)
        body = struct.pack("<Q", counter) + AESGCM(self.keys[0]).encrypt(nonce(0, counter), payload, h)
        return h + body + struct.pack("<I", zlib.crc32(h + body))

    def send_raw(self, wire):
        self.sock.sendall(wire)
        cmd, seq, flags, status, body, h = parse(read_frame(self.sock))
        if flags & 2:
            counter = struct.unpack_from("<Q", body)[0]
            check(counter > self.rx, "response counter increases")
            self.rx = counter
            body = AESGCM(self.keys[1]).decrypt(nonce(1, counter), body[8:], h)
        return status, body

    def sealed(self, cmd, payload=b""):
        return self.send_raw(self.seal(cmd, payload))


def config_set(key, value):
    return bytes([len(key)]) + key + value


class Relay:
    """A man in the middle: forwards TCP both ways; flips one bit of the first sealed request."""

    def __init__(self, target_port, flip):
        self.srv = socket.socket()
        self.srv.bind(("127.0.0.1", 0))
        self.srv.listen(4)
        self.port = self.srv.getsockname()[1]
        self.target, self.flip, self.flipped, self.responses = target_port, flip, False, []
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        while True:
            try:
                a, _ = self.srv.accept()
            except OSError:
                return
            b = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self.pump, args=(a, b, True), daemon=True).start()
            threading.Thread(target=self.pump, args=(b, a, False), daemon=True).start()

    def pump(self, src, dst, to_device):
        buf = b""
        while True:
            try:
                chunk = src.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            buf += chunk
            while len(buf) >= 12 and len(buf) >= 16 + struct.unpack_from("<I", buf, 8)[0]:
                n = 16 + struct.unpack_from("<I", buf, 8)[0]
                f, buf = bytearray(buf[:n]), buf[n:]
                if to_device and self.flip and not self.flipped and f[6] & 2 and n > 40:
                    f[12 + 8 + 1] ^= 0x04  # one bit of the ciphertext
                    f[-4:] = struct.pack("<I", zlib.crc32(bytes(f[:-4])))  # a valid frame again
                    self.flipped = True
                if not to_device:
                    self.responses.append(parse(bytes(f)))
                dst.sendall(bytes(f))

    def close(self):
        self.srv.close()


def main():
    d = tempfile.mkdtemp(prefix="pt-sessions-")
    p = lambda n: os.path.join(d, n)
    for name in ("sign", "access", "rogue"):
        rc, out = cli("keys", "generate", "-o", p(name + ".pem"))
        assert rc == 0, out
    issue = lambda name, *a: cli("access", "issue", "--key", p("access.pem"), "-o", p(name), *a)
    check(issue("tech.ptcred", "--role", "technician", "--for", "ALL", "--days", "1")[0] == 0, "access issue: technician for ALL")
    check(issue("obs.ptcred", "--role", "observer", "--for", "ALL", "--days", "1")[0] == 0, "access issue: observer")
    check(issue("old.ptcred", "--role", "technician", "--for", "ALL", "--from", "2020-01-01", "--days", "1")[0] == 0,
          "access issue: technician, expired 2020-01-02")
    check(issue("other.ptcred", "--role", "technician", "--for", "00112233445566778899aabb", "--days", "1")[0] == 0,
          "access issue: technician for another device")
    check(cli("access", "issue", "--key", p("rogue.pem"), "-o", p("rogue.ptcred"), "--role", "factory", "--for", "ALL")[0] == 0,
          "access issue: factory, signed by an untrusted key")
    rc, out = cli("access", "issue", "--key", p("access.pem"), "-o", p("x.ptcred"), "--role", "admin", "--for", "ALL")
    check(rc == 2 and "observer, technician or factory" in out, "access issue: unknown role is a usage error")

    flash = p("locked.bin")
    b = Board("--board", "uniform-4k", "--flash", flash, "--trust-key", p("sign.pub.pem"),
              "--trust-access-key", p("access.pub.pem"), "--locked", "--tcp", "127.0.0.1:0", "--serial-link", p("ltty"))
    uri = "tcp:127.0.0.1:%d" % b.port
    try:
        rc, out = cli("-c", uri, "--credential", p("tech.ptcred"), "config", "set", "user.note=hello")
        check(rc == 0, "technician over TCP sets a config entry (%s)" % out.strip()[-120:])
        rc, out = cli("-c", uri, "--credential", p("obs.ptcred"), "--json", "info")
        check(rc == 0 and json.loads(out)["role"] == "observer" and json.loads(out)["accessPolicy"] is True,
              "info shows the access policy and the observer role")
        # A technician deploys through the sealed session (HASH of the installed image included).
        with open(p("app.bin"), "wb") as f:
            f.write(os.urandom(10000))
        rc, out = cli("package", "create", "--board", "uniform-4k", "--version", "1.0.0", "--key", p("sign.pem"),
                      "--application", p("app.bin"), "--application-base", "0x0802C000", "-o", p("app.ptpkg"))
        check(rc == 0, "package created")
        rc, out = cli("-c", uri, "--credential", p("tech.ptcred"), "deploy", p("app.ptpkg"))
        check(rc == 0, "technician deploys over TCP with sealed frames (%s)" % out.strip()[-160:])
        rc, out = cli("-c", uri, "--credential", p("obs.ptcred"), "verify", p("app.ptpkg"))
        check(rc == 0, "observer verifies the installed package (%s)" % out.strip()[-120:])
        rc, out = cli("-c", uri, "deploy", p("app.ptpkg"))
        check(rc == 1 and "technician session on a locked board over TCP" in out, "deploy without credential refused")
        before = flash_sha(flash)

        def unchanged(what):
            check(flash_sha(flash) == before, what + ": flash file unchanged (SHA-256)")

        # 1. no credential
        peer = Peer(b.port)
        s, m = peer.plain(K["PT_CMD_CONFIG_SET"], config_set(b"user.note", b"evil"))
        check(s == K["PT_E_AUTH_REQUIRED"] and b"config set needs a technician session on a locked board over TCP" in m,
              "no credential: CONFIG_SET refused AUTH_REQUIRED (%s)" % m.decode())
        s, m = peer.plain(K["PT_CMD_ERASE"], struct.pack("<BBHII", 1, 0, 0, 0, 0))
        check(s == K["PT_E_AUTH_REQUIRED"] and m.startswith(b"erase needs a technician session on a locked board over TCP"),
              "no credential: ERASE refused (%s)" % m.decode())
        s, m = peer.plain(K["PT_CMD_CONFIG_READ"])
        check(s == K["PT_E_AUTH_REQUIRED"], "no credential: CONFIG_READ needs an observer session")
        s, m = peer.plain(K["PT_CMD_INFO"])
        check(s == 0, "no credential: INFO is open")
        peer.close()
        rc, out = cli("-c", uri, "-y", "erase", "deployment")
        check(rc == 1 and "technician session on a locked board over TCP" in out, "piton-cli erase without credential refused: " + out.strip())
        rc, out = cli("-c", "serial:" + p("ltty"), "config", "set", "user.note=evil")
        check(rc == 1 and "technician session on a locked board over serial" in out,
              "locked board over serial without a session refused: " + out.strip()[-120:])
        rc, out = cli("-c", "serial:" + p("ltty"), "--credential", p("tech.ptcred"), "config", "get", "user.note")
        check(rc == 0 and "hello" in out, "locked board over serial with a technician session: sealed frames on the pty")
        unchanged("no credential")

        # 2. wrong role
        peer = Peer(b.port)
        s, _ = peer.handshake(p("obs.ptcred"))
        check(s == 0, "observer handshake")
        s, m = peer.sealed(K["PT_CMD_CONFIG_SET"], config_set(b"user.note", b"evil"))
        check(s == K["PT_E_AUTH_REQUIRED"] and b"(this session is observer)" in m, "observer: CONFIG_SET refused (%s)" % m.decode())
        s, m = peer.sealed(K["PT_CMD_CONFIG_GET"], b"user.note")
        check(s == 0 and m == b"hello", "observer reads user.note over the sealed session")
        peer.close()
        unchanged("wrong role")

        # 3.-5. expired, another device, untrusted access key: AUTH_PROOF refused
        for cred, text in (("old.ptcred", b"expired"), ("other.ptcred", b"another device"),
                           ("rogue.ptcred", b"does not trust")):
            peer = Peer(b.port)
            s, m = peer.handshake(p(cred))
            check(s == K["PT_E_AUTH_FAILED"] and text in m, "%s: AUTH_PROOF refused AUTH_FAILED (%s)" % (cred, m.decode()))
            s, m = peer.plain(K["PT_CMD_CONFIG_SET"], config_set(b"user.note", b"evil"))
            check(s == K["PT_E_AUTH_REQUIRED"], cred + ": no session afterwards")
            peer.close()
            rc, out = cli("-c", uri, "--credential", p(cred), "config", "set", "user.note=evil")
            check(rc != 0 and text.decode() in out, "piton-cli with %s refused: %s" % (cred, out.strip()[-160:]))
        unchanged("expired / other device / untrusted")

        # 6. replayed frame
        peer = Peer(b.port)
        check(peer.handshake(p("tech.ptcred"))[0] == 0, "technician handshake")
        wire = peer.seal(K["PT_CMD_CONFIG_SET"], config_set(b"user.note", b"two"))
        s, _ = peer.send_raw(wire)
        check(s == 0, "sealed CONFIG_SET accepted")
        before = flash_sha(flash)
        # An exact repeat right away is a retransmission (docs/protocol.md §2): the kept sealed
        # response comes again byte for byte (the host's counter check drops it), nothing runs.
        peer.sock.sendall(wire)
        again = parse(read_frame(peer.sock))
        check(again[3] == 0 and again[2] & 2 and struct.unpack_from("<Q", again[4])[0] == peer.rx,
              "an immediate repeat is answered from the kept response (same counter)")
        unchanged("immediate repeat")
        for _ in range(K["PT_RECENT_RESPONSES"]):
            check(peer.sealed(K["PT_CMD_INFO"])[0] == 0, "sealed INFO")
        s, m = peer.send_raw(wire)
        check(s == K["PT_E_SEAL"] and b"replayed or reordered" in m, "replayed frame refused SEAL (%s)" % m.decode())
        s, m = peer.sealed(K["PT_CMD_CONFIG_SET"], config_set(b"user.note", b"evil"))
        check(s == K["PT_E_SEAL"], "the session ended with the replay (%s)" % m.decode())
        peer.close()
        unchanged("replayed frame")

        # 7. reordered frames: counter 2 first (gaps are allowed), then counter 1
        peer = Peer(b.port)
        check(peer.handshake(p("tech.ptcred"))[0] == 0, "technician handshake")
        first = peer.seal(K["PT_CMD_CONFIG_SET"], config_set(b"user.note", b"three"))
        second = peer.seal(K["PT_CMD_CONFIG_SET"], config_set(b"user.note", b"four"))
        s, _ = peer.send_raw(second)
        check(s == 0, "later frame (counter 2) accepted")
        before = flash_sha(flash)
        s, m = peer.send_raw(first)
        check(s == K["PT_E_SEAL"] and b"replayed or reordered" in m, "earlier frame after it refused SEAL (%s)" % m.decode())
        peer.close()
        unchanged("reordered frame")

        # 8. one bit changed in transit: piton-cli through a relay
        relay = Relay(b.port, flip=False)
        rc, out = cli("-c", "tcp:127.0.0.1:%d" % relay.port, "--credential", p("tech.ptcred"), "config", "get", "user.note")
        check(rc == 0 and "four" in out, "through an honest relay: piton-cli reads user.note=four")
        relay.close()
        relay = Relay(b.port, flip=True)
        rc, out = cli("-c", "tcp:127.0.0.1:%d" % relay.port, "--credential", p("tech.ptcred"), "config", "set", "user.note=evil")
        sealed_refusals = [r for r in relay.responses if r[3] == K["PT_E_SEAL"]]
        check(relay.flipped and rc != 0 and sealed_refusals and b"altered in transit" in sealed_refusals[0][4],
              "bit flipped in transit: refused SEAL (%s)" % out.strip()[-160:])
        relay.close()
        unchanged("bit flip")

        # Leaks closed (locked board)
        peer = Peer(b.port)
        check(peer.handshake(p("tech.ptcred"))[0] == 0, "technician handshake")
        s, m = peer.sealed(K["PT_CMD_READ"], struct.pack("<BBHII", 0, 0, 0, 0, 64))
        check(s == K["PT_E_PROTECTED"], "READ of the bootloader refused (%s)" % m.decode())
        s, m = peer.sealed(K["PT_CMD_HASH"], struct.pack("<BBHII", 1, 0, 0, 0, 16))
        check(s == K["PT_E_PROTECTED"] and b"only whole sectors" in m, "HASH of 16 bytes refused (%s)" % m.decode())
        s, m = peer.sealed(K["PT_CMD_HASH"], struct.pack("<BBHII", 1, 0, 0, 0, 0))
        check(s == 0 and len(m) == 32, "HASH of a whole region served")
        s, _ = peer.sealed(K["PT_CMD_CONFIG_SET"], config_set(b"secret.psk", b"hunter2-wifi"))
        check(s == 0, "secret entry set")
        s, m = peer.sealed(K["PT_CMD_CONFIG_GET"], b"secret.psk")
        check(s == K["PT_E_PROTECTED"] and b"hunter2" not in m, "secret entry is write-only (%s)" % m.decode())
        s, blob = peer.sealed(K["PT_CMD_CONFIG_READ"])
        check(s == 0 and b"secret.psk" in blob and b"hunter2" not in blob, "CONFIG_READ lists the secret without its value")
        s, _ = peer.sealed(K["PT_CMD_CONFIG_WRITE"], blob)
        check(s == 0, "restore of that backup accepted")
        s, blob2 = peer.sealed(K["PT_CMD_CONFIG_READ"])
        peer.close()
        check(b"secret.psk" in blob2, "restore kept the device's secret")
        rc, out = cli("-c", uri, "--credential", p("tech.ptcred"), "config", "backup", "-o", p("b.ptcfg"))
        check(rc == 0 and b"secret.psk" in open(p("b.ptcfg"), "rb").read() and b"hunter2" not in open(p("b.ptcfg"), "rb").read(),
              "piton-cli config backup records the secret without its value")
        rc, out = cli("-c", uri, "--credential", p("tech.ptcred"), "-y", "config", "restore", p("b.ptcfg"))
        check(rc == 0, "piton-cli config restore of that backup succeeds (%s)" % out.strip()[-120:])
        peer = Peer(b.port)
        check(peer.handshake(p("tech.ptcred"))[0] == 0, "technician handshake")
        s, blob3 = peer.sealed(K["PT_CMD_CONFIG_READ"])
        peer.close()
        check(s == 0 and b"secret.psk" in blob3, "the device kept its secret through the restore")
        regions = json.loads(cli("-c", uri, "--credential", p("obs.ptcred"), "--json", "regions")[1])["regions"]
        dep = next(r for r in regions if r["name"] == "deployment")
        sectors = dep["size"] // 4096
        erases = 0
        for _ in range(K["PT_ERASE_BUDGET_SECTORS"] // max(1, sectors) + 2):
            rc, out = cli("-c", uri, "--credential", p("tech.ptcred"), "-y", "erase", "deployment")
            if rc != 0:
                break
            erases += 1
        check(erases * sectors <= K["PT_ERASE_BUDGET_SECTORS"] and "RATE_LIMITED" in out and "budget" in out,
              "erase budget: %d erases of %d sectors, then refused: %s" % (erases, sectors, out.strip()[-140:]))
        wait = re.search(r"the board asks to wait (\d+) s", out)  # the retry-after field (docs/protocol.md §3)
        check(wait and 0 < int(wait.group(1)) <= K["PT_ERASE_BUDGET_WINDOW_MS"] // 1000,
              "the erase refusal's retry-after field: the window's end (%s s)" % (wait and wait.group(1)))
    finally:
        b.stop()

    # A development board over serial: technician work without a session; over TCP not.
    dev = Board("--board", "uniform-4k", "--flash", p("dev.bin"), "--trust-key", p("sign.pub.pem"),
                "--trust-access-key", p("access.pub.pem"), "--serial-link", p("tty"), "--tcp", "127.0.0.1:0")
    try:
        rc, out = cli("-c", "serial:" + p("tty"), "config", "set", "user.bench=1")
        check(rc == 0, "development board over serial: config set without a session (%s)" % out.strip()[-100:])
        rc, out = cli("-c", "tcp:127.0.0.1:%d" % dev.port, "config", "set", "user.bench=2")
        check(rc == 1 and "technician session on a development board over TCP" in out, "development board over TCP refused: " + out.strip()[-120:])
    finally:
        dev.stop()
    # No access key (--no-access-key): read-only over TCP, the refusal says why; reads served.
    env_none = dict(os.environ)
    env_none.pop("PITON_CREDENTIAL", None)
    ro = Board("--board", "uniform-4k", "--flash", p("ro.bin"), "--trust-key", p("sign.pub.pem"), "--no-access-key",
               "--tcp", "127.0.0.1:0", "--serial-link", p("rtty"))
    try:
        rc, out = cli("-c", "tcp:127.0.0.1:%d" % ro.port, "--json", "info")
        check(rc == 0 and json.loads(out.splitlines()[0])["accessKeys"] == 0, "no access key: info says 0 access keys")
        before = flash_sha(p("ro.bin"))
        rc, out = cli("-c", "tcp:127.0.0.1:%d" % ro.port, "-y", "erase", "deployment")
        check(rc == 1 and "technician session over TCP; this board trusts no access key: provision one with --trust-access-key" in out,
              "no access key: erase over TCP refused naming the missing key: " + out.strip()[-160:])
        peer = Peer(ro.port)
        s, m = peer.plain(K["PT_CMD_ERASE"], struct.pack("<BBHII", 1, 0, 0, 0, 0))
        check(s == K["PT_E_AUTH_REQUIRED"] and m.startswith(b"erase needs a technician session over TCP; this board trusts no access key"),
              "no access key: raw ERASE over TCP refused (%s)" % m.decode())
        peer.close()
        rc, out = cli("-c", "tcp:127.0.0.1:%d" % ro.port, "read", "deployment", "-o", p("ro-dep.bin"))
        check(rc == 0, "no access key: READ over TCP served (read-only)")
        check(flash_sha(p("ro.bin")) == before, "no access key: flash file unchanged (SHA-256)")
        rc, out = cli("-c", "serial:" + p("rtty"), "config", "set", "user.bench=1")
        check(rc == 0, "no access key: config set over serial (physical access) works: " + out.strip()[-100:])
    finally:
        ro.stop()

    # Rollback release: technician refused (region hash unchanged), factory installs it.
    check(issue("fac.ptcred", "--role", "factory", "--for", "ALL", "--days", "1")[0] == 0, "access issue: factory")
    rb = Board("--board", "uniform-4k", "--flash", p("rb.bin"), "--trust-key", p("sign.pub.pem"),
               "--trust-access-key", p("access.pub.pem"), "--tcp", "127.0.0.1:0")
    rburi = "tcp:127.0.0.1:%d" % rb.port
    try:
        for ver, extra in (("2.0.0", ()), ("1.5.0", ("--rollback-release",))):
            with open(p("app-%s.bin" % ver), "wb") as f:
                f.write(os.urandom(6000))
            rc, out = cli("package", "create", "--board", "uniform-4k", "--version", ver, "--key", p("sign.pem"),
                          "--application", p("app-%s.bin" % ver), "--application-base", "0x0802C000", *extra,
                          "-o", p("app-%s.ptpkg" % ver))
            check(rc == 0, "package %s created" % ver)
        rc, out = cli("-c", rburi, "--credential", p("tech.ptcred"), "deploy", p("app-2.0.0.ptpkg"))
        check(rc == 0, "technician deploys 2.0.0 (%s)" % out.strip()[-120:])
        regions = lambda: cli("-c", rburi, "--credential", p("obs.ptcred"), "--json", "info")[1]
        dep_hash = lambda: cli("-c", rburi, "--credential", p("fac.ptcred"), "--json", "read", "deployment", "-o", p("rb-dep.bin"))[0] == 0 \
            and hashlib.sha256(open(p("rb-dep.bin"), "rb").read()).hexdigest()
        before = dep_hash()
        rc, out = cli("-c", rburi, "--credential", p("tech.ptcred"), "deploy", p("app-1.5.0.ptpkg"))
        check(rc == 1 and "a rollback release needs a factory session on a development board over TCP (this session is technician)" in out,
              "technician: rollback release refused: " + out.strip()[-160:])
        check(dep_hash() == before and '"2.0.0"' in regions(), "technician rollback refused: deployment region SHA-256 and version unchanged")
        rc, out = cli("-c", rburi, "--credential", p("fac.ptcred"), "deploy", p("app-1.5.0.ptpkg"))
        check(rc == 0 and '"1.5.0"' in regions(), "factory: rollback release 1.5.0 installed (%s)" % out.strip()[-120:])
    finally:
        rb.stop()

    # Identity pinning: two boards sharing a unique id with different identity keys.
    env = dict(os.environ, PITON_KNOWN_BOARDS=p("known-boards"))
    env.pop("PITON_CREDENTIAL", None)  # only the credentials named here: no handshake, no pin, without one

    def cli_env(*args):
        r = subprocess.run([ARGS.cli] + list(args), capture_output=True, text=True, timeout=60, env=env)
        return r.returncode, r.stdout + r.stderr
    a = Board("--board", "uniform-4k", "--flash", p("pin-a.bin"), "--trust-key", p("sign.pub.pem"),
              "--trust-access-key", p("access.pub.pem"), "--tcp", "127.0.0.1:0")
    a.stop()
    import shutil
    shutil.copy(p("pin-a.bin"), p("pin-b.bin"))
    a = Board("--board", "uniform-4k", "--flash", p("pin-a.bin"), "--tcp", "127.0.0.1:0")
    b2 = Board("--board", "uniform-4k", "--flash", p("pin-b.bin"), "--trust-key", p("sign.pub.pem"),
               "--trust-access-key", p("access.pub.pem"), "--new-identity", "--tcp", "127.0.0.1:0")
    try:
        ua = json.loads(cli_env("-c", "tcp:127.0.0.1:%d" % a.port, "--json", "info")[1].splitlines()[0])["uniqueId"]
        ub = json.loads(cli_env("-c", "tcp:127.0.0.1:%d" % b2.port, "--json", "info")[1].splitlines()[0])["uniqueId"]
        check(ua == ub, "pinning: both boards have unique id %s" % ua)
        rc, out = cli_env("-c", "tcp:127.0.0.1:%d" % a.port, "--credential", p("tech.ptcred"), "--json", "access", "pin")
        check(rc == 0 and json.loads(out.splitlines()[0])["pinnedNow"] is True, "pinning: board A pinned on first use")
        rc, out = cli_env("-c", "tcp:127.0.0.1:%d" % b2.port, "--credential", p("tech.ptcred"), "config", "set", "user.x=1")
        check(rc != 0 and "presented another identity key" in out and "possible man in the middle" in out,
              "pinning: board B with the same unique id and another key refused: " + out.strip()[-200:])
        rc, out = cli_env("-c", "tcp:127.0.0.1:%d" % b2.port, "--credential", p("tech.ptcred"), "--json", "access", "pin", "--replace")
        check(rc == 0 and json.loads(out.splitlines()[0])["pinnedNow"] is True, "pinning: access pin --replace accepts board B")
        rc, out = cli_env("-c", "tcp:127.0.0.1:%d" % b2.port, "--credential", p("tech.ptcred"), "config", "set", "user.x=1")
        check(rc == 0, "pinning: board B works after --replace")
        rc, out = cli_env("-c", "tcp:127.0.0.1:%d" % a.port, "--credential", p("tech.ptcred"), "info")
        check(rc != 0 and "possible man in the middle" in out, "pinning: now board A is refused (exit %d)" % rc)
    finally:
        a.stop()
        b2.stop()
    print("sessions: %d failure(s)" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--vboard", required=True)
    ap.add_argument("--boards-dir", required=True)
    ap.add_argument("--protocol-h", required=True)
    ARGS = ap.parse_args()
    K = constants(ARGS.protocol_h)
    K.update(constants(os.path.join(os.path.dirname(ARGS.protocol_h), "device.h")))
    sys.exit(main())
