// Client: blocking request/response over a Link with sequence numbers and a window of requests
// in flight (docs/protocol.md §1, §2, §4.1).
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QSet>

#include <algorithm>

#include <deque>
#include <map>
#include <memory>

#include "device_types.h"
#include "error.h"
#include "frame.h"
#include "link.h"

namespace piton {

/**
 * The sealing of an authenticated session (docs/protocol.md §6.4), installed into a Client
 * after the handshake (core/access). `header` is the frame's 12-byte header as it goes on the
 * wire (its length field counts the sealed payload).
 */
class FrameSeal {
public:
    virtual ~FrameSeal() = default;
    /** The sealed payload (u64 counter, ciphertext, 16-byte tag) of a request. */
    virtual QByteArray seal(QByteArrayView header, QByteArrayView payload) = 0;
    /** The plaintext of a sealed response; an error (tag, counter) when it was altered,
     *  replayed or reordered. */
    virtual Result<QByteArray> open(QByteArrayView header, QByteArrayView sealed) = 0;
};

/**
 * Speaks the Piton wire protocol over one Link. Blocking, used from one thread (like its Link).
 *
 * Errors reported by call()/receive():
 * - ErrorKind::Device: the device answered with an error status; Error::deviceStatus holds the
 *   status code and the message contains the device's own message.
 * - ErrorKind::Verify: the same for PT_E_VERIFY_SIGNATURE..PT_E_VERIFY_COUNTER (12..16).
 * - ErrorKind::Protocol: a response with an unexpected command or sequence number.
 * - ErrorKind::Timeout: no response in time. The request is abandoned: a late response to it is
 *   recognised by its sequence number and ignored.
 *
 * Retransmission (docs/protocol.md §2, "Retransmission"): when no frame arrives for
 * retransmitTimeoutMs() while requests are in flight, or a response to a later request arrives
 * before the oldest one's (the device answers in order, so the oldest request or its response
 * was lost), the client sends every request in flight again, unchanged (same sequence numbers,
 * same bytes), until the caller's timeout is over. The device answers a repeat from the response
 * it kept instead of executing it twice; a response that arrives twice is taken once. REBOOT and
 * UPDATE_COMMIT are not repeated (the device resets after answering them).
 * Probe (docs/protocol.md §2, "Retransmission"): when UPDATE_COMMIT or REBOOT is the oldest
 * request in flight and nothing arrives for the same silence, the client sends an UPDATE_STATUS
 * (read-only) behind it, once per silence and while the window has room. The device answers in
 * order, so an answer to the probe before COMMIT's (REBOOT's) means that answer was lost or the
 * device never received the request (or, after REBOOT, the board reset and answers the probe
 * as its next boot): call()/receive() then end at once with a Timeout error saying so (all
 * requests in flight abandoned) instead of waiting out the timeout; a device still checking the
 * package answers COMMIT first and the probe's answer is skipped.
 * - ErrorKind::Link: the link is closed or was lost.
 *
 * Frames without the response flag are ignored (the host ignores requests, §2); partial frames
 * idle for 1000 ms are dropped.
 */
class Client {
public:
    /** Window and payload the client asks for in PING. */
    static constexpr int RequestedWindow = 4;

    explicit Client(std::unique_ptr<Link> link);
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    /**
     * Opens the link (when closed) and sends PING asking for maxPayload =
     * link->preferredMaxPayload() and window 4; stores the granted values. When the link
     * cannot be opened at all (TCP connection refused, no such serial port, no USB board) the
     * Link error comes back at once; a board that opens but does not answer yet (rebooting) is
     * PINGed again, and a link that drops meanwhile reopened, until `timeoutMs` milliseconds have
     * passed (Session::reconnect() loops over this to wait for a board after a reset). Errors:
     * the last failure (Link, Timeout, Protocol for a malformed PING response, Device).
     */
    Result<PingInfo> connect(int timeoutMs = 3000);

    /** Sends one request and waits up to `timeoutMs` ms for its response; returns the response
     *  payload. Refused (ErrorKind::Usage) when the payload exceeds maxPayload() or the window
     *  is full of pipelined requests. Errors: see the class comment. */
    Result<QByteArray> call(quint8 command, const QByteArray &payload, int timeoutMs = 5000);

    /** Pipelining: sends one request without waiting and returns its sequence number. Refused
     *  (ErrorKind::Usage) when window() requests are already in flight (receive one first) or
     *  the payload exceeds maxPayload(). ErrorKind::Link when the link is closed or lost. */
    Result<quint16> send(quint8 command, const QByteArray &payload);

    /** Waits up to `timeoutMs` ms for the response to the request `sequence` sent by send().
     *  Responses arrive in request order; responses to earlier requests that arrive first are
     *  kept for their own receive(). ErrorKind::Usage when nothing with that sequence is
     *  pending. On Timeout, `sequence` and all requests sent after it are abandoned. */
    Result<QByteArray> receive(quint16 sequence, int timeoutMs);

    /** Milliseconds without any frame from the device after which the requests in flight are
     *  sent again (default DefaultRetransmitMs); 0 turns retransmission off. */
    void setRetransmitTimeoutMs(int ms) { m_retransmitMs = std::max(0, ms); }
    int retransmitTimeoutMs() const { return m_retransmitMs; }
    static constexpr int DefaultRetransmitMs = 1500;
    /** Requests sent again so far (each frame counts once). */
    quint64 retransmissions() const { return m_retransmissions; }
    /** UPDATE_STATUS probes sent behind an unanswered UPDATE_COMMIT so far (see the class comment). */
    quint64 probes() const { return m_probes; }

    /** Requests sent whose response has not yet been received from the link. */
    int inFlight() const { return int(m_inFlight.size()); }

    /** Negotiated maximum payload in bytes (PT_MIN_MAX_PAYLOAD before connect()); in a sealed
     *  session the plaintext a frame can carry (PT_SEAL_OVERHEAD less). */
    quint32 maxPayload() const { return m_seal ? m_maxPayload - PT_SEAL_OVERHEAD : m_maxPayload; }

    /** Seals every later request and expects sealed responses (after the handshake,
     *  docs/protocol.md §6). A sealed response that fails to open, or an unsealed OK response,
     *  is a Protocol error; an unsealed error response means the device ended the session: the
     *  seal is dropped. connect() and close() drop it too. */
    void setSeal(std::shared_ptr<FrameSeal> seal) { m_seal = std::move(seal); }
    bool isSealed() const { return m_seal != nullptr; }
    /** Negotiated window (1 before connect()). */
    int window() const { return m_window; }
    /** The last PING response (defaults before connect()). */
    const PingInfo &pingInfo() const { return m_ping; }

    /** Closes the link and forgets requests in flight. connect() may be called again. */
    void close();
    Link *link() { return m_link.get(); }

    /** All bytes written to / read from the link, frames and overhead included. */
    quint64 bytesSent() const { return m_bytesSent; }
    quint64 bytesReceived() const { return m_bytesReceived; }
    /** Frames written to / decoded from the link since the client was made (every request,
     *  PING included; every frame received, also one ignored or abandoned): how many round trips
     *  a job costs (piton-cli --stats, the GUI's job log, bench/throughput). */
    quint64 framesSent() const { return m_framesSent; }
    quint64 framesReceived() const { return m_framesReceived; }
    /** Received bytes the frame decoder dropped (line noise, corrupted frames). */
    quint64 discardedBytes() const { return m_decoder.discardedBytes(); }

private:
    struct Pending {
        quint16 sequence;
        quint8 command;
        QByteArray payload; ///< kept for a retransmission
    };
    Result<void> sendFrame(quint8 command, quint16 sequence, const QByteArray &payload);
    Result<Frame> readFrame(int timeoutMs);
    Result<QByteArray> toResult(const Frame &response);
    Result<Frame> unseal(Frame response);
    void abandonFrom(quint16 sequence);
    Result<void> retransmit();
    bool mayRetransmit() const;
    /** True when the oldest request in flight is UPDATE_COMMIT and the window has room for a probe. */
    bool mayProbe() const;
    void resetSession();

    std::unique_ptr<Link> m_link;
    FrameDecoder m_decoder;
    quint16 m_nextSequence;
    quint32 m_maxPayload = PT_MIN_MAX_PAYLOAD;
    int m_window = 1;
    PingInfo m_ping;
    std::deque<Pending> m_inFlight;
    std::map<quint16, Result<QByteArray>> m_received; ///< responses read ahead of their receive()
    QSet<quint16> m_abandoned;                     ///< timed-out requests whose answers to skip
    std::deque<quint16> m_answered;                ///< the last sequences answered: repeats to skip
    bool m_recovering = false;                     ///< requests in flight were sent again
    int m_retransmitMs = DefaultRetransmitMs;
    quint64 m_retransmissions = 0;
    quint64 m_probes = 0;
    QSet<quint16> m_probeSequences;               ///< probes in flight behind UPDATE_COMMIT
    /** Takes the probes out of the requests in flight; their answers, if any come, are skipped. */
    void forgetProbes();
    QElapsedTimer m_lastRx;
    quint64 m_bytesSent = 0;
    quint64 m_bytesReceived = 0;
    quint64 m_framesSent = 0;
    quint64 m_framesReceived = 0;
    std::shared_ptr<FrameSeal> m_seal;
};

} // namespace piton
