/* mps2-an386 application: hal.h's random source (pt_hal_random) for the agent's sealed sessions:
 * the ephemeral ECDH key of each handshake and the blinding of mbed TLS's scalar
 * multiplications (the identity key's ECDSA signatures are deterministic, RFC 6979, and need no
 * random k). The board has no TRNG. mbed TLS's HMAC_DRBG (NIST SP 800-90A §10.1.2, SHA-256) is
 * seeded once per reset with the board's identity private key (secret: only the provisioning
 * sector holds it) and a nonce (pt_hal_nonce, m4_hal.c: unique id, the reset epoch that grows at
 * every reset, counters, the millisecond clock and SysTick), and every request adds a fresh nonce
 * as additional input. So the output never repeats across resets (the epoch) and cannot be
 * predicted without the identity key; it is only as secret as that key (docs/security.md
 * "Randomness on the Cortex-M4"). A board with a TRNG seeds from it instead. */
#include "m4_board.h"

#include <string.h>

#include "mbedtls/hmac_drbg.h"
#include "mbedtls/md.h"
#include "mbedtls/platform_util.h"

static mbedtls_hmac_drbg_context s_drbg;
static bool s_seeded;

pt_hal_result pt_hal_random(uint8_t *out, uint32_t len)
{
    uint8_t fresh[32];
    pt_hal_nonce(fresh);
    if (!s_seeded) {
        /* Without an identity key (no access block) no handshake happens: nothing asks. */
        uint8_t seed[64];
        memcpy(seed, pt_hal_board()->identity_key, 32);
        memcpy(seed + 32, fresh, 32);
        mbedtls_hmac_drbg_init(&s_drbg);
        const int rc =
            mbedtls_hmac_drbg_seed_buf(&s_drbg, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), seed, sizeof seed);
        mbedtls_platform_zeroize(seed, sizeof seed);
        if (rc != 0) {
            mbedtls_hmac_drbg_free(&s_drbg);
            return PT_HAL_E_IO;
        }
        s_seeded = true;
        pt_hal_nonce(fresh); /* the additional input differs from the seed's nonce */
    }
    return mbedtls_hmac_drbg_random_with_add(&s_drbg, out, len, fresh, sizeof fresh) == 0 ? PT_HAL_OK : PT_HAL_E_IO;
}
