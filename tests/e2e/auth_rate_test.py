#!/usr/bin/env python3
"""e2e.auth-rate: the AUTH_HELLO rate limit (docs/protocol.md §6.2, docs/security.md "Sessions
and access policy") through real links against piton-vboard.

Each AUTH_HELLO costs the board a key generation and an ECDSA signature, so a link gets a burst
of PT_AUTH_HELLO_BURST handshakes and then one per PT_AUTH_HELLO_INTERVAL_MS. The test sends raw
HELLOs on the serial line (frames built here, docs/protocol.md §2), checks the refusal
(RATE_LIMITED before any crypto, nothing changed by SHA-256 of the flash file), that reopening
the line does not refill the bucket, that piton-cli over that line reports the refusal while TCP
(other links) is unaffected, and that the bucket refills with the board's clock: piton-vboard
--clock-step advances it on SIGRTMIN, no sleeping for the limit. The board's clock also runs in
real time, so the counts allow for the real time the test measured (one token per interval).
"""
import argparse, os, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "vboard"))
import session_test as st  # cli, check, constants, frame, parse; cryptography
import vboard_test as vt   # Board with advance_clock(), open_pty, fd_recv


class SerialPeer:
    """Raw frames on the board's pty."""

    def __init__(self, path):
        self.fd = vt.open_pty(path)
        self.seq = 1

    def close(self):
        os.close(self.fd)

    def request(self, cmd, payload=b""):
        self.seq += 1
        os.write(self.fd, st.frame(cmd, self.seq, payload))
        buf, end = b"", time.time() + 10
        recv = vt.fd_recv(self.fd)
        while time.time() < end:
            if len(buf) >= 12:
                n = int.from_bytes(buf[8:12], "little")
                if len(buf) >= 16 + n:
                    _, _, flags, status, body, _ = st.parse(buf[:16 + n])
                    return status, body
            chunk = recv(65536)
            if chunk:
                buf += chunk
        raise RuntimeError("no response on the serial line")

    def hello(self):
        eph = st.ec.generate_private_key(st.ec.SECP256R1())
        point = eph.public_key().public_bytes(st.serialization.Encoding.X962,
                                              st.serialization.PublicFormat.UncompressedPoint)
        return self.request(K["PT_CMD_AUTH_HELLO"], bytes([1, 0, 0, 0]) + point)


def main():
    d = tempfile.mkdtemp(prefix="pt-auth-rate-")
    p = lambda n: os.path.join(d, n)
    for name in ("sign", "access"):
        rc, out = st.cli("keys", "generate", "-o", p(name + ".pem"))
        assert rc == 0, out
    rc, out = st.cli("access", "issue", "--key", p("access.pem"), "-o", p("tech.ptcred"), "--role", "technician",
                     "--for", "ALL", "--days", "1")
    assert rc == 0, out
    burst, interval = K["PT_AUTH_HELLO_BURST"], K["PT_AUTH_HELLO_INTERVAL_MS"]
    step = interval * (burst // 2)  # one SIGRTMIN gives back half the burst
    flash, tty = p("locked.bin"), p("tty")
    b = vt.Board("--board", "uniform-4k", "--flash", flash, "--trust-key", p("sign.pub.pem"),
                 "--trust-access-key", p("access.pub.pem"), "--locked", "--tcp", "127.0.0.1:0",
                 "--serial-link", tty, "--clock-step", str(step))
    tcp = "tcp:127.0.0.1:%d" % b.tcp_addr()[1]
    tokens = lambda since: int((time.monotonic() - since) * 1000 // interval) + 1  # real-time refill, rounded up
    try:
        rc, out = st.cli("-c", tcp, "--credential", p("tech.ptcred"), "config", "set", "user.note=start")
        st.check(rc == 0, "technician over TCP sets a config entry (%s)" % out.strip()[-120:])
        before = st.flash_sha(flash)
        peer = SerialPeer(tty)
        t0 = time.monotonic()
        answered, s, m = 0, 0, b""
        for _ in range(burst * 3):
            s, m = peer.hello()
            if s != 0:
                break
            answered += 1
        st.check(burst <= answered <= burst + tokens(t0) and s == K["PT_E_RATE_LIMITED"]
                 and b"too many handshakes on this link" in m,
                 "a burst of %d HELLOs answered (%d in %.2f s), then RATE_LIMITED (%s)"
                 % (burst, answered, time.monotonic() - t0, m.decode(errors="replace")))
        s, m = peer.request(K["PT_CMD_AUTH_PROOF"], bytes(K["PT_AUTH_PROOF_SIZE"]))
        st.check(s == K["PT_E_STATE"], "no handshake pending after the refusal: AUTH_PROOF refused STATE")
        peer.close()
        t1 = time.monotonic()
        peer = SerialPeer(tty)  # the line reopened: the same link, the same bucket
        s, m = peer.hello()
        t3 = time.monotonic()  # the last refusal: the next token comes within one interval
        st.check(s == K["PT_E_RATE_LIMITED"] or t3 - t1 >= interval / 1000,
                 "reopening the line does not refill the bucket (%s)" % m.decode(errors="replace"))
        peer.close()
        rc, out = st.cli("-c", "serial:" + tty, "--credential", p("tech.ptcred"), "config", "set", "user.note=x")
        # A token comes back after one interval of real time: a slower piton-cli start is no verdict.
        st.check((rc != 0 and "too many handshakes" in out) or time.monotonic() - t3 >= interval / 1000,
                 "piton-cli over that line reports the limit: " + out.strip()[-160:])
        rc, out = st.cli("-c", tcp, "--credential", p("tech.ptcred"), "config", "get", "user.note")
        st.check(rc == 0 and "start" in out, "another link (TCP) is not limited (%s)" % out.strip()[-120:])
        st.check(st.flash_sha(flash) == before, "refused handshakes changed nothing (SHA-256 of the flash file)")

        # The board's clock moves by `step` ms: half the burst comes back, not the whole.
        st.check(b.advance_clock(), "the board's clock advanced %d ms (SIGRTMIN)" % step)
        t2 = time.monotonic()
        peer = SerialPeer(tty)
        answered = 0
        for _ in range(burst * 3):
            s, m = peer.hello()
            if s != 0:
                break
            answered += 1
        peer.close()
        st.check(burst // 2 <= answered <= burst // 2 + tokens(t2) and s == K["PT_E_RATE_LIMITED"],
                 "after %d ms on the board's clock: %d HELLOs answered (%d expected), then refused again"
                 % (step, answered, burst // 2))
        st.check(b.advance_clock(), "the board's clock advanced again")
        rc, out = st.cli("-c", "serial:" + tty, "--credential", p("tech.ptcred"), "config", "set", "user.note=serial")
        st.check(rc == 0, "piton-cli with a credential over the line works again (%s)" % out.strip()[-120:])
    finally:
        b.stop()
    print("auth rate: %d failure(s)" % len(st.FAILS))
    return 1 if st.FAILS else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--vboard", required=True)
    ap.add_argument("--boards-dir", required=True)
    ap.add_argument("--protocol-h", required=True)
    st.ARGS = vt.ARGS = ap.parse_args()
    K = st.constants(st.ARGS.protocol_h)
    K.update(st.constants(os.path.join(os.path.dirname(st.ARGS.protocol_h), "device.h")))
    st.K = K
    sys.exit(main())
