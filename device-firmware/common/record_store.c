/* Power-safe append-only record store over two (or more) sectors of a region (record_store.h). */
#include "record_store.h"

#include <string.h>

#include "crc32.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"

#define PT_RECORD_ALIGN 16u

static uint32_t padded(uint32_t len)
{
    return (PT_RECORD_HEADER_SIZE + len + PT_RECORD_ALIGN - 1) / PT_RECORD_ALIGN * PT_RECORD_ALIGN;
}

/* CRC over the header's first 12 bytes and the data, read back from flash. */
static bool record_crc_ok(const pt_region *r, uint32_t at, const uint8_t *hdr, uint32_t len)
{
    uint32_t crc = pt_crc32_update(0, hdr, 12);
    uint8_t chunk[128];
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < sizeof chunk ? len - done : (uint32_t)sizeof chunk;
        if (pt_region_read(r, at + PT_RECORD_HEADER_SIZE + done, chunk, n) != PT_OK)
            return false;
        crc = pt_crc32_update(crc, chunk, n);
        done += n;
    }
    return crc == pt_get32(hdr + 12);
}

typedef struct {
    bool found;
    uint32_t seq;           /* newest sequence */
    uint32_t at;            /* region offset of the newest record */
    uint32_t len;
    uint32_t sector;        /* start of the sector holding it */
    uint32_t sector_size;
    uint32_t append_at;     /* where the next record may go in that sector (UINT32_MAX: full) */
} scan_state;

/* Walks the records of one sector; updates st when a newer record is found. Returns the offset
 * just after the last parsed record, or UINT32_MAX when the sector holds unparsable bytes. */
static uint32_t scan_sector(const pt_region *r, uint32_t magic, uint32_t start, uint32_t size,
                            scan_state *st)
{
    uint32_t pos = start;
    while (pos + PT_RECORD_HEADER_SIZE <= start + size) {
        uint8_t hdr[PT_RECORD_HEADER_SIZE];
        if (pt_region_read(r, pos, hdr, sizeof hdr) != PT_OK)
            return UINT32_MAX;
        uint32_t m = pt_get32(hdr), seq = pt_get32(hdr + 4), len = pt_get32(hdr + 8);
        if (m == 0xFFFFFFFFu && seq == 0xFFFFFFFFu && len == 0xFFFFFFFFu && pt_get32(hdr + 12) == 0xFFFFFFFFu)
            return pos; /* erased: end of records */
        if (m != magic || len > size || padded(len) > start + size - pos)
            return UINT32_MAX; /* torn header or foreign bytes: do not append here */
        if (record_crc_ok(r, pos, hdr, len)) {
            if (!st->found || seq > st->seq) {
                st->found = true;
                st->seq = seq;
                st->at = pos;
                st->len = len;
                st->sector = start;
                st->sector_size = size;
            }
        }
        pos += padded(len); /* a torn record with a sane length is skipped */
    }
    return pos;
}

static void scan(const pt_region *r, uint32_t magic, scan_state *st)
{
    memset(st, 0, sizeof *st);
    uint32_t pos = 0;
    while (pos < r->size) {
        uint32_t start, size;
        if (!pt_region_sector_at(r, pos, &start, &size))
            break;
        scan_state before = *st;
        uint32_t end = scan_sector(r, magic, start, size, st);
        if (st->found && (!before.found || st->seq != before.seq || st->at != before.at))
            st->append_at = end;
        pos = start + size;
    }
}

enum pt_status pt_record_load(const pt_region *r, uint32_t magic, uint8_t *buf, uint32_t cap,
                              uint32_t *len, uint32_t *sequence)
{
    scan_state st;
    scan(r, magic, &st);
    if (!st.found)
        return pt_fail(PT_E_NOT_FOUND, "no valid record in region %s", r->name);
    if (st.len > cap)
        return pt_fail(PT_E_INTERNAL, "record in %s is %lu bytes, buffer holds %lu", r->name,
                       (unsigned long)st.len, (unsigned long)cap);
    enum pt_status s = pt_region_read(r, st.at + PT_RECORD_HEADER_SIZE, buf, st.len);
    if (s != PT_OK)
        return s;
    *len = st.len;
    *sequence = st.seq;
    return PT_OK;
}

static enum pt_status write_record(const pt_region *r, uint32_t at, uint32_t magic, uint32_t seq,
                                   const uint8_t *data, uint32_t len)
{
    uint8_t hdr[PT_RECORD_HEADER_SIZE];
    pt_put32(hdr, magic);
    pt_put32(hdr + 4, seq);
    pt_put32(hdr + 8, len);
    uint32_t crc = pt_crc32_update(pt_crc32_update(0, hdr, 12), data, len);
    pt_put32(hdr + 12, crc);
    /* Data first, header last: a record becomes visible only once its bytes are in place. */
    enum pt_status s = pt_region_program(r, at + PT_RECORD_HEADER_SIZE, data, len);
    if (s != PT_OK)
        return s;
    s = pt_region_program(r, at, hdr, sizeof hdr);
    if (s != PT_OK)
        return s;
    uint8_t back[PT_RECORD_HEADER_SIZE];
    s = pt_region_read(r, at, back, sizeof back);
    if (s != PT_OK)
        return s;
    if (memcmp(back, hdr, sizeof hdr) != 0 || !record_crc_ok(r, at, hdr, len))
        return pt_fail(PT_E_FLASH, "record read back from %s+0x%lx differs", r->name,
                       (unsigned long)at);
    return PT_OK;
}

enum pt_status pt_record_append(const pt_region *r, uint32_t magic, const uint8_t *data, uint32_t len)
{
    scan_state st;
    scan(r, magic, &st);
    uint32_t need = padded(len);
    uint32_t seq = st.found ? st.seq + 1 : 1;

    if (st.found && st.append_at != UINT32_MAX && st.append_at + need <= st.sector + st.sector_size &&
        pt_region_is_erased(r, st.append_at, need)) {
        if (write_record(r, st.append_at, magic, seq, data, len) == PT_OK)
            return PT_OK;
        /* Fall through: the slot was unusable; move to a fresh sector. */
    }
    /* The next sector after the active one (round robin), or the first when nothing is stored. */
    uint32_t next = 0;
    if (st.found) {
        next = st.sector + st.sector_size;
        if (next >= r->size)
            next = 0;
    }
    uint32_t start, size;
    if (!pt_region_sector_at(r, next, &start, &size))
        return pt_fail(PT_E_INTERNAL, "region %s has no sector at 0x%lx", r->name, (unsigned long)next);
    if (st.found && start == st.sector)
        return pt_fail(PT_E_INTERNAL, "region %s needs at least two sectors", r->name);
    if (need > size)
        return pt_fail(PT_E_INTERNAL, "record of %lu bytes does not fit a sector of %s",
                       (unsigned long)len, r->name);
    enum pt_status s = pt_region_erase(r, start, size);
    if (s != PT_OK)
        return s;
    return write_record(r, start, magic, seq, data, len);
}
