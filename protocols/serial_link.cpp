#include "serial_link.h"

#include <QSerialPort>

#include <algorithm>

#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace piton {

namespace {
// Unix98 pty slaves have major numbers 136..143 (Linux Documentation/admin-guide/devices.txt).
bool isPtySlave(const QString &path)
{
    struct stat st {};
    if (::stat(path.toLocal8Bit().constData(), &st) != 0 || !S_ISCHR(st.st_mode))
        return false;
    const unsigned maj = major(st.st_rdev);
    return maj >= 136 && maj <= 143;
}
} // namespace

SerialLink::SerialLink(QString path, qint32 baud, bool evenParity)
    : m_path(std::move(path)), m_baud(baud), m_evenParity(evenParity)
{
}

SerialLink::~SerialLink()
{
    close();
}

Result<void> SerialLink::open()
{
    if (isOpen())
        return {};
    m_isPty = isPtySlave(m_path);
    m_port = std::make_unique<QSerialPort>();
    m_port->setPortName(m_path);
    // Settings applied before open() are applied by open(); a pty accepts them (termios) but
    // ignores the baud rate.
    m_port->setBaudRate(m_baud);
    m_port->setDataBits(QSerialPort::Data8);
    m_port->setParity(m_evenParity && !m_isPty ? QSerialPort::EvenParity : QSerialPort::NoParity);
    m_port->setStopBits(QSerialPort::OneStop);
    m_port->setFlowControl(QSerialPort::NoFlowControl);
    if (!m_port->open(QIODevice::ReadWrite)) {
        const QString reason = m_port->errorString();
        const auto code = m_port->error();
        m_port.reset();
        QString hint;
        if (code == QSerialPort::PermissionError)
            hint = QStringLiteral(" (is it in use, or is the user missing from the dialout group?)");
        else if (code == QSerialPort::DeviceNotFoundError)
            hint = QStringLiteral(" (no such device)");
        return Error::make(ErrorKind::Link,
                           QStringLiteral("cannot open serial port %1: %2%3").arg(m_path, reason, hint));
    }
    if (!m_isPty) {
        // Modem-control lines: real adapters want DTR/RTS asserted; a pty refuses the ioctls.
        m_port->setDataTerminalReady(true);
        m_port->setRequestToSend(true);
    }
    m_port->clearError();
    // Drop whatever the line carried before we opened it (stale responses, boot messages).
    m_port->clear(QSerialPort::Input);
    m_port->waitForReadyRead(0);
    m_port->readAll();
    m_port->clearError();
    return {};
}

void SerialLink::close()
{
    if (m_port) {
        if (m_port->isOpen())
            m_port->close();
        m_port.reset();
    }
}

bool SerialLink::isOpen() const
{
    return m_port && m_port->isOpen();
}

Error SerialLink::lost(const QString &what)
{
    const QString reason = m_port ? m_port->errorString() : QStringLiteral("not open");
    close();
    return Error::make(ErrorKind::Link, QStringLiteral("serial port %1: %2 failed: %3").arg(m_path, what, reason));
}

Result<void> SerialLink::write(const QByteArray &bytes)
{
    if (!isOpen())
        return Error::make(ErrorKind::Link, QStringLiteral("serial port %1 is not open").arg(m_path));
    qsizetype done = 0;
    while (done < bytes.size()) {
        const qint64 n = m_port->write(bytes.constData() + done, bytes.size() - done);
        if (n < 0)
            return lost(QStringLiteral("write"));
        done += n;
    }
    // Hand everything to the OS. A serial line at 9600 baud moves ~1 byte per ms; allow for it.
    const int budgetMs = 2000 + int(std::min<qint64>(qint64(bytes.size()) * 10000 / std::max(m_baud, 1), 60000));
    while (m_port->bytesToWrite() > 0) {
        if (!m_port->waitForBytesWritten(budgetMs)) {
            if (m_port->error() == QSerialPort::TimeoutError)
                return Error::make(ErrorKind::Link,
                                   QStringLiteral("serial port %1: write did not complete within %2 ms")
                                       .arg(m_path).arg(budgetMs));
            return lost(QStringLiteral("write"));
        }
    }
    if (m_port->error() == QSerialPort::ResourceError || m_port->error() == QSerialPort::WriteError)
        return lost(QStringLiteral("write"));
    return {};
}

Result<QByteArray> SerialLink::read(int timeoutMs)
{
    if (!isOpen())
        return Error::make(ErrorKind::Link, QStringLiteral("serial port %1 is not open").arg(m_path));
    if (m_port->bytesAvailable() == 0) {
        if (!m_port->waitForReadyRead(std::max(timeoutMs, 0))) {
            const auto err = m_port->error();
            if (err == QSerialPort::TimeoutError || err == QSerialPort::NoError) {
                m_port->clearError();
                return QByteArray();
            }
            return lost(QStringLiteral("read"));
        }
    }
    QByteArray data = m_port->readAll();
    if (m_port->error() == QSerialPort::ResourceError || m_port->error() == QSerialPort::ReadError)
        return lost(QStringLiteral("read"));
    return data;
}

QString SerialLink::describe() const
{
    if (m_isPty)
        return QStringLiteral("serial %1 (pseudo-terminal)").arg(m_path);
    return QStringLiteral("serial %1 at %2 baud%3").arg(m_path).arg(m_baud).arg(m_evenParity ? QStringLiteral(" 8E1") : QString());
}

Result<void> SerialLink::setModemSignal(ModemSignal signal, bool asserted)
{
    const QString name = signal == ModemSignal::Dtr ? QStringLiteral("DTR") : QStringLiteral("RTS");
    if (!m_port || !m_port->isOpen())
        return Error::make(ErrorKind::Link, QStringLiteral("cannot set %1: %2 is not open").arg(name, m_path));
    if (m_isPty)
        return Error::make(ErrorKind::Link, QStringLiteral("cannot set %1: %2 is a pseudo-terminal, which has no modem "
                                                           "control lines").arg(name, m_path));
    const bool ok = signal == ModemSignal::Dtr ? m_port->setDataTerminalReady(asserted) : m_port->setRequestToSend(asserted);
    if (!ok)
        return Error::make(ErrorKind::Link, QStringLiteral("cannot set %1 on %2: %3").arg(name, m_path, m_port->errorString()));
    return {};
}

} // namespace piton
