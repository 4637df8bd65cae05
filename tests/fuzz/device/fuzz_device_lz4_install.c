/*
 * The bootloader's install pipeline for LZ4-compressed payloads (device-firmware/common/install.c,
 * pt_payload_install): the frame parser of our own (lz4_Frame_format.md) and upstream LZ4's
 * LZ4_decompress_safe, on the RAM flash model of tests/device/test_hal.c. Bytes 0..2 give the
 * image size the descriptor claims (1 .. 128 KB); the rest is the stored payload (the frame),
 * staged in the `update` region and installed into `deployment` as after a verified package.
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
    if (size < 4 || size - 3 > staging->size)
        return 0;
    pt_payload_info p;
    memset(&p, 0, sizeof p);
    p.kind = PT_PAYLOAD_APPLICATION;
    p.encoding = PT_ENCODING_LZ4;
    strcpy(p.region, "deployment");
    p.image_size = 1u + (((uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16) & 0x1FFFFu);
    p.size = (uint32_t)(size - 3);
    p.file_offset = 0;
    uint8_t *flash = th_flash_ptr(staging->address);
    memcpy(flash, data + 3, size - 3);
    (void)pt_payload_install(staging, 0, &p, NULL, NULL);
    memset(flash, 0xFF, size - 3);
    return 0;
}
