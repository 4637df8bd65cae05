/* mps2-an386 port: hal.h's NOR flash driver over the file-backed memory at M4_FLASH_BASE. In the
 * bootloader only: the application calls it through the bootloader's service table. */
#include "m4_board.h"

#include <string.h>

/* ---- NOR flash over the file-backed memory at M4_FLASH_BASE ------------------------------- */

static bool in_flash(uint32_t address, uint32_t len)
{
    return address >= M4_FLASH_BASE && len <= M4_FLASH_SIZE && address - M4_FLASH_BASE <= M4_FLASH_SIZE - len;
}

/* Program and erase operations since reset, and the fault injection of the test bootloader
 * (bootloader-power-cut, M4_FAULT_INJECTION): when the word pair after the NOR flash in the
 * file-backed memory says "PTCT", N, the board loses power before its (N+1)-th operation: it
 * logs it and stops dead until QEMU is stopped (scripts/m4-board --power-cut-after N). "PTCA", N
 * counts the operations the agent has the bootloader's code make instead, from the table's
 * `init` on (its key update: scripts/m4-board --power-cut-agent-after N). */
static uint32_t s_flash_ops;
/* Set while the bootloader's code serves the application (the service table): "PTCT" counts
 * the bootloader's own operations (an install), "PTCA" the agent's. */
static bool s_serving_application;

void m4_flash_serving_application(void) { s_serving_application = true; }

uint32_t m4_flash_ops(void) { return s_flash_ops; }

static void before_flash_op(void)
{
#ifdef M4_FAULT_INJECTION
    volatile uint32_t *mailbox = (volatile uint32_t *)(M4_FLASH_BASE + M4_FLASH_SIZE);
    if (mailbox[0] == (s_serving_application ? 0x41435450u /* "PTCA" */ : 0x54435450u /* "PTCT" */)) {
        if (mailbox[1] == 0) {
            mailbox[0] = 0; /* once */
            pt_hal_log("fault injection: power cut");
            __asm volatile("cpsid i" ::: "memory");
            for (;;) {
            }
        }
        mailbox[1]--;
    }
#endif
    s_flash_ops++;
}

pt_hal_result pt_hal_flash_read(uint32_t address, void *buf, uint32_t len)
{
    if (!in_flash(address, len))
        return PT_HAL_E_RANGE;
    memcpy(buf, (const void *)address, len);
    return PT_HAL_OK;
}

pt_hal_result pt_hal_flash_program(uint32_t address, const void *buf, uint32_t len)
{
    if (!in_flash(address, len))
        return PT_HAL_E_RANGE;
    volatile uint8_t *dst = (volatile uint8_t *)address;
    const uint8_t *src = buf;
    for (uint32_t i = 0; i < len; i++)
        if ((dst[i] & src[i]) != src[i])
            return PT_HAL_E_NOT_ERASED; /* a 0 bit would have to become 1 */
    before_flash_op();
    for (uint32_t i = 0; i < len; i++)
        dst[i] &= src[i]; /* programming only clears bits */
    return PT_HAL_OK;
}

pt_hal_result pt_hal_flash_erase_sector(uint32_t address)
{
    if (!in_flash(address, 1))
        return PT_HAL_E_RANGE;
    if ((address - M4_FLASH_BASE) % M4_SECTOR_SIZE != 0)
        return PT_HAL_E_ALIGNMENT;
    before_flash_op();
    memset((void *)address, 0xFF, M4_SECTOR_SIZE);
    return PT_HAL_OK;
}

pt_hal_result pt_hal_flash_sector_of(uint32_t address, uint32_t *start, uint32_t *size)
{
    if (!in_flash(address, 1))
        return PT_HAL_E_RANGE;
    *start = address - (address - M4_FLASH_BASE) % M4_SECTOR_SIZE;
    *size = M4_SECTOR_SIZE;
    return PT_HAL_OK;
}
