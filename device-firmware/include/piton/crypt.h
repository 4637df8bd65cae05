/*
 * Decryption primitives for encrypted packages and the encrypted backup (docs/package-format.md,
 * "Encrypted payloads"; docs/security.md, "Encrypted packages"). C11, no heap in our code.
 *
 * Kept apart from hal.h on purpose: only a port that installs encrypted packages links them
 * (ports/host through device-firmware/crypto/pt_crypt_mbedtls.c, mbed TLS 2.28 ECDH, HKDF, GCM
 * and AES). A port without them (the mps2-an386 bootloader today) refuses encrypted packages
 * with PT_E_NO_DECRYPT_KEY. Never write your own crypto: these wrap mbed TLS.
 *
 * Keys and lengths are bytes. Every function returns PT_HAL_OK or a pt_hal_result below.
 */
#ifndef PITON_CRYPT_H
#define PITON_CRYPT_H

#include <stdint.h>

#include "piton/hal.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * ECDH on NIST P-256 (SEC 1 v2 §3.3.1): the x coordinate of d·Q, 32 bytes big-endian, into `z`.
 * `priv` is the private scalar d (32 bytes big-endian), `point` the peer's uncompressed SEC 1
 * point (0x04, X, Y; 65 bytes). PT_HAL_E_SIGNATURE when `point` is not on the curve or d is not
 * a valid scalar; PT_HAL_E_NO_MEMORY when the crypto library ran out of memory.
 */
pt_hal_result pt_crypt_p256_ecdh(const uint8_t priv[32], const uint8_t point[65], uint8_t z[32]);

/**
 * HKDF with SHA-256 (RFC 5869, extract then expand): `out_len` (1..255·32) bytes of output key
 * material from `ikm`, with `salt` (may be empty: then 32 zero bytes, as RFC 5869 §2.2) and
 * `info`. PT_HAL_E_RANGE for a bad length.
 */
pt_hal_result pt_crypt_hkdf_sha256(const uint8_t *salt, uint32_t salt_len, const uint8_t *ikm, uint32_t ikm_len,
                                   const uint8_t *info, uint32_t info_len, uint8_t *out, uint32_t out_len);

/**
 * AES-256-GCM authenticated decryption (NIST SP 800-38D) of `len` bytes `in` into `out` under
 * `key` with the 12-byte `iv`, additional data `aad` and the 16-byte `tag`. PT_HAL_E_SIGNATURE
 * when the tag does not verify (then `out` is zeroed).
 */
pt_hal_result pt_crypt_aes256_gcm_open(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad,
                                       uint32_t aad_len, const uint8_t *in, uint32_t len, const uint8_t tag[16],
                                       uint8_t *out);

/**
 * AES-256-CTR (NIST SP 800-38A §6.5) with random access: en- or decrypts `len` bytes that start
 * at byte `offset` of a stream whose initial counter block is `icb` (16 bytes; the counter block
 * for byte o is icb + floor(o / 16), a 128-bit big-endian addition, as mbed TLS and OpenSSL
 * count). `in` and `out` may be the same buffer. Any piece can be redone (power-cut resume).
 */
pt_hal_result pt_crypt_aes256_ctr(const uint8_t key[32], const uint8_t icb[16], uint32_t offset, const uint8_t *in,
                                  uint8_t *out, uint32_t len);

/**
 * The board's product key (the private half of the key packages are encrypted to): its private
 * scalar (32 bytes big-endian) into `priv` and the SHA-256 of its DER SubjectPublicKeyInfo into
 * `fingerprint` (either may be NULL). Implemented by the port from its protected storage
 * (piton-vboard: the provisioning sector, `--product-key`). PT_HAL_E_RANGE when the board holds
 * no product key.
 */
pt_hal_result pt_crypt_product_key(uint8_t priv[32], uint8_t fingerprint[32]);

/**
 * For ports that load the product key into RAM at start-up (piton-vboard from its provisioning
 * sector, the device tests): pt_crypt_mbedtls.c keeps a copy and serves pt_crypt_product_key from
 * it. `priv` NULL forgets the key. A port with protected key storage implements
 * pt_crypt_product_key itself instead.
 */
void pt_crypt_set_product_key(const uint8_t priv[32], const uint8_t fingerprint[32]);

/** Overwrites `len` bytes at `p` with zeros in a way the compiler keeps (mbedtls_platform_zeroize). */
void pt_crypt_zeroize(void *p, uint32_t len);

#ifdef __cplusplus
}
#endif

#endif /* PITON_CRYPT_H */
