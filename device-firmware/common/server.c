/* Protocol server: one handler per command of docs/protocol.md §4. Both stages serve every
 * command (the bootloader is recovery mode, the agent runs inside the application). */
#ifdef PT_WITH_CRYPT
#include "piton/crypt.h"
#endif
#include "server.h"

#include <string.h>

#include "auth.h"
#include "bootstate.h"
#include "config_store.h"
#include "keyset.h"
#include "package.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"
#include "session.h"
#include "staging.h"

#define DEVICE_WINDOW 4u

/* strnlen is POSIX, not C11. */
static size_t bounded_len(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] != '\0')
        n++;
    return n;
}

typedef struct {
    pt_link *link;
    const pt_frame *req;
    uint8_t *out;     /* response payload */
    uint32_t cap;     /* bytes the response may hold */
    uint32_t len;     /* bytes written */
    bool reset_after; /* REBOOT, successful COMMIT */
    enum pt_status st; /* PT_OK, or the refusal of the first put() that did not fit: later puts add nothing */
} ctx;

static uint32_t link_payload_limit(const pt_link *l)
{
    uint32_t lim = l->peer_max_payload;
    if (l->buf_size >= PT_FRAME_OVERHEAD && lim > l->buf_size - PT_FRAME_OVERHEAD)
        lim = l->buf_size - PT_FRAME_OVERHEAD;
    return lim;
}

static enum pt_status need_len(const ctx *c, uint32_t n)
{
    if (c->req->length != n)
        return pt_fail(PT_E_BAD_REQUEST, "command 0x%02x takes %lu payload bytes, got %lu",
                       c->req->command, (unsigned long)n, (unsigned long)c->req->length);
    return PT_OK;
}

/* Appends to the response. Sticky: after one put() that did not fit, every later one adds
 * nothing and returns the same refusal, so a handler that writes many fields (INFO) needs no
 * test between them. */
static enum pt_status put(ctx *c, const void *data, uint32_t n)
{
    if (c->st == PT_OK && n > c->cap - c->len)
        c->st = pt_fail(PT_E_OUT_OF_RANGE, "response of more than %lu bytes exceeds the negotiated payload",
                        (unsigned long)c->cap);
    if (c->st == PT_OK) {
        memcpy(c->out + c->len, data, n);
        c->len += n;
    }
    return c->st;
}

static enum pt_status put_tlv(ctx *c, uint8_t tag, const void *v, uint8_t n)
{
    uint8_t h[2] = {tag, n};
    put(c, h, 2);
    return put(c, v, n);
}

static enum pt_status put_tlv32(ctx *c, uint8_t tag, uint32_t v)
{
    uint8_t b[4];
    pt_put32(b, v);
    return put_tlv(c, tag, b, 4);
}

/* ---- PING, INFO, REGIONS ---------------------------------------------------------------- */

static uint32_t capabilities(void)
{
    uint32_t caps = PT_CAP_READ | PT_CAP_ERASE | PT_CAP_HASH | PT_CAP_CONFIG | PT_CAP_UPDATE | PT_CAP_REBOOT |
                    PT_CAP_SESSION;
    if (!pt_hal_board()->locked)
        caps |= PT_CAP_WRITE;
#ifdef PT_SEALED_SESSIONS
    if (pt_hal_board()->has_identity)
        caps |= PT_CAP_AUTH;
#elif defined(PT_NONCE_AUTH)
    if (pt_policy_active())
        caps |= PT_CAP_AUTH_NONCE;
#endif
    return caps;
}

/* A link whose receive buffer holds `fifo` bytes while a request is served: while the device
 * serves one frame the host may have window-1 more on the way, so (window-1) x (payload +
 * overhead) must fit. Picks the window (2..asked) that keeps most bytes on the way, the larger
 * payload on a tie; window 1 (stop and wait) when the buffer holds less than one frame of PT_MIN_MAX_PAYLOAD. */
static void fit_receive_buffer(uint32_t fifo, uint32_t *window, uint32_t *payload)
{
    uint32_t best_w = 1, best_p = *payload, best_score = 0;
    for (uint32_t w = 2; w <= *window; ++w) {
        uint32_t per = fifo / (w - 1u);
        if (per < PT_FRAME_OVERHEAD + PT_MIN_MAX_PAYLOAD)
            break;
        uint32_t p = per - PT_FRAME_OVERHEAD;
        if (p > *payload)
            p = *payload;
        uint32_t score = (w - 1u) * (p + PT_FRAME_OVERHEAD);
        if (score > best_score) {
            best_score = score;
            best_w = w;
            best_p = p;
        }
    }
    *window = best_w;
    *payload = best_p;
}

static enum pt_status h_ping(ctx *c)
{
    uint32_t host_max = PT_MIN_MAX_PAYLOAD, host_window = 1;
    if (c->req->length == 5) {
        host_max = pt_get32(c->req->payload);
        host_window = c->req->payload[4];
    } else if (c->req->length != 0) {
        return pt_fail(PT_E_BAD_REQUEST, "PING takes 0 or 5 payload bytes, got %lu",
                       (unsigned long)c->req->length);
    }
    /* Every host receives PT_MIN_MAX_PAYLOAD (what both sides accept before PING, §3): a grant
     * below it could not carry INFO or a refusal's text, and hosts refuse such a grant. */
    if (host_max < PT_MIN_MAX_PAYLOAD || host_window == 0)
        return pt_fail(PT_E_BAD_REQUEST, "PING asks for payload %lu, window %lu: minimum 1024 and 1",
                       (unsigned long)host_max, (unsigned long)host_window);
    uint32_t dev_max = c->link->max_payload;
    if (dev_max > PT_ABSOLUTE_MAX_PAYLOAD)
        dev_max = PT_ABSOLUTE_MAX_PAYLOAD;
    if (c->link->buf_size >= PT_FRAME_OVERHEAD && dev_max > c->link->buf_size - PT_FRAME_OVERHEAD)
        dev_max = c->link->buf_size - PT_FRAME_OVERHEAD;
    uint32_t granted = host_max < dev_max ? host_max : dev_max;
    uint32_t window = host_window < DEVICE_WINDOW ? host_window : DEVICE_WINDOW;
    if (c->link->rx_fifo)
        fit_receive_buffer(c->link->rx_fifo, &window, &granted);
    uint8_t r[12] = {0};
    r[0] = (uint8_t)pt_current_stage();
    r[1] = PT_PROTOCOL_VERSION;
    r[2] = (uint8_t)window;
    pt_put32(r + 4, granted);
    pt_put32(r + 8, capabilities());
    enum pt_status s = put(c, r, sizeof r);
    if (s == PT_OK)
        c->link->peer_max_payload = granted;
    return s;
}

static enum pt_status h_info(ctx *c)
{
    enum pt_status s = need_len(c, 0);
    if (s != PT_OK)
        return s;
    const pt_board *b = pt_hal_board();
    pt_bootstate bs;
    s = pt_bootstate_load(&bs);
    if (s != PT_OK)
        return s;
    /* Look-ups that may record an error of their own (a config key that is not set) run before
     * the first put(), so a response that does not fit keeps put()'s message. */
    const uint8_t trial_limit = pt_trial_limit();
    uint8_t serial[PT_CONFIG_VALUE_MAX];
    uint32_t slen = 0;
    const bool has_serial = pt_config_get("serial", 6, serial, &slen) == PT_OK;
    uint8_t staging_state, sha[32];
    uint32_t size, staged;
    pt_staging_status(&staging_state, &size, &staged, sha);
    const uint8_t config_state = (uint8_t)pt_config_state();
    pt_clear_error();
    s = put_tlv(c, PT_INFO_BOARD_ID, b->board_id, (uint8_t)bounded_len(b->board_id, PT_BOARD_ID_MAX));
    s = put_tlv(c, PT_INFO_UNIQUE_ID, b->unique_id,
                b->unique_id_len <= PT_UNIQUE_ID_MAX ? b->unique_id_len : PT_UNIQUE_ID_MAX);
    if (has_serial)
        s = put_tlv(c, PT_INFO_SERIAL_NUMBER, serial, (uint8_t)slen);
    s = put_tlv32(c, PT_INFO_BOOTLOADER_VERSION,
                  (uint32_t)PT_VERSION(PT_BOOTLOADER_VERSION_MAJOR, PT_BOOTLOADER_VERSION_MINOR,
                                       PT_BOOTLOADER_VERSION_PATCH));
    /* Versions of the images that are in flash now, not only of those once installed. */
    if (pt_image_present(&bs, PT_PAYLOAD_FIRMWARE))
        s = put_tlv32(c, PT_INFO_FIRMWARE_VERSION, bs.firmware.version);
    if (pt_image_present(&bs, PT_PAYLOAD_APPLICATION))
        s = put_tlv32(c, PT_INFO_APPLICATION_VERSION, bs.application.version);
#ifdef PT_WITH_KEYSET
    /* The key set in force (keyset.h): generation, package keys (0x07), access keys, root keys
     * (0x23: a key update may rotate them), revoked keys, key store use. */
    pt_keyset ks;
    if (s == PT_OK)
        s = pt_keyset_load(&ks);
    if (s == PT_OK)
        s = put_tlv32(c, PT_INFO_KEYSET_GENERATION, ks.generation);
    for (uint32_t i = 0; s == PT_OK && i < (uint32_t)ks.package_count + ks.access_count + ks.root_count; i++) {
        const uint32_t a = i - ks.package_count, r = a - ks.access_count;
        const uint8_t tag = i < ks.package_count ? PT_INFO_TRUSTED_KEY : a < ks.access_count ? PT_INFO_ACCESS_KEY : PT_INFO_ROOT_KEY;
        uint8_t fp[32];
        pt_keyset_fingerprint(tag == PT_INFO_TRUSTED_KEY ? ks.package[i] : tag == PT_INFO_ACCESS_KEY ? ks.access[a] : ks.root[r], fp);
        s = put_tlv(c, tag, fp, 32);
    }
    for (uint32_t i = 0; s == PT_OK && i < ks.revoked_count; i++) {
        uint8_t v[33];
        v[0] = ks.revoked_role[i];
        memcpy(v + 1, ks.revoked[i], 32);
        s = put_tlv(c, PT_INFO_REVOKED_KEY, v, sizeof v);
    }
    const uint8_t store[2] = {ks.slots_used, ks.slots_total};
    if (s == PT_OK)
        s = put_tlv(c, PT_INFO_KEYSTORE, store, sizeof store);
    memset(&ks, 0, sizeof ks); /* it may hold a product key */
#elif defined PT_KEYSET_READER
    /* The key set in force from the newest record of the key store (keyset.h; the factory wrote
     * generation 0 as one): generation, package keys, revoked keys (the record holds each as role
     * + fingerprint, INFO 0x26's value), key store use. Not the access and root keys (size). */
    uint8_t r[PT_KEYSET_RECORD_SIZE];
    uint32_t slot = UINT32_MAX, free_slot = 0, used = 0;
    if (s == PT_OK)
        s = pt_keyset_newest(r, &slot, &free_slot, &used);
    if (s == PT_OK && slot != UINT32_MAX) {
        s = put_tlv32(c, PT_INFO_KEYSET_GENERATION, pt_get32(r + PT_KEYSET_OFF_GENERATION));
        for (uint32_t i = 0; s == PT_OK && i < r[PT_KEYSET_OFF_COUNTS]; i++) {
            uint8_t fp[32];
            pt_keyset_fingerprint(r + PT_KEYSET_OFF_PACKAGE + 65u * i, fp);
            s = put_tlv(c, PT_INFO_TRUSTED_KEY, fp, 32);
        }
        for (uint32_t i = 0; s == PT_OK && i < r[PT_KEYSET_OFF_COUNTS + 2]; i++)
            s = put_tlv(c, PT_INFO_REVOKED_KEY, r + PT_KEYSET_OFF_REVOKED + 33u * i, 33);
        const uint8_t store[2] = {(uint8_t)used, (uint8_t)pt_keyset_slot_count()};
        if (s == PT_OK)
            s = put_tlv(c, PT_INFO_KEYSTORE, store, sizeof store);
    }
#else
    /* Fingerprints: the trusted keys (0x07), then the root keys (0x23). */
    for (uint32_t i = 0; s == PT_OK && i < PT_MAX_TRUSTED_KEYS + PT_MAX_ROOT_KEYS; i++) {
        bool root = i >= PT_MAX_TRUSTED_KEYS;
        uint32_t k = root ? i - PT_MAX_TRUSTED_KEYS : i;
        if (k >= (root ? b->root_key_count : b->trusted_key_count))
            continue;
        const pt_trusted_key *key = root ? &b->root_keys[k] : &b->trusted_keys[k];
        uint8_t fp[32];
        pt_sha256(key->der, key->der_len <= PT_PUBKEY_DER_MAX ? key->der_len : 0, fp);
        s = put_tlv(c, root ? PT_INFO_ROOT_KEY : PT_INFO_TRUSTED_KEY, fp, 32);
    }
#endif
    if (s != PT_OK) /* the key set could not be read (FLASH), or a key did not fit */
        return s;
    uint8_t u8v = b->locked ? 1 : 0;
    s = put_tlv(c, PT_INFO_LOCKED, &u8v, 1);
    u8v = (uint8_t)pt_current_stage();
    s = put_tlv(c, PT_INFO_STAGE, &u8v, 1);
    s = put_tlv32(c, PT_INFO_SECURITY_COUNTER, bs.security_counter);
    s = put_tlv(c, PT_INFO_LAST_INSTALL, &bs.last_install, 1);
    u8v = (uint8_t)pt_current_image_state();
    s = put_tlv(c, PT_INFO_IMAGE_STATE, &u8v, 1);
    s = put_tlv32(c, PT_INFO_BOOT_COUNT, bs.boot_count);
    s = put_tlv32(c, PT_INFO_RESETS, pt_hal_retained()->boot_count);
    s = put_tlv(c, PT_INFO_TRIAL_LIMIT, &trial_limit, 1);
    s = put_tlv(c, PT_INFO_REVERT_REASON, &bs.revert_reason, 1);
    s = put_tlv(c, PT_INFO_STAGING_STATE, &staging_state, 1);
    s = put_tlv(c, PT_INFO_CONFIG_STATE, &config_state, 1);
    if (bs.prev_firmware.present)
        s = put_tlv32(c, PT_INFO_PREVIOUS_FIRMWARE, bs.prev_firmware.version);
    if (bs.prev_application.present)
        s = put_tlv32(c, PT_INFO_PREVIOUS_APPLICATION, bs.prev_application.version);
#ifdef PT_WITH_CRYPT
    uint8_t product_fp[32];
#ifdef PT_WITH_KEYSET
    if (pt_keyset_product_key(NULL, product_fp) == PT_HAL_OK)
#else
    if (pt_crypt_product_key(NULL, product_fp) == PT_HAL_OK)
#endif
        s = put_tlv(c, PT_INFO_PRODUCT_KEY, product_fp, 32);
#endif
#ifdef PT_ACCESS_POLICY_BUILD /* a build that cannot grant roles has no access policy: the tags are absent */
    uint8_t access[PT_ACCESS_INFO_SIZE];
    pt_access_info(c->link, access);
    if (s == PT_OK)
        s = put(c, access, sizeof access);
#endif
    return s;
}

static enum pt_status h_regions(ctx *c)
{
    enum pt_status s = need_len(c, 0);
    if (s != PT_OK)
        return s;
    const pt_board *b = pt_hal_board();
    uint8_t count = b->region_count;
    s = put(c, &count, 1);
    for (uint8_t i = 0; s == PT_OK && i < count; i++) {
        const pt_region *r = &b->regions[i];
        uint8_t e[2 + PT_REGION_NAME_MAX + 13 + 6 * PT_MAX_SECTOR_RUNS];
        uint32_t n = 0;
        uint8_t nl = (uint8_t)bounded_len(r->name, PT_REGION_NAME_MAX);
        e[n++] = i;
        e[n++] = nl;
        memcpy(e + n, r->name, nl);
        n += nl;
        pt_put32(e + n, r->address);
        pt_put32(e + n + 4, r->size);
        pt_put32(e + n + 8, r->flags);
        n += 12;
        uint8_t runs = r->run_count <= PT_MAX_SECTOR_RUNS ? r->run_count : PT_MAX_SECTOR_RUNS;
        e[n++] = runs;
        for (uint8_t k = 0; k < runs; k++) {
            pt_put16(e + n, r->runs[k].count);
            pt_put32(e + n + 2, r->runs[k].size);
            n += 6;
        }
        s = put(c, e, n);
    }
    return s;
}

/* ---- READ, ERASE, WRITE, HASH ------------------------------------------------------------ */

/* Parses `u8 region, u8 flags, 2 res, u32 offset` and the optional u32 length; flags outside
 * `allowed_flags` are refused. */
static enum pt_status region_args(ctx *c, uint32_t min_len, uint8_t allowed_flags, const pt_region **r,
                                  uint32_t *offset, uint32_t *length)
{
    const uint8_t *p = c->req->payload;
    if (c->req->length < min_len)
        return pt_fail(PT_E_BAD_REQUEST, "command 0x%02x needs at least %lu payload bytes, got %lu",
                       c->req->command, (unsigned long)min_len, (unsigned long)c->req->length);
    if ((p[1] & (uint8_t)~allowed_flags) || p[2] || p[3])
        return pt_fail(PT_E_BAD_REQUEST, "reserved bytes are not 0");
    *r = pt_region_by_id(p[0]);
    if (!*r)
        return pt_fail(PT_E_BAD_REGION, "no region with id %u (this board has %u)", p[0],
                       pt_hal_board()->region_count);
    *offset = pt_get32(p + 4);
    if (length)
        *length = pt_get32(p + 8);
    return PT_OK;
}

/* The 12-byte `u8 region, u8 flags, 2 res, u32 offset, u32 length` request of READ, ERASE and
 * HASH (only ERASE has flags). */
static enum pt_status range_args(ctx *c, uint8_t allowed_flags, const pt_region **r, uint32_t *offset,
                                 uint32_t *length)
{
    enum pt_status s = need_len(c, 12);
    return s == PT_OK ? region_args(c, 12, allowed_flags, r, offset, length) : s;
}

/* Would a raw WRITE into `r` be accepted? The one rule for WRITE and for the ERASE that starts
 * a raw write (PT_ERASE_FLAG_FOR_WRITE), so the board refuses before it erases anything. */
static enum pt_status raw_write_allowed(const pt_region *r)
{
    if (pt_hal_board()->locked)
        return pt_fail(PT_E_LOCKED, "raw write refused: device is locked (production)");
    if (!(r->flags & PT_REGION_IMAGE) || (r->flags & (PT_REGION_PROTECTED | PT_REGION_STAGING)))
        return pt_fail(PT_E_PROTECTED, "raw write refused: region %s is not an image region", r->name);
    return PT_OK;
}

/* Regions a locked board never serves to READ (docs/security.md "Leaks closed"): the bootloader
 * (and the board's provisioning block in it), the images a trial replaced, the boot state. */
static bool unreadable_when_locked(const pt_region *r)
{
    return pt_hal_board()->locked && (strcmp(r->name, PT_REGION_NAME_BOOTLOADER) == 0 ||
                                      strcmp(r->name, PT_REGION_NAME_BACKUP) == 0 ||
                                      strcmp(r->name, PT_REGION_NAME_BOOTSTATE) == 0);
}

static enum pt_status h_read(ctx *c)
{
    const pt_region *r;
    uint32_t off, len;
    enum pt_status s = range_args(c, 0, &r, &off, &len);
    if (s != PT_OK)
        return s;
    if (unreadable_when_locked(r))
        return pt_fail(PT_E_PROTECTED, "read of region %s is refused on a locked board", r->name);
    if (pt_policy_active() && pt_auth_role(c->link) < PT_ROLE_FACTORY && strcmp(r->name, PT_REGION_NAME_BOOTLOADER) == 0
#ifdef PT_SEALED_SESSIONS /* signed-nonce builds (the M4 bootloader): every link needs factory */
        && pt_policy_required(PT_CMD_READ, c->link->kind, pt_hal_board()->locked) != PT_POLICY_OPEN
#endif
    )
        return pt_fail(PT_E_AUTH_REQUIRED, "read of region %s needs a factory session (it holds the board's keys)", r->name);
    if (len > c->cap)
        return pt_fail(PT_E_OUT_OF_RANGE, "read of %lu bytes exceeds the negotiated payload %lu",
                       (unsigned long)len, (unsigned long)c->cap);
    s = pt_region_read(r, off, c->out, len);
    if (s == PT_OK)
        c->len = len;
    return s;
}


static enum pt_status h_erase(ctx *c)
{
    const pt_region *r;
    uint32_t off, len;
    enum pt_status s = range_args(c, PT_ERASE_FLAG_FOR_WRITE, &r, &off, &len);
    if (s != PT_OK)
        return s;
    if ((c->req->payload[1] & PT_ERASE_FLAG_FOR_WRITE) && (s = raw_write_allowed(r)) != PT_OK)
        return s;
    if (off > r->size)
        return pt_fail(PT_E_OUT_OF_RANGE, "erase offset 0x%08lx is outside region %s (size 0x%lx)",
                       (unsigned long)off, r->name, (unsigned long)r->size);
    if (len == 0)
        len = r->size - off;
    if (r->flags & PT_REGION_PROTECTED)
        return pt_fail(PT_E_PROTECTED, "erase of 0x%08lx+0x%lx touches protected region %s",
                       (unsigned long)off, (unsigned long)len, r->name);
    if (r->flags & PT_REGION_STAGING)
        return pt_fail(PT_E_PROTECTED, "region %s is staging: it is erased by UPDATE_BEGIN", r->name);
    if ((s = pt_erase_budget(r, off, len)) != PT_OK)
        return s;
    s = pt_region_erase(r, off, len);
    if (s == PT_OK && (r->flags & PT_REGION_CONFIG))
        s = pt_config_init(); /* an erased config region gets the factory defaults again */
    if (r->flags & PT_REGION_IMAGE)
        pt_images_changed(); /* INFO must not go on naming an application that is gone */
    return s;
}

static enum pt_status h_write(ctx *c)
{
    const pt_region *r;
    uint32_t off;
    enum pt_status s = region_args(c, 8, 0, &r, &off, NULL);
    if (s != PT_OK)
        return s;
    uint32_t n = c->req->length - 8;
    if ((s = raw_write_allowed(r)) != PT_OK)
        return s;
    if (n == 0)
        return pt_fail(PT_E_BAD_REQUEST, "write without data");
    s = pt_region_program(r, off, c->req->payload + 8, n);
    pt_images_changed();
    return s;
}

static bool is_installed_image(const pt_region *r, uint32_t off, uint32_t len)
{
    pt_bootstate bs;
    if (pt_bootstate_load(&bs) != PT_OK)
        return false;
    const pt_installed_image *im = strcmp(r->name, PT_REGION_NAME_FIRMWARE) == 0     ? &bs.firmware
                                   : strcmp(r->name, PT_REGION_NAME_DEPLOYMENT) == 0 ? &bs.application
                                                                                     : NULL;
    return im && im->present && im->load_offset == off && im->size == len;
}

/* A locked board hashes only whole sectors (or more), or exactly an installed image (what
 * deploy and verify compare with the manifest): a HASH of a few bytes would let a client recover
 * a region's contents piece by piece (docs/security.md "Leaks closed"). So does every board for
 * the bootloader region, where the identity key is, unless the session is factory's (h_hash). */
static enum pt_status whole_sectors(const pt_region *r, uint32_t off, uint32_t len)
{
    uint32_t start, size, end = off + len;
    if (len > r->size - off || is_installed_image(r, off, len))
        return PT_OK; /* pt_region_sha256 refuses a range outside the region itself */
    if (pt_hal_flash_sector_of(r->address + off, &start, &size) != PT_HAL_OK || start != r->address + off ||
        (end < r->size && (pt_hal_flash_sector_of(r->address + end, &start, &size) != PT_HAL_OK ||
                           start != r->address + end)))
        return pt_fail(PT_E_PROTECTED,
                       "hash of 0x%08lx+0x%lx in %s refused: only whole sectors (a locked board, or the region that "
                       "holds the board's keys without a factory session)",
                       (unsigned long)off, (unsigned long)len, r->name);
    return PT_OK;
}

static enum pt_status h_hash(ctx *c)
{
    const pt_region *r;
    uint32_t off, len;
    enum pt_status s = range_args(c, 0, &r, &off, &len);
    if (s != PT_OK)
        return s;
    if (off > r->size)
        return pt_fail(PT_E_OUT_OF_RANGE, "hash offset 0x%08lx is outside region %s (size 0x%lx)",
                       (unsigned long)off, r->name, (unsigned long)r->size);
    if (len == 0)
        len = r->size - off;
    /* The bootloader region holds the identity key (sealed-session builds): on a development
     * board too, only a factory session (or an open READ policy) may hash pieces of it. */
    bool pieces_leak = pt_hal_board()->locked;
#ifdef PT_SEALED_SESSIONS
    pieces_leak = pieces_leak || (pt_auth_role(c->link) < PT_ROLE_FACTORY &&
                                  strcmp(r->name, PT_REGION_NAME_BOOTLOADER) == 0 &&
                                  pt_policy_required(PT_CMD_READ, c->link->kind, false) != PT_POLICY_OPEN);
#endif
    if (pieces_leak && (s = whole_sectors(r, off, len)) != PT_OK)
        return s;
    uint8_t h[32];
    s = pt_region_sha256(r, off, len, h);
    return s == PT_OK ? put(c, h, 32) : s;
}

/* ---- CONFIG_* ----------------------------------------------------------------------------- */

static enum pt_status h_config_read(ctx *c)
{
    enum pt_status s = need_len(c, 0);
    if (s != PT_OK)
        return s;
    uint32_t n;
    const uint8_t *b = pt_config_public_blob(&n); /* secret values never leave the board */
    return put(c, b, n);
}

static enum pt_status h_config_write(ctx *c)
{
    return pt_config_write(c->req->payload, c->req->length);
}

static enum pt_status h_config_get(ctx *c)
{
    uint8_t v[PT_CONFIG_VALUE_MAX];
    uint32_t n = 0;
    if (c->req->length < 1 || c->req->length > PT_CONFIG_KEY_MAX)
        return pt_fail(PT_E_BAD_REQUEST, "config key of %lu bytes: must be 1..32", (unsigned long)c->req->length);
    if (pt_config_is_secret(c->req->payload, c->req->length))
        return pt_fail(PT_E_PROTECTED, "config entry %.*s is secret: write-only", (int)c->req->length,
                       (const char *)c->req->payload);
    enum pt_status s = pt_config_get((const char *)c->req->payload, c->req->length, v, &n);
    return s == PT_OK ? put(c, v, n) : s;
}

static enum pt_status h_config_set(ctx *c)
{
    const uint8_t *p = c->req->payload;
    if (c->req->length < 1 || p[0] < 1 || c->req->length < 1u + p[0])
        return pt_fail(PT_E_BAD_REQUEST, "CONFIG_SET needs u8 key length, key (1..32 bytes), value");
    uint32_t k = p[0];
    return pt_config_set((const char *)p + 1, k, p + 1 + k, c->req->length - 1 - k);
}

/* ---- UPDATE_* ----------------------------------------------------------------------------- */

static enum pt_status h_update_begin(ctx *c)
{
    enum pt_status s = need_len(c, 36);
    if (s != PT_OK)
        return s;
    /* A BEGIN of the package already staged resumes it (any session may); any other BEGIN
     * restarts staging, which only the transfer's own session may do while it is fresh. */
    uint8_t state, sha[32];
    uint32_t size, staged = 0;
    pt_staging_status(&state, &size, &staged, sha);
    const bool resume = (state == PT_STAGING_PARTIAL || state == PT_STAGING_COMPLETE || state == PT_STAGING_PENDING) &&
                        size == pt_get32(c->req->payload) && memcmp(sha, c->req->payload + 4, 32) == 0;
    if (!resume && state != PT_STAGING_EMPTY && (s = pt_session_may_restart_staging(c->link, staged, size)) != PT_OK)
        return s;
    s = pt_staging_begin(pt_get32(c->req->payload), c->req->payload + 4, &staged);
    if (s != PT_OK)
        return s;
    pt_session_note_staging(c->link);
    uint8_t r[4];
    pt_put32(r, staged);
    return put(c, r, 4);
}

static enum pt_status h_update_data(ctx *c)
{
    if (c->req->length < 5)
        return pt_fail(PT_E_BAD_REQUEST, "UPDATE_DATA needs u32 offset and at least one byte");
    uint32_t staged = 0;
    enum pt_status s = pt_staging_data(pt_get32(c->req->payload), c->req->payload + 4,
                                       c->req->length - 4, &staged);
    if (s != PT_OK)
        return s;
    pt_session_note_staging(c->link);
    uint8_t r[4];
    pt_put32(r, staged);
    return put(c, r, 4);
}

static enum pt_status h_update_status(ctx *c)
{
    enum pt_status s = need_len(c, 0);
    if (s != PT_OK)
        return s;
    uint8_t r[44] = {0};
    uint32_t size, staged;
    pt_staging_status(&r[0], &size, &staged, r + 12);
    pt_put32(r + 4, size);
    pt_put32(r + 8, staged);
    return put(c, r, sizeof r);
}

/* True when the verified package `m` brings a payload of a lower version than the image `bs` has
 * installed: a rollback release (pt_package_verify() accepted it only with
 * PT_MANIFEST_FLAG_ROLLBACK in its signed flags). */
static bool rolls_back(const pt_manifest_info *m, const pt_bootstate *bs)
{
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const pt_installed_image *now = m->payloads[i].kind == PT_PAYLOAD_FIRMWARE ? &bs->firmware : &bs->application;
        if (now->present && m->payloads[i].version < now->version)
            return true;
    }
    return false;
}

/* Whether this link may install a rollback release: the policy row PT_POLICY_ROLLBACK (docs/
 * security.md, "Policy table": a factory session, except by physical access to a development
 * board). PT_OK or PT_E_AUTH_REQUIRED naming the role needed. */
static enum pt_status rollback_release_permitted(pt_link *link)
{
#ifdef PT_SEALED_SESSIONS
    return pt_policy_check(link, PT_POLICY_ROLLBACK);
#else
    (void)link;
    return PT_OK;
#endif
}

static enum pt_status h_update_commit(ctx *c)
{
    enum pt_status s = need_len(c, 0);
    if (s != PT_OK)
        return s;
    uint8_t state, sha[32];
    uint32_t size, staged, data_off;
    pt_staging_status(&state, &size, &staged, sha);
    if (state == PT_STAGING_EMPTY)
        return pt_fail(PT_E_SEQUENCE, "no update begun: staging is empty");
    if (state == PT_STAGING_PARTIAL)
        return pt_fail(PT_E_STATE, "package incomplete: %lu of %lu bytes staged", (unsigned long)staged,
                       (unsigned long)size);
    const pt_region *stg = pt_staging_region(&data_off);
    pt_bootstate bs;
    pt_manifest_info m;
    if (!stg)
        return PT_E_INTERNAL;
    if (state == PT_STAGING_CORRUPT) {
        s = pt_fail(PT_E_BAD_PACKAGE, "staging header is corrupt");
    } else {
        uint8_t got[32];
        s = pt_region_sha256(stg, data_off, size, got);
        if (s == PT_OK && memcmp(got, sha, 32) != 0)
            s = pt_fail(PT_E_VERIFY_HASH, "SHA-256 of the staged package differs from UPDATE_BEGIN's");
        if (s == PT_OK)
            s = pt_bootstate_load(&bs);
        if (s == PT_OK)
            s = pt_package_verify(stg, data_off, size, &bs, &m);
    }
    if (s != PT_OK) {
        /* Keep the verification message; the erase result is secondary. */
        char msg[PT_MAX_ERROR_MESSAGE + 1];
        strncpy(msg, pt_last_error(), sizeof msg - 1);
        msg[sizeof msg - 1] = '\0';
        pt_staging_erase();
        pt_session_forget_staging();
        pt_fail(s, "%s", msg);
        return s;
    }
    if (s == PT_OK && pt_current_image_state() == PT_IMAGE_TRIAL)
        s = pt_fail(PT_E_STATE, "the running image is on trial: confirm it (or let it revert) before installing another");
    if (s == PT_OK && rolls_back(&m, &bs))
        s = rollback_release_permitted(c->link);
    if (s == PT_OK) {
        pt_installed_image pf, pa;
        uint8_t mask;
        s = pt_backup_plan(&bs, &m, &pf, &pa, &mask);
    }
    if (s != PT_OK) {
        char msg[PT_MAX_ERROR_MESSAGE + 1];
        strncpy(msg, pt_last_error(), sizeof msg - 1);
        msg[sizeof msg - 1] = '\0';
        pt_staging_erase();
        pt_session_forget_staging();
        pt_fail(s, "%s", msg);
        return s;
    }
    if (state != PT_STAGING_PENDING) {
        s = pt_staging_mark_pending();
        if (s != PT_OK)
            return s;
    }
    pt_hal_retained()->magic = PT_RETAINED_MAGIC;
    pt_hal_retained()->request = PT_REBOOT_NORMAL;
    c->reset_after = true;
    return PT_OK;
}

static enum pt_status h_update_abort(ctx *c)
{
    enum pt_status s = need_len(c, 0);
    if (s != PT_OK)
        return s;
    uint8_t state, sha[32];
    uint32_t size, staged;
    pt_staging_status(&state, &size, &staged, sha);
    if ((s = pt_session_may_restart_staging(c->link, staged, size)) != PT_OK)
        return s;
    pt_session_forget_staging();
    return pt_staging_erase();
}

/* ---- SESSION ------------------------------------------------------------------------------ */

static enum pt_status h_session(ctx *c)
{
    const uint8_t *p = c->req->payload;
    if (c->req->length < 1 || c->req->length > 1 + PT_SESSION_NAME_MAX)
        return pt_fail(PT_E_BAD_REQUEST, "SESSION takes u8 flags and a name of 0..%u bytes, got %lu payload bytes",
                       (unsigned)PT_SESSION_NAME_MAX, (unsigned long)c->req->length);
    if ((p[0] & (uint8_t)~(PT_SESSION_FLAG_TAKE_OVER | PT_SESSION_FLAG_RELEASE)) ||
        p[0] == (PT_SESSION_FLAG_TAKE_OVER | PT_SESSION_FLAG_RELEASE))
        return pt_fail(PT_E_BAD_REQUEST, "SESSION flags 0x%02x: bit 0 (take over) or bit 1 (release), not both", p[0]);
    bool displaced = false;
    enum pt_status s = (p[0] & PT_SESSION_FLAG_RELEASE) ? pt_session_release(c->link) : pt_session_claim(c->link, p + 1, c->req->length - 1, (p[0] & PT_SESSION_FLAG_TAKE_OVER) != 0,
                                        &displaced);
    if (s != PT_OK)
        return s;
    uint8_t r[8] = {0};
    pt_put32(r, pt_session_timeout_ms());
    r[4] = displaced ? 1 : 0;
    return put(c, r, sizeof r);
}

/* ---- AUTH_HELLO, AUTH_PROOF (docs/protocol.md §6) ------------------------------------------ */

#ifdef PT_SEALED_SESSIONS
static enum pt_status h_auth_hello(ctx *c)
{
    uint8_t r[PT_AUTH_HELLO_RESPONSE_SIZE];
    enum pt_status s = pt_auth_hello(c->link, c->req->payload, c->req->length, r);
    return s == PT_OK ? put(c, r, sizeof r) : s;
}

static enum pt_status h_auth_proof(ctx *c)
{
    uint8_t r[PT_AUTH_PROOF_RESPONSE_SIZE];
    enum pt_status s = pt_auth_proof(c->link, c->req->payload, c->req->length, r);
    return s == PT_OK ? put(c, r, sizeof r) : s;
}
#endif

/* AUTH_NONCE, AUTH_SIGNED (§6.6): the signed-nonce mode of builds without sealed sessions. Both
 * responses are far below PT_MIN_MAX_PAYLOAD: written in place. */
static enum pt_status h_auth_nonce_mode(ctx *c)
{
    return pt_auth_nonce_mode(c->link, c->req->command, c->req->payload, c->req->length, c->out, &c->len);
}

/* ---- REBOOT, CONFIRM ---------------------------------------------------------------------- */

static enum pt_status h_confirm(ctx *c)
{
    enum pt_status s = need_len(c, 0);
    return s == PT_OK ? pt_confirm() : s;
}

#ifndef PT_NO_LOCK_COMMAND
static enum pt_status h_lock(ctx *c)
{
    enum pt_status s = need_len(c, PT_LOCK_CONFIRM_LEN);
    if (s != PT_OK)
        return s;
    if (memcmp(c->req->payload, PT_LOCK_CONFIRM, PT_LOCK_CONFIRM_LEN) != 0)
        return pt_fail(PT_E_BAD_REQUEST, "LOCK takes the 4 bytes \"LOCK\"");
    uint8_t was = pt_hal_board()->locked ? 1u : 0u;
    /* A locked board serves no change without a session (docs/security.md "Policy table"), so
     * locking one that trusts no access key would leave it unserviceable. Built where the policy
     * covers keyless boards (sealed sessions) or asked for with PT_LOCK_NEEDS_ACCESS_KEY; the
     * Cortex-M4 bootloader (signed nonces, no room for the check) serves no LOCK at all
     * (PT_NO_LOCK_COMMAND; docs/security.md "Provisioning (mps2-an386)"). */
#if defined(PT_SEALED_SESSIONS) || defined(PT_LOCK_NEEDS_ACCESS_KEY)
    if (!was && !pt_policy_has_access_keys())
        return pt_fail(PT_E_NO_ACCESS_KEY, "lock needs at least one trusted access key, or the board could never be "
                                           "serviced again: provision one with --trust-access-key; the board is unchanged");
#endif
    if (!was && (pt_hal_lock() != PT_HAL_OK || !pt_hal_board()->locked))
        return pt_fail(PT_E_FLASH, "the board could not be locked (its provisioning was not written); it is unchanged");
    return put(c, &was, 1);
}
#endif

/* KEY_UPDATE (docs/protocol.md §4.14): the whole key update in the request; applied at once
 * (keyset.h: power-safe, nothing written on a refusal). Response: u32 new generation, u8 slots
 * used, u8 slots in all, 2 x 0. */
static enum pt_status h_key_update(ctx *c)
{
#ifdef PT_WITH_KEYSET
    pt_keyset ks;
    enum pt_status s = pt_keyupdate_apply(c->req->payload, c->req->length, &ks);
    uint8_t r[PT_KEY_UPDATE_RESPONSE_SIZE] = {0};
    pt_put32(r, ks.generation);
    r[4] = ks.slots_used;
    r[5] = ks.slots_total;
    memset(&ks, 0, sizeof ks);
    if (s == PT_OK)
        pt_hal_log("keys: key update applied");
    return s == PT_OK ? put(c, r, sizeof r) : s;
#elif defined PT_KEYSET_COMPACT_UPDATE /* package, access and root keys, on the record itself (keyset.h) */
    uint8_t r[PT_KEYSET_RECORD_SIZE], out[PT_KEY_UPDATE_RESPONSE_SIZE] = {0};
    uint32_t used = 0;
    enum pt_status s = pt_keyupdate_apply_record(c->req->payload, c->req->length, r, &used);
    if (s != PT_OK)
        return s;
    pt_put32(out, pt_get32(r + PT_KEYSET_OFF_GENERATION));
    out[4] = (uint8_t)used;
    out[5] = (uint8_t)pt_keyset_slot_count();
    pt_hal_log("keys: key update applied");
    return put(c, out, sizeof out);
#else
    (void)c;
    return pt_fail(PT_E_STATE, "this board's firmware cannot apply key updates; it keeps its provisioned keys");
#endif
}

static enum pt_status h_reboot(ctx *c)
{
    enum pt_status s = need_len(c, 1);
    if (s != PT_OK)
        return s;
    uint8_t mode = c->req->payload[0];
    if (mode != PT_REBOOT_NORMAL && mode != PT_REBOOT_BOOTLOADER)
        return pt_fail(PT_E_BAD_REQUEST, "reboot mode %u: expected 0 (normal) or 1 (bootloader)", mode);
    pt_retained *ret = pt_hal_retained();
    ret->magic = PT_RETAINED_MAGIC;
    ret->request = mode;
    c->reset_after = true;
    return PT_OK;
}

/* An error response's payload in `out` (room for `cap` bytes): the message, and for RATE_LIMITED
 * the retry-after field (docs/protocol.md §3); returns its length. */
__attribute__((noinline)) static uint32_t error_payload(uint8_t *out, uint32_t cap, enum pt_status s)
{
#ifdef PT_TERSE_MESSAGES
    uint32_t n = 0; /* no texts: the status alone; the workstation names it */
    (void)cap;
#else
    const char *msg = pt_last_error();
    uint32_t n = (uint32_t)bounded_len(msg, PT_MAX_ERROR_MESSAGE);
    if (n == 0) {
        msg = "request failed";
        n = (uint32_t)strlen(msg);
    }
    if (n > cap - PT_RETRY_AFTER_SIZE)
        n = cap - PT_RETRY_AFTER_SIZE;
    memcpy(out, msg, n);
#endif
    if (s == PT_E_RATE_LIMITED && pt_retry_after_ms) { /* 0: this image cannot say; no field */
        out[n] = 0;
        pt_put32(out + n + 1, pt_retry_after_ms);
        n += PT_RETRY_AFTER_SIZE;
    }
    return n;
}

void pt_server_handle(pt_link *link, const pt_frame *sealed_req)
{
    pt_clear_error();
    pt_frame plain = *sealed_req;
    enum pt_status s = pt_auth_unseal(link, &plain); /* a refused frame ends the session: nothing runs */
    const pt_frame *req = &plain;
    const bool sealed = pt_auth_sealed(link);
    const uint32_t limit = link_payload_limit(link);
    ctx c = {link, req, link->tx_buf + PT_FRAME_HEADER_SIZE + (sealed ? PT_SEAL_COUNTER_SIZE : 0u),
             sealed ? (limit > PT_SEAL_OVERHEAD ? limit - PT_SEAL_OVERHEAD : 0u) : limit, 0, false, PT_OK};
    if (s == PT_OK)
        s = pt_policy_check(link, req->command);
    if (s == PT_OK)
        s = pt_session_admit(link, req->command); /* a refusal comes before any handler: nothing changed */
    if (s == PT_OK) switch (req->command) {
    case PT_CMD_PING: s = h_ping(&c); break;
    case PT_CMD_INFO: s = h_info(&c); break;
    case PT_CMD_REGIONS: s = h_regions(&c); break;
    case PT_CMD_SESSION: s = h_session(&c); break;
    case PT_CMD_READ: s = h_read(&c); break;
    case PT_CMD_ERASE: s = h_erase(&c); break;
    case PT_CMD_WRITE: s = h_write(&c); break;
    case PT_CMD_HASH: s = h_hash(&c); break;
    case PT_CMD_CONFIG_READ: s = h_config_read(&c); break;
    case PT_CMD_CONFIG_WRITE: s = h_config_write(&c); break;
    case PT_CMD_CONFIG_GET: s = h_config_get(&c); break;
    case PT_CMD_CONFIG_SET: s = h_config_set(&c); break;
    case PT_CMD_UPDATE_BEGIN: s = h_update_begin(&c); break;
    case PT_CMD_UPDATE_DATA: s = h_update_data(&c); break;
    case PT_CMD_UPDATE_STATUS: s = h_update_status(&c); break;
    case PT_CMD_UPDATE_COMMIT: s = h_update_commit(&c); break;
    case PT_CMD_UPDATE_ABORT: s = h_update_abort(&c); break;
    case PT_CMD_REBOOT: s = h_reboot(&c); break;
    case PT_CMD_CONFIRM: s = h_confirm(&c); break;
#ifdef PT_NO_LOCK_COMMAND /* the Cortex-M4 bootloader: LOCK is the application's (docs/security.md) */
    case PT_CMD_LOCK: s = pt_fail(PT_E_STATE, "LOCK is served by the application, not in recovery mode"); break;
#else
    case PT_CMD_LOCK: s = h_lock(&c); break;
#endif
    case PT_CMD_KEY_UPDATE: s = h_key_update(&c); break;
#ifdef PT_SEALED_SESSIONS /* else unknown, as below */
    case PT_CMD_AUTH_HELLO: s = h_auth_hello(&c); break;
    case PT_CMD_AUTH_PROOF: s = h_auth_proof(&c); break;
#endif
    case PT_CMD_AUTH_NONCE:
    case PT_CMD_AUTH_SIGNED: s = h_auth_nonce_mode(&c); break;
    default: s = pt_fail(PT_E_UNKNOWN_COMMAND, "unknown command 0x%02x", req->command); break;
    }
    pt_session_touch(link); /* a long erase does not count as the owner's idle time */
    uint32_t n = c.len;
    if (s != PT_OK)
        n = error_payload(c.out, c.cap, s);
    size_t total = sealed && pt_auth_sealed(link)
                       ? pt_auth_seal_response(link, link->tx_buf, req->command, req->seq, (uint8_t)s, n)
                       : pt_frame_encode(link->tx_buf, req->command, req->seq, PT_FRAME_FLAG_RESPONSE, (uint8_t)s,
                                         c.out, n);
    link->send(link, link->tx_buf, total);
    if (s == PT_OK && c.reset_after) {
        link->rx_len = 0; /* the link drops for the reset */
        pt_hal_reset();
    }
}
