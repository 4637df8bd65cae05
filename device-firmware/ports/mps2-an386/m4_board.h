/*
 * mps2-an386 port (QEMU 7.2 `-machine mps2-an386`, Cortex-M4F): what the port's files share.
 * The port implements include/piton/hal.h; device-firmware/common knows nothing of it.
 *
 * Memory map used by this port (resources/boards/mps2-an386.json says the same):
 *   0x00000000  ZBT SSRAM1 4 MB      unused
 *   0x20000000  ZBT SSRAM2/3 4 MB    RAM: retained block (256 B), the bootloader's .data/.bss/stack
 *                                    (to 0x20010000), the application's (0x20010000-0x20040000)
 *   0x21000000  PSRAM 16 MB          "flash": QEMU's machine RAM backed by the flash file
 *                                    (-object memory-backend-file,share=on); this port gives
 *                                    the first 1 MB NOR semantics (256 sectors of 4 KB)
 *   0x40004000  CMSDK APB UART0      the protocol link (QEMU -serial pty)
 *   0x40005000  CMSDK APB UART1      log and heartbeat (QEMU -serial file:...)
 *   0x40008000  CMSDK APB watchdog   started for the application (NMI -> reset)
 * The CPU starts from the vector table at 0x21000000 (armv7m.init-svtor), the bootloader.
 */
#ifndef PITON_M4_BOARD_H
#define PITON_M4_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/device.h"

#define M4_FLASH_BASE 0x21000000u
#define M4_FLASH_SIZE 0x00100000u
#define M4_SECTOR_SIZE 4096u
#define M4_BOOTLOADER_SIZE 0x10000u                    /* region: image + provisioning sector */
#define M4_PROVISION_ADDRESS (M4_FLASH_BASE + M4_BOOTLOADER_SIZE - M4_SECTOR_SIZE)
/* Inside the provisioning sector (scripts/m4-board writes them; m4_hal.c reads them): the
 * provisioning block at 0, the access block (piton-vboard's layout) at 1024, the lock word
 * (LOCK), the reset epoch bits of the nonces (pt_hal_nonce). */
#define M4_ACCESS_OFFSET 1024u
#define M4_LOCK_OFFSET 0xBF0u
#define M4_EPOCH_OFFSET 0xC00u
#define M4_EPOCH_BYTES 1024u
/* The key store (keyset.h, pt_board.keystore_*): the two 4 KB sectors of its own below the
 * provisioning sector, as piton-vboard's uniform-4k board keeps it: 8 slots of 1024 bytes. The
 * factory (scripts/m4-board) writes key set generation 0 (package, access and root keys) into slot
 * 0; key updates append. The bootloader image ends below it (bootloader.ld). */
#define M4_KEYSTORE_ADDRESS (M4_PROVISION_ADDRESS - 2u * M4_SECTOR_SIZE)
#define M4_KEYSTORE_SIZE (2u * M4_SECTOR_SIZE)
#define M4_APP_ADDRESS 0x21020000u                     /* the deployment region */
#define M4_APP_SIZE 0x40000u
#define M4_RAM_BASE 0x20000000u
#define M4_RAM_SIZE 0x00400000u
#define M4_CPU_HZ 25000000u                            /* QEMU mps2 SYSCLK */
/* The UART's receive ring (bytes): what arrives while the core serves a request. PING sizes the
 * window to it (pt_link.rx_fifo, docs/protocol.md §4.1): 6144 grants 3 x 3056-byte frames, which
 * keeps a 921600-baud line with 16 ms adapter latency at 0.98 of its rate where 2048 (2 x 2032)
 * gave 0.69 (docs/performance.md). Port RAM, beside the agent's 10 KB budget (scripts/m4-size). */
#define M4_UART_RX_RING 6144u
#define M4_BOARD_ID "mps2-an386"

/* Start-up shared by both images: m4_board_start(), then m4_board_provision(). False (after
 * logging why) when the board is not provisioned. */
bool m4_board_init(void);

/* The first half of m4_board_init(): SysTick and the UARTs (so pt_hal_log works). The
 * application binds the bootloader's service table between the two halves: its agent's pt_crc32,
 * with which the provisioning block is checked, is the bootloader's (common/services.h). */
void m4_board_start(void);

/* The second half: the board from the provisioning block; false, after logging why, when it is
 * not valid. */
bool m4_board_provision(void);

/* Marks a region protected (read only for the host) from now until the next reset. The
 * application does it for `deployment`, which it executes in place from. */
void m4_protect_region(const char *name);

/* Serves the protocol on UART0 for ever; calls `idle` (may be NULL: the application's
 * heartbeat and Ethernet) on every round, and sleeps until the next interrupt only when neither
 * UART0 nor `idle` (true: it did work) had anything to do. */
_Noreturn void m4_serve(bool (*idle)(void));

/* Sets up .data and .bss as the reset handler does (startup.c). */
void m4_init_statics(void);

/* Fills the board (pt_hal_board) from the compiled-in regions and the provisioning block; false
 * when the block is not valid (m4_hal.c). */
bool m4_load_provisioning(void);

/* Flash program and erase operations since reset (m4_flash.c, the bootloader's driver). */
uint32_t m4_flash_ops(void);
/* From now on the driver serves the application (the service table): no power-cut injection. */
void m4_flash_serving_application(void);

/* The bootloader's service table (common/services.h): right after the 32-entry vector table at
 * the start of the bootloader image (sections.ld places it there, bootloader.ld checks). */
#define M4_SERVICES_ADDRESS (M4_FLASH_BASE + 0x80u)

/* UARTs. */
void m4_uart_init(void);
void m4_uart0_write(const uint8_t *data, uint32_t len);
uint32_t m4_uart0_read(uint8_t *buf, uint32_t max); /* bytes the RX interrupt buffered */
void m4_log_write(const char *text);                 /* UART1 */

/* mbed TLS heap: a static arena (m4_crypto.c, the bootloader only). */
void m4_crypto_init(void);
/* The arena's high-water mark in bytes and its *size (0 in the application, which has none). */
uint32_t m4_arena_usage(uint32_t *size);

/* Logs "usage: stack N B, crypto arena N of M B" when a high-water mark grew (m4_crypto.c). */
void m4_report_usage(void);
/* Appends the decimal digits of `v` to the NUL-terminated `text`. */
void m4_append_decimal(char *text, uint32_t v);
#define M4_STACK_PAINT 0x5A5A5A5Au

/* CMSDK APB watchdog (0x40008000; its interrupt is the NMI, whose handler resets the board).
 * The bootloader starts it before it jumps to the application; the serving loop kicks it. */
void m4_watchdog_start(uint32_t ms);
void m4_watchdog_kick(void);
#define M4_WATCHDOG_MS 2000u

/* Resets the system (AIRCR.SYSRESETREQ); RAM survives, as retained RAM on a real MCU. */
_Noreturn void m4_system_reset(void);

#endif
