// Jobs on the device as a whole: reboot it (and wait until it answers again), and verify that
// it runs exactly a given package's payloads.
#pragma once

#include "jobs/job.h"
#include "jobs/session.h"
#include "package/package.h"

namespace piton {

/** How one payload of a package compares with what the device has installed. */
struct PayloadCheck {
    QString region;
    bool firmware = false;                 ///< firmware payload (else application)
    std::optional<quint32> installedVersion;
    quint32 packageVersion = 0;
    bool versionMatches = false;
    bool hashMatches = false;              ///< SHA-256 of the payload's range in its region (HASH)
    bool ok() const { return versionMatches && hashMatches; }
    QString describe() const;              ///< one line for logs and reports
};

/** Compares every payload of `package` with the device: installed version (from `info`) and the
 *  device's SHA-256 of the payload's range. Errors only when the device cannot be asked. */
Result<QList<PayloadCheck>> checkInstalledPayloads(Session &session, const DeviceInfo &info, const Package &package);

/**
 * REBOOT (docs/protocol.md §4.10), then reconnects and PINGs until the board answers.
 * A lost answer (no answer in time, the link dropped, an unreadable frame: the board may have
 * reset before its answer left, or the answer or REBOOT itself was lost) is no failure: the job
 * reconnects and compares the board's resets since power-on (INFO 0x2B) with the count read
 * before REBOOT. Reset: done. Not reset (REBOOT never arrived): REBOOT is sent once more, and a
 * second loss without a reset is a Timeout error. A board that does not come back is a Link or
 * Timeout error saying the board is gone. A board without INFO 0x2B that answers after the loss
 * is taken as reset (a second REBOOT could reset it twice). Errors otherwise: the board's
 * refusal of REBOOT (Device), those of Session::reconnect.
 */
class RebootJob : public Job {
    Q_OBJECT
public:
    /** `mode`: PT_REBOOT_NORMAL or PT_REBOOT_BOOTLOADER. */
    RebootJob(Session &session, int mode, QObject *parent = nullptr);
    QString title() const override;
    /** Stage the board answered in after the reset (PT_STAGE_*). */
    int stageAfter() const { return m_stageAfter; }
    void setReconnectTimeout(int ms) { m_reconnectTimeoutMs = ms; }
    /** True when an answer to REBOOT was lost and the job found out what the board did. */
    bool answerLost() const { return m_answerLost; }
    /** REBOOTs sent again because the board had not reset (0 or 1). */
    int rebootsResent() const { return m_resent; }
    /** Milliseconds from the first REBOOT to knowing the board reset, when an answer was lost. */
    qint64 recoveryMs() const { return m_recoveryMs; }

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    int m_mode;
    int m_stageAfter = 0;
    int m_reconnectTimeoutMs = 30000;
    bool m_answerLost = false;
    int m_resent = 0;
    qint64 m_recoveryMs = 0;
};

/**
 * Compares the device with a package: board id, installed versions, and the SHA-256 of every
 * payload's range in its target region (HASH, §4.7). Verify error naming each difference.
 */
class VerifyJob : public Job {
    Q_OBJECT
public:
    VerifyJob(Session &session, Package package, QString packageName, QObject *parent = nullptr);
    QString title() const override;
    /** One line per payload: region, expected and found state. */
    const QStringList &details() const { return m_details; }

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    Package m_package;
    QString m_packageName;
    QStringList m_details;
};

} // namespace piton
