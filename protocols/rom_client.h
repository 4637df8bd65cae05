// RomClient: the STM32 ROM bootloader's USART protocol (ST AN3155 rev 14), spoken over a Link.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

#include "error.h"
#include "link.h"
#include "rom_loader.h"

#include <functional>
#include <memory>

namespace piton {

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
class RomClient : public RomLoader {
public:
    /** `link` must outlive the client (a scripted link in tests). */
    explicit RomClient(Link &link);
    /** The client owns `link` (createRomLoader). */
    explicit RomClient(std::unique_ptr<Link> link);

    /** DTR/RTS steps that start the ROM (BOOT0 high, pulse NRST) before the 0x7F, and that
     *  restart the board after Go (BOOT0 low, pulse NRST); 100 ms after each step, as
     *  stm32flash's -i. Empty: none (the default). */
    void setModemSequences(QList<ModemStep> entry, QList<ModemStep> exit);

    /** Opens the link when it is closed, runs the entry sequence, then synchronise(). Errors: a
     *  step the port refuses (Link: "... set BOOT0 high and press reset instead"). */
    Result<void> connect() override;
    void close() override;
    /** "AN3155 ROM on <link>". */
    QString describe() const override;
    /** On a pseudo-terminal: it carries no parity, so 8N1 is used instead of 8E1. */
    QString warning() const override;
    int maxTransfer() const override { return 256; }

    /** Synchronises: sends 0x7F until ACK (fresh ROM) or NACK (already synchronised: its 0x7F
     *  was taken as a command byte), up to `attempts` times with 500 ms between them. */
    Result<void> synchronise(int attempts = 4);

    /** Get (version and commands) and Get ID (product id). */
    Result<RomInfo> info() override;

    /** Read Memory: `length` 1..256 bytes at `address`. */
    Result<QByteArray> read(quint32 address, int length) override;

    /** Write Memory: 1..256 bytes at a 4-byte aligned `address` (padded to 4 with 0xFF). */
    Result<void> write(quint32 address, const QByteArray &data) override;

    /** Extended Erase (0x44) of the listed sectors (at most 512 per call). */
    Result<void> eraseSectors(const QList<int> &sectors) override;

    /** Extended Erase, global mass erase (0xFFFF). */
    Result<void> massErase() override;

    /** Go: the ROM jumps to the program whose vector table is at `address`; then the exit
     *  sequence, when one is set. */
    Result<void> go(quint32 address) override;

    /** Readout Unprotect (0x92): the chip mass-erases its flash, drops readout protection and
     *  resets (synchronise() again afterwards). Waits up to 40 s for the second ACK. */
    Result<void> readoutUnprotect() override;

    /** Resynchronisation after a failed command (AN3155 gives the ROM no timeout: a ROM that
     *  lost bytes of a command still waits for the rest; stm32flash's stm32_resync does the
     *  same): (1) reads and drops what the ROM still sends until it is quiet for 100 ms (the
     *  rest of an answer, a late NACK); (2) sends 0xFF one byte at a time, waiting 50 ms for an
     *  answer after each, until the ROM answers NACK: 0xFF fills whatever the ROM still waits
     *  for (address, length, data, page numbers) with bytes that never complete a command that
     *  changes anything (a checksum over 0xFF bytes fails, 0xFF 0xFF is no command, a flash write
     *  of 0xFF programs nothing) and is itself no command; (3) drains again and checks with Get
     *  Version (0x01: ACK, 3 bytes, ACK). A check that fails goes back to (2). The whole takes at
     *  most 20 s (a Write Memory missing all its 257 data bytes needs ~13 s of (2));
     *  piton-vboard's ROM also drops a partial command idle for 2 s (vb_rom.h), which (2) then
     *  meets as a NACK. Errors: Timeout ("the ROM bootloader did not come back ... within 20 s;
     *  reset the board with BOOT0 high"), the link's. */
    Result<void> resynchronise() override;

    /** Replaces the clock (tests and fuzzing: time that passes only when the link is silent).
     *  `nowMs`: a monotonic time in ms; `sleepMs`: waits that long. Default: QElapsedTimer and
     *  QThread::msleep. */
    void setClock(std::function<qint64()> nowMs, std::function<void(int)> sleepMs);

private:
    Result<void> command(quint8 code, const QString &what);
    Result<void> sendAndAck(const QByteArray &bytes, const QString &what, int timeoutMs = 1000);
    Result<quint8> readByte(int timeoutMs, const QString &what);
    Result<QByteArray> readBytes(int count, int timeoutMs, const QString &what);
    static QByteArray addressBytes(quint32 address);

    /** Reads and drops bytes until the link is quiet for `quietMs`. */
    Result<void> drain(int quietMs);
    qint64 nowMs() const;
    void sleepMs(int ms);

    std::function<qint64()> m_nowMs;     // empty: the real clock
    std::function<void(int)> m_sleepMs;  // empty: QThread::msleep
    std::unique_ptr<Link> m_owned; // when the client owns its link
    Link &m_link;
    QByteArray m_pending; // bytes read but not consumed yet
    QList<ModemStep> m_entry, m_exit;
    Result<void> runSequence(const QList<ModemStep> &steps, const QString &what);
};

} // namespace piton
