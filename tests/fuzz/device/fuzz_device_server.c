/*
 * The protocol server's request handlers (device-firmware/common/server.c, session.c,
 * link.c), stateful, on the RAM flash model of tests/device/test_hal.c (the stm32f4-ref board:
 * internal flash with mixed sectors, 8 MB external flash, NOR rule enforced).
 *
 * Input: byte 0 sets the board (bit 0 locked, bit 1 a trusted key present: no, reserved), then
 * a sequence of requests, each
 *   u8 command, u8 options (bit 0: on the second link; bits 1-3: advance the clock by
 *   (bits) x 10 s before it), u16 payload length (little-endian), payload
 * sent as complete frames with a valid CRC (the frame decoder has its own target), with
 * increasing sequence numbers, the payload cut to the maximum the link takes (PING may lower it:
 * fb_max_request()). At most 16 requests per input.
 *
 * Every input starts from the same state: a factory-fresh board booted once (recovery mode);
 * flash that a request erased or programmed is restored from a snapshot.
 */
#include "frame.h"
#include "fuzz_board.h"
#include "test_hal.h"

static uint8_t s_frame[65536 + PT_FRAME_OVERHEAD];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fb_ready()) {
        th_factory();
        (void)th_boot();
        fb_snapshot();
    }
    if (size == 0)
        return 0;
    fb_restore();
    th_board()->locked = data[0] & 1;
    size_t at = 1;
    uint16_t seq = 1;
    for (int n = 0; n < 16 && size - at >= 4; n++) {
        uint8_t command = data[at], options = data[at + 1];
        uint32_t len = (uint32_t)data[at + 2] | (uint32_t)data[at + 3] << 8;
        at += 4;
        if (len > size - at)
            len = (uint32_t)(size - at);
        th_advance_ms(10000u * ((options >> 1) & 7));
        pt_link *l = options & 1 ? &th_link2 : &th_link;
        const uint8_t *payload = data + at;
        at += len;
        if (len > fb_max_request(l)) /* what the link takes as a frame (fuzz_board.h) */
            len = fb_max_request(l);
        size_t frame_len = pt_frame_encode(s_frame, command, seq++, 0, 0, payload, len);
        th_clear_sent();
        (void)th_feed_on(l, s_frame, frame_len);
        /* The device answers every request with exactly one well-formed response (or resets). */
        (void)fb_response(command);
    }
    return 0;
}
