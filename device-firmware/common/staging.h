/*
 * Package staging in the region flagged PT_REGION_STAGING (docs/protocol.md §4.8).
 *
 * The region's first sector is the staging header:
 *   0  u32 magic "PTSG"        4  u32 package size       8  u8[32] package SHA-256
 *   40 u32 header CRC-32 (over bytes 0..39)
 *   44 u32 pending mark: 0xFFFFFFFF not pending, 0 pending (verified, install at next reset)
 *   48 u32 installed mark: 0 once the bootloader has written every payload (the install record
 *      follows, then staging is erased; a reset in between must not install again)
 *   64 progress bitmap: bit i (byte i/8, bit i%8) cleared when package block i (4096 bytes) is
 *      staged; NOR lets bits be cleared without an erase.
 * Package bytes start at the second sector; data sectors are erased lazily just before the
 * first write into each. Packages are limited to PT_STAGING_MAX_BLOCKS blocks.
 */
#ifndef PT_STAGING_H
#define PT_STAGING_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/hal.h"
#include "piton/protocol.h"

#define PT_STAGING_BLOCK 4096u
#define PT_STAGING_MAX_BLOCKS 4096u /* 16 MB */

/** Forgets the RAM progress counter (after a reset: progress then comes from the bitmap). */
void pt_staging_reset_ram(void);

/** UPDATE_BEGIN: resumes when staging holds this size+hash (sets *staged), else starts anew
 *  (*staged = 0). PT_E_TOO_LARGE, PT_E_BAD_REQUEST (size 0), PT_E_FLASH. */
enum pt_status pt_staging_begin(uint32_t size, const uint8_t sha256[32], uint32_t *staged);

/** UPDATE_DATA: offset must equal the staged offset (PT_E_SEQUENCE). Sets *staged. */
enum pt_status pt_staging_data(uint32_t offset, const uint8_t *data, uint32_t len, uint32_t *staged);

/** UPDATE_STATUS: state (enum pt_staging_state), package size, staged bytes and hash. */
void pt_staging_status(uint8_t *state, uint32_t *size, uint32_t *staged, uint8_t sha256[32]);

/** The staging region and the region-relative offset where package bytes start. */
const pt_region *pt_staging_region(uint32_t *data_offset);

/** Marks the complete staged package pending (install at next reset). */
enum pt_status pt_staging_mark_pending(void);

/** True when a package is marked pending; sets its size. */
int pt_staging_pending(uint32_t *size, uint8_t sha256[32]);

/** As pt_staging_pending(); also tells whether the installed mark is set. */
int pt_staging_pending_info(uint32_t *size, uint8_t sha256[32], bool *installed);

/** Sets the installed mark of the pending package (bootloader, after writing every payload). */
enum pt_status pt_staging_mark_installed(void);

/** Erases the header and every data sector the package used (staging becomes empty). A corrupt
 *  header (unknown size) erases the whole region. UPDATE_ABORT uses it too. */
enum pt_status pt_staging_erase(void);

#endif
