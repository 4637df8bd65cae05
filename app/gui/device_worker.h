// DeviceWorker: the GUI's link to one device. It lives on its own QThread, owns the Session
// (core/jobs/session.h) and runs every job there, so the GUI thread never blocks on the device.
// The GUI calls its slots through queued connections (QMetaObject::invokeMethod or signals) and
// receives results through its signals, which Qt delivers queued across the thread boundary.
#pragma once

#include "access/credential.h"
#include "device_types.h"
#include "jobs/job.h"
#include "jobs/recover_job.h"
#include "package/manifest.h"
#include "package/package.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QWaitCondition>
#include <QObject>
#include <QPair>
#include <QTimer>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace piton {
class Session;
}

namespace piton::gui {

/** What the GUI shows about a connected device: read after connecting and after every job. */
struct DeviceSnapshot {
    QString uri;                        ///< canonical link URI (LinkUri::toString)
    PingInfo ping;                      ///< PING answer (stage, window, max payload)
    DeviceInfo info;                    ///< INFO answer
    QList<Region> regions;              ///< REGIONS answer, in wire order
    QMap<QString, QByteArray> config;   ///< config entries; empty when unreadable
    bool configRead = false;            ///< false when CONFIG_READ failed (see log)
};

/** A package examined before it is sent: its manifest and the host-side compatibility
 *  verdict against the connected device (judgeCompatibility in core/package/compatibility.h). */
struct PackageSummary {
    QString path;                       ///< file the package was read from
    bool loaded = false;                ///< false: `problem` says why the file is unusable
    quint32 fileSize = 0;               ///< bytes
    QByteArray sha256;                  ///< of the whole file, 32 bytes
    Manifest manifest;                  ///< valid when loaded
    bool compatible = false;            ///< verdict: true when every host-side check passed
    QString problem;                    ///< load error or the failed check, else empty
    QByteArray signer;                  ///< fingerprint of the checked, trusted signer; empty if unchecked
    QStringList regionsWritten;         ///< regions the update writes (CompatibilityVerdict::regionsWritten)
    QStringList warnings;               ///< downgrade, security counter raise (updateWarnings)
};

/**
 * Owns the Session and runs jobs on the thread it lives on. All public slots are meant to be
 * invoked queued from the GUI thread; each ends in exactly one of the result signals named in
 * its comment. Only cancelJob() and isBusy() may be called directly from another thread.
 */
/** An interval (ms) a test may shorten: `defaultMs`, or the value of the environment variable
 *  `name` when it is a number of 10..60000 ms. For tests only (docs/gui.md, "Intervals in
 *  tests"): the GUI's timers wait on real time, and a test that checks "the board vanished"
 *  should not wait seconds for it. Not a user setting. */
int testIntervalMs(const char *name, int defaultMs);

class DeviceWorker : public QObject {
    Q_OBJECT
public:
    explicit DeviceWorker(QObject *parent = nullptr);
    ~DeviceWorker() override;

    /** While connected and no job runs, the worker PINGs the board this often (ms); a PING
     *  without answer (1500 ms) ends the session with disconnected("connection lost: ..."). */
    static constexpr int LivenessIntervalMs = 3000;
    /** The liveness interval in use (ms): LivenessIntervalMs, or PITON_TEST_LIVENESS_MS (tests
     *  only, testIntervalMs). */
    static int livenessIntervalMs();

    /** Asks the running job to stop at its next safe point (Job::cancel). When no job runs yet
     *  (the request is still queued), the next job is cancelled as soon as it starts; the request
     *  is forgotten when that job ends or a connect/inspect begins. Thread-safe. */
    void cancelJob();
    /** Answers credentialNeeded(): the waiting job authenticates with `credential` and goes on
     *  (Session::useCredential); the session keeps it for its reconnects. Thread-safe; ignored
     *  when no job waits. */
    void provideCredential(const piton::CredentialFile &credential);

public slots:
    /** Parses `uri` (LinkUri::parse), opens the link and PINGs within `timeoutMs` milliseconds,
     *  then reads INFO, REGIONS and the config. Emits connected() or connectionFailed() with the
     *  parse, Link or Timeout error's message. Any previous session is closed first. */
    void connectTo(const QString &uri, int timeoutMs = 3000);
    /** Closes the session; emits disconnected() with an empty reason. (After a job, when the
     *  device no longer answers, the worker closes the session itself and emits disconnected()
     *  with the reason.) */
    void disconnectDevice();
    /** PINGs the device; emits pinged() or failed() with "ping". */
    void ping();
    /** Re-reads INFO, REGIONS and the config; emits snapshotChanged() or failed(). */
    void refresh();
    /** Loads a package (Package::load) and judges it against the device
     *  (judgeCompatibility; the device judges the signature unless `publicKeyPaths` names
     *  PEM public keys). Emits packageInspected(). Sends nothing to the device. The loaded
     *  package is kept: deploy() and recover() of the same path send exactly what was
     *  inspected (and confirmed) without reading the file again. */
    void inspectPackage(const QString &path, const QStringList &publicKeyPaths = {});
    /** Runs a DeployJob for the package file (the one inspectPackage() kept, else loaded now);
     *  then refreshes. */
    void deploy(const QString &path, const QStringList &publicKeyPaths = {});
    /** Runs an EraseRegionJob for region `name`; then refreshes. */
    void eraseRegion(const QString &name);
    /** Runs a ConfigBackupJob writing the config blob to `path`. */
    void backupConfig(const QString &path);
    /** Runs a ConfigRestoreJob from the backup file `path`; then refreshes. */
    void restoreConfig(const QString &path);
    /** Runs a ConfigSetJob (empty value deletes the entry); then refreshes. */
    void setConfig(const QList<QPair<QString, QByteArray>> &entries);
    /** Runs a RebootJob with PT_REBOOT_NORMAL or PT_REBOOT_BOOTLOADER; then refreshes. */
    void reboot(int mode);
    /** Runs a KeyUpdateJob with the key update file `path` (docs/security.md "Rotating and
     *  revoking keys"); then refreshes, so the snapshot shows the new key set. */
    void keyUpdate(const QString &path);
    /** Reads the board's state for recovery afresh (RecoverJob::diagnose: PING, INFO,
     *  UPDATE_STATUS; changes nothing): the Recover page's "diagnose" button. After connecting,
     *  a refresh and every job the worker emits the diagnosis by itself, built from the snapshot
     *  it just read. Emits recoveryDiagnosed() or recoveryDiagnosisFailed(). */
    void diagnoseRecovery();
    /** Runs a RecoverJob with the package at `packagePath` and the config backup at
     *  `configBackupPath` (empty = not given) that acts only if the board still needs
     *  `confirmedPlan`, the plan the user confirmed (RecoverJob::setConfirmedPlan; else it fails
     *  and changes nothing); then refreshes (the window diagnoses again after every refresh). */
    void recover(const QString &packagePath, const QString &configBackupPath, const QList<piton::RecoveryAction> &confirmedPlan);
    /** Closes the session; call (blocking queued) before the thread stops. */
    void shutdown();

signals:
    void connected(const piton::gui::DeviceSnapshot &snapshot);
    void connectionFailed(const QString &message);
    void disconnected(const QString &reason);
    /** New device state after a job or refresh. */
    void snapshotChanged(const piton::gui::DeviceSnapshot &snapshot);
    void pinged(const piton::PingInfo &ping, qint64 roundTripMs);
    void packageInspected(const piton::gui::PackageSummary &summary);
    /** The board's recovery diagnosis (after diagnoseRecovery()). */
    void recoveryDiagnosed(const piton::RecoveryDiagnosis &diagnosis);
    /** The recovery diagnosis could not be read (`message` names why). */
    void recoveryDiagnosisFailed(const QString &message);

    /** A job began: `title` is Job::title(). */
    void jobStarted(const QString &title);
    void jobProgress(const piton::JobProgress &progress);
    /** A job ended; `message` is the error's message when !ok. */
    void jobFinished(const QString &title, bool ok, const QString &message);
    /** A job ended because the link failed or the device stopped answering (ErrorKind Link or
     *  Timeout); emitted just before its jobFinished(). `deviceAnswers`: the device answered
     *  again right after (the link came back); when false, disconnected() follows. */
    void jobInterrupted(const QString &title, const QString &message, bool deviceAnswers);
    /** An operation that is not a job (ping, refresh, loading a file) failed. */
    void failed(const QString &operation, const QString &message);
    /** Log line from a job or from the worker itself. */
    void logMessage(piton::LogLevel level, const QString &text);
    /** True from the start of an operation on the device to its end. */
    void busyChanged(bool busy);
    /** The running job `title` waits: the board refused it without a session that has the
     *  role it needs (`refusal`, the board's words: "... need a technician session on a locked
     *  board over TCP"). Answer with provideCredential(), or cancelJob() to end it (nothing was
     *  changed). Job::claimBoard, Session::setCredentialSource. */
    void credentialNeeded(const QString &title, const QString &refusal);

private:
    /** What a job may have changed on the board, so that only that is read again after it. */
    struct JobEffects {
        bool config = true;  ///< the config (re-read it)
        bool images = true;  ///< the deployment or firmware region (probe the deployment again)
    };
    /** Full: PING, INFO, REGIONS, config (refresh). Connect: the same without a second PING.
     *  AfterJob: INFO and config; AfterJobKeepConfig: INFO only, the config of the last snapshot
     *  kept unless the stage or the config state changed. Regions come from the Session's
     *  cache (read once per connection). */
    enum class SnapshotRead { Full, Connect, AfterJob, AfterJobKeepConfig };
    bool requireSession(const QString &operation);
    void forgetCancel();
    /** Runs the job, reads what it may have changed (`effects`), emits the job's signals, then
     *  the recovery diagnosis built from the new snapshot, and logs the frames it cost. */
    bool runJob(Job &job, JobEffects effects);
    bool readSnapshot(DeviceSnapshot *out, QString *error, SnapshotRead what);
    bool refreshAfterJob(QString *error, JobEffects effects);
    /** Emits recoveryDiagnosed() (or recoveryDiagnosisFailed()) for the last snapshot: reads
     *  UPDATE_STATUS and, in the bootloader stage, the deployment HASH unless a probe since the
     *  last job that may have written the deployment region (`deploymentMayHaveChanged`) says. */
    void diagnoseFromSnapshot(bool deploymentMayHaveChanged);
    void checkAlive();
    /** The session's credential source: emits credentialNeeded() and blocks this thread until
     *  provideCredential() or cancelJob() answers. */
    std::optional<CredentialFile> waitForCredential(const Error &refusal);
    /** The package at `path`: the one inspectPackage() kept for that path (handed over and
     *  forgotten), else read from the file. */
    Result<Package> takePackage(const QString &path);

    std::unique_ptr<Session> m_session;
    /** The state last read (the window shows it), the base of the next refresh. */
    DeviceSnapshot m_snapshot;
    /** The deployment HASH probe's answer, valid until a job may have written the region. */
    std::optional<bool> m_deploymentErased;
    /** The package last inspected and the path it came from (see takePackage). */
    std::optional<Package> m_inspected;
    QString m_inspectedPath;
    QMutex m_jobMutex;
    Job *m_job = nullptr; // guarded by m_jobMutex
    bool m_cancelRequested = false; // guarded by m_jobMutex
    QWaitCondition m_credentialAnswered; // with m_jobMutex: provideCredential() or cancelJob()
    bool m_waitingForCredential = false; // guarded by m_jobMutex
    std::optional<CredentialFile> m_credentialAnswer; // guarded by m_jobMutex
    /** While connected and idle: a PING every LivenessIntervalMs; no answer -> disconnected(). */
    QTimer *m_liveness = nullptr;
};

/** Registers the metatypes the worker's queued signals carry. Call once before connecting. */
void registerWorkerMetaTypes();

} // namespace piton::gui

Q_DECLARE_METATYPE(piton::gui::DeviceSnapshot)
Q_DECLARE_METATYPE(piton::gui::PackageSummary)
Q_DECLARE_METATYPE(piton::PingInfo)
Q_DECLARE_METATYPE(piton::LogLevel)
Q_DECLARE_METATYPE(piton::RecoveryDiagnosis)
