/* The board's key set and key updates (keyset.h, docs/security.md "Rotating and revoking keys"). */
#include "keyset.h"

#include <string.h>

#include "package.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"
#ifdef PT_WITH_CRYPT
#include "keyblock.h"
#include "piton/crypt.h"
#endif

#define OFF_GENERATION PT_KEYSET_OFF_GENERATION
#define OFF_COUNTS PT_KEYSET_OFF_COUNTS
#define OFF_PACKAGE PT_KEYSET_OFF_PACKAGE
#define OFF_ACCESS PT_KEYSET_OFF_ACCESS
#define OFF_REVOKED PT_KEYSET_OFF_REVOKED
#define OFF_PRODUCT_FP PT_KEYSET_OFF_PRODUCT_FP
#define OFF_PRODUCT_PRIV PT_KEYSET_OFF_PRODUCT_PRIV
#define OFF_ROOTS PT_KEYSET_OFF_ROOTS
#define OFF_HASH PT_KEYSET_OFF_HASH

/* Not in the Cortex-M4 agent (PT_SERVICES_CLIENT): the bootloader's, through its service table
 * (common/services.h, ABI 3.3). */
#if (defined PT_WITH_KEYSET || defined PT_KEYSET_READER) && !defined PT_SERVICES_CLIENT
void pt_keyset_fingerprint(const uint8_t point[65], uint8_t fp[32])
{
    pt_hal_sha256_ctx c;
    pt_hal_sha256_start(&c);
    pt_hal_sha256_update(&c, pt_p256_spki_prefix, PT_P256_SPKI_PREFIX_SIZE);
    pt_hal_sha256_update(&c, point, 65);
    pt_hal_sha256_finish(&c, fp);
}

#endif

#ifdef PT_WITH_KEYSET /* the key set: builds without it keep the provisioned keys (keyset.h) */


bool pt_keyset_is_revoked(const pt_keyset *ks, const uint8_t fp[32])
{
    for (uint32_t i = 0; i < ks->revoked_count && i < PT_KEYSET_MAX_REVOKED; i++)
        if (memcmp(ks->revoked[i], fp, 32) == 0)
            return true;
    return false;
}

/* The point of a provisioned DER key; false when it is not a P-256 SubjectPublicKeyInfo. */
static bool der_point(const pt_trusted_key *k, uint8_t point[65])
{
    if (k->der_len != PT_P256_SPKI_PREFIX_SIZE + 65u ||
        memcmp(k->der, pt_p256_spki_prefix, PT_P256_SPKI_PREFIX_SIZE) != 0)
        return false;
    memcpy(point, k->der + PT_P256_SPKI_PREFIX_SIZE, 65);
    return true;
}

enum pt_status pt_keyset_verify_root(const pt_keyset *ks, const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len)
{
    for (uint32_t i = 0; i < ks->root_count && i < PT_MAX_ROOT_KEYS; i++) {
        pt_hal_result r = pt_hal_p256_verify(ks->root[i], hash, sig, sig_len);
        if (r == PT_HAL_OK)
            return PT_OK;
        if (r == PT_HAL_E_NO_MEMORY)
            return pt_fail(PT_E_INTERNAL, "out of crypto memory checking the signature with root key %lu", (unsigned long)i);
    }
    return PT_E_VERIFY_SIGNATURE;
}

/* The provisioned root keys (generation 0, and every format-1 record). */
static void provisioned_roots(pt_keyset *ks)
{
    const pt_board *b = pt_hal_board();
    ks->root_count = 0;
    for (uint32_t i = 0; i < b->root_key_count && i < PT_MAX_ROOT_KEYS; i++)
        if (der_point(&b->root_keys[i], ks->root[ks->root_count]))
            ks->root_count++;
}

/* Generation 0: the factory provisioning. */
static void provisioned(pt_keyset *ks)
{
    const pt_board *b = pt_hal_board();
    provisioned_roots(ks);
    for (uint32_t i = 0; i < b->trusted_key_count && i < PT_MAX_TRUSTED_KEYS; i++)
        if (der_point(&b->trusted_keys[i], ks->package[ks->package_count]))
            ks->package_count++;
    for (uint32_t i = 0; i < b->access_key_count && i < PT_MAX_ACCESS_KEYS; i++)
        if (der_point(&b->access_keys[i], ks->access[ks->access_count]))
            ks->access_count++;
#ifdef PT_WITH_CRYPT
    ks->has_product = pt_crypt_product_key(NULL, ks->product_fp) == PT_HAL_OK;
#endif
}

#define slot_count pt_keyset_slot_count

/* Decodes a valid record (pt_keyset_read_slot checked its hash and counts). */
static void decode(const uint8_t *r, pt_keyset *ks)
{
    const uint32_t roots = r[OFF_COUNTS + 3] >> 4;
    ks->generation = pt_get32(r + OFF_GENERATION);
    ks->package_count = r[OFF_COUNTS];
    ks->access_count = r[OFF_COUNTS + 1];
    ks->revoked_count = r[OFF_COUNTS + 2];
    ks->product_stored = (r[OFF_COUNTS + 3] & 1u) == 1u;
    if (pt_get16(r + 4) == 1u) {
        provisioned_roots(ks);
    } else {
        ks->root_count = (uint8_t)roots;
        for (uint32_t i = 0; i < roots; i++) {
            ks->root[i][0] = 0x04;
            memcpy(ks->root[i] + 1, r + OFF_ROOTS + 64u * i, 64);
        }
    }
    memcpy(ks->package, r + OFF_PACKAGE, sizeof ks->package);
    memcpy(ks->access, r + OFF_ACCESS, sizeof ks->access);
    for (uint32_t i = 0; i < PT_KEYSET_MAX_REVOKED; i++) {
        ks->revoked_role[i] = r[OFF_REVOKED + 33u * i];
        memcpy(ks->revoked[i], r + OFF_REVOKED + 33u * i + 1u, 32);
    }
    memcpy(ks->product_fp, r + OFF_PRODUCT_FP, 32);
    memcpy(ks->product_priv, r + OFF_PRODUCT_PRIV, 32);
}

static void encode(const pt_keyset *ks, uint8_t *r)
{
    memset(r, 0, PT_KEYSET_RECORD_SIZE);
    memcpy(r, PT_KEYSET_MAGIC, 4);
    pt_put16(r + 4, 2u);
    pt_put16(r + 6, (uint16_t)PT_KEYSET_RECORD_SIZE);
    pt_put32(r + OFF_GENERATION, ks->generation);
    r[OFF_COUNTS] = ks->package_count;
    r[OFF_COUNTS + 1] = ks->access_count;
    r[OFF_COUNTS + 2] = ks->revoked_count;
    r[OFF_COUNTS + 3] = (uint8_t)((ks->product_stored ? 1u : 0u) | (uint32_t)ks->root_count << 4);
    memcpy(r + OFF_PACKAGE, ks->package, sizeof ks->package);
    memcpy(r + OFF_ACCESS, ks->access, sizeof ks->access);
    for (uint32_t i = 0; i < ks->revoked_count; i++) {
        r[OFF_REVOKED + 33u * i] = ks->revoked_role[i];
        memcpy(r + OFF_REVOKED + 33u * i + 1u, ks->revoked[i], 32);
    }
    if (ks->product_stored) {
        memcpy(r + OFF_PRODUCT_FP, ks->product_fp, 32);
        memcpy(r + OFF_PRODUCT_PRIV, ks->product_priv, 32);
    }
    for (uint32_t i = 0; i < ks->root_count && i < PT_MAX_ROOT_KEYS; i++)
        memcpy(r + OFF_ROOTS + 64u * i, ks->root[i] + 1, 64);
    pt_sha256(r, OFF_HASH, r + OFF_HASH);
}

/* Scans the store (pt_keyset_newest): the newest valid record decoded into *best (found = true)
 * from slot *best_slot, the first erased slot into *free_slot (UINT32_MAX: none), the slots not
 * erased into *used. */
static enum pt_status scan(pt_keyset *best, bool *found, uint32_t *best_slot, uint32_t *free_slot, uint32_t *used)
{
    uint8_t r[PT_KEYSET_RECORD_SIZE];
    enum pt_status s = pt_keyset_newest(r, best_slot, free_slot, used);
    *found = s == PT_OK && *best_slot != UINT32_MAX;
    if (*found)
        decode(r, best);
    memset(r, 0, sizeof r);
    return s;
}

/* Slot reclaim (docs/security.md "Key store"): with no erased slot left, erases one flash sector
 * that lies wholly inside the key store and holds neither the record in force (`keep`) nor
 * anything outside the store; of those, the one whose newest valid record is oldest (torn and
 * invalid slots count as oldest). The record in force is never touched, so a power cut during
 * the erase leaves it in force. *slot: the first slot of the erased sector; UINT32_MAX when no
 * sector qualifies (every slot shares its sector with the record in force or with other data).
 * *freed: the slots it erased. */
static enum pt_status reclaim(uint32_t keep, uint32_t *slot, uint32_t *freed)
{
    const pt_board *b = pt_hal_board();
    const uint32_t lo = b->keystore_address, hi = lo + slot_count() * PT_KEYSET_SLOT_SIZE;
    uint32_t best_start = 0, best_first = UINT32_MAX;
    int64_t best_gen = INT64_MAX;
    *slot = UINT32_MAX;
    *freed = 0;
    for (uint32_t s = 0; s < slot_count(); s++) {
        uint32_t start = 0, size = 0;
        const uint32_t at = lo + s * PT_KEYSET_SLOT_SIZE;
        if (pt_hal_flash_sector_of(at, &start, &size) != PT_HAL_OK || start != at)
            continue; /* only sectors that begin at a slot */
        if (start < lo || size > hi - start || size % PT_KEYSET_SLOT_SIZE != 0)
            continue; /* the sector reaches outside the store */
        const uint32_t n = size / PT_KEYSET_SLOT_SIZE;
        if (keep != UINT32_MAX && keep >= s && keep < s + n)
            continue; /* holds the key set in force */
        int64_t newest = -1;
        for (uint32_t k = s; k < s + n; k++) {
            uint8_t r[PT_KEYSET_RECORD_SIZE];
            const int v = pt_keyset_read_slot(k, r);
            if (v == -2)
                return pt_fail(PT_E_FLASH, "cannot read key set slot %lu", (unsigned long)k);
            if (v == 0 && (int64_t)pt_get32(r + OFF_GENERATION) > newest)
                newest = pt_get32(r + OFF_GENERATION);
            memset(r, 0, sizeof r);
        }
        if (newest < best_gen) {
            best_gen = newest;
            best_start = start;
            best_first = s;
        }
    }
    if (best_first == UINT32_MAX)
        return PT_OK;
    if (pt_hal_flash_erase_sector(best_start) != PT_HAL_OK)
        return pt_fail(PT_E_FLASH, "erasing key store sector 0x%08lx failed; the board keeps its key set",
                       (unsigned long)best_start);
    pt_hal_log("keys: key store sector reclaimed");
    *slot = best_first;
    uint32_t start = 0, size = 0;
    if (pt_hal_flash_sector_of(b->keystore_address + best_first * PT_KEYSET_SLOT_SIZE, &start, &size) == PT_HAL_OK)
        *freed = size / PT_KEYSET_SLOT_SIZE;
    return PT_OK;
}

enum pt_status pt_keyset_load(pt_keyset *ks)
{
    memset(ks, 0, sizeof *ks);
    bool found = false;
    uint32_t free_slot = 0, used = 0, slot = 0;
    enum pt_status s = scan(ks, &found, &slot, &free_slot, &used);
    if (s != PT_OK)
        return s;
    if (!found) {
        memset(ks, 0, sizeof *ks);
        provisioned(ks);
    } else if (ks->product_stored) {
        ks->has_product = true;
    } else {
#ifdef PT_WITH_CRYPT
        ks->has_product = pt_crypt_product_key(NULL, ks->product_fp) == PT_HAL_OK;
#endif
    }
    ks->slots_used = (uint8_t)used;
    ks->slots_total = (uint8_t)slot_count();
    return PT_OK;
}

uint8_t pt_keyset_access_count(void)
{
    pt_keyset ks;
    /* An unreadable store keeps the policy on where the provisioning has access keys. */
    uint8_t n = pt_keyset_load(&ks) == PT_OK ? ks.access_count : pt_hal_board()->access_key_count;
    memset(&ks, 0, sizeof ks);
    return n;
}

#ifdef PT_WITH_CRYPT
pt_hal_result pt_keyset_product_key(uint8_t priv[32], uint8_t fp[32])
{
    pt_keyset ks;
    pt_hal_result r = PT_HAL_E_RANGE;
    if (pt_keyset_load(&ks) == PT_OK && ks.product_stored) {
        if (priv)
            memcpy(priv, ks.product_priv, 32);
        if (fp)
            memcpy(fp, ks.product_fp, 32);
        r = PT_HAL_OK;
    } else {
        r = pt_crypt_product_key(priv, fp);
    }
    pt_crypt_zeroize(&ks, sizeof ks);
    return r;
}
#endif

#endif

#if defined PT_WITH_KEYSET || defined PT_KEYSET_COMPACT_UPDATE /* the parser: also the Cortex-M4 agent's */
static bool zero(const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

enum pt_status pt_keyupdate_parse(const uint8_t *buf, uint32_t len, pt_keyupdate *ku)
{
    memset(ku, 0, sizeof *ku);
    if (len < PT_PACKAGE_HEADER_SIZE)
        return pt_fail(PT_E_BAD_PACKAGE, "key update of %lu bytes is shorter than its header", (unsigned long)len);
    if (memcmp(buf, PT_PACKAGE_MAGIC, 4) != 0)
        return pt_fail(PT_E_BAD_PACKAGE, "key update magic is not PTPK");
    if (pt_get16(buf + 4) != PT_PACKAGE_FORMAT_VERSION)
        return pt_fail(PT_E_BAD_PACKAGE, "package format version %u is not 1", pt_get16(buf + 4));
    if (pt_get16(buf + 6) != PT_PACKAGE_HEADER_SIZE)
        return pt_fail(PT_E_BAD_PACKAGE, "key update header size %u: key updates carry no header extensions",
                       pt_get16(buf + 6));
    const uint32_t mlen = pt_get32(buf + 8), slen = pt_get16(buf + 12);
    if (pt_get16(buf + 14) != 0)
        return pt_fail(PT_E_BAD_PACKAGE, "package reserved field is not 0");
    if (slen < 1 || slen > PT_SIGNATURE_MAX)
        return pt_fail(PT_E_BAD_PACKAGE, "signature length %lu is outside 1..72", (unsigned long)slen);
    if (mlen < PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE || mlen > PT_KEYUPD_MAX_SIZE ||
        PT_PACKAGE_HEADER_SIZE + mlen + slen != len)
        return pt_fail(PT_E_BAD_PACKAGE, "key update of %lu bytes does not match its manifest (%lu) and signature (%lu) lengths",
                       (unsigned long)len, (unsigned long)mlen, (unsigned long)slen);
    const uint8_t *m = buf + PT_PACKAGE_HEADER_SIZE;
    if (memcmp(m, PT_KEYUPD_MAGIC, 4) != 0)
        return pt_fail(PT_E_BAD_PACKAGE, "manifest magic is not PTKU: not a key update");
    if (pt_get16(m + 4) != PT_KEYUPD_FORMAT_VERSION)
        return pt_fail(PT_E_BAD_PACKAGE, "key update format version %u is not 1", pt_get16(m + 4));
    const uint32_t count = pt_get16(m + 6);
    if (count < 1 || count > PT_KEYUPD_MAX_ENTRIES)
        return pt_fail(PT_E_BAD_PACKAGE, "key update has %lu entries, expected 1..%u", (unsigned long)count,
                       (unsigned)PT_KEYUPD_MAX_ENTRIES);
    uint32_t n = 0;
    while (n < PT_MANIFEST_BOARD_ID_SIZE && m[8 + n] != 0)
        n++;
    if (n == 0 || n == PT_MANIFEST_BOARD_ID_SIZE || !zero(m + 8 + n, PT_MANIFEST_BOARD_ID_SIZE - n))
        return pt_fail(PT_E_BAD_PACKAGE, "key update board id is not NUL-padded ASCII");
    memcpy(ku->board_id, m + 8, n);
    ku->generation = pt_get32(m + PT_KEYUPD_OFF_GENERATION);
    ku->flags = pt_get32(m + PT_KEYUPD_OFF_FLAGS);
    if (ku->flags & ~(uint32_t)PT_KEYUPD_FLAG_PRODUCT_KEY)
        return pt_fail(PT_E_BAD_PACKAGE, "key update flags 0x%08lx are not supported", (unsigned long)ku->flags);
    if (ku->generation == 0)
        return pt_fail(PT_E_BAD_PACKAGE, "key update generation 0 is the factory provisioning");
    const uint32_t entries_end = PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE * count;
#ifdef PT_KEYSET_COMPACT_UPDATE /* no product key, so no key block (a product entry without the flag: BAD_PACKAGE below) */
    if (ku->flags)
        return pt_fail(PT_E_STATE, "this board's firmware does not take a product key; it keeps its key set");
    const uint32_t kb_len = 0;
#else
    const uint32_t kb_len = (ku->flags & PT_KEYUPD_FLAG_PRODUCT_KEY) ? PT_KEYBLOCK_HEADER_SIZE + PT_KEYBLOCK_RECIPIENT_SIZE : 0u;
#endif
    if (mlen < entries_end + kb_len) /* before the entries are read */
        return pt_fail(PT_E_BAD_PACKAGE, "key update manifest of %lu bytes is too short for %lu entries",
                       (unsigned long)mlen, (unsigned long)count);
    uint32_t products = 0, root_adds = 0;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *e = m + PT_KEYUPD_FIXED_SIZE + PT_KEYUPD_ENTRY_SIZE * i;
        if ((e[0] != PT_KEYUPD_ADD && e[0] != PT_KEYUPD_REVOKE) || e[1] < PT_KEY_PACKAGE || e[1] > PT_KEY_ROOT ||
            !zero(e + 2, 2) || !zero(e + 101, 3))
            return pt_fail(PT_E_BAD_PACKAGE, "key update entry %lu: action %u, role %u or reserved bytes not valid",
                           (unsigned long)i, e[0], e[1]);
        const uint8_t *point = e + PT_KEYUPD_ENTRY_OFF_POINT;
        if (e[0] == PT_KEYUPD_REVOKE) {
            if (!zero(point, 65))
                return pt_fail(PT_E_BAD_PACKAGE, "key update entry %lu: a revocation carries no key", (unsigned long)i);
            if (e[1] == PT_KEY_PRODUCT)
                return pt_fail(PT_E_BAD_PACKAGE,
                               "key update entry %lu: the product key is revoked by delivering a new one", (unsigned long)i);
            continue;
        }
        uint8_t fp[32];
        if (point[0] != 0x04)
            return pt_fail(PT_E_BAD_PACKAGE, "key update entry %lu: key is not an uncompressed P-256 point", (unsigned long)i);
        pt_keyset_fingerprint(point, fp);
        if (memcmp(fp, e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT, 32) != 0)
            return pt_fail(PT_E_BAD_PACKAGE, "key update entry %lu: fingerprint does not match its key", (unsigned long)i);
        products += e[1] == PT_KEY_PRODUCT;
        root_adds += e[1] == PT_KEY_ROOT;
    }
    /* The size with the root key proof: the entries (inside the manifest, checked above) say
     * whether there is one. */
    if (root_adds > PT_KEYUPD_MAX_ROOT_ADDS)
        return pt_fail(PT_E_BAD_PACKAGE, "key update adds %lu root keys; one update adds at most %u",
                       (unsigned long)root_adds, (unsigned)PT_KEYUPD_MAX_ROOT_ADDS);
    const uint32_t proof_len = root_adds * PT_KEYUPD_PROOF_SIZE;
    if (mlen != entries_end + kb_len + proof_len)
        return pt_fail(PT_E_BAD_PACKAGE, "key update manifest of %lu bytes, expected %lu for %lu entries%s%s",
                       (unsigned long)mlen, (unsigned long)(entries_end + kb_len + proof_len), (unsigned long)count,
                       kb_len ? " and a key block" : "", proof_len ? " and a root key proof" : "");
    if (proof_len) {
        const uint8_t *p = m + entries_end + kb_len;
        if (p[0] < 1 || p[0] > PT_SIGNATURE_MAX || !zero(p + 1, 3) || !zero(p + 4 + p[0], PT_SIGNATURE_MAX - p[0]))
            return pt_fail(PT_E_BAD_PACKAGE, "key update root key proof: signature length %u or padding not valid", p[0]);
        ku->proof = p;
    }
    if (products != (kb_len ? 1u : 0u))
        return pt_fail(PT_E_BAD_PACKAGE, "key update has %lu new product keys and %s key block",
                       (unsigned long)products, kb_len ? "a" : "no");
#ifdef PT_WITH_CRYPT
    if (kb_len) {
        enum pt_status s = pt_keyblock_check(m + entries_end, kb_len);
        if (s != PT_OK)
            return s;
    }
#else
    if (kb_len)
        return pt_fail(PT_E_VERIFY_KEY, "this board cannot decrypt, so it cannot take a product key");
#endif
    ku->manifest = m;
    ku->manifest_len = mlen;
    ku->entries = m + PT_KEYUPD_FIXED_SIZE;
    ku->entry_count = count;
    ku->keyblock = kb_len ? m + entries_end : NULL;
    ku->keyblock_len = kb_len;
    ku->signature = m + mlen;
    ku->signature_len = slen;
    return PT_OK;
}

#endif

#ifdef PT_WITH_KEYSET
static void hex4(const uint8_t *fp, char out[9])
{
    static const char d[] = "0123456789abcdef";
    for (int i = 0; i < 4; i++) {
        out[2 * i] = d[fp[i] >> 4];
        out[2 * i + 1] = d[fp[i] & 15u];
    }
    out[8] = '\0';
}

static const char *role_name(uint8_t role)
{
    return role == PT_KEY_PACKAGE ? "package" : role == PT_KEY_ACCESS ? "access" : role == PT_KEY_ROOT ? "root" : "product";
}

/* The key list of `role` in `ks` (package, access or root) and its count. */
static uint8_t (*keys_of(pt_keyset *ks, uint8_t role, uint8_t **n, uint32_t *max))[65]
{
    if (role == PT_KEY_ROOT) {
        *n = &ks->root_count;
        *max = PT_MAX_ROOT_KEYS;
        return ks->root;
    }
    *max = PT_KEYSET_MAX_KEYS;
    *n = role == PT_KEY_PACKAGE ? &ks->package_count : &ks->access_count;
    return role == PT_KEY_PACKAGE ? ks->package : ks->access;
}

/* Removes the key with fingerprint `fp` from `keys` (count *n). */
static void remove_key(uint8_t keys[][65], uint8_t *n, const uint8_t fp[32])
{
    for (uint32_t i = 0; i < *n;) {
        uint8_t f[32];
        pt_keyset_fingerprint(keys[i], f);
        if (memcmp(f, fp, 32) == 0) {
            memmove(keys[i], keys[i + 1], (size_t)(*n - i - 1u) * 65u);
            (*n)--;
            memset(keys[*n], 0, 65);
        } else {
            i++;
        }
    }
}

static enum pt_status add_revoked(pt_keyset *ks, uint8_t role, const uint8_t fp[32])
{
    if (pt_keyset_is_revoked(ks, fp))
        return PT_OK;
    if (ks->revoked_count >= PT_KEYSET_MAX_REVOKED)
        return pt_fail(PT_E_BAD_PACKAGE, "the board's revocation list is full (%u keys)", (unsigned)PT_KEYSET_MAX_REVOKED);
    ks->revoked_role[ks->revoked_count] = role;
    memcpy(ks->revoked[ks->revoked_count++], fp, 32);
    return PT_OK;
}

static enum pt_status add_key(pt_keyset *ks, uint8_t role, const uint8_t *e)
{
    const uint8_t *fp = e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT;
    char h[9];
    hex4(fp, h);
    if (pt_keyset_is_revoked(ks, fp))
        return pt_fail(PT_E_BAD_PACKAGE, "%s key %s... was revoked; a revoked key cannot be trusted again", role_name(role), h);
    uint8_t *n;
    uint32_t max;
    uint8_t(*keys)[65] = keys_of(ks, role, &n, &max);
    for (uint32_t i = 0; i < *n; i++)
        if (memcmp(keys[i], e + PT_KEYUPD_ENTRY_OFF_POINT, 65) == 0)
            return PT_OK; /* trusted already */
    if (*n >= max)
        return pt_fail(PT_E_BAD_PACKAGE, "the board would trust more than %u %s keys", (unsigned)max, role_name(role));
    memcpy(keys[(*n)++], e + PT_KEYUPD_ENTRY_OFF_POINT, 65);
    return PT_OK;
}

/* The new product key: unwrapped with the current one and checked against its public point. */
static enum pt_status take_product_key(pt_keyset *ks, const pt_keyupdate *ku, const uint8_t *e)
{
#ifdef PT_WITH_CRYPT
    static const uint8_t g[65] = {0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5, 0x63,
                                  0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39,
                                  0x45, 0xd8, 0x98, 0xc2, 0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e,
                                  0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e,
                                  0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5}; /* P-256 base point, SEC 2 §2.4.2 */
    if (!ks->has_product)
        return pt_fail(PT_E_VERIFY_KEY, "this board holds no product key to unwrap a new one with; provision one at the factory");
    uint8_t h[32], priv[32], x[32];
    pt_sha256(ku->manifest, ku->manifest_len - ku->keyblock_len, h);
    enum pt_status s = pt_keyblock_unwrap_from(ku->keyblock, ku->keyblock_len, h, priv, pt_keyset_product_key);
    if (s != PT_OK)
        return s;
    pt_hal_result r = pt_crypt_p256_ecdh(priv, g, x);
    const bool match = r == PT_HAL_OK && memcmp(x, e + PT_KEYUPD_ENTRY_OFF_POINT + 1, 32) == 0;
    if (!match) {
        pt_crypt_zeroize(priv, sizeof priv);
        return pt_fail(PT_E_VERIFY_KEY, "the delivered product key does not match its public key in the entry");
    }
    s = add_revoked(ks, PT_KEY_PRODUCT, ks->product_fp);
    if (s == PT_OK) {
        memcpy(ks->product_priv, priv, 32);
        memcpy(ks->product_fp, e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT, 32);
        ks->product_stored = true;
        ks->has_product = true;
    }
    pt_crypt_zeroize(priv, sizeof priv);
    return s;
#else
    (void)ks, (void)ku, (void)e;
    return pt_fail(PT_E_VERIFY_KEY, "this board cannot decrypt, so it cannot take a product key");
#endif
}

enum pt_status pt_keyupdate_apply(const uint8_t *buf, uint32_t len, pt_keyset *now)
{
    memset(now, 0, sizeof *now);
    pt_keyupdate ku;
    enum pt_status s = pt_keyupdate_parse(buf, len, &ku);
    if (s != PT_OK)
        return s;
    /* Only a root key of the key set in force (before this update) signs a key update. */
    const pt_board *b = pt_hal_board();
    pt_keyset cur;
    bool found = false;
    uint32_t free_slot = UINT32_MAX, used = 0, in_force = UINT32_MAX;
    if ((s = pt_keyset_load(&cur)) != PT_OK || (s = scan(now, &found, &in_force, &free_slot, &used)) != PT_OK)
        return s;
    if (cur.root_count == 0)
        return pt_fail(PT_E_VERIFY_SIGNATURE, "this board has no root key, so it takes no key update (factory provisioning)");
    uint8_t h[32];
    pt_sha256(ku.manifest, ku.manifest_len, h);
    s = pt_keyset_verify_root(&cur, h, ku.signature, ku.signature_len);
    if (s == PT_E_VERIFY_SIGNATURE)
        s = pt_fail(PT_E_VERIFY_SIGNATURE, "key update is not signed by a root key of this board's key set generation %lu "
                                           "(package and access keys cannot sign one, nor can a revoked root key)",
                    (unsigned long)cur.generation);
    if (s == PT_OK && ku.proof) {
        /* The new root key's proof of possession: its signature over the manifest before the proof. */
        const uint8_t *e = ku.entries;
        while (!(e[0] == PT_KEYUPD_ADD && e[1] == PT_KEY_ROOT))
            e += PT_KEYUPD_ENTRY_SIZE;
        pt_sha256(ku.manifest, (uint32_t)(ku.proof - ku.manifest), h);
        pt_hal_result r = pt_hal_p256_verify(e + PT_KEYUPD_ENTRY_OFF_POINT, h, ku.proof + 4, ku.proof[0]);
        if (r == PT_HAL_E_NO_MEMORY)
            s = pt_fail(PT_E_INTERNAL, "out of crypto memory checking the new root key's proof");
        else if (r != PT_HAL_OK)
            s = pt_fail(PT_E_VERIFY_SIGNATURE, "the new root key's proof of possession does not verify: it was not "
                                               "signed by the private half of the root key the update adds");
    }
    if (s == PT_OK && strcmp(ku.board_id, b->board_id) != 0)
        s = pt_fail(PT_E_VERIFY_BOARD, "key update is for board %s, this is %s", ku.board_id, b->board_id);
    if (s != PT_OK) {
        memset(&cur, 0, sizeof cur);
        memset(now, 0, sizeof *now);
        return s;
    }
    if (ku.generation <= cur.generation)
        return pt_fail(PT_E_KEY_GENERATION, "key update generation %lu is not above the board's key set generation %lu",
                       (unsigned long)ku.generation, (unsigned long)cur.generation);
    if (slot_count() == 0)
        return pt_fail(PT_E_STATE, "this board has no key store; it keeps its provisioned keys");
    /* The new set: revocations first, then additions (a rotation names both in one update). */
    *now = cur;
    now->generation = ku.generation;
    for (uint32_t pass = 0; pass < 2 && s == PT_OK; pass++)
        for (uint32_t i = 0; i < ku.entry_count && s == PT_OK; i++) {
            const uint8_t *e = ku.entries + PT_KEYUPD_ENTRY_SIZE * i;
            const uint8_t *fp = e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT;
            if (pass == 0 && e[0] == PT_KEYUPD_REVOKE) {
                /* Revoked means trusted in no role (pt_keyset_is_revoked compares fingerprints
                 * only): the key leaves the package, access and root lists whichever role the
                 * entry names (the product key is revoked by delivering a new one). */
                for (uint8_t role = PT_KEY_PACKAGE; role <= PT_KEY_ROOT; role = (uint8_t)(role * 2u)) {
                    uint8_t *n;
                    uint32_t max;
                    uint8_t(*keys)[65] = keys_of(now, role, &n, &max);
                    remove_key(keys, n, fp);
                }
                s = add_revoked(now, e[1], fp);
            } else if (pass == 1 && e[0] == PT_KEYUPD_ADD) {
                s = e[1] == PT_KEY_PRODUCT ? take_product_key(now, &ku, e) : add_key(now, e[1], e);
            }
        }
    if (s == PT_OK && now->root_count == 0)
        s = pt_fail(PT_E_BAD_PACKAGE, "the board would trust no root key and could take no key update again; "
                                      "add the new root key in the same update");
    if (s == PT_OK && now->package_count == 0)
        s = pt_fail(PT_E_BAD_PACKAGE, "the board would trust no package key; add the new key in the same update");
    if (s == PT_OK && cur.access_count > 0 && now->access_count == 0)
        s = pt_fail(PT_E_BAD_PACKAGE, "the board would trust no access key, which would switch its access policy off");
    if (s == PT_OK && free_slot == UINT32_MAX) { /* every slot used: reclaim a sector, after every check passed */
        uint32_t freed = 0;
        s = reclaim(in_force, &free_slot, &freed);
        if (s == PT_OK && free_slot == UINT32_MAX)
            s = pt_fail(PT_E_KEYSTORE_FULL, "all %lu key set slots are used and each shares its flash sector with the "
                                            "key set in force or other data; re-provision the board at the factory",
                        (unsigned long)slot_count());
        used -= freed;
    }
    if (s == PT_OK) {
        uint8_t r[PT_KEYSET_RECORD_SIZE], back[PT_KEYSET_RECORD_SIZE];
        encode(now, r);
        const uint32_t at = b->keystore_address + free_slot * PT_KEYSET_SLOT_SIZE;
        if (pt_hal_flash_program(at, r, sizeof r) != PT_HAL_OK || pt_hal_flash_read(at, back, sizeof back) != PT_HAL_OK ||
            memcmp(r, back, sizeof r) != 0)
            s = pt_fail(PT_E_FLASH, "programming key set slot %lu failed; the board keeps generation %lu",
                        (unsigned long)free_slot, (unsigned long)cur.generation);
        memset(r, 0, sizeof r);
        memset(back, 0, sizeof back);
    }
    memset(&cur, 0, sizeof cur);
    if (s != PT_OK) {
        memset(now, 0, sizeof *now);
        return s;
    }
    now->slots_used = (uint8_t)(used + 1u);
    now->slots_total = (uint8_t)slot_count();
    return PT_OK;
}

#endif

#ifdef PT_KEYSET_COMPACT_UPDATE
/* True when `fp` is on the revocation list of the record `r`. */
static bool record_revoked(const uint8_t *r, const uint8_t *fp)
{
    for (uint32_t i = 0; i < r[OFF_COUNTS + 2]; i++)
        if (memcmp(r + OFF_REVOKED + 33u * i + 1u, fp, 32) == 0)
            return true;
    return false;
}

/* Takes the key with fingerprint `fp` out of the `n` keys at `keys` of a record (65-byte points,
 * or 64 bytes without the 0x04 when `root`); returns the count left. */
static __attribute__((noinline)) uint32_t record_drop(uint8_t *keys, uint32_t n, uint32_t root, const uint8_t *fp)
{
    const uint32_t stride = 65u - root;
    for (uint32_t k = 0; k < n;) {
        uint8_t *key = keys + stride * k, point[65], f[32];
        point[0] = 0x04;
        memcpy(point + root, key, stride);
        pt_keyset_fingerprint(point, f);
        if (memcmp(f, fp, 32) == 0) {
            memmove(key, key + stride, stride * (--n - k));
            memset(keys + stride * n, 0, stride);
        } else {
            k++;
        }
    }
    return n;
}

enum pt_status pt_keyupdate_apply_record(const uint8_t *buf, uint32_t len, uint8_t r[PT_KEYSET_RECORD_SIZE],
                                         uint32_t *used)
{
    pt_keyupdate ku;
    const pt_board *b = pt_hal_board();
    uint32_t slot = 0, free_slot = 0;
    bool by_root = false;
    uint8_t h[32];
    enum pt_status s = pt_keyupdate_parse(buf, len, &ku);
    if (s == PT_OK)
        s = pt_keyset_newest(r, &slot, &free_slot, used);
    if (s == PT_OK && slot == UINT32_MAX)
        s = pt_fail(PT_E_STATE, "this board's key store holds no key set; re-provision it at the factory");
    if (s != PT_OK)
        return s;
    const uint32_t gen = pt_get32(r + OFF_GENERATION);
    /* Only a root key of the key set in force signs a key update (a package key's signature
     * verifies with by_root false: refused as well). */
    pt_sha256(ku.manifest, ku.manifest_len, h);
    s = pt_keyset_record_verify(r, h, ku.signature, ku.signature_len, &by_root);
    if (s == PT_E_VERIFY_SIGNATURE || (s == PT_OK && !by_root))
        s = pt_fail(PT_E_VERIFY_SIGNATURE, "key update is not signed by a root key of this board's key set generation %lu",
                    (unsigned long)gen);
    if (s == PT_OK && strcmp(ku.board_id, b->board_id) != 0)
        s = pt_fail(PT_E_VERIFY_BOARD, "key update is for board %s, this is %s", ku.board_id, b->board_id);
    if (s == PT_OK && ku.generation <= gen)
        s = pt_fail(PT_E_KEY_GENERATION, "key update generation %lu is not above the board's key set generation %lu",
                    (unsigned long)ku.generation, (unsigned long)gen);
    /* The new set in `r`: revocations first, then additions (a rotation names both). A revocation
     * takes the key out of all three lists whichever role its entry names (revoked means trusted
     * in no role: the revocation list is matched by fingerprint alone), as pt_keyupdate_apply;
     * an addition goes to its own role's list. The record holds package and access keys as
     * 65-byte points at OFF_PACKAGE and OFF_ACCESS, root keys as 64 bytes (the point without its
     * 0x04) at OFF_ROOTS; their counts in bytes 12, 13 and bits 4..7 of byte 15, i.e. at
     * OFF_COUNTS + role - 1 (keyset.h, protocol.h enum pt_key_role). The product key has no
     * entry here: the parser refused it. */
    _Static_assert(PT_KEY_PACKAGE == 1 && PT_KEY_ACCESS == 2 && PT_KEY_ROOT == 4, "count bytes 12, 13, 15");
    uint8_t *revoked = r + OFF_COUNTS + 2;
    const uint8_t had_access = r[OFF_COUNTS + 1];
    for (uint32_t add = 0; add < 2; add++)
        for (uint32_t role = PT_KEY_PACKAGE; role <= PT_KEY_ROOT; role *= 2u)
            for (uint32_t i = 0; s == PT_OK && i < ku.entry_count; i++) {
                const uint8_t *e = ku.entries + PT_KEYUPD_ENTRY_SIZE * i, *fp = e + PT_KEYUPD_ENTRY_OFF_FINGERPRINT;
                if (e[0] != (add ? PT_KEYUPD_ADD : PT_KEYUPD_REVOKE) || (add && e[1] != role))
                    continue;
                const uint32_t root = role == PT_KEY_ROOT, stride = 65u - root, shift = root * 4u;
                uint8_t *count = r + OFF_COUNTS + role - 1u;
                uint8_t *keys = r + (root ? OFF_ROOTS : OFF_PACKAGE + (OFF_ACCESS - OFF_PACKAGE) * (role - 1u));
                /* Out of the list: a revoked key (of every list), and a key added again (appended
                 * below, so the list holds it once). */
                uint32_t n = record_drop(keys, *count >> shift, root, fp);
                if (!add && !record_revoked(r, fp)) {
                    if (*revoked >= PT_KEYSET_MAX_REVOKED)
                        s = pt_fail(PT_E_BAD_PACKAGE, "the board's revocation list is full (%u keys)",
                                    PT_KEYSET_MAX_REVOKED);
                    else {
                        r[OFF_REVOKED + 33u * *revoked] = e[1];
                        memcpy(r + OFF_REVOKED + 33u * (*revoked)++ + 1u, fp, 32);
                    }
                } else if (add) {
                    const uint8_t *point = e + PT_KEYUPD_ENTRY_OFF_POINT;
                    /* A root key the update adds proves possession: its signature over the manifest
                     * before the proof (pt_keyupdate_apply's check; the parser found the proof). The
                     * board holds PT_MAX_ACCESS_KEYS access keys (pt_board.access_keys, which the port
                     * fills from the record: pt_hal_keyset_in_force) and PT_MAX_ROOT_KEYS root keys. */
                    _Static_assert(PT_MAX_ROOT_KEYS == PT_MAX_ACCESS_KEYS, "one limit for access and root keys");
                    if (root) {
                        pt_sha256(ku.manifest, (uint32_t)(ku.proof - ku.manifest), h);
                        const pt_hal_result rc = pt_hal_p256_verify(point, h, ku.proof + 4, ku.proof[0]);
                        if (rc != PT_HAL_OK)
                            s = pt_fail(rc == PT_HAL_E_NO_MEMORY ? PT_E_INTERNAL : PT_E_VERIFY_SIGNATURE,
                                        "the new root key's proof of possession does not verify");
                    }
                    /* An access key on a board without an identity key (no access block): no session
                     * could be opened with it, yet the keyless rule would end and LOCK be allowed, so
                     * the board could become unserviceable. */
                    if (s == PT_OK && e[1] == PT_KEY_ACCESS && !b->has_identity)
                        s = pt_fail(PT_E_STATE, "this board has no identity key (provisioned without an access block): "
                                                "it takes no access key; provision one at the factory");
                    else if (s == PT_OK && record_revoked(r, fp))
                        s = pt_fail(PT_E_BAD_PACKAGE,
                                    "key %lu of the update was revoked; a revoked key cannot be trusted again",
                                    (unsigned long)i);
                    else if (s == PT_OK && n >= (e[1] == PT_KEY_PACKAGE ? PT_KEYSET_MAX_KEYS : PT_MAX_ACCESS_KEYS))
                        s = pt_fail(PT_E_BAD_PACKAGE, "the board would trust more than %lu keys of role %u",
                                    (unsigned long)n, e[1]);
                    else if (s == PT_OK)
                        memcpy(keys + stride * n++, point + root, stride);
                }
                *count = (uint8_t)((*count & ~(0xFu << shift)) | n << shift);
            }
    /* No role left without keys: package and root keys never (no package could install, no key
     * update apply again), access keys not on a board that had some (its access policy would
     * switch off), as pt_keyupdate_apply. */
    if (s == PT_OK && (r[OFF_COUNTS] == 0 || r[OFF_COUNTS + 3] >> 4 == 0 ||
                       (r[OFF_COUNTS + 1] == 0 && had_access)))
        s = pt_fail(PT_E_BAD_PACKAGE, "the board would trust no package, root or access key; add the new key in the same update");
    if (s != PT_OK)
        return s;
    if (free_slot == UINT32_MAX) {
        /* Every slot used: reclaim the sector after the one that holds the record in force
         * (wrapping round the store). It holds only older or torn records, so a power cut during
         * its erase leaves the key set in force as it is. A store of one sector, or sectors that
         * do not start at a slot, reclaims nothing: KEYSTORE_FULL. */
        const uint32_t lo = b->keystore_address, hi = lo + b->keystore_size;
        uint32_t start = 0, size = 0, next = 0, next_size = 0;
        if (pt_hal_flash_sector_of(lo + slot * PT_KEYSET_SLOT_SIZE, &start, &size) == PT_HAL_OK) {
            next = start + size < hi ? start + size : lo;
            if (next != start && pt_hal_flash_sector_of(next, &next, &next_size) == PT_HAL_OK &&
                (next - lo) % PT_KEYSET_SLOT_SIZE == 0 && next_size <= hi - next &&
                pt_hal_flash_erase_sector(next) == PT_HAL_OK) {
                pt_hal_log("keys: key store sector reclaimed");
                free_slot = (next - lo) / PT_KEYSET_SLOT_SIZE;
                *used -= next_size / PT_KEYSET_SLOT_SIZE;
            }
        }
        if (free_slot == UINT32_MAX)
            return pt_fail(PT_E_KEYSTORE_FULL, "all %lu key set slots are used and none can be reclaimed",
                           (unsigned long)(b->keystore_size / PT_KEYSET_SLOT_SIZE));
    }
    pt_put32(r + OFF_GENERATION, ku.generation);
    pt_sha256(r, OFF_HASH, r + OFF_HASH);
    /* Read back through the store's reader: the slot must now hold a valid record, this one. */
    if (pt_hal_flash_program(b->keystore_address + free_slot * PT_KEYSET_SLOT_SIZE, r,
                             PT_KEYSET_RECORD_SIZE) != PT_HAL_OK ||
        pt_keyset_read_slot(free_slot, r) != 0 || pt_get32(r + OFF_GENERATION) != ku.generation)
        return pt_fail(PT_E_FLASH, "programming key set slot %lu failed; the board keeps generation %lu",
                       (unsigned long)free_slot, (unsigned long)gen);
    (*used)++;
    pt_hal_keyset_in_force(r); /* the access policy trusts the new access keys from now on */
    return PT_OK;
}
#endif
