/*
 * Cheaper session crypto for fuzz_device_auth, with the same results: the target links with
 * -Wl,--wrap=pt_hal_p256_generate,--wrap=pt_hal_p256_sign (tests/fuzz/CMakeLists.txt), so the
 * device core's calls of these two piton/hal.h functions land here. Every AUTH_HELLO the input
 * sends costs the board a key generation and a signature (two P-256 scalar multiplications
 * through mbed TLS, whose bignum allocations each go through ASan's allocator): 86 % of the
 * target's time before.
 *
 * - pt_hal_p256_generate: the board's ephemeral key pairs come from a pool of 16 made once by the
 *   real function (pt_session_mbedtls.c); the n-th key an input asks for is pool[n % 16] (counted
 *   from fcm_next_input()), so an input gets a different key for each of its (at most 16)
 *   handshakes and the same keys on every run (replays are deterministic).
 * - pt_hal_p256_sign: deterministic ECDSA (RFC 6979, as hal.h promises) is a function of the key
 *   and the hash, so its results are kept in a table of 8192 (key, hash) -> signature entries;
 *   a miss (and any failure) calls the real function. At start-up the real function is called
 *   twice on the same hash; when the signatures differ the table stays off.
 * Both real functions still run (at start-up and on every new transcript), and auth.c, server.c,
 * link.c see exactly what they would see from the real HAL.
 */
#ifndef PT_FUZZ_CRYPTO_MEMO_H
#define PT_FUZZ_CRYPTO_MEMO_H

#include <stdint.h>

/** Makes the key pool and checks that signing is deterministic; aborts when the real key
 *  generation fails. Call once before the first input. */
void fcm_init(void);
/** Starts a new input: its first ephemeral key is pool[0] again. */
void fcm_next_input(void);
/** Signatures served from the table and made by the real function, since start. */
extern unsigned long fcm_sign_hits, fcm_sign_misses;

#endif
