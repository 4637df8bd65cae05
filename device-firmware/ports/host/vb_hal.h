/*
 * piton-vboard: the hal.h implementation for a Linux process, and its start-up.
 *
 * - pt_hal_board(): built from the board profile plus the provisioning block (vb_hal_set_board).
 * - pt_hal_flash_*: the vb_flash layer (NOR semantics, counters, fault seam).
 * - pt_hal_millis(): CLOCK_MONOTONIC, counted from power-on (vb_hal_power_on), plus the time
 *   tests skipped with vb_hal_advance_ms() (--clock-step: session timeouts, the trial watchdog).
 * - pt_hal_random(): getrandom(2); pt_hal_unix_time(): the host's clock (CLOCK_REALTIME).
 * - pt_hal_retained(): a static block; zeroed at power-on (process start), kept across resets.
 * - pt_hal_reset(): longjmp()s to the boot point registered with vb_hal_set_boot_point(); the
 *   port's main loop then reconnects its links and calls pt_boot() again. Written in C so the
 *   jump never crosses C++ frames.
 */
#ifndef PITON_VBOARD_HAL_H
#define PITON_VBOARD_HAL_H

#include <setjmp.h>

#include "piton/hal.h"
#include "vb_profile.h"
#include "vb_provision.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Power-on: zeroes retained RAM and restarts the millisecond clock at 0. */
void vb_hal_power_on(void);

/** Advances pt_hal_millis() by `ms` at once (a test's clock step; safe from a signal handler:
 *  it only adds to a sig_atomic_t counter of steps of `ms`). Returns nothing; the total skipped
 *  is vb_hal_skipped_ms(). */
void vb_hal_advance_ms(unsigned ms);
/** Milliseconds skipped by vb_hal_advance_ms() since start. */
uint64_t vb_hal_skipped_ms(void);

/** Fills the pt_board returned by pt_hal_board() from the profile and provisioning block. */
void vb_hal_set_board(const vb_profile *p, const vb_provision *pv);
/** Access keys and identity key of pt_board from the access block (call after vb_hal_set_board). */
void vb_hal_set_access(const vb_access *a);
/** Session timeout of pt_board (ms; 0 = PT_SESSION_TIMEOUT_MS). Call after vb_hal_set_board. */
void vb_hal_set_session_timeout(uint32_t ms);

/**
 * Registers the boot point that pt_hal_reset() jumps to (setjmp'ed by the caller, which must
 * not have returned). With NULL, pt_hal_reset() prints an error and exits the process (status 3).
 */
void vb_hal_set_boot_point(jmp_buf *boot_point);

/** Number of pt_hal_reset() calls since power-on. */
unsigned vb_hal_reset_count(void);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_HAL_H */
