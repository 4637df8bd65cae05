#include "tcp_link.h"

#include <QElapsedTimer>
#include <QTcpSocket>

#include <algorithm>

namespace piton {

TcpLink::TcpLink(QString host, quint16 port) : m_host(std::move(host)), m_port(port) {}

TcpLink::~TcpLink()
{
    close();
}

Result<void> TcpLink::open()
{
    if (isOpen())
        return {};
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(m_host, m_port);
    if (!m_socket->waitForConnected(ConnectTimeoutMs)) {
        const auto err = m_socket->error();
        const QString reason = m_socket->errorString();
        m_socket.reset();
        if (err == QAbstractSocket::SocketTimeoutError)
            return Error::make(ErrorKind::Timeout,
                               QStringLiteral("cannot connect to %1: no answer within %2 ms")
                                   .arg(describe()).arg(ConnectTimeoutMs));
        return Error::make(ErrorKind::Link, QStringLiteral("cannot connect to %1: %2").arg(describe(), reason));
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    return {};
}

void TcpLink::close()
{
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
}

bool TcpLink::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

Error TcpLink::lost(const QString &what)
{
    QString reason = m_socket ? m_socket->errorString() : QStringLiteral("not connected");
    if (m_socket && m_socket->error() == QAbstractSocket::RemoteHostClosedError)
        reason = QStringLiteral("connection closed by the device");
    close();
    return Error::make(ErrorKind::Link, QStringLiteral("%1: %2 failed: %3").arg(describe(), what, reason));
}

Result<void> TcpLink::write(const QByteArray &bytes)
{
    if (!isOpen())
        return lost(QStringLiteral("write"));
    if (m_socket->write(bytes) != bytes.size())
        return lost(QStringLiteral("write"));
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(10000)) {
            if (m_socket->error() == QAbstractSocket::SocketTimeoutError)
                return Error::make(ErrorKind::Link,
                                   QStringLiteral("%1: write did not complete within 10000 ms").arg(describe()));
            return lost(QStringLiteral("write"));
        }
    }
    return {};
}

Result<QByteArray> TcpLink::read(int timeoutMs)
{
    if (!m_socket)
        return Error::make(ErrorKind::Link, QStringLiteral("%1 is not connected").arg(describe()));
    if (m_socket->bytesAvailable() > 0)
        return m_socket->readAll();
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return lost(QStringLiteral("read"));
    if (!m_socket->waitForReadyRead(std::max(timeoutMs, 0))) {
        if (m_socket->bytesAvailable() > 0)
            return m_socket->readAll();
        if (m_socket->error() == QAbstractSocket::SocketTimeoutError
            && m_socket->state() == QAbstractSocket::ConnectedState)
            return QByteArray();
        return lost(QStringLiteral("read"));
    }
    return m_socket->readAll();
}

QString TcpLink::describe() const
{
    if (m_host.contains(QLatin1Char(':')))
        return QStringLiteral("tcp [%1]:%2").arg(m_host).arg(m_port);
    return QStringLiteral("tcp %1:%2").arg(m_host).arg(m_port);
}

} // namespace piton
