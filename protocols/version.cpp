#include "version.h"

#include <QStringList>

namespace piton {

QString versionToString(quint32 packed)
{
    return QStringLiteral("%1.%2.%3").arg(packed >> 24).arg((packed >> 16) & 0xFFu).arg(packed & 0xFFFFu);
}

std::optional<quint32> parseVersion(const QString &text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char('.'));
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    const quint32 limits[3] = {0xFFu, 0xFFu, 0xFFFFu};
    quint32 fields[3] = {0, 0, 0};
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &p = parts[i];
        if (p.isEmpty() || p.size() > 5)
            return std::nullopt;
        for (QChar c : p)
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return std::nullopt;
        const uint v = p.toUInt();
        if (v > limits[i])
            return std::nullopt;
        fields[i] = v;
    }
    return packVersion(fields[0], fields[1], fields[2]);
}

} // namespace piton
