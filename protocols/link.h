// Link: a byte stream to one board (serial line, TCP connection, later USB bulk endpoints).
#pragma once

#include <QByteArray>
#include <QString>

#include "error.h"

namespace piton {

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
};

} // namespace piton
