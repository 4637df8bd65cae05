// The client's response parsers (protocols/responses.cpp) and the DfuSe alt-setting layout
// string (protocols/dfuse_client.cpp, from the device's USB descriptors). Input byte 0 picks
// the parser; the rest is the response payload. Parser 7 is the error response (message and the
// RATE_LIMITED retry-after field, docs/protocol.md §3): byte 1 is the status (26 = RATE_LIMITED
// in half the cases), the rest the payload; a retry-after comes only with RATE_LIMITED.
#include "fuzz_host.h"
#include "dfuse_client.h"
#include "responses.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray in = piton::fuzz::bytes(data + 1, size - 1);
    using piton::fuzz::requireExplained;
    switch (data[0] % 8) {
    case 0: requireExplained(piton::parsePingResponse(in, 8, 65536)); break;
    case 1: requireExplained(piton::parseInfoResponse(in)); break;
    case 2: requireExplained(piton::parseRegionsResponse(in)); break;
    case 3: requireExplained(piton::parseStagingStatusResponse(in)); break;
    case 4: requireExplained(piton::parseStagedOffset(in, 0x31)); break;
    case 5: requireExplained(piton::parseSessionResponse(in)); break;
    case 6: requireExplained(piton::parseDfuSeLayout(QString::fromUtf8(in))); break;
    default: {
        const int status = in.isEmpty() ? 0 : ((quint8(in[0]) & 1) ? int(PT_E_RATE_LIMITED) : quint8(in[0]) >> 1);
        const piton::Error e = piton::parseErrorResponse(0x50, status, in.mid(1));
        piton::fuzz::require(!e.message.isEmpty() && e.deviceStatus == status && e.kind != piton::ErrorKind::None);
        piton::fuzz::require(!e.retryAfterMs || (status == PT_E_RATE_LIMITED && e.kind == piton::ErrorKind::Device));
        break;
    }
    }
    return 0;
}
