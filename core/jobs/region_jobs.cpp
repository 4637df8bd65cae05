#include "jobs/region_jobs.h"

#include "board/board_profile.h"
#include "image/image_file.h"

#include "piton/protocol.h"

#include <QCryptographicHash>
#include <QSaveFile>

namespace piton {

namespace {

QString hex(quint32 v)
{
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

} // namespace

// ---- read -------------------------------------------------------------------------------------

ReadRegionJob::ReadRegionJob(Session &session, QString region, QString outputPath, QObject *parent)
    : Job(parent), m_session(session), m_region(std::move(region)), m_outputPath(std::move(outputPath))
{
}

QString ReadRegionJob::title() const
{
    return tr("Read %1").arg(m_region);
}

Result<void> ReadRegionJob::execute()
{
    auto region = m_session.region(m_region);
    if (!region)
        return region.error();
    const quint32 size = region->size;
    beginPhase(tr("reading"), size);
    auto data = m_session.device().read(region->id, 0, size, [this](quint64 done, quint64) {
        reportProgress(qint64(done));
        return !isCancelled();
    });
    if (!data)
        return data.error();
    m_data = data.value();
    reportProgress(size, true);

    // Cross-check the transfer with the device's own hash of the region.
    auto hash = m_session.device().hash(region->id, 0, size);
    if (!hash)
        return hash.error();
    if (hash.value() != QCryptographicHash::hash(m_data, QCryptographicHash::Sha256))
        return Error::make(ErrorKind::Verify, tr("the data read differs from the device's SHA-256 of %1").arg(m_region));

    if (!m_outputPath.isEmpty()) {
        QSaveFile file(m_outputPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(m_data) != m_data.size() || !file.commit())
            return Error::make(ErrorKind::Io, tr("cannot write %1: %2").arg(m_outputPath, file.errorString()));
        log(LogLevel::Info, tr("%1 bytes of %2 written to %3").arg(size).arg(m_region, m_outputPath));
    }
    return {};
}

// ---- erase ------------------------------------------------------------------------------------

EraseRegionJob::EraseRegionJob(Session &session, QString region, QObject *parent)
    : Job(parent), m_session(session), m_region(std::move(region))
{
}

QString EraseRegionJob::title() const
{
    return tr("Erase %1").arg(m_region);
}

Result<void> EraseRegionJob::execute()
{
    auto region = m_session.region(m_region);
    if (!region)
        return region.error();
    if (auto ok = requireCapability(m_session, PT_CAP_ERASE, tr("erase"), tr("its PING does not offer ERASE")); !ok)
        return ok.error();
    if (region->flags & PT_REGION_PROTECTED)
        return Error::make(ErrorKind::Device, tr("region %1 is protected: the board does not erase it; nothing was changed").arg(m_region));
    if (region->flags & PT_REGION_STAGING)
        return Error::make(ErrorKind::Device, tr("region %1 is the update staging area: it is erased by an update or by "
                                                 "'update abort', not by erase; nothing was changed").arg(m_region));
    if (auto ok = claimBoard(m_session); !ok)
        return ok.error();
    beginPhase(tr("erasing"), region->size);
    log(LogLevel::Info, tr("erasing %1: %2..%3 (%4 bytes)")
                            .arg(m_region, hex(region->address), hex(region->address + region->size - 1))
                            .arg(region->size));
    if (auto ok = m_session.device().erase(region->id, 0, 0); !ok)
        return ok.error();
    reportProgress(region->size, true);
    return {};
}

// ---- raw write --------------------------------------------------------------------------------

WriteRegionJob::WriteRegionJob(Session &session, QString region, Image image, QObject *parent)
    : Job(parent), m_session(session), m_region(std::move(region)), m_image(std::move(image))
{
}

QString WriteRegionJob::title() const
{
    return tr("Write %1").arg(m_region);
}

Result<void> WriteRegionJob::execute()
{
    auto region = m_session.region(m_region);
    if (!region)
        return region.error();
    if (m_image.byteCount() == 0)
        return Error::make(ErrorKind::Format, tr("the image is empty; nothing was changed"));
    const quint64 regionEnd = quint64(region->address) + region->size;
    if (m_image.lowestAddress() < region->address || m_image.highestAddressExclusive() > regionEnd)
        return Error::make(ErrorKind::Format, tr("image %1..%2 is outside region %3 (%4..%5); nothing was changed")
                                                 .arg(hex(m_image.lowestAddress()), hex(m_image.highestAddressExclusive() - 1),
                                                      m_region, hex(region->address), hex(quint32(regionEnd - 1))));

    // A UF2 file names the chip family it was built for: it must be the board's (board profile).
    if (m_image.uf2Family()) {
        auto info = m_session.device().info();
        if (!info)
            return info.error();
        auto profile = loadBoardProfile(info->boardId);
        if (!profile)
            return profile.error();
        if (auto ok = checkImageForBoard(m_image, *profile, tr("the image")); !ok)
            return Error::make(ok.error().kind, tr("%1; nothing was changed").arg(ok.error().message));
    }

    // Everything the board would refuse is refused here, before anything is erased.
    if (auto ok = requireCapability(m_session, PT_CAP_WRITE, tr("raw write"),
                                    tr("its PING says raw writes are off: a locked (production) board takes signed packages only"));
        !ok)
        return ok.error();
    if (!(region->flags & PT_REGION_IMAGE) || (region->flags & (PT_REGION_PROTECTED | PT_REGION_STAGING)))
        return Error::make(ErrorKind::Device, tr("raw write refused: region %1 is not an image region (%2); nothing was changed")
                                                  .arg(m_region, (region->flags & PT_REGION_CONFIG) ? tr("use config restore")
                                                                 : (region->flags & PT_REGION_STAGING) ? tr("it is written by deploy")
                                                                                                      : tr("it is protected")));
    // Erase exactly the sectors the image touches.
    const quint32 lo = m_image.lowestAddress() - region->address;
    const quint32 hi = m_image.highestAddressExclusive() - region->address;
    const auto firstSector = region->sectorStart(lo);
    const auto lastSector = region->sectorStart(hi - 1);
    if (!firstSector || !lastSector || !region->sectorSize(hi - 1))
        return Error::make(ErrorKind::Device, tr("region %1 reports no sector layout for %2..%3; nothing was changed")
                                                  .arg(m_region, hex(m_image.lowestAddress()), hex(m_image.highestAddressExclusive() - 1)));
    const quint32 eraseFrom = *firstSector;
    const quint32 eraseTo = *lastSector + *region->sectorSize(hi - 1);
    if (auto ok = claimBoard(m_session); !ok)
        return ok.error();
    const QString erased = tr("%1 %2..%3 was erased").arg(m_region, hex(region->address + eraseFrom), hex(region->address + eraseTo - 1));
    beginPhase(tr("erasing"), eraseTo - eraseFrom);
    // forWrite: the board itself refuses the erase when it would refuse the write.
    if (auto ok = m_session.device().erase(region->id, eraseFrom, eraseTo - eraseFrom, 60000, true); !ok)
        return Error::make(ok.error().kind, tr("%1; nothing was erased").arg(ok.error().message), ok.error().deviceStatus);
    log(LogLevel::Info, erased);

    const QByteArray flat = m_image.flatten(0xFF);
    beginPhase(tr("programming"), flat.size());
    auto written = m_session.device().write(region->id, lo, flat, [this](quint64 done, quint64) {
        reportProgress(qint64(done));
        return !isCancelled();
    });
    if (!written)
        return Error::make(written.error().kind, tr("%1; then the write failed: %2").arg(erased, written.error().message),
                           written.error().deviceStatus);

    beginPhase(tr("verifying"), 0);
    auto hash = m_session.device().hash(region->id, lo, quint32(flat.size()));
    if (!hash)
        return Error::make(hash.error().kind, tr("%1 and programmed; the read-back failed: %2").arg(erased, hash.error().message),
                           hash.error().deviceStatus);
    if (hash.value() != QCryptographicHash::hash(flat, QCryptographicHash::Sha256))
        return Error::make(ErrorKind::Verify, tr("%1 and programmed, but the read-back SHA-256 differs from the image").arg(erased));
    log(LogLevel::Info, tr("%1 bytes programmed at %2 and verified").arg(flat.size()).arg(hex(m_image.lowestAddress())));
    return {};
}

} // namespace piton
