#include "package/encryption.h"

#include "piton/protocol.h"

#include <QCoreApplication>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>

namespace piton {

namespace {

using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Error opensslFailed(const char *what)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    char buffer[256] = {};
    if (code)
        ERR_error_string_n(code, buffer, sizeof buffer);
    return Error::make(ErrorKind::Format, QCoreApplication::translate("Encryption", "%1 failed in OpenSSL: %2").arg(QString::fromLatin1(what), QString::fromLatin1(buffer)));
}

const unsigned char *u8(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char *>(v.data());
}

Result<QByteArray> hkdf(QByteArrayView salt, QByteArrayView ikm, QByteArrayView info, int length)
{
    EVP_KDF *kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    if (!kdf)
        return opensslFailed("HKDF");
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (!ctx)
        return opensslFailed("HKDF");
    OSSL_PARAM params[5];
    int n = 0;
    params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char *>("SHA256"), 0);
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char *>(ikm.data()), size_t(ikm.size()));
    if (!salt.isEmpty())
        params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char *>(salt.data()), size_t(salt.size()));
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char *>(info.data()), size_t(info.size()));
    params[n] = OSSL_PARAM_construct_end();
    QByteArray out(length, '\0');
    const int rc = EVP_KDF_derive(ctx, reinterpret_cast<unsigned char *>(out.data()), size_t(length), params);
    EVP_KDF_CTX_free(ctx);
    if (rc != 1)
        return opensslFailed("HKDF");
    return out;
}

/** Uncompressed SEC 1 point of an EC key (65 bytes for P-256). */
QByteArray encodedPoint(EVP_PKEY *key)
{
    QByteArray point(65, '\0');
    size_t length = 0;
    if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, reinterpret_cast<unsigned char *>(point.data()),
                                        size_t(point.size()), &length) != 1 || length != 65)
        return {};
    return point;
}

Result<QByteArray> ecdh(EVP_PKEY *own, EVP_PKEY *peer)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new(own, nullptr), EVP_PKEY_CTX_free);
    size_t length = 32;
    QByteArray z(32, '\0');
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), peer) != 1 ||
        EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char *>(z.data()), &length) != 1 || length != 32)
        return opensslFailed("ECDH");
    return z;
}

QByteArray wrapInfo(QByteArrayView fingerprint, QByteArrayView ephemeral)
{
    QByteArray info(PT_KDF_INFO_WRAP);
    info += fingerprint;
    info += ephemeral;
    return info;
}

const QByteArray zeroIv(12, '\0');

} // namespace

// ---- KeyBlock -------------------------------------------------------------------------------

QByteArray KeyBlock::encode() const
{
    QByteArray out(PT_KEYBLOCK_MAGIC);
    out += char(PT_KEYBLOCK_VERSION);
    out += char(recipients.size());
    out += QByteArray(2, '\0');
    for (const Recipient &r : recipients) {
        QByteArray e(PT_KEYBLOCK_RECIPIENT_SIZE, '\0');
        e[PT_RECIPIENT_OFF_KIND] = char(r.kind);
        e.replace(PT_RECIPIENT_OFF_FINGERPRINT, 32, r.fingerprint.left(32));
        e.replace(PT_RECIPIENT_OFF_EPHEMERAL, 65, r.ephemeral.left(65));
        e.replace(PT_RECIPIENT_OFF_WRAPPED, 32, r.wrapped.left(32));
        e.replace(PT_RECIPIENT_OFF_TAG, 16, r.tag.left(16));
        e.resize(PT_KEYBLOCK_RECIPIENT_SIZE);
        out += e;
    }
    return out;
}

Result<KeyBlock> KeyBlock::parse(QByteArrayView b)
{
    auto bad = [](const QString &what) { return Error::make(ErrorKind::Format, QCoreApplication::translate("Encryption", "key block: %1").arg(what)); };
    if (b.size() < qsizetype(PT_KEYBLOCK_HEADER_SIZE) || b.first(4) != QByteArrayView(PT_KEYBLOCK_MAGIC))
        return bad(QCoreApplication::translate("Encryption", "magic is not PTKB"));
    if (quint8(b[4]) != PT_KEYBLOCK_VERSION)
        return bad(QCoreApplication::translate("Encryption", "version %1 is not 1").arg(quint8(b[4])));
    const int count = quint8(b[5]);
    if (count < 1 || count > int(PT_KEYBLOCK_MAX_RECIPIENTS))
        return bad(QCoreApplication::translate("Encryption", "%1 recipients, expected 1 to 4").arg(count));
    if (b[6] || b[7])
        return bad(QCoreApplication::translate("Encryption", "reserved bytes are not 0"));
    if (b.size() != qsizetype(PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE * count))
        return bad(QCoreApplication::translate("Encryption", "length %1 does not match %2 recipients").arg(b.size()).arg(count));
    KeyBlock kb;
    for (int i = 0; i < count; ++i) {
        const QByteArrayView e = b.sliced(PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE * i, PT_KEYBLOCK_RECIPIENT_SIZE);
        Recipient r;
        r.kind = quint8(e[PT_RECIPIENT_OFF_KIND]);
        if (r.kind != PT_RECIPIENT_PRODUCT && r.kind != PT_RECIPIENT_DEVICE)
            return bad(QCoreApplication::translate("Encryption", "recipient %1 has unknown kind %2").arg(i).arg(r.kind));
        if (e[1] || e[2] || e[3] || e[101] || e[102] || e[103])
            return bad(QCoreApplication::translate("Encryption", "recipient %1 reserved bytes are not 0").arg(i));
        if (quint8(e[PT_RECIPIENT_OFF_EPHEMERAL]) != 0x04)
            return bad(QCoreApplication::translate("Encryption", "recipient %1: ephemeral key is not an uncompressed point").arg(i));
        r.fingerprint = e.sliced(PT_RECIPIENT_OFF_FINGERPRINT, 32).toByteArray();
        r.ephemeral = e.sliced(PT_RECIPIENT_OFF_EPHEMERAL, 65).toByteArray();
        r.wrapped = e.sliced(PT_RECIPIENT_OFF_WRAPPED, 32).toByteArray();
        r.tag = e.sliced(PT_RECIPIENT_OFF_TAG, 16).toByteArray();
        kb.recipients.append(r);
    }
    return kb;
}

int KeyBlock::find(QByteArrayView fingerprint) const
{
    for (int i = 0; i < recipients.size(); ++i)
        if (recipients[i].fingerprint == fingerprint)
            return i;
    return -1;
}

// ---- crypto ---------------------------------------------------------------------------------

Result<QByteArray> randomBytes(int n)
{
    QByteArray out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), n) != 1)
        return opensslFailed("RAND_bytes");
    return out;
}

Result<QByteArray> newCounterBlock()
{
    auto nonce = randomBytes(12);
    if (!nonce)
        return nonce.error();
    return *nonce + QByteArray(4, '\0');
}

Result<Recipient> wrapContentKey(QByteArrayView cek, const PublicKey &to, quint8 kind, QByteArrayView manifestHash)
{
    if (cek.size() != qsizetype(PT_CONTENT_KEY_SIZE) || manifestHash.size() != 32 || to.isNull())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Encryption", "content key wrap: a 32-byte key, a 32-byte manifest hash and a recipient key are needed"));
    PkeyPtr ephemeral(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
    if (!ephemeral)
        return opensslFailed("ephemeral key generation");
    auto z = ecdh(ephemeral.get(), to.evp());
    if (!z)
        return z.error();
    Recipient r;
    r.kind = kind;
    r.fingerprint = to.fingerprint();
    r.ephemeral = encodedPoint(ephemeral.get());
    if (r.ephemeral.isEmpty())
        return opensslFailed("ephemeral point encoding");
    auto kek = hkdf(manifestHash, *z, wrapInfo(r.fingerprint, r.ephemeral), 32);
    z->fill('\0');
    if (!kek)
        return kek.error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    r.wrapped = QByteArray(32, '\0');
    r.tag = QByteArray(16, '\0');
    int len = 0;
    const bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) == 1 &&
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, u8(*kek), u8(zeroIv)) == 1 &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, u8(manifestHash), 32) == 1 &&
        EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(r.wrapped.data()), &len, u8(cek), 32) == 1 &&
        EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(r.wrapped.data()) + len, &len) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, r.tag.data()) == 1;
    kek->fill('\0');
    if (!ok)
        return opensslFailed("AES-256-GCM");
    return r;
}

Result<QByteArray> unwrapContentKey(const Recipient &r, const PrivateKey &key, QByteArrayView manifestHash)
{
    if (key.isNull() || manifestHash.size() != 32)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Encryption", "content key unwrap: a key and a 32-byte manifest hash are needed"));
    if (key.publicKey().fingerprint() != r.fingerprint)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Encryption", "the key %1 is not this recipient's key %2")
                                                 .arg(fingerprintHex(key.publicKey().fingerprint()), fingerprintHex(r.fingerprint)));
    OSSL_PARAM params[3] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char *>("prime256v1"), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<char *>(r.ephemeral.data()), size_t(r.ephemeral.size())),
        OSSL_PARAM_construct_end()};
    PkeyCtxPtr fromData(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY *peerRaw = nullptr;
    if (!fromData || EVP_PKEY_fromdata_init(fromData.get()) != 1 ||
        EVP_PKEY_fromdata(fromData.get(), &peerRaw, EVP_PKEY_PUBLIC_KEY, params) != 1)
        return Error::make(ErrorKind::Verify, QCoreApplication::translate("Encryption", "the ephemeral key of the recipient is not a P-256 point"));
    PkeyPtr peer(peerRaw, EVP_PKEY_free);
    auto z = ecdh(key.evp(), peer.get());
    if (!z)
        return Error::make(ErrorKind::Verify, QCoreApplication::translate("Encryption", "the ephemeral key of the recipient is not a valid P-256 point"));
    auto kek = hkdf(manifestHash, *z, wrapInfo(r.fingerprint, r.ephemeral), 32);
    z->fill('\0');
    if (!kek)
        return kek.error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    QByteArray cek(32, '\0');
    QByteArray tag = r.tag;
    int len = 0;
    const bool setUp = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) == 1 &&
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, u8(*kek), u8(zeroIv)) == 1 &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, u8(manifestHash), 32) == 1 &&
        EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(cek.data()), &len, u8(r.wrapped), int(r.wrapped.size())) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()) == 1;
    kek->fill('\0');
    if (!setUp)
        return opensslFailed("AES-256-GCM");
    if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(cek.data()) + len, &len) != 1) {
        ERR_clear_error();
        cek.fill('\0');
        return Error::make(ErrorKind::Verify, QCoreApplication::translate("Encryption", "the wrapped content key does not authenticate under key %1").arg(fingerprintHex(r.fingerprint)));
    }
    return cek;
}

Result<QByteArray> payloadKey(QByteArrayView cek, quint8 index)
{
    QByteArray info(PT_KDF_INFO_PAYLOAD);
    info += char(index);
    return hkdf({}, cek, info, 32);
}

Result<QByteArray> aes256Ctr(QByteArrayView key, QByteArrayView icb, QByteArrayView data)
{
    if (key.size() != 32 || icb.size() != 16)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Encryption", "AES-256-CTR needs a 32-byte key and a 16-byte counter block"));
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    QByteArray out(data.size(), '\0');
    int len = 0, tail = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_ctr(), nullptr, u8(key), u8(icb)) != 1 ||
        EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len, u8(data), int(data.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()) + len, &tail) != 1)
        return opensslFailed("AES-256-CTR");
    return out;
}

} // namespace piton
