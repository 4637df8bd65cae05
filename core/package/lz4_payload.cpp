#include "package/lz4_payload.h"

#include "piton/protocol.h"

#include <QCoreApplication>

#include <lz4frame.h>

#include <memory>

namespace piton {

namespace {

struct CctxFree {
    void operator()(LZ4F_cctx *c) const { LZ4F_freeCompressionContext(c); }
};
struct DctxFree {
    void operator()(LZ4F_dctx *d) const { LZ4F_freeDecompressionContext(d); }
};

Error lz4Error(ErrorKind kind, const QString &what, size_t code)
{
    return Error::make(kind, QCoreApplication::translate("Lz4Payload", "LZ4 %1 failed: %2")
                                 .arg(what, QString::fromLatin1(LZ4F_getErrorName(code))));
}

} // namespace

Result<QByteArray> lz4CompressPayload(QByteArrayView image)
{
    LZ4F_cctx *raw = nullptr;
    if (size_t rc = LZ4F_createCompressionContext(&raw, LZ4F_VERSION); LZ4F_isError(rc))
        return lz4Error(ErrorKind::Format, QStringLiteral("compression"), rc);
    std::unique_ptr<LZ4F_cctx, CctxFree> ctx(raw);
    LZ4F_preferences_t prefs{};
    prefs.frameInfo.blockSizeID = LZ4F_max64KB; // the smallest maximum a frame can declare
    prefs.frameInfo.blockMode = LZ4F_blockIndependent;
    prefs.frameInfo.contentChecksumFlag = LZ4F_noContentChecksum;
    prefs.frameInfo.blockChecksumFlag = LZ4F_noBlockChecksum;
    prefs.frameInfo.contentSize = quint64(image.size());
    prefs.autoFlush = 1; // each update below ends its block: blocks of at most PT_LZ4_BLOCK_MAX
    prefs.compressionLevel = 9; // LZ4 HC: slower to make, same decoder, smaller frame
    const qsizetype chunk = PT_LZ4_BLOCK_MAX;
    QByteArray out(qsizetype(LZ4F_HEADER_SIZE_MAX), Qt::Uninitialized);
    size_t n = LZ4F_compressBegin(ctx.get(), out.data(), size_t(out.size()), &prefs);
    if (LZ4F_isError(n))
        return lz4Error(ErrorKind::Format, QStringLiteral("compression"), n);
    out.resize(qsizetype(n));
    const size_t bound = LZ4F_compressBound(size_t(chunk), &prefs);
    for (qsizetype at = 0; at < image.size(); at += chunk) {
        const QByteArrayView piece = image.sliced(at, std::min(chunk, image.size() - at));
        const qsizetype was = out.size();
        out.resize(was + qsizetype(bound));
        n = LZ4F_compressUpdate(ctx.get(), out.data() + was, bound, piece.data(), size_t(piece.size()), nullptr);
        if (LZ4F_isError(n))
            return lz4Error(ErrorKind::Format, QStringLiteral("compression"), n);
        out.resize(was + qsizetype(n));
    }
    const qsizetype was = out.size();
    out.resize(was + qsizetype(bound));
    n = LZ4F_compressEnd(ctx.get(), out.data() + was, bound, nullptr);
    if (LZ4F_isError(n))
        return lz4Error(ErrorKind::Format, QStringLiteral("compression"), n);
    out.resize(was + qsizetype(n));
    return out;
}

Result<QByteArray> lz4DecompressPayload(QByteArrayView frame, quint32 imageSize)
{
    const auto bad = [](const QString &m) { return Error::make(ErrorKind::Format, m); };
    // The device's limit first (install.c): walk the block headers (lz4_Frame_format.md).
    if (frame.size() < 7)
        return bad(QCoreApplication::translate("Lz4Payload", "LZ4 frame of %1 bytes is shorter than its header").arg(frame.size()));
    const quint8 flg = quint8(frame[4]);
    if ((flg >> 6) != 1 || !(flg & 0x20) || (flg & 0x13) != 0)
        return bad(QCoreApplication::translate("Lz4Payload", "LZ4 frame is not version 1 with independent blocks and no block checksum or dictionary (FLG 0x%1)")
                       .arg(flg, 2, 16, QLatin1Char('0')));
    qsizetype pos = 7 + ((flg & 0x08) ? 8 : 0);
    while (pos + 4 <= frame.size()) {
        const quint32 word = quint32(quint8(frame[pos])) | quint32(quint8(frame[pos + 1])) << 8 |
                             quint32(quint8(frame[pos + 2])) << 16 | quint32(quint8(frame[pos + 3])) << 24;
        if (word == 0)
            break;
        if ((word & 0x7FFFFFFFu) > PT_LZ4_BLOCK_MAX)
            return bad(QCoreApplication::translate("Lz4Payload", "LZ4 block of %1 bytes at frame offset %2 exceeds the device's %3-byte block buffer")
                           .arg(word & 0x7FFFFFFFu).arg(pos).arg(PT_LZ4_BLOCK_MAX));
        pos += 4 + qsizetype(word & 0x7FFFFFFFu);
    }
    LZ4F_dctx *raw = nullptr;
    if (size_t rc = LZ4F_createDecompressionContext(&raw, LZ4F_VERSION); LZ4F_isError(rc))
        return lz4Error(ErrorKind::Format, QStringLiteral("decompression"), rc);
    std::unique_ptr<LZ4F_dctx, DctxFree> ctx(raw);
    QByteArray out(qsizetype(imageSize), Qt::Uninitialized);
    size_t srcAt = 0, dstAt = 0;
    for (;;) {
        size_t srcN = size_t(frame.size()) - srcAt, dstN = size_t(out.size()) - dstAt;
        const size_t hint = LZ4F_decompress(ctx.get(), out.data() + dstAt, &dstN, frame.data() + srcAt, &srcN, nullptr);
        if (LZ4F_isError(hint))
            return lz4Error(ErrorKind::Format, QStringLiteral("decoding"), hint);
        srcAt += srcN;
        dstAt += dstN;
        if (hint == 0)
            break; // frame complete
        if (srcN == 0 && dstN == 0)
            return bad(dstAt == size_t(out.size())
                           ? QCoreApplication::translate("Lz4Payload", "LZ4 frame decodes to more than the image's %1 bytes").arg(imageSize)
                           : QCoreApplication::translate("Lz4Payload", "LZ4 frame is truncated after %1 image bytes").arg(dstAt));
    }
    if (srcAt != size_t(frame.size()))
        return bad(QCoreApplication::translate("Lz4Payload", "%1 bytes follow the LZ4 frame").arg(qsizetype(frame.size()) - qsizetype(srcAt)));
    if (dstAt != imageSize)
        return bad(QCoreApplication::translate("Lz4Payload", "LZ4 frame decodes to %1 bytes, the descriptor says %2").arg(dstAt).arg(imageSize));
    return out;
}

bool lz4CompressionPays(qsizetype imageBytes, qsizetype frameBytes)
{
    return frameBytes <= imageBytes - imageBytes / 8;
}

} // namespace piton
