/*
 * The board the stateful device fuzz targets (fuzz_device_server.c, fuzz_device_auth.c) send
 * requests to: the RAM flash model of tests/device/test_hal.c, a starting state taken once and
 * restored before every input, and the check that a request got exactly one well-formed response.
 */
#ifndef PT_FUZZ_BOARD_H
#define PT_FUZZ_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "frame.h"
#include "piton/device.h"

/** True once fb_snapshot() took the starting state. */
bool fb_ready(void);
/** Takes the starting state every input begins from: the whole flash and the board table, as the
 *  target's set-up left them (th_factory(), its keys, th_boot()). Zeroes the flash op counters.
 *  Aborts when out of memory. */
void fb_snapshot(void);
/** Restores the starting state: the 4 KB flash pages that requests erased or programmed
 *  (th_flash_load_changed(); with PITON_FUZZ_CHECK_RESTORE set in the environment it then
 *  compares the whole flash with the snapshot and aborts on a difference), the board table;
 *  then a power cycle (retained RAM and sessions cleared; the links' auth state and AUTH_HELLO
 *  rate limit start afresh, as RAM does) and a boot. */
void fb_restore(void);
/** The largest request payload (bytes) `link` takes as a frame now: the maximum PING negotiated
 *  (1024 before any PING; a host may ask for less) and the receive buffer. A longer frame is
 *  discarded byte by byte and the decoder looks for frames inside its payload, so it gets no
 *  answer of its own and may get an answer to something else: the targets cut their requests
 *  to this (the frame decoder's resynchronisation is device_frame's). */
uint32_t fb_max_request(const pt_link *link);
/** The one response the device sent since th_clear_sent(), checked to be a well-formed
 *  response frame to `command` (docs/protocol.md §2; aborts otherwise, which the fuzzer reports),
 *  or NULL when the device reset without answering. Valid until the next call. With
 *  PITON_FUZZ_TRACE set (replaying an input by hand) it prints every frame the device sent. */
const pt_frame *fb_response(uint8_t command);

#endif
