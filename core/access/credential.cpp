#include "access/credential.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QThread>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

#include "byte_order.h"

#include "client.h"
#include "responses.h"

namespace piton {

namespace {

constexpr quint32 kHelloRetryDefaultMs = 1000; // a board without the retry-after field: PT_AUTH_HELLO_INTERVAL_MS
constexpr quint32 kHelloRetryMaxMs = 5000;     // longer waits are the caller's decision: the refusal says how long
constexpr int kUniqueIdMax = 16; // PT_UNIQUE_ID_MAX (piton/hal.h, device side)

constexpr char kPemBegin[] = "-----BEGIN PITON CREDENTIAL-----";
constexpr char kPemEnd[] = "-----END PITON CREDENTIAL-----";

// DER SubjectPublicKeyInfo prefix of a P-256 key (RFC 5480); the 65-byte point follows.
const QByteArray kSpkiPrefix = QByteArray::fromHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");

QByteArray pointOf(const PublicKey &key)
{
    const QByteArray der = key.derSpki();
    return der.size() == kSpkiPrefix.size() + 65 ? der.right(65) : QByteArray();
}

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using PctxPtr = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;
using CipherPtr = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

Error cryptoError(const QString &what)
{
    return Error::make(ErrorKind::Format, QCoreApplication::translate("Access", "%1 failed (OpenSSL error %2)").arg(what).arg(ERR_get_error()));
}

QByteArray labelled(const char *label) { return QByteArray(label); }

// HKDF-SHA256 (RFC 5869) with OpenSSL's EVP_PKEY HKDF.
Result<QByteArray> hkdf(const QByteArray &salt, const QByteArray &ikm, const QByteArray &info, int length)
{
    PctxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr), EVP_PKEY_CTX_free);
    QByteArray out(length, '\0');
    size_t n = size_t(length);
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 || EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()) <= 0 ||
        EVP_PKEY_CTX_set1_hkdf_salt(ctx.get(), reinterpret_cast<const unsigned char *>(salt.data()), int(salt.size())) <= 0 ||
        EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), reinterpret_cast<const unsigned char *>(ikm.data()), int(ikm.size())) <= 0 ||
        EVP_PKEY_CTX_add1_hkdf_info(ctx.get(), reinterpret_cast<const unsigned char *>(info.data()), int(info.size())) <= 0 ||
        EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &n) <= 0 || n != size_t(length))
        return cryptoError(QStringLiteral("HKDF-SHA256"));
    return out;
}

// AES-256-GCM with a 12-byte nonce = u32 direction, u64 counter (docs/protocol.md §6.4).
QByteArray nonceOf(quint32 direction, quint64 counter)
{
    QByteArray n;
    appendLe32(n, direction);
    appendLe32(n, quint32(counter));
    appendLe32(n, quint32(counter >> 32));
    return n;
}

class GcmSeal final : public FrameSeal {
public:
    GcmSeal(QByteArray h2d, QByteArray d2h) : m_h2d(std::move(h2d)), m_d2h(std::move(d2h)) {}
    ~GcmSeal() override
    {
        OPENSSL_cleanse(m_h2d.data(), size_t(m_h2d.size()));
        OPENSSL_cleanse(m_d2h.data(), size_t(m_d2h.size()));
    }

    QByteArray seal(QByteArrayView header, QByteArrayView payload) override
    {
        const quint64 counter = ++m_txCounter;
        QByteArray out;
        appendLe32(out, quint32(counter));
        appendLe32(out, quint32(counter >> 32));
        QByteArray body(payload.size(), '\0');
        unsigned char tag[16] = {};
        crypt(true, m_h2d, nonceOf(0, counter), header, payload, body, tag);
        out += body;
        out.append(reinterpret_cast<const char *>(tag), 16);
        return out;
    }

    Result<QByteArray> open(QByteArrayView header, QByteArrayView sealed) override
    {
        if (sealed.size() < qsizetype(PT_SEAL_OVERHEAD))
            return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "sealed response shorter than counter and tag"));
        const quint64 counter = quint64(readLe32(sealed.toByteArray(), 0)) | (quint64(readLe32(sealed.toByteArray(), 4)) << 32);
        if (counter <= m_rxCounter)
            return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "sealed response replayed or reordered (counter %1 after %2)")
                                                        .arg(counter).arg(m_rxCounter));
        const qsizetype n = sealed.size() - qsizetype(PT_SEAL_OVERHEAD);
        QByteArray body(n, '\0');
        unsigned char tag[16];
        memcpy(tag, sealed.data() + 8 + n, 16);
        if (!crypt(false, m_d2h, nonceOf(1, counter), header, sealed.sliced(8, n), body, tag))
            return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "sealed response altered in transit (authentication tag does not match)"));
        m_rxCounter = counter;
        return body;
    }

private:
    static bool crypt(bool encrypt, const QByteArray &key, const QByteArray &nonce, QByteArrayView aad, QByteArrayView in,
                      QByteArray &out, unsigned char tag[16])
    {
        CipherPtr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
        int len = 0;
        auto u = [](const auto *p) { return reinterpret_cast<const unsigned char *>(p); };
        if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr, encrypt ? 1 : 0) != 1 ||
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) != 1 ||
            EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, u(key.data()), u(nonce.data()), encrypt ? 1 : 0) != 1 ||
            EVP_CipherUpdate(ctx.get(), nullptr, &len, u(aad.data()), int(aad.size())) != 1)
            return false;
        if (!in.isEmpty() &&
            EVP_CipherUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len, u(in.data()), int(in.size())) != 1)
            return false;
        if (!encrypt && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag) != 1)
            return false;
        unsigned char last[16];
        if (EVP_CipherFinal_ex(ctx.get(), last, &len) != 1)
            return false;
        return !encrypt || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
    }

    QByteArray m_h2d, m_d2h;
    quint64 m_txCounter = 0;
    quint64 m_rxCounter = 0;
};

} // namespace

Result<int> parseRole(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("observer"))
        return int(PT_ROLE_OBSERVER);
    if (n == QLatin1String("technician"))
        return int(PT_ROLE_TECHNICIAN);
    if (n == QLatin1String("factory"))
        return int(PT_ROLE_FACTORY);
    return Error::make(ErrorKind::Usage, QCoreApplication::translate("Access", "unknown role '%1': use observer, technician or factory").arg(name));
}

Result<QByteArray> parseCredentialScope(const QString &text)
{
    const QString t = text.trimmed();
    if (t.compare(QLatin1String("ALL"), Qt::CaseInsensitive) == 0)
        return QByteArray();
    QString hex = t;
    hex.remove(QLatin1Char(':'));
    const QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    if (hex.isEmpty() || hex.size() % 2 || bytes.toHex() != hex.toLower().toLatin1() || bytes.size() > kUniqueIdMax)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Access", "--for '%1': give the board's unique id in hex (as `info` shows it, at most 16 bytes) or ALL").arg(text));
    return bytes;
}

Result<Credential> parseCredential(const QByteArray &b)
{
    if (b.size() != int(PT_CRED_SIZE))
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Access", "credential of %1 bytes, expected %2").arg(b.size()).arg(PT_CRED_SIZE));
    if (!b.startsWith(PT_CRED_MAGIC) || quint8(b[4]) != PT_CRED_VERSION || b[7] != 0)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Access", "credential: magic, version or reserved byte wrong"));
    Credential c;
    c.role = quint8(b[PT_CRED_OFF_ROLE]);
    const int uidLen = quint8(b[PT_CRED_OFF_UID_LEN]);
    const int sigLen = quint8(b[PT_CRED_OFF_SIG_LEN]);
    if (c.role < PT_ROLE_OBSERVER || c.role > PT_ROLE_FACTORY || uidLen > kUniqueIdMax || sigLen < 8 ||
        sigLen > int(PT_SIGNATURE_MAX))
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Access", "credential: role, unique id length or signature length out of range"));
    c.uniqueId = b.mid(PT_CRED_OFF_UID, uidLen);
    c.notBefore = readLe32(b, PT_CRED_OFF_NOT_BEFORE);
    c.notAfter = readLe32(b, PT_CRED_OFF_NOT_AFTER);
    c.serial = readLe32(b, PT_CRED_OFF_SERIAL);
    c.subject = b.mid(PT_CRED_OFF_SUBJECT, 65);
    c.issuer = b.mid(PT_CRED_OFF_ISSUER, 32);
    c.bytes = b;
    return c;
}

Result<Credential> issueCredential(const CredentialRequest &r, const PrivateKey &accessKey, const PublicKey &holder)
{
    if (r.days < 1 || r.days > 3650)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Access", "--days %1: a credential is valid for 1 to 3650 days").arg(r.days));
    if (r.role < PT_ROLE_OBSERVER || r.role > PT_ROLE_FACTORY || r.uniqueId.size() > kUniqueIdMax)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Access", "credential role or unique id out of range"));
    const QByteArray subject = pointOf(holder);
    if (subject.size() != 65)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Access", "the holder's key is not a P-256 key"));
    const qint64 from = (r.notBefore.isValid() ? r.notBefore : QDateTime::currentDateTimeUtc()).toSecsSinceEpoch();
    const qint64 until = from + qint64(r.days) * 86400;
    if (from < 0 || until > qint64(0xFFFFFFFFu))
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("Access", "credential validity outside 1970..2106"));
    QByteArray b(PT_CRED_SIZE, '\0');
    memcpy(b.data(), PT_CRED_MAGIC, 4);
    b[4] = char(PT_CRED_VERSION);
    b[PT_CRED_OFF_ROLE] = char(r.role);
    b[PT_CRED_OFF_UID_LEN] = char(r.uniqueId.size());
    memcpy(b.data() + PT_CRED_OFF_UID, r.uniqueId.constData(), size_t(r.uniqueId.size()));
    auto put32 = [&](int off, quint32 v) {
        for (int i = 0; i < 4; ++i)
            b[off + i] = char(v >> (8 * i));
    };
    put32(PT_CRED_OFF_NOT_BEFORE, quint32(from));
    put32(PT_CRED_OFF_NOT_AFTER, quint32(until));
    put32(PT_CRED_OFF_SERIAL, QRandomGenerator::system()->generate());
    memcpy(b.data() + PT_CRED_OFF_SUBJECT, subject.constData(), 65);
    const QByteArray issuer = accessKey.publicKey().fingerprint();
    memcpy(b.data() + PT_CRED_OFF_ISSUER, issuer.constData(), 32);
    auto sig = accessKey.sign(QByteArrayView(b).first(PT_CRED_SIGNED_SIZE));
    if (!sig)
        return sig.error();
    b[PT_CRED_OFF_SIG_LEN] = char(sig->size());
    memcpy(b.data() + PT_CRED_OFF_SIG, sig->constData(), size_t(sig->size()));
    return parseCredential(b);
}

Result<void> saveCredentialFile(const QString &path, const CredentialFile &f)
{
    QByteArray text = QByteArray(kPemBegin) + '\n';
    const QByteArray b64 = f.credential.bytes.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        text += b64.mid(i, 64) + '\n';
    text += QByteArray(kPemEnd) + '\n' + f.holderKey.pem();
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) || !file.setPermissions(ownerOnly) ||
        file.write(text) != text.size() || !file.flush())
        return Error::make(ErrorKind::Io, QCoreApplication::translate("Access", "cannot write credential %1: %2").arg(path, file.errorString()));
    return {};
}

Result<CredentialFile> loadCredentialFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QCoreApplication::translate("Access", "cannot read credential %1: %2").arg(path, file.errorString()));
    const QByteArray text = file.read(64 * 1024);
    const qsizetype a = text.indexOf(kPemBegin), e = text.indexOf(kPemEnd);
    if (a < 0 || e < a)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Access", "%1: no PITON CREDENTIAL block (make one with `piton-cli access issue`)").arg(path));
    const QByteArray b64 = text.mid(a + qsizetype(sizeof kPemBegin) - 1, e - a - qsizetype(sizeof kPemBegin) + 1).simplified().replace(' ', "");
    auto decoded = QByteArray::fromBase64Encoding(b64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Access", "%1: the credential block is not base64").arg(path));
    auto cred = parseCredential(*decoded);
    if (!cred)
        return Error::make(ErrorKind::Format, QStringLiteral("%1: %2").arg(path, cred.error().message));
    auto key = PrivateKey::fromPem(text.mid(e + qsizetype(sizeof kPemEnd) - 1));
    if (!key)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Access", "%1: no holder private key after the credential: %2").arg(path, key.error().message));
    if (pointOf(key->publicKey()) != cred->subject)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("Access", "%1: the private key is not the credential's holder key").arg(path));
    return CredentialFile{*cred, *key};
}

namespace {
/** The grant of AUTH_PROOF / AUTH_SIGNED (docs/protocol.md §6.3, §6.6): `u8 role`, 3 reserved,
 *  u32 idle timeout. The role must be one (1..3) and at most the credential's; found by
 *  fuzz.host_authenticate (a board's answer with role 0x83 was returned as the session's role). */
std::optional<Error> checkGrantedRole(const QByteArray &grant, const CredentialFile &cred, const char *command)
{
    const int role = quint8(grant.at(0));
    if (role < PT_ROLE_OBSERVER || role > cred.credential.role || grant.at(1) || grant.at(2) || grant.at(3))
        return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "%1 response grants role %2 with reserved bytes %3: "
                                                                             "expected a role of 1 to %4 (the credential's) and 0")
                                                    .arg(QLatin1String(command)).arg(role)
                                                    .arg(QString::fromLatin1(grant.mid(1, 3).toHex()))
                                                    .arg(cred.credential.role));
    return std::nullopt;
}
} // namespace

Result<int> authenticate(Client &client, const CredentialFile &cred, QByteArray *boardIdentity,
                         const std::function<Result<void>(const QByteArray &identity)> &checkIdentity)
{
    // Ephemeral key (OpenSSL), its point from the DER SubjectPublicKeyInfo.
    PkeyPtr eph(EVP_EC_gen("P-256"), EVP_PKEY_free);
    if (!eph)
        return cryptoError(QStringLiteral("ephemeral key generation"));
    unsigned char *der = nullptr;
    const int derLen = i2d_PUBKEY(eph.get(), &der);
    const QByteArray ephDer(reinterpret_cast<const char *>(der), derLen > 0 ? derLen : 0);
    OPENSSL_free(der);
    if (ephDer.size() != kSpkiPrefix.size() + 65)
        return cryptoError(QStringLiteral("ephemeral key encoding"));
    const QByteArray hostEph = ephDer.right(65);

    QByteArray hello;
    hello.append(char(PT_AUTH_VERSION)).append(3, '\0').append(hostEph);
    // A board that limits handshakes (docs/protocol.md §6.2: a burst, then one per interval) says
    // when to come back (the retry-after field, §3); a script that runs many commands in a row
    // waits that long (plus 20 ms for the board's clock tick), up to 3 times and 5 s each, instead
    // of failing. A board that asks for longer is answered with its refusal at once.
    auto r1 = client.call(PT_CMD_AUTH_HELLO, hello, 10000);
    for (int wait = 0; wait < 3 && !r1 && r1.error().kind == ErrorKind::Device && r1.error().deviceStatus == PT_E_RATE_LIMITED
                       && r1.error().retryAfterMs.value_or(kHelloRetryDefaultMs) <= kHelloRetryMaxMs;
         ++wait) {
        QThread::msleep(r1.error().retryAfterMs.value_or(kHelloRetryDefaultMs) + 20);
        r1 = client.call(PT_CMD_AUTH_HELLO, hello, 10000);
    }
    if (!r1)
        return r1.error();
    if (r1->size() != int(PT_AUTH_HELLO_RESPONSE_SIZE) || quint8(r1->at(130)) < 8 || quint8(r1->at(130)) > PT_SIGNATURE_MAX)
        return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "AUTH_HELLO response of %1 bytes is malformed").arg(r1->size()));
    const QByteArray devEph = r1->left(65), devId = r1->mid(65, 65), devSig = r1->mid(131, quint8(r1->at(130)));
    auto idKey = PublicKey::fromDer(kSpkiPrefix + devId);
    auto ephKey = PublicKey::fromDer(kSpkiPrefix + devEph);
    if (!idKey || !ephKey)
        return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "AUTH_HELLO: the board's keys are not P-256 points"));
    const QByteArray m1 = labelled(PT_AUTH_LABEL_HELLO) + hostEph + devEph + devId;
    if (auto ok = idKey->verify(m1, devSig); !ok)
        return Error::make(ErrorKind::Verify, QCoreApplication::translate("Access", "the board's handshake signature does not verify: not the board it claims to be, or altered in transit"));
    // The fingerprint is the SHA-256 of the SubjectPublicKeyInfo (PublicKey::fingerprint()),
    // here the bytes the key was read from.
    const QByteArray identity = sha256(kSpkiPrefix + devId);
    if (boardIdentity)
        *boardIdentity = identity;
    if (checkIdentity)
        if (auto ok = checkIdentity(identity); !ok)
            return ok.error();

    const QByteArray t1 = sha256(m1);
    const QByteArray m2 = labelled(PT_AUTH_LABEL_PROOF) + t1 + cred.credential.bytes;
    auto proofSig = cred.holderKey.sign(m2);
    if (!proofSig)
        return proofSig.error();
    QByteArray proof = cred.credential.bytes;
    proof.append(char(proofSig->size())).append(*proofSig).append(int(PT_SIGNATURE_MAX) - int(proofSig->size()) + 1, '\0');
    auto r2 = client.call(PT_CMD_AUTH_PROOF, proof, 10000);
    if (!r2)
        return r2.error();
    if (r2->size() != int(PT_AUTH_PROOF_RESPONSE_SIZE))
        return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "AUTH_PROOF response of %1 bytes is malformed").arg(r2->size()));
    if (auto bad = checkGrantedRole(*r2, cred, "AUTH_PROOF"))
        return *bad;

    // Z = ECDH(ephemeral, device ephemeral); keys = HKDF-SHA256(salt = T2, Z, "piton-auth-v1 keys").
    PctxPtr dctx(EVP_PKEY_CTX_new(eph.get(), nullptr), EVP_PKEY_CTX_free);
    QByteArray z(32, '\0');
    size_t zl = 32;
    if (!dctx || EVP_PKEY_derive_init(dctx.get()) <= 0 || EVP_PKEY_derive_set_peer(dctx.get(), ephKey->evp()) <= 0 ||
        EVP_PKEY_derive(dctx.get(), reinterpret_cast<unsigned char *>(z.data()), &zl) <= 0 || zl != 32)
        return cryptoError(QStringLiteral("ECDH"));
    auto keys = hkdf(sha256(m2), z, labelled(PT_AUTH_LABEL_KEYS), 64);
    OPENSSL_cleanse(z.data(), 32);
    if (!keys)
        return keys.error();
    client.setSeal(std::make_shared<GcmSeal>(keys->left(32), keys->mid(32)));
    OPENSSL_cleanse(keys->data(), 64);
    return int(quint8(r2->at(0)));
}

Result<int> authenticateSignedNonce(Client &client, const CredentialFile &cred)
{
    auto r1 = client.call(PT_CMD_AUTH_NONCE, {}, 10000);
    if (!r1)
        return r1.error();
    const int uidLen = r1->size() == int(PT_AUTH_NONCE_RESPONSE_SIZE) ? quint8(r1->at(PT_AUTH_NONCE_SIZE)) : -1;
    if (uidLen < 0 || uidLen > int(PT_AUTH_NONCE_RESPONSE_SIZE) - 36) // 16 bytes of unique id at 36
        return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "AUTH_NONCE response of %1 bytes is malformed").arg(r1->size()));
    const QByteArray nonce = r1->left(int(PT_AUTH_NONCE_SIZE)), uid = r1->mid(36, uidLen);
    // The holder signs SHA-256(label ‖ nonce ‖ the board's unique id ‖ credential) (docs/protocol.md §6.6).
    auto sig = cred.holderKey.sign(labelled(PT_AUTH_LABEL_NONCE) + nonce + uid + cred.credential.bytes);
    if (!sig)
        return sig.error();
    QByteArray proof = cred.credential.bytes;
    proof.append(char(sig->size())).append(*sig).append(int(PT_SIGNATURE_MAX) - int(sig->size()) + 1, '\0');
    auto r2 = client.call(PT_CMD_AUTH_SIGNED, proof, 10000);
    if (!r2)
        return r2.error();
    if (r2->size() != int(PT_AUTH_SIGNED_RESPONSE_SIZE))
        return Error::make(ErrorKind::Protocol, QCoreApplication::translate("Access", "AUTH_SIGNED response of %1 bytes is malformed").arg(r2->size()));
    if (auto bad = checkGrantedRole(*r2, cred, "AUTH_SIGNED"))
        return *bad;
    return int(quint8(r2->at(0)));
}

} // namespace piton
