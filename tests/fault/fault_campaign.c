/*
 * Fault campaign (issue 4; docs/reliability.md): power cuts at every flash operation of an
 * update, in-process like MCUboot's simulator.
 *
 * It links the real device core (bootloader, agent, protocol server: piton_device_core) with
 * piton-vboard's flash model (vb_flash: NOR rules, counters, power-cut seam), board profile and
 * provisioning, on a flash file in a temporary directory. Packages are built and signed here with
 * mbed TLS (docs/package-format.md). Updates go through the real protocol: frames are encoded and
 * fed to pt_link_receive() over an in-memory link, exactly as bytes from a TCP link would be.
 *
 *   fault_campaign --board ID [--boards-dir DIR] [--mode cuts|wear|keys|lock] [--exhaustive | --every K]
 *                  [--random R] [--seed S] [--fw-size BYTES] [--app-size BYTES]
 *                  [--config-writes N] [--updates N] [--compressed] [--product-key | --scan-only]
 *                  [--encrypted] [--revert] [--quiet]
 *
 * Mode cuts: counts the program/erase operations N of a clean update of firmware+application
 * (PING to the confirmed new image), then for every cut point k = 1..N (or every K-th), once at
 * the boundary (operation k not done) and once torn (operation k partly done): restores the
 * board with the old images installed and confirmed, runs the update with power lost at
 * operation k, powers the board on repeatedly until stable (the agent confirms a trial image),
 * and checks by SHA-256 that firmware and application are exactly the old or exactly the new,
 * that the bootloader region and the config are unchanged and that a following update succeeds.
 * Then R random sequences of 1..4 cuts during an update the host retries until it is done.
 * Last line: `cut points: <n>, bricked: <k>, config lost: <m>`.
 *
 * Mode wear: N config writes and N updates (small images) with random cuts (torn or not); every
 * acknowledged config value must survive, every update ends with the old or the new images and
 * then the new ones after the host's retries. Prints the maximum erase count per sector of each
 * region, then the same last line.
 *
 * --product-key (mode cuts): the board is provisioned with a product key, so the bootloader
 * encrypts the backup of the images it replaces (docs/boot-flow.md, "Encrypted backup"); after
 * every run the flash outside the image regions (the external device holding `backup`, or on a
 * one-device board the backup and staging regions) is scanned for any 64-byte window of the
 * replaced images' plaintext. The last line then adds `, plaintext windows: <w>` (runs with any).
 * --scan-only scans the same way without a product key: the control that the scan finds the
 * plaintext backup (w > 0 expected).
 *
 * --encrypted (implies --product-key): the packages themselves are encrypted to the board's
 * product key (manifest format 2, PT_MANIFEST_FLAG_ENCRYPTED, a key block, each payload
 * AES-256-CTR under its payload key; with --compressed LZ4 first, then AES-CTR), built here with
 * mbed TLS as docs/package-format.md says. The scan then looks for the plaintext of every image
 * of the campaign (old, new and the follow-up), not only the replaced ones: staging holds
 * ciphertext, the backup is encrypted, so no 64-byte window may appear outside the image
 * regions after any cut.
 *
 * --revert (mode cuts): a second sweep over the bootloader's revert. The new images are
 * installed and left unconfirmed (the agent does not confirm); the board is powered on until the
 * trial limit makes the bootloader put the old images back from the backup (decrypting it with
 * --product-key). Then every K-th operation of that revert is cut (boundary and torn); the board
 * must end on the old images, confirmed by the revert, and take the follow-up update. Prints
 * `revert: <n> flash operations, <r> runs, <b> bricked`.
 *
 * Mode keys (--torn-runs N, default 48): the board has a root key; a key update (revoke release
 * key A, add B; then, from that state, add C) is applied through KEY_UPDATE with the power cut at
 * every flash operation it makes, at the boundary and torn at N random points each. After every
 * cut the board must boot the installed images and hold exactly the old or the new key set (INFO:
 * generation and package keys), never none and never a mix; from the old one the host's retry
 * must bring the new, unless the cut spent the last free slot of the key store on a board whose
 * store cannot reclaim (counted apart). Then from a full key store a root rotation: with slot
 * reclaim (a store of its own sectors, uniform-4k) cut at its erase and program like the others;
 * without (stm32f4-ref) refused with KEYSTORE_FULL and the flash unchanged. Last line: `key update runs: <n>, old key set: <o>, new key
 * set: <w>, mixed or none: <m>, bricked: <b>, retries refused with a full key store: <f>`.
 *
 * Mode lock (--torn-runs N; docs/security.md "LOCK is power-safe"): the board has a root key,
 * the development access key with an identity, and a key update in force (A revoked, B added);
 * images only where the profile has a firmware region (not mps2-an386's: its board stays in the
 * bootloader stage it started in).
 * LOCK is cut at every flash operation it makes (one program of the lock word), at the boundary
 * and torn at N random points. After every cut the board reads its provisioning afresh and must
 * boot its images, be provisioned with the same access block, hold the same key set (INFO, and
 * the key store's bytes by SHA-256), keep every byte of the provisioning sector outside the lock
 * word, and read locked or unlocked; from unlocked the host's retry locks it. No LOCK may erase.
 * Then a board locked by its block's flag reads locked and LOCK (refused without a factory
 * session on a locked board) writes nothing. Last line:
 * `<board>: lock runs: <n>, locked: <l>, unlocked: <u>, retries locked: <r>, erases: <e>,
 * unprovisioned or keys changed: <c>, bricked: <b>`.
 *
 * Exit status: 0 when nothing was bricked or lost, 1 otherwise, 2 on usage errors.
 */
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config_store.h"
#include "keyset.h"
#include "frame.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/ecp.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/pk.h"
#include "mbedtls/sha256.h"
#include "piton/crypt.h"
#include "piton/device.h"
#include "pt_bytes.h"
#include "test_packages.h" /* package header, signature, key block, payload encryption */
#include "th_lz4.h" /* --compressed: LZ4 frames as the workstation makes them */
#include "vb_error.h"
#include "vb_flash.h"
#include "vb_hal.h"
#include "vb_profile.h"
#include "vb_provision.h"

/* ---- board, flash, jumps ------------------------------------------------------------------ */

static vb_profile g_profile;
static jmp_buf g_jmp;            /* pt_hal_reset() (value 1) and power loss (value 2) land here */
static uint64_t g_rng = 1;
static bool g_quiet;
static unsigned long long g_cuts_done;
/* Cut plan: g_plan[i] operations complete before cut i+1 (counted from the previous cut). */
static unsigned long long g_plan[8];
static bool g_plan_torn[8];
static unsigned g_plan_len, g_plan_next;

static void die(const char *msg)
{
    fprintf(stderr, "fault_campaign: %s\n", msg);
    exit(2);
}

static void power_loss(void *ctx)
{
    (void)ctx;
    longjmp(g_jmp, 2);
}

static void arm_next_cut(void)
{
    if (g_plan_next < g_plan_len) {
        vb_flash_set_power_cut(g_plan[g_plan_next], g_plan_torn[g_plan_next], &g_rng, power_loss, NULL);
        g_plan_next++;
    } else {
        vb_flash_set_power_cut(0, false, NULL, NULL, NULL);
    }
}

static void set_plan(unsigned n, const unsigned long long *after, const bool *torn)
{
    g_plan_len = n;
    g_plan_next = 0;
    for (unsigned i = 0; i < n; i++) {
        g_plan[i] = after[i];
        g_plan_torn[i] = torn[i];
    }
    arm_next_cut();
}

/* ---- in-memory link and host side of the protocol ----------------------------------------- */

#define LINK_MAX 16384u
static uint8_t g_rx[LINK_MAX + PT_FRAME_OVERHEAD], g_tx[LINK_MAX + PT_FRAME_OVERHEAD];
static uint8_t g_sent[2 * (LINK_MAX + PT_FRAME_OVERHEAD)];
static size_t g_sent_len;
static pt_link g_link;
static uint16_t g_seq = 1;
static bool g_auto_confirm = true;

static void link_send(pt_link *l, const uint8_t *d, size_t n)
{
    (void)l;
    if (g_sent_len + n <= sizeof g_sent) {
        memcpy(g_sent + g_sent_len, d, n);
        g_sent_len += n;
    }
}

static void boot_body(void)
{
    enum pt_stage st = pt_boot();
    /* The agent confirms a trial image once the application is up and serving. */
    if (st == PT_STAGE_APPLICATION && g_auto_confirm && pt_current_image_state() == PT_IMAGE_TRIAL)
        pt_confirm();
}

/* After a power cut: retained RAM lost, clock restarts, next cut of the plan armed. */
static void after_power_loss(void)
{
    g_cuts_done++;
    vb_hal_power_on();
    arm_next_cut();
}

/* Mode lock: the board reads its provisioning at every start, as piton-vboard does
 * (main.c reload_provisioning): the locked flag OR the lock word, the access block. A block that
 * does not read counts (the board would start unprovisioned) and the RAM copy stays. */
static bool g_lock_mode; /* --mode lock: a root key and an access block too */
static unsigned long long g_unreadable;
static void reload_board(void)
{
    vb_provision pv;
    vb_access acc;
    char err[VB_ERROR_MAX];
    if (!vb_provision_read(&g_profile, &pv, err) || strcmp(pv.board_id, g_profile.id) != 0) {
        g_unreadable++;
        fprintf(stderr, "fault_campaign: the board starts unprovisioned: %s\n", err);
        return;
    }
    vb_hal_set_board(&g_profile, &pv);
    if (!vb_access_read(&g_profile, &acc, err)) {
        g_unreadable++;
        fprintf(stderr, "fault_campaign: the board starts without its access block: %s\n", err);
        memset(&acc, 0, sizeof acc);
    }
    vb_hal_set_access(&acc);
}

/* Boots until pt_boot() (and the agent's confirm) completes without being cut. */
static void boot_until_up(void)
{
    if (g_lock_mode)
        reload_board();
    for (;;) {
        int j = setjmp(g_jmp);
        if (j == 0) {
            boot_body();
            break;
        }
        if (j == 2)
            after_power_loss();
    }
    g_link.send = link_send;
    g_link.max_payload = LINK_MAX;
    g_link.rx_buf = g_rx;
    g_link.tx_buf = g_tx;
    g_link.buf_size = sizeof g_rx;
    g_link.kind = PT_LINK_SERIAL; /* a development bench: the access policy leaves it open */
    pt_link_init(&g_link);
}

static void power_on(void)
{
    vb_hal_power_on();
    boot_until_up();
}

static uint8_t g_req[LINK_MAX + PT_FRAME_OVERHEAD];
static uint8_t g_resp[LINK_MAX];
static uint32_t g_resp_len;

#define R_CUT (-2) /* the power was cut: no response, the board booted again */

/* Sends one request; returns the response status, or R_CUT. *reset tells that the device reset
 * after answering (REBOOT, COMMIT); the board has booted again in both cases. */
static int request(uint8_t cmd, const void *payload, uint32_t len, bool *reset)
{
    size_t n = pt_frame_encode(g_req, cmd, g_seq++, 0, 0, payload, len);
    g_sent_len = 0;
    bool was_reset = false;
    int j = setjmp(g_jmp);
    if (j == 0) {
        pt_link_receive(&g_link, g_req, n);
    } else if (j == 1) {
        was_reset = true;
        boot_until_up();
    } else {
        after_power_loss();
        boot_until_up();
        if (reset)
            *reset = true;
        return R_CUT;
    }
    if (reset)
        *reset = was_reset;
    pt_frame f;
    size_t used;
    if (pt_frame_scan(g_sent, g_sent_len, LINK_MAX, &f, &used) != PT_SCAN_FRAME)
        return -1;
    g_resp_len = f.length <= sizeof g_resp ? f.length : (uint32_t)sizeof g_resp;
    memcpy(g_resp, f.payload, g_resp_len);
    return f.status;
}

static int ping(void)
{
    uint8_t p[5];
    pt_put32(p, LINK_MAX);
    p[4] = 1;
    return request(PT_CMD_PING, p, 5, NULL);
}

/* INFO value of `tag` (u8 or u32); -1 when absent or the request failed. */
static long long info_value(uint8_t tag)
{
    if (request(PT_CMD_INFO, NULL, 0, NULL) != PT_OK)
        return -1;
    for (uint32_t i = 0; i + 2 <= g_resp_len; i += 2u + g_resp[i + 1])
        if (g_resp[i] == tag)
            return g_resp[i + 1] == 4 ? (long long)pt_get32(g_resp + i + 2) : (long long)g_resp[i + 2];
    return -1;
}

/* ---- packages ------------------------------------------------------------------------------- */

static mbedtls_ctr_drbg_context g_drbg;
static mbedtls_pk_context g_key;

static int fixed_entropy(void *ctx, unsigned char *out, size_t len)
{
    uint64_t *st = ctx;
    for (size_t i = 0; i < len; i++)
        out[i] = (unsigned char)vb_rand(st);
    return 0;
}

typedef struct {
    uint32_t fw_version, app_version;
    uint8_t *fw, *app;           /* images */
    uint32_t fw_size, app_size;
    uint8_t fw_sha[32], app_sha[32];
    uint8_t *pkg;
    uint32_t pkg_size;
    uint8_t pkg_sha[32];
} image_set;

/* --compressed: payloads are LZ4 frames (manifest format 2, PT_ENCODING_LZ4) of compressible
 * images, so that every cut also lands inside the bootloader's decode-and-program pipeline. */
static bool g_compressed;
/* --encrypted: payloads AES-256-CTR under keys wrapped to the product key (g_prod_point). */
static bool g_encrypted;
static uint8_t g_prod_point[65], g_prod_fp[32];

static void fill(uint8_t *p, uint32_t n, uint32_t salt)
{
    uint64_t st = 0x1234567ull + salt;
    for (uint32_t i = 0; i < n; i++)
        /* compressible like code (runs between random bytes) when the packages are compressed */
        p[i] = g_compressed && (i & 63u) < 40u ? (uint8_t)(i >> 6) : (uint8_t)vb_rand(&st);
}

/* An LZ4 frame of `n` bytes (tests/device/th_lz4.h) into a new buffer; sets *out_size. */
static uint8_t *lz4_frame(const uint8_t *data, uint32_t n, uint32_t *out_size)
{
    const size_t cap = th_lz4_bound(n);
    uint8_t *out = malloc(cap);
    if (!out)
        die("out of memory");
    const size_t size = th_lz4_frame(data, n, out, cap);
    if (size == 0)
        die("LZ4 compression failed");
    *out_size = (uint32_t)size;
    return out;
}

/* Builds and signs a package with a firmware (load offset 0) and an application (load offset
 * 0), security counter 1, marked as a rollback release (PT_MANIFEST_FLAG_ROLLBACK): the wear
 * mode goes back and forth between two versions, which the device allows only for those. */
static void make_set(image_set *s, uint32_t version, uint32_t fw_size, uint32_t app_size)
{
    memset(s, 0, sizeof *s);
    s->fw_version = version;
    s->app_version = version;
    s->fw_size = fw_size;
    s->app_size = app_size;
    s->fw = malloc(fw_size);
    s->app = malloc(app_size);
    const bool v2 = g_compressed || g_encrypted;
    const uint32_t dsize = v2 ? PT_MANIFEST_PAYLOAD_SIZE_V2 : PT_MANIFEST_PAYLOAD_SIZE;
    const uint32_t desc_end = PT_MANIFEST_FIXED_SIZE + 2 * dsize;
    const uint32_t kb_len = g_encrypted ? PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE : 0;
    uint32_t mlen = desc_end + kb_len;
    if (!s->fw || !s->app)
        die("out of memory");
    fill(s->fw, fw_size, version * 2);
    fill(s->app, app_size, version * 2 + 1);
    mbedtls_sha256_ret(s->fw, fw_size, s->fw_sha, 0);
    mbedtls_sha256_ret(s->app, app_size, s->app_sha, 0);
    /* What the package stores: the images, or their LZ4 frames. */
    const uint8_t *stored[2] = {s->fw, s->app};
    uint32_t stored_size[2] = {fw_size, app_size};
    uint8_t *frames[2] = {NULL, NULL};
    uint8_t stored_sha[2][32];
    for (int i = 0; i < 2 && g_compressed; i++) {
        frames[i] = lz4_frame(stored[i], stored_size[i], &stored_size[i]);
        stored[i] = frames[i];
    }
    uint8_t cek[32], icb[2][16];
    if (g_encrypted) {
        mbedtls_ctr_drbg_random(&g_drbg, cek, sizeof cek);
        for (int i = 0; i < 2; i++) {
            if (!frames[i]) {
                frames[i] = malloc(stored_size[i]);
                if (!frames[i])
                    die("out of memory");
                memcpy(frames[i], stored[i], stored_size[i]);
            }
            memset(icb[i], 0, sizeof icb[i]);
            mbedtls_ctr_drbg_random(&g_drbg, icb[i], 12);
            /* AES-256-CTR under K_i = HKDF(no salt, CEK, "piton-payload-v1" || i) */
            if (tp_encrypt_payload(cek, (uint8_t)i, icb[i], frames[i], stored_size[i]) != 0)
                die("payload encryption failed");
            stored[i] = frames[i];
        }
    }
    for (int i = 0; i < 2; i++)
        mbedtls_sha256_ret(stored[i], stored_size[i], stored_sha[i], 0);
    s->pkg = malloc(16 + mlen + PT_SIGNATURE_MAX + stored_size[0] + stored_size[1]);
    if (!s->pkg)
        die("out of memory");
    uint8_t *m = s->pkg + PT_PACKAGE_HEADER_SIZE;
    tp_put_manifest(m, mlen, v2 ? PT_MANIFEST_FORMAT_V2 : PT_MANIFEST_FORMAT_V1, 2, g_profile.id, version, 1,
                    PT_MANIFEST_FLAG_ROLLBACK | (g_encrypted ? PT_MANIFEST_FLAG_ENCRYPTED : 0u));
    const struct {
        uint8_t kind;
        const char *region;
        uint32_t size, area, version;
        const uint8_t *sha;
    } d[2] = {{PT_PAYLOAD_FIRMWARE, "firmware", fw_size, 0, version, s->fw_sha},
              {PT_PAYLOAD_APPLICATION, "deployment", app_size, stored_size[0], version, s->app_sha}};
    for (int i = 0; i < 2; i++) {
        uint8_t *p = m + PT_MANIFEST_FIXED_SIZE + dsize * i;
        p[0] = d[i].kind;
        memcpy(p + 4, d[i].region, strlen(d[i].region));
        pt_put32(p + 20, 0);
        pt_put32(p + 24, stored_size[i]);
        pt_put32(p + 28, d[i].area);
        pt_put32(p + 32, d[i].version);
        memcpy(p + 40, stored_sha[i], 32);
        if (v2) {
            p[PT_DESC2_ENCODING] =
                (uint8_t)((g_compressed ? PT_ENCODING_LZ4 : 0u) | (g_encrypted ? PT_ENCODING_AES_CTR : 0u));
            pt_put32(p + PT_DESC2_IMAGE_SIZE, d[i].size);
            memcpy(p + PT_DESC2_IMAGE_SHA256, d[i].sha, 32);
            if (g_encrypted)
                memcpy(p + PT_DESC2_CTR, icb[i], 16);
        }
    }
    if (g_encrypted) {
        /* The key block (one recipient: the product key) after the descriptors: the content key
         * wrapped by ECIES on P-256 over the manifest up to the key block. */
        uint8_t *rc = tp_put_product_recipient(m + desc_end, g_prod_fp);
        if (tp_wrap_content_key(m, desc_end, cek, g_prod_point, g_prod_fp, rc, &g_drbg) != 0)
            die("content key wrap failed");
        mbedtls_platform_zeroize(cek, sizeof cek);
    }
    const uint32_t pos = tp_seal(s->pkg, mlen, &g_key, &g_drbg);
    if (pos == 0)
        die("signing failed");
    memcpy(s->pkg + pos, stored[0], stored_size[0]);
    memcpy(s->pkg + pos + stored_size[0], stored[1], stored_size[1]);
    s->pkg_size = pos + stored_size[0] + stored_size[1];
    free(frames[0]);
    free(frames[1]);
    mbedtls_sha256_ret(s->pkg, s->pkg_size, s->pkg_sha, 0);
}

static void free_set(image_set *s)
{
    free(s->fw);
    free(s->app);
    free(s->pkg);
}

/* One attempt of the host's update: PING, BEGIN (resumes), DATA, COMMIT. Returns PT_OK when
 * COMMIT answered OK (the board then installed and booted), R_CUT when the power was cut, or
 * the failing status. */
static int update_attempt(const image_set *s)
{
    int st = ping();
    if (st != PT_OK)
        return st;
    uint8_t b[4 + LINK_MAX];
    pt_put32(b, s->pkg_size);
    memcpy(b + 4, s->pkg_sha, 32);
    st = request(PT_CMD_UPDATE_BEGIN, b, 36, NULL);
    if (st != PT_OK)
        return st;
    uint32_t off = pt_get32(g_resp);
    const uint32_t chunk = LINK_MAX - 4;
    while (off < s->pkg_size) {
        uint32_t n = s->pkg_size - off < chunk ? s->pkg_size - off : chunk;
        pt_put32(b, off);
        memcpy(b + 4, s->pkg + off, n);
        st = request(PT_CMD_UPDATE_DATA, b, n + 4, NULL);
        if (st != PT_OK)
            return st;
        off = pt_get32(g_resp);
    }
    bool reset = false;
    st = request(PT_CMD_UPDATE_COMMIT, NULL, 0, &reset);
    return st;
}

/* True when `s`'s firmware and application are exactly in their target regions. */
static bool set_installed(const image_set *s)
{
    const pt_region *fw = vb_profile_region(&g_profile, "firmware");
    const pt_region *dep = vb_profile_region(&g_profile, "deployment");
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    const vb_flash_device *dfw = vb_profile_device_of(&g_profile, fw->address, fw->size);
    const vb_flash_device *ddep = vb_profile_device_of(&g_profile, dep->address, dep->size);
    uint8_t h[32];
    mbedtls_sha256_ret(map + dfw->file_offset + (fw->address - dfw->address), s->fw_size, h, 0);
    if (memcmp(h, s->fw_sha, 32) != 0)
        return false;
    mbedtls_sha256_ret(map + ddep->file_offset + (dep->address - ddep->address), s->app_size, h, 0);
    return memcmp(h, s->app_sha, 32) == 0;
}

/* The board runs `s`, confirmed (or reverted back to it), in the application stage. */
static bool running(const image_set *s)
{
    return pt_current_stage() == PT_STAGE_APPLICATION && set_installed(s) &&
           info_value(PT_INFO_APPLICATION_VERSION) == (long long)s->app_version &&
           info_value(PT_INFO_FIRMWARE_VERSION) == (long long)s->fw_version &&
           pt_current_image_state() != PT_IMAGE_TRIAL;
}

/* The host retries the update until `s` runs (at most `tries` attempts). */
static bool update_until_done(const image_set *s, int tries)
{
    for (int i = 0; i < tries; i++) {
        if (running(s))
            return true;
        int st = update_attempt(s);
        if (st != PT_OK && st != R_CUT && !g_quiet)
            fprintf(stderr, "fault_campaign: update attempt %d: status %d (%s)\n", i + 1, st,
                    g_resp_len ? (const char *)g_resp : "");
    }
    return running(s);
}

/* ---- snapshots and checks ---------------------------------------------------------------- */

static uint8_t *g_snapshot;
static size_t g_flash_size;
static uint8_t g_boot_sha[32];
static uint8_t g_config[PT_CONFIG_MAX_SIZE];
static uint32_t g_config_len;

static void region_sha(const char *name, uint8_t out[32])
{
    const pt_region *r = vb_profile_region(&g_profile, name);
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    const vb_flash_device *d = vb_profile_device_of(&g_profile, r->address, r->size);
    mbedtls_sha256_ret(map + d->file_offset + (r->address - d->address), r->size, out, 0);
}

static void take_snapshot(void)
{
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    g_flash_size = sz;
    g_snapshot = malloc(sz);
    if (!g_snapshot)
        die("out of memory");
    memcpy(g_snapshot, map, sz);
    region_sha("bootloader", g_boot_sha);
    uint32_t n;
    const uint8_t *b = pt_config_blob(&n);
    memcpy(g_config, b, n);
    g_config_len = n;
}

static void restore_snapshot(void)
{
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    memcpy(map, g_snapshot, sz);
}

static bool config_intact(void)
{
    uint32_t n;
    const uint8_t *b = pt_config_blob(&n);
    return pt_config_state() == PT_CONFIG_OK && n == g_config_len && memcmp(b, g_config, n) == 0;
}

static bool bootloader_intact(void)
{
    uint8_t h[32];
    region_sha("bootloader", h);
    return memcmp(h, g_boot_sha, 32) == 0;
}

/* ---- plaintext scan (--product-key) --------------------------------------------------------- */

#define WINDOW 64u
#define INDEX_BITS 21u
static bool g_scan;               /* --product-key or --scan-only */
static bool g_product_key;        /* --product-key */
static bool g_keys_mode;          /* --mode keys: a root key is provisioned too */
static void provision_root_key(vb_provision *pv);
static uint32_t *g_index;        /* open addressing: 1 + offset into g_plain, 0 = empty */
static const uint8_t *g_plain;   /* the images whose plaintext must not appear */
static uint32_t g_plain_len;

static uint64_t key8(const uint8_t *p)
{
    uint64_t k;
    memcpy(&k, p, 8);
    return k;
}

static uint32_t slot_of(uint64_t k) { return (uint32_t)((k * 0x9E3779B97F4A7C15ull) >> (64u - INDEX_BITS)); }

/* Indexes every 64-byte window of `plain` by its first 8 bytes (open addressing; windows with the
 * same prefix, as in the compressible images of --compressed, each get their own slot). */
static void index_plaintext(const uint8_t *plain, uint32_t len)
{
    if (!g_index && !(g_index = calloc(1u << INDEX_BITS, sizeof *g_index)))
        die("out of memory");
    memset(g_index, 0, sizeof(uint32_t) << INDEX_BITS);
    g_plain = plain;
    g_plain_len = len;
    if (len + 1u >= (1u << INDEX_BITS) / 2u)
        die("images too large for the plaintext index");
    for (uint32_t i = 0; i + WINDOW <= len; i++) {
        uint32_t h = slot_of(key8(plain + i));
        while (g_index[h] != 0 && memcmp(plain + g_index[h] - 1, plain + i, WINDOW) != 0)
            h = (h + 1) & ((1u << INDEX_BITS) - 1);
        if (g_index[h] == 0)
            g_index[h] = i + 1; /* an identical window is indexed once */
    }
}

static unsigned long long scan_range(const uint8_t *p, size_t n)
{
    unsigned long long hits = 0;
    for (size_t at = 0; at + WINDOW <= n; at++) {
        uint64_t k = key8(p + at);
        if (k == UINT64_MAX)
            continue; /* erased flash */
        for (uint32_t h = slot_of(k); g_index[h] != 0; h = (h + 1) & ((1u << INDEX_BITS) - 1))
            if (key8(g_plain + g_index[h] - 1) == k && memcmp(g_plain + g_index[h] - 1, p + at, WINDOW) == 0) {
                hits++;
                break;
            }
    }
    return hits;
}

/* Windows of the indexed plaintext in the flash that holds no installed image. */
static unsigned long long plaintext_windows(void)
{
    size_t sz;
    const uint8_t *map = vb_flash_map(&sz);
    const pt_region *b = vb_profile_region(&g_profile, "backup");
    const pt_region *fw = vb_profile_region(&g_profile, "firmware");
    const pt_region *dep = vb_profile_region(&g_profile, "deployment");
    const vb_flash_device *d = vb_profile_device_of(&g_profile, b->address, b->size);
    if (d != vb_profile_device_of(&g_profile, fw->address, fw->size) &&
        d != vb_profile_device_of(&g_profile, dep->address, dep->size))
        return scan_range(map + d->file_offset, d->size); /* the whole external device */
    unsigned long long hits = 0;
    const char *names[] = {"backup", "update"};
    for (int i = 0; i < 2; i++) {
        const pt_region *r = vb_profile_region(&g_profile, names[i]);
        const vb_flash_device *rd = r ? vb_profile_device_of(&g_profile, r->address, r->size) : NULL;
        if (rd)
            hits += scan_range(map + rd->file_offset + (r->address - rd->address), r->size);
    }
    return hits;
}

/* A product key for the board (random scalar; fingerprint of its public key). */
static void provision_product_key(vb_provision *pv)
{
    mbedtls_ecp_keypair k;
    mbedtls_ecp_keypair_init(&k);
    uint8_t point[65];
    size_t plen = 0;
    if (mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, &k, mbedtls_ctr_drbg_random, &g_drbg) != 0 ||
        mbedtls_mpi_write_binary(&k.d, pv->product_key, 32) != 0 ||
        mbedtls_ecp_point_write_binary(&k.grp, &k.Q, MBEDTLS_ECP_PF_UNCOMPRESSED, &plen, point, sizeof point) != 0)
        die("product key generation failed");
    mbedtls_ecp_keypair_free(&k);
    mbedtls_sha256_ret(point, plen, pv->product_key_fingerprint, 0); /* an id for the campaign only */
    memcpy(g_prod_point, point, sizeof g_prod_point);
    memcpy(g_prod_fp, pv->product_key_fingerprint, sizeof g_prod_fp);
    pv->has_product_key = true;
    pt_crypt_set_product_key(pv->product_key, pv->product_key_fingerprint);
}

/* ---- set-up -------------------------------------------------------------------------------- */

static char g_dir[64];
static char g_flash_path[128];

static void cleanup(void)
{
    vb_flash_close();
    if (g_flash_path[0])
        unlink(g_flash_path);
    if (g_dir[0])
        rmdir(g_dir);
}

static void setup_board(const char *board, const char *boards_dir, const char *argv0)
{
    char err[VB_ERROR_MAX], path[4096];
    if (!vb_profile_find(board, boards_dir, argv0, path, sizeof path, err) ||
        !vb_profile_load(path, board, &g_profile, err))
        die(err);
    const char *tmp = getenv("TMPDIR");
    snprintf(g_dir, sizeof g_dir, "%s/piton-fault-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(g_dir))
        die("cannot create a temporary directory");
    snprintf(g_flash_path, sizeof g_flash_path, "%s/flash.bin", g_dir);
    atexit(cleanup);

    static uint64_t entropy_state = 0xC0FFEEull;
    mbedtls_ctr_drbg_init(&g_drbg);
    if (mbedtls_ctr_drbg_seed(&g_drbg, fixed_entropy, &entropy_state, NULL, 0) != 0)
        die("drbg seed failed");
    mbedtls_pk_init(&g_key);
    if (mbedtls_pk_setup(&g_key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)) != 0 ||
        mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(g_key), mbedtls_ctr_drbg_random, &g_drbg) != 0)
        die("key generation failed");

    vb_provision pv;
    memset(&pv, 0, sizeof pv);
    snprintf(pv.board_id, sizeof pv.board_id, "%s", g_profile.id);
    pv.unique_id_len = g_profile.unique_id_len;
    for (uint8_t i = 0; i < pv.unique_id_len; i++)
        pv.unique_id[i] = (uint8_t)(0x30 + i);
    if (tp_trusted_key(&g_key, &pv.keys[0]) != 0)
        die("public key export failed");
    pv.key_count = 1;
    if (g_product_key)
        provision_product_key(&pv);
    if (g_keys_mode || g_lock_mode)
        provision_root_key(&pv);

    bool created = false;
    if (!vb_flash_open(g_flash_path, &g_profile, &created, err) || !vb_provision_factory(&g_profile, &pv, err))
        die(err);
    vb_hal_set_board(&g_profile, &pv);
    if (g_lock_mode) { /* LOCK needs an access key (server.c h_lock): the development one */
        vb_access acc;
        memset(&acc, 0, sizeof acc);
        acc.key_count = 1;
        if (!vb_provision_dev_access_key(&acc.keys[0], err) || !vb_access_generate_identity(&acc, err) ||
            !vb_access_write(&g_profile, &acc, err))
            die(err);
        vb_hal_set_access(&acc);
    }
    vb_hal_set_boot_point(&g_jmp);
}

/* Puts `s` on a factory-fresh board, confirmed, with a user config entry. */
static void factory_with(const image_set *s)
{
    power_on();
    if (!update_until_done(s, 2))
        die("the initial install failed");
    uint8_t p[64];
    const char key[] = "user.campaign";
    p[0] = (uint8_t)(sizeof key - 1);
    memcpy(p + 1, key, sizeof key - 1);
    memcpy(p + sizeof key, "initial", 7);
    if (request(PT_CMD_CONFIG_SET, p, sizeof key + 7, NULL) != PT_OK)
        die("config set failed");
}

/* ---- mode cuts ------------------------------------------------------------------------------ */

typedef struct {
    unsigned long long runs, bricked, config_lost, reverted_to_old, plaintext;
} tally;

/* The checks every run ends with, once the board has settled after its cut(s) with images that
 * are `images_ok` (old or new; `is_old`, `is_new` for the report, is_new < 0: not asked):
 * bootloader and config intact, no plaintext of the images outside the image regions (--product-key
 * or --scan-only), and the following update to `next` installs. Counts the run into `t`. */
static void count_run(tally *t, const image_set *next, bool images_ok, int is_old, int is_new, const char *what,
                      unsigned long long k)
{
    bool bad = !images_ok || !bootloader_intact();
    bool lost = !config_intact();
    unsigned long long windows = g_scan ? plaintext_windows() : 0;
    t->plaintext += windows > 0;
    if (windows && !g_quiet)
        fprintf(stderr, "fault_campaign: %s %llu: %llu plaintext windows of the images\n", what, k, windows);
    if (!bad && !update_until_done(next, 1))
        bad = true;
    if (!bad && !bootloader_intact())
        bad = true;
    if (!lost && !config_intact())
        lost = true;
    t->runs++;
    t->bricked += bad;
    t->config_lost += lost;
    if ((bad || lost) && !g_quiet)
        fprintf(stderr, "fault_campaign: %s %llu: %s%s (old %d%s%s, stage %d, image state %d)\n", what, k,
                bad ? "BRICKED" : "", lost ? " CONFIG LOST" : "", is_old, is_new < 0 ? "" : ", new ",
                is_new < 0 ? "" : is_new ? "1" : "0", (int)pt_current_stage(), (int)pt_current_image_state());
}

/* After the cut(s): powers on until stable, then the board must run exactly the old or the new
 * images, and count_run()'s checks. */
static void judge(const image_set *old, const image_set *new, const image_set *next, tally *t,
                  const char *what, unsigned long long k)
{
    vb_flash_set_power_cut(0, false, NULL, NULL, NULL);
    g_plan_len = g_plan_next = 0;
    power_on();
    power_on(); /* stable: a second power-on changes nothing */
    const bool is_old = running(old), is_new = running(new);
    t->reverted_to_old += is_old;
    count_run(t, next, is_old || is_new, is_old, is_new, what, k);
}

/* Powers the board on (the agent does not confirm) until the bootloader has reverted to `old`;
 * at most `boots` power-ons. */
static bool boot_until_reverted(const image_set *old, unsigned boots)
{
    const bool confirm = g_auto_confirm;
    g_auto_confirm = false;
    bool done = false;
    for (unsigned i = 0; i < boots && !done; i++) {
        power_on();
        done = running(old);
    }
    g_auto_confirm = confirm;
    return done;
}

/* After cut(s) during a revert: the board ends on `old` (the revert completes on later power-ons),
 * and count_run()'s checks. */
static void judge_revert(const image_set *old, const image_set *next, unsigned boots, tally *t, unsigned long long k)
{
    vb_flash_set_power_cut(0, false, NULL, NULL, NULL);
    g_plan_len = g_plan_next = 0;
    const bool is_old = boot_until_reverted(old, boots);
    count_run(t, next, is_old, is_old, -1, "revert cut", k);
}

/* --revert: every K-th flash operation of the bootloader's revert from `new` (installed, never
 * confirmed) back to `old`, cut at the boundary and torn. Adds to *t; prints a line. */
static void revert_sweep(const image_set *old, const image_set *new, const image_set *next, unsigned long step,
                         tally *t)
{
    /* The trial state: `new` installed by an update the agent never confirms. */
    restore_snapshot();
    power_on();
    g_auto_confirm = false;
    const int st = update_attempt(new);
    g_auto_confirm = true;
    if (st != PT_OK || !set_installed(new) || pt_current_image_state() != PT_IMAGE_TRIAL)
        die("revert sweep: the unconfirmed update did not leave the new images in trial");
    static uint8_t *trial;
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    trial = malloc(sz);
    if (!trial)
        die("out of memory");
    memcpy(trial, map, sz);
    const unsigned boots = (unsigned)pt_trial_limit() + 3u;
    vb_flash_reset_counters();
    if (!boot_until_reverted(old, boots))
        die("revert sweep: the bootloader did not revert the unconfirmed images");
    const unsigned long long n_ops = vb_flash_stats_get()->write_ops;
    tally r = {0, 0, 0, 0, 0};
    for (unsigned long long k = 1; k <= n_ops; k += step) {
        for (int torn = 0; torn < 2; torn++) {
            memcpy(vb_flash_map(&sz), trial, sz);
            unsigned long long after = k - 1;
            bool tb = torn != 0;
            set_plan(1, &after, &tb);
            boot_until_reverted(old, boots);
            judge_revert(old, next, boots, &r, k);
        }
    }
    printf("revert: %llu flash operations, %llu runs (every %lu%s, boundary and torn), %llu bricked, %llu config lost\n",
           n_ops, r.runs, step, step == 1 ? "st" : "th", r.bricked, r.config_lost);
    t->runs += r.runs;
    t->bricked += r.bricked;
    t->config_lost += r.config_lost;
    t->plaintext += r.plaintext;
    free(trial);
}

static int mode_cuts(bool exhaustive, unsigned long every, unsigned long random_runs, uint32_t fw_size,
                     uint32_t app_size, bool revert)
{
    static image_set a, b, c;
    make_set(&a, PT_VERSION(1, 0, 0), fw_size, app_size);
    make_set(&b, PT_VERSION(2, 0, 0), fw_size + 4096 + 123, app_size - 5000);
    make_set(&c, PT_VERSION(3, 0, 0), fw_size - 1000, app_size + 777);
    static uint8_t *old_plain;
    if (g_scan) { /* a's images are the ones the bootloader backs up; encrypted packages: all */
        const image_set *sets[3] = {&a, &b, &c};
        const int n = g_encrypted ? 3 : 1;
        uint32_t len = 0;
        for (int i = 0; i < n; i++)
            len += sets[i]->fw_size + sets[i]->app_size;
        old_plain = malloc(len);
        if (!old_plain)
            die("out of memory");
        len = 0;
        for (int i = 0; i < n; i++) {
            memcpy(old_plain + len, sets[i]->fw, sets[i]->fw_size);
            memcpy(old_plain + len + sets[i]->fw_size, sets[i]->app, sets[i]->app_size);
            len += sets[i]->fw_size + sets[i]->app_size;
        }
        index_plaintext(old_plain, len);
    }
    factory_with(&a);
    take_snapshot();

    /* N: flash operations of a clean update, PING to the confirmed new image. */
    restore_snapshot();
    power_on();
    vb_flash_reset_counters();
    if (!update_until_done(&b, 1))
        die("the clean update failed");
    unsigned long long n_ops = vb_flash_stats_get()->write_ops;
    printf("board %s: firmware %u -> %u bytes, application %u -> %u bytes, package %u bytes\n", g_profile.id,
           a.fw_size, b.fw_size, a.app_size, b.app_size, b.pkg_size);
    printf("clean update: %llu flash operations (%llu programs, %llu erases)\n", n_ops,
           (unsigned long long)vb_flash_stats_get()->program_ops, (unsigned long long)vb_flash_stats_get()->erase_ops);
    fflush(stdout);

    tally t = {0, 0, 0, 0, 0};
    unsigned long step = exhaustive ? 1 : every;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned long long points = 0;
    for (unsigned long long k = 1; k <= n_ops; k += step) {
        for (int torn = 0; torn < 2; torn++) {
            restore_snapshot();
            unsigned long long after = k - 1;
            bool tb = torn != 0;
            set_plan(1, &after, &tb);
            power_on();
            update_attempt(&b);
            judge(&a, &b, &c, &t, torn ? "torn cut at operation" : "cut at operation", k);
            points++;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("single cuts: %llu runs (every %lu%s of %llu operations, boundary and torn), %llu ended on the old "
           "images, %.1f s\n",
           points, step, step == 1 ? "st" : "th", n_ops, t.reverted_to_old,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    unsigned long long cuts_single = g_cuts_done;

    tally tr = {0, 0, 0, 0, 0};
    for (unsigned long i = 0; i < random_runs; i++) {
        restore_snapshot();
        unsigned n = 1 + (unsigned)(vb_rand(&g_rng) % 4);
        unsigned long long after[4];
        bool torn[4];
        for (unsigned k = 0; k < n; k++) {
            after[k] = vb_rand(&g_rng) % n_ops;
            torn[k] = vb_rand(&g_rng) & 1;
        }
        set_plan(n, after, torn);
        power_on();
        bool done = update_until_done(&b, 12);
        if (!done && !g_quiet)
            fprintf(stderr, "fault_campaign: random run %lu: the retried update did not complete\n", i);
        judge(&a, &b, &c, &tr, "random run", i);
        tr.bricked += !done; /* the host could not finish the update */
    }
    if (random_runs > 0)
        printf("random sequences: %lu runs, %llu cuts, %llu bricked, %llu config lost\n", random_runs,
               g_cuts_done - cuts_single, tr.bricked, tr.config_lost);
    if (revert)
        revert_sweep(&a, &b, &c, step, &tr);
    free_set(&a);
    free_set(&b);
    free_set(&c);
    unsigned long long bricked = t.bricked + tr.bricked, lost = t.config_lost + tr.config_lost;
    unsigned long long plain = t.plaintext + tr.plaintext;
    free(old_plain);
    if (g_scan) {
        printf("cut points: %llu, bricked: %llu, config lost: %llu, plaintext windows: %llu\n", g_cuts_done, bricked,
               lost, plain);
        return bricked == 0 && lost == 0 && plain == 0 ? 0 : 1;
    }
    printf("cut points: %llu, bricked: %llu, config lost: %llu\n", g_cuts_done, bricked, lost);
    return bricked == 0 && lost == 0 ? 0 : 1;
}

/* ---- mode wear ------------------------------------------------------------------------------ */

static void print_wear(const char *title)
{
    const vb_flash_stats *st = vb_flash_stats_get();
    printf("%s: erases per sector (min..max):", title);
    for (uint8_t i = 0; i < g_profile.region_count; i++) {
        const pt_region *r = &g_profile.regions[i];
        uint32_t max = 0, min = UINT32_MAX, sectors = 0;
        for (uint32_t a = r->address; a < r->address + r->size;) {
            uint32_t start, size, index;
            if (!vb_profile_sector_of(&g_profile, a, &start, &size, &index))
                break;
            if (st->sector_erases[index] > max)
                max = st->sector_erases[index];
            if (st->sector_erases[index] < min)
                min = st->sector_erases[index];
            sectors++;
            a = start + size;
        }
        printf(" %s %u..%u (%u sectors)%s", r->name, (unsigned)(sectors ? min : 0), (unsigned)max, (unsigned)sectors,
               i + 1 < g_profile.region_count ? "," : "\n");
    }
}

static int config_set_value(unsigned long v)
{
    uint8_t p[1 + 16 + PT_CONFIG_VALUE_MAX];
    const char key[] = "user.wear";
    p[0] = (uint8_t)(sizeof key - 1);
    memcpy(p + 1, key, sizeof key - 1);
    uint32_t n = 1 + (uint32_t)(sizeof key - 1);
    int len = snprintf((char *)p + n, PT_CONFIG_VALUE_MAX, "%lu", v);
    n += (uint32_t)len;
    /* pad the value to 100 bytes so records are large and the store compacts often */
    while (n < 1 + (sizeof key - 1) + 100)
        p[n++] = '.';
    return request(PT_CMD_CONFIG_SET, p, n, NULL);
}

static long long config_value(void)
{
    uint8_t v[PT_CONFIG_VALUE_MAX + 1];
    uint32_t n = 0;
    if (pt_config_get("user.wear", 9, v, &n) != PT_OK)
        return -1;
    v[n] = 0;
    return strtoll((char *)v, NULL, 10);
}

static int mode_wear(unsigned long config_writes, unsigned long updates)
{
    static image_set p, q;
    make_set(&p, PT_VERSION(1, 0, 1), 6000, 10000);
    make_set(&q, PT_VERSION(1, 0, 2), 7000, 9000);
    factory_with(&p);
    unsigned long long lost = 0, bricked = 0;
    struct timespec t0, t1;

    /* Config: every acknowledged value must survive; a cut write leaves the old or the new one. */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    vb_flash_reset_counters();
    unsigned long long cuts0 = g_cuts_done;
    long long acked = -1;
    for (unsigned long i = 0; i < config_writes; i++) {
        if (vb_rand(&g_rng) % 4 == 0) {
            unsigned long long after = vb_rand(&g_rng) % 4;
            bool torn = vb_rand(&g_rng) & 1;
            set_plan(1, &after, &torn);
        }
        for (int tries = 0;; tries++) {
            int st = config_set_value(i);
            long long v = config_value();
            if (st == PT_OK && v == (long long)i) {
                acked = (long long)i;
                break;
            }
            if (st != R_CUT || (v != acked && v != (long long)i) || tries == 3) {
                lost++;
                if (!g_quiet)
                    fprintf(stderr, "fault_campaign: config write %lu: status %d, value %lld, acknowledged %lld\n",
                            i, st, v, acked);
                break;
            }
        }
        vb_flash_set_power_cut(0, false, NULL, NULL, NULL);
        g_plan_len = g_plan_next = 0;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("config: %lu writes, %llu cuts, %llu lost, %.1f s\n", config_writes, g_cuts_done - cuts0, lost,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    print_wear("config writes");
    take_snapshot(); /* config reference for the update phase */

    /* Updates: alternate p and q; random cuts; the host retries until the target runs. */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    vb_flash_reset_counters();
    unsigned long long cuts1 = g_cuts_done;
    restore_snapshot();
    power_on();
    unsigned long long n_ops = 0;
    for (unsigned long i = 0; i < updates; i++) {
        const image_set *from = (i % 2) ? &q : &p, *to = (i % 2) ? &p : &q;
        if (n_ops > 0 && vb_rand(&g_rng) % 2 == 0) {
            unsigned long long after = vb_rand(&g_rng) % n_ops;
            bool torn = vb_rand(&g_rng) & 1;
            set_plan(1, &after, &torn);
        }
        unsigned long long before = vb_flash_stats_get()->write_ops;
        bool ok = update_until_done(to, 12);
        if (n_ops == 0)
            n_ops = vb_flash_stats_get()->write_ops - before;
        vb_flash_set_power_cut(0, false, NULL, NULL, NULL);
        g_plan_len = g_plan_next = 0;
        if (!ok) {
            bricked++;
            if (!g_quiet)
                fprintf(stderr, "fault_campaign: update %lu did not complete (old images %s)\n", i,
                        running(from) ? "run" : "do not run");
            if (!update_until_done(to, 3))
                break;
        }
        if (!config_intact()) {
            lost++;
            if (!g_quiet)
                fprintf(stderr, "fault_campaign: config changed during update %lu\n", i);
            uint32_t n;
            const uint8_t *b = pt_config_blob(&n);
            memcpy(g_config, b, n);
            g_config_len = n;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("updates: %lu (%llu flash operations each), %llu cuts, %llu failed, %.1f s\n", updates, n_ops,
           g_cuts_done - cuts1, bricked, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    print_wear("updates");
    free_set(&p);
    free_set(&q);
    printf("cut points: %llu, bricked: %llu, config lost: %llu\n", g_cuts_done, bricked, lost);
    return bricked == 0 && lost == 0 ? 0 : 1;
}

/* ---- main ---------------------------------------------------------------------------------- */

static unsigned long number(const char *opt, const char *v)
{
    char *end = NULL;
    errno = 0;
    unsigned long x = strtoul(v, &end, 10);
    if (errno || !end || *end || end == v || v[0] == '-') {
        fprintf(stderr, "fault_campaign: %s \"%s\" is not a number\n", opt, v);
        exit(2);
    }
    return x;
}

/* ---- mode keys (key updates, docs/security.md "Rotating and revoking keys") ------------------- */

/* A key update (docs/package-format.md "Key updates") signed by the root key: revokes the package
 * key `revoke` (may be NULL) and adds `add`. Every cut point of applying it (each flash operation,
 * at its boundary and torn at --torn-runs random points) must leave exactly the old key set or
 * the new one, and a board that boots; the host's retry then brings the new one. */
static mbedtls_pk_context g_root, g_root2, g_key_b, g_key_c;

static void gen_key(mbedtls_pk_context *k)
{
    mbedtls_pk_init(k);
    if (mbedtls_pk_setup(k, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)) != 0 ||
        mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(*k), mbedtls_ctr_drbg_random, &g_drbg) != 0)
        die("key generation failed");
}

static void point_of(mbedtls_pk_context *k, uint8_t point[65])
{
    size_t n = 0;
    if (mbedtls_ecp_point_write_binary(&mbedtls_pk_ec(*k)->grp, &mbedtls_pk_ec(*k)->Q, MBEDTLS_ECP_PF_UNCOMPRESSED, &n,
                                       point, 65) != 0 || n != 65)
        die("point export failed");
}

static void fingerprint_of(mbedtls_pk_context *k, uint8_t fp[32])
{
    uint8_t point[65];
    point_of(k, point);
    pt_keyset_fingerprint(point, fp);
}

static void provision_root_key(vb_provision *pv)
{
    gen_key(&g_root);
    gen_key(&g_root2);
    gen_key(&g_key_b);
    gen_key(&g_key_c);
    uint8_t der[200];
    int n = mbedtls_pk_write_pubkey_der(&g_root, der, sizeof der);
    if (n <= 0 || n > (int)PT_PUBKEY_DER_MAX)
        die("root key export failed");
    pv->root_key_count = 1;
    pv->root_keys[0].der_len = (uint16_t)n;
    memcpy(pv->root_keys[0].der, der + sizeof der - n, (size_t)n);
}

static void sign_hash(mbedtls_pk_context *k, const uint8_t *data, uint32_t len, uint8_t *sig, size_t *slen)
{
    uint8_t hash[32];
    mbedtls_sha256_ret(data, len, hash, 0);
    if (mbedtls_pk_sign(k, MBEDTLS_MD_SHA256, hash, 32, sig, slen, mbedtls_ctr_drbg_random, &g_drbg) != 0 ||
        *slen > PT_SIGNATURE_MAX)
        die("signing failed");
}

/* With `new_root`: the update also adds that root key (with its proof of possession) and revokes
 * `signer`, the root key in force, which signs it (a root rotation, docs/security.md). */
static uint32_t make_key_update_by(uint8_t *out, uint32_t generation, mbedtls_pk_context *add, mbedtls_pk_context *revoke,
                                   mbedtls_pk_context *signer, mbedtls_pk_context *new_root);

static uint32_t make_key_update(uint8_t *out, uint32_t generation, mbedtls_pk_context *add, mbedtls_pk_context *revoke)
{
    return make_key_update_by(out, generation, add, revoke, &g_root, NULL);
}

static uint32_t make_key_update_by(uint8_t *out, uint32_t generation, mbedtls_pk_context *add, mbedtls_pk_context *revoke,
                                   mbedtls_pk_context *signer, mbedtls_pk_context *new_root)
{
    const uint32_t count = (revoke ? 2u : 1u) + (new_root ? 2u : 0u);
    const uint32_t entries_end = PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE * count;
    const uint32_t mlen = entries_end + (new_root ? PT_KEYUPD_PROOF_SIZE : 0u);
    uint8_t *m = out + PT_PACKAGE_HEADER_SIZE;
    memset(out, 0, PT_PACKAGE_HEADER_SIZE + mlen);
    memcpy(m, PT_KEYUPD_MAGIC, 4);
    pt_put16(m + 4, PT_KEYUPD_FORMAT_VERSION);
    pt_put16(m + 6, (uint16_t)count);
    memcpy(m + 8, g_profile.id, strlen(g_profile.id));
    pt_put32(m + PT_KEYUPD_OFF_GENERATION, generation);
    uint8_t *e = m + PT_KEYUPD_FIXED_SIZE;
    if (revoke) {
        e[0] = PT_KEYUPD_REVOKE;
        e[1] = PT_KEY_PACKAGE;
        fingerprint_of(revoke, e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT);
        e += PT_KEYUPD_ENTRY_SIZE;
    }
    e[0] = PT_KEYUPD_ADD;
    e[1] = PT_KEY_PACKAGE;
    point_of(add, e + PT_KEYUPD_ENTRY_OFF_POINT);
    fingerprint_of(add, e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT);
    uint8_t sig[MBEDTLS_ECDSA_MAX_LEN];
    size_t slen = 0;
    if (new_root) {
        e += PT_KEYUPD_ENTRY_SIZE;
        e[0] = PT_KEYUPD_REVOKE;
        e[1] = PT_KEY_ROOT;
        fingerprint_of(signer, e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT);
        e += PT_KEYUPD_ENTRY_SIZE;
        e[0] = PT_KEYUPD_ADD;
        e[1] = PT_KEY_ROOT;
        point_of(new_root, e + PT_KEYUPD_ENTRY_OFF_POINT);
        fingerprint_of(new_root, e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT);
        sign_hash(new_root, m, entries_end, sig, &slen); /* proof of possession */
        m[entries_end] = (uint8_t)slen;
        memcpy(m + entries_end + 4, sig, slen);
    }
    sign_hash(signer, m, mlen, sig, &slen);
    memcpy(out, PT_PACKAGE_MAGIC, 4);
    pt_put16(out + 4, PT_PACKAGE_FORMAT_VERSION);
    pt_put16(out + 6, PT_PACKAGE_HEADER_SIZE);
    pt_put32(out + 8, mlen);
    pt_put16(out + 12, (uint16_t)slen);
    memcpy(m + mlen, sig, slen);
    return PT_PACKAGE_HEADER_SIZE + mlen + (uint32_t)slen;
}

/* The board's key set as INFO reports it: generation (-1: INFO failed) and the package keys. */
static long long key_set(uint8_t fps[PT_KEYSET_MAX_KEYS][32], unsigned *count)
{
    *count = 0;
    if (request(PT_CMD_INFO, NULL, 0, NULL) != PT_OK)
        return -1;
    long long gen = -1;
    for (uint32_t i = 0; i + 2 <= g_resp_len; i += 2u + g_resp[i + 1]) {
        if (g_resp[i] == PT_INFO_KEYSET_GENERATION && g_resp[i + 1] == 4)
            gen = pt_get32(g_resp + i + 2);
        if (g_resp[i] == PT_INFO_TRUSTED_KEY && g_resp[i + 1] == 32 && *count < PT_KEYSET_MAX_KEYS)
            memcpy(fps[(*count)++], g_resp + i + 2, 32);
    }
    return gen;
}

/* Is the board's key set exactly generation `gen` with the keys `want` (in any order)? */
static bool key_set_is(long long gen, mbedtls_pk_context **want, unsigned nwant)
{
    uint8_t fps[PT_KEYSET_MAX_KEYS][32];
    unsigned n = 0;
    if (key_set(fps, &n) != gen || n != nwant)
        return false;
    for (unsigned i = 0; i < nwant; i++) {
        uint8_t fp[32];
        fingerprint_of(want[i], fp);
        bool found = false;
        for (unsigned k = 0; k < n; k++)
            found = found || memcmp(fps[k], fp, 32) == 0;
        if (!found)
            return false;
    }
    return true;
}

typedef struct {
    unsigned long long runs, old, new_set, mixed, bricked, store_full;
} key_tally;

/* One scenario: from `base` (a flash snapshot with key set generation `gen` = `before`), apply
 * the key update `ku` with every cut; `after` is the new set. */
static void key_scenario(const char *name, const uint8_t *base, size_t size, const uint8_t *ku, uint32_t ku_len,
                         long long gen, mbedtls_pk_context **before, unsigned nb, mbedtls_pk_context **after, unsigned na,
                         const image_set *img, unsigned long torn_runs, key_tally *t)
{
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    /* Flash operations of a clean application. */
    memcpy(map, base, size);
    power_on();
    const uint64_t ops0 = vb_flash_stats_get()->write_ops;
    if (request(PT_CMD_KEY_UPDATE, ku, ku_len, NULL) != PT_OK || !key_set_is(gen + 1, after, na))
        die("a clean key update failed");
    const uint64_t nops = vb_flash_stats_get()->write_ops - ops0;
    if (!g_quiet)
        printf("%s: a key update takes %llu flash operation(s)\n", name, (unsigned long long)nops);
    for (uint64_t k = 0; k < nops; k++)
        for (unsigned long r = 0; r <= torn_runs; r++) {
            const bool torn = r > 0;
            memcpy(map, base, size);
            power_on();
            g_rng = 1000u * (k + 1u) + r;
            const unsigned long long at = k;
            set_plan(1, &at, &torn);
            int st = request(PT_CMD_KEY_UPDATE, ku, ku_len, NULL);
            set_plan(0, NULL, NULL);
            power_on(); /* the power comes back */
            t->runs++;
            const bool booted = pt_current_stage() == PT_STAGE_APPLICATION && running(img);
            const bool was_old = key_set_is(gen, before, nb), was_new = key_set_is(gen + 1, after, na);
            if (!booted)
                t->bricked++;
            if (was_old == was_new) {
                t->mixed++;
                fprintf(stderr, "fault_campaign: %s: cut at operation %llu%s (status %d): neither exactly the old nor the new key set\n",
                        name, (unsigned long long)k + 1, torn ? " torn" : "", st);
                continue;
            }
            if (was_old) {
                t->old++;
                st = request(PT_CMD_KEY_UPDATE, ku, ku_len, NULL);
                if (st == PT_E_KEYSTORE_FULL && key_set_is(gen, before, nb)) {
                    t->store_full++; /* the torn slot is spent; the old set stays in force */
                } else if (st != PT_OK || !key_set_is(gen + 1, after, na)) {
                    t->mixed++;
                    fprintf(stderr, "fault_campaign: %s: cut at operation %llu%s: the host's retry failed: %s\n", name,
                            (unsigned long long)k + 1, torn ? " torn" : "", g_resp_len ? (const char *)g_resp : "");
                }
            } else {
                t->new_set++;
            }
        }
}

static int mode_keys(unsigned long torn_runs)
{
    image_set a;
    make_set(&a, PT_VERSION(1, 0, 0), 8192, 16384);
    factory_with(&a);
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    uint8_t *base = malloc(sz);
    uint8_t ku[PT_KEYUPD_MAX_SIZE];
    if (!base)
        die("out of memory");
    memcpy(base, map, sz);
    key_tally t = {0};
    /* 1: generation 0 (release key A) -> 1 (A revoked, B added): the first slot of the store. */
    mbedtls_pk_context *only_a[] = {&g_key}, *only_b[] = {&g_key_b}, *b_and_c[] = {&g_key_b, &g_key_c};
    uint32_t n = make_key_update(ku, 1, &g_key_b, &g_key);
    key_scenario("rotate A -> B", base, sz, ku, n, 0, only_a, 1, only_b, 1, &a, torn_runs, &t);
    /* 2: generation 1 -> 2 (C added): the store holds a record already. */
    memcpy(map, base, sz);
    power_on();
    if (request(PT_CMD_KEY_UPDATE, ku, n, NULL) != PT_OK)
        die("key update 1 failed");
    memcpy(base, map, sz);
    n = make_key_update(ku, 2, &g_key_c, NULL);
    key_scenario("add C", base, sz, ku, n, 1, only_b, 1, b_and_c, 2, &a, torn_runs, &t);
    /* 3: a full key store. Generations 2.. (C again) fill every slot; then a root rotation (root
     * R revoked, R2 added, C revoked) must reclaim a sector of the store where the store has
     * sectors of its own (uniform-4k), cut at each of its flash operations (the erase and the
     * program); where every slot shares the provisioning sector (stm32f4-ref) it is refused with
     * KEYSTORE_FULL and the flash is unchanged. */
    memcpy(map, base, sz);
    power_on();
    uint32_t gen = 1;
    do {
        n = make_key_update(ku, ++gen, &g_key_c, NULL);
        if (request(PT_CMD_KEY_UPDATE, ku, n, NULL) != PT_OK || g_resp_len < 6)
            die("filling the key store failed");
    } while (g_resp[4] < g_resp[5]);
    const unsigned slots = g_resp[5];
    memcpy(base, map, sz);
    n = make_key_update_by(ku, gen + 1, &g_key_b, &g_key_c, &g_root, &g_root2);
    const int st = request(PT_CMD_KEY_UPDATE, ku, n, NULL);
    if (st == PT_E_KEYSTORE_FULL) {
        const bool same = memcmp(map, base, sz) == 0 && key_set_is(gen, b_and_c, 2);
        t.mixed += same ? 0u : 1u;
        printf("full key store (%u slots, all in the provisioning sector): the rotation is refused with KEYSTORE_FULL, "
               "flash %s\n", slots, same ? "unchanged" : "CHANGED");
    } else {
        if (!g_quiet)
            printf("full key store (%u slots): the rotation reclaims a sector\n", slots);
        key_scenario("full store: rotate the root key", base, sz, ku, n, gen, b_and_c, 2, only_b, 1, &a, torn_runs, &t);
    }
    printf("key update runs: %llu, old key set: %llu, new key set: %llu, mixed or none: %llu, bricked: %llu, "
           "retries refused with a full key store: %llu\n",
           t.runs, t.old, t.new_set, t.mixed, t.bricked, t.store_full);
    free(base);
    free_set(&a);
    return t.mixed == 0 && t.bricked == 0 ? 0 : 1;
}

/* ---- mode lock (LOCK power-safe, docs/security.md "LOCK is power-safe") ---------------------- */

/* SHA-256 of `size` bytes of the flash at `address` (one device). */
static void flash_sha(uint32_t address, uint32_t size, uint8_t out[32])
{
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    const vb_flash_device *d = vb_profile_device_of(&g_profile, address, size);
    mbedtls_sha256_ret(map + d->file_offset + (address - d->address), size, out, 0);
}

/* SHA-256 of the provisioning sector with the lock word taken as erased: what LOCK must leave
 * unchanged (block, root keys, access block, product key, key-store slots). */
static void sector_sha_but_lock(uint8_t out[32])
{
    char err[VB_ERROR_MAX];
    uint32_t pv = 0, start = 0, size = 0;
    if (!vb_provision_address(&g_profile, &pv, err) || !vb_profile_sector_of(&g_profile, pv, &start, &size, NULL))
        die(err);
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    const vb_flash_device *d = vb_profile_device_of(&g_profile, start, size);
    uint8_t *copy = malloc(size);
    if (!copy)
        die("out of memory");
    memcpy(copy, map + d->file_offset + (start - d->address), size);
    memset(copy + (pv - start) + VB_LOCK_OFFSET, 0xFF, VB_LOCK_SIZE);
    mbedtls_sha256_ret(copy, size, out, 0);
    free(copy);
}

typedef struct {
    unsigned long long runs, locked, unlocked, changed, bricked, retries_locked, erases;
} lock_tally;

/* Boards without a firmware region (mps2-an386's profile) get no images: the board must start in
 * the stage it started in before LOCK (its bootloader, nothing installed). */
static enum pt_stage g_lock_stage;

/* The board's state after a cut: boots the images, provisioned with its access block (the same
 * identity), the key set in force (INFO: generation 1, B trusted, by SHA-256 of the key store's
 * bytes), the sector outside the lock word unchanged. Returns the INFO locked value (-1 on
 * failure). */
static long long lock_judge(const image_set *img, const uint8_t sector_sha[32], const uint8_t store_sha[32],
                            uint32_t store_at, uint32_t store_size, const vb_access *acc0, mbedtls_pk_context **keys,
                            lock_tally *t, const char *what)
{
    char err[VB_ERROR_MAX];
    vb_provision pv;
    vb_access acc;
    uint8_t h[32], s[32];
    const bool booted = img ? pt_current_stage() == PT_STAGE_APPLICATION && running(img) : pt_current_stage() == g_lock_stage;
    const bool provisioned = vb_provision_read(&g_profile, &pv, err);
    const bool access = vb_access_read(&g_profile, &acc, err) && acc.key_count == acc0->key_count &&
                        acc.has_identity && memcmp(acc.identity_pub, acc0->identity_pub, 65) == 0;
    sector_sha_but_lock(h);
    flash_sha(store_at, store_size, s);
    const bool keys_same = key_set_is(1, keys, 1) && memcmp(s, store_sha, 32) == 0;
    const long long locked = info_value(PT_INFO_LOCKED);
    if (!booted)
        t->bricked++;
    if (!provisioned || !access || !keys_same || memcmp(h, sector_sha, 32) != 0 || locked < 0 ||
        (provisioned && pv.locked != (locked == 1))) {
        t->changed++;
        fprintf(stderr, "fault_campaign: lock: %s: provisioned %d, access block %d, key set and store %d, sector %s, locked %lld\n",
                what, provisioned, access, keys_same, memcmp(h, sector_sha, 32) == 0 ? "unchanged" : "CHANGED", locked);
    }
    return locked;
}

/* From a board with a key update in force (generation 1: A revoked, B added, the key store's
 * first slot) and an access block: LOCK with the power cut at each of its flash operations, at
 * the boundary and torn at `torn_runs` random points. After each cut the board must boot, be
 * provisioned with its access block and key set, and read locked or unlocked; from unlocked the
 * host's retry locks it. LOCK must erase nothing. Then a board locked by its block's flag
 * (factory --locked, or an older piton-vboard's LOCK) reads locked, and LOCK writes nothing. */
static int mode_lock(unsigned long torn_runs)
{
    image_set a;
    const image_set *img = NULL;
    memset(&a, 0, sizeof a);
    if (vb_profile_region(&g_profile, "firmware")) {
        make_set(&a, PT_VERSION(1, 0, 0), 8192, 16384);
        factory_with(&a);
        img = &a;
    } else {
        power_on();
    }
    g_lock_stage = pt_current_stage();
    uint8_t ku[PT_KEYUPD_MAX_SIZE];
    uint32_t n = make_key_update(ku, 1, &g_key_b, &g_key);
    if (request(PT_CMD_KEY_UPDATE, ku, n, NULL) != PT_OK)
        die("the key update before LOCK failed");
    mbedtls_pk_context *only_b[] = {&g_key_b};
    size_t sz;
    uint8_t *map = vb_flash_map(&sz);
    uint8_t *base = malloc(sz);
    if (!base)
        die("out of memory");
    memcpy(base, map, sz);
    char err[VB_ERROR_MAX];
    uint32_t store_at = 0, store_size = 0;
    vb_access acc0;
    if (!vb_keystore_range(&g_profile, &store_at, &store_size, err) || store_size == 0 ||
        !vb_access_read(&g_profile, &acc0, err))
        die("no key store or access block");
    uint8_t sector_sha[32], store_sha[32];
    sector_sha_but_lock(sector_sha);
    flash_sha(store_at, store_size, store_sha);
    lock_tally t = {0};
    const uint8_t confirm[] = PT_LOCK_CONFIRM;

    /* A clean LOCK: its flash operations, and no erase. */
    power_on();
    if (info_value(PT_INFO_LOCKED) != 0)
        die("the board reads locked before LOCK");
    const vb_flash_stats *st = vb_flash_stats_get();
    const uint64_t ops0 = st->write_ops, erases0 = st->erase_ops;
    if (request(PT_CMD_LOCK, confirm, PT_LOCK_CONFIRM_LEN, NULL) != PT_OK || g_resp_len != 1 || g_resp[0] != 0)
        die("a clean LOCK failed");
    const uint64_t nops = st->write_ops - ops0;
    t.erases += st->erase_ops - erases0;
    power_on();
    if (lock_judge(img, sector_sha, store_sha, store_at, store_size, &acc0, only_b, &t, "clean LOCK") != 1)
        die("the board does not read locked after a clean LOCK and a restart");
    if (!g_quiet)
        printf("%s: LOCK takes %llu flash operation(s), %llu erase(s)\n", g_profile.id, (unsigned long long)nops,
               (unsigned long long)t.erases);

    for (uint64_t k = 0; k < nops; k++)
        for (unsigned long r = 0; r <= torn_runs; r++) {
            const bool torn = r > 0;
            char what[64];
            snprintf(what, sizeof what, "cut at operation %llu%s (run %lu)", (unsigned long long)k + 1, torn ? " torn" : "", r);
            memcpy(map, base, sz);
            power_on();
            g_rng = 7000u * (k + 1u) + r;
            const unsigned long long at = k;
            const uint64_t e0 = st->erase_ops;
            set_plan(1, &at, &torn);
            (void)request(PT_CMD_LOCK, confirm, PT_LOCK_CONFIRM_LEN, NULL);
            set_plan(0, NULL, NULL);
            t.erases += st->erase_ops - e0;
            power_on(); /* the power comes back */
            t.runs++;
            const long long locked = lock_judge(img, sector_sha, store_sha, store_at, store_size, &acc0, only_b, &t, what);
            if (locked == 1) {
                t.locked++;
            } else if (locked == 0) {
                t.unlocked++;
                const int rs = request(PT_CMD_LOCK, confirm, PT_LOCK_CONFIRM_LEN, NULL);
                power_on();
                if (rs == PT_OK &&
                    lock_judge(img, sector_sha, store_sha, store_at, store_size, &acc0, only_b, &t, "the host's retry") == 1)
                    t.retries_locked++;
                else
                    fprintf(stderr, "fault_campaign: lock: %s: the host's retry did not lock (status %d)\n", what, rs);
            }
        }

    /* A board locked by its block's flag: locked, and LOCK changes nothing. */
    memcpy(map, base, sz);
    uint32_t pv_addr = 0;
    vb_provision pv;
    uint8_t block[VB_PROVISION_SIZE];
    if (!vb_provision_address(&g_profile, &pv_addr, err) || !vb_provision_read(&g_profile, &pv, err))
        die(err);
    pv.locked = true;
    vb_provision_encode(&pv, block);
    const vb_flash_device *d = vb_profile_device_of(&g_profile, pv_addr, VB_PROVISION_SIZE);
    memcpy(map + d->file_offset + (pv_addr - d->address), block, VB_PROVISION_SIZE);
    power_on();
    const uint64_t ops1 = st->write_ops;
    /* Locked, a board serves LOCK only in a factory session (the policy): without one, over this
     * serial link, it refuses with AUTH_REQUIRED; either way nothing is written. */
    const int fs = request(PT_CMD_LOCK, confirm, PT_LOCK_CONFIRM_LEN, NULL);
    const bool flag_ok = info_value(PT_INFO_LOCKED) == 1 && (fs == PT_E_AUTH_REQUIRED || (fs == PT_OK && g_resp[0] == 1)) &&
                         st->write_ops == ops1;
    printf("%s: a board locked by its block's flag reads locked; LOCK answers status %d with %llu flash operation(s)%s\n",
           g_profile.id, fs, (unsigned long long)(st->write_ops - ops1), flag_ok ? "" : ": FAILED");

    printf("%s: lock runs: %llu, locked: %llu, unlocked: %llu, retries locked: %llu, erases: %llu, "
           "unprovisioned or keys changed: %llu, bricked: %llu\n",
           g_profile.id, t.runs, t.locked, t.unlocked, t.retries_locked, t.erases, t.changed + g_unreadable, t.bricked);
    free(base);
    if (img)
        free_set(&a);
    return flag_ok && t.changed == 0 && g_unreadable == 0 && t.bricked == 0 && t.erases == 0 &&
                   t.retries_locked == t.unlocked && t.runs > 0
               ? 0
               : 1;
}

int main(int argc, char **argv)
{
    const char *board = NULL, *boards_dir = NULL, *mode = "cuts";
    bool exhaustive = false, revert = false;
    unsigned long torn_runs = 48;
    unsigned long every = 10, random_runs = 0, fw_size = 40000, app_size = 90000, config_writes = 10000,
                  updates = 10000;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--exhaustive")) {
            exhaustive = true;
        } else if (!strcmp(a, "--product-key")) {
            g_scan = g_product_key = true;
        } else if (!strcmp(a, "--scan-only")) {
            g_scan = true;
        } else if (!strcmp(a, "--quiet")) {
            g_quiet = true;
        } else if (!strcmp(a, "--compressed")) {
            g_compressed = true;
        } else if (!strcmp(a, "--encrypted")) {
            g_encrypted = g_scan = g_product_key = true;
        } else if (!strcmp(a, "--revert")) {
            revert = true;
        } else if (v && !strcmp(a, "--board")) {
            board = v, i++;
        } else if (v && !strcmp(a, "--boards-dir")) {
            boards_dir = v, i++;
        } else if (v && !strcmp(a, "--mode")) {
            mode = v, i++;
        } else if (v && !strcmp(a, "--every")) {
            every = number(a, v), i++;
        } else if (v && !strcmp(a, "--random")) {
            random_runs = number(a, v), i++;
        } else if (v && !strcmp(a, "--seed")) {
            g_rng = number(a, v), i++;
            if (g_rng == 0)
                g_rng = 1;
        } else if (v && !strcmp(a, "--fw-size")) {
            fw_size = number(a, v), i++;
        } else if (v && !strcmp(a, "--app-size")) {
            app_size = number(a, v), i++;
        } else if (v && !strcmp(a, "--config-writes")) {
            config_writes = number(a, v), i++;
        } else if (v && !strcmp(a, "--updates")) {
            updates = number(a, v), i++;
        } else if (v && !strcmp(a, "--torn-runs")) {
            torn_runs = number(a, v), i++;
        } else {
            fprintf(stderr, "fault_campaign: unknown or incomplete option \"%s\"\n"
                            "usage: fault_campaign --board ID [--boards-dir DIR] [--mode cuts|wear|keys|lock] [--exhaustive | --every K]\n"
                            "                      [--random R] [--seed S] [--fw-size BYTES] [--app-size BYTES]\n"
                            "                      [--config-writes N] [--updates N] [--compressed] [--product-key | --scan-only]\n"
                            "                      [--encrypted] [--revert]\n"
                            "                      [--torn-runs N]\n"
                            "                      [--quiet]\n",
                    a);
            return 2;
        }
    }
    if (!board) {
        fprintf(stderr, "fault_campaign: --board is required\n");
        return 2;
    }
    if (every == 0 || fw_size < 8192 || app_size < 16384) {
        fprintf(stderr, "fault_campaign: --every must be >= 1, --fw-size >= 8192, --app-size >= 16384\n");
        return 2;
    }
    g_keys_mode = !strcmp(mode, "keys");
    g_lock_mode = !strcmp(mode, "lock");
    setup_board(board, boards_dir, argv[0]);
    if (g_keys_mode)
        return mode_keys(torn_runs);
    if (g_lock_mode)
        return mode_lock(torn_runs);
    if (!strcmp(mode, "cuts"))
        return mode_cuts(exhaustive, every, random_runs, (uint32_t)fw_size, (uint32_t)app_size, revert);
    if (!strcmp(mode, "wear"))
        return mode_wear(config_writes, updates);
    fprintf(stderr, "fault_campaign: --mode \"%s\": expected cuts, wear, keys or lock\n", mode);
    return 2;
}
