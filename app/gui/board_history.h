// BoardHistory: what was done to each board, on disk, for support: one JSON object per line
// (JSON Lines) in <AppDataLocation>/history/<unique id hex>.jsonl, appended after every
// operation: when (UTC, ISO 8601), who (user and host), what (operation title), the link, the
// board's id and serial number, the result (ok, failed, cancelled, interrupted), the message and
// the duration. Exporting copies one board's file to a path the user chooses.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace piton::gui {

/** One history entry. */
struct HistoryEntry {
    QDateTime time;          ///< when the operation ended (UTC)
    QString user;            ///< login name of the workstation user
    QString host;            ///< workstation host name
    QString operation;       ///< e.g. "Deploy app-1.2.0.ptpkg"
    QString link;            ///< link URI, e.g. "tcp:127.0.0.1:4000"
    QString boardId;         ///< e.g. "stm32f4-ref"
    QString serialNumber;    ///< empty when the board has none
    QString result;          ///< "ok", "failed", "cancelled" or "interrupted"
    QString message;         ///< the failure message, empty on success
    qint64 durationMs = 0;   ///< milliseconds

    QJsonObject toJson(const QByteArray &uniqueId) const;
};

class BoardHistory {
public:
    /** History files go under `directory`; default: <AppDataLocation>/history. */
    explicit BoardHistory(QString directory = {});

    QString directory() const { return m_dir; }
    /** The file of a board: <directory>/<unique id as lower-case hex>.jsonl. */
    QString fileFor(const QByteArray &uniqueId) const;

    /** Appends `entry` for the board `uniqueId` (one line; the directory is created). Returns
     *  an empty string on success, else the error naming the file. A board without a unique id
     *  is recorded under "unknown". */
    QString record(const QByteArray &uniqueId, const HistoryEntry &entry) const;

    /** The board's entries, oldest first, as JSON objects (lines that do not parse are
     *  skipped). */
    QList<QJsonObject> entries(const QByteArray &uniqueId) const;

    /** Copies the board's history to `path` (atomically). Returns an empty string on success,
     *  else the error naming the file ("no history for board …" when there is none). */
    QString exportTo(const QByteArray &uniqueId, const QString &path) const;

    /** The current user's login name (USER, LOGNAME or USERNAME; "unknown"). */
    static QString currentUser();

private:
    QString m_dir;
};

} // namespace piton::gui
