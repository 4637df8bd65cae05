// SerialLink: a Link over a serial port or a pseudo-terminal (QSerialPort).
#pragma once

#include <QString>

#include <memory>

#include "link.h"

class QSerialPort;

namespace piton {

/**
 * Serial line, 8N1, no flow control. Real ports get the requested baud rate; pseudo-terminals
 * (piton-vboard's serial line) ignore baud rates and refuse modem-control ioctls, so for them
 * failures to set baud/DTR/RTS are ignored. Input that was waiting before open() is cleared.
 * A port that disappears (USB adapter unplugged, pty master closed) is reported as
 * ErrorKind::Link by read()/write(). Preferred maximum payload: 4096 bytes.
 */
class SerialLink final : public Link {
public:
    /** `path`: device path such as /dev/ttyUSB0 or /dev/pts/5; `baud`: bits per second. */
    explicit SerialLink(QString path, qint32 baud = 115200);
    ~SerialLink() override;

    Result<void> open() override;
    void close() override;
    bool isOpen() const override;
    Result<void> write(const QByteArray &bytes) override;
    Result<QByteArray> read(int timeoutMs) override;
    QString describe() const override;
    quint32 preferredMaxPayload() const override { return 4096; }

    QString path() const { return m_path; }
    qint32 baud() const { return m_baud; }
    /** True when the opened device is a pseudo-terminal (known after open()). */
    bool isPseudoTerminal() const { return m_isPty; }

private:
    Error lost(const QString &what);

    QString m_path;
    qint32 m_baud;
    bool m_isPty = false;
    std::unique_ptr<QSerialPort> m_port;
};

} // namespace piton
