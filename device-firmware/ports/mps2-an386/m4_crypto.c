/* mps2-an386 port, both images: mbed TLS allocates from this static arena, never from a heap.
 * The bootloader's serves its verification (also when the application calls it through the
 * service table); the application's own serves the sealed sessions (ECDH, ECDSA sign, GCM,
 * HMAC_DRBG: mbedtls_app_config.h). Its high-water mark goes into the "usage:" lines (m4_usage.c). */
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

/* mbedtls_exit() (mbedtls_config.h): the arena is corrupted; nothing can continue safely. */
_Noreturn void m4_crypto_fatal(int status)
{
    (void)status;
    m4_system_reset();
}

uint32_t m4_arena_usage(uint32_t *size)
{
    *size = (uint32_t)sizeof s_arena;
    uint32_t n = sizeof s_arena;
    while (n > ARENA_HEADER_SPARE && s_arena[n - 1] == ARENA_PAINT)
        n--;
    return n;
}
