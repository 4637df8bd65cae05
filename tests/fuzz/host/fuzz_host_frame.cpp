// The client's frame decoder (protocols/frame.cpp, FrameDecoder): the input arrives in chunks
// (byte 0 sets the chunk size) with a small maximum payload, as from a link. Every frame it
// returns must re-encode to bytes it was given.
#include "fuzz_host.h"
#include "frame.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t chunk = size_t(data[0] % 64) + 1;
    piton::FrameDecoder decoder(data[0] & 0x80 ? 64 : 4096);
    const QByteArray in = piton::fuzz::bytes(data + 1, size - 1);
    for (qsizetype at = 0; at < in.size(); at += qsizetype(chunk)) {
        decoder.feed(QByteArrayView(in).sliced(at, qMin(qsizetype(chunk), in.size() - at)));
        while (auto frame = decoder.next())
            piton::fuzz::require(in.contains(piton::encodeFrame(*frame)));
    }
    piton::fuzz::require(decoder.pendingBytes() <= in.size());
    decoder.dropPartial();
    piton::fuzz::require(decoder.pendingBytes() == 0);
    return 0;
}
