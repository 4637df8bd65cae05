// Private helpers shared by core/line's sources (not part of its interface).
#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace piton::line {

// User-visible text of line mode is written out as
//   QCoreApplication::translate("piton::line", "literal")
// (context "piton::line", the literal in the call) so that lupdate finds every string; the
// GUI's translations (translations/piton_*.ts) carry them, tests/gui/check_translations.cmake
// checks that none is missing.

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
