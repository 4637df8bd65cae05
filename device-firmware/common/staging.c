/* Package staging with a flash progress bitmap and lazy sector erase (staging.h). */
#include "staging.h"

#include <stdbool.h>
#include <string.h>

#include "crc32.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"

#define STG_MAGIC 0x47535450u /* "PTSG" */
#define STG_OFF_CRC 40u
#define STG_OFF_PENDING 44u
#define STG_OFF_INSTALLED 48u
#define STG_OFF_BITMAP 64u
#define STG_HEADER_BYTES 52u

typedef enum { HDR_EMPTY, HDR_CORRUPT, HDR_VALID } hdr_kind;

typedef struct {
    hdr_kind kind;
    uint32_t size;
    uint8_t sha[32];
    bool pending;
    bool installed;
} stg_header;

static bool s_active;      /* a transfer was begun (or resumed) since the last reset */
static uint32_t s_staged;  /* RAM progress counter, valid when s_active */
static stg_header s_hdr;   /* header cached while s_active (UPDATE_DATA does not re-read it) */

void pt_staging_reset_ram(void)
{
    s_active = false;
    s_staged = 0;
    memset(&s_hdr, 0, sizeof s_hdr);
}

const pt_region *pt_staging_region(uint32_t *data_offset)
{
    const pt_region *r = pt_region_by_flag(PT_REGION_STAGING);
    if (!r) {
        pt_fail(PT_E_INTERNAL, "board has no staging region");
        return NULL;
    }
    uint32_t start, size;
    if (!pt_region_sector_at(r, 0, &start, &size) || size >= r->size) {
        pt_fail(PT_E_INTERNAL, "staging region %s needs at least two sectors", r->name);
        return NULL;
    }
    *data_offset = size;
    return r;
}

static void read_header(const pt_region *r, stg_header *h)
{
    uint8_t b[STG_HEADER_BYTES];
    memset(h, 0, sizeof *h);
    if (pt_region_read(r, 0, b, sizeof b) != PT_OK) {
        h->kind = HDR_CORRUPT;
        return;
    }
    bool erased = true;
    for (uint32_t i = 0; i < sizeof b; i++)
        erased = erased && b[i] == 0xFF;
    if (erased) {
        h->kind = HDR_EMPTY;
        return;
    }
    uint32_t data_off = 0;
    pt_staging_region(&data_off);
    h->size = pt_get32(b + 4);
    memcpy(h->sha, b + 8, 32);
    h->pending = pt_get32(b + STG_OFF_PENDING) == 0;
    h->installed = pt_get32(b + STG_OFF_INSTALLED) == 0;
    if (pt_get32(b) != STG_MAGIC || pt_crc32(b, STG_OFF_CRC) != pt_get32(b + STG_OFF_CRC) ||
        h->size == 0 || h->size > r->size - data_off ||
        (h->size + PT_STAGING_BLOCK - 1) / PT_STAGING_BLOCK > PT_STAGING_MAX_BLOCKS) {
        h->kind = HDR_CORRUPT;
        return;
    }
    h->kind = HDR_VALID;
}

/* Progress recorded in the bitmap: the contiguous complete blocks from 0, moved back to the start
 * of its staging sector so the resumed write erases that sector first. */
static uint32_t staged_from_bitmap(const pt_region *r, uint32_t data_off, uint32_t size)
{
    uint32_t blocks = (size + PT_STAGING_BLOCK - 1) / PT_STAGING_BLOCK;
    uint32_t done = 0;
    uint8_t byte = 0xFF;
    while (done < blocks) {
        if (done % 8 == 0 && pt_region_read(r, STG_OFF_BITMAP + done / 8, &byte, 1) != PT_OK)
            break;
        if (byte & (1u << (done % 8)))
            break;
        done++;
    }
    uint32_t staged = done * PT_STAGING_BLOCK;
    if (staged >= size)
        return size;
    uint32_t start, ssize;
    if (pt_region_sector_at(r, data_off + staged, &start, &ssize))
        staged = start - data_off;
    return staged;
}

static enum pt_status mark_block(const pt_region *r, uint32_t block)
{
    uint8_t byte;
    enum pt_status s = pt_region_read(r, STG_OFF_BITMAP + block / 8, &byte, 1);
    if (s != PT_OK)
        return s;
    uint8_t nb = (uint8_t)(byte & ~(1u << (block % 8)));
    if (nb == byte)
        return PT_OK;
    return pt_region_program(r, STG_OFF_BITMAP + block / 8, &nb, 1);
}

enum pt_status pt_staging_begin(uint32_t size, const uint8_t sha256[32], uint32_t *staged)
{
    uint32_t data_off;
    const pt_region *r = pt_staging_region(&data_off);
    if (!r)
        return PT_E_INTERNAL;
    if (size == 0)
        return pt_fail(PT_E_BAD_REQUEST, "package size 0");
    uint32_t capacity = r->size - data_off;
    if (size > capacity || (size + PT_STAGING_BLOCK - 1) / PT_STAGING_BLOCK > PT_STAGING_MAX_BLOCKS ||
        STG_OFF_BITMAP + (size / PT_STAGING_BLOCK + 8) / 8 > data_off)
        return pt_fail(PT_E_TOO_LARGE, "package of %lu bytes exceeds staging capacity of %lu bytes",
                       (unsigned long)size, (unsigned long)capacity);
    stg_header h;
    read_header(r, &h);
    if (h.kind == HDR_VALID && h.size == size && memcmp(h.sha, sha256, 32) == 0) {
        if (h.pending)
            s_staged = size;
        else if (!s_active)
            s_staged = staged_from_bitmap(r, data_off, size);
        s_active = true;
        s_hdr = h;
        *staged = s_staged;
        return PT_OK;
    }
    /* A new transfer: invalidate staging by rewriting the header sector. */
    s_active = false;
    uint32_t hstart, hsize;
    pt_region_sector_at(r, 0, &hstart, &hsize);
    enum pt_status s = pt_region_erase(r, 0, hsize);
    if (s != PT_OK)
        return s;
    uint8_t b[STG_HEADER_BYTES - 4];
    memset(b, 0xFF, sizeof b);
    pt_put32(b, STG_MAGIC);
    pt_put32(b + 4, size);
    memcpy(b + 8, sha256, 32);
    pt_put32(b + STG_OFF_CRC, pt_crc32(b, STG_OFF_CRC));
    s = pt_region_program(r, 0, b, sizeof b);
    if (s != PT_OK)
        return s;
    memset(&s_hdr, 0, sizeof s_hdr);
    s_hdr.kind = HDR_VALID;
    s_hdr.size = size;
    memcpy(s_hdr.sha, sha256, 32);
    s_active = true;
    s_staged = 0;
    *staged = 0;
    return PT_OK;
}

enum pt_status pt_staging_data(uint32_t offset, const uint8_t *data, uint32_t len, uint32_t *staged)
{
    uint32_t data_off;
    const pt_region *r = pt_staging_region(&data_off);
    if (!r)
        return PT_E_INTERNAL;
    const stg_header h = s_hdr; /* cached by UPDATE_BEGIN */
    if (!s_active || h.kind != HDR_VALID)
        return pt_fail(PT_E_SEQUENCE, "no update begun: send UPDATE_BEGIN first");
    if (h.pending)
        return pt_fail(PT_E_STATE, "package already verified and pending install");
    if (offset != s_staged)
        return pt_fail(PT_E_SEQUENCE, "update data at offset %lu, expected %lu",
                       (unsigned long)offset, (unsigned long)s_staged);
    if (len == 0)
        return pt_fail(PT_E_BAD_REQUEST, "update data chunk without bytes");
    if (len > h.size - offset)
        return pt_fail(PT_E_OUT_OF_RANGE, "update data %lu+%lu runs past the package size %lu",
                       (unsigned long)offset, (unsigned long)len, (unsigned long)h.size);
    /* Lazy erase: every sector whose first byte this chunk writes is erased first, unless it is
     * blank already (the bootloader erases staging after an install): a blank check reads the
     * sector, an erase takes tens of ms on a serial NOR (docs/performance.md). */
    uint32_t from = data_off + offset, to = from + len;
    for (uint32_t pos = from; pos < to;) {
        uint32_t start, size;
        if (!pt_region_sector_at(r, pos, &start, &size))
            return pt_fail(PT_E_INTERNAL, "staging has no sector at 0x%lx", (unsigned long)pos);
        if (start >= from && !pt_region_is_erased(r, start, size)) {
            enum pt_status s = pt_region_erase(r, start, size);
            if (s != PT_OK)
                return s;
        }
        pos = start + size;
    }
    enum pt_status s = pt_region_program(r, from, data, len);
    if (s != PT_OK)
        return s;
    uint32_t old = s_staged;
    s_staged = offset + len;
    for (uint32_t b = old / PT_STAGING_BLOCK; b * PT_STAGING_BLOCK < s_staged; b++) {
        if ((b + 1) * PT_STAGING_BLOCK <= s_staged || s_staged == h.size) {
            s = mark_block(r, b);
            if (s != PT_OK)
                return s;
        }
    }
    *staged = s_staged;
    return PT_OK;
}

void pt_staging_status(uint8_t *state, uint32_t *size, uint32_t *staged, uint8_t sha256[32])
{
    uint32_t data_off;
    const pt_region *r = pt_staging_region(&data_off);
    *size = 0;
    *staged = 0;
    memset(sha256, 0, 32);
    if (!r) {
        *state = PT_STAGING_CORRUPT;
        return;
    }
    stg_header h;
    read_header(r, &h);
    if (h.kind == HDR_EMPTY) {
        *state = PT_STAGING_EMPTY;
        return;
    }
    if (h.kind == HDR_CORRUPT) {
        *state = PT_STAGING_CORRUPT;
        return;
    }
    *size = h.size;
    memcpy(sha256, h.sha, 32);
    *staged = h.pending ? h.size : (s_active ? s_staged : staged_from_bitmap(r, data_off, h.size));
    if (h.pending)
        *state = PT_STAGING_PENDING;
    else
        *state = *staged == h.size ? PT_STAGING_COMPLETE : PT_STAGING_PARTIAL;
}

enum pt_status pt_staging_mark_pending(void)
{
    uint32_t data_off;
    const pt_region *r = pt_staging_region(&data_off);
    if (!r)
        return PT_E_INTERNAL;
    static const uint8_t zero[4] = {0, 0, 0, 0};
    enum pt_status s = pt_region_program(r, STG_OFF_PENDING, zero, sizeof zero);
    if (s == PT_OK)
        s_hdr.pending = true;
    return s;
}

enum pt_status pt_staging_mark_installed(void)
{
    uint32_t data_off;
    const pt_region *r = pt_staging_region(&data_off);
    if (!r)
        return PT_E_INTERNAL;
    static const uint8_t zero[4] = {0, 0, 0, 0};
    return pt_region_program(r, STG_OFF_INSTALLED, zero, sizeof zero);
}

int pt_staging_pending(uint32_t *size, uint8_t sha256[32])
{
    bool installed;
    return pt_staging_pending_info(size, sha256, &installed);
}

int pt_staging_pending_info(uint32_t *size, uint8_t sha256[32], bool *installed)
{
    uint32_t data_off;
    const pt_region *r = pt_staging_region(&data_off);
    if (!r)
        return 0;
    stg_header h;
    read_header(r, &h);
    if (h.kind != HDR_VALID || !h.pending)
        return 0;
    *size = h.size;
    memcpy(sha256, h.sha, 32);
    *installed = h.installed;
    return 1;
}

enum pt_status pt_staging_erase(void)
{
    uint32_t data_off;
    const pt_region *r = pt_staging_region(&data_off);
    if (!r)
        return PT_E_INTERNAL;
    stg_header h;
    read_header(r, &h);
    pt_staging_reset_ram();
    enum pt_status s = pt_region_erase(r, 0, data_off);
    if (s != PT_OK)
        return s;
    uint32_t used = h.kind == HDR_VALID ? h.size : r->size - data_off;
    /* Only sectors that are not already blank need an erase. */
    for (uint32_t pos = data_off; pos < data_off + used;) {
        uint32_t start, size;
        if (!pt_region_sector_at(r, pos, &start, &size))
            break;
        if (!pt_region_is_erased(r, start, size)) {
            s = pt_region_erase(r, start, size);
            if (s != PT_OK)
                return s;
        }
        pos = start + size;
    }
    return PT_OK;
}
