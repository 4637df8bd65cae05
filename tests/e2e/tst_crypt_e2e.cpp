// Encrypted packages and the encrypted backup (issue 15, "Encrypted packages"), end to end:
// piton-cli against piton-vboard provisioned with a product key (--product-key), as a user
// deploys; the board's external flash is then scanned for any 64-byte window of plaintext.
#include "harness.h"
#include "test_data.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QHash>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace e2e;
using piton::test::pseudoRandom;

namespace {

const QString kBoard = QStringLiteral("stm32f4-ref");
constexpr int kWindow = 64;

QString S(const char *text) { return QString::fromUtf8(text); }

/** Offsets in `haystack` where some 64-byte window of `plain` occurs (at most 10 reported).
 *  Every window of `plain` is indexed by its first 8 bytes; each candidate is compared whole. */
QList<qint64> plaintextWindows(const QByteArray &haystack, const QByteArray &plain)
{
    QMultiHash<quint64, int> index;
    index.reserve(plain.size());
    auto key = [](const char *p) { quint64 k; memcpy(&k, p, 8); return k; };
    for (int i = 0; i + kWindow <= plain.size(); ++i)
        index.insert(key(plain.constData() + i), i);
    QList<qint64> hits;
    for (qint64 at = 0; at + kWindow <= haystack.size() && hits.size() < 10; ++at) {
        const char *p = haystack.constData() + at;
        for (auto it = index.constFind(key(p)); it != index.cend() && it.key() == key(p); ++it)
            if (memcmp(p, plain.constData() + it.value(), kWindow) == 0) {
                hits.append(at);
                break;
            }
    }
    return hits;
}

/** The external flash device of the board (the part of the flash file after internal flash). */
QByteArray externalFlash(const QString &flashPath)
{
    const qint64 from = flashFileOffset(kBoard, 0x90000000u);
    return readFile(flashPath).mid(from);
}

} // namespace

class CryptEndToEnd : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_signing, m_signingPub, m_product, m_productPub, m_other, m_otherPub, m_productFingerprint;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /** A signed package with `app` as the application (placed at the deployment region). */
    QString makePackage(const QString &name, const QByteArray &app, const QStringList &extra = {})
    {
        const QString bin = path(name + S(".bin"));
        const QString pkg = path(name + S(".ptpkg"));
        if (!writeFile(bin, app))
            return {};
        const QString base = QStringLiteral("0x%1").arg(regionAddress(kBoard, S("deployment")), 8, 16, QLatin1Char('0'));
        const CliRun r = cli(QStringList{S("package"), S("create"), S("--board"), kBoard, S("--version"), name, S("--key"), m_signing,
                                         S("--application"), bin, S("--application-base"), base, S("-o"), pkg} + extra);
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(r.describe()));
            return {};
        }
        return pkg;
    }

    void deploy(VirtualBoard &vb, const QString &pkg)
    {
        const CliRun r = cli({S("-c"), vb.tcpUri(), S("deploy"), pkg});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(vb.diagnostics())));
    }

    QByteArray deployment(VirtualBoard &vb, int size)
    {
        const QString file = path(S("deployment-read.bin"));
        const CliRun r = cli({S("-c"), vb.tcpUri(), S("read"), S("deployment"), S("-o"), file});
        return r.exitCode == 0 ? readFile(file).left(size) : QByteArray();
    }

    /** v1 deployed, v2 deployed over it and never confirmed: the bootloader backs v1 up, installs
     *  v2, then reverts to v1 from the backup. The external flash is scanned after the install
     *  of v2 and after the revert. Returns the plaintext windows found (v1 and v2). */
    void installAndRevert(const QStringList &provisioning, QList<qint64> *afterInstall, QList<qint64> *afterRevert)
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_signingPub, provisioning), qPrintable(vb.error()));
        const QByteArray v1 = pseudoRandom(90000, 11), v2 = pseudoRandom(70000, 12);
        const QString p1 = makePackage(S("1.0.0"), v1), p2 = makePackage(S("2.0.0"), v2);
        QVERIFY(!p1.isEmpty() && !p2.isEmpty());
        deploy(vb, p1);
        deploy(vb, p2);
        QCOMPARE(deployment(vb, v2.size()), v2);
        vb.stop();
        *afterInstall = plaintextWindows(externalFlash(vb.flashPath()), v1) + plaintextWindows(externalFlash(vb.flashPath()), v2);

        // v1 again as the running image: v2 once more, never confirmed -> revert from the backup.
        QVERIFY2(vb.restart(), qPrintable(vb.error()));
        const QString p3 = makePackage(S("1.0.1"), v1, {S("--rollback-release")});
        deploy(vb, p3);
        QVERIFY2(vb.restart({S("--no-confirm"), S("--watchdog-ms"), S("300")}), qPrintable(vb.error()));
        const CliRun reverted = cli({S("-c"), vb.tcpUri(), S("deploy"), makePackage(S("2.0.1"), v2)});
        QVERIFY2(reverted.exitCode == 5, qPrintable(reverted.describe() + QString::fromUtf8(vb.diagnostics())));
        QElapsedTimer t;
        t.start();
        QJsonObject i;
        while (t.elapsed() < 30000) {
            i = cli({S("-c"), vb.tcpUri(), S("info")}).json;
            if (i.value(S("imageState")).toString() == QLatin1String("reverted"))
                break;
            QThread::msleep(200);
        }
        QCOMPARE(i.value(S("imageState")).toString(), S("reverted"));
        QCOMPARE(i.value(S("applicationVersion")).toString(), S("1.0.1"));
        QCOMPARE(deployment(vb, v1.size()), v1); // the backup came back intact
        vb.stop();
        *afterRevert = plaintextWindows(externalFlash(vb.flashPath()), v1) + plaintextWindows(externalFlash(vb.flashPath()), v2);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_signing = path(S("signing.pem"));
        m_signingPub = path(S("signing.pub.pem"));
        QVERIFY(generateKeyPair(m_signing, m_signingPub));
        m_product = path(S("product.pem"));
        m_productPub = path(S("product.pub.pem"));
        const CliRun k = cli({S("keys"), S("generate"), S("--product"), S("-o"), m_product});
        QVERIFY2(k.exitCode == 0 && k.json.value(S("purpose")).toString() == QLatin1String("product"), qPrintable(k.describe()));
        m_productFingerprint = k.json.value(S("fingerprint")).toString();
        QCOMPARE(m_productFingerprint.size(), 64);
        m_other = path(S("other.pem"));
        m_otherPub = path(S("other.pub.pem"));
        QVERIFY(generateKeyPair(m_other, m_otherPub));
    }

    // The backup of replaced images is encrypted with the board's storage key: after an install
    // and after a revert, no 64-byte window of either image's plaintext is in external flash.
    // The same run without a product key finds the previous image there (the scan works).
    void backupHoldsNoPlaintext()
    {
        QList<qint64> installed, reverted;
        installAndRevert({S("--product-key"), m_product}, &installed, &reverted);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(installed.isEmpty(), qPrintable(QStringLiteral("plaintext at external flash offset %1 after install").arg(installed.value(0))));
        QVERIFY2(reverted.isEmpty(), qPrintable(QStringLiteral("plaintext at external flash offset %1 after revert").arg(reverted.value(0))));

        installAndRevert({}, &installed, &reverted);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!installed.isEmpty(), "control run without a product key: the plaintext backup was not found");
    }

    // package create --encrypt-to (plain and LZ4 + AES-CTR): inspect names the recipient, the
    // package holds no plaintext window, deploy installs the plaintext image (read back). A board
    // holding another product key refuses the package (VERIFY_KEY) and its deployment region is
    // unchanged by hash.
    void deployEncryptedPackage()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_signingPub, {S("--product-key"), m_product}), qPrintable(vb.error()));
        QByteArray compressible(80000, '\0');
        for (int i = 0; i < compressible.size(); ++i)
            compressible[i] = char((i % 251) < 180 ? (i / 64) % 5 : i * 11);
        const QList<std::pair<QByteArray, QString>> cases{{pseudoRandom(70000, 21), S("--no-compress")},
                                                         {compressible, S("--compress")}};
        int n = 0;
        for (const auto &[app, how] : cases) {
            const QString pkg = makePackage(QStringLiteral("3.0.%1").arg(n++), app, {how, S("--encrypt-to"), m_productPub});
            QVERIFY(!pkg.isEmpty());
            const CliRun inspect = cli({S("package"), S("inspect"), pkg});
            QCOMPARE(inspect.exitCode, 0);
            const QJsonArray to = inspect.json.value(S("encryptedTo")).toArray();
            QCOMPARE(to.size(), 1);
            QCOMPARE(to[0].toObject().value(S("fingerprint")).toString(), m_productFingerprint);
            QVERIFY(inspect.json.value(S("payloads")).toArray()[0].toObject().value(S("encoding")).toString().contains(S("aes-ctr")));
            QVERIFY(plaintextWindows(readFile(pkg), app).isEmpty());
            deploy(vb, pkg);
            QCOMPARE(deployment(vb, app.size()), app);
        }
        vb.stop();

        QTemporaryDir otherDir;
        VirtualBoard other;
        QVERIFY2(other.start(otherDir.path(), kBoard, m_signingPub, {S("--product-key"), m_other}), qPrintable(other.error()));
        const QString before = makePackage(S("1.0.0"), pseudoRandom(5000, 22));
        deploy(other, before);
        const QByteArray was = deployment(other, 5000);
        const CliRun refused = cli({S("-c"), other.tcpUri(), S("deploy"), makePackage(S("3.1.0"), pseudoRandom(6000, 23),
                                                                                   {S("--encrypt-to"), m_productPub})});
        QVERIFY2(refused.exitCode != 0 && (refused.err + refused.out).contains("product key"), qPrintable(refused.describe()));
        QCOMPARE(QCryptographicHash::hash(deployment(other, 5000), QCryptographicHash::Sha256),
                 QCryptographicHash::hash(was, QCryptographicHash::Sha256));
    }

    // The board reports the fingerprint of the product key it holds (INFO 0x30), and keeps it
    // when it is re-provisioned with --trust-key alone; `info` without one says none.
    void infoShowsProductKey()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kBoard, m_signingPub, {S("--product-key"), m_product}), qPrintable(vb.error()));
        QCOMPARE(cli({S("-c"), vb.tcpUri(), S("info")}).json.value(S("productKey")).toString(), m_productFingerprint);
        QVERIFY2(vb.restart(), qPrintable(vb.error())); // re-provisions with --trust-key only
        QCOMPARE(cli({S("-c"), vb.tcpUri(), S("info")}).json.value(S("productKey")).toString(), m_productFingerprint);
        QByteArray text;
        QCOMPARE(run(cliPath(), {S("-c"), vb.tcpUri(), S("info")}, &text), 0);
        QVERIFY2(text.contains("product key:  " + m_productFingerprint.toLatin1()), text.constData());
        QTemporaryDir plainDir;
        VirtualBoard plain;
        QVERIFY2(plain.start(plainDir.path(), kBoard, m_signingPub), qPrintable(plain.error()));
        QVERIFY(cli({S("-c"), plain.tcpUri(), S("info")}).json.value(S("productKey")).isNull());
    }

    // piton-vboard refuses a product key it cannot use, naming the file and the reason.
    void productKeyErrors()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY(!vb.start(dir.path(), kBoard, m_signingPub, {S("--product-key"), m_productPub}));
        QVERIFY2(vb.error().contains(S("product key")) && vb.error().contains(S("not a PEM private key")), qPrintable(vb.error()));
        VirtualBoard missing;
        QVERIFY(!missing.start(dir.path(), kBoard, m_signingPub, {S("--product-key"), path(S("absent.pem"))}));
        QVERIFY2(missing.error().contains(S("cannot read")), qPrintable(missing.error()));
    }
};

QTEST_GUILESS_MAIN(CryptEndToEnd)
#include "tst_crypt_e2e.moc"
