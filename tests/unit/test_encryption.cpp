// Unit tests of encrypted-payload crypto (core/package/encryption.h) against the device's side
// (device-firmware/common/keyblock.c over piton/crypt.h, mbed TLS): what the workstation wraps
// and encrypts with OpenSSL, the board unwraps and decrypts with mbed TLS, byte for byte.
// Oracle for AES-256-CTR: the openssl command line (`openssl enc -aes-256-ctr`).
#include "package/encryption.h"
#include "package/keys.h"

// The device headers are C11; hal.h's _Noreturn has no C++ spelling.
#define _Noreturn [[noreturn]]
extern "C" {
#include "keyblock.h"
#include "piton/crypt.h"
#include "pt_error.h"
}

#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

using namespace piton;

// keyblock.c asks the port for the board (its unique id salts the backup storage key).
static pt_board g_board;
extern "C" const pt_board *pt_hal_board(void) { return &g_board; }

namespace {

const QString kOpenssl = QStringLiteral(PITON_OPENSSL);

/** The private scalar of a P-256 key, 32 bytes big-endian (what the board is provisioned with). */
QByteArray scalarOf(const PrivateKey &key)
{
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(key.evp(), OSSL_PKEY_PARAM_PRIV_KEY, &bn) != 1)
        return {};
    QByteArray out(32, '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), 32);
    BN_clear_free(bn);
    return out;
}

/** HKDF-SHA256 by OpenSSL's EVP_PKEY HKDF (an independent path from core's EVP_KDF use). */
QByteArray hkdfOpenssl(const QByteArray &salt, const QByteArray &ikm, const char *info)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr);
    QByteArray out(32, '\0');
    size_t len = 32;
    const bool ok = ctx && EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) == 1 &&
        EVP_PKEY_CTX_set1_hkdf_salt(ctx, reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size())) == 1 &&
        EVP_PKEY_CTX_set1_hkdf_key(ctx, reinterpret_cast<const unsigned char *>(ikm.constData()), int(ikm.size())) == 1 &&
        EVP_PKEY_CTX_add1_hkdf_info(ctx, reinterpret_cast<const unsigned char *>(info), int(strlen(info))) == 1 &&
        EVP_PKEY_derive(ctx, reinterpret_cast<unsigned char *>(out.data()), &len) == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok ? out : QByteArray();
}

const uint8_t *u8(const QByteArray &b) { return reinterpret_cast<const uint8_t *>(b.constData()); }

void provision(const PrivateKey &key)
{
    const QByteArray d = scalarOf(key);
    const QByteArray fp = key.publicKey().fingerprint();
    pt_crypt_set_product_key(u8(d), u8(fp));
}

/** The device's unwrap of `kb`; the CEK, or empty with the status in *status. */
QByteArray deviceUnwrap(const QByteArray &kb, const QByteArray &manifestHash, int *status)
{
    uint8_t cek[PT_CONTENT_KEY_SIZE];
    *status = pt_keyblock_check(u8(kb), uint32_t(kb.size()));
    if (*status != PT_OK)
        return {};
    *status = pt_keyblock_unwrap(u8(kb), uint32_t(kb.size()), u8(manifestHash), cek);
    if (*status != PT_OK)
        return {};
    return QByteArray(reinterpret_cast<const char *>(cek), sizeof cek);
}

} // namespace

class TestEncryption : public QObject {
    Q_OBJECT
    PrivateKey m_product, m_device, m_other;
    QByteArray m_manifestHash;

private slots:
    void initTestCase()
    {
        m_product = *generateKey();
        m_device = *generateKey();
        m_other = *generateKey();
        m_manifestHash = sha256("manifest without its key block");
    }

    // Host wraps to product and device keys; the board (mbed TLS) unwraps the same CEK.
    void wrapOnHostUnwrapOnDevice()
    {
        const QByteArray cek = *randomBytes(32);
        KeyBlock kb;
        kb.recipients.append(*wrapContentKey(cek, m_product.publicKey(), PT_RECIPIENT_PRODUCT, m_manifestHash));
        kb.recipients.append(*wrapContentKey(cek, m_device.publicKey(), PT_RECIPIENT_DEVICE, m_manifestHash));
        const QByteArray wire = kb.encode();
        QCOMPARE(wire.size(), int(PT_KEYBLOCK_HEADER_SIZE + 2 * PT_KEYBLOCK_RECIPIENT_SIZE));
        auto parsed = KeyBlock::parse(wire);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->encode(), wire);
        // The host unwraps with either private key.
        QCOMPARE(*unwrapContentKey(parsed->recipients[0], m_product, m_manifestHash), cek);
        QCOMPARE(*unwrapContentKey(parsed->recipients[1], m_device, m_manifestHash), cek);
        // The board holding the product key unwraps it too; one holding the device key as well.
        for (const PrivateKey *k : {&m_product, &m_device}) {
            provision(*k);
            int status = -1;
            QCOMPARE(deviceUnwrap(wire, m_manifestHash, &status), cek);
            QCOMPARE(status, int(PT_OK));
        }
        // Two wraps of the same key differ (fresh ephemeral keys).
        QVERIFY(kb.recipients[0].ephemeral != wrapContentKey(cek, m_product.publicKey(), 1, m_manifestHash)->ephemeral);
    }

    // A board with another key, or with none, refuses with PT_E_VERIFY_KEY and says why.
    void wrongOrNoProductKey()
    {
        const QByteArray cek = *randomBytes(32);
        KeyBlock kb;
        kb.recipients.append(*wrapContentKey(cek, m_product.publicKey(), PT_RECIPIENT_PRODUCT, m_manifestHash));
        provision(m_other);
        int status = 0;
        QVERIFY(deviceUnwrap(kb.encode(), m_manifestHash, &status).isEmpty());
        QCOMPARE(status, int(PT_E_VERIFY_KEY));
        QVERIFY2(QByteArray(pt_last_error()).contains("not to this board's product key"), pt_last_error());
        QCOMPARE(pt_keyblock_match(u8(kb.encode()), uint32_t(kb.encode().size())), PT_E_VERIFY_KEY);
        pt_crypt_set_product_key(nullptr, nullptr);
        QVERIFY(deviceUnwrap(kb.encode(), m_manifestHash, &status).isEmpty());
        QCOMPARE(status, int(PT_E_VERIFY_KEY));
        QVERIFY2(QByteArray(pt_last_error()).contains("holds no product key"), pt_last_error());
        // The host names the mismatch as well.
        auto host = unwrapContentKey(kb.recipients[0], m_other, m_manifestHash);
        QVERIFY(!host);
        QCOMPARE(host.error().kind, ErrorKind::Usage);
    }

    // Every byte of a recipient entry (and the manifest hash it is bound to) matters: a flip is
    // refused by the structure check or by the GCM tag, never unwrapped to some other key.
    void everyFlipRefused()
    {
        const QByteArray cek = *randomBytes(32);
        KeyBlock kb;
        kb.recipients.append(*wrapContentKey(cek, m_product.publicKey(), PT_RECIPIENT_PRODUCT, m_manifestHash));
        const QByteArray wire = kb.encode();
        provision(m_product);
        int accepted = 0;
        for (int i = 0; i < wire.size(); ++i) {
            QByteArray bad = wire;
            bad[i] = char(bad[i] ^ (1 << (i % 8)));
            int status = 0;
            const QByteArray got = deviceUnwrap(bad, m_manifestHash, &status);
            if (!got.isEmpty())
                ++accepted;
            else
                QVERIFY2(status == PT_E_BAD_PACKAGE || status == PT_E_VERIFY_KEY, qPrintable(QString::number(status)));
            QVERIFY(!KeyBlock::parse(bad) || !unwrapContentKey(KeyBlock::parse(bad)->recipients[0], m_product, m_manifestHash) ||
                    KeyBlock::parse(bad)->recipients[0].fingerprint != m_product.publicKey().fingerprint());
        }
        QCOMPARE(accepted, 0);
        for (int i = 0; i < 32; ++i) {
            QByteArray hash = m_manifestHash;
            hash[i] = char(hash[i] ^ 0x80);
            int status = 0;
            QVERIFY(deviceUnwrap(wire, hash, &status).isEmpty());
            QCOMPARE(status, int(PT_E_VERIFY_KEY));
        }
    }

    // Payload keys and AES-256-CTR agree between OpenSSL and mbed TLS, also when the board
    // decrypts in pieces that start anywhere (power-cut resume); `openssl enc` is the oracle.
    void payloadKeysAndCtrRandomAccess()
    {
        const QByteArray cek = *randomBytes(32);
        for (quint8 index : {quint8(0), quint8(1)}) {
            uint8_t dk[32];
            QCOMPARE(pt_payload_key(u8(cek), index, dk), PT_OK);
            QCOMPARE(QByteArray(reinterpret_cast<const char *>(dk), 32), *payloadKey(cek, index));
        }
        QVERIFY(*payloadKey(cek, 0) != *payloadKey(cek, 1));
        const QByteArray key = *payloadKey(cek, 0);
        QByteArray icb = *newCounterBlock();
        icb[11] = char(0xFF); // exercise the carry out of the low 32 bits
        icb[12] = icb[13] = icb[14] = char(0xFF);
        icb[15] = char(0xF0);
        QByteArray plain(5000, '\0');
        for (char &c : plain)
            c = char(QRandomGenerator::global()->bounded(256));
        const QByteArray cipher = *aes256Ctr(key, icb, plain);
        QVERIFY(cipher != plain);
        if (!kOpenssl.isEmpty()) {
            QProcess p;
            p.start(kOpenssl, {QStringLiteral("enc"), QStringLiteral("-aes-256-ctr"), QStringLiteral("-K"), QString::fromLatin1(key.toHex()),
                               QStringLiteral("-iv"), QString::fromLatin1(icb.toHex()), QStringLiteral("-nosalt")});
            p.write(plain);
            p.closeWriteChannel();
            QVERIFY(p.waitForFinished(30000));
            QCOMPARE(p.readAllStandardOutput(), cipher);
        }
        QByteArray device(cipher.size(), '\0');
        int at = 0;
        while (at < cipher.size()) {
            const int n = qMin(int(cipher.size()) - at, 1 + int(QRandomGenerator::global()->bounded(700)));
            QCOMPARE(pt_crypt_aes256_ctr(u8(key), u8(icb), uint32_t(at), u8(cipher) + at,
                                         reinterpret_cast<uint8_t *>(device.data()) + at, uint32_t(n)), PT_HAL_OK);
            at += n;
        }
        QCOMPARE(device, plain);
        // Redoing any piece gives the same bytes (idempotent resume).
        QByteArray redo(100, '\0');
        QCOMPARE(pt_crypt_aes256_ctr(u8(key), u8(icb), 1237, u8(cipher) + 1237, reinterpret_cast<uint8_t *>(redo.data()), 100), PT_HAL_OK);
        QCOMPARE(redo, plain.mid(1237, 100));
    }

    // The backup storage key: needs the product key, differs per board (unique id) and per
    // product key, and is the same every time (a redone backup gives the same bytes).
    void backupStorageKey()
    {
        uint8_t a[32], b[32], c[32], d[32];
        pt_crypt_set_product_key(nullptr, nullptr);
        QVERIFY(!pt_backup_key(a));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(a), 32), QByteArray(32, '\0'));
        provision(m_product);
        g_board.unique_id_len = 12;
        memset(g_board.unique_id, 0x11, 12);
        QVERIFY(pt_backup_key(a));
        QVERIFY(pt_backup_key(b));
        QCOMPARE(memcmp(a, b, 32), 0);
        g_board.unique_id[11] = 0x12;
        QVERIFY(pt_backup_key(c));
        QVERIFY(memcmp(a, c, 32) != 0);
        provision(m_other);
        QVERIFY(pt_backup_key(d));
        QVERIFY(memcmp(c, d, 32) != 0);
        // = HKDF-SHA256(salt = unique id, IKM = product scalar, info = "piton-backup-v1"), by OpenSSL.
        const QByteArray uid(reinterpret_cast<const char *>(g_board.unique_id), 12);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(d), 32), hkdfOpenssl(uid, scalarOf(m_other), PT_KDF_INFO_BACKUP));
    }

    void keyBlockStructureErrors()
    {
        const QByteArray cek = *randomBytes(32);
        KeyBlock kb;
        kb.recipients.append(*wrapContentKey(cek, m_product.publicKey(), PT_RECIPIENT_PRODUCT, m_manifestHash));
        const QByteArray wire = kb.encode();
        struct Case { int at; char value; const char *host; const char *device; };
        const Case cases[] = {{0, 'X', "magic", "magic"}, {4, 2, "version 2", "version 2"}, {5, 0, "0 recipients", "0 recipients"},
                              {5, 5, "5 recipients", "5 recipients"}, {6, 1, "reserved", "reserved"},
                              {8, 3, "unknown kind 3", "unknown kind 3"}, {9, 1, "reserved", "reserved"},
                              {8 + 36, 2, "uncompressed", "uncompressed"}, {8 + 101, 1, "reserved", "reserved"}};
        for (const Case &c : cases) {
            QByteArray bad = wire;
            bad[c.at] = c.value;
            auto host = KeyBlock::parse(bad);
            QVERIFY2(!host, qPrintable(QStringLiteral("byte %1 = %2 accepted").arg(c.at).arg(int(c.value))));
            QVERIFY2(host.error().message.contains(QLatin1String(c.host)), qPrintable(host.error().message));
            QCOMPARE(pt_keyblock_check(u8(bad), uint32_t(bad.size())), PT_E_BAD_PACKAGE);
            QVERIFY2(QByteArray(pt_last_error()).contains(c.device), pt_last_error());
        }
        QVERIFY(!KeyBlock::parse(wire.chopped(1)));
        QCOMPARE(pt_keyblock_check(u8(wire), uint32_t(wire.size() - 1)), PT_E_BAD_PACKAGE);
    }
};

QTEST_GUILESS_MAIN(TestEncryption)
#include "test_encryption.moc"
