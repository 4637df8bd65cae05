#include "jobs/device_jobs.h"

#include <QElapsedTimer>

#include "version.h"

#include "piton/protocol.h"

namespace piton {

QString PayloadCheck::describe() const
{
    return QObject::tr("%1: version %2 (package %3), SHA-256 %4")
        .arg(region, installedVersion ? versionToString(*installedVersion) : QObject::tr("none"),
             versionToString(packageVersion), hashMatches ? QObject::tr("matches") : QObject::tr("differs"));
}

Result<QList<PayloadCheck>> checkInstalledPayloads(Session &session, const DeviceInfo &info, const Package &package)
{
    QList<PayloadCheck> checks;
    for (const PayloadDescriptor &p : package.manifest.payloads) {
        PayloadCheck check;
        check.region = p.region;
        check.firmware = p.kind == PT_PAYLOAD_FIRMWARE;
        check.installedVersion = check.firmware ? info.firmwareVersion : info.applicationVersion;
        check.packageVersion = p.version;
        check.versionMatches = check.installedVersion && *check.installedVersion == p.version;
        auto region = session.region(p.region);
        if (!region)
            return region.error();
        auto hash = session.device().hash(region->id, p.loadOffset, p.installSize());
        if (!hash)
            return hash.error();
        check.hashMatches = hash.value() == p.installSha256();
        checks << check;
    }
    return checks;
}

RebootJob::RebootJob(Session &session, int mode, QObject *parent)
    : Job(parent), m_session(session), m_mode(mode)
{
}

QString RebootJob::title() const
{
    return m_mode == PT_REBOOT_BOOTLOADER ? tr("Reboot to bootloader") : tr("Reboot");
}

Result<void> RebootJob::execute()
{
    beginPhase(tr("rebooting"), 0);
    if (auto ok = claimBoard(m_session); !ok)
        return ok.error();
    m_answerLost = false;
    m_resent = 0;
    m_recoveryMs = 0;
    // The board's resets since power-on, so that a lost answer can be told from a lost REBOOT.
    auto before = m_session.device().info();
    if (!before)
        return before.error();
    const std::optional<quint32> resetsBefore = before->resets;
    constexpr int MaxSends = 2; // the first and one repeat
    QElapsedTimer sinceFirst;
    sinceFirst.start();
    bool reconnected = false;
    for (int sent = 1;; ++sent) {
        auto answer = m_session.device().reboot(m_mode);
        if (answer)
            break;
        const Error &lost = answer.error();
        // A refusal is the board's answer; only a missing or unreadable one leaves it open
        // whether the board reset.
        if (lost.kind != ErrorKind::Timeout && lost.kind != ErrorKind::Link && lost.kind != ErrorKind::Protocol)
            return lost;
        m_answerLost = true;
        log(LogLevel::Warning, tr("the answer to REBOOT was lost (%1); reconnecting to ask the board whether it reset")
                                   .arg(lost.message));
        if (auto ok = m_session.reconnect(m_reconnectTimeoutMs); !ok)
            return Error::make(ok.error().kind, tr("the answer to REBOOT was lost and the board does not answer any more on %1 "
                                                   "(%2): check its power and its link")
                                                    .arg(m_session.uri().toString(), ok.error().message));
        auto now = m_session.device().info();
        if (!now)
            return now.error();
        reconnected = true;
        if (!resetsBefore || !now->resets) {
            log(LogLevel::Warning, tr("the board does not report its resets (INFO 0x2B): taking it as reset, since it "
                                      "answered after the lost answer"));
            break;
        }
        if (*now->resets != *resetsBefore) {
            log(LogLevel::Info, tr("the board reset (resets since power-on: %1 before, %2 now): it acted on REBOOT")
                                    .arg(*resetsBefore).arg(*now->resets));
            break;
        }
        if (sent == MaxSends)
            return Error::make(ErrorKind::Timeout, tr("the board did not reset after REBOOT was sent %1 times (no answer each "
                                                      "time): check the link and reboot again")
                                                       .arg(sent));
        log(LogLevel::Info, tr("the board did not reset (resets since power-on still %1): it never received REBOOT; "
                               "sending it again").arg(*now->resets));
        ++m_resent;
        reconnected = false;
    }
    if (m_answerLost) {
        m_recoveryMs = sinceFirst.elapsed();
        log(LogLevel::Info, tr("recovered from the lost answer to REBOOT in %1 ms (REBOOT sent again %2 times)")
                                .arg(m_recoveryMs).arg(m_resent));
    }
    if (!reconnected)
        if (auto ok = m_session.reconnect(m_reconnectTimeoutMs); !ok)
            return Error::make(ok.error().kind, tr("the board did not come back after the reboot: %1").arg(ok.error().message));
    auto ping = m_session.device().ping();
    if (!ping)
        return ping.error();
    m_stageAfter = ping->stage;
    log(LogLevel::Info, m_stageAfter == PT_STAGE_APPLICATION ? tr("the board answers in application mode")
                                                             : tr("the board answers in the bootloader (recovery mode)"));
    if (m_mode == PT_REBOOT_BOOTLOADER && m_stageAfter != PT_STAGE_BOOTLOADER)
        return Error::make(ErrorKind::Device, tr("the board did not stay in the bootloader"));
    return {};
}

VerifyJob::VerifyJob(Session &session, Package package, QString packageName, QObject *parent)
    : Job(parent), m_session(session), m_package(std::move(package)), m_packageName(std::move(packageName))
{
}

QString VerifyJob::title() const
{
    return tr("Verify %1").arg(m_packageName);
}

Result<void> VerifyJob::execute()
{
    beginPhase(tr("verifying"), 0);
    auto info = m_session.device().info();
    if (!info)
        return info.error();
    QStringList problems;
    if (info->boardId != m_package.manifest.boardId)
        problems << tr("the package is for board %1, the device is %2").arg(m_package.manifest.boardId, info->boardId);
    auto checks = checkInstalledPayloads(m_session, info.value(), m_package);
    if (!checks)
        return checks.error();
    for (const PayloadCheck &check : checks.value()) {
        m_details << check.describe();
        if (!check.versionMatches)
            problems << tr("%1 version differs").arg(check.region);
        if (!check.hashMatches)
            problems << tr("%1 content differs from the package").arg(check.region);
    }
    for (const QString &d : m_details)
        log(LogLevel::Info, d);
    if (!problems.isEmpty())
        return Error::make(ErrorKind::Verify, problems.join(QStringLiteral("; ")));
    return {};
}

} // namespace piton
