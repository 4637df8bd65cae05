// Link: a byte stream to one board (serial line, TCP connection, later USB bulk endpoints).
#pragma once

#include <QByteArray>
#include <QString>

#include "error.h"

namespace piton {

/** A serial port's modem control outputs, which some boards wire to BOOT0 and NRST. */
enum class ModemSignal { Dtr, Rts };

/** One step of a modem-line sequence: set `signal` (asserted) or clear it. */
struct ModemStep {
    ModemSignal signal = ModemSignal::Dtr;
    bool asserted = true;
    bool operator==(const ModemStep &) const = default;
};

/**
 * Abstract byte-stream link in blocking style. A Link is used from ONE thread at a time and
 * needs no running event loop, so it works on worker threads and in the CLI. Implementations
 * create their Qt I/O objects in open(), so a Link may be constructed on one thread and used on
 * another (open it on the thread that uses it). Never used on the GUI thread.
 */
class Link {
public:
    Link() = default;
    Link(const Link &) = delete;
    Link &operator=(const Link &) = delete;
    virtual ~Link() = default;

    /** Opens the connection. Errors: ErrorKind::Link (cannot open/connect, with the OS reason),
     *  ErrorKind::Timeout (TCP connect took longer than 3000 ms). Opening an open link is OK. */
    virtual Result<void> open() = 0;

    /** Closes the connection; safe to call when closed. */
    virtual void close() = 0;

    /** True between a successful open() and close() or the loss of the connection. */
    virtual bool isOpen() const = 0;

    /** Writes all of `bytes`; blocks until they are handed to the OS.
     *  Errors: ErrorKind::Link when not open or the connection is gone. */
    virtual Result<void> write(const QByteArray &bytes) = 0;

    /** Waits up to `timeoutMs` milliseconds for at least one byte and returns everything that is
     *  available; returns an empty QByteArray on timeout. Errors: ErrorKind::Link when not open
     *  or the connection is gone (port removed, remote closed). */
    virtual Result<QByteArray> read(int timeoutMs) = 0;

    /** Human-readable description for logs and messages, e.g. "serial /dev/ttyUSB0 at 115200 baud". */
    virtual QString describe() const = 0;

    /** Maximum payload in bytes this kind of link asks for in PING: 4096 serial, 16384 TCP. */
    virtual quint32 preferredMaxPayload() const = 0;

    /** Time one byte takes on the medium in microseconds (a UART: bits per byte / baud); 0 for
     *  a link whose speed does not matter for timeouts (TCP, USB). The client waits this long
     *  per byte on the way, on top of its retransmission timeout. */
    virtual quint32 byteTimeUs() const { return 0; }

    /** Sets a modem control output: `asserted` true sets the signal (RS-232 logic: on a TTL
     *  USB-serial adapter the DTR#/RTS# pin then goes low). Errors: ErrorKind::Link when the link
     *  has no such lines (TCP, USB, a pseudo-terminal) or the port refuses. Default: no lines. */
    virtual Result<void> setModemSignal(ModemSignal signal, bool asserted)
    {
        Q_UNUSED(asserted);
        return Error::make(ErrorKind::Link, QStringLiteral("%1 has no %2 line").arg(describe(),
                           signal == ModemSignal::Dtr ? QStringLiteral("DTR") : QStringLiteral("RTS")));
    }
};

} // namespace piton
