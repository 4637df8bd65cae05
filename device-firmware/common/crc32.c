/* IEEE CRC-32 (reflected 0xEDB88320), four bits at a time from a constant 64-byte table: no RAM,
 * little flash. */
#include "crc32.h"

static const uint32_t k_nibble[16] = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u, 0x4DB26158u, 0x5005713Cu,
    0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu, 0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu,
};

uint32_t pt_crc32_update(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;
    uint32_t c = crc ^ 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) {
        c ^= p[i];
        c = k_nibble[c & 0xFu] ^ (c >> 4);
        c = k_nibble[c & 0xFu] ^ (c >> 4);
    }
    return c ^ 0xFFFFFFFFu;
}

#ifndef PT_SERVICES_CLIENT /* the Cortex-M4 agent: the bootloader's (common/services.h, ABI 3.2) */
uint32_t pt_crc32(const void *data, size_t len) { return pt_crc32_update(0, data, len); }
#endif
