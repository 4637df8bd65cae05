// Signing keys: ECDSA on NIST P-256, as files written by OpenSSL (docs/package-format.md, "Keys").
#pragma once

#include "error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace piton {

/** A P-256 public key (OpenSSL EVP_PKEY, shared and reference counted; copies are cheap).
 *  A default-constructed PublicKey is null. */
class PublicKey {
public:
    PublicKey() = default;
    bool isNull() const { return !m_key; }

    /** DER SubjectPublicKeyInfo (RFC 5480); empty for a null key. */
    QByteArray derSpki() const;
    /** PEM SubjectPublicKeyInfo, as `openssl pkey -pubout` writes; empty for a null key. */
    QByteArray pem() const;
    /** SHA-256 of derSpki() (32 bytes), same as
     *  `openssl pkey -pubin -in public.pem -outform DER | sha256sum`; empty for a null key. */
    QByteArray fingerprint() const;

    /** Verifies a DER ECDSA-Sig-Value `signature` over SHA-256(message).
     *  Errors: ErrorKind::Verify "signature does not verify ..." (also for a malformed
     *  signature), ErrorKind::Usage for a null key. */
    Result<void> verify(QByteArrayView message, QByteArrayView signature) const;

    /** Writes pem() to `path`. Errors: Io. */
    Result<void> save(const QString &path) const;

    /** Parses a DER SubjectPublicKeyInfo. Errors: Format (not a key, or not P-256). */
    static Result<PublicKey> fromDer(QByteArrayView der);
    /** Parses PEM: a public key (SPKI), or a private key (PKCS#8 or SEC 1) whose public half is
     *  taken. Errors: Format (not a key, or not P-256). */
    static Result<PublicKey> fromPem(QByteArrayView pem);

    /** Wraps an EVP_PKEY (takes one reference; the caller keeps its own). Internal use. */
    static PublicKey adopt(std::shared_ptr<EVP_PKEY> key) { PublicKey k; k.m_key = std::move(key); return k; }
    /** The OpenSSL key (not owned by the caller; null for a null key). Internal use. */
    EVP_PKEY *evp() const { return m_key.get(); }

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

/** A P-256 private key (signing key). A default-constructed PrivateKey is null. */
class PrivateKey {
public:
    PrivateKey() = default;
    bool isNull() const { return !m_key; }

    /** The matching public key. */
    PublicKey publicKey() const;

    /** PKCS#8 PEM (unencrypted), as `openssl genpkey` writes. Empty for a null key. */
    QByteArray pem() const;

    /** Writes pem() to `path` with file mode 0600 (owner read/write only; an existing file's
     *  mode is changed before the key is written). Errors: Io, Usage for a null key. */
    Result<void> save(const QString &path) const;

    /** ECDSA signature (DER ECDSA-Sig-Value, at most 72 bytes) over SHA-256(message), via
     *  EVP_DigestSign. Errors: Usage for a null key; Format if OpenSSL fails. */
    Result<QByteArray> sign(QByteArrayView message) const;

    /** Parses PEM (PKCS#8 or SEC 1 "EC PRIVATE KEY"; not encrypted): accepts and refuses what
     *  OpenSSL's PEM_read_bio_PrivateKey does, with the same key, using a decoder context kept
     *  per thread (freed by freeThreadKeyReaders(), ThreadCryptoCleanup, or at thread exit).
     *  Errors: Format naming the problem: not a private key, not an EC key, curve other than
     *  P-256. */
    static Result<PrivateKey> fromPem(QByteArrayView pem);

    static PrivateKey adopt(std::shared_ptr<EVP_PKEY> key) { PrivateKey k; k.m_key = std::move(key); return k; }
    /** The OpenSSL key (not owned by the caller; null for a null key). Internal use. */
    EVP_PKEY *evp() const { return m_key.get(); }

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

/** A key pair is a private key; its public half is PrivateKey::publicKey(). */
using KeyPair = PrivateKey;

/** Generates a new EC P-256 key pair with OpenSSL. Errors: Format if OpenSSL fails. */
Result<PrivateKey> generateKey();

/** Frees the calling thread's PEM decoder context that PrivateKey::fromPem keeps (built again by
 *  the next read). freeThreadCryptoState() (jobs/worker_threads.h) calls it: a thread must be
 *  rid of it before it ends, as the context is OpenSSL state. Never fails. */
void freeThreadKeyReaders();

/** Loads a private key PEM file (see PrivateKey::fromPem). Errors: Io, Format (with path). */
Result<PrivateKey> loadPrivateKey(const QString &path);

/** Loads a public key PEM file (SPKI; a private key file is accepted too and its public half
 *  used). Errors: Io, Format (with path). */
Result<PublicKey> loadPublicKey(const QString &path);

/** Loads several public keys (loadPublicKey each); the first failure is returned. */
Result<QList<PublicKey>> loadPublicKeys(const QStringList &paths);


/** SHA-256 of `bytes` (32 bytes), computed by OpenSSL. */
QByteArray sha256(QByteArrayView bytes);

/** Lower-case hex of a fingerprint (64 characters for SHA-256). */
QString fingerprintHex(const QByteArray &fingerprint);

/** Parses a fingerprint given as hex (case-insensitive, ':' separators allowed) into 32 bytes.
 *  Errors: Usage if not 64 hex digits. */
Result<QByteArray> parseFingerprintHex(const QString &text);

} // namespace piton
