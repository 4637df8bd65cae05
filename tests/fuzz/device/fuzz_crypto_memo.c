/* Cheaper session crypto for fuzz_device_auth, with the same results (fuzz_crypto_memo.h). */
#include "fuzz_crypto_memo.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "piton/hal.h"

/* The functions of pt_session_mbedtls.c, under the names the linker's --wrap gives them. */
pt_hal_result __real_pt_hal_p256_generate(uint8_t priv[32], uint8_t pub[65]);
pt_hal_result __real_pt_hal_p256_sign(const uint8_t priv[32], const uint8_t hash[32], uint8_t sig[72],
                                      uint32_t *sig_len);
pt_hal_result __wrap_pt_hal_p256_generate(uint8_t priv[32], uint8_t pub[65]);
pt_hal_result __wrap_pt_hal_p256_sign(const uint8_t priv[32], const uint8_t hash[32], uint8_t sig[72],
                                      uint32_t *sig_len);

#define POOL 16u
#define TABLE 8192u

static struct {
    uint8_t priv[32], pub[65];
} s_pool[POOL];
static unsigned s_next;
static bool s_ready, s_memo;

static struct {
    bool used;
    uint8_t priv[32], hash[32], sig[72];
    uint32_t len;
} s_table[TABLE];
unsigned long fcm_sign_hits, fcm_sign_misses;

void fcm_init(void)
{
    for (unsigned i = 0; i < POOL; i++)
        if (__real_pt_hal_p256_generate(s_pool[i].priv, s_pool[i].pub) != PT_HAL_OK)
            abort();
    uint8_t hash[32], a[72], b[72];
    uint32_t la = 0, lb = 0;
    memset(hash, 0x5a, sizeof hash);
    s_memo = __real_pt_hal_p256_sign(s_pool[0].priv, hash, a, &la) == PT_HAL_OK &&
             __real_pt_hal_p256_sign(s_pool[0].priv, hash, b, &lb) == PT_HAL_OK && la == lb && memcmp(a, b, la) == 0;
    s_ready = true;
}

void fcm_next_input(void) { s_next = 0; }

pt_hal_result __wrap_pt_hal_p256_generate(uint8_t priv[32], uint8_t pub[65])
{
    if (!s_ready)
        return __real_pt_hal_p256_generate(priv, pub);
    const unsigned i = s_next++ % POOL;
    memcpy(priv, s_pool[i].priv, 32);
    memcpy(pub, s_pool[i].pub, 65);
    return PT_HAL_OK;
}

pt_hal_result __wrap_pt_hal_p256_sign(const uint8_t priv[32], const uint8_t hash[32], uint8_t sig[72],
                                      uint32_t *sig_len)
{
    if (!s_memo)
        return __real_pt_hal_p256_sign(priv, hash, sig, sig_len);
    /* The hash is a SHA-256 output: its first bytes pick the entry. */
    const uint32_t slot = ((uint32_t)hash[0] | (uint32_t)hash[1] << 8 | (uint32_t)priv[0] << 16) % TABLE;
    if (s_table[slot].used && memcmp(s_table[slot].priv, priv, 32) == 0 && memcmp(s_table[slot].hash, hash, 32) == 0) {
        memcpy(sig, s_table[slot].sig, s_table[slot].len);
        *sig_len = s_table[slot].len;
        fcm_sign_hits++;
        return PT_HAL_OK;
    }
    fcm_sign_misses++;
    const pt_hal_result r = __real_pt_hal_p256_sign(priv, hash, sig, sig_len);
    if (r == PT_HAL_OK && *sig_len <= 72) {
        s_table[slot].used = true;
        memcpy(s_table[slot].priv, priv, 32);
        memcpy(s_table[slot].hash, hash, 32);
        memcpy(s_table[slot].sig, sig, *sig_len);
        s_table[slot].len = *sig_len;
    }
    return r;
}
