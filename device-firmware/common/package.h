/*
 * Parsing and verification of a staged package (docs/package-format.md), read from flash in
 * small pieces (no whole-package buffer). Crypto: the HAL's SHA-256 and ECDSA P-256 verify.
 */
#ifndef PT_PACKAGE_H
#define PT_PACKAGE_H

#include <stdint.h>

#include "bootstate.h"
#include "piton/hal.h"
#include "piton/protocol.h"

typedef struct {
    uint8_t kind;               /* enum pt_payload_kind */
    char region[17];            /* target region name, NUL-terminated */
    uint32_t load_offset;       /* bytes inside the target region */
    uint32_t size;              /* bytes */
    uint32_t area_offset;       /* offset in the payload area */
    uint32_t version;
    uint32_t requires_firmware;
    uint8_t sha256[32];
    uint32_t file_offset;       /* offset of the payload from the start of the package file */
} pt_payload_info;

typedef struct {
    char board_id[33];
    uint32_t version;
    uint32_t security_counter;
    uint32_t payload_count;
    pt_payload_info payloads[PT_MANIFEST_MAX_PAYLOADS];
} pt_manifest_info;

/**
 * Verifies the package of `size` bytes stored at region-relative `offset` of `r`: structure
 * (PT_E_BAD_PACKAGE), signature over SHA-256(manifest) under a trusted key of pt_hal_board()
 * (PT_E_VERIFY_SIGNATURE), board id (PT_E_VERIFY_BOARD), security counter against `bs`
 * (PT_E_VERIFY_COUNTER), payload SHA-256 (PT_E_VERIFY_HASH), requires-firmware against the
 * firmware in `bs` or in the package (PT_E_VERIFY_COMPAT). Fills *out on success.
 */
enum pt_status pt_package_verify(const pt_region *r, uint32_t offset, uint32_t size,
                                 const pt_bootstate *bs, pt_manifest_info *out);

/**
 * Which currently installed images a package would replace (trial mask: bit 0 firmware, bit 1
 * application) and where their copies go in the `backup` region (firmware at 0, the application
 * at the next sector boundary). PT_E_TOO_LARGE when they do not fit the backup region.
 */
enum pt_status pt_backup_plan(const pt_bootstate *bs, const pt_manifest_info *m, pt_installed_image *prev_fw,
                              pt_installed_image *prev_app, uint8_t *mask);

/**
 * Verifies the DER ECDSA-Sig-Value `sig` (`sig_len` bytes) of the 32-byte `hash` under the key
 * `k` (DER SubjectPublicKeyInfo of a P-256 key, RFC 5480). PT_HAL_OK when it verifies; the HAL's
 * result otherwise (PT_HAL_E_SIGNATURE also for a key that is not P-256). Used for package
 * signers and for access keys (credentials, docs/protocol.md §6.1).
 */
pt_hal_result pt_key_verify(const pt_trusted_key *k, const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len);

#endif
