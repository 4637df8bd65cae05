/* mps2-an386 port: mbed TLS allocates from this static arena, never from a heap. */
#include "m4_board.h"

#include "mbedtls/memory_buffer_alloc.h"

/* One P-256 verify through the pk layer peaks at about 3 KB here (docs/porting.md). */
#ifndef M4_CRYPTO_ARENA
#define M4_CRYPTO_ARENA 6144u
#endif
static unsigned char s_arena[M4_CRYPTO_ARENA] __attribute__((aligned(8)));

void m4_crypto_init(void) { mbedtls_memory_buffer_alloc_init(s_arena, sizeof s_arena); }
