/* LZ4 frames as the workstation writes them for compressed payloads (core/package/lz4_payload.cpp,
 * docs/package-format.md "Compressed payloads"): independent blocks of PT_LZ4_BLOCK_MAX image
 * bytes, no checksums, content size set. For the device tests and the fault campaign. */
#ifndef TH_LZ4_H
#define TH_LZ4_H

#include <lz4frame.h>
#include <stdint.h>
#include <string.h>

#include "piton/protocol.h"

/* Compresses `n` bytes of `data` into `out` (`cap` bytes); returns the frame size, 0 on error. */
static inline size_t th_lz4_frame(const uint8_t *data, uint32_t n, uint8_t *out, size_t cap)
{
    LZ4F_preferences_t prefs;
    memset(&prefs, 0, sizeof prefs);
    prefs.frameInfo.blockSizeID = LZ4F_max64KB;
    prefs.frameInfo.blockMode = LZ4F_blockIndependent;
    prefs.frameInfo.contentSize = n;
    prefs.autoFlush = 1;
    LZ4F_cctx *c = NULL;
    if (LZ4F_isError(LZ4F_createCompressionContext(&c, LZ4F_VERSION)))
        return 0;
    size_t pos = LZ4F_compressBegin(c, out, cap, &prefs);
    for (uint32_t at = 0; at < n && !LZ4F_isError(pos); at += PT_LZ4_BLOCK_MAX) {
        const size_t k = LZ4F_compressUpdate(c, out + pos, cap - pos, data + at,
                                             n - at < PT_LZ4_BLOCK_MAX ? n - at : PT_LZ4_BLOCK_MAX, NULL);
        pos = LZ4F_isError(k) ? k : pos + k;
    }
    if (!LZ4F_isError(pos)) {
        const size_t k = LZ4F_compressEnd(c, out + pos, cap - pos, NULL);
        pos = LZ4F_isError(k) ? k : pos + k;
    }
    LZ4F_freeCompressionContext(c);
    return LZ4F_isError(pos) ? 0 : pos;
}

/* A buffer large enough for the frame of `n` bytes. */
static inline size_t th_lz4_bound(uint32_t n)
{
    return n + (n / PT_LZ4_BLOCK_MAX + 1u) * 8u + 64u;
}

#endif
