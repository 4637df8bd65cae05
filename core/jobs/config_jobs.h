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

/** The config entries that identify one board (docs/config-format.md, "Identity"). */
QStringList configIdentityKeys();

/** When `backup` comes from another board than the one whose config is `board`: the identity
 *  entries (configIdentityKeys()) whose values differ; else empty. A backup is from another
 *  board when none of the identity entries has the same non-empty value in both (so a board's
 *  own backup from before its serial was changed still counts as its own: its MAC matches). */
QStringList identityDifferences(const ConfigBlob &backup, const ConfigBlob &board);

/** Checks the backup file (magic, structure, CRC: Format error if damaged, nothing sent),
 *  writes it, reads the config back and compares byte for byte. Identity-safe: when the
 *  backup's serial or net.mac differ from the board's own (a backup of another board), the
 *  board keeps its own entries unless setCopyIdentity(true); keptIdentity() / copiedIdentity()
 *  then name them. A board whose config cannot be read (corrupt) gets the backup as it is. */
class ConfigRestoreJob : public Job {
    Q_OBJECT
public:
    ConfigRestoreJob(Session &session, QString inputPath, QObject *parent = nullptr);
    QString title() const override;

    /** Copy the backup's identity entries even from another board (two boards then share a
     *  serial number and a MAC address: the caller asks first). Default false. */
    void setCopyIdentity(bool on) { m_copyIdentity = on; }
    /** After run(): identity entries this board kept although the backup held others. */
    const QStringList &keptIdentity() const { return m_kept; }
    /** After run(): identity entries copied from a backup of another board. */
    const QStringList &copiedIdentity() const { return m_copied; }

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    QString m_inputPath;
    bool m_copyIdentity = false;
    QStringList m_kept, m_copied;
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
