/* mps2-an386 test image `verify-bench` (scripts/m4-verify-cycles): how many instructions one
 * package verification (an ECDSA P-256 signature through mbed TLS, as the bootloader and the
 * agent do it) and SHA-256 take on the Cortex-M4. Started in place of the bootloader with QEMU
 * -icount, where virtual time counts executed instructions; SysTick (processor clock, no
 * interrupt, 24-bit down counter) measures that virtual time, calibrated by a loop of a known
 * number of instructions. The script puts [u32 size][signed package] at the start of the
 * `update` region; the results go to the log (UART1) as "bench: ..." lines. */
#include <string.h>

#include "bootstate.h"
#include "m4_board.h"
#include "package.h"
#include "regions.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_COUNTFLAG (1u << 16)
#define CALIBRATION_LOOPS 1000000u /* 2 instructions each (subs, bne) */

static void ticks_start(void)
{
    SYST_CSR = 0;
    SYST_RVR = 0x00FFFFFFu;
    SYST_CVR = 0;     /* reloads with RVR */
    SYST_CSR = 5u;    /* processor clock, enabled, no interrupt */
    (void)SYST_CSR;   /* clears COUNTFLAG */
}

/* Ticks since ticks_start(); 0 when the counter wrapped (the measurement was too long). */
static uint32_t ticks_stop(void)
{
    uint32_t now = SYST_CVR, csr = SYST_CSR;
    return (csr & SYST_COUNTFLAG) ? 0u : 0x00FFFFFFu - now;
}

static void log_figure(const char *what, uint32_t v)
{
    char line[96] = "bench: ";
    strcat(line, what);
    strcat(line, " ");
    m4_append_decimal(line, v);
    pt_hal_log(line);
}

int main(void)
{
    m4_crypto_init(); /* as the bootloader's start-up (m4_board_init may do it too: harmless) */
    if (!m4_board_init())
        for (;;)
            __asm volatile("wfi");
    uint32_t loops = CALIBRATION_LOOPS;
    ticks_start();
    __asm volatile("1: subs %0, %0, #1\n"
                   "   bne 1b\n"
                   : "+r"(loops)::"cc");
    log_figure("calibration-instructions", 2u * CALIBRATION_LOOPS);
    log_figure("calibration-ticks", ticks_stop());

    const pt_region *update = pt_region_by_name("update");
    uint32_t size = 0;
    if (update == NULL || pt_region_read(update, 0, &size, sizeof size) != PT_OK || size == 0 ||
        size > update->size - 4u) {
        pt_hal_log("bench: no package at the start of the update region");
        for (;;)
            __asm volatile("wfi");
    }
    pt_bootstate bs;
    memset(&bs, 0, sizeof bs);
    pt_manifest_info m;
    for (int run = 0; run < 3; run++) {
        ticks_start();
        enum pt_status s = pt_package_verify(update, 4u, size, &bs, &m);
        uint32_t t = ticks_stop();
        log_figure(s == PT_OK ? "verify-ticks" : "verify-failed-status", s == PT_OK ? t : (uint32_t)s);
    }
    const uint32_t hash_len = 65536u;
    uint8_t digest[32];
    ticks_start();
    (void)pt_region_sha256(update, 0, hash_len, digest);
    log_figure("sha256-bytes", hash_len);
    log_figure("sha256-ticks", ticks_stop());
    m4_report_usage();
    pt_hal_log("bench: done");
    for (;;)
        __asm volatile("wfi");
}
