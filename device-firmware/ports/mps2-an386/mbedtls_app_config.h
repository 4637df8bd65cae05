/*
 * mbed TLS 2.28 configuration of the mps2-an386 application (the update agent's sealed sessions,
 * docs/protocol.md §6.2-6.4): what device-firmware/crypto/pt_session_mbedtls.c calls and nothing
 * else. ECDH P-256 (the ephemeral key agreement), ECDSA P-256 sign, deterministic (RFC 6979,
 * through HMAC_DRBG; the board signs the handshake transcript with its identity key), HKDF-SHA256
 * (the session keys), AES-256-GCM (every sealed frame). HMAC_DRBG also is the application's
 * random source (m4_random.c: the board has no TRNG). ECDSA verify and the agent's other SHA-256
 * uses go through the bootloader's service table; this library has its own SHA-256 because the
 * MD layer (HMAC, HKDF) needs it. No TLS, no X.509, no pk layer. Memory comes from the
 * application's static arena (MBEDTLS_MEMORY_BUFFER_ALLOC_C, m4_crypto.c). The bootloader keeps
 * mbedtls_config.h (SHA-256 and ECDSA verify only).
 */
#ifndef PITON_M4_MBEDTLS_APP_CONFIG_H
#define PITON_M4_MBEDTLS_APP_CONFIG_H

/* System: bare metal, newlib-nano, the static arena (one block for both images). */
#include "mbedtls_m4_platform.h"

/* Hash, HMAC, HKDF. */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER
#define MBEDTLS_MD_C
#define MBEDTLS_HKDF_C
#define MBEDTLS_HMAC_DRBG_C

/* P-256: ECDH, ECDSA sign (deterministic). Every call passes the random source (m4_random.c)
 * for the blinding of the scalar multiplication, so the ECP module needs no RNG of its own. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_NO_INTERNAL_RNG
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

/* AES-256-GCM through the cipher layer (gcm.c needs it). AES_FEWER_TABLES: one 1 KB table per
 * direction, built in RAM at the first use, instead of 8 KB in flash (mbed TLS 2.28 cannot leave
 * out the decryption tables that GCM never uses). */
#define MBEDTLS_CIPHER_C
#define MBEDTLS_AES_C
#define MBEDTLS_AES_FEWER_TABLES
#define MBEDTLS_GCM_C

/* Small: one curve of 256 bits, a small window, no fixed-point tables (as mbedtls_config.h). */
#define MBEDTLS_NO_UDBL_DIVISION
#define MBEDTLS_MPI_WINDOW_SIZE 1
#define MBEDTLS_MPI_MAX_SIZE 32
#define MBEDTLS_ECP_MAX_BITS 256
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0

#include "mbedtls/check_config.h"

#endif
