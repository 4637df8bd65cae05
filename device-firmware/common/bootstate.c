/* Install records in the bootstate region (bootstate.h). Record data layout (little-endian):
 *   u8 format 1, u8 last install result, u16 0, u32 security counter,
 *   then firmware and application, each: u8 present, u8[3] 0, u32 version, u32 load offset,
 *   u32 size, u32 requires-firmware, u8[32] SHA-256. */
#include "bootstate.h"

#include <string.h>

#include "pt_bytes.h"
#include "pt_error.h"
#include "record_store.h"
#include "regions.h"

#define PT_BOOTSTATE_MAGIC 0x54534250u /* "PBST" */
#define IMAGE_BYTES 52u
#define STATE_BYTES (8u + 2u * IMAGE_BYTES)

static void put_image(uint8_t *p, const pt_installed_image *im)
{
    memset(p, 0, IMAGE_BYTES);
    p[0] = im->present ? 1 : 0;
    pt_put32(p + 4, im->version);
    pt_put32(p + 8, im->load_offset);
    pt_put32(p + 12, im->size);
    pt_put32(p + 16, im->requires_firmware);
    memcpy(p + 20, im->sha256, 32);
}

static void get_image(const uint8_t *p, pt_installed_image *im)
{
    im->present = p[0] == 1;
    im->version = pt_get32(p + 4);
    im->load_offset = pt_get32(p + 8);
    im->size = pt_get32(p + 12);
    im->requires_firmware = pt_get32(p + 16);
    memcpy(im->sha256, p + 20, 32);
}

static const pt_region *bootstate_region(void)
{
    const pt_region *r = pt_region_by_name("bootstate");
    if (!r)
        pt_fail(PT_E_INTERNAL, "board has no bootstate region");
    return r;
}

enum pt_status pt_bootstate_load(pt_bootstate *out)
{
    memset(out, 0, sizeof *out);
    const pt_region *r = bootstate_region();
    if (!r)
        return PT_E_INTERNAL;
    uint8_t buf[STATE_BYTES];
    uint32_t len = 0, seq = 0;
    enum pt_status s = pt_record_load(r, PT_BOOTSTATE_MAGIC, buf, sizeof buf, &len, &seq);
    if (s == PT_E_NOT_FOUND)
        return PT_OK; /* factory state: nothing installed */
    if (s != PT_OK)
        return s;
    if (len != STATE_BYTES || buf[0] != 1)
        return pt_fail(PT_E_INTERNAL, "bootstate record has format %u, %lu bytes", buf[0],
                       (unsigned long)len);
    out->last_install = buf[1];
    out->security_counter = pt_get32(buf + 4);
    get_image(buf + 8, &out->firmware);
    get_image(buf + 8 + IMAGE_BYTES, &out->application);
    return PT_OK;
}

enum pt_status pt_bootstate_save(const pt_bootstate *bs)
{
    const pt_region *r = bootstate_region();
    if (!r)
        return PT_E_INTERNAL;
    uint8_t buf[STATE_BYTES];
    memset(buf, 0, sizeof buf);
    buf[0] = 1;
    buf[1] = bs->last_install;
    pt_put32(buf + 4, bs->security_counter);
    put_image(buf + 8, &bs->firmware);
    put_image(buf + 8 + IMAGE_BYTES, &bs->application);
    return pt_record_append(r, PT_BOOTSTATE_MAGIC, buf, sizeof buf);
}
