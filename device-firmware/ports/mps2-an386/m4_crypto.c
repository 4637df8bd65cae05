/* mps2-an386 port: mbed TLS allocates from this static arena, never from a heap; and the
 * high-water marks of the arena and of the stack, for the footprint table (tests/m4 prints them). */
#include "m4_board.h"

#include <string.h>

#include "mbedtls/memory_buffer_alloc.h"

/* One P-256 verify peaks at about 3 KB (the log's "usage:" lines say how far). The test build
 * bootloader-small-arena sets it too small on purpose: verification must then fail as
 * PT_E_INTERNAL, not as a bad signature. */
#ifndef M4_CRYPTO_ARENA
#define M4_CRYPTO_ARENA 4096u
#endif
static unsigned char s_arena[M4_CRYPTO_ARENA] __attribute__((aligned(8)));

/* After init the arena is one free block: its header at the start, then unused bytes. Painting
 * those lets the last byte that is not paint bound what was ever handed out (calloc zeroes its
 * blocks, mbed TLS zeroises bignums before freeing them: nothing used looks like paint). The
 * header is 32 bytes in this configuration; 64 are spared. */
#define ARENA_PAINT 0xA5u
#define ARENA_HEADER_SPARE 64u

void m4_crypto_init(void)
{
    mbedtls_memory_buffer_alloc_init(s_arena, sizeof s_arena);
    memset(s_arena + ARENA_HEADER_SPARE, ARENA_PAINT, sizeof s_arena - ARENA_HEADER_SPARE);
}

static uint32_t arena_high_water(void)
{
    uint32_t n = sizeof s_arena;
    while (n > ARENA_HEADER_SPARE && s_arena[n - 1] == ARENA_PAINT)
        n--;
    return n;
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
    uint32_t st = stack_high_water(), ar = arena_high_water();
    if (st <= s_stack && ar <= s_arena_used)
        return;
    s_stack = st;
    s_arena_used = ar;
    char line[80] = "usage: stack ";
    m4_append_decimal(line, st);
    strcat(line, " B, crypto arena ");
    m4_append_decimal(line, ar);
    strcat(line, " of ");
    m4_append_decimal(line, (uint32_t)sizeof s_arena);
    strcat(line, " B");
    pt_hal_log(line); /* no printf in the bootloader: it would cost 3.5 KB */
}
