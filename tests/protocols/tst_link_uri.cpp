// Link URIs and version strings.
#include "link_uri.h"
#include "serial_link.h"
#include "tcp_link.h"
#include "version.h"

#include "piton/protocol.h"

#include <QTest>

using namespace piton;

class TestLinkUri : public QObject {
    Q_OBJECT
private slots:
    void serialDefaultBaud()
    {
        Result<LinkUri> r = LinkUri::parse(QStringLiteral("serial:/dev/ttyUSB0"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->kind, LinkUri::Kind::Serial);
        QCOMPARE(r->path, QStringLiteral("/dev/ttyUSB0"));
        QCOMPARE(r->baud, 115200);
        QCOMPARE(r->toString(), QStringLiteral("serial:/dev/ttyUSB0"));
    }

    void serialWithBaud()
    {
        Result<LinkUri> r = LinkUri::parse(QStringLiteral("serial:/dev/ttyUSB0?baud=921600"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->path, QStringLiteral("/dev/ttyUSB0"));
        QCOMPARE(r->baud, 921600);
        QCOMPARE(r->toString(), QStringLiteral("serial:/dev/ttyUSB0?baud=921600"));
        Result<LinkUri> again = LinkUri::parse(r->toString());
        QVERIFY(again.ok());
        QCOMPARE(again->baud, 921600);
    }

    void serialPty()
    {
        Result<LinkUri> r = LinkUri::parse(QStringLiteral("serial:/dev/pts/5"));
        QVERIFY(r.ok());
        QCOMPARE(r->path, QStringLiteral("/dev/pts/5"));
    }

    void tcpHostPort()
    {
        Result<LinkUri> r = LinkUri::parse(QStringLiteral("tcp:127.0.0.1:4000"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->kind, LinkUri::Kind::Tcp);
        QCOMPARE(r->host, QStringLiteral("127.0.0.1"));
        QCOMPARE(r->port, quint16(4000));
        QCOMPARE(r->toString(), QStringLiteral("tcp:127.0.0.1:4000"));

        r = LinkUri::parse(QStringLiteral("tcp:board-7.local:65535"));
        QVERIFY(r.ok());
        QCOMPARE(r->host, QStringLiteral("board-7.local"));
        QCOMPARE(r->port, quint16(65535));
    }

    void tcpIpv6()
    {
        Result<LinkUri> r = LinkUri::parse(QStringLiteral("tcp:[::1]:4000"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->host, QStringLiteral("::1"));
        QCOMPARE(r->port, quint16(4000));
        QCOMPARE(r->toString(), QStringLiteral("tcp:[::1]:4000"));
    }

    void usbParsesButHasNoLink()
    {
        Result<LinkUri> r = LinkUri::parse(QStringLiteral("usb:1-2.3"));
        QVERIFY(r.ok());
        QCOMPARE(r->kind, LinkUri::Kind::Usb);
        QCOMPARE(r->path, QStringLiteral("1-2.3"));
        Result<std::unique_ptr<Link>> link = createLink(*r);
        QVERIFY(!link.ok());
        QCOMPARE(link.error().kind, ErrorKind::Link);
        QVERIFY(link.error().message.contains(QStringLiteral("USB links are not available yet")));
    }

    void createLinkKinds()
    {
        Result<std::unique_ptr<Link>> s = createLink(*LinkUri::parse(QStringLiteral("serial:/dev/ttyS9?baud=9600")));
        QVERIFY(s.ok());
        auto *serial = dynamic_cast<SerialLink *>(s->get());
        QVERIFY(serial);
        QCOMPARE(serial->baud(), 9600);
        QCOMPARE(serial->preferredMaxPayload(), quint32(4096));
        QVERIFY(!serial->isOpen());

        Result<std::unique_ptr<Link>> t = createLink(*LinkUri::parse(QStringLiteral("tcp:[::1]:4000")));
        QVERIFY(t.ok());
        auto *tcp = dynamic_cast<TcpLink *>(t->get());
        QVERIFY(tcp);
        QCOMPARE(tcp->host(), QStringLiteral("::1"));
        QCOMPARE(tcp->preferredMaxPayload(), quint32(16384));
    }

    void bad_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no scheme") << "/dev/ttyUSB0" << "missing scheme";
        QTest::newRow("unknown scheme") << "udp:1.2.3.4:5" << "unknown scheme \"udp\"";
        QTest::newRow("empty serial") << "serial:" << "empty serial port path";
        QTest::newRow("baud letters") << "serial:/dev/ttyS0?baud=fast" << "\"fast\" is not a positive number";
        QTest::newRow("baud zero") << "serial:/dev/ttyS0?baud=0" << "out of range";
        QTest::newRow("baud negative") << "serial:/dev/ttyS0?baud=-5" << "not a positive number";
        QTest::newRow("unknown param") << "serial:/dev/ttyS0?parity=even" << "unknown parameter \"parity\"";
        QTest::newRow("empty query") << "serial:/dev/ttyS0?" << "empty parameter list";
        QTest::newRow("tcp no port") << "tcp:localhost" << "missing ':PORT'";
        QTest::newRow("tcp empty host") << "tcp::4000" << "empty host name";
        QTest::newRow("tcp empty port") << "tcp:localhost:" << "empty port number";
        QTest::newRow("tcp port text") << "tcp:localhost:http" << "\"http\" is not a number";
        QTest::newRow("tcp port zero") << "tcp:localhost:0" << "out of range";
        QTest::newRow("tcp port big") << "tcp:localhost:65536" << "out of range";
        QTest::newRow("ipv6 unbracketed") << "tcp:::1:4000" << "brackets";
        QTest::newRow("ipv6 unclosed") << "tcp:[::1:4000" << "closing ']'";
        QTest::newRow("ipv6 no port") << "tcp:[::1]" << "missing ':PORT'";
    }
    void bad()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        Result<LinkUri> r = LinkUri::parse(text);
        QVERIFY2(!r.ok(), qPrintable(text));
        QCOMPARE(r.error().kind, ErrorKind::Usage);
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(text), qPrintable(r.error().message));
    }

    void versions()
    {
        QCOMPARE(versionToString(packVersion(1, 2, 3)), QStringLiteral("1.2.3"));
        QCOMPARE(versionToString(0x0A0B1234u), QStringLiteral("10.11.4660"));
        QCOMPARE(packVersion(1, 2, 3), quint32(PT_VERSION(1, 2, 3)));
        QCOMPARE(parseVersion(QStringLiteral("1.2.3")), std::optional<quint32>(0x01020003u));
        QCOMPARE(parseVersion(QStringLiteral("255.255.65535")), std::optional<quint32>(0xFFFFFFFFu));
        QCOMPARE(parseVersion(QStringLiteral("2.0")), std::optional<quint32>(0x02000000u));
        QVERIFY(!parseVersion(QStringLiteral("256.0.0")));
        QVERIFY(!parseVersion(QStringLiteral("1.2.65536")));
        QVERIFY(!parseVersion(QStringLiteral("1")));
        QVERIFY(!parseVersion(QStringLiteral("1.2.3.4")));
        QVERIFY(!parseVersion(QStringLiteral("1.x.3")));
        QVERIFY(!parseVersion(QStringLiteral("1..3")));
        QVERIFY(!parseVersion(QStringLiteral("-1.2.3")));
    }
};

QTEST_APPLESS_MAIN(TestLinkUri)
#include "tst_link_uri.moc"
