/*
 * The bootloader's service table: a small versioned table of functions that a bootloader
 * exports at a fixed address of its image, and that an application with the update agent inside
 * calls instead of linking its own copy, as the ROM APIs of MCUs do. One validation path
 * whoever asks: the agent's UPDATE_COMMIT checks a package with the bootloader's code, and
 * reads and writes the boot state record, the config store and the staging transfer through
 * the code that owns their formats (whose RAM state then is the bootloader's). Used by ports
 * whose bootloader and application are separate images (ports/mps2-an386, docs/porting.md
 * "The service table"); piton-vboard runs both stages in one program and does not need it.
 *
 * Layout (ABI 3.0; 32-bit pointers on a target, so 112 bytes there; 3.2 148 bytes, 3.3 152, 3.4 156): the header (magic, ABI
 * major and minor, size, bootloader version), then the function pointers in the order below.
 * ABI 3.0 (the M4 agent with sealed sessions, which decides its access policy itself): the
 * access-policy entries of 2.1 and the record store's are gone, the config store's and the
 * staging transfer's came (docs/porting.md "The service table"). ABI 3.1 (builds with
 * PT_KEYSET_READER: the Cortex-M4 images) appends the key store's reader (keyset.h), with which
 * the agent applies key updates; ABI 3.2 (the same builds) pure core functions of regions.c,
 * crc32.c and frame.c, which an agent built with PT_SERVICES_CLIENT does not carry itself; ABI
 * 3.3 (the same builds) pt_keyset_fingerprint, which the agent's key updates use too; ABI 3.4
 * pt_image_intact, which the agent's INFO uses.
 *
 * Versioning rules:
 *  - `magic` is PT_SERVICES_MAGIC; anything else is not a table (e.g. no bootloader, or erased).
 *  - `abi_major` changes when an entry changes meaning or signature, an entry is removed, or a
 *    structure passed through the table changes layout (pt_region, pt_bootstate,
 *    pt_manifest_info, pt_hal_sha256_ctx, pt_link_auth and its place in pt_link: the
 *    _Static_asserts below catch the first four). An agent uses a
 *    table only when abi_major equals the one it was built with.
 *  - `abi_minor` grows when entries are appended at the end (nothing else moves); `size` is the
 *    table's size in bytes, so an agent built for minor N uses a table of minor >= N and never
 *    reads past `size`.
 *  - The bootloader is not updated by packages: an application must expect the table of the
 *    bootloader in the field, and refuses to run its agent on an incompatible one (services_client.c).
 */
#ifndef PT_SERVICES_H
#define PT_SERVICES_H

#include <stdint.h>

#include "auth.h"
#include "bootstate.h"
#include "config_store.h"
#include "crc32.h"
#include "frame.h"
#include "keyset.h"
#include "staging.h"
#include "package.h"
#include "piton/hal.h"
#include "record_store.h"
#include "regions.h"
#include "piton/protocol.h"

#define PT_SERVICES_MAGIC 0x56535450u /* "PTSV" (bytes 50 54 53 56) */
#ifndef PT_SERVICES_ABI_MAJOR
#define PT_SERVICES_ABI_MAJOR 3u
#endif
#ifdef PT_KEYSET_READER /* the key store's reader and the core functions below (the Cortex-M4 images) */
#define PT_SERVICES_ABI_MINOR 4u
#else
#define PT_SERVICES_ABI_MINOR 0u
#endif
/* The linker section of the bootloader's table: the port's linker script puts it at the
 * documented address (mps2-an386: right after the vector table, 0x21000080). */
#define PT_SERVICES_SECTION ".pt_services"

typedef struct pt_services {
    uint32_t magic;              /* PT_SERVICES_MAGIC */
    uint16_t abi_major;          /* PT_SERVICES_ABI_MAJOR of the bootloader */
    uint16_t abi_minor;          /* PT_SERVICES_ABI_MINOR of the bootloader */
    uint32_t size;               /* bytes of this table */
    uint32_t bootloader_version; /* PT_VERSION packed (INFO 0x03) */
    /* ---- ABI 3.0 ---- */
    /** Prepares the bootloader's own state (its RAM, the board, the crypto arena) for calls from
     *  the application; call once before any other entry. PT_OK, else PT_E_INTERNAL (e.g. the
     *  board's provisioning block is not valid). */
    enum pt_status (*init)(void);
    /* hal.h's flash driver of the bootloader (units and NOR rules there). */
    pt_hal_result (*flash_read)(uint32_t address, void *buf, uint32_t len);
    pt_hal_result (*flash_program)(uint32_t address, const void *buf, uint32_t len);
    pt_hal_result (*flash_erase_sector)(uint32_t address);
    pt_hal_result (*flash_sector_of)(uint32_t address, uint32_t *start, uint32_t *size);
    /* hal.h's crypto of the bootloader (SHA-256, ECDSA P-256 verify). */
    void (*sha256_start)(pt_hal_sha256_ctx *ctx);
    void (*sha256_update)(pt_hal_sha256_ctx *ctx, const void *data, uint32_t len);
    void (*sha256_finish)(pt_hal_sha256_ctx *ctx, uint8_t out[32]);
    pt_hal_result (*p256_verify)(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig,
                                 uint32_t sig_len);
    /* package.h: the whole verification of a staged package (structure, signature under the
     * board's trusted keys, board, security counter, payload hashes, compatibility). */
    enum pt_status (*package_verify)(const pt_region *r, uint32_t offset, uint32_t size, const pt_bootstate *bs,
                                     pt_manifest_info *out);
    /* bootstate.h: the boot state record, whose format the bootloader owns. */
    enum pt_status (*bootstate_load)(pt_bootstate *out);
    enum pt_status (*bootstate_save)(const pt_bootstate *bs);
    /* config_store.h: the config store, whose state then lives in the bootloader's RAM. */
    enum pt_status (*config_init)(void);
    enum pt_config_state (*config_state)(void);
    const uint8_t *(*config_blob)(uint32_t *len);
    enum pt_status (*config_write)(const uint8_t *blob, uint32_t len);
    enum pt_status (*config_get)(const char *key, uint32_t klen, uint8_t *value, uint32_t *vlen);
    enum pt_status (*config_set)(const char *key, uint32_t klen, const uint8_t *value, uint32_t vlen);
    /* staging.h: the staging transfer of UPDATE_BEGIN/DATA/STATUS/COMMIT/ABORT, whose header and
     * state the bootloader's install reads. */
    enum pt_status (*staging_begin)(uint32_t size, const uint8_t sha256[32], uint32_t *staged);
    enum pt_status (*staging_data)(uint32_t offset, const uint8_t *data, uint32_t len, uint32_t *staged);
    void (*staging_status)(uint8_t *state, uint32_t *size, uint32_t *staged, uint8_t sha256[32]);
    const pt_region *(*staging_region)(uint32_t *data_offset);
    enum pt_status (*staging_mark_pending)(void);
    enum pt_status (*staging_erase)(void);
#ifdef PT_KEYSET_READER
    /* ---- ABI 3.1 (builds with PT_KEYSET_READER) ---- */
    /* keyset.h: the key store's reader, with which the bootloader checks packages: the newest
     * valid record, one slot, a signature under a record's keys. */
    enum pt_status (*keyset_newest)(uint8_t r[PT_KEYSET_RECORD_SIZE], uint32_t *slot, uint32_t *free_slot,
                                    uint32_t *used);
    int (*keyset_read_slot)(uint32_t s, uint8_t r[PT_KEYSET_RECORD_SIZE]);
    enum pt_status (*keyset_record_verify)(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                           const uint8_t *sig, uint32_t sig_len, bool *by_root);
    /* ---- ABI 3.2 ---- */
    /* Pure core functions the agent would otherwise carry a copy of (regions.h, crc32.h,
     * frame.h): they work on what the caller passes (the agent's own region table), and
     * pt_region_read/pt_region_sha256 through the bootloader's flash driver and SHA-256, which the
     * agent's are forwarders to anyway. */
    bool (*region_sector_at)(const pt_region *r, uint32_t offset, uint32_t *start, uint32_t *size);
    enum pt_status (*region_read)(const pt_region *r, uint32_t offset, void *buf, uint32_t len);
    enum pt_status (*region_sha256)(const pt_region *r, uint32_t offset, uint32_t len, uint8_t out[32]);
    void (*sha256)(const void *data, uint32_t len, uint8_t out[32]);
    uint32_t (*crc32)(const void *data, size_t len);
    size_t (*frame_encode)(uint8_t *out, uint8_t command, uint16_t seq, uint8_t flags, uint8_t status,
                           const uint8_t *payload, uint32_t len);
    /* ---- ABI 3.3 ---- */
    /* keyset.h: a key's fingerprint (the agent's key updates match revocations and additions by it). */
    void (*keyset_fingerprint)(const uint8_t point[65], uint8_t fp[32]);
    /* ---- ABI 3.4 ---- */
    /* bootstate.h: whether an installed image still hashes to its record (the agent's INFO asks
     * through pt_image_present, whose cache stays the agent's). */
    bool (*image_intact)(const pt_installed_image *im, int kind);
#endif
} pt_services;

/* Layouts that cross the table (same on ILP32 and LP64): changing one is an ABI major change. */
_Static_assert(sizeof(pt_region) == 96, "pt_region layout: bump PT_SERVICES_ABI_MAJOR");
_Static_assert(sizeof(pt_bootstate) == 276, "pt_bootstate layout: bump PT_SERVICES_ABI_MAJOR");
_Static_assert(sizeof(pt_manifest_info) == 312, "pt_manifest_info layout: bump PT_SERVICES_ABI_MAJOR");
_Static_assert(sizeof(pt_link_auth) == 224, "pt_link_auth layout: bump PT_SERVICES_ABI_MAJOR");
_Static_assert(sizeof(pt_hal_sha256_ctx) == 112, "pt_hal_sha256_ctx layout: bump PT_SERVICES_ABI_MAJOR");

/* ---- The bootloader's side (services/services_table.c) ---- */

/** The table, in section PT_SERVICES_SECTION. */
extern const pt_services pt_services_table;

/** Implemented by the port: the `init` entry (what the bootloader's code needs when it runs on
 *  the application's behalf: its RAM initialised, the board filled, the crypto arena ready). */
enum pt_status pt_services_port_init(void);

/* ---- The application's side (services/services_client.c) ---- */

/**
 * Checks the table at `address` (magic, ABI major equal, ABI minor at least this build's,
 * size) and calls its `init`. On success the client's definitions of the flash and crypto
 * functions of hal.h and of pt_package_verify, pt_bootstate_load, pt_bootstate_save, the config
 * store's and the staging transfer's functions forward to it; logs "agent: bootloader services
 * at 0x21000080, ABI 3.4"; returns true. Otherwise logs one line with what it found and what it
 * needs (pt_hal_log; e.g. "agent: bootloader services at 0x21000080, ABI 99.0, magic
 * 0x56535450, 112 bytes: incompatible, this agent needs PTSV ABI 3.4 or a later minor; not
 * using them") and returns false: the caller must not serve (the agent would have no flash).
 */
bool pt_services_bind(uint32_t address);

#endif
