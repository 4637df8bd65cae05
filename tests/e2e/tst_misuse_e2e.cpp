// "Nothing lost under misuse" (issue 9), end to end against piton-vboard through real links:
// destructive commands the board will refuse change nothing (every region's SHA-256 before and
// after); one owner at a time across TCP + TCP, TCP + serial and serial + TCP, with release on
// disconnect, after the session timeout, and by a logged take-over; a trickling frame cannot
// hold the serial link.
#include "harness.h"
#include "test_boards.h"

#include "device_client.h"
#include "jobs/deploy_job.h"
#include "jobs/session.h"
#include "link_uri.h"
#include "package/package.h"
#include "piton/protocol.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace e2e;
using piton::DeviceClient;
using piton::LinkUri;

namespace {

const QString kBoard = QStringLiteral("stm32f4-ref");
const QString kDeployment = piton::test::hex32(piton::test::deploymentAddress());

QString errorOf(const CliRun &r)
{
    return r.json.value(QStringLiteral("error")).toString();
}

std::unique_ptr<DeviceClient> connectClient(const QString &uri)
{
    return connectDevice(uri); // with the development credential where the board needs a session
}

} // namespace

class MisuseEndToEnd : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_privateKey, m_publicKey, m_packageA, m_packageB;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A package of `size` bytes of application for the board, version `version`; stored
    // uncompressed (the tests stage parts of it by byte count: the pattern compresses to little).
    QString makePackage(const QString &name, const QString &version, int size, int seed)
    {
        QByteArray app;
        for (int i = 0; i < size; ++i)
            app.append(char((i * 31 + seed * 7 + (i >> 9)) & 0xFF));
        const QString bin = path(name + QStringLiteral(".bin"));
        writeFile(bin, app);
        const QString out = path(name);
        const CliRun r = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), kBoard,
                              QStringLiteral("--version"), version, QStringLiteral("--key"), m_privateKey,
                              QStringLiteral("--application"), bin, QStringLiteral("--application-base"), kDeployment,
                              QStringLiteral("--no-compress"), QStringLiteral("-o"), out});
        return r.exitCode == 0 ? out : QString();
    }

    // Stages the first `bytes` of `package` from `client` and leaves the transfer in progress.
    static bool stagePart(DeviceClient &client, const QByteArray &package, quint32 bytes)
    {
        auto staged = client.updateBegin(quint32(package.size()), QCryptographicHash::hash(package, QCryptographicHash::Sha256));
        if (!staged || staged.value() != 0)
            return false;
        const quint32 chunk = client.maxPayload() - 4;
        for (quint32 off = 0; off < bytes; off += chunk) {
            auto r = client.updateData(off, package.mid(off, std::min(chunk, bytes - off)));
            if (!r)
                return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_privateKey = path(QStringLiteral("signing.pem"));
        m_publicKey = path(QStringLiteral("signing.pub.pem"));
        QVERIFY(generateKeyPair(m_privateKey, m_publicKey));
        m_packageA = makePackage(QStringLiteral("a.ptpkg"), QStringLiteral("1.0.1"), 180000, 1);
        m_packageB = makePackage(QStringLiteral("b.ptpkg"), QStringLiteral("1.0.2"), 120000, 2);
        QVERIFY(!m_packageA.isEmpty() && !m_packageB.isEmpty());
    }

    // Each destructive command with an argument the board refuses, on a locked and an unlocked
    // board that runs an application: the documented exit code and message, every region as
    // it was. The locked raw write is the one that used to erase the application first.
    void refusedCommandsChangeNothing_data()
    {
        QTest::addColumn<bool>("locked");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString raw = QStringLiteral("@raw");
        const QString cfg = QStringLiteral("@cfg");
        const QString other = QStringLiteral("@other-board");
        for (bool locked : {true, false}) {
            const char *tag = locked ? "locked" : "unlocked";
            QTest::addRow("%s: write deployment", tag)
                << locked << QStringList{QStringLiteral("write"), QStringLiteral("deployment"), raw, QStringLiteral("--base"), kDeployment}
                << (locked ? 1 : 0) << (locked ? QStringLiteral("raw write is not available on this board") : QString());
            QTest::addRow("%s: write config", tag)
                << locked << QStringList{QStringLiteral("write"), QStringLiteral("config"), raw, QStringLiteral("--base"), QStringLiteral("0x08008000")}
                << 1 << (locked ? QStringLiteral("raw write is not available") : QStringLiteral("region config is not an image region (use config restore); nothing was changed"));
            QTest::addRow("%s: write bootloader", tag)
                << locked << QStringList{QStringLiteral("write"), QStringLiteral("bootloader"), raw, QStringLiteral("--base"), QStringLiteral("0x08000000")}
                << 1 << QStringLiteral("nothing was changed");
            QTest::addRow("%s: erase bootloader", tag) << locked << QStringList{QStringLiteral("erase"), QStringLiteral("bootloader")}
                                                       << 1 << QStringLiteral("region bootloader is protected");
            QTest::addRow("%s: erase update", tag) << locked << QStringList{QStringLiteral("erase"), QStringLiteral("update")}
                                                   << 1 << QStringLiteral("region update is the update staging area");
            QTest::addRow("%s: config restore of a damaged backup", tag)
                << locked << QStringList{QStringLiteral("config"), QStringLiteral("restore"), cfg} << 1 << QStringLiteral("CRC");
            QTest::addRow("%s: deploy for another board", tag)
                << locked << QStringList{QStringLiteral("deploy"), other} << 4 << QStringLiteral("uniform-4k");
            QTest::addRow("%s: recover with another board's package", tag)
                << locked << QStringList{QStringLiteral("recover"), QStringLiteral("--package"), other} << 4 << QStringLiteral("uniform-4k");
        }
    }
    void refusedCommandsChangeNothing()
    {
        QFETCH(bool, locked);
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_publicKey, locked ? QStringList{QStringLiteral("--locked")} : QStringList{}),
                 qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const CliRun deploy = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), m_packageA});
        QVERIFY2(deploy.exitCode == 0, qPrintable(deploy.describe()));

        const QString raw = dir.filePath(QStringLiteral("r2.bin"));
        QVERIFY(writeFile(raw, QByteArray(4096, char(0x5A))));
        const QString cfg = dir.filePath(QStringLiteral("damaged.ptcfg"));
        QVERIFY(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), cfg}).exitCode == 0);
        QVERIFY(corruptFile(cfg, 12, 1, 0x01));
        QString other;
        {
            const QString bin = dir.filePath(QStringLiteral("other.bin"));
            QVERIFY(writeFile(bin, QByteArray(1000, 'o')));
            other = dir.filePath(QStringLiteral("other.ptpkg"));
            QCOMPARE(cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), QStringLiteral("uniform-4k"),
                          QStringLiteral("--version"), QStringLiteral("9.0.0"), QStringLiteral("--key"), m_privateKey,
                          QStringLiteral("--application"), bin, QStringLiteral("--application-base"), QStringLiteral("0x0802C000"),
                          QStringLiteral("-o"), other}).exitCode, 0);
        }
        for (QString &a : args)
            a = a == QLatin1String("@raw") ? raw : a == QLatin1String("@cfg") ? cfg : a == QLatin1String("@other-board") ? other : a;
        if (args.first() == QLatin1String("recover")) {
            // recover acts only on a board that needs it: take the application away first.
            QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("-y"), QStringLiteral("erase"), QStringLiteral("deployment")}).exitCode, 0);
            QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("reboot")}).exitCode, 0);
        }

        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        const CliRun r = cli(QStringList{QStringLiteral("-c"), uri, QStringLiteral("-y")} + args);
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.describe()));
        QVERIFY2(errorOf(r).contains(message), qPrintable(QStringLiteral("expected '%1' in: %2").arg(message, r.describe())));
        const QMap<QString, QString> after = regionHashes(uri, dir.path());
        if (exitCode != 0)
            QCOMPARE(after, before);
        else // the one accepted command (an unlocked board's raw write): the hashes see it
            QVERIFY2(after.value(args.at(1)) != before.value(args.at(1)) && !after.value(args.at(1)).startsWith(QLatin1String("read")),
                     qPrintable(after.value(args.at(1))));
        if (args.first() == QLatin1String("write") && exitCode != 0)
            QVERIFY2(!errorOf(r).contains(QStringLiteral("was erased")), qPrintable(r.describe()));
    }

    // Below the CLI: the board itself refuses the erase that starts a raw write it would refuse.
    void boardRefusesEraseForARefusedWrite()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_publicKey, {QStringLiteral("--locked")}), qPrintable(vb.error()));
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("deploy"), m_packageA}).exitCode, 0);
        const QMap<QString, QString> before = regionHashes(vb.tcpUri(), dir.path());
        {
            auto client = connectClient(vb.tcpUri());
            QVERIFY(client);
            auto regions = client->regions();
            QVERIFY(regions);
            int deployment = -1;
            for (const auto &region : regions.value())
                if (region.name == QLatin1String("deployment"))
                    deployment = region.id;
            auto erased = client->erase(deployment, 0, 0, 60000, true);
            QVERIFY(!erased);
            QCOMPARE(erased.error().deviceStatus, int(PT_E_LOCKED));
            QVERIFY2(erased.error().message.contains(QStringLiteral("device is locked")), qPrintable(erased.error().message));
        }
        QCOMPARE(regionHashes(vb.tcpUri(), dir.path()), before);
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("verify"), m_packageA}).exitCode, 0);
    }

    // A deploy in progress on one link is not disturbed by another client's deploy, erase,
    // abort or config write; the other client is refused with the documented message; the
    // first then completes.
    void secondClientIsRefused_data()
    {
        QTest::addColumn<bool>("ownerSerial");
        QTest::addColumn<bool>("otherSerial");
        QTest::newRow("tcp + tcp") << false << false;
        QTest::newRow("tcp + serial") << false << true;
        QTest::newRow("serial + tcp") << true << false;
    }
    void secondClientIsRefused()
    {
        QFETCH(bool, ownerSerial);
        QFETCH(bool, otherSerial);
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_publicKey), qPrintable(vb.error()));
        const QString ownerUri = ownerSerial ? vb.serialUri() : vb.tcpUri();
        const QString otherUri = otherSerial ? vb.serialUri() : vb.tcpUri();
        const QByteArray package = readFile(m_packageA);

        auto owner = connectClient(ownerUri);
        QVERIFY(owner);
        QVERIFY(stagePart(*owner, package, 64 * 1024));
        const QMap<QString, QString> before = regionHashes(otherUri, dir.path()); // reading is served

        const QString busy = QStringLiteral("the board is busy with another session over %1").arg(ownerSerial ? QStringLiteral("serial") : QStringLiteral("tcp "));
        const QList<QStringList> attempts{
            {QStringLiteral("deploy"), m_packageB},
            {QStringLiteral("erase"), QStringLiteral("deployment")},
            {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.note=hello")},
            {QStringLiteral("reboot")},
            {QStringLiteral("recover"), QStringLiteral("--package"), m_packageB},
        };
        for (const QStringList &args : attempts) {
            const CliRun r = cli(QStringList{QStringLiteral("-c"), otherUri, QStringLiteral("-y")} + args);
            QVERIFY2(r.exitCode == 1, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.describe()));
            QVERIFY2(errorOf(r).contains(busy), qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.describe()));
        }
        // A raw UPDATE_ABORT from a second in-process client is refused too.
        {
            auto other = connectClient(otherUri);
            QVERIFY(other);
            auto aborted = other->updateAbort();
            QVERIFY(!aborted);
            QCOMPARE(aborted.error().deviceStatus, int(PT_E_BUSY));
            auto status = other->updateStatus(); // read-only: served
            QVERIFY(status);
            QCOMPARE(status->staged, quint32(64 * 1024));
        }
        QCOMPARE(regionHashes(otherUri, dir.path()), before);

        // The owner finishes undisturbed.
        auto sent = owner->updateSend(package, 64 * 1024);
        QVERIFY2(sent && sent.value() == quint32(package.size()), sent ? "" : qPrintable(sent.error().message));
        QVERIFY(owner->updateCommit());
        owner.reset();
        const CliRun verify = cli({QStringLiteral("-c"), otherUri, QStringLiteral("--timeout"), QStringLiteral("10000"), QStringLiteral("verify"), m_packageA});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.describe() + QString::fromUtf8(vb.diagnostics())));
    }

    // A client that goes quiet releases the board after the session timeout; one that
    // disconnects releases it at once.
    void vanishedClientReleasesTheBoard()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_publicKey, {QStringLiteral("--session-timeout-ms"), QStringLiteral("1500"),
                                                            QStringLiteral("--clock-step"), QStringLiteral("1600")}),
                 qPrintable(vb.error()));
        const QStringList set{QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.who=second")};
        auto quiet = connectClient(vb.serialUri());
        QVERIFY(quiet);
        QVERIFY(quiet->configSet(QStringLiteral("user.who"), "first"));
        CliRun r = cli(QStringList{QStringLiteral("-c"), vb.tcpUri()} + set);
        QVERIFY2(r.exitCode == 1 && errorOf(r).contains(QStringLiteral("after 1 s without requests")), qPrintable(r.describe()));
        QVERIFY(vb.advanceClock()); // 1.6 s pass on the board; the serial client says nothing
        r = cli(QStringList{QStringLiteral("-c"), vb.tcpUri()} + set);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("user.who")})
                     .json.value(QStringLiteral("config")).toObject().value(QStringLiteral("user.who")).toString(),
                 QStringLiteral("second"));
        quiet.reset(); // frees the serial port for the CLI below

        // A TCP client that claims and disconnects: the next one gets the board at once.
        {
            auto gone = connectClient(vb.tcpUri());
            QVERIFY(gone);
            QVERIFY(gone->configSet(QStringLiteral("user.who"), "third"));
        }
        r = cli(QStringList{QStringLiteral("-c"), vb.serialUri()} + set);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    // Support takes the board over deliberately; the board logs it, and the displaced session
    // is refused from then on with a message naming who holds the board now.
    void takeOverIsLogged()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_publicKey), qPrintable(vb.error()));
        auto first = connectClient(vb.tcpUri());
        QVERIFY(first);
        auto claimed = first->claimSession(QStringLiteral("line station 4"), false);
        QVERIFY(claimed && !claimed->displaced);
        QCOMPARE(claimed->timeoutMs, quint32(PT_SESSION_TIMEOUT_MS));

        CliRun r = cli({QStringLiteral("-c"), vb.serialUri(), QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.a=1")});
        QVERIFY2(r.exitCode == 1 && errorOf(r).contains(QStringLiteral("(line station 4)")), qPrintable(r.describe()));

        auto support = connectClient(vb.serialUri());
        QVERIFY(support);
        auto taken = support->claimSession(QStringLiteral("support"), true);
        QVERIFY(taken && taken->displaced);
        auto refused = first->configSet(QStringLiteral("user.a"), "2");
        QVERIFY(!refused);
        QCOMPARE(refused.error().deviceStatus, int(PT_E_BUSY));
        QVERIFY2(refused.error().message.contains(QStringLiteral("over serial (support)")), qPrintable(refused.error().message));
        QVERIFY(support->configSet(QStringLiteral("user.a"), "3"));
        // A serial line has no disconnect the board could see: the client releases explicitly.
        QVERIFY(support->releaseSession());
        support.reset();
        first.reset();

        // piton-cli --take-over over a holder that keeps its connection.
        auto holder = connectClient(vb.tcpUri());
        QVERIFY(holder && holder->configSet(QStringLiteral("user.b"), "1"));
        r = cli({QStringLiteral("-c"), vb.serialUri(), QStringLiteral("--take-over"), QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.b=2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTest::qWait(100);
        const QString log = QString::fromUtf8(vb.diagnostics());
        QVERIFY2(log.contains(QStringLiteral("session: serial (support) took the board over from tcp 127.0.0.1:")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("session: serial (piton-cli ")), qPrintable(log));
        QVERIFY2(log.count(QStringLiteral("took the board over")) == 2, qPrintable(log));
    }

    // The deploy claims the board again as soon as it is back from the install: another client
    // is refused while it verifies; one that takes the board over and erases the application
    // makes the deploy say that someone else changed the board (not that the package does not
    // match, exit 1 not 4).
    void deployTellsSomeoneElseChangedTheBoard()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_publicKey), qPrintable(vb.error()));
        auto package = piton::Package::load(m_packageA);
        QVERIFY(package);
        for (bool takeOver : {false, true}) {
            piton::Session session(LinkUri::parse(vb.tcpUri()).value());
            QVERIFY(session.open());
            piton::DeployJob job(session, package.value(), QStringLiteral("a.ptpkg"));
            CliRun meddler;
            bool meddled = false;
            connect(&job, &piton::Job::progressChanged, this, [&](const piton::JobProgress &p) {
                if (meddled || p.phase != QLatin1String("verifying"))
                    return;
                meddled = true;
                QStringList args{QStringLiteral("-c"), vb.serialUri(), QStringLiteral("-y")};
                if (takeOver)
                    args << QStringLiteral("--take-over");
                meddler = cli(args + QStringList{QStringLiteral("erase"), QStringLiteral("deployment")});
            });
            auto result = job.run();
            QVERIFY(meddled);
            if (!takeOver) {
                QVERIFY2(result, qPrintable(result.error().message));
                QVERIFY2(meddler.exitCode == 1 && errorOf(meddler).contains(QStringLiteral("busy with another session over tcp")),
                         qPrintable(meddler.describe()));
            } else {
                QVERIFY2(meddler.exitCode == 0, qPrintable(meddler.describe()));
                QVERIFY(!result);
                QCOMPARE(result.error().kind, piton::ErrorKind::Device);
                QVERIFY2(result.error().message.contains(QStringLiteral("someone else changed the board after this install: deployment")),
                         qPrintable(result.error().message));
            }
        }
    }

    // A header announcing 1000 bytes, then one byte every 900 ms, on the pty: a PING from
    // another attempt is still answered within 2 s.
    void tricklingFrameDoesNotHoldTheSerialLink()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_publicKey), qPrintable(vb.error()));
        const QString pty = vb.serialUri().mid(QStringLiteral("serial:").size());
        const int fd = ::open(pty.toLocal8Bit().constData(), O_WRONLY | O_NOCTTY);
        QVERIFY(fd >= 0);
        const unsigned char header[12] = {PT_FRAME_MAGIC0, PT_FRAME_MAGIC1, PT_PROTOCOL_VERSION, PT_CMD_WRITE, 1, 0, 0, 0,
                                          0xE8, 0x03, 0, 0}; // 1000 payload bytes announced
        QCOMPARE(::write(fd, header, sizeof header), ssize_t(sizeof header));
        std::atomic_bool stop{false};
        std::thread trickle([&] {
            while (!stop.load()) {
                for (int i = 0; i < 9 && !stop.load(); ++i)
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                const unsigned char b = 0x00;
                if (!stop.load() && ::write(fd, &b, 1) != 1)
                    break;
            }
        });
        QTest::qWait(50);
        QElapsedTimer t;
        t.start();
        const CliRun ping = cli({QStringLiteral("-c"), vb.serialUri(), QStringLiteral("ping")});
        const qint64 ms = t.elapsed();
        stop.store(true);
        trickle.join();
        ::close(fd);
        QVERIFY2(ping.exitCode == 0, qPrintable(ping.describe()));
        qInfo("PING answered %lld ms after it was started, behind a trickling frame", ms);
        QVERIFY2(ms < 2000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    }
};

QTEST_GUILESS_MAIN(MisuseEndToEnd)
#include "tst_misuse_e2e.moc"
