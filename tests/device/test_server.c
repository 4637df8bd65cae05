/* PING negotiation, REGIONS layout bytes, READ/ERASE/WRITE/HASH boundaries and refusals. */
#include <string.h>

#include "mbedtls/sha256.h"
#include "pt_bytes.h"
#include "test_hal.h"

static th_response r;

static void test_ping(void)
{
    th_factory();
    CHECK_EQ(th_boot(), PT_STAGE_BOOTLOADER); /* nothing installed: recovery mode */
    CHECK_EQ(th_request(PT_CMD_PING, NULL, 0, &r), PT_OK);
    CHECK_EQ(r.len, 12);
    CHECK_EQ(r.payload[0], PT_STAGE_BOOTLOADER);
    CHECK_EQ(r.payload[1], 1);
    CHECK_EQ(r.payload[2], 1);
    CHECK_EQ(pt_get32(r.payload + 4), 1024);
    CHECK_EQ(pt_get32(r.payload + 8), 0xFF);

    uint8_t p[5];
    pt_put32(p, 65536);
    p[4] = 8;
    CHECK_EQ(th_request(PT_CMD_PING, p, 5, &r), PT_OK);
    CHECK_EQ(r.payload[2], 4);
    CHECK_EQ(pt_get32(r.payload + 4), 16384);

    pt_put32(p, 2048);
    p[4] = 2;
    CHECK_EQ(th_request(PT_CMD_PING, p, 5, &r), PT_OK);
    CHECK_EQ(r.payload[2], 2);
    CHECK_EQ(pt_get32(r.payload + 4), 2048);
    uint8_t a[12];
    th_region_args(a, 3, 0, 2048);
    CHECK_EQ(th_request(PT_CMD_READ, a, 12, &r), PT_OK);
    CHECK_EQ(r.len, 2048);
    th_region_args(a, 3, 0, 2049);
    CHECK_EQ(th_request(PT_CMD_READ, a, 12, &r), PT_E_OUT_OF_RANGE);
    CHECK(r.len > 0 && r.len <= 200);

    CHECK_EQ(th_request(PT_CMD_PING, p, 3, &r), PT_E_BAD_REQUEST);
    CHECK_EQ(th_request(0x7E, NULL, 0, &r), PT_E_UNKNOWN_COMMAND);

    th_board()->locked = true;
    CHECK_EQ(th_request(PT_CMD_PING, NULL, 0, &r), PT_OK);
    CHECK_EQ(pt_get32(r.payload + 8), 0xFB); /* no raw write */

    /* A receive buffer that loses what does not fit (a UART ring, docs/protocol.md 4.1): while one
     * frame is served, (window - 1) x (payload + 16) must fit in it. */
    const uint32_t fifos[] = {2048, 4096, 3 * (4096 + PT_FRAME_OVERHEAD), 1000};
    for (unsigned k = 0; k < sizeof fifos / sizeof fifos[0]; ++k) {
        th_link.rx_fifo = fifos[k];
        pt_put32(p, 4096);
        p[4] = 4;
        CHECK_EQ(th_request(PT_CMD_PING, p, 5, &r), PT_OK);
        const uint32_t w = r.payload[2], pay = pt_get32(r.payload + 4);
        CHECK(w >= 1 && w <= 4 && pay >= PT_MIN_MAX_PAYLOAD && pay <= 4096);
        CHECK((w - 1) * (pay + PT_FRAME_OVERHEAD) <= fifos[k]);
        if (fifos[k] >= PT_MIN_MAX_PAYLOAD + PT_FRAME_OVERHEAD)
            CHECK(w >= 2); /* pipelined whenever one frame of the minimum payload fits */
        if (fifos[k] >= 3 * (4096 + PT_FRAME_OVERHEAD))
            CHECK(w == 4 && pay == 4096); /* a large buffer costs nothing */
        if (fifos[k] < PT_MIN_MAX_PAYLOAD + PT_FRAME_OVERHEAD)
            CHECK(w == 1 && pay == 4096); /* stop and wait, full frames */
    }
    th_link.rx_fifo = 0;
}

static void test_regions(void)
{
    th_factory();
    th_boot();
    CHECK_EQ(th_request(PT_CMD_REGIONS, NULL, 0, &r), PT_OK);
    /* Expected bytes written out by hand from docs/protocol.md §4.3 and stm32f4-ref.json. */
    static const uint8_t expect_head[] = {
        7,
        0, 10, 'b', 'o', 'o', 't', 'l', 'o', 'a', 'd', 'e', 'r',
        0x00, 0x00, 0x00, 0x08, 0x00, 0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
        1, 0x02, 0x00, 0x00, 0x40, 0x00, 0x00,
        1, 6, 'c', 'o', 'n', 'f', 'i', 'g',
        0x00, 0x80, 0x00, 0x08, 0x00, 0x80, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00,
        1, 0x02, 0x00, 0x00, 0x40, 0x00, 0x00,
        2, 8, 'f', 'i', 'r', 'm', 'w', 'a', 'r', 'e',
        0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x00,
        2, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,
    };
    CHECK(r.len > sizeof expect_head);
    CHECK(memcmp(r.payload, expect_head, sizeof expect_head) == 0);
    /* update: id 5, flags staging|external = 6, 256 x 4096 */
    static const uint8_t expect_update[] = {
        5, 6, 'u', 'p', 'd', 'a', 't', 'e',
        0x00, 0x00, 0x70, 0x90, 0x00, 0x00, 0x10, 0x00, 0x06, 0x00, 0x00, 0x00,
        1, 0x00, 0x01, 0x00, 0x10, 0x00, 0x00,
    };
    /* backup: id 6, flags protected|external = 5, 256 x 4096 (the test board's layout) */
    static const uint8_t expect_backup[] = {
        6, 6, 'b', 'a', 'c', 'k', 'u', 'p',
        0x00, 0x00, 0x60, 0x90, 0x00, 0x00, 0x10, 0x00, 0x05, 0x00, 0x00, 0x00,
        1, 0x00, 0x01, 0x00, 0x10, 0x00, 0x00,
    };
    CHECK(r.len >= sizeof expect_update + sizeof expect_backup);
    CHECK(memcmp(r.payload + r.len - sizeof expect_backup - sizeof expect_update, expect_update,
                 sizeof expect_update) == 0);
    CHECK(memcmp(r.payload + r.len - sizeof expect_backup, expect_backup, sizeof expect_backup) == 0);
}

static void test_memory(void)
{
    th_factory();
    th_boot();
    uint8_t a[12], w[8 + 300];
    /* READ */
    th_region_args(a, 0, 32768 - 16, 16);
    CHECK_EQ(th_request(PT_CMD_READ, a, 12, &r), PT_OK);
    CHECK(memcmp(r.payload, th_flash_ptr(0x08000000u + 32768 - 16), 16) == 0);
    th_region_args(a, 0, 32768 - 16, 17);
    CHECK_EQ(th_request(PT_CMD_READ, a, 12, &r), PT_E_OUT_OF_RANGE);
    th_region_args(a, 0, 0xFFFFFFF0u, 32);
    CHECK_EQ(th_request(PT_CMD_READ, a, 12, &r), PT_E_OUT_OF_RANGE);
    th_region_args(a, 7, 0, 16);
    CHECK_EQ(th_request(PT_CMD_READ, a, 12, &r), PT_E_BAD_REGION);
    th_region_args(a, 0, 0, 16);
    a[2] = 1;
    CHECK_EQ(th_request(PT_CMD_READ, a, 12, &r), PT_E_BAD_REQUEST);
    CHECK_EQ(th_request(PT_CMD_READ, a, 11, &r), PT_E_BAD_REQUEST);

    /* ERASE refusals */
    uint8_t boot_hash[32];
    mbedtls_sha256_ret(th_flash_ptr(0x08000000u), 32768, boot_hash, 0);
    th_region_args(a, 0, 0, 0x4000);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_E_PROTECTED);
    r.payload[r.len] = 0;
    CHECK(strstr((char *)r.payload, "protected region bootloader") != NULL);
    th_region_args(a, 4, 0, 0);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_E_PROTECTED);
    th_region_args(a, 5, 0, 4096);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_E_PROTECTED);
    th_region_args(a, 2, 0, 0x8000); /* firmware's first sector is 64 KB */
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_E_ALIGNMENT);
    th_region_args(a, 2, 0x8000, 0);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_E_ALIGNMENT);
    th_region_args(a, 2, 0x10000, 0x40000);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_E_OUT_OF_RANGE);
    uint8_t h2[32];
    mbedtls_sha256_ret(th_flash_ptr(0x08000000u), 32768, h2, 0);
    CHECK(memcmp(boot_hash, h2, 32) == 0);

    /* WRITE, NOR pre-check, HASH */
    memset(w, 0, 8);
    w[0] = 2;
    pt_put32(w + 4, 0x10000 - 100); /* crosses the 64 KB / 128 KB sector boundary */
    for (int i = 0; i < 300; i++)
        w[8 + i] = (uint8_t)(0xF0 | (i & 0x0F));
    CHECK_EQ(th_request(PT_CMD_WRITE, w, sizeof w, &r), PT_OK);
    CHECK(memcmp(th_flash_ptr(0x08010000u + 0x10000 - 100), w + 8, 300) == 0);
    uint8_t before[300];
    memcpy(before, th_flash_ptr(0x08010000u + 0x10000 - 100), 300);
    w[8 + 299] = 0x0F; /* needs bits that are now 0 */
    w[8] = 0x00;       /* would be programmable alone */
    CHECK_EQ(th_request(PT_CMD_WRITE, w, sizeof w, &r), PT_E_NOT_ERASED);
    CHECK(memcmp(th_flash_ptr(0x08010000u + 0x10000 - 100), before, 300) == 0);
    th_region_args(a, 2, 0x10000 - 100, 300);
    CHECK_EQ(th_request(PT_CMD_HASH, a, 12, &r), PT_OK);
    uint8_t expect[32];
    mbedtls_sha256_ret(before, 300, expect, 0);
    CHECK_EQ(r.len, 32);
    CHECK(memcmp(r.payload, expect, 32) == 0);
    th_region_args(a, 2, 0, 0); /* whole region */
    CHECK_EQ(th_request(PT_CMD_HASH, a, 12, &r), PT_OK);
    mbedtls_sha256_ret(th_flash_ptr(0x08010000u), 196608, expect, 0);
    CHECK(memcmp(r.payload, expect, 32) == 0);
    th_region_args(a, 2, 196608, 1);
    CHECK_EQ(th_request(PT_CMD_HASH, a, 12, &r), PT_E_OUT_OF_RANGE);
    pt_put32(w + 4, 196608 - 100);
    CHECK_EQ(th_request(PT_CMD_WRITE, w, sizeof w, &r), PT_E_OUT_OF_RANGE);
    w[0] = 1; /* config */
    pt_put32(w + 4, 0);
    CHECK_EQ(th_request(PT_CMD_WRITE, w, sizeof w, &r), PT_E_PROTECTED);
    w[0] = 0;
    CHECK_EQ(th_request(PT_CMD_WRITE, w, sizeof w, &r), PT_E_PROTECTED);

    /* ERASE of the 64 KB sector only, then the write succeeds again */
    th_region_args(a, 2, 0, 0x10000);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_OK);
    CHECK_EQ(*th_flash_ptr(0x08010000u + 0x10000 - 100), 0xFF);
    CHECK_EQ(*th_flash_ptr(0x08010000u + 0x10000), before[100]); /* next sector untouched */

    /* locked: no change without a session, on any link (this one is serial); with one, WRITE
     * refused, ERASE allowed */
    th_board()->locked = true;
    th_region_args(a, 2, 0, 0);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_E_AUTH_REQUIRED);
    CHECK_EQ(*th_flash_ptr(0x08010000u + 0x10000), before[100]);
    th_grant(&th_link, PT_ROLE_FACTORY);
    w[0] = 2;
    pt_put32(w + 4, 0);
    CHECK_EQ(th_request(PT_CMD_WRITE, w, sizeof w, &r), PT_E_LOCKED);
    CHECK_EQ(*th_flash_ptr(0x08010000u), 0xFF);
    th_region_args(a, 2, 0, 0);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_OK);
    CHECK_EQ(*th_flash_ptr(0x08010000u + 0x10000), 0xFF);
}

static void test_info_reboot(void)
{
    th_factory();
    th_boot();
    CHECK_EQ(th_request(PT_CMD_INFO, NULL, 0, &r), PT_OK);
    /* walk the TLVs */
    int seen_board = 0, seen_serial = 0, seen_stage = 0, seen_fw = 0;
    for (uint32_t i = 0; i + 2 <= r.len; i += 2u + r.payload[i + 1]) {
        uint8_t tag = r.payload[i], n = r.payload[i + 1];
        const uint8_t *v = r.payload + i + 2;
        if (tag == PT_INFO_BOARD_ID)
            seen_board = n == 11 && memcmp(v, "stm32f4-ref", 11) == 0;
        if (tag == PT_INFO_SERIAL_NUMBER)
            seen_serial = n == 27 && memcmp(v, "PT-300041000D513435313839AB", 27) == 0;
        if (tag == PT_INFO_STAGE)
            seen_stage = v[0];
        if (tag == PT_INFO_FIRMWARE_VERSION)
            seen_fw = 1;
    }
    CHECK(seen_board);
    CHECK(seen_serial);
    CHECK_EQ(seen_stage, PT_STAGE_BOOTLOADER);
    CHECK(!seen_fw);
    uint8_t mode = 1;
    CHECK_EQ(th_request(PT_CMD_REBOOT, &mode, 1, &r), PT_OK);
    CHECK(r.reset);
    CHECK_EQ(pt_hal_retained()->request, PT_REBOOT_BOOTLOADER);
    CHECK_EQ(pt_hal_retained()->boot_count, 1);
    mode = 5;
    CHECK_EQ(th_request(PT_CMD_REBOOT, &mode, 1, &r), PT_E_BAD_REQUEST);
    CHECK(!r.reset);
}

/* LOCK (docs/protocol.md §4.13): only with its 4 confirmation bytes; then locked for good. */
static void test_lock(void)
{
    th_factory();
    th_boot();
    th_board()->locked = false;
    CHECK_EQ(th_request(PT_CMD_LOCK, "LOCX", 4, &r), PT_E_BAD_REQUEST);
    CHECK_EQ(th_request(PT_CMD_LOCK, "LOC", 3, &r), PT_E_BAD_REQUEST);
    CHECK(!pt_hal_board()->locked); /* refused: nothing changed */
    /* without an access key: refused, the board could never be serviced again once locked */
    const unsigned long ops = th_erase_count + th_program_count;
    CHECK_EQ(th_request(PT_CMD_LOCK, "LOCK", 4, &r), PT_E_NO_ACCESS_KEY);
    CHECK(!pt_hal_board()->locked);
    CHECK_EQ(th_erase_count + th_program_count, ops);
    th_grant(&th_link, PT_ROLE_FACTORY); /* LOCK of a locked board needs a factory session */
    CHECK_EQ(th_request(PT_CMD_LOCK, "LOCK", 4, &r), PT_OK);
    CHECK_EQ(r.len, 1);
    CHECK_EQ(r.payload[0], 0); /* this request locked it */
    CHECK(pt_hal_board()->locked);
    CHECK(!r.reset);
    CHECK_EQ(th_request(PT_CMD_LOCK, "LOCK", 4, &r), PT_OK);
    CHECK_EQ(r.payload[0], 1); /* locked already */
    uint8_t w[12] = {2};
    CHECK_EQ(th_request(PT_CMD_WRITE, w, sizeof w, &r), PT_E_LOCKED);
    th_board()->locked = false;
}

int main(void)
{
    test_ping();
    test_regions();
    test_memory();
    test_info_reboot();
    test_lock();
    return th_summary();
}
