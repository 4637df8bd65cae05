// Private helpers shared by core/line's sources (not part of its interface).
#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace piton::line {

/** User-visible text of line mode, translation context "piton::line". */
inline QString trLine(const char *text)
{
    return QCoreApplication::translate("piton::line", text);
}

/** A Usage error with `message`. */
inline Error lineUsage(const QString &message)
{
    return Error::make(ErrorKind::Usage, message);
}

/** Milliseconds since 1970, UTC: the database's time unit. */
inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace piton::line
