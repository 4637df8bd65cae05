/* Sessions (docs/protocol.md §5): one owner at a time across links, release on disconnect and
 * after the timeout, take-over logged, staging owned by its transfer's session; ERASE for a raw
 * write refused up front; a trickling partial frame cannot hold a link; INFO keeps its own
 * error message. Every refusal leaves every region's SHA-256 unchanged. */
#include <string.h>

#include "frame.h"
#include "mbedtls/sha256.h"
#include "pt_bytes.h"
#include "test_hal.h"

#define DEPLOYMENT 3u
#define CONFIG 1u
#define STAGING 5u

static th_response r;
static uint8_t before[PT_MAX_REGIONS][32], after[PT_MAX_REGIONS][32];

static void snapshot(uint8_t out[][32]) { th_region_hashes(out); }
static bool unchanged(void)
{
    snapshot(after);
    return memcmp(before, after, sizeof before) == 0;
}
static bool says(const char *needle)
{
    r.payload[r.len < sizeof r.payload ? r.len : sizeof r.payload - 1] = 0;
    bool ok = strstr((const char *)r.payload, needle) != NULL;
    if (!ok)
        printf("  message was: %s\n", (const char *)r.payload);
    return ok;
}

static int erase_on(pt_link *l, uint8_t region, uint8_t flags)
{
    uint8_t a[12];
    th_region_args(a, region, 0, 0);
    a[1] = flags;
    return th_request_on(l, PT_CMD_ERASE, a, 12, &r);
}

static int set_on(pt_link *l, const char *key, const char *value) { return th_config_set_on(l, key, value, &r); }

static int session_on(pt_link *l, uint8_t flags, const char *name)
{
    uint8_t p[1 + PT_SESSION_NAME_MAX];
    size_t n = strlen(name);
    p[0] = flags;
    memcpy(p + 1, name, n);
    return th_request_on(l, PT_CMD_SESSION, p, (uint32_t)(1 + n), &r);
}

static void test_one_owner(void)
{
    th_factory();
    th_boot();
    CHECK_EQ(set_on(&th_link, "user.a", "1"), PT_OK); /* link 1 now owns the board */
    th_advance_ms(3000);
    snapshot(before);
    CHECK_EQ(erase_on(&th_link2, DEPLOYMENT, 0), PT_E_BUSY);
    CHECK(says("busy with another session over link 1, since 3 s"));
    CHECK_EQ(set_on(&th_link2, "user.b", "2"), PT_E_BUSY);
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_UPDATE_ABORT, NULL, 0, &r), PT_E_BUSY);
    uint8_t mode = PT_REBOOT_NORMAL;
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_REBOOT, &mode, 1, &r), PT_E_BUSY);
    CHECK(!r.reset);
    CHECK(unchanged());
    /* Reading is served to everyone. */
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_INFO, NULL, 0, &r), PT_OK);
    uint8_t a[12];
    th_region_args(a, DEPLOYMENT, 0, 64);
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_READ, a, 12, &r), PT_OK);
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_HASH, a, 12, &r), PT_OK);
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_CONFIG_GET, "user.a", 6, &r), PT_OK);
    /* The owner goes on. */
    CHECK_EQ(set_on(&th_link, "user.a", "3"), PT_OK);

    /* Idle for the timeout: released. */
    th_advance_ms(PT_SESSION_TIMEOUT_MS - 1);
    CHECK_EQ(set_on(&th_link2, "user.b", "2"), PT_E_BUSY);
    th_advance_ms(1);
    CHECK_EQ(set_on(&th_link2, "user.b", "2"), PT_OK);
    CHECK_EQ(set_on(&th_link, "user.a", "4"), PT_E_BUSY); /* now link 2 holds it */
    CHECK(says("over link 2"));

    /* A disconnect (the port re-inits the link) releases at once. */
    pt_link_init(&th_link2);
    CHECK_EQ(set_on(&th_link, "user.a", "4"), PT_OK);

    /* The board's own timeout applies (pt_board.session_timeout_ms). */
    th_board()->session_timeout_ms = 500;
    th_advance_ms(499);
    CHECK_EQ(set_on(&th_link2, "user.b", "5"), PT_E_BUSY);
    CHECK(says("after 0 s without requests"));
    th_advance_ms(1);
    CHECK_EQ(set_on(&th_link2, "user.b", "5"), PT_OK);
    th_board()->session_timeout_ms = 0;

    /* A reset forgets every session. */
    mode = PT_REBOOT_NORMAL;
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_REBOOT, &mode, 1, &r), PT_OK);
    CHECK(r.reset);
    CHECK_EQ(set_on(&th_link, "user.a", "6"), PT_OK);
}

static void test_take_over(void)
{
    th_factory();
    th_boot();
    CHECK_EQ(session_on(&th_link, 0, "piton-cli on bench-1"), PT_OK);
    CHECK_EQ(r.len, 8);
    CHECK_EQ(pt_get32(r.payload), PT_SESSION_TIMEOUT_MS);
    CHECK_EQ(r.payload[4], 0);
    snapshot(before);
    CHECK_EQ(session_on(&th_link2, 0, "support"), PT_E_BUSY);
    CHECK(says("over link 1 (piton-cli on bench-1)"));
    CHECK_EQ(erase_on(&th_link2, DEPLOYMENT, 0), PT_E_BUSY);
    CHECK(says("(piton-cli on bench-1)"));
    CHECK(unchanged());
    unsigned lines = th_log_lines;
    CHECK_EQ(session_on(&th_link2, PT_SESSION_FLAG_TAKE_OVER, "support"), PT_OK);
    CHECK_EQ(r.payload[4], 1);
    CHECK_EQ(th_log_lines, lines + 1);
    CHECK(strstr(th_log_last, "link 2 (support) took the board over from link 1 (piton-cli on bench-1)") != NULL);
    CHECK_EQ(set_on(&th_link, "user.a", "1"), PT_E_BUSY);
    CHECK(says("over link 2 (support)"));
    /* Taking over a free board (or one's own) is no take-over. */
    CHECK_EQ(session_on(&th_link2, PT_SESSION_FLAG_TAKE_OVER, "support"), PT_OK);
    CHECK_EQ(r.payload[4], 0);
    CHECK_EQ(th_log_lines, lines + 1);
    /* Malformed SESSION requests. */
    uint8_t bad[40] = {0x04};
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_SESSION, bad, 1, &r), PT_E_BAD_REQUEST);
    bad[0] = PT_SESSION_FLAG_TAKE_OVER | PT_SESSION_FLAG_RELEASE;
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_SESSION, bad, 1, &r), PT_E_BAD_REQUEST);
    bad[0] = 0;
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_SESSION, bad, 0, &r), PT_E_BAD_REQUEST);
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_SESSION, bad, 34, &r), PT_E_BAD_REQUEST);
    /* Release: only the owner's release frees the board, at once. */
    uint8_t rel = PT_SESSION_FLAG_RELEASE;
    CHECK_EQ(th_request_on(&th_link, PT_CMD_SESSION, &rel, 1, &r), PT_OK); /* not the owner: no effect */
    CHECK_EQ(set_on(&th_link, "user.a", "1"), PT_E_BUSY);
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_SESSION, &rel, 1, &r), PT_OK);
    CHECK_EQ(set_on(&th_link, "user.a", "1"), PT_OK);
    /* PING advertises sessions. */
    CHECK_EQ(th_request_on(&th_link, PT_CMD_PING, NULL, 0, &r), PT_OK);
    CHECK(pt_get32(r.payload + 8) & PT_CAP_SESSION);
}

static uint8_t data_a[6000], data_b[3000];

static int begin_on(pt_link *l, const uint8_t *data, uint32_t size, uint32_t *staged)
{
    uint8_t b[36];
    pt_put32(b, size);
    mbedtls_sha256_ret(data, size, b + 4, 0);
    int st = th_request_on(l, PT_CMD_UPDATE_BEGIN, b, 36, &r);
    *staged = st == PT_OK ? pt_get32(r.payload) : 0;
    return st;
}

static int data_on(pt_link *l, const uint8_t *data, uint32_t off, uint32_t n)
{
    uint8_t b[4 + 1000];
    pt_put32(b, off);
    memcpy(b + 4, data + off, n);
    return th_request_on(l, PT_CMD_UPDATE_DATA, b, 4 + n, &r);
}

static void test_staging_owner(void)
{
    for (size_t i = 0; i < sizeof data_a; i++)
        data_a[i] = (uint8_t)(i * 7u);
    for (size_t i = 0; i < sizeof data_b; i++)
        data_b[i] = (uint8_t)(i * 13u + 1u);
    th_factory();
    th_boot();
    uint32_t staged = 0;
    CHECK_EQ(begin_on(&th_link, data_a, sizeof data_a, &staged), PT_OK);
    CHECK_EQ(data_on(&th_link, data_a, 0, 1000), PT_OK);
    CHECK_EQ(data_on(&th_link, data_a, 1000, 1000), PT_OK);
    pt_link_init(&th_link); /* link 1 drops: it no longer owns the board, but its transfer is fresh */
    th_advance_ms(2000);
    snapshot(before);
    CHECK_EQ(begin_on(&th_link2, data_b, sizeof data_b, &staged), PT_E_BUSY);
    CHECK(says("staging holds a transfer of another session over link 1 (2000 of 6000 bytes, last data 2000 ms ago)"));
    CHECK_EQ(th_request_on(&th_link2, PT_CMD_UPDATE_ABORT, NULL, 0, &r), PT_E_BUSY);
    CHECK(unchanged());
    /* Resuming the same package is allowed to anyone (it destroys nothing). */
    CHECK_EQ(begin_on(&th_link2, data_a, sizeof data_a, &staged), PT_OK);
    CHECK_EQ(staged, 2000);
    CHECK_EQ(data_on(&th_link2, data_a, 2000, 1000), PT_OK);
    /* Now the transfer is link 2's: link 1 (reconnected) may resume but not restart it. */
    CHECK_EQ(begin_on(&th_link, data_b, sizeof data_b, &staged), PT_E_BUSY); /* board is link 2's */
    pt_link_init(&th_link2);
    CHECK_EQ(begin_on(&th_link, data_b, sizeof data_b, &staged), PT_E_BUSY);
    CHECK(says("over link 2 (3000 of 6000 bytes"));
    /* Stale after the timeout: then anyone may restart it. */
    th_advance_ms(PT_SESSION_TIMEOUT_MS);
    CHECK_EQ(begin_on(&th_link, data_b, sizeof data_b, &staged), PT_OK);
    CHECK_EQ(staged, 0);
    /* Its own session may abort it. */
    CHECK_EQ(th_request_on(&th_link, PT_CMD_UPDATE_ABORT, NULL, 0, &r), PT_OK);
}

static void test_erase_for_write(void)
{
    th_factory();
    th_boot();
    uint8_t a[12];
    th_region_args(a, DEPLOYMENT, 0, 16);
    uint8_t w[8 + 16];
    memcpy(w, a, 8);
    memset(w + 8, 0x5A, 16);
    CHECK_EQ(th_request(PT_CMD_WRITE, w, sizeof w, &r), PT_OK);
    th_board()->locked = true;
    th_grant(&th_link, PT_ROLE_FACTORY); /* a locked board serves no change without a session */
    snapshot(before);
    CHECK_EQ(erase_on(&th_link, DEPLOYMENT, PT_ERASE_FLAG_FOR_WRITE), PT_E_LOCKED);
    CHECK(says("raw write refused: device is locked"));
    CHECK(unchanged());
    th_board()->locked = false;
    CHECK_EQ(erase_on(&th_link, CONFIG, PT_ERASE_FLAG_FOR_WRITE), PT_E_PROTECTED);
    CHECK(says("region config is not an image region"));
    CHECK(unchanged());
    CHECK_EQ(erase_on(&th_link, DEPLOYMENT, 0x02), PT_E_BAD_REQUEST);
    CHECK(unchanged());
    CHECK_EQ(erase_on(&th_link, DEPLOYMENT, PT_ERASE_FLAG_FOR_WRITE), PT_OK);
    CHECK(!unchanged());
    CHECK_EQ(th_flash_ptr(TH_DEPLOYMENT_ADDRESS)[0], 0xFF);
}

static void test_trickle(void)
{
    th_factory();
    th_boot();
    /* A header announcing 1000 payload bytes, then one byte every 900 ms. */
    uint8_t hdr[12] = {PT_FRAME_MAGIC0, PT_FRAME_MAGIC1, PT_PROTOCOL_VERSION, PT_CMD_WRITE, 1, 0, 0, 0};
    pt_put32(hdr + 8, 1000);
    th_clear_sent();
    th_feed(hdr, sizeof hdr);
    uint8_t ping[PT_FRAME_OVERHEAD];
    size_t n = pt_frame_encode(ping, PT_CMD_PING, 77, 0, 0, NULL, 0);
    uint32_t waited = 0;
    bool answered = false;
    th_feed(ping, n); /* a PING right behind the stale header */
    for (int i = 0; i < 4 && !answered; i++) {
        th_advance_ms(900);
        waited += 900;
        uint8_t b = 0x00;
        th_feed(&b, 1);
        size_t len;
        const uint8_t *sent = th_sent(&len);
        pt_frame f;
        size_t used;
        answered = pt_frame_scan(sent, len, 65536, &f, &used) == PT_SCAN_FRAME && f.command == PT_CMD_PING &&
                   f.seq == 77 && f.status == PT_OK;
    }
    CHECK(answered);
    CHECK(waited <= 2000);
    /* The timeout also fires from the idle poll, with nothing more arriving. */
    th_clear_sent();
    th_feed(hdr, sizeof hdr);
    th_feed(ping, n);
    th_advance_ms(PT_RX_TIMEOUT_MS);
    size_t len;
    th_sent(&len);
    CHECK_EQ(len, 0);
    pt_link_poll(&th_link);
    th_sent(&len);
    CHECK(len > 0);
    /* On a slow link the frame's own length extends its time. */
    th_link.byte_time_us = 1000; /* 1 ms per byte: a 1016-byte frame may take 1000 + 1016 ms */
    th_clear_sent();
    th_feed(hdr, sizeof hdr);
    th_feed(ping, n);
    th_advance_ms(2015);
    pt_link_poll(&th_link);
    th_sent(&len);
    CHECK_EQ(len, 0);
    th_advance_ms(1);
    pt_link_poll(&th_link);
    th_sent(&len);
    CHECK(len > 0);
    th_link.byte_time_us = 0;
}

static void test_info_message(void)
{
    th_factory();
    th_boot();
    uint8_t p[5];
    pt_put32(p, 40);
    p[4] = 1;
    /* PING grants no payload below PT_MIN_MAX_PAYLOAD (docs/protocol.md §4.1) */
    CHECK_EQ(th_request(PT_CMD_PING, p, 5, &r), PT_E_BAD_REQUEST);
    CHECK(says("minimum 1024"));
    /* A response that outgrows the grant is refused with a message that fits: the grant set
     * to 40 bytes on the link, as no PING can make it. */
    th_link.peer_max_payload = 40;
    CHECK_EQ(th_request(PT_CMD_INFO, NULL, 0, &r), PT_E_OUT_OF_RANGE);
    CHECK(says("response of more than")); /* cut to the 40 bytes of the grant */
    CHECK(!strstr((const char *)r.payload, "trial_boots"));
}

int main(void)
{
    test_one_owner();
    test_take_over();
    test_staging_owner();
    test_erase_for_write();
    test_trickle();
    test_info_message();
    return th_summary();
}
