/* Boot state records in the bootstate region (bootstate.h). Record data layout, format 2
 * (little-endian):
 *   0 u8 format 2, 1 u8 last install result, 2 u8 image state, 3 u8 revert reason,
 *   4 u32 security counter, 8 u32 pending security counter, 12 u32 boot count,
 *  16 u8 journal, 17 u8 trial mask (bit 0 firmware, 1 application), 18 u8[2] 0, 20 u8[32] package SHA-256,
 *  52 four images (firmware, application, previous firmware, previous application), 56 bytes each:
 *     u8 present, u8[3] 0, u32 version, u32 load offset, u32 size, u32 requires-firmware,
 *     u8[32] SHA-256, u32 backup offset.
 * Format 3 (written only during an install, journal INSTALLING): format 2 followed by the resume
 * point at 276: u8 payload index, u8[3] 0, u32 stored offset, u32 image offset.
 * Format 1 (written by bootloader 1.0 before trial boot): u8 1, u8 last install, u16 0,
 * u32 security counter, firmware and application of 52 bytes (the layout above without the
 * backup offset). */
#include "bootstate.h"

#include <string.h>

#include "pt_bytes.h"
#include "pt_error.h"
#include "record_store.h"
#include "regions.h"

#define PT_BOOTSTATE_MAGIC 0x54534250u /* "PBST" */
#define V1_IMAGE_BYTES 52u
#define V1_STATE_BYTES (8u + 2u * V1_IMAGE_BYTES)
#define IMAGE_BYTES 56u
#define HEAD_BYTES 52u
#define STATE_BYTES (HEAD_BYTES + 4u * IMAGE_BYTES)
#define RESUME_BYTES 12u

static void put_image(uint8_t *p, const pt_installed_image *im)
{
    memset(p, 0, IMAGE_BYTES);
    p[0] = im->present ? 1 : 0;
    pt_put32(p + 4, im->version);
    pt_put32(p + 8, im->load_offset);
    pt_put32(p + 12, im->size);
    pt_put32(p + 16, im->requires_firmware);
    memcpy(p + 20, im->sha256, 32);
    pt_put32(p + 52, im->backup_offset);
}

/* Reads the first 52 bytes (common to both formats); the backup offset only in format 2. */
static void get_image(const uint8_t *p, pt_installed_image *im, bool with_backup)
{
    im->present = p[0] == 1;
    im->version = pt_get32(p + 4);
    im->load_offset = pt_get32(p + 8);
    im->size = pt_get32(p + 12);
    im->requires_firmware = pt_get32(p + 16);
    memcpy(im->sha256, p + 20, 32);
    im->backup_offset = with_backup ? pt_get32(p + 52) : 0;
}

static const pt_region *bootstate_region(void)
{
    const pt_region *r = pt_region_by_name(PT_REGION_NAME_BOOTSTATE);
    if (!r)
        pt_fail(PT_E_INTERNAL, "board has no bootstate region");
    return r;
}

enum pt_status pt_bootstate_load(pt_bootstate *out) { return pt_bootstate_load_resume(out, NULL); }

enum pt_status pt_bootstate_save(const pt_bootstate *bs) { return pt_bootstate_save_resume(bs, NULL); }

enum pt_status pt_bootstate_load_resume(pt_bootstate *out, pt_resume_point *resume)
{
    memset(out, 0, sizeof *out);
    if (resume)
        memset(resume, 0, sizeof *resume);
    const pt_region *r = bootstate_region();
    if (!r)
        return PT_E_INTERNAL;
    uint8_t buf[STATE_BYTES + RESUME_BYTES];
    uint32_t len = 0, seq = 0;
    enum pt_status s = pt_record_load(r, PT_BOOTSTATE_MAGIC, buf, sizeof buf, &len, &seq);
    if (s == PT_E_NOT_FOUND)
        return PT_OK; /* factory state: nothing installed */
    if (s != PT_OK)
        return s;
    if (len == V1_STATE_BYTES && buf[0] == 1) {
        out->last_install = buf[1];
        out->security_counter = pt_get32(buf + 4);
        get_image(buf + 8, &out->firmware, false);
        get_image(buf + 8 + V1_IMAGE_BYTES, &out->application, false);
        out->image_state = out->application.present ? PT_IMAGE_CONFIRMED : PT_IMAGE_NONE;
        return PT_OK;
    }
    if (!(len == STATE_BYTES && buf[0] == 2) && !(len == STATE_BYTES + RESUME_BYTES && buf[0] == 3))
        return pt_fail(PT_E_INTERNAL, "bootstate record has format %u, %lu bytes", buf[0],
                       (unsigned long)len);
    out->last_install = buf[1];
    out->image_state = buf[2];
    out->revert_reason = buf[3];
    out->security_counter = pt_get32(buf + 4);
    out->pending_counter = pt_get32(buf + 8);
    out->boot_count = pt_get32(buf + 12);
    out->journal = buf[16];
    out->trial_mask = buf[17];
    memcpy(out->package_sha256, buf + 20, 32);
    get_image(buf + HEAD_BYTES, &out->firmware, true);
    get_image(buf + HEAD_BYTES + IMAGE_BYTES, &out->application, true);
    get_image(buf + HEAD_BYTES + 2 * IMAGE_BYTES, &out->prev_firmware, true);
    get_image(buf + HEAD_BYTES + 3 * IMAGE_BYTES, &out->prev_application, true);
    if (resume && buf[0] == 3) {
        resume->payload = buf[STATE_BYTES];
        resume->stored = pt_get32(buf + STATE_BYTES + 4);
        resume->image = pt_get32(buf + STATE_BYTES + 8);
    }
    return PT_OK;
}

enum pt_status pt_bootstate_save_resume(const pt_bootstate *bs, const pt_resume_point *resume)
{
    const pt_region *r = bootstate_region();
    if (!r)
        return PT_E_INTERNAL;
    uint8_t buf[STATE_BYTES + RESUME_BYTES];
    memset(buf, 0, sizeof buf);
    const bool with_resume = resume && (resume->payload || resume->stored || resume->image);
    buf[0] = with_resume ? 3 : 2;
    buf[1] = bs->last_install;
    buf[2] = bs->image_state;
    buf[3] = bs->revert_reason;
    pt_put32(buf + 4, bs->security_counter);
    pt_put32(buf + 8, bs->pending_counter);
    pt_put32(buf + 12, bs->boot_count);
    buf[16] = bs->journal;
    buf[17] = bs->trial_mask;
    memcpy(buf + 20, bs->package_sha256, 32);
    put_image(buf + HEAD_BYTES, &bs->firmware);
    put_image(buf + HEAD_BYTES + IMAGE_BYTES, &bs->application);
    put_image(buf + HEAD_BYTES + 2 * IMAGE_BYTES, &bs->prev_firmware);
    put_image(buf + HEAD_BYTES + 3 * IMAGE_BYTES, &bs->prev_application);
    if (with_resume) {
        buf[STATE_BYTES] = resume->payload;
        pt_put32(buf + STATE_BYTES + 4, resume->stored);
        pt_put32(buf + STATE_BYTES + 8, resume->image);
    }
    return pt_record_append(r, PT_BOOTSTATE_MAGIC, buf, with_resume ? STATE_BYTES + RESUME_BYTES : STATE_BYTES);
}
