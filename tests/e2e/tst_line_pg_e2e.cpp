// Line mode against a real PostgreSQL server (issue 12, docs/line-mode.md "PostgreSQL"): the
// test starts a PostgreSQL server of its own (tests/pg_server.h: initdb in a temporary folder,
// trust authentication, a free port on 127.0.0.1, as `nobody` when run as root) and drives
// piton-cli line recipe release / line run / line report against it with piton-vboard boards:
// two stations at once, the server stopped and started again mid-run (the stations go on on
// their local journals and catch up), and a station killed mid-run and started again.
// Skipped with a message only where PostgreSQL cannot run.
#include "harness.h"
#include "line_run.h"
#include "test_boards.h"
#include "../pg_server.h"

#include "line/line_database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <tuple>

using namespace e2e;

class LinePgEndToEnd : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    pgtest::PgServer m_pg;
    QString m_publicKey, m_recipe;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<VirtualBoard> board(const QString &name, const QStringList &extra = {})
    {
        QDir().mkpath(path(name));
        auto vb = std::make_unique<VirtualBoard>();
        if (!vb->start(path(name), QStringLiteral("stm32f4-ref"), m_publicKey, extra)) {
            qWarning("%s", qPrintable(vb->error()));
            return {};
        }
        return vb;
    }

    /** A fresh database on the server with the recipe released in it; its URL. */
    QString releasedDatabase(const QString &name)
    {
        const QString url = m_pg.createDatabase(name);
        if (url.isEmpty()) {
            qWarning("CREATE DATABASE %s failed", qPrintable(name));
            return {};
        }
        const CliRun r = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), m_recipe, QStringLiteral("--db"), url,
                              QStringLiteral("--by"), QStringLiteral("engineer-eve")});
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(r.describe()));
            return {};
        }
        return url;
    }

    /** One integer from the database at `url`, through core's LineDatabase (-1 on error). */
    static qint64 scalar(const QString &url, const QString &sql)
    {
        auto db = piton::line::LineDatabase::open(url);
        if (!db) {
            qWarning("%s", qPrintable(db.error().message));
            return -1;
        }
        auto q = (*db)->query(sql);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    /** SHA-256 of a journal's records (attempts, identifiers, leases, stations); empty on error. */
    static QByteArray journalDigest(const QString &journal) { return lineDatabaseDigest(QStringLiteral("sqlite:") + journal); }

    /** Every identifier value given in the database: none twice (per pool), and how many. */
    static void checkNoDuplicates(const QString &url)
    {
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM (SELECT pool_id, value FROM identifier GROUP BY pool_id, value "
                                            "HAVING COUNT(*) > 1) d")),
                 qint64(0));
    }

    /** Each passing board holds the serial and MAC the station reported for it. */
    static void checkBoards(const LineRun &run, const std::vector<std::unique_ptr<VirtualBoard>> &boards, int firstBoard)
    {
        for (const QJsonObject &r : run.events(QStringLiteral("result"))) {
            if (r.value(QStringLiteral("result")).toString() != QLatin1String("pass"))
                continue;
            const int slot = r.value(QStringLiteral("slot")).toInt();
            const QJsonObject ids = r.value(QStringLiteral("identifiers")).toObject();
            const CliRun config = cli({QStringLiteral("-c"), boards[size_t(firstBoard + slot - 1)]->tcpUri(), QStringLiteral("config"),
                                       QStringLiteral("get")});
            const QJsonObject held = config.json.value(QStringLiteral("config")).toObject();
            QCOMPARE(held.value(QStringLiteral("serial")).toString(), ids.value(QStringLiteral("serial")).toString());
            QCOMPARE(held.value(QStringLiteral("net.mac")).toString(), ids.value(QStringLiteral("net.mac")).toString());
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!m_pg.start())
            QSKIP(qPrintable(QStringLiteral("PostgreSQL cannot run here: ") + m_pg.reason()));
        const QString privateKey = path(QStringLiteral("signing.pem"));
        m_publicKey = path(QStringLiteral("signing.pub.pem"));
        QVERIFY(generateKeyPair(privateKey, m_publicKey));
        const QString hex = path(QStringLiteral("app.hex"));
        const QString problem = relocateCorpusApp(piton::test::deploymentAddress(), hex);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString package = path(QStringLiteral("app.ptpkg"));
        const CliRun pkg = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), QStringLiteral("stm32f4-ref"),
                                QStringLiteral("--version"), QStringLiteral("1.2.3"), QStringLiteral("--key"), privateKey,
                                QStringLiteral("--application"), hex, QStringLiteral("-o"), package});
        QVERIFY2(pkg.exitCode == 0, qPrintable(pkg.describe()));
        m_recipe = path(QStringLiteral("sensor.json"));
        const CliRun made = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                                 QStringLiteral("stm32f4-ref"), QStringLiteral("--package"), package, QStringLiteral("--serial"),
                                 QStringLiteral("PG-{seq:06}"), QStringLiteral("--mac"), QStringLiteral("02:50:17:00:00:00-02:50:17:00:ff:ff"),
                                 QStringLiteral("--name"), QStringLiteral("sensor"), QStringLiteral("-o"), m_recipe});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
    }

    // Two stations (two line run processes, 4 slots each) on one PostgreSQL database at once:
    // all 8 boards pass, no identifier is given twice, both stations' records are there, and
    // each board holds its own serial and MAC.
    void twoStations()
    {
        const QString url = releasedDatabase(QStringLiteral("two"));
        QVERIFY(!url.isEmpty());
        std::vector<std::unique_ptr<VirtualBoard>> boards;
        QStringList slotUris;
        for (int i = 0; i < 8; ++i) {
            boards.push_back(board(QStringLiteral("two%1").arg(i)));
            QVERIFY(boards.back());
            slotUris << (i % 2 ? boards.back()->tcpUri() : boards.back()->serialUri());
        }
        LineRun a, b;
        for (int s = 0; s < 2; ++s) {
            QStringList args{m_recipe, QStringLiteral("--db"), url, QStringLiteral("--station"), QStringLiteral("pg-%1").arg(s + 1),
                             QStringLiteral("--journal"), path(QStringLiteral("two-journal-%1.db").arg(s + 1)), QStringLiteral("--lease"),
                             QStringLiteral("4"), QStringLiteral("--count"), QStringLiteral("4")};
            for (int i = 0; i < 4; ++i)
                args << QStringLiteral("--slot") << slotUris[s * 4 + i];
            QVERIFY((s == 0 ? a : b).start(args));
        }
        const int rcA = a.finish(60000), rcB = b.finish(60000);
        QVERIFY2(rcA == 0, qPrintable(QStringLiteral("exit %1\n").arg(rcA) + a.describe()));
        QVERIFY2(rcB == 0, qPrintable(QStringLiteral("exit %1\n").arg(rcB) + b.describe()));
        QCOMPARE(a.summary().value(QStringLiteral("passed")).toInt() + b.summary().value(QStringLiteral("passed")).toInt(), 8);
        checkBoards(a, boards, 0);
        checkBoards(b, boards, 4);

        // The stations record an attempt when it ends; give the last ones their second.
        QTRY_COMPARE_WITH_TIMEOUT(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'pass'")), qint64(8), 10000);
        for (const char *code : {"pg-1", "pg-2"})
            QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station s ON s.id = a.station_id "
                                                "WHERE s.code = '%1' AND a.result = 'pass'")
                                     .arg(QLatin1String(code))),
                     qint64(4));
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM identifier WHERE state = 'assigned'")), qint64(16));
        checkNoDuplicates(url);
        const CliRun report = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), url, QStringLiteral("--format"),
                                   QStringLiteral("json")});
        QVERIFY2(report.exitCode == 0, qPrintable(report.describe()));
        QCOMPARE(report.json.value(QStringLiteral("boards")).toArray().size(), 8);
        // The identifiers came from blocks leased to each station: disjoint ranges, recorded.
        QVERIFY(scalar(url, QStringLiteral("SELECT COUNT(*) FROM id_lease l JOIN station s ON s.id = l.station_id WHERE s.code = 'pg-1'")) >= 1);
        QVERIFY(scalar(url, QStringLiteral("SELECT COUNT(*) FROM id_lease l JOIN station s ON s.id = l.station_id WHERE s.code = 'pg-2'")) >= 1);
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN attempt a ON a.id = i.attempt_id JOIN id_pool p ON p.id = i.pool_id "
                                            "WHERE p.type = 'counter' AND NOT EXISTS (SELECT 1 FROM id_lease l WHERE l.pool_id = p.id "
                                            "AND l.station_id = a.station_id AND CAST(substr(i.value, 4) AS BIGINT) BETWEEN l.first_value AND l.last_value)")),
                 qint64(0));
    }

    // The server stops while the station runs: the station goes on on its journal, giving
    // identifiers from its leased blocks to boards that arrive while the server is down; when
    // the server is back, every attempt reaches it, none twice, no identifier twice.
    void serverStopsMidRun()
    {
        const QString url = releasedDatabase(QStringLiteral("offline"));
        QVERIFY(!url.isEmpty());
        const QString journal = path(QStringLiteral("offline-journal.db"));
        QStringList args{m_recipe, QStringLiteral("--db"), url, QStringLiteral("--station"), QStringLiteral("pg-off"), QStringLiteral("--journal"),
                         journal, QStringLiteral("--lease"), QStringLiteral("3"), QStringLiteral("--count"), QStringLiteral("4"),
                         QStringLiteral("--poll-ms"), QStringLiteral("100")};
        for (int i = 0; i < 4; ++i) // boards not plugged in yet
            args << QStringLiteral("--slot") << QStringLiteral("serial:") + path(QStringLiteral("off%1/ttyPITON").arg(i));
        LineRun run;
        QVERIFY(run.start(args));
        QVERIFY2(run.waitFor([](const QJsonObject &e) { return isEvent(e, "state", 4); }, 10000), qPrintable(run.describe()));
        QVERIFY(m_pg.stop());
        QVERIFY2(run.waitFor([](const QJsonObject &e) {
                     return isEvent(e, "database") && e.value(QStringLiteral("state")).toString() == QLatin1String("offline");
                 }, 10000),
                 qPrintable(run.describe()));
        std::vector<std::unique_ptr<VirtualBoard>> boards;
        for (int i = 0; i < 4; ++i) {
            boards.push_back(board(QStringLiteral("off%1").arg(i)));
            QVERIFY(boards.back());
        }
        // All four pass with the server down: identifiers from the leased blocks.
        QVERIFY2(run.waitFor([&run](const QJsonObject &) { return run.events(QStringLiteral("result")).size() >= 4; }, 30000),
                 qPrintable(run.describe()));
        for (const QJsonObject &r : run.events(QStringLiteral("result")))
            QCOMPARE(r.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
        QVERIFY(run.events(QStringLiteral("summary")).isEmpty()); // waiting for the server to take the records
        QVERIFY2(m_pg.resume(), qPrintable(m_pg.reason()));
        const int rc = run.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + run.describe()));
        QVERIFY2(run.waitFor([](const QJsonObject &e) {
                     return isEvent(e, "database") && e.value(QStringLiteral("state")).toString() == QLatin1String("online");
                 }, 0),
                 qPrintable(run.describe()));
        QCOMPARE(run.summary().value(QStringLiteral("unsynced")).toInt(), 0);
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station s ON s.id = a.station_id "
                                            "WHERE s.code = 'pg-off' AND a.result = 'pass' AND a.origin IS NOT NULL")),
                 qint64(4));
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM step_result")), qint64(4 * 3));
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM identifier WHERE state = 'assigned'")), qint64(8));
        checkNoDuplicates(url);
        checkBoards(run, boards, 0);
        // The journal holds the same four, marked copied.
        QCOMPARE(scalar(QStringLiteral("sqlite:") + journal, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE synced_at IS NOT NULL")), qint64(4));
    }

    // A station whose journal holds the release and leased blocks starts while the server is
    // down, runs boards from its leases, and its records reach the server once it is back; one
    // without a journal is refused (exit 3) saying what is missing.
    void startsWhileServerDown()
    {
        const QString url = releasedDatabase(QStringLiteral("coldstart"));
        QVERIFY(!url.isEmpty());
        const QString journal = path(QStringLiteral("cold-journal.db"));
        auto first = board(QStringLiteral("cold0"));
        QVERIFY(first);
        const QStringList common{m_recipe, QStringLiteral("--db"), url, QStringLiteral("--station"), QStringLiteral("pg-cold"),
                                 QStringLiteral("--journal"), journal, QStringLiteral("--lease"), QStringLiteral("4"),
                                 QStringLiteral("--poll-ms"), QStringLiteral("100")};
        LineRun online;
        QVERIFY(online.start(common + QStringList{QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--slot"), first->tcpUri()}));
        int rc = online.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + online.describe()));

        QVERIFY(m_pg.stop());
        // Without a journal of its own: refused, naming what is missing.
        const CliRun refused = cli({QStringLiteral("line"), QStringLiteral("run"), m_recipe, QStringLiteral("--db"), url, QStringLiteral("--station"),
                                    QStringLiteral("pg-new"), QStringLiteral("--journal"), path(QStringLiteral("none.db")), QStringLiteral("--slot"),
                                    QStringLiteral("tcp:127.0.0.1:9")});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains("does not exist yet"), qPrintable(refused.describe()));

        std::vector<std::unique_ptr<VirtualBoard>> boards;
        QStringList args = common + QStringList{QStringLiteral("--count"), QStringLiteral("2")};
        for (int i = 1; i <= 2; ++i) {
            boards.push_back(board(QStringLiteral("cold%1").arg(i)));
            QVERIFY(boards.back());
            args << QStringLiteral("--slot") << boards.back()->serialUri();
        }
        LineRun offline;
        QVERIFY(offline.start(args));
        QVERIFY2(offline.waitFor([&offline](const QJsonObject &) { return offline.events(QStringLiteral("result")).size() >= 2; }, 30000),
                 qPrintable(offline.describe()));
        QVERIFY(offline.events(QStringLiteral("station")).value(0).value(QStringLiteral("offline")).toBool());
        for (const QJsonObject &r : offline.events(QStringLiteral("result")))
            QCOMPARE(r.value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
        QVERIFY(offline.events(QStringLiteral("summary")).isEmpty()); // waiting for the server to take the records
        QVERIFY2(m_pg.resume(), qPrintable(m_pg.reason()));
        rc = offline.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + offline.describe()));
        QCOMPARE(offline.summary().value(QStringLiteral("unsynced")).toInt(), 0);
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt a JOIN station s ON s.id = a.station_id "
                                            "WHERE s.code = 'pg-cold' AND a.result = 'pass'")),
                 qint64(3));
        checkNoDuplicates(url);
        checkBoards(offline, boards, 0);
    }

    // A start without the server checks the operator against the journal's copy of the
    // accounts (taken at the online start): an unknown name and a wrong password are refused
    // (exit 2, naming the problem) and change nothing in the journal (hash of its records); the
    // right password runs boards offline.
    void offlineStartChecksOperator()
    {
        const QString url = releasedDatabase(QStringLiteral("accounts"));
        QVERIFY(!url.isEmpty());
        const QStringList add{QStringLiteral("line"), QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--db"), url,
                              QStringLiteral("--password-stdin")};
        CliRun r = cliAs(add + QStringList{QStringLiteral("eng-erna"), QStringLiteral("--role"), QStringLiteral("engineer")}, QString(),
                         "erna-secret-1\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cliAs(add + QStringList{QStringLiteral("op-otto"), QStringLiteral("--role"), QStringLiteral("operator"), QStringLiteral("--by"),
                                    QStringLiteral("eng-erna")},
                  QStringLiteral("erna-secret-1"), "otto-pin-77\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

        const QString journal = path(QStringLiteral("accounts-journal.db"));
        const QStringList common{m_recipe, QStringLiteral("--db"), url, QStringLiteral("--station"), QStringLiteral("pg-acc"),
                                 QStringLiteral("--journal"), journal, QStringLiteral("--lease"), QStringLiteral("4"),
                                 QStringLiteral("--poll-ms"), QStringLiteral("100"), QStringLiteral("--count"), QStringLiteral("1")};
        auto first = board(QStringLiteral("acc0"));
        QVERIFY(first);
        LineRun online;
        online.setPassword(QStringLiteral("otto-pin-77"));
        QVERIFY(online.start(common + QStringList{QStringLiteral("--operator"), QStringLiteral("op-otto"), QStringLiteral("--slot"), first->tcpUri()}));
        int rc = online.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + online.describe()));
        QCOMPARE(scalar(QStringLiteral("sqlite:") + journal, QStringLiteral("SELECT COUNT(*) FROM account WHERE password_hash IS NOT NULL")), qint64(2));

        QVERIFY(m_pg.stop());
        auto second = board(QStringLiteral("acc1"));
        QVERIFY(second);
        const QStringList offlineArgs = common + QStringList{QStringLiteral("--slot"), second->tcpUri()};
        const QByteArray before = journalDigest(journal);
        QVERIFY(!before.isEmpty());
        for (const auto &[name, password, says] :
             {std::tuple{"op-otto", "otto-pin-78", "the password of 'op-otto' is wrong"},
              std::tuple{"op-olaf", "otto-pin-77", "'op-olaf' has no account"}}) {
            r = cliAs(QStringList{QStringLiteral("line"), QStringLiteral("run")} + offlineArgs
                          + QStringList{QStringLiteral("--operator"), QLatin1String(name)},
                      QLatin1String(password));
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(says) && r.err.contains("journal's copy of the accounts"), qPrintable(r.describe()));
            QCOMPARE(journalDigest(journal), before); // nothing recorded, no identifier given
        }

        LineRun offline;
        offline.setPassword(QStringLiteral("otto-pin-77"));
        QVERIFY(offline.start(offlineArgs + QStringList{QStringLiteral("--operator"), QStringLiteral("op-otto")}));
        QVERIFY2(offline.waitFor([&offline](const QJsonObject &) { return !offline.events(QStringLiteral("result")).isEmpty(); }, 30000),
                 qPrintable(offline.describe()));
        QVERIFY(offline.events(QStringLiteral("station")).value(0).value(QStringLiteral("offline")).toBool());
        QCOMPARE(offline.events(QStringLiteral("result")).value(0).value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
        QVERIFY2(m_pg.resume(), qPrintable(m_pg.reason()));
        rc = offline.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + offline.describe()));
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE operator = 'op-otto' AND result = 'pass'")), qint64(2));
    }

    // Scanned codes across two stations (docs/line-mode.md, "Barcodes during an outage"): while
    // the server is reachable a code another station's board holds is refused (checked against
    // the server); while it is down each station checks its own journal only, so both accept
    // the same code; when the records catch up the second is flagged ("conflict" event, exit 1,
    // attempt.conflict, unit state "conflict", the report), and the code is recorded once.
    void barcodeAcrossStationsDuringOutage()
    {
        const QString recipe = path(QStringLiteral("scanned.json"));
        const CliRun made = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                                 QStringLiteral("stm32f4-ref"), QStringLiteral("--package"), path(QStringLiteral("app.ptpkg")),
                                 QStringLiteral("--serial-barcode"), QStringLiteral("^BC-[0-9]{4}$"), QStringLiteral("--mac"),
                                 QStringLiteral("02:50:17:01:00:00-02:50:17:01:ff:ff"), QStringLiteral("--name"), QStringLiteral("scanned"),
                                 QStringLiteral("-o"), recipe});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        const QString url = m_pg.createDatabase(QStringLiteral("barcodes"));
        QVERIFY(!url.isEmpty());
        const CliRun released = cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), recipe, QStringLiteral("--db"), url});
        QVERIFY2(released.exitCode == 0, qPrintable(released.describe()));
        const auto stationArgs = [&](int s, const std::unique_ptr<VirtualBoard> &b, const QString &codes) {
            QStringList args{recipe, QStringLiteral("--db"), url, QStringLiteral("--station"), QStringLiteral("pg-bc%1").arg(s),
                             QStringLiteral("--journal"), path(QStringLiteral("bc-journal-%1.db").arg(s)), QStringLiteral("--lease"),
                             QStringLiteral("4"), QStringLiteral("--poll-ms"), QStringLiteral("100"), QStringLiteral("--count"),
                             QStringLiteral("1"), QStringLiteral("--slot"), b->tcpUri()};
            for (const QString &c : codes.split(QLatin1Char(' ')))
                args << QStringLiteral("--barcode") << QStringLiteral("1=") + c;
            return args;
        };
        std::vector<std::unique_ptr<VirtualBoard>> boards;
        for (int i = 0; i < 4; ++i) {
            boards.push_back(board(QStringLiteral("bc%1").arg(i)));
            QVERIFY(boards.back());
        }
        // Online: station 1 gives BC-0001; station 2 is refused it (the server knows), takes BC-0002.
        LineRun first;
        QVERIFY(first.start(stationArgs(1, boards[0], QStringLiteral("BC-0001"))));
        int rc = first.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + first.describe()));
        LineRun second;
        QVERIFY(second.start(stationArgs(2, boards[1], QStringLiteral("BC-0001 BC-0002"))));
        rc = second.finish(30000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + second.describe()));
        const QList<QJsonObject> scans = second.events(QStringLiteral("barcode"));
        QCOMPARE(scans.size(), 2);
        QCOMPARE(scans[0].value(QStringLiteral("status")).toString(), QStringLiteral("refused"));
        QCOMPARE(scans[0].value(QStringLiteral("checked")).toString(), QStringLiteral("server"));
        QCOMPARE(scans[1].value(QStringLiteral("status")).toString(), QStringLiteral("accepted"));

        // Outage: both stations accept BC-0100 (each knows only its own journal).
        QVERIFY(m_pg.stop());
        LineRun a, b;
        QVERIFY(a.start(stationArgs(1, boards[2], QStringLiteral("BC-0100"))));
        QVERIFY2(a.waitFor([&a](const QJsonObject &) { return !a.events(QStringLiteral("result")).isEmpty(); }, 30000), qPrintable(a.describe()));
        QVERIFY(b.start(stationArgs(2, boards[3], QStringLiteral("BC-0100"))));
        QVERIFY2(b.waitFor([&b](const QJsonObject &) { return !b.events(QStringLiteral("result")).isEmpty(); }, 30000), qPrintable(b.describe()));
        for (LineRun *run : {&a, &b}) {
            QCOMPARE(run->events(QStringLiteral("barcode")).value(0).value(QStringLiteral("checked")).toString(), QStringLiteral("journal"));
            QCOMPARE(run->events(QStringLiteral("result")).value(0).value(QStringLiteral("result")).toString(), QStringLiteral("pass"));
        }
        // Both catch up at once: whichever reaches the server second has its board flagged.
        QVERIFY2(m_pg.resume(), qPrintable(m_pg.reason()));
        const int rcA = a.finish(30000), rcB = b.finish(30000);
        QVERIFY2(rcA >= 0 && rcB >= 0, qPrintable(a.describe() + QLatin1Char('\n') + b.describe()));
        QCOMPARE(a.summary().value(QStringLiteral("conflicts")).toInt() + b.summary().value(QStringLiteral("conflicts")).toInt(), 1);
        const bool aLost = a.summary().value(QStringLiteral("conflicts")).toInt() == 1;
        LineRun &loser = aLost ? a : b;
        QCOMPARE(aLost ? rcA : rcB, 1);
        QCOMPARE(aLost ? rcB : rcA, 0);
        for (LineRun *run : {&a, &b})
            QCOMPARE(run->summary().value(QStringLiteral("unsynced")).toInt(), 0);
        const QJsonObject conflict = loser.events(QStringLiteral("conflict")).value(0);
        QVERIFY2(conflict.value(QStringLiteral("error")).toString().contains(QStringLiteral("'BC-0100' is held by board")), qPrintable(loser.describe()));
        QCOMPARE(conflict.value(QStringLiteral("slot")).toInt(), 1);
        const QString winner = aLost ? QStringLiteral("pg-bc2") : QStringLiteral("pg-bc1");

        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'pass'")), qint64(4)); // no record lost
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM identifier WHERE value = 'BC-0100'")), qint64(1)); // recorded once
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE conflict LIKE '%BC-0100%'")), qint64(1));
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM unit WHERE state = 'conflict'")), qint64(1));
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN unit u ON u.id = i.unit_id JOIN attempt a ON a.id = i.attempt_id "
                                            "JOIN station s ON s.id = a.station_id WHERE i.value = 'BC-0100' AND s.code = '%1'").arg(winner)),
                 qint64(1)); // the code stays with the board that reached the server first
        checkNoDuplicates(url);
        const CliRun report = cli({QStringLiteral("line"), QStringLiteral("report"), QStringLiteral("--db"), url, QStringLiteral("--format"),
                                   QStringLiteral("json")});
        QVERIFY2(report.exitCode == 0, qPrintable(report.describe()));
        int flagged = 0;
        for (const QJsonValue &v : report.json.value(QStringLiteral("boards")).toArray())
            flagged += !v.toObject().value(QStringLiteral("conflict")).toString().isEmpty();
        QCOMPARE(flagged, 1);
    }

    // The station is killed (SIGKILL) during the deploys; started again, it records the
    // unfinished attempts as interrupted (they reach the server), runs the boards again, and
    // gives no identifier twice: the interrupted attempts' identifiers are void.
    void crashAndRestart()
    {
        const QString url = releasedDatabase(QStringLiteral("crash"));
        QVERIFY(!url.isEmpty());
        std::vector<std::unique_ptr<VirtualBoard>> boards;
        QStringList args{m_recipe, QStringLiteral("--db"), url, QStringLiteral("--station"), QStringLiteral("pg-crash"), QStringLiteral("--journal"),
                         path(QStringLiteral("crash-journal.db")), QStringLiteral("--count"), QStringLiteral("2")};
        for (int i = 0; i < 2; ++i) {
            boards.push_back(board(QStringLiteral("crash%1").arg(i), {QStringLiteral("--session-timeout-ms"), QStringLiteral("500")}));
            QVERIFY(boards.back());
            args << QStringLiteral("--slot") << boards.back()->serialUri();
        }
        {
            LineRun run;
            QVERIFY2(killMidDeploy(run, args), qPrintable(run.describe()));
            QVERIFY2(run.events(QStringLiteral("result")).isEmpty(), qPrintable(run.describe()));
        }
        // What the killed station had given: in its journal, attached to its running attempts.
        const qint64 given = scalar(QStringLiteral("sqlite:") + path(QStringLiteral("crash-journal.db")),
                                    QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN attempt a ON a.id = i.attempt_id WHERE a.result = 'running'"));
        const qint64 running = scalar(QStringLiteral("sqlite:") + path(QStringLiteral("crash-journal.db")),
                                      QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'running'"));
        QVERIFY2(running >= 1, qPrintable(QString::number(running)));
        QThread::msleep(600); // the boards' sessions time out

        LineRun again;
        QVERIFY(again.start(args));
        const int rc = again.finish(60000);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("exit %1\n").arg(rc) + again.describe()));
        QCOMPARE(qint64(again.events(QStringLiteral("station")).first().value(QStringLiteral("interrupted")).toInt()), running);
        QCOMPARE(again.summary().value(QStringLiteral("passed")).toInt(), 2);
        QCOMPARE(again.summary().value(QStringLiteral("unsynced")).toInt(), 0);
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'interrupted' AND error LIKE '%station stopped%'")), running);
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'pass'")), qint64(2));
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'running'")), qint64(0));
        checkNoDuplicates(url);
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN attempt a ON a.id = i.attempt_id "
                                            "WHERE a.result = 'interrupted' AND i.state <> 'void'")),
                 qint64(0));
        QCOMPARE(scalar(url, QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN attempt a ON a.id = i.attempt_id "
                                            "WHERE a.result = 'interrupted' AND i.state = 'void'")),
                 given); // serial and MAC of each attempt that had them, void now
        QVERIFY(given >= 2);
        checkBoards(again, boards, 0);
    }
};

QTEST_GUILESS_MAIN(LinePgEndToEnd)
#include "tst_line_pg_e2e.moc"
