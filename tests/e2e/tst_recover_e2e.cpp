// End-to-end tests of `piton-cli recover`, `confirm` and `info` against piton-vboard, through
// the real TCP and pty links (issue 4, "Recovery" and "What must be shown" 2 and 4). One test
// per broken state; each checks the board afterwards by INFO and by the SHA-256 of its regions.
// Broken states are made the way they happen: an unconfirmed trial image (--no-confirm), a
// staging header damaged in the stopped board's flash file, bit flips in the config region
// (--flip-bits), an erased deployment region.
#include "harness.h"
#include "test_data.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace e2e;

namespace {

const QString kStm32f4 = QStringLiteral("stm32f4-ref");
const QString kUniform = QStringLiteral("uniform-4k");

QStringList S(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

QJsonObject regionJson(const QString &uri, const QString &name)
{
    const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("regions")});
    for (const QJsonValue &v : r.json.value(QStringLiteral("regions")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    return {};
}

QJsonObject info(const QString &uri)
{
    const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
    if (r.exitCode != 0)
        qWarning("info failed: %s", qPrintable(r.describe()));
    return r.json;
}

QStringList jsonStrings(const QJsonValue &array, const QString &key = {})
{
    QStringList out;
    for (const QJsonValue &v : array.toArray())
        out << (key.isEmpty() ? v.toString() : v.toObject().value(key).toString());
    return out;
}

} // namespace

class RecoverEndToEnd : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_privateKey, m_publicKey;
    QHash<QString, QByteArray> m_apps; // package path -> application bytes

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /** A package with an application of `size` pseudo-random bytes (from `seed`) for `board`. */
    QString makePackage(const QString &board, const QString &version, int size, int seed)
    {
        const QString name = QStringLiteral("%1-%2").arg(board, version);
        const QString pkg = path(name + QStringLiteral(".ptpkg"));
        if (m_apps.contains(pkg))
            return pkg;
        const QByteArray app = piton::test::pseudoRandom(size, quint32(seed));
        const QString bin = path(name + QStringLiteral(".bin"));
        if (!writeFile(bin, app))
            return {};
        const quint32 deployment = regionAddress(board, QStringLiteral("deployment"));
        if (deployment == 0)
            return {};
        const QString base = QStringLiteral("0x%1").arg(deployment, 8, 16, QLatin1Char('0'));
        const CliRun r = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), board,
                              QStringLiteral("--version"), version, QStringLiteral("--key"), m_privateKey,
                              QStringLiteral("--application"), bin, QStringLiteral("--application-base"), base,
                              QStringLiteral("-o"), pkg});
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(r.describe()));
            return {};
        }
        m_apps.insert(pkg, app);
        return pkg;
    }

    /** A board whose application never confirms a trial image: its watchdog resets it 300 ms
     *  (board time) after a trial boot. Its clock steps 100 ms per SIGRTMIN (ClockPump). */
    static QStringList trialBoard()
    {
        return {QStringLiteral("--no-confirm"), QStringLiteral("--watchdog-ms"), QStringLiteral("300"), QStringLiteral("--clock-step"),
                QStringLiteral("100")};
    }
    /** ClockPump interval: 100 ms of board time every 20 ms, five times real time. */
    static constexpr int kPumpMs = 20;

    /** The first bytes of the board's deployment region equal the package's application. */
    void checkDeploymentHolds(const QString &uri, const QString &pkg, const QString &dir)
    {
        const QString file = dir + QStringLiteral("/deployment-check.bin");
        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("read"), QStringLiteral("deployment"), QStringLiteral("-o"), file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QByteArray app = m_apps.value(pkg);
        QVERIFY(!app.isEmpty());
        QVERIFY2(readFile(file).left(app.size()) == app, "deployment region does not hold the package's application");
    }

    /** Deploys `pkg` to a board that has it not yet; exit 0 expected. */
    void deploy(VirtualBoard &vb, const QString &uri, const QString &pkg)
    {
        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), pkg});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(vb.diagnostics())));
    }

    /** A partial transfer of `pkg` left in staging (the link drops after 60000 bytes), then
     *  the staging header damaged in the flash file while the board is stopped. The board is
     *  restarted with `extra`; returns its TCP URI. */
    QString corruptStaging(VirtualBoard &vb, const QString &board, const QString &pkg, const QStringList &extra)
    {
        const quint32 updateAddress = quint32(regionJson(vb.tcpUri(), QStringLiteral("update")).value(QStringLiteral("address")).toInteger());
        if (updateAddress == 0)
            return {};
        if (!vb.restart({QStringLiteral("--drop-link-after"), QStringLiteral("60000")}))
            return {};
        const CliRun partial = cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("deploy"), pkg});
        if (partial.exitCode != 3) {
            qWarning("partial deploy: %s", qPrintable(partial.describe()));
            return {};
        }
        if (info(vb.tcpUri()).value(QStringLiteral("stagingState")).toString() != QLatin1String("partial"))
            return {};
        vb.stop();
        // The header's first 16 bytes: magic and package size.
        const qint64 offset = flashFileOffset(board, updateAddress);
        if (offset < 0 || !corruptFile(vb.flashPath(), offset, 16))
            return {};
        if (!vb.restart(extra))
            return {};
        return vb.tcpUri();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_privateKey = path(QStringLiteral("signing.pem"));
        m_publicKey = path(QStringLiteral("signing.pub.pem"));
        QVERIFY(generateKeyPair(m_privateKey, m_publicKey));
    }

    // A healthy board: nothing to recover, exit 0, nothing changed (even with a package given).
    void nothingToRecover()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4, m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const QString v1 = makePackage(kStm32f4, QStringLiteral("1.0.0"), 90000, 1);
        deploy(vb, uri, v1);
        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        QVERIFY(before.size() >= 6);

        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--package"), v1});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject diagnosis = r.json.value(QStringLiteral("diagnosis")).toObject();
        QCOMPARE(diagnosis.value(QStringLiteral("healthy")).toBool(), true);
        QCOMPARE(diagnosis.value(QStringLiteral("summary")).toString(), QStringLiteral("nothing to recover"));
        QCOMPARE(r.json.value(QStringLiteral("recovered")).toBool(), false);
        QVERIFY(r.json.value(QStringLiteral("actions")).toArray().isEmpty());
        QCOMPARE(regionHashes(uri, dir.path()), before);

        // The text form says so too.
        QByteArray out;
        QCOMPARE(run(cliPath(), {QStringLiteral("-c"), uri, QStringLiteral("recover")}, &out), 0);
        QVERIFY2(out.contains("nothing to recover"), out.constData());
    }

    // Application missing (board in recovery mode): refused without a package (exit 2, nothing
    // changed), planned by --dry-run, recovered with one. A factory board never had one; on the
    // other the deployment region was erased after a deploy.
    void applicationMissing_data()
    {
        QTest::addColumn<QString>("board");
        QTest::addColumn<bool>("serial");
        QTest::addColumn<bool>("erased");
        QTest::newRow("stm32f4-ref factory, tcp") << kStm32f4 << false << false;
        QTest::newRow("uniform-4k factory, serial") << kUniform << true << false;
        QTest::newRow("stm32f4-ref deployment erased, tcp") << kStm32f4 << false << true;
    }
    void applicationMissing()
    {
        QFETCH(QString, board);
        QFETCH(bool, serial);
        QFETCH(bool, erased);
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), board, m_publicKey), qPrintable(vb.error()));
        const QString uri = serial ? vb.serialUri() : vb.tcpUri();
        const QString v1 = makePackage(board, QStringLiteral("1.0.0"), 80000, 2);
        QMap<QString, QString> deployed;
        if (erased) {
            deploy(vb, uri, v1);
            deployed = regionHashes(uri, dir.path());
            QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("erase"), QStringLiteral("deployment")}).exitCode, 0);
            QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("reboot")}).exitCode, 0);
        }
        QJsonObject i = info(uri);
        QCOMPARE(i.value(QStringLiteral("stage")).toString(), QStringLiteral("bootloader"));
        if (!erased)
            QCOMPARE(i.value(QStringLiteral("imageState")).toString(), QStringLiteral("none"));
        const QMap<QString, QString> broken = regionHashes(uri, dir.path());

        const CliRun refused = cli({QStringLiteral("-c"), uri, QStringLiteral("recover")});
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.describe()));
        const QString message = refused.json.value(QStringLiteral("error")).toString();
        QVERIFY2(message.contains(QStringLiteral("application missing")) && message.contains(QStringLiteral("--package")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("nothing was changed")), qPrintable(message));
        QCOMPARE(jsonStrings(refused.json.value(QStringLiteral("diagnosis")).toObject().value(QStringLiteral("findings")), QStringLiteral("state")),
                 QStringList{QStringLiteral("application-missing")});
        QCOMPARE(jsonStrings(refused.json.value(QStringLiteral("diagnosis")).toObject().value(QStringLiteral("findings")), QStringLiteral("needs")),
                 QStringList{QStringLiteral("package")});

        const CliRun dry = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--dry-run"), QStringLiteral("--package"), v1});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.describe()));
        QCOMPARE(jsonStrings(dry.json.value(QStringLiteral("plan"))), QStringList{QStringLiteral("deploy-package")});
        QCOMPARE(dry.json.value(QStringLiteral("dryRun")).toBool(), true);
        QCOMPARE(regionHashes(uri, dir.path()), broken);

        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--package"), v1});
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("actions")), QStringLiteral("action")), QStringList{QStringLiteral("deploy-package")});
        // An erased application is not kept in the backup slot (it could not run): the install
        // goes ahead (device-firmware/common/boot.c, pt_backup_plan).
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(r.json.value(QStringLiteral("recovered")).toBool(), true);
        QCOMPARE(r.json.value(QStringLiteral("after")).toObject().value(QStringLiteral("healthy")).toBool(), true);

        i = info(uri);
        QCOMPARE(i.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QCOMPARE(i.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.0.0"));
        QCOMPARE(i.value(QStringLiteral("imageState")).toString(), QStringLiteral("confirmed"));
        const QMap<QString, QString> after = regionHashes(uri, dir.path());
        for (const QString &name : S({"bootloader", "config", "firmware"}))
            QVERIFY2(after.value(name) == broken.value(name), qPrintable(name));
        if (erased)
            QCOMPARE(after.value(QStringLiteral("deployment")), deployed.value(QStringLiteral("deployment")));
        QVERIFY(after.value(QStringLiteral("deployment")) != broken.value(QStringLiteral("deployment")));
        checkDeploymentHolds(uri, v1, dir.path());
    }

    // The first image of a board never confirms: deploy says the board is in recovery mode
    // (exit 5), and recover names the cause (reverted), not "application missing".
    void firstImageRevertedIsNamed()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4, m_publicKey, trialBoard()), qPrintable(vb.error()));
        const QString v1 = makePackage(kStm32f4, QStringLiteral("1.0.0"), 90000, 1);
        const CliRun d = [&] {
            const ClockPump fast(vb, kPumpMs); // the three trial boots pass at five times real time
            return cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("deploy"), v1});
        }();
        QVERIFY2(d.exitCode == 5 && d.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("the board is in recovery mode")),
                 qPrintable(d.describe()));
        const CliRun r = cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("recover"), QStringLiteral("--dry-run")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject diagnosis = r.json.value(QStringLiteral("diagnosis")).toObject();
        QCOMPARE(jsonStrings(diagnosis.value(QStringLiteral("findings")), QStringLiteral("state")), QStringList{QStringLiteral("application-reverted")});
        const QString why = diagnosis.value(QStringLiteral("findings")).toArray().first().toObject().value(QStringLiteral("explanation")).toString();
        QVERIFY2(why.contains(QStringLiteral("did not confirm itself within 3 boots")) && why.contains(QStringLiteral("no previous application")),
                 qPrintable(why));
    }

    // A trial image that never confirms is reverted and `info` says so; recover deploys the
    // package again on a board whose application confirms.
    void applicationReverted()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4, m_publicKey), qPrintable(vb.error()));
        const QString v1 = makePackage(kStm32f4, QStringLiteral("1.0.0"), 90000, 1);
        const QString v2 = makePackage(kStm32f4, QStringLiteral("2.0.0"), 110000, 3);
        deploy(vb, vb.tcpUri(), v1);

        QVERIFY2(vb.restart(trialBoard()), qPrintable(vb.error()));
        QString uri = vb.tcpUri();
        // Deploy follows the trial: the new image never confirms, the bootloader reverts it, and
        // deploy says so (exit 5) instead of "done". The trial boots pass at five times real
        // time, so the board also resets while deploy reconnects after the install.
        const CliRun reverted = [&] {
            const ClockPump fast(vb, kPumpMs);
            return cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), v2});
        }();
        QVERIFY2(reverted.exitCode == 5, qPrintable(reverted.describe() + QString::fromUtf8(vb.diagnostics())));
        QVERIFY2(reverted.json.value(QStringLiteral("error")).toString().contains(
                     QStringLiteral("the new image did not confirm itself within 3 boots; the bootloader reverted it and the board "
                                    "runs the previous image (application 1.0.0)")),
                 qPrintable(reverted.describe()));
        QJsonObject i;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 30000) {
            i = info(uri);
            if (i.value(QStringLiteral("imageState")).toString() == QLatin1String("reverted"))
                break;
            QThread::msleep(200);
        }
        QVERIFY2(i.value(QStringLiteral("imageState")).toString() == QLatin1String("reverted"),
                 qPrintable(QString::fromUtf8(QJsonDocument(i).toJson()) + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(i.value(QStringLiteral("revertReason")).toString(), QStringLiteral("not confirmed"));
        QCOMPARE(i.value(QStringLiteral("lastInstallResult")).toString(), QStringLiteral("reverted"));
        QCOMPARE(i.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.0.0"));
        QByteArray text;
        QCOMPARE(run(cliPath(), {QStringLiteral("-c"), uri, QStringLiteral("info")}, &text), 0);
        QVERIFY2(text.contains("image state:  reverted") && text.contains("last revert:  not confirmed"), text.constData());
        // recover with the same package on the same board: it reverts again, and recover says so.
        const CliRun again = [&] {
            const ClockPump fast(vb, kPumpMs);
            return cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--package"), v2});
        }();
        QVERIFY2(again.exitCode == 5 && again.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("did not confirm itself")),
                 qPrintable(again.describe()));

        QVERIFY2(vb.restart(), qPrintable(vb.error())); // the application confirms again
        uri = vb.tcpUri();
        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        const CliRun refused = cli({QStringLiteral("-c"), uri, QStringLiteral("recover")});
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.describe()));
        QVERIFY2(refused.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("application reverted")), qPrintable(refused.describe()));
        QCOMPARE(regionHashes(uri, dir.path()), before);

        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--package"), v2});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("diagnosis")).toObject().value(QStringLiteral("findings")), QStringLiteral("state")),
                 QStringList{QStringLiteral("application-reverted")});
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("actions")), QStringLiteral("action")), QStringList{QStringLiteral("deploy-package")});
        i = info(uri);
        QCOMPARE(i.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.0"));
        QCOMPARE(i.value(QStringLiteral("imageState")).toString(), QStringLiteral("confirmed"));
        QCOMPARE(i.value(QStringLiteral("lastInstallResult")).toString(), QStringLiteral("ok"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("verify"), v2}).exitCode, 0);
        const QMap<QString, QString> after = regionHashes(uri, dir.path());
        QVERIFY(after.value(QStringLiteral("deployment")) != before.value(QStringLiteral("deployment")));
        QCOMPARE(after.value(QStringLiteral("config")), before.value(QStringLiteral("config")));
        QCOMPARE(after.value(QStringLiteral("bootloader")), before.value(QStringLiteral("bootloader")));
        checkDeploymentHolds(uri, v2, dir.path());
    }

    // Staging corrupt: recover erases it (UPDATE_ABORT), and re-sends the package when given.
    void stagingCorrupt_data()
    {
        QTest::addColumn<QString>("board");
        QTest::addColumn<bool>("withPackage");
        QTest::newRow("stm32f4-ref, erase only") << kStm32f4 << false;
        QTest::newRow("uniform-4k, erase and re-send") << kUniform << true;
    }
    void stagingCorrupt()
    {
        QFETCH(QString, board);
        QFETCH(bool, withPackage);
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), board, m_publicKey), qPrintable(vb.error()));
        const QString v1 = makePackage(board, QStringLiteral("1.0.0"), 90000, 4);
        const QString v2 = makePackage(board, QStringLiteral("2.0.0"), 100000, 5);
        deploy(vb, vb.tcpUri(), v1);
        const QString uri = corruptStaging(vb, board, v2, {});
        QVERIFY2(!uri.isEmpty(), qPrintable(vb.error() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(info(uri).value(QStringLiteral("stagingState")).toString(), QStringLiteral("corrupt"));
        const QMap<QString, QString> before = regionHashes(uri, dir.path());

        QStringList args{QStringLiteral("-c"), uri, QStringLiteral("recover")};
        if (withPackage)
            args << QStringLiteral("--package") << v2;
        const CliRun r = cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("diagnosis")).toObject().value(QStringLiteral("findings")), QStringLiteral("state")),
                 QStringList{QStringLiteral("staging-corrupt")});
        const QStringList expected = withPackage ? S({"erase-staging", "deploy-package"}) : S({"erase-staging"});
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("actions")), QStringLiteral("action")), expected);

        const QJsonObject i = info(uri);
        QCOMPARE(i.value(QStringLiteral("stagingState")).toString(), QStringLiteral("empty"));
        const QMap<QString, QString> after = regionHashes(uri, dir.path());
        QVERIFY(after.value(QStringLiteral("update")) != before.value(QStringLiteral("update")));
        QCOMPARE(after.value(QStringLiteral("config")), before.value(QStringLiteral("config")));
        if (withPackage) {
            QCOMPARE(i.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.0"));
            QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("verify"), v2}).exitCode, 0);
            checkDeploymentHolds(uri, v2, dir.path());
        } else {
            QCOMPARE(i.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.0.0"));
            QCOMPARE(after.value(QStringLiteral("deployment")), before.value(QStringLiteral("deployment")));
            QCOMPARE(after.value(QStringLiteral("firmware")), before.value(QStringLiteral("firmware")));
            // The erased staging region reads as all 0xFF.
            const QString file = dir.filePath(QStringLiteral("region-update.bin"));
            const QByteArray staging = readFile(file);
            QVERIFY(!staging.isEmpty());
            QCOMPARE(staging, QByteArray(staging.size(), char(0xFF)));
        }
    }

    // Config corrupt (bits flipped in the config region at power-on): refused without a backup
    // and with a damaged backup (nothing changed), restored from a good one.
    void configCorrupt()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4, m_publicKey), qPrintable(vb.error()));
        const QString v1 = makePackage(kStm32f4, QStringLiteral("1.0.0"), 90000, 1);
        deploy(vb, vb.tcpUri(), v1);
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.site=north"),
                      QStringLiteral("net.ip=10.1.2.3")}).exitCode, 0);
        const QString backup = dir.filePath(QStringLiteral("before.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), backup}).exitCode, 0);

        QVERIFY2(vb.restart({QStringLiteral("--flip-bits"), QStringLiteral("config:16")}), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        QCOMPARE(info(uri).value(QStringLiteral("configState")).toString(), QStringLiteral("corrupt"));
        const QMap<QString, QString> before = regionHashes(uri, dir.path());

        const CliRun refused = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--package"), v1});
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.describe()));
        QVERIFY2(refused.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("--config-backup")), qPrintable(refused.describe()));

        QByteArray damaged = readFile(backup);
        damaged[damaged.size() - 6] = char(damaged[damaged.size() - 6] ^ 0x04);
        const QString damagedFile = dir.filePath(QStringLiteral("damaged.ptcfg"));
        QVERIFY(writeFile(damagedFile, damaged));
        const CliRun bad = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--config-backup"), damagedFile});
        QVERIFY2(bad.exitCode == 1, qPrintable(bad.describe()));
        QVERIFY2(bad.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("CRC"), Qt::CaseInsensitive), qPrintable(bad.describe()));
        QCOMPARE(regionHashes(uri, dir.path()), before);

        // The plan shown is the plan run: --expect-plan takes the plan of a --dry-run, and a
        // board that needs another (here: a plan that was never shown) is refused, nothing changed.
        const CliRun dry = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--config-backup"), backup,
                                QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.describe()));
        QCOMPARE(dry.json.value(QStringLiteral("plan")).toArray().toVariantList(), QVariantList{QStringLiteral("restore-config")});
        const CliRun changed = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--config-backup"), backup,
                                    QStringLiteral("--expect-plan"), QStringLiteral("erase-staging,restore-config")});
        QVERIFY2(changed.exitCode == 1, qPrintable(changed.describe()));
        QVERIFY2(changed.json.value(QStringLiteral("error")).toString().contains(
                     QStringLiteral("state changed since the plan was shown: shown erase-staging, restore-config, found now restore-config; nothing was changed")),
                 qPrintable(changed.describe()));
        const CliRun badPlan = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--config-backup"), backup,
                                    QStringLiteral("--expect-plan"), QStringLiteral("restore-everything")});
        QVERIFY2(badPlan.exitCode == 2, qPrintable(badPlan.describe()));
        QVERIFY2(badPlan.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("\"restore-everything\" is not a recovery action")),
                 qPrintable(badPlan.describe()));
        QCOMPARE(regionHashes(uri, dir.path()), before);

        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--config-backup"), backup,
                              QStringLiteral("--expect-plan"), dry.json.value(QStringLiteral("plan")).toArray().at(0).toString()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("actions")), QStringLiteral("action")), QStringList{QStringLiteral("restore-config")});
        QCOMPARE(info(uri).value(QStringLiteral("configState")).toString(), QStringLiteral("ok"));
        const QString check = dir.filePath(QStringLiteral("after.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), check}).exitCode, 0);
        QCOMPARE(readFile(check), readFile(backup));
        const QMap<QString, QString> after = regionHashes(uri, dir.path());
        for (const QString &name : S({"bootloader", "firmware", "deployment", "update"}))
            QVERIFY2(after.value(name) == before.value(name), qPrintable(name));
        QVERIFY(after.value(QStringLiteral("config")) != before.value(QStringLiteral("config")));

        // Survives a power cycle without the bit flips.
        QVERIFY2(vb.restart(), qPrintable(vb.error()));
        const CliRun get = cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("user.site")});
        QCOMPARE(get.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("user.site")).toString(), QStringLiteral("north"));
    }

    // Everything at once: config corrupt, staging corrupt, no application (a factory board whose
    // first transfer broke off). Recover acts in the documented order: config, staging, deploy.
    void severalAtOnce()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4, m_publicKey), qPrintable(vb.error()));
        const QString v1 = makePackage(kStm32f4, QStringLiteral("1.0.0"), 90000, 1);
        const QString v2 = makePackage(kStm32f4, QStringLiteral("2.0.0"), 110000, 3);
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.line=4")}).exitCode, 0);
        const QString backup = dir.filePath(QStringLiteral("before.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), backup}).exitCode, 0);
        const QString uri = corruptStaging(vb, kStm32f4, v2, {QStringLiteral("--flip-bits"), QStringLiteral("config:16")});
        QVERIFY2(!uri.isEmpty(), qPrintable(vb.error() + QString::fromUtf8(vb.diagnostics())));
        const QJsonObject broken = info(uri);
        QCOMPARE(broken.value(QStringLiteral("stage")).toString(), QStringLiteral("bootloader"));
        QCOMPARE(broken.value(QStringLiteral("configState")).toString(), QStringLiteral("corrupt"));
        QCOMPARE(broken.value(QStringLiteral("stagingState")).toString(), QStringLiteral("corrupt"));

        // Both inputs missing: both named, nothing changed.
        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        const CliRun refused = cli({QStringLiteral("-c"), uri, QStringLiteral("recover")});
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.describe()));
        const QString message = refused.json.value(QStringLiteral("error")).toString();
        QVERIFY2(message.contains(QStringLiteral("--package")) && message.contains(QStringLiteral("--config-backup")), qPrintable(message));
        QCOMPARE(regionHashes(uri, dir.path()), before);

        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--package"), v1,
                              QStringLiteral("--config-backup"), backup});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("diagnosis")).toObject().value(QStringLiteral("findings")), QStringLiteral("state")),
                 S({"config-corrupt", "staging-corrupt", "application-missing"}));
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("actions")), QStringLiteral("action")),
                 S({"restore-config", "erase-staging", "deploy-package"}));
        const QJsonObject i = info(uri);
        QCOMPARE(i.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QCOMPARE(i.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.0.0"));
        QCOMPARE(i.value(QStringLiteral("configState")).toString(), QStringLiteral("ok"));
        QCOMPARE(i.value(QStringLiteral("stagingState")).toString(), QStringLiteral("empty"));
        QCOMPARE(i.value(QStringLiteral("imageState")).toString(), QStringLiteral("confirmed"));
        checkDeploymentHolds(uri, v1, dir.path());
        const QString check = dir.filePath(QStringLiteral("after.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), check}).exitCode, 0);
        QCOMPARE(readFile(check), readFile(backup));
    }

    // `info` on a trial image, `confirm`, and a confirmed image that stays after a reset;
    // confirm is refused in the bootloader, where recover starts the application again.
    void trialInfoConfirmAndHeldInBootloader()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4, m_publicKey), qPrintable(vb.error()));
        const QString v1 = makePackage(kStm32f4, QStringLiteral("1.0.0"), 90000, 1);
        const QString v2 = makePackage(kStm32f4, QStringLiteral("2.0.0"), 110000, 3);
        deploy(vb, vb.tcpUri(), v1);
        // The application does not confirm by itself; the watchdog is far away.
        QVERIFY2(vb.restart({QStringLiteral("--no-confirm"), QStringLiteral("--watchdog-ms"), QStringLiteral("600000")}), qPrintable(vb.error()));
        QString uri = vb.tcpUri();
        // Deploy follows the trial: the image never confirms, so after --confirm-timeout it says
        // so (exit 5) and leaves the board as it is, on trial.
        const CliRun trial = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), QStringLiteral("--confirm-timeout"), QStringLiteral("1"), v2});
        QVERIFY2(trial.exitCode == 5, qPrintable(trial.describe()));
        QVERIFY2(trial.json.value(QStringLiteral("error")).toString().contains(
                     QStringLiteral("the new image has not confirmed itself within 1 s (boot 1 of at most 3)")),
                 qPrintable(trial.describe()));

        QJsonObject i = info(uri);
        QCOMPARE(i.value(QStringLiteral("imageState")).toString(), QStringLiteral("trial"));
        QCOMPARE(i.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.0"));
        QCOMPARE(i.value(QStringLiteral("previousApplicationVersion")).toString(), QStringLiteral("1.0.0"));
        QCOMPARE(i.value(QStringLiteral("bootCount")).toInt(), 1);
        QCOMPARE(i.value(QStringLiteral("trialLimit")).toInt(), 3);
        QByteArray text;
        QCOMPARE(run(cliPath(), {QStringLiteral("-c"), uri, QStringLiteral("info")}, &text), 0);
        QVERIFY2(text.contains("image state:  trial (boot 1 of at most 3 before the bootloader reverts)"), text.constData());
        QVERIFY2(text.contains("previous:     firmware none, application 1.0.0 (kept for rollback)"), text.constData());
        // A trial image is not broken: recover says so and leaves it alone.
        const CliRun healthy = cli({QStringLiteral("-c"), uri, QStringLiteral("recover")});
        QCOMPARE(healthy.exitCode, 0);
        QVERIFY(jsonStrings(healthy.json.value(QStringLiteral("diagnosis")).toObject().value(QStringLiteral("notes"))).join(QString()).contains(QStringLiteral("trial")));

        const CliRun c = cli({QStringLiteral("-c"), uri, QStringLiteral("confirm")});
        QVERIFY2(c.exitCode == 0, qPrintable(c.describe()));
        QCOMPARE(c.json.value(QStringLiteral("wasTrial")).toBool(), true);
        QCOMPARE(c.json.value(QStringLiteral("imageStateBefore")).toString(), QStringLiteral("trial"));
        QCOMPARE(c.json.value(QStringLiteral("imageState")).toString(), QStringLiteral("confirmed"));
        const CliRun again = cli({QStringLiteral("-c"), uri, QStringLiteral("confirm")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json.value(QStringLiteral("wasTrial")).toBool(), false);

        // Confirmed stays: resets with a short watchdog do not revert it.
        QVERIFY2(vb.restart({QStringLiteral("--no-confirm"), QStringLiteral("--watchdog-ms"), QStringLiteral("300"),
                             QStringLiteral("--clock-step"), QStringLiteral("1000")}), qPrintable(vb.error()));
        uri = vb.tcpUri();
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("reboot")}).exitCode, 0);
        QCOMPARE(info(uri).value(QStringLiteral("stage")).toString(), QStringLiteral("application")); // up again
        QVERIFY(vb.advanceClock()); // 1 s passes on the board: a trial image would have been reset
        i = info(uri);
        QCOMPARE(i.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.0"));
        QCOMPARE(i.value(QStringLiteral("imageState")).toString(), QStringLiteral("confirmed"));

        // In the bootloader there is nothing to confirm; recover starts the application.
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("reboot"), QStringLiteral("--bootloader")}).exitCode, 0);
        const CliRun refused = cli({QStringLiteral("-c"), uri, QStringLiteral("confirm")});
        QVERIFY2(refused.exitCode == 1, qPrintable(refused.describe()));
        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("recover")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(jsonStrings(r.json.value(QStringLiteral("actions")), QStringLiteral("action")), QStringList{QStringLiteral("start-application")});
        QCOMPARE(info(uri).value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
    }
};

QTEST_GUILESS_MAIN(RecoverEndToEnd)
#include "tst_recover_e2e.moc"
