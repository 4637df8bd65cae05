// SerialLink on a real pseudo-terminal (posix_openpt), as piton-vboard provides.
#include "client.h"
#include "device_thread.h"
#include "serial_link.h"
#include "serial_ports.h"

#include <QElapsedTimer>
#include <QTest>

#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>

using namespace piton;
using namespace piton::test;

namespace {
// Opens a pty master in raw mode; returns its fd and the slave path.
int openPty(QString &slavePath)
{
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0)
        return -1;
    termios t {};
    if (::tcgetattr(master, &t) == 0) {
        ::cfmakeraw(&t);
        ::tcsetattr(master, TCSANOW, &t);
    }
    slavePath = QString::fromLocal8Bit(::ptsname(master));
    return master;
}
} // namespace

class TestSerialPty : public QObject {
    Q_OBJECT
private slots:
    void openAndTalkOverPty()
    {
        QString path;
        const int master = openPty(path);
        QVERIFY(master >= 0);
        DeviceThread device(master, 4096);
        {
            auto link = std::make_unique<SerialLink>(path, 921600);
            SerialLink *serial = link.get();
            Client client(std::move(link));
            Result<PingInfo> ping = client.connect(3000);
            QVERIFY2(ping.ok(), qPrintable(ping.error().message));
            QVERIFY(serial->isPseudoTerminal());
            QVERIFY(serial->describe().contains(path));
            QCOMPARE(ping->stage, int(PT_STAGE_BOOTLOADER));
            QCOMPARE(client.maxPayload(), quint32(4096));
            QCOMPARE(client.window(), 4);

            // A pipelined read of 4 × 4096 bytes through the pty.
            QList<quint16> seqs;
            for (quint32 i = 0; i < 4; ++i) {
                Result<quint16> s = client.send(PT_CMD_READ, encodeRegionRange(1, i * 4096, 4096));
                QVERIFY2(s.ok(), qPrintable(s.error().message));
                seqs.append(*s);
            }
            for (quint32 i = 0; i < 4; ++i) {
                Result<QByteArray> r = client.receive(seqs[int(i)], 3000);
                QVERIFY2(r.ok(), qPrintable(r.error().message));
                QCOMPARE(*r, pattern(i * 4096, 4096));
            }
            Result<QByteArray> unknown = client.call(0x7E, {}, 3000);
            QCOMPARE(unknown.error().kind, ErrorKind::Device);
            QCOMPARE(unknown.error().deviceStatus, int(PT_E_UNKNOWN_COMMAND));
            QVERIFY(client.bytesReceived() >= 4 * (4096 + 16));
        }
        device.stop();
        ::close(master);
    }

    void staleInputIsCleared()
    {
        QString path;
        const int master = openPty(path);
        QVERIFY(master >= 0);
        // Keep a slave descriptor open so the line keeps its input while nobody listens.
        const int holder = ::open(path.toLocal8Bit().constData(), O_RDWR | O_NOCTTY);
        QVERIFY(holder >= 0);
        termios t {};
        ::tcgetattr(holder, &t);
        ::cfmakeraw(&t);
        ::tcsetattr(holder, TCSANOW, &t);
        const char stale[] = "stale boot messages";
        QCOMPARE(::write(master, stale, sizeof stale - 1), ssize_t(sizeof stale - 1));
        QTest::qWait(50);
        SerialLink link(path);
        Result<void> opened = link.open();
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        Result<QByteArray> r = link.read(200);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QVERIFY2(r->isEmpty(), r->constData());
        // Fresh bytes do come through.
        QCOMPARE(::write(master, "fresh", 5), ssize_t(5));
        QByteArray got;
        QElapsedTimer timer;
        timer.start();
        while (got.size() < 5 && timer.elapsed() < 2000) {
            Result<QByteArray> more = link.read(200);
            QVERIFY(more.ok());
            got += *more;
        }
        QCOMPARE(got, QByteArray("fresh"));
        link.close();
        ::close(holder);
        ::close(master);
    }

    void portDisappearing()
    {
        QString path;
        const int master = openPty(path);
        QVERIFY(master >= 0);
        SerialLink link(path);
        QVERIFY(link.open().ok());
        QVERIFY(link.isOpen());
        ::close(master); // the virtual board went away
        QElapsedTimer timer;
        timer.start();
        Result<QByteArray> r = link.read(2000);
        while (r.ok() && timer.elapsed() < 3000)
            r = link.read(200);
        QVERIFY2(!r.ok(), "read kept succeeding after the pty master was closed");
        QCOMPARE(r.error().kind, ErrorKind::Link);
        QVERIFY(r.error().message.contains(path));
        QVERIFY(!link.isOpen());
    }

    void missingPort()
    {
        SerialLink link(QStringLiteral("/dev/piton-no-such-port"));
        Result<void> r = link.open();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Link);
        QVERIFY2(r.error().message.contains(QStringLiteral("/dev/piton-no-such-port")), qPrintable(r.error().message));
        Result<QByteArray> read = link.read(10);
        QCOMPARE(read.error().kind, ErrorKind::Link);
    }

    void listingPortsIsSorted()
    {
        const QList<SerialPortEntry> ports = listSerialPorts();
        for (qsizetype i = 1; i < ports.size(); ++i)
            QVERIFY(ports[i - 1].path <= ports[i].path);
        for (const SerialPortEntry &p : ports)
            QVERIFY(!p.path.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSerialPty)
#include "tst_serial_pty.moc"
