// TcpLink on loopback against a device served from a POSIX socket on another thread.
#include "client.h"
#include "device_client.h"
#include "device_thread.h"
#include "tcp_link.h"

#include <QElapsedTimer>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace piton;
using namespace piton::test;

namespace {
// Listening socket on 127.0.0.1, ephemeral port.
int listenLoopback(quint16 &port)
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (s < 0 || ::bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(s, 4) != 0)
        return -1;
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr *>(&a), &len);
    port = ntohs(a.sin_port);
    return s;
}
} // namespace

class TestTcpLink : public QObject {
    Q_OBJECT
private slots:
    void talkThenRemoteClose()
    {
        quint16 port = 0;
        const int server = listenLoopback(port);
        QVERIFY(server >= 0);
        int conn = -1;
        std::thread acceptor([&] { conn = ::accept(server, nullptr, nullptr); });

        Result<LinkUri> uri = LinkUri::parse(QStringLiteral("tcp:127.0.0.1:%1").arg(port));
        QVERIFY(uri.ok());
        Result<std::unique_ptr<Link>> link = createLink(*uri);
        QVERIFY(link.ok());
        Client client(std::move(link.value()));
        QVERIFY(client.link()->open().ok());
        acceptor.join();
        QVERIFY(conn >= 0);
        auto device = std::make_unique<DeviceThread>(conn, 16384);

        Result<PingInfo> ping = client.connect(3000);
        QVERIFY2(ping.ok(), qPrintable(ping.error().message));
        QCOMPARE(client.maxPayload(), quint32(16384));
        Result<QByteArray> r = client.call(PT_CMD_READ, encodeRegionRange(0, 100, 16384), 3000);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(*r, pattern(100, 16384));

        // The device closes the connection (as on REBOOT): the next call reports Link.
        device->stop();
        ::close(conn);
        Result<QByteArray> after = client.call(PT_CMD_READ, encodeRegionRange(0, 0, 16), 3000);
        QVERIFY(!after.ok());
        QCOMPARE(after.error().kind, ErrorKind::Link);
        QVERIFY2(after.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(after.error().message));
        QVERIFY(!client.link()->isOpen());
        ::close(server);
    }

    void deviceClientConnectsByUri()
    {
        quint16 port = 0;
        const int server = listenLoopback(port);
        QVERIFY(server >= 0);
        std::unique_ptr<DeviceThread> device;
        int conn = -1;
        std::thread acceptor([&] {
            conn = ::accept(server, nullptr, nullptr);
            device = std::make_unique<DeviceThread>(conn, 16384);
        });
        Result<std::unique_ptr<DeviceClient>> dc =
            DeviceClient::connect(*LinkUri::parse(QStringLiteral("tcp:127.0.0.1:%1").arg(port)), 3000);
        acceptor.join();
        QVERIFY2(dc.ok(), qPrintable(dc.error().message));
        Result<QByteArray> data = (*dc)->read(0, 7, 40000);
        QVERIFY2(data.ok(), qPrintable(data.error().message));
        QCOMPARE(*data, pattern(7, 40000));
        dc->reset();
        device.reset();
        ::close(conn);
        ::close(server);
    }

    void connectionRefused()
    {
        quint16 port = 0;
        const int s = listenLoopback(port);
        QVERIFY(s >= 0);
        ::close(s); // nobody listens there now
        TcpLink link(QStringLiteral("127.0.0.1"), port);
        QElapsedTimer t;
        t.start();
        Result<void> r = link.open();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Link);
        QVERIFY2(r.error().message.contains(QString::number(port)), qPrintable(r.error().message));
        QVERIFY(t.elapsed() < 3000);
        QVERIFY(!link.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestTcpLink)
#include "tst_tcp_link.moc"
