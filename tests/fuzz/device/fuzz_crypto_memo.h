/*
 * Cheaper session crypto for fuzz_device_auth, with the same results: the target links with
 * -Wl,--wrap for pt_hal_p256_generate, _sign, _verify and _ecdh (tests/fuzz/CMakeLists.txt), so
 * the device core's calls of these piton/hal.h functions land here. Every AUTH_HELLO the input
 * sends costs the board a key generation and a signature, every AUTH_PROOF a credential
 * verification, a proof verification and an ECDH (P-256 scalar multiplications through mbed TLS,
 * whose bignum allocations each go through ASan's allocator): 86 % of the target's time before.
 *
 * - pt_hal_p256_generate: the board's ephemeral key pairs come from a pool of 16 made once by the
 *   real function (pt_session_mbedtls.c); the n-th key an input asks for is pool[n % 16] (counted
 *   from fcm_next_input()), so an input gets a different key for each of its (at most 16)
 *   handshakes and the same keys on every run (replays are deterministic).
 * - pt_hal_p256_sign (deterministic ECDSA, RFC 6979, as hal.h promises), pt_hal_p256_verify and
 *   pt_hal_p256_ecdh are functions of their inputs: their results are kept in a table of 4096
 *   entries each, keyed by all the input bytes (compared in full); a miss calls the real
 *   function, and an out-of-memory result is never kept. At start-up the real sign is called
 *   twice on the same hash; when the signatures differ, signatures are not kept.
 * The real functions still run (at start-up and for every new input to them), and auth.c,
 * auth_verify.c, server.c, link.c see exactly what they would see from the real HAL.
 */
#ifndef PT_FUZZ_CRYPTO_MEMO_H
#define PT_FUZZ_CRYPTO_MEMO_H

#include <stdint.h>

/** Makes the key pool and checks that signing is deterministic; aborts when the real key
 *  generation fails. Call once before the first input. */
void fcm_init(void);
/** Starts a new input: its first ephemeral key is pool[0] again. */
void fcm_next_input(void);
/** Results served from the tables and made by the real functions, since start. */
extern unsigned long fcm_hits, fcm_misses;

#endif
