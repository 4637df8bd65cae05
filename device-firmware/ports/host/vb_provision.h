/*
 * piton-vboard: factory content of a fresh flash file, and the provisioning block.
 *
 * The provisioning block stands for what a real MCU keeps in OTP memory or option bytes and
 * what the factory writes once: board id, unique id, the locked (production) flag and up to
 * PT_MAX_TRUSTED_KEYS trusted public keys. The virtual board keeps it at the start of the LAST
 * sector of the `bootloader` region (a protected region, so the workstation can read it but never
 * change it). Layout, all integers little-endian (VB_PROVISION_SIZE = 324 bytes):
 *
 *   off size field
 *     0    4 magic "PTPV"
 *     4    2 format version (1)
 *     6    2 block length in bytes including the CRC (324)
 *     8   32 board id, ASCII, NUL padded
 *    40    1 unique id length (1..16)
 *    41    1 locked: 0 unlocked (development), 1 locked (production); LOCK programs the lock word instead (below)
 *    42    1 trusted key count (0..2)
 *    43    1 reserved, 0
 *    44   16 unique id, zero padded
 *    60  130 trusted key 0: u16 DER length, 128 bytes DER SubjectPublicKeyInfo, zero padded
 *   190  130 trusted key 1: same
 *   320    4 CRC-32 (IEEE 802.3, as zlib crc32) over bytes 0..319
 *
 * Root keys (docs/security.md, "Device keys") follow in a block of their own right after it, at
 * offset VB_PROVISION_SIZE of the same sector (VB_ROOT_KEYS_SIZE = 272 bytes; erased flash there,
 * as on boards provisioned before root keys existed, means none):
 *
 *     0    4 magic "PTRK"
 *     4    1 root key count (1..2)
 *     5    3 reserved, 0
 *     8  130 root key 0: u16 DER length, 128 bytes DER SubjectPublicKeyInfo, zero padded
 *   138  130 root key 1: same (zero when the count is 1)
 *   268    4 CRC-32 over bytes 0..267
 *
 * The product key (the private half of the key encrypted packages are wrapped to, `--product-key`)
 * is a second, optional block in the same sector at VB_PRODUCT_KEY_OFFSET = 1536, after the root key
 * and access blocks (VB_PRODUCT_KEY_SIZE =
 * 76 bytes): magic "PTPD", u16 version 1, u16 length 76, 32-byte private scalar (big-endian),
 * 32-byte SHA-256 of the key's DER SubjectPublicKeyInfo (its fingerprint), CRC-32 over 0..71.
 * Erased (0xFF) there = no product key. Like the block above it stands for protected storage.
 *
 * The factory bootloader image sits at the start of the `bootloader` region: the ASCII header
 * "PITON-BOOTLOADER 1.0.0" and a NUL, then filler byte i = (i * 131 + 17) & 0xFF (i counted from
 * the region start) up to VB_BOOTLOADER_IMAGE_SIZE bytes (less if the last sector starts earlier).
 */
#ifndef PITON_VBOARD_PROVISION_H
#define PITON_VBOARD_PROVISION_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/hal.h"
#include "vb_profile.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_PROVISION_MAGIC "PTPV"
#define VB_PROVISION_VERSION 1u
#define VB_PROVISION_SIZE 324u
#define VB_ROOT_KEYS_MAGIC "PTRK"
#define VB_ROOT_KEYS_SIZE 272u
#define VB_BOOTLOADER_HEADER "PITON-BOOTLOADER 1.0.0"
#define VB_BOOTLOADER_IMAGE_SIZE 4096u
#define VB_BOOTLOADER_PREFIX "PITON-BOOTLOADER "
#define VB_BOOTLOADER_HEADER_MAX 64u

#define VB_PRODUCT_KEY_OFFSET 1536u /* after root keys (324..595) and the access block (1024..1399) */
#define VB_PRODUCT_KEY_SIZE 76u

/** What the factory provisions (a subset of pt_board, plus the product key). */
typedef struct {
    bool has_product_key;                 /* --product-key given (or kept from the flash file) */
    uint8_t product_key[32];              /* private scalar, big-endian */
    uint8_t product_key_fingerprint[32];  /* SHA-256 of its DER SubjectPublicKeyInfo */
    char board_id[32];
    uint8_t unique_id[PT_UNIQUE_ID_MAX];
    uint8_t unique_id_len;
    bool locked;
    uint8_t key_count;
    pt_trusted_key keys[PT_MAX_TRUSTED_KEYS];
    uint8_t root_key_count;     /* the root key block (below); 0 when the sector has none */
    pt_trusted_key root_keys[PT_MAX_ROOT_KEYS];
} vb_provision;

/** Absolute address of the provisioning block: start of the bootloader region's last sector. */
bool vb_provision_address(const vb_profile *p, uint32_t *address, char *err);

/** Serialises `pv` into `out` (VB_PROVISION_SIZE bytes) with the layout above. */
void vb_provision_encode(const vb_provision *pv, uint8_t out[VB_PROVISION_SIZE]);

/** Parses a block: checks magic, version, length, CRC, field ranges. False with `err`. */
bool vb_provision_decode(const uint8_t in[VB_PROVISION_SIZE], vb_provision *pv, char *err);

/**
 * Reads a PEM public key file (ECDSA P-256 only) with mbed TLS and stores its DER
 * SubjectPublicKeyInfo in `key`. Errors name the file and the mbed TLS reason.
 */
bool vb_provision_load_key(const char *pem_path, pt_trusted_key *key, char *err);

/**
 * The development access key (resources/dev-access/dev-access.pub.pem, built into
 * piton-vboard) as DER SubjectPublicKeyInfo in `key`: what a board trusts when it is
 * provisioned without --trust-access-key (docs/security.md, "Development boards"); its
 * credential is resources/dev-access/dev-factory.ptcred. Errors: mbed TLS' reason.
 */
bool vb_provision_dev_access_key(pt_trusted_key *key, char *err);

/**
 * Reads a PEM private key file (EC P-256, PKCS#8 or SEC 1) with mbed TLS into `pv`'s product key
 * (scalar and fingerprint). Errors name the file and the reason (not a private key, not P-256).
 */
bool vb_provision_load_product_key(const char *pem_path, vb_provision *pv, char *err);

/** Fills `id` with `len` random bytes from /dev/urandom. */
bool vb_provision_random_id(uint8_t *id, uint8_t len, char *err);

/**
 * Writes the factory content into freshly erased flash (through the vb_flash layer): the
 * bootloader image and the provisioning block `pv`.
 */
bool vb_provision_factory(const vb_profile *p, const vb_provision *pv, char *err);

/** Reads and decodes the provisioning block from flash; `pv->locked` is the block's locked flag
 *  OR the lock word (below), so a board locked by LOCK reads locked. */
bool vb_provision_read(const vb_profile *p, vb_provision *pv, char *err);

/**
 * True when the bootloader region starts with a Piton bootloader image: the ASCII
 * VB_BOOTLOADER_PREFIX ("PITON-BOOTLOADER "), a version and a NUL within the first
 * VB_BOOTLOADER_HEADER_MAX bytes. What the emulated chip boots into instead of its ROM (vb_rom.h).
 */
bool vb_provision_bootloader_present(const vb_profile *p);

/** Re-provisions: erases the provisioning sector (the lock word with it) and writes `pv` there:
 *  locked only when `pv->locked` (the block's flag). */
bool vb_provision_write(const vb_profile *p, const vb_provision *pv, char *err);

/*
 * The lock word (LOCK, docs/security.md "LOCK is power-safe"): VB_LOCK_SIZE bytes at
 * VB_LOCK_OFFSET of the provisioning sector, erased (0xFF) on an unlocked board. LOCK programs
 * it to 0 once, without an erase: bits only go from 1 to 0, so no command can unlock the board
 * and a power cut inside that one program leaves the word erased (unlocked: the host's retry
 * locks) or with some bits 0 (locked); nothing else in the sector is touched. The board is
 * locked when the provisioning block's locked flag is 1 (a board provisioned `--locked`, or
 * locked by an older piton-vboard that rewrote the block) OR any bit of the lock word is 0.
 * Only factory (re-)provisioning erases the sector and so the word (docs/security.md
 * "Re-provisioning and the lock"). The offset is free on every layout:
 *
 *   sector offset  what                         stm32f4-ref (16 KB)   uniform-4k, mps2-an386 (4 KB)
 *       0..323     provisioning block            yes                   yes
 *     324..595     root key block                yes                   yes
 *     596..1023    erased                        -                     -
 *    1024..1399    access block                  yes                   yes
 *    1536..1611    product key block             yes                   yes
 *    2044..2047    lock word                     yes                   yes
 *    2048..        key store slots (1024 each)   14 slots to 16383     none (the store has two
 *                                                                      sectors of its own)
 */
#define VB_LOCK_OFFSET 2044u
#define VB_LOCK_SIZE 4u

/**
 * Reads the lock word: *set is true when any of its bits is 0. A provisioning sector too small
 * to hold it (below VB_LOCK_OFFSET + VB_LOCK_SIZE bytes) has none: *set false. Errors: the board
 * has no provisioning sector, or the flash cannot be read.
 */
bool vb_lock_word_read(const vb_profile *p, bool *set, char *err);

/**
 * LOCK: programs the lock word to 0 (one program of VB_LOCK_SIZE bytes, no erase), then reads it
 * back. Power-safe: see above. Errors (`err` names the address): the sector cannot hold the word,
 * or the program or the read-back failed (then the board may read unlocked; a retry programs
 * again, which NOR allows as it only clears bits).
 */
bool vb_provision_lock(const vb_profile *p, char *err);

/*
 * The access block (authenticated sessions, docs/security.md "Sessions and access policy"):
 * the access keys the board trusts for credentials and the board's own identity key pair. It
 * sits VB_ACCESS_OFFSET bytes into the provisioning sector and is written with the
 * provisioning block (factory provisioning, re-provisioning). Layout, little-endian
 * (VB_ACCESS_SIZE = 376 bytes):
 *
 *   off size field
 *     0    4 magic "PTAK"
 *     4    2 format version (1)
 *     6    2 block length in bytes including the CRC (376)
 *     8    1 access key count (0..2)
 *     9    1 identity present: 1
 *    10    2 reserved, 0
 *    12   32 identity private key (P-256 scalar, big-endian)
 *    44   65 identity public key (uncompressed SEC 1 point)
 *   109    3 reserved, 0
 *   112  130 access key 0: u16 DER length, 128 bytes DER SubjectPublicKeyInfo, zero padded
 *   242  130 access key 1: same
 *   372    4 CRC-32 over bytes 0..371
 *
 * On a locked board the bootloader region is never served to READ; on a board with access keys
 * only a factory session may read it (the identity key would let anyone impersonate the board).
 */
/*
 * The key store (docs/security.md "Key store"), slots of PT_KEYSET_SLOT_SIZE bytes. Where the
 * bootloader region has two sectors of its own between the factory image (its first
 * VB_BOOTLOADER_IMAGE_SIZE bytes) and the provisioning sector, sizes multiples of the slot, the
 * store is those two sectors (uniform-4k: 0x08005000-0x08006FFF, 2 x 4 slots): the core can then
 * erase the sector that does not hold the key set in force when every slot is used (slot
 * reclaim). Otherwise it is the rest of the provisioning sector from VB_KEYSTORE_OFFSET
 * (stm32f4-ref: 14 slots in its 16 KB sector), which the core never erases: it shares the sector
 * with the provisioning blocks. Factory re-provisioning erases the store (generation 0 again).
 */
#define VB_KEYSTORE_OFFSET 2048u

/** The key store's address and size in bytes (size 0: none). False when the board has no
 *  provisioning sector. */
bool vb_keystore_range(const vb_profile *p, uint32_t *address, uint32_t *size, char *err);

/** Erases a key store in sectors of its own (the two-sector layout above); nothing otherwise
 *  (the provisioning sector's erase takes that store along). */
bool vb_keystore_erase(const vb_profile *p, char *err);

#define VB_ACCESS_MAGIC "PTAK"
#define VB_ACCESS_VERSION 1u
#define VB_ACCESS_SIZE 376u
#define VB_ACCESS_OFFSET 1024u

/** The access block's contents. */
typedef struct {
    uint8_t key_count;
    pt_trusted_key keys[PT_MAX_ACCESS_KEYS];
    bool has_identity;
    uint8_t identity_priv[32];
    uint8_t identity_pub[65];
} vb_access;

/** Generates the identity key pair into `a` (mbed TLS, /dev/urandom). */
bool vb_access_generate_identity(vb_access *a, char *err);

/** Programs the access block into the (erased) provisioning sector. */
bool vb_access_write(const vb_profile *p, const vb_access *a, char *err);

/** Reads the access block; a missing block (erased bytes) gives an empty `a` and true, a
 *  damaged one false with `err`. */
bool vb_access_read(const vb_profile *p, vb_access *a, char *err);

/** CRC-32 (IEEE 802.3, reflected 0xEDB88320, init and final XOR 0xFFFFFFFF), as zlib crc32. */
uint32_t vb_crc32(const void *data, uint32_t len);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_PROVISION_H */
