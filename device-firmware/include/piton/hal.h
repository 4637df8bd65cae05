/*
 * Piton device HAL — what a port (a real MCU, or ports/host = piton-vboard) provides to the
 * portable bootloader and update agent. C11, no heap. All functions are called from one thread.
 *
 * Addresses are absolute (as in the board's memory map); lengths are bytes.
 */
#ifndef PITON_HAL_H
#define PITON_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Board description (filled by the port at start-up; constant afterwards) -------------- */

#define PT_MAX_REGIONS 8u
#define PT_MAX_SECTOR_RUNS 8u
#define PT_MAX_TRUSTED_KEYS 2u
#define PT_PUBKEY_DER_MAX 128u /* DER SubjectPublicKeyInfo of a P-256 key is 91 bytes */
#define PT_UNIQUE_ID_MAX 16u

/** A run of `count` equal sectors of `size` bytes. */
typedef struct {
    uint16_t count;
    uint32_t size;
} pt_sector_run;

/** A named flash region (docs/protocol.md §4.3). Its index in pt_board.regions is its wire id. */
typedef struct {
    char name[16];              /* NUL-terminated, at most 15 characters */
    uint32_t address;           /* absolute address of the first byte */
    uint32_t size;              /* bytes */
    uint32_t flags;             /* PT_REGION_* from protocol.h */
    uint8_t run_count;          /* 1..PT_MAX_SECTOR_RUNS */
    pt_sector_run runs[PT_MAX_SECTOR_RUNS]; /* the region's sectors, in address order */
} pt_region;

/** A trusted public key: DER SubjectPublicKeyInfo (ECDSA P-256). */
typedef struct {
    uint16_t der_len;
    uint8_t der[PT_PUBKEY_DER_MAX];
} pt_trusted_key;

/**
 * What the bootloader and agent know about the board they run on. On a real MCU this is
 * compiled in plus the factory provisioning block; piton-vboard builds it from the board profile
 * JSON and the provisioning block in its flash file.
 */
typedef struct {
    char board_id[32];          /* NUL-terminated */
    uint8_t unique_id[PT_UNIQUE_ID_MAX];
    uint8_t unique_id_len;
    bool locked;                /* production device: no raw writes */
    uint8_t trusted_key_count;
    pt_trusted_key trusted_keys[PT_MAX_TRUSTED_KEYS];
    uint8_t region_count;
    pt_region regions[PT_MAX_REGIONS];
    uint32_t session_timeout_ms; /* idle time after which a session releases the board;
                                  * 0 = PT_SESSION_TIMEOUT_MS (docs/protocol.md §5) */
} pt_board;

/** The board this code runs on. Never NULL after the port's start-up. */
const pt_board *pt_hal_board(void);

/* ---- Flash (NOR semantics) ---------------------------------------------------------------- */

typedef enum {
    PT_HAL_OK = 0,
    PT_HAL_E_RANGE = -1,       /* address/length outside every flash device */
    PT_HAL_E_NOT_ERASED = -2,  /* program would set a bit that is 0; nothing written */
    PT_HAL_E_ALIGNMENT = -3,   /* erase address is not a sector start */
    PT_HAL_E_IO = -4           /* the medium failed */
} pt_hal_result;

/** Reads `len` bytes at `address` into `buf`. */
pt_hal_result pt_hal_flash_read(uint32_t address, void *buf, uint32_t len);

/**
 * Programs `len` bytes at `address`. NOR rule: programming can only clear bits. If any byte
 * would need a 0 bit set to 1, returns PT_HAL_E_NOT_ERASED and writes nothing.
 * May cross sector boundaries but not flash-device boundaries.
 */
pt_hal_result pt_hal_flash_program(uint32_t address, const void *buf, uint32_t len);

/** Erases the sector that starts at `address` (all bytes become 0xFF). */
pt_hal_result pt_hal_flash_erase_sector(uint32_t address);

/** Finds the sector containing `address`: its start and size. PT_HAL_E_RANGE if none. */
pt_hal_result pt_hal_flash_sector_of(uint32_t address, uint32_t *start, uint32_t *size);

/* ---- Clock, reset, retained state ---------------------------------------------------------- */

/** Milliseconds since power-on (wraps after 49 days). */
uint32_t pt_hal_millis(void);

/**
 * Resets the board: the port restarts the bootloader from the top (pt_boot()). Any link the
 * workstation holds drops for the reset. Does not return.
 */
_Noreturn void pt_hal_reset(void);

/**
 * Retained RAM: survives a reset (pt_hal_reset) but not a power cycle, where the port zeroes it.
 * Used for the "stay in the bootloader" request and the boot counter.
 */
typedef struct {
    uint32_t magic;             /* PT_RETAINED_MAGIC when the fields below are meaningful */
    uint32_t request;           /* enum pt_reboot_mode requested by the last REBOOT */
    uint32_t boot_count;        /* resets since power-on */
    uint32_t reserved[5];
} pt_retained;
#define PT_RETAINED_MAGIC 0x50545254u /* "PTRT" */

/** The retained RAM block. Never NULL. */
pt_retained *pt_hal_retained(void);

/* ---- Diagnostics --------------------------------------------------------------------------- */

/**
 * Records one line of the device's own log (NUL-terminated UTF-8, no newline, at most 200
 * bytes), e.g. "session: taken over by ...". A board writes it to its debug UART or a log
 * buffer; piton-vboard prints it to stderr. Must not block for long and may drop lines.
 */
void pt_hal_log(const char *line);

#ifdef __cplusplus
}
#endif

#endif /* PITON_HAL_H */
