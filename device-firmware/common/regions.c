/* Region lookup, range/sector checks and NOR-aware flash helpers (regions.h). */
#include "regions.h"

#include <string.h>

#include "package.h"
#include "pt_error.h"

#define PT_CHUNK 256u

const pt_region *pt_region_by_id(uint8_t id)
{
    const pt_board *b = pt_hal_board();
    return id < b->region_count ? &b->regions[id] : NULL;
}

const pt_region *pt_region_by_name(const char *name)
{
    const pt_board *b = pt_hal_board();
    for (uint8_t i = 0; i < b->region_count; i++)
        if (strncmp(b->regions[i].name, name, sizeof b->regions[i].name) == 0)
            return &b->regions[i];
    return NULL;
}

const pt_region *pt_region_by_flag(uint32_t flag)
{
    const pt_board *b = pt_hal_board();
    for (uint8_t i = 0; i < b->region_count; i++)
        if ((b->regions[i].flags & flag) == flag)
            return &b->regions[i];
    return NULL;
}

enum pt_status pt_region_check_range(const pt_region *r, uint32_t offset, uint32_t len)
{
    if (offset > r->size || len > r->size - offset)
        return pt_fail(PT_E_OUT_OF_RANGE, "0x%08lx+0x%lx is outside region %s (size 0x%lx)",
                       (unsigned long)offset, (unsigned long)len, r->name, (unsigned long)r->size);
    return PT_OK;
}

/* PT_SERVICES_CLIENT (the Cortex-M4 agent): pt_region_sector_at, pt_region_read, pt_sha256 and
 * pt_region_sha256 are the bootloader's, through its service table (common/services.h, ABI 3.2). */
#ifndef PT_SERVICES_CLIENT
bool pt_region_sector_at(const pt_region *r, uint32_t offset, uint32_t *start, uint32_t *size)
{
    uint32_t pos = 0;
    for (uint8_t i = 0; i < r->run_count && i < PT_MAX_SECTOR_RUNS; i++) {
        const pt_sector_run *run = &r->runs[i];
        if (run->size == 0)
            continue;
        uint64_t run_len = (uint64_t)run->count * run->size;
        if (offset < pos + run_len) {
            uint32_t k = (offset - pos) / run->size;
            *start = pos + k * run->size;
            *size = run->size;
            return *start < r->size;
        }
        pos += (uint32_t)run_len;
    }
    return false;
}
#endif

bool pt_region_is_boundary(const pt_region *r, uint32_t offset)
{
    if (offset == r->size)
        return true;
    uint32_t start, size;
    return pt_region_sector_at(r, offset, &start, &size) && start == offset;
}

static enum pt_status hal_status(pt_hal_result h, const char *what, const pt_region *r, uint32_t off)
{
    switch (h) {
    case PT_HAL_OK:
        return PT_OK;
    case PT_HAL_E_NOT_ERASED:
        return pt_fail(PT_E_NOT_ERASED, "%s at %s+0x%lx: flash not erased", what, r->name,
                       (unsigned long)off);
    default:
        return pt_fail(PT_E_FLASH, "%s at %s+0x%lx: flash driver error %d", what, r->name,
                       (unsigned long)off, (int)h);
    }
}

enum pt_status pt_region_erase(const pt_region *r, uint32_t offset, uint32_t len)
{
    enum pt_status st = pt_region_check_range(r, offset, len);
    if (st != PT_OK)
        return st;
    if (!pt_region_is_boundary(r, offset) || !pt_region_is_boundary(r, offset + len))
        return pt_fail(PT_E_ALIGNMENT, "erase of %s 0x%08lx+0x%lx is not on sector boundaries",
                       r->name, (unsigned long)offset, (unsigned long)len);
    uint32_t pos = offset;
    while (pos < offset + len) {
        uint32_t start, size;
        if (!pt_region_sector_at(r, pos, &start, &size))
            return pt_fail(PT_E_INTERNAL, "region %s has no sector at 0x%lx", r->name,
                           (unsigned long)pos);
        st = hal_status(pt_hal_flash_erase_sector(r->address + start), "erase", r, start);
        if (st != PT_OK)
            return st;
        pos = start + size;
    }
    return PT_OK;
}

enum pt_status pt_region_erase_covering(const pt_region *r, uint32_t offset, uint32_t len)
{
    if (len == 0)
        return PT_OK;
    enum pt_status st = pt_region_check_range(r, offset, len);
    if (st != PT_OK)
        return st;
    uint32_t first, size;
    if (!pt_region_sector_at(r, offset, &first, &size))
        return pt_fail(PT_E_INTERNAL, "region %s has no sector at 0x%lx", r->name,
                       (unsigned long)offset);
    uint32_t last, lsize;
    if (!pt_region_sector_at(r, offset + len - 1, &last, &lsize))
        return pt_fail(PT_E_INTERNAL, "region %s has no sector at 0x%lx", r->name,
                       (unsigned long)(offset + len - 1));
    return pt_region_erase(r, first, last + lsize - first);
}

#ifndef PT_SERVICES_CLIENT
enum pt_status pt_region_read(const pt_region *r, uint32_t offset, void *buf, uint32_t len)
{
    enum pt_status st = pt_region_check_range(r, offset, len);
    if (st != PT_OK)
        return st;
    if (len == 0)
        return PT_OK;
    return hal_status(pt_hal_flash_read(r->address + offset, buf, len), "read", r, offset);
}
#endif

enum pt_status pt_region_program(const pt_region *r, uint32_t offset, const void *buf, uint32_t len)
{
    enum pt_status st = pt_region_check_range(r, offset, len);
    if (st != PT_OK)
        return st;
    const uint8_t *src = buf;
    uint8_t cur[PT_CHUNK];
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < PT_CHUNK ? len - done : PT_CHUNK;
        st = pt_region_read(r, offset + done, cur, n);
        if (st != PT_OK)
            return st;
        for (uint32_t i = 0; i < n; i++)
            if ((cur[i] & src[done + i]) != src[done + i])
                return pt_fail(PT_E_NOT_ERASED,
                               "%s+0x%lx holds 0x%02x, cannot program 0x%02x: erase first",
                               r->name, (unsigned long)(offset + done + i), cur[i], src[done + i]);
        done += n;
    }
    if (len == 0)
        return PT_OK;
    return hal_status(pt_hal_flash_program(r->address + offset, buf, len), "program", r, offset);
}

bool pt_region_is_erased(const pt_region *r, uint32_t offset, uint32_t len)
{
    uint8_t cur[PT_CHUNK];
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < PT_CHUNK ? len - done : PT_CHUNK;
        if (pt_region_read(r, offset + done, cur, n) != PT_OK)
            return false;
        for (uint32_t i = 0; i < n; i++)
            if (cur[i] != 0xFF)
                return false;
        done += n;
    }
    return true;
}

#ifndef PT_SERVICES_CLIENT
void pt_sha256(const void *data, uint32_t len, uint8_t out[32])
{
    pt_hal_sha256_ctx ctx;
    pt_hal_sha256_start(&ctx);
    pt_hal_sha256_update(&ctx, data, len);
    pt_hal_sha256_finish(&ctx, out);
}

enum pt_status pt_region_sha256(const pt_region *r, uint32_t offset, uint32_t len, uint8_t out[32])
{
    enum pt_status st = pt_region_check_range(r, offset, len);
    if (st != PT_OK)
        return st;
    pt_hal_sha256_ctx ctx;
    pt_hal_sha256_start(&ctx);
    uint8_t chunk[PT_CHUNK];
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < PT_CHUNK ? len - done : PT_CHUNK;
        st = pt_region_read(r, offset + done, chunk, n);
        if (st != PT_OK)
            return st;
        pt_hal_sha256_update(&ctx, chunk, n);
        done += n;
    }
    pt_hal_sha256_finish(&ctx, out);
    return PT_OK;
}
#endif

/* package.h. DER SubjectPublicKeyInfo of an ECDSA P-256 key (RFC 5480): this prefix, then the 65-byte
 * uncompressed point. Checked by hand so that the device needs no pk/OID/ASN.1-key layer.
 * Here, not in package.c: the M4 agent checks credentials with it (auth_verify.c) and gets its
 * package verification from the bootloader. */
const uint8_t pt_p256_spki_prefix[PT_P256_SPKI_PREFIX_SIZE] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48,
                                                              0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                                              0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
#define P256_SPKI_SIZE (PT_P256_SPKI_PREFIX_SIZE + 65u)

pt_hal_result pt_key_verify(const pt_trusted_key *k, const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len)
{
    if (k->der_len != P256_SPKI_SIZE || memcmp(k->der, pt_p256_spki_prefix, PT_P256_SPKI_PREFIX_SIZE) != 0)
        return PT_HAL_E_SIGNATURE;
    return pt_hal_p256_verify(k->der + PT_P256_SPKI_PREFIX_SIZE, hash, sig, sig_len);
}
