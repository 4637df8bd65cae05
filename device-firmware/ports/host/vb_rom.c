/* piton-vboard: the STM32F405 ROM bootloader per AN3155. See vb_rom.h. */
#include "vb_rom.h"

#include "vb_endpoint.h"
#include "vb_error.h"
#include "vb_hal.h"
#include "vb_flash.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* AN3155 §2: the commands of bootloader v3.1 on the F40x/41x (AN2606), in Get's order. */
static const uint8_t k_commands[] = {0x00, 0x01, 0x02, 0x11, 0x21, 0x31, 0x44, 0x63, 0x73, 0x82, 0x92};

enum {
    CMD_GET = 0x00, CMD_GET_VERSION = 0x01, CMD_GET_ID = 0x02, CMD_READ = 0x11, CMD_GO = 0x21,
    CMD_WRITE = 0x31, CMD_EXT_ERASE = 0x44, CMD_WRITE_PROTECT = 0x63, CMD_WRITE_UNPROTECT = 0x73,
    CMD_READOUT_PROTECT = 0x82, CMD_READOUT_UNPROTECT = 0x92
};

/* Where the next byte goes. */
typedef enum {
    P_SYNC,          /* after reset: waiting for 0x7F */
    P_CMD,           /* command byte */
    P_CMD_CHECK,     /* its complement */
    P_ADDRESS,       /* 4 address bytes + XOR (Read, Go, Write) */
    P_READ_LENGTH,   /* N-1, ~(N-1) */
    P_WRITE_LENGTH,  /* N-1 */
    P_WRITE_DATA,    /* N bytes + checksum */
    P_ERASE_COUNT,   /* 16-bit count */
    P_ERASE_SPECIAL, /* checksum of a special count */
    P_ERASE_PAGES,   /* 2 bytes per page, then the checksum */
    P_WP_LENGTH,     /* N-1 */
    P_WP_CODES       /* N sector codes + checksum */
} phase;

enum area_kind { AREA_FLASH, AREA_SYSMEM, AREA_OTP, AREA_OPTION, AREA_SRAM };

typedef struct {
    enum area_kind kind;
    uint32_t base;
    uint32_t size;
} area;

static struct {
    vb_rom_send_fn send;
    void *ctx;
    area areas[5];
    uint32_t sector_start[VB_ROM_MAX_SECTORS];
    uint32_t sector_count;
    phase phase;
    uint8_t cmd;
    uint8_t buf[VB_ROM_MAX_BLOCK + 2];
    uint32_t got, need;    /* bytes collected into buf / expected */
    uint32_t address;      /* of Read / Write / Go */
    uint32_t length;       /* of Write Memory / Write Protect */
    uint32_t pages_left;   /* Extended Erase: page numbers still to come */
    uint8_t page_high;     /* first byte of a page number */
    bool page_half;        /* that byte has come */
    uint8_t xor;           /* running checksum of an Extended Erase */
    uint32_t erase_mask;   /* sectors listed */
    bool erase_bad;        /* a listed page is not a sector */
    uint32_t bad_page;
    uint64_t last_byte_ms;
    uint8_t option[VB_ROM_OPTION_SIZE];
} g;

static uint8_t g_sram[VB_ROM_SRAM_SIZE];

/* --rom-fault: kept apart from g, which vb_rom_init clears. */
static vb_rom_fault_kind g_fault;
static uint32_t g_fault_left;
/* --stats: Read Memory commands answered, and those before the first erase. */
static uint64_t g_reads, g_reads_before_erase;
static bool g_erased_once;

void vb_rom_read_counts(uint64_t *total, uint64_t *before_first_erase)
{
    *total = g_reads;
    *before_first_erase = g_reads_before_erase;
}

void vb_rom_set_fault(vb_rom_fault_kind kind, uint32_t count)
{
    g_fault = count ? kind : VB_ROM_FAULT_NONE;
    g_fault_left = kind == VB_ROM_FAULT_NONE ? 0 : count;
}

/* True (and one fault used up) when the Read Memory command now in hand is to fail as `kind`. */
static bool read_fault(vb_rom_fault_kind kind)
{
    if (g_fault == VB_ROM_FAULT_READ_CHANGE_AFTER) {
        if (kind != VB_ROM_FAULT_READ_CHANGE_AFTER) return false;
        if (g_fault_left == 0) return true; /* every read from now on, until an erase */
        g_fault_left--;
        return false;
    }
    if (g_fault == VB_ROM_FAULT_READ_NACK_AFTER && kind == VB_ROM_FAULT_READ_NACK) {
        if (g_fault_left == 0) return true; /* every read from now on */
        g_fault_left--;
        return false;
    }
    if (g_fault != kind || g_fault_left == 0) return false;
    g_fault_left--;
    return true;
}

static const uint8_t k_default_option[VB_ROM_OPTION_SIZE] = {0xEC, 0xAA, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                             0xFF, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

/* The board's clock: monotonic time plus what --clock-step skipped (vb_hal.h), so that a test
 * passes the idle time with SIGRTMIN instead of waiting for it. */
static uint64_t now_ms(void) { return vb_monotonic_ms() + vb_hal_skipped_ms(); }

static void send_bytes(const uint8_t *data, size_t n) { g.send(g.ctx, data, n); }

static void send_byte(uint8_t b) { send_bytes(&b, 1); }

static void ack(void) { send_byte(VB_ROM_ACK); }

/* Logs the reason and answers NACK; the next byte is a command again. */
static void nack(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void nack(const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "piton-vboard: rom: NACK: %s\n", msg);
    send_byte(VB_ROM_NACK);
    g.phase = P_CMD;
}

static void collect(phase p, uint32_t need)
{
    g.phase = p;
    g.got = 0;
    g.need = need;
}

bool vb_rom_readout_protected(void) { return g.option[1] != 0xAA; }

const uint8_t *vb_rom_option_bytes(void) { return g.option; }

static uint16_t nwrp(void) { return (uint16_t)(g.option[8] | g.option[9] << 8); }

static bool sector_protected(uint32_t index) { return index < 16 && !(nwrp() & (1u << index)); }

bool vb_rom_init(const vb_profile *p, vb_rom_send_fn send, void *ctx, char *err)
{
    const vb_flash_device *dev = NULL;
    for (uint8_t i = 0; i < p->device_count; ++i)
        if (p->devices[i].address == VB_ROM_FLASH_BASE && !p->devices[i].external) dev = &p->devices[i];
    if (!dev)
        return vb_fail(err, "board '%s' has no internal flash at 0x%08x: the emulated ROM loader is an "
                            "STM32F405's", p->id, (unsigned)VB_ROM_FLASH_BASE);
    if (dev->sector_count > VB_ROM_MAX_SECTORS)
        return vb_fail(err, "board '%s' has %u internal flash sectors; the emulated STM32F405 ROM loader handles at most %u", p->id,
                       (unsigned)dev->sector_count, (unsigned)VB_ROM_MAX_SECTORS);
    memset(&g, 0, sizeof g);
    g.send = send;
    g.ctx = ctx;
    g.areas[0] = (area){AREA_FLASH, dev->address, dev->size};
    g.areas[1] = (area){AREA_SYSMEM, VB_ROM_SYSMEM_BASE, VB_ROM_SYSMEM_SIZE};
    g.areas[2] = (area){AREA_OTP, VB_ROM_OTP_BASE, VB_ROM_OTP_SIZE};
    g.areas[3] = (area){AREA_OPTION, VB_ROM_OPTION_BASE, VB_ROM_OPTION_SIZE};
    g.areas[4] = (area){AREA_SRAM, VB_ROM_SRAM_BASE, VB_ROM_SRAM_SIZE};
    uint32_t at = dev->address;
    for (uint8_t r = 0; r < dev->run_count; ++r)
        for (uint16_t k = 0; k < dev->runs[r].count; ++k) {
            g.sector_start[g.sector_count++] = at;
            at += dev->runs[r].size;
        }
    memcpy(g.option, k_default_option, sizeof g.option);
    memset(g_sram, 0, sizeof g_sram);
    g.phase = P_SYNC;
    return true;
}

void vb_rom_enter(void)
{
    g.phase = P_SYNC;
    g.got = g.need = 0;
}

void vb_rom_poll(void)
{
    if (g.phase != P_SYNC && g.phase != P_CMD && now_ms() - g.last_byte_ms >= VB_ROM_IDLE_MS) {
        fprintf(stderr, "piton-vboard: rom: command 0x%02x incomplete after %u ms; dropped\n", (unsigned)g.cmd,
                (unsigned)VB_ROM_IDLE_MS);
        g.phase = P_CMD;
    }
}

/* The memory area holding [address, address + len) entirely, or NULL. */
static const area *area_of(uint32_t address, uint32_t len)
{
    for (unsigned i = 0; i < sizeof g.areas / sizeof g.areas[0]; ++i) {
        const area *a = &g.areas[i];
        if (address >= a->base && (uint64_t)address - a->base + len <= a->size) return a;
    }
    return NULL;
}

/* Index of the internal flash sector holding `address` (which must be in flash). */
static uint32_t sector_index(uint32_t address)
{
    uint32_t i = 0;
    while (i + 1 < g.sector_count && g.sector_start[i + 1] <= address) i++;
    return i;
}

static uint8_t sysmem_byte(uint32_t offset) { return (uint8_t)(offset * 29u + 0x5Au); }

static bool read_area(const area *a, uint32_t address, uint8_t *out, uint32_t len)
{
    uint32_t off = address - a->base;
    switch (a->kind) {
    case AREA_FLASH: return vb_flash_read(address, out, len) == PT_HAL_OK;
    case AREA_SYSMEM:
        for (uint32_t i = 0; i < len; ++i) out[i] = sysmem_byte(off + i);
        return true;
    case AREA_OTP: memset(out, 0xFF, len); return true;
    case AREA_OPTION: memcpy(out, g.option + off, len); return true;
    case AREA_SRAM: memcpy(out, g_sram + off, len); return true;
    }
    return false;
}

/* Erases the listed sectors (bit i = sector i), skipping write-protected ones (AN3155). */
static bool erase_sectors(uint32_t mask, bool force)
{
    g_erased_once = true;
    if (g_fault == VB_ROM_FAULT_READ_CHANGE_AFTER) g_fault = VB_ROM_FAULT_NONE; /* reads after an erase are true */
    for (uint32_t i = 0; i < g.sector_count; ++i) {
        if (!(mask & (1u << i))) continue;
        if (sector_protected(i) && !force) {
            fprintf(stderr, "piton-vboard: rom: sector %u is write protected; not erased\n", (unsigned)i);
            continue;
        }
        if (vb_flash_erase_sector(g.sector_start[i]) != PT_HAL_OK) {
            fprintf(stderr, "piton-vboard: rom: erase of sector %u failed\n", (unsigned)i);
            return false;
        }
    }
    return true;
}

static uint32_t all_sectors(void) { return g.sector_count >= 32 ? 0xFFFFFFFFu : (1u << g.sector_count) - 1u; }

/* ---- the chip's memory, shared by the AN3155 front end here and the DfuSe one (vb_dfuse.c) ---- */

static vb_rom_mem_result why_fail(vb_rom_mem_result r, char *why, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static vb_rom_mem_result why_fail(vb_rom_mem_result r, char *why, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, VB_ROM_WHY_MAX, fmt, ap);
    va_end(ap);
    return r;
}

vb_rom_mem_result vb_rom_mem_read(uint32_t address, uint8_t *out, uint32_t len, char *why)
{
    const area *a = area_of(address, len);
    if (!a)
        return why_fail(VB_ROM_MEM_OUTSIDE, why, "read of %u bytes at 0x%08x: not inside one memory area", (unsigned)len,
                        (unsigned)address);
    if (!read_area(a, address, out, len))
        return why_fail(VB_ROM_MEM_REFUSED, why, "read of %u bytes at 0x%08x failed", (unsigned)len, (unsigned)address);
    return VB_ROM_MEM_OK;
}

vb_rom_mem_result vb_rom_mem_write(uint32_t address, const uint8_t *data, uint32_t len, char *why)
{
    const area *a = area_of(address, len);
    if (!a || len == 0)
        return why_fail(VB_ROM_MEM_OUTSIDE, why, "write of %u bytes at 0x%08x: not inside one memory area", (unsigned)len,
                        (unsigned)address);
    switch (a->kind) {
    case AREA_FLASH:
        for (uint32_t s = sector_index(address); s <= sector_index(address + len - 1u); ++s)
            if (sector_protected(s))
                return why_fail(VB_ROM_MEM_PROTECTED, why, "write at 0x%08x: sector %u is write protected", (unsigned)address,
                                (unsigned)s);
        if (vb_flash_program(address, data, len) != PT_HAL_OK)
            return why_fail(VB_ROM_MEM_REFUSED, why, "write of %u bytes at 0x%08x: flash not erased there", (unsigned)len,
                            (unsigned)address);
        return VB_ROM_MEM_OK;
    case AREA_SRAM:
        if (address < VB_ROM_SRAM_BASE + VB_ROM_SRAM_RESERVED)
            return why_fail(VB_ROM_MEM_REFUSED, why, "write at 0x%08x: SRAM below 0x%08x belongs to the ROM", (unsigned)address,
                            (unsigned)(VB_ROM_SRAM_BASE + VB_ROM_SRAM_RESERVED));
        memcpy(g_sram + (address - VB_ROM_SRAM_BASE), data, len);
        return VB_ROM_MEM_OK;
    case AREA_OPTION: {
        const uint32_t off = address - VB_ROM_OPTION_BASE;
        if (off <= 1 && off + len > 1 && data[1 - off] == 0xCC)
            return why_fail(VB_ROM_MEM_REFUSED, why,
                            "option bytes: RDP level 2 (0xCC) is not emulated (it would lock the chip for good)");
        memcpy(g.option + off, data, len);
        fprintf(stderr, "piton-vboard: rom: option bytes written (RDP 0x%02x, nWRP 0x%04x); reset\n", (unsigned)g.option[1],
                (unsigned)nwrp());
        return VB_ROM_MEM_RESET;
    }
    case AREA_SYSMEM: case AREA_OTP: break;
    }
    return why_fail(VB_ROM_MEM_REFUSED, why, "write at 0x%08x: %s is read only here", (unsigned)address,
                    a->kind == AREA_SYSMEM ? "system memory" : "the OTP area");
}

vb_rom_mem_result vb_rom_mem_erase_at(uint32_t address, uint32_t *sector_size, char *why)
{
    const area *a = area_of(address, 1);
    if (!a || a->kind != AREA_FLASH)
        return why_fail(VB_ROM_MEM_OUTSIDE, why, "erase at 0x%08x: not in the internal flash", (unsigned)address);
    const uint32_t i = sector_index(address);
    const uint32_t end = i + 1u < g.sector_count ? g.sector_start[i + 1u] : a->base + a->size;
    if (sector_size) *sector_size = end - g.sector_start[i];
    if (!erase_sectors(1u << i, false))
        return why_fail(VB_ROM_MEM_REFUSED, why, "erase of sector %u failed", (unsigned)i);
    return VB_ROM_MEM_OK;
}

vb_rom_mem_result vb_rom_mem_mass_erase(char *why)
{
    for (uint32_t i = 0; i < g.sector_count; ++i)
        if (sector_protected(i))
            return why_fail(VB_ROM_MEM_PROTECTED, why, "mass erase refused: sector %u is write protected", (unsigned)i);
    fprintf(stderr, "piton-vboard: rom: mass erase of the internal flash\n");
    if (!erase_sectors(all_sectors(), false)) return why_fail(VB_ROM_MEM_REFUSED, why, "mass erase failed");
    return VB_ROM_MEM_OK;
}

void vb_rom_mem_readout_unprotect(void)
{
    fprintf(stderr, "piton-vboard: rom: readout unprotect: mass erase of the internal flash\n");
    erase_sectors(all_sectors(), true);
    g.option[1] = 0xAA;
    memset(g_sram, 0, sizeof g_sram);
}

/* Command byte and its complement received. */
static vb_rom_action on_command(void)
{
    static const uint8_t version[] = {VB_ROM_VERSION, 0x00, 0x00};
    static const uint8_t id[] = {0x01, VB_ROM_PID >> 8, VB_ROM_PID & 0xFF};
    const bool rdp = vb_rom_readout_protected();
    g.phase = P_CMD;
    switch (g.cmd) {
    case CMD_GET: {
        uint8_t out[2 + sizeof k_commands];
        out[0] = (uint8_t)sizeof k_commands; /* bytes that follow - 1: version + commands - 1 */
        out[1] = VB_ROM_VERSION;
        memcpy(out + 2, k_commands, sizeof k_commands);
        ack();
        send_bytes(out, sizeof out);
        ack();
        return VB_ROM_STAY;
    }
    case CMD_GET_VERSION:
        ack();
        send_bytes(version, sizeof version);
        ack();
        return VB_ROM_STAY;
    case CMD_GET_ID:
        ack();
        send_bytes(id, sizeof id);
        ack();
        return VB_ROM_STAY;
    case CMD_READOUT_UNPROTECT:
        ack();
        vb_rom_mem_readout_unprotect();
        ack();
        return VB_ROM_RESET;
    default: break;
    }
    bool known = false;
    for (unsigned i = 0; i < sizeof k_commands; ++i) known = known || k_commands[i] == g.cmd;
    if (!known) {
        nack("command 0x%02x is not a command of this ROM", (unsigned)g.cmd);
        return VB_ROM_STAY;
    }
    if (rdp) {
        nack("command 0x%02x refused: readout protection is active", (unsigned)g.cmd);
        return VB_ROM_STAY;
    }
    ack();
    if (g.cmd == CMD_READ && read_fault(VB_ROM_FAULT_READ_DROP)) {
        fprintf(stderr, "piton-vboard: rom: fault: Read Memory dropped after its ACK (%u more)\n", (unsigned)g_fault_left);
        g.phase = P_CMD;
        return VB_ROM_STAY;
    }
    switch (g.cmd) {
    case CMD_READ: case CMD_GO: case CMD_WRITE: collect(P_ADDRESS, 5); break;
    case CMD_EXT_ERASE: collect(P_ERASE_COUNT, 2); break;
    case CMD_WRITE_PROTECT: collect(P_WP_LENGTH, 1); break;
    case CMD_WRITE_UNPROTECT:
        g.option[8] = 0xFF;
        g.option[9] |= 0x0F;
        fprintf(stderr, "piton-vboard: rom: write protection removed from every sector\n");
        ack();
        return VB_ROM_RESET;
    case CMD_READOUT_PROTECT:
        g.option[1] = 0x55;
        fprintf(stderr, "piton-vboard: rom: readout protection set (RDP level 1)\n");
        ack();
        return VB_ROM_RESET;
    default: break;
    }
    return VB_ROM_STAY;
}

static vb_rom_action on_address(uint32_t *go_address)
{
    const uint8_t *b = g.buf;
    if ((b[0] ^ b[1] ^ b[2] ^ b[3]) != b[4]) {
        nack("address checksum 0x%02x, expected 0x%02x", (unsigned)b[4], (unsigned)(b[0] ^ b[1] ^ b[2] ^ b[3]));
        return VB_ROM_STAY;
    }
    g.address = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    const area *a = area_of(g.address, 1);
    if (!a) {
        nack("address 0x%08x is outside the memory map", (unsigned)g.address);
        return VB_ROM_STAY;
    }
    if (g.cmd == CMD_READ && read_fault(VB_ROM_FAULT_READ_NACK)) {
        nack("fault: Read Memory at 0x%08x refused (%u more)", (unsigned)g.address, (unsigned)g_fault_left);
        return VB_ROM_STAY;
    }
    if (g.cmd == CMD_READ) {
        ack();
        collect(P_READ_LENGTH, 2);
    } else if (g.cmd == CMD_GO) {
        if (a->kind != AREA_FLASH && a->kind != AREA_SRAM) {
            nack("Go to 0x%08x: neither flash nor SRAM", (unsigned)g.address);
            return VB_ROM_STAY;
        }
        ack();
        if (go_address) *go_address = g.address;
        return VB_ROM_GO;
    } else {
        ack();
        collect(P_WRITE_LENGTH, 1);
    }
    return VB_ROM_STAY;
}

static void on_read_length(void)
{
    if ((g.buf[0] ^ g.buf[1]) != 0xFF) {
        nack("read length 0x%02x not followed by its complement", (unsigned)g.buf[0]);
        return;
    }
    const uint32_t n = (uint32_t)g.buf[0] + 1u;
    uint8_t data[VB_ROM_MAX_BLOCK];
    char why[VB_ROM_WHY_MAX];
    if (vb_rom_mem_read(g.address, data, n, why) != VB_ROM_MEM_OK) {
        nack("%s", why);
        return;
    }
    if (read_fault(VB_ROM_FAULT_READ_CHANGE_AFTER)) {
        fprintf(stderr, "piton-vboard: rom: fault: Read Memory at 0x%08x answered changed\n", (unsigned)g.address);
        data[0] = (uint8_t)~data[0];
    }
    g_reads++;
    if (!g_erased_once) g_reads_before_erase++;
    g.phase = P_CMD;
    ack();
    send_bytes(data, n);
}

/* A data block (Write Memory, Write Protect) is N-1, N bytes, then the XOR of N-1 and the
 * bytes (AN3155 §3.5, §3.8): checks it, NACKing with `what` when it does not match. */
static bool block_checksum_ok(const char *what)
{
    const uint32_t n = g.length;
    uint8_t sum = (uint8_t)(n - 1u);
    for (uint32_t i = 0; i < n; ++i) sum ^= g.buf[i];
    if (sum == g.buf[n]) return true;
    nack("%s: checksum 0x%02x, expected 0x%02x", what, (unsigned)g.buf[n], (unsigned)sum);
    return false;
}

static vb_rom_action on_write_data(void)
{
    const uint32_t n = g.length;
    if (!block_checksum_ok("write data")) return VB_ROM_STAY;
    if (!area_of(g.address, n)) {
        nack("write of %u bytes at 0x%08x crosses the end of its memory area", (unsigned)n, (unsigned)g.address);
        return VB_ROM_STAY;
    }
    if (g.address % 4u || n % 4u) {
        nack("write of %u bytes at 0x%08x: address and length must be multiples of 4", (unsigned)n,
             (unsigned)g.address);
        return VB_ROM_STAY;
    }
    char why[VB_ROM_WHY_MAX];
    switch (vb_rom_mem_write(g.address, g.buf, n, why)) {
    case VB_ROM_MEM_OK: break;
    case VB_ROM_MEM_RESET: ack(); return VB_ROM_RESET;
    default: nack("%s", why); return VB_ROM_STAY;
    }
    g.phase = P_CMD;
    ack();
    return VB_ROM_STAY;
}

static void on_erase_count(void)
{
    const uint32_t count = (uint32_t)g.buf[0] << 8 | g.buf[1];
    g.xor = (uint8_t)(g.buf[0] ^ g.buf[1]);
    if (count >= 0xFFF0u) {
        collect(P_ERASE_SPECIAL, 1);
        g.address = count; /* remembered for the checksum step */
        return;
    }
    g.phase = P_ERASE_PAGES;
    g.pages_left = count + 1u;
    g.page_half = false;
    g.erase_mask = 0;
    g.erase_bad = false;
}

static void on_erase_special(void)
{
    const uint32_t code = g.address;
    const uint8_t want = (uint8_t)(0xFFFFu - code); /* FFFF: 00, FFFE: 01, FFFD: 02 */
    if (g.buf[0] != want) {
        nack("extended erase 0x%04x: checksum 0x%02x, expected 0x%02x", (unsigned)code, (unsigned)g.buf[0],
             (unsigned)want);
        return;
    }
    if (code != 0xFFFFu) {
        nack("extended erase 0x%04x: %s", (unsigned)code,
             code >= 0xFFFDu ? "bank erase on a single-bank chip" : "reserved code");
        return;
    }
    char why[VB_ROM_WHY_MAX];
    if (vb_rom_mem_mass_erase(why) != VB_ROM_MEM_OK) {
        nack("%s", why);
        return;
    }
    g.phase = P_CMD;
    ack();
}

static void on_erase_byte(uint8_t b)
{
    if (g.pages_left == 0) { /* the checksum */
        if (b != g.xor) {
            nack("extended erase: checksum 0x%02x, expected 0x%02x", (unsigned)b, (unsigned)g.xor);
            return;
        }
        if (g.erase_bad) {
            nack("extended erase: page %u is not a sector (0..%u)", (unsigned)g.bad_page,
                 (unsigned)(g.sector_count - 1u));
            return;
        }
        if (!erase_sectors(g.erase_mask, false)) {
            nack("extended erase failed");
            return;
        }
        g.phase = P_CMD;
        ack();
        return;
    }
    g.xor ^= b;
    if (!g.page_half) {
        g.page_high = b;
        g.page_half = true;
        return;
    }
    g.page_half = false;
    g.pages_left--;
    const uint32_t page = (uint32_t)g.page_high << 8 | b;
    if (page >= g.sector_count) {
        if (!g.erase_bad) g.bad_page = page;
        g.erase_bad = true;
    } else {
        g.erase_mask |= 1u << page;
    }
}

static vb_rom_action on_wp_codes(void)
{
    const uint32_t n = g.length;
    if (!block_checksum_ok("write protect")) return VB_ROM_STAY;
    uint16_t w = nwrp();
    for (uint32_t i = 0; i < n; ++i) {
        if (g.buf[i] >= g.sector_count) {
            nack("write protect: sector %u does not exist (0..%u)", (unsigned)g.buf[i],
                 (unsigned)(g.sector_count - 1u));
            return VB_ROM_STAY;
        }
        w = (uint16_t)(w & ~(1u << g.buf[i]));
    }
    g.option[8] = (uint8_t)w;
    g.option[9] = (uint8_t)(w >> 8);
    fprintf(stderr, "piton-vboard: rom: write protection set (nWRP 0x%04x); reset\n", (unsigned)w);
    ack();
    return VB_ROM_RESET;
}

static vb_rom_action step(uint8_t b, uint32_t *go_address)
{
    switch (g.phase) {
    case P_SYNC:
        if (b == VB_ROM_SYNC) {
            ack();
            g.phase = P_CMD;
        }
        return VB_ROM_STAY;
    case P_CMD:
        g.cmd = b;
        g.phase = P_CMD_CHECK;
        return VB_ROM_STAY;
    case P_CMD_CHECK:
        if ((b ^ g.cmd) != 0xFF) {
            nack("command 0x%02x followed by 0x%02x, not its complement", (unsigned)g.cmd, (unsigned)b);
            return VB_ROM_STAY;
        }
        return on_command();
    case P_ERASE_PAGES:
        on_erase_byte(b);
        return VB_ROM_STAY;
    default: break;
    }
    g.buf[g.got++] = b;
    if (g.got < g.need) return VB_ROM_STAY;
    switch (g.phase) {
    case P_ADDRESS: return on_address(go_address);
    case P_READ_LENGTH: on_read_length(); return VB_ROM_STAY;
    case P_WRITE_LENGTH:
    case P_WP_LENGTH:
        g.length = (uint32_t)b + 1u;
        collect(g.phase == P_WRITE_LENGTH ? P_WRITE_DATA : P_WP_CODES, g.length + 1u);
        return VB_ROM_STAY;
    case P_WRITE_DATA: return on_write_data();
    case P_WP_CODES: return on_wp_codes();
    case P_ERASE_COUNT: on_erase_count(); return VB_ROM_STAY;
    case P_ERASE_SPECIAL: on_erase_special(); return VB_ROM_STAY;
    default: break;
    }
    g.phase = P_CMD;
    return VB_ROM_STAY;
}

vb_rom_action vb_rom_feed(const uint8_t *data, size_t n, uint32_t *go_address)
{
    vb_rom_poll(); /* a partial command idle for VB_ROM_IDLE_MS is dropped before these bytes */
    g.last_byte_ms = now_ms();
    for (size_t i = 0; i < n; ++i) {
        vb_rom_action a = step(data[i], go_address);
        if (a != VB_ROM_STAY) return a;
    }
    return VB_ROM_STAY;
}
