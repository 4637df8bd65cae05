/*
 * Unit tests of the piton-vboard port layers: board profile validation, the flash file with NOR
 * semantics, and the provisioning block. Plain C; exits non-zero on the first failure set.
 * Usage: test_port BOARDS_DIR WORK_DIR
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "piton/protocol.h"
#include "vb_flash.h"
#include "vb_profile.h"
#include "vb_provision.h"
#include "vb_check.h"


static const char *g_boards_dir;
static const char *g_work_dir;

/* A small profile: 2 flash devices, external first in the JSON to test file ordering. */
static const char *small_profile =
    "{\"id\":\"tiny\",\"uniqueIdLength\":8,"
    "\"flash\":["
    " {\"name\":\"ext\",\"address\":\"0x90000000\",\"external\":true,\"sectors\":[{\"count\":4,\"size\":4096}]},"
    " {\"name\":\"int\",\"address\":\"0x08000000\",\"sectors\":[{\"count\":2,\"size\":1024},{\"count\":2,\"size\":4096}]}"
    "],"
    "\"regions\":["
    " {\"name\":\"bootloader\",\"address\":\"0x08000000\",\"size\":2048,\"flags\":[\"protected\"]},"
    " {\"name\":\"firmware\",\"address\":\"0x08000800\",\"size\":8192,\"flags\":[\"image\"]},"
    " {\"name\":\"update\",\"address\":\"0x90000000\",\"size\":16384,\"flags\":[\"staging\",\"external\"]}"
    "]}";

static bool parse_with(const char *from, const char *to, char *err)
{
    /* small_profile with one substring replaced */
    char buf[4096];
    const char *at = strstr(small_profile, from);
    if (!at) {
        fprintf(stderr, "test bug: '%s' not in profile\n", from);
        exit(2);
    }
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - small_profile), small_profile, to, at + strlen(from));
    vb_profile p;
    return vb_profile_parse(buf, NULL, &p, err);
}

static void expect_profile_error(const char *from, const char *to, const char *needle)
{
    char err[VB_ERROR_MAX] = "";
    bool ok = parse_with(from, to, err);
    CHECK(!ok);
    if (!ok && !strstr(err, needle)) {
        ++g_failures;
        fprintf(stderr, "FAIL: error \"%s\" does not mention \"%s\"\n", err, needle);
    }
}

static void test_profiles(void)
{
    char err[VB_ERROR_MAX], path[4096];
    vb_profile p;
    CHECK(vb_profile_parse(small_profile, "tiny", &p, err));
    CHECK(p.device_count == 2);
    CHECK(strcmp(p.devices[0].name, "int") == 0);           /* internal first in the file */
    CHECK(p.devices[0].file_offset == 0 && p.devices[1].file_offset == 10240);
    CHECK(p.total_size == 10240 + 16384);
    CHECK(p.total_sectors == 8);
    CHECK(p.region_count == 3);
    /* firmware = 2 x 4096; bootloader = 2 x 1024 */
    CHECK(p.regions[1].run_count == 1 && p.regions[1].runs[0].count == 2 && p.regions[1].runs[0].size == 4096);
    CHECK(p.regions[0].run_count == 1 && p.regions[0].runs[0].count == 2 && p.regions[0].runs[0].size == 1024);
    CHECK(p.regions[2].flags == (PT_REGION_STAGING | PT_REGION_EXTERNAL));
    uint32_t start = 0, size = 0, index = 0;
    CHECK(vb_profile_sector_of(&p, 0x08001234u, &start, &size, &index) && start == 0x08000800u && size == 4096 &&
          index == 2);
    CHECK(vb_profile_sector_of(&p, 0x90002000u, &start, &size, &index) && start == 0x90002000u && index == 6);
    CHECK(!vb_profile_sector_of(&p, 0x08002800u, &start, &size, &index));

    CHECK(!vb_profile_parse(small_profile, "other", &p, err) && strstr(err, "does not match"));
    expect_profile_error("\"size\":8192,", "\"size\":8000,", "not on a sector boundary");
    expect_profile_error("\"address\":\"0x08000800\",\"size\":8192", "\"address\":\"0x08000400\",\"size\":9216",
                         "overlaps region 'bootloader'");
    expect_profile_error("\"address\":\"0x08000800\"", "\"address\":\"0x0800080G\"", "not a 32-bit hex address");
    expect_profile_error("\"size\":16384", "\"size\":20480", "does not lie inside one flash device");
    expect_profile_error("[\"staging\",\"external\"]", "[\"staging\"]", "flag \"external\" missing");
    expect_profile_error("[\"image\"]", "[\"image\",\"shiny\"]", "unknown flag \"shiny\"");
    expect_profile_error("\"name\":\"bootloader\"", "\"name\":\"boot\"", "no region named \"bootloader\"");
    expect_profile_error("\"uniqueIdLength\":8", "\"uniqueIdLength\":17", "uniqueIdLength");
    expect_profile_error("\"address\":\"0x90000000\",\"external\"", "\"address\":\"0x08002000\",\"external\"",
                         "overlaps flash device");
    expect_profile_error("{\"id\"", "[{\"id\"", "not valid JSON");

    /* the shipped profiles load and validate */
    CHECK(vb_profile_find("stm32f4-ref", g_boards_dir, NULL, path, sizeof path, err));
    CHECK(vb_profile_load(path, "stm32f4-ref", &p, err));
    CHECK(p.total_size == 1048576u + 8388608u);
    const pt_region *fw = vb_profile_region(&p, "firmware");
    CHECK(fw && fw->run_count == 2 && fw->runs[0].count == 1 && fw->runs[0].size == 65536 &&
          fw->runs[1].count == 1 && fw->runs[1].size == 131072);
    CHECK(vb_profile_find("uniform-4k", g_boards_dir, NULL, path, sizeof path, err));
    CHECK(vb_profile_load(path, "uniform-4k", &p, err));
    CHECK(!vb_profile_find("no-such-board", g_boards_dir, NULL, path, sizeof path, err) &&
          strstr(err, "not found"));
    CHECK(!vb_profile_find("../etc/passwd", NULL, NULL, path, sizeof path, err) && strstr(err, "invalid board id"));
}

static void test_flash(void)
{
    char err[VB_ERROR_MAX], path[4096];
    static vb_profile p;
    CHECK(vb_profile_parse(small_profile, "tiny", &p, err));
    snprintf(path, sizeof path, "%s/tiny-flash.bin", g_work_dir);
    unlink(path);
    bool created = false;
    CHECK(vb_flash_open(path, &p, &created, err));
    CHECK(created);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (uint64_t)st.st_size == p.total_size);

    uint8_t b = 0;
    CHECK(vb_flash_read(0x08000900u, &b, 1) == PT_HAL_OK && b == 0xFF);
    /* NOR: 0xFF -> 0x00 allowed, then 0x00 -> 0xFF refused and nothing written */
    uint8_t zero = 0x00, ones = 0xFF;
    CHECK(vb_flash_program(0x08000900u, &zero, 1) == PT_HAL_OK);
    CHECK(vb_flash_program(0x08000900u, &ones, 1) == PT_HAL_E_NOT_ERASED);
    CHECK(vb_flash_read(0x08000900u, &b, 1) == PT_HAL_OK && b == 0x00);
    /* a refused multi-byte program writes nothing, not even the bytes before the bad one */
    uint8_t four[4] = {0x0F, 0x0F, 0xFF, 0x0F}; /* byte 2 (0x08000902) would need 1s in 0xFF... */
    uint8_t cur[4];
    CHECK(vb_flash_program(0x08000902u, &zero, 1) == PT_HAL_OK); /* make byte 2 0x00 */
    CHECK(vb_flash_program(0x08000900u, four, 4) == PT_HAL_E_NOT_ERASED);
    CHECK(vb_flash_read(0x08000900u, cur, 4) == PT_HAL_OK && cur[0] == 0x00 && cur[1] == 0xFF && cur[2] == 0x00 &&
          cur[3] == 0xFF);
    /* clearing more bits in an already programmed byte is allowed */
    uint8_t a5 = 0xA5, a4 = 0xA4;
    CHECK(vb_flash_program(0x08000A00u, &a5, 1) == PT_HAL_OK);
    CHECK(vb_flash_program(0x08000A00u, &a4, 1) == PT_HAL_OK);
    CHECK(vb_flash_read(0x08000A00u, &b, 1) == PT_HAL_OK && b == 0xA4);
    CHECK(vb_flash_program(0x08000A00u, &a5, 1) == PT_HAL_E_NOT_ERASED);

    /* erase per sector; alignment and range errors */
    CHECK(vb_flash_erase_sector(0x08000900u) == PT_HAL_E_ALIGNMENT);
    CHECK(vb_flash_erase_sector(0x08002800u) == PT_HAL_E_RANGE);
    uint64_t erases_before = vb_flash_stats_get()->erase_ops;
    CHECK(vb_flash_erase_sector(0x08000800u) == PT_HAL_OK);
    CHECK(vb_flash_stats_get()->erase_ops == erases_before + 1);
    CHECK(vb_flash_stats_get()->sector_erases[2] == 1);
    CHECK(vb_flash_read(0x08000900u, &b, 1) == PT_HAL_OK && b == 0xFF);
    CHECK(vb_flash_read(0x08000A00u, &b, 1) == PT_HAL_OK && b == 0xFF);
    CHECK(vb_flash_program(0x08000900u, &ones, 1) == PT_HAL_OK);
    CHECK(vb_flash_stats_get()->program_refused == 3);
    /* a range that leaves its flash device is refused */
    uint8_t big[16];
    memset(big, 0, sizeof big);
    CHECK(vb_flash_program(0x08002800u - 8u, big, 16) == PT_HAL_E_RANGE);
    CHECK(vb_flash_read(0x07FFFFF8u, big, 16) == PT_HAL_E_RANGE);

    /* the external device lies after the internal one in the file */
    uint8_t ext = 0x5A;
    CHECK(vb_flash_program(0x90000003u, &ext, 1) == PT_HAL_OK);

    /* fault seam: a hook can refuse operations */
    vb_flash_close();
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fseek(f, 10240 + 3, SEEK_SET) == 0 && fgetc(f) == 0x5A);
        CHECK(fseek(f, 0x900, SEEK_SET) == 0 && fgetc(f) == 0xFF);
        fclose(f);
    }

    /* persistence and size check */
    CHECK(vb_flash_open(path, &p, &created, err) && !created);
    CHECK(vb_flash_read(0x90000003u, &b, 1) == PT_HAL_OK && b == 0x5A);
    vb_flash_close();
    CHECK(truncate(path, 1000) == 0);
    CHECK(!vb_flash_open(path, &p, &created, err) && strstr(err, "1000 bytes") && strstr(err, "26624"));
    unlink(path);
}

static pt_hal_result refuse_erases(vb_flash_op op, uint32_t address, uint32_t len, void *ctx)
{
    (void)address;
    (void)len;
    ++*(int *)ctx;
    return op == VB_FLASH_OP_ERASE ? PT_HAL_E_IO : PT_HAL_OK;
}

static void test_fault_hook(void)
{
    char err[VB_ERROR_MAX], path[4096];
    static vb_profile p;
    CHECK(vb_profile_parse(small_profile, "tiny", &p, err));
    snprintf(path, sizeof path, "%s/tiny-hook.bin", g_work_dir);
    unlink(path);
    bool created;
    CHECK(vb_flash_open(path, &p, &created, err));
    int calls = 0;
    vb_flash_set_fault_hook(refuse_erases, &calls);
    uint8_t z = 0;
    CHECK(vb_flash_program(0x08000000u, &z, 1) == PT_HAL_OK);
    CHECK(vb_flash_erase_sector(0x08000000u) == PT_HAL_E_IO);
    uint8_t b = 0xFF;
    CHECK(vb_flash_read(0x08000000u, &b, 1) == PT_HAL_OK && b == 0x00); /* the erase did not happen */
    CHECK(calls == 3);
    vb_flash_set_fault_hook(NULL, NULL);
    vb_flash_close();
    unlink(path);
}

static void test_provision(void)
{
    vb_provision pv, back;
    memset(&pv, 0, sizeof pv);
    snprintf(pv.board_id, sizeof pv.board_id, "tiny");
    pv.unique_id_len = 12;
    char err[VB_ERROR_MAX];
    CHECK(vb_provision_random_id(pv.unique_id, 12, err));
    pv.locked = true;
    pv.key_count = 1;
    pv.keys[0].der_len = 91;
    for (unsigned i = 0; i < 91; ++i) pv.keys[0].der[i] = (uint8_t)(i * 7u);
    uint8_t block[VB_PROVISION_SIZE];
    vb_provision_encode(&pv, block);
    CHECK(memcmp(block, "PTPV", 4) == 0);
    CHECK(vb_provision_decode(block, &back, err));
    CHECK(strcmp(back.board_id, "tiny") == 0 && back.unique_id_len == 12 &&
          memcmp(back.unique_id, pv.unique_id, 12) == 0 && back.locked && back.key_count == 1 &&
          back.keys[0].der_len == 91 && memcmp(back.keys[0].der, pv.keys[0].der, 91) == 0);
    block[100] ^= 1;
    CHECK(!vb_provision_decode(block, &back, err) && strstr(err, "CRC-32"));
    block[100] ^= 1;
    block[0] = 'X';
    CHECK(!vb_provision_decode(block, &back, err) && strstr(err, "magic"));
    /* CRC-32 check value from docs/protocol.md */
    CHECK(vb_crc32("123456789", 9) == 0xCBF43926u);

    /* factory content on a fresh flash */
    char path[4096];
    static vb_profile p;
    CHECK(vb_profile_parse(small_profile, "tiny", &p, err));
    snprintf(path, sizeof path, "%s/tiny-factory.bin", g_work_dir);
    unlink(path);
    bool created;
    CHECK(vb_flash_open(path, &p, &created, err));
    CHECK(vb_provision_factory(&p, &pv, err));
    uint32_t at = 0;
    CHECK(vb_provision_address(&p, &at, err) && at == 0x08000400u);
    char hdr[sizeof VB_BOOTLOADER_HEADER];
    CHECK(vb_flash_read(0x08000000u, hdr, sizeof hdr) == PT_HAL_OK && memcmp(hdr, VB_BOOTLOADER_HEADER, sizeof hdr) == 0);
    CHECK(vb_provision_read(&p, &back, err) && back.locked && back.key_count == 1);
    /* re-provision with different settings */
    pv.locked = false;
    pv.key_count = 0;
    CHECK(vb_provision_write(&p, &pv, err));
    CHECK(vb_provision_read(&p, &back, err) && !back.locked && back.key_count == 0);
    vb_flash_close();
    unlink(path);
}

/* Factory state of a fresh flash file for a shipped profile, read back from the file itself:
 * exact size, bootloader image header, provisioning block at the bootloader's last sector,
 * and 0xFF everywhere outside the bootloader region. */
static void test_factory_file(const char *board, uint32_t expect_prov_offset)
{
    char err[VB_ERROR_MAX], path[4096], file[4096];
    static vb_profile p;
    CHECK(vb_profile_find(board, g_boards_dir, NULL, path, sizeof path, err));
    CHECK(vb_profile_load(path, board, &p, err));
    snprintf(file, sizeof file, "%s/%s-factory.bin", g_work_dir, board);
    unlink(file);
    bool created = false;
    CHECK(vb_flash_open(file, &p, &created, err) && created);
    vb_provision pv;
    memset(&pv, 0, sizeof pv);
    snprintf(pv.board_id, sizeof pv.board_id, "%s", board);
    pv.unique_id_len = p.unique_id_len;
    CHECK(vb_provision_random_id(pv.unique_id, pv.unique_id_len, err));
    CHECK(vb_provision_factory(&p, &pv, err));
    vb_flash_close();

    FILE *f = fopen(file, "rb");
    CHECK(f != NULL);
    if (!f) return;
    const pt_region *boot = vb_profile_region(&p, "bootloader");
    uint64_t boot_lo = p.devices[0].file_offset + (boot->address - p.devices[0].address);
    uint64_t boot_hi = boot_lo + boot->size;
    uint64_t pos = 0, not_erased = 0;
    uint8_t buf[65536], prov[VB_PROVISION_SIZE], head[sizeof VB_BOOTLOADER_HEADER];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < n; ++i, ++pos) {
            if (pos >= boot_lo && pos < boot_hi) {
                if (pos >= expect_prov_offset && pos < expect_prov_offset + VB_PROVISION_SIZE)
                    prov[pos - expect_prov_offset] = buf[i];
                if (pos - boot_lo < sizeof head) head[pos - boot_lo] = buf[i];
            } else if (buf[i] != 0xFF) {
                ++not_erased;
            }
        }
    }
    fclose(f);
    CHECK(pos == p.total_size);
    CHECK(not_erased == 0);
    CHECK(memcmp(head, VB_BOOTLOADER_HEADER, sizeof head) == 0);
    vb_provision back;
    CHECK(vb_provision_decode(prov, &back, err) && strcmp(back.board_id, board) == 0 &&
          back.unique_id_len == p.unique_id_len && memcmp(back.unique_id, pv.unique_id, pv.unique_id_len) == 0);
    unlink(file);
}

int main(int argc, char **argv)
{
    if (!vb_check_args("test_port", argc, argv))
        return 2;
    g_boards_dir = argv[1];
    g_work_dir = argv[2];
    test_profiles();
    test_flash();
    test_fault_hook();
    test_provision();
    test_factory_file("stm32f4-ref", 16384);
    test_factory_file("uniform-4k", 28672);
    return vb_check_summary("test_port");
}
