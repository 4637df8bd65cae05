// A lost answer to REBOOT (core/jobs/device_jobs.h, RebootJob; docs/jobs.md, "Reboot"):
// piton-cli reboot over the pty serial link and over TCP against a piton-vboard that loses its
// answer to the first REBOOT (--drop-reply 0x40: the board reset, the workstation never heard)
// or the first REBOOT itself (--drop-request 0x40: the board never saw it), and piton-cli recover
// of a board held in its bootloader, whose reboot loses its answer, and a line recipe that
// deploys and then reboots (piton-cli line run). The job must find out what
// the board did from its resets since power-on (INFO 0x2B), send REBOOT again only when the board
// did not reset, and end with exit 0; the board's own INFO afterwards counts exactly one reset
// per reboot asked for (never two). The recovery time is printed.
#include "harness.h"
#include "test_boards.h"

#include <QTemporaryDir>
#include <QTest>

using namespace e2e;

class RebootLossEndToEnd : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_privateKey, m_publicKey, m_package;

    /** Deploys the test package, so that an application runs (a fresh board has none). */
    bool deployed(const QString &uri, QString *why)
    {
        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), m_package});
        *why = r.describe();
        return r.exitCode == 0;
    }

    static qint64 resets(const CliRun &info) { return info.json.value(QStringLiteral("resets")).toInteger(-1); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_privateKey = m_dir.filePath(QStringLiteral("signing.pem"));
        m_publicKey = m_dir.filePath(QStringLiteral("signing.pub.pem"));
        QVERIFY(generateKeyPair(m_privateKey, m_publicKey));
        QString problem;
        m_package = makeCorpusPackage(m_dir.path(), QStringLiteral("stm32f4-ref"), piton::test::deploymentAddress(QStringLiteral("stm32f4-ref")),
                                      QStringLiteral("1.2.3"), m_privateKey, &problem);
        QVERIFY2(!m_package.isEmpty(), qPrintable(problem));
    }

    void rebootRecovers_data()
    {
        QTest::addColumn<QString>("fault");     // piton-vboard option
        QTest::addColumn<bool>("serial");
        QTest::addColumn<bool>("bootloader");   // reboot --bootloader
        QTest::addColumn<int>("resent");        // REBOOTs the job must send again
        QTest::addColumn<QString>("boardSays"); // the board's own note of the fault
        const QString reply = QStringLiteral("dropped response 1 to command 0x40");
        const QString request = QStringLiteral("dropped request 1 of command 0x40");
        QTest::newRow("answer lost, serial") << QStringLiteral("--drop-reply") << true << false << 0 << reply;
        QTest::newRow("answer lost, tcp") << QStringLiteral("--drop-reply") << false << false << 0 << reply;
        QTest::newRow("reboot lost, serial") << QStringLiteral("--drop-request") << true << false << 1 << request;
        QTest::newRow("reboot lost, tcp") << QStringLiteral("--drop-request") << false << false << 1 << request;
        QTest::newRow("to the bootloader, answer lost, serial") << QStringLiteral("--drop-reply") << true << true << 0 << reply;
    }
    void rebootRecovers()
    {
        QFETCH(QString, fault);
        QFETCH(bool, serial);
        QFETCH(bool, bootloader);
        QFETCH(int, resent);
        QFETCH(QString, boardSays);
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey, {fault, QStringLiteral("0x40")}),
                 qPrintable(vb.error()));
        const QString uri = serial ? vb.serialUri() : vb.tcpUri();
        QString setup;
        QVERIFY2(deployed(uri, &setup), qPrintable(setup));
        const CliRun before = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QVERIFY2(before.exitCode == 0 && resets(before) >= 0, qPrintable(before.describe()));

        QStringList args{QStringLiteral("--verbose"), QStringLiteral("-c"), uri, QStringLiteral("reboot")};
        if (bootloader)
            args << QStringLiteral("--bootloader");
        const CliRun reboot = cli(args);
        const QString why = reboot.describe() + QString::fromUtf8(vb.diagnostics());
        QVERIFY2(reboot.exitCode == 0, qPrintable(why));
        QVERIFY2(QString::fromUtf8(vb.diagnostics()).contains(boardSays), qPrintable(why));
        QVERIFY2(reboot.json.value(QStringLiteral("answerLost")).toBool(), qPrintable(why));
        QCOMPARE(reboot.json.value(QStringLiteral("rebootsResent")).toInt(), resent);
        const qint64 recoveryMs = reboot.json.value(QStringLiteral("recoveryMs")).toInteger();
        QVERIFY2(recoveryMs > 0, qPrintable(why));
        QVERIFY2(reboot.err.contains("recovered from the lost answer to REBOOT"), qPrintable(why));
        // Found out by the UPDATE_STATUS probe behind REBOOT (protocols/client.h), not by waiting
        // out the 5 s answer timeout; only over TCP with the answer lost, the reset drops the
        // connection first.
        if (serial || resent)
            QVERIFY2(reboot.err.contains("the board answered a later request first"), qPrintable(why));
        QVERIFY2(recoveryMs < 4000, qPrintable(why));
        QCOMPARE(reboot.json.value(QStringLiteral("stage")).toString(),
                 bootloader ? QStringLiteral("bootloader") : QStringLiteral("application"));
        qInfo("%s: recovered from the lost %s in %lld ms", QTest::currentDataTag(), resent ? "REBOOT" : "answer to REBOOT",
              recoveryMs);

        // The board's own count: it reset once, not twice.
        const CliRun after = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QVERIFY2(after.exitCode == 0, qPrintable(after.describe()));
        QVERIFY2(resets(after) == resets(before) + 1, qPrintable(why + after.describe()));
        QCOMPARE(after.json.value(QStringLiteral("stage")).toString(),
                 bootloader ? QStringLiteral("bootloader") : QStringLiteral("application"));
    }

    // recover of a board held in its bootloader reboots it (start-application): the second
    // REBOOT's answer (the first is reboot --bootloader's) is lost.
    void recoverRecovers()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey, {QStringLiteral("--drop-reply"), QStringLiteral("0x40:2")}),
                 qPrintable(vb.error()));
        const QString uri = vb.serialUri();
        QString setup;
        QVERIFY2(deployed(uri, &setup), qPrintable(setup));
        const CliRun held = cli({QStringLiteral("-c"), uri, QStringLiteral("reboot"), QStringLiteral("--bootloader")});
        QVERIFY2(held.exitCode == 0 && !held.json.value(QStringLiteral("answerLost")).toBool(), qPrintable(held.describe()));
        const CliRun before = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QVERIFY2(before.exitCode == 0 && before.json.value(QStringLiteral("stage")).toString() == QStringLiteral("bootloader"),
                 qPrintable(before.describe()));
        const CliRun recover = cli({QStringLiteral("--verbose"), QStringLiteral("--yes"), QStringLiteral("-c"), uri, QStringLiteral("recover")});
        const QString why = recover.describe() + QString::fromUtf8(vb.diagnostics());
        QVERIFY2(recover.exitCode == 0, qPrintable(why));
        QVERIFY2(QString::fromUtf8(vb.diagnostics()).contains(QStringLiteral("dropped response 2 to command 0x40")), qPrintable(why));
        QVERIFY2(recover.err.contains("recovered from the lost answer to REBOOT"), qPrintable(why));
        const CliRun after = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QVERIFY2(after.exitCode == 0, qPrintable(after.describe()));
        QCOMPARE(after.json.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QCOMPARE(resets(after), resets(before) + 1);
    }

    // A deploy that reboots: a line recipe "deploy, reboot" (piton-cli line run) whose reboot
    // step loses REBOOT's answer or REBOOT itself. The board passes, and counts two resets (the
    // deploy's install and the reboot), not three (a retried step would reboot it twice).
    void lineDeployThenReboot_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("boardSays");
        QTest::newRow("answer lost") << QStringLiteral("--drop-reply") << QStringLiteral("dropped response 1 to command 0x40");
        QTest::newRow("reboot lost") << QStringLiteral("--drop-request") << QStringLiteral("dropped request 1 of command 0x40");
    }
    void lineDeployThenReboot()
    {
        QFETCH(QString, fault);
        QFETCH(QString, boardSays);
        QTemporaryDir dir;
        const QString recipe = dir.filePath(QStringLiteral("reboot.json"));
        const QString db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("line.db"));
        const CliRun made = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                                 QStringLiteral("stm32f4-ref"), QStringLiteral("--package"), m_package, QStringLiteral("--steps"),
                                 QStringLiteral("deploy,reboot"), QStringLiteral("--name"), QStringLiteral("reboot"), QStringLiteral("-o"), recipe});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        const CliRun released = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), recipe, QStringLiteral("--db"), db});
        QVERIFY2(released.exitCode == 0, qPrintable(released.describe()));
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey, {fault, QStringLiteral("0x40")}), qPrintable(vb.error()));
        const QString uri = vb.serialUri();
        const CliRun before = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QVERIFY2(before.exitCode == 0 && resets(before) >= 0, qPrintable(before.describe()));
        const CliRun run = cli({QStringLiteral("line"), QStringLiteral("run"), recipe, QStringLiteral("--slot"), uri, QStringLiteral("--db"), db,
                                QStringLiteral("--count"), QStringLiteral("1")});
        const QString why = run.describe() + QString::fromUtf8(vb.diagnostics());
        QVERIFY2(run.exitCode == 0, qPrintable(why));
        QVERIFY2(QString::fromUtf8(run.out).contains(QLatin1String("\"result\":\"pass\"")), qPrintable(why));
        QVERIFY2(QString::fromUtf8(vb.diagnostics()).contains(boardSays), qPrintable(why));
        const CliRun after = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QVERIFY2(after.exitCode == 0, qPrintable(after.describe()));
        QCOMPARE(after.json.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QCOMPARE(after.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.2.3"));
        QVERIFY2(resets(after) == resets(before) + 2, qPrintable(why + after.describe()));
    }
};

QTEST_GUILESS_MAIN(RebootLossEndToEnd)
#include "tst_rebootloss_e2e.moc"
