/* piton-vboard: the STM32F405 ROM's DfuSe side. See vb_dfuse.h. */
#include "vb_dfuse.h"

#include "vb_rom.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const vb_dfuse_alt_names[VB_DFUSE_ALT_COUNT] = {
    "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg",
    "@Option Bytes  /0x1FFFC000/01*016 g",
    "@OTP Memory /0x1FFF7800/01*512 g,01*016 g",
    "@Device Feature/0xFFFF0000/01*004 g",
};

enum { CMD_GET = 0x00, CMD_SET_ADDRESS = 0x21, CMD_ERASE = 0x41, CMD_READ_UNPROTECT = 0x92 };

static struct {
    uint8_t state, status;
    uint32_t pointer;   /* address pointer (Set Address Pointer), default flash */
    bool pending;       /* a DNLOAD block waits for its GETSTATUS */
    bool run_after;     /* the GETSTATUS just answered announced it: run it in vb_dfuse_after_status */
    uint16_t block;
    uint32_t len;
    uint8_t buf[VB_DFUSE_TRANSFER_SIZE];
} d;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "piton-vboard: dfu: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void fail(uint8_t status, const char *why)
{
    logf_("dfuERROR (status 0x%02x): %s", (unsigned)status, why);
    d.state = VB_DFU_STATE_ERROR;
    d.status = status;
    d.pending = d.run_after = false;
}

static vb_dfuse_reply stall(uint8_t status, const char *why)
{
    fail(status, why);
    return VB_DFUSE_STALL;
}

static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

void vb_dfuse_reset(void)
{
    memset(&d, 0, sizeof d);
    d.state = VB_DFU_STATE_IDLE;
    d.status = VB_DFU_OK;
    d.pointer = VB_ROM_FLASH_BASE;
}

uint8_t vb_dfuse_state(void) { return d.state; }

static uint32_t poll_ms(void)
{
    if (d.state == VB_DFU_STATE_MANIFEST_SYNC) return VB_DFUSE_POLL_OTHER_MS;
    if (d.block >= 2) return VB_DFUSE_POLL_PROGRAM_MS;
    if (d.block == 1) return VB_DFUSE_POLL_OTHER_MS;
    if (d.buf[0] == CMD_ERASE && d.len == 5) return VB_DFUSE_POLL_ERASE_MS;
    if (d.buf[0] == CMD_ERASE || d.buf[0] == CMD_READ_UNPROTECT) return VB_DFUSE_POLL_MASS_ERASE_MS;
    return VB_DFUSE_POLL_OTHER_MS;
}

static vb_dfuse_reply dnload(uint16_t block, const uint8_t *data, size_t len)
{
    if (d.state != VB_DFU_STATE_IDLE && d.state != VB_DFU_STATE_DNLOAD_IDLE)
        return stall(VB_DFU_ERR_STALLEDPKT, "DNLOAD outside dfuIDLE / dfuDNLOAD-IDLE");
    if (len == 0) { /* leave (DfuSe): manifestation, then run from the address pointer */
        d.state = VB_DFU_STATE_MANIFEST_SYNC;
        d.pending = true;
        d.block = block;
        d.len = 0;
        return VB_DFUSE_ANSWER;
    }
    if (len > VB_DFUSE_TRANSFER_SIZE) return stall(VB_DFU_ERR_STALLEDPKT, "DNLOAD longer than wTransferSize");
    if (block == 0) {
        const bool ok = (data[0] == CMD_SET_ADDRESS && len == 5) || (data[0] == CMD_ERASE && (len == 5 || len == 1)) ||
                        (data[0] == CMD_READ_UNPROTECT && len == 1);
        if (!ok) {
            char why[96];
            snprintf(why, sizeof why, "unknown DfuSe command 0x%02x (%zu bytes)", (unsigned)data[0], len);
            return stall(VB_DFU_ERR_STALLEDPKT, why);
        }
    }
    memcpy(d.buf, data, len);
    d.len = (uint32_t)len;
    d.block = block;
    d.pending = true;
    d.state = VB_DFU_STATE_DNLOAD_SYNC;
    return VB_DFUSE_ANSWER;
}

static vb_dfuse_reply getstatus(uint8_t *out, size_t *out_len)
{
    uint32_t poll = 0;
    if (d.state == VB_DFU_STATE_DNLOAD_SYNC || d.state == VB_DFU_STATE_DNBUSY) {
        if (d.pending) {
            poll = poll_ms();
            d.state = VB_DFU_STATE_DNBUSY;
            d.run_after = true;
        } else {
            d.state = VB_DFU_STATE_DNLOAD_IDLE;
        }
    } else if (d.state == VB_DFU_STATE_MANIFEST_SYNC && d.pending) {
        poll = poll_ms();
        d.state = VB_DFU_STATE_MANIFEST;
        d.run_after = true;
    }
    out[0] = d.status;
    out[1] = (uint8_t)poll;
    out[2] = (uint8_t)(poll >> 8);
    out[3] = (uint8_t)(poll >> 16);
    out[4] = d.state;
    out[5] = 0;
    *out_len = 6;
    return VB_DFUSE_ANSWER;
}

static vb_dfuse_reply upload(uint16_t block, uint16_t length, uint8_t *out, size_t out_cap, size_t *out_len)
{
    if (d.state != VB_DFU_STATE_IDLE && d.state != VB_DFU_STATE_UPLOAD_IDLE)
        return stall(VB_DFU_ERR_STALLEDPKT, "UPLOAD outside dfuIDLE / dfuUPLOAD-IDLE");
    if (block == 0) {
        static const uint8_t commands[] = {CMD_GET, CMD_SET_ADDRESS, CMD_ERASE, CMD_READ_UNPROTECT};
        const size_t n = length < sizeof commands ? length : sizeof commands;
        memcpy(out, commands, n);
        *out_len = n;
        d.state = VB_DFU_STATE_UPLOAD_IDLE;
        return VB_DFUSE_ANSWER;
    }
    if (block == 1) return stall(VB_DFU_ERR_STALLEDPKT, "UPLOAD of block 1");
    if (vb_rom_readout_protected()) return stall(VB_DFU_ERR_VENDOR, "UPLOAD refused: readout protection is active");
    if (length > out_cap || length > VB_DFUSE_TRANSFER_SIZE) return stall(VB_DFU_ERR_STALLEDPKT, "UPLOAD longer than wTransferSize");
    const uint32_t address = d.pointer + (uint32_t)(block - 2u) * VB_DFUSE_TRANSFER_SIZE;
    char why[VB_ROM_WHY_MAX];
    if (length && vb_rom_mem_read(address, out, length, why) != VB_ROM_MEM_OK) return stall(VB_DFU_ERR_TARGET, why);
    *out_len = length;
    d.state = VB_DFU_STATE_UPLOAD_IDLE;
    return VB_DFUSE_ANSWER;
}

vb_dfuse_reply vb_dfuse_request(uint8_t request, bool in, uint16_t value, const uint8_t *data, size_t len,
                                uint16_t length, uint8_t *out, size_t out_cap, size_t *out_len)
{
    *out_len = 0;
    switch (request) {
    case VB_DFU_DNLOAD:
        if (in) break;
        return dnload(value, data, len);
    case VB_DFU_UPLOAD:
        if (!in) break;
        return upload(value, length, out, out_cap, out_len);
    case VB_DFU_GETSTATUS:
        if (!in || out_cap < 6) break;
        return getstatus(out, out_len);
    case VB_DFU_GETSTATE:
        if (!in || out_cap < 1) break;
        out[0] = d.state;
        *out_len = 1;
        return VB_DFUSE_ANSWER;
    case VB_DFU_CLRSTATUS:
        if (in || d.state != VB_DFU_STATE_ERROR) break;
        d.state = VB_DFU_STATE_IDLE;
        d.status = VB_DFU_OK;
        return VB_DFUSE_ANSWER;
    case VB_DFU_ABORT:
        if (in) break;
        if (d.state == VB_DFU_STATE_IDLE || d.state == VB_DFU_STATE_DNLOAD_SYNC || d.state == VB_DFU_STATE_DNLOAD_IDLE ||
            d.state == VB_DFU_STATE_MANIFEST_SYNC || d.state == VB_DFU_STATE_UPLOAD_IDLE) {
            d.state = VB_DFU_STATE_IDLE;
            d.pending = d.run_after = false;
            return VB_DFUSE_ANSWER;
        }
        break;
    default: break;
    }
    char why[80];
    snprintf(why, sizeof why, "request %u (%s) not valid in state %u", (unsigned)request, in ? "IN" : "OUT", (unsigned)d.state);
    return stall(VB_DFU_ERR_STALLEDPKT, why);
}

/* Block 0: the DfuSe command in d.buf. */
static vb_dfuse_action run_command(void)
{
    char why[VB_ROM_WHY_MAX];
    const uint8_t cmd = d.buf[0];
    const bool rdp = vb_rom_readout_protected();
    if (cmd == CMD_READ_UNPROTECT) {
        vb_rom_mem_readout_unprotect();
        logf_("Read Unprotect: flash mass erased, readout protection off; reset");
        return VB_DFUSE_RESET;
    }
    const uint32_t address = d.len == 5 ? le32(d.buf + 1) : 0;
    if (cmd == CMD_SET_ADDRESS) {
        uint8_t probe;
        if (vb_rom_mem_read(address, &probe, 1, why) != VB_ROM_MEM_OK) {
            snprintf(why, sizeof why, "Set Address Pointer 0x%08x: outside the memory map", (unsigned)address);
            fail(VB_DFU_ERR_TARGET, why);
            return VB_DFUSE_STAY;
        }
        d.pointer = address;
        return VB_DFUSE_STAY;
    }
    if (rdp) {
        fail(VB_DFU_ERR_VENDOR, "erase refused: readout protection is active");
        return VB_DFUSE_STAY;
    }
    const vb_rom_mem_result r = d.len == 5 ? vb_rom_mem_erase_at(address, NULL, why) : vb_rom_mem_mass_erase(why);
    if (r == VB_ROM_MEM_OUTSIDE) fail(VB_DFU_ERR_TARGET, why);
    else if (r == VB_ROM_MEM_PROTECTED) fail(VB_DFU_ERR_VENDOR, why);
    else if (r != VB_ROM_MEM_OK) fail(VB_DFU_ERR_ERASE, why);
    return VB_DFUSE_STAY;
}

static vb_dfuse_action run_block(void)
{
    if (vb_rom_readout_protected()) {
        fail(VB_DFU_ERR_VENDOR, "write refused: readout protection is active");
        return VB_DFUSE_STAY;
    }
    const uint32_t address = d.pointer + (uint32_t)(d.block - 2u) * VB_DFUSE_TRANSFER_SIZE;
    char why[VB_ROM_WHY_MAX];
    switch (vb_rom_mem_write(address, d.buf, d.len, why)) {
    case VB_ROM_MEM_OK: return VB_DFUSE_STAY;
    case VB_ROM_MEM_RESET: return VB_DFUSE_RESET;
    case VB_ROM_MEM_OUTSIDE: fail(VB_DFU_ERR_TARGET, why); return VB_DFUSE_STAY;
    case VB_ROM_MEM_PROTECTED: fail(VB_DFU_ERR_VENDOR, why); return VB_DFUSE_STAY;
    case VB_ROM_MEM_REFUSED: break;
    }
    fail(VB_DFU_ERR_WRITE, why);
    return VB_DFUSE_STAY;
}

vb_dfuse_action vb_dfuse_after_status(uint32_t *go_address)
{
    if (!d.run_after) return VB_DFUSE_STAY;
    d.run_after = false;
    d.pending = false;
    if (d.state == VB_DFU_STATE_MANIFEST) {
        d.state = VB_DFU_STATE_MANIFEST_WAIT_RESET; /* bitManifestationTolerant 0 */
        logf_("leave: run from 0x%08x", (unsigned)d.pointer);
        if (go_address) *go_address = d.pointer;
        return VB_DFUSE_GO;
    }
    vb_dfuse_action a = VB_DFUSE_STAY;
    if (d.block == 0) a = run_command();
    else if (d.block >= 2) a = run_block();
    if (d.state == VB_DFU_STATE_DNBUSY) d.state = VB_DFU_STATE_DNLOAD_SYNC; /* the next GETSTATUS: dfuDNLOAD-IDLE */
    return a;
}
