/*
 * Unit tests of piton-vboard's realistic timing (vb_timing.h) and the paced serial line with its
 * fixed receive buffer (vb_pace.h), on a fake clock: nothing here waits on a real timer.
 * Expected figures are computed from the board profile's own numbers and the line's baud rate.
 * Usage: test_timing BOARDS_DIR WORK_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vb_flash.h"
#include "vb_pace.h"
#include "vb_profile.h"
#include "vb_timing.h"
#include "vb_check.h"


/* ---- the fake clock ---------------------------------------------------------------------- */

static uint64_t g_now_us;
static unsigned g_sleeps;
static uint64_t fake_now(void *ctx) { (void)ctx; return g_now_us; }
static void fake_sleep(uint64_t t, void *ctx)
{
    (void)ctx;
    g_sleeps++;
    if (t > g_now_us) g_now_us = t;
}

/* ---- a scripted workstation: bytes it "writes" at given times ---------------------------- */

static uint8_t g_host[8192];
static size_t g_host_len, g_host_pos;
static uint64_t g_host_at_us; /* the bytes become readable at this time */

static size_t host_source(uint8_t *buf, size_t max, void *ctx)
{
    (void)ctx;
    if (g_now_us < g_host_at_us || g_host_pos >= g_host_len) return 0;
    size_t n = g_host_len - g_host_pos;
    if (n > max) n = max;
    memcpy(buf, g_host + g_host_pos, n);
    g_host_pos += n;
    return n;
}

static void host_writes(size_t n, uint64_t at_us)
{
    for (size_t i = 0; i < n; ++i) g_host[i] = (uint8_t)(i * 7u + 3u);
    g_host_len = n;
    g_host_pos = 0;
    g_host_at_us = at_us;
}

static void line_reset(uint32_t baud, uint32_t latency_ms, uint32_t rx, bool dma)
{
    g_now_us = 1000000u;
    vb_pace_configure(baud, latency_ms);
    vb_pace_set_rx_buffer(rx, dma);
    vb_pace_set_frame_bits(10);
    vb_pace_set_source(host_source, NULL);
    memset(vb_timing_stats_get(), 0, sizeof(vb_timing_stats));
}

/* One 10-bit byte's time on the line, ns. */
static uint64_t byte_ns(uint32_t baud) { return 10ull * 1000000000ull / baud; }

/* Bytes fully arrived by `t_us` when the first starts at `start_us` (10-bit frames). */
static uint64_t arrived_by(uint64_t t_us, uint64_t start_us, uint32_t baud)
{
    if (t_us < start_us) return 0;
    return (t_us - start_us) * 1000u / byte_ns(baud);
}

/* ---- tests ------------------------------------------------------------------------------- */

/* Start address of region `name` of the loaded profile: the geometry comes from the profile. */
static uint32_t region_address(const vb_profile *p, const char *name)
{
    for (uint8_t i = 0; i < p->region_count; i++)
        if (strcmp(p->regions[i].name, name) == 0) return p->regions[i].address;
    fprintf(stderr, "test_timing: profile %s has no region %s\n", p->id, name);
    exit(1);
}

static void test_profile_timing(const vb_profile *p)
{
    const vb_flash_device *in = vb_profile_device_of(p, 0x08000000u, 0);
    const vb_flash_device *ex = vb_profile_device_of(p, 0x90000000u, 0);
    CHECK(in && ex && in->timing.present && ex->timing.present);
    if (!in || !ex) return;
    CHECK(in->timing.stalls_cpu && !ex->timing.stalls_cpu); /* single-bank internal flash stalls */
    CHECK(p->rx_buffer > 0);
    /* every listed sector size costs exactly its figure */
    for (unsigned i = 0; i < in->timing.erase_count; ++i)
        CHECK(vb_timing_erase_us(in, in->timing.erase[i].size) == (uint64_t)in->timing.erase[i].ms * 1000u);
    /* a 128 KB sector erases slower than a 16 KB one (RM0090's sector sizes, datasheet times) */
    CHECK(vb_timing_erase_us(in, 131072) > vb_timing_erase_us(in, 16384));
    CHECK(vb_timing_erase_us(ex, 4096) == (uint64_t)ex->timing.erase[0].ms * 1000u);
    /* program: per unit touched */
    const uint32_t wu = in->timing.program_unit, pu = ex->timing.program_unit;
    const uint32_t dep = region_address(p, "deployment"), upd = region_address(p, "update");
    CHECK(vb_timing_program_us(in, dep, 256) == (256 / wu) * in->timing.program_us);
    CHECK(vb_timing_program_us(in, dep + 1, 4) == 2u * in->timing.program_us); /* straddles two words */
    CHECK(vb_timing_program_us(ex, upd, pu) == ex->timing.program_us);
    CHECK(vb_timing_program_us(ex, upd + pu / 2, pu) == 2u * ex->timing.program_us); /* two pages */
    CHECK(vb_timing_program_us(ex, upd, 0) == 0);

    /* profile errors name the problem */
    vb_profile q;
    char err[VB_ERROR_MAX];
    const char *no_source =
        "{\"id\":\"t\",\"uniqueIdLength\":4,\"flash\":[{\"name\":\"int\",\"address\":\"0x08000000\","
        "\"sectors\":[{\"count\":4,\"size\":4096}],\"timing\":{\"eraseMs\":[{\"size\":4096,\"ms\":20}],"
        "\"programUnit\":4,\"programUs\":10,\"stallsCpu\":true}}],"
        "\"regions\":[{\"name\":\"bootloader\",\"address\":\"0x08000000\",\"size\":4096,\"flags\":[\"protected\"]}]}";
    CHECK(!vb_profile_parse(no_source, NULL, &q, err) && strstr(err, "source"));
    const char *bad_buffer =
        "{\"id\":\"t\",\"uniqueIdLength\":4,\"receiveBuffer\":{\"bytes\":0,\"dma\":false,\"source\":\"x\"},"
        "\"flash\":[{\"name\":\"int\",\"address\":\"0x08000000\",\"sectors\":[{\"count\":4,\"size\":4096}]}],"
        "\"regions\":[{\"name\":\"bootloader\",\"address\":\"0x08000000\",\"size\":4096,\"flags\":[\"protected\"]}]}";
    CHECK(!vb_profile_parse(bad_buffer, NULL, &q, err) && strstr(err, "bytes"));
}

/* Erase and program through the flash layer cost the profile's time on the clock, only with
 * timing on; a stalling erase is counted as such. */
static void test_flash_costs(const vb_profile *p, const char *work)
{
    char path[512], err[VB_ERROR_MAX];
    snprintf(path, sizeof path, "%s/timing.bin", work);
    remove(path);
    bool created = false;
    CHECK(vb_flash_open(path, p, &created, err) && created);
    vb_timing_set_busy(NULL); /* plain clock sleep */
    vb_timing_stats *st = vb_timing_stats_get();
    memset(st, 0, sizeof *st);
    const uint32_t dep = region_address(p, "deployment"), upd = region_address(p, "update");
    const vb_flash_device *in = vb_profile_device_of(p, dep, 0);
    const vb_flash_device *ex = vb_profile_device_of(p, upd, 0);

    g_now_us = 5000000u;
    vb_timing_enable(p, false);
    CHECK(vb_flash_erase_sector(dep) == PT_HAL_OK);
    CHECK(g_now_us == 5000000u && st->erase_us == 0); /* off by default: instant */

    vb_timing_enable(p, true);
    uint64_t t0 = g_now_us;
    CHECK(vb_flash_erase_sector(dep) == PT_HAL_OK);
    CHECK(g_now_us - t0 == vb_timing_erase_us(in, 131072));
    CHECK(st->erase_us == g_now_us - t0 && st->stall_us == st->erase_us);

    uint8_t data[4096];
    memset(data, 0x5A, sizeof data);
    t0 = g_now_us;
    CHECK(vb_flash_erase_sector(upd) == PT_HAL_OK);
    CHECK(vb_flash_program(upd, data, sizeof data) == PT_HAL_OK);
    const uint64_t want = vb_timing_erase_us(ex, 4096) + (sizeof data / ex->timing.program_unit) * ex->timing.program_us;
    CHECK(g_now_us - t0 == want);
    CHECK(st->stall_us == vb_timing_erase_us(in, 131072)); /* the serial NOR does not stall the CPU */
    /* a refused program (NOR rule) costs nothing */
    t0 = g_now_us;
    uint8_t ones[4];
    memset(ones, 0xFF, sizeof ones);
    CHECK(vb_flash_program(upd, ones, sizeof ones) == PT_HAL_E_NOT_ERASED);
    CHECK(g_now_us == t0);
    vb_timing_enable(p, false);
    vb_flash_close();
    remove(path);
}

/* The line delivers at the baud rate after the latency; the board takes only what has arrived. */
static void test_line_rate(void)
{
    const uint32_t baud = 115200, lat = 16;
    line_reset(baud, lat, 0, false);
    host_writes(1000, g_now_us);
    const uint64_t t_write = g_now_us, start = t_write + 2u * lat * 1000u;
    uint8_t buf[2048];
    CHECK(vb_pace_take(buf, sizeof buf) == 0); /* nothing before the latency */
    g_now_us = start + 50000u;
    size_t got = vb_pace_take(buf, sizeof buf);
    CHECK(got == arrived_by(g_now_us, start, baud));
    CHECK(got > 0 && memcmp(buf, g_host, got) == 0);
    /* the next arrival is one byte time after the last one taken */
    CHECK(vb_pace_next_arrival_us() > g_now_us && vb_pace_next_arrival_us() <= g_now_us + 87u + 1u);
    g_now_us = start + 1000u * 87u; /* well past the end: 1000 bytes take 86.8 ms */
    size_t rest = vb_pace_take(buf + got, sizeof buf - got);
    CHECK(got + rest == 1000 && memcmp(buf, g_host, 1000) == 0);
    CHECK(vb_timing_stats_get()->dropped == 0 && vb_pace_pending() == 0);
}

/* A busy board: the receive buffer fills and the rest is lost (UART overrun); what arrives
 * after the board takes bytes again is kept, in order. */
static void test_overrun(void)
{
    const uint32_t baud = 115200, lat = 1, rx = 64;
    line_reset(baud, lat, rx, false);
    host_writes(1000, g_now_us);
    const uint64_t start = g_now_us + 2u * lat * 1000u;
    g_sleeps = 0;
    vb_pace_busy(50000u, false); /* 50 ms erasing a serial NOR sector: interrupts still run */
    CHECK(g_sleeps > 0 && g_sleeps < 100); /* it slept on the fake clock, in steps */
    const uint64_t arrived = arrived_by(g_now_us, start, baud);
    vb_timing_stats *st = vb_timing_stats_get();
    CHECK(arrived > rx && st->dropped == arrived - rx);
    uint8_t buf[2048];
    size_t n = vb_pace_take(buf, sizeof buf);
    CHECK(n == rx && memcmp(buf, g_host, rx) == 0); /* the first rx bytes survived */
    /* now the board keeps up: every later byte arrives */
    size_t total = n;
    for (int i = 0; i < 2000 && total + st->dropped < 1000; ++i) {
        g_now_us += 500u;
        total += vb_pace_take(buf + total, sizeof buf - total);
    }
    CHECK(total + st->dropped == 1000);
    CHECK(memcmp(buf + rx, g_host + arrived, 1000 - arrived) == 0); /* the tail, in order */
}

/* An idle board keeps up with the line: a late wake-up (this process scheduled late) takes a
 * batch larger than the buffer without losing a byte. */
static void test_late_idle(void)
{
    const uint32_t baud = 921600, rx = 64;
    line_reset(baud, 0, rx, false);
    host_writes(3000, g_now_us);
    const uint64_t start = g_now_us;
    CHECK(vb_pace_take(g_host + 4000, 0) == 0); /* pulls the bytes onto the line */
    g_now_us += 100000u; /* 100 ms later: everything has arrived */
    uint8_t buf[4096];
    size_t n = vb_pace_take(buf, sizeof buf);
    CHECK(n == 3000 && arrived_by(g_now_us, start, baud) >= 3000);
    CHECK(memcmp(buf, g_host, 3000) == 0 && vb_timing_stats_get()->dropped == 0);
}

/* A stalled CPU without DMA keeps one byte in the UART's data register; with DMA the buffer
 * fills as usual. */
static void test_stall(void)
{
    const uint32_t baud = 921600, rx = 2048;
    for (int dma = 0; dma < 2; ++dma) {
        line_reset(baud, 0, rx, dma != 0);
        host_writes(1000, g_now_us);
        const uint64_t start = g_now_us;
        vb_pace_busy(5000u, true); /* 5 ms of a stalling erase */
        const uint64_t arrived = arrived_by(g_now_us, start, baud);
        uint8_t buf[2048];
        size_t n = vb_pace_take(buf, sizeof buf);
        if (!dma) {
            CHECK(n >= 1 && buf[0] == g_host[0]);
            CHECK(vb_timing_stats_get()->dropped == arrived - 1);
        } else {
            CHECK(vb_timing_stats_get()->dropped == 0 && n >= arrived && memcmp(buf, g_host, n) == 0);
        }
    }
}

/* Sending keeps the board busy for the bytes' line time, and counts it. */
static void test_send(void)
{
    line_reset(115200, 16, 0, false);
    const uint64_t t0 = g_now_us;
    vb_pace_send(1152);
    CHECK(g_now_us - t0 == 1152u * byte_ns(115200) / 1000u); /* 100 ms */
    CHECK(vb_timing_stats_get()->send_us == g_now_us - t0);
    vb_pace_configure(0, 0);
    const uint64_t t1 = g_now_us;
    vb_pace_send(1152); /* unpaced: instant */
    CHECK(g_now_us == t1);
}

int main(int argc, char **argv)
{
    if (!vb_check_args("test_timing", argc, argv))
        return 2;
    const vb_clock fake = {fake_now, fake_sleep, NULL};
    vb_clock_set(&fake);
    static vb_profile p;
    char path[4096], err[VB_ERROR_MAX];
    snprintf(path, sizeof path, "%s/stm32f4-ref.json", argv[1]);
    if (!vb_profile_load(path, "stm32f4-ref", &p, err)) {
        fprintf(stderr, "FAIL: %s\n", err);
        return 1;
    }
    test_profile_timing(&p);
    test_flash_costs(&p, argv[2]);
    test_line_rate();
    test_overrun();
    test_late_idle();
    test_stall();
    test_send();
    vb_clock_set(NULL);
    return vb_check_summary("test_timing");
}
