/* Trial boot, rollback and the install journal (docs/boot-flow.md): a confirmed image stays, an
 * unconfirmed one is reverted after the trial limit with INFO saying why, a power cut at every
 * flash operation of an install and of a revert resumes from the journal state it hit
 * (BACKING_UP, INSTALLING, REVERTING), UPDATE_ABORT, CONFIRM refusals, config state. */
#include <stdlib.h>
#include <string.h>

#include "bootstate.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/ecp.h"
#include "mbedtls/pk.h"
#include "mbedtls/sha256.h"
#include "pt_bytes.h"
#include "test_hal.h"
#include "test_packages.h"

static th_response r;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_pk_context key;

static int fixed_entropy(void *ctx, unsigned char *out, size_t len)
{
    static unsigned counter;
    (void)ctx;
    for (size_t i = 0; i < len; i++)
        out[i] = (unsigned char)(counter++ * 197u + 5u);
    return 0;
}

/* Test board (test_hal.c): stm32f4-ref's firmware and deployment regions, from its profile. */
#define FW_ADDR TH_FIRMWARE_ADDRESS
#define DEP_ADDR TH_DEPLOYMENT_ADDRESS

typedef struct {
    uint32_t version;
    uint8_t fw[9000], app[14000];
    uint8_t pkg[24000];
    uint32_t size;
} set;

static set A, B, C;

/* Firmware + application of `version` (firmware only when !with_app), security counter
 * `counter`, signed with `key`. */
static void make_pkg(set *s, uint32_t version, uint32_t counter, bool with_app)
{
    s->version = version;
    for (size_t i = 0; i < sizeof s->fw; i++)
        s->fw[i] = (uint8_t)(i * 7 + (version >> 24));
    for (size_t i = 0; i < sizeof s->app; i++)
        s->app[i] = (uint8_t)(i * 11 + (version >> 24) * 5 + 3);
    uint8_t *m = s->pkg + 16;
    int count = with_app ? 2 : 1;
    uint32_t mlen = 52 + 80u * (uint32_t)count;
    tp_put_manifest(m, mlen, PT_MANIFEST_FORMAT_V1, (uint16_t)count, "stm32f4-ref", version, counter, 0);
    const uint8_t *data[2] = {s->fw, s->app};
    uint32_t sizes[2] = {sizeof s->fw, sizeof s->app};
    for (int i = 0; i < count; i++) {
        uint8_t *d = m + 52 + 80 * i;
        d[0] = (uint8_t)(i + 1);
        strcpy((char *)d + 4, i == 0 ? "firmware" : "deployment");
        pt_put32(d + 24, sizes[i]);
        pt_put32(d + 28, i == 0 ? 0 : sizes[0]);
        pt_put32(d + 32, version);
        mbedtls_sha256_ret(data[i], sizes[i], d + 40, 0);
    }
    const uint32_t pos = tp_seal(s->pkg, mlen, &key, &drbg);
    CHECK(pos != 0);
    memcpy(s->pkg + pos, s->fw, sizeof s->fw);
    memcpy(s->pkg + pos + sizeof s->fw, s->app, sizeof s->app);
    s->size = pos + (uint32_t)sizeof s->fw + (with_app ? (uint32_t)sizeof s->app : 0);
}

static void make(set *s, uint32_t version, uint32_t counter) { make_pkg(s, version, counter, true); }


static void trust(void)
{
    pt_board *b = th_board();
    CHECK_EQ(tp_trusted_key(&key, &b->trusted_keys[b->trusted_key_count++]), 0);
}

/* Stages the package (PING, BEGIN, DATA); returns the status of the last request. */
static int stage(const set *s)
{
    uint8_t p[5];
    pt_put32(p, 16384);
    p[4] = 1;
    th_request(PT_CMD_PING, p, 5, &r);
    uint8_t b[36];
    pt_put32(b, s->size);
    mbedtls_sha256_ret(s->pkg, s->size, b + 4, 0);
    int st = th_request(PT_CMD_UPDATE_BEGIN, b, 36, &r);
    if (st != PT_OK)
        return st;
    static uint8_t d[8192 + 4];
    for (uint32_t off = pt_get32(r.payload); off < s->size;) {
        uint32_t n = s->size - off < 8192 ? s->size - off : 8192;
        pt_put32(d, off);
        memcpy(d + 4, s->pkg + off, n);
        st = th_request(PT_CMD_UPDATE_DATA, d, n + 4, &r);
        if (st != PT_OK)
            return st;
        off = pt_get32(r.payload);
    }
    return st;
}

static int deploy(const set *s)
{
    int st = stage(s);
    return st == PT_OK ? th_request(PT_CMD_UPDATE_COMMIT, NULL, 0, &r) : st;
}

static long long info(uint8_t tag)
{
    th_request(PT_CMD_INFO, NULL, 0, &r);
    for (uint32_t i = 0; i + 2 <= r.len; i += 2u + r.payload[i + 1])
        if (r.payload[i] == tag)
            return r.payload[i + 1] == 4 ? (long long)pt_get32(r.payload + i + 2) : (long long)r.payload[i + 2];
    return -1;
}

static bool has(const set *s)
{
    return memcmp(th_flash_ptr(FW_ADDR), s->fw, sizeof s->fw) == 0 &&
           memcmp(th_flash_ptr(DEP_ADDR), s->app, sizeof s->app) == 0;
}

static void reboot(void)
{
    uint8_t mode = 0;
    th_request(PT_CMD_REBOOT, &mode, 1, &r);
}

static void set_config(const char *k, const char *v) { CHECK_EQ(th_config_set_on(&th_link, k, v, &r), PT_OK); }

/* Factory board with A installed and confirmed. */
static void board_with_a(void)
{
    th_factory();
    trust();
    th_auto_confirm = true;
    th_boot();
    CHECK_EQ(deploy(&A), PT_OK);
    CHECK(has(&A));
}

static set F;

/* A firmware-only package on a board without application: nothing can confirm it, so it is
 * kept (confirmed) rather than tried and reverted. */
static void test_firmware_only(void)
{
    th_factory();
    trust();
    th_auto_confirm = false;
    th_boot();
    CHECK_EQ(deploy(&F), PT_OK);
    CHECK_EQ(pt_current_stage(), PT_STAGE_BOOTLOADER);
    for (int i = 0; i < 5; i++)
        reboot();
    CHECK(memcmp(th_flash_ptr(FW_ADDR), F.fw, sizeof F.fw) == 0);
    CHECK_EQ(info(PT_INFO_FIRMWARE_VERSION), (long long)F.version);
    CHECK_EQ(info(PT_INFO_LAST_INSTALL), PT_INSTALL_OK);
    CHECK_EQ(info(PT_INFO_SECURITY_COUNTER), 2);
    th_auto_confirm = true;
}

static void test_confirm_stays(void)
{
    th_factory();
    trust();
    th_auto_confirm = false;
    th_boot();
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_NONE);
    CHECK_EQ(th_request(PT_CMD_CONFIRM, NULL, 0, &r), PT_E_STATE); /* bootloader stage, nothing installed */
    CHECK_EQ(deploy(&A), PT_OK);
    CHECK_EQ(pt_current_stage(), PT_STAGE_APPLICATION);
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_TRIAL);
    CHECK_EQ(info(PT_INFO_BOOT_COUNT), 1);
    CHECK_EQ(info(PT_INFO_TRIAL_LIMIT), 3);
    CHECK_EQ(info(PT_INFO_PREVIOUS_APPLICATION), -1); /* first install: nothing to go back to */
    CHECK_EQ(info(PT_INFO_SECURITY_COUNTER), 0);     /* applied on confirm */
    CHECK_EQ(th_request(PT_CMD_CONFIRM, NULL, 0, &r), PT_OK);
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_CONFIRMED);
    CHECK_EQ(info(PT_INFO_SECURITY_COUNTER), 2);
    CHECK_EQ(th_request(PT_CMD_CONFIRM, NULL, 0, &r), PT_OK); /* idempotent */
    for (int i = 0; i < 5; i++)
        reboot();
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_CONFIRMED);
    CHECK_EQ(info(PT_INFO_APPLICATION_VERSION), (long long)A.version);
    CHECK(has(&A));

    /* B in trial: previous versions reported; a further update is refused until confirmed */
    CHECK_EQ(deploy(&B), PT_OK);
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_TRIAL);
    CHECK_EQ(info(PT_INFO_PREVIOUS_FIRMWARE), (long long)A.version);
    CHECK_EQ(info(PT_INFO_PREVIOUS_APPLICATION), (long long)A.version);
    CHECK_EQ(info(PT_INFO_LAST_INSTALL), PT_INSTALL_OK);
    CHECK_EQ(deploy(&C), PT_E_STATE);
    CHECK(has(&B));
    CHECK_EQ(info(PT_INFO_STAGING_STATE), PT_STAGING_EMPTY); /* refused commit erased staging */
    CHECK_EQ(th_request(PT_CMD_CONFIRM, NULL, 0, &r), PT_OK);
    CHECK_EQ(info(PT_INFO_PREVIOUS_APPLICATION), -1);
    CHECK_EQ(info(PT_INFO_SECURITY_COUNTER), 3);
    reboot();
    reboot();
    reboot();
    reboot();
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_CONFIRMED);
    CHECK(has(&B));
    /* CONFIRM in the bootloader stage */
    uint8_t mode = 1;
    th_request(PT_CMD_REBOOT, &mode, 1, &r);
    CHECK_EQ(th_request(PT_CMD_CONFIRM, NULL, 0, &r), PT_E_STATE);
    CHECK_EQ(th_request(PT_CMD_CONFIRM, "x", 1, &r), PT_E_BAD_REQUEST);
    th_auto_confirm = true;
}

static void test_revert_after_limit(void)
{
    board_with_a();
    th_auto_confirm = false;
    CHECK_EQ(deploy(&B), PT_OK);
    CHECK(has(&B));
    CHECK_EQ(info(PT_INFO_BOOT_COUNT), 1);
    reboot();
    CHECK_EQ(info(PT_INFO_BOOT_COUNT), 2);
    reboot();
    CHECK_EQ(info(PT_INFO_BOOT_COUNT), 3);
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_TRIAL);
    reboot(); /* fourth boot of an unconfirmed image: reverted */
    CHECK(has(&A));
    CHECK_EQ(pt_current_stage(), PT_STAGE_APPLICATION);
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_REVERTED);
    CHECK_EQ(info(PT_INFO_REVERT_REASON), PT_REVERT_NOT_CONFIRMED);
    CHECK_EQ(info(PT_INFO_LAST_INSTALL), PT_INSTALL_REVERTED);
    CHECK_EQ(info(PT_INFO_APPLICATION_VERSION), (long long)A.version);
    CHECK_EQ(info(PT_INFO_FIRMWARE_VERSION), (long long)A.version);
    CHECK_EQ(info(PT_INFO_PREVIOUS_APPLICATION), -1);
    CHECK_EQ(info(PT_INFO_SECURITY_COUNTER), 2); /* B's counter 3 never took effect */
    reboot();
    CHECK(has(&A));
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_REVERTED);

    /* trial_boots = 1 from the config: the first reboot reverts */
    th_auto_confirm = true;
    reboot();
    set_config("trial_boots", "1");
    th_auto_confirm = false;
    CHECK_EQ(deploy(&C), PT_OK);
    CHECK_EQ(info(PT_INFO_TRIAL_LIMIT), 1);
    CHECK(has(&C));
    reboot();
    CHECK(has(&A));
    CHECK_EQ(info(PT_INFO_REVERT_REASON), PT_REVERT_NOT_CONFIRMED);
    /* invalid trial_boots values fall back to 3 */
    set_config("trial_boots", "0");
    CHECK_EQ(info(PT_INFO_TRIAL_LIMIT), 3);
    set_config("trial_boots", "256");
    CHECK_EQ(info(PT_INFO_TRIAL_LIMIT), 3);
    set_config("trial_boots", "7x");
    CHECK_EQ(info(PT_INFO_TRIAL_LIMIT), 3);
    th_auto_confirm = true;
}

static void test_revert_image_invalid(void)
{
    board_with_a();
    th_auto_confirm = false;
    CHECK_EQ(deploy(&B), PT_OK);
    *th_flash_ptr(DEP_ADDR + 100) &= 0x0F; /* the trial application is damaged */
    reboot();
    CHECK(has(&A));
    CHECK_EQ(info(PT_INFO_REVERT_REASON), PT_REVERT_IMAGE_INVALID);
    CHECK_EQ(info(PT_INFO_IMAGE_STATE), PT_IMAGE_REVERTED);
    th_auto_confirm = true;
}

static unsigned s_seen;
static void note_journal(void)
{
    pt_bootstate bs;
    if (pt_bootstate_load(&bs) == PT_OK)
        s_seen |= 1u << bs.journal;
}

/* Power cut at every flash operation of COMMIT + install + confirm: A or B afterwards, never
 * anything else, and the journal states BACKING_UP and INSTALLING were both hit. */
static void test_journal_install(void)
{
    board_with_a();
    CHECK_EQ(stage(&B), PT_OK);
    unsigned long before = th_program_count + th_erase_count;
    CHECK_EQ(th_request(PT_CMD_UPDATE_COMMIT, NULL, 0, &r), PT_OK);
    unsigned long n = th_program_count + th_erase_count - before;
    CHECK(has(&B));
    CHECK(n > 20);
    s_seen = 0;
    th_on_cut = note_journal;
    int bad = 0, old = 0;
    for (unsigned long k = 1; k <= n; k++) {
        board_with_a();
        CHECK_EQ(stage(&B), PT_OK);
        th_cut_after_ops(k);
        th_request(PT_CMD_UPDATE_COMMIT, NULL, 0, &r); /* cut somewhere; boots until up */
        th_cut_after_ops(0);
        reboot();
        bool a = has(&A), b = has(&B);
        if (getenv("TRIAL_DEBUG"))
            printf("k %lu: A %d B %d state %lld last %lld reason %lld\n", k, a, b, info(PT_INFO_IMAGE_STATE),
                   info(PT_INFO_LAST_INSTALL), info(PT_INFO_REVERT_REASON));
        if (!(a || b) || pt_current_stage() != PT_STAGE_APPLICATION || info(PT_INFO_IMAGE_STATE) == PT_IMAGE_TRIAL)
            bad++;
        old += a;
        /* a following update always succeeds */
        const set *next = a ? &B : &C;
        if (deploy(next) != PT_OK || !has(next))
            bad++;
    }
    th_on_cut = NULL;
    CHECK_EQ(bad, 0);
    CHECK(old > 0 && old < (int)n);
    CHECK(s_seen & (1u << PT_JOURNAL_BACKING_UP));
    CHECK(s_seen & (1u << PT_JOURNAL_INSTALLING));
    printf("journal install: %lu cut points, %d ended on the old images\n", n, old);
}

/* Power cut at every flash operation of a revert: it resumes and ends with A, REVERTED. */
static void test_journal_revert(void)
{
    board_with_a();
    th_auto_confirm = true;
    set_config("trial_boots", "1");
    th_auto_confirm = false;
    CHECK_EQ(deploy(&B), PT_OK);
    unsigned long before = th_program_count + th_erase_count;
    reboot();
    unsigned long n = th_program_count + th_erase_count - before;
    CHECK(has(&A));
    s_seen = 0;
    th_on_cut = note_journal;
    int bad = 0;
    for (unsigned long k = 1; k <= n; k++) {
        th_auto_confirm = true;
        board_with_a();
        set_config("trial_boots", "1");
        th_auto_confirm = false;
        CHECK_EQ(deploy(&B), PT_OK);
        th_cut_after_ops(k);
        reboot();
        th_cut_after_ops(0);
        if (!has(&A) || info(PT_INFO_IMAGE_STATE) != PT_IMAGE_REVERTED ||
            info(PT_INFO_REVERT_REASON) != PT_REVERT_NOT_CONFIRMED || pt_current_stage() != PT_STAGE_APPLICATION)
            bad++;
    }
    th_on_cut = NULL;
    th_auto_confirm = true;
    CHECK_EQ(bad, 0);
    CHECK(s_seen & (1u << PT_JOURNAL_REVERTING));
    printf("journal revert: %lu cut points\n", n);
}

static void test_abort(void)
{
    board_with_a();
    uint8_t ping[5];
    pt_put32(ping, 16384);
    ping[4] = 1;
    th_request(PT_CMD_PING, ping, 5, &r);
    /* partial transfer */
    uint8_t b[36];
    pt_put32(b, B.size);
    mbedtls_sha256_ret(B.pkg, B.size, b + 4, 0);
    CHECK_EQ(th_request(PT_CMD_UPDATE_BEGIN, b, 36, &r), PT_OK);
    static uint8_t d[4096 + 4];
    pt_put32(d, 0);
    memcpy(d + 4, B.pkg, 4096);
    CHECK_EQ(th_request(PT_CMD_UPDATE_DATA, d, sizeof d, &r), PT_OK);
    CHECK_EQ(info(PT_INFO_STAGING_STATE), PT_STAGING_PARTIAL);
    CHECK_EQ(th_request(PT_CMD_UPDATE_ABORT, NULL, 0, &r), PT_OK);
    CHECK_EQ(info(PT_INFO_STAGING_STATE), PT_STAGING_EMPTY);
    CHECK_EQ(th_request(PT_CMD_UPDATE_DATA, d, sizeof d, &r), PT_E_SEQUENCE); /* transfer forgotten */
    CHECK_EQ(th_request(PT_CMD_UPDATE_ABORT, "x", 1, &r), PT_E_BAD_REQUEST);
    /* corrupt header (bit flips) -> corrupt -> abort -> empty, and the next update works */
    CHECK_EQ(stage(&B), PT_OK);
    CHECK_EQ(info(PT_INFO_STAGING_STATE), PT_STAGING_COMPLETE);
    *th_flash_ptr(0x90700000u + 9) ^= 0x10;
    CHECK_EQ(info(PT_INFO_STAGING_STATE), PT_STAGING_CORRUPT);
    CHECK_EQ(th_request(PT_CMD_UPDATE_ABORT, NULL, 0, &r), PT_OK);
    CHECK_EQ(info(PT_INFO_STAGING_STATE), PT_STAGING_EMPTY);
    bool blank = true;
    for (uint32_t i = 0; i < 64 * 4096 && blank; i++)
        blank = *th_flash_ptr(0x90700000u + i) == 0xFF;
    CHECK(blank);
    CHECK(has(&A));
    CHECK_EQ(deploy(&B), PT_OK);
    CHECK(has(&B));
}

static void test_config_state(void)
{
    th_factory();
    th_boot();
    CHECK_EQ(info(PT_INFO_CONFIG_STATE), PT_CONFIG_EMPTY); /* factory defaults */
    set_config("user.x", "1");
    CHECK_EQ(info(PT_INFO_CONFIG_STATE), PT_CONFIG_OK);
    th_power_cycle();
    th_boot();
    CHECK_EQ(info(PT_INFO_CONFIG_STATE), PT_CONFIG_OK);
    /* flip bits in every stored record: no intact record left */
    for (uint32_t i = 0; i < 2 * 16384; i += 64)
        if (*th_flash_ptr(0x08008000u + i + 20) != 0xFF)
            *th_flash_ptr(0x08008000u + i + 20) ^= 0x01;
    th_power_cycle();
    th_boot();
    CHECK_EQ(info(PT_INFO_CONFIG_STATE), PT_CONFIG_CORRUPT);
    th_power_cycle();
    th_boot();
    CHECK_EQ(info(PT_INFO_CONFIG_STATE), PT_CONFIG_CORRUPT); /* stays visible until restored */
    CHECK(info(PT_INFO_SERIAL_NUMBER) >= 0);                 /* defaults served meanwhile */
    set_config("user.x", "2");
    CHECK_EQ(info(PT_INFO_CONFIG_STATE), PT_CONFIG_OK);
    th_power_cycle();
    th_boot();
    CHECK_EQ(info(PT_INFO_CONFIG_STATE), PT_CONFIG_OK);
}

int main(void)
{
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ctr_drbg_seed(&drbg, fixed_entropy, NULL, NULL, 0);
    mbedtls_pk_init(&key);
    mbedtls_pk_setup(&key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
    mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(key), mbedtls_ctr_drbg_random, &drbg);
    make(&A, 0x01000000u, 2);
    make(&B, 0x02000000u, 3);
    make(&C, 0x03000000u, 3);
    make_pkg(&F, 0x04000000u, 2, false);
    test_firmware_only();
    test_confirm_stays();
    test_revert_after_limit();
    test_revert_image_invalid();
    test_abort();
    test_config_state();
    test_journal_install();
    test_journal_revert();
    mbedtls_pk_free(&key);
    mbedtls_ctr_drbg_free(&drbg);
    return th_summary();
}
