/* Frame scanner with resynchronisation and encoder (docs/protocol.md §2). */
#include "frame.h"

#include <string.h>

#include "crc32.h"
#include "piton/protocol.h"
#include "pt_bytes.h"

pt_scan_result pt_frame_scan(const uint8_t *buf, size_t len, uint32_t max_payload, pt_frame *out,
                             size_t *consumed)
{
    /* Skip to the first possible magic. */
    size_t i = 0;
    while (i < len && buf[i] != PT_FRAME_MAGIC0)
        i++;
    if (i > 0) {
        *consumed = i;
        return PT_SCAN_DISCARD;
    }
    if (len < 2)
        return PT_SCAN_NEED_MORE;
    if (buf[1] != PT_FRAME_MAGIC1) {
        *consumed = 1;
        return PT_SCAN_DISCARD;
    }
    /* Reject as early as the header bytes allow, so garbage never waits for a long "payload". */
    if (len >= 3 && buf[2] != PT_PROTOCOL_VERSION) {
        *consumed = 1;
        return PT_SCAN_DISCARD;
    }
    if (len >= 7 && (buf[6] & (uint8_t)~(PT_FRAME_FLAG_RESPONSE | PT_FRAME_FLAG_SEALED)) != 0) {
        *consumed = 1;
        return PT_SCAN_DISCARD;
    }
    if (len < PT_FRAME_HEADER_SIZE)
        return PT_SCAN_NEED_MORE;
    uint32_t n = pt_get32(buf + 8);
    if (n > max_payload || n > PT_ABSOLUTE_MAX_PAYLOAD) {
        *consumed = 1;
        return PT_SCAN_DISCARD;
    }
    size_t total = (size_t)n + PT_FRAME_OVERHEAD;
    if (len < total)
        return PT_SCAN_NEED_MORE;
    uint32_t crc = pt_crc32(buf, PT_FRAME_HEADER_SIZE + (size_t)n);
    if (crc != pt_get32(buf + PT_FRAME_HEADER_SIZE + n)) {
        *consumed = 1;
        return PT_SCAN_DISCARD;
    }
    out->command = buf[3];
    out->seq = pt_get16(buf + 4);
    out->flags = buf[6];
    out->status = buf[7];
    out->length = n;
    out->payload = buf + PT_FRAME_HEADER_SIZE;
    *consumed = total;
    return PT_SCAN_FRAME;
}

#ifndef PT_SERVICES_CLIENT /* the Cortex-M4 agent: the bootloader's (common/services.h, ABI 3.2) */
size_t pt_frame_encode(uint8_t *out, uint8_t command, uint16_t seq, uint8_t flags, uint8_t status,
                       const uint8_t *payload, uint32_t len)
{
    out[0] = PT_FRAME_MAGIC0;
    out[1] = PT_FRAME_MAGIC1;
    out[2] = PT_PROTOCOL_VERSION;
    out[3] = command;
    pt_put16(out + 4, seq);
    out[6] = flags;
    out[7] = status;
    pt_put32(out + 8, len);
    if (len > 0 && payload != out + PT_FRAME_HEADER_SIZE)
        memmove(out + PT_FRAME_HEADER_SIZE, payload, len);
    pt_put32(out + PT_FRAME_HEADER_SIZE + len, pt_crc32(out, PT_FRAME_HEADER_SIZE + (size_t)len));
    return (size_t)len + PT_FRAME_OVERHEAD;
}
#endif
