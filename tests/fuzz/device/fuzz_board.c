/* The board of the stateful device fuzz targets (fuzz_board.h). */
#include "fuzz_board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "piton/protocol.h"
#include "session.h"
#include "test_hal.h"

static uint8_t *s_flash_snapshot;
static pt_board s_board_snapshot;

bool fb_ready(void) { return s_flash_snapshot != NULL; }

void fb_snapshot(void)
{
    if (!s_flash_snapshot)
        s_flash_snapshot = malloc(th_flash_bytes());
    if (!s_flash_snapshot)
        abort();
    th_flash_save(s_flash_snapshot);
    s_board_snapshot = *th_board();
    th_erase_count = th_program_count = 0;
}

void fb_restore(void)
{
    th_flash_load_changed(s_flash_snapshot); /* the 4 KB pages a request erased or programmed */
    static int check = -1;
    if (check < 0)
        check = getenv("PITON_FUZZ_CHECK_RESTORE") != NULL;
    if (check) { /* every byte back as in the snapshot (a check of the page tracking, slow) */
        static uint8_t *now;
        if (!now && !(now = malloc(th_flash_bytes())))
            abort();
        th_flash_save(now);
        if (memcmp(now, s_flash_snapshot, th_flash_bytes()) != 0)
            abort();
    }
    *th_board() = s_board_snapshot;
    th_power_cycle();
    pt_session_reset();
    (void)th_boot();
    memset(&th_link.auth, 0, sizeof th_link.auth);
    memset(&th_link2.auth, 0, sizeof th_link2.auth);
    th_link.hello_started = th_link2.hello_started = 0;
    th_erase_count = th_program_count = 0;
}

uint32_t fb_max_request(const pt_link *link)
{
    const uint32_t room = link->buf_size > PT_FRAME_OVERHEAD ? link->buf_size - PT_FRAME_OVERHEAD : 0;
    return link->peer_max_payload < room ? link->peer_max_payload : room;
}

const pt_frame *fb_response(uint8_t command)
{
    static pt_frame f;
    static int trace = -1;
    if (trace < 0)
        trace = getenv("PITON_FUZZ_TRACE") != NULL;
    size_t sent_len, used;
    const uint8_t *sent = th_sent(&sent_len);
    if (trace) { /* every frame the device sent for this request */
        fprintf(stderr, "request 0x%02x:", command);
        pt_frame t;
        size_t at = 0;
        while (at < sent_len && pt_frame_scan(sent + at, sent_len - at, PT_ABSOLUTE_MAX_PAYLOAD, &t, &used) == PT_SCAN_FRAME) {
            fprintf(stderr, " [response 0x%02x seq %u status %u, %lu bytes: %.*s]", t.command, t.seq, t.status,
                    (unsigned long)t.length, t.status ? (int)(t.length < 80 ? t.length : 80) : 0, (const char *)t.payload);
            at += used;
        }
        fprintf(stderr, "%s\n", sent_len == 0 ? " no response" : "");
    }
    if (sent_len == 0)
        return NULL;
    if (pt_frame_scan(sent, sent_len, PT_ABSOLUTE_MAX_PAYLOAD, &f, &used) != PT_SCAN_FRAME ||
        !(f.flags & PT_FRAME_FLAG_RESPONSE) || f.command != command)
        abort();
    return &f;
}
