/*
 * Config blob validation, the record store reader and the two stores built on it
 * (device-firmware/common/config_store.c, record_store.c, bootstate.c) on the RAM flash model
 * of tests/device/test_hal.c. Byte 0 picks the target: the config region's raw contents
 * (pt_config_init, then a get of each standard key), the bootstate region's raw contents
 * (pt_bootstate_load), or a config blob alone (pt_config_validate). Flash contents are what an
 * attacker with the external flash chip, or a power cut, leaves behind. With bit 7 of byte 0
 * set, the CRC of the first record (at offset 0), or the blob's CRC trailer, is made right
 * first, so the fuzzer reaches what lies behind the CRC checks.
 */
#include <string.h>

#include "bootstate.h"
#include "crc32.h"
#include "pt_bytes.h"
#include "config_store.h"
#include "record_store.h"
#include "regions.h"
#include "test_hal.h"

/* Record at `p` (region bytes, `n` of them): CRC over magic, sequence, length and data. */
static void fix_record_crc(uint8_t *p, uint32_t n)
{
    if (n < PT_RECORD_HEADER_SIZE)
        return;
    uint32_t len = pt_get32(p + 8);
    if (len > n - PT_RECORD_HEADER_SIZE)
        return;
    pt_put32(p + 12, pt_crc32_update(pt_crc32_update(0, p, 12), p + PT_RECORD_HEADER_SIZE, len));
}

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
        if (data[0] & 0x80)
            fix_record_crc(flash, len);
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
        if (data[0] & 0x80)
            fix_record_crc(flash, len);
        pt_bootstate bs;
        (void)pt_bootstate_load(&bs);
        memset(flash, 0xFF, r->size);
        break;
    }
    default: {
        static uint8_t blob[65536];
        if (len > sizeof blob)
            return 0;
        memcpy(blob, in, len);
        if ((data[0] & 0x80) && len >= 4)
            pt_put32(blob + len - 4, pt_crc32(blob, len - 4));
        (void)pt_config_validate(blob, len);
        break;
    }
    }
    return 0;
}
