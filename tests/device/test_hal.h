/*
 * RAM-backed HAL for the device core tests: the stm32f4-ref board (internal flash with mixed
 * sector sizes, 8 MB external flash), NOR rule enforced (program only clears bits), retained
 * RAM, a settable millisecond clock, and pt_hal_reset() implemented with longjmp back into the
 * test. Also a tiny check framework and a protocol client over an in-memory link.
 */
#ifndef PT_TEST_HAL_H
#define PT_TEST_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "piton/device.h"

/* ---- checks ---- */
extern int th_passed, th_failed;
#define CHECK(cond)                                                                         \
    do {                                                                                    \
        if (cond) {                                                                         \
            th_passed++;                                                                    \
        } else {                                                                            \
            th_failed++;                                                                    \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                          \
        }                                                                                   \
    } while (0)
#define CHECK_EQ(a, b)                                                                      \
    do {                                                                                    \
        long long va_ = (long long)(a), vb_ = (long long)(b);                               \
        if (va_ == vb_) {                                                                   \
            th_passed++;                                                                    \
        } else {                                                                            \
            th_failed++;                                                                    \
            printf("FAIL %s:%d: %s == %s (%lld vs %lld)\n", __FILE__, __LINE__, #a, #b, va_, vb_); \
        }                                                                                   \
    } while (0)
/** Prints "N passed, M failed" and returns the process exit code. */
int th_summary(void);

/* ---- board and flash ---- */
/** Power-on of a factory-fresh board: all flash erased, retained RAM zeroed, unlocked, no keys. */
void th_factory(void);
/** The board table (tests may add trusted keys, lock it, change the unique id). */
pt_board *th_board(void);
/** Power cycle: retained RAM zeroed (flash kept). */
void th_power_cycle(void);
/** Direct flash access for assertions (absolute address). */
uint8_t *th_flash_ptr(uint32_t address);
/** Bytes of the whole flash (internal, then external) that th_flash_save() copies. */
size_t th_flash_bytes(void);
/** Copies the whole flash into `out` (th_flash_bytes() bytes), or back from `in`: a snapshot
 *  that stateful fuzz targets restore between inputs. Counters and hooks are left as they are. */
void th_flash_save(uint8_t *out);
void th_flash_load(const uint8_t *in);
/** Like th_flash_load(), but copies back only the 4 KB pages that a program or sector erase
 *  through the HAL changed since the last th_flash_save(), th_flash_load() or
 *  th_flash_load_changed() (all of them after th_factory()). Writes through th_flash_ptr() are
 *  not tracked. For the stateful fuzz targets, which restore their snapshot before every input. */
void th_flash_load_changed(const uint8_t *in);
/** Counts of HAL operations since th_factory(). */
extern unsigned long th_erase_count, th_program_count;
/** Simulated reset right after the n-th next erase (n >= 1) completes; 0 disables. */
void th_reset_after_erase(unsigned n);
/** Power cut instead of the n-th next program or erase (n >= 1; 0 disables): nothing of that
 *  operation is written, retained RAM is zeroed and the board boots again (inside th_run /
 *  th_boot, which then boots until a boot completes). Stays armed across th_run calls until it
 *  fires. th_on_cut, when set, runs just before (it may read the flash). */
void th_cut_after_ops(unsigned long n);
extern void (*th_on_cut)(void);
/** When set, runs after every program (erase = false; `len` bytes) and sector erase (erase =
 *  true; `len` = the sector size) that completed, with its absolute address. It may arm
 *  th_cut_after_ops(). */
extern void (*th_on_flash_op)(bool erase, uint32_t address, uint32_t len);
/** The last line the core gave pt_hal_log(), and how many it gave since start. */
extern char th_log_last[256];
extern unsigned th_log_lines;
/** Advances the clock. */
void th_advance_ms(uint32_t ms);

/** Runs fn(arg) with the reset trap armed. Returns true when pt_hal_reset() (or an injected
 *  reset) ended it. */
bool th_run(void (*fn)(void *), void *arg);
/** When true (the default), th_boot() confirms a trial image once the application stage runs,
 *  as the agent does; false models an application that never confirms. */
extern bool th_auto_confirm;
/** Runs pt_boot() (trap armed), confirms a trial image when th_auto_confirm, and re-prepares
 *  the link. Returns the stage. */
enum pt_stage th_boot(void);

/* ---- link and client ---- */
extern pt_link th_link;
/** A second link (another session: docs/protocol.md §5), prepared by th_boot() like th_link. */
extern pt_link th_link2;
/** Gives the board an access key (a P-256 SubjectPublicKeyInfo; only that it is there counts to
 *  the policy) and grants `link` the enum pt_role `role`, unsealed, as a session would (the
 *  handshake itself is tested in test_session.c and e2e.sessions): what a locked board wants
 *  before it serves a change on any link (docs/security.md "Policy table"). */
void th_grant(pt_link *link, uint8_t role);
/** Bytes the device sent since the last th_take_sent(). */
const uint8_t *th_sent(size_t *len);
void th_clear_sent(void);
/** Feeds raw bytes to the device (trap armed; after a reset boots again). Returns true on reset. */
bool th_feed(const uint8_t *data, size_t len);
bool th_feed_on(pt_link *link, const uint8_t *data, size_t len);

typedef struct {
    int status;           /* response status; -1 when no response */
    uint32_t len;
    uint8_t payload[65536];
    bool reset;           /* the device reset after answering (th_boot already ran again) */
} th_response;
/** Sends one request and decodes the one response. */
int th_request(uint8_t cmd, const void *payload, uint32_t len, th_response *resp);
/** The same on `link` (th_link or th_link2); both links' responses land in th_sent(). */
int th_request_on(pt_link *link, uint8_t cmd, const void *payload, uint32_t len, th_response *resp);
/** CONFIG_SET of `key` to `value` (NUL-terminated; docs/protocol.md §4 CONFIG_SET: u8 key length,
 *  key, value) on `link`; returns the response status, -1 when key or value is too long to send. */
int th_config_set_on(pt_link *link, const char *key, const char *value, th_response *resp);
/** Region-command payload helper: u8 id, 3 res, u32 offset, u32 length. */
void th_region_args(uint8_t *out, uint8_t id, uint32_t offset, uint32_t length);
/** SHA-256 of each region (absolute flash contents), for "nothing changed" assertions. */
void th_region_hashes(uint8_t out[][32]);

#endif
