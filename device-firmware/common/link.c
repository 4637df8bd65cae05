/* Link receive path: buffering, partial-frame timeout from the frame's first byte, decoding,
 * dispatch (device.h). */
#include <stdbool.h>
#include <string.h>

#include "frame.h"
#include "piton/device.h"
#include "server.h"

#include "pt_bytes.h"

void pt_link_init(pt_link *link)
{
    link->rx_len = 0;
    link->rx_first_ms = pt_hal_millis();
    link->peer_max_payload = PT_MIN_MAX_PAYLOAD;
    link->discarded = 0;
    memset(link->recent, 0, sizeof link->recent);
    link->repeats = 0;
    link->recent_next = 0;
    link->generation++; /* a new peer: the previous one's session ends (session.h) */
    memset(&link->auth, 0, sizeof link->auth); /* and so does its authenticated session */
}

enum { RECENT_EMPTY = 0, RECENT_KEPT = 1, RECENT_AGAIN = 2 };

/* A repeat of a request whose response is kept: sends that response again and returns true.
 * Otherwise (a new request, or a repeat of a long reading response) returns false after evicting
 * the responses of the same and later sequence numbers: those were answered out of order, behind
 * a request that was lost, and their repeats must be served afresh. */
static bool replay(pt_link *link, const pt_frame *f, uint32_t crc)
{
    pt_recent_response *e = link->recent;
    for (unsigned i = 0; i < PT_RECENT_RESPONSES; i++, e++)
        if (e->state == RECENT_KEPT && e->seq == f->seq && e->command == f->command && e->request_crc == crc) {
            link->repeats++;
            link->send(link, link->tx_buf,
                       pt_frame_encode(link->tx_buf, e->command, e->seq, e->flags, e->status, e->payload, e->len));
            return true;
        }
    for (e = link->recent; e < link->recent + PT_RECENT_RESPONSES; e++)
        if ((int16_t)(uint16_t)(e->seq - f->seq) >= 0)
            e->state = RECENT_EMPTY;
    return false;
}

/* Keeps the response pt_server_handle() just encoded in tx_buf for a repeat of request `f`, in
 * place of the oldest: the last PT_RECENT_RESPONSES executed requests cover every request a host
 * may have in flight. */
static void keep(pt_link *link, const pt_frame *f, uint32_t crc)
{
    pt_recent_response *e = &link->recent[link->recent_next++ % PT_RECENT_RESPONSES];
    uint32_t len = pt_get32(link->tx_buf + 8);
    e->request_crc = crc;
    e->seq = f->seq;
    e->command = f->command;
    e->status = link->tx_buf[7];
    e->flags = link->tx_buf[6];
    e->state = RECENT_KEPT;
    if (len > PT_RECENT_PAYLOAD) {
        len = PT_RECENT_PAYLOAD; /* an error message: the repeat carries its start */
        if (e->status == PT_OK || (e->flags & PT_FRAME_FLAG_SEALED))
            e->state = RECENT_AGAIN; /* READ, HASH, INFO...: reading commands, served again; a
                                      * sealed response cannot be cut (its tag): a repeat of it
                                      * meets the counter check (docs/protocol.md §6.4) */
    }
    memcpy(e->payload, link->tx_buf + PT_FRAME_HEADER_SIZE, len);
#ifndef PT_TERSE_MESSAGES /* terse messages are short enough to be kept whole */
    if (e->status == PT_E_RATE_LIMITED && e->state == RECENT_KEPT && len < pt_get32(link->tx_buf + 8))
        memcpy(e->payload + len - PT_RETRY_AFTER_SIZE, /* the cut keeps the retry-after field */
               link->tx_buf + PT_FRAME_HEADER_SIZE + pt_get32(link->tx_buf + 8) - PT_RETRY_AFTER_SIZE,
               PT_RETRY_AFTER_SIZE);
#endif
    e->len = (uint8_t)len;
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
            const uint32_t crc = pt_get32(f.payload + f.length);
            if (!replay(link, &f, crc)) {
                pt_server_handle(link, &f);
                keep(link, &f, crc);
            }
        } else {
            link->discarded += used; /* a response frame: the device ignores it */
        }
        memmove(link->rx_buf, link->rx_buf + used, link->rx_len - used);
        link->rx_len -= (uint32_t)used;
        /* What is left starts a new frame; its bytes arrived by now at the latest. */
        link->rx_first_ms = pt_hal_millis();
    }
}

/* The time the partial frame at the start of rx_buf may take: PT_RX_TIMEOUT_MS plus the time
 * its announced length needs on the medium. */
static uint32_t frame_deadline_ms(const pt_link *link)
{
    uint32_t t = PT_RX_TIMEOUT_MS;
    uint32_t us = link->byte_time_us;
    if (us && link->rx_len >= PT_FRAME_HEADER_SIZE) {
        /* bytes * us / 1000 in 32 bits (no 64-bit division: libgcc's costs a small target
         * 700 bytes), saturating for an absurd announced length. */
        uint32_t len = pt_get32(link->rx_buf + 8);
        uint32_t bytes = len > UINT32_MAX - PT_FRAME_OVERHEAD ? UINT32_MAX : len + PT_FRAME_OVERHEAD;
        uint32_t q = bytes / 1000u, r = bytes % 1000u;
        const uint32_t room = UINT32_MAX - PT_RX_TIMEOUT_MS;
        if (us > room / 1000u || q > room / us || q * us > room - r * us / 1000u)
            return UINT32_MAX;
        t += q * us + r * us / 1000u;
    }
    return t;
}

/* Drops the first byte of a partial frame that outlived its time and rescans the rest, so a
 * complete request that arrived behind a stale header is still served; what is left then
 * starts a frame of its own with a clock of its own. */
static void expire(pt_link *link, uint32_t now)
{
    if (link->rx_len == 0 || (uint32_t)(now - link->rx_first_ms) < frame_deadline_ms(link))
        return;
    memmove(link->rx_buf, link->rx_buf + 1, link->rx_len - 1);
    link->rx_len--;
    link->discarded++;
    link->rx_first_ms = now;
    drain(link);
}

void pt_link_poll(pt_link *link)
{
    pt_link_receive(link, NULL, 0);
}

void pt_link_receive(pt_link *link, const uint8_t *data, size_t len)
{
    uint32_t now = pt_hal_millis();
    expire(link, now);
    if (link->rx_len == 0)
        link->rx_first_ms = now;
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
