/*
 * Differential target of the two key update appliers (device-firmware/common/keyset.c): the
 * full one, pt_keyupdate_apply (piton-vboard, every port with a pt_keyset), and the compact one,
 * pt_keyupdate_apply_record (PT_KEYSET_COMPACT_UPDATE: the Cortex-M4 agent), both in this binary
 * (the compact copy of keyset.c is built with its clashing names renamed: tests/fuzz/CMakeLists.txt).
 * One input is applied by each on an identical starting store (fuzz_keyupdate_board.h: byte 0
 * picks the board as for device_keyupdate_compact; bits 6, 7 are ignored, as the compact applier
 * takes no update on a store without a record); the signatures are decided by byte 0 (link-time
 * wraps of pt_keyset_record_verify, the compact applier's signature check, and
 * pt_hal_p256_verify: the full applier's root signature and both appliers' root key proof;
 * fuzz_keyupdate_board.c).
 *
 * Checks: where both accept, the new key sets are the same: generation, the package, access and
 * root keys (each role as a set of keys: the full applier keeps a key added again where it was,
 * the compact one moves it to the end), the revocation list (as a set of role and fingerprint),
 * the product flag, fingerprint and private key. Where one accepts and the other refuses, it
 * must be for one of the documented differences (docs/fuzzing.md "Differential target"):
 *   - a product key (flag PRODUCT_KEY, key block): the compact applier refuses it (STATE);
 *   - an access key added on a board without an identity key: the compact applier refuses (STATE);
 *   - more than PT_MAX_ACCESS_KEYS (2) access keys: the compact applier refuses (BAD_PACKAGE;
 *     pt_board holds 2), the full one takes up to PT_KEYSET_MAX_KEYS (4).
 * Anything else aborts with a message naming the difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_keyupdate_board.h"
#include "keyset.h"
#include "pt_bytes.h"
#include "test_hal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The compact applier tells the port of its new record; nothing to do here. */
void pt_hal_keyset_in_force(const uint8_t r[PT_KEYSET_RECORD_SIZE])
{
    (void)r;
}

/* True when the `n` items of `size` bytes at `a` and the `m` at `b` (packed, one after the other)
 * are the same set (neither list holds an item twice: both appliers keep a key once). */
static bool same_set(const uint8_t *a, uint32_t n, const uint8_t *b, uint32_t m, uint32_t size)
{
    if (n != m)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        bool found = false;
        for (uint32_t j = 0; j < m && !found; j++)
            found = memcmp(a + size * i, b + size * j, size) == 0;
        if (!found)
            return false;
    }
    return true;
}

/* What differs between the records of the two appliers, NULL when nothing does. */
static const char *record_difference(const uint8_t *f, const uint8_t *c)
{
    const uint8_t *nf = f + PT_KEYSET_OFF_COUNTS, *nc = c + PT_KEYSET_OFF_COUNTS;
    if (pt_get32(f + PT_KEYSET_OFF_GENERATION) != pt_get32(c + PT_KEYSET_OFF_GENERATION))
        return "generation";
    if (!same_set(f + PT_KEYSET_OFF_PACKAGE, nf[0], c + PT_KEYSET_OFF_PACKAGE, nc[0], 65))
        return "package keys";
    if (!same_set(f + PT_KEYSET_OFF_ACCESS, nf[1], c + PT_KEYSET_OFF_ACCESS, nc[1], 65))
        return "access keys";
    if (!same_set(f + PT_KEYSET_OFF_ROOTS, nf[3] >> 4, c + PT_KEYSET_OFF_ROOTS, nc[3] >> 4, 64))
        return "root keys";
    if (!same_set(f + PT_KEYSET_OFF_REVOKED, nf[2], c + PT_KEYSET_OFF_REVOKED, nc[2], 33))
        return "revocation list";
    if ((nf[3] & 1u) != (nc[3] & 1u) || memcmp(f + PT_KEYSET_OFF_PRODUCT_FP, c + PT_KEYSET_OFF_PRODUCT_FP, 64) != 0)
        return "product key";
    return NULL;
}

/* True when the update adds a key of `role`. */
static bool adds(const pt_keyupdate *ku, uint8_t role)
{
    for (uint32_t i = 0; i < ku->entry_count; i++)
        if (ku->entries[PT_KEYUPD_ENTRY_SIZE * i] == PT_KEYUPD_ADD && ku->entries[PT_KEYUPD_ENTRY_SIZE * i + 1] == role)
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > PT_KEYUPD_MAX_SIZE + 64u)
        return 0;
    const uint8_t opt = data[0] & (uint8_t)~(KU_PROVISIONED | KU_NO_ROOT);
    const uint8_t *in = data + 1;
    const uint32_t len = (uint32_t)(size - 1);
    uint8_t in_force[PT_KEYSET_RECORD_SIZE], full[PT_KEYSET_RECORD_SIZE], compact[PT_KEYSET_RECORD_SIZE];
    uint32_t slot = 0, free_slot = 0, used = 0;

    ku_board_prepare(opt, in, len, in_force, &slot);
    pt_keyset now;
    const enum pt_status sf = pt_keyupdate_apply(in, len, &now);
    if (sf == PT_OK && (pt_keyset_newest(full, &slot, &free_slot, &used) != PT_OK || slot == UINT32_MAX))
        ku_fail("the full applier accepted but its store holds no record", opt);

    ku_board_prepare(opt, in, len, in_force, &slot); /* the same starting store again */
    const enum pt_status sc = pt_keyupdate_apply_record(in, len, compact, &used);

    static int trace = -1;
    if (trace < 0)
        trace = getenv("PITON_FUZZ_TRACE") != NULL;
    if (trace) /* replay inputs with PITON_FUZZ_TRACE=1 to see what each one did */
        fprintf(stderr, "options 0x%02x: full %d, compact %d\n", opt, (int)sf, (int)sc);
    if (sf != PT_OK && sc != PT_OK)
        return 0;
    if (sf == PT_OK && sc == PT_OK) {
        const char *d = record_difference(full, compact);
        if (d) {
            fprintf(stderr, "the appliers' new key sets differ: %s\n", d);
            ku_fail("both appliers accepted, with different key sets", opt);
        }
        return 0;
    }
    if (sc == PT_OK)
        ku_fail("the compact applier accepted what the full one refused", opt);
    /* The full applier accepted, the compact one refused: only for a documented difference. */
    pt_keyupdate ku;
    if (pt_keyupdate_parse(in, len, &ku) != PT_OK)
        ku_fail("the full applier accepted what its parser refuses", opt);
    const bool product = (ku.flags & PT_KEYUPD_FLAG_PRODUCT_KEY) != 0;
    const bool access_without_identity = !(opt & KU_IDENTITY) && adds(&ku, PT_KEY_ACCESS);
    const bool many_access = now.access_count > PT_MAX_ACCESS_KEYS;
    if ((sc == PT_E_STATE && (product || access_without_identity)) || (sc == PT_E_BAD_PACKAGE && many_access))
        return 0;
    fprintf(stderr, "the full applier accepted, the compact one refused with status %d (product key %d, access key "
                    "without identity %d, %u access keys)\n",
            (int)sc, product, access_without_identity, (unsigned)now.access_count);
    ku_fail("an undocumented difference between the appliers", opt);
}
