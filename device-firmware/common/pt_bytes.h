/* Little-endian load/store helpers (all wire and flash formats are little-endian). On a
 * little-endian target the stores are one memcpy, which GCC turns into one (unaligned) store
 * where the CPU allows it (Cortex-M4: STR); byte by byte, GCC -Os kept each pt_put32 as a
 * 16-byte function of four byte stores, outlined once per LTO partition (scripts/m4-size). */
#ifndef PT_BYTES_H
#define PT_BYTES_H

#include <stdint.h>
#include <string.h>

#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define PT_BYTES_NATIVE_LE 1
#else
#define PT_BYTES_NATIVE_LE 0
#endif

static inline uint16_t pt_get16(const uint8_t *p)
{
#if PT_BYTES_NATIVE_LE
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
#else
    return (uint16_t)(p[0] | (p[1] << 8));
#endif
}
static inline uint32_t pt_get32(const uint8_t *p)
{
#if PT_BYTES_NATIVE_LE
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
#else
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
#endif
}
static inline void pt_put16(uint8_t *p, uint16_t v)
{
#if PT_BYTES_NATIVE_LE
    memcpy(p, &v, 2);
#else
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
#endif
}
static inline void pt_put32(uint8_t *p, uint32_t v)
{
#if PT_BYTES_NATIVE_LE
    memcpy(p, &v, 4);
#else
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
#endif
}

#endif
