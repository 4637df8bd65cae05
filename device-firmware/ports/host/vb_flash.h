/*
 * piton-vboard: the board's flash, emulated in one file with NOR semantics.
 *
 * The file holds every flash device of the board profile back to back (internal devices first,
 * then external ones; see vb_profile). Its size is exactly vb_profile.total_size bytes. Erased
 * flash reads 0xFF; programming can only clear bits (1 -> 0); only a sector erase sets them
 * back to 1. The file persists across runs of piton-vboard, as a real board's flash does.
 *
 * Every flash operation (read, program, erase) passes through one function, vb_flash_gate(),
 * which counts it and asks the optional fault hook whether to carry it out: the seam for power
 * cut and torn-write injection.
 *
 * The pt_hal_flash_* functions of hal.h are implemented on top of this layer (vb_hal.c).
 */
#ifndef PITON_VBOARD_FLASH_H
#define PITON_VBOARD_FLASH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "piton/hal.h"
#include "vb_profile.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { VB_FLASH_OP_READ = 0, VB_FLASH_OP_PROGRAM = 1, VB_FLASH_OP_ERASE = 2 } vb_flash_op;

/** Operation counters since vb_flash_open() or vb_flash_reset_counters(). */
typedef struct {
    uint64_t read_ops;
    uint64_t read_bytes;
    uint64_t program_ops;        /* successful pt_hal_flash_program calls */
    uint64_t program_bytes;
    uint64_t program_refused;    /* programs refused by the NOR rule (PT_HAL_E_NOT_ERASED) */
    uint64_t erase_ops;          /* sector erases */
    uint64_t write_ops;          /* program + erase calls that reached the medium (power-cut count) */
    uint32_t *sector_erases;     /* per-sector erase counts, vb_profile.total_sectors entries */
} vb_flash_stats;

/**
 * Sector erases inside `r` since the counters were last reset: the sum of the per-sector erase
 * counts of every sector the region covers (0 when the flash is not open).
 */
uint64_t vb_flash_region_erases(const pt_region *r);

/**
 * Fault hook: called by vb_flash_gate() before each operation with its kind, absolute address
 * and length (bytes; the sector size for an erase). Returns PT_HAL_OK to let the operation
 * run, or an error that the operation then returns without touching the flash.
 */
typedef pt_hal_result (*vb_flash_fault_hook)(vb_flash_op op, uint32_t address, uint32_t len,
                                             void *ctx);

/**
 * Opens (or creates) the flash file `path` for profile `p` (which must outlive the flash).
 * A missing file is created in factory state, every byte 0xFF, and `*created` is set to true;
 * the caller then writes the factory content (vb_provision_factory). An existing file must be
 * exactly p->total_size bytes, else an error naming both sizes. The file is memory-mapped;
 * changes reach it as they happen. Returns false with a message in `err` (VB_ERROR_MAX bytes).
 */
bool vb_flash_open(const char *path, const vb_profile *p, bool *created, char *err);

/** Flushes the mapping to the file (msync) and closes it. Safe to call when not open. */
void vb_flash_close(void);

/** True between a successful vb_flash_open() and vb_flash_close(). */
bool vb_flash_is_open(void);

/** Installs (or, with NULL, removes) the fault hook. */
void vb_flash_set_fault_hook(vb_flash_fault_hook hook, void *ctx);

/**
 * The single point every flash operation passes: counts the operation and consults the fault
 * hook. Returns PT_HAL_OK when the operation may proceed.
 */
pt_hal_result vb_flash_gate(vb_flash_op op, uint32_t address, uint32_t len);

/** Reads `len` bytes at absolute `address`. PT_HAL_E_RANGE if outside one flash device. */
pt_hal_result vb_flash_read(uint32_t address, void *buf, uint32_t len);

/**
 * Programs `len` bytes at `address` under the NOR rule ((current & new) == new for every byte).
 * A byte that would need a 0 -> 1 change makes the whole call fail with PT_HAL_E_NOT_ERASED,
 * writes nothing and prints the first offending address and both byte values to stderr.
 * PT_HAL_E_RANGE if the range leaves one flash device.
 */
pt_hal_result vb_flash_program(uint32_t address, const void *buf, uint32_t len);

/** Erases the sector starting at `address` to 0xFF. PT_HAL_E_ALIGNMENT if `address` lies in a
 *  sector but not at its start, PT_HAL_E_RANGE if in no flash device. */
pt_hal_result vb_flash_erase_sector(uint32_t address);

/** Start and size (bytes) of the sector containing `address`; PT_HAL_E_RANGE if none. */
pt_hal_result vb_flash_sector_of(uint32_t address, uint32_t *start, uint32_t *size);

/**
 * Called when the planned power cut happens (vb_flash_set_power_cut). Must not return: the port
 * longjmps to its power-on point (the flash file keeps what was written).
 */
typedef void (*vb_flash_power_loss_fn)(void *ctx);

/**
 * Plans a power cut: the next `after_ops` program/erase operations complete, the one after is
 * interrupted. Without `torn` it writes nothing; with `torn` a program leaves a random prefix of
 * its bytes programmed (and random bits of the next byte), an erase leaves a random prefix of the
 * sector erased and random bytes after it. Then `fn(ctx)` runs. `rng` (xorshift64 state, not 0)
 * supplies the randomness. `fn` NULL cancels the plan.
 */
void vb_flash_set_power_cut(uint64_t after_ops, bool torn, uint64_t *rng, vb_flash_power_loss_fn fn, void *ctx);

/** xorshift64 step on *state (never 0): the randomness of the fault injection, reproducible from a seed. */
uint64_t vb_rand(uint64_t *state);

/**
 * Flips `count` random bits in the used part of [address, address+size): from the start to the
 * last byte that is not 0xFF (nothing when all erased). Returns the number of bits flipped.
 */
uint32_t vb_flash_flip_bits(uint32_t address, uint32_t size, uint32_t count, uint64_t *rng);

/** The whole flash file as mapped in memory (every device back to back), and its size in bytes;
 *  NULL when not open. For snapshots in the fault campaign (writes bypass the gate). */
uint8_t *vb_flash_map(size_t *size);

/** The counters (valid while open). */
const vb_flash_stats *vb_flash_stats_get(void);

/** Zeroes all counters, including per-sector erase counts. */
void vb_flash_reset_counters(void);

/** Prints the counters and every sector erased at least once to `out`. */
void vb_flash_print_stats(FILE *out);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_FLASH_H */
