/*
 * piton-vboard: the STM32F405's ROM bootloader (system memory), as it serves on USART1 per
 * ST AN3155 "USART protocol used in the STM32 bootloader" (rev 14) and AN2606 (F40x/41x: PID
 * 0x413, bootloader version 3.1). Facts and their sources: ../shared/design/ROM-LOADER.md §1.
 *
 * Byte-driven state machine, no heap: the port feeds the bytes that arrive on the serial pty
 * (vb_rom_feed) and the ROM answers through the send function given to vb_rom_init.
 *
 * Memory map (addresses absolute, sizes in bytes):
 *   0x08000000  internal flash: the profile's flash device at that address (stm32f4-ref: 1 MiB,
 *               sectors 4 x 16 KiB, 1 x 64 KiB, 7 x 128 KiB); read, write, erase through the
 *               vb_flash layer (NOR rule, counters, fault seam)
 *   0x1FFF0000  system memory, 30 KiB: read only (filled with a fixed pattern: the ROM's code
 *               is not emulated)
 *   0x1FFF7800  OTP area, 528 bytes: read only, 0xFF
 *   0x1FFFC000  option bytes, 16 bytes: [0] USER 0xEC, [1] RDP (0xAA level 0, 0xCC level 2,
 *               anything else level 1), [8..9] nWRP little-endian (bit n = 1: sector n not
 *               write protected), the rest 0xFF (default image per RM0090, [unverified]).
 *               Kept in memory for the life of the process (a new piton-vboard starts with the
 *               defaults).
 *   0x20000000  SRAM, 128 KiB: read; write at 0x20003000 and above (the ROM keeps the first
 *               12 KiB). Code in RAM cannot run: Go there resets and boots from flash.
 *
 * Commands (Get lists them): 0x00 Get, 0x01 Get Version (0x31), 0x02 Get ID (0x0413), 0x11 Read
 * Memory, 0x21 Go, 0x31 Write Memory, 0x44 Extended Erase, 0x63 Write Protect, 0x73 Write
 * Unprotect, 0x82 Readout Protect, 0x92 Readout Unprotect. NACK (0x1F) for: a command byte whose
 * complement does not follow, an unknown command (0x43 legacy Erase included: the F4 has 0x44),
 * a bad address or data checksum, an address outside the map, a read or write that crosses the
 * end of its memory area or asks for more than 256 bytes, a write whose address or length is not
 * a multiple of 4, a write to ROM-reserved RAM, system memory or OTP, a flash write over bytes
 * that are not erased (the NOR rule) or into a write-protected sector, an erase list with a
 * sector number >= the sector count or a reserved special count (0xFFF0..0xFFFC, and 0xFFFE /
 * 0xFFFD bank erases, as the F405 is single-bank [unverified]), RDP level 2 asked by an
 * option-byte write; and, while readout protection is active, Read, Write, Go, Erase, Write
 * Protect, Write Unprotect and Readout Protect (Get, Get Version, Get ID and Readout Unprotect
 * still work). Bad input changes nothing: an erase list is checked completely before the first
 * sector is erased. Erasing a write-protected sector is skipped without error (AN3155).
 * Every refusal is logged on stderr ("piton-vboard: rom: NACK ...").
 *
 * After Readout Protect, Readout Unprotect (mass erase first), Write Protect, Write Unprotect
 * and an option-byte write, the chip resets (vb_rom_feed returns VB_ROM_RESET); Go returns
 * VB_ROM_GO. Partial commands are dropped after VB_ROM_IDLE_MS without a byte (emulation
 * choice; a real ROM waits). Parity: a pty carries none (ROM-LOADER.md §3), so the emulation
 * takes bytes as they come: 8N1 and 8E1 differ only in the pty's rejected termios flags.
 */
#ifndef PITON_VBOARD_ROM_H
#define PITON_VBOARD_ROM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vb_profile.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_ROM_ACK 0x79u
#define VB_ROM_NACK 0x1Fu
#define VB_ROM_SYNC 0x7Fu
#define VB_ROM_VERSION 0x31u
#define VB_ROM_PID 0x0413u
#define VB_ROM_MAX_BLOCK 256u       /* bytes per Read / Write Memory */
#define VB_ROM_IDLE_MS 2000u
#define VB_ROM_FLASH_BASE 0x08000000u
#define VB_ROM_SYSMEM_BASE 0x1FFF0000u
#define VB_ROM_SYSMEM_SIZE 0x7800u
#define VB_ROM_OTP_BASE 0x1FFF7800u
#define VB_ROM_OTP_SIZE 528u
#define VB_ROM_OPTION_BASE 0x1FFFC000u
#define VB_ROM_OPTION_SIZE 16u
#define VB_ROM_SRAM_BASE 0x20000000u
#define VB_ROM_SRAM_SIZE 0x20000u
#define VB_ROM_SRAM_RESERVED 0x3000u /* first bytes of SRAM the ROM uses itself */
#define VB_ROM_MAX_SECTORS 32u

/** Sends bytes to the host (the serial pty); blocks until they are written. */
typedef void (*vb_rom_send_fn)(void *ctx, const uint8_t *data, size_t len);

/** What the chip does after the bytes just fed. */
typedef enum {
    VB_ROM_STAY = 0,   /* keep serving */
    VB_ROM_RESET = 1,  /* system reset (BOOT0 decides again what runs) */
    VB_ROM_GO = 2      /* Go: run from flash (the address is in *go_address) */
} vb_rom_action;

/**
 * Checks that profile `p` has an internal flash device at VB_ROM_FLASH_BASE with at most
 * VB_ROM_MAX_SECTORS sectors (the chip this ROM belongs to) and binds the ROM to it and to
 * `send(ctx, ...)`. Option bytes start at their defaults. False with `err` (VB_ERROR_MAX).
 */
bool vb_rom_init(const vb_profile *p, vb_rom_send_fn send, void *ctx, char *err);

/** The chip (re)starts in the ROM: waits for the 0x7F synchronisation byte; SRAM is kept. */
void vb_rom_enter(void);

/**
 * Handles `n` received bytes. Returns VB_ROM_STAY, or the reset / Go that a command ended with
 * (bytes after it are dropped, as a reset would lose them); for VB_ROM_GO, *go_address (may be
 * NULL) gets the address.
 */
vb_rom_action vb_rom_feed(const uint8_t *data, size_t n, uint32_t *go_address);

/** Drops a partial command after VB_ROM_IDLE_MS without a byte (call from the main loop). */
void vb_rom_poll(void);

/** Fault injection (--rom-fault): how the next Read Memory commands fail. */
typedef enum {
    VB_ROM_FAULT_NONE = 0,
    VB_ROM_FAULT_READ_NACK = 1, /* NACK to the address, as a damaged address checksum would get */
    VB_ROM_FAULT_READ_DROP = 2  /* the command ACKed, then dropped as VB_ROM_IDLE_MS of silence would
                                 * drop it: the address bytes that follow are taken as command bytes
                                 * (NACKs; the fifth is left pending as a command byte) */,
    VB_ROM_FAULT_READ_NACK_AFTER = 3 /* the first `count` Read Memory commands answered, every later
                                      * one NACKed at its address: a ROM that stops serving reads
                                      * part way (a key area read only in part) */,
    VB_ROM_FAULT_READ_CHANGE_AFTER = 4 /* the first `count` Read Memory commands answered as the
                                        * memory holds, every later one (until the next erase)
                                        * with its first byte inverted, the memory unchanged: a
                                        * chip that answers differently the second time, or a
                                        * board swapped between two reads */
} vb_rom_fault_kind;

/** The next `count` Read Memory commands (counted over resets) fail as `kind` says, each logged
 *  ("piton-vboard: rom: fault: ..."); for VB_ROM_FAULT_READ_NACK_AFTER the next `count` succeed
 *  and all later ones fail. VB_ROM_FAULT_NONE or 0 turns it off. */
void vb_rom_set_fault(vb_rom_fault_kind kind, uint32_t count);

/** Read Memory commands the ROM answered with data (AN3155), in all and before the first erase
 *  of any sector (what a host read before it changed anything), for --stats. */
void vb_rom_read_counts(uint64_t *total, uint64_t *before_first_erase);

/** True while readout protection (RDP level 1) is active. */
bool vb_rom_readout_protected(void);

/** The 16 option bytes at VB_ROM_OPTION_BASE. */
const uint8_t *vb_rom_option_bytes(void);

/*
 * The chip's memory, as the ROM sees it: one model for both front ends, AN3155 on the serial
 * link (here) and DfuSe on USB (vb_dfuse.h). Addresses absolute, lengths in bytes; `why`
 * (VB_ROM_WHY_MAX bytes) receives the reason of a refusal, for the log. None of these checks
 * readout protection (the front ends decide what RDP allows) or alignment (AN3155's 4-byte
 * rule is the serial front end's; DfuSe writes any length).
 */
#define VB_ROM_WHY_MAX 160u

typedef enum {
    VB_ROM_MEM_OK = 0,
    VB_ROM_MEM_OUTSIDE,   /* not inside one memory area of the map */
    VB_ROM_MEM_PROTECTED, /* a write-protected sector (nWRP) */
    VB_ROM_MEM_REFUSED,   /* read-only area, ROM-reserved RAM, flash not erased (NOR rule), RDP level 2 */
    VB_ROM_MEM_RESET      /* done: option bytes written, the chip resets now */
} vb_rom_mem_result;

/** Reads `len` bytes at `address` (flash, system memory, OTP, option bytes, SRAM). */
vb_rom_mem_result vb_rom_mem_read(uint32_t address, uint8_t *out, uint32_t len, char *why);

/** Writes `len` (> 0) bytes: flash under the NOR rule outside write-protected sectors, SRAM at
 *  and above the ROM's reserved part, option bytes (then VB_ROM_MEM_RESET). */
vb_rom_mem_result vb_rom_mem_write(uint32_t address, const uint8_t *data, uint32_t len, char *why);

/** Erases the internal flash sector holding `address`; *sector_size (may be NULL) gets its
 *  size. A write-protected sector is skipped with a log line and VB_ROM_MEM_OK (AN3155). */
vb_rom_mem_result vb_rom_mem_erase_at(uint32_t address, uint32_t *sector_size, char *why);

/** Erases every internal flash sector; VB_ROM_MEM_PROTECTED when one is write protected. */
vb_rom_mem_result vb_rom_mem_mass_erase(char *why);

/** Readout Unprotect: mass erase (write protection ignored), RDP back to level 0, SRAM cleared.
 *  The caller resets the chip afterwards. */
void vb_rom_mem_readout_unprotect(void);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_ROM_H */
