/*
 * piton-vboard: realistic flash timing (--flash-timing) and the clock every timing decision of
 * the virtual board reads.
 *
 * A board profile may give each flash device a "timing" object (resources/boards/README.md):
 * erase time per sector size (ms), program time per program unit (µs per `programUnit` bytes:
 * 4 bytes at 16 µs for an STM32F405 at x32 parallelism, a 256-byte page at 700 µs for a W25Q64
 * serial NOR), whether the CPU stalls while that device erases (single-bank internal flash: code
 * and vectors are fetched from the bank being erased), and the source of the figures. With
 * timing on, every erase and program costs that time on the board's clock: the board is busy,
 * and the serial line keeps delivering bytes into the receive buffer meanwhile (vb_pace.h).
 *
 * The clock is injectable (vb_clock_set): piton-vboard runs on CLOCK_MONOTONIC, unit tests on a
 * fake clock whose sleep only advances a counter, so no test waits on a real timer.
 */
#ifndef PITON_VBOARD_TIMING_H
#define PITON_VBOARD_TIMING_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vb_profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A clock: now in µs (monotonic, any epoch) and a sleep until an absolute time in µs. */
typedef struct {
    uint64_t (*now_us)(void *ctx);
    void (*sleep_until_us)(uint64_t t_us, void *ctx);
    void *ctx;
} vb_clock;

/** Installs `c` (copied) as the clock; NULL restores CLOCK_MONOTONIC with clock_nanosleep. */
void vb_clock_set(const vb_clock *c);

/** The current time on the installed clock, µs. */
uint64_t vb_clock_now_us(void);

/** Sleeps on the installed clock until `t_us` (returns at once when it has passed). */
void vb_clock_sleep_until_us(uint64_t t_us);

/** Time accounting of --stats (µs, bytes). */
typedef struct {
    uint64_t erase_us;      /* the board busy erasing (flash timing on) */
    uint64_t program_us;    /* the board busy programming */
    uint64_t stall_us;      /* of erase_us: the CPU stalled (no interrupt served) */
    uint64_t send_us;       /* the board sending on the paced serial line */
    uint64_t idle_us;       /* the board idle, waiting for the link to bring the next bytes */
    uint64_t dropped;       /* received bytes lost: receive buffer full (UART overrun) */
} vb_timing_stats;

/** Turns flash timing on or off for profile `p` (which must outlive it). Off by default. A
 *  device without a "timing" object costs nothing even when on. */
void vb_timing_enable(const vb_profile *p, bool on);

/** True when flash timing is on. */
bool vb_timing_on(void);

/** Erase time (µs) of one sector of `sector_size` bytes on device `d`: the profile's figure for
 *  that size, else the figure of the nearest listed size scaled by size; 0 without timing. */
uint64_t vb_timing_erase_us(const vb_flash_device *d, uint32_t sector_size);

/** Program time (µs) of `len` bytes at `address` on device `d`: every program unit the range
 *  touches (aligned to the unit) costs programUs; 0 without timing. */
uint64_t vb_timing_program_us(const vb_flash_device *d, uint32_t address, uint32_t len);

/**
 * How the board spends busy time: `us` from now, with the CPU stalled or not. The default waits
 * on the clock; piton-vboard installs vb_pace_busy so the serial line keeps running meanwhile.
 */
typedef void (*vb_timing_busy_fn)(uint64_t us, bool cpu_stalled);
void vb_timing_set_busy(vb_timing_busy_fn fn);

/** Spends the time of a completed flash operation (called by vb_flash after an erase or a
 *  program of [address, address+len)); nothing when timing is off. */
void vb_timing_flash_done(bool erase, uint32_t address, uint32_t len);

/** The counters (mutable: vb_pace adds send, idle and dropped). */
vb_timing_stats *vb_timing_stats_get(void);

/** Prints the counters as one line: "piton-vboard: time: erasing X ms (stalled Y ms), ...". */
void vb_timing_print_stats(FILE *out);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_TIMING_H */
