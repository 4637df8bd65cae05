/* Config blob validation and key/value editing over the record store (config_store.h). */
#include "config_store.h"

#include <string.h>

#include "crc32.h"
#include "piton/hal.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "record_store.h"
#include "regions.h"

#define PT_CONFIG_RECORD_MAGIC 0x52434650u /* "PFCR" */

static uint8_t s_blob[PT_CONFIG_MAX_SIZE];
static uint32_t s_len;
static uint8_t s_work[PT_CONFIG_MAX_SIZE]; /* scratch for building a new blob */
static uint8_t s_state = PT_CONFIG_EMPTY;

enum pt_config_state pt_config_state(void) { return (enum pt_config_state)s_state; }

static bool key_char_ok(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static enum pt_status check_key(const uint8_t *key, uint32_t klen)
{
    if (klen < 1 || klen > PT_CONFIG_KEY_MAX)
        return pt_fail(PT_E_BAD_CONFIG, "config key length %lu is outside 1..32", (unsigned long)klen);
    for (uint32_t i = 0; i < klen; i++)
        if (!key_char_ok(key[i]))
            return pt_fail(PT_E_BAD_CONFIG, "config key has byte 0x%02x at %lu, allowed: a-z 0-9 . _ -",
                           key[i], (unsigned long)i);
    return PT_OK;
}

/* Byte-order comparison of two keys. */
static int key_cmp(const uint8_t *a, uint32_t alen, const uint8_t *b, uint32_t blen)
{
    uint32_t n = alen < blen ? alen : blen;
    int c = memcmp(a, b, n);
    if (c != 0)
        return c;
    return alen < blen ? -1 : (alen > blen ? 1 : 0);
}

enum pt_status pt_config_validate(const uint8_t *blob, uint32_t len)
{
    if (len < PT_CONFIG_HEADER_SIZE + 4)
        return pt_fail(PT_E_BAD_CONFIG, "config blob of %lu bytes is shorter than 14", (unsigned long)len);
    if (len > PT_CONFIG_MAX_SIZE)
        return pt_fail(PT_E_BAD_CONFIG, "config blob of %lu bytes exceeds 1024", (unsigned long)len);
    if (memcmp(blob, PT_CONFIG_MAGIC, 4) != 0)
        return pt_fail(PT_E_BAD_CONFIG, "config blob magic is not PTCF");
    if (blob[4] != PT_CONFIG_FORMAT_VERSION)
        return pt_fail(PT_E_BAD_CONFIG, "config format version %u is not 1", blob[4]);
    if (blob[5] != 0)
        return pt_fail(PT_E_BAD_CONFIG, "config reserved byte is 0x%02x, not 0", blob[5]);
    uint32_t count = pt_get16(blob + 6), elen = pt_get16(blob + 8);
    if (PT_CONFIG_HEADER_SIZE + elen + 4 != len)
        return pt_fail(PT_E_BAD_CONFIG, "config entries length %lu does not match blob size %lu",
                       (unsigned long)elen, (unsigned long)len);
    uint32_t crc = pt_crc32(blob, PT_CONFIG_HEADER_SIZE + elen);
    if (crc != pt_get32(blob + PT_CONFIG_HEADER_SIZE + elen))
        return pt_fail(PT_E_BAD_CONFIG, "config CRC mismatch: computed 0x%08lx, blob says 0x%08lx",
                       (unsigned long)crc, (unsigned long)pt_get32(blob + PT_CONFIG_HEADER_SIZE + elen));
    const uint8_t *p = blob + PT_CONFIG_HEADER_SIZE, *end = p + elen;
    const uint8_t *prev = NULL;
    uint32_t prev_len = 0;
    for (uint32_t i = 0; i < count; i++) {
        if (end - p < 1)
            return pt_fail(PT_E_BAD_CONFIG, "config entry %lu is truncated", (unsigned long)i);
        uint32_t klen = *p++;
        if ((uint32_t)(end - p) < klen + 1)
            return pt_fail(PT_E_BAD_CONFIG, "config entry %lu is truncated", (unsigned long)i);
        enum pt_status s = check_key(p, klen);
        if (s != PT_OK)
            return s;
        if (prev && key_cmp(prev, prev_len, p, klen) >= 0)
            return pt_fail(PT_E_BAD_CONFIG, "config key %.*s is duplicate or out of order",
                           (int)klen, (const char *)p);
        prev = p;
        prev_len = klen;
        p += klen;
        uint32_t vlen = *p++;
        if (vlen > PT_CONFIG_VALUE_MAX)
            return pt_fail(PT_E_BAD_CONFIG, "config value of %.*s is %lu bytes, max 128", (int)klen,
                           (const char *)prev, (unsigned long)vlen);
        if ((uint32_t)(end - p) < vlen)
            return pt_fail(PT_E_BAD_CONFIG, "config entry %lu is truncated", (unsigned long)i);
        p += vlen;
    }
    if (p != end)
        return pt_fail(PT_E_BAD_CONFIG, "config has %lu bytes after its %lu entries",
                       (unsigned long)(end - p), (unsigned long)count);
    return PT_OK;
}

/* Blob building: header, entries, CRC. */
static void blob_finish(uint8_t *b, uint32_t count, uint32_t elen)
{
    memcpy(b, PT_CONFIG_MAGIC, 4);
    b[4] = PT_CONFIG_FORMAT_VERSION;
    b[5] = 0;
    pt_put16(b + 6, (uint16_t)count);
    pt_put16(b + 8, (uint16_t)elen);
    pt_put32(b + PT_CONFIG_HEADER_SIZE + elen, pt_crc32(b, PT_CONFIG_HEADER_SIZE + elen));
}

static bool blob_add(uint8_t *b, uint32_t *elen, const uint8_t *key, uint32_t klen,
                     const uint8_t *val, uint32_t vlen)
{
    if (PT_CONFIG_HEADER_SIZE + *elen + 2 + klen + vlen + 4 > PT_CONFIG_MAX_SIZE)
        return false;
    uint8_t *p = b + PT_CONFIG_HEADER_SIZE + *elen;
    *p++ = (uint8_t)klen;
    memcpy(p, key, klen);
    p += klen;
    *p++ = (uint8_t)vlen;
    memcpy(p, val, vlen);
    *elen += 2 + klen + vlen;
    return true;
}

static const pt_region *config_region(void)
{
    const pt_region *r = pt_region_by_flag(PT_REGION_CONFIG);
    if (!r)
        pt_fail(PT_E_INTERNAL, "board has no config region");
    return r;
}

static uint32_t build_factory_defaults(void);

/* The state of the blob in s_blob: EMPTY when it equals the factory defaults (whether the
 * region was blank or the defaults were written back), else OK. The same rule at boot and
 * after every write, so a reset does not change what INFO reports. Uses s_work. */
static uint8_t state_of_current_blob(void)
{
    uint32_t n = build_factory_defaults();
    return n == s_len && memcmp(s_work, s_blob, n) == 0 ? PT_CONFIG_EMPTY : PT_CONFIG_OK;
}

static enum pt_status store(const uint8_t *blob, uint32_t len)
{
    const pt_region *r = config_region();
    if (!r)
        return PT_E_INTERNAL;
    enum pt_status s = pt_record_append(r, PT_CONFIG_RECORD_MAGIC, blob, len);
    if (s != PT_OK)
        return s;
    memmove(s_blob, blob, len);
    s_len = len;
    s_state = state_of_current_blob();
    return PT_OK;
}

static void hex_upper(char *out, const uint8_t *b, uint32_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    for (uint32_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
}

/* Builds the factory defaults into s_work; returns the blob length. */
static uint32_t build_factory_defaults(void)
{
    const pt_board *b = pt_hal_board();
    uint32_t uid_len = b->unique_id_len <= PT_UNIQUE_ID_MAX ? b->unique_id_len : PT_UNIQUE_ID_MAX;
    char serial[3 + 2 * PT_UNIQUE_ID_MAX];
    memcpy(serial, "PT-", 3);
    hex_upper(serial + 3, b->unique_id, uid_len);
    /* net.mac: 02 followed by the last five unique-id bytes (zeros when the id is shorter). */
    uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0};
    for (uint32_t i = 0; i < 5 && i < uid_len; i++)
        mac[5 - i] = b->unique_id[uid_len - 1 - i];
    char mac_text[17];
    for (int i = 0; i < 6; i++) {
        char h[2];
        hex_upper(h, &mac[i], 1);
        mac_text[3 * i] = h[0];
        mac_text[3 * i + 1] = h[1];
        if (i < 5)
            mac_text[3 * i + 2] = ':';
    }
    static const char product[] = "Piton virtual board";
    uint32_t elen = 0;
    blob_add(s_work, &elen, (const uint8_t *)"net.dhcp", 8, (const uint8_t *)"1", 1);
    blob_add(s_work, &elen, (const uint8_t *)"net.mac", 7, (const uint8_t *)mac_text, 17);
    blob_add(s_work, &elen, (const uint8_t *)"serial", 6, (const uint8_t *)serial, 3 + 2 * uid_len);
    blob_add(s_work, &elen, (const uint8_t *)"usb.product", 11, (const uint8_t *)product,
             sizeof product - 1);
    blob_finish(s_work, 4, elen);
    return PT_CONFIG_HEADER_SIZE + elen + 4;
}

enum pt_status pt_config_init(void)
{
    const pt_region *r = config_region();
    if (!r)
        return PT_E_INTERNAL;
    uint32_t len = 0, seq = 0;
    enum pt_status s = pt_record_load(r, PT_CONFIG_RECORD_MAGIC, s_work, sizeof s_work, &len, &seq);
    if (s == PT_OK && pt_config_validate(s_work, len) == PT_OK) {
        memcpy(s_blob, s_work, len);
        s_len = len;
        s_state = state_of_current_blob();
        return PT_OK;
    }
    uint32_t n = build_factory_defaults();
    if (!pt_region_is_erased(r, 0, r->size)) {
        /* Bytes but no intact record: keep them for diagnosis, serve the defaults from RAM. */
        memcpy(s_blob, s_work, n);
        s_len = n;
        s_state = PT_CONFIG_CORRUPT;
        return pt_fail(PT_E_BAD_CONFIG, "config region %s holds no intact record", r->name);
    }
    return store(s_work, n); /* the defaults: state EMPTY */
}

const uint8_t *pt_config_blob(uint32_t *len)
{
    *len = s_len;
    return s_blob;
}

#ifdef PT_SECRET_CONFIG
bool pt_config_is_secret(const uint8_t *key, uint32_t klen)
{
    return klen > 7 && memcmp(key, PT_CONFIG_SECRET_PREFIX, 7) == 0;
}

/* Walks the entries of a validated blob. */
typedef struct {
    const uint8_t *p;
    uint32_t left; /* entries not yet returned */
    const uint8_t *k, *v;
    uint32_t kl, vl;
} entry_walk;

static void walk_start(entry_walk *w, const uint8_t *blob, uint32_t len)
{
    w->p = blob + PT_CONFIG_HEADER_SIZE;
    w->left = len >= PT_CONFIG_HEADER_SIZE + 4 ? pt_get16(blob + 6) : 0;
}

static bool walk_next(entry_walk *w)
{
    if (w->left == 0)
        return false;
    w->left--;
    w->kl = *w->p++;
    w->k = w->p;
    w->p += w->kl;
    w->vl = *w->p++;
    w->v = w->p;
    w->p += w->vl;
    return true;
}

const uint8_t *pt_config_public_blob(uint32_t *len)
{
    entry_walk w;
    uint32_t elen = 0, count = 0;
    walk_start(&w, s_blob, s_len);
    while (walk_next(&w)) {
        const bool secret = pt_config_is_secret(w.k, w.kl);
        blob_add(s_work, &elen, w.k, w.kl, w.v, secret ? 0 : w.vl); /* never larger than s_blob */
        count++;
    }
    blob_finish(s_work, count, elen);
    *len = PT_CONFIG_HEADER_SIZE + elen + 4;
    return s_work;
}

enum pt_status pt_config_write(const uint8_t *blob, uint32_t len)
{
    enum pt_status s = pt_config_validate(blob, len);
    if (s != PT_OK)
        return s;
    /* Merge by key order: the device's secret entries stay as they are (a backup holds them
     * with empty values); a secret the device lacks is taken only with a value. */
    entry_walk a, b;
    walk_start(&a, blob, len);
    walk_start(&b, s_blob, s_len);
    bool ha = walk_next(&a), hb = walk_next(&b);
    uint32_t elen = 0, count = 0;
    while (ha || hb) {
        const int c = !hb ? -1 : !ha ? 1 : key_cmp(a.k, a.kl, b.k, b.kl);
        const entry_walk *take = NULL;
        if (c < 0)
            take = (!pt_config_is_secret(a.k, a.kl) || a.vl > 0) ? &a : NULL;
        else if (c > 0)
            take = pt_config_is_secret(b.k, b.kl) ? &b : NULL;
        else
            take = pt_config_is_secret(b.k, b.kl) ? &b : &a;
        if (take) {
            if (!blob_add(s_work, &elen, take->k, take->kl, take->v, take->vl))
                return pt_fail(PT_E_BAD_CONFIG, "the config with the device's secret entries would exceed 1024 bytes");
            count++;
        }
        if (c <= 0)
            ha = walk_next(&a);
        if (c >= 0)
            hb = walk_next(&b);
    }
    blob_finish(s_work, count, elen);
    return store(s_work, PT_CONFIG_HEADER_SIZE + elen + 4);
}
#else
enum pt_status pt_config_write(const uint8_t *blob, uint32_t len)
{
    enum pt_status s = pt_config_validate(blob, len);
    return s == PT_OK ? store(blob, len) : s;
}
#endif

enum pt_status pt_config_get(const char *key, uint32_t klen, uint8_t *value, uint32_t *vlen)
{
    enum pt_status s = check_key((const uint8_t *)key, klen);
    if (s != PT_OK)
        return s;
    if (s_len < PT_CONFIG_HEADER_SIZE + 4)
        return pt_fail(PT_E_NOT_FOUND, "config key %.*s not set", (int)klen, key);
    uint32_t count = pt_get16(s_blob + 6);
    const uint8_t *p = s_blob + PT_CONFIG_HEADER_SIZE;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t kl = *p++;
        const uint8_t *k = p;
        p += kl;
        uint32_t vl = *p++;
        if (kl == klen && memcmp(k, key, klen) == 0) {
            memcpy(value, p, vl);
            *vlen = vl;
            return PT_OK;
        }
        p += vl;
    }
    return pt_fail(PT_E_NOT_FOUND, "config key %.*s not set", (int)klen, key);
}

enum pt_status pt_config_set(const char *key, uint32_t klen, const uint8_t *value, uint32_t vlen)
{
    const uint8_t *k8 = (const uint8_t *)key;
    enum pt_status s = check_key(k8, klen);
    if (s != PT_OK)
        return s;
    if (vlen > PT_CONFIG_VALUE_MAX)
        return pt_fail(PT_E_BAD_CONFIG, "config value for %.*s is %lu bytes, max 128", (int)klen,
                       key, (unsigned long)vlen);
    uint32_t count = s_len >= PT_CONFIG_HEADER_SIZE + 4 ? pt_get16(s_blob + 6) : 0;
    const uint8_t *p = s_blob + PT_CONFIG_HEADER_SIZE;
    uint32_t elen = 0, out_count = 0;
    bool placed = vlen == 0; /* deleting: nothing to insert */
    for (uint32_t i = 0; i < count; i++) {
        uint32_t kl = *p++;
        const uint8_t *k = p;
        p += kl;
        uint32_t vl = *p++;
        const uint8_t *v = p;
        p += vl;
        int c = key_cmp(k, kl, k8, klen);
        if (!placed && c > 0) {
            if (!blob_add(s_work, &elen, k8, klen, value, vlen))
                goto too_big;
            out_count++;
            placed = true;
        }
        if (c == 0)
            continue; /* replaced or deleted */
        if (!blob_add(s_work, &elen, k, kl, v, vl))
            goto too_big;
        out_count++;
    }
    if (!placed) {
        if (!blob_add(s_work, &elen, k8, klen, value, vlen))
            goto too_big;
        out_count++;
    }
    blob_finish(s_work, out_count, elen);
    return store(s_work, PT_CONFIG_HEADER_SIZE + elen + 4);
too_big:
    return pt_fail(PT_E_BAD_CONFIG, "setting %.*s would make the config exceed 1024 bytes", (int)klen, key);
}
