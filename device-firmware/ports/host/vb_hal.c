/* piton-vboard: hal.h for a Linux process. See vb_hal.h. */
#include "vb_hal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "vb_endpoint.h"
#include "vb_error.h"
#include "vb_flash.h"

static pt_board g_board;
static const vb_profile *g_profile; /* for pt_hal_lock: where the provisioning block lives */
static pt_retained g_retained;
static uint64_t g_power_on_ms;
static jmp_buf *g_boot_point;
static unsigned g_resets;

uint64_t vb_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void vb_hal_power_on(void)
{
    memset(&g_retained, 0, sizeof g_retained);
    g_power_on_ms = vb_monotonic_ms() + vb_hal_skipped_ms();
    g_resets = 0;
}

void vb_hal_set_board(const vb_profile *p, const vb_provision *pv)
{
    memset(&g_board, 0, sizeof g_board);
    g_profile = p;
    snprintf(g_board.board_id, sizeof g_board.board_id, "%s", p->id);
    g_board.unique_id_len = pv->unique_id_len;
    memcpy(g_board.unique_id, pv->unique_id, pv->unique_id_len);
    g_board.locked = pv->locked;
    g_board.trusted_key_count = pv->key_count;
    memcpy(g_board.trusted_keys, pv->keys, sizeof g_board.trusted_keys);
    g_board.root_key_count = pv->root_key_count;
    memcpy(g_board.root_keys, pv->root_keys, sizeof g_board.root_keys);
    g_board.region_count = p->region_count;
    memcpy(g_board.regions, p->regions, sizeof g_board.regions);
    /* The key store (vb_provision.h): two sectors of its own, or the rest of the provisioning sector. */
    char err[VB_ERROR_MAX];
    if (!vb_keystore_range(p, &g_board.keystore_address, &g_board.keystore_size, err))
        g_board.keystore_address = g_board.keystore_size = 0;
}

void vb_hal_set_access(const vb_access *a)
{
    g_board.access_key_count = a->key_count;
    memcpy(g_board.access_keys, a->keys, sizeof g_board.access_keys);
    g_board.has_identity = a->has_identity;
    memcpy(g_board.identity_key, a->identity_priv, 32);
    memcpy(g_board.identity_pub, a->identity_pub, 65);
}

pt_hal_result pt_hal_random(uint8_t *out, uint32_t len)
{
    uint32_t got = 0;
    while (got < len) {
        ssize_t n = getrandom(out + got, len - got, 0);
        if (n <= 0) return PT_HAL_E_IO;
        got += (uint32_t)n;
    }
    return PT_HAL_OK;
}

uint32_t pt_hal_unix_time(void) { return (uint32_t)time(NULL); }

void vb_hal_set_session_timeout(uint32_t ms) { g_board.session_timeout_ms = ms; }

void vb_hal_set_boot_point(jmp_buf *boot_point) { g_boot_point = boot_point; }

unsigned vb_hal_reset_count(void) { return g_resets; }

const pt_board *pt_hal_board(void) { return &g_board; }

pt_hal_result pt_hal_lock(void)
{
    if (g_board.locked)
        return PT_HAL_OK;
    /* The lock word stands for OTP or an option byte: one program to 0, no erase, read at every
     * start (vb_provision.h; a factory re-provision with --trust-key is the only way back). */
    char err[VB_ERROR_MAX];
    if (!g_profile || !vb_provision_lock(g_profile, err)) {
        pt_hal_log(g_profile ? err : "lock: no board profile");
        return PT_HAL_E_IO;
    }
    g_board.locked = true;
    pt_hal_log("lock: the board is locked for production");
    return PT_HAL_OK;
}

pt_hal_result pt_hal_flash_read(uint32_t address, void *buf, uint32_t len)
{
    return vb_flash_read(address, buf, len);
}

pt_hal_result pt_hal_flash_program(uint32_t address, const void *buf, uint32_t len)
{
    return vb_flash_program(address, buf, len);
}

pt_hal_result pt_hal_flash_erase_sector(uint32_t address) { return vb_flash_erase_sector(address); }

pt_hal_result pt_hal_flash_sector_of(uint32_t address, uint32_t *start, uint32_t *size)
{
    return vb_flash_sector_of(address, start, size);
}

/* Clock steps (--clock-step): counted in a signal handler, applied by every read of the clock. */
static volatile sig_atomic_t g_steps;
static unsigned g_step_ms;

void vb_hal_advance_ms(unsigned ms)
{
    g_step_ms = ms;
    g_steps++;
}

uint64_t vb_hal_skipped_ms(void) { return (uint64_t)g_steps * g_step_ms; }

uint32_t pt_hal_millis(void) { return (uint32_t)(vb_monotonic_ms() + vb_hal_skipped_ms() - g_power_on_ms); }

pt_retained *pt_hal_retained(void) { return &g_retained; }

void pt_hal_log(const char *line)
{
    fprintf(stderr, "piton-vboard: %s\n", line);
    fflush(stderr);
}

_Noreturn void pt_hal_reset(void)
{
    g_resets++;
    if (!g_boot_point) {
        fprintf(stderr, "piton-vboard: pt_hal_reset() called without a boot point; exiting\n");
        fflush(stderr);
        exit(3);
    }
    longjmp(*g_boot_point, 1);
}
