// Unit tests: factory bundles (docs/package-format.md, "Factory bundle") and the provisioning
// block. Bundles are assembled here from the documented layout, not with core's writer, then
// parsed by Bundle::parse; each rule a reader applies is broken once (and the manifest signed
// again, so the rule, not the signature, must catch it).
#include "board/provisioning.h"
#include "package/bundle.h"
#include "package/keys.h"
#include "package/package.h"
#include "test_boards.h"

#include <QTest>

#include <zlib.h>

using namespace piton;

namespace {

void le16(QByteArray &b, quint16 v) { b.append(char(v)).append(char(v >> 8)); }
void le32(QByteArray &b, quint32 v) { le16(b, quint16(v)); le16(b, quint16(v >> 16)); }

struct Section {
    int kind;
    quint32 address;
    QByteArray data;
};

/** A bundle file from the documented layout. */
QByteArray assemble(const QList<Section> &sections, const PrivateKey &key, const QString &board = QStringLiteral("stm32f4-ref"),
                    quint32 flags = 0, int countOverride = -1)
{
    QByteArray m("PTBM");
    le16(m, 1);
    le16(m, quint16(countOverride >= 0 ? countOverride : sections.size()));
    QByteArray id = board.toLatin1();
    id.resize(32, '\0');
    m += id;
    le32(m, flags);
    le32(m, 0);
    quint32 offset = 0;
    QByteArray body;
    for (const Section &s : sections) {
        m.append(char(s.kind)).append(3, '\0');
        le32(m, s.address);
        le32(m, quint32(s.data.size()));
        le32(m, offset);
        m += sha256(s.data);
        offset += quint32(s.data.size());
        body += s.data;
    }
    const QByteArray sig = key.sign(m).value();
    QByteArray f("PTFB");
    le16(f, 1);
    le16(f, 16);
    le32(f, quint32(m.size()));
    le16(f, quint16(sig.size()));
    le16(f, 0);
    return f + m + sig + body;
}

QByteArray package(const PrivateKey &key, const QString &board = QStringLiteral("stm32f4-ref"))
{
    BoardProfile b;
    b.id = board;
    b.regions = {piton::test::shippedRegion(QStringLiteral("stm32f4-ref"), QStringLiteral("deployment"))};
    Image app;
    (void)app.addSegment(b.regions.first().address, QByteArray(1000, 'a'));
    PackageInput in;
    in.version = 0x01000000;
    in.application = app;
    return buildPackage(in, b, key).value();
}

} // namespace

class TestBundle : public QObject {
    Q_OBJECT
    PrivateKey m_key, m_other;
    QByteArray m_pkg;
    QList<Section> good() const
    {
        return {{BundleBootloader, 0x08000000u, QByteArray(4096, 'B')},
                {BundlePackage, 0, m_pkg},
                {BundleTrustedKey, 0, m_key.publicKey().derSpki()}};
    }

private slots:
    void initTestCase()
    {
        m_key = generateKey().value();
        m_other = generateKey().value();
        m_pkg = package(m_key);
    }

    void parsesTheDocumentedLayout()
    {
        QList<Section> s = good();
        s.append({BundleTrustedKey, 0, m_other.publicKey().derSpki()});
        auto b = Bundle::parse(assemble(s, m_key, QStringLiteral("stm32f4-ref"), 1));
        QVERIFY2(b.ok(), qPrintable(b.ok() ? QString() : b.error().message));
        QCOMPARE(b->boardId, QStringLiteral("stm32f4-ref"));
        QVERIFY(b->locked);
        QCOMPARE(b->trustedKeys.size(), 2);
        QCOMPARE(b->bootloader().lowestAddress(), 0x08000000u);
        QCOMPARE(b->bootloader().byteCount(), 4096);
        QCOMPARE(b->package.fileBytes, m_pkg);
        QCOMPARE(b->verifySignature({m_key.publicKey()}).value(), m_key.publicKey().fingerprint());
        QVERIFY(!b->verifySignature({m_other.publicKey()}));
        QVERIFY(!b->config.has_value());
    }

    void refusesBrokenRules_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("words");
        const QList<Section> g = good();
        auto with = [&g](auto change) { QList<Section> s = g; change(s); return s; };
        QTest::newRow("too few sections") << assemble(g.mid(0, 2), m_key) << int(ErrorKind::Format) << QStringLiteral("section count 2");
        QTest::newRow("count disagrees") << assemble(g, m_key, QStringLiteral("stm32f4-ref"), 0, 4) << int(ErrorKind::Format) << QStringLiteral("manifest length");
        QTest::newRow("out of order") << assemble(with([](QList<Section> &s) { s.swapItemsAt(0, 1); }), m_key) << int(ErrorKind::Format) << QStringLiteral("kind order");
        QTest::newRow("two packages") << assemble(with([this](QList<Section> &s) { s.insert(2, {BundlePackage, 0, m_pkg}); }), m_key) << int(ErrorKind::Format) << QStringLiteral("2 package sections");
        QTest::newRow("no key") << assemble(with([](QList<Section> &s) { s.removeLast(); s.append({BundleConfig, 0, QByteArray("x")}); }), m_key) << int(ErrorKind::Format) << QStringLiteral("0 trusted-key sections");
        QTest::newRow("unknown kind") << assemble(with([](QList<Section> &s) { s.append({9, 0, QByteArray("x")}); }), m_key) << int(ErrorKind::Format) << QStringLiteral("unknown kind 9");
        QTest::newRow("address on a package") << assemble(with([](QList<Section> &s) { s[1].address = 4; }), m_key) << int(ErrorKind::Format) << QStringLiteral("must be 0");
        QTest::newRow("unaligned bootloader") << assemble(with([](QList<Section> &s) { s[0].address = 0x08000002; }), m_key) << int(ErrorKind::Format) << QStringLiteral("not 4-byte aligned");
        QTest::newRow("flag bit 1") << assemble(g, m_key, QStringLiteral("stm32f4-ref"), 2) << int(ErrorKind::Format) << QStringLiteral("bits other than bit 0");
        QTest::newRow("empty board id") << assemble(g, m_key, QString()) << int(ErrorKind::Format) << QStringLiteral("board id");
        QTest::newRow("not a key") << assemble(with([](QList<Section> &s) { s[2].data = QByteArray(91, 'k'); }), m_key) << int(ErrorKind::Format) << QStringLiteral("trusted-key section 2");
        QTest::newRow("signed by a key it does not provision") << assemble(g, m_other) << int(ErrorKind::Verify) << QStringLiteral("not signed by any of the keys it provisions");
        QTest::newRow("package for another board") << assemble(with([this](QList<Section> &s) { s[1].data = package(m_key, QStringLiteral("uniform-4k")); }), m_key) << int(ErrorKind::Format) << QStringLiteral("for board 'uniform-4k'");
        QTest::newRow("package signed by another key") << assemble(with([this](QList<Section> &s) { s[1].data = package(m_other); }), m_key) << int(ErrorKind::Verify) << QStringLiteral("its package is not signed");
        QTest::newRow("three access keys") << assemble(with([this](QList<Section> &s) {
            for (int i = 0; i < 3; ++i)
                s.append({BundleAccessKey, 0, m_other.publicKey().derSpki()});
        }), m_key) << int(ErrorKind::Format) << QStringLiteral("3 access-key sections, at most 2");
        QTest::newRow("access key not a key") << assemble(with([](QList<Section> &s) { s.append({BundleAccessKey, 0, QByteArray(91, 'k')}); }), m_key)
                                               << int(ErrorKind::Format) << QStringLiteral("access-key section 3");
        QTest::newRow("access key before config") << assemble(with([this](QList<Section> &s) {
            s.append({BundleAccessKey, 0, m_other.publicKey().derSpki()});
            s.append({BundleConfig, 0, QByteArray("x")});
        }), m_key) << int(ErrorKind::Format) << QStringLiteral("kind order");
        QTest::newRow("bad config") << assemble(with([](QList<Section> &s) { s.append({BundleConfig, 0, QByteArray("PTCF....")}); }), m_key) << int(ErrorKind::Format) << QStringLiteral("config section");
        QByteArray tampered = assemble(g, m_key);
        tampered[tampered.size() - 100] = char(tampered[tampered.size() - 100] ^ 1); // inside the key section
        QTest::newRow("section bytes changed") << tampered << int(ErrorKind::Verify) << QStringLiteral("SHA-256");
        QByteArray resigned = assemble(g, m_key);
        resigned[16 + 40] = char(resigned[16 + 40] ^ 1); // the locked flag, signature not redone
        QTest::newRow("manifest changed after signing") << resigned << int(ErrorKind::Verify) << QStringLiteral("not signed by any of the keys it provisions");
        // Fuzzing finding (docs/fuzzing.md): a section size of 4 GiB in a small file made the
        // parser allocate it before the file size was checked.
        QByteArray huge = assemble(g, m_key);
        huge[16 + 48 + 2 * 48 + 8] = char(0xF0); // size of section 2 (the trusted key): 0xFFFFFFF0
        huge[16 + 48 + 2 * 48 + 9] = char(0xFF);
        huge[16 + 48 + 2 * 48 + 10] = char(0xFF);
        huge[16 + 48 + 2 * 48 + 11] = char(0xFF);
        QTest::newRow("section of 4 GiB in a small file") << huge << int(ErrorKind::Format) << QStringLiteral("truncated");
        QTest::newRow("package magic") << QByteArray(package(m_key)) << int(ErrorKind::Format) << QStringLiteral("not a Piton factory bundle");
    }

    void refusesBrokenRules()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, kind);
        QFETCH(QString, words);
        auto b = Bundle::parse(file);
        QVERIFY(!b);
        QVERIFY2(b.error().message.contains(words), qPrintable(b.error().message));
        QCOMPARE(int(b.error().kind), kind);
    }

    // Access keys (kind 5, after the config): parsed into accessKeys, covered by the signature.
    void parsesAccessKeys()
    {
        QList<Section> s = good();
        s.append({BundleAccessKey, 0, m_other.publicKey().derSpki()});
        const QByteArray file = assemble(s, m_key, QStringLiteral("stm32f4-ref"), 1);
        auto b = Bundle::parse(file);
        QVERIFY2(b.ok(), qPrintable(b.ok() ? QString() : b.error().message));
        QVERIFY(b->locked);
        QCOMPARE(b->accessKeys.size(), 1);
        QCOMPARE(b->accessKeys[0].fingerprint(), m_other.publicKey().fingerprint());
        QCOMPARE(bundleSectionKindId(BundleAccessKey), QStringLiteral("access-key"));
        QByteArray swapped = file; // another access key in its place: the section hash no longer matches
        const QByteArray der = m_other.publicKey().derSpki();
        swapped.replace(swapped.size() - der.size(), der.size(), m_key.publicKey().derSpki().left(der.size()));
        QCOMPARE(Bundle::parse(swapped).error().kind, ErrorKind::Verify);
    }

    // The access block: the layout of vb_provision.h (VB_ACCESS_*), CRC-32 over bytes 0..371.
    void accessBlock()
    {
        AccessBlock a;
        a.accessKeys = {m_key.publicKey().derSpki(), m_other.publicKey().derSpki()};
        a.identityPrivate = QByteArray(32, '\x11');
        a.identityPublic = QByteArray(65, '\x04');
        const QByteArray block = encodeAccessBlock(a).value();
        QCOMPARE(block.size(), kAccessBlockSize);
        QCOMPARE(block.left(4), QByteArray("PTAK"));
        QCOMPARE(quint8(block[8]), quint8(2));
        QCOMPARE(quint8(block[9]), quint8(1));
        QCOMPARE(block.mid(12, 32), a.identityPrivate);
        QCOMPARE(block.mid(44, 65), a.identityPublic);
        QCOMPARE(block.mid(112 + 2, a.accessKeys[0].size()), a.accessKeys[0]);
        QCOMPARE(block.mid(242 + 2, a.accessKeys[1].size()), a.accessKeys[1]);
        const quint32 crc = quint32(crc32(0L, reinterpret_cast<const Bytef *>(block.constData()), 372));
        QCOMPARE(quint32(quint8(block[372]) | quint8(block[373]) << 8 | quint8(block[374]) << 16 | quint32(quint8(block[375])) << 24), crc);
        auto back = decodeAccessBlock(block);
        QVERIFY(back.ok());
        QCOMPARE(back->accessKeys, a.accessKeys);
        QCOMPARE(back->identityPrivate, a.identityPrivate);
        QCOMPARE(back->identityPublic, a.identityPublic);
        QByteArray bad = block;
        bad[200] = char(bad[200] ^ 1);
        QVERIFY(decodeAccessBlock(bad).error().message.contains(QLatin1String("CRC-32")));
        QVERIFY(decodeAccessBlock(QByteArray(376, char(0xFF))).error().message.contains(QLatin1String("PTAK")));
        a.identityPublic.chop(1);
        QCOMPARE(encodeAccessBlock(a).error().kind, ErrorKind::Usage);
    }

    // The provisioning block: the layout of vb_provision.h, CRC-32 as zlib's over bytes 0..319.
    void provisioningBlock()
    {
        Provisioning p;
        p.boardId = QStringLiteral("stm32f4-ref");
        p.uniqueId = QByteArray::fromHex("00112233445566778899aabb");
        p.locked = true;
        p.trustedKeys = {m_key.publicKey().derSpki()};
        const QByteArray block = encodeProvisioning(p).value();
        QCOMPARE(block.size(), 324);
        QCOMPARE(block.left(4), QByteArray("PTPV"));
        QCOMPARE(quint8(block[40]), quint8(12));
        QCOMPARE(quint8(block[41]), quint8(1));
        QCOMPARE(quint8(block[42]), quint8(1));
        QCOMPARE(block.mid(44, 12), p.uniqueId);
        QCOMPARE(int(quint8(block[60]) | quint8(block[61]) << 8), p.trustedKeys[0].size());
        QCOMPARE(block.mid(62, p.trustedKeys[0].size()), p.trustedKeys[0]);
        const quint32 crc = quint32(crc32(0L, reinterpret_cast<const Bytef *>(block.constData()), 320));
        QCOMPARE(quint32(quint8(block[320]) | quint8(block[321]) << 8 | quint8(block[322]) << 16 | quint32(quint8(block[323])) << 24), crc);
        auto back = decodeProvisioning(block);
        QVERIFY(back.ok());
        QCOMPARE(back->boardId, p.boardId);
        QCOMPARE(back->uniqueId, p.uniqueId);
        QCOMPARE(back->trustedKeys, p.trustedKeys);
        QByteArray bad = block;
        bad[100] = char(bad[100] ^ 1);
        QVERIFY(decodeProvisioning(bad).error().message.contains(QLatin1String("CRC-32")));
        QVERIFY(decodeProvisioning(QByteArray(324, char(0xFF))).error().message.contains(QLatin1String("not provisioned")));
        p.trustedKeys = {QByteArray(1, 'a'), QByteArray(1, 'b'), QByteArray(1, 'c')};
        QCOMPARE(encodeProvisioning(p).error().kind, ErrorKind::Usage);
    }

    // LOCK's lock word at 2044 of the provisioning sector (vb_provision.h): erased = unlocked,
    // any 0 bit = locked (a torn program locks too); a sector read short has none.
    void lockWord()
    {
        QByteArray sector(4096, char(0xFF));
        QCOMPARE(kLockWordOffset, 2044);
        QVERIFY(!lockWordSet(sector));
        sector[kLockWordOffset + 2] = char(0xFE);
        QVERIFY(lockWordSet(sector));
        sector.replace(kLockWordOffset, kLockWordSize, QByteArray(kLockWordSize, '\0'));
        QVERIFY(lockWordSet(sector));
        QVERIFY(!lockWordSet(QByteArrayView(sector).first(kLockWordOffset + kLockWordSize - 1)));
        sector[kLockWordOffset - 1] = 0; // a byte beside the word is not the lock
        sector.replace(kLockWordOffset, kLockWordSize, QByteArray(kLockWordSize, char(0xFF)));
        QVERIFY(!lockWordSet(sector));
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "test_bundle.moc"
