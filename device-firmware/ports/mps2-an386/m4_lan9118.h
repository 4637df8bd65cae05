/*
 * mps2-an386 port: the SMSC LAN9118 Ethernet controller, polled (no interrupt), 32-bit bus.
 *
 * Sources: SMSC LAN9118 datasheet (rev. 1.5), the chapters "System Control and Status
 * Registers", "MAC Control and Status Registers", "TX Data Format" (TX command A and B) and
 * "RX Status Format"; QEMU 7.2 hw/net/lan9118.c (what the emulation implements: 32-bit mode,
 * no checksum offload, MAC CSR and MII accesses complete at once, unknown registers abort
 * QEMU); QEMU hw/arm/mps2.c (the controller at 0x40200000, IRQ 13, unused here).
 * The MPS2 board carries a LAN9220, the software-compatible successor.
 */
#ifndef PITON_M4_LAN9118_H
#define PITON_M4_LAN9118_H

#include <stdbool.h>
#include <stdint.h>

#define M4_LAN9118_BASE 0x40200000u
#define M4_ETH_FRAME_MAX 1514u /* destination .. payload, without the FCS */

/* Resets the controller and starts its MAC (transmit and receive, full duplex, unicast to the
 * station address plus broadcast). `mac` in: the address to use when the controller has none
 * (no EEPROM, or all zeros/ones); out: the station address in use. False when no LAN9118
 * answers at M4_LAN9118_BASE (BYTE_TEST is not 0x87654321) or it does not come out of reset. */
bool m4_lan9118_init(uint8_t mac[6]);

/* PHY link status (basic status register, bit 2). */
bool m4_lan9118_link_up(void);

/* Length in bytes (without the FCS) of the next received frame, 0 when none is waiting. Frames
 * the MAC flagged as bad and frames over M4_ETH_FRAME_MAX are dropped here, never returned. Call
 * m4_lan9118_rx_read() or m4_lan9118_rx_drop() for it before asking again. */
uint32_t m4_lan9118_rx_next(void);
/* Copies the frame m4_lan9118_rx_next() announced (its length in bytes) into `dst` and drops
 * its FCS. `dst` needs no alignment. */
void m4_lan9118_rx_read(uint8_t *dst);
/* Discards the frame m4_lan9118_rx_next() announced. */
void m4_lan9118_rx_drop(void);

/* Transmits one frame of `len` bytes (14..M4_ETH_FRAME_MAX; the MAC pads and appends the FCS)
 * given as pieces: m4_lan9118_tx_begin(len), m4_lan9118_tx_write() until `len` bytes were given,
 * then the frame is on its way. False from begin when the frame is too long or the TX FIFO has
 * no room for it (the caller drops the frame; TCP retransmits). */
bool m4_lan9118_tx_begin(uint32_t len);
void m4_lan9118_tx_write(const uint8_t *data, uint32_t n);

#endif
