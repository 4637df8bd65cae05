// dfu: link URIs, the DfuSe memory layout string, DfuSeClient without a device. The client's
// transfers against the emulated ROM run in the USB rig (tests/usb, usb.qemu).
#include "dfuse_client.h"
#include "link_uri.h"
#include "rom_loader.h"

#include <QTest>

#include <cstring>

using namespace piton;

class TestDfuSe : public QObject {
    Q_OBJECT
private slots:
    void dfuUris()
    {
        auto plain = LinkUri::parse(QStringLiteral("dfu:"));
        QVERIFY2(plain.ok(), qPrintable(plain.error().message));
        QCOMPARE(plain->kind, LinkUri::Kind::Dfu);
        QVERIFY(!plain->usb.hasVidPid); // the client defaults to 0483:df11
        QCOMPARE(plain->toString(), QStringLiteral("dfu:"));
        auto full = LinkUri::parse(QStringLiteral("dfu:0483:df11?serial=336F35623235&path=1-1.2"));
        QVERIFY2(full.ok(), qPrintable(full.error().message));
        QCOMPARE(full->usb.vid, quint16(0x0483));
        QCOMPARE(full->usb.pid, quint16(0xdf11));
        QCOMPARE(full->usb.serial, QStringLiteral("336F35623235"));
        QCOMPARE(full->usb.path, QStringLiteral("1-1.2"));
        QCOMPARE(LinkUri::parse(full->toString())->toString(), full->toString());
        QVERIFY(isRomLoaderUri(*full));
        QVERIFY(!LinkUri::parse(QStringLiteral("dfu:0483")));
        QVERIFY(!LinkUri::parse(QStringLiteral("dfu:?colour=red")));
        // Piton's protocol is refused on it; the ROM loader is the DfuSe client.
        auto link = createLink(*plain);
        QVERIFY(!link);
        QCOMPARE(link.error().kind, ErrorKind::Usage);
        QVERIFY2(link.error().message.contains(QStringLiteral("piton-cli rom")), qPrintable(link.error().message));
        auto rom = createRomLoader(*plain);
        QVERIFY(rom.ok());
        QCOMPARE((*rom)->describe(), QStringLiteral("DfuSe ROM on dfu:0483:df11"));
        QCOMPARE((*rom)->maxTransfer(), 2048);
        // The ladder: a board on usb: in socket 1-1.2 has its ROM's DFU device in the same socket.
        auto derived = romUriForBoardLink(*LinkUri::parse(QStringLiteral("usb:1209:0001?serial=PT-1&path=1-1.2")));
        QVERIFY(derived.has_value());
        QCOMPARE(derived->toString(), QStringLiteral("dfu:?path=1-1.2"));
    }

    // Which board-link errors send the ladder on to the ROM (boardLinkSilent).
    void silentBoardLinks()
    {
        const LinkUri serial = *LinkUri::parse(QStringLiteral("serial:/dev/ttyUSB0"));
        const LinkUri tcp = *LinkUri::parse(QStringLiteral("tcp:192.0.2.1:5555"));
        const Error timeout = Error::make(ErrorKind::Timeout, QStringLiteral("no answer"));
        const Error garbage = Error::make(ErrorKind::Protocol, QStringLiteral("not a frame"));
        const Error cannotOpen = Error::make(ErrorKind::Link, QStringLiteral("cannot open"));
        QVERIFY(boardLinkSilent(serial, timeout));
        QVERIFY(boardLinkSilent(serial, garbage));
        QVERIFY(!boardLinkSilent(serial, cannotOpen)); // the ROM shares the port: it would not open either
        QVERIFY(!boardLinkSilent(tcp, cannotOpen));
        QVERIFY(!boardLinkSilent(serial, Error::make(ErrorKind::Usage, QStringLiteral("bad"))));
        // usb: a Link error counts as silence only when no Piton device matching the link is on
        // the bus now. A serial number no board has matches nothing; where libusb cannot start
        // (no USB here), the ROM would not be reached either.
        const LinkUri nobody = *LinkUri::parse(QStringLiteral("usb:?serial=PT-NOBODY-HERE"));
        const bool haveUsb = listUsbDevices().ok();
        QCOMPARE(boardLinkSilent(nobody, cannotOpen), haveUsb);
        QVERIFY(boardLinkSilent(nobody, timeout));
        QVERIFY(!boardLinkSilent(nobody, Error::make(ErrorKind::Usage, QStringLiteral("two boards match"))));
    }

    void layoutString()
    {
        auto f4 = parseDfuSeLayout(QStringLiteral("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"));
        QVERIFY2(f4.ok(), qPrintable(f4.error().message));
        QCOMPARE(f4->name, QStringLiteral("Internal Flash"));
        QCOMPARE(f4->flashBase, 0x08000000u);
        QCOMPARE(f4->sectorSizes, romChipForPid(0x0413)->sectorSizes);
        QCOMPARE(f4->flashSize(), quint64(1024 * 1024));
        auto option = parseDfuSeLayout(QStringLiteral("@Option Bytes  /0x1FFFC000/01*016 g"));
        QVERIFY2(option.ok(), qPrintable(option.error().message));
        QCOMPARE(option->flashBase, 0x1FFFC000u);
        QCOMPARE(option->sectorSizes, QList<quint32>{16});
        auto otp = parseDfuSeLayout(QStringLiteral("@OTP Memory /0x1FFF7800/01*512 g,01*016 g"));
        QVERIFY2(otp.ok(), qPrintable(otp.error().message));
        QCOMPARE(otp->flashSize(), quint64(528));
        QCOMPARE(parseDfuSeLayout(QStringLiteral("@Flash/0x08000000/2*1Ma"))->flashSize(), quint64(2 * 1024 * 1024));
    }

    void badLayoutString_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("words");
        QTest::newRow("no @") << QStringLiteral("Internal Flash/0x08000000/04*016Kg") << QStringLiteral("does not start with '@'");
        QTest::newRow("no runs") << QStringLiteral("@Internal Flash/0x08000000") << QStringLiteral("expected @NAME/0xSTART/RUNS");
        QTest::newRow("address") << QStringLiteral("@Flash/08000000/04*016Kg") << QStringLiteral("is not 0x<hex>");
        QTest::newRow("run") << QStringLiteral("@Flash/0x08000000/04x016Kg") << QStringLiteral("is not <count>*<size><unit><type>");
        QTest::newRow("power of two") << QStringLiteral("@Flash/0x08000000/04*012Kg") << QStringLiteral("not a power of two");
        // Found by fuzz.dfuse_client: a count of 800 million made the workstation allocate 3 GB.
        QTest::newRow("count") << QStringLiteral("@Flash/0x0/800000004*016Kg") << QStringLiteral("more than 8192 sectors");
        QTest::newRow("count overflow") << QStringLiteral("@Flash/0x0/99999999999999999999*016Kg") << QStringLiteral("more than 8192 sectors");
        QTest::newRow("two runs") << QStringLiteral("@Flash/0x0/8000*1Kg,0193*1Kg") << QStringLiteral("more than 8192 sectors");
        QTest::newRow("past 4 GiB") << QStringLiteral("@Flash/0xF0000000/3*128Mg") << QStringLiteral("past the 32-bit address space");
    }
    void badLayoutString()
    {
        QFETCH(QString, text);
        QFETCH(QString, words);
        auto r = parseDfuSeLayout(text);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Protocol);
        QVERIFY2(r.error().message.contains(words) && r.error().message.contains(text), qPrintable(r.error().message));
    }

    // Without a device (or without USB at all): an error that names what is missing; nothing
    // to send to.
    void connectWithoutDevice()
    {
        DfuSeClient client(*UsbSelector::parse(QStringLiteral("?serial=NOBODY-HERE")));
        auto r = client.connect();
        QVERIFY(!r);
        QVERIFY2(r.error().kind == ErrorKind::Timeout || r.error().kind == ErrorKind::Link, qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(QStringLiteral("BOOT0")) || r.error().message.contains(QStringLiteral("USB")),
                 qPrintable(r.error().message));
        auto read = client.read(0x08000000, 16);
        QVERIFY(!read);
        QCOMPARE(read.error().kind, ErrorKind::Link); // not connected: nothing sent
        QCOMPARE(client.read(0x08000000, 4096).error().kind, ErrorKind::Usage); // over wTransferSize
    }

    // The functional descriptor among other class descriptors (DFU 1.1 §4.1.3), and chains that
    // end early; a DfuSe device that says bwPollTimeout 0xFFFFFF (4.6 hours) while it stays in
    // dfuDNBUSY: the client waits out its 60 s deadline, never longer, and says so; a refused
    // wTransferSize leaves maxTransfer() usable.
    void functionalDescriptorAndPollDeadline()
    {
        const QByteArray extra = QByteArray::fromHex("0524000110" "09210bff000008" "1a01");
        auto f = findDfuFunctional(reinterpret_cast<const unsigned char *>(extra.constData()), int(extra.size()));
        QVERIFY(f);
        QCOMPARE(f->attributes, quint8(0x0b));
        QCOMPARE(f->detachTimeoutMs, quint16(255));
        QCOMPARE(f->transferSize, quint16(2048));
        QCOMPARE(f->bcdDfu, quint16(0x011a));
        QVERIFY(!findDfuFunctional(reinterpret_cast<const unsigned char *>(extra.constData()), int(extra.size()) - 1));
        const QByteArray zeroLength = QByteArray::fromHex("0024") + extra;
        QVERIFY(!findDfuFunctional(reinterpret_cast<const unsigned char *>(zeroLength.constData()), int(zeroLength.size())));

        struct Busy : DfuSeDevice {
            qint64 now = 0, longest = 0;
            int statusPolls = 0;
            int control(quint8 type, quint8 request, quint16, quint16, unsigned char *data, quint16 length, unsigned) override
            {
                if (type == 0x21)
                    return length;
                if (request == 3 && length >= 6) { // GETSTATUS: OK, 0xFFFFFF ms; dfuIDLE at first, then dfuDNBUSY
                    const unsigned char idle[6] = {0, 0xff, 0xff, 0xff, 2, 0};
                    const unsigned char busy[6] = {0, 0xff, 0xff, 0xff, 4, 0};
                    memcpy(data, statusPolls++ == 0 ? idle : busy, 6);
                    return 6;
                }
                return 0;
            }
            qint64 nowMs() override { return now; }
            void sleepMs(quint32 ms) override
            {
                longest = qMax<qint64>(longest, ms);
                now += ms;
            }
        } device;
        DfuSeClient dfu(device, extra, QStringLiteral("@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg"));
        QVERIFY(dfu.connect().ok());
        QCOMPARE(dfu.maxTransfer(), 2048);
        auto r = dfu.massErase();
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Timeout);
        QVERIFY2(r.error().message.contains(QStringLiteral("within 60 s")), qPrintable(r.error().message));
        QVERIFY2(device.now >= 60000 && device.now <= 60001, qPrintable(QString::number(device.now)));
        QCOMPARE(device.longest, qint64(60000));

        Busy other;
        DfuSeClient bad(other, QByteArray::fromHex("092100ff000000" "1a01"), QString());
        auto c = bad.connect();
        QVERIFY(!c);
        QVERIFY2(c.error().message.contains(QStringLiteral("wTransferSize 0 is outside 1..4096")), qPrintable(c.error().message));
        QCOMPARE(bad.maxTransfer(), 2048);
    }
};

QTEST_GUILESS_MAIN(TestDfuSe)
#include "tst_dfuse.moc"
