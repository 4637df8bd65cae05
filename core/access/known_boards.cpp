#include "access/known_boards.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace piton {

namespace {

struct Entry {
    QByteArray uniqueId, identity;
    QString date;
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Access", text);
}

// Reads every entry; an absent file is an empty list.
Result<QList<Entry>> readEntries(const QString &path, QByteArray *raw)
{
    QList<Entry> entries;
    QFile file(path);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, tr("cannot read the known boards %1: %2").arg(path, file.errorString()));
    *raw = file.readAll();
    int number = 0;
    for (const QByteArray &line : raw->split('\n')) {
        ++number;
        const QByteArray text = line.trimmed();
        if (text.isEmpty() || text.startsWith('#'))
            continue;
        const QList<QByteArray> f = text.simplified().split(' ');
        const QByteArray uid = QByteArray::fromHex(f.value(0)), id = QByteArray::fromHex(f.value(1));
        if (f.size() < 2 || uid.isEmpty() || uid.toHex() != f.value(0).toLower() || id.size() != 32 || id.toHex() != f.value(1).toLower())
            return Error::make(ErrorKind::Format, tr("%1 line %2: not \"UNIQUE_ID IDENTITY_FINGERPRINT\" in hex").arg(path).arg(number));
        entries.append({uid, id, QString::fromUtf8(f.value(2))});
    }
    return entries;
}

} // namespace

KnownBoards::KnownBoards(QString path) : m_path(path.isEmpty() ? defaultPath() : std::move(path)) {}

QString KnownBoards::defaultPath()
{
    const QString env = qEnvironmentVariable("PITON_KNOWN_BOARDS");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/Piton/known-boards");
}

Result<QByteArray> KnownBoards::pinned(const QByteArray &uniqueId) const
{
    QByteArray raw;
    auto entries = readEntries(m_path, &raw);
    if (!entries)
        return entries.error();
    for (const Entry &e : *entries)
        if (e.uniqueId == uniqueId)
            return e.identity;
    return QByteArray();
}

Result<void> KnownBoards::check(const QByteArray &uniqueId, const QByteArray &identity, bool replace, bool *pinnedNow) const
{
    if (pinnedNow)
        *pinnedNow = false;
    QByteArray raw;
    auto entries = readEntries(m_path, &raw);
    if (!entries)
        return entries.error();
    for (const Entry &e : *entries) {
        if (e.uniqueId != uniqueId)
            continue;
        if (e.identity == identity)
            return {};
        if (!replace)
            return Error::make(ErrorKind::Verify,
                               tr("board %1 presented another identity key (%2...) than the one pinned %3 (%4...): possible man "
                                  "in the middle. If the board was re-provisioned, accept its new key with `piton-cli access pin "
                                  "--replace` (known boards: %5)")
                                   .arg(QString::fromLatin1(uniqueId.toHex()), QString::fromLatin1(identity.left(8).toHex()),
                                        e.date.isEmpty() ? tr("earlier") : e.date, QString::fromLatin1(e.identity.left(8).toHex()),
                                        m_path));
    }
    // Pin (first use) or replace: rewrite the file without the old line, atomically.
    QByteArray out;
    if (raw.isEmpty())
        out = "# Piton known boards: unique id, SHA-256 of the board's identity key, pinned at (docs/security.md)\n";
    for (const QByteArray &line : raw.split('\n')) {
        const QByteArray text = line.trimmed();
        if (text.isEmpty())
            continue;
        if (!text.startsWith('#') && QByteArray::fromHex(text.simplified().split(' ').value(0)) == uniqueId)
            continue;
        out += text + '\n';
    }
    out += uniqueId.toHex() + ' ' + identity.toHex() + ' ' +
           QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1() + '\n';
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(out) != out.size() || !file.commit())
        return Error::make(ErrorKind::Io, tr("cannot write the known boards %1: %2").arg(m_path, file.errorString()));
    if (pinnedNow)
        *pinnedNow = true;
    return {};
}

} // namespace piton
