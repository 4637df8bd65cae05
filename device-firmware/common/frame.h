/*
 * Piton frames (docs/protocol.md §2): 12-byte header, payload, CRC-32.
 * The scanner is a pure function over a byte buffer so it can be tested without a link.
 */
#ifndef PT_FRAME_H
#define PT_FRAME_H

#include <stddef.h>
#include <stdint.h>

/** A decoded frame; `payload` points into the scanned buffer. */
typedef struct {
    uint8_t command;
    uint16_t seq;
    uint8_t flags;
    uint8_t status;
    uint32_t length;        /* payload bytes */
    const uint8_t *payload;
} pt_frame;

typedef enum {
    PT_SCAN_NEED_MORE = 0,  /* buffer holds (the start of) a candidate frame: wait for more bytes */
    PT_SCAN_FRAME = 1,      /* *out holds a frame occupying the first *consumed bytes */
    PT_SCAN_DISCARD = 2     /* drop the first *consumed bytes (garbage, or a rejected candidate) */
} pt_scan_result;

/**
 * Looks at the start of `buf` (len bytes). Bytes before a 0x50 0x54 magic are discarded; a
 * candidate whose version is not 1, that sets a reserved flag bit, announces a payload above
 * `max_payload` bytes or fails its CRC is rejected by discarding only its first byte (resync).
 */
pt_scan_result pt_frame_scan(const uint8_t *buf, size_t len, uint32_t max_payload, pt_frame *out,
                             size_t *consumed);

/**
 * Writes a complete frame (header, `len` payload bytes, CRC) to `out`, which must hold
 * len + PT_FRAME_OVERHEAD bytes. `payload` may already sit at out + PT_FRAME_HEADER_SIZE (the
 * bytes are then not copied). Returns the frame size in bytes.
 */
size_t pt_frame_encode(uint8_t *out, uint8_t command, uint16_t seq, uint8_t flags, uint8_t status,
                       const uint8_t *payload, uint32_t len);

#endif
