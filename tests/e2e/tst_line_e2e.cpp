// End-to-end tests of production line mode (issue 12, docs/line-mode.md): piton-cli line recipe
// create / release, line run against many piton-vboard instances (TCP and pty slotUris mixed) with
// the corpus image, identifiers from pools, failing slotUris, hot-plug, a board put back, and a
// station killed in the middle of a run. Checks the boards' own config afterwards and the
// traceability database (through core's LineDatabase and piton-cli line report).
#include "harness.h"
#include "line_run.h"
#include "test_boards.h"

#include "line/line_database.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>

using namespace e2e;

namespace {

constexpr int kGoodBoards = 16; // 8 on TCP, 8 on a pty

} // namespace

class LineEndToEnd : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_privateKey, m_publicKey, m_package, m_packageSha, m_recipe, m_recipeSha, m_db;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /** A board of `boardId` in its own folder `name` (its pty link stays at name/ttyPITON). */
    std::unique_ptr<VirtualBoard> board(const QString &name, const QString &boardId = QStringLiteral("stm32f4-ref"),
                                        const QStringList &extra = {})
    {
        QDir().mkpath(path(name));
        auto vb = std::make_unique<VirtualBoard>();
        if (!vb->start(path(name), boardId, m_publicKey, extra)) {
            qWarning("%s", qPrintable(vb->error()));
            return {};
        }
        return vb;
    }

    /** The database through core's own class (the test reads what the station wrote). */
    std::unique_ptr<piton::line::LineDatabase> database()
    {
        auto db = piton::line::LineDatabase::open(QStringLiteral("sqlite:") + m_db);
        if (!db)
            qWarning("%s", qPrintable(db.error().message));
        return db ? std::move(*db) : nullptr;
    }

    int scalar(const QString &sql)
    {
        auto db = database();
        auto q = db ? db->query(sql) : piton::Result<QSqlQuery>(piton::Error::make(piton::ErrorKind::Io, QString()));
        return q && q->next() ? q->value(0).toInt() : -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_privateKey = path(QStringLiteral("signing.pem"));
        m_publicKey = path(QStringLiteral("signing.pub.pem"));
        QVERIFY(generateKeyPair(m_privateKey, m_publicKey));
        const QString hex = path(QStringLiteral("app.hex"));
        const QString problem = relocateCorpusApp(piton::test::deploymentAddress(), hex);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_package = path(QStringLiteral("app.ptpkg"));
        const CliRun pkg = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), QStringLiteral("stm32f4-ref"),
                                QStringLiteral("--version"), QStringLiteral("1.2.3"), QStringLiteral("--key"), m_privateKey,
                                QStringLiteral("--application"), hex, QStringLiteral("-o"), m_package});
        QVERIFY2(pkg.exitCode == 0, qPrintable(pkg.describe()));
        m_packageSha = fileSha256(m_package);

        // The recipe as a script makes it: no editor. Then short reset timeouts for the tests
        // (a board that dies should fail in seconds), by editing the JSON as an engineer would.
        m_recipe = path(QStringLiteral("sensor.json"));
        const CliRun made = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                                 QStringLiteral("stm32f4-ref"), QStringLiteral("--package"), m_package, QStringLiteral("--serial"),
                                 QStringLiteral("PT-{yyyy}-{seq:06}"), QStringLiteral("--mac"),
                                 QStringLiteral("02:50:17:00:00:00-02:50:17:00:ff:ff"), QStringLiteral("--set"), QStringLiteral("net.dhcp=1"),
                                 QStringLiteral("--backup-dir"), QStringLiteral("backups"), QStringLiteral("--name"), QStringLiteral("sensor"),
                                 QStringLiteral("-o"), m_recipe});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        QCOMPARE(made.json.value(QStringLiteral("packages")).toArray().first().toObject().value(QStringLiteral("sha256")).toString(), m_packageSha);
        QJsonObject recipe = QJsonDocument::fromJson(readFile(m_recipe)).object();
        QJsonArray steps = recipe.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps[0].toObject().value(QStringLiteral("step")).toString(), QStringLiteral("backup"));
        QJsonObject deploy = steps[1].toObject();
        QCOMPARE(deploy.value(QStringLiteral("step")).toString(), QStringLiteral("deploy"));
        deploy.insert(QStringLiteral("timeoutMs"), 8000);
        deploy.insert(QStringLiteral("retries"), 1);
        steps[1] = deploy;
        recipe.insert(QStringLiteral("steps"), steps);
        QVERIFY(writeFile(m_recipe, QJsonDocument(recipe).toJson()));

        const CliRun shown = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("show"), m_recipe});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.describe()));
        m_recipeSha = shown.json.value(QStringLiteral("sha256")).toString();
        QCOMPARE(m_recipeSha.size(), 64);

        // Not released yet: line run refuses (exit 2) before touching any board.
        m_db = path(QStringLiteral("line.db"));
        const CliRun early = cli({QStringLiteral("line"), QStringLiteral("run"), m_recipe, QStringLiteral("--slot"),
                                  QStringLiteral("tcp:127.0.0.1:9"), QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db});
        QCOMPARE(early.exitCode, 2);
        QVERIFY2(early.err.contains("is not released"), qPrintable(early.describe()));

        const CliRun released = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), m_recipe,
                                     QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db, QStringLiteral("--by"), QStringLiteral("engineer-eve")});
        QVERIFY2(released.exitCode == 0, qPrintable(released.describe()));
        QCOMPARE(released.json.value(QStringLiteral("sha256")).toString(), m_recipeSha);
    }

    // Bad input to the line commands: clear errors, exit codes, nothing written.
    void refusals()
    {
        QByteArray help;
        QCOMPARE(run(cliPath(), {QStringLiteral("line"), QStringLiteral("run"), QStringLiteral("--help")}, &help), 0);
        QVERIFY2(help.contains("line run RECIPE --slot URI") && help.contains("line report"), help.constData());
        // Every option line run takes is in its --help (docs/cli.md and piton-cli.1 list the same).
        for (const char *option : {"--slot", "--db", "--station", "--count", "--operator", "--poll-ms", "--journal", "--lease", "--barcode SLOT",
                                   "--barcode-stdin", "--credential"})
            QVERIFY2(help.contains(option), option);
        QCOMPARE(cli({QStringLiteral("line"), QStringLiteral("frobnicate")}).exitCode, 2);
        const QString out = path(QStringLiteral("bad.json"));
        CliRun r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                        QStringLiteral("stm32f4-ref"), QStringLiteral("--package"), m_package, QStringLiteral("--serial"),
                        QStringLiteral("PT-{serial}"), QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown placeholder {serial}"), qPrintable(r.describe()));
        QVERIFY(!QFile::exists(out));
        r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                 QStringLiteral("uniform-4k"), QStringLiteral("--package"), m_package, QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("is built for board 'stm32f4-ref', the recipe is for 'uniform-4k'"), qPrintable(r.describe()));
        QVERIFY(!QFile::exists(out));
        r = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), QStringLiteral("postgresql://line@db/line?x=1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("is not a PostgreSQL URL"), qPrintable(r.describe()));
        r = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), QStringLiteral("sqlite:/nonexistent-dir/x.db")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("database: cannot open"), qPrintable(r.describe()));
        // A package changed after the recipe was released: refused at start, nothing run.
        const QString changedRecipe = path(QStringLiteral("changed/recipe.json"));
        QDir().mkpath(path(QStringLiteral("changed")));
        QFile::copy(m_recipe, changedRecipe);
        QByteArray pkg = readFile(m_package);
        pkg[pkg.size() - 1] = char(pkg[pkg.size() - 1] ^ 1);
        QVERIFY(writeFile(path(QStringLiteral("changed/app.ptpkg")), pkg));
        r = cli({QStringLiteral("line"), QStringLiteral("run"), changedRecipe, QStringLiteral("--slot"), QStringLiteral("tcp:127.0.0.1:9"),
                 QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("the recipe pins " + m_packageSha.toUtf8()), qPrintable(r.describe()));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt")), 0);
    }

    // 16 good boards (8 TCP, 8 pty) plus a board of another board id and one that dies during
    // its deploy: the 16 pass with their own serial and MAC, the two fail with the reason.
    void manyBoardsInParallel()
    {
        std::vector<std::unique_ptr<VirtualBoard>> boards;
        QStringList slotUris;
        for (int i = 0; i < kGoodBoards; ++i) {
            boards.push_back(board(QStringLiteral("good%1").arg(i)));
            QVERIFY(boards.back());
            slotUris << (i % 2 ? boards.back()->tcpUri() : boards.back()->serialUri());
        }
        auto other = board(QStringLiteral("other"), QStringLiteral("uniform-4k"));
        QVERIFY(other);
        auto dying = board(QStringLiteral("dying"));
        QVERIFY(dying);
        slotUris << other->tcpUri() << dying->serialUri();
        const int otherSlot = kGoodBoards + 1, dyingSlot = kGoodBoards + 2;

        QStringList args{m_recipe, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db, QStringLiteral("--station"),
                         QStringLiteral("bench-1"), QStringLiteral("--count"), QString::number(kGoodBoards + 2), QStringLiteral("--operator"),
                         QStringLiteral("olga")};
        for (const QString &s : slotUris)
            args << QStringLiteral("--slot") << s;
        QElapsedTimer timer;
        timer.start();
        LineRun run;
        QVERIFY(run.start(args));
        // The dying board goes away for good once its deploy has begun.
        QVERIFY2(run.waitFor([&](const QJsonObject &e) {
                     return isEvent(e, "step", dyingSlot) && e.value(QStringLiteral("step")).toString() == QLatin1String("deploy");
                 }, 30000),
                 qPrintable(run.describe()));
        dying->stop();
        const int rc = run.finish(120000);
        qInfo("line run of %d boards: %lld ms", kGoodBoards + 2, timer.elapsed());
        QVERIFY2(rc == 1, qPrintable(QStringLiteral("exit %1\n").arg(rc) + run.describe()));
        const QJsonObject summary = run.summary();
        QCOMPARE(summary.value(QStringLiteral("passed")).toInt(), kGoodBoards);
        QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("exitCode")).toInt(), 1);

        // Progress with a rate for the deploys, per slot.
        bool deployProgress = false;
        for (const QJsonObject &e : run.events(QStringLiteral("progress")))
            deployProgress = deployProgress || (e.value(QStringLiteral("step")).toString() == QLatin1String("deploy")
                                                && e.value(QStringLiteral("total")).toInteger() > 200000
                                                && e.value(QStringLiteral("bytesPerSecond")).toInteger() > 0);
        QVERIFY2(deployProgress, qPrintable(run.describe()));

        // Per-slot results from the event stream.
        QMap<int, QJsonObject> results;
        for (const QJsonObject &e : run.events(QStringLiteral("result")))
            results.insert(e.value(QStringLiteral("slot")).toInt(), e);
        QCOMPARE(results.size(), kGoodBoards + 2);
        QCOMPARE(results[otherSlot].value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
        QCOMPARE(results[otherSlot].value(QStringLiteral("failureStep")).toString(), QStringLiteral("identify"));
        QVERIFY(results[otherSlot].value(QStringLiteral("error")).toString().contains(QStringLiteral("the board is a 'uniform-4k', the recipe is for 'stm32f4-ref'")));
        QCOMPARE(results[dyingSlot].value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
        QCOMPARE(results[dyingSlot].value(QStringLiteral("failureStep")).toString(), QStringLiteral("deploy"));
        QVERIFY2(!results[dyingSlot].value(QStringLiteral("error")).toString().isEmpty(), qPrintable(run.describe()));

        // Each good board: its own serial and MAC, read back from the board itself.
        QSet<QString> serials, macs;
        for (int i = 0; i < kGoodBoards; ++i) {
            const QJsonObject r = results[i + 1];
            QVERIFY2(r.value(QStringLiteral("result")).toString() == QLatin1String("pass"), qPrintable(run.describe()));
            const QJsonObject ids = r.value(QStringLiteral("identifiers")).toObject();
            const QString serial = ids.value(QStringLiteral("serial")).toString(), mac = ids.value(QStringLiteral("net.mac")).toString();
            QVERIFY(serial.startsWith(QStringLiteral("PT-%1-").arg(QDateTime::currentDateTimeUtc().date().year())));
            QVERIFY(mac.startsWith(QStringLiteral("02:50:17:00:")));
            serials.insert(serial);
            macs.insert(mac);
            const CliRun config = cli({QStringLiteral("-c"), slotUris[i], QStringLiteral("config"), QStringLiteral("get")});
            QVERIFY2(config.exitCode == 0, qPrintable(config.describe()));
            const QJsonObject c = config.json.value(QStringLiteral("config")).toObject();
            QCOMPARE(c.value(QStringLiteral("serial")).toString(), serial);
            QCOMPARE(c.value(QStringLiteral("net.mac")).toString(), mac);
            QCOMPARE(c.value(QStringLiteral("net.dhcp")).toString(), QStringLiteral("1"));
            const CliRun info = cli({QStringLiteral("-c"), slotUris[i], QStringLiteral("info")});
            QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.2.3"));
        }
        QCOMPARE(serials.size(), kGoodBoards);
        // For the record (not a timed assertion): start of the run to the last good board's pass.
        QDateTime lastPass;
        for (int i = 0; i < kGoodBoards; ++i)
            lastPass = qMax(lastPass, QDateTime::fromString(results[i + 1].value(QStringLiteral("time")).toString(), Qt::ISODateWithMs));
        const QDateTime started = QDateTime::fromString(run.events(QStringLiteral("station")).first().value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        qInfo("%d good boards (corpus image, serial, MAC, verify) passed %lld ms after the station started", kGoodBoards,
              started.msecsTo(lastPass));
        QCOMPARE(macs.size(), kGoodBoards);

        // The database: 18 attempts of this station, the right hashes, distinct identifiers.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station s ON s.id = a.station_id WHERE s.code = 'bench-1'")),
                 kGoodBoards + 2);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'pass' AND package_sha256 = '%1' AND recipe_sha256 = '%2' "
                                       "AND operator = 'olga'").arg(m_packageSha, m_recipeSha)),
                 kGoodBoards);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM step_result s JOIN attempt a ON a.id = s.attempt_id WHERE a.result = 'pass' "
                                       "AND s.result = 'pass'")),
                 kGoodBoards * 4);
        // The config backup step: each good board's factory config, taken before anything changed.
        const QStringList backups = QDir(path(QStringLiteral("backups"))).entryList({QStringLiteral("*.ptcfg")}, QDir::Files);
        QVERIFY2(backups.size() >= kGoodBoards, qPrintable(backups.join(QLatin1Char(' '))));
        for (int i = 0; i < kGoodBoards; ++i) {
            const QString uid = results[i + 1].value(QStringLiteral("uid")).toString();
            const QStringList mine = backups.filter(uid + QStringLiteral("-attempt"));
            QCOMPARE(mine.size(), 1);
            const QByteArray blob = readFile(path(QStringLiteral("backups/") + mine.first()));
            QVERIFY2(blob.startsWith("PTCF") && blob.contains(("PT-" + uid.toUpper()).toLatin1()), blob.toHex().constData());
        }
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM identifier WHERE state = 'assigned'")), kGoodBoards * 2);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(DISTINCT value) FROM identifier")), scalar(QStringLiteral("SELECT COUNT(*) FROM identifier")));
        // The dying board's identifiers are void (policy "void"), never given again.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM identifier WHERE state = 'void'")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'fail' AND failure_step = 'identify' AND error LIKE '%uniform-4k%'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'pass' AND log LIKE '%Deploy app.ptpkg: done%'")), kGoodBoards);

        // The report says the same, per board and as yield.
        const CliRun report = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db,
                                   QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(report.exitCode == 0, qPrintable(report.describe()));
        const QJsonArray boardsReport = report.json.value(QStringLiteral("boards")).toArray();
        QCOMPARE(boardsReport.size(), kGoodBoards + 2);
        int passedBoards = 0;
        for (const QJsonValue &b : boardsReport) {
            if (b.toObject().value(QStringLiteral("finalResult")).toString() == QLatin1String("pass")) {
                ++passedBoards;
                QVERIFY(serials.contains(b.toObject().value(QStringLiteral("serial")).toString()));
                QCOMPARE(b.toObject().value(QStringLiteral("packageSha256")).toString(), m_packageSha);
            }
        }
        QCOMPARE(passedBoards, kGoodBoards);
        bool stationRow = false;
        for (const QJsonValue &y : report.json.value(QStringLiteral("yield")).toArray()) {
            const QJsonObject o = y.toObject();
            if (o.value(QStringLiteral("group")).toString() == QLatin1String("station") && o.value(QStringLiteral("key")).toString() == QLatin1String("bench-1")) {
                stationRow = true;
                QCOMPARE(o.value(QStringLiteral("units")).toInt(), kGoodBoards + 2);
                QCOMPARE(o.value(QStringLiteral("firstPass")).toInt(), kGoodBoards);
                QCOMPARE(o.value(QStringLiteral("fpy")).toDouble(), double(kGoodBoards) / (kGoodBoards + 2));
            }
        }
        QVERIFY(stationRow);
        // --since: the same boards within the last hour, none from the future, a bad value refused.
        const CliRun lastHour = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db,
                                     QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--since"), QStringLiteral("1h")});
        QCOMPARE(lastHour.json.value(QStringLiteral("boards")).toArray().size(), kGoodBoards + 2);
        const CliRun future = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db,
                                   QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--since"), QStringLiteral("2099-01-01")});
        QCOMPARE(future.exitCode, 0);
        QCOMPARE(future.json.value(QStringLiteral("boards")).toArray().size(), 0);
        QCOMPARE(cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db,
                      QStringLiteral("--since"), QStringLiteral("yesterday")}).exitCode,
                 2);
        const CliRun csv = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db,
                                QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--table"), QStringLiteral("yield")});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY2(csv.out.startsWith("group,key,units,firstPass,finalPass,fpy,finalYield,attempts,attemptsPassed\n"), csv.out.constData());
        QVERIFY2(csv.out.contains(QStringLiteral("station,bench-1,%1,%2,%2,").arg(kGoodBoards + 2).arg(kGoodBoards).toUtf8()), csv.out.constData());
    }

    // A board started after line run began is picked up; a passed board taken out and put back
    // is recognised (same unique id) and gets no second identity.
    void hotPlugAndPutBack()
    {
        auto first = board(QStringLiteral("hot-a"));
        QVERIFY(first);
        const QString slotA = first->serialUri();
        const QString slotB = QStringLiteral("serial:") + path(QStringLiteral("hot-b")) + QStringLiteral("/ttyPITON");
        LineRun run;
        QVERIFY(run.start({m_recipe, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db, QStringLiteral("--station"),
                           QStringLiteral("bench-2"), QStringLiteral("--count"), QStringLiteral("3"), QStringLiteral("--slot"), slotA,
                           QStringLiteral("--slot"), slotB, QStringLiteral("--poll-ms"), QStringLiteral("200")}));
        QVERIFY2(run.waitFor([](const QJsonObject &e) { return isEvent(e, "result", 1); }, 30000), qPrintable(run.describe()));
        auto second = board(QStringLiteral("hot-b")); // plugged in while the station runs
        QVERIFY(second);
        QVERIFY2(run.waitFor([](const QJsonObject &e) { return isEvent(e, "result", 2); }, 30000), qPrintable(run.describe()));
        const QJsonObject firstResult = run.events(QStringLiteral("result")).first();
        QCOMPARE(firstResult.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));

        first->stop(); // taken out ...
        QVERIFY2(run.waitFor([](const QJsonObject &e) {
                     return isEvent(e, "state", 1) && e.value(QStringLiteral("state")).toString() == QLatin1String("removed");
                 }, 15000),
                 qPrintable(run.describe()));
        QVERIFY(first->restart()); // ... and put back: same flash, same unique id
        const int rc = run.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + run.describe()));
        const QList<QJsonObject> results = run.events(QStringLiteral("result"));
        QCOMPARE(results.size(), 3);
        QCOMPARE(results[1].value(QStringLiteral("slot")).toInt(), 2);
        QCOMPARE(results[1].value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
        QCOMPARE(results[2].value(QStringLiteral("slot")).toInt(), 1);
        QVERIFY(results[2].value(QStringLiteral("recognised")).toBool());
        QCOMPARE(results[2].value(QStringLiteral("attempt")).toInteger(), firstResult.value(QStringLiteral("attempt")).toInteger());
        QCOMPARE(run.summary().value(QStringLiteral("recognised")).toInt(), 1);
        // One attempt for the put-back board, and its config still holds its first serial.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station s ON s.id = a.station_id WHERE s.code = 'bench-2'")), 2);
        const CliRun config = cli({QStringLiteral("-c"), first->serialUri(), QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("serial")});
        QCOMPARE(config.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("serial")).toString(),
                 firstResult.value(QStringLiteral("identifiers")).toObject().value(QStringLiteral("serial")).toString());
    }

    // A link that drops once during the deploy costs a retry, not the board: the deploy step
    // (repeat-safe) runs again after a reconnect and resumes the staged transfer.
    void transientDropIsRetried()
    {
        auto flaky = board(QStringLiteral("flaky"), QStringLiteral("stm32f4-ref"), {QStringLiteral("--drop-link-after"), QStringLiteral("120000")});
        QVERIFY(flaky);
        LineRun run;
        QVERIFY(run.start({m_recipe, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db, QStringLiteral("--station"), QStringLiteral("flaky-1"),
                           QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--slot"), flaky->tcpUri()}));
        const int rc = run.finish(60000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + run.describe()));
        bool retried = false;
        for (const QJsonObject &e : run.events(QStringLiteral("step")))
            retried = retried || (e.value(QStringLiteral("step")).toString() == QLatin1String("deploy")
                                  && e.value(QStringLiteral("status")).toString() == QLatin1String("retry"));
        QVERIFY2(retried, qPrintable(run.describe()));
        QCOMPARE(scalar(QStringLiteral("SELECT s.retries FROM step_result s JOIN attempt a ON a.id = s.attempt_id "
                                       "JOIN station t ON t.id = a.station_id WHERE t.code = 'flaky-1' AND s.step = 'deploy' AND a.result = 'pass'")),
                 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station t ON t.id = a.station_id "
                                       "WHERE t.code = 'flaky-1' AND a.log LIKE '%resuming: the device already holds%'")),
                 1);
    }

    // A board whose verify fails (an audit recipe, verify only, on a board that does not run
    // the package) is recorded as failed at that step with the reason; nothing is allocated.
    void verifyFailure()
    {
        const QString audit = path(QStringLiteral("audit.json"));
        CliRun r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                        QStringLiteral("stm32f4-ref"), QStringLiteral("--package"), m_package, QStringLiteral("--steps"), QStringLiteral("verify"),
                        QStringLiteral("--name"), QStringLiteral("audit"), QStringLiteral("-o"), audit});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), audit, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        auto fresh = board(QStringLiteral("audit"));
        QVERIFY(fresh);
        const int identifiersBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM identifier"));
        LineRun run;
        QVERIFY(run.start({audit, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db, QStringLiteral("--station"), QStringLiteral("audit-1"),
                           QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--slot"), fresh->tcpUri()}));
        QCOMPARE(run.finish(30000), 1);
        const QJsonObject result = run.events(QStringLiteral("result")).value(0);
        QCOMPARE(result.value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
        QCOMPARE(result.value(QStringLiteral("failureStep")).toString(), QStringLiteral("verify"));
        QVERIFY2(!result.value(QStringLiteral("error")).toString().isEmpty(), qPrintable(run.describe()));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station s ON s.id = a.station_id WHERE s.code = 'audit-1' "
                                       "AND a.result = 'fail' AND a.failure_step = 'verify' AND a.error <> ''")),
                 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM identifier")), identifiersBefore);
    }

    // SIGTERM (or Ctrl+C) stops the station: a summary, exit 4 ("aborted"). One running
    // station per name and database.
    void stopBySignal()
    {
        LineRun run;
        QVERIFY(run.start({m_recipe, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db, QStringLiteral("--station"),
                           QStringLiteral("bench-4"), QStringLiteral("--slot"), QStringLiteral("serial:") + path(QStringLiteral("nobody/tty"))}));
        QVERIFY2(run.waitFor([](const QJsonObject &e) { return isEvent(e, "state", 1); }, 10000), qPrintable(run.describe()));
        // A second station of the same name on the same database is refused while this one runs.
        const CliRun second = cli({QStringLiteral("line"), QStringLiteral("run"), m_recipe, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db,
                                   QStringLiteral("--station"), QStringLiteral("bench-4"), QStringLiteral("--slot"), QStringLiteral("tcp:127.0.0.1:9")});
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(second.err.contains("station 'bench-4' is already running on this database"), qPrintable(second.describe()));
        run.terminate();
        QCOMPARE(run.finish(10000), 4);
        QCOMPARE(run.summary().value(QStringLiteral("boards")).toInt(), 0);
        QCOMPARE(run.summary().value(QStringLiteral("exitCode")).toInt(), 4);
    }

    // The station is killed (SIGKILL) during the deploys; started again, it records the
    // unfinished attempts as interrupted, runs the boards again, and gives no identifier twice.
    void crashAndRestart()
    {
        std::vector<std::unique_ptr<VirtualBoard>> boards;
        QStringList args{m_recipe, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db, QStringLiteral("--station"),
                         QStringLiteral("bench-3"), QStringLiteral("--count"), QStringLiteral("2")};
        for (int i = 0; i < 2; ++i) {
            // A short session timeout: the killed station cannot release its claim.
            boards.push_back(board(QStringLiteral("crash%1").arg(i), QStringLiteral("stm32f4-ref"),
                                   {QStringLiteral("--session-timeout-ms"), QStringLiteral("500"),
                                    QStringLiteral("--clock-step"), QStringLiteral("600")}));
            QVERIFY(boards.back());
            args << QStringLiteral("--slot") << boards.back()->serialUri();
        }
        {
            LineRun run;
            QVERIFY2(killMidDeploy(run, args), qPrintable(run.describe()));
        }
        const int running = scalar(QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station s ON s.id = a.station_id "
                                                  "WHERE s.code = 'bench-3' AND a.result = 'running'"));
        QVERIFY2(running >= 1, qPrintable(QString::number(running)));
        for (const auto &b : boards)
            QVERIFY(b->advanceClock()); // 600 ms pass on the boards' clocks: their sessions time out

        LineRun again;
        QVERIFY(again.start(args));
        const int rc = again.finish(60000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + again.describe()));
        QCOMPARE(again.events(QStringLiteral("station")).first().value(QStringLiteral("interrupted")).toInt(), running);
        QCOMPARE(again.summary().value(QStringLiteral("passed")).toInt(), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station s ON s.id = a.station_id "
                                       "WHERE s.code = 'bench-3' AND a.result = 'interrupted' AND a.error LIKE '%station stopped%'")),
                 running);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'running'")), 0);
        // No identifier twice anywhere; the interrupted attempts' ones are void.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(DISTINCT value) FROM identifier")), scalar(QStringLiteral("SELECT COUNT(*) FROM identifier")));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN attempt a ON a.id = i.attempt_id "
                                       "WHERE a.result = 'interrupted' AND i.state <> 'void'")),
                 0);
        // Each board holds the serial of its passing attempt (not one of the voided ones).
        for (const QJsonObject &r : again.events(QStringLiteral("result"))) {
            const int slot = r.value(QStringLiteral("slot")).toInt();
            const QString serial = r.value(QStringLiteral("identifiers")).toObject().value(QStringLiteral("serial")).toString();
            QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM identifier WHERE value = '%1' AND state = 'assigned'").arg(serial)), 1);
            const CliRun config = cli({QStringLiteral("-c"), boards[size_t(slot - 1)]->serialUri(), QStringLiteral("config"),
                                       QStringLiteral("get"), QStringLiteral("serial")});
            QCOMPARE(config.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("serial")).toString(), serial);
        }
    }

    // A scanned barcode provides the serial (a "barcode" pool): the slot waits for the scan,
    // refuses a code that does not match the pattern and one already given to another board
    // (nothing is recorded or written for them), and the attempt records the accepted code.
    void barcodeProvidesSerial()
    {
        const QString recipe = path(QStringLiteral("scanned.json"));
        const QString db = QStringLiteral("sqlite:") + path(QStringLiteral("barcode.db"));
        CliRun r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                        QStringLiteral("stm32f4-ref"), QStringLiteral("--serial-barcode"), QStringLiteral("SN-[0-9]{4}"), QStringLiteral("--set"),
                        QStringLiteral("net.dhcp=1"), QStringLiteral("--steps"), QStringLiteral("config"), QStringLiteral("-o"), recipe});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), recipe, QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // A code for a recipe without a barcode pool is refused before anything starts.
        r = cli({QStringLiteral("line"), QStringLiteral("run"), m_recipe, QStringLiteral("--db"), QStringLiteral("sqlite:") + m_db,
                 QStringLiteral("--slot"), QStringLiteral("tcp:127.0.0.1:9"), QStringLiteral("--barcode"), QStringLiteral("1=SN-0001")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no barcode pool"), qPrintable(r.describe()));

        // Board A: the code given on the command line for slot 1.
        auto a = board(QStringLiteral("scan-a"));
        QVERIFY(a);
        LineRun first;
        QVERIFY(first.start({recipe, QStringLiteral("--db"), db, QStringLiteral("--station"), QStringLiteral("scan-1"), QStringLiteral("--count"),
                             QStringLiteral("1"), QStringLiteral("--slot"), a->tcpUri(), QStringLiteral("--barcode"), QStringLiteral("1=SN-0001")}));
        int rc = first.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + first.describe()));
        QCOMPARE(first.events(QStringLiteral("result")).value(0).value(QStringLiteral("identifiers")).toObject().value(QStringLiteral("serial")).toString(),
                 QStringLiteral("SN-0001"));

        // Board B: scans typed on stdin while the slot waits; two are refused.
        auto b = board(QStringLiteral("scan-b"));
        QVERIFY(b);
        const QJsonObject configBefore =
            cli({QStringLiteral("-c"), b->tcpUri(), QStringLiteral("config"), QStringLiteral("get")}).json.value(QStringLiteral("config")).toObject();
        LineRun second;
        QVERIFY(second.startTyping({recipe, QStringLiteral("--db"), db, QStringLiteral("--station"), QStringLiteral("scan-1"), QStringLiteral("--count"),
                                    QStringLiteral("1"), QStringLiteral("--slot"), b->tcpUri(), QStringLiteral("--barcode-stdin")}));
        QVERIFY2(second.waitFor([](const QJsonObject &e) { return isEvent(e, "state", 1) && e.value(QStringLiteral("state")).toString() == QLatin1String("scan"); },
                                20000),
                 qPrintable(second.describe()));
        const auto refusedCount = [&second] {
            int n = 0;
            for (const QJsonObject &e : second.events(QStringLiteral("barcode")))
                n += e.value(QStringLiteral("status")).toString() == QLatin1String("refused");
            return n;
        };
        second.type(QStringLiteral("1=XY-12"));
        QVERIFY2(second.waitFor([](const QJsonObject &e) { return isEvent(e, "barcode", 1); }, 10000), qPrintable(second.describe()));
        second.type(QStringLiteral("SN-0001"));
        QVERIFY2(second.waitFor([&](const QJsonObject &) { return refusedCount() == 2; }, 10000), qPrintable(second.describe()));
        // Refused scans changed nothing: no attempt, the board's config as it was.
        QCOMPARE(cli({QStringLiteral("-c"), b->tcpUri(), QStringLiteral("config"), QStringLiteral("get")}).json.value(QStringLiteral("config")).toObject(),
                 configBefore);
        second.type(QStringLiteral("SN-0002"));
        rc = second.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + second.describe()));
        const QList<QJsonObject> scans = second.events(QStringLiteral("barcode"));
        QCOMPARE(scans.size(), 3);
        QVERIFY2(scans[0].value(QStringLiteral("error")).toString().contains(QStringLiteral("does not match the pattern")), qPrintable(second.describe()));
        QVERIFY2(scans[1].value(QStringLiteral("error")).toString().contains(QStringLiteral("already given to another board")), qPrintable(second.describe()));
        QCOMPARE(scans[2].value(QStringLiteral("status")).toString(), QStringLiteral("accepted"));
        // The board holds the scanned serial; the database records the code with the attempt.
        const CliRun config = cli({QStringLiteral("-c"), b->tcpUri(), QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("serial")});
        QCOMPARE(config.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("serial")).toString(), QStringLiteral("SN-0002"));
        auto database = piton::line::LineDatabase::open(db);
        QVERIFY(database);
        auto q = (*database)->query(QStringLiteral("SELECT a.barcode, u.serial FROM attempt a JOIN unit u ON u.id = a.unit_id ORDER BY a.id"));
        QVERIFY(q);
        QStringList rows;
        while (q->next())
            rows << q->value(0).toString() + QLatin1Char('/') + q->value(1).toString();
        q->finish();
        QCOMPARE(rows, (QStringList{QStringLiteral("SN-0001/SN-0001"), QStringLiteral("SN-0002/SN-0002")}));
        // The report names the scanned code.
        r = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("SN-0002"), qPrintable(r.describe()));
        // Per shift: two shifts that cover the day; both boards passed first time in the one
        // that holds their start (local time, dated by the day the shift began).
        r = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("json"),
                 QStringLiteral("--shift"), QStringLiteral("am=00:00-12:00,pm=12:00-00:00")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        int shiftUnits = 0, shiftFirstPass = 0;
        QSet<QString> shiftKeys;
        for (const QJsonValue &v : report.value(QStringLiteral("yield")).toArray()) {
            const QJsonObject y = v.toObject();
            if (y.value(QStringLiteral("group")).toString() != QLatin1String("shift"))
                continue;
            shiftKeys << y.value(QStringLiteral("key")).toString();
            shiftUnits += y.value(QStringLiteral("units")).toInt();
            shiftFirstPass += y.value(QStringLiteral("firstPass")).toInt();
        }
        QCOMPARE(shiftUnits, 2);
        QCOMPARE(shiftFirstPass, 2);
        for (const QJsonValue &v : report.value(QStringLiteral("boards")).toArray()) {
            const QDateTime started = QDateTime::fromString(v.toObject().value(QStringLiteral("firstStartedAt")).toString(), Qt::ISODateWithMs).toLocalTime();
            const QString expected = started.date().toString(Qt::ISODate) + (started.time().hour() < 12 ? QStringLiteral(" am") : QStringLiteral(" pm"));
            QCOMPARE(v.toObject().value(QStringLiteral("shift")).toString(), expected);
            QVERIFY(shiftKeys.contains(expected));
        }
        // Overlapping shifts are refused with both names.
        r = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), db, QStringLiteral("--shift"),
                 QStringLiteral("a=06:00-14:00,b=13:00-22:00")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("shifts 'a' and 'b' overlap"), qPrintable(r.describe()));
    }

    // The recipe step "lock" sends LOCK: the board reports itself locked afterwards, also after
    // its process is started again from the same flash without re-provisioning (LOCK programs
    // the lock word of the provisioning sector, like OTP), and raw writes are refused from then on.
    void lockStep()
    {
        const QString recipe = path(QStringLiteral("lock.json"));
        const QString db = QStringLiteral("sqlite:") + path(QStringLiteral("lock.db"));
        CliRun r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                        QStringLiteral("stm32f4-ref"), QStringLiteral("--set"), QStringLiteral("net.dhcp=1"), QStringLiteral("--steps"),
                        QStringLiteral("config,lock"), QStringLiteral("--name"), QStringLiteral("locker"), QStringLiteral("-o"), recipe});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), recipe, QStringLiteral("--db"), db});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        auto vb = board(QStringLiteral("lock"));
        QVERIFY(vb);
        r = cli({QStringLiteral("-c"), vb->tcpUri(), QStringLiteral("info")});
        QCOMPARE(r.json.value(QStringLiteral("locked")).toBool(), false);
        LineRun run;
        QVERIFY(run.start({recipe, QStringLiteral("--db"), db, QStringLiteral("--station"), QStringLiteral("lock-1"), QStringLiteral("--count"),
                           QStringLiteral("1"), QStringLiteral("--slot"), vb->tcpUri()}));
        const int rc = run.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + run.describe()));
        bool locked = false;
        for (const QJsonObject &e : run.events(QStringLiteral("step")))
            locked = locked || (e.value(QStringLiteral("step")).toString() == QLatin1String("lock") && e.value(QStringLiteral("status")).toString() == QLatin1String("pass"));
        QVERIFY2(locked, qPrintable(run.describe()));
        r = cli({QStringLiteral("-c"), vb->tcpUri(), QStringLiteral("info")});
        QCOMPARE(r.json.value(QStringLiteral("locked")).toBool(), true);
        auto database = piton::line::LineDatabase::open(db);
        QVERIFY(database);
        auto q = (*database)->query(QStringLiteral("SELECT COUNT(*) FROM step_result WHERE step = 'lock' AND result = 'pass'"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), 1);
        q->finish();
        // Started again from its flash file, without --trust-key (no re-provisioning): still locked.
        const QString dir = path(QStringLiteral("lock"));
        vb->stop();
        VirtualBoard again;
        QVERIFY2(again.start(dir, QStringLiteral("stm32f4-ref"), QString()), qPrintable(again.error()));
        r = cli({QStringLiteral("-c"), again.tcpUri(), QStringLiteral("info")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json.value(QStringLiteral("locked")).toBool(), true);
    }

    // A board that trusts an access key, on a TCP slot: the slot claims it only in a technician
    // session and LOCK needs a factory one (docs/security.md "Sessions and access policy"). No
    // credential: refused at identify, nothing changed; --credential with a technician's: the
    // config is written, LOCK refused naming the factory role, the board stays unlocked; the
    // recipe's own credential (factory): locked. A missing credential file is refused before any
    // board is touched.
    void lockStepWithCredential()
    {
        const QString accessKey = path(QStringLiteral("access.pem")), accessPub = path(QStringLiteral("access.pub.pem"));
        CliRun r = cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("-o"), accessKey, QStringLiteral("--public"), accessPub});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        for (const char *role : {"technician", "factory"}) {
            r = cli({QStringLiteral("access"), QStringLiteral("issue"), QStringLiteral("--role"), QLatin1String(role), QStringLiteral("--key"),
                     accessKey, QStringLiteral("--for"), QStringLiteral("ALL"), QStringLiteral("--days"), QStringLiteral("1"), QStringLiteral("-o"),
                     path(QStringLiteral("%1.ptcred").arg(QLatin1String(role)))});
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        }
        const QString recipe = path(QStringLiteral("lockcred.json"));
        const QString db = QStringLiteral("sqlite:") + path(QStringLiteral("lockcred.db"));
        r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"), QStringLiteral("stm32f4-ref"),
                 QStringLiteral("--set"), QStringLiteral("net.dhcp=0"), QStringLiteral("--steps"), QStringLiteral("config,lock"),
                 QStringLiteral("--name"), QStringLiteral("locker"), QStringLiteral("-o"), recipe});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // The same recipe naming the factory credential (relative to its folder): its own hash.
        QJsonObject withCredential = QJsonDocument::fromJson(readFile(recipe)).object();
        withCredential.insert(QStringLiteral("credential"), QStringLiteral("factory.ptcred"));
        const QString factoryRecipe = path(QStringLiteral("lockcred-factory.json"));
        QVERIFY(writeFile(factoryRecipe, QJsonDocument(withCredential).toJson()));
        for (const QString &file : {recipe, factoryRecipe}) {
            r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), file, QStringLiteral("--db"), db});
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        }
        auto vb = board(QStringLiteral("lockcred"), QStringLiteral("stm32f4-ref"), {QStringLiteral("--trust-access-key"), accessPub});
        QVERIFY(vb);
        const auto boardState = [&] {
            const CliRun info = cli({QStringLiteral("-c"), vb->tcpUri(), QStringLiteral("info")});
            const CliRun config = cli({QStringLiteral("-c"), vb->tcpUri(), QStringLiteral("--credential"), path(QStringLiteral("technician.ptcred")),
                                       QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("net.dhcp")});
            return QStringLiteral("locked=%1 net.dhcp=%2")
                .arg(info.json.value(QStringLiteral("locked")).toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                .arg(config.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("net.dhcp")).toString());
        };
        const QString untouched = boardState();
        QVERIFY2(untouched.startsWith(QStringLiteral("locked=false")), qPrintable(untouched));
        const QStringList run{QStringLiteral("--db"), db, QStringLiteral("--station"), QStringLiteral("cred-1"), QStringLiteral("--count"),
                              QStringLiteral("1"), QStringLiteral("--slot"), vb->tcpUri()};
        const auto failure = [](const LineRun &l) {
            const QJsonObject res = l.events(QStringLiteral("result")).value(0);
            return res.value(QStringLiteral("failureStep")).toString() + QLatin1Char(':') + res.value(QStringLiteral("error")).toString();
        };

        LineRun none; // no credential
        QVERIFY(none.start(QStringList{recipe} + run));
        QCOMPARE(none.finish(30000), 1);
        QVERIFY2(failure(none).startsWith(QStringLiteral("identify:")) && failure(none).contains(QStringLiteral("technician session")),
                 qPrintable(none.describe()));
        QCOMPARE(boardState(), untouched);

        r = cli(QStringList{QStringLiteral("line"), QStringLiteral("run"), recipe, QStringLiteral("--credential"), path(QStringLiteral("nope.ptcred"))} + run);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("nope.ptcred"), qPrintable(r.describe()));

        // A credential from a key the board does not trust: refused at identify, nothing changed.
        const QString rogueKey = path(QStringLiteral("rogue.pem"));
        r = cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("-o"), rogueKey});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli({QStringLiteral("access"), QStringLiteral("issue"), QStringLiteral("--role"), QStringLiteral("factory"), QStringLiteral("--key"), rogueKey,
                 QStringLiteral("--for"), QStringLiteral("ALL"), QStringLiteral("-o"), path(QStringLiteral("rogue.ptcred"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        LineRun rogue;
        QVERIFY(rogue.start(QStringList{recipe, QStringLiteral("--credential"), path(QStringLiteral("rogue.ptcred"))} + run));
        QCOMPARE(rogue.finish(30000), 1);
        QVERIFY2(failure(rogue).startsWith(QStringLiteral("identify:the station's credential was refused")), qPrintable(rogue.describe()));
        QCOMPARE(boardState(), untouched);

        LineRun technician; // --credential: enough for the config, not for LOCK
        QVERIFY(technician.start(QStringList{recipe, QStringLiteral("--credential"), path(QStringLiteral("technician.ptcred"))} + run));
        QCOMPARE(technician.finish(30000), 1);
        QVERIFY2(failure(technician).startsWith(QStringLiteral("lock:")) && failure(technician).contains(QStringLiteral("factory session")),
                 qPrintable(technician.describe()));
        QCOMPARE(boardState(), QStringLiteral("locked=false net.dhcp=0"));

        LineRun factory; // the recipe's credential
        QVERIFY(factory.start(QStringList{factoryRecipe} + run));
        const int rc = factory.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + factory.describe()));
        QCOMPARE(boardState(), QStringLiteral("locked=true net.dhcp=0"));
    }

    // Passwords: an account with one acts only with it (PITON_LINE_PASSWORD for piton-cli):
    // release by an engineer and a run by an operator are refused without it or with a wrong
    // one, nothing changed; stored only as a PBKDF2 hash.
    void passwords()
    {
        const QString db = QStringLiteral("sqlite:") + path(QStringLiteral("passwords.db"));
        CliRun r = cliAs({QStringLiteral("line"), QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("eve"), QStringLiteral("--role"),
                          QStringLiteral("engineer"), QStringLiteral("--password-stdin"), QStringLiteral("--db"), db},
                         QString(), "eve-secret-1\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // Adding an operator: eve must prove she is eve.
        const QStringList addOlga{QStringLiteral("line"), QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"),
                                  QStringLiteral("operator"), QStringLiteral("--by"), QStringLiteral("eve"), QStringLiteral("--password-stdin"),
                                  QStringLiteral("--db"), db};
        r = cliAs(addOlga, QString(), "olga-pin-22\n");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'eve' has a password"), qPrintable(r.describe()));
        r = cliAs(addOlga, QStringLiteral("wrong-one"), "olga-pin-22\n");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("the password of 'eve' is wrong"), qPrintable(r.describe()));
        r = cliAs(addOlga, QStringLiteral("eve-secret-1"), "olga-pin-22\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        auto database = piton::line::LineDatabase::open(db);
        QVERIFY(database);
        auto stored = (*database)->query(QStringLiteral("SELECT password_hash FROM account WHERE name = 'olga'"));
        QVERIFY(stored && stored->next());
        QVERIFY2(stored->value(0).toString().startsWith(QStringLiteral("pbkdf2-sha256$600000$")), qPrintable(stored->value(0).toString()));
        QVERIFY(!stored->value(0).toString().contains(QStringLiteral("olga-pin")));
        stored->finish();
        QCOMPARE(*(*database)->authenticate(QStringLiteral("olga"), QStringLiteral("olga-pin-22")), QStringLiteral("operator"));
        QVERIFY(!(*database)->authenticate(QStringLiteral("olga"), QStringLiteral("olga-pin-23")));
        // Release: only eve, with her password; the refusals store nothing.
        const QStringList release{QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), m_recipe, QStringLiteral("--db"), db,
                                  QStringLiteral("--by"), QStringLiteral("eve")};
        r = cliAs(release, QStringLiteral("eve-secret-2"));
        QCOMPARE(r.exitCode, 2);
        auto count = (*database)->query(QStringLiteral("SELECT COUNT(*) FROM recipe"));
        QVERIFY(count && count->next());
        QCOMPARE(count->value(0).toInt(), 0);
        count->finish();
        r = cliAs(release, QStringLiteral("eve-secret-1"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // A run by olga: refused without her password (no board touched), fine with it.
        auto vb = board(QStringLiteral("passwords"));
        QVERIFY(vb);
        const QStringList runArgs{QStringLiteral("line"), QStringLiteral("run"), m_recipe, QStringLiteral("--db"), db, QStringLiteral("--station"),
                                  QStringLiteral("pw-1"), QStringLiteral("--operator"), QStringLiteral("olga"), QStringLiteral("--count"),
                                  QStringLiteral("1"), QStringLiteral("--slot"), vb->tcpUri()};
        r = cliAs(runArgs, QString());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'olga' has a password"), qPrintable(r.describe()));
        auto touched = (*database)->query(QStringLiteral("SELECT COUNT(*) FROM attempt"));
        QVERIFY(touched && touched->next());
        QCOMPARE(touched->value(0).toInt(), 0);
        touched->finish();
        r = cliAs(runArgs, QStringLiteral("olga-pin-22"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // olga changes her own password (with the old one); the old one is gone.
        r = cliAs({QStringLiteral("line"), QStringLiteral("account"), QStringLiteral("passwd"), QStringLiteral("olga"), QStringLiteral("--by"),
                   QStringLiteral("olga"), QStringLiteral("--db"), db},
                  QStringLiteral("olga-pin-22"), "olga-new-33\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(!(*database)->authenticate(QStringLiteral("olga"), QStringLiteral("olga-pin-22")));
        QCOMPARE(*(*database)->authenticate(QStringLiteral("olga"), QStringLiteral("olga-new-33")), QStringLiteral("operator"));
    }

    // Roles: local accounts in the database. Once an engineer account exists, only engineers
    // add accounts and release recipes, and line run --operator must name an account; refusals
    // change nothing and touch no board.
    void roles()
    {
        const QString db = QStringLiteral("sqlite:") + path(QStringLiteral("roles.db"));
        auto account = [&](const QStringList &extra) {
            return cli(QStringList{QStringLiteral("line"), QStringLiteral("account")} + extra + QStringList{QStringLiteral("--db"), db});
        };
        CliRun r = account({QStringLiteral("add"), QStringLiteral("eve"), QStringLiteral("--role"), QStringLiteral("engineer")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe())); // the first engineer: anybody may add
        r = account({QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"), QStringLiteral("--by"),
                     QStringLiteral("olga")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'olga' has no account"), qPrintable(r.describe()));
        r = account({QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("boss"), QStringLiteral("--by"),
                     QStringLiteral("eve")});
        QCOMPARE(r.exitCode, 2);
        r = account({QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"), QStringLiteral("operator"), QStringLiteral("--by"),
                     QStringLiteral("eve")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = account({QStringLiteral("list")});
        QCOMPARE(r.json.value(QStringLiteral("accounts")).toArray().size(), 2);
        // An operator may not release; nothing is stored.
        r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), m_recipe, QStringLiteral("--db"), db,
                 QStringLiteral("--by"), QStringLiteral("olga")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'olga' is an operator; only an engineer may do this"), qPrintable(r.describe()));
        auto rolesDb = piton::line::LineDatabase::open(db);
        QVERIFY(rolesDb);
        auto count = (*rolesDb)->query(QStringLiteral("SELECT (SELECT COUNT(*) FROM recipe) + (SELECT COUNT(*) FROM id_pool)"));
        QVERIFY(count && count->next());
        QCOMPARE(count->value(0).toInt(), 0);
        count->finish();
        r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), m_recipe, QStringLiteral("--db"), db,
                 QStringLiteral("--by"), QStringLiteral("eve")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // line run: someone without an account is refused before any board is touched.
        auto fresh = board(QStringLiteral("roles"));
        QVERIFY(fresh);
        const QJsonObject configBefore =
            cli({QStringLiteral("-c"), fresh->tcpUri(), QStringLiteral("config"), QStringLiteral("get")}).json.value(QStringLiteral("config")).toObject();
        QVERIFY(!configBefore.isEmpty());
        r = cli({QStringLiteral("line"), QStringLiteral("run"), m_recipe, QStringLiteral("--db"), db, QStringLiteral("--station"),
                 QStringLiteral("roles-1"), QStringLiteral("--operator"), QStringLiteral("mallory"), QStringLiteral("--count"), QStringLiteral("1"),
                 QStringLiteral("--slot"), fresh->tcpUri()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("'mallory' has no account"), qPrintable(r.describe()));
        auto touched = (*rolesDb)->query(QStringLiteral("SELECT (SELECT COUNT(*) FROM unit) + (SELECT COUNT(*) FROM attempt)"));
        QVERIFY(touched && touched->next());
        QCOMPARE(touched->value(0).toInt(), 0);
        touched->finish();
        const CliRun config = cli({QStringLiteral("-c"), fresh->tcpUri(), QStringLiteral("config"), QStringLiteral("get")});
        QCOMPARE(config.json.value(QStringLiteral("config")).toObject(), configBefore); // the board was not touched
        LineRun run;
        QVERIFY(run.start({m_recipe, QStringLiteral("--db"), db, QStringLiteral("--station"), QStringLiteral("roles-1"), QStringLiteral("--operator"),
                           QStringLiteral("olga"), QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--slot"), fresh->tcpUri()}));
        const int rc = run.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + run.describe()));
        auto op = (*rolesDb)->query(QStringLiteral("SELECT operator FROM attempt WHERE result = 'pass'"));
        QVERIFY(op && op->next());
        QCOMPARE(op->value(0).toString(), QStringLiteral("olga"));
    }
};

QTEST_GUILESS_MAIN(LineEndToEnd)
#include "tst_line_e2e.moc"
