/*
 * piton-vboard's fault injection, in one place (docs/reliability.md, tests/vboard, tests/fault):
 *   --power-cut-after N[,N...]  a power cut inside the N-th flash operation (counted from the
 *                               previous cut), --torn  leaving that operation half done;
 *   --flip-bits REGION:COUNT    COUNT random bits flipped in a region at start;
 *   --drop-link-after BYTES     the link dropped once after BYTES received over all links;
 *   --lose-rx EVERY             the last 16 of every EVERY received bytes lost (line noise);
 *   --lose-tx N                 every N-th frame the board sends lost;
 *   --drop-reply CMD[:N]        the N-th response to command CMD lost (the board acted on it);
 *   --drop-request CMD[:N]      the N-th request CMD lost before the board sees it.
 * Randomness: xorshift64 from --seed (the same seed gives the same faults).
 */
#ifndef VB_FAULT_H
#define VB_FAULT_H

#include <stdbool.h>
#include <stddef.h>

#include "piton/device.h"
#include "vb_options.h"
#include "vb_profile.h"

/* Takes the fault options (kept by pointer; drop_after is consumed) and the function that
 * restarts the board after a power cut (must not return: main.c longjmps to its boot point). */
void vb_fault_init(vb_options *opt, void (*restart)(void));

/* Arms the next --power-cut-after value, or disarms when none is left. Call at start and after
 * every power cut. */
void vb_fault_arm_power_cut(void);

/* Power cuts that happened since start. */
unsigned vb_fault_power_cuts(void);

/* Applies --flip-bits to `profile`'s regions in the flash; prints what it flipped. False (usage
 * error, exit 2) when a region name is not the board's; nothing is flipped then for that spec. */
bool vb_fault_flip_bits(const vb_profile *profile);

/* For `n` bytes received when `before` bytes had been received over all links: how many of them
 * the core gets. Sets *drop_at to the byte count at which the link drops (once, --drop-link-after)
 * when it drops within these bytes, else to -1. */
size_t vb_fault_received(unsigned long long before, size_t n, long long *drop_at);

/* --lose-rx: true when the received byte with this index (counted over all links from 0) is lost. */
bool vb_fault_rx_lost(unsigned long long index);

/* --lose-tx, --drop-reply: true when the frame about to be sent (`frame`, `len` bytes: one whole
 * frame, docs/protocol.md §2) is lost (counts the frames sent). */
bool vb_fault_tx_lost(const uint8_t *frame, size_t len);

/* --drop-request: hands the `n` received bytes of `link` to `deliver` (pt_link_receive), less the
 * bytes of the request frame it drops (found by its header: command, response flag clear). Bytes
 * that may start a frame header are held until the header is complete, then delivered in order. */
void vb_fault_receive(pt_link *link, const uint8_t *data, size_t n,
                      void (*deliver)(pt_link *link, const uint8_t *data, size_t n));

/* Bytes and frames lost by --lose-rx / --lose-tx so far. */
unsigned long long vb_fault_rx_lost_count(void);
unsigned long long vb_fault_tx_lost_count(void);

#endif
