/*
 * Package writing for the device tests (test_update.c) and the fault campaign (fault_campaign.c),
 * done here with mbed TLS directly, not with the device's package.c/keyblock.c, so that the
 * device is checked against an independent writer of docs/package-format.md: the manifest's fixed
 * part, the package header and signature, a key block with one product-key recipient, the content
 * key wrap and the payload encryption. Host test code: returns an error, never exits.
 */
#ifndef PT_TEST_PACKAGES_H
#define PT_TEST_PACKAGES_H

#include <stdint.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/pk.h"
#include "piton/device.h"

/** Writes the public key of `pk` (P-256) as DER SubjectPublicKeyInfo into `out`, the form a
 *  board's trusted, root and access keys take (piton/device.h). Returns 0, or -1 when the export
 *  failed or is longer than PT_PUBKEY_DER_MAX bytes. */
int tp_trusted_key(mbedtls_pk_context *pk, pt_trusted_key *out);

/** Zeroes the `mlen` bytes of the manifest at `m` and writes its fixed part (docs/package-format.md
 *  "Manifest"): magic, `format` (PT_MANIFEST_FORMAT_V1/V2), `count` payload descriptors, the
 *  `board` id (at most PT_BOARD_ID_MAX characters), package `version`, security `counter` and
 *  `flags` (PT_MANIFEST_FLAG_*). The descriptors and any key block are the caller's. */
void tp_put_manifest(uint8_t *m, uint32_t mlen, uint16_t format, uint16_t count, const char *board, uint32_t version,
                     uint32_t counter, uint32_t flags);

/** Signs the manifest of `mlen` bytes at pkg + PT_PACKAGE_HEADER_SIZE (ECDSA P-256 over its
 *  SHA-256 with `signer`, DER, randomness from `drbg`) and writes the 16-byte package header in
 *  front of it and the signature after it (docs/package-format.md "File layout"). A key update is
 *  sealed the same way. Returns the offset where the payload area starts (header + manifest +
 *  signature, bytes); 0 when signing failed or the signature exceeds PT_SIGNATURE_MAX. */
uint32_t tp_seal(uint8_t *pkg, uint32_t mlen, mbedtls_pk_context *signer, mbedtls_ctr_drbg_context *drbg);

/** Writes a key block with one product-key recipient of key fingerprint `fp` at `kb` (the end of
 *  the manifest's descriptors; PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE bytes,
 *  zeroed first) and returns the recipient entry, whose ephemeral point, wrapped key and tag
 *  are left zero for tp_wrap_content_key() (docs/package-format.md "Key block"). */
uint8_t *tp_put_product_recipient(uint8_t *kb, const uint8_t fp[32]);

/** Wraps the 32-byte content key `cek` to the product key (public point `point`, 65 bytes
 *  uncompressed SEC 1; fingerprint `fp`) into the recipient entry `rc` (docs/package-format.md
 *  "Content key and its wrap"): ephemeral P-256 key e, Z = x(e * Q), KEK = HKDF-SHA256(salt =
 *  SHA-256 of the manifest's first `desc_end` bytes, Z, "piton-ecies-p256-v1" || fp || E), the
 *  key sealed with AES-256-GCM (IV 0, AAD the same hash). Returns 0, or -1 when a step failed. */
int tp_wrap_content_key(const uint8_t *manifest, uint32_t desc_end, const uint8_t cek[32], const uint8_t point[65],
                        const uint8_t fp[32], uint8_t *rc, mbedtls_ctr_drbg_context *drbg);

/** Encrypts payload `index`'s `n` stored bytes at `data` in place: AES-256-CTR from the initial
 *  counter block `icb` (16 bytes) under K_index = HKDF-SHA256(no salt, `cek`, "piton-payload-v1"
 *  || index) (docs/package-format.md "Content key and its wrap"). Returns 0, or -1 on failure. */
int tp_encrypt_payload(const uint8_t cek[32], uint8_t index, const uint8_t icb[16], uint8_t *data, uint32_t n);

#endif
