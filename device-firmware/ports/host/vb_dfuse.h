/*
 * piton-vboard: the STM32F405 ROM bootloader's USB side, a DFU 1.1 device with ST's DfuSe
 * extensions (USB DFU 1.1 §6; ST UM0424 / AN3156 "USB DFU protocol used in the STM32
 * bootloader"). Facts and sources: ../shared/design/ROM-LOADER.md §2. The memory it reads,
 * programs and erases is vb_rom.c's (vb_rom_mem_*): one chip, two front ends.
 *
 * Transport-free: vb_usb.c passes each class request to the DFU interface (bmRequestType 0x21
 * OUT / 0xA1 IN) to vb_dfuse_request() and sends back what it answers.
 *
 * Requests: DNLOAD (1), UPLOAD (2), GETSTATUS (3), CLRSTATUS (4), GETSTATE (5), ABORT (6);
 * DETACH (0) is stalled (a DFU-mode device has nothing to detach from).
 * DNLOAD block 0 carries a command (AN3156 §6): 21 a0..a3 Set Address Pointer (little-endian),
 * 41 a0..a3 erase the sector holding the address, 41 alone mass erase, 92 Read Unprotect (mass
 * erase, RDP level 0, reset). Blocks >= 2 are data at pointer + (block - 2) * VB_DFUSE_TRANSFER_SIZE;
 * block 1 writes nothing. UPLOAD block 0 answers the command list 00 21 41 92; block 1 stalls;
 * blocks >= 2 read at the same formula.
 * A command or data block runs when the host polls: the first GETSTATUS after the DNLOAD
 * answers dfuDNBUSY with a poll timeout, the operation runs after that answer has gone out
 * (vb_dfuse_after_status()), the next GETSTATUS answers dfuDNLOAD-IDLE, or dfuERROR with
 * errTARGET (bad address), errVENDOR (refused under readout protection), errWRITE (flash not
 * erased), errERASE, errWRP-like refusals as errVENDOR. A zero-length DNLOAD (leave) answers
 * dfuMANIFEST at the next GETSTATUS and then the chip leaves the ROM (Go to the address
 * pointer: run what is in flash).
 * Poll timeouts (emulation figures, scaled down from the datasheet's so tests stay quick; the
 * emulation finishes every operation before it answers the next GETSTATUS): sector erase
 * VB_DFUSE_POLL_ERASE_MS, mass erase and Read Unprotect VB_DFUSE_POLL_MASS_ERASE_MS (never 100:
 * dfu-util then waits 35 s, "STM32F405 lies about mass erase timeout"), a data block
 * VB_DFUSE_POLL_PROGRAM_MS, Set Address Pointer and the leave VB_DFUSE_POLL_OTHER_MS.
 */
#ifndef PITON_VBOARD_DFUSE_H
#define PITON_VBOARD_DFUSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VB_DFUSE_POLL_ERASE_MS 40u
#define VB_DFUSE_POLL_MASS_ERASE_MS 500u
#define VB_DFUSE_POLL_PROGRAM_MS 8u
#define VB_DFUSE_POLL_OTHER_MS 1u
#define VB_DFUSE_TRANSFER_SIZE 2048u /* wTransferSize of the F4 ROM (functional descriptor) */
#define VB_DFUSE_VID 0x0483u
#define VB_DFUSE_PID 0xDF11u
#define VB_DFUSE_BCD_DEVICE 0x2100u  /* dfu-util device-logs/stm32f4discovery.lsusb */
#define VB_DFUSE_MANUFACTURER "STMicroelectronics"
#define VB_DFUSE_PRODUCT "STM32  BOOTLOADER"
/* Alternate settings of the F4 ROM (ROM-LOADER.md §2); only alternate 0 is selectable on a
 * kernel without FunctionFS get_alt (before 6.10): see docs/usb.md. */
#define VB_DFUSE_ALT_COUNT 4u
extern const char *const vb_dfuse_alt_names[VB_DFUSE_ALT_COUNT];

enum {
    VB_DFU_DETACH = 0, VB_DFU_DNLOAD = 1, VB_DFU_UPLOAD = 2, VB_DFU_GETSTATUS = 3,
    VB_DFU_CLRSTATUS = 4, VB_DFU_GETSTATE = 5, VB_DFU_ABORT = 6
};

/* DFU 1.1 §6.1.2 states and status codes. */
enum {
    VB_DFU_STATE_IDLE = 2, VB_DFU_STATE_DNLOAD_SYNC = 3, VB_DFU_STATE_DNBUSY = 4, VB_DFU_STATE_DNLOAD_IDLE = 5,
    VB_DFU_STATE_MANIFEST_SYNC = 6, VB_DFU_STATE_MANIFEST = 7, VB_DFU_STATE_MANIFEST_WAIT_RESET = 8,
    VB_DFU_STATE_UPLOAD_IDLE = 9, VB_DFU_STATE_ERROR = 10
};
enum {
    VB_DFU_OK = 0x00, VB_DFU_ERR_TARGET = 0x01, VB_DFU_ERR_WRITE = 0x03, VB_DFU_ERR_ERASE = 0x04,
    VB_DFU_ERR_VENDOR = 0x0B, VB_DFU_ERR_STALLEDPKT = 0x0F
};

/** What the USB side does with a request's answer. */
typedef enum {
    VB_DFUSE_STALL = 0, /* stall the request (protocol error); the state is dfuERROR/errSTALLEDPKT */
    VB_DFUSE_ANSWER     /* IN: send the *out_len bytes of `out`; OUT: acknowledge */
} vb_dfuse_reply;

/** What the chip does once the answer has gone out (vb_dfuse_after_status). */
typedef enum {
    VB_DFUSE_STAY = 0,
    VB_DFUSE_RESET,     /* Read Unprotect or an option-byte write: reset (BOOT0 decides again) */
    VB_DFUSE_GO         /* leave: run from flash (the address pointer) */
} vb_dfuse_action;

/** Back to dfuIDLE/OK with the address pointer at 0x08000000 (power-on, each enumeration). */
void vb_dfuse_reset(void);

/**
 * One class request. `in`: device-to-host. `data`/`len`: the OUT data stage (DNLOAD).
 * For IN requests the answer goes to `out` (at least `out_cap` bytes, >= VB_DFUSE_TRANSFER_SIZE)
 * and *out_len. Every refusal is logged on stderr ("piton-vboard: dfu: ...").
 */
vb_dfuse_reply vb_dfuse_request(uint8_t request, bool in, uint16_t value, const uint8_t *data, size_t len,
                                uint16_t length, uint8_t *out, size_t out_cap, size_t *out_len);

/** Runs what the GETSTATUS just answered announced (the DNBUSY command or block, or the leave).
 *  Call after the answer has been sent. VB_DFUSE_GO gives the address in *go_address. */
vb_dfuse_action vb_dfuse_after_status(uint32_t *go_address);

/** The current DFU state (for logs and tests). */
uint8_t vb_dfuse_state(void);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_DFUSE_H */
