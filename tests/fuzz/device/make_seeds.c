/*
 * Writes the device-side and response seeds of tests/fuzz/corpus from real exchanges with the
 * device core on the RAM flash model (tests/device/test_hal.c): request sequences for
 * device_server, the frames for device_frame, the responses the client parses (responses), and
 * the config and bootstate regions after real writes (device_stores). Usage: make_seeds DIR
 * (the corpus directory). Run by hand when the protocol changes; docs/fuzzing.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frame.h"
#include "piton/protocol.h"
#include "pt_bytes.h"
#include "test_hal.h"

static const char *s_dir;
static th_response r;

static void put(const char *target, const char *name, const uint8_t *prefix, size_t plen, const uint8_t *d,
                size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", s_dir, target);
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        perror(path);
        exit(1);
    }
    snprintf(path, sizeof path, "%s/%s/%s", s_dir, target, name);
    FILE *f = fopen(path, "wb");
    if (!f || (plen && fwrite(prefix, 1, plen, f) != plen) || (n && fwrite(d, 1, n, f) != n) || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

/* ---- device_server: a request sequence in the fuzz target's encoding ---- */
static uint8_t s_seq[8192];
static size_t s_seq_len;
static void seq_start(uint8_t board) { s_seq[0] = board; s_seq_len = 1; }
static void seq_add(uint8_t cmd, uint8_t options, const void *p, uint16_t len)
{
    s_seq[s_seq_len++] = cmd;
    s_seq[s_seq_len++] = options;
    pt_put16(s_seq + s_seq_len, len);
    s_seq_len += 2;
    if (len)
        memcpy(s_seq + s_seq_len, p, len);
    s_seq_len += len;
    /* and the same request against the model, for the response seeds */
    th_request_on(options & 1 ? &th_link2 : &th_link, cmd, p, len, &r);
}
static void seq_put(const char *name) { put("device_server", name, NULL, 0, s_seq, s_seq_len); }

static void put_response(const char *name, uint8_t selector)
{
    put("responses", name, &selector, 1, r.payload, r.len);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_seeds CORPUS-DIR\n");
        return 2;
    }
    s_dir = argv[1];
    th_factory();
    th_boot();

    uint8_t ping[5];
    pt_put32(ping, 16384);
    ping[4] = 4;
    uint8_t range[12];

    seq_start(0);
    seq_add(PT_CMD_PING, 0, ping, 5);
    put_response("ping", 0);
    seq_add(PT_CMD_INFO, 0, NULL, 0);
    put_response("info", 1);
    seq_add(PT_CMD_REGIONS, 0, NULL, 0);
    put_response("regions", 2);
    seq_add(PT_CMD_UPDATE_STATUS, 0, NULL, 0);
    put_response("update_status", 3);
    seq_put("discover");

    seq_start(0);
    static const uint8_t claim[] = {0, 'f', 'u', 'z', 'z'};
    seq_add(PT_CMD_SESSION, 0, claim, sizeof claim);
    put_response("session", 5);
    seq_add(PT_CMD_SESSION, 1, claim, sizeof claim); /* refused on the second link */
    seq_add(PT_CMD_SESSION, 1 | 2, (const uint8_t[]){PT_SESSION_FLAG_TAKE_OVER, 'x'}, 2);
    seq_put("sessions");

    seq_start(0);
    seq_add(PT_CMD_CONFIG_READ, 0, NULL, 0);
    put("device_stores", "config_blob", (const uint8_t[]){2}, 1, r.payload, r.len);
    put("config_backup", "factory.ptcfg", NULL, 0, r.payload, r.len);
    static const uint8_t set[] = {6, 's', 'e', 'r', 'i', 'a', 'l', 'A', 'B', 'C', '1', '2', '3'};
    seq_add(PT_CMD_CONFIG_SET, 0, set, sizeof set);
    static const uint8_t get[] = {6, 's', 'e', 'r', 'i', 'a', 'l'};
    seq_add(PT_CMD_CONFIG_GET, 0, get, sizeof get);
    seq_add(PT_CMD_CONFIG_READ, 0, NULL, 0);
    put("config_backup", "changed.ptcfg", NULL, 0, r.payload, r.len);
    seq_add(PT_CMD_CONFIG_WRITE, 0, r.payload, (uint16_t)r.len);
    seq_put("config");
    const pt_region *cfg = &th_board()->regions[1];
    put("device_stores", "config_region", (const uint8_t[]){0}, 1, th_flash_ptr(cfg->address), 2048);

    seq_start(0);
    th_region_args(range, 3, 0, 256);
    seq_add(PT_CMD_READ, 0, range, 12);
    seq_add(PT_CMD_HASH, 0, range, 12);
    th_region_args(range, 3, 0, 131072);
    range[1] = PT_ERASE_FLAG_FOR_WRITE;
    seq_add(PT_CMD_ERASE, 0, range, 12);
    uint8_t write[12 + 64];
    th_region_args(write, 3, 0, 64);
    memset(write + 12, 0x5A, 64);
    seq_add(PT_CMD_WRITE, 0, write, sizeof write);
    seq_add(PT_CMD_REBOOT, 0, NULL, 0);
    seq_put("regions");

    seq_start(1);
    uint8_t begin[4 + 32];
    pt_put32(begin, 4096);
    memset(begin + 4, 0x11, 32);
    seq_add(PT_CMD_UPDATE_BEGIN, 0, begin, sizeof begin);
    put_response("staged_offset", 4);
    uint8_t chunk[4 + 128];
    pt_put32(chunk, 0);
    memcpy(chunk + 4, "PTPK", 4);
    memset(chunk + 8, 0, 124);
    seq_add(PT_CMD_UPDATE_DATA, 0, chunk, sizeof chunk);
    seq_add(PT_CMD_UPDATE_STATUS, 0, NULL, 0);
    seq_add(PT_CMD_UPDATE_COMMIT, 0, NULL, 0);
    seq_add(PT_CMD_UPDATE_ABORT, 0, NULL, 0);
    seq_add(PT_CMD_CONFIRM, 0, NULL, 0);
    seq_put("update_locked");

    put("device_stores", "bootstate_region", (const uint8_t[]){1}, 1, th_flash_ptr(th_board()->regions[4].address), 1024);

    /* device_frame: a request and a response as they travel */
    uint8_t frame[256];
    size_t n = pt_frame_encode(frame + 1, PT_CMD_PING, 7, 0, 0, ping, 5);
    frame[0] = 3;
    put("device_frame", "ping", NULL, 0, frame, n + 1);
    n = pt_frame_encode(frame + 1, PT_CMD_CONFIG_GET, 8, PT_FRAME_FLAG_RESPONSE, 0, get, sizeof get);
    size_t m = pt_frame_encode(frame + 1 + n, PT_CMD_INFO, 9, 0, 0, NULL, 0);
    put("device_frame", "two", NULL, 0, frame, n + m + 1);
    frame[0] = 0x80; /* host_frame: byte 0 chunking, bit 7 small max payload */
    put("host_frame", "two", NULL, 0, frame, n + m + 1);
    printf("seeds written to %s\n", s_dir);
    return 0;
}
