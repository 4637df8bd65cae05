// LZ4-compressed package payloads (docs/package-format.md, "Compressed payloads"): the LZ4
// frame format (lz4_Frame_format.md 1.6.x, upstream LZ4 doc/) with independent blocks of at
// most PT_LZ4_BLOCK_MAX image bytes, which the device's bootloader decodes block by block
// (device-firmware/common/install.c). Built on liblz4's frame API.
#pragma once

#include "error.h"

#include <QByteArray>
#include <QByteArrayView>

namespace piton {

/** Compresses `image` into one LZ4 frame: block independence on, no block or content
 *  checksum (the manifest's SHA-256 of the stored bytes and of the image are the checks), the
 *  content size field set, blocks cut every PT_LZ4_BLOCK_MAX (4096) image bytes so that the
 *  device needs one such block of RAM in and one out; liblz4 stores a block that does not
 *  shrink uncompressed. Errors: Format when liblz4 fails (named). */
Result<QByteArray> lz4CompressPayload(QByteArrayView image);

/** Decodes an LZ4 frame as the device does and checks it against the descriptor's image size.
 *  Errors: Format naming the problem (liblz4's error name, a block larger than the device's
 *  PT_LZ4_BLOCK_MAX, a frame shorter or longer than `imageSize` bytes, bytes after the frame). */
Result<QByteArray> lz4DecompressPayload(QByteArrayView frame, quint32 imageSize);

/** When compression pays (the default of `package create`): the frame saves at least 1/8 of
 *  the image bytes (a frame only a few percent smaller is not worth a format 2 manifest that
 *  bootloaders before compression cannot read). */
bool lz4CompressionPays(qsizetype imageBytes, qsizetype frameBytes);

} // namespace piton
