// LinkUri: the textual address of a link, and the factory that makes a Link from it.
#pragma once

#include <QString>

#include <memory>

#include "error.h"
#include "link.h"

namespace piton {

/**
 * A parsed link address. Accepted forms:
 *   serial:/dev/ttyUSB0              serial port or pseudo-terminal, 115200 baud
 *   serial:/dev/ttyUSB0?baud=921600  explicit baud rate (positive integer)
 *   tcp:HOST:PORT                    e.g. tcp:127.0.0.1:4000, tcp:board.local:4000
 *   tcp:[IPV6]:PORT                  e.g. tcp:[::1]:4000
 *   usb:SPEC                         parsed (SPEC kept in `path`), but no USB link exists yet
 */
struct LinkUri {
    enum class Kind { Serial, Tcp, Usb };
    Kind kind = Kind::Serial;
    QString path;         ///< serial device path (Serial); the text after "usb:" (Usb)
    qint32 baud = 115200; ///< bits per second (Serial)
    QString host;         ///< host name or address, IPv6 without brackets (Tcp)
    quint16 port = 0;     ///< TCP port 1..65535 (Tcp)

    /** Canonical text form; parse(toString()) gives the same LinkUri. The baud rate is omitted
     *  when it is the default 115200. */
    QString toString() const;

    /** Parses `text`. Errors (ErrorKind::Usage, message naming the problem): unknown scheme,
     *  empty path, unknown or malformed query parameter, non-positive baud, missing/invalid
     *  host or port, unterminated IPv6 bracket. */
    static Result<LinkUri> parse(const QString &text);
};

/** Makes an unopened Link for `uri`: SerialLink for Serial, TcpLink for Tcp.
 *  Errors: ErrorKind::Link "USB links are not available yet" for Usb. */
Result<std::unique_ptr<Link>> createLink(const LinkUri &uri);

} // namespace piton
