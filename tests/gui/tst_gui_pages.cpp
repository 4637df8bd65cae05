// GUI tests of the pages and helpers beyond the basic operations: the guided Recover page, the
// Keys and packages page, the log console (filter, copy, save), the region highlight before an
// operation, the serial port watch, and resuming an update after the device vanished. Each
// drives the window as a user would against a real piton-vboard and checks the device (or the
// files written) independently through piton-cli.
#include "gui_helpers.h"

#include "board/board_profile.h"
#include "test_boards.h"
#include "image/image.h"
#include "image/image_file.h"
#include "log_console.h"
#include "package/keys.h"
#include "package/package.h"
#include "package/package_tools.h"
#include "package/bundle.h"
#include "package_tools_page.h"
#include "credential_prompt.h"
#include "recover_page.h"
#include "region_map.h"
#include "version.h"

#include <QApplication>
#include <QScopeGuard>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QToolButton>
#include <QJsonArray>
#include <QJsonObject>

using namespace piton;
using namespace piton::gui;
using namespace piton::guitest;

class GuiPagesTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_publicKey, m_privateKey, m_package;
    QByteArray m_appData; // placed at the start of "deployment"

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /** A window that answers every question with yes and picks files by role. */
    void prepare(MainWindow &w, QStringList *questions, QMap<FileRole, QString> files)
    {
        w.setConfirmFunction([questions](const QString &title, const QString &text) {
            if (questions)
                *questions << title + QLatin1Char('\n') + text;
            return true;
        });
        w.setFileChooser([files](FileRole role) { return files.value(role); });
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        TestPackage made;
        const QString problem = makeTestPackage(m_dir.path(), 200 * 1024, 20261122, packVersion(2, 0, 1), &made);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_publicKey = made.publicKey;
        m_privateKey = made.privateKey;
        m_package = made.package;
        m_appData = made.appData;
    }

    /** A factory bundle for stm32f4-ref in `dir` (a 4 KB stand-in bootloader, the test package,
     *  the test key trusted): `request` says what went in. False (with a test failure) if the
     *  bundle could not be made. */
    bool makeLadderBundle(const QTemporaryDir &dir, BundleRequest &request)
    {
        QByteArray boot(4096, Qt::Uninitialized);
        for (int i = 0; i < boot.size(); ++i)
            boot[i] = char((i * 131 + 17) & 0xFF);
        const QByteArray header("PITON-BOOTLOADER 1.0.0", 23); // with its NUL
        boot.replace(0, header.size(), header);
        const QString bootPath = dir.filePath(QStringLiteral("bootloader.bin"));
        if (!e2e::writeFile(bootPath, boot)) {
            QTest::qFail("cannot write the bootloader", __FILE__, __LINE__);
            return false;
        }
        request.boardId = QStringLiteral("stm32f4-ref");
        request.bootloaderPath = bootPath;
        request.bootloaderBase = 0x08000000;
        request.packagePath = m_package;
        request.trustKeyPaths = {m_publicKey};
        request.keyPath = m_privateKey;
        request.outputPath = dir.filePath(QStringLiteral("factory.ptfb"));
        auto created = createBundleFile(request);
        if (!created) {
            QTest::qFail(qPrintable(created.error().message), __FILE__, __LINE__);
            return false;
        }
        return true;
    }

    // The recovery ladder on the Recover page: on a blank chip only the ROM bootloader answers;
    // the page names that rung, asks for a factory bundle, shows the plan, and brings the board
    // up through the ROM (bootloader, keys, application). Checked on the board with piton-cli.
    void recoverPageLadderBringsUpBlankChip()
    {
        QTemporaryDir dir;
        BundleRequest request;
        QVERIFY(makeLadderBundle(dir, request));

        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), QString(), {QStringLiteral("--blank")}), qPrintable(vb.error()));
        MainWindow w;
        QStringList questions;
        prepare(w, &questions, {{FileRole::OpenBundle, request.outputPath}});
        w.show();
        auto *page = child<RecoverPage>(w, "recoverPage");
        QVERIFY(w.showPage(QStringLiteral("recover"))); // pages sit in scroll areas
        auto *status = child<QLabel>(w, "ladderStatus");
        QVERIFY(!child<QPushButton>(w, "ladderProbeButton")->isEnabled()); // no link yet
        // The user tries to connect as usual; nothing Piton answers, and the ladder takes the link.
        child<QComboBox>(w, "transport")->setCurrentIndex(0);
        QComboBox *port = child<QComboBox>(w, "serialPort");
        port->lineEdit()->clear();
        QTest::keyClicks(port->lineEdit(), vb.serialUri().mid(7));
        QSignalSpy failed(&w, &MainWindow::connectFailed);
        QTest::mouseClick(child<QPushButton>(w, "connectButton"), Qt::LeftButton);
        QVERIFY(failed.wait(20000));
        QCOMPARE(child<QLineEdit>(w, "ladderLink")->text(), vb.serialUri());
        QSignalSpy probed(page, &RecoverPage::ladderProbed);
        QTest::mouseClick(child<QPushButton>(w, "ladderProbeButton"), Qt::LeftButton);
        QVERIFY(probed.wait(20000));
        QVERIFY2(probed.first().at(0).toBool(), qPrintable(status->text()));
        QCOMPARE(page->ladderRung(), RecoveryRung::Rom);
        QVERIFY2(status->text().contains(QLatin1String("ROM bootloader answers")) && status->text().contains(QLatin1String("bundle is needed")),
                 qPrintable(status->text()));
        QVERIFY(!child<QPushButton>(w, "ladderRecoverButton")->isEnabled());

        QTest::mouseClick(child<QToolButton>(w, "ladderBundleBrowse"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(w, "ladderBundle")->text(), request.outputPath);
        probed.clear();
        QTest::mouseClick(child<QPushButton>(w, "ladderProbeButton"), Qt::LeftButton);
        QVERIFY(probed.wait(20000));
        QVERIFY2(status->text().contains(QLatin1String("erase flash sector(s) 0,1")), qPrintable(status->text()));
        QVERIFY(child<QPushButton>(w, "ladderRecoverButton")->isEnabled());
        // The plan shown is the plan run: the new unique id it shows is the one the board gets.
        const QRegularExpressionMatch shownId = QRegularExpression(QStringLiteral("unique id new \\(([0-9a-f]+)\\)")).match(status->text());
        QVERIFY2(shownId.hasMatch(), qPrintable(status->text()));

        QSignalSpy finished(page, &RecoverPage::ladderFinished);
        QTest::mouseClick(child<QPushButton>(w, "ladderRecoverButton"), Qt::LeftButton);
        QVERIFY(finished.wait(90000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(questions.size(), 1);
        QVERIFY2(questions[0].contains(QLatin1String("ROM")) && questions[0].contains(QLatin1String("0x08000000")), qPrintable(questions[0]));
        QVERIFY2(status->text().contains(QLatin1String("Recovered through the ROM")), qPrintable(status->text()));

        e2e::CliRun info = e2e::cli({QStringLiteral("-c"), vb.serialUri(), QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.describe()));
        QCOMPARE(info.json.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.1"));
        QCOMPARE(info.json.value(QStringLiteral("trustedKeys")).toArray().size(), 1);
        QCOMPARE(info.json.value(QStringLiteral("uniqueId")).toString(), shownId.captured(1));
        const QByteArray region = readRegion(m_dir.path(), vb.serialUri(), QStringLiteral("deployment"));
        QCOMPARE(sha(region.left(m_appData.size())), sha(m_appData));
    }

    // The plan shown is the plan run, in the GUI too: the page shows the key area's SHA-256 as
    // the probe read it; when the chip's key area reads otherwise at Recover (piton-vboard
    // --rom-fault read-change-after:64: every READ after the probe's 64 answered with a byte
    // changed), Recover is refused before any erase and the flash file is unchanged.
    void recoverPageLadderRefusesChangedKeyArea()
    {
        QTemporaryDir dir;
        BundleRequest request;
        QVERIFY(makeLadderBundle(dir, request));
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), QString(),
                          {QStringLiteral("--blank"), QStringLiteral("--rom-fault"), QStringLiteral("read-change-after:64")}),
                 qPrintable(vb.error()));
        const QString flashBefore = sha(e2e::readFile(vb.flashPath()));
        const QString board = QStringLiteral("stm32f4-ref"); // key area: the bootloader region's last 16 KiB sector
        const qint64 keyArea = e2e::flashFileOffset(board, piton::test::regionAddress(board, QStringLiteral("bootloader")) +
                                                               piton::test::regionSize(board, QStringLiteral("bootloader")) - 0x4000);
        MainWindow w;
        QStringList questions;
        prepare(w, &questions, {{FileRole::OpenBundle, request.outputPath}});
        w.show();
        auto *page = child<RecoverPage>(w, "recoverPage");
        QVERIFY(w.showPage(QStringLiteral("recover")));
        auto *status = child<QLabel>(w, "ladderStatus");
        QTest::keyClicks(child<QLineEdit>(w, "ladderLink"), vb.serialUri());
        QTest::mouseClick(child<QToolButton>(w, "ladderBundleBrowse"), Qt::LeftButton);
        QSignalSpy probed(page, &RecoverPage::ladderProbed);
        QTest::mouseClick(child<QPushButton>(w, "ladderProbeButton"), Qt::LeftButton);
        QVERIFY(probed.wait(20000));
        QCOMPARE(page->ladderRung(), RecoveryRung::Rom);
        const QRegularExpressionMatch shown =
            QRegularExpression(QStringLiteral("key area was read once: 16384 bytes, SHA-256 ([0-9a-f]{64})")).match(status->text());
        QVERIFY2(shown.hasMatch(), qPrintable(status->text()));
        QCOMPARE(shown.captured(1), sha(e2e::readFile(vb.flashPath()).mid(keyArea, 0x4000)));

        QSignalSpy finished(page, &RecoverPage::ladderFinished);
        QTest::mouseClick(child<QPushButton>(w, "ladderRecoverButton"), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY(!finished.first().at(0).toBool());
        const QString refusal = finished.first().at(1).toString();
        QVERIFY2(refusal.contains(QLatin1String("changed since the plan was shown")) && refusal.contains(shown.captured(1)),
                 qPrintable(refusal));
        QVERIFY2(status->text().contains(QLatin1String("changed since the plan was shown")), qPrintable(status->text()));
        vb.stop();
        QCOMPARE(sha(e2e::readFile(vb.flashPath())), flashBefore);
    }

    // Recover page on a factory-fresh board (recovery mode): it says what is wrong, asks for a
    // package, the recovery through it brings the application up, and the page then says all
    // is well. Recover is refused (button disabled) until the package is chosen.
    void recoverPageDeploysToRecoveryMode()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        MainWindow w;
        QStringList questions;
        prepare(w, &questions, {{FileRole::OpenPackage, m_package}});
        w.show();
        auto *page = child<RecoverPage>(w, "recoverPage");
        QVERIFY(w.showPage(QStringLiteral("recover"))); // pages sit in scroll areas
        QCOMPARE(child<QLabel>(w, "recoverHeadline")->text(), QStringLiteral("No device connected"));
        QSignalSpy diagnosed(&w, &MainWindow::recoveryDiagnosisShown);
        QVERIFY(connectWindow(w, 0, vb.serialUri().mid(7)));
        QVERIFY(!diagnosed.isEmpty() || diagnosed.wait(10000));
        QVERIFY(page->diagnosis().has(RecoveryState::ApplicationMissing));
        QVERIFY2(child<QLabel>(w, "recoverHeadline")->text().contains(QLatin1String("application missing")),
                 qPrintable(child<QLabel>(w, "recoverHeadline")->text()));
        QVERIFY(!child<QPushButton>(w, "recoverButton")->isEnabled()); // no package chosen yet
        QVERIFY(!child<QLabel>(w, "recoverMissing")->text().isEmpty());
        QTest::mouseClick(child<QToolButton>(w, "recoverPackageBrowse"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(w, "recoverPackage")->text(), m_package);
        diagnosed.clear();
        QVERIFY(clickAndWait(w, "recoverButton"));
        QCOMPARE(questions.size(), 1);
        QVERIFY2(questions[0].contains(QLatin1String("deploy")) && questions[0].contains(QLatin1String("deployment")), qPrintable(questions[0]));
        QVERIFY(!diagnosed.isEmpty() || diagnosed.wait(10000));
        QVERIFY(page->diagnosis().healthy());
        QCOMPARE(child<QLabel>(w, "recoverHeadline")->text(), QStringLiteral("Nothing needs recovering"));
        QVERIFY(!child<QPushButton>(w, "recoverButton")->isEnabled());
        QVERIFY(disconnectWindow(w));

        e2e::CliRun info = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.describe()));
        QCOMPARE(info.json.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.1"));
        const QByteArray region = readRegion(m_dir.path(), vb.tcpUri(), QStringLiteral("deployment"));
        QCOMPARE(sha(region.left(m_appData.size())), sha(m_appData));
    }

    // A locked board that trusts an access key, in recovery mode, over TCP: with the window's
    // credential (the setting access/credential) the connection is a technician session, which
    // survives the page's diagnosis and the window's liveness PINGs (sealed), and the recovery
    // through the page brings the application up (docs/security.md, row "recovery").
    void recoverPageWithCredentialOnLockedBoard()
    {
        QTemporaryDir dir;
        const QString access = dir.filePath(QStringLiteral("access.pem")), accessPub = dir.filePath(QStringLiteral("access.pub.pem"));
        const QString credential = dir.filePath(QStringLiteral("tech.ptcred"));
        e2e::CliRun made = e2e::cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("-o"), access,
                                     QStringLiteral("--public"), accessPub});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        made = e2e::cli({QStringLiteral("access"), QStringLiteral("issue"), QStringLiteral("--key"), access, QStringLiteral("--role"),
                         QStringLiteral("technician"), QStringLiteral("--for"), QStringLiteral("ALL"), QStringLiteral("-o"), credential});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey,
                          {QStringLiteral("--trust-access-key"), accessPub, QStringLiteral("--locked")}),
                 qPrintable(vb.error()));
        QSettings().setValue(QStringLiteral("access/credential"), credential);
        MainWindow w;
        QStringList questions;
        prepare(w, &questions, {{FileRole::OpenPackage, m_package}});
        w.show();
        auto *page = child<RecoverPage>(w, "recoverPage");
        QVERIFY(w.showPage(QStringLiteral("recover")));
        QSignalSpy diagnosed(&w, &MainWindow::recoveryDiagnosisShown);
        const bool connected = connectWindow(w, 1, vb.tcpUri().mid(4));
        QSettings().remove(QStringLiteral("access/credential"));
        QVERIFY(connected);
        QVERIFY(!diagnosed.isEmpty() || diagnosed.wait(10000));
        QVERIFY(page->diagnosis().has(RecoveryState::ApplicationMissing));
        QTest::qWait(4000); // a liveness PING (every 3 s) passes in the session
        QTest::mouseClick(child<QToolButton>(w, "recoverPackageBrowse"), Qt::LeftButton);
        diagnosed.clear();
        QVERIFY(clickAndWait(w, "recoverButton"));
        QVERIFY(!diagnosed.isEmpty() || diagnosed.wait(10000));
        QVERIFY2(page->diagnosis().healthy(), qPrintable(page->diagnosis().summary()));
        QVERIFY(disconnectWindow(w));

        e2e::CliRun info = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.describe()));
        QCOMPARE(info.json.value(QStringLiteral("locked")).toBool(), true);
        QCOMPARE(info.json.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.1"));
        QCOMPARE(info.json.value(QStringLiteral("imageState")).toString(), QStringLiteral("confirmed"));
    }

    // A locked board over TCP and no credential anywhere (no setting, no $PITON_CREDENTIAL): the
    // window's credential prompt opens without blocking (the test goes on while it is open). On
    // connecting it offers a credential (Escape closes it); Erase is refused by the board's
    // policy and the prompt says so in words while the job waits. Cancel ends the job with a
    // clear error and the board unchanged (SHA-256 of deployment and config); choosing the
    // development technician credential lets the same erase complete (the board's deployment
    // region is erased, its config unchanged; read back with piton-cli).
    void credentialPromptOnLockedBoard()
    {
        const QByteArray factory = qgetenv("PITON_CREDENTIAL"); // ctest: resources/dev-access/dev-factory.ptcred
        QVERIFY2(!factory.isEmpty(), "run under ctest: $PITON_CREDENTIAL names the development credential");
        const QString devAccessKey = QFileInfo(QString::fromLocal8Bit(factory)).dir().filePath(QStringLiteral("dev-access.pem"));
        QTemporaryDir dir;
        const QString tech = dir.filePath(QStringLiteral("dev-technician.ptcred"));
        e2e::CliRun made = e2e::cli({QStringLiteral("access"), QStringLiteral("issue"), QStringLiteral("--key"), devAccessKey,
                                     QStringLiteral("--role"), QStringLiteral("technician"), QStringLiteral("--for"), QStringLiteral("ALL"),
                                     QStringLiteral("-o"), tech});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey, {QStringLiteral("--locked")}), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        // The board holds an application (deployed with the development credential of the environment).
        made = e2e::cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), m_package});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        // The independent check reads with the factory credential given on purpose.
        const QString factoryPath = QString::fromLocal8Bit(factory);
        auto regionSha = [&](const QString &region) {
            const QString file = dir.filePath(QStringLiteral("read-") + region + QStringLiteral(".bin"));
            QFile::remove(file);
            const e2e::CliRun r = e2e::cli({QStringLiteral("--credential"), factoryPath, QStringLiteral("-c"), uri, QStringLiteral("read"),
                                            region, QStringLiteral("-o"), file});
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.describe()));
            return r.exitCode == 0 ? sha(e2e::readFile(file)) : QString();
        };
        const QString deploymentBefore = regionSha(QStringLiteral("deployment")), configBefore = regionSha(QStringLiteral("config"));
        QVERIFY(!deploymentBefore.isEmpty() && !configBefore.isEmpty());

        QSettings().remove(QStringLiteral("access/credential"));
        qunsetenv("PITON_CREDENTIAL");
        const auto restore = qScopeGuard([factory] {
            qputenv("PITON_CREDENTIAL", factory);
            QSettings().remove(QStringLiteral("access/credential"));
        });
        MainWindow w;
        QStringList questions;
        prepare(w, &questions, {{FileRole::OpenCredential, tech}});
        w.show();
        QSignalSpy prompted(&w, &MainWindow::credentialPromptShown);
        QVERIFY(connectWindow(w, 1, uri.mid(4)));
        QVERIFY(!prompted.isEmpty() || prompted.wait(5000));
        QPointer<CredentialPrompt> prompt = w.credentialPrompt();
        QVERIFY(prompt && prompt->isVisible());
        QVERIFY2(prompt->text().contains(QStringLiteral("enforces an access policy")), qPrintable(prompt->text()));
        QTest::keyClick(prompt, Qt::Key_Escape); // not now
        QTRY_VERIFY(!prompt);

        // Erase: the board refuses it without a session; the job waits for the prompt's answer.
        for (const bool choose : {false, true}) {
            prompted.clear();
            QSignalSpy done(&w, &MainWindow::jobDone);
            QTest::mouseClick(child<QPushButton>(w, "eraseButton"), Qt::LeftButton);
            QVERIFY(prompted.wait(10000));
            prompt = w.credentialPrompt();
            QVERIFY(prompt && prompt->isVisible());
            QVERIFY2(prompt->text().startsWith(QStringLiteral("Erase deployment: the board refuses it without a credential")) &&
                         prompt->text().contains(QStringLiteral("need a technician session on a locked board over TCP")),
                     qPrintable(prompt->text()));
            QVERIFY(w.isBusy() && done.isEmpty()); // the job waits; the window goes on
            QCOMPARE(QApplication::focusWidget(), child<QPushButton>(*prompt, "chooseCredentialButton"));
            if (!choose) {
                QTest::mouseClick(child<QPushButton>(*prompt, "cancelCredentialButton"), Qt::LeftButton);
                QVERIFY(!waitForJob(w, done, "erase without a credential"));
                QVERIFY2(w.lastError().contains(QStringLiteral("no credential was given, nothing was changed")), qPrintable(w.lastError()));
                QVERIFY(w.isConnected());
                QCOMPARE(regionSha(QStringLiteral("deployment")), deploymentBefore);
                QCOMPARE(regionSha(QStringLiteral("config")), configBefore);
                continue;
            }
            QTest::keyClick(prompt, Qt::Key_Return); // "Choose credential file…" (the default button)
            QVERIFY(waitForJob(w, done, "erase with the technician credential"));
            QTRY_VERIFY(!prompt);
        }
        QVERIFY(disconnectWindow(w));
        const QString deploymentAfter = regionSha(QStringLiteral("deployment"));
        QVERIFY(deploymentAfter != deploymentBefore);
        const auto profile = loadBoardProfile(QStringLiteral("stm32f4-ref"));
        QVERIFY(profile);
        QCOMPARE(deploymentAfter, sha(QByteArray(qsizetype(profile->region(QStringLiteral("deployment"))->size), char(0xFF))));
        QCOMPARE(regionSha(QStringLiteral("config")), configBefore);
    }

    // Config corrupt (bits flipped in the config region at power-on): the page asks for a
    // backup, the recovery restores it byte for byte.
    void recoverPageRestoresCorruptConfig()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        QCOMPARE(e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.site=north")}).exitCode, 0);
        const QString backup = dir.filePath(QStringLiteral("site.ptcfg"));
        QCOMPARE(e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), backup}).exitCode, 0);
        QVERIFY2(vb.restart({QStringLiteral("--flip-bits"), QStringLiteral("config:16")}), qPrintable(vb.error()));

        MainWindow w;
        QStringList questions;
        prepare(w, &questions, {{FileRole::OpenConfigBackup, backup}, {FileRole::OpenPackage, m_package}});
        w.show();
        auto *page = child<RecoverPage>(w, "recoverPage");
        QVERIFY(w.showPage(QStringLiteral("recover"))); // pages sit in scroll areas
        QSignalSpy diagnosed(&w, &MainWindow::recoveryDiagnosisShown);
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QVERIFY(!diagnosed.isEmpty() || diagnosed.wait(10000));
        // A factory board: no application either. Both inputs are asked for, one at a time.
        QVERIFY(page->diagnosis().has(RecoveryState::ConfigCorrupt));
        QVERIFY(page->diagnosis().has(RecoveryState::ApplicationMissing));
        QVERIFY(!child<QPushButton>(w, "recoverButton")->isEnabled());
        QTest::mouseClick(child<QToolButton>(w, "recoverConfigBackupBrowse"), Qt::LeftButton);
        QVERIFY(!child<QPushButton>(w, "recoverButton")->isEnabled());
        QVERIFY2(child<QLabel>(w, "recoverMissing")->text().contains(QLatin1String("package")), qPrintable(child<QLabel>(w, "recoverMissing")->text()));
        QTest::mouseClick(child<QToolButton>(w, "recoverPackageBrowse"), Qt::LeftButton);
        QVERIFY(child<QPushButton>(w, "recoverButton")->isEnabled());
        diagnosed.clear();
        QVERIFY(clickAndWait(w, "recoverButton"));
        QVERIFY2(questions.value(0).contains(QLatin1String("restore the config")), qPrintable(questions.value(0)));
        QVERIFY(!diagnosed.isEmpty() || diagnosed.wait(10000));
        QVERIFY(page->diagnosis().healthy());
        QVERIFY(disconnectWindow(w));
        const e2e::CliRun get = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("user.site")});
        QVERIFY2(get.exitCode == 0, qPrintable(get.describe()));
        QCOMPARE(get.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("user.site")).toString(), QStringLiteral("north"));
    }

    // Before an operation starts, the map marks exactly the regions it will write; the
    // marks go when it ends or is declined.
    void regionsHighlightedBeforeOperations()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        MainWindow w;
        QList<QStringList> marked;
        bool answer = true;
        auto *map = child<RegionMap>(w, "regionMap");
        w.setConfirmFunction([&](const QString &, const QString &) {
            marked << map->highlighted();
            return answer;
        });
        const QString backup = path(QStringLiteral("highlight.ptcfg"));
        w.setFileChooser([&](FileRole role) {
            return role == FileRole::OpenPackage ? m_package : backup;
        });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QVERIFY(map->highlighted().isEmpty());

        QVERIFY(clickAndWait(w, "updateButton"));
        QCOMPARE(marked.size(), 1);
        QStringList update = marked[0];
        update.sort();
        // Payload region, staging, the install records and (boards that keep one) the backup slot.
        QStringList expected{QStringLiteral("bootstate"), QStringLiteral("deployment"), QStringLiteral("update")};
        for (const Region &r : w.snapshot().regions)
            if (r.name == QLatin1String("backup"))
                expected << r.name;
        expected.sort();
        QCOMPARE(update, expected);
        QVERIFY(map->highlighted().isEmpty());

        answer = false;
        QTest::mouseClick(child<QPushButton>(w, "eraseButton"), Qt::LeftButton);
        QCOMPARE(marked.size(), 2);
        QCOMPARE(marked[1], QStringList{QStringLiteral("deployment")});
        QVERIFY(map->highlighted().isEmpty()); // declined: marks gone, nothing erased

        QVERIFY(clickAndWait(w, "backupButton"));
        answer = true;
        QVERIFY(clickAndWait(w, "restoreButton"));
        QCOMPARE(marked.size(), 3);
        QCOMPARE(marked[2], QStringList{QStringLiteral("config")});
        QVERIFY(disconnectWindow(w));
        e2e::CliRun info = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("info")});
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.1")); // erase declined
    }

    // Keys and packages: generate a key pair, build a package from the corpus image, inspect it
    // (signature checked with the new public key); bad input names the problem and writes nothing.
    // piton-cli is the independent judge of the file written.
    void keysAndPackagesPage()
    {
        QTemporaryDir dir;
        const QString app = dir.filePath(QStringLiteral("app.hex"));
        // The corpus image relocated into stm32f4-ref's deployment region, as scripts/demo does.
        const QString problem = e2e::relocateCorpusApp(piton::test::deploymentAddress(), app);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString privateKey = dir.filePath(QStringLiteral("tools-key.pem"));
        const QString output = dir.filePath(QStringLiteral("tools.ptpkg"));
        MainWindow w;
        QMap<FileRole, QString> files{{FileRole::SavePrivateKey, privateKey}, {FileRole::SavePackage, output},
                                      {FileRole::OpenPackage, output}};
        w.setFileChooser([&files](FileRole role) { return files.value(role); });
        w.show();
        auto *page = w.findChild<PackageToolsPage *>(QStringLiteral("toolsPage"));
        QVERIFY(page);
        QVERIFY(w.showPage(QStringLiteral("tools"))); // pages sit in scroll areas
        QSignalSpy finished(page, &PackageToolsPage::toolFinished);

        QTest::mouseClick(child<QPushButton>(w, "generateKeyButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.takeFirst().at(0).toBool());
        QVERIFY(QFile::exists(privateKey));
        const QString publicKey = dir.filePath(QStringLiteral("tools-key.pub.pem"));
        QVERIFY(QFile::exists(publicKey));
        QCOMPARE(QFile(privateKey).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        auto pub = loadPublicKey(publicKey);
        QVERIFY(pub.ok());
        QVERIFY2(page->resultText().contains(fingerprintHex(pub->fingerprint())), qPrintable(page->resultText()));
        // A second generation into the same file is refused: a key is never overwritten.
        const QByteArray keyBefore = e2e::readFile(privateKey);
        QTest::mouseClick(child<QPushButton>(w, "generateKeyButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(!finished.takeFirst().at(0).toBool());
        QVERIFY2(page->resultText().contains(QLatin1String("refusing to overwrite")), qPrintable(page->resultText()));
        QCOMPARE(e2e::readFile(privateKey), keyBefore);

        // Bad version: named, nothing written.
        child<QComboBox>(w, "toolsBoard")->setCurrentText(QStringLiteral("stm32f4-ref"));
        child<QLineEdit>(w, "toolsVersion")->setText(QStringLiteral("one.two"));
        child<QLineEdit>(w, "toolsApplication")->setText(app);
        QCOMPARE(child<QLineEdit>(w, "toolsKey")->text(), privateKey); // filled in after generating
        QTest::mouseClick(child<QPushButton>(w, "buildPackageButton"), Qt::LeftButton);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.takeFirst().at(0).toBool());
        QVERIFY2(page->resultText().contains(QLatin1String("one.two")), qPrintable(page->resultText()));
        QVERIFY(!QFile::exists(output));

        child<QLineEdit>(w, "toolsVersion")->setText(QStringLiteral("1.1.1"));
        child<QSpinBox>(w, "toolsCounter")->setValue(3);
        // Compression: the default compresses where it pays; "LZ4 always" is what we ask here.
        auto *compression = child<QComboBox>(w, "toolsCompression");
        QCOMPARE(Compression(compression->currentData().toInt()), Compression::Auto);
        compression->setCurrentIndex(compression->findData(int(Compression::Lz4)));
        QTest::mouseClick(child<QPushButton>(w, "buildPackageButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(page->resultText()));
        QVERIFY(QFile::exists(output));

        // piton-cli judges the file: signature valid under the new key, manifest as asked.
        e2e::CliRun inspect = e2e::cli({QStringLiteral("package"), QStringLiteral("inspect"), output, QStringLiteral("--key"), publicKey});
        QVERIFY2(inspect.exitCode == 0, qPrintable(inspect.describe()));
        QCOMPARE(inspect.json.value(QStringLiteral("signature")).toString(), fingerprintHex(pub->fingerprint()));
        QCOMPARE(inspect.json.value(QStringLiteral("version")).toString(), QStringLiteral("1.1.1"));
        QCOMPARE(inspect.json.value(QStringLiteral("securityCounter")).toInt(), 3);
        QCOMPARE(inspect.json.value(QStringLiteral("board")).toString(), QStringLiteral("stm32f4-ref"));
        QCOMPARE(inspect.json.value(QStringLiteral("payloads")).toArray().at(0).toObject().value(QStringLiteral("encoding")).toString(),
                 QStringLiteral("lz4"));
        QCOMPARE(inspect.json.value(QStringLiteral("manifestFormat")).toInt(), 2);
        QVERIFY2(page->resultText().contains(QLatin1String("LZ4-compressed")), qPrintable(page->resultText()));

        // The page's own inspector: valid under the new key, NOT valid under another one.
        QTest::mouseClick(child<QPushButton>(w, "inspectPackageButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.takeFirst().at(0).toBool());
        QVERIFY2(page->resultText().contains(QLatin1String("Signature: valid")), qPrintable(page->resultText()));
        child<QLineEdit>(w, "toolsPublicKey")->setText(m_publicKey);
        QTest::mouseClick(child<QPushButton>(w, "inspectPackageButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(!finished.takeFirst().at(0).toBool());
        QVERIFY2(page->resultText().contains(QLatin1String("does NOT verify")), qPrintable(page->resultText()));
    }

    // The package builder's Encryption option: the corpus application encrypted to a product key
    // and a device key (the same core call as `package create --encrypt-to ... --device ...`);
    // piton-cli inspect and the page's own inspector name both recipients, the package holds
    // no window of the image's plaintext, and a device key without a product key is refused.
    void encryptedPackageBuilder()
    {
        QTemporaryDir dir;
        const QString app = dir.filePath(QStringLiteral("app.hex"));
        const QString problem = e2e::relocateCorpusApp(piton::test::deploymentAddress(), app);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto product = generateKeyFiles(dir.filePath(QStringLiteral("product.pem")), dir.filePath(QStringLiteral("product.pub.pem")));
        auto device = generateKeyFiles(dir.filePath(QStringLiteral("device.pem")), dir.filePath(QStringLiteral("device.pub.pem")));
        QVERIFY(product && device);
        const QString output = dir.filePath(QStringLiteral("encrypted.ptpkg"));
        MainWindow w;
        w.setFileChooser([&output](FileRole role) { return role == FileRole::OpenPackage || role == FileRole::SavePackage ? output : QString(); });
        w.show();
        auto *page = w.findChild<PackageToolsPage *>(QStringLiteral("toolsPage"));
        QVERIFY(page);
        QVERIFY(w.showPage(QStringLiteral("tools")));
        QSignalSpy finished(page, &PackageToolsPage::toolFinished);
        child<QComboBox>(w, "toolsBoard")->setCurrentText(QStringLiteral("stm32f4-ref"));
        child<QLineEdit>(w, "toolsVersion")->setText(QStringLiteral("2.0.0"));
        child<QLineEdit>(w, "toolsApplication")->setText(app);
        child<QLineEdit>(w, "toolsKey")->setText(m_privateKey);

        // A device key alone: refused before anything is written.
        child<QLineEdit>(w, "toolsDeviceKeys")->setText(device->publicPath);
        QTest::mouseClick(child<QPushButton>(w, "buildPackageButton"), Qt::LeftButton);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.takeFirst().at(0).toBool());
        QVERIFY2(page->resultText().contains(QLatin1String("product key")), qPrintable(page->resultText()));
        QVERIFY(!QFile::exists(output));
        // A product key file that is not a key: the core's error, nothing written.
        child<QLineEdit>(w, "toolsEncryptTo")->setText(app);
        QTest::mouseClick(child<QPushButton>(w, "buildPackageButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(!finished.takeFirst().at(0).toBool());
        QVERIFY2(page->resultText().contains(QLatin1String("Package not built")), qPrintable(page->resultText()));
        QVERIFY(!QFile::exists(output));

        child<QLineEdit>(w, "toolsEncryptTo")->setText(product->publicPath);
        QTest::mouseClick(child<QPushButton>(w, "buildPackageButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(page->resultText()));
        QVERIFY(QFile::exists(output));
        const QString productFp = fingerprintHex(product->fingerprint), deviceFp = fingerprintHex(device->fingerprint);

        e2e::CliRun inspect = e2e::cli({QStringLiteral("package"), QStringLiteral("inspect"), output, QStringLiteral("--key"), m_publicKey});
        QVERIFY2(inspect.exitCode == 0, qPrintable(inspect.describe()));
        const QJsonArray to = inspect.json.value(QStringLiteral("encryptedTo")).toArray();
        QCOMPARE(to.size(), 2);
        QCOMPARE(to.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("product"));
        QCOMPARE(to.at(0).toObject().value(QStringLiteral("fingerprint")).toString(), productFp);
        QCOMPARE(to.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("device"));
        QCOMPARE(to.at(1).toObject().value(QStringLiteral("fingerprint")).toString(), deviceFp);
        // The page's inspector says the same.
        QTest::mouseClick(child<QPushButton>(w, "inspectPackageButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(page->resultText()));
        QVERIFY2(page->resultText().contains(QStringLiteral("product key ") + productFp) &&
                     page->resultText().contains(QStringLiteral("device key ") + deviceFp),
                 qPrintable(page->resultText()));
        // Really encrypted: no 64-byte window of the application image is in the file.
        auto image = loadImage(app);
        QVERIFY(image.ok());
        const QByteArray plain = image->flatten(0xFF), file = e2e::readFile(output);
        QVERIFY(plain.size() > 4096);
        for (qsizetype at = 0; at + 64 <= plain.size(); at += 997)
            QVERIFY2(!file.contains(plain.mid(at, 64)), qPrintable(QStringLiteral("plaintext at image offset %1").arg(at)));
    }

    // Log console: level and text filters, copy to the clipboard, save what is shown.
    void logFilterCopySave()
    {
        MainWindow w;
        w.show();
        LogConsole *log = w.logConsole();
        log->clear();
        w.appendLog(LogLevel::Debug, QStringLiteral("probe detail"));
        w.appendLog(LogLevel::Info, QStringLiteral("connected to tcp:board-7"));
        w.appendLog(LogLevel::Warning, QStringLiteral("link slow on board-7"));
        w.appendLog(LogLevel::Error, QStringLiteral("deploy failed on board-9"));
        QCOMPARE(log->visibleLines().size(), 4);
        log->setFilter(LogLevel::Warning, QString());
        QCOMPARE(log->visibleLines().size(), 2);
        log->setFilter(LogLevel::Debug, QStringLiteral("BOARD-7"));
        QStringList shown = log->visibleLines();
        QCOMPARE(shown.size(), 2);
        QVERIFY(shown[0].contains(QLatin1String("INFO")) && shown[1].contains(QLatin1String("WARN")));
        QCOMPARE(child<QPlainTextEdit>(w, "logView")->toPlainText(), shown.join(QLatin1Char('\n')));
        QTest::mouseClick(child<QPushButton>(w, "copyLogButton"), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), shown.join(QLatin1Char('\n')) + QLatin1Char('\n'));
        const QString file = path(QStringLiteral("support.log"));
        w.setFileChooser([file](FileRole) { return file; });
        QTest::mouseClick(child<QPushButton>(w, "saveLogButton"), Qt::LeftButton);
        QCOMPARE(e2e::readFile(file), (shown.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        log->setFilter(LogLevel::Debug, QString());
        QCOMPARE(log->visibleLines().size(), 5); // + "log saved to" (info), all shown again
        QVERIFY(log->visibleLines().last().contains(file));
    }

    // Ports that come and go appear in the list without a click, with description, VID:PID and
    // serial number, and the log says what changed; the text being typed is kept.
    void serialPortsWatched()
    {
        qputenv("PITON_TEST_PORT_WATCH_MS", "100"); // the 1.5 s of a real window, shortened for the test
        const auto restore = qScopeGuard([] { qunsetenv("PITON_TEST_PORT_WATCH_MS"); });
        QCOMPARE(MainWindow::portWatchIntervalMs(), 100);
        MainWindow w;
        QList<SerialPortEntry> ports{{QStringLiteral("/dev/ttyACM0"), QStringLiteral("Piton board"), QStringLiteral("pid.codes"),
                                      QStringLiteral("PT-0001"), 0x1209, 0x0001, true}};
        w.setPortLister([&ports] { return ports; });
        w.show();
        auto *box = child<QComboBox>(w, "serialPort");
        QCOMPARE(box->count(), 1);
        QVERIFY2(box->itemText(0).contains(QLatin1String("1209:0001")) && box->itemText(0).contains(QLatin1String("PT-0001")),
                 qPrintable(box->itemText(0)));
        box->setEditText(QStringLiteral("/dev/pts/9"));
        QSignalSpy changed(&w, &MainWindow::serialPortsChanged);
        ports.append({QStringLiteral("/dev/ttyUSB0"), QStringLiteral("CP2102"), QString(), QString(), 0x10c4, 0xea60, true});
        QVERIFY(changed.wait(MainWindow::portWatchIntervalMs() * 10));
        QCOMPARE(box->count(), 2);
        QCOMPARE(box->currentText(), QStringLiteral("/dev/pts/9"));
        QVERIFY(w.logConsole()->allLines().join(QLatin1Char('\n')).contains(QLatin1String("serial port appeared: /dev/ttyUSB0")));
        ports.removeFirst();
        QVERIFY(changed.wait(MainWindow::portWatchIntervalMs() * 10));
        QCOMPARE(box->count(), 1);
        QVERIFY(w.logConsole()->allLines().join(QLatin1Char('\n')).contains(QLatin1String("serial port gone: /dev/ttyACM0")));
        // Choosing a listed port connects to its path, not to the text shown.
        box->setCurrentIndex(0);
        QCOMPARE(box->itemData(0).toString(), QStringLiteral("/dev/ttyUSB0"));
    }

    // The board is switched off: the operation fails, the window says it is waiting, keeps the
    // controls sane, tries the same endpoint every second; the board is switched on again on the
    // same TCP port, the window sees it and offers Resume, which completes the operation.
    void waitForVanishedDevice()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey), qPrintable(vb.error()));
        const QString endpoint = vb.tcpUri().mid(4);
        qputenv("PITON_TEST_RETURN_PROBE_MS", "200"); // the 1 s of a real window, shortened for the test
        const auto restore = qScopeGuard([] { qunsetenv("PITON_TEST_RETURN_PROBE_MS"); });
        QCOMPARE(MainWindow::returnProbeIntervalMs(), 200);
        MainWindow w;
        const QString backup = path(QStringLiteral("vanished.ptcfg"));
        QFile::remove(backup);
        prepare(w, nullptr, {{FileRole::SaveConfigBackup, backup}});
        w.show();
        QVERIFY(connectWindow(w, 1, endpoint));
        vb.stop();
        QVERIFY(!clickAndWait(w, "backupButton"));
        QTRY_VERIFY_WITH_TIMEOUT(w.isWaitingForDevice(), 10000);
        QVERIFY(!w.isConnected());
        QVERIFY(child<QWidget>(w, "returnBar")->isVisible());
        QVERIFY2(child<QLabel>(w, "returnLabel")->text().contains(QLatin1String("Waiting")), qPrintable(child<QLabel>(w, "returnLabel")->text()));
        QVERIFY(!child<QPushButton>(w, "resumeButton")->isEnabled());
        QVERIFY(child<QPushButton>(w, "connectButton")->isEnabled()); // the user may also connect elsewhere
        QVERIFY(!QFile::exists(backup));

        QSignalSpy returned(&w, &MainWindow::deviceReturned);
        QTest::qWait(MainWindow::returnProbeIntervalMs() * 2); // a few failed attempts while it is off
        QVERIFY(returned.isEmpty());
        QVERIFY2(vb.restart({QStringLiteral("--tcp"), endpoint}), qPrintable(vb.error()));
        QCOMPARE(vb.tcpUri().mid(4), endpoint);
        QVERIFY(returned.wait(15000));
        QVERIFY(w.isConnected());
        QVERIFY(w.canResume());
        QVERIFY(clickAndWait(w, "resumeButton"));
        QVERIFY(QFile::exists(backup));
        QVERIFY(!w.isWaitingForDevice());
        QVERIFY(!child<QWidget>(w, "returnBar")->isVisible());
    }

    // The USB transport: a typed selector goes to the link as a usb: URI; with no such board
    // the window says so clearly and stays usable. (Real USB boards: tests/usb, in a QEMU guest.)
    void usbTransportSelector()
    {
        MainWindow w;
        w.show();
        child<QComboBox>(w, "transport")->setCurrentIndex(2);
        QComboBox *box = child<QComboBox>(w, "usbDevice");
        QVERIFY(box->isVisible());
        box->lineEdit()->clear();
        QTest::keyClicks(box->lineEdit(), QStringLiteral("?serial=PT-NOSUCH"));
        QSignalSpy failed(&w, &MainWindow::connectFailed);
        QTest::mouseClick(child<QPushButton>(w, "connectButton"), Qt::LeftButton);
        QVERIFY(failed.wait(10000));
        QVERIFY(!w.isConnected());
        QVERIFY2(w.lastError().contains(QLatin1String("usb:?serial=PT-NOSUCH")) || w.lastError().contains(QLatin1String("PT-NOSUCH")),
                 qPrintable(w.lastError()));
        QVERIFY(child<QPushButton>(w, "connectButton")->isEnabled());
    }

    // The board drops its link in the middle of an update: the window says it is waiting, sees
    // the board come back, offers Resume, and the resumed update sends only the rest.
    void resumeAfterDeviceReturns()
    {
        QTemporaryDir dir;
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), m_publicKey, {QStringLiteral("--drop-link-after"), QStringLiteral("120000")}),
                 qPrintable(vb.error()));
        qputenv("PITON_TEST_RETURN_PROBE_MS", "200"); // the 1 s of a real window, shortened for the test
        const auto restore = qScopeGuard([] { qunsetenv("PITON_TEST_RETURN_PROBE_MS"); });
        MainWindow w;
        prepare(w, nullptr, {{FileRole::OpenPackage, m_package}});
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QSignalSpy returned(&w, &MainWindow::deviceReturned);
        QVERIFY(!clickAndWait(w, "updateButton"));
        QVERIFY(!returned.isEmpty() || returned.wait(15000));
        QVERIFY(child<QWidget>(w, "returnBar")->isVisible());
        QVERIFY2(child<QLabel>(w, "returnLabel")->text().contains(QLatin1String("Resume")), qPrintable(child<QLabel>(w, "returnLabel")->text()));
        QVERIFY(w.canResume());
        QVERIFY(clickAndWait(w, "resumeButton"));
        QVERIFY(!child<QWidget>(w, "returnBar")->isVisible());
        const QString log = w.logConsole()->allLines().join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QLatin1String("interrupted")) && log.contains(QLatin1String("resuming: the device already holds")), qPrintable(log));
        QVERIFY(disconnectWindow(w));
        e2e::CliRun info = e2e::cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("info")});
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("2.0.1"));
        const QByteArray region = readRegion(m_dir.path(), vb.tcpUri(), QStringLiteral("deployment"));
        QCOMPARE(sha(region.left(m_appData.size())), sha(m_appData));
    }
};

QTEST_MAIN(GuiPagesTest)
#include "tst_gui_pages.moc"
