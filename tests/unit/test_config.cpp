// Unit tests: config blob (docs/config-format.md) and config entry validation.
#include "config/config_blob.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace piton;

namespace {

/** Bitwise CRC-32 (IEEE, reflected, as zlib), written here as an independent oracle. */
quint32 referenceCrc32(QByteArrayView bytes)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char c : bytes) {
        crc ^= quint8(c);
        for (int i = 0; i < 8; ++i)
            crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

quint16 le16(const QByteArray &b, int at) { return quint16(quint8(b[at]) | quint8(b[at + 1]) << 8); }
quint32 le32(const QByteArray &b, int at)
{
    return quint32(quint8(b[at])) | quint32(quint8(b[at + 1])) << 8 | quint32(quint8(b[at + 2])) << 16 |
           quint32(quint8(b[at + 3])) << 24;
}

/** A blob with a recomputed CRC, for tests that break the structure but not the CRC. */
QByteArray withCrc(QByteArray body)
{
    const quint32 crc = referenceCrc32(body);
    for (int i = 0; i < 4; ++i)
        body.append(char((crc >> (8 * i)) & 0xFF));
    return body;
}

ConfigBlob sample()
{
    ConfigBlob blob;
    blob.entries.insert(QStringLiteral("serial"), "PT-0011223344");
    blob.entries.insert(QStringLiteral("net.dhcp"), "1");
    blob.entries.insert(QStringLiteral("net.mac"), "02:00:00:12:34:56");
    blob.entries.insert(QStringLiteral("usb.product"), "Piton virtual board");
    blob.entries.insert(QStringLiteral("user.empty"), "");
    blob.entries.insert(QStringLiteral("user.text"), QStringLiteral("grüße").toUtf8());
    return blob;
}

} // namespace

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void layoutAndRoundTrip()
    {
        const ConfigBlob blob = sample();
        QVERIFY(blob.check().ok());
        const QByteArray bytes = blob.serialize();
        QCOMPARE(bytes.size(), blob.serializedSize());
        QCOMPARE(bytes.left(4), QByteArray("PTCF"));
        QCOMPARE(int(bytes[4]), 1);
        QCOMPARE(int(bytes[5]), 0);
        QCOMPARE(le16(bytes, 6), quint16(blob.entries.size()));
        QCOMPARE(int(le16(bytes, 8)), bytes.size() - 14);
        QCOMPARE(le32(bytes, bytes.size() - 4), referenceCrc32(bytes.left(bytes.size() - 4)));
        // First entry: keys ascend in byte order, so "net.dhcp" comes first.
        QCOMPARE(int(bytes[10]), 8);
        QCOMPARE(bytes.mid(11, 8), QByteArray("net.dhcp"));
        QCOMPARE(int(bytes[19]), 1);
        QCOMPARE(bytes.mid(20, 1), QByteArray("1"));

        auto parsed = ConfigBlob::parse(bytes);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
        QVERIFY(*parsed == blob);
        QCOMPARE(parsed->serialize(), bytes); // equal configs are equal blobs

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("backup.ptcfg"));
        QVERIFY(blob.save(path).ok());
        auto loaded = ConfigBlob::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QVERIFY(*loaded == blob);
    }

    void crcFlipRefused()
    {
        const QByteArray good = sample().serialize();
        for (int at : {0, 12, int(good.size()) - 6, int(good.size()) - 1}) {
            QByteArray bad = good;
            bad[at] = char(bad[at] ^ 0x01);
            auto r = ConfigBlob::parse(bad);
            QVERIFY(!r);
            QCOMPARE(r.error().kind, ErrorKind::Format);
            const QString expected = at == 0 ? QStringLiteral("magic") : QStringLiteral("CRC");
            QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        }
    }

    void structureErrorsNamed_data()
    {
        QTest::addColumn<QByteArray>("blob");
        QTest::addColumn<QString>("words");
        auto header = [](int count, int length) {
            QByteArray h("PTCF\x01\x00", 6);
            h.append(char(count)).append(char(0)).append(char(length)).append(char(0));
            return h;
        };
        const QByteArray a = QByteArray("\x01" "a" "\x01" "1", 4);
        const QByteArray b = QByteArray("\x01" "b" "\x00", 3);
        QTest::newRow("unsorted") << withCrc(header(2, 7) + b + a) << QStringLiteral("ascending");
        QTest::newRow("duplicate") << withCrc(header(2, 8) + a + a) << QStringLiteral("twice");
        QTest::newRow("bad key char") << withCrc(header(1, 4) + QByteArray("\x01" "A" "\x01" "1", 4))
                                      << QStringLiteral("only a-z");
        QTest::newRow("count mismatch") << withCrc(header(3, 7) + a + b) << QStringLiteral("entry count");
        QTest::newRow("truncated entry") << withCrc(header(1, 3) + QByteArray("\x01" "a" "\x05", 3))
                                         << QStringLiteral("truncated");
        QTest::newRow("length mismatch") << withCrc(header(1, 9) + a) << QStringLiteral("entries length");
        QTest::newRow("version") << withCrc(QByteArray("PTCF\x02\x00\x00\x00\x00\x00", 10)) << QStringLiteral("version");
        QTest::newRow("too short") << QByteArray("PTCF") << QStringLiteral("too short");
        QTest::newRow("bad utf8") << withCrc(header(1, 4) + QByteArray("\x01" "a" "\x01" "\xff", 4))
                                  << QStringLiteral("UTF-8");
    }

    void structureErrorsNamed()
    {
        QFETCH(QByteArray, blob);
        QFETCH(QString, words);
        auto r = ConfigBlob::parse(blob);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(words), qPrintable(r.error().message));
    }

    void oversizedRefused()
    {
        ConfigBlob blob;
        for (int i = 0; i < 10; ++i)
            blob.entries.insert(QStringLiteral("user.k%1").arg(i), QByteArray(120, 'x'));
        auto r = blob.check();
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("1024")), qPrintable(r.error().message));
        QVERIFY(!ConfigBlob::parse(blob.serialize()));
        ConfigBlob badKey;
        badKey.entries.insert(QStringLiteral("Net.IP"), "1.2.3.4");
        QVERIFY(!badKey.check());
    }

    // A file larger than a blob is refused with its own size, not with what was read of it.
    void oversizedFileNamesItsSize_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("1025 bytes") << qsizetype(1025);
        QTest::newRow("2 KiB") << qsizetype(2048);
        QTest::newRow("10 MiB") << qsizetype(10 * 1024 * 1024);
    }
    void oversizedFileNamesItsSize()
    {
        QFETCH(qsizetype, size);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.ptcfg"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes = sample().serialize();
        bytes.resize(size, '\0');
        QCOMPARE(f.write(bytes), size);
        f.close();
        auto r = ConfigBlob::load(path);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Format);
        QCOMPARE(r.error().message, QStringLiteral("%1: config blob: too large: %2 bytes, at most 1024 allowed").arg(path).arg(size));
    }

    void entryValidation_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ip ok") << "net.ip" << QByteArray("192.168.1.20") << true;
        QTest::newRow("ip 256") << "net.ip" << QByteArray("192.168.1.256") << false;
        QTest::newRow("ip three parts") << "net.ip" << QByteArray("10.0.1") << false;
        QTest::newRow("ip leading zero") << "net.ip" << QByteArray("010.0.0.1") << false;
        QTest::newRow("ip letters") << "net.gateway" << QByteArray("a.b.c.d") << false;
        QTest::newRow("ip v6") << "net.ip" << QByteArray("::1") << false;
        QTest::newRow("gateway ok") << "net.gateway" << QByteArray("10.0.0.1") << true;
        QTest::newRow("mask ok") << "net.mask" << QByteArray("255.255.254.0") << true;
        QTest::newRow("mask zero") << "net.mask" << QByteArray("0.0.0.0") << true;
        QTest::newRow("mask holes") << "net.mask" << QByteArray("255.0.255.0") << false;
        QTest::newRow("mask tail") << "net.mask" << QByteArray("255.255.255.1") << false;
        QTest::newRow("mac ok") << "net.mac" << QByteArray("02:00:00:12:34:5f") << true;
        QTest::newRow("mac dashes") << "net.mac" << QByteArray("02-00-00-12-34-56") << false;
        QTest::newRow("mac short") << "net.mac" << QByteArray("02:00:00:12:34") << false;
        QTest::newRow("mac bad hex") << "net.mac" << QByteArray("02:00:00:12:34:5g") << false;
        QTest::newRow("dhcp ok") << "net.dhcp" << QByteArray("0") << true;
        QTest::newRow("dhcp yes") << "net.dhcp" << QByteArray("yes") << false;
        QTest::newRow("serial ok") << "serial" << QByteArray("PT-00AB") << true;
        QTest::newRow("serial empty") << "serial" << QByteArray() << false;
        QTest::newRow("serial control") << "serial" << QByteArray("PT\x01") << false;
        QTest::newRow("serial long") << "serial" << QByteArray(33, 'x') << false;
        QTest::newRow("product ok") << "usb.product" << QStringLiteral("Platine für Tests").toUtf8() << true;
        QTest::newRow("product long") << "usb.product" << QByteArray(65, 'p') << false;
        QTest::newRow("user ok") << "user.anything" << QByteArray(128, 'v') << true;
        QTest::newRow("user too long") << "user.anything" << QByteArray(129, 'v') << false;
        QTest::newRow("key upper") << "User.x" << QByteArray("1") << false;
        QTest::newRow("key long") << QString(33, QLatin1Char('k')) << QByteArray("1") << false;
        QTest::newRow("value not utf8") << "user.x" << QByteArray("\xc3\x28") << false;
    }

    void entryValidation()
    {
        QFETCH(QString, key);
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        auto r = validateConfigEntry(key, value);
        QCOMPARE(r.ok(), valid);
        if (!valid) {
            QCOMPARE(r.error().kind, ErrorKind::Usage);
            QVERIFY2(r.error().message.contains(key), qPrintable(r.error().message));
        }
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
