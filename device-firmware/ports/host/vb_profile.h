/*
 * piton-vboard: board profiles (resources/boards/<id>.json, described in
 * resources/boards/README.md) turned into the flash layout and region table of a virtual board.
 *
 * C11 + POSIX. Part of the host port only; the portable core never sees this header.
 */
#ifndef PITON_VBOARD_PROFILE_H
#define PITON_VBOARD_PROFILE_H

#include "vb_error.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "piton/hal.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_MAX_FLASH_DEVICES 4u
#define VB_MAX_DEVICE_RUNS 16u
#define VB_MAX_ERASE_TIMES 8u

/** Flash timing of one device, from the profile's optional "timing" object (vb_timing.h). */
typedef struct {
    bool present;                /* the profile gives timing for this device */
    uint8_t erase_count;         /* entries in erase[] */
    struct {
        uint32_t size;           /* sector size, bytes */
        uint32_t ms;             /* typical erase time of one such sector, ms */
    } erase[VB_MAX_ERASE_TIMES];
    uint32_t program_unit;       /* bytes programmed as one unit (4: a word; 256: a NOR page) */
    uint32_t program_us;         /* typical time per unit, µs */
    bool stalls_cpu;             /* the CPU stalls while this device erases (single bank) */
} vb_flash_timing;

/** One flash device of the board (internal flash, external serial flash). */
typedef struct {
    char name[32];               /* from the profile, e.g. "internal" */
    uint32_t address;            /* absolute address of the first byte */
    uint32_t size;               /* bytes: sum of all sectors */
    bool external;               /* serial flash */
    uint8_t run_count;           /* 1..VB_MAX_DEVICE_RUNS */
    pt_sector_run runs[VB_MAX_DEVICE_RUNS]; /* sectors in address order */
    uint64_t file_offset;        /* where this device starts in the flash file (bytes) */
    uint32_t first_sector;       /* index of its first sector among all sectors of the board */
    uint32_t sector_count;       /* sectors in this device */
    vb_flash_timing timing;      /* optional "timing" object */
} vb_flash_device;

/** A parsed and validated board profile. */
typedef struct {
    char id[32];                 /* board id, NUL-terminated, at most 31 characters */
    char name[128];              /* human readable name (may be empty) */
    uint8_t unique_id_len;       /* 1..PT_UNIQUE_ID_MAX */
    uint8_t device_count;
    /* Internal devices first, then external ones (profile order within each group): this is
     * the order in which the devices lie back to back in the flash file. */
    vb_flash_device devices[VB_MAX_FLASH_DEVICES];
    uint64_t total_size;         /* bytes of all devices: the flash file's size */
    uint32_t total_sectors;      /* sectors of all devices */
    uint8_t region_count;
    pt_region regions[PT_MAX_REGIONS]; /* wire order = profile order; runs filled in */
    uint32_t rx_buffer;          /* "receiveBuffer.bytes": the agent's serial receive buffer
                                  * (bytes) with --flash-timing; 0 = not given (unbounded) */
    bool rx_dma;                 /* "receiveBuffer.dma": reception continues while the CPU stalls */
} vb_profile;

/**
 * Finds the profile file for board `id` and returns its path in `path` (size `path_size`).
 * Search order: `boards_dir` if not NULL (only there); else $PITON_BOARDS_DIR; else
 * `<directory of exe_path>/../share/piton/boards`; else the source tree's resources/boards
 * (compile-time PITON_BOARDS_SOURCE_DIR). Returns false with a message in `err` (size
 * VB_ERROR_MAX) naming the id and every directory tried, or rejecting an id with characters
 * other than letters, digits, '.', '_' and '-'.
 */
bool vb_profile_find(const char *id, const char *boards_dir, const char *exe_path,
                     char *path, size_t path_size, char *err);

/**
 * Parses JSON text `json` (NUL-terminated) into `out` and validates it: every field present
 * with the right type; addresses as hex strings ("0x08000000"); sizes as positive integers;
 * flash devices not overlapping and inside the 32-bit address space; each region inside one
 * flash device, starting and ending on sector boundaries, not overlapping another region, with
 * known flags only ("protected", "config", "image", "staging", "external"; "external" must
 * match the device), at most PT_MAX_SECTOR_RUNS runs of equal sectors; a region named
 * "bootloader" must exist. If `expected_id` is not NULL the profile's id must equal it.
 * Returns false with a message in `err` (size VB_ERROR_MAX) naming the field or region at fault.
 */
bool vb_profile_parse(const char *json, const char *expected_id, vb_profile *out, char *err);

/** Reads the file at `path` and parses it as vb_profile_parse() does. Errors name the file. */
bool vb_profile_load(const char *path, const char *expected_id, vb_profile *out, char *err);

/** The flash device holding [address, address+len), or NULL (len 0 means just `address`). */
const vb_flash_device *vb_profile_device_of(const vb_profile *p, uint32_t address, uint32_t len);

/**
 * Finds the sector containing `address`: its start, size and global index (0..total_sectors-1,
 * internal devices first). Returns false when no flash device holds the address.
 */
bool vb_profile_sector_of(const vb_profile *p, uint32_t address, uint32_t *start, uint32_t *size,
                          uint32_t *index);

/** The region named `name`, or NULL. */
const pt_region *vb_profile_region(const vb_profile *p, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_PROFILE_H */
