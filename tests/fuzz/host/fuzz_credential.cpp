// Credential reader (core/access/credential.cpp, docs/protocol.md §6.1): any bytes are either a
// credential whose fields are in range and that encodes back to the same bytes, or an explained
// Format error.
#include "fuzz_host.h"
#include "access/credential.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray in = piton::fuzz::bytes(data, size);
    const auto c = piton::parseCredential(in);
    piton::fuzz::requireExplained(c);
    if (c) {
        piton::fuzz::require(c->bytes == in && c->role >= PT_ROLE_OBSERVER && c->role <= PT_ROLE_FACTORY);
        piton::fuzz::require(c->subject.size() == 65 && c->issuer.size() == 32 && c->uniqueId.size() <= 16);
    }
    return 0;
}
