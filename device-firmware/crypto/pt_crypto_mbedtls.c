/* The crypto functions of piton/hal.h with mbed TLS 2.28: SHA-256 and ECDSA P-256 verify through
 * the ECP layer (no pk, OID or MD layer, so a target links only sha256, bignum, ecp, ecdsa and
 * asn1parse). Linked by ports/host (Debian's libmbedcrypto) and by the mps2-an386 bootloader
 * (mbed TLS built from Debian's source with ports/mps2-an386/mbedtls_config.h). */
#include <string.h>

#include "mbedtls/ecdsa.h"
#include "mbedtls/ecp.h"
#include "mbedtls/sha256.h"
#include "piton/hal.h"

_Static_assert(sizeof(mbedtls_sha256_context) <= sizeof(pt_hal_sha256_ctx), "pt_hal_sha256_ctx too small");
_Static_assert(_Alignof(mbedtls_sha256_context) <= _Alignof(pt_hal_sha256_ctx), "pt_hal_sha256_ctx alignment");

void pt_hal_sha256_start(pt_hal_sha256_ctx *ctx)
{
    mbedtls_sha256_context *c = (mbedtls_sha256_context *)(void *)ctx;
    mbedtls_sha256_init(c);
    mbedtls_sha256_starts_ret(c, 0);
}

void pt_hal_sha256_update(pt_hal_sha256_ctx *ctx, const void *data, uint32_t len)
{
    mbedtls_sha256_update_ret((mbedtls_sha256_context *)(void *)ctx, data, len);
}

void pt_hal_sha256_finish(pt_hal_sha256_ctx *ctx, uint8_t out[32])
{
    mbedtls_sha256_context *c = (mbedtls_sha256_context *)(void *)ctx;
    mbedtls_sha256_finish_ret(c, out);
    mbedtls_sha256_free(c);
}

/* mbed TLS ran out of memory (on a target: its static arena). An mbed TLS error code is a
 * high-level part (bits 7..14) plus a low-level part (bits 0..6); either may say so. */
static bool out_of_memory(int rc)
{
    uint32_t e = rc < 0 ? (uint32_t)-rc : 0u;
    return (e & 0x7Fu) == (uint32_t)-MBEDTLS_ERR_MPI_ALLOC_FAILED ||
           (e & 0x7F80u) == (uint32_t)-MBEDTLS_ERR_ECP_ALLOC_FAILED;
}

pt_hal_result pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig,
                                 uint32_t sig_len)
{
    mbedtls_ecdsa_context ctx;
    mbedtls_ecdsa_init(&ctx);
    int rc = mbedtls_ecp_group_load(&ctx.grp, MBEDTLS_ECP_DP_SECP256R1);
    if (rc == 0)
        rc = mbedtls_ecp_point_read_binary(&ctx.grp, &ctx.Q, point, 65);
    if (rc == 0)
        rc = mbedtls_ecp_check_pubkey(&ctx.grp, &ctx.Q);
    if (rc == 0)
        rc = mbedtls_ecdsa_read_signature(&ctx, hash, 32, sig, sig_len);
    mbedtls_ecdsa_free(&ctx);
    return rc == 0 ? PT_HAL_OK : out_of_memory(rc) ? PT_HAL_E_NO_MEMORY : PT_HAL_E_SIGNATURE;
}
