/* The session crypto of piton/hal.h with mbed TLS 2.28 (ECDH, deterministic ECDSA, HKDF-SHA256,
 * AES-256-GCM), linked where PT_SEALED_SESSIONS is on (piton-vboard, the device tests, the
 * mps2-an386 application). The random source itself is the port's pt_hal_random(); mbed TLS only gets it as its RNG callback. */
#include <string.h>

#include "mbedtls/ecdh.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/md.h"
#include "mbedtls/platform_util.h"
#include "piton/hal.h"

static int rng(void *ctx, unsigned char *out, size_t len)
{
    (void)ctx;
    return pt_hal_random(out, (uint32_t)len) == PT_HAL_OK ? 0 : -1;
}

static pt_hal_result mapped(int rc)
{
    if (rc == 0)
        return PT_HAL_OK;
    uint32_t e = (uint32_t)-rc;
    if ((e & 0x7Fu) == (uint32_t)-MBEDTLS_ERR_MPI_ALLOC_FAILED || (e & 0x7F80u) == (uint32_t)-MBEDTLS_ERR_ECP_ALLOC_FAILED)
        return PT_HAL_E_NO_MEMORY;
    return PT_HAL_E_SIGNATURE;
}

pt_hal_result pt_hal_p256_generate(uint8_t priv[32], uint8_t pub[65])
{
    mbedtls_ecp_keypair k;
    mbedtls_ecp_keypair_init(&k);
    int rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, &k, rng, NULL);
    size_t n = 0;
    if (rc == 0)
        rc = mbedtls_mpi_write_binary(&k.d, priv, 32);
    if (rc == 0)
        rc = mbedtls_ecp_point_write_binary(&k.grp, &k.Q, MBEDTLS_ECP_PF_UNCOMPRESSED, &n, pub, 65);
    mbedtls_ecp_keypair_free(&k);
    return rc == 0 && n == 65 ? PT_HAL_OK : rc == 0 ? PT_HAL_E_IO : mapped(rc);
}

pt_hal_result pt_hal_p256_ecdh(const uint8_t priv[32], const uint8_t peer[65], uint8_t secret[32])
{
    mbedtls_ecp_group grp;
    mbedtls_ecp_point q;
    mbedtls_mpi d, z;
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&q);
    mbedtls_mpi_init(&d);
    mbedtls_mpi_init(&z);
    int rc = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1);
    if (rc == 0)
        rc = mbedtls_ecp_point_read_binary(&grp, &q, peer, 65);
    if (rc == 0)
        rc = mbedtls_ecp_check_pubkey(&grp, &q);
    if (rc == 0)
        rc = mbedtls_mpi_read_binary(&d, priv, 32);
    if (rc == 0)
        rc = mbedtls_ecdh_compute_shared(&grp, &z, &q, &d, rng, NULL);
    if (rc == 0)
        rc = mbedtls_mpi_write_binary(&z, secret, 32);
    mbedtls_mpi_free(&z);
    mbedtls_mpi_free(&d);
    mbedtls_ecp_point_free(&q);
    mbedtls_ecp_group_free(&grp);
    return mapped(rc);
}

pt_hal_result pt_hal_p256_sign(const uint8_t priv[32], const uint8_t hash[32], uint8_t sig[72], uint32_t *sig_len)
{
    mbedtls_ecdsa_context ctx;
    mbedtls_ecdsa_init(&ctx);
    int rc = mbedtls_ecp_group_load(&ctx.grp, MBEDTLS_ECP_DP_SECP256R1);
    if (rc == 0)
        rc = mbedtls_mpi_read_binary(&ctx.d, priv, 32);
    size_t n = 0;
    if (rc == 0)
        rc = mbedtls_ecdsa_write_signature(&ctx, MBEDTLS_MD_SHA256, hash, 32, sig, &n, rng, NULL);
    mbedtls_ecdsa_free(&ctx);
    *sig_len = (uint32_t)n;
    return rc == 0 && n <= 72 ? PT_HAL_OK : rc == 0 ? PT_HAL_E_IO : mapped(rc);
}

pt_hal_result pt_hal_hkdf_sha256(const uint8_t *salt, uint32_t salt_len, const uint8_t *ikm, uint32_t ikm_len,
                                 const uint8_t *info, uint32_t info_len, uint8_t *out, uint32_t out_len)
{
    int rc = mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), salt, salt_len, ikm, ikm_len, info, info_len,
                          out, out_len);
    return rc == 0 ? PT_HAL_OK : PT_HAL_E_IO;
}

pt_hal_result pt_hal_gcm_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad, uint32_t aad_len,
                              uint8_t *data, uint32_t len, uint8_t tag[16])
{
    mbedtls_gcm_context g;
    mbedtls_gcm_init(&g);
    int rc = mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, 256);
    if (rc == 0)
        rc = mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, len, nonce, 12, aad, aad_len, data, data, 16, tag);
    mbedtls_gcm_free(&g);
    return rc == 0 ? PT_HAL_OK : PT_HAL_E_IO;
}

pt_hal_result pt_hal_gcm_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad, uint32_t aad_len,
                              uint8_t *data, uint32_t len, const uint8_t tag[16])
{
    mbedtls_gcm_context g;
    mbedtls_gcm_init(&g);
    int rc = mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, 256);
    if (rc == 0)
        rc = mbedtls_gcm_auth_decrypt(&g, len, nonce, 12, aad, aad_len, tag, 16, data, data);
    mbedtls_gcm_free(&g);
    if (rc == MBEDTLS_ERR_GCM_AUTH_FAILED) {
        mbedtls_platform_zeroize(data, len);
        return PT_HAL_E_SIGNATURE;
    }
    return rc == 0 ? PT_HAL_OK : PT_HAL_E_IO;
}
