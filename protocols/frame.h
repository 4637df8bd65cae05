// Frames of the Piton wire protocol: encoding and a resynchronising decoder.
// Format and resynchronisation rules: docs/protocol.md §2 (constants in piton/protocol.h).
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <optional>

#include "piton/protocol.h"

namespace piton {

/** One frame: header fields plus payload. The magic, version, length and CRC are implied and
 *  produced/checked by encodeFrame() and FrameDecoder. */
struct Frame {
    quint8 command = 0;   ///< enum pt_command
    quint16 sequence = 0; ///< chosen by the host, echoed by the device
    quint8 flags = 0;     ///< bit 0 = response (PT_FRAME_FLAG_RESPONSE); bits 1..7 must be 0
    quint8 status = 0;    ///< requests: 0; responses: enum pt_status
    QByteArray payload;   ///< command specific, at most PT_ABSOLUTE_MAX_PAYLOAD bytes

    bool isResponse() const { return (flags & PT_FRAME_FLAG_RESPONSE) != 0; }
};

/** CRC-32 (IEEE 802.3, reflected 0xEDB88320, init and final XOR 0xFFFFFFFF) of `bytes`, as used
 *  in the frame trailer; computed with zlib's crc32(). crc32("123456789") == 0xCBF43926. */
quint32 frameCrc32(QByteArrayView bytes);

/** Encodes `frame` into its wire form: 12-byte header, payload, CRC-32 trailer (all
 *  little-endian). The caller keeps the payload within the negotiated maximum; this function
 *  does not truncate. Size of the result: payload size + PT_FRAME_OVERHEAD (16) bytes. */
QByteArray encodeFrame(const Frame &frame);

/**
 * Incremental frame decoder for a byte stream (docs/protocol.md §2 "Receiving and
 * resynchronisation"): bytes are discarded until the magic 0x50 0x54; a candidate is rejected
 * when the version is not 1, a reserved flag bit is set, its payload length is above the
 * maximum, or its CRC does not match. On a rejection only the candidate's first byte is dropped
 * and the search resumes at the next byte, so a corrupted frame never hides the next frame.
 * It accepts both requests and responses; the caller filters by Frame::isResponse().
 */
class FrameDecoder {
public:
    /** `maxPayload`: the largest payload accepted, in bytes (capped at PT_ABSOLUTE_MAX_PAYLOAD). */
    explicit FrameDecoder(quint32 maxPayload = PT_ABSOLUTE_MAX_PAYLOAD);

    /** Appends received bytes to the decoder's buffer. */
    void feed(QByteArrayView bytes);

    /** Returns the next complete, valid frame, or nullopt when the buffered bytes do not (yet)
     *  hold one. Rejected bytes are dropped and counted in discardedBytes(). */
    std::optional<Frame> next();

    /** Bytes dropped so far while searching for frames (garbage, rejected candidates, partial
     *  frames dropped by dropPartial()). */
    quint64 discardedBytes() const { return m_discarded; }

    /** Frames rejected so far (bad version/flags/length or CRC mismatch). */
    quint64 rejectedFrames() const { return m_rejected; }

    /** Bytes buffered but not yet consumed (a partial frame, or bytes not yet searched). */
    qsizetype pendingBytes() const { return m_buffer.size() - m_start; }

    /** Drops all buffered bytes, counting them as discarded. Used when a partial frame has
     *  been idle for 1000 ms (docs/protocol.md §2). */
    void dropPartial();

    /** Changes the largest accepted payload, in bytes (capped at PT_ABSOLUTE_MAX_PAYLOAD). */
    void setMaxPayload(quint32 maxPayload);
    quint32 maxPayload() const { return m_maxPayload; }

    /** Empties the buffer and zeroes the counters. */
    void reset();

private:
    void consume(qsizetype n, bool discard);

    QByteArray m_buffer;
    qsizetype m_start = 0; ///< index of the first unconsumed byte in m_buffer
    quint32 m_maxPayload;
    quint64 m_discarded = 0;
    quint64 m_rejected = 0;
};

} // namespace piton
