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
    uint8_t encoding;           /* PT_ENCODING_* bits (format 2; 0 in format 1) */
    char region[17];            /* target region name, NUL-terminated */
    uint32_t load_offset;       /* bytes inside the target region */
    uint32_t size;              /* stored size: bytes in the package (after compression/encryption) */
    uint32_t area_offset;       /* offset in the payload area */
    uint32_t version;
    uint32_t requires_firmware;
    uint8_t sha256[32];         /* SHA-256 of the stored bytes (what staging holds) */
    uint32_t image_size;        /* bytes programmed into the region (= size in format 1) */
    uint8_t image_sha256[32];   /* SHA-256 of the image as installed (= sha256 in format 1) */
    uint8_t ctr[PT_MANIFEST_CTR_SIZE]; /* AES-CTR initial counter block (encrypted payloads) */
    uint32_t file_offset;       /* offset of the payload from the start of the package file */
} pt_payload_info;

typedef struct {
    char board_id[33];
    uint32_t version;
    uint32_t security_counter;
    uint32_t format;            /* manifest format version: 1 or 2 */
    uint32_t flags;             /* PT_MANIFEST_FLAG_* (format 2) */
    uint32_t payload_count;
    pt_payload_info payloads[PT_MANIFEST_MAX_PAYLOADS];
} pt_manifest_info;

/**
 * Verifies the package of `size` bytes stored at region-relative `offset` of `r`: structure
 * (PT_E_BAD_PACKAGE; manifest format 1 or 2, docs/package-format.md; a format 2 payload with an
 * encoding this build cannot install, or flags it does not know, is refused here), signature
 * over SHA-256(manifest) under a trusted key or root key of pt_hal_board()
 * (PT_E_VERIFY_SIGNATURE), board id (PT_E_VERIFY_BOARD), rollback against `bs`
 * (PT_E_VERIFY_COUNTER: security counter below the device's, or more than
 * PT_SECURITY_COUNTER_MAX_STEP above it without a root key's signature; a payload version below
 * the installed image's without PT_MANIFEST_FLAG_ROLLBACK), SHA-256 of each payload's stored
 * bytes (PT_E_VERIFY_HASH; the image SHA-256 of an encoded payload is checked by the install,
 * pt_payload_install), requires-firmware against the firmware in `bs` or in the package
 * (PT_E_VERIFY_COMPAT). Fills *out on success.
 */
enum pt_status pt_package_verify(const pt_region *r, uint32_t offset, uint32_t size,
                                 const pt_bootstate *bs, pt_manifest_info *out);

/** A point an interrupted install can continue from (docs/boot-flow.md, "Resume at a block
 *  boundary"): both 0 = the payload's start. */
typedef struct {
    uint32_t stored; /* bytes: stored offset of the next LZ4 block's size word (or plain chunk) */
    uint32_t image;  /* bytes: image bytes programmed before it; a sector start of the target */
} pt_install_point;

/** Called by pt_payload_install when everything before `at` is programmed and read back and `at`
 *  is a sector start of the target at least PT_INSTALL_CHECKPOINT_MIN image bytes after the
 *  previous one: the caller records it (power-safe) so that a reset continues from there. Its
 *  status is ignored: a point not recorded only means more to redo. */
typedef enum pt_status (*pt_install_checkpoint_fn)(const pt_install_point *at);

/** Image bytes at least between two checkpoints (fewer bootstate records on 4 KB sectors). */
#define PT_INSTALL_CHECKPOINT_MIN 16384u

/**
 * Installs payload `p` of a verified package staged at region-relative `pkg_offset` of `stg`
 * into its target region: erases the sectors the image covers from `from` on (NULL or {0, 0}:
 * all of them), then streams the stored bytes from `from` through the install pipeline (stored
 * bytes -> decrypt [AES-CTR with the key of pt_install_set_key, counter from the stored offset]
 * -> LZ4 block decode [PT_ENCODING_LZ4] -> program), calling `checkpoint` (may be NULL) at
 * sector boundaries, then checks the SHA-256 of the whole programmed image (also the part an
 * earlier run programmed) against the descriptor's image hash. A `from` that is not a sector
 * start inside the image, or (plain payloads) whose offsets differ, is ignored: the install
 * starts over. No heap: the stages use static buffers of PT_LZ4_BLOCK_MAX bytes. Errors:
 * PT_E_FLASH (read/program/erase, read-back differs), PT_E_BAD_PACKAGE (LZ4 frame malformed,
 * block larger than PT_LZ4_BLOCK_MAX, image longer or shorter than image_size),
 * PT_E_VERIFY_HASH (the decoded image's SHA-256 differs).
 */
enum pt_status pt_payload_install(const pt_region *stg, uint32_t pkg_offset, const pt_payload_info *p,
                                  const pt_install_point *from, pt_install_checkpoint_fn checkpoint);

/**
 * Sets the 32-byte payload key the install pipeline decrypts the next PT_ENCODING_AES_CTR
 * payload with (docs/package-format.md "Content key and its wrap"); NULL zeroes and forgets it.
 * Without a key an encrypted payload fails with PT_E_VERIFY_KEY.
 */
void pt_install_set_key(const uint8_t key[32]);

/**
 * The payload key of descriptor `index` of the verified, encrypted package staged at
 * region-relative `offset` of `r`: reads the manifest again, H = SHA-256 of the manifest without
 * its key block, unwraps the content key with the board's product key (pt_keyblock_unwrap) and
 * derives K_index (pt_payload_key). PT_E_VERIFY_KEY when no key of the board unwraps it (also on
 * a build without piton/crypt.h), PT_E_FLASH on a read error. `key` is zeroed on failure.
 */
enum pt_status pt_package_payload_key(const pt_region *r, uint32_t offset, uint32_t index, uint8_t key[32]);

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

/** The 26 bytes that start the DER SubjectPublicKeyInfo of every P-256 key (RFC 5480); the
 *  65-byte uncompressed point follows. */
#define PT_P256_SPKI_PREFIX_SIZE 26u
extern const uint8_t pt_p256_spki_prefix[PT_P256_SPKI_PREFIX_SIZE];

#endif
