/* piton-vboard: flash timing and the injectable clock. See vb_timing.h. */
#include "vb_timing.h"

#include <errno.h>
#include <time.h>

static uint64_t real_now_us(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void real_sleep_until_us(uint64_t t, void *ctx)
{
    (void)ctx;
    struct timespec ts = {.tv_sec = (time_t)(t / 1000000u), .tv_nsec = (long)(t % 1000000u) * 1000};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
        /* a signal (reset, stats): go on waiting */
    }
}

static vb_clock g_clock = {real_now_us, real_sleep_until_us, NULL};
static const vb_profile *g_profile;
static bool g_on;
static vb_timing_busy_fn g_busy;
static vb_timing_stats g_stats;

void vb_clock_set(const vb_clock *c)
{
    if (c) g_clock = *c;
    else g_clock = (vb_clock){real_now_us, real_sleep_until_us, NULL};
}

uint64_t vb_clock_now_us(void) { return g_clock.now_us(g_clock.ctx); }

void vb_clock_sleep_until_us(uint64_t t_us)
{
    if (t_us > vb_clock_now_us()) g_clock.sleep_until_us(t_us, g_clock.ctx);
}

void vb_timing_enable(const vb_profile *p, bool on)
{
    g_profile = p;
    g_on = on && p != NULL;
}

bool vb_timing_on(void) { return g_on; }

void vb_timing_set_busy(vb_timing_busy_fn fn) { g_busy = fn; }

vb_timing_stats *vb_timing_stats_get(void) { return &g_stats; }

uint64_t vb_timing_erase_us(const vb_flash_device *d, uint32_t sector_size)
{
    const vb_flash_timing *t = &d->timing;
    if (!t->present || t->erase_count == 0) return 0;
    unsigned best = 0;
    uint64_t best_gap = UINT64_MAX;
    for (unsigned i = 0; i < t->erase_count; ++i) {
        uint64_t gap = t->erase[i].size > sector_size ? t->erase[i].size - sector_size : sector_size - t->erase[i].size;
        if (gap < best_gap) {
            best_gap = gap;
            best = i;
        }
    }
    /* An exact entry, else the nearest size scaled linearly (erase time grows with the sector). */
    return (uint64_t)t->erase[best].ms * 1000u * sector_size / t->erase[best].size;
}

uint64_t vb_timing_program_us(const vb_flash_device *d, uint32_t address, uint32_t len)
{
    const vb_flash_timing *t = &d->timing;
    if (!t->present || len == 0 || t->program_unit == 0) return 0;
    uint64_t first = (address - d->address) / t->program_unit;
    uint64_t last = ((uint64_t)address - d->address + len - 1) / t->program_unit;
    return (last - first + 1) * t->program_us;
}

void vb_timing_flash_done(bool erase, uint32_t address, uint32_t len)
{
    if (!g_on) return;
    const vb_flash_device *d = vb_profile_device_of(g_profile, address, len);
    if (!d || !d->timing.present) return;
    uint64_t us = erase ? vb_timing_erase_us(d, len) : vb_timing_program_us(d, address, len);
    if (us == 0) return;
    const bool stalled = erase && d->timing.stalls_cpu;
    if (erase) g_stats.erase_us += us;
    else g_stats.program_us += us;
    if (stalled) g_stats.stall_us += us;
    if (g_busy) g_busy(us, stalled);
    else vb_clock_sleep_until_us(vb_clock_now_us() + us);
}

void vb_timing_print_stats(FILE *out)
{
    fprintf(out,
            "piton-vboard: time: erasing %llu ms (CPU stalled %llu ms), programming %llu ms, sending %llu ms, "
            "waiting for the link %llu ms; received bytes dropped (receive buffer full) %llu\n",
            (unsigned long long)(g_stats.erase_us / 1000u), (unsigned long long)(g_stats.stall_us / 1000u),
            (unsigned long long)(g_stats.program_us / 1000u), (unsigned long long)(g_stats.send_us / 1000u),
            (unsigned long long)(g_stats.idle_us / 1000u), (unsigned long long)g_stats.dropped);
    fflush(out);
}
