/* Key block of encrypted packages (keyblock.h, docs/package-format.md "Key block"). */
#include "keyblock.h"

#include <string.h>

#include "piton/crypt.h"
#include "pt_bytes.h"
#include "pt_error.h"

static const uint8_t *recipient(const uint8_t *kb, uint32_t i)
{
    return kb + PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE * i;
}

static bool zero(const uint8_t *p, uint32_t n)
{
    uint8_t acc = 0;
    for (uint32_t i = 0; i < n; i++) acc |= p[i];
    return acc == 0;
}

enum pt_status pt_keyblock_check(const uint8_t *kb, uint32_t len)
{
    if (len < PT_KEYBLOCK_HEADER_SIZE || memcmp(kb, PT_KEYBLOCK_MAGIC, 4) != 0)
        return pt_fail(PT_E_BAD_PACKAGE, "key block magic is not PTKB");
    if (kb[4] != PT_KEYBLOCK_VERSION)
        return pt_fail(PT_E_BAD_PACKAGE, "key block version %u is not 1", kb[4]);
    uint32_t count = kb[5];
    if (count < 1 || count > PT_KEYBLOCK_MAX_RECIPIENTS)
        return pt_fail(PT_E_BAD_PACKAGE, "key block has %lu recipients, expected 1..4", (unsigned long)count);
    if (pt_get16(kb + 6) != 0) return pt_fail(PT_E_BAD_PACKAGE, "key block reserved bytes are not 0");
    if (len != PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE * count)
        return pt_fail(PT_E_BAD_PACKAGE, "key block length %lu does not match %lu recipients", (unsigned long)len,
                       (unsigned long)count);
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *r = recipient(kb, i);
        if (r[PT_RECIPIENT_OFF_KIND] != PT_RECIPIENT_PRODUCT && r[PT_RECIPIENT_OFF_KIND] != PT_RECIPIENT_DEVICE)
            return pt_fail(PT_E_BAD_PACKAGE, "key block recipient %lu has unknown kind %u", (unsigned long)i,
                           r[PT_RECIPIENT_OFF_KIND]);
        if (!zero(r + 1, 3) || !zero(r + PT_RECIPIENT_OFF_EPHEMERAL + 65, 3))
            return pt_fail(PT_E_BAD_PACKAGE, "key block recipient %lu reserved bytes are not 0", (unsigned long)i);
        if (r[PT_RECIPIENT_OFF_EPHEMERAL] != 0x04)
            return pt_fail(PT_E_BAD_PACKAGE, "key block recipient %lu: ephemeral key is not an uncompressed point",
                           (unsigned long)i);
    }
    return PT_OK;
}

int pt_keyblock_find(const uint8_t *kb, uint32_t len, const uint8_t fingerprint[32])
{
    (void)len;
    for (uint32_t i = 0; i < kb[5]; i++)
        if (memcmp(recipient(kb, i) + PT_RECIPIENT_OFF_FINGERPRINT, fingerprint, 32) == 0) return (int)i;
    return -1;
}

static void hex8(const uint8_t *p, char out[17])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15u];
    }
    out[16] = '\0';
}

enum pt_status pt_keyblock_match(const uint8_t *kb, uint32_t len)
{
    return pt_keyblock_match_from(kb, len, pt_crypt_product_key);
}

enum pt_status pt_keyblock_match_from(const uint8_t *kb, uint32_t len, pt_product_key_fn product_key)
{
    uint8_t fp[32];
    if (product_key(NULL, fp) != PT_HAL_OK)
        return pt_fail(PT_E_VERIFY_KEY, "package is encrypted, but this board holds no product key");
    if (pt_keyblock_find(kb, len, fp) < 0) {
        char h[17];
        hex8(fp, h);
        return pt_fail(PT_E_VERIFY_KEY, "package is encrypted to other keys, not to this board's product key %s...", h);
    }
    return PT_OK;
}

enum pt_status pt_keyblock_unwrap(const uint8_t *kb, uint32_t len, const uint8_t manifest_hash[32],
                                  uint8_t cek[PT_CONTENT_KEY_SIZE])
{
    return pt_keyblock_unwrap_from(kb, len, manifest_hash, cek, pt_crypt_product_key);
}

enum pt_status pt_keyblock_unwrap_from(const uint8_t *kb, uint32_t len, const uint8_t manifest_hash[32],
                                       uint8_t cek[PT_CONTENT_KEY_SIZE], pt_product_key_fn product_key)
{
    memset(cek, 0, PT_CONTENT_KEY_SIZE);
    enum pt_status st = pt_keyblock_match_from(kb, len, product_key);
    if (st != PT_OK) return st;
    uint8_t d[32], fp[32], z[32], kek[32];
    (void)product_key(d, fp);
    const uint8_t *r = recipient(kb, (uint32_t)pt_keyblock_find(kb, len, fp));
    uint8_t info[sizeof PT_KDF_INFO_WRAP - 1u + 32u + 65u];
    memcpy(info, PT_KDF_INFO_WRAP, sizeof PT_KDF_INFO_WRAP - 1u);
    memcpy(info + sizeof PT_KDF_INFO_WRAP - 1u, r + PT_RECIPIENT_OFF_FINGERPRINT, 32);
    memcpy(info + sizeof PT_KDF_INFO_WRAP - 1u + 32u, r + PT_RECIPIENT_OFF_EPHEMERAL, 65);
    static const uint8_t iv[12] = {0};
    pt_hal_result hr = pt_crypt_p256_ecdh(d, r + PT_RECIPIENT_OFF_EPHEMERAL, z);
    pt_crypt_zeroize(d, sizeof d);
    if (hr == PT_HAL_OK) hr = pt_crypt_hkdf_sha256(manifest_hash, 32, z, 32, info, sizeof info, kek, 32);
    pt_crypt_zeroize(z, sizeof z);
    if (hr == PT_HAL_OK)
        hr = pt_crypt_aes256_gcm_open(kek, iv, manifest_hash, 32, r + PT_RECIPIENT_OFF_WRAPPED, PT_CONTENT_KEY_SIZE,
                                      r + PT_RECIPIENT_OFF_TAG, cek);
    pt_crypt_zeroize(kek, sizeof kek);
    if (hr == PT_HAL_OK) return PT_OK;
    memset(cek, 0, PT_CONTENT_KEY_SIZE);
    if (hr == PT_HAL_E_NO_MEMORY) return pt_fail(PT_E_INTERNAL, "content key unwrap: crypto memory exhausted");
    return pt_fail(PT_E_VERIFY_KEY, "the content key wrapped to this board's product key does not authenticate");
}

enum pt_status pt_payload_key(const uint8_t cek[PT_CONTENT_KEY_SIZE], uint8_t index, uint8_t key[32])
{
    uint8_t info[sizeof PT_KDF_INFO_PAYLOAD];
    memcpy(info, PT_KDF_INFO_PAYLOAD, sizeof PT_KDF_INFO_PAYLOAD - 1u);
    info[sizeof PT_KDF_INFO_PAYLOAD - 1u] = index;
    if (pt_crypt_hkdf_sha256(NULL, 0, cek, PT_CONTENT_KEY_SIZE, info, sizeof info, key, 32) != PT_HAL_OK)
        return pt_fail(PT_E_INTERNAL, "payload key derivation failed");
    return PT_OK;
}

bool pt_backup_key(uint8_t key[32])
{
    uint8_t d[32];
    memset(key, 0, 32);
    if (pt_crypt_product_key(d, NULL) != PT_HAL_OK) return false;
    const pt_board *b = pt_hal_board();
    pt_hal_result hr = pt_crypt_hkdf_sha256(b->unique_id, b->unique_id_len, d, sizeof d,
                                            (const uint8_t *)PT_KDF_INFO_BACKUP, sizeof PT_KDF_INFO_BACKUP - 1u, key, 32);
    pt_crypt_zeroize(d, sizeof d);
    return hr == PT_HAL_OK;
}

void pt_backup_icb(const uint8_t image_sha256[32], uint8_t icb[16])
{
    memcpy(icb, image_sha256, 12);
    memset(icb + 12, 0, 4);
}
