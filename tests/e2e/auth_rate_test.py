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

Every RATE_LIMITED refusal carries the retry-after field (docs/protocol.md §3: the message, a
NUL, u32 LE milliseconds): the test reads it from the raw refusals (the HELLO bucket, the
AUTH_PROOF lockout after five failed proofs with a genuine credential), checks that it is the
wait the board means (the next token within one interval; the lockout's 60 s), and measures
that piton-cli waits that long before its next HELLO and reports the lockout's wait at once.
"""
import argparse, os, re, struct, sys, tempfile, time

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

    def request(self, cmd, payload=b"", repeat=False):
        """One request; `repeat`: the last request's bytes again (a host's retransmission)."""
        if not repeat:
            self.seq += 1
            self.last = st.frame(cmd, self.seq, payload)
        os.write(self.fd, self.last)
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


def retry_after(body):
    """(message, retry_after_ms or None) of an error response's payload (docs/protocol.md §3)."""
    nul = body.find(b"\0")
    if nul < 0 or len(body) - nul != K["PT_RETRY_AFTER_SIZE"]:
        return body, None
    return body[:nul], struct.unpack_from("<I", body, nul + 1)[0]


def proof_without_key(peer, cred_path):
    """A handshake with a genuine credential whose proof is signed by another key: AUTH_PROOF
    refuses it (AUTH_FAILED), and it counts towards the lockout (docs/protocol.md §6.3)."""
    cred, _ = st.load_credential(cred_path)
    eph = st.ec.generate_private_key(st.ec.SECP256R1())
    host_eph = eph.public_key().public_bytes(st.serialization.Encoding.X962,
                                             st.serialization.PublicFormat.UncompressedPoint)
    s, r = peer.plain(K["PT_CMD_AUTH_HELLO"], bytes([1, 0, 0, 0]) + host_eph)
    if s:
        return s, r
    m1 = K["PT_AUTH_LABEL_HELLO"] + host_eph + r[:65] + r[65:130]
    m2 = K["PT_AUTH_LABEL_PROOF"] + st.hashlib.sha256(m1).digest() + cred
    sig = st.ec.generate_private_key(st.ec.SECP256R1()).sign(m2, st.ec.ECDSA(st.hashes.SHA256()))
    return peer.plain(K["PT_CMD_AUTH_PROOF"], cred + bytes([len(sig)]) + sig + bytes(72 - len(sig) + 1))


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
        text, wait = retry_after(m)
        st.check(burst <= answered <= burst + tokens(t0) and s == K["PT_E_RATE_LIMITED"]
                 and text.startswith(b"too many handshakes on this link"),
                 "a burst of %d HELLOs answered (%d in %.2f s), then RATE_LIMITED (%s)"
                 % (burst, answered, time.monotonic() - t0, text.decode(errors="replace")))
        st.check(wait is not None and 0 < wait <= interval
                 and text.endswith(b"try again in %d ms" % wait),
                 "the refusal's retry-after field: %s ms (the next token within %d ms; the text says the same)"
                 % (wait, interval))
        # A retransmitted refusal is answered from the kept response (docs/protocol.md §2): the
        # message cut to its first 59 bytes, the retry-after field whole.
        s, m = peer.request(None, repeat=True)
        kept, kept_wait = retry_after(m)
        st.check(s == K["PT_E_RATE_LIMITED"] and len(m) == 64 and kept == text[:59] and kept_wait == wait,
                 "a repeat of the refused HELLO gets the kept refusal: %d bytes, the field %s ms" % (len(m), kept_wait))
        s, m = peer.request(K["PT_CMD_AUTH_PROOF"], bytes(K["PT_AUTH_PROOF_SIZE"]))
        st.check(s == K["PT_E_STATE"], "no handshake pending after the refusal: AUTH_PROOF refused STATE")
        peer.close()
        t1 = time.monotonic()
        peer = SerialPeer(tty)  # the line reopened: the same link, the same bucket
        s, m = peer.hello()
        t3 = time.monotonic()  # the last refusal: the next token comes within one interval
        st.check(s == K["PT_E_RATE_LIMITED"] or t3 - t1 >= interval / 1000,
                 "reopening the line does not refill the bucket (%s)" % retry_after(m)[0].decode(errors="replace"))
        peer.close()
        st.check(st.flash_sha(flash) == before, "refused handshakes changed nothing (SHA-256 of the flash file)")
        # piton-cli meets the limit too, and waits as long as the board says (at most one interval
        # here), then goes on: a script running many commands in a row is slowed, not failed.
        # A refused HELLO spends no token: ask the board for the wait just before piton-cli starts.
        t5 = time.monotonic()
        rc, out = st.cli("-c", tcp, "--credential", p("tech.ptcred"), "config", "get", "user.note")
        base = time.monotonic() - t5  # piton-cli's own time for one command (start, handshake, exit)
        peer = SerialPeer(tty)
        s, m = peer.hello()
        peer.close()
        t4 = time.monotonic()
        _, wait = retry_after(m)
        st.check(s == K["PT_E_RATE_LIMITED"] and wait is not None, "the line is still limited: wait %s ms" % wait)
        rc, out = st.cli("-c", "serial:" + tty, "--credential", p("tech.ptcred"), "config", "set", "user.note=waited")
        took = time.monotonic() - t4
        wait = (wait or 0) / 1000
        st.check(rc == 0, "piton-cli waits for the next handshake the line allows, then writes: %s" % out.strip()[-160:])
        st.check(wait - 0.05 <= took <= wait + 2 * base + 0.3,  # a board without the field: 1 s assumed
                 "piton-cli waited as long as the board asked: %.3f s for the command, the board asked %.3f s, "
                 "a command without waiting takes %.3f s" % (took, wait, base))
        print("auth rate: board asked %.3f s, piton-cli took %.3f s (%.3f s without a wait)" % (wait, took, base))
        rc, out = st.cli("-c", tcp, "--credential", p("tech.ptcred"), "config", "get", "user.note")
        st.check(rc == 0 and "waited" in out, "another link (TCP) is not limited and reads it (%s)" % out.strip()[-120:])

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

        # AUTH_PROOF lockout (all links): five failed proofs with a genuine credential, then
        # RATE_LIMITED with the lockout's wait in the field; piton-cli reports it at once.
        tcp_peer = st.Peer(b.tcp_addr()[1])
        for _ in range(5):
            s, m = proof_without_key(tcp_peer, p("tech.ptcred"))
        st.check(s == K["PT_E_AUTH_FAILED"], "five proofs without the holder's key refused AUTH_FAILED")
        s, m = proof_without_key(tcp_peer, p("tech.ptcred"))
        tcp_peer.close()
        text, wait = retry_after(m)
        st.check(s == K["PT_E_RATE_LIMITED"] and wait is not None and 55000 < wait <= 60000
                 and b"too many failed handshakes" in text,
                 "the sixth proof meets the lockout: retry-after %s ms (60 s from the fifth failure): %s" % (wait, text))
        t6 = time.monotonic()
        rc, out = st.cli("-c", tcp, "--credential", p("tech.ptcred"), "config", "get", "user.note")
        m = re.search(r"the board asks to wait (\d+) s", out)
        st.check(rc != 0 and "RATE_LIMITED" in out and m and 55 <= int(m.group(1)) <= 60
                 and time.monotonic() - t6 < base + 3,
                 "piton-cli names the lockout's wait from the field and does not sit it out (%.2f s): %s"
                 % (time.monotonic() - t6, out.strip()[-160:]))
        for _ in range(60000 // step + 1):
            st.check(b.advance_clock(), "the board's clock advanced past the lockout")
        rc, out = st.cli("-c", tcp, "--credential", p("tech.ptcred"), "config", "get", "user.note")
        st.check(rc == 0, "after the lockout the technician works again (%s)" % out.strip()[-120:])
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
