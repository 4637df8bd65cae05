// End-to-end tests of piton-cli against piton-vboard, through the real pty and TCP links
// (issue: vertical slice, "What must be shown" 1-6).
#include "harness.h"
#include "package/keys.h"
#include "package/lz4_payload.h"
#include "package/package.h"
#include "package/signed_file.h"
#include "test_boards.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace e2e;

namespace {

struct BoardLayout {
    QString id;
    quint32 deploymentAddress;
};

const BoardLayout kStm32f4{QStringLiteral("stm32f4-ref"), piton::test::deploymentAddress(QStringLiteral("stm32f4-ref"))};
const BoardLayout kUniform{QStringLiteral("uniform-4k"), piton::test::deploymentAddress(QStringLiteral("uniform-4k"))};

QString hexAddress(quint32 a)
{
    return QStringLiteral("0x%1").arg(a, 8, 16, QLatin1Char('0'));
}

} // namespace

class CliEndToEnd : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_privateKey, m_publicKey;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /** The corpus image relocated into `board`'s deployment region (UICR record cropped), and
     *  srec_cat's own binary of it with gaps filled with 0xFF: the oracle for the read-back. */
    void relocateCorpus(const BoardLayout &board, QString *hexOut, QString *binOut)
    {
        *hexOut = path(board.id + QStringLiteral("-app.hex"));
        *binOut = path(board.id + QStringLiteral("-app.bin"));
        const QString problem = relocateCorpusApp(board.deploymentAddress, *hexOut);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Parentheses: -offset must apply to the filled image, not to the -over input.
        QCOMPARE(run(QStringLiteral("srec_cat"), {QStringLiteral("("), *hexOut, QStringLiteral("-intel"), QStringLiteral("-fill"), QStringLiteral("0xFF"),
                                                  QStringLiteral("-over"), *hexOut, QStringLiteral("-intel"), QStringLiteral(")"),
                                                  QStringLiteral("-offset"), QStringLiteral("-") + hexAddress(board.deploymentAddress),
                                                  QStringLiteral("-o"), *binOut, QStringLiteral("-binary")}), 0);
        QVERIFY(QFile(*binOut).size() > 200000);
        QVERIFY(QFile(*binOut).size() < 0x40000);
    }

    QString makePackage(const BoardLayout &board, const QString &name, const QStringList &extra = {}, const QString &key = {})
    {
        QString hex, bin;
        relocateCorpus(board, &hex, &bin);
        const QString out = path(name);
        const CliRun r = cli(QStringList{QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), board.id,
                                         QStringLiteral("--version"), QStringLiteral("1.2.3"), QStringLiteral("--key"),
                                         key.isEmpty() ? m_privateKey : key, QStringLiteral("--application"), hex,
                                         QStringLiteral("-o"), out} + extra);
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(r.describe()));
        return r.exitCode == 0 ? out : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The signing key is made by the openssl command line: Piton must take such keys.
        m_privateKey = path(QStringLiteral("signing.pem"));
        m_publicKey = path(QStringLiteral("signing.pub.pem"));
        QCOMPARE(run(QStringLiteral("openssl"), {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                                                 QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                                                 QStringLiteral("-out"), m_privateKey}), 0);
        QCOMPARE(run(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-in"), m_privateKey, QStringLiteral("-pubout"),
                                                 QStringLiteral("-out"), m_publicKey}), 0);
    }

    // 1 + 2: the corpus image deployed over serial and over TCP, read back, compared with
    // srec_cat's binary; info shows the new version and stage application.
    void deployCorpusAndReadBack_data()
    {
        QTest::addColumn<QString>("board");
        QTest::addColumn<bool>("serial");
        QTest::addColumn<QString>("compression"); // package create option; empty = the default (where it pays)
        QTest::addColumn<QString>("encoding");    // what the package must carry
        // The default compresses MicroPython (LZ4 saves 15 % of it, more than the 1/8 rule asks).
        QTest::newRow("stm32f4-ref over serial, default (lz4)") << kStm32f4.id << true << QString() << QStringLiteral("lz4");
        QTest::newRow("stm32f4-ref over tcp, --no-compress") << kStm32f4.id << false << QStringLiteral("--no-compress")
                                                               << QStringLiteral("none");
        QTest::newRow("uniform-4k over tcp, --compress") << kUniform.id << false << QStringLiteral("--compress") << QStringLiteral("lz4");
    }
    void deployCorpusAndReadBack()
    {
        QFETCH(QString, board);
        QFETCH(bool, serial);
        QFETCH(QString, compression);
        QFETCH(QString, encoding);
        const BoardLayout layout = board == kStm32f4.id ? kStm32f4 : kUniform;
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), board, m_publicKey), qPrintable(vb.error()));
        const QString uri = serial ? vb.serialUri() : vb.tcpUri();

        CliRun ping = cli({QStringLiteral("-c"), uri, QStringLiteral("ping")});
        QCOMPARE(ping.exitCode, 0);
        QCOMPARE(ping.json.value(QStringLiteral("stage")).toString(), QStringLiteral("bootloader")); // factory: no application

        const QString pkg = makePackage(layout, board + QStringLiteral(".ptpkg"),
                                        compression.isEmpty() ? QStringList{} : QStringList{compression});
        QVERIFY(!pkg.isEmpty());
        const CliRun inspect = cli({QStringLiteral("package"), QStringLiteral("inspect"), pkg});
        const QJsonObject payload = inspect.json.value(QStringLiteral("payloads")).toArray().at(0).toObject();
        QCOMPARE(payload.value(QStringLiteral("encoding")).toString(), encoding);
        const qint64 imageSize = QFile(path(board + QStringLiteral("-app.bin"))).size();
        QCOMPARE(payload.value(QStringLiteral("imageSize")).toInteger(), imageSize);
        if (encoding == QLatin1String("lz4"))
            QVERIFY2(payload.value(QStringLiteral("storedSize")).toInteger() < imageSize * 7 / 8, qPrintable(inspect.describe()));
        CliRun deploy = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), pkg});
        QVERIFY2(deploy.exitCode == 0, qPrintable(deploy.describe() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(deploy.json.value(QStringLiteral("resumedFrom")).toInt(), 0);
        QCOMPARE(deploy.json.value(QStringLiteral("sent")).toInteger(), QFile(pkg).size());

        CliRun info = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QCOMPARE(info.exitCode, 0);
        QCOMPARE(info.json.value(QStringLiteral("stage")).toString(), QStringLiteral("application"));
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.2.3"));
        QCOMPARE(info.json.value(QStringLiteral("board")).toString(), board);

        const QString readBack = dir.filePath(QStringLiteral("deployment.bin"));
        CliRun read = cli({QStringLiteral("-c"), uri, QStringLiteral("read"), QStringLiteral("deployment"), QStringLiteral("-o"), readBack});
        QVERIFY2(read.exitCode == 0, qPrintable(read.describe()));
        const QByteArray oracle = readFile(path(board + QStringLiteral("-app.bin")));
        const QByteArray region = readFile(readBack);
        QVERIFY(region.size() > oracle.size());
        QVERIFY2(region.left(oracle.size()) == oracle, "read-back differs from srec_cat's binary");
        QCOMPARE(region.mid(oracle.size()), QByteArray(region.size() - oracle.size(), char(0xFF)));

        CliRun verify = cli({QStringLiteral("-c"), uri, QStringLiteral("verify"), pkg});
        QCOMPARE(verify.exitCode, 0);
    }

    // 3: tampered and incompatible packages are refused with exit 4; every region unchanged.
    void tamperedPackagesAreRefused()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const QString good = makePackage(kStm32f4, QStringLiteral("good.ptpkg"));
        QVERIFY(!good.isEmpty());
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), good}).exitCode, 0);
        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        QVERIFY(before.size() >= 5);

        const QByteArray bytes = readFile(good);
        const quint32 manifestLen = quint8(bytes[8]) | quint8(bytes[9]) << 8 | quint8(bytes[10]) << 16 | quint32(quint8(bytes[11])) << 24;
        const quint32 sigLen = quint8(bytes[12]) | quint8(bytes[13]) << 8;
        const qsizetype h = quint8(bytes[6]) | quint8(bytes[7]) << 8; // header with the signer key
        struct Case { QString name; qsizetype offset; };
        const QList<Case> flips{{QStringLiteral("signature"), qsizetype(h + manifestLen + sigLen / 2)},
                                {QStringLiteral("manifest-version"), h + 41},
                                {QStringLiteral("payload"), qsizetype(h + manifestLen + sigLen + 1000)}};
        for (const Case &c : flips) {
            QByteArray bad = bytes;
            bad[c.offset] = char(bad[c.offset] ^ 0x01);
            const QString file = dir.filePath(c.name + QStringLiteral(".ptpkg"));
            QVERIFY(writeFile(file, bad));
            const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), file});
            QVERIFY2(r.exitCode == 4, qPrintable(c.name + QStringLiteral(": ") + r.describe()));
            QVERIFY2(!r.json.value(QStringLiteral("error")).toString().isEmpty(), qPrintable(r.describe()));
        }

        // A compressed package, correctly signed, whose LZ4 frame decodes to another image than
        // the manifest's image SHA-256 says (stored hash right, image hash wrong: what a faulty
        // packager would make): refused before anything is sent, naming the image check.
        {
            auto pkg = piton::Package::parse(bytes);
            QVERIFY2(pkg.ok(), qPrintable(pkg.error().message));
            QCOMPARE(pkg->manifest.payloads[0].encoding, int(PT_ENCODING_LZ4));
            auto image = pkg->payloadImage(0);
            QVERIFY(image.ok());
            QByteArray other = *image;
            other[1000] = char(other[1000] ^ 0x01);
            auto frame = piton::lz4CompressPayload(other);
            QVERIFY(frame.ok());
            piton::Manifest m = pkg->manifest;
            m.payloads[0].size = quint32(frame->size());
            m.payloads[0].sha256 = QCryptographicHash::hash(*frame, QCryptographicHash::Sha256);
            auto key = piton::loadPrivateKey(m_privateKey);
            QVERIFY(key.ok());
            auto forged = piton::sealSignedEnvelope("PTPK", m.serialize(), *key, {*frame});
            QVERIFY(forged.ok());
            const QString file = dir.filePath(QStringLiteral("bad-lz4-stream.ptpkg"));
            QVERIFY(writeFile(file, *forged));
            const CliRun inspect = cli({QStringLiteral("package"), QStringLiteral("inspect"), file});
            QVERIFY2(inspect.exitCode == 4 && inspect.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("decodes to an image")),
                     qPrintable(inspect.describe()));
            const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), file});
            QVERIFY2(r.exitCode == 4 && r.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("payload image check failed")),
                     qPrintable(r.describe()));
        }

        // Signed by a key the device does not trust.
        const QString otherKey = dir.filePath(QStringLiteral("other.pem"));
        QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("-o"), otherKey}).exitCode, 0);
        const QString untrusted = makePackage(kStm32f4, QStringLiteral("untrusted.ptpkg"), {QStringLiteral("--version"), QStringLiteral("1.2.4")}, otherKey);
        QVERIFY(!untrusted.isEmpty());
        CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), untrusted});
        QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));

        // Built for another board.
        const QString otherBoard = makePackage(kUniform, QStringLiteral("uniform.ptpkg"));
        QVERIFY(!otherBoard.isEmpty());
        r = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), otherBoard});
        QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
        QVERIFY2(r.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("board")), qPrintable(r.describe()));

        // An application that needs firmware the device does not have.
        const QString needsFw = makePackage(kStm32f4, QStringLiteral("needs-fw.ptpkg"), {QStringLiteral("--requires-firmware"), QStringLiteral("2.0.0")});
        QVERIFY(!needsFw.isEmpty());
        r = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), needsFw});
        QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));

        const QMap<QString, QString> after = regionHashes(uri, dir.path());
        QCOMPARE(after, before);
        CliRun info = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.2.3"));
    }

    // One place decides (issue 15): `package inspect --device` judges a package against the
    // board as deploy does, sends nothing, and names the regions the update writes, taken from
    // the board's own REGIONS; deploy prints the same regions; a refusal changes nothing.
    void inspectAgainstDeviceNamesRegions()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey, {QStringLiteral("--stats")}), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const QString good = makePackage(kStm32f4, QStringLiteral("judged.ptpkg"));
        QVERIFY(!good.isEmpty());
        const CliRun regions = cli({QStringLiteral("-c"), uri, QStringLiteral("regions")});
        QCOMPARE(regions.exitCode, 0);
        QStringList expected; // the deployment region, staging, bootstate and backup, in wire order
        for (const QJsonValue &v : regions.json.value(QStringLiteral("regions")).toArray()) {
            const QJsonObject r = v.toObject();
            const QString name = r.value(QStringLiteral("name")).toString();
            if (name == QLatin1String("deployment") || name == QLatin1String("bootstate") || name == QLatin1String("backup")
                || r.value(QStringLiteral("flags")).toArray().contains(QStringLiteral("staging")))
                expected << name;
        }
        QVERIFY2(expected.size() >= 3, qPrintable(QString::fromUtf8(regions.out)));

        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        const QString opsBefore = vb.flashOperations();
        QVERIFY2(!opsBefore.isEmpty(), vb.diagnostics().constData());
        const CliRun fits = cli({QStringLiteral("-c"), uri, QStringLiteral("package"), QStringLiteral("inspect"), good, QStringLiteral("--device")});
        QVERIFY2(fits.exitCode == 0, qPrintable(fits.describe()));
        QCOMPARE(fits.json.value(QStringLiteral("fits")).toBool(), true);
        QStringList written;
        for (const QJsonValue &v : fits.json.value(QStringLiteral("regionsWritten")).toArray())
            written << v.toString();
        QCOMPARE(written, expected);
        // The same in text.
        QByteArray textOut;
        QCOMPARE(run(cliPath(), {QStringLiteral("-c"), uri, QStringLiteral("package"), QStringLiteral("inspect"), good, QStringLiteral("--device")},
                     &textOut), 0);
        QVERIFY2(textOut.contains("regions written: " + expected.join(QStringLiteral(", ")).toUtf8()), textOut.constData());

        // Refused: another board's package; the verdict names the check, exit 4, nothing changed.
        const QString otherBoard = makePackage(kUniform, QStringLiteral("judged-uniform.ptpkg"));
        QVERIFY(!otherBoard.isEmpty());
        const CliRun refused = cli({QStringLiteral("-c"), uri, QStringLiteral("package"), QStringLiteral("inspect"), otherBoard, QStringLiteral("--device")});
        QVERIFY2(refused.exitCode == 4, qPrintable(refused.describe()));
        QVERIFY2(refused.err.contains("board check failed"), qPrintable(refused.describe()));
        QCOMPARE(vb.flashOperations(), opsBefore);
        QCOMPARE(regionHashes(uri, dir.path()), before);

        // Deploy decides through the same service and reports the same regions.
        const CliRun deploy = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), good});
        QVERIFY2(deploy.exitCode == 0, qPrintable(deploy.describe()));
        QStringList deployed;
        for (const QJsonValue &v : deploy.json.value(QStringLiteral("regionsWritten")).toArray())
            deployed << v.toString();
        QCOMPARE(deployed, expected);
        const CliRun info = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
        QCOMPARE(info.json.value(QStringLiteral("applicationVersion")).toString(), QStringLiteral("1.2.3"));
        // Only the regions named were written (config and bootloader kept their content).
        const QMap<QString, QString> after = regionHashes(uri, dir.path());
        for (auto it = before.constBegin(); it != before.constEnd(); ++it)
            if (!expected.contains(it.key()))
                QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
    }

    // A package signed by a key the board does not trust is refused before a byte of it is sent:
    // the flash operation counts and every region stay as they were. A package of an older Piton
    // (no signer in its header) still deploys; its signer can be checked in advance only with
    // --key.
    void untrustedSignerRefusedBeforeSending()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey, {QStringLiteral("--stats")}), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const QString otherKey = dir.filePath(QStringLiteral("other.pem"));
        const QString otherPub = dir.filePath(QStringLiteral("other.pub.pem"));
        QVERIFY(generateKeyPair(otherKey, otherPub));
        const QString untrusted = makePackage(kStm32f4, QStringLiteral("untrusted.ptpkg"), {}, otherKey);
        QVERIFY(!untrusted.isEmpty());
        // Fingerprints as openssl computes them: SHA-256 of the DER SubjectPublicKeyInfo.
        const auto fingerprint = [](const QString &pub) {
            QByteArray der;
            if (run(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-in"), pub,
                                                QStringLiteral("-outform"), QStringLiteral("DER")}, &der) != 0)
                return QString();
            return QString::fromLatin1(QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex());
        };
        const QString trustedFp = fingerprint(m_publicKey);
        const QString otherFp = fingerprint(otherPub);
        QCOMPARE(trustedFp.size(), 64);
        QCOMPARE(otherFp.size(), 64);

        // package inspect names the signer without --key.
        const CliRun inspect = cli({QStringLiteral("package"), QStringLiteral("inspect"), untrusted});
        QCOMPARE(inspect.exitCode, 0);
        QCOMPARE(inspect.json.value(QStringLiteral("signer")).toString(), otherFp);

        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        const QString opsBefore = vb.flashOperations();
        QVERIFY2(!opsBefore.isEmpty(), vb.diagnostics().constData());
        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), untrusted});
        QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
        const QString message = r.json.value(QStringLiteral("error")).toString();
        QVERIFY2(message.contains(QStringLiteral("does not trust")) && message.contains(otherFp) && message.contains(trustedFp),
                 qPrintable(r.describe()));
        QCOMPARE(vb.flashOperations(), opsBefore); // no erase, no program: nothing was staged
        QCOMPARE(regionHashes(uri, dir.path()), before);

        // The same package as an older Piton made it: the header without the signer extension.
        QByteArray bytes = readFile(untrusted);
        const qsizetype h = quint8(bytes[6]) | quint8(bytes[7]) << 8;
        QCOMPARE(h, qsizetype(16 + 4 + 91));
        bytes.remove(16, h - 16);
        bytes[6] = 16;
        bytes[7] = 0;
        const QString oldStyle = dir.filePath(QStringLiteral("old-style-untrusted.ptpkg"));
        QVERIFY(writeFile(oldStyle, bytes));
        QVERIFY(cli({QStringLiteral("package"), QStringLiteral("inspect"), oldStyle}).json.value(QStringLiteral("signer")).isNull());
        // With --key the host checks it before sending: refused, nothing changed.
        const CliRun withKey = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), oldStyle, QStringLiteral("--key"), otherPub});
        QVERIFY2(withKey.exitCode == 4 && withKey.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("does not trust")),
                 qPrintable(withKey.describe()));
        QCOMPARE(vb.flashOperations(), opsBefore);
        // Without a key only the board can judge it: sent, then refused by the board (exit 4).
        const CliRun sent = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), oldStyle});
        QVERIFY2(sent.exitCode == 4, qPrintable(sent.describe()));
        QVERIFY2(sent.err.contains("piton-cli: warning: the package does not name its signer"), qPrintable(sent.describe()));
        QVERIFY(vb.flashOperations() != opsBefore);

        // A trusted package of an older Piton still deploys.
        const QString trusted = makePackage(kStm32f4, QStringLiteral("trusted.ptpkg"), {QStringLiteral("--version"), QStringLiteral("2.0.0")});
        QVERIFY(!trusted.isEmpty());
        bytes = readFile(trusted);
        bytes.remove(16, h - 16);
        bytes[6] = 16;
        const QString oldTrusted = dir.filePath(QStringLiteral("old-style-trusted.ptpkg"));
        QVERIFY(writeFile(oldTrusted, bytes));
        const CliRun ok = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), oldTrusted});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("info")}).json.value(QStringLiteral("applicationVersion")).toString(),
                 QStringLiteral("2.0.0"));
    }

    // 4: config backup, change two entries, restore: identical; a damaged backup is refused.
    void configBackupChangeRestore()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.serialUri();
        const QString backup = dir.filePath(QStringLiteral("config.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), backup}).exitCode, 0);
        const CliRun original = cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("get")});
        QCOMPARE(original.exitCode, 0);
        QVERIFY(original.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("serial")).toString().startsWith(QStringLiteral("PT-")));

        CliRun set = cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("net.ip=192.168.7.20"),
                          QStringLiteral("usb.product=Line 4 tester")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
        CliRun changed = cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("get")});
        QCOMPARE(changed.json.value(QStringLiteral("config")).toObject().value(QStringLiteral("usb.product")).toString(), QStringLiteral("Line 4 tester"));
        QVERIFY(changed.json != original.json);

        // Invalid values never reach the device.
        CliRun badIp = cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("net.ip=300.1.1.1")});
        QCOMPARE(badIp.exitCode, 2);

        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("restore"), backup}).exitCode, 0);
        const QString afterFile = dir.filePath(QStringLiteral("after.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), afterFile}).exitCode, 0);
        QCOMPARE(readFile(afterFile), readFile(backup));

        // One byte changed in the backup: refused, config unchanged.
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.site=north")}).exitCode, 0);
        const QString current = dir.filePath(QStringLiteral("current.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), current}).exitCode, 0);
        QByteArray damaged = readFile(backup);
        damaged[14] = char(damaged[14] ^ 0x20);
        const QString damagedFile = dir.filePath(QStringLiteral("damaged.ptcfg"));
        QVERIFY(writeFile(damagedFile, damaged));
        CliRun refused = cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("restore"), damagedFile});
        QVERIFY2(refused.exitCode != 0, qPrintable(refused.describe()));
        QVERIFY2(refused.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("CRC"), Qt::CaseInsensitive), qPrintable(refused.describe()));
        const QString check = dir.filePath(QStringLiteral("check.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), check}).exitCode, 0);
        QCOMPARE(readFile(check), readFile(current));
    }

    // 5: erase deployment: all 0xFF, other regions unchanged, recovery mode after reboot.
    void eraseDeploymentThenRecoveryMode()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const QString pkg = makePackage(kStm32f4, QStringLiteral("erase-test.ptpkg"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), pkg}).exitCode, 0);
        const QMap<QString, QString> before = regionHashes(uri, dir.path());

        CliRun erase = cli({QStringLiteral("-c"), uri, QStringLiteral("erase"), QStringLiteral("deployment")});
        QVERIFY2(erase.exitCode == 0, qPrintable(erase.describe()));
        const QString readBack = dir.filePath(QStringLiteral("erased.bin"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("read"), QStringLiteral("deployment"), QStringLiteral("-o"), readBack}).exitCode, 0);
        const QByteArray erased = readFile(readBack);
        QCOMPARE(erased.size(), 786432);
        QCOMPARE(erased, QByteArray(erased.size(), char(0xFF)));

        const QMap<QString, QString> after = regionHashes(uri, dir.path());
        for (const QString &name : {QStringLiteral("bootloader"), QStringLiteral("config"), QStringLiteral("firmware")})
            QCOMPARE(after.value(name), before.value(name));

        // Protected regions are refused.
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("erase"), QStringLiteral("bootloader")}).exitCode, 1);

        CliRun reboot = cli({QStringLiteral("-c"), uri, QStringLiteral("reboot")});
        QVERIFY2(reboot.exitCode == 0, qPrintable(reboot.describe()));
        CliRun ping = cli({QStringLiteral("-c"), uri, QStringLiteral("ping")});
        QCOMPARE(ping.json.value(QStringLiteral("stage")).toString(), QStringLiteral("bootloader"));
        // INFO names only images that are in flash: none now, in recovery mode as before it.
        const QJsonObject info = cli({QStringLiteral("-c"), uri, QStringLiteral("info")}).json;
        QVERIFY2(info.value(QStringLiteral("applicationVersion")).isNull(), qPrintable(QString::fromUtf8(QJsonDocument(info).toJson())));
        QCOMPARE(info.value(QStringLiteral("imageState")).toString(), QStringLiteral("none"));
    }

    // Right after `erase deployment`, while the application still runs, INFO already says the
    // application is gone (image state none, no version), and recover says what to do.
    void eraseDeploymentIsVisibleAtOnce()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const QString pkg = makePackage(kStm32f4, QStringLiteral("erase-visible.ptpkg"));
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), pkg}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("-y"), QStringLiteral("erase"), QStringLiteral("deployment")}).exitCode, 0);
        const QJsonObject info = cli({QStringLiteral("-c"), uri, QStringLiteral("info")}).json;
        QCOMPARE(info.value(QStringLiteral("stage")).toString(), QStringLiteral("application")); // still running from RAM
        QCOMPARE(info.value(QStringLiteral("imageState")).toString(), QStringLiteral("none"));
        QVERIFY(info.value(QStringLiteral("applicationVersion")).isNull());
        const CliRun r = cli({QStringLiteral("-c"), uri, QStringLiteral("recover"), QStringLiteral("--dry-run")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QJsonDocument(r.json).toJson().contains("application-missing"), qPrintable(r.describe()));
    }

    // 6: the link drops mid-deploy; the next deploy resumes from the staged offset.
    void resumeAfterLinkLoss_data()
    {
        QTest::addColumn<bool>("serial");
        QTest::newRow("tcp") << false;
        QTest::newRow("serial") << true;
    }
    void resumeAfterLinkLoss()
    {
        QFETCH(bool, serial);
        QTemporaryDir dir;
        VirtualBoard vb;
        // The board drops the link once after 120 KB have arrived.
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey, {QStringLiteral("--drop-link-after"), QStringLiteral("120000")}),
                 qPrintable(vb.error()));
        const QString uri = serial ? vb.serialUri() : vb.tcpUri();
        const QString pkg = makePackage(kStm32f4, QStringLiteral("resume.ptpkg"));
        const qint64 size = QFile(pkg).size();

        CliRun first = cli({QStringLiteral("-c"), uri, QStringLiteral("--timeout"), QStringLiteral("3000"), QStringLiteral("deploy"), pkg});
        QVERIFY2(first.exitCode == 3, qPrintable(first.describe() + QString::fromUtf8(vb.diagnostics())));

        CliRun second = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), pkg});
        QVERIFY2(second.exitCode == 0, qPrintable(second.describe() + QString::fromUtf8(vb.diagnostics())));
        const qint64 resumed = second.json.value(QStringLiteral("resumedFrom")).toInteger();
        const qint64 sent = second.json.value(QStringLiteral("sent")).toInteger();
        QVERIFY2(resumed > 0, qPrintable(second.describe()));
        QVERIFY2(sent < size, qPrintable(second.describe()));
        QCOMPARE(resumed + sent, size);
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("verify"), pkg}).exitCode, 0);
    }

    // Retransmission (docs/protocol.md §2): the board loses 16 of every 40 000 bytes it receives
    // and every 29th frame it sends; the deploy still completes in one run, without a resume,
    // and the deployment region holds exactly the image (a repeated UPDATE_DATA executed twice
    // would fail with SEQUENCE; a lost one would leave a hole).
    void deployWithLostFrames_data()
    {
        QTest::addColumn<bool>("serial");
        QTest::newRow("tcp") << false;
        QTest::newRow("serial") << true;
    }
    void deployWithLostFrames()
    {
        QFETCH(bool, serial);
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey,
                          {QStringLiteral("--lose-rx"), QStringLiteral("40000"), QStringLiteral("--lose-tx"), QStringLiteral("29")}),
                 qPrintable(vb.error()));
        const QString uri = serial ? vb.serialUri() : vb.tcpUri();
        const QString pkg = makePackage(kStm32f4, QStringLiteral("lossy.ptpkg"));
        QVERIFY(!pkg.isEmpty());

        CliRun deploy = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), pkg});
        QVERIFY2(deploy.exitCode == 0, qPrintable(deploy.describe() + QString::fromUtf8(vb.diagnostics())));
        QCOMPARE(deploy.json.value(QStringLiteral("resumedFrom")).toInt(), 0);
        QCOMPARE(deploy.json.value(QStringLiteral("sent")).toInteger(), QFile(pkg).size());

        const QString readBack = dir.filePath(QStringLiteral("deployment.bin"));
        CliRun read = cli({QStringLiteral("-c"), uri, QStringLiteral("read"), QStringLiteral("deployment"), QStringLiteral("-o"), readBack});
        QVERIFY2(read.exitCode == 0, qPrintable(read.describe() + QString::fromUtf8(vb.diagnostics())));
        QByteArray oracle = readFile(path(kStm32f4.id + QStringLiteral("-app.bin")));
        const QByteArray region = readFile(readBack);
        QVERIFY(region.size() > oracle.size());
        oracle.append(QByteArray(region.size() - oracle.size(), char(0xFF)));
        QCOMPARE(QCryptographicHash::hash(region, QCryptographicHash::Sha256).toHex(),
                 QCryptographicHash::hash(oracle, QCryptographicHash::Sha256).toHex());

        // The board really lost bytes and frames on the way (its own count).
        QVERIFY(!vb.flashOperations().isEmpty());
        static const QRegularExpression lost(QStringLiteral("received bytes lost (\\d+), frames sent lost (\\d+)"));
        QRegularExpressionMatch m;
        for (const QString &line : QString::fromUtf8(vb.diagnostics()).split(QLatin1Char('\n')))
            if (const QRegularExpressionMatch k = lost.match(line); k.hasMatch())
                m = k;
        QVERIFY2(m.hasMatch(), vb.diagnostics().constData());
        QVERIFY2(m.captured(1).toInt() >= 16 * 5, qPrintable(m.captured(0)));
        QVERIFY2(m.captured(2).toInt() >= 2, qPrintable(m.captured(0)));
    }

    // Raw write: accepted on a development board and verified; refused on a locked board,
    // which stays exactly as it was.
    void rawWriteOnlyWhenUnlocked()
    {
        QTemporaryDir dir;
        const QString image = dir.filePath(QStringLiteral("fw.bin"));
        QByteArray bytes;
        for (int i = 0; i < 70000; ++i)
            bytes.append(char((i * 7 + 3) & 0xFF));
        QVERIFY(writeFile(image, bytes));
        const QStringList writeArgs{QStringLiteral("write"), QStringLiteral("firmware"), image,
                                    QStringLiteral("--base"), QStringLiteral("0x08010000")};
        {
            VirtualBoard vb;
            QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
            CliRun w = cli(QStringList{QStringLiteral("-c"), vb.tcpUri()} + writeArgs);
            QVERIFY2(w.exitCode == 0, qPrintable(w.describe()));
            const QString back = dir.filePath(QStringLiteral("fw-back.bin"));
            QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("read"), QStringLiteral("firmware"), QStringLiteral("-o"), back}).exitCode, 0);
            QCOMPARE(readFile(back).left(bytes.size()), bytes);
        }
        QTemporaryDir lockedDir;
        VirtualBoard locked;
        QVERIFY2(locked.start(lockedDir.path(), kStm32f4.id, m_publicKey, {QStringLiteral("--locked")}), qPrintable(locked.error()));
        CliRun info = cli({QStringLiteral("-c"), locked.tcpUri(), QStringLiteral("info")});
        QCOMPARE(info.json.value(QStringLiteral("locked")).toBool(), true);
        const QMap<QString, QString> before = regionHashes(locked.tcpUri(), lockedDir.path());
        CliRun w = cli(QStringList{QStringLiteral("-c"), locked.tcpUri()} + writeArgs);
        QVERIFY2(w.exitCode == 1, qPrintable(w.describe()));
        QVERIFY2(w.json.value(QStringLiteral("error")).toString().contains(QStringLiteral("lock"), Qt::CaseInsensitive), qPrintable(w.describe()));
        QCOMPARE(regionHashes(locked.tcpUri(), lockedDir.path()), before);
    }

    // Every image format a user brings goes through the one loader: ELF (linked by
    // arm-none-eabi-ld), DfuSe (written by dfu-util's dfuse-pack), UF2 (blocks as uf2conv
    // writes them) and Intel HEX (written by arm-none-eabi-objcopy from the ELF) are written
    // into the firmware region and read back from the board equal. A UF2 file of another chip
    // family is refused by the package builder for stm32f4-ref (family STM32F4).
    void everyImageFormatWrites()
    {
        QTemporaryDir dir;
        QByteArray payload;
        for (int i = 0; i < 9000; ++i)
            payload.append(char((i * 13 + 5) ^ (i >> 8)));
        const quint32 base = 0x08010000;
        const QString bin = dir.filePath(QStringLiteral("fw.bin"));
        QVERIFY(writeFile(bin, payload));
        QStringList files;
        // ELF: the payload as .text at the firmware region.
        const QString obj = dir.filePath(QStringLiteral("fw.o")), elf = dir.filePath(QStringLiteral("fw.elf"));
        if (run(QStringLiteral("arm-none-eabi-objcopy"), {QStringLiteral("-I"), QStringLiteral("binary"), QStringLiteral("-O"),
                                                          QStringLiteral("elf32-littlearm"), QStringLiteral("-B"), QStringLiteral("arm"),
                                                          bin, obj}) == 0 &&
            run(QStringLiteral("arm-none-eabi-ld"), {QStringLiteral("--section-start=.data=0x08010000"), QStringLiteral("-e"),
                                                     QStringLiteral("0x08010000"), QStringLiteral("-o"), elf, obj}) == 0) {
            files << elf;
            const QString hex = dir.filePath(QStringLiteral("fw.hex"));
            QCOMPARE(run(QStringLiteral("arm-none-eabi-objcopy"), {QStringLiteral("-O"), QStringLiteral("ihex"), elf, hex}), 0);
            files << hex;
        } else {
            qWarning("arm-none-eabi-objcopy/ld missing: ELF not tried");
        }
        const QString dfu = dir.filePath(QStringLiteral("fw.dfu"));
        if (run(QStringLiteral("dfuse-pack"), {QStringLiteral("-b"), QStringLiteral("0x08010000:") + bin, QStringLiteral("-D"),
                                               QStringLiteral("0x0483:0xdf11"), dfu}) == 0)
            files << dfu;
        else
            qWarning("dfuse-pack missing (Debian dfu-util): DfuSe not tried");
        auto uf2 = [&](quint32 family) {
            QByteArray out;
            const int count = int((payload.size() + 255) / 256);
            for (int n = 0; n < count; ++n) {
                QByteArray block(512, '\0');
                const QByteArray chunk = payload.mid(n * 256, 256);
                const quint32 words[] = {0x0A324655, 0x9E5D5157, 0x2000, base + quint32(n) * 256, quint32(chunk.size()),
                                         quint32(n), quint32(count), family};
                for (int w = 0; w < 8; ++w)
                    for (int b = 0; b < 4; ++b)
                        block[w * 4 + b] = char(words[w] >> (8 * b));
                std::copy(chunk.cbegin(), chunk.cend(), block.begin() + 32);
                for (int b = 0; b < 4; ++b)
                    block[508 + b] = char(quint32(0x0AB16F30) >> (8 * b));
                out += block;
            }
            return out;
        };
        const QString uf2Good = dir.filePath(QStringLiteral("fw.uf2")), uf2Other = dir.filePath(QStringLiteral("rp2040.uf2"));
        QVERIFY(writeFile(uf2Good, uf2(0x57755a57)));
        QVERIFY(writeFile(uf2Other, uf2(0xe48bff56)));
        files << uf2Good;

        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        for (const QString &file : std::as_const(files)) {
            QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("erase"), QStringLiteral("firmware")}).exitCode, 0);
            CliRun w = cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("write"), QStringLiteral("firmware"), file});
            QVERIFY2(w.exitCode == 0, qPrintable(file + QStringLiteral(": ") + w.describe()));
            const QString back = dir.filePath(QStringLiteral("back.bin"));
            QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("read"), QStringLiteral("firmware"), QStringLiteral("-o"), back}).exitCode, 0);
            QVERIFY2(readFile(back).left(payload.size()) == payload, qPrintable(file));
        }
        QVERIFY(files.size() >= 4);
        // A UF2 file for another chip family is refused before anything is erased.
        const QMap<QString, QString> before = regionHashes(vb.tcpUri(), dir.path());
        CliRun other = cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("-y"), QStringLiteral("write"), QStringLiteral("firmware"), uf2Other});
        QVERIFY2(other.exitCode == 4 && other.json.value(QStringLiteral("error")).toString().contains(
                                            QStringLiteral("the image is a UF2 file for family 0xe48bff56, board stm32f4-ref is family 0x57755a57; nothing was changed")),
                 qPrintable(other.describe()));
        QCOMPARE(regionHashes(vb.tcpUri(), dir.path()), before);
        CliRun wrong = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), kStm32f4.id,
                            QStringLiteral("--version"), QStringLiteral("1.0.0"), QStringLiteral("--key"), m_privateKey,
                            QStringLiteral("--firmware"), uf2Other, QStringLiteral("-o"), path(QStringLiteral("never-uf2.ptpkg"))});
        QVERIFY2(wrong.exitCode != 0 && wrong.json.value(QStringLiteral("error")).toString().contains(
                                            QStringLiteral("is a UF2 file for family 0xe48bff56, board stm32f4-ref is family 0x57755a57")),
                 qPrintable(wrong.describe()));
        QVERIFY(!QFile::exists(path(QStringLiteral("never-uf2.ptpkg"))));
        CliRun right = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), kStm32f4.id,
                            QStringLiteral("--version"), QStringLiteral("1.0.0"), QStringLiteral("--key"), m_privateKey,
                            QStringLiteral("--firmware"), uf2Good, QStringLiteral("-o"), path(QStringLiteral("uf2.ptpkg"))});
        QVERIFY2(right.exitCode == 0, qPrintable(right.describe()));
    }

    // An image with bytes outside the target region is refused when the package is built,
    // naming the range and the region (the corpus HEX is linked for the nRF51 at 0).
    void imageOutsideRegionIsRefused()
    {
        const QString corpus = corpusDir() + QStringLiteral("/microbit-micropython-1.0.1.hex");
        CliRun r = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), kStm32f4.id,
                        QStringLiteral("--version"), QStringLiteral("1.0.0"), QStringLiteral("--key"), m_privateKey,
                        QStringLiteral("--application"), corpus, QStringLiteral("-o"), path(QStringLiteral("never.ptpkg"))});
        QCOMPARE(r.exitCode, 1); // a damaged/unsuitable input file, not a usage error
        QVERIFY2(r.json.value(QStringLiteral("error")).toString().contains(
                     QStringLiteral("application image bytes 0x00000000..0x0003b88b are outside region deployment (%1..%2)")
                         .arg(hexAddress(kStm32f4.deploymentAddress),
                              hexAddress(kStm32f4.deploymentAddress + piton::test::regionSize(kStm32f4.id, QStringLiteral("deployment")) - 1))),
                 qPrintable(r.describe()));
        QVERIFY(!QFile::exists(path(QStringLiteral("never.ptpkg"))));
    }

    // Restoring board A's backup onto board B keeps B's serial number and MAC (two boards must
    // not share them) and takes everything else; --copy-identity copies them too.
    void identitySafeRestore()
    {
        QTemporaryDir dirA, dirB;
        VirtualBoard a, b;
        QVERIFY2(a.start(dirA.path(), kStm32f4.id, m_publicKey), qPrintable(a.error()));
        QVERIFY2(b.start(dirB.path(), kStm32f4.id, m_publicKey), qPrintable(b.error()));
        const auto config = [](const QString &uri) {
            return cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("get")}).json.value(QStringLiteral("config")).toObject();
        };
        QCOMPARE(cli({QStringLiteral("-c"), a.tcpUri(), QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("serial=LINE4-0001"),
                      QStringLiteral("user.site=north"), QStringLiteral("net.ip=10.0.0.7")}).exitCode, 0);
        const QString backup = m_dir.filePath(QStringLiteral("board-a.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), a.tcpUri(), QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), backup}).exitCode, 0);
        const QJsonObject before = config(b.tcpUri());
        const QString serialB = before.value(QStringLiteral("serial")).toString();
        const QString macB = before.value(QStringLiteral("net.mac")).toString();
        QVERIFY(!serialB.isEmpty() && !macB.isEmpty() && macB != config(a.tcpUri()).value(QStringLiteral("net.mac")).toString());

        CliRun r = cli({QStringLiteral("-c"), b.tcpUri(), QStringLiteral("config"), QStringLiteral("restore"), backup});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json.value(QStringLiteral("keptIdentity")).toArray().size(), 2);
        QJsonObject after = config(b.tcpUri());
        QCOMPARE(after.value(QStringLiteral("serial")).toString(), serialB);
        QCOMPARE(after.value(QStringLiteral("net.mac")).toString(), macB);
        QCOMPARE(after.value(QStringLiteral("user.site")).toString(), QStringLiteral("north"));
        QCOMPARE(after.value(QStringLiteral("net.ip")).toString(), QStringLiteral("10.0.0.7"));
        QCOMPARE(cli({QStringLiteral("-c"), b.tcpUri(), QStringLiteral("info")}).json.value(QStringLiteral("serialNumber")).toString(), serialB);

        r = cli({QStringLiteral("-c"), b.tcpUri(), QStringLiteral("-y"), QStringLiteral("config"), QStringLiteral("restore"),
                 QStringLiteral("--copy-identity"), backup});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json.value(QStringLiteral("copiedIdentity")).toArray().size(), 2);
        after = config(b.tcpUri());
        QCOMPARE(after.value(QStringLiteral("serial")).toString(), QStringLiteral("LINE4-0001"));
        QCOMPARE(after.value(QStringLiteral("net.mac")).toString(), config(a.tcpUri()).value(QStringLiteral("net.mac")).toString());
        // A's own backup onto A is restored byte for byte, identity and all.
        r = cli({QStringLiteral("-c"), a.tcpUri(), QStringLiteral("config"), QStringLiteral("restore"), backup});
        QVERIFY2(r.exitCode == 0 && r.json.value(QStringLiteral("keptIdentity")).toArray().isEmpty(), qPrintable(r.describe()));
    }

    // Every command has --help (exit 0) and `help COMMAND`; global options work after the
    // command too; keys generate puts the public key beside the private one.
    void helpAndGlobalOptionsAnywhere()
    {
        for (const char *command : {"list", "ping", "info", "regions", "read", "erase", "write", "deploy", "verify", "config",
                                    "reboot", "confirm", "recover", "keys", "package", "bundle", "rom", "line"}) {
            const QString c = QString::fromLatin1(command);
            QByteArray text;
            QCOMPARE(run(cliPath(), {c, QStringLiteral("--help")}, &text), 0);
            QVERIFY2(text.contains("usage: piton-cli") && text.contains(command), text.constData());
            QCOMPARE(run(cliPath(), {QStringLiteral("help"), c}, &text), 0);
        }
        QCOMPARE(cli({QStringLiteral("help"), QStringLiteral("frobnicate")}).exitCode, 2);

        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const CliRun after = cli({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("serial"), QStringLiteral("-c"), vb.tcpUri()});
        QVERIFY2(after.exitCode == 0 && after.json.value(QStringLiteral("config")).toObject().contains(QStringLiteral("serial")),
                 qPrintable(after.describe()));
        const CliRun yesAfter = cli({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.x=1"), QStringLiteral("-y"),
                                     QStringLiteral("--connect=") + vb.tcpUri()});
        QVERIFY2(yesAfter.exitCode == 0, qPrintable(yesAfter.describe()));

        const QString key = dir.filePath(QStringLiteral("k.pem"));
        const CliRun k = cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("-o"), key});
        QVERIFY2(k.exitCode == 0, qPrintable(k.describe()));
        QCOMPARE(k.json.value(QStringLiteral("public")).toString(), dir.filePath(QStringLiteral("k.pub.pem")));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("k.pub.pem"))));
    }

    // Every exit code of docs/cli.md's table, through the real CLI against a real board, with
    // the message that goes with it.
    void everyDocumentedExitCode()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const auto error = [](const CliRun &r) { return r.json.value(QStringLiteral("error")).toString(); };
        // Empty when `r` exited with `code` (also in its JSON) and its error names `message`.
        const auto mismatch = [&](const CliRun &r, int code, const QString &message) {
            if (r.exitCode != code || (code != 0 && r.json.value(QStringLiteral("exitCode")).toInt() != code))
                return QStringLiteral("expected exit %1: %2").arg(code).arg(r.describe());
            if (!error(r).contains(message))
                return QStringLiteral("expected '%1' in: %2").arg(message, r.describe());
            return QString();
        };
#define EXPECT_EXIT(run, code, message) \
    do { \
        const QString problem = mismatch(run, code, message); \
        QVERIFY2(problem.isEmpty(), qPrintable(problem)); \
    } while (false)

        // 0: success.
        const CliRun ping = cli({QStringLiteral("-c"), uri, QStringLiteral("ping")});
        EXPECT_EXIT(ping, 0, QString());
        QCOMPARE(ping.json.value(QStringLiteral("stage")).toString(), QStringLiteral("bootloader"));
        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        QVERIFY(before.size() >= 5);

        // 1: the device refuses (a protected region), and damaged or unsuitable input files.
        EXPECT_EXIT(cli({QStringLiteral("-c"), uri, QStringLiteral("erase"), QStringLiteral("bootloader")}), 1, QStringLiteral("bootloader"));
        const QString notAFile = dir.filePath(QStringLiteral("image.hex"));
        QVERIFY(QDir().mkdir(notAFile));
        EXPECT_EXIT(cli({QStringLiteral("-c"), uri, QStringLiteral("write"), QStringLiteral("firmware"), notAFile}), 1,
               notAFile + QStringLiteral(" is a directory"));
        const QString eofOnly = dir.filePath(QStringLiteral("eof.hex"));
        QVERIFY(writeFile(eofOnly, ":00000001FF\n"));
        EXPECT_EXIT(cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), kStm32f4.id, QStringLiteral("--version"),
                    QStringLiteral("1.0.0"), QStringLiteral("--key"), m_privateKey, QStringLiteral("--application"), eofOnly,
                    QStringLiteral("-o"), dir.filePath(QStringLiteral("never.ptpkg"))}),
               1, eofOnly + QStringLiteral(" holds no data"));
        EXPECT_EXIT(cli({QStringLiteral("package"), QStringLiteral("inspect"), path(QStringLiteral("missing.ptpkg"))}), 1, QStringLiteral("missing.ptpkg"));

        // 2: usage errors: unknown command, bad argument, unknown link kind, unknown option,
        // a raw binary without its base address (naming the option that exists).
        EXPECT_EXIT(cli({QStringLiteral("frobnicate")}), 2, QStringLiteral("unknown command 'frobnicate'"));
        EXPECT_EXIT(cli({QStringLiteral("-c"), uri, QStringLiteral("ping"), QStringLiteral("extra")}), 2, QStringLiteral("unexpected argument 'extra'"));
        EXPECT_EXIT(cli({QStringLiteral("-c"), QStringLiteral("bogus:thing"), QStringLiteral("ping")}), 2, QStringLiteral("unknown scheme \"bogus\""));
        EXPECT_EXIT(cli({QStringLiteral("--bogus"), QStringLiteral("ping")}), 2, QStringLiteral("bogus"));
        const QString raw = dir.filePath(QStringLiteral("app.bin"));
        QVERIFY(writeFile(raw, QByteArray(256, 'a')));
        const CliRun noBase = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), kStm32f4.id,
                                   QStringLiteral("--version"), QStringLiteral("1.0.0"), QStringLiteral("--key"), m_privateKey,
                                   QStringLiteral("--application"), raw, QStringLiteral("-o"), dir.filePath(QStringLiteral("never.ptpkg"))});
        EXPECT_EXIT(noBase, 2, QStringLiteral("with --application-base ADDRESS"));
        QVERIFY2(!error(noBase).contains(QStringLiteral("--base ")), qPrintable(noBase.describe()));
        EXPECT_EXIT(cli({QStringLiteral("-c"), uri, QStringLiteral("write"), QStringLiteral("firmware"), raw}), 2, QStringLiteral("with --base ADDRESS"));

        // 3: nothing listens on the port.
        EXPECT_EXIT(cli({QStringLiteral("-c"), QStringLiteral("tcp:127.0.0.1:1"), QStringLiteral("ping")}), 3, QStringLiteral("cannot connect to tcp 127.0.0.1:1"));

        // 4: a package signed with a key the board does not trust; verify against a package the
        // board does not run.
        const QString otherKey = dir.filePath(QStringLiteral("other.pem"));
        QCOMPARE(cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("-o"), otherKey}).exitCode, 0);
        const QString untrusted = makePackage(kStm32f4, QStringLiteral("exit4-untrusted.ptpkg"), {}, otherKey);
        QVERIFY(!untrusted.isEmpty());
        EXPECT_EXIT(cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), untrusted}), 4, QStringLiteral("trust"));
        const CliRun verify = cli({QStringLiteral("-c"), uri, QStringLiteral("verify"), untrusted});
        EXPECT_EXIT(verify, 4, QStringLiteral("deployment content differs from the package"));
        QCOMPARE(verify.json.value(QStringLiteral("match")).toBool(true), false); // what differs, in the JSON too
        QVERIFY2(!verify.json.value(QStringLiteral("details")).toArray().isEmpty(), qPrintable(verify.describe()));

        // None of the refusals changed the board.
        QCOMPARE(regionHashes(uri, dir.path()), before);

        // 5: installed, but the new image did not confirm itself (a board whose application
        // never confirms; its watchdog resets it until the bootloader reverts).
        QTemporaryDir dir5;
        VirtualBoard noConfirm;
        QVERIFY2(noConfirm.start(dir5.path(), kStm32f4.id, m_publicKey,
                                 {QStringLiteral("--no-confirm"), QStringLiteral("--watchdog-ms"), QStringLiteral("300")}),
                 qPrintable(noConfirm.error()));
        const QString trusted = makePackage(kStm32f4, QStringLiteral("exit5.ptpkg"));
        QVERIFY(!trusted.isEmpty());
        EXPECT_EXIT(cli({QStringLiteral("-c"), noConfirm.tcpUri(), QStringLiteral("deploy"), trusted}), 5,
                    QStringLiteral("the new image did not confirm itself within 3 boots"));
#undef EXPECT_EXIT
    }

    // Bad input files are refused before anything reaches the board, each with a message that
    // names the problem and exit 1; every region is unchanged (SHA-256 of each before and after).
    void badInputFilesChangeNothing()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        QCOMPARE(cli({QStringLiteral("-c"), uri, QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.site=north")}).exitCode, 0);
        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        QVERIFY(before.size() >= 5);

        const QString folder = dir.filePath(QStringLiteral("folder"));
        QVERIFY(QDir().mkdir(folder));
        const QString emptyHex = dir.filePath(QStringLiteral("empty.hex"));
        const QString emptyBin = dir.filePath(QStringLiteral("empty.bin"));
        const QString eofOnly = dir.filePath(QStringLiteral("eof.hex"));
        QVERIFY(writeFile(emptyHex, {}) && writeFile(emptyBin, {}) && writeFile(eofOnly, ":00000001FF\n"));
        const QString config2k = dir.filePath(QStringLiteral("2k.ptcfg"));
        const QString config10m = dir.filePath(QStringLiteral("10m.ptcfg"));
        QVERIFY(writeFile(config2k, QByteArray(2048, 'P')) && writeFile(config10m, QByteArray(10 * 1024 * 1024, 'P')));
        const QString base = QStringLiteral("0x08010000");

        struct Case { QStringList args; QString message; };
        const QList<Case> cases{
            {{QStringLiteral("write"), QStringLiteral("firmware"), folder}, folder + QStringLiteral(" is a directory, not an image file")},
            {{QStringLiteral("write"), QStringLiteral("firmware"), folder, QStringLiteral("--base"), base}, folder + QStringLiteral(" is a directory")},
            {{QStringLiteral("write"), QStringLiteral("firmware"), emptyHex}, emptyHex + QStringLiteral(" holds no data (the file is empty)")},
            {{QStringLiteral("write"), QStringLiteral("firmware"), eofOnly}, eofOnly + QStringLiteral(" holds no data (no data records)")},
            {{QStringLiteral("write"), QStringLiteral("firmware"), emptyBin, QStringLiteral("--base"), base}, emptyBin + QStringLiteral(" holds no data")},
            {{QStringLiteral("config"), QStringLiteral("restore"), config2k}, QStringLiteral("too large: 2048 bytes, at most 1024 allowed")},
            {{QStringLiteral("config"), QStringLiteral("restore"), config10m}, QStringLiteral("too large: 10485760 bytes, at most 1024 allowed")},
            {{QStringLiteral("recover"), QStringLiteral("--config-backup"), config10m}, QStringLiteral("too large: 10485760 bytes")},
        };
        for (const Case &c : cases) {
            const CliRun r = cli(QStringList{QStringLiteral("-c"), uri} + c.args);
            QVERIFY2(r.exitCode == 1, qPrintable(c.args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.describe()));
            QVERIFY2(r.json.value(QStringLiteral("error")).toString().contains(c.message),
                     qPrintable(QStringLiteral("expected '%1' in: %2").arg(c.message, r.describe())));
        }
        // The same image errors when a package is built (no board involved).
        for (const auto &[image, message] : {std::pair{folder, QStringLiteral(" is a directory")}, std::pair{eofOnly, QStringLiteral(" holds no data")}}) {
            const CliRun r = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), kStm32f4.id,
                                  QStringLiteral("--version"), QStringLiteral("1.0.0"), QStringLiteral("--key"), m_privateKey,
                                  QStringLiteral("--firmware"), image, QStringLiteral("-o"), dir.filePath(QStringLiteral("never.ptpkg"))});
            QVERIFY2(r.exitCode == 1 && r.json.value(QStringLiteral("error")).toString().contains(image + message), qPrintable(r.describe()));
        }
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("never.ptpkg"))));
        QCOMPARE(regionHashes(uri, dir.path()), before);
    }

    // piton-cli shows core's messages in the locale's language (the translations the GUI
    // embeds): a region the board does not have is named in German under LANG=de_DE.UTF-8, in
    // French under fr_FR.UTF-8, in English under C.UTF-8; a package that cannot be opened too.
    // The refusals change nothing on the board (region hashes).
    void messagesInTheLocaleLanguage()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const QString uri = vb.tcpUri();
        const QMap<QString, QString> before = regionHashes(uri, dir.path());
        const QString missing = dir.filePath(QStringLiteral("missing.ptpkg"));
        struct Case { QString lang, noRegion, noPackage; };
        const QList<Case> cases{
            {QStringLiteral("de_DE.UTF-8"), QStringLiteral("das Gerät hat keinen Bereich 'nosuch'"),
             QStringLiteral("Paket %1 kann nicht geöffnet werden").arg(missing)},
            {QStringLiteral("fr_FR.UTF-8"), QStringLiteral("l'appareil n'a pas de région 'nosuch'"),
             QStringLiteral("impossible d'ouvrir le paquet %1").arg(missing)},
            {QStringLiteral("C.UTF-8"), QStringLiteral("the device has no region 'nosuch'"),
             QStringLiteral("cannot open package %1").arg(missing)},
        };
        for (const Case &c : cases) {
            const CliRun erase = cli({QStringLiteral("-c"), uri, QStringLiteral("erase"), QStringLiteral("nosuch"), QStringLiteral("-y")},
                                     120000, c.lang);
            QVERIFY2(erase.exitCode == 2 && erase.json.value(QStringLiteral("error")).toString().contains(c.noRegion),
                     qPrintable(QStringLiteral("%1: expected '%2' in: %3").arg(c.lang, c.noRegion, erase.describe())));
            const CliRun deploy = cli({QStringLiteral("-c"), uri, QStringLiteral("deploy"), missing}, 120000, c.lang);
            QVERIFY2(deploy.exitCode != 0 && deploy.json.value(QStringLiteral("error")).toString().contains(c.noPackage),
                     qPrintable(QStringLiteral("%1: expected '%2' in: %3").arg(c.lang, c.noPackage, deploy.describe())));
        }
        QCOMPARE(regionHashes(uri, dir.path()), before);
    }

    // Config state (INFO 0x11) is decided by the content: a restore of the factory defaults
    // reads "empty" before and after a reboot and a power cycle; anything else reads "ok".
    void configStateAfterRestoreAndReboot()
    {
        QTemporaryDir dir;
        VirtualBoard vb;
        QVERIFY2(vb.start(dir.path(), kStm32f4.id, m_publicKey), qPrintable(vb.error()));
        const auto state = [](const QString &uri) {
            const CliRun info = cli({QStringLiteral("-c"), uri, QStringLiteral("info")});
            return info.exitCode == 0 ? info.json.value(QStringLiteral("configState")).toString() : info.describe();
        };
        const QString defaults = dir.filePath(QStringLiteral("defaults.ptcfg"));
        QCOMPARE(state(vb.tcpUri()), QStringLiteral("empty"));
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), defaults}).exitCode, 0);

        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("user.line=4")}).exitCode, 0);
        QCOMPARE(state(vb.tcpUri()), QStringLiteral("ok"));
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("reboot")}).exitCode, 0);
        QCOMPARE(state(vb.tcpUri()), QStringLiteral("ok"));

        const CliRun restore = cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("restore"), defaults});
        QVERIFY2(restore.exitCode == 0, qPrintable(restore.describe()));
        QCOMPARE(state(vb.tcpUri()), QStringLiteral("empty"));
        const CliRun reboot = cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("reboot")});
        QVERIFY2(reboot.exitCode == 0, qPrintable(reboot.describe()));
        QCOMPARE(state(vb.tcpUri()), QStringLiteral("empty"));
        QVERIFY2(vb.restart(), qPrintable(vb.error())); // power cycle
        QCOMPARE(state(vb.tcpUri()), QStringLiteral("empty"));
        const QString after = dir.filePath(QStringLiteral("after.ptcfg"));
        QCOMPARE(cli({QStringLiteral("-c"), vb.tcpUri(), QStringLiteral("config"), QStringLiteral("backup"), QStringLiteral("-o"), after}).exitCode, 0);
        QCOMPARE(readFile(after), readFile(defaults));
    }
};

QTEST_GUILESS_MAIN(CliEndToEnd)
#include "tst_cli_e2e.moc"
