#include "package/key_update.h"

#include "package/encryption.h"
#include "piton/protocol.h"

#include <QCoreApplication>
#include <QFile>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

namespace piton {

namespace {

Error bad(const QString &what)
{
    return Error::make(ErrorKind::Format, QCoreApplication::translate("KeyUpdate", "key update: %1").arg(what));
}

QByteArray le16(quint32 v)
{
    QByteArray b(2, '\0');
    b[0] = char(v & 0xFF);
    b[1] = char((v >> 8) & 0xFF);
    return b;
}

QByteArray le32(quint32 v)
{
    return le16(v & 0xFFFF) + le16(v >> 16);
}

quint32 get16(QByteArrayView b, qsizetype at)
{
    return quint32(quint8(b[at])) | (quint32(quint8(b[at + 1])) << 8);
}

quint32 get32(QByteArrayView b, qsizetype at)
{
    return get16(b, at) | (get16(b, at + 2) << 16);
}

bool allZero(QByteArrayView b)
{
    for (char c : b)
        if (c)
            return false;
    return true;
}

/** DER SPKI prefix of every P-256 key: SHA-256(prefix ‖ point) is the key's fingerprint. */
QByteArray spkiOfPoint(QByteArrayView point)
{
    static const unsigned char prefix[26] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                                             0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
    return QByteArray(reinterpret_cast<const char *>(prefix), sizeof prefix) + point.toByteArray();
}

QByteArray entryBytes(const KeyUpdateEntry &e)
{
    QByteArray b(PT_KEYUPD_ENTRY_SIZE, '\0');
    b[0] = char(e.action);
    b[1] = char(e.role);
    b.replace(PT_KEYUPD_ENTRY_OFF_FINGERPRINT, 32, e.fingerprint.left(32));
    if (!e.point.isEmpty())
        b.replace(PT_KEYUPD_ENTRY_OFF_POINT, 65, e.point.left(65));
    b.resize(PT_KEYUPD_ENTRY_SIZE);
    return b;
}

} // namespace

QString keyRoleName(int role)
{
    switch (role) {
    case PT_KEY_PACKAGE: return QStringLiteral("package");
    case PT_KEY_ACCESS: return QStringLiteral("access");
    case PT_KEY_PRODUCT: return QStringLiteral("product");
    case PT_KEY_ROOT: return QStringLiteral("root");
    default: return QStringLiteral("unknown (%1)").arg(role);
    }
}

Result<QByteArray> keyFingerprintOf(const QString &fileOrHex)
{
    if (QFile::exists(fileOrHex)) {
        auto key = loadPublicKey(fileOrHex);
        if (!key)
            return key.error();
        return key->fingerprint();
    }
    auto fp = parseFingerprintHex(fileOrHex);
    if (!fp)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("KeyUpdate", "'%1' is neither a public key file nor a key fingerprint (64 hex digits)")
                                                 .arg(fileOrHex));
    return fp;
}

Result<QByteArray> publicPoint(const PublicKey &key)
{
    const QByteArray der = key.derSpki();
    if (der.size() != 91)
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("KeyUpdate", "not a P-256 public key"));
    return der.right(65);
}

Result<QByteArray> privateScalar(const PrivateKey &key)
{
    if (key.isNull())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("KeyUpdate", "no private key"));
    BIGNUM *d = nullptr;
    if (EVP_PKEY_get_bn_param(key.evp(), OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1 || !d)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("KeyUpdate", "cannot read the private key's scalar"));
    QByteArray out(32, '\0');
    const int n = BN_bn2binpad(d, reinterpret_cast<unsigned char *>(out.data()), 32);
    BN_clear_free(d);
    if (n != 32)
        return Error::make(ErrorKind::Format, QCoreApplication::translate("KeyUpdate", "cannot read the private key's scalar"));
    return out;
}

bool KeyUpdate::looksLikeKeyUpdate(QByteArrayView b)
{
    if (b.size() < qsizetype(PT_PACKAGE_HEADER_SIZE) || b.first(4) != QByteArrayView(PT_PACKAGE_MAGIC))
        return false;
    const qsizetype hsize = get16(b, 6);
    return hsize + 4 <= b.size() && b.sliced(hsize, 4) == QByteArrayView(PT_KEYUPD_MAGIC);
}

Result<KeyUpdate> KeyUpdate::parse(QByteArray fileBytes)
{
    const QByteArrayView b(fileBytes);
    if (b.size() < qsizetype(PT_PACKAGE_HEADER_SIZE) || b.first(4) != QByteArrayView(PT_PACKAGE_MAGIC))
        return bad(QCoreApplication::translate("KeyUpdate", "not a package file (magic is not PTPK)"));
    if (get16(b, 4) != PT_PACKAGE_FORMAT_VERSION || get16(b, 6) != PT_PACKAGE_HEADER_SIZE || get16(b, 14) != 0)
        return bad(QCoreApplication::translate("KeyUpdate", "header version, size or reserved field not valid (key updates carry no header extensions)"));
    const quint32 mlen = get32(b, 8), slen = get16(b, 12);
    if (slen < 1 || slen > PT_SIGNATURE_MAX || mlen < PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE ||
        mlen > PT_KEYUPD_MAX_SIZE || quint64(PT_PACKAGE_HEADER_SIZE) + mlen + slen != quint64(b.size()))
        return bad(QCoreApplication::translate("KeyUpdate", "%1 bytes do not match the manifest (%2) and signature (%3) lengths").arg(b.size()).arg(mlen).arg(slen));
    const QByteArrayView m = b.sliced(PT_PACKAGE_HEADER_SIZE, mlen);
    if (m.first(4) != QByteArrayView(PT_KEYUPD_MAGIC))
        return bad(QCoreApplication::translate("KeyUpdate", "manifest magic is not PTKU: this is not a key update"));
    if (get16(m, 4) != PT_KEYUPD_FORMAT_VERSION)
        return bad(QCoreApplication::translate("KeyUpdate", "format version %1 is not 1").arg(get16(m, 4)));
    const quint32 count = get16(m, 6);
    if (count < 1 || count > PT_KEYUPD_MAX_ENTRIES)
        return bad(QCoreApplication::translate("KeyUpdate", "%1 entries, expected 1 to 6").arg(count));
    KeyUpdate ku;
    const QByteArrayView id = m.sliced(8, PT_MANIFEST_BOARD_ID_SIZE);
    const qsizetype nul = id.indexOf('\0');
    if (nul <= 0 || !allZero(id.sliced(nul)))
        return bad(QCoreApplication::translate("KeyUpdate", "board id is not NUL-padded ASCII"));
    ku.boardId = QString::fromLatin1(id.first(nul));
    ku.generation = get32(m, PT_KEYUPD_OFF_GENERATION);
    ku.flags = get32(m, PT_KEYUPD_OFF_FLAGS);
    if (ku.flags & ~quint32(PT_KEYUPD_FLAG_PRODUCT_KEY))
        return bad(QCoreApplication::translate("KeyUpdate", "flags 0x%1 are not supported").arg(ku.flags, 8, 16, QLatin1Char('0')));
    if (ku.generation == 0)
        return bad(QCoreApplication::translate("KeyUpdate", "generation 0 is the factory provisioning"));
    const quint32 entriesEnd = PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE * count;
    const quint32 kbLen = (ku.flags & PT_KEYUPD_FLAG_PRODUCT_KEY) ? PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE : 0;
    quint32 rootAdds = 0;
    for (quint32 i = 0; i < count; ++i) {
        const QByteArrayView e = m.sliced(PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE * i, 2);
        rootAdds += quint8(e[0]) == PT_KEYUPD_ADD && quint8(e[1]) == PT_KEY_ROOT ? 1 : 0;
    }
    if (rootAdds > PT_KEYUPD_MAX_ROOT_ADDS)
        return bad(QCoreApplication::translate("KeyUpdate", "%1 root keys added; one key update adds at most one").arg(rootAdds));
    const quint32 proofLen = rootAdds * PT_KEYUPD_PROOF_SIZE;
    if (mlen != entriesEnd + kbLen + proofLen)
        return bad(QCoreApplication::translate("KeyUpdate", "manifest of %1 bytes, expected %2").arg(mlen).arg(entriesEnd + kbLen + proofLen));
    if (proofLen) {
        const QByteArrayView p = m.sliced(entriesEnd + kbLen, proofLen);
        const quint32 n = quint8(p[0]);
        if (n < 1 || n > PT_SIGNATURE_MAX || !allZero(p.sliced(1, 3)) || !allZero(p.sliced(4 + n)))
            return bad(QCoreApplication::translate("KeyUpdate", "root key proof: signature length or padding not valid"));
        ku.rootProof = p.sliced(4, n).toByteArray();
    }
    int products = 0;
    for (quint32 i = 0; i < count; ++i) {
        const QByteArrayView e = m.sliced(PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE * i, PT_KEYUPD_ENTRY_SIZE);
        KeyUpdateEntry entry;
        entry.action = quint8(e[0]);
        entry.role = quint8(e[1]);
        if ((entry.action != PT_KEYUPD_ADD && entry.action != PT_KEYUPD_REVOKE) || entry.role < PT_KEY_PACKAGE ||
            entry.role > PT_KEY_ROOT || !allZero(e.sliced(2, 2)) || !allZero(e.sliced(101, 3)))
            return bad(QCoreApplication::translate("KeyUpdate", "entry %1: action, role or reserved bytes not valid").arg(i));
        entry.fingerprint = e.sliced(PT_KEYUPD_ENTRY_OFF_FINGERPRINT, 32).toByteArray();
        const QByteArrayView point = e.sliced(PT_KEYUPD_ENTRY_OFF_POINT, 65);
        if (entry.action == PT_KEYUPD_REVOKE) {
            if (!allZero(point))
                return bad(QCoreApplication::translate("KeyUpdate", "entry %1: a revocation carries no key").arg(i));
            if (entry.role == PT_KEY_PRODUCT)
                return bad(QCoreApplication::translate("KeyUpdate", "entry %1: the product key is revoked by delivering a new one").arg(i));
        } else {
            if (quint8(point[0]) != 0x04 || sha256(spkiOfPoint(point)) != entry.fingerprint)
                return bad(QCoreApplication::translate("KeyUpdate", "entry %1: the key is not an uncompressed P-256 point matching its fingerprint").arg(i));
            entry.point = point.toByteArray();
            products += entry.role == PT_KEY_PRODUCT ? 1 : 0;
        }
        ku.entries.append(entry);
    }
    if (products != (kbLen ? 1 : 0))
        return bad(QCoreApplication::translate("KeyUpdate", "a new product key needs exactly one product key entry and the key block"));
    if (kbLen) {
        ku.keyBlock = m.sliced(entriesEnd, kbLen).toByteArray();
        auto kb = KeyBlock::parse(ku.keyBlock);
        if (!kb)
            return bad(kb.error().message);
    }

    ku.manifestBytes = m.toByteArray();
    ku.signature = b.sliced(PT_PACKAGE_HEADER_SIZE + mlen, slen).toByteArray();
    ku.fileBytes = std::move(fileBytes);
    return ku;
}

Result<KeyUpdate> KeyUpdate::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QCoreApplication::translate("KeyUpdate", "cannot open key update %1: %2").arg(path, file.errorString()));
    auto ku = parse(file.readAll());
    if (!ku)
        return Error::make(ku.error().kind, QStringLiteral("%1: %2").arg(path, ku.error().message));
    return ku;
}

Result<PublicKey> KeyUpdate::verifySignature(const QList<PublicKey> &rootKeys) const
{
    for (const PublicKey &k : rootKeys)
        if (k.verify(manifestBytes, signature))
            return k;
    return Error::make(ErrorKind::Verify, QCoreApplication::translate("KeyUpdate", "the key update is not signed by any of the given root keys"));
}

Result<void> KeyUpdate::verifyRootProof() const
{
    for (const KeyUpdateEntry &e : entries) {
        if (e.action != PT_KEYUPD_ADD || e.role != PT_KEY_ROOT)
            continue;
        auto root = PublicKey::fromDer(spkiOfPoint(e.point));
        const qsizetype signedLen = manifestBytes.size() - qsizetype(PT_KEYUPD_PROOF_SIZE);
        if (!root || !root->verify(QByteArrayView(manifestBytes).first(signedLen), rootProof))
            return Error::make(ErrorKind::Verify, QCoreApplication::translate("KeyUpdate", "the new root key's proof of possession does not verify: the update was not signed by the private half of the root key it adds"));
    }
    return {};
}

Result<QByteArray> createKeyUpdate(const KeyUpdateSpec &spec, const PrivateKey &rootKey)
{
    auto usage = [](const QString &m) { return Error::make(ErrorKind::Usage, m); };
    if (rootKey.isNull())
        return usage(QCoreApplication::translate("KeyUpdate", "a key update needs the root key to sign it"));
    if (spec.generation == 0)
        return usage(QCoreApplication::translate("KeyUpdate", "the generation must be 1 or more (0 is the factory provisioning)"));
    const QByteArray board = spec.boardId.toLatin1();
    if (board.isEmpty() || board.size() > int(PT_BOARD_ID_MAX))
        return usage(QCoreApplication::translate("KeyUpdate", "board id must have 1 to 31 characters"));
    QList<KeyUpdateEntry> entries;
    auto revoke = [&](quint8 role, const QList<QByteArray> &fps) {
        for (const QByteArray &fp : fps)
            entries.append({PT_KEYUPD_REVOKE, role, fp, {}});
    };
    auto add = [&](quint8 role, const QList<PublicKey> &keys) -> Result<void> {
        for (const PublicKey &k : keys) {
            auto point = publicPoint(k);
            if (!point)
                return point.error();
            entries.append({PT_KEYUPD_ADD, role, k.fingerprint(), *point});
        }
        return {};
    };
    revoke(PT_KEY_PACKAGE, spec.revokePackageKeys);
    revoke(PT_KEY_ACCESS, spec.revokeAccessKeys);
    revoke(PT_KEY_ROOT, spec.revokeRootKeys);
    if (auto ok = add(PT_KEY_PACKAGE, spec.addPackageKeys); !ok)
        return ok.error();
    if (auto ok = add(PT_KEY_ACCESS, spec.addAccessKeys); !ok)
        return ok.error();
    const bool root = !spec.addRootKey.isNull();
    if (root) {
        if (auto ok = add(PT_KEY_ROOT, {spec.addRootKey.publicKey()}); !ok)
            return ok.error();
    }
    const bool product = !spec.newProductKey.isNull();
    if (product) {
        if (spec.wrapTo.isNull())
            return usage(QCoreApplication::translate("KeyUpdate", "a new product key travels wrapped to the board's current product key: give --wrap-to"));
        if (auto ok = add(PT_KEY_PRODUCT, {spec.newProductKey.publicKey()}); !ok)
            return ok.error();
    }
    if (entries.isEmpty())
        return usage(QCoreApplication::translate("KeyUpdate", "a key update needs at least one key to add or revoke"));
    if (entries.size() > int(PT_KEYUPD_MAX_ENTRIES))
        return usage(QCoreApplication::translate("KeyUpdate", "%1 keys to add or revoke; a key update holds at most 6").arg(entries.size()));
    QByteArray m(PT_KEYUPD_MAGIC);
    m += le16(PT_KEYUPD_FORMAT_VERSION) + le16(quint32(entries.size()));
    m += board + QByteArray(int(PT_MANIFEST_BOARD_ID_SIZE) - board.size(), '\0');
    m += le32(spec.generation) + le32(product ? PT_KEYUPD_FLAG_PRODUCT_KEY : 0u);
    for (const KeyUpdateEntry &e : entries)
        m += entryBytes(e);
    if (product) {
        auto scalar = privateScalar(spec.newProductKey);
        if (!scalar)
            return scalar.error();
        auto wrapped = wrapContentKey(*scalar, spec.wrapTo, PT_RECIPIENT_PRODUCT, sha256(m));
        scalar->fill('\0');
        if (!wrapped)
            return wrapped.error();
        KeyBlock kb;
        kb.recipients.append(*wrapped);
        m += kb.encode();
    }
    if (root) { // proof of possession: the new root key signs everything before the proof
        auto proof = spec.addRootKey.sign(m);
        if (!proof)
            return proof.error();
        QByteArray block(PT_KEYUPD_PROOF_SIZE, '\0');
        block[0] = char(proof->size());
        block.replace(4, proof->size(), *proof);
        m += block.left(PT_KEYUPD_PROOF_SIZE);
    }
    auto sig = rootKey.sign(m);
    if (!sig)
        return sig.error();
    QByteArray file(PT_PACKAGE_MAGIC);
    file += le16(PT_PACKAGE_FORMAT_VERSION) + le16(PT_PACKAGE_HEADER_SIZE) + le32(quint32(m.size())) +
            le16(quint32(sig->size())) + le16(0);
    return file + m + *sig;
}

} // namespace piton
