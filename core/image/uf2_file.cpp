#include "image/uf2_file.h"

#include <QMap>
#include <QSet>
#include <QtEndian>

#include <algorithm>

namespace piton {

namespace {

constexpr qsizetype kBlock = 512;
constexpr quint32 kMagic0 = 0x0A324655;
constexpr quint32 kMagic1 = 0x9E5D5157;
constexpr quint32 kMagicEnd = 0x0AB16F30;
constexpr quint32 kNotMainFlash = 0x00000001;
constexpr quint32 kFileContainer = 0x00001000;
constexpr quint32 kFamilyPresent = 0x00002000;
constexpr quint32 kMaxPayload = 476;

quint32 le32(const char *p) { return qFromLittleEndian<quint32>(p); }

Error fail(const QString &sourceName, const QString &what)
{
    return Error::make(ErrorKind::Format, QStringLiteral("%1: %2").arg(sourceName, what));
}

QString hex(quint32 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

QString familyList(const QList<quint32> &families)
{
    QStringList names;
    for (quint32 f : families)
        names << (f == 0 ? QStringLiteral("none") : hex(f));
    return names.join(QStringLiteral(", "));
}

} // namespace

bool looksLikeUf2(const QByteArray &bytes)
{
    return bytes.size() >= 8 && le32(bytes.constData()) == kMagic0 && le32(bytes.constData() + 4) == kMagic1;
}

Result<Image> readUf2(const QByteArray &bytes, const QString &sourceName, std::optional<quint32> family)
{
    if (bytes.size() % kBlock != 0)
        return fail(sourceName, QStringLiteral("%1 bytes is not a whole number of 512-byte UF2 blocks (%2 bytes left over at the end)")
                                    .arg(bytes.size()).arg(bytes.size() % kBlock));
    struct Block {
        quint32 address, number, count;
        QByteArray data;
    };
    QMap<quint32, QList<Block>> byFamily; // 0: blocks without a family id
    QList<quint32> familyOrder;
    for (qsizetype i = 0; i < bytes.size() / kBlock; ++i) {
        const char *b = bytes.constData() + i * kBlock;
        const QString where = QStringLiteral("block %1 (offset %2)").arg(i).arg(i * kBlock);
        if (le32(b) != kMagic0 || le32(b + 4) != kMagic1 || le32(b + 508) != kMagicEnd)
            return fail(sourceName, QStringLiteral("%1: bad UF2 magic number: not a UF2 block").arg(where));
        const quint32 flags = le32(b + 8);
        if (flags & kFileContainer)
            return fail(sourceName, QStringLiteral("%1: a UF2 file container (flag 0x1000) carries files, not flash contents").arg(where));
        const quint32 size = le32(b + 16);
        if (size > kMaxPayload)
            return fail(sourceName, QStringLiteral("%1: payload size %2 is over the 476 bytes a block holds").arg(where).arg(size));
        const quint32 number = le32(b + 20);
        const quint32 count = le32(b + 24);
        if (number >= count)
            return fail(sourceName, QStringLiteral("%1: block number %2 is not below the block count %3").arg(where).arg(number).arg(count));
        if (flags & kNotMainFlash)
            continue;
        const quint32 f = (flags & kFamilyPresent) ? le32(b + 28) : 0;
        if (!byFamily.contains(f))
            familyOrder.append(f);
        byFamily[f].append(Block{le32(b + 12), number, count, QByteArray(b + 32, qsizetype(size))});
    }
    if (byFamily.isEmpty())
        return fail(sourceName, QStringLiteral("no UF2 block for main flash"));
    quint32 chosen = 0;
    if (family) {
        if (!byFamily.contains(*family))
            return fail(sourceName, QStringLiteral("no block for UF2 family %1 (the board's); the file is for family %2")
                                        .arg(hex(*family), familyList(familyOrder)));
        chosen = *family;
    } else {
        if (byFamily.size() > 1)
            return fail(sourceName, QStringLiteral("blocks for several UF2 families (%1): name the board to choose one")
                                        .arg(familyList(familyOrder)));
        chosen = familyOrder.first();
    }
    const QList<Block> &blocks = byFamily[chosen];
    const quint32 count = blocks.first().count;
    QSet<quint32> seen;
    Image image;
    for (const Block &b : blocks) {
        if (b.count != count)
            return fail(sourceName, QStringLiteral("block %1 says the file has %2 blocks, block %3 said %4")
                                        .arg(b.number).arg(b.count).arg(blocks.first().number).arg(count));
        if (seen.contains(b.number))
            return fail(sourceName, QStringLiteral("block number %1 appears twice").arg(b.number));
        seen.insert(b.number);
        auto r = image.addSegment(b.address, b.data);
        if (!r)
            return fail(sourceName, QStringLiteral("block %1: %2").arg(b.number).arg(r.error().message));
    }
    if (quint32(seen.size()) != count) {
        quint32 missing = 0;
        while (seen.contains(missing))
            ++missing;
        return fail(sourceName, QStringLiteral("block %1 of %2 is missing: the file is cut short").arg(missing).arg(count));
    }
    if (chosen != 0)
        image.setUf2Family(chosen);
    return image;
}

} // namespace piton
