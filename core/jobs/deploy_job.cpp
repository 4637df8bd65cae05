#include "jobs/deploy_job.h"

#include "jobs/device_jobs.h"
#include "version.h"

#include "piton/protocol.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

namespace piton {

DeployJob::DeployJob(Session &session, Package package, QString packageName, QObject *parent)
    : Job(parent), m_session(session), m_package(std::move(package)), m_packageName(std::move(packageName))
{
}

QString DeployJob::title() const
{
    return tr("Deploy %1").arg(m_packageName);
}

Result<void> DeployJob::checkAgainstDevice(const DeviceInfo &info)
{
    auto regions = m_session.regions();
    if (!regions)
        return regions.error();
    const CompatibilityVerdict verdict = judgeCompatibility(m_package, info, regions.value(), m_publicKeys);
    if (!verdict.fits)
        return verdict.refusal;
    if (!verdict.signerFingerprint.isEmpty())
        log(LogLevel::Info, tr("signature verified: key %1, trusted by the board").arg(fingerprintHex(verdict.signerFingerprint)));
    else
        log(LogLevel::Warning, tr("the package does not name its signer (it was made by an older Piton) and no public key "
                                  "was given: whether the board trusts its signer is known only after it is sent"));
    log(LogLevel::Info, tr("the update will write regions: %1").arg(verdict.regionsWritten.join(QStringLiteral(", "))));
    return {};
}

Result<void> DeployJob::execute()
{
    QElapsedTimer total;
    total.start();
    DeviceClient &device = m_session.device();

    beginPhase(tr("checking"), 0);
    auto info = device.info();
    if (!info)
        return info.error();
    if (auto ok = checkAgainstDevice(info.value()); !ok)
        return ok.error();
    log(LogLevel::Info, tr("package fits %1 (%2), stage %3")
                            .arg(info->boardId, info->serialNumber,
                                 info->stage == PT_STAGE_APPLICATION ? tr("application") : tr("bootloader")));

    if (auto ok = requireCapability(m_session, PT_CAP_UPDATE, tr("update"), tr("its PING does not offer UPDATE")); !ok)
        return ok.error();
    if (auto ok = claimBoard(m_session); !ok)
        return ok.error();

    const QByteArray &bytes = m_package.fileBytes;
    m_report.packageSize = quint32(bytes.size());
    auto staged = device.updateBegin(quint32(bytes.size()), m_package.sha256());
    if (!staged)
        return staged.error();
    m_report.resumedFrom = staged.value();
    if (staged.value() > 0)
        log(LogLevel::Info, tr("resuming: the device already holds %1 of %2 bytes")
                                .arg(staged.value()).arg(bytes.size()));

    QElapsedTimer staging;
    staging.start();
    if (auto ok = stage(staged.value()); !ok)
        return ok.error();
    m_report.stagingMs = staging.elapsed();
    if (auto ok = checkCancelled(); !ok)
        return ok.error();

    beginPhase(tr("installing"), 0);
    if (auto ok = commit(); !ok)
        return ok.error();

    // Done only when the new image confirmed itself: a board that reverts is not "updated".
    beginPhase(tr("confirming"), 0);
    auto after = waitForConfirmation();
    if (!after)
        return after.error();
    m_report.infoAfter = after.value();

    beginPhase(tr("verifying"), 0);
    if (auto ok = verifyInstalled(after.value()); !ok)
        return ok.error();
    m_report.totalMs = total.elapsed();
    return {};
}

Result<void> DeployJob::commit()
{
    constexpr int MaxCommits = 3; // the first and two repeats
    const quint32 size = quint32(m_package.fileBytes.size());
    const int answerTimeoutMs = m_commitTimeoutMs > 0 ? m_commitTimeoutMs : defaultCommitTimeoutMs(size);
    QElapsedTimer sinceFirst;
    sinceFirst.start();
    log(LogLevel::Info, tr("committing: the device verifies the package and resets to install it"));
    for (int sent = 1;; ++sent) {
        auto answer = m_session.device().updateCommit(answerTimeoutMs);
        if (answer) {
            if (auto ok = m_session.reconnect(m_reconnectTimeoutMs); !ok)
                return Error::make(ok.error().kind, tr("the board did not come back after the install: %1")
                                                        .arg(ok.error().message));
            break;
        }
        const Error &lost = answer.error();
        // A refusal is the board's answer; only a missing or unreadable answer leaves it open
        // whether the board acted on the COMMIT.
        if (lost.kind != ErrorKind::Timeout && lost.kind != ErrorKind::Link && lost.kind != ErrorKind::Protocol)
            return lost;
        m_report.commitAnswerLost = true;
        log(LogLevel::Warning, tr("the answer to UPDATE_COMMIT was lost (%1); reconnecting to ask the board what it did")
                                   .arg(lost.message));
        if (auto ok = m_session.reconnect(m_reconnectTimeoutMs); !ok)
            return Error::make(ok.error().kind, tr("the answer to UPDATE_COMMIT was lost and the board did not come back: %1")
                                                    .arg(ok.error().message));
        auto status = m_session.device().updateStatus();
        if (!status)
            return status.error();
        const StagingStatus &st = status.value();
        const bool ours = st.packageSize == size && st.packageSha256 == m_package.sha256();
        if (ours && (st.state == PT_STAGING_COMPLETE || st.state == PT_STAGING_PENDING)) {
            if (sent == MaxCommits)
                return Error::make(ErrorKind::Timeout,
                                   tr("the board did not act on UPDATE_COMMIT sent %1 times (no answer each time); the "
                                      "package stays staged: check the link and deploy again")
                                       .arg(sent));
            log(LogLevel::Info, tr("the board still holds this package staged and not installed: it did not receive the "
                                   "COMMIT; sending it again"));
            ++m_report.commitsResent;
            continue;
        }
        if (ours && st.state == PT_STAGING_PARTIAL)
            return Error::make(ErrorKind::Device, tr("after the lost answer to UPDATE_COMMIT the board holds only %1 of %2 "
                                                     "bytes of the package; deploy again to resume")
                                                      .arg(st.staged).arg(size));
        if (st.state == PT_STAGING_CORRUPT)
            return Error::make(ErrorKind::Device, tr("after the lost answer to UPDATE_COMMIT the board's staging region is "
                                                     "corrupt; deploy again (recover erases it)"));
        log(LogLevel::Info, tr("the board's staging no longer holds the package: it acted on the COMMIT; following the "
                               "install"));
        break;
    }
    if (m_report.commitAnswerLost) {
        m_report.commitRecoveryMs = sinceFirst.elapsed();
        log(LogLevel::Info, tr("recovered from the lost answer to UPDATE_COMMIT in %1 ms (waiting %2 ms for each answer, "
                               "COMMIT sent again %3 times)")
                                .arg(m_report.commitRecoveryMs).arg(answerTimeoutMs).arg(m_report.commitsResent));
    }
    return {};
}

Result<DeviceInfo> DeployJob::waitForConfirmation()
{
    QElapsedTimer timer;
    timer.start();
    bool toldTrial = false;
    for (;;) {
        if (auto ok = checkCancelled(); !ok)
            return ok.error();
        auto info = m_session.device().info();
        if (!info) {
            const ErrorKind kind = info.error().kind;
            if (kind != ErrorKind::Link && kind != ErrorKind::Timeout)
                return info.error();
            // The trial image reset the board (it crashed, hung and met its watchdog, or the
            // bootloader is reverting it): follow the board.
            const qint64 left = m_confirmTimeoutMs - timer.elapsed();
            log(LogLevel::Info, tr("the board reset during the new image's trial; reconnecting"));
            if (auto ok = m_session.reconnect(int(std::max<qint64>(left, 5000))); !ok)
                return Error::make(ok.error().kind, tr("the board did not come back during the new image's trial boot: %1")
                                                        .arg(ok.error().message), ok.error().deviceStatus);
            continue;
        }
        const DeviceInfo &i = info.value();
        if (!i.imageState) // a device without trial boot: the install result is all there is
            return i;
        if (*i.imageState == PT_IMAGE_CONFIRMED) {
            if (toldTrial)
                log(LogLevel::Info, tr("the new image confirmed itself after %1 ms").arg(timer.elapsed()));
            return i;
        }
        if (*i.imageState == PT_IMAGE_REVERTED || i.lastInstall == PT_INSTALL_REVERTED) {
            const int reason = i.revertReason.value_or(PT_REVERT_NONE);
            const QString why = reason == PT_REVERT_IMAGE_INVALID
                                    ? tr("the new image failed its check at boot")
                                    : tr("the new image did not confirm itself within %1 boots")
                                          .arg(i.trialLimit ? QString::number(*i.trialLimit) : tr("its trial"));
            const QString now = i.stage == PT_STAGE_APPLICATION && i.applicationVersion
                                    ? tr("the bootloader reverted it and the board runs the previous image (application %1)")
                                          .arg(versionToString(*i.applicationVersion))
                                    : tr("the bootloader reverted it and the board is in recovery mode (there was no previous "
                                         "application to go back to)");
            m_report.infoAfter = i;
            return Error::make(ErrorKind::NotConfirmed, tr("%1; %2").arg(why, now));
        }
        if (*i.imageState == PT_IMAGE_TRIAL) {
            if (!toldTrial)
                log(LogLevel::Info, tr("the new image runs on trial (boot %1 of at most %2); waiting for it to confirm itself")
                                        .arg(i.bootCount ? QString::number(*i.bootCount) : tr("?"),
                                             i.trialLimit ? QString::number(*i.trialLimit) : tr("?")));
            toldTrial = true;
            if (timer.elapsed() >= m_confirmTimeoutMs) {
                m_report.infoAfter = i;
                return Error::make(ErrorKind::NotConfirmed,
                                   tr("the new image has not confirmed itself within %1 s (boot %2 of at most %3): it runs on "
                                      "trial and the bootloader reverts it unless it confirms (piton-cli confirm keeps it)")
                                       .arg(m_confirmTimeoutMs / 1000)
                                       .arg(i.bootCount ? QString::number(*i.bootCount) : tr("?"),
                                            i.trialLimit ? QString::number(*i.trialLimit) : tr("?")));
            }
            QThread::msleep(200);
            continue;
        }
        return i; // no image: verifyInstalled() says what the install left
    }
}

Result<void> DeployJob::stage(quint32 from)
{
    const QByteArray &bytes = m_package.fileBytes;
    const quint32 size = quint32(bytes.size());
    beginPhase(tr("staging"), size, from);
    quint64 confirmed = from;
    auto staged = m_session.device().updateSend(bytes, from, [&](quint64 done, quint64) {
        confirmed = done;
        reportProgress(qint64(done));
        return !isCancelled();
    });
    reportProgress(qint64(confirmed), true);
    if (!staged) {
        const Error &e = staged.error();
        if (e.kind == ErrorKind::Link || e.kind == ErrorKind::Timeout)
            return Error::make(e.kind, tr("%1 (staged %2 of %3 bytes; deploy the same package again to resume)")
                                           .arg(e.message).arg(confirmed).arg(size));
        return e;
    }
    if (staged.value() != size)
        return Error::make(ErrorKind::Protocol, tr("the device confirmed %1 of %2 bytes").arg(staged.value()).arg(size));
    m_report.bytesSent = size - from;
    return {};
}

Result<void> DeployJob::verifyInstalled(const DeviceInfo &info)
{
    if (info.lastInstall != PT_INSTALL_OK)
        return Error::make(ErrorKind::Verify, tr("the bootloader did not install the package (last install result %1)")
                                                  .arg(info.lastInstall));
    auto checks = checkInstalledPayloads(m_session, info, m_package);
    if (!checks)
        return checks.error();
    // The bootloader verified every payload before it reported PT_INSTALL_OK, so a mismatch
    // now is not the package's fault: the board was changed after the install.
    for (const PayloadCheck &check : checks.value()) {
        log(check.ok() ? LogLevel::Info : LogLevel::Error, check.describe());
        if (check.ok())
            continue;
        if (!check.versionMatches && m_report.commitAnswerLost)
            return Error::make(ErrorKind::Device,
                               tr("the board did not install this package: the answer to UPDATE_COMMIT was lost, its staging "
                                  "is now empty and %1 holds %2, not this package's %3: the board's own check refused the "
                                  "package (deploy again to see its reason) or another session aborted the update")
                                   .arg(check.region,
                                        check.installedVersion ? versionToString(*check.installedVersion) : tr("no image"),
                                        versionToString(check.packageVersion)));
        if (!check.versionMatches)
            return Error::make(ErrorKind::Device,
                               tr("someone else changed the board after this install: %1 now holds %2, not this package's %3 "
                                  "(another session installed a package); deploy again once nobody else works on the board")
                                   .arg(check.region,
                                        check.installedVersion ? versionToString(*check.installedVersion) : tr("no image"),
                                        versionToString(check.packageVersion)));
        return Error::make(ErrorKind::Device,
                           tr("someone else changed the board after this install: %1 reports this package's version %2 but "
                              "its content no longer matches (erased or written by another session); deploy again")
                               .arg(check.region, versionToString(check.packageVersion)));
    }
    if (info.stage != PT_STAGE_APPLICATION && !m_package.payload(PT_PAYLOAD_APPLICATION).isEmpty())
        return Error::make(ErrorKind::Verify, tr("the board stayed in the bootloader after the install"));
    return {};
}

} // namespace piton
