// The client's response parsers (protocols/responses.cpp) and the DfuSe alt-setting layout
// string (protocols/dfuse_client.cpp, from the device's USB descriptors). Input byte 0 picks
// the parser; the rest is the response payload.
#include "fuzz_host.h"
#include "dfuse_client.h"
#include "responses.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray in = piton::fuzz::bytes(data + 1, size - 1);
    using piton::fuzz::requireExplained;
    switch (data[0] % 7) {
    case 0: requireExplained(piton::parsePingResponse(in, 8, 65536)); break;
    case 1: requireExplained(piton::parseInfoResponse(in)); break;
    case 2: requireExplained(piton::parseRegionsResponse(in)); break;
    case 3: requireExplained(piton::parseStagingStatusResponse(in)); break;
    case 4: requireExplained(piton::parseStagedOffset(in, 0x31)); break;
    case 5: requireExplained(piton::parseSessionResponse(in)); break;
    default: requireExplained(piton::parseDfuSeLayout(QString::fromUtf8(in))); break;
    }
    return 0;
}
