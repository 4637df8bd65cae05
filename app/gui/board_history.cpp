#include "board_history.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSysInfo>

namespace piton::gui {

QJsonObject HistoryEntry::toJson(const QByteArray &uniqueId) const
{
    return QJsonObject{{QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("user"), user},
                       {QStringLiteral("host"), host},
                       {QStringLiteral("operation"), operation},
                       {QStringLiteral("link"), link},
                       {QStringLiteral("uniqueId"), QString::fromLatin1(uniqueId.toHex())},
                       {QStringLiteral("boardId"), boardId},
                       {QStringLiteral("serialNumber"), serialNumber},
                       {QStringLiteral("result"), result},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("durationMs"), durationMs}};
}

BoardHistory::BoardHistory(QString directory)
    : m_dir(directory.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history")
                                : std::move(directory))
{
}

QString BoardHistory::fileFor(const QByteArray &uniqueId) const
{
    const QString name = uniqueId.isEmpty() ? QStringLiteral("unknown") : QString::fromLatin1(uniqueId.toHex());
    return m_dir + QLatin1Char('/') + name + QStringLiteral(".jsonl");
}

QString BoardHistory::record(const QByteArray &uniqueId, const HistoryEntry &entry) const
{
    if (!QDir().mkpath(m_dir))
        return QCoreApplication::translate("BoardHistory", "cannot create the history folder %1").arg(m_dir);
    QFile f(fileFor(uniqueId));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append))
        return QCoreApplication::translate("BoardHistory", "cannot write %1: %2").arg(f.fileName(), f.errorString());
    const QByteArray line = QJsonDocument(entry.toJson(uniqueId)).toJson(QJsonDocument::Compact) + '\n';
    if (f.write(line) != line.size() || !f.flush())
        return QCoreApplication::translate("BoardHistory", "cannot write %1: %2").arg(f.fileName(), f.errorString());
    return {};
}

QList<QJsonObject> BoardHistory::entries(const QByteArray &uniqueId) const
{
    QList<QJsonObject> out;
    QFile f(fileFor(uniqueId));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd()) {
        const QJsonDocument doc = QJsonDocument::fromJson(f.readLine());
        if (doc.isObject())
            out << doc.object();
    }
    return out;
}

QString BoardHistory::exportTo(const QByteArray &uniqueId, const QString &path) const
{
    QFile in(fileFor(uniqueId));
    if (!in.open(QIODevice::ReadOnly))
        return QCoreApplication::translate("BoardHistory", "no history for board %1 yet").arg(QString::fromLatin1(uniqueId.toHex()));
    const QByteArray bytes = in.readAll();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return QCoreApplication::translate("BoardHistory", "cannot write %1: %2").arg(path, out.errorString());
    return {};
}

QString BoardHistory::currentUser()
{
    for (const char *name : {"USER", "LOGNAME", "USERNAME"}) {
        const QString v = qEnvironmentVariable(name);
        if (!v.isEmpty())
            return v;
    }
    return QStringLiteral("unknown");
}

} // namespace piton::gui
