/* Config store: factory defaults, set/get/delete, whole-blob write, bad blob refused with the old
 * config intact, 500 writes across sector switches, reset between erase and write, the config
 * state (INFO 0x11) decided by the content, the same before and after a reset. */
#include <stdio.h>
#include <string.h>

#include "crc32.h"
#include "pt_bytes.h"
#include "test_hal.h"

static th_response r;

static int get(const char *key, char *out)
{
    int st = th_request(PT_CMD_CONFIG_GET, key, (uint32_t)strlen(key), &r);
    if (st == PT_OK) {
        memcpy(out, r.payload, r.len);
        out[r.len] = 0;
    }
    return st;
}

static int set(const char *key, const char *value) { return th_config_set_on(&th_link, key, value, &r); }

static void test_defaults_and_set(void)
{
    th_factory();
    th_boot();
    char v[200];
    CHECK_EQ(get("serial", v), PT_OK);
    CHECK(strcmp(v, "PT-300041000D513435313839AB") == 0);
    CHECK_EQ(get("usb.product", v), PT_OK);
    CHECK(strcmp(v, "Piton virtual board") == 0);
    CHECK_EQ(get("net.dhcp", v), PT_OK);
    CHECK(strcmp(v, "1") == 0);
    CHECK_EQ(get("net.mac", v), PT_OK);
    CHECK(strcmp(v, "02:35:31:38:39:AB") == 0);
    CHECK_EQ(get("net.ip", v), PT_E_NOT_FOUND);
    CHECK_EQ(get("Bad Key", v), PT_E_BAD_CONFIG);

    CHECK_EQ(set("net.ip", "192.168.1.20"), PT_OK);
    CHECK_EQ(set("a.first", "x"), PT_OK);
    CHECK_EQ(get("net.ip", v), PT_OK);
    CHECK(strcmp(v, "192.168.1.20") == 0);
    CHECK_EQ(set("net.dhcp", "0"), PT_OK);
    CHECK_EQ(get("net.dhcp", v), PT_OK);
    CHECK(strcmp(v, "0") == 0);
    CHECK_EQ(set("UPPER", "x"), PT_E_BAD_CONFIG);
    char big[130];
    memset(big, 'v', 129);
    big[129] = 0;
    CHECK_EQ(set("user.big", big), PT_E_BAD_CONFIG);

    /* CONFIG_READ: valid blob, keys in ascending order */
    CHECK_EQ(th_request(PT_CMD_CONFIG_READ, NULL, 0, &r), PT_OK);
    CHECK(memcmp(r.payload, "PTCF", 4) == 0);
    CHECK_EQ(pt_get16(r.payload + 6), 6);
    uint32_t el = pt_get16(r.payload + 8);
    CHECK_EQ(r.len, 14 + el);
    CHECK_EQ(pt_get32(r.payload + 10 + el), pt_crc32(r.payload, 10 + el));
    CHECK_EQ(r.payload[10], 7);
    CHECK(memcmp(r.payload + 11, "a.first", 7) == 0);

    /* survives a reset */
    uint8_t mode = 0;
    th_request(PT_CMD_REBOOT, &mode, 1, &r);
    CHECK(r.reset);
    CHECK_EQ(get("net.ip", v), PT_OK);
    CHECK(strcmp(v, "192.168.1.20") == 0);

    /* delete */
    CHECK_EQ(set("net.ip", ""), PT_OK);
    CHECK_EQ(get("net.ip", v), PT_E_NOT_FOUND);
}

static uint32_t make_blob(uint8_t *b, const char *const *kv, int n)
{
    uint32_t p = 10;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(kv[2 * i]), v = strlen(kv[2 * i + 1]);
        b[p++] = (uint8_t)k;
        memcpy(b + p, kv[2 * i], k);
        p += (uint32_t)k;
        b[p++] = (uint8_t)v;
        memcpy(b + p, kv[2 * i + 1], v);
        p += (uint32_t)v;
    }
    memcpy(b, "PTCF", 4);
    b[4] = 1;
    b[5] = 0;
    pt_put16(b + 6, (uint16_t)n);
    pt_put16(b + 8, (uint16_t)(p - 10));
    pt_put32(b + p, pt_crc32(b, p));
    return p + 4;
}

static void test_blob(void)
{
    th_factory();
    th_boot();
    uint8_t blob[1100];
    const char *kv[] = {"net.dhcp", "0", "net.ip", "10.0.0.2", "serial", "SN-1"};
    uint32_t n = make_blob(blob, kv, 3);
    CHECK_EQ(th_request(PT_CMD_CONFIG_WRITE, blob, n, &r), PT_OK);
    CHECK_EQ(th_request(PT_CMD_CONFIG_READ, NULL, 0, &r), PT_OK);
    CHECK_EQ(r.len, n);
    CHECK(memcmp(r.payload, blob, n) == 0);

    uint8_t bad[1100];
    const char *kv2[] = {"net.dhcp", "1"};
    uint32_t m = make_blob(bad, kv2, 1);
    bad[m - 1] ^= 1; /* CRC */
    CHECK_EQ(th_request(PT_CMD_CONFIG_WRITE, bad, m, &r), PT_E_BAD_CONFIG);
    r.payload[r.len] = 0;
    CHECK(strstr((char *)r.payload, "CRC") != NULL);
    const char *kv3[] = {"serial", "x", "net.dhcp", "1"}; /* out of order */
    m = make_blob(bad, kv3, 2);
    CHECK_EQ(th_request(PT_CMD_CONFIG_WRITE, bad, m, &r), PT_E_BAD_CONFIG);
    const char *kv4[] = {"net IP", "1"};
    m = make_blob(bad, kv4, 1);
    CHECK_EQ(th_request(PT_CMD_CONFIG_WRITE, bad, m, &r), PT_E_BAD_CONFIG);
    m = make_blob(bad, kv2, 1);
    CHECK_EQ(th_request(PT_CMD_CONFIG_WRITE, bad, m - 1, &r), PT_E_BAD_CONFIG);
    /* old config intact, also after a reset */
    uint8_t mode = 0;
    th_request(PT_CMD_REBOOT, &mode, 1, &r);
    CHECK_EQ(th_request(PT_CMD_CONFIG_READ, NULL, 0, &r), PT_OK);
    CHECK_EQ(r.len, n);
    CHECK(memcmp(r.payload, blob, n) == 0);
}

static void test_many_writes_and_cut(void)
{
    th_factory();
    th_boot();
    char val[64], v[200];
    int failures = 0;
    unsigned long erases_before = th_erase_count;
    for (int i = 0; i < 500; i++) {
        snprintf(val, sizeof val, "value-%d-%s", i, "padding-padding-padding-padding");
        if (set("user.counter", val) != PT_OK)
            failures++;
    }
    CHECK_EQ(failures, 0);
    CHECK(th_erase_count - erases_before >= 4); /* the store switched sectors several times */
    CHECK_EQ(get("user.counter", v), PT_OK);
    CHECK(strncmp(v, "value-499-", 10) == 0);

    /* Reset right after the next erase (the sector switch), before the record is written. */
    int i = 0;
    bool cut = false;
    char last_ok[64] = "";
    for (; i < 200 && !cut; i++) {
        snprintf(val, sizeof val, "cut-%d-%s", i, "padding-padding-padding-padding");
        th_reset_after_erase(1);
        int st = set("user.counter", val);
        if (r.reset) {
            cut = true;
            CHECK_EQ(st, -1); /* no response: the device reset mid-write */
        } else {
            CHECK_EQ(st, PT_OK);
            strcpy(last_ok, val);
        }
    }
    th_reset_after_erase(0);
    CHECK(cut);
    CHECK_EQ(get("user.counter", v), PT_OK);
    CHECK(strcmp(v, last_ok) == 0);
    CHECK_EQ(get("serial", v), PT_OK);
    CHECK(strcmp(v, "PT-300041000D513435313839AB") == 0);
    /* and the store keeps working */
    CHECK_EQ(set("user.counter", "after"), PT_OK);
    CHECK_EQ(get("user.counter", v), PT_OK);
    CHECK(strcmp(v, "after") == 0);

    /* erasing the config region brings the factory defaults back */
    uint8_t a[12];
    th_region_args(a, 1, 0, 0);
    CHECK_EQ(th_request(PT_CMD_ERASE, a, 12, &r), PT_OK);
    CHECK_EQ(get("user.counter", v), PT_E_NOT_FOUND);
    CHECK_EQ(get("usb.product", v), PT_OK);
}

static long long config_state(void)
{
    th_request(PT_CMD_INFO, NULL, 0, &r);
    for (uint32_t i = 0; i + 2 <= r.len; i += 2u + r.payload[i + 1])
        if (r.payload[i] == PT_INFO_CONFIG_STATE)
            return r.payload[i + 2];
    return -1;
}

/* "empty" means the config equals the factory defaults: after a write that gives the defaults
 * back as much as on a blank region, and a reset changes nothing. */
static void test_state_follows_content(void)
{
    th_factory();
    th_boot();
    CHECK_EQ(config_state(), PT_CONFIG_EMPTY);
    CHECK_EQ(th_request(PT_CMD_CONFIG_READ, NULL, 0, &r), PT_OK);
    uint8_t defaults[PT_CONFIG_MAX_SIZE];
    uint32_t n = r.len;
    memcpy(defaults, r.payload, n);

    CHECK_EQ(set("user.x", "1"), PT_OK);
    CHECK_EQ(config_state(), PT_CONFIG_OK);
    th_power_cycle();
    th_boot();
    CHECK_EQ(config_state(), PT_CONFIG_OK);

    /* the defaults written back as a whole blob (a restore) */
    CHECK_EQ(th_request(PT_CMD_CONFIG_WRITE, defaults, n, &r), PT_OK);
    CHECK_EQ(config_state(), PT_CONFIG_EMPTY);
    th_power_cycle();
    th_boot();
    CHECK_EQ(config_state(), PT_CONFIG_EMPTY);

    /* a set and its delete: back to the defaults */
    CHECK_EQ(set("user.y", "2"), PT_OK);
    CHECK_EQ(config_state(), PT_CONFIG_OK);
    CHECK_EQ(set("user.y", ""), PT_OK);
    CHECK_EQ(config_state(), PT_CONFIG_EMPTY);
    th_power_cycle();
    th_boot();
    CHECK_EQ(config_state(), PT_CONFIG_EMPTY);
}

int main(void)
{
    test_defaults_and_set();
    test_blob();
    test_many_writes_and_cut();
    test_state_follows_content();
    return th_summary();
}
