/*
 * The Cortex-M4 agent's key update (device-firmware/common/keyset.c, PT_KEYSET_COMPACT_UPDATE:
 * pt_keyupdate_apply_record, applied to the key store record itself; docs/porting.md "Key
 * updates on the Cortex-M4") compiled for the host, under ASan+UBSan, on the RAM flash model of
 * tests/device/test_hal.c with a key store of two 4 KB sectors (8 slots).
 *
 * Input: byte 0 chooses the board (fuzz_keyupdate_board.h; bit 0: it holds an identity key, so it
 * takes access keys; bit 1: the root signature verifies as a root key's (else as a package key's);
 * bit 2: a new root key's proof verifies; bits 3..5: how many more copies of the generation-0
 * record fill the store before the update, so that 7 exercise the sector reclaim; bits 6, 7 are
 * the full applier's and ignored here), the rest is the KEY_UPDATE payload.
 * The signatures are decided by byte 0 (link-time wraps of pt_keyset_record_verify and
 * pt_hal_p256_verify: fuzz_keyupdate_board.c), so the fuzzer reaches the role lists, the rules and the store
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

#include "fuzz_keyupdate_board.h"
#include "keyset.h"
#include "pt_bytes.h"
#include "test_hal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The compact applier's copy of keyset.c is built with these names (tests/fuzz/CMakeLists.txt),
 * so that it links beside the device core's own keyset.c. */
enum pt_status compact_keyupdate_parse(const uint8_t *buf, uint32_t len, pt_keyupdate *ku);

/* The port's hook (keyset.h): the record the key set in force now is, kept for the checks. */
static uint8_t s_told[PT_KEYSET_RECORD_SIZE];
static bool s_told_any;
void pt_hal_keyset_in_force(const uint8_t r[PT_KEYSET_RECORD_SIZE])
{
    memcpy(s_told, r, sizeof s_told);
    s_told_any = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > PT_KEYUPD_MAX_SIZE + 64u)
        return 0;
    /* Options of the full applier's target (an empty store, no root key) do not apply here. */
    const uint8_t opt = data[0] & (uint8_t)~(KU_PROVISIONED | KU_NO_ROOT);
    uint8_t before[KU_STORE_SIZE], in_force[PT_KEYSET_RECORD_SIZE];
    uint32_t force_slot = 0, free_slot = 0, used = 0;
    ku_board_prepare(opt, data + 1, (uint32_t)(size - 1), in_force, &force_slot);
    memcpy(before, th_flash_ptr(KU_STORE), KU_STORE_SIZE);

    pt_keyupdate ku;
    const bool parsed = compact_keyupdate_parse(data + 1, (uint32_t)(size - 1), &ku) == PT_OK;
    uint8_t out[PT_KEYSET_RECORD_SIZE];
    s_told_any = false;
    const enum pt_status s = pt_keyupdate_apply_record(data + 1, (uint32_t)(size - 1), out, &used);
    static int trace = -1;
    if (trace < 0)
        trace = getenv("PITON_FUZZ_TRACE") != NULL;
    if (trace) /* replay inputs with PITON_FUZZ_TRACE=1 to see what each one did */
        fprintf(stderr, "options 0x%02x, %lu record(s) before: status %d\n", opt,
                (unsigned long)(1u + ((opt >> 3) & 7u)), (int)s);
    if (s != PT_OK) {
        if (memcmp(before, th_flash_ptr(KU_STORE), KU_STORE_SIZE) != 0 || s_told_any)
            ku_fail("a refusal wrote to the key store, or told the port of a new key set", opt);
        return 0;
    }
    if (!parsed || !(opt & KU_ROOT_SIG))
        ku_fail("accepted what does not parse, or what no root key signed", opt);
    uint8_t now[PT_KEYSET_RECORD_SIZE];
    uint32_t slot = 0;
    if (pt_keyset_newest(now, &slot, &free_slot, &used) != PT_OK || slot == UINT32_MAX ||
        memcmp(now, out, sizeof now) != 0 || !s_told_any || memcmp(now, s_told, sizeof now) != 0 ||
        pt_get32(now + PT_KEYSET_OFF_GENERATION) != ku.generation)
        ku_fail("the newest record is not the update's, or not what the port was told", opt);
    const char *bad = ku_check_accepted(now, in_force, opt, PT_MAX_ACCESS_KEYS, true, false);
    if (bad)
        ku_fail(bad, opt);
    if (memcmp(th_flash_ptr(KU_STORE + force_slot * PT_KEYSET_SLOT_SIZE), in_force, sizeof in_force) != 0)
        ku_fail("the record in force before the update was touched", opt);
    return 0;
}
