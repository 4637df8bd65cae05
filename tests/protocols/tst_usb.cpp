// USB pieces that need no kernel USB stack: the known-devices list (shipped and user file),
// port paths, selection and its errors, libusb error mapping, the ZLP rule, and the link's
// behaviour when no board is present. The real transfers are tested in tests/usb (QEMU guest).
#include "usb_devices.h"
#include "usb_link.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <libusb.h>

using namespace piton;

namespace {
UsbDeviceEntry entry(quint16 vid, quint16 pid, const QString &serial, const QString &path)
{
    UsbDeviceEntry e;
    e.vid = vid;
    e.pid = pid;
    e.serial = serial;
    e.portPath = path;
    e.uri = QStringLiteral("usb:?path=") + path;
    e.product = QStringLiteral("Piton virtual board");
    return e;
}
} // namespace

class TestUsb : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        qunsetenv("PITON_USB_DEVICES");
    }

    void shippedListHasTheTestPid()
    {
        QTemporaryDir home;
        qputenv("XDG_CONFIG_HOME", home.path().toLocal8Bit()); // no user file there
        auto ids = knownUsbIds();
        QVERIFY2(ids.ok(), qPrintable(ids.error().message));
        QVERIFY(!ids->isEmpty());
        QCOMPARE(ids->first().vid, quint16(0x1209));
        QCOMPARE(ids->first().pid, quint16(0x0001));
        QVERIFY(ids->first().name.contains(QStringLiteral("pid.codes")));
    }

    void userListExtendsTheShippedOne()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("extra.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"devices":[{"vid":"1209","pid":"0001","name":"dup"},{"vid":"CafE","pid":"4001","name":"Fixture"}]})");
        f.close();
        qputenv("PITON_USB_DEVICES", path.toLocal8Bit());
        QCOMPARE(userUsbIdListPath(), path);
        auto ids = knownUsbIds();
        QVERIFY2(ids.ok(), qPrintable(ids.error().message));
        QCOMPARE(ids->size(), 2); // the duplicate 1209:0001 is dropped
        QCOMPARE(ids->at(1).vid, quint16(0xcafe));
        QCOMPARE(ids->at(1).pid, quint16(0x4001));
        QCOMPARE(ids->at(1).name, QStringLiteral("Fixture"));
    }

    void xdgConfigHomeIsTheDefaultPlace()
    {
        qputenv("XDG_CONFIG_HOME", "/tmp/some-config");
        QCOMPARE(userUsbIdListPath(), QStringLiteral("/tmp/some-config/piton/usb-devices.json"));
    }

    void malformedUserListIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"devices":[{"vid":"12345","pid":"0001"}]})");
        f.close();
        qputenv("PITON_USB_DEVICES", path.toLocal8Bit());
        auto ids = knownUsbIds();
        QVERIFY(!ids.ok());
        QCOMPARE(ids.error().kind, ErrorKind::Format);
        QVERIFY2(ids.error().message.contains(path), qPrintable(ids.error().message));
        QVERIFY2(ids.error().message.contains(QStringLiteral("devices[0]")), qPrintable(ids.error().message));
        // Enumeration reports the same problem instead of silently ignoring the user's file.
        auto list = listUsbDevices();
        QVERIFY(!list.ok());
        QCOMPARE(list.error().kind, ErrorKind::Format);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{devices") << "not valid JSON";
        QTest::newRow("no array") << QByteArray(R"({"devices":{}})") << "\"devices\" array";
        QTest::newRow("entry not object") << QByteArray(R"({"devices":[1]})") << "devices[0] is not an object";
        QTest::newRow("vid number") << QByteArray(R"({"devices":[{"vid":4617,"pid":"0001"}]})") << "\"vid\" must be 4 hex digits";
        QTest::newRow("pid missing") << QByteArray(R"({"devices":[{"vid":"1209"}]})") << "\"pid\" must be 4 hex digits";
        QTest::newRow("pid not hex") << QByteArray(R"({"devices":[{"vid":"1209","pid":"00g1"}]})") << "\"pid\" must be 4 hex digits";
        QTest::newRow("vid zero") << QByteArray(R"({"devices":[{"vid":"0000","pid":"0001"}]})") << "vendor id 0000";
    }
    void parseErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        auto r = parseUsbIdList(json, QStringLiteral("list.json"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Format);
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
        QVERIFY2(r.error().message.startsWith(QStringLiteral("list.json")), qPrintable(r.error().message));
    }

    void portPaths()
    {
        QCOMPARE(formatUsbPortPath(1, {1, 2}), QStringLiteral("1-1.2"));
        QCOMPARE(formatUsbPortPath(3, {4}), QStringLiteral("3-4"));
        QCOMPARE(formatUsbPortPath(2, {1, 4, 3, 2}), QStringLiteral("2-1.4.3.2"));
        QCOMPARE(formatUsbPortPath(5, {}), QStringLiteral("5-0"));
    }

    void selection()
    {
        const QList<UsbDeviceEntry> two{entry(0x1209, 0x0001, QStringLiteral("PT-AA"), QStringLiteral("1-1.1")),
                                        entry(0x1209, 0x0001, QStringLiteral("PT-BB"), QStringLiteral("1-1.2"))};
        auto bySerial = selectUsbDevice(two, *UsbSelector::parse(QStringLiteral("?serial=PT-BB")));
        QVERIFY(bySerial.ok());
        QCOMPARE(bySerial->portPath, QStringLiteral("1-1.2"));
        auto byPath = selectUsbDevice(two, *UsbSelector::parse(QStringLiteral("1209:0001?path=1-1.1")));
        QVERIFY(byPath.ok());
        QCOMPARE(byPath->serial, QStringLiteral("PT-AA"));

        // Two boards and no selector: ambiguous, and the message lists both with their addresses.
        auto any = selectUsbDevice(two, UsbSelector{});
        QVERIFY(!any.ok());
        QCOMPARE(any.error().kind, ErrorKind::Usage);
        QVERIFY2(any.error().message.contains(QStringLiteral("2 USB boards match")), qPrintable(any.error().message));
        QVERIFY(any.error().message.contains(QStringLiteral("usb:?path=1-1.1")));
        QVERIFY(any.error().message.contains(QStringLiteral("usb:?path=1-1.2")));
        QVERIFY(any.error().message.contains(QStringLiteral("PT-AA")));

        // Nothing matches: a link error that shows what is there.
        auto none = selectUsbDevice(two, *UsbSelector::parse(QStringLiteral("?serial=PT-CC")));
        QVERIFY(!none.ok());
        QCOMPARE(none.error().kind, ErrorKind::Link);
        QVERIFY2(none.error().message.contains(QStringLiteral("no USB board matches")), qPrintable(none.error().message));
        QVERIFY(none.error().message.contains(QStringLiteral("PT-BB")));
        auto wrongId = selectUsbDevice(two, *UsbSelector::parse(QStringLiteral("1209:0002")));
        QVERIFY(!wrongId.ok());

        auto empty = selectUsbDevice({}, UsbSelector{});
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().kind, ErrorKind::Link);
        QVERIFY2(empty.error().message.contains(QStringLiteral("no Piton USB board is present")), qPrintable(empty.error().message));
    }

    void describeEntry()
    {
        UsbDeviceEntry e = entry(0x1209, 0x0001, QStringLiteral("PT-AA"), QStringLiteral("1-1.1"));
        QCOMPARE(e.vidPid(), QStringLiteral("1209:0001"));
        QCOMPARE(e.describe(), QStringLiteral("1209:0001 PT-AA at 1-1.1 (Piton virtual board)"));
        e.accessible = false;
        QVERIFY(e.describe().contains(QStringLiteral("docs/usb.md")));
    }

    void errors()
    {
        const QString dev = QStringLiteral("usb 1209:0001 at 1-1");
        const Error access = usbError(LIBUSB_ERROR_ACCESS, QStringLiteral("open"), dev);
        QCOMPARE(access.kind, ErrorKind::Link);
        QVERIFY2(access.message.contains(QStringLiteral("permission denied")), qPrintable(access.message));
        QVERIFY(access.message.contains(QStringLiteral("70-piton.rules")));
        QVERIFY(access.message.contains(QStringLiteral("docs/usb.md")));
        QVERIFY(access.message.contains(dev));
        const Error busy = usbError(LIBUSB_ERROR_BUSY, QStringLiteral("claiming interface 0"), dev);
        QCOMPARE(busy.kind, ErrorKind::Link);
        QVERIFY(busy.message.contains(QStringLiteral("interface busy")));
        const Error gone = usbError(LIBUSB_ERROR_NO_DEVICE, QStringLiteral("write"), dev);
        QCOMPARE(gone.kind, ErrorKind::Link); // so a Session reconnects and a deploy can resume
        QVERIFY(gone.message.contains(QStringLiteral("unplugged or reset")));
        QCOMPARE(usbError(LIBUSB_ERROR_TIMEOUT, QStringLiteral("write"), dev).kind, ErrorKind::Timeout);
        const Error io = usbError(LIBUSB_ERROR_IO, QStringLiteral("read"), dev);
        QCOMPARE(io.kind, ErrorKind::Link);
        QVERIFY(io.message.contains(QStringLiteral("LIBUSB_ERROR_IO")));
        QVERIFY(io.message.contains(QStringLiteral("unplugged or reset")));
    }

    void zeroLengthPacketRule()
    {
        QVERIFY(!needsZeroLengthPacket(0, 512));
        QVERIFY(!needsZeroLengthPacket(511, 512));
        QVERIFY(needsZeroLengthPacket(512, 512));
        QVERIFY(!needsZeroLengthPacket(513, 512));
        QVERIFY(needsZeroLengthPacket(1024, 512));
        QVERIFY(needsZeroLengthPacket(64 * 3, 64));
        QVERIFY(!needsZeroLengthPacket(100, 0));
    }

    void openWithoutBoardFailsClearly()
    {
        // This machine may have no USB at all (libusb cannot start) or no Piton board: both
        // are link errors that name the problem, and the link stays closed.
        UsbLink link(*UsbSelector::parse(QStringLiteral("?serial=PT-NOT-THERE")));
        auto ok = link.open();
        QVERIFY(!ok.ok());
        QCOMPARE(ok.error().kind, ErrorKind::Link);
        QVERIFY2(ok.error().message.contains(QStringLiteral("USB is not available"))
                     || ok.error().message.contains(QStringLiteral("usb:?serial=PT-NOT-THERE")),
                 qPrintable(ok.error().message));
        QVERIFY(!link.isOpen());
        auto w = link.write(QByteArray("x"));
        QVERIFY(!w.ok());
        QCOMPARE(w.error().kind, ErrorKind::Link);
        auto r = link.read(10);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Link);
    }

    void watcherReportsWithoutBoards()
    {
        UsbDeviceWatcher watcher;
        watcher.setPollIntervalMs(10);
        QCOMPARE(watcher.pollIntervalMs(), 100); // clamped
        QSignalSpy arrived(&watcher, &UsbDeviceWatcher::deviceArrived);
        watcher.start();
        watcher.start(); // harmless
        QTest::qWait(250);
        watcher.stop();
        // Whatever this machine has, the watcher's list equals a fresh enumeration.
        auto now = listUsbDevices();
        if (now.ok()) {
            QCOMPARE(watcher.devices().size(), now->size());
            QCOMPARE(arrived.size(), now->size());
        } else {
            QVERIFY(watcher.devices().isEmpty());
            QCOMPARE(watcher.lastError().kind, now.error().kind);
        }
    }
};

QTEST_GUILESS_MAIN(TestUsb)
#include "tst_usb.moc"
