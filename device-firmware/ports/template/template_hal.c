/*
 * ports/template: an annotated empty HAL. Copy this directory to ports/<your-board>, rename the
 * files, and fill every TODO; nothing in device-firmware/common changes for a port. The contract
 * is include/piton/hal.h (units, errors) and docs/porting.md (NOR rules, budgets, the service
 * table); ports/host (piton-vboard) and ports/mps2-an386 (a Cortex-M4 in QEMU) are worked ports.
 *
 * Every function is called from one thread, the port's main loop (template_main.c), never from
 * an interrupt. Addresses are absolute (the board's memory map), lengths bytes, times ms.
 *
 * Not here: hal.h's crypto (pt_hal_sha256_start/update/finish, pt_hal_p256_verify). Link
 * device-firmware/crypto/pt_crypto_mbedtls.c with mbed TLS 2.28 built for your target (the
 * CMakeLists shows how), or, in an application image whose bootloader exports the service table
 * (common/services.h), link device-firmware/services/services_client.c instead.
 *
 * This file compiles as it is (the host build checks it: test device.template), so it cannot
 * fall behind hal.h; as shipped every function fails, and the board cannot boot.
 */
#include <string.h>

#include "piton/hal.h"
#include "piton/protocol.h"

/* ---- Board description ----------------------------------------------------------------------
 * TODO: your flash layout. The index in this table is the wire id of the region (REGIONS,
 * docs/protocol.md §4.3); it must equal resources/boards/<board>.json, which the workstation
 * reads. Names with a meaning are constants (PT_REGION_NAME_*): the bootloader's region, the
 * targets of payloads (firmware, deployment), bootstate and backup; the staging and config
 * regions are found by their flags. Sector runs list the region's sectors in address order and
 * must agree with pt_hal_flash_sector_of. */
static const pt_region k_regions[] = {
    {.name = PT_REGION_NAME_BOOTLOADER,
     .address = 0x08000000u, /* TODO */
     .size = 0x8000u,
     .flags = PT_REGION_PROTECTED,
     .run_count = 1,
     .runs = {{.count = 2, .size = 0x4000u}}},
    /* TODO: config (PT_REGION_CONFIG), bootstate (PT_REGION_PROTECTED, >= 2 sectors), deployment
     * and/or firmware (PT_REGION_IMAGE), a staging region (PT_REGION_STAGING, holds a whole
     * package), backup (PT_REGION_PROTECTED, holds the images a package replaces). */
};
_Static_assert(sizeof k_regions / sizeof k_regions[0] <= PT_MAX_REGIONS, "at most PT_MAX_REGIONS regions");

static pt_board s_board;

/* Fills s_board once at start-up (template_main.c): what is compiled in (board id, regions)
 * plus the factory provisioning block (unique id, locked flag, trusted keys: DER
 * SubjectPublicKeyInfo of ECDSA P-256 keys, 91 bytes each). False when the board is not
 * provisioned (the port then refuses to run; ports/mps2-an386/m4_hal.c reads the layout of
 * ports/host/vb_provision.h from flash). */
bool template_board_init(void);
bool template_board_init(void)
{
    memset(&s_board, 0, sizeof s_board);
    strcpy(s_board.board_id, "template"); /* TODO: the profile's id, at most 31 characters */
    s_board.region_count = (uint8_t)(sizeof k_regions / sizeof k_regions[0]);
    memcpy(s_board.regions, k_regions, sizeof k_regions);
    /* TODO: unique_id/unique_id_len (e.g. the MCU's UID registers), locked, trusted_keys from
     * your provisioning block, root_keys if the factory provisions any (docs/security.md);
     * session_timeout_ms (0 = PT_SESSION_TIMEOUT_MS); keystore_address/keystore_size: erased
     * protected flash the core programs key updates into, slot by slot; give it two erase sectors
     * of its own and the core reclaims the one without the key set in force when every slot is
     * used, else it never erases it (docs/security.md "Key store"; 0 = no key updates). */
    return false; /* TODO: true once the board is filled from a valid provisioning block */
}

/** Never NULL; constant after template_board_init. */
const pt_board *pt_hal_board(void) { return &s_board; }

/* ---- Flash (NOR semantics) ------------------------------------------------------------------
 * Every region's bytes must be reachable through these, including external flash
 * (PT_REGION_EXTERNAL). A flash operation that takes longer than your watchdog's period must
 * kick the watchdog inside it. */

/** Copies `len` bytes at `address` into `buf`. PT_HAL_E_RANGE when the range is not inside one
 *  flash device; PT_HAL_E_IO when the medium fails. */
pt_hal_result pt_hal_flash_read(uint32_t address, void *buf, uint32_t len)
{
    (void)address;
    (void)buf;
    (void)len;
    return PT_HAL_E_IO; /* TODO: memcpy from memory-mapped flash, or your external flash driver */
}

/** Programs `len` bytes at `address`. NOR rule: programming only clears bits. Check first: if
 *  any byte would need a 0 bit set to 1 ((current & new) != new), return PT_HAL_E_NOT_ERASED and
 *  write nothing. May cross sectors, not devices (PT_HAL_E_RANGE). Respect your controller's
 *  program unit (e.g. 8 bytes on some parts: merge with the bytes around, which the NOR check
 *  makes safe). PT_HAL_E_IO when the controller reports an error. */
pt_hal_result pt_hal_flash_program(uint32_t address, const void *buf, uint32_t len)
{
    (void)address;
    (void)buf;
    (void)len;
    return PT_HAL_E_IO; /* TODO: unlock, program, wait, lock, verify */
}

/** Erases the sector that starts at `address`: all its bytes become 0xFF. PT_HAL_E_ALIGNMENT
 *  when `address` is not a sector start, PT_HAL_E_RANGE outside flash, PT_HAL_E_IO on error. */
pt_hal_result pt_hal_flash_erase_sector(uint32_t address)
{
    (void)address;
    return PT_HAL_E_IO; /* TODO */
}

/** The sector holding `address`: its start and size in bytes. PT_HAL_E_RANGE outside flash.
 *  Must agree with the region table's sector runs. */
pt_hal_result pt_hal_flash_sector_of(uint32_t address, uint32_t *start, uint32_t *size)
{
    (void)address;
    *start = 0;
    *size = 0;
    return PT_HAL_E_RANGE; /* TODO: from your sector geometry */
}

/* ---- Clock, reset, retained state ------------------------------------------------------------ */

/** Random bytes for authenticated sessions (only with PT_SEALED_SESSIONS): the MCU's TRNG, e.g.
 *  the STM32 RNG peripheral. Must fail rather than return predictable bytes. */
pt_hal_result pt_hal_random(uint8_t *out, uint32_t len)
{
    (void)out;
    (void)len;
    return PT_HAL_E_IO; /* TODO */
}

/** A nonce never handed out before, across resets (only with PT_NONCE_AUTH, the signed-nonce
 *  mode of docs/protocol.md §6.6): 32 bytes of the TRNG; without one, a counter kept in flash
 *  that grows at every reset hashed with a counter since reset (ports/mps2-an386/m4_hal.c). */
void pt_hal_nonce(uint8_t out[32])
{
    memset(out, 0, 32); /* TODO: never the same twice */
}

/** Seconds since 1970 UTC from an RTC, or 0 without one (docs/security.md "Credentials"). */
uint32_t pt_hal_unix_time(void)
{
    return 0; /* TODO */
}

/** Milliseconds since power-on, wrapping at 2^32 (the core only subtracts); at least 1 ms
 *  resolution. E.g. a SysTick interrupt counting a volatile variable. */
uint32_t pt_hal_millis(void)
{
    return 0; /* TODO */
}

/** Restarts the board so that the bootloader runs from the top (pt_boot() again); does not
 *  return. Links drop. On a Cortex-M: AIRCR.SYSRESETREQ. Must not clear the retained block. */
_Noreturn void pt_hal_reset(void)
{
    for (;;) {
        /* TODO: request a system reset */
    }
}

/* TODO: place this where a reset does not clear it (a linker section outside .bss that the
 * start-up code does not zero; both images at the same address when the bootloader and the
 * application are separate images). A power cycle may leave garbage: the core checks magic. */
static pt_retained s_retained;

/** The block that survives pt_hal_reset() but not a power cycle: the "stay in the bootloader"
 *  request and the boot counter. Never NULL. */
pt_retained *pt_hal_retained(void) { return &s_retained; }

/* ---- Production lock ------------------------------------------------------------------------- */

/** Sets the locked flag of the board's provisioning for good (OTP, option bytes) and in the
 *  pt_board that pt_hal_board() returns; PT_HAL_E_IO when it cannot, the board unchanged. */
pt_hal_result pt_hal_lock(void)
{
    return PT_HAL_E_IO; /* TODO */
}

/* ---- Diagnostics ----------------------------------------------------------------------------- */

/** One line of the device's log (UTF-8, no newline, at most 200 bytes). A debug UART (not the
 *  protocol's link: bytes between frames make the workstation resynchronise) or a RAM buffer;
 *  may drop lines; must not block for long. */
void pt_hal_log(const char *line)
{
    (void)line; /* TODO */
}
