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
 * increasing sequence numbers. At most 16 requests per input.
 *
 * Every input starts from the same state: a factory-fresh board booted once (recovery mode);
 * flash that a request erased or programmed is restored from a snapshot.
 */
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "piton/protocol.h"
#include "session.h"
#include "test_hal.h"

#define INT_BASE 0x08000000u
#define INT_SIZE (1024u * 1024u)
#define EXT_BASE 0x90000000u
#define EXT_SIZE (8u * 1024u * 1024u)

static uint8_t s_int_snapshot[INT_SIZE];
static uint8_t *s_ext_snapshot;
static pt_board s_board_snapshot;
static uint8_t s_frame[65536 + PT_FRAME_OVERHEAD];

static void restore(void)
{
    if (th_erase_count != 0 || th_program_count != 0) {
        memcpy(th_flash_ptr(INT_BASE), s_int_snapshot, INT_SIZE);
        memcpy(th_flash_ptr(EXT_BASE), s_ext_snapshot, EXT_SIZE);
        th_erase_count = th_program_count = 0;
    }
    *th_board() = s_board_snapshot;
    th_power_cycle();
    pt_session_reset();
    (void)th_boot();
    th_erase_count = th_program_count = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!s_ext_snapshot) {
        th_factory();
        (void)th_boot();
        memcpy(s_int_snapshot, th_flash_ptr(INT_BASE), INT_SIZE);
        s_ext_snapshot = malloc(EXT_SIZE);
        if (!s_ext_snapshot)
            abort();
        memcpy(s_ext_snapshot, th_flash_ptr(EXT_BASE), EXT_SIZE);
        s_board_snapshot = *th_board();
        th_erase_count = th_program_count = 0;
    }
    if (size == 0)
        return 0;
    restore();
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
        size_t frame_len = pt_frame_encode(s_frame, command, seq++, 0, 0, data + at, len);
        at += len;
        th_clear_sent();
        (void)th_feed_on(options & 1 ? &th_link2 : &th_link, s_frame, frame_len);
        /* The device answers every request with exactly one well-formed response (or resets). */
        size_t sent_len;
        const uint8_t *sent = th_sent(&sent_len);
        if (sent_len > 0) {
            pt_frame f;
            size_t used;
            if (pt_frame_scan(sent, sent_len, PT_ABSOLUTE_MAX_PAYLOAD, &f, &used) != PT_SCAN_FRAME ||
                !(f.flags & PT_FRAME_FLAG_RESPONSE) || f.command != command)
                abort();
        }
    }
    return 0;
}
