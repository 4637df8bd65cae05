/* mps2-an386 application: a small program with the update agent inside (the protocol server in
 * the application stage on UART0, and on TCP through lwIP and the LAN9118: m4_eth.h). It
 * confirms a trial image once it is up, and prints a heartbeat line once a second on UART1 (the
 * log), not on UART0: bytes between frames on the protocol link would only make the workstation
 * resynchronise. */
#include <string.h>

#include "m4_board.h"
#include "m4_eth.h"
#include "services.h"

static uint32_t s_next_beat;
static uint32_t s_beats;

static void heartbeat(void)
{
    uint32_t now = pt_hal_millis();
    if ((int32_t)(now - s_next_beat) < 0)
        return;
    s_next_beat = now + 1000u;
    char line[64] = "app: heartbeat ";
    m4_append_decimal(line, ++s_beats);
    strcat(line, pt_current_image_state() == PT_IMAGE_CONFIRMED ? ", confirmed" : ", trial");
    pt_hal_log(line);
}

/* Between UART0 rounds: the heartbeat, and the Ethernet (true when it had work). */
static bool idle(void)
{
    heartbeat();
    return m4_eth_poll();
}

int main(void)
{
    m4_board_start();
    /* The agent's flash, crypto, package verification and boot state are the bootloader's, and
     * so is the pt_crc32 that checks the provisioning block below: bound first. With an
     * incompatible table (pt_services_bind logged why) it cannot serve: recovery mode. */
    if (!pt_services_bind(M4_SERVICES_ADDRESS)) {
        pt_hal_retained()->magic = PT_RETAINED_MAGIC;
        pt_hal_retained()->request = PT_REBOOT_BOOTLOADER;
        pt_hal_reset();
    }
    if (!m4_board_provision())
        for (;;)
            __asm volatile("wfi");
    /* The CPU executes this program in place from the deployment region: erasing or writing it
     * now would pull the code (and the vector table) from under the CPU, which locks up. The agent
     * refuses both (PT_E_PROTECTED); the bootloader does them (piton-cli reboot --bootloader). */
    m4_protect_region(PT_REGION_NAME_DEPLOYMENT);
    if (pt_app_start() != PT_STAGE_APPLICATION) {
        pt_hal_log("app: no installed application recorded; back to the bootloader");
        pt_hal_reset();
    }
    if (pt_current_image_state() == PT_IMAGE_TRIAL) {
        enum pt_status s = pt_confirm();
        pt_hal_log(s == PT_OK ? "app: trial image confirmed" : "app: confirm failed");
    }
    m4_crypto_init(); /* the application's own mbed TLS arena: sealed sessions (m4_crypto.c) */
    m4_eth_start();
    m4_serve(idle);
}
