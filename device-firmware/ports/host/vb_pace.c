/* piton-vboard: the paced serial line and the receive buffer. See vb_pace.h. */
#include "vb_pace.h"

#include <string.h>

#include "vb_timing.h"

#define LINE_CAP (256u * 1024u) /* bytes the workstation may have on the line (its OS buffers) */
#define RING_MAX (256u * 1024u) /* storage of the receive buffer (its capacity is g_rx_cap) */
#define SEGMENTS 1024u

static uint32_t g_baud;
static uint32_t g_latency_ms;
static unsigned g_frame_bits = 10;
static uint32_t g_rx_cap;     /* 0 = unbounded */
static bool g_dma;
static vb_pace_source_fn g_source;
static void *g_source_ctx;

/* The line: bytes the workstation wrote, in order, in segments with their start time. */
static uint8_t g_line[LINE_CAP];
static size_t g_line_head, g_line_len;
typedef struct {
    uint64_t start_ns;  /* when the segment's first byte starts on the line */
    uint64_t byte_ns;   /* one byte's time on the line */
    size_t count;       /* bytes still on the line */
    size_t done;        /* bytes already arrived */
} segment;
static segment g_seg[SEGMENTS];
static size_t g_seg_head, g_seg_len;
static uint64_t g_line_free_ns; /* when the line towards the board is free */

/* The receive buffer. */
static uint8_t g_ring[RING_MAX];
static size_t g_ring_head, g_ring_len;
static size_t g_ring_base; /* bytes in the ring when the board last took from it */
static bool g_hold_full; /* the UART data register holds a byte the CPU (stalled) has not moved */
static uint8_t g_hold;

void vb_pace_configure(uint32_t baud, uint32_t latency_ms)
{
    g_baud = baud;
    g_latency_ms = latency_ms;
    vb_pace_flush();
}

void vb_pace_set_rx_buffer(uint32_t bytes, bool dma)
{
    g_rx_cap = bytes > RING_MAX ? RING_MAX : bytes;
    g_dma = dma;
}

void vb_pace_set_frame_bits(unsigned bits) { g_frame_bits = bits; }

bool vb_pace_on(void) { return g_baud != 0 || g_latency_ms != 0; }

void vb_pace_set_source(vb_pace_source_fn fn, void *ctx)
{
    g_source = fn;
    g_source_ctx = ctx;
}

void vb_pace_flush(void)
{
    g_line_head = g_line_len = 0;
    g_seg_head = g_seg_len = 0;
    g_line_free_ns = 0;
    g_ring_head = g_ring_len = g_ring_base = 0;
    g_hold_full = false;
}

static uint64_t byte_ns(void) { return g_baud ? (uint64_t)g_frame_bits * 1000000000u / g_baud : 0; }

/* Puts `n` bytes the workstation wrote (seen now) on the line. */
static void accept(const uint8_t *data, size_t n)
{
    const uint64_t now_ns = vb_clock_now_us() * 1000u;
    uint64_t start = now_ns + 2u * (uint64_t)g_latency_ms * 1000000u;
    if (g_line_free_ns > start) start = g_line_free_ns;
    const uint64_t bt = byte_ns();
    g_line_free_ns = start + n * bt;
    for (size_t i = 0; i < n; ++i) g_line[(g_line_head + g_line_len + i) % LINE_CAP] = data[i];
    g_line_len += n;
    /* Joins the previous segment when it continues it without a gap. */
    if (g_seg_len > 0) {
        size_t last = (g_seg_head + g_seg_len - 1) % SEGMENTS;
        if (g_seg[last].byte_ns == bt && g_seg[last].start_ns + (g_seg[last].done + g_seg[last].count) * bt == start) {
            g_seg[last].count += n;
            return;
        }
    }
    size_t idx = (g_seg_head + g_seg_len) % SEGMENTS;
    g_seg[idx].start_ns = start;
    g_seg[idx].byte_ns = bt;
    g_seg[idx].count = n;
    g_seg[idx].done = 0;
    g_seg_len++;
}

static void pull(void)
{
    if (!g_source) return;
    uint8_t buf[4096];
    while (g_line_len < LINE_CAP && g_seg_len < SEGMENTS) {
        size_t room = LINE_CAP - g_line_len;
        size_t n = g_source(buf, room < sizeof buf ? room : sizeof buf, g_source_ctx);
        if (n == 0) break;
        accept(buf, n);
    }
}

static void ring_put(uint8_t b)
{
    g_ring[(g_ring_head + g_ring_len) % RING_MAX] = b;
    g_ring_len++;
}

/* Moves what has arrived by now from the line into the receive buffer. `busy`: the board has
 * not taken bytes since they started to arrive (serving a request): what arrived since its last
 * take must fit the buffer. An idle board keeps up with the line (it takes each byte as it
 * arrives), so bytes that arrived while it idled never overrun it, even when this process was
 * scheduled late and takes them in one batch. */
static void advance(bool stalled, bool busy)
{
    const uint64_t now_ns = vb_clock_now_us() * 1000u;
    /* Without a baud rate bytes arrive all at once: a fixed buffer would only model nonsense. */
    const uint32_t bounded = g_baud && busy ? g_rx_cap : 0;
    const bool cpu_receives = !stalled || g_dma || !bounded; /* unbounded: nothing is lost */
    if (cpu_receives && g_hold_full && g_ring_len < RING_MAX && (!bounded || g_ring_len - g_ring_base < bounded)) {
        /* the interrupt runs again */
        ring_put(g_hold);
        g_hold_full = false;
    }
    vb_timing_stats *st = vb_timing_stats_get();
    while (g_seg_len > 0) {
        segment *s = &g_seg[g_seg_head];
        uint64_t arrived = now_ns < s->start_ns ? 0 /* bytes fully arrived */
                           : s->byte_ns ? (now_ns - s->start_ns) / s->byte_ns
                                        : (uint64_t)(s->done + s->count);
        if (arrived <= s->done) break;
        size_t n = (size_t)(arrived - s->done);
        if (n > s->count) n = s->count;
        for (size_t i = 0; i < n; ++i) {
            const uint8_t b = g_line[g_line_head];
            const bool room = g_ring_len < RING_MAX && (!bounded || g_ring_len - g_ring_base < bounded);
            if (cpu_receives && room) {
                ring_put(b);
            } else if (!bounded && cpu_receives) {
                n = i; /* unbounded buffer out of storage: the line waits (flow control) */
                break;
            } else if (!cpu_receives && !g_hold_full) {
                g_hold = b;
                g_hold_full = true;
            } else {
                st->dropped++; /* overrun */
            }
            g_line_head = (g_line_head + 1) % LINE_CAP;
            g_line_len--;
        }
        s->done += n;
        s->count -= n;
        if (s->count > 0) break;
        g_seg_head = (g_seg_head + 1) % SEGMENTS;
        g_seg_len--;
    }
}

void vb_pace_service(void)
{
    if (!vb_pace_on()) return;
    pull();
    advance(false, false);
}

size_t vb_pace_take(uint8_t *buf, size_t max)
{
    vb_pace_service();
    size_t n = 0;
    while (n < max && g_ring_len > 0) {
        buf[n++] = g_ring[g_ring_head];
        g_ring_head = (g_ring_head + 1) % RING_MAX;
        g_ring_len--;
    }
    g_ring_base = g_ring_len;
    return n;
}

uint64_t vb_pace_next_arrival_us(void)
{
    if (!vb_pace_on() || g_seg_len == 0) return UINT64_MAX;
    const segment *s = &g_seg[g_seg_head];
    return (s->start_ns + (s->done + 1) * s->byte_ns + 999u) / 1000u;
}

size_t vb_pace_pending(void) { return g_line_len + g_ring_len + (g_hold_full ? 1u : 0u); }

void vb_pace_busy(uint64_t us, bool cpu_stalled)
{
    const uint64_t end = vb_clock_now_us() + us;
    if (!vb_pace_on()) {
        vb_clock_sleep_until_us(end);
        return;
    }
    for (;;) {
        pull();
        advance(cpu_stalled, true);
        const uint64_t now = vb_clock_now_us();
        if (now >= end) break;
        /* Wake for the next arrival (the buffer fills byte by byte) or at least every ms to see
         * what the workstation wrote meanwhile. */
        uint64_t t = now + 1000u;
        if (t > end) t = end;
        vb_clock_sleep_until_us(t);
    }
}

void vb_pace_send(size_t n)
{
    if (!vb_pace_on() || n == 0) return;
    const uint64_t us = n * byte_ns() / 1000u;
    vb_timing_stats_get()->send_us += us;
    vb_pace_busy(us, false);
}
