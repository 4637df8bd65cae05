/*
 * Device frame decoder (device-firmware/common/frame.c, pt_frame_scan) as the link layer drives
 * it: scan, consume, repeat. Byte 0 picks the maximum payload. Every frame found must lie inside
 * the buffer and re-encode to the bytes it was decoded from.
 */
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "piton/protocol.h"

static uint8_t s_encoded[PT_ABSOLUTE_MAX_PAYLOAD + PT_FRAME_OVERHEAD];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const uint32_t max_payloads[] = {0, 16, 1024, 4096, 16384, PT_ABSOLUTE_MAX_PAYLOAD};
    const uint32_t max_payload = max_payloads[data[0] % 6];
    const uint8_t *buf = data + 1;
    size_t len = size - 1;
    while (len > 0) {
        pt_frame f;
        size_t used = 0;
        pt_scan_result r = pt_frame_scan(buf, len, max_payload, &f, &used);
        if (r == PT_SCAN_NEED_MORE)
            break;
        if (used == 0 || used > len)
            abort(); /* no progress or past the end: the link would spin or overread */
        if (r == PT_SCAN_FRAME) {
            if (f.length > max_payload || f.payload < buf || f.payload + f.length > buf + used)
                abort();
            size_t n = pt_frame_encode(s_encoded, f.command, f.seq, f.flags, f.status, f.payload, f.length);
            if (n != used || memcmp(s_encoded, buf, n) != 0)
                abort();
        }
        buf += used;
        len -= used;
    }
    return 0;
}
