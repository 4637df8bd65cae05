// The line-mode benchmark (issue 12, docs/line-mode.md "Benchmark"). Prints figures; it is not a
// timed test and not registered with ctest.
//
//   bench_line boards [--boards N] [--baud B]
//       1 board alone, then N boards at once (default 16), each a piton-vboard on its own pty
//       paced at B baud (default 230400), through `piton-cli line run` with a recipe that
//       deploys the corpus image, writes serial and MAC and verifies (SQLite database). Prints
//       boards/hour of each run and the ratio aggregate / (N x single).
//   bench_line stall [--boards N] [--rounds R] [--configs SLOT/BOARD,...]
//       piton's window on the Line page with N slots (default 16; half on a pty paced at 921600
//       baud, half on TCP with the flash at its datasheet times: each slot runs seconds), Start
//       all: the longest stall of the GUI thread's event loop until all pass (stall_meter.h;
//       target < 50 ms), R rounds (default 5) of each configuration, alternating: the nice
//       increments of the station's slot threads (PITON_LINE_SLOT_NICE) and of the board
//       processes (default 10/10). Prints each round, then median and max per configuration.
//       Then the page's Release recipe (a pool thread): the longest stall from the click until
//       the answer, into a new SQLite database and against a PostgreSQL host that never answers.
//   bench_line alloc [--stations S] [--slots N] [--boards K] [--lease L]
//       S simulated stations (default 40) x N slots (default 16), each slot starting K attempts
//       (default 5) and allocating its serial and MAC, on one PostgreSQL server the benchmark
//       starts itself (tests/pg_server.h). Two ways: "leased" (each station a journal and
//       leases of L values, default 32, copied to the server by a sync loop, as line run does)
//       and "direct" (one server connection per station allocating in the server for every
//       board). Prints allocations/s and checks that no identifier was given twice.
//   bench_line           all three.
#include "harness.h"
#include "pg_server.h"

#include "line/line_database.h"
#include "line/recipe.h"
#include "line/thread_priority.h"

#ifdef PITON_BENCH_LINE_GUI
#include "gui/gui_helpers.h"
#include "gui/stall_meter.h"
#include "line_page.h"
#include "line_slot_tile.h"

#include <QApplication>
#include <QLabel>
#include <QHostAddress>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTcpServer>
#include <QStandardPaths>
#endif

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <optional>

using namespace piton;
using namespace piton::line;

namespace {

int option(const QStringList &args, const QString &name, int fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

void say(const QString &text)
{
    std::printf("%s\n", qPrintable(text));
    std::fflush(stdout);
}

// --- boards: 1 vs N -------------------------------------------------------------------------

/** Runs line run over `slotUris` until `count` boards are done; boards/hour from its summary. */
double boardsPerHour(const QString &recipe, const QString &db, const QString &station, const QStringList &slotUris, int count,
                     qint64 *elapsedMs)
{
    QStringList args{QStringLiteral("line"), QStringLiteral("run"), recipe, QStringLiteral("--db"), db, QStringLiteral("--station"), station,
                     QStringLiteral("--count"), QString::number(count), QStringLiteral("--poll-ms"), QStringLiteral("100")};
    for (const QString &s : slotUris)
        args << QStringLiteral("--slot") << s;
    QByteArray out;
    const int rc = e2e::run(e2e::cliPath(), args, &out, 600000);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
    if (rc != 0 || summary.value(QStringLiteral("passed")).toInt() != count) {
        say(QStringLiteral("line run failed (exit %1): %2").arg(rc).arg(QString::fromUtf8(lines.last())));
        return 0;
    }
    *elapsedMs = summary.value(QStringLiteral("elapsedMs")).toInteger();
    return 3600000.0 * count / double(*elapsedMs);
}

/** In `dir`: a key pair (public key into *pub), the corpus image packaged for stm32f4-ref, a
 *  recipe deploying it with serial and MAC from pools and verifying (*recipe), released in a
 *  SQLite database (*db, a URL). Says what failed and returns false. */
bool prepareRecipe(const QTemporaryDir &dir, QString *pub, QString *recipe, QString *db)
{
    const QString priv = dir.filePath(QStringLiteral("k.pem"));
    *pub = dir.filePath(QStringLiteral("k.pub.pem"));
    const QString hex = dir.filePath(QStringLiteral("app.hex")), pkg = dir.filePath(QStringLiteral("app.ptpkg"));
    *recipe = dir.filePath(QStringLiteral("r.json"));
    *db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("line.db"));
    if (!e2e::generateKeyPair(priv, *pub) || !e2e::relocateCorpusApp(0x08040000u, hex).isEmpty())
        return say(QStringLiteral("cannot make the keys or the image")), false;
    for (const QStringList &c : {QStringList{QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), QStringLiteral("stm32f4-ref"),
                                             QStringLiteral("--version"), QStringLiteral("1.0.0"), QStringLiteral("--key"), priv,
                                             QStringLiteral("--application"), hex, QStringLiteral("-o"), pkg},
                                 QStringList{QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"), QStringLiteral("--board"),
                                             QStringLiteral("stm32f4-ref"), QStringLiteral("--package"), pkg, QStringLiteral("--serial"),
                                             QStringLiteral("B{seq:06}"), QStringLiteral("--mac"), QStringLiteral("02:50:17:00:00:00-02:50:17:00:ff:ff"),
                                             QStringLiteral("-o"), *recipe},
                                 QStringList{QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("release"), *recipe, QStringLiteral("--db"), *db}}) {
        const e2e::CliRun r = e2e::cli(c);
        if (r.exitCode != 0)
            return say(r.describe()), false;
    }
    return true;
}

int benchBoards(const QStringList &args)
{
    const int n = option(args, QStringLiteral("--boards"), 16), baud = option(args, QStringLiteral("--baud"), 230400);
    QTemporaryDir dir;
    QString pub, recipe, db;
    if (!prepareRecipe(dir, &pub, &recipe, &db))
        return 1;
    std::vector<std::unique_ptr<e2e::VirtualBoard>> boards;
    QStringList uris;
    for (int i = 0; i <= n; ++i) {
        QDir().mkpath(dir.filePath(QStringLiteral("b%1").arg(i)));
        boards.push_back(std::make_unique<e2e::VirtualBoard>());
        if (!boards.back()->start(dir.filePath(QStringLiteral("b%1").arg(i)), QStringLiteral("stm32f4-ref"), pub,
                                  {QStringLiteral("--baud"), QString::number(baud)}))
            return say(boards.back()->error()), 1;
        uris << boards.back()->serialUri();
    }
    say(QStringLiteral("line boards: pty slots paced at %1 baud, recipe deploy + config (serial, MAC) + verify, corpus image").arg(baud));
    qint64 ms1 = 0, msN = 0;
    const double one = boardsPerHour(recipe, db, QStringLiteral("bench-1"), uris.mid(0, 1), 1, &ms1);
    const double many = boardsPerHour(recipe, db, QStringLiteral("bench-n"), uris.mid(1), n, &msN);
    if (one <= 0 || many <= 0)
        return 1;
    say(QStringLiteral("  1 board:   %1 ms, %2 boards/hour").arg(ms1).arg(qRound(one)));
    say(QStringLiteral("  %1 boards: %2 ms, %3 boards/hour").arg(n).arg(msN).arg(qRound(many)));
    say(QStringLiteral("  ratio aggregate / (%1 x single) = %2 (goal >= 0.9)").arg(n).arg(many / (n * one), 0, 'f', 2));
    return 0;
}

// --- alloc: S stations x N slotCount on one PostgreSQL ------------------------------------------

Recipe allocRecipe()
{
    const QJsonObject o{
        {QStringLiteral("format"), QStringLiteral("piton-recipe/1")},
        {QStringLiteral("name"), QStringLiteral("alloc")},
        {QStringLiteral("board"), QStringLiteral("stm32f4-ref")},
        {QStringLiteral("pools"),
         QJsonObject{{QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("counter")}, {QStringLiteral("format"), QStringLiteral("A{seq:08}")}}},
                     {QStringLiteral("mac"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mac")}, {QStringLiteral("first"), QStringLiteral("02:00:00:00:00:00")},
                                                         {QStringLiteral("last"), QStringLiteral("02:00:00:ff:ff:ff")}}}}},
        {QStringLiteral("config"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("serial")}, {QStringLiteral("pool"), QStringLiteral("serial")}},
                                              QJsonObject{{QStringLiteral("key"), QStringLiteral("net.mac")}, {QStringLiteral("pool"), QStringLiteral("mac")}}}},
        {QStringLiteral("steps"), QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("config")}}}},
    };
    auto r = Recipe::parse(QJsonDocument(o).toJson(), QDir::tempPath());
    if (!r)
        qFatal("recipe: %s", qPrintable(r.error().message));
    return *r;
}

/** One board's records on `db`: unit, attempt, identifiers, pass. False (and `error`) on failure. */
Result<void> oneBoard(LineDatabase &db, const Recipe &r, qint64 recipeId, qint64 stationId, const QString &uid)
{
    auto unit = db.unit(r.board, uid);
    if (!unit)
        return unit.error();
    auto a = db.startAttempt(*unit, stationId, QStringLiteral("slot"), QStringLiteral("bench"), recipeId, r.sha256(), r.failedIdentifiers,
                             QString(), QStringLiteral("bench"));
    if (!a)
        return a.error();
    Result<QList<AllocatedIdentifier>> ids = Error::make(ErrorKind::Io, QString());
    for (int wait = 0; wait < 500; ++wait) { // leases run dry: the sync loop tops them up
        ids = db.allocate(r, a->unitId, a->attemptId, uid.toUtf8(), QDate::currentDate());
        if (ids || !ids.error().message.contains(QLatin1String("leased to this station are used up")))
            break;
        QThread::msleep(20);
    }
    if (!ids)
        return ids.error();
    return db.finishAttempt(a->attemptId, AttemptEnd{QStringLiteral("pass"), {}, {}, {}, {}, {}}, *ids, r.failedIdentifiers);
}

Result<void> topUp(LineDatabase &central, LineDatabase &journal, const Recipe &r, qint64 stationId, int size, int keep)
{
    for (const PoolSpec &pool : r.pools) {
        auto left = journal.leasedRemaining(pool);
        if (!left)
            return left.error();
        for (qint64 remaining = *left; remaining < keep;) {
            auto block = central.leaseBlock(pool, stationId, size);
            if (!block)
                return block.error();
            if (!block->has_value())
                return Error::make(ErrorKind::Usage, QStringLiteral("pool exhausted"));
            if (auto ok = journal.addLease(**block); !ok)
                return ok;
            remaining += (*block)->size();
        }
    }
    return {};
}

Result<int> syncAll(LineDatabase &central, LineDatabase &journal, const QString &code, qint64 stationId, qint64 recipeId)
{
    auto list = journal.unsyncedAttempts(50);
    if (!list)
        return list.error();
    for (const JournalAttempt &a : *list) {
        if (auto id = central.importAttempt(a, code, stationId, recipeId); !id)
            return id.error();
        if (auto ok = journal.markSynced(a.localId); !ok)
            return ok.error();
    }
    return int(list->size());
}

qint64 scalar(LineDatabase &db, const QString &sql)
{
    auto q = db.query(sql);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

int benchAlloc(const QStringList &args)
{
    const int stations = option(args, QStringLiteral("--stations"), 40), slotCount = option(args, QStringLiteral("--slots"), 16);
    const int boards = option(args, QStringLiteral("--boards"), 5), lease = option(args, QStringLiteral("--lease"), 32);
    pgtest::PgServer pg;
    if (!pg.start())
        return say(QStringLiteral("PostgreSQL cannot run here: ") + pg.reason()), 0;
    QTemporaryDir dir;
    const Recipe r = allocRecipe();
    const qint64 expected = qint64(stations) * slotCount * boards;
    say(QStringLiteral("line alloc: %1 stations x %2 slots x %3 boards, serial + MAC each, one PostgreSQL (%4)")
            .arg(stations).arg(slotCount).arg(boards).arg(pg.url(QString())));
    for (const QString &mode : {QStringLiteral("leased"), QStringLiteral("direct")}) {
        const QString url = pg.createDatabase(mode);
        auto admin = LineDatabase::open(url);
        if (!admin || !(*admin)->releaseRecipe(r, QStringLiteral("bench")))
            return say(QStringLiteral("cannot prepare %1").arg(url)), 1;
        const qint64 recipeId = *(*admin)->releasedRecipeId(r.sha256());
        QStringList errors;
        QMutex errorMutex;
        auto fail = [&](const QString &e) {
            QMutexLocker l(&errorMutex);
            errors << e;
        };
        QElapsedTimer timer;
        timer.start();
        QList<QThread *> threads;
        for (int s = 0; s < stations; ++s) {
            threads << QThread::create([&, s] {
                const QString code = QStringLiteral("st%1").arg(s);
                auto central = LineDatabase::open(url);
                if (!central)
                    return fail(central.error().message);
                const qint64 stationId = *(*central)->station(code, QStringLiteral("bench"), QStringLiteral("bench"));
                if (mode == QLatin1String("direct")) { // every board in the server, under its write lock
                    for (int i = 0; i < slotCount * boards; ++i)
                        if (auto ok = oneBoard(**central, r, recipeId, stationId, QStringLiteral("%1-%2").arg(code).arg(i)); !ok)
                            return fail(ok.error().message);
                    return;
                }
                const QString journalPath = dir.filePath(code + QStringLiteral(".db"));
                auto journal = LineDatabase::openJournal(journalPath);
                if (!journal)
                    return fail(journal.error().message);
                const qint64 localRecipe = *(*journal)->releaseRecipe(r, QStringLiteral("(mirror)"));
                const qint64 localStation = *(*journal)->station(code, QStringLiteral("bench"), QStringLiteral("bench"));
                if (auto ok = topUp(**central, **journal, r, stationId, lease, qMax(lease, 2 * slotCount)); !ok)
                    return fail(ok.error().message);
                std::atomic_int running{slotCount};
                QList<QThread *> slotThreads;
                for (int k = 0; k < slotCount; ++k) {
                    slotThreads << QThread::create([&, k] {
                        auto db = LineDatabase::openJournal(journalPath);
                        for (int i = 0; db && i < boards; ++i)
                            if (auto ok = oneBoard(**db, r, localRecipe, localStation, QStringLiteral("%1-%2-%3").arg(code).arg(k).arg(i)); !ok) {
                                fail(ok.error().message);
                                break;
                            }
                        --running;
                    });
                    slotThreads.last()->start();
                }
                while (true) { // the station's sync loop
                    const bool last = running.load() == 0;
                    if (auto ok = topUp(**central, **journal, r, stationId, lease, qMax(lease, 2 * slotCount)); !ok)
                        fail(ok.error().message);
                    auto n = syncAll(**central, **journal, code, stationId, recipeId);
                    if (!n)
                        fail(n.error().message);
                    if (last && (!n || *n == 0))
                        break;
                    if (n && *n == 0)
                        QThread::msleep(50);
                }
                for (QThread *t : slotThreads) {
                    t->wait();
                    delete t;
                }
            });
            threads.last()->start();
        }
        for (QThread *t : threads) {
            t->wait();
            delete t;
        }
        const qint64 ms = timer.elapsed();
        const qint64 given = scalar(**admin, QStringLiteral("SELECT COUNT(*) FROM identifier WHERE state = 'assigned'"));
        const qint64 duplicates = scalar(**admin, QStringLiteral("SELECT COUNT(*) FROM (SELECT pool_id, value FROM identifier "
                                                                  "GROUP BY pool_id, value HAVING COUNT(*) > 1) d"));
        const qint64 attempts = scalar(**admin, QStringLiteral("SELECT COUNT(*) FROM attempt WHERE result = 'pass'"));
        const qint64 leases = scalar(**admin, QStringLiteral("SELECT COUNT(*) FROM id_lease"));
        say(QStringLiteral("  %1: %2 attempts recorded in the server (expected %3), %4 identifiers in %5 ms: %6 allocations/s, "
                           "%7 attempts/s; duplicates: %8; leases: %9%10")
                .arg(mode, -6)
                .arg(attempts)
                .arg(expected)
                .arg(given)
                .arg(ms)
                .arg(qRound(1000.0 * given / qMax<qint64>(1, ms)))
                .arg(qRound(1000.0 * attempts / qMax<qint64>(1, ms)))
                .arg(duplicates)
                .arg(leases)
                .arg(errors.isEmpty() ? QString() : QStringLiteral("; %1 errors, first: %2").arg(errors.size()).arg(errors.first())));
        if (duplicates != 0 || attempts != expected || given != 2 * expected)
            return 1;
    }
    return 0;
}

// --- stall: the Line page's event loop while N slots run --------------------------------------

#ifdef PITON_BENCH_LINE_GUI
/** One configuration of the stall benchmark: the slot threads' and the boards' nice increments. */
struct StallConfig {
    int slotNice = piton::line::DefaultSlotNice;
    int boardNice = 10;
    QString name() const { return QStringLiteral("slots +%1, boards +%2").arg(slotNice).arg(boardNice); }
};

struct StallRound {
    double stallMs = 0, cpuMs = 0, waitMs = 0, sleptMs = 0;
    qint64 over50 = 0; // stalls over 50 ms in the round
    qint64 passMs = 0;
    double boardsPerHour = 0;
};

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

/** One round: `n` fresh boards (half on a pty paced at 921600 baud, half on TCP with the flash
 *  at its datasheet times), piton's window on the Line page, Start all, the stall meter until every tile
 *  shows PASSED. */
std::optional<StallRound> stallRound(const QTemporaryDir &dir, int round, const StallConfig &c, int n, const QString &pub,
                                     const QString &recipe, const QString &db)
{
    using namespace piton::gui;
    using namespace piton::guitest;
    std::vector<std::unique_ptr<e2e::VirtualBoard>> boards;
    QStringList uris;
    for (int i = 0; i < n; ++i) {
        const QString bdir = dir.filePath(QStringLiteral("s%1-%2-%3-%4").arg(round).arg(c.slotNice).arg(c.boardNice).arg(i));
        QDir().mkpath(bdir);
        boards.push_back(std::make_unique<e2e::VirtualBoard>());
        boards.back()->setNice(c.boardNice);
        // A pty board's line at 921600 baud, a TCP board's flash at datasheet times (as gui.line).
        const QStringList pacing = i % 2 ? QStringList{QStringLiteral("--flash-timing")} : QStringList{QStringLiteral("--baud"), QStringLiteral("921600")};
        if (!boards.back()->start(bdir, QStringLiteral("stm32f4-ref"), pub, pacing))
            return say(boards.back()->error()), std::nullopt;
        uris << (i % 2 ? boards.back()->tcpUri() : boards.back()->serialUri());
    }
    qputenv("PITON_LINE_SLOT_NICE", QByteArray::number(c.slotNice)); // read as each slot thread starts
    StallRound r;
    {
        MainWindow w;
        w.resize(1700, 1150);
        w.show();
        if (!w.showPage(QStringLiteral("line")))
            return say(QStringLiteral("no Line page")), std::nullopt;
        auto *page = child<LinePage>(w, "linePage");
        child<QComboBox>(w, "lineMode")->setCurrentIndex(0);
        child<QLineEdit>(w, "lineRecipe")->setText(recipe);
        child<QLineEdit>(w, "lineDatabase")->setText(db);
        child<QLineEdit>(w, "lineStation")->setText(QStringLiteral("bench-stall"));
        child<QLineEdit>(w, "lineOperator")->setText(QStringLiteral("bench"));
        child<QPlainTextEdit>(w, "lineSlots")->setPlainText(uris.join(QLatin1Char('\n')));
        QTest::qWait(400); // the recipe's info and the tiles, before the meter starts
        StallMeter meter;
        meter.start();
        QElapsedTimer run;
        run.start();
        QTest::mouseClick(child<QPushButton>(w, "lineStartAll"), Qt::LeftButton);
        const bool passed = waitInEventLoop([&] {
            const QList<LineSlotTile *> tiles = page->tiles();
            return std::all_of(tiles.begin(), tiles.end(), [](LineSlotTile *t) { return t->state() == QLatin1String("passed"); });
        }, 120000);
        meter.stop();
        r = {meter.longestStallMs(), meter.cpuInLongestGapMs(), meter.waitInLongestGapMs(), meter.sleptInLongestGapMs(), meter.stallsOver50,
             run.elapsed(), page->boardsPerHour()};
        if (!passed)
            return say(QStringLiteral("not all %1 slots passed: %2").arg(n).arg(child<QLabel>(w, "lineStatus")->text())), std::nullopt;
        QTest::mouseClick(child<QPushButton>(w, "lineStopAll"), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return !page->stationRunning(); }, 20000))
            return say(QStringLiteral("the station did not stop")), std::nullopt;
    }
    return r;
}

/** The Line page's Release recipe (a pool thread) into `db`: the longest stall of the event loop
 *  from the click until the status line has the answer. Says the figures; false when the page
 *  did not answer within 30 s. */
bool releaseStall(const QString &what, const QString &recipe, const QString &db, const QString &expect)
{
    using namespace piton::gui;
    using namespace piton::guitest;
    MainWindow w;
    w.resize(1700, 1150);
    w.show();
    if (!w.showPage(QStringLiteral("line")))
        return say(QStringLiteral("no Line page")), false;
    auto *page = child<LinePage>(w, "linePage");
    child<QComboBox>(w, "lineMode")->setCurrentIndex(0);
    child<QLineEdit>(w, "lineRecipe")->setText(recipe);
    child<QLineEdit>(w, "lineDatabase")->setText(db);
    child<QLineEdit>(w, "lineOperator")->setText(QStringLiteral("bench"));
    QTest::qWait(400); // the recipe's info, before the meter starts
    StallMeter meter;
    meter.start();
    QElapsedTimer took;
    took.start();
    QTest::mouseClick(child<QPushButton>(w, "lineRelease"), Qt::LeftButton);
    const bool answered = waitInEventLoop([&] { return !page->releasing(); }, 30000);
    meter.stop();
    const QString status = child<QLabel>(w, "lineStatus")->text();
    say(QStringLiteral("  release %1: answered after %2 ms (%3); longest stall %4 ms (GUI thread ran %5, waited for a core %6, slept %7 ms), "
                       "%8 stalls over 50 ms")
            .arg(what)
            .arg(took.elapsed())
            .arg(status.left(60))
            .arg(meter.longestStallMs(), 0, 'f', 1)
            .arg(meter.cpuInLongestGapMs(), 0, 'f', 1)
            .arg(meter.waitInLongestGapMs(), 0, 'f', 1)
            .arg(meter.sleptInLongestGapMs(), 0, 'f', 1)
            .arg(meter.stallsOver50));
    if (!answered || !status.startsWith(expect))
        return say(QStringLiteral("  release %1: expected '%2...'").arg(what, expect)), false;
    return true;
}

int benchStall(const QStringList &args)
{
    const int n = option(args, QStringLiteral("--boards"), 16), rounds = option(args, QStringLiteral("--rounds"), 5);
    // --configs SLOT/BOARD,...: nice increments of the slot threads and of the board processes,
    // run alternately round by round so that every configuration sees the same machine load.
    QList<StallConfig> configs;
    const qsizetype at = args.indexOf(QStringLiteral("--configs"));
    for (const QString &pair : (at >= 0 ? args.value(at + 1) : QStringLiteral("10/10")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList nice = pair.split(QLatin1Char('/'));
        bool ok1 = false, ok2 = false;
        StallConfig c{nice.value(0).toInt(&ok1), nice.value(1).toInt(&ok2)};
        if (nice.size() != 2 || !ok1 || !ok2 || c.slotNice < 0 || c.slotNice > 19 || c.boardNice < 0 || c.boardNice > 19)
            return say(QStringLiteral("--configs takes SLOT/BOARD nice increments 0..19, comma-separated, not '%1'").arg(pair)), 2;
        configs << c;
    }
    if (qEnvironmentVariableIsEmpty("PITON_BOARDS_DIR")) // the station's deploys read the board profiles in this process
        qputenv("PITON_BOARDS_DIR", PITON_TEST_BOARDS_DIR);
    QStandardPaths::setTestModeEnabled(true); // the window's settings go to a test location
    QSettings().remove(QStringLiteral("line"));
    QTemporaryDir dir;
    QString pub, recipe, db;
    if (!prepareRecipe(dir, &pub, &recipe, &db))
        return 1;
    say(QStringLiteral("line stall: piton's Line page, %1 slots (half pty at 921600 baud, half TCP with the flash at datasheet times), "
                       "longest GUI event-loop stall from Start all until all pass (target < 50 ms), %2 rounds")
            .arg(n)
            .arg(rounds));
    QMap<int, QList<StallRound>> results;
    int rc = 0;
    for (int round = 0; round < rounds && rc == 0; ++round)
        for (int i = 0; i < configs.size() && rc == 0; ++i) {
            const StallConfig &c = configs[i];
            const QByteArray load = e2e::readFile(QStringLiteral("/proc/loadavg")).split(' ').value(0);
            auto r = stallRound(dir, round, c, n, pub, recipe, db);
            if (!r) {
                rc = 1;
                break;
            }
            results[i] << *r;
            say(QStringLiteral("  round %1, %2: stall %3 ms (GUI thread ran %4, waited for a core %5, slept %6 ms), %11 stalls over 50 ms; "
                               "%7 passed in %8 ms, %9 boards/hour; load average %10")
                    .arg(round + 1)
                    .arg(c.name())
                    .arg(r->stallMs, 0, 'f', 1)
                    .arg(r->cpuMs, 0, 'f', 1)
                    .arg(r->waitMs, 0, 'f', 1)
                    .arg(r->sleptMs, 0, 'f', 1)
                    .arg(n)
                    .arg(r->passMs)
                    .arg(qRound(r->boardsPerHour))
                    .arg(QString::fromLatin1(load))
                    .arg(r->over50));
        }
    for (int i = 0; i < configs.size(); ++i) {
        QList<double> stalls, times;
        qint64 over50 = 0;
        for (const StallRound &r : results.value(i)) {
            stalls << r.stallMs;
            times << double(r.passMs);
            over50 += r.over50;
        }
        if (stalls.isEmpty())
            continue;
        say(QStringLiteral("  %1: longest stall median %2 ms, max %3 ms over %4 rounds (target < 50 ms), %7 stalls over 50 ms in all; "
                           "%5 slots pass in %6 ms (median)")
                .arg(configs[i].name())
                .arg(median(stalls), 0, 'f', 1)
                .arg(*std::max_element(stalls.begin(), stalls.end()), 0, 'f', 1)
                .arg(stalls.size())
                .arg(n)
                .arg(qRound(median(times)))
                .arg(over50));
    }
    // Release recipe on the same page: into a new SQLite database, and against a PostgreSQL host
    // that takes the connection and never answers (its 5 s connect timeout).
    if (rc == 0) {
        say(QStringLiteral("line stall: Release recipe on the Line page (a pool thread), from the click until the answer (target < 50 ms)"));
        QTcpServer blackhole;
        if (!blackhole.listen(QHostAddress::LocalHost))
            return say(QStringLiteral("cannot listen on loopback")), 1;
        if (!releaseStall(QStringLiteral("into a new SQLite database"), recipe,
                          QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("release.db")), QStringLiteral("Released"))
            || !releaseStall(QStringLiteral("against an unanswering PostgreSQL host"), recipe,
                             QStringLiteral("postgresql://piton@127.0.0.1:%1/line").arg(blackhole.serverPort()), QStringLiteral("Not released")))
            rc = 1;
    }
    QSettings().remove(QStringLiteral("line"));
    return rc;
}
#endif

} // namespace

int main(int argc, char **argv)
{
#ifdef PITON_BENCH_LINE_GUI
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    const QStringList args = app.arguments().mid(1);
    const QString what = args.value(0);
    int rc = 0;
    if (what.isEmpty() || what == QLatin1String("boards"))
        rc |= benchBoards(args);
    if (what.isEmpty() || what == QLatin1String("stall")) {
#ifdef PITON_BENCH_LINE_GUI
        rc |= benchStall(args);
#else
        say(QStringLiteral("line stall: not built (piton's GUI is not part of this build)"));
#endif
    }
    if (what.isEmpty() || what == QLatin1String("alloc"))
        rc |= benchAlloc(args);
    if (!what.isEmpty() && what != QLatin1String("boards") && what != QLatin1String("alloc") && what != QLatin1String("stall")) {
        say(QStringLiteral("usage: bench_line [boards [--boards N] [--baud B] | stall [--boards N] [--rounds R] [--configs SLOT/BOARD,...] | "
                           "alloc [--stations S] [--slots N] [--boards K] [--lease L]]"));
        return 2;
    }
    return rc;
}
