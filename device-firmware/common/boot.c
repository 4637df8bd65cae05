/* The bootloader's start-up (device.h): install a pending package, then choose the stage. */
#include <string.h>

#include "bootstate.h"
#include "config_store.h"
#include "package.h"
#include "piton/device.h"
#include "pt_error.h"
#include "regions.h"
#include "staging.h"

static enum pt_stage s_stage = PT_STAGE_BOOTLOADER;

enum pt_stage pt_current_stage(void) { return s_stage; }

/* Copies one payload from staging into its target region, then reads it back and compares. */
static enum pt_status install_payload(const pt_region *stg, uint32_t pkg_off, const pt_payload_info *p)
{
    const pt_region *t = pt_region_by_name(p->region);
    if (!t)
        return pt_fail(PT_E_INTERNAL, "no region %s", p->region);
    enum pt_status s = pt_region_erase_covering(t, p->load_offset, p->size);
    if (s != PT_OK)
        return s;
    uint8_t chunk[256];
    for (uint32_t done = 0; done < p->size;) {
        uint32_t n = p->size - done < sizeof chunk ? p->size - done : (uint32_t)sizeof chunk;
        s = pt_region_read(stg, pkg_off + p->file_offset + done, chunk, n);
        if (s == PT_OK)
            s = pt_region_program(t, p->load_offset + done, chunk, n);
        if (s != PT_OK)
            return s;
        done += n;
    }
    uint8_t got[32];
    s = pt_region_sha256(t, p->load_offset, p->size, got);
    if (s != PT_OK)
        return s;
    if (memcmp(got, p->sha256, 32) != 0)
        return pt_fail(PT_E_FLASH, "read-back of %s differs from the package", p->region);
    return PT_OK;
}

static void install_pending(void)
{
    uint32_t size;
    uint8_t sha[32];
    if (!pt_staging_pending(&size, sha))
        return;
    uint32_t data_off;
    const pt_region *stg = pt_staging_region(&data_off);
    pt_bootstate bs;
    if (!stg || pt_bootstate_load(&bs) != PT_OK)
        return;
    pt_manifest_info m;
    uint8_t got[32];
    enum pt_status s = pt_region_sha256(stg, data_off, size, got);
    if (s == PT_OK && memcmp(got, sha, 32) != 0)
        s = pt_fail(PT_E_VERIFY_HASH, "staged package hash changed");
    if (s == PT_OK)
        s = pt_package_verify(stg, data_off, size, &bs, &m);
    if (s != PT_OK) {
        bs.last_install = PT_INSTALL_REJECTED;
        pt_bootstate_save(&bs);
        pt_staging_erase();
        return;
    }
    bool failed = false;
    for (uint32_t i = 0; i < m.payload_count; i++) {
        const pt_payload_info *p = &m.payloads[i];
        pt_installed_image *im = p->kind == PT_PAYLOAD_FIRMWARE ? &bs.firmware : &bs.application;
        if (install_payload(stg, data_off, p) != PT_OK) {
            memset(im, 0, sizeof *im); /* the region holds a partial image now */
            failed = true;
            continue;
        }
        im->present = true;
        im->version = p->version;
        im->load_offset = p->load_offset;
        im->size = p->size;
        im->requires_firmware = p->requires_firmware;
        memcpy(im->sha256, p->sha256, 32);
    }
    if (!failed && m.security_counter > bs.security_counter)
        bs.security_counter = m.security_counter;
    bs.last_install = failed ? PT_INSTALL_FAILED : PT_INSTALL_OK;
    /* Journal order: the install record is written before staging is erased, so a reset in
     * between only repeats the (idempotent) install. */
    if (pt_bootstate_save(&bs) == PT_OK)
        pt_staging_erase();
}

/* True when the application recorded in bs is intact in `deployment` and its firmware is there. */
static bool application_valid(const pt_bootstate *bs)
{
    if (!bs->application.present)
        return false;
    const pt_region *d = pt_region_by_name("deployment");
    uint8_t got[32];
    if (!d || pt_region_sha256(d, bs->application.load_offset, bs->application.size, got) != PT_OK ||
        memcmp(got, bs->application.sha256, 32) != 0)
        return false;
    if (bs->application.requires_firmware != 0 &&
        (!bs->firmware.present || bs->firmware.version < bs->application.requires_firmware))
        return false;
    return true;
}

enum pt_stage pt_boot(void)
{
    pt_retained *ret = pt_hal_retained();
    if (ret->magic != PT_RETAINED_MAGIC) {
        memset(ret, 0, sizeof *ret);
        ret->magic = PT_RETAINED_MAGIC;
    } else {
        ret->boot_count++;
    }
    pt_clear_error();
    pt_staging_reset_ram();
    install_pending();
    pt_config_init();
    pt_bootstate bs;
    bool app = pt_bootstate_load(&bs) == PT_OK && application_valid(&bs);
    s_stage = app && ret->request != PT_REBOOT_BOOTLOADER ? PT_STAGE_APPLICATION : PT_STAGE_BOOTLOADER;
    return s_stage;
}
