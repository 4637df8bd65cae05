/*
 * The board's key set and key updates (docs/security.md "Rotating and revoking keys";
 * docs/package-format.md "Key updates"). C11, no heap.
 *
 * The key set is what the core trusts: package signing keys, access keys (credential issuers),
 * the product key (encrypted packages), and the fingerprints of revoked keys. Generation 0 is the
 * board's factory provisioning (pt_board, pt_crypt_product_key). A key update (a PTPK package
 * with a PTKU manifest, signed by one of the board's ROOT keys) makes generation N: the new set
 * is programmed into the next erased slot of the board's key store (pt_board.keystore_*), as one
 * record ending in its SHA-256. The valid record of the highest generation wins; the core never
 * erases or overwrites the record in force (a reclaim, when no slot is free, erases only a flash
 * sector of the store without it: docs/security.md "Key store"), so a power cut during a key
 * update leaves the old set (record torn: its hash fails) or the new one (record complete),
 * never none and never a mix. The root keys are part of
 * the set too: generation 0 has the provisioned ones; a key update may add one (signed by it as
 * proof of possession) and revoke others, and at least one stays (docs/security.md "Rotating the
 * root keys").
 *
 * The store's reader (pt_keyset_read_slot, pt_keyset_newest, pt_keyset_record_verify:
 * keyset_store.c) is apart from the rest, for ports whose bootloader has no room for key updates:
 * the Cortex-M4 images build the bootloader with PT_KEYSET_READER only (it checks packages
 * against the newest record, so revoked keys stay refused at install, and exports the reader
 * through its service table) and the agent with PT_KEYSET_READER and PT_KEYSET_COMPACT_UPDATE
 * (pt_keyupdate_apply_record, with the bootloader's reader: package, access and root keys;
 * docs/security.md "What each build offers").
 */
#ifndef PT_KEYSET_H
#define PT_KEYSET_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/hal.h"
#include "piton/protocol.h"

/* Key set record in a slot (docs/security.md "Key store"), little-endian:
 *   0 magic "PTKS", 4 u16 format (1 or 2), 6 u16 record size (896 or 1024), 8 u32 generation,
 *  12 u8 package key count, 13 u8 access key count, 14 u8 revoked count,
 *  15 u8 bit 0 product key stored; format 2: bits 4..7 root key count 1..PT_MAX_ROOT_KEYS,
 *  16 package keys 4 x 65 (uncompressed P-256 points), 276 access keys 4 x 65,
 * 536 revoked 8 x 33 (u8 enum pt_key_role, SHA-256 of the DER SPKI), 800 product key fingerprint,
 * 832 product key private scalar (big-endian);
 * format 1: 864 SHA-256 of bytes 0..863 (the root keys are the provisioned ones);
 * format 2: 864 root keys 2 x 64 (X, Y of the uncompressed point without its 0x04), 992 SHA-256
 * of bytes 0..991. The core writes format 2 and reads both. */
#define PT_KEYSET_MAGIC "PTKS"
#define PT_KEYSET_RECORD_SIZE_V1 896u
#define PT_KEYSET_RECORD_SIZE 1024u
#define PT_KEYSET_OFF_GENERATION 8u
#define PT_KEYSET_OFF_COUNTS 12u
#define PT_KEYSET_OFF_PACKAGE 16u
#define PT_KEYSET_OFF_ACCESS (PT_KEYSET_OFF_PACKAGE + PT_KEYSET_MAX_KEYS * 65u)
#define PT_KEYSET_OFF_REVOKED (PT_KEYSET_OFF_ACCESS + PT_KEYSET_MAX_KEYS * 65u)
#define PT_KEYSET_OFF_PRODUCT_FP (PT_KEYSET_OFF_REVOKED + PT_KEYSET_MAX_REVOKED * 33u)
#define PT_KEYSET_OFF_PRODUCT_PRIV (PT_KEYSET_OFF_PRODUCT_FP + 32u)
#define PT_KEYSET_OFF_HASH_V1 (PT_KEYSET_OFF_PRODUCT_PRIV + 32u)
#define PT_KEYSET_OFF_ROOTS (PT_KEYSET_OFF_PRODUCT_PRIV + 32u)
#define PT_KEYSET_OFF_HASH (PT_KEYSET_OFF_ROOTS + PT_MAX_ROOT_KEYS * 64u)

/** A key set (the effective one: stored, or generation 0 from the provisioning). */
typedef struct {
    uint32_t generation;
    uint8_t package_count;
    uint8_t access_count;
    uint8_t revoked_count;
    bool has_product;          /* the board holds a product key (stored here, or the provisioned one) */
    bool product_stored;       /* product_priv holds it (a key update delivered it) */
    uint8_t package[PT_KEYSET_MAX_KEYS][65];
    uint8_t access[PT_KEYSET_MAX_KEYS][65];
    uint8_t root_count;        /* root keys: they sign key updates (1..PT_MAX_ROOT_KEYS; 0 on a board
                                * provisioned without any, which takes no key update) */
    uint8_t root[PT_MAX_ROOT_KEYS][65];
    uint8_t revoked_role[PT_KEYSET_MAX_REVOKED];  /* enum pt_key_role */
    uint8_t revoked[PT_KEYSET_MAX_REVOKED][32];
    uint8_t product_fp[32];    /* SHA-256 of the product key's DER SubjectPublicKeyInfo */
    uint8_t product_priv[32];
    uint8_t slots_used;        /* slots of the key store not erased */
    uint8_t slots_total;
} pt_keyset;

/** A key update's structure after pt_keyupdate_parse (pointers into the caller's buffer). */
typedef struct {
    const uint8_t *manifest;   /* the PTKU manifest, `manifest_len` bytes (signed) */
    uint32_t manifest_len;
    const uint8_t *entries;    /* entry_count x PT_KEYUPD_ENTRY_SIZE */
    uint32_t entry_count;
    const uint8_t *keyblock;   /* PTKB key block (flag PRODUCT_KEY) or NULL */
    uint32_t keyblock_len;
    const uint8_t *proof;      /* root key proof of possession (PT_KEYUPD_PROOF_SIZE) or NULL */
    const uint8_t *signature;
    uint32_t signature_len;
    char board_id[PT_MANIFEST_BOARD_ID_SIZE];
    uint32_t generation;
    uint32_t flags;
} pt_keyupdate;

/* ---- The store's reader (keyset_store.c; PT_WITH_KEYSET or PT_KEYSET_READER) ---- */

/** Slots of the board's key store (pt_board.keystore_size / PT_KEYSET_SLOT_SIZE, at most 255).
 *  Always inlined: GCC -Os outlined it twice in the Cortex-M4 agent (16 B more, scripts/m4-size). */
static inline __attribute__((always_inline)) uint32_t pt_keyset_slot_count(void)
{
    const uint32_t n = pt_hal_board()->keystore_size / PT_KEYSET_SLOT_SIZE;
    return n > 255u ? 255u : n;
}

/**
 * Reads slot `s` of the key store into `r` (PT_KEYSET_RECORD_SIZE bytes) and checks it: 1 erased,
 * 0 a valid record (magic, format 1 or 2 at byte 4, record size, counts in range, SHA-256), -1
 * torn or not valid (a power cut during its program: the previous record stays in force), -2 the
 * flash could not be read.
 */
int pt_keyset_read_slot(uint32_t s, uint8_t r[PT_KEYSET_RECORD_SIZE]);

/**
 * Scans the key store: the valid record of the highest generation into `r` and its slot into
 * *slot (UINT32_MAX: the store holds none, the key set is the provisioning's, generation 0; `r`
 * is then undefined), the first erased slot into *free_slot (UINT32_MAX: none), the slots not
 * erased into *used. PT_OK, or PT_E_FLASH when a slot cannot be read (callers refuse: fail closed).
 */
enum pt_status pt_keyset_newest(uint8_t r[PT_KEYSET_RECORD_SIZE], uint32_t *slot, uint32_t *free_slot, uint32_t *used);

/**
 * Verifies `sig` (DER ECDSA, `sig_len` bytes) over `hash` under the package keys of the valid
 * record `r`, then under its root keys (format 2; a format-1 record's roots are the provisioned
 * ones, which the caller checks). PT_OK (*by_root tells which kind verified), PT_E_VERIFY_SIGNATURE
 * when none does, PT_E_INTERNAL when crypto memory ran out. A revoked key is in no list of a
 * record, so its signatures are refused here.
 */
enum pt_status pt_keyset_record_verify(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                       const uint8_t *sig, uint32_t sig_len, bool *by_root);

/* ---- The key set and key updates (keyset.c; PT_WITH_KEYSET) ---- */

/**
 * Loads the effective key set: the valid stored record of the highest generation, else
 * generation 0 from the board's provisioning. Also counts the key store's slots. PT_OK, or
 * PT_E_FLASH when the key store cannot be read (callers then refuse: fail closed).
 */
enum pt_status pt_keyset_load(pt_keyset *ks);

/** SHA-256 of the DER SubjectPublicKeyInfo of the uncompressed P-256 `point` (the fingerprint
 *  INFO and the workstation show). */
void pt_keyset_fingerprint(const uint8_t point[65], uint8_t fp[32]);

/**
 * Verifies `sig` (DER ECDSA, `sig_len` bytes) over `hash` under one of the set's root keys.
 * PT_OK, PT_E_VERIFY_SIGNATURE when none verifies, PT_E_INTERNAL when crypto memory ran out.
 */
enum pt_status pt_keyset_verify_root(const pt_keyset *ks, const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len);

/** True when `fp` is on the set's revocation list (any role). */
bool pt_keyset_is_revoked(const pt_keyset *ks, const uint8_t fp[32]);

/** Number of access keys the board trusts now (the access policy applies when > 0). */
uint8_t pt_keyset_access_count(void);

/**
 * The board's product key now: a key update's, else the provisioned one (pt_crypt_product_key).
 * `priv` or `fp` may be NULL. PT_HAL_E_RANGE when the board holds none.
 */
pt_hal_result pt_keyset_product_key(uint8_t priv[32], uint8_t fp[32]);

/**
 * Checks the structure of a key update of `len` bytes (docs/package-format.md "Key updates"):
 * PTPK header without extensions, PTKU manifest, entry rules, key block structure, root key
 * proof structure, signature length, exact total size. Needs no key and no flash. PT_OK, or PT_E_BAD_PACKAGE naming the
 * problem.
 */
enum pt_status pt_keyupdate_parse(const uint8_t *buf, uint32_t len, pt_keyupdate *ku);

/**
 * Applies a key update (KEY_UPDATE, docs/protocol.md §4.14): parse, ROOT signature
 * (PT_E_VERIFY_SIGNATURE: not signed by a root key of the board's key set before the update;
 * release and access keys cannot sign one, nor can a revoked root key), a new root key's proof of
 * possession (PT_E_VERIFY_SIGNATURE), board id (PT_E_VERIFY_BOARD), generation above the board's
 * (PT_E_KEY_GENERATION), the new set's rules (revocations first: a revocation takes the key out of
 * the package, access and root lists whichever role its entry names, as the revocation list is
 * matched by fingerprint alone; PT_E_BAD_PACKAGE: a revoked key added again, too
 * many keys, no package key left, no root key left, no access key left on a board with the access policy), the
 * product key unwrap (PT_E_VERIFY_KEY), a free slot (PT_E_KEYSTORE_FULL; PT_E_STATE when the
 * board has no key store); then programs the new set into the slot and reads it back
 * (PT_E_FLASH). On any refusal nothing was written. On PT_OK `now` holds the new set.
 */
enum pt_status pt_keyupdate_apply(const uint8_t *buf, uint32_t len, pt_keyset *now);

/**
 * The compact key update of builds without room for pt_keyupdate_apply (PT_KEYSET_COMPACT_UPDATE:
 * the Cortex-M4 agent, with the bootloader's reader through its service table): the same parse
 * and the same checks (a ROOT key of the record in force signed it: PT_E_VERIFY_SIGNATURE; a new
 * root key's proof of possession: PT_E_VERIFY_SIGNATURE, PT_E_INTERNAL when crypto memory ran
 * out; board id: PT_E_VERIFY_BOARD; generation above the board's: PT_E_KEY_GENERATION), entries
 * for package, access and root keys (a product key, or an access key on a board without an identity
 * key, pt_board.has_identity: PT_E_STATE, the board keeps its key set),
 * applied to the record in force itself (revocations, each out of all three lists as in
 * pt_keyupdate_apply, then additions; PT_E_BAD_PACKAGE: a revoked
 * key added again, more than PT_KEYSET_MAX_KEYS package keys, PT_MAX_ACCESS_KEYS access keys
 * (what pt_board holds) or PT_MAX_ROOT_KEYS root keys, no package key or no root key left, no
 * access key left where the record had some, the revocation list full), programmed into the first
 * erased slot and read back (PT_E_FLASH). With every slot used it first erases the sector after
 * the one that holds the record in force (wrapping; it holds only older or torn records), after
 * every check passed; a store of one sector, or whose sectors do not start at slots or reach
 * outside it, reclaims nothing: PT_E_KEYSTORE_FULL (PT_E_FLASH when the erase fails). A board
 * whose store holds no record (its factory writes generation 0 as one) takes none (PT_E_STATE).
 * On any refusal nothing was written. On PT_OK `r` holds the new record, *used the slots not
 * erased, and pt_hal_keyset_in_force(r) was called; otherwise `r` is scratch.
 */
enum pt_status pt_keyupdate_apply_record(const uint8_t *buf, uint32_t len, uint8_t r[PT_KEYSET_RECORD_SIZE],
                                         uint32_t *used);

/**
 * The port's, in builds with PT_KEYSET_COMPACT_UPDATE: the valid record `r` (PT_KEYSET_RECORD_SIZE
 * bytes) is the key set in force now; the port takes its access keys (count at byte 13, points at
 * PT_KEYSET_OFF_ACCESS) into pt_board.access_keys (at most PT_MAX_ACCESS_KEYS), so that the access
 * policy trusts the key set's access keys (credentials of a revoked one are refused, those of a
 * new one accepted) without a reset, as pt_keyset_load does for builds with PT_WITH_KEYSET. Called
 * by pt_keyupdate_apply_record after a key update applied; the mps2-an386 port also calls it at
 * start-up with the newest record (docs/porting.md "Key updates on the Cortex-M4").
 */
void pt_hal_keyset_in_force(const uint8_t r[PT_KEYSET_RECORD_SIZE]);

#endif
