#include "jobs/recover_job.h"

#include "config/config_blob.h"
#include "jobs/config_jobs.h"
#include "jobs/deploy_job.h"
#include "jobs/device_jobs.h"
#include "version.h"

#include "piton/protocol.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace piton {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("piton", text); // the context lupdate gives tr() in namespace piton
}

QString versionOrNone(const std::optional<quint32> &v)
{
    return v ? versionToString(*v) : tr("none");
}

bool applicationMissing(const DeviceInfo &info)
{
    if (info.imageState && *info.imageState == PT_IMAGE_NONE)
        return true;
    return info.stage == PT_STAGE_BOOTLOADER && !info.applicationVersion;
}

bool applicationReverted(const DeviceInfo &info)
{
    if (info.imageState)
        return *info.imageState == PT_IMAGE_REVERTED;
    return info.lastInstall == PT_INSTALL_REVERTED;
}

} // namespace

// ---- diagnosis ----------------------------------------------------------------------------

bool RecoveryDiagnosis::needs(RecoveryNeed need) const
{
    for (const RecoveryFinding &f : findings)
        if (f.needs == need)
            return true;
    return false;
}

bool RecoveryDiagnosis::has(RecoveryState state) const
{
    for (const RecoveryFinding &f : findings)
        if (f.state == state)
            return true;
    return false;
}

QList<RecoveryAction> RecoveryDiagnosis::plan(bool havePackage, bool haveConfigBackup) const
{
    Q_UNUSED(haveConfigBackup); // a missing backup is refused by run(), the step stays in the plan
    QList<RecoveryAction> actions;
    if (has(RecoveryState::ConfigCorrupt))
        actions << RecoveryAction::RestoreConfig;
    if (has(RecoveryState::StagingCorrupt))
        actions << RecoveryAction::EraseStaging;
    // The device refuses a COMMIT while an image runs on trial (docs/protocol.md §4.8), so a
    // corrupt staging region is only erased then, not re-sent.
    const bool onTrial = info.imageState && *info.imageState == PT_IMAGE_TRIAL;
    const bool deploy = has(RecoveryState::ApplicationMissing) || has(RecoveryState::ApplicationReverted)
                        || (has(RecoveryState::StagingCorrupt) && havePackage && !onTrial);
    if (deploy)
        actions << RecoveryAction::DeployPackage;
    else if (has(RecoveryState::HeldInBootloader))
        actions << RecoveryAction::StartApplication;
    return actions;
}

QString RecoveryDiagnosis::summary() const
{
    if (findings.isEmpty())
        return QCoreApplication::translate("piton", "nothing to recover");
    QStringList states;
    for (const RecoveryFinding &f : findings)
        states << recoveryStateId(f.state).replace(QLatin1Char('-'), QLatin1Char(' '));
    return states.join(QStringLiteral(", "));
}

QString recoveryStateId(RecoveryState state)
{
    switch (state) {
    case RecoveryState::ConfigCorrupt: return QStringLiteral("config-corrupt");
    case RecoveryState::StagingCorrupt: return QStringLiteral("staging-corrupt");
    case RecoveryState::ApplicationMissing: return QStringLiteral("application-missing");
    case RecoveryState::ApplicationReverted: return QStringLiteral("application-reverted");
    case RecoveryState::HeldInBootloader: return QStringLiteral("held-in-bootloader");
    }
    return QString();
}

QString recoveryActionId(RecoveryAction action)
{
    switch (action) {
    case RecoveryAction::RestoreConfig: return QStringLiteral("restore-config");
    case RecoveryAction::EraseStaging: return QStringLiteral("erase-staging");
    case RecoveryAction::DeployPackage: return QStringLiteral("deploy-package");
    case RecoveryAction::StartApplication: return QStringLiteral("start-application");
    }
    return QString();
}

QString recoveryNeedId(RecoveryNeed need)
{
    switch (need) {
    case RecoveryNeed::Nothing: return QStringLiteral("nothing");
    case RecoveryNeed::Package: return QStringLiteral("package");
    case RecoveryNeed::ConfigBackup: return QStringLiteral("config-backup");
    }
    return QString();
}

RecoveryDiagnosis diagnoseRecovery(const DeviceInfo &info, const StagingStatus &staging, const RecoveryProbe &probe)
{
    const std::optional<bool> &configReadable = probe.configReadable;
    RecoveryDiagnosis d;
    d.info = info;
    d.staging = staging;

    // Config first: the application reads it when it starts, so it is restored before a deploy
    // resets the board into a new application.
    const bool configCorrupt = info.configState ? *info.configState == PT_CONFIG_CORRUPT
                                                : (configReadable && !*configReadable);
    if (configCorrupt)
        d.findings << RecoveryFinding{RecoveryState::ConfigCorrupt,
                                      tr("the config region holds no intact config record (config corrupt)"),
                                      RecoveryAction::RestoreConfig,
                                      tr("restore the config from the backup file, then read it back and compare"),
                                      RecoveryNeed::ConfigBackup};
    else if (info.configState && *info.configState == PT_CONFIG_EMPTY)
        d.notes << tr("the config is empty: factory defaults apply");

    const int stagingState = staging.state == PT_STAGING_CORRUPT || (info.stagingState && *info.stagingState == PT_STAGING_CORRUPT)
                                 ? int(PT_STAGING_CORRUPT) : staging.state;
    if (stagingState == PT_STAGING_CORRUPT)
        d.findings << RecoveryFinding{RecoveryState::StagingCorrupt,
                                      tr("the staging region's header is unreadable or inconsistent (staging corrupt)"),
                                      RecoveryAction::EraseStaging,
                                      tr("erase staging (UPDATE_ABORT), then re-send the package if one is given"),
                                      RecoveryNeed::Nothing};
    else if (stagingState == PT_STAGING_PARTIAL || stagingState == PT_STAGING_COMPLETE)
        d.notes << tr("staging holds %1 of %2 bytes of a package that was not committed; deploying the same package resumes it")
                       .arg(staging.staged).arg(staging.packageSize);
    else if (stagingState == PT_STAGING_PENDING)
        d.notes << tr("a verified package is pending: the bootloader installs it at the next reset");

    const bool erased = info.stage == PT_STAGE_BOOTLOADER && probe.deploymentErased.value_or(false);
    // Reverted before missing: a board whose first image reverted is in recovery mode too, but
    // redeploying the same package would only revert again, so the cause must be named.
    if (applicationReverted(info)) {
        QString why;
        const int reason = info.revertReason.value_or(PT_REVERT_NONE);
        if (reason == PT_REVERT_NOT_CONFIRMED)
            why = info.trialLimit ? tr("did not confirm itself within %1 boots").arg(*info.trialLimit) : tr("did not confirm itself");
        else if (reason == PT_REVERT_IMAGE_INVALID)
            why = tr("was invalid at boot");
        else
            why = tr("was not kept");
        const bool previousRuns = info.stage == PT_STAGE_APPLICATION && info.applicationVersion;
        d.findings << RecoveryFinding{RecoveryState::ApplicationReverted,
                                      previousRuns
                                          ? tr("the new image %1, so the bootloader reverted to the previous one: application %2, firmware %3 (reverted)")
                                                .arg(why, versionOrNone(info.applicationVersion), versionOrNone(info.firmwareVersion))
                                          : tr("the new image %1, so the bootloader reverted it; there was no previous application, "
                                               "the board is in recovery mode (reverted)").arg(why),
                                      RecoveryAction::DeployPackage,
                                      tr("deploy a package whose application confirms itself (the package that was reverted "
                                         "would revert again), then wait for it to confirm and verify it"),
                                      RecoveryNeed::Package};
    } else if (applicationMissing(info) || erased) {
        d.findings << RecoveryFinding{RecoveryState::ApplicationMissing,
                                      erased ? tr("the deployment region is erased, the board is in recovery mode")
                                             : tr("the bootloader found no valid application, the board is in recovery mode"),
                                      RecoveryAction::DeployPackage,
                                      tr("deploy the package, then verify the installed payloads"),
                                      RecoveryNeed::Package};
    } else if (info.stage == PT_STAGE_BOOTLOADER) {
        d.findings << RecoveryFinding{RecoveryState::HeldInBootloader,
                                      tr("the bootloader answers although application %1 is installed").arg(versionOrNone(info.applicationVersion)),
                                      RecoveryAction::StartApplication,
                                      tr("reboot the board so that the bootloader starts the application"),
                                      RecoveryNeed::Nothing};
    }

    if (stagingState == PT_STAGING_CORRUPT && info.imageState && *info.imageState == PT_IMAGE_TRIAL)
        d.notes << tr("the image runs on trial: the device takes no new package until it is confirmed or reverted, "
                      "so staging is erased but no package is re-sent");
    if (info.imageState && *info.imageState == PT_IMAGE_TRIAL)
        d.notes << tr("the application runs in trial (boot %1 of at most %2): it confirms itself once it is up, or confirm it by hand")
                       .arg(info.bootCount ? QString::number(*info.bootCount) : tr("?"),
                            info.trialLimit ? QString::number(*info.trialLimit) : tr("?"));
    if (info.lastInstall == PT_INSTALL_REJECTED || info.lastInstall == PT_INSTALL_FAILED)
        d.notes << tr("the last install was %1; the board kept its previous image").arg(installResultName(info.lastInstall));
    return d;
}

// ---- job ----------------------------------------------------------------------------------

RecoverJob::RecoverJob(Session &session, QObject *parent) : Job(parent), m_session(session) {}

QString RecoverJob::title() const
{
    return m_dryRun ? tr("Recover (diagnosis only)") : tr("Recover");
}

void RecoverJob::setPackage(Package package, QString packageName)
{
    m_package = std::move(package);
    m_packageName = std::move(packageName);
}

void RecoverJob::setConfigBackup(QString path)
{
    m_configBackup = std::move(path);
}

Result<RecoveryDiagnosis> RecoverJob::diagnose()
{
    DeviceClient &device = m_session.device();
    auto ping = device.ping();
    if (!ping)
        return ping.error();
    auto info = device.info();
    if (!info)
        return info.error();
    if (info->stage == 0)
        info->stage = ping->stage;
    StagingStatus staging;
    auto status = device.updateStatus();
    if (status)
        staging = status.value();
    else if (status.error().kind == ErrorKind::Device) // not served at this stage: INFO tells
        staging.state = info->stagingState.value_or(PT_STAGING_EMPTY);
    else
        return status.error();
    std::optional<bool> configReadable;
    if (!info->configState) {
        auto config = readDeviceConfig(device);
        if (!config && config.error().kind != ErrorKind::Protocol && config.error().kind != ErrorKind::Device)
            return config.error();
        configReadable = config.ok();
    }
    RecoveryProbe probe;
    probe.configReadable = configReadable;
    if (info->stage == PT_STAGE_BOOTLOADER && !applicationMissing(info.value())) {
        // The bootloader answers although INFO names an application: is it still there?
        auto regions = m_session.regions();
        if (!regions)
            return regions.error();
        for (const Region &r : regions.value()) {
            if (r.name != QLatin1String(PT_REGION_NAME_DEPLOYMENT))
                continue;
            auto hash = device.hash(r.id);
            if (!hash && hash.error().kind == ErrorKind::Device) {
                log(LogLevel::Warning, tr("cannot check whether the deployment region is erased: %1").arg(hash.error().message));
                break; // the device refuses HASH here: judge by INFO alone
            }
            if (!hash)
                return hash.error();
            QCryptographicHash blank(QCryptographicHash::Sha256);
            const QByteArray ff(64 * 1024, char(0xFF));
            for (quint32 done = 0; done < r.size; done += quint32(ff.size()))
                blank.addData(QByteArrayView(ff.constData(), qsizetype(std::min<quint32>(quint32(ff.size()), r.size - done))));
            probe.deploymentErased = hash.value() == blank.result();
        }
    }
    m_diagnosis = diagnoseRecovery(info.value(), staging, probe);
    return m_diagnosis;
}

QStringList RecoverJob::missingInputs(const RecoveryDiagnosis &diagnosis) const
{
    QStringList missing;
    for (const RecoveryFinding &f : diagnosis.findings) {
        if (f.needs == RecoveryNeed::Package && !m_package)
            missing << tr("%1 (%2): a package to deploy is needed (--package FILE)")
                           .arg(recoveryStateId(f.state).replace(QLatin1Char('-'), QLatin1Char(' ')), f.explanation);
        if (f.needs == RecoveryNeed::ConfigBackup && m_configBackup.isEmpty())
            missing << tr("%1 (%2): a config backup to restore is needed (--config-backup FILE)")
                           .arg(recoveryStateId(f.state).replace(QLatin1Char('-'), QLatin1Char(' ')), f.explanation);
    }
    return missing;
}

Result<void> RecoverJob::checkInputs(const RecoveryDiagnosis &diagnosis)
{
    if (m_plan.contains(RecoveryAction::RestoreConfig) && !m_configBackup.isEmpty()) {
        auto config = ConfigBlob::load(m_configBackup);
        if (!config)
            return Error::make(config.error().kind, tr("config backup %1 refused, nothing was changed: %2")
                                                        .arg(m_configBackup, config.error().message));
    }
    if ((m_plan.contains(RecoveryAction::DeployPackage) || m_plan.contains(RecoveryAction::StartApplication)) && m_package) {
        auto regions = m_session.regions();
        if (!regions)
            return regions.error();
        QList<BoardRegion> deviceRegions;
        for (const Region &r : regions.value())
            deviceRegions.append(BoardRegion{r.name, r.address, r.size, {}});
        const DeviceInfo &info = diagnosis.info;
        auto ok = checkCompatibility(*m_package, info.boardId, info.firmwareVersion, info.trustedKeys,
                                     info.securityCounter, m_publicKeys, deviceRegions);
        if (!ok)
            return Error::make(ok.error().kind, tr("package %1 refused, nothing was changed: %2")
                                                    .arg(m_packageName, ok.error().message), ok.error().deviceStatus);
    }
    return {};
}

Result<void> RecoverJob::runSubJob(Job &job)
{
    connect(&job, &Job::logMessage, this, &Job::logMessage);
    connect(&job, &Job::progressChanged, this, [this, &job](const JobProgress &p) {
        if (isCancelled())
            job.cancel();
        emit progressChanged(p);
    });
    if (isCancelled())
        job.cancel();
    return job.run();
}

Result<void> RecoverJob::apply(RecoveryAction action)
{
    switch (action) {
    case RecoveryAction::RestoreConfig: {
        ConfigRestoreJob job(m_session, m_configBackup);
        return runSubJob(job);
    }
    case RecoveryAction::EraseStaging: {
        beginPhase(tr("erasing staging"), 0);
        if (auto ok = m_session.device().updateAbort(); !ok)
            return ok.error();
        auto status = m_session.device().updateStatus();
        if (!status)
            return status.error();
        if (status->state != PT_STAGING_EMPTY)
            return Error::make(ErrorKind::Device, tr("staging is %1 after UPDATE_ABORT, expected empty")
                                                      .arg(stagingStateName(status->state)));
        return {};
    }
    case RecoveryAction::DeployPackage: {
        DeployJob job(m_session, *m_package, m_packageName);
        job.setPublicKeys(m_publicKeys);
        job.setReconnectTimeout(m_reconnectTimeoutMs);
        return runSubJob(job);
    }
    case RecoveryAction::StartApplication: {
        RebootJob job(m_session, PT_REBOOT_NORMAL);
        job.setReconnectTimeout(m_reconnectTimeoutMs);
        if (auto ok = runSubJob(job); !ok)
            return ok;
        if (job.stageAfter() == PT_STAGE_APPLICATION)
            return {};
        // The bootloader stays: the application it names is not valid (damaged, or its
        // firmware is missing). That is the application-missing state after all.
        if (!m_package)
            return Error::make(ErrorKind::Device, tr("the bootloader stays in recovery mode after a reboot: the installed "
                                                     "application is not valid; a package to deploy is needed (--package FILE)"));
        log(LogLevel::Warning, tr("the bootloader stays in recovery mode: the application is not valid; deploying %1").arg(m_packageName));
        DeployJob deployJob(m_session, *m_package, m_packageName);
        deployJob.setPublicKeys(m_publicKeys);
        deployJob.setReconnectTimeout(m_reconnectTimeoutMs);
        return runSubJob(deployJob);
    }
    }
    return Error::make(ErrorKind::Usage, tr("unknown recovery action"));
}

static QString stepDoneMessage(RecoveryAction action, const QString &packageName, const QString &backup)
{
    switch (action) {
    case RecoveryAction::RestoreConfig: return tr("config restored from %1 and read back").arg(backup);
    case RecoveryAction::EraseStaging: return tr("staging erased");
    case RecoveryAction::DeployPackage: return tr("%1 deployed and verified").arg(packageName);
    case RecoveryAction::StartApplication: return tr("rebooted; the application answers");
    }
    return QString();
}

Result<void> RecoverJob::execute()
{
    m_steps.clear();
    m_after.reset();
    beginPhase(tr("diagnosing"), 0);
    auto diagnosis = diagnose();
    if (!diagnosis)
        return diagnosis.error();
    for (const RecoveryFinding &f : diagnosis->findings)
        log(LogLevel::Info, tr("found %1: %2").arg(recoveryStateId(f.state), f.explanation));
    for (const QString &note : diagnosis->notes)
        log(LogLevel::Info, tr("note: %1").arg(note));
    m_plan = diagnosis->plan(m_package.has_value(), !m_configBackup.isEmpty());
    if (diagnosis->healthy()) {
        log(LogLevel::Info, tr("nothing to recover"));
        return {};
    }
    // Everything that can be checked is checked before the first change.
    if (!m_dryRun) {
        const QStringList missing = missingInputs(diagnosis.value());
        if (!missing.isEmpty())
            return Error::make(ErrorKind::Usage, tr("cannot recover, nothing was changed: %1").arg(missing.join(QStringLiteral("; "))));
    }
    if (auto ok = checkInputs(diagnosis.value()); !ok)
        return ok.error();
    if (m_dryRun)
        return {};
    if (auto ok = claimBoard(m_session); !ok)
        return Error::make(ok.error().kind, tr("cannot recover, nothing was changed: %1").arg(ok.error().message),
                           ok.error().deviceStatus);

    QStringList changed; // what already changed the board, for a failure's message
    for (RecoveryAction action : std::as_const(m_plan)) {
        if (auto ok = checkCancelled(); !ok)
            return changed.isEmpty() ? ok.error()
                                     : Error::make(ok.error().kind, tr("%1 (already done: %2)").arg(ok.error().message, changed.join(QStringLiteral(", "))));
        log(LogLevel::Info, tr("recovering: %1").arg(recoveryActionId(action)));
        auto ok = apply(action);
        m_steps << RecoveryStepResult{action, ok.ok(), ok ? stepDoneMessage(action, m_packageName, m_configBackup)
                                                          : ok.error().message};
        if (!ok)
            return Error::make(ok.error().kind,
                               changed.isEmpty() ? tr("%1 failed: %2").arg(recoveryActionId(action), ok.error().message)
                                                 : tr("%1 failed after %2 had been done: %3")
                                                       .arg(recoveryActionId(action), changed.join(QStringLiteral(", ")), ok.error().message),
                               ok.error().deviceStatus);
        changed << recoveryActionId(action);
    }

    beginPhase(tr("checking"), 0);
    const RecoveryDiagnosis before = m_diagnosis;
    auto after = diagnose();
    m_diagnosis = before; // diagnosis() stays the one acted on
    if (!after)
        return after.error();
    m_after = after.value();
    if (!m_after->healthy()) {
        QStringList done;
        for (RecoveryAction a : std::as_const(m_plan))
            done << recoveryActionId(a);
        return Error::make(ErrorKind::Device, tr("the board still needs recovering after %1: %2")
                                                  .arg(done.join(QStringLiteral(", ")), m_after->summary()));
    }
    log(LogLevel::Info, tr("recovered: %1").arg(before.summary()));
    return {};
}

} // namespace piton
