// TcpLink: a Link over a TCP connection (QTcpSocket).
#pragma once

#include <QString>

#include <memory>

#include "link.h"

class QTcpSocket;

namespace piton {

/**
 * TCP client connection with TCP_NODELAY (QAbstractSocket::LowDelayOption). open() gives up
 * after 3000 ms (ErrorKind::Timeout) or when the connection is refused (ErrorKind::Link).
 * A connection closed by the remote end is reported as ErrorKind::Link by read()/write().
 * Preferred maximum payload: 16384 bytes.
 */
class TcpLink final : public Link {
public:
    static constexpr int ConnectTimeoutMs = 3000;

    /** `host`: name or address (IPv6 without brackets); `port`: 1..65535. */
    TcpLink(QString host, quint16 port);
    ~TcpLink() override;

    Result<void> open() override;
    void close() override;
    bool isOpen() const override;
    Result<void> write(const QByteArray &bytes) override;
    Result<QByteArray> read(int timeoutMs) override;
    QString describe() const override;
    quint32 preferredMaxPayload() const override { return 16384; }

    QString host() const { return m_host; }
    quint16 port() const { return m_port; }

private:
    Error lost(const QString &what);

    QString m_host;
    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
};

} // namespace piton
