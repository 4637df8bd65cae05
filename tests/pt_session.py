"""Authenticated sessions (docs/protocol.md §6) for the Python test harnesses that speak the
wire protocol themselves (tests/vboard/vboard_test.py): the handshake with a credential file
(by default $PITON_CREDENTIAL, the development credential under ctest) and sealed requests.

    seal = pt_session.handshake(request)   # request(cmd, payload) -> (status, payload), unsealed
    wire = seal.seal(cmd, seq, payload)    # the sealed request frame
    payload = seal.open(cmd, seq, flags, status, body, version)  # a response's plain payload

handshake() returns None when there is nothing to do or it cannot be done: no credential, no
python3-cryptography, or a board that refuses (no identity, an access key it does not trust);
the harness then goes on unsealed and the board's policy decides, as piton-cli does with a
default credential."""
import base64, hashlib, os, struct, zlib

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
except ImportError:  # pragma: no cover
    ec = None

# device-firmware/include/piton/protocol.h
CMD_AUTH_HELLO, CMD_AUTH_PROOF = 0x50, 0x51
FLAG_SEALED = 0x02
LABEL_HELLO, LABEL_PROOF, LABEL_KEYS = b"piton-auth-v1 hello", b"piton-auth-v1 proof", b"piton-auth-v1 keys"
SEAL_OVERHEAD = 24


def load_credential(path):
    text = open(path).read()
    b64 = text.split("-----BEGIN PITON CREDENTIAL-----")[1].split("-----END PITON CREDENTIAL-----")[0]
    key = serialization.load_pem_private_key(text.split("-----END PITON CREDENTIAL-----")[1].strip().encode(), None)
    return base64.b64decode("".join(b64.split())), key


class Seal:
    def __init__(self, k_h2d, k_d2h):
        self.k_h2d, self.k_d2h, self.tx, self.rx = k_h2d, k_d2h, 0, 0

    def seal(self, cmd, seq, payload=b"", version=1):
        self.tx += 1
        h = struct.pack("<BBBBHBBI", 0x50, 0x54, version, cmd, seq, FLAG_SEALED, 0, len(payload) + SEAL_OVERHEAD)
        body = struct.pack("<Q", self.tx) + AESGCM(self.k_h2d).encrypt(struct.pack("<IQ", 0, self.tx), payload, h)
        return h + body + struct.pack("<I", zlib.crc32(h + body) & 0xFFFFFFFF)

    def open(self, cmd, seq, flags, status, body, version=1):
        """The plain payload of a response; an unsealed one (an error that ended the session) as is."""
        if not flags & FLAG_SEALED:
            return body
        h = struct.pack("<BBBBHBBI", 0x50, 0x54, version, cmd, seq, flags, status, len(body))
        counter = struct.unpack_from("<Q", body)[0]
        if counter <= self.rx:
            raise ValueError("sealed response counter %d not above %d" % (counter, self.rx))
        self.rx = counter
        return AESGCM(self.k_d2h).decrypt(struct.pack("<IQ", 1, counter), body[8:], h)


def handshake(request, credential=None):
    credential = credential or os.environ.get("PITON_CREDENTIAL")
    if not credential or ec is None or not os.path.exists(credential):
        return None
    cred, holder = load_credential(credential)
    eph = ec.generate_private_key(ec.SECP256R1())
    host_eph = eph.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    status, r = request(CMD_AUTH_HELLO, bytes([1, 0, 0, 0]) + host_eph)
    if status or len(r) < 131:
        return None
    dev_eph, dev_id, sig = r[:65], r[65:130], r[131:131 + r[130]]
    m1 = LABEL_HELLO + host_eph + dev_eph + dev_id
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), dev_id).verify(sig, m1, ec.ECDSA(hashes.SHA256()))
    m2 = LABEL_PROOF + hashlib.sha256(m1).digest() + cred
    psig = holder.sign(m2, ec.ECDSA(hashes.SHA256()))
    status, r = request(CMD_AUTH_PROOF, cred + bytes([len(psig)]) + psig + bytes(72 - len(psig) + 1))
    if status:
        return None
    z = eph.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), dev_eph))
    k = HKDF(hashes.SHA256(), 64, hashlib.sha256(m2).digest(), LABEL_KEYS).derive(z)
    return Seal(k[:32], k[32:])
