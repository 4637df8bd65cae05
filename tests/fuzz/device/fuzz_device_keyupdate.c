/*
 * Device key update parser (device-firmware/common/keyset.c: pt_keyupdate_parse and
 * pt_keyupdate_apply, docs/package-format.md "Key updates") on the RAM flash model of
 * tests/device/test_hal.c: the input is a KEY_UPDATE request payload. The structure parse runs
 * on every input; apply then refuses at the signature (the test board has no root key) and
 * must never write: the harness checks that the board's key set stays generation 0.
 */
#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "test_hal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        th_factory();
        ready = true;
    }
    if (size > PT_KEYUPD_MAX_SIZE + 64u)
        return 0;
    pt_keyupdate ku;
    if (pt_keyupdate_parse(data, (uint32_t)size, &ku) == PT_OK) {
        /* Every pointer the parse hands out lies inside the input. */
        if (ku.manifest < data || ku.manifest + ku.manifest_len > data + size || ku.entry_count > PT_KEYUPD_MAX_ENTRIES ||
            ku.signature + ku.signature_len != data + size ||
            (ku.keyblock && ku.keyblock + ku.keyblock_len > ku.signature) ||
            (ku.proof && (ku.proof < ku.entries || ku.proof + PT_KEYUPD_PROOF_SIZE != ku.signature)))
            abort();
    }
    pt_keyset now;
    if (pt_keyupdate_apply(data, (uint32_t)size, &now) == PT_OK)
        abort(); /* no root key on this board: nothing may be accepted */
    pt_keyset ks;
    if (pt_keyset_load(&ks) != PT_OK || ks.generation != 0)
        abort();
    return 0;
}
