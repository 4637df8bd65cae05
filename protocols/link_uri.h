// LinkUri: the textual address of a link, and the factory that makes a Link from it.
#pragma once

#include <QList>
#include <QString>

#include <memory>

#include "error.h"
#include "link.h"
#include "usb_devices.h"

namespace piton {

/**
 * A parsed link address. Accepted forms:
 *   serial:/dev/ttyUSB0              serial port or pseudo-terminal, 115200 baud
 *   serial:/dev/ttyUSB0?baud=921600  explicit baud rate (positive integer)
 *   tcp:HOST:PORT                    e.g. tcp:127.0.0.1:4000, tcp:board.local:4000
 *   tcp:[IPV6]:PORT                  e.g. tcp:[::1]:4000
 *   usb:                             the one Piton USB board present (known VID:PID list, docs/usb.md)
 *   usb:1209:0001                    by VID:PID (4 hex digits each; need not be in the known list)
 *   usb:?serial=PT-0001              by USB serial string (the board's serial number)
 *   usb:?path=1-1.2                  by port path BUS-PORT[.PORT]... (a socket on a fixture)
 *   usb:1209:0001?serial=X&path=1-2  selectors combine; all must match
 *   rom+serial:/dev/ttyUSB0[?baud=N] the chip's ROM bootloader on a UART (AN3155, 8E1 where the
 *                                    port can, default 115200 baud): `piton-cli rom`, `recover --rom`
 *   rom+serial:PATH?entry=SEQ&exit=SEQ  boards that wire BOOT0/NRST to DTR/RTS: SEQ is steps
 *                                    `dtr`, `-dtr`, `rts`, `-rts` separated by ',' (100 ms apart),
 *                                    as stm32flash's -i; entry before the 0x7F, exit after Go
 *   dfu:[VID:PID][?serial=S&path=P]  the chip's ROM bootloader as a USB DfuSe device (DfuSeClient,
 *                                    dfuse_client.h); VID:PID default 0483:df11 (STM32 ROM); the
 *                                    selectors are those of usb: (UsbSelector)
 */
struct LinkUri {
    enum class Kind { Serial, Tcp, Usb, RomSerial, Dfu };
    Kind kind = Kind::Serial;
    QString path;         ///< serial device path (Serial, RomSerial); canonical selector text after "usb:"/"dfu:" (Usb, Dfu)
    UsbSelector usb;      ///< which USB device (Usb, Dfu; for Dfu without VID:PID: 0483:df11)
    qint32 baud = 115200; ///< bits per second (Serial, RomSerial)
    QString host;         ///< host name or address, IPv6 without brackets (Tcp)
    quint16 port = 0;     ///< TCP port 1..65535 (Tcp)
    QList<ModemStep> romEntry; ///< DTR/RTS steps that start the ROM (RomSerial), empty: none
    QList<ModemStep> romExit;  ///< DTR/RTS steps after Go (RomSerial), empty: none

    /** Canonical text form; parse(toString()) gives the same LinkUri. The baud rate is omitted
     *  when it is the default 115200. */
    QString toString() const;

    /** Parses `text`. Errors (ErrorKind::Usage, message naming the problem): unknown scheme,
     *  empty path, unknown or malformed query parameter, non-positive baud, missing/invalid
     *  host or port, unterminated IPv6 bracket, malformed USB selector (UsbSelector::parse). */
    static Result<LinkUri> parse(const QString &text);
};

/** Parses a modem-line sequence "rts,-dtr,dtr" (steps `[-]dtr` / `[-]rts`, case-insensitive;
 *  `-` clears the signal, without it the signal is set), as stm32flash's -i without '&'.
 *  Errors: Usage naming the step. */
Result<QList<ModemStep>> parseModemSequence(const QString &text);
/** The text form of a sequence, "rts,-dtr,dtr". */
QString modemSequenceToString(const QList<ModemStep> &steps);

/** Makes an unopened Link for `uri`: SerialLink for Serial, TcpLink for Tcp, UsbLink for Usb.
 *  Error Usage for RomSerial and Dfu (the ROM does not speak Piton's protocol: createRomLoader in rom_loader.h); other
 *  errors surface from Link::open(). */
Result<std::unique_ptr<Link>> createLink(const LinkUri &uri);

} // namespace piton
