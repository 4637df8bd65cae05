/*
 * piton-vboard: serial pacing. A pty moves bytes at memory speed and ignores the baud rate; with
 * pacing on, the serial link (Piton's protocol and the emulated ROM alike) delivers bytes at a
 * UART's rate and adds a USB-serial adapter's latency per direction (docs/rom-loader.md,
 * "Serial pacing").
 *
 * Model: a byte takes `frame_bits` / `baud` seconds on the line (10 bits for 8N1: start, 8 data,
 * stop; 11 for 8E1: plus parity). A chunk of n bytes the workstation wrote is handed to the
 * board once the line could have carried it: at max(now + latency, end of the previous chunk)
 * + n byte times. A chunk the board sends leaves once the line has carried it (after the
 * previous one) and then waits `latency` before the workstation can read it. The waits sleep
 * the board's single thread, as a board busy receiving would be; TCP and USB wait meanwhile.
 * A pty carries no parity, so the frame size is what the emulation says the link speaks: 11 bits
 * while the ROM bootloader (8E1, AN3155) runs, 10 for Piton's protocol (8N1).
 */
#ifndef PITON_VBOARD_PACE_H
#define PITON_VBOARD_PACE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Turns pacing on: `baud` bits per second (0: no line time), `latency_ms` per direction (0:
 *  none). Both 0: off (the default). */
void vb_pace_configure(uint32_t baud, uint32_t latency_ms);

/** Bits per byte on the line from now on: 10 (8N1) or 11 (8E1). */
void vb_pace_set_frame_bits(unsigned bits);

/** The board received `n` bytes: waits until the line and the adapter could have delivered them. */
void vb_pace_rx(size_t n);

/** The board is about to send `n` bytes: waits until the line has carried them and the adapter
 *  has passed them on. */
void vb_pace_tx(size_t n);

/** True when pacing is on. */
int vb_pace_on(void);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_PACE_H */
