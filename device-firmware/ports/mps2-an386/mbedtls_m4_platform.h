/*
 * The platform part of both mbed TLS 2.28 configurations of the mps2-an386 port (the bootloader's
 * mbedtls_config.h and the application's mbedtls_app_config.h): bare metal, newlib-nano, memory
 * from a static arena (MBEDTLS_MEMORY_BUFFER_ALLOC_C, m4_crypto.c). Included by those two only.
 */
#ifndef PITON_M4_MBEDTLS_PLATFORM_H
#define PITON_M4_MBEDTLS_PLATFORM_H

#define MBEDTLS_HAVE_ASM
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_PLATFORM_PRINTF_ALT
#define MBEDTLS_PLATFORM_SNPRINTF_ALT
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/* The arena allocator calls mbedtls_exit(1) when it finds its block list corrupted: the board
 * resets (m4_crypto.c) instead of linking newlib's exit() and its reentrancy data (about 140
 * bytes of flash, 100 of RAM) for a call that could not return anyway. */
#define MBEDTLS_PLATFORM_EXIT_MACRO m4_crypto_fatal
_Noreturn void m4_crypto_fatal(int status);

#endif /* PITON_M4_MBEDTLS_PLATFORM_H */
