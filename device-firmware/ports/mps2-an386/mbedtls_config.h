/*
 * mbed TLS 2.28 configuration of the mps2-an386 port: only what the device core uses
 * (grep mbedtls device-firmware/common): SHA-256 (payload hashes, manifest hash, key
 * fingerprints) and ECDSA P-256 verification of the manifest signature (mbedtls_ecdsa_read_signature;
 * package.c reads the key's point out of its DER SubjectPublicKeyInfo itself, so no pk, OID or
 * MD layer). No RNG, no
 * TLS, no X.509, no file system. Memory comes from a static arena (MBEDTLS_MEMORY_BUFFER_ALLOC_C,
 * m4_crypto.c); exhausting it makes mbed TLS return *_ALLOC_FAILED, which package.c reports as
 * PT_E_INTERNAL.
 */
#ifndef PITON_M4_MBEDTLS_CONFIG_H
#define PITON_M4_MBEDTLS_CONFIG_H

/* System: bare metal, newlib-nano, the static arena (one block for both images). */
#include "mbedtls_m4_platform.h"

/* Hash. */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER

/* ECDSA P-256 verify. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_NO_INTERNAL_RNG /* verify only: no secret scalar to blind, no DRBG */
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C /* required by MBEDTLS_ECDSA_C (check_config.h) */

/* Small: one curve of 256 bits, a small window, no fixed-point tables in RAM. */
#define MBEDTLS_NO_UDBL_DIVISION /* no libgcc 64-bit division (700 bytes) */
#define MBEDTLS_MPI_WINDOW_SIZE 1
#define MBEDTLS_MPI_MAX_SIZE 32
#define MBEDTLS_ECP_MAX_BITS 256
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0

#include "mbedtls/check_config.h"

#endif
