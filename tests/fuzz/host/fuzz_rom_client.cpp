// The STM32 ROM loader client's reply parsing (protocols/rom_client.cpp, AN3155 rev 14), stateful:
// the real RomClient holds a whole conversation with a fake chip on a fake link whose answers
// come from the input (ACK/NACK of every command stage, Get, Get Version through
// resynchronise(), Get ID, Read Memory data, the ACKs of Write Memory, Extended Erase, Go and
// Readout Unprotect, and silence).
//
// Input:
//   u8 ops            (ops & 15) + 1 client operations follow, 8 bytes each:
//     u8 kind, u32 address (big-endian), u8 length-1, u16 arg (big-endian)
//     kind % 10: 0 synchronise, 1 info (Get + Get ID), 2 read(address, length),
//                3 write(address & ~3, length bytes), 4 eraseSectors(arg % 8 + 1 sectors from
//                arg >> 8), 5 massErase, 6 go(address), 7 readoutUnprotect, 8 resynchronise,
//                9 read as the recovery ladder does (on failure: resynchronise, read again)
//   then the chip's answers, one chunk per read() of the link:
//     u8 n: 0 = silence (the link returns nothing; the wait passes on the fake clock at once),
//           1..255 = n bytes follow
//   The input exhausted: the link is gone (ErrorKind::Link), the conversation ends.
// Time passes only when the link is silent or the client sleeps (RomClient::setClock), so the
// 1 s answer waits and the 20 s resynchronisation budget cost nothing.
// Checks: no crash, no hang; every refusal is explained; a read returns exactly the bytes asked
// for; info() lists at most 255 commands and names a chip only for its product id; no operation
// with arguments inside the limits is refused as usage; resynchronise() keeps its 20 s budget.
#include "rom_conversations.h"

#include "link.h"

namespace {

using namespace piton;

struct Answers {
    const uint8_t *data = nullptr;
    size_t size = 0;
    size_t at = 0;
    fuzz::FakeClock clock;
};

class FuzzLink : public Link {
public:
    explicit FuzzLink(Answers &a) : m_a(a) {}
    Result<void> open() override { return {}; }
    void close() override {}
    bool isOpen() const override { return true; }
    Result<void> write(const QByteArray &bytes) override
    {
        if (m_a.at >= m_a.size)
            return Error::make(ErrorKind::Link, QStringLiteral("fuzz link: input exhausted"));
        fuzz::require(!bytes.isEmpty());
        return {};
    }
    Result<QByteArray> read(int timeoutMs) override
    {
        if (m_a.at >= m_a.size)
            return Error::make(ErrorKind::Link, QStringLiteral("fuzz link: input exhausted"));
        const size_t n = m_a.data[m_a.at++];
        if (n == 0) {
            fuzz::require(timeoutMs > 0 && timeoutMs <= 40000);
            m_a.clock.now += timeoutMs;
            return QByteArray();
        }
        const size_t take = std::min(n, m_a.size - m_a.at);
        QByteArray out(reinterpret_cast<const char *>(m_a.data + m_a.at), qsizetype(take));
        m_a.at += take;
        if (out.isEmpty())
            return Error::make(ErrorKind::Link, QStringLiteral("fuzz link: input exhausted"));
        return out;
    }
    QString describe() const override { return QStringLiteral("fuzz link"); }
    quint32 preferredMaxPayload() const override { return 256; }

private:
    Answers &m_a;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const size_t ops = (data[0] & 15) + 1;
    if (size < 1 + ops * 8)
        return 0;
    Answers a;
    a.data = data + 1 + ops * 8;
    a.size = size - 1 - ops * 8;
    FuzzLink link(a);
    RomClient rom(link);
    rom.setClock([&a] { return a.clock.now; }, [&a](int ms) { a.clock.now += ms; });

    fuzz::driveRom(rom, data + 1, ops, a.clock);
    return 0;
}
