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
    /** `path`: device path such as /dev/ttyUSB0 or /dev/pts/5; `baud`: bits per second;
     *  `evenParity`: 8E1 instead of 8N1 (an STM32 ROM bootloader, AN3155). A pseudo-terminal
     *  cannot carry parity (the kernel clears PARENB): there the line stays 8N1 and
     *  parityIgnored() says so. */
    explicit SerialLink(QString path, qint32 baud = 115200, bool evenParity = false);
    ~SerialLink() override;

    Result<void> open() override;
    void close() override;
    bool isOpen() const override;
    Result<void> write(const QByteArray &bytes) override;
    Result<QByteArray> read(int timeoutMs) override;
    QString describe() const override;
    quint32 preferredMaxPayload() const override { return 4096; }
    /** 10 bit times per byte (8N1), 11 with even parity, at baud(); also on a pty (piton-vboard
     *  may pace it at a baud rate). */
    quint32 byteTimeUs() const override
    {
        return m_baud > 0 ? quint32((m_evenParity ? 11u : 10u) * 1000000u / quint32(m_baud)) : 0u;
    }
    /** Sets DTR or RTS (QSerialPort). Errors: Link when not open, on a pseudo-terminal (it has no
     *  modem lines: TIOCMSET gives ENOTTY), or when the port refuses. */
    Result<void> setModemSignal(ModemSignal signal, bool asserted) override;

    QString path() const { return m_path; }
    qint32 baud() const { return m_baud; }
    /** True when the opened device is a pseudo-terminal (known after open()). */
    bool isPseudoTerminal() const { return m_isPty; }
    /** True when even parity was asked but the device is a pty, so the line is 8N1. */
    bool parityIgnored() const { return m_evenParity && m_isPty; }

private:
    Error lost(const QString &what);

    QString m_path;
    qint32 m_baud;
    bool m_evenParity = false;
    bool m_isPty = false;
    std::unique_ptr<QSerialPort> m_port;
};

} // namespace piton
