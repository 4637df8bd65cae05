/*
 * Config blob validation, the record store reader and the two stores built on it
 * (device-firmware/common/config_store.c, record_store.c, bootstate.c) on the RAM flash model
 * of tests/device/test_hal.c. Byte 0 picks the target: the config region's raw contents
 * (pt_config_init, then a get of each standard key), the bootstate region's raw contents
 * (pt_bootstate_load), or a config blob alone (pt_config_validate). Flash contents are what an
 * attacker with the external flash chip, or a power cut, leaves behind.
 */
#include <string.h>

#include "bootstate.h"
#include "config_store.h"
#include "record_store.h"
#include "regions.h"
#include "test_hal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        th_factory();
        ready = true;
    }
    if (size == 0)
        return 0;
    const uint8_t *in = data + 1;
    const uint32_t len = (uint32_t)(size - 1);
    switch (data[0] % 3) {
    case 0: {
        const pt_region *r = pt_region_by_flag(PT_REGION_CONFIG);
        if (len > r->size)
            return 0;
        uint8_t *flash = th_flash_ptr(r->address);
        memcpy(flash, in, len);
        if (pt_config_init() == PT_OK) {
            uint32_t blen = 0;
            const uint8_t *blob = pt_config_blob(&blen);
            if (blob && pt_config_validate(blob, blen) != PT_OK)
                __builtin_trap(); /* the store handed out a blob it would refuse */
            static const char *const keys[] = {"serial", "net.mac", "net.ip", "usb.product", "user.x"};
            for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
                uint8_t value[256];
                uint32_t vlen = sizeof value;
                (void)pt_config_get(keys[i], (uint32_t)strlen(keys[i]), value, &vlen);
            }
        }
        uint8_t buf[1024];
        uint32_t got, seq;
        (void)pt_record_load(r, 0x52434650u, buf, 64, &got, &seq); /* a small buffer too */
        memset(flash, 0xFF, r->size);
        break;
    }
    case 1: {
        const pt_region *r = pt_region_by_name("bootstate");
        if (len > r->size)
            return 0;
        uint8_t *flash = th_flash_ptr(r->address);
        memcpy(flash, in, len);
        pt_bootstate bs;
        (void)pt_bootstate_load(&bs);
        memset(flash, 0xFF, r->size);
        break;
    }
    default:
        (void)pt_config_validate(in, len);
        break;
    }
    return 0;
}
