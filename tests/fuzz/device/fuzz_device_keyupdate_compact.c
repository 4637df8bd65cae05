/*
 * The Cortex-M4 agent's key update (device-firmware/common/keyset.c, PT_KEYSET_COMPACT_UPDATE:
 * pt_keyupdate_apply_record, applied to the key store record itself; docs/porting.md "Key
 * updates on the Cortex-M4") compiled for the host, under ASan+UBSan, on the RAM flash model of
 * tests/device/test_hal.c with a key store of two 4 KB sectors (8 slots).
 *
 * Input: byte 0 chooses the board (bit 0: it holds an identity key, so it takes access keys;
 * bit 1: the root signature verifies as a root key's (else as a package key's); bit 2: a new root
 * key's proof verifies; bits 3..5: how many more copies of the generation-0 record fill the store
 * before the update, so that 7 exercise the sector reclaim), the rest is the KEY_UPDATE payload.
 * The signatures are decided by byte 0 (link-time wraps of pt_keyset_record_verify and
 * pt_hal_p256_verify below), so the fuzzer reaches the role lists, the rules and the store
 * instead of stopping at ECDSA.
 *
 * Checks: on a refusal the key store is unchanged byte for byte; on PT_OK the newest record is
 * the update's generation, every role within its limits and never empty (package, root; access
 * when the board had some), no key trusted in any role while its fingerprint is on the
 * revocation list (under whichever role: fuzz finding 8, docs/fuzzing.md), the product flag as it was,
 * and the record in force before is still intact (a reclaim never erases its sector).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "pt_bytes.h"
#include "regions.h"
#include "test_hal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The compact applier's copy of keyset.c is built with these names (tests/fuzz/CMakeLists.txt),
 * so that it links beside the device core's own keyset.c. */
enum pt_status compact_keyupdate_parse(const uint8_t *buf, uint32_t len, pt_keyupdate *ku);

#define STORE 0x90100000u /* two 4 KB sectors of the external flash that no region uses */
#define STORE_SIZE 8192u

static uint8_t s_options;

enum pt_status __real_pt_keyset_record_verify(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                              const uint8_t *sig, uint32_t sig_len, bool *by_root);
enum pt_status __wrap_pt_keyset_record_verify(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                              const uint8_t *sig, uint32_t sig_len, bool *by_root);
enum pt_status __wrap_pt_keyset_record_verify(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                              const uint8_t *sig, uint32_t sig_len, bool *by_root)
{
    (void)r, (void)hash, (void)sig, (void)sig_len;
    *by_root = (s_options & 2u) != 0;
    return PT_OK;
}

pt_hal_result __wrap_pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len);
pt_hal_result __wrap_pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len)
{
    (void)point, (void)hash, (void)sig, (void)sig_len;
    return (s_options & 4u) ? PT_HAL_OK : PT_HAL_E_SIGNATURE;
}

/* The port's hook (keyset.h): the record the key set in force now is, kept for the checks. */
static uint8_t s_told[PT_KEYSET_RECORD_SIZE];
static bool s_told_any;
void pt_hal_keyset_in_force(const uint8_t r[PT_KEYSET_RECORD_SIZE])
{
    memcpy(s_told, r, sizeof s_told);
    s_told_any = true;
}

/* Generation 0 as the factory writes it (format 2): package keys 1 and 2, access key 3, root
 * key 4, product flag set; the points are arbitrary bytes (only their fingerprints matter). */
static void factory_record(uint8_t r[PT_KEYSET_RECORD_SIZE])
{
    memset(r, 0, PT_KEYSET_RECORD_SIZE);
    memcpy(r, PT_KEYSET_MAGIC, 4);
    r[4] = 2;
    r[6] = (uint8_t)(PT_KEYSET_RECORD_SIZE & 0xFF), r[7] = (uint8_t)(PT_KEYSET_RECORD_SIZE >> 8);
    r[PT_KEYSET_OFF_COUNTS] = 2, r[PT_KEYSET_OFF_COUNTS + 1] = 1, r[PT_KEYSET_OFF_COUNTS + 3] = 0x11;
    for (uint32_t k = 0; k < 2; k++)
        memset(r + PT_KEYSET_OFF_PACKAGE + 65u * k, 0x40 + (int)k, 65), r[PT_KEYSET_OFF_PACKAGE + 65u * k] = 0x04;
    memset(r + PT_KEYSET_OFF_ACCESS, 0x43, 65), r[PT_KEYSET_OFF_ACCESS] = 0x04;
    memset(r + PT_KEYSET_OFF_ROOTS, 0x44, 64);
    pt_sha256(r, PT_KEYSET_OFF_HASH, r + PT_KEYSET_OFF_HASH);
}

/* True when `fp` is on the revocation list of record `r`, under any role (the list is matched by
 * fingerprint alone: pt_keyset_is_revoked). */
static bool revoked(const uint8_t *r, const uint8_t fp[32])
{
    for (uint32_t i = 0; i < r[PT_KEYSET_OFF_COUNTS + 2]; i++)
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t *snapshot;
    if (!snapshot) {
        th_factory();
        snapshot = malloc(th_flash_bytes());
        if (!snapshot)
            abort();
        th_flash_save(snapshot);
    }
    if (size < 1 || size > PT_KEYUPD_MAX_SIZE + 64u)
        return 0;
    th_flash_load_changed(snapshot);
    s_options = data[0];
    pt_board *b = th_board();
    b->keystore_address = STORE;
    b->keystore_size = STORE_SIZE;
    b->has_identity = (s_options & 1u) != 0;
    uint8_t r[PT_KEYSET_RECORD_SIZE];
    factory_record(r);
    const uint32_t copies = 1u + ((s_options >> 3) & 7u);
    for (uint32_t s = 0; s < copies; s++)
        if (pt_hal_flash_program(STORE + s * PT_KEYSET_SLOT_SIZE, r, sizeof r) != PT_HAL_OK)
            abort();
    uint8_t before[STORE_SIZE], in_force[PT_KEYSET_RECORD_SIZE];
    memcpy(before, th_flash_ptr(STORE), STORE_SIZE);
    uint32_t force_slot = 0, free_slot = 0, used = 0;
    if (pt_keyset_newest(in_force, &force_slot, &free_slot, &used) != PT_OK || force_slot == UINT32_MAX)
        abort();

    pt_keyupdate ku;
    const bool parsed = compact_keyupdate_parse(data + 1, (uint32_t)(size - 1), &ku) == PT_OK;
    uint8_t out[PT_KEYSET_RECORD_SIZE];
    s_told_any = false;
    const enum pt_status s = pt_keyupdate_apply_record(data + 1, (uint32_t)(size - 1), out, &used);
    static int trace = -1;
    if (trace < 0)
        trace = getenv("PITON_FUZZ_TRACE") != NULL;
    if (trace) /* replay inputs with PITON_FUZZ_TRACE=1 to see what each one did */
        fprintf(stderr, "options 0x%02x, %lu record(s) before: status %d\n", s_options, (unsigned long)copies, (int)s);
    if (s != PT_OK) {
        if (memcmp(before, th_flash_ptr(STORE), STORE_SIZE) != 0 || s_told_any)
            abort(); /* a refusal wrote to the key store, or told the port of a new key set */
        return 0;
    }
    if (!parsed || !(s_options & 2u))
        abort(); /* accepted what does not parse, or what no root key signed */
    uint8_t now[PT_KEYSET_RECORD_SIZE];
    uint32_t slot = 0;
    if (pt_keyset_newest(now, &slot, &free_slot, &used) != PT_OK || slot == UINT32_MAX ||
        memcmp(now, out, sizeof now) != 0 || !s_told_any || memcmp(now, s_told, sizeof now) != 0 || pt_get32(now + PT_KEYSET_OFF_GENERATION) != ku.generation)
        abort();
    const uint8_t *c = now + PT_KEYSET_OFF_COUNTS;
    const uint32_t roots = c[3] >> 4;
    if (c[0] < 1 || c[0] > PT_KEYSET_MAX_KEYS || c[1] > PT_MAX_ACCESS_KEYS || (c[1] == 0 && in_force[PT_KEYSET_OFF_COUNTS + 1]) ||
        roots < 1 || roots > PT_MAX_ROOT_KEYS || c[2] > PT_KEYSET_MAX_REVOKED ||
        (c[3] & 1u) != (in_force[PT_KEYSET_OFF_COUNTS + 3] & 1u))
        abort(); /* a role out of its limits, or the product flag changed */
    if (c[1] > in_force[PT_KEYSET_OFF_COUNTS + 1] && !b->has_identity)
        abort(); /* an access key taken by a board without an identity key */
    if (!none_revoked(now, PT_KEYSET_OFF_PACKAGE, c[0], 65) || !none_revoked(now, PT_KEYSET_OFF_ACCESS, c[1], 65) ||
        !none_revoked(now, PT_KEYSET_OFF_ROOTS, roots, 64))
        abort(); /* a revoked key still trusted, in any role */
    if (!(s_options & 4u))
        for (uint32_t k = 0; k < roots; k++) {
            bool kept = false;
            for (uint32_t j = 0; j < (in_force[PT_KEYSET_OFF_COUNTS + 3] >> 4u); j++)
                kept = kept || memcmp(now + PT_KEYSET_OFF_ROOTS + 64u * k, in_force + PT_KEYSET_OFF_ROOTS + 64u * j, 64) == 0;
            if (!kept)
                abort(); /* a root key added without its proof of possession */
        }
    if (memcmp(th_flash_ptr(STORE + force_slot * PT_KEYSET_SLOT_SIZE), in_force, sizeof in_force) != 0)
        abort(); /* the record in force before the update was touched */
    return 0;
}
