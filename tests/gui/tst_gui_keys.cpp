// The Device keys page (issue 15, "update device keys") driven like a user against piton-vboard
// over TCP: it shows the board's key set from INFO, builds a root-signed key update that rotates
// the package key, applies it with the window's progress, and shows the new key set; a replay is
// refused with the board unchanged. piton-cli reads the board back as the independent check.
#include "gui_helpers.h"

#include "keys_page.h"
#include "package/keys.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace piton;
using namespace piton::gui;
using namespace piton::guitest;

class GuiKeysTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void rotatePackageKey()
    {
        QTemporaryDir dir;
        const auto p = [&dir](const char *name) { return dir.filePath(QLatin1String(name)); };
        QVERIFY(e2e::generateKeyPair(p("a.pem"), p("a.pub.pem")));
        QVERIFY(e2e::generateKeyPair(p("b.pem"), p("b.pub.pem")));
        QVERIFY(e2e::generateKeyPair(p("root.pem"), p("root.pub.pem")));
        const QString fpA = fingerprintHex(loadPublicKey(p("a.pub.pem"))->fingerprint());
        const QString fpB = fingerprintHex(loadPublicKey(p("b.pub.pem"))->fingerprint());
        e2e::VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), QStringLiteral("stm32f4-ref"), p("a.pub.pem"), {QStringLiteral("--root-key"), p("root.pub.pem")}),
                 qPrintable(vb.error()));

        MainWindow w;
        QStringList questions;
        const QString update = p("keys-1.ptpkg");
        w.setConfirmFunction([&questions](const QString &title, const QString &text) {
            questions << title + QLatin1Char('\n') + text;
            return true;
        });
        w.setFileChooser([update](FileRole role) {
            return role == FileRole::SavePackage || role == FileRole::OpenPackage ? update : QString();
        });
        w.show();
        QVERIFY(connectWindow(w, 1, vb.tcpUri().mid(4)));
        QVERIFY(w.showPage(QStringLiteral("keys")));
        auto *page = w.findChild<KeysPage *>(QStringLiteral("keysPage"));
        QVERIFY(page);
        QVERIFY2(page->keySetText().contains(QLatin1String("generation 0")) && page->keySetText().contains(fpA),
                 qPrintable(page->keySetText()));
        QCOMPARE(child<QSpinBox>(w, "keysGeneration")->value(), 1); // the next generation

        // Without a root key: refused on the page, nothing written.
        QSignalSpy built(page, &KeysPage::buildFinished);
        QTest::mouseClick(child<QPushButton>(w, "buildKeyUpdateButton"), Qt::LeftButton);
        QCOMPARE(built.size(), 1);
        QVERIFY(!built.takeFirst().at(0).toBool());
        QVERIFY(!QFile::exists(update));

        child<QLineEdit>(w, "keysRootKey")->setText(p("root.pem"));
        child<QLineEdit>(w, "keysAddPackage")->setText(p("b.pub.pem"));
        child<QLineEdit>(w, "keysRevokePackage")->setText(fpA);
        QTest::mouseClick(child<QPushButton>(w, "buildKeyUpdateButton"), Qt::LeftButton);
        QVERIFY(built.wait(10000));
        QVERIFY2(built.takeFirst().at(0).toBool(), qPrintable(page->resultText()));
        e2e::CliRun inspect = e2e::cli({QStringLiteral("keys"), QStringLiteral("update"), QStringLiteral("inspect"), update,
                                        QStringLiteral("--root-key"), p("root.pub.pem")});
        QVERIFY2(inspect.exitCode == 0 && inspect.json.value(QStringLiteral("generation")).toInt() == 1, qPrintable(inspect.describe()));

        // Apply: the window asks, runs the job with its progress panel, and shows the new set.
        QVERIFY(clickAndWait(w, "applyKeyUpdateButton"));
        QVERIFY(!questions.isEmpty() && questions.last().contains(QLatin1String("keys-1.ptpkg")));
        QTRY_VERIFY_WITH_TIMEOUT(page->keySetText().contains(QLatin1String("generation 1")), 5000);
        QVERIFY2(page->keySetText().contains(fpB) && page->keySetText().contains(QLatin1String("revoked:      ") + fpA),
                 qPrintable(page->keySetText()));
        e2e::CliRun info = e2e::cli({QStringLiteral("-c"), vb.serialUri(), QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.describe()));
        QCOMPARE(info.json.value(QStringLiteral("keySet")).toObject().value(QStringLiteral("generation")).toInt(), 1);
        QCOMPARE(info.json.value(QStringLiteral("trustedKeys")).toArray(), QJsonArray{fpB});

        // The same update again: refused (a replay), the board keeps generation 1 and its key store.
        const QByteArray storeBefore = readRegion(dir.path(), vb.serialUri(), QStringLiteral("bootloader"));
        QVERIFY(!storeBefore.isEmpty());
        QVERIFY(!clickAndWait(w, "applyKeyUpdateButton"));
        QVERIFY2(w.lastError().contains(QLatin1String("generation")), qPrintable(w.lastError()));
        QCOMPARE(sha(readRegion(dir.path(), vb.serialUri(), QStringLiteral("bootloader"))), sha(storeBefore));
        info = e2e::cli({QStringLiteral("-c"), vb.serialUri(), QStringLiteral("info")});
        QCOMPARE(info.json.value(QStringLiteral("keySet")).toObject().value(QStringLiteral("generation")).toInt(), 1);

        // Rotate the root key: generation 2 adds root 2 (its private key co-signs) and revokes the
        // old root, which signs it; the tab lists the new root and the old one as revoked.
        QVERIFY(e2e::generateKeyPair(p("root2.pem"), p("root2.pub.pem")));
        const QString fpRoot = fingerprintHex(loadPublicKey(p("root.pub.pem"))->fingerprint());
        const QString fpRoot2 = fingerprintHex(loadPublicKey(p("root2.pub.pem"))->fingerprint());
        child<QLineEdit>(w, "keysAddPackage")->clear();
        child<QLineEdit>(w, "keysRevokePackage")->clear();
        child<QLineEdit>(w, "keysAddRoot")->setText(p("root2.pem"));
        child<QLineEdit>(w, "keysRevokeRoot")->setText(p("root.pub.pem"));
        QCOMPARE(child<QSpinBox>(w, "keysGeneration")->value(), 2);
        QTest::mouseClick(child<QPushButton>(w, "buildKeyUpdateButton"), Qt::LeftButton);
        QVERIFY(built.wait(10000));
        QVERIFY2(built.takeFirst().at(0).toBool(), qPrintable(page->resultText()));
        QVERIFY2(page->resultText().contains(QLatin1String("add root key ") + fpRoot2), qPrintable(page->resultText()));
        QVERIFY(clickAndWait(w, "applyKeyUpdateButton"));
        QTRY_VERIFY_WITH_TIMEOUT(page->keySetText().contains(QLatin1String("generation 2")), 5000);
        QVERIFY2(page->keySetText().contains(QLatin1String("root key:     ") + fpRoot2) &&
                     page->keySetText().contains(QLatin1String("revoked:      ") + fpRoot + QLatin1String(" (root key)")) &&
                     !page->keySetText().contains(QLatin1String("root key:     ") + fpRoot),
                 qPrintable(page->keySetText()));
        info = e2e::cli({QStringLiteral("-c"), vb.serialUri(), QStringLiteral("info")});
        QCOMPARE(info.json.value(QStringLiteral("rootKeys")).toArray(), QJsonArray{fpRoot2});
    }
};

QTEST_MAIN(GuiKeysTest)
#include "tst_gui_keys.moc"
