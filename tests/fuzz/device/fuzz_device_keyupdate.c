/*
 * Device key update parser and full applier (device-firmware/common/keyset.c:
 * pt_keyupdate_parse, pt_keyupdate_apply: piton-vboard and every port with a pt_keyset;
 * docs/package-format.md "Key updates") on the RAM flash model of tests/device/test_hal.c with a
 * key store of two 4 KB sectors (8 slots).
 *
 * Input: byte 0 picks the board (fuzz_keyupdate_board.h: root signature and root proof verify or
 * not, 1..8 records of generation 0 in the store so that 8 exercise the sector reclaim, or an
 * empty store with generation 0 from the board table, with or without a root key), the rest is
 * the KEY_UPDATE payload. pt_hal_p256_verify is wrapped at link time (fuzz_keyupdate_board.c):
 * a call with a point inside the input is the new root key's proof (KU_ROOT_PROOF decides), any
 * other the update's signature under a root key of the board (KU_ROOT_SIG decides; the applier's
 * own pt_keyset_verify_root is called inside keyset.c, where --wrap does not reach); nothing else
 * on this path verifies a signature (the product key's unwrap is ECDH and AES-GCM, done for real).
 *
 * Checks: every pointer the parse hands out lies inside the input. On a refusal the key store is
 * unchanged byte for byte. On PT_OK: the update parsed and the options made a root key sign it
 * (never on a board without a root key); the newest record of the store is the update's
 * generation and what `now` says; the checks of ku_check_accepted (limits, no role empty, no
 * revoked key trusted in any role, root key only with its proof, product flag only with a
 * delivered product key); the record in force before is intact (a reclaim never erases its
 * sector).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_keyupdate_board.h"
#include "keyset.h"
#include "pt_bytes.h"
#include "test_hal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > PT_KEYUPD_MAX_SIZE + 64u)
        return 0;
    const uint8_t opt = data[0];
    const uint8_t *in = data + 1;
    const uint32_t len = (uint32_t)(size - 1);
    uint8_t in_force[PT_KEYSET_RECORD_SIZE], before[KU_STORE_SIZE];
    uint32_t force_slot = UINT32_MAX;
    ku_board_prepare(opt, in, len, in_force, &force_slot);
    memcpy(before, th_flash_ptr(KU_STORE), KU_STORE_SIZE);

    pt_keyupdate ku;
    const bool parsed = pt_keyupdate_parse(in, len, &ku) == PT_OK;
    if (parsed) {
        /* Every pointer the parse hands out lies inside the input. */
        if (ku.manifest < in || ku.manifest + ku.manifest_len > in + len || ku.entry_count > PT_KEYUPD_MAX_ENTRIES ||
            ku.signature + ku.signature_len != in + len || (ku.keyblock && ku.keyblock + ku.keyblock_len > ku.signature) ||
            (ku.proof && (ku.proof < ku.entries || ku.proof + PT_KEYUPD_PROOF_SIZE != ku.signature)))
            ku_fail("a parse pointer outside the input", opt);
    }
    pt_keyset now;
    const enum pt_status s = pt_keyupdate_apply(in, len, &now);
    static int trace = -1;
    if (trace < 0)
        trace = getenv("PITON_FUZZ_TRACE") != NULL;
    if (trace) /* replay inputs with PITON_FUZZ_TRACE=1 to see what each one did */
        fprintf(stderr, "options 0x%02x: status %d\n", opt, (int)s);
    if (s != PT_OK) {
        if (memcmp(before, th_flash_ptr(KU_STORE), KU_STORE_SIZE) != 0)
            ku_fail("a refusal wrote to the key store", opt);
        return 0;
    }
    if (!parsed || !(opt & KU_ROOT_SIG) || (in_force[PT_KEYSET_OFF_COUNTS + 3] >> 4) == 0)
        ku_fail("accepted what does not parse, or what no root key signed", opt);
    uint8_t r[PT_KEYSET_RECORD_SIZE];
    uint32_t slot = 0, free_slot = 0, used = 0;
    if (pt_keyset_newest(r, &slot, &free_slot, &used) != PT_OK || slot == UINT32_MAX ||
        pt_get32(r + PT_KEYSET_OFF_GENERATION) != ku.generation || now.generation != ku.generation)
        ku_fail("the newest record is not the update's generation", opt);
    const uint8_t *c = r + PT_KEYSET_OFF_COUNTS;
    bool same = now.package_count == c[0] && now.access_count == c[1] && now.revoked_count == c[2] &&
                now.root_count == c[3] >> 4 && now.product_stored == ((c[3] & 1u) != 0) &&
                memcmp(now.package, r + PT_KEYSET_OFF_PACKAGE, sizeof now.package) == 0 &&
                memcmp(now.access, r + PT_KEYSET_OFF_ACCESS, sizeof now.access) == 0;
    for (uint32_t k = 0; same && k < now.root_count; k++)
        same = memcmp(now.root[k] + 1, r + PT_KEYSET_OFF_ROOTS + 64u * k, 64) == 0;
    if (!same)
        ku_fail("the key set the applier returned is not the record it stored", opt);
    const char *bad = ku_check_accepted(r, in_force, opt, PT_KEYSET_MAX_KEYS, false,
                                        (ku.flags & PT_KEYUPD_FLAG_PRODUCT_KEY) != 0);
    if (bad)
        ku_fail(bad, opt);
    if (force_slot != UINT32_MAX &&
        memcmp(th_flash_ptr(KU_STORE + force_slot * PT_KEYSET_SLOT_SIZE), in_force, sizeof in_force) != 0)
        ku_fail("the record in force before the update was touched", opt);
    return 0;
}
