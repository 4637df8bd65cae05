// A scripted, in-process fake device behind the Link interface, for Client tests.
#pragma once

#include "frame.h"
#include "link.h"
#include "responses.h"

#include <QList>
#include <QThread>

#include <functional>

namespace piton::test {

/** One entry of a tag-length-value list (INFO response, docs/protocol.md §4): u8 tag, u8 length,
 *  the value (at most 255 bytes). */
inline QByteArray tlv(int tag, const QByteArray &value)
{
    QByteArray out;
    out.append(char(tag));
    out.append(char(value.size()));
    out.append(value);
    return out;
}

/** Builds a response frame's bytes for `request`. */
inline QByteArray respond(const Frame &request, const QByteArray &payload, quint8 status = PT_OK)
{
    Frame f;
    f.command = request.command;
    f.sequence = request.sequence;
    f.flags = PT_FRAME_FLAG_RESPONSE;
    f.status = status;
    f.payload = payload;
    return encodeFrame(f);
}

/** Canonical PING response payload. */
inline QByteArray pingPayload(int stage, int window, quint32 maxPayload, quint32 caps)
{
    QByteArray p;
    p.append(char(stage));
    p.append(char(1));
    p.append(char(window));
    p.append(char(0));
    appendLe32(p, maxPayload);
    appendLe32(p, caps);
    return p;
}

/**
 * Decodes the host's requests as they are written and hands each to `handler`, whose returned
 * bytes are queued for the host to read. The handler sees every request (in `requests` too) and
 * may return nothing (no answer), or answers to earlier requests it held back.
 */
class FakeLink : public Link {
public:
    using Handler = std::function<QByteArray(const Frame &request)>;

    explicit FakeLink(Handler handler, quint32 preferred = 4096)
        : m_handler(std::move(handler)), m_preferred(preferred) {}

    Result<void> open() override
    {
        ++opens;
        if (failOpens > 0) {
            --failOpens;
            return Error::make(ErrorKind::Link, QStringLiteral("fake: port not there yet"));
        }
        m_open = true;
        return {};
    }
    void close() override { m_open = false; }
    bool isOpen() const override { return m_open; }

    Result<void> write(const QByteArray &bytes) override
    {
        if (!m_open)
            return Error::make(ErrorKind::Link, QStringLiteral("fake: closed"));
        written += bytes;
        m_decoder.feed(bytes);
        while (std::optional<Frame> f = m_decoder.next()) {
            requests.append(*f);
            pending += m_handler(*f);
        }
        return {};
    }

    Result<QByteArray> read(int timeoutMs) override
    {
        if (!m_open)
            return Error::make(ErrorKind::Link, QStringLiteral("fake: closed"));
        if (pending.isEmpty()) {
            if (dropWhenIdle) {
                m_open = false;
                return Error::make(ErrorKind::Link, QStringLiteral("fake: device went away"));
            }
            QThread::msleep(ulong(std::max(timeoutMs, 0)));
            return QByteArray();
        }
        const qsizetype n = std::min<qsizetype>(pending.size(), chunk);
        QByteArray out = pending.left(n);
        pending.remove(0, n);
        delivered += quint64(out.size());
        return out;
    }

    QString describe() const override { return QStringLiteral("fake link"); }
    quint32 preferredMaxPayload() const override { return m_preferred; }

    QList<Frame> requests;     ///< every request the host sent, in order
    QByteArray written;        ///< every byte the host wrote
    QByteArray pending;        ///< bytes waiting to be read by the host
    qsizetype chunk = 1 << 30; ///< at most this many bytes per read()
    bool dropWhenIdle = false; ///< read() with nothing pending reports the link lost
    int failOpens = 0;         ///< this many open() calls fail first
    int opens = 0;
    quint64 delivered = 0;     ///< bytes handed to the host by read()

private:
    Handler m_handler;
    quint32 m_preferred;
    FrameDecoder m_decoder;
    bool m_open = false;
};

} // namespace piton::test
