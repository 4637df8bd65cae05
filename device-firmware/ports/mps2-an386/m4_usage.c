/* mps2-an386 port, both images: the stack's high-water mark (and the bootloader's crypto arena's,
 * m4_crypto.c) for the footprint table: tests/m4 prints the "usage:" lines. */
#include "m4_board.h"

#include <string.h>

/* An image without a crypto arena of its own (m4_crypto.c) reports none. */
__attribute__((weak)) uint32_t m4_arena_usage(uint32_t *size)
{
    *size = 0;
    return 0;
}

/* The stack is painted at reset (startup.c); the first overwritten word bounds its use. */
extern uint32_t _sstack, _estack;
static uint32_t stack_high_water(void)
{
    const uint32_t *p = &_sstack;
    while (p < &_estack && *p == M4_STACK_PAINT)
        p++;
    return (uint32_t)((uintptr_t)&_estack - (uintptr_t)p);
}

void m4_append_decimal(char *text, uint32_t v)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0);
    text += strlen(text);
    while (n > 0)
        *text++ = digits[--n];
    *text = '\0';
}

void m4_report_usage(void)
{
    static uint32_t s_stack, s_arena_used;
    uint32_t arena_size = 0;
    uint32_t st = stack_high_water(), ar = m4_arena_usage(&arena_size);
    if (st <= s_stack && ar <= s_arena_used)
        return;
    s_stack = st;
    s_arena_used = ar;
    char line[80] = "usage: stack ";
    m4_append_decimal(line, st);
    strcat(line, " B");
    if (arena_size > 0) {
        strcat(line, ", crypto arena ");
        m4_append_decimal(line, ar);
        strcat(line, " of ");
        m4_append_decimal(line, arena_size);
        strcat(line, " B");
    }
    pt_hal_log(line); /* no printf in the bootloader: it would cost 3.5 KB */
}
