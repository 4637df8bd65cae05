#include "package/keys.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <memory>
#include <utility>
#include <QFile>
#include <QRegularExpression>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace piton {

namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY *key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

/** The most recent OpenSSL error as text (and clears the queue). */
QString opensslError()
{
    unsigned long code = 0;
    unsigned long last = 0;
    while ((code = ERR_get_error()) != 0)
        last = code;
    if (!last)
        return QCoreApplication::translate("Keys", "unknown OpenSSL error");
    char buffer[256];
    ERR_error_string_n(last, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

/** Empties this thread's OpenSSL error queue when it goes out of scope, whatever the reader
 *  returns. Draining the queue with ERR_get_error() (opensslError()) leaves OpenSSL's ring of
 *  16 error slots at another position after every call, so each call allocated error text in
 *  slots whose old text a later call freed: a failed read (most of what a fuzzer feeds) made
 *  more allocations than it freed, and libFuzzer ran a full leak check after nearly every input
 *  of `keys` and `package`. ERR_clear_error() puts the ring back to slot 0, so the same slots
 *  and their buffers serve every call. A return expression that calls opensslError() still runs
 *  before the guard. */
struct ErrorQueueGuard {
    ErrorQueueGuard() = default;
    ErrorQueueGuard(const ErrorQueueGuard &) = delete;
    ErrorQueueGuard &operator=(const ErrorQueueGuard &) = delete;
    ~ErrorQueueGuard() { ERR_clear_error(); }
};

/** Never prompts for a pass phrase: encrypted keys are refused. */
int noPassword(char *, int, int, void *)
{
    return -1;
}

BioPtr memoryBio(QByteArrayView bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.data(), int(bytes.size())), BIO_free);
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(n));
}

/** Empty when `key` is an EC key on P-256, else what it is instead. */
QString p256Problem(EVP_PKEY *key)
{
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return QCoreApplication::translate("Keys", "key type %1 is not EC (an ECDSA P-256 key is required)")
            .arg(QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(key))));
    char group[80] = {};
    size_t length = 0;
    if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1)
        return QCoreApplication::translate("Keys", "EC key without a named curve (P-256 is required)");
    if (OBJ_sn2nid(group) != NID_X9_62_prime256v1)
        return QCoreApplication::translate("Keys", "EC key on curve %1; only P-256 (prime256v1) is accepted").arg(QString::fromLatin1(group));
    return {};
}

/** The DER SubjectPublicKeyInfo of every ECDSA P-256 key in its uncompressed form (RFC 5480
 *  §2: SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING 0x04 || X || Y }): this
 *  prefix, then the 65-byte point. 91 bytes in all. */
constexpr unsigned char P256SpkiPrefix[26] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                                              0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
constexpr qsizetype P256SpkiSize = 91;

/** Reads a DER SubjectPublicKeyInfo into a key. The 91-byte P-256 form with an uncompressed
 *  point (first octet 0x04), which nearly every key Piton meets has, is imported from its point
 *  with EVP_PKEY_fromdata (OpenSSL checks that the point is on the curve, as d2i_PUBKEY does),
 *  which spares OpenSSL 3.0's decoder chain, built anew on every d2i_PUBKEY call (about 1 ms
 *  under ASan: docs/fuzzing.md "Throughput"). (A hybrid point, 0x06 or 0x07, has the same
 *  length; d2i_PUBKEY keeps that form for the key's encoding, EVP_PKEY_fromdata does not, so it
 *  goes to d2i_PUBKEY.) Any other SubjectPublicKeyInfo of id-ecPublicKey is first read by
 *  OpenSSL's legacy reader (d2i_EC_PUBKEY): when that refuses it, so does d2i_PUBKEY (its
 *  legacy try fails the same way, and its decoder try for id-ecPublicKey ends in that same
 *  reader), without building the decoder chain. Everything else goes to d2i_PUBKEY. Null with
 *  OpenSSL's error queue filled when it is no key. */
EVP_PKEY *readSpki(const unsigned char *der, long length)
{
    if (length == P256SpkiSize && std::equal(std::begin(P256SpkiPrefix), std::end(P256SpkiPrefix), der) &&
        der[sizeof P256SpkiPrefix] == 0x04) {
        std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr),
                                                                       EVP_PKEY_CTX_free);
        char group[] = "prime256v1";
        unsigned char point[P256SpkiSize - sizeof P256SpkiPrefix];
        std::copy(der + sizeof P256SpkiPrefix, der + P256SpkiSize, point);
        OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
                               OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point),
                               OSSL_PARAM_construct_end()};
        EVP_PKEY *key = nullptr;
        if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 || EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
            return nullptr;
        return key;
    }
    // SEQUENCE { SEQUENCE { OBJECT IDENTIFIER id-ecPublicKey ...: short lengths put the
    // algorithm's OID at offset 4, the 9 bytes the P-256 prefix has there.
    if (length > 13 && der[0] == 0x30 && der[1] < 0x80 && der[2] == 0x30 && der[3] < 0x80 &&
        std::equal(P256SpkiPrefix + 4, P256SpkiPrefix + 13, der + 4)) {
        // d2i_EC_PUBKEY and EC_KEY_free are deprecated in OpenSSL 3.0; d2i_EC_PUBKEY is the one
        // public call that runs the legacy reader alone (unit.package p256SpkiReadAsD2iPubkey
        // checks it against d2i_PUBKEY).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        const unsigned char *q = der;
        EC_KEY *legacy = d2i_EC_PUBKEY(nullptr, &q, length);
        if (!legacy)
            return nullptr;
        EC_KEY_free(legacy);
#pragma GCC diagnostic pop
    }
    const unsigned char *p = der;
    return d2i_PUBKEY(nullptr, &p, length);
}

/** This thread's PEM decoder for private keys: the decoder context PEM_read_bio_PrivateKey
 *  builds anew on every call in OpenSSL 3.0 (OSSL_DECODER_CTX_new_for_pkey, input "PEM",
 *  EVP_PKEY_KEYPAIR: about 1 ms under ASan, docs/fuzzing.md "Throughput"), built on the thread's
 *  first private-key read and kept, and the slot it writes each decoded key to. Freed by
 *  freeThreadKeyReaders() (ThreadCryptoCleanup, freeThreadCryptoState()) or at thread exit,
 *  whichever comes first. */
struct PemKeyDecoder {
    OSSL_DECODER_CTX *ctx = nullptr;
    EVP_PKEY *decoded = nullptr;

    PemKeyDecoder() = default;
    PemKeyDecoder(const PemKeyDecoder &) = delete;
    PemKeyDecoder &operator=(const PemKeyDecoder &) = delete;
    ~PemKeyDecoder() { release(); }

    void release()
    {
        OSSL_DECODER_CTX_free(ctx);
        ctx = nullptr;
        EVP_PKEY_free(std::exchange(decoded, nullptr));
    }
    /** The context, built on first use (null if OpenSSL cannot build it). */
    OSSL_DECODER_CTX *context()
    {
        if (!ctx) {
            ERR_set_mark();
            ctx = OSSL_DECODER_CTX_new_for_pkey(&decoded, "PEM", nullptr, nullptr, EVP_PKEY_KEYPAIR, nullptr, nullptr);
            if (ctx && OSSL_DECODER_CTX_set_pem_password_cb(ctx, noPassword, nullptr) != 1)
                release();
            ERR_pop_to_mark();
        }
        return ctx;
    }
};

thread_local PemKeyDecoder t_pemKeyDecoder;

/** What OpenSSL 3.0's legacy reader, the second stage of PEM_read_bio_PrivateKey, makes of an
 *  input in which the decoders found no key: certainly refused, or only OpenSSL can tell. */
enum class LegacyVerdict { Refuses, AskOpenssl };

/** The second stage of PEM_read_bio_PrivateKey in OpenSSL 3.0 (pem_read_bio_key_legacy in
 *  crypto/pem/pem_pkey.c), run from the start of `bio` when the decoders found no key: the first
 *  PEM block with a private-key label (PEM_bytes_read_bio, PEM_STRING_EVP_PKEY), read by the
 *  legacy ASN.1 readers. The decoders read the same blocks from the same start (PEM_read_bio)
 *  and went on to offset `triedUpTo`, so a block that ends there or before is one they tried and
 *  did not take. For such a block the outcome is certain in the cases decided here, with the
 *  errors the legacy reader leaves last; AskOpenssl for the rest (PEM_read_bio_PrivateKey itself
 *  then reads the input).
 *  - no block with a private-key label, or its base64 or encryption header is bad: refused;
 *  - "ENCRYPTED PRIVATE KEY": refused (no pass phrase is ever given);
 *  - "PRIVATE KEY" that is no PrivateKeyInfo, or whose algorithm has no key type in OpenSSL
 *    (EVP_PKEY_set_type fails, as in the legacy reader): refused;
 *    an EC PrivateKeyInfo: refused, as the decoders ran the same reader on it
 *    (ossl_ec_key_from_pkcs8) and it failed;
 *  - "EC PRIVATE KEY": the decoders ran the legacy reader's first try (d2i_ECPrivateKey) on it
 *    and it failed, so refused when it is no PrivateKeyInfo either (the legacy reader's second
 *    try). */
LegacyVerdict legacyStage(BIO *bio, int triedUpTo)
{
    ERR_set_mark(); // PEM read errors are not reported, as in the legacy reader
    char *name = nullptr;
    unsigned char *der = nullptr;
    long length = 0;
    if (PEM_bytes_read_bio(&der, &length, &name, PEM_STRING_EVP_PKEY, bio, noPassword, nullptr) != 1) {
        ERR_pop_to_mark();
        return LegacyVerdict::Refuses;
    }
    ERR_clear_last_mark();
    std::unique_ptr<char, void (*)(char *)> nameOwner(name, [](char *p) { OPENSSL_free(p); });
    std::unique_ptr<unsigned char, void (*)(unsigned char *)> derOwner(der, [](unsigned char *p) { OPENSSL_free(p); });
    const int end = BIO_tell(bio);
    if (end < 0 || end > triedUpTo)
        return LegacyVerdict::AskOpenssl;
    const unsigned char *p = der;
    LegacyVerdict verdict = LegacyVerdict::AskOpenssl;
    if (std::strcmp(name, PEM_STRING_PKCS8) == 0) {
        if (X509_SIG *sig = d2i_X509_SIG(nullptr, &p, length)) {
            X509_SIG_free(sig);
            ERR_raise(ERR_LIB_PEM, PEM_R_BAD_PASSWORD_READ);
        }
        verdict = LegacyVerdict::Refuses;
    } else if (std::strcmp(name, PEM_STRING_PKCS8INF) == 0 || std::strcmp(name, PEM_STRING_ECPRIVATEKEY) == 0) {
        PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, length);
        if (!info) {
            verdict = LegacyVerdict::Refuses;
        } else if (std::strcmp(name, PEM_STRING_PKCS8INF) == 0) {
            const ASN1_OBJECT *algorithm = nullptr;
            const int nid = PKCS8_pkey_get0(&algorithm, nullptr, nullptr, nullptr, info) == 1 ? OBJ_obj2nid(algorithm) : NID_undef;
            // The legacy reader's next step: a key of the algorithm's type (EVP_PKEY_set_type).
            std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> typed(EVP_PKEY_new(), EVP_PKEY_free);
            ERR_set_mark();
            const bool known = typed && EVP_PKEY_set_type(typed.get(), nid) == 1;
            ERR_pop_to_mark();
            if (!known) {
                ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM);
                verdict = LegacyVerdict::Refuses;
            } else if (nid == NID_X9_62_id_ecPublicKey) {
                // The error ossl_ec_key_from_pkcs8 leaves last: the curve named by the
                // parameters is unknown (EC_GROUP_new_by_curve_name's), or a decode error.
                const X509_ALGOR *header = nullptr;
                int parameterType = 0;
                const void *parameters = nullptr;
                PKCS8_pkey_get0(nullptr, nullptr, nullptr, &header, info);
                X509_ALGOR_get0(nullptr, &parameterType, &parameters, header);
                EC_GROUP *group = nullptr;
                if (parameterType != V_ASN1_OBJECT ||
                    (group = EC_GROUP_new_by_curve_name(OBJ_obj2nid(static_cast<const ASN1_OBJECT *>(parameters)))) != nullptr)
                    ERR_raise(ERR_LIB_EC, EC_R_DECODE_ERROR);
                EC_GROUP_free(group);
                verdict = LegacyVerdict::Refuses;
            }
        }
        PKCS8_PRIV_KEY_INFO_free(info);
    }
    if (verdict == LegacyVerdict::Refuses && ERR_peek_last_error() == 0)
        ERR_raise(ERR_LIB_PEM, ERR_R_ASN1_LIB);
    return verdict;
}

/** PEM_read_bio_PrivateKey(bio of `pem`, never prompting for a pass phrase), with this thread's
 *  decoder context (PemKeyDecoder) instead of a new one per call: the same key or the same
 *  refusal, with OpenSSL's error queue holding its reason. Its first stage is OpenSSL 3.0's
 *  pem_read_bio_key_decoder (crypto/pem/pem_pkey.c): the PEM blocks in order, past those no
 *  decoder takes (ERR_R_UNSUPPORTED), until one decodes; an EC key with its private part from
 *  there is returned as PEM_read_bio_PrivateKey does. When no block decodes, its second stage is
 *  legacyStage(). Everything else (another key type decoded, a key without its private part,
 *  what legacyStage() cannot decide) goes to PEM_read_bio_PrivateKey itself. */
EVP_PKEY *readPrivateKeyPem(QByteArrayView pem)
{
    const auto askOpenssl = [pem] {
        ERR_pop_to_mark(); // OpenSSL's reader starts from the queue as it was
        BioPtr bio = memoryBio(pem);
        return PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr);
    };
    ERR_set_mark();
    PemKeyDecoder &decoder = t_pemKeyDecoder;
    BioPtr bio = memoryBio(pem);
    const int start = bio ? BIO_tell(bio.get()) : -1;
    if (!decoder.context() || start < 0)
        return askOpenssl();
    EVP_PKEY_free(std::exchange(decoder.decoded, nullptr));
    int position = start;
    bool decoded = true;
    ERR_set_mark();
    while (OSSL_DECODER_from_bio(decoder.ctx, bio.get()) != 1 || !decoder.decoded) {
        EVP_PKEY_free(std::exchange(decoder.decoded, nullptr));
        const int next = BIO_tell(bio.get());
        if (BIO_eof(bio.get()) || next < 0 || next <= position || ERR_GET_REASON(ERR_peek_error()) != ERR_R_UNSUPPORTED) {
            ERR_clear_last_mark();
            decoded = false;
            position = std::max(position, next);
            break;
        }
        ERR_pop_to_mark();
        ERR_set_mark();
        position = next;
    }
    if (decoded) {
        ERR_pop_to_mark();
        EVP_PKEY *key = std::exchange(decoder.decoded, nullptr);
        if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) {
            EVP_PKEY_free(key);
            return askOpenssl();
        }
        // PEM_read_bio_PrivateKey wants the private part (evp_keymgmt_util_has). Reading it back
        // is the public way to ask; it also fails for a scalar longer than the curve's order
        // (a key OpenSSL does return), so a failure goes to OpenSSL's reader.
        BIGNUM *secret = nullptr;
        ERR_set_mark();
        const bool hasPrivate = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &secret) == 1;
        ERR_pop_to_mark();
        BN_clear_free(secret);
        if (!hasPrivate) {
            EVP_PKEY_free(key);
            return askOpenssl();
        }
        ERR_pop_to_mark();
        return key;
    }
    if (BIO_seek(bio.get(), start) < 0 || legacyStage(bio.get(), position) != LegacyVerdict::Refuses)
        return askOpenssl();
    ERR_clear_last_mark();
    return nullptr;
}

Error formatError(const QString &message)
{
    return Error::make(ErrorKind::Format, message);
}

Result<QByteArray> readFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QCoreApplication::translate("Keys", "cannot open %1 %2: %3").arg(what, path, file.errorString()));
    return file.readAll();
}

} // namespace

QByteArray sha256(QByteArrayView bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), size_t(bytes.size()), digest, &length, EVP_sha256(), nullptr) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length));
}

// ---- PublicKey ----------------------------------------------------------------------------

QByteArray PublicKey::derSpki() const
{
    if (!m_key)
        return {};
    unsigned char *der = nullptr;
    const int n = i2d_PUBKEY(m_key.get(), &der);
    if (n <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(der), n);
    OPENSSL_free(der);
    return out;
}

QByteArray PublicKey::pem() const
{
    if (!m_key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray PublicKey::fingerprint() const
{
    if (!m_key)
        return {};
    return sha256(derSpki());
}

Result<void> PublicKey::verify(QByteArrayView message, QByteArrayView signature) const
{
    if (!m_key)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Keys", "no public key to verify the signature with"));
    MdCtxPtr ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1)
        return Error::make(ErrorKind::Verify, QCoreApplication::translate("Keys", "cannot set up signature verification: %1").arg(opensslError()));
    const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                                    size_t(signature.size()),
                                    reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size()));
    ERR_clear_error();
    if (rc != 1)
        return Error::make(ErrorKind::Verify,
                           QCoreApplication::translate("Keys", "signature does not verify under key %1").arg(fingerprintHex(fingerprint())));
    return {};
}

Result<void> PublicKey::save(const QString &path) const
{
    if (!m_key)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Keys", "no public key to save"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(pem()) < 0 || !file.flush())
        return Error::make(ErrorKind::Io, QCoreApplication::translate("Keys", "cannot write public key %1: %2").arg(path, file.errorString()));
    return {};
}

Result<PublicKey> PublicKey::fromDer(QByteArrayView der)
{
    const ErrorQueueGuard clearErrors;
    EVP_PKEY *key = readSpki(reinterpret_cast<const unsigned char *>(der.data()), long(der.size()));
    if (!key)
        return formatError(QCoreApplication::translate("Keys", "not a DER SubjectPublicKeyInfo: %1").arg(opensslError()));
    auto owned = own(key);
    if (const QString problem = p256Problem(key); !problem.isEmpty())
        return formatError(problem);
    return PublicKey::adopt(owned);
}

Result<PublicKey> PublicKey::fromPem(QByteArrayView pem)
{
    const ErrorQueueGuard clearErrors;
    {
        // PEM_read_bio_PUBKEY's steps (the first "PUBLIC KEY" block, RFC 7468 §13, then its DER),
        // with readSpki for the DER.
        BioPtr bio = memoryBio(pem);
        unsigned char *der = nullptr;
        long length = 0;
        EVP_PKEY *key = nullptr;
        if (PEM_bytes_read_bio(&der, &length, nullptr, PEM_STRING_PUBLIC, bio.get(), noPassword, nullptr) == 1) {
            key = readSpki(der, length);
            OPENSSL_free(der);
        }
        if (key) {
            auto owned = own(key);
            if (const QString problem = p256Problem(key); !problem.isEmpty())
                return formatError(problem);
            return PublicKey::adopt(owned);
        }
    }
    ERR_clear_error();
    // Every PEM label of a private key ends in "PRIVATE KEY" (RFC 7468 §10-11, SEC 1's "EC
    // PRIVATE KEY"; compared here without case): without one no private key can come out of
    // the input, and OpenSSL's decoder chain for it is the costliest step of this reader.
    if (QByteArray(pem.data(), pem.size()).toUpper().contains("PRIVATE KEY")) {
        auto priv = PrivateKey::fromPem(pem);
        if (priv)
            return priv->publicKey();
        if (pem.contains("PRIVATE KEY"))
            return priv.error();
    }
    return formatError(QCoreApplication::translate("Keys", "not a PEM public key (SubjectPublicKeyInfo) or private key"));
}

// ---- PrivateKey ---------------------------------------------------------------------------

PublicKey PrivateKey::publicKey() const
{
    if (!m_key)
        return {};
    // Round trip through the DER SPKI so the public key holds no private material.
    unsigned char *der = nullptr;
    const int n = i2d_PUBKEY(m_key.get(), &der);
    if (n <= 0)
        return {};
    EVP_PKEY *pub = readSpki(der, n);
    OPENSSL_free(der);
    if (!pub)
        return {};
    return PublicKey::adopt(own(pub));
}

QByteArray PrivateKey::pem() const
{
    if (!m_key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY") in OpenSSL 3.
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioContents(bio.get());
}

Result<void> PrivateKey::save(const QString &path) const
{
    if (!m_key)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Keys", "no private key to save"));
    const QByteArray text = pem();
    if (text.isEmpty())
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Keys", "cannot encode the private key: %1").arg(opensslError()));
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(path);
    // A new file is created with mode 0600; an existing one gets 0600 before the key goes in.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) || !file.setPermissions(ownerOnly) ||
        file.write(text) != text.size() || !file.flush())
        return Error::make(ErrorKind::Io, QCoreApplication::translate("Keys", "cannot write private key %1: %2").arg(path, file.errorString()));
    return {};
}

Result<QByteArray> PrivateKey::sign(QByteArrayView message) const
{
    if (!m_key)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Keys", "no private key to sign with"));
    MdCtxPtr ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(message.data());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(message.size())) != 1)
        return formatError(QCoreApplication::translate("Keys", "cannot sign: %1").arg(opensslError()));
    QByteArray signature(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, data,
                       size_t(message.size())) != 1)
        return formatError(QCoreApplication::translate("Keys", "cannot sign: %1").arg(opensslError()));
    signature.truncate(qsizetype(length));
    return signature;
}

Result<PrivateKey> PrivateKey::fromPem(QByteArrayView pem)
{
    const ErrorQueueGuard clearErrors;
    EVP_PKEY *key = readPrivateKeyPem(pem);
    if (!key) {
        const QString detail = opensslError();
        if (pem.contains("ENCRYPTED"))
            return formatError(QCoreApplication::translate("Keys", "encrypted private keys are not supported (%1)").arg(detail));
        return formatError(QCoreApplication::translate("Keys", "not a PEM private key (PKCS#8 or SEC 1): %1").arg(detail));
    }
    auto owned = own(key);
    if (const QString problem = p256Problem(key); !problem.isEmpty())
        return formatError(problem);
    return PrivateKey::adopt(owned);
}

// ---- free functions -----------------------------------------------------------------------

void freeThreadKeyReaders()
{
    t_pemKeyDecoder.release();
}

Result<PrivateKey> generateKey()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!key)
        return formatError(QCoreApplication::translate("Keys", "cannot generate an EC P-256 key: %1").arg(opensslError()));
    return PrivateKey::adopt(own(key));
}

namespace {

/** Reads the PEM file `path` (`what`: "private key", "public key" in messages) and parses it with
 *  Key::fromPem. Errors: those of readFile() (Io), Format with the path in front. */
template <typename Key>
Result<Key> loadPemKey(const QString &path, const QString &what)
{
    auto bytes = readFile(path, what);
    if (!bytes)
        return bytes.error();
    auto key = Key::fromPem(*bytes);
    if (!key)
        return formatError(QStringLiteral("%1: %2").arg(path, key.error().message));
    return key;
}

} // namespace

Result<PrivateKey> loadPrivateKey(const QString &path)
{
    return loadPemKey<PrivateKey>(path, QCoreApplication::translate("Keys", "private key"));
}

Result<PublicKey> loadPublicKey(const QString &path)
{
    return loadPemKey<PublicKey>(path, QCoreApplication::translate("Keys", "public key"));
}

Result<QList<PublicKey>> loadPublicKeys(const QStringList &paths)
{
    QList<PublicKey> keys;
    for (const QString &p : paths) {
        auto k = loadPublicKey(p);
        if (!k)
            return k.error();
        keys << k.value();
    }
    return keys;
}

QString fingerprintHex(const QByteArray &fingerprint)
{
    return QString::fromLatin1(fingerprint.toHex());
}

Result<QByteArray> parseFingerprintHex(const QString &text)
{
    QString digits = text.trimmed();
    digits.remove(QLatin1Char(':'));
    static const QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (!hex.match(digits).hasMatch())
        return Error::make(ErrorKind::Usage,
                           QCoreApplication::translate("Keys", "'%1' is not a key fingerprint (64 hex digits of SHA-256)").arg(text));
    return QByteArray::fromHex(digits.toLatin1());
}

} // namespace piton
