/*
 * Device package and manifest parser (device-firmware/common/package.c, pt_package_verify) on
 * the RAM flash model of tests/device/test_hal.c: the input is the staged package in the
 * `update` region, read back from flash in pieces as the agent and bootloader do. The board
 * has no trusted key, so the parse before the signature check is what runs; byte 0 sets the
 * installed firmware's state the compatibility check compares with.
 */
#include <string.h>

#include "package.h"
#include "regions.h"
#include "test_hal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const pt_region *staging;
    if (!staging) {
        th_factory();
        staging = pt_region_by_name("update");
    }
    if (size == 0 || size > staging->size)
        return 0;
    pt_bootstate bs;
    memset(&bs, 0, sizeof bs);
    bs.firmware.present = data[0] & 1;
    bs.firmware.version = (uint32_t)data[0] << 16;
    bs.security_counter = data[0] >> 4;
    uint8_t *flash = th_flash_ptr(staging->address);
    memcpy(flash, data, size);
    pt_manifest_info m;
    enum pt_status s = pt_package_verify(staging, 0, (uint32_t)size, &bs, &m);
    if (s == PT_OK) {
        pt_installed_image fw, app;
        uint8_t mask;
        (void)pt_backup_plan(&bs, &m, &fw, &app, &mask);
    }
    /* An offset inside the region: the same package staged behind a header. */
    if (size > 64)
        (void)pt_package_verify(staging, 64, (uint32_t)size - 64, &bs, &m);
    memset(flash, 0xFF, size);
    return 0;
}
