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
    /** The answer to UPDATE_COMMIT was lost (no answer in time, the link dropped, or a garbled
     *  one): the job asked the board what it did (DeployJob, "lost COMMIT answer"). */
    bool commitAnswerLost = false;
    int commitsResent = 0;      ///< UPDATE_COMMIT sent again because the board had not received it
    /** From the first UPDATE_COMMIT to knowing what the board did, when its answer was lost
     *  (the wait for the answer included), ms; 0 otherwise. */
    qint64 commitRecoveryMs = 0;
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
    /** Milliseconds to wait for the answer to UPDATE_COMMIT (the board's own check of the staged
     *  package) before asking the board what it did. Default (0): defaultCommitTimeoutMs(). */
    void setCommitTimeout(int ms) { m_commitTimeoutMs = ms; }
    /** The default wait for COMMIT's answer for a package of `packageBytes` bytes, in ms: 5000
     *  plus 1 ms per 256 bytes (the board hashes the package and checks its signature before it
     *  answers; a slow board hashes at 256 KB/s or better). */
    static int defaultCommitTimeoutMs(quint32 packageBytes) { return 5000 + int(packageBytes / 256); }

    /** Milliseconds the new image may run on trial before the job gives up waiting for it to
     *  confirm itself (ErrorKind::NotConfirmed). Default 60000. */
    void setConfirmTimeout(int ms) { m_confirmTimeoutMs = ms; }

protected:
    Result<void> execute() override;

private:
    Result<void> checkAgainstDevice(const DeviceInfo &info);
    Result<void> stage(quint32 from);
    Result<void> verifyInstalled(const DeviceInfo &info);
    /**
     * UPDATE_COMMIT, then the board back after its reset. When the answer is lost (Timeout, Link,
     * Protocol), reconnects to the same board and reads UPDATE_STATUS: the package still staged
     * and not installed (COMPLETE or PENDING, same size and SHA-256) means the board did not act
     * on the COMMIT, which is sent again (the device accepts a repeat while the package is staged:
     * server.c verifies again and marks it pending once); anything else means it acted, and the
     * install is followed and verified as usual. A refusal (Verify, Device) is the board's answer.
     */
    Result<void> commit();
    /** INFO once the new image confirmed itself; NotConfirmed when the bootloader reverted it or
     *  it is still on trial after the confirm timeout; reconnects across the board's resets. */
    Result<DeviceInfo> waitForConfirmation();

    Session &m_session;
    Package m_package;
    QString m_packageName;
    DeployReport m_report;
    int m_reconnectTimeoutMs = 60000;
    int m_confirmTimeoutMs = 60000;
    int m_commitTimeoutMs = 0; // 0: defaultCommitTimeoutMs()
    QList<PublicKey> m_publicKeys;
};

} // namespace piton
