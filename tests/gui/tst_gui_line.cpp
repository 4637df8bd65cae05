// GUI test of the Line page (issue 12, docs/line-mode.md "The Line page"): 16 piton-vboard
// instances (8 on a pty, 8 on TCP) as the slots of a station run from piton's Line page the way
// an engineer and an operator use it: the recipe refused in operator mode until released, the
// release in engineer mode, Start all; every tile shows "passed"; barcode scans compared with
// the serials; Stop all; one slot started on its own and another started and stopped while the
// station runs (their boards passed before: recognised, not run again). Checks the traceability database (16 attempts, distinct serials and MACs)
// and each board's own config through piton-cli, and that the next window finds the set-up and
// operator mode as they were left. Prints the longest event-loop stall while the
// 16 slots ran (a 2 ms timer on the GUI thread, as bench.gui_stall measures it; the target is
// under 50 ms; stall_meter.h), with the boards paced like hardware (each slot runs several
// seconds) and their processes niced as external hardware (BoardNice). With
// PITON_LINE_SCREENSHOT=FILE it saves the page with its 16 tiles there, and mid-run as
// FILE-running.png (scripts/screenshots).
#include "gui_helpers.h"
#include "stall_meter.h"

#include "line/line_database.h"
#include "line/station.h"
#include "line/thread_priority.h"
#include "line_page.h"
#include "line_slot_tile.h"
#include "pg_server.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QMenu>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QSqlQuery>
#include <QTabWidget>
#include <QSpinBox>
#include <QApplication>
#include <QTcpServer>
#include <QHostAddress>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <memory>
#include <vector>

using namespace piton;
using namespace piton::gui;
using namespace piton::guitest;

namespace {

constexpr int Slots = 16;
/** The boards stand in for external hardware: their processes run this many nice steps below the
 *  station (16 of them share the 2 cores with the window here; real boards bring their own CPUs).
 *  A modelling choice, with the stall figures both ways in docs/performance.md. */
constexpr int BoardNice = 10;
/** Each board paced like hardware, so that the 16 slots run for several seconds and the stall
 *  figure means something: a pty board's line at 921600 baud (the package takes about 3 s), a
 *  TCP board's flash at its datasheet times (the install erases and programs for about 6 s).
 *  (Both on one board: piton-vboard then does not start when its stdin is a pipe, as under
 *  QProcess.) */
QStringList boardPacing(bool tcp)
{
    return tcp ? QStringList{QStringLiteral("--flash-timing")} : QStringList{QStringLiteral("--baud"), QStringLiteral("921600")};
}

QString states(const QList<LineSlotTile *> &tiles)
{
    QStringList list;
    for (LineSlotTile *t : tiles)
        list << QStringLiteral("%1:%2 %3").arg(t->number()).arg(t->state(), t->lastError());
    return list.join(QStringLiteral("; "));
}

} // namespace

class GuiLineTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        // ... a file of this process's own: another run of this test on the machine (another
        // build tree, the asan suite) does not change the set-up under this one.
        QCoreApplication::setApplicationName(QStringLiteral("tst_gui_line-%1").arg(QCoreApplication::applicationPid()));
        QSettings().remove(QStringLiteral("line"));
    }
    void cleanupTestCase()
    {
        const QString file = QSettings().fileName();
        QSettings().remove(QStringLiteral("line"));
        QFile::remove(file);
    }

    // Log-in on the Line page: a wrong password is refused; an operator account is held in
    // operator mode (engineer mode refused, the operator's name is the account's); an engineer
    // gets engineer mode and releases with its password (core checks it: no release without).
    void logIn()
    {
        QVERIFY(m_dir.isValid());
        const QString url = QStringLiteral("sqlite:") + path(QStringLiteral("login.db"));
        {
            auto db = line::LineDatabase::open(url);
            QVERIFY(db);
            QVERIFY((*db)->addAccount(QStringLiteral("eve"), QStringLiteral("engineer"), QString(), QStringLiteral("eve-secret-1")));
            QVERIFY((*db)->addAccount(QStringLiteral("olga"), QStringLiteral("operator"), QStringLiteral("eve"), QStringLiteral("olga-pin-22"),
                                      QStringLiteral("eve-secret-1")));
        }
        const QString recipe = path(QStringLiteral("login-recipe.json"));
        QFile f(recipe);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format":"piton-recipe/1","name":"login","board":"stm32f4-ref","config":[{"key":"net.dhcp","value":"1"}],"steps":[{"step":"config"}]})");
        f.close();
        QSettings().remove(QStringLiteral("line"));
        LinePage page([](FileRole) { return QString(); });
        page.show();
        child<QLineEdit>(page, "lineDatabase")->setText(url);
        child<QLineEdit>(page, "lineRecipe")->setText(recipe);
        QSignalSpy logins(&page, &LinePage::loggedIn);
        auto *status = child<QLabel>(page, "lineStatus");

        page.logIn(QStringLiteral("olga"), QStringLiteral("olga-pin-00"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("the name or the password is wrong")), 20000);
        QCOMPARE(logins.size(), 0);
        QVERIFY(page.loggedInUser().isEmpty());

        page.logIn(QStringLiteral("olga"), QStringLiteral("olga-pin-22"));
        QTRY_COMPARE_WITH_TIMEOUT(logins.size(), 1, 20000);
        QCOMPARE(page.loggedInRole(), QStringLiteral("operator"));
        QVERIFY(page.operatorMode());
        QVERIFY(!child<QComboBox>(page, "lineMode")->isEnabled());
        QCOMPARE(child<QLineEdit>(page, "lineOperator")->text(), QStringLiteral("olga"));
        QVERIFY(child<QLineEdit>(page, "lineOperator")->isReadOnly());
        page.setOperatorMode(false); // refused: roles are enforced, olga is an operator
        QVERIFY(page.operatorMode());
        page.releaseRecipe();        // nothing in operator mode
        {
            auto db = line::LineDatabase::open(url);
            QVERIFY(db);
            QVERIFY(!(*db)->releasedRecipeId(line::Recipe::load(recipe)->sha256()));
        }

        page.logOut();
        QVERIFY(page.loggedInUser().isEmpty());
        status->clear();
        page.setOperatorMode(false); // nobody logged in: still refused (the database is asked off the GUI thread)
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("needs an engineer")), 20000);
        QVERIFY(page.operatorMode());
        page.logIn(QStringLiteral("eve"), QStringLiteral("eve-secret-1"));
        QTRY_COMPARE_WITH_TIMEOUT(logins.size(), 3, 20000); // logged out, logged in
        QCOMPARE(page.loggedInRole(), QStringLiteral("engineer"));
        page.setOperatorMode(false);
        QVERIFY(!page.operatorMode());
        page.releaseRecipe(); // on a pool thread: the status line says when it is done
        QTRY_VERIFY_WITH_TIMEOUT(!page.releasing(), 20000);
        QVERIFY2(status->text().startsWith(QStringLiteral("Released login")), qPrintable(status->text()));
        auto db = line::LineDatabase::open(url);
        QVERIFY(db);
        QVERIFY2((*db)->releasedRecipeId(line::Recipe::load(recipe)->sha256()), qPrintable(status->text()));
        auto by = (*db)->query(QStringLiteral("SELECT released_by FROM recipe"));
        QVERIFY(by && by->next());
        QCOMPARE(by->value(0).toString(), QStringLiteral("eve"));
        by->finish();
        QSettings().remove(QStringLiteral("line"));
    }

    // Offline log-in (docs/line-mode.md, "Offline"): a station on PostgreSQL that ran once while
    // the server was reachable (its journal holds the release, leased serials and a copy of the
    // accounts) loses the server; an operator logs in on the Line page against the journal's
    // copy (a wrong password refused, nothing recorded), sees "Offline: working on the local
    // journal", and runs a board on a leased serial; the server comes back and the attempt
    // reaches it. Skipped where PostgreSQL cannot run (tests/pg_server.h).
    void offlineLogIn()
    {
        pgtest::PgServer pg;
        if (!pg.start())
            QSKIP(qPrintable(QStringLiteral("PostgreSQL cannot run here: ") + pg.reason()));
        const QString url = pg.createDatabase(QStringLiteral("guioffline"));
        {
            auto db = line::LineDatabase::open(url);
            QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
            QVERIFY((*db)->addAccount(QStringLiteral("eve"), QStringLiteral("engineer"), QString(), QStringLiteral("eve-secret-1")));
            QVERIFY((*db)->addAccount(QStringLiteral("olga"), QStringLiteral("operator"), QStringLiteral("eve"), QStringLiteral("olga-pin-22"),
                                      QStringLiteral("eve-secret-1")));
        }
        const QString recipe = path(QStringLiteral("offline-recipe.json"));
        QVERIFY(e2e::writeFile(recipe, R"({"format":"piton-recipe/1","name":"offline","board":"stm32f4-ref",
            "pools":{"serial":{"type":"counter","format":"OFF-{seq:04}"}},
            "config":[{"key":"serial","pool":"serial"}],"steps":[{"step":"config"},{"step":"verify"}]})"));
        std::vector<std::unique_ptr<e2e::VirtualBoard>> boards;
        QStringList uris;
        for (int i = 0; i < 2; ++i) {
            const QString dir = path(QStringLiteral("offline%1").arg(i));
            QDir().mkpath(dir);
            boards.push_back(std::make_unique<e2e::VirtualBoard>());
            QVERIFY2(boards.back()->start(dir, QStringLiteral("stm32f4-ref"), QString()), qPrintable(boards.back()->error()));
            uris << boards.back()->tcpUri();
        }
        // The station's journal: the default place for its name (under the test's data location).
        const QString station = QStringLiteral("gui-offline-%1").arg(QCoreApplication::applicationPid());
        const QString journal = line::stationJournalPath(station);
        const auto removeJournal = qScopeGuard([journal] {
            for (const QString &f : {journal, journal + QStringLiteral("-wal"), journal + QStringLiteral("-shm")})
                QFile::remove(f);
        });

        QSettings().remove(QStringLiteral("line"));
        LinePage page([](FileRole) { return QString(); });
        page.show();
        child<QLineEdit>(page, "lineDatabase")->setText(url);
        child<QLineEdit>(page, "lineRecipe")->setText(recipe);
        child<QLineEdit>(page, "lineStation")->setText(station);
        child<QPlainTextEdit>(page, "lineSlots")->setPlainText(uris.join(QLatin1Char('\n')));
        QSignalSpy logins(&page, &LinePage::loggedIn);
        auto *status = child<QLabel>(page, "lineStatus");
        auto *banner = child<QLabel>(page, "lineDatabaseState");
        const QList<LineSlotTile *> tiles = page.tiles();
        QCOMPARE(tiles.size(), 2);

        // Online: the engineer logs in, releases the recipe and runs slot 1 alone.
        page.logIn(QStringLiteral("eve"), QStringLiteral("eve-secret-1"));
        QTRY_COMPARE_WITH_TIMEOUT(logins.size(), 1, 20000);
        QVERIFY(!page.showsOffline());
        page.setOperatorMode(false);
        page.releaseRecipe();
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Released offline")), qPrintable(status->text()), 20000);
        QTest::mouseClick(child<QPushButton>(page, "slotButton1"), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return tiles[0]->state() == QLatin1String("passed"); }, 30000), qPrintable(states(tiles) + status->text()));
        QVERIFY(!page.showsOffline());
        page.stopAll();
        QVERIFY(QTest::qWaitFor([&] { return !page.stationRunning(); }, 20000));
        page.logOut();
        QVERIFY(QFileInfo::exists(journal));

        // The server goes away.
        QVERIFY(pg.stop());
        const QByteArray before = e2e::lineDatabaseDigest(QStringLiteral("sqlite:") + journal);
        QVERIFY(!before.isEmpty());
        page.logIn(QStringLiteral("olga"), QStringLiteral("olga-pin-00"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Not logged in")), 20000);
        QVERIFY2(status->text().contains(QStringLiteral("the name or the password is wrong"))
                     && status->text().contains(QStringLiteral("journal's copy of the accounts")),
                 qPrintable(status->text()));
        QVERIFY(page.loggedInUser().isEmpty());
        QCOMPARE(e2e::lineDatabaseDigest(QStringLiteral("sqlite:") + journal), before); // nothing changed

        page.logIn(QStringLiteral("olga"), QStringLiteral("olga-pin-22"));
        QTRY_COMPARE_WITH_TIMEOUT(logins.size(), 3, 20000); // eve out, olga in
        QCOMPARE(page.loggedInUser(), QStringLiteral("olga"));
        QCOMPARE(page.loggedInRole(), QStringLiteral("operator"));
        QVERIFY(page.operatorMode());
        QVERIFY(page.showsOffline());
        QVERIFY2(banner->text().startsWith(QStringLiteral("Offline: working on the local journal")), qPrintable(banner->text()));
        QCOMPARE(status->text(), QStringLiteral("Logged in as olga (offline)"));

        // Start all, offline: slot 1's board is recognised, slot 2's runs on a leased serial.
        QTest::mouseClick(child<QPushButton>(page, "lineStartAll"), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return page.stationRunning(); }, 20000), qPrintable(status->text()));
        QVERIFY2(QTest::qWaitFor([&] { return tiles[1]->state() == QLatin1String("passed"); }, 30000), qPrintable(states(tiles) + status->text()));
        QVERIFY(page.showsOffline());
        QVERIFY2(banner->text().contains(journal), qPrintable(banner->text()));
        QVERIFY2(tiles[1]->serial().startsWith(QStringLiteral("OFF-")), qPrintable(tiles[1]->serial()));
        // The board's own config holds the serial its tile shows.
        const e2e::CliRun config = e2e::cli({QStringLiteral("-c"), uris[1], QStringLiteral("config"), QStringLiteral("get")});
        QVERIFY2(config.exitCode == 0, qPrintable(config.describe()));
        QCOMPARE(config.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("serial")).toString(), tiles[1]->serial());

        // The server is back: the banner goes, the offline attempt reaches the server.
        QVERIFY2(pg.resume(), qPrintable(pg.reason()));
        QVERIFY2(QTest::qWaitFor([&] { return !page.showsOffline(); }, 30000), qPrintable(banner->text()));
        page.stopAll();
        QVERIFY(QTest::qWaitFor([&] { return !page.stationRunning(); }, 30000));
        auto db = line::LineDatabase::open(url);
        QVERIFY(db);
        auto q = (*db)->query(QStringLiteral("SELECT identifiers FROM attempt WHERE operator = 'olga' AND result = 'pass'"));
        QVERIFY(q && q->next());
        QCOMPARE(QJsonDocument::fromJson(q->value(0).toString().toUtf8()).object().value(QStringLiteral("serial")).toString(), tiles[1]->serial());
        QVERIFY(!q->next());
        q->finish();
        QSettings().remove(QStringLiteral("line"));
    }

    // Release off the GUI thread (docs/line-mode.md, "Releasing a recipe"): against a PostgreSQL
    // host that takes the connection and never answers (a blackhole on loopback: the connect
    // waits out its 5 s timeout), the button reads "Releasing..." and is disabled, Start all is
    // refused, the event loop keeps turning (the longest stall is printed; the GUI thread's own
    // part of it, running or blocked, not the wait for a core on a loaded machine, must stay
    // under 50 ms), then the status line names the error and the recipe file is unchanged. A
    // package changed after the recipe was made: not released, the SQLite database unchanged
    // (digest); the package restored: released, recipeReleased() with its SHA-256.
    void releaseOffTheGuiThread()
    {
        QVERIFY(m_dir.isValid());
        const QString dir = path(QStringLiteral("release"));
        QVERIFY(QDir().mkpath(dir));
        TestPackage pkg;
        const QString made = makeTestPackage(dir, 512 * 1024, 21, 0x01000000u, &pkg);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const QString recipe = dir + QStringLiteral("/release.json");
        const e2e::CliRun created = e2e::cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"),
                                              QStringLiteral("--board"), QStringLiteral("stm32f4-ref"), QStringLiteral("--package"),
                                              pkg.package, QStringLiteral("--serial"), QStringLiteral("REL-{seq:04}"), QStringLiteral("--name"),
                                              QStringLiteral("release"), QStringLiteral("-o"), recipe});
        QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
        const QString recipeSha = e2e::fileSha256(recipe);
        QVERIFY(!recipeSha.isEmpty());

        QTcpServer blackhole; // takes connections, never says a word
        QVERIFY(blackhole.listen(QHostAddress::LocalHost));
        const QString unanswering = QStringLiteral("postgresql://piton@127.0.0.1:%1/line").arg(blackhole.serverPort());

        QSettings().remove(QStringLiteral("line"));
        LinePage page([](FileRole) { return QString(); });
        page.resize(1280, 800);
        page.show();
        child<QLineEdit>(page, "lineRecipe")->setText(recipe);
        child<QLineEdit>(page, "lineOperator")->setText(QStringLiteral("eve"));
        child<QPlainTextEdit>(page, "lineSlots")->setPlainText(QStringLiteral("tcp:127.0.0.1:1"));
        child<QLineEdit>(page, "lineDatabase")->setText(unanswering);
        QVERIFY(!page.operatorMode());
        auto *release = child<QPushButton>(page, "lineRelease");
        auto *startAll = child<QPushButton>(page, "lineStartAll");
        auto *status = child<QLabel>(page, "lineStatus");
        QSignalSpy released(&page, &LinePage::recipeReleased);

        StallMeter stall;
        stall.start();
        QElapsedTimer took;
        took.start();
        QTest::mouseClick(release, Qt::LeftButton);
        const qint64 clickMs = took.elapsed();
        QVERIFY(page.releasing());
        QCOMPARE(release->text(), QStringLiteral("Releasing..."));
        QVERIFY(!release->isEnabled());
        QVERIFY(!startAll->isEnabled());
        page.startAll(); // refused while the release runs
        QVERIFY(!page.stationStarting() && !page.stationRunning());
        QVERIFY2(status->text().contains(QStringLiteral("being released")), qPrintable(status->text()));
        // The window keeps painting meanwhile (Qt's raster engine fills large areas on pool
        // threads and waits for them: the page's own pool must leave those free).
        QTimer repaint;
        connect(&repaint, &QTimer::timeout, &page, [&page] { page.update(); });
        repaint.start(50);
        const bool answered = waitInEventLoop([&] { return !page.releasing(); }, 30000);
        repaint.stop();
        const qint64 tookMs = took.elapsed();
        stall.stop();
        QVERIFY(answered);
        qInfo("Release against an unanswering PostgreSQL host: answered after %lld ms (the click %lld ms); longest GUI event-loop "
              "stall %.1f ms (GUI thread ran %.1f ms, waited for a core %.1f ms, slept %.1f ms), %lld stalls over 50 ms; longest "
              "sleep of the GUI thread in any gap %.1f ms, most CPU in any gap %.1f ms",
              tookMs, clickMs, stall.longestStallMs(), stall.cpuInLongestGapMs(), stall.waitInLongestGapMs(), stall.sleptInLongestGapMs(),
              stall.stallsOver50, stall.longestSleepMs(), stall.longestCpuMs());
        QVERIFY2(tookMs >= 1000, "the release did not wait for the host: the stall figure would mean nothing");
        // What would freeze the window here is the GUI thread blocking on the unanswering host
        // (asleep for seconds). Painting the page is CPU work whose length depends on the build
        // (about 54 ms under ASan on a slow CI machine). Both get bounds far below the host's 5 s;
        // the 50 ms target for the loop is measured by bench.gui_stall, not asserted by a unit test.
        QVERIFY2(stall.longestSleepMs() < 250.0, "the GUI thread blocked while the release waited");
        QVERIFY2(stall.longestStallMs() - stall.waitInLongestGapMs() < 500.0, "the window froze while the release waited");
        QVERIFY2(status->text().startsWith(QStringLiteral("Not released: database:")), qPrintable(status->text()));
        QVERIFY(release->isEnabled());
        QCOMPARE(release->text(), QStringLiteral("Release recipe"));
        QVERIFY(startAll->isEnabled());
        QCOMPARE(released.size(), 0);
        QCOMPARE(e2e::fileSha256(recipe), recipeSha);

        // A SQLite database and a package changed after the recipe was made: refused, the
        // database unchanged.
        const QString dbUrl = QStringLiteral("sqlite:") + dir + QStringLiteral("/release.db");
        QVERIFY(line::LineDatabase::open(dbUrl));
        const QStringList tables{QStringLiteral("recipe"), QStringLiteral("id_pool"), QStringLiteral("identifier")};
        const QByteArray dbBefore = e2e::lineDatabaseDigest(dbUrl, tables);
        QVERIFY(!dbBefore.isEmpty());
        const QByteArray packageBytes = e2e::readFile(pkg.package);
        QVERIFY(!packageBytes.isEmpty());
        QByteArray changed = packageBytes;
        changed[changed.size() - 1] = char(changed.at(changed.size() - 1) ^ 0x55);
        QVERIFY(e2e::writeFile(pkg.package, changed));
        child<QLineEdit>(page, "lineDatabase")->setText(dbUrl);
        QTest::mouseClick(release, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.releasing(), 20000);
        QVERIFY2(status->text().startsWith(QStringLiteral("Not released: ")) && status->text().contains(QStringLiteral("the file changed")),
                 qPrintable(status->text()));
        QCOMPARE(e2e::lineDatabaseDigest(dbUrl, tables), dbBefore);
        QCOMPARE(released.size(), 0);

        // The package as it was: released.
        QVERIFY(e2e::writeFile(pkg.package, packageBytes));
        QTest::mouseClick(release, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.releasing(), 20000);
        QVERIFY2(status->text().startsWith(QStringLiteral("Released release")), qPrintable(status->text()));
        QCOMPARE(released.size(), 1);
        const QString sha = line::Recipe::load(recipe)->sha256();
        QCOMPARE(released.at(0).at(0).toString(), sha);
        auto db = line::LineDatabase::open(dbUrl);
        QVERIFY(db);
        QVERIFY((*db)->releasedRecipeId(sha));
        QCOMPARE(e2e::fileSha256(recipe), recipeSha);
        QSettings().remove(QStringLiteral("line"));
    }

    // The Line page from the keyboard (docs/line-mode.md, "Keyboard"), keys sent to the widget
    // that has the focus, as a keyboard and a keyboard-wedge scanner do: Tab reaches every
    // enabled control (mode, log-in, Start all, the set-up fields and their choosers, Release,
    // the slot selector, the barcode field, New shift, each slot's Start); Ctrl+B puts the
    // cursor in the barcode field; a code and Enter go to the selected slot and select the
    // next; Down and Up choose another slot; the slot selector takes a number; F9, F8 and
    // Ctrl+R start all, start the selected slot and release (each refused here for want of a
    // recipe, in the status line: the key reached the action).
    void keyboard()
    {
        QSettings().remove(QStringLiteral("line"));
        LinePage page([](FileRole) { return QString(); });
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        QStringList uris;
        for (int i = 1; i <= 4; ++i)
            uris << QStringLiteral("tcp:127.0.0.1:%1").arg(i);
        child<QPlainTextEdit>(page, "lineSlots")->setPlainText(uris.join(QLatin1Char('\n')));
        const QList<LineSlotTile *> tiles = page.tiles();
        QCOMPARE(tiles.size(), 4);
        QTRY_VERIFY(tiles.last()->isVisible()); // new tiles show once the event loop turns
        const auto focused = [] { return QApplication::focusWidget(); };
        const auto press = [&](int key, Qt::KeyboardModifiers mods = Qt::NoModifier) {
            QVERIFY(focused());
            QTest::keyClick(focused(), Qt::Key(key), mods);
        };

        // Tab goes round every enabled control.
        child<QComboBox>(page, "lineMode")->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(focused(), child<QComboBox>(page, "lineMode"));
        QStringList order;
        for (int i = 0; i < 40; ++i) {
            QWidget *f = focused();
            QVERIFY(f);
            QWidget *named = f->objectName().isEmpty() && f->parentWidget() ? f->parentWidget() : f; // a spin box's line edit
            if (!order.contains(named->objectName()))
                order << named->objectName();
            press(Qt::Key_Tab);
        }
        for (const char *name : {"lineMode", "lineLogin", "lineStartAll", "lineRecipe", "lineRecipeBrowse", "lineDatabase", "lineDatabaseBrowse",
                                 "lineStation", "lineOperator", "lineSlots", "lineRelease", "lineSlotSelect", "lineBarcode", "lineNewShift",
                                 "slotButton1", "slotButton2", "slotButton3", "slotButton4"})
            QVERIFY2(order.contains(QLatin1String(name)), qPrintable(QStringLiteral("%1 not reached by Tab: %2").arg(QLatin1String(name), order.join(QLatin1Char(' ')))));
        // In the order they are on the screen: set-up, release, scan, tiles.
        QVERIFY2(order.indexOf(QStringLiteral("lineRelease")) < order.indexOf(QStringLiteral("lineBarcode"))
                     && order.indexOf(QStringLiteral("lineSlotSelect")) < order.indexOf(QStringLiteral("lineBarcode"))
                     && order.indexOf(QStringLiteral("lineBarcode")) < order.indexOf(QStringLiteral("slotButton1")),
                 qPrintable(order.join(QLatin1Char(' '))));

        // Ctrl+B, a scan, Enter: slot 1 (selected first) gets it, slot 2 is next.
        auto *barcode = child<QLineEdit>(page, "lineBarcode");
        auto *slotSelect = child<QSpinBox>(page, "lineSlotSelect");
        child<QComboBox>(page, "lineMode")->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(focused() != barcode);
        press(Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(focused(), barcode);
        QCOMPARE(slotSelect->value(), 1);
        QTest::keyClicks(focused(), QStringLiteral("SN-0001"));
        press(Qt::Key_Return);
        QCOMPARE(tiles[0]->scanned(), QStringLiteral("SN-0001"));
        QCOMPARE(slotSelect->value(), 2);
        QCOMPARE(focused(), barcode);
        // Down: slot 3 instead.
        press(Qt::Key_Down);
        QCOMPARE(slotSelect->value(), 3);
        QTest::keyClicks(focused(), QStringLiteral("SN-0003"));
        press(Qt::Key_Return);
        QCOMPARE(tiles[2]->scanned(), QStringLiteral("SN-0003"));
        QVERIFY(tiles[1]->scanned().isEmpty());
        QCOMPARE(slotSelect->value(), 4);
        press(Qt::Key_Up);
        press(Qt::Key_Up);
        QCOMPARE(slotSelect->value(), 2);
        // Shift+Tab to the slot selector, slot 4 by number, Tab back, scan.
        press(Qt::Key_Backtab, Qt::ShiftModifier);
        QVERIFY(focused() == slotSelect || focused()->parentWidget() == slotSelect);
        press(Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(focused(), QStringLiteral("4"));
        QCOMPARE(slotSelect->value(), 4);
        press(Qt::Key_Tab);
        QCOMPARE(focused(), barcode);
        QTest::keyClicks(focused(), QStringLiteral("SN-0004"));
        press(Qt::Key_Return);
        QCOMPARE(tiles[3]->scanned(), QStringLiteral("SN-0004"));
        QVERIFY(tiles[1]->scanned().isEmpty());
        QCOMPARE(slotSelect->value(), 1); // after the last slot, the first

        // The shortcuts reach their actions (no recipe: each refused in the status line).
        auto *status = child<QLabel>(page, "lineStatus");
        status->clear();
        press(Qt::Key_F9);
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Recipe refused")), qPrintable(status->text()));
        status->clear();
        press(Qt::Key_F8);
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Recipe refused")), qPrintable(status->text()));
        QVERIFY(!page.stationRunning());
        status->clear();
        press(Qt::Key_R, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!page.releasing(), 10000);
        QVERIFY2(status->text().startsWith(QStringLiteral("Not released")), qPrintable(status->text()));
        QSettings().remove(QStringLiteral("line"));
    }

    void sixteenSlots()
    {
        QVERIFY(m_dir.isValid());
        TestPackage pkg;
        const QString made = makeTestPackage(m_dir.path(), 256 * 1024, 12, 0x01020300u, &pkg);
        QVERIFY2(made.isEmpty(), qPrintable(made));

        std::vector<std::unique_ptr<e2e::VirtualBoard>> boards;
        QStringList uris;
        for (int i = 0; i < Slots; ++i) {
            const QString dir = path(QStringLiteral("board%1").arg(i));
            QDir().mkpath(dir);
            boards.push_back(std::make_unique<e2e::VirtualBoard>());
            boards.back()->setNice(BoardNice);
            QVERIFY2(boards.back()->start(dir, QStringLiteral("stm32f4-ref"), pkg.publicKey, boardPacing(i % 2)), qPrintable(boards.back()->error()));
            uris << (i % 2 ? boards.back()->tcpUri() : boards.back()->serialUri());
        }

        // The recipe as the engineer's script makes it (piton-cli line recipe create).
        const QString recipe = path(QStringLiteral("sensor.json"));
        const e2e::CliRun created = e2e::cli({QStringLiteral("line"), QStringLiteral("recipe"), QStringLiteral("create"),
                                              QStringLiteral("--board"), QStringLiteral("stm32f4-ref"), QStringLiteral("--package"),
                                              pkg.package, QStringLiteral("--serial"), QStringLiteral("GUI-{seq:05}"), QStringLiteral("--mac"),
                                              QStringLiteral("02:50:17:10:00:00-02:50:17:10:ff:ff"), QStringLiteral("--name"),
                                              QStringLiteral("sensor"), QStringLiteral("-o"), recipe});
        QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
        const QString dbPath = path(QStringLiteral("line.db"));

        MainWindow w;
        w.setConfirmFunction([](const QString &, const QString &) { return true; });
        w.setFileChooser([dbPath](FileRole role) { return role == FileRole::OpenLineDatabase ? dbPath : QString(); });
        w.resize(1700, 1150);
        w.show();
        QVERIFY(w.showPage(QStringLiteral("line")));
        auto *page = child<LinePage>(w, "linePage");
        auto *tabs = child<QTabWidget>(w, "pages");

        // Set-up as an engineer types it: recipe, database (through the chooser), station, slots.
        QTest::keyClicks(child<QLineEdit>(w, "lineRecipe"), recipe);
        QTest::mouseClick(child<QToolButton>(w, "lineDatabaseBrowse"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(w, "lineDatabase")->text(), QStringLiteral("sqlite:") + dbPath);
        child<QLineEdit>(w, "lineStation")->setText(QStringLiteral("gui-1"));
        child<QLineEdit>(w, "lineOperator")->setText(QStringLiteral("olga"));
        child<QPlainTextEdit>(w, "lineSlots")->setPlainText(uris.join(QLatin1Char('\n')));
        QCOMPARE(page->tiles().size(), Slots);

        // Operator mode: set-up locked, other pages locked, and the unreleased recipe refused.
        child<QComboBox>(w, "lineMode")->setCurrentIndex(1);
        QVERIFY(page->operatorMode());
        QVERIFY(child<QPlainTextEdit>(w, "lineSlots")->isReadOnly());
        QVERIFY(!child<QPushButton>(w, "lineRelease")->isVisible());
        QVERIFY(!tabs->isTabEnabled(0));
        QTest::mouseClick(child<QPushButton>(w, "lineStartAll"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !page->stationStarting(); }, 10000));
        QVERIFY(!page->stationRunning());
        const QString refused = child<QLabel>(w, "lineStatus")->text();
        QVERIFY2(refused.contains(QStringLiteral("not released")), qPrintable(refused));

        // Engineer mode: release it; back to operator mode.
        child<QComboBox>(w, "lineMode")->setCurrentIndex(0); // nobody logged in: the database is asked off the GUI thread
        QTRY_VERIFY_WITH_TIMEOUT(!page->operatorMode(), 20000);
        QVERIFY(tabs->isTabEnabled(0));
        QTest::mouseClick(child<QPushButton>(w, "lineRelease"), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(child<QLabel>(w, "lineStatus")->text().startsWith(QStringLiteral("Released sensor")),
                                  qPrintable(child<QLabel>(w, "lineStatus")->text()), 20000);
        child<QComboBox>(w, "lineMode")->setCurrentIndex(1);

        // All 16 slots at once, from a stopped station.
        StallMeter stall;
        stall.start();
        QElapsedTimer runTime;
        runTime.start();
        QTest::mouseClick(child<QPushButton>(w, "lineStartAll"), Qt::LeftButton);
        const qint64 startClickMs = runTime.elapsed();
        QVERIFY2(waitInEventLoop([&] { return page->stationRunning(); }, 10000), qPrintable(child<QLabel>(w, "lineStatus")->text()));
        const QList<LineSlotTile *> tiles = page->tiles();
        // PITON_LINE_SCREENSHOT=FILE: also the page mid-run (FILE-running.png, once half of the
        // slots passed: the TCP boards finish before the paced pty ones); the grab itself then
        // shows in the stall figure.
        const QString screenshot = qEnvironmentVariable("PITON_LINE_SCREENSHOT");
        const QString runningShot =
            (screenshot.endsWith(QLatin1String(".png")) ? screenshot.chopped(4) : screenshot) + QStringLiteral("-running.png");
        bool grabbedRunning = screenshot.isEmpty();
        QElapsedTimer halfPassed; // the charts redraw at most every 250 ms: grab a moment later
        const bool allPassed = waitInEventLoop([&] {
            const auto passed = std::count_if(tiles.begin(), tiles.end(), [](LineSlotTile *t) { return t->state() == QLatin1String("passed"); });
            if (!grabbedRunning && passed >= Slots / 2 && !halfPassed.isValid())
                halfPassed.start();
            if (!grabbedRunning && halfPassed.isValid() && halfPassed.elapsed() >= 600 && passed < Slots) {
                grabbedRunning = true;
                if (page->grab().save(runningShot))
                    qInfo("screenshot: %s", qPrintable(runningShot));
            }
            return passed == Slots;
        }, 50000);
        const qint64 allMs = runTime.elapsed();
        const double stallMs = stall.longestStallMs();
        stall.stop();
        QVERIFY2(allPassed, qPrintable(states(tiles)));
        qInfo("Line page: %d slots passed %lld ms after Start all (the click itself %lld ms; Station::prepare() runs on a pool thread); "
              "longest GUI event-loop stall %.1f ms (target < 50 ms; in that gap the GUI thread ran %.1f ms, waited for a core "
              "%.1f ms, slept %.1f ms; at most %.1f ms CPU in any gap; slot threads at nice +%d, boards at nice +%d); load average %s",
              Slots, allMs, startClickMs, stallMs, stall.cpuInLongestGapMs(), stall.waitInLongestGapMs(), stall.sleptInLongestGapMs(),
              stall.longestCpuMs(), line::slotNiceIncrement(), BoardNice,
              e2e::readFile(QStringLiteral("/proc/loadavg")).trimmed().constData());
        QCOMPARE(page->passedCount(), Slots);
        QCOMPARE(page->failedCount(), 0);
        QCOMPARE(page->firstPassYield(), 100.0);
        QVERIFY(page->boardsPerHour() > 0);
        QCOMPARE(child<QLabel>(w, "linePassed")->text(), QStringLiteral("Passed: 16"));
        QCOMPARE(child<QLabel>(w, "slotState5")->text(), QStringLiteral("PASSED"));

        // Tiles name their boards' serials, all distinct.
        QSet<QString> tileSerials;
        QStringList serialOf; // by slot, as the tiles showed them
        for (LineSlotTile *t : tiles) {
            QVERIFY2(t->serial().startsWith(QStringLiteral("GUI-")), qPrintable(t->serial()));
            tileSerials.insert(t->serial());
            serialOf << t->serial();
        }
        QCOMPARE(tileSerials.size(), Slots);

        // Barcodes: a scan for slot 3 confirms its serial; the next scan (slot 4) differs.
        QTest::mouseClick(tiles[2], Qt::LeftButton);
        auto *barcode = child<QLineEdit>(w, "lineBarcode");
        QTest::keyClicks(barcode, tiles[2]->serial());
        QTest::keyClick(barcode, Qt::Key_Return);
        QVERIFY2(child<QLabel>(w, "slotScan3")->text().contains(QStringLiteral("matches the serial")),
                 qPrintable(child<QLabel>(w, "slotScan3")->text()));
        QTest::keyClicks(barcode, QStringLiteral("WRONG-1"));
        QTest::keyClick(barcode, Qt::Key_Return);
        QCOMPARE(tiles[3]->scanned(), QStringLiteral("WRONG-1"));
        QVERIFY2(child<QLabel>(w, "slotScan4")->text().contains(tiles[3]->serial()), qPrintable(child<QLabel>(w, "slotScan4")->text()));

        if (!screenshot.isEmpty()) {
            QTest::qWait(500); // the tiles' layout after the scans, the charts (redrawn at most every 250 ms)
            QVERIFY(page->grab().save(screenshot));
            qInfo("screenshot: %s", qPrintable(screenshot));
        }

        // Stop all: the station ends, the tiles keep their results.
        QTest::mouseClick(child<QPushButton>(w, "lineStopAll"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !page->stationRunning(); }, 10000));
        QVERIFY2(child<QLabel>(w, "lineStatus")->text().startsWith(QStringLiteral("Stopped")), qPrintable(child<QLabel>(w, "lineStatus")->text()));

        // One slot started on its own: the station starts with the others stopped; its board
        // passed before, so it is recognised, not run again. Then slot 2 started and stopped
        // while the station runs.
        QTest::mouseClick(child<QPushButton>(w, "slotButton1"), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return page->stationRunning(); }, 10000), qPrintable(child<QLabel>(w, "lineStatus")->text()));
        QVERIFY2(QTest::qWaitFor([&] { return child<QLabel>(w, "slotState1")->text() == QLatin1String("PASSED (BEFORE)"); }, 10000),
                 qPrintable(states(tiles)));
        QVERIFY2(QTest::qWaitFor([&] { return tiles[1]->state() == QLatin1String("stopped"); }, 5000), qPrintable(states(tiles)));
        QCOMPARE(tiles[0]->serial(), serialOf[0]); // from its passing attempt
        QCOMPARE(child<QPushButton>(w, "slotButton2")->text(), QStringLiteral("Start"));
        QTest::mouseClick(child<QPushButton>(w, "slotButton2"), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return child<QLabel>(w, "slotState2")->text() == QLatin1String("PASSED (BEFORE)"); }, 10000),
                 qPrintable(states(tiles)));
        QTest::mouseClick(child<QPushButton>(w, "slotButton2"), Qt::LeftButton);
        QVERIFY2(QTest::qWaitFor([&] { return tiles[1]->state() == QLatin1String("stopped"); }, 5000), qPrintable(states(tiles)));
        QCOMPARE(page->passedCount(), Slots); // recognised boards are not counted twice
        QTest::mouseClick(child<QPushButton>(w, "lineStopAll"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] { return !page->stationRunning(); }, 10000));

        // The database: 16 attempts, all passed, distinct serials and MACs, operator recorded.
        auto db = line::LineDatabase::open(QStringLiteral("sqlite:") + dbPath);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        auto q = (*db)->query(QStringLiteral("SELECT result, identifiers, operator, slot FROM attempt"));
        QVERIFY(q);
        int attempts = 0;
        QSet<QString> serials, macs, slotsSeen;
        QMap<QString, QString> serialBySlot;
        while (q->next()) {
            ++attempts;
            QCOMPARE(q->value(0).toString(), QStringLiteral("pass"));
            const QJsonObject ids = QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object();
            serials.insert(ids.value(QStringLiteral("serial")).toString());
            macs.insert(ids.value(QStringLiteral("net.mac")).toString());
            QCOMPARE(q->value(2).toString(), QStringLiteral("olga"));
            slotsSeen.insert(q->value(3).toString());
            serialBySlot.insert(q->value(3).toString(), ids.value(QStringLiteral("serial")).toString());
        }
        QCOMPARE(attempts, Slots);
        QCOMPARE(serials.size(), Slots);
        QCOMPARE(macs.size(), Slots);
        QCOMPARE(slotsSeen.size(), Slots);
        QCOMPARE(serials, tileSerials);

        // Each board's own config holds the serial its tile showed (a few boards; piton-cli).
        for (int i : {0, 7, 15}) {
            const e2e::CliRun config = e2e::cli({QStringLiteral("-c"), uris[i], QStringLiteral("config"), QStringLiteral("get")});
            QVERIFY2(config.exitCode == 0, qPrintable(config.describe()));
            QCOMPARE(config.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("serial")).toString(), serialOf[i]);
        }

        // The next start of piton finds the station as it was left: set-up, operator mode, and
        // the window's other pages and device menu locked.
        MainWindow again;
        again.show();
        auto *page2 = child<LinePage>(again, "linePage");
        QVERIFY(page2->operatorMode());
        QCOMPARE(child<QLineEdit>(again, "lineRecipe")->text(), recipe);
        QCOMPARE(child<QLineEdit>(again, "lineDatabase")->text(), QStringLiteral("sqlite:") + dbPath);
        QCOMPARE(page2->tiles().size(), Slots);
        QCOMPARE(page2->tiles().last()->uri(), uris.last());
        auto *tabs2 = child<QTabWidget>(again, "pages");
        QVERIFY(QTest::qWaitFor([&] { return !tabs2->isTabEnabled(0); }, 2000));
        QCOMPARE(tabs2->currentWidget()->findChild<LinePage *>(), page2);
        auto *deviceMenu = child<QMenu>(again, "deviceMenu");
        QVERIFY(!deviceMenu->menuAction()->isEnabled());
    }
};

QTEST_MAIN(GuiLineTest)
#include "tst_gui_line.moc"
