#include "jobs/rom_jobs.h"


#include <QCoreApplication>
#include <algorithm>

namespace piton {

namespace {

QString hex32(quint64 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

/** Creates the ROM loader for `uri` (rom_loader.h) and connects (opens, synchronises). */
Result<std::unique_ptr<RomLoader>> openRom(const LinkUri &uri)
{
    auto rom = createRomLoader(uri);
    if (!rom)
        return rom.error();
    if (auto r = (*rom)->connect(); !r)
        return r.error();
    return rom;
}

Error unknownChip(quint16 pid, const QString &nothing)
{
    return Error::make(ErrorKind::Usage, QCoreApplication::translate("RomJobs", "the ROM reports product id 0x%1, a chip Piton does not know; %2")
                                             .arg(pid, 4, 16, QLatin1Char('0')).arg(nothing));
}

/** A command without data: its error, or an empty result. */
Result<QByteArray> noData(const Result<void> &r)
{
    if (!r)
        return r.error();
    return QByteArray();
}

} // namespace

namespace {

/** Opens the ROM at `uri`, connects and hands the loader to `use`. */
template <typename Use>
auto withRom(const LinkUri &uri, Use &&use) -> decltype(use(std::declval<RomLoader &>()))
{
    auto rom = openRom(uri);
    if (!rom)
        return rom.error();
    return use(**rom);
}

} // namespace

Result<RomInfo> readRomInfo(const LinkUri &uri)
{
    return withRom(uri, [](RomLoader &rom) { return rom.info(); });
}

Result<QByteArray> romOperation(const LinkUri &uri, const RomRequest &request)
{
    using Kind = RomRequest::Kind;
    if (request.kind == Kind::Read && (request.length == 0 || request.length > 16u * 1024 * 1024))
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("RomJobs", "a ROM read takes 1 byte .. 16 MiB, not %1").arg(request.length));
    if (request.kind == Kind::EraseSectors && request.sectors.isEmpty())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("RomJobs", "no sectors to erase"));
    return withRom(uri, [&request](RomLoader &rom) -> Result<QByteArray> {
        switch (request.kind) {
        case Kind::Read: {
            QByteArray out;
            const quint64 step = quint64(rom.maxTransfer());
            for (quint64 at = request.address; at < quint64(request.address) + request.length; at += step) {
                const int n = int(qMin<quint64>(step, quint64(request.address) + request.length - at));
                auto block = rom.read(quint32(at), n);
                if (!block)
                    return block.error();
                out += *block;
            }
            return out;
        }
        case Kind::EraseSectors: {
            auto info = rom.info();
            if (!info)
                return info.error();
            if (!info->chip)
                return unknownChip(info->pid, QCoreApplication::translate("RomJobs", "nothing was erased"));
            for (int s : request.sectors)
                if (s < 0 || s >= info->chip->sectorSizes.size())
                    return Error::make(ErrorKind::Usage, QCoreApplication::translate("RomJobs", "the %1 has sectors 0..%2, not %3; nothing was erased")
                                                             .arg(info->chip->name)
                                                             .arg(info->chip->sectorSizes.size() - 1)
                                                             .arg(s));
            return noData(rom.eraseSectors(request.sectors));
        }
        case Kind::MassErase: return noData(rom.massErase());
        case Kind::Go: return noData(rom.go(request.address));
        case Kind::ReadoutUnprotect: return noData(rom.readoutUnprotect());
        }
        return QByteArray();
    });
}

RomWriteJob::RomWriteJob(LinkUri uri, Image image, std::optional<quint32> goAddress, QObject *parent)
    : Job(parent), m_uri(std::move(uri)), m_image(std::move(image)), m_go(goAddress)
{
}

RomWriteJob::RomWriteJob(RomLoader &connected, Image image, std::optional<quint32> goAddress, QObject *parent)
    : Job(parent), m_connected(&connected), m_image(std::move(image)), m_go(goAddress)
{
}

QString RomWriteJob::title() const
{
    return QCoreApplication::translate("RomJobs", "ROM write of %1 bytes at %2").arg(m_image.byteCount()).arg(hex32(m_image.lowestAddress()));
}

Result<void> RomWriteJob::execute()
{
    if (m_image.isEmpty())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("RomJobs", "the image holds no data"));
    std::unique_ptr<RomLoader> owned;
    if (!m_connected) {
        auto opened = openRom(m_uri);
        if (!opened)
            return opened.error();
        owned = std::move(*opened);
    }
    RomLoader &rom = m_connected ? *m_connected : *owned;
    if (const QString warning = rom.warning(); !warning.isEmpty())
        log(LogLevel::Warning, warning);
    auto info = rom.info();
    if (!info)
        return info.error();
    m_info = *info;
    if (!m_info.chip)
        return unknownChip(m_info.pid, QCoreApplication::translate("RomJobs", "nothing was changed"));
    const RomChip &chip = *m_info.chip;
    const quint64 flashEnd = chip.flashBase + chip.flashSize();
    if (m_image.lowestAddress() < chip.flashBase || m_image.highestAddressExclusive() > flashEnd)
        return Error::make(ErrorKind::Usage,
                           QCoreApplication::translate("RomJobs", "the image (%1..%2) does not lie in the flash of the %3 (%4..%5); nothing was changed")
                               .arg(hex32(m_image.lowestAddress()), hex32(m_image.highestAddressExclusive() - 1), chip.name,
                                    hex32(chip.flashBase), hex32(flashEnd - 1)));
    // Blocks of at most maxTransfer() bytes, 4-byte aligned, padded with 0xFF (erased flash).
    const int blockSize = rom.maxTransfer();
    struct Block {
        quint32 address;
        QByteArray data;
    };
    QList<Block> blocks;
    qint64 total = 0;
    for (const Segment &s : m_image.segments()) {
        const quint32 start = s.address & ~3u;
        QByteArray data = QByteArray(int(s.address - start), char(0xFF)) + s.data;
        while (data.size() % 4)
            data.append(char(0xFF));
        for (qsizetype off = 0; off < data.size(); off += blockSize) {
            blocks.append(Block{start + quint32(off), data.mid(off, blockSize)});
            total += qMin<qsizetype>(blockSize, data.size() - off);
        }
        const int first = *chip.sectorOf(start);
        const int last = *chip.sectorOf(start + quint32(data.size()) - 1);
        for (int i = first; i <= last; ++i)
            if (!m_erased.contains(i))
                m_erased.append(i);
    }
    std::sort(m_erased.begin(), m_erased.end());
    QStringList names;
    for (int i : m_erased)
        names << QString::number(i);
    log(LogLevel::Info, QCoreApplication::translate("RomJobs", "%1 (PID 0x%2, bootloader %3.%4): erasing sector(s) %5")
                            .arg(chip.name)
                            .arg(m_info.pid, 4, 16, QLatin1Char('0'))
                            .arg(m_info.version >> 4)
                            .arg(m_info.version & 0xF)
                            .arg(names.join(QLatin1Char(','))));
    beginPhase(QStringLiteral("erasing"), qint64(m_erased.size()));
    if (auto r = checkCancelled(); !r)
        return r;
    if (auto r = rom.eraseSectors(m_erased); !r)
        return r.error();
    reportProgress(qint64(m_erased.size()), true);

    beginPhase(QStringLiteral("programming"), total);
    qint64 done = 0;
    for (const Block &b : blocks) {
        if (auto r = checkCancelled(); !r)
            return r;
        if (auto r = rom.write(b.address, b.data); !r)
            return r.error();
        done += b.data.size();
        reportProgress(done);
    }
    reportProgress(done, true);

    beginPhase(QStringLiteral("verifying"), total);
    done = 0;
    for (const Block &b : blocks) {
        if (auto r = checkCancelled(); !r)
            return r;
        auto back = rom.read(b.address, int(b.data.size()));
        if (!back)
            return back.error();
        if (*back != b.data) {
            qsizetype i = 0;
            while (i < b.data.size() && back->at(i) == b.data.at(i))
                ++i;
            return Error::make(ErrorKind::Verify, QCoreApplication::translate("RomJobs", "read back differs at %1: wrote 0x%2, read 0x%3")
                                                      .arg(hex32(b.address + quint32(i)))
                                                      .arg(quint8(b.data.at(i)), 2, 16, QLatin1Char('0'))
                                                      .arg(quint8(back->at(i)), 2, 16, QLatin1Char('0')));
        }
        done += b.data.size();
        reportProgress(done);
    }
    reportProgress(done, true);
    log(LogLevel::Info, QCoreApplication::translate("RomJobs", "%1 bytes written and verified").arg(m_image.byteCount()));
    if (m_go) {
        if (auto r = rom.go(*m_go); !r)
            return r.error();
        log(LogLevel::Info, QCoreApplication::translate("RomJobs", "Go %1 sent").arg(hex32(*m_go)));
    }
    return {};
}

} // namespace piton
