// Jobs on one region, named as the device names it (docs/jobs.md): read it into a file, erase
// it, or program an image into it (raw write, development devices only).
#pragma once

#include "image/image.h"
#include "jobs/job.h"
#include "jobs/session.h"

namespace piton {

/** Reads a whole region (pipelined READ, docs/protocol.md §4.4) and writes it to a file. */
class ReadRegionJob : public Job {
    Q_OBJECT
public:
    ReadRegionJob(Session &session, QString region, QString outputPath, QObject *parent = nullptr);
    QString title() const override;
    const QByteArray &data() const { return m_data; }

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    QString m_region, m_outputPath;
    QByteArray m_data;
};

/** Erases a whole region (ERASE, §4.5). The device refuses protected and staging regions. */
class EraseRegionJob : public Job {
    Q_OBJECT
public:
    EraseRegionJob(Session &session, QString region, QObject *parent = nullptr);
    QString title() const override;

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    QString m_region;
};

/**
 * Raw write of an image into a region (WRITE, §4.6): every byte of the image must lie inside the
 * region; the sectors it touches are erased, the image is programmed and read back by SHA-256.
 * Locked devices refuse (Device error, status LOCKED).
 */
class WriteRegionJob : public Job {
    Q_OBJECT
public:
    WriteRegionJob(Session &session, QString region, Image image, QObject *parent = nullptr);
    QString title() const override;

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    QString m_region;
    Image m_image;
};

} // namespace piton
