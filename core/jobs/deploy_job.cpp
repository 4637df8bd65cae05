#include "jobs/deploy_job.h"

#include "jobs/device_jobs.h"
#include "jobs/pipeline.h"
#include "version.h"

#include "piton/protocol.h"

#include <QElapsedTimer>
#include <QtEndian>

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
    QList<BoardRegion> deviceRegions;
    for (const Region &r : regions.value())
        deviceRegions.append(BoardRegion{r.name, r.address, r.size, {}});
    QByteArray signer;
    auto ok = checkCompatibility(m_package, info.boardId, info.firmwareVersion, info.trustedKeys,
                                 info.securityCounter, m_publicKeys, deviceRegions, &signer);
    if (ok && !signer.isEmpty())
        log(LogLevel::Info, tr("signature verified: key %1").arg(fingerprintHex(signer)));
    return ok;
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
    log(LogLevel::Info, tr("committing: the device verifies the package and resets to install it"));
    if (auto ok = device.updateCommit(); !ok)
        return ok.error();
    if (auto ok = m_session.reconnect(m_reconnectTimeoutMs); !ok)
        return Error::make(ok.error().kind, tr("the board did not come back after the install: %1")
                                                .arg(ok.error().message));

    beginPhase(tr("verifying"), 0);
    auto after = m_session.device().info();
    if (!after)
        return after.error();
    m_report.infoAfter = after.value();
    if (auto ok = verifyInstalled(after.value()); !ok)
        return ok.error();
    m_report.totalMs = total.elapsed();
    return {};
}

Result<void> DeployJob::stage(quint32 from)
{
    Client &client = m_session.device().client();
    const QByteArray &bytes = m_package.fileBytes;
    const quint32 chunk = client.maxPayload() - 4;
    const quint32 size = quint32(bytes.size());
    const int count = from >= size ? 0 : int((size - from + chunk - 1) / chunk);

    beginPhase(tr("staging"), size, from);
    quint32 confirmed = from;
    PipelineSteps steps;
    steps.count = count;
    steps.command = PT_CMD_UPDATE_DATA;
    steps.payload = [&](int i) {
        const quint32 offset = from + quint32(i) * chunk;
        const quint32 len = qMin(chunk, size - offset);
        QByteArray p(4, Qt::Uninitialized);
        qToLittleEndian<quint32>(offset, p.data());
        p.append(bytes.constData() + offset, len);
        m_report.bytesSent += len;
        return p;
    };
    steps.onResponse = [&](int, const QByteArray &response) -> Result<void> {
        if (response.size() != 4)
            return Error::make(ErrorKind::Protocol, tr("UPDATE_DATA answer has %1 bytes, expected 4").arg(response.size()));
        confirmed = qFromLittleEndian<quint32>(response.constData());
        reportProgress(confirmed);
        return {};
    };
    steps.checkStop = [this] { return checkCancelled(); };
    auto result = runPipelined(client, steps);
    reportProgress(confirmed, true);
    if (!result) {
        if (result.error().kind == ErrorKind::Link || result.error().kind == ErrorKind::Timeout)
            return Error::make(result.error().kind,
                               tr("%1 (staged %2 of %3 bytes; deploy the same package again to resume)")
                                   .arg(result.error().message).arg(confirmed).arg(size));
        return result.error();
    }
    if (confirmed != size)
        return Error::make(ErrorKind::Protocol, tr("the device confirmed %1 of %2 bytes").arg(confirmed).arg(size));
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
    for (const PayloadCheck &check : checks.value()) {
        log(check.ok() ? LogLevel::Info : LogLevel::Error, check.describe());
        if (!check.ok())
            return Error::make(ErrorKind::Verify, tr("the installed %1 does not match the package: %2")
                                                      .arg(check.region, check.describe()));
    }
    if (info.stage != PT_STAGE_APPLICATION && !m_package.payload(PT_PAYLOAD_APPLICATION).isEmpty())
        return Error::make(ErrorKind::Verify, tr("the board stayed in the bootloader after the install"));
    return {};
}

} // namespace piton
