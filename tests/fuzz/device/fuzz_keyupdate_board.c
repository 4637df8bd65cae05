/* The board of the key update targets and their checks (fuzz_keyupdate_board.h). */
#include "fuzz_keyupdate_board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "package.h"
#include "pt_bytes.h"
#include "regions.h"
#include "test_hal.h"

#define C PT_KEYSET_OFF_COUNTS

void ku_factory_record(uint8_t r[PT_KEYSET_RECORD_SIZE], bool product)
{
    memset(r, 0, PT_KEYSET_RECORD_SIZE);
    memcpy(r, PT_KEYSET_MAGIC, 4);
    r[4] = 2;
    r[6] = (uint8_t)(PT_KEYSET_RECORD_SIZE & 0xFF), r[7] = (uint8_t)(PT_KEYSET_RECORD_SIZE >> 8);
    r[C] = 2, r[C + 1] = 1, r[C + 3] = (uint8_t)(0x10u | (product ? 1u : 0u));
    for (uint32_t k = 0; k < 2; k++)
        memset(r + PT_KEYSET_OFF_PACKAGE + 65u * k, 0x40 + (int)k, 65), r[PT_KEYSET_OFF_PACKAGE + 65u * k] = 0x04;
    memset(r + PT_KEYSET_OFF_ACCESS, 0x43, 65), r[PT_KEYSET_OFF_ACCESS] = 0x04;
    memset(r + PT_KEYSET_OFF_ROOTS, 0x44, 64);
    pt_sha256(r, PT_KEYSET_OFF_HASH, r + PT_KEYSET_OFF_HASH);
}

/* A provisioned key of the board table: the DER SubjectPublicKeyInfo of `point`. */
static void der_key(pt_trusted_key *k, const uint8_t point[65])
{
    memcpy(k->der, pt_p256_spki_prefix, PT_P256_SPKI_PREFIX_SIZE);
    memcpy(k->der + PT_P256_SPKI_PREFIX_SIZE, point, 65);
    k->der_len = PT_P256_SPKI_PREFIX_SIZE + 65u;
}

static uint8_t s_options;
static const uint8_t *s_payload, *s_payload_end;

pt_hal_result __wrap_pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len)
{
    (void)hash, (void)sig, (void)sig_len;
    const bool proof = (uintptr_t)point >= (uintptr_t)s_payload && (uintptr_t)point < (uintptr_t)s_payload_end;
    return (s_options & (proof ? KU_ROOT_PROOF : KU_ROOT_SIG)) ? PT_HAL_OK : PT_HAL_E_SIGNATURE;
}

enum pt_status __wrap_pt_keyset_record_verify(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                              const uint8_t *sig, uint32_t sig_len, bool *by_root)
{
    (void)r, (void)hash, (void)sig, (void)sig_len;
    *by_root = (s_options & KU_ROOT_SIG) != 0;
    return PT_OK;
}

void ku_board_prepare(uint8_t options, const uint8_t *payload, uint32_t len, uint8_t in_force[PT_KEYSET_RECORD_SIZE],
                      uint32_t *force_slot)
{
    s_options = options;
    s_payload = payload, s_payload_end = payload + len;
    static uint8_t *snapshot;
    if (!snapshot) {
        th_factory();
        snapshot = malloc(th_flash_bytes());
        if (!snapshot)
            abort();
        th_flash_save(snapshot);
    }
    th_flash_load_changed(snapshot);
    const bool provisioned = (options & KU_PROVISIONED) != 0;
    uint8_t r[PT_KEYSET_RECORD_SIZE];
    ku_factory_record(r, !provisioned);
    /* The board table holds the same keys as generation 0 (what the full applier starts from
     * with an empty store; the stored record wins otherwise). */
    pt_board *b = th_board();
    b->keystore_address = KU_STORE;
    b->keystore_size = KU_STORE_SIZE;
    b->has_identity = (options & KU_IDENTITY) != 0;
    b->trusted_key_count = 2;
    der_key(&b->trusted_keys[0], r + PT_KEYSET_OFF_PACKAGE);
    der_key(&b->trusted_keys[1], r + PT_KEYSET_OFF_PACKAGE + 65u);
    b->access_key_count = 1;
    der_key(&b->access_keys[0], r + PT_KEYSET_OFF_ACCESS);
    uint8_t root[65] = {0x04};
    memcpy(root + 1, r + PT_KEYSET_OFF_ROOTS, 64);
    der_key(&b->root_keys[0], root);
    b->root_key_count = provisioned && (options & KU_NO_ROOT) ? 0 : 1;
    if (provisioned) {
        if (!b->root_key_count) {
            r[C + 3] = 0;
            memset(r + PT_KEYSET_OFF_ROOTS, 0, 64);
        }
        memcpy(in_force, r, PT_KEYSET_RECORD_SIZE);
        *force_slot = UINT32_MAX;
        return;
    }
    const uint32_t copies = 1u + ((options >> 3) & 7u);
    for (uint32_t s = 0; s < copies; s++)
        if (pt_hal_flash_program(KU_STORE + s * PT_KEYSET_SLOT_SIZE, r, sizeof r) != PT_HAL_OK)
            abort();
    uint32_t free_slot = 0, used = 0;
    if (pt_keyset_newest(in_force, force_slot, &free_slot, &used) != PT_OK || *force_slot == UINT32_MAX)
        abort();
}

/* True when `fp` is on the revocation list of record `r`, under any role (the list is matched by
 * fingerprint alone: pt_keyset_is_revoked). */
static bool revoked(const uint8_t *r, const uint8_t fp[32])
{
    for (uint32_t i = 0; i < r[C + 2]; i++)
        if (memcmp(r + PT_KEYSET_OFF_REVOKED + 33u * i + 1u, fp, 32) == 0)
            return true;
    return false;
}

/* No key of a list of record `r` (at `off`, `n` keys of 65-byte points, or 64 bytes without the
 * 0x04) is on the revocation list. A revocation takes the key out of every list whichever role
 * its entry names (both appliers; docs/security.md "Rotating and revoking keys"). */
static bool none_revoked(const uint8_t *r, uint32_t off, uint32_t n, uint32_t stride)
{
    for (uint32_t k = 0; k < n; k++) {
        uint8_t point[65] = {0x04}, fp[32];
        memcpy(point + 65 - stride, r + off + stride * k, stride);
        pt_keyset_fingerprint(point, fp);
        if (revoked(r, fp))
            return false;
    }
    return true;
}

const char *ku_check_accepted(const uint8_t now[PT_KEYSET_RECORD_SIZE], const uint8_t in_force[PT_KEYSET_RECORD_SIZE],
                              uint8_t options, uint32_t access_max, bool identity_rule, bool product_delivered)
{
    const uint8_t *c = now + C;
    const uint32_t roots = c[3] >> 4;
    if (c[0] < 1 || c[0] > PT_KEYSET_MAX_KEYS || c[1] > access_max || (c[1] == 0 && in_force[C + 1]) || roots < 1 ||
        roots > PT_MAX_ROOT_KEYS || c[2] > PT_KEYSET_MAX_REVOKED)
        return "a role out of its limits or empty";
    if (product_delivered ? !(c[3] & 1u) : (c[3] & 1u) != (in_force[C + 3] & 1u))
        return "the product flag changed without a product key, or a delivered one is not stored";
    if (identity_rule && c[1] > in_force[C + 1] && !(options & KU_IDENTITY))
        return "an access key taken by a board without an identity key";
    if (!none_revoked(now, PT_KEYSET_OFF_PACKAGE, c[0], 65) || !none_revoked(now, PT_KEYSET_OFF_ACCESS, c[1], 65) ||
        !none_revoked(now, PT_KEYSET_OFF_ROOTS, roots, 64))
        return "a revoked key still trusted, in some role";
    if (!(options & KU_ROOT_PROOF))
        for (uint32_t k = 0; k < roots; k++) {
            bool kept = false;
            for (uint32_t j = 0; j < (in_force[C + 3] >> 4u); j++)
                kept = kept || memcmp(now + PT_KEYSET_OFF_ROOTS + 64u * k, in_force + PT_KEYSET_OFF_ROOTS + 64u * j, 64) == 0;
            if (!kept)
                return "a root key added without its proof of possession";
        }
    return NULL;
}

void ku_fail(const char *what, uint8_t options)
{
    fprintf(stderr, "key update target, options 0x%02x: %s\n", options, what);
    abort();
}
