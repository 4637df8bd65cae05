#include "jobs/config_jobs.h"

#include "jobs/session.h"
#include "piton/protocol.h"

#include <QFile>
#include <QSaveFile>

namespace piton {

Result<ConfigBlob> readDeviceConfig(DeviceClient &device)
{
    auto blob = device.configRead();
    if (!blob)
        return blob.error();
    auto config = ConfigBlob::parse(blob.value());
    if (!config)
        return Error::make(ErrorKind::Protocol, QObject::tr("the device's config is damaged: %1").arg(config.error().message));
    return config.value();
}

namespace {

Result<void> writeAndCheck(DeviceClient &device, const QByteArray &blob)
{
    if (auto ok = device.configWrite(blob); !ok)
        return ok.error();
    auto back = device.configRead();
    if (!back)
        return back.error();
    if (back.value() == blob)
        return {};
    // Secret entries (docs/config-format.md) come back empty and keep the device's values, also
    // those the written blob lacks: compare everything else.
    auto wrote = ConfigBlob::parse(blob);
    auto read = ConfigBlob::parse(back.value());
    const auto withoutSecrets = [](QMap<QString, QByteArray> entries) {
        entries.removeIf([](const auto &e) { return e.key().startsWith(QLatin1String(PT_CONFIG_SECRET_PREFIX)); });
        return entries;
    };
    if (!wrote || !read || withoutSecrets(wrote->entries) != withoutSecrets(read->entries))
        return Error::make(ErrorKind::Verify, QObject::tr("the config read back differs from the one written"));
    return {};
}

} // namespace

// ---- backup -----------------------------------------------------------------------------------

ConfigBackupJob::ConfigBackupJob(Session &session, QString outputPath, QObject *parent)
    : Job(parent), m_session(session), m_outputPath(std::move(outputPath))
{
}

QString ConfigBackupJob::title() const
{
    return tr("Config backup to %1").arg(m_outputPath);
}

Result<void> ConfigBackupJob::execute()
{
    beginPhase(tr("reading config"), 0);
    auto config = readDeviceConfig(m_session.device());
    if (!config)
        return config.error();
    m_config = config.value();
    const QByteArray bytes = m_config.serialize();
    QSaveFile file(m_outputPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(ErrorKind::Io, tr("cannot write %1: %2").arg(m_outputPath, file.errorString()));
    log(LogLevel::Info, tr("%1 entries (%2 bytes) saved to %3").arg(m_config.entries.size()).arg(bytes.size()).arg(m_outputPath));
    return {};
}

// ---- restore ----------------------------------------------------------------------------------

ConfigRestoreJob::ConfigRestoreJob(Session &session, QString inputPath, QObject *parent)
    : Job(parent), m_session(session), m_inputPath(std::move(inputPath))
{
}

QString ConfigRestoreJob::title() const
{
    return tr("Config restore from %1").arg(m_inputPath);
}

Result<void> ConfigRestoreJob::execute()
{
    QFile file(m_inputPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, tr("cannot read %1: %2").arg(m_inputPath, file.errorString()));
    const QByteArray bytes = file.readAll();
    auto config = ConfigBlob::parse(bytes);
    if (!config)
        return Error::make(ErrorKind::Format, tr("%1 is not a valid config backup: %2").arg(m_inputPath, config.error().message));
    if (auto ok = requireCapability(m_session, PT_CAP_CONFIG, tr("config restore"), tr("its PING does not offer CONFIG")); !ok)
        return ok.error();
    if (auto ok = claimBoard(m_session); !ok)
        return ok.error();
    beginPhase(tr("writing config"), 0);
    // Identity: a backup of another board must not give this one its serial number and MAC.
    m_kept.clear();
    m_copied.clear();
    ConfigBlob toWrite = config.value();
    auto info = m_session.device().info();
    if (!info)
        return info.error();
    auto current = readDeviceConfig(m_session.device());
    if (info->configState && *info->configState == PT_CONFIG_CORRUPT) {
        log(LogLevel::Info, tr("this board's config is corrupt: the backup is restored as it is, identity included"));
    } else if (!current) {
        log(LogLevel::Warning, tr("this board's config cannot be read (%1): the backup is restored as it is, identity included")
                                   .arg(current.error().message));
    } else {
        const QStringList differ = identityDifferences(config.value(), current.value());
        for (const QString &key : differ) {
            const QString theirs = QString::fromUtf8(config->entries.value(key));
            const QString ours = QString::fromUtf8(current->entries.value(key));
            if (m_copyIdentity) {
                m_copied << key;
                log(LogLevel::Warning, tr("copied %1 %2 from the backup over this board's %3").arg(key, theirs, ours));
            } else {
                m_kept << key;
                if (current->entries.contains(key))
                    toWrite.entries.insert(key, current->entries.value(key));
                else
                    toWrite.entries.remove(key);
                log(LogLevel::Info, tr("kept this board's %1 %2 (the backup holds %3)").arg(key, ours, theirs));
            }
        }
    }
    const QByteArray blob = toWrite.serialize();
    if (auto ok = writeAndCheck(m_session.device(), blob); !ok)
        return ok.error();
    log(LogLevel::Info, tr("%1 entries restored and read back").arg(toWrite.entries.size()));
    return {};
}

QStringList configIdentityKeys()
{
    return {QStringLiteral("serial"), QStringLiteral("net.mac")};
}

QStringList identityDifferences(const ConfigBlob &backup, const ConfigBlob &board)
{
    QStringList out;
    for (const QString &key : configIdentityKeys()) {
        const QByteArray theirs = backup.entries.value(key), ours = board.entries.value(key);
        if (theirs == ours && !ours.isEmpty())
            return {}; // one identity entry matches: the same board
        if (theirs != ours)
            out << key;
    }
    return out;
}

// ---- set --------------------------------------------------------------------------------------

ConfigSetJob::ConfigSetJob(Session &session, QList<QPair<QString, QByteArray>> entries, QObject *parent)
    : Job(parent), m_session(session), m_entries(std::move(entries))
{
}

QString ConfigSetJob::title() const
{
    return tr("Config set");
}

Result<void> ConfigSetJob::execute()
{
    for (const auto &[key, value] : m_entries) {
        if (value.isEmpty())
            continue; // deletion
        if (auto ok = validateConfigEntry(key, value); !ok)
            return Error::make(ErrorKind::Usage, ok.error().message);
    }
    if (auto ok = requireCapability(m_session, PT_CAP_CONFIG, tr("config set"), tr("its PING does not offer CONFIG")); !ok)
        return ok.error();
    if (auto ok = claimBoard(m_session); !ok)
        return ok.error();
    beginPhase(tr("writing config"), 0);
    auto config = readDeviceConfig(m_session.device());
    if (!config)
        return config.error();
    ConfigBlob updated = config.value();
    for (const auto &[key, value] : m_entries) {
        if (value.isEmpty())
            updated.entries.remove(key);
        else
            updated.entries.insert(key, value);
        log(LogLevel::Info, value.isEmpty() ? tr("%1 deleted").arg(key) : tr("%1 = %2").arg(key, QString::fromUtf8(value)));
    }
    return writeAndCheck(m_session.device(), updated.serialize());
}

} // namespace piton
