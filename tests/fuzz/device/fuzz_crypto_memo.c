/* Cheaper session crypto for fuzz_device_auth, with the same results (fuzz_crypto_memo.h). */
#include "fuzz_crypto_memo.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "piton/hal.h"

/* The functions of pt_session_mbedtls.c and pt_crypto_mbedtls.c, under the names the linker's
 * --wrap gives them. */
pt_hal_result __real_pt_hal_p256_generate(uint8_t priv[32], uint8_t pub[65]);
pt_hal_result __real_pt_hal_p256_sign(const uint8_t priv[32], const uint8_t hash[32], uint8_t sig[72],
                                      uint32_t *sig_len);
pt_hal_result __real_pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig,
                                        uint32_t sig_len);
pt_hal_result __real_pt_hal_p256_ecdh(const uint8_t priv[32], const uint8_t peer[65], uint8_t secret[32]);
pt_hal_result __wrap_pt_hal_p256_generate(uint8_t priv[32], uint8_t pub[65]);
pt_hal_result __wrap_pt_hal_p256_sign(const uint8_t priv[32], const uint8_t hash[32], uint8_t sig[72],
                                      uint32_t *sig_len);
pt_hal_result __wrap_pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig,
                                        uint32_t sig_len);
pt_hal_result __wrap_pt_hal_p256_ecdh(const uint8_t priv[32], const uint8_t peer[65], uint8_t secret[32]);

#define POOL 16u
#define TABLE 4096u
#define KEY_MAX (65u + 32u + 72u)

static struct {
    uint8_t priv[32], pub[65];
} s_pool[POOL];
static unsigned s_next;
static bool s_ready, s_memo;

/* A table of one function's results: key = the function's inputs, one after another. */
typedef struct {
    bool used;
    uint32_t key_len, out_len;
    pt_hal_result result;
    uint8_t key[KEY_MAX], out[72];
} memo_entry;
static memo_entry s_sign[TABLE], s_verify[TABLE], s_ecdh[TABLE];
unsigned long fcm_hits, fcm_misses;

static uint32_t key_of(uint8_t *key, const void *a, uint32_t la, const void *b, uint32_t lb, const void *c, uint32_t lc)
{
    memcpy(key, a, la);
    memcpy(key + la, b, lb);
    if (lc)
        memcpy(key + la + lb, c, lc);
    return la + lb + lc;
}

/* The entry for `key`: a hit when `used` and the key matches; otherwise the slot to fill. */
static memo_entry *slot_of(memo_entry *table, const uint8_t *key, uint32_t len, bool *hit)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (uint32_t i = 0; i < len; i++)
        h = (h ^ key[i]) * 16777619u;
    memo_entry *e = &table[h % TABLE];
    *hit = e->used && e->key_len == len && memcmp(e->key, key, len) == 0;
    if (*hit)
        fcm_hits++;
    else
        fcm_misses++;
    return e;
}

static void fill(memo_entry *e, const uint8_t *key, uint32_t len, pt_hal_result r, const void *out, uint32_t out_len)
{
    e->used = true;
    e->key_len = len;
    memcpy(e->key, key, len);
    e->result = r;
    e->out_len = out_len;
    if (out_len)
        memcpy(e->out, out, out_len);
}

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
    uint8_t key[KEY_MAX];
    const uint32_t n = key_of(key, priv, 32, hash, 32, NULL, 0);
    bool hit;
    memo_entry *e = slot_of(s_sign, key, n, &hit);
    if (hit) {
        memcpy(sig, e->out, e->out_len);
        *sig_len = e->out_len;
        return e->result;
    }
    const pt_hal_result r = __real_pt_hal_p256_sign(priv, hash, sig, sig_len);
    if (r == PT_HAL_OK && *sig_len <= 72)
        fill(e, key, n, r, sig, *sig_len);
    return r;
}

pt_hal_result __wrap_pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig,
                                        uint32_t sig_len)
{
    if (sig_len > 72)
        return __real_pt_hal_p256_verify(point, hash, sig, sig_len);
    uint8_t key[KEY_MAX];
    const uint32_t n = key_of(key, point, 65, hash, 32, sig, sig_len);
    bool hit;
    memo_entry *e = slot_of(s_verify, key, n, &hit);
    if (hit)
        return e->result;
    const pt_hal_result r = __real_pt_hal_p256_verify(point, hash, sig, sig_len);
    if (r == PT_HAL_OK || r == PT_HAL_E_SIGNATURE) /* not an out-of-memory */
        fill(e, key, n, r, NULL, 0);
    return r;
}

pt_hal_result __wrap_pt_hal_p256_ecdh(const uint8_t priv[32], const uint8_t peer[65], uint8_t secret[32])
{
    uint8_t key[KEY_MAX];
    const uint32_t n = key_of(key, priv, 32, peer, 65, NULL, 0);
    bool hit;
    memo_entry *e = slot_of(s_ecdh, key, n, &hit);
    if (hit) {
        if (e->result == PT_HAL_OK)
            memcpy(secret, e->out, 32);
        return e->result;
    }
    const pt_hal_result r = __real_pt_hal_p256_ecdh(priv, peer, secret);
    if (r == PT_HAL_OK || r == PT_HAL_E_SIGNATURE)
        fill(e, key, n, r, r == PT_HAL_OK ? secret : NULL, r == PT_HAL_OK ? 32 : 0);
    return r;
}
