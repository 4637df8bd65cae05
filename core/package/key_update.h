// Key updates (docs/package-format.md "Key updates"; docs/security.md "Rotating and revoking
// keys"): a package of its own kind (PTPK header, PTKU manifest, ROOT-key signature, no payloads)
// that adds or revokes a board's package signing keys, access keys and root keys and delivers a
// new product key wrapped to the board's current one. Constants: protocol.h (PT_KEYUPD_*); the device's
// parser is device-firmware/common/keyset.c (same rules).
#pragma once

#include "error.h"
#include "package/keys.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace piton {

/** One entry of a key update (PT_KEYUPD_ENTRY_SIZE bytes on the wire). */
struct KeyUpdateEntry {
    quint8 action = 0;        ///< PT_KEYUPD_ADD or PT_KEYUPD_REVOKE
    quint8 role = 0;          ///< PT_KEY_PACKAGE, PT_KEY_ACCESS, PT_KEY_PRODUCT or PT_KEY_ROOT
    QByteArray fingerprint;   ///< 32 bytes: SHA-256 of the key's DER SubjectPublicKeyInfo
    QByteArray point;         ///< 65 bytes: uncompressed P-256 point (add), empty for a revocation
};

/** A parsed key update file. */
struct KeyUpdate {
    QString boardId;
    quint32 generation = 0;
    quint32 flags = 0;             ///< PT_KEYUPD_FLAG_*
    QList<KeyUpdateEntry> entries;
    QByteArray keyBlock;           ///< PTKB block (new product key), empty without one
    QByteArray rootProof;          ///< DER signature by the added root key (proof of possession), empty without one
    QByteArray manifestBytes;      ///< what the signature covers
    QByteArray signature;          ///< DER ECDSA-Sig-Value by a root key
    QByteArray fileBytes;

    /** Parses a key update's bytes with the device's rules (pt_keyupdate_parse). Errors
     *  (Format) naming the problem: header, "not a key update" (another manifest magic),
     *  version, entry count 1..6, board id, flags, lengths, entry action/role/reserved bytes,
     *  fingerprint that does not match its key, product key without a key block or the
     *  reverse, key block structure, more than one root key added, root key proof structure
     *  (verifyRootProof() checks its signature). */
    static Result<KeyUpdate> parse(QByteArray fileBytes);
    /** Reads and parses a file. Errors: Io, then those of parse() with the path. */
    static Result<KeyUpdate> load(const QString &path);
    /** True when `bytes` start like a key update (PTPK header and PTKU manifest magic). */
    static bool looksLikeKeyUpdate(QByteArrayView bytes);

    /** Checks the proof of possession of an added root key: its signature over the manifest
     *  before the proof (as the board does before it applies the update). OK without a root key
     *  added; Verify error naming the problem otherwise. */
    Result<void> verifyRootProof() const;

    /** The root key among `rootKeys` that signed it, or Verify error. */
    Result<PublicKey> verifySignature(const QList<PublicKey> &rootKeys) const;
};

/** What `keys update create` puts into a key update. */
struct KeyUpdateSpec {
    QString boardId;
    quint32 generation = 0;              ///< must be above the board's key set generation
    QList<PublicKey> addPackageKeys;
    QList<QByteArray> revokePackageKeys; ///< fingerprints (32 bytes)
    QList<PublicKey> addAccessKeys;
    QList<QByteArray> revokeAccessKeys;
    PrivateKey addRootKey;               ///< null: no root key added; else its private half signs the proof
    QList<QByteArray> revokeRootKeys;    ///< fingerprints (32 bytes)
    PrivateKey newProductKey;            ///< null: the product key stays
    PublicKey wrapTo;                    ///< the board's current product key (public half)
};

/**
 * Builds and signs a key update with `rootKey`. Revocations and additions are written in the
 * order given; the board applies revocations first. The new product key's private scalar is
 * wrapped (ECIES, as an encrypted package's content key: encryption.h wrapContentKey) to
 * `wrapTo`, so it never travels in clear. A new root key signs the manifest before the proof
 * (docs/package-format.md "Root key proof"), so a key update never names a root key whose private
 * half nobody holds. Errors: Usage (no entry, more than 6 entries,
 * generation 0, board id too long, a product key without --wrap-to, a key that is not P-256),
 * Format (OpenSSL failed).
 */
Result<QByteArray> createKeyUpdate(const KeyUpdateSpec &spec, const PrivateKey &rootKey);

/** The uncompressed P-256 point (65 bytes) of a public key. Errors: Usage for a null key. */
Result<QByteArray> publicPoint(const PublicKey &key);

/** The private scalar (32 bytes, big-endian) of a P-256 key. Errors: Usage, Format. */
Result<QByteArray> privateScalar(const PrivateKey &key);

/** The fingerprint of a key named on a command line or in a form: a public key file (PEM), or
 *  the fingerprint itself in hex (64 digits, ':' allowed), as `info` prints it. Errors: those of
 *  loadPublicKey for an existing file, Usage for text that is neither. */
Result<QByteArray> keyFingerprintOf(const QString &fileOrHex);

/** "package", "access", "product", "root" for enum pt_key_role; "unknown (N)" otherwise. */
QString keyRoleName(int role);

} // namespace piton
