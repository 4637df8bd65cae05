/* The key store's reader (keyset.h, docs/security.md "Key store"): the newest valid key set
 * record and the check of a package signature against it. Apart from keyset.c so that a
 * bootloader without room for key updates (the Cortex-M4's, PT_KEYSET_READER) still honours
 * them: it links this file only, and exports the reader to its agent (common/services.h). */
#include "keyset.h"

#include <string.h>

#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"

#if defined PT_WITH_KEYSET || defined PT_KEYSET_READER

_Static_assert(PT_KEYSET_OFF_HASH_V1 + 32u == PT_KEYSET_RECORD_SIZE_V1, "key set record layout, format 1");
_Static_assert(PT_KEYSET_OFF_HASH + 32u == PT_KEYSET_RECORD_SIZE, "key set record layout, format 2");
_Static_assert(PT_KEYSET_RECORD_SIZE == PT_KEYSET_SLOT_SIZE, "a key set record fills its slot (the erased test)");
_Static_assert(PT_MAX_ROOT_KEYS <= 15u, "the root key count fits a nibble");

int pt_keyset_read_slot(uint32_t s, uint8_t r[PT_KEYSET_RECORD_SIZE])
{
    if (pt_hal_flash_read(pt_hal_board()->keystore_address + s * PT_KEYSET_SLOT_SIZE, r, PT_KEYSET_RECORD_SIZE) != PT_HAL_OK)
        return -2;
    uint32_t i = 0;
    while (i < PT_KEYSET_RECORD_SIZE && r[i] == 0xFFu) /* the whole slot: the record is as large as the slot */
        i++;
    if (i == PT_KEYSET_RECORD_SIZE)
        return 1;
    const uint32_t format = pt_get16(r + 4), roots = r[PT_KEYSET_OFF_COUNTS + 3] >> 4;
    const uint32_t hash_at = format == 1u ? PT_KEYSET_OFF_HASH_V1 : PT_KEYSET_OFF_HASH;
    if (memcmp(r, PT_KEYSET_MAGIC, 4) != 0 || (format != 1u && format != 2u) ||
        pt_get16(r + 6) != (format == 1u ? PT_KEYSET_RECORD_SIZE_V1 : PT_KEYSET_RECORD_SIZE) ||
        r[PT_KEYSET_OFF_COUNTS] > PT_KEYSET_MAX_KEYS || r[PT_KEYSET_OFF_COUNTS + 1] > PT_KEYSET_MAX_KEYS ||
        r[PT_KEYSET_OFF_COUNTS + 2] > PT_KEYSET_MAX_REVOKED || (r[PT_KEYSET_OFF_COUNTS + 3] & 0x0Fu) > 1 ||
        (format == 1u && roots != 0) || (format == 2u && (roots < 1 || roots > PT_MAX_ROOT_KEYS)))
        return -1;
    uint8_t h[32];
    pt_sha256(r, hash_at, h);
    return memcmp(h, r + hash_at, 32) == 0 ? 0 : -1; /* torn by a power cut: the previous record stays in force */
}

enum pt_status pt_keyset_newest(uint8_t r[PT_KEYSET_RECORD_SIZE], uint32_t *slot, uint32_t *free_slot, uint32_t *used)
{
    uint32_t best_gen = 0;
    *slot = *free_slot = UINT32_MAX;
    *used = 0;
    for (uint32_t s = 0; s < pt_keyset_slot_count(); s++) {
        const int v = pt_keyset_read_slot(s, r);
        if (v == -2)
            return pt_fail(PT_E_FLASH, "cannot read key set slot %lu", (unsigned long)s);
        if (v == 1 && *free_slot == UINT32_MAX)
            *free_slot = s;
        *used += v != 1;
        if (v == 0 && (*slot == UINT32_MAX || pt_get32(r + PT_KEYSET_OFF_GENERATION) > best_gen)) {
            *slot = s;
            best_gen = pt_get32(r + PT_KEYSET_OFF_GENERATION);
        }
    }
    if (*slot != UINT32_MAX && pt_keyset_read_slot(*slot, r) != 0) /* changed since: fail closed */
        return pt_fail(PT_E_FLASH, "key set slot %lu changed while it was read", (unsigned long)*slot);
    return PT_OK;
}

enum pt_status pt_keyset_record_verify(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                       const uint8_t *sig, uint32_t sig_len, bool *by_root)
{
    const uint32_t packages = r[PT_KEYSET_OFF_COUNTS], roots = r[PT_KEYSET_OFF_COUNTS + 3] >> 4;
    uint8_t point[65];
    for (uint32_t i = 0; i < packages + roots; i++) {
        *by_root = i >= packages;
        if (*by_root) { /* stored without its 0x04 */
            point[0] = 0x04;
            memcpy(point + 1, r + PT_KEYSET_OFF_ROOTS + 64u * (i - packages), 64);
        } else {
            memcpy(point, r + PT_KEYSET_OFF_PACKAGE + 65u * i, 65);
        }
        const pt_hal_result rc = pt_hal_p256_verify(point, hash, sig, sig_len);
        if (rc == PT_HAL_OK)
            return PT_OK;
        if (rc == PT_HAL_E_NO_MEMORY)
            return pt_fail(PT_E_INTERNAL, "out of crypto memory checking the signature with key %lu of the key set",
                           (unsigned long)i);
    }
    *by_root = false;
    return PT_E_VERIFY_SIGNATURE;
}

#endif
