#include "byte_order.h"

#include <QCoreApplication>
#include "package/manifest.h"
#include "piton/protocol.h"
#include "package/signed_file.h"

#include <QRegularExpression>
#include <QStringList>

namespace piton {

namespace {

// Layout: docs/package-format.md; the values are protocol.h's PT_MANIFEST_*.
constexpr qsizetype kFixedSize = PT_MANIFEST_FIXED_SIZE;
constexpr qsizetype kDescriptorSizeV1 = PT_MANIFEST_PAYLOAD_SIZE;
constexpr qsizetype kDescriptorSizeV2 = PT_MANIFEST_PAYLOAD_SIZE_V2;
constexpr qsizetype kCounterBlockSize = PT_MANIFEST_CTR_SIZE;
constexpr int kMaxPayloads = PT_MANIFEST_MAX_PAYLOADS;
constexpr int kBoardIdField = PT_MANIFEST_BOARD_ID_SIZE;
constexpr int kRegionField = PT_MANIFEST_REGION_SIZE;
constexpr const char *kMagic = PT_MANIFEST_MAGIC;

Error formatError(const QString &message)
{
    return Error::make(ErrorKind::Format, QCoreApplication::translate("Manifest", "manifest: %1").arg(message));
}

qsizetype descriptorSize(int format) { return format == PT_MANIFEST_FORMAT_V1 ? kDescriptorSizeV1 : kDescriptorSizeV2; }

QByteArray fixedLength(const QByteArray &bytes, qsizetype n)
{
    QByteArray b = bytes.left(n);
    b.resize(n, '\0');
    return b;
}

} // namespace

QString regionForPayloadKind(int kind)
{
    switch (kind) {
    case PayloadFirmware: return QStringLiteral(PT_REGION_NAME_FIRMWARE);
    case PayloadApplication: return QStringLiteral(PT_REGION_NAME_DEPLOYMENT);
    default: return {};
    }
}

int Manifest::effectiveFormat() const
{
    if (format != 0)
        return format;
    bool encoded = false;
    for (const PayloadDescriptor &p : payloads)
        encoded = encoded || p.encoding != 0;
    return (flags & PT_MANIFEST_FLAG_ENCRYPTED) || encoded || !keyBlock.isEmpty() ? int(PT_MANIFEST_FORMAT_V2)
                                                                                  : int(PT_MANIFEST_FORMAT_V1);
}

QByteArray Manifest::serialize() const
{
    const int fmt = effectiveFormat();
    QByteArray b;
    b.reserve(kFixedSize + descriptorSize(fmt) * payloads.size() + keyBlock.size());
    b.append(kMagic, 4);
    appendLe16(b, quint16(fmt));
    appendLe16(b, quint16(payloads.size()));
    appendPaddedAscii(b, boardId, kBoardIdField);
    appendLe32(b, version);
    appendLe32(b, securityCounter);
    appendLe32(b, flags);
    for (const PayloadDescriptor &p : payloads) {
        b.append(char(quint8(p.kind)));
        if (fmt == PT_MANIFEST_FORMAT_V1) {
            b.append(3, '\0');
        } else {
            b.append(char(quint8(p.encoding)));
            b.append(2, '\0');
        }
        appendPaddedAscii(b, p.region, kRegionField);
        appendLe32(b, p.loadOffset);
        appendLe32(b, p.size);
        appendLe32(b, p.payloadOffset);
        appendLe32(b, p.version);
        appendLe32(b, p.requiresFirmware);
        b.append(fixedLength(p.sha256, 32));
        if (fmt == PT_MANIFEST_FORMAT_V1) {
            b.append(8, '\0');
        } else {
            appendLe32(b, p.installSize());
            b.append(4, '\0');
            b.append(fixedLength(p.installSha256(), 32));
            b.append(fixedLength(p.counterBlock, kCounterBlockSize));
        }
    }
    if (fmt != PT_MANIFEST_FORMAT_V1)
        b.append(keyBlock);
    return b;
}

Result<void> Manifest::validate() const
{
    static const QRegularExpression boardSyntax(QStringLiteral("^[\\x20-\\x7e]{1,31}$"));
    if (!boardSyntax.match(boardId).hasMatch())
        return formatError(QCoreApplication::translate("Manifest", "board id '%1' must be 1..31 printable ASCII characters").arg(boardId));
    const int fmt = effectiveFormat();
    if (fmt != PT_MANIFEST_FORMAT_V1 && fmt != PT_MANIFEST_FORMAT_V2)
        return formatError(QCoreApplication::translate("Manifest", "unsupported manifest format version %1 (expected 1 or 2)").arg(fmt));
    if (fmt == PT_MANIFEST_FORMAT_V1 && (flags & PT_MANIFEST_FLAG_ENCRYPTED))
        return formatError(QCoreApplication::translate("Manifest", "the encrypted flag needs manifest format 2"));
    if ((flags & ~quint32(PT_MANIFEST_FLAGS_KNOWN)) != 0)
        return formatError(QCoreApplication::translate("Manifest", "unknown flags 0x%1 set")
                               .arg(flags & ~quint32(PT_MANIFEST_FLAGS_KNOWN), 8, 16, QLatin1Char('0')));
    if (!keyBlock.isEmpty() && !(flags & PT_MANIFEST_FLAG_ENCRYPTED))
        return formatError(QCoreApplication::translate("Manifest", "%1 bytes after the payload descriptors, but the package is not encrypted")
                               .arg(keyBlock.size()));
    if (payloads.isEmpty() || payloads.size() > kMaxPayloads)
        return formatError(QCoreApplication::translate("Manifest", "%1 payloads; a package holds 1 or 2").arg(payloads.size()));
    quint64 expectedOffset = 0;
    QList<int> kinds;
    for (qsizetype i = 0; i < payloads.size(); ++i) {
        const PayloadDescriptor &p = payloads[i];
        const QString where = QCoreApplication::translate("Manifest", "payload %1").arg(i);
        const QString region = regionForPayloadKind(p.kind);
        if (region.isEmpty())
            return formatError(QCoreApplication::translate("Manifest", "%1: unknown kind %2 (1 firmware, 2 application)").arg(where).arg(p.kind));
        if (kinds.contains(p.kind))
            return formatError(QCoreApplication::translate("Manifest", "%1: a second payload of kind %2 (%3); at most one per kind")
                                   .arg(where).arg(p.kind).arg(region));
        kinds.append(p.kind);
        if (p.region != region)
            return formatError(QCoreApplication::translate("Manifest", "%1: kind %2 must target region '%3', targets '%4'")
                                   .arg(where).arg(p.kind).arg(region, p.region));
        if (p.size == 0)
            return formatError(QCoreApplication::translate("Manifest", "%1: size is 0").arg(where));
        if (p.payloadOffset != expectedOffset)
            return formatError(QCoreApplication::translate("Manifest", "%1: payload offset %2, expected %3 (payloads back to back)")
                                   .arg(where).arg(p.payloadOffset).arg(expectedOffset));
        expectedOffset += p.size;
        if (expectedOffset > 0xFFFFFFFFull)
            return formatError(QCoreApplication::translate("Manifest", "%1: payloads exceed 4 GiB").arg(where));
        if (quint64(p.loadOffset) + p.size > 0xFFFFFFFFull + 1)
            return formatError(QCoreApplication::translate("Manifest", "%1: load offset + size exceeds 32 bits").arg(where));
        if (p.sha256.size() != 32)
            return formatError(QCoreApplication::translate("Manifest", "%1: SHA-256 must be 32 bytes, is %2").arg(where).arg(p.sha256.size()));
        if (p.kind == PayloadFirmware && p.requiresFirmware != 0)
            return formatError(QCoreApplication::translate("Manifest", "%1: requires-firmware is for applications only, must be 0 for firmware").arg(where));
        if (p.encoding != 0 && fmt == PT_MANIFEST_FORMAT_V1)
            return formatError(QCoreApplication::translate("Manifest", "%1: encoding 0x%2 needs manifest format 2").arg(where).arg(p.encoding, 2, 16, QLatin1Char('0')));
        if ((p.encoding & ~int(PT_ENCODING_KNOWN)) != 0)
            return formatError(QCoreApplication::translate("Manifest", "%1: unknown encoding bits 0x%2").arg(where).arg(p.encoding & ~int(PT_ENCODING_KNOWN), 2, 16, QLatin1Char('0')));
        if ((p.encoding & PT_ENCODING_AES_CTR) && !(flags & PT_MANIFEST_FLAG_ENCRYPTED))
            return formatError(QCoreApplication::translate("Manifest", "%1: encrypted payload in a package without the encrypted flag").arg(where));
        if (!p.counterBlock.isEmpty() && p.counterBlock.size() != kCounterBlockSize)
            return formatError(QCoreApplication::translate("Manifest", "%1: counter block must be 16 bytes, is %2").arg(where).arg(p.counterBlock.size()));
        if (!(p.encoding & PT_ENCODING_AES_CTR) && !allZeroBytes(p.counterBlock))
            return formatError(QCoreApplication::translate("Manifest", "%1: counter block set, but the payload is not encrypted").arg(where));
        if (p.encoding != 0) {
            if (p.imageSize == 0)
                return formatError(QCoreApplication::translate("Manifest", "%1: image size is 0").arg(where));
            if (quint64(p.loadOffset) + p.imageSize > 0xFFFFFFFFull + 1)
                return formatError(QCoreApplication::translate("Manifest", "%1: load offset + image size exceeds 32 bits").arg(where));
            if (p.imageSha256.size() != 32)
                return formatError(QCoreApplication::translate("Manifest", "%1: image SHA-256 must be 32 bytes, is %2").arg(where).arg(p.imageSha256.size()));
        }
    }
    return {};
}

quint64 Manifest::payloadBytes() const
{
    quint64 n = 0;
    for (const PayloadDescriptor &p : payloads)
        n += p.size;
    return n;
}

const PayloadDescriptor *Manifest::payload(int kind) const
{
    for (const PayloadDescriptor &p : payloads)
        if (p.kind == kind)
            return &p;
    return nullptr;
}

Result<Manifest> Manifest::parse(QByteArrayView b)
{
    if (b.size() < kFixedSize)
        return formatError(QCoreApplication::translate("Manifest", "too short: %1 bytes, at least %2").arg(b.size()).arg(kFixedSize));
    if (b.first(4) == QByteArrayView(PT_KEYUPD_MAGIC))
        return formatError(QCoreApplication::translate("Manifest", "this is a key update, not an update package: apply it with "
                                                                   "piton-cli keys update-device"));
    if (b.first(4) != QByteArrayView(kMagic, 4))
        return formatError(QCoreApplication::translate("Manifest", "bad magic (expected \"PTMF\")"));
    const quint16 formatVersion = readLe16(b, 4);
    if (formatVersion != PT_MANIFEST_FORMAT_V1 && formatVersion != PT_MANIFEST_FORMAT_V2)
        return formatError(QCoreApplication::translate("Manifest", "unsupported manifest format version %1 (expected 1 or 2)").arg(formatVersion));
    const qsizetype dsize = descriptorSize(formatVersion);
    const quint16 count = readLe16(b, 6);
    if (count < 1 || count > kMaxPayloads)
        return formatError(QCoreApplication::translate("Manifest", "payload count %1; a package holds 1 or 2").arg(count));
    const qsizetype expected = kFixedSize + dsize * count;
    const quint32 flags = readLe32(b, 48);
    const bool keyBlockFollows = formatVersion == PT_MANIFEST_FORMAT_V2 && (flags & PT_MANIFEST_FLAG_ENCRYPTED);
    if (keyBlockFollows ? b.size() < expected : b.size() != expected)
        return formatError(QCoreApplication::translate("Manifest", "length %1 bytes, expected %2 for %3 payloads").arg(b.size()).arg(expected).arg(count));
    Manifest m;
    m.format = formatVersion;
    const auto board = readPaddedAscii(b.sliced(8, kBoardIdField));
    if (!board)
        return formatError(QCoreApplication::translate("Manifest", "board id is not NUL-padded printable ASCII of at most 31 characters"));
    m.boardId = *board;
    m.version = readLe32(b, 40);
    m.securityCounter = readLe32(b, 44);
    m.flags = flags;
    for (int i = 0; i < count; ++i) {
        const QByteArrayView d = b.sliced(kFixedSize + dsize * i, dsize);
        PayloadDescriptor p;
        p.kind = quint8(d[0]);
        const bool v1 = formatVersion == PT_MANIFEST_FORMAT_V1;
        if (v1 ? (!allZeroBytes(d.sliced(1, 3)) || !allZeroBytes(d.sliced(72, 8)))
               : (!allZeroBytes(d.sliced(2, 2)) || !allZeroBytes(d.sliced(76, 4))))
            return formatError(QCoreApplication::translate("Manifest", "payload %1: reserved bytes are not 0").arg(i));
        const auto region = readPaddedAscii(d.sliced(4, kRegionField));
        if (!region)
            return formatError(QCoreApplication::translate("Manifest", "payload %1: region name is not NUL-padded printable ASCII of at most 15 characters").arg(i));
        p.region = *region;
        p.loadOffset = readLe32(d, 20);
        p.size = readLe32(d, 24);
        p.payloadOffset = readLe32(d, 28);
        p.version = readLe32(d, 32);
        p.requiresFirmware = readLe32(d, 36);
        p.sha256 = d.sliced(40, 32).toByteArray();
        if (!v1) {
            p.encoding = quint8(d[PT_DESC2_ENCODING]);
            const quint32 imageSize = readLe32(d, PT_DESC2_IMAGE_SIZE);
            const QByteArray imageSha = d.sliced(PT_DESC2_IMAGE_SHA256, 32).toByteArray();
            const QByteArray ctr = d.sliced(PT_DESC2_CTR, kCounterBlockSize).toByteArray();
            if (p.encoding == 0) {
                // Not encoded: the image is the stored bytes; both descriptions must agree.
                if (imageSize != p.size || imageSha != p.sha256)
                    return formatError(QCoreApplication::translate("Manifest", "payload %1: not encoded, but its image size or SHA-256 differs from the stored one").arg(i));
            } else {
                p.imageSize = imageSize;
                p.imageSha256 = imageSha;
            }
            if (!allZeroBytes(ctr) || (p.encoding & PT_ENCODING_AES_CTR))
                p.counterBlock = ctr;
        }
        m.payloads.append(p);
    }
    if (keyBlockFollows)
        m.keyBlock = b.sliced(expected).toByteArray();
    if (auto r = m.validate(); !r)
        return r.error();
    return m;
}

} // namespace piton
