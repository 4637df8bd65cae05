/* RAM-backed test HAL and protocol client (test_hal.h). */
#include "test_hal.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "mbedtls/sha256.h"
#include "auth.h"
#include "frame.h"
#include "package.h"

int th_passed, th_failed;
bool th_auto_confirm = true;

int th_summary(void)
{
    printf("%d passed, %d failed\n", th_passed, th_failed);
    return th_failed == 0 ? 0 : 1;
}

/* stm32f4-ref: internal 4x16K, 1x64K, 7x128K at 0x08000000; external 2048x4K at 0x90000000. */
#define INT_BASE 0x08000000u
#define INT_SIZE (1024u * 1024u)
#define EXT_BASE 0x90000000u
#define EXT_SIZE (8u * 1024u * 1024u)

static uint8_t s_int[INT_SIZE];
static uint8_t s_ext[EXT_SIZE];
static pt_board s_board;
static pt_retained s_retained;
static uint32_t s_now;
static jmp_buf s_jmp;
static bool s_armed;
static unsigned s_reset_erase;
static unsigned long s_cut_ops;
void (*th_on_cut)(void);
void (*th_on_flash_op)(bool erase, uint32_t address, uint32_t len);
unsigned long th_erase_count, th_program_count;

void th_cut_after_ops(unsigned long n) { s_cut_ops = n; }

/* Power cut instead of the current program/erase when the armed count runs out. */
static void maybe_cut(void)
{
    if (s_cut_ops == 0 || --s_cut_ops != 0)
        return;
    if (!s_armed) {
        printf("injected power cut outside th_run\n");
        abort();
    }
    if (th_on_cut)
        th_on_cut();
    memset(&s_retained, 0, sizeof s_retained); /* power cycle: retained RAM lost */
    longjmp(s_jmp, 1);
}

static uint8_t *mem(uint32_t a, uint32_t len)
{
    if (a >= INT_BASE && a < INT_BASE + INT_SIZE && len <= INT_BASE + INT_SIZE - a)
        return s_int + (a - INT_BASE);
    if (a >= EXT_BASE && a < EXT_BASE + EXT_SIZE && len <= EXT_BASE + EXT_SIZE - a)
        return s_ext + (a - EXT_BASE);
    return NULL;
}

uint8_t *th_flash_ptr(uint32_t address) { return mem(address, 1); }

size_t th_flash_bytes(void) { return sizeof s_int + sizeof s_ext; }

/* The 4 KB pages (of the flash as th_flash_save() lays it out: internal, then external) that a
 * program or erase changed since the last save or load: th_flash_load_changed() copies back only
 * those (a 9 MB copy per fuzz input was a third of device_server's time). */
#define TRACK_PAGE 4096u
static uint8_t s_changed[(INT_SIZE + EXT_SIZE) / TRACK_PAGE / 8];
static bool s_all_changed = true;

static void mark_changed(uint32_t a, uint32_t len)
{
    if (len == 0)
        return;
    const uint32_t off = a >= EXT_BASE ? INT_SIZE + (a - EXT_BASE) : a - INT_BASE;
    for (uint32_t pg = off / TRACK_PAGE; pg <= (off + len - 1) / TRACK_PAGE; pg++)
        s_changed[pg / 8] |= (uint8_t)(1u << (pg % 8));
}

static void clear_changed(void)
{
    memset(s_changed, 0, sizeof s_changed);
    s_all_changed = false;
}

void th_flash_save(uint8_t *out)
{
    memcpy(out, s_int, sizeof s_int);
    memcpy(out + sizeof s_int, s_ext, sizeof s_ext);
    clear_changed();
}

void th_flash_load(const uint8_t *in)
{
    memcpy(s_int, in, sizeof s_int);
    memcpy(s_ext, in + sizeof s_int, sizeof s_ext);
    clear_changed();
}

void th_flash_load_changed(const uint8_t *in)
{
    if (s_all_changed) {
        th_flash_load(in);
        return;
    }
    for (uint32_t i = 0; i < sizeof s_changed; i++) {
        if (s_changed[i] == 0)
            continue;
        for (uint32_t bit = 0; bit < 8; bit++) {
            if (!(s_changed[i] & (1u << bit)))
                continue;
            const uint32_t off = (i * 8 + bit) * TRACK_PAGE;
            uint8_t *dst = off < INT_SIZE ? s_int + off : s_ext + (off - INT_SIZE);
            memcpy(dst, in + off, TRACK_PAGE);
        }
        s_changed[i] = 0;
    }
}

pt_hal_result pt_hal_flash_sector_of(uint32_t a, uint32_t *start, uint32_t *size)
{
    if (a >= EXT_BASE && a < EXT_BASE + EXT_SIZE) {
        *start = a & ~0xFFFu;
        *size = 4096;
        return PT_HAL_OK;
    }
    if (a < INT_BASE || a >= INT_BASE + INT_SIZE)
        return PT_HAL_E_RANGE;
    uint32_t off = a - INT_BASE;
    if (off < 65536) {
        *start = INT_BASE + (off & ~0x3FFFu);
        *size = 16384;
    } else if (off < 131072) {
        *start = INT_BASE + 65536;
        *size = 65536;
    } else {
        *start = INT_BASE + 131072 + ((off - 131072) & ~0x1FFFFu);
        *size = 131072;
    }
    return PT_HAL_OK;
}

pt_hal_result pt_hal_flash_read(uint32_t a, void *buf, uint32_t len)
{
    uint8_t *p = mem(a, len);
    if (!p)
        return PT_HAL_E_RANGE;
    memcpy(buf, p, len);
    return PT_HAL_OK;
}

pt_hal_result pt_hal_flash_program(uint32_t a, const void *buf, uint32_t len)
{
    uint8_t *p = mem(a, len);
    const uint8_t *src = buf;
    if (!p)
        return PT_HAL_E_RANGE;
    for (uint32_t i = 0; i < len; i++)
        if ((p[i] & src[i]) != src[i])
            return PT_HAL_E_NOT_ERASED;
    maybe_cut();
    for (uint32_t i = 0; i < len; i++)
        p[i] &= src[i];
    mark_changed(a, len);
    th_program_count++;
    if (th_on_flash_op)
        th_on_flash_op(false, a, len);
    return PT_HAL_OK;
}

pt_hal_result pt_hal_flash_erase_sector(uint32_t a)
{
    uint32_t start, size;
    if (pt_hal_flash_sector_of(a, &start, &size) != PT_HAL_OK)
        return PT_HAL_E_RANGE;
    if (start != a)
        return PT_HAL_E_ALIGNMENT;
    maybe_cut();
    memset(mem(start, size), 0xFF, size);
    mark_changed(start, size);
    th_erase_count++;
    if (th_on_flash_op)
        th_on_flash_op(true, start, size);
    if (s_reset_erase > 0 && --s_reset_erase == 0) {
        if (!s_armed) {
            printf("injected reset outside th_run\n");
            abort();
        }
        longjmp(s_jmp, 1);
    }
    return PT_HAL_OK;
}

uint32_t pt_hal_millis(void) { return s_now; }
uint32_t th_unix_time = 1767225600u; /* 2026-01-01 */
uint32_t pt_hal_unix_time(void) { return th_unix_time; }
pt_hal_result pt_hal_random(uint8_t *out, uint32_t len)
{
    static uint32_t x = 0x9E3779B9u; /* deterministic, tests only: xorshift32 */
    for (uint32_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = (uint8_t)x;
    }
    return PT_HAL_OK;
}
void th_advance_ms(uint32_t ms) { s_now += ms; }
pt_retained *pt_hal_retained(void) { return &s_retained; }
char th_log_last[256];
unsigned th_log_lines;
void pt_hal_log(const char *line)
{
    snprintf(th_log_last, sizeof th_log_last, "%s", line);
    th_log_lines++;
}
const pt_board *pt_hal_board(void) { return &s_board; }
pt_hal_result pt_hal_lock(void)
{
    s_board.locked = true;
    return PT_HAL_OK;
}
pt_board *th_board(void) { return &s_board; }

_Noreturn void pt_hal_reset(void)
{
    if (!s_armed) {
        printf("pt_hal_reset outside th_run\n");
        abort();
    }
    longjmp(s_jmp, 1);
}

void th_reset_after_erase(unsigned n) { s_reset_erase = n; }

bool th_run(void (*fn)(void *), void *arg)
{
    volatile bool reset = false;
    s_armed = true;
    if (setjmp(s_jmp) == 0)
        fn(arg);
    else
        reset = true;
    s_armed = false;
    s_reset_erase = 0;
    return reset;
}

static void set_region(int i, const char *name, uint32_t addr, uint32_t size, uint32_t flags,
                       uint8_t runs, const pt_sector_run *r)
{
    pt_region *g = &s_board.regions[i];
    memset(g, 0, sizeof *g);
    strcpy(g->name, name);
    g->address = addr;
    g->size = size;
    g->flags = flags;
    g->run_count = runs;
    memcpy(g->runs, r, runs * sizeof *r);
}

void th_factory(void)
{
    memset(s_int, 0xFF, sizeof s_int);
    memset(s_ext, 0xFF, sizeof s_ext);
    s_all_changed = true;
    memset(&s_board, 0, sizeof s_board);
    memset(&s_retained, 0, sizeof s_retained);
    strcpy(s_board.board_id, "stm32f4-ref");
    static const uint8_t uid[12] = {0x30, 0x00, 0x41, 0x00, 0x0D, 0x51, 0x34, 0x35, 0x31, 0x38, 0x39, 0xAB};
    memcpy(s_board.unique_id, uid, 12);
    s_board.unique_id_len = 12;
    static const pt_sector_run boot[] = {{2, 16384}}, cfg[] = {{2, 16384}},
                               fw[] = {{1, 65536}, {1, 131072}}, dep[] = {{6, 131072}},
                               bst[] = {{2, 4096}}, upd[] = {{256, 4096}};
    /* addresses and sizes from resources/boards/stm32f4-ref.json (tests/device/CMakeLists.txt) */
    set_region(0, "bootloader", TH_BOOTLOADER_ADDRESS, TH_BOOTLOADER_SIZE, PT_REGION_PROTECTED, 1, boot);
    set_region(1, "config", TH_CONFIG_ADDRESS, TH_CONFIG_SIZE, PT_REGION_CONFIG, 1, cfg);
    set_region(2, "firmware", TH_FIRMWARE_ADDRESS, TH_FIRMWARE_SIZE, PT_REGION_IMAGE, 2, fw);
    set_region(3, "deployment", TH_DEPLOYMENT_ADDRESS, TH_DEPLOYMENT_SIZE, PT_REGION_IMAGE, 1, dep);
    set_region(4, "bootstate", TH_BOOTSTATE_ADDRESS, TH_BOOTSTATE_SIZE, PT_REGION_PROTECTED | PT_REGION_EXTERNAL, 1, bst);
    set_region(5, "update", TH_UPDATE_ADDRESS, TH_UPDATE_SIZE, PT_REGION_STAGING | PT_REGION_EXTERNAL, 1, upd);
    set_region(6, "backup", TH_BACKUP_ADDRESS, TH_BACKUP_SIZE, PT_REGION_PROTECTED | PT_REGION_EXTERNAL, 1, upd);
    s_board.region_count = 7;
    /* A recognisable bootloader image, so hashes of the protected region mean something. */
    for (uint32_t i = 0; i < 32768; i++)
        s_int[i] = (uint8_t)(i * 7 + 3);
    th_erase_count = th_program_count = 0;
    s_reset_erase = 0;
    s_cut_ops = 0;
}

void th_power_cycle(void) { memset(&s_retained, 0, sizeof s_retained); }

/* ---- link ---- */
#define LINK_BUF (16384u + PT_FRAME_OVERHEAD)
static uint8_t s_rx[LINK_BUF], s_tx[LINK_BUF];
static uint8_t s_sent[4 * 65536];
static size_t s_sent_len;
pt_link th_link, th_link2;

void th_grant(pt_link *link, uint8_t role)
{
    pt_trusted_key *k = &s_board.access_keys[0];
    memcpy(k->der, pt_p256_spki_prefix, PT_P256_SPKI_PREFIX_SIZE);
    k->der[PT_P256_SPKI_PREFIX_SIZE] = 0x04;
    memset(k->der + PT_P256_SPKI_PREFIX_SIZE + 1, 0x11, 64);
    k->der_len = PT_P256_SPKI_PREFIX_SIZE + 65u;
    s_board.access_key_count = 1;
    uint8_t out[PT_AUTH_PROOF_RESPONSE_SIZE];
    pt_auth_grant(link, role, PT_AUTH_STATE_GRANTED, out);
}
static uint8_t s_rx2[LINK_BUF], s_tx2[LINK_BUF];

static void link_send(pt_link *l, const uint8_t *d, size_t n)
{
    (void)l;
    if (s_sent_len + n <= sizeof s_sent) {
        memcpy(s_sent + s_sent_len, d, n);
        s_sent_len += n;
    }
}

const uint8_t *th_sent(size_t *len)
{
    *len = s_sent_len;
    return s_sent;
}
void th_clear_sent(void) { s_sent_len = 0; }

static void boot_fn(void *arg)
{
    enum pt_stage st = pt_boot();
    /* The agent confirms a trial image once it serves (as piton-vboard does without --no-confirm). */
    if (st == PT_STAGE_APPLICATION && th_auto_confirm && pt_current_image_state() == PT_IMAGE_TRIAL)
        pt_confirm();
    *(enum pt_stage *)arg = st;
}

enum pt_stage th_boot(void)
{
    enum pt_stage st = PT_STAGE_BOOTLOADER;
    th_link.send = link_send;
    th_link.max_payload = 16384;
    th_link.rx_buf = s_rx;
    th_link.tx_buf = s_tx;
    th_link.buf_size = LINK_BUF;
    th_link.name = "link 1";
    th_link.kind = PT_LINK_SERIAL; /* a development bench: the access policy leaves it open */
    th_link2 = th_link;
    th_link2.rx_buf = s_rx2;
    th_link2.tx_buf = s_tx2;
    th_link2.name = "link 2";
    while (th_run(boot_fn, &st)) {
        /* a reset injected during boot: boot again, as the hardware would */
    }
    pt_link_init(&th_link);
    pt_link_init(&th_link2);
    return st;
}

typedef struct {
    pt_link *link;
    const uint8_t *d;
    size_t n;
} feed_arg;
static void feed_fn(void *arg)
{
    feed_arg *f = arg;
    pt_link_receive(f->link, f->d, f->n);
}

bool th_feed(const uint8_t *data, size_t len)
{
    return th_feed_on(&th_link, data, len);
}

bool th_feed_on(pt_link *link, const uint8_t *data, size_t len)
{
    feed_arg f = {link, data, len};
    bool reset = th_run(feed_fn, &f);
    if (reset)
        th_boot();
    return reset;
}

static uint8_t s_req[65536 + PT_FRAME_OVERHEAD];
static uint16_t s_seq = 1;

int th_request(uint8_t cmd, const void *payload, uint32_t len, th_response *resp)
{
    return th_request_on(&th_link, cmd, payload, len, resp);
}

int th_request_on(pt_link *link, uint8_t cmd, const void *payload, uint32_t len, th_response *resp)
{
    th_clear_sent();
    size_t n = pt_frame_encode(s_req, cmd, s_seq, 0, 0, payload, len);
    resp->reset = th_feed_on(link, s_req, n);
    resp->status = -1;
    resp->len = 0;
    size_t sent_len;
    const uint8_t *sent = th_sent(&sent_len);
    pt_frame f;
    size_t used;
    if (pt_frame_scan(sent, sent_len, 65536, &f, &used) == PT_SCAN_FRAME && used == sent_len &&
        f.command == cmd && f.seq == s_seq && f.flags == PT_FRAME_FLAG_RESPONSE) {
        resp->status = f.status;
        resp->len = f.length;
        memcpy(resp->payload, f.payload, f.length);
    }
    s_seq++;
    return resp->status;
}

int th_config_set_on(pt_link *link, const char *key, const char *value, th_response *resp)
{
    uint8_t p[1 + 255 + 1024];
    const size_t k = strlen(key), v = strlen(value);
    if (k > 255 || v > 1024)
        return -1;
    p[0] = (uint8_t)k;
    memcpy(p + 1, key, k);
    memcpy(p + 1 + k, value, v);
    return th_request_on(link, PT_CMD_CONFIG_SET, p, (uint32_t)(1 + k + v), resp);
}

void th_region_args(uint8_t *out, uint8_t id, uint32_t offset, uint32_t length)
{
    memset(out, 0, 12);
    out[0] = id;
    for (int i = 0; i < 4; i++) {
        out[4 + i] = (uint8_t)(offset >> (8 * i));
        out[8 + i] = (uint8_t)(length >> (8 * i));
    }
}

void th_region_hashes(uint8_t out[][32])
{
    for (int i = 0; i < s_board.region_count; i++)
        mbedtls_sha256_ret(mem(s_board.regions[i].address, s_board.regions[i].size),
                           s_board.regions[i].size, out[i], 0);
}
