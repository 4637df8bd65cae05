/*
 * Install records in the region named `bootstate` (records as in record_store.h): what the
 * bootloader installed, the security counter and the result of the last install.
 */
#ifndef PT_BOOTSTATE_H
#define PT_BOOTSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/protocol.h"

/** One installed image (firmware or application). */
typedef struct {
    bool present;
    uint32_t version;           /* PT_VERSION packed */
    uint32_t load_offset;       /* bytes, inside the target region */
    uint32_t size;              /* bytes */
    uint8_t sha256[32];
    uint32_t requires_firmware; /* applications: packed version, 0 = none */
} pt_installed_image;

typedef struct {
    pt_installed_image firmware;
    pt_installed_image application;
    uint32_t security_counter;  /* highest installed */
    uint8_t last_install;       /* enum pt_install_result */
} pt_bootstate;

/** Loads the newest install record; an all-zero state (nothing installed) when none exists. */
enum pt_status pt_bootstate_load(pt_bootstate *out);

/** Appends a new install record. */
enum pt_status pt_bootstate_save(const pt_bootstate *bs);

#endif
