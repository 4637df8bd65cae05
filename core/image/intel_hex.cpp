#include "image/intel_hex.h"

#include "image/text_records_p.h"

namespace piton {

using namespace detail;

Result<Image> readIntelHex(QIODevice &device, const QString &sourceName)
{
    auto lines = readTextLines(device, sourceName);
    if (!lines)
        return lines.error();

    Image image;
    quint32 base = 0;         // from record 02 (USBA * 16) or 04 (ULBA << 16)
    bool segmented = false;   // record 02 mode: offsets wrap within 64 KiB
    int eofLine = 0;
    int lastLine = 0;

    for (const TextLine &line : *lines) {
        lastLine = line.number;
        if (line.text.isEmpty())
            continue;
        if (eofLine)
            return lineError(sourceName, line.number,
                             QStringLiteral("data after the end-of-file record (line %1)").arg(eofLine));
        if (line.text[0] != ':')
            return lineError(sourceName, line.number,
                             QStringLiteral("record does not start with ':'"));
        const QByteArrayView digits = QByteArrayView(line.text).sliced(1);
        auto decoded = decodeHexDigits(digits, 2, sourceName, line.number);
        if (!decoded)
            return decoded.error();
        const QByteArray &b = *decoded;
        if (digits.size() < 10)
            return lineError(sourceName, line.number,
                             QStringLiteral("truncated line: a record needs at least 10 hex digits after ':', found %1")
                                 .arg(digits.size()));
        const int length = quint8(b[0]);
        const qsizetype expected = 2 * (5 + qsizetype(length));
        if (digits.size() < expected)
            return lineError(sourceName, line.number,
                             QStringLiteral("truncated line: record declares %1 data bytes and needs %2 hex digits, found %3")
                                 .arg(length).arg(expected).arg(digits.size()));
        if (digits.size() > expected)
            return lineError(sourceName, line.number,
                             QStringLiteral("bad length: record declares %1 data bytes (%2 hex digits) but the line has %3")
                                 .arg(length).arg(expected).arg(digits.size()));
        quint8 sum = 0;
        for (qsizetype i = 0; i < 4 + length; ++i)
            sum = quint8(sum + quint8(b[i]));
        const quint8 expectedChecksum = quint8(0x100 - sum);
        const quint8 foundChecksum = quint8(b[4 + length]);
        if (expectedChecksum != foundChecksum)
            return lineError(sourceName, line.number,
                             QStringLiteral("bad checksum: expected %1, found %2")
                                 .arg(hex2(expectedChecksum), hex2(foundChecksum)));

        const quint16 offset = quint16(quint8(b[1]) << 8 | quint8(b[2]));
        const int type = quint8(b[3]);
        const QByteArray data = b.mid(4, length);
        auto requireLength = [&](int want) -> Result<void> {
            if (length != want)
                return lineError(sourceName, line.number,
                                 QStringLiteral("bad length: record type %1 must hold %2 data bytes, holds %3")
                                     .arg(hex2(unsigned(type))).arg(want).arg(length));
            return {};
        };
        auto be = [&](int from, int count) {
            quint32 v = 0;
            for (int i = 0; i < count; ++i)
                v = v << 8 | quint8(data[from + i]);
            return v;
        };

        switch (type) {
        case 0x00: {
            if (segmented && quint32(offset) + quint32(length) > 0x10000u) {
                // The offset wraps inside the 64 KiB segment (spec, record 02).
                const qsizetype head = 0x10000 - offset;
                auto r1 = image.addSegment(base + offset, data.left(head));
                if (!r1)
                    return lineError(sourceName, line.number, r1.error().message);
                auto r2 = image.addSegment(base, data.mid(head));
                if (!r2)
                    return lineError(sourceName, line.number, r2.error().message);
            } else {
                const quint64 address = quint64(base) + offset;
                if (address > 0xFFFFFFFFull)
                    return lineError(sourceName, line.number,
                                     QStringLiteral("address %1 is beyond 32 bits").arg(hex8(address)));
                auto r = image.addSegment(quint32(address), data);
                if (!r)
                    return lineError(sourceName, line.number, r.error().message);
            }
            break;
        }
        case 0x01:
            if (auto r = requireLength(0); !r)
                return r.error();
            eofLine = line.number;
            break;
        case 0x02:
            if (auto r = requireLength(2); !r)
                return r.error();
            base = be(0, 2) << 4;
            segmented = true;
            break;
        case 0x03:
            if (auto r = requireLength(4); !r)
                return r.error();
            image.setStartAddress((be(0, 2) << 4) + be(2, 2));
            break;
        case 0x04:
            if (auto r = requireLength(2); !r)
                return r.error();
            base = be(0, 2) << 16;
            segmented = false;
            break;
        case 0x05:
            if (auto r = requireLength(4); !r)
                return r.error();
            image.setStartAddress(be(0, 4));
            break;
        default:
            return lineError(sourceName, line.number,
                             QStringLiteral("unknown record type %1").arg(hex2(unsigned(type))));
        }
    }
    if (!eofLine)
        image.addWarning(lineError(sourceName, lastLine,
                                   QStringLiteral("no end-of-file record (:00000001FF) after the last line; "
                                                  "the file may be cut short"))
                             .message);
    return image;
}

} // namespace piton
