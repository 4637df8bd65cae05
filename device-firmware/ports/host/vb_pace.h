/*
 * piton-vboard: the serial line as a real board sees it. A pty moves bytes at memory speed and
 * ignores the baud rate; with pacing on (--baud, --adapter-latency-ms) the serial link (Piton's
 * protocol and the emulated ROM alike) delivers bytes at a UART's rate, with a USB-serial
 * adapter's latency, into a receive buffer of fixed size (docs/performance.md, "The model").
 *
 * Model (times on the vb_timing clock):
 * - A byte takes `frame_bits` / `baud` seconds on the line (10 bits for 8N1; 11 for 8E1, the
 *   ROM's AN3155 framing). A pty carries no parity, so the frame size is what the emulation says
 *   the link speaks.
 * - Bytes the workstation wrote enter the line in order: a chunk read from the pty at time t
 *   starts at max(t + 2 x latency, end of the previous chunk) and its k-th byte arrives at the
 *   board one byte time after the (k-1)-th. Both directions' adapter latency is charged on the
 *   way to the board (a response reaches the pty as soon as it has left the UART): every round
 *   trip is the same as with the latency per direction, and the board's receive buffer does not
 *   fill while it would only be waiting for a response to cross the adapter.
 * - Arriving bytes go into the receive buffer (`rx_buffer` bytes, the agent's UART ring). When it
 *   is full the byte is lost, as with a UART overrun, and counted (vb_timing_stats.dropped). While
 *   the CPU stalls (an erase of the flash bank it runs from) and no DMA receives, only the UART's
 *   one data register holds a byte: the rest is lost. rx_buffer 0: unbounded (nothing is lost).
 * - The board takes bytes from the buffer whenever it is not busy (vb_pace_take); while it is
 *   busy (flash timing, sending) the line keeps running (vb_pace_busy). An idle board keeps up
 *   with the line, so the buffer only has to hold what arrives between two takes while the
 *   board is busy (serving a request): a late wake-up of this process loses nothing.
 * - Sending n bytes keeps the board busy for n byte times (a blocking UART send).
 */
#ifndef PITON_VBOARD_PACE_H
#define PITON_VBOARD_PACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Turns pacing on: `baud` bits per second, `latency_ms` per direction. baud 0: off (the
 *  default; latency alone is ignored). Empties the line. */
void vb_pace_configure(uint32_t baud, uint32_t latency_ms);

/** The receive buffer: `bytes` (0 = unbounded) and whether DMA keeps receiving while the CPU
 *  stalls. */
void vb_pace_set_rx_buffer(uint32_t bytes, bool dma);

/** Bits per byte on the line from now on: 10 (8N1) or 11 (8E1). */
void vb_pace_set_frame_bits(unsigned bits);

/** True when pacing is on. */
bool vb_pace_on(void);

/** Reads what the workstation has written so far without blocking (at most `max` bytes);
 *  returns the count (0: nothing now). */
typedef size_t (*vb_pace_source_fn)(uint8_t *buf, size_t max, void *ctx);

/** Where the line pulls the workstation's bytes from (the pty master). */
void vb_pace_set_source(vb_pace_source_fn fn, void *ctx);

/** Pulls what the workstation wrote into the line and moves every byte that has arrived by now
 *  into the receive buffer (dropping what does not fit). */
void vb_pace_service(void);

/** Services the line, then takes up to `max` received bytes out of the receive buffer. */
size_t vb_pace_take(uint8_t *buf, size_t max);

/** The board is busy for `us` (CPU stalled or not): the line keeps running meanwhile. */
void vb_pace_busy(uint64_t us, bool cpu_stalled);

/** The board is about to send `n` bytes: busy for their line time. */
void vb_pace_send(size_t n);

/** Time (on the vb_timing clock, µs) at which the next byte arrives at the board, or UINT64_MAX
 *  when none is on the line. */
uint64_t vb_pace_next_arrival_us(void);

/** Bytes on the line or in the receive buffer, not yet taken by the board. */
size_t vb_pace_pending(void);

/** Forgets every byte on the line and in the buffer (a reset, a new pty). */
void vb_pace_flush(void);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_PACE_H */
