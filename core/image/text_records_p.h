// Internal helpers shared by the Intel HEX and S-record readers (not a public header).
#pragma once

#include "error.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>

namespace piton::detail {

/** One line of a text record file: 1-based number and contents without line end/trailing
 *  blanks. */
struct TextLine {
    int number = 0;
    QByteArray text;
};

/** Reads all lines of `device`. Errors: Io if the device is not readable. */
inline Result<QList<TextLine>> readTextLines(QIODevice &device, const QString &sourceName)
{
    if (!device.isOpen() || !device.isReadable())
        return Error::make(ErrorKind::Io, QStringLiteral("%1: cannot read: %2")
                                              .arg(sourceName, device.errorString()));
    const QByteArray all = device.readAll();
    QList<TextLine> lines;
    int number = 0;
    const QList<QByteArray> pieces = all.split('\n');
    lines.reserve(pieces.size());
    for (const QByteArray &line : pieces) {
        ++number;
        lines.append(TextLine{number, line.trimmed()});
    }
    // A final line end gives an empty last piece that is not a line of its own.
    if (!lines.isEmpty() && lines.last().text.isEmpty() && all.endsWith('\n'))
        lines.removeLast();
    return lines;
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/** Error "<source>:<line>: <message>" of kind Format. */
inline Error lineError(const QString &sourceName, int line, const QString &message)
{
    return Error::make(ErrorKind::Format, QStringLiteral("%1:%2: %3").arg(sourceName).arg(line).arg(message));
}

/** Checks that `digits` are hex digits (reporting the first bad one with its 1-based column,
 *  counted from `firstColumn`) and decodes the complete pairs. */
inline Result<QByteArray> decodeHexDigits(QByteArrayView digits, int firstColumn,
                                          const QString &sourceName, int line)
{
    for (qsizetype i = 0; i < digits.size(); ++i) {
        if (hexValue(digits[i]) < 0) {
            const char c = digits[i];
            const QString shown = (c >= 0x20 && c < 0x7f) ? QString(QLatin1Char(c))
                                                          : QStringLiteral("\\x%1").arg(quint8(c), 2, 16, QLatin1Char('0'));
            return lineError(sourceName, line,
                             QStringLiteral("bad hex digit '%1' in column %2").arg(shown).arg(firstColumn + i));
        }
    }
    QByteArray bytes(digits.size() / 2, '\0');
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(hexValue(digits[2 * i]) << 4 | hexValue(digits[2 * i + 1]));
    return bytes;
}

inline QString hex2(unsigned v) { return QStringLiteral("0x%1").arg(v, 2, 16, QLatin1Char('0')); }
inline QString hex8(quint64 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

} // namespace piton::detail
