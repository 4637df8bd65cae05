/* The application's side of the bootloader's service table (common/services.h): the agent's
 * flash and crypto functions of hal.h (but the session crypto), its package verification, its
 * boot state record, config store and staging transfer are the bootloader's, called through the
 * table. Linked into an application image in place of the port's flash driver, crypto
 * (pt_crypto_mbedtls.c) and common/package.c, bootstate.c, record_store.c, config_store.c and
 * staging.c. */
#include <string.h>

#include "services.h"

static const pt_services *s_svc;
/* Forwarders stay calls (4 bytes at each call site): inlined by LTO, each site would load the
 * table and call through it (measured: the agent 230 B larger). */
#define PT_FORWARDER __attribute__((noinline))
/* The oldest minor this build uses (a variable: with minor 0 the test would be constant). */
static const uint16_t k_need_minor = PT_SERVICES_ABI_MINOR;

/* "agent: bootloader services at 0x21000080 ..." without printf (small targets). */
static char *put_text(char *at, const char *text)
{
    size_t n = strlen(text);
    memcpy(at, text, n + 1);
    return at + n;
}

static char *put_hex(char *at, uint32_t v)
{
    at = put_text(at, "0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        *at++ = "0123456789abcdef"[(v >> shift) & 0xFu];
    *at = '\0';
    return at;
}

static char *put_dec(char *at, uint32_t v)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    while (n > 0)
        *at++ = digits[--n];
    *at = '\0';
    return at;
}

bool pt_services_bind(uint32_t address)
{
    const pt_services *t = (const pt_services *)(uintptr_t)address;
    char line[200];
    char *p = put_hex(put_text(line, "agent: bootloader services at "), address);
    p = put_dec(put_text(p, ", ABI "), t->abi_major);
    p = put_dec(put_text(p, "."), t->abi_minor);
    bool usable = t->magic == PT_SERVICES_MAGIC && t->abi_major == PT_SERVICES_ABI_MAJOR &&
                  t->abi_minor >= k_need_minor && t->size >= sizeof(pt_services);
    if (!usable) {
        /* One line with what was found and what is needed, e.g. a bootloader without a table
         * (another magic) or with an incompatible one. */
        p = put_hex(put_text(p, ", magic "), t->magic);
        p = put_dec(put_text(p, ", "), t->size);
        p = put_dec(put_text(p, " bytes: incompatible, this agent needs PTSV ABI "), PT_SERVICES_ABI_MAJOR);
        p = put_dec(put_text(p, "."), k_need_minor);
        put_text(p, " or a later minor; not using them");
    } else if (t->init() != PT_OK) {
        put_text(p, ": init failed (board not provisioned?); not using them");
        usable = false;
    } else {
        s_svc = t;
    }
    pt_hal_log(line);
    return usable;
}

PT_FORWARDER pt_hal_result pt_hal_flash_read(uint32_t address, void *buf, uint32_t len)
{
    return s_svc->flash_read(address, buf, len);
}

PT_FORWARDER pt_hal_result pt_hal_flash_program(uint32_t address, const void *buf, uint32_t len)
{
    return s_svc->flash_program(address, buf, len);
}

PT_FORWARDER pt_hal_result pt_hal_flash_erase_sector(uint32_t address) { return s_svc->flash_erase_sector(address); }

PT_FORWARDER pt_hal_result pt_hal_flash_sector_of(uint32_t address, uint32_t *start, uint32_t *size)
{
    return s_svc->flash_sector_of(address, start, size);
}

PT_FORWARDER void pt_hal_sha256_start(pt_hal_sha256_ctx *ctx) { s_svc->sha256_start(ctx); }

PT_FORWARDER void pt_hal_sha256_update(pt_hal_sha256_ctx *ctx, const void *data, uint32_t len)
{
    s_svc->sha256_update(ctx, data, len);
}

PT_FORWARDER void pt_hal_sha256_finish(pt_hal_sha256_ctx *ctx, uint8_t out[32]) { s_svc->sha256_finish(ctx, out); }

PT_FORWARDER pt_hal_result pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig,
                                 uint32_t sig_len)
{
    return s_svc->p256_verify(point, hash, sig, sig_len);
}

PT_FORWARDER enum pt_status pt_package_verify(const pt_region *r, uint32_t offset, uint32_t size, const pt_bootstate *bs,
                                 pt_manifest_info *out)
{
    return s_svc->package_verify(r, offset, size, bs, out);
}

PT_FORWARDER enum pt_status pt_bootstate_load(pt_bootstate *out) { return s_svc->bootstate_load(out); }

PT_FORWARDER enum pt_status pt_bootstate_save(const pt_bootstate *bs) { return s_svc->bootstate_save(bs); }
PT_FORWARDER enum pt_status pt_config_init(void) { return s_svc->config_init(); }
PT_FORWARDER enum pt_config_state pt_config_state(void) { return s_svc->config_state(); }
PT_FORWARDER const uint8_t *pt_config_blob(uint32_t *len) { return s_svc->config_blob(len); }
PT_FORWARDER enum pt_status pt_config_write(const uint8_t *blob, uint32_t len) { return s_svc->config_write(blob, len); }
PT_FORWARDER enum pt_status pt_config_get(const char *key, uint32_t klen, uint8_t *value, uint32_t *vlen)
{
    return s_svc->config_get(key, klen, value, vlen);
}
PT_FORWARDER enum pt_status pt_config_set(const char *key, uint32_t klen, const uint8_t *value, uint32_t vlen)
{
    return s_svc->config_set(key, klen, value, vlen);
}
/* The table's init zeroed the bootloader's statics, the staging state among them: nothing left
 * to reset (pt_app_start calls this right after pt_services_bind). */
void pt_staging_reset_ram(void) {}
PT_FORWARDER enum pt_status pt_staging_begin(uint32_t size, const uint8_t sha256[32], uint32_t *staged)
{
    return s_svc->staging_begin(size, sha256, staged);
}
PT_FORWARDER enum pt_status pt_staging_data(uint32_t offset, const uint8_t *data, uint32_t len, uint32_t *staged)
{
    return s_svc->staging_data(offset, data, len, staged);
}
PT_FORWARDER void pt_staging_status(uint8_t *state, uint32_t *size, uint32_t *staged, uint8_t sha256[32])
{
    s_svc->staging_status(state, size, staged, sha256);
}
PT_FORWARDER const pt_region *pt_staging_region(uint32_t *data_offset) { return s_svc->staging_region(data_offset); }
PT_FORWARDER enum pt_status pt_staging_mark_pending(void) { return s_svc->staging_mark_pending(); }
PT_FORWARDER enum pt_status pt_staging_erase(void) { return s_svc->staging_erase(); }
#ifdef PT_KEYSET_READER /* ABI 3.1: the key store's reader */
PT_FORWARDER enum pt_status pt_keyset_newest(uint8_t r[PT_KEYSET_RECORD_SIZE], uint32_t *slot, uint32_t *free_slot,
                                             uint32_t *used)
{
    return s_svc->keyset_newest(r, slot, free_slot, used);
}
PT_FORWARDER int pt_keyset_read_slot(uint32_t s, uint8_t r[PT_KEYSET_RECORD_SIZE]) { return s_svc->keyset_read_slot(s, r); }
PT_FORWARDER enum pt_status pt_keyset_record_verify(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                                    const uint8_t *sig, uint32_t sig_len, bool *by_root)
{
    return s_svc->keyset_record_verify(r, hash, sig, sig_len, by_root);
}
/* ABI 3.2: core functions (regions.c, crc32.c and frame.c leave them out of this build:
 * PT_SERVICES_CLIENT). */
PT_FORWARDER bool pt_region_sector_at(const pt_region *r, uint32_t offset, uint32_t *start, uint32_t *size)
{
    return s_svc->region_sector_at(r, offset, start, size);
}
PT_FORWARDER enum pt_status pt_region_read(const pt_region *r, uint32_t offset, void *buf, uint32_t len)
{
    return s_svc->region_read(r, offset, buf, len);
}
PT_FORWARDER enum pt_status pt_region_sha256(const pt_region *r, uint32_t offset, uint32_t len, uint8_t out[32])
{
    return s_svc->region_sha256(r, offset, len, out);
}
PT_FORWARDER void pt_sha256(const void *data, uint32_t len, uint8_t out[32]) { s_svc->sha256(data, len, out); }
PT_FORWARDER uint32_t pt_crc32(const void *data, size_t len) { return s_svc->crc32(data, len); }
PT_FORWARDER size_t pt_frame_encode(uint8_t *out, uint8_t command, uint16_t seq, uint8_t flags, uint8_t status,
                                    const uint8_t *payload, uint32_t len)
{
    return s_svc->frame_encode(out, command, seq, flags, status, payload, len);
}
/* ABI 3.3 (keyset.c leaves it out of this build). */
PT_FORWARDER void pt_keyset_fingerprint(const uint8_t point[65], uint8_t fp[32]) { s_svc->keyset_fingerprint(point, fp); }
/* ABI 3.4 (boot.c leaves it out of this build). */
PT_FORWARDER bool pt_image_intact(const pt_installed_image *im, int kind) { return s_svc->image_intact(im, kind); }
#endif
