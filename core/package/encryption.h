// Encrypted payloads: the content key, its ECIES wrap to product and device keys (the manifest's
// key block) and AES-256-CTR of the payload bytes, with OpenSSL 3 (EVP: EC key generation and
// derivation, HKDF, AES-256-GCM, AES-256-CTR). Layout and KDF strings: docs/package-format.md
// "Encrypted payloads" and "Key block"; constants in protocol.h (PT_KEYBLOCK_*, PT_KDF_INFO_*),
// which the device's unwrap (device-firmware/common/keyblock.c, mbed TLS) compiles too.
#pragma once

#include "error.h"
#include "package/keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace piton {

/** One recipient of the content key (152 bytes on the wire, PT_KEYBLOCK_RECIPIENT_SIZE). */
struct Recipient {
    quint8 kind = 0;          ///< PT_RECIPIENT_PRODUCT or PT_RECIPIENT_DEVICE
    QByteArray fingerprint;   ///< 32 bytes: SHA-256 of the recipient key's DER SubjectPublicKeyInfo
    QByteArray ephemeral;     ///< 65 bytes: the sender's ephemeral P-256 point, uncompressed SEC 1
    QByteArray wrapped;       ///< 32 bytes: AES-256-GCM ciphertext of the content key
    QByteArray tag;           ///< 16 bytes: the GCM tag
};

/** The key block that follows the payload descriptors of an encrypted manifest. */
struct KeyBlock {
    QList<Recipient> recipients;  ///< 1..PT_KEYBLOCK_MAX_RECIPIENTS

    /** The wire form: 8 + 152 × count bytes. */
    QByteArray encode() const;
    /** Parses exactly `bytes` (the rules of the device's pt_keyblock_check). Errors: Format
     *  naming the problem (magic, version, count, length, reserved bytes, kind, point form). */
    static Result<KeyBlock> parse(QByteArrayView bytes);
    /** The recipient whose fingerprint is `fingerprint`, or -1. */
    int find(QByteArrayView fingerprint) const;
};

/** `n` bytes from OpenSSL's CSPRNG (RAND_bytes). Errors: Format when OpenSSL fails. */
Result<QByteArray> randomBytes(int n);

/** Wraps the 32-byte content key `cek` to the P-256 key `to` (ECIES): a fresh ephemeral key,
 *  Z = ECDH x coordinate, KEK = HKDF-SHA256(salt = manifestHash, IKM = Z, info =
 *  PT_KDF_INFO_WRAP ‖ fingerprint(to) ‖ ephemeral point), AES-256-GCM(KEK, IV = 12 zero bytes,
 *  AAD = manifestHash). `manifestHash`: SHA-256 of the manifest without its key block (32 bytes).
 *  Errors: Usage (sizes, null key), Format (OpenSSL failed). */
Result<Recipient> wrapContentKey(QByteArrayView cek, const PublicKey &to, quint8 kind, QByteArrayView manifestHash);

/** The reverse of wrapContentKey with the recipient's private key. Errors: Usage (key does not
 *  match the recipient's fingerprint), Verify (the tag does not authenticate), Format. */
Result<QByteArray> unwrapContentKey(const Recipient &recipient, const PrivateKey &key, QByteArrayView manifestHash);

/** Payload key i = HKDF-SHA256(no salt, IKM = cek, info = PT_KDF_INFO_PAYLOAD ‖ u8 i), 32 bytes. */
Result<QByteArray> payloadKey(QByteArrayView cek, quint8 index);

/** AES-256-CTR of `data` from byte 0 of the stream with initial counter block `icb` (16 bytes;
 *  the counter is the whole block as a 128-bit big-endian number, NIST SP 800-38A §6.5).
 *  Encrypts and decrypts alike. Errors: Usage (sizes), Format (OpenSSL failed). */
Result<QByteArray> aes256Ctr(QByteArrayView key, QByteArrayView icb, QByteArrayView data);

/** A fresh initial counter block: 12 random bytes, then a 32-bit block counter of 0 (so the
 *  counter never carries into the random part for payloads below 64 GiB). */
Result<QByteArray> newCounterBlock();

} // namespace piton
