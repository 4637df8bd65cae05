#include "device_worker.h"

#include "config/config_blob.h"
#include "jobs/config_jobs.h"
#include "jobs/deploy_job.h"
#include "jobs/device_jobs.h"
#include "jobs/key_update_job.h"
#include "jobs/region_jobs.h"
#include "jobs/session.h"
#include "link_uri.h"
#include "package/key_update.h"
#include "package/keys.h"
#include "package/compatibility.h"
#include "package/package.h"

#include "piton/protocol.h"

#include <QElapsedTimer>
#include <QSettings>
#include <QFileInfo>
#include <QMutexLocker>
#include <QRegularExpression>

namespace piton::gui {

void registerWorkerMetaTypes()
{
    qRegisterMetaType<piton::gui::DeviceSnapshot>("piton::gui::DeviceSnapshot");
    qRegisterMetaType<piton::gui::PackageSummary>("piton::gui::PackageSummary");
    qRegisterMetaType<piton::PingInfo>("piton::PingInfo");
    qRegisterMetaType<piton::LogLevel>("piton::LogLevel");
    qRegisterMetaType<piton::JobProgress>("piton::JobProgress");
    qRegisterMetaType<piton::RecoveryDiagnosis>("piton::RecoveryDiagnosis");
}

int testIntervalMs(const char *name, int defaultMs)
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue(name, &ok);
    return ok && ms >= 10 && ms <= 60000 ? ms : defaultMs;
}

int DeviceWorker::livenessIntervalMs() { return testIntervalMs("PITON_TEST_LIVENESS_MS", LivenessIntervalMs); }

DeviceWorker::DeviceWorker(QObject *parent)
    : QObject(parent), m_liveness(new QTimer(this))
{
    // A link that died while the window sat idle (board unplugged, reset, powered off) must
    // turn "Connected" into "lost" by itself, not at the next click.
    m_liveness->setInterval(livenessIntervalMs());
    connect(m_liveness, &QTimer::timeout, this, &DeviceWorker::checkAlive);
}

void DeviceWorker::checkAlive()
{
    if (!m_session) {
        m_liveness->stop();
        return;
    }
    auto ping = m_session->device().ping(1500);
    if (ping)
        return;
    m_liveness->stop();
    m_session.reset();
    emit logMessage(LogLevel::Warning, tr("the board stopped answering: %1").arg(ping.error().message));
    emit disconnected(tr("connection lost: the board stopped answering (%1)").arg(ping.error().message));
}

DeviceWorker::~DeviceWorker() = default;

void DeviceWorker::cancelJob()
{
    QMutexLocker lock(&m_jobMutex);
    m_cancelRequested = true;
    if (m_job)
        m_job->cancel();
    m_credentialAnswered.wakeAll();
}

void DeviceWorker::provideCredential(const CredentialFile &credential)
{
    QMutexLocker lock(&m_jobMutex);
    if (!m_waitingForCredential)
        return;
    m_credentialAnswer = credential;
    m_credentialAnswered.wakeAll();
}

std::optional<CredentialFile> DeviceWorker::waitForCredential(const Error &refusal)
{
    // The board's own words, without the client's "SESSION failed on the device: ... (STATUS)".
    static const QRegularExpression framed(QStringLiteral("^\\S+ failed on the device: (.+) \\([A-Z_]+\\)$"));
    const QRegularExpressionMatch m = framed.match(refusal.message);
    const QString words = m.hasMatch() ? m.captured(1) : refusal.message;
    QMutexLocker lock(&m_jobMutex);
    const QString title = m_job ? m_job->title() : QString();
    m_credentialAnswer.reset();
    m_waitingForCredential = true;
    emit credentialNeeded(title, words); // queued to the window, which opens its prompt
    while (!m_credentialAnswer && !m_cancelRequested)
        m_credentialAnswered.wait(&m_jobMutex);
    m_waitingForCredential = false;
    if (m_cancelRequested)
        return std::nullopt;
    return std::exchange(m_credentialAnswer, std::nullopt);
}

void DeviceWorker::forgetCancel()
{
    QMutexLocker lock(&m_jobMutex);
    m_cancelRequested = false;
}

bool DeviceWorker::requireSession(const QString &operation)
{
    if (m_session && m_session->isOpen())
        return true;
    emit failed(operation, tr("not connected to a device"));
    return false;
}

bool DeviceWorker::readSnapshot(DeviceSnapshot *out, QString *error, SnapshotRead what)
{
    // After a job only what may have changed is read again (docs/gui.md, "After a job"): the
    // PING of the connection (a job that resets the board reconnects, and PINGs anew), the
    // regions of the connection (Session caches them until a reconnect), the config only when
    // the job may have changed it or the board's stage or config state changed.
    const DeviceSnapshot previous = m_snapshot;
    DeviceSnapshot s;
    s.uri = m_session->uri().toString();
    DeviceClient &device = m_session->device();
    if (what == SnapshotRead::Full) {
        auto ping = device.ping();
        if (!ping) {
            *error = ping.error().message;
            return false;
        }
        s.ping = ping.value();
    } else {
        s.ping = m_session->ping();
    }
    auto info = device.info();
    if (!info) {
        *error = info.error().message;
        return false;
    }
    s.info = info.value();
    auto regions = m_session->regions();
    if (!regions) {
        *error = regions.error().message;
        return false;
    }
    s.regions = regions.value();
    const bool keepConfig = what == SnapshotRead::AfterJobKeepConfig && previous.uri == s.uri && previous.info.stage == s.info.stage
                            && previous.info.configState == s.info.configState;
    if (keepConfig) {
        s.config = previous.config;
        s.configRead = previous.configRead;
    } else if (auto config = readDeviceConfig(device)) {
        s.config = config->entries;
        s.configRead = true;
    } else {
        emit logMessage(LogLevel::Warning, tr("cannot read the config: %1").arg(config.error().message));
    }
    m_snapshot = s;
    *out = s;
    return true;
}

void DeviceWorker::diagnoseFromSnapshot(bool deploymentMayHaveChanged)
{
    if (!m_session || !m_session->isOpen())
        return;
    if (deploymentMayHaveChanged)
        m_deploymentErased.reset();
    RecoverJob job(*m_session);
    RecoverJob::KnownState known;
    known.info = m_snapshot.info;
    known.pingStage = m_snapshot.ping.stage;
    known.configReadable = m_snapshot.configRead;
    known.deploymentErased = m_deploymentErased;
    auto diagnosis = job.diagnose(known);
    if (!diagnosis) {
        emit recoveryDiagnosisFailed(diagnosis.error().message);
        return;
    }
    m_deploymentErased = job.deploymentErased();
    emit logMessage(LogLevel::Info, tr("recovery check: %1").arg(diagnosis->summary()));
    emit recoveryDiagnosed(diagnosis.value());
}

void DeviceWorker::connectTo(const QString &uriText, int timeoutMs)
{
    forgetCancel();
    m_session.reset();
    auto uri = LinkUri::parse(uriText.trimmed());
    if (!uri) {
        emit connectionFailed(uri.error().message);
        return;
    }
    emit busyChanged(true);
    emit logMessage(LogLevel::Info, tr("connecting to %1").arg(uri->toString()));
    auto session = std::make_unique<Session>(uri.value());
    // A job that the board refuses for want of a role waits for the window's credential prompt.
    session->setCredentialSource([this](const Error &refusal) { return waitForCredential(refusal); });
    // The credential for boards with an access policy (docs/security.md), shared with piton-cli:
    // the setting, else $PITON_CREDENTIAL. A board that does not take it is used without a session.
    QString credential = QSettings().value(QStringLiteral("access/credential")).toString();
    if (credential.isEmpty())
        credential = qEnvironmentVariable("PITON_CREDENTIAL");
    if (!credential.isEmpty()) {
        auto loaded = loadCredentialFile(credential);
        if (!loaded) {
            emit busyChanged(false);
            emit connectionFailed(loaded.error().message);
            return;
        }
        session->setCredential(*loaded);
        session->setCredentialOptional(true);
    }
    if (auto ok = session->open(timeoutMs); !ok) {
        emit busyChanged(false);
        emit connectionFailed(ok.error().message);
        return;
    }
    if (!session->credentialNote().isEmpty())
        emit logMessage(LogLevel::Warning, tr("the board does not take the credential %1: %2").arg(credential, session->credentialNote()));
    if (session->identityPinnedNow())
        emit logMessage(LogLevel::Info, tr("pinned the board's identity key %1").arg(fingerprintHex(session->boardIdentity())));
    m_session = std::move(session);
    m_snapshot = DeviceSnapshot();
    m_deploymentErased.reset();
    DeviceSnapshot snapshot;
    QString error;
    if (!readSnapshot(&snapshot, &error, SnapshotRead::Connect)) {
        m_session.reset();
        emit busyChanged(false);
        emit connectionFailed(error);
        return;
    }
    emit busyChanged(false);
    m_liveness->start();
    emit connected(snapshot);
    diagnoseFromSnapshot(true);
}

void DeviceWorker::disconnectDevice()
{
    m_liveness->stop();
    m_session.reset();
    emit disconnected(QString());
}

void DeviceWorker::shutdown()
{
    m_liveness->stop();
    m_session.reset();
}

void DeviceWorker::ping()
{
    if (!requireSession(QStringLiteral("ping")))
        return;
    emit busyChanged(true);
    QElapsedTimer t;
    t.start();
    auto ping = m_session->device().ping();
    emit busyChanged(false);
    if (!ping)
        emit failed(QStringLiteral("ping"), ping.error().message);
    else
        emit pinged(ping.value(), t.elapsed());
}

void DeviceWorker::refresh()
{
    if (!requireSession(QStringLiteral("refresh")))
        return;
    emit busyChanged(true);
    DeviceSnapshot snapshot;
    QString error;
    const bool ok = readSnapshot(&snapshot, &error, SnapshotRead::Full);
    emit busyChanged(false);
    if (!ok) {
        emit failed(QStringLiteral("refresh"), error);
        return;
    }
    emit snapshotChanged(snapshot);
    diagnoseFromSnapshot(true); // the user asked for the board as it is now
}

bool DeviceWorker::refreshAfterJob(QString *error, JobEffects effects)
{
    if (!m_session || !m_session->isOpen()) {
        *error = tr("the link is closed");
        return false;
    }
    DeviceSnapshot snapshot;
    if (!readSnapshot(&snapshot, error, effects.config ? SnapshotRead::AfterJob : SnapshotRead::AfterJobKeepConfig)) {
        emit logMessage(LogLevel::Warning, tr("cannot read the device state: %1").arg(*error));
        return false;
    }
    emit snapshotChanged(snapshot);
    return true;
}

bool DeviceWorker::runJob(Job &job, JobEffects effects)
{
    const FrameCounts atStart = m_session->frameCounts();
    connect(&job, &Job::progressChanged, this, &DeviceWorker::jobProgress);
    connect(&job, &Job::logMessage, this, &DeviceWorker::logMessage);
    {
        QMutexLocker lock(&m_jobMutex);
        m_job = &job;
        if (m_cancelRequested)
            job.cancel();
    }
    emit busyChanged(true);
    emit jobStarted(job.title());
    const Result<void> result = job.run();
    {
        QMutexLocker lock(&m_jobMutex);
        m_job = nullptr;
        m_cancelRequested = false;
    }
    // The window stays connected: let other clients have the board until the next job. Not
    // after a lost link (nothing to tell, and the staging transfer stays ours to resume).
    if (m_session && (result.ok() || (result.error().kind != ErrorKind::Link && result.error().kind != ErrorKind::Timeout)))
        m_session->release();
    const FrameCounts jobFrames = m_session ? m_session->frameCounts() - atStart : FrameCounts();
    QString refreshError;
    const bool deviceAnswers = refreshAfterJob(&refreshError, effects);
    emit busyChanged(false);
    if (!result.ok() && (result.error().kind == ErrorKind::Link || result.error().kind == ErrorKind::Timeout))
        emit jobInterrupted(job.title(), result.error().message, deviceAnswers);
    emit jobFinished(job.title(), result.ok(), result.ok() ? QString() : result.error().message);
    if (deviceAnswers) {
        // The recovery diagnosis from the state just read: UPDATE_STATUS, and the deployment
        // HASH (bootloader stage) only when the job may have written the deployment region.
        diagnoseFromSnapshot(effects.images);
        const FrameCounts after = m_session->frameCounts() - atStart - jobFrames;
        emit logMessage(LogLevel::Info, tr("frames: %1 sent, %2 received; reading the new state: %3 sent, %4 received")
                                            .arg(jobFrames.sent).arg(jobFrames.received).arg(after.sent).arg(after.received));
    }
    if (!deviceAnswers) {
        // The device is gone (link lost, or it did not come back after a reset): say so
        // rather than show a stale state.
        m_session.reset();
        emit disconnected(refreshError);
    }
    return result.ok();
}


void DeviceWorker::inspectPackage(const QString &path, const QStringList &publicKeyPaths)
{
    forgetCancel();
    m_inspected.reset();
    PackageSummary summary;
    summary.path = path;
    auto package = Package::load(path);
    if (!package) {
        summary.problem = package.error().message;
        emit packageInspected(summary);
        return;
    }
    summary.loaded = true;
    summary.fileSize = quint32(package->fileBytes.size());
    summary.sha256 = package->sha256();
    summary.manifest = package->manifest;
    auto keys = loadPublicKeys(publicKeyPaths);
    if (!keys) {
        summary.problem = keys.error().message;
        emit packageInspected(summary);
        return;
    }
    if (!m_session || !m_session->isOpen()) {
        summary.problem = tr("not connected to a device");
        emit packageInspected(summary);
        return;
    }
    auto info = m_session->device().info();
    if (!info) {
        summary.problem = info.error().message;
        emit packageInspected(summary);
        return;
    }
    auto regions = m_session->regions();
    const CompatibilityVerdict verdict = judgeCompatibility(package.value(), info.value(),
                                                            regions ? regions.value() : QList<Region>(), keys.value());
    summary.compatible = verdict.fits;
    summary.problem = verdict.refusal.message;
    summary.signer = verdict.signerFingerprint;
    summary.regionsWritten = verdict.regionsWritten;
    summary.warnings = verdict.warnings;
    m_inspected = std::move(package.value());
    m_inspectedPath = path;
    emit packageInspected(summary);
}

Result<Package> DeviceWorker::takePackage(const QString &path)
{
    if (m_inspected && m_inspectedPath == path) {
        Package p = std::move(*m_inspected);
        m_inspected.reset();
        return p;
    }
    return Package::load(path);
}

void DeviceWorker::deploy(const QString &path, const QStringList &publicKeyPaths)
{
    if (!requireSession(QStringLiteral("deploy")))
        return;
    auto package = takePackage(path);
    if (!package) {
        emit failed(QStringLiteral("deploy"), package.error().message);
        return;
    }
    auto keys = loadPublicKeys(publicKeyPaths);
    if (!keys) {
        emit failed(QStringLiteral("deploy"), keys.error().message);
        return;
    }
    DeployJob job(*m_session, package.value(), path.section(QLatin1Char('/'), -1));
    job.setPublicKeys(keys.value());
    runJob(job, {false, true});
}

void DeviceWorker::eraseRegion(const QString &name)
{
    if (!requireSession(QStringLiteral("erase")))
        return;
    EraseRegionJob job(*m_session, name);
    runJob(job, {name != QLatin1String(PT_REGION_NAME_DEPLOYMENT), true});
}

void DeviceWorker::diagnoseRecovery()
{
    if (!m_session || !m_session->isOpen()) {
        emit recoveryDiagnosisFailed(tr("not connected to a device"));
        return;
    }
    RecoverJob job(*m_session);
    auto diagnosis = job.diagnose();
    if (!diagnosis) {
        emit recoveryDiagnosisFailed(diagnosis.error().message);
        return;
    }
    emit logMessage(LogLevel::Info, tr("recovery check: %1").arg(diagnosis->summary()));
    emit recoveryDiagnosed(diagnosis.value());
}

void DeviceWorker::recover(const QString &packagePath, const QString &configBackupPath, const QList<RecoveryAction> &confirmedPlan)
{
    forgetCancel();
    if (!requireSession(QStringLiteral("recover")))
        return;
    RecoverJob job(*m_session);
    if (!packagePath.isEmpty()) {
        auto package = takePackage(packagePath);
        if (!package) {
            emit failed(QStringLiteral("recover"), package.error().message);
            return;
        }
        job.setPackage(package.value(), QFileInfo(packagePath).fileName());
    }
    if (!configBackupPath.isEmpty())
        job.setConfigBackup(configBackupPath);
    job.setConfirmedPlan(confirmedPlan); // the plan confirmed is the plan run, or none
    runJob(job, {true, true}); // the diagnosis after it reads the board afresh
}

void DeviceWorker::backupConfig(const QString &path)
{
    if (!requireSession(QStringLiteral("config backup")))
        return;
    ConfigBackupJob job(*m_session, path);
    runJob(job, {false, false});
}

void DeviceWorker::restoreConfig(const QString &path)
{
    if (!requireSession(QStringLiteral("config restore")))
        return;
    ConfigRestoreJob job(*m_session, path);
    runJob(job, {true, false});
}

void DeviceWorker::setConfig(const QList<QPair<QString, QByteArray>> &entries)
{
    if (!requireSession(QStringLiteral("config set")))
        return;
    ConfigSetJob job(*m_session, entries);
    runJob(job, {true, false});
}

void DeviceWorker::keyUpdate(const QString &path)
{
    if (!requireSession(QStringLiteral("key update")))
        return;
    auto update = KeyUpdate::load(path);
    if (!update) {
        emit failed(QStringLiteral("key update"), update.error().message);
        return;
    }
    KeyUpdateJob job(*m_session, *update, QFileInfo(path).fileName());
    runJob(job, {false, false});
}

void DeviceWorker::reboot(int mode)
{
    if (!requireSession(QStringLiteral("reboot")))
        return;
    RebootJob job(*m_session, mode);
    runJob(job, {true, true}); // a reset may install what is staged
}

} // namespace piton::gui
