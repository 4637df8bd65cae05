/* piton-vboard: serial pacing. See vb_pace.h. */
#include "vb_pace.h"

#include <errno.h>
#include <time.h>

static uint32_t g_baud;
static uint32_t g_latency_ms;
static unsigned g_frame_bits = 10;
static uint64_t g_rx_free_us; /* when the line towards the board is free again */
static uint64_t g_tx_free_us; /* when the line towards the workstation is free again */

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void sleep_until_us(uint64_t t)
{
    struct timespec ts = {.tv_sec = (time_t)(t / 1000000u), .tv_nsec = (long)(t % 1000000u) * 1000};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
        /* a signal (reset, stats): go on waiting */
    }
}

static uint64_t line_us(size_t n)
{
    return g_baud ? (uint64_t)n * g_frame_bits * 1000000u / g_baud : 0;
}

void vb_pace_configure(uint32_t baud, uint32_t latency_ms)
{
    g_baud = baud;
    g_latency_ms = latency_ms;
    g_rx_free_us = g_tx_free_us = 0;
}

void vb_pace_set_frame_bits(unsigned bits) { g_frame_bits = bits; }

int vb_pace_on(void) { return g_baud != 0 || g_latency_ms != 0; }

void vb_pace_rx(size_t n)
{
    if (!vb_pace_on() || n == 0) return;
    uint64_t start = now_us() + (uint64_t)g_latency_ms * 1000u;
    if (g_rx_free_us > start) start = g_rx_free_us;
    g_rx_free_us = start + line_us(n);
    sleep_until_us(g_rx_free_us);
}

void vb_pace_tx(size_t n)
{
    if (!vb_pace_on() || n == 0) return;
    uint64_t start = now_us();
    if (g_tx_free_us > start) start = g_tx_free_us;
    g_tx_free_us = start + line_us(n);
    sleep_until_us(g_tx_free_us + (uint64_t)g_latency_ms * 1000u);
}
