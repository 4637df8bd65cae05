#include "frame.h"

#include <zlib.h>

#include <algorithm>

namespace piton {

namespace {
quint32 le32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return quint32(u[0]) | (quint32(u[1]) << 8) | (quint32(u[2]) << 16) | (quint32(u[3]) << 24);
}
void putLe32(QByteArray &out, quint32 v)
{
    out.append(char(v & 0xFF));
    out.append(char((v >> 8) & 0xFF));
    out.append(char((v >> 16) & 0xFF));
    out.append(char((v >> 24) & 0xFF));
}
} // namespace

quint32 frameCrc32(QByteArrayView bytes)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto *data = reinterpret_cast<const Bytef *>(bytes.data());
    qsizetype left = bytes.size();
    while (left > 0) {
        const uInt n = uInt(std::min<qsizetype>(left, 1 << 30));
        crc = crc32(crc, data, n);
        data += n;
        left -= n;
    }
    return quint32(crc);
}

QByteArray encodeFrame(const Frame &frame)
{
    QByteArray out;
    out.reserve(frame.payload.size() + qsizetype(PT_FRAME_OVERHEAD));
    out.append(char(PT_FRAME_MAGIC0));
    out.append(char(PT_FRAME_MAGIC1));
    out.append(char(PT_PROTOCOL_VERSION));
    out.append(char(frame.command));
    out.append(char(frame.sequence & 0xFF));
    out.append(char(frame.sequence >> 8));
    out.append(char(frame.flags));
    out.append(char(frame.status));
    putLe32(out, quint32(frame.payload.size()));
    out.append(frame.payload);
    putLe32(out, frameCrc32(out));
    return out;
}

FrameDecoder::FrameDecoder(quint32 maxPayload)
    : m_maxPayload(std::min<quint32>(maxPayload, PT_ABSOLUTE_MAX_PAYLOAD))
{
}

void FrameDecoder::feed(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    // Compact before growing: keep the buffer from accumulating consumed bytes.
    if (m_start > 0 && (m_start >= 4096 || m_start == m_buffer.size())) {
        m_buffer.remove(0, m_start);
        m_start = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
}

void FrameDecoder::consume(qsizetype n, bool discard)
{
    m_start += n;
    if (discard)
        m_discarded += quint64(n);
    if (m_start == m_buffer.size()) {
        m_buffer.clear();
        m_start = 0;
    }
}

std::optional<Frame> FrameDecoder::next()
{
    for (;;) {
        const qsizetype avail = m_buffer.size() - m_start;
        if (avail <= 0)
            return std::nullopt;
        const char *base = m_buffer.constData() + m_start;

        // Search for the magic 0x50 0x54.
        qsizetype i = 0;
        while (i < avail) {
            if (quint8(base[i]) == PT_FRAME_MAGIC0
                && (i + 1 == avail || quint8(base[i + 1]) == PT_FRAME_MAGIC1))
                break;
            ++i;
        }
        if (i > 0) {
            consume(i, true);
            continue;
        }
        if (avail < qsizetype(PT_FRAME_HEADER_SIZE))
            return std::nullopt; // wait for the whole header

        const quint8 version = quint8(base[2]);
        const quint8 flags = quint8(base[6]);
        const quint32 length = le32(base + 8);
        if (version != PT_PROTOCOL_VERSION || (flags & ~(PT_FRAME_FLAG_RESPONSE | PT_FRAME_FLAG_SEALED)) != 0
            || length > m_maxPayload) {
            ++m_rejected;
            consume(1, true);
            continue;
        }
        const qsizetype total = qsizetype(PT_FRAME_OVERHEAD) + qsizetype(length);
        if (avail < total)
            return std::nullopt; // wait for payload and CRC

        const quint32 expected = le32(base + PT_FRAME_HEADER_SIZE + length);
        const quint32 actual = frameCrc32(QByteArrayView(base, qsizetype(PT_FRAME_HEADER_SIZE) + length));
        if (expected != actual) {
            ++m_rejected;
            consume(1, true);
            continue;
        }
        Frame f;
        f.command = quint8(base[3]);
        f.sequence = quint16(quint8(base[4]) | (quint16(quint8(base[5])) << 8));
        f.flags = flags;
        f.status = quint8(base[7]);
        f.payload = QByteArray(base + PT_FRAME_HEADER_SIZE, qsizetype(length));
        consume(total, false);
        return f;
    }
}

void FrameDecoder::dropPartial()
{
    const qsizetype n = pendingBytes();
    if (n > 0)
        consume(n, true);
}

void FrameDecoder::setMaxPayload(quint32 maxPayload)
{
    m_maxPayload = std::min<quint32>(maxPayload, PT_ABSOLUTE_MAX_PAYLOAD);
}

void FrameDecoder::reset()
{
    m_buffer.clear();
    m_start = 0;
    m_discarded = 0;
    m_rejected = 0;
}

} // namespace piton
