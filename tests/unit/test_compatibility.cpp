// Unit tests of the compatibility service (core/package/compatibility.h): the one place that
// decides whether a package fits a device. Each refusal is named, and the regions an update
// writes come from the device's own region table.
#include "board/board_profile.h"
#include "package/compatibility.h"
#include "package/keys.h"
#include "package/package.h"
#include "version.h"

#include "piton/protocol.h"
#include "test_data.h"

#include <QTest>

using namespace piton;

namespace {

Region region(const QString &name, quint32 address, quint32 size, quint32 flags)
{
    Region r;
    r.name = name;
    r.address = address;
    r.size = size;
    r.flags = flags;
    r.sectors = {{size / 0x4000u, 0x4000u}};
    return r;
}

/** The REGIONS of stm32f4-ref as piton-vboard reports them (docs/boards.md), in wire order. */
QList<Region> deviceRegions()
{
    return {region(QStringLiteral("bootloader"), 0x08000000u, 0x10000u, PT_REGION_PROTECTED),
            region(QStringLiteral("firmware"), 0x08010000u, 0x30000u, PT_REGION_IMAGE),
            region(QStringLiteral("deployment"), 0x08040000u, 0xC0000u, PT_REGION_IMAGE),
            region(QStringLiteral("config"), 0x10000000u, 0x4000u, PT_REGION_CONFIG),
            region(QStringLiteral("bootstate"), 0x10004000u, 0x4000u, 0),
            region(QStringLiteral("update"), 0x90000000u, 0x100000u, PT_REGION_STAGING | PT_REGION_EXTERNAL),
            region(QStringLiteral("backup"), 0x90100000u, 0x100000u, PT_REGION_EXTERNAL)};
}

BoardProfile profile()
{
    BoardProfile b;
    b.id = QStringLiteral("stm32f4-ref");
    b.regions = {{QStringLiteral("firmware"), 0x08010000u, 0x30000u, {QStringLiteral("image")}},
                 {QStringLiteral("deployment"), 0x08040000u, 0xC0000u, {QStringLiteral("image")}}};
    return b;
}

DeviceInfo deviceInfo(const QByteArray &trusted)
{
    DeviceInfo i;
    i.boardId = QStringLiteral("stm32f4-ref");
    i.serialNumber = QStringLiteral("PT-0001");
    i.firmwareVersion = packVersion(1, 2, 0);
    i.applicationVersion = packVersion(1, 0, 0);
    i.securityCounter = 3;
    i.trustedKeys = {trusted};
    i.stage = PT_STAGE_APPLICATION;
    return i;
}

} // namespace

class TestCompatibility : public QObject {
    Q_OBJECT

    PrivateKey m_key;
    PrivateKey m_other;
    Package m_package; // application 1.5.0 requiring firmware 1.2.0, counter 4

    Package build(PackageInput in, const PrivateKey &key)
    {
        auto bytes = buildPackage(in, profile(), key);
        if (!bytes)
            qFatal("buildPackage: %s", qPrintable(bytes.error().message));
        auto p = Package::parse(*bytes);
        if (!p)
            qFatal("parse: %s", qPrintable(p.error().message));
        return p.value();
    }

    void expectRefusal(const CompatibilityVerdict &v, const QString &words)
    {
        QVERIFY(!v.fits);
        QCOMPARE(v.refusal.kind, ErrorKind::Verify);
        QVERIFY2(v.refusal.message.contains(words), qPrintable(v.refusal.message));
        QVERIFY(v.signerFingerprint.isEmpty());
        QVERIFY(v.warnings.isEmpty());
    }

private slots:
    void initTestCase()
    {
        auto k = generateKey();
        auto o = generateKey();
        QVERIFY(k.ok() && o.ok());
        m_key = *k;
        m_other = *o;
        PackageInput in;
        in.version = packVersion(1, 5, 0);
        in.securityCounter = 4;
        Image app;
        app.addSegment(0x08040000u, piton::test::pseudoRandom(4096, 1));
        in.application = app;
        in.requiresFirmware = packVersion(1, 2, 0);
        m_package = build(in, m_key);
    }

    void fitsWithRegionsAndWarnings()
    {
        const DeviceInfo info = deviceInfo(m_key.publicKey().fingerprint());
        const CompatibilityVerdict v = judgeCompatibility(m_package, info, deviceRegions());
        QVERIFY2(v.fits, qPrintable(v.refusal.message));
        QVERIFY(!v.refusal.isError());
        QCOMPARE(v.signerFingerprint, m_key.publicKey().fingerprint());
        // Device order: the payload's region, the bootloader's records, staging, backup; not
        // bootloader, firmware or config.
        QCOMPARE(v.regionsWritten, (QStringList{QStringLiteral("deployment"), QStringLiteral("bootstate"),
                                                QStringLiteral("update"), QStringLiteral("backup")}));
        // Counter 3 -> 4: the irreversible step is named.
        QCOMPARE(v.warnings.size(), 1);
        QVERIFY(v.warnings.first().contains(QStringLiteral("security counter rises from 3 to 4")));
    }

    void regionsFollowTheDevice()
    {
        // A board without external flash: staging internal, no backup region.
        QList<Region> regions = deviceRegions().mid(0, 5);
        regions << region(QStringLiteral("staging"), 0x08100000u, 0x80000u, PT_REGION_STAGING);
        const CompatibilityVerdict v = judgeCompatibility(m_package, deviceInfo(m_key.publicKey().fingerprint()), regions);
        QVERIFY(v.fits);
        QCOMPARE(v.regionsWritten, (QStringList{QStringLiteral("deployment"), QStringLiteral("bootstate"), QStringLiteral("staging")}));
        // A firmware payload adds its region.
        PackageInput in;
        in.version = packVersion(2, 0, 0);
        in.securityCounter = 3;
        Image fw;
        fw.addSegment(0x08010000u, piton::test::pseudoRandom(512, 2));
        in.firmware = fw;
        const Package both = build(in, m_key);
        const CompatibilityVerdict w = judgeCompatibility(both, deviceInfo(m_key.publicKey().fingerprint()), deviceRegions());
        QVERIFY2(w.fits, qPrintable(w.refusal.message));
        QCOMPARE(w.regionsWritten, (QStringList{QStringLiteral("firmware"), QStringLiteral("bootstate"),
                                                QStringLiteral("update"), QStringLiteral("backup")}));
    }

    void eachRefusalIsNamed()
    {
        const QByteArray fp = m_key.publicKey().fingerprint();
        DeviceInfo info = deviceInfo(fp);
        info.boardId = QStringLiteral("uniform-4k");
        expectRefusal(judgeCompatibility(m_package, info, deviceRegions()), QStringLiteral("board check failed"));

        info = deviceInfo(m_other.publicKey().fingerprint());
        expectRefusal(judgeCompatibility(m_package, info, deviceRegions()), QStringLiteral("does not trust"));

        info = deviceInfo(fp);
        info.securityCounter = 5;
        expectRefusal(judgeCompatibility(m_package, info, deviceRegions()), QStringLiteral("security counter check failed"));

        info = deviceInfo(fp);
        info.firmwareVersion = packVersion(1, 1, 0);
        expectRefusal(judgeCompatibility(m_package, info, deviceRegions()), QStringLiteral("requires firmware 1.2.0"));
        info.firmwareVersion.reset();
        expectRefusal(judgeCompatibility(m_package, info, deviceRegions()), QStringLiteral("runs no firmware"));

        // The device's deployment region is smaller than the payload; then it has none.
        QList<Region> regions = deviceRegions();
        regions[2].size = 1024;
        CompatibilityVerdict v = judgeCompatibility(m_package, deviceInfo(fp), regions);
        expectRefusal(v, QStringLiteral("region check failed"));
        // A refused package still says what it would have written (shown with the refusal).
        QVERIFY(v.regionsWritten.contains(QStringLiteral("deployment")));
        regions.removeAt(2);
        expectRefusal(judgeCompatibility(m_package, deviceInfo(fp), regions), QStringLiteral("has no region 'deployment'"));

        // A damaged payload (hash), and a package of an older Piton checked with a wrong key.
        Package damaged = m_package;
        damaged.payloads[0][10] = char(damaged.payloads[0][10] ^ 0x5a);
        expectRefusal(judgeCompatibility(damaged, deviceInfo(fp), deviceRegions()), QStringLiteral("SHA-256"));

        PackageInput in;
        in.version = packVersion(1, 6, 0);
        in.securityCounter = 3;
        Image app;
        app.addSegment(0x08040000u, piton::test::pseudoRandom(256, 3));
        in.application = app;
        in.nameSigner = false;
        const Package old = build(in, m_key);
        expectRefusal(judgeCompatibility(old, deviceInfo(fp), deviceRegions(), {m_other.publicKey()}),
                      QStringLiteral("signature check failed"));
        // Without a key the board judges the signature: fits, signer unknown, no warning.
        const CompatibilityVerdict unknown = judgeCompatibility(old, deviceInfo(fp), deviceRegions());
        QVERIFY(unknown.fits);
        QVERIFY(unknown.signerFingerprint.isEmpty());
        QVERIFY(unknown.warnings.isEmpty());
    }

    void downgradeWarned()
    {
        DeviceInfo info = deviceInfo(m_key.publicKey().fingerprint());
        info.applicationVersion = packVersion(2, 0, 0);
        info.securityCounter = 4;
        const CompatibilityVerdict v = judgeCompatibility(m_package, info, deviceRegions());
        QVERIFY(v.fits);
        QCOMPARE(v.warnings.size(), 1);
        QVERIFY2(v.warnings.first().contains(QStringLiteral("from 2.0.0 back to 1.5.0")), qPrintable(v.warnings.first()));
    }
};

QTEST_GUILESS_MAIN(TestCompatibility)
#include "test_compatibility.moc"
