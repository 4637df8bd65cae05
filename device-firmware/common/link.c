/* Link receive path: buffering, 1000 ms mid-frame timeout, decoding, dispatch (device.h). */
#include <string.h>

#include "frame.h"
#include "piton/device.h"
#include "server.h"

#define PT_RX_TIMEOUT_MS 1000u

void pt_link_init(pt_link *link)
{
    link->rx_len = 0;
    link->rx_last_ms = pt_hal_millis();
    link->peer_max_payload = PT_MIN_MAX_PAYLOAD;
    link->discarded = 0;
}

static uint32_t rx_limit(const pt_link *link)
{
    uint32_t lim = link->peer_max_payload;
    if (link->buf_size < PT_FRAME_OVERHEAD)
        return 0;
    if (lim > link->buf_size - PT_FRAME_OVERHEAD)
        lim = link->buf_size - PT_FRAME_OVERHEAD;
    return lim;
}

/* Serves every complete frame at the start of rx_buf and drops what was used or rejected. */
static void drain(pt_link *link)
{
    for (;;) {
        pt_frame f;
        size_t used = 0;
        pt_scan_result r = pt_frame_scan(link->rx_buf, link->rx_len, rx_limit(link), &f, &used);
        if (r == PT_SCAN_NEED_MORE)
            return;
        if (r == PT_SCAN_DISCARD) {
            link->discarded += used;
        } else if ((f.flags & PT_FRAME_FLAG_RESPONSE) == 0) {
            /* Served in place; a handler that resets empties rx_buf itself before the reset. */
            pt_server_handle(link, &f);
        } else {
            link->discarded += used; /* a response frame: the device ignores it */
        }
        memmove(link->rx_buf, link->rx_buf + used, link->rx_len - used);
        link->rx_len -= (uint32_t)used;
    }
}

void pt_link_receive(pt_link *link, const uint8_t *data, size_t len)
{
    uint32_t now = pt_hal_millis();
    if (link->rx_len > 0 && (uint32_t)(now - link->rx_last_ms) >= PT_RX_TIMEOUT_MS) {
        link->discarded += link->rx_len;
        link->rx_len = 0;
    }
    if (len > 0)
        link->rx_last_ms = now;
    while (len > 0) {
        uint32_t room = link->buf_size - link->rx_len;
        if (room == 0) {
            /* Cannot happen with a frame limit below buf_size; drop one byte to make progress. */
            memmove(link->rx_buf, link->rx_buf + 1, link->rx_len - 1);
            link->rx_len--;
            link->discarded++;
            continue;
        }
        size_t n = len < room ? len : room;
        memcpy(link->rx_buf + link->rx_len, data, n);
        link->rx_len += (uint32_t)n;
        data += n;
        len -= n;
        drain(link);
    }
}
