/*
 * Power-safe record store used by the config store and the bootstate (docs/config-format.md,
 * "On the device"). A region with at least two sectors holds records appended within a sector:
 *
 *   u32 magic, u32 sequence, u32 data length, u32 CRC-32 (over magic, sequence, length, data),
 *   data, padding with 0xFF to a multiple of 16 bytes.
 *
 * The valid record with the highest sequence wins. When the active sector has no room, the next
 * sector (round robin; with two sectors "the other one") is erased and the record written there.
 * The sector holding the newest record is never erased before a newer record is complete, so a
 * reset at any point leaves the previous record readable.
 */
#ifndef PT_RECORD_STORE_H
#define PT_RECORD_STORE_H

#include <stdint.h>

#include "piton/hal.h"
#include "piton/protocol.h"

#define PT_RECORD_HEADER_SIZE 16u

/**
 * Loads the newest valid record with `magic` into buf (capacity `cap` bytes). Returns PT_OK and
 * sets *len and *sequence, or PT_E_NOT_FOUND when the region holds no valid record.
 */
enum pt_status pt_record_load(const pt_region *r, uint32_t magic, uint8_t *buf, uint32_t cap,
                              uint32_t *len, uint32_t *sequence);

/**
 * Appends a record (sequence = newest + 1) holding len bytes. PT_E_FLASH when the flash fails,
 * PT_E_INTERNAL when the record cannot fit in one sector.
 */
enum pt_status pt_record_append(const pt_region *r, uint32_t magic, const uint8_t *data, uint32_t len);

#endif
