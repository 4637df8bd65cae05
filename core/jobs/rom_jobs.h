// Jobs through a chip's ROM bootloader (STM32, AN3155 over rom+serial:), the third rung of
// recovery (docs/rom-loader.md): read what the ROM is, and write an image with it.
#pragma once

#include "image/image.h"
#include "jobs/job.h"
#include "link_uri.h"
#include "rom_loader.h"

#include <optional>

namespace piton {

/** Opens `uri` (a ROM link: rom+serial:, see rom_loader.h), connects and returns what the ROM
 *  reports. Errors: Usage (not a ROM link), those of RomLoader. */
Result<RomInfo> readRomInfo(const LinkUri &uri);

/** What romOperation() does. */
struct RomRequest {
    enum class Kind { Read, EraseSectors, MassErase, Go, ReadoutUnprotect };
    Kind kind = Kind::Read;
    quint32 address = 0;   ///< Read, Go
    quint32 length = 0;    ///< Read: bytes (1 .. 16 MiB), in RomLoader::maxTransfer() commands
    QList<int> sectors;    ///< EraseSectors
};

/** Opens `uri`, synchronises and does `request` (AN3155): Read returns the bytes, the others an
 *  empty array. EraseSectors checks the numbers against the chip (romChipForPid) first;
 *  ReadoutUnprotect mass-erases the chip (ask the user loudly before). Errors: Usage (link,
 *  length, sector numbers, unknown chip for an erase list; nothing sent), those of RomLoader. */
Result<QByteArray> romOperation(const LinkUri &uri, const RomRequest &request);

/**
 * Writes `image` through the ROM: checks that it lies in the chip's flash (RomChip; else Usage,
 * nothing sent), erases every sector it touches (one Extended Erase), programs it in blocks of
 * RomLoader::maxTransfer() bytes (a segment that starts or ends off a 4-byte boundary is
 * padded with 0xFF), reads every block back and compares (Verify error naming the first differing address), then, with
 * `goAddress`, sends Go. Phases: "erasing", "programming", "verifying". Errors: Usage (link,
 * image outside flash, unknown chip), Verify, and those of RomLoader; a NACK names the step.
 */
class RomWriteJob : public Job {
    Q_OBJECT
public:
    RomWriteJob(LinkUri uri, Image image, std::optional<quint32> goAddress, QObject *parent = nullptr);
    /** Writes through `connected`, a RomLoader already connected (the recovery ladder's, which
     *  read the key area for the plan on it): no new connection is made. `connected` must
     *  outlive the job and is left open. */
    RomWriteJob(RomLoader &connected, Image image, std::optional<quint32> goAddress, QObject *parent = nullptr);
    QString title() const override;
    /** What the ROM reported (valid after run() got that far). */
    const RomInfo &info() const { return m_info; }
    /** The sectors erased (valid after run()). */
    const QList<int> &erasedSectors() const { return m_erased; }

protected:
    Result<void> execute() override;

private:
    LinkUri m_uri;
    RomLoader *m_connected = nullptr;
    Image m_image;
    std::optional<quint32> m_go;
    RomInfo m_info;
    QList<int> m_erased;
};

} // namespace piton
