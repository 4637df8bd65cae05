// Link URIs and version strings.
#include "link_uri.h"
#include "rom_loader.h"
#include "serial_link.h"
#include "tcp_link.h"
#include "usb_link.h"
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

    void romSerial()
    {
        Result<LinkUri> r = LinkUri::parse(QStringLiteral("rom+serial:/dev/ttyUSB0?baud=57600"));
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->kind, LinkUri::Kind::RomSerial);
        QCOMPARE(r->path, QStringLiteral("/dev/ttyUSB0"));
        QCOMPARE(r->baud, 57600);
        QCOMPARE(r->toString(), QStringLiteral("rom+serial:/dev/ttyUSB0?baud=57600"));
        QCOMPARE(LinkUri::parse(QStringLiteral("rom+serial:/dev/ttyS0"))->toString(), QStringLiteral("rom+serial:/dev/ttyS0"));
        // Piton's protocol is refused on it, and the ROM client on anything else.
        auto link = createLink(*r);
        QVERIFY(!link);
        QCOMPARE(link.error().kind, ErrorKind::Usage);
        auto rom = createRomLoader(*r);
        QVERIFY(rom.ok());
        QVERIFY((*rom)->describe().contains(QStringLiteral("8E1")));
        QVERIFY((*rom)->describe().contains(QStringLiteral("AN3155")));
        QVERIFY(isRomLoaderUri(*r));
        auto notRom = createRomLoader(*LinkUri::parse(QStringLiteral("serial:/dev/ttyS0")));
        QVERIFY(!notRom);
        QCOMPARE(notRom.error().kind, ErrorKind::Usage);
        // The recovery ladder derives the ROM link from the board's serial link, baud kept.
        auto derived = romUriForBoardLink(*LinkUri::parse(QStringLiteral("serial:/dev/ttyUSB1?baud=57600")));
        QVERIFY(derived.has_value());
        QCOMPARE(derived->toString(), QStringLiteral("rom+serial:/dev/ttyUSB1?baud=57600"));
        QVERIFY(!romUriForBoardLink(*LinkUri::parse(QStringLiteral("tcp:127.0.0.1:4000"))).has_value());
        QVERIFY(!LinkUri::parse(QStringLiteral("rom+serial:")));
        QVERIFY(!LinkUri::parse(QStringLiteral("rom+serial:/dev/ttyS0?baud=0")));
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

    void usbSelectors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<bool>("hasVidPid");
        QTest::addColumn<QString>("serial");
        QTest::addColumn<QString>("path");
        QTest::newRow("any") << "usb:" << "usb:" << false << "" << "";
        QTest::newRow("vidpid") << "usb:1209:0001" << "usb:1209:0001" << true << "" << "";
        QTest::newRow("vidpid upper") << "usb:ABCD:00eF" << "usb:abcd:00ef" << true << "" << "";
        QTest::newRow("serial") << "usb:?serial=PT-0001" << "usb:?serial=PT-0001" << false << "PT-0001" << "";
        QTest::newRow("path") << "usb:?path=1-1.2" << "usb:?path=1-1.2" << false << "" << "1-1.2";
        QTest::newRow("all, reordered") << "usb:1209:0001?path=3-2&serial=X" << "usb:1209:0001?serial=X&path=3-2" << true << "X" << "3-2";
    }
    void usbSelectors()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(bool, hasVidPid);
        QFETCH(QString, serial);
        QFETCH(QString, path);
        Result<LinkUri> r = LinkUri::parse(text);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->kind, LinkUri::Kind::Usb);
        QCOMPARE(r->usb.hasVidPid, hasVidPid);
        QCOMPARE(r->usb.serial, serial);
        QCOMPARE(r->usb.path, path);
        QCOMPARE(r->toString(), canonical);
        Result<LinkUri> again = LinkUri::parse(r->toString());
        QVERIFY(again.ok());
        QVERIFY(again->usb == r->usb);
        Result<std::unique_ptr<Link>> link = createLink(*r);
        QVERIFY(link.ok());
        auto *usb = dynamic_cast<UsbLink *>(link->get());
        QVERIFY(usb);
        QVERIFY(!usb->isOpen());
        QCOMPARE(usb->preferredMaxPayload(), quint32(16384));
        QCOMPARE(usb->describe(), canonical);
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
        QTest::newRow("usb old path form") << "usb:1-2.3" << "is not VID:PID";
        QTest::newRow("usb vid too long") << "usb:12090:0001" << "is not VID:PID";
        QTest::newRow("usb pid missing") << "usb:1209" << "is not VID:PID";
        QTest::newRow("usb unknown param") << "usb:?bus=1" << "unknown parameter \"bus\"";
        QTest::newRow("usb empty serial") << "usb:?serial=" << "empty serial number";
        QTest::newRow("usb serial twice") << "usb:?serial=A&serial=B" << "serial= given twice";
        QTest::newRow("usb bad path") << "usb:?path=1.2" << "is not BUS-PORT";
        QTest::newRow("usb empty query") << "usb:?" << "empty parameter list";
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
