/*
 * The board of the key update targets (fuzz_device_keyupdate.c: pt_keyupdate_apply;
 * fuzz_device_keyupdate_compact.c: pt_keyupdate_apply_record) on the RAM flash model of
 * tests/device/test_hal.c, and the checks both make on an accepted update.
 *
 * Byte 0 of each input (the options) picks the board; the rest is the KEY_UPDATE payload:
 *   bit 0  KU_IDENTITY    the board holds an identity key (so the compact applier takes access keys)
 *   bit 1  KU_ROOT_SIG    the update's signature verifies as a root key's (else it verifies under
 *                         none, or as a package key's for the compact applier)
 *   bit 2  KU_ROOT_PROOF  a new root key's proof of possession verifies
 *   bits 3..5             1 + this many records of generation 0 in the store before the update
 *                         (8 fill it: the applier reclaims a sector)
 *   bit 6  KU_PROVISIONED (full applier only) the store is empty and generation 0 is the board
 *                         table's provisioning (pt_board trusted, access and root keys)
 *   bit 7  KU_NO_ROOT     (full applier only, with KU_PROVISIONED) the board is provisioned
 *                         without root keys: it must take no key update
 * The signatures are decided by the options through link-time wraps (tests/fuzz/CMakeLists.txt),
 * so the fuzzer reaches the rules, the revocations and the store instead of stopping at ECDSA.
 */
#ifndef PT_FUZZ_KEYUPDATE_BOARD_H
#define PT_FUZZ_KEYUPDATE_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "keyset.h"

pt_hal_result __wrap_pt_hal_p256_verify(const uint8_t point[65], const uint8_t hash[32], const uint8_t *sig,
                                        uint32_t sig_len);
enum pt_status __wrap_pt_keyset_record_verify(const uint8_t r[PT_KEYSET_RECORD_SIZE], const uint8_t hash[32],
                                              const uint8_t *sig, uint32_t sig_len, bool *by_root);

#define KU_STORE 0x90100000u /* two 4 KB sectors of the external flash that no region uses */
#define KU_STORE_SIZE 8192u

enum { KU_IDENTITY = 1, KU_ROOT_SIG = 2, KU_ROOT_PROOF = 4, KU_PROVISIONED = 0x40, KU_NO_ROOT = 0x80 };

/** Generation 0 as the factory writes it (format 2): package keys 1 and 2, access key 3, root key
 *  4, the product flag as `product`; the points are arbitrary bytes (only their fingerprints
 *  matter: the seeds name them). */
void ku_factory_record(uint8_t r[PT_KEYSET_RECORD_SIZE], bool product);

/**
 * Prepares the board for one input (after the flash snapshot is restored): board table, key
 * store of KU_STORE_SIZE bytes at KU_STORE, and, unless KU_PROVISIONED, 1..8 copies of the
 * factory record (product flag set). `payload`, `len`: the KEY_UPDATE the applier gets, for the
 * signature wraps below. `in_force`: the key set in force before the update as a record (with
 * KU_PROVISIONED: the provisioning's keys in record form, product flag clear); *force_slot its
 * slot (UINT32_MAX with KU_PROVISIONED). Aborts when the store cannot be set up.
 *
 * The signature checks the targets wrap at link time (`-Wl,--wrap=...`, tests/fuzz/CMakeLists.txt)
 * then answer from `options`: __wrap_pt_hal_p256_verify with a point inside the payload is a new
 * root key's proof (KU_ROOT_PROOF), with any other point the update's signature under one of the
 * board's root keys (KU_ROOT_SIG: pt_keyset_verify_root of the full applier);
 * __wrap_pt_keyset_record_verify (the compact applier's signature check) verifies, by a root key
 * with KU_ROOT_SIG and by a package key without.
 */
void ku_board_prepare(uint8_t options, const uint8_t *payload, uint32_t len, uint8_t in_force[PT_KEYSET_RECORD_SIZE],
                      uint32_t *force_slot);

/**
 * The checks on a record `now` that an update accepted, against the record in force before:
 * every role within its limits (`access_max` access keys) and never empty (package, root; access
 * when the board had some), the revocation list within its limit, no key trusted in any role while
 * its fingerprint is revoked (finding 8), the product flag as before unless `product_delivered`
 * (then set), a root key not in force before only when the options made its proof verify, and,
 * when `identity_rule`, more access keys only on a board with an identity key. NULL when all
 * hold, else what failed.
 */
const char *ku_check_accepted(const uint8_t now[PT_KEYSET_RECORD_SIZE], const uint8_t in_force[PT_KEYSET_RECORD_SIZE],
                              uint8_t options, uint32_t access_max, bool identity_rule, bool product_delivered);

/** Prints `what` with the options and aborts (a finding). */
_Noreturn void ku_fail(const char *what, uint8_t options);

#endif
