// Unit tests of key updates (docs/package-format.md "Key update, format 1"): the workstation's
// writer and reader (core/package/key_update.cpp, OpenSSL) against the device's parser and apply
// (device-firmware/common/keyset.c, mbed TLS, on the RAM flash model of tests/device/test_hal.c):
// what one accepts the other accepts, byte flip by byte flip; the new product key the board
// unwraps is exactly the one the workstation wrapped; refusals leave the key store unchanged.
#include "package/encryption.h"
#include "package/key_update.h"
#include "package/keys.h"

#include "piton/protocol.h"

// The device headers are C11; hal.h's _Noreturn has no C++ spelling.
#define _Noreturn [[noreturn]]
extern "C" {
#include "keyset.h"
#include "piton/crypt.h"
#include "test_hal.h"
}

#include <QCryptographicHash>
#include <QTest>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

using namespace piton;

namespace {

const uint32_t kStore = TH_BOOTSTATE_ADDRESS + 0x10000u; // erased flash outside every region of the test board
const uint32_t kStoreSize = 4u * PT_KEYSET_SLOT_SIZE;

PrivateKey key()
{
    auto k = generateKey();
    return k ? *k : PrivateKey();
}

QByteArray storeHash()
{
    return QCryptographicHash::hash(QByteArrayView(th_flash_ptr(kStore), kStoreSize), QCryptographicHash::Sha256);
}

void provision(const PublicKey &release, const PublicKey &root, const PrivateKey *product)
{
    th_factory();
    pt_board *b = th_board();
    const QByteArray r = release.derSpki(), rk = root.derSpki();
    b->trusted_key_count = 1;
    b->trusted_keys[0].der_len = uint16_t(r.size());
    memcpy(b->trusted_keys[0].der, r.constData(), size_t(r.size()));
    b->root_key_count = 1;
    b->root_keys[0].der_len = uint16_t(rk.size());
    memcpy(b->root_keys[0].der, rk.constData(), size_t(rk.size()));
    b->keystore_address = kStore;
    b->keystore_size = kStoreSize;
    if (product) {
        auto d = privateScalar(*product);
        pt_crypt_set_product_key(reinterpret_cast<const uint8_t *>(d->constData()),
                                 reinterpret_cast<const uint8_t *>(product->publicKey().fingerprint().constData()));
    } else {
        pt_crypt_set_product_key(nullptr, nullptr);
    }
}

uint32_t le32(const uint8_t *p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

const uint8_t *u8(const QByteArray &b)
{
    return reinterpret_cast<const uint8_t *>(b.constData());
}

} // namespace

class KeyUpdateTest : public QObject {
    Q_OBJECT

private slots:
    void writerAndBothParsersAgree()
    {
        const PrivateKey root = key(), other = key(), a = key(), b = key(), x = key(), oldProduct = key(), newProduct = key();
        KeyUpdateSpec spec;
        spec.boardId = QStringLiteral("stm32f4-ref");
        spec.generation = 3;
        spec.addPackageKeys = {b.publicKey()};
        spec.revokePackageKeys = {a.publicKey().fingerprint()};
        spec.addAccessKeys = {x.publicKey()};
        spec.newProductKey = newProduct;
        spec.wrapTo = oldProduct.publicKey();
        const PrivateKey newRoot = key();
        spec.addRootKey = newRoot; // the largest key update: 6 entries, key block, root proof
        spec.revokeRootKeys = {root.publicKey().fingerprint()};
        auto bytes = createKeyUpdate(spec, root);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error().message));
        QVERIFY(bytes->size() <= int(PT_KEYUPD_MAX_SIZE));
        QVERIFY(int(PT_KEYUPD_MAX_SIZE) <= int(PT_MIN_MAX_PAYLOAD - PT_SEAL_OVERHEAD));
        auto ku = KeyUpdate::parse(*bytes);
        QVERIFY2(ku.ok(), qPrintable(ku.error().message));
        QVERIFY2(ku->verifyRootProof().ok(), qPrintable(ku->verifyRootProof().error().message));
        QCOMPARE(bytes->size() - ku->signature.size() + qsizetype(PT_SIGNATURE_MAX), qsizetype(PT_KEYUPD_MAX_SIZE));
        QCOMPARE(ku->generation, 3u);
        QCOMPARE(ku->entries.size(), 6);
        QCOMPARE(ku->entries[1].role, quint8(PT_KEY_ROOT));
        QCOMPARE(ku->entries[1].action, quint8(PT_KEYUPD_REVOKE));
        QCOMPARE(ku->entries[4].role, quint8(PT_KEY_ROOT));
        QCOMPARE(ku->entries[4].fingerprint, newRoot.publicKey().fingerprint());
        QCOMPARE(ku->entries[0].action, quint8(PT_KEYUPD_REVOKE));
        QCOMPARE(ku->entries[0].fingerprint, a.publicKey().fingerprint());
        QVERIFY(ku->verifySignature({other.publicKey(), root.publicKey()}).ok());
        QCOMPARE(ku->verifySignature({other.publicKey()}).error().kind, ErrorKind::Verify);
        // The private scalar is not in the file; the key block unwraps to it with the old key.
        const QByteArray scalar = *privateScalar(newProduct);
        QVERIFY(!bytes->contains(scalar));
        auto kb = KeyBlock::parse(ku->keyBlock);
        QVERIFY(kb.ok());
        const QByteArray hash = sha256(ku->manifestBytes.first(ku->manifestBytes.size() - ku->keyBlock.size() - PT_KEYUPD_PROOF_SIZE));
        auto unwrapped = unwrapContentKey(kb->recipients[0], oldProduct, hash);
        QVERIFY2(unwrapped.ok() && *unwrapped == scalar, qPrintable(unwrapped.error().message));

        pt_keyupdate dk;
        QCOMPARE(pt_keyupdate_parse(u8(*bytes), uint32_t(bytes->size()), &dk), PT_OK);
        QCOMPARE(dk.generation, 3u);
        QCOMPARE(dk.entry_count, 6u);
        QVERIFY(dk.proof != nullptr);
        // Every byte flipped (and every truncation): host and device give the same verdict.
        int accepted = 0;
        for (qsizetype i = 0; i < bytes->size(); ++i) {
            for (quint8 mask : {quint8(0x01), quint8(0x80)}) {
                QByteArray m = *bytes;
                m[i] = char(quint8(m[i]) ^ mask);
                const bool host = KeyUpdate::parse(m).ok();
                const bool device = pt_keyupdate_parse(u8(m), uint32_t(m.size()), &dk) == PT_OK;
                if (host != device)
                    QFAIL(qPrintable(QStringLiteral("byte %1 ^ 0x%2: host %3, device %4").arg(i).arg(mask, 2, 16, QLatin1Char('0')).arg(host).arg(device)));
                accepted += host ? 1 : 0;
            }
            const QByteArray t = bytes->first(i);
            QVERIFY(!KeyUpdate::parse(t).ok());
            QVERIFY(pt_keyupdate_parse(u8(t), uint32_t(t.size()), &dk) != PT_OK);
        }
        QVERIFY(accepted > 0); // signature and wrapped-key bytes are not structure: both parse them
    }

    void writerRefusals()
    {
        const PrivateKey root = key(), a = key();
        KeyUpdateSpec spec;
        spec.boardId = QStringLiteral("stm32f4-ref");
        spec.generation = 1;
        QCOMPARE(createKeyUpdate(spec, root).error().kind, ErrorKind::Usage); // no entry
        spec.addPackageKeys = {a.publicKey()};
        spec.generation = 0;
        QCOMPARE(createKeyUpdate(spec, root).error().kind, ErrorKind::Usage); // generation 0
        spec.generation = 1;
        spec.newProductKey = key();
        QVERIFY(createKeyUpdate(spec, root).error().message.contains(QLatin1String("--wrap-to")));
        spec.newProductKey = PrivateKey();
        for (int i = 0; i < 6; ++i)
            spec.addAccessKeys.append(key().publicKey());
        QVERIFY(createKeyUpdate(spec, root).error().message.contains(QLatin1String("at most 6")));
        // A package is not a key update, and a key update is not a package.
        QVERIFY(KeyUpdate::parse(QByteArray("PTPK")).error().kind == ErrorKind::Format);
    }

    void deviceAppliesAndRefusesWithStoreUnchanged()
    {
        const PrivateKey root = key(), a = key(), b = key(), oldProduct = key(), newProduct = key();
        provision(a.publicKey(), root.publicKey(), &oldProduct);
        pt_keyset ks;
        QCOMPARE(pt_keyset_load(&ks), PT_OK);
        QCOMPARE(ks.generation, 0u);
        QCOMPARE(int(ks.package_count), 1);
        QCOMPARE(int(ks.slots_total), 4);
        KeyUpdateSpec spec;
        spec.boardId = QStringLiteral("stm32f4-ref");
        spec.generation = 1;
        spec.addPackageKeys = {b.publicKey()};
        spec.revokePackageKeys = {a.publicKey().fingerprint()};
        spec.newProductKey = newProduct;
        spec.wrapTo = oldProduct.publicKey();
        const QByteArray update = *createKeyUpdate(spec, root);

        // Refusals first, each with the key store unchanged.
        const QByteArray empty = storeHash();
        QByteArray badSig = update;
        badSig[badSig.size() - 3] = char(badSig[badSig.size() - 3] ^ 0x01);
        QCOMPARE(pt_keyupdate_apply(u8(badSig), uint32_t(badSig.size()), &ks), PT_E_VERIFY_SIGNATURE);
        const QByteArray byRelease = *createKeyUpdate(spec, a);
        QCOMPARE(pt_keyupdate_apply(u8(byRelease), uint32_t(byRelease.size()), &ks), PT_E_VERIFY_SIGNATURE);
        KeyUpdateSpec wrongWrap = spec;
        wrongWrap.wrapTo = key().publicKey();
        const QByteArray notToBoard = *createKeyUpdate(wrongWrap, root);
        QCOMPARE(pt_keyupdate_apply(u8(notToBoard), uint32_t(notToBoard.size()), &ks), PT_E_VERIFY_KEY);
        QCOMPARE(storeHash(), empty);
        QCOMPARE(th_program_count, 0ul);
        QCOMPARE(th_erase_count, 0ul);

        QCOMPARE(pt_keyupdate_apply(u8(update), uint32_t(update.size()), &ks), PT_OK);
        QCOMPARE(ks.generation, 1u);
        QCOMPARE(int(ks.slots_used), 1);
        pt_keyset now;
        QCOMPARE(pt_keyset_load(&now), PT_OK);
        QCOMPARE(now.generation, 1u);
        QCOMPARE(int(now.package_count), 1);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(now.package[0]), 65), *publicPoint(b.publicKey()));
        QVERIFY(pt_keyset_is_revoked(&now, u8(a.publicKey().fingerprint())));
        QVERIFY(pt_keyset_is_revoked(&now, u8(oldProduct.publicKey().fingerprint())));
        uint8_t priv[32], fp[32];
        QCOMPARE(pt_keyset_product_key(priv, fp), PT_HAL_OK);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(priv), 32), *privateScalar(newProduct));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(fp), 32), newProduct.publicKey().fingerprint());
        QCOMPARE(th_erase_count, 0ul); // the store is never erased

        const QByteArray one = storeHash();
        QCOMPARE(pt_keyupdate_apply(u8(update), uint32_t(update.size()), &ks), PT_E_KEY_GENERATION);
        KeyUpdateSpec readd;
        readd.boardId = spec.boardId;
        readd.generation = 2;
        readd.addPackageKeys = {a.publicKey()};
        const QByteArray back = *createKeyUpdate(readd, root);
        QCOMPARE(pt_keyupdate_apply(u8(back), uint32_t(back.size()), &ks), PT_E_BAD_PACKAGE);
        KeyUpdateSpec none;
        none.boardId = spec.boardId;
        none.generation = 2;
        none.revokePackageKeys = {b.publicKey().fingerprint()};
        const QByteArray empty2 = *createKeyUpdate(none, root);
        QCOMPARE(pt_keyupdate_apply(u8(empty2), uint32_t(empty2.size()), &ks), PT_E_BAD_PACKAGE); // no package key left
        QCOMPARE(storeHash(), one);

        // Fill the store: three more generations, then KEYSTORE_FULL with the set kept.
        for (quint32 g = 2; g <= 4; ++g) {
            KeyUpdateSpec more;
            more.boardId = spec.boardId;
            more.generation = g;
            more.addPackageKeys = {key().publicKey()};
            more.revokePackageKeys = {};
            const QByteArray u = *createKeyUpdate(more, root);
            QCOMPARE(pt_keyupdate_apply(u8(u), uint32_t(u.size()), &ks), PT_OK);
        }
        KeyUpdateSpec full;
        full.boardId = spec.boardId;
        full.generation = 5;
        full.revokePackageKeys = {QByteArray(32, '\x11')};
        const QByteArray u = *createKeyUpdate(full, root);
        const QByteArray four = storeHash();
        QCOMPARE(pt_keyupdate_apply(u8(u), uint32_t(u.size()), &ks), PT_E_KEYSTORE_FULL);
        QCOMPARE(storeHash(), four);
        QCOMPARE(pt_keyset_load(&now), PT_OK);
        QCOMPARE(now.generation, 4u);
        QCOMPARE(int(now.package_count), 4);
        pt_crypt_set_product_key(nullptr, nullptr);
    }

    // Root key rotation (docs/security.md "Rotating the root keys").
    void rootRotation()
    {
        const PrivateKey r1 = key(), r2 = key(), r3 = key(), a = key(), b = key();
        provision(a.publicKey(), r1.publicKey(), nullptr);
        pt_keyset ks;
        QCOMPARE(pt_keyset_load(&ks), PT_OK);
        QCOMPARE(int(ks.root_count), 1);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(ks.root[0]), 65), *publicPoint(r1.publicKey()));
        KeyUpdateSpec spec;
        spec.boardId = QStringLiteral("stm32f4-ref");
        spec.generation = 1;
        spec.addRootKey = r2;
        spec.revokeRootKeys = {r1.publicKey().fingerprint()};
        const QByteArray rotate = *createKeyUpdate(spec, r1);

        // A forged proof: the entry names R2, the proof is R3's; signed by the current root R1.
        KeyUpdateSpec other = spec;
        other.addRootKey = r3;
        const QByteArray byR3 = *createKeyUpdate(other, r1);
        auto forgedKu = KeyUpdate::parse(byR3);
        QVERIFY(forgedKu.ok());
        QByteArray m = forgedKu->manifestBytes;
        const qsizetype entry = PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE; // revoke R1, then add R3
        QCOMPARE(quint8(m[entry + 1]), quint8(PT_KEY_ROOT));
        m.replace(entry + PT_KEYUPD_ENTRY_OFF_FINGERPRINT, 32, r2.publicKey().fingerprint());
        m.replace(entry + PT_KEYUPD_ENTRY_OFF_POINT, 65, *publicPoint(r2.publicKey()));
        const QByteArray sig = *r1.sign(m);
        QByteArray forged = byR3.first(PT_PACKAGE_HEADER_SIZE);
        forged[12] = char(sig.size());
        forged += m + sig;
        auto forgedParsed = KeyUpdate::parse(forged);
        QVERIFY2(forgedParsed.ok(), qPrintable(forgedParsed.error().message));
        QCOMPARE(forgedParsed->verifyRootProof().error().kind, ErrorKind::Verify);
        QVERIFY(forgedParsed->verifySignature({r1.publicKey()}).ok());

        const QByteArray empty = storeHash();
        QCOMPARE(pt_keyupdate_apply(u8(forged), uint32_t(forged.size()), &ks), PT_E_VERIFY_SIGNATURE);
        KeyUpdateSpec lastRoot;
        lastRoot.boardId = spec.boardId;
        lastRoot.generation = 1;
        lastRoot.revokeRootKeys = {r1.publicKey().fingerprint()};
        const QByteArray noRoot = *createKeyUpdate(lastRoot, r1);
        QCOMPARE(pt_keyupdate_apply(u8(noRoot), uint32_t(noRoot.size()), &ks), PT_E_BAD_PACKAGE); // no root key left
        const QByteArray byR2 = *createKeyUpdate(spec, r2); // R2 is not a root yet
        QCOMPARE(pt_keyupdate_apply(u8(byR2), uint32_t(byR2.size()), &ks), PT_E_VERIFY_SIGNATURE);
        QCOMPARE(storeHash(), empty);
        QCOMPARE(th_program_count, 0ul);

        // The old root signs its own retirement.
        QCOMPARE(pt_keyupdate_apply(u8(rotate), uint32_t(rotate.size()), &ks), PT_OK);
        pt_keyset now;
        QCOMPARE(pt_keyset_load(&now), PT_OK);
        QCOMPARE(now.generation, 1u);
        QCOMPARE(int(now.root_count), 1);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(now.root[0]), 65), *publicPoint(r2.publicKey()));
        QVERIFY(pt_keyset_is_revoked(&now, u8(r1.publicKey().fingerprint())));
        QCOMPARE(int(now.revoked_role[0]), int(PT_KEY_ROOT));
        QCOMPARE(int(now.package_count), 1); // the package key is untouched

        // R1's updates are refused afterwards, also of a higher generation; R2's apply.
        const QByteArray one = storeHash();
        KeyUpdateSpec addB;
        addB.boardId = spec.boardId;
        addB.generation = 9;
        addB.addPackageKeys = {b.publicKey()};
        const QByteArray oldRoot = *createKeyUpdate(addB, r1);
        QCOMPARE(pt_keyupdate_apply(u8(oldRoot), uint32_t(oldRoot.size()), &ks), PT_E_VERIFY_SIGNATURE);
        KeyUpdateSpec readd;
        readd.boardId = spec.boardId;
        readd.generation = 2;
        readd.addRootKey = r1;
        const QByteArray back = *createKeyUpdate(readd, r2);
        QCOMPARE(pt_keyupdate_apply(u8(back), uint32_t(back.size()), &ks), PT_E_BAD_PACKAGE); // revoked: never again
        QCOMPARE(storeHash(), one);
        addB.generation = 2;
        const QByteArray newRoot = *createKeyUpdate(addB, r2);
        QCOMPARE(pt_keyupdate_apply(u8(newRoot), uint32_t(newRoot.size()), &ks), PT_OK);
        QCOMPARE(pt_keyset_load(&now), PT_OK);
        QCOMPARE(int(now.package_count), 2);
        QCOMPARE(int(now.root_count), 1); // the root key carries over to the next record

        // A second root beside R2 (at most PT_MAX_ROOT_KEYS), then a third is refused.
        KeyUpdateSpec second;
        second.boardId = spec.boardId;
        second.generation = 3;
        second.addRootKey = r3;
        const QByteArray addR3 = *createKeyUpdate(second, r2);
        QCOMPARE(pt_keyupdate_apply(u8(addR3), uint32_t(addR3.size()), &ks), PT_OK);
        QCOMPARE(int(ks.root_count), 2);
        second.generation = 4;
        second.addRootKey = key();
        const QByteArray third = *createKeyUpdate(second, r3);
        QCOMPARE(pt_keyupdate_apply(u8(third), uint32_t(third.size()), &ks), PT_E_BAD_PACKAGE);
    }

    // Slot reclaim (docs/security.md "Key store"): a store of three 4 KB sectors (12 slots) takes
    // 30 key updates; a reclaim never erases the sector with the key set in force, and erases a
    // sector of torn records before one of older valid records.
    void slotReclaim()
    {
        const PrivateKey root = key(), a = key();
        provision(a.publicKey(), root.publicKey(), nullptr);
        th_board()->keystore_size = 12u * PT_KEYSET_SLOT_SIZE;
        QCOMPARE(kStore % 4096u, 0u);
        auto update = [&](quint32 g) {
            KeyUpdateSpec spec;
            spec.boardId = QStringLiteral("stm32f4-ref");
            spec.generation = g;
            spec.addPackageKeys = {a.publicKey()}; // trusted already: the set stays, the generation moves
            return *createKeyUpdate(spec, root);
        };
        static QList<uint32_t> erased;
        erased.clear();
        th_on_flash_op = [](bool erase, uint32_t address, uint32_t) {
            if (erase)
                erased.append(address);
        };
        auto inForceSector = []() {
            uint32_t best = 0, at = UINT32_MAX;
            for (uint32_t s = 0; s < 12; ++s) {
                const uint8_t *r = th_flash_ptr(kStore + s * PT_KEYSET_SLOT_SIZE);
                if (memcmp(r, PT_KEYSET_MAGIC, 4) == 0 && le32(r + 8) >= best) {
                    best = le32(r + 8);
                    at = kStore + s / 4u * 4096u;
                }
            }
            return at;
        };
        pt_keyset ks;
        for (quint32 g = 1; g <= 30; ++g) {
            const uint32_t keep = inForceSector();
            erased.clear();
            const QByteArray u = update(g);
            const enum pt_status st = pt_keyupdate_apply(u8(u), uint32_t(u.size()), &ks);
            QVERIFY2(st == PT_OK, qPrintable(QStringLiteral("generation %1: status %2").arg(g).arg(int(st))));
            QVERIFY(!erased.contains(keep));
            QCOMPARE(int(ks.slots_total), 12);
        }
        QCOMPARE(th_erase_count, 5ul); // generations 13, 17, 21, 25, 29 each reclaimed a sector
        QCOMPARE(pt_keyset_load(&ks), PT_OK);
        QCOMPARE(ks.generation, 30u);
        QCOMPARE(int(ks.slots_used), 10); // 29 and 30 in the sector reclaimed last, two sectors full

        // Now: sector 0 holds 25-28, sector 1 29-30 + two free slots... fill it, then tear sector 2.
        for (quint32 g = 31; g <= 32; ++g) {
            const QByteArray u = update(g);
            QCOMPARE(pt_keyupdate_apply(u8(u), uint32_t(u.size()), &ks), PT_OK);
        }
        // Sectors: 0 (reclaimed at 25): 25-28, 1 (at 29): 29-32, 2 (at 21): 21-24. Tear sector 0's
        // records (the end of each left unprogrammed, as a cut mid-program leaves it): it goes before 2.
        for (uint32_t s = 0; s < 4; ++s)
            memset(th_flash_ptr(kStore + s * PT_KEYSET_SLOT_SIZE) + 600, 0xFF, PT_KEYSET_SLOT_SIZE - 600);
        erased.clear();
        const QByteArray u = update(33);
        QCOMPARE(pt_keyupdate_apply(u8(u), uint32_t(u.size()), &ks), PT_OK);
        QCOMPARE(erased, QList<uint32_t>{kStore});
        QCOMPARE(ks.generation, 33u);
        th_on_flash_op = nullptr;
    }

    // A format-1 record (written before root rotation existed) still loads, with the provisioned roots.
    void formatOneRecordLoads()
    {
        const PrivateKey r1 = key(), a = key(), b = key();
        provision(a.publicKey(), r1.publicKey(), nullptr);
        QByteArray r(PT_KEYSET_RECORD_SIZE_V1, '\0');
        r.replace(0, 4, PT_KEYSET_MAGIC);
        r[4] = 1;
        r[6] = char(PT_KEYSET_RECORD_SIZE_V1 & 0xFF);
        r[7] = char(PT_KEYSET_RECORD_SIZE_V1 >> 8);
        r[8] = 5; // generation 5
        r[12] = 1; // one package key
        r.replace(16, 65, *publicPoint(b.publicKey()));
        r.replace(864, 32, sha256(r.first(864)));
        memcpy(th_flash_ptr(kStore), r.constData(), size_t(r.size()));
        pt_keyset ks;
        QCOMPARE(pt_keyset_load(&ks), PT_OK);
        QCOMPARE(ks.generation, 5u);
        QCOMPARE(int(ks.root_count), 1);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(ks.root[0]), 65), *publicPoint(r1.publicKey()));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(ks.package[0]), 65), *publicPoint(b.publicKey()));
    }
};

QTEST_MAIN(KeyUpdateTest)
#include "test_key_update.moc"
