#include "board/provisioning.h"

#include "byte_order.h"
#include "package/signed_file.h"

#include <zlib.h>

namespace piton {

namespace {
// vb_provision.h: offsets of the fields.
constexpr int kOffVersion = 4, kOffLength = 6, kOffBoard = 8, kOffUidLen = 40, kOffLocked = 41, kOffKeyCount = 42,
              kOffReserved = 43, kOffUid = 44, kOffKeys = 60, kKeySlot = 130, kOffCrc = 320;
constexpr int kMaxKeys = 2, kKeyDerMax = 128, kUidMax = 16;

quint32 crc32Of(QByteArrayView bytes)
{
    return quint32(crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(bytes.data()), uInt(bytes.size())));
}

Error bad(const QString &message)
{
    return Error::make(ErrorKind::Format, QStringLiteral("provisioning block: %1").arg(message));
}
} // namespace

Result<QByteArray> encodeProvisioning(const Provisioning &p)
{
    if (p.boardId.isEmpty() || p.boardId.size() > 31)
        return Error::make(ErrorKind::Usage, QStringLiteral("provisioning: board id '%1' is not 1..31 characters").arg(p.boardId));
    if (p.uniqueId.isEmpty() || p.uniqueId.size() > kUidMax)
        return Error::make(ErrorKind::Usage, QStringLiteral("provisioning: unique id of %1 bytes, must be 1..16").arg(p.uniqueId.size()));
    if (p.trustedKeys.size() > kMaxKeys)
        return Error::make(ErrorKind::Usage, QStringLiteral("provisioning: %1 trusted keys, at most 2").arg(p.trustedKeys.size()));
    QByteArray out;
    out.append("PTPV", 4);
    appendLe16(out, 1);
    appendLe16(out, quint16(kProvisioningBlockSize));
    appendPaddedAscii(out, p.boardId, 32);
    out.append(char(p.uniqueId.size()));
    out.append(char(p.locked ? 1 : 0));
    out.append(char(p.trustedKeys.size()));
    out.append('\0');
    QByteArray uid = p.uniqueId;
    uid.resize(kUidMax, '\0');
    out.append(uid);
    for (int k = 0; k < kMaxKeys; ++k) {
        const QByteArray der = k < p.trustedKeys.size() ? p.trustedKeys[k] : QByteArray();
        if (k < p.trustedKeys.size() && (der.isEmpty() || der.size() > kKeyDerMax))
            return Error::make(ErrorKind::Usage, QStringLiteral("provisioning: trusted key %1 has %2 DER bytes, must be 1..128").arg(k).arg(der.size()));
        appendLe16(out, quint16(der.size()));
        QByteArray slot = der;
        slot.resize(kKeyDerMax, '\0');
        out.append(slot);
    }
    appendLe32(out, crc32Of(out));
    return out;
}

Result<Provisioning> decodeProvisioning(QByteArrayView b)
{
    if (b.size() < kProvisioningBlockSize)
        return bad(QStringLiteral("%1 bytes, expected 324").arg(b.size()));
    if (b.first(4) != QByteArrayView("PTPV", 4))
        return bad(QStringLiteral("magic is not \"PTPV\" (not provisioned)"));
    if (readLe16(b, kOffVersion) != 1)
        return bad(QStringLiteral("format version %1, expected 1").arg(readLe16(b, kOffVersion)));
    if (readLe16(b, kOffLength) != kProvisioningBlockSize)
        return bad(QStringLiteral("length %1, expected 324").arg(readLe16(b, kOffLength)));
    const quint32 crc = crc32Of(b.first(kOffCrc));
    if (readLe32(b, kOffCrc) != crc)
        return bad(QStringLiteral("CRC-32 0x%1 stored, 0x%2 computed").arg(readLe32(b, kOffCrc), 8, 16, QLatin1Char('0')).arg(crc, 8, 16, QLatin1Char('0')));
    Provisioning p;
    const auto board = readPaddedAscii(b.sliced(kOffBoard, 32));
    if (!board || board->isEmpty())
        return bad(QStringLiteral("board id malformed"));
    p.boardId = *board;
    const int uidLen = quint8(b[kOffUidLen]);
    if (uidLen < 1 || uidLen > kUidMax)
        return bad(QStringLiteral("unique id length %1 outside 1..16").arg(uidLen));
    p.uniqueId = b.sliced(kOffUid, uidLen).toByteArray();
    if (quint8(b[kOffLocked]) > 1)
        return bad(QStringLiteral("locked flag %1 is not 0 or 1").arg(quint8(b[kOffLocked])));
    p.locked = b[kOffLocked] == 1;
    const int keys = quint8(b[kOffKeyCount]);
    if (keys > kMaxKeys || b[kOffReserved] != 0)
        return bad(QStringLiteral("key count %1 or reserved byte out of range").arg(keys));
    for (int k = 0; k < keys; ++k) {
        const int n = readLe16(b, kOffKeys + k * kKeySlot);
        if (n < 1 || n > kKeyDerMax)
            return bad(QStringLiteral("trusted key %1 has DER length %2").arg(k).arg(n));
        p.trustedKeys.append(b.sliced(kOffKeys + k * kKeySlot + 2, n).toByteArray());
    }
    return p;
}

bool lockWordSet(QByteArrayView sector)
{
    if (sector.size() < kLockWordOffset + kLockWordSize)
        return false;
    const QByteArrayView word = sector.sliced(kLockWordOffset, kLockWordSize);
    return word != QByteArrayView("\xFF\xFF\xFF\xFF", kLockWordSize);
}

namespace {
// vb_provision.h, the access block: offsets of the fields.
constexpr int kAccOffVersion = 4, kAccOffLength = 6, kAccOffCount = 8, kAccOffIdentity = 9, kAccOffPriv = 12,
              kAccOffPub = 44, kAccOffKeys = 112, kAccOffCrc = 372;

Error badAccess(const QString &message)
{
    return Error::make(ErrorKind::Format, QStringLiteral("access block: %1").arg(message));
}
} // namespace

Result<QByteArray> encodeAccessBlock(const AccessBlock &a)
{
    if (a.accessKeys.size() > kMaxKeys)
        return Error::make(ErrorKind::Usage, QStringLiteral("access block: %1 access keys, at most 2").arg(a.accessKeys.size()));
    const bool identity = !a.identityPrivate.isEmpty();
    if (identity && (a.identityPrivate.size() != 32 || a.identityPublic.size() != 65))
        return Error::make(ErrorKind::Usage, QStringLiteral("access block: identity key of %1 + %2 bytes, must be 32 + 65")
                                                 .arg(a.identityPrivate.size()).arg(a.identityPublic.size()));
    QByteArray out(kAccessBlockSize, '\0');
    out.replace(0, 4, QByteArray("PTAK", 4));
    QByteArray head;
    appendLe16(head, 1);
    appendLe16(head, quint16(kAccessBlockSize));
    out.replace(kAccOffVersion, head.size(), head);
    out[kAccOffCount] = char(a.accessKeys.size());
    out[kAccOffIdentity] = char(identity ? 1 : 0);
    if (identity) {
        out.replace(kAccOffPriv, 32, a.identityPrivate);
        out.replace(kAccOffPub, 65, a.identityPublic);
    }
    for (int k = 0; k < a.accessKeys.size(); ++k) {
        const QByteArray &der = a.accessKeys[k];
        if (der.isEmpty() || der.size() > kKeyDerMax)
            return Error::make(ErrorKind::Usage, QStringLiteral("access block: access key %1 has %2 DER bytes, must be 1..128").arg(k).arg(der.size()));
        QByteArray slot;
        appendLe16(slot, quint16(der.size()));
        slot += der;
        out.replace(kAccOffKeys + k * kKeySlot, slot.size(), slot);
    }
    QByteArray crc;
    appendLe32(crc, crc32Of(QByteArrayView(out).first(kAccOffCrc)));
    out.replace(kAccOffCrc, 4, crc);
    return out;
}

Result<AccessBlock> decodeAccessBlock(QByteArrayView b)
{
    if (b.size() < kAccessBlockSize)
        return badAccess(QStringLiteral("%1 bytes, expected 376").arg(b.size()));
    if (b.first(4) != QByteArrayView("PTAK", 4))
        return badAccess(QStringLiteral("magic is not \"PTAK\" (none written)"));
    if (readLe16(b, kAccOffVersion) != 1 || readLe16(b, kAccOffLength) != kAccessBlockSize)
        return badAccess(QStringLiteral("format version %1 or length %2, expected 1 and 376")
                             .arg(readLe16(b, kAccOffVersion)).arg(readLe16(b, kAccOffLength)));
    const quint32 crc = crc32Of(b.first(kAccOffCrc));
    if (readLe32(b, kAccOffCrc) != crc)
        return badAccess(QStringLiteral("CRC-32 0x%1 stored, 0x%2 computed").arg(readLe32(b, kAccOffCrc), 8, 16, QLatin1Char('0')).arg(crc, 8, 16, QLatin1Char('0')));
    const int keys = quint8(b[kAccOffCount]);
    const int identity = quint8(b[kAccOffIdentity]);
    if (keys > kMaxKeys || identity > 1)
        return badAccess(QStringLiteral("access key count %1 or identity flag %2 out of range").arg(keys).arg(identity));
    AccessBlock a;
    if (identity) {
        a.identityPrivate = b.sliced(kAccOffPriv, 32).toByteArray();
        a.identityPublic = b.sliced(kAccOffPub, 65).toByteArray();
    }
    for (int k = 0; k < keys; ++k) {
        const int n = readLe16(b, kAccOffKeys + k * kKeySlot);
        if (n < 1 || n > kKeyDerMax)
            return badAccess(QStringLiteral("access key %1 has DER length %2").arg(k).arg(n));
        a.accessKeys.append(b.sliced(kAccOffKeys + k * kKeySlot + 2, n).toByteArray());
    }
    return a;
}

} // namespace piton
