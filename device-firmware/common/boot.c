/* The bootloader's start-up (device.h): resume the install journal, install a pending package
 * with a backup of the images it replaces, count trial boots and revert, then choose the stage.
 * The state machine and the flash layout are described in docs/boot-flow.md. */
#include <string.h>

#include "bootstate.h"
#include "config_store.h"
#include "package.h"
#include "piton/device.h"
#include "pt_error.h"
#include "regions.h"
#include "session.h"
#include "staging.h"
#ifdef PT_WITH_CRYPT
#include "keyblock.h"
#include "piton/crypt.h"
#endif

#define TRIAL_BIT_FIRMWARE 1u
#define TRIAL_BIT_APPLICATION 2u

static enum pt_stage s_stage = PT_STAGE_BOOTLOADER;
static uint8_t s_image_state = PT_IMAGE_NONE;
/* Cached intactness of the recorded images (pt_image_present): bit per payload kind. */
static uint8_t s_intact_known; /* bit set: the cached value is current */
static uint8_t s_intact;

enum pt_stage pt_current_stage(void) { return s_stage; }

static bool s_recheck; /* pt_images_changed(): re-judge the image state when next asked */
static void recheck_images(void);

enum pt_image_state pt_current_image_state(void)
{
    if (s_recheck)
        recheck_images();
    return (enum pt_image_state)s_image_state;
}

static const char *target_name(int kind) { return kind == PT_PAYLOAD_FIRMWARE ? PT_REGION_NAME_FIRMWARE : PT_REGION_NAME_DEPLOYMENT; }

/* The backup of replaced images is encrypted with the board's storage key when the board holds
 * a product key (docs/boot-flow.md, "Encrypted backup"): no plaintext of an image (in particular
 * of one that came encrypted) lands in the external flash that holds `backup`. A port built
 * without piton/crypt.h (PT_WITH_CRYPT unset: the mps2-an386 bootloader) keeps it plaintext. */
#ifdef PT_WITH_CRYPT
typedef struct {
    bool on;
    uint8_t key[32];
    uint8_t icb[16];
} backup_cipher;

static void backup_cipher_init(backup_cipher *c, const uint8_t image_sha[32])
{
    memset(c, 0, sizeof *c);
    c->on = pt_backup_key(c->key);
    if (c->on) pt_backup_icb(image_sha, c->icb);
}

static void backup_cipher_end(backup_cipher *c) { pt_crypt_zeroize(c, sizeof *c); }

/* En- or decrypts (AES-256-CTR) `n` bytes at stream offset `at`; nothing without a key. */
static enum pt_status backup_crypt(const backup_cipher *c, uint32_t at, uint8_t *buf, uint32_t n)
{
    if (c && c->on && pt_crypt_aes256_ctr(c->key, c->icb, at, buf, buf, n) != PT_HAL_OK)
        return pt_fail(PT_E_INTERNAL, "backup cipher failed");
    return PT_OK;
}

/* SHA-256 of `size` bytes of `r` at `off`, decrypted with `c` first when it is on. */
static enum pt_status range_sha256(const pt_region *r, uint32_t off, uint32_t size, const backup_cipher *c,
                                   uint8_t out[32])
{
    if (!c || !c->on)
        return pt_region_sha256(r, off, size, out);
    uint8_t chunk[256];
    pt_hal_sha256_ctx h;
    pt_hal_sha256_start(&h);
    for (uint32_t done = 0; done < size;) {
        uint32_t n = size - done < sizeof chunk ? size - done : (uint32_t)sizeof chunk;
        enum pt_status s = pt_region_read(r, off + done, chunk, n);
        if (s == PT_OK) s = backup_crypt(c, done, chunk, n);
        if (s != PT_OK) {
            pt_hal_sha256_finish(&h, out);
            return s;
        }
        pt_hal_sha256_update(&h, chunk, n);
        done += n;
    }
    pt_hal_sha256_finish(&h, out);
    return PT_OK;
}
#else
/* Without piton/crypt.h the backup stays plaintext, and these compile to the plain copy (no
 * bytes added to a bootloader on a flash budget). */
typedef struct {
    bool on;
} backup_cipher;
#define backup_cipher_init(c, sha) ((void)(sha), (c)->on = false)
#define backup_cipher_end(c) ((void)(c))
#endif

/* Copies `size` bytes from src+src_off to dst+dst_off (erasing the covered dst sectors first),
 * passing each chunk through the backup cipher `c` (NULL or off: a plain copy), then checks the
 * SHA-256 of the copy, decrypted when `dst_encrypted`, against `sha`. */
#ifdef PT_WITH_CRYPT
#define COPY_RANGE(src, so, dst, d, n, sha, c, enc) copy_range(src, so, dst, d, n, sha, c, enc)
static enum pt_status copy_range(const pt_region *src, uint32_t src_off, const pt_region *dst,
                                 uint32_t dst_off, uint32_t size, const uint8_t sha[32], const backup_cipher *c,
                                 bool dst_encrypted)
#else
#define COPY_RANGE(src, so, dst, d, n, sha, c, enc) ((void)(c), (void)(enc), copy_range(src, so, dst, d, n, sha))
static enum pt_status copy_range(const pt_region *src, uint32_t src_off, const pt_region *dst,
                                 uint32_t dst_off, uint32_t size, const uint8_t sha[32])
#endif
{
    enum pt_status s = pt_region_erase_covering(dst, dst_off, size);
    if (s != PT_OK)
        return s;
    uint8_t chunk[1024]; /* stack: the device has no heap */
    for (uint32_t done = 0; done < size;) {
        uint32_t n = size - done < sizeof chunk ? size - done : (uint32_t)sizeof chunk;
        s = pt_region_read(src, src_off + done, chunk, n);
#ifdef PT_WITH_CRYPT
        if (s == PT_OK)
            s = backup_crypt(c, done, chunk, n);
#endif
        if (s == PT_OK)
            s = pt_region_program(dst, dst_off + done, chunk, n);
        if (s != PT_OK)
            return s;
        done += n;
    }
    uint8_t got[32];
#ifdef PT_WITH_CRYPT
    s = range_sha256(dst, dst_off, size, dst_encrypted ? c : NULL, got);
#else
    s = pt_region_sha256(dst, dst_off, size, got);
#endif
    if (s != PT_OK)
        return s;
    if (memcmp(got, sha, 32) != 0)
        return pt_fail(PT_E_FLASH, "read-back of %s+0x%lx differs from its source", dst->name,
                       (unsigned long)dst_off);
    return PT_OK;
}

/* Not in the Cortex-M4 agent (PT_SERVICES_CLIENT): the bootloader's, through its service table
 * (common/services.h, ABI 3.4). */
#ifndef PT_SERVICES_CLIENT
bool pt_image_intact(const pt_installed_image *im, int kind)
{
    const pt_region *t = pt_region_by_name(target_name(kind));
    uint8_t got[32];
    return t && pt_region_sha256(t, im->load_offset, im->size, got) == PT_OK &&
           memcmp(got, im->sha256, 32) == 0;
}
#endif

enum pt_status pt_backup_plan(const pt_bootstate *bs, const pt_manifest_info *m, pt_installed_image *prev_fw,
                              pt_installed_image *prev_app, uint8_t *mask)
{
    memset(prev_fw, 0, sizeof *prev_fw);
    memset(prev_app, 0, sizeof *prev_app);
    *mask = 0;
    for (uint32_t i = 0; i < m->payload_count; i++)
        *mask |= m->payloads[i].kind == PT_PAYLOAD_FIRMWARE ? TRIAL_BIT_FIRMWARE : TRIAL_BIT_APPLICATION;
    const pt_region *b = pt_region_by_name(PT_REGION_NAME_BACKUP);
    uint32_t used = 0;
    /* Only intact images are kept: one whose bytes were erased or damaged cannot run, so there
     * is nothing to go back to (and copying it would fail its hash check). */
    if ((*mask & TRIAL_BIT_FIRMWARE) && bs->firmware.present && pt_image_intact(&bs->firmware, PT_PAYLOAD_FIRMWARE)) {
        *prev_fw = bs->firmware;
        prev_fw->backup_offset = 0;
        used = bs->firmware.size;
    }
    if ((*mask & TRIAL_BIT_APPLICATION) && bs->application.present &&
        pt_image_intact(&bs->application, PT_PAYLOAD_APPLICATION)) {
        /* The application starts on a sector boundary of the backup region. */
        uint32_t start = 0, size = 0;
        if (b && used > 0 && used < b->size && pt_region_sector_at(b, used, &start, &size) && start != used)
            used = start + size;
        *prev_app = bs->application;
        prev_app->backup_offset = used;
        used += bs->application.size;
    }
    if (used == 0)
        return PT_OK; /* nothing to keep (first install) */
    if (!b)
        return pt_fail(PT_E_INTERNAL, "board has no backup region for rollback");
    if (used > b->size)
        return pt_fail(PT_E_TOO_LARGE, "installed images need %lu bytes of backup, region backup holds %lu",
                       (unsigned long)used, (unsigned long)b->size);
    return PT_OK;
}

/* Copies the images recorded in prev_* from their targets into the backup region. */
static enum pt_status backup_images(const pt_bootstate *bs)
{
    const pt_region *b = pt_region_by_name(PT_REGION_NAME_BACKUP);
    const pt_installed_image *prev[2] = {&bs->prev_firmware, &bs->prev_application};
    for (int k = 0; k < 2; k++) {
        if (!prev[k]->present)
            continue;
        const pt_region *t = pt_region_by_name(target_name(k == 0 ? PT_PAYLOAD_FIRMWARE : PT_PAYLOAD_APPLICATION));
        if (!b || !t)
            return pt_fail(PT_E_INTERNAL, "board lacks the backup or a target region");
        backup_cipher c;
        backup_cipher_init(&c, prev[k]->sha256);
        enum pt_status s = COPY_RANGE(t, prev[k]->load_offset, b, prev[k]->backup_offset, prev[k]->size,
                                      prev[k]->sha256, &c, true);
        backup_cipher_end(&c);
        if (s != PT_OK)
            return s;
    }
    return PT_OK;
}

/* Copies one kept image from `backup` into its target. The backup is encrypted when the board
 * held a product key at backup time; which form it is in is found by hashing it both ways before
 * the target is touched (a board provisioned with a product key during a trial still reverts). */
static enum pt_status restore_backup(const pt_region *b, const pt_region *t, const pt_installed_image *im)
{
    backup_cipher c;
    backup_cipher_init(&c, im->sha256);
#ifdef PT_WITH_CRYPT
    uint8_t got[32];
    if (c.on && (range_sha256(b, im->backup_offset, im->size, &c, got) != PT_OK || memcmp(got, im->sha256, 32) != 0))
        c.on = false; /* not encrypted (or damaged: the plain copy's check says so) */
#endif
    enum pt_status s = COPY_RANGE(b, im->backup_offset, t, im->load_offset, im->size, im->sha256, c.on ? &c : NULL, false);
    backup_cipher_end(&c);
    return s;
}

/* Journal REVERTING: copies the backup back into the targets the trial package replaced and
 * records the previous images as current. Idempotent: a reset restarts it from the beginning. */
static void revert(pt_bootstate *bs, uint8_t reason)
{
    if (bs->journal != PT_JOURNAL_REVERTING) {
        bs->journal = PT_JOURNAL_REVERTING;
        bs->revert_reason = reason;
        if (pt_bootstate_save(bs) != PT_OK)
            return;
    }
    const pt_region *b = pt_region_by_name(PT_REGION_NAME_BACKUP);
    pt_installed_image *cur[2] = {&bs->firmware, &bs->application};
    const pt_installed_image *prev[2] = {&bs->prev_firmware, &bs->prev_application};
    const uint8_t bits[2] = {TRIAL_BIT_FIRMWARE, TRIAL_BIT_APPLICATION};
    for (int k = 0; k < 2; k++) {
        if (!(bs->trial_mask & bits[k]))
            continue;
        const pt_region *t = pt_region_by_name(target_name(k == 0 ? PT_PAYLOAD_FIRMWARE : PT_PAYLOAD_APPLICATION));
        if (prev[k]->present && b && t && restore_backup(b, t, prev[k]) == PT_OK) {
            *cur[k] = *prev[k];
            cur[k]->backup_offset = 0;
        } else {
            memset(cur[k], 0, sizeof *cur[k]); /* nothing to go back to: recovery mode */
        }
    }
    memset(&bs->prev_firmware, 0, sizeof bs->prev_firmware);
    memset(&bs->prev_application, 0, sizeof bs->prev_application);
    bs->trial_mask = 0;
    bs->pending_counter = 0;
    bs->boot_count = 0;
    bs->image_state = PT_IMAGE_REVERTED;
    bs->last_install = PT_INSTALL_REVERTED;
    bs->journal = PT_JOURNAL_IDLE;
    pt_bootstate_save(bs);
}

/* Verifies the pending staged package (hash against BEGIN's, then signature, board, counter,
 * payload hashes, compatibility) and fills *m. */
static enum pt_status verify_staged(const pt_bootstate *bs, pt_manifest_info *m)
{
    uint32_t size, data_off;
    uint8_t sha[32], got[32];
    if (!pt_staging_pending(&size, sha))
        return pt_fail(PT_E_STATE, "no package pending in staging");
    const pt_region *stg = pt_staging_region(&data_off);
    if (!stg)
        return PT_E_INTERNAL;
    enum pt_status s = pt_region_sha256(stg, data_off, size, got);
    if (s == PT_OK && memcmp(got, sha, 32) != 0)
        s = pt_fail(PT_E_VERIFY_HASH, "staged package hash changed");
    if (s == PT_OK)
        s = pt_package_verify(stg, data_off, size, bs, m);
    /* Every payload key unwraps (the agent only matched the fingerprint) before the backup and
     * the first erase: a package this board cannot decrypt is rejected and changes no region. */
    for (uint32_t i = 0; s == PT_OK && i < m->payload_count; i++)
        if (m->payloads[i].encoding & PT_ENCODING_AES_CTR) {
            uint8_t key[32];
            s = pt_package_payload_key(stg, data_off, i, key);
            memset(key, 0, sizeof key);
        }
    return s;
}

/* The install in progress (journal INSTALLING): its record and resume point, which
 * install_point() updates. */
static pt_bootstate *s_installing;
static pt_resume_point s_resume;

/* pt_install_checkpoint_fn: records the point of the payload in progress in the journal. */
static enum pt_status install_point(const pt_install_point *at)
{
    s_resume.stored = at->stored;
    s_resume.image = at->image;
    return pt_bootstate_save_resume(s_installing, &s_resume);
}

/* Journal INSTALLING: writes every payload from staging into its target through the install
 * pipeline (decrypt, decode, program) and checks the image hash. Continues from `from`: the
 * payloads before its index are installed, the one at it continues at its recorded block
 * boundary (docs/boot-flow.md, "Resume at a block boundary"). */
static enum pt_status install_payloads(pt_bootstate *bs, const pt_manifest_info *m, const pt_resume_point *from)
{
    uint32_t data_off;
    const pt_region *stg = pt_staging_region(&data_off);
    if (!stg)
        return PT_E_INTERNAL;
    s_installing = bs;
    s_resume = *from;
    if (s_resume.payload >= m->payload_count)
        memset(&s_resume, 0, sizeof s_resume); /* not a point of this package: from the start */
    for (uint32_t i = s_resume.payload; i < m->payload_count; i++) {
        enum pt_status s = PT_OK;
        if (m->payloads[i].encoding & PT_ENCODING_AES_CTR) {
            uint8_t key[32];
            s = pt_package_payload_key(stg, data_off, i, key);
            pt_install_set_key(s == PT_OK ? key : NULL);
            memset(key, 0, sizeof key);
        }
        const pt_install_point at = {s_resume.stored, s_resume.image};
        if (s == PT_OK)
            s = pt_payload_install(stg, data_off, &m->payloads[i], &at, install_point);
        pt_install_set_key(NULL);
        if (s != PT_OK)
            return s;
        if (i + 1 < m->payload_count) { /* this one is done: a reset continues with the next */
            const pt_resume_point next = {(uint8_t)(i + 1), 0, 0};
            s_resume = next;
            (void)pt_bootstate_save_resume(bs, &s_resume);
        }
    }
    return PT_OK;
}

/* INSTALLING -> (trial) IDLE: payloads written, staging marked installed, new record, staging
 * erased. A reset anywhere continues the payload copy from staging, which stays intact, at the
 * journal's last resume point. */
static void finish_install(pt_bootstate *bs, const pt_manifest_info *m, const pt_resume_point *from)
{
    if (install_payloads(bs, m, from) != PT_OK) {
        revert(bs, PT_REVERT_IMAGE_INVALID);
        pt_staging_erase();
        return;
    }
    if (pt_staging_mark_installed() != PT_OK)
        return;
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const pt_payload_info *p = &m->payloads[i];
        pt_installed_image *im = p->kind == PT_PAYLOAD_FIRMWARE ? &bs->firmware : &bs->application;
        memset(im, 0, sizeof *im);
        im->present = true;
        im->version = p->version;
        im->load_offset = p->load_offset;
        im->size = p->image_size;
        im->requires_firmware = p->requires_firmware;
        memcpy(im->sha256, p->image_sha256, 32);
    }
    bs->pending_counter = m->security_counter;
    bs->image_state = PT_IMAGE_TRIAL;
    if (!bs->application.present) {
        /* Firmware only, no application to run and confirm it: nothing to try, keep it. */
        bs->image_state = PT_IMAGE_CONFIRMED;
        if (bs->pending_counter > bs->security_counter)
            bs->security_counter = bs->pending_counter;
        bs->pending_counter = 0;
        memset(&bs->prev_firmware, 0, sizeof bs->prev_firmware);
        memset(&bs->prev_application, 0, sizeof bs->prev_application);
        bs->trial_mask = 0;
    }
    bs->boot_count = 0;
    bs->revert_reason = PT_REVERT_NONE;
    bs->last_install = PT_INSTALL_OK;
    bs->journal = PT_JOURNAL_IDLE;
    if (pt_bootstate_save(bs) == PT_OK)
        pt_staging_erase();
}

/* Ends an install that never touched the targets: records `result`, erases staging. */
static void reject(pt_bootstate *bs, uint8_t result)
{
    memset(&bs->prev_firmware, 0, sizeof bs->prev_firmware);
    memset(&bs->prev_application, 0, sizeof bs->prev_application);
    bs->trial_mask = 0;
    bs->last_install = result;
    bs->journal = PT_JOURNAL_IDLE;
    if (pt_bootstate_save(bs) == PT_OK)
        pt_staging_erase();
}

/* Resumes an interrupted journal step, or starts the install of a newly pending package. */
static void run_journal(pt_bootstate *bs)
{
    pt_manifest_info m;
    uint32_t size;
    uint8_t sha[32];
    switch (bs->journal) {
    case PT_JOURNAL_REVERTING:
        revert(bs, bs->revert_reason);
        return;
    case PT_JOURNAL_BACKING_UP:
        if (verify_staged(bs, &m) != PT_OK) {
            reject(bs, PT_INSTALL_REJECTED); /* targets untouched */
            return;
        }
        break; /* redo the backup from its start */
    case PT_JOURNAL_INSTALLING: {
        if (verify_staged(bs, &m) != PT_OK) {
            revert(bs, PT_REVERT_IMAGE_INVALID);
            pt_staging_erase();
            return;
        }
        pt_bootstate again;
        pt_resume_point from;
        if (pt_bootstate_load_resume(&again, &from) != PT_OK)
            memset(&from, 0, sizeof from);
        finish_install(bs, &m, &from);
        return;
    }
    default: {
        bool installed = false;
        if (!pt_staging_pending_info(&size, sha, &installed))
            return;
        if (installed && memcmp(sha, bs->package_sha256, 32) == 0) {
            pt_staging_erase(); /* reset between the install record and the staging erase */
            return;
        }
        if (bs->image_state == PT_IMAGE_TRIAL) {
            reject(bs, PT_INSTALL_REJECTED); /* confirm or revert the running trial first */
            return;
        }
        if (verify_staged(bs, &m) != PT_OK) {
            reject(bs, PT_INSTALL_REJECTED);
            return;
        }
        uint8_t mask;
        if (pt_backup_plan(bs, &m, &bs->prev_firmware, &bs->prev_application, &mask) != PT_OK) {
            reject(bs, PT_INSTALL_FAILED);
            return;
        }
        bs->trial_mask = mask;
        memcpy(bs->package_sha256, sha, 32);
        bs->journal = PT_JOURNAL_BACKING_UP;
        if (pt_bootstate_save(bs) != PT_OK)
            return;
        break;
    }
    }
    /* BACKING_UP: copy, then INSTALLING. */
    if (backup_images(bs) != PT_OK) {
        reject(bs, PT_INSTALL_FAILED);
        return;
    }
    bs->journal = PT_JOURNAL_INSTALLING;
    if (pt_bootstate_save(bs) != PT_OK)
        return;
    const pt_resume_point start = {0, 0, 0};
    finish_install(bs, &m, &start);
}

uint8_t pt_trial_limit(void)
{
    uint8_t v[PT_CONFIG_VALUE_MAX];
    uint32_t n = 0;
    if (pt_config_get("trial_boots", 11, v, &n) != PT_OK || n == 0 || n > 3)
        return PT_DEFAULT_TRIAL_BOOTS;
    uint32_t x = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return PT_DEFAULT_TRIAL_BOOTS;
        x = x * 10 + (uint32_t)(v[i] - '0');
    }
    return x >= 1 && x <= 255 ? (uint8_t)x : PT_DEFAULT_TRIAL_BOOTS;
}

bool pt_image_present(const pt_bootstate *bs, int kind)
{
    const pt_installed_image *im = kind == PT_PAYLOAD_FIRMWARE ? &bs->firmware : &bs->application;
    const uint8_t bit = (uint8_t)(1u << (kind & 7));
    if (!im->present)
        return false;
    if (!(s_intact_known & bit)) {
        if (pt_image_intact(im, kind))
            s_intact |= bit;
        else
            s_intact &= (uint8_t)~bit;
        s_intact_known |= bit;
    }
    return (s_intact & bit) != 0;
}

void pt_images_changed(void)
{
    s_intact_known = 0; /* cheap: a raw write calls this per chunk; hashing waits for INFO */
    s_recheck = true;
}

static bool images_valid(const pt_bootstate *bs);

static void recheck_images(void)
{
    s_recheck = false;
    pt_bootstate bs;
    if (pt_bootstate_load(&bs) == PT_OK && !images_valid(&bs) && s_image_state != PT_IMAGE_REVERTED)
        s_image_state = PT_IMAGE_NONE;
}

/* True when the images the trial package installed are still intact in flash. */
static bool trial_images_intact(const pt_bootstate *bs)
{
    if ((bs->trial_mask & TRIAL_BIT_FIRMWARE) && bs->firmware.present &&
        !pt_image_intact(&bs->firmware, PT_PAYLOAD_FIRMWARE))
        return false;
    if ((bs->trial_mask & TRIAL_BIT_APPLICATION) && bs->application.present &&
        !pt_image_intact(&bs->application, PT_PAYLOAD_APPLICATION))
        return false;
    return true;
}

/* True when the recorded application (and the firmware, if any) are intact and compatible.
 * Through the cache of pt_image_present(), so the INFO after a boot does not hash the images
 * the boot has just hashed (call it only with the final record of a boot or a run). */
static bool images_valid(const pt_bootstate *bs)
{
    if (!pt_image_present(bs, PT_PAYLOAD_APPLICATION))
        return false;
    if (bs->firmware.present && !pt_image_present(bs, PT_PAYLOAD_FIRMWARE))
        return false;
    if (bs->application.requires_firmware != 0 &&
        (!bs->firmware.present || bs->firmware.version < bs->application.requires_firmware))
        return false;
    return true;
}

/* What every start of the core (bootloader or application image) begins with. */
static void start_core(void)
{
    pt_clear_error();
    pt_session_reset();
    s_intact_known = 0;
    s_recheck = false;
    pt_staging_reset_ram();
    pt_config_init();
}

enum pt_stage pt_app_start(void)
{
    start_core();
    pt_bootstate bs;
    bool app = pt_bootstate_load(&bs) == PT_OK && bs.journal == PT_JOURNAL_IDLE && bs.application.present &&
               bs.image_state != PT_IMAGE_NONE;
    s_image_state = app ? bs.image_state : PT_IMAGE_NONE;
    s_stage = app ? PT_STAGE_APPLICATION : PT_STAGE_BOOTLOADER;
    return s_stage;
}

enum pt_stage pt_boot(void)
{
    pt_retained *ret = pt_hal_retained();
    if (ret->magic != PT_RETAINED_MAGIC) {
        memset(ret, 0, sizeof *ret);
        ret->magic = PT_RETAINED_MAGIC;
    } else {
        ret->boot_count++;
    }
    start_core();
    pt_bootstate bs;
    bool app = false;
    if (pt_bootstate_load(&bs) == PT_OK) {
        run_journal(&bs);
        if (bs.image_state == PT_IMAGE_TRIAL && bs.journal == PT_JOURNAL_IDLE) {
            if (!trial_images_intact(&bs)) {
                revert(&bs, PT_REVERT_IMAGE_INVALID);
            } else if (bs.boot_count + 1u > pt_trial_limit()) {
                revert(&bs, PT_REVERT_NOT_CONFIRMED);
            } else {
                bs.boot_count++;
                pt_bootstate_save(&bs);
            }
        }
        app = bs.journal == PT_JOURNAL_IDLE && images_valid(&bs);
        /* An application that is recorded but no longer intact (erased, damaged) is none:
         * the board is in recovery mode, as INFO must say. */
        s_image_state = app ? bs.image_state : PT_IMAGE_NONE;
        if (s_image_state == PT_IMAGE_NONE && bs.image_state == PT_IMAGE_REVERTED)
            s_image_state = PT_IMAGE_REVERTED;
    } else {
        s_image_state = PT_IMAGE_NONE;
    }
    s_stage = app && ret->request != PT_REBOOT_BOOTLOADER ? PT_STAGE_APPLICATION : PT_STAGE_BOOTLOADER;
    return s_stage;
}

enum pt_status pt_confirm(void)
{
    if (s_stage != PT_STAGE_APPLICATION)
        return pt_fail(PT_E_STATE, "confirm refused: the bootloader (recovery mode) runs, not an application");
    pt_bootstate bs;
    enum pt_status s = pt_bootstate_load(&bs);
    if (s != PT_OK)
        return s;
    if (!bs.application.present || bs.image_state == PT_IMAGE_NONE)
        return pt_fail(PT_E_STATE, "confirm refused: no image installed");
    if (bs.image_state != PT_IMAGE_TRIAL)
        return PT_OK; /* confirmed (or the previous image after a revert) already */
    bs.image_state = PT_IMAGE_CONFIRMED;
    if (bs.pending_counter > bs.security_counter)
        bs.security_counter = bs.pending_counter;
    bs.pending_counter = 0;
    memset(&bs.prev_firmware, 0, sizeof bs.prev_firmware);
    memset(&bs.prev_application, 0, sizeof bs.prev_application);
    bs.trial_mask = 0;
    s = pt_bootstate_save(&bs);
    if (s == PT_OK)
        s_image_state = PT_IMAGE_CONFIRMED;
    return s;
}
