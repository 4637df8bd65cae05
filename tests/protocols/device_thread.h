// A minimal device on the far end of a file descriptor (pty master or TCP socket), run on its
// own thread: answers PING and READ (READ returns `length` bytes of a counting pattern).
#pragma once

#include "frame.h"
#include "responses.h"

#include <atomic>
#include <thread>

#include <poll.h>
#include <unistd.h>

namespace piton::test {

inline QByteArray pattern(quint32 offset, quint32 length)
{
    QByteArray b(qsizetype(length), Qt::Uninitialized);
    for (quint32 i = 0; i < length; ++i)
        b[i] = char((offset + i) * 31 & 0xFF);
    return b;
}

class DeviceThread {
public:
    /** Serves on `fd` (not owned) until stop(); offers `maxPayload` in PING. */
    DeviceThread(int fd, quint32 maxPayload) : m_fd(fd), m_offer(maxPayload)
    {
        m_thread = std::thread([this] { run(); });
    }
    ~DeviceThread() { stop(); }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    std::atomic<int> requests{0};

private:
    void run()
    {
        FrameDecoder dec;
        char buf[4096];
        while (!m_stop) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0)
                continue;
            if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
                if (!(p.revents & POLLIN))
                    return;
            const ssize_t n = ::read(m_fd, buf, sizeof buf);
            if (n <= 0)
                return;
            dec.feed(QByteArrayView(buf, n));
            while (std::optional<Frame> f = dec.next()) {
                if (f->isResponse())
                    continue;
                ++requests;
                Frame r;
                r.command = f->command;
                r.sequence = f->sequence;
                r.flags = PT_FRAME_FLAG_RESPONSE;
                if (f->command == PT_CMD_PING) {
                    const quint32 host = f->payload.size() == 5 ? readLe32(f->payload, 0) : PT_MIN_MAX_PAYLOAD;
                    const int window = f->payload.size() == 5 ? quint8(f->payload[4]) : 1;
                    r.payload.append(char(PT_STAGE_BOOTLOADER));
                    r.payload.append(char(1));
                    r.payload.append(char(std::min(window, 4)));
                    r.payload.append(char(0));
                    appendLe32(r.payload, std::min(host, m_offer));
                    appendLe32(r.payload, PT_CAP_READ);
                    dec.setMaxPayload(std::min(host, m_offer));
                } else if (f->command == PT_CMD_READ && f->payload.size() == 12) {
                    r.payload = pattern(readLe32(f->payload, 4), readLe32(f->payload, 8));
                } else {
                    r.status = PT_E_UNKNOWN_COMMAND;
                    r.payload = "unknown command";
                }
                const QByteArray out = encodeFrame(r);
                qsizetype done = 0;
                while (done < out.size()) {
                    const ssize_t w = ::write(m_fd, out.constData() + done, size_t(out.size() - done));
                    if (w < 0) {
                        pollfd q{m_fd, POLLOUT, 0};
                        ::poll(&q, 1, 20);
                        continue;
                    }
                    done += w;
                }
            }
        }
    }

    int m_fd;
    quint32 m_offer;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace piton::test
