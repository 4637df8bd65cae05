/* Package writing for the device tests and the fault campaign (test_packages.h). */
#include "test_packages.h"

#include <string.h>

#include "mbedtls/aes.h"
#include "mbedtls/ecdh.h"
#include "mbedtls/ecp.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/md.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/sha256.h"
#include "piton/protocol.h"
#include "pt_bytes.h"

int tp_trusted_key(mbedtls_pk_context *pk, pt_trusted_key *out)
{
    uint8_t der[200];
    const int n = mbedtls_pk_write_pubkey_der(pk, der, sizeof der);
    if (n <= 0 || n > (int)PT_PUBKEY_DER_MAX)
        return -1;
    out->der_len = (uint16_t)n;
    memcpy(out->der, der + sizeof der - n, (size_t)n);
    return 0;
}

void tp_put_manifest(uint8_t *m, uint32_t mlen, uint16_t format, uint16_t count, const char *board, uint32_t version,
                     uint32_t counter, uint32_t flags)
{
    memset(m, 0, mlen);
    memcpy(m, PT_MANIFEST_MAGIC, 4);
    pt_put16(m + 4, format);
    pt_put16(m + 6, count);
    const size_t n = strlen(board);
    memcpy(m + 8, board, n < PT_BOARD_ID_MAX ? n : PT_BOARD_ID_MAX);
    pt_put32(m + 40, version);
    pt_put32(m + 44, counter);
    pt_put32(m + 48, flags);
}

uint32_t tp_seal(uint8_t *pkg, uint32_t mlen, mbedtls_pk_context *signer, mbedtls_ctr_drbg_context *drbg)
{
    uint8_t *m = pkg + PT_PACKAGE_HEADER_SIZE;
    uint8_t hash[32], sig[MBEDTLS_ECDSA_MAX_LEN];
    size_t slen = 0;
    if (mbedtls_sha256_ret(m, mlen, hash, 0) != 0 ||
        mbedtls_pk_sign(signer, MBEDTLS_MD_SHA256, hash, 32, sig, &slen, mbedtls_ctr_drbg_random, drbg) != 0 ||
        slen > PT_SIGNATURE_MAX)
        return 0;
    memcpy(pkg, PT_PACKAGE_MAGIC, 4);
    pt_put16(pkg + 4, PT_PACKAGE_FORMAT_VERSION);
    pt_put16(pkg + 6, PT_PACKAGE_HEADER_SIZE);
    pt_put32(pkg + 8, mlen);
    pt_put16(pkg + 12, (uint16_t)slen);
    pt_put16(pkg + 14, 0);
    memcpy(m + mlen, sig, slen);
    return PT_PACKAGE_HEADER_SIZE + mlen + (uint32_t)slen;
}

uint8_t *tp_put_product_recipient(uint8_t *kb, const uint8_t fp[32])
{
    memset(kb, 0, PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE);
    memcpy(kb, PT_KEYBLOCK_MAGIC, 4);
    kb[4] = PT_KEYBLOCK_VERSION;
    kb[5] = 1;
    uint8_t *rc = kb + PT_KEYBLOCK_HEADER_SIZE;
    rc[PT_RECIPIENT_OFF_KIND] = PT_RECIPIENT_PRODUCT;
    memcpy(rc + PT_RECIPIENT_OFF_FINGERPRINT, fp, 32);
    return rc;
}

int tp_wrap_content_key(const uint8_t *manifest, uint32_t desc_end, const uint8_t cek[32], const uint8_t point[65],
                        const uint8_t fp[32], uint8_t *rc, mbedtls_ctr_drbg_context *drbg)
{
    uint8_t h[32];
    mbedtls_ecp_group g;
    mbedtls_mpi e, z;
    mbedtls_ecp_point E, Q;
    mbedtls_ecp_group_init(&g);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&z);
    mbedtls_ecp_point_init(&E);
    mbedtls_ecp_point_init(&Q);
    size_t el = 0;
    uint8_t zb[32], kek[32], info[sizeof PT_KDF_INFO_WRAP - 1 + 32 + 65];
    int ok = mbedtls_sha256_ret(manifest, desc_end, h, 0) == 0 &&
             mbedtls_ecp_group_load(&g, MBEDTLS_ECP_DP_SECP256R1) == 0 &&
             mbedtls_ecp_point_read_binary(&g, &Q, point, 65) == 0 &&
             mbedtls_ecp_gen_keypair(&g, &e, &E, mbedtls_ctr_drbg_random, drbg) == 0 &&
             mbedtls_ecdh_compute_shared(&g, &z, &Q, &e, mbedtls_ctr_drbg_random, drbg) == 0 &&
             mbedtls_ecp_point_write_binary(&g, &E, MBEDTLS_ECP_PF_UNCOMPRESSED, &el, rc + PT_RECIPIENT_OFF_EPHEMERAL,
                                            65) == 0 &&
             mbedtls_mpi_write_binary(&z, zb, 32) == 0;
    if (ok) {
        memcpy(info, PT_KDF_INFO_WRAP, sizeof PT_KDF_INFO_WRAP - 1);
        memcpy(info + sizeof PT_KDF_INFO_WRAP - 1, fp, 32);
        memcpy(info + sizeof PT_KDF_INFO_WRAP - 1 + 32, rc + PT_RECIPIENT_OFF_EPHEMERAL, 65);
        static const uint8_t iv[12] = {0};
        mbedtls_gcm_context gcm;
        mbedtls_gcm_init(&gcm);
        ok = mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), h, 32, zb, 32, info, sizeof info, kek, 32) == 0 &&
             mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, kek, 256) == 0 &&
             mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, 32, iv, 12, h, 32, cek, rc + PT_RECIPIENT_OFF_WRAPPED,
                                       16, rc + PT_RECIPIENT_OFF_TAG) == 0;
        mbedtls_gcm_free(&gcm);
    }
    mbedtls_platform_zeroize(zb, sizeof zb);
    mbedtls_platform_zeroize(kek, sizeof kek);
    mbedtls_ecp_point_free(&E);
    mbedtls_ecp_point_free(&Q);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&z);
    mbedtls_ecp_group_free(&g);
    return ok ? 0 : -1;
}

int tp_encrypt_payload(const uint8_t cek[32], uint8_t index, const uint8_t icb[16], uint8_t *data, uint32_t n)
{
    uint8_t info[sizeof PT_KDF_INFO_PAYLOAD], key[32], nonce[16], block[16];
    memcpy(info, PT_KDF_INFO_PAYLOAD, sizeof PT_KDF_INFO_PAYLOAD - 1);
    info[sizeof info - 1] = index;
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    size_t off = 0;
    memcpy(nonce, icb, 16);
    const int ok =
        mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), NULL, 0, cek, 32, info, sizeof info, key, 32) == 0 &&
        mbedtls_aes_setkey_enc(&aes, key, 256) == 0 &&
        mbedtls_aes_crypt_ctr(&aes, n, &off, nonce, block, data, data) == 0;
    mbedtls_aes_free(&aes);
    mbedtls_platform_zeroize(key, sizeof key);
    return ok ? 0 : -1;
}
