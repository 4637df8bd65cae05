#include "jobs/recover_job.h"

#include "config/config_blob.h"
#include "jobs/config_jobs.h"
#include "jobs/deploy_job.h"
#include "jobs/device_jobs.h"
#include "jobs/rom_jobs.h"
#include "board/board_profile.h"
#include "package/key_update.h"
#include "version.h"

#include "piton/protocol.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryFile>

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

std::optional<RecoveryAction> recoveryActionFromId(const QString &id)
{
    for (RecoveryAction a : {RecoveryAction::RestoreConfig, RecoveryAction::EraseStaging, RecoveryAction::DeployPackage,
                             RecoveryAction::StartApplication})
        if (recoveryActionId(a) == id)
            return a;
    return std::nullopt;
}

std::optional<Error> recoveryPlanChanged(const QList<RecoveryAction> &shown, const QList<RecoveryAction> &found)
{
    if (shown == found)
        return std::nullopt;
    const auto ids = [](const QList<RecoveryAction> &plan) {
        QStringList l;
        for (RecoveryAction a : plan)
            l << recoveryActionId(a);
        return l.isEmpty() ? tr("nothing") : l.join(QStringLiteral(", "));
    };
    return Error::make(ErrorKind::Device, tr("the board's state changed since the plan was shown: shown %1, found now %2; "
                                             "nothing was changed; check the board again to see the new plan")
                                              .arg(ids(shown), ids(found)));
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
    KnownState known;
    known.info = info.value();
    known.pingStage = ping->stage;
    return diagnose(known);
}

Result<RecoveryDiagnosis> RecoverJob::diagnose(const KnownState &known)
{
    DeviceClient &device = m_session.device();
    DeviceInfo info = known.info;
    if (info.stage == 0)
        info.stage = known.pingStage;
    m_deploymentErased.reset();
    StagingStatus staging;
    auto status = device.updateStatus();
    if (status)
        staging = status.value();
    else if (status.error().kind == ErrorKind::Device) // not served at this stage: INFO tells
        staging.state = info.stagingState.value_or(PT_STAGING_EMPTY);
    else
        return status.error();
    std::optional<bool> configReadable;
    if (!info.configState) {
        configReadable = known.configReadable;
        if (!configReadable) {
            auto config = readDeviceConfig(device);
            if (!config && config.error().kind != ErrorKind::Protocol && config.error().kind != ErrorKind::Device)
                return config.error();
            configReadable = config.ok();
        }
    }
    RecoveryProbe probe;
    probe.configReadable = configReadable;
    if (info.stage == PT_STAGE_BOOTLOADER && !applicationMissing(info)) {
        // The bootloader answers although INFO names an application: is it still there?
        if (known.deploymentErased) {
            probe.deploymentErased = known.deploymentErased;
        } else {
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
        m_deploymentErased = probe.deploymentErased;
    }
    m_diagnosis = diagnoseRecovery(info, staging, probe);
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
        const CompatibilityVerdict verdict = judgeCompatibility(*m_package, diagnosis.info, regions.value(), m_publicKeys);
        if (!verdict.fits)
            return Error::make(verdict.refusal.kind, tr("package %1 refused, nothing was changed: %2")
                                                         .arg(m_packageName, verdict.refusal.message), verdict.refusal.deviceStatus);
    }
    return {};
}

Result<void> RecoverJob::apply(RecoveryAction action)
{
    switch (action) {
    case RecoveryAction::RestoreConfig: {
        ConfigRestoreJob job(m_session, m_configBackup);
        return runNested(job);
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
        return runNested(job);
    }
    case RecoveryAction::StartApplication: {
        RebootJob job(m_session, PT_REBOOT_NORMAL);
        job.setReconnectTimeout(m_reconnectTimeoutMs);
        if (auto ok = runNested(job); !ok)
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
        return runNested(deployJob);
    }
    }
    return Error::make(ErrorKind::Usage, tr("unknown recovery action"));
}

Error RecoverJob::accessRefusal(const Error &e) const
{
    if (e.deviceStatus != PT_E_AUTH_REQUIRED)
        return e;
    const int stage = m_diagnosis.info.stage ? m_diagnosis.info.stage : m_session.ping().stage;
    QString link;
    switch (m_session.uri().kind) {
    case LinkUri::Kind::Tcp: link = QStringLiteral("TCP"); break;
    case LinkUri::Kind::Usb: link = QStringLiteral("USB"); break;
    default: link = tr("serial"); break;
    }
    const QString where = stage == PT_STAGE_BOOTLOADER ? tr("recovery through the bootloader") : tr("recovery through the application's agent");
    const QString board = m_diagnosis.info.locked ? tr("a locked board") : tr("a development board");
    const QString role = m_session.role() != PT_ROLE_NONE ? tr(" (this session is %1)").arg(roleName(m_session.role())) : QString();
    return Error::make(ErrorKind::Device,
                       tr("%1 needs a technician session on %2 over %3%4: give a technician's credential (piton-cli "
                          "--credential FILE, $PITON_CREDENTIAL or the setting access/credential); nothing was changed (the board says: %5)")
                           .arg(where, board, link, role, e.message),
                       e.deviceStatus);
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
    if (m_confirmedPlan && !m_dryRun)
        if (auto changed = recoveryPlanChanged(*m_confirmedPlan, m_plan))
            return *changed;
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
    if (auto ok = claimBoard(m_session); !ok) {
        if (ok.error().deviceStatus == PT_E_AUTH_REQUIRED)
            return accessRefusal(ok.error());
        return Error::make(ok.error().kind, tr("cannot recover, nothing was changed: %1").arg(ok.error().message),
                           ok.error().deviceStatus);
    }

    QStringList changed; // what already changed the board, for a failure's message
    for (RecoveryAction action : std::as_const(m_plan)) {
        if (auto ok = checkCancelled(); !ok)
            return changed.isEmpty() ? ok.error()
                                     : Error::make(ok.error().kind, tr("%1 (already done: %2)").arg(ok.error().message, changed.join(QStringLiteral(", "))));
        log(LogLevel::Info, tr("recovering: %1").arg(recoveryActionId(action)));
        auto ok = apply(action);
        m_steps << RecoveryStepResult{action, ok.ok(), ok ? stepDoneMessage(action, m_packageName, m_configBackup)
                                                          : ok.error().message};
        if (!ok && changed.isEmpty() && ok.error().deviceStatus == PT_E_AUTH_REQUIRED)
            return accessRefusal(ok.error()); // a board without SESSION refuses the first change itself
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

// ---- the recovery ladder ------------------------------------------------------------------

namespace {
QString hex32(quint64 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

QString sectorList(const QList<int> &sectors)
{
    QStringList names;
    for (int s : sectors)
        names << QString::number(s);
    return names.join(QLatin1Char(','));
}
} // namespace

QString recoveryRungId(RecoveryRung rung)
{
    switch (rung) {
    case RecoveryRung::None: return QStringLiteral("none");
    case RecoveryRung::Application: return QStringLiteral("application");
    case RecoveryRung::Bootloader: return QStringLiteral("bootloader");
    case RecoveryRung::Rom: return QStringLiteral("rom");
    }
    return QString();
}

QStringList RomBringUpPlan::steps() const
{
    QStringList keys, accessKeyFingerprints;
    for (const QByteArray &der : provisioning.trustedKeys)
        keys << fingerprintHex(sha256(der)).left(16);
    for (const QByteArray &der : accessKeys)
        accessKeyFingerprints << fingerprintHex(sha256(der)).left(16);
    return {QCoreApplication::translate("piton", "erase flash sector(s) %1 through the ROM").arg(sectorList(sectors)),
            QCoreApplication::translate("piton", "program Piton's bootloader: %1 bytes at %2").arg(bootloaderBytes).arg(hex32(bootloaderAddress)),
            QCoreApplication::translate("piton", "provision board %1 at %2: %3 trusted key(s) (%4), %5, unique id %6")
                .arg(provisioning.boardId, hex32(provisioningAddress))
                .arg(provisioning.trustedKeys.size())
                .arg(keys.join(QStringLiteral(", ")),
                     provisioning.locked ? QCoreApplication::translate("piton", "locked (production)") : QCoreApplication::translate("piton", "unlocked (development)"),
                     uniqueIdKept ? QCoreApplication::translate("piton", "kept (%1)").arg(QString::fromLatin1(provisioning.uniqueId.toHex()))
                                  : QCoreApplication::translate("piton", "new (%1)").arg(QString::fromLatin1(provisioning.uniqueId.toHex()))),
            keptKeyArea.isEmpty()
                ? QCoreApplication::translate("piton", "no key blocks to keep (the previous provisioning block is not intact, or its sector could not be read whole)")
                : QCoreApplication::translate("piton", "keep the board's key blocks (root, access and product keys): %1 bytes after the provisioning block, unchanged")
                      .arg(keptKeyArea.size()),
            accessBlock == RomAccessBlock::Kept
                ? QCoreApplication::translate("piton", "access keys: the board's own %1, kept").arg(accessKeyCount)
                : accessBlock == RomAccessBlock::Written
                ? QCoreApplication::translate("piton", "access keys: provision the bundle's %1 (%2) with a new identity key for the board")
                      .arg(accessKeyCount).arg(accessKeyFingerprints.join(QStringLiteral(", ")))
                : QCoreApplication::translate("piton", "access keys: none (the board will grant no session: read-only over TCP)"),
            QCoreApplication::translate("piton", "read everything back and compare"),
            QCoreApplication::translate("piton", "start Piton's bootloader (Go %1)").arg(hex32(goAddress))};
}

QString LadderProbe::summary() const
{
    switch (rung) {
    case RecoveryRung::Application: return QCoreApplication::translate("piton", "the application answers on %1").arg(boardUri.toString());
    case RecoveryRung::Bootloader: return QCoreApplication::translate("piton", "Piton's bootloader answers on %1").arg(boardUri.toString());
    case RecoveryRung::Rom:
        return QCoreApplication::translate("piton", "no Piton code answers on %1; the chip's ROM bootloader answers on %2 (%3)")
            .arg(boardUri.toString(), romUri ? romUri->toString() : QString(),
                 rom && rom->chip ? QCoreApplication::translate("piton", "%1 %2, PID 0x%3").arg(rom->protocol, rom->chip->name).arg(rom->pid, 4, 16, QLatin1Char('0'))
                                  : QCoreApplication::translate("piton", "%1, chip unknown").arg(rom ? rom->protocol : QString()));
    case RecoveryRung::None: return QCoreApplication::translate("piton", "nothing answers on %1").arg(boardUri.toString());
    }
    return QString();
}

RecoveryLadderJob::RecoveryLadderJob(LinkUri boardUri, QObject *parent) : Job(parent), m_boardUri(std::move(boardUri)) {}

RecoveryLadderJob::~RecoveryLadderJob() = default;

QString RecoveryLadderJob::title() const
{
    return m_dryRun ? tr("Recover (diagnosis only)") : tr("Recover");
}

void RecoveryLadderJob::setBundle(Bundle bundle, QString name)
{
    m_bundle = std::move(bundle);
    m_bundleName = std::move(name);
}

void RecoveryLadderJob::setPackage(Package package, QString name)
{
    m_package = std::move(package);
    m_packageName = std::move(name);
}

std::unique_ptr<Session> RecoveryLadderJob::makeSession() const
{
    auto session = std::make_unique<Session>(m_boardUri);
    if (!m_clientName.isEmpty())
        session->setClientName(m_clientName);
    session->setTakeOver(m_takeOver);
    if (m_credential) { // else the Session's own default ($PITON_CREDENTIAL) applies
        session->setCredential(m_credential);
        session->setCredentialOptional(m_credentialOptional);
    }
    return session;
}

Result<LadderProbe> RecoveryLadderJob::probe()
{
    m_session.reset();
    LadderProbe p;
    p.boardUri = m_boardUri;
    p.romUri = m_romUri ? m_romUri : romUriForBoardLink(m_boardUri);
    if (p.romUri && !isRomLoaderUri(*p.romUri))
        return Error::make(ErrorKind::Usage, tr("%1 is not a ROM bootloader link (use rom+serial:PATH or dfu:)").arg(p.romUri->toString()));
    auto session = makeSession();
    auto opened = session->open(m_pitonTimeoutMs);
    if (opened) {
        p.rung = session->ping().stage == PT_STAGE_BOOTLOADER ? RecoveryRung::Bootloader : RecoveryRung::Application;
        m_session = std::move(session);
        m_probe = p;
        return p;
    }
    session.reset(); // the ROM may share the port
    m_probe = p;
    // A port that cannot be opened is not a silent board: the ROM would not be reached either.
    // A USB board that is not on the bus may be in its ROM, which enumerates as another device.
    if (!boardLinkSilent(m_boardUri, opened.error()))
        return opened.error();
    p.pitonError = opened.error().message;
    if (!p.romUri) {
        m_probe = p;
        return Error::make(ErrorKind::Timeout, tr("no Piton code answers on %1 (%2), and no ROM bootloader link derives from "
                                                  "it: give the chip's ROM link (--rom rom+serial:PATH or --rom dfu:)")
                                                   .arg(m_boardUri.toString(), p.pitonError));
    }
    auto rom = createRomLoader(*p.romUri);
    if (!rom)
        return rom.error();
    auto connected = (*rom)->connect();
    if (connected) {
        auto info = (*rom)->info();
        (*rom)->close();
        if (info) {
            p.rung = RecoveryRung::Rom;
            p.rom = *info;
            m_probe = p;
            return p;
        }
        p.romError = info.error().message;
    } else {
        p.romError = connected.error().message;
    }
    m_probe = p;
    return Error::make(ErrorKind::Timeout,
                       tr("neither Piton (%1: %2) nor the chip's ROM bootloader (%3: %4) answers. Set BOOT0 high and press "
                          "reset (or power the board off and on) so that the ROM bootloader starts, then run recover again")
                           .arg(m_boardUri.toString(), p.pitonError, p.romUri->toString(), p.romError));
}

QString romAccessBlockId(RomAccessBlock a)
{
    switch (a) {
    case RomAccessBlock::None: return QStringLiteral("none");
    case RomAccessBlock::Kept: return QStringLiteral("kept");
    case RomAccessBlock::Written: return QStringLiteral("written");
    }
    return QString();
}

namespace {
/** How often a failed ROM READ of the key area is asked again after a resynchronisation. */
constexpr int kRomReadRetries = 3;

/** The access block of the ROM rung (RomBringUpPlan::accessBlock): the board's own when the
 *  kept key area holds one with an access key; else the bundle's access keys, with the identity
 *  key the kept block had or a new one generated here, placed into the key area at its offset
 *  (kAccessBlockOffset); else none, which a locked plan refuses. */
Result<QByteArray> planAccessBlock(RomBringUpPlan &plan, const Bundle &b)
{
    QByteArray keyArea = plan.keptKeyArea; // what goes after the provisioning block
    constexpr int at = kAccessBlockOffset - kProvisioningBlockSize; // in keptKeyArea
    std::optional<AccessBlock> kept;
    if (plan.keptKeyArea.size() >= at + kAccessBlockSize)
        if (auto a = decodeAccessBlock(QByteArrayView(plan.keptKeyArea).sliced(at, kAccessBlockSize)); a)
            kept = *a;
    if (kept && !kept->accessKeys.isEmpty()) {
        plan.accessBlock = RomAccessBlock::Kept;
        plan.accessKeys = kept->accessKeys;
    } else if (!b.accessKeys.isEmpty()) {
        AccessBlock a;
        for (const PublicKey &k : b.accessKeys)
            a.accessKeys.append(k.derSpki());
        if (kept && !kept->identityPrivate.isEmpty()) { // hosts pin the board's identity: keep it
            a.identityPrivate = kept->identityPrivate;
            a.identityPublic = kept->identityPublic;
        } else {
            auto identity = generateKey();
            if (!identity)
                return identity.error();
            auto priv = privateScalar(*identity);
            auto pub = publicPoint(identity->publicKey());
            if (!priv || !pub)
                return !priv ? priv.error() : pub.error();
            a.identityPrivate = *priv;
            a.identityPublic = *pub;
        }
        auto encoded = encodeAccessBlock(a);
        a.identityPrivate.fill('\0');
        if (!encoded)
            return encoded.error();
        if (keyArea.size() < at + kAccessBlockSize)
            keyArea.append(at + kAccessBlockSize - keyArea.size(), char(0xFF));
        keyArea.replace(at, kAccessBlockSize, *encoded);
        encoded->fill('\0');
        plan.accessBlock = RomAccessBlock::Written;
        plan.accessKeys = a.accessKeys;
    }
    plan.accessKeyCount = int(plan.accessKeys.size());
    if (plan.provisioning.locked && plan.accessKeyCount == 0)
        return Error::make(ErrorKind::Usage,
                           QCoreApplication::translate("piton", "the board would come back locked without an access key, and a locked "
                                                                "board serves no change without a session: make the bundle with "
                                                                "--trust-access-key"));
    return keyArea;
}
} // namespace

Result<RomBringUpPlan> RecoveryLadderJob::planBringUp()
{
    auto plan = makeBringUpPlan();
    if (!plan)
        m_romLoader.reset(); // nothing will be written on it
    return plan;
}

Result<RomBringUpPlan> RecoveryLadderJob::makeBringUpPlan()
{
    m_romLoader.reset();
    if (m_probe.rung != RecoveryRung::Rom || !m_probe.rom || !m_probe.romUri)
        return Error::make(ErrorKind::Usage, tr("the ROM bootloader was not found (probe first)"));
    if (!m_bundle)
        return Error::make(ErrorKind::Usage, tr("%1: a factory bundle is needed to bring the board back from the ROM "
                                                "(--bundle FILE); nothing was changed").arg(m_probe.summary()));
    const Bundle &b = *m_bundle;
    auto refuse = [this](ErrorKind kind, const QString &why) {
        return Error::make(kind, tr("bundle %1 refused, nothing was changed: %2").arg(m_bundleName, why));
    };
    if (!m_publicKeys.isEmpty())
        if (auto signer = b.verifySignature(m_publicKeys); !signer)
            return refuse(ErrorKind::Verify, signer.error().message);
    auto profile = loadBoardProfile(b.boardId);
    if (!profile)
        return refuse(profile.error().kind, profile.error().message);
    const auto region = profile->region(QStringLiteral("bootloader"));
    if (!region)
        return refuse(ErrorKind::Usage, tr("board %1 has no bootloader region").arg(b.boardId));
    const RomInfo &rom = *m_probe.rom;
    if (!rom.chip)
        return refuse(ErrorKind::Usage, tr("the ROM reports product id 0x%1, a chip Piton does not know").arg(rom.pid, 4, 16, QLatin1Char('0')));
    const RomChip &chip = *rom.chip;
    const auto lastSector = chip.sectorOf(quint32(region->endAddress() - 1));
    if (!chip.sectorOf(region->address) || !lastSector)
        return refuse(ErrorKind::Usage, tr("the bootloader region of board %1 (%2..%3) is not in the flash of the %4")
                                            .arg(b.boardId, hex32(region->address), hex32(region->endAddress() - 1), chip.name));
    RomBringUpPlan plan;
    plan.boardId = b.boardId;
    plan.rom = rom;
    plan.provisioningAddress = chip.sectorStart(*lastSector);
    plan.goAddress = chip.flashBase;
    const Image bootloader = b.bootloader();
    plan.bootloaderAddress = bootloader.lowestAddress();
    plan.bootloaderBytes = bootloader.byteCount();
    if (bootloader.lowestAddress() < region->address || bootloader.highestAddressExclusive() > plan.provisioningAddress)
        return refuse(ErrorKind::Usage, tr("its bootloader image (%1..%2) must lie in the bootloader region before the "
                                           "provisioning sector (%3..%4)")
                                            .arg(hex32(bootloader.lowestAddress()), hex32(bootloader.highestAddressExclusive() - 1),
                                                 hex32(region->address), hex32(plan.provisioningAddress - 1)));

    // The chip's previous provisioning block: its unique id stays; another board's is refused.
    auto created = createRomLoader(*m_probe.romUri);
    if (!created)
        return created.error();
    m_romLoader = std::move(*created); // kept open: run() writes this plan on it
    if (auto c = m_romLoader->connect(); !c)
        return c.error();
    // The key area: the whole sector, the block and everything after it (key blocks, key-store
    // slots), carried over unchanged below. A read-protected chip refuses: then nothing is kept
    // (its ROM mass-erases on unprotect).
    const int keyArea = int(chip.sectorSizes.value(*lastSector));
    QByteArray old;
    while (old.size() < keyArea) {
        const auto readChunk = [&] {
            return m_romLoader->read(plan.provisioningAddress + quint32(old.size()),
                                   qMin(m_romLoader->maxTransfer(), int(keyArea - old.size())));
        };
        auto chunk = readChunk();
        // A NACK, a timeout or a malformed answer can be a transient of the link (bytes late or
        // lost under load, a partial command the ROM dropped): READ changes nothing, so after the
        // ROM is resynchronised (stale bytes drained, the ROM back to waiting for a command) it
        // is asked again, up to 3 times, before the key area is given up (a locked plan then
        // refuses). Asking again without resynchronising reads the stale answer of the failed try.
        for (int attempt = 1; !chunk && chunk.error().kind != ErrorKind::Link && chunk.error().kind != ErrorKind::Usage
                              && attempt <= kRomReadRetries;
             ++attempt) {
            log(LogLevel::Warning, tr("ROM read at %1 failed (%2); resynchronising and asking again (%3 of %4)")
                                       .arg(hex32(plan.provisioningAddress + quint32(old.size())), chunk.error().message)
                                       .arg(attempt)
                                       .arg(kRomReadRetries));
            if (auto r = m_romLoader->resynchronise(); !r)
                return r.error();
            chunk = readChunk();
        }
        if (!chunk) {
            if (chunk.error().kind != ErrorKind::Device)
                return chunk.error();
            log(LogLevel::Warning, tr("cannot read the previous provisioning block: %1").arg(chunk.error().message));
            break;
        }
        old += *chunk;
    }
    // The plan carries what was read, and run() uses exactly that (the plan shown is the plan run).
    plan.keyAreaRead = old;
    plan.keyAreaSha256 = sha256(old);
    if (!m_expectedKeyArea.isEmpty() && plan.keyAreaSha256 != m_expectedKeyArea)
        return Error::make(ErrorKind::Device,
                           tr("the key area changed since the plan was shown: expected SHA-256 %1, read %2 (%3 of %4 bytes "
                              "at %5); nothing was changed; look at the board and run recover again to see a new plan")
                               .arg(QString::fromLatin1(m_expectedKeyArea.toHex()), QString::fromLatin1(plan.keyAreaSha256.toHex()))
                               .arg(old.size())
                               .arg(keyArea)
                               .arg(hex32(plan.provisioningAddress)));
    plan.provisioning.boardId = b.boardId;
    plan.provisioning.locked = b.locked; // or the board's own lock, below: LOCK is irreversible
    for (const PublicKey &k : b.trustedKeys)
        plan.provisioning.trustedKeys.append(k.derSpki());
    if (auto previous = decodeProvisioning(old); previous) {
        if (previous->boardId != b.boardId)
            return refuse(ErrorKind::Usage, tr("the chip was provisioned for board '%1', the bundle is for '%2'")
                                                .arg(previous->boardId, b.boardId));
        plan.provisioning.uniqueId = previous->uniqueId;
        // A key area read only in part (the ROM answered the block, then refused the rest even
        // after resynchronising) may hide the lock word and the key-store slots after the block:
        // going on would bring a locked board back unlocked or trust a revoked key again.
        // Refused, with nothing changed; a read-protected chip refuses the first READ, so it
        // never gets here (no previous block).
        if (old.size() != keyArea)
            return Error::make(ErrorKind::Device,
                          tr("the ROM served only %1 of the %2 bytes of the provisioning sector at %3: the rest (lock "
                             "word, access and key-store blocks) cannot be kept; nothing was changed; reset the board "
                             "into its ROM bootloader and try again")
                              .arg(old.size())
                              .arg(keyArea)
                              .arg(hex32(plan.provisioningAddress)));
        plan.uniqueIdKept = true;
        // Locked by the block's flag or by LOCK's lock word (in the key area kept below, so it is
        // programmed again too): either way the board comes back locked.
        plan.provisioning.locked = plan.provisioning.locked || previous->locked || lockWordSet(old);
        // The board's key blocks (root, access and identity, product key) stay as they were;
        // only a key area read whole is kept (a cut-off block would not pass its CRC).
        QByteArray keys = old.size() == keyArea ? old.mid(kProvisioningBlockSize) : QByteArray();
        while (!keys.isEmpty() && quint8(keys.back()) == 0xFF)
            keys.chop(1);
        plan.keptKeyArea = keys;
    } else {
        QByteArray uid(profile->uniqueIdLength, Qt::Uninitialized);
        for (char &c : uid)
            c = char(QRandomGenerator::system()->bounded(256));
        plan.provisioning.uniqueId = uid;
    }
    auto keyBlocks = planAccessBlock(plan, b);
    if (!keyBlocks)
        return refuse(keyBlocks.error().kind, keyBlocks.error().message);
    if (kProvisioningBlockSize + keyBlocks->size() > keyArea)
        return refuse(ErrorKind::Usage, tr("the access block does not fit the chip's provisioning sector (%1 bytes)").arg(keyArea));
    auto block = encodeProvisioning(plan.provisioning);
    if (!block)
        return refuse(block.error().kind, block.error().message);
    plan.image = bootloader;
    if (auto added = plan.image.addSegment(plan.provisioningAddress, *block + *keyBlocks); !added)
        return refuse(ErrorKind::Usage, added.error().message);
    for (const Segment &seg : plan.image.segments()) {
        const int first = *chip.sectorOf(seg.address);
        const int last = *chip.sectorOf(quint32(seg.endAddress() - 1));
        for (int i = first; i <= last; ++i)
            if (!plan.sectors.contains(i))
                plan.sectors.append(i);
    }
    m_plan = plan;
    return plan;
}

namespace {
/** What differs between two ROM plans made from the same key area, ignoring what a plan draws
 *  at random (a new unique id, a new identity key): empty when they write the same. */
QStringList planDifferences(const RomBringUpPlan &shown, const RomBringUpPlan &now)
{
    QStringList d;
    const auto differs = [&d](bool differ, const char *what) {
        if (differ)
            d << QCoreApplication::translate("piton", what);
    };
    differs(shown.boardId != now.boardId, QT_TRANSLATE_NOOP("piton", "board id"));
    differs(shown.rom.pid != now.rom.pid, QT_TRANSLATE_NOOP("piton", "chip"));
    differs(shown.bootloaderAddress != now.bootloaderAddress || shown.bootloaderBytes != now.bootloaderBytes
                || shown.image.segments().value(0).data != now.image.segments().value(0).data,
            QT_TRANSLATE_NOOP("piton", "bootloader image"));
    differs(shown.provisioningAddress != now.provisioningAddress || shown.sectors != now.sectors || shown.goAddress != now.goAddress,
            QT_TRANSLATE_NOOP("piton", "sectors"));
    differs(shown.provisioning.locked != now.provisioning.locked, QT_TRANSLATE_NOOP("piton", "lock"));
    differs(shown.provisioning.trustedKeys != now.provisioning.trustedKeys, QT_TRANSLATE_NOOP("piton", "trusted keys"));
    differs(shown.uniqueIdKept != now.uniqueIdKept || (now.uniqueIdKept && shown.provisioning.uniqueId != now.provisioning.uniqueId),
            QT_TRANSLATE_NOOP("piton", "unique id"));
    differs(shown.keptKeyArea != now.keptKeyArea, QT_TRANSLATE_NOOP("piton", "kept key blocks"));
    differs(shown.accessBlock != now.accessBlock || shown.accessKeys != now.accessKeys, QT_TRANSLATE_NOOP("piton", "access keys"));
    return d;
}
} // namespace

Result<void> RecoveryLadderJob::bringUpThroughRom()
{
    // The plan shown is the plan run: a plan made on the ROM link that is still open is written
    // as it is, without reading the key area again. A plan shown by another job (the GUI's
    // probe), or one whose link was closed, is checked against a new read before any erase.
    if (!m_plan || !m_romLoader) {
        const std::optional<RomBringUpPlan> shown = m_shownPlan ? m_shownPlan : m_plan;
        if (shown)
            m_expectedKeyArea = shown->keyAreaSha256;
        auto plan = planBringUp();
        if (!plan)
            return plan.error();
        if (shown) {
            if (const QStringList d = planDifferences(*shown, *plan); !d.isEmpty()) {
                m_romLoader.reset();
                return Error::make(ErrorKind::Device, tr("the plan changed since it was shown (%1 differ); nothing was changed; "
                                                         "probe again to see the new plan")
                                                          .arg(d.join(QStringLiteral(", "))));
            }
            m_plan = shown; // with the unique id and identity key that were shown
            log(LogLevel::Info, tr("the key area reads as when the plan was shown (SHA-256 %1)")
                                    .arg(QString::fromLatin1(shown->keyAreaSha256.toHex())));
        }
    }
    const std::optional<RomBringUpPlan> plan = m_plan;
    for (const QString &step : plan->steps())
        log(LogLevel::Info, tr("ROM plan: %1").arg(step));
    if (m_dryRun)
        return {};
    RomWriteJob write(*m_romLoader, plan->image, plan->goAddress);
    auto written = runNested(write);
    m_romLoader.reset(); // Go reset the chip, or the write failed: the link is done with
    if (!written)
        return Error::make(written.error().kind, tr("writing the bootloader through the ROM failed: %1").arg(written.error().message));

    beginPhase(tr("waiting for Piton's bootloader"), 0);
    m_session = makeSession();
    if (auto back = m_session->reconnect(m_reconnectTimeoutMs); !back)
        return Error::make(back.error().kind,
                           tr("the bootloader was written and verified through the ROM and Go was sent, but Piton's bootloader "
                              "does not answer on %1 (%2). Set BOOT0 low and press reset, then run recover again")
                               .arg(m_boardUri.toString(), back.error().message));
    auto info = m_session->device().info();
    if (!info)
        return info.error();
    if (info->boardId != plan->boardId)
        return Error::make(ErrorKind::Device, tr("after bring-up the board reports board id '%1', expected '%2'")
                                                  .arg(info->boardId, plan->boardId));
    for (const QByteArray &der : plan->provisioning.trustedKeys)
        if (!info->trustedKeys.contains(sha256(der)))
            return Error::make(ErrorKind::Device, tr("after bring-up the board does not trust key %1")
                                                      .arg(fingerprintHex(sha256(der))));
    // The key area may hold key updates that changed the access keys since: "some" is what counts.
    if (info->locked != plan->provisioning.locked ||
        (info->accessKeyCount && (*info->accessKeyCount > 0) != (plan->accessKeyCount > 0)))
        return Error::make(ErrorKind::Device, tr("after bring-up the board reports %1 with %2 access key(s), expected %3 with %4")
                                                  .arg(info->locked ? tr("locked") : tr("unlocked"))
                                                  .arg(info->accessKeyCount.value_or(0))
                                                  .arg(plan->provisioning.locked ? tr("locked") : tr("unlocked"))
                                                  .arg(plan->accessKeyCount));
    log(LogLevel::Info, tr("Piton's bootloader answers: board %1, unique id %2, %3 trusted key(s)")
                            .arg(info->boardId, QString::fromLatin1(info->uniqueId.toHex()))
                            .arg(info->trustedKeys.size()));
    return {};
}

Result<void> RecoveryLadderJob::recoverOnPiton()
{
    m_recover = std::make_unique<RecoverJob>(*m_session);
    if (m_package)
        m_recover->setPackage(*m_package, m_packageName);
    else if (m_bundle)
        m_recover->setPackage(m_bundle->package, tr("the package of %1").arg(m_bundleName));
    if (!m_configBackup.isEmpty())
        m_recover->setConfigBackup(m_configBackup);
    m_recover->setPublicKeys(!m_publicKeys.isEmpty() || !m_bundle ? m_publicKeys : m_bundle->trustedKeys);
    m_recover->setDryRun(m_dryRun);
    if (m_probe.rung != RecoveryRung::Rom) // after a ROM bring-up the board's state is new
        m_recover->setConfirmedPlan(m_confirmedPlan);
    m_recover->setReconnectTimeout(m_reconnectTimeoutMs);
    if (auto ok = runNested(*m_recover); !ok)
        return ok;
    if (m_dryRun || m_probe.rung != RecoveryRung::Rom)
        return {};
    // A board brought up from the ROM may have no config yet (a new chip): the backup, else the
    // bundle's factory config.
    auto info = m_session->device().info();
    if (!info)
        return info.error();
    if (!info->configState || *info->configState != PT_CONFIG_EMPTY)
        return {};
    QString path = m_configBackup;
    QTemporaryFile factory;
    if (path.isEmpty() && m_bundle && m_bundle->config) {
        if (!factory.open() || factory.write(m_bundle->config->serialize()) < 0 || !factory.flush())
            return Error::make(ErrorKind::Io, tr("cannot write a temporary file: %1").arg(factory.errorString()));
        path = factory.fileName();
    }
    if (path.isEmpty()) {
        log(LogLevel::Info, tr("the config is empty and no config was given: factory defaults apply"));
        return {};
    }
    ConfigRestoreJob restore(*m_session, path);
    if (auto ok = runNested(restore); !ok)
        return ok;
    m_configWritten = true;
    log(LogLevel::Info, tr("config written: %1").arg(m_configBackup.isEmpty() ? tr("the bundle's factory config") : m_configBackup));
    return {};
}

Result<void> RecoveryLadderJob::execute()
{
    m_recover.reset();
    m_configWritten = false;
    // planBringUp() made the plan a view showed on a ROM link still open: the ROM answered,
    // nothing else could have (the link is the chip's), so that plan is written as it is.
    const bool planned = m_plan && m_romLoader && m_probe.rung == RecoveryRung::Rom;
    if (!planned) {
        if (m_plan && !m_shownPlan)
            m_shownPlan = m_plan; // made on a link since closed: checked against a new read
        m_plan.reset();
        m_romLoader.reset(); // the port is probed anew
        beginPhase(tr("finding what answers"), 0);
        auto p = probe();
        if (!p)
            return p.error();
        log(LogLevel::Info, p->summary());
        if (m_shownPlan && p->rung != RecoveryRung::Rom)
            return Error::make(ErrorKind::Device, tr("the plan shown was for the chip's ROM bootloader, but now %1; nothing was "
                                                     "changed; probe again")
                                                      .arg(p->summary()));
    }
    if (m_probe.rung == RecoveryRung::Rom) {
        if (auto ok = bringUpThroughRom(); !ok)
            return ok;
        if (m_dryRun)
            return {};
    }
    return recoverOnPiton();
}

} // namespace piton
