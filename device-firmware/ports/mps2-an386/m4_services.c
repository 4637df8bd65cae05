/* mps2-an386 port, bootloader only: the `init` entry of the service table (common/services.h).
 *
 * The bootloader's code runs on the application's behalf on the application's stack, but with
 * the bootloader's own statics (the board, mbed TLS's arena and allocator, the flash driver's
 * counters). The two images' RAM does not overlap (bootloader.ld, application.ld), so those
 * survive the jump; still, the application may have run for a long time, so init sets them up
 * from scratch, as the reset handler does: .data from flash, .bss zeroed, the crypto arena, the
 * board from the provisioning block. */
#include <string.h>

#include "m4_board.h"
#include "services.h"

enum pt_status pt_services_port_init(void)
{
    m4_init_statics();
    m4_crypto_init();
    m4_flash_serving_application();
    return m4_load_provisioning() ? PT_OK : PT_E_INTERNAL;
}
