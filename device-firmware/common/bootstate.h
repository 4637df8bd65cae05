/*
 * The boot state record in the region named `bootstate` (records as in record_store.h): what the
 * bootloader installed, what it keeps in the `backup` region for rollback, the trial-boot state
 * and the install journal. Every change is one new record, so a record is the unit of atomicity:
 * after a reset the bootloader resumes from the journal state of the newest complete record
 * (docs/boot-flow.md describes the state machine).
 */
#ifndef PT_BOOTSTATE_H
#define PT_BOOTSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "piton/protocol.h"

/** One installed image (firmware or application), or one image kept in the backup region. */
typedef struct {
    bool present;
    uint32_t version;           /* PT_VERSION packed */
    uint32_t load_offset;       /* bytes, inside the target region (firmware / deployment) */
    uint32_t size;              /* bytes */
    uint8_t sha256[32];
    uint32_t requires_firmware; /* applications: packed version, 0 = none */
    uint32_t backup_offset;     /* previous images only: bytes, inside the backup region */
} pt_installed_image;

/** Install journal: the step the bootloader was in when the record was written. */
enum pt_journal {
    PT_JOURNAL_IDLE = 0,        /* nothing in progress */
    PT_JOURNAL_BACKING_UP = 1,  /* copying the current images to `backup` (not yet valid) */
    PT_JOURNAL_INSTALLING = 2,  /* backup valid; writing the staged package (package_sha) */
    PT_JOURNAL_REVERTING = 3    /* copying `backup` back to the targets (revert_reason set) */
};

typedef struct {
    pt_installed_image firmware;      /* installed now */
    pt_installed_image application;
    pt_installed_image prev_firmware; /* kept in `backup` until the new images are confirmed */
    pt_installed_image prev_application;
    uint32_t security_counter;  /* highest confirmed */
    uint32_t pending_counter;   /* security counter of the trial package, applied on CONFIRM */
    uint32_t boot_count;        /* boots of the current image since it was installed */
    uint8_t last_install;       /* enum pt_install_result */
    uint8_t image_state;        /* enum pt_image_state */
    uint8_t revert_reason;      /* enum pt_revert_reason */
    uint8_t journal;            /* enum pt_journal */
    uint8_t trial_mask;         /* images the trial package replaced: bit 0 firmware, 1 application */
    uint8_t package_sha256[32]; /* package being installed (journal INSTALLING) or last installed */
} pt_bootstate;

/** Where an interrupted install continues (journal INSTALLING; docs/boot-flow.md "Resume at a
 *  block boundary"). Kept out of pt_bootstate, whose layout crosses the service table. */
typedef struct {
    uint8_t payload;  /* index of the payload in progress; the ones before it are installed */
    uint32_t stored;  /* bytes: stored offset of its next LZ4 block (or plain chunk) */
    uint32_t image;   /* bytes: image bytes programmed before it (a sector start of the target) */
} pt_resume_point;

/**
 * Loads the newest boot state record; an all-zero state (nothing installed, journal idle) when
 * none exists. Reads format 1 records (before trial boot) as confirmed images.
 * PT_E_INTERNAL when the record has an unknown format.
 */
enum pt_status pt_bootstate_load(pt_bootstate *out);

/** Appends a new boot state record (power-safe, see record_store.h). PT_E_FLASH on failure. */
enum pt_status pt_bootstate_save(const pt_bootstate *bs);

/** pt_bootstate_load, and the record's resume point into *resume (all 0 when it has none: a
 *  format 2 record, or one written by pt_bootstate_save). */
enum pt_status pt_bootstate_load_resume(pt_bootstate *out, pt_resume_point *resume);

/** pt_bootstate_save with a resume point (format 3); NULL or all 0 writes a record without one
 *  (format 2, as pt_bootstate_save). PT_E_FLASH on failure. */
enum pt_status pt_bootstate_save_resume(const pt_bootstate *bs, const pt_resume_point *resume);

/** Whether the installed image of `kind` (enum pt_payload_kind) recorded in `bs` is still
 *  intact in flash (its SHA-256 matches the record). Cached: computed at boot and again after
 *  pt_images_changed(), so INFO reports what is in flash, not only what was installed (boot.c). */
bool pt_image_present(const pt_bootstate *bs, int kind);

/** Whether the bytes of the image of `kind` (enum pt_payload_kind) in its target region hash to
 *  the SHA-256 that `im` records (no cache: pt_image_present caches it). The Cortex-M4 agent
 *  (PT_SERVICES_CLIENT) takes the bootloader's through the service table (services.h, ABI 3.4). */
bool pt_image_intact(const pt_installed_image *im, int kind);

/** An image region was erased or written at run time (ERASE, WRITE): the cached intactness is
 *  recomputed at the next pt_image_present(), and an application that is no longer intact makes
 *  the image state none (INFO 0x0C: the board will boot into recovery mode). */
void pt_images_changed(void);

#endif
