// Config jobs (docs/config-format.md, protocol §4.9): back the config up to a file, restore it
// from one, and change entries. A backup is the device's config blob byte for byte, so a
// restore writes exactly what was read; a damaged file is refused before anything is sent.
#pragma once

#include "config/config_blob.h"
#include "jobs/job.h"
#include "jobs/session.h"

#include <QList>
#include <QPair>

namespace piton {

/** Reads the config blob, checks it, and saves it to `outputPath` atomically. */
class ConfigBackupJob : public Job {
    Q_OBJECT
public:
    ConfigBackupJob(Session &session, QString outputPath, QObject *parent = nullptr);
    QString title() const override;
    const ConfigBlob &config() const { return m_config; }

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    QString m_outputPath;
    ConfigBlob m_config;
};

/** Checks the backup file (magic, structure, CRC: Format error if damaged, nothing sent),
 *  writes it, reads the config back and compares byte for byte. */
class ConfigRestoreJob : public Job {
    Q_OBJECT
public:
    ConfigRestoreJob(Session &session, QString inputPath, QObject *parent = nullptr);
    QString title() const override;

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    QString m_inputPath;
};

/** Validates each entry (validateConfigEntry), then writes them all as one new blob:
 *  either every entry lands or none does. An empty value deletes the entry. */
class ConfigSetJob : public Job {
    Q_OBJECT
public:
    ConfigSetJob(Session &session, QList<QPair<QString, QByteArray>> entries, QObject *parent = nullptr);
    QString title() const override;

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    QList<QPair<QString, QByteArray>> m_entries;
};

/** Reads and parses the device's config. */
Result<ConfigBlob> readDeviceConfig(DeviceClient &device);

} // namespace piton
