/* piton-vboard: factory content and provisioning block. See vb_provision.h. */
#include "vb_error.h"
#include "vb_provision.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include "vb_flash.h"
#include "piton/protocol.h"

#define OFF_MAGIC 0u
#define OFF_VERSION 4u
#define OFF_LENGTH 6u
#define OFF_BOARD 8u
#define OFF_UID_LEN 40u
#define OFF_LOCKED 41u
#define OFF_KEY_COUNT 42u
#define OFF_RESERVED 43u
#define OFF_UID 44u
#define OFF_KEYS 60u
#define KEY_SLOT_SIZE (2u + PT_PUBKEY_DER_MAX)
#define OFF_CRC (OFF_KEYS + PT_MAX_TRUSTED_KEYS * KEY_SLOT_SIZE)

_Static_assert(OFF_CRC + 4u == VB_PROVISION_SIZE, "provisioning block layout");

uint32_t vb_crc32(const void *data, uint32_t len)
{
    return (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)data, (uInt)len);
}

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v & 0xFFFFu);
    put16(p + 2, v >> 16);
}
static uint32_t get16(const uint8_t *p) { return (uint32_t)p[0] | ((uint32_t)p[1] << 8); }
static uint32_t get32(const uint8_t *p) { return get16(p) | (get16(p + 2) << 16); }

bool vb_provision_address(const vb_profile *p, uint32_t *address, char *err)
{
    const pt_region *boot = vb_profile_region(p, PT_REGION_NAME_BOOTLOADER);
    if (!boot) return vb_fail(err, "board '%s' has no bootloader region", p->id);
    uint32_t last = boot->address + boot->size - 1u;
    uint32_t start, size;
    if (!vb_profile_sector_of(p, last, &start, &size, NULL))
        return vb_fail(err, "bootloader region of board '%s' lies outside its flash", p->id);
    if (size < VB_PROVISION_SIZE)
        return vb_fail(err, "last sector of the bootloader region (%u bytes) cannot hold the %u-byte provisioning block",
                    (unsigned)size, (unsigned)VB_PROVISION_SIZE);
    *address = start;
    return true;
}

/* The two sectors before the provisioning sector, when they are the store's own (vb_provision.h). */
static bool own_store(const vb_profile *p, uint32_t pv_addr, uint32_t *address, uint32_t *size)
{
    const pt_region *boot = vb_profile_region(p, PT_REGION_NAME_BOOTLOADER);
    uint32_t s1 = 0, z1 = 0, s0 = 0, z0 = 0;
    if (!boot || pv_addr < boot->address + VB_BOOTLOADER_IMAGE_SIZE + 2u ||
        !vb_profile_sector_of(p, pv_addr - 1u, &s1, &z1, NULL) || !vb_profile_sector_of(p, s1 - 1u, &s0, &z0, NULL))
        return false;
    if (s0 < boot->address + VB_BOOTLOADER_IMAGE_SIZE || z0 % PT_KEYSET_SLOT_SIZE || z1 % PT_KEYSET_SLOT_SIZE)
        return false;
    *address = s0;
    *size = z0 + z1;
    return true;
}

bool vb_keystore_range(const vb_profile *p, uint32_t *address, uint32_t *size, char *err)
{
    uint32_t pv_addr = 0, start = 0, sz = 0;
    if (!vb_provision_address(p, &pv_addr, err)) return false;
    *address = 0;
    *size = 0;
    if (own_store(p, pv_addr, address, size)) return true;
    if (!vb_profile_sector_of(p, pv_addr, &start, &sz, NULL))
        return vb_fail(err, "provisioning sector at 0x%08X lies outside the flash", (unsigned)pv_addr);
    if (start + sz > pv_addr + VB_KEYSTORE_OFFSET) {
        *address = pv_addr + VB_KEYSTORE_OFFSET;
        *size = (start + sz - *address) / PT_KEYSET_SLOT_SIZE * PT_KEYSET_SLOT_SIZE;
    }
    return true;
}

bool vb_keystore_erase(const vb_profile *p, char *err)
{
    uint32_t pv_addr = 0, at = 0, size = 0;
    if (!vb_provision_address(p, &pv_addr, err)) return false;
    if (!own_store(p, pv_addr, &at, &size)) return true;
    for (uint32_t a = at; a < at + size;) {
        uint32_t start = 0, sz = 0;
        if (!vb_profile_sector_of(p, a, &start, &sz, NULL) || vb_flash_erase_sector(start) != PT_HAL_OK)
            return vb_fail(err, "cannot erase the key store sector at 0x%08X", (unsigned)a);
        a = start + sz;
    }
    return true;
}

void vb_provision_encode(const vb_provision *pv, uint8_t out[VB_PROVISION_SIZE])
{
    memset(out, 0, VB_PROVISION_SIZE);
    memcpy(out + OFF_MAGIC, VB_PROVISION_MAGIC, 4);
    put16(out + OFF_VERSION, VB_PROVISION_VERSION);
    put16(out + OFF_LENGTH, VB_PROVISION_SIZE);
    memcpy(out + OFF_BOARD, pv->board_id, strnlen(pv->board_id, 31)); /* NUL padded: out is zeroed */
    out[OFF_UID_LEN] = pv->unique_id_len;
    out[OFF_LOCKED] = pv->locked ? 1u : 0u;
    out[OFF_KEY_COUNT] = pv->key_count;
    memcpy(out + OFF_UID, pv->unique_id, pv->unique_id_len <= PT_UNIQUE_ID_MAX ? pv->unique_id_len : PT_UNIQUE_ID_MAX);
    for (unsigned k = 0; k < pv->key_count && k < PT_MAX_TRUSTED_KEYS; ++k) {
        uint8_t *slot = out + OFF_KEYS + k * KEY_SLOT_SIZE;
        uint16_t n = pv->keys[k].der_len <= PT_PUBKEY_DER_MAX ? pv->keys[k].der_len : PT_PUBKEY_DER_MAX;
        put16(slot, n);
        memcpy(slot + 2, pv->keys[k].der, n);
    }
    put32(out + OFF_CRC, vb_crc32(out, OFF_CRC));
}

bool vb_provision_decode(const uint8_t in[VB_PROVISION_SIZE], vb_provision *pv, char *err)
{
    memset(pv, 0, sizeof *pv);
    if (memcmp(in + OFF_MAGIC, VB_PROVISION_MAGIC, 4) != 0)
        return vb_fail(err, "provisioning block: magic is not \"%s\" (board not provisioned?)", VB_PROVISION_MAGIC);
    if (get16(in + OFF_VERSION) != VB_PROVISION_VERSION)
        return vb_fail(err, "provisioning block: format version %u, expected %u", (unsigned)get16(in + OFF_VERSION),
                    (unsigned)VB_PROVISION_VERSION);
    if (get16(in + OFF_LENGTH) != VB_PROVISION_SIZE)
        return vb_fail(err, "provisioning block: length %u, expected %u", (unsigned)get16(in + OFF_LENGTH),
                    (unsigned)VB_PROVISION_SIZE);
    uint32_t crc = vb_crc32(in, OFF_CRC);
    if (get32(in + OFF_CRC) != crc)
        return vb_fail(err, "provisioning block: CRC-32 0x%08X stored, 0x%08X computed", (unsigned)get32(in + OFF_CRC),
                    (unsigned)crc);
    if (in[OFF_BOARD + 31] != 0 || in[OFF_BOARD] == 0) return vb_fail(err, "provisioning block: board id malformed");
    memcpy(pv->board_id, in + OFF_BOARD, 32);
    if (in[OFF_UID_LEN] == 0 || in[OFF_UID_LEN] > PT_UNIQUE_ID_MAX)
        return vb_fail(err, "provisioning block: unique id length %u outside 1..%u", in[OFF_UID_LEN],
                    (unsigned)PT_UNIQUE_ID_MAX);
    pv->unique_id_len = in[OFF_UID_LEN];
    memcpy(pv->unique_id, in + OFF_UID, pv->unique_id_len);
    if (in[OFF_LOCKED] > 1) return vb_fail(err, "provisioning block: locked flag %u is not 0 or 1", in[OFF_LOCKED]);
    pv->locked = in[OFF_LOCKED] == 1;
    if (in[OFF_KEY_COUNT] > PT_MAX_TRUSTED_KEYS)
        return vb_fail(err, "provisioning block: %u trusted keys, at most %u", in[OFF_KEY_COUNT],
                    (unsigned)PT_MAX_TRUSTED_KEYS);
    if (in[OFF_RESERVED] != 0) return vb_fail(err, "provisioning block: reserved byte is not 0");
    pv->key_count = in[OFF_KEY_COUNT];
    for (unsigned k = 0; k < pv->key_count; ++k) {
        const uint8_t *slot = in + OFF_KEYS + k * KEY_SLOT_SIZE;
        uint32_t n = get16(slot);
        if (n == 0 || n > PT_PUBKEY_DER_MAX)
            return vb_fail(err, "provisioning block: trusted key %u has DER length %u", k, (unsigned)n);
        pv->keys[k].der_len = (uint16_t)n;
        memcpy(pv->keys[k].der, slot + 2, n);
    }
    return true;
}

/* The parsed public key `pk` (mbed TLS result `rc`) as DER SubjectPublicKeyInfo in `key`;
 * frees `pk`. `name` names the source in errors. */
static bool key_from_pk(mbedtls_pk_context *pk, int rc, const char *name, pt_trusted_key *key, char *err)
{
    if (rc != 0) {
        mbedtls_pk_free(pk);
        if (name && access(name, R_OK) != 0)
            return vb_fail(err, "trusted key %s: cannot read: %s", name, strerror(errno));
        return vb_fail(err, "trusted key %s: not a PEM public key (mbed TLS error -0x%04X)",
                       name ? name : "(development access key)", (unsigned)-rc);
    }
    if (!name) name = "(development access key)";
    if (mbedtls_pk_get_type(pk) != MBEDTLS_PK_ECKEY || mbedtls_pk_ec(*pk)->grp.id != MBEDTLS_ECP_DP_SECP256R1) {
        mbedtls_pk_free(pk);
        return vb_fail(err, "trusted key %s: not an ECDSA P-256 public key", name);
    }
    unsigned char der[512];
    rc = mbedtls_pk_write_pubkey_der(pk, der, sizeof der); /* writes at the END of the buffer */
    mbedtls_pk_free(pk);
    if (rc <= 0 || rc > (int)PT_PUBKEY_DER_MAX)
        return vb_fail(err, "trusted key %s: cannot encode as DER SubjectPublicKeyInfo (%d)", name, rc);
    key->der_len = (uint16_t)rc;
    memcpy(key->der, der + sizeof der - (size_t)rc, (size_t)rc);
    return true;
}

bool vb_provision_load_key(const char *pem_path, pt_trusted_key *key, char *err)
{
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    return key_from_pk(&pk, mbedtls_pk_parse_public_keyfile(&pk, pem_path), pem_path, key, err);
}

/* resources/dev-access/dev-access.pub.pem, built in (vb_dev_access_key.h, generated by CMake). */
#include "vb_dev_access_key.h"

bool vb_provision_dev_access_key(pt_trusted_key *key, char *err)
{
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    return key_from_pk(&pk,
                       mbedtls_pk_parse_public_key(&pk, (const unsigned char *)VB_DEV_ACCESS_KEY_PEM,
                                                   sizeof VB_DEV_ACCESS_KEY_PEM),
                       NULL, key, err);
}

bool vb_provision_load_product_key(const char *pem_path, vb_provision *pv, char *err)
{
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    int rc = mbedtls_pk_parse_keyfile(&pk, pem_path, NULL);
    if (rc != 0) {
        mbedtls_pk_free(&pk);
        if (access(pem_path, R_OK) != 0)
            return vb_fail(err, "product key %s: cannot read: %s", pem_path, strerror(errno));
        return vb_fail(err, "product key %s: not a PEM private key (mbed TLS error -0x%04X)", pem_path, (unsigned)-rc);
    }
    if (mbedtls_pk_get_type(&pk) != MBEDTLS_PK_ECKEY || mbedtls_pk_ec(pk)->grp.id != MBEDTLS_ECP_DP_SECP256R1) {
        mbedtls_pk_free(&pk);
        return vb_fail(err, "product key %s: not an EC P-256 private key", pem_path);
    }
    unsigned char der[512];
    int n = mbedtls_pk_write_pubkey_der(&pk, der, sizeof der); /* writes at the END of the buffer */
    rc = n > 0 ? mbedtls_mpi_write_binary(&mbedtls_pk_ec(pk)->d, pv->product_key, 32) : n;
    if (rc == 0) rc = mbedtls_sha256_ret(der + sizeof der - (size_t)n, (size_t)n, pv->product_key_fingerprint, 0);
    mbedtls_pk_free(&pk);
    if (rc != 0) {
        mbedtls_platform_zeroize(pv->product_key, sizeof pv->product_key);
        return vb_fail(err, "product key %s: cannot encode it (mbed TLS error -0x%04X)", pem_path, (unsigned)-rc);
    }
    pv->has_product_key = true;
    return true;
}

static void product_key_encode(const vb_provision *pv, uint8_t out[VB_PRODUCT_KEY_SIZE])
{
    memcpy(out, "PTPD", 4);
    put16(out + 4, 1u);
    put16(out + 6, VB_PRODUCT_KEY_SIZE);
    memcpy(out + 8, pv->product_key, 32);
    memcpy(out + 40, pv->product_key_fingerprint, 32);
    put32(out + 72, vb_crc32(out, 72));
}

/* Reads the optional product key block; an erased one means none. False only for a damaged one. */
static bool product_key_read(uint32_t pv_addr, vb_provision *pv, char *err)
{
    uint8_t b[VB_PRODUCT_KEY_SIZE];
    if (vb_flash_read(pv_addr + VB_PRODUCT_KEY_OFFSET, b, sizeof b) != PT_HAL_OK)
        return vb_fail(err, "cannot read the product key block");
    bool erased = true;
    for (unsigned i = 0; i < sizeof b; ++i) erased = erased && b[i] == 0xFFu;
    if (erased) return true;
    if (memcmp(b, "PTPD", 4) != 0 || get16(b + 4) != 1u || get16(b + 6) != VB_PRODUCT_KEY_SIZE ||
        get32(b + 72) != vb_crc32(b, 72))
        return vb_fail(err, "product key block at 0x%08X is damaged (magic, version, length or CRC-32)",
                       (unsigned)(pv_addr + VB_PRODUCT_KEY_OFFSET));
    memcpy(pv->product_key, b + 8, 32);
    memcpy(pv->product_key_fingerprint, b + 40, 32);
    pv->has_product_key = true;
    mbedtls_platform_zeroize(b, sizeof b);
    return true;
}

bool vb_provision_random_id(uint8_t *id, uint8_t len, char *err)
{
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return vb_fail(err, "cannot open /dev/urandom: %s", strerror(errno));
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, id + got, len - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            close(fd);
            return vb_fail(err, "cannot read /dev/urandom");
        }
        got += (size_t)n;
    }
    close(fd);
    return true;
}

static bool program(uint32_t address, const void *data, uint32_t len, char *err)
{
    pt_hal_result r = vb_flash_program(address, data, len);
    if (r != PT_HAL_OK) return vb_fail(err, "cannot program 0x%08X+0x%X (error %d)", (unsigned)address, (unsigned)len, r);
    return true;
}

static bool product_key_write(uint32_t pv_addr, const vb_provision *pv, char *err)
{
    if (!pv->has_product_key) return true;
    uint8_t b[VB_PRODUCT_KEY_SIZE];
    product_key_encode(pv, b);
    bool ok = program(pv_addr + VB_PRODUCT_KEY_OFFSET, b, sizeof b, err);
    mbedtls_platform_zeroize(b, sizeof b);
    return ok;
}

/* The root key block (vb_provision.h): encoded after the provisioning block when there are root keys. */
#define RK_OFF_COUNT 4u
#define RK_OFF_KEYS 8u
#define RK_OFF_CRC (RK_OFF_KEYS + PT_MAX_ROOT_KEYS * KEY_SLOT_SIZE)
_Static_assert(RK_OFF_CRC + 4u == VB_ROOT_KEYS_SIZE, "root key block layout");

static void encode_root_keys(const vb_provision *pv, uint8_t out[VB_ROOT_KEYS_SIZE])
{
    memset(out, 0, VB_ROOT_KEYS_SIZE);
    memcpy(out, VB_ROOT_KEYS_MAGIC, 4);
    out[RK_OFF_COUNT] = pv->root_key_count;
    for (unsigned k = 0; k < pv->root_key_count && k < PT_MAX_ROOT_KEYS; ++k) {
        uint8_t *slot = out + RK_OFF_KEYS + k * KEY_SLOT_SIZE;
        uint16_t n = pv->root_keys[k].der_len <= PT_PUBKEY_DER_MAX ? pv->root_keys[k].der_len : PT_PUBKEY_DER_MAX;
        put16(slot, n);
        memcpy(slot + 2, pv->root_keys[k].der, n);
    }
    put32(out + RK_OFF_CRC, vb_crc32(out, RK_OFF_CRC));
}

/* Reads the root keys after the provisioning block at `pv_addr`: none when that flash is
 * erased; an error for a block that is there but damaged. */
static bool read_root_keys(uint32_t pv_addr, vb_provision *pv, char *err)
{
    uint8_t in[VB_ROOT_KEYS_SIZE];
    uint32_t at = pv_addr + VB_PROVISION_SIZE;
    pv->root_key_count = 0;
    if (vb_flash_read(at, in, sizeof in) != PT_HAL_OK)
        return vb_fail(err, "cannot read the root key block at 0x%08X", (unsigned)at);
    if (memcmp(in, "\xFF\xFF\xFF\xFF", 4) == 0)
        return true;
    if (memcmp(in, VB_ROOT_KEYS_MAGIC, 4) != 0)
        return vb_fail(err, "root key block at 0x%08X: magic is neither \"%s\" nor erased", (unsigned)at, VB_ROOT_KEYS_MAGIC);
    uint32_t crc = vb_crc32(in, RK_OFF_CRC);
    if (get32(in + RK_OFF_CRC) != crc)
        return vb_fail(err, "root key block: CRC-32 0x%08X stored, 0x%08X computed", (unsigned)get32(in + RK_OFF_CRC),
                       (unsigned)crc);
    if (in[RK_OFF_COUNT] == 0 || in[RK_OFF_COUNT] > PT_MAX_ROOT_KEYS)
        return vb_fail(err, "root key block: %u root keys, expected 1..%u", in[RK_OFF_COUNT], (unsigned)PT_MAX_ROOT_KEYS);
    for (unsigned k = 0; k < in[RK_OFF_COUNT]; ++k) {
        const uint8_t *slot = in + RK_OFF_KEYS + k * KEY_SLOT_SIZE;
        uint32_t n = get16(slot);
        if (n == 0 || n > PT_PUBKEY_DER_MAX)
            return vb_fail(err, "root key block: root key %u has DER length %u", k, (unsigned)n);
        pv->root_keys[k].der_len = (uint16_t)n;
        memcpy(pv->root_keys[k].der, slot + 2, n);
    }
    pv->root_key_count = in[RK_OFF_COUNT];
    return true;
}

/* Programs the provisioning block and, when there are root keys, their block after it. */
static bool program_blocks(uint32_t pv_addr, const vb_provision *pv, char *err)
{
    uint8_t block[VB_PROVISION_SIZE];
    vb_provision_encode(pv, block);
    if (!program(pv_addr, block, VB_PROVISION_SIZE, err)) return false;
    if (pv->root_key_count == 0) return true;
    uint8_t roots[VB_ROOT_KEYS_SIZE];
    encode_root_keys(pv, roots);
    return program(pv_addr + VB_PROVISION_SIZE, roots, VB_ROOT_KEYS_SIZE, err);
}

bool vb_provision_factory(const vb_profile *p, const vb_provision *pv, char *err)
{
    uint32_t pv_addr = 0;
    if (!vb_provision_address(p, &pv_addr, err)) return false;
    const pt_region *boot = vb_profile_region(p, PT_REGION_NAME_BOOTLOADER);
    uint32_t image = pv_addr - boot->address;
    if (image > VB_BOOTLOADER_IMAGE_SIZE) image = VB_BOOTLOADER_IMAGE_SIZE;
    if (image > 0) {
        uint8_t buf[VB_BOOTLOADER_IMAGE_SIZE];
        for (uint32_t i = 0; i < image; ++i) buf[i] = (uint8_t)((i * 131u + 17u) & 0xFFu);
        size_t hl = sizeof VB_BOOTLOADER_HEADER; /* includes the NUL */
        memcpy(buf, VB_BOOTLOADER_HEADER, hl < image ? hl : image);
        if (!program(boot->address, buf, image, err)) return false;
    }
    return program_blocks(pv_addr, pv, err) && product_key_write(pv_addr, pv, err);
}

bool vb_provision_read(const vb_profile *p, vb_provision *pv, char *err)
{
    uint32_t pv_addr = 0;
    if (!vb_provision_address(p, &pv_addr, err)) return false;
    uint8_t block[VB_PROVISION_SIZE];
    if (vb_flash_read(pv_addr, block, VB_PROVISION_SIZE) != PT_HAL_OK)
        return vb_fail(err, "cannot read the provisioning block at 0x%08X", (unsigned)pv_addr);
    char inner[VB_ERROR_MAX];
    if (!vb_provision_decode(block, pv, inner)) return vb_fail(err, "at 0x%08X: %s", (unsigned)pv_addr, inner);
    bool word = false;
    if (!vb_lock_word_read(p, &word, err)) return false;
    pv->locked = pv->locked || word; /* the block's flag (factory --locked) or LOCK's word */
    return read_root_keys(pv_addr, pv, err) && product_key_read(pv_addr, pv, err);
}

bool vb_provision_write(const vb_profile *p, const vb_provision *pv, char *err)
{
    uint32_t pv_addr = 0;
    if (!vb_provision_address(p, &pv_addr, err)) return false;
    if (vb_flash_erase_sector(pv_addr) != PT_HAL_OK)
        return vb_fail(err, "cannot erase the provisioning sector at 0x%08X", (unsigned)pv_addr);
    return program_blocks(pv_addr, pv, err) && product_key_write(pv_addr, pv, err);
}

/* The lock word's address: VB_LOCK_OFFSET into the provisioning sector; false (no word) when
 * the sector is too small to hold it. */
static bool lock_word_address(const vb_profile *p, uint32_t *address, bool *exists, char *err)
{
    uint32_t pv_addr = 0, start = 0, size = 0;
    if (!vb_provision_address(p, &pv_addr, err)) return false;
    if (!vb_profile_sector_of(p, pv_addr, &start, &size, NULL))
        return vb_fail(err, "provisioning sector at 0x%08X lies outside the flash", (unsigned)pv_addr);
    *exists = start + size >= pv_addr + VB_LOCK_OFFSET + VB_LOCK_SIZE;
    *address = pv_addr + VB_LOCK_OFFSET;
    return true;
}

bool vb_lock_word_read(const vb_profile *p, bool *set, char *err)
{
    uint32_t at = 0;
    bool exists = false;
    uint8_t w[VB_LOCK_SIZE];
    *set = false;
    if (!lock_word_address(p, &at, &exists, err)) return false;
    if (!exists) return true;
    if (vb_flash_read(at, w, sizeof w) != PT_HAL_OK) return vb_fail(err, "cannot read the lock word at 0x%08X", (unsigned)at);
    for (unsigned i = 0; i < sizeof w; ++i) *set = *set || w[i] != 0xFFu;
    return true;
}

bool vb_provision_lock(const vb_profile *p, char *err)
{
    uint32_t at = 0;
    bool exists = false, set = false;
    static const uint8_t zero[VB_LOCK_SIZE] = {0};
    if (!lock_word_address(p, &at, &exists, err)) return false;
    if (!exists)
        return vb_fail(err, "the provisioning sector of board '%s' cannot hold the lock word at offset %u", p->id,
                       (unsigned)VB_LOCK_OFFSET);
    if (!program(at, zero, sizeof zero, err) || !vb_lock_word_read(p, &set, err)) return false;
    return set || vb_fail(err, "the lock word at 0x%08X reads erased after it was programmed", (unsigned)at);
}

bool vb_provision_bootloader_present(const vb_profile *p)
{
    const pt_region *boot = vb_profile_region(p, PT_REGION_NAME_BOOTLOADER);
    uint8_t head[VB_BOOTLOADER_HEADER_MAX];
    if (!boot || vb_flash_read(boot->address, head, sizeof head) != PT_HAL_OK) return false;
    const size_t pl = sizeof VB_BOOTLOADER_PREFIX - 1u;
    return memcmp(head, VB_BOOTLOADER_PREFIX, pl) == 0 && memchr(head + pl, '\0', sizeof head - pl) != NULL;
}

/* ---- The access block (vb_provision.h) ---------------------------------------------------- */

#define AOFF_COUNT 8u
#define AOFF_IDENTITY 9u
#define AOFF_PRIV 12u
#define AOFF_PUB 44u
#define AOFF_KEYS 112u
#define AOFF_CRC (AOFF_KEYS + PT_MAX_ACCESS_KEYS * KEY_SLOT_SIZE)
_Static_assert(AOFF_CRC + 4u == VB_ACCESS_SIZE, "access block layout");

static int urandom_rng(void *ctx, unsigned char *out, size_t len)
{
    char err[VB_ERROR_MAX];
    (void)ctx;
    return vb_provision_random_id(out, (uint8_t)len, err) ? 0 : -1; /* mbed TLS asks for <= 48 bytes */
}

bool vb_access_generate_identity(vb_access *a, char *err)
{
    mbedtls_ecp_keypair k;
    mbedtls_ecp_keypair_init(&k);
    size_t n = 0;
    int rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, &k, urandom_rng, NULL);
    if (rc == 0) rc = mbedtls_mpi_write_binary(&k.d, a->identity_priv, 32);
    if (rc == 0) rc = mbedtls_ecp_point_write_binary(&k.grp, &k.Q, MBEDTLS_ECP_PF_UNCOMPRESSED, &n, a->identity_pub, 65);
    mbedtls_ecp_keypair_free(&k);
    if (rc != 0 || n != 65) return vb_fail(err, "cannot generate the board's identity key (mbed TLS -0x%04X)", (unsigned)-rc);
    a->has_identity = true;
    return true;
}

static bool access_address(const vb_profile *p, uint32_t *address, char *err)
{
    uint32_t pv_addr = 0, start, size;
    if (!vb_provision_address(p, &pv_addr, err)) return false;
    if (!vb_profile_sector_of(p, pv_addr, &start, &size, NULL) || size < VB_ACCESS_OFFSET + VB_ACCESS_SIZE)
        return vb_fail(err, "the provisioning sector of board '%s' cannot hold the access block", p->id);
    *address = pv_addr + VB_ACCESS_OFFSET;
    return true;
}

bool vb_access_write(const vb_profile *p, const vb_access *a, char *err)
{
    uint32_t addr = 0;
    if (!access_address(p, &addr, err)) return false;
    uint8_t b[VB_ACCESS_SIZE];
    memset(b, 0, sizeof b);
    memcpy(b, VB_ACCESS_MAGIC, 4);
    put16(b + OFF_VERSION, VB_ACCESS_VERSION);
    put16(b + OFF_LENGTH, VB_ACCESS_SIZE);
    b[AOFF_COUNT] = a->key_count;
    b[AOFF_IDENTITY] = a->has_identity ? 1u : 0u;
    memcpy(b + AOFF_PRIV, a->identity_priv, 32);
    memcpy(b + AOFF_PUB, a->identity_pub, 65);
    for (unsigned k = 0; k < a->key_count && k < PT_MAX_ACCESS_KEYS; ++k) {
        uint16_t n = a->keys[k].der_len <= PT_PUBKEY_DER_MAX ? a->keys[k].der_len : PT_PUBKEY_DER_MAX;
        put16(b + AOFF_KEYS + k * KEY_SLOT_SIZE, n);
        memcpy(b + AOFF_KEYS + k * KEY_SLOT_SIZE + 2, a->keys[k].der, n);
    }
    put32(b + AOFF_CRC, vb_crc32(b, AOFF_CRC));
    return program(addr, b, VB_ACCESS_SIZE, err);
}

bool vb_access_read(const vb_profile *p, vb_access *a, char *err)
{
    memset(a, 0, sizeof *a);
    uint32_t addr = 0;
    if (!access_address(p, &addr, err)) return false;
    uint8_t b[VB_ACCESS_SIZE];
    if (vb_flash_read(addr, b, VB_ACCESS_SIZE) != PT_HAL_OK) return vb_fail(err, "cannot read the access block");
    if (b[0] == 0xFF && b[1] == 0xFF && b[2] == 0xFF && b[3] == 0xFF) return true; /* provisioned before sessions */
    if (memcmp(b, VB_ACCESS_MAGIC, 4) != 0 || get16(b + OFF_VERSION) != VB_ACCESS_VERSION ||
        get16(b + OFF_LENGTH) != VB_ACCESS_SIZE || get32(b + AOFF_CRC) != vb_crc32(b, AOFF_CRC))
        return vb_fail(err, "access block at 0x%08X: magic, version, length or CRC-32 wrong", (unsigned)addr);
    if (b[AOFF_COUNT] > PT_MAX_ACCESS_KEYS || b[AOFF_IDENTITY] > 1)
        return vb_fail(err, "access block: %u access keys or identity flag %u out of range", b[AOFF_COUNT], b[AOFF_IDENTITY]);
    a->key_count = b[AOFF_COUNT];
    a->has_identity = b[AOFF_IDENTITY] == 1;
    memcpy(a->identity_priv, b + AOFF_PRIV, 32);
    memcpy(a->identity_pub, b + AOFF_PUB, 65);
    for (unsigned k = 0; k < a->key_count; ++k) {
        uint32_t n = get16(b + AOFF_KEYS + k * KEY_SLOT_SIZE);
        if (n == 0 || n > PT_PUBKEY_DER_MAX) return vb_fail(err, "access block: access key %u has DER length %u", k, (unsigned)n);
        a->keys[k].der_len = (uint16_t)n;
        memcpy(a->keys[k].der, b + AOFF_KEYS + k * KEY_SLOT_SIZE + 2, n);
    }
    return true;
}
