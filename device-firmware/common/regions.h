/*
 * Region access over the HAL: lookup by wire id or name, range and sector-boundary checks, and
 * NOR-aware erase/program helpers. Offsets are relative to the region's first byte; lengths are
 * bytes. Every failing function reports a status (docs/protocol.md §3) and a message via pt_fail().
 */
#ifndef PT_REGIONS_H
#define PT_REGIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/hal.h"
#include "piton/protocol.h"

/** The region with wire id `id`, or NULL. */
const pt_region *pt_region_by_id(uint8_t id);

/** The first region named `name` (NUL-terminated), or NULL. */
const pt_region *pt_region_by_name(const char *name);

/** The first region with all bits of `flag` (PT_REGION_*) set, or NULL. */
const pt_region *pt_region_by_flag(uint32_t flag);

/** PT_E_OUT_OF_RANGE unless offset..offset+len lies inside the region (no overflow). */
enum pt_status pt_region_check_range(const pt_region *r, uint32_t offset, uint32_t len);

/** Finds the sector (from the region's geometry) containing `offset`: its region-relative start
 *  and size. False when offset is outside the region. */
bool pt_region_sector_at(const pt_region *r, uint32_t offset, uint32_t *start, uint32_t *size);

/** True when `offset` is a sector start, or equals the region size. */
bool pt_region_is_boundary(const pt_region *r, uint32_t offset);

/** Erases offset..offset+len, which must start and end on sector boundaries (PT_E_ALIGNMENT). */
enum pt_status pt_region_erase(const pt_region *r, uint32_t offset, uint32_t len);

/** Erases every sector that the range offset..offset+len touches (len 0 erases nothing). */
enum pt_status pt_region_erase_covering(const pt_region *r, uint32_t offset, uint32_t len);

/** Reads len bytes. PT_E_OUT_OF_RANGE or PT_E_FLASH on failure. */
enum pt_status pt_region_read(const pt_region *r, uint32_t offset, void *buf, uint32_t len);

/**
 * Programs len bytes after checking the NOR rule ((current & new) == new) for every byte: if any
 * byte would need a 0 bit set, returns PT_E_NOT_ERASED and programs nothing.
 */
enum pt_status pt_region_program(const pt_region *r, uint32_t offset, const void *buf, uint32_t len);

/** True when every byte of the range reads 0xFF (false also on read errors). */
bool pt_region_is_erased(const pt_region *r, uint32_t offset, uint32_t len);

/** SHA-256 of `len` bytes in RAM (the HAL's crypto, hal.h). */
void pt_sha256(const void *data, uint32_t len, uint8_t out[32]);

/** SHA-256 of the range, read from flash in small pieces. */
enum pt_status pt_region_sha256(const pt_region *r, uint32_t offset, uint32_t len, uint8_t out[32]);

#endif
