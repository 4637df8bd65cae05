#include "rom_client.h"

#include "serial_link.h"

#include <QElapsedTimer>
#include <QThread>

namespace piton {

namespace {
constexpr quint8 kAck = 0x79;
constexpr quint8 kNack = 0x1F;
constexpr quint8 kSync = 0x7F;
constexpr int kMaxBlock = 256;
constexpr int kMaxErasePages = 512;
constexpr quint8 kFill = 0xFF;          // resynchronisation byte: no command, completes none that changes anything
constexpr int kDrainQuietMs = 100;      // silence that ends a drain
constexpr int kFillAnswerMs = 50;       // wait for an answer after each 0xFF
constexpr int kResyncBudgetMs = 20000;  // 257 missing data bytes x 50 ms, with room

QString hex32(quint32 v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

Error usage(const QString &message) { return Error::make(ErrorKind::Usage, message); }

/** A byte and its complement (command codes, read lengths). */
QByteArray withComplement(quint8 b)
{
    QByteArray out;
    out.append(char(b)).append(char(b ^ 0xFF));
    return out;
}
} // namespace

RomClient::RomClient(Link &link) : m_link(link) {}

RomClient::RomClient(std::unique_ptr<Link> link) : m_owned(std::move(link)), m_link(*m_owned) {}

void RomClient::setModemSequences(QList<ModemStep> entry, QList<ModemStep> exit)
{
    m_entry = std::move(entry);
    m_exit = std::move(exit);
}

Result<void> RomClient::runSequence(const QList<ModemStep> &steps, const QString &what)
{
    for (const ModemStep &step : steps) {
        if (auto r = m_link.setModemSignal(step.signal, step.asserted); !r)
            return Error::make(ErrorKind::Link, QStringLiteral("cannot %1 through DTR/RTS (%2): %3; set BOOT0 %4 and press "
                                                               "reset instead, and leave %5= off the link")
                                                    .arg(what, modemSequenceToString(steps), r.error().message,
                                                         what.startsWith(QLatin1String("start")) ? QStringLiteral("high") : QStringLiteral("low"),
                                                         what.startsWith(QLatin1String("start")) ? QStringLiteral("entry") : QStringLiteral("exit")));
        sleepMs(100);
    }
    return {};
}

void RomClient::setClock(std::function<qint64()> nowMs, std::function<void(int)> sleepMs)
{
    m_nowMs = std::move(nowMs);
    m_sleepMs = std::move(sleepMs);
}

qint64 RomClient::nowMs() const
{
    if (m_nowMs)
        return m_nowMs();
    static const QElapsedTimer clock = [] {
        QElapsedTimer c;
        c.start();
        return c;
    }();
    return clock.elapsed();
}

void RomClient::sleepMs(int ms)
{
    if (m_sleepMs)
        m_sleepMs(ms);
    else
        QThread::msleep(quint64(ms));
}

Result<void> RomClient::connect()
{
    if (!m_link.isOpen())
        if (auto r = m_link.open(); !r)
            return r;
    if (auto r = runSequence(m_entry, QStringLiteral("start the ROM bootloader")); !r)
        return r;
    return synchronise();
}

void RomClient::close()
{
    m_pending.clear();
    m_link.close();
}

QString RomClient::describe() const
{
    return QStringLiteral("AN3155 ROM on %1").arg(m_link.describe());
}

QString RomClient::warning() const
{
    auto *serial = dynamic_cast<const SerialLink *>(&m_link);
    if (!serial || !serial->parityIgnored())
        return {};
    return QStringLiteral("%1 is a pseudo-terminal, which carries no parity: talking 8N1 instead of the ROM's 8E1 "
                          "(fine for piton-vboard, not for a real UART)").arg(serial->path());
}

Result<quint8> RomClient::readByte(int timeoutMs, const QString &what)
{
    auto bytes = readBytes(1, timeoutMs, what);
    if (!bytes)
        return bytes.error();
    return quint8(bytes->at(0));
}

Result<QByteArray> RomClient::readBytes(int count, int timeoutMs, const QString &what)
{
    const qint64 start = nowMs();
    while (m_pending.size() < count) {
        const qint64 left = timeoutMs - (nowMs() - start);
        if (left <= 0)
            return Error::make(ErrorKind::Timeout, QStringLiteral("the ROM bootloader did not answer %1 within %2 ms")
                                                       .arg(what).arg(timeoutMs));
        auto chunk = m_link.read(int(left));
        if (!chunk)
            return chunk.error();
        m_pending += *chunk;
    }
    const QByteArray out = m_pending.left(count);
    m_pending.remove(0, count);
    return out;
}

Result<void> RomClient::sendAndAck(const QByteArray &bytes, const QString &what, int timeoutMs)
{
    if (auto w = m_link.write(bytes); !w)
        return w.error();
    auto b = readByte(timeoutMs, what);
    if (!b)
        return b.error();
    if (*b == kAck)
        return {};
    if (*b == kNack)
        return Error::make(ErrorKind::Device, QStringLiteral("the ROM bootloader refused %1 (NACK)").arg(what));
    return Error::make(ErrorKind::Protocol, QStringLiteral("the ROM bootloader answered %1 with 0x%2, neither ACK nor NACK")
                                                .arg(what).arg(*b, 2, 16, QLatin1Char('0')));
}

Result<void> RomClient::command(quint8 code, const QString &what)
{
    return sendAndAck(withComplement(code), what);
}

QByteArray RomClient::addressBytes(quint32 address)
{
    QByteArray b;
    for (int shift = 24; shift >= 0; shift -= 8)
        b.append(char((address >> shift) & 0xFF));
    b.append(char(b[0] ^ b[1] ^ b[2] ^ b[3]));
    return b;
}

Result<void> RomClient::synchronise(int attempts)
{
    m_pending.clear();
    for (int i = 0; i < attempts; ++i) {
        if (auto w = m_link.write(QByteArray(1, char(kSync))); !w)
            return w.error();
        auto b = readByte(500, QStringLiteral("the synchronisation byte 0x7F"));
        if (b && (*b == kAck || *b == kNack)) // NACK: already synchronised (AN3155 §2)
            return {};
        if (!b && b.error().kind != ErrorKind::Timeout)
            return b.error();
        m_pending.clear();
    }
    return Error::make(ErrorKind::Timeout,
                       QStringLiteral("no STM32 ROM bootloader answers on %1 (sent 0x7F %2 times); set BOOT0 high and "
                                      "reset the board")
                           .arg(m_link.describe())
                           .arg(attempts));
}

Result<RomInfo> RomClient::info()
{
    RomInfo info;
    info.protocol = QStringLiteral("AN3155");
    if (auto r = command(0x00, QStringLiteral("Get")); !r)
        return r.error();
    auto n = readByte(1000, QStringLiteral("Get"));
    if (!n)
        return n.error();
    auto body = readBytes(*n + 1, 1000, QStringLiteral("Get"));
    if (!body)
        return body.error();
    auto end = readByte(1000, QStringLiteral("Get"));
    if (!end)
        return end.error();
    if (*end != kAck)
        return Error::make(ErrorKind::Protocol, QStringLiteral("Get: the reply does not end with ACK"));
    info.version = quint8(body->at(0));
    info.commands = body->mid(1);

    if (auto r = command(0x02, QStringLiteral("Get ID")); !r)
        return r.error();
    auto idLen = readByte(1000, QStringLiteral("Get ID"));
    if (!idLen)
        return idLen.error();
    auto id = readBytes(*idLen + 1 + 1, 1000, QStringLiteral("Get ID"));
    if (!id)
        return id.error();
    if (*idLen != 1 || quint8(id->at(2)) != kAck)
        return Error::make(ErrorKind::Protocol, QStringLiteral("Get ID: malformed reply (%1)").arg(QString::fromLatin1(id->toHex(' '))));
    info.pid = quint16(quint8(id->at(0)) << 8 | quint8(id->at(1)));
    info.chip = romChipForPid(info.pid);
    return info;
}

Result<QByteArray> RomClient::read(quint32 address, int length)
{
    if (length < 1 || length > kMaxBlock)
        return usage(QStringLiteral("a ROM read takes 1..256 bytes, not %1").arg(length));
    const QString what = QStringLiteral("Read Memory at %1").arg(hex32(address));
    if (auto r = command(0x11, what); !r)
        return r.error();
    if (auto r = sendAndAck(addressBytes(address), what); !r)
        return r.error();
    if (auto r = sendAndAck(withComplement(quint8(length - 1)), what); !r)
        return r.error();
    return readBytes(length, 1000, what);
}

Result<void> RomClient::write(quint32 address, const QByteArray &data)
{
    if (data.isEmpty() || data.size() > kMaxBlock)
        return usage(QStringLiteral("a ROM write takes 1..256 bytes, not %1").arg(data.size()));
    if (address % 4)
        return usage(QStringLiteral("a ROM write needs a 4-byte aligned address, not %1").arg(hex32(address)));
    QByteArray block = data;
    while (block.size() % 4)
        block.append(char(0xFF));
    const QString what = QStringLiteral("Write Memory at %1").arg(hex32(address));
    if (auto r = command(0x31, what); !r)
        return r.error();
    if (auto r = sendAndAck(addressBytes(address), what); !r)
        return r.error();
    QByteArray frame(1, char(block.size() - 1));
    quint8 sum = quint8(block.size() - 1);
    for (char c : block)
        sum ^= quint8(c);
    frame += block;
    frame.append(char(sum));
    return sendAndAck(frame, what);
}

Result<void> RomClient::eraseSectors(const QList<int> &sectors)
{
    if (sectors.isEmpty() || sectors.size() > kMaxErasePages)
        return usage(QStringLiteral("a ROM erase lists 1..%1 sectors, not %2").arg(kMaxErasePages).arg(sectors.size()));
    QByteArray body;
    const int count = int(sectors.size()) - 1;
    body.append(char(count >> 8)).append(char(count & 0xFF));
    QStringList names;
    for (int s : sectors) {
        if (s < 0 || s > 0xFFEF)
            return usage(QStringLiteral("sector number %1 is out of range").arg(s));
        body.append(char(s >> 8)).append(char(s & 0xFF));
        names << QString::number(s);
    }
    quint8 sum = 0;
    for (char c : body)
        sum ^= quint8(c);
    body.append(char(sum));
    const QString what = QStringLiteral("Extended Erase of sector(s) %1").arg(names.join(QLatin1Char(',')));
    if (auto r = command(0x44, what); !r)
        return r.error();
    return sendAndAck(body, what, 5000 * int(sectors.size()));
}

Result<void> RomClient::massErase()
{
    const QString what = QStringLiteral("the mass erase");
    if (auto r = command(0x44, what); !r)
        return r.error();
    return sendAndAck(QByteArray::fromHex("ffff00"), what, 40000);
}

Result<void> RomClient::go(quint32 address)
{
    const QString what = QStringLiteral("Go to %1").arg(hex32(address));
    if (auto r = command(0x21, what); !r)
        return r.error();
    if (auto r = sendAndAck(addressBytes(address), what); !r)
        return r;
    return runSequence(m_exit, QStringLiteral("restart the board"));
}

} // namespace piton

namespace piton {

Result<void> RomClient::readoutUnprotect()
{
    const QString what = QStringLiteral("Readout Unprotect");
    if (auto r = command(0x92, what); !r)
        return r.error();
    auto b = readByte(40000, what);
    if (!b)
        return b.error();
    if (*b != kAck)
        return Error::make(ErrorKind::Device, QStringLiteral("the ROM bootloader did not finish %1 (0x%2)")
                                                  .arg(what).arg(*b, 2, 16, QLatin1Char('0')));
    return {};
}

} // namespace piton

namespace piton {

Result<void> RomClient::drain(int quietMs)
{
    m_pending.clear();
    qint64 quietSince = nowMs();
    while (nowMs() - quietSince < quietMs) {
        auto chunk = m_link.read(int(quietMs - (nowMs() - quietSince)));
        if (!chunk)
            return chunk.error();
        if (!chunk->isEmpty())
            quietSince = nowMs();
    }
    return {};
}

Result<void> RomClient::resynchronise()
{
    const qint64 start = nowMs();
    if (auto r = drain(kDrainQuietMs); !r)
        return r;
    while (nowMs() - start < kResyncBudgetMs) {
        if (auto w = m_link.write(QByteArray(1, char(kFill))); !w)
            return w.error();
        auto b = readByte(kFillAnswerMs, QStringLiteral("0xFF"));
        if (!b) {
            if (b.error().kind != ErrorKind::Timeout)
                return b.error();
            continue; // the ROM took the byte into the command it waits for
        }
        if (*b != kNack) {
            // An ACK (a 0x00 pending as a command took 0xFF as its complement: Get) or the rest
            // of an answer: dropped; the next 0xFF goes on.
            if (auto r = drain(kDrainQuietMs); !r)
                return r;
            continue;
        }
        // NACK: the ROM waits for a command now, unless the NACK came late and a 0xFF after it
        // is pending as a command byte; Get Version tells.
        if (auto r = drain(kDrainQuietMs); !r)
            return r;
        if (auto r = command(0x01, QStringLiteral("Get Version")); !r) {
            if (r.error().kind == ErrorKind::Link)
                return r;
            continue;
        }
        auto reply = readBytes(4, 1000, QStringLiteral("Get Version"));
        if (!reply) {
            if (reply.error().kind == ErrorKind::Link)
                return reply.error();
            continue;
        }
        if (quint8(reply->at(3)) == kAck)
            return {};
        if (auto r = drain(kDrainQuietMs); !r)
            return r;
    }
    return Error::make(ErrorKind::Timeout, QStringLiteral("the ROM bootloader on %1 did not come back to waiting for a command "
                                                          "within %2 s (AN3155 resynchronisation); reset the board with BOOT0 high")
                                               .arg(m_link.describe())
                                               .arg(kResyncBudgetMs / 1000));
}

} // namespace piton
