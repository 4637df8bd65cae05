// Parsers of PING, INFO, REGIONS, UPDATE_STATUS responses (docs/protocol.md §4).
#include "device_types.h"
#include "fake_link.h"
#include "responses.h"

#include <QTest>

using namespace piton;
using namespace piton::test;

namespace {
QByteArray u32(quint32 v)
{
    QByteArray b;
    appendLe32(b, v);
    return b;
}
QByteArray region(int id, const QByteArray &name, quint32 address, quint32 size, quint32 flags,
                  const QList<QPair<quint16, quint32>> &runs)
{
    QByteArray b;
    b.append(char(id));
    b.append(char(name.size()));
    b.append(name);
    appendLe32(b, address);
    appendLe32(b, size);
    appendLe32(b, flags);
    b.append(char(runs.size()));
    for (const auto &r : runs) {
        appendLe16(b, r.first);
        appendLe32(b, r.second);
    }
    return b;
}
QByteArray pingBytes(int stage, int version, int window, int res, quint32 maxPayload, quint32 caps)
{
    QByteArray p;
    p.append(char(stage));
    p.append(char(version));
    p.append(char(window));
    p.append(char(res));
    appendLe32(p, maxPayload);
    appendLe32(p, caps);
    return p;
}
} // namespace

class TestResponses : public QObject {
    Q_OBJECT
private slots:
    void ping()
    {
        Result<PingInfo> r = parsePingResponse(pingBytes(2, 1, 4, 0, 4096, PT_CAP_READ | PT_CAP_UPDATE), 4, 4096);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->stage, 2);
        QCOMPARE(r->window, 4);
        QCOMPARE(r->maxPayload, quint32(4096));
        QVERIFY(r->has(PT_CAP_UPDATE));
        QVERIFY(!r->has(PT_CAP_WRITE));
    }

    void pingBad_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("short") << pingBytes(1, 1, 1, 0, 1024, 0).left(11) << "11 bytes, expected 12";
        QTest::newRow("version") << pingBytes(1, 2, 1, 0, 1024, 0) << "protocol version 2";
        QTest::newRow("stage") << pingBytes(3, 1, 1, 0, 1024, 0) << "unknown stage 3";
        QTest::newRow("reserved") << pingBytes(1, 1, 1, 9, 1024, 0) << "reserved byte";
        QTest::newRow("window 0") << pingBytes(1, 1, 0, 0, 1024, 0) << "window 0";
        QTest::newRow("window 5") << pingBytes(1, 1, 5, 0, 1024, 0) << "window 5";
        QTest::newRow("payload small") << pingBytes(1, 1, 1, 0, 512, 0) << "maximum payload 512";
        QTest::newRow("payload big") << pingBytes(1, 1, 1, 0, 8192, 0) << "maximum payload 8192";
    }
    void pingBad()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        Result<PingInfo> r = parsePingResponse(bytes, 4, 4096);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Protocol);
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
    }

    void info()
    {
        const QByteArray key1(32, '\x11'), key2(32, '\x22');
        QByteArray p = tlv(PT_INFO_BOARD_ID, "stm32f4-ref") + tlv(PT_INFO_UNIQUE_ID, QByteArray("\x01\x02\x03", 3))
                       + tlv(PT_INFO_SERIAL_NUMBER, QByteArray("SN-\xc3\xa9", 5))
                       + tlv(PT_INFO_BOOTLOADER_VERSION, u32(0x01000000))
                       + tlv(PT_INFO_FIRMWARE_VERSION, u32(0x02010003)) + tlv(PT_INFO_TRUSTED_KEY, key1)
                       + tlv(0x7F, "future tag") + tlv(PT_INFO_TRUSTED_KEY, key2)
                       + tlv(PT_INFO_LOCKED, QByteArray(1, '\1')) + tlv(PT_INFO_STAGE, QByteArray(1, '\1'))
                       + tlv(PT_INFO_SECURITY_COUNTER, u32(7)) + tlv(PT_INFO_LAST_INSTALL, QByteArray(1, '\2'));
        Result<DeviceInfo> r = parseInfoResponse(p);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->boardId, QStringLiteral("stm32f4-ref"));
        QCOMPARE(r->uniqueId, QByteArray("\x01\x02\x03", 3));
        QCOMPARE(r->serialNumber, QString::fromUtf8("SN-\xc3\xa9"));
        QCOMPARE(r->bootloaderVersion, std::optional<quint32>(0x01000000));
        QCOMPARE(r->firmwareVersion, std::optional<quint32>(0x02010003));
        QVERIFY(!r->applicationVersion.has_value());
        QCOMPARE(r->trustedKeys.size(), 2);
        QCOMPARE(r->trustedKeys[1], key2);
        QVERIFY(r->locked);
        QCOMPARE(r->stage, 1);
        QCOMPARE(r->securityCounter, quint32(7));
        QCOMPARE(r->lastInstall, int(PT_INSTALL_REJECTED));
        // Without the trial-boot tags (an older device) the new fields stay empty.
        QVERIFY(!r->imageState.has_value());
        QVERIFY(!r->bootCount.has_value());
        QVERIFY(!r->configState.has_value());
        QVERIFY(!r->previousApplicationVersion.has_value());
    }

    // Tags 0x0C-0x13: trial boot, rollback and recovery (docs/protocol.md §4.2).
    void infoRecoveryTags()
    {
        const QByteArray p = tlv(PT_INFO_BOARD_ID, "uniform-4k") + tlv(PT_INFO_LAST_INSTALL, QByteArray(1, '\4'))
                             + tlv(PT_INFO_IMAGE_STATE, QByteArray(1, '\3')) + tlv(PT_INFO_BOOT_COUNT, u32(70000))
                             + tlv(PT_INFO_TRIAL_LIMIT, QByteArray(1, '\5')) + tlv(PT_INFO_REVERT_REASON, QByteArray(1, '\1'))
                             + tlv(PT_INFO_STAGING_STATE, QByteArray(1, '\4')) + tlv(PT_INFO_CONFIG_STATE, QByteArray(1, '\2'))
                             + tlv(PT_INFO_PREVIOUS_FIRMWARE, u32(0x01020003)) + tlv(PT_INFO_PREVIOUS_APPLICATION, u32(0x00090001));
        Result<DeviceInfo> r = parseInfoResponse(p);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->lastInstall, int(PT_INSTALL_REVERTED));
        QCOMPARE(r->imageState, std::optional<int>(PT_IMAGE_REVERTED));
        QCOMPARE(r->bootCount, std::optional<quint32>(70000));
        QCOMPARE(r->trialLimit, std::optional<int>(5));
        QCOMPARE(r->revertReason, std::optional<int>(PT_REVERT_NOT_CONFIRMED));
        QCOMPARE(r->stagingState, std::optional<int>(PT_STAGING_CORRUPT));
        QCOMPARE(r->configState, std::optional<int>(PT_CONFIG_CORRUPT));
        QCOMPARE(r->previousFirmwareVersion, std::optional<quint32>(0x01020003));
        QCOMPARE(r->previousApplicationVersion, std::optional<quint32>(0x00090001));
        QCOMPARE(imageStateName(*r->imageState), QStringLiteral("reverted"));
        QCOMPARE(installResultName(r->lastInstall), QStringLiteral("reverted"));
        QCOMPARE(revertReasonName(*r->revertReason), QStringLiteral("not confirmed"));
        QCOMPARE(stagingStateName(*r->stagingState), QStringLiteral("corrupt"));
        QCOMPARE(configStateName(*r->configState), QStringLiteral("corrupt"));
        QCOMPARE(imageStateName(9), QStringLiteral("unknown (9)"));
    }

    void infoBad_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        const QByteArray board = tlv(PT_INFO_BOARD_ID, "b");
        QTest::newRow("truncated header") << board + QByteArray(1, '\4') << "truncated entry header";
        QTest::newRow("truncated value") << board + QByteArray("\x04\x04\x00\x00", 4) << "claims 4 bytes, 2 left";
        QTest::newRow("version size") << board + tlv(PT_INFO_FIRMWARE_VERSION, "abc") << "has 3 bytes, expected 4";
        QTest::newRow("key size") << board + tlv(PT_INFO_TRUSTED_KEY, QByteArray(31, 'k')) << "has 31 bytes, expected 32";
        QTest::newRow("locked value") << board + tlv(PT_INFO_LOCKED, QByteArray(1, '\5')) << "locked flag is 5";
        QTest::newRow("stage") << board + tlv(PT_INFO_STAGE, QByteArray(1, '\7')) << "unknown stage 7";
        QTest::newRow("duplicate") << board + board << "appears twice";
        QTest::newRow("duplicate image state") << board + tlv(PT_INFO_IMAGE_STATE, QByteArray(1, '\1')) + tlv(PT_INFO_IMAGE_STATE, QByteArray(1, '\2'))
                                               << "entry 0x0c appears twice";
        QTest::newRow("image state") << board + tlv(PT_INFO_IMAGE_STATE, QByteArray(1, '\4')) << "unknown image state 4";
        QTest::newRow("revert reason") << board + tlv(PT_INFO_REVERT_REASON, QByteArray(1, '\3')) << "unknown revert reason 3";
        QTest::newRow("staging state") << board + tlv(PT_INFO_STAGING_STATE, QByteArray(1, '\5')) << "unknown staging state 5";
        QTest::newRow("config state") << board + tlv(PT_INFO_CONFIG_STATE, QByteArray(1, '\3')) << "unknown config state 3";
        QTest::newRow("last install") << board + tlv(PT_INFO_LAST_INSTALL, QByteArray(1, '\5')) << "unknown last install result 5";
        QTest::newRow("boot count size") << board + tlv(PT_INFO_BOOT_COUNT, QByteArray(1, '\1')) << "has 1 bytes, expected 4";
        QTest::newRow("trial limit size") << board + tlv(PT_INFO_TRIAL_LIMIT, QByteArray(2, '\1')) << "has 2 bytes, expected 1";
        QTest::newRow("no board") << tlv(PT_INFO_STAGE, QByteArray(1, '\1')) << "no board id";
        QTest::newRow("empty") << QByteArray() << "no board id";
    }
    void infoBad()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        Result<DeviceInfo> r = parseInfoResponse(bytes);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Protocol);
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
    }

    void regions()
    {
        QByteArray p(1, '\3');
        p += region(0, "bootloader", 0x08000000, 0x10000, PT_REGION_PROTECTED, {{4, 0x4000}});
        p += region(2, "firmware", 0x08020000, 196608, PT_REGION_IMAGE, {{1, 65536}, {1, 131072}});
        p += region(5, "update", 0x90000000, 0x100000, PT_REGION_STAGING | PT_REGION_EXTERNAL, {{256, 4096}});
        Result<QList<Region>> r = parseRegionsResponse(p);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->size(), 3);
        const Region &fw = r->at(1);
        QCOMPARE(fw.id, 2);
        QCOMPARE(fw.name, QStringLiteral("firmware"));
        QCOMPARE(fw.address, quint32(0x08020000));
        QCOMPARE(fw.size, quint32(196608));
        QVERIFY(fw.isImage());
        QVERIFY(!fw.isProtected());
        QCOMPARE(fw.sectors.size(), 2);
        QCOMPARE(fw.sectorCount(), quint32(2));
        QVERIFY(fw.isSectorBoundary(0));
        QVERIFY(fw.isSectorBoundary(65536));
        QVERIFY(!fw.isSectorBoundary(4096));
        QVERIFY(fw.isSectorBoundary(196608));
        QCOMPARE(fw.sectorStart(70000), std::optional<quint32>(65536));
        QCOMPARE(fw.sectorSize(70000), std::optional<quint32>(131072));
        QVERIFY(!fw.sectorStart(196608).has_value());
        QVERIFY(r->at(0).isProtected());
        QVERIFY(r->at(2).isStaging() && r->at(2).isExternal());
        QCOMPARE(r->at(2).sectorStart(4097), std::optional<quint32>(4096));
        QCOMPARE(r->at(2).sectorCount(), quint32(256));
    }

    void regionsBad_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        const QByteArray good = region(1, "config", 0x1000, 0x2000, PT_REGION_CONFIG, {{2, 0x1000}});
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("count too high") << QByteArray(1, '\2') + good << "region 2 of 2 truncated";
        QTest::newRow("trailing") << QByteArray(1, '\1') + good + "x" << "1 bytes after the last region";
        QTest::newRow("sum mismatch") << QByteArray(1, '\1') + region(1, "config", 0, 0x3000, 0, {{2, 0x1000}})
                                      << "sectors add up to 8192 bytes, region size is 12288";
        QTest::newRow("no runs") << QByteArray(1, '\1') + region(1, "config", 0, 0, 0, {}) << "0 sector runs";
        QTest::newRow("name long") << QByteArray(1, '\1') + region(1, QByteArray(16, 'n'), 0, 0x1000, 0, {{1, 0x1000}})
                                   << "name of 16 bytes";
        QTest::newRow("empty run") << QByteArray(1, '\1') + region(1, "config", 0, 0, 0, {{0, 0x1000}}) << "empty sector run";
        QTest::newRow("duplicate id") << QByteArray(1, '\2') + good + good << "region id 1 appears twice";
        QTest::newRow("truncated runs") << QByteArray(1, '\1') + good.left(good.size() - 3) << "truncated in its sector runs";
    }
    void regionsBad()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        Result<QList<Region>> r = parseRegionsResponse(bytes);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Protocol);
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
    }

    void stagingStatus()
    {
        QByteArray p;
        p.append(char(PT_STAGING_PARTIAL));
        p.append(3, '\0');
        appendLe32(p, 100000);
        appendLe32(p, 8192);
        p.append(QByteArray(32, '\xAB'));
        Result<StagingStatus> r = parseStagingStatusResponse(p);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->state, int(PT_STAGING_PARTIAL));
        QCOMPARE(r->packageSize, quint32(100000));
        QCOMPARE(r->staged, quint32(8192));
        QCOMPARE(r->packageSha256, QByteArray(32, '\xAB'));

        QVERIFY(!parseStagingStatusResponse(p.left(43)).ok());
        QByteArray badState = p;
        badState[0] = char(9);
        QVERIFY(parseStagingStatusResponse(badState).error().message.contains(QStringLiteral("unknown state 9")));
        QByteArray over = p;
        over.replace(8, 4, u32(100001));
        QVERIFY(parseStagingStatusResponse(over).error().message.contains(QStringLiteral("100001 bytes staged")));
    }

    void stagedOffsetAndNames()
    {
        QCOMPARE(*parseStagedOffset(u32(4096), PT_CMD_UPDATE_DATA), quint32(4096));
        Result<quint32> bad = parseStagedOffset(QByteArray(5, '\0'), PT_CMD_UPDATE_BEGIN);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("UPDATE_BEGIN response: 5 bytes, expected 4")));
        QCOMPARE(statusName(PT_E_NOT_ERASED), QStringLiteral("NOT_ERASED"));
        QCOMPARE(statusName(99), QStringLiteral("status 99"));
        QCOMPARE(commandName(0x7E), QStringLiteral("command 0x7e"));
        QCOMPARE(encodeRegionRange(3, 0x10, 0x200), QByteArray("\x03\0\0\0\x10\0\0\0\0\x02\0\0", 12));
    }
};

QTEST_APPLESS_MAIN(TestResponses)
#include "tst_responses.moc"
