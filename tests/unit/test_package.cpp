// Unit tests: keys, manifest, package build/parse/verify, compatibility checks.
// Oracle for keys: the openssl command line.
#include "board/board_profile.h"
#include "test_boards.h"
#include "test_data.h"
#include "jobs/worker_threads.h"
#include "package/keys.h"
#include "package/manifest.h"
#include "package/package.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

using namespace piton;
using piton::test::pseudoRandom;

namespace {

const QString kOpenssl = QStringLiteral(PITON_OPENSSL);

quint32 le32(const QByteArray &b, int at)
{
    return quint32(quint8(b[at])) | quint32(quint8(b[at + 1])) << 8 | quint32(quint8(b[at + 2])) << 16 |
           quint32(quint8(b[at + 3])) << 24;
}
quint16 le16(const QByteArray &b, int at) { return quint16(quint8(b[at]) | quint8(b[at + 1]) << 8); }

QByteArray runOpenssl(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(kOpenssl, args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        qWarning() << "openssl" << args << "failed:" << p.readAllStandardError();
        return {};
    }
    return p.readAllStandardOutput();
}

// stm32f4-ref's image regions, from its shipped profile (tests/test_boards.h).
const QString kBoard = QStringLiteral("stm32f4-ref");
const BoardRegion kFirmware = piton::test::shippedRegion(kBoard, QStringLiteral("firmware"));
const BoardRegion kDeployment = piton::test::shippedRegion(kBoard, QStringLiteral("deployment"));
const quint32 kDep = kDeployment.address;

BoardProfile testBoard()
{
    BoardProfile b;
    b.id = kBoard;
    b.regions = {kFirmware, kDeployment};
    return b;
}

/** "(first..last)" of a region, as the refusals name it. */
QString span(const BoardRegion &r)
{
    return QStringLiteral("(%1..%2)").arg(piton::test::hex32(r.address), piton::test::hex32(r.address + r.size - 1));
}

Image imageAt(quint32 address, const QByteArray &data)
{
    Image img;
    img.addSegment(address, data);
    return img;
}


// ---- the private-key reader against PEM_read_bio_PrivateKey ----

/** What a private-key reader made of a PEM text: accepted (the key's DER, private and public
 *  parts) or refused (the message). */
struct KeyRead {
    bool ok = false;
    QByteArray privateDer;
    QByteArray publicDer;
    QString message;
};

/** The DER `encode` (i2d_PrivateKey, i2d_PUBKEY) writes for `key`; empty if it fails. */
QByteArray i2d(int (*encode)(const EVP_PKEY *, unsigned char **), EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int n = encode(key, &der);
    QByteArray out(reinterpret_cast<const char *>(der), n > 0 ? n : 0);
    OPENSSL_free(der);
    return out;
}
QByteArray i2dPrivate(EVP_PKEY *key) { return i2d(i2d_PrivateKey, key); }
QByteArray i2dPublic(EVP_PKEY *key) { return i2d(i2d_PUBKEY, key); }

/** The reference: PrivateKey::fromPem as it was, PEM_read_bio_PrivateKey (never a pass phrase)
 *  then the P-256 check, with the same messages. */
KeyRead readWithOpenssl(const QByteArray &pem)
{
    ERR_clear_error();
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, [](char *, int, int, void *) { return -1; }, nullptr);
    BIO_free(bio);
    KeyRead r;
    if (!key) {
        char text[256] = {};
        ERR_error_string_n(ERR_peek_last_error(), text, sizeof text);
        const QString detail = ERR_peek_last_error() ? QString::fromLatin1(text) : QStringLiteral("unknown OpenSSL error");
        r.message = pem.contains("ENCRYPTED") ? QStringLiteral("encrypted private keys are not supported (%1)").arg(detail)
                                               : QStringLiteral("not a PEM private key (PKCS#8 or SEC 1): %1").arg(detail);
        ERR_clear_error();
        return r;
    }
    char group[80] = {};
    size_t length = 0;
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        r.message = QStringLiteral("key type %1 is not EC (an ECDSA P-256 key is required)").arg(QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(key))));
    else if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1)
        r.message = QStringLiteral("EC key without a named curve (P-256 is required)");
    else if (OBJ_sn2nid(group) != NID_X9_62_prime256v1)
        r.message = QStringLiteral("EC key on curve %1; only P-256 (prime256v1) is accepted").arg(QString::fromLatin1(group));
    else {
        r.ok = true;
        r.privateDer = i2dPrivate(key);
        r.publicDer = i2dPublic(key);
    }
    EVP_PKEY_free(key);
    ERR_clear_error();
    return r;
}

KeyRead readWithPiton(const QByteArray &pem)
{
    KeyRead r;
    auto key = PrivateKey::fromPem(pem);
    if (!key) {
        r.message = key.error().message;
        return r;
    }
    r.ok = true;
    r.privateDer = i2dPrivate(key->evp());
    r.publicDer = i2dPublic(key->evp());
    return r;
}

QByteArray pemBlock(const char *label, const QByteArray &der)
{
    QByteArray text = QByteArray("-----BEGIN ") + label + "-----\n";
    const QByteArray base64 = der.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64)
        text += base64.mid(i, 64) + '\n';
    return text + "-----END " + label + "-----\n";
}

QByteArray derOf(int (*write)(BIO *, EVP_PKEY *), EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    QByteArray out;
    if (write(bio, key) == 1) {
        char *data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        out = QByteArray(data, n);
    }
    BIO_free(bio);
    return out;
}

} // namespace

class TestPackage : public QObject {
    Q_OBJECT

    PrivateKey m_key;

private slots:
    void initTestCase()
    {
        auto k = generateKey();
        QVERIFY2(k.ok(), qPrintable(k.error().message));
        m_key = *k;
    }

    void versions()
    {
        QCOMPARE(packVersion(1, 2, 3), 0x01020003u);
        QCOMPARE(versionToString(0x01020003u), QStringLiteral("1.2.3"));
        auto v = parseVersion(QStringLiteral("2.10.300"));
        QVERIFY(v.has_value());
        QCOMPARE(*v, packVersion(2, 10, 300));
        QVERIFY(!parseVersion(QStringLiteral("256.0.0")));
        QVERIFY(!parseVersion(QStringLiteral("1.x")));
    }

    void manifestLayoutAndRoundTrip()
    {
        Manifest m;
        m.boardId = QStringLiteral("stm32f4-ref");
        m.version = packVersion(1, 2, 3);
        m.securityCounter = 7;
        PayloadDescriptor fw{PayloadFirmware, QStringLiteral("firmware"), 0x100, 1000, 0, packVersion(1, 2, 0), 0,
                             QByteArray(32, '\x11')};
        PayloadDescriptor app{PayloadApplication, QStringLiteral("deployment"), 0, 500, 1000, packVersion(1, 2, 3),
                              packVersion(1, 1, 0), QByteArray(32, '\x22')};
        m.payloads = {fw, app};
        QVERIFY(m.validate().ok());
        const QByteArray b = m.serialize();
        QCOMPARE(b.size(), 52 + 2 * 80);
        QCOMPARE(b.left(4), QByteArray("PTMF"));
        QCOMPARE(le16(b, 4), quint16(1));
        QCOMPARE(le16(b, 6), quint16(2));
        QCOMPARE(b.mid(8, 11), QByteArray("stm32f4-ref"));
        QCOMPARE(b.mid(19, 21), QByteArray(21, '\0'));
        QCOMPARE(le32(b, 40), packVersion(1, 2, 3));
        QCOMPARE(le32(b, 44), 7u);
        QCOMPARE(le32(b, 48), 0u);
        // Second descriptor at 52 + 80.
        const int d = 52 + 80;
        QCOMPARE(int(b[d]), 2);
        QCOMPARE(b.mid(d + 1, 3), QByteArray(3, '\0'));
        QCOMPARE(b.mid(d + 4, 16), QByteArray("deployment") + QByteArray(6, '\0'));
        QCOMPARE(le32(b, d + 20), 0u);
        QCOMPARE(le32(b, d + 24), 500u);
        QCOMPARE(le32(b, d + 28), 1000u);
        QCOMPARE(le32(b, d + 32), packVersion(1, 2, 3));
        QCOMPARE(le32(b, d + 36), packVersion(1, 1, 0));
        QCOMPARE(b.mid(d + 40, 32), QByteArray(32, '\x22'));
        QCOMPARE(b.mid(d + 72, 8), QByteArray(8, '\0'));
        QCOMPARE(le32(b, 52 + 20), 0x100u);

        auto parsed = Manifest::parse(b);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
        QCOMPARE(parsed->format, 1); // nothing needs format 2: written as format 1
        m.format = 1;
        QVERIFY(*parsed == m);
        QCOMPARE(parsed->serialize(), b);
    }

    // Format 2 (docs/package-format.md): 128-byte descriptors with encoding, image size and
    // image SHA-256; written only when something needs it.
    void manifestFormat2LayoutAndRoundTrip()
    {
        Manifest m;
        m.boardId = QStringLiteral("stm32f4-ref");
        m.version = packVersion(1, 2, 3);
        m.flags = PT_MANIFEST_FLAG_ROLLBACK;
        PayloadDescriptor fw{PayloadFirmware, QStringLiteral("firmware"), 0x100, 1000, 0, packVersion(1, 2, 0), 0,
                             QByteArray(32, '\x11')};
        PayloadDescriptor app{PayloadApplication, QStringLiteral("deployment"), 0, 500, 1000, packVersion(1, 2, 3),
                              0, QByteArray(32, '\x22')};
        app.encoding = PT_ENCODING_LZ4;
        app.imageSize = 4000;
        app.imageSha256 = QByteArray(32, '\x33');
        m.payloads = {fw, app};
        QVERIFY2(m.validate().ok(), qPrintable(m.validate().error().message));
        QCOMPARE(m.effectiveFormat(), 2); // the encoding needs it (the rollback flag alone does not)
        const QByteArray b = m.serialize();
        QCOMPARE(b.size(), 52 + 2 * 128);
        QCOMPARE(le16(b, 4), quint16(2));
        QCOMPARE(le32(b, 48), quint32(PT_MANIFEST_FLAG_ROLLBACK));
        // The unencoded firmware: image size and hash repeat the stored ones.
        QCOMPARE(int(b[52 + 1]), 0);
        QCOMPARE(le32(b, 52 + 72), 1000u);
        QCOMPARE(b.mid(52 + 80, 32), QByteArray(32, '\x11'));
        const int d = 52 + 128;
        QCOMPARE(int(b[d]), 2);
        QCOMPARE(int(b[d + 1]), int(PT_ENCODING_LZ4));
        QCOMPARE(b.mid(d + 2, 2), QByteArray(2, '\0'));
        QCOMPARE(le32(b, d + 24), 500u);
        QCOMPARE(b.mid(d + 40, 32), QByteArray(32, '\x22'));
        QCOMPARE(le32(b, d + 72), 4000u);
        QCOMPARE(b.mid(d + 76, 4), QByteArray(4, '\0'));
        QCOMPARE(b.mid(d + 80, 32), QByteArray(32, '\x33'));
        QCOMPARE(b.mid(d + 112, 16), QByteArray(16, '\0'));
        auto parsed = Manifest::parse(b);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
        QCOMPARE(parsed->format, 2);
        QCOMPARE(parsed->payloads[1].installSize(), 4000u);
        QCOMPARE(parsed->payloads[0].installSize(), 1000u);
        QCOMPARE(parsed->serialize(), b);

        // Refusals, each named: unknown flag, unknown encoding, an unencoded payload whose image
        // description differs, a counter block without encryption, AES without the encrypted flag.
        const auto refused = [&](qsizetype offset, const QByteArray &patch, const QString &words) {
            QByteArray x = b;
            x.replace(offset, patch.size(), patch);
            auto r = Manifest::parse(x);
            QVERIFY2(!r && r.error().message.contains(words), r ? "parsed" : qPrintable(r.error().message));
        };
        refused(48, QByteArray("\x04", 1), QStringLiteral("unknown flags"));
        refused(d + 1, QByteArray("\x04", 1), QStringLiteral("unknown encoding"));
        refused(d + 1, QByteArray("\x02", 1), QStringLiteral("encrypted flag"));
        refused(52 + 72, QByteArray("\x01", 1), QStringLiteral("differs from the stored one"));
        refused(d + 112, QByteArray("\x01", 1), QStringLiteral("counter block"));
        refused(d + 76, QByteArray("\x01", 1), QStringLiteral("reserved"));
        // Format 1 cannot carry an encoding.
        Manifest v1 = m;
        v1.format = 1;
        v1.flags = 0;
        QVERIFY(!v1.validate().ok());
    }

    void manifestErrorsNamed_data()
    {
        QTest::addColumn<int>("offset");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QString>("words");
        QTest::newRow("magic") << 0 << QByteArray("XTMF") << QStringLiteral("magic");
        QTest::newRow("version") << 4 << QByteArray("\x03\x00", 2) << QStringLiteral("version");
        QTest::newRow("format 2 length") << 4 << QByteArray("\x02\x00", 2) << QStringLiteral("expected 180");
        QTest::newRow("count") << 6 << QByteArray("\x03\x00", 2) << QStringLiteral("payload count");
        QTest::newRow("flags") << 48 << QByteArray("\x04", 1) << QStringLiteral("unknown flags");
        QTest::newRow("encrypted flag in format 1") << 48 << QByteArray("\x01", 1) << QStringLiteral("encrypted flag needs manifest format 2");
        QTest::newRow("kind") << 52 << QByteArray("\x07", 1) << QStringLiteral("unknown kind");
        QTest::newRow("region") << 56 << QByteArray("deployment") << QStringLiteral("must target region 'firmware'");
        QTest::newRow("reserved") << 53 << QByteArray("\x01", 1) << QStringLiteral("reserved");
        QTest::newRow("size zero") << 52 + 24 << QByteArray(4, '\0') << QStringLiteral("size is 0");
        QTest::newRow("offset") << 52 + 28 << QByteArray("\x05", 1) << QStringLiteral("payload offset");
        QTest::newRow("board id unterminated") << 8 << QByteArray(32, 'b') << QStringLiteral("board id");
    }

    void manifestErrorsNamed()
    {
        QFETCH(int, offset);
        QFETCH(QByteArray, patch);
        QFETCH(QString, words);
        Manifest m;
        m.boardId = QStringLiteral("b");
        m.payloads = {{PayloadFirmware, QStringLiteral("firmware"), 0, 16, 0, 1, 0, QByteArray(32, 'h')}};
        QByteArray b = m.serialize();
        QVERIFY(Manifest::parse(b).ok());
        b.replace(offset, patch.size(), patch);
        auto r = Manifest::parse(b);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Format);
        QVERIFY2(r.error().message.contains(words), qPrintable(r.error().message));
    }

    void buildParseVerify()
    {
        Image app;
        QVERIFY(app.addSegment(kDep + 0x100, pseudoRandom(3000, 1)).ok());
        QVERIFY(app.addSegment(kDep + 0x1000, pseudoRandom(100, 2)).ok()); // gap filled with 0xFF
        PackageInput in;
        in.version = packVersion(2, 0, 1);
        in.securityCounter = 3;
        in.firmware = imageAt(kFirmware.address, pseudoRandom(5000, 3));
        in.application = app;
        in.requiresFirmware = packVersion(2, 0, 0);
        auto bytes = buildPackage(in, testBoard(), m_key);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error().message));

        // File layout.
        const QByteArray &f = *bytes;
        QCOMPARE(f.left(4), QByteArray("PTPK"));
        QCOMPARE(le16(f, 4), quint16(1));
        // The header names the signer: extension type 1, length 91, the DER SubjectPublicKeyInfo.
        const QByteArray der = m_key.publicKey().derSpki();
        QCOMPARE(der.size(), 91);
        QCOMPARE(le16(f, 6), quint16(16 + 4 + 91));
        QCOMPARE(le16(f, 16), quint16(1));
        QCOMPARE(le16(f, 18), quint16(91));
        QCOMPARE(f.mid(20, 91), der);
        QCOMPARE(le32(f, 8), 52u + 2 * 80u);
        const quint16 sigLen = le16(f, 12);
        QVERIFY(sigLen >= 8 && sigLen <= 72);
        QCOMPARE(quint64(f.size()), 111u + 212u + sigLen + 5000u + (0x1000u - 0x100u + 100u));

        auto pkg = Package::parse(f);
        QVERIFY2(pkg.ok(), qPrintable(pkg.error().message));
        QCOMPARE(pkg->manifest.boardId, QStringLiteral("stm32f4-ref"));
        QCOMPARE(pkg->manifest.securityCounter, 3u);
        const PayloadDescriptor *fw = pkg->manifest.payload(PayloadFirmware);
        const PayloadDescriptor *ap = pkg->manifest.payload(PayloadApplication);
        QVERIFY(fw && ap);
        QCOMPARE(fw->loadOffset, 0u);
        QCOMPARE(ap->loadOffset, 0x100u);
        QCOMPARE(ap->payloadOffset, 5000u);
        QCOMPARE(ap->requiresFirmware, packVersion(2, 0, 0));
        QCOMPARE(fw->requiresFirmware, 0u);
        QCOMPARE(pkg->payload(PayloadApplication), app.flatten(0xFF));
        QCOMPARE(pkg->payload(PayloadApplication).mid(3000, 4), QByteArray(4, '\xff'));
        QCOMPARE(ap->sha256, QCryptographicHash::hash(app.flatten(0xFF), QCryptographicHash::Sha256));
        QCOMPARE(pkg->sha256(), QCryptographicHash::hash(f, QCryptographicHash::Sha256));
        QVERIFY(pkg->verifySignature(m_key.publicKey()).ok());
        QVERIFY(pkg->verifyPayloadHashes().ok());
        QCOMPARE(pkg->namedSigner.fingerprint(), m_key.publicKey().fingerprint());
        QCOMPARE(pkg->namedSignerFingerprint().value(), m_key.publicKey().fingerprint());

        // As older versions made it: a 16-byte header, no signer named, same manifest.
        PackageInput oldStyle = in;
        oldStyle.nameSigner = false;
        auto oldBytes = buildPackage(oldStyle, testBoard(), m_key);
        QVERIFY(oldBytes.ok());
        QCOMPARE(le16(*oldBytes, 6), quint16(16));
        QCOMPARE(oldBytes->size() - le16(*oldBytes, 12), f.size() - sigLen - 95); // ECDSA signatures vary in length
        auto oldPkg = Package::parse(*oldBytes);
        QVERIFY2(oldPkg.ok(), qPrintable(oldPkg.error().message));
        QVERIFY(oldPkg->namedSigner.isNull());
        QVERIFY(oldPkg->namedSignerFingerprint().value().isEmpty());
        QCOMPARE(oldPkg->manifestBytes, pkg->manifestBytes);

        auto other = generateKey();
        QVERIFY(other.ok());
        auto wrong = pkg->verifySignature(other->publicKey());
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().kind, ErrorKind::Verify);

        const QByteArray fp = m_key.publicKey().fingerprint();
        QCOMPARE(pkg->signerFingerprint({other->publicKey(), m_key.publicKey()}), fp);
        QCOMPARE(pkg->signerFingerprintIfTrusted({other->publicKey(), m_key.publicKey()}, {fp}), fp);
        QVERIFY(pkg->signerFingerprintIfTrusted({m_key.publicKey()}, {other->publicKey().fingerprint()}).isEmpty());

        // Save and load through a file.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.ptpkg"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(f);
        out.close();
        auto loaded = Package::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QCOMPARE(loaded->manifest, pkg->manifest);
    }

    void tamperingDetected()
    {
        PackageInput in;
        in.version = packVersion(1, 0, 0);
        in.application = imageAt(kDep, pseudoRandom(2048, 9));
        auto bytes = buildPackage(in, testBoard(), m_key);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error().message));
        const QByteArray good = *bytes;
        const int manifestLength = int(le32(good, 8));
        const int sigLength = le16(good, 12);
        const int h = le16(good, 6); // header with the signer extension
        const PublicKey pub = m_key.publicKey();

        // Signature byte: parse fine, signature check fails.
        QByteArray sigBad = good;
        sigBad[h + manifestLength + sigLength - 1] = char(sigBad[h + manifestLength + sigLength - 1] ^ 0x01);
        auto p1 = Package::parse(sigBad);
        QVERIFY(p1.ok());
        QVERIFY(!p1->verifySignature(pub));
        QVERIFY(p1->verifyPayloadHashes().ok());

        // Manifest byte (package version): still well-formed, signature no longer matches.
        QByteArray manBad = good;
        manBad[h + 40] = char(manBad[h + 40] ^ 0x01);
        auto p2 = Package::parse(manBad);
        QVERIFY(p2.ok());
        auto r2 = p2->verifySignature(pub);
        QVERIFY(!r2);
        QVERIFY2(r2.error().message.contains(QStringLiteral("signature")), qPrintable(r2.error().message));

        // Payload byte: signature fine, hash check fails, naming the payload.
        QByteArray payBad = good;
        payBad[payBad.size() - 100] = char(payBad[payBad.size() - 100] ^ 0x80);
        auto p3 = Package::parse(payBad);
        QVERIFY(p3.ok());
        QVERIFY(p3->verifySignature(pub).ok());
        auto r3 = p3->verifyPayloadHashes();
        QVERIFY(!r3);
        QCOMPARE(r3.error().kind, ErrorKind::Verify);
        QVERIFY2(r3.error().message.contains(QStringLiteral("application payload")), qPrintable(r3.error().message));

        // checkCompatibility catches each one too.
        for (const QByteArray &bad : {sigBad, manBad, payBad}) {
            auto p = Package::parse(bad);
            QVERIFY(p.ok());
            QVERIFY(!checkCompatibility(*p, QStringLiteral("stm32f4-ref"), std::nullopt, {}, 0, {pub}));
        }

        // A signer hint that lies (another key named): a Verify error naming that key, also in
        // checkCompatibility without any public key given.
        auto other = generateKey();
        QVERIFY(other.ok());
        QByteArray lie = good;
        lie.replace(20, 91, other->publicKey().derSpki());
        auto p4 = Package::parse(lie);
        QVERIFY2(p4.ok(), qPrintable(p4.error().message));
        QVERIFY(!p4->namedSignerFingerprint());
        auto r4 = checkCompatibility(*p4, QStringLiteral("stm32f4-ref"), std::nullopt, {}, 0);
        QVERIFY(!r4);
        QCOMPARE(r4.error().kind, ErrorKind::Verify);
        QVERIFY2(r4.error().message.contains(fingerprintHex(other->publicKey().fingerprint())), qPrintable(r4.error().message));

        // Header extensions: a damaged key, an entry running past the header, a header size
        // outside 16..256: each Format, naming the problem.
        QByteArray badKey = good;
        badKey[25] = char(badKey[25] ^ 0xFF);
        auto b1 = Package::parse(badKey);
        QVERIFY(!b1);
        QVERIFY2(b1.error().message.contains(QStringLiteral("signer key")), qPrintable(b1.error().message));
        QByteArray longEntry = good;
        longEntry[18] = char(92);
        auto b2 = Package::parse(longEntry);
        QVERIFY(!b2);
        QVERIFY2(b2.error().message.contains(QStringLiteral("runs past")), qPrintable(b2.error().message));
        QByteArray bigHeader = good;
        bigHeader[6] = char(0x01);
        bigHeader[7] = char(0x01);
        auto b3 = Package::parse(bigHeader);
        QVERIFY(!b3);
        QVERIFY2(b3.error().message.contains(QStringLiteral("header size")), qPrintable(b3.error().message));

        // Structural damage: truncation and trailing bytes.
        auto t1 = Package::parse(good.left(good.size() - 1));
        QVERIFY(!t1);
        QVERIFY2(t1.error().message.contains(QStringLiteral("truncated")), qPrintable(t1.error().message));
        auto t2 = Package::parse(good + "x");
        QVERIFY(!t2);
        QVERIFY2(t2.error().message.contains(QStringLiteral("trailing")), qPrintable(t2.error().message));
        QByteArray magic = good;
        magic[0] = 'X';
        QVERIFY(!Package::parse(magic));
    }

    void imageOutsideRegionRefused()
    {
        Image app;
        QVERIFY(app.addSegment(kDep, QByteArray(64, 'a')).ok());
        QVERIFY(app.addSegment(0x10001014u, QByteArray(4, 'u')).ok());
        PackageInput in;
        in.application = app;
        auto r = buildPackage(in, testBoard(), m_key);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Format); // damaged input, not a usage error
        QCOMPARE(r.error().message,
                 QStringLiteral("application image bytes 0x10001014..0x10001017 are outside region deployment ") + span(kDeployment));

        // Straddling the region end (the bytes past it are named), below the region start, and
        // an image without data: each a Format error naming the problem.
        PackageInput straddling, below, empty;
        const quint32 firmwareEnd = kFirmware.address + kFirmware.size;
        straddling.firmware = imageAt(firmwareEnd - 0x10, QByteArray(0x20, 'f'));
        below.application = imageAt(kDep - 4, QByteArray(8, 'a'));
        empty.application = Image{};
        for (const auto &[input, message] :
             {std::pair{straddling, QStringLiteral("firmware image bytes %1..%2 are outside region firmware %3")
                                        .arg(piton::test::hex32(firmwareEnd), piton::test::hex32(firmwareEnd + 0xf), span(kFirmware))},
              std::pair{below, QStringLiteral("application image bytes %1..%2 are outside region deployment %3")
                                   .arg(piton::test::hex32(kDep - 4), piton::test::hex32(kDep - 1), span(kDeployment))},
              std::pair{empty, QStringLiteral("the application image holds no data")}}) {
            auto bad = buildPackage(input, testBoard(), m_key);
            QVERIFY(!bad);
            QCOMPARE(bad.error().kind, ErrorKind::Format);
            QCOMPARE(bad.error().message, message);
        }

        PackageInput wrongBoard;
        wrongBoard.boardId = QStringLiteral("uniform-4k");
        wrongBoard.application = imageAt(kDep, "x");
        QVERIFY(!buildPackage(wrongBoard, testBoard(), m_key));
        QVERIFY(!buildPackage(PackageInput{}, testBoard(), m_key));
    }

    void compatibilityChecks()
    {
        PackageInput in;
        in.version = packVersion(1, 5, 0);
        in.securityCounter = 4;
        in.application = imageAt(kDep, pseudoRandom(512, 5));
        in.requiresFirmware = packVersion(1, 2, 0);
        auto bytes = buildPackage(in, testBoard(), m_key);
        QVERIFY(bytes.ok());
        auto pkg = Package::parse(*bytes);
        QVERIFY(pkg.ok());
        const PublicKey pub = m_key.publicKey();
        const QByteArray fp = pub.fingerprint();
        const QString board = QStringLiteral("stm32f4-ref");

        QByteArray signer;
        auto ok = checkCompatibility(*pkg, board, packVersion(1, 2, 0), {fp}, 4, {pub}, testBoard().regions, &signer);
        QVERIFY2(ok.ok(), qPrintable(ok.error().message));
        QCOMPARE(signer, fp);

        auto expectFail = [&](const Result<void> &r, const QString &words) {
            QVERIFY(!r);
            QCOMPARE(r.error().kind, ErrorKind::Verify);
            QVERIFY2(r.error().message.contains(words), qPrintable(r.error().message));
        };
        const std::optional<quint32> fw = packVersion(1, 2, 0); // satisfies the requirement
        expectFail(checkCompatibility(*pkg, QStringLiteral("uniform-4k"), fw, {}, 0), QStringLiteral("board"));
        expectFail(checkCompatibility(*pkg, board, fw, {}, 5), QStringLiteral("security counter"));
        expectFail(checkCompatibility(*pkg, board, packVersion(1, 1, 9), {}, 0), QStringLiteral("requires firmware 1.2.0"));
        // A device without any firmware cannot satisfy a requirement.
        expectFail(checkCompatibility(*pkg, board, std::nullopt, {}, 0), QStringLiteral("runs no firmware"));
        auto other = generateKey();
        QVERIFY(other.ok());
        const QByteArray otherFp = other->publicKey().fingerprint();
        BoardRegion small{QStringLiteral("deployment"), kDep, 256u, {}};
        expectFail(checkCompatibility(*pkg, board, fw, {}, 0, {}, {small}), QStringLiteral("region check"));

        // The package names its signer: checked without any public key; an untrusted signer is
        // refused naming both the signer and the keys the board trusts.
        signer.clear();
        QVERIFY(checkCompatibility(*pkg, board, fw, {fp}, 0, {}, {}, &signer).ok());
        QCOMPARE(signer, fp);
        auto untrusted = checkCompatibility(*pkg, board, fw, {otherFp}, 0);
        expectFail(untrusted, QStringLiteral("does not trust"));
        QVERIFY(untrusted.error().message.contains(fingerprintHex(fp)));
        QVERIFY(untrusted.error().message.contains(fingerprintHex(otherFp)));

        // A package that does not name its signer (older Piton): the given public keys decide.
        in.nameSigner = false;
        auto oldBytes = buildPackage(in, testBoard(), m_key);
        QVERIFY(oldBytes.ok());
        auto oldPkg = Package::parse(*oldBytes);
        QVERIFY(oldPkg.ok());
        expectFail(checkCompatibility(*oldPkg, board, fw, {fp}, 0, {other->publicKey()}),
                   QStringLiteral("signature check failed"));
        expectFail(checkCompatibility(*oldPkg, board, fw, {otherFp}, 0, {pub}), QStringLiteral("does not trust"));
        // No public keys: signature left to the device, other checks still made.
        signer = "x";
        QVERIFY(checkCompatibility(*oldPkg, board, fw, {otherFp}, 0, {}, {}, &signer).ok());
        QVERIFY(signer.isEmpty());
    }

    void firmwareInPackageSatisfiesRequirement()
    {
        PackageInput in;
        in.version = packVersion(3, 0, 0);
        in.firmware = imageAt(kFirmware.address, pseudoRandom(256, 6));
        in.application = imageAt(kDep, pseudoRandom(256, 7));
        in.requiresFirmware = packVersion(3, 0, 0);
        auto bytes = buildPackage(in, testBoard(), m_key);
        QVERIFY(bytes.ok());
        auto pkg = Package::parse(*bytes);
        QVERIFY(pkg.ok());
        // The device runs an old firmware, but the package brings 3.0.0.
        QVERIFY(checkCompatibility(*pkg, QStringLiteral("stm32f4-ref"), packVersion(1, 0, 0), {}, 0).ok());
    }

    void keySaveLoadAndSign()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("signing.pem"));
        QVERIFY(m_key.save(path).ok());
        QCOMPARE(QFileInfo(path).permissions() & 0x7777,
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        auto loaded = loadPrivateKey(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QCOMPARE(loaded->publicKey().fingerprint(), m_key.publicKey().fingerprint());
        auto sig = loaded->sign("message");
        QVERIFY(sig.ok());
        QVERIFY(m_key.publicKey().verify("message", *sig).ok());
        QVERIFY(!m_key.publicKey().verify("messagE", *sig));

        const QString pubPath = dir.filePath(QStringLiteral("signing.pub.pem"));
        QVERIFY(m_key.publicKey().save(pubPath).ok());
        auto pub = loadPublicKey(pubPath);
        QVERIFY2(pub.ok(), qPrintable(pub.error().message));
        QCOMPARE(pub->derSpki(), m_key.publicKey().derSpki());
        QCOMPARE(fingerprintHex(pub->fingerprint()).size(), 64);
        auto parsedFp = parseFingerprintHex(fingerprintHex(pub->fingerprint()).toUpper());
        QVERIFY(parsedFp.ok());
        QCOMPARE(*parsedFp, pub->fingerprint());
        QVERIFY(!parseFingerprintHex(QStringLiteral("abcd")));

        auto garbage = PrivateKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        QVERIFY(!garbage);
        QCOMPARE(garbage.error().kind, ErrorKind::Format);
        QVERIFY(!loadPrivateKey(dir.filePath(QStringLiteral("missing.pem"))));
    }

    // PublicKey::fromPem: a public key's PEM, a private key's PEM (its public half), and the two
    // refusals: a broken private key names the private reader's problem, anything else is
    // "not a PEM public key".
    void publicKeyFromPemCases()
    {
        const PublicKey pub = m_key.publicKey();
        auto fromPublic = PublicKey::fromPem(pub.pem());
        QVERIFY2(fromPublic.ok(), qPrintable(fromPublic.error().message));
        QCOMPARE(fromPublic->fingerprint(), pub.fingerprint());
        auto fromPrivate = PublicKey::fromPem(m_key.pem());
        QVERIFY2(fromPrivate.ok(), qPrintable(fromPrivate.error().message));
        QCOMPARE(fromPrivate->fingerprint(), pub.fingerprint());

        auto brokenPrivate = PublicKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        QVERIFY(!brokenPrivate);
        QVERIFY2(brokenPrivate.error().message.contains(QStringLiteral("not a PEM private key")),
                 qPrintable(brokenPrivate.error().message));
        for (const QByteArray &junk : {QByteArray("garbage"), QByteArray("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
                                       QByteArray(), QByteArray("-----BEGIN private key-----\nAAAA\n-----END private key-----\n")}) {
            auto r = PublicKey::fromPem(junk);
            QVERIFY(!r);
            QCOMPARE(r.error().kind, ErrorKind::Format);
            QVERIFY2(r.error().message.contains(QStringLiteral("not a PEM public key")), qPrintable(r.error().message));
        }
    }

    // The 91-byte P-256 SubjectPublicKeyInfo is read from its point (EVP_PKEY_fromdata), not by
    // d2i_PUBKEY: both must accept and refuse the same inputs. Differential test against
    // d2i_PUBKEY over the key, every single-byte change of it, and points off the curve.
    void p256SpkiReadAsD2iPubkey()
    {
        const QByteArray der = m_key.publicKey().derSpki();
        QCOMPARE(der.size(), 91);
        auto same = PublicKey::fromDer(der);
        QVERIFY2(same.ok(), qPrintable(same.error().message));
        QCOMPARE(same->derSpki(), der);
        QCOMPARE(same->fingerprint(), m_key.publicKey().fingerprint());
        QVERIFY(same->verify("message", m_key.sign("message").value()).ok());
        // d2i_PUBKEY's key re-encoded (i2d_PUBKEY), empty when it refuses; `reason` gets
        // OpenSSL's last error then.
        const auto d2iKey = [](const QByteArray &bytes, QString *reason = nullptr) {
            ERR_clear_error();
            const unsigned char *p = reinterpret_cast<const unsigned char *>(bytes.constData());
            EVP_PKEY *key = d2i_PUBKEY(nullptr, &p, long(bytes.size()));
            const QByteArray reencoded = key ? i2dPublic(key) : QByteArray();
            char text[256] = {};
            ERR_error_string_n(ERR_peek_last_error(), text, sizeof text);
            if (reason)
                *reason = QString::fromLatin1(text);
            EVP_PKEY_free(key);
            ERR_clear_error();
            return reencoded;
        };
        const auto d2iAccepts = [&](const QByteArray &bytes) { return !d2iKey(bytes).isEmpty(); };
        int accepted = 0;
        int refused = 0;
        const auto compare = [&](const QByteArray &changed, const QString &what) {
            auto r = PublicKey::fromDer(changed);
            if (r.ok() != d2iAccepts(changed))
                return QStringLiteral("%1: ours %2, d2i_PUBKEY the other way").arg(what, r.ok() ? QStringLiteral("accepts") : r.error().message);
            (r.ok() ? accepted : refused)++;
            // The same message as d2i_PUBKEY's, except for the point read with EVP_PKEY_fromdata
            // (the 91-byte form), where OpenSSL names the point's problem itself.
            QString reason;
            d2iKey(changed, &reason);
            const bool fromPoint = changed.size() == der.size() && changed.left(27) == der.left(27);
            if (!r.ok() && (r.error().kind != ErrorKind::Format ||
                            (!fromPoint && r.error().message != QStringLiteral("not a DER SubjectPublicKeyInfo: %1").arg(reason))))
                return QStringLiteral("%1: ours '%2', d2i_PUBKEY: %3").arg(what, r.error().message, reason);
            if (r.ok() && r->derSpki() != d2iKey(changed))
                return QStringLiteral("%1: another key").arg(what);
            return QString();
        };
        // Every single-bit change (an SPKI of id-ecPublicKey that the legacy reader refuses is
        // refused before d2i_PUBKEY: readSpki), every truncation, and the compressed point form.
        for (int i = 0; i < der.size(); ++i)
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray changed = der;
                changed[i] = char(changed[i] ^ (1 << bit));
                const QString problem = compare(changed, QStringLiteral("byte %1 bit %2").arg(i).arg(bit));
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
        for (int size = 0; size < der.size(); ++size) {
            const QString problem = compare(der.left(size), QStringLiteral("first %1 bytes").arg(size));
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        QByteArray compressed = QByteArray::fromHex("3039") + der.mid(2, 21) + QByteArray::fromHex("032200");
        compressed += char(0x02 | (quint8(der[90]) & 1));
        compressed += der.mid(27, 32);
        QVERIFY(d2iAccepts(compressed));
        QVERIFY2(compare(compressed, QStringLiteral("compressed point")).isEmpty(), "compressed point");
        QVERIFY(refused > 500); // a point with one bit changed is off the curve
        // The PEM reader takes the same path.
        auto pem = PublicKey::fromPem(m_key.publicKey().pem());
        QVERIFY2(pem.ok(), qPrintable(pem.error().message));
        QCOMPARE(pem->derSpki(), der);
        QByteArray offCurve = der;
        offCurve[90] = char(offCurve[90] ^ 0x01);
        auto bad = PublicKey::fromPem("-----BEGIN PUBLIC KEY-----\n" + offCurve.toBase64() + "\n-----END PUBLIC KEY-----\n");
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains(QStringLiteral("not a PEM public key")), qPrintable(bad.error().message));
    }

    // PrivateKey::fromPem keeps a decoder context per thread and decides some refusals without
    // OpenSSL's full reader (readPrivateKeyPem in core/package/keys.cpp): it must accept and
    // refuse exactly what PEM_read_bio_PrivateKey (+ the P-256 check) does, with the same key and
    // the same message (OpenSSL's reason included).
    // Differential test over the forms of P-256 keys OpenSSL writes or reads (PKCS#8, SEC 1, with
    // and without the public point, "EC PARAMETERS" first), every single-bit change of their DER
    // (re-encoded to PEM with the same label), bit changes of the PEM text, encrypted, other
    // curves and key types, several blocks, junk.
    void privateKeyReadAsPemReadBioPrivateKey()
    {
        using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
        KeyPtr p256(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
        QVERIFY(p256);
        PKCS8_PRIV_KEY_INFO *info = EVP_PKEY2PKCS8(p256.get());
        QVERIFY(info);
        unsigned char *p8 = nullptr;
        const int p8Length = i2d_PKCS8_PRIV_KEY_INFO(info, &p8);
        const QByteArray pkcs8(reinterpret_cast<const char *>(p8), p8Length);
        OPENSSL_free(p8);
        PKCS8_PRIV_KEY_INFO_free(info);
        const QByteArray sec1 = i2dPrivate(p256.get());
        QCOMPARE(pkcs8.size(), 138); // SEQUENCE { 0, { id-ecPublicKey, prime256v1 }, OCTET STRING { ECPrivateKey } }
        QCOMPARE(sec1.size(), 121);  // ECPrivateKey { 1, d, [0] prime256v1, [1] point }
        // Without the public point: SEC 1 { 1, d, [0] prime256v1 }, PKCS#8 around { 1, d }.
        const QByteArray sec1NoPoint = QByteArray::fromHex("3031") + sec1.mid(2, 49);
        const QByteArray innerNoPoint = QByteArray::fromHex("3025") + sec1.mid(2, 37);
        const QByteArray pkcs8NoPoint = QByteArray::fromHex("3041") + pkcs8.mid(3, 24) + QByteArray::fromHex("0427") + innerNoPoint;
        const QByteArray ecParameters = QByteArray::fromHex("06082a8648ce3d030107");

        QList<QPair<const char *, QByteArray>> forms = {{"PRIVATE KEY", pkcs8},
                                                        {"EC PRIVATE KEY", sec1},
                                                        {"EC PRIVATE KEY", sec1NoPoint},
                                                        {"PRIVATE KEY", pkcs8NoPoint}};
        QList<QByteArray> texts;
        for (const auto &[label, der] : forms)
            texts << pemBlock(label, der);
        for (const auto &[label, der] : forms) // each valid form is accepted by both
            QVERIFY2(readWithOpenssl(pemBlock(label, der)).ok, label);
        const QByteArray pkcs8Pem = texts[0];
        const QByteArray sec1Pem = texts[1];
        texts << pemBlock("EC PARAMETERS", ecParameters) + sec1Pem // openssl ecparam -genkey
              << pemBlock("EC PARAMETERS", ecParameters) + pkcs8Pem << i2dPublic(p256.get()).toBase64()
              << pemBlock("PUBLIC KEY", i2dPublic(p256.get())) + pkcs8Pem << pemBlock("PUBLIC KEY", i2dPublic(p256.get()))
              << pemBlock("PRIVATE KEY", "abc") + sec1Pem << pemBlock("FOO", pkcs8) + sec1Pem << pemBlock("FOO", pkcs8)
              << pemBlock("private key", pkcs8) << pemBlock("EC PRIVATE KEY", pkcs8) << pemBlock("PRIVATE KEY", sec1)
              << pemBlock("RSA PRIVATE KEY", sec1) << pemBlock("ENCRYPTED PRIVATE KEY", pkcs8) << "garbage" << ""
              << "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" << "text before\n" + pkcs8Pem + "text after\n"
              << pkcs8Pem + sec1Pem << "-----BEGIN PRIVATE KEY-----\n" + pkcs8.toBase64() + "\n-----END PRIVATE KEY-----\n";
        // Encrypted PKCS#8, with a pass phrase and with an empty one: refused (never prompted).
        for (const char *phrase : {"secret", ""}) {
            BIO *bio = BIO_new(BIO_s_mem());
            if (PEM_write_bio_PKCS8PrivateKey(bio, p256.get(), EVP_aes_256_cbc(), phrase, int(qstrlen(phrase)), nullptr, nullptr) == 1) {
                char *data = nullptr;
                const long n = BIO_get_mem_data(bio, &data);
                texts << QByteArray(data, n);
                QVERIFY(!readWithOpenssl(texts.last()).ok);
            }
            BIO_free(bio);
        }
        // Other curves and key types: refused with the messages of the P-256 check.
        for (const auto &[type, parameter] : {QPair<const char *, const char *>{"EC", "P-384"}, {"ED25519", nullptr}, {"X25519", nullptr}}) {
            KeyPtr other(parameter ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, parameter) : EVP_PKEY_Q_keygen(nullptr, nullptr, type),
                         EVP_PKEY_free);
            QVERIFY(other);
            texts << derOf([](BIO *b, EVP_PKEY *k) { return PEM_write_bio_PrivateKey(b, k, nullptr, nullptr, 0, nullptr, nullptr); },
                           other.get());
        }
        KeyPtr rsa(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(1024)), EVP_PKEY_free);
        QVERIFY(rsa);
        texts << derOf([](BIO *b, EVP_PKEY *k) { return PEM_write_bio_PrivateKey(b, k, nullptr, nullptr, 0, nullptr, nullptr); }, rsa.get())
              << derOf([](BIO *b, EVP_PKEY *k) { return PEM_write_bio_PrivateKey_traditional(b, k, nullptr, nullptr, 0, nullptr, nullptr); },
                       rsa.get());
        // Every single-bit change of each form's DER, under its label.
        for (const auto &[label, der] : forms)
            for (qsizetype i = 0; i < der.size(); ++i)
                for (int bit = 0; bit < 8; ++bit) {
                    QByteArray changed = der;
                    changed[i] = char(changed[i] ^ (1 << bit));
                    texts << pemBlock(label, changed);
                }
        // Bit changes of the PEM text itself (labels, base64, line ends).
        for (const QByteArray &text : {pkcs8Pem, sec1Pem})
            for (qsizetype i = 0; i < text.size(); ++i)
                for (char flip : {char(0x01), char(0x20)}) {
                    QByteArray changed = text;
                    changed[i] = char(changed[i] ^ flip);
                    texts << changed;
                }

        int accepted = 0;
        for (const QByteArray &text : texts) {
            const KeyRead theirs = readWithOpenssl(text);
            const KeyRead ours = readWithPiton(text);
            QVERIFY2(ours.ok == theirs.ok, qPrintable(QStringLiteral("%1: ours %2, OpenSSL's %3")
                                                          .arg(QString::fromLatin1(text.left(400)), ours.ok ? QStringLiteral("accepts") : ours.message,
                                                               theirs.ok ? QStringLiteral("accepts") : theirs.message)));
            if (ours.ok) {
                ++accepted;
                QCOMPARE(ours.privateDer, theirs.privateDer);
                QCOMPARE(ours.publicDer, theirs.publicDer);
            } else {
                QCOMPARE(ours.message, theirs.message); // OpenSSL's reason included
            }
        }
        qInfo("%lld inputs, %d accepted by both", qlonglong(texts.size()), accepted);
        QVERIFY(accepted > 10);
        QVERIFY(accepted < texts.size() / 2);
    }

    // The decoder context PrivateKey::fromPem keeps per thread (keys.cpp PemKeyDecoder) is freed by
    // ThreadCryptoCleanup as the work returns: keys read on QThreads and pool threads, each body
    // with a ThreadCryptoCleanup first. Under the asan preset LeakSanitizer checks at the end of the
    // program that nothing of it is left (docs/fuzzing.md "Throughput").
    void privateKeysReadOnWorkerThreads()
    {
        const QByteArray pkcs8 = m_key.pem();
        const QByteArray fingerprint = m_key.publicKey().fingerprint();
        std::atomic<int> failures{0};
        const auto readKeys = [&] {
            const ThreadCryptoCleanup cryptoCleanup;
            for (int i = 0; i < 10; ++i) {
                auto key = PrivateKey::fromPem(pkcs8);
                if (!key || key->publicKey().fingerprint() != fingerprint || PrivateKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") ||
                    !PublicKey::fromPem(pkcs8))
                    ++failures;
            }
        };
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 3; ++i) {
            threads.emplace_back(QThread::create(readKeys));
            threads.back()->start();
        }
        for (const auto &thread : threads)
            QVERIFY(thread->wait(60000));
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        for (int i = 0; i < 5; ++i)
            pool.start(readKeys);
        pool.waitForDone();
        QCOMPARE(failures.load(), 0);
        // A thread that runs an event loop frees it with freeThreadCryptoState on QThread::finished.
        QThread loop;
        auto *worker = new QObject;
        worker->moveToThread(&loop);
        connect(&loop, &QThread::finished, &loop, &freeThreadCryptoState, Qt::DirectConnection);
        connect(&loop, &QThread::finished, worker, &QObject::deleteLater);
        loop.start();
        QMetaObject::invokeMethod(
            worker, [&] { failures += PrivateKey::fromPem(pkcs8).ok() ? 0 : 1; }, Qt::BlockingQueuedConnection);
        loop.quit();
        QVERIFY(loop.wait(60000));
        QCOMPARE(failures.load(), 0);
    }

    void opensslKeyLoadsWithSameFingerprint()
    {
        if (kOpenssl.isEmpty())
            QSKIP("openssl command not found");
        QTemporaryDir dir;
        const QString priv = dir.filePath(QStringLiteral("k.pem"));
        runOpenssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-out"), priv});
        QVERIFY(QFileInfo(priv).size() > 0);
        const QByteArray der = runOpenssl({QStringLiteral("pkey"), QStringLiteral("-in"), priv, QStringLiteral("-pubout"),
                                           QStringLiteral("-outform"), QStringLiteral("DER")});
        QVERIFY(!der.isEmpty());
        const QByteArray expected = QCryptographicHash::hash(der, QCryptographicHash::Sha256);

        auto key = loadPrivateKey(priv);
        QVERIFY2(key.ok(), qPrintable(key.error().message));
        QCOMPARE(key->publicKey().derSpki(), der);
        QCOMPARE(key->publicKey().fingerprint(), expected);

        // Its public PEM (openssl pkey -pubout) loads too, and verifies our signature.
        const QString pubPath = dir.filePath(QStringLiteral("k.pub"));
        runOpenssl({QStringLiteral("pkey"), QStringLiteral("-in"), priv, QStringLiteral("-pubout"), QStringLiteral("-out"), pubPath});
        auto pub = loadPublicKey(pubPath);
        QVERIFY2(pub.ok(), qPrintable(pub.error().message));
        QCOMPARE(pub->fingerprint(), expected);

        // A signature we make verifies with the openssl command line (independent check).
        auto sig = key->sign("piton manifest");
        QVERIFY(sig.ok());
        const QString msgPath = dir.filePath(QStringLiteral("msg"));
        const QString sigPath = dir.filePath(QStringLiteral("sig"));
        QFile m(msgPath);
        QVERIFY(m.open(QIODevice::WriteOnly));
        m.write("piton manifest");
        m.close();
        QFile s(sigPath);
        QVERIFY(s.open(QIODevice::WriteOnly));
        s.write(*sig);
        s.close();
        const QByteArray verdict = runOpenssl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"),
                                               pubPath, QStringLiteral("-signature"), sigPath, msgPath});
        QVERIFY2(verdict.contains("Verified OK"), verdict.constData());

        // SEC 1 ("EC PRIVATE KEY") form loads as well.
        const QString sec1 = dir.filePath(QStringLiteral("k.sec1.pem"));
        runOpenssl({QStringLiteral("ec"), QStringLiteral("-in"), priv, QStringLiteral("-out"), sec1});
        auto sec1Key = loadPrivateKey(sec1);
        QVERIFY2(sec1Key.ok(), qPrintable(sec1Key.error().message));
        QCOMPARE(sec1Key->publicKey().fingerprint(), expected);
    }

    void nonP256KeysRefused()
    {
        if (kOpenssl.isEmpty())
            QSKIP("openssl command not found");
        QTemporaryDir dir;
        const QString p384 = dir.filePath(QStringLiteral("p384.pem"));
        runOpenssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-384"), QStringLiteral("-out"), p384});
        auto r = loadPrivateKey(p384);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Format);
        QVERIFY2(r.error().message.contains(QStringLiteral("P-256")), qPrintable(r.error().message));

        const QString ed = dir.filePath(QStringLiteral("ed.pem"));
        runOpenssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("ED25519"), QStringLiteral("-out"), ed});
        auto r2 = loadPrivateKey(ed);
        QVERIFY(!r2);
        QVERIFY2(r2.error().message.contains(QStringLiteral("not EC")), qPrintable(r2.error().message));
        auto r3 = loadPublicKey(ed);
        QVERIFY(!r3);
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "test_package.moc"
