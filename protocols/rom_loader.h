// RomLoader: what Piton asks of a chip's ROM bootloader (system memory), whatever carries it:
// ST AN3155 over a UART (RomClient, rom+serial:) or DFU 1.1 with ST's DfuSe extensions over USB
// (UM0424, AN3156). Jobs (core/jobs/rom_jobs.h) and the recovery ladder (recover_job.h) use
// only this interface; a new ROM transport is one class plus one row in rom_loader.cpp
// (kRomLoaders): the URI scheme it serves and how it derives from a board link.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

#include "error.h"
#include "link_uri.h"

namespace piton {

/** A chip's flash as the workstation knows it: from the product id (AN2606, RM0090; the AN3155
 *  ROM does not report its layout) or from the DfuSe alternate setting's layout string
 *  (UM0424 §4.3.2, e.g. "@Internal Flash /0x08000000/04*016Kg,01*064Kg,07*128Kg"). */
struct RomChip {
    quint16 pid = 0;               ///< product id; 0 when unknown (DfuSe reports none)
    QString name;                  ///< e.g. "STM32F40x/41x"
    quint32 flashBase = 0;         ///< absolute address of flash sector 0
    QList<quint32> sectorSizes;    ///< bytes, sector 0 first
    /** Sum of sectorSizes, in bytes. */
    quint64 flashSize() const;
    /** Index of the sector holding `address`, or nullopt outside flash. */
    std::optional<int> sectorOf(quint32 address) const;
    /** Absolute address of sector `index` (0-based; past the last: the end of flash). */
    quint32 sectorStart(int index) const;
};

/** The chips Piton knows by AN3155 product id; nullopt for another. Today: 0x0413
 *  (F405/F407/F415/F417: 4 x 16 KiB, 1 x 64 KiB, 7 x 128 KiB at 0x08000000). */
std::optional<RomChip> romChipForPid(quint16 pid);

/** What a ROM reports about itself. */
struct RomInfo {
    QString protocol;              ///< "AN3155" (UART) or "DfuSe" (USB)
    quint8 version = 0;            ///< bootloader version, 0x31 = 3.1 (AN3155 Get); DfuSe: bcdDFU low byte or 0
    QByteArray commands;           ///< command codes the ROM lists (AN3155 Get; DfuSe: UPLOAD of block 0)
    quint16 pid = 0;               ///< product id (AN3155 Get ID), 0x0413 for an F405; 0 when not reported
    std::optional<RomChip> chip;   ///< flash layout, when known (romChipForPid or the DfuSe layout string)
};

/**
 * A chip's ROM bootloader, reached over one link. Synchronous, on the thread that created it;
 * one command at a time. Errors common to all methods: ErrorKind::Link (the link failed or is
 * not open), ErrorKind::Timeout (no answer in the command's time), ErrorKind::Device (the ROM
 * refused: AN3155 NACK, DfuSe dfuERROR status; the message names the command and address),
 * ErrorKind::Protocol (a malformed answer), ErrorKind::Usage (arguments outside the ROM's
 * limits: nothing is sent).
 */
class RomLoader {
public:
    RomLoader() = default;
    RomLoader(const RomLoader &) = delete;
    RomLoader &operator=(const RomLoader &) = delete;
    virtual ~RomLoader() = default;

    /** Opens the link and reaches the ROM (AN3155: 0x7F synchronisation with retries; DfuSe:
     *  find the device, clear an error state). Errors: the link's; Timeout when no ROM answers
     *  (the message says to set BOOT0 high and reset). */
    virtual Result<void> connect() = 0;
    /** Closes the link; safe when closed. */
    virtual void close() = 0;
    /** For logs and messages, e.g. "AN3155 ROM on serial /dev/ttyUSB0 at 115200 baud". */
    virtual QString describe() const = 0;
    /** What the user should know about this link after connect(), e.g. "pseudo-terminal: 8N1
     *  instead of 8E1"; empty when nothing. */
    virtual QString warning() const { return {}; }

    /** What the ROM reports (AN3155 Get + Get ID; DfuSe descriptors and layout string). */
    virtual Result<RomInfo> info() = 0;
    /** Largest `length` of read() and size of write(), in bytes (AN3155: 256; DfuSe:
     *  wTransferSize). */
    virtual int maxTransfer() const = 0;

    /** Reads `length` (1..maxTransfer()) bytes at absolute `address`. */
    virtual Result<QByteArray> read(quint32 address, int length) = 0;
    /** Programs 1..maxTransfer() bytes at `address` (4-byte aligned; the length is padded to 4
     *  with 0xFF). The flash there must be erased. */
    virtual Result<void> write(quint32 address, const QByteArray &data) = 0;
    /** Erases the listed flash sectors (numbers 0-based as in RomChip::sectorSizes). */
    virtual Result<void> eraseSectors(const QList<int> &sectors) = 0;
    /** Erases the whole flash (AN3155 Extended Erase 0xFFFF; DfuSe erase command without address). */
    virtual Result<void> massErase() = 0;
    /** Starts the program whose vector table is at `address` (AN3155 Go; DfuSe Set Address and
     *  leave). The chip resets; the link may drop. */
    virtual Result<void> go(quint32 address) = 0;
    /** Drops readout protection: the chip mass-erases its flash and resets (AN3155 0x92; DfuSe
     *  0x92). Ask the user loudly before. */
    virtual Result<void> readoutUnprotect() = 0;

    /** Brings the ROM back to "waiting for a command" after a command that failed (a NACK, a
     *  timeout, a malformed answer), so that a command that changes nothing (read()) can be
     *  asked again: AN3155 drains what the ROM still sends and feeds it 0xFF until it NACKs,
     *  then checks with Get Version (RomClient::resynchronise); DfuSe clears dfuERROR and
     *  aborts to dfuIDLE. Errors: Timeout when the ROM does not come back within the method's
     *  time; the link's. Default: nothing to do. */
    virtual Result<void> resynchronise() { return {}; }
};

/** True when `uri` addresses a ROM bootloader (a scheme in the table: rom+serial:, dfu:). */
bool isRomLoaderUri(const LinkUri &uri);

/** Makes an unconnected RomLoader for `uri` from the table. Errors: Usage for a link that is not
 *  a ROM bootloader ("... is not a ROM bootloader link; use rom+serial:PATH"). */
Result<std::unique_ptr<RomLoader>> createRomLoader(const LinkUri &uri);

/** The ROM link that reaches the same chip as the board link `boardUri`, for the recovery
 *  ladder: serial:PATH[?baud=N] gives rom+serial:PATH[?baud=N]; usb:[...][?path=P] gives
 *  dfu:[?path=P] (the ROM's DFU device, 0483:df11, in the same socket). nullopt when no ROM transport
 *  derives from that kind of link (tcp:). */
std::optional<LinkUri> romUriForBoardLink(const LinkUri &boardUri);

/** True when `openError`, the error of opening the board link `boardUri` and waiting for PING,
 *  means that no Piton code answers there, so that the recovery ladder tries the chip's ROM:
 *  ErrorKind::Timeout or Protocol on any link (silence, or bytes that are not Piton frames, as
 *  from a ROM on the same UART); on usb:, also ErrorKind::Link when no Piton USB device matching
 *  the link is on the bus now (listUsbDevices), since a chip in its ROM enumerates as another
 *  device (the DfuSe device 0483:df11). False for anything that would keep the ROM from being
 *  reached too (a serial port that cannot be opened, USB permission denied or interface busy on
 *  a Piton device that is present). */
bool boardLinkSilent(const LinkUri &boardUri, const Error &openError);

} // namespace piton
