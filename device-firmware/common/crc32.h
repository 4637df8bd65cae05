/* IEEE 802.3 CRC-32 (reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF), equal to
 * zlib's crc32(); check value for "123456789" is 0xCBF43926 (docs/protocol.md §2). */
#ifndef PT_CRC32_H
#define PT_CRC32_H

#include <stddef.h>
#include <stdint.h>

/** Continues a CRC like zlib: pt_crc32_update(0, a, n) is the CRC of a; chaining over pieces
 *  gives the CRC of the concatenation. */
uint32_t pt_crc32_update(uint32_t crc, const void *data, size_t len);

/** CRC-32 of `len` bytes. */
uint32_t pt_crc32(const void *data, size_t len);

#endif
