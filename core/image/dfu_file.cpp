#include "image/dfu_file.h"

#include <QtEndian>

#include <zlib.h>

namespace piton {

namespace {

constexpr int kSuffixSize = 16;
constexpr int kPrefixSize = 11;
constexpr int kTargetHeaderSize = 274;
constexpr int kElementHeaderSize = 8;
constexpr int kTargetNameSize = 255;

Error fail(const QString &sourceName, const QString &what)
{
    return Error::make(ErrorKind::Format, QStringLiteral("%1: %2").arg(sourceName, what));
}

QString hex(quint64 v, int width = 8) { return QStringLiteral("0x%1").arg(v, width, 16, QLatin1Char('0')); }

quint32 le32(const QByteArray &b, qsizetype at) { return qFromLittleEndian<quint32>(b.constData() + at); }
quint16 le16(const QByteArray &b, qsizetype at) { return qFromLittleEndian<quint16>(b.constData() + at); }

void put32(QByteArray &b, quint32 v)
{
    char raw[4];
    qToLittleEndian(v, raw);
    b.append(raw, 4);
}

void put16(QByteArray &b, quint16 v)
{
    char raw[2];
    qToLittleEndian(v, raw);
    b.append(raw, 2);
}

} // namespace

quint32 dfuCrc(QByteArrayView bytes)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    qsizetype done = 0;
    while (done < bytes.size()) { // zlib takes uInt lengths
        const uInt n = uInt(std::min<qsizetype>(bytes.size() - done, 1 << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef *>(bytes.data() + done), n);
        done += n;
    }
    return ~quint32(crc);
}

bool hasDfuSuffix(const QByteArray &bytes)
{
    const qsizetype n = bytes.size();
    return n >= kSuffixSize && bytes.mid(n - 8, 3) == "UFD" && quint8(bytes[n - 5]) >= kSuffixSize;
}

bool looksLikeDfuSe(const QByteArray &bytes)
{
    return bytes.startsWith("DfuSe");
}

Result<DfuSuffix> readDfuSuffix(const QByteArray &bytes, const QString &sourceName, QByteArray *payload)
{
    const qsizetype n = bytes.size();
    if (n < kSuffixSize)
        return fail(sourceName, QStringLiteral("%1 bytes are too short for a DFU file (the DFU suffix alone is 16 bytes)").arg(n));
    if (bytes.mid(n - 8, 3) != "UFD")
        return fail(sourceName, QStringLiteral("no DFU suffix: the last 16 bytes lack the \"UFD\" signature (DFU 1.1 appendix B)"));
    const int length = quint8(bytes[n - 5]);
    if (length < kSuffixSize || length > n)
        return fail(sourceName, QStringLiteral("bad DFU suffix: bLength %1 (must be 16 .. file size)").arg(length));
    const quint32 stored = le32(bytes, n - 4);
    const quint32 computed = dfuCrc(QByteArrayView(bytes).first(n - 4));
    if (stored != computed)
        return fail(sourceName, QStringLiteral("DFU suffix CRC-32 does not match: the suffix says %1, the file's bytes give %2 "
                                               "(the file is damaged or was changed after its suffix was written)")
                                    .arg(hex(stored), hex(computed)));
    DfuSuffix s;
    s.device = le16(bytes, n - 16);
    s.product = le16(bytes, n - 14);
    s.vendor = le16(bytes, n - 12);
    s.dfuVersion = le16(bytes, n - 10);
    if (payload)
        *payload = bytes.left(n - length);
    return s;
}

Result<DfuSeFile> readDfuSe(const QByteArray &bytes, const QString &sourceName)
{
    QByteArray body;
    auto suffix = readDfuSuffix(bytes, sourceName, &body);
    if (!suffix)
        return suffix.error();
    if (suffix->dfuVersion != 0x011A)
        return fail(sourceName, QStringLiteral("DFU suffix says bcdDFU %1, a DfuSe file has 0x011a").arg(hex(suffix->dfuVersion, 4)));
    if (body.size() < kPrefixSize || !looksLikeDfuSe(body))
        return fail(sourceName, QStringLiteral("no DfuSe prefix: the file does not start with \"DfuSe\" (UM0391 §2.3.1)"));
    if (quint8(body[5]) != 0x01)
        return fail(sourceName, QStringLiteral("DfuSe prefix version %1, only version 0x01 exists").arg(hex(quint8(body[5]), 2)));
    // DFUImageSize is the whole file's length (UM0391; dfuse-pack writes it so); some writers
    // leave the suffix out, which is read as well.
    const quint32 imageSize = le32(body, 6);
    if (imageSize != quint32(bytes.size()) && imageSize != quint32(body.size()))
        return fail(sourceName, QStringLiteral("DfuSe prefix says the file is %1 bytes long, it is %2: "
                                               "the file is cut short or padded")
                                    .arg(imageSize).arg(bytes.size()));
    const int targets = quint8(body[10]);
    DfuSeFile file;
    file.suffix = *suffix;
    qsizetype at = kPrefixSize;
    for (int t = 0; t < targets; ++t) {
        const QString where = QStringLiteral("target %1 of %2").arg(t + 1).arg(targets);
        if (body.size() - at < kTargetHeaderSize)
            return fail(sourceName, QStringLiteral("%1: its 274-byte header is cut short at offset %2").arg(where).arg(at));
        if (body.mid(at, 6) != "Target")
            return fail(sourceName, QStringLiteral("%1: no \"Target\" signature at offset %2").arg(where).arg(at));
        DfuSeTarget target;
        target.alternate = quint8(body[at + 6]);
        if (le32(body, at + 7) != 0) {
            const QByteArray raw = body.mid(at + 11, kTargetNameSize);
            target.name = QString::fromUtf8(raw.left(raw.indexOf('\0') < 0 ? raw.size() : raw.indexOf('\0')));
        }
        const quint32 targetSize = le32(body, at + 266);
        const quint32 elements = le32(body, at + 270);
        at += kTargetHeaderSize;
        const qsizetype targetStart = at;
        for (quint32 e = 0; e < elements; ++e) {
            const QString ewhere = QStringLiteral("%1, element %2 of %3").arg(where).arg(e + 1).arg(elements);
            if (body.size() - at < kElementHeaderSize)
                return fail(sourceName, QStringLiteral("%1: header cut short at offset %2").arg(ewhere).arg(at));
            const quint32 address = le32(body, at);
            const quint32 size = le32(body, at + 4);
            at += kElementHeaderSize;
            if (quint64(body.size() - at) < size)
                return fail(sourceName, QStringLiteral("%1: %2 bytes at %3 announced, only %4 left in the file")
                                            .arg(ewhere).arg(size).arg(hex(address)).arg(body.size() - at));
            target.elements.append(DfuSeElement{address, body.mid(at, qsizetype(size))});
            at += qsizetype(size);
        }
        if (quint64(at - targetStart) != targetSize)
            return fail(sourceName, QStringLiteral("%1: dwTargetSize says %2 bytes, its elements take %3")
                                        .arg(where).arg(targetSize).arg(at - targetStart));
        file.targets.append(target);
    }
    if (at != body.size())
        return fail(sourceName, QStringLiteral("%1 bytes after the last of %2 targets (offset %3): the prefix's bTargets is wrong")
                                    .arg(body.size() - at).arg(targets).arg(at));
    return file;
}

Result<PlainDfuFile> readPlainDfu(const QByteArray &bytes, const QString &sourceName)
{
    PlainDfuFile file;
    auto suffix = readDfuSuffix(bytes, sourceName, &file.payload);
    if (!suffix)
        return suffix.error();
    file.suffix = *suffix;
    // NXP LPC DFU prefix, 16 bytes: the low 6 bits of its first two bytes are 0x1A 0x3F (DA FF
    // as NXP's tools write it, 1A 3F as dfu-suffix/dfu-prefix 0.11 rewrite it), then the
    // length in 512-byte blocks (LPC43xx UM10503 "DFU boot image header"; dfu-util dfu_file.c).
    if (file.payload.size() >= 16 && (quint8(file.payload[0]) & 0x3F) == 0x1A && (quint8(file.payload[1]) & 0x3F) == 0x3F) {
        file.payload.remove(0, 16);
        file.lpcPrefix = true;
    }
    if (file.payload.isEmpty())
        return fail(sourceName, QStringLiteral("nothing in front of the DFU suffix"));
    return file;
}

Result<Image> dfuSeImage(const DfuSeFile &file, const QString &sourceName)
{
    Image image;
    for (qsizetype t = 0; t < file.targets.size(); ++t) {
        const DfuSeTarget &target = file.targets[t];
        for (qsizetype e = 0; e < target.elements.size(); ++e) {
            auto r = image.addSegment(target.elements[e].address, target.elements[e].data);
            if (!r)
                return fail(sourceName, QStringLiteral("target %1 (alternate %2), element %3: %4")
                                            .arg(t + 1).arg(target.alternate).arg(e + 1).arg(r.error().message));
        }
    }
    return image;
}

QByteArray writeDfuSe(const DfuSeFile &file)
{
    QByteArray out("DfuSe\x01", 6);
    put32(out, 0); // DFUImageSize, patched below
    out.append(char(quint8(file.targets.size())));
    for (const DfuSeTarget &target : file.targets) {
        out.append("Target");
        out.append(char(target.alternate));
        put32(out, target.name.isEmpty() ? 0 : 1);
        QByteArray name = target.name.toUtf8().left(kTargetNameSize - 1);
        name.append(QByteArray(kTargetNameSize - name.size(), '\0'));
        out.append(name);
        quint32 size = 0;
        for (const DfuSeElement &e : target.elements)
            size += quint32(kElementHeaderSize + e.data.size());
        put32(out, size);
        put32(out, quint32(target.elements.size()));
        for (const DfuSeElement &e : target.elements) {
            put32(out, e.address);
            put32(out, quint32(e.data.size()));
            out.append(e.data);
        }
    }
    qToLittleEndian(quint32(out.size() + kSuffixSize), out.data() + 6); // whole file (UM0391)
    put16(out, file.suffix.device);
    put16(out, file.suffix.product);
    put16(out, file.suffix.vendor);
    put16(out, 0x011A);
    out.append("UFD");
    out.append(char(kSuffixSize));
    put32(out, dfuCrc(out));
    return out;
}

DfuSeFile dfuSeFromImage(const Image &image, quint16 vendor, quint16 product, quint8 alternate, const QString &name)
{
    DfuSeFile file;
    file.suffix.vendor = vendor;
    file.suffix.product = product;
    DfuSeTarget target;
    target.alternate = alternate;
    target.name = name;
    for (const Segment &s : image.segments())
        target.elements.append(DfuSeElement{s.address, s.data});
    file.targets.append(target);
    return file;
}

} // namespace piton
