// GUI tests: drive piton's main window as a user would (type the endpoint, click the buttons,
// answer the dialogs) against a real piton-vboard over TCP and over its pty, then check the
// device itself with piton-cli (versions, region contents by SHA-256, config entries).
#include "gui_helpers.h"

#include "board/board_profile.h"
#include "test_boards.h"
#include "config/config_blob.h"
#include "image/image.h"
#include "device_worker.h"
#include "error_banner.h"
#include "log_console.h"
#include "window_menu.h"
#include "main_window.h"
#include "package/keys.h"
#include "package/package.h"
#include "region_map.h"
#include "version.h"

#include <QApplication>
#include <QScopeGuard>
#include <QCheckBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QRegularExpression>
#include <QStatusBar>
#include <QUrl>
#include <QComboBox>
#include <QCryptographicHash>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QSettings>
#include <QSplitter>
#include <QScrollBar>
#include <QTextBlock>
#include <QAction>
#include <QToolButton>

using namespace piton;
using namespace piton::gui;

using namespace piton::guitest;

class GuiTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_publicKey, m_package;
    QByteArray m_appData; // the application image's bytes, placed at the start of "deployment"
    QList<int> m_splitterSizes;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QByteArray readRegion(const QString &uri, const QString &name) { return guitest::readRegion(m_dir.path(), uri, name); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        QVERIFY(m_dir.isValid());
        // Keys and package made with core's API, as a release engineer's script would.
        TestPackage made;
        const QString problem = makeTestPackage(m_dir.path(), 96 * 1024, 20261121, packVersion(1, 2, 3), &made);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_publicKey = made.publicKey;
        m_package = made.package;
        m_appData = made.appData;
    }

    void formatting()
    {
        QCOMPARE(hexAddress(0x2000A0F0u), QStringLiteral("0x2000a0f0"));
        QCOMPARE(formatSize(16 * 1024), QStringLiteral("16 KiB"));
        QCOMPARE(formatSize(1024 * 1024), QStringLiteral("1 MiB"));
        QCOMPARE(formatSize(1536), QStringLiteral("1.5 KiB"));
        QCOMPARE(formatSize(512), QStringLiteral("512 B"));
    }

    void connectFailsWithClearError()
    {
        MainWindow w;
        w.show();
        child<QComboBox>(w, "transport")->setCurrentIndex(1);
        QComboBox *box = child<QComboBox>(w, "networkEndpoint");
        box->lineEdit()->clear();
        QTest::keyClicks(box->lineEdit(), QStringLiteral("127.0.0.1:notaport"));
        QTest::mouseClick(child<QPushButton>(w, "connectButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.lastError().isEmpty(), 5000);
        QVERIFY(!w.isConnected());
        QVERIFY2(w.lastError().contains(QLatin1String("port")), qPrintable(w.lastError()));
        QVERIFY(child<QPushButton>(w, "connectButton")->isEnabled());
        QVERIFY(!child<QPushButton>(w, "updateButton")->isEnabled());
    }

    // Over TCP: connect, update (declined, then accepted), erase deployment (declined, accepted).
    void deployAndEraseOverTcp()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));

        MainWindow w;
        QStringList questions;
        bool answer = false;
        w.setConfirmFunction([&](const QString &title, const QString &text) {
            questions << title + QLatin1Char('\n') + text;
            return answer;
        });
        w.setFileChooser([this](FileRole role) { return role == FileRole::OpenPackage ? m_package : QString(); });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QCOMPARE(child<QLabel>(w, "stageLabel")->text(), QStringLiteral("Bootloader (recovery mode)")); // factory state
        QCOMPARE(child<QLabel>(w, "boardLabel")->text(), QStringLiteral("stm32f4-ref"));
        auto *table = child<QTableWidget>(w, "regionTable");
        QVERIFY(table->rowCount() >= 5);
        QList<QString> names;
        for (int r = 0; r < table->rowCount(); ++r)
            names << table->item(r, 0)->text();
        QVERIFY(names.contains(QStringLiteral("deployment")));
        QCOMPARE(table->item(int(names.indexOf(QStringLiteral("deployment"))), 1)->text(), piton::test::hex32(piton::test::deploymentAddress()));

        // Update declined: the manifest and verdict were shown, nothing was sent.
        QTest::mouseClick(child<QPushButton>(w, "updateButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 1, 10000);
        QVERIFY2(questions[0].contains(QLatin1String("1.2.3")) && questions[0].contains(QLatin1String("stm32f4-ref"))
                     && questions[0].contains(QLatin1String("deployment")) && questions[0].contains(QLatin1String("compatible")),
                 qPrintable(questions[0]));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 5000);
        QVERIFY(!w.snapshot().info.applicationVersion.has_value());

        // Update accepted.
        answer = true;
        QSignalSpy progress(&w, &MainWindow::progressShown);
        QVERIFY(clickAndWait(w, "updateButton"));
        QVERIFY(progress.size() >= 1);
        // After success: a summary (bytes, time, rate), not "0 bytes" and a stale ETA.
        const QString summary = child<QLabel>(w, "bytesLabel")->text();
        QVERIFY2(summary.contains(QLatin1String(" in ")) && summary.contains(QLatin1String("/s")), qPrintable(summary));
        QVERIFY(child<QLabel>(w, "etaLabel")->text().isEmpty());
        QCOMPARE(child<QLabel>(w, "stageLabel")->text(), QStringLiteral("Application"));
        QVERIFY(w.snapshot().info.applicationVersion.has_value());
        QCOMPARE(versionToString(*w.snapshot().info.applicationVersion), QStringLiteral("1.2.3"));
        QVERIFY(disconnectWindow(w));

        // The device itself, through piton-cli on the other link.
        e2e::CliRun info = e2e::cli({QStringLiteral("-c"), vb.serialUri(), QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.describe()));
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.2.3"));
        QCOMPARE(info.json.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QByteArray region = readRegion(vb.serialUri(), QStringLiteral("deployment"));
        QCOMPARE(sha(region.left(m_appData.size())), sha(m_appData));

        // Erase declined, then accepted; the question names region, range and size.
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        answer = false;
        questions.clear();
        QTest::mouseClick(child<QPushButton>(w, "eraseButton"), Qt::LeftButton);
        QCOMPARE(questions.size(), 1);
        const BoardRegion dep = piton::test::shippedRegion(QStringLiteral("stm32f4-ref"), QStringLiteral("deployment"));
        QVERIFY2(questions[0].contains(QLatin1String("deployment")) && questions[0].contains(piton::test::hex32(dep.address))
                     && questions[0].contains(piton::test::hex32(dep.address + dep.size - 1))
                     && questions[0].contains(formatSize(dep.size)),
                 qPrintable(questions[0]));
        QVERIFY(!w.isBusy());
        answer = true;
        QVERIFY(clickAndWait(w, "eraseButton"));
        QVERIFY(disconnectWindow(w));
        region = readRegion(vb.serialUri(), QStringLiteral("deployment"));
        QCOMPARE(region.size(), 768 * 1024);
        QCOMPARE(sha(region), sha(QByteArray(768 * 1024, char(0xFF))));
    }

    // A compressed package: the update dialog shows the image size the board programs and the
    // compressed size that goes over the line; accepted, the board holds the image.
    void deployDialogShowsImageAndCompressedSize()
    {
        QTemporaryDir dir;
        auto key = generateKey();
        QVERIFY(key.ok());
        const QString pub = dir.filePath(QStringLiteral("signing.pub.pem"));
        QVERIFY(key->publicKey().save(pub).ok());
        auto board = loadBoardProfile(QStringLiteral("stm32f4-ref"));
        QVERIFY(board.ok());
        QByteArray app(300 * 1024, 0);
        for (int i = 0; i < app.size(); ++i) // compressible, like code
            app[i] = char((i % 251) < 180 ? (i / 64) % 7 : i * 13);
        Image image;
        QVERIFY(image.addSegment(piton::test::deploymentAddress(), app).ok());
        PackageInput input;
        input.boardId = QStringLiteral("stm32f4-ref");
        input.version = packVersion(1, 4, 0);
        input.application = image;
        input.compression = Compression::Lz4;
        auto bytes = buildPackage(input, board.value(), key.value());
        QVERIFY2(bytes.ok(), bytes.ok() ? "" : qPrintable(bytes.error().message));
        const QString package = dir.filePath(QStringLiteral("compressed.ptpkg"));
        QVERIFY(e2e::writeFile(package, bytes.value()));
        auto parsed = Package::parse(bytes.value());
        QVERIFY(parsed.ok());
        const PayloadDescriptor payload = parsed->manifest.payloads.at(0);
        QCOMPARE(payload.imageSize, quint32(app.size()));
        QVERIFY(payload.size < payload.imageSize / 2);

        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), pub), qPrintable(vb.error()));
        MainWindow w;
        QStringList questions;
        bool answer = false;
        w.setConfirmFunction([&](const QString &title, const QString &text) {
            questions << title + QLatin1Char('\n') + text;
            return answer;
        });
        w.setFileChooser([&](FileRole role) { return role == FileRole::OpenPackage ? package : QString(); });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QTest::mouseClick(child<QPushButton>(w, "updateButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 1, 10000);
        const QString expected = QStringLiteral("%1 image, %2 compressed").arg(formatSize(app.size()), formatSize(payload.size));
        QVERIFY2(questions[0].contains(QStringLiteral("300 KiB image, ")) && questions[0].contains(expected), qPrintable(questions[0]));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 5000);
        answer = true;
        QVERIFY(clickAndWait(w, "updateButton"));
        QVERIFY(disconnectWindow(w));
        QCOMPARE(sha(readRegion(vb.serialUri(), QStringLiteral("deployment")).left(app.size())), sha(app));
    }

    // A package whose signer the board does not trust: the update is refused at once, naming
    // both fingerprints, and nothing reaches the board (its flash operation counts stay). An
    // older package without a signer in its header is refused the same way when the user gives
    // the signer's public key in the Actions box.
    void untrustedSignerRefusedBeforeSending()
    {
        QTemporaryDir dir;
        auto boardKey = generateKey();
        QVERIFY(boardKey.ok());
        const QString boardPub = dir.filePath(QStringLiteral("board-trusts.pub.pem"));
        QVERIFY(boardKey->publicKey().save(boardPub).ok());
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), boardPub, {QStringLiteral("--stats")}), qPrintable(vb.error()));

        // An old-style copy of the test package (header extension removed, header size 16).
        QByteArray bytes = e2e::readFile(m_package);
        const qsizetype h = quint8(bytes[6]) | quint8(bytes[7]) << 8;
        QVERIFY(h > 16);
        bytes.remove(16, h - 16);
        bytes[6] = 16;
        bytes[7] = 0;
        const QString oldStyle = dir.filePath(QStringLiteral("old-style.ptpkg"));
        QVERIFY(e2e::writeFile(oldStyle, bytes));

        MainWindow w;
        QStringList questions;
        w.setConfirmFunction([&](const QString &title, const QString &text) {
            questions << title + QLatin1Char('\n') + text;
            return true; // would send if asked to confirm: the refusal must come first
        });
        QString chosen = m_package;
        w.setFileChooser([&](FileRole role) { return role == FileRole::OpenPackage ? chosen : m_publicKey; });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        const QString ops = vb.flashOperations();
        QVERIFY(!ops.isEmpty());
        const QString signerFp = fingerprintHex(loadPublicKey(m_publicKey)->fingerprint());
        const QString boardFp = fingerprintHex(boardKey->publicKey().fingerprint());

        QTest::mouseClick(child<QPushButton>(w, "updateButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 1, 10000);
        QVERIFY2(questions[0].contains(QLatin1String("does not trust")) && questions[0].contains(signerFp)
                     && questions[0].contains(boardFp),
                 qPrintable(questions[0]));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 5000);
        QVERIFY2(w.lastError().contains(signerFp), qPrintable(w.lastError()));

        // The older package, with the signer's public key given in the Actions box.
        chosen = oldStyle;
        QTest::mouseClick(child<QToolButton>(w, "updateKeyEditBrowse"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(w, "updateKeyEdit")->text(), m_publicKey);
        questions.clear();
        QTest::mouseClick(child<QPushButton>(w, "updateButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 1, 10000);
        QVERIFY2(questions[0].contains(QLatin1String("does not trust")) && questions[0].contains(signerFp),
                 qPrintable(questions[0]));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 5000);
        QCOMPARE(vb.flashOperations(), ops); // nothing was erased or programmed
    }

    // Errors that are seen: a refused connection and a failed job in the red banner with the
    // whole message; the log follows new entries and colours levels; every operation goes to
    // the board's history on disk (who, what, when, result), which File > Export board history
    // saves; closing while an operation runs asks first.
    void errorsAreSeenAndKept()
    {
        MainWindow w;
        QStringList questions;
        bool answer = true;
        w.setConfirmFunction([&](const QString &title, const QString &text) {
            questions << title + QLatin1Char('\n') + text;
            return answer;
        });
        QTemporaryDir dir;
        const QString badBackup = dir.filePath(QStringLiteral("damaged.ptcfg"));
        QVERIFY(e2e::writeFile(badBackup, QByteArray("PTCF this is not a config backup")));
        const QString exported = dir.filePath(QStringLiteral("exported.jsonl"));
        w.setFileChooser([&](FileRole role) {
            return role == FileRole::OpenConfigBackup ? badBackup : role == FileRole::SaveHistory ? exported : QString();
        });
        w.resize(1280, 720);
        w.show();

        // The log: many entries, the view stays at the newest; levels coloured.
        LogConsole *log = w.logConsole();
        auto *view = child<QPlainTextEdit>(w, "logView");
        for (int i = 0; i < 300; ++i)
            w.appendLog(i % 3 ? LogLevel::Info : LogLevel::Warning, QStringLiteral("entry %1").arg(i));
        w.appendLog(LogLevel::Error, QStringLiteral("the newest entry"));
        QVERIFY(view->verticalScrollBar()->maximum() > 0);
        QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
        QVERIFY(log->isFollowing());
        const QTextBlock last = view->document()->lastBlock();
        QVERIFY(last.text().endsWith(QLatin1String("the newest entry")));
        QCOMPARE(last.begin().fragment().charFormat().foreground().color(), LogConsole::levelColour(LogLevel::Error));
        const QTextBlock warning = view->document()->findBlockByNumber(view->document()->blockCount() - 2 - 299 % 3);
        QVERIFY2(warning.text().contains(QLatin1String("WARN")), qPrintable(warning.text()));
        QCOMPARE(warning.begin().fragment().charFormat().foreground().color(), LogConsole::levelColour(LogLevel::Warning));
        // Scrolled up to read: new entries do not pull the view away; back at the end it follows.
        view->verticalScrollBar()->setValue(0);
        w.appendLog(LogLevel::Info, QStringLiteral("while reading"));
        QCOMPARE(view->verticalScrollBar()->value(), 0);
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
        w.appendLog(LogLevel::Info, QStringLiteral("following again"));
        QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());

        // A refused connection: the banner says so in full.
        auto *banner = child<ErrorBanner>(w, "errorBanner");
        QVERIFY(banner->isHidden());
        child<QComboBox>(w, "transport")->setCurrentIndex(1);
        QComboBox *box = child<QComboBox>(w, "networkEndpoint");
        box->lineEdit()->clear();
        QTest::keyClicks(box->lineEdit(), QStringLiteral("127.0.0.1:1"));
        QTest::keyClick(box->lineEdit(), Qt::Key_Return); // Enter connects
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
        QVERIFY2(banner->text().contains(QLatin1String("127.0.0.1:1")), qPrintable(banner->text()));
        QCOMPARE(child<QLabel>(w, "errorBannerText")->text(), w.lastError());

        // A board: one operation that works, one that fails; both in its history.
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QVERIFY(banner->isHidden()); // gone once connected
        const QByteArray uid = w.snapshot().info.uniqueId;
        QVERIFY(!uid.isEmpty());
        QFile::remove(w.history().fileFor(uid));
        QVERIFY(clickAndWait(w, "rebootButton"));
        QTRY_VERIFY_WITH_TIMEOUT(w.isConnected() && !w.isBusy(), 10000);
        QVERIFY(!clickAndWait(w, "restoreButton"));
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(w.lastError()) && !w.lastError().isEmpty(), qPrintable(banner->text()));
        const QList<QJsonObject> history = w.history().entries(uid);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[0].value(QStringLiteral("operation")).toString(), QStringLiteral("Reboot"));
        QCOMPARE(history[0].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
        QCOMPARE(history[1].value(QStringLiteral("result")).toString(), QStringLiteral("failed"));
        QCOMPARE(history[1].value(QStringLiteral("message")).toString(), w.lastError());
        for (const QJsonObject &e : history) {
            QCOMPARE(e.value(QStringLiteral("boardId")).toString(), QStringLiteral("stm32f4-ref"));
            QCOMPARE(e.value(QStringLiteral("uniqueId")).toString(), QString::fromLatin1(uid.toHex()));
            QVERIFY(!e.value(QStringLiteral("user")).toString().isEmpty());
            QVERIFY(QDateTime::fromString(e.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs).isValid());
            QCOMPARE(e.value(QStringLiteral("link")).toString(), vb.tcpUri());
        }
        w.windowMenu()->exportHistoryAction()->trigger();
        QCOMPARE(e2e::readFile(exported), e2e::readFile(w.history().fileFor(uid)));

        // Closing while an operation runs asks; No keeps the window and the operation.
        QSemaphore hold;
        QMetaObject::invokeMethod(w.worker(), [&hold] { hold.acquire(); }, Qt::QueuedConnection);
        QSignalSpy done(&w, &MainWindow::jobDone);
        QTest::mouseClick(child<QPushButton>(w, "rebootButton"), Qt::LeftButton);
        QVERIFY(w.isBusy());
        questions.clear();
        answer = false;
        QVERIFY(!w.close());
        QCOMPARE(questions.size(), 1);
        QVERIFY2(questions[0].contains(QLatin1String("still running")), qPrintable(questions[0]));
        QVERIFY(w.isVisible());
        hold.release();
        QVERIFY(waitForJob(w, done, "reboot"));
        // Idle: closing does not ask.
        questions.clear();
        QVERIFY(w.close());
        QVERIFY(questions.isEmpty());
    }

    // A window that fits: its minimum size fits a 1366x768 screen at 150 % scaling (911x512
    // logical pixels, less the panel and title bar); at 1280x720 the status bar and the newest
    // log line are on screen after an operation; the splitters keep their place across starts.
    void windowFitsSmallScreens()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        QSettings().remove(QStringLiteral("window"));
        {
            MainWindow w;
            const QSize min = w.minimumSizeHint().expandedTo(w.minimumSize());
            qInfo("minimum size %dx%d", min.width(), min.height());
            QVERIFY2(min.width() <= 900 && min.height() <= 460, qPrintable(QStringLiteral("%1x%2").arg(min.width()).arg(min.height())));
            w.resize(1280, 720);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QCOMPARE(w.size(), QSize(1280, 720));
            QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
            QVERIFY(clickAndWait(w, "rebootButton"));
            QTRY_VERIFY_WITH_TIMEOUT(w.isConnected() && !w.isBusy(), 10000);
            w.appendLog(LogLevel::Info, QStringLiteral("the last line"));
            QApplication::processEvents();
            // The status bar lies inside the window and says what happened.
            QStatusBar *status = w.statusBar();
            QVERIFY(status->isVisible());
            QVERIFY(w.rect().contains(QRect(status->mapTo(&w, QPoint(0, 0)), status->size())));
            QVERIFY2(!status->currentMessage().isEmpty(), "empty status bar");
            // The newest log line is in the visible part of the log view.
            auto *view = child<QPlainTextEdit>(w, "logView");
            QVERIFY(view->isVisible());
            QVERIFY(view->viewport()->height() >= 3 * view->fontMetrics().height());
            QTextCursor end(view->document());
            end.movePosition(QTextCursor::End);
            const QRect line = view->cursorRect(end);
            QVERIFY2(view->viewport()->rect().contains(line), qPrintable(QStringLiteral("last line at %1,%2 viewport %3x%4")
                         .arg(line.x()).arg(line.y()).arg(view->viewport()->width()).arg(view->viewport()->height())));
            QVERIFY(w.rect().contains(QRect(view->mapTo(&w, QPoint(0, 0)), view->size())));
            // Move the splitter; it is where it was at the next start.
            auto *split = w.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
            QVERIFY(split);
            split->setSizes({600, 680});
            QApplication::processEvents();
            m_splitterSizes = split->sizes();
            QVERIFY(w.close());
        }
        MainWindow again;
        again.resize(1280, 720);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), m_splitterSizes);
    }

    // German covers what core says through the window: the Recover page's diagnosis of a
    // factory-fresh board, a refused package's error (an untrusted signer), a job's title.
    void germanCoversCore()
    {
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(PITON_QM_DIR "/piton_de.qm")));
        QVERIFY(QCoreApplication::installTranslator(&german));
        auto boardKey = generateKey();
        QVERIFY(boardKey.ok());
        QTemporaryDir dir;
        const QString boardPub = dir.filePath(QStringLiteral("board.pub.pem"));
        QVERIFY(boardKey->publicKey().save(boardPub).ok());
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), boardPub), qPrintable(vb.error()));
        {
            MainWindow w;
            w.setConfirmFunction([](const QString &, const QString &) { return true; });
            w.setFileChooser([this](FileRole) { return m_package; }); // signed by a key the board does not trust
            w.show();
            QSignalSpy diagnosed(&w, &MainWindow::recoveryDiagnosisShown);
            QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
            QVERIFY(!diagnosed.isEmpty() || diagnosed.wait(10000)); // shown during the connect, or soon after
            const auto shown = [&w](const QString &words) {
                for (QLabel *l : w.findChildren<QLabel *>())
                    if (l->text().contains(words))
                        return true;
                return false;
            };
            QVERIFY2(shown(QStringLiteral("der Bootloader fand keine gültige Anwendung")), "diagnosis not in German");
            QTest::mouseClick(child<QPushButton>(w, "updateButton"), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(w.errorBanner()->isVisible(), 10000);
            QVERIFY2(w.errorBanner()->text().contains(QStringLiteral("Vertrauensprüfung fehlgeschlagen")), qPrintable(w.errorBanner()->text()));
            QVERIFY(clickAndWait(w, "rebootButton"));
            QVERIFY2(child<QLabel>(w, "phaseLabel")->text().contains(QLatin1String("Neustart")), qPrintable(child<QLabel>(w, "phaseLabel")->text()));
        }
        QCoreApplication::removeTranslator(&german);
    }

    // Over the pty: config backup, edit (with a refused value), restore; reboot to bootloader.
    void configAndRebootOverSerial()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));

        MainWindow w;
        const QString backup = path(QStringLiteral("config.ptcfg"));
        QFile::remove(backup);
        w.setConfirmFunction([](const QString &, const QString &) { return true; });
        w.setFileChooser([backup](FileRole role) {
            return role == FileRole::SaveConfigBackup || role == FileRole::OpenConfigBackup ? backup : QString();
        });
        w.show();
        QVERIFY(connectWindow(w, 0, vb.serialUri().mid(7)));
        const QString originalProduct = child<QLineEdit>(w, "usbProductEdit")->text();
        QCOMPARE(originalProduct.toUtf8(), w.snapshot().config.value(QStringLiteral("usb.product")));

        // Backup: the file is a valid blob equal to the device's config.
        QVERIFY(clickAndWait(w, "backupButton"));
        auto saved = ConfigBlob::load(backup);
        QVERIFY2(saved.ok(), qPrintable(saved.error().message));
        QCOMPARE(saved->entries, w.snapshot().config);

        // A bad address is refused by validation before anything is sent.
        auto *pages = child<QTabWidget>(w, "pages");
        pages->setCurrentIndex(1); // Configuration
        QCheckBox *dhcp = child<QCheckBox>(w, "dhcpCheck");
        dhcp->setChecked(false);
        QLineEdit *ip = child<QLineEdit>(w, "ipEdit");
        ip->clear();
        QTest::keyClicks(ip, QStringLiteral("300.1.2.3"));
        QSignalSpy jobs(&w, &MainWindow::jobDone);
        QTest::mouseClick(child<QPushButton>(w, "applyConfigButton"), Qt::LeftButton);
        QVERIFY(!child<QLabel>(w, "configError")->text().isEmpty());
        QVERIFY(child<QLabel>(w, "configError")->text().contains(QLatin1String("net.ip")));
        QVERIFY(!jobs.wait(300));

        // Valid values are written.
        ip->clear();
        QTest::keyClicks(ip, QStringLiteral("10.0.0.7"));
        child<QLineEdit>(w, "maskEdit")->setText(QStringLiteral("255.255.255.0"));
        child<QLineEdit>(w, "gatewayEdit")->setText(QStringLiteral("10.0.0.1"));
        QLineEdit *product = child<QLineEdit>(w, "usbProductEdit");
        product->clear();
        QTest::keyClicks(product, QStringLiteral("GUI test board"));
        QVERIFY(clickAndWait(w, "applyConfigButton"));
        QCOMPARE(w.snapshot().config.value(QStringLiteral("usb.product")), QByteArray("GUI test board"));
        QVERIFY(disconnectWindow(w));
        e2e::CliRun get = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("get")});
        QVERIFY2(get.exitCode == 0, qPrintable(get.describe()));
        QJsonObject cfg = get.json.value(QStringLiteral("config")).toObject();
        QCOMPARE(cfg.value(QStringLiteral("usb.product")).toString(), QStringLiteral("GUI test board"));
        QCOMPARE(cfg.value(QStringLiteral("net.ip")).toString(), QStringLiteral("10.0.0.7"));
        QCOMPARE(cfg.value(QStringLiteral("net.dhcp")).toString(), QStringLiteral("0"));

        // Restore brings the backed-up entries back, byte for byte.
        pages->setCurrentIndex(0); // Device
        QVERIFY(connectWindow(w, 0, vb.serialUri().mid(7)));
        QVERIFY(clickAndWait(w, "restoreButton"));
        QCOMPARE(w.snapshot().config, saved->entries);
        QCOMPARE(child<QLineEdit>(w, "usbProductEdit")->text(), originalProduct);
        QVERIFY(disconnectWindow(w));
        const QString after = path(QStringLiteral("after-restore.ptcfg"));
        e2e::CliRun backup2 = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("backup"),
                                        QStringLiteral("-o"), after});
        QVERIFY2(backup2.exitCode == 0, qPrintable(backup2.describe()));
        QCOMPARE(e2e::fileSha256(after), e2e::fileSha256(backup));

        // Reboot to bootloader: the window shows recovery mode, and the device says so too.
        QVERIFY(connectWindow(w, 0, vb.serialUri().mid(7)));
        QVERIFY(clickAndWait(w, "rebootBootloaderButton"));
        QCOMPARE(child<QLabel>(w, "stageLabel")->text(), QStringLiteral("Bootloader (recovery mode)"));
        QCOMPARE(w.snapshot().info.stage, int(PT_STAGE_BOOTLOADER));
        QVERIFY(disconnectWindow(w));
        e2e::CliRun ping = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("ping")});
        QVERIFY2(ping.exitCode == 0, qPrintable(ping.describe()));
        QCOMPARE(ping.json.value(QStringLiteral("stage")).toString(), QStringLiteral("bootloader"));
    }

    // A package dropped on the window is checked and shown for confirmation like Update…;
    // declining sends nothing.
    void dropPackage()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        MainWindow w;
        QStringList questions;
        w.setConfirmFunction([&questions](const QString &title, const QString &text) {
            questions << title + QLatin1Char('\n') + text;
            return false;
        });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_package)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 1, 10000);
        QVERIFY2(questions[0].contains(QFileInfo(m_package).fileName()) && questions[0].contains(QLatin1String("1.2.3")),
                 qPrintable(questions[0]));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 5000);
        QVERIFY(!w.snapshot().info.applicationVersion.has_value());
    }

    // The board goes away while connected: the next operation fails with a message and the
    // window shows it is no longer connected instead of a stale device state.
    void deviceGone()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        MainWindow w;
        const QString backup = path(QStringLiteral("gone.ptcfg"));
        w.setFileChooser([backup](FileRole) { return backup; });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        vb.stop();
        QVERIFY(!clickAndWait(w, "backupButton"));
        QVERIFY(!w.lastError().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isConnected(), 10000);
        QCOMPARE(child<QLabel>(w, "stageLabel")->text(), QStringLiteral("Not connected"));
        QVERIFY(child<QPushButton>(w, "connectButton")->isEnabled());
        QVERIFY(!QFile::exists(backup));
    }

    // Fewer round trips (issue 13): after a job the window is brought up to date from what the
    // worker read anyway: a config backup costs INFO and UPDATE_STATUS afterwards, not a second
    // full read (PING, INFO, REGIONS, the config, then PING, INFO, UPDATE_STATUS again). The
    // Recover page still shows a current diagnosis, and a config change still reaches the form.
    void fewerRoundTripsAfterAJob()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        MainWindow w;
        const QString backup = path(QStringLiteral("round-trips.ptcfg"));
        w.setFileChooser([backup](FileRole) { return backup; });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        const auto afterJob = [&w]() -> QList<int> {
            // "frames: J sent, J received; reading the new state: N sent, N received"
            const QStringList lines = w.logConsole()->allLines();
            for (qsizetype i = lines.size() - 1; i >= 0; --i) {
                const QRegularExpressionMatch m = QRegularExpression(QStringLiteral(
                    "frames: (\\d+) sent, (\\d+) received; reading the new state: (\\d+) sent, (\\d+) received")).match(lines[i]);
                if (m.hasMatch())
                    return {m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt()};
            }
            return {};
        };
        QSignalSpy diagnosed(&w, &MainWindow::recoveryDiagnosisShown);
        QVERIFY(clickAndWait(w, "backupButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!afterJob().isEmpty(), 5000);
        QList<int> f = afterJob();
        qInfo("config backup: job %d/%d frames, new state %d/%d frames", f[0], f[1], f[2], f[3]);
        QVERIFY(f[0] >= 1);         // the CONFIG_READ at least
        QCOMPARE(f[2], 2);          // INFO + UPDATE_STATUS
        QCOMPARE(f[3], 2);
        QTRY_VERIFY_WITH_TIMEOUT(diagnosed.size() >= 1, 5000);
        QVERIFY(QFile::exists(backup));

        // A config change: the config is read again (the form shows the board's new value).
        auto *pages = child<QTabWidget>(w, "pages");
        pages->setCurrentIndex(1);
        QLineEdit *product = child<QLineEdit>(w, "usbProductEdit");
        product->setText(QStringLiteral("Round Trips"));
        QVERIFY(clickAndWait(w, "applyConfigButton"));
        QTRY_VERIFY_WITH_TIMEOUT(afterJob() != f, 5000);
        f = afterJob();
        qInfo("config change: job %d/%d frames, new state %d/%d frames", f[0], f[1], f[2], f[3]);
        QVERIFY(f[2] > 2); // INFO, the config, UPDATE_STATUS
        QCOMPARE(w.snapshot().config.value(QStringLiteral("usb.product")), QByteArray("Round Trips"));
        const e2e::CliRun get = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("get"),
                                          QStringLiteral("usb.product")});
        QVERIFY2(get.exitCode == 0 && get.out.contains("Round Trips"), qPrintable(get.describe()));
    }

    // The bar that offers to resume names the operation that was interrupted, never one that
    // ran before it (a reboot that lost the board once offered to re-run a config backup).
    void resumeBarNamesTheInterruptedOperation()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        MainWindow w;
        const QString backup = path(QStringLiteral("before-reboot.ptcfg"));
        w.setFileChooser([backup](FileRole) { return backup; });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QVERIFY(clickAndWait(w, "backupButton"));
        vb.stop();
        QVERIFY(!clickAndWait(w, "rebootButton"));
        QTRY_VERIFY_WITH_TIMEOUT(child<QWidget>(w, "returnBar")->isVisible(), 15000);
        const QString text = child<QLabel>(w, "returnLabel")->text();
        QVERIFY2(text.contains(QStringLiteral("reboot")) && !text.contains(QStringLiteral("config backup")), qPrintable(text));
    }

    // A board that goes away while the window sits idle: within the liveness interval the
    // window says the connection is lost, without any click.
    void idleLinkLossIsNoticed()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        qputenv("PITON_TEST_LIVENESS_MS", "300"); // the 3 s of a real window, shortened for the test
        const auto restore = qScopeGuard([] { qunsetenv("PITON_TEST_LIVENESS_MS"); });
        QCOMPARE(DeviceWorker::livenessIntervalMs(), 300);
        MainWindow w;
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QTest::qWait(3 * DeviceWorker::livenessIntervalMs()); // a live board stays connected (PINGs answered)
        QVERIFY(w.isConnected());
        vb.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isConnected(), DeviceWorker::livenessIntervalMs() + 3000);
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("Connection lost")), qPrintable(w.statusBar()->currentMessage()));
        QCOMPARE(child<QLabel>(w, "stageLabel")->text(), QStringLiteral("Not connected"));
    }

    // Cancel pressed while the deploy waits its turn on the worker thread (held busy by the test,
    // as a slow link would): the job starts cancelled, ends as cancelled, the device still has no
    // application, and the window stays usable.
    void cancelDeploy()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        MainWindow w;
        QSemaphore hold;
        w.setConfirmFunction([&w, &hold](const QString &, const QString &) {
            QMetaObject::invokeMethod(w.worker(), [&hold] { hold.acquire(); }, Qt::QueuedConnection);
            QTimer::singleShot(0, &w, [&w, &hold] {
                QPushButton *c = w.findChild<QPushButton *>(QStringLiteral("cancelButton"));
                if (c && c->isEnabled())
                    QTest::mouseClick(c, Qt::LeftButton);
                hold.release();
            });
            return true;
        });
        w.setFileChooser([this](FileRole) { return m_package; });
        w.show();
        QVERIFY(connectWindow(w, 0, vb.serialUri().mid(7)));
        QVERIFY2(!clickAndWait(w, "updateButton"),
                 qPrintable(QStringLiteral("deploy was not cancelled; log:\n") + child<QPlainTextEdit>(w, "logView")->toPlainText()));
        QVERIFY2(w.lastError().contains(QLatin1String("cancel"), Qt::CaseInsensitive), qPrintable(w.lastError()));
        QVERIFY(child<QPushButton>(w, "updateButton")->isEnabled());
        // Reported as cancelled, not failed, and no stale rate or time left.
        QVERIFY2(child<QLabel>(w, "phaseLabel")->text().startsWith(QLatin1String("Cancelled")), qPrintable(child<QLabel>(w, "phaseLabel")->text()));
        QVERIFY(child<QLabel>(w, "etaLabel")->text().isEmpty());
        QVERIFY(child<QLabel>(w, "rateLabel")->text().isEmpty());
        QVERIFY(!w.snapshot().info.applicationVersion.has_value());
        QVERIFY(disconnectWindow(w));
        e2e::CliRun info = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.describe()));
        QVERIFY(info.json.value(QStringLiteral("applicationVersion")).isNull());
    }
};

QTEST_MAIN(GuiTest)
#include "tst_gui.moc"
