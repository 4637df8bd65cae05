/* Staged package parsing and verification (package.h, docs/package-format.md). */
#include "package.h"

#include <string.h>

#include "keyblock.h"
#include "keyset.h"
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"

/* Fixed part and descriptors: what parse_manifest reads into RAM. An encrypted package's key
 * block follows (up to PT_KEYBLOCK_MAX_SIZE more bytes), hashed from flash. */
/* The product key encrypted packages are wrapped to: the key set's in force (a key update may
 * have replaced the provisioned one), in builds without key updates the provisioned one. */
#ifdef PT_WITH_KEYSET
#define PRODUCT_KEY pt_keyset_product_key
#else
#define PRODUCT_KEY pt_crypt_product_key
#endif

#define MANIFEST_MAX (PT_MANIFEST_FIXED_SIZE + PT_MANIFEST_PAYLOAD_SIZE_V2 * PT_MANIFEST_MAX_PAYLOADS)

static bool all_zero(const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (p[i] != 0)
            return false;
    return true;
}

/* Copies a NUL-padded ASCII field; false when it is not NUL-terminated within n bytes or holds
 * bytes after the first NUL. */
static bool padded_string(const uint8_t *p, uint32_t n, char *out)
{
    uint32_t len = 0;
    while (len < n && p[len] != 0)
        len++;
    if (len == n || !all_zero(p + len, n - len))
        return false;
    memcpy(out, p, len);
    out[len] = '\0';
    return true;
}

/* Manifest format 1 or 2 (docs/package-format.md "Manifest"). Format 1 descriptors read as
 * format 2 ones with encoding 0, image size = stored size and image hash = stored hash. `m`
 * holds the first min(mlen, MANIFEST_MAX) bytes of the `mlen`-byte manifest; *kb_len receives
 * the length of the key block after the descriptors (0 unless flag ENCRYPTED). */
static enum pt_status parse_manifest(const uint8_t *m, uint32_t mlen, pt_manifest_info *out, uint32_t *kb_len)
{
#ifndef PT_TERSE_MESSAGES /* terse builds: the magic check below refuses it with the same status */
    if (memcmp(m, PT_KEYUPD_MAGIC, 4) == 0)
        return pt_fail(PT_E_BAD_PACKAGE, "this is a key update, not a package to install: apply it with KEY_UPDATE (piton-cli keys update-device)");
#endif
    if (memcmp(m, PT_MANIFEST_MAGIC, 4) != 0)
        return pt_fail(PT_E_BAD_PACKAGE, "manifest magic is not PTMF");
    const uint32_t format = pt_get16(m + 4);
    if (format != PT_MANIFEST_FORMAT_V1 && format != PT_MANIFEST_FORMAT_V2)
        return pt_fail(PT_E_BAD_PACKAGE, "manifest format version %lu is not 1 or 2", (unsigned long)format);
    const uint32_t dsize = format == PT_MANIFEST_FORMAT_V1 ? PT_MANIFEST_PAYLOAD_SIZE : PT_MANIFEST_PAYLOAD_SIZE_V2;
    uint32_t count = pt_get16(m + 6);
    if (count < 1 || count > PT_MANIFEST_MAX_PAYLOADS)
        return pt_fail(PT_E_BAD_PACKAGE, "manifest has %lu payloads, expected 1 or 2", (unsigned long)count);
    const uint32_t desc_end = PT_MANIFEST_FIXED_SIZE + dsize * count;
    const bool encrypted = format == PT_MANIFEST_FORMAT_V2 && (pt_get32(m + 48) & PT_MANIFEST_FLAG_ENCRYPTED) != 0;
#ifdef PT_WITH_CRYPT
    *kb_len = mlen >= desc_end ? mlen - desc_end : 0;
    if (encrypted ? (mlen < desc_end + PT_KEYBLOCK_HEADER_SIZE || *kb_len > PT_KEYBLOCK_MAX_SIZE) : mlen != desc_end)
#else
    /* This build cannot decrypt (the Cortex-M4 images: no room for AES, ECDH, GCM). */
    *kb_len = 0;
    if (encrypted)
        return pt_fail(PT_E_VERIFY_KEY, "package is encrypted; this board cannot decrypt");
    if (mlen != desc_end)
#endif
        return pt_fail(PT_E_BAD_PACKAGE, "manifest length %lu does not match %lu payloads", (unsigned long)mlen,
                       (unsigned long)count);
    if (!padded_string(m + 8, 32, out->board_id))
        return pt_fail(PT_E_BAD_PACKAGE, "manifest board id is not NUL-padded ASCII");
    out->format = format;
    out->version = pt_get32(m + 40);
    out->security_counter = pt_get32(m + 44);
    out->flags = pt_get32(m + 48);
    /* Known flags only (ENCRYPTED: format 2, a key block follows the descriptors;
     * pt_package_verify settles authenticity before it refuses or unwraps). */
    if ((out->flags & ~PT_MANIFEST_FLAGS_KNOWN) != 0 ||
        (format == PT_MANIFEST_FORMAT_V1 && (out->flags & PT_MANIFEST_FLAG_ENCRYPTED) != 0))
        return pt_fail(PT_E_BAD_PACKAGE, "manifest flags 0x%08lx are not supported", (unsigned long)out->flags);
    out->payload_count = count;
    uint32_t expect_area = 0;
    bool seen[3] = {false, false, false};
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *d = m + PT_MANIFEST_FIXED_SIZE + dsize * i;
        pt_payload_info *p = &out->payloads[i];
        p->kind = d[0];
        if (p->kind != PT_PAYLOAD_FIRMWARE && p->kind != PT_PAYLOAD_APPLICATION)
            return pt_fail(PT_E_BAD_PACKAGE, "payload %lu has unknown kind %u", (unsigned long)i, d[0]);
        if (seen[p->kind])
            return pt_fail(PT_E_BAD_PACKAGE, "two payloads of kind %u", p->kind);
        seen[p->kind] = true;
        if (format == PT_MANIFEST_FORMAT_V1) {
            if (!all_zero(d + 1, 3) || !all_zero(d + 72, 8))
                return pt_fail(PT_E_BAD_PACKAGE, "payload %lu reserved bytes are not 0", (unsigned long)i);
        } else {
            p->encoding = d[PT_DESC2_ENCODING];
            if (!all_zero(d + 2, 2) || !all_zero(d + 76, 4))
                return pt_fail(PT_E_BAD_PACKAGE, "payload %lu reserved bytes are not 0", (unsigned long)i);
            /* AES-CTR needs the key block (flag ENCRYPTED), and the flag an encrypted payload. */
            if ((p->encoding & ~(encrypted ? PT_ENCODING_KNOWN : PT_ENCODING_LZ4)) != 0)
                return pt_fail(PT_E_BAD_PACKAGE, "payload %lu encoding 0x%02x is not supported", (unsigned long)i,
                               p->encoding);
            if (!(p->encoding & PT_ENCODING_AES_CTR) && !all_zero(d + PT_DESC2_CTR, PT_MANIFEST_CTR_SIZE))
                return pt_fail(PT_E_BAD_PACKAGE, "payload %lu has a counter block but is not encrypted", (unsigned long)i);
        }
        if (!padded_string(d + 4, 16, p->region))
            return pt_fail(PT_E_BAD_PACKAGE, "payload %lu region name is not NUL-padded ASCII", (unsigned long)i);
        const char *want = p->kind == PT_PAYLOAD_FIRMWARE ? PT_REGION_NAME_FIRMWARE : PT_REGION_NAME_DEPLOYMENT;
        if (strcmp(p->region, want) != 0)
            return pt_fail(PT_E_BAD_PACKAGE, "payload %lu of kind %u targets region %s, expected %s",
                           (unsigned long)i, p->kind, p->region, want);
        p->load_offset = pt_get32(d + 20);
        p->size = pt_get32(d + 24);
        p->area_offset = pt_get32(d + 28);
        p->version = pt_get32(d + 32);
        p->requires_firmware = pt_get32(d + 36);
        memcpy(p->sha256, d + 40, 32);
        if (format == PT_MANIFEST_FORMAT_V1) {
            p->image_size = p->size;
            memcpy(p->image_sha256, p->sha256, 32);
        } else {
            p->image_size = pt_get32(d + PT_DESC2_IMAGE_SIZE);
            memcpy(p->image_sha256, d + PT_DESC2_IMAGE_SHA256, 32);
            memcpy(p->ctr, d + PT_DESC2_CTR, PT_MANIFEST_CTR_SIZE);
            /* Without an encoding the stored bytes are the image. */
            if (p->encoding == 0 && (p->image_size != p->size || memcmp(p->image_sha256, p->sha256, 32) != 0))
                return pt_fail(PT_E_BAD_PACKAGE, "payload %lu is not encoded, but its image size or hash differs from the stored one",
                               (unsigned long)i);
        }
        if (p->size == 0 || p->image_size == 0)
            return pt_fail(PT_E_BAD_PACKAGE, "payload %lu has size 0", (unsigned long)i);
        if (p->area_offset != expect_area)
            return pt_fail(PT_E_BAD_PACKAGE, "payload %lu area offset %lu, expected %lu",
                           (unsigned long)i, (unsigned long)p->area_offset, (unsigned long)expect_area);
        if (p->kind == PT_PAYLOAD_FIRMWARE && p->requires_firmware != 0)
            return pt_fail(PT_E_BAD_PACKAGE, "firmware payload carries a firmware requirement");
        const pt_region *tr = pt_region_by_name(p->region);
        if (!tr)
            return pt_fail(PT_E_BAD_PACKAGE, "this board has no region %s", p->region);
        if (p->load_offset > tr->size || p->image_size > tr->size - p->load_offset)
            return pt_fail(PT_E_BAD_PACKAGE, "payload %lu 0x%lx+0x%lx does not fit region %s (0x%lx)",
                           (unsigned long)i, (unsigned long)p->load_offset, (unsigned long)p->image_size,
                           p->region, (unsigned long)tr->size);
        if (p->size > UINT32_MAX - expect_area)
            return pt_fail(PT_E_BAD_PACKAGE, "payload sizes overflow");
        expect_area += p->size;
    }
#ifdef PT_WITH_CRYPT
    bool any = false;
    for (uint32_t i = 0; i < count; i++)
        any = any || (out->payloads[i].encoding & PT_ENCODING_AES_CTR) != 0;
    if (encrypted && !any)
        return pt_fail(PT_E_BAD_PACKAGE, "manifest has a key block, but no payload is encrypted");
#endif
    return PT_OK;
}

#if !defined PT_WITH_KEYSET && !defined PT_KEYSET_READER
/* PT_OK when `sig` verifies under one of the board's root keys; *by_root then. */
static enum pt_status check_root_signature(const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len, bool *by_root)
{
    const pt_board *b = pt_hal_board();
    *by_root = false;
    for (uint32_t k = 0; k < b->root_key_count && k < PT_MAX_ROOT_KEYS; k++) {
        pt_hal_result rc = pt_key_verify(&b->root_keys[k], hash, sig, sig_len);
        if (rc == PT_HAL_OK) {
            *by_root = true;
            return PT_OK;
        }
        if (rc == PT_HAL_E_NO_MEMORY)
            return pt_fail(PT_E_INTERNAL, "out of crypto memory checking the signature with root key %lu", (unsigned long)k);
    }
    return PT_E_VERIFY_SIGNATURE;
}
#endif

#ifdef PT_WITH_KEYSET
/* PT_OK when `sig` verifies under one of the package keys of the board's key set (keyset.h: a
 * key update may have rotated or revoked the provisioned ones) or one of its root keys; *by_root
 * tells which. A revoked key is no longer in the set, so its packages are refused here. */
static enum pt_status check_signature(const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len, bool *by_root)
{
    pt_keyset ks;
    enum pt_status s = pt_keyset_load(&ks);
    if (s != PT_OK)
        return s;
    *by_root = false;
    if (ks.package_count == 0 && ks.root_count == 0)
        return pt_fail(PT_E_VERIFY_SIGNATURE, "device has no trusted keys");
    for (uint32_t k = 0; k < ks.package_count; k++) {
        pt_hal_result rc = pt_hal_p256_verify(ks.package[k], hash, sig, sig_len);
        if (rc == PT_HAL_OK)
            return PT_OK;
        if (rc == PT_HAL_E_NO_MEMORY)
            return pt_fail(PT_E_INTERNAL, "out of crypto memory checking the signature with package key %lu", (unsigned long)k);
    }
    s = pt_keyset_verify_root(&ks, hash, sig, sig_len); /* the root keys in force (a key update may rotate them) */
    *by_root = s == PT_OK;
    if (s != PT_E_VERIFY_SIGNATURE)
        return s;
    return pt_fail(PT_E_VERIFY_SIGNATURE,
                   "manifest signature does not verify under any of the %u package keys of key set generation %lu%s",
                   ks.package_count, (unsigned long)ks.generation,
                   ks.revoked_count ? " (revoked keys are not among them)" : "");
}
#elif defined PT_KEYSET_READER
/* A bootloader that only reads the key store (keyset.h; its agent applies key updates): the
 * package keys and root keys of the newest valid record; its factory writes generation 0 as one,
 * so no record means no trusted key. A revoked key is in no record's list, so its packages are
 * refused, at verify and again at install. */
static enum pt_status check_signature(const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len, bool *by_root)
{
    uint8_t r[PT_KEYSET_RECORD_SIZE];
    uint32_t slot = 0, free_slot = 0, used = 0;
    *by_root = false;
    enum pt_status s = pt_keyset_newest(r, &slot, &free_slot, &used);
    if (s == PT_OK && slot == UINT32_MAX)
        return pt_fail(PT_E_VERIFY_SIGNATURE, "device has no trusted keys (its key store holds no key set)");
    if (s == PT_OK)
        s = pt_keyset_record_verify(r, hash, sig, sig_len, by_root);
    if (s != PT_E_VERIFY_SIGNATURE)
        return s;
    return pt_fail(PT_E_VERIFY_SIGNATURE, "manifest signature does not verify under any of the %u package keys of key set "
                   "generation %lu (revoked keys are not among them)", r[PT_KEYSET_OFF_COUNTS],
                   (unsigned long)pt_get32(r + PT_KEYSET_OFF_GENERATION));
}
#else
/* PT_OK when `sig` verifies under one of the board's trusted keys or root keys; *by_root tells
 * which. */
static enum pt_status check_signature(const uint8_t hash[32], const uint8_t *sig, uint32_t sig_len, bool *by_root)
{
    const pt_board *b = pt_hal_board();
    *by_root = false;
    if (b->trusted_key_count == 0 && b->root_key_count == 0)
        return pt_fail(PT_E_VERIFY_SIGNATURE, "device has no trusted keys");
    for (uint32_t k = 0; k < b->trusted_key_count && k < PT_MAX_TRUSTED_KEYS; k++) {
        pt_hal_result rc = pt_key_verify(&b->trusted_keys[k], hash, sig, sig_len);
        if (rc == PT_HAL_OK)
            return PT_OK;
        if (rc == PT_HAL_E_NO_MEMORY)
            return pt_fail(PT_E_INTERNAL, "out of crypto memory checking the signature with trusted key %lu", (unsigned long)k);
    }
    enum pt_status s = check_root_signature(hash, sig, sig_len, by_root);
    if (s != PT_E_VERIFY_SIGNATURE)
        return s;
    return pt_fail(PT_E_VERIFY_SIGNATURE, "manifest signature does not verify under any of %u trusted keys",
                   b->trusted_key_count);
}
#endif

/* Which image of `bs` a payload of `kind` replaces. */
static const pt_installed_image *installed_of(const pt_bootstate *bs, uint8_t kind)
{
    return kind == PT_PAYLOAD_FIRMWARE ? &bs->firmware : &bs->application;
}

/* Rollback protection (docs/security.md, "Device keys"): the security counter may not go down,
 * nor up by more than PT_SECURITY_COUNTER_MAX_STEP unless a root key signed the package; a
 * payload older than the installed image needs PT_MANIFEST_FLAG_ROLLBACK in the signed flags. */
static enum pt_status check_rollback(const pt_manifest_info *m, uint32_t flags, bool by_root, const pt_bootstate *bs)
{
    if (m->security_counter < bs->security_counter)
        return pt_fail(PT_E_VERIFY_COUNTER, "package security counter %lu is below the device's %lu",
                       (unsigned long)m->security_counter, (unsigned long)bs->security_counter);
    if (m->security_counter - bs->security_counter > PT_SECURITY_COUNTER_MAX_STEP && !by_root)
        return pt_fail(PT_E_VERIFY_COUNTER,
                       "package security counter %lu is more than %u above the device's %lu; only a root key may sign that",
                       (unsigned long)m->security_counter, (unsigned)PT_SECURITY_COUNTER_MAX_STEP,
                       (unsigned long)bs->security_counter);
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const pt_payload_info *p = &m->payloads[i];
        const pt_installed_image *now = installed_of(bs, p->kind);
        if (now->present && p->version < now->version && !(flags & PT_MANIFEST_FLAG_ROLLBACK))
            return pt_fail(PT_E_VERIFY_COUNTER,
                           "%s %lu.%lu.%lu is older than the installed %lu.%lu.%lu and the package is not a rollback release",
                           p->kind == PT_PAYLOAD_FIRMWARE ? "firmware" : "application",
                           (unsigned long)(p->version >> 24), (unsigned long)((p->version >> 16) & 0xFF),
                           (unsigned long)(p->version & 0xFFFF), (unsigned long)(now->version >> 24),
                           (unsigned long)((now->version >> 16) & 0xFF), (unsigned long)(now->version & 0xFFFF));
    }
    return PT_OK;
}

enum pt_status pt_package_verify(const pt_region *r, uint32_t offset, uint32_t size,
                                 const pt_bootstate *bs, pt_manifest_info *out)
{
    memset(out, 0, sizeof *out);
    uint8_t hdr[PT_PACKAGE_HEADER_SIZE];
    if (size < PT_PACKAGE_HEADER_SIZE)
        return pt_fail(PT_E_BAD_PACKAGE, "package of %lu bytes is shorter than its header", (unsigned long)size);
    enum pt_status s = pt_region_read(r, offset, hdr, sizeof hdr);
    if (s != PT_OK)
        return s;
    if (memcmp(hdr, PT_PACKAGE_MAGIC, 4) != 0)
        return pt_fail(PT_E_BAD_PACKAGE, "package magic is not PTPK");
    if (pt_get16(hdr + 4) != PT_PACKAGE_FORMAT_VERSION)
        return pt_fail(PT_E_BAD_PACKAGE, "package format version %u is not 1", pt_get16(hdr + 4));
    /* Header extensions (16..hsize) are unsigned hints for the workstation: skipped here. */
    uint32_t hsize = pt_get16(hdr + 6);
    if (hsize < PT_PACKAGE_HEADER_SIZE || hsize > PT_PACKAGE_HEADER_MAX)
        return pt_fail(PT_E_BAD_PACKAGE, "package header size %lu is outside 16..256", (unsigned long)hsize);
    uint32_t mlen = pt_get32(hdr + 8), slen = pt_get16(hdr + 12);
    if (pt_get16(hdr + 14) != 0)
        return pt_fail(PT_E_BAD_PACKAGE, "package reserved field is not 0");
    if (mlen < PT_MANIFEST_FIXED_SIZE + PT_MANIFEST_PAYLOAD_SIZE || mlen > MANIFEST_MAX + PT_KEYBLOCK_MAX_SIZE)
        return pt_fail(PT_E_BAD_PACKAGE, "manifest length %lu is outside 132..924", (unsigned long)mlen);
    if (slen < 1 || slen > PT_SIGNATURE_MAX)
        return pt_fail(PT_E_BAD_PACKAGE, "signature length %lu is outside 1..72", (unsigned long)slen);
    if (size < hsize + mlen + slen)
        return pt_fail(PT_E_BAD_PACKAGE, "package of %lu bytes is shorter than header, manifest and signature",
                       (unsigned long)size);
    uint8_t m[MANIFEST_MAX];
    uint8_t sig[PT_SIGNATURE_MAX];
    s = pt_region_read(r, offset + hsize, m, mlen < MANIFEST_MAX ? mlen : MANIFEST_MAX);
    if (s == PT_OK)
        s = pt_region_read(r, offset + hsize + mlen, sig, slen);
    if (s != PT_OK)
        return s;
    uint32_t kb_len = 0;
    s = parse_manifest(m, mlen, out, &kb_len);
    if (s != PT_OK)
        return s;
#ifdef PT_WITH_CRYPT
    uint8_t kb[PT_KEYBLOCK_MAX_SIZE];
    if (out->flags & PT_MANIFEST_FLAG_ENCRYPTED) {
        s = pt_region_read(r, offset + hsize + mlen - kb_len, kb, kb_len);
        if (s == PT_OK)
            s = pt_keyblock_check(kb, kb_len);
        if (s != PT_OK)
            return s;
    }
#endif
    uint32_t area = hsize + mlen + slen;
    uint64_t total = area;
    for (uint32_t i = 0; i < out->payload_count; i++) {
        out->payloads[i].file_offset = area + out->payloads[i].area_offset;
        total += out->payloads[i].size;
    }
    /* No %llu: newlib-nano's printf (small targets) does not have it. */
    if (total > UINT32_MAX)
        return pt_fail(PT_E_BAD_PACKAGE, "package is %lu bytes, its manifest describes more than 4 GiB",
                       (unsigned long)size);
    if (total != size)
        return pt_fail(PT_E_BAD_PACKAGE, "package is %lu bytes, its manifest describes %lu",
                       (unsigned long)size, (unsigned long)total);

    /* Signature over SHA-256(manifest) before any manifest field is trusted. */
    uint8_t hash[32];
#ifdef PT_WITH_CRYPT
    if (mlen > MANIFEST_MAX) { /* only with a key block */
        if ((s = pt_region_sha256(r, offset + hsize, mlen, hash)) != PT_OK)
            return s;
    } else
#endif
        pt_sha256(m, mlen, hash);
    bool by_root = false;
    s = check_signature(hash, sig, slen, &by_root);
    if (s != PT_OK)
        return s;

    if (strcmp(out->board_id, pt_hal_board()->board_id) != 0)
        return pt_fail(PT_E_VERIFY_BOARD, "package is for board %s, this is %s", out->board_id,
                       pt_hal_board()->board_id);
    s = check_rollback(out, out->flags, by_root, bs);
    if (s != PT_OK)
        return s;
    /* Authentic and for this board: whether it can decrypt. The agent refuses here, before the
     * package is marked pending; the bootloader before it erases anything. */
#ifdef PT_WITH_CRYPT
    if (out->flags & PT_MANIFEST_FLAG_ENCRYPTED) {
        s = pt_keyblock_match_from(kb, kb_len, PRODUCT_KEY);
        if (s != PT_OK)
            return s;
    }
#endif
    for (uint32_t i = 0; i < out->payload_count; i++) {
        const pt_payload_info *p = &out->payloads[i];
        uint8_t got[32];
        s = pt_region_sha256(r, offset + p->file_offset, p->size, got);
        if (s != PT_OK)
            return s;
        if (memcmp(got, p->sha256, 32) != 0)
            return pt_fail(PT_E_VERIFY_HASH, "SHA-256 of %s payload does not match the manifest",
                           p->kind == PT_PAYLOAD_FIRMWARE ? "firmware" : "application");
    }
    /* The firmware this package brings, else the one installed. */
    bool have_fw = bs->firmware.present;
    uint32_t fw_version = bs->firmware.version;
    for (uint32_t i = 0; i < out->payload_count; i++)
        if (out->payloads[i].kind == PT_PAYLOAD_FIRMWARE) {
            have_fw = true;
            fw_version = out->payloads[i].version;
        }
    for (uint32_t i = 0; i < out->payload_count; i++) {
        const pt_payload_info *p = &out->payloads[i];
        if (p->kind == PT_PAYLOAD_APPLICATION && p->requires_firmware != 0 &&
            (!have_fw || fw_version < p->requires_firmware)) {
            if (!have_fw)
                return pt_fail(PT_E_VERIFY_COMPAT,
                               "application requires firmware %lu.%lu.%lu, none is installed",
                               (unsigned long)(p->requires_firmware >> 24),
                               (unsigned long)((p->requires_firmware >> 16) & 0xFF),
                               (unsigned long)(p->requires_firmware & 0xFFFF));
            return pt_fail(PT_E_VERIFY_COMPAT, "application requires firmware %lu.%lu.%lu, device has %lu.%lu.%lu",
                           (unsigned long)(p->requires_firmware >> 24),
                           (unsigned long)((p->requires_firmware >> 16) & 0xFF),
                           (unsigned long)(p->requires_firmware & 0xFFFF), (unsigned long)(fw_version >> 24),
                           (unsigned long)((fw_version >> 16) & 0xFF), (unsigned long)(fw_version & 0xFFFF));
        }
    }
    return PT_OK;
}

enum pt_status pt_package_payload_key(const pt_region *r, uint32_t offset, uint32_t index, uint8_t key[32])
{
    memset(key, 0, 32);
#ifdef PT_WITH_CRYPT
    uint8_t hdr[PT_PACKAGE_HEADER_SIZE], m[MANIFEST_MAX], kb[PT_KEYBLOCK_MAX_SIZE], h[32], cek[PT_CONTENT_KEY_SIZE];
    enum pt_status s = pt_region_read(r, offset, hdr, sizeof hdr);
    if (s != PT_OK)
        return s;
    const uint32_t hsize = pt_get16(hdr + 6), mlen = pt_get32(hdr + 8);
    s = pt_region_read(r, offset + hsize, m, PT_MANIFEST_FIXED_SIZE);
    if (s != PT_OK)
        return s;
    const uint32_t desc_end = PT_MANIFEST_FIXED_SIZE + PT_MANIFEST_PAYLOAD_SIZE_V2 * pt_get16(m + 6);
    if (desc_end > MANIFEST_MAX || mlen <= desc_end || mlen - desc_end > PT_KEYBLOCK_MAX_SIZE)
        return pt_fail(PT_E_BAD_PACKAGE, "package has no key block");
    s = pt_region_read(r, offset + hsize, m, desc_end);
    if (s == PT_OK)
        s = pt_region_read(r, offset + hsize + desc_end, kb, mlen - desc_end);
    if (s != PT_OK)
        return s;
    pt_sha256(m, desc_end, h);
    s = pt_keyblock_unwrap_from(kb, mlen - desc_end, h, cek, PRODUCT_KEY);
    if (s == PT_OK)
        s = pt_payload_key(cek, (uint8_t)index, key);
    memset(cek, 0, sizeof cek);
    if (s != PT_OK)
        memset(key, 0, 32);
    return s;
#else
    (void)r;
    (void)offset;
    (void)index;
    return pt_fail(PT_E_VERIFY_KEY, "this bootloader cannot decrypt packages");
#endif
}
