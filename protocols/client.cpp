#include "client.h"

#include "responses.h"

#include <QRandomGenerator>
#include <QThread>

#include <algorithm>

namespace piton {

namespace {
constexpr int PartialFrameIdleMs = 1000; // docs/protocol.md §2
constexpr qsizetype MaxAbandoned = 1024;

Error timeoutError()
{
    return Error::make(ErrorKind::Timeout, QStringLiteral("timed out"));
}
} // namespace

Client::Client(std::unique_ptr<Link> link)
    : m_link(std::move(link)),
      m_decoder(PT_MIN_MAX_PAYLOAD),
      // A random first sequence number keeps answers meant for an earlier session apart.
      m_nextSequence(quint16(QRandomGenerator::global()->bounded(0x10000u)))
{
    m_lastRx.start();
}

Client::~Client()
{
    if (m_link)
        m_link->close();
}

void Client::resetSession()
{
    m_inFlight.clear();
    m_received.clear();
    m_abandoned.clear();
    m_answered.clear();
    m_probeSequences.clear();
    m_recovering = false;
    m_decoder.dropPartial();
}

void Client::close()
{
    m_seal.reset();
    if (m_link)
        m_link->close();
    resetSession();
    m_window = 1;
    m_maxPayload = PT_MIN_MAX_PAYLOAD;
    m_decoder.setMaxPayload(PT_MIN_MAX_PAYLOAD);
}

Result<PingInfo> Client::connect(int timeoutMs)
{
    if (!m_link)
        return Error::make(ErrorKind::Usage, QStringLiteral("client has no link"));
    resetSession();
    m_seal.reset();
    m_window = 1;
    m_maxPayload = PT_MIN_MAX_PAYLOAD;
    m_decoder.setMaxPayload(PT_MIN_MAX_PAYLOAD);

    const quint32 wantPayload = std::min<quint32>(m_link->preferredMaxPayload(), PT_ABSOLUTE_MAX_PAYLOAD);
    QByteArray request;
    appendLe32(request, wantPayload);
    request.append(char(RequestedWindow));
    const int attemptMs = std::clamp(timeoutMs / 3, 300, 1000);

    QElapsedTimer timer;
    timer.start();
    Error last = Error::make(ErrorKind::Timeout, QStringLiteral("no attempt made"));
    for (int attempt = 0;; ++attempt) {
        const qint64 remaining = timeoutMs - timer.elapsed();
        if (remaining <= 0 && attempt > 0)
            break;
        if (!m_link->isOpen()) {
            Result<void> opened = m_link->open();
            if (!opened && attempt == 0)
                return opened.error(); // nothing there (refused, no such port): say so at once;
                                       // Session::reconnect() is the loop that waits for a board
            if (!opened) {
                last = opened.error();
                // The board may be resetting; its port or socket may come back shortly.
                if (timer.elapsed() + 100 < timeoutMs)
                    QThread::msleep(100);
                continue;
            }
            resetSession();
        }
        Result<quint16> seq = send(PT_CMD_PING, request);
        if (!seq) {
            last = seq.error();
            if (timer.elapsed() + 100 < timeoutMs)
                QThread::msleep(100);
            continue;
        }
        const int wait = int(std::clamp<qint64>(timeoutMs - timer.elapsed(), 1, attemptMs));
        Result<QByteArray> answer = receive(*seq, wait);
        if (!answer) {
            last = answer.error();
            if (last.kind == ErrorKind::Link && timer.elapsed() + 100 < timeoutMs)
                QThread::msleep(100); // the link dropped: the board is resetting
            if (last.kind == ErrorKind::Timeout || last.kind == ErrorKind::Link)
                continue; // rebooting board: try again
            return last;
        }
        Result<PingInfo> info = parsePingResponse(*answer, RequestedWindow, wantPayload);
        if (!info)
            return info.error();
        m_ping = *info;
        m_window = info->window;
        m_maxPayload = info->maxPayload;
        m_decoder.setMaxPayload(m_maxPayload);
        return info;
    }
    m_link->close();
    resetSession();
    if (last.kind == ErrorKind::Timeout)
        return Error::make(ErrorKind::Timeout, QStringLiteral("no answer to PING from %1 within %2 ms")
                                                   .arg(m_link->describe()).arg(timeoutMs));
    return Error::make(last.kind, QStringLiteral("cannot reach the board within %1 ms: %2")
                                      .arg(timeoutMs).arg(last.message), last.deviceStatus);
}

Result<void> Client::sendFrame(quint8 command, quint16 sequence, const QByteArray &payload)
{
    Frame f;
    f.command = command;
    f.sequence = sequence;
    f.payload = payload;
    if (m_seal) {
        f.flags = PT_FRAME_FLAG_SEALED;
        const QByteArray header = encodeFrame(Frame{command, sequence, f.flags, 0,
                                                    QByteArray(payload.size() + qsizetype(PT_SEAL_OVERHEAD), '\0')})
                                      .left(PT_FRAME_HEADER_SIZE);
        f.payload = m_seal->seal(header, payload);
    }
    const QByteArray bytes = encodeFrame(f);
    Result<void> r = m_link->write(bytes);
    if (!r) {
        resetSession();
        return r;
    }
    m_bytesSent += quint64(bytes.size());
    ++m_framesSent;
    return {};
}

Result<quint16> Client::send(quint8 command, const QByteArray &payload)
{
    if (!m_link || !m_link->isOpen())
        return Error::make(ErrorKind::Link, QStringLiteral("%1 is not connected")
                                                .arg(m_link ? m_link->describe() : QStringLiteral("link")));
    if (quint64(payload.size()) > maxPayload())
        return Error::make(ErrorKind::Usage, QStringLiteral("%1 request of %2 bytes exceeds the maximum payload of %3 bytes")
                                                 .arg(commandName(command)).arg(payload.size()).arg(maxPayload()));
    if (int(m_inFlight.size()) >= m_window)
        return Error::make(ErrorKind::Usage, QStringLiteral("cannot send %1: %2 requests already in flight (window %3)")
                                                 .arg(commandName(command)).arg(m_inFlight.size()).arg(m_window));
    quint16 seq = m_nextSequence++;
    while (m_abandoned.contains(seq) || m_received.count(seq) != 0)
        seq = m_nextSequence++;
    Result<void> r = sendFrame(command, seq, payload);
    if (!r)
        return r.error();
    m_inFlight.push_back({seq, command, payload});
    return seq;
}

Result<Frame> Client::readFrame(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        while (std::optional<Frame> f = m_decoder.next()) {
            ++m_framesReceived;
            if (f->isResponse())
                return std::move(*f);
            // The host ignores frames without the response flag (§2), e.g. an echo of its own.
        }
        const qint64 remaining = timeoutMs - timer.elapsed();
        if (remaining <= 0)
            return timeoutError();
        qint64 slice = remaining;
        if (m_decoder.pendingBytes() > 0) {
            const qint64 idle = m_lastRx.elapsed();
            if (idle >= PartialFrameIdleMs)
                m_decoder.dropPartial();
            else
                slice = std::min<qint64>(slice, PartialFrameIdleMs - idle + 1);
        }
        Result<QByteArray> bytes = m_link->read(int(slice));
        if (!bytes) {
            resetSession();
            return bytes.error();
        }
        if (!bytes->isEmpty()) {
            m_bytesReceived += quint64(bytes->size());
            m_lastRx.restart();
            m_decoder.feed(*bytes);
        }
    }
}

Result<Frame> Client::unseal(Frame response)
{
    const bool sealedFrame = (response.flags & PT_FRAME_FLAG_SEALED) != 0;
    if (!m_seal) {
        if (sealedFrame)
            return Error::make(ErrorKind::Protocol, QStringLiteral("%1: sealed response on a link without a session")
                                                        .arg(commandName(response.command)));
        return response;
    }
    if (!sealedFrame) {
        if (response.status == PT_OK) {
            m_seal.reset();
            return Error::make(ErrorKind::Protocol, QStringLiteral("%1: unsealed response in a sealed session (altered in transit?); the session has ended")
                                                        .arg(commandName(response.command)));
        }
        m_seal.reset(); // the device ended the session and says why
        return response;
    }
    const QByteArray header = encodeFrame(Frame{response.command, response.sequence, response.flags, response.status,
                                                QByteArray(response.payload.size(), '\0')})
                                  .left(PT_FRAME_HEADER_SIZE);
    Result<QByteArray> plain = m_seal->open(header, response.payload);
    if (!plain) {
        m_seal.reset();
        return Error::make(ErrorKind::Protocol, QStringLiteral("%1: %2; the session has ended")
                                                    .arg(commandName(response.command), plain.error().message));
    }
    response.payload = *plain;
    return response;
}

Result<QByteArray> Client::toResult(const Frame &sealedResponse)
{
    Result<Frame> opened = unseal(sealedResponse);
    if (!opened)
        return opened.error();
    const Frame &response = *opened;
    if (response.status == PT_OK)
        return response.payload;
    return parseErrorResponse(response.command, response.status, response.payload);
}

void Client::abandonFrom(quint16 sequence)
{
    // Responses arrive in order, so when one times out none of the requests in flight can be
    // trusted to be answered in time: abandon them all and skip their answers if they come.
    const Error e = Error::make(ErrorKind::Timeout,
                                QStringLiteral("abandoned: the response to an earlier request (sequence %1) timed out")
                                    .arg(sequence));
    if (m_abandoned.size() + qsizetype(m_inFlight.size()) > MaxAbandoned)
        m_abandoned.clear();
    forgetProbes(); // nobody receives them: no results kept for them
    for (const Pending &p : m_inFlight) {
        m_abandoned.insert(p.sequence);
        if (p.sequence != sequence)
            m_received.insert_or_assign(p.sequence, Result<QByteArray>(e));
    }
    m_inFlight.clear();
}

bool Client::mayRetransmit() const
{
    // REBOOT and UPDATE_COMMIT end in a reset: a repeat could reach the board's next boot.
    return m_retransmitMs > 0 && !m_inFlight.empty()
        && std::none_of(m_inFlight.begin(), m_inFlight.end(), [](const Pending &p) {
               return p.command == PT_CMD_REBOOT || p.command == PT_CMD_UPDATE_COMMIT;
           });
}

void Client::forgetProbes()
{
    for (quint16 p : std::as_const(m_probeSequences)) {
        m_abandoned.insert(p);
        m_inFlight.erase(std::remove_if(m_inFlight.begin(), m_inFlight.end(), [p](const Pending &q) { return q.sequence == p; }),
                         m_inFlight.end());
    }
    m_probeSequences.clear();
}

namespace {
/** The requests that end in a reset, so are not repeated: a probe behind them tells a lost answer
 *  (or request) from a slow one (class comment). */
bool probedCommand(quint8 command) { return command == PT_CMD_UPDATE_COMMIT || command == PT_CMD_REBOOT; }
} // namespace

bool Client::mayProbe() const
{
    return m_retransmitMs > 0 && !m_inFlight.empty() && probedCommand(m_inFlight.front().command) &&
           int(m_inFlight.size()) < m_window;
}

Result<void> Client::retransmit()
{
    // Go back to the oldest request in flight: the device serves in order, so everything after
    // a lost request was refused or served out of order; it answers repeats of what it already
    // served from the responses it kept (docs/protocol.md §2, "Retransmission").
    const std::deque<Pending> again = m_inFlight;
    for (const Pending &p : again) {
        Result<void> r = sendFrame(p.command, p.sequence, p.payload);
        if (!r)
            return r;
        ++m_retransmissions;
    }
    m_recovering = true;
    return {};
}

Result<QByteArray> Client::receive(quint16 sequence, int timeoutMs)
{
    if (auto it = m_received.find(sequence); it != m_received.end()) {
        auto node = m_received.extract(it);
        return std::move(node.mapped());
    }
    const auto mine = std::find_if(m_inFlight.begin(), m_inFlight.end(),
                                   [&](const Pending &p) { return p.sequence == sequence; });
    if (mine == m_inFlight.end())
        return Error::make(ErrorKind::Usage, QStringLiteral("no request with sequence %1 is waiting for a response").arg(sequence));
    const quint8 myCommand = mine->command;

    QElapsedTimer timer;
    timer.start();
    QElapsedTimer quiet; // since the last retransmission (or this call)
    quiet.start();
    for (;;) {
        const qint64 remaining = std::max<qint64>(0, timeoutMs - timer.elapsed());
        const bool repeat = mayRetransmit();
        const bool probe = !repeat && mayProbe();
        // Silence that means a loss: the timeout, plus the line time of what is on its way
        // (the requests in flight and one full response); any byte from the device is progress.
        qint64 onTheWay = qint64(m_maxPayload) + 16;
        for (const Pending &p : m_inFlight)
            onTheWay += p.payload.size() + 16;
        const qint64 lossAfter = m_retransmitMs + onTheWay * m_link->byteTimeUs() / 1000;
        const qint64 silent = std::min(quiet.elapsed(), m_lastRx.elapsed());
        const qint64 slice = repeat || probe ? std::clamp<qint64>(lossAfter - silent, 0, remaining) : remaining;
        Result<Frame> got = readFrame(int(slice));
        if (!got) {
            if (got.error().kind == ErrorKind::Timeout && repeat && timer.elapsed() < timeoutMs) {
                if (std::min(quiet.elapsed(), m_lastRx.elapsed()) < lossAfter)
                    continue; // bytes are arriving: a long frame, not a loss
                if (Result<void> r = retransmit(); !r)
                    return r.error();
                quiet.restart();
                continue;
            }
            if (got.error().kind == ErrorKind::Timeout && probe && timer.elapsed() < timeoutMs) {
                if (std::min(quiet.elapsed(), m_lastRx.elapsed()) < lossAfter)
                    continue;
                // Silence behind UPDATE_COMMIT: ask something harmless behind it (class comment).
                Result<quint16> s = send(PT_CMD_UPDATE_STATUS, {});
                if (!s)
                    return s.error();
                m_probeSequences.insert(*s);
                ++m_probes;
                quiet.restart();
                continue;
            }
            if (got.error().kind == ErrorKind::Timeout) {
                abandonFrom(sequence);
                return Error::make(ErrorKind::Timeout, QStringLiteral("no response to %1 (sequence %2) from %3 within %4 ms")
                                                           .arg(commandName(myCommand)).arg(sequence)
                                                           .arg(m_link->describe()).arg(timeoutMs));
            }
            return got.error();
        }
        quiet.restart();
        const Frame &f = *got;
        if (m_abandoned.remove(f.sequence))
            continue; // late answer to a request that timed out
        if (std::find(m_answered.begin(), m_answered.end(), f.sequence) != m_answered.end())
            continue; // the device answered a repeat of a request whose response came already
        const Pending front = m_inFlight.front();
        if (f.sequence != front.sequence) {
            const bool later = std::any_of(m_inFlight.begin(), m_inFlight.end(),
                                           [&](const Pending &p) { return p.sequence == f.sequence; });
            if (later && probedCommand(front.command) && m_probeSequences.contains(f.sequence)) {
                // The probe was answered first: COMMIT's or REBOOT's answer will not come (class comment).
                forgetProbes();
                m_abandoned.remove(f.sequence); // answered just now
                abandonFrom(front.sequence);
                m_received.erase(sequence);     // the caller gets the loss below
                return Error::make(ErrorKind::Timeout,
                    QStringLiteral("no response to %1 (sequence %2) from %3: the board answered a later request first, so "
                                   "the response was lost or the board never received the request")
                        .arg(commandName(front.command)).arg(front.sequence).arg(m_link->describe()));
            }
            if (later && m_recovering)
                continue; // answered before the repeats: its repeat brings the response again
            if (later && mayRetransmit()) {
                // The oldest request or its response was lost (the device answers in order).
                if (Result<void> r = retransmit(); !r)
                    return r.error();
                continue;
            }
            const Error e = Error::make(ErrorKind::Protocol,
                later ? QStringLiteral("response to sequence %1 (%2) arrived before the response to sequence %3 (%4): responses must come in order")
                            .arg(f.sequence).arg(commandName(f.command)).arg(front.sequence).arg(commandName(front.command))
                      : QStringLiteral("response with unexpected sequence %1 (%2); expected sequence %3 (%4)")
                            .arg(f.sequence).arg(commandName(f.command)).arg(front.sequence).arg(commandName(front.command)));
            // The exchange is out of step: fail every request in flight.
            forgetProbes();
            for (const Pending &p : m_inFlight) {
                m_abandoned.insert(p.sequence);
                if (p.sequence != sequence)
                    m_received.insert_or_assign(p.sequence, Result<QByteArray>(e));
            }
            m_inFlight.clear();
            return e;
        }
        m_inFlight.pop_front();
        if (probedCommand(front.command))
            forgetProbes(); // answered: the probes behind it are of no use
        m_recovering = false;
        m_answered.push_back(f.sequence);
        if (m_answered.size() > 64)
            m_answered.pop_front();
        Result<QByteArray> result = (f.command != front.command)
            ? Result<QByteArray>(Error::make(ErrorKind::Protocol,
                  QStringLiteral("response to sequence %1 carries command %2, the request was %3")
                      .arg(f.sequence).arg(commandName(f.command), commandName(front.command))))
            : toResult(f);
        if (f.sequence == sequence)
            return result;
        m_received.insert_or_assign(f.sequence, std::move(result));
    }
}

Result<QByteArray> Client::call(quint8 command, const QByteArray &payload, int timeoutMs)
{
    Result<quint16> seq = send(command, payload);
    if (!seq)
        return seq.error();
    return receive(*seq, timeoutMs);
}

} // namespace piton
