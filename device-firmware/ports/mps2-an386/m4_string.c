/* mps2-an386 port, bootloader only: the C library's string and memory functions, written for
 * size. Debian's newlib-nano links its speed-first ARMv7-M versions (strcmp alone is 732 bytes,
 * the nine functions below 2 136); these are 318 bytes. memcpy and memset move words when the
 * pointers allow it (mbed TLS's bignums, SHA-256 blocks): with them and LTO a package
 * verification takes 30.3 million instructions against 29.5 before, SHA-256 62.9 instructions
 * per byte against 59.9 (scripts/m4-verify-cycles); byte loops alone cost 26 %. They follow ISO
 * C11 §7.24 and are linked before the C library, so its copies are not pulled in. This file is
 * built without LTO and with -fno-tree-loop-distribute-patterns (CMakeLists.txt): GCC would
 * otherwise turn the loops back into calls of the functions they define. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A word that may alias any object (the copies below move other types' bytes). */
typedef uint32_t __attribute__((may_alias)) m4_word;

/* Words while both pointers are word-aligned (mbed TLS's bignums and SHA-256 blocks, flash
 * reads into word buffers), bytes otherwise. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if ((((uintptr_t)d | (uintptr_t)s) & 3u) == 0)
        for (; n >= 4; n -= 4, d += 4, s += 4)
            *(m4_word *)(void *)d = *(const m4_word *)(const void *)s;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if ((uintptr_t)d - (uintptr_t)s >= n) /* d before s, or no overlap: forwards */
        while (n--)
            *d++ = *s++;
    else
        while (n--)
            d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    if (((uintptr_t)d & 3u) == 0)
        for (uint32_t w = 0x01010101u * (unsigned char)c; n >= 4; n -= 4, d += 4)
            *(m4_word *)(void *)d = w;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

int strcmp(const char *a, const char *b)
{
    for (; *a == *b && *a; a++, b++)
        ;
    return (unsigned char)*a - (unsigned char)*b;
}

char *strcpy(char *restrict dst, const char *restrict src) { return memcpy(dst, src, strlen(src) + 1); }

char *strcat(char *restrict dst, const char *restrict src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}
