#include "image/srecord.h"

#include "image/text_records_p.h"

namespace piton {

using namespace detail;

Result<Image> readSRecord(QIODevice &device, const QString &sourceName)
{
    auto lines = readTextLines(device, sourceName);
    if (!lines)
        return lines.error();

    Image image;
    int endLine = 0;
    int lastLine = 0;
    quint32 dataRecords = 0;

    for (const TextLine &line : *lines) {
        lastLine = line.number;
        if (line.text.isEmpty())
            continue;
        if (endLine)
            return lineError(sourceName, line.number,
                             QStringLiteral("data after the termination record (line %1)").arg(endLine));
        if (line.text[0] != 'S')
            return lineError(sourceName, line.number, QStringLiteral("record does not start with 'S'"));
        if (line.text.size() < 2)
            return lineError(sourceName, line.number, QStringLiteral("truncated line: no record type after 'S'"));
        const char typeChar = line.text[1];
        int addressBytes = 0;
        switch (typeChar) {
        case '0': case '1': case '5': case '9': addressBytes = 2; break;
        case '2': case '6': case '8': addressBytes = 3; break;
        case '3': case '7': addressBytes = 4; break;
        default: {
            const QString shown = (typeChar >= 0x20 && typeChar < 0x7f) ? QString(QLatin1Char(typeChar))
                                                                        : QStringLiteral("?");
            return lineError(sourceName, line.number, QStringLiteral("unknown record type S%1").arg(shown));
        }
        }
        const QByteArrayView digits = QByteArrayView(line.text).sliced(2);
        auto decoded = decodeHexDigits(digits, 3, sourceName, line.number);
        if (!decoded)
            return decoded.error();
        const QByteArray &b = *decoded;
        if (digits.size() < 2)
            return lineError(sourceName, line.number, QStringLiteral("truncated line: no byte count"));
        const int count = quint8(b[0]);
        const qsizetype expected = 2 * (1 + qsizetype(count));
        if (digits.size() < expected)
            return lineError(sourceName, line.number,
                             QStringLiteral("truncated line: byte count %1 needs %2 hex digits after the type, found %3")
                                 .arg(count).arg(expected).arg(digits.size()));
        if (digits.size() > expected)
            return lineError(sourceName, line.number,
                             QStringLiteral("bad length: byte count %1 means %2 hex digits after the type, the line has %3")
                                 .arg(count).arg(expected).arg(digits.size()));
        if (count < addressBytes + 1)
            return lineError(sourceName, line.number,
                             QStringLiteral("bad length: byte count %1 is too small for an S%2 record (at least %3)")
                                 .arg(count).arg(QLatin1Char(typeChar)).arg(addressBytes + 1));
        quint32 sum = 0;
        for (int i = 0; i < count; ++i)
            sum += quint8(b[i]);
        const quint8 expectedChecksum = quint8(~sum & 0xFF);
        const quint8 foundChecksum = quint8(b[count]);
        if (expectedChecksum != foundChecksum)
            return lineError(sourceName, line.number,
                             QStringLiteral("bad checksum: expected %1, found %2")
                                 .arg(hex2(expectedChecksum), hex2(foundChecksum)));
        quint32 address = 0;
        for (int i = 0; i < addressBytes; ++i)
            address = address << 8 | quint8(b[1 + i]);
        const QByteArray data = b.mid(1 + addressBytes, count - addressBytes - 1);
        auto requireNoData = [&]() -> Result<void> {
            if (!data.isEmpty())
                return lineError(sourceName, line.number,
                                 QStringLiteral("bad length: an S%1 record holds no data, this one holds %2 bytes")
                                     .arg(QLatin1Char(typeChar)).arg(data.size()));
            return {};
        };

        switch (typeChar) {
        case '0':
            break; // header: free text, ignored
        case '1': case '2': case '3': {
            auto r = image.addSegment(address, data);
            if (!r)
                return lineError(sourceName, line.number, r.error().message);
            ++dataRecords;
            break;
        }
        case '5': case '6':
            if (auto r = requireNoData(); !r)
                return r.error();
            if (address != dataRecords)
                return lineError(sourceName, line.number,
                                 QStringLiteral("wrong record count: S%1 says %2 data records, the file has %3 so far")
                                     .arg(QLatin1Char(typeChar)).arg(address).arg(dataRecords));
            break;
        default: // 7, 8, 9
            if (auto r = requireNoData(); !r)
                return r.error();
            image.setStartAddress(address);
            endLine = line.number;
            break;
        }
    }
    if (!endLine) // srec_cat 1.64 writes none when it has no start address to give
        image.addWarning(lineError(sourceName, lastLine,
                                   QStringLiteral("no termination record (S7, S8 or S9) after the last line; "
                                                  "read without a start address"))
                             .message);
    return image;
}

} // namespace piton
