/*
 * The key block of an encrypted package (docs/package-format.md, "Key block"): parsing, and
 * unwrapping the content key with a key the board holds (ECIES on P-256: ECDH, HKDF-SHA256,
 * AES-256-GCM), and deriving the payload keys. Crypto through piton/crypt.h; no heap.
 */
#ifndef PT_KEYBLOCK_H
#define PT_KEYBLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/hal.h"
#include "piton/protocol.h"

/**
 * Checks the structure of a key block of `len` bytes: magic, version, recipient count
 * 1..PT_KEYBLOCK_MAX_RECIPIENTS, length 8 + 152 × count, reserved bytes 0, recipient kinds.
 * PT_OK or PT_E_BAD_PACKAGE with a message naming the problem. Needs no key.
 */
enum pt_status pt_keyblock_check(const uint8_t *kb, uint32_t len);

/**
 * Index of the first recipient whose key fingerprint (32 bytes, SHA-256 of the DER
 * SubjectPublicKeyInfo) is `fingerprint`, or -1. `kb` must have passed pt_keyblock_check.
 */
int pt_keyblock_find(const uint8_t *kb, uint32_t len, const uint8_t fingerprint[32]);

/**
 * True when the board holds a key (pt_crypt_product_key) that one of the recipients names,
 * without using the private key: what the update agent checks at COMMIT. Without any key or
 * without a match: PT_E_VERIFY_KEY with a message (the board's key fingerprint, or that it holds
 * none). A port without piton/crypt.h support links a version that always refuses.
 */
enum pt_status pt_keyblock_match(const uint8_t *kb, uint32_t len);

/**
 * Unwraps the 32-byte content key into `cek`: finds the recipient for the board's key, ECDH with
 * its ephemeral point, KEK = HKDF-SHA256(salt = `manifest_hash`, IKM = shared x coordinate,
 * info = PT_KDF_INFO_WRAP ‖ fingerprint ‖ ephemeral point), then AES-256-GCM open (KEK, IV = 12
 * zero bytes, AAD = `manifest_hash`). `manifest_hash` is the SHA-256 of the manifest without the
 * key block. PT_E_VERIFY_KEY when no recipient matches or the tag does not verify; PT_E_INTERNAL
 * when the crypto library ran out of memory. `cek` is zeroed on failure.
 */
enum pt_status pt_keyblock_unwrap(const uint8_t *kb, uint32_t len, const uint8_t manifest_hash[32],
                                  uint8_t cek[PT_CONTENT_KEY_SIZE]);

/** Where a board's product key comes from: pt_crypt_product_key (the provisioned one), or
 *  pt_keyset_product_key (keyset.h: the key set in force, after a key update). Same contract. */
typedef pt_hal_result (*pt_product_key_fn)(uint8_t priv[32], uint8_t fingerprint[32]);

/** pt_keyblock_match and pt_keyblock_unwrap with the product key from `product_key` (the
 *  functions above use pt_crypt_product_key). */
enum pt_status pt_keyblock_match_from(const uint8_t *kb, uint32_t len, pt_product_key_fn product_key);
enum pt_status pt_keyblock_unwrap_from(const uint8_t *kb, uint32_t len, const uint8_t manifest_hash[32],
                                       uint8_t cek[PT_CONTENT_KEY_SIZE], pt_product_key_fn product_key);

/** Payload key i: HKDF-SHA256(no salt, IKM = `cek`, info = PT_KDF_INFO_PAYLOAD ‖ u8 index), 32 bytes. */
enum pt_status pt_payload_key(const uint8_t cek[PT_CONTENT_KEY_SIZE], uint8_t index, uint8_t key[32]);

/**
 * The board's storage key for the `backup` region (docs/boot-flow.md, "Encrypted backup"):
 * HKDF-SHA256(salt = the board's unique id, IKM = product private key, info =
 * PT_KDF_INFO_BACKUP), 32 bytes. False (and `key` zeroed) when the board holds no product key:
 * then the backup stays plaintext, as before encrypted packages.
 */
bool pt_backup_key(uint8_t key[32]);

/**
 * Initial counter block of a backed-up image: its plaintext SHA-256's first 12 bytes, then a
 * 32-bit block counter 0. Deterministic, so a backup redone after a power cut is the same bytes;
 * different images get different key streams.
 */
void pt_backup_icb(const uint8_t image_sha256[32], uint8_t icb[16]);

#endif
