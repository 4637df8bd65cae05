// DeployJob: the in-field update (docs/jobs.md, "Deploy"). Checks the package against the
// device, streams it into the staging region (resuming a broken transfer), commits, waits for
// the board to install and come back, follows the new image through its trial boot until it
// confirms itself (or the bootloader reverts it), and verifies the installed payloads by SHA-256.
#pragma once

#include "jobs/job.h"
#include "jobs/session.h"
#include "package/compatibility.h" // updateWarnings, judgeCompatibility
#include "package/package.h"

namespace piton {

/** What a deploy did, for the CLI's output and the GUI's summary. */
struct DeployReport {
    quint32 packageSize = 0;    ///< bytes
    quint32 resumedFrom = 0;    ///< staged offset the device reported at UPDATE_BEGIN
    quint64 bytesSent = 0;      ///< package bytes sent in this run (UPDATE_DATA payload data)
    qint64 stagingMs = 0;       ///< time spent streaming
    qint64 totalMs = 0;         ///< whole job, including install and reconnect
    DeviceInfo infoAfter;       ///< INFO after the board came back
};

class DeployJob : public Job {
    Q_OBJECT
public:
    /** `session` must be open and outlive the job. */
    DeployJob(Session &session, Package package, QString packageName, QObject *parent = nullptr);

    QString title() const override;
    const DeployReport &report() const { return m_report; }

    /** Public keys the host may check the signature with (from --key or a keyring). Without
     *  any, the device alone judges the signature (see judgeCompatibility). */
    void setPublicKeys(QList<PublicKey> keys) { m_publicKeys = std::move(keys); }

    /** Milliseconds to wait for the board after UPDATE_COMMIT (install + reset). Default 60000. */
    void setReconnectTimeout(int ms) { m_reconnectTimeoutMs = ms; }
    /** Milliseconds the new image may run on trial before the job gives up waiting for it to
     *  confirm itself (ErrorKind::NotConfirmed). Default 60000. */
    void setConfirmTimeout(int ms) { m_confirmTimeoutMs = ms; }

protected:
    Result<void> execute() override;

private:
    Result<void> checkAgainstDevice(const DeviceInfo &info);
    Result<void> stage(quint32 from);
    Result<void> verifyInstalled(const DeviceInfo &info);
    /** INFO once the new image confirmed itself; NotConfirmed when the bootloader reverted it or
     *  it is still on trial after the confirm timeout; reconnects across the board's resets. */
    Result<DeviceInfo> waitForConfirmation();

    Session &m_session;
    Package m_package;
    QString m_packageName;
    DeployReport m_report;
    int m_reconnectTimeoutMs = 60000;
    int m_confirmTimeoutMs = 60000;
    QList<PublicKey> m_publicKeys;
};

} // namespace piton
