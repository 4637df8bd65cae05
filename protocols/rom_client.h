// RomClient: the STM32 ROM bootloader's USART protocol (ST AN3155 rev 14), spoken over a Link.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

#include "error.h"
#include "link.h"

namespace piton {

/** What the workstation knows about a chip family from its product id (AN2606, RM0090): the
 *  ROM does not report its flash layout. */
struct RomChip {
    quint16 pid = 0;
    QString name;                  ///< e.g. "STM32F40x/41x"
    quint32 flashBase = 0;         ///< absolute address of flash sector 0
    QList<quint32> sectorSizes;    ///< bytes, sector 0 first
    quint64 flashSize() const;
    /** Index of the sector holding `address`, or nullopt outside flash. */
    std::optional<int> sectorOf(quint32 address) const;
    quint32 sectorStart(int index) const;
};

/** The chips Piton knows; nullopt for another product id. Today: 0x0413 (F405/F407/F415/F417:
 *  4 x 16 KiB, 1 x 64 KiB, 7 x 128 KiB at 0x08000000). */
std::optional<RomChip> romChipForPid(quint16 pid);

/** What Get, Get Version and Get ID report (AN3155 §3.1-3.3). */
struct RomInfo {
    quint8 version = 0;            ///< bootloader version, 0x31 = 3.1
    QByteArray commands;           ///< command codes Get lists
    quint16 pid = 0;               ///< product id, 0x0413 for an F405
    std::optional<RomChip> chip;   ///< romChipForPid(pid)
};

/**
 * AN3155 client. Synchronous, on the thread that owns the link; one command at a time.
 * Every command is `code, ~code`, then ACK 0x79 / NACK 0x1F. Limits (AN3155): at most 256 bytes
 * per read or write; write addresses and lengths are padded here to 4 bytes with 0xFF.
 * Errors: ErrorKind::Device for a NACK ("the ROM refused <what> (NACK)", e.g. under readout
 * protection), ErrorKind::Timeout when no answer comes within the command's time (1 s, erases
 * 5 s per sector, mass erase 40 s), ErrorKind::Protocol for a byte that is neither ACK nor NACK
 * or a malformed reply, ErrorKind::Usage for arguments outside the limits (nothing is sent),
 * ErrorKind::Link from the link.
 */
class RomClient {
public:
    /** `link` must stay open and outlive the client. */
    explicit RomClient(Link &link);

    /** Synchronises: sends 0x7F until ACK (fresh ROM) or NACK (already synchronised: its 0x7F
     *  was taken as a command byte), up to `attempts` times with 500 ms between them. */
    Result<void> synchronise(int attempts = 4);

    /** Get (version and commands) and Get ID (product id). */
    Result<RomInfo> info();

    /** Read Memory: `length` 1..256 bytes at `address`. */
    Result<QByteArray> read(quint32 address, int length);

    /** Write Memory: 1..256 bytes at a 4-byte aligned `address` (padded to 4 with 0xFF). */
    Result<void> write(quint32 address, const QByteArray &data);

    /** Extended Erase (0x44) of the listed sectors (at most 512 per call). */
    Result<void> eraseSectors(const QList<int> &sectors);

    /** Extended Erase, global mass erase (0xFFFF). */
    Result<void> massErase();

    /** Go: the ROM jumps to the program whose vector table is at `address`. */
    Result<void> go(quint32 address);

    /** Readout Unprotect (0x92): the chip mass-erases its flash, drops readout protection and
     *  resets (synchronise() again afterwards). Waits up to 40 s for the second ACK. */
    Result<void> readoutUnprotect();

private:
    Result<void> command(quint8 code, const QString &what);
    Result<void> sendAndAck(const QByteArray &bytes, const QString &what, int timeoutMs = 1000);
    Result<quint8> readByte(int timeoutMs, const QString &what);
    Result<QByteArray> readBytes(int count, int timeoutMs, const QString &what);
    static QByteArray addressBytes(quint32 address);

    Link &m_link;
    QByteArray m_pending; // bytes read but not consumed yet
};

} // namespace piton
