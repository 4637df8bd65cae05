/* mps2-an386 port: hal.h on the emulated Cortex-M4 board (memory map in m4_board.h). */
#include "m4_board.h"

#include <stdio.h>
#include <string.h>

#include "crc32.h"
#include "keyset.h"
#include "package.h"

/* ---- Board: compiled-in regions (as resources/boards/mps2-an386.json) + provisioning ------ */

/* Name, address, size, flags: every region is a run of equal M4_SECTOR_SIZE sectors, so the
 * pt_region entries are built at start-up from this compact table (96 bytes instead of 576; the
 * names are the literals the core compares with, stored once). Names up to PT_REGION_NAME_MAX. */
typedef struct {
    const char *name;
    uint32_t address, size, flags;
} m4_region;
static const m4_region k_regions[] = {
    {PT_REGION_NAME_BOOTLOADER, 0x21000000u, M4_BOOTLOADER_SIZE, PT_REGION_PROTECTED},
    {"config", 0x21010000u, 0x4000u, PT_REGION_CONFIG},
    {PT_REGION_NAME_BOOTSTATE, 0x21014000u, 0x2000u, PT_REGION_PROTECTED},
    {PT_REGION_NAME_DEPLOYMENT, M4_APP_ADDRESS, M4_APP_SIZE, PT_REGION_IMAGE},
    {"update", 0x21060000u, 0x50000u, PT_REGION_STAGING},
    {PT_REGION_NAME_BACKUP, 0x210B0000u, 0x50000u, PT_REGION_PROTECTED},
};
_Static_assert(sizeof k_regions / sizeof k_regions[0] <= PT_MAX_REGIONS, "region table");

static pt_board s_board;

/* Provisioning block (same layout as piton-vboard's, ports/host/vb_provision.h): written by the
 * factory (scripts/m4-board) at the start of the bootloader region's last sector. */
#define PV_SIZE 324u
#define PV_KEYS 60u
#define PV_KEY_SLOT (2u + PT_PUBKEY_DER_MAX)

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | ((uint32_t)p[1] << 8); }

/* `count` keys from PV_KEY_SLOT-byte slots (u16 DER length, DER) at `slots`; false for a bad length. */
static bool load_keys(pt_trusted_key *keys, const uint8_t *slots, uint8_t count)
{
    for (uint8_t k = 0; k < count; k++) {
        const uint8_t *slot = slots + k * PV_KEY_SLOT;
        uint32_t n = le16(slot);
        if (n == 0 || n > PT_PUBKEY_DER_MAX)
            return false;
        keys[k].der_len = (uint16_t)n;
        memcpy(keys[k].der, slot + 2, n);
    }
    return true;
}

/* The access block (vb_provision.h's layout, VB_ACCESS_*: "PTAK", version 1, 376 bytes, identity
 * flag at byte 9, the identity key pair at 12 (private scalar) and 44 (public point), access keys
 * in 130-byte slots from byte 112, CRC-32 over bytes 0..371) at M4_ACCESS_OFFSET of the
 * provisioning sector: the access keys the board trusts for credentials and the board's identity
 * key (scripts/m4-board --trust-access-key). Erased flash: none (no role can be granted: the agent
 * is read-only over TCP, serial is open). Only the agent loads the identity key (M4_AGENT): it
 * signs the sealed-session handshake; the bootloader's signed-nonce mode needs none. False when
 * the block is damaged. */
#define AK_SIZE 376u
#define AK_KEYS 112u
static bool load_access_keys(void)
{
    const uint8_t *ak = (const uint8_t *)(M4_PROVISION_ADDRESS + M4_ACCESS_OFFSET);
    if (ak[0] == 0xFFu)
        return true;
    if (memcmp(ak, "PTAK", 4) != 0 || le16(ak + 4) != 1u || le16(ak + 6) != AK_SIZE || ak[8] > PT_MAX_ACCESS_KEYS ||
        (le16(ak + AK_SIZE - 4u) | (le16(ak + AK_SIZE - 2u) << 16)) != pt_crc32(ak, AK_SIZE - 4u))
        return false;
    if (!load_keys(s_board.access_keys, ak + AK_KEYS, ak[8]))
        return false;
    s_board.access_key_count = ak[8];
#ifdef M4_AGENT
    if (ak[9] == 1u) {
        s_board.has_identity = true;
        memcpy(s_board.identity_key, ak + 12, 32);
        memcpy(s_board.identity_pub, ak + 44, 65);
    }
#endif
    return true;
}

/* LOCK (pt_hal_lock) clears the lock word: option bytes as NOR flash can emulate them. Bits only
 * ever go from 1 to 0 without an erase, so a lock cannot be undone but by re-provisioning (which
 * erases the sector); a torn write leaves some bits 0, which reads as locked too. */
static volatile const uint32_t *lock_word(void)
{
    return (volatile const uint32_t *)(M4_PROVISION_ADDRESS + M4_LOCK_OFFSET);
}

/* The access keys of the key set in force (keyset.h): the record's replace the access block's,
 * so that after a key update the access policy of both images trusts the new access keys and no
 * longer a revoked one; the agent's at once (pt_keyupdate_apply_record calls this), the
 * bootloader's from its next start. The identity key stays the access block's. */
void pt_hal_keyset_in_force(const uint8_t r[PT_KEYSET_RECORD_SIZE])
{
    const uint8_t n = r[PT_KEYSET_OFF_COUNTS + 1];
    s_board.access_key_count = n < PT_MAX_ACCESS_KEYS ? n : PT_MAX_ACCESS_KEYS;
    for (uint8_t k = 0; k < s_board.access_key_count; k++) {
        pt_trusted_key *key = &s_board.access_keys[k];
        key->der_len = PT_P256_SPKI_PREFIX_SIZE + 65u;
        memcpy(key->der, pt_p256_spki_prefix, PT_P256_SPKI_PREFIX_SIZE);
        memcpy(key->der + PT_P256_SPKI_PREFIX_SIZE, r + PT_KEYSET_OFF_ACCESS + 65u * k, 65);
    }
}

bool m4_load_provisioning(void)
{
    const uint8_t *pv = (const uint8_t *)M4_PROVISION_ADDRESS;
    uint32_t crc = le16(pv + PV_SIZE - 4u) | (le16(pv + PV_SIZE - 2u) << 16);
    if (memcmp(pv, "PTPV", 4) != 0 || le16(pv + 4) != 1u || le16(pv + 6) != PV_SIZE ||
        crc != pt_crc32(pv, PV_SIZE - 4u) || pv[40] == 0 || pv[40] > PT_UNIQUE_ID_MAX ||
        pv[42] > PT_MAX_TRUSTED_KEYS || strncmp((const char *)pv + 8, M4_BOARD_ID, 32) != 0)
        return false;
    memset(&s_board, 0, sizeof s_board);
    memcpy(s_board.board_id, M4_BOARD_ID, sizeof M4_BOARD_ID);
    s_board.unique_id_len = pv[40];
    memcpy(s_board.unique_id, pv + 44, pv[40]);
    s_board.locked = pv[41] == 1u || *lock_word() != 0xFFFFFFFFu;
    if (!load_keys(s_board.trusted_keys, pv + PV_KEYS, pv[42]) || !load_access_keys())
        return false;
    s_board.trusted_key_count = pv[42];
    /* The images (PT_KEYSET_READER) take their package and root keys from the key store
     * instead: the factory writes them there as key set generation 0 too (keyset.h). */
    s_board.keystore_address = M4_KEYSTORE_ADDRESS;
    s_board.keystore_size = M4_KEYSTORE_SIZE;
    s_board.region_count = (uint8_t)(sizeof k_regions / sizeof k_regions[0]);
    for (uint8_t i = 0; i < s_board.region_count; i++) {
        pt_region *r = &s_board.regions[i];
        strcpy(r->name, k_regions[i].name); /* s_board was zeroed: the rest of the name too */
        r->address = k_regions[i].address;
        r->size = k_regions[i].size;
        r->flags = k_regions[i].flags;
        r->run_count = 1;
        r->runs[0].count = (uint16_t)(k_regions[i].size / M4_SECTOR_SIZE);
        r->runs[0].size = M4_SECTOR_SIZE;
    }
    /* The access keys of the key set in force, when the store holds one (the factory writes
     * generation 0 with the access block's keys); a store that cannot be read: not provisioned. */
    uint8_t rec[PT_KEYSET_RECORD_SIZE];
    uint32_t slot = 0, free_slot = 0, used = 0;
    if (pt_keyset_newest(rec, &slot, &free_slot, &used) != PT_OK)
        return false;
    if (slot != UINT32_MAX)
        pt_hal_keyset_in_force(rec);
    return true;
}

/* Each image has its own copy of the board; a LOCK by the other one (the agent's, whose policy
 * the bootloader's code decides through the service table) shows in the lock word at once. */
const pt_board *pt_hal_board(void)
{
    if (*lock_word() != 0xFFFFFFFFu)
        s_board.locked = true;
    return &s_board;
}

/* LOCK: clears the lock word (above); persistent across resets, irreversible. Not inlined into
 * the core (scripts/m4-size counts inlined code where it ends up). */
__attribute__((noinline)) pt_hal_result pt_hal_lock(void)
{
    static const uint8_t zero[4];
    if (!s_board.locked && pt_hal_flash_program(M4_PROVISION_ADDRESS + M4_LOCK_OFFSET, zero, sizeof zero) != PT_HAL_OK)
        return PT_HAL_E_IO;
    s_board.locked = *lock_word() != 0xFFFFFFFFu;
    return s_board.locked ? PT_HAL_OK : PT_HAL_E_IO;
}

/* ---- Nonces of the signed-nonce mode (hal.h pt_hal_nonce) ---------------------------------
 * This board has no TRNG. A nonce is SHA-256 of: the unique id, the reset epoch (below), a
 * counter of nonces since reset, the millisecond clock, SysTick's current count and the previous
 * nonce. The reset epoch is a bit counter in the provisioning sector (M4_EPOCH_OFFSET,
 * M4_EPOCH_BYTES): the first nonce after each reset clears one more bit (one program operation,
 * no erase), so no (epoch, counter) pair repeats and no nonce repeats, across resets too, for
 * M4_EPOCH_BYTES x 8 resets in which a nonce was asked for; after that the epoch stays at its
 * last value (logged), and only the clocks and the chaining vary. The nonces are unique, not
 * secret: whoever knows the unique id and counts could predict the next one. */
static uint32_t s_epoch = 0xFFFFFFFFu; /* none taken since reset */
static uint32_t s_nonces;
static uint8_t s_last_nonce[32];

static uint32_t take_epoch(void)
{
    const uint32_t base = M4_PROVISION_ADDRESS + M4_EPOCH_OFFSET;
    for (uint32_t i = 0; i < M4_EPOCH_BYTES; i++) {
        const uint8_t v = *(const volatile uint8_t *)(base + i);
        if (v == 0)
            continue;
        uint32_t used = 0;
        while (!(v & (1u << used)))
            used++;
        const uint8_t next = (uint8_t)(v & (v - 1u)); /* clears the lowest 1 bit */
        if (pt_hal_flash_program(base + i, &next, 1) != PT_HAL_OK)
            break;
        return i * 8u + used + 1u;
    }
    pt_hal_log("nonce: no reset epoch left");
    return M4_EPOCH_BYTES * 8u + 1u;
}

#define SYST_CVR_NOW (*(volatile uint32_t *)0xE000E018u)

void pt_hal_nonce(uint8_t out[32])
{
    if (s_epoch == 0xFFFFFFFFu)
        s_epoch = take_epoch();
    const uint32_t mix[4] = {s_epoch, ++s_nonces, pt_hal_millis(), SYST_CVR_NOW};
    pt_hal_sha256_ctx c;
    pt_hal_sha256_start(&c);
    pt_hal_sha256_update(&c, "piton-m4-nonce", 14);
    pt_hal_sha256_update(&c, s_board.unique_id, s_board.unique_id_len);
    pt_hal_sha256_update(&c, mix, sizeof mix);
    pt_hal_sha256_update(&c, s_last_nonce, sizeof s_last_nonce);
    pt_hal_sha256_finish(&c, s_last_nonce);
    memcpy(out, s_last_nonce, 32);
}

/* No real-time clock: credentials are checked against the newest start accepted (auth.h). */
uint32_t pt_hal_unix_time(void) { return 0; }

void m4_protect_region(const char *name)
{
    for (uint8_t i = 0; i < s_board.region_count; i++)
        if (strcmp(s_board.regions[i].name, name) == 0)
            s_board.regions[i].flags |= PT_REGION_PROTECTED;
}

/* ---- Clock (SysTick, 1 kHz), reset, retained RAM, log ------------------------------------- */

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SCB_AIRCR (*(volatile uint32_t *)0xE000ED0Cu)

static volatile uint32_t s_millis;

void m4_systick_irq(void);
void m4_systick_irq(void) { s_millis++; }

uint32_t pt_hal_millis(void) { return s_millis; }

/* At the start of RAM in both images' linker scripts (section .retained, not initialised). */
static pt_retained s_retained __attribute__((section(".retained")));

pt_retained *pt_hal_retained(void) { return &s_retained; }

_Noreturn void m4_system_reset(void)
{
    __asm volatile("dsb" ::: "memory");
    SCB_AIRCR = 0x05FA0004u; /* VECTKEY | SYSRESETREQ */
    __asm volatile("dsb" ::: "memory");
    for (;;) {
    }
}

_Noreturn void pt_hal_reset(void) { m4_system_reset(); }

#define WDOG(off) (*(volatile uint32_t *)(0x40008000u + (off)))
#define WDOG_LOAD 0x000u
#define WDOG_CONTROL 0x008u
#define WDOG_INTCLR 0x00Cu
#define WDOG_LOCK 0xC00u
#define WDOG_UNLOCK_KEY 0x1ACCE551u

void m4_watchdog_start(uint32_t ms)
{
    WDOG(WDOG_LOCK) = WDOG_UNLOCK_KEY;
    WDOG(WDOG_LOAD) = ms * (M4_CPU_HZ / 1000u); /* WDOGCLK is the 25 MHz system clock */
    WDOG(WDOG_CONTROL) = 3u;                     /* interrupt (NMI) and reset enable */
    WDOG(WDOG_LOCK) = 0;
}

void m4_watchdog_kick(void)
{
    WDOG(WDOG_LOCK) = WDOG_UNLOCK_KEY;
    WDOG(WDOG_INTCLR) = 1u; /* clears the interrupt and reloads the counter */
    WDOG(WDOG_LOCK) = 0;
}

void pt_hal_log(const char *line)
{
    m4_log_write(line);
    m4_log_write("\r\n");
}

/* ---- Start-up and the serving loop ---------------------------------------------------------- */

void m4_board_start(void)
{
    SYST_RVR = M4_CPU_HZ / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7u; /* processor clock, interrupt, enable */
    m4_uart_init();
}

bool m4_board_provision(void)
{
    if (!m4_load_provisioning()) {
        pt_hal_log("board: no valid provisioning block; halted");
        return false;
    }
    return true;
}

bool m4_board_init(void)
{
    m4_board_start();
    return m4_board_provision();
}

#define LINK_PAYLOAD 4096u
static uint8_t s_rx_buf[LINK_PAYLOAD + PT_FRAME_OVERHEAD];
static uint8_t s_tx_buf[LINK_PAYLOAD + PT_FRAME_OVERHEAD];
static pt_link s_link;

static void uart_send(pt_link *link, const uint8_t *data, size_t len)
{
    (void)link;
    m4_uart0_write(data, (uint32_t)len);
}

_Noreturn void m4_serve(bool (*idle)(void))
{
    memset(&s_link, 0, sizeof s_link);
    s_link.send = uart_send;
    s_link.max_payload = LINK_PAYLOAD;
    s_link.rx_buf = s_rx_buf;
    s_link.tx_buf = s_tx_buf;
    s_link.buf_size = sizeof s_rx_buf;
    s_link.name = "serial";
    s_link.kind = PT_LINK_SERIAL; /* physical access: the policy's serial/USB columns */
    /* The time a frame may take to arrive (device.h): 115200 baud would be 87 us per byte, but
     * QEMU's pty-backed UART hands over one byte per guest interrupt and, on a loaded host, runs
     * at 2-14 KiB/s; at 87 us a 4 KiB frame that took longer than 1.4 s was dropped as stale and
     * the workstation saw the next response first. 500 us: a 4 KiB frame may take 3 s. */
    s_link.byte_time_us = 500u;
    /* A real UART loses what arrives beyond the ring while the core serves: PING keeps the
     * host's frames in flight inside it (QEMU's UART holds back instead, so nothing is lost here). */
    s_link.rx_fifo = M4_UART_RX_RING;
    pt_link_init(&s_link);
    for (;;) {
        uint8_t chunk[256];
        uint32_t n = m4_uart0_read(chunk, sizeof chunk);
        if (n > 0)
            pt_link_receive(&s_link, chunk, n);
        else
            pt_link_poll(&s_link);
        m4_watchdog_kick();
        bool busy = n > 0;
        if (idle && idle())
            busy = true;
        if (busy)
            continue;
        m4_report_usage();
        __asm volatile("wfi"); /* the UART0 RX interrupt or the 1 ms SysTick wakes us */
    }
}
