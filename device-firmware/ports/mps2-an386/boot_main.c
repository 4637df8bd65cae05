/* mps2-an386 bootloader image: pt_boot() (journal, install, trial boots, revert), then either
 * the application in the deployment region or recovery mode (the protocol server on UART0). */
#include "m4_board.h"
#ifdef M4_BOOT_TCP
#include "m4_eth.h" /* bootloader-tcp: only built to measure what TCP would cost (docs/porting.md) */
#endif

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define NVIC_ICER0 (*(volatile uint32_t *)0xE000E180u)
#define NVIC_ICPR0 (*(volatile uint32_t *)0xE000E280u)

/* Starts the application: its vector table is the first 8 bytes of the deployment region. An
 * image whose stack pointer or entry is not in this board's RAM / deployment region is treated
 * as a crash (reset; the trial boot counts). */
static _Noreturn void start_application(void)
{
    const volatile uint32_t *vt = (const volatile uint32_t *)M4_APP_ADDRESS;
    uint32_t sp = vt[0], pc = vt[1];
    if (sp <= M4_RAM_BASE || sp > M4_RAM_BASE + M4_RAM_SIZE || (sp & 7u) != 0 || (pc & 1u) == 0 ||
        pc < M4_APP_ADDRESS || pc >= M4_APP_ADDRESS + M4_APP_SIZE) {
        pt_hal_log("bootloader: no valid application; reset");
        m4_system_reset();
    }
    __asm volatile("cpsid i" ::: "memory");
    m4_watchdog_start(M4_WATCHDOG_MS); /* an application that hangs is reset, and reverted */
    SYST_CSR = 0;
    NVIC_ICER0 = 0xFFFFFFFFu;
    NVIC_ICPR0 = 0xFFFFFFFFu;
    __asm volatile("msr msp, %0\n"
                   "cpsie i\n"
                   "bx %1\n" ::"r"(sp), "r"(pc)
                   : "memory");
    __builtin_unreachable();
}

int main(void)
{
    m4_crypto_init();
    if (!m4_board_init())
        for (;;)
            __asm volatile("wfi");
    enum pt_stage stage = pt_boot();
    m4_report_usage(); /* after an install: its verification's stack and arena */
    if (m4_flash_ops() > 0) {
        char line[48] = "bootloader: flash operations ";
        m4_append_decimal(line, m4_flash_ops());
        pt_hal_log(line);
    }
    if (stage == PT_STAGE_APPLICATION)
        start_application();
    pt_hal_log("bootloader: recovery mode on UART0");
#ifdef M4_BOOT_TCP
    m4_eth_start();
    m4_serve(m4_eth_poll);
#else
    m4_serve(NULL);
#endif
}
