/* lwIP 2.1 architecture header for the mps2-an386 port (src/include/lwip/arch.h says what a port
 * provides): GCC on a little-endian Cortex-M4, newlib's stdint/inttypes/limits, no printf. */
#ifndef PITON_M4_LWIP_CC_H
#define PITON_M4_LWIP_CC_H

#define BYTE_ORDER LITTLE_ENDIAN

/* Byte swaps by the compiler (REV16/REV) instead of lwIP's portable C functions. */
#define lwip_htons(x) ((u16_t)__builtin_bswap16((u16_t)(x)))
#define lwip_ntohs(x) lwip_htons(x)
#define lwip_htonl(x) ((u32_t)__builtin_bswap32((u32_t)(x)))
#define lwip_ntohl(x) lwip_htonl(x)

/* No diagnostics texts on the target (they would cost flash); a failed lwIP assertion logs one
 * line on UART1 and resets the board (m4_eth.c). */
#define LWIP_PLATFORM_DIAG(x) do { } while (0)
void m4_lwip_assert_failed(void);
#define LWIP_PLATFORM_ASSERT(x) m4_lwip_assert_failed()

#endif
