/*
 * The config blob (docs/config-format.md) and its power-safe store in the region flagged
 * PT_REGION_CONFIG (records as in record_store.h). Keys are [a-z0-9._-], 1..32 bytes, unique, in
 * ascending byte order; values are 0..128 bytes; the whole blob is at most 1024 bytes.
 */
#ifndef PT_CONFIG_STORE_H
#define PT_CONFIG_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/protocol.h"

/** Checks a blob: magic, version, reserved byte, lengths, key syntax and order, CRC.
 *  PT_E_BAD_CONFIG with a message naming the problem. */
enum pt_status pt_config_validate(const uint8_t *blob, uint32_t len);

/** Loads the newest stored blob; when the region is blank, writes the factory defaults (serial
 *  "PT-" + unique id in upper-case hex, usb.product, net.dhcp "1", net.mac "02:" + last five
 *  unique-id bytes). Called by pt_boot() and after the config region was erased. */
enum pt_status pt_config_init(void);

/** State found by the last pt_config_init(), updated by writes: enum pt_config_state (INFO
 *  0x11). EMPTY: the config equals the factory defaults (decided by content, so the same
 *  before and after a reset; docs/config-format.md). CORRUPT: the
 *  region holds bytes but no intact record; the factory defaults are served from RAM (not
 *  written, so the state stays visible across resets) until the host writes a config. */
enum pt_config_state pt_config_state(void);

/** The current blob (valid after pt_config_init). */
const uint8_t *pt_config_blob(uint32_t *len);

/** Replaces the stored config with a validated blob, atomically. With PT_SECRET_CONFIG, secret entries (keys that
 *  start with "secret.") keep the device's values: the device's secrets stay even when the
 *  blob lacks them or holds them empty (as a backup does); a secret the device lacks is taken
 *  from the blob when it has a value (docs/config-format.md "Secret entries"). */
enum pt_status pt_config_write(const uint8_t *blob, uint32_t len);

#ifdef PT_SECRET_CONFIG
/** True for a secret (write-only) key: "secret." followed by at least one character. */
bool pt_config_is_secret(const uint8_t *key, uint32_t klen);

/** The blob as CONFIG_READ returns it: every secret entry present with an empty value (so a
 *  backup records that it exists). Valid until the next config call. */
const uint8_t *pt_config_public_blob(uint32_t *len);
#else
/* A build without secret entries (the Cortex-M4 agent, for its 10 KB budget): every key is an
 * ordinary one (docs/config-format.md "Secret entries"). */
static inline bool pt_config_is_secret(const uint8_t *key, uint32_t klen)
{
    (void)key, (void)klen;
    return false;
}
static inline const uint8_t *pt_config_public_blob(uint32_t *len)
{
    return pt_config_blob(len);
}
#endif

/** Copies the value of `key` (klen bytes) to value (capacity PT_CONFIG_VALUE_MAX) and sets
 *  *vlen. PT_E_NOT_FOUND when absent, PT_E_BAD_CONFIG for a malformed key. */
enum pt_status pt_config_get(const char *key, uint32_t klen, uint8_t *value, uint32_t *vlen);

/** Sets key to value (vlen 0 deletes the entry) and stores the new blob. PT_E_BAD_CONFIG for a
 *  malformed key, a value above 128 bytes or a blob that would exceed 1024 bytes. */
enum pt_status pt_config_set(const char *key, uint32_t klen, const uint8_t *value, uint32_t vlen);

#endif
