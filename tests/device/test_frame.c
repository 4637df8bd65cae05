/* CRC-32 vector, frame scanner (good, split, garbage, corrupted CRC then good) and the link
 * decoder end to end. */
#include <string.h>
#include <zlib.h>

#include "crc32.h"
#include "frame.h"
#include "pt_bytes.h"
#include "test_hal.h"

static th_response resp;

static void test_crc(void)
{
    CHECK_EQ(pt_crc32("123456789", 9), 0xCBF43926u);
    CHECK_EQ(pt_crc32("", 0), 0);
    uint8_t buf[1000];
    for (int i = 0; i < 1000; i++)
        buf[i] = (uint8_t)(i * 31 + 7);
    CHECK_EQ(pt_crc32(buf, sizeof buf), crc32(0, buf, sizeof buf));
    CHECK_EQ(pt_crc32_update(pt_crc32(buf, 300), buf + 300, 700), crc32(0, buf, sizeof buf));
}

static void test_scan(void)
{
    uint8_t f[64], pay[5] = {1, 2, 3, 4, 5};
    size_t n = pt_frame_encode(f, 0x10, 0x1234, 0, 0, pay, 5);
    CHECK_EQ(n, 21);
    CHECK_EQ(pt_get32(f + 17), crc32(0, f, 17));
    pt_frame fr;
    size_t used = 0;
    CHECK_EQ(pt_frame_scan(f, n, 1024, &fr, &used), PT_SCAN_FRAME);
    CHECK_EQ(used, n);
    CHECK_EQ(fr.command, 0x10);
    CHECK_EQ(fr.seq, 0x1234);
    CHECK_EQ(fr.length, 5);
    CHECK(memcmp(fr.payload, pay, 5) == 0);
    /* every proper prefix needs more */
    int need_more = 0;
    for (size_t k = 0; k < n; k++)
        need_more += pt_frame_scan(f, k, 1024, &fr, &used) == PT_SCAN_NEED_MORE;
    CHECK_EQ(need_more, (int)n);
    /* bad version, reserved flag, too long: rejected after one byte */
    uint8_t g[64];
    memcpy(g, f, n);
    g[2] = 2;
    CHECK_EQ(pt_frame_scan(g, n, 1024, &fr, &used), PT_SCAN_DISCARD);
    CHECK_EQ(used, 1);
    memcpy(g, f, n);
    g[6] = 0x02;
    CHECK_EQ(pt_frame_scan(g, n, 1024, &fr, &used), PT_SCAN_DISCARD);
    CHECK_EQ(pt_frame_scan(f, n, 4, &fr, &used), PT_SCAN_DISCARD);
    /* bad CRC */
    memcpy(g, f, n);
    g[14] ^= 0x40;
    CHECK_EQ(pt_frame_scan(g, n, 1024, &fr, &used), PT_SCAN_DISCARD);
    CHECK_EQ(used, 1);
}

/* Counts PING responses in what the device sent. */
static int count_responses(uint16_t *seqs, int max)
{
    size_t len;
    const uint8_t *s = th_sent(&len);
    int count = 0;
    while (len > 0) {
        pt_frame fr;
        size_t used;
        pt_scan_result r = pt_frame_scan(s, len, 65536, &fr, &used);
        if (r == PT_SCAN_NEED_MORE)
            break;
        if (r == PT_SCAN_FRAME && count < max)
            seqs[count++] = fr.seq;
        s += used;
        len -= used;
    }
    return count;
}

static void test_link(void)
{
    th_factory();
    th_boot();
    uint8_t f1[32], f2[32];
    size_t n1 = pt_frame_encode(f1, PT_CMD_PING, 7, 0, 0, NULL, 0);
    size_t n2 = pt_frame_encode(f2, PT_CMD_PING, 8, 0, 0, NULL, 0);
    uint16_t seqs[8];

    /* byte by byte */
    th_clear_sent();
    for (size_t i = 0; i < n1; i++)
        th_feed(f1 + i, 1);
    CHECK_EQ(count_responses(seqs, 8), 1);
    CHECK_EQ(seqs[0], 7);

    /* garbage (including a false magic) before a frame */
    uint8_t stream[256];
    size_t k = 0;
    const uint8_t junk[] = {0x00, 0x50, 0x50, 0x54, 0x09, 0xFF, 0x54, 0x50};
    memcpy(stream, junk, sizeof junk);
    k = sizeof junk;
    memcpy(stream + k, f1, n1);
    k += n1;
    th_clear_sent();
    th_feed(stream, k);
    CHECK_EQ(count_responses(seqs, 8), 1);
    CHECK_EQ(seqs[0], 7);

    /* corrupted CRC, then a good frame: only the good one is answered */
    memcpy(stream, f1, n1);
    stream[n1 - 1] ^= 0xFF;
    memcpy(stream + n1, f2, n2);
    th_clear_sent();
    th_feed(stream, n1 + n2);
    CHECK_EQ(count_responses(seqs, 8), 1);
    CHECK_EQ(seqs[0], 8);

    /* a header announcing a long payload, cut short; the next frame is found after the
     * 1000 ms timeout drops the partial frame */
    uint8_t partial[12];
    memcpy(partial, f1, 8);
    pt_put32(partial + 8, 500);
    th_clear_sent();
    th_feed(partial, sizeof partial);
    th_advance_ms(1500);
    th_feed(f2, n2);
    CHECK_EQ(count_responses(seqs, 8), 1);
    CHECK_EQ(seqs[0], 8);

    /* a response frame sent to the device is ignored */
    uint8_t fr[32];
    size_t nr = pt_frame_encode(fr, PT_CMD_PING, 9, PT_FRAME_FLAG_RESPONSE, 0, NULL, 0);
    th_clear_sent();
    th_feed(fr, nr);
    CHECK_EQ(count_responses(seqs, 8), 0);

    /* payload above 1024 before PING: dropped as a candidate */
    static uint8_t big[2048 + 16];
    static uint8_t zeros[2048];
    memset(zeros, 0, sizeof zeros);
    size_t nb = pt_frame_encode(big, PT_CMD_READ, 10, 0, 0, zeros, 2048);
    th_clear_sent();
    th_feed(big, nb);
    CHECK_EQ(count_responses(seqs, 8), 0);

    /* pipelined requests: answered in order */
    memcpy(stream, f1, n1);
    memcpy(stream + n1, f2, n2);
    th_clear_sent();
    th_feed(stream, n1 + n2);
    CHECK_EQ(count_responses(seqs, 8), 2);
    CHECK_EQ(seqs[0], 7);
    CHECK_EQ(seqs[1], 8);
}

int main(void)
{
    test_crc();
    test_scan();
    test_link();
    (void)resp;
    return th_summary();
}
