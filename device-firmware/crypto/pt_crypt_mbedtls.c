/* piton/crypt.h with mbed TLS 2.28: ECDH through the ECP layer (mbedtls_ecp_mul), HKDF
 * (mbedtls_hkdf over the MD layer's SHA-256), AES-256-GCM (mbedtls_gcm_auth_decrypt) and
 * AES-256-CTR (mbedtls_aes_crypt_ctr). Linked by ports/host (Debian's libmbedcrypto). */
#include <stdbool.h>
#include <string.h>

#include "mbedtls/aes.h"
#include "mbedtls/ecp.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/md.h"
#include "mbedtls/platform_util.h"
#include "piton/crypt.h"

void pt_crypt_zeroize(void *p, uint32_t len)
{
    mbedtls_platform_zeroize(p, len);
}

static pt_hal_result ecp_result(int rc)
{
    if (rc == 0) return PT_HAL_OK;
    uint32_t e = rc < 0 ? (uint32_t)-rc : 0u;
    if ((e & 0x7Fu) == (uint32_t)-MBEDTLS_ERR_MPI_ALLOC_FAILED || (e & 0x7F80u) == (uint32_t)-MBEDTLS_ERR_ECP_ALLOC_FAILED)
        return PT_HAL_E_NO_MEMORY;
    return PT_HAL_E_SIGNATURE;
}

pt_hal_result pt_crypt_p256_ecdh(const uint8_t priv[32], const uint8_t point[65], uint8_t z[32])
{
    mbedtls_ecp_group grp;
    mbedtls_ecp_point q, r;
    mbedtls_mpi d;
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&q);
    mbedtls_ecp_point_init(&r);
    mbedtls_mpi_init(&d);
    int rc = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1);
    if (rc == 0) rc = mbedtls_ecp_point_read_binary(&grp, &q, point, 65);
    if (rc == 0) rc = mbedtls_ecp_check_pubkey(&grp, &q);
    if (rc == 0) rc = mbedtls_mpi_read_binary(&d, priv, 32);
    if (rc == 0) rc = mbedtls_ecp_check_privkey(&grp, &d);
    /* No RNG given: mbed TLS blinds the multiplication with its internal DRBG. */
    if (rc == 0) rc = mbedtls_ecp_mul(&grp, &r, &d, &q, NULL, NULL);
    if (rc == 0) rc = mbedtls_mpi_write_binary(&r.X, z, 32);
    mbedtls_mpi_free(&d);
    mbedtls_ecp_point_free(&r);
    mbedtls_ecp_point_free(&q);
    mbedtls_ecp_group_free(&grp);
    if (rc != 0) mbedtls_platform_zeroize(z, 32);
    return ecp_result(rc);
}

pt_hal_result pt_crypt_hkdf_sha256(const uint8_t *salt, uint32_t salt_len, const uint8_t *ikm, uint32_t ikm_len,
                                   const uint8_t *info, uint32_t info_len, uint8_t *out, uint32_t out_len)
{
    if (out_len == 0 || out_len > 255u * 32u) return PT_HAL_E_RANGE;
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (!md) return PT_HAL_E_IO;
    int rc = mbedtls_hkdf(md, salt, salt_len, ikm, ikm_len, info, info_len, out, out_len);
    if (rc != 0) {
        mbedtls_platform_zeroize(out, out_len);
        return rc == MBEDTLS_ERR_MD_ALLOC_FAILED ? PT_HAL_E_NO_MEMORY : PT_HAL_E_IO;
    }
    return PT_HAL_OK;
}

pt_hal_result pt_crypt_aes256_gcm_open(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad,
                                       uint32_t aad_len, const uint8_t *in, uint32_t len, const uint8_t tag[16],
                                       uint8_t *out)
{
    mbedtls_gcm_context gcm;
    mbedtls_gcm_init(&gcm);
    int rc = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, key, 256);
    if (rc == 0) rc = mbedtls_gcm_auth_decrypt(&gcm, len, iv, 12, aad, aad_len, tag, 16, in, out);
    mbedtls_gcm_free(&gcm);
    if (rc == 0) return PT_HAL_OK;
    mbedtls_platform_zeroize(out, len);
    return rc == MBEDTLS_ERR_GCM_AUTH_FAILED ? PT_HAL_E_SIGNATURE : PT_HAL_E_IO;
}

/* counter += n, as a 128-bit big-endian number (NIST SP 800-38A, B.1 with m = 128). */
static void counter_add(uint8_t counter[16], uint32_t n)
{
    uint32_t carry = n;
    for (int i = 15; i >= 0 && carry != 0; --i) {
        uint32_t sum = (uint32_t)counter[i] + (carry & 0xFFu);
        counter[i] = (uint8_t)sum;
        carry = (carry >> 8) + (sum >> 8);
    }
}

pt_hal_result pt_crypt_aes256_ctr(const uint8_t key[32], const uint8_t icb[16], uint32_t offset, const uint8_t *in,
                                  uint8_t *out, uint32_t len)
{
    mbedtls_aes_context aes;
    mbedtls_aes_init(&aes);
    uint8_t counter[16], stream[16];
    memcpy(counter, icb, 16);
    counter_add(counter, offset / 16u);
    size_t nc_off = offset % 16u;
    int rc = mbedtls_aes_setkey_enc(&aes, key, 256);
    if (rc == 0 && nc_off != 0) {
        /* Start inside a block: its key stream block, then the counter of the next one. */
        rc = mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_ENCRYPT, counter, stream);
        counter_add(counter, 1);
    }
    if (rc == 0) rc = mbedtls_aes_crypt_ctr(&aes, len, &nc_off, counter, stream, in, out);
    mbedtls_aes_free(&aes);
    mbedtls_platform_zeroize(stream, sizeof stream);
    return rc == 0 ? PT_HAL_OK : PT_HAL_E_IO;
}

static struct {
    bool present;
    uint8_t priv[32];
    uint8_t fingerprint[32];
} s_product_key;

void pt_crypt_set_product_key(const uint8_t priv[32], const uint8_t fingerprint[32])
{
    mbedtls_platform_zeroize(&s_product_key, sizeof s_product_key);
    if (!priv) return;
    memcpy(s_product_key.priv, priv, 32);
    memcpy(s_product_key.fingerprint, fingerprint, 32);
    s_product_key.present = true;
}

pt_hal_result pt_crypt_product_key(uint8_t priv[32], uint8_t fingerprint[32])
{
    if (!s_product_key.present) return PT_HAL_E_RANGE;
    if (priv) memcpy(priv, s_product_key.priv, 32);
    if (fingerprint) memcpy(fingerprint, s_product_key.fingerprint, 32);
    return PT_HAL_OK;
}
